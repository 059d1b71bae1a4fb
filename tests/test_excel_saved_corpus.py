"""Corpus files as Excel and LibreOffice save them for a newcomer: BOM, CRLF, semicolons, Arabic headers.

Each test starts from a file written the way a spreadsheet program writes it and checks what a
researcher reads in ``skipped.csv`` or in the error: the problems earlier newcomer sessions met.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus import Columns, read_corpus
from analysis.errors import FramingInputError

#: Arabic column names, as a newcomer's own export has them.
ARABIC = Columns(text="النص", id="المعرف", outlet="الصحيفة", date="التاريخ")


def excel_csv(path: Path, header: list[str], rows: list[list[str]], *, first: str = "") -> Path:
    """A CSV file as Excel saves it in a European locale: UTF-8 with BOM, CRLF, semicolons."""
    lines = [first] if first else []
    lines += [";".join(header), *(";".join(row) for row in rows)]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def articles(n: int) -> list[list[str]]:
    """``n`` rows of an article table: id, outlet, a day-first date, a text."""
    return [[f"a{i}", "عكاظ", f"{i % 28 + 1:02d}/03/2020", f"قال المسؤول في الخبر رقم {i}"] for i in range(1, n + 1)]


def test_a_refused_row_after_a_record_over_many_lines_names_its_lines_in_the_file(tmp_path):
    # A quotation mark opened in a cell and closed only rows later joins those rows into one record: the
    # reader's rows (records, as a spreadsheet numbers them) then drift from the lines a text editor shows.
    # Before, "row 9" named a record on line 16; now its lines are named, and a record over many lines is
    # said to be most likely an unclosed quotation mark.
    rows = articles(12)
    rows[3][3] = '"بداية اقتباس لم يغلق في الخبر'  # record 5 (row 5): a quote opened
    rows[9][3] = 'نهاية" الاقتباس'  # and the one that makes row 5 not valid CSV, on line 11
    del rows[11][3]  # a12 lost its text cell: a short row, on line 13
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    corpus = read_corpus(path, columns=ARABIC)
    errors = [(row, problem) for row, problem in zip(corpus.errors.row, corpus.errors.problem)]
    assert errors == [
        (5, "not valid CSV (';' expected after '\"'): a stray or unterminated quotation mark? These lines are not "
         "read [lines 5-11 of corpus.csv: one record over 7 lines, most likely a quotation mark that opens a cell on "
         "line 5 and is not closed where the cell ends, so that the lines below were read into that cell; close it "
         '(or double it: "") and read again]'),
        (7, "fewer cells than the header (3, not 4): a cell lost, or a line break outside quotation marks? [line 13 "
         "of corpus.csv; row 7 counts records, as a spreadsheet does: an earlier record spans several lines]"),
    ]  # fmt: skip
    assert corpus.documents.doc_id.tolist() == ["a1", "a2", "a3", "a11"]


def test_an_excel_sep_line_names_the_separator_and_rows_are_numbered_as_excel_shows_them(tmp_path):
    # Excel writes "sep=;" above the header and hides it when it opens the file: the header is its row 1.
    # Before, the reader refused the file and said to delete the line (in a text editor: Excel hides it).
    rows = articles(3) + [["a4", "عكاظ", "01/04/2020"]]  # a row that lost its text cell
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows, first="sep=;")
    corpus = read_corpus(path, columns=ARABIC)
    assert corpus.documents.doc_id.tolist() == ["a1", "a2", "a3"]
    assert corpus.documents.row.tolist() == [2, 3, 4] and corpus.documents.outlet.tolist() == ["عكاظ"] * 3
    assert corpus.errors.row.tolist() == [5]
    assert corpus.errors.problem.tolist() == [
        "fewer cells than the header (3, not 4): a cell lost, or a line break outside quotation marks? "
        "[line 6 of corpus.csv]"
    ]
    # A lexicon saved the same way reads too (it was taken for a title row above the header).
    from analysis.lexicon import load_actors

    lexicon = excel_csv(tmp_path / "actors.csv", ["actor", "alias"], [["حفتر", "حفتر"]], first="sep=;")
    assert [(entry.label, entry.row) for entry in load_actors(lexicon).entries] == [("حفتر", 2)]
    # A separator that is not read is named, with what to do.
    odd = excel_csv(tmp_path / "odd.csv", ["المعرف", "النص"], [["a1", "نص"]], first="sep=|")
    with pytest.raises(
        FramingInputError,
        match=r"odd\.csv, row 1: the first line 'sep=\|' names a separator that "
        r"is not read \(comma, semicolon or tab\): save the file again as 'CSV UTF-8",
    ):
        read_corpus(odd, columns=ARABIC)


def test_a_semicolon_csv_of_a_european_excel_is_read_without_a_sep_line(tmp_path):
    # Excel in a locale with a decimal comma saves semicolons, and quotes a cell holding one.
    rows = [["a1", "عكاظ", "31/12/2019", '"قال; ثم أضاف"'], ["a2", "سبق", "30/12/2019", "نص"]]
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    documents = read_corpus(path, columns=ARABIC).documents
    assert documents.text.tolist() == ["قال; ثم أضاف", "نص"] and documents.month.tolist() == ["2019-12"] * 2


def test_every_unreadable_row_is_named_in_one_message(tmp_path, capsys):
    # Without --skip-bad the command stopped at the first bad row: fix it, run again, meet the next.
    # Now every one is named (file, row, lines), with --skip-bad and where skipped rows go.
    from analysis.cli import main

    rows = articles(30)
    for index in (2, 9, 20):
        del rows[index][3]  # rows 4, 11 and 22 lost their text cell
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    columns = ["--text-column", "النص", "--id-column", "المعرف", "--outlet-column", "الصحيفة"]
    status = main(["count", str(path), *columns, "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert status == 2 and not (tmp_path / "out" / "hits.csv").exists()
    short = "fewer cells than the header (3, not 4): a cell lost, or a line break outside quotation marks?"
    assert err.endswith(
        f"framing: error: {path}, row 4: {short} [line 4 of corpus.csv]\n"
        "3 unreadable records in all; fix each (or use --skip-bad to skip and report such records: each is a row "
        "of skipped.csv in the output folder):\n"
        f"  {path}, row 4: {short} [line 4 of corpus.csv]\n"
        f"  {path}, row 11: {short} [line 11 of corpus.csv]\n"
        f"  {path}, row 22: {short} [line 22 of corpus.csv]\n"
    )
    # The same in Python: read_documents (and Corpus.raise_for_errors) name them all.
    from analysis.ingest import read_documents

    with pytest.raises(FramingInputError) as caught:
        read_documents(path, columns=ARABIC)
    assert str(caught.value).splitlines()[1:] == [
        "3 unreadable records in all; fix each (or leave them out of the paths read: read_corpus, notebooks 04-07 "
        "and framing count --skip-bad skip them and list each in the report, skipped.csv):",
        *(f"  {path}, row {row}: {short} [line {row} of corpus.csv]" for row in (4, 11, 22)),
    ]


def test_reading_on_for_more_unreadable_rows_names_a_file_that_cannot_be_read_at_all(tmp_path, capsys):
    from analysis.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.csv").write_text("id,text\na1,نص\na2\na3,نص آخر\n", encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"x\x00\x00y")
    status = main(["count", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert status == 2 and err.endswith(
        "[line 3 of a.csv] (use --skip-bad to skip and report such records: each is a row of skipped.csv in the output "
        "folder)\n(reading on to find more stopped at a file that cannot be read at all: "
        f"{corpus / 'b.txt'}, byte 1: has a NUL byte: this is a binary file, not text; save or export it as plain "
        "text (UTF-8).)\n"
    )


def test_more_than_twenty_unreadable_rows_are_counted_after_the_first_twenty(tmp_path):
    rows = [row[:3] for row in articles(25)]  # no row has its text cell
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    with pytest.raises(FramingInputError) as caught:
        read_corpus(path, columns=ARABIC).raise_for_errors()
    lines = str(caught.value).splitlines()
    assert lines[1].startswith("25 unreadable records in all, the first 20 listed; fix each")
    assert len(lines) == 23 and lines[-2].startswith(f"  {path}, row 21: ") and lines[-1] == "  … and 5 more"


def arabic_config(folder: Path, corpus: str) -> Path:
    """``folder/framing.toml`` with ``corpus`` under ``[corpus]`` and the Arabic headers of :data:`ARABIC`."""
    config = folder / "framing.toml"
    columns = "".join(f'{role} = "{getattr(ARABIC, role)}"\n' for role in ("text", "id", "outlet", "date"))
    config.write_text(f"[corpus]\n{corpus}\n[columns]\n{columns}", encoding="utf-8")
    return config


def workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """An .xlsx file with one sheet per item, as a newcomer keeps one outlet (or year) per sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_the_sheet_of_a_workbook_is_chosen_in_the_configuration(tmp_path, monkeypatch, capsys):
    # Before: no configuration key chose a sheet; the notebooks' read_corpus(as_paths(CORPUS), columns=COLUMNS)
    # and framing count --config stopped at a workbook of two sheets.
    from analysis.cli import main
    from analysis.config import load_config

    header = ["المعرف", "الصحيفة", "التاريخ", "النص"]
    book = workbook(tmp_path / "news.xlsx", {
        "2019": [header, ["b1", "عكاظ", "2019-12-31", "قالت الميليشيات في الخبر"]],
        "2020": [header, ["c1", "سبق", "2020-01-02", "نص الخبر الأول"], ["c2", "سبق", "2020-01-03", "نص الخبر الثاني"]],
    })  # fmt: skip
    config = arabic_config(tmp_path, 'paths = ["news.xlsx"]\nsheet = "2020"')
    loaded = load_config(config)
    assert loaded.sheet == "2020"
    documents = read_corpus(loaded.corpus, columns=loaded.columns, sheet=loaded.sheet).documents
    assert documents.doc_id.tolist() == ["c1", "c2"]
    status = main(["count", "--config", str(config), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"])
    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").count("\nc") == 2
    # A name the workbook lacks: the sheets it has, and where to name one.
    config.write_text(config.read_text(encoding="utf-8").replace('"2020"', '"2021"'), encoding="utf-8")
    status = main(["count", "--config", str(config), "--out", str(tmp_path / "out2"), "--workers", "1"])
    assert status == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"{book}: has no sheet '2021'; its sheets are '2019', '2020': name one of them with --sheet, or sheet = "
            f'"..." under [corpus] of {config} (read_corpus(..., sheet=...) in Python).'
        )
    )
    # Without the key, the two sheets are named and the key is said.
    with pytest.raises(FramingInputError, match=r"2 sheets \('2019', '2020'\) .* sheet = \"\.\.\.\" under \[corpus\]"):
        read_corpus(book, columns=ARABIC)


def test_day_first_dates_of_an_excel_column_give_one_summary_not_a_warning_per_row(tmp_path):
    # 31/12/2019-style dates: each date with a day up to 12 was an "ambiguous date" warning of its own row
    # (here 17 of 60: rows 29-40 and 57-61; day = month is no doubt). Now the column's dates decide one rule,
    # and one note says which, how many, and the rows.
    rows = [[f"a{i}", "عكاظ", f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2019", f"نص الخبر {i}"] for i in range(1, 61)]
    rows[6][2] = "أمس"  # a date that cannot be read: still its own warning, and named in the summary (row 8)
    path = excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    corpus = read_corpus(path, columns=ARABIC)
    report = corpus.report
    assert report.level.tolist() == ["warning", "note"] and report.row.tolist()[0] == 8 and report.row.isna()[1]
    assert report.problem.tolist() == [
        "unparseable date 'أمس'",
        "dates of corpus.csv: 59 read; the numeric ones are day-first (dd/mm/yyyy), as '13/01/2019' (row 13) shows, "
        "a day above 12, and none has a month above 12: 17 that read both ways (such as 03/04/2015; rows 29, 30, 31, "
        "32, 33, 34, 35, 36, 37, 38, 39, 40, 57, 58, 59, 60, 61) were read day-first; not read: 1 (row 8; each a "
        "warning row)",
    ]
    assert corpus.documents.day[:3].tolist() == ["2019-02-02", "2019-03-03", "2019-04-04"]
    assert corpus.documents.set_index("doc_id").loc["a24", "day"] == "2019-01-25"


def test_date_format_in_the_configuration_reads_every_date_by_it(tmp_path, capsys):
    from analysis.cli import main
    from analysis.config import load_config

    rows = [["a1", "عكاظ", "03/04/2020", "قالت الميليشيات"], ["a2", "عكاظ", "04/05/2020", "نص"]]
    excel_csv(tmp_path / "corpus.csv", ["المعرف", "الصحيفة", "التاريخ", "النص"], rows)
    config = arabic_config(tmp_path, 'paths = ["corpus.csv"]\ndate_format = "%m/%d/%Y"')
    loaded = load_config(config)
    assert loaded.date_format == "%m/%d/%Y"
    documents = read_corpus(loaded.corpus, columns=loaded.columns, date_format=loaded.date_format).documents
    assert documents.day.tolist() == ["2020-03-04", "2020-04-05"]
    out = tmp_path / "out"
    assert main(["count", "--config", str(config), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    skipped = (out / "skipped.csv").read_text(encoding="utf-8")
    assert "dates of corpus.csv read with date_format '%m/%d/%Y': 2" in skipped
    # Written as a spreadsheet shows it, not as strptime reads it: refused, with the format to write.
    config.write_text(config.read_text(encoding="utf-8").replace("%m/%d/%Y", "dd/mm/yyyy"), encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    assert str(caught.value) == (
        f"{config}: 'corpus.date_format': 'dd/mm/yyyy' is not a format of Python's strptime: write it with % codes, "
        "e.g. '%d/%m/%Y'"
    )

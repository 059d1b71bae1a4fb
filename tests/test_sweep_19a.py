"""Messy inputs of a researcher over the newest reading features: .tsv files, exclude patterns, dates, NUL bytes.

Each test is one file as a program or a hand saves it, with the read expected: the text as written,
or a report row or error that names the file, row or byte and says what to do.
"""

import csv
from pathlib import Path

from analysis import Columns, read_corpus

QUOTED_START = '"الإرهابيين" هاجموا القوات في الشمال'


def test_a_google_sheets_tsv_whose_texts_begin_with_a_quotation_mark_is_read_as_written(tmp_path):
    # Google Sheets writes a .tsv without quoting: a text that opens with a quoted word was refused row by row.
    lines = [
        "id\ttext\tdate",
        f"a1\t{QUOTED_START}\t2020-03-05",
        'a2\tقال "المسؤول" إن\t2020-03-06',
        'a3\t"قال\t2020-03-07',
    ]
    (tmp_path / "sheet.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    corpus = read_corpus(tmp_path, dedupe=False)
    assert corpus.documents["text"].tolist() == [QUOTED_START, 'قال "المسؤول" إن', '"قال']
    assert corpus.errors.empty
    (note,) = corpus.report.itertuples()
    assert (note.level, note.action) == ("note", "read plain")
    assert "2 row(s) are refused (the first: row 2, not valid CSV" in note.problem
    assert "every quotation mark is kept as written" in note.problem


def test_a_libreoffice_tsv_with_quoted_cells_stays_read_quoted(tmp_path):
    # LibreOffice doubles a quotation mark inside a quoted cell: the same text, read the spreadsheet's way.
    with (tmp_path / "calc.tsv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerows([["id", "text"], ["a1", QUOTED_START], ["a2", "سطر أول\nسطر ثان"]])
    assert '"""الإرهابيين""' in (tmp_path / "calc.tsv").read_text(encoding="utf-8")
    corpus = read_corpus(tmp_path, dedupe=False)
    assert corpus.documents["text"].tolist() == [QUOTED_START, "سطر أول\nسطر ثان"]
    assert corpus.report.empty


def test_a_tsv_in_windows_1256_or_utf16_with_a_quoted_start_is_read_plain(tmp_path):
    body = f"id\ttext\r\na1\t{QUOTED_START}\r\n"
    (tmp_path / "arabic.tsv").write_bytes(body.encode("cp1256"))
    (tmp_path / "unicode.tsv").write_bytes(body.replace("a1", "u1").encode("utf-16"))
    corpus = read_corpus(tmp_path, dedupe=False)
    assert corpus.documents[["doc_id", "text", "encoding"]].values.tolist() == [
        ["a1", QUOTED_START, "cp1256"], ["u1", QUOTED_START, "utf-16"],
    ]  # fmt: skip
    assert corpus.report["action"].tolist() == ["kept", "read plain", "read plain"]


def test_a_tsv_mixing_both_quotings_is_refused_row_by_row_not_guessed(tmp_path):
    (tmp_path / "mixed.tsv").write_text(f'id\ttext\na1\t"قال ""لا"" الوزير"\na2\t{QUOTED_START}\n', encoding="utf-8")
    corpus = read_corpus(tmp_path, dedupe=False)
    assert corpus.documents["text"].tolist() == ['قال "لا" الوزير']
    assert corpus.errors[["row", "level"]].values.tolist() == [[3, "error"]]
    assert "not valid CSV" in corpus.errors["problem"].iloc[0]


def test_a_one_column_tsv_header_is_read_plain_too(tmp_path):
    (tmp_path / "body.tsv").write_text(f"body\n{QUOTED_START}\n", encoding="utf-8")
    corpus = read_corpus(Path(tmp_path / "body.tsv"), columns=Columns(text="body"))
    assert corpus.documents["text"].tolist() == [QUOTED_START]


def test_the_readme_says_a_tsv_without_quoting_is_read_plain():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "a `.tsv` saved without quoting, as Google Sheets saves one" in readme


def test_numeric_hijri_dates_are_not_read_as_gregorian_years(tmp_path):
    # Saudi archives write Hijri dates with digits only: 1441-09-15 had become the month 1441-09 without a word.
    rows = "".join(
        f"h{n},نص رقم {n},{date}\n" for n, date in enumerate(["15/09/1441", "1441-09-15", "09/1441", "2020-05-08"])
    )
    (tmp_path / "hijri.csv").write_text("id,text,date\n" + rows, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.documents["month"].tolist() == ["", "", "", "2020-05"]
    warnings = corpus.report[corpus.report["level"] == "warning"]
    assert warnings["row"].tolist() == [2, 3, 4]
    assert warnings["problem"].iloc[0] == (
        "Hijri date '15/09/1441' (the year 1441 is a Hijri year, which began in 2019): not converted to a "
        "Gregorian month; write the Gregorian date (YYYY-MM-DD)"
    )
    assert set(warnings["action"]) == {"kept; month left empty"}


def test_a_date_format_does_not_read_a_hijri_year_as_gregorian():
    from analysis.corpus.dates import read_date_format

    assert read_date_format("15/09/1441", "%d/%m/%Y").month is None
    assert read_date_format("15/09/2020", "%d/%m/%Y").month == "2020-09"


def test_the_readme_names_hijri_years_written_in_digits():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "a year from 1300 to 1599 written in digits, `15/09/1441`" in readme


def test_a_stray_nul_in_an_article_is_named_with_its_line_and_words_not_called_a_binary_file(tmp_path):
    import pytest

    from analysis.errors import FramingInputError

    text = "قال الوزير إن الحكومة ستفرض حظرا.\nوأضاف أن".encode()
    (tmp_path / "scraped.txt").write_bytes(text + b"\x00" + " القرار نهائي.".encode())
    with pytest.raises(FramingInputError) as raised:
        read_corpus(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'scraped.txt'}, byte {len(text)}: has 1 NUL byte, the first at line 2 after 'وأضاف أن', in "
        "text that is otherwise UTF-8: a NUL is no character of any text (a stray byte left by a scraper or a "
        "damaged copy); delete it in a text editor (or with tr -d '\\000' < old > new) and read again"
    )
    (tmp_path / "scraped.txt").write_bytes(text + bytes(512))
    with pytest.raises(
        FramingInputError, match=r"ends in 512 NUL byte\(s\) after its text \(line 2 after 'وأضاف أن'\)"
    ):
        read_corpus(tmp_path)
    (tmp_path / "scraped.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64) + b"IHDR")
    with pytest.raises(FramingInputError, match="has a NUL byte: this is a binary file, not text"):
        read_corpus(tmp_path)


def test_a_stray_nul_in_a_csv_row_is_named_with_its_line(tmp_path):
    import pytest

    from analysis.errors import FramingInputError

    head = "id,text\na1,قال الوزير\na2,نص".encode()
    (tmp_path / "news.csv").write_bytes(head + b"\x00" + "آخر\n".encode())
    with pytest.raises(
        FramingInputError, match=rf"news\.csv, byte {len(head)}: has 1 NUL byte, the first at line 3 after 'a2,نص'"
    ):
        read_corpus(tmp_path)


def test_the_metadata_row_of_an_excluded_txt_file_is_no_warning(tmp_path):
    # The file is a note row (excluded); its row of metadata.csv was also a warning that no such file exists.
    news = tmp_path / "news"
    (news / "drafts").mkdir(parents=True)
    (news / "a1.txt").write_text("قال الوزير إن الحكومة ستفرض حظرا.", encoding="utf-8")
    (news / "drafts" / "d1.txt").write_text("مسودة لم تنشر بعد.", encoding="utf-8")
    (news / "metadata.csv").write_text(
        "doc_id,outlet,date\na1,okaz,2020-03-01\nd1,okaz,2020-03-02\nz9,okaz,2020-03-03\n"
    )
    corpus = read_corpus(news, exclude=["drafts/"])
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["a1", "okaz"]]
    assert corpus.report[["doc_id", "level", "action"]].values.tolist() == [
        ["", "note", "excluded"], ["z9", "warning", "not applied"],
    ]  # fmt: skip
    assert corpus.report["problem"].iloc[1] == f"no .txt file 'z9' in {news} or below"


def test_the_readme_says_an_excluded_files_metadata_row_is_not_reported():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "the `metadata.csv` row of an excluded `.txt` file is not reported as naming no file" in readme


def test_exclude_patterns_written_with_dot_slash_or_in_another_unicode_form_match(tmp_path):
    import unicodedata

    # A folder unzipped from a Mac's archive has a decomposed name (ا + hamza); the pattern is typed composed.
    decomposed = unicodedata.normalize("NFD", "أخبار")
    assert decomposed != "أخبار"
    (tmp_path / decomposed).mkdir()
    (tmp_path / decomposed / "a1.txt").write_text("قال الوزير إن الحكومة ستفرض حظرا.", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d1.txt").write_text("مسودة لم تنشر بعد.", encoding="utf-8")
    (tmp_path / "b1.txt").write_text("زار الوفد المدينة.", encoding="utf-8")
    corpus = read_corpus(tmp_path, exclude=["أخبار", ".\\drafts\\"])
    assert corpus.documents["doc_id"].tolist() == ["b1"]
    assert corpus.report[["level", "problem"]].values.tolist() == [
        ["note", "excluded by the pattern 'drafts/' (exclude)"],
        ["note", "excluded by the pattern 'أخبار' (exclude)"],
    ]


def test_an_exclude_pattern_naming_the_metadata_file_says_it_is_not_an_article_file(tmp_path):
    (tmp_path / "a1.txt").write_text("قال الوزير إن الحكومة ستفرض حظرا.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,outlet\na1,okaz\n", encoding="utf-8")
    corpus = read_corpus(tmp_path, exclude=["metadata.csv"])
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["a1", "okaz"]]
    (warning,) = corpus.report.itertuples()
    assert (warning.level, warning.action) == ("warning", "nothing excluded")
    assert warning.problem.startswith(
        f"the exclude pattern 'metadata.csv' matches only metadata ({tmp_path / 'metadata.csv'}): a metadata file "
        "describes the .txt files beside and below it and is never read as articles"
    )


def test_the_readme_says_how_dot_slash_and_decomposed_names_are_matched():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "`./drafts` is `drafts`, `\\` is read as `/`, and an Arabic name matches whether" in readme


def test_a_comma_separated_file_named_tsv_is_refused_with_the_rename_to_make(tmp_path):
    import pytest

    from analysis.errors import FramingInputError

    (tmp_path / "export.tsv").write_text("id,text\na1,قال الوزير, ثم غادر\n", encoding="utf-8")
    with pytest.raises(FramingInputError) as raised:
        read_corpus(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'export.tsv'}, row 1: is named .tsv, so read as tab-separated, but its header has no tab and "
        "is separated by commas ('id,text'): rename it to .csv (a .csv's separator is taken from its header), or "
        "save it again as tab-separated"
    )
    (tmp_path / "export.tsv").write_text(
        "text\nقال الوزير, ثم غادر\n", encoding="utf-8"
    )  # one column: its commas are text
    assert read_corpus(tmp_path).documents["text"].tolist() == ["قال الوزير, ثم غادر"]


def test_the_readme_says_a_comma_separated_tsv_is_refused():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "a comma-separated file named `.tsv` is refused with the rename to make" in readme


def test_an_empty_gzipped_export_is_named_by_its_stem_as_its_rows_are(tmp_path):
    import gzip

    (tmp_path / "news.tsv.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "old.csv.gz").write_bytes(gzip.compress(b"\xef\xbb\xbf\n"))
    (tmp_path / "ok.csv").write_text("text\nقال الوزير\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.documents["doc_id"].tolist() == ["ok-2"]
    assert corpus.errors[["doc_id", "problem"]].values.tolist() == [["news", "empty file"], ["old", "empty file"]]


def test_gitignore_style_double_star_patterns_match_at_the_top_of_the_folder_too(tmp_path):
    # '**/drafts' left out news/x/drafts but not news/drafts, and '**/a1.txt' missed news/a1.txt: "matched no file".
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d1.txt").write_text("مسودة لم تنشر بعد.", encoding="utf-8")
    (tmp_path / "a1.txt").write_text("قال الوزير إن الحكومة ستفرض حظرا.", encoding="utf-8")
    (tmp_path / "b1.txt").write_text("زار الوفد المدينة.", encoding="utf-8")
    corpus = read_corpus(tmp_path, exclude=["**/drafts/**", "**/a1.txt"])
    assert corpus.documents["doc_id"].tolist() == ["b1"]
    assert corpus.report["problem"].tolist() == [
        "excluded by the pattern '**/a1.txt' (exclude)",
        "excluded by the pattern '**/drafts/**' (exclude)",
    ]


def test_the_readme_says_double_star_patterns_match_at_the_top():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "`**/drafts/**` leaves out `drafts` at the top too" in readme


def test_an_excel_tab_delimited_txt_export_is_refused_not_read_as_one_article(tmp_path):
    import pytest

    from analysis.errors import FramingInputError

    # Excel's "Text (Tab delimited)" saves a .txt in the Windows code page (cp1256 for Arabic): the whole table was
    # one article, its header and ids counted as words.
    table = "id\ttext\tdate\r\na1\tقال الوزير إن الحكومة\t2020-03-01\r\na2\tنص آخر\t2020-03-02\r\n"
    (tmp_path / "export.txt").write_bytes(table.encode("cp1256"))
    with pytest.raises(FramingInputError) as raised:
        read_corpus(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / 'export.txt'}: is a table saved as 'Text (Tab delimited)' (its first line is a header with a "
        "'text' column: id, text, date), not one article: rename it to .tsv to read one article per row."
    )
    (tmp_path / "export.txt").rename(tmp_path / "export.tsv")
    assert read_corpus(tmp_path).documents["doc_id"].tolist() == ["a1", "a2"]
    # An article whose first line has a tab but no column name is an article.
    (tmp_path / "export.tsv").unlink()
    (tmp_path / "article.txt").write_text("عنوان\tالخبر\nقال الوزير إن النص طويل.", encoding="utf-8")
    assert read_corpus(tmp_path).documents["doc_id"].tolist() == ["article"]


def test_the_readme_says_a_tab_delimited_txt_is_refused():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "'Text (Tab delimited)', a `.txt` that would otherwise be read as one article: rename it `.tsv`" in readme


def test_a_year_alone_and_a_month_above_12_say_what_is_wrong_with_the_date(tmp_path):
    (tmp_path / "years.csv").write_text("id,text,date\ny1,نص أول,2020\ny2,نص ثان,13/2020\n", encoding="utf-8")
    warnings = read_corpus(tmp_path).report.query("level == 'warning'")
    assert warnings["problem"].tolist() == [
        "unparseable date '2020': a year without a month; write the month too (YYYY-MM), as monthly figures need it",
        "unparseable date '13/2020': no month above 12 (a day and a year, the month left out?); write the date as "
        "YYYY-MM-DD or YYYY-MM",
    ]
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "a year alone, `2020`, and a month above 12, `13/2020`, are named as such" in readme


def test_two_patterns_that_match_the_same_files_are_no_warning_that_one_matched_nothing(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d1.txt").write_text("مسودة لم تنشر بعد.", encoding="utf-8")
    (tmp_path / "a1.txt").write_text("قال الوزير إن الحكومة ستفرض حظرا.", encoding="utf-8")
    corpus = read_corpus(tmp_path, exclude=["drafts", "DRAFTS/", "*.txt.bak"])
    assert corpus.documents["doc_id"].tolist() == ["a1"]
    assert corpus.report[["level", "problem"]].values.tolist()[0] == [
        "note",
        "excluded by the pattern 'drafts' (exclude)",
    ]
    assert corpus.report["problem"].str.contains("matched no file").tolist() == [False, True]
    assert "'*.txt.bak' matched no file" in corpus.report["problem"].iloc[1]
    corpus = read_corpus([tmp_path / "a1.txt", tmp_path / "drafts"], exclude=["a1.txt", "A1.TXT"])
    assert corpus.documents["doc_id"].tolist() == ["d1"]
    assert corpus.report["level"].tolist() == ["note"]

"""A corpus read with only its text column named: the columns holding its metadata are named in a note."""

import openpyxl

from analysis.cli import main
from analysis.corpus import Columns, read_corpus

NOTE = (
    "4 column(s) not read: 'المعرف', 'العنوان', 'المصدر', 'التاريخ'; no column was read as the id, outlet, date or "
    "title: if one of those holds one, name it with --id-column, --outlet-column, --date-column or --title-column "
    "NAME (or under [columns] of framing.toml)"
)


def _workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["المعرف", "العنوان", "النص", "المصدر", "التاريخ"])
    sheet.append(["a1", "عنوان", "قال حفتر إن الهدنة انتهت.", "aawsat", "2015/07/14"])
    sheet.append(["a2", "عنوان آخر", "وصلت الأمطار.", "alriyadh", "2015/07/15"])
    book.save(path)
    return path


def test_arabic_headers_read_with_only_the_text_column_named_get_a_note_naming_them(tmp_path):
    # nc20c: outlet, date, id and title were left empty (ids saudi_300-2 ...) without a word of the four
    # columns that hold them.
    corpus = read_corpus(_workbook(tmp_path / "news.xlsx"), columns=Columns(text="النص"))
    assert corpus.documents["doc_id"].tolist() == ["news-2", "news-3"]
    assert set(corpus.documents["outlet"]) == {""}
    assert corpus.report[["row", "level", "problem", "action"]].values.tolist() == [[1, "note", NOTE, "not read"]]


def test_the_note_goes_once_the_metadata_columns_are_named(tmp_path):
    columns = Columns(text="النص", id="المعرف", outlet="المصدر", date="التاريخ", title="العنوان")
    corpus = read_corpus(_workbook(tmp_path / "news.xlsx"), columns=columns)
    assert corpus.documents[["doc_id", "outlet", "date"]].values.tolist() == [
        ["a1", "aawsat", "2015/07/14"],
        ["a2", "alriyadh", "2015/07/15"],
    ]
    assert corpus.report.empty
    # One metadata column read is a file mapped on purpose: its other columns are left without a note.
    partly = read_corpus(_workbook(tmp_path / "partly.xlsx"), columns=Columns(text="النص", outlet="المصدر"))
    assert partly.report.empty


def test_framing_count_prints_the_note(tmp_path, capsys):
    path = _workbook(tmp_path / "news.xlsx")
    assert main(["count", str(path), "--text-column", "النص", "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert "2 column(s) not read" not in printed.err
    assert "4 column(s) not read: 'المعرف', 'العنوان', 'المصدر', 'التاريخ'" in printed.err

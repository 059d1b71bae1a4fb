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

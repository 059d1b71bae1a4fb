"""Dates of a month only, as a spreadsheet saves month-formatted cells: Mar-2020, 03/2020, March 2020, 2020-03."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import read_corpus
from analysis.corpus.dates import read_date_parts
from analysis.timeseries import time_rates


@pytest.mark.parametrize(
    ("written", "month"),
    [("Mar-2020", "2020-03"), ("03/2020", "2020-03"), ("3-2020", "2020-03"), ("03.2020", "2020-03"),
     ("2020/03", "2020-03"), ("March 2020", "2020-03"), ("2020-03", "2020-03"), ("مارس-2020", "2020-03")],
)  # fmt: skip
def test_a_month_without_a_day_is_read_as_that_month_with_no_day(written, month):
    # Before: Mar-2020, 03/2020, 3-2020, 03.2020, 2020/03 and مارس-2020 were "unparseable date".
    parts = read_date_parts(written)
    assert (parts.month, parts.day, parts.problem) == (month, None, None)


def test_a_two_digit_year_of_a_month_format_is_refused_with_its_fix():
    parts = read_date_parts("Mar-20")
    assert parts.month is None
    assert parts.problem == (
        "unparseable date 'Mar-20': a month and a two-digit year (which century?); give the column a format with a "
        "four-digit year (mmm-yyyy shows Mar-2020) before saving, or write YYYY-MM"
    )


@pytest.fixture
def months_csv(tmp_path):
    # As LibreOffice saves a sheet whose date column is month-formatted: semicolons, CRLF, a BOM.
    path = tmp_path / "months.csv"
    path.write_text(
        "\ufeffid;outlet;date;text\r\na1;okaz;Mar-2020;نص أول\r\na2;okaz;03/2020;نص ثان\r\n"
        "a3;okaz;15/03/2020;نص ثالث\r\na4;okaz;Apr-2020;نص رابع\r\n",
        encoding="utf-8",
    )
    return path


def test_month_only_dates_get_one_summary_row_per_file(months_csv):
    corpus = read_corpus(months_csv)
    documents = corpus.documents.set_index("doc_id")
    assert documents["month"].tolist() == ["2020-03", "2020-03", "2020-03", "2020-04"]
    assert documents["day"].tolist() == ["", "", "2020-03-15", ""]
    assert corpus.report[["level", "problem", "action"]].values.tolist() == [[
        "note",
        "dates of months.csv: 4 read; 3 name a month without a day (first 'Mar-2020', rows 2, 3, 5): read as that "
        "month, the day left empty (month precision); monthly figures count them, daily and weekly ones leave "
        "them out and say so",
        "kept; month only",
    ]]  # fmt: skip


def test_month_only_documents_count_by_month_and_are_named_by_day(months_csv):
    documents = read_corpus(months_csv).documents.assign(n_words=10)
    hits = pd.DataFrame({"doc_id": ["a1", "a4"], "kind": ["term", "term"], "category": ["x", "x"],
                         "label": ["t", "t"]})  # fmt: skip
    by_month = time_rates(hits, documents, period="month", group=None, categories=["x"], n_boot=20)
    assert by_month.set_index("period")["n_docs"].to_dict() == {"2020-03": 3, "2020-04": 1}
    with pytest.warns(UserWarning, match=r"3 of 4 document\(s\) have no day .*; 3 of them are dated by a month "
                      r"without a day \(Mar-2020, 03/2020\): their day is not known, so a daily series"):  # fmt: skip
        by_day = time_rates(hits, documents, period="day", group=None, categories=["x"], n_boot=20)
    assert by_day["period"].tolist() == ["2020-03-15"]


def test_an_xlsx_date_cell_formatted_as_a_month_is_read_as_that_month(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "date", "text"])
    # A month typed into a cell is stored as the 1st at midnight; its format shows no day.
    for row, (doc_id, shown) in enumerate([("a1", "mmm-yy"), ("a2", "dd/mm/yyyy"), ("a3", 'mm"/"yyyy')], start=2):
        sheet.append([doc_id, dt.datetime(2020, 3, 1), "نص"])
        sheet.cell(row=row, column=2).number_format = shown
    workbook.save(tmp_path / "months.xlsx")
    documents = read_corpus(tmp_path / "months.xlsx", dedupe=False).documents
    # Before: every cell was 2020-03-01, a day nobody wrote for a1 and a3.
    assert list(zip(documents["date"], documents["month"], documents["day"])) == [
        ("2020-03", "2020-03", ""),
        ("2020-03-01", "2020-03", "2020-03-01"),
        ("2020-03", "2020-03", ""),
    ]

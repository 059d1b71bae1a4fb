"""Dates as news write them: Arabic and English month names, Arabic-Indic digits; doubtful ones reported."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import read_corpus, read_date
from analysis.corpus.dates import day_of


@pytest.mark.parametrize(
    ("written", "month"),
    [
        # Egyptian and Gulf month names, with Arabic-Indic and Eastern Arabic digits.
        ("١٣ أكتوبر ٢٠٢٢", "2022-10"),
        ("۱۳ أكتوبر ۲۰۲۲", "2022-10"),
        ("13 اكتوبر 2022", "2022-10"),
        ("1 يناير 2020", "2020-01"),
        ("29 فبراير 2020", "2020-02"),
        ("5 مارس 2021", "2021-03"),
        ("7 أبريل 2015", "2015-04"),
        ("7 ابريل 2015", "2015-04"),
        ("2 مايو، 2020", "2020-05"),
        ("30 يونيو 2013", "2013-06"),
        ("يونيه 2019", "2019-06"),
        ("يوم الجمعة 3 يوليه 2020", "2020-07"),
        ("23 يوليو 1952", "1952-07"),
        ("10 أغسطس 2015م", "2015-08"),
        ("11 سبتمبر 2001", "2001-09"),
        ("الخميس ١٣ أكتوبر ٢٠٢٢م", "2022-10"),
        ("نوفمبر 2019", "2019-11"),
        ("31 ديسمبر 1999", "1999-12"),
        # Levantine and Iraqi month names, alone and paired with the Egyptian one.
        ("13 كانون الثاني 2022", "2022-01"),
        ("14 شباط 2005", "2005-02"),
        ("8 آذار 1963", "1963-03"),
        ("نيسان 2003", "2003-04"),
        ("9 أيار 2018", "2018-05"),
        ("5 حزيران 1967", "1967-06"),
        ("14 تموز 1958", "1958-07"),
        ("4 آب 2020", "2020-08"),
        ("1 أيلول 1969", "1969-09"),
        ("6 تشرين الأول 1973", "1973-10"),
        ("تشرين الثاني 2019", "2019-11"),
        ("25 كانون الأول 2021", "2021-12"),
        ("13 تشرين الأول/أكتوبر 2022", "2022-10"),
        # English.
        ("Oct 13, 2022", "2022-10"),
        ("Oct. 13, 2022", "2022-10"),
        ("13 October 2022", "2022-10"),
        ("October 13th, 2022", "2022-10"),
        ("Thursday, October 13, 2022", "2022-10"),
        ("Sept 5 2022", "2022-09"),
        ("July 21, 2015", "2015-07"),
        ("05-Mar-2020", "2020-03"),  # a spreadsheet's d-mmm-yyyy date cell saved as CSV
        ("5/مارس/2020", "2020-03"),
        # Numeric dates, as before.
        ("2015-07-21", "2015-07"),
        ("2015-07", "2015-07"),
        ("2015-07-21T10:00:00Z", "2015-07"),
        ("21/07/2015", "2015-07"),
        ("21.07.2015", "2015-07"),
        ("٢١/٠٧/٢٠١٥", "2015-07"),
        ("2015/07/21", "2015-07"),
        ("20150721", "2015-07"),
        ("04/04/2015", "2015-04"),  # the same either way: not ambiguous
        # A Hijri date with its Gregorian equivalent, as the Saudi Press Agency writes it.
        ("25 شوال 1436هـ الموافق 10 أغسطس 2015م", "2015-08"),
        # With a time of day, as news sites print them (a newcomer's corpus had 14 such dates).
        ("الخميس، 09 يوليه 2020 - 01:56 م", "2020-07"),
        ("9 يوليو 2020 الساعة 10:30 ص", "2020-07"),
        ("Oct 13, 2022 10:49am", "2022-10"),
        ("Oct 13, 2022 at 10:49 pm GMT", "2022-10"),
        ("2015-08-10 14:03:07", "2015-08"),
        ("13/10/2022 11:00", "2022-10"),
        # Month first, where the day cannot be a month.
        ("02/15/2021", "2021-02"),
    ],
)
def test_dates_read_without_doubt(written, month):
    assert read_date(written) == (month, None)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("25 شوال 1436 هـ", "Hijri date '25 شوال 1436 هـ': not converted to a Gregorian month"),
        ("1436/10/25 هـ", "Hijri date '1436/10/25 هـ': not converted to a Gregorian month"),
        ("15 رمضان 1443", "Hijri date '15 رمضان 1443': not converted to a Gregorian month"),
        ("3 جمادى الآخرة 1440", "Hijri date '3 جمادى الآخرة 1440': not converted to a Gregorian month"),
        ("13 تشرين الأول/نوفمبر 2022", "ambiguous date '13 تشرين الأول/نوفمبر 2022': two different month names"),
        ("2015-13-01", "unparseable date '2015-13-01'"),
        ("40 May 2020", "unparseable date '40 May 2020'"),
        ("yesterday", "unparseable date 'yesterday'"),
        ("أمس", "unparseable date 'أمس'"),
        # unread, with what to do when the shape says why (never read: which century, which epoch is a guess)
        (
            "4/3/15",
            "unparseable date '4/3/15': a two-digit year (which century?); write the year in full, or the "
            "date as YYYY-MM-DD",
        ),
        (  # a spreadsheet's d-mmm-yy display of a date cell, as a CSV saves it
            "05-Mar-20",
            "unparseable date '05-Mar-20': a two-digit year (which century?); write the year in full, or the "
            "date as YYYY-MM-DD",
        ),
        (
            "42125",
            "unparseable date '42125': a spreadsheet's date serial number (42125 would be 2015-05-01)? "
            "format the column as a date, or write YYYY-MM-DD",
        ),
        ("1430000000", "unparseable date '1430000000'"),
        (  # year first with dots, as a spreadsheet's custom format yyyy.mm.dd saves a date cell
            "2020.03.05",
            "unparseable date '2020.03.05': year, month and day joined by '.' are not read (2020-03-05?); write the "
            "date as YYYY-MM-DD, or give the date column the format YYYY-MM-DD in the spreadsheet before saving",
        ),
        (
            "2020-3-5",
            "unparseable date '2020-3-5': a one-digit month or day is not read (2020-03-05?); write the date as "
            "YYYY-MM-DD, or give the date column the format YYYY-MM-DD in the spreadsheet before saving",
        ),
        (  # was read as the month 2020-03, its day dropped in silence
            "2020-03-5",
            "unparseable date '2020-03-5': a one-digit month or day is not read (2020-03-05?); write the date as "
            "YYYY-MM-DD, or give the date column the format YYYY-MM-DD in the spreadsheet before saving",
        ),
        ("2020.02.31", "unparseable date '2020.02.31'"),  # no day 31 in February: no date offered
    ],
)
def test_doubtful_dates_get_no_month_and_a_reason(written, problem):
    assert read_date(written) == (None, problem)


def test_a_dotted_year_first_date_of_a_spreadsheet_csv_is_reported_with_its_row_and_advice(tmp_path):
    # As LibreOffice saves a sheet whose date column has the format YYYY.MM.DD: BOM, CRLF, a date per row.
    path = tmp_path / "news.csv"
    path.write_bytes("\ufeffid,date,text\r\na1,2020.03.05,نص أول\r\na2,2020-03-06,نص ثان\r\n".encode())
    corpus = read_corpus([path])
    assert corpus.documents["month"].tolist() == ["", "2020-03"]
    report = corpus.report
    assert list(zip(report.row, report.doc_id, report.level, report.action)) == [
        (2, "a1", "warning", "kept; month left empty")
    ]
    assert report.problem.iloc[0] == (
        "unparseable date '2020.03.05': year, month and day joined by '.' are not read (2020-03-05?); write the "
        "date as YYYY-MM-DD, or give the date column the format YYYY-MM-DD in the spreadsheet before saving"
    )


def test_a_date_that_reads_both_ways_is_read_day_first_and_reported():
    assert read_date("03/04/2015") == (
        "2015-04",
        "ambiguous date '03/04/2015': read day-first as 2015-04 (month-first would be 2015-03)",
    )


def test_empty_dates_are_not_a_problem():
    assert read_date("") == (None, None) and read_date("  ") == (None, None)


def test_the_reader_reports_hijri_and_ambiguous_dates(tmp_path):
    path = tmp_path / "news.csv"
    rows = [
        ["a1", "١٣ أكتوبر ٢٠٢٢", "نص أول"],
        ["a2", "25 شوال 1436 هـ", "نص ثان"],
        ["a3", "03/04/2015", "نص ثالث"],
        ["a4", "Oct 13, 2022", "نص رابع"],
    ]
    pd.DataFrame(rows, columns=["id", "date", "text"]).to_csv(path, index=False)
    corpus = read_corpus([path])
    assert corpus.documents["month"].tolist() == ["2022-10", "", "2015-04", "2022-10"]
    report = corpus.report
    # The ambiguous date is no warning of its own row: the file's one summary names it (its dates show no order).
    assert list(zip(report.doc_id, report.level, report.action)) == [
        ("a2", "warning", "kept; month left empty"),
        ("", "warning", "kept; read day-first"),
    ]
    assert report.problem.str.split(" ").str[0].tolist() == ["Hijri", "dates"]
    assert report.problem[1] == (
        "dates of news.csv: 3 read; none of the numeric ones shows its order (no day or month above 12, first "
        "'03/04/2015', row 4): 1 that read both ways (such as 03/04/2015; row 4) were read day-first, as Arabic news "
        'write them; if they are month-first, set date_format = "%m/%d/%Y" under [corpus] of framing.toml (or '
        '--date-format "%m/%d/%Y") and read again; not read: 1 (row 3; each a warning row)'
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [
        # Hand-checked: the day of the month as written, in the month named.
        ("8 أغسطس 2015", "2015-08-08"),
        ("٨ أغسطس ٢٠١٥", "2015-08-08"),
        ("الخميس ١٣ أكتوبر ٢٠٢٢م", "2022-10-13"),
        ("13 تشرين الأول/أكتوبر 2022", "2022-10-13"),
        ("4 آب 2020", "2020-08-04"),
        ("Oct 13, 2022", "2022-10-13"),
        ("October 13th, 2022", "2022-10-13"),
        ("29 فبراير 2020", "2020-02-29"),
        ("25 شوال 1436 هـ الموافق 10 أغسطس 2015م", "2015-08-10"),
        ("21/07/2015", "2015-07-21"),
        ("03/04/2015", "2015-04-03"),  # ambiguous, read day-first (and reported as such)
        ("2015-07-21T10:00:00Z", "2015-07-21"),
        ("الخميس، 09 يوليه 2020 - 01:56 م", "2020-07-09"),
        # A month alone, a day the month does not have, Hijri, unreadable: no day.
        ("أغسطس 2015", None),
        ("2015-07", None),
        ("29 فبراير 2021", None),
        ("31 يونيو 2015", None),
        ("25 شوال 1436 هـ", None),
        ("yesterday", None),
    ],
)
def test_day_of_month_name_and_numeric_dates(written, day):
    assert day_of(written) == day


@pytest.mark.parametrize(
    ("written", "month", "day"),
    [
        # Hand-checked: June has 30 days, February 2020 has 29 and February 2021 has 28.
        ("31 يونيو 2015", "2015-06", 31),
        ("31/02/2020", "2020-02", 31),
        ("2020-02-30", "2020-02", 30),
        ("29 فبراير 2021", "2021-02", 29),
        ("2015/06/31", "2015-06", 31),
    ],
)
def test_a_day_its_month_lacks_keeps_the_month_and_is_reported(written, month, day):
    assert read_date(written) == (
        month,
        f"impossible date {written!r}: {month} has no day {day} (a typing error?); no day read",
    )


def test_the_reader_reports_an_impossible_date_with_its_row(tmp_path):
    path = tmp_path / "news.csv"
    rows = [["a1", "29/02/2020", "نص أول"], ["a2", "31/02/2020", "نص ثان"]]
    pd.DataFrame(rows, columns=["id", "date", "text"]).to_csv(path, index=False)
    corpus = read_corpus([path])
    assert corpus.documents["month"].tolist() == ["2020-02", "2020-02"]
    report = corpus.report
    assert list(zip(report.row, report.doc_id, report.level, report.action)) == [
        (3, "a2", "warning", "kept; month 2020-02")
    ]
    assert report.problem.iloc[0].startswith("impossible date '31/02/2020': 2020-02 has no day 31")


def _read_dates(tmp_path, dates, name="news.csv"):
    path = tmp_path / name
    rows = [[f"{path.stem}{k}", date, f"نص {path.stem} رقم {k}"] for k, date in enumerate(dates)]
    pd.DataFrame(rows, columns=["id", "date", "text"]).to_csv(path, index=False)
    return read_corpus([path])


def test_month_first_dates_make_the_day_first_reading_of_ambiguous_ones_a_named_warning(tmp_path):
    """A CSV saved in a US locale: 4/16/2015 can only be April 16, so 4/3/2015 is probably April 3, not March 4."""
    corpus = _read_dates(tmp_path, ["4/16/2015", "4/3/2015", "5/2/2015", "2015-05-20"])
    assert corpus.documents["month"].tolist() == ["2015-04", "2015-03", "2015-02", "2015-05"]  # as documented
    report = corpus.report
    summary = report[report["row"].isna() & (report["level"] == "warning")]
    assert summary["problem"].tolist() == [
        "dates of news.csv probably month-first (mm/dd/yyyy, as a spreadsheet saves them in a US locale): 1 read "
        "one way only are month-first ('4/16/2015', row 2) and none day-first, but 2 that read both ways (such as "
        "03/04/2015; rows 3, 4) were read day-first, so their months are probably wrong: set date_format = "
        '"%m/%d/%Y" under [corpus] of framing.toml (or --date-format "%m/%d/%Y") and read again'
    ]
    assert summary["action"].item() == "kept; months of ambiguous dates read day-first"
    assert len(report) == 1  # each row is named in the summary, not by a warning of its own
    # Read again as told: one rule for the column, every month right.
    again = read_corpus([tmp_path / "news.csv"], date_format="%m/%d/%Y")
    assert again.documents["month"].tolist() == ["2015-04", "2015-04", "2015-05", ""]
    assert again.documents["day"].tolist() == ["2015-04-16", "2015-04-03", "2015-05-02", ""]
    assert again.report["problem"].tolist() == [
        "date '2015-05-20' does not match date_format '%m/%d/%Y'",
        "dates of news.csv read with date_format '%m/%d/%Y': 3; not read: 1 (row 5; each a warning row)",
    ]


def test_day_first_dates_read_the_ambiguous_ones_by_the_same_rule_in_one_note(tmp_path):
    report = _read_dates(tmp_path, ["16/4/2015", "3/4/2015"]).report
    assert report[["level", "action"]].values.tolist() == [["note", "kept; read day-first"]]
    assert report["problem"].item().startswith("dates of news.csv: 2 read; the numeric ones are day-first (dd/mm/yyyy)")


def test_a_corpus_mixing_both_orders_says_so(tmp_path):
    _read_dates(tmp_path, ["4/16/2015", "4/3/2015"], name="us.csv")
    _read_dates(tmp_path, ["16/4/2015", "3/4/2015"], name="eu.csv")
    report = read_corpus([tmp_path / "us.csv", tmp_path / "eu.csv"]).report
    # One rule per file: each file's summary says which order its dates show.
    assert report[["source", "level"]].map(lambda v: v.rsplit("/", 1)[-1]).values.tolist() == [
        ["us.csv", "warning"], ["eu.csv", "note"],
    ]  # fmt: skip
    assert report["problem"].str[:40].tolist() == [
        "dates of us.csv probably month-first (mm",
        "dates of eu.csv: 2 read; the numeric one",
    ]
    mixed = _read_dates(tmp_path, ["4/16/2015", "16/4/2015", "3/4/2015"], name="mixed.csv").report
    assert (
        mixed["problem"]
        .item()
        .startswith(
            "dates of mixed.csv in both orders (month-first: 1, first '4/16/2015', row 2; day-first: 1, first "
            "'16/4/2015', row 3): 1 that read both ways (such as 03/04/2015; row 4) were read day-first"
        )
    )


def test_dates_of_txt_files_are_named_where_they_are_written_in_the_metadata_file(tmp_path):
    """The dates of .txt files are in metadata.csv: the warnings name its row, where the fix is made."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("نص الخبر هنا.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,date\na,2015-04-01\nb,4/16/2015\nc,4/3/2015\n", encoding="utf-8")
    report = read_corpus([tmp_path]).report
    warned = report[report["level"] == "warning"]
    assert warned["source"].map(lambda s: s.rsplit("/", 1)[-1]).tolist() == ["metadata.csv"]
    assert "month-first ('4/16/2015', row 3)" in warned["problem"].item()
    assert "(such as 03/04/2015; row 4)" in warned["problem"].item()

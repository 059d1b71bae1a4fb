"""Dates as written in a corpus, read into the month (``YYYY-MM``) and, when written, the day (``YYYY-MM-DD``).

Read: ISO dates (``2015-07-21``, ``2015-07``, ``2015-07-21T10:00``); a month and a year only
(``2020-03``, ``03/2020``, ``2020/03``, ``March 2020``, ``Mar-2020``, ``مارس 2020``: the month, with no
day, so month precision: monthly figures count them, daily and weekly ones cannot place them); numeric
day-first dates (``21/07/2015``, ``21-07-2015``, ``21.07.2015``) and
``2015/07/21``; Arabic month names, of Egypt and the Gulf (يناير … ديسمبر,
يونيه, يوليه) and of the Levant and Iraq (كانون الثاني … كانون الأول), alone
or paired (``تشرين الأول/أكتوبر``); English month names (``Oct 13, 2022``,
``13 October 2022``, ``October 13th, 2022``, ``05-Mar-2020``); Western, Arabic-Indic and
Eastern Arabic digits (``١٣ أكتوبر ٢٠٢٢``, ``۱۳``); a leading weekday
(``الخميس``, ``Thursday,``) and the Gregorian marker ``م``.

A Hijri date followed by its Gregorian equivalent (``… هـ الموافق 10 أغسطس
2015م``) is read from the Gregorian part.  Never guessed silently (:func:`read_date` says why): Hijri dates (the marker
``هـ`` or a Hijri month name) are not converted; a numeric date whose day and
month could be swapped (``03/04/2015``) is read day-first, as Arabic news write
dates, and reported as ambiguous; a day its month lacks (``31/02/2020``) keeps
the month and is reported as impossible; anything else is unparseable (the message
says what to do when the shape tells why: a two-digit year, a spreadsheet's serial number, a year-first
date with dots, ``2020.03.05``).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from ..arabic import DIGITS_TO_ASCII

# Not followed by more digits: 2020-03-5 was read as the month 2020-03, its day dropped without a word.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?!-?\d)")
_NUMERIC_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_NUMERIC_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
# Shapes of an unread date whose cause is known, for the hint of its message (never read: a guess).
# (a month may be a name: 05-Mar-20 is how a spreadsheet shows a date cell in its d-mmm-yy format, saved so as CSV)
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}([/.-])(\d{1,2}|[A-Za-z]{3,9})\1\d{2}$")
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?$")
# Year first with dots, spaces, underscores or one-digit parts (2020.03.05, 2020-3-5), as some spreadsheet
# locales and custom formats save date cells: not among the forms read, named with the date it would be.
_YEAR_FIRST_OTHER = re.compile(r"(\d{4})([.\s_-])(\d{1,2})\2(\d{1,2})$")
#: Day 0 of a spreadsheet's date serial numbers (Excel's 1900 system, as LibreOffice counts too).
_SERIAL_EPOCH = _dt.date(1899, 12, 30)
# A time of day after the date, with its separator and an am/pm or ص/م marker:
# "الخميس، 09 يوليه 2020 - 01:56 م", "Oct 13, 2022 at 10:49am", "2015-08-10 14:03:07".
_TIME = re.compile(
    r"(?:\s*[-–—|,@]?\s*(?:at\s+|الساعه\s+)?|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?|[صم])?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$",
    re.I,
)
_DIGITS = str.maketrans(DIGITS_TO_ASCII)
# Hamza seats, alif maqsura, tatweel and diacritics, so أبريل = ابريل and آذار = اذار.
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None, "،": ","})
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")

_ARABIC_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7,
    "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}  # fmt: skip
_ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الاول", "ربيع الثاني", "ربيع الاخر", "جمادي الاولي", "جمادي الاول", "جمادي الثانيه",
    "جمادي الاخره", "جمادي الاخر", "رجب", "شعبان", "رمضان", "شوال", "ذو القعده", "ذي القعده", "ذو الحجه", "ذي الحجه",
)  # fmt: skip
_WEEKDAYS = re.compile(
    r"^(?:يوم\s+)?(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)\s*,?\s*"
    r"|^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?\s*,?\s*",
    re.IGNORECASE,
)
_MONTH_NAME = "|".join(sorted((re.escape(m) for m in [*_ARABIC_MONTHS, *_ENGLISH_MONTHS]), key=len, reverse=True))
# One name, or two joined by a slash ("تشرين الأول/أكتوبر"), as Arab papers write them.
_MONTHS = rf"(?P<m1>{_MONTH_NAME})(?:\s*/\s*(?P<m2>{_MONTH_NAME}))?"
_DAY_MONTH_YEAR = re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?\s*,?\s*(?P<y>\d{{4}})$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"{_MONTHS}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>\d{{4}})$", re.I)
# The separator may be a dash or a slash: Excel shows a cell in its mmm-yyyy format as Mar-2020, and a CSV
# saved from it keeps that text.
_MONTH_YEAR = re.compile(rf"{_MONTHS}\.?\s*[,/-]?\s*(?P<y>\d{{4}})$", re.I)
# A month number and a year only (03/2020, 3-2020, 03.2020; 2020/03), as a month-formatted cell is saved.
_NUMERIC_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})$")
_NUMERIC_YEAR_MONTH = re.compile(r"(\d{4})/(\d{1,2})$")
# A month and a two-digit year (Mar-20, 03/20: Excel's mmm-yy and mm/yy month formats): never read (which century?).
_MONTH_TWO_DIGIT_YEAR = re.compile(rf"(?:{_MONTH_NAME}|0?[1-9]|1[0-2])[/.-]\d{{2}}$", re.I)
# A month name between dashes, as a spreadsheet shows a date cell in its d-mmm-yyyy format (05-Mar-2020):
# read as the same date written with spaces.
_DASHED_NAME = re.compile(rf"(?P<d>\d{{1,2}})([-/.])(?P<m>{_MONTH_NAME})\2(?P<y>\d{{4}})$", re.I)


class DateReading(NamedTuple):
    """The month of a date as written, or why there is none (or why it may be wrong)."""

    #: ``YYYY-MM``, or None when the date was not read.
    month: str | None
    #: None when the date was read without doubt; otherwise what to report.
    problem: str | None


class DateParts(NamedTuple):
    """Everything one reading of a date gives (:func:`read_date_parts`); ``DateReading`` stays a pair."""

    month: str | None
    problem: str | None
    #: ``YYYY-MM-DD`` when the date names a day (of its month), else None.
    day: str | None = None
    #: For a numeric date written day and month first: ``day-first`` or ``month-first`` when only one
    #: order gives a date (``16/04/2015``, ``04/16/2015``), ``ambiguous`` when both do (``03/04/2015``,
    #: read day-first); else None (ISO, year first, month names, or day equal to month).
    order: str | None = None


def month_of(date: str) -> str | None:
    """Return ``YYYY-MM`` of a date string, or None if it cannot be read (see :func:`read_date`).

    Examples
    --------
    >>> month_of("2015-07-21"), month_of("21/07/2015"), month_of("١٣ أكتوبر ٢٠٢٢"), month_of("yesterday")
    ('2015-07', '2015-07', '2022-10', None)
    """
    return read_date(date).month


def day_of(date: str) -> str | None:
    """Return ``YYYY-MM-DD`` of a date string, or None if it names no day (see :func:`read_date`).

    Examples
    --------
    >>> day_of("8 أغسطس 2015"), day_of("Oct 13, 2022"), day_of("21/07/2015"), day_of("أغسطس 2015")
    ('2015-08-08', '2022-10-13', '2015-07-21', None)
    >>> month_of("Mar-2020"), month_of("03/2020"), day_of("03/2020"), month_of("Mar-20")
    ('2020-03', '2020-03', None, None)
    """
    return _read(date).day


def read_date_parts(date: str) -> DateParts:
    """:func:`read_date`, :func:`day_of` and the order of a numeric date, from one reading.

    Examples
    --------
    >>> read_date_parts("الاثنين ١٠ أغسطس ٢٠١٥م")
    DateParts(month='2015-08', problem=None, day='2015-08-10', order=None)
    >>> read_date_parts("4/16/2015").order, read_date_parts("16/4/2015").order, read_date_parts("4/3/2015").order
    ('month-first', 'day-first', 'ambiguous')
    """
    return _read(date)


def read_date(date: str) -> DateReading:
    """Read the month of a date as written, and say what is doubtful about it.

    Parameters
    ----------
    date : str
        A date as the corpus writes it (see the module's list of forms).

    Returns
    -------
    DateReading
        ``month`` (``YYYY-MM`` or None) and ``problem``: None for a date read
        without doubt, else the report message (``unparseable date …``,
        ``Hijri date …``, ``ambiguous date …``); the day is :func:`day_of`'s.

    Examples
    --------
    >>> read_date("الخميس 13 تشرين الأول/أكتوبر 2022م")
    DateReading(month='2022-10', problem=None)
    >>> read_date("03/04/2015").problem
    "ambiguous date '03/04/2015': read day-first as 2015-04 (month-first would be 2015-03)"
    >>> read_date("25 شوال 1436 هـ").month is None
    True
    """
    return DateReading(*_read(date)[:2])


def _read(date: str) -> DateParts:
    """Read month, doubt and day of a date as written (the one parser of :func:`read_date` and :func:`day_of`)."""
    text = _DIACRITICS.sub("", date.translate(_DIGITS).translate(_LETTERS)).strip()
    if "الموافق" in text:  # "25 شوال 1436 هـ الموافق 10 أغسطس 2015م": the Gregorian date follows
        text = text.split("الموافق", 1)[1].strip()
    text = re.sub(r"\s+", " ", _WEEKDAYS.sub("", text)).strip(" ,")
    if not text:
        return DateParts(None, f"unparseable date {date!r}" if date.strip() else None)
    if re.search(r"\d\s*ه\.?(?:\s|$)", text) or any(h in text for h in _HIJRI_MONTHS):
        return DateParts(None, f"Hijri date {date!r}: not converted to a Gregorian month")
    text = _TIME.sub("", text).strip(" ,-–—|")  # "- 01:56 م", "10:49am", "T01:56:00Z"
    text = re.sub(r"(\d{4})\s*م\.?$", r"\1", text)  # the Gregorian marker
    text = _DASHED_NAME.sub(r"\g<d> \g<m> \g<y>", text)
    for read in (_read_numeric, _read_named):
        reading = read(text, date)
        if reading is not None:
            return _hijri_year(reading, date)
    return DateParts(None, f"unparseable date {date!r}{_unread_hint(text)}")


#: Years read as Hijri, not Gregorian: 1300 AH began in 1882, 1599 AH begins in 2174; no news corpus is dated
#: in Gregorian years 1300-1599, and Saudi and Gulf archives write numeric Hijri dates (15/09/1441, 1441-09-15).
HIJRI_YEARS = range(1300, 1600)


def _hijri_year(reading: DateParts, date: str) -> DateParts:
    """``reading``, or no month and a warning when its year is a Hijri year (:data:`HIJRI_YEARS`).

    A numeric Hijri date has no marker (هـ) to tell it: read as a Gregorian date it gave the month
    1441-09 without a word, and monthly figures a year no corpus has.

    Examples
    --------
    >>> _read("15/09/1441").problem
    "Hijri date '15/09/1441' (the year 1441 is a Hijri year, which began in 2019): not converted to a Gregorian month; write the Gregorian date (YYYY-MM-DD)"
    >>> _read("15/09/2020").month
    '2020-09'
    """
    if reading.month is None or int(reading.month[:4]) not in HIJRI_YEARS:
        return reading
    year = int(reading.month[:4])
    began = int(year * 0.970229 + 621.5643)  # the Gregorian year in which the Hijri year began
    return DateParts(None, (
        f"Hijri date {date!r} (the year {year} is a Hijri year, which began in {began}): not converted to a "
        "Gregorian month; write the Gregorian date (YYYY-MM-DD)"
    ))  # fmt: skip


def _unread_hint(text: str) -> str:
    """What to do about an unread date of a known shape (a two-digit year, a spreadsheet serial number), else ''.

    Examples
    --------
    >>> _unread_hint("4/3/15"), _unread_hint("42125")
    (': a two-digit year (which century?); write the year in full, or the date as YYYY-MM-DD', ": a spreadsheet's date serial number (42125 would be 2015-05-01)? format the column as a date, or write YYYY-MM-DD")
    >>> _unread_hint("2020"), _unread_hint("13/2020")[:30]
    (': a year without a month; write the month too (YYYY-MM), as monthly figures need it', ': no month above 12 (a day and')
    >>> _unread_hint("2020.03.05")
    ": year, month and day joined by '.' are not read (2020-03-05?); write the date as YYYY-MM-DD, or give the date column the format YYYY-MM-DD in the spreadsheet before saving"
    """
    if _TWO_DIGIT_YEAR.match(text):
        return ": a two-digit year (which century?); write the year in full, or the date as YYYY-MM-DD"
    if re.fullmatch(r"\d{4}", text):
        hijri = " (a Hijri year: write the Gregorian date)" if int(text) in HIJRI_YEARS else ""
        return f": a year without a month{hijri}; write the month too (YYYY-MM), as monthly figures need it"
    month_year = re.fullmatch(r"(\d{1,2})[/.-](\d{4})|(\d{4})[/-](\d{1,2})", text)
    if month_year and int(month_year[1] or month_year[4]) > 12:
        return ": no month above 12 (a day and a year, the month left out?); write the date as YYYY-MM-DD or YYYY-MM"
    if _MONTH_TWO_DIGIT_YEAR.match(text):
        return (": a month and a two-digit year (which century?); give the column a format with a four-digit year "
                "(mmm-yyyy shows Mar-2020) before saving, or write YYYY-MM")  # fmt: skip
    year_first = _YEAR_FIRST_OTHER.match(text)
    would_be = _day(year_first[1], int(year_first[3]), year_first[4]) if year_first else None
    if year_first and would_be:  # 2015-13-01 is no date either way: no reading is offered
        joined = "a space" if year_first[2].isspace() else repr(year_first[2])
        # 2020-3-5: the dashes are ISO's, the one-digit month or day is not.
        form = "a one-digit month or day is" if year_first[2] == "-" else f"year, month and day joined by {joined} are"
        return (f": {form} not read ({would_be}?); write the date as YYYY-MM-DD, "
                "or give the date column the format YYYY-MM-DD in the spreadsheet before saving")  # fmt: skip
    serial = _SERIAL.match(text)
    if serial and 10_000 <= int(serial[1]) <= 80_000:  # 1927-05-18 to 2119-01-10
        day = _SERIAL_EPOCH + _dt.timedelta(days=int(serial[1]))
        return (f": a spreadsheet's date serial number ({serial[1]} would be {day.isoformat()})? format the column "
                "as a date, or write YYYY-MM-DD")  # fmt: skip
    return ""


def _month(year: str | int, month: int) -> str | None:
    return f"{int(year):04d}-{month:02d}" if 1 <= month <= 12 else None


def _day(year: str | int, month: int, day: str | int | None) -> str | None:
    """``YYYY-MM-DD``, or None when there is no day or the month has no such day (31 June)."""
    if day is None:
        return None
    try:
        return _dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _reading(
    year: str | int, month: int, day: str | int | None, date: str, problem: str | None = None
) -> DateParts | None:
    """The reading of a year, month and day, or None when the month does not exist.

    A day its month lacks (``31/02/2020``, ``2015-06-31``) keeps the month but is
    reported: a typing error in the cell that a daily series would otherwise drop
    without a word (the date gives no day).
    """
    read = _month(year, month)
    if not read:
        return None
    read_day = _day(year, month, day)
    if day is not None and read_day is None and problem is None:
        problem = f"impossible date {date!r}: {read} has no day {int(day)} (a typing error?); no day read"
    return DateParts(read, problem, read_day)


def _read_numeric(text: str, date: str) -> DateParts | None:
    iso = _ISO_DATE.match(text)
    if iso:
        return _reading(iso[1], int(iso[2]), iso[3], date)
    for pattern in (_NUMERIC_YEAR_FIRST, _COMPACT):  # year, month, day
        found = pattern.match(text)
        if found and _month(found[1], int(found[2])) and 1 <= int(found[3]) <= 31:
            return _reading(found[1], int(found[2]), found[3], date)
    month_year = _NUMERIC_MONTH_YEAR.match(text) or _NUMERIC_YEAR_MONTH.match(text)
    if month_year:  # a month without a day: read as that month, the day left empty (month precision)
        month, year = (month_year[1], month_year[2]) if len(month_year[2]) == 4 else (month_year[2], month_year[1])
        return _reading(year, int(month), None, date)
    found = _NUMERIC_DAY_FIRST.match(text)
    if not found:
        return None
    day, month, year = int(found[1]), int(found[3]), found[4]
    if 1 <= day <= 12 and 13 <= month <= 31:  # 02/15/2021 can only be month-first
        return _ordered(_reading(year, day, month, date), "month-first")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    read = _month(year, month)
    if day <= 12 and day != month:
        swapped = _month(year, day)
        doubt = f"ambiguous date {date!r}: read day-first as {read} (month-first would be {swapped})"
        return _ordered(_reading(year, month, day, date, doubt), "ambiguous")
    return _ordered(_reading(year, month, day, date), "day-first" if day > 12 else None)


def _ordered(reading: DateParts | None, order: str | None) -> DateParts | None:
    """``reading`` with the order of its numeric date."""
    return reading._replace(order=order) if reading is not None else None


def _read_named(text: str, date: str) -> DateParts | None:
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _MONTH_YEAR):
        found = pattern.match(text)
        if not found:
            continue
        months = {_month_number(found["m1"]), _month_number(found["m2"]) if found["m2"] else _month_number(found["m1"])}
        if len(months) > 1:
            return DateParts(None, f"ambiguous date {date!r}: two different month names")
        day = found.groupdict().get("d")
        if day is not None and not 1 <= int(day) <= 31:
            return None
        return _reading(found["y"], months.pop(), day, date)
    return None


def _month_number(name: str) -> int:
    return _ARABIC_MONTHS.get(name) or _ENGLISH_MONTHS[name.lower()]


#: A day in a ``strptime`` format: without one, a date of that format gives its month only.
_DAY_DIRECTIVE = re.compile(r"%[dj]")


def check_date_format(date_format: str) -> str:
    """The problem of a ``date_format`` that is not a ``strptime`` format with a year and a month, else ``""``.

    Examples
    --------
    >>> check_date_format("%d/%m/%Y")
    ''
    >>> check_date_format("dd/mm/yyyy")
    "'dd/mm/yyyy' is not a format of Python's strptime: write it with % codes, e.g. '%d/%m/%Y'"
    """
    if "%Y" in date_format and re.search(r"%[mbB]", date_format):
        return ""
    written = re.sub("(?i)yyyy", "%Y", re.sub("(?i)dd", "%d", re.sub("(?i)mm", "%m", date_format)))
    example = written if "%Y" in written and "%m" in written else "%d/%m/%Y"
    if "%" not in date_format:
        return f"{date_format!r} is not a format of Python's strptime: write it with % codes, e.g. {example!r}"
    return f"{date_format!r} needs a four-digit year (%Y) and a month (%m, %b or %B), e.g. {example!r}"


def read_date_format(date: str, date_format: str) -> DateParts:
    """Read a date by one ``strptime`` format (``date_format`` of the configuration), or say it does not match.

    Arabic-Indic and Eastern digits are read as digits; a time of day is read only if the format has one.

    Examples
    --------
    >>> read_date_format("١٢/٠٣/٢٠٢٠", "%d/%m/%Y")
    DateParts(month='2020-03', problem=None, day='2020-03-12', order='format')
    >>> read_date_format("2020-03-12", "%d/%m/%Y").problem
    "date '2020-03-12' does not match date_format '%d/%m/%Y'"
    """
    text = date.translate(_DIGITS).strip()
    try:
        parsed = _dt.datetime.strptime(text, date_format)
    except ValueError:
        return DateParts(None, f"date {date!r} does not match date_format {date_format!r}")
    day = parsed.date().isoformat() if _DAY_DIRECTIVE.search(date_format) else None
    return _hijri_year(DateParts(f"{parsed.year:04d}-{parsed.month:02d}", None, day, "format"), date)

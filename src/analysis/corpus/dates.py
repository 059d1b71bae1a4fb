"""Dates as written in a corpus, read into the month (``YYYY-MM``) that documents are grouped by."""

from __future__ import annotations

import re
from datetime import datetime

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y", "%Y%m%d")


def month_of(date: str) -> str | None:
    """Return ``YYYY-MM`` of a date string, or None if it cannot be parsed.

    ISO dates (``2015-07-21``, ``2015-07``, ``2015-07-21T10:00``) are read
    directly; a few common day-first and written-out formats are tried next.

    Examples
    --------
    >>> month_of("2015-07-21"), month_of("21/07/2015"), month_of("yesterday")
    ('2015-07', '2015-07', None)
    """
    if not date:
        return None
    iso = _ISO_DATE.match(date)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return f"{iso.group(1)}-{iso.group(2)}"
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(date, fmt)
        except ValueError:
            continue
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return None

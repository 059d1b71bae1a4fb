"""Spreadsheet formula injection: neutralize cell text on writing, restore it on reading.

References
----------
OWASP. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

from typing import Any

# Cells starting with these are run as formulas by Excel, LibreOffice and
# Google Sheets (OWASP "CSV injection"); tab and CR can hide such a prefix.
# A newline is included because reading a CSV back turns a lone CR into one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_QUOTE = "'"


def neutralize_formula(value: Any) -> Any:
    """Make a cell value safe to open in a spreadsheet program.

    A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a line
    break is evaluated as a formula by Excel, LibreOffice and Google Sheets
    (OWASP "CSV injection": ``=HYPERLINK(...)`` or ``=cmd|...`` in scraped
    text runs when a coder opens the sheet).  Such text gets a leading
    apostrophe, which makes it text.  Text already starting with an
    apostrophe gets one more, so that :func:`restore_formula` is the exact
    inverse.  Arabic prose rarely starts so, but scraped headlines, bullet
    lists (``- ...``) and handles (``@...``) do.  Non-strings are returned
    unchanged.
    """
    if isinstance(value, str) and value.startswith((*_FORMULA_STARTS, _QUOTE)):
        return _QUOTE + value
    return value


def restore_formula(value: Any) -> Any:
    """Undo :func:`neutralize_formula`: drop the apostrophe it added.

    Only an apostrophe followed by one of the characters that
    :func:`neutralize_formula` protects is removed; one a coder typed before
    ordinary text is kept.
    """
    if (
        isinstance(value, str)
        and value.startswith(_QUOTE)
        and value[1:2]
        and value[1:].startswith((*_FORMULA_STARTS, _QUOTE))
    ):
        return value[1:]
    return value

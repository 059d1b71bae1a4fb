"""The codes, the coders and the names a coding sheet reserves; checks on them.

The column names come from the one definition of the coding tables,
:data:`analysis.tables.SHEET`, :data:`~analysis.tables.PRECISION` and
:data:`~analysis.tables.PROGRESS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..tables import PRECISION, PROGRESS, SHEET
from .formulas import _FORMULA_STARTS, _QUOTE

if TYPE_CHECKING:
    import pandas as pd

#: The codes a coder may give a hit, and what each means.
DEFAULT_CODES = ("correct", "incorrect", "unclear")
CODE_MEANINGS = {
    "correct": "the words are used in the sense the lexicon entry means (a true hit)",
    "incorrect": "another sense, a name, a negation or a quotation the entry should not count (a false hit)",
    "unclear": "the context is not enough to decide; left out of precision",
}
#: What the codes mean for a learned detector's spans (rows of kind ``model``): the criterion of the tagger's
#: training data (ArMPro's Loaded Language and Name Calling), which its validations on real news applied.
MODEL_CODE_MEANINGS = {
    "correct": "the span is, or contains, loaded language (words with strong emotional implications, used to "
    "influence the audience) or name calling (labelling someone as what the audience fears, hates or loves)",
    "incorrect": "ordinary words: a neutral term, a fact, a mild evaluation, a span whose charge is only in its "
    "neighbours",
    "unclear": "the context is not enough to decide; left out of precision",
}
DEFAULT_CODERS = ("coder_1", "coder_2")
#: The columns of a coding sheet before the coder columns; ``notes`` comes last.
SHEET_COLUMNS = SHEET.names
NOTES = "notes"
PRECISION_COLUMNS = PRECISION.names
PROGRESS_COLUMNS = PROGRESS.names
#: The worksheets of an XLSX coding sheet: the hits to code, and the codes' meanings.
CODING_SHEET = "coding"
CODES_SHEET = "codes"


def _check_names(values: Sequence[str], what: str, reserved: Sequence[str] = ()) -> tuple[str, ...]:
    """``values`` as a tuple, or ``ValueError`` if one cannot be a code or a coder column.

    A name must survive a round trip through a spreadsheet: no surrounding
    spaces, no formula start, not a column the sheet already has, unique
    ignoring case (coders retype headers in another case).
    """
    values = tuple(values)
    if not values:
        raise ValueError(f"give at least one {what}")
    for value in values:
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise ValueError(f"{what} {value!r} must be a non-empty string without surrounding spaces")
        if value.startswith((*_FORMULA_STARTS, _QUOTE)):
            raise ValueError(f"{what} {value!r} must not start with {value[0]!r} (spreadsheets read it as a formula)")
        if value.casefold() in {r.casefold() for r in reserved}:
            raise ValueError(f"{what} {value!r} is the name of a coding-sheet column; choose another")
    folded = [v.casefold() for v in values]
    if len(set(folded)) != len(folded):
        raise ValueError(f"{what}s must be unique (ignoring case): {list(values)}")
    return values


def _coders_of(sheet: pd.DataFrame) -> tuple[str, ...]:
    """The coder columns of a sheet: as recorded in its ``attrs``, else every column not reserved."""
    coders = sheet.attrs.get("coders")
    if coders:
        return tuple(coders)
    return tuple(c for c in sheet.columns if c not in SHEET_COLUMNS and c != NOTES)

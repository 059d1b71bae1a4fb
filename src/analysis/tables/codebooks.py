"""The codebook written beside the tables: units, allowed values, pattern columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .outputs import CODEBOOK, CORPUS
from .schema import DTYPES, Column, Table, _c
from .sourcing import SOURCE_TYPES

if TYPE_CHECKING:
    import pandas as pd


# == exports and their codebook (analysis.export, framing count --format) ===================
# Kept in one section at the end of the module so that it merges cleanly with edits above.


#: Values of columns that take few (table name or "*" for any table, column) → allowed values.
_ALLOWED = {
    ("*", "kind"): "actor, term, model",
    ("tokens", "kind"): "arabic, latin, number, word, clitic, punct",
    ("*", "level"): "error, duplicate, warning, note",
    ("*", "encoding"): "utf-8, utf-8-sig, utf-16, cp1256, xlsx",
    ("*", "month"): "YYYY-MM, or empty when the date could not be read",
    ("*", "day"): "YYYY-MM-DD, or empty when the date names no day or could not be read",
    ("codebook", "dtype"): ", ".join(DTYPES),
    ("attributions", "source_type"): ", ".join(SOURCE_TYPES),
}

#: Column names (or their ends) → the unit of their numbers, checked in order.
_UNITS = (
    (("per_1000",), "hits per 1,000 word tokens"),
    (("ci_low", "ci_high"), "the unit of the estimate"),
    (("start", "end", "first_start", "n_chars"), "characters (0-based offsets)"),
    (("token_start", "token_end", "i"), "tokens (0-based index)"),
    (("paragraph", "sentence", "first_sentence", "row", "lexicon_row"), "ordinal (1-based)"),
    (("n_words", "n_quoted_words", "_words"), "word tokens"),
    (
        (
            "share",
            "first_position",
            "score",
            "precision",
            "recall",
            "f1",
            "share_docs",
            "share_quoted",
            "share_negated",
        ),
        "proportion (0 to 1)",
    ),
    (("model_expected",), "expected word tokens"),
)


def _unit(column: Column) -> str:
    if column.dtype in ("string", "object", "bool", "boolean"):
        return ""
    for names, unit in _UNITS:
        if column.name in names or any(n.startswith("_") and column.name.endswith(n) for n in names):
            return unit
    if column.dtype in ("int64", "Int64"):
        return "count"
    return ""


def _allowed(table: Table, column: Column) -> str:
    found = _ALLOWED.get((table.name, column.name)) or _ALLOWED.get(("*", column.name), "")
    if found:
        return found
    if column.dtype == "bool":
        return "True, False"
    if column.dtype == "boolean":
        return "True, False, or empty"
    return ""


def key_column(name: str) -> Column:
    """The definition of a grouping column (``outlet``, ``month`` …) that starts a ``keys_first`` table.

    >>> key_column("outlet").meaning
    'grouping key: the outlet (publisher), from the outlet column or metadata.csv'
    """
    base = CORPUS.column(name) if name in CORPUS.names else _c(name, "string", "a document column")
    return Column(name, "object", f"grouping key: {base.meaning}")


def pattern_column(table: Table, name: str) -> Column | None:
    """The definition of ``name`` among ``table``'s pattern columns (``n_<category>``), or None.

    The most specific pattern wins (``n_<actor>__<category>`` before ``n_<category>``).

    >>> from analysis.tables import SCORES
    >>> pattern_column(SCORES, "per_1000_violence_violation").meaning.startswith("per_1000_<category>: ")
    True
    >>> pattern_column(SCORES, "n_Khalifa_Haftar__delegitimizing_label").meaning.startswith("n_<actor>__<category>")
    True
    """
    import re

    patterns = [c for c in table.columns if "<" in c.name]
    patterns.sort(key=lambda c: -len(re.sub(r"<[^>]*>", "", c.name)))
    for column in patterns:
        regex = "".join(
            ".+" if part.startswith("<") else re.escape(part) for part in re.split(r"(<[^>]*>)", column.name)
        )
        if re.fullmatch(regex, name):
            return Column(name, column.dtype, f"{column.name}: {column.meaning}")
    return None


def column_definition(table: Table, name: str) -> Column:
    """The definition of column ``name`` of a file of ``table``: its own, a pattern's, a grouping key's, or "not defined".

    >>> from analysis.tables import HITS
    >>> column_definition(HITS, "surface").meaning
    'the matched characters, exactly as in the text'
    """
    if name in table.names:
        return table.column(name)
    if (pattern := pattern_column(table, name)) is not None:
        return pattern
    if table.keys_first:
        return key_column(name)
    return _c(name, "object", "not defined in analysis.tables (a column added by the caller)")


def written_codebook_rows(written: Mapping[str, tuple[Table, Sequence[str]]]) -> list[tuple[str, ...]]:
    """The rows of :func:`written_codebook`, as plain tuples (no pandas: the command writes CSV codebooks with it)."""
    rows: list[tuple[str, ...]] = []
    for file, (table, columns) in written.items():
        for name in columns:
            column = column_definition(table, name)
            rows.append((file, table.name, name, column.dtype, _unit(column), _allowed(table, column),
                         column.meaning, ""))  # fmt: skip
    return rows


def written_codebook(written: Mapping[str, tuple[Table, Sequence[str]]]) -> pd.DataFrame:
    """The codebook of the files written: one :data:`CODEBOOK` row per column of each file.

    Parameters
    ----------
    written : mapping of str to (Table, sequence of str)
        File name → its table and the columns it holds, in order.  Columns
        the table does not define are grouping keys (``keys_first`` tables)
        or, failing that, listed with the meaning "not defined in
        analysis.tables" rather than left out.

    Returns
    -------
    pandas.DataFrame
        :data:`CODEBOOK`'s columns; ``stata_name`` empty.

    >>> from analysis.tables import COUNTS
    >>> book = written_codebook({"counts.csv": (COUNTS, COUNTS.names)})
    >>> book.loc[book["column"] == "n", ["unit", "dtype"]].values.tolist()
    [['count', 'int64']]
    """
    return CODEBOOK.frame(written_codebook_rows(written))

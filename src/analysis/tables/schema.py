"""Column, Table and the checks every table shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


#: Allowed dtypes: pandas' nullable string, 64-bit integers (``Int64`` may be
#: missing), floats, booleans (``boolean`` may be missing), and ``object`` for
#: values whose type depends on the data (grouping keys).
DTYPES = ("string", "int64", "Int64", "float64", "bool", "boolean", "object")


#: Columns that exist only when a learned model tags the documents (``--model``), always
#: last in their table: without a model they are left out, so the tables are exactly those
#: of a dictionary-only run.
MODEL_COLUMNS = ("score", "model_expected")


@dataclass(frozen=True)
class Column:
    """One column: its name, dtype and one line on its meaning."""

    name: str
    dtype: str
    meaning: str

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name}: unknown dtype {self.dtype!r}; choose from {DTYPES}")


@dataclass(frozen=True)
class Table:
    """A table: one row per ``row``, with ``columns`` in this order.

    Parameters
    ----------
    name : str
        The table's name (also the stem of its file, when it is written).
    row : str
        What one row is.
    columns : tuple of Column
        In output order.
    file : str or None
        The file name the command writes it to, if it does.
    keys_first : bool
        The table starts with caller-chosen grouping columns (``outlet``,
        ``month`` …) before ``columns``.
    """

    name: str
    row: str
    columns: tuple[Column, ...]
    file: str | None = None
    keys_first: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def dtypes(self) -> dict[str, str]:
        """Column name → dtype."""
        return {c.name: c.dtype for c in self.columns}

    def written(self, model: bool) -> tuple[str, ...]:
        """The columns written: all of them with a model, without :data:`MODEL_COLUMNS` otherwise."""
        return self.names if model else tuple(n for n in self.names if n not in MODEL_COLUMNS)

    def with_meaning(self, name: str, meaning: str) -> Table:
        """This table with the meaning of column ``name`` replaced (e.g. a run's model threshold in the codebook)."""
        self.column(name)  # a KeyError naming the columns if there is none
        columns = tuple(Column(c.name, c.dtype, meaning) if c.name == name else c for c in self.columns)
        return Table(self.name, self.row, columns, self.file, self.keys_first)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name} has no column {name!r}; it has {list(self.names)}")

    def frame(
        self, rows: Iterable[Sequence[Any] | Mapping[str, Any]] = (), *, keys: Sequence[str] = ()
    ) -> pd.DataFrame:
        """A DataFrame of ``rows`` with this table's columns and dtypes.

        Parameters
        ----------
        rows : iterable of sequences
            Row tuples in column order (``keys`` first, if any), or mappings
            from column name to value.
        keys : sequence of str
            Grouping columns before the table's own (``keys_first`` tables).
        """
        import pandas as pd

        frame = pd.DataFrame(list(rows), columns=[*keys, *self.names])
        return self.cast(frame)

    def cast(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with this table's dtypes on the columns it has."""
        wanted = {name: dtype for name, dtype in self.dtypes.items() if name in frame.columns}
        # "object" columns (grouping keys) keep whatever type their values have.
        return frame.astype({name: dtype for name, dtype in wanted.items() if dtype != "object"})

    def require(self, frame_columns: Iterable[str], columns: Sequence[str] | None = None) -> None:
        """Raise ``ValueError`` naming the columns of this table that are missing.

        Parameters
        ----------
        frame_columns : iterable of str
            The columns a caller passed (``frame.columns``).
        columns : sequence of str, optional
            The columns needed; all of the table's by default.
        """
        require_columns(frame_columns, columns if columns is not None else self.names, self.name)


def require_columns(table_columns: Iterable[str], columns: Sequence[str], name: str) -> None:
    """Raise ``ValueError`` naming the columns a table lacks (and those it has).

    The one column check of the package (tables use it through
    :meth:`Table.require`).

    Parameters
    ----------
    table_columns : iterable of str
        The table's columns (``frame.columns``).
    columns : sequence of str
        The columns needed.
    name : str
        What the table is, for the message (``"hits"``, ``"documents"``).

    >>> require_columns(["doc_id"], ["doc_id", "text"], "documents")
    Traceback (most recent call last):
    ...
    ValueError: documents has no column(s) ['text']; it has ['doc_id']
    """
    present = list(table_columns)
    missing = [c for c in columns if c not in present]
    if missing:
        raise ValueError(f"{name} has no column(s) {missing}; it has {present}")


def _c(name: str, dtype: str, meaning: str) -> Column:
    return Column(name, dtype, meaning)

"""Rows of a huge document kept in an anonymous temporary file instead of memory.

A 200 MB article has hundreds of thousands of hits and quotations; as Python
tuples they take several times the text's size.  :func:`analysis.windows.count_windowed`
writes each window's rows here as it goes, so that a run holds one window's
rows at a time; the output tables read them back, in order, by iteration.

The file is unlinked as soon as it is made (:func:`tempfile.TemporaryFile`),
so nothing is left behind, even after a kill.  Pickled (to cross from a
worker process to the parent), the rows travel as a plain list.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn


class SpilledRows(list):
    """A list of rows whose items live in a temporary file: ``extend``, ``append``, ``len`` and iteration.

    It is a ``list`` so that it can stand where the rows of a
    :class:`~analysis.pipeline.Partition` are expected, but it is read only
    by iteration: indexing, slicing, sorting or removing rows raise
    ``TypeError`` instead of silently seeing an empty list.

    Examples
    --------
    >>> rows = SpilledRows([(1, "a")])
    >>> rows.extend([(2, "b"), (3, "c")])
    >>> len(rows), list(rows), rows == [(1, "a"), (2, "b"), (3, "c")]
    (3, [(1, 'a'), (2, 'b'), (3, 'c')], True)
    """

    def __init__(self, rows: Iterable = ()) -> None:
        super().__init__()
        self._file = tempfile.TemporaryFile(prefix="framing-rows-")
        self._batches: list[int] = []  # where each pickled batch starts
        self._n = 0
        self.extend(rows)

    def extend(self, rows: Iterable) -> None:
        """Write ``rows`` to the file as one batch."""
        batch = list(rows)
        if batch:
            self._file.seek(0, 2)
            self._batches.append(self._file.tell())
            pickle.dump(batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._n += len(batch)

    def append(self, row: Any) -> None:
        """Write one row (a batch of one: use :meth:`extend` for many)."""
        self.extend([row])

    def __iter__(self) -> Iterator:
        # Each iterator keeps its own position: two may run at once.
        self._file.flush()
        for start in list(self._batches):
            self._file.seek(start)
            yield from pickle.load(self._file)

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"SpilledRows(<{self._n} rows>)"

    def __reduce__(self) -> tuple:
        return (list, (list(self),))

    def close(self) -> None:
        """Remove the file now (it also goes when the object does)."""
        self._file.close()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("SpilledRows are read by iteration: use list(rows) for a list in memory")

    __getitem__ = __setitem__ = __delitem__ = __contains__ = __reversed__ = _refuse
    __add__ = __iadd__ = __mul__ = __imul__ = copy = _refuse
    sort = insert = pop = remove = index = count = reverse = clear = _refuse


__all__ = ["SpilledRows"]

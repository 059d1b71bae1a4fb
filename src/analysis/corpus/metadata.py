"""``metadata.csv``: outlet, date, title, url and article of the ``.txt`` files in its folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import FramingInputError
from .formats import repeated_column
from .tabular import read_table_file, trim_table

METADATA_FILE = "metadata.csv"


def read_folder_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Read the metadata of the ``.txt`` files in ``folder`` from its ``metadata.csv``.

    Read afresh on every call: a :class:`~analysis.corpus.reader.CorpusRun`
    reads each folder's file once per pass, so a ``metadata.csv`` edited
    between two passes (in a running notebook) is read again.

    Parameters
    ----------
    folder : Path
        A folder of ``.txt`` files.

    Returns
    -------
    dict
        ``doc_id`` → the row of ``metadata.csv`` (column → cell); empty when
        the folder has no ``metadata.csv``.

    Raises
    ------
    FramingInputError
        A ``metadata.csv`` without a ``doc_id`` column, with a column twice, a
        row with fewer or more cells than the header, a ``doc_id`` on two rows
        (each would silently win over the other), or one that cannot be decoded.

    Notes
    -----
    Read as spreadsheets save it (:mod:`~analysis.corpus.tabular`): UTF-8,
    UTF-16 or Windows-1256, comma, semicolon or tab separated, empty rows
    and empty unnamed columns ignored.  Each record keeps its spreadsheet row
    under the key ``"_row"`` (for reports about it).
    """
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    header, rows = trim_table(read_table_file(path, expect=("doc_id",), refuse_unsaved_formulas=True).rows)
    if "doc_id" not in header:
        raise FramingInputError(
            path, f"needs a doc_id column (the .txt file names without .txt); its columns: {', '.join(header)}.", row=1
        )
    twice = repeated_column(header)
    if twice:
        raise FramingInputError(path, f"the header has {twice}: it is not clear which to read; rename one.", row=1)
    table: dict[str, dict[str, str]] = {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        _check_width(path, number, header, cells)
        record = dict(zip(header, cells))
        doc_id = record["doc_id"]
        if doc_id in table:
            raise FramingInputError(
                path, f"doc_id {doc_id!r} is also on row {table[doc_id]['_row']}: delete one of the rows.", row=number
            )
        table[doc_id] = {**record, "_row": str(number)}
    return table


def _check_width(path: Path, number: int, header: list[str], cells: list[str]) -> None:
    """Refuse a row with fewer cells than the header (a lost cell) or a value under no column name."""
    if len(cells) < len(header):
        raise FramingInputError(
            path,
            f"fewer cells than the header ({len(cells)}, not {len(header)}): a cell lost, or a line break "
            "outside quotation marks?",
            row=number,
        )
    unnamed = [cell for name, cell in zip(header, cells) if not name] + cells[len(header) :]
    if any(cell.strip() for cell in unnamed):
        raise FramingInputError(path, "a value in a column without a name (an unquoted comma?).", row=number)


def unmatched_metadata(folder: Path, table: dict[str, dict[str, str]]) -> list[tuple[int, str]]:
    """Rows of ``metadata.csv`` whose ``doc_id`` names no ``.txt`` file of ``folder``: (row, doc_id).

    A misspelt ``doc_id`` would otherwise leave its article without outlet or
    date, silently.
    """
    return [
        (int(record["_row"]), doc_id) for doc_id, record in table.items() if not (folder / f"{doc_id}.txt").is_file()
    ]

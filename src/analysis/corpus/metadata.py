"""``metadata.csv``: outlet, date, title, url and article of the ``.txt`` files in its folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import FramingInputError
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
        A ``metadata.csv`` without a ``doc_id`` column, or one that cannot be
        decoded.

    Notes
    -----
    Read as spreadsheets save it (:mod:`~analysis.corpus.tabular`): UTF-8,
    UTF-16 or Windows-1256, comma, semicolon or tab separated, empty rows
    and empty unnamed columns ignored.
    """
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    header, rows = trim_table(read_table_file(path, expect=("doc_id",)).rows)
    if "doc_id" not in header:
        raise FramingInputError(
            path, f"needs a doc_id column (the .txt file names without .txt); its columns: {', '.join(header)}.", row=1
        )
    records = (dict(zip(header, cells)) for _, cells in rows)
    return {record["doc_id"]: record for record in records if any(v.strip() for v in record.values())}

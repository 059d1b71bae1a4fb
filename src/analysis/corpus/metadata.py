"""``metadata.csv``: outlet, date, title, url and article of the ``.txt`` files in its folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import FramingInputError
from .encoding import decode_bytes

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
    """
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    text, _ = decode_bytes(path.read_bytes(), path)
    reader = csv.DictReader(io.StringIO(text))
    if "doc_id" not in (reader.fieldnames or []):
        raise FramingInputError(path, "needs a doc_id column (the .txt file names without .txt).", row=1)
    return {row["doc_id"]: row for row in reader}

"""``metadata.csv``: outlet, date, title and url of the ``.txt`` files in its folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import FramingInputError
from .encoding import decode_bytes

METADATA_FILE = "metadata.csv"


def _folder_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Metadata of ``.txt`` files from ``metadata.csv`` in their folder (cached per folder)."""
    cached = _METADATA_CACHE.get(folder)
    if cached is not None:
        return cached
    table: dict[str, dict[str, str]] = {}
    path = folder / METADATA_FILE
    if path.is_file():
        text, _ = decode_bytes(path.read_bytes(), path)
        reader = csv.DictReader(io.StringIO(text))
        if "doc_id" not in (reader.fieldnames or []):
            raise FramingInputError(path, "needs a doc_id column (the .txt file names without .txt).", row=1)
        table = {row["doc_id"]: row for row in reader}
    _METADATA_CACHE[folder] = table
    return table


_METADATA_CACHE: dict[Path, dict[str, dict[str, str]]] = {}

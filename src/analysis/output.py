"""Write result tables atomically: all files appear, or none change."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd


def write_csv_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table to ``out_dir/NAME.csv``, atomically as a set.

    Every table is first written to a temporary file in ``out_dir``; only when
    all are written are they moved into place (``os.replace`` is atomic on
    one file system), so a failure leaves earlier outputs untouched and no
    half-written file behind.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        File stem to table.
    out_dir : str or Path
        Created if missing.

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, table in tables.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                table.to_csv(stream, index=False, lineterminator="\n")
            staged.append((name, Path(temporary)))
    except BaseException:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise
    written = []
    for name, temporary in staged:
        target = out / f"{name}.csv"
        os.replace(temporary, target)
        written.append(target)
    return written

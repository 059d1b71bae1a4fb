"""Write result tables atomically: all files appear, or none change."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FramingInputError

if TYPE_CHECKING:
    import pandas as pd


def _default_file_mode() -> int:
    """The mode ``open()`` would give a new file (0o666 minus the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def staged_file(target: Path) -> Path:
    """Create an empty temporary file beside ``target`` with ordinary permissions.

    ``tempfile.mkstemp`` makes files readable by their owner only; outputs are
    meant to be shared, so the mode is reset to what ``open()`` would give.
    Move the file into place with ``os.replace`` once it is complete.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f"{target.suffix}.tmp", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, _default_file_mode())
    return Path(temporary)


def write_csv_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | Path, *, before_replace: Callable[[], object] | None = None
) -> list[Path]:
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
        Created if missing (with its parents); removed again, with the parents it needed, when a table
        cannot be written.
    before_replace : callable, optional
        Called once every table is written, before the first is moved into place (to remove a
        ``manifest.json`` that describes the tables about to be replaced).

    Returns
    -------
    list of Path
        The files written.
    """
    from .outdir import missing_folders, remove_empty_folders

    out = Path(out_dir)
    created = missing_folders(out)
    staged: list[tuple[str, Path]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            temporary = staged_file(out / f"{name}.csv")
            staged.append((name, temporary))
            with open(temporary, "w", encoding="utf-8", newline="") as stream:
                table.to_csv(stream, index=False, lineterminator="\n")
    except BaseException:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        remove_empty_folders(created)  # out and the parents made for it: a failed write leaves the disk as it was
        raise
    if before_replace is not None:
        before_replace()
    return replace_all({out / f"{name}.csv": temporary for name, temporary in staged})


def replace_all(staged: Mapping[Path, Path]) -> list[Path]:
    """Move complete staged files onto their targets.

    Parameters
    ----------
    staged : mapping of Path to Path
        Target → staged file (from :func:`staged_file`), all fully written.

    Returns
    -------
    list of Path
        The targets, in the mapping's order.
    """
    for target, temporary in staged.items():
        os.replace(temporary, target)
    return list(staged)


@contextmanager
def atomic_file(target: str | Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Write a file atomically: yield a staged path, move it onto ``target`` on success.

    The one way the package writes a single output file (figures, coding
    sheets); tables written as a set go through :func:`staged_file` and
    :func:`replace_all`.  On any exception the staged file is removed and
    ``target`` is untouched.

    Parameters
    ----------
    target : str or Path
        The file to create or replace; its folder must exist.
    overwrite : bool, optional
        Replace an existing ``target`` (``os.replace``).  With ``False`` an
        existing file, even one created by someone else while writing, is
        never clobbered: :class:`~analysis.errors.FramingInputError`.

    Yields
    ------
    Path
        The staged file to write to.
    """
    target = Path(target)
    staged = staged_file(target)
    try:
        yield staged
        if overwrite:
            os.replace(staged, target)
        else:
            _link_into_place(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def _link_into_place(staged: Path, target: Path) -> None:
    # A hard link fails if the target exists, so a file created by someone else
    # since the caller's check is not clobbered either; where the file system has
    # no hard links, fall back to os.replace (atomic, but last-writer-wins).
    try:
        os.link(staged, target)
    except FileExistsError:
        raise FramingInputError(target, "already exists; choose another file name") from None
    except OSError:
        if target.exists():
            raise FramingInputError(target, "already exists; choose another file name") from None
        os.replace(staged, target)
        return
    staged.unlink()

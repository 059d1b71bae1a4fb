"""Files and folders in, the files read out: which files of a folder are articles.

One ``str`` or ``Path`` is one path (:func:`as_paths`); folders are walked
recursively and sorted; files of a folder in formats not read are returned
(the reader reports them), never ignored silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import FramingInputError
from .metadata import METADATA_FILES

#: What a lock file is, for messages (see :func:`is_lock_file`).
LOCK_FILE = "an office lock file (kept beside a file open in Excel, Word or LibreOffice), not an article"

#: The article files read (``.gz``: gzipped).
SUFFIXES = (".txt", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".xlsx")


def expand_paths(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """Expand files and folders into the supported files, sorted within each folder.

    Raises
    ------
    FramingInputError
        A missing path, a file of an unsupported kind, or a folder with no
        supported file.
    """
    return walk_paths(paths)[0]


def walk_paths(paths: Iterable[str | Path] | str | Path) -> tuple[list[Path], list[Path]]:
    """Expand files and folders into the files read and the files of the folders that are not.

    Returns
    -------
    read : list of Path
        The supported files, sorted within each folder, each once.
    unread : list of Path
        Files found in the folders that are not read (``.docx``, ``.pdf``,
        images …), sorted; metadata files (``metadata.csv``, ``metadata.xlsx``)
        are read by the reader, so they are not among them.

    Raises
    ------
    FramingInputError
        A missing path, a file of an unsupported kind named directly, or a
        folder with no supported file (its other files are named).
    """
    files: list[Path] = []
    unread: list[Path] = []
    for raw in as_paths(paths):
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in METADATA_FILES)
            found = [p for p in inside if _supported(p)]
            others = [p for p in inside if not _supported(p)]
            if not found:
                seen = (
                    f" (it has {len(others)} other file(s): {', '.join(p.name for p in others[:5])})" if others else ""
                )
                raise FramingInputError(path, f"is a folder with no {', '.join(SUFFIXES)} files{seen}.")
            files.extend(found)
            unread.extend(others)
        elif path.is_file():
            if is_lock_file(path):
                raise FramingInputError(path, f"is {LOCK_FILE}; name the file itself or its folder.")
            if not _supported(path):
                raise FramingInputError(path, f"is not a supported file; use {', '.join(SUFFIXES)}.")
            files.append(path)
        else:
            raise FramingInputError(path, "does not exist.")
    if not files:
        raise FramingInputError("(no paths)", "no input given: name files or folders of articles.")
    return list(dict.fromkeys(files)), list(dict.fromkeys(unread))


def as_paths(paths: Iterable[str | Path] | str | Path) -> list[str | Path]:
    """The paths given: one ``str`` or ``Path`` is one path (not its characters); each must be a str or Path.

    Raises
    ------
    FramingInputError
        Bytes, None, a number or another object where a path is expected.

    Examples
    --------
    >>> as_paths("data/articles"), as_paths(["a.csv", Path("b.csv")])
    (['data/articles'], ['a.csv', PosixPath('b.csv')])
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # and checked below: read_corpus("") must not read the working folder
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise FramingInputError(repr(paths)[:80], "is not a path: give a str or Path, or a list of them.")
    listed = list(paths)
    for raw in listed:
        if not isinstance(raw, (str, Path)):
            raise FramingInputError(repr(raw)[:80], "is not a path: give a str or Path, or a list of them.")
        if not str(raw).strip():
            raise FramingInputError(repr(raw), "is an empty path (an unset variable?): name a file or folder.")
    return listed


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES) and not is_lock_file(path)


def is_lock_file(path: Path) -> bool:
    """Whether ``path`` is the lock file an office program keeps beside a file it has open.

    Microsoft Office writes ``~$name.xlsx`` (or ``~$name.txt``: Word with a
    ``.txt`` open), LibreOffice ``.~lock.name.xlsx#``; neither holds an article.

    Examples
    --------
    >>> is_lock_file(Path("okaz/~$a1.txt")), is_lock_file(Path(".~lock.a.xlsx#")), is_lock_file(Path("a1.txt"))
    (True, True, False)
    """
    return path.name.startswith("~$") or (path.name.startswith(".~lock.") and path.name.endswith("#"))


def stem_of(path: Path) -> str:
    name = path.name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def row_id(path: Path, row: int, value: str = "") -> str:
    """The doc_id of a record: its id ``value`` stripped, else ``<file name>-<row>``.

    Examples
    --------
    >>> row_id(Path("news.xlsx"), 3, " a7 "), row_id(Path("news.csv.gz"), 3)
    ('a7', 'news-3')
    """
    return value.strip() or f"{stem_of(path)}-{row}"

"""Files and folders in, the files read out: which files of a folder are articles.

One ``str`` or ``Path`` is one path (:func:`as_paths`); folders are walked
recursively and sorted; files of a folder in formats not read are returned
(the reader reports them), never ignored silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from ..errors import FramingInputError
from .metadata import METADATA_FILES

#: What a lock file is, for messages (see :func:`is_lock_file`).
LOCK_FILE = "an office lock file (kept beside a file open in Excel, Word or LibreOffice), not an article"

#: The article files read (``.gz``: gzipped).
SUFFIXES = (".txt", ".csv", ".csv.gz", ".tsv", ".tsv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".xlsx")


def expand_paths(paths: Iterable[str | Path] | str | Path, exclude: Sequence[str] = ()) -> list[Path]:
    """Expand files and folders into the supported files, sorted within each folder, minus those ``exclude`` names.

    Raises
    ------
    FramingInputError
        A missing path, a file of an unsupported kind, a folder with no
        supported file, or a pattern that cannot match (see :func:`check_exclude`).
    """
    return walk_paths(paths, exclude).read


class ConfiguredPaths(tuple[Path, ...]):
    """Paths with the exclude patterns that go with them: a configuration's ``articles`` or ``paths``.

    :func:`~analysis.corpus.read_corpus` given such paths and no ``exclude`` of its own applies
    their patterns, so that a notebook's ``read_corpus(as_paths(CORPUS))`` with ``CORPUS = CONFIG.corpus``
    leaves out what ``exclude`` under ``[corpus]`` names; paths typed in the parameters cell carry none.

    Examples
    --------
    >>> paths = ConfiguredPaths([Path("news")], exclude=["drafts/"])
    >>> paths == (Path("news"),), paths.exclude, exclude_of(list(paths)), exclude_of(paths)
    (True, ('drafts/',), (), ('drafts/',))
    """

    exclude: tuple[str, ...]

    def __new__(cls, paths: Iterable[Path] = (), exclude: Iterable[str] = ()) -> ConfiguredPaths:
        made = super().__new__(cls, paths)
        made.exclude = tuple(exclude)
        return made


class ConfiguredPathList(list[Path]):
    """A list of paths with exclude patterns (what :func:`analysis.config.as_paths` makes of :class:`ConfiguredPaths`)."""

    def __init__(self, paths: Iterable[Path] = (), exclude: Iterable[str] = ()) -> None:
        super().__init__(paths)
        self.exclude = tuple(exclude)


def exclude_of(paths: object) -> tuple[str, ...]:
    """The exclude patterns carried by ``paths`` (:class:`ConfiguredPaths`), else none."""
    return tuple(getattr(paths, "exclude", ()))


class Walk(NamedTuple):
    """The files found in the paths given, by what becomes of them (see :func:`walk_paths`)."""

    #: The supported files, sorted within each folder, each once.
    read: list[Path]
    #: Files of the folders that are not read (``.docx``, ``.pdf`` …), sorted; metadata files are not among them.
    unread: list[Path]
    #: ``(file, pattern)``: files left out by an exclude pattern, with the first pattern that matched.
    excluded: list[tuple[Path, str]]
    #: The exclude patterns that matched no file (a misspelling, or a path written from another folder).
    unmatched: list[str]


def walk_paths(paths: Iterable[str | Path] | str | Path, exclude: Sequence[str] = ()) -> Walk:
    """Expand files and folders into the files read, the files of the folders that are not, and those excluded.

    Parameters
    ----------
    paths : str, Path or iterable of them
        Files and folders (one ``str`` or ``Path`` is one path).
    exclude : sequence of str, optional
        Glob patterns of files to leave out (``drafts/``, ``notes.txt``, ``*-old.csv``), each matched
        against the path of a file from the folder given it was found in (see :func:`excluded_by`);
        a file given itself is matched by its name.

    Returns
    -------
    Walk
        ``read``, ``unread``, ``excluded`` and ``unmatched`` (see :class:`Walk`).

    Raises
    ------
    FramingInputError
        A missing path, a file of an unsupported kind named directly, a folder with no
        supported file (its other files are named), an exclude pattern that cannot match,
        or patterns that leave no file to read.
    """
    patterns = check_exclude(exclude)
    files: list[Path] = []
    unread: list[Path] = []
    excluded: list[tuple[Path, str]] = []
    used: set[str] = set()
    for raw in as_paths(paths):
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in METADATA_FILES)
            left_out = {p: hit for p in inside if (hit := excluded_by(p.relative_to(path), patterns))}
            excluded.extend(left_out.items())
            # Every pattern that matches counts, not only the first: drafts and DRAFTS/ both matched, and the
            # second was a warning that it matched no file.
            used.update(
                pattern for p in left_out for pattern in patterns if excluded_by(p.relative_to(path), [pattern])
            )
            inside = [p for p in inside if p not in left_out]
            found = [p for p in inside if _supported(p)]
            others = [p for p in inside if not _supported(p)]
            if not found and not left_out:
                seen = (
                    f" (it has {len(others)} other file(s): {', '.join(p.name for p in others[:5])})" if others else ""
                )
                raise FramingInputError(path, f"is a folder with no {', '.join(SUFFIXES)} files{seen}.")
            files.extend(found)
            unread.extend(others)
        elif path.is_file():
            if pattern := excluded_by(Path(path.name), patterns):
                excluded.append((path, pattern))
                used.update(other for other in patterns if excluded_by(Path(path.name), [other]))
                continue
            if is_lock_file(path):
                raise FramingInputError(path, f"is {LOCK_FILE}; name the file itself or its folder.")
            if not _supported(path):
                raise FramingInputError(path, f"is not a supported file; use {', '.join(SUFFIXES)}.")
            files.append(path)
        else:
            raise FramingInputError(path, "does not exist.")
    if not files and excluded:
        shown = ", ".join(dict.fromkeys(pattern for _file, pattern in excluded))
        raise FramingInputError(
            "(exclude)", f"the exclude pattern(s) {shown} leave no file to read ({len(excluded)} excluded); "
            "narrow them (a pattern without / matches a file or folder name at any depth)"
        )  # fmt: skip
    if not files:
        raise FramingInputError("(no paths)", "no input given: name files or folders of articles.")
    unmatched = [pattern for pattern in patterns if pattern not in used]
    return Walk(list(dict.fromkeys(files)), list(dict.fromkeys(unread)), excluded, unmatched)


def check_exclude(patterns: Sequence[str] | str) -> list[str]:
    """The exclude patterns, checked: each a relative glob pattern (``\\`` read as ``/``).

    Raises
    ------
    FramingInputError
        One string where a list is expected, an empty pattern, or an absolute one or one that climbs
        out of the folder (``..``): patterns are relative to each folder given, so these match nothing.
        (``./`` is the folder itself, so ``./drafts`` is ``drafts``; a pattern is read in NFC, as file names are matched.)

    Examples
    --------
    >>> check_exclude(["drafts/", "notes.txt", "2020\\\\old", "./drafts/", ".\\\\a/./b.txt"])
    ['drafts/', 'notes.txt', '2020/old', 'drafts/', 'a/b.txt']
    """
    if isinstance(patterns, str):
        raise FramingInputError(repr(patterns), f"exclude is a list of patterns: write exclude = [{patterns!r}]")
    checked = []
    for given in patterns:
        # NFC, as file_key reads a metadata row's name: an Arabic name typed composed matches one unzipped decomposed.
        pattern = unicodedata.normalize("NFC", str(given)).strip().replace("\\", "/")
        pattern = "/".join(part for part in pattern.split("/") if part != ".")  # ./drafts is drafts
        if not pattern.strip("/"):
            raise FramingInputError(repr(given), "an empty exclude pattern: remove it, or name a file or folder")
        if pattern.startswith("/") or re.match(r"[A-Za-z]:/", pattern) or ".." in pattern.split("/"):
            raise FramingInputError(repr(given), (
                "an exclude pattern is relative to each folder given (drafts/, 2020/notes.txt, *.bak.csv), "
                "not an absolute path nor one with ..: write the file's path from the folder it is in"
            ))  # fmt: skip
        checked.append(pattern)
    return checked


def excluded_by(relative: Path, patterns: Sequence[str]) -> str | None:
    """The first pattern that leaves out the file at ``relative`` (its path from the folder given), else ``None``.

    A pattern is a glob (``*``, ``?``, ``[...]``; ``*`` also crosses ``/``), matched without regard to case
    against the file's path and against each folder above it, so ``drafts`` and ``drafts/`` leave out a
    whole folder; a pattern without ``/`` also matches a file or folder name at any depth (as in .gitignore).

    Examples
    --------
    >>> patterns = ["drafts/", "notes.txt", "2020/*-old.csv"]
    >>> [excluded_by(Path(p), patterns) for p in ("drafts/a.txt", "x/Notes.txt", "2020/b-old.csv", "2021/b-old.csv")]
    ['drafts/', 'notes.txt', '2020/*-old.csv', None]
    >>> [excluded_by(Path(p), ["**/drafts/**"]) for p in ("drafts/a.txt", "x/drafts/b.txt", "drafts.txt")]
    ['**/drafts/**', '**/drafts/**', None]
    """
    parts = [unicodedata.normalize("NFC", part).lower() for part in relative.as_posix().split("/")]
    prefixes = ["/".join(parts[: end + 1]) for end in range(len(parts))]
    for pattern in patterns:
        for wanted in _globs(pattern.lower().rstrip("/")):
            if any(fnmatchcase(prefix, wanted) for prefix in prefixes):
                return pattern
            if "/" not in wanted and any(fnmatchcase(part, wanted) for part in parts):
                return pattern
    return None


def _globs(pattern: str) -> list[str]:
    """The pattern, and as .gitignore reads it: ``**/`` at its start is any folder or none, ``/**`` at its end all below.

    Without this, ``**/drafts`` left out ``a/drafts`` but not ``drafts`` itself (``*`` needs the ``/`` after it).

    Examples
    --------
    >>> _globs("**/drafts/**"), _globs("notes.txt")
    (['**/drafts/**', 'drafts'], ['notes.txt'])
    """
    plain = pattern
    while plain.startswith("**/"):
        plain = plain[3:]
    while plain.endswith("/**"):
        plain = plain[:-3]
    return [pattern] if plain == pattern or not plain else [pattern, plain]


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

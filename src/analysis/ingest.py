"""Read articles from disk into a documents table (the only file input step).

The *text as read* is the file decoded (UTF-8, with or without a byte-order
mark, else legacy Windows-1256 Arabic), with line ends made ``\\n`` as Python's
``open()`` does, minus a scraped trailer such as ``Facebook Comments``.  The
trailer is cut from the end only, so offsets into the text as read are also
offsets into the decoded file.  Every offset the package reports refers to
this text.  Files are only ever read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import regex

from . import arabic
from .errors import FramingInputError

#: Lines that scrapers leave at the end of articles (whole line, any case).
DEFAULT_TRAILER_PATTERNS: tuple[str, ...] = (
    r"facebook comments",
    r"(?:share|شارك)(?: (?:on|via|عبر))? (?:facebook|twitter|whatsapp|فيسبوك|تويتر)",
)

DOCUMENT_COLUMNS = ("doc_id", "path", "encoding", "n_bytes", "n_chars", "trailer_removed", "text")

_ARABIC_LETTER = regex.compile(arabic.ARABIC_LETTER_CLASS, regex.VERSION1)
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, source: str | Path) -> tuple[str, str]:
    """Decode a file's bytes as UTF-8 (BOM allowed) or Windows-1256 Arabic.

    Parameters
    ----------
    data : bytes
        The file's content.
    source : str or Path
        Named in error messages.

    Returns
    -------
    text : str
        Decoded text with ``\\r\\n`` and ``\\r`` turned into ``\\n``.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` (a BOM was present) or ``"cp1256"``.

    Raises
    ------
    FramingInputError
        For NUL bytes or other control characters (a binary file), or bytes
        that are neither UTF-8 nor Arabic in Windows-1256.
    """
    nul = data.find(b"\x00")
    if nul != -1:
        raise FramingInputError(
            source, "has a NUL byte: this is a binary file, not text. Export the article as plain text (.txt).",
            byte=nul,
        )
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            text = ""
        if not _ARABIC_LETTER.search(text) or _CONTROL.search(text):
            raise FramingInputError(
                source,
                "is neither UTF-8 nor Arabic Windows-1256 text "
                f"(first invalid UTF-8 sequence at this byte). Re-save it as UTF-8.",
                byte=utf8_error.start,
            ) from None
        encoding = "cp1256"
    control = _CONTROL.search(text)
    if control:
        raise FramingInputError(
            source,
            f"has the control character U+{ord(control.group()):04X} at character {control.start()}: "
            "this looks like a binary file. Export the article as plain text.",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def cut_trailer(text: str, patterns: Sequence[str] = DEFAULT_TRAILER_PATTERNS) -> tuple[str, str]:
    """Remove boilerplate lines from the end of ``text``.

    Parameters
    ----------
    text : str
        Decoded article text.
    patterns : sequence of str
        Regular expressions, each matched against a whole stripped line,
        ignoring case.

    Returns
    -------
    kept : str
        ``text`` up to the end of the last line that is not boilerplate, so
        offsets into ``kept`` are offsets into ``text``.
    removed : str
        What was cut, stripped (empty if nothing).
    """
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    kept = text.rstrip()
    while kept:
        line_start = kept.rfind("\n") + 1
        line = kept[line_start:].strip()
        if not any(p.fullmatch(line) for p in compiled):
            break
        kept = kept[:line_start].rstrip()
    removed = text[len(kept) :].strip()
    return (kept if removed else text), removed


def find_text_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of ``.txt`` files.

    Parameters
    ----------
    paths : iterable of str or Path
        ``.txt`` files and folders (searched recursively for ``*.txt``).

    Returns
    -------
    list of Path

    Raises
    ------
    FramingInputError
        A path that does not exist, a file that is not ``.txt``, a folder
        without ``.txt`` files, or two files with the same name (doc_id).
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
            if not found:
                raise FramingInputError(path, "is a folder with no .txt files. Put one article per .txt file in it.")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() != ".txt":
                raise FramingInputError(path, "is not a .txt file. Give plain-text articles (one per .txt file).")
            files.append(path)
        else:
            raise FramingInputError(path, "does not exist.")
    if not files:
        raise FramingInputError("(no paths)", "no input given: name .txt files or folders of them.")
    seen: dict[str, Path] = {}
    for file in files:
        if file.stem in seen and seen[file.stem] != file:
            raise FramingInputError(
                file, f"has the same name as {seen[file.stem]}; the file name is the doc_id, so rename one."
            )
        seen[file.stem] = file
    return list(dict.fromkeys(files))


def read_text_file(path: str | Path, *, trailer_patterns: Sequence[str] = DEFAULT_TRAILER_PATTERNS) -> dict:
    """Read one article file.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` file.
    trailer_patterns : sequence of str
        Passed to :func:`cut_trailer`.

    Returns
    -------
    dict
        One row of the documents table (see :data:`DOCUMENT_COLUMNS`).

    Raises
    ------
    FramingInputError
        Unreadable, binary, undecodable or empty files.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read ({error.strerror}).") from None
    if not data.strip():
        raise FramingInputError(path, "is empty. Remove it or put the article's text in it.")
    text, encoding = decode_bytes(data, path)
    kept, removed = cut_trailer(text, trailer_patterns)
    if not kept.strip():
        raise FramingInputError(path, f"holds only boilerplate ({removed!r}); there is no article text.")
    return {
        "doc_id": path.stem,
        "path": str(path),
        "encoding": encoding,
        "n_bytes": len(data),
        "n_chars": len(kept),
        "trailer_removed": removed,
        "text": kept,
    }


def read_documents(
    paths: Iterable[str | Path], *, trailer_patterns: Sequence[str] = DEFAULT_TRAILER_PATTERNS
) -> pd.DataFrame:
    """Read ``.txt`` articles into a documents table.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders; the file stem becomes ``doc_id``.
    trailer_patterns : sequence of str
        Boilerplate lines cut from the end of each article.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DOCUMENT_COLUMNS`, one row per file, sorted by path.

    Raises
    ------
    FramingInputError
        The first bad file, named.
    """
    rows = [read_text_file(p, trailer_patterns=trailer_patterns) for p in find_text_files(paths)]
    return documents_frame(rows)


def documents_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Build a documents table from row dicts, with stable dtypes."""
    frame = pd.DataFrame(list(rows), columns=list(DOCUMENT_COLUMNS))
    for column in ("doc_id", "path", "encoding", "trailer_removed", "text"):
        frame[column] = frame[column].astype("string")
    return frame


def documents_from_texts(texts: Iterable[str], doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Build a documents table from strings already in memory.

    Parameters
    ----------
    texts : iterable of str
        Article texts (taken as read: no decoding, no trailer cut).
    doc_ids : iterable of str, optional
        Identifiers; defaults to ``doc0001``, ``doc0002``, ...

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DOCUMENT_COLUMNS`; ``path`` and ``encoding`` are empty.
    """
    texts = list(texts)
    ids = list(doc_ids) if doc_ids is not None else [f"doc{i:04d}" for i in range(1, len(texts) + 1)]
    if len(ids) != len(texts):
        raise ValueError(f"{len(ids)} doc_ids for {len(texts)} texts")
    if len(set(ids)) != len(ids):
        raise ValueError("doc_ids must be unique")
    return documents_frame(
        {"doc_id": i, "path": "", "encoding": "", "n_bytes": len(t.encode("utf-8")), "n_chars": len(t),
         "trailer_removed": "", "text": t}
        for i, t in zip(ids, texts)
    )

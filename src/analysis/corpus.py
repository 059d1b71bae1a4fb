"""Read a corpus — folders of ``.txt``, CSV and JSON Lines files — into one documents table.

Every input is streamed: files are decoded one at a time (UTF-8, UTF-8 with a
byte-order mark, or Windows-1256 Arabic, decided per file), CSV and JSONL
records are yielded one by one, so a corpus of any size passes through in
constant memory.  What is not kept is never dropped silently: every skipped
record, duplicate, unparseable date and non-UTF-8 file becomes a row of the
*report* (``source, row, doc_id, problem, action``).

Text as read
    The decoded text of the file (``.txt``) or of the text cell/field, with
    line ends as ``\\n``; HTML is stripped to its text; boilerplate lines
    (``Facebook Comments`` …) are blanked with spaces where they stand and cut
    where they end the text, so offsets into the text as read are offsets into
    the decoded source for all but HTML documents.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, TYPE_CHECKING

import regex

from . import arabic
from .errors import FramingInputError
from .normalize import DEFAULT_FOLDING
from .tokenize import token_norm_text

if TYPE_CHECKING:
    import pandas as pd

#: Lines that scrapers leave in articles, removed by default (whole line, any case).
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    r"facebook comments",
    r"(?:share|شارك)(?: (?:on|via|عبر))? (?:facebook|twitter|whatsapp|فيسبوك|تويتر)",
)
CORPUS_COLUMNS = (
    "doc_id", "source", "row", "outlet", "date", "month", "title", "url", "encoding", "html",
    "boilerplate_removed", "n_chars", "text",
)  # fmt: skip
REPORT_COLUMNS = ("source", "row", "doc_id", "level", "problem", "action")
#: Report levels: ``error`` (a record that could not be read; the command stops
#: unless told to skip such records), ``duplicate`` (dropped on purpose),
#: ``warning`` (kept, with a problem) and ``note`` (kept; worth knowing).
LEVELS = ("error", "duplicate", "warning", "note")
SUFFIXES = (".txt", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
METADATA_FILE = "metadata.csv"
_SNIFF_BYTES = 1 << 20
_HTML_HINT = re.compile(r"<(?:p|div|br|span|a|html|body|article|section|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i)"
                        r"\b[^>]*>|&(?:nbsp|amp|quot|lt|gt|#\d+);", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y", "%Y%m%d")

_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

csv.field_size_limit(2**31 - 1)  # articles can be longer than csv's 128 KiB default


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
        if not arabic.has_arabic_letter(text) or _CONTROL.search(text):
            raise FramingInputError(
                source,
                "is neither UTF-8 nor Arabic Windows-1256 text "
                "(first invalid UTF-8 sequence at this byte). Re-save it as UTF-8.",
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




@dataclass(frozen=True)
class Columns:
    """Names of the columns (CSV) or fields (JSONL) to read.

    Parameters
    ----------
    text : str
        The article text (required).
    id : str
        A unique identifier; when the column is absent or a cell is empty the
        doc_id is ``<file stem>-<row>``.
    outlet, date, title, url : str
        Metadata; missing columns give empty values.
    """

    text: str = "text"
    id: str = "id"
    outlet: str = "outlet"
    date: str = "date"
    title: str = "title"
    url: str = "url"


@dataclass
class Corpus:
    """A documents table and the report of everything not kept as is."""

    documents: pd.DataFrame
    report: pd.DataFrame

    @property
    def errors(self) -> pd.DataFrame:
        """Report rows of level ``error``: records that could not be read."""
        return self.report[self.report["level"] == "error"]

    def raise_for_errors(self) -> None:
        """Raise :class:`FramingInputError` naming the first unreadable record, if any.

        Raises
        ------
        FramingInputError
            With the file, the row, the problem, and how many more there are.
        """
        import pandas as pd

        if self.errors.empty:
            return
        first = self.errors.iloc[0]
        more = len(self.errors) - 1
        raise FramingInputError(
            first["source"],
            f"{first['problem']}" + (f" (and {more} more unreadable record(s); see the report)" if more else ""),
            row=None if pd.isna(first["row"]) else int(first["row"]),
        )


@dataclass
class CorpusReader:
    """Stream documents from files and folders, recording what it skips.

    Parameters
    ----------
    columns : Columns
        Column names for CSV and JSONL.
    boilerplate : sequence of str
        Regular expressions matched against whole stripped lines.
    dedupe : bool
        Drop exact and normalized duplicates (the first copy is kept; see
        :func:`document_fingerprints`).

    Attributes
    ----------
    first_error : tuple or None
        The first report row of level ``error``.
    """

    columns: Columns = field(default_factory=Columns)
    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE
    dedupe: bool = True

    def __post_init__(self) -> None:
        self._patterns = []
        for pattern in self.boilerplate:
            try:
                self._patterns.append(re.compile(pattern, re.IGNORECASE))
            except re.error as error:
                raise ValueError(f"boilerplate pattern {pattern!r} is not a regular expression ({error})") from None
        self._seen_ids: dict[str, tuple[str, int | None]] = {}  # doc_id -> (source, row): compact per document
        self._sources: dict[str, str] = {}  # one string per file, shared by its documents
        self._seen_exact: dict[bytes, str] = {}
        self._seen_normalized: dict[bytes, str] = {}
        self._encoding_of: dict[str, str] = {}
        self._rows: list[tuple] = []
        # Duplicate verdicts may come after later records were read (from worker
        # processes); each is kept with the report position of its document.
        self._placed_rows: list[tuple[int, tuple]] = []
        self.first_error: tuple | None = None

    # -- public -----------------------------------------------------------------------

    def iter_documents(self, paths: Iterable[str | Path], *, defer_duplicates: bool = False) -> Iterator[dict]:
        """Yield one dict per kept document (keys :data:`CORPUS_COLUMNS`).

        Parameters
        ----------
        paths : iterable of str or Path
            Files and folders.
        defer_duplicates : bool, optional
            Yield documents before the duplicate check; the caller then
            passes each one, in order, to :meth:`is_duplicate` with its
            fingerprints (computed where the document is tokenized anyway,
            e.g. in a worker process).

        Raises
        ------
        FramingInputError
            For problems that concern a whole file: missing paths, unsupported
            suffixes, binary or undecodable files, a CSV without the text
            column.
        """
        for path in expand_paths(paths):
            if path.name == METADATA_FILE:
                continue
            for document in self._documents_of(path):
                if defer_duplicates or not self.dedupe:
                    yield document
                elif not self.is_duplicate(document, document_fingerprints(document["text"])):
                    yield document

    def is_duplicate(self, document: dict, fingerprints: tuple[bytes, bytes]) -> bool:
        """Decide whether a document repeats an earlier one, and report it if so.

        Parameters
        ----------
        document : dict
            A document from :meth:`iter_documents`; documents must be passed
            in the order they were read.
        fingerprints : tuple of bytes
            From :func:`document_fingerprints`.

        Returns
        -------
        bool
            True if the document is to be dropped (always False when the
            reader keeps duplicates).
        """
        if not self.dedupe:
            return False
        doc_id = document["doc_id"]
        for seen, kind, key in zip((self._seen_exact, self._seen_normalized), ("exact", "normalized"), fingerprints):
            if key in seen:
                row = (document["source"], document["row"], doc_id, "duplicate", f"{kind} duplicate of {seen[key]}",
                       "dropped")  # fmt: skip
                self._placed_rows.append((document["_report_at"], row))
                return True
        self._seen_exact[fingerprints[0]] = doc_id
        self._seen_normalized[fingerprints[1]] = doc_id
        return False

    @property
    def report(self) -> list[tuple]:
        """The report so far (rows of :data:`REPORT_COLUMNS`), in reading order."""
        rows: list[tuple] = []
        placed = iter(self._placed_rows)
        pending = next(placed, None)
        for position, row in enumerate(self._rows):
            while pending is not None and pending[0] <= position:
                rows.append(pending[1])
                pending = next(placed, None)
            rows.append(row)
        while pending is not None:
            rows.append(pending[1])
            pending = next(placed, None)
        return rows

    def report_frame(self) -> pd.DataFrame:
        """The report so far as a DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.report, columns=list(REPORT_COLUMNS)).astype({"row": "Int64"})

    # -- per file ---------------------------------------------------------------------

    def _documents_of(self, path: Path) -> Iterator[dict]:
        name = path.name.lower()
        if name.endswith(".txt"):
            yield from self._text_file(path)
        elif name.endswith((".csv", ".csv.gz")):
            yield from self._csv_file(path)
        else:
            yield from self._jsonl_file(path)

    def _text_file(self, path: Path) -> Iterator[dict]:
        data = path.read_bytes()
        if not data.strip():
            self._report(path, None, path.stem, "error", "empty file", "skipped")
            return
        text, encoding = decode_bytes(data, path)
        self._note_encoding(path, encoding)
        metadata = _folder_metadata(path.parent).get(path.stem, {})
        document = self._document(path, None, path.stem, text, encoding, metadata)
        if document is not None:
            yield document

    def _csv_file(self, path: Path) -> Iterator[dict]:
        with self._open_text(path) as stream:
            reader = csv.DictReader(stream)
            header = reader.fieldnames or []
            if self.columns.text not in header:
                raise FramingInputError(
                    path, f"has no column {self.columns.text!r} (columns: {', '.join(header) or 'none'}); "
                    "name the text column with --text-column.", row=1)
            for row_number, record in enumerate(reader, start=2):
                if None in record:
                    self._report(path, row_number, "", "error", "more cells than the header (an unquoted comma?)", "skipped")
                    continue
                document = self._record(path, row_number, record)
                if document is not None:
                    yield document

    def _jsonl_file(self, path: Path) -> Iterator[dict]:
        with self._open_text(path) as stream:
            for line_number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    self._report(path, line_number, "", "error", f"invalid JSON ({error.msg})", "skipped")
                    continue
                if not isinstance(record, dict):
                    self._report(path, line_number, "", "error", "not a JSON object", "skipped")
                    continue
                document = self._record(path, line_number, {k: "" if v is None else str(v) for k, v in record.items()})
                if document is not None:
                    yield document

    # -- per record -------------------------------------------------------------------

    def _record(self, path: Path, row: int, record: dict[str, str]) -> dict | None:
        columns = self.columns
        if columns.text not in record:
            self._report(path, row, "", "error", f"no {columns.text!r} field", "skipped")
            return None
        doc_id = (record.get(columns.id) or "").strip() or f"{_stem(path)}-{row}"
        metadata = {key: record.get(getattr(columns, key), "") for key in ("outlet", "date", "title", "url")}
        text = record[columns.text].replace("\r\n", "\n").replace("\r", "\n")
        return self._document(path, row, doc_id, text, "", metadata)

    def _document(
        self, path: Path, row: int | None, doc_id: str, text: str, encoding: str, metadata: dict[str, str]
    ) -> dict | None:
        source = self._sources.setdefault(str(path), str(path))
        if doc_id in self._seen_ids:
            first_source, first_row = self._seen_ids[doc_id]
            where = first_source if first_row is None else f"{first_source}, row {first_row}"
            self._report(path, row, doc_id, "error", f"doc_id already used by {where}", "skipped")
            return None
        is_html = ("<" in text or "&" in text) and _HTML_HINT.search(text) is not None  # most texts have neither
        if is_html:
            text = html_to_text(text)
        text, removed = remove_boilerplate(text, self._patterns)
        if not text.strip():
            problem = "empty text" if not removed else f"only boilerplate ({removed[0]!r})"
            self._report(path, row, doc_id, "error", problem, "skipped")
            return None
        for line in removed:
            self._report(path, row, doc_id, "note", f"boilerplate line removed: {line!r}", "removed")
        self._seen_ids[doc_id] = (source, row)
        date = (metadata.get("date") or "").strip()
        month = month_of(date)
        if date and month is None:
            self._report(path, row, doc_id, "warning", f"unparseable date {date!r}", "kept; month left empty")
        return {
            "doc_id": doc_id, "source": source, "row": row, "outlet": (metadata.get("outlet") or "").strip(),
            "date": date, "month": month or "", "title": metadata.get("title") or "", "url": metadata.get("url") or "",
            "encoding": encoding or self._encoding_of.get(source, "utf-8"), "html": is_html,
            "boilerplate_removed": " | ".join(removed), "n_chars": len(text), "text": text,
            "_report_at": len(self._rows),
        }  # fmt: skip

    def _open_text(self, path: Path) -> AbstractContextManager[IO[str]]:
        """Sniff a CSV or JSONL file's encoding, note it, and open the file as checked text."""
        encoding = sniff_encoding(path)
        self._note_encoding(path, encoding)
        return _checked_text(path, encoding)

    def _note_encoding(self, path: Path, encoding: str) -> None:
        self._encoding_of[str(path)] = encoding
        if encoding == "cp1256":
            self._report(path, None, "", "note", "not UTF-8: decoded as Windows-1256 (cp1256)", "kept")

    def _report(self, source: str | Path, row: int | None, doc_id: str, level: str, problem: str, action: str) -> None:
        self._rows.append((str(source), row, doc_id, level, problem, action))
        if level == "error" and self.first_error is None:
            self.first_error = self._rows[-1]


def document_fingerprints(text: str, norm_text: str | None = None) -> tuple[bytes, bytes]:
    """The two keys that decide duplicates: the exact text, and its normalized tokens.

    Two documents are *exact* duplicates if their texts (as read, after
    cleaning) are equal, and *normalized* duplicates if they have the same
    sequence of normalized tokens (default foldings): they then differ only
    in diacritics, tatweel, letter variants, digits' script, Latin case or
    spacing.

    Parameters
    ----------
    text : str
        The document text.
    norm_text : str, optional
        ``tokenize(text).norm_text`` with the default foldings, if already
        computed (the worker processes have it for free).

    Returns
    -------
    tuple of bytes
        16-byte BLAKE2b digests ``(exact, normalized)``.

    Examples
    --------
    >>> a, b = document_fingerprints("قال حفتر ،إن"), document_fingerprints("قَالَ  حفتر، إن")
    >>> a[0] == b[0], a[1] == b[1]
    (False, True)
    """
    if norm_text is None:
        norm_text = token_norm_text(text, DEFAULT_FOLDING)
    return (
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
        hashlib.blake2b(norm_text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
    )


def read_corpus(
    paths: Iterable[str | Path],
    *,
    columns: Columns | None = None,
    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE,
    dedupe: bool = True,
) -> Corpus:
    """Read files and folders of articles into a documents table and a report.

    Parameters
    ----------
    paths : iterable of str or Path
        ``.txt``, ``.csv``, ``.jsonl`` (optionally gzipped) files and folders
        of them.  In a folder, ``metadata.csv`` (with a ``doc_id`` column)
        gives outlet, date, title and url of the ``.txt`` files beside it.
    columns : Columns, optional
        Column names for CSV and JSONL.
    boilerplate : sequence of str, optional
        Patterns of boilerplate lines.
    dedupe : bool, optional
        Drop exact and normalized duplicates.

    Returns
    -------
    Corpus
        ``documents`` (:data:`CORPUS_COLUMNS`) and ``report``
        (:data:`REPORT_COLUMNS`).
    """
    reader = CorpusReader(columns or Columns(), boilerplate, dedupe)
    documents = documents_table(reader.iter_documents(paths))
    return Corpus(documents, reader.report_frame())


def documents_table(rows: Iterable[dict]) -> pd.DataFrame:
    """Build a corpus documents table with stable dtypes."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(CORPUS_COLUMNS))
    strings = [c for c in CORPUS_COLUMNS if c not in ("row", "html", "n_chars")]
    return frame.astype({**{c: "string" for c in strings}, "row": "Int64", "html": bool, "n_chars": "int64"})


# -- files ------------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the supported files, sorted within each folder.

    Raises
    ------
    FramingInputError
        A missing path, a file of an unsupported kind, or a folder with no
        supported file.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _supported(p) and p.name != METADATA_FILE)
            if not found:
                raise FramingInputError(path, f"is a folder with no {', '.join(SUFFIXES)} files.")
            files.extend(found)
        elif path.is_file():
            if not _supported(path):
                raise FramingInputError(path, f"is not a supported file; use {', '.join(SUFFIXES)}.")
            files.append(path)
        else:
            raise FramingInputError(path, "does not exist.")
    if not files:
        raise FramingInputError("(no paths)", "no input given: name files or folders of articles.")
    return list(dict.fromkeys(files))


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _raw_stream(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def sniff_encoding(path: Path) -> str:
    """Decide a file's encoding from its first MiB that is not plain ASCII.

    A byte-order mark means UTF-8 with BOM; otherwise the first stretch with
    a non-ASCII byte decides: valid UTF-8 means UTF-8, Arabic in
    Windows-1256 means cp1256 (ASCII reads the same in both, so what comes
    before does not matter).  An Arabic file is decided by its first MiB;
    the rest is checked while it is read (see :func:`open_text`), so no
    extra pass over a large file is needed.

    Returns
    -------
    str
        ``utf-8``, ``utf-8-sig`` or ``cp1256``.

    Raises
    ------
    FramingInputError
        NUL bytes (a binary file) or bytes that are neither UTF-8 nor
        Windows-1256 Arabic, with the byte offset.
    """
    offset = 0
    try:
        with _raw_stream(path) as stream:
            while sample := stream.read(_SNIFF_BYTES):
                nul = sample.find(b"\x00")
                if nul != -1:
                    raise FramingInputError(path, "has a NUL byte: this is a binary file, not text.",
                                            byte=offset + nul)
                if offset == 0 and sample.startswith(codecs.BOM_UTF8):
                    return "utf-8-sig"
                if not sample.isascii():
                    return _utf8_or_cp1256(path, sample, offset)
                offset += len(sample)
    except (OSError, EOFError) as error:
        raise FramingInputError(path, f"cannot be read ({error}).") from None
    return "utf-8"


def _utf8_or_cp1256(path: Path, sample: bytes, offset: int) -> str:
    try:
        # Not final: the sample may end inside a character.
        codecs.getincrementaldecoder("utf-8")().decode(sample)
    except UnicodeDecodeError as error:
        try:
            decode_bytes(sample, path)
        except FramingInputError:
            raise FramingInputError(path, "is neither UTF-8 nor Arabic Windows-1256 text. Re-save it as UTF-8.",
                                    byte=offset + error.start) from None
        return "cp1256"
    return "utf-8"


class _CheckedBytes(io.RawIOBase):
    """A byte stream that stops at a NUL byte, naming its offset (the sniffed start had none)."""

    def __init__(self, raw: IO[bytes], path: Path):
        self._raw, self._path, self._offset = raw, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        if n:
            nul = bytes(memoryview(buffer)[:n]).find(b"\x00")
            if nul != -1:
                raise FramingInputError(self._path, "has a NUL byte: this is a binary file, not text.",
                                        byte=self._offset + nul)
            self._offset += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: Path, encoding: str) -> IO[str]:
    """Open a (possibly gzipped) file as text for streaming, CSV-ready (``newline=""``).

    NUL bytes stop reading with :class:`FramingInputError`; bytes that are not
    valid in ``encoding`` (a file that starts as UTF-8 and goes on in another
    encoding) raise :class:`UnicodeDecodeError` (the reader turns it into
    :func:`undecodable`'s error).
    """
    return io.TextIOWrapper(io.BufferedReader(_CheckedBytes(_raw_stream(path), path)), encoding=encoding, newline="")


@contextmanager
def _checked_text(path: Path, encoding: str) -> Iterator[IO[str]]:
    """:func:`open_text`, with decoding and reading errors turned into :class:`FramingInputError`."""
    try:
        with open_text(path, encoding) as stream:
            yield stream
    except UnicodeDecodeError:
        raise undecodable(path, encoding) from None
    except (OSError, EOFError) as error:  # a truncated or corrupt .gz
        raise FramingInputError(path, f"cannot be read ({error}).") from None


def undecodable(path: Path, encoding: str) -> FramingInputError:
    """The error for a file that stops being valid ``encoding`` after its sniffed start.

    Reads the file once more to name the first invalid byte (only on this
    error path).
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with _raw_stream(path) as stream:
        while chunk := stream.read(_SNIFF_BYTES):
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the previous chunk
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                offset += error.start - pending
                break
            offset += len(chunk)
    return FramingInputError(
        path, f"starts as {encoding} but is not valid {encoding} further on: "
        "the file mixes encodings. Re-save it as UTF-8.", byte=offset)


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


# -- text cleaning ---------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML fragment; block elements become line breaks."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                        "blockquote", "ul", "ol", "table"})
    HIDDEN = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Strip HTML to its text: tags removed, entities decoded, blocks on their own lines.

    Examples
    --------
    >>> html_to_text("<p>قال <b>حفتر</b>&nbsp;إن</p><script>x()</script><p>الحرب</p>")
    'قال حفتر\\xa0إن\\nالحرب'
    """
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    # Entities were decoded by the parser (convert_charrefs); decoding again would
    # turn a written "&amp;lt;" into "<".
    lines = [line.strip(" \t") for line in "".join(extractor.parts).split("\n")]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()


def remove_boilerplate(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[str, list[str]]:
    """Blank boilerplate lines where they stand; cut them where they end the text.

    Blanking (each character becomes a space) keeps every later offset equal
    to its offset in the source.

    Parameters
    ----------
    text : str
        Decoded text.
    patterns : sequence of compiled patterns
        Matched against each stripped line (``fullmatch``).

    Returns
    -------
    text : str
        The cleaned text.
    removed : list of str
        The boilerplate lines, in order.

    Examples
    --------
    >>> import re
    >>> remove_boilerplate("نص\\nFacebook Comments\\nنص آخر\\nFacebook Comments", [re.compile("facebook comments", re.I)])
    ('نص\\n                 \\nنص آخر', ['Facebook Comments', 'Facebook Comments'])
    """
    if not patterns:
        return text, []
    removed: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and any(p.fullmatch(stripped) for p in patterns):
            removed.append(stripped)
            lines[i] = " " * len(line)
    if not removed:
        return text, removed
    return "\n".join(lines).rstrip(), removed


def month_of(date: str) -> str | None:
    """Return ``YYYY-MM`` of a date string, or None if it cannot be parsed.

    ISO dates (``2015-07-21``, ``2015-07``, ``2015-07-21T10:00``) are read
    directly; a few common day-first and written-out formats are tried next.

    Examples
    --------
    >>> month_of("2015-07-21"), month_of("21/07/2015"), month_of("yesterday")
    ('2015-07', '2015-07', None)
    """
    if not date:
        return None
    iso = _ISO_DATE.match(date)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return f"{iso.group(1)}-{iso.group(2)}"
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(date, fmt)
        except ValueError:
            continue
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return None

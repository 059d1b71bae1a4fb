"""Decode corpus files: UTF-8 (with or without BOM), UTF-16 with a BOM or Windows-1256 Arabic, never a binary file.

Whole files (``.txt``, lexicons, coding sheets) are decoded at once by
:func:`decode_bytes`; large CSV and JSONL files are sniffed from their first
MiB (:func:`sniff_encoding`) and then streamed (:func:`open_text`), checked as
they are read, so that a bad byte anywhere is named with its offset.
"""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import regex

from .. import arabic
from ..errors import FramingInputError

_SNIFF_BYTES = 1 << 20
#: Control characters that text never has (tab, line feed and carriage return are allowed).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reject_binary(data: bytes, source: str | Path, *, offset: int = 0) -> None:
    """Raise :class:`FramingInputError` if ``data`` has a NUL byte, naming its offset.

    Text in UTF-8 or Windows-1256 never has a NUL byte and binary files
    (images, PDF, Word documents) almost always do, so this is the package's
    one binary-file check: whole files (:func:`decode_bytes`, used for
    articles, lexicons, metadata and coding sheets), the sniffed start of a
    streamed file (:func:`sniff_encoding`) and every block read after it
    (:func:`open_text`) go through it.

    Parameters
    ----------
    data : bytes
        A whole file, or a block of one.
    source : str or Path
        Named in the message.
    offset : int, optional
        Where ``data`` starts in the file, so that the message names the
        byte's offset in the file.

    Raises
    ------
    FramingInputError
        If ``data`` has a NUL byte.

    Examples
    --------
    >>> reject_binary("نص".encode(), "a.txt")
    >>> reject_binary(b"PK\\x03\\x04\\x00", "a.txt", offset=10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.FramingInputError: a.txt, byte 14: has a NUL byte: this is a binary file, not text; ...
    """
    nul = data.find(b"\x00")
    if nul != -1:
        what = binary_kind(data) if offset == 0 else _NOT_TEXT
        raise FramingInputError(source, f"has a NUL byte: {what}", byte=offset + nul)


_NOT_TEXT = "this is a binary file, not text; save or export it as plain text (UTF-8)."
#: File signatures of the binary files researchers most often pass by mistake, and what to do.
_SIGNATURES = (
    (b"PK\x03\x04", "this is a zip archive (an Excel .xlsx, Word .docx or OpenDocument file), not text; "
     "a workbook is read when its name ends in .xlsx, otherwise save it as 'CSV UTF-8' or plain text (UTF-8)."),
    (b"\xd0\xcf\x11\xe0", "this is an old Office file (Excel .xls or Word .doc), not text; "
     "save it as .xlsx or as 'CSV UTF-8' (a Word file: as plain text, UTF-8)."),
    (b"%PDF", "this is a PDF, not text; copy or export its text into a UTF-8 .txt file."),
)  # fmt: skip


def binary_kind(data: bytes) -> str:
    """What a file with NUL bytes is, and what to do, from its first bytes.

    Spreadsheet programs save "Unicode text" as UTF-16, whose ASCII
    characters have a NUL byte each: without a byte-order mark such a file
    is named as UTF-16 (with one it is decoded, see :func:`decode_bytes`).

    Examples
    --------
    >>> binary_kind("actor,alias".encode("utf-16-le"))[:46]
    'this is UTF-16 text without a byte-order mark '
    >>> binary_kind(b"%PDF-1.7 " + bytes(1))
    'this is a PDF, not text; copy or export its text into a UTF-8 .txt file.'
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return what
    if _looks_like_bomless_utf16(data[:_SNIFF_BYTES]):
        return (
            "this is UTF-16 text without a byte-order mark (a spreadsheet's or Notepad's 'Unicode' text); "
            "save it as 'CSV UTF-8' (or as UTF-8 text)."
        )
    return _NOT_TEXT


def _looks_like_bomless_utf16(sample: bytes) -> bool:
    """NUL bytes on one side of the byte pairs only, and the pairs decode to text without control characters."""
    sample = sample[: len(sample) // 2 * 2]
    for codec, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
        nuls = [i % 2 for i in range(len(sample)) if sample[i] == 0]
        if nuls and all(p == parity for p in nuls):
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                continue
            return not _CONTROL.search(text)
    return False


def decode_bytes(data: bytes, source: str | Path) -> tuple[str, str]:
    """Decode a file's bytes as UTF-8 (BOM allowed), UTF-16 with a BOM or Windows-1256 Arabic.

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
        ``"utf-8"``, ``"utf-8-sig"`` (a BOM was present), ``"utf-16"``
        (a UTF-16 BOM, little or big endian: Excel's "Unicode text") or
        ``"cp1256"``.

    Raises
    ------
    FramingInputError
        For NUL bytes or other control characters (a binary file), or bytes
        that are neither UTF-8 nor Arabic in Windows-1256.
    """
    if data.startswith(UTF16_BOMS):
        return _decode_utf16(data, source), "utf-16"
    reject_binary(data, source)
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
            "this looks like a binary file. Save or export it as plain text (UTF-8).",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


#: The byte-order marks of UTF-16 (little and big endian).
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_utf16(data: bytes, source: str | Path) -> str:
    """Decode UTF-16 text with a BOM (the BOM removed); control characters and bad pairs are refused."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise FramingInputError(
            source, "starts as UTF-16 but is not valid UTF-16 further on; save it as 'CSV UTF-8'.", byte=error.start
        ) from None
    control = _CONTROL.search(text)
    if control:
        raise FramingInputError(
            source,
            f"is UTF-16 with the control character U+{ord(control.group()):04X} at character {control.start()}: "
            "this looks like a binary file. Save it as 'CSV UTF-8'.",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _raw_stream(path: Path) -> io.BufferedIOBase:
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
        ``utf-8``, ``utf-8-sig``, ``utf-16`` (a UTF-16 byte-order mark) or ``cp1256``.

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
                if offset == 0 and sample.startswith(UTF16_BOMS):
                    return "utf-16"
                reject_binary(sample, path, offset=offset)
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
            raise FramingInputError(
                path, "is neither UTF-8 nor Arabic Windows-1256 text. Re-save it as UTF-8.", byte=offset + error.start
            ) from None
        return "cp1256"
    return "utf-8"


class _CheckedBytes(io.RawIOBase):
    """A byte stream that stops at a NUL byte, naming its offset (the sniffed start had none)."""

    def __init__(self, raw: io.BufferedIOBase, path: Path):
        self._raw, self._path, self._offset = raw, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        if n:
            reject_binary(bytes(memoryview(buffer)[:n]), self._path, offset=self._offset)
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
    if encoding == "utf-16":  # every ASCII character has a NUL byte: the decoder checks the pairs instead
        return io.TextIOWrapper(_raw_stream(path), encoding=encoding, newline="")  # type: ignore[type-var]
    return io.TextIOWrapper(io.BufferedReader(_CheckedBytes(_raw_stream(path), path)), encoding=encoding, newline="")


@contextmanager
def checked_text(path: Path, encoding: str) -> Iterator[IO[str]]:
    """Open a file like :func:`open_text`, turning decoding and reading errors into :class:`FramingInputError`.

    The reader streams CSV and JSONL files through this, so a file that goes
    bad after its sniffed start is named with the offending byte.
    """
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
        path,
        f"starts as {encoding} but is not valid {encoding} further on: the file mixes encodings. Re-save it as UTF-8.",
        byte=offset,
    )

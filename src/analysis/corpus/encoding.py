"""Decode corpus files: UTF-8 (with or without BOM), UTF-16 with a BOM or Windows-1256 Arabic, never a binary file.

Whole files (``.txt``, lexicons, coding sheets) are decoded at once by
:func:`decode_bytes`; large CSV and JSONL files are sniffed from their first
MiB (:func:`sniff_encoding`) and then streamed (:class:`TextLines`), checked as
they are read, so that a bad byte anywhere is named with its offset.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import FramingInputError
from ..limits import bounded_lines

_SNIFF_BYTES = 1 << 20
#: Control characters that text never has (tab, line feed and carriage return are allowed).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def reject_binary(data: bytes, source: str | Path, *, offset: int = 0, line: int | None = None) -> None:
    """Raise :class:`FramingInputError` if ``data`` has a NUL byte, naming its offset.

    Text in UTF-8 or Windows-1256 never has a NUL byte and binary files
    (images, PDF, Word documents) almost always do, so this is the package's
    one binary-file check: whole files (:func:`decode_bytes`, used for
    articles, lexicons, metadata and coding sheets), the sniffed start of a
    streamed file (:func:`sniff_encoding`) and every block read after it
    (:class:`TextLines`) go through it.

    Parameters
    ----------
    data : bytes
        A whole file, or a block of one.
    source : str or Path
        Named in the message.
    offset : int, optional
        Where ``data`` starts in the file, so that the message names the
        byte's offset in the file.
    line : int, optional
        The line of the file ``data`` starts on (a block of a streamed file), for the message
        about a stray NUL in text (:func:`stray_nul`); by default ``data`` starts on line 1.

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
    if nul == -1:
        return
    signature = binary_kind(data) if offset == 0 else _NOT_TEXT
    if signature != _NOT_TEXT:
        raise FramingInputError(source, f"has a NUL byte: {signature}", byte=offset + nul)
    problem = stray_nul(data, nul, line or 1)
    raise FramingInputError(source, problem or f"has a NUL byte: {_NOT_TEXT}", byte=offset + nul)


#: More NUL bytes than this share of a block of text (and not all at its end): a binary file, not stray bytes.
_STRAY_NUL_SHARE = 0.01


def stray_nul(data: bytes, nul: int, line: int = 1) -> str:
    """What to say of NUL bytes in a block that is otherwise text (UTF-8 or Arabic Windows-1256), else ``""``.

    A scraper, a damaged copy or a crash while saving leaves NUL bytes in an article that is
    otherwise text; calling it "a binary file" sent researchers looking for a wrong file format.
    The message names the line and the words before the first NUL, and what to do.

    Parameters
    ----------
    data : bytes
        A whole file or a block of one.
    nul : int
        The offset of the first NUL byte in ``data``.
    line : int, optional
        The line of the file ``data`` starts on.

    Examples
    --------
    >>> print(stray_nul("قال الوزير".encode() + bytes(1) + " إن".encode(), 19))  # doctest: +NORMALIZE_WHITESPACE
    has 1 NUL byte, the first at line 1 after 'قال الوزير', in text that is otherwise UTF-8: a NUL is no
    character of any text (a stray byte left by a scraper or a damaged copy); delete it in a text editor
    (or with tr -d '\\000' < old > new) and read again
    >>> stray_nul(b"PK" + bytes(40) + b"binary", 2)
    ''
    """
    kept = data.replace(b"\x00", b"")
    count = len(data) - len(kept)
    ends = b"\x00" not in data.rstrip(b"\x00")  # only a run at the end: the end of the file was not written
    if not kept.strip() or (not ends and count > max(1, _STRAY_NUL_SHARE * len(data))):
        return ""
    text = _text_of(kept)
    if text is None:
        return ""
    at = line + data.count(b"\n", 0, nul)
    before = _text_of(data[data.rfind(b"\n", 0, nul) + 1 : nul].replace(b"\x00", b"")) or ""
    where = f"line {at}" + (f" after {before.strip()[-30:]!r}" if before.strip() else "")
    if ends:
        return (
            f"ends in {count} NUL byte(s) after its text ({where}): the end of the file was not written (a crash "
            "or a full disk while saving?); delete them in a text editor, or save the file again from its source, "
            "and read again"
        )
    return (
        f"has {count} NUL byte{'s' if count > 1 else ''}, the first at {where}, in text that is otherwise "
        f"{'UTF-8' if text.isascii() or _is_utf8(kept) else 'Windows-1256'}: a NUL is no character of any text "
        f"(a stray byte left by a scraper or a damaged copy); delete {'them' if count > 1 else 'it'} in a text "
        "editor (or with tr -d '\\000' < old > new) and read again"
    )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(data) - 3  # a character cut at the end of a sampled block
    return True


def _text_of(data: bytes) -> str | None:
    """``data`` as UTF-8 (a character cut at its end allowed) or Arabic Windows-1256 without control characters."""
    if _is_utf8(data):
        text = data.decode("utf-8", "ignore").removeprefix("\ufeff")
        return None if _CONTROL.search(text) else text
    return _arabic_cp1256(data)


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


#: How invalid bytes in a UTF-8 file are handled: ``strict`` (an error naming the byte) or
#: ``replace`` (U+FFFD, reported as a warning with the count).
ENCODING_ERRORS = ("strict", "replace")
#: The share of Arabic letters among the non-ASCII letters that makes bytes that are not
#: UTF-8 "Arabic in Windows-1256" (a Latin-1 French file decodes to Latin letters).
ARABIC_SHARE = 0.5
_NON_ASCII_LETTER = regex.compile(r"(?=\p{L})[^\x00-\x7f]")
_ARABIC_LETTER = regex.compile(r"(?=\p{L})\p{Script=Arabic}")
_REPLACEMENT_BYTES = "\ufffd".encode()


@dataclass(frozen=True)
class Decoded:
    """A decoded file or line, and what decoding it took.

    Attributes
    ----------
    text : str
        The decoded text.
    encoding : str
        ``utf-8``, ``utf-8-sig``, ``utf-16`` or ``cp1256``.
    replaced : int
        Invalid UTF-8 sequences replaced by U+FFFD (only with ``errors="replace"``).
    first_replaced : int or None
        The byte offset of the first of them.
    """

    text: str
    encoding: str
    replaced: int = 0
    first_replaced: int | None = None


def utf8_evidence(data: bytes) -> tuple[int, int]:
    """How much of ``data`` reads as UTF-8: (valid non-ASCII characters, invalid sequences).

    Text in UTF-8 with a few bad bytes has many valid characters and few
    invalid sequences; Arabic in Windows-1256 has almost no valid ones
    (its letters are bytes that UTF-8 only allows as parts of a character).

    Examples
    --------
    >>> utf8_evidence("قال".encode() + b"\\x93"), utf8_evidence("قال".encode("cp1256"))
    ((3, 1), (0, 3))
    """
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(_REPLACEMENT_BYTES)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - invalid, invalid


def is_plausibly_arabic(text: str) -> bool:
    """Whether Arabic letters are at least :data:`ARABIC_SHARE` of the non-ASCII letters.

    Examples
    --------
    >>> is_plausibly_arabic("قال café"), is_plausibly_arabic("café crème")
    (True, False)
    """
    arabic_letters = len(_ARABIC_LETTER.findall(text))
    return arabic_letters > 0 and arabic_letters >= ARABIC_SHARE * len(_NON_ASCII_LETTER.findall(text))


def line_of(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset (for messages)."""
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, source: str | Path, *, errors: str = "strict", replaceable: bool = True) -> Decoded:
    """Decode a whole file as UTF-8 (BOM allowed), UTF-16 with a BOM or Windows-1256 Arabic, on evidence.

    Valid UTF-8 is UTF-8.  Bytes that are mostly valid UTF-8 with some invalid
    sequences (a cut last character, a pasted cp1252 quote, one row in
    another encoding) are an error naming the first bad byte and its line,
    or, with ``errors="replace"``, decoded with U+FFFD and counted; they are
    never decoded whole as another encoding.  Bytes that are not UTF-8 at all
    are Windows-1256 if the text is plausibly Arabic
    (:func:`is_plausibly_arabic`) and has no line that is UTF-8; anything
    else is an error naming the file.

    Parameters
    ----------
    data : bytes
        The file's content.
    source : str or Path
        Named in error messages.
    errors : {"strict", "replace"}, optional
        What to do with invalid bytes in a UTF-8 file.
    replaceable : bool, optional
        Whether the caller reads the file with ``--encoding-errors`` (articles); False for files read
        strictly whatever that option says (lexicons, the configuration), whose error then does not
        advise it.

    Returns
    -------
    Decoded
        The text has ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Raises
    ------
    FramingInputError
        For NUL bytes or other control characters (a binary file), invalid
        UTF-8 (strict), bytes that are neither UTF-8 nor Arabic in
        Windows-1256, or Windows-1256 with a line in UTF-8.
    """
    if data.startswith(UTF16_BOMS):
        return Decoded(_decode_utf16(data, source), "utf-16")
    reject_binary(data, source)
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    replaced, first = 0, None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        good, bad = utf8_evidence(data)
        if good > bad:  # UTF-8 with some bad bytes: never re-decoded whole as another encoding
            if errors != "replace":
                line = line_of(data, error.start)
                raise invalid_utf8(source, error.reason, error.start, line, replaceable=replaceable) from None
            text, replaced, first = data.decode(encoding, "replace"), bad, error.start
        else:
            text, encoding = _decode_cp1256(data, source, error.start), "cp1256"
    control = _CONTROL.search(text)
    if control:
        raise FramingInputError(
            source,
            f"has the control character U+{ord(control.group()):04X} at character {control.start()}: "
            "this looks like a binary file. Save or export it as plain text (UTF-8).",
        )
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, replaced, first)


def decode_bytes(data: bytes, source: str | Path, *, errors: str = "strict") -> tuple[str, str]:
    """The text and encoding of :func:`decode_text` (lexicons, metadata and coding sheets use this).

    Examples
    --------
    >>> decode_bytes("قال".encode("cp1256"), "a.txt"), decode_bytes(b"\\xef\\xbb\\xbfok", "a.txt")
    (('قال', 'cp1256'), ('ok', 'utf-8-sig'))
    >>> decode_bytes("قال".encode() + b"\\x93", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.FramingInputError: a.txt, byte 6: is UTF-8 with an invalid byte sequence at line 1 ...
    """
    decoded = decode_text(data, source, errors=errors, replaceable=False)
    return decoded.text, decoded.encoding


def _arabic_cp1256(data: bytes) -> str | None:
    """``data`` decoded as Windows-1256 if that is plausibly Arabic text without control characters, else ``None``.

    The one test of "Arabic in Windows-1256" for whole files (:func:`decode_text`)
    and sniffed samples (:func:`sniff_encoding`), so both decide alike.

    Examples
    --------
    >>> _arabic_cp1256("قال".encode("cp1256")), _arabic_cp1256("café".encode("cp1252"))
    ('قال', None)
    """
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    return text if is_plausibly_arabic(text) and not _CONTROL.search(text) else None


def invalid_utf8(
    source: str | Path, reason: str, byte: int, line: int, *, replaceable: bool = True
) -> FramingInputError:
    """The error for invalid bytes in a file that is otherwise UTF-8.

    ``replaceable`` is False for a file that ``--encoding-errors replace`` does not read (a lexicon,
    ``metadata.csv``, a coding sheet, the configuration): advising it would only get the same refusal.
    """
    if replaceable:
        fix = "Fix or re-save it as UTF-8, or read it with --encoding-errors replace (CorpusReader(encoding_errors='replace'))."
    else:
        fix = "Fix or re-save it as UTF-8 (this file is read strictly: --encoding-errors replace applies to articles only)."
    return FramingInputError(
        source,
        f"is UTF-8 with an invalid byte sequence at line {line} ({reason}): a cut character, a pasted "
        f"character in another encoding, or a row saved in another encoding. {fix}",
        byte=byte,
    )


def _decode_cp1256(data: bytes, source: str | Path, first_invalid: int) -> str:
    """Decode bytes that are not UTF-8 as Windows-1256, if they are plausibly Arabic and no line is UTF-8."""
    text = _arabic_cp1256(data)
    if text is None:
        raise FramingInputError(
            source,
            "is neither UTF-8 nor Arabic Windows-1256 text (first invalid UTF-8 sequence at this byte; "
            "decoded as Windows-1256 it is not mostly Arabic letters). Re-save it as UTF-8.",
            byte=first_invalid,
        ) from None
    offset = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        if utf8_line(line):
            raise mixed_encodings(source, "cp1256", number, offset)
        offset += len(line)
    return text


def utf8_line(line: bytes) -> bool:
    """Whether a line of a Windows-1256 file is UTF-8 instead (non-ASCII and valid UTF-8)."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def mixed_encodings(source: str | Path, encoding: str, line: int, byte: int, reason: str = "") -> FramingInputError:
    """The error for a file whose lines disagree about their encoding (``line`` 1-based)."""
    if encoding == "cp1256":
        problem = f"is Windows-1256 (Arabic) but line {line} is UTF-8: the file mixes encodings"
    else:
        problem = f"starts as {encoding} but is not valid {encoding} further on, at line {line} ({reason}): the file mixes encodings or has a cut or pasted character"
    hint = "" if encoding == "cp1256" else ", or read it with --encoding-errors replace"
    return MixedEncodingError(source, f"{problem}. Re-save it as UTF-8{hint}.", byte=byte, line=line)


class MixedEncodingError(FramingInputError):
    """A line in another encoding than the file's; ``line`` is its 1-based line number."""

    def __init__(self, path: str | Path, problem: str, *, byte: int, line: int):
        super().__init__(path, problem, byte=byte)
        self.line = line


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
    """Decide a file's encoding from its first MiB that is not plain ASCII, as :func:`decode_text` does.

    A byte-order mark decides; otherwise the first stretch with a non-ASCII
    byte: mostly valid UTF-8 means UTF-8 (invalid lines further on are then
    errors, see :class:`TextLines`), bytes that are not UTF-8 at all and
    plausibly Arabic mean cp1256 (a UTF-8 line further on is then an error).
    ASCII reads the same in both, so what comes before does not matter.

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
    cut = sample.rfind(b"\n")
    whole = sample[: cut + 1] if cut != -1 and len(sample) == _SNIFF_BYTES else sample  # no character cut at the end
    good, bad = utf8_evidence(whole)
    if good > bad or not bad:
        return "utf-8"
    if _arabic_cp1256(whole) is None:
        first = next(i for i, byte in enumerate(whole) if byte >= 0x80)
        raise FramingInputError(
            path,
            "is neither UTF-8 nor Arabic Windows-1256 text (decoded as Windows-1256 it is not mostly Arabic "
            "letters). Re-save it as UTF-8.",
            byte=offset + first,
        )
    return "cp1256"


class TextLines:
    """The lines of a (possibly gzipped) CSV or JSONL file, decoded and checked one by one.

    Iterating yields text lines with their line ends, as ``open(...,
    newline="")`` does (ready for :mod:`csv`).  Each line is checked against
    the file's encoding, so the first line that disagrees is named with its
    line number and byte offset (:class:`MixedEncodingError`): invalid UTF-8
    in a UTF-8 file (unless ``errors="replace"``: then decoded with U+FFFD and
    counted in :attr:`replaced`), a UTF-8 line in a Windows-1256 file, a NUL
    byte (a binary file).

    Parameters
    ----------
    path : Path
        The file.
    encoding : str
        From :func:`sniff_encoding`.
    errors : {"strict", "replace"}, optional
        What to do with invalid bytes in a UTF-8 file.
    """

    def __init__(self, path: Path, encoding: str, errors: str = "strict"):
        self.path, self.encoding, self.errors = path, encoding, errors
        self.line = 0
        self.replaced = 0
        self.first_replaced: int | None = None

    def __iter__(self) -> Iterator[str]:
        try:
            if self.encoding == "utf-16":  # every ASCII character has a NUL byte: the decoder checks the pairs
                with io.TextIOWrapper(_raw_stream(self.path), encoding="utf-16", newline="") as stream:  # type: ignore[type-var]
                    yield from bounded_lines(stream, self.path)
                return
            yield from self._checked_lines()
        except UnicodeDecodeError as error:  # UTF-16 only: the others are decoded line by line
            raise FramingInputError(
                self.path, f"is not valid UTF-16 ({error.reason}); save it as 'CSV UTF-8'."
            ) from None
        except (OSError, EOFError) as error:  # a truncated or corrupt .gz
            raise FramingInputError(self.path, f"cannot be read ({error}).") from None

    def _checked_lines(self) -> Iterator[str]:
        offset = 0
        with _raw_stream(self.path) as stream:
            # One endless line (a damaged file, a decompression bomb) must not fill memory.
            for data in bounded_lines(stream, self.path, unit="bytes"):
                if offset == 0 and data.startswith(codecs.BOM_UTF8):
                    data, offset = data[3:], 3
                if b"\x00" in data:
                    reject_binary(data, self.path, offset=offset, line=self.line + 1)
                self.line += 1
                text = self._decode(data, offset)
                offset += len(data)
                if "\r" in text and text.count("\r") > text.endswith("\r\n"):
                    yield from _LONE_CR.split(text)  # old Mac line ends, as newline="" splits them
                else:
                    yield text

    def _decode(self, data: bytes, offset: int) -> str:
        if self.encoding == "cp1256":
            if utf8_line(data):
                raise mixed_encodings(self.path, "cp1256", self.line, offset)
            text = data.decode("cp1256")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                if self.errors != "replace":
                    raise mixed_encodings(self.path, "utf-8", self.line, offset + error.start, error.reason) from None
                text = data.decode("utf-8", "replace")
                self.replaced += text.count("\ufffd") - data.count(_REPLACEMENT_BYTES)
                if self.first_replaced is None:
                    self.first_replaced = offset + error.start
        return text


_LONE_CR = re.compile(r"(?<=\r)(?!\n|$)")

"""A large ``.txt`` article read, decoded and cleaned a piece at a time: one copy of its text in memory.

Read whole, a 200 MB file is held as bytes, then as decoded text, then as
cleaned text: three copies, more than the 2x the project allows.  Here the
file is read in pieces of whole lines (about :data:`PIECE_BYTES`), each piece
is decoded and cleaned alone and appended to the one growing text (CPython
grows a string that nothing else refers to in place), so the text exists
once.  The result is exactly that of the whole-file path
(:meth:`CorpusRun._text_file <analysis.corpus.reader.CorpusRun>`):

* pieces end at line breaks and the next piece starts with an empty line or
  a line too long to be a related-article title, so no related-article block
  (:func:`~analysis.corpus.cleaning.blank_boilerplate_lines`) runs across two
  pieces, and every other boilerplate rule looks at one line;
* the final ``rstrip`` of boilerplate removal is done by holding each piece's
  trailing whitespace back until more text follows;
* the dateline is looked for in the first piece, which must be long, with no
  run of 1,000 letters or spaces near its start (the dateline patterns match
  a dozen words and the spaces between them, so they never look further);
* an outlet name in quotation marks is blanked in each piece, and a match
  that would run across two pieces sends the file to the whole-file path.

Anything unusual — a byte-order mark of UTF-16, bytes that are not UTF-8, a
NUL or control character, HTML — returns ``None``: the whole-file path then
decides and names the problem, as it always did.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .cleaning import (
    BLOCK_LINE_CHARS,
    blank_boilerplate_lines,
    blank_outlet_name,
    byline_kind,
    looks_like_html,
    strip_bylines,
    strip_dateline,
)
from .encoding import _CONTROL, UTF16_BOMS

#: How far from either end of a text its start and end boilerplate is looked for (characters).
_END_REACH = 4_096
#: Files larger than this (bytes) are read a piece at a time.
STREAM_ABOVE = 8_000_000
#: The size of a piece (bytes), at least; a piece ends at a line break.
PIECE_BYTES = 1_000_000
#: The dateline is looked for in a first piece of at least this many characters.
_DATELINE_REACH = 65_536
_LONG_RUN = re.compile(r"\S{1000}|\s{1000}")
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|a|html|body|article|section|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i)\b", re.IGNORECASE
)


def _pieces(stream: IO[bytes], size: int) -> Iterator[bytes]:
    """Whole lines of ``stream``, in pieces of at least ``size`` bytes.

    A piece ends just before a line that no related-article block can
    continue into: an empty line, or one longer (stripped) than four bytes
    per character of :data:`~analysis.corpus.cleaning.BLOCK_LINE_CHARS`.
    """
    piece: list[bytes] = []
    length = 0
    for line in stream:
        stripped = line.strip()
        if length >= size and (not stripped or len(stripped) > 4 * BLOCK_LINE_CHARS):
            yield b"".join(piece)
            piece, length = [], 0
        piece.append(line)
        length += len(line)
    if piece:
        yield b"".join(piece)


@dataclass
class _Cleaned:
    """What has been read so far besides the text: its held-back trailing whitespace, what was removed."""

    pending: str = ""
    boilerplate: list[str] = field(default_factory=list)
    dateline: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)  # (byline, kind with its offsets in the whole text)
    length: int = 0  # characters of the text appended so far, for the offsets of bylines
    tail: str = ""  # the end of the last text appended, to check outlet names across pieces
    any_bytes: bool = False


def read_large_text(path: Path, clean_parts: tuple, outlet_pattern: re.Pattern[str] | None, *, datelines: bool,
                    piece_bytes: int | None = None, ends: Sequence[re.Pattern[str]] = (),
                    byline_pattern: re.Pattern[str] | None = None,
                    ) -> tuple[str, str, list[tuple[str, str]]] | None:  # fmt: skip
    """Read, decode and clean a large UTF-8 ``.txt`` file a piece at a time.

    Parameters
    ----------
    path : Path
        The file.
    clean_parts : tuple
        The compiled ``(patterns, blocks, tails)`` of the reader's boilerplate.
    outlet_pattern : re.Pattern or None
        The outlet's own name (:func:`~analysis.corpus.cleaning.outlet_name_pattern`).
    datelines : bool
        Whether datelines are removed.
    piece_bytes : int, optional
        The size of a piece; :data:`PIECE_BYTES` by default.
    ends : sequence of compiled patterns, optional
        The reader's text-start and text-end boilerplate
        (:func:`~analysis.corpus.cleaning.remove_boilerplate`): when one may
        match near either end of the text, the whole-file path decides.
    byline_pattern : re.Pattern or None, optional
        Bylines inside the text (:func:`~analysis.corpus.cleaning.byline_pattern`;
        with ``datelines`` only), looked for in each piece: a byline is one line,
        and pieces end at line breaks.

    Returns
    -------
    (text, encoding, removed) or None
        As :meth:`analysis.corpus.CorpusReader.clean` would give for the whole
        file's decoded text (``removed`` in the same order), with the encoding
        (``utf-8`` or ``utf-8-sig``); ``None`` when the whole-file path must
        decide (not plain UTF-8 text, HTML, or an outlet name across pieces).
        An empty file gives an empty text.
    """
    with open(path, "rb") as stream:
        head = stream.read(4)
        if head.startswith(UTF16_BOMS):
            return None
        bom = head.startswith(codecs.BOM_UTF8)
        stream.seek(len(codecs.BOM_UTF8) if bom else 0)
        state = _Cleaned()
        text = ""
        for number, raw in enumerate(_pieces(stream, PIECE_BYTES if piece_bytes is None else piece_bytes)):
            if b"\x00" in raw:
                return None
            state.any_bytes = state.any_bytes or bool(raw.strip())
            try:
                piece = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None
            del raw
            if _CONTROL.search(piece) or looks_like_html(piece) or _HTML_TAG.search(piece):
                return None
            piece = piece.replace("\r\n", "\n").replace("\r", "\n")
            added = _add_piece(state, piece, number == 0, clean_parts, outlet_pattern,
                               byline_pattern if datelines else None, datelines)  # fmt: skip
            if added is None:
                return None
            # A local name, so that CPython grows the string in place (an attribute's += copies it).
            text += added
            del added
    if not state.any_bytes:
        return None  # an empty file: named so by the whole-file path
    if _may_have_ends(text, ends):  # without the held-back whitespace: no copy of the text
        return None  # a tag line or button row at an end: rare, cleaned by the whole-file path
    if not state.boilerplate:  # nothing removed: the text keeps its trailing whitespace (no rstrip)
        text += state.pending
    removed = [(line, "boilerplate") for line in state.boilerplate]
    removed += [(line, "dateline") for line in state.dateline] + state.bylines
    removed += [(name, "outlet name") for name in state.names]
    return text, "utf-8-sig" if bom else "utf-8", removed


def _add_piece(state: _Cleaned, piece: str, first: bool, clean_parts: tuple, outlet_pattern: re.Pattern[str] | None,
               byline_pattern: re.Pattern[str] | None, datelines: bool) -> str | None:  # fmt: skip
    """Clean one piece; return what to append to the text (None if the whole-file path must decide)."""
    piece, lines = blank_boilerplate_lines(piece, *clean_parts)
    state.boilerplate += lines
    body = piece.rstrip()
    if not body:  # only whitespace: held back, like the end of any piece
        if first and datelines:
            return None  # the dateline would be looked for further on
        state.pending += piece
        return ""
    trailing = piece[len(body) :]
    del piece
    if datelines:
        if first:
            if len(body) < _DATELINE_REACH or _LONG_RUN.search(body, 0, _DATELINE_REACH):
                return None
            body, dateline = strip_dateline(body)
            state.dateline += [dateline] if dateline else []
        if byline_pattern is not None:
            # A piece starts a line (pieces end at line breaks); its offsets follow the text so far.
            body, bylines = strip_bylines(body, byline_pattern, skip_first_line=first and bool(state.dateline))
            base = state.length + len(state.pending)
            state.bylines += [(line, byline_kind(base + start, base + end)) for start, end, line in bylines]
        if outlet_pattern is not None:
            if state.tail and _runs_across(outlet_pattern, state.tail, state.pending, body):
                return None
            body, names = blank_outlet_name(body, outlet_pattern)
            state.names += names
            state.tail = body[-(len(outlet_pattern.pattern) + 2) :]
    added, state.pending = state.pending + body, trailing
    state.length += len(added)
    return added


def _may_have_ends(text: str, ends: Sequence[re.Pattern[str]]) -> bool:
    """Whether a text-start or text-end pattern matches within :data:`_END_REACH` characters of an end.

    Conservative: a match in the head slice that only its cut allows sends
    the file to the whole-file path too, which is exact, only costlier.
    """
    head_end = min(len(text), _END_REACH)
    return any(p.search(text[:head_end]) or p.search(text, max(0, len(text) - _END_REACH)) for p in ends)


def _runs_across(pattern: re.Pattern[str], tail: str, between: str, head: str) -> bool:
    """Whether a match of ``pattern`` starts in ``tail`` and ends in ``head`` (whitespace ``between``).

    A name in quotation marks is short (the pattern's own length bounds it),
    and the whitespace between counts the same whatever its length.
    """
    reach = len(pattern.pattern) + 2
    joined = tail + (" " if between else "") + head[:reach]
    cut = len(tail) + (1 if between else 0)
    return any(match.start() < len(tail) and match.end() > cut for match in pattern.finditer(joined))


__all__ = ["PIECE_BYTES", "STREAM_ABOVE", "read_large_text"]

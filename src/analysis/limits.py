"""Limits that keep memory bounded whatever the input: long lines, huge documents.

Every limit is far above any real article export and stops a run with a
message naming the file and the line (``--skip-bad`` cannot skip a line that
never ends: the rest of the file cannot be trusted).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SKIP_BAD_HINT, FramingInputError

if TYPE_CHECKING:
    from .corpus import CorpusRun

#: The longest line of a CSV or JSON Lines file read, in characters: above the
#: largest single input the project supports (200 MB), below what would exhaust
#: memory on a laptop (a gzip bomb of one endless line).
MAX_LINE_CHARS = 256_000_000
#: The default of ``--max-document-mb``: far above any real article (the longest of 20,000 news articles is 0.1 MB).
DEFAULT_MAX_DOCUMENT_MB = 10.0


def bounded_lines(
    stream: Any, path: str | Path, *, limit: int | None = None, first_line: int = 1, unit: str = "characters"
) -> Iterator[Any]:
    """Yield the lines of a text stream, refusing one longer than ``limit`` characters.

    Parameters
    ----------
    stream : text stream
        Text opened with ``newline=""``, or a binary stream (as :class:`analysis.corpus.encoding.TextLines` reads one).
    path : str or Path
        For the message.
    limit : int, optional
        The longest line allowed; :data:`MAX_LINE_CHARS` by default.
    first_line : int, optional
        The number of the stream's next line, for the message.
    unit : str, optional
        What the limit counts, for the message: ``characters`` for a text
        stream, ``bytes`` for a binary one (lines of either kind are yielded).

    Raises
    ------
    FramingInputError
        A line longer than ``limit``, named with its number; at most
        ``limit + 1`` characters of it were read.
    """
    limit = MAX_LINE_CHARS if limit is None else limit
    number = first_line
    while line := stream.readline(limit + 1):
        if len(line) > limit:
            raise FramingInputError(
                path, f"line {number} is longer than {limit:,} {unit}; no article export has such lines "
                "(a damaged or decompression-bomb file?)",
            )  # fmt: skip
        yield line
        number += 1


def utf8_length(text: str, block: int = 1_000_000) -> int:
    """The length of ``text`` in UTF-8 bytes, encoded a block at a time (no copy of a huge text).

    >>> utf8_length("قال حفتر", block=3), len("قال حفتر".encode())
    (15, 15)
    """
    if len(text) <= block:
        return len(text.encode("utf-8", "surrogatepass"))
    # A str is indexed by code point, so no character is cut between blocks.
    return sum(len(text[i : i + block].encode("utf-8", "surrogatepass")) for i in range(0, len(text), block))


def within_size_limit(documents: Iterator[dict], run: CorpusRun, max_mb: float, skip_bad: bool) -> Iterator[dict]:
    """Pass documents up to ``max_mb`` MB of UTF-8 text; a larger one stops the run, or is skipped and reported."""
    # 1e308 MB is no limit, not an OverflowError (int of an infinite product): cap beyond any text.
    limit = int(min(max_mb, 1e12) * 1_000_000)
    for document in documents:
        text = document["text"]
        # A character takes at most 4 bytes in UTF-8: most texts need no encoding to be checked.
        if len(text) * 4 > limit and utf8_length(text) > limit:
            size = utf8_length(text) / 1_000_000
            problem = f"document of {size:.1f} MB, above the limit of {max_mb:g} MB"
            if not skip_bad:
                raise FramingInputError(
                    document["source"], f"{problem}: raise --max-document-mb if it is one article, or split the file "
                    f"({SKIP_BAD_HINT})", row=document["row"],
                )  # fmt: skip
            run._report(document["source"], document["row"], document["doc_id"], "error", problem, "skipped")
            continue
        yield document


__all__ = ["DEFAULT_MAX_DOCUMENT_MB", "MAX_LINE_CHARS", "bounded_lines", "utf8_length", "within_size_limit"]

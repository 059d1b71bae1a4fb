"""Limits that keep memory bounded whatever the input: long lines, huge documents.

Every limit is far above any real article export and stops a run with a
message naming the file and the line (``--skip-bad`` cannot skip a line that
never ends: the rest of the file cannot be trusted).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import FramingInputError

#: The longest line of a CSV or JSON Lines file read, in characters: above the
#: largest single input the project supports (200 MB), below what would exhaust
#: memory on a laptop (a gzip bomb of one endless line).
MAX_LINE_CHARS = 256_000_000


def bounded_lines(stream: IO[str], path: str | Path, *, limit: int | None = None, first_line: int = 1) -> Iterator[str]:
    """Yield the lines of a text stream, refusing one longer than ``limit`` characters.

    Parameters
    ----------
    stream : text stream
        Opened with ``newline=""`` (as :func:`analysis.corpus.encoding.open_text` does).
    path : str or Path
        For the message.
    limit : int, optional
        The longest line allowed; :data:`MAX_LINE_CHARS` by default.
    first_line : int, optional
        The number of the stream's next line, for the message.

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
                path, f"line {number} is longer than {limit:,} characters; no article export has such lines "
                "(a damaged or decompression-bomb file?)",
            )  # fmt: skip
        yield line
        number += 1


__all__ = ["MAX_LINE_CHARS", "bounded_lines"]

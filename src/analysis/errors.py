"""Errors about a researcher's input, phrased so they can act on them."""

from __future__ import annotations

from pathlib import Path


class FramingInputError(ValueError):
    """Bad input: names the file, and the row or byte where known.

    Parameters
    ----------
    path : str or Path
        The file (or folder) at fault.
    problem : str
        What is wrong and what to do about it.
    row : int, optional
        1-based spreadsheet row (the header is row 1).
    byte : int, optional
        0-based byte offset into the file.
    """

    def __init__(self, path: str | Path, problem: str, *, row: int | None = None, byte: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.row = row
        self.byte = byte
        where = self.path
        if row is not None:
            where += f", row {row}"
        if byte is not None:
            where += f", byte {byte}"
        super().__init__(f"{where}: {problem}")


class LexiconError(FramingInputError):
    """One or more problems in lexicon files; every problem is listed."""

    def __init__(self, problems: list[FramingInputError]):
        self.problems = problems
        first = problems[0]
        ValueError.__init__(self, "\n".join(str(p) for p in problems))
        self.path, self.problem, self.row, self.byte = first.path, first.problem, first.row, first.byte

"""Errors about a researcher's input, phrased so they can act on them."""

from __future__ import annotations

from pathlib import Path

#: What a message calls the configuration file when none was read: the name of the file to write.
CONFIG_FILE_NAME = "framing.toml"
_config_in_use: Path | None = None


def config_file() -> str:
    """The configuration file a message tells the researcher to edit: the one read, else ``framing.toml``.

    Readers deep in the package (a missing column, a lexicon of the wrong kind) say where a setting
    goes, "under [columns] of framing.toml"; a researcher whose file is ``~/study/my.toml`` (``--config``,
    ``$FRAMING_CONFIG``) is told that file's path instead, once :func:`analysis.config.load_config` has read it.

    Examples
    --------
    >>> use_config_file(Path("/study/my.toml")); config_file()
    '/study/my.toml'
    >>> use_config_file(None); config_file()
    'framing.toml'
    """
    return str(_config_in_use) if _config_in_use is not None else CONFIG_FILE_NAME


def use_config_file(path: Path | None) -> None:
    """Set the configuration file that messages name (:func:`config_file`); ``None``: no file is read."""
    global _config_in_use
    _config_in_use = path


#: The end of a message that stops at an unreadable record: how to read on, and where the skipped ones go.
SKIP_BAD_HINT = "use --skip-bad to skip and report such records: each is a row of skipped.csv in the output folder"


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

    def __reduce__(self):  # picklable, so that an error raised in a worker process reaches the caller whole
        return _rebuild, (type(self), self.path, self.problem, self.row, self.byte)


def _rebuild(cls: type, path: str, problem: str, row: int | None, byte: int | None) -> FramingInputError:
    error = FramingInputError(path, problem, row=row, byte=byte)
    error.__class__ = cls if issubclass(cls, FramingInputError) else FramingInputError
    return error


def check_document(doc_id: object, text: object, position: int, source: str = "documents") -> None:
    """Refuse a document whose id or text is not a string (bytes, None, NaN, a number, a list).

    Such values would otherwise be counted as their Python spelling
    (``"b'...'"``, ``"None"``, ``"nan"``), with offsets into that spelling.

    Parameters
    ----------
    doc_id, text : object
        The document's id and text as given.
    position : int
        Its 1-based position, for the message.
    source : str, optional
        What the documents came from, for the message.

    Raises
    ------
    FramingInputError
        Naming the document and the type found.

    Examples
    --------
    >>> check_document("d1", "نص", 1)
    >>> check_document("d2", None, 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.FramingInputError: documents: document 2 ('d2'): the text is None, not a string (str); ...
    """
    for what, value in (("id", doc_id), ("text", text)):
        if not isinstance(value, str):
            kind = (
                "bytes (decode them first, e.g. data.decode('utf-8'))" if isinstance(value, bytes) else repr(value)[:40]
            )
            name = repr(doc_id)[:40] if what == "text" else "its id"
            raise FramingInputError(
                source,
                f"document {position} ({name}): the {what} is {kind}, not a string (str); "
                "give every document a text and an id as str (missing values are not documents).",
            )


class LexiconError(FramingInputError):
    """One or more problems in lexicon files; every problem is listed."""

    def __init__(self, problems: list[FramingInputError]):
        self.problems = problems
        first = problems[0]
        ValueError.__init__(self, "\n".join(str(p) for p in problems))
        self.path, self.problem, self.row, self.byte = first.path, first.problem, first.row, first.byte

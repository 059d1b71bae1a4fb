"""Records of CSV, JSON Lines and ``.xlsx`` article files, exactly as written or with a problem.

Each function here turns the decoded lines (or cells) of one file into
:class:`Record` values: the record's fields as text, or, for a record that
cannot be read exactly as written, a problem naming why (the reader reports it
with the file and row, and skips it with ``--skip-bad``).  Nothing is guessed:

* CSV is parsed strictly: a stray or unterminated quotation mark, a row with
  fewer or more cells than the header and a header with a column twice are
  problems, never rows silently joined, shortened or overwritten;
* JSON values must have the type of their field: the text a string, the id a
  string or an integer, metadata a string, an integer or null (a list, a
  number with a fraction, NaN, Infinity are problems); JSON nested too deeply
  or with numbers too long to read is a problem, not a crash; so is a field
  written twice in one object (JSON parsers keep the last silently).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FramingInputError, config_file
from .columns import ROLES, Columns, check_fields
from .tabular import DELIMITER_NAMES, NonTextCell, column_letter, excel_separator, sniff_delimiter

csv.field_size_limit(2**31 - 1)  # articles can be longer than csv's 128 KiB default

#: Names of files read as tab-separated whatever their header holds (quoted as a spreadsheet quotes: ``"`` doubled).
TAB_SEPARATED = (".tsv", ".tsv.gz")


@dataclass(frozen=True)
class Record:
    """One record of a file: its fields as text, or the problem that keeps it from being read.

    Attributes
    ----------
    row : int
        The spreadsheet row (CSV and ``.xlsx``: the header is row 1) or the
        line (JSON Lines).
    fields : dict of str to str, or None
        The record's fields; ``None`` when ``problem`` is set.
    problem : str
        Why the record cannot be read (empty when it can).
    level : str
        ``error`` (a record that cannot be read, skipped) or ``note`` (an empty
        row between records, passed over: reported so that every row of the
        file is accounted for).
    doc_id : str
        The id of a record that cannot be read, when its id field could be read
        (a JSON record with a bad date still names its id in the report).
    """

    row: int
    fields: dict[str, str] | None
    problem: str = ""
    level: str = "error"
    doc_id: str = ""


#: The problem of an empty row between records (trailing empty rows, as spreadsheets leave them, are not reported).
EMPTY_ROW = "empty row (no cell filled)"


def _empty_rows(rows: list[int]) -> Iterator[Record]:
    """Notes for the empty rows seen before a record, then forgets them (``rows`` is emptied)."""
    yield from (Record(row, None, EMPTY_ROW, "note") for row in rows)
    rows.clear()


def csv_records(
    path: Path, lines: Iterable[str], columns: Columns, fields: dict[str, tuple[str, ...]], *, quoted: bool = True
) -> Iterator[Record]:
    """Parse CSV lines strictly into records; the header goes into ``fields[str(path)]``.

    Rows of separators only (``,,,``) and blank lines are passed over (spreadsheets
    leave them); a row of separators before a later record is a ``note`` record
    (:data:`EMPTY_ROW`). Row numbers count the records after the header, from 2.
    The separator is the one a ``sep=`` line names, a tab for a ``.tsv`` file
    (:data:`TAB_SEPARATED`), else the one of the header (:func:`~analysis.corpus.tabular.sniff_delimiter`).
    ``quoted=False`` reads every quotation mark as written, none opening a quoted cell
    (a plain tab-separated file, see :func:`plain_tsv`).

    Raises
    ------
    FramingInputError
        A header without a named column (:func:`check_fields`), or a ``sep=`` line naming no separator read.

    Examples
    --------
    >>> lines = ["id,text\\n", 'a,"one"\\n', 'b,"two\\n', "c,three\\n"]
    >>> [(r.row, r.fields, r.problem[:40]) for r in csv_records(Path("x.csv"), lines, Columns(), {})]
    [(2, {'id': 'a', 'text': 'one'}, ''), (3, None, 'not valid CSV (unexpected end of data): ')]
    """
    lines = iter(lines)
    # A byte-order mark left before the header (a file saved with two) is no part of the first column's name,
    # as in a lexicon: kept, it hid that column ('\ufeffid' is not 'id') and the ids were replaced silently.
    first = next(lines, "").lstrip("\ufeff")
    # Excel's "sep=;" line names the separator; Excel hides it and shows the line below as row 1, the header:
    # read so, rows are numbered as Excel shows them, and lines (of messages) as the file has them.
    named = excel_separator(path, first)
    skipped = 0
    if named:
        first, skipped = next(lines, "").lstrip("\ufeff"), 1
    # A .tsv is tab-separated by its name; a header of one column has no tab to sniff.
    by_name = "\t" if path.name.lower().endswith(TAB_SEPARATED) else None
    delimiter = named or by_name or sniff_delimiter(first, (columns.text,))
    if by_name and not named:
        _refuse_other_separator(path, first, columns)
    rows = itertools.chain((first,), lines)
    if quoted:
        reader = csv.reader(rows, delimiter=delimiter, strict=True)
    else:  # each quotation mark as written (a plain .tsv, see plain_tsv)
        reader = csv.reader(rows, delimiter=delimiter, strict=True, quoting=csv.QUOTE_NONE)
    try:
        header = next(reader, [])
    except csv.Error as error:
        yield Record(1, None, f"the header is not valid CSV ({error}); the whole file is skipped")
        return
    refused = _header_refused(path, header, columns, fields, below=lambda: _rows_below(reader))
    if refused is not None:
        yield refused
        return
    row = 1
    empty: list[int] = []  # rows of separators only, reported when a record follows them
    refused_id = _CsvRefusedId(path, header, columns)
    while True:
        start = reader.line_num + 1 + skipped
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row += 1
            yield Record(row, None, f"not valid CSV ({error}): a stray or unterminated quotation mark? These "
                         "lines are not read" + _where(path, row, start, reader.line_num + skipped, skipped),
                         doc_id=refused_id(row, None))  # fmt: skip
            continue
        if not cells:  # a blank line (not a row of a spreadsheet)
            continue
        row += 1
        if not any(cells):  # a row of separators only (,,,), as spreadsheets leave, is passed over
            empty.append(row)
            continue
        yield from _empty_rows(empty)
        where = _where(path, row, start, reader.line_num + skipped, skipped)
        if len(cells) > len(header):
            # Named as the file separates cells: a semicolon file saved by Excel has no comma to blame.
            yield Record(row, None, f"more cells than the header (an unquoted {DELIMITER_NAMES[delimiter]}?)"
                         + where, doc_id=refused_id(row, cells))  # fmt: skip
        elif len(cells) < len(header) and any(cells):
            yield Record(row, None, f"fewer cells than the header ({len(cells)}, not {len(header)}): "
                         "a cell lost, or a line break outside quotation marks?" + where,
                         doc_id=refused_id(row, cells, short=True))  # fmt: skip
        else:
            yield Record(row, dict(zip(header, cells)))


def _refuse_other_separator(path: Path, header: str, columns: Columns) -> None:
    """Refuse a ``.tsv`` whose header has no tab but is a comma- or semicolon-separated header with the text column.

    Read by its name, such a file had one column, ``id,text``, and the error asked for a ``--text-column``.

    Examples
    --------
    >>> _refuse_other_separator(Path("news.tsv"), "id,text\\n", Columns())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.FramingInputError: news.tsv, row 1: is named .tsv, so read as tab-separated, but its header ...
    """
    if "\t" in header:
        return
    separator = sniff_delimiter(header, (columns.text,))
    cells = next(csv.reader([header], delimiter=separator), [])
    if separator != "\t" and len(cells) > 1 and columns.text in cells:
        raise FramingInputError(path, (
            f"is named .tsv, so read as tab-separated, but its header has no tab and is separated by "
            f"{DELIMITER_NAMES[separator]}s ({header.strip()[:60]!r}): rename it to .csv (a .csv's separator is "
            "taken from its header), or save it again as tab-separated"
        ), row=1)  # fmt: skip


#: A cell as a spreadsheet quotes it with a quotation mark inside (doubled): no plain .tsv has one.
_QUOTED_CELL = re.compile(r'"(?:[^"]|"")*""(?:[^"]|"")*"')


def plain_tsv(path: Path, lines: Iterable[str]) -> str:
    """Why a ``.tsv`` file is read without quoting (each quotation mark as written), or ``""`` to read it quoted.

    Spreadsheets disagree: LibreOffice and Excel quote a cell that holds a quotation mark, a tab or a
    line break (``"قال ""لا"" الوزير"``); Google Sheets and most scripts write every cell as it is, so an
    Arabic text that begins with a quoted word (``"الإرهابيين" هاجموا``) begins with a quotation mark
    that closes a quoted cell too early, and such rows were refused as not valid CSV. A file is read
    plain when read so it has fewer refused rows than read quoted and no cell quoted as a spreadsheet
    quotes one (a doubled ``""`` inside), so that both kinds are read as written.

    Parameters
    ----------
    path : Path
        The file (named in the reason).
    lines : iterable of str
        Its decoded lines with their line ends (a first pass: :class:`~analysis.corpus.encoding.TextLines`).

    Returns
    -------
    str
        The reason, for a note of the report, naming the first row a quoted reading refuses; ``""``:
        read it quoted (as :func:`csv_records` does by default).

    Examples
    --------
    >>> lines = ["id\\ttext\\n", 'a\\t"الإرهابيين" هاجموا\\n', 'b\\tقال "لا"\\n']
    >>> plain_tsv(Path("x.tsv"), lines)[:70]
    'read as plain tab-separated text (no quoting, as Google Sheets saves a'
    >>> plain_tsv(Path("x.tsv"), ["id\\ttext\\n", 'a\\t"قال ""لا"" الوزير"\\n'])
    ''
    """
    lines = iter(lines)
    first = next(lines, "").lstrip("\ufeff")
    named = excel_separator(path, first)
    if named not in (None, "\t"):
        return ""
    header = next(lines, "").lstrip("\ufeff") if named else first
    width = len(header.rstrip("\r\n").split("\t"))
    plain = _PlainCount(width)
    quoted = csv.reader(plain.lines(itertools.chain((header,), lines)), delimiter="\t", strict=True)
    refused, row, first_refused = 0, 1, ""
    try:
        next(quoted, None)
        while True:
            try:
                cells = next(quoted)
            except csv.Error as error:
                problem = f"not valid CSV: {error}"
            else:
                if not any(cells):
                    continue
                problem = "" if len(cells) == width else f"{len(cells)} cells, not {width}"
            row += 1
            if problem:
                refused += 1
                first_refused = first_refused or f"row {row}, {problem}"
    except StopIteration:
        pass
    except _SpreadsheetQuoting:
        return ""
    if refused <= plain.refused:
        return ""
    return (
        f"read as plain tab-separated text (no quoting, as Google Sheets saves a .tsv): read with quoted cells, "
        f"as LibreOffice and Excel quote them, {refused} row(s) are refused (the first: {first_refused}) and "
        f'read plain {plain.refused or "none"}, as a text may begin with a quotation mark ("الإرهابيين" هاجموا); '
        "every quotation mark is kept as written"
    )


class _SpreadsheetQuoting(Exception):
    """A cell quoted as a spreadsheet quotes it: the file is not plain tab-separated."""


class _PlainCount:
    """Counts the lines of a tab-separated file that, read plain, do not have ``width`` cells."""

    def __init__(self, width: int):
        self.width, self.refused = width, 0

    def lines(self, lines: Iterable[str]) -> Iterator[str]:
        """The lines, unchanged, each counted on its way to a quoted reading (one pass over the file)."""
        for number, line in enumerate(lines):
            cells = line.rstrip("\r\n").split("\t")
            if number and any(_QUOTED_CELL.fullmatch(cell) for cell in cells):
                raise _SpreadsheetQuoting
            if number and any(cells) and len(cells) != self.width:
                self.refused += 1
            yield line


#: A refused record over this many lines or more was most likely joined by a quotation mark left open.
MANY_LINES = 3


def _where(path: Path, row: int, start: int, end: int, above: int = 0) -> str:
    """Where a refused CSV record is in the file, as a text editor numbers its lines (``row`` counts records).

    A cell may hold line breaks inside quotation marks, so after one such cell (or a quotation mark
    left open, which joins the lines below into one cell) the row of a record, as a spreadsheet
    numbers it, is not its line in a text editor: both are named, and a record over
    :data:`MANY_LINES` lines or more is said to be most likely an unclosed quotation mark.
    ``above`` is the number of lines above the header that are not rows (Excel's ``sep=;``).

    Examples
    --------
    >>> _where(Path("d/news.csv"), 4, 4, 4)
    ' [line 4 of news.csv]'
    >>> _where(Path("news.csv"), 6, 9, 9)
    ' [line 9 of news.csv; row 6 counts records, as a spreadsheet does: an earlier record spans several lines]'
    >>> print(_where(Path("news.csv"), 6, 6, 13))  # doctest: +NORMALIZE_WHITESPACE
     [lines 6-13 of news.csv: one record over 8 lines, most likely a quotation mark that opens a cell on line 6
     and is not closed where the cell ends, so that the lines below were read into that cell; close it
     (or double it: "") and read again]
    """
    lines = f"line {start}" if start == end else f"lines {start}-{end}"
    where = f"{lines} of {path.name}"
    if end - start + 1 >= MANY_LINES:
        return (
            f" [{where}: one record over {end - start + 1} lines, most likely a quotation mark that opens a cell "
            f"on line {start} and is not closed where the cell ends, so that the lines below were read into that "
            'cell; close it (or double it: "") and read again]'
        )
    if start != row + above:
        return f" [{where}; row {row} counts records, as a spreadsheet does: an earlier record spans several lines]"
    return f" [{where}]"


class _CsvRefusedId:
    """The doc_id a refused CSV row would have had, as far as its cells tell it for certain (else ``""``).

    Without an id column every row's id is ``<file>-<row>``, whatever its cells. With one, a row
    refused for its number of cells is read by position, so only the first cell is sure to be in
    its column (a separator or a lost cell further on moves the later ones); and a short row just
    after another short row may be the rest of it (a line break outside quotation marks), whose
    first cell is text, as may one just after a row that is not valid CSV (a stray quotation mark:
    the reader resumes on the broken record's next line). A row that is not valid CSV has no cells to read.

    Examples
    --------
    >>> ids = _CsvRefusedId(Path("news.csv"), ["id", "text"], Columns())
    >>> ids(2, ["a2", "x", "y"]), ids(3, [" "]), ids(4, ["a4"], short=True), ids(5, ["rest"], short=True)
    ('a2', 'news-3', 'a4', '')
    >>> ids(6, None), ids(7, ["rest of a broken record"], short=True), ids(8, ["a8"], short=True)
    ('', '', '')
    >>> _CsvRefusedId(Path("news.csv"), ["text", "id"], Columns())(2, ["x", "y", "a2"])
    ''
    >>> _CsvRefusedId(Path("news.csv"), ["text", "date"], Columns())(7, None)
    'news-7'
    """

    def __init__(self, path: Path, header: list[str], columns: Columns):
        self.path = path
        self.id_at = header.index(columns.id) if columns.id and columns.id in header else None
        self.short_row = -1  # the last row refused for having fewer cells than the header, or not valid CSV

    def __call__(self, row: int, cells: list[str] | None, *, short: bool = False) -> str:
        from .files import row_id  # files reads metadata, which reads this module: imported when needed

        after_short, self.short_row = self.short_row == row - 1, row if short or cells is None else self.short_row
        if self.id_at is None:
            return row_id(self.path, row)
        if cells is None or self.id_at != 0 or (short and after_short):
            return ""
        return row_id(self.path, row, cells[0])


def _header_refused(
    path: Path, header: list[str], columns: Columns, fields: dict, below: Callable[[], Iterable] | None = None
) -> Record | None:
    """Check a header row (CSV or worksheet) and note its fields; a record refusing the file, or None.

    ``below`` gives the rows under it, for the error of a header under a title row (:func:`check_fields`).
    """
    check_fields(path, header, columns, below=below)
    fields[str(path)] = tuple(header)
    twice = repeated_column(header)
    if twice:
        return Record(
            1, None, f"the header has {twice}: it is not clear which to read; rename one (whole file skipped)"
        )
    return None


def _rows_below(rows: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """The rows after a header, numbered from 2; they end at a row that is not valid CSV."""
    try:
        yield from enumerate(rows, start=2)
    except csv.Error:
        return


def repeated_column(header: list[str]) -> str:
    """``"'text' twice (columns B and D)"`` for the first non-empty name the header has twice, else ``""``."""
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name.strip():
            continue
        if name in seen:
            return f"the column {name!r} twice (columns {column_letter(seen[name])} and {column_letter(index)})"
        seen[name] = index
    return ""


def jsonl_records(
    path: Path, lines: Iterable[str], columns: Columns, fields: dict[str, tuple[str, ...]]
) -> Iterator[Record]:
    """Parse JSON Lines into records; the first record's fields go into ``fields[str(path)]``.

    Raises
    ------
    FramingInputError
        A first record without a named field (:func:`check_fields`).

    Examples
    --------
    >>> lines = ['{"id": "a", "text": "one"}\\n', '{"id": "b", "text": ["two"]}\\n', '[[[1]]]\\n']
    >>> [(r.row, r.fields, r.problem) for r in jsonl_records(Path("x.jsonl"), lines, Columns(), {})]  # doctest: +NORMALIZE_WHITESPACE
    [(1, {'text': 'one', 'id': 'a'}, ''), (2, None, "the field 'text' is a list, not a string"),
     (3, None, 'not a JSON object')]
    """
    first = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record, problem = _parse_json(line)
        if problem:
            yield Record(number, None, problem)
            continue
        if not isinstance(record, _JsonObject):
            yield Record(number, None, "not a JSON object")
            continue
        if record.repeated:
            yield Record(number, None, f"the field {record.repeated!r} is written twice: it is not clear which to read")
            continue
        if first:  # the first record stands for the file's fields, as a CSV header does
            check_fields(path, list(record), columns, where="fields of its first record", row=number)
            fields[str(path)] = tuple(record)
            first = False
        values, problem = json_fields(record, columns)
        yield Record(number, values, problem, doc_id=_readable_id(record, columns, path, number) if problem else "")


def _readable_id(record: dict[str, Any], columns: Columns, path: Path, line: int) -> str:
    """The id a refused record would have had: its id field if a string or an integer, ``<file>-<line>`` without one.

    An id that is itself refused (null, 1.5, a list) gives none: the report's line finds the record.

    Examples
    --------
    >>> [_readable_id(r, Columns(), Path("a.jsonl"), 4) for r in ({"id": "k"}, {"id": 7}, {}, {"id": None}, {"id": 1.5})]
    ['k', '7', 'a-4', '', '']
    """
    from .files import row_id  # files reads metadata, which reads this module: imported when needed

    value = record.get(columns.id, "") if columns.id else ""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return row_id(path, line, str(value))
    return ""


class _JsonObject(dict):
    """A JSON object that remembers the first field written twice in it (``repeated``)."""

    repeated = ""


def _json_object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    record = _JsonObject(pairs)
    if len(record) != len(pairs):  # json.loads would keep the last value silently
        seen: set[str] = set()
        record.repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return record


def _parse_json(line: str) -> tuple[Any, str]:
    try:
        return json.loads(line, object_pairs_hook=_json_object), ""
    except json.JSONDecodeError as error:
        return None, f"invalid JSON ({error.msg}, character {error.colno})"
    except RecursionError:
        return None, "JSON nested too deeply to read (thousands of brackets)"
    except ValueError as error:  # a number of more than 4,300 digits
        return None, f"a JSON number too long to read ({str(error).split(';')[0]})"


def json_fields(record: dict[str, Any], columns: Columns) -> tuple[dict[str, str] | None, str]:
    """The used fields of a JSON record as text, or the problem of the first with a wrong type.

    The text must be a string; the id a string or an integer; other fields a
    string, an integer or null (empty).  A list, an object, a number with a
    fraction, NaN, Infinity or a boolean would be read as its Python spelling,
    so it is a problem naming the field.

    Examples
    --------
    >>> json_fields({"id": 7, "text": "نص", "date": None}, Columns())
    ({'text': 'نص', 'id': '7', 'date': ''}, '')
    >>> json_fields({"text": float("nan")}, Columns())
    (None, "the field 'text' is the number NaN, not a string")
    """
    values: dict[str, str] = {}
    for role in ROLES:
        name = getattr(columns, role)
        if not name or name not in record:
            continue
        value = record[name]
        if isinstance(value, str):
            values[name] = value
        elif role != "text" and isinstance(value, int) and not isinstance(value, bool):
            values[name] = str(value)  # exact: an integer id is its digits
        elif role not in ("text", "id") and value is None:
            values[name] = ""
        else:
            wanted = "a string" if role == "text" else "a string or an integer"
            return None, f"the field {name!r} is {_json_kind(value)}, not {wanted}"
    return values, ""


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float):
        return (
            f"the number {value!r}" if math.isfinite(value) else f"the number {'NaN' if value != value else 'Infinity'}"
        )
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def xlsx_records(
    path: Path, rows: Iterator[list[str]], columns: Columns, fields: dict[str, tuple[str, ...]]
) -> Iterator[Record]:
    """Records of a worksheet's rows (from :func:`~analysis.corpus.tabular.open_worksheet`).

    Empty trailing header cells are dropped; a value under no column name is a problem, and so
    is a text or id cell that the spreadsheet holds as something else (:func:`typed_cell_problem`).
    An empty row before a later record is a ``note`` record (:data:`EMPTY_ROW`).
    """
    header = [cell.strip() for cell in next(rows, [])]
    while header and not header[-1]:
        header.pop()
    refused = _header_refused(path, header, columns, fields, below=lambda: _rows_below(rows))
    if refused is not None:
        yield refused
        return
    empty: list[int] = []  # empty rows, reported when a record follows them
    for row_number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            empty.append(row_number)
            continue
        yield from _empty_rows(empty)
        if any(cell.strip() for cell in cells[len(header) :]):
            problem = "a value in a column without a name"
        else:
            problem = typed_cell_problem(header, cells, row_number, columns)
        if problem:  # skipped.csv names the row by the id it would have had, to find it in the workbook
            yield Record(row_number, None, problem, doc_id=_refused_row_id(path, row_number, header, cells, columns))
        else:  # plain text from here on: the cells' types were needed only for the check
            yield Record(row_number, {name: str(cell) for name, cell in zip(header, cells)})


def _refused_row_id(path: Path, row: int, header: list[str], cells: list[str], columns: Columns) -> str:
    """The doc_id a refused worksheet row would have had: its id cell, else ``<file>-<row>``; ``""`` for a bad id cell.

    Examples
    --------
    >>> from analysis.corpus.tabular import cell_text
    >>> [_refused_row_id(Path("a.xlsx"), 3, header, [cell_text(v), cell_text(5)], Columns())
    ...  for header, v in ((["id", "text"], "x2"), (["id", "text"], 7.0), (["outlet", "text"], "okaz"))]
    ['x2', '7', 'a-3']
    >>> _refused_row_id(Path("a.xlsx"), 3, ["id", "text"], [cell_text(1.5), "نص"], Columns())
    ''
    """
    from .files import row_id  # files reads metadata, which reads this module: imported when needed

    cell = dict(zip(header, cells)).get(columns.id, "") if columns.id else ""
    if isinstance(cell, NonTextCell) and id_cell_problem(cell):
        return ""  # the id is what the row is refused for (1.5, a date): the report's row column finds it
    return row_id(path, row, str(cell))


#: Floats at or beyond this have no exact integer digits left (2**53): an id typed as a long number.
_EXACT_FLOAT_INTEGER = 2**53


def typed_cell_problem(header: list[str], cells: list[str], row: int, columns: Columns) -> str:
    """Why a worksheet row's text or id cell cannot be read as it was meant, or ``""``.

    A number, date or boolean (:class:`~analysis.corpus.tabular.NonTextCell`)
    where the text should be means the wrong column (or a spreadsheet that
    converted it). An id may be a whole number, as in JSON Lines, but not a
    number with a fraction (``1.5``) or one too long to keep its digits: a
    spreadsheet keeps 15, so ids such as tweet ids come out changed.

    Examples
    --------
    >>> from analysis.corpus.tabular import cell_text
    >>> typed_cell_problem(["id", "text"], [cell_text(7), "نص"], 2, Columns())
    ''
    >>> typed_cell_problem(["id", "text"], [cell_text(1.5), "نص"], 2, Columns())[:54]
    "cell A2 (column 'id') holds the number 1.5, not an id:"
    """
    for j, (name, cell) in enumerate(zip(header, cells)):
        if not isinstance(cell, NonTextCell):
            continue
        where = f"cell {column_letter(j)}{row} (column {name!r}) holds {cell.describe()}"
        if name == columns.text:
            # Usually one pasted figure in the right column: say how to fix the cell first, then the column.
            return (
                f"{where}, not the text of an article: put the article's text in the cell (format the column as "
                f"Text) or delete the row; if {name!r} is not the text column, name it with --text-column "
                f'(text = "..." under [columns] of {config_file()})'
            )
        if name == columns.id and (problem := id_cell_problem(cell)):
            return f"{where}, {problem}"
    return ""


def id_cell_problem(cell: NonTextCell) -> str:
    """Why a workbook cell that is not text cannot be an id (or a file's name), or ``""``.

    A whole number is an id as written (a typed ``12`` is stored as ``12.0``
    and reads ``"12"``); a number with a fraction, a date or a boolean is not,
    and neither is a number too long for a number cell to keep its digits (a
    spreadsheet keeps 15). The article tables and ``metadata.xlsx`` use it.

    Examples
    --------
    >>> from analysis.corpus.tabular import cell_text
    >>> id_cell_problem(cell_text(12.0)), id_cell_problem(cell_text(12.5))[:9]
    ('', 'not an id')
    """
    value = cell.value
    whole = isinstance(value, int) and not isinstance(value, bool)
    if not (whole or (isinstance(value, float) and value.is_integer())):
        return "not an id: format the id column as Text in the spreadsheet and type the ids again"
    if isinstance(value, float) and abs(value) >= _EXACT_FLOAT_INTEGER:
        return (
            "too long for a number cell to keep its last digits: format the id column as Text in "
            "the spreadsheet and paste the ids again from their source"
        )
    return ""

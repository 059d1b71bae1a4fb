"""Tables as spreadsheet programs save them: the one reading layer for CSV and ``.xlsx`` files.

Lexicons, ``metadata.csv``, coding sheets and article CSVs are edited in
Excel, LibreOffice or Google Sheets, which save them in several ways.  All
of these are read the same way here:

* ``.xlsx`` workbooks (read-only; the one sheet, or the sheet asked for);
* text in UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
  text") or Windows-1256 Arabic, decided by :mod:`analysis.corpus.encoding`
  (one place for that knowledge);
* comma, semicolon (Excel in locales with a decimal comma) or tab
  separators, decided from the header line (:func:`sniff_delimiter`);
* empty trailing rows and empty columns without a name (Excel's ``,,,``)
  ignored (:func:`trim_table`).

What is still refused is named with its real cause and the fix for that kind
of file (a workbook with several sheets, UTF-16 without BOM, an old ``.xls``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FramingInputError
from .encoding import decode_bytes

#: The separators spreadsheet programs use, in order of preference on a tie.
DELIMITERS = (",", ";", "\t")
#: How messages name each separator.
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "cp1256": "Windows-1256"}
#: File names read as workbooks; a zip file by another name is named as such.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class TableFile:
    """Every row of a CSV file or worksheet as text, and how the file was read.

    Attributes
    ----------
    path : Path
        The file.
    rows : list of list of str
        Every row as text, row 1 (the header) first, empty rows included, so
        that list position + 1 is the spreadsheet's row number.
    encoding : str
        ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1256``, or ``xlsx``.
    delimiter : str or None
        The CSV separator (``None`` for a workbook).
    sheet : str or None
        The worksheet read (``None`` for a CSV file).
    merged : tuple
        The worksheet's merged cells as (first row, last row, range): a
        merged cell's value is in its first cell only, the others read as
        empty (:func:`merged_cells`).
    """

    path: Path
    rows: list[list[str]]
    encoding: str
    delimiter: str | None = None
    sheet: str | None = None
    merged: tuple[tuple[int, int, str], ...] = ()  # a workbook's merged cells: (first row, last row, "B2:B4")

    def describe(self) -> str:
        """How the file was read, for messages: ``"Excel workbook, sheet 'actors'"``, ``"CSV, UTF-16, tab-separated"``."""
        if self.sheet is not None:
            return f"Excel workbook, sheet {self.sheet!r}"
        separator = DELIMITER_NAMES.get(self.delimiter or ",", repr(self.delimiter))
        return f"CSV, {_ENCODING_NAMES.get(self.encoding, self.encoding)}, {separator}-separated"


def read_table_file(
    path: str | Path,
    *,
    sheet: str | None = None,
    preferred_sheets: Sequence[str] = (),
    first_sheet: bool = False,
    expect: Sequence[str] = (),
    naming: str = "sheet=... (Python)",
    refuse_unsaved_formulas: bool = False,
) -> TableFile:
    """Read a CSV file or an Excel workbook into rows of text.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (any name: the content decides) or ``.xlsx`` file.
    sheet : str, optional
        The worksheet to read; by default the only one, else the first named
        in ``preferred_sheets`` (any case), else the first if ``first_sheet``.
    preferred_sheets : sequence of str, optional
        Sheet names that hold this kind of table (``actors``, ``coding``).
    first_sheet : bool, optional
        Read the first sheet when several match nothing (else an error).
    expect : sequence of str, optional
        Column names the header should have: the separator that makes one of
        them a column wins (see :func:`sniff_delimiter`).
    naming : str, optional
        How the user names a sheet, for the message when it is not clear
        which one to read (``"--sheet"``).
    refuse_unsaved_formulas : bool, optional
        Stop at a formula cell saved without its value (it would read as
        empty: "empty alias"), naming the cell (:func:`unsaved_formulas`).

    Returns
    -------
    TableFile

    Raises
    ------
    FramingInputError
        A missing or unreadable file, a binary or undecodable one (named by
        :mod:`~analysis.corpus.encoding`), a workbook with several sheets
        and none chosen, invalid CSV.
    """
    if not isinstance(path, (str, Path)):  # bytes, None: a bare TypeError from Path() otherwise
        raise FramingInputError(repr(path)[:80], "is not a path: give a str or Path.")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read ({error.strerror}).") from None
    if path.suffix.lower() in WORKBOOK_SUFFIXES or (data.startswith(b"PK\x03\x04") and zipfile.is_zipfile(path)):
        unsaved: dict[int, list[tuple[int, str]]] | None = {} if refuse_unsaved_formulas else None
        merged: list[tuple[int, int, str]] = []
        with open_worksheet(path, sheet=sheet, preferred_sheets=preferred_sheets, first_sheet=first_sheet,
                            naming=naming, unsaved=unsaved, merged=merged) as (name, sheet_rows):  # fmt: skip
            if unsaved:
                row = min(unsaved)
                raise FramingInputError(path, unsaved[row][0][1] + ".", row=row)
            return TableFile(path, list(sheet_rows), "xlsx", None, name, tuple(merged))
    text, encoding = decode_bytes(data, path)
    first_line, _, rest = text.partition("\n")
    named = excel_separator(path, first_line)
    # Excel's "sep=;" line is read as Excel reads it: it names the separator, the header is the line below
    # (row 1, as Excel shows it), and messages count lines from the file's first.
    skipped = 1 if named else 0
    if named:
        text = rest
    delimiter = named or sniff_delimiter(first_line, expect)
    # Strict: a stray or unterminated quotation mark is an error, never rows silently joined.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    while True:
        start = reader.line_num + 1 + skipped  # where the row being read begins: a quotation mark may open it there
        try:
            rows.append(next(reader))
        except StopIteration:
            break
        except csv.Error as error:
            end = reader.line_num + skipped
            lines = f"line {start}" if start == end else f"lines {start} to {end} (look in {start})"
            raise FramingInputError(
                path,
                f"is not valid CSV at {lines} ({error}): a stray or unterminated quotation mark? "
                "Put a cell with quotation marks, commas or line breaks inside quotation marks, with inner ones "
                "doubled.",
                row=len(rows) + 1,  # the spreadsheet row: its cells began at line start
            ) from None
    return TableFile(path, rows, encoding, delimiter)


#: ``sep=;``: a first line Excel writes (and reads) above the header, naming the separator of the lines below.
_EXCEL_SEPARATOR_LINE = re.compile(r"sep=(.?)[\r\n]*", re.IGNORECASE)


def excel_separator(path: Path, first_line: str) -> str | None:
    """The separator a first line ``sep=;`` names (Excel hides that line and reads the one below as the header), else None.

    Raises
    ------
    FramingInputError
        A ``sep=`` line naming no separator read here (comma, semicolon or tab).

    Examples
    --------
    >>> excel_separator(Path("a.csv"), "sep=;\\r\\n"), excel_separator(Path("a.csv"), "id;text\\n")
    (';', None)
    """
    found = _EXCEL_SEPARATOR_LINE.fullmatch(first_line.lstrip("\ufeff"))
    if found is None:
        return None
    if found[1] not in DELIMITERS:
        raise FramingInputError(path, (
            f"the first line {first_line.strip()!r} names a separator that is not read (comma, semicolon or tab): "
            "save the file again as 'CSV UTF-8 (comma delimited)'"
        ), row=1)  # fmt: skip
    return found[1]


def sniff_delimiter(header_line: str, expect: Sequence[str] = ()) -> str:
    """The separator of a CSV file from its header line: comma, semicolon or tab.

    The separator that makes one of ``expect`` a column wins; otherwise the
    one found most often outside quotation marks (a comma on a tie, and for
    a header of one column).

    Examples
    --------
    >>> sniff_delimiter("actor;alias;type"), sniff_delimiter("actor\\talias"), sniff_delimiter("text")
    (';', '\\t', ',')
    >>> sniff_delimiter('"a;b",c')
    ','
    """
    counts = {d: _count_outside_quotes(header_line, d) for d in DELIMITERS}
    ranked = sorted(DELIMITERS, key=lambda d: -counts[d])  # stable: comma first on a tie
    for delimiter in ranked if expect else ():
        names = {c.strip().lstrip("\ufeff") for c in next(csv.reader([header_line], delimiter=delimiter), [])}
        if names & set(expect):
            return delimiter
    return ranked[0] if counts[ranked[0]] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def trim_table(rows: list[list[str]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Drop what spreadsheet programs add: empty trailing rows and empty columns without a name.

    Parameters
    ----------
    rows : list of list of str
        Every row, the header first (from :func:`read_table_file`).

    Returns
    -------
    header : list of str
        The header cells, stripped, without the dropped columns.
    rows : list of (int, list of str)
        The data rows with their spreadsheet row numbers (the header is row
        1); empty rows before the last filled one are kept (callers report
        them), cells of dropped columns removed, a row shorter than the
        header (a CSV line that lost a separator) still short.

    Examples
    --------
    >>> trim_table([["actor", "alias", "", ""], ["Haftar", "حفتر", "", ""], ["", "", "", ""]])
    (['actor', 'alias'], [(2, ['Haftar', 'حفتر'])])
    """
    if not rows:
        return [], []
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    body = [(number, row) for number, row in enumerate(rows[1:], start=2)]
    while body and not any(cell.strip() for cell in body[-1][1]):
        body.pop()
    width = max([len(header), *(len(row) for _, row in body)])
    keep = kept_columns(rows)
    if len(keep) == width:
        return header, body
    named = len(header)
    header = [header[j] if j < named else "" for j in keep]
    return header, [(number, _kept_cells(row, keep, named)) for number, row in body]


def _kept_cells(row: list[str], keep: list[int], named: int) -> list[str]:
    """A row's cells in the kept columns; a row shorter than the header row stays short.

    A CSV line with fewer cells than its header lost one, and callers refuse it, whether or not
    empty columns were dropped; a row that only ends before a stray value beyond the header (a
    worksheet's rows are as wide as its header) is padded, so that the stray value is what is named.
    """
    if len(row) < named:
        return [row[j] for j in keep if j < len(row)]  # ``keep`` is sorted: the cells keep their columns
    return [row[j] if j < len(row) else "" for j in keep]


def kept_columns(rows: list[list[str]]) -> list[int]:
    """The 0-based positions, in the file, of the columns :func:`trim_table` keeps.

    Column ``j`` of the trimmed table is column ``kept_columns(rows)[j]`` of
    the sheet: a message about it names that column's letter, not its place
    after the empty columns before it were dropped.

    Examples
    --------
    >>> kept_columns([["term", "category", "", ""], ["وباء", "alarm", "", "stray"]])
    [0, 1, 3]
    """
    if not rows:
        return []
    # One pass over the cells (not columns × rows: a stray value in cell XFD1048576 would take
    # 16,384 × 1,048,576 steps).
    filled = {j for j, name in enumerate(rows[0]) if name.strip().lstrip("\ufeff")}
    for row in rows[1:]:
        filled.update(j for j, cell in enumerate(row) if cell.strip())
    return sorted(filled)


#: How far below row 1 a header row is looked for: the title rows a spreadsheet puts above it.
TITLE_ROWS = 5


def header_row_below(rows: Iterable[tuple[int, Sequence[Any]]], names: Iterable[str]) -> tuple[int, list[str]] | None:
    """The first of the :data:`TITLE_ROWS` rows below row 1 whose cells hold every one of ``names``, else ``None``.

    A corpus or a lexicon whose header sits under a title row reads that title as its header; the
    row found is the header, with its cells stripped (the callers word the advice).

    Examples
    --------
    >>> header_row_below([(2, ["", ""]), (3, ["id", " text", ""])], ["text"])
    (3, ['id', 'text', ''])
    >>> header_row_below([(2, ["id"])], ["text"]) is None
    True
    """
    wanted = set(names)
    for number, cells in itertools.islice(rows, TITLE_ROWS):
        found = [str(cell).strip() for cell in cells]
        if wanted <= set(found):
            return number, found
    return None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    Examples
    --------
    >>> column_letter(0), column_letter(5), column_letter(26)
    ('A', 'F', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class NonTextCell(str):
    """The text of a workbook cell that held a number, a date or a boolean, not text.

    It is an ordinary ``str`` everywhere (``"2020"``); a reader that needs
    text there (an article's text, a lexicon entry, an id) can tell it apart
    and say so, with :meth:`describe`, instead of reading a converted value.

    Attributes
    ----------
    value : object
        What the cell held (``int``, ``float``, ``datetime``, ``bool`` ...).
    """

    value: Any

    def __new__(cls, text: str, value: Any) -> NonTextCell:
        cell = super().__new__(cls, text)
        cell.value = value
        return cell

    def __getnewargs__(self) -> tuple[str, Any]:  # type: ignore[override]  # pickled whole (worker processes)
        return str(self), self.value

    def describe(self) -> str:
        """``"the number 2020"``, ``"the date 2019-05-06"``, ``"the boolean TRUE"``.

        Examples
        --------
        >>> cell_text(2020).describe(), cell_text(_dt.datetime(2019, 5, 6)).describe(), cell_text(True).describe()
        ('the number 2020', 'the date 2019-05-06', 'the boolean TRUE')
        """
        if isinstance(self.value, bool):
            return f"the boolean {str(self.value).upper()}"
        if isinstance(self.value, (_dt.datetime, _dt.date, _dt.time)):
            return f"the date {self}"
        return f"the number {self}"


def cell_text(value: Any) -> str:
    """A workbook cell as text, whatever type the spreadsheet program gave it.

    A number, date or boolean gives a :class:`NonTextCell`, equal to its text.

    Examples
    --------
    >>> cell_text(None), cell_text(1.0), cell_text(2.5), cell_text("حفتر"), cell_text(_dt.datetime(2019, 5, 6))
    ('', '1', '2.5', 'حفتر', '2019-05-06')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return NonTextCell(str(value), value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # Programs store a typed 1 as 1.0; the cell reads "1".
        return NonTextCell(str(int(value)) if value.is_integer() else repr(value), value)
    if isinstance(value, _dt.datetime) and value.time() == _dt.time():
        # A date typed into a cell: the spreadsheet stores midnight.
        return NonTextCell(value.date().isoformat(), value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return NonTextCell(value.isoformat(), value)
    return NonTextCell(str(value), value) if isinstance(value, int) else str(value)


# -- workbooks ----------------------------------------------------------------------------


@contextmanager
def open_worksheet(
    path: Path,
    *,
    sheet: str | None = None,
    preferred_sheets: Sequence[str] = (),
    first_sheet: bool = False,
    naming: str = "sheet=... (Python)",
    unsaved: dict[int, list[tuple[int, str]]] | None = None,
    merged: list[tuple[int, int, str]] | None = None,
) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """Open one worksheet of an ``.xlsx`` file read-only: ``with open_worksheet(path) as (name, rows)``.

    Cells are read with the values a spreadsheet program saved.  Given a dict
    ``unsaved``, it is filled (before ``rows`` is read) with the formula cells
    that have no saved value, which would read as empty: row → [(0-based
    column, problem)] (see :func:`unsaved_formulas`); given a list ``merged``,
    it is filled with the sheet's merged cells (:func:`merged_cells`).

    ``rows`` yields every row as a list of text from row 1, so that
    positions are spreadsheet row numbers; leaving the block closes the
    workbook.  Sheets are chosen as :func:`read_table_file` explains.

    Raises
    ------
    FramingInputError
        A file that is not a workbook, a sheet that does not exist, several
        sheets and none chosen.
    """
    from openpyxl import load_workbook

    # A stream, not the path: openpyxl refuses paths not ending in .xlsx, and a workbook saved as
    # "actors.csv" is still a workbook.
    stream = open(path, "rb")  # noqa: SIM115 - closed in the finally below, after the workbook
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except MemoryError:
        stream.close()
        raise
    except Exception as error:  # noqa: BLE001 - any parser error of a damaged file (zip, XML, openpyxl) is named
        stream.close()
        raise FramingInputError(path, _unreadable_workbook(error)) from None
    try:
        name = _choose_sheet(path, book.sheetnames, sheet, preferred_sheets, first_sheet, naming)
        worksheet = book[name]
        # Only the cells present: a declared range (or one stray value in the last cell) would pad
        # every row to 16,384 columns and every missing row up to row 1,048,576.
        worksheet.reset_dimensions()
        if unsaved is not None:
            unsaved.update(unsaved_formulas(book._archive, worksheet._worksheet_path))
        if merged is not None:
            merged.extend(merged_cells(book._archive, worksheet._worksheet_path))
        yield name, _padded(_sheet_rows(path, worksheet))
    finally:
        book.close()
        stream.close()


_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def merged_cells(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, str]]:
    """The merged cells of a worksheet: (first row, last row, ``"B2:B4"``).

    A read-only workbook does not list them, and a merged cell's value is in
    its first cell only: the other rows read as empty, so a message about an
    empty cell can say why.

    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("s.xml", '<worksheet><mergeCells><mergeCell ref="B2:B4"/></mergeCells></worksheet>')
    >>> merged_cells(zipfile.ZipFile(buffer), "s.xml")
    [(2, 4, 'B2:B4')]
    """
    with archive.open(part) as stream:
        data = stream.read()
    return [
        (int(first), int(last), f"{a.decode()}{first.decode()}:{b.decode()}{last.decode()}")
        for a, first, b, last in _MERGE_CELL.findall(data)
    ]


def unsaved_formulas(archive: zipfile.ZipFile, part: str) -> dict[int, list[tuple[int, str]]]:
    """Formula cells of a worksheet saved without a value: row → [(0-based column, problem)].

    A spreadsheet program saves each formula's value beside it, and that is
    what is read; a file written by a program (``pandas.to_excel`` of a title
    starting with ``=``) stores the formula alone, so the cell would read as
    empty, silently.  The sheet's XML is first searched for a formula at all
    (most article files have none), then parsed only if it has one.
    """
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    with archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            if b"<f" in tail + chunk or b":f>" in tail + chunk or b":f " in tail + chunk:
                break
            tail = chunk[-8:]
        else:
            return {}
    found: dict[int, list[tuple[int, str]]] = {}
    with archive.open(part) as stream:
        for _, element in ET.iterparse(stream):
            if not element.tag.endswith("}c"):
                continue
            formula = next((child for child in element if child.tag.endswith("}f")), None)
            value = next((child for child in element if child.tag.endswith("}v")), None)
            if formula is not None and (value is None or not value.text) and element.get("r"):
                letters, row = coordinate_from_string(element.get("r"))
                problem = (
                    f"cell {letters}{row} holds a formula (={(formula.text or '')[:40]}) with no saved value: open "
                    "the file in a spreadsheet program and save it again (or paste the column as values)"
                )
                found.setdefault(row, []).append((column_index_from_string(letters) - 1, problem))
            element.clear()
    return found


def _unreadable_workbook(error: Exception) -> str:
    """Why a workbook cannot be opened: a zip without its directory is most often a cut copy."""
    import zipfile

    if isinstance(error, zipfile.BadZipFile):  # no end-of-zip directory: cut short, or not a zip at all
        return (
            f"cannot be read as an Excel workbook ({error}): a truncated copy or download (copy it again), "
            "or another kind of file renamed .xlsx; open it in a spreadsheet program and save it as .xlsx or as "
            "'CSV UTF-8'."
        )
    return (
        f"cannot be read as an Excel workbook ({error}); it may be another zip file (a Word .docx?): "
        "open it in a spreadsheet program and save it as .xlsx or as 'CSV UTF-8'."
    )


def _formatted_cell_text(cell: Any) -> str:
    """A cell as :func:`cell_text`, except a date cell formatted to show a month only: ``YYYY-MM``.

    A month typed into a cell (``Mar-2020``) is stored as the 1st of that month; read as a full date it
    would claim a day nobody wrote. Its format (``mmm-yy``, ``mmmm yyyy``, ``mm/yyyy``) shows no day,
    so the date is read as the month it shows (month precision, like a ``Mar-2020`` of a CSV).

    Examples
    --------
    >>> from types import SimpleNamespace as Cell
    >>> _formatted_cell_text(Cell(value=_dt.datetime(2020, 3, 1), number_format="mmm-yy"))
    '2020-03'
    >>> _formatted_cell_text(Cell(value=_dt.datetime(2020, 3, 1), number_format="dd/mm/yyyy"))
    '2020-03-01'
    """
    value = cell.value
    if isinstance(value, (_dt.datetime, _dt.date)) and _shows_month_only(getattr(cell, "number_format", "")):
        return NonTextCell(f"{value.year:04d}-{value.month:02d}", value)
    return cell_text(value)


def _shows_month_only(number_format: str) -> bool:
    """Whether a spreadsheet date format shows a year and a month but no day nor time (``mmm-yy``, ``yyyy-mm``).

    Examples
    --------
    >>> [_shows_month_only(f) for f in ("mmm-yy", "mmmm yyyy", 'mm"/"yyyy', "d-mmm-yy", "m/d/yy h:mm", "General")]
    [True, True, True, False, False, False]
    """
    shown = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format or "").lower()  # literals, escapes, [$-401]
    return "y" in shown and "m" in shown and not re.search(r"[dhs]", shown)


def _sheet_rows(path: Path, worksheet: Any) -> Iterator[list[str]]:
    """Every row of a worksheet as text; a damaged or truncated sheet is named with the row where it broke."""
    number = 0
    try:
        # Cells, not values: a date cell's format says whether it shows a day (mmm-yyyy shows none).
        for number, row in enumerate(worksheet.iter_rows(min_row=1), start=1):  # noqa: B007
            yield [_formatted_cell_text(cell) for cell in row]
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - XML ParseError, BadZipFile, zlib.error of a truncated file
        raise FramingInputError(
            path,
            f"is a damaged or truncated Excel workbook ({type(error).__name__}: {error}); open it in a spreadsheet "
            "program and save it again (as .xlsx or 'CSV UTF-8').",
            row=number + 1,
        ) from None


def _padded(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """Rows with a value padded with empty cells to the first row's width (empty rows stay empty lists)."""
    width = None
    for row in rows:
        if width is None:
            width = len(row)
        yield row + [""] * (width - len(row)) if row and len(row) < width else row


def _choose_sheet(
    path: Path, names: list[str], sheet: str | None, preferred: Sequence[str], first_sheet: bool, naming: str
) -> str:
    if sheet is not None:
        if sheet not in names:
            raise FramingInputError(
                path,
                f"has no sheet {sheet!r}; its sheets are {', '.join(map(repr, names))}: name one of them with {naming}.",
            )
        return sheet
    if len(names) == 1:
        return names[0]
    wanted = {p.casefold() for p in preferred}
    found = [n for n in names if n.strip().casefold() in wanted]
    if found:
        return found[0]
    if first_sheet:
        return names[0]
    hint = f"call the sheet to read {preferred[0]!r}, " if preferred else ""
    raise FramingInputError(
        path,
        f"is an Excel workbook with {len(names)} sheets ({', '.join(map(repr, names))}) and it is not clear "
        f"which one to read: {hint}keep only that sheet, or name it with {naming}.",
    )

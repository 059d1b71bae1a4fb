"""Read a filled coding sheet back and check it against the exported one.

Spreadsheet programs change a file in harmless ways (column order, empty
rows, encoding, separators, numbers stored as numbers), which are tolerated;
everything else is a problem, and every problem is reported at once with its
spreadsheet row (:class:`CodingSheetError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus.tabular import read_table_file
from ..errors import FramingInputError
from ..tables import require_columns
from .codes import CODING_SHEET, DEFAULT_CODES, NOTES, SHEET_COLUMNS, _check_names, _coders_of
from .formulas import restore_formula


class CodingSheetError(FramingInputError):
    """Every problem of a filled coding sheet, each with its spreadsheet row.

    Attributes
    ----------
    problems : list of FramingInputError
        One per problem, in row order; ``row`` is 1-based, the header is row 1.  A problem of
        the file as a whole (exported rows missing from it) has no ``row`` and comes last.
    sheet : str or None
        The worksheet read, for an XLSX file.
    """

    def __init__(self, path: str | Path, problems: list[FramingInputError], *, sheet: str | None = None):
        self.problems = problems
        self.sheet = sheet
        ValueError.__init__(self, f"{len(problems)} problem(s) in the coding sheet:\n" + "\n".join(map(str, problems)))
        self.path, self.problem, self.row, self.byte = str(path), problems[0].problem, problems[0].row, None


def read_coding_sheet(
    path: str | Path,
    *,
    expected: pd.DataFrame | None = None,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    optional: Sequence[str] = (),
) -> pd.DataFrame:
    """Read a filled coding sheet and check it against the exported one.

    Tolerates what spreadsheet programs do to a file: columns in another
    order, empty rows (trailing or not), a byte-order mark, a CSV saved as
    Windows-1256, as UTF-16 "Unicode text" (``.txt``, tabs) or with ``;`` as
    separator (see :mod:`analysis.corpus.tabular`), numbers stored as numbers
    (``1.0`` read as ``"1"``), codes in another case or with spaces around
    them.  The apostrophe :func:`neutralize_formula` added is removed.

    Everything else is a problem, and every problem is reported at once,
    each with its 1-based spreadsheet row (the header is row 1): no
    ``hit_id`` column, a different set of coder columns, a row whose hit_id is
    not in the exported sheet (edited, or a row added), a hit_id twice, an
    unknown code, a value in a column without a header.  Rows of the exported
    sheet missing from the file are one problem of the file (no ``row``, as
    a coder may have re-sorted it): their count and each hit_id with its row
    in the exported sheet.

    An empty coder cell is allowed (not coded yet) and read as missing; the
    count per coder is in ``attrs["uncoded"]`` and from :func:`coding_progress`.

    A column the coders added that holds no code (a ``comment`` column) is
    kept: it comes back after ``notes``, as text, and is named in
    ``attrs["added_columns"]``.  An added column that holds codes is a
    problem (a renamed coder column, or an adjudication read as a coder
    with ``coders=``).  A sheet none of whose hit_ids is in the exported one
    is refused in one message: it belongs to other data.

    Parameters
    ----------
    path : str or Path
        The ``.csv``, ``.xlsx`` or "Unicode text" ``.txt`` file; for XLSX the
        sheet ``coding`` (or the first sheet if there is none of that name).
    expected : pandas.DataFrame, optional
        The sheet that was exported (from :func:`coding_sheet`); by default
        rebuilt from the sample saved beside the sheet by
        :func:`~analysis.coding.save_coding_sheet` (``<stem>.sample.json``),
        so the path is all a later session needs.
    coders : sequence of str, optional
        The coder columns; default those of ``expected``.
    codes : sequence of str, optional
        The allowed codes; default ``expected.attrs["codes"]`` or
        :data:`DEFAULT_CODES`.
    optional : sequence of str, optional
        Coder columns of ``coders`` that this file may lack: a column added
        to one copy of a sheet (an adjudication, a third coder) that the
        other copies do not have.  One the file lacks comes back empty (not
        coded here) and is named in ``attrs["absent_coders"]``.

    Returns
    -------
    pandas.DataFrame
        ``expected``'s columns and row order: the hit columns as exported
        (the spreadsheet's copy of them is not trusted), the coder columns
        with the codes as given in ``codes`` (missing where empty) and
        ``notes`` as the coders left them.

    Raises
    ------
    FramingInputError
        If the file is missing, unreadable or not .csv/.xlsx, or (without
        ``expected``) its saved sample is missing or belongs to other data.
    CodingSheetError
        Listing every problem found (a subclass of FramingInputError).
    """
    source = _existing_sheet(path)
    if expected is None:
        from .identity import exported_sheet

        expected = exported_sheet(source)
    coders = _check_names(coders if coders is not None else _coders_of(expected), "coder", (*SHEET_COLUMNS, NOTES))
    codes = _check_names(codes if codes is not None else expected.attrs.get("codes", DEFAULT_CODES), "code")
    rows, sheet_name = read_sheet_rows(source)
    problems = _Problems(source, sheet_name)
    for row_number, text in formula_cells(source, sheet_name):
        problems.add(row_number, text)
    numbered = filled_rows(rows)
    if not numbered:
        raise FramingInputError(problems.where, "is empty; expected the header row and one row per hit")
    header = _read_header(*numbered[0], coders, problems, optional)
    expected_ids = hit_ids_of(expected)
    _refuse_other_data(problems, numbered[1:], header, expected_ids)
    _check_added_columns(numbered[1:], header, coders, codes, problems)
    values = _read_codes(numbered[1:], header, expected_ids, coders, codes, problems)
    if problems.found:
        raise problems.error()
    coded = _coded_table(expected, values, expected_ids, coders, codes, header.added)
    coded.attrs["absent_coders"] = tuple(c for c in coders if c in optional and c not in header.position)
    return coded


def hit_ids_of(sheet: pd.DataFrame) -> list[str]:
    """The ``hit_id`` column of a coding sheet as a list (it must be unique)."""
    require_columns(sheet.columns, ("hit_id",), "the coding sheet")
    ids = [str(h) for h in sheet["hit_id"]]
    if len(set(ids)) != len(ids):
        raise ValueError("the expected coding sheet has duplicated hit_ids")
    return ids


# -- the file -----------------------------------------------------------------------------


def _existing_sheet(path: str | Path) -> Path:
    source = Path(path)
    if source.suffix.lower() not in (".csv", ".xlsx", ".txt", ".tsv"):
        # .txt: Excel's "Unicode text" export of the sheet (UTF-16, tabs), read like a CSV.
        raise FramingInputError(source, "a coding sheet is read from .csv or .xlsx (or Excel's 'Unicode text' .txt)")
    if not source.is_file():
        raise FramingInputError(source, "does not exist")
    return source


def read_sheet_rows(path: Path) -> tuple[list[list[str]], str | None]:
    """Every row of a coding sheet as text (row 1 first), and the worksheet read (see :mod:`analysis.corpus.tabular`).

    Shared by :func:`read_coding_sheet` and the trainer's coding-sheet input
    (:mod:`analysis.learn.inputs`), so both read a sheet saved by any spreadsheet program alike.
    """
    # The separator that makes a hit_id column wins (Excel saves ';' in decimal-comma locales).
    table = read_table_file(path, preferred_sheets=(CODING_SHEET,), first_sheet=True, expect=("hit_id",))
    return table.rows, table.sheet


def formula_cells(path: Path, sheet: str | None) -> list[tuple[int, str]]:
    """The formula cells of an XLSX coding sheet, each as (row, problem): a formula is not a code.

    The sheet is read with the values a spreadsheet program saved; a formula
    saved without one (or by a program that stores none) would otherwise read
    as an empty cell, "not coded", silently.
    """
    if sheet is None:
        return []
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    found = []
    with open(path, "rb") as stream:
        book = load_workbook(stream, read_only=True, data_only=False)
        try:
            worksheet = book[sheet]
            worksheet.reset_dimensions()  # the cells present only, not the declared range
            for row in worksheet.iter_rows(min_row=1):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        where = f"{get_column_letter(cell.column)}{cell.row}"
                        found.append((cell.row, f"cell {where} holds a formula ({str(cell.value)[:40]}), not a "
                                      "code; type the code itself (as text)"))  # fmt: skip
        finally:
            book.close()
    return found


def filled_rows(rows: list[list[str]]) -> list[tuple[int, list[str]]]:
    """The rows with a value, numbered as in the spreadsheet (1-based), apostrophes of neutralizing removed."""
    numbered = [(i, [restore_formula(c) for c in row]) for i, row in enumerate(rows, start=1)]
    return [(i, row) for i, row in numbered if any(c.strip() for c in row)]


# -- the checks ---------------------------------------------------------------------------


@dataclass
class _Problems:
    """The problems found so far, each with its spreadsheet row, to be reported together."""

    source: Path
    sheet: str | None
    found: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def where(self) -> str:
        """The file, and the worksheet of an XLSX file, as the messages name it."""
        return f"{self.source} (sheet '{self.sheet}')" if self.sheet else str(self.source)

    def add(self, row: int | None, text: str) -> None:
        """Record a problem of spreadsheet row ``row``; ``None`` for one of the file as a whole."""
        self.found.append((row, text))

    def error(self) -> CodingSheetError:
        # A stable sort: problems of one row stay in the order they were found; those of the file come last.
        found = sorted(self.found, key=lambda p: (p[0] is None, p[0] or 0))
        return CodingSheetError(self.source, [FramingInputError(self.where, text, row=row) for row, text in found],
                                sheet=self.sheet)  # fmt: skip


@dataclass(frozen=True)
class _Header:
    """Where each named column is (its first occurrence), and the columns without a name."""

    row: int
    position: dict[str, int]
    unnamed: list[int]
    added: list[str] = field(default_factory=list)

    def cell(self, row: list[str], name: str) -> str:
        """The stripped value of column ``name`` in ``row``; empty when the column or the cell is missing."""
        j = self.position.get(name)
        return row[j].strip() if j is not None and j < len(row) else ""


def _read_header(
    row_number: int, raw: list[str], coders: Sequence[str], problems: _Problems, optional: Sequence[str] = ()
) -> _Header:
    """Match the header to the sheet's columns; raise at once without a hit_id column (nothing can be matched).

    A coder of ``optional`` may be missing: its cells then read as empty.
    """
    known = {c.casefold(): c for c in (*SHEET_COLUMNS, NOTES)}
    # Coders retype headers in another case: known columns are matched ignoring it.
    names = [known.get(c.casefold(), c) for c in (c.strip().lstrip("\ufeff") for c in raw)]
    position: dict[str, int] = {}
    for j, name in enumerate(names):
        if not name:
            continue
        if name in position:
            problems.add(row_number, f"the column {name!r} appears twice; delete one")
        position.setdefault(name, j)
    if "hit_id" not in position:
        problems.add(row_number, f"has no hit_id column (columns: {[n for n in names if n]}); "
                                 "the hits are matched by the hit_id they were exported with")  # fmt: skip
        raise problems.error()
    found_coders = [n for n in names if n and n not in known.values()]
    lost = [c for c in coders if c not in found_coders and c not in optional]
    added = list(dict.fromkeys(c for c in found_coders if c not in coders))
    if lost:
        problems.add(row_number, "the coder columns differ from the exported sheet "
                                 f"(expected {list(coders)}; missing {lost}, unexpected {added}): "
                                 "keep one column per coder, named as exported")  # fmt: skip
        added = []  # a renamed coder column is reported here, not again as a column of codes
    return _Header(row_number, position, [j for j, name in enumerate(names) if not name], added)


def _refuse_other_data(
    problems: _Problems, body: list[tuple[int, list[str]]], header: _Header, expected_ids: list[str]
) -> None:
    """Stop with one message when most hit_ids of the sheet are not in the exported one: a sheet of other data.

    Listing each of its rows twice (not exported, and missing) would bury the one thing to say.  Two
    samples of overlapping corpora share a few hits, so "most" rather than "none".
    """
    found = [h for h in (header.cell(row, "hit_id") for _, row in body) if h]
    known = set(expected_ids)
    matched = sum(h in known for h in found)
    if not found or 2 * matched >= len(found):
        return
    unmatched = next(h for h in found if h not in known)
    problems.add(header.row, (
        f"{len(found) - matched} of its {len(found)} hit_id(s) are not in the exported sheet it is checked against "
        f"({len(expected_ids)} hit(s), {matched} of them found; first unknown {unmatched!r}): a coding sheet of "
        "another corpus, sample or lexicon. Read it with the sample saved beside it when it was exported (its own "
        ".sample.json), or give the sheet that was exported from this sample"
    ))  # fmt: skip
    raise problems.error()


def _check_added_columns(
    body: list[tuple[int, list[str]]], header: _Header, coders: Sequence[str], codes: Sequence[str], problems: _Problems
) -> None:
    """An added column that holds codes is a problem (a coder's column under another name?); else it is a comment."""
    allowed = {c.casefold() for c in codes}
    for name in header.added:
        cells = [(number, header.cell(row, name)) for number, row in body]
        coded = [(number, cell) for number, cell in cells if cell.casefold() in allowed]
        if coded:
            number, code = coded[0]
            problems.add(header.row, (
                f"the column {name!r} is not a coder column of the exported sheet (expected {list(coders)}) but holds "
                f"{len(coded)} code(s) (first at row {number}: {code!r}): to read it as a coder (an adjudication), "
                f"pass coders=[{', '.join(repr(c) for c in (*coders, name))}]; if it is a comment column, write "
                "its codes in words or move them to notes"
            ))  # fmt: skip


def _read_codes(
    body: list[tuple[int, list[str]]],
    header: _Header,
    expected_ids: list[str],
    coders: Sequence[str],
    codes: Sequence[str],
    problems: _Problems,
) -> dict[str, dict[str, Any]]:
    """Each exported hit's codes and notes, by hit_id; every row that cannot be matched is a problem."""
    expected_row = {hit: k + 2 for k, hit in enumerate(expected_ids)}
    seen: dict[str, int] = {}
    values: dict[str, dict[str, Any]] = {}
    for row_number, row in body:
        for j in header.unnamed:
            if j < len(row) and row[j].strip():
                problems.add(row_number, f"has {row[j].strip()!r} in a column without a header; move it to notes")
        hit = header.cell(row, "hit_id")
        if not hit:
            problems.add(row_number, "has no hit_id but other values; restore the hit_id or delete the row")
            continue
        if hit in seen:
            problems.add(row_number, f"hit_id {hit!r} appears again (first at row {seen[hit]}); "
                                     "delete the duplicate row")  # fmt: skip
            continue
        seen[hit] = row_number
        if hit not in expected_row:
            problems.add(row_number, f"hit_id {hit!r} is not in the exported sheet (edited, or a row added); "
                                     "restore the exported hit_id or delete the row")  # fmt: skip
            continue
        values[hit] = _row_codes(row_number, row, header, coders, codes, problems)
    _report_missing([hit for hit in expected_ids if hit not in seen], expected_row, problems)
    return values


def _report_missing(missing: list[str], expected_row: dict[str, int], problems: _Problems) -> None:
    """One problem of the file for every exported row it lacks, each named by its hit_id and exported row.

    Not a row of the file: a coder who re-sorted the sheet (by label, by code) has other hits at the
    exported rows, and "row 14: ... is missing" would point at one of them.
    """
    if not missing:
        return
    listed = ", ".join(f"{hit!r} (row {expected_row[hit]} of the exported sheet)" for hit in missing)
    problems.add(None, f"{len(missing)} of {len(expected_row)} exported rows are missing: {listed}; restore each "
                       "from the exported sheet (the rows may stay in any order)")  # fmt: skip


def _row_codes(
    row_number: int, row: list[str], header: _Header, coders: Sequence[str], codes: Sequence[str], problems: _Problems
) -> dict[str, Any]:
    """One row's codes as spelled in ``codes`` (missing where empty) and its notes."""
    canonical = {c.casefold(): c for c in codes}
    entry: dict[str, Any] = {}
    for coder in coders:
        code = header.cell(row, coder)
        if not code:
            entry[coder] = pd.NA
        elif code.casefold() in canonical:
            entry[coder] = canonical[code.casefold()]
        else:
            problems.add(row_number, f"{coder}: unknown code {code!r}; allowed: {', '.join(codes)}")
    entry[NOTES] = header.cell(row, NOTES)
    for name in header.added:
        entry[name] = header.cell(row, name)
    return entry


def _coded_table(
    expected: pd.DataFrame,
    values: dict[str, dict[str, Any]],
    expected_ids: list[str],
    coders: Sequence[str],
    codes: Sequence[str],
    added: Sequence[str] = (),
) -> pd.DataFrame:
    # The hit columns come from the exported sheet: the spreadsheet's copy of them is not trusted.
    coded = expected[[c for c in expected.columns if c not in (*coders, NOTES)]].copy()
    for coder in coders:
        coded[coder] = pd.array([values[h][coder] for h in expected_ids], dtype="string")
    coded[NOTES] = [values[h][NOTES] for h in expected_ids]
    for name in added:
        coded[name] = [values[h][name] for h in expected_ids]
    coded.attrs.update(codes=tuple(codes), coders=tuple(coders), added_columns=tuple(added),
                       uncoded={c: int(coded[c].isna().sum()) for c in coders})  # fmt: skip
    return coded

"""Validate the lexicon by hand: sample hits, code them in a spreadsheet, measure precision and agreement.

A dictionary count is only as good as its terms.  This module is the
validation workflow a reviewer asks for:

1. :func:`sample_hits` draws a stratified, seeded random sample of hits
   (``per_stratum`` per label by default);
2. :func:`coding_sheet` turns it into a coding sheet (each hit in context,
   one empty column per coder) and :func:`write_coding_sheet` writes it as
   CSV or XLSX for the coders;
3. :func:`read_coding_sheet` reads the filled sheet back and checks it
   against the exported one, listing every problem by spreadsheet row;
4. :func:`term_precision` gives each term's precision with a Wilson interval
   and flags terms for revision; :func:`cohens_kappa` and
   :func:`krippendorff_alpha` measure how far the coders agree.

Every hit is identified by :func:`hit_ids` (``doc_id:start-end:kind``), so a
coded row can always be traced back to the exact characters of its article.

The statistics are pure functions; only :func:`write_coding_sheet` and
:func:`read_coding_sheet` touch files.

References
----------
Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
University of Pennsylvania, Annenberg School for Communication.
https://repository.upenn.edu/asc_papers/43

Wilson, E. B. (1927). Probable inference, the law of succession, and
statistical inference. *Journal of the American Statistical Association*,
22(158), 209-212.

OWASP. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import math
import os
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import pandas as pd

from .corpus.encoding import decode_bytes
from .errors import FramingInputError
from .tables import require_columns
from .kwic import keyword_in_context
from .output import staged_file

#: The codes a coder may give a hit, and what each means.
DEFAULT_CODES = ("correct", "incorrect", "unclear")
CODE_MEANINGS = {
    "correct": "the words are used in the sense the lexicon entry means (a true hit)",
    "incorrect": "another sense, a name, a negation or a quotation the entry should not count (a false hit)",
    "unclear": "the context is not enough to decide; left out of precision",
}
DEFAULT_CODERS = ("coder_1", "coder_2")
#: The columns of a coding sheet before the coder columns; ``notes`` comes last.
SHEET_COLUMNS = ("hit_id", "doc_id", "label", "category", "quoted", "left", "hit", "right")
NOTES = "notes"
PRECISION_COLUMNS = (
    "label", "category", "n_sampled", "n_correct", "n_incorrect", "n_excluded", "n_coded",
    "precision", "ci_low", "ci_high", "flag",
)  # fmt: skip
PROGRESS_COLUMNS = ("coder", "n_coded", "n_uncoded")
CODING_SHEET = "coding"
CODES_SHEET = "codes"

# Cells starting with these are run as formulas by Excel, LibreOffice and
# Google Sheets (OWASP "CSV injection"); tab and CR can hide such a prefix.
# A newline is included because reading a CSV back turns a lone CR into one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_QUOTE = "'"
# Context columns holding Arabic: right-to-left, right-aligned in the XLSX.
_ARABIC_COLUMNS = ("label", "left", "hit", "right")
_COLUMN_WIDTHS = {"hit_id": 30, "doc_id": 22, "label": 16, "category": 16, "quoted": 8, "left": 55, "hit": 16,
                  "right": 55, NOTES: 40}  # fmt: skip


class CodingSheetError(FramingInputError):
    """Every problem of a filled coding sheet, each with its spreadsheet row.

    Attributes
    ----------
    problems : list of FramingInputError
        One per problem, in row order; ``row`` is 1-based, the header is row 1.
    sheet : str or None
        The worksheet read, for an XLSX file.
    """

    def __init__(self, path: str | Path, problems: list[FramingInputError], *, sheet: str | None = None):
        self.problems = problems
        self.sheet = sheet
        ValueError.__init__(self, f"{len(problems)} problem(s) in the coding sheet:\n" + "\n".join(map(str, problems)))
        self.path, self.problem, self.row, self.byte = str(path), problems[0].problem, problems[0].row, None


# --------------------------------------------------------------------------- ids and sampling


def hit_ids(hits: pd.DataFrame) -> pd.Series:
    """A stable, human-readable identifier for each hit.

    The id is ``f"{doc_id}:{start}-{end}:{kind}"``, e.g.
    ``libya_2019:120-128:term``: the document, the character offsets of the
    hit in its text and whether it is an actor or a term.  It depends only on
    the hit itself, not on its row in the table or on the lexicon file, so it
    is the same in every run over the same text, and ``text[start:end]``
    recovers the words coded.  Within one kind hits never overlap (longest
    match), so the id is unique; a table where it is not (e.g. two results
    concatenated) is refused.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (``doc_id, kind, start, end``).

    Returns
    -------
    pandas.Series
        Strings named ``hit_id``, with the index of ``hits``.

    Raises
    ------
    ValueError
        If two rows get the same id.
    """
    require_columns(hits.columns, ("doc_id", "kind", "start", "end"), "hits")
    ids = pd.Series(
        [f"{d}:{int(s)}-{int(e)}:{k}" for d, s, e, k in zip(hits["doc_id"], hits["start"], hits["end"], hits["kind"])],
        index=hits.index, name="hit_id", dtype=object,
    )  # fmt: skip
    duplicated = ids[ids.duplicated(keep=False)]
    if not duplicated.empty:
        raise ValueError(f"hit ids are not unique (the same hit twice?): {sorted(set(duplicated))[:5]}")
    return ids


def _stratum_seed(seed: int, key: tuple) -> np.random.Generator:
    # Each stratum gets its own stream derived from the seed and the stratum's
    # value, so adding a term to the lexicon (a new stratum) does not change
    # the sample of any other term.  sha256, not hash(): str hashes are salted
    # per process.
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode("utf-8")).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "big")])


def sample_hits(
    hits: pd.DataFrame,
    *,
    by: str | Sequence[str] = "label",
    per_stratum: int = 20,
    seed: int = 0,
    kind: str | None = "term",
) -> pd.DataFrame:
    """A stratified random sample of hits, the same for the same seed.

    Hits are grouped by ``by`` (each term, by default); from each group
    ``per_stratum`` hits are drawn at random without replacement, or all of
    them when the group has no more.  Stratifying by term gives rare terms as
    many coded examples as frequent ones, which is what a per-term precision
    needs (a simple random sample would be almost all the frequent terms).

    Reproducible: the hits of each stratum are first put in document order
    (``doc_id, start, end, kind``), so the sample does not depend on the row
    order of ``hits``, and each stratum draws from its own generator seeded
    with ``seed`` and the stratum's value, so it does not depend on the other
    strata either.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    by : str or sequence of str, optional
        Column(s) defining the strata, e.g. ``"label"`` or ``["label", "quoted"]``.
    per_stratum : int, optional
        Hits drawn from each stratum (at least 1).
    seed : int, optional
        Non-negative random seed.
    kind : {"term", "actor", None}, optional
        Sample only loaded terms, only actor mentions, or both (``None``).

    Returns
    -------
    pandas.DataFrame
        The sampled rows of ``hits`` (same columns), ordered by stratum, then
        in document order; a new index.
    """
    columns = [by] if isinstance(by, str) else list(by)
    require_columns(hits.columns, [*columns, "doc_id", "kind", "start", "end"], "hits")
    if per_stratum < 1:
        raise ValueError(f"per_stratum must be at least 1, got {per_stratum}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    if kind not in ("term", "actor", None):
        raise ValueError(f"kind must be 'term', 'actor' or None, got {kind!r}")
    pool = hits if kind is None else hits[hits["kind"] == kind]
    order = ["doc_id", "start", "end", "kind"]
    pool = pool.sort_values([*columns, *order], kind="stable")
    chosen: list[np.ndarray] = []
    for key, stratum in pool.groupby(columns, sort=True, dropna=False):
        positions = np.arange(len(stratum))
        if len(stratum) > per_stratum:
            rng = _stratum_seed(seed, key if isinstance(key, tuple) else (key,))
            positions = np.sort(rng.choice(len(stratum), size=per_stratum, replace=False))
        chosen.append(stratum.index.to_numpy()[positions])
    index = np.concatenate(chosen) if chosen else np.array([], dtype=pool.index.dtype)
    return pool.loc[index].reset_index(drop=True)


# --------------------------------------------------------------------------- the coding sheet


def _check_names(values: Sequence[str], what: str, reserved: Sequence[str] = ()) -> tuple[str, ...]:
    values = tuple(values)
    if not values:
        raise ValueError(f"give at least one {what}")
    for value in values:
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise ValueError(f"{what} {value!r} must be a non-empty string without surrounding spaces")
        if value.startswith((*_FORMULA_STARTS, _QUOTE)):
            raise ValueError(f"{what} {value!r} must not start with {value[0]!r} (spreadsheets read it as a formula)")
        if value.casefold() in {r.casefold() for r in reserved}:
            raise ValueError(f"{what} {value!r} is the name of a coding-sheet column; choose another")
    folded = [v.casefold() for v in values]
    if len(set(folded)) != len(folded):
        raise ValueError(f"{what}s must be unique (ignoring case): {list(values)}")
    return values


def coding_sheet(
    sample: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    coders: Sequence[str] = DEFAULT_CODERS,
    width: int = 60,
    codes: Sequence[str] = DEFAULT_CODES,
) -> pd.DataFrame:
    """The table coders fill in: each sampled hit in its context.

    Each coder writes one code per row in their own column; the default codes
    are

    * ``correct``: the words are used in the sense the lexicon entry means;
    * ``incorrect``: a false hit (another sense, a name, a negation, a
      mention the entry should not count);
    * ``unclear``: the context does not decide it (excluded from precision).

    The codes are kept in ``sheet.attrs["codes"]`` (and the coders in
    ``attrs["coders"]``): :func:`write_coding_sheet` turns them into a
    drop-down list and :func:`read_coding_sheet` accepts nothing else.

    Parameters
    ----------
    sample : pandas.DataFrame
        Hits to code, e.g. from :func:`sample_hits`.
    documents : pandas.DataFrame
        The documents table (``doc_id, text``) the hits were found in.
    coders : sequence of str, optional
        One column per coder, in this order.
    width : int, optional
        Characters of context on either side (cut at a word boundary).
    codes : sequence of str, optional
        The allowed codes.

    Returns
    -------
    pandas.DataFrame
        :data:`SHEET_COLUMNS` (``left`` is the text before the hit in
        reading order), the coder columns (empty strings) and ``notes``
        (empty), in the order of ``sample``.
    """
    codes = _check_names(codes, "code")
    coders = _check_names(coders, "coder", (*SHEET_COLUMNS, NOTES))
    ids = hit_ids(sample)
    kwic = keyword_in_context(sample, documents, width=width)
    sheet = pd.DataFrame({"hit_id": ids.to_numpy(dtype=object)})
    for column in SHEET_COLUMNS[1:]:
        sheet[column] = kwic[column].to_numpy(dtype=bool if column == "quoted" else object)
    for coder in (*coders, NOTES):
        sheet[coder] = pd.Series([""] * len(sheet), dtype=object)
    sheet.attrs.update(codes=codes, coders=coders)
    return sheet


def neutralize_formula(value: Any) -> Any:
    """Make a cell value safe to open in a spreadsheet program.

    A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a line
    break is evaluated as a formula by Excel, LibreOffice and Google Sheets
    (OWASP "CSV injection": ``=HYPERLINK(...)`` or ``=cmd|...`` in scraped
    text runs when a coder opens the sheet).  Such text gets a leading
    apostrophe, which makes it text.  Text already starting with an
    apostrophe gets one more, so that :func:`restore_formula` is the exact
    inverse.  Arabic prose rarely starts so, but scraped headlines, bullet
    lists (``- ...``) and handles (``@...``) do.  Non-strings are returned
    unchanged.
    """
    if isinstance(value, str) and value.startswith((*_FORMULA_STARTS, _QUOTE)):
        return _QUOTE + value
    return value


def restore_formula(value: Any) -> Any:
    """Undo :func:`neutralize_formula`: drop the apostrophe it added.

    Only an apostrophe followed by one of the characters that
    :func:`neutralize_formula` protects is removed; one a coder typed before
    ordinary text is kept.
    """
    if isinstance(value, str) and value.startswith(_QUOTE) and value[1:2] and value[1:].startswith(
        (*_FORMULA_STARTS, _QUOTE)
    ):
        return value[1:]
    return value


def _coders_of(sheet: pd.DataFrame) -> tuple[str, ...]:
    coders = sheet.attrs.get("coders")
    if coders:
        return tuple(coders)
    return tuple(c for c in sheet.columns if c not in SHEET_COLUMNS and c != NOTES)


def _move_into_place(temporary: Path, target: Path) -> None:
    # A hard link fails if the target exists, so a file created by someone
    # else since our check is not clobbered either; where the file system has
    # no hard links, fall back to os.replace (atomic, but last-writer-wins).
    try:
        os.link(temporary, target)
    except FileExistsError:
        temporary.unlink(missing_ok=True)
        raise FramingInputError(target, "already exists; choose another file name") from None
    except OSError:
        if target.exists():
            temporary.unlink(missing_ok=True)
            raise FramingInputError(target, "already exists; choose another file name") from None
        os.replace(temporary, target)
        return
    temporary.unlink()


def write_coding_sheet(sheet: pd.DataFrame, path: str | Path, *, codes: Sequence[str] | None = None) -> Path:
    """Write a coding sheet for coders, as CSV or XLSX; never overwrite.

    * ``.csv``: UTF-8 with a byte-order mark, without which Excel shows
      Arabic as mojibake.
    * ``.xlsx``: a right-to-left sheet ``coding`` with a frozen header, the
      Arabic columns (label and context) right-aligned, a drop-down of the
      allowed codes on every coder column (invalid entries are refused), and
      a second sheet ``codes`` listing the codes and what they mean.

    Every text cell is passed through :func:`neutralize_formula`.  The file
    is written to a temporary file in the same folder and moved into place
    only when complete, so a failure leaves no half-written sheet.

    Parameters
    ----------
    sheet : pandas.DataFrame
        From :func:`coding_sheet`.
    path : str or Path
        Ends in ``.csv`` or ``.xlsx``; must not exist (a filled sheet is
        hours of a coder's work).  Missing folders are created.
    codes : sequence of str, optional
        The allowed codes; default ``sheet.attrs["codes"]`` or
        :data:`DEFAULT_CODES`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    FramingInputError
        If ``path`` exists or is neither ``.csv`` nor ``.xlsx``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FramingInputError(target, "a coding sheet is written as .csv or .xlsx; change the file name")
    if target.exists():
        raise FramingInputError(
            target, "already exists and is never overwritten (it may hold a coder's work); choose another file name"
        )
    codes = _check_names(codes if codes is not None else sheet.attrs.get("codes", DEFAULT_CODES), "code")
    missing = [c for c in ("hit_id", NOTES) if c not in sheet.columns]
    if missing:
        raise ValueError(f"not a coding sheet (no {missing} column); build it with coding_sheet()")
    safe = sheet.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(neutralize_formula)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = staged_file(target)
    try:
        if suffix == ".csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as stream:
                safe.to_csv(stream, index=False, lineterminator="\n")
        else:
            _write_xlsx(safe, temporary, codes=codes, coders=_coders_of(sheet))
        _move_into_place(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def _write_xlsx(sheet: pd.DataFrame, path: Path, *, codes: Sequence[str], coders: Sequence[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = CODING_SHEET
    ws.sheet_view.rightToLeft = True
    columns = list(sheet.columns)
    ws.append(columns)
    for row in sheet.itertuples(index=False):
        ws.append([_excel_value(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    # readingOrder=2 is right-to-left: punctuation at the ends of Arabic
    # context lands where a reader expects it.
    arabic = Alignment(horizontal="right", readingOrder=2)
    for i, name in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _COLUMN_WIDTHS.get(name, 14)
        if name in _ARABIC_COLUMNS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = arabic

    listing = book.create_sheet(CODES_SHEET)
    listing.append(["code", "meaning"])
    for code in codes:
        listing.append([code, CODE_MEANINGS.get(code, "")])
    listing["A1"].font = listing["B1"].font = Font(bold=True)
    listing.column_dimensions["A"].width = 14
    listing.column_dimensions["B"].width = 90

    # The list refers to the codes sheet rather than spelling the codes in the
    # formula: a literal list is limited to 255 characters and splits on commas.
    validation = DataValidation(
        type="list", formula1=f"={CODES_SHEET}!$A$2:$A${len(codes) + 1}", allow_blank=True,
        showErrorMessage=True, errorTitle="Unknown code",
        error="Choose one of the codes listed in the 'codes' sheet.",
        showInputMessage=True, promptTitle="Code", prompt=" / ".join(codes),
    )  # fmt: skip
    ws.add_data_validation(validation)
    last = max(len(sheet) + 1, 2)
    for coder in coders:
        letter = get_column_letter(columns.index(coder) + 1)
        validation.add(f"{letter}2:{letter}{last}")
    book.save(path)


def _excel_value(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


# --------------------------------------------------------------------------- reading it back


def _cell_text(value: Any) -> str:
    """A cell as text, whatever type the spreadsheet program gave it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # Programs store a typed 1 as 1.0; the code is "1".
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _read_rows(path: Path) -> tuple[list[list[str]], str | None]:
    """Every row of the file as text (row 1 first), and the sheet read."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            book = load_workbook(path, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
            raise FramingInputError(path, f"cannot be read as an Excel workbook ({error}); save it again as .xlsx") from None
        ws = book[CODING_SHEET] if CODING_SHEET in book.sheetnames else book.worksheets[0]
        # min_row=1: by default openpyxl starts at the first row with data,
        # which would shift every row number if the top rows were emptied.
        rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        return rows, ws.title
    text, _ = decode_bytes(path.read_bytes(), path)
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    # Excel and LibreOffice save ';'-separated CSV in locales where the comma
    # is the decimal mark: take the separator that makes a hit_id column.
    delimiter = next((d for d in (",", ";", "\t") if "hit_id" in [c.strip() for c in first_line.split(d)]), ",")
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)], None


def read_coding_sheet(
    path: str | Path,
    *,
    expected: pd.DataFrame,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read a filled coding sheet and check it against the exported one.

    Tolerates what spreadsheet programs do to a file: columns in another
    order, empty rows (trailing or not), a byte-order mark, a CSV saved as
    Windows-1256 or with ``;`` as separator, numbers stored as numbers
    (``1.0`` read as ``"1"``), codes in another case or with spaces around
    them.  The apostrophe :func:`neutralize_formula` added is removed.

    Everything else is a problem, and every problem is reported at once,
    each with its 1-based spreadsheet row (the header is row 1): no
    ``hit_id`` column, a different set of coder columns, a row whose hit_id is
    not in the exported sheet (edited, or a row added), a hit_id twice, a
    row of the exported sheet missing (reported with its row in the exported
    sheet), an unknown code, a value in a column without a header.

    An empty coder cell is allowed (not coded yet) and read as missing; the
    count per coder is in ``attrs["uncoded"]`` and from :func:`coding_progress`.

    Parameters
    ----------
    path : str or Path
        The ``.csv`` or ``.xlsx`` file; for XLSX the sheet ``coding`` (or the
        first sheet if there is none of that name).
    expected : pandas.DataFrame
        The sheet that was exported (from :func:`coding_sheet`).
    coders : sequence of str, optional
        The coder columns; default those of ``expected``.
    codes : sequence of str, optional
        The allowed codes; default ``expected.attrs["codes"]`` or
        :data:`DEFAULT_CODES`.

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
        If the file is missing, unreadable or not .csv/.xlsx.
    CodingSheetError
        Listing every problem found (a subclass of FramingInputError).
    """
    source = Path(path)
    if source.suffix.lower() not in (".csv", ".xlsx"):
        raise FramingInputError(source, "a coding sheet is read from .csv or .xlsx")
    if not source.is_file():
        raise FramingInputError(source, "does not exist")
    coders = _check_names(coders if coders is not None else _coders_of(expected), "coder", (*SHEET_COLUMNS, NOTES))
    codes = _check_names(codes if codes is not None else expected.attrs.get("codes", DEFAULT_CODES), "code")
    canonical = {c.casefold(): c for c in codes}
    rows, sheet_name = _read_rows(source)
    where = f"{source} (sheet '{sheet_name}')" if sheet_name else str(source)
    problems: list[tuple[int, str]] = []

    def fail() -> CodingSheetError:
        found = sorted(problems, key=lambda p: p[0])
        return CodingSheetError(source, [FramingInputError(where, text, row=row) for row, text in found],
                                sheet=sheet_name)  # fmt: skip

    numbered = [(i, [restore_formula(c) for c in row]) for i, row in enumerate(rows, start=1)]
    numbered = [(i, row) for i, row in numbered if any(c.strip() for c in row)]
    if not numbered:
        raise FramingInputError(where, "is empty; expected the header row and one row per hit")
    header_row, raw_header = numbered[0]
    header = [c.strip().lstrip("\ufeff") for c in raw_header]
    known = {c.casefold(): c for c in (*SHEET_COLUMNS, NOTES)}
    names = [known.get(c.casefold(), c) for c in header]
    position: dict[str, int] = {}
    for j, name in enumerate(names):
        if not name:
            continue
        if name in position:
            problems.append((header_row, f"the column {name!r} appears twice; delete one"))
        position.setdefault(name, j)
    if "hit_id" not in position:
        problems.append((header_row, f"has no hit_id column (columns: {[n for n in names if n]}); "
                                     "the hits are matched by the hit_id they were exported with"))  # fmt: skip
        raise fail()
    found_coders = [n for n in names if n and n not in known.values()]
    if sorted(found_coders) != sorted(coders):
        lost = [c for c in coders if c not in found_coders]
        added = [c for c in found_coders if c not in coders]
        problems.append((header_row, "the coder columns differ from the exported sheet "
                                     f"(expected {list(coders)}; missing {lost}, unexpected {added}): "
                                     "keep one column per coder, named as exported"))  # fmt: skip
    unnamed = [j for j, name in enumerate(names) if not name]

    expected_ids = hit_ids_of(expected)
    expected_row = {hit: k + 2 for k, hit in enumerate(expected_ids)}
    seen: dict[str, int] = {}
    values: dict[str, dict[str, Any]] = {}
    for row_number, row in numbered[1:]:
        cell = lambda name: row[position[name]].strip() if name in position and position[name] < len(row) else ""  # noqa: E731
        for j in unnamed:
            if j < len(row) and row[j].strip():
                problems.append((row_number, f"has {row[j].strip()!r} in a column without a header; "
                                             "move it to notes"))  # fmt: skip
        hit = cell("hit_id")
        if not hit:
            problems.append((row_number, "has no hit_id but other values; restore the hit_id or delete the row"))
            continue
        if hit in seen:
            problems.append((row_number, f"hit_id {hit!r} appears again (first at row {seen[hit]}); "
                                         "delete the duplicate row"))  # fmt: skip
            continue
        seen[hit] = row_number
        if hit not in expected_row:
            problems.append((row_number, f"hit_id {hit!r} is not in the exported sheet (edited, or a row added); "
                                         "restore the exported hit_id or delete the row"))  # fmt: skip
            continue
        entry: dict[str, Any] = {}
        for coder in coders:
            code = cell(coder)
            if not code:
                entry[coder] = pd.NA
            elif code.casefold() in canonical:
                entry[coder] = canonical[code.casefold()]
            else:
                problems.append((row_number, f"{coder}: unknown code {code!r}; allowed: {', '.join(codes)}"))
        notes = row[position[NOTES]] if NOTES in position and position[NOTES] < len(row) else ""
        entry[NOTES] = notes.strip()
        values[hit] = entry
    for hit in expected_ids:
        if hit not in seen:
            problems.append((expected_row[hit], f"hit_id {hit!r} (row {expected_row[hit]} of the exported sheet) "
                                                "is missing; restore that row"))  # fmt: skip
    if problems:
        raise fail()

    coded = expected[[c for c in expected.columns if c not in (*coders, NOTES)]].copy()
    for coder in coders:
        coded[coder] = pd.array([values[h][coder] for h in expected_ids], dtype="string")
    coded[NOTES] = [values[h][NOTES] for h in expected_ids]
    coded.attrs.update(codes=tuple(codes), coders=tuple(coders),
                       uncoded={c: int(coded[c].isna().sum()) for c in coders})  # fmt: skip
    return coded


def hit_ids_of(sheet: pd.DataFrame) -> list[str]:
    """The ``hit_id`` column of a coding sheet as a list (it must be unique)."""
    require_columns(sheet.columns, ("hit_id",), "the coding sheet")
    ids = [str(h) for h in sheet["hit_id"]]
    if len(set(ids)) != len(ids):
        raise ValueError("the expected coding sheet has duplicated hit_ids")
    return ids


def coding_progress(coded: pd.DataFrame, coders: Sequence[str] | None = None) -> pd.DataFrame:
    """How many hits each coder has coded so far.

    Returns
    -------
    pandas.DataFrame
        :data:`PROGRESS_COLUMNS`: per coder, cells coded and cells still empty.
    """
    coders = tuple(coders) if coders is not None else _coders_of(coded)
    rows = [(c, int(coded[c].notna().sum()), int(coded[c].isna().sum())) for c in coders]
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))


# --------------------------------------------------------------------------- statistics


def wilson_interval(successes: int, n: int, *, ci: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion.

    With :math:`\\hat p = k/n` and :math:`z` the :math:`1-(1-\\mathrm{ci})/2`
    quantile of the standard normal distribution (1.96 for 95 %),

    .. math::

        \\frac{\\hat p + \\frac{z^2}{2n}}{1 + \\frac{z^2}{n}}
        \\pm \\frac{z}{1 + \\frac{z^2}{n}}
        \\sqrt{\\frac{\\hat p(1-\\hat p)}{n} + \\frac{z^2}{4n^2}}

    Unlike the normal (Wald) interval it stays inside [0, 1] and is not of
    zero width when all 20 sampled hits are correct.

    Returns
    -------
    (float, float)
        Lower and upper bound; ``(nan, nan)`` when ``n == 0``.
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    if n == 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - ci) / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def consensus(coded: pd.DataFrame, coders: Sequence[str] | None = None) -> pd.Series:
    """Each hit's code by strict majority of the coders who coded it.

    A code given by more than half of the non-empty codes of a row wins;
    ties (two coders who disagree) and rows nobody coded are missing.  Such
    rows should be adjudicated: add a column (e.g. ``adjudicated``) and pass
    it as ``coder=`` to :func:`term_precision`.
    """
    coders = tuple(coders) if coders is not None else _coders_of(coded)
    require_columns(coded.columns, coders, "the coded sheet")

    def majority(row: pd.Series) -> Any:
        given = [v for v in row if not pd.isna(v)]
        if not given:
            return pd.NA
        code, n = Counter(given).most_common(1)[0]
        return code if 2 * n > len(given) else pd.NA

    return pd.Series(
        pd.array([majority(r) for _, r in coded[list(coders)].iterrows()], dtype="string"),
        index=coded.index, name="consensus",
    )  # fmt: skip


def term_precision(
    coded: pd.DataFrame,
    *,
    coder: str | None = None,
    ci: float = 0.95,
    threshold: float = 0.8,
    flag_on: Literal["upper", "estimate"] = "upper",
    correct: str = "correct",
    incorrect: str = "incorrect",
) -> pd.DataFrame:
    """Precision of each lexicon entry on the coded sample, with an interval and a flag.

    For label *t* with *c* hits coded ``correct`` and *i* coded ``incorrect``,
    precision = *c* / (*c* + *i*), with the Wilson score interval
    (:func:`wilson_interval`).  Hits coded anything else (``unclear``) or not
    coded are left out of the denominator: they say nothing about whether
    the term is right, and counting them as wrong would penalise terms whose
    contexts are merely short.  They are counted in ``n_excluded``.

    The judgment of a hit is ``coder``'s code, or with ``coder=None`` the
    strict-majority :func:`consensus` of all coder columns (a disagreement
    between two coders is excluded until adjudicated).

    A term is flagged for revision when the upper bound of its interval is
    below ``threshold`` (``flag_on="upper"``): even the most favourable
    precision compatible with the sample is too low, so a flag is not the
    noise of 20 coded hits.  ``flag_on="estimate"`` flags when the point
    estimate is below ``threshold`` (more flags, more false alarms).  A term
    with no ``correct``/``incorrect`` code has no precision and its flag is
    missing.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`read_coding_sheet` (``label, category`` and coder columns).
    coder : str, optional
        The coder column to use; default the consensus.
    ci : float, optional
        Coverage of the interval.
    threshold : float, optional
        Precision a term should reach.
    flag_on : {"upper", "estimate"}, optional
        The flag rule (see above).
    correct, incorrect : str, optional
        The codes counted as a true and a false hit.

    Returns
    -------
    pandas.DataFrame
        :data:`PRECISION_COLUMNS`, one row per label, lowest precision first
        (labels without a precision last).  ``n_sampled`` = rows of the
        label, ``n_coded`` = *c* + *i*.
    """
    if flag_on not in ("upper", "estimate"):
        raise ValueError(f"flag_on must be 'upper' or 'estimate', got {flag_on!r}")
    require_columns(coded.columns, ("label", "category"), "the coded sheet")
    if coder is not None:
        require_columns(coded.columns, (coder,), "the coded sheet")
        judgment = coded[coder]
    else:
        judgment = consensus(coded)
    rows = []
    for (label, category), codes in judgment.groupby([coded["label"], coded["category"]], sort=True):
        n_correct = int((codes == correct).sum())
        n_incorrect = int((codes == incorrect).sum())
        n = n_correct + n_incorrect
        low, high = wilson_interval(n_correct, n, ci=ci)
        precision = n_correct / n if n else math.nan
        if n == 0:
            flag: Any = pd.NA
        else:
            flag = bool((high if flag_on == "upper" else precision) < threshold)
        rows.append((label, category, len(codes), n_correct, n_incorrect, len(codes) - n, n, precision, low, high,
                     flag))  # fmt: skip
    table = pd.DataFrame(rows, columns=list(PRECISION_COLUMNS))
    table["flag"] = table["flag"].astype("boolean")
    return table.sort_values(["precision", "label"], na_position="last", kind="stable").reset_index(drop=True)


def cohens_kappa(coded: pd.DataFrame, coder_a: str, coder_b: str) -> float:
    """Cohen's kappa between two coders, over the hits both coded.

    .. math::

        \\kappa = \\frac{p_o - p_e}{1 - p_e}, \\qquad
        p_e = \\sum_k p_{a,k}\\, p_{b,k}

    where :math:`p_o` is the share of hits given the same code and
    :math:`p_{a,k}`, :math:`p_{b,k}` the shares of code *k* given by each
    coder, all over the hits both coded (rows where either is empty are
    skipped).

    Returns
    -------
    float
        Kappa; ``nan`` when no hit was coded by both or when :math:`p_e = 1`
        (both coders gave one and the same code to everything: agreement
        cannot be told from chance).
    """
    require_columns(coded.columns, (coder_a, coder_b), "the coded sheet")
    pair = coded[[coder_a, coder_b]].dropna()
    if pair.empty:
        return math.nan
    a, b = pair[coder_a].astype(str), pair[coder_b].astype(str)
    p_o = float((a.to_numpy() == b.to_numpy()).mean())
    share_a, share_b = a.value_counts(normalize=True), b.value_counts(normalize=True)
    p_e = float(sum(share_a[k] * share_b.get(k, 0.0) for k in share_a.index))
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def krippendorff_alpha(
    coded: pd.DataFrame,
    coders: Sequence[str],
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> float:
    """Krippendorff's alpha over any number of coders, with missing codes.

    Each row is a unit, each coder column an observer; empty cells are
    missing.  With :math:`m_u` the number of values in unit *u*, units with
    :math:`m_u < 2` are not pairable and are left out.  The coincidence
    matrix counts every ordered pair of values within a unit:

    .. math::

        o_{ck} = \\sum_u \\frac{\\text{number of } (c, k) \\text{ pairs in } u}{m_u - 1},
        \\qquad n_c = \\sum_k o_{ck}, \\qquad n = \\sum_c n_c

    and

    .. math::

        \\alpha = 1 - \\frac{D_o}{D_e}, \\qquad
        D_o = \\frac{1}{n} \\sum_{c,k} o_{ck}\\, \\delta^2_{ck}, \\qquad
        D_e = \\frac{1}{n(n-1)} \\sum_{c,k} n_c\\, n_k\\, \\delta^2_{ck}

    with the difference function of the level of measurement:
    nominal :math:`\\delta^2_{ck} = [c \\ne k]`; ordinal
    :math:`\\delta^2_{ck} = (\\sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2` over the
    values in sorted order; interval :math:`(c - k)^2`; ratio
    :math:`((c - k)/(c + k))^2`.  Levels other than nominal need numeric
    codes (Krippendorff 2011).

    Returns
    -------
    float
        Alpha; ``nan`` when there are no pairable values or no variation
        (:math:`D_e = 0`).
    """
    coders = list(coders)
    require_columns(coded.columns, coders, "the coded sheet")
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise ValueError(f"level must be nominal, ordinal, interval or ratio, got {level!r}")
    units = [[v for v in row if not pd.isna(v)] for row in coded[coders].itertuples(index=False)]
    units = [u for u in units if len(u) >= 2]
    if not units:
        return math.nan
    if level != "nominal":
        try:
            units = [[float(v) for v in u] for u in units]
        except (TypeError, ValueError):
            raise ValueError(f"{level} alpha needs numeric codes") from None
    values = sorted({v for u in units for v in u}, key=lambda v: (str(type(v)), v))
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in units:
        counts = np.zeros(len(values))
        for v in unit:
            counts[index[v]] += 1
        o += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if level == "nominal":
        delta2 = 1.0 - np.eye(len(values))
    elif level == "ordinal":
        cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
        i, k = np.meshgrid(np.arange(len(values)), np.arange(len(values)), indexing="ij")
        lo, hi = np.minimum(i, k), np.maximum(i, k)
        delta2 = (cumulative[hi + 1] - cumulative[lo] - (n_c[i] + n_c[k]) / 2) ** 2
    else:
        x = np.asarray(values, dtype=float)
        diff = x[:, None] - x[None, :]
        if level == "interval":
            delta2 = diff**2
        else:
            total = x[:, None] + x[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                delta2 = np.where(total == 0, 0.0, (diff / total) ** 2)
    d_o = (o * delta2).sum() / n
    d_e = (np.outer(n_c, n_c) * delta2).sum() / (n * (n - 1))
    if d_e == 0:
        return math.nan
    return float(1 - d_o / d_e)

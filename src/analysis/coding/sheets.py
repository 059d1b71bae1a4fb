"""Build a coding sheet and write it for coders, as CSV or XLSX.

Every text cell is neutralized against formula injection
(:func:`~analysis.coding.formulas.neutralize_formula`) and the file is
written atomically and never over an existing one
(:func:`analysis.output.atomic_file`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import FramingInputError
from ..kwic import keyword_in_context
from ..output import atomic_file
from .codes import (
    CODE_MEANINGS,
    CODES_SHEET,
    CODING_SHEET,
    DEFAULT_CODERS,
    DEFAULT_CODES,
    MODEL_CODE_MEANINGS,
    NOTES,
    SHEET_COLUMNS,
    _check_names,
    _coders_of,
)
from .formulas import neutralize_formula
from .sampling import hit_id_parts, hit_ids

# Context columns holding Arabic: right-to-left, right-aligned in the XLSX.
_ARABIC_COLUMNS = ("label", "left", "hit", "right")
_COLUMN_WIDTHS = {"hit_id": 30, "doc_id": 22, "label": 16, "category": 16, "quoted": 8, "left": 55, "hit": 16,
                  "right": 55, NOTES: 40}  # fmt: skip


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
    # overwrite=False: a sheet someone created meanwhile is not clobbered either.
    with atomic_file(target, overwrite=False) as staged:
        if suffix == ".csv":
            with open(staged, "w", encoding="utf-8-sig", newline="") as stream:
                safe.to_csv(stream, index=False, lineterminator="\n")
        else:
            _write_xlsx(safe, staged, codes=codes, coders=_coders_of(sheet))
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
    if any(
        hit_id_parts(str(h))[3] == "model" for h in sheet["hit_id"]
    ):  # a learned detector's spans: another criterion
        listing.append([])
        listing.append(
            ["", "for rows whose hit_id ends in :model (spans of the learned detector, not lexicon entries):"]
        )
        for code in codes:
            listing.append([code, MODEL_CODE_MEANINGS.get(code, "")])
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

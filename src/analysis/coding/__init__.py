"""Validate the lexicon by hand: sample hits, code them in a spreadsheet, measure precision and agreement.

A dictionary count is only as good as its terms.  This module is the
validation workflow a reviewer asks for:

1. :func:`sample_hits` draws a stratified, seeded random sample of hits
   (``per_stratum`` per label by default);
2. :func:`coding_sheet` turns it into a coding sheet (each hit in context,
   one empty column per coder) and :func:`save_coding_sheet` writes it as
   XLSX or CSV for the coders, named by the identity of its corpus,
   lexicons and seed (``coding_sheet_<8 hex>_seed0.xlsx``) and with the
   exported sample beside it; an existing sheet of other data is refused,
   never shown as new (:func:`write_coding_sheet` writes to a path of your
   choice, without the sample);
3. :func:`read_coding_sheet` reads the filled sheet back and checks it
   against the exported one (from the sample beside it, in any later
   session), listing every problem by spreadsheet row;
4. :func:`term_precision` gives each term's precision with a Wilson interval
   and flags terms for revision; :func:`cohens_kappa` (with
   :func:`kappa_interval`, a bootstrap interval) and
   :func:`krippendorff_alpha` measure how far the coders agree.

Every hit is identified by :func:`hit_ids` (``doc_id:start-end:kind``), so a
coded row can always be traced back to the exact characters of its article.

The statistics are pure functions; only :func:`write_coding_sheet`,
:func:`save_coding_sheet` and :func:`read_coding_sheet` touch files.

Human annotation can be a coder too: :func:`annotators_as_coder` codes every
term hit by whether annotated spans cover it.

The package is split by job: :mod:`.sampling` (hit ids, the sample),
:mod:`.sheets` (building and writing sheets), :mod:`.identity` (sheets
named by their data, the sample beside them), :mod:`.formulas` (formula
injection), :mod:`.reading` (reading filled sheets back), :mod:`.agreement`
(precision and agreement statistics), :mod:`.annotations` (annotators as a
coder) and :mod:`.codes` (codes, coders, reserved names).  Import from
``analysis.coding``; the submodules are not a stable interface.

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

from .agreement import (
    adjudicated,
    coding_progress,
    cohens_kappa,
    consensus,
    kappa_interval,
    krippendorff_alpha,
    term_precision,
    wilson_interval,
)
from .annotations import annotators_as_coder
from .codes import (
    CODE_MEANINGS,
    CODES_SHEET,
    CODING_SHEET,
    DEFAULT_CODERS,
    DEFAULT_CODES,
    NOTES,
    PRECISION_COLUMNS,
    PROGRESS_COLUMNS,
    SHEET_COLUMNS,
)
from .formulas import neutralize_formula, restore_formula
from .identity import SavedSheet, exported_sheet, other_sheets, sample_path, save_coding_sheet, sheet_identity
from .reading import CodingSheetError, hit_ids_of, read_coding_sheet
from .sampling import hit_ids, sample_hits
from .sheets import coding_sheet, write_coding_sheet

__all__ = [
    "CODES_SHEET", "CODE_MEANINGS", "CODING_SHEET", "DEFAULT_CODERS", "DEFAULT_CODES", "NOTES",
    "PRECISION_COLUMNS", "PROGRESS_COLUMNS", "SHEET_COLUMNS",
    "CodingSheetError", "SavedSheet",
    "adjudicated", "annotators_as_coder", "coding_progress", "coding_sheet", "cohens_kappa", "consensus", "hit_ids", "hit_ids_of",
    "kappa_interval",
    "krippendorff_alpha", "neutralize_formula", "read_coding_sheet", "restore_formula", "sample_hits",
    "term_precision", "wilson_interval", "write_coding_sheet",
    "exported_sheet", "other_sheets", "sample_path", "save_coding_sheet", "sheet_identity",
]  # fmt: skip

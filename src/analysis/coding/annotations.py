"""Human annotation as a coder: annotated spans turned into codes on a coding sheet.

An annotated corpus (such as the ArMPro extract read by
:func:`analysis.evaluate.read_annotations`) already holds a human judgment of
every term hit: did the annotators mark its words?  Written as the codes of
one coder, that judgment goes through the same :func:`term_precision` as a
sheet coded by hand.
"""

from __future__ import annotations

import pandas as pd

from ..evaluate import TERM_KIND, false_hits
from .sampling import hit_ids
from .sheets import coding_sheet


def annotators_as_coder(
    hits: pd.DataFrame,
    spans: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    coder: str = "annotators",
    width: int = 60,
) -> pd.DataFrame:
    """A coded sheet of every term hit, coded by whether annotators marked its words.

    A term hit is coded ``correct`` when it shares at least one character
    with an annotated span (the "any overlap" rule of
    :func:`analysis.evaluate.span_overlap` with ``unit="token"``), and
    ``incorrect`` otherwise: the annotators read the passage and saw no
    loaded language there.  Every term hit is coded, not a sample, so
    :func:`~analysis.coding.term_precision` on the result is each term's
    precision against the annotation.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table of the annotated documents; only ``kind == "term"`` rows
        are coded (actor mentions are not loaded language).
    spans : pandas.DataFrame
        The annotated spans (:data:`analysis.evaluate.SPAN_COLUMNS`); filter
        it first to judge against one technique.
    documents : pandas.DataFrame
        The annotated documents (``doc_id, text``), for the context columns.
    coder : str, optional
        The name of the coder column.
    width : int, optional
        Characters of context on either side, as in
        :func:`~analysis.coding.coding_sheet`.

    Returns
    -------
    pandas.DataFrame
        A coding sheet of the term hits in the order of ``hits``, its
        ``coder`` column filled with ``correct`` or ``incorrect`` and
        ``notes`` empty; ``attrs["coders"]`` is ``(coder,)``.

    Examples
    --------
    >>> from analysis.coding import term_precision
    >>> from analysis.evaluate import read_annotations
    >>> from analysis.paths import data_path
    >>> from analysis.pipeline import FramingCounter
    >>> documents, spans = read_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl"))
    >>> coded = annotators_as_coder(FramingCounter().count(documents).hits, spans, documents)
    >>> precision = term_precision(coded, coder="annotators")  # doctest: +SKIP
    """
    terms = hits[hits["kind"] == TERM_KIND]
    outside = set(hit_ids(false_hits(hits, spans)))
    sheet = coding_sheet(terms, documents, coders=(coder,), width=width)
    sheet[coder] = pd.array(["incorrect" if h in outside else "correct" for h in sheet["hit_id"]], dtype="string")
    sheet.attrs["uncoded"] = {coder: 0}
    return sheet

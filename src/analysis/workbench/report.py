"""What each lexicon entry matched: hits, documents, surface forms, and the entries that never match."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import Entry, Lexicon
from ..normalize import DEFAULT_FOLDING, Folding, normalize
from ..tables import HITS, LEXICON_FORMS, LEXICON_REPORT

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import FramingCounter

#: Forms listed in ``top_forms``.
TOP_FORMS = 5
#: The share columns of the report and their decimals.
SHARES = ["share_docs", "share_quoted", "share_negated"]
SHARE_DECIMALS = 4


@dataclass
class LexiconReport:
    """The report of :func:`lexicon_report`.

    Attributes
    ----------
    entries : pandas.DataFrame
        :data:`analysis.tables.LEXICON_REPORT`: one row per entry, in lexicon
        order (actors, then terms), entries without hits kept with ``n`` 0.
    forms : pandas.DataFrame
        :data:`analysis.tables.LEXICON_FORMS`: one row per entry and surface
        form, most frequent first.
    """

    entries: pd.DataFrame
    forms: pd.DataFrame


def lexicon_entries(counter_or_lexicons: FramingCounter | Sequence[Lexicon]) -> list[Entry]:
    """The entries of a counter's lexicons (actors, then terms) or of the lexicons given."""
    lexicons = getattr(counter_or_lexicons, "settings", None)
    if lexicons is not None:
        return [*lexicons.actors.entries, *lexicons.terms.entries]
    return [entry for lexicon in counter_or_lexicons for entry in lexicon.entries]  # type: ignore[union-attr]


def _form_of(surface: str, folding: Folding) -> str:
    """A hit's surface as the matcher sees it: normalized, one space between words."""
    return " ".join(normalize(surface, folding).split())


def _forms(hits: pd.DataFrame, folding: Folding) -> pd.DataFrame:
    """Hits per (kind, lexicon_row, form): n, n_docs and the most frequent spelling."""
    import pandas as pd

    if hits.empty:
        return pd.DataFrame(columns=["kind", "lexicon_row", "form", "surface", "n", "n_docs"])
    hits = hits.assign(form=[_form_of(s, folding) for s in hits["surface"]])
    keys = ["kind", "lexicon_row", "form"]
    grouped = hits.groupby(keys, sort=True)
    counts = grouped.size().rename("n").to_frame().join(grouped["doc_id"].nunique().rename("n_docs"))
    spelling = hits.groupby([*keys, "surface"], sort=True).size().rename("k").reset_index()
    spelling = spelling.sort_values([*keys, "k", "surface"], ascending=[True, True, True, False, True])
    counts = counts.join(spelling.drop_duplicates(keys).set_index(keys)["surface"])
    return counts.reset_index()


def _check_known(hits: pd.DataFrame, entries: list[Entry]) -> None:
    known = {(e.kind, e.row) for e in entries}
    unknown = sorted({(k, int(r)) for k, r in zip(hits["kind"], hits["lexicon_row"])} - known)
    if unknown:
        raise ValueError(
            f"{len(unknown)} (kind, lexicon_row) of the hits are not rows of these lexicons, e.g. {unknown[:3]}; "
            "pass the counter (or lexicons) the hits were counted with"
        )


def lexicon_report(
    counter_or_lexicons: FramingCounter | Sequence[Lexicon],
    hits: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    folding: Folding = DEFAULT_FOLDING,
) -> LexiconReport:
    """Per lexicon entry: its hits, documents and surface forms; entries that never match kept.

    Parameters
    ----------
    counter_or_lexicons : FramingCounter or sequence of Lexicon
        The counter the hits were counted with, or its lexicons.
    hits : pandas.DataFrame
        A hits table (:data:`analysis.tables.HITS`).
    documents : pandas.DataFrame, optional
        The documents counted (one row each), for ``share_docs``.
    folding : Folding, optional
        Letter foldings for the ``form`` column (those of the counter).

    Returns
    -------
    LexiconReport
        ``entries`` and ``forms`` tables.

    Raises
    ------
    ValueError
        If a hit's ``(kind, lexicon_row)`` is not a row of these lexicons.
    """
    import pandas as pd

    HITS.require(hits.columns, ["doc_id", "kind", "surface", "quoted", "lexicon_row", "negated"])
    entries = lexicon_entries(counter_or_lexicons)
    _check_known(hits, entries)
    frame = pd.DataFrame(
        [(e.source, e.row, e.kind, e.label, e.category, e.written) for e in entries],
        columns=["file", "lexicon_row", "kind", "label", "category", "entry"],
    )
    keys = ["kind", "lexicon_row"]
    grouped = hits.groupby(keys)
    stats = pd.DataFrame({
        "n": grouped.size(), "n_docs": grouped["doc_id"].nunique(),
        "share_quoted": grouped["quoted"].mean(), "share_negated": grouped["negated"].mean(),
    })  # fmt: skip
    forms = _forms(hits, folding).sort_values([*keys, "n", "form"], ascending=[True, True, False, True])
    forms["listed"] = [f"{form} {n}" for form, n in zip(forms["form"], forms["n"])]
    top = forms.groupby(keys, sort=False)["listed"].agg(lambda s: " | ".join(s.head(TOP_FORMS)))
    stats = stats.join(forms.groupby(keys).size().rename("n_forms")).join(top.rename("top_forms"))
    report = frame.merge(stats.reset_index(), on=keys, how="left")
    report[["n", "n_docs", "n_forms"]] = report[["n", "n_docs", "n_forms"]].fillna(0).astype("int64")
    report["top_forms"] = report["top_forms"].astype("object").fillna("")
    n_documents = len(documents) if documents is not None else 0
    report["share_docs"] = report["n_docs"] / n_documents if n_documents else float("nan")
    # Four decimals, as the other shares the package writes (learn.report, learn.loop): 0.0300, not 0.03003003003003003.
    report[SHARES] = report[SHARES].round(SHARE_DECIMALS)
    by_entry = frame.merge(forms.drop(columns="listed"), on=keys, how="inner")
    forms_table = LEXICON_FORMS.cast(by_entry[list(LEXICON_FORMS.names)].reset_index(drop=True))
    return LexiconReport(LEXICON_REPORT.cast(report[list(LEXICON_REPORT.names)]), forms_table)

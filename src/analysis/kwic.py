"""Keyword in context: the words around each hit, for reading what a count means.

* :func:`search` finds a free query in documents with the lexicon's matching
  rules (normalization, generated clitics, ``*`` wildcards, whole words), so a
  researcher can check a candidate term before adding it to a lexicon;
* :func:`select_hits` picks the hits of an actor, a term or a category;
* :func:`keyword_in_context` adds the words around each hit, and
  :func:`kwic_html` renders them right to left for JupyterLab.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from .lexicon import Entry, parse_entry
from .match import Matcher
from .normalize import DEFAULT_FOLDING, Folding
from .pipeline import hit_row, hits_frame
from .tables import HitRow
from .tokenize import tokenize

if TYPE_CHECKING:
    from .learn.model import Tagger

KWIC_COLUMNS = ("doc_id", "kind", "label", "category", "quoted", "start", "end", "left", "hit", "right")


def search(
    documents: pd.DataFrame, query: str, *, label: str | None = None, folding: Folding = DEFAULT_FOLDING
) -> pd.DataFrame:
    """Find a free query in documents with the lexicon's matching rules.

    Parameters
    ----------
    documents : pandas.DataFrame
        With ``doc_id`` and ``text``.
    query : str
        Written like a lexicon entry: one or more words, ``*`` at the end of a
        word for any continuation (``مليشي*``, ``حكومة الوفاق``); proclitics
        (و ف ب ك ل ال) and pronoun suffixes are added as for loaded terms.
    label : str, optional
        Written into the ``label`` column; the query by default.
    folding : Folding, optional
        Letter foldings (those of the text).

    Returns
    -------
    pandas.DataFrame
        A hits table with kind and category ``query``.  ``quoted`` is
        False: quoted speech is found by :class:`analysis.pipeline.FramingCounter`,
        whose hits carry the voice.

    Raises
    ------
    FramingInputError
        If the query cannot match anything (``*`` inside a word, no letters).
    """
    words, wildcard, kinds = parse_entry(query, source="query", row=1, folding=folding)
    entry = Entry("query", label or query, "query", query, words, wildcard, kinds, "query", 1)
    matcher = Matcher([entry], enclitics=True)
    rows: list[HitRow] = []
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        tokens = tokenize(str(text), folding=folding)  # quoted speech is not marked: every hit is unquoted
        rows.extend(hit_row(str(doc_id), tokens, entry, match) for match in matcher.find(tokens))
    return hits_frame(rows)


def select_hits(
    hits: pd.DataFrame,
    *,
    actor: str | None = None,
    term: str | None = None,
    category: str | None = None,
    doc_id: str | None = None,
    voice: str | None = None,
) -> pd.DataFrame:
    """Pick hits by actor, term, category, document and voice (all optional, combined with *and*).

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    actor, term : str, optional
        An actor's name or a term as written in the lexicon (``label``).
    category : str, optional
        A term category (or an actor type).
    doc_id : str, optional
        One document.
    voice : {"narrator", "quoted"}, optional
        Only the narrator's voice, or only quoted speech.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in text order.
    """
    keep = pd.Series(True, index=hits.index)
    if actor is not None:
        keep &= (hits["kind"] == "actor") & (hits["label"] == actor)
    if term is not None:
        keep &= (hits["kind"] == "term") & (hits["label"] == term)
    if category is not None:
        keep &= hits["category"] == category
    if doc_id is not None:
        keep &= hits["doc_id"] == doc_id
    if voice is not None:
        if voice not in ("narrator", "quoted"):
            raise ValueError(f"voice must be 'narrator' or 'quoted', got {voice!r}")
        keep &= hits["quoted"] == (voice == "quoted")
    return hits[keep]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def keyword_in_context(
    hits: pd.DataFrame, documents: pd.DataFrame, *, width: int = 40, tagger: Tagger | None = None, top: int = 3
) -> pd.DataFrame:
    """Return each hit with ``width`` characters of context on either side.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (``doc_id, kind, label, category, quoted, start, end``).
    documents : pandas.DataFrame
        A documents table with ``doc_id`` and ``text``.
    width : int, optional
        Characters of context before and after the hit.  The context is cut
        at the nearest word boundary and line breaks become spaces.
    tagger : analysis.learn.Tagger, optional
        The model of the hits of ``kind`` ``model``: adds a column ``why``, the
        ``top`` features that pushed each model hit up most in each part of the
        model that is linear in them (``CRF: … | logistic: …``), in plain words
        (:func:`analysis.learn.explain.describe_feature`), with their
        contribution to the log-odds (:func:`analysis.learn.explain.explain_hits`);
        empty for dictionary hits.
    top : int, optional
        Features per part in ``why``.

    Returns
    -------
    pandas.DataFrame
        :data:`KWIC_COLUMNS` (and ``why`` with a tagger); ``left`` is the text
        before the hit in reading order (for Arabic, to its right on screen).
    """
    if width < 0:
        raise ValueError(f"width must be >= 0, got {width}")
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str)))
    rows = []
    for hit in hits.itertuples(index=False):
        text = texts[str(hit.doc_id)]
        left_start = max(0, hit.start - width)
        while 0 < left_start < hit.start and not text[left_start - 1].isspace():
            left_start += 1
        right_end = min(len(text), hit.end + width)
        while hit.end < right_end < len(text) and not text[right_end].isspace():
            right_end -= 1
        rows.append((
            hit.doc_id, hit.kind, hit.label, hit.category, hit.quoted, hit.start, hit.end,
            _one_line(text[left_start : hit.start]), text[hit.start : hit.end], _one_line(text[hit.end : right_end]),
        ))  # fmt: skip
    table = pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
    return table if tagger is None else _with_why(table, hits, documents, tagger, top)


def _with_why(
    table: pd.DataFrame, hits: pd.DataFrame, documents: pd.DataFrame, tagger: Tagger, top: int
) -> pd.DataFrame:
    """Add the ``why`` column: the explanation of each model hit (empty for the others)."""
    from .learn.explain import explain_hits, why_lines

    lines = why_lines(explain_hits(tagger, hits, documents, top=top))
    keys = zip(lines["doc_id"].astype(str), lines["start"].astype(int), lines["end"].astype(int))
    found = dict(zip(keys, lines["why"]))
    table["why"] = [found.get((str(d), int(s), int(e)), "") if k == "model" else ""
                    for d, s, e, k in zip(table["doc_id"], table["start"], table["end"], table["kind"])]  # fmt: skip
    return table


def kwic_html(kwic: pd.DataFrame, *, max_rows: int = 200) -> str:
    """Render a keyword-in-context table as right-to-left HTML.

    Parameters
    ----------
    kwic : pandas.DataFrame
        From :func:`keyword_in_context`.
    max_rows : int, optional
        Rows shown; the rest are counted in a footer, never dropped silently.

    With a ``why`` column (model hits explained, :func:`keyword_in_context`
    with a tagger) the hit carries it as a tooltip and a sixth cell shows it.

    Returns
    -------
    str
        An HTML ``<table dir="rtl">``; each line reads right to left with the
        hit highlighted, the label and whether it is quoted speech beside it.
        Display it with ``IPython.display.HTML``.
    """
    lines = []
    explained = "why" in kwic.columns
    for row in kwic.head(max_rows).itertuples(index=False):
        voice = "quoted" if row.quoted else "narrator"
        why = str(row.why) if explained else ""
        tooltip = f' title="{html.escape(why)}"' if why else ""
        # In a right-to-left table the first cell is the rightmost: the context
        # before the hit stands to its right, aligned against it.
        lines.append(
            "<tr>"
            f'<td style="text-align:left">{html.escape(row.left)}</td>'
            f'<td style="text-align:center"{tooltip}><mark><b>{html.escape(row.hit)}</b></mark></td>'
            f'<td style="text-align:right">{html.escape(row.right)}</td>'
            f'<td style="color:#555" dir="ltr">{html.escape(str(row.label))}</td>'
            f'<td style="color:#555" dir="ltr">{voice}</td>'
            + (f'<td style="color:#555;font-size:0.85em" dir="ltr">{html.escape(why)}</td>' if explained else "")
            + "</tr>"
        )
    rest = len(kwic) - min(len(kwic), max_rows)
    columns = 6 if explained else 5
    footer = f'<tr><td colspan="{columns}">… {rest} more line(s) not shown</td></tr>' if rest else ""
    why_header = "<th>why (model)</th>" if explained else ""
    return (
        '<table dir="rtl" lang="ar" style="font-size:1.05em;border-collapse:collapse">'
        f"<thead><tr><th>before</th><th>hit</th><th>after</th><th>label</th><th>voice</th>{why_header}</tr></thead>"
        f"<tbody>{''.join(lines)}{footer}</tbody></table>"
    )

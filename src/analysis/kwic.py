"""Keyword in context: the words around each hit, for reading what a count means."""

from __future__ import annotations

import html

import pandas as pd

KWIC_COLUMNS = ("doc_id", "kind", "label", "category", "quoted", "start", "end", "left", "hit", "right")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def keyword_in_context(hits: pd.DataFrame, documents: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        :data:`KWIC_COLUMNS`; ``left`` is the text before the hit in reading
        order (for Arabic, to its right on screen).
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
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))


def kwic_html(kwic: pd.DataFrame, *, max_rows: int = 200) -> str:
    """Render a keyword-in-context table as right-to-left HTML.

    Parameters
    ----------
    kwic : pandas.DataFrame
        From :func:`keyword_in_context`.
    max_rows : int, optional
        Rows shown; the rest are counted in a footer, never dropped silently.

    Returns
    -------
    str
        An HTML ``<table dir="rtl">``; each line reads right to left with the
        hit highlighted, the label and whether it is quoted speech beside it.
        Display it with ``IPython.display.HTML``.
    """
    lines = []
    for row in kwic.head(max_rows).itertuples(index=False):
        voice = "quoted" if row.quoted else "narrator"
        # In a right-to-left table the first cell is the rightmost: the context
        # before the hit stands to its right, aligned against it.
        lines.append(
            "<tr>"
            f'<td style="text-align:left">{html.escape(row.left)}</td>'
            f'<td style="text-align:center"><mark><b>{html.escape(row.hit)}</b></mark></td>'
            f'<td style="text-align:right">{html.escape(row.right)}</td>'
            f'<td style="color:#555" dir="ltr">{html.escape(str(row.label))}</td>'
            f'<td style="color:#555" dir="ltr">{voice}</td>'
            "</tr>"
        )
    rest = len(kwic) - min(len(kwic), max_rows)
    footer = f'<tr><td colspan="5">… {rest} more line(s) not shown</td></tr>' if rest else ""
    return (
        '<table dir="rtl" lang="ar" style="font-size:1.05em;border-collapse:collapse">'
        '<thead><tr><th>before</th><th>hit</th><th>after</th><th>label</th><th>voice</th></tr></thead>'
        f"<tbody>{''.join(lines)}{footer}</tbody></table>"
    )

"""What a notebook cell shows: a table, or one line saying why there is none.

On a researcher's own data a cell often has nothing to show: an article without
quoted speech, a lexicon without an actor of some type, a corpus without dates.
An empty frame (``Empty DataFrame / Columns: [...] / Index: []``) reads like a
failure; a sentence that names what is missing does not::

    from analysis.show import table_or_note

    table_or_note(quotations, f"no quotation marks in {DOC_ID}: nothing is quoted speech")
"""

from __future__ import annotations

import pandas as pd


def table_or_note(table: pd.DataFrame | pd.Series | None, note: str) -> pd.DataFrame | pd.Series | None:
    """Return ``table`` to be displayed, or print ``note`` and return ``None`` when it has no row or no column.

    Parameters
    ----------
    table : pandas.DataFrame, pandas.Series or None
        What the cell would show; ``None`` counts as empty (a step that was skipped).
    note : str
        One line saying why there is nothing to show, in terms of the data
        (``"no quoted speech in <article>"``), printed instead of an empty table.

    Returns
    -------
    pandas.DataFrame, pandas.Series or None
        ``table`` unchanged when it has at least one row (the last expression
        of a cell, so Jupyter displays it); else ``None``, which Jupyter does
        not display.

    Examples
    --------
    >>> table_or_note(pd.DataFrame({"n": []}), "no hit in this article")
    no hit in this article
    >>> table_or_note(pd.DataFrame(index=["Haftar"]), "no category near an actor")
    no category near an actor
    >>> table_or_note(pd.DataFrame({"n": [1]}), "unused")
       n
    0  1
    """
    # A pivot with rows but no column (actors x categories when no category was found)
    # prints as "Empty DataFrame Columns: [] Index: [...]": as empty as no row.
    if table is None or table.empty:
        print(note)
        return None
    return table


def articles_read(documents: pd.DataFrame) -> str:
    """How many articles a documents table holds, in words: ``"344 articles"``, ``"672 documents (496 articles)"``.

    A corpus of paragraphs (an ``article`` column) has more rows than articles;
    calling its rows articles would not match the ``n_articles`` of the tables
    and the figures' legends.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table (``doc_id``, optionally ``article``).

    Returns
    -------
    str

    Examples
    --------
    >>> articles_read(pd.DataFrame({"doc_id": ["a", "b"]}))
    '2 articles'
    >>> articles_read(pd.DataFrame({"doc_id": ["p1", "p2", "p3"], "article": ["A", "A", ""]}))
    '3 documents (2 articles)'
    """
    from .measures import article_ids

    n_articles = article_ids(documents).nunique()
    if n_articles == len(documents):
        return f"{len(documents)} article{'' if len(documents) == 1 else 's'}"
    return f"{len(documents)} documents ({n_articles} article{'' if n_articles == 1 else 's'})"

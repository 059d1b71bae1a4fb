"""What a notebook cell shows: a table, or one line saying why there is none.

On a researcher's own data a cell often has nothing to show: an article without
quoted speech, a lexicon without an actor of some type, a corpus without dates.
An empty frame (``Empty DataFrame / Columns: [...] / Index: []``) reads like a
failure; a sentence that names what is missing does not::

    from analysis.show import table_or_note

    table_or_note(quotations, f"no quotation marks in {DOC_ID}: nothing is quoted speech")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .corpus import Corpus


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


def show_table(table: pd.DataFrame | pd.Series) -> None:
    """Show ``table`` now, in the middle of a cell: as a table in Jupyter (IPython), as text elsewhere.

    A function that prints a line and then a table cannot return the table
    for Jupyter to show (it would come after the cell's later output); this
    is the one place that decides how such a table is shown.

    Parameters
    ----------
    table : pandas.DataFrame or pandas.Series
        What to show.

    Examples
    --------
    >>> show_table(pd.DataFrame({"n": [1]}))
       n
    0  1
    """
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # the package runs without IPython
        print(table.to_string())
        return
    if get_ipython() is None:  # plain Python or a script: display() would print the repr, cut to its width
        print(table.to_string())
    else:
        display(table)


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


#: The report's levels, most serious first: a record that could not be read heads the summary.
_LEVEL_ORDER = ("error", "duplicate", "warning", "note")


def report_summary(report: pd.DataFrame) -> pd.DataFrame:
    """The report of a corpus (``skipped.csv``) in one row per level and kind of problem, errors first.

    Grouped by the whole ``problem`` text, a report has a row per outlet name,
    dateline and duplicate removed (hundreds on a real corpus), and a notebook
    shows its first and last few: the one record that could not be read and
    was skipped hides in the ``...``. Grouped by kind (the problem without
    its details, as ``framing count`` prints it), each kind is one row with
    its first occurrence.

    Parameters
    ----------
    report : pandas.DataFrame
        ``Corpus.report`` (``source, row, doc_id, level, problem, action``).

    Returns
    -------
    pandas.DataFrame
        ``level, problem, rows, first`` (the first row's problem in full),
        ``source, row, doc_id`` (where that first row is); errors first, then
        duplicates, warnings and notes, the most frequent kind first within a level.

    Examples
    --------
    >>> report = pd.DataFrame({
    ...     "source": ["a.csv"] * 3, "row": [2, 3, 4], "doc_id": ["A1", "A2", "A3"],
    ...     "level": ["note", "note", "error"], "action": ["removed", "removed", "skipped"],
    ...     "problem": ["outlet name removed: '«عكاظ»'", "outlet name removed: '«اليوم»'", "empty text"]})
    >>> report_summary(report)[["level", "problem", "rows", "doc_id"]]
       level              problem  rows doc_id
    0  error           empty text     1     A3
    1   note  outlet name removed     2     A1
    """
    from .tables import problem_kind

    kinds = report.assign(kind=report["problem"].astype(str).map(problem_kind))
    firsts = kinds.drop_duplicates(["level", "kind"])  # in report order: each kind's first row
    rows = kinds.groupby(["level", "kind"], sort=False).size().rename("rows")
    summary = firsts.join(rows, on=["level", "kind"]).rename(columns={"problem": "first", "kind": "problem"})
    rank = summary["level"].map({level: i for i, level in enumerate(_LEVEL_ORDER)}).fillna(len(_LEVEL_ORDER))
    order = summary.assign(_rank=rank).sort_values(["_rank", "rows"], ascending=[True, False], kind="stable")
    return order[["level", "problem", "rows", "first", "source", "row", "doc_id"]].reset_index(drop=True)


def show_unreadable(corpus: Corpus) -> int:
    """Say which records of a corpus could not be read, and are left out of what follows; their number.

    Notebooks 04-07 (and the lexicon workbench of 02) read their corpus with
    :func:`analysis.corpus.read_corpus`, which skips an unreadable record (an
    empty file or text cell, …) and lists it in ``corpus.report``. Unsaid, it
    vanished from every count without a word; this prints one line and the
    errors of :func:`report_summary` (each kind with its first file, row and
    ``doc_id``), as a table in a notebook.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.corpus.read_corpus`.

    Returns
    -------
    int
        The records left out (0: nothing is printed).

    Examples
    --------
    >>> from analysis.corpus import Corpus
    >>> report = pd.DataFrame([{"source": "a/empty.txt", "row": pd.NA, "doc_id": "empty",
    ...                         "level": "error", "problem": "empty file", "action": "skipped"}])
    >>> show_unreadable(Corpus(pd.DataFrame(), report))
    1 record(s) could not be read and are left out:
       level     problem  rows       first       source   row doc_id
    0  error  empty file     1  empty file  a/empty.txt  <NA>  empty
    1
    """
    errors = corpus.errors
    if errors.empty:
        return 0
    print(f"{len(errors)} record(s) could not be read and are left out:")
    show_table(report_summary(errors))
    return len(errors)


def outlets_overview(documents: pd.DataFrame, group: str = "outlet") -> pd.DataFrame:
    """Per outlet (or ``group``): its articles, characters, first and last month and undated records.

    ``articles`` counts articles, not rows: the paragraphs of one article (the
    ``article`` column, :func:`analysis.measures.article_ids`) count once, as in
    ``n_articles`` of the rates and the figures' legends. When some outlet has
    more rows than articles (a corpus of paragraphs), a ``documents`` column
    gives the rows too. ``first`` and ``last`` are months as read (``YYYY-MM``);
    ``undated`` counts the rows whose date gave no month (not a first month of "").

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table (``doc_id``, ``group``, ``n_chars``, ``month``, optionally ``article``).
    group : str, optional
        The column to group by.

    Returns
    -------
    pandas.DataFrame
        Indexed by the group's values, the most articles first.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["p1", "p2", "p3", "b1"], "outlet": ["a", "a", "a", "b"],
    ...                      "article": ["A", "A", "B", ""], "n_chars": [10, 20, 30, 5],
    ...                      "month": ["2020-05", "2020-05", "", "2021-01"]})
    >>> outlets_overview(docs).reset_index()
      outlet  articles  documents  characters    first     last  undated
    0      a         2          3          60  2020-05  2020-05        1
    1      b         1          1           5  2021-01  2021-01        0
    >>> list(outlets_overview(docs.assign(article=["A", "B", "C", ""])).columns)
    ['articles', 'characters', 'first', 'last', 'undated']
    """
    from .measures import article_ids

    months = documents["month"].fillna("").astype(str).str.strip().replace("", pd.NA)
    frame = documents.assign(month=months, _article=article_ids(documents).to_numpy())
    table = frame.groupby(group).agg(
        articles=("_article", "nunique"),
        documents=("doc_id", "size"),
        characters=("n_chars", "sum"),
        first=("month", "min"),
        last=("month", "max"),
        undated=("month", lambda month: int(month.isna().sum())),
    )
    if (table["articles"] == table["documents"]).all():
        table = table.drop(columns="documents")
    return table.sort_values("articles", ascending=False, kind="stable")

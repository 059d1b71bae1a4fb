"""Per-article scores: one row per document, one column per measure, zeros included.

The table a regression in R or Stata takes: each document's metadata and
statistics (as in ``documents.csv``), then for every term category of the
lexicon its hits (``n_<category>``) and rate per 1,000 words
(``per_1000_<category>``), and for each actor of interest its mentions
(``mentions_<actor>``) and, for every category, the terms that stand near it
(``n_<actor>__<category>``, ``per_1000_<actor>__<category>``): the document's
cell of the framing matrix (:func:`analysis.metrics.framing_pairs`, counted by
sentence or token window).  A document without a hit has zeros, never a
missing row, so means over documents are not biased.

The command writes the same rows as it goes (``scores.csv``, see
:class:`ScoreSheet`); :func:`article_scores` builds them from tables in
memory.  Both compute each row with :meth:`ScoreSheet.values`, so they agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import FramingInputError
from .measures import per_1000
from .tables import HitRow

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_NOT_A_NAME = re.compile(r"\W+")


def slug(label: str) -> str:
    """A label as part of a column name: runs of spaces and punctuation become ``_``.

    Letters of any script are kept (Stata 14 and R accept Arabic names).

    >>> slug("Khalifa Haftar"), slug("Government of National Accord (GNA)")
    ('Khalifa_Haftar', 'Government_of_National_Accord_GNA')
    """
    return _NOT_A_NAME.sub("_", label.strip()).strip("_")


@dataclass(frozen=True)
class ScoreSheet:
    """The score columns of one run: the categories and the actors of interest.

    Parameters
    ----------
    categories : sequence of str
        Term categories (a column pair each), e.g. the lexicon's.
    actors : sequence of str
        Actor labels of interest: their mentions and their framing-matrix
        cells become columns.
    window : int, optional
        Token window of the actor × category pairs; sentence co-occurrence
        when None (as :func:`analysis.metrics.framing_matrix`).
    include_quoted : bool, optional
        Count terms inside quoted speech in the pairs too.
    """

    categories: tuple[str, ...]
    actors: tuple[str, ...] = ()
    window: int | None = None
    include_quoted: bool = True

    def __post_init__(self) -> None:
        if self.window is not None and self.window < 0:
            raise ValueError(f"the score window must be 0 tokens or more, got {self.window}")
        seen: dict[str, str] = {}
        for name in [*self.categories, *self.actors]:
            key = slug(name)
            if not key or (key in seen and seen[key] != name):
                raise ValueError(
                    f"{name!r} gives the column name part {key!r}"
                    + (f", as {seen[key]!r} does" if key in seen else "")
                    + ": rename the label in the lexicon, or leave it out of the score columns"
                )
            seen[key] = name

    @property
    def columns(self) -> list[str]:
        """The score columns, in order (after the document's own columns)."""
        names = [f"{m}_{slug(c)}" for c in self.categories for m in ("n", "per_1000")]
        for actor in self.actors:
            names.append(f"mentions_{slug(actor)}")
            names += [f"{m}_{slug(actor)}__{slug(c)}" for c in self.categories for m in ("n", "per_1000")]
        return names

    def values(
        self,
        n_words: int,
        terms: Mapping[str, int],
        mentions: Mapping[str, int],
        pairs: Mapping[tuple[str, str], int],
    ) -> list[Any]:
        """One document's values of :attr:`columns`.

        Parameters
        ----------
        n_words : int
            The document's word tokens.
        terms : mapping
            Category → term hits in the document (missing: 0).
        mentions : mapping
            Actor → mentions in the document.
        pairs : mapping
            (actor, category) → framing pairs in the document.
        """
        row: list[Any] = []
        for category in self.categories:
            n = terms.get(category, 0)
            row += [n, per_1000(n, n_words)]
        for actor in self.actors:
            row.append(mentions.get(actor, 0))
            for category in self.categories:
                n = pairs.get((actor, category), 0)
                row += [n, per_1000(n, n_words)]
        return row

    def partition_counts(self, hits: Sequence[HitRow]) -> tuple[Counter, Counter, Counter]:
        """Terms per (doc_id, category), mentions per (doc_id, actor), pairs per (doc_id, actor, category).

        The pairs come from :func:`analysis.metrics.framing_pairs` (pandas is
        imported only when there are actors of interest).
        """
        frame = None
        if self.actors and hits:
            from .pipeline import hits_frame

            frame = hits_frame(hits)
        return self._counts(((h.doc_id, h.kind, h.label, h.category) for h in hits), frame)

    def table_counts(self, hits: pd.DataFrame) -> tuple[Counter, Counter, Counter]:
        """:meth:`partition_counts` of a hits table, counted from its columns (no rows built)."""
        from .tables import HITS

        names = [c for c in HITS.names if c != "score"]
        HITS.require(hits.columns, names)
        # The pairs see the table as the command's hits_frame builds it: the hits columns, typed.
        frame = HITS.cast(hits[names].reset_index(drop=True)) if self.actors and len(hits) else None
        return self._counts(zip(hits["doc_id"], hits["kind"], hits["label"], hits["category"]), frame)

    def _counts(
        self, hits: Iterable[tuple[Any, str, str, str]], frame: pd.DataFrame | None
    ) -> tuple[Counter, Counter, Counter]:
        """The counts of :meth:`partition_counts` from each hit's (doc_id, kind, label, category).

        ``frame`` is the hits table the pairs are found in; None when no pair is wanted.
        """
        wanted = set(self.actors)
        terms: Counter = Counter()
        mentions: Counter = Counter()
        for doc_id, kind, label, category in hits:
            if kind == "term":
                terms[(doc_id, category)] += 1
            elif kind == "actor" and label in wanted:
                mentions[(doc_id, label)] += 1
        pairs: Counter = Counter()
        if frame is not None:
            from .metrics import framing_pairs

            found = framing_pairs(frame, window=self.window, include_quoted=self.include_quoted)
            found = found[found["actor"].isin(wanted)]
            pairs.update(zip(found["doc_id"], found["actor"], found["category"]))
        return terms, mentions, pairs

    def rows(self, documents: Iterable[tuple[str, int]], hits: Sequence[HitRow]) -> list[list[Any]]:
        """The score values of each ``(doc_id, n_words)``, in order, from the documents' hits."""
        return self.counted_rows(documents, self.partition_counts(hits))

    def counted_rows(
        self, documents: Iterable[tuple[str, int]], counts: tuple[Counter, Counter, Counter]
    ) -> list[list[Any]]:
        """The score values of each ``(doc_id, n_words)``, in order, from :meth:`partition_counts`."""
        terms, mentions, pairs = counts
        by_doc: dict[str, tuple[dict, dict, dict]] = {}
        for (doc_id, category), n in terms.items():
            by_doc.setdefault(doc_id, ({}, {}, {}))[0][category] = n
        for (doc_id, actor), n in mentions.items():
            by_doc.setdefault(doc_id, ({}, {}, {}))[1][actor] = n
        for (doc_id, actor, category), n in pairs.items():
            by_doc.setdefault(doc_id, ({}, {}, {}))[2][(actor, category)] = n
        empty: tuple[dict, dict, dict] = ({}, {}, {})
        return [self.values(n_words, *by_doc.get(doc_id, empty)) for doc_id, n_words in documents]


def check_actors(actors: Sequence[str], known: Iterable[str], source: str) -> tuple[str, ...]:
    """The actors of interest, each checked against the lexicon's labels.

    Raises
    ------
    FramingInputError
        Naming the lexicon ``source`` and the labels it has.
    """
    labels = list(dict.fromkeys(known))
    unknown = [a for a in actors if a not in labels]
    if unknown:
        raise FramingInputError(
            source,
            f"--score-actors names {unknown}, not actor labels of this lexicon; "
            f"its labels include {labels[:8]} (write them as in the 'actor' column)",
        )
    return tuple(dict.fromkeys(actors))


def _check_category_names(categories: Sequence[object]) -> None:
    """Refuse anything but category names, naming the first and what to pass instead.

    The cells of :func:`analysis.cells.lexicon_cells` (``(kind, category, label)``) are the
    likely mistake: ``group_table`` takes them, ``article_scores`` takes category names.

    >>> _check_category_names(["violence"])
    >>> _check_category_names([("term", "violence", "عنف")])
    Traceback (most recent call last):
    ...
    TypeError: categories takes term category names (str), got ('term', 'violence', 'عنف') (a tuple); ...
    """
    for category in categories:
        if not isinstance(category, str):
            raise TypeError(
                f"categories takes term category names (str), got {category!r} (a {type(category).__name__}); "
                'pass the lexicon\'s, counter.terms.table["category"].unique(), not lexicon_cells(...), '
                "which are (kind, category, label) cells for group_table"
            )


def article_scores(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    categories: Sequence[str] | None = None,
    actors: Sequence[str] = (),
    window: int | None = None,
    include_quoted: bool = True,
) -> pd.DataFrame:
    """The per-article score table: one row per document, zeros included.

    For document *d* with *N(d)* word tokens: ``n_<c>`` = its hits of
    category *c*, ``per_1000_<c>`` = 1000 · ``n_<c>`` / *N(d)*;
    ``mentions_<a>`` = its mentions of actor *a*; ``n_<a>__<c>`` = the
    (term, actor) pairs of :func:`analysis.metrics.framing_pairs` in *d*
    (each term of *c* counted once per actor near it), and
    ``per_1000_<a>__<c>`` its rate per 1,000 words.  Summed over the
    documents of an outlet, ``n_<a>__<c>`` is that outlet's cell of
    :func:`analysis.corpus_matrix.group_matrix`.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    documents : pandas.DataFrame
        The documents table (``doc_id``, ``n_words``; every other column but
        ``text`` is kept in front).
    categories : sequence of str, optional
        Term category names; by default those among the hits, sorted, so a category of the
        lexicon without a hit has no columns.  Pass the lexicon's,
        ``counter.terms.table["category"].unique()``, to get its empty ones too, as
        ``scores.csv`` of ``framing count`` has them.
    actors : sequence of str, optional
        Actors of interest (their mentions and matrix cells).
    window, include_quoted
        As in :func:`analysis.metrics.framing_matrix`.

    Returns
    -------
    pandas.DataFrame
        The documents' columns, then :attr:`ScoreSheet.columns`; in the
        order of ``documents``.  ``attrs["sheet"]`` is the :class:`ScoreSheet`.
    """
    import pandas as pd

    if categories is None:
        categories = sorted(hits.loc[hits["kind"] == "term", "category"].astype(str).unique())
    _check_category_names(categories)
    sheet = ScoreSheet(tuple(categories), tuple(actors), window, include_quoted)
    counts = sheet.table_counts(hits)
    values = sheet.counted_rows(zip(documents["doc_id"].astype(str), documents["n_words"].astype(int)), counts)
    scores = pd.DataFrame(values, columns=sheet.columns, index=documents.index, dtype=object)
    scores = scores.astype({c: "float64" if c.startswith("per_1000_") else "int64" for c in sheet.columns})
    table = pd.concat([documents.drop(columns=["text"], errors="ignore"), scores], axis=1).reset_index(drop=True)
    table.attrs["sheet"] = sheet
    return table


def ols(frame: pd.DataFrame, outcome: str, predictors: Sequence[str]) -> pd.DataFrame:
    """Ordinary least squares with heteroskedasticity-robust (HC1) standard errors.

    A small, dependency-free example for the notebooks; for real work use a
    statistics package (statsmodels, R's ``lm`` with ``sandwich``, Stata's
    ``regress, robust``) on the exported table.  ``predictors`` may be
    numeric columns or categorical ones (dummy-coded, first level dropped).

    Returns
    -------
    pandas.DataFrame
        One row per coefficient: ``term``, ``estimate``, ``std_error``
        (HC1), ``t``; ``attrs["n"]`` is the number of rows used.
    """
    import numpy as np
    import pandas as pd

    data = frame[[outcome, *predictors]].dropna()
    design = pd.get_dummies(data[list(predictors)], drop_first=True, dtype=float)
    design.insert(0, "(intercept)", 1.0)
    x, y = design.to_numpy(dtype=float), data[outcome].to_numpy(dtype=float)
    n, k = x.shape
    if n <= k:
        raise ValueError(f"{n} rows for {k} coefficients: too few to fit")
    bread = np.linalg.pinv(x.T @ x)
    beta = bread @ x.T @ y
    residuals = y - x @ beta
    meat = (x * residuals[:, None] ** 2).T @ x
    covariance: np.ndarray = bread @ meat @ bread * n / (n - k)
    errors = np.sqrt(np.diag(covariance))
    table = pd.DataFrame({"term": design.columns, "estimate": beta, "std_error": errors, "t": beta / errors})
    table.attrs["n"] = n
    return table

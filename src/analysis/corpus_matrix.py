"""The framing matrix of a corpus: actor × category by outlet (or any group), with intervals.

Notebook 03 counts, in one article, the loaded terms that stand near each
actor (:func:`analysis.metrics.framing_pairs`: same sentence, or a token
window).  :func:`group_matrix` counts the same pairs over every article of a
group and normalizes them by the actor's mentions, so outlets that mention an
actor more often are compared fairly:

    per_100(g, a, c) = 100 · Σ_{d ∈ D(g)} pairs(a, c, d) / Σ_{d ∈ D(g)} mentions(a, d)

"loaded terms of category *c* near actor *a*, per 100 mentions of *a*", with
a percentile bootstrap interval over the group's articles (as
:func:`analysis.measures.group_rates`).  The pairs behind every cell are
:func:`analysis.metrics.framing_pairs` of the same hits (with ``doc_id``):
filter them by actor, category and the group's documents.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .measures import _stable_rng, article_ids, bootstrap_weights, check_bootstrap, groups_of
from .metrics import framing_pairs
from .tables import GROUP_MATRIX, require_columns

#: A cell whose actor is mentioned in fewer articles of the group than this is marked ``few_mentions``
#: (a hollow dot in :func:`analysis.plot_compare.group_matrix_figure`): the bootstrap resamples articles,
#: so one article gives an interval of one point ([0, 0] when no term stands near the actor) and a few
#: give intervals that only list the articles' own ratios.
MIN_MENTION_ARTICLES = 5


def _per_100(n: np.ndarray, mentions: np.ndarray) -> np.ndarray:
    """100 · n / mentions, NaN where the actor has no mention."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(mentions > 0, 100 * n / np.where(mentions > 0, mentions, 1), np.nan)


def _article_tables(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    pairs: pd.DataFrame,
    groups: pd.Series,
    cells: pd.MultiIndex,
    actors: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairs (articles × cells) and mentions (articles × actors), indexed by (group, article)."""
    doc_ids = documents["doc_id"].astype(str)
    per_doc = (
        pairs.groupby(["doc_id", "actor", "category"]).size().unstack(["actor", "category"], fill_value=0)
        if len(pairs)
        else pd.DataFrame(index=pd.Index([], name="doc_id"))
    )
    per_doc = per_doc.reindex(index=doc_ids, columns=cells, fill_value=0)
    mentioned = hits[hits["kind"] == "actor"]
    mentions = mentioned.groupby(["doc_id", "label"]).size().unstack(fill_value=0) if len(mentioned) else None
    mentions = (mentions if mentions is not None else pd.DataFrame()).reindex(
        index=doc_ids, columns=actors, fill_value=0
    )
    keys = pd.MultiIndex.from_arrays([groups.to_numpy(), article_ids(documents).to_numpy()])
    per_doc.index, mentions.index = keys, keys
    # Paragraphs of one article are one unit of resampling (the article is the cluster).
    return per_doc.groupby(level=[0, 1], sort=False).sum(), mentions.groupby(level=[0, 1], sort=False).sum()


def _group_rows(
    name: str,
    cell_pairs: np.ndarray,
    mentions: np.ndarray,
    cells: pd.MultiIndex,
    actor_of_cell: np.ndarray,
    n_docs: int,
    *,
    n_boot: int,
    ci: float,
    seed: int,
) -> list[tuple]:
    """The rows of one group: estimates and bootstrap intervals of every cell."""
    n = cell_pairs.sum(axis=0)
    said = mentions.sum(axis=0)[actor_of_cell]
    estimate = _per_100(n, said)
    boots = [
        _per_100(weights @ cell_pairs, (weights @ mentions)[:, actor_of_cell])
        for weights in bootstrap_weights(len(cell_pairs), n_boot, _stable_rng(seed, name))
    ]
    boot = np.concatenate(boots)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN cells: an actor never mentioned in the group
        # A resample without a mention of the actor has no ratio: the interval is over those with one.
        low, high = np.nanquantile(boot, [(1 - ci) / 2, (1 + ci) / 2], axis=0)
    n_articles = len(cell_pairs)
    mentioning = (mentions > 0).sum(axis=0)[actor_of_cell]
    return [
        (name, actor, category, int(n[i]), int(said[i]), int(mentioning[i]),
         bool(mentioning[i] < MIN_MENTION_ARTICLES), n_docs, n_articles, estimate[i], low[i], high[i])
        for i, (actor, category) in enumerate(cells)
    ]  # fmt: skip


def group_matrix(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    actors: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    window: int | None = None,
    include_quoted: bool = True,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Loaded terms near each actor per 100 of its mentions, by group, with bootstrap intervals.

    A pair is a term hit and an actor with a mention in its sentence (or
    within ``window`` tokens), as :func:`analysis.metrics.framing_matrix`
    counts them in one article; ``n`` sums them over the group's
    documents, ``mentions`` the actor's mentions there, and ``per_100`` =
    100 · n / mentions.  The interval resamples the group's articles
    ``n_boot`` times (paragraphs of one article together); resamples in which
    the actor is not mentioned have no ratio and are left out of its
    quantiles.  Each group's random stream depends on ``seed`` and its name
    only.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table; only hits of ``documents`` count.
    documents : pandas.DataFrame
        ``doc_id``, the ``group`` column (every document needs a value) and
        optionally ``article``.
    group : str, optional
        The column to compare, e.g. ``"outlet"``.
    actors : sequence of str, optional
        Actors (rows); by default every actor mentioned, most mentioned first.
    categories : sequence of str, optional
        Term categories; by default those among the hits, sorted.
    window, include_quoted
        As in :func:`analysis.metrics.framing_matrix`.
    n_boot, ci, seed
        As in :func:`analysis.measures.group_rates`.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.GROUP_MATRIX`: every group × actor ×
        category, zeros included; ``few_mentions`` marks a cell whose actor fewer than
        :data:`MIN_MENTION_ARTICLES` of the group's articles mention.  ``attrs`` holds ``group``,
        ``window``, ``include_quoted``, ``ci``, ``n_boot`` and ``min_mention_articles``.
    """
    require_columns(documents.columns, ("doc_id", group), "documents")
    require_columns(hits.columns, ("doc_id", "kind", "label", "category", "sentence"), "hits")
    check_bootstrap(n_boot, ci)
    groups = groups_of(documents, group)
    hits = hits[hits["doc_id"].isin(documents["doc_id"])]
    if actors is None:
        mentioned = hits.loc[hits["kind"] == "actor", "label"].value_counts()
        actors = sorted(mentioned.index, key=lambda a: (-mentioned[a], a))
    if categories is None:
        categories = sorted(hits.loc[hits["kind"] == "term", "category"].astype(str).unique())
    cells = pd.MultiIndex.from_product([list(actors), list(categories)], names=["actor", "category"])
    pairs = framing_pairs(hits, window=window, include_quoted=include_quoted)
    per_article, mentions = _article_tables(hits, documents, pairs, groups, cells, list(actors))
    actor_of_cell = np.repeat(np.arange(len(actors)), len(categories))
    n_docs = groups.value_counts()
    # Both tables have one row per article, in the same order: each group's rows as positions.
    pair_counts, mention_counts = per_article.to_numpy(dtype=np.int64), mentions.to_numpy(dtype=np.int64)
    members = per_article.groupby(level=0, sort=False).indices
    rows: list[tuple] = []
    for name in sorted(n_docs.index):
        positions = members[name]
        rows += _group_rows(
            name, pair_counts[positions], mention_counts[positions],
            cells, actor_of_cell, int(n_docs[name]), n_boot=n_boot, ci=ci, seed=seed,
        )  # fmt: skip
    table = GROUP_MATRIX.frame(rows)
    table.attrs.update(
        group=group, window=window, include_quoted=include_quoted, ci=ci, n_boot=n_boot,
        min_mention_articles=MIN_MENTION_ARTICLES,
    )  # fmt: skip
    return table


def matrix_pairs(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    window: int | None = None,
    include_quoted: bool = True,
) -> pd.DataFrame:
    """The pairs behind every cell of :func:`group_matrix`: :func:`~analysis.metrics.framing_pairs` with the group.

    Returns
    -------
    pandas.DataFrame
        ``group`` then :data:`analysis.metrics.PAIR_COLUMNS` (``doc_id`` and
        the offsets of the term and of the actor's nearest mention).
    """
    require_columns(documents.columns, ("doc_id", group), "documents")
    pairs = framing_pairs(hits[hits["doc_id"].isin(documents["doc_id"])], window=window, include_quoted=include_quoted)
    group_of = dict(zip(documents["doc_id"], groups_of(documents, group)))
    return pairs.assign(group=pairs["doc_id"].map(group_of))[["group", *pairs.columns]]

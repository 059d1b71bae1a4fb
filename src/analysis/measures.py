"""Rates per 1,000 words and group tables: the one place they are computed.

A rate is always the ratio estimator ``per_1000 = 1000 · n / n_words`` over
the documents concerned (every word weighs the same), and is empty (NaN) where
there are no words.  The command's streaming group tables
(:class:`GroupTotals`), the pandas group tables (:func:`group_table`), the
bootstrap rates of outlet comparison (:func:`group_rates`) and the densities of
:mod:`analysis.metrics` all compute it with :func:`per_1000`, so they agree to
the last digit.
"""

from __future__ import annotations

import warnings
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .cells import category_cells, grid_cells
from .errors import FramingInputError, config_file
from .tables import (
    ARTICLES_NEEDED,
    BY_VOICE,
    GROUPS,
    RATE_DIFFERENCES,
    RATES,
    DocumentStatsRow,
    HitRow,
    require_columns,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .pipeline import Partition

GROUP_COLUMNS = GROUPS.names
RATE_COLUMNS = RATES.names
#: The group of documents without a value in a grouping column (an empty cell, a missing field).
MISSING_GROUP = "(missing)"


def group_value(value: Any) -> Any:
    """A document's value in a grouping column: :data:`MISSING_GROUP` for none or an empty one.

    >>> group_value(" "), group_value(None), group_value("alriyadh"), group_value(False)
    ('(missing)', '(missing)', 'alriyadh', False)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return MISSING_GROUP
    return value


def per_1000(n: Any, n_words: Any) -> Any:
    """Hits per 1,000 words: ``1000 * n / n_words``, empty where there are no words.

    Works on numbers (returns ``None`` for no words, which a CSV writer leaves
    empty), on NumPy arrays and on pandas Series (NaN for no words).

    >>> per_1000(3, 1500)
    2.0
    >>> per_1000(3, 0) is None
    True
    """
    if isinstance(n_words, (int, float)):
        return 1000 * n / n_words if n_words > 0 else None
    import numpy as np
    import pandas as pd

    if isinstance(n_words, pd.Series):
        return 1000 * n / n_words.where(n_words > 0)
    words = np.asarray(n_words, dtype=float)
    return 1000 * np.asarray(n) / np.where(words > 0, words, np.nan)


#: The default ``flips`` of :func:`apply_negation`: a negated label of one
#: polarity is read as the other («فقد شرعيته» delegitimizes).
NEGATION_FLIPS: dict[str, str] = {
    "legitimizing_label": "delegitimizing_label",
    "delegitimizing_label": "legitimizing_label",
}
NEGATION_CHOICES = ("keep", "exclude", "flip")


def apply_negation(
    hits: pd.DataFrame,
    how: str = "keep",
    *,
    flips: dict[str, str] | None = None,
    kinds: Sequence[str] = ("term",),
) -> pd.DataFrame:
    """A hits table in which negated hits (the ``negated`` column) are kept, excluded or flipped.

    The metrics, rates and figures take any hits table, so they use the
    result as they use the original: ``density(apply_negation(hits, "exclude"), ...)``.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table with ``kind``, ``category`` and ``negated``.
    how : {"keep", "exclude", "flip"}
        ``keep``: unchanged (a copy); ``exclude``: negated hits of ``kinds``
        dropped; ``flip``: the category of negated hits of ``kinds`` replaced
        through ``flips`` (categories without a flip are kept as they are).
    flips : dict, optional
        Category → category; :data:`NEGATION_FLIPS` by default.
    kinds : sequence of str
        The kinds that negation applies to: terms only by default, because a
        negated actor («لم يحضر حفتر») is still a mention of the actor.

    Returns
    -------
    pandas.DataFrame
        A new hits table (the input is not changed), index reset.

    >>> import pandas as pd
    >>> hits = pd.DataFrame({"kind": ["term", "term"], "category": ["legitimizing_label"] * 2,
    ...                      "negated": [True, False]})
    >>> apply_negation(hits, "flip").category.tolist()
    ['delegitimizing_label', 'legitimizing_label']
    >>> len(apply_negation(hits, "exclude"))
    1
    """
    if how not in NEGATION_CHOICES:
        raise ValueError(f"how must be one of {NEGATION_CHOICES}, not {how!r}")
    require_columns(hits.columns, ["kind", "category", "negated"], "hits")
    affected = hits["negated"].astype(bool) & hits["kind"].isin(list(kinds))
    if how == "exclude":
        return hits[~affected].reset_index(drop=True)
    result = hits.copy().reset_index(drop=True)
    if how == "flip":
        mapping = NEGATION_FLIPS if flips is None else flips
        flipped = result["category"].map(lambda c: mapping.get(c, c))
        result["category"] = result["category"].where(~affected.to_numpy(), flipped)
    return result


def by_voice(hits: pd.DataFrame, keys: Sequence[str] = ("kind", "label")) -> pd.DataFrame:
    """Hits split by voice: the narrator's words versus attributed quoted speech.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (or a selection of it).
    keys : sequence of str
        Columns to count by, e.g. ``["label"]`` or ``["category", "label"]``.

    Returns
    -------
    pandas.DataFrame
        ``keys`` then ``narrator``, ``quoted`` and ``total`` (hit counts), most
        hits first (ties by ``keys``).

    >>> import pandas as pd
    >>> hits = pd.DataFrame({"label": ["a", "a", "b"], "quoted": [False, True, False]})
    >>> by_voice(hits, ["label"]).values.tolist()
    [['a', 1, 1, 2], ['b', 1, 0, 1]]
    """
    keys = list(keys)
    require_columns(hits.columns, [*keys, "quoted"], "hits")
    voice = hits["quoted"].astype(bool).map({True: "quoted", False: "narrator"}).rename("voice")
    table = hits.groupby([*(hits[k] for k in keys), voice]).size().unstack(fill_value=0)
    table = table.reindex(columns=["narrator", "quoted"], fill_value=0).reset_index()
    table.columns.name = None
    table["total"] = table["narrator"] + table["quoted"]
    table = table.sort_values(["total", *keys], ascending=[False] + [True] * len(keys), ignore_index=True)
    return BY_VOICE.cast(table.astype({"narrator": "int64", "quoted": "int64", "total": "int64"}))


@dataclass
class GroupTotals:
    """Running totals per group (outlet, month …), built one partition at a time.

    The streaming counterpart of :func:`group_table`: the command adds each
    counted chunk and writes :meth:`rows` at the end, without a DataFrame.
    """

    keys: Sequence[str]
    #: Every (kind, category, label) of the lexicons (:func:`analysis.cells.lexicon_cells`): each group gets a
    #: row for each, zeros included, so means over groups in R or Stata are not biased.
    cells: Sequence[tuple[str, str, str]] = ()
    hits: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    docs: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)
    #: Documents without a value, per grouping column (they form the group :data:`MISSING_GROUP`).
    missing: Counter = field(default_factory=Counter)
    articles: dict = field(default_factory=dict)  # group -> the article ids of its documents

    def add(self, chunk: list[dict], partition: Partition) -> None:
        """Add a counted chunk: its documents (with their metadata) and their rows."""
        group_of = {d["doc_id"]: tuple(group_value(d.get(k)) for k in self.keys) for d in chunk}
        for document in chunk:
            group = group_of[document["doc_id"]]
            self.missing.update(k for k, value in zip(self.keys, group) if value == MISSING_GROUP)
            self.articles.setdefault(group, set()).add(document.get("article") or document["doc_id"])
        stats: DocumentStatsRow
        for stats in partition.stats:
            self.docs[group_of[stats.doc_id]] += 1
            self.words[group_of[stats.doc_id]] += stats.n_words
        hit: HitRow
        for hit in partition.hits:
            group = group_of[hit.doc_id]
            self.hits[(group, hit.kind, hit.category, hit.label)] += 1
            if hit.kind == "term":
                self.categories[(group, hit.kind, hit.category)] += 1

    def header(self) -> list[str]:
        """Columns of the group tables: the grouping keys, then :data:`GROUP_COLUMNS`."""
        return [*self.keys, *GROUP_COLUMNS]

    def rows(self, level: str = "label") -> list[tuple]:
        """Rows of the per-label or per-category table, as :func:`group_table` orders them."""
        counts: Mapping[tuple, int]
        if level == "label":
            cells = grid_cells(self.cells, (key[1:] for key in self.hits))
            counts = self.hits
        else:
            cells = grid_cells(category_cells(self.cells), ((*key[1:], "") for key in self.categories))
            counts = {(*key, ""): n for key, n in self.categories.items()}
        counted = [(g, *cell, counts.get((g, *cell), 0)) for g in self.docs for cell in cells]
        rows = [
            (
                *g,
                kind,
                category,
                label,
                n,
                self.docs[g],
                len(self.articles[g]),
                self.words[g],
                per_1000(n, self.words[g]),
            )
            for g, kind, category, label, n in counted
        ]
        k = len(self.keys)
        # Sorted as group_table sorts: groups, kind, most hits first, category, label.
        return sorted(rows, key=lambda r: (*r[:k], r[k], -r[k + 3], r[k + 1], r[k + 2]))


def _finish_group_frame(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    frame["per_1000"] = per_1000(frame["n"], frame["n_words"])
    frame = GROUPS.cast(frame)
    return frame.sort_values(
        [*keys, "kind", "n", "category", "label"],
        ascending=[True] * len(keys) + [True, False, True, True],
        ignore_index=True,
    )


def group_table(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: Sequence[str],
    level: str = "label",
    cells: Iterable[tuple[str, str, str]] = (),
) -> pd.DataFrame:
    """Hits per group of documents (outlet, month …) with rates per 1,000 words.

    For group *g* and label (or category) *x*: ``n`` = hits of *x* in the
    group's documents, ``n_docs`` and ``n_words`` = the group's documents and
    words, ``per_1000`` = 1000 · n / n_words.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    documents : pandas.DataFrame
        The documents table with the grouping columns and ``n_words``.
    by : sequence of str
        Grouping columns, e.g. ``["outlet"]`` or ``["outlet", "month"]``.
    level : {"label", "category"}
        One row per label, or per term category (``label`` empty).
    cells : iterable of (kind, category, label), optional
        Cells every group gets a row for, zeros included: the lexicons'
        (:func:`analysis.cells.lexicon_cells`), as ``framing count`` writes them.  Every
        cell that occurs among the hits gets a row in every group anyway (as
        in :func:`group_rates`).

    Returns
    -------
    pandas.DataFrame
        ``by`` columns then :data:`GROUP_COLUMNS`: every group × cell, zeros
        included, most frequent first within each group and kind.
    """
    if level not in ("label", "category"):
        raise ValueError(f"level must be 'label' or 'category', got {level!r}")

    import pandas as pd

    require_columns(documents.columns, ["doc_id", *by, "n_words"], "documents")
    require_columns(hits.columns, ["doc_id", "kind", "category", "label"], "hits")
    keys = list(by)
    # Grouping by doc_id itself is allowed (one group per document).
    meta = documents[list(dict.fromkeys(["doc_id", *keys, "n_words"]))].copy()
    for key in keys:
        meta[key] = group_column(documents, key)
    meta["_article"] = article_ids(documents).to_numpy()
    sizes = (
        meta.groupby(keys)
        .agg(n_docs=("doc_id", "size"), n_articles=("_article", "nunique"), n_words=("n_words", "sum"))
        .reset_index()
    )
    joined = hits[["doc_id", "kind", "category", "label"]].merge(
        meta.drop(columns=["n_words", "_article"]), on="doc_id"
    )
    if level == "category":
        joined = joined[joined["kind"] == "term"].assign(label="")
    cell_keys = ["kind", "category", "label"]
    counts = joined.groupby([*keys, *cell_keys]).size().rename("n").reset_index()
    given = category_cells(cells) if level == "category" else list(cells)
    grid = pd.DataFrame(grid_cells(given, counts[cell_keys].itertuples(index=False, name=None)), columns=cell_keys)
    # Every group × every cell, zeros included: a mean over groups needs the zeros.
    frame = sizes.merge(grid, how="cross").merge(counts, on=[*keys, *cell_keys], how="left")
    frame["n"] = frame["n"].fillna(0).astype("int64")
    return _finish_group_frame(
        frame[[*keys, "kind", "category", "label", "n", "n_docs", "n_articles", "n_words"]], keys
    )


def group_column(documents: pd.DataFrame, key: str) -> pd.Series:
    """The values of a grouping column as strings, :data:`MISSING_GROUP` where a document has none.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table with the column ``key``.
    key : str
        The grouping column.

    Returns
    -------
    pandas.Series
        Of dtype ``string``, aligned with ``documents``.

    Raises
    ------
    ValueError
        When no document has a value in ``key`` (naming the columns that
        have values); a warning says how many documents lack one when only
        some do.
    """
    values = documents[key].astype("string")
    empty = values.isna() | (values.str.strip() == "")
    if len(values) and empty.all():
        filled = [
            c for c in documents.columns if c != "text" and documents[c].astype("string").str.strip().ne("").any()
        ]
        raise ValueError(f"cannot group by {key!r}: no document has a value in it; columns with values: {filled}")
    if empty.any():
        warnings.warn(
            f"{int(empty.sum())} of {len(values)} document(s) have no {key!r}: grouped as {MISSING_GROUP!r}",
            UserWarning,
            stacklevel=3,
        )
    return values.mask(empty, MISSING_GROUP)


# Bootstrap weights are drawn in blocks of at most this many cells, so a group
# of 20,000 articles does not need a 2000 × 20000 matrix at once.
_BOOT_BLOCK_CELLS = 2_000_000


def _no_group(documents: pd.DataFrame, group: str) -> pd.Series:
    """True for each document without a value in ``group`` (missing, or an empty or blank cell)."""
    values = documents[group]
    return values.isna() | (values.astype(str).str.strip() == "")


def _ids_of(documents: pd.DataFrame, mask: pd.Series) -> list:
    return documents.loc[mask, "doc_id"].tolist() if "doc_id" in documents else list(documents.index[mask])


def drop_ungrouped(documents: pd.DataFrame, group: str = "outlet") -> pd.DataFrame:
    """The documents that have a value in ``group``, with a warning naming those left out.

    Bootstrap comparisons (:func:`group_rates`, :func:`rate_difference`,
    :func:`analysis.corpus_matrix.group_matrix`) refuse a document without a
    group, where the group tables of ``framing count`` put it in
    :data:`MISSING_GROUP`: an article without an outlet cannot be compared with
    outlets.  Notebooks 04 and 07 call this first, so one ``.txt`` file
    without a metadata row does not stop them.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table with the column ``group``.
    group : str, optional
        The grouping column.

    Returns
    -------
    pandas.DataFrame
        The rows of ``documents`` with a value in ``group``, in their order.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a1", "a2", "a3"], "outlet": ["okaz", "", None]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     kept = drop_ungrouped(docs)
    >>> kept["doc_id"].tolist(), str(caught[0].message).split(";")[0]
    (['a1'], "2 of 3 document(s) have no 'outlet' and are left out: ['a2', 'a3']")
    """
    empty = _no_group(documents, group)
    if empty.any():
        warnings.warn(
            f"{int(empty.sum())} of {len(documents)} document(s) have no {group!r} and are left out: "
            f"{_ids_of(documents, empty)[:10]}; to keep them, give them a value in {group!r} (for .txt files, a row of "
            "metadata.csv or metadata.xlsx: see skipped.csv)",
            UserWarning,
            stacklevel=2,
        )
    return documents[~empty]


def select_groups(
    documents: pd.DataFrame, wanted: Iterable[str] | None, group: str = "outlet", *, parameter: str = "OUTLETS"
) -> pd.DataFrame:
    """The documents of the groups ``wanted`` (all when ``None``), refusing a group that no document has.

    Notebooks 04 and 07 compare the outlets of their ``OUTLETS`` parameter; one
    misspelt or absent there was left out without a word, and the comparison
    held fewer outlets than asked for.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table with the column ``group``.
    wanted : iterable of str or None
        The groups to keep; ``None``: all.
    group : str, optional
        The grouping column.
    parameter : str, optional
        The notebook parameter that gave ``wanted``, named in the error.

    Returns
    -------
    pandas.DataFrame
        The rows of ``documents`` in one of the ``wanted`` groups, in their order.

    Raises
    ------
    FramingInputError
        Naming the parameter, the groups no document has and those there are.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a1", "a2", "a3"], "outlet": ["okaz", "sabq", "okaz"]})
    >>> select_groups(docs, ["okaz"])["doc_id"].tolist(), len(select_groups(docs, None))
    (['a1', 'a3'], 3)
    >>> select_groups(docs, ["okaz", "ukaz"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.errors.FramingInputError: OUTLETS: names 'ukaz', which no document has in 'outlet' (there: okaz, sabq); ...
    """
    if wanted is None:
        return documents
    wanted = list(wanted)
    present = sorted(set(documents[group].dropna().astype(str)))
    absent = [name for name in wanted if name not in present]
    if absent:
        shown = ", ".join(present[:20]) + (f" and {len(present) - 20} more" if len(present) > 20 else "")
        raise FramingInputError(
            parameter,
            f"names {', '.join(map(repr, absent))}, which no document has in {group!r} (there: {shown or 'none'}); "
            f"correct {parameter} in the parameters cell (examples.outlets in {config_file()}), or set it to None "
            f"([] in {config_file()}) for all",
        )
    return documents[documents[group].isin(wanted)]


def groups_of(documents: pd.DataFrame, group: str) -> pd.Series:
    """The group of each document as text, refusing documents that have none.

    The comparisons over groups (:func:`group_rates`, :func:`rate_difference`,
    :func:`analysis.corpus_matrix.group_matrix`,
    :func:`analysis.learn.report.model_rates`) read the groups through it, so
    each refuses an ungrouped document with the same message.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table with the column ``group`` (and ``doc_id``, to name
        the documents refused).
    group : str
        The grouping column (``"outlet"``).

    Returns
    -------
    pandas.Series of str
        The values of ``group`` as text, indexed like ``documents``.

    Raises
    ------
    ValueError
        A document with a missing, empty or blank value: names up to 10 of
        them and :func:`drop_ungrouped`, which leaves them out.

    Examples
    --------
    >>> import pandas as pd
    >>> groups_of(pd.DataFrame({"doc_id": ["a1", "a2"], "outlet": ["okaz", "sabq"]}), "outlet").tolist()
    ['okaz', 'sabq']
    >>> groups_of(pd.DataFrame({"doc_id": ["a1", "a2"], "outlet": ["okaz", " "]}), "outlet")
    Traceback (most recent call last):
    ...
    ValueError: 1 document(s) have no 'outlet': ['a2']; give each one a value in 'outlet', or leave them out first: analysis.measures.drop_ungrouped(documents, 'outlet')
    """
    empty = _no_group(documents, group)
    if empty.any():
        raise ValueError(
            f"{int(empty.sum())} document(s) have no {group!r}: {_ids_of(documents, empty)[:10]}; give each one "
            f"a value in {group!r}, or leave them out first: analysis.measures.drop_ungrouped(documents, {group!r})"
        )
    return documents[group].astype(str)


def check_bootstrap(n_boot: int, ci: float) -> None:
    """Refuse a bootstrap of fewer than one resample or an interval level outside (0, 1)."""
    if n_boot < 1:
        raise ValueError(f"n_boot must be >= 1, got {n_boot}")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")


def _stable_rng(seed: int, name: str) -> np.random.Generator:
    import numpy as np

    # Seeded by the group's name as well, so a group's interval does not change
    # when another outlet is added to or removed from the table.
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def _bootstrap_rates(hits: np.ndarray, words: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Ratio rates (per 1,000) of ``n_boot`` resamples of the rows; shape (n_boot, categories)."""
    import numpy as np

    rates = [
        per_1000(weights @ hits, (weights @ words)[:, None]) for weights in bootstrap_weights(len(words), n_boot, rng)
    ]
    return np.concatenate(rates)


def bootstrap_weights(n_rows: int, n_boot: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Resamples of ``n_rows`` rows with replacement, as integer weights, in blocks.

    Drawing ``n_rows`` indices with replacement and counting how often each
    row was drawn gives the resample as integer weights; sums over a resample
    are then one integer matrix product (exact, no rounding).  Blocks hold at
    most about two million cells, so many rows never need one huge matrix.

    Parameters
    ----------
    n_rows : int
        Rows (articles) to resample.
    n_boot : int
        Resamples in all.
    rng : numpy.random.Generator
        The random stream (:func:`_stable_rng`).

    Yields
    ------
    numpy.ndarray
        Arrays of shape (block, ``n_rows``); the blocks add up to ``n_boot`` rows.
    """
    import numpy as np

    block = max(1, _BOOT_BLOCK_CELLS // n_rows)
    for first in range(0, n_boot, block):
        size = min(block, n_boot - first)
        draws = rng.integers(0, n_rows, size=(size, n_rows))
        rows = np.repeat(np.arange(size), n_rows)
        yield np.bincount(rows * n_rows + draws.ravel(), minlength=size * n_rows).reshape(size, n_rows)


def article_ids(documents: pd.DataFrame) -> pd.Series:
    """The article of each document: its ``article`` value, or its ``doc_id`` where it has none.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table, with or without an ``article`` column.

    Returns
    -------
    pandas.Series
        Strings aligned with ``documents``.

    >>> import pandas as pd
    >>> article_ids(pd.DataFrame({"doc_id": ["p1", "p2", "p3"], "article": ["A", "A", ""]})).tolist()
    ['A', 'A', 'p3']
    """
    ids = documents["doc_id"].astype("string")
    if "article" not in documents:
        return ids.astype(str)
    article = documents["article"].astype("string").str.strip()
    return article.mask(article.isna() | (article == ""), ids).astype(str)


def articles_per_group(documents: pd.DataFrame, group: str = "outlet") -> pd.Series:
    """How many articles each group has, the largest first (ties in order of first appearance).

    Articles, not rows: paragraphs of one article (the ``article`` column,
    :func:`article_ids`) count once, so "the outlets with most articles" of a
    paragraph corpus are those of the figures' legends and of ``n_articles``.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table with the ``group`` column.
    group : str, optional
        The column to group by.

    Returns
    -------
    pandas.Series
        Articles per group value, indexed by the value, in descending order.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["p1", "p2", "p3", "p4"], "outlet": ["a", "a", "a", "b"],
    ...                      "article": ["A", "A", "A", ""]})
    >>> articles_per_group(docs).to_dict()
    {'a': 1, 'b': 1}
    >>> articles_per_group(docs.assign(article=["A", "B", "C", ""])).to_dict()
    {'a': 3, 'b': 1}
    """
    import pandas as pd

    frame = pd.DataFrame({"group": documents[group].to_numpy(), "article": article_ids(documents).to_numpy()})
    counts = frame.groupby("group", sort=False)["article"].nunique()
    return counts.sort_values(ascending=False, kind="stable").rename("articles")


def _rate_rows(
    name: str,
    categories: list[str],
    group_hits: np.ndarray,
    group_words: np.ndarray,
    n_docs: int,
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
) -> list[tuple]:
    """Rows of :data:`RATES` for one group, from its articles' hits (articles × categories) and words."""
    import numpy as np

    n_hits, n_words = group_hits.sum(axis=0), int(group_words.sum())
    rate = per_1000(n_hits, n_words)
    if categories:
        boot = _bootstrap_rates(group_hits, group_words, n_boot=n_boot, rng=rng)
        low, high = np.quantile(boot, [(1 - ci) / 2, (1 + ci) / 2], axis=0)
    else:
        low = high = rate
    n_articles = len(group_words)
    return [
        (name, category, n_docs, n_articles, int(n_hits[i]), n_words, rate[i], low[i], high[i])
        for i, category in enumerate(categories)
    ]


def group_rates(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    by: str = "category",
    kind: str = "term",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    categories: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Loaded-term rate per 1,000 words of each group, with a bootstrap interval over articles.

    For group *g* with articles *D(g)* and category *c*, with *n(c, d)* the
    hits of *c* in article *d* and *N(d)* its word tokens (``n_words``),
    the ratio estimator is::

        rate(g, c) = 1000 · Σ_{d ∈ D(g)} n(c, d) / Σ_{d ∈ D(g)} N(d)

    (every word weighs the same, so a short article counts for less than a
    long one, unlike in a mean of per-article densities).

    The interval is a percentile bootstrap over articles: *D(g)* is resampled
    with replacement ``n_boot`` times (|*D(g)*| articles each), the ratio is
    recomputed on each resample with the same formula, and ``ci_low`` and
    ``ci_high`` are the (1 − ``ci``)/2 and (1 + ``ci``)/2 quantiles of the
    ``n_boot`` values (linear interpolation).  Resampling articles, not
    words, keeps the dependence between words of one article: an outlet whose
    loaded terms all sit in one article gets a wide interval.  The random
    stream of each group depends only on ``seed`` and the group's name, so
    results are reproducible and a group's interval does not move when other
    groups are added.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (``doc_id``, ``kind`` and the ``by`` column).  Only hits
        of documents in ``documents`` count, so filtering ``documents`` (a
        period, a topic) filters the comparison.
    documents : pandas.DataFrame
        One row per article: ``doc_id``, ``n_words`` and the ``group``
        column.  Articles with 0 words are left out of every sum (a ratio
        over no words is undefined); their ``doc_id`` are listed in
        ``result.attrs["excluded"]`` and a warning names them.
    group : str, optional
        Column of ``documents`` to compare, e.g. ``"outlet"``.
    by : str, optional
        Column of ``hits`` to split the rate by: ``"category"`` (default) or
        ``"label"`` (each term).
    kind : str, optional
        ``"term"`` (loaded terms) or ``"actor"`` (actor mentions).
    n_boot : int, optional
        Bootstrap resamples.
    ci : float, optional
        Confidence level of the interval, between 0 and 1.
    seed : int, optional
        Seed of the resampling.
    categories : sequence of str, optional
        The ``by`` values to report, e.g. every category of the lexicon, so
        that one without a hit in the corpus is a row of zeros rather than
        missing; hits of other values are left out (with a warning naming them).  By default those among
        the hits of that ``kind``.

    Returns
    -------
    pandas.DataFrame
        :data:`RATE_COLUMNS` (the ``category`` column holds the ``by``
        values), one row for every group × every value of ``by`` that occurs
        among the hits of that ``kind`` (or of ``categories``), zeros included,
        sorted by group and category.  A group whose articles all have 0 words keeps its rows,
        with ``n_docs`` 0 and NaN rates.  A category without a hit in a group has ``per_1000`` 0 and
        ``ci_low`` = ``ci_high`` = 0: no resample can hold a hit, so [0, 0] is not an interval
        (the rule of three gives a 95 % upper bound of about ``3000 / n_words`` per 1,000 words).  ``attrs`` holds ``excluded``,
        ``group``, ``by``, ``kind``, ``ci`` and ``n_boot``.

    Raises
    ------
    ValueError
        If a column is missing, a document has no group, or ``n_boot`` or
        ``ci`` is out of range.
    """
    import numpy as np

    check_bootstrap(n_boot, ci)
    prepared = _rate_articles(hits, documents, group=group, by=by, kind=kind, categories=categories)
    categories = prepared.categories
    rows = []
    for name in prepared.names:
        if name not in prepared.members:  # every article of the group has 0 words: no rate, but the group is listed
            rows += [(name, category, 0, 0, 0, 0, np.nan, np.nan, np.nan) for category in categories]
            continue
        group_hits, group_words = prepared.of(name)
        rows += _rate_rows(
            name, categories, group_hits, group_words,
            prepared.n_docs[name], n_boot=n_boot, ci=ci, rng=_stable_rng(seed, name),
        )  # fmt: skip
    table = RATES.frame(rows).astype({"category": object})
    table.attrs.update(excluded=prepared.excluded, group=group, by=by, kind=kind, ci=ci, n_boot=n_boot)
    return table


def rate_difference(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    a: str,
    b: str,
    *,
    group: str = "outlet",
    by: str = "category",
    kind: str = "term",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    categories: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How much higher group ``a``'s rate per 1,000 words is than ``b``'s, with a bootstrap interval.

    ``difference = rate(a, c) − rate(b, c)`` for each category *c*, with the
    ratio estimator of :func:`group_rates`.  Two overlapping intervals of
    :func:`group_rates` do not say that two outlets do not differ, nor two
    separate ones by how much they do; this interval does.  Each group's
    articles are resampled on their own (the groups are independent samples),
    with the random stream :func:`group_rates` gives that group for the same
    ``seed``, so each resampled rate is one of the resamples behind that
    group's interval in :func:`group_rates`; the interval is the percentile
    interval of the ``n_boot`` differences of paired resamples.

    Parameters
    ----------
    hits, documents : pandas.DataFrame
        As for :func:`group_rates`.
    a, b : str
        The two groups (values of the ``group`` column), ``a`` first.
    group, by, kind, n_boot, ci, seed
        As for :func:`group_rates`.
    categories : sequence of str, optional
        As for :func:`group_rates`: every category of the lexicon, so that one
        neither group used is a row (difference 0, interval [0, 0]) rather than
        missing; by default those among the hits of that ``kind``.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.RATE_DIFFERENCES`, one row per value of ``by``
        among the hits of that ``kind`` (or of ``categories``; zeros included), sorted;
        ``attrs`` as :func:`group_rates`'.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a group with words, they are the same
        group, or the input is refused by :func:`group_rates`.

    Examples
    --------
    ``rate_difference(result.hits, result.documents, "aawsat", "okaz")``:
    a row ``terror_label`` with ``difference`` 0.9 and ``ci_low`` −0.4 says
    that the data are compatible with Okaz using more of those terms.
    """
    import numpy as np

    check_bootstrap(n_boot, ci)
    # The groups are compared as text (an outlet column of numbers: 1 is the group '1').
    a, b = str(a), str(b)
    prepared = _rate_articles(hits, documents, group=group, by=by, kind=kind, categories=categories)
    if a == b:
        raise ValueError(f"rate_difference compares two groups; both are {a!r}")
    for name in (a, b):
        if name not in prepared.members:
            raise ValueError(f"no {group} {name!r} with words; the {group} values are {sorted(prepared.members)}")
    categories = prepared.categories
    (hits_a, words_a), (hits_b, words_b) = prepared.of(a), prepared.of(b)
    rate_a, rate_b = per_1000(hits_a.sum(axis=0), words_a.sum()), per_1000(hits_b.sum(axis=0), words_b.sum())
    if categories:
        boot_a = _bootstrap_rates(hits_a, words_a, n_boot=n_boot, rng=_stable_rng(seed, a))
        boot_b = _bootstrap_rates(hits_b, words_b, n_boot=n_boot, rng=_stable_rng(seed, b))
        low, high = np.quantile(boot_a - boot_b, [(1 - ci) / 2, (1 + ci) / 2], axis=0)
    rows = [
        (a, b, category, int(hits_a[:, i].sum()), int(hits_b[:, i].sum()), int(words_a.sum()), int(words_b.sum()),
         rate_a[i], rate_b[i], rate_a[i] - rate_b[i], low[i], high[i])
        for i, category in enumerate(categories)
    ]  # fmt: skip
    table = RATE_DIFFERENCES.frame(rows).astype({"category": object})
    table.attrs.update(excluded=prepared.excluded, group=group, by=by, kind=kind, ci=ci, n_boot=n_boot)
    return table


def articles_for_width(rates: pd.DataFrame, half_width: float) -> pd.DataFrame:
    """About how many articles each group needs for an interval of ``± half_width``: planning by precision.

    A bootstrap interval over articles narrows with the square root of the number of
    articles, so articles like a group's present ones give an interval of about
    ``± half_width`` when there are ``n_articles * (current half-width / half_width) ** 2``
    of them.  This plans the precision of a rate; it is not a power calculation (it does
    not say whether a difference would be found) and it assumes new articles like the
    present ones (the same outlets, topics and lengths).  A group's interval of [0, 0]
    (no hit in its articles) says nothing about its width, so that row has no number:
    code more articles, or read the rule of three (with no hit in *w* words, the rate is
    below about 3000 / *w* per 1,000 words with 95 % confidence).

    Parameters
    ----------
    rates : pandas.DataFrame
        From :func:`group_rates` (:data:`analysis.tables.RATES`).
    half_width : float
        The half-width wanted, per 1,000 words (an interval of ``per_1000 ± half_width``).

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.ARTICLES_NEEDED`, a row per row of ``rates``, in its order.

    Raises
    ------
    ValueError
        If ``half_width`` is not a positive number.

    Examples
    --------
    >>> rates = RATES.frame([("a", "x", 40, 40, 30, 20000, 1.5, 1.0, 2.0), ("b", "x", 10, 10, 0, 4000, 0.0, 0.0, 0.0)])
    >>> articles_for_width(rates, 0.25)[["group", "half_width", "articles_needed"]]
      group  half_width  articles_needed
    0     a         0.5              160
    1     b         0.0             <NA>
    """
    import numpy as np
    import pandas as pd

    require_columns(rates.columns, ("group", "category", "n_articles", "n", "per_1000", "ci_low", "ci_high"), "rates")
    if not isinstance(half_width, (int, float)) or not np.isfinite(half_width) or half_width <= 0:
        raise ValueError(f"half_width must be a positive number of hits per 1,000 words, got {half_width!r}")
    now = (rates["ci_high"].astype(float) - rates["ci_low"].astype(float)) / 2
    needed = np.ceil(rates["n_articles"].astype(float) * (now / half_width) ** 2 - 1e-9)
    needed = needed.where(now > 0)  # [0, 0] or no words (NaN): no width to scale
    table = pd.DataFrame({
        "group": rates["group"], "category": rates["category"], "n_articles": rates["n_articles"], "n": rates["n"],
        "per_1000": rates["per_1000"], "half_width": now, "target_half_width": float(half_width),
        "articles_needed": needed,
    })  # fmt: skip
    return ARTICLES_NEEDED.cast(table.reset_index(drop=True))


def _word_counts(documents: pd.DataFrame) -> np.ndarray:
    """``n_words`` as numbers (an empty cell as NaN), refusing text that is no number, naming its document."""
    import pandas as pd

    words = pd.to_numeric(documents["n_words"], errors="coerce")
    bad = words.isna() & documents["n_words"].notna() & (documents["n_words"].astype(str).str.strip() != "")
    if bad.any():
        first = bad.to_numpy().nonzero()[0][0]
        raise ValueError(
            f"{int(bad.sum())} document(s) have an n_words that is not a number, the first {documents['doc_id'].iloc[first]!r} "
            f"({documents['n_words'].iloc[first]!r}): n_words is the count of word tokens of documents.csv"
        )
    return words.to_numpy(dtype=float)


def warn_single_articles(article_groups: pd.Series, group: str, *, stacklevel: int = 4) -> None:
    """Warn of groups of one article: a bootstrap over one article cannot show how their rate varies.

    Parameters
    ----------
    article_groups : pandas.Series
        The group of each article (one value per article).
    group : str
        The grouping column's name, for the message.
    stacklevel : int, optional
        As for :func:`warnings.warn` (the default points at the caller of :func:`group_rates`).
    """
    counts = article_groups.value_counts(sort=False)
    single = sorted(map(str, counts.index[counts == 1]))
    if single:
        warnings.warn(
            f"{len(single)} {group}(s) with a single article ({single[:10]}): the bootstrap cannot estimate how "
            "their rate varies, so their interval is the rate alone and the interval of a difference holds only "
            "the other group's variation; read their rates as one article's",
            UserWarning,
            stacklevel=stacklevel,
        )


@dataclass
class _RateArticles:
    """What :func:`group_rates` and :func:`rate_difference` resample: one row per article (cluster)."""

    categories: list[str]
    names: list[str]  # every group of the documents, sorted
    matrix: np.ndarray  # articles × categories: hits
    words: np.ndarray  # articles: word tokens
    members: dict[str, np.ndarray]  # group → its articles' rows (groups with words only)
    n_docs: dict[str, int]  # group → documents with words
    excluded: list[str]  # doc_id of documents with 0 words

    def of(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """One group's articles: hits (articles × categories) and words."""
        positions = self.members[name]
        return self.matrix[positions], self.words[positions]


def _warn_left_out(values: pd.Series, categories: Sequence[str], by: str) -> None:
    """Warn when hits are left out of the rates because their ``by`` value is not among ``categories``.

    Asking for some categories leaves the others' hits out, as documented; but a
    misspelled category (a row of zeros) or an empty list (no rows) leaves them out
    too, and the table alone does not show it.
    """
    other = values.dropna().astype(str)
    other = other[~other.isin(categories)]
    if len(other):
        names = sorted(other.unique())
        warnings.warn(
            f"{len(other)} hit(s) of {len(names)} {by} value(s) not in categories= left out of the rates: "
            f"{names[:10]}{' …' if len(names) > 10 else ''}; pass them (or categories=None) to count them",
            UserWarning,
            stacklevel=4,
        )


def _rate_articles(
    hits: pd.DataFrame, documents: pd.DataFrame, *, group: str, by: str, kind: str,
    categories: Sequence[str] | None = None,
) -> _RateArticles:  # fmt: skip
    """Each article's hits per ``by`` value (``categories``, else those among the hits) and its words, grouped.

    Documents with 0 words are left out (warned).
    """
    import numpy as np
    import pandas as pd

    require_columns(documents.columns, ("doc_id", "n_words", group), "documents")
    require_columns(hits.columns, ("doc_id", "kind", by), "hits")
    groups = groups_of(documents, group)
    words = _word_counts(documents)
    empty = ~(words > 0)
    excluded = documents.loc[empty, "doc_id"].astype(str).tolist()
    if excluded:
        warnings.warn(
            f"{len(excluded)} document(s) with 0 words (or an empty n_words) left out of the rates: {excluded[:10]}",
            UserWarning,
            stacklevel=3,
        )
    # Paragraphs of one article are resampled together: the article is the cluster.
    clusters = article_ids(documents)
    kept = pd.DataFrame(
        {
            "doc_id": documents["doc_id"].to_numpy()[~empty],
            "group": groups.to_numpy()[~empty],
            "cluster": clusters.astype(str).to_numpy()[~empty],
            "words": words[~empty].astype(np.int64),
        }
    )
    selected = hits[hits["kind"] == kind]
    if categories is None:
        categories = sorted(selected[by].dropna().astype(str).unique())
    else:
        categories = sorted(dict.fromkeys(map(str, categories)))
        _warn_left_out(selected[by], categories, by)
    selected = selected[selected["doc_id"].isin(kept["doc_id"])]
    per_doc = (
        selected.groupby(["doc_id", selected[by].astype(str)])
        .size()
        .unstack(fill_value=0)
        .reindex(index=kept["doc_id"], columns=categories, fill_value=0)
    )
    per_doc.index = pd.MultiIndex.from_frame(kept[["group", "cluster"]])
    per_doc["_words"] = kept["words"].to_numpy()
    # One row per article, in order of first appearance (one row per document when each is an article).
    articles = per_doc.groupby(level=["group", "cluster"], sort=False).sum().reset_index()
    warn_single_articles(articles["group"], group)
    # Each group's articles as positions in one array: a filter per group costs time_rates' thousands of groups.
    return _RateArticles(
        categories=categories,
        names=sorted(set(groups)),
        matrix=articles[categories].to_numpy(dtype=np.int64),
        words=articles["_words"].to_numpy(dtype=np.int64),
        members=dict(articles.groupby("group", sort=False).indices),
        n_docs={str(k): int(v) for k, v in kept.groupby("group").size().items()},
        excluded=excluded,
    )

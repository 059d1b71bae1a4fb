"""Compare groups of articles (outlets, periods, camps): rates, distinctive words, predictability.

Three questions a framing study asks once it has more than one outlet:

* **How often does each outlet use each kind of loaded term?**
  :func:`group_rates` gives the rate per 1,000 words with a bootstrap
  confidence interval over articles, so two outlets can be told apart from
  two lucky samples; :func:`rate_difference` gives the difference between two
  outlets' rates with its own interval (overlapping intervals do not mean no
  difference); :func:`articles_for_width` says about how many articles each
  outlet needs for an interval of a chosen width.
* **Which words set an outlet apart, lexicon or not?**
  :func:`group_term_counts` and :func:`fightin_words` (Monroe, Colaresi &
  Quinn 2008) rank every word by a z-score of its log-odds ratio.
* **How much of an outlet's voice does the lexicon capture?**
  :func:`outlet_classifier` cross-validates a classifier that guesses the
  outlet from all words, or from the lexicon's hits only; the gap between the
  two is what the lexicon misses.

Every function is pure (tables in, tables out, nothing read or written) and
keeps the group in a column named ``group``, whatever its name in the
documents table.

References
----------
Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' Words: Lexical
Feature Selection and Evaluation for Identifying the Content of Political
Conflict. *Political Analysis*, 16(4), 372-403. doi:10.1093/pan/mpn018
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .lexicon import Lexicon
from .measures import (  # noqa: F401  (documented here too)
    RATE_COLUMNS,
    article_ids,
    articles_for_width,
    group_rates,
    groups_of,
    rate_difference,
)
from .tables import require_columns
from .tokenize import WORD_KINDS, tokenize
from .vocabulary import REMOVED_COLUMNS, VocabularyFilter

TERM_COUNT_COLUMNS = ("group", "feature", "surface", "n")
FIGHTIN_COLUMNS = ("feature", "surface", "n_a", "n_b", "alpha", "delta", "variance", "z")
FOLD_COLUMNS = (
    "fold", "n_train", "n_test", "accuracy", "macro_f1", "baseline_accuracy", "baseline_macro_f1",
)  # fmt: skip
TOP_FEATURE_COLUMNS = ("group", "rank", "feature", "surface", "weight")
#: Total pseudo-count α0 of the informative prior of :func:`fightin_words`.
DEFAULT_PRIOR_SCALE = 1000.0


def group_term_counts(
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    analyzer: Callable[[str], list[str]] | None = None,
    min_count: int = 1,
    vocabulary: VocabularyFilter | None = None,
) -> pd.DataFrame:
    """Count every word of every group: the input of :func:`fightin_words`.

    Parameters
    ----------
    documents : pandas.DataFrame
        ``text`` and the ``group`` column.
    group : str, optional
        Column to group by.
    analyzer : callable, optional
        ``text -> list of features``.  By default the package's tokenizer:
        normalized word tokens (:func:`analysis.tokenize.analyzer`), with
        clitics left on (والحكومة and الحكومة are two features), so words
        are counted as they are written.
    min_count : int, optional
        Drop features seen fewer times than this in the whole corpus (after
        the vocabulary filter).
    vocabulary : VocabularyFilter, optional
        Which words to leave out (:mod:`analysis.vocabulary`).  By default
        :meth:`VocabularyFilter.default`: the bundled Arabic stop words,
        words in fewer than 2 articles, and each group's boilerplate (words
        in half its articles and almost none of the others': its name,
        bylines).  ``VocabularyFilter.off()`` counts every word.

    Returns
    -------
    pandas.DataFrame
        :data:`TERM_COUNT_COLUMNS` in long format, one row per group and
        feature it uses (absent rows are zeros), by group then most frequent
        first.  ``surface`` is the feature's most frequent spelling in the
        corpus (for figures: a normalized الصحه is shown as الصحة); with a
        custom ``analyzer`` it is the feature itself.  ``attrs["removed"]``
        lists the features the vocabulary filter removed, and why
        (:data:`analysis.vocabulary.REMOVED_COLUMNS`).  A group's total, the
        n_i of :func:`fightin_words`, is its number of kept word tokens.
    """
    require_columns(documents.columns, ("text", group), "documents")
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count}")
    groups = groups_of(documents, group).tolist()
    usual: dict[str, str] = {}
    if analyzer is not None:
        docs = [list(analyzer(text)) for text in documents["text"]]
    else:
        docs, usual = _words_and_spellings(documents["text"])
    chosen = VocabularyFilter.default() if vocabulary is None else vocabulary
    docs, removed = chosen.apply(docs, groups)
    counts: Counter[tuple[str, str]] = Counter()
    for name, features in zip(groups, docs):
        counts.update((name, feature) for feature in features)
    table = pd.DataFrame([(g, f, n) for (g, f), n in counts.items()], columns=["group", "feature", "n"])
    if table.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="int64" if c == "n" else object) for c in TERM_COUNT_COLUMNS})
        empty.attrs["removed"] = removed
        return empty
    totals = table.groupby("feature")["n"].transform("sum")
    table = table[totals >= min_count]
    table = table.assign(surface=table["feature"].map(usual) if usual else table["feature"])
    table = table.astype({"n": "int64"}).sort_values(["group", "n", "feature"], ascending=[True, False, True])
    table = table[list(TERM_COUNT_COLUMNS)].reset_index(drop=True)
    table.attrs["removed"] = removed
    return table


def _words_and_spellings(texts: Sequence[str] | pd.Series) -> tuple[list[list[str]], dict[str, str]]:
    """Each text's normalized word tokens, and each such word's most frequent spelling as written.

    Parameters
    ----------
    texts : sequence of str
        Article texts.

    Returns
    -------
    docs : list of list of str
        Per text, its word tokens normalized (:func:`analysis.tokenize.analyzer`'s features).
    usual : dict
        Normalized word → its most frequent surface in ``texts`` (ties: the first in sort
        order), so that a reader sees الصحة and أمريكا, not the keys الصحه and امريكا.

    Examples
    --------
    >>> docs, usual = _words_and_spellings(["أمريكا والصحة", "امريكا أمريكا"])
    >>> docs
    [['امريكا', 'والصحه'], ['امريكا', 'امريكا']]
    >>> usual
    {'امريكا': 'أمريكا', 'والصحه': 'والصحة'}
    """
    spellings: Counter[tuple[str, str]] = Counter()
    docs: list[list[str]] = []
    for text in texts:
        tokens = tokenize(text)
        words = [i for i, kind in enumerate(tokens.kind) if kind in WORD_KINDS]
        docs.append([tokens.norm[i] for i in words])
        spellings.update((tokens.norm[i], tokens.surface(i)) for i in words)
    usual: dict[str, str] = {}
    for (norm, surface), _count in sorted(spellings.items(), key=lambda item: (item[0][0], -item[1], item[0][1])):
        usual.setdefault(norm, surface)
    return docs, usual


def fightin_words(
    counts: pd.DataFrame,
    group_a: str,
    group_b: str | Sequence[str] | None = None,
    *,
    prior: pd.Series | Mapping[str, float] | None = None,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
) -> pd.DataFrame:
    """Words that set group *a* apart from group *b*: log-odds ratio with an informative Dirichlet prior.

    The model-based estimator of Monroe, Colaresi & Quinn (2008; around their
    eqs. 16-20).  For word *w*, with y_wi its count in group *i*, n_i = Σ_w y_wi
    the group's total and α_w the Dirichlet prior, α0 = Σ_w α_w::

        δ̂_w  = log[(y_wi + α_w) / (n_i + α0 − y_wi − α_w)]
             − log[(y_wj + α_w) / (n_j + α0 − y_wj − α_w)]

        σ²(δ̂_w) ≈ 1 / (y_wi + α_w) + 1 / (y_wj + α_w)

        z_w = δ̂_w / √σ²(δ̂_w)

    with *i* = ``group_a`` and *j* = ``group_b``.  The informative prior
    shrinks every word toward its share of a background corpus:
    α_w = α0 · p_w / Σ_v p_v, with p the counts of the whole corpus (all
    groups of ``counts``) or ``prior``.  A word seen a few times, or in one
    group only, gets a small α_w, hence a large σ² and a small |z|: rare
    words do not top the list just for being rare.  ``z`` > 0 means *w* is
    more typical of ``group_a``; |z| > 1.96 is the paper's yardstick
    (model-based, and with thousands of words some pass it by chance).

    Parameters
    ----------
    counts : pandas.DataFrame
        From :func:`group_term_counts` (``group``, ``feature``, ``n``).
    group_a : str
        The group of interest.
    group_b : str or sequence of str, optional
        The group(s) to compare with, pooled; ``None`` compares ``group_a``
        with all other groups (one against the rest).
    prior : pandas.Series or mapping, optional
        Background counts p_w per feature (e.g. from a larger corpus);
        every feature of ``counts`` needs a positive count.  By default the
        counts of ``counts`` summed over all groups.
    prior_scale : float, optional
        α0, the prior's total pseudo-count: how many words of
        corpus-average text the prior is worth.  The default, 1,000, is
        about two to four news articles: enough to calm rare words, small
        next to an outlet's tens of thousands of words.  On a corpus of a
        few thousand words it shrinks δ̂ noticeably; a smaller value lets
        the data speak more (and rare words with it).

    Returns
    -------
    pandas.DataFrame
        :data:`FIGHTIN_COLUMNS`: ``n_a``, ``n_b`` the counts y_wi, y_wj,
        ``alpha`` = α_w, ``delta`` = δ̂_w, ``variance`` = σ², ``z``, and
        ``surface`` (the usual spelling, when ``counts`` has it); one row
        per feature used by *a* or *b*, highest ``z`` first.  ``attrs``
        holds ``group_a``, ``group_b`` (a list), ``n_a``, ``n_b`` (the
        totals) and ``prior_scale``.
    """
    require_columns(counts.columns, ("group", "feature", "n"), "counts")
    if not prior_scale > 0:
        raise ValueError(f"prior_scale must be > 0, got {prior_scale}")
    wide = counts.pivot_table(index="feature", columns="group", values="n", aggfunc="sum", fill_value=0)
    available = [str(g) for g in wide.columns]
    if group_a not in available:
        raise ValueError(f"group_a {group_a!r} not in counts; groups are {available}")
    if group_b is None:
        others = [g for g in available if g != group_a]
    else:
        others = [group_b] if isinstance(group_b, str) else list(group_b)
        unknown = [g for g in others if g not in available]
        if unknown:
            raise ValueError(f"group_b {unknown} not in counts; groups are {available}")
        if group_a in others:
            raise ValueError(f"group_a {group_a!r} is also in group_b")
    if not others:
        raise ValueError(f"nothing to compare {group_a!r} with: counts hold no other group")
    background = wide.sum(axis=1).astype(float)
    if prior is not None:
        given = pd.Series(prior, dtype=float)
        background = given.reindex(wide.index)
        missing = background.index[~(background > 0)]
        if len(missing):
            raise ValueError(
                f"prior has no positive count for {len(missing)} feature(s) of counts, e.g. {list(missing[:5])}; "
                "add the corpus counts to it"
            )
    alpha = prior_scale * background / background.sum()
    y_a = wide[group_a].astype(float)
    y_b = wide[others].sum(axis=1).astype(float)
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = np.log((y_a + alpha) / (n_a + prior_scale - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + prior_scale - y_b - alpha)
    )
    variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
    table = pd.DataFrame({
        "feature": wide.index.astype(str), "n_a": y_a.astype("int64").to_numpy(),
        "n_b": y_b.astype("int64").to_numpy(), "alpha": alpha.to_numpy(), "delta": delta.to_numpy(),
        "variance": variance.to_numpy(), "z": (delta / np.sqrt(variance)).to_numpy(),
    })  # fmt: skip
    surfaces = counts.drop_duplicates("feature").set_index("feature")["surface"] if "surface" in counts else None
    table.insert(1, "surface", table["feature"].map(surfaces) if surfaces is not None else table["feature"])
    table = table[(table["n_a"] + table["n_b"]) > 0]
    table = table.sort_values(["z", "feature"], ascending=[False, True], ignore_index=True)
    table.attrs.update(group_a=group_a, group_b=others, n_a=int(n_a), n_b=int(n_b), prior_scale=prior_scale)
    return table[list(FIGHTIN_COLUMNS)]


def fightin_words_all(
    counts: pd.DataFrame,
    *,
    prior: pd.Series | Mapping[str, float] | None = None,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
) -> pd.DataFrame:
    """Each group against all the others: :func:`fightin_words` for every group.

    Parameters
    ----------
    counts : pandas.DataFrame
        From :func:`group_term_counts`.
    prior, prior_scale
        As in :func:`fightin_words`.

    Returns
    -------
    pandas.DataFrame
        ``group`` then :data:`FIGHTIN_COLUMNS`; ``n_a`` counts the group,
        ``n_b`` all the others; groups sorted, highest ``z`` first within
        each.
    """
    require_columns(counts.columns, ("group",), "counts")
    tables = [
        fightin_words(counts, name, prior=prior, prior_scale=prior_scale).assign(group=name)
        for name in sorted(counts["group"].astype(str).unique())
    ]
    if not tables:
        return pd.DataFrame(columns=["group", *FIGHTIN_COLUMNS])
    table = pd.concat(tables, ignore_index=True)
    return table[["group", *FIGHTIN_COLUMNS]]


@dataclass
class ClassifierResult:
    """What :func:`outlet_classifier` found.

    Attributes
    ----------
    features : str
        ``"words"`` or ``"lexicon"``.
    folds : pandas.DataFrame
        :data:`FOLD_COLUMNS`, one row per cross-validation fold: the model's
        accuracy and macro-F1 on the held-out articles, and those of the
        majority-class baseline (the most frequent group of the training
        part, predicted for every held-out article).
    top_features : pandas.DataFrame
        :data:`TOP_FEATURE_COLUMNS`: for each group, the features with the
        largest positive weights toward it in a model fit on all articles.
        ``feature`` is the model's key (a word normalized: no diacritics,
        alef, yeh and teh marbuta folded; or a lexicon entry); ``surface`` is
        how a reader finds it in the articles: the word's most frequent
        spelling as written (a lexicon feature is its own surface).
    n_features : int
        Vocabulary size of the model fit on all articles.
    n_docs_without_features : int
        Articles with no feature at all (with ``"lexicon"``: no lexicon hit);
        the model can only guess their group from the class sizes.
    removed : pandas.DataFrame
        The words the vocabulary filter left out of the model fit on all
        articles, and why (:data:`analysis.vocabulary.REMOVED_COLUMNS`);
        empty for lexicon features.
    """

    features: str
    folds: pd.DataFrame
    top_features: pd.DataFrame
    n_features: int
    n_docs_without_features: int
    removed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(REMOVED_COLUMNS)))

    def summary(self) -> pd.DataFrame:
        """One row: mean (and standard deviation) over folds, next to the baseline.

        ``pd.concat([words.summary(), lexicon.summary()])`` puts two runs side by side.
        """
        folds = self.folds
        return pd.DataFrame([{
            "features": self.features, "n_features": self.n_features,
            "n_docs_without_features": self.n_docs_without_features, "folds": len(folds),
            "accuracy": folds["accuracy"].mean(), "accuracy_sd": folds["accuracy"].std(ddof=1),
            "macro_f1": folds["macro_f1"].mean(), "macro_f1_sd": folds["macro_f1"].std(ddof=1),
            "baseline_accuracy": folds["baseline_accuracy"].mean(),
            "baseline_macro_f1": folds["baseline_macro_f1"].mean(),
        }])  # fmt: skip


def _as_lexicons(lexicon_terms: Lexicon | Sequence[Lexicon] | None) -> list[Lexicon]:
    if lexicon_terms is None:
        from .lexicon import load_terms

        return [load_terms()]
    lexicons = [lexicon_terms] if isinstance(lexicon_terms, Lexicon) else list(lexicon_terms)
    kinds = [lexicon.kind for lexicon in lexicons]
    if not lexicons or len(set(kinds)) != len(kinds) or not set(kinds) <= {"actor", "term"}:
        raise ValueError(f"lexicon_terms must be one actor and/or one term lexicon, got kinds {kinds}")
    return lexicons


def _lexicon_features(documents: pd.DataFrame, lexicons: list[Lexicon]) -> list[list[str]]:
    """Each document as the list of lexicon entries it contains, one item per hit."""
    from .pipeline import FramingCounter

    by_kind = {lexicon.kind: lexicon for lexicon in lexicons}
    none = {kind: Lexicon(kind, [], pd.DataFrame()) for kind in ("actor", "term")}
    counter = FramingCounter(by_kind.get("actor", none["actor"]), by_kind.get("term", none["term"]))
    # Positions as ids: the hits only need to find their way back to the row.
    ids = [str(i) for i in range(len(documents))]
    hits = counter.count(pd.DataFrame({"doc_id": ids, "text": documents["text"].to_numpy()})).hits
    # The label, not the surface: a clitic or suffixed spelling (والمليشيات)
    # counts as its entry, and an actor's aliases as the actor, exactly as the
    # framing counts do.
    per_doc = hits.groupby("doc_id")["label"].agg(list)
    return [list(per_doc.get(doc_id, [])) for doc_id in ids]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _folds(documents: pd.DataFrame, labels: np.ndarray, cv: int, seed: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds; paragraphs of one article (the ``article`` column) stay in one fold."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    articles = article_ids(documents).to_numpy()
    if len(set(articles)) < len(articles):  # a paragraph would otherwise be tested on its own article
        grouped = StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=seed)
        return grouped.split(np.zeros(len(labels)), labels, articles)
    return StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed).split(np.zeros(len(labels)), labels)


def outlet_classifier(
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    cv: int = 5,
    seed: int = 0,
    features: str = "words",
    lexicon_terms: Lexicon | Sequence[Lexicon] | None = None,
    top: int = 15,
    vocabulary: VocabularyFilter | None = None,
) -> ClassifierResult:
    """How well the outlet can be guessed from an article: all words vs the lexicon only.

    A logistic regression (L2, C = 1, classes weighted inversely to their
    size so that a large outlet is not guessed by default) on TF-IDF
    features, evaluated by stratified *k*-fold cross-validation (shuffled,
    seeded; the vectorizer is fit on the training part of each fold only).
    Reported per fold: accuracy, macro-F1 (the mean of the per-class F1, so
    a small outlet counts as much as a large one), and the same for the
    majority-class baseline.

    * ``features="words"``: every word token of the package tokenizer
      (normalized, :func:`analysis.tokenize.analyzer`).
    * ``features="lexicon"``: only what the lexicon finds: each article
      becomes the bag of lexicon entries matched in it by
      :class:`analysis.pipeline.FramingCounter` (clitics, wildcards,
      multi-word entries and longest match as in the framing counts; a
      term's feature is the term as written, an actor's its name).

    An article with no feature known to the model (with ``"lexicon"``: no
    hit) is given the baseline's guess, as is every article of a fold whose
    training part has no feature at all, so a lexicon that finds nothing
    scores the baseline, not less.

    Same folds (same ``seed``), same model: accuracy well above the
    baseline with words but near it with the lexicon says the outlets differ
    in ways the lexicon does not record — read ``top_features`` of the
    words model to see which.  With a few dozen articles the fold-to-fold
    spread is large; read the standard deviation before the mean.

    Parameters
    ----------
    documents : pandas.DataFrame
        ``text`` and the ``group`` column.
    group : str, optional
        The column to predict.
    cv : int, optional
        Number of folds; every group needs at least ``cv`` articles.
    seed : int, optional
        Seed of the fold shuffling (the model itself is deterministic).
    features : {"words", "lexicon"}, optional
        See above.
    lexicon_terms : Lexicon or sequence of Lexicon, optional
        For ``"lexicon"``: the lexicon(s) whose hits are the features, at
        most one term and one actor lexicon; the bundled loaded terms by
        default.
    top : int, optional
        Features listed per group in ``top_features``.
    vocabulary : VocabularyFilter, optional
        With ``"words"``: the words left out (:mod:`analysis.vocabulary`);
        by default :meth:`VocabularyFilter.default` (stop words, words in
        fewer than 2 articles, outlet boilerplate), chosen on the training
        articles of each fold only, so the held-out articles never shape
        the vocabulary.  ``VocabularyFilter.off()`` keeps every word.
        Lexicon features are never filtered.

    Returns
    -------
    ClassifierResult

    Raises
    ------
    ValueError
        If a group has fewer than ``cv`` articles (the group is named), there
        are fewer than two groups, or no article has any feature.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    require_columns(documents.columns, ("text", group), "documents")
    if features not in ("words", "lexicon"):
        raise ValueError(f"features must be 'words' or 'lexicon', got {features!r}")
    if cv < 2:
        raise ValueError(f"cv must be >= 2, got {cv}")
    labels = groups_of(documents, group).to_numpy()
    sizes = pd.Series(labels).value_counts()
    if len(sizes) < 2:
        raise ValueError(f"need at least two groups in {group!r} to classify, got {list(sizes.index)}")
    small = sizes[sizes < cv]
    if len(small):
        named = ", ".join(f"{name!r} has {n}" for name, n in small.items())
        raise ValueError(
            f"every group needs at least cv={cv} articles for {cv}-fold cross-validation: {named}; "
            f"lower cv or leave the group out"
        )
    usual: dict[str, str] = {}
    if features == "words":
        docs, usual = _words_and_spellings(documents["text"])
    else:
        docs = _lexicon_features(documents, _as_lexicons(lexicon_terms))
    without = sum(1 for tokens in docs if not tokens)
    if without == len(docs):
        raise ValueError(f"no article has any {features} feature: nothing to classify on")

    chosen = (VocabularyFilter.default() if vocabulary is None else vocabulary) if features == "words" else None
    removed = pd.DataFrame(columns=list(REMOVED_COLUMNS))

    def fit(train: list[int]) -> tuple[TfidfVectorizer, LogisticRegression] | None:
        nonlocal removed
        train_docs = [docs[i] for i in train]
        if chosen is not None:
            train_docs, removed = chosen.apply(train_docs, labels[train].tolist())
        if not any(train_docs):  # nothing to learn from: the fold is all baseline
            return None
        # The vectorizer's vocabulary is what the filter kept, so held-out articles lose the same words.
        vectorizer = TfidfVectorizer(analyzer=_identity)
        matrix = vectorizer.fit_transform(train_docs)
        model = LogisticRegression(class_weight="balanced", max_iter=5000)
        return vectorizer, model.fit(matrix, labels[train])

    rows = [
        _fold_scores(fold, train, test, labels, fit(list(train)), docs)
        for fold, (train, test) in enumerate(_folds(documents, labels, cv, seed), start=1)
    ]
    vectorizer, model = fit(list(range(len(docs))))  # type: ignore[misc]  # some article has a feature
    feature_names = vectorizer.get_feature_names_out()
    return ClassifierResult(
        features=features,
        folds=pd.DataFrame(rows, columns=list(FOLD_COLUMNS)),
        top_features=_top_features(model, feature_names, top, usual),
        n_features=len(feature_names),
        n_docs_without_features=without,
        removed=removed,
    )


def _fold_scores(fold: int, train: np.ndarray, test: np.ndarray, labels: np.ndarray, fitted, docs: list) -> tuple:
    """One row of :data:`FOLD_COLUMNS`: the model and the majority baseline on the held-out articles."""
    from sklearn.dummy import DummyClassifier
    from sklearn.metrics import accuracy_score, f1_score

    baseline = DummyClassifier(strategy="most_frequent").fit(train.reshape(-1, 1), labels[train])
    guessed = baseline.predict(test.reshape(-1, 1))
    if fitted is None:
        predicted = guessed
    else:
        vectorizer, model = fitted
        matrix = vectorizer.transform([docs[i] for i in test])
        # An article with no feature the model knows gets the baseline's guess:
        # with balanced class weights the intercepts alone would pick a small
        # group, and a lexicon that finds nothing would score below "no model".
        blank = np.diff(matrix.indptr) == 0
        predicted = np.where(blank, guessed, model.predict(matrix))
    truth = labels[test]
    return (
        fold, len(train), len(test), accuracy_score(truth, predicted),
        f1_score(truth, predicted, average="macro", zero_division=0), accuracy_score(truth, guessed),
        f1_score(truth, guessed, average="macro", zero_division=0),
    )  # fmt: skip


def _top_features(model, feature_names: np.ndarray, top: int, usual: Mapping[str, str]) -> pd.DataFrame:
    """For each group, the features with the largest positive weights toward it, each with its usual spelling.

    ``usual`` maps a normalized word to its most frequent spelling in the articles; a feature it
    lacks (a lexicon entry or actor name, already as written) is its own surface.
    """
    # A two-class model has one row of weights, toward the second class; the
    # first class's weights are its negation.
    weights = model.coef_ if len(model.classes_) > 2 else np.vstack([-model.coef_[0], model.coef_[0]])
    rows = []
    for name, row in zip(model.classes_, weights):
        order = np.argsort(-row, kind="stable")[:top]
        rows += [
            (name, rank, feature_names[j], usual.get(feature_names[j], feature_names[j]), row[j])
            for rank, j in enumerate(order, start=1)
            if row[j] > 0
        ]
    return pd.DataFrame(rows, columns=list(TOP_FEATURE_COLUMNS))

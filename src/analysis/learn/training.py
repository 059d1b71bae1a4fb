"""Train a tagger from span annotations: features, the linear models, the model card.

:func:`prepare` analyses every annotated paragraph once (tokens, quoted speech,
dictionary hits, labels) and builds one sparse matrix of all features;
:func:`fit_linear` fits the two logistic regressions on any subset of paragraphs,
keeping only features seen at least ``min_count`` times *in that subset* (so a
test fold never chooses features); :func:`train_tagger` chooses the regularisation
and the threshold by grouped cross-validation on the training data only, fits on
all of it and returns a :class:`~analysis.learn.model.Tagger` with its card.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from .. import __version__
from ..pipeline import FramingCounter
from .distributional import RESOURCE_PATH, WordFeatures, default_word_features
from .features import TYPE_BLOCKS, TypeFeaturizer, WordTokens, word_tokens
from .model import Tagger
from .spans import LABELS, Annotations, read_training_annotations, token_labels

if TYPE_CHECKING:
    import pandas as pd

#: Regularisation strengths tried for the *loaded* model (inverse L2 strength).
C_GRID: tuple[float, ...] = (0.03, 0.1, 0.3)
#: Fixed regularisation of the Name Calling model (not tuned).
LABEL_C = 0.3
MIN_COUNT = 2
THRESHOLDS: np.ndarray = np.asarray(np.round(np.r_[0.01, 0.02, 0.03, np.arange(0.04, 0.61, 0.02)], 2))


@dataclass
class Prepared:
    """Annotated paragraphs analysed once: tokens, labels and the feature matrix.

    Attributes
    ----------
    annotations : Annotations
    docs : list of WordTokens
    matrix : scipy.sparse.csr_matrix
        One row per word token of all paragraphs, in order.
    names : list of str
        Column names of ``matrix``.
    inside, name_calling : numpy.ndarray of bool
        Token labels.
    doc_of_token : numpy.ndarray
        Paragraph number of each row.
    """

    annotations: Annotations
    docs: list[WordTokens]
    matrix: sparse.csr_matrix
    names: list[str]
    inside: np.ndarray
    name_calling: np.ndarray
    doc_of_token: np.ndarray
    featurizer: TypeFeaturizer = field(repr=False)

    @property
    def articles(self) -> np.ndarray:
        """Article of each paragraph (the grouping of cross-validation)."""
        return self.annotations.documents["article"].to_numpy()

    def rows(self, doc_numbers: np.ndarray) -> np.ndarray:
        """Matrix rows of the word tokens of these paragraphs."""
        return np.flatnonzero(np.isin(self.doc_of_token, doc_numbers))


class _MatrixBuilder:
    """Rows of the feature matrix, from per-(type, block) columns computed once."""

    def __init__(self, featurizer: TypeFeaturizer):
        self.featurizer = featurizer
        self.index: dict[str, int] = {}
        self._cache: dict[tuple[str, str], tuple[list[int], list[float]]] = {}

    def _columns(self, features: dict[str, float]) -> tuple[list[int], list[float]]:
        index = self.index
        return [index.setdefault(name, len(index)) for name in features], list(features.values())

    def add(self, doc: WordTokens, indices: list, values: list, indptr: list) -> None:
        """Append the CSR columns and values of ``doc``'s word tokens."""
        for i in range(len(doc)):
            for block in TYPE_BLOCKS:
                key = (doc.neighbours[block][i], block)
                found = self._cache.get(key)
                if found is None:
                    found = self._cache[key] = self._columns(self.featurizer.features(*key))
                indices.extend(found[0])
                values.extend(found[1])
            columns, own = self._columns(doc.token_features[i])
            indices.extend(columns)
            values.extend(own)
            indptr.append(len(indices))


def prepare(
    annotations: Annotations, *, words: WordFeatures | None = None, counter: FramingCounter | None = None
) -> Prepared:
    """Analyse every annotated paragraph and build the feature matrix.

    Parameters
    ----------
    annotations : Annotations
        From :func:`analysis.learn.spans.read_training_annotations`.
    words : WordFeatures, optional
        The distributional resource (the shipped one by default).
    counter : FramingCounter, optional
        Tokenizer, quoted speech and dictionary (the bundled lexicons by default).

    Returns
    -------
    Prepared
    """
    counter = (counter or FramingCounter()).compile()
    featurizer = TypeFeaturizer(words or default_word_features())
    builder = _MatrixBuilder(featurizer)
    docs, inside, name_calling, doc_of_token = [], [], [], []
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for number, (doc_id, text) in enumerate(annotations.documents[["doc_id", "text"]].itertuples(index=False)):
        doc = word_tokens(counter, doc_id, text)
        docs.append(doc)
        labels = token_labels(doc, annotations.spans_of(doc_id))
        inside.append(labels[0])
        name_calling.append(labels[1])
        doc_of_token.append(np.full(len(doc), number))
        builder.add(doc, indices, values, indptr)
    names = sorted(builder.index, key=builder.index.__getitem__)
    matrix = sparse.csr_matrix((values, indices, indptr), shape=(len(indptr) - 1, len(names)))
    matrix.sum_duplicates()
    return Prepared(annotations, docs, matrix, names, np.concatenate(inside), np.concatenate(name_calling),
                    np.concatenate(doc_of_token), featurizer)  # fmt: skip


@dataclass
class LinearFit:
    """The two fitted logistic regressions, over a subset of the columns."""

    columns: np.ndarray
    loaded: Any
    name_calling: Any

    def predict(self, matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities of *loaded* and of *Name Calling* for rows of the full matrix."""
        x = matrix[:, self.columns]
        return self.loaded.predict_proba(x)[:, 1], self.name_calling.predict_proba(x)[:, 1]


def fit_linear(
    prepared: Prepared, rows: np.ndarray, *, C: float, seed: int = 0, positive_weight: float = 1.0,
    sample_weight: np.ndarray | None = None,
) -> LinearFit:  # fmt: skip
    """Fit both logistic regressions on some rows (features counted on those rows only).

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    rows : numpy.ndarray
        Training rows of ``prepared.matrix``.
    C : float
        Inverse L2 regularisation of the *loaded* model.
    seed : int, optional
        Random state of the solver.
    positive_weight : float, optional
        Class weight of the loaded tokens in the *loaded* model (the others weigh 1).
    sample_weight : numpy.ndarray, optional
        A weight per row of ``rows`` in the *loaded* model's loss (times the class weight);
        for example :func:`paragraph_weights`.

    Returns
    -------
    LinearFit
    """
    from sklearn.linear_model import LogisticRegression

    x = prepared.matrix[rows]
    columns = np.flatnonzero(np.asarray((x != 0).sum(axis=0)).ravel() >= MIN_COUNT)
    x = x[:, columns]
    y = prepared.inside[rows]
    weights = None if positive_weight == 1.0 else {False: 1.0, True: positive_weight}
    loaded = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=seed, class_weight=weights)
    loaded.fit(x, y, sample_weight=sample_weight)
    flagged = np.flatnonzero(y)
    y_nc = prepared.name_calling[rows][flagged]
    if len(np.unique(y_nc)) < 2:  # no Name Calling (or only) among the loaded tokens: a constant model
        name_calling: Any = _Constant(x.shape[1], float(y_nc.mean()) if len(y_nc) else 0.0)
    else:
        name_calling = LogisticRegression(C=LABEL_C, solver="liblinear", max_iter=1000, random_state=seed)
        name_calling.fit(x[flagged], y_nc)
    return LinearFit(columns, loaded, name_calling)


def paragraph_weights(prepared: Prepared, rows: np.ndarray, power: float = 0.5) -> np.ndarray:
    """A weight per row: ``n_tokens(paragraph) ** -power``, scaled to mean 1 over ``rows``.

    With ``power`` 1 every paragraph weighs the same in the loss; with 0.5 a long paragraph
    still counts more than a short one, but less than in proportion to its words.

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    rows : numpy.ndarray
        Rows of ``prepared.matrix``.
    power : float, optional
        Exponent of the paragraph length.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> fake = SimpleNamespace(doc_of_token=np.array([0, 0, 0, 0, 1]))
    >>> paragraph_weights(fake, np.arange(5), power=1.0).round(3).tolist()  # 4 words of 1/4, one of 1
    [0.625, 0.625, 0.625, 0.625, 2.5]
    """
    docs = prepared.doc_of_token[rows]
    _, inverse, counts = np.unique(docs, return_inverse=True, return_counts=True)
    weight = counts[inverse].astype(float) ** -power
    return weight / weight.mean()


class _Constant:
    """A logistic model with no weights and the (clipped) base rate as its probability."""

    def __init__(self, n_features: int, rate: float):
        rate = min(max(rate, 1e-3), 1 - 1e-3)
        self.coef_ = np.zeros((1, n_features))
        self.intercept_ = np.array([np.log(rate / (1 - rate))])

    def predict_proba(self, x: sparse.csr_matrix) -> np.ndarray:
        """``[1 - p, p]`` for every row."""
        p = 1.0 / (1.0 + np.exp(-self.intercept_[0]))
        return np.tile([1 - p, p], (x.shape[0], 1))


def best_threshold(probability: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The threshold of :data:`THRESHOLDS` with the best token F1 (the lowest on ties).

    Parameters
    ----------
    probability : numpy.ndarray
        Predicted probabilities.
    truth : numpy.ndarray of bool
        Labels.

    Returns
    -------
    threshold, f1 : float, float
    """
    best: tuple[float, float] = (0.0, float(THRESHOLDS[0]))
    for threshold in THRESHOLDS:
        flagged = probability >= threshold
        tp = float(np.sum(flagged & truth))
        f1 = 2 * tp / max(1.0, flagged.sum() + truth.sum())
        if f1 > best[0] + 1e-12:
            best = (f1, float(threshold))
    return best[1], best[0]


def select_by_inner_cv(
    prepared: Prepared, docs: np.ndarray, predict: Callable, grid: Sequence, *, n_splits: int = 3
) -> dict:
    """Choose a hyperparameter and the threshold by grouped cross-validation within ``docs`` only.

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    docs : numpy.ndarray
        Paragraph numbers available for training (a test fold is never among them).
    predict : callable
        ``predict(train_docs, test_docs, param) -> (loaded, name_calling)`` for the
        rows of ``test_docs``.
    grid : sequence
        Hyperparameter values tried.
    n_splits : int, optional
        Inner folds, grouped by article.

    Returns
    -------
    dict
        ``param`` (the best; the first on ties), ``threshold`` and the inner token ``f1`` of each value.
    """
    from sklearn.model_selection import GroupKFold

    rows = prepared.rows(docs)
    scores = []
    for param in grid:
        probability = np.zeros(len(prepared.inside))
        for train, test in GroupKFold(n_splits=n_splits).split(docs, groups=prepared.articles[docs]):
            probability[prepared.rows(docs[test])] = predict(docs[train], docs[test], param)[0]
        scores.append(best_threshold(probability[rows], prepared.inside[rows]))
    best = max(range(len(grid)), key=lambda k: (scores[k][1], -k))
    return {"param": grid[best], "threshold": scores[best][0],
            "inner_f1": {str(g): round(s[1], 4) for g, s in zip(grid, scores)}}  # fmt: skip


def linear_predictor(prepared: Prepared, seed: int = 0) -> Callable:
    """``predict(train_docs, test_docs, C)`` for :func:`select_by_inner_cv` (the logistic design)."""

    def predict(train: np.ndarray, test: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
        """Fit on paragraphs ``train``, predict the rows of paragraphs ``test``."""
        fit = fit_linear(prepared, prepared.rows(train), C=C, seed=seed)
        return fit.predict(prepared.matrix[prepared.rows(test)])

    return predict


#: The design of the shipped default model, and what :func:`train_tagger` and ``framing train`` train
#: unless told otherwise: the logistic model, two window networks and a linear-chain CRF mixed, over the
#: word-proxy look-up (chosen by a pre-registered nested evaluation, 2026-12-01:
#: ``data/validation/tagger_2026-12-01/``).
SHIPPED_DESIGN = "mixed_crf_proxies"


def train_tagger(
    annotations_path_or_frame: str | Path | pd.DataFrame, *, seed: int = 0, date: str = "",
    cross_validate: bool = False, n_splits: int = 5, counter: FramingCounter | None = None,
    design: str = SHIPPED_DESIGN,
) -> Tagger:  # fmt: skip
    """Train a design (by default :data:`SHIPPED_DESIGN`) from span annotations.

    ``C``, the network's weight, the smoothing and the threshold are chosen by grouped
    3-fold cross-validation on the given data (:func:`analysis.learn.mixed.choose_mix`);
    the final models are fitted on all of it.

    Parameters
    ----------
    annotations_path_or_frame : str, Path or pandas.DataFrame
        ArMPro-style JSON Lines (see :func:`analysis.learn.spans.read_training_annotations`).
    seed : int, optional
        Random state: the same seed and data give a byte-identical saved model.
    date : str, optional
        Written into the model card (a parameter, never the clock).
    cross_validate : bool, optional
        Also run the outer grouped cross-validation (:mod:`analysis.learn.validation`)
        and write its scores into the card (a few minutes).
    n_splits : int, optional
        Outer folds when ``cross_validate``.
    counter : FramingCounter, optional
        Lexicons for the dictionary features (the bundled ones by default).
    design : {"mixed_crf_proxies", "mixed", "mixed_crf", "mixed-stems", "mixed-proxies"}, optional
        ``mixed`` mixes the logistic model with a window network; ``mixed_crf`` also mixes in a
        linear-chain CRF (its weight chosen with the others; :mod:`analysis.learn.mixed`);
        ``mixed-stems`` and ``mixed-proxies`` are ``mixed`` over another word-row look-up, and
        ``mixed_crf_proxies`` (shipped) is ``mixed_crf`` over the proxies look-up
        (:func:`analysis.learn.validation.design_inputs`), which the model records.

    Returns
    -------
    Tagger

    Raises
    ------
    FramingInputError
        For bad annotations (see :func:`~analysis.learn.spans.read_training_annotations`).
    ValueError
        For a design that is not the mixed one.
    """
    from threadpoolctl import threadpool_limits

    from .mixed import MIXED_DESIGNS
    from .validation import design_inputs

    model_design, inputs = design_inputs(design)
    if model_design not in MIXED_DESIGNS:
        raise ValueError(f"only the mixed designs are trained into a Tagger, not {design!r}")
    annotations = read_training_annotations(annotations_path_or_frame)
    # One BLAS thread: the networks' sums would otherwise be added in an order that depends on the
    # machine's thread count, and the same seed would not give the same model everywhere. The limit
    # covers only the libraries loaded when it is set: scikit-learn's import loads SciPy's OpenBLAS and
    # OpenMP, which a first training in a process would otherwise run on every core (a second one then
    # gave weights 2e-14 apart).
    import sklearn.linear_model  # noqa: F401

    with threadpool_limits(limits=1):
        return _train(annotations, seed=seed, date=date, cross_validate=cross_validate, n_splits=n_splits,
                      counter=counter, design=design, model_design=model_design, inputs=inputs)  # fmt: skip


def _train(annotations: Annotations, *, seed: int, date: str, cross_validate: bool, n_splits: int,
           counter: FramingCounter | None, design: str, model_design: str, inputs: str) -> Tagger:  # fmt: skip
    """:func:`train_tagger` on read annotations (under its thread limit)."""
    from .distributional import word_features_for
    from .mixed import choose_mix, fit_components

    prepared = prepare(annotations, counter=counter, words=word_features_for(inputs))
    docs = np.arange(len(prepared.docs))
    chosen = choose_mix(prepared, docs, seed=seed, design=model_design)
    c_value, mix, smoothing = chosen["param"][:3]
    crf_mix = chosen["param"][3] if len(chosen["param"]) > 3 else 0.0
    fitted = fit_components(prepared, docs, (c_value,), seed, design=model_design, crf=bool(crf_mix))
    fit = fitted.linear[c_value]
    names, weights, crf = _linear_and_crf_weights(prepared, fit, fitted.crf, crf_mix)
    intercepts = (float(fit.loaded.intercept_[0]), float(fit.name_calling.intercept_[0]))
    scores = None
    if cross_validate:
        from .validation import cross_validate_design, summary

        scores = summary(cross_validate_design(prepared, design, n_splits=n_splits, seed=seed), prepared)
    card = model_card(prepared, chosen, seed=seed, date=date, n_features=len(names), scores=scores,
                      counter=counter)  # fmt: skip
    return Tagger(names, weights, intercepts, chosen["threshold"], card=card, words=prepared.featurizer.words,
                  counter=counter, net=fitted.net if mix else None, loadedness=fitted.loadedness, mix=mix,
                  smoothing=smoothing, crf=crf)  # fmt: skip


def _linear_and_crf_weights(prepared: Prepared, fit: LinearFit, crf: object | None, crf_mix: float) -> tuple:
    """Feature names, ``(n, 2)`` logistic weights and the CRF's ``(state, transitions, weight)`` (or ``None``).

    With a CRF the names are those of the logistic model followed by the CRF's other
    attributes (in the order of the training matrix's columns), each model's weights zero
    where it has none.
    """
    columns = fit.columns
    if crf is not None:
        known = set(prepared.names)
        attributes = {name for name, _ in crf.state_features_ if name in known}  # type: ignore[attr-defined]
        kept = set(prepared.names[c] for c in columns)
        extra = [c for c, name in enumerate(prepared.names) if name in attributes and name not in kept]
        columns = np.r_[columns, np.asarray(extra, dtype=np.int64)]
    names = [prepared.names[c] for c in columns]
    weights = np.zeros((len(names), 2))
    weights[: len(fit.columns)] = np.column_stack([fit.loaded.coef_.ravel(), fit.name_calling.coef_.ravel()])
    if crf is None:
        return names, weights, None
    from .crf import crf_weights

    state, transitions, labels = crf_weights(crf, names)
    if labels != ("O", "LL", "NC"):  # a technique never seen: the CRF cannot score it, leave it out
        return names[: len(fit.columns)], weights[: len(fit.columns)], None
    return names, weights, (state, transitions, crf_mix)


def lexicon_provenance(counter: FramingCounter | None) -> dict:
    """The lexicons whose hits the model's dictionary features used: file name and SHA-256 of each.

    The card records what the training counter actually read (for the default model, its
    frozen copies), not whatever ``data/lexicons/`` holds at training time.

    >>> sorted(lexicon_provenance(None))
    ['actors', 'terms']
    """
    settings = (counter or FramingCounter()).settings
    return {
        name: {"file": Path(lexicon.path).name if lexicon.path else lexicon.origin, "sha256": lexicon.sha256}
        for name, lexicon in (("actors", settings.actors), ("terms", settings.terms))
    }


def model_card(
    prepared: Prepared,
    chosen: dict,
    *,
    seed: int,
    date: str,
    n_features: int,
    scores: dict | None,
    counter: FramingCounter | None = None,
) -> dict:
    """The model card: data and licence, features, choices, scores, versions, hashes.

    Parameters
    ----------
    prepared : Prepared
        The training data.
    chosen : dict
        Hyperparameters chosen by :func:`analysis.learn.mixed.choose_mix` (``param`` is ``(C, w, s)``
        or ``(C, w, s, u)``).
    seed : int
        Random state.
    date : str
        The training date, as given.
    n_features : int
        Features kept.
    scores : dict or None
        Grouped cross-validation summary.
    counter : FramingCounter, optional
        The counter whose lexicons gave the dictionary features (the bundled ones by default).

    Returns
    -------
    dict
    """
    import sklearn

    from .dense import K_NEIGHBOURS
    from .mixed import MIX_C, MIX_WEIGHTS, SMOOTHING
    from .window import ALPHA, HIDDEN

    annotations = prepared.annotations
    card = {
        "model": "analysis.learn Tagger: logistic regression (liblinear, L2) over per-type and per-token "
                 "features, loaded vs not, mixed with a one-hidden-layer network (64 ReLU units) over the "
                 "distributional vectors and neighbour loadedness of words i-2..i+2 and the token flags, then "
                 "smoothed with the adjacent words; a second logistic regression for Name Calling vs Loaded Language",
        "package_version": __version__, "scikit_learn_version": sklearn.__version__,
        "python": platform.python_version(), "date": date, "seed": seed,
        "training_data": {
            "source": Path(annotations.source).name, "sha256": annotations.sha256,
            "paragraphs": len(prepared.docs), "articles": int(len(set(prepared.articles))),
            "spans": len(annotations.spans), "techniques": list(LABELS),
            "word_tokens": int(len(prepared.inside)), "loaded_word_tokens": int(prepared.inside.sum()),
            "licence": "CC BY-NC-SA 4.0 (ArMPro, Hasanain, Ahmad & Alam 2024): non-commercial research use only; "
                       "this model is a derivative shared under the same licence",
        },
        "word_features": {"file": RESOURCE_PATH.name, "sha256": prepared.featurizer.words.sha256,
                          "licence": "CC BY-NC-SA 4.0 (derived from SaudiNewsNet)"},
        "lexicons": lexicon_provenance(counter),
        "features": "normalized word, clitic-stripped core, prefixes/suffixes, char 3-4-grams of the core, shape, "
                    "PPMI-SVD vector and KMeans clusters (64/256/1024) of the word; word, core and clusters of "
                    "words at -1/+1, core and 256-cluster at -2/+2 (within the sentence); quoted speech, sentence "
                    "position, dictionary term hit and category, next to a term hit, actor mention",
        "n_features": n_features, "min_count": MIN_COUNT,
        "hyperparameters": {"C_grid": list(MIX_C), "network_weight_grid": list(MIX_WEIGHTS),
                            "smoothing_grid": list(SMOOTHING), "label_C": LABEL_C, "C": chosen["param"][0],
                            "network_weight": chosen["param"][1], "smoothing": chosen["param"][2],
                            "network": {"hidden": HIDDEN, "alpha": ALPHA, "neighbours_k": K_NEIGHBOURS},
                            "threshold": chosen["threshold"], "inner_f1": chosen["inner_f1"],
                            "selection": "grouped 3-fold CV by article on the training data, best token F1"},
        "grouped_cv": scores,
    }  # fmt: skip
    if len(chosen["param"]) > 3:  # the mixed_crf design
        from .mixed import CRF_PARAM, CRF_WEIGHTS, DESIGN_OPTIONS

        card["model"] += ("; design mixed_crf: loaded tokens weighted 3 in the logistic loss, two networks (seeds "
                          "seed, seed + 1) merged by averaging their logits (128 hidden units), and a linear-chain "
                          "CRF (sklearn-crfsuite, L-BFGS) over the same features, labels O/LL/NC, whose marginal "
                          "1 - P(O) is mixed in before the smoothing")  # fmt: skip
        card["hyperparameters"].update({"design": "mixed_crf", **DESIGN_OPTIONS["mixed_crf"],
                                        "crf_weight": chosen["param"][3], "crf_weight_grid": list(CRF_WEIGHTS),
                                        "crf_c1_c2": list(CRF_PARAM)})  # fmt: skip
    return card

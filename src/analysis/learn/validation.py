"""Honest validation: cross-validation grouped by article, nested selection, intervals.

:func:`cross_validate_design` splits the annotated paragraphs into folds with
:class:`sklearn.model_selection.GroupKFold`, grouped by article (the paragraph id up
to its last ``_``), so the paragraphs of one article are never split between
training and test.  In each outer fold the design's hyperparameter and the
threshold are chosen by an inner grouped cross-validation on the training folds
only (:func:`analysis.learn.training.select_by_inner_cv`); the test fold is
predicted once.  :func:`summary` then scores the out-of-fold predictions:

* tokens — a word token is positive when it is inside any Loaded Language or Name
  Calling span; precision, recall and F1 (and per technique, with the predicted label);
* spans — predicted runs of flagged tokens against annotated spans, with partial
  overlap credit (:func:`analysis.learn.spans.overlap_credit`);
* the dictionary (the lexicon's term hits, :class:`analysis.pipeline.FramingCounter`),
  the model, and their union, side by side;
* calibration of the token probabilities (reliability bins, expected calibration
  error, Brier score) and the expected against the annotated number of loaded words;
* 95 % percentile intervals from a bootstrap over articles (1,000 resamples).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .mixed import MIXED_DESIGNS, choose_mix, mixed_predict
from .spans import LABELS, LOADED, NAME_CALLING, decode_spans, overlap_credit
from .training import C_GRID, Prepared, linear_predictor, select_by_inner_cv

#: A mixed design over another word-row look-up (:data:`~analysis.learn.distributional.INPUTS`): the model
#: design and the look-up of each name (``mixed_crf_proxies``: ``mixed_crf`` over the proxies, every component).
INPUT_DESIGN_PARTS: dict[str, tuple[str, str]] = {
    "mixed-stems": ("mixed", "stems"),
    "mixed-proxies": ("mixed", "proxies"),
    "mixed_crf_proxies": ("mixed_crf", "proxies"),
}
INPUT_DESIGNS = tuple(INPUT_DESIGN_PARTS)
DESIGNS = ("logistic", "crf", "ensemble", *MIXED_DESIGNS, *INPUT_DESIGNS)
_COUNT_NAMES = ("tp", "fp", "fn", "p_credit", "n_pred", "r_credit", "n_gold")


@dataclass
class CVResult:
    """Out-of-fold predictions of one design.

    Attributes
    ----------
    design : str
        ``logistic`` or ``crf``.
    loaded, name_calling : numpy.ndarray
        Out-of-fold probabilities per word token (rows of ``Prepared.matrix``).
    threshold : numpy.ndarray
        The threshold chosen (on inner folds) for each token's fold.
    folds : list of dict
        Per outer fold: test articles and paragraphs, the chosen hyperparameter,
        threshold and inner F1 scores.
    """

    design: str
    loaded: np.ndarray
    name_calling: np.ndarray
    threshold: np.ndarray
    folds: list[dict] = field(default_factory=list)


def cross_validate_design(
    prepared: Prepared, design: str = "logistic", *, n_splits: int = 5, inner_splits: int = 3, seed: int = 0
) -> CVResult:
    """Nested, article-grouped cross-validation of one design.

    Parameters
    ----------
    prepared : Prepared
        The analysed annotations (:func:`analysis.learn.training.prepare`).
    design : {"logistic", "crf", "ensemble", "mixed", "mixed_crf", "mixed-stems", "mixed-proxies", "mixed_crf_proxies"}
        The model (``mixed`` is the shipped one, ``mixed_crf`` adds the CRF: :mod:`analysis.learn.mixed`;
        ``mixed-<inputs>`` is ``mixed`` over another word-row look-up, and ``prepared`` must have
        been made with it).
    n_splits, inner_splits : int, optional
        Outer and inner folds.
    seed : int, optional
        Random state of the solvers.

    Returns
    -------
    CVResult
    """
    from sklearn.model_selection import GroupKFold

    if design not in DESIGNS:
        raise ValueError(f"design must be one of {DESIGNS}, not {design!r}")
    name, (design, inputs) = design, design_inputs(design)
    if prepared.featurizer.words.inputs != inputs:
        raise ValueError(f"design {name!r} needs data prepared with word_features_for({inputs!r}), not with the "
                         f"{prepared.featurizer.words.inputs!r} look-up")  # fmt: skip
    predict, grid = _predictor(prepared, design, seed)
    docs = np.arange(len(prepared.docs))
    n = len(prepared.inside)
    result = CVResult(name, np.zeros(n), np.zeros(n), np.zeros(n))
    for k, (train, test) in enumerate(GroupKFold(n_splits=n_splits).split(docs, groups=prepared.articles)):
        if design in MIXED_DESIGNS:
            chosen = choose_mix(prepared, docs[train], seed=seed, n_splits=inner_splits, design=design)
        else:
            chosen = select_by_inner_cv(prepared, docs[train], predict, grid, n_splits=inner_splits)
        rows = prepared.rows(docs[test])
        result.loaded[rows], result.name_calling[rows] = predict(docs[train], docs[test], chosen["param"])
        result.threshold[rows] = chosen["threshold"]
        overlap = set(prepared.articles[train]) & set(prepared.articles[test])
        assert not overlap, f"articles split between folds: {sorted(overlap)[:3]}"
        result.folds.append({"fold": k + 1, "test_paragraphs": int(len(test)),
                             "test_articles": int(len(set(prepared.articles[test]))), **chosen})  # fmt: skip
    return result


def select_design(prepared: Prepared, results: dict[str, CVResult], *, n_splits: int = 5) -> CVResult:
    """Nested model selection: in each outer fold, the design whose inner cross-validation scored best.

    Each design's :func:`cross_validate_design` already chose its grid point and threshold on the
    inner folds of every outer fold's training paragraphs (the same inner folds for all designs);
    this procedure takes, fold by fold, the design with the highest best inner token F1 (ties: the
    first in ``results``' order) and its test-fold predictions.  No test fold is looked at, so the
    scores of the result estimate what choosing among the designs on the training data delivers.

    Parameters
    ----------
    prepared : Prepared
        The analysed annotations the designs were validated on (their token rows are the same).
    results : dict of str to CVResult
        Out-of-fold predictions of each candidate design, validated with ``n_splits`` outer folds.
    n_splits : int, optional
        Outer folds (as in :func:`cross_validate_design`).

    Returns
    -------
    CVResult
        ``design`` ``select(<a>|<b>|...)``; each fold also records ``design`` (the one chosen)
        and ``inner_best`` (every candidate's best inner F1).
    """
    from sklearn.model_selection import GroupKFold

    names = list(results)
    n = len(prepared.inside)
    if any(len(result.loaded) != n for result in results.values()):
        raise ValueError("the designs were validated on other tokens than prepared's")
    out = CVResult(f"select({'|'.join(names)})", np.zeros(n), np.zeros(n), np.zeros(n))
    docs = np.arange(len(prepared.docs))
    for k, (_, test) in enumerate(GroupKFold(n_splits=n_splits).split(docs, groups=prepared.articles)):
        best = {name: max(results[name].folds[k]["inner_f1"].values()) for name in names}
        chosen = max(names, key=lambda name: (best[name], -names.index(name)))
        rows = prepared.rows(docs[test])
        source = results[chosen]
        out.loaded[rows], out.name_calling[rows] = source.loaded[rows], source.name_calling[rows]
        out.threshold[rows] = source.threshold[rows]
        fold = source.folds[k]
        out.folds.append({"fold": k + 1, "test_paragraphs": fold["test_paragraphs"], "design": chosen,
                          "inner_best": best, "param": fold["param"], "threshold": fold["threshold"]})  # fmt: skip
    return out


def design_inputs(design: str) -> tuple[str, str]:
    """The model design and the word-row look-up of a design name.

    Parameters
    ----------
    design : str
        One of :data:`DESIGNS`.

    Returns
    -------
    tuple of str
        ``(model design, inputs)``.

    Examples
    --------
    >>> design_inputs("mixed-proxies"), design_inputs("mixed_crf_proxies"), design_inputs("crf")
    (('mixed', 'proxies'), ('mixed_crf', 'proxies'), ('crf', 'shipped'))
    """
    return INPUT_DESIGN_PARTS.get(design, (design, "shipped"))


def _predictor(prepared: Prepared, design: str, seed: int) -> tuple:
    """The design's ``predict(train, test, param)`` and its grid."""
    if design == "logistic":
        return linear_predictor(prepared, seed), C_GRID
    if design in MIXED_DESIGNS:
        return (lambda train, test, param: mixed_predict(prepared, train, test, param, seed)), ()
    if design == "ensemble":
        from .dense import ensemble_predictor

        return ensemble_predictor(prepared, seed), (0.1, 0.3)
    from .crf import CRF_GRID, crf_predict, crf_sequences

    sequences = crf_sequences(prepared)
    return (lambda train, test, param: crf_predict(prepared, sequences, train, test, param)), CRF_GRID


def dictionary_spans(prepared: Prepared) -> list[list[tuple[int, int]]]:
    """Character spans of the lexicon's term hits in each paragraph."""
    from ..pipeline import FramingCounter

    counter = FramingCounter().compile()
    return [[(h.start, h.end) for h in counter.analyze_text(d.text, d.doc_id).hits if h.kind == "term"]
            for d in prepared.docs]  # fmt: skip


def document_counts(
    prepared: Prepared, flagged: np.ndarray, spans: list[list[tuple[int, int]]], technique: str | None = None
) -> np.ndarray:
    """Per paragraph: token tp, fp, fn and span precision/recall credits against the annotations.

    Parameters
    ----------
    prepared : Prepared
        Annotations and tokens.
    flagged : numpy.ndarray of bool
        Predicted positive tokens (rows of ``prepared.matrix``).
    spans : list of list of (start, end)
        Predicted spans of each paragraph.
    technique : str, optional
        Score against this technique's spans only (all kept techniques by default).

    Returns
    -------
    numpy.ndarray
        ``(n_paragraphs, 7)``: :data:`_COUNT_NAMES`.
    """
    counts = np.zeros((len(prepared.docs), len(_COUNT_NAMES)))
    offsets = np.r_[0, np.cumsum([len(d) for d in prepared.docs])]
    for number, doc in enumerate(prepared.docs):
        gold = [(s, e) for t, s, e in prepared.annotations.spans_of(doc.doc_id) if technique in (None, t)]
        truth = np.zeros(len(doc), dtype=bool)
        for start, end in gold:
            truth |= (doc.start < end) & (start < doc.end)
        predicted = flagged[offsets[number] : offsets[number + 1]]
        tp = int(np.sum(predicted & truth))
        credit = overlap_credit(spans[number], gold, len(doc.text))
        counts[number] = (tp, predicted.sum() - tp, truth.sum() - tp, *credit)
    return counts


def scores(counts: np.ndarray) -> dict[str, float]:
    """Token and span precision, recall and F1 from summed counts (rows are summed).

    Examples
    --------
    >>> scores(np.array([[2, 2, 0, 1.0, 2, 0.5, 1]]))["token_f1"]
    0.6667
    """
    tp, fp, fn, p_credit, n_pred, r_credit, n_gold = counts.sum(axis=0)

    def f1(p: float, r: float) -> float:
        """Harmonic mean."""
        return 2 * p * r / (p + r) if p + r else 0.0

    tp_p, tp_r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    span_p, span_r = p_credit / max(n_pred, 1), r_credit / max(n_gold, 1)
    values = {"token_precision": tp_p, "token_recall": tp_r, "token_f1": f1(tp_p, tp_r),
              "span_precision": span_p, "span_recall": span_r, "span_f1": f1(span_p, span_r)}  # fmt: skip
    return {name: round(float(value), 4) for name, value in values.items()}


def bootstrap(counts: np.ndarray, articles: np.ndarray, *, n: int = 1000, seed: int = 0) -> dict[str, list[float]]:
    """95 % percentile intervals of :func:`scores` from resampling articles with replacement.

    Parameters
    ----------
    counts : numpy.ndarray
        Per-paragraph counts (:func:`document_counts`).
    articles : numpy.ndarray
        Article of each paragraph.
    n : int, optional
        Resamples.
    seed : int, optional
        Random state.

    Returns
    -------
    dict of str to [low, high]
    """
    per_article = _per_article(counts, articles)
    rng = np.random.default_rng(seed)
    draws = [scores(per_article[rng.integers(0, len(per_article), len(per_article))]) for _ in range(n)]
    return {name: [round(float(np.percentile([d[name] for d in draws], q)), 4) for q in (2.5, 97.5)]
            for name in draws[0]}  # fmt: skip


def _per_article(counts: np.ndarray, articles: np.ndarray) -> np.ndarray:
    """Per-paragraph counts summed by article: the bootstrap's unit of resampling."""
    codes, _ = _codes(articles)
    per_article = np.zeros((codes.max() + 1, counts.shape[1]))
    np.add.at(per_article, codes, counts)
    return per_article


def paired_difference(
    first: np.ndarray, second: np.ndarray, articles: np.ndarray, *, n: int = 1000, seed: int = 0
) -> dict[str, dict]:
    """Difference of :func:`scores` (second minus first) with a paired bootstrap over articles.

    Both systems are scored on the same resampled articles, so the interval is
    that of the difference itself, not of two overlapping intervals.

    Parameters
    ----------
    first, second : numpy.ndarray
        Per-paragraph counts (:func:`document_counts`) of two systems on the same paragraphs.
    articles : numpy.ndarray
        Article of each paragraph.
    n : int, optional
        Resamples.
    seed : int, optional
        Random state.

    Returns
    -------
    dict
        For ``token_f1`` and ``span_f1``: ``value``, ``ci95`` and ``share_above_zero``.
    """
    a, b = _per_article(first, articles), _per_article(second, articles)
    rng = np.random.default_rng(seed)
    names = ("token_f1", "span_f1")
    draws: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(n):
        sample = rng.integers(0, len(a), len(a))
        sa, sb = scores(a[sample]), scores(b[sample])
        for name in names:
            draws[name].append(sb[name] - sa[name])
    full_a, full_b = scores(first), scores(second)
    return {name: {"value": round(full_b[name] - full_a[name], 4),
                   "ci95": [round(float(np.percentile(draws[name], q)), 4) for q in (2.5, 97.5)],
                   "share_above_zero": round(float(np.mean(np.array(draws[name]) > 0)), 3)}
            for name in names}  # fmt: skip


def model_counts(prepared: Prepared, cv: CVResult) -> np.ndarray:
    """Per-paragraph counts of a design's model (for :func:`paired_difference`)."""
    spans = [[(s["start"], s["end"]) for s in doc] for doc in _model_spans(prepared, cv)]
    return document_counts(prepared, cv.loaded >= cv.threshold, spans)


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    uniques, codes = np.unique(values, return_inverse=True)
    return codes, uniques


def calibration(probability: np.ndarray, truth: np.ndarray, *, bins: int = 10) -> dict:
    """Reliability bins, expected calibration error and Brier score of token probabilities.

    Parameters
    ----------
    probability : numpy.ndarray
        Out-of-fold probabilities.
    truth : numpy.ndarray of bool
        Labels.
    bins : int, optional
        Equal-width bins on [0, 1].

    Returns
    -------
    dict
        ``bins`` (``low, high, n, mean_probability, observed_rate``), ``ece``,
        ``brier``, ``expected_positives`` (sum of probabilities) and ``annotated_positives``.
    """
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(probability, edges[1:-1]), 0, bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        inside = which == b
        if not inside.any():
            continue
        mean_p, rate = float(probability[inside].mean()), float(truth[inside].mean())
        ece += inside.mean() * abs(mean_p - rate)
        rows.append({"low": round(float(edges[b]), 2), "high": round(float(edges[b + 1]), 2), "n": int(inside.sum()),
                     "mean_probability": round(mean_p, 4), "observed_rate": round(rate, 4)})  # fmt: skip
    return {"bins": rows, "ece": round(float(ece), 4),
            "brier": round(float(np.mean((probability - truth) ** 2)), 4),
            "expected_positives": round(float(probability.sum()), 1),
            "annotated_positives": int(truth.sum())}  # fmt: skip


def _system(prepared: Prepared, flagged: np.ndarray, spans: list, technique: str | None = None) -> dict:
    counts = document_counts(prepared, flagged, spans, technique)
    intervals = bootstrap(counts, prepared.articles)
    return {name: {"value": value, "ci95": intervals[name]} for name, value in scores(counts).items()}


def _model_spans(prepared: Prepared, cv: CVResult) -> list[list[dict]]:
    offsets = np.r_[0, np.cumsum([len(d) for d in prepared.docs])]
    out = []
    for number, doc in enumerate(prepared.docs):
        rows = slice(offsets[number], offsets[number + 1])
        threshold = float(cv.threshold[rows][0]) if len(doc) else 1.0
        out.append(decode_spans(doc, cv.loaded[rows], threshold, cv.name_calling[rows]))
    return out


def summary(cv: CVResult, prepared: Prepared, *, dictionary: list | None = None) -> dict:
    """Score one design's out-of-fold predictions, with the dictionary and the union.

    Parameters
    ----------
    cv : CVResult
        From :func:`cross_validate_design`.
    prepared : Prepared
        The same annotations.
    dictionary : list, optional
        :func:`dictionary_spans` (computed if not given).

    Returns
    -------
    dict
        ``design``, ``folds``, ``systems`` (``model``, ``dictionary``, ``union`` and
        ``model/<technique>``, each metric with its bootstrap ``ci95``),
        ``calibration``, ``outlets`` (rank correlation of loaded shares, with its
        bootstrap interval: :func:`analysis.learn.report.outlet_rank_agreement`) and
        ``per_outlet`` (:func:`analysis.learn.report.per_outlet_scores`, long records).
    """
    dictionary = dictionary_spans(prepared) if dictionary is None else dictionary
    flagged = cv.loaded >= cv.threshold
    model_spans = _model_spans(prepared, cv)
    plain = [[(s["start"], s["end"]) for s in spans] for spans in model_spans]
    dict_flag = np.concatenate([[bool(t.get("t:dict_term")) for t in d.token_features] for d in prepared.docs])
    systems = {
        "model": _system(prepared, flagged, plain),
        "dictionary": _system(prepared, dict_flag, dictionary),
        "union": _system(prepared, flagged | dict_flag, [a + b for a, b in zip(plain, dictionary)]),
    }
    is_nc = cv.name_calling >= 0.5
    for technique, mask in ((LOADED, ~is_nc), (NAME_CALLING, is_nc)):
        spans = [[(s["start"], s["end"]) for s in doc if s["label"] == technique] for doc in model_spans]
        systems[f"model/{technique}"] = _system(prepared, flagged & mask, spans, technique)
    from .report import outlet_rank_agreement, per_outlet_scores

    by_outlet = per_outlet_scores(prepared, {"model": (flagged, plain), "dictionary": (dict_flag, dictionary),
                                             "union": (flagged | dict_flag, [a + b for a, b in zip(plain, dictionary)])})  # fmt: skip
    return {
        "design": cv.design, "techniques": list(LABELS), "folds": cv.folds, "systems": systems,
        "calibration": calibration(cv.loaded, prepared.inside), "outlets": outlet_rank_agreement(prepared, cv.loaded),
        "per_outlet": by_outlet.to_dict("records"),
    }  # fmt: skip

"""The shipped design: the logistic model mixed with the window network, smoothed along the sentence.

``p = (1 - w) * logistic + w * network``, then ``p' = (1 - s) * p + s * mean(p of the
adjacent previous and next words)`` (:func:`analysis.learn.window.smooth`).  ``C`` (the
logistic model's regularisation), ``w``, ``s`` and the threshold are chosen together by
grouped cross-validation on the training data only (:func:`choose_mix`): the components
are fitted once per inner fold and every grid point is scored on the same out-of-fold
probabilities.  The loadedness table the network reads is computed from the training
labels of each fit only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .window import WindowNet, adjacent_neighbours, fit_window, smooth, window_matrix

if TYPE_CHECKING:
    from .training import LinearFit, Prepared

#: Grids of the logistic regularisation, the network's weight and the smoothing.
MIX_C: tuple[float, ...] = (0.1, 0.3)
MIX_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75)
SMOOTHING: tuple[float, ...] = (0.0, 0.25, 0.5)
#: Fewer loaded training tokens than this: no network (``w`` = 0).
MIN_POSITIVES = 30


@dataclass
class MixedFit:
    """The fitted components of one training set."""

    linear: dict[float, LinearFit]
    net: WindowNet | None
    loadedness: np.ndarray


def fit_components(prepared: Prepared, docs: np.ndarray, c_values: tuple[float, ...], seed: int = 0) -> MixedFit:
    """Fit the logistic models (one per ``C``) and the network on paragraphs ``docs``.

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    docs : numpy.ndarray
        Training paragraphs.
    c_values : tuple of float
        Regularisations of the logistic models fitted.
    seed : int, optional
        Random state.

    Returns
    -------
    MixedFit
    """
    from .dense import neighbour_loadedness, vocabulary_rows
    from .training import fit_linear

    rows = prepared.rows(docs)
    linear = {c: fit_linear(prepared, rows, C=c, seed=seed) for c in c_values}
    loadedness = neighbour_loadedness(prepared, vocabulary_rows(prepared)["0"], rows)
    net = None
    if prepared.inside[rows].sum() >= MIN_POSITIVES:
        x = window_matrix([prepared.docs[d] for d in docs], prepared.featurizer.words, loadedness)
        net = fit_window(x, prepared.inside[rows], seed=seed)
    return MixedFit(linear, net, loadedness)


def component_probabilities(prepared: Prepared, fit: MixedFit, docs: np.ndarray) -> dict[str, np.ndarray]:
    """``C=<c>`` (logistic), ``window`` and ``name_calling`` probabilities of the rows of ``docs``."""
    x_rows = prepared.matrix[prepared.rows(docs)]
    out = {}
    for c, linear in fit.linear.items():
        out[f"C={c}"], out["name_calling"] = linear.predict(x_rows)
    if fit.net is None:
        out["window"] = np.zeros(x_rows.shape[0])
    else:
        out["window"] = fit.net.predict(window_matrix([prepared.docs[d] for d in docs], prepared.featurizer.words,
                                                      fit.loadedness))  # fmt: skip
    return out


def prepared_neighbours(prepared: Prepared, docs: np.ndarray) -> tuple[np.ndarray, ...]:
    """:func:`~analysis.learn.window.adjacent_neighbours` of paragraphs ``docs``, as positions in their rows."""
    parts, base = [], 0
    for number in docs:
        prev_index, prev_valid, next_index, next_valid = adjacent_neighbours(prepared.docs[number])
        parts.append((prev_index + base, prev_valid, next_index + base, next_valid))
        base += len(prepared.docs[number])
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(4))


def mixed_probability(parts: dict[str, np.ndarray], C: float, w: float, s: float, neighbours: tuple) -> np.ndarray:
    """Mix the components of one grid point and smooth."""
    return smooth((1 - w) * parts[f"C={C}"] + w * parts["window"], neighbours, s)


def choose_mix(prepared: Prepared, docs: np.ndarray, *, seed: int = 0, n_splits: int = 3) -> dict:
    """Choose ``C``, ``w``, ``s`` and the threshold by grouped cross-validation within ``docs`` only.

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    docs : numpy.ndarray
        Paragraphs available for training (sorted; a test fold is never among them).
    seed : int, optional
        Random state.
    n_splits : int, optional
        Inner folds, grouped by article.

    Returns
    -------
    dict
        ``param`` (``(C, w, s)``; the first best on ties), ``threshold`` and ``inner_f1`` of every grid point.
    """
    from sklearn.model_selection import GroupKFold

    from .training import best_threshold

    n = len(prepared.inside)
    inner = {key: np.zeros(n) for key in [*(f"C={c}" for c in MIX_C), "window", "name_calling"]}
    for train, test in GroupKFold(n_splits=n_splits).split(docs, groups=prepared.articles[docs]):
        fit = fit_components(prepared, docs[train], MIX_C, seed)
        for key, value in component_probabilities(prepared, fit, docs[test]).items():
            inner[key][prepared.rows(docs[test])] = value
    rows = prepared.rows(docs)
    parts = {key: value[rows] for key, value in inner.items()}
    neighbours = prepared_neighbours(prepared, docs)
    weights = MIX_WEIGHTS if prepared.inside[rows].sum() >= MIN_POSITIVES * 1.5 else (0.0,)
    grid = list(itertools.product(MIX_C, weights, SMOOTHING))
    scores = [best_threshold(mixed_probability(parts, *g, neighbours), prepared.inside[rows]) for g in grid]
    best = max(range(len(grid)), key=lambda k: (scores[k][1], -k))
    return {"param": grid[best], "threshold": scores[best][0],
            "inner_f1": {str(g): round(s[1], 4) for g, s in zip(grid, scores)}}  # fmt: skip


def mixed_predict(prepared: Prepared, train: np.ndarray, test: np.ndarray, param: tuple, seed: int = 0) -> tuple:
    """Fit on paragraphs ``train`` with ``param = (C, w, s)``; both probabilities of the rows of ``test``."""
    fit = fit_components(prepared, train, (param[0],), seed)
    parts = component_probabilities(prepared, fit, test)
    c_value, weight, smoothing = param
    probability = mixed_probability(parts, c_value, weight, smoothing, prepared_neighbours(prepared, test))
    return probability, parts["name_calling"]

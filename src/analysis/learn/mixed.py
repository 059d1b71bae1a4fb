"""The shipped design: the logistic model mixed with the window network, smoothed along the sentence.

``p = (1 - w) * logistic + w * network``, then ``p' = (1 - s) * p + s * mean(p of the
adjacent previous and next words)`` (:func:`analysis.learn.window.smooth`).  ``C`` (the
logistic model's regularisation), ``w``, ``s`` and the threshold are chosen together by
grouped cross-validation on the training data only (:func:`choose_mix`): the components
are fitted once per inner fold and every grid point is scored on the same out-of-fold
probabilities.  The loadedness table the network reads is computed from the training
labels of each fit only.

The design ``mixed_crf`` (:data:`DESIGN_OPTIONS`, fixed in advance from
``scripts/tagger_structure_experiments.py``) weights the loaded tokens 3 in the logistic
model's loss, merges two networks (seeds ``seed`` and ``seed + 1``) into one by averaging
their logits (:func:`analysis.learn.window.logit_mean`), and adds a third component: the
linear-chain CRF of :mod:`analysis.learn.crf` (``c1``, ``c2`` fixed at :data:`CRF_PARAM`),
whose marginal ``1 - P(O)`` is mixed in with a weight ``u`` chosen with the others:
``p = (1 - u) * ((1 - w) * logistic + w * network) + u * crf``, then smoothed.  Its state
scores are per word type like the logistic model's; only its forward-backward pass runs per
document, a few vectorized array steps (:func:`analysis.learn.crf.batch_marginals`, which also
takes a whole batch of documents in one call).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .window import WindowNet, adjacent_neighbours, fit_window, logit_mean, smooth, window_matrix

if TYPE_CHECKING:
    from .training import LinearFit, Prepared

#: Grids of the logistic regularisation, the network's weight and the smoothing.
MIX_C: tuple[float, ...] = (0.1, 0.3)
MIX_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75)
SMOOTHING: tuple[float, ...] = (0.0, 0.25, 0.5)
#: Fewer loaded training tokens than this: no network (``w`` = 0).
MIN_POSITIVES = 30
#: Designs of this module: ``mixed`` (logistic + network) and ``mixed_crf`` (weighted logistic + two
#: networks as one + the CRF): the logistic model's weight of loaded tokens, networks, CRF.
DESIGN_OPTIONS: dict[str, dict] = {
    "mixed": {"positive_weight": 1.0, "networks": 1, "crf": False},
    "mixed_crf": {"positive_weight": 3.0, "networks": 2, "crf": True},
}
MIXED_DESIGNS: tuple[str, ...] = tuple(DESIGN_OPTIONS)
#: Weights of the CRF tried by ``mixed_crf``.
CRF_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75)
#: The CRF's ``(c1, c2)`` in ``mixed_crf``: fixed in advance (every outer fold of the CRF design's
#: nested validation chose it on its inner folds; see ``VALIDATION.md``).
CRF_PARAM: tuple[float, float] = (0.0, 0.3)


@dataclass
class MixedFit:
    """The fitted components of one training set."""

    linear: dict[float, LinearFit]
    net: WindowNet | None
    loadedness: np.ndarray
    crf: object | None = None


def crf_sequences_of(prepared: Prepared) -> tuple[list[list[dict]], list[list[str]]]:
    """:func:`analysis.learn.crf.crf_sequences` of ``prepared``, computed once and kept on it."""
    from .crf import crf_sequences

    found = prepared.__dict__.get("_crf_sequences")
    if found is None:
        found = prepared.__dict__["_crf_sequences"] = crf_sequences(prepared)
    return found


def fit_components(
    prepared: Prepared, docs: np.ndarray, c_values: tuple[float, ...], seed: int = 0, *, design: str = "mixed",
    crf: bool | None = None,
) -> MixedFit:  # fmt: skip
    """Fit the logistic models (one per ``C``), the network and optionally the CRF on paragraphs ``docs``.

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
    design : {"mixed", "mixed_crf"}, optional
        Which components (:data:`DESIGN_OPTIONS`).
    crf : bool, optional
        Fit the CRF (:data:`CRF_PARAM`; deterministic, no seed); by default as the design says.

    Returns
    -------
    MixedFit
    """
    from .dense import neighbour_loadedness, vocabulary_rows
    from .training import fit_linear

    options = DESIGN_OPTIONS[design]
    rows = prepared.rows(docs)
    linear = {c: fit_linear(prepared, rows, C=c, seed=seed, positive_weight=options["positive_weight"])
              for c in c_values}  # fmt: skip
    loadedness = neighbour_loadedness(prepared, vocabulary_rows(prepared)["0"], rows)
    net = None
    if prepared.inside[rows].sum() >= MIN_POSITIVES:
        x = window_matrix([prepared.docs[d] for d in docs], prepared.featurizer.words, loadedness)
        nets = [fit_window(x, prepared.inside[rows], seed=seed + k) for k in range(options["networks"])]
        net = nets[0] if len(nets) == 1 else logit_mean(nets)
    fitted_crf = None
    if options["crf"] if crf is None else crf:
        from .crf import fit_crf

        features, labels = crf_sequences_of(prepared)
        fitted_crf = fit_crf([features[d] for d in docs], [labels[d] for d in docs], c1=CRF_PARAM[0],
                             c2=CRF_PARAM[1])  # fmt: skip
    return MixedFit(linear, net, loadedness, fitted_crf)


def component_probabilities(prepared: Prepared, fit: MixedFit, docs: np.ndarray) -> dict[str, np.ndarray]:
    """``C=<c>`` (logistic), ``window``, ``name_calling`` (and ``crf``) probabilities of the rows of ``docs``."""
    x_rows = prepared.matrix[prepared.rows(docs)]
    out = {}
    for c, linear in fit.linear.items():
        out[f"C={c}"], out["name_calling"] = linear.predict(x_rows)
    if fit.net is None:
        out["window"] = np.zeros(x_rows.shape[0])
    else:
        out["window"] = fit.net.predict(window_matrix([prepared.docs[d] for d in docs], prepared.featurizer.words,
                                                      fit.loadedness))  # fmt: skip
    if fit.crf is not None:
        from .crf import crf_probabilities

        out["crf"] = crf_probabilities(fit.crf, [crf_sequences_of(prepared)[0][d] for d in docs])[0]
    return out


def prepared_neighbours(prepared: Prepared, docs: np.ndarray) -> tuple[np.ndarray, ...]:
    """:func:`~analysis.learn.window.adjacent_neighbours` of paragraphs ``docs``, as positions in their rows."""
    parts, base = [], 0
    for number in docs:
        prev_index, prev_valid, next_index, next_valid = adjacent_neighbours(prepared.docs[number])
        parts.append((prev_index + base, prev_valid, next_index + base, next_valid))
        base += len(prepared.docs[number])
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(4))


def mixed_probability(
    parts: dict[str, np.ndarray], C: float, w: float, s: float, neighbours: tuple, u: float = 0.0
) -> np.ndarray:
    """Mix the components of one grid point (``u``: the CRF's weight) and smooth."""
    p = (1 - w) * parts[f"C={C}"] + w * parts["window"]
    if u:
        p = (1 - u) * p + u * parts["crf"]
    return smooth(p, neighbours, s)


def choose_mix(
    prepared: Prepared, docs: np.ndarray, *, seed: int = 0, n_splits: int = 3, design: str = "mixed"
) -> dict:
    """Choose ``C``, ``w``, ``s`` (and ``u``) and the threshold by grouped cross-validation within ``docs`` only.

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
    design : {"mixed", "mixed_crf"}, optional
        Without or with the CRF.

    Returns
    -------
    dict
        ``param`` (``(C, w, s)``, or ``(C, w, s, u)`` for ``mixed_crf``; the first best on ties),
        ``threshold`` and ``inner_f1`` of every grid point.
    """
    from sklearn.model_selection import GroupKFold

    from .training import best_threshold

    n = len(prepared.inside)
    if design not in MIXED_DESIGNS:
        raise ValueError(f"design must be one of {MIXED_DESIGNS}, not {design!r}")
    with_crf = design == "mixed_crf"
    inner = {key: np.zeros(n) for key in [*(f"C={c}" for c in MIX_C), "window", "name_calling", "crf"]}
    for train, test in GroupKFold(n_splits=n_splits).split(docs, groups=prepared.articles[docs]):
        fit = fit_components(prepared, docs[train], MIX_C, seed, design=design)
        for key, value in component_probabilities(prepared, fit, docs[test]).items():
            inner[key][prepared.rows(docs[test])] = value
    rows = prepared.rows(docs)
    parts = {key: value[rows] for key, value in inner.items()}
    neighbours = prepared_neighbours(prepared, docs)
    weights = MIX_WEIGHTS if prepared.inside[rows].sum() >= MIN_POSITIVES * 1.5 else (0.0,)
    grid: list[tuple] = list(itertools.product(MIX_C, weights, SMOOTHING))
    if with_crf:
        grid = [(*g, u) for g in grid for u in CRF_WEIGHTS]
    scores = [best_threshold(_grid_probability(parts, g, neighbours), prepared.inside[rows]) for g in grid]
    best = max(range(len(grid)), key=lambda k: (scores[k][1], -k))
    return {"param": grid[best], "threshold": scores[best][0],
            "inner_f1": {str(g): round(s[1], 4) for g, s in zip(grid, scores)}}  # fmt: skip


def mixed_predict(prepared: Prepared, train: np.ndarray, test: np.ndarray, param: tuple, seed: int = 0) -> tuple:
    """Fit on paragraphs ``train`` with ``param = (C, w, s)`` or ``(C, w, s, u)``; both probabilities of ``test``."""
    design = "mixed_crf" if len(param) > 3 else "mixed"  # (C, w, s, u): the CRF's weight u
    fit = fit_components(
        prepared, train, (param[0],), seed, design=design, crf=design == "mixed_crf" and bool(param[3])
    )
    parts = component_probabilities(prepared, fit, test)
    return _grid_probability(parts, param, prepared_neighbours(prepared, test)), parts["name_calling"]


def _grid_probability(parts: dict[str, np.ndarray], param: tuple, neighbours: tuple) -> np.ndarray:
    """:func:`mixed_probability` of ``param = (C, w, s)`` or ``(C, w, s, u)``."""
    c_value, weight, smoothing = param[:3]
    return mixed_probability(parts, c_value, weight, smoothing, neighbours, param[3] if len(param) > 3 else 0.0)

"""The second design: a linear-chain CRF (``sklearn-crfsuite``) over the same features.

Each paragraph is one sequence of word tokens labelled ``O``, ``LL`` (Loaded
Language) or ``NC`` (Name Calling); the features of a token are those of the
logistic design (:func:`analysis.learn.features.token_feature_dicts`).  The
probability that a token is loaded is its marginal ``1 - P(O)``, so the same
threshold, span decoding and metrics apply.  This design is compared with the
logistic one in :mod:`analysis.learn.validation`; it is not the shipped default
(see the validation report), and needs the optional ``sklearn-crfsuite``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .features import token_feature_dicts

if TYPE_CHECKING:
    from .training import Prepared

#: ``(c1, c2)`` (L1, L2) pairs tried by the inner cross-validation.
CRF_GRID: tuple[tuple[float, float], ...] = ((0.05, 0.05), (0.0, 0.3))
MAX_ITERATIONS = 100


def crf_sequences(prepared: Prepared) -> tuple[list[list[dict]], list[list[str]]]:
    """Feature dictionaries and ``O``/``LL``/``NC`` labels of every paragraph.

    Parameters
    ----------
    prepared : Prepared
        The analysed annotations.

    Returns
    -------
    features, labels : list of list
    """
    features, labels = [], []
    for number, doc in enumerate(prepared.docs):
        rows = np.flatnonzero(prepared.doc_of_token == number)
        features.append(token_feature_dicts(doc, prepared.featurizer))
        labels.append(["NC" if nc else "LL" if inside else "O"
                       for inside, nc in zip(prepared.inside[rows], prepared.name_calling[rows])])  # fmt: skip
    return features, labels


def fit_crf(features: list[list[dict]], labels: list[list[str]], *, c1: float, c2: float) -> object:
    """Fit a CRF (L-BFGS, all transitions, ``MAX_ITERATIONS`` iterations; deterministic).

    Parameters
    ----------
    features, labels : list of list
        Sequences from :func:`crf_sequences`.
    c1, c2 : float
        L1 and L2 regularisation.

    Returns
    -------
    sklearn_crfsuite.CRF
    """
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=c1, c2=c2, max_iterations=MAX_ITERATIONS,
                               all_possible_transitions=True)  # fmt: skip
    crf.fit(features, labels)
    return crf


def crf_probabilities(crf: object, features: list[list[dict]]) -> tuple[np.ndarray, np.ndarray]:
    """Marginal probability that each token is loaded, and Name Calling if loaded.

    Parameters
    ----------
    crf : sklearn_crfsuite.CRF
        A fitted CRF.
    features : list of list of dict
        Sequences.

    Returns
    -------
    loaded, name_calling : numpy.ndarray
        Concatenated over the sequences, in order.
    """
    sequences = crf.predict_marginals(features)  # type: ignore[attr-defined]
    marginals = [token for sequence in sequences for token in sequence]
    loaded = np.array([1.0 - m.get("O", 0.0) for m in marginals])
    nc = np.array([m.get("NC", 0.0) for m in marginals])
    return loaded, nc / np.maximum(loaded, 1e-12)


def crf_predict(prepared: Prepared, sequences: tuple, train: np.ndarray, test: np.ndarray, params: tuple) -> tuple:
    """Fit on paragraphs ``train`` and return both probabilities for paragraphs ``test``."""
    features, labels = sequences
    crf = fit_crf([features[i] for i in train], [labels[i] for i in train], c1=params[0], c2=params[1])
    return crf_probabilities(crf, [features[i] for i in test])


def crf_weights(crf: object, names: list[str]) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """A fitted CRF's state weights over ``names`` and its transition weights, as plain arrays.

    Parameters
    ----------
    crf : sklearn_crfsuite.CRF
        A fitted CRF.
    names : list of str
        Feature names (a state feature whose attribute is not among them is dropped).

    Returns
    -------
    state : numpy.ndarray
        ``(len(names), len(labels))``: the weight of each feature for each label.
    transitions : numpy.ndarray
        ``(len(labels), len(labels))``: from the row's label to the column's.
    labels : tuple of str
        The labels in the order of the columns (``O``, ``LL``, ``NC`` as far as seen).
    """
    labels = tuple(label for label in ("O", "LL", "NC") if label in crf.classes_)  # type: ignore[attr-defined]
    column = {label: k for k, label in enumerate(labels)}
    index = {name: i for i, name in enumerate(names)}
    state = np.zeros((len(names), len(labels)))
    for (attribute, label), weight in crf.state_features_.items():  # type: ignore[attr-defined]
        row = index.get(attribute)
        if row is not None:
            state[row, column[label]] = weight
    transitions = np.zeros((len(labels), len(labels)))
    for (first, second), weight in crf.transition_features_.items():  # type: ignore[attr-defined]
        transitions[column[first], column[second]] = weight
    return state, transitions, labels


def chain_marginals(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Marginal label probabilities of every position of one linear chain (forward-backward).

    The forward and backward products are computed as prefix and suffix products of the
    ``k × k`` step matrices by recursive doubling: ``log2(n)`` vectorized steps instead of
    ``n`` Python steps, so a paragraph costs a few array operations.  Each partial product
    is rescaled to a maximum of 1 (the marginals are ratios, so the scale cancels).

    Parameters
    ----------
    emissions : numpy.ndarray
        ``(n, k)`` state scores (sums of feature values times state weights).
    transitions : numpy.ndarray
        ``(k, k)`` transition scores, from the row's label to the column's.

    Returns
    -------
    numpy.ndarray
        ``(n, k)``, rows summing to 1.

    Examples
    --------
    >>> chain_marginals(np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[0.0, 0.0], [0.0, np.log(3)]])).round(3).tolist()
    [[0.333, 0.667], [0.333, 0.667]]
    """
    n, k = emissions.shape
    e = np.exp(emissions - emissions.max(axis=1, keepdims=True))
    if n < 2:  # no transition
        return e / e.sum(axis=1, keepdims=True)
    step = np.exp(transitions - transitions.max())[None, :, :] * e[1:, None, :]  # step t: label t-1 -> label t
    # forward products of the steps, and (transposed, reversed) backward ones, scanned together in one array
    both = _scan(np.concatenate([step[:, None], step[::-1, None].transpose(0, 1, 3, 2)], axis=1))
    forward, backward = both[:, 0], both[::-1, 1]  # backward[t] = (step[t] @ ... @ step[-1]).T
    alpha = np.vstack([e[:1], e[0] @ forward])
    beta = np.vstack([backward.sum(axis=1), np.ones((1, k))])
    joint = alpha * beta
    return joint / joint.sum(axis=1, keepdims=True)


def _scan(matrices: np.ndarray) -> np.ndarray:
    """Inclusive prefix products ``m[0] @ m[1] @ ... @ m[t]`` along the first axis by recursive doubling.

    ``matrices`` is ``(n, ..., k, k)``; each partial product is rescaled to a maximum of 1.
    """
    out = matrices / matrices.max(axis=(-2, -1), keepdims=True)
    shift = 1
    while shift < len(out):
        product = out[:-shift] @ out[shift:]
        out[shift:] = product / product.max(axis=(-2, -1), keepdims=True)
        shift *= 2
    return out

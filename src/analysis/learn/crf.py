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

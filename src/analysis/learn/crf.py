"""The second design: a linear-chain CRF (``sklearn-crfsuite``) over the same features.

Each paragraph is one sequence of word tokens labelled ``O``, ``LL`` (Loaded
Language) or ``NC`` (Name Calling); the features of a token are those of the
logistic design (:func:`analysis.learn.features.token_feature_dicts`).  The
probability that a token is loaded is its marginal ``1 - P(O)``, so the same
threshold, span decoding and metrics apply.  Alone it is one of the designs compared in
:mod:`analysis.learn.validation`; mixed with the logistic model and the window networks
(:mod:`analysis.learn.mixed`) it is part of the shipped design.  Training needs
``sklearn-crfsuite``; tagging needs only its weights and :func:`batch_marginals`.
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

    :func:`batch_marginals` of a batch of one sequence.

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
    return batch_marginals(emissions, np.array([len(emissions)]), transitions)


def batch_marginals(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Marginal label probabilities of a batch of linear chains concatenated (forward-backward).

    The forward pass over the concatenation restarts at each sequence's first position
    (``alpha = e``), the backward pass at each one's last (``beta = 1``), so every sequence's
    marginals are its own; both passes run together, vectorized over chunks of the
    concatenation (:func:`_chunked_forward`): about ``2 * sqrt(n)`` small array steps for
    ``n`` positions, whatever the number of sequences.  Probabilities are computed scaled
    (the marginals are ratios: each position's scale cancels).

    Parameters
    ----------
    emissions : numpy.ndarray
        ``(n, k)`` state scores of every position, the sequences one after the other.
    lengths : numpy.ndarray
        Length of each sequence (summing to ``n``; zeros allowed).
    transitions : numpy.ndarray
        ``(k, k)`` transition scores, from the row's label to the column's.

    Returns
    -------
    numpy.ndarray
        ``(n, k)``, rows summing to 1.

    Examples
    --------
    >>> t = np.array([[0.0, 0.0], [0.0, np.log(3)]])
    >>> batch_marginals(np.zeros((3, 2)), np.array([2, 1]), t).round(3).tolist()
    [[0.333, 0.667], [0.333, 0.667], [0.5, 0.5]]
    """
    n, k = emissions.shape
    ends = np.cumsum(lengths)
    if ends[-1:].tolist() not in ([n], []) or (lengths < 0).any():
        raise ValueError(f"sequence lengths summing to {int(ends[-1]) if len(ends) else 0}, not {n}")
    if n == 0:
        return np.zeros((0, k))
    a = np.exp(transitions - transitions.max())
    # forward: alpha_t = (alpha_{t-1} @ a) * e_t, restarting at first positions; backward, read in reverse:
    # f_t = beta_t * e_t = (f_{t+1} @ a.T) * e_t, restarting at last positions; both in the columns of one array
    e = np.exp(emissions - emissions.max(axis=1, keepdims=True))
    restart = np.zeros((n, 2), dtype=bool)
    nonempty = lengths > 0
    restart[(ends - lengths)[nonempty], 0] = True
    restart[n - ends[nonempty], 1] = True
    both = _chunked_forward(np.hstack([e, e[::-1]]), a, restart)
    alpha, f = both[:, 0], both[::-1, 1]
    beta = np.ones((n, k))
    beta[:-1] = f[1:] @ a.T
    beta[restart[::-1, 1]] = 1.0  # a sequence's last position
    joint = alpha * beta
    return joint / joint.sum(axis=1, keepdims=True)


def _chunked_forward(e: np.ndarray, a: np.ndarray, restart: np.ndarray) -> np.ndarray:
    """Scaled vectors ``v_t = (v_{t-1} @ a) * e_t`` (``v_t = e_t`` at a restart) forward, and with ``a.T``
    (``e`` read in reverse) backward, of one concatenation.

    The positions are cut into ``b`` chunks of ``m`` (:func:`_chunk_size`).  ``m`` steps, each
    vectorized over every chunk and both directions (one matrix product with the block-diagonal
    ``[[a, 0], [0, a.T]]``), build each position's ``k × k`` product ``P`` of the step matrices
    since its chunk's start (a restart makes every row ``e_t``); the products of whole chunks
    are multiplied together by recursive doubling (``log2(b)`` vectorized steps) into the
    vector ``g`` entering each chunk; then ``v = g @ P`` everywhere in one product.  Products
    are rescaled to a maximum of 1 whenever the steps they span could otherwise leave the
    range of doubles.

    Parameters
    ----------
    e : numpy.ndarray
        ``(n, 2k)`` positive emission factors: forward, then backward (position ``t`` of the
        backward half is position ``n - 1 - t`` of the chain).
    a : numpy.ndarray
        ``(k, k)`` positive transition factors, at most 1.
    restart : numpy.ndarray
        ``(n, 2)`` bool: a sequence's first position, forward and backward.

    Returns
    -------
    numpy.ndarray
        ``(n, 2, k)``, forward and backward, each row scaled by an unspecified positive number.
    """
    n, k = len(e), len(a)
    m = _chunk_size(n)
    b = -(-n // m)
    padded = np.ones((b * m, 2 * k))
    padded[:n] = e
    steps = padded.reshape(b, m, 2 * k).transpose(1, 0, 2).copy()  # (m, b, 2k): position j of every chunk
    starts = np.ones((b * m, 2), dtype=bool)
    starts[:n] = restart
    starts[0] = True
    restarting = np.zeros(m, dtype=bool)  # the steps where some chunk restarts (few, for one document)
    restarting[np.flatnonzero(starts) // 2 % m] = True
    flags = np.repeat(starts, k, axis=1).reshape(b, m, 1, 2 * k).transpose(1, 0, 2, 3)
    both = np.zeros((2 * k, 2 * k))
    both[:k, :k], both[k:, k:] = a, a.T
    # a product of r steps has its largest entry within min(a) ** r and k ** r (a restart sets it to 1); the
    # product of two products, within min(a) and k times the product of their largest entries
    limit = max(1, int(300 / max(-np.log(a.min()), np.log(k), 1.0)))
    products = np.empty((m, b, k, 2 * k))
    previous = np.tile(np.eye(k), (b, 1, 2))
    for j in range(m):
        current = products[j]
        np.matmul(previous.reshape(b * k, 2 * k), both, out=current.reshape(b * k, 2 * k))
        if restarting[j]:  # a numpy bool
            np.copyto(current, 1.0, where=flags[j])
        current *= steps[j][:, None, :]
        if (j + 1) % limit == 0:
            _rescale(current.reshape(b, k, 2, k), (1, 3))
        previous = current
    # each chunk's total, entries first: (k, 2, k, b) (row, direction, column, chunk), the chunks contiguous
    totals = products[m - 1].reshape(b, k, 2, k).transpose(1, 2, 3, 0).copy()
    span, shift = m % limit, 1
    while shift < b:  # inclusive prefix products of the chunks' totals
        span = 2 * span + 1  # the product of two spans: each factor's bound, and one more (see above)
        totals[..., shift:] = _matrix_products(totals[..., :-shift], totals[..., shift:])
        if span >= limit:
            totals /= totals.max(axis=(0, 2), keepdims=True)
            span = 1
        shift *= 2
    entering = np.ones((2, k, b))
    entering[..., 1:] = _sum_rows(totals[..., :-1])  # ones @ the product of the chunks before
    return _weighted_rows(entering.transpose(2, 0, 1), products.reshape(m, b, k, 2, k))[:n]


def _matrix_products(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Matrix products of ``(k, d, k, b)`` stacks (row, direction, column, matrix) as ``k`` broadcast products
    over the contiguous last axis (a per-matrix BLAS call, or a reduction over a short axis, costs more than
    the arithmetic here)."""
    out = x[:, :, :1] * y[:1]
    for i in range(1, len(x)):
        out += x[:, :, i : i + 1] * y[i : i + 1]
    return out


def _sum_rows(x: np.ndarray) -> np.ndarray:
    """The sum of the rows (first axis) of a ``(k, d, k, b)`` stack, as ``k - 1`` additions."""
    out = x[0].copy()
    for row in x[1:]:
        out += row
    return out


def _weighted_rows(g: np.ndarray, products: np.ndarray) -> np.ndarray:
    """``(n, 2, k)``: ``g`` of each chunk times each of its positions' products, in position order.

    ``g`` is ``(b, 2, k)`` (chunk, direction, row); ``products`` ``(m, b, k, 2, k)`` (position in chunk, chunk, row, direction, column).
    """
    m, b, k = products.shape[:3]
    out = g[None, :, :, :1] * products[:, :, 0, :, :]
    for i in range(1, k):
        out += g[None, :, :, i : i + 1] * products[:, :, i, :, :]
    return out.transpose(1, 0, 2, 3).reshape(b * m, 2, k)


def _chunk_size(n: int) -> int:
    """Positions per chunk of :func:`_chunked_forward`: few Python steps for one paragraph or document (about
    ``sqrt(n) / 2``), and at most 64, so that the doubling over the chunks does little work for a long batch."""
    return int(min(64, max(1, np.ceil(np.sqrt(n) / 2))))


def _rescale(products: np.ndarray, axes: tuple[int, int]) -> None:
    """Divide each product (its entries along ``axes``) by its largest entry, in place."""
    products /= products.max(axis=axes, keepdims=True)

"""A window model over dense word vectors: a small neural network, mixed with the logistic model.

For each word token the window model sees, for each word of the window ``i-2 .. i+2``
(neighbours stop at sentence boundaries), a block of :data:`BLOCK_WIDTH` numbers:

* the word's 32-dimensional distributional vector (:mod:`analysis.learn.distributional`;
  zeros for a word without a vector or past a boundary);
* its *neighbour loadedness*: the mean annotated rate of the ``k`` nearest training
  word types in vector space, its own type left out (:func:`analysis.learn.dense.neighbour_loadedness`,
  computed from the training data only and stored in the model);
* whether the word has no vector, and whether the window has passed a sentence boundary;

and then the token's own flags (quoted speech, first/last word of the sentence, dictionary
term hit, next to one, actor mention, position in the sentence).  A one-hidden-layer
network (:class:`sklearn.neural_network.MLPClassifier`, ReLU, fixed seed) turns them
into a probability.  Its first layer is linear, so — exactly like the logistic model's
score — each word type's contribution to every hidden unit is computed once per type
and window position and then looked up per token; only the hidden layer's
non-linearity is computed per token.  Saved as plain arrays (no scikit-learn object).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .features import AFTER, BEFORE, TYPE_BLOCKS, WordTokens, strip_clitics

if TYPE_CHECKING:
    from .distributional import WordFeatures
    from .training import Prepared

#: Numbers per window position: vector, loadedness, no-vector flag, boundary flag.
TOKEN_FLAGS: tuple[str, ...] = ("t:quoted", "t:sent_first", "t:sent_last", "t:dict_term", "t:dict_near", "t:actor",
                                "t:pos=0", "t:pos=1", "t:pos=2", "t:pos=3")  # fmt: skip
#: Hidden units and L2 penalty of the network (fixed in advance, not tuned).
HIDDEN = 64
ALPHA = 1.0


def block_width(words: WordFeatures) -> int:
    """Numbers per window position (vector dimension + 3)."""
    return int(words.vectors.shape[1]) + 3


def type_block(words: WordFeatures, loadedness: np.ndarray, norm: str) -> np.ndarray:
    """The dense block of one word type (or of a sentence boundary ``<s>``/``</s>``).

    Parameters
    ----------
    words : WordFeatures
        Distributional vectors.
    loadedness : numpy.ndarray
        One neighbour-loadedness score per vocabulary row.
    norm : str
        A normalized word, or a boundary marker.

    Returns
    -------
    numpy.ndarray
        ``vector, loadedness, no_vector, boundary``.
    """
    out = np.zeros(block_width(words))
    if norm in (BEFORE, AFTER):
        out[-1] = 1.0
        return out
    row = words.row(norm, strip_clitics(norm))
    if row < 0:
        out[-2] = 1.0
    else:
        out[:-3] = words.vectors[row]
        out[-3] = loadedness[row]
    return out


def token_block(features: dict[str, float]) -> np.ndarray:
    """The token's own flags (:data:`TOKEN_FLAGS`) from its ``t`` feature block."""
    return np.array([features.get(name, 0.0) for name in TOKEN_FLAGS])


def window_matrix(docs: list[WordTokens], words: WordFeatures, loadedness: np.ndarray) -> np.ndarray:
    """The dense input of the window model, one row per word token of ``docs`` in order.

    Parameters
    ----------
    docs : list of WordTokens
        Documents.
    words : WordFeatures
        Distributional vectors.
    loadedness : numpy.ndarray
        Neighbour loadedness per vocabulary row.

    Returns
    -------
    numpy.ndarray
        ``(n_tokens, 5 * block_width + len(TOKEN_FLAGS))``; blocks in the order of
        :data:`~analysis.learn.features.TYPE_BLOCKS`.
    """
    cache: dict[str, np.ndarray] = {}

    def block(norm: str) -> np.ndarray:
        found = cache.get(norm)
        if found is None:
            found = cache[norm] = type_block(words, loadedness, norm)
        return found

    rows = []
    for doc in docs:
        for i in range(len(doc)):
            parts = [block(doc.neighbours[b][i]) for b in TYPE_BLOCKS]
            rows.append(np.concatenate([*parts, token_block(doc.token_features[i])]))
    width = len(TYPE_BLOCKS) * block_width(words) + len(TOKEN_FLAGS)
    return np.array(rows).reshape(-1, width)


@dataclass
class WindowNet:
    """A fitted one-hidden-layer network as plain arrays.

    Attributes
    ----------
    w1 : numpy.ndarray
        ``(n_inputs, HIDDEN)`` first-layer weights.
    b1 : numpy.ndarray
        ``(HIDDEN,)``.
    w2 : numpy.ndarray
        ``(HIDDEN,)`` output weights.
    b2 : float
        Output bias.
    """

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float

    def probability(self, first_layer: np.ndarray) -> np.ndarray:
        """Probabilities from first-layer pre-activations (``x @ w1``, bias not yet added)."""
        hidden = np.maximum(first_layer + self.b1, 0.0)
        return 1.0 / (1.0 + np.exp(-(hidden @ self.w2 + self.b2)))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities of the rows of a :func:`window_matrix`."""
        return self.probability(x @ self.w1)


def fit_window(
    x: np.ndarray, y: np.ndarray, *, seed: int = 0, hidden: int = HIDDEN, positive_weight: float = 1.0
) -> WindowNet:
    """Fit the network on standardized inputs (Adam, early stopping on a seeded 10 % split).

    The standardization is folded into the first layer, so the returned network
    takes the raw rows of :func:`window_matrix`.

    Parameters
    ----------
    x : numpy.ndarray
        Rows of :func:`window_matrix` (possibly with extra per-token columns).
    y : numpy.ndarray of bool
        Labels.
    seed : int, optional
        Random state (initial weights, batches, the early-stopping split).
    hidden : int, optional
        Hidden units.
    positive_weight : float, optional
        Sample weight of the loaded tokens (the others weigh 1).

    Returns
    -------
    WindowNet
    """
    from sklearn.neural_network import MLPClassifier

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    weight = None if positive_weight == 1.0 else np.where(y, positive_weight, 1.0)
    net = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=ALPHA, max_iter=200, early_stopping=True,
                        n_iter_no_change=10, random_state=seed).fit((x - mean) / scale, y, sample_weight=weight)  # fmt: skip
    w1 = net.coefs_[0] / scale[:, None]
    b1 = net.intercepts_[0] - mean @ w1
    return WindowNet(w1, b1, net.coefs_[1][:, 0].copy(), float(net.intercepts_[1][0]))


def logit_mean(nets: list[WindowNet]) -> WindowNet:
    """One network whose output logit is the mean of the networks' output logits.

    The hidden units are put side by side and the output weights divided by their
    number, so averaging ``k`` networks this way costs ``k`` times the hidden units at
    tagging time and needs no new model format (:class:`WindowNet` holds it as is).

    Parameters
    ----------
    nets : list of WindowNet
        Networks over the same inputs.

    Returns
    -------
    WindowNet

    Examples
    --------
    >>> one = WindowNet(np.array([[1.0]]), np.array([0.0]), np.array([2.0]), 0.0)
    >>> two = WindowNet(np.array([[1.0]]), np.array([0.0]), np.array([-1.0]), 1.0)
    >>> round(float(logit_mean([one, two]).predict(np.array([[1.0]]))[0]), 6)  # logits 2 and 0: sigmoid(1)
    0.731059
    """
    k = len(nets)
    return WindowNet(np.hstack([n.w1 for n in nets]), np.concatenate([n.b1 for n in nets]),
                     np.concatenate([n.w2 for n in nets]) / k, float(np.mean([n.b2 for n in nets])))  # fmt: skip


def fit_window_on(prepared: Prepared, rows: np.ndarray, *, seed: int = 0) -> tuple[WindowNet, np.ndarray]:
    """Loadedness from the labels of ``rows`` only, then the network on ``rows``.

    Parameters
    ----------
    prepared : Prepared
        All annotated data.
    rows : numpy.ndarray
        Training rows (word tokens).
    seed : int, optional
        Random state.

    Returns
    -------
    net, loadedness
        The network and the loadedness table it was trained with.
    """
    from .dense import neighbour_loadedness, vocabulary_rows

    loadedness = neighbour_loadedness(prepared, vocabulary_rows(prepared)["0"], rows)
    x = window_matrix(prepared.docs, prepared.featurizer.words, loadedness)
    return fit_window(x[rows], prepared.inside[rows], seed=seed), loadedness


def adjacent_neighbours(doc: WordTokens) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Previous and next word of each word token, when in the same sentence with no token between.

    Parameters
    ----------
    doc : WordTokens
        One document's word tokens.

    Returns
    -------
    prev_index, prev_valid, next_index, next_valid : numpy.ndarray
        Indices are clipped into range; use them only where valid.
    """
    n = len(doc)
    if not n:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.astype(bool), empty, empty.astype(bool)
    adjacent = np.r_[False, doc.index[1:] == doc.index[:-1] + 1]
    prev_index, prev_valid = doc.shifted(-1)
    next_index, next_valid = doc.shifted(1)
    return prev_index, prev_valid & adjacent, next_index, next_valid & np.r_[adjacent[1:], False]


def smooth(p: np.ndarray, neighbours: tuple[np.ndarray, ...], s: float) -> np.ndarray:
    """``(1 - s) * p + s * mean(p of the adjacent previous and next words)`` (``p`` where there is none).

    Parameters
    ----------
    p : numpy.ndarray
        Token probabilities.
    neighbours : tuple
        From :func:`adjacent_neighbours` (indices into ``p``).
    s : float
        Smoothing weight.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> nb = (np.array([0, 0, 1]), np.array([False, True, True]), np.array([1, 2, 2]), np.array([True, True, False]))
    >>> smooth(np.array([0.2, 0.6, 0.0]), nb, 0.5).round(3).tolist()
    [0.4, 0.35, 0.3]
    """
    if s == 0 or not len(p):
        return p
    prev_index, prev_valid, next_index, next_valid = neighbours
    total = np.where(prev_valid, p[prev_index], 0.0) + np.where(next_valid, p[next_index], 0.0)
    count = prev_valid.astype(int) + next_valid
    return np.where(count > 0, (1 - s) * p + s * total / np.maximum(count, 1), p)

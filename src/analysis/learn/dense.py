"""A third design: gradient-boosted trees over dense distributional features, averaged with the logistic model.

The logistic model is linear in the word vectors; loaded language is not (a word
is loaded when it sits *near* other loaded words in distributional space, in a
particular context).  This design adds, for each word token:

* the 32-dimensional vectors of the word and of its previous and next words (in
  the sentence; zeros at a boundary or for a word without a vector);
* a *neighbour loadedness* score of each of the three words: the mean annotated
  rate of the ``k`` nearest training word types in vector space (cosine), the
  word's own type left out — computed from the training data only;
* the token block (quoted speech, sentence position, dictionary hits);

and fits :class:`sklearn.ensemble.HistGradientBoostingClassifier` on them.  The
design's probability is the mean of the boosted and the logistic probabilities
(equal weights, fixed in advance, not tuned).  Validation only: it is compared in
``VALIDATION.md`` and ``EXPERIMENTS.md`` and is not part of the shipped tagger.  Mixed with
the logistic model and the window network and decoded with hysteresis it is the best
design found (token F1 0.345 [0.320, 0.373] against 0.331 for the shipped mix without it),
but boosted trees over a token's and its neighbours' vectors cannot be cached per word
type, so tagging a corpus would be several times slower; the two intervals overlap widely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .features import AFTER, BEFORE, strip_clitics

if TYPE_CHECKING:
    from .training import Prepared

K_NEIGHBOURS = 30
_TOKEN_FLAGS = ("t:quoted", "t:sent_first", "t:sent_last", "t:dict_term", "t:dict_near", "t:actor")


def vocabulary_rows(prepared: Prepared) -> dict[str, np.ndarray]:
    """Row of the word-features table of each token and of its neighbours (-1: none).

    Parameters
    ----------
    prepared : Prepared
        Analysed annotations.

    Returns
    -------
    dict
        ``"0"``, ``"-1"``, ``"+1"`` → one row number per word token.
    """
    words = prepared.featurizer.words
    out = {}
    for block in ("0", "-1", "+1"):
        norms = [n for doc in prepared.docs for n in doc.neighbours[block]]
        out[block] = np.array([-1 if n in (BEFORE, AFTER) else words.row(n, strip_clitics(n)) for n in norms])
    return out


def neighbour_loadedness(prepared: Prepared, rows: np.ndarray, train: np.ndarray, k: int = K_NEIGHBOURS) -> np.ndarray:
    """Mean annotated rate of the ``k`` nearest training types, for every row of the vocabulary.

    Parameters
    ----------
    prepared : Prepared
        Analysed annotations.
    rows : numpy.ndarray
        Vocabulary row of every word token (``vocabulary_rows(...)["0"]``).
    train : numpy.ndarray
        Training token indices (only their labels are used).
    k : int, optional
        Neighbours.

    Returns
    -------
    numpy.ndarray
        One score per vocabulary row.
    """
    vectors = prepared.featurizer.words.vectors.astype(np.float32)
    seen = rows[train] >= 0
    r, y = rows[train][seen], prepared.inside[train][seen]
    positives = np.bincount(r, weights=y, minlength=len(vectors))
    totals = np.bincount(r, minlength=len(vectors))
    prior = float(prepared.inside[train].mean())
    rate = (positives + 2 * prior) / (totals + 2)
    known = np.flatnonzero(totals > 0)
    out = np.full(len(vectors), prior)
    for low in range(0, len(vectors), 2000):
        block = np.arange(low, min(low + 2000, len(vectors)))
        similarity = vectors[block] @ vectors[known].T
        similarity[block[:, None] == known[None, :]] = -1.0  # leave the type itself out
        nearest = np.argpartition(-similarity, k, axis=1)[:, :k]
        weight = np.maximum(np.take_along_axis(similarity, nearest, axis=1), 0)
        out[block] = (weight * rate[known][nearest]).sum(axis=1) / np.maximum(weight.sum(axis=1), 1e-9)
    return out


def dense_features(prepared: Prepared, rows: dict[str, np.ndarray], loadedness: np.ndarray) -> np.ndarray:
    """The dense matrix of the boosted model (one row per word token).

    Parameters
    ----------
    prepared : Prepared
        Analysed annotations.
    rows : dict
        From :func:`vocabulary_rows`.
    loadedness : numpy.ndarray
        From :func:`neighbour_loadedness`.

    Returns
    -------
    numpy.ndarray
    """
    vectors = prepared.featurizer.words.vectors
    columns = []
    for block in ("0", "-1", "+1"):
        r = rows[block]
        columns.append(np.where(r[:, None] >= 0, vectors[np.maximum(r, 0)], 0.0))
        columns.append(np.where(r >= 0, loadedness[np.maximum(r, 0)], 0.0)[:, None])
    token = [t for doc in prepared.docs for t in doc.token_features]
    flags = np.array([[t.get(name, 0.0) for name in _TOKEN_FLAGS] for t in token])
    position = np.array([[next(int(n[-1]) for n in t if n.startswith("t:pos="))] for t in token], dtype=float)
    return np.hstack([*columns, (rows["0"] < 0)[:, None].astype(float), flags, position])


def ensemble_predictor(prepared: Prepared, seed: int = 0) -> Callable:
    """``predict(train_docs, test_docs, C)``: mean of boosted and logistic probabilities.

    Parameters
    ----------
    prepared : Prepared
        Analysed annotations.
    seed : int, optional
        Random state.

    Returns
    -------
    callable
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    from .training import fit_linear

    rows = vocabulary_rows(prepared)

    def predict(train: np.ndarray, test: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
        """Fit both on paragraphs ``train``; average on the rows of ``test``."""
        train_rows, test_rows = prepared.rows(train), prepared.rows(test)
        linear = fit_linear(prepared, train_rows, C=C, seed=seed)
        loaded, name_calling = linear.predict(prepared.matrix[test_rows])
        dense = dense_features(prepared, rows, neighbour_loadedness(prepared, rows["0"], train_rows))
        boosted = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=seed)
        boosted.fit(dense[train_rows], prepared.inside[train_rows])
        return 0.5 * (loaded + boosted.predict_proba(dense[test_rows])[:, 1]), name_calling

    return predict

"""The learned loaded-language tagger: tag, explain, save and load (skops, never pickle).

A :class:`Tagger` is two linear models over the features of
:mod:`analysis.learn.features`: the probability that a word token is loaded
(inside a Loaded Language or Name Calling span), and, for flagged tokens, the
probability that it is Name Calling rather than Loaded Language; the first is
mixed with a small window network over word vectors (:mod:`analysis.learn.window`)
and smoothed with the adjacent words (:mod:`analysis.learn.mixed`).  Because the
features of blocks ``0``, ``±1``, ``±2`` depend only on a word type, each type gets an
integer id and its contribution to every score (both linear models, and a CRF's states if
any) in each block is computed once,
on first sight: the new types of a document (or of a batch of documents) together, the names of their indicator
features (:meth:`analysis.learn.features.TypeFeaturizer.indicator_names`) looked up in
one pass and their weights summed in order with :func:`numpy.bincount`.
The network's first layer is computed once per vocabulary row and window position at
load; a token's ``t`` block is one of few flag codes
(:class:`analysis.learn.features.TokenFlags`), each scored once for both models and
every hidden unit.  Tagging a document is then one dictionary look-up per token (its
type id), a ``(blocks, tokens)`` array of the window's type ids, one gather of scores
for all blocks and one of first-layer rows per block, summed block after block, the flag
code's row added, and the hidden layer's non-linearity; sums run in the order of the features,
so probabilities equal those of the full feature dictionaries exactly.  A corpus is tagged in
batches (:meth:`Tagger.analyse_many`): the word tokens of documents adding up to about
:data:`BATCH_WORDS` are joined into one (:func:`~analysis.learn.features.joined_word_tokens`,
no window, neighbour or CRF chain crossing from one document into the next) and go through the
same steps once, so numpy's cost per call is paid per batch, not per document; only the hidden
layer's matrix product may then round a probability differently in the last bit.  Nothing here
depends on the trained weights' values or on how many features a block has: any
logistic weights and window network of this design (a mixture of networks is one wider
network, :func:`analysis.learn.window.logit_mean`) drop in.

A tagger of the ``mixed_crf`` design also holds a linear-chain CRF (:mod:`analysis.learn.crf`):
its state weights are more columns of the same per-type and per-flag score tables, and its
marginals are one forward-backward pass over those scores, vectorized
(:func:`~analysis.learn.crf.batch_marginals`), mixed in before the smoothing; :meth:`Tagger.parts_many`
runs it once for a whole batch of documents (each its own chain).

Models are saved with :mod:`skops.io` as plain arrays, strings and numbers (no
scikit-learn object, no pickle), re-zipped with fixed timestamps and names so
that the same model gives the same bytes.  Loading checks the file's types
against a short allow-list before anything is built, so a tampered or foreign
file is refused with :class:`analysis.errors.FramingInputError`.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import FramingInputError
from ..pipeline import FramingCounter
from .crf import batch_marginals
from .distributional import INPUTS, WordFeatures, default_word_features, word_features_for
from .features import (
    AFTER,
    BEFORE,
    BLOCK_OFFSETS,
    FLAG_CODES,
    TYPE_BLOCKS,
    TokenFlags,
    TypeFeaturizer,
    WordTokens,
    flag_features,
    joined_word_tokens,
    token_feature_dicts,
    word_tokens,
)  # fmt: skip
from .spans import LABELS, decode_spans
from .window import TOKEN_FLAGS, WindowNet, adjacent_neighbours, block_width, smooth, token_block

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import pandas as pd

    #: A tagged document: its word tokens, and each one's probabilities of *loaded* and *Name Calling*.
    Tagged = tuple[WordTokens, np.ndarray, np.ndarray]

FORMAT = "analysis.learn.Tagger"
FORMAT_VERSION = 2
#: Where the default model ships.
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "resources" / "default_tagger.skops"
#: The lexicons the default tagger was trained with (its dictionary features), frozen
#: beside it: editing ``data/lexicons/`` changes the dictionary's counts, never the model.
DEFAULT_MODEL_LEXICONS = (
    DEFAULT_MODEL_PATH.with_name("default_tagger_actors.csv"),
    DEFAULT_MODEL_PATH.with_name("default_tagger_loaded_terms.csv"),
)
#: The ignore list the shipped model's dictionary features were computed with (a copy, as the lexicons'):
#: later phrases and name heads of ``data/lexicons/ignore.csv`` would change its features.
DEFAULT_MODEL_IGNORE = DEFAULT_MODEL_PATH.with_name("default_tagger_ignore.csv")
#: The only types a saved tagger may contain (checked before loading).
TRUSTED_TYPES: frozenset[str] = frozenset()
_STATE_KEYS = ("format", "format_version", "feature_names", "weights", "intercepts", "threshold", "labels",
               "resource_sha256", "card", "net_w1", "net_b1", "net_w2", "net_b2", "loadedness", "mix",
               "smoothing")  # fmt: skip
#: Further keys of a tagger with a CRF (state weights, transitions, the CRF's weight in the mix).
_CRF_KEYS = ("crf_state", "crf_transitions", "crf_mix")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Word tokens scored together by :meth:`Tagger.analyse_many` (a batch ends with the document that reaches it):
#: numpy's cost per call is then paid once for dozens of documents, and a batch's arrays (a few MB: the
#: first layer is ``(tokens, hidden)``) stay in the processor's cache.
BATCH_WORDS = 4096

#: The network's first-layer tables in single precision: each word token gathers five rows of them, and half
#: the bytes is about a tenth of the tagging time; probabilities move by about 1e-8 against double precision
#: (measured on 780,243 word tokens of SaudiNewsNet, none crossing the threshold).
FIRST_LAYER_DTYPE = np.float32
#: The parts of the probability that :meth:`Tagger.explain` breaks down into features (weight × value):
#: the logistic model and the CRF; the window networks are not linear in the features.
EXPLAINED_PARTS = ("linear", "crf")

_OBJECT_ID = re.compile(r'"__id__": (\d+)')


class Tagger:
    """A trained loaded-language tagger.

    Parameters
    ----------
    feature_names : sequence of str
        Names of the features (columns of ``weights``).
    weights : numpy.ndarray
        ``(n_features, 2)``: column 0 scores *loaded*, column 1 *Name Calling*
        (given loaded).
    intercepts : sequence of float
        The two models' intercepts.
    threshold : float
        Probability from which a token is flagged.
    card : dict, optional
        The model card (training data, features, cross-validated scores ...).
    words : WordFeatures, optional
        The distributional resource; the shipped one by default.
    counter : FramingCounter, optional
        Tokenizer, quoted speech and dictionary hits; the bundled lexicons by default.
    net : WindowNet, optional
        The window network mixed in (none: the logistic model alone).
    loadedness : numpy.ndarray, optional
        The network's neighbour-loadedness table (one score per row of ``words``).
    mix, smoothing : float, optional
        Weight of the network, and of the adjacent words' mean probability.
    crf : tuple, optional
        ``(state, transitions, weight)`` of a linear-chain CRF mixed in: ``state`` is
        ``(n_features, 3)`` (labels ``O``, ``LL``, ``NC``), ``transitions`` ``(3, 3)``, and the
        probability becomes ``(1 - weight) * mixed + weight * (1 - P(O))`` before smoothing.
    """

    def __init__(
        self, feature_names: list[str], weights: np.ndarray, intercepts: tuple[float, float], threshold: float,
        card: dict | None = None, words: WordFeatures | None = None, counter: FramingCounter | None = None,
        net: WindowNet | None = None, loadedness: np.ndarray | None = None, mix: float = 0.0, smoothing: float = 0.0,
        crf: tuple[np.ndarray, np.ndarray, float] | None = None,
    ):  # fmt: skip
        self.feature_names = list(feature_names)
        self.weights = np.asarray(weights, dtype=np.float64).reshape(len(self.feature_names), 2)
        self.intercepts = (float(intercepts[0]), float(intercepts[1]))
        self.crf = None
        if crf is not None:
            state = np.asarray(crf[0], dtype=np.float64).reshape(len(self.feature_names), -1)
            self.crf = (state, np.asarray(crf[1], dtype=np.float64), float(crf[2]))
        # every score computed per type: the two logistic models, then the CRF's labels (if any)
        self._scored = self.weights if self.crf is None else np.hstack([self.weights, self.crf[0]])
        self._intercept_row = np.r_[self.intercepts, np.zeros(self._scored.shape[1] - 2)]  # the CRF has none
        self.threshold = float(threshold)
        self.labels = LABELS
        self.card = dict(card or {})
        self.words = words or default_word_features()
        if self.words.inputs != "shipped":  # loading rebuilds the same look-up from the card
            self.card["word_inputs"] = {"inputs": self.words.inputs, "proxy_sha256": self.words.proxy_sha256}
        self.counter = (counter or FramingCounter()).compile()
        self.featurizer = TypeFeaturizer(self.words, cache=False)  # the tagger caches scores instead
        self.net, self.mix, self.smoothing = net, float(mix), float(smoothing)
        self.loadedness = np.zeros(len(self.words.vectors)) if loadedness is None else np.asarray(loadedness, float)
        self._width = block_width(self.words)
        self._index = {name: i for i, name in enumerate(self.feature_names)}
        # every score's weights and a last row for unknown features
        self._padded_weights = np.vstack([self._scored, np.zeros((1, self._scored.shape[1]))])
        # the vector dimensions' part of every vocabulary word's block-0 score, in one product
        vector_columns = [self._index.get(f"0:v{i}", -1) for i in range(self.words.vectors.shape[1])]
        vector_weights = np.where(np.array(vector_columns)[:, None] >= 0, self._scored[vector_columns], 0.0)
        self._vector_scores = self.words.vectors @ vector_weights
        self._offsets = np.array([BLOCK_OFFSETS[block] for block in TYPE_BLOCKS])[:, None]
        self._type_ids: dict[str, int] = {}
        width = self._scored.shape[1]
        self._type_scores = np.zeros((len(TYPE_BLOCKS), 1024, width))  # block, type, score: one block is contiguous
        self._type_rows = np.zeros(1024, dtype=np.int64)
        self._row_hidden = self._first_layer_table()
        self._row_starts = np.arange(len(TYPE_BLOCKS))[:, None] * (len(self.words.vectors) + 2)
        self._add_types([BEFORE, AFTER])
        # outside the sentence, a block's word is the boundary marker on its side
        self._boundaries = np.array([self._type_ids[BEFORE if offset < 0 else AFTER] for offset in self._offsets[:, 0]])
        # one row per flag combination (FLAG_CODES per term category, and one block without), filled on first sight
        self._categories: dict[str, int] = {}
        self._flag_known = np.zeros(FLAG_CODES, dtype=bool)
        self._flag_scores = np.zeros((FLAG_CODES, width))
        self._flag_hidden = np.zeros((FLAG_CODES, self._hidden), dtype=FIRST_LAYER_DTYPE)
        self._buffer = np.empty((0, self._hidden), dtype=FIRST_LAYER_DTYPE)

    def __repr__(self) -> str:
        return (f"Tagger(<{len(self.feature_names)} features>, network weight {self.mix}, smoothing "
                f"{self.smoothing}, threshold={self.threshold:.3f})")  # fmt: skip

    @property
    def _hidden(self) -> int:
        """Hidden units of the network in use (0 without one)."""
        return 0 if self.net is None or self.mix == 0 else len(self.net.b1)

    # -- scoring ---------------------------------------------------------------------------

    def _score(self, features: dict[str, float]) -> np.ndarray:
        """Every model's contributions of one feature dictionary (unknown features add nothing)."""
        get = self._index.get
        columns = [get(name, -1) for name in features]
        if -1 in columns:
            kept = [(c, v) for c, v in zip(columns, features.values()) if c >= 0]
            if not kept:
                return np.zeros(self._scored.shape[1])
            columns, values = [c for c, _ in kept], [v for _, v in kept]
        else:
            values = list(features.values())
        return np.asarray(values) @ self._scored[columns]

    def _first_layer_table(self) -> np.ndarray:
        """``(blocks * (n_vocabulary + 2), hidden)``: every vocabulary word's first-layer input at each window
        position, one block of rows per position; the last two rows of a block are a word without a vector and
        a sentence boundary.

        A word's dense block depends only on its vocabulary row, so a new word type costs a look-up.
        """
        vectors = self.words.vectors
        n, blocks = len(vectors), len(TYPE_BLOCKS)
        dense = np.zeros((n + 2, self._width))
        dense[:n, :-3], dense[:n, -3] = vectors, self.loadedness
        dense[n, -2] = dense[n + 1, -1] = 1.0  # as analysis.learn.window.type_block
        if not self._hidden:
            return np.zeros((blocks * (n + 2), 0), dtype=FIRST_LAYER_DTYPE)
        w1 = self.net.w1[: blocks * self._width].reshape(blocks, self._width, -1)  # type: ignore[union-attr]
        return np.concatenate([dense @ w1[b] for b in range(blocks)]).astype(FIRST_LAYER_DTYPE)

    def _add_types(self, norms: list[str]) -> None:
        """Score new word types (given once each) in every block, and find their vocabulary rows.

        The indicator features of the whole batch are looked up in one pass and each (type, block)'s
        weights summed with :func:`numpy.bincount`, which adds in order: the sums equal those of the
        feature dictionaries taken one feature after the other (an unknown feature adds 0.0), and the
        vector dimensions' score is added to block ``0`` last, as they come last in its dictionary.
        """
        first = len(self._type_ids)
        size = len(self._type_rows)
        while size < first + len(norms):
            size *= 2
        if size > len(self._type_rows):
            grow = size - len(self._type_rows)
            self._type_scores = np.concatenate([self._type_scores, np.zeros((len(TYPE_BLOCKS), grow,
                                                                             self._scored.shape[1]))], axis=1)  # fmt: skip
            self._type_rows = np.concatenate([self._type_rows, np.zeros(grow, np.int64)])
        n = len(self.words.vectors)
        names: list[str] = []
        counts: list[int] = []
        rows = []
        indicator_names = self.featurizer.indicator_names
        for norm in norms:
            row, blocks = indicator_names(norm)
            rows.append(n + 1 if norm in (BEFORE, AFTER) else n if row < 0 else row)
            for block in blocks:
                names += block
                counts.append(len(block))
        unknown = len(self.feature_names)  # the zero row of the padded weights: adding 0.0 changes no sum
        columns = np.fromiter(map(self._index.get, names, repeat(unknown)), dtype=np.int64, count=len(names))
        chosen = self._padded_weights[columns]
        segment = np.repeat(np.arange(len(counts)), counts)
        scores = np.stack([np.bincount(segment, chosen[:, m], minlength=len(counts)) for m in range(chosen.shape[1])],
                          axis=-1).reshape(len(norms), len(TYPE_BLOCKS), -1)  # fmt: skip
        found = np.array(rows, dtype=np.int64)
        has_vector = found < n
        scores[has_vector, 0] += self._vector_scores[found[has_vector]]
        self._type_scores[:, first : first + len(norms)] = scores.transpose(1, 0, 2)
        self._type_rows[first : first + len(norms)] = found
        self._type_ids.update(zip(norms, range(first, first + len(norms))))

    def _ids(self, norms: list[str]) -> np.ndarray:
        """Rows of the types' cached scores; new types are scored first (once each)."""
        try:
            return self._known_ids(norms)
        except KeyError:
            self._add_types([norm for norm in dict.fromkeys(norms) if norm not in self._type_ids])
            return self._known_ids(norms)

    def _known_ids(self, norms: list[str]) -> np.ndarray:
        """Rows of types already scored (``KeyError`` for a new one).

        One :func:`operator.itemgetter` call looks every token up in C, several times faster than a
        Python-level call per token; it gives a bare value, not a tuple, for a single token.
        """
        if len(norms) < 2:
            return np.array([self._type_ids[norm] for norm in norms], dtype=np.int64)
        return np.fromiter(itemgetter(*norms)(self._type_ids), dtype=np.int64, count=len(norms))

    def _flag_codes(self, flags: TokenFlags) -> np.ndarray:
        """Each word token's row of the flag tables, the rows of new flag combinations computed first.

        A token's ``t`` block is one of few combinations of flags and term category, each scored
        once (both models and every hidden unit) from its feature dictionary.
        """
        codes = flags.codes()
        for k, category in flags.terms.items():
            codes[k] += FLAG_CODES * (self._categories.setdefault(category, len(self._categories)) + 1)
        if len(codes) and codes.max() >= len(self._flag_known):
            grow = FLAG_CODES * (len(self._categories) + 1) - len(self._flag_known)
            self._flag_known = np.r_[self._flag_known, np.zeros(grow, dtype=bool)]
            self._flag_scores = np.concatenate([self._flag_scores, np.zeros((grow, self._scored.shape[1]))])
            self._flag_hidden = np.concatenate([self._flag_hidden, np.zeros((grow, self._hidden), FIRST_LAYER_DTYPE)])
        names = list(self._categories)
        for code in np.unique(codes[~self._flag_known[codes]]).tolist():
            features = flag_features(code % FLAG_CODES, names[code // FLAG_CODES - 1] if code >= FLAG_CODES else "")
            self._flag_scores[code] = self._score(features)
            if self._hidden:
                self._flag_hidden[code] = token_block(features) @ self.net.w1[len(TYPE_BLOCKS) * self._width :]  # type: ignore[union-attr]
            self._flag_known[code] = True
        return codes

    def _window(self, doc: WordTokens, ids: np.ndarray) -> np.ndarray:
        """``(blocks, n_tokens)``: the type id of the word at each block's offset from each token
        (the boundary marker's outside the sentence)."""
        target = self._offsets + np.arange(len(ids))
        index = np.clip(target, 0, max(len(ids) - 1, 0))
        sentence = doc.sentence
        valid = (index == target) & (sentence[index] == sentence)
        return np.where(valid, ids[index], self._boundaries[:, None])

    def _logits(self, doc: WordTokens) -> tuple[np.ndarray, np.ndarray]:
        """``(n_tokens, 2)`` logits of *loaded* and *Name Calling* (then the CRF's state scores, if any), and the
        network's first layer, per word token.

        Array look-ups only: each word's type id is looked up once, the window's type ids
        (five blocks) gathered from them, every block's scores in one gather, its first-layer rows
        block after block, summed in the blocks' order, and each flag combination's row added.
        """
        window = self._window(doc, self._ids(doc.norm))
        scores = np.take(self._type_scores.reshape(-1, self._scored.shape[1]), window + self._block_starts(), axis=0)
        scores[0] += self._intercept_row  # the same sum as the intercept plus block 0, then block after block
        total = self._sum_blocks(scores)
        rows = np.take(self._type_rows, window) + self._row_starts
        first = np.take(self._row_hidden, rows[0], axis=0)
        scratch = self._scratch(len(first))  # one block at a time: a buffer of (tokens, hidden) stays in cache
        for block_rows in rows[1:]:
            first += np.take(self._row_hidden, block_rows, axis=0, out=scratch, mode="clip")
        codes = self._flag_codes(doc.flags)
        total += np.take(self._flag_scores, codes, axis=0)
        first += np.take(self._flag_hidden, codes, axis=0, out=scratch, mode="clip")
        return total, first

    def _scratch(self, n_rows: int) -> np.ndarray:
        """``(n_rows, hidden)`` of a buffer kept between documents (a fresh one would cost page faults each time)."""
        if len(self._buffer) < n_rows:
            self._buffer = np.empty((2 * n_rows, self._hidden), dtype=FIRST_LAYER_DTYPE)
        return self._buffer[:n_rows]

    @staticmethod
    def _sum_blocks(gathered: np.ndarray) -> np.ndarray:
        """The sum over the first axis, one block after the other (as the feature dictionaries' order)."""
        total = gathered[0] + gathered[1]
        for block in gathered[2:]:
            total += block
        return total

    def _block_starts(self) -> np.ndarray:
        """Offset of each block's scores in the flattened :attr:`_type_scores` (it grows with the types)."""
        return np.arange(len(TYPE_BLOCKS))[:, None] * self._type_scores.shape[1]

    def analyse(self, doc_id: str, text: str) -> tuple[WordTokens, np.ndarray, np.ndarray]:
        """Word tokens of a text with their two probabilities.

        Parameters
        ----------
        doc_id, text : str
            The document.

        Returns
        -------
        doc : WordTokens
        loaded : numpy.ndarray
            Probability that each word token is loaded.
        name_calling : numpy.ndarray
            Probability that it is Name Calling, if loaded.
        """
        return self.analyse_tokens(word_tokens(self.counter, doc_id, text))

    def analyse_tokens(self, doc: WordTokens) -> tuple[WordTokens, np.ndarray, np.ndarray]:
        """:meth:`analyse` of word tokens already collected (see :func:`~analysis.learn.features.word_tokens`).

        Parameters
        ----------
        doc : WordTokens
            A document's word tokens, analysed with this tagger's lexicons.

        Returns
        -------
        doc, loaded, name_calling
            As :meth:`analyse`.
        """
        parts = self.parts(doc)
        return doc, parts["probability"], parts["name_calling"]

    def analyse_many(self, doc_ids: Iterable[str], texts: Iterable[str]) -> Iterator[Tagged]:
        """:meth:`analyse` of many documents, tagged in batches: what tagging a corpus costs least.

        Each document is analysed by the counter on its own; the word tokens of about
        :data:`BATCH_WORDS` of them are then scored together (:meth:`analyse_tokens_many`).

        Parameters
        ----------
        doc_ids, texts : iterable of str
            The documents.

        Yields
        ------
        doc, loaded, name_calling
            As :meth:`analyse`, one document after the other, in order; the probabilities equal
            those :meth:`analyse` gives (to the last bit but for the hidden layer's matrix product).
        """
        return self.analyse_tokens_many(word_tokens(self.counter, d, t) for d, t in zip(doc_ids, texts))

    def analyse_tokens_many(self, docs: Iterable[WordTokens]) -> Iterator[Tagged]:
        """:meth:`analyse_tokens` of many documents, in batches of about :data:`BATCH_WORDS` word tokens.

        The documents of a batch are joined into one (:func:`~analysis.learn.features.joined_word_tokens`,
        no window crosses from one into the next) and scored with one pass of array operations, so
        numpy's cost per call is paid once per batch, not once per document.

        Parameters
        ----------
        docs : iterable of WordTokens
            Documents' word tokens, analysed with this tagger's lexicons.

        Yields
        ------
        doc, loaded, name_calling
            As :meth:`analyse_tokens`, in order.
        """
        batch: list[WordTokens] = []
        size = 0
        for doc in docs:
            batch.append(doc)
            size += len(doc)
            if size >= BATCH_WORDS:
                yield from self._analyse_batch(batch)
                batch, size = [], 0
        if batch:
            yield from self._analyse_batch(batch)

    def _analyse_batch(self, docs: list[WordTokens]) -> Iterator[Tagged]:
        """Score the documents as one (:meth:`parts_many`) and give each its probabilities."""
        for doc, parts in zip(docs, self.parts_many(docs)):
            yield doc, parts["probability"], parts["name_calling"]

    def parts(self, doc: WordTokens) -> dict[str, np.ndarray]:
        """The tagger's probabilities of each word token and the parts they are made of.

        Parameters
        ----------
        doc : WordTokens
            A document's word tokens, analysed with this tagger's lexicons.

        Returns
        -------
        dict of numpy.ndarray
            ``linear`` (the logistic model, what :meth:`explain` explains), ``network``
            (the window networks; zeros without them), ``crf`` (the CRF's marginal
            probability of a label other than O; zeros without one), ``probability`` (the
            parts mixed with :meth:`part_weights`, then smoothed with the adjacent words if
            the design smooths) and ``name_calling``.
        """
        return self._parts(doc, [len(doc)])

    def parts_many(self, docs: list[WordTokens]) -> list[dict[str, np.ndarray]]:
        """:meth:`parts` of several documents, scored as one batch (a CRF's chain is each document's own).

        Parameters
        ----------
        docs : list of WordTokens
            Documents' word tokens, analysed with this tagger's lexicons.

        Returns
        -------
        list of dict of numpy.ndarray
            :meth:`parts` of each document, in order (equal to one call per document but
            for the last bits of the hidden layer's matrix product).
        """
        lengths = [len(doc) for doc in docs]
        joined = self._parts(joined_word_tokens(docs), lengths)
        cuts = np.cumsum(lengths)[:-1]
        pieces = {name: np.split(values, cuts) for name, values in joined.items()}
        return [{name: pieces[name][i] for name in joined} for i in range(len(docs))]

    def _parts(self, doc: WordTokens, lengths: list[int]) -> dict[str, np.ndarray]:
        """:meth:`parts` of word tokens that are ``lengths`` documents' one after the other
        (:func:`~analysis.learn.features.joined_word_tokens`): a CRF's chain is each document's own,
        and one forward-backward runs for all of them (:func:`~analysis.learn.crf.batch_marginals`)."""
        with _one_blas_thread():
            return self._parts_scored(doc, lengths)

    def _parts_scored(self, doc: WordTokens, lengths: list[int]) -> dict[str, np.ndarray]:
        """:meth:`_parts`, BLAS limited by the caller."""
        logits, first = self._logits(doc)
        probabilities = 1.0 / (1.0 + np.exp(-logits[:, :2]))
        linear = probabilities[:, 0]
        network = np.zeros(len(doc))
        if self._hidden and len(doc):
            network = self.net.probability(first)  # type: ignore[union-attr]
        mixed = (1 - self.mix) * linear + self.mix * network
        crf = np.zeros(len(doc))
        if self.crf is not None and self.crf[2] and len(doc):
            crf = 1 - batch_marginals(logits[:, 2:], np.asarray(lengths), self.crf[1])[:, 0]
            mixed = (1 - self.crf[2]) * mixed + self.crf[2] * crf
        if self.smoothing:  # the neighbours only when they count
            mixed = smooth(mixed, adjacent_neighbours(doc), self.smoothing)
        return {"linear": linear, "network": network, "crf": crf, "probability": mixed,
                "name_calling": probabilities[:, 1]}  # fmt: skip

    def part_weights(self) -> dict[str, float]:
        """How much each part weighs in ``probability`` (before any smoothing with the neighbours).

        ``probability = linear_weight * linear + network_weight * network + crf_weight * crf``,
        the columns of :meth:`token_probabilities`; :meth:`explain` breaks down ``linear`` and
        ``crf`` into features, not ``network``.

        Returns
        -------
        dict of str to float
            ``linear``, ``network``, ``crf``, summing to 1.
        """
        crf = float(self.crf[2]) if self.crf is not None else 0.0
        return {"linear": (1 - crf) * (1 - self.mix), "network": (1 - crf) * self.mix, "crf": crf}

    def tag(self, doc_id: str, text: str) -> list[dict]:
        """Loaded-language spans of a text.

        Parameters
        ----------
        doc_id, text : str
            The document.

        Returns
        -------
        list of dict
            ``start, end, surface, label, score`` with ``text[start:end] == surface``;
            ``label`` is ``Loaded_Language`` or ``Name_Calling-Labeling``, ``score``
            the mean probability of the span's tokens.
        """
        return self.spans(*self.analyse(doc_id, text))

    def spans(self, doc: WordTokens, loaded: np.ndarray, name_calling: np.ndarray) -> list[dict]:
        """The spans of :meth:`tag` from the output of :meth:`analyse` (flagged runs of words).

        Parameters
        ----------
        doc, loaded, name_calling
            As returned by :meth:`analyse` or :meth:`analyse_tokens`.

        Returns
        -------
        list of dict
            As :meth:`tag`.
        """
        return decode_spans(doc, loaded, self.threshold, name_calling)

    def token_probabilities(self, doc_id: str, text: str) -> pd.DataFrame:
        """Every word token with its probability of being loaded.

        ``probability.sum()`` is the document's expected number of loaded words
        (``model_expected``), with no threshold.

        Parameters
        ----------
        doc_id, text : str
            The document.

        Returns
        -------
        pandas.DataFrame
            ``doc_id, i, start, end, surface, norm, probability, name_calling, linear, network, crf``
            (``i`` is the token's index among all tokens of the text; ``linear``, ``network``
            and ``crf`` are the parts of ``probability``, weighted by :meth:`part_weights`;
            ``crf`` is 0 for a design without one).
        """
        import pandas as pd

        doc = word_tokens(self.counter, doc_id, text)
        parts = self.parts(doc)
        return pd.DataFrame({
            "doc_id": doc_id, "i": doc.index, "start": doc.start, "end": doc.end,
            "surface": [text[s:e] for s, e in zip(doc.start, doc.end)], "norm": doc.norm,
            "probability": parts["probability"], "name_calling": parts["name_calling"],
            "linear": parts["linear"], "network": parts["network"], "crf": parts["crf"],
        })  # fmt: skip

    def model_expected(self, text: str) -> float:
        """Expected number of loaded words of a text: the sum of its word tokens' probabilities.

        ``model_expected / n_words`` estimates the share of loaded words without a threshold.

        Parameters
        ----------
        text : str
            The document.

        Returns
        -------
        float
        """
        return float(self.analyse("doc", text)[1].sum())

    def explain(self, text: str, start: int, end: int, *, top: int = 10, part: str = "linear") -> pd.DataFrame:
        """The features that pushed the words of ``text[start:end]`` towards *loaded*.

        ``part="linear"`` breaks down the logistic part of the probability (its logit is the
        sum of all rows' contributions; column ``linear`` of :meth:`token_probabilities`);
        ``part="crf"`` the CRF's evidence for *Loaded Language* against *none* at each word
        (its state weight for LL minus its weight for O, times the value: the rows sum to
        the difference of the two labels' emission scores, the CRF's per-word evidence;
        the label-to-label transitions that turn it into the ``crf`` marginal are not
        features and are not listed). The window networks' part (``network``) is not
        broken down; :meth:`part_weights` says how much each part weighs.

        Parameters
        ----------
        text : str
            The document.
        start, end : int
            Character range (a span from :meth:`tag`, or any range of words).
        top : int, optional
            Rows returned.
        part : {"linear", "crf"}, optional
            Which part to break down (:data:`EXPLAINED_PARTS`).

        Returns
        -------
        pandas.DataFrame
            ``feature, value, weight, contribution`` (value × weight, summed over the
            range's word tokens), largest contribution first; the logistic intercept is a row
            (the CRF has none).

        Raises
        ------
        ValueError
            For a ``part`` the model does not have (a design without a CRF), or a range that is
            reversed, negative or holds no word.
        """
        doc = word_tokens(self.counter, "explain", text)
        return self.explain_tokens(doc, token_feature_dicts(doc, self.featurizer), start, end, top=top, part=part)

    def explain_tokens(
        self, doc: WordTokens, every: list[dict[str, float]], start: int, end: int, *, top: int = 10,
        part: str = "linear",
    ) -> pd.DataFrame:  # fmt: skip
        """:meth:`explain` for a document already analysed (many hits of one document).

        Parameters
        ----------
        doc : WordTokens
            The document's word tokens (:func:`analysis.learn.features.word_tokens`).
        every : list of dict
            Their feature dictionaries (:func:`analysis.learn.features.token_feature_dicts`).
        start, end : int
            Character range.
        top : int, optional
            Rows returned.
        part : {"linear", "crf"}, optional
            As for :meth:`explain`.

        Returns
        -------
        pandas.DataFrame
            As :meth:`explain`.
        """
        import pandas as pd

        weights, intercept = self.explained_weights(part)
        if not 0 <= start < end:
            raise ValueError(f"explain needs a character range with 0 <= start < end, got [{start}, {end})")
        inside = np.flatnonzero((doc.start < end) & (start < doc.end))
        if not len(inside):
            raise ValueError(f"no word in the characters [{start}, {end}) of the text (punctuation, spaces or past "
                             "its end): give the range of a hit (its start and end)")  # fmt: skip
        totals: dict[str, float] = {}
        for features in (every[i] for i in inside):
            for name, value in features.items():
                if name in self._index:
                    totals[name] = totals.get(name, 0.0) + value
        rows = [(name, value, weights[self._index[name]]) for name, value in totals.items()]
        if intercept is not None:
            rows.append(("(intercept)", float(len(inside)), intercept))
        frame = pd.DataFrame(rows, columns=["feature", "value", "weight"])
        frame["contribution"] = frame["value"] * frame["weight"]
        return frame.sort_values(["contribution", "feature"], ascending=[False, True]).head(top).reset_index(drop=True)

    def explained_parts(self) -> tuple[str, ...]:
        """The parts :meth:`explain` can break down for this model, the heavier first (:meth:`part_weights`)."""
        weights = self.part_weights()
        parts = [part for part in EXPLAINED_PARTS if part == "linear" or (self.crf is not None and weights[part] > 0)]
        return tuple(sorted(parts, key=lambda part: -weights[part]))

    def explained_weights(self, part: str) -> tuple[np.ndarray, float | None]:
        """Per-feature weights (aligned with :attr:`feature_names`) and intercept of one explained part."""
        if part == "linear":
            return self.weights[:, 0], float(self.intercepts[0])
        if part == "crf" and self.crf is not None:
            state = self.crf[0]  # columns O, LL, NC (crf_weights)
            return state[:, 1] - state[:, 0], None
        if part == "crf":
            raise ValueError("this model has no CRF part to explain (its design has none); use part='linear'")
        raise ValueError(f"part must be one of {EXPLAINED_PARTS}, not {part!r}")

    # -- saving ----------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The saved state: arrays, strings and numbers only."""
        width = len(TYPE_BLOCKS) * self._width + len(TOKEN_FLAGS)
        net = self.net or WindowNet(np.zeros((width, 0)), np.zeros(0), np.zeros(0), 0.0)
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "feature_names": np.array(self.feature_names, dtype=str), "weights": self.weights,
            "intercepts": list(self.intercepts), "threshold": self.threshold, "labels": list(self.labels),
            "resource_sha256": self.words.sha256, "card": json.dumps(self.card, ensure_ascii=False, sort_keys=True),
            "net_w1": net.w1, "net_b1": net.b1, "net_w2": net.w2, "net_b2": float(net.b2),
            "loadedness": self.loadedness, "mix": self.mix, "smoothing": self.smoothing,
        } | ({} if self.crf is None else dict(zip(_CRF_KEYS, self.crf)))  # fmt: skip

    def save(self, path: str | Path) -> Path:
        """Save with skops (byte-identical for an identical model) and write the card beside it, atomically.

        Parameters
        ----------
        path : str or Path
            The model file (``.skops``); the card goes to the same name with ``.card.json``.

        Returns
        -------
        Path
            The model file.
        """
        import skops.io

        from ..output import replace_all, staged_file

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        card_path = path.with_suffix(".card.json")
        contents = {
            path: canonical_zip(skops.io.dumps(self.state())),
            card_path: (json.dumps(self.card, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(),
        }
        staged = {target: staged_file(target) for target in contents}
        try:
            for target, data in contents.items():
                staged[target].write_bytes(data)
        except BaseException:
            for file in staged.values():
                file.unlink(missing_ok=True)
            raise
        replace_all(staged)  # both files, or neither: a model never sits beside another model's card
        return path


def canonical_zip(data: bytes) -> bytes:
    """Rewrite a skops zip with fixed timestamps and array files named by order of appearance.

    skops names array files after ``id()`` of the arrays, records ``id()`` of
    other objects (as ``__id__``, to restore shared references) and stamps
    entries with the wall clock; none of it says anything about the model, so
    ids are renumbered in order of first appearance (shared references stay shared).

    Parameters
    ----------
    data : bytes
        A skops file.

    Returns
    -------
    bytes
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        schema = source.read("schema.json").decode("utf-8")
        names = [n for n in source.namelist() if n != "schema.json"]
        order = sorted(names, key=lambda n: schema.index(f'"{n}"'))
        renamed = {old: f"array_{k:03d}.npy" for k, old in enumerate(order)}
        for old, new in renamed.items():
            schema = schema.replace(f'"{old}"', f'"{new}"')
        ids: dict[str, str] = {}  # object ids, renumbered in order of first appearance
        schema = _OBJECT_ID.sub(lambda m: f'"__id__": {ids.setdefault(m.group(1), str(len(ids) + 1))}', schema)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for old in order:
                info = zipfile.ZipInfo(renamed[old], date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, source.read(old))
            info = zipfile.ZipInfo("schema.json", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, schema)
    return out.getvalue()


def load_tagger(path: str | Path, *, counter: FramingCounter | None = None) -> Tagger:
    """Load a tagger saved by :meth:`Tagger.save`, refusing anything else.

    Parameters
    ----------
    path : str or Path
        The ``.skops`` file.
    counter : FramingCounter, optional
        For tokenization and dictionary features: by default the lexicons the
        shipped model was trained with (:func:`default_tagger_counter`) for the
        shipped model, the bundled lexicons for any other.

    Returns
    -------
    Tagger

    Raises
    ------
    FramingInputError
        Naming the file: not a skops file, a type outside :data:`TRUSTED_TYPES`
        (no code is run: types are checked before loading), or not a tagger's state.
    """
    import skops.io

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read ({error.strerror}).") from None
    try:
        untrusted = sorted(set(skops.io.get_untrusted_types(data=data)) - TRUSTED_TYPES)
    except Exception as error:  # noqa: BLE001 - any failure to parse means "not a model file"
        raise FramingInputError(path, f"is not a saved tagger (not a skops file: {error}).") from None
    if untrusted:
        raise FramingInputError(path, f"contains types a tagger never holds ({', '.join(untrusted)}); refusing to "
                                "load it (it may have been tampered with).")  # fmt: skip
    try:
        state = skops.io.loads(data, trusted=sorted(TRUSTED_TYPES))
    except Exception as error:  # noqa: BLE001
        raise FramingInputError(path, f"is not a readable saved tagger ({error}).") from None
    if counter is None and path.resolve() == DEFAULT_MODEL_PATH:
        counter = default_tagger_counter()
    return _from_state(path, state, counter)


def default_tagger_counter() -> FramingCounter:
    """The counter of the shipped model's dictionary features: the lexicons it was trained with.

    Returns
    -------
    FramingCounter
        Over :data:`DEFAULT_MODEL_LEXICONS` (copies of ``data/lexicons/actors.csv``
        and ``loaded_terms.csv`` taken when the model was trained) and
        :data:`DEFAULT_MODEL_IGNORE` (the ignore list of that day), with the
        exclusion rule of that day (``exclusion_clitics="conjunctions"``).
    """
    from ..lexicon import load_actors, load_ignore, load_terms

    actors, terms = DEFAULT_MODEL_LEXICONS
    # The matcher of its training day too: exclusions stopped only by و/ف (see FramingCounter).
    return FramingCounter(
        actors=load_actors(actors),
        terms=load_terms(terms),
        ignore=load_ignore(DEFAULT_MODEL_IGNORE),
        exclusion_clitics="conjunctions",
    )


def _from_state(path: Path, state: object, counter: FramingCounter | None) -> Tagger:
    """Check a loaded state and build the tagger."""
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise FramingInputError(path, "is a skops file but not a saved tagger of analysis.learn.")
    if state.get("format_version") != FORMAT_VERSION:
        raise FramingInputError(path, f"has tagger format {state.get('format_version')}, not {FORMAT_VERSION}: "
                                "retrain it with this version (framing train).")  # fmt: skip
    if sorted(state) not in (sorted(_STATE_KEYS), sorted(_STATE_KEYS + _CRF_KEYS)):
        raise FramingInputError(path, "is a skops file but not a saved tagger of analysis.learn.")
    names, weights = state["feature_names"], state["weights"]
    if not (isinstance(names, np.ndarray) and isinstance(weights, np.ndarray) and weights.shape == (len(names), 2)
            and np.isfinite(weights).all()):  # fmt: skip
        raise FramingInputError(path, "has feature names and weights that do not fit together.")
    card = json.loads(state["card"])
    words = _card_words(path, card)
    if state["resource_sha256"] != words.sha256:
        raise FramingInputError(path, "was trained with other distributional word features than the shipped "
                                f"ones (SHA-256 {state['resource_sha256'][:12]}…).")  # fmt: skip
    net = _network(path, state, words)
    return Tagger([str(n) for n in names], weights, tuple(state["intercepts"]), float(state["threshold"]),
                  card=card, words=words, counter=counter, net=net, loadedness=state["loadedness"],
                  mix=float(state["mix"]), smoothing=float(state["smoothing"]), crf=_crf(path, state))  # fmt: skip


def _crf(path: Path, state: dict) -> tuple[np.ndarray, np.ndarray, float] | None:
    """The saved CRF (``None`` without one), its shapes checked."""
    if "crf_state" not in state:
        return None
    crf_state, transitions, weight = (state[key] for key in _CRF_KEYS)
    if not (isinstance(crf_state, np.ndarray) and isinstance(transitions, np.ndarray)
            and crf_state.shape == (len(state["feature_names"]), 3) and transitions.shape == (3, 3)
            and np.isfinite(crf_state).all() and np.isfinite(transitions).all() and 0 <= float(weight) <= 1):  # fmt: skip
        raise FramingInputError(path, "has CRF weights that do not fit its features.")
    return crf_state, transitions, float(weight)


def _card_words(path: Path, card: object) -> WordFeatures:
    """The shipped word features with the row look-up the card names (the plain one if it names none)."""
    found = card.get("word_inputs") if isinstance(card, dict) else None
    if found is None:
        return default_word_features()
    if not (isinstance(found, dict) and found.get("inputs") in INPUTS):
        raise FramingInputError(path, f"names an unknown word-row look-up {found!r}.")
    words = word_features_for(found["inputs"])
    if words.proxy_sha256 != found.get("proxy_sha256"):
        raise FramingInputError(path, "was trained with another proxy table than the shipped one "
                                f"(SHA-256 {str(found.get('proxy_sha256'))[:12]}…).")  # fmt: skip
    return words


def _network(path: Path, state: dict, words: WordFeatures) -> WindowNet | None:
    """The saved window network (``None`` if it has no hidden units), its shapes checked."""
    w1, b1, w2 = state["net_w1"], state["net_b1"], state["net_w2"]
    loadedness = state["loadedness"]
    width = len(TYPE_BLOCKS) * block_width(words) + len(TOKEN_FLAGS)
    arrays = (w1, b1, w2, loadedness)
    if not (all(isinstance(a, np.ndarray) and np.isfinite(a).all() for a in arrays) and w1.shape == (width, len(b1))
            and w2.shape == b1.shape and loadedness.shape == (len(words.vectors),)
            and 0 <= float(state["mix"]) <= 1 and 0 <= float(state["smoothing"]) <= 1):  # fmt: skip
        raise FramingInputError(path, "has a window network, loadedness table or mixing weights that do not fit "
                                "the shipped word features.")  # fmt: skip
    return WindowNet(w1, b1, w2, float(state["net_b2"])) if len(b1) else None


def load_default_tagger() -> Tagger:
    """The default tagger shipped in the package (trained on the bundled ArMPro dev extract).

    Returns
    -------
    Tagger
    """
    return load_tagger(DEFAULT_MODEL_PATH)


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """The threadpoolctl controller, created once (it scans the loaded libraries)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread() -> Any:
    """A context in which BLAS runs on one thread.

    The tagger's matrix products are small (a hidden layer of 128 units, a CRF of three states).
    OpenBLAS's worker threads busy-wait after each of them, taking a core from the Python work
    between batches: with one thread, the benchmark tagged 20,000 articles with half the CPU time
    and in less wall time (cached 1.19x CountVectorizer's time against 1.41x, first pass 1.70x
    against 1.81x; ``benchmarks/bench_tagger.py``, 2026-12-01, 2 cores).
    """
    return _blas_controller().limit(limits=1, user_api="blas")

"""Features of word tokens, computed once per word type and assembled per token.

A document is analysed once by :meth:`analysis.pipeline.FramingCounter.analyze_text`
(the project's tokenizer, normalizer, quoted speech and dictionary hits); only its
*word* tokens (kinds in :data:`analysis.tokenize.WORD_KINDS`) are tagged.  Each word
token gets features from five *blocks*:

* ``0`` — its own type: the normalized word, its clitic-stripped core, prefixes and
  suffixes, character 3- and 4-grams of the core, the shape (number, Latin, length),
  the distributional cluster ids and vector (:mod:`analysis.learn.distributional`; with
  the ``stems``/``proxies`` inputs a word outside the vocabulary borrows a row and is
  marked ``0:vec=borrowed``);
* ``-1``/``+1`` — the previous/next word's type: word, core and clusters;
* ``-2``/``+2`` — two words away: core and the 256-way cluster;
* ``t`` — the token itself in its document: inside attributed quoted speech,
  first/last word of its sentence, relative position in the sentence, inside a
  dictionary term hit (and its category), next to one, inside an actor mention.

Neighbours stop at sentence boundaries (``<s>`` and ``</s>`` stand in).  Because the
blocks ``0``..``+2`` depend on the word type only, a linear model's score of a token
is a sum of per-type numbers that are computed once per type
(:class:`analysis.learn.model.Tagger`).  The ``t`` block is computed with numpy over
the whole document (:class:`TokenFlags`); its feature dictionaries are built only
when asked for (training, explanations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, compress

import numpy as np

from ..arabic import ENCLITICS, proclitic_variants
from ..pipeline import DocumentAnalysis, FramingCounter
from ..tokenize import WORD_KINDS
from .distributional import WordFeatures

#: Blocks of type features, in the order their scores are stored.
TYPE_BLOCKS: tuple[str, ...] = ("0", "-1", "+1", "-2", "+2")
#: Offset of each type block's word from the token.
BLOCK_OFFSETS: dict[str, int] = {"0": 0, "-1": -1, "+1": 1, "-2": -2, "+2": 2}
BEFORE, AFTER = "<s>", "</s>"
_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_SUFFIXES = tuple(sorted(ENCLITICS, key=len, reverse=True))


@lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    return tuple(sorted((p for p in proclitic_variants("") if p), key=len, reverse=True))


def _by_length(affixes: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Affixes grouped by length, longest first: a word starts (ends) with at most one affix of each length."""
    lengths = sorted({len(a) for a in affixes}, reverse=True)
    return tuple((k, frozenset(a for a in affixes if len(a) == k)) for k in lengths)


@lru_cache(maxsize=1)
def _affix_sets() -> tuple[tuple[tuple[int, frozenset[str]], ...], tuple[tuple[int, frozenset[str]], ...]]:
    return _by_length(_prefixes()), _by_length(_SUFFIXES)


@lru_cache(maxsize=200_000)
def strip_clitics(norm: str, min_stem: int = 3) -> str:
    """Strip one proclitic cluster and one pronoun enclitic, keeping a stem of ``min_stem`` letters.

    A heuristic core for features only (matching never strips clitics): the
    longest proclitic spelling (``وبال``, ``لل``, ``ال`` ...) and the longest
    pronoun suffix (``هم``, ``ها`` ...) are removed when enough letters remain.
    Affixes are looked up by length (one set look-up per length, not one test per affix).

    Parameters
    ----------
    norm : str
        A normalized word.
    min_stem : int, optional
        Letters that must remain.

    Returns
    -------
    str

    Examples
    --------
    >>> strip_clitics("والمليشيات"), strip_clitics("حكومتهم"), strip_clitics("ولد")
    ('مليشيات', 'حكومت', 'ولد')
    """
    prefixes, suffixes = _affix_sets()
    core = norm
    for k, options in prefixes:
        if len(core) - k >= min_stem and core[:k] in options:
            core = core[k:]
            break
    for k, options in suffixes:
        if len(core) - k >= min_stem and core[-k:] in options:
            core = core[:-k]
            break
    return core


class TypeFeaturizer:
    """Feature dictionaries of word types, per block, computed once per type.

    Parameters
    ----------
    words : WordFeatures
        The distributional resource.
    cache : bool, optional
        Keep every type's features (training); off when the caller caches
        something smaller (the tagger keeps scores).
    """

    def __init__(self, words: WordFeatures, *, cache: bool = True):
        self.words = words
        self.cache = cache
        self._cache: dict[tuple[str, str], dict[str, float]] = {}
        self._row_names: dict[int, tuple[list[str], ...]] = {}

    def features(self, norm: str, block: str) -> dict[str, float]:
        """Features of type ``norm`` in ``block`` (names prefixed ``block:``).

        Parameters
        ----------
        norm : str
            A normalized word, or ``<s>``/``</s>`` for a sentence boundary.
        block : str
            One of :data:`TYPE_BLOCKS`.

        Returns
        -------
        dict of str to float
        """
        key = (norm, block)
        found = self._cache.get(key)
        if found is None:
            row, names = self.indicator_names(norm)
            every = [self._dictionary(block, row, part) for block, part in zip(TYPE_BLOCKS, names)]
            if self.cache:  # a type is asked for in every block
                self._cache.update({(norm, b): features for b, features in zip(TYPE_BLOCKS, every)})
            found = every[TYPE_BLOCKS.index(block)]
        return found

    def _dictionary(self, block: str, row: int, names: list[str]) -> dict[str, float]:
        """A block's feature dictionary: its indicators, then the vector dimensions in block ``0``."""
        features = dict.fromkeys(names, 1.0)
        if block == "0" and row >= 0:
            features.update({f"0:v{i}": float(x) for i, x in enumerate(self.words.vectors[row])})
        return features

    def indicator_names(self, norm: str) -> tuple[int, list[list[str]]]:
        """The vocabulary row of type ``norm`` and its indicator features in every block.

        Every feature of a type is an indicator (value 1) except the vector
        dimensions ``0:v<i>`` of block ``0``, which stand for the row: a tagger sums
        the weights of the indicators and adds the row's vector score from one matrix
        product over the vocabulary.

        Parameters
        ----------
        norm : str
            A normalized word, or ``<s>``/``</s>``.

        Returns
        -------
        row : int
            Row in the word vectors, ``-1`` for a word without one or a boundary marker.
        names : list of list of str
            Per block of :data:`TYPE_BLOCKS`, the names in the order of :meth:`features`
            (each once).
        """
        if norm in (BEFORE, AFTER):
            return -1, [[f"{block}:w={norm}"] for block in TYPE_BLOCKS]
        core, row = self.core_and_row(norm)
        return row, self.layout(self.word_names(norm), self.core_names(core), self.prefix_names(norm),
                                *self.other_names(norm, core), self.row_names(row),
                                self.borrowed_names(norm, core, row))  # fmt: skip

    # The indicators of a type come in parts, each depending on one thing only (the word, its core,
    # its first letters, its vocabulary row: that part is kept per row); ``layout`` puts them in the
    # order of the features.  (Caching the core's part per core as well measured no faster.)

    def core_and_row(self, norm: str) -> tuple[str, int]:
        """Clitic-stripped core and vocabulary row (``-1``: none) of a word type."""
        core = strip_clitics(norm)
        return core, self.words.row(norm, core)

    @staticmethod
    def layout(word: list, core: tuple[list, ...], prefix: list, clitic: list, shape: list,
               row: tuple[list, ...], borrowed: list) -> list[list]:  # fmt: skip
        """The parts of a type's indicators (names, or anything in their place) per block, in order.

        Parameters
        ----------
        word, core, prefix, clitic, shape, row, borrowed
            As returned by :meth:`word_names`, :meth:`core_names`, :meth:`prefix_names`,
            :meth:`other_names`, :meth:`row_names` and :meth:`borrowed_names` (or the same
            lists mapped elementwise).

        Returns
        -------
        list of list
            One list per block of :data:`TYPE_BLOCKS`.
        """
        return [
            [word[0], *core[0], *prefix, *core[1], *clitic, *core[2], *shape, *row[0], *borrowed],
            [word[1], *core[3], *row[1]],
            [word[2], *core[4], *row[2]],
            core[5] + row[3],
            core[6] + row[4],
        ]

    @staticmethod
    def word_names(norm: str) -> list[str]:
        """The word itself in blocks ``0``, ``-1``, ``+1``."""
        return [f"0:w={norm}", f"-1:w={norm}", f"+1:w={norm}"]

    @staticmethod
    def core_names(core: str) -> tuple[list[str], ...]:
        """What the core gives: block ``0``'s core, then suffixes and length, then character 3- and 4-grams
        (each once); the core in blocks ``-1``, ``+1``, ``-2``, ``+2``."""
        padded = f"<{core}>"
        grams = dict.fromkeys(f"0:g{n}={padded[i : i + n]}" for n in (3, 4) for i in range(len(padded) - n + 1))
        return ([f"0:core={core}"], [f"0:s1={core[-1:]}", f"0:s2={core[-2:]}", f"0:s3={core[-3:]}",
                                      f"0:len={min(len(core), 8)}"], list(grams),
                *([f"{block}:core={core}"] for block in TYPE_BLOCKS[1:]))  # fmt: skip

    @staticmethod
    def prefix_names(norm: str) -> list[str]:
        """The first letter and the first two."""
        return [f"0:p1={norm[:1]}", f"0:p2={norm[:2]}"]

    @staticmethod
    def other_names(norm: str, core: str) -> tuple[list[str], list[str]]:
        """The clitics stripped (if any) and the shape (number, Latin; if either)."""
        clitic = []
        if core != norm:
            clitic.append(f"0:clitic={norm[: norm.find(core)]}+{norm[norm.find(core) + len(core) :]}")
        if _DIGIT.search(norm):
            return clitic, ["0:shape=number"]
        return clitic, ["0:shape=latin"] if _LATIN.search(norm) else []

    def borrowed_names(self, norm: str, core: str, row: int) -> list[str]:
        """``0:vec=borrowed`` when the row is another word's (its light stem's or its proxy's: the
        ``stems``/``proxies`` inputs), else nothing."""
        index = self.words.index
        if row >= 0 and self.words.stems and norm not in index and core not in index:
            return ["0:vec=borrowed"]
        return []

    def row_names(self, row: int) -> tuple[list[str], ...]:
        """What the vocabulary row (``-1``: none) gives in each block: the clusters (``0:vec=unk`` without a row)."""
        found = self._row_names.get(row)
        if found is None:  # one per vocabulary row (and one for unknown words), whatever ``cache`` says
            if row < 0:
                clusters = [f"c{k}=unk" for k in self.words.granularities]
            else:
                clusters = [f"c{k}={c}" for k, c in zip(self.words.granularities, self.words.clusters[row].tolist())]
            second = clusters[1] if len(clusters) > 1 else clusters[0]
            found = self._row_names[row] = (
                [f"0:{name}" for name in clusters] + (["0:vec=unk"] if row < 0 else []),
                *([f"{block}:{name}" for name in clusters[1:]] for block in ("-1", "+1")),
                *([f"{block}:{second}"] for block in ("-2", "+2")),
            )  # fmt: skip
        return found


#: Bits of a token's flag code (:meth:`TokenFlags.codes`); the two lowest hold the quarter of the sentence.
_QUOTED, _FIRST, _LAST, _NEAR, _ACTOR = 4, 8, 16, 32, 64
#: Codes below this carry no dictionary category (a term hit adds ``FLAG_CODES * (category id + 1)``).
FLAG_CODES = 128


@dataclass
class TokenFlags:
    """The ``t`` block of a document's word tokens, as arrays (one entry per word token).

    Computed with numpy over the whole document; the feature dictionaries of
    :attr:`WordTokens.token_features` are built from them only when asked for
    (training, explanations), while a tagger scores the few distinct flag codes.
    The position flags (:attr:`quarter`, :attr:`first`, :attr:`last`) follow from
    the sentence numbers and are computed on first use: a tagger joins a batch's
    documents first (:func:`joined_word_tokens`) and computes them once per batch,
    a dozen array operations saved per document.

    Attributes
    ----------
    sentence : numpy.ndarray
        1-based sentence number of each word token (equal numbers are one run: a
        sentence's words are consecutive).
    quoted, near, actor : numpy.ndarray of bool
        Inside attributed quoted speech; next to a dictionary term hit (and not
        inside one); inside an actor mention.
    terms : dict of int to str
        Word tokens inside a term hit → the hit's category.
    """

    sentence: np.ndarray
    quoted: np.ndarray
    near: np.ndarray
    actor: np.ndarray
    terms: dict[int, str]

    @cached_property
    def _position(self) -> tuple[np.ndarray, np.ndarray]:
        """Each word's position among its sentence's words (from 0), and the sentence's length in words."""
        sentences = self.sentence
        n = len(sentences)
        # position among the sentence's words: since the start of its run of one sentence number
        steps = np.arange(n)
        run_start = np.ones(n, dtype=bool)
        np.not_equal(sentences[1:], sentences[:-1], out=run_start[1:])
        position = steps - np.maximum.accumulate(np.where(run_start, steps, 0)) if n else steps
        length = np.bincount(sentences)[sentences]  # every word of the sentence number
        return position, length

    @property
    def quarter(self) -> np.ndarray:
        """``min(3, 4 * position // sentence length)``: the quarter of the sentence."""
        position, length = self._position
        return np.minimum(4 * position // np.maximum(length, 1), 3)

    @property
    def first(self) -> np.ndarray:
        """Whether each word is the first of its sentence."""
        return self._position[0] == 0

    @property
    def last(self) -> np.ndarray:
        """Whether each word is the last of its sentence."""
        position, length = self._position
        return position == length - 1

    def codes(self) -> np.ndarray:
        """One integer below :data:`FLAG_CODES` per word token: every flag but the term category."""
        return (self.quarter | self.quoted * _QUOTED | self.first * _FIRST | self.last * _LAST | self.near * _NEAR
                | self.actor * _ACTOR)  # fmt: skip

    def features(self) -> list[dict[str, float]]:
        """The ``t`` feature dictionary of every word token."""
        terms = self.terms
        return [flag_features(code, terms.get(k, "")) for k, code in enumerate(self.codes().tolist())]


def flag_features(code: int, category: str) -> dict[str, float]:
    """The ``t`` features of a flag code (:meth:`TokenFlags.codes`) and term category (``''``: none).

    Parameters
    ----------
    code : int
        Below :data:`FLAG_CODES`.
    category : str
        The category of the term hit over the token, or ``''``.

    Returns
    -------
    dict of str to float

    Examples
    --------
    >>> flag_features(2 | 8, ""), flag_features(32, "x")
    ({'t:pos=2': 1.0, 't:sent_first': 1.0}, {'t:pos=0': 1.0, 't:dict_term': 1.0, 't:dict_cat=x': 1.0})
    """
    features = {f"t:pos={code & 3}": 1.0}
    if code & _QUOTED:
        features["t:quoted"] = 1.0
    if code & _FIRST:
        features["t:sent_first"] = 1.0
    if code & _LAST:
        features["t:sent_last"] = 1.0
    if category:
        features["t:dict_term"] = 1.0
        features[f"t:dict_cat={category}"] = 1.0
    elif code & _NEAR:
        features["t:dict_near"] = 1.0
    if code & _ACTOR:
        features["t:actor"] = 1.0
    return features


@dataclass
class WordTokens:
    """The word tokens of one document, with what the features need.

    Attributes
    ----------
    doc_id, text : str
        The document.
    index : numpy.ndarray
        Position of each word token among all tokens of the document.
    start, end : numpy.ndarray
        Character offsets into ``text``.
    norm : list of str
        Normalized forms.
    flags : TokenFlags
        The ``t`` block of every word token, as arrays.
    sentence : numpy.ndarray
        1-based sentence number of each word token.
    """

    doc_id: str
    text: str
    index: np.ndarray
    start: np.ndarray
    end: np.ndarray
    norm: list[str]
    flags: TokenFlags
    sentence: np.ndarray
    _shifted: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.norm)

    @cached_property
    def token_features(self) -> list[dict[str, float]]:
        """The ``t`` block of each word token as a feature dictionary."""
        return self.flags.features()

    @cached_property
    def neighbours(self) -> dict[str, list[str]]:
        """For each type block, the norm of the word at its offset (or ``<s>``/``</s>``)."""
        sentences = self.sentence.tolist()
        found = {block: _neighbours(self.norm, sentences, offset) for block, offset in BLOCK_OFFSETS.items() if offset}
        return {"0": self.norm, **found}

    def shifted(self, offset: int) -> tuple[np.ndarray, np.ndarray]:
        """Index of the word ``offset`` places away, and whether it is in the same sentence.

        Parameters
        ----------
        offset : int
            Words to the left (negative) or right (positive).

        Returns
        -------
        index, valid : numpy.ndarray
            ``index`` is clipped into range; use it only where ``valid``.  Kept: the
            model asks for the same offsets several times per document.
        """
        found = self._shifted.get(offset)
        if found is None:
            n = len(self.norm)
            target = np.arange(offset, n + offset)
            index = np.clip(target, 0, max(n - 1, 0))
            valid = (target >= 0) & (target < n) & (self.sentence[index] == self.sentence)
            found = self._shifted[offset] = (index, valid)
        return found


def word_tokens(counter: FramingCounter, doc_id: str, text: str) -> WordTokens:
    """Analyse one text and collect its word tokens and their per-token features.

    Parameters
    ----------
    counter : FramingCounter
        Tokenizes, marks quoted speech and finds the dictionary's hits.
    doc_id, text : str
        The document.

    Returns
    -------
    WordTokens
    """
    return analysed_word_tokens(counter.analyze_text(text, doc_id))


def analysed_word_tokens(analysis: DocumentAnalysis) -> WordTokens:
    """The word tokens of a document the counter has already analysed (no second tokenization).

    Parameters
    ----------
    analysis : DocumentAnalysis
        From :meth:`analysis.pipeline.FramingCounter.analyze_text`; its dictionary hits
        become features, so they must come from the lexicons the model was trained with.

    Returns
    -------
    WordTokens
    """
    tokens = analysis.tokens
    is_word = np.fromiter(map(WORD_KINDS.__contains__, tokens.kind), dtype=bool, count=len(tokens.kind))
    index = np.flatnonzero(is_word)
    n = len(is_word)
    # fromiter converts a list of ints a third faster than array (no type discovery)
    sentences = np.fromiter(tokens.sentence, dtype=np.int64, count=n)[index]
    return WordTokens(
        analysis.doc_id, tokens.text, index, np.fromiter(tokens.start, dtype=np.int64, count=n)[index],
        np.fromiter(tokens.end, dtype=np.int64, count=n)[index], list(compress(tokens.norm, is_word.tolist())),
        _token_flags(analysis, index, sentences), sentences,
    )  # fmt: skip


def joined_word_tokens(docs: list[WordTokens]) -> WordTokens:
    """The word tokens of several documents as one, so that a batch is tagged with one pass of array operations.

    Token indexes and sentence numbers are shifted past the previous document's (with a gap of one),
    so no window, neighbour or adjacent word reaches from one document into the next: each token's
    features, and so its scores, are those it has in its own document.

    Parameters
    ----------
    docs : list of WordTokens
        Documents, in order.

    Returns
    -------
    WordTokens
        ``doc_id`` and ``text`` empty (offsets still refer to each document's own text); the
        documents' tokens one after the other.
    """
    lengths = [len(doc) for doc in docs]
    # the last (largest) token index and sentence number of each document, then the shift of each
    last_index = [int(doc.index[-1]) + 2 if len(doc) else 0 for doc in docs]
    last_sentence = [int(doc.sentence[-1]) + 1 if len(doc) else 0 for doc in docs]
    index_shift = np.repeat(np.cumsum([0, *last_index[:-1]]), lengths)
    sentence_shift = np.repeat(np.cumsum([0, *last_sentence[:-1]]), lengths)
    word_shift = np.cumsum([0, *lengths[:-1]]).tolist()
    flags = [doc.flags for doc in docs]
    arrays = {name: np.concatenate([getattr(f, name) for f in flags]) for name in ("quoted", "near", "actor")}
    terms = {k + shift: category for f, shift in zip(flags, word_shift) for k, category in f.terms.items()}
    # distinct sentence numbers in every document: the position flags, computed once for the batch, are each one's
    sentences = np.concatenate([doc.sentence for doc in docs]) + sentence_shift
    joined = TokenFlags(sentences, **arrays, terms=terms)
    return WordTokens(
        "", "", np.concatenate([doc.index for doc in docs]) + index_shift,
        np.concatenate([doc.start for doc in docs]), np.concatenate([doc.end for doc in docs]),
        list(chain.from_iterable(doc.norm for doc in docs)), joined, sentences,
    )  # fmt: skip


def _neighbours(norms: list[str], sentences: list[int], offset: int) -> list[str]:
    """Norm of the word ``offset`` places away in the same sentence, else a boundary marker."""
    n = len(norms)
    out = []
    for i in range(n):
        j = i + offset
        if 0 <= j < n and sentences[j] == sentences[i]:
            out.append(norms[j])
        else:
            out.append(BEFORE if offset < 0 else AFTER)
    return out


def _token_flags(analysis: DocumentAnalysis, index: np.ndarray, sentences: np.ndarray) -> TokenFlags:
    """The ``t`` block: quoted speech, sentence position, dictionary hits (over word tokens ``index``)."""
    tokens = analysis.tokens
    n_tokens, n = len(tokens.norm), len(index)
    categories: dict[int, str] = {}
    actors: list[tuple[int, int]] = []
    for hit in analysis.hits:
        if hit.kind == "term":
            categories.update(dict.fromkeys(range(hit.token_start, hit.token_end), hit.category))
        else:
            actors.append((hit.token_start, hit.token_end))
    marked = [i for i, category in categories.items() if category]  # the last hit over a token decides
    near = actor = np.zeros(n, dtype=bool)
    if marked:
        term = np.zeros(n_tokens + 2, dtype=bool)  # padded by one token on each side: no bounds checks
        term[np.array(marked, dtype=np.int64) + 1] = True
        near = (term[index] | term[index + 2]) & ~term[index + 1]
    if actors:
        cover = np.zeros(n_tokens, dtype=bool)
        for start, end in actors:
            cover[start:end] = True
        actor = cover[index]
    return TokenFlags(
        sentence=sentences,
        quoted=np.fromiter(tokens.quoted, dtype=bool, count=n_tokens)[index],
        near=near,
        actor=actor,
        terms=_word_positions(index, categories, marked) if marked else {},
    )


def _word_positions(index: np.ndarray, categories: dict[int, str], marked: list[int]) -> dict[int, str]:
    """``categories`` of the tokens ``marked``, keyed by word-token position (tokens that are not words left out)."""
    at = np.searchsorted(index, marked).tolist()
    return {k: categories[i] for k, i in zip(at, marked) if k < len(index) and index[k] == i}


def token_feature_dicts(doc: WordTokens, featurizer: TypeFeaturizer) -> list[dict[str, float]]:
    """All features of each word token as one dictionary (for a CRF or inspection).

    Parameters
    ----------
    doc : WordTokens
        One document's word tokens.
    featurizer : TypeFeaturizer
        Type features.

    Returns
    -------
    list of dict
    """
    out = []
    for i in range(len(doc)):
        features = dict(doc.token_features[i])
        for block in TYPE_BLOCKS:
            features.update(featurizer.features(doc.neighbours[block][i], block))
        out.append(features)
    return out

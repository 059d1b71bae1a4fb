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
from itertools import compress

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


@lru_cache(maxsize=200_000)
def strip_clitics(norm: str, min_stem: int = 3) -> str:
    """Strip one proclitic cluster and one pronoun enclitic, keeping a stem of ``min_stem`` letters.

    A heuristic core for features only (matching never strips clitics): the
    longest proclitic spelling (``وبال``, ``لل``, ``ال`` ...) and the longest
    pronoun suffix (``هم``, ``ها`` ...) are removed when enough letters remain.

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
    core = norm
    for prefix in _prefixes():
        if core.startswith(prefix) and len(core) - len(prefix) >= min_stem:
            core = core[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and len(core) - len(suffix) >= min_stem:
            core = core[: -len(suffix)]
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
    vectors : bool, optional
        Include the word's vector dimensions (``0:v<i>``) in block ``0``; the tagger
        leaves them out and adds their score from one matrix product over the vocabulary.
    """

    def __init__(self, words: WordFeatures, *, cache: bool = True, vectors: bool = True):
        self.words = words
        self.cache = cache
        self.vectors = vectors
        self._cache: dict[tuple[str, str], dict[str, float]] = {}
        self._cluster_names: dict[int, list[str]] = {}

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
            found = self._block(norm, block, *self._pieces(norm))
            if self.cache:
                self._cache[key] = found
        return found

    def all_blocks(self, norm: str) -> list[dict[str, float]]:
        """:meth:`features` of type ``norm`` in every block of :data:`TYPE_BLOCKS`, in order.

        The core, vocabulary row and clusters are looked up once for all blocks (a
        tagger scores each new type in every window position at once).

        Parameters
        ----------
        norm : str
            A normalized word, or ``<s>``/``</s>``.

        Returns
        -------
        list of dict of str to float
        """
        pieces = self._pieces(norm)
        return [self._block(norm, block, *pieces) for block in TYPE_BLOCKS]

    def _pieces(self, norm: str) -> tuple[str, int, list[str]]:
        """Core, vocabulary row and cluster names of a type (unused for a boundary marker)."""
        if norm in (BEFORE, AFTER):
            return norm, -1, []
        core = strip_clitics(norm)
        row = self.words.row(norm, core)
        found = self._cluster_names.get(row)
        if found is None:  # one list per vocabulary row (and one for unknown words), whatever ``cache`` says
            if row < 0:
                found = [f"c{k}=unk" for k in self.words.granularities]
            else:
                found = [f"c{k}={c}" for k, c in zip(self.words.granularities, self.words.clusters[row].tolist())]
            self._cluster_names[row] = found
        return core, row, found

    def _block(self, norm: str, block: str, core: str, row: int, clusters: list[str]) -> dict[str, float]:
        if norm in (BEFORE, AFTER):
            return {f"{block}:w={norm}": 1.0}
        if block == "0":
            return self._own(norm, core, row, clusters)
        return self._context(norm, block, core, clusters)

    def _own(self, norm: str, core: str, row: int, clusters: list[str]) -> dict[str, float]:
        names = [f"0:w={norm}", f"0:core={core}", f"0:p1={norm[:1]}", f"0:p2={norm[:2]}", f"0:s1={core[-1:]}",
                 f"0:s2={core[-2:]}", f"0:s3={core[-3:]}", f"0:len={min(len(core), 8)}"]  # fmt: skip
        if core != norm:
            names.append(f"0:clitic={norm[: norm.find(core)]}+{norm[norm.find(core) + len(core) :]}")
        padded = f"<{core}>"
        names += [f"0:g{n}={padded[i : i + n]}" for n in (3, 4) for i in range(len(padded) - n + 1)]
        if _DIGIT.search(norm):
            names.append("0:shape=number")
        elif _LATIN.search(norm):
            names.append("0:shape=latin")
        names += ["0:" + name for name in clusters]
        features = dict.fromkeys(names, 1.0)
        if row >= 0:
            if self.words.stems and norm not in self.words.index and core not in self.words.index:
                features["0:vec=borrowed"] = 1.0  # the row of another word (its light stem's or its proxy's)
            if self.vectors:
                features.update({f"0:v{i}": float(x) for i, x in enumerate(self.words.vectors[row])})
        else:
            features["0:vec=unk"] = 1.0
        return features

    @staticmethod
    def _context(norm: str, block: str, core: str, clusters: list[str]) -> dict[str, float]:
        if block in ("-1", "+1"):
            names = [f"{block}:w={norm}", f"{block}:core={core}", *(f"{block}:{name}" for name in clusters[1:])]
        else:
            names = [f"{block}:core={core}", f"{block}:{clusters[1] if len(clusters) > 1 else clusters[0]}"]
        return dict.fromkeys(names, 1.0)


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

    Attributes
    ----------
    quarter : numpy.ndarray
        ``min(3, 4 * position // sentence length)``: the quarter of the sentence.
    quoted, first, last, near, actor : numpy.ndarray of bool
        Inside attributed quoted speech; first/last word of its sentence; next to a
        dictionary term hit (and not inside one); inside an actor mention.
    terms : dict of int to str
        Word tokens inside a term hit → the hit's category.
    """

    quarter: np.ndarray
    quoted: np.ndarray
    first: np.ndarray
    last: np.ndarray
    near: np.ndarray
    actor: np.ndarray
    terms: dict[int, str]

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
    sentences = np.array(tokens.sentence, dtype=np.int64)[index]
    return WordTokens(
        analysis.doc_id, tokens.text, index, np.array(tokens.start, dtype=np.int64)[index],
        np.array(tokens.end, dtype=np.int64)[index], list(compress(tokens.norm, is_word.tolist())),
        _token_flags(analysis, index, sentences), sentences,
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
    # position among the sentence's words: since the start of its run of one sentence number
    steps = np.arange(n)
    run_start = np.ones(n, dtype=bool)
    np.not_equal(sentences[1:], sentences[:-1], out=run_start[1:])
    position = steps - np.maximum.accumulate(np.where(run_start, steps, 0)) if n else steps
    length = np.bincount(sentences)[sentences]  # every word of the sentence number
    return TokenFlags(
        quarter=np.minimum(4 * position // np.maximum(length, 1), 3), quoted=np.array(tokens.quoted, dtype=bool)[index],
        first=position == 0, last=position == length - 1, near=near, actor=actor,
        terms=_word_positions(index, categories, marked) if marked else {},
    )  # fmt: skip


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

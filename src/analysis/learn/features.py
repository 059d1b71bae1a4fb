"""Features of word tokens, computed once per word type and assembled per token.

A document is analysed once by :meth:`analysis.pipeline.FramingCounter.analyze_text`
(the project's tokenizer, normalizer, quoted speech and dictionary hits); only its
*word* tokens (kinds in :data:`analysis.tokenize.WORD_KINDS`) are tagged.  Each word
token gets features from five *blocks*:

* ``0`` — its own type: the normalized word, its clitic-stripped core, prefixes and
  suffixes, character 3- and 4-grams of the core, the shape (number, Latin, length),
  the distributional cluster ids and vector (:mod:`analysis.learn.distributional`);
* ``-1``/``+1`` — the previous/next word's type: word, core and clusters;
* ``-2``/``+2`` — two words away: core and the 256-way cluster;
* ``t`` — the token itself in its document: inside attributed quoted speech,
  first/last word of its sentence, relative position in the sentence, inside a
  dictionary term hit (and its category), next to one, inside an actor mention.

Neighbours stop at sentence boundaries (``<s>`` and ``</s>`` stand in).  Because the
blocks ``0``..``+2`` depend on the word type only, a linear model's score of a token
is a sum of per-type numbers that are computed once per type
(:class:`analysis.learn.model.Tagger`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

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
            if norm in (BEFORE, AFTER):
                found = {f"{block}:w={norm}": 1.0}
            elif block == "0":
                found = self._own(norm)
            else:
                found = self._context(norm, block)
            if self.cache:
                self._cache[key] = found
        return found

    def _clusters(self, norm: str, core: str) -> list[str]:
        row = self.words.row(norm, core)
        if row < 0:
            return [f"c{k}=unk" for k in self.words.granularities]
        return [f"c{k}={c}" for k, c in zip(self.words.granularities, self.words.clusters[row])]

    def _own(self, norm: str) -> dict[str, float]:
        core = strip_clitics(norm)
        names = [f"w={norm}", f"core={core}", f"p1={norm[:1]}", f"p2={norm[:2]}", f"s1={core[-1:]}",
                 f"s2={core[-2:]}", f"s3={core[-3:]}", f"len={min(len(core), 8)}"]  # fmt: skip
        if core != norm:
            names.append(f"clitic={norm[: norm.find(core)]}+{norm[norm.find(core) + len(core) :]}")
        padded = f"<{core}>"
        names += [f"g{n}={padded[i : i + n]}" for n in (3, 4) for i in range(len(padded) - n + 1)]
        if _DIGIT.search(norm):
            names.append("shape=number")
        elif _LATIN.search(norm):
            names.append("shape=latin")
        names += self._clusters(norm, core)
        features = dict.fromkeys((f"0:{name}" for name in names), 1.0)
        row = self.words.row(norm, core)
        if row >= 0:
            if self.vectors:
                features.update({f"0:v{i}": float(x) for i, x in enumerate(self.words.vectors[row])})
        else:
            features["0:vec=unk"] = 1.0
        return features

    def _context(self, norm: str, block: str) -> dict[str, float]:
        core = strip_clitics(norm)
        clusters = self._clusters(norm, core)
        if block in ("-1", "+1"):
            names = [f"w={norm}", f"core={core}", *clusters[1:]]
        else:
            names = [f"core={core}", clusters[1] if len(clusters) > 1 else clusters[0]]
        return dict.fromkeys((f"{block}:{name}" for name in names), 1.0)


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
    token_features : list of dict
        The ``t`` block of each word token.
    sentence : numpy.ndarray
        1-based sentence number of each word token.
    """

    doc_id: str
    text: str
    index: np.ndarray
    start: np.ndarray
    end: np.ndarray
    norm: list[str]
    token_features: list[dict[str, float]]
    sentence: np.ndarray

    def __len__(self) -> int:
        return len(self.norm)

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
            ``index`` is clipped into range; use it only where ``valid``.
        """
        n = len(self.norm)
        target = np.arange(n) + offset
        index = np.clip(target, 0, max(n - 1, 0))
        valid = (target >= 0) & (target < n) & (self.sentence[index] == self.sentence)
        return index, valid


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
    doc_id, text = analysis.doc_id, tokens.text
    index = [i for i, kind in enumerate(tokens.kind) if kind in WORD_KINDS]
    norms = [tokens.norm[i] for i in index]
    sentences = [tokens.sentence[i] for i in index]
    return WordTokens(
        doc_id, text, np.array(index, dtype=np.int64), np.array([tokens.start[i] for i in index], dtype=np.int64),
        np.array([tokens.end[i] for i in index], dtype=np.int64), norms,
        _token_features(analysis, index, sentences), np.array(sentences, dtype=np.int64),
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


def _hit_marks(analysis: DocumentAnalysis, n_tokens: int) -> tuple[list[str], list[bool]]:
    """Per token of the document: the category of a term hit over it ('' if none), and actor cover."""
    term = [""] * n_tokens
    actor = [False] * n_tokens
    for hit in analysis.hits:
        for i in range(hit.token_start, hit.token_end):
            if hit.kind == "term":
                term[i] = hit.category
            else:
                actor[i] = True
    return term, actor


def _token_features(analysis: DocumentAnalysis, index: list[int], sentences: list[int]) -> list[dict[str, float]]:
    """The ``t`` block: quoted speech, sentence position, dictionary hits."""
    tokens = analysis.tokens
    term, actor = _hit_marks(analysis, len(tokens))
    counts: dict[int, int] = {}
    for s in sentences:
        counts[s] = counts.get(s, 0) + 1
    out = []
    position = 0
    for k, i in enumerate(index):
        position = position + 1 if k and sentences[k - 1] == sentences[k] else 0
        length = counts[sentences[k]]
        features = {f"t:pos={min(3, 4 * position // length)}": 1.0}
        if tokens.quoted[i]:
            features["t:quoted"] = 1.0
        if position == 0:
            features["t:sent_first"] = 1.0
        if position == length - 1:
            features["t:sent_last"] = 1.0
        if term[i]:
            features["t:dict_term"] = 1.0
            features[f"t:dict_cat={term[i]}"] = 1.0
        elif (i and term[i - 1]) or (i + 1 < len(term) and term[i + 1]):
            features["t:dict_near"] = 1.0
        if actor[i]:
            features["t:actor"] = 1.0
        out.append(features)
    return out


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

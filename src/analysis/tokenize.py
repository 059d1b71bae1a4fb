"""Tokenize Arabic news text into words, numbers and punctuation with offsets.

Tokens are found in the original text, so ``text[start:end]`` is always the
token's surface, diacritics, tatweel and joiners included; only the ``norm``
column is normalized.  A diacritic or a tatweel never splits a word, and a word
is split where Arabic script meets Latin script (``والـCIA`` → ``والـ`` +
``CIA``).  An Arabic token made only of proclitics and glued to a Latin word or
a number is marked ``clitic``: it belongs to the word that follows.

Paragraphs are lines: a line break (one or more) starts a new paragraph.
Sentences end at ``. ! ? ؟ …`` or at a paragraph break.  Both are numbered
from 1 through the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import regex

from . import arabic
from .normalize import DEFAULT_FOLDING, Folding, normalize

_INVISIBLE = "".join(sorted(arabic.INVISIBLE))
_ARABIC_LETTER = arabic.ARABIC_LETTER_CLASS
# A letter may be followed by marks and tatweel; invisible joiners count only
# between two letters, so an RLM after a word is not part of its surface.
_TOKEN = regex.compile(
    rf"""
    (?P<arabic>{_ARABIC_LETTER}(?:{_ARABIC_LETTER}|[\p{{M}}\u0640]|[{_INVISIBLE}]+(?={_ARABIC_LETTER}))*)
  | (?P<latin>\p{{Latin}}[\p{{Latin}}\p{{M}}]*)
  | (?P<number>\p{{Nd}}+(?:[.,\u066b\u066c]\p{{Nd}}+)*)
  | (?P<word>[\p{{L}}--\p{{Arabic}}--\p{{Latin}}][\p{{L}}\p{{M}}--\p{{Arabic}}--\p{{Latin}}]*)
  | (?P<punct>[\p{{P}}\p{{S}}--\u0640])
    """,
    regex.VERSION1 | regex.VERBOSE,
)

#: Token kinds that are words for counting purposes (denominators of rates).
WORD_KINDS: frozenset[str] = frozenset({"arabic", "latin", "number", "word"})
TOKEN_KINDS: tuple[str, ...] = ("arabic", "latin", "number", "word", "punct", "clitic")


@lru_cache(maxsize=1)
def _clitic_only_forms() -> frozenset[str]:
    return frozenset(form for form in arabic.proclitic_variants("") if form)


@dataclass
class TokenizedText:
    """Columns of the tokens of one text (kept as lists: fast to build).

    Attributes
    ----------
    text : str
        The text that was tokenized; every offset refers to it.
    start, end : list of int
        Character offsets, ``text[start[i]:end[i]]`` is token ``i``.
    norm : list of str
        Normalized form used for matching.
    kind : list of str
        One of :data:`TOKEN_KINDS`.
    paragraph, sentence : list of int
        1-based paragraph and sentence numbers.
    quoted : list of bool
        True inside attributed quoted speech (set by :mod:`analysis.quotes`).
    """

    text: str
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    norm: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.start)

    def surface(self, i: int) -> str:
        """Return token ``i`` as written in the text."""
        return self.text[self.start[i] : self.end[i]]

    @property
    def n_words(self) -> int:
        """Number of word tokens (Arabic, Latin, other-script words, numbers)."""
        return sum(kind in WORD_KINDS for kind in self.kind)

    @property
    def n_sentences(self) -> int:
        """Number of sentences that contain at least one token."""
        return self.sentence[-1] if self.sentence else 0

    @property
    def n_paragraphs(self) -> int:
        """Number of paragraphs that contain at least one token."""
        return self.paragraph[-1] if self.paragraph else 0

    def to_frame(self, doc_id: str = "") -> pd.DataFrame:
        """Return the tokens as a tidy DataFrame.

        Parameters
        ----------
        doc_id : str
            Written into the ``doc_id`` column.

        Returns
        -------
        pandas.DataFrame
            Columns ``doc_id, i, start, end, surface, norm, kind, paragraph,
            sentence, quoted``.
        """
        return pd.DataFrame(
            {
                "doc_id": pd.Series([doc_id] * len(self), dtype="string"),
                "i": range(len(self)),
                "start": self.start,
                "end": self.end,
                "surface": pd.Series([self.surface(i) for i in range(len(self))], dtype="string"),
                "norm": pd.Series(self.norm, dtype="string"),
                "kind": pd.Series(self.kind, dtype="string"),
                "paragraph": self.paragraph,
                "sentence": self.sentence,
                "quoted": pd.Series(self.quoted, dtype=bool),
            }
        )


def iter_token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, kind)`` for each token of ``text``, in order.

    Parameters
    ----------
    text : str
        Any text.

    Yields
    ------
    tuple
        Offsets into ``text`` and the raw kind (``arabic``, ``latin``,
        ``number``, ``word`` or ``punct``; clitics are found later).
    """
    for match in _TOKEN.finditer(text):
        yield match.start(), match.end(), match.lastgroup  # type: ignore[misc]


def tokenize(
    text: str,
    *,
    folding: Folding = DEFAULT_FOLDING,
    norm_cache: dict[str, str] | None = None,
) -> TokenizedText:
    """Split ``text`` into tokens with offsets, paragraphs and sentences.

    Parameters
    ----------
    text : str
        The document text as read.
    folding : Folding, optional
        Letter foldings for the ``norm`` column.
    norm_cache : dict, optional
        Surface → norm memo shared across documents; news vocabulary is
        Zipfian, so this makes normalization nearly free on a corpus.

    Returns
    -------
    TokenizedText
        ``quoted`` is all False; :func:`analysis.quotes.mark_quoted_speech`
        fills it.

    Examples
    --------
    >>> t = tokenize("الموساد والـCIA.")
    >>> [(t.surface(i), t.kind[i]) for i in range(len(t))]
    [('الموساد', 'arabic'), ('والـ', 'clitic'), ('CIA', 'latin'), ('.', 'punct')]
    """
    cache = norm_cache if norm_cache is not None else {}
    clitic_forms = _clitic_only_forms()
    tokens = TokenizedText(text)
    starts, ends, norms, kinds = tokens.start, tokens.end, tokens.norm, tokens.kind
    paragraphs, sentences = tokens.paragraph, tokens.sentence
    paragraph = sentence = 0
    previous_end = 0
    sentence_closed = True
    find_newline = text.find
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        kind = match.lastgroup
        surface = match.group()
        if not starts or find_newline("\n", previous_end, start) != -1:
            paragraph += 1
            sentence_closed = True
        if sentence_closed:
            sentence += 1
            sentence_closed = False
        norm = cache.get(surface)
        if norm is None:
            norm = cache[surface] = normalize(surface, folding) if kind != "punct" else surface
        if kind in ("latin", "number") and kinds and kinds[-1] == "arabic" and ends[-1] == start:
            if norms[-1] in clitic_forms:
                kinds[-1] = "clitic"
        if kind == "punct" and surface in arabic.SENTENCE_END:
            sentence_closed = True
        starts.append(start)
        ends.append(end)
        norms.append(norm)
        kinds.append(kind)  # type: ignore[arg-type]
        paragraphs.append(paragraph)
        sentences.append(sentence)
        previous_end = end
    tokens.quoted = [False] * len(starts)
    return tokens


def analyzer(
    *, folding: Folding = DEFAULT_FOLDING, words_only: bool = True
) -> Callable[[str], list[str]]:
    """Return a callable usable as scikit-learn's ``CountVectorizer(analyzer=...)``.

    Parameters
    ----------
    folding : Folding, optional
        Letter foldings for the features.
    words_only : bool, optional
        Drop punctuation and clitic-only tokens.

    Returns
    -------
    callable
        ``text -> list of normalized tokens``.
    """
    cache: dict[str, str] = {}

    def analyze(text: str) -> list[str]:
        tokens = tokenize(text, folding=folding, norm_cache=cache)
        return [
            norm
            for norm, kind in zip(tokens.norm, tokens.kind)
            if not words_only or kind in WORD_KINDS
        ]

    return analyze


def concat_frames(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate per-document frames, keeping dtypes when there are none."""
    frames = list(frames)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

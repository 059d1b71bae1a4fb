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

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter
from typing import TYPE_CHECKING

import regex

from . import arabic
from .normalize import DEFAULT_FOLDING, Folding, normalize
from .tables import TOKENS, TokenRow

if TYPE_CHECKING:
    import pandas as pd

_INVISIBLE = "".join(sorted(arabic.INVISIBLE))
_ARABIC_LETTER = arabic.ARABIC_LETTER_CLASS
# Token kinds in the order they are tried; each starts with a different class
# of character, so the first character of a token tells its kind.  A letter may
# be followed by marks and tatweel; invisible joiners count only between two
# letters, so an RLM after a word is not part of its surface.
_ALTERNATIVES = (
    ("arabic", rf"{_ARABIC_LETTER}(?:{_ARABIC_LETTER}|[\p{{M}}\u0640]|[{_INVISIBLE}]+(?={_ARABIC_LETTER}))*"),
    ("latin", r"\p{Latin}[\p{Latin}\p{M}]*"),
    ("number", r"\p{Nd}+(?:[.,\u066b\u066c]\p{Nd}+)*"),
    ("word", r"[\p{L}--\p{Arabic}--\p{Latin}][\p{L}\p{M}--\p{Arabic}--\p{Latin}]*"),
    ("punct", r"[\p{P}\p{S}--\u0640]"),
)
#: The reference tokenizer, on the ``regex`` module's Unicode properties.
_TOKEN = regex.compile("|".join(f"(?P<{kind}>{body})" for kind, body in _ALTERNATIVES), regex.VERSION1)


def _code_point_ranges(pattern: str) -> str:
    """Expand a ``regex`` character class into explicit ranges for ``re``."""
    ranges = []
    for match in regex.finditer(pattern + "+", _basic_multilingual_plane(), flags=regex.VERSION1):
        low, high = match.start(), match.end() - 1
        # Surrogates are left out of the string, so indices past them are shifted.
        low, high = (c + 0x800 if c >= 0xD800 else c for c in (low, high))
        if low < 0xD800 <= high:
            ranges += [(low, 0xD7FF), (0xE000, high)]
        else:
            ranges.append((low, high))
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)


@lru_cache(maxsize=1)
def _basic_multilingual_plane() -> str:
    return "".join(map(chr, [*range(0xD800), *range(0xE000, 0x10000)]))


#: The reference tokenizer as a splitter, for the rare text with characters
#: beyond the Basic Multilingual Plane (emoji, historic scripts).
_REFERENCE_SPLITTER = regex.compile("(" + "|".join(f"(?:{body})" for _, body in _ALTERNATIVES) + ")", regex.VERSION1)


@lru_cache(maxsize=1)
def _bmp_classes() -> dict[str, str]:
    """The tokenizer's character classes as ``re`` classes of explicit ranges (computed once)."""
    return {
        name: "[" + _code_point_ranges(pattern) + "]"
        for name, pattern in (
            ("letter", _ARABIC_LETTER),
            ("arabic_body", r"[[\p{Arabic}&&\p{L}]\p{M}\u0640]"),
            ("latin", r"\p{Latin}"),
            ("latin_body", r"[\p{Latin}\p{M}]"),
            ("digit", r"\p{Nd}"),
            ("other", r"[\p{L}--\p{Arabic}--\p{Latin}]"),
            ("other_body", r"[\p{L}\p{M}--\p{Arabic}--\p{Latin}]"),
            ("punct", r"[\p{P}\p{S}--\u0640]"),
        )
    }


@lru_cache(maxsize=2)
def _fast_splitter(joiners: bool = True) -> re.Pattern[str]:
    """The reference tokenizer compiled for ``re``, about twice as fast.

    Unicode property classes are expanded once (a few hundredths of a second)
    into explicit ranges of the Basic Multilingual Plane, where ``re`` uses a
    bitmap, so both tokenizers accept exactly the same tokens on text without
    astral characters (a property test checks it).  With one capturing group around the alternation,
    ``split`` returns gaps and tokens alternately at C speed, and offsets
    follow from their lengths.  Without ``joiners`` the Arabic alternative
    leaves out invisible joiners between letters: the same tokens on a text
    that holds none (nearly every text), and one repeat less per Arabic word.
    """
    ranges = _bmp_classes()
    letter, arabic_body, digit = ranges["letter"], ranges["arabic_body"], ranges["digit"]
    invisible = "[" + re.escape(_INVISIBLE) + "]"
    alternatives = (
        f"{letter}{arabic_body}*" + (f"(?:{invisible}+{letter}{arabic_body}*)*" if joiners else ""),
        ranges["latin"] + ranges["latin_body"] + "*",
        f"{digit}+(?:[.,\u066b\u066c]{digit}+)*",
        ranges["other"] + ranges["other_body"] + "*",
        ranges["punct"],
    )
    return re.compile("(" + "|".join(f"(?:{a})" for a in alternatives) + ")")


class _KindOfFirstChar(dict):
    """First character of a token → its kind (the alternatives start differently)."""

    def __missing__(self, char: str) -> str:
        match = _TOKEN.match(char)
        kind = self[char] = (match.lastgroup or "punct") if match else "punct"
        return kind


_KIND_OF_FIRST_CHAR = _KindOfFirstChar()

#: Token kinds that are words for counting purposes (denominators of rates).
WORD_KINDS: frozenset[str] = frozenset({"arabic", "latin", "number", "word"})
TOKEN_KINDS: tuple[str, ...] = ("arabic", "latin", "number", "word", "punct", "clitic")
TOKEN_COLUMNS = TOKENS.names


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
    norm_text : str
        The norms joined by line breaks, if the tokenizer kept them (see
        :meth:`joined_norms`).
    """

    text: str
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    norm: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)
    norm_text: str = field(default="", repr=False)

    def __len__(self) -> int:
        return len(self.start)

    def joined_norms(self) -> str:
        """The norms joined by line breaks: one string to search with a regex."""
        if not self.norm_text and self.norm:
            self.norm_text = "\n".join(self.norm)
        return self.norm_text

    def surface(self, i: int) -> str:
        """Return token ``i`` as written in the text."""
        return self.text[self.start[i] : self.end[i]]

    @property
    def n_words(self) -> int:
        """Number of word tokens (Arabic, Latin, other-script words, numbers)."""
        return count_words(self.kind)

    @property
    def n_quoted_words(self) -> int:
        """Number of word tokens inside attributed quoted speech."""
        if True not in self.quoted:
            return 0
        return count_words(list(compress(self.kind, self.quoted)))

    @property
    def n_sentences(self) -> int:
        """Number of sentences that contain at least one token."""
        return self.sentence[-1] if self.sentence else 0

    @property
    def n_paragraphs(self) -> int:
        """Number of paragraphs that contain at least one token."""
        return self.paragraph[-1] if self.paragraph else 0

    def rows(self, doc_id: str = "") -> list[TokenRow]:
        """Return the tokens as rows (:data:`analysis.tables.TOKENS`)."""
        text = self.text
        # Positional, in the order of TOKENS' columns: this runs once per token of a corpus.
        return [
            TokenRow(doc_id, i, start, end, text[start:end], norm, kind, paragraph, sentence, quoted)
            for i, (start, end, norm, kind, paragraph, sentence, quoted) in enumerate(
                zip(self.start, self.end, self.norm, self.kind, self.paragraph, self.sentence, self.quoted)
            )
        ]

    def to_frame(self, doc_id: str = "") -> pd.DataFrame:
        """Return the tokens as a tidy DataFrame.

        Parameters
        ----------
        doc_id : str
            Written into the ``doc_id`` column.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`TOKEN_COLUMNS`.
        """
        return tokens_frame(self.rows(doc_id))


def count_words(kinds: list[str]) -> int:
    """Number of word tokens (:data:`WORD_KINDS`) among token kinds.

    Every kind is one of :data:`TOKEN_KINDS`, so the words are all tokens but
    punctuation and clitics: two C-speed counts instead of a test per token.

    Examples
    --------
    >>> count_words(["arabic", "punct", "clitic", "latin", "number"])
    3
    """
    return len(kinds) - kinds.count("punct") - kinds.count("clitic")


def tokens_frame(rows: Sequence[Sequence]) -> pd.DataFrame:
    """Build a tokens table with stable dtypes from rows."""
    return TOKENS.frame(rows)


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
        yield match.start(), match.end(), match.lastgroup or "punct"


def _runs(breaks: list[int], n_tokens: int) -> list[int]:
    """Number runs of tokens 1, 2, ... given the token indices that start a run.

    A running sum of run starts (token 0 always starts one), at C speed.
    """
    starts = [0] * n_tokens
    for first in breaks:
        if first < n_tokens:
            starts[first] = 1
    if n_tokens:
        starts[0] = 1
    return list(accumulate(starts))


def _paragraph_starts(text: str, starts: list[int]) -> list[int]:
    """Indices of the tokens that begin a paragraph (the first after a line break)."""
    firsts: list[int] = []
    position = text.find("\n")
    while position != -1:
        first = bisect_left(starts, position)
        if first < len(starts) and (not firsts or firsts[-1] != first):
            firsts.append(first)
        position = text.find("\n", position + 1)
    return firsts


_GLUE_TARGETS = frozenset({"latin", "number"})
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# One scan of a text tells whether it needs more than the plainest splitter.
_JOINER_OR_ASTRAL = re.compile("[" + re.escape(_INVISIBLE) + "\U00010000-\U0010ffff]")


def _positions(items: list[str], value: str) -> Iterator[int]:
    """The positions of ``value`` in ``items``, found by ``list.index`` (a C-speed scan; ``value`` is rare)."""
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return
        yield i


def _mark_clitics(norms: list[str], kinds: list[str], starts: list[int], ends: list[int]) -> None:
    """Mark Arabic tokens made only of proclitics and glued to a Latin word or number.

    Latin words and numbers are about 1.5 % of the tokens of news, so they are
    looked for (in any order: marking one clitic changes no other test).
    """
    clitic_forms = _clitic_only_forms()
    for kind in _GLUE_TARGETS:
        for i in _positions(kinds, kind):
            if i and kinds[i - 1] == "arabic" and ends[i - 1] == starts[i] and norms[i - 1] in clitic_forms:
                kinds[i - 1] = "clitic"


def normalize_tokens(surfaces: list[str], folding: Folding = DEFAULT_FOLDING) -> tuple[list[str], str]:
    """Normalize many tokens at once.

    Normalization works character by character (NFC cannot compose across a
    line break), so normalizing the tokens joined by line breaks and splitting
    the result gives each token's :func:`~analysis.normalize.normalize`, in a
    few C-speed passes over the document and with no memo to grow.  A memo of
    norms per surface type is slower, not faster, even once every type is in
    it: on 2,000 SaudiNewsNet articles (887,000 tokens, 91,000 surface types)
    the look-ups took 0.21 s against 0.15 s for these passes, a random read of
    a large dictionary (and of its key, to compare) costing more per token
    than normalizing five characters in a stream.

    Parameters
    ----------
    surfaces : list of str
        Tokens; none contains a line break.
    folding : Folding, optional
        Letter foldings.

    Returns
    -------
    norms : list of str
        ``normalize(surface)`` for each token.
    norm_text : str
        The norms joined by line breaks.

    Examples
    --------
    >>> normalize_tokens(["أَحمد", "CIA", "٢٠١٩"])
    (['احمد', 'cia', '2019'], 'احمد\\ncia\\n2019')
    """
    norm_text = normalize("\n".join(surfaces), folding)
    return (norm_text.split("\n") if surfaces else []), norm_text


def _split(text: str) -> list[str]:
    """Gaps and tokens of ``text``, alternately (gap, token, gap, ..., gap)."""
    if _JOINER_OR_ASTRAL.search(text) is None:
        return _fast_splitter(joiners=False).split(text)
    beyond_bmp = _ASTRAL.search(text) is not None
    return (_REFERENCE_SPLITTER if beyond_bmp else _fast_splitter()).split(text)


def token_norm_text(text: str, folding: Folding = DEFAULT_FOLDING) -> str:
    """The norms of the tokens of ``text`` joined by line breaks.

    Equal to ``tokenize(text, folding=folding).norm_text``, without the rest
    of tokenization (used to fingerprint documents for duplicate detection).

    Examples
    --------
    >>> token_norm_text("قَالَ  حفتر،إن")
    'قال\\nحفتر\\n،\\nان'
    """
    return normalize_tokens(_split(text)[1::2], folding)[1]


def _sentence_ends(norms: list[str]) -> list[int]:
    """Indices one past each sentence-ending token.

    A sentence mark (``. ! ? ؟ …``) is a one-character token of its own
    except a full stop inside a number (3.5, a number token); each mark
    normalizes to itself and no other character normalizes to one, so a set
    test of the norms finds them at C speed (and computes the norms' hashes,
    which the first-word look-ups then reuse).
    """
    return list(compress(count(1), map(arabic.SENTENCE_END.__contains__, norms)))


def tokenize(text: str, *, folding: Folding = DEFAULT_FOLDING) -> TokenizedText:
    """Split ``text`` into tokens with offsets, paragraphs and sentences.

    Parameters
    ----------
    text : str
        The document text as read.
    folding : Folding, optional
        Letter foldings for the ``norm`` column.

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
    parts = _split(text)
    surfaces = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    norms, norm_text = normalize_tokens(surfaces, folding)
    # Every token's first character looked up at C speed: a regex scan for the tokens that do not start with an
    # Arabic letter (14 % of tokens, then "arabic" for the rest) measured 10 % slower, paying Python per match.
    kinds = list(map(_KIND_OF_FIRST_CHAR.__getitem__, map(itemgetter(0), surfaces)))
    _mark_clitics(norms, kinds, starts, ends)
    paragraph_starts = _paragraph_starts(text, starts)
    sentence_ends = _sentence_ends(norms)
    tokens = TokenizedText(text, starts, ends, norms, kinds, norm_text=norm_text)
    tokens.paragraph = _runs(paragraph_starts, len(starts))
    tokens.sentence = _runs(paragraph_starts + sentence_ends, len(starts))
    tokens.quoted = [False] * len(starts)
    return tokens


def compile_tokenizer(folding: Folding = DEFAULT_FOLDING) -> None:
    """Compile the tokenizer's expressions and tables now (before forking workers, so that they inherit them).

    Both fast splitters are compiled: a text with an invisible joiner would
    otherwise compile the second one in the middle of a run.
    """
    _fast_splitter(joiners=True)
    tokenize("", folding=folding)


def analyzer(*, folding: Folding = DEFAULT_FOLDING, words_only: bool = True) -> Callable[[str], list[str]]:
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

    def analyze(text: str) -> list[str]:
        tokens = tokenize(text, folding=folding)
        return [norm for norm, kind in zip(tokens.norm, tokens.kind) if not words_only or kind in WORD_KINDS]

    return analyze

"""Match compiled lexicon entries against tokens: clitics, wildcards, longest match.

Instead of stripping letters off tokens (which breaks وكالة، بلاد، لبنان), the
matcher generates, for every entry, the spellings Arabic allows around it:

* proclitics before the first word: [و|ف] [ب|ك|ل] [ال] (``لل`` for ل + ال);
* for loaded terms, pronoun enclitics after the last word (حكومتها);
* a trailing ``*`` on a word matches any continuation of that word.

Matches are whole tokens, so a match never starts or ends inside a word
(مصر does not match inside مصراتة).  Multi-word entries match consecutive
tokens of one paragraph.  Scanning left to right, the longest match wins
(ties: fewer wildcards, then the token written exactly as the entry, then the
earlier lexicon row), and the scan resumes after it, so each character belongs
to at most one hit of each kind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from . import arabic
from .lexicon import Entry
from .tokenize import TokenizedText


@dataclass(frozen=True)
class WordPattern:
    """What one position of an entry accepts."""

    forms: frozenset[str]
    prefixes: tuple[str, ...]

    def accepts(self, norm: str) -> bool:
        return norm in self.forms or (bool(self.prefixes) and norm.startswith(self.prefixes))


@dataclass(frozen=True)
class Match:
    """One hit in token coordinates.

    Attributes
    ----------
    entry : int
        Index of the entry in the matcher's entry list.
    first, last : int
        Token range ``[first, last)`` of the matched words.
    start_token : int
        First token of the hit's surface: ``first``, or the clitic token
        glued before it (``والـ`` of ``والـCIA``).
    """

    entry: int
    first: int
    last: int
    start_token: int


def _position_forms(entry: Entry, position: int, *, enclitics: bool) -> WordPattern:
    word = entry.words[position]
    is_arabic = entry.token_kinds[position] == "arabic"
    forms = set(arabic.proclitic_variants(word)) if position == 0 and is_arabic else {word}
    if entry.wildcard[position]:
        return WordPattern(frozenset(), tuple(sorted(forms, key=len, reverse=True)))
    if enclitics and is_arabic and position == len(entry.words) - 1:
        forms |= {suffixed for form in list(forms) for suffixed in arabic.enclitic_variants(form)}
    return WordPattern(frozenset(forms), ())


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` factored as a trie (fast to scan with ``re``)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(trie)


class Matcher:
    """Find the entries of one lexicon kind in tokenized text.

    Parameters
    ----------
    entries : sequence of Entry
        Compiled entries (from :mod:`analysis.lexicon`), all of one kind.
    enclitics : bool
        Allow pronoun enclitics after the last word of an entry.  On for loaded
        terms (مليشياتها), off for actors: on a name they mostly make another
        word, and possessives of actors are rare.

    Notes
    -----
    Every spelling an entry's first word accepts is listed in advance (a few
    tens of thousands for the bundled lexicons), so finding the tokens that
    may start an entry is one dict lookup per token, with nothing learned
    while counting: memory does not grow with the corpus.  Wildcard first
    words (``مزعوم*``) accept unlisted continuations; the tokens that start
    with one of their prefixes are found by one regular-expression scan of
    the document's joined norms.
    """

    def __init__(self, entries: Sequence[Entry], *, enclitics: bool):
        self.entries = list(entries)
        self.enclitics = enclitics
        self.patterns = [
            tuple(_position_forms(e, p, enclitics=enclitics) for p in range(len(e.words))) for e in self.entries
        ]
        exact_first: dict[str, list[int]] = defaultdict(list)
        self._prefix_first: dict[str, list[int]] = defaultdict(list)
        for index, patterns in enumerate(self.patterns):
            for form in patterns[0].forms:
                exact_first[form].append(index)
            for prefix in patterns[0].prefixes:
                self._prefix_first[prefix].append(index)
        self._exact_first = {form: tuple(indices) for form, indices in exact_first.items()}
        self._prefix_lengths = sorted({len(p) for p in self._prefix_first})
        # A token's norm is one line of the joined norms, so "starts with a prefix" is "^prefix".
        self._starts_with_prefix = (
            re.compile("^" + _trie_pattern(list(self._prefix_first)), re.MULTILINE) if self._prefix_first else None
        )

    def _first_word_candidates(self, tokens: TokenizedText) -> list[tuple[int, ...] | None]:
        """For each token, the entries whose first word it may be (None for most)."""
        candidates = list(map(self._exact_first.get, tokens.norm))
        if self._starts_with_prefix is None:
            return candidates
        norm_text = tokens.joined_norms()
        token, searched_to = 0, 0
        for match in self._starts_with_prefix.finditer(norm_text):
            token += norm_text.count("\n", searched_to, match.start())
            searched_to = match.start()
            norm = tokens.norm[token]
            found = set(candidates[token] or ())
            for length in self._prefix_lengths:
                if length > len(norm):
                    break
                found.update(self._prefix_first.get(norm[:length], ()))
            candidates[token] = tuple(sorted(found))
        return candidates

    def _rank(self, index: int, tokens: TokenizedText, first: int) -> tuple:
        entry = self.entries[index]
        return (
            len(entry.words),
            -sum(entry.wildcard),
            tokens.norm[first] == entry.words[0],
            -entry.row,
        )

    def _best_at(self, found: tuple[int, ...], tokens: TokenizedText, i: int) -> int | None:
        """The highest-ranked entry among ``found`` whose every word matches from token ``i``."""
        norms, paragraphs = tokens.norm, tokens.paragraph
        best, best_rank = None, None
        for index in found:
            patterns = self.patterns[index]
            end = i + len(patterns)
            if end > len(norms) or paragraphs[end - 1] != paragraphs[i]:
                continue
            if all(patterns[p].accepts(norms[i + p]) for p in range(1, len(patterns))):
                rank = self._rank(index, tokens, i)
                if best_rank is None or rank > best_rank:
                    best, best_rank = index, rank
        return best

    def find(self, tokens: TokenizedText) -> list[Match]:
        """Return the non-overlapping matches in ``tokens``, in text order.

        Parameters
        ----------
        tokens : TokenizedText
            Tokens of one document.

        Returns
        -------
        list of Match
        """
        kinds = tokens.kind
        first_words = self._first_word_candidates(tokens)
        matches: list[Match] = []
        resume = 0
        patterns_of = self.patterns
        for i in compress(range(len(first_words)), first_words):
            if i < resume:
                continue
            found = first_words[i]
            assert found is not None  # compress() kept only the tokens with candidates
            if len(found) == 1 and len(patterns_of[found[0]]) == 1:
                best: int | None = found[0]  # the common case: one single-word entry
            else:
                best = self._best_at(found, tokens, i)
            if best is None:
                continue
            last = i + len(patterns_of[best])
            glued = i > 0 and kinds[i - 1] == "clitic" and tokens.end[i - 1] == tokens.start[i]
            matches.append(Match(best, i, last, i - 1 if glued else i))
            resume = last
        return matches

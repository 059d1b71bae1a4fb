"""Words near an actor's hits (collocates) and words more frequent than in a reference corpus (keyness).

Both score a word with Dunning's log-likelihood (:func:`corpus_scan.log_likelihood`)
and list each candidate with keyword-in-context lines.  Words are normalized
tokens with their proclitics (والحكومة and الحكومة are two words): what a
researcher would write in a lexicon is read off the examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..match import Matcher
from ..measures import per_1000
from ..normalize import DEFAULT_FOLDING, Folding
from ..tables import COLLOCATES, KEYWORDS
from ..tokenize import TokenizedText
from ..vocabulary import load_stop_words
from .corpus_scan import WORD_KINDS, example_lines, find_again, log_likelihood, tokenized, word_counts
from .suggest import _entries_of, _first_per_group, _Listed

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import FramingCounter

#: Dunning's G² at p < 0.05 with one degree of freedom.
SIGNIFICANT = 3.84

#: Decimals of the scores in the suggestion tables: more is noise in a spreadsheet and in a diff.
STAT_DECIMALS = 4


def _stop_words(stop_words: Collection[str] | None, folding: Folding) -> Collection[str]:
    """The words left out of the suggestions: the bundled stop-word list by default.

    Function words stand near every actor (في، إلى، أن) and are never a lexicon entry,
    so listing them only pushes candidates off the top rows.
    """
    return load_stop_words(folding=folding) if stop_words is None else stop_words


@dataclass
class _Windows:
    """The words within ``window`` words of each hit of a label (its own hits' words left out)."""

    matcher: Matcher
    labels: frozenset[str] | None
    window: int

    def _side(self, tokens: TokenizedText, start: int, step: int, paragraph: int) -> Iterator[int]:
        """Up to ``window`` word tokens from ``start`` in direction ``step``, in the same paragraph."""
        taken, i = 0, start
        while 0 <= i < len(tokens.norm) and taken < self.window and tokens.paragraph[i] == paragraph:
            if tokens.kind[i] in WORD_KINDS:
                taken += 1
                yield i
            i += step

    def positions(self, tokens: TokenizedText) -> dict[str, set[int]]:
        """Label → the word tokens in the union of its hits' windows."""
        hits: dict[str, list[tuple[int, int]]] = {}
        for match in self.matcher.find(tokens):
            label = self.matcher.entries[match.entry].label
            if self.labels is None or label in self.labels:
                hits.setdefault(label, []).append((match.first, match.last))
        windows: dict[str, set[int]] = {}
        for label, spans in hits.items():
            inside = {i for first, last in spans for i in range(first, last)}
            near: set[int] = set()
            for first, last in spans:
                near.update(self._side(tokens, first - 1, -1, tokens.paragraph[first]))
                near.update(self._side(tokens, last, 1, tokens.paragraph[first]))
            windows[label] = near - inside
        return windows

    def __call__(self, doc_id: str, tokens: TokenizedText) -> Iterator[tuple[Hashable, int, int, int]]:
        for label, near in self.positions(tokens).items():
            for i in sorted(near):
                yield (label, tokens.norm[i]), i, i + 1, i


def _count_windows(
    documents: pd.DataFrame, locate: _Windows, folding: Folding
) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """One pass: every word's frequency, and each (label, word) pair's count in the label's windows."""
    totals: Counter[str] = Counter()
    near: Counter[tuple[str, str]] = Counter()
    for doc_id, tokens in tokenized(documents, folding):
        totals.update(norm for norm, kind in zip(tokens.norm, tokens.kind) if kind in WORD_KINDS)
        near.update(key for key, *_ in locate(doc_id, tokens))  # type: ignore[misc]
    return totals, near


def _kind_matcher(counter: FramingCounter | None, kind: str) -> Matcher:
    from ..pipeline import FramingCounter

    for lexicon, matcher in (counter or FramingCounter()).matchers:
        if lexicon.kind == kind:
            return matcher
    raise ValueError(f"kind must be 'actor' or 'term', got {kind!r}")


def suggest_collocates(
    documents: pd.DataFrame,
    counter: FramingCounter | None = None,
    *,
    kind: str = "actor",
    labels: Sequence[str] | None = None,
    window: int = 5,
    min_count: int = 5,
    min_log_likelihood: float = SIGNIFICANT,
    top: int = 20,
    examples: int = 3,
    width: int = 50,
    folding: Folding = DEFAULT_FOLDING,
    stop_words: Collection[str] | None = None,
) -> pd.DataFrame:
    """Words that stand near a label's hits more often than chance.

    For each label, ``n`` counts the word tokens within ``window`` words of
    one of its hits (same paragraph; a token near two hits counts once; the
    hits' own words are left out).  With ``W`` such tokens for the label,
    ``N`` words in the corpus and ``f`` occurrences of the word,
    ``n_expected = W * f / N``; ``log_likelihood`` compares ``n`` in ``W``
    words with ``f - n`` in the other ``N - W``, and ``pmi = log2(n / n_expected)``.
    Only words with ``n >= min_count``, ``n > n_expected`` and a
    log-likelihood of at least ``min_log_likelihood`` are kept.

    Parameters
    ----------
    documents : pandas.DataFrame
        With ``doc_id`` and ``text``.
    counter : FramingCounter, optional
        Its lexicons and ignore list find the hits; the bundled ones by default.
    kind : {"actor", "term"}, optional
        Whose hits.
    labels : sequence of str, optional
        Only these labels (all of the kind by default).
    window, min_count, top, examples, width : int, optional
        Words on each side; least ``n``; rows kept per label (highest
        log-likelihood first); example lines per word; their context width.
    min_log_likelihood : float, optional
        Least log-likelihood (3.84 by default: p < 0.05).
    folding : Folding, optional
        Letter foldings (those of the counter).
    stop_words : collection of str, optional
        Normalized words never suggested; the bundled stop-word list
        (:func:`analysis.vocabulary.load_stop_words`) by default, ``()`` keeps every word.
        They still count in ``n_words`` and in the windows' sizes.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.COLLOCATES`, by label, then highest log-likelihood first.

    Raises
    ------
    ValueError
        Naming a label of ``labels`` that the lexicon does not have.
    """
    matcher = _kind_matcher(counter, kind)
    known = {e.label for e in matcher.entries[: matcher.n_entries]}
    unknown = sorted(set(labels or ()) - known)
    if unknown:
        raise ValueError(
            f"no {kind} is called {', '.join(map(repr, unknown))}; the {kind}s are {', '.join(sorted(known))}"
        )
    locate = _Windows(matcher, frozenset(labels) if labels is not None else None, window)
    totals, near = _count_windows(documents, locate, folding)
    n_words = sum(totals.values())
    window_size: Counter[str] = Counter()
    for (label, _word), n in near.items():
        window_size[label] += n
    skipped = _stop_words(stop_words, folding)
    scored = []
    for (label, word), n in near.items():
        if word in skipped:
            continue
        expected = window_size[label] * totals[word] / n_words
        if n >= min_count and n > expected:
            score = log_likelihood(n, totals[word] - n, window_size[label], n_words - window_size[label])
            if score >= min_log_likelihood:
                scored.append((label, -score, word, expected))
    chosen = _first_per_group(sorted(scored), top)
    found = find_again(documents, locate, {(label, word) for label, _s, word, _e in chosen}, examples=examples,
                       folding=folding)  # fmt: skip
    lines = example_lines(found, documents, width=width)
    listed = _Listed(_entries_of(counter, folding))
    rows = [
        (kind, label, word, found[(label, word)].surface, found[(label, word)].n, round(expected, STAT_DECIMALS),
         totals[word], round(-score, STAT_DECIMALS), round(math.log2(found[(label, word)].n / expected), STAT_DECIMALS),
         listed.labels(word), lines.get((label, word), ""))
        for label, score, word, expected in chosen
    ]  # fmt: skip
    return COLLOCATES.frame(rows)


def keyness(
    documents: pd.DataFrame,
    reference: pd.DataFrame,
    counter_or_lexicons: FramingCounter | Sequence[Lexicon] | None = None,
    *,
    min_count: int = 5,
    min_log_likelihood: float = SIGNIFICANT,
    top: int = 100,
    examples: int = 3,
    width: int = 50,
    folding: Folding = DEFAULT_FOLDING,
    stop_words: Collection[str] | None = None,
) -> pd.DataFrame:
    """Words more frequent in ``documents`` than in a ``reference`` corpus.

    ``log_likelihood`` is Dunning's G² of the word's ``n`` in the corpus's
    words against its ``n_ref`` in the reference's; ``log_ratio`` is
    ``log2((n / N) / (n_ref / N_ref))`` with ``n_ref`` 0 counted as 0.5
    (Hardie 2014).  Only words with ``n >= min_count``, a higher relative
    frequency than in the reference and a log-likelihood of at least
    ``min_log_likelihood`` (3.84: p < 0.05) are kept.

    Parameters
    ----------
    documents, reference : pandas.DataFrame
        With ``doc_id`` and ``text``: the corpus and the reference corpus.
    counter_or_lexicons : FramingCounter or sequence of Lexicon, optional
        For the ``listed`` column; the bundled lexicons by default.
    min_count, top, examples, width : int, optional
        Least ``n``; rows kept (highest log-likelihood first); example lines
        per word; their context width.
    folding : Folding, optional
        Letter foldings.
    stop_words : collection of str, optional
        Normalized words never listed; the bundled stop-word list by default, ``()``
        keeps every word.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.KEYWORDS`, highest log-likelihood first.
    """
    counts, reference_counts = word_counts(documents, folding), word_counts(reference, folding)
    n_words, n_reference = sum(counts.values()), sum(reference_counts.values())
    skipped = _stop_words(stop_words, folding)
    scored = []
    for word, n in counts.items():
        if word in skipped:
            continue
        n_ref = reference_counts[word]
        if n >= min_count and n * n_reference > n_ref * n_words:
            score = log_likelihood(n, n_ref, n_words, n_reference)
            if score >= min_log_likelihood:
                scored.append((-score, word, n, n_ref))
    chosen = sorted(scored)[:top]
    wanted = {word for _s, word, _n, _r in chosen}

    def locate(doc_id: str, tokens: TokenizedText) -> Iterator[tuple[Hashable, int, int, int]]:
        return ((norm, i, i + 1, i) for i, norm in enumerate(tokens.norm) if norm in wanted)

    found = find_again(documents, locate, wanted, examples=examples, folding=folding)
    lines = example_lines(found, documents, width=width)
    listed = _Listed(_entries_of(counter_or_lexicons, folding))
    rows = [
        (word, found[word].surface, n, n_ref, round(per_1000(n, n_words), STAT_DECIMALS),
         round(per_1000(n_ref, n_reference), STAT_DECIMALS), round(-score, STAT_DECIMALS),
         round(math.log2((n / n_words) / ((n_ref or 0.5) / n_reference)), STAT_DECIMALS), len(found[word].docs),
         listed.labels(word), lines.get(word, ""))
        for score, word, n, n_ref in chosen
    ]  # fmt: skip
    return KEYWORDS.frame(rows)

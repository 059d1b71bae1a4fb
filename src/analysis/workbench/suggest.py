"""Candidates for a lexicon drawn from a corpus, each with keyword-in-context lines.

* :func:`suggest_variants`: unlisted inflections, words that start with an
  entry's stem (after the proclitics the matcher knows) but that no entry
  matches: the accusative عدوانا, plurals, nisba adjectives;
* :func:`suggest_collocates`: words that stand near an actor's hits more often
  than chance (log-likelihood and PMI);
* :func:`keyness`: words more frequent in a corpus than in a reference corpus.

Every function makes two passes over the documents (count, then find the
chosen candidates again for their documents, spellings and examples) and
orders its rows deterministically.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import arabic
from ..forms import WordPattern, ends_in_letter, ends_in_taa_marbuta, entry_patterns
from ..lexicon import Entry, Lexicon
from ..normalize import DEFAULT_FOLDING, Folding
from ..tables import VARIANTS
from ..tokenize import TokenizedText
from .corpus_scan import Found, example_lines, find_again, word_counts
from .report import lexicon_entries

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import FramingCounter

#: Proclitic spellings the matcher generates (و ف ب ك ل ال and their combinations), longest first.
PROCLITICS: tuple[str, ...] = tuple(sorted(arabic.proclitic_variants(""), key=lambda p: (-len(p), p)))
#: Endings an inflection may add to a stem (مصرف is not an inflection of مصر).
ENDINGS = arabic.inflection_endings()
#: A stem shorter than this (letters) would start too many unrelated words.
MIN_STEM = 3


#: The two cases of the sound masculine plural: an entry written in one (المتمردين, what a spreadsheet user
#: types from a text in the genitive) misses the other (المتمردون) unless its row has masculine_plural.
PLURAL_CASES = ("ين", "ون")
#: Endings that make a nisba adjective of a word (فلسطين → الفلسطينيين، البحرين → البحريني): still offered
#: after a word that ends like a plural, which is often a name (a place's people are its candidates).
NISBA_ENDINGS = frozenset(ending for ending in ENDINGS if ending.startswith("ي"))


@dataclass(frozen=True)
class _Stem:
    """The part of an entry's last word that an inflection keeps (and the endings that may follow it)."""

    index: int
    stem: str
    last: WordPattern
    #: None: any inflection ending; else only these (the other case of a word written in the plural, or a nisba).
    endings: frozenset[str] | None = None


class _Listed:
    """Which entries match a word standing alone (for the ``listed`` column and to skip matched words)."""

    def __init__(self, entries: Sequence[Entry]):
        self._entries = [(e, entry_patterns(e)[0]) for e in entries if len(e.words) == 1]
        self._forms = frozenset().union(*(pattern.forms for _e, pattern in self._entries))
        self._prefixes = tuple(p for _e, pattern in self._entries for p in pattern.prefixes)

    def labels(self, word: str) -> str:
        """The labels of the entries that match ``word`` alone, joined by ' | '."""
        return " | ".join(sorted({e.label for e, pattern in self._entries if pattern.accepts(word)}))

    def matched(self, word: str) -> bool:
        """Whether some one-word entry matches ``word``."""
        return word in self._forms or (bool(self._prefixes) and word.startswith(self._prefixes))


def _stems_of(entry: Entry, index: int) -> tuple[_Stem, ...]:
    """The stems of the entry's last word (article and ة or a final ا removed); none for wildcards and short stems.

    Endings replace a final ة or a loanword's plain ا (ميليشيا → ميليشيات), so
    the stem is the word without it; a stem that would be too short keeps its ا.
    A word written in a case of the sound masculine plural (المتمردين) has two stems:
    without ين, whose only candidate ending is the other case (المتمردون), and the
    whole word, followed only by a nisba ending (فلسطين → الفلسطينيين, البحريني): other
    endings of a word ending in ين or ون would mostly be of a singular (بوتين, البنتاغون).
    """
    if entry.wildcard[-1] or entry.token_kinds[-1] != "arabic":
        return ()
    word = entry.words[-1]
    if word.startswith(arabic.ARTICLE) and len(word) - 2 >= MIN_STEM:
        word = word[2:]
    if word.endswith(PLURAL_CASES) and len(word) - 2 >= MIN_STEM:
        last = entry_patterns(entry)[-1]
        return (_Stem(index, word[:-2], last, frozenset(PLURAL_CASES) - {word[-2:]}),
                _Stem(index, word, last, NISBA_ENDINGS))  # fmt: skip
    if ends_in_taa_marbuta(entry.written):
        word = word[:-1]
    elif ends_in_letter(entry.written, arabic.ALEF_REPLACED_BY_ENDINGS) and len(word) - 1 >= MIN_STEM:
        word = word[:-1]
    return (_Stem(index, word, entry_patterns(entry)[-1]),) if len(word) >= MIN_STEM else ()


def _split(norm: str, stem: str, max_ending: int) -> str | None:
    """The ending of ``norm`` after a proclitic and ``stem``, if it is an inflection (else None)."""
    for proclitic in PROCLITICS:
        if norm.startswith(proclitic) and norm.startswith(stem, len(proclitic)):
            ending = norm[len(proclitic) + len(stem) :]
            if len(ending) <= max_ending and ending in ENDINGS:
                return ending
    return None


def _is_variant(stem: _Stem, norm: str, ending: str | None) -> bool:
    """An unmatched inflection: an ending the entry does not accept (not a blocked proclitic)."""
    if ending is None or stem.last.accepts(norm) or (stem.endings is not None and ending not in stem.endings):
        return False
    core = stem.stem + ending
    return not (stem.last.accepts(core) or stem.last.accepts(arabic.ARTICLE + core))


def _multi_word_heads(entries: Sequence[Entry], stems: dict[int, tuple[_Stem, ...]]) -> dict[str, list[int]]:
    """First-word forms of the multi-word entries with a stem, for finding their last word."""
    heads: dict[str, list[int]] = defaultdict(list)
    for index in stems:
        entry = entries[index]
        if len(entry.words) > 1 and not entry.wildcard[0]:
            for form in entry_patterns(entry)[0].forms:
                heads[form].append(index)
    return heads


def _single_word_variants(
    vocabulary: Iterable[str],
    stems: dict[int, tuple[_Stem, ...]],
    entries: Sequence[Entry],
    max_ending: int,
    listed: _Listed,
) -> dict[str, list[tuple[int, str]]]:
    """Each word of the vocabulary that is an unmatched inflection of a one-word entry → (entry, candidate)."""
    by_stem: dict[str, list[_Stem]] = defaultdict(list)
    for stem in (stem for of_entry in stems.values() for stem in of_entry):
        if len(entries[stem.index].words) == 1:
            by_stem[stem.stem].append(stem)
    lengths = sorted({len(s) for s in by_stem})
    variants: dict[str, list[tuple[int, str]]] = {}
    for norm in vocabulary:
        if listed.matched(norm):
            continue
        keys = set()
        for proclitic in PROCLITICS:
            if not norm.startswith(proclitic):
                continue
            rest = len(norm) - len(proclitic)
            for length in (n for n in lengths if rest - max_ending <= n <= rest):
                for stem in by_stem.get(norm[len(proclitic) : len(proclitic) + length], ()):
                    ending = _split(norm, stem.stem, max_ending)
                    if _is_variant(stem, norm, ending):
                        keys.add((stem.index, stem.stem + str(ending)))
        if keys:
            variants[norm] = sorted(keys)
    return variants


@dataclass
class _VariantLocator:
    """Finds the unmatched inflections in one document's tokens (see :data:`corpus_scan.Locator`)."""

    single: dict[str, list[tuple[int, str]]]
    heads: dict[str, list[int]]
    patterns: dict[int, tuple[WordPattern, ...]]
    stems: dict[int, tuple[_Stem, ...]]
    max_ending: int

    def __call__(self, doc_id: str, tokens: TokenizedText) -> Iterator[tuple[Hashable, int, int, int]]:
        norms, kinds, paragraph = tokens.norm, tokens.kind, tokens.paragraph
        for i, norm in enumerate(norms):
            for key in self.single.get(norm, ()):
                yield key, i, i + 1, i
            for index in self.heads.get(norm, ()):
                words = self.patterns[index]
                last = i + len(words) - 1
                if last >= len(norms) or paragraph[last] != paragraph[i] or kinds[last] != "arabic":
                    continue
                if all(words[p].accepts(norms[i + p]) for p in range(1, len(words) - 1)):
                    for stem in self.stems[index]:
                        ending = _split(norms[last], stem.stem, self.max_ending)
                        if _is_variant(stem, norms[last], ending):
                            yield (index, stem.stem + str(ending)), i, last + 1, i


def _entries_of(counter_or_lexicons: FramingCounter | Sequence[Lexicon] | None, folding: Folding) -> list[Entry]:
    if counter_or_lexicons is None:
        from ..lexicon import load_actors, load_terms

        return [*load_actors(folding=folding).entries, *load_terms(folding=folding).entries]
    return lexicon_entries(counter_or_lexicons)


def _first_per_group(keys: Sequence[tuple], top: int) -> list[tuple]:
    """The first ``top`` keys of each group (a key's first item), keys already in output order."""
    seen: Counter = Counter()
    kept = []
    for key in keys:
        seen[key[0]] += 1
        if seen[key[0]] <= top:
            kept.append(key)
    return kept


def suggest_variants(
    documents: pd.DataFrame,
    counter_or_lexicons: FramingCounter | Sequence[Lexicon] | None = None,
    *,
    min_count: int = 3,
    max_ending: int = 4,
    top: int = 10,
    examples: int = 3,
    width: int = 50,
    folding: Folding = DEFAULT_FOLDING,
) -> pd.DataFrame:
    """Unlisted inflections of lexicon entries found in the documents.

    A candidate is a word that starts, after the proclitics the matcher knows
    (و ف ب ك ل ال ...), with the stem of an entry's last word (the word without
    the article and a final ة or ا), goes on with an inflectional ending of at most
    ``max_ending`` letters (:func:`analysis.arabic.inflection_endings`: ا ات ون
    ين, the nisba ي يه يين ..., pronouns) and is matched by no entry: عدوانا for
    عدوان when the accusative is not generated, اقتحامات, المصريين for مصر.  In
    multi-word entries the other words must match as usual.  An entry written in
    one case of the sound masculine plural (المتمردين) gets the other case
    (المتمردون) and, after the whole word, nisba endings only (فلسطين → الفلسطينيين).  Broken plurals (طغاة for طاغية) do not
    share the stem and are not found.

    Parameters
    ----------
    documents : pandas.DataFrame
        With ``doc_id`` and ``text``.
    counter_or_lexicons : FramingCounter or sequence of Lexicon, optional
        The lexicons; the bundled actors and terms by default.
    min_count : int, optional
        Candidates seen fewer times are left out.
    max_ending : int, optional
        Letters allowed after the stem.
    top : int, optional
        Candidates kept per entry (the most frequent).
    examples : int, optional
        Keyword-in-context lines per candidate (its first occurrences).
    width : int, optional
        Characters of context on each side of an example.
    folding : Folding, optional
        Letter foldings (those of the lexicons).

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.VARIANTS`, by lexicon order, then most frequent first.
    """
    entries = _entries_of(counter_or_lexicons, folding)
    listed = _Listed(entries)
    stems = {i: of_entry for i, entry in enumerate(entries) if (of_entry := _stems_of(entry, i))}
    heads = _multi_word_heads(entries, stems)
    patterns = {i: entry_patterns(entries[i]) for ids in heads.values() for i in ids}
    single = _single_word_variants(word_counts(documents, folding), stems, entries, max_ending, listed)
    locate = _VariantLocator(single, heads, patterns, stems, max_ending)
    found: dict[tuple[int, str], Found] = {
        key: place  # type: ignore[misc]
        for key, place in find_again(documents, locate, examples=examples, folding=folding).items()
        if place.n >= min_count
    }
    chosen = _first_per_group(sorted(found, key=lambda key: (key[0], -found[key].n, key[1])), top)
    lines = example_lines(dict(zip(chosen, (found[key] for key in chosen))), documents, width=width)
    rows = []
    for index, candidate in chosen:
        entry, place = entries[index], found[(index, candidate)]
        # The longest stem the candidate continues (فلسطين before فلسط: الفلسطيني ends in ي).
        stem_length = max(len(s.stem) for s in stems[index] if candidate.startswith(s.stem))
        rows.append((
            entry.source, entry.row, entry.kind, entry.label, entry.written, candidate, candidate[stem_length:],
            place.surface, place.n, len(place.docs), listed.labels(candidate), lines.get((index, candidate), ""),
        ))  # fmt: skip
    return VARIANTS.frame(rows)

"""The spellings an entry accepts, generated once when a lexicon is compiled.

Instead of stripping letters off tokens (which breaks وكالة، بلاد، لبنان), the
matcher lists, for each word of an entry, the spellings Arabic allows:

* proclitics before the first word, as its ``clitics`` rule allows:
  [و|ف] [ب|ك|ل] [ال] (``لل`` for ل + ال), only و ف, none, or all but ال;
* after the last word, as its ``suffixes`` rule allows: the accusative alef
  (عدوانا), the sound plurals (اقتحامات; متطرفين where asked) and pronoun enclitics
  (حكومتها, also on the feminine plural: اقتحاماتها);
* on inner words, an optional article when ``inner_article`` allows it
  (جرائم الحرب for جرائم حرب);
* a trailing ``*`` on a word matches any continuation of that word.

Everything is decided here, at compile time, so the per-token work of the
matcher stays one dict lookup.  :func:`generated_duplicates` uses the same
patterns to name lexicon rows that are only generated forms of another row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import arabic
from .lexicon_rules import Phrase, inner_article, suffix_groups

if TYPE_CHECKING:
    from .lexicon import Entry


@dataclass(frozen=True)
class WordPattern:
    """What one position of an entry accepts: listed forms, or continuations of prefixes."""

    forms: frozenset[str]
    prefixes: tuple[str, ...]

    def accepts(self, norm: str) -> bool:
        return norm in self.forms or (bool(self.prefixes) and norm.startswith(self.prefixes))


def clitic_variants(word: str, policy: str) -> frozenset[str]:
    """``word`` with the proclitics ``policy`` allows (``all``, ``conjunctions``, ``none``, ``no_article``).

    >>> sorted(clitic_variants("سرت", "conjunctions"))
    ['سرت', 'فسرت', 'وسرت']
    >>> "القطر" in clitic_variants("قطر", "no_article"), "لقطر" in clitic_variants("قطر", "no_article")
    (False, True)
    """
    if policy == "none":
        return frozenset({word})
    if policy == "conjunctions":
        return frozenset(conj + word for conj in arabic.CONJUNCTIONS)
    variants = arabic.proclitic_variants(word)
    if policy == "no_article" and not word.startswith(arabic.ARTICLE):
        # The article's forms are exactly those with ال or لل right before the word.
        return frozenset(v for v in variants if not v.endswith((arabic.ARTICLE + word, "لل" + word)))
    return variants


def suffix_variants(word: str, groups: Sequence[str], *, taa_final: bool) -> set[str]:
    """``word`` followed by each suffix of ``groups`` (the bare word not included).

    Parameters
    ----------
    word : str
        A normalized word (a taa marbuta may be folded to ه).
    groups : sequence of str
        ``accusative``, ``feminine_plural``, ``masculine_plural``, ``pronouns``.
    taa_final : bool
        The word as written ends in taa marbuta (ة), which the plural
        replaces (مجزرة → مجزرات) and which carries no accusative alef.

    >>> sorted(suffix_variants("متطرف", ["accusative", "feminine_plural", "masculine_plural"], taa_final=False))
    ['متطرفا', 'متطرفات', 'متطرفون', 'متطرفين']
    >>> sorted(suffix_variants("مجزره", ["accusative", "feminine_plural", "masculine_plural"], taa_final=True))
    ['مجزرات']
    """
    forms: set[str] = set()
    stem = word[:-1] if taa_final else word
    plural = stem + arabic.FEMININE_PLURAL
    if "accusative" in groups and not taa_final and word[-1:] not in arabic.NO_ACCUSATIVE_AFTER:
        forms.add(word + arabic.ACCUSATIVE_ALEF)
    if "feminine_plural" in groups:
        forms.add(plural)
    if "masculine_plural" in groups and not taa_final:
        forms.update(word + ending for ending in arabic.MASCULINE_PLURALS)
    if "pronouns" in groups:
        forms.update(arabic.enclitic_variants(word))
        if "feminine_plural" in groups:
            forms.update(plural + enclitic for enclitic in arabic.ENCLITICS)
    return forms


def ends_in_taa_marbuta(written: str) -> bool:
    """Whether the last word of an entry as written ends in taa marbuta (ة)."""
    return ends_in_letter(written, arabic.TAA_MARBUTA)


def ends_in_letter(written: str, letter: str) -> bool:
    """Whether the last word of an entry as written (diacritics ignored) ends in ``letter``.

    >>> ends_in_letter("ميليشيا", "ا"), ends_in_letter("خطأ", "ا"), ends_in_letter("مجزرةٌ", "ة")
    (True, False, True)
    """
    last = written.split()[-1] if written.split() else ""
    letters = [c for c in last if c not in arabic.WORD_INTERNAL_IGNORABLES and c != "*"]
    return bool(letters) and letters[-1] == letter


def _inner_forms(word: str) -> set[str]:
    return {word} if word.startswith(arabic.ARTICLE) else {word, arabic.ARTICLE + word}


def entry_suffix_groups(entry: Entry, enclitics: bool | None = None) -> list[str]:
    """The suffix groups of ``entry``'s last word (its rule, or its kind's default), ``enclitics`` forcing pronouns."""
    groups = set(suffix_groups(entry.kind, entry.rules))
    if enclitics is not None:
        groups = groups | {"pronouns"} if enclitics else groups - {"pronouns"}
    return sorted(groups)


def entry_patterns(entry: Entry, *, enclitics: bool | None = None, first: bool = True) -> tuple[WordPattern, ...]:
    """One :class:`WordPattern` per word of ``entry``, as its rules allow.

    Parameters
    ----------
    entry : Entry
        A compiled lexicon entry with its rules.
    enclitics : bool, optional
        Force pronoun suffixes on (True) or off (False) whatever the rules say;
        by default the entry's ``suffixes`` rule (or its kind's default) decides.
    first : bool, optional
        With False, the first word's listed spellings are left out (an empty
        pattern, or its prefixes for a wildcard): a large lexicon indexes them
        compactly instead (:mod:`analysis.form_index`).
    """
    rules = entry.rules
    groups = entry_suffix_groups(entry, enclitics)
    article_inside = inner_article(entry.kind, rules)
    last = len(entry.words) - 1
    patterns = []
    for position, word in enumerate(entry.words):
        is_arabic = entry.token_kinds[position] == "arabic"
        if position == 0 and is_arabic:
            forms = set(clitic_variants(word, rules.clitics))
        elif position > 0 and is_arabic and article_inside:
            forms = _inner_forms(word)
        else:
            forms = {word}
        if entry.wildcard[position]:
            patterns.append(WordPattern(frozenset(), tuple(sorted(forms, key=len, reverse=True))))
            continue
        if position == 0 and not first:
            patterns.append(WordPattern(frozenset(), ()))
            continue
        if position == last and is_arabic and groups:
            taa_final = ends_in_taa_marbuta(entry.written)
            forms |= {s for form in list(forms) for s in suffix_variants(form, groups, taa_final=taa_final)}
        patterns.append(WordPattern(frozenset(forms), ()))
    return tuple(patterns)


def phrase_patterns(phrase: Phrase) -> tuple[WordPattern, ...]:
    """Patterns of a cue or exclusion phrase: the proclitics of its ``clitics`` policy (all) on its first word, no suffixes."""
    patterns = []
    for position, word in enumerate(phrase.words):
        arabic_first = position == 0 and phrase.token_kinds[0] == "arabic"
        forms = clitic_variants(word, phrase.clitics) if arabic_first else frozenset({word})
        if phrase.wildcard[position]:
            patterns.append(WordPattern(frozenset(), tuple(sorted(forms, key=len, reverse=True))))
        else:
            patterns.append(WordPattern(frozenset(forms), ()))
    return tuple(patterns)


def _covers(patterns: tuple[WordPattern, ...], entry: Entry) -> bool:
    """Whether every spelling ``entry`` writes is one that ``patterns`` already accept."""
    if len(patterns) != len(entry.words):
        return False
    for pattern, word, star in zip(patterns, entry.words, entry.wildcard):
        if star and not pattern.prefixes:
            return False  # a wildcard row accepts more than a listed form
        if not pattern.accepts(word):
            return False
    return True


def generated_duplicates(entries: Sequence[Entry]) -> list[tuple[Entry, Entry]]:
    """Pairs ``(row, generator)``: ``row`` is only a form the matcher generates from ``generator``.

    ``الشهيد`` next to ``شهيد`` and ``لحفتر`` next to ``حفتر`` are such rows:
    they add no match and may file one word under two labels.  A row is not
    reported when its own rules make it accept more than its generator would
    (``وسرت`` beside ``سرت`` with ``clitics`` none is a deliberate exception).
    """
    from .form_index import FirstWordIndex, first_word_parts

    # The first words' spellings are indexed compactly and full patterns made only for the
    # few candidates: listing every spelling of a large lexicon would take gigabytes.
    index_of = FirstWordIndex((i, first_word_parts(e)) for i, e in enumerate(entries))
    prefixed = [i for i, e in enumerate(entries) if e.wildcard[0]]
    patterns: dict[int, tuple[WordPattern, ...]] = {}

    def patterns_of(i: int) -> tuple[WordPattern, ...]:
        if i not in patterns:
            patterns[i] = entry_patterns(entries[i])
        return patterns[i]

    found = []
    for index, entry in enumerate(entries):
        candidates = set(index_of.get(entry.words[0]) or ()) | set(prefixed)
        for other in sorted(candidates - {index}):
            if _covers(patterns_of(other), entry) and not _covers(patterns_of(index), entries[other]):
                found.append((entry, entries[other]))
                break
    return found

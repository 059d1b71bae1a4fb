"""A compact index of the spellings that first words of entries accept, for large lexicons.

:func:`analysis.forms.entry_patterns` lists every spelling of an entry's first
word: about 24 proclitic forms times 8 or so suffixed forms, some 200 strings
per entry.  For the bundled lexicons (a few hundred entries) one dict of those
strings makes finding candidates one lookup per token; for a lexicon of
50,000 entries it would hold ten million strings (4 GB).  This index stores
each spelling as *proclitic + rest*: the rests (the word and its suffixed
forms, about 10 per entry) with the set of proclitics each entry allows
before them (shared between entries).  Looking a token up tries each of its
few splits into a known proclitic and a rest.  It answers exactly what the
full list would (:func:`first_word_parts` is checked against
:func:`~analysis.forms.entry_patterns` in the tests).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .forms import clitic_variants, ends_in_taa_marbuta, entry_suffix_groups, suffix_variants

if TYPE_CHECKING:
    from .lexicon import Entry

#: Lexicons with more entries than this get the compact index (the full one is faster per token).
COMPACT_ABOVE = 2_000

Parts = list[tuple[str, frozenset[str]]]


def _split(form: str, word: str) -> tuple[str, str]:
    """``form`` as (proclitic, core): the core is ``word``, or ``word`` without the alef that لل drops.

    Any other spelling (a word that itself starts with لال loses that alef) is its own core.
    """
    for core in (word, word[1:]):
        if core and form.endswith(core):
            return form[: len(form) - len(core)], core
    return "", form


def first_word_parts(entry: Entry, *, enclitics: bool | None = None) -> Parts:
    """The spellings of ``entry``'s first word as (rest, proclitics allowed before it).

    Every spelling in ``entry_patterns(entry)[0].forms`` is exactly one
    ``proclitic + rest`` of these; a wildcard first word has none (its
    prefixes are matched separately).
    """
    if entry.wildcard[0]:
        return []
    word = entry.words[0]
    if entry.token_kinds[0] != "arabic":
        return [(word, frozenset({""}))]
    groups = entry_suffix_groups(entry, enclitics)
    suffixed = len(entry.words) == 1 and bool(groups)
    taa_final = ends_in_taa_marbuta(entry.written)
    by_core: dict[str, set[str]] = defaultdict(set)
    for form in clitic_variants(word, entry.rules.clitics):
        proclitic, core = _split(form, word)
        by_core[core].add(proclitic)
    rests: dict[str, set[str]] = defaultdict(set)
    for core, proclitics in by_core.items():
        # Suffixes change only the end of a spelling, so they are the same after any proclitic.
        endings = {core} | (suffix_variants(core, groups, taa_final=taa_final) if suffixed else set())
        for rest in endings:
            rests[rest] |= proclitics
    return [(rest, frozenset(proclitics)) for rest, proclitics in rests.items()]


class FirstWordIndex:
    """Entries by the spellings of their first word, stored as proclitic + rest.

    Parameters
    ----------
    parts : iterable of (int, Parts)
        Each entry's index and its :func:`first_word_parts`, in index order.
    """

    def __init__(self, parts: Iterable[tuple[int, Parts]]):
        table: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)
        shared: dict[frozenset[str], frozenset[str]] = {}
        for index, entry_parts in parts:
            for rest, proclitics in entry_parts:
                table[rest].append((index, shared.setdefault(proclitics, proclitics)))
        self._table = {rest: tuple(found) for rest, found in table.items()}
        self._proclitics = frozenset().union(*shared)
        self._cuts = sorted({len(p) for p in self._proclitics})

    def get(self, norm: str) -> tuple[int, ...] | None:
        """The indices (ascending) of the entries whose first word accepts ``norm``, or None."""
        found: list[int] = []
        for cut in self._cuts:
            if cut >= len(norm):
                break
            proclitic = norm[:cut]
            if proclitic in self._proclitics:
                found.extend(index for index, allowed in self._table.get(norm[cut:], ()) if proclitic in allowed)
        return tuple(sorted(found)) if found else None

    def __len__(self) -> int:
        return len(self._table)


__all__ = ["COMPACT_ABOVE", "FirstWordIndex", "first_word_parts"]

"""Match compiled lexicon entries against tokens: forms, rules, longest match.

The spellings each entry accepts are generated at compile time
(:mod:`analysis.forms`: proclitics, suffixes, inner articles, wildcards), so
finding the tokens that may start an entry is one dict lookup per token.

Matches are whole tokens, so a match never starts or ends inside a word
(مصر does not match inside مصراتة).  Multi-word entries match consecutive
tokens of one paragraph.  Scanning left to right, the longest match wins
(ties: an ignore phrase, then fewer wildcards, then the token written exactly
as the entry, then the earlier lexicon row), and the scan resumes after it,
so each character belongs to at most one hit of each kind.

Rules that look at the surroundings are checked only for the rare tokens that
are candidates: an entry's ``exclude`` phrases (صلاة المغرب cancels المغرب),
its ``context`` cues (الوفاق counts only in a sentence with a Libya cue), and
the ignore list (phrases that win by longest match and cancel any entry they
contain).  A candidate a rule blocks gives way to the next-best candidate at
the same token.  With a ``blocked`` list, :meth:`Matcher.find` records every
candidate a rule blocked, with the rule, for auditing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress

from . import arabic
from .form_index import COMPACT_ABOVE, FirstWordIndex, first_word_parts
from .forms import WordPattern, clitic_variants, entry_patterns, phrase_patterns
from .lexicon import Entry
from .lexicon_rules import EntryRules, Phrase
from .tokenize import TokenizedText

__all__ = ["Blocked", "Match", "Matcher", "WordPattern"]


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


@dataclass(frozen=True)
class Blocked:
    """A candidate that a rule kept from counting.

    Attributes
    ----------
    entry : int
        Index of the entry in the matcher's entry list.
    first, last : int
        Its token range.
    rule : str
        ``clitics`` (a proclitic its rule does not allow), ``exclude`` (one
        of its exclusion phrases stands around it), ``context`` (no cue in its
        sentence or paragraph) or ``ignore`` (a phrase of the ignore list).
    detail : str
        The phrase, the cue list, the prefixed form or the ignore-list row.
    """

    entry: int
    first: int
    last: int
    rule: str
    detail: str


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


def _matching_lines(pattern: re.Pattern[str], lines: str) -> list[int]:
    """The numbers (from 0) of the lines of ``lines`` (which starts with a line break) where ``pattern`` matches.

    ``pattern`` starts with the line break before a line, a literal first
    character, which ``re`` searches for fastest; each line is one token's norm.
    """
    found = []
    line, searched_to = 0, 0  # line k follows the k-th line break (counted from 0)
    for match in pattern.finditer(lines):
        line += lines.count("\n", searched_to, match.start())
        searched_to = match.start()
        found.append(line)
    return found


class CueSet:
    """Cue phrases of a ``context`` rule, indexed by the spellings of their first words.

    Many entries share one cue list (a conflict vocabulary), so cue sets are
    built once per distinct list.  The tokens around a candidate that may
    start a cue are found in a few C-speed passes (a set test, and one trie
    expression for the hundreds of wildcard prefixes); only those tokens check
    the cues whose first word they are.  Nothing is remembered between
    documents, so memory does not grow with the corpus.
    """

    def __init__(self, patterns: tuple[tuple[WordPattern, ...], ...]):
        self.phrases = patterns
        by_form: dict[str, list[int]] = defaultdict(list)
        for k, phrase in enumerate(patterns):
            for form in phrase[0].forms:
                by_form[form].append(k)
        self._by_form = {form: tuple(ks) for form, ks in by_form.items()}
        self._by_prefix = [(phrase[0].prefixes, k) for k, phrase in enumerate(patterns) if phrase[0].prefixes]
        self.forms = frozenset(self._by_form)
        self.prefixes = tuple(prefix for p in patterns for prefix in p[0].prefixes)
        self._prefixed = re.compile(_trie_pattern(self.prefixes)).match if self.prefixes else None
        self._line_prefixed = re.compile("\n" + _trie_pattern(self.prefixes)) if self.prefixes else None

    def starting(self, norm: str) -> tuple[tuple[WordPattern, ...], ...]:
        """The cues whose first word accepts a token spelled ``norm``, in list order (most: none)."""
        found = self._by_form.get(norm, ())
        if self._prefixed is not None and self._prefixed(norm) is not None:
            found = tuple(sorted({*found, *(k for prefixes, k in self._by_prefix if norm.startswith(prefixes))}))
        return tuple(self.phrases[k] for k in found)

    def starts(self, norms: list[str]) -> list[int]:
        """The positions in ``norms`` whose token may be the first word of a cue (few)."""
        found = list(compress(range(len(norms)), map(self._by_form.__contains__, norms)))
        if self._line_prefixed is None:
            return found
        # One scan of the joined norms costs less than a regex call per token.
        prefixed = _matching_lines(self._line_prefixed, "\n" + "\n".join(norms))
        return sorted({*found, *prefixed})


#: Which attached clitics on an entry word stop an exclusion phrase in which the entry is not
#: the first word: ``all`` (و ف ب ك ل; a phrase that spells the clitic applies to that spelling
#: only) or ``conjunctions`` (و ف; the matcher before 2026-12-02b, whose hits are the shipped
#: default tagger's dictionary features).
EXCLUSION_CLITICS: tuple[str, ...] = ("all", "conjunctions")


@cache
def _cue_set(cues: tuple[Phrase, ...]) -> CueSet:
    """Compile cue phrases for :meth:`Matcher._has_cue` (one object per distinct cue list)."""
    return CueSet(tuple(phrase_patterns(c) for c in cues))


def _scope_name(rules: EntryRules) -> str:
    """Where a rule looked for its cues, in words (for the audit's ``detail``)."""
    window = rules.context_window
    return f"sentence or {window} words around the hit" if window else rules.context_scope


def _tanwin_rule(tokens: TokenizedText, first: int, last: int) -> tuple[str, str] | None:
    """The rule against an actor hit on tokens ``[first, last)`` written with tanwin (a nisba: «روسياً»), else None."""
    written = tokens.text[tokens.start[first] : tokens.end[last - 1]]
    if arabic.TANWIN.isdisjoint(written):
        return None
    return "tanwin", "written with tanwin: an adjective or adverb (هجوماً روسياً), not the name"


def _closing_quote(tokens: TokenizedText, i: int) -> str | None:
    """``”`` if token ``i`` is a straight ``"`` that its spacing shows to close a quotation, else None.

    Only the closing reading is taken: a phrase written with curly marks around a
    name («“الرياض”», the newspaper) was written for names set in curly marks, and a
    name in straight ones is as often the place («العاصمة "الرياض"»); a closing mark
    before a word («"أرامكو" السعودية») ends a name whatever its marks.
    """
    if tokens.norm[i] != arabic.STRAIGHT_QUOTE:
        return None
    curly = arabic.straight_quote_as_curly(tokens.text, tokens.start[i])
    return curly if curly == arabic.CLOSING_CURLY else None


def _curly_accepted(pattern: WordPattern, tokens: TokenizedText, i: int) -> bool:
    """Whether token ``i`` is a straight closing ``"`` (:func:`_closing_quote`) and ``pattern`` accepts ``”``."""
    closing = _closing_quote(tokens, i)
    return closing is not None and pattern.accepts(closing)


#: The positions a phrase check skips when its first word is known to match.
_FIRST = range(1)

Anchors = dict[int, tuple[dict[str, list[int]], list[tuple[tuple[str, ...], int]]]]


def _anchors(phrases: tuple[tuple[Phrase, tuple[WordPattern, ...]], ...], length: int) -> Anchors:
    """Exclusion phrases indexed by the word next to the entry (the token before it or after it).

    Checking a candidate then costs one lookup per side instead of one phrase
    match per phrase: entries carry hundreds of exclusion phrases.
    """
    anchors: Anchors = {}
    for k, (phrase, patterns) in enumerate(phrases):
        # The word just before the entry if the phrase has one, else the word just after it.
        position, relative = (phrase.offset - 1, -1) if phrase.offset else (phrase.offset + length, length)
        forms, prefixed = anchors.setdefault(relative, ({}, []))
        for form in patterns[position].forms:
            forms.setdefault(form, []).append(k)
        if patterns[position].prefixes:
            prefixed.append((patterns[position].prefixes, k))
    return anchors


class Matcher:
    """Find the entries of one lexicon kind in tokenized text.

    Parameters
    ----------
    entries : sequence of Entry
        Compiled entries (from :mod:`analysis.lexicon`), all of one kind.
    enclitics : bool, optional
        Force pronoun suffixes on or off for every entry; by default each
        entry's ``suffixes`` rule (or its kind's default) decides.
    ignore : sequence of Entry, optional
        Ignore-list phrases (:func:`analysis.lexicon.load_ignore`): where one
        is the longest candidate, it is taken and counts as nothing.

    Notes
    -----
    Every spelling an entry's first word accepts is listed in advance (a few
    tens of thousands for the bundled lexicons), so finding the tokens that
    may start an entry is one dict lookup per token (a counter makes one set
    test per token for all its matchers: ``may_start``), with nothing learned
    while counting: memory does not grow with the corpus.  Wildcard first
    words (``مزعوم*``) accept unlisted continuations; the tokens that start
    with one of their prefixes are found by one regular-expression scan of
    the document's joined norms.  ``patterns`` and ``entries`` list the
    lexicon's entries first, then the ignore phrases.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        *,
        enclitics: bool | None = None,
        ignore: Sequence[Entry] = (),
        exclusion_clitics: str = "all",
    ):
        if exclusion_clitics not in EXCLUSION_CLITICS:
            raise ValueError(f"exclusion_clitics must be one of {EXCLUSION_CLITICS}, not {exclusion_clitics!r}")
        self.exclusion_clitics = exclusion_clitics
        # Names take no tanwin (arabic.TANWIN): an actor written with it is refused, a term (عدواناً) is not.
        # The matcher of the default tagger's training day ("conjunctions") did not know this yet.
        self._refuses_tanwin = [exclusion_clitics == "all" and e.kind == "actor" for e in entries]
        self._names_without_tanwin = any(self._refuses_tanwin)
        self.n_entries = len(entries)
        self.entries = [*entries, *ignore]
        self.enclitics = enclitics
        # A large lexicon's first-word spellings go to a compact index (analysis.form_index).
        compact = len(self.entries) > COMPACT_ABOVE
        self.patterns = [entry_patterns(e, enclitics=enclitics, first=not compact) for e in self.entries]
        self._lengths = [len(p) for p in self.patterns]
        # Per set of first-word candidates, what their second words accept (bounded by the lexicon).
        self._second_gates: dict[tuple[int, ...], tuple[bool, frozenset[str], tuple[str, ...]]] = {}
        # Candidates that need a look at their surroundings take the slow path.
        self._has_rules = [i >= self.n_entries or e.rules.checked for i, e in enumerate(self.entries)]
        self._context = [_cue_set(e.rules.context) for e in self.entries]
        self._blocking = [_cue_set(e.rules.blocking) for e in self.entries]
        self._exclude = [tuple((x, phrase_patterns(x)) for x in e.rules.exclude) for e in self.entries]
        self._exclude_anchors = [_anchors(phrases, len(p)) for phrases, p in zip(self._exclude, self.patterns)]
        self._clitic_audit: dict[str, tuple[int, ...]] | None = None
        self._spelled: dict[tuple[int, int], bool] = {}
        exact_first: dict[str, list[int]] = defaultdict(list)
        self._prefix_first: dict[str, list[int]] = defaultdict(list)
        for index, patterns in enumerate(self.patterns):
            for form in patterns[0].forms:
                exact_first[form].append(index)
            for prefix in patterns[0].prefixes:
                self._prefix_first[prefix].append(index)
        self._first_index = (
            FirstWordIndex((i, first_word_parts(e, enclitics=enclitics)) for i, e in enumerate(self.entries))
            if compact
            else None
        )
        self._exact_first = {form: tuple(indices) for form, indices in exact_first.items()}
        self._prefix_lengths = sorted({len(p) for p in self._prefix_first})
        # A token's norm is one line of the joined norms, so "starts with a prefix" is "\nprefix" in
        # the norms after a line break: a literal first character, which re finds fastest.
        self._starts_with_prefix = (
            re.compile("\n" + _trie_pattern(list(self._prefix_first))) if self._prefix_first else None
        )

    @property
    def first_forms(self) -> frozenset[str] | None:
        """The listed spellings of first words (None for a compact index, which lists none).

        A counter with several matchers looks each token up once in the union of
        these and passes the positions found to :meth:`find` (``may_start``).
        """
        return None if self._first_index is not None else frozenset(self._exact_first)

    def _first_word_candidates(
        self, tokens: TokenizedText, may_start: Sequence[int] | None = None
    ) -> dict[int, tuple[int, ...]]:
        """The tokens that may start an entry (about 1 in 25), with the entries whose first word each may be.

        ``may_start``, if given, lists every position whose norm is one of
        :attr:`first_forms` (and possibly more): only those are looked up.
        Keys are in no particular order.
        """
        norms = tokens.norm
        if self._first_index is not None:
            dense = list(map(self._first_index.get, norms))
            candidates = {i: found for i, found in zip(compress(range(len(dense)), dense), filter(None, dense))}
        else:
            if may_start is None:
                may_start = list(compress(range(len(norms)), map(self._exact_first.__contains__, norms)))
            get = self._exact_first.get
            candidates = {i: found for i in may_start if (found := get(norms[i])) is not None}
        if self._starts_with_prefix is None:
            return candidates
        for token in _matching_lines(self._starts_with_prefix, "\n" + tokens.joined_norms()):
            norm = norms[token]
            entries = set(candidates.get(token, ()))
            for length in self._prefix_lengths:
                if length > len(norm):
                    break
                entries.update(self._prefix_first.get(norm[:length], ()))
            candidates[token] = tuple(sorted(entries))
        return candidates

    def _rank(self, index: int, tokens: TokenizedText, first: int) -> tuple:
        entry = self.entries[index]
        return (
            len(entry.words),
            index >= self.n_entries,  # an ignore phrase wins over an entry of its length
            -sum(entry.wildcard),
            tokens.norm[first] == entry.words[0],
            -entry.row,
        )

    def _second_words(self, found: tuple[int, ...]) -> tuple[bool, frozenset[str], tuple[str, ...]]:
        """Whether ``found`` holds a one-word entry; the forms and prefixes its entries' second words accept."""
        gate = self._second_gates.get(found)
        if gate is None:
            seconds = [self.patterns[index][1] for index in found if self._lengths[index] > 1]
            gate = self._second_gates[found] = (
                len(seconds) < len(found),
                frozenset().union(*(p.forms for p in seconds)),
                tuple(prefix for p in seconds for prefix in p.prefixes),
            )
        return gate

    def _ranked_at(self, found: tuple[int, ...], tokens: TokenizedText, i: int) -> list[int]:
        """The entries among ``found`` whose every word matches from token ``i``, best first."""
        norms, paragraphs, lengths = tokens.norm, tokens.paragraph, self._lengths
        single, forms, prefixes = self._second_words(found)
        if not single and (
            i + 1 >= len(norms) or not (norms[i + 1] in forms or (prefixes and norms[i + 1].startswith(prefixes)))
        ):
            return []  # most often: the first word of multi-word entries, and no second word after it
        matching = []
        for index in found:
            length = lengths[index]
            if length == 1:
                matching.append(index)  # the first word matched already
                continue
            end = i + length
            if end > len(norms) or paragraphs[end - 1] != paragraphs[i]:
                continue
            patterns = self.patterns[index]
            if all(patterns[p].accepts(norms[i + p]) for p in range(1, length)):
                matching.append(index)
        if len(matching) < 2:
            return matching  # the common case: nothing to rank
        return sorted(matching, key=lambda index: self._rank(index, tokens, i), reverse=True)

    def _phrase_at(self, patterns: tuple[WordPattern, ...], tokens: TokenizedText, j: int, skip: range) -> bool:
        """Whether ``patterns`` match from token ``j`` in one paragraph (positions in ``skip`` not checked).

        A straight ``"`` that its spacing shows to close a quotation also matches ``”``
        (:func:`_closing_quote`), so the phrase ``” السعودية`` finds «"أرامكو" السعودية»
        but not «قال: "السعودية».
        """
        end = j + len(patterns)
        if j < 0 or end > len(tokens.norm) or tokens.paragraph[j] != tokens.paragraph[end - 1]:
            return False
        norms = tokens.norm
        return all(
            p in skip or patterns[p].accepts(norms[j + p]) or _curly_accepted(patterns[p], tokens, j + p)
            for p in range(len(patterns))
        )

    @staticmethod
    def _cue_span(rules: EntryRules, tokens: TokenizedText, first: int, last: int) -> tuple[int, int]:
        """The token range ``[low, high)`` a hit's cues are looked for in: its sentence, paragraph or window."""
        unit = tokens.paragraph if rules.context_scope == "paragraph" else tokens.sentence
        # Sentence and paragraph numbers never decrease, so the unit's bounds are two bisections
        # (a hit that runs past its sentence's end looks up to its own end, as the scan did).
        low, high = bisect_left(unit, unit[first]), max(bisect_right(unit, unit[first]), last)
        window = rules.context_window
        if window:
            # sentence+N: also N words either side of the hit across a sentence end; a cue just
            # before a full stop («... الحوثيين. وهذه خيانة») is often about the same event, and
            # a paragraph (a whole op-ed or report) was too wide on fresh samples (round 4b).
            para = tokens.paragraph
            p_low, p_high = bisect_left(para, para[first]), bisect_right(para, para[first])
            low, high = min(low, max(p_low, first - window)), max(high, min(p_high, last + window))
        return low, high

    def _has_cue(self, index: int, tokens: TokenizedText, first: int, last: int, cues: CueSet) -> bool:
        """Whether one of ``cues`` (of entry ``index``) stands in the hit's sentence (or paragraph)."""
        low, high = self._cue_span(self.entries[index].rules, tokens, first, last)
        norms = tokens.norm
        for j in cues.starts(norms[low:high]):
            j += low
            if first <= j < last:
                continue  # the hit's own words are no cue
            for cue in cues.starting(norms[j]):
                # The first word is accepted already (position 0 skipped).
                if j + len(cue) <= high and self._phrase_at(cue, tokens, j, _FIRST):
                    return True
        return False

    def _excluding_candidates(self, index: int, tokens: TokenizedText, first: int) -> list[int]:
        """The exclusion phrases of entry ``index`` whose word next to the entry stands next to it here."""
        found: set[int] = set()
        norms = tokens.norm
        for relative, (forms, prefixed) in self._exclude_anchors[index].items():
            j = first + relative
            if 0 <= j < len(norms):
                norm = norms[j]
                found.update(forms.get(norm, ()))
                found.update(k for prefixes, k in prefixed if norm.startswith(prefixes))
                if norm == arabic.STRAIGHT_QUOTE:
                    found.update(forms.get(_closing_quote(tokens, j) or norm, ()))
        return sorted(found)  # in the order of the cell, as before: the first that matches is reported

    def _attached(self, index: int, norm: str) -> bool:
        """Whether ``norm``, the first word of entry ``index``, carries an attached و، ف، ب، ك or ل.

        An exclusion phrase in which the entry is not the first word (الشركة السعودية,
        جنوب السودان) describes a construct or an adjective. A word joined to the word
        before it by و/ف is coordinated with it instead (الأردن والسعودية), and one
        that carries a preposition is neither an adjective nor a construct's second term
        (الشركة بالسعودية, "the company in Saudi Arabia"; بنك بالقاهرة).
        """
        if self.exclusion_clitics == "conjunctions":
            return norm[:1] in arabic.CONJUNCTIONS[1:] and self._first_accepts(index, norm[1:])
        return any(self._first_accepts(index, stem) for stem in arabic.attached_proclitic_stems(norm))

    def _spells_clitic(self, index: int, k: int) -> bool:
        """Whether exclusion ``k`` of entry ``index`` writes the entry's word with a clitic (ولي عهد بروسيا); once per pair."""
        key = (index, k)
        if key not in self._spelled:
            phrase = self._exclude[index][k][0]
            self._spelled[key] = self._attached(index, phrase.words[phrase.offset])
        return self._spelled[key]

    def _first_accepts(self, index: int, norm: str) -> bool:
        """Whether entry ``index``'s first word accepts ``norm`` (a compact matcher keeps no first-word forms)."""
        if self._first_index is None or self.entries[index].wildcard[0]:
            return self.patterns[index][0].accepts(norm)
        return index in (self._first_index.get(norm) or ())

    def _rule_against(self, index: int, tokens: TokenizedText, first: int) -> tuple[str, str] | None:
        """The rule that blocks entry ``index`` at token ``first``, with its detail; None if it counts."""
        length = len(self.patterns[index])
        attached = self._attached(index, tokens.norm[first])
        for k in self._excluding_candidates(index, tokens, first):
            phrase, patterns = self._exclude[index][k]
            if phrase.head_row is not None:
                # A name head (معهد واشنطن): the entry's words are checked too, so an alias with a
                # clitic of its own (مؤتمر بموسكو, a conference in Moscow) is not part of the name.
                if self._phrase_at(patterns, tokens, first - phrase.offset, range(0)):
                    return "ignore", f"{phrase.written} (ignore list, row {phrase.head_row}: a name head)"
                continue
            # No adjective or construct follows a clitic (الأردن والسعودية, الشركة بالسعودية), so
            # a phrase that does not spell one skips such an entry word; one that spells it (ولي
            # عهد بروسيا, لاذوا بالفرار) must find it, and only it, in the text.
            if self.exclusion_clitics == "conjunctions":
                if attached and phrase.offset:
                    continue  # the matcher before 2026-12-02b: و/ف only, the entry's words never checked
                spelled = False
            else:
                spelled = bool(phrase.offset) and (attached or self._spells_clitic(index, k))
            inside = range(0) if spelled else range(phrase.offset, phrase.offset + length)
            if self._phrase_at(patterns, tokens, first - phrase.offset, inside):
                return "exclude", phrase.written
        rules = self.entries[index].rules
        if self._context[index].phrases and not self._has_cue(
            index, tokens, first, first + length, self._context[index]
        ):
            return "context", f"no cue in the {_scope_name(rules)}: " + "|".join(c.written for c in rules.context)
        if self._blocking[index].phrases and self._has_cue(index, tokens, first, first + length, self._blocking[index]):
            blocking = "|".join("!" + c.written for c in rules.blocking)
            return "context", f"a blocking cue in the {_scope_name(rules)}: {blocking}"
        return None

    def _choose(
        self, ranked: list[int], tokens: TokenizedText, i: int, blocked: list[Blocked] | None, tanwin: bool
    ) -> int | None:
        """The first of ``ranked`` that no rule blocks (an ignore phrase included); records the blocked ones.

        ``tanwin``: the text carries tanwin somewhere, so a name's spelling is checked for it too.
        """
        for index in ranked:
            if index >= self.n_entries:
                if blocked is not None:
                    self._record_ignored(index, ranked, tokens, i, blocked)
                return index
            rule = self._rule_against(index, tokens, i) if self._has_rules[index] else None
            if rule is None and tanwin and self._refuses_tanwin[index]:
                rule = _tanwin_rule(tokens, i, i + len(self.patterns[index]))
            if rule is None:
                return index
            if blocked is not None:
                blocked.append(Blocked(index, i, i + len(self.patterns[index]), *rule))
        return None

    def _record_ignored(self, ignore: int, ranked: list[int], tokens: TokenizedText, i: int, blocked: list) -> None:
        """Record the entries that the ignore phrase ``ignore`` (from token ``i``) cancels."""
        phrase = self.entries[ignore]
        detail = f"{phrase.written} (ignore list, row {phrase.row})"
        end = i + len(phrase.words)
        inside = [(index, i) for index in ranked if index < self.n_entries]
        first_words = self._first_word_candidates(tokens)
        for j in range(i + 1, end):
            inside.extend(
                (index, j) for index in self._ranked_at(first_words.get(j, ()), tokens, j) if index < self.n_entries
            )
        blocked.extend(Blocked(index, j, j + len(self.patterns[index]), "ignore", detail) for index, j in inside)

    def find(
        self, tokens: TokenizedText, *, blocked: list[Blocked] | None = None, may_start: Sequence[int] | None = None
    ) -> list[Match]:
        """Return the non-overlapping matches in ``tokens``, in text order.

        Parameters
        ----------
        tokens : TokenizedText
            Tokens of one document.
        blocked : list, optional
            If given, every candidate that a rule blocked is appended to it
            (:class:`Blocked`), the spellings kept out by a ``clitics`` rule
            included: the audit of why a nearby word did not count.
        may_start : sequence of int, optional
            The positions whose norm is one of :attr:`first_forms` (a superset
            will do), found once for several matchers; by default this matcher
            finds its own.

        Returns
        -------
        list of Match
        """
        kinds = tokens.kind
        first_words = self._first_word_candidates(tokens, may_start)
        matches: list[Match] = []
        resume = 0
        patterns_of, n_entries = self.patterns, self.n_entries
        # Candidates with rules take the slow path (_choose); every name does in a text with tanwin,
        # which most texts do not carry at all.
        checked = self._has_rules
        tanwin = self._names_without_tanwin and any(mark in tokens.text for mark in arabic.TANWIN)
        for i in sorted(first_words):
            if i < resume:
                continue
            found = first_words[i]
            if not tanwin and len(found) == 1 and len(patterns_of[found[0]]) == 1 and not checked[found[0]]:
                best: int | None = found[0]  # the common case: one single-word entry without rules
            else:
                ranked = self._ranked_at(found, tokens, i)
                if not ranked:
                    continue
                best = ranked[0] if not tanwin and len(ranked) == 1 and not checked[ranked[0]] else None
                if best is None:
                    best = self._choose(ranked, tokens, i, blocked, tanwin)
            if best is None:
                continue
            last = i + len(patterns_of[best])
            resume = last
            if best >= n_entries:
                continue  # an ignore phrase: its words count as nothing
            glued = i > 0 and kinds[i - 1] == "clitic" and tokens.end[i - 1] == tokens.start[i]
            matches.append(Match(best, i, last, i - 1 if glued else i))
        if blocked is not None:
            blocked.extend(self._clitic_blocked(tokens))
            blocked.sort(key=lambda b: (b.first, b.entry))
        return matches

    def _clitic_blocked(self, tokens: TokenizedText) -> list[Blocked]:
        """Tokens that an entry would match if its ``clitics`` rule allowed every proclitic."""
        if self._clitic_audit is None:
            kept_out: dict[str, list[int]] = defaultdict(list)
            for index, entry in enumerate(self.entries[: self.n_entries]):
                if entry.rules.clitics != "all" and not entry.wildcard[0] and entry.token_kinds[0] == "arabic":
                    allowed = entry_patterns(entry, enclitics=self.enclitics)[0].forms
                    for form in clitic_variants(entry.words[0], "all") - allowed:
                        kept_out[form].append(index)
            self._clitic_audit = {form: tuple(indices) for form, indices in kept_out.items()}
        found = []
        for i, norm in enumerate(tokens.norm):
            for index in self._clitic_audit.get(norm, ()):
                patterns = self.patterns[index]
                if self._phrase_at(patterns, tokens, i, range(1)):
                    found.append(
                        Blocked(
                            index,
                            i,
                            i + len(patterns),
                            "clitics",
                            f"{norm}: prefix not allowed (clitics {self.entries[index].rules.clitics})",
                        )
                    )
        return found

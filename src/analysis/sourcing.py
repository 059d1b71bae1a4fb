"""Who is quoted: attributions to named and to anonymous sources.

An *attribution cue* is a speech verb in the narrator's voice (قال، أضاف، أكد،
كشف … with their conjunctions, endings and object pronouns) or a prepositional
attribution (بحسب، وفقا لـ، نقلا عن).  Its *source* is looked for

1. after the cue (Arabic's usual verb–subject order: وقال المصدر، قالت "رويترز"),
   up to ``forward`` words, stopping at punctuation other than quotation marks,
   at quoted speech and at words that start the reported content (أن، إن، عن،
   على، في، إلى);
2. else before it in the same sentence, up to ``backward`` words
   (مصادر في خارجية الانقلابيين في مصر قالت); here an anonymous source wins over
   a nearer actor, because the words between a preposed subject and its verb
   are usually the subject's own modifiers (… في مصر).

A source is *named* when it is an actor mention and *anonymous* when it is an
entry of the anonymous-source lexicon (``data/lexicons/sources.csv``).  Where
neither is found, a source named otherwise is *named_other*: the first word
after the cue is a title, office or body noun (وقال المتحدث باسم الوزارة، أكد
وزير الخارجية، ذكرت وكالة الأنباء), a definite document (قال البيان), a common
first name or a family name of the shape ال…ي (وقال محمد الحيدر، وأكد القحطاني),
or after a verb an unknown word that إن/أن, a colon, a comma or a quotation mark
follows (وقال تيلرسون إن، وقال رانييري: «…»; not adverbs, pronoun forms or سموه);
the word lists are in :mod:`analysis.arabic` (:func:`~analysis.arabic.named_source_head`).
Before 2026-12-02 these sources were ``none`` and left out of the anonymous
share, which a blind check on SaudiNewsNet found biased upward: 0.67 by the tool
against 0.17 by the verdicts (``data/validation/sourcing_2026-12-02``).  A cue
with no source at all is kept as ``none`` (وأضافت، في البيان … whose subject is
implicit), never dropped.  بين is both "between" and, with its shadda, بيّن "he showed":
written with the shadda it is a speech verb; without, it counts only when an
anonymous source follows at once (وبين مراقبون), never before an actor (بين
فرنسا ومصر "between France and Egypt").

Since 2026-12-03 (``strict_cues``) verbs that narrate are no cue: يعتبر/تعتبر "is
considered", يذكر أن "it is worth noting", a present-tense verb after a relative pronoun,
ما/مما, لم/لن or أن (التي تؤكد أهمية، مما يشير إلى), نقل "moved" without عن or a source, and
وفق/حسب "in accordance with" with nothing said or published after them (وفق الأنظمة).  And
(``sources_before``) «أحد …» "one of" after a verb is anonymous, and, failing every other
source, a person named by title or first name earlier in the verb's sentence is
``named_other`` (…الأمير خالد الفيصل، وقال).  On a blind fourth sample cue precision rose
from 0.83 to 0.91 (``data/validation/sourcing_2026-12-02``, round 4).

Limits: speech without a cue verb (a colon after a name), sources far from
their verb, pronoun subjects, names not in the lists and not followed by إن، أن or
punctuation (two-word names, titles the lists lack), bodies and unknown names before
their verb, and unnamed people and groups outside the anonymous lexicon (قال ضابط،
المتضررون) are not found; figurative verbs with an inanimate subject (تشير التوقعات)
and nouns spelt like verbs (ذكر اسمه، كتب "books") are still cues, mostly with no source.
"""

from __future__ import annotations

import pandas as pd

from . import arabic
from .lexicon import Lexicon
from .match import Matcher
from .tables import ATTRIBUTIONS, SOURCE_TYPES, SOURCING
from .tokenize import WORD_KINDS, TokenizedText

#: The columns of :func:`find_attributions` and :func:`sourcing_summary` (declared in
#: :mod:`analysis.tables`, with their dtypes and meanings; re-exported here).
ATTRIBUTION_COLUMNS = ATTRIBUTIONS.names
SUMMARY_COLUMNS = SOURCING.names
#: Source types that name their source: a lexicon actor, or a title, body or name outside the lexicon.
NAMED_TYPES = SOURCE_TYPES[:2]
_SHADDA = "\u0651"
_AN = frozenset({"عن", "عنه", "عنها", "عنهم"})  # ونقل عنه، ونقلت وسائل إعلام عن


def _tokens_of(frame: pd.DataFrame) -> TokenizedText:
    frame = frame.sort_values("i")
    return TokenizedText(
        "", list(frame["start"]), list(frame["end"]), list(frame["norm"]), list(frame["kind"]),
        list(frame["paragraph"]), list(frame["sentence"]), list(frame["quoted"]),
    )  # fmt: skip


def _candidates(tokens: TokenizedText, actor_hits: pd.DataFrame, matcher: Matcher, sources: Lexicon) -> dict:
    """Token index → (source_type, source, token_start, token_end) for every possible source."""
    at: dict[int, tuple] = {}
    for match in matcher.find(tokens):
        entry = sources.entries[match.entry]
        for i in range(match.start_token, match.last):
            at[i] = ("anonymous", entry.label, match.start_token, match.last)
    for hit in actor_hits.itertuples(index=False):
        for i in range(hit.token_start, hit.token_end):
            at.setdefault(i, ("named", hit.label, hit.token_start, hit.token_end))
    return at


def _look_forward(tokens: TokenizedText, cue: int, at: dict, limit: int, *, stop_words: frozenset[str]):
    words = 0
    i = cue + 1
    while i < len(tokens) and words < limit and tokens.sentence[i] == tokens.sentence[cue]:
        if tokens.quoted[i]:
            return None
        if tokens.kind[i] == "punct":
            if tokens.norm[i] in arabic.QUOTE_MARKS:
                i += 1
                continue
            return None
        if i in at:
            return at[i]
        if tokens.norm[i] in stop_words:
            return None
        words += tokens.kind[i] in WORD_KINDS
        i += 1
    return None


def _look_backward(tokens: TokenizedText, cue: int, at: dict, limit: int) -> tuple | None:
    found: list[tuple] = []
    words = 0
    i = cue - 1
    while i >= 0 and words < limit and tokens.sentence[i] == tokens.sentence[cue]:
        if i in at and (not found or found[-1] != at[i]):
            found.append(at[i])
        words += tokens.kind[i] in WORD_KINDS
        i -= 1
    anonymous = [f for f in found if f[0] == "anonymous"]
    return (anonymous or found)[0] if found else None


def _first_word_after(tokens: TokenizedText, cue: int) -> int | None:
    """The first word after a cue in its sentence, past quotation marks and a لـ with its outlet."""
    i = cue + 1
    while i < len(tokens) and tokens.sentence[i] == tokens.sentence[cue]:
        if tokens.kind[i] == "punct" and tokens.norm[i] not in arabic.QUOTE_MARKS:
            return None
        if tokens.norm[i] in arabic.SOURCE_SKIPPED:
            i = _past_quoted_name(tokens, i + 1)
            continue
        if tokens.kind[i] in WORD_KINDS:
            return None if tokens.quoted[i] else i
        i += 1
    return None


def _past_quoted_name(tokens: TokenizedText, i: int) -> int:
    """The token after a name in quotation marks starting at ``i`` (لـ«الرياض»), else ``i``."""
    if i >= len(tokens) or tokens.norm[i] not in arabic.QUOTE_MARKS:
        return i
    for j in range(i + 1, min(i + 6, len(tokens))):
        if tokens.norm[j] in arabic.QUOTE_MARKS:
            return j + 1
    return i


def _named_other(tokens: TokenizedText, cue: int, *, names: bool = True) -> tuple | None:
    """A named source outside the actor lexicon: the first word after the cue heads it, or
    (``names``) it looks like a name and إن/أن, a colon, a comma or a quotation mark follows it."""
    i = _first_word_after(tokens, cue)
    if i is None:
        return None
    norm = tokens.norm[i]
    if (label := arabic.named_source_head(norm)) is not None:
        return ("named_other", label, i, i + 1)
    following = tokens.norm[i + 1] if i + 1 < len(tokens) and tokens.sentence[i + 1] == tokens.sentence[i] else None
    if names and following in arabic.NAME_FOLLOWERS and arabic.looks_like_name(norm):
        return ("named_other", norm, i, i + 1)
    return None


def _not_a_report(tokens: TokenizedText, cue: int) -> bool:
    """Whether a speech-verb cue narrates rather than reports: يعتبر/يذكر, or a present-tense verb
    right after a relative pronoun, ما/مما, a negation or أن (التي تؤكد، مما يشير، لم تكشف)."""
    norm = tokens.norm[cue]
    if norm in arabic.narration_verb_forms():
        return True
    before = cue - 1
    return (
        norm in arabic.present_speech_verb_forms()
        and before >= 0
        and tokens.sentence[before] == tokens.sentence[cue]
        and tokens.norm[before] in arabic.cue_blockers()
    )


def _word_follows(tokens: TokenizedText, cue: int, words: frozenset[str], reach: int) -> bool:
    """Whether one of ``words`` stands within ``reach`` words after the cue, in its sentence."""
    seen, i = 0, cue + 1
    while i < len(tokens) and seen < reach and tokens.sentence[i] == tokens.sentence[cue]:
        if tokens.kind[i] in WORD_KINDS:
            if tokens.norm[i] in words:
                return True
            seen += 1
        i += 1
    return False


def _attribution_follows(tokens: TokenizedText, cue: int) -> bool:
    """Whether what follows a loose "according to" (وفق، حسب) is said or published (وفقا لما نقلته)."""
    words = arabic.attribution_words() | arabic.speech_verb_forms()
    return _word_follows(tokens, cue, words, arabic.ACCORDING_TO_REACH)


def _one_of(tokens: TokenizedText, cue: int) -> tuple | None:
    """An anonymous "one of" (وقال أحد المختطفين) as the first word after the cue."""
    i = _first_word_after(tokens, cue)
    if i is None or tokens.norm[i] not in arabic.ONE_OF:
        return None
    return ("anonymous", tokens.norm[i], i, i + 1)


def _person_before(tokens: TokenizedText, cue: int, limit: int) -> tuple | None:
    """The nearest person named by title or first name before the cue in its sentence (…الأمير
    خالد الفيصل، وقال), outside quotations: the subject of an earlier clause who goes on to speak."""
    words, i = 0, cue - 1
    while i >= 0 and words < limit and tokens.sentence[i] == tokens.sentence[cue]:
        if tokens.kind[i] in WORD_KINDS:
            label = None if tokens.quoted[i] else arabic.person_source_head(tokens.norm[i])
            if label is not None:
                return ("named_other", label, i, i + 1)
            words += 1
        i -= 1
    return None


def find_attributions(
    tokens: pd.DataFrame,
    hits: pd.DataFrame,
    sources: Lexicon,
    *,
    forward: int = 5,
    backward: int = 6,
    named_other: bool = True,
    strict_cues: bool = True,
    sources_before: bool = True,
) -> pd.DataFrame:
    """Find attribution cues and their sources.

    Parameters
    ----------
    tokens : pandas.DataFrame
        The tokens table (``FramingCounter.count(..., keep_tokens=True)``).
    hits : pandas.DataFrame
        The hits table of the same documents (actor hits are named sources).
    sources : Lexicon
        Anonymous-source lexicon (:func:`analysis.lexicon.load_sources`).
    forward, backward : int, optional
        Words searched after and before a cue.
    named_other : bool, optional
        Look for a named source outside the actor lexicon where neither an actor nor an
        anonymous source was found (``named_other``); False gives the counts of the
        measure before 2026-12-02, where such sources were ``none``.
    strict_cues : bool, optional
        Leave out cues that narrate rather than report (2026-12-03): يعتبر/تعتبر "is
        considered" and يذكر "it is worth noting"; a present-tense verb after a relative
        pronoun, ما/مما, لم/لن or أن (التي تؤكد أهمية، مما يشير إلى); نقل "to move" with
        neither a source after it nor عن; وفق/حسب/طبقا "in accordance with" with no source and
        nothing said or published after them (وفق الأنظمة). False keeps them, as before.
    sources_before : bool, optional
        (2026-12-03) Take «أحد …» "one of" right after a verb for an anonymous source, and,
        failing every other source, a person named by title or first name earlier in the
        verb's sentence for a ``named_other`` one (…الأمير خالد الفيصل، وقال). False: as before.

    Returns
    -------
    pandas.DataFrame
        :data:`ATTRIBUTION_COLUMNS`, one row per cue in the narrator's voice;
        ``source_type`` is ``named`` (an actor of the lexicon), ``named_other`` (a
        title, role, body or personal name after the cue: the source's label is that
        word, normalized, without ال), ``anonymous`` or ``none``; offsets are
        characters of the document text.
    """
    matcher = Matcher(sources.entries, enclitics=False)
    verbs, strict = arabic.speech_verb_forms(), arabic.strict_speech_verb_forms()
    rows = []
    actor_hits = hits[hits["kind"] == "actor"]
    # Split once by document: filtering the whole table per document is quadratic on a corpus.
    actors_of = {doc_id: group for doc_id, group in actor_hits.groupby("doc_id", sort=False)}
    no_actors = actor_hits.iloc[0:0]
    for doc_id, frame in tokens.groupby("doc_id", sort=False):
        frame = frame.sort_values("i")
        surfaces = list(frame["surface"])
        doc = _tokens_of(frame)
        at = _candidates(doc, actors_of.get(doc_id, no_actors), matcher, sources)
        for i, (norm, quoted) in enumerate(zip(doc.norm, doc.quoted)):
            if quoted or i in at:
                continue
            if norm in verbs or (norm in strict and _SHADDA in surfaces[i]):
                if strict_cues and _not_a_report(doc, i):
                    continue
                source = _one_of(doc, i) if sources_before else None
                source = source or _look_forward(doc, i, at, forward, stop_words=arabic.CONTENT_STARTERS)
                if strict_cues and source is None and norm in arabic.transfer_verb_forms():
                    if not _word_follows(doc, i, _AN, forward + 1) and _named_other(doc, i) is None:
                        continue  # نقل الحاويات "moved the containers": no one is quoted
                source = source or _look_backward(doc, i, at, backward)
                source = source or (_named_other(doc, i) if named_other else None)
                source = source or (_person_before(doc, i, arabic.NAMES_BEFORE_REACH) if sources_before else None)
            elif norm in strict:
                source = at.get(i + 1)
                if source is None or source[0] != "anonymous":
                    continue
            elif norm in arabic.ACCORDING_TO:
                source = _look_forward(doc, i, at, 3, stop_words=frozenset())
                # Heads only: after وفق/حسب a common noun and a comma are usual (وفق الشروط،).
                source = source or (_named_other(doc, i, names=False) if named_other else None)
                if strict_cues and source is None and norm in arabic.LOOSE_ACCORDING_TO:
                    if not _attribution_follows(doc, i):
                        continue  # وفق الأنظمة "in accordance with the rules"
            else:
                continue
            kind, label, first, last = source or ("none", "", -1, -1)
            located = first >= 0
            rows.append((
                doc_id, surfaces[i], doc.start[i], doc.end[i], doc.sentence[i], kind, label,
                " ".join(surfaces[first:last]) if located else "",
                doc.start[first] if located else -1, doc.end[last - 1] if located else -1,
            ))  # fmt: skip
    return ATTRIBUTIONS.frame(rows)


def sourcing_summary(attributions: pd.DataFrame) -> pd.DataFrame:
    """Count named and anonymous attributions per document.

    ``attributed`` = named + named_other + anonymous and ``anonymous_share`` =
    anonymous / attributed: the share of attributed statements whose source is
    not named.  Cues without a source (``none``) are counted but left out of the
    share.  Before 2026-12-02 ``named_other`` did not exist (those sources were
    ``none``); ``find_attributions(..., named_other=False)`` gives those counts.

    Parameters
    ----------
    attributions : pandas.DataFrame
        From :func:`find_attributions`.

    Returns
    -------
    pandas.DataFrame
        :data:`SUMMARY_COLUMNS`.
    """
    counts = attributions.pivot_table(
        index="doc_id", columns="source_type", values="cue", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=list(SOURCE_TYPES), fill_value=0).reset_index()
    counts["attributed"] = counts[list(NAMED_TYPES)].sum(axis=1) + counts["anonymous"]
    counts["anonymous_share"] = counts["anonymous"] / counts["attributed"].where(counts["attributed"] > 0)
    counts.columns.name = None
    return SOURCING.cast(counts[list(SUMMARY_COLUMNS)])

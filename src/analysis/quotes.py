"""Find quoted speech and tell it apart from scare quotes around a name or label.

Arabic news quotes with ``"``, ``“ ”`` and ``« »``, and often mismatched
(``“..."``, ``«...«``, ``»...»``).  Marks are paired within a paragraph,
guillemets first and among themselves (:func:`_pair_guillemets`), then curly
and plain marks in order, a mark of the opener's own shape preferred
(:func:`_pair_in_order`): a plain ``"`` never closes a « or a “ that has a
partner of its own shape.  A quotation is *attributed speech* when

* it holds at least ``min_speech_words`` words (default 4), or
* it holds at least two words and a speech verb (قال، أضاف، أكد …) or a colon
  stands just before it (up to three tokens back, skipping إن/أن),

except that a quotation of fewer than :data:`LABEL_MAX_WORDS` words right after
a label noun (حملة «معا ضد الإرهاب والفكر الضال», كتاب «...», لصحيفة "التلغراف")
is a title or a name, even after a speech verb (a colon between the noun and
the mark makes it speech again: قال في كتابه: «...»).

Anything else in quotation marks (``"رويترز"``, ``“فاعل صاعد”``) is a name or a
label in scare quotes: it is recorded, but its words stay in the narrator's
voice.  A quotation left open at the end of a paragraph runs to the paragraph's
end (``closed`` false), the convention for quotes that span paragraphs; it
never runs into the next paragraph.  A quotation of more than
:data:`REVIEW_WORDS` words is flagged ``review``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING

from . import arabic
from .normalize import normalize
from .tables import QUOTATIONS, QuotationRow
from .tokenize import WORD_KINDS, TokenizedText, count_words

if TYPE_CHECKING:
    import pandas as pd

QUOTE_COLUMNS = QUOTATIONS.names
#: A quotation of more words than this is flagged for review (``review``): on
#: the 20,000 SaudiNewsNet articles, 99 % of closed quotations have at most 74
#: words, and the longer ones are mostly marks paired across a whole paragraph.
REVIEW_WORDS = 100
#: A quotation right after a label noun (حملة «...», كتاب «...») is a title or
#: a name when it has fewer words than this; a longer one is still speech.
LABEL_MAX_WORDS = 12


@dataclass(frozen=True)
class Quotation:
    """One quotation, from its opening mark to its closing mark (inclusive).

    Attributes
    ----------
    open_token, close_token : int
        Token indices of the marks; ``close_token`` is the last token of the
        paragraph when the quotation is not closed.
    n_words : int
        Word tokens between the marks.
    speech : bool
        True for attributed speech, False for scare quotes.
    reason : str
        Why: ``speech verb``, ``colon``, ``long``, ``named label`` or ``short label``.
    closed : bool
        Whether a closing mark was found in the paragraph.
    review : bool
        More than :data:`REVIEW_WORDS` words: worth a look (a mark missed or
        misread can turn a paragraph into a quotation).
    """

    open_token: int
    close_token: int
    n_words: int
    speech: bool
    reason: str
    closed: bool
    review: bool = False


def _introduced_by(tokens: TokenizedText, open_token: int) -> str | None:
    """Return ``'colon'``/``'speech verb'`` if the quotation is introduced so."""
    looked = 0
    i = open_token - 1
    paragraph = tokens.paragraph[open_token]
    while i >= 0 and looked < 3 and tokens.paragraph[i] == paragraph:
        norm, kind = tokens.norm[i], tokens.kind[i]
        if norm == ":":
            return "colon"
        if kind == "punct" or norm in arabic.SPEECH_LINKERS:
            i -= 1
            continue
        if norm in arabic.speech_verb_forms():
            return "speech verb"
        looked += 1
        i -= 1
    return None


def _pair_guillemets(marks: list[int], tokens: TokenizedText) -> list[tuple[int, int | None]]:
    """Pair « and » of one paragraph.

    « pairs with the next », whatever stands between (an inner « is part of the
    quotation).  Writers also use one shape for both ends: a « with no » after
    it is closed by the next « (``«داعش «``), and a stray » by the next » when
    no « stands between (``بـ»التأمينات الاجتماعية»``).  A « left without any
    partner stays open; a lone » opens nothing.
    """
    pairs: list[tuple[int, int | None]] = []
    is_open = [tokens.norm[m] in arabic.OPENING_ONLY_QUOTES for m in marks]
    k = 0
    while k < len(marks):
        if is_open[k]:
            closing = next((j for j in range(k + 1, len(marks)) if not is_open[j]), None)
            if closing is None and k + 1 < len(marks):
                closing = k + 1
        else:
            closing = k + 1 if k + 1 < len(marks) and not is_open[k + 1] else None
            if closing is None:
                k += 1  # a stray closing guillemet opens nothing
                continue
        pairs.append((marks[k], None if closing is None else marks[closing]))
        k = len(marks) if closing is None else closing + 1
    return pairs


def _pair_in_order(marks: list[int], tokens: TokenizedText) -> list[tuple[int, int | None]]:
    """Pair curly and plain marks of one paragraph in order, preferring one shape.

    An opener takes the next mark if it has its own shape (curly or plain).
    Otherwise it takes the next mark of its own shape when an even number of
    its shape remain from it on (the marks between are a quotation inside
    it), and the next mark of the other shape when an odd number remain (a
    mismatched pair, ``“...\"``).  A last opener with nothing after it stays open.
    """
    curly = [tokens.norm[m] in arabic.CURLY_QUOTES for m in marks]
    pairs: list[tuple[int, int | None]] = []
    k = 0
    while k < len(marks):
        if k + 1 == len(marks):
            pairs.append((marks[k], None))
            break
        closing = k + 1
        if curly[closing] != curly[k]:
            same = [j for j in range(k + 1, len(marks)) if curly[j] == curly[k]]
            if same and len(same) % 2 == 1:  # with the opener: an even number of its shape
                closing = same[0]
        pairs.append((marks[k], marks[closing]))
        k = closing + 1
    return pairs


def _pair_marks(marks: list[int], tokens: TokenizedText) -> list[tuple[int, int | None]]:
    """Pair the quotation marks of one paragraph: guillemets first, then the rest; in text order.

    A mark left open inside a closed quotation of the other family is a stray
    mark (``«... قريبا" كما ...»``), not a quotation running to the paragraph's end.
    """
    guillemets = [m for m in marks if tokens.norm[m] in arabic.GUILLEMETS]
    others = [m for m in marks if tokens.norm[m] not in arabic.GUILLEMETS]
    pairs = sorted(_pair_guillemets(guillemets, tokens) + _pair_in_order(others, tokens))
    closed = [(a, b) for a, b in pairs if b is not None]
    return [(a, b) for a, b in pairs if b is not None or not any(o < a < c for o, c in closed)]


@lru_cache(maxsize=1)
def _label_noun_forms() -> frozenset[str]:
    """Normalized spellings of :data:`analysis.arabic.LABEL_NOUNS` with their proclitics."""
    forms: set[str] = set()
    for noun in arabic.LABEL_NOUNS:
        forms |= arabic.proclitic_variants(normalize(noun))
    return frozenset(forms)


def _after_label_noun(tokens: TokenizedText, open_token: int) -> bool:
    """Whether a label noun (حملة، كتاب …) stands just before the opening mark."""
    before = open_token - 1
    return (
        before >= 0
        and tokens.paragraph[before] == tokens.paragraph[open_token]
        and tokens.norm[before] in _label_noun_forms()
    )


def _classify(tokens: TokenizedText, opener: int, n_words: int, min_speech_words: int) -> tuple[bool, str]:
    """Return ``(speech, reason)`` for a quotation opening at token ``opener``."""
    # A label noun right before the mark names the quotation even after a speech verb: in
    # «ذكر لصحيفة "التلغراف"» the verb introduces the newspaper, not speech.
    if n_words < LABEL_MAX_WORDS and _after_label_noun(tokens, opener):
        return False, "named label"
    cue = _introduced_by(tokens, opener)
    if n_words >= min_speech_words:
        return True, "long"
    if n_words >= 2 and cue:
        return True, cue
    return False, "short label"


_QUOTE_MARKS = tuple(sorted(arabic.QUOTE_MARKS))


def _quote_marks(tokens: TokenizedText) -> list[int]:
    """The tokens that are quotation marks, in text order.

    A quotation mark is always a one-character token of its own, which
    normalizes to itself (and nothing else normalizes to one), so searching
    the text finds them, a bisection each giving the token: cheaper than a
    set test of every token's norm.  ``str.find`` of one character runs at
    ``memchr`` speed, half the time of a regular expression's character-set
    scan for the few marks there are.  Tokens rebuilt from a table without
    their text are tested one by one.
    """
    if not tokens.text:
        return list(compress(range(len(tokens)), map(arabic.QUOTE_MARKS.__contains__, tokens.norm)))
    text, starts = tokens.text, tokens.start
    positions = []
    for mark in _QUOTE_MARKS:
        at = text.find(mark)
        while at != -1:
            positions.append(at)
            at = text.find(mark, at + 1)
    positions.sort()
    return [bisect_left(starts, at) for at in positions]


def find_quotations(tokens: TokenizedText, *, min_speech_words: int = 4) -> list[Quotation]:
    """Pair quotation marks paragraph by paragraph and classify each quotation.

    Parameters
    ----------
    tokens : TokenizedText
        Tokens of one document.
    min_speech_words : int, optional
        A quotation of at least this many words is speech without a cue
        (unless a label noun stands just before it).

    Returns
    -------
    list of Quotation
        In text order.
    """
    by_paragraph: dict[int, list[int]] = {}
    for i in _quote_marks(tokens):
        by_paragraph.setdefault(tokens.paragraph[i], []).append(i)
    quotations = []
    for paragraph, marks in by_paragraph.items():
        for opener, closer in _pair_marks(marks, tokens):
            last = closer if closer is not None else bisect_right(tokens.paragraph, paragraph) - 1
            n_words = count_words(tokens.kind[opener + 1 : last])
            if closer is None and tokens.kind[last] in WORD_KINDS:
                n_words += 1  # an open quotation's last token is inside it
            speech, reason = _classify(tokens, opener, n_words, min_speech_words)
            review = n_words > REVIEW_WORDS
            quotations.append(Quotation(opener, last, n_words, speech, reason, closer is not None, review))
    return quotations


def mark_quoted_speech(tokens: TokenizedText, *, min_speech_words: int = 4) -> list[Quotation]:
    """Set ``tokens.quoted`` for tokens inside attributed speech.

    The quotation marks themselves are not quoted; the tokens between them are.

    Parameters
    ----------
    tokens : TokenizedText
        Tokens of one document; modified in place.
    min_speech_words : int, optional
        See :func:`find_quotations`.

    Returns
    -------
    list of Quotation
        All quotations found, speech or not.
    """
    quotations = find_quotations(tokens, min_speech_words=min_speech_words)
    quoted = [False] * len(tokens)
    for quotation in quotations:
        if quotation.speech:
            inner_end = quotation.close_token if quotation.closed else quotation.close_token + 1
            quoted[quotation.open_token + 1 : inner_end] = [True] * (inner_end - quotation.open_token - 1)
    tokens.quoted = quoted
    return quotations


def quotation_rows(tokens: TokenizedText, quotations: list[Quotation], doc_id: str = "") -> list[QuotationRow]:
    """Return quotations as rows with original offsets (:data:`analysis.tables.QUOTATIONS`)."""
    rows = []
    for q in quotations:
        start, end = tokens.start[q.open_token], tokens.end[q.close_token]
        rows.append(
            QuotationRow(
                doc_id=doc_id,
                start=start,
                end=end,
                text=tokens.text[start:end],
                n_words=q.n_words,
                speech=q.speech,
                reason=q.reason,
                closed=q.closed,
                review=q.review,
                token_start=q.open_token,
                token_end=q.close_token + 1,
                paragraph=tokens.paragraph[q.open_token],
                sentence=tokens.sentence[q.open_token],
            )
        )
    return rows


def quotations_frame(rows: Sequence[Sequence]) -> pd.DataFrame:
    """Build the quotations table from rows, with stable dtypes."""
    return QUOTATIONS.frame(rows)


def quotations_table(tokens: TokenizedText, quotations: list[Quotation], doc_id: str = "") -> pd.DataFrame:
    """Return the quotations of one document as a DataFrame with original offsets.

    Parameters
    ----------
    tokens : TokenizedText
        The tokens the quotations were found in.
    quotations : list of Quotation
        From :func:`find_quotations`.
    doc_id : str
        Written into the ``doc_id`` column.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`: character offsets (``text`` is
        ``tokens.text[start:end]``, marks included), the token range
        ``[token_start, token_end)`` and the paragraph and sentence of the
        opening mark.
    """
    return quotations_frame(quotation_rows(tokens, quotations, doc_id))

"""Find quoted speech and tell it apart from scare quotes around a name or label.

Arabic news quotes with ``"``, ``“ ”`` and ``« »``, and often mismatched
(``“...“`` or ``“..."``), so marks are paired in order of appearance within a
paragraph, whatever their shape; only guillemets have a fixed direction.  A
quotation is *attributed speech* when

* it holds at least ``min_speech_words`` words (default 4), or
* it holds at least two words and a speech verb (قال، أضاف، أكد …) or a colon
  stands just before it (up to three tokens back, skipping إن/أن).

Anything else in quotation marks (``"رويترز"``, ``“فاعل صاعد”``) is a name or a
label in scare quotes: it is recorded, but its words stay in the narrator's
voice.  A quotation left open at the end of a paragraph runs to the paragraph's
end, the convention for quotes that span paragraphs.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from collections.abc import Sequence
from typing import TYPE_CHECKING
from itertools import compress

from . import arabic
from .tables import QUOTATIONS, QuotationRow
from .tokenize import WORD_KINDS, TokenizedText

if TYPE_CHECKING:
    import pandas as pd

QUOTE_COLUMNS = QUOTATIONS.names


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
        Why: ``long``, ``speech verb``, ``colon`` or ``short label``.
    closed : bool
        Whether a closing mark was found in the paragraph.
    """

    open_token: int
    close_token: int
    n_words: int
    speech: bool
    reason: str
    closed: bool


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


def _pair_marks(marks: list[int], tokens: TokenizedText) -> list[tuple[int, int | None]]:
    pairs: list[tuple[int, int | None]] = []
    k = 0
    while k < len(marks):
        opener = marks[k]
        if tokens.norm[opener] in arabic.CLOSING_ONLY_QUOTES:
            k += 1  # a stray closing guillemet opens nothing
            continue
        if tokens.norm[opener] in arabic.OPENING_ONLY_QUOTES:
            # « pairs with the next », whatever stands inside.
            closing = next(
                (j for j in range(k + 1, len(marks)) if tokens.norm[marks[j]] in arabic.CLOSING_ONLY_QUOTES),
                None,
            )
        else:
            closing = k + 1 if k + 1 < len(marks) else None
        if closing is None:
            pairs.append((opener, None))
            break
        pairs.append((opener, marks[closing]))
        k = closing + 1
    return pairs


def find_quotations(tokens: TokenizedText, *, min_speech_words: int = 4) -> list[Quotation]:
    """Pair quotation marks paragraph by paragraph and classify each quotation.

    Parameters
    ----------
    tokens : TokenizedText
        Tokens of one document.
    min_speech_words : int, optional
        A quotation of at least this many words is speech without a cue.

    Returns
    -------
    list of Quotation
        In text order.
    """
    by_paragraph: dict[int, list[int]] = {}
    for i in compress(range(len(tokens)), map(arabic.QUOTE_MARKS.__contains__, tokens.norm)):
        by_paragraph.setdefault(tokens.paragraph[i], []).append(i)
    quotations = []
    for paragraph, marks in by_paragraph.items():
        for opener, closer in _pair_marks(marks, tokens):
            last = closer if closer is not None else bisect_right(tokens.paragraph, paragraph) - 1
            n_words = sum(kind in WORD_KINDS for kind in tokens.kind[opener + 1 : last])
            cue = _introduced_by(tokens, opener)
            if n_words >= min_speech_words:
                speech, reason = True, "long"
            elif n_words >= 2 and cue:
                speech, reason = True, cue
            else:
                speech, reason = False, "short label"
            quotations.append(Quotation(opener, last, n_words, speech, reason, closer is not None))
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
        rows.append(QuotationRow(
            doc_id=doc_id, start=start, end=end, text=tokens.text[start:end], n_words=q.n_words, speech=q.speech,
            reason=q.reason, closed=q.closed, token_start=q.open_token, token_end=q.close_token + 1,
            paragraph=tokens.paragraph[q.open_token], sentence=tokens.sentence[q.open_token],
        ))
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

"""Negation and loss before a hit: the ``negated`` column of the hits table.

A hit is *negated* when, in its sentence and with no punctuation in between,

* a negating particle or a verb of loss stands within
  :data:`analysis.arabic.NEGATION_WINDOW` (2) word tokens before it: «لا يملك
  الشرعية», «فقدت الحكومة شرعيتها», «خارج عن الشرعية»;
* or a negating noun, or the ambiguous فقد (also ف + قد, "so … has"), stands
  directly before it: «عدم شرعية», «نزع الشرعية», «فقد شرعيته» (but not the
  militias of «عدم دخول مليشيات»).

Words of "of the nature of" between the negator and the hit are skipped
(«ليس ذا طابع إرهابي», «غير ذي طابع سياسي»).  The word
lists are grammar and live in :mod:`analysis.arabic`; what the flag does to
the numbers is the researcher's choice (:func:`analysis.measures.apply_negation`).
"""

from __future__ import annotations

from . import arabic
from .tokenize import WORD_KINDS, TokenizedText


def is_negated(tokens: TokenizedText, first: int) -> bool:
    """Whether the hit starting at token ``first`` follows a negator or a loss word.

    Parameters
    ----------
    tokens : TokenizedText
        The document's tokens.
    first : int
        The hit's first token (its glued clitic, if any).

    Returns
    -------
    bool

    Examples
    --------
    >>> from analysis.tokenize import tokenize
    >>> tokens = tokenize("أكد عدم شرعية البرلمان")
    >>> is_negated(tokens, 2), is_negated(tokens, 1)
    (True, False)
    >>> is_negated(tokenize("فقد أكد الجيش الوطني"), 2)  # فقد not adjacent: "so he confirmed"
    False
    >>> is_negated(tokenize("عدم دخول مليشيات"), 2)  # عدم negates the entry, not the militias
    False
    >>> is_negated(tokenize("أي عمل ليس ذا طابع إرهابي"), 5), is_negated(tokenize("عمل ذو طابع إرهابي"), 3)
    (True, False)
    """
    sentence, norms, kinds = tokens.sentence, tokens.norm, tokens.kind
    before: list[str] = []
    j = first - 1
    while j >= 0 and len(before) < arabic.NEGATION_WINDOW and sentence[j] == sentence[first]:
        if kinds[j] == "punct":
            break
        if kinds[j] in WORD_KINDS and norms[j] not in arabic.NEGATION_TRANSPARENT:
            before.append(norms[j])
        j -= 1
    if not before:
        return False
    if before[0] in arabic.adjacent_negator_forms():
        return True
    forms = arabic.negator_forms()
    if any(word in forms for word in before):
        return True
    return len(before) > 1 and (before[1], before[0]) in arabic.NEGATING_PAIRS

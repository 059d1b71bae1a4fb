"""Negation and loss before a hit: the ``negated`` column of the hits table.

A hit is *negated* when, in its sentence and with no punctuation in between,

* a negating particle stands right before it («ليس إرهابياً», «لا شرعية»), or one
  word before it when that word is a verb of being, existence, possession,
  meaning or one that only carries the act the hit names
  (:data:`analysis.arabic.NEGATION_CARRIER_VERBS`: «لا يملك الشرعية», «لم يكن
  متطرفاً»); after any other verb the hit is the subject or object of a negated
  act («لم تستطع الميليشيات», «ولا يعلن المتمردون مسؤوليتهم»);
* a verb of loss stands within :data:`analysis.arabic.NEGATION_WINDOW` (2) word
  tokens before it: «فقدت الحكومة شرعيتها», «خارج عن الشرعية»;
* or a negating noun, or the ambiguous فقد (also ف + قد, "so … has"), stands
  directly before it: «عدم شرعية», «نزع الشرعية», «فقد شرعيته» (but not the
  militias of «عدم دخول مليشيات»).

Words of "of the nature of" between the negator and the hit are skipped
(«ليس ذا طابع إرهابي», «غير ذي طابع سياسي»).  It is not negated when

* لا means "still" or "especially" (لا يزال، لا سيما);
* an exceptive makes the negation an assertion (ليس سوى، ليس مجرد، لم ... إلا،
  ليست ... فحسب);
* the hit carries a glued possessive ل (لل…) after a particle or verb: «ولم تعد
  للحكومة الشرعية أي سلطة», «ليس للإرهاب دين» (the government is still called
  legitimate; it is the power that is denied).

The rules were measured on real news in ``data/validation/negation_2026-12-02``.  The
word lists are grammar and live in :mod:`analysis.arabic`; what the flag does to the
numbers is the researcher's choice (:func:`analysis.measures.apply_negation`).
"""

from __future__ import annotations

from . import arabic
from .tokenize import WORD_KINDS, TokenizedText

#: A glued ل on a definite word (ل + ال is written لل): the possessor or the dative.
_POSSESSIVE_LAM = tuple(conj + "لل" for conj in arabic.CONJUNCTIONS)


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
    >>> is_negated(tokenize("لم تستطع الميليشيات"), 2), is_negated(tokenize("لم يكن متطرفا"), 2)
    (False, True)
    >>> is_negated(tokenize("ولم تعد للحكومة الشرعية أي سلطة"), 2)
    False
    """
    before = _words_before(tokens, first)
    if not before or any(word in arabic.NEGATION_EXCEPTIVES for word in before):
        return False
    if _exceptive_after(tokens, first):
        return False
    if before[0] in arabic.adjacent_negator_forms():
        return True
    if tokens.norm[first].startswith(_POSSESSIVE_LAM):
        return False
    particles = arabic.particle_forms()
    if before[0] in particles:
        return True
    if len(before) > 1 and before[1] in particles:
        return before[0] in arabic.NEGATION_CARRIER_VERBS
    if any(word in arabic.negator_forms() for word in before):
        return True
    return len(before) > 1 and (before[1], before[0]) in arabic.NEGATING_PAIRS


def _words_before(tokens: TokenizedText, first: int) -> list[str]:
    """The normalized words before ``first`` that a negator is sought in, nearest first.

    At most :data:`analysis.arabic.NEGATION_WINDOW`, in the hit's sentence, stopping at
    punctuation and before لا يزال / لا سيما (whose لا negates nothing); words of "of the
    nature of" are skipped.
    """
    sentence, norms, kinds = tokens.sentence, tokens.norm, tokens.kind
    before: list[str] = []
    j = first - 1
    while j >= 0 and len(before) < arabic.NEGATION_WINDOW and sentence[j] == sentence[first]:
        if kinds[j] == "punct" or norms[j] in arabic.NEGATION_CONTINUATIONS:
            break
        if kinds[j] in WORD_KINDS and norms[j] not in arabic.NEGATION_TRANSPARENT:
            before.append(norms[j])
        j -= 1
    return before


def _exceptive_after(tokens: TokenizedText, first: int) -> bool:
    """Whether إلا, سوى, فحسب … follow the hit closely (same sentence, no punctuation)."""
    seen, j = 0, first + 1
    while j < len(tokens) and seen < arabic.EXCEPTIVE_WINDOW and tokens.sentence[j] == tokens.sentence[first]:
        if tokens.kind[j] == "punct":
            return False
        if tokens.kind[j] in WORD_KINDS:
            if tokens.norm[j] in arabic.NEGATION_EXCEPTIVES:
                return True
            seen += 1
        j += 1
    return False

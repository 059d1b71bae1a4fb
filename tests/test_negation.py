"""The ``negated`` flag on hand-made sentences: the rules of the negation validation of 2026-12-02.

Each sentence is modelled on a kind of line read in the design half of
``data/validation/negation_2026-12-02`` (or the brief's example); the flag is asked of the
hit's first token, as the counter does.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.negation import is_negated
from analysis.tokenize import tokenize


def flag(text: str, hit: str) -> bool:
    """The flag of the first token whose surface is ``hit``."""
    tokens = tokenize(text)
    first = next(i for i in range(len(tokens)) if tokens.surface(i) == hit)
    return is_negated(tokens, first)


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("ولم تعد للحكومة الشرعية أي سلطة", "للحكومة"),  # the power is denied, not the legitimacy
        ("قصة تؤكد أنه ليس للإرهاب قلب", "للإرهاب"),  # possessive ل
        ("لا تزال ميليشيات الحوثي تتمركز فيها", "ميليشيات"),  # لا تزال = still
        ("وتم التعامل معهم، ولا زال الثوار يحاصرون المتمردين", "الثوار"),
        ("وإنهاء كل وجود أجنبي، ولا سيما العصابات التابعة لإيران", "العصابات"),  # لا سيما = especially
        ("فداعش ليس سوى عصابة قبيحة", "عصابة"),  # exceptive between
        ("إن تنظيم داعش ليس مجرد عصابة بل واجهة لدول", "عصابة"),
        ("لم نر الإرهاب إلا بعد تسييس الدين", "الإرهاب"),  # exceptive after
        ("وأخذه إلى أفكار ليست متطرفة فحسب بل وحشية", "متطرفة"),
        ("لم تستطع الميليشيات الحوثية إرسالها", "الميليشيات"),  # subject of a negated verb
        ("ولا يعلن المتمردون عادة مسؤوليتهم", "المتمردون"),
        ("وأيد غزو العراق، ولم يعارض غزو إيران", "غزو"),  # object of a negated verb
        ("لن يثني الإرهاب عزائمنا", "الإرهاب"),
    ],
)
def test_not_negated(text: str, hit: str) -> None:
    assert flag(text, hit) is False


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("وشعبها لم يكن متطرفا في كفاحه", "متطرفا"),  # a verb of being carries the negation
        ("فإن ذلك لا يعني الخيانة", "الخيانة"),  # meaning
        ("وقال إن المعارضة لا تملك الشرعية", "الشرعية"),  # possession
        ("كما لو كان لا يوجد إرهاب", "إرهاب"),  # existence
        ("الدولة لم ترتكب مجزرة", "مجزرة"),  # a verb that carries the act
        ("التعبير عن الرأي ليس تحريضا", "تحريضا"),  # adjacent particle
        ("والبقية نفوذ إيراني وليس احتلالا", "احتلالا"),
        ("فقدت الحكومة شرعيتها", "شرعيتها"),  # loss verb within two words, unchanged
        ("أكد عدم شرعية البرلمان", "شرعية"),  # negating noun, unchanged
        ("ثورة الياسمين غير الدموية", "الدموية"),
        ("أي عمل ليس ذا طابع إرهابي", "إرهابي"),  # of the nature of, unchanged
        ("وطن بلا إرهاب", "إرهاب"),
    ],
)
def test_negated(text: str, hit: str) -> None:
    assert flag(text, hit) is True


def test_exceptive_after_stops_at_punctuation() -> None:
    # «إلا» of the next clause does not reach back across the comma
    assert flag("وقال إنه ليس إرهابيا، ولا يعرف إلا الحق", "إرهابيا") is True


def test_possessive_lam_does_not_block_an_adjacent_negating_noun() -> None:
    # عدم governs the word right after it, ل or not
    assert flag("أكد عدم للشرعية", "للشرعية") is True


WORDS = ["لا", "لم", "ليس", "يكن", "تزال", "الا", "فقط", "للحكومة", "الإرهاب", "عدم", "فقدت", "،", ".", "وقال"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.data())
def test_flag_depends_only_on_the_hits_sentence(words: list[str], data: st.DataObject) -> None:
    # Whatever comes before the hit's sentence cannot change its flag.
    text = " ".join(words)
    tokens = tokenize(text)
    first = data.draw(st.integers(0, len(tokens) - 1))
    prefix = "لم يكن فقط. "
    shifted = tokenize(prefix + text)
    offset = len(shifted) - len(tokens)
    assert is_negated(shifted, first + offset) == is_negated(tokens, first)

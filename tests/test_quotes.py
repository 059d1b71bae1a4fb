from analysis.quotes import find_quotations, mark_quoted_speech, quotations_table
from analysis.tokenize import tokenize


def classify(text):
    t = tokenize(text)
    quotations = mark_quoted_speech(t)
    table = quotations_table(t, quotations)
    return t, list(zip(table.text, table.speech, table.reason))


def test_names_in_quotes_are_not_speech():
    _, found = classify('حيث قالت "رويترز" إن "بومبيو" عبّر عن المخاوف')
    assert found == [('"رويترز"', False, "short label"), ('"بومبيو"', False, "short label")]


def test_mismatched_marks_pair_in_order():
    t, found = classify('وقال المصدر، إن “حفتر قبِل بالحوار بهدف تحييد قوة مصراتة".')
    assert found == [('“حفتر قبِل بالحوار بهدف تحييد قوة مصراتة"', True, "long")]
    quoted = [t.surface(i) for i in range(len(t)) if t.quoted[i]]
    assert quoted == ["حفتر", "قبِل", "بالحوار", "بهدف", "تحييد", "قوة", "مصراتة"]


def test_short_quote_after_speech_verb_is_speech():
    # A known limit: the verb is looked for only three words back.
    _, found = classify("وصف الوزير الهجوم بأنه «عمل إرهابي»")
    assert found == [("«عمل إرهابي»", False, "short label")]
    _, found = classify("وقال: «عمل إرهابي»")
    assert found == [("«عمل إرهابي»", True, "colon")]
    _, found = classify("وأضاف أن “الوضع خطير”")
    assert found == [("“الوضع خطير”", True, "speech verb")]


def test_scare_quotes_around_a_label():
    _, found = classify("فقد تحول إلى “فاعل صاعد” في ليبيا")
    assert found == [("“فاعل صاعد”", False, "short label")]


def test_unclosed_quote_runs_to_the_end_of_its_paragraph():
    t, found = classify("قال إن «الحرب لن تنتهي قريبا كما يظن البعض\nفقرة أخرى")
    assert found == [("«الحرب لن تنتهي قريبا كما يظن البعض", True, "long")]
    assert t.quoted[-1] is False and t.quoted[-3] is True
    assert find_quotations(t)[0].closed is False


def test_seed_quotations(seed_text):
    t, found = classify(seed_text)
    assert len(found) == 11
    speech = [text for text, is_speech, _ in found if is_speech]
    assert len(speech) == 2
    assert speech[1] == "“تدخلا سافرا في الشأن الليبي الداخلي\""
    labels = [text for text, is_speech, _ in found if not is_speech]
    assert labels == [
        '"رويترز"', '"بومبيو"', '"ستيفاني"', '"عين زارة"', '"خلة الفرجان"', '"قصر بن غشيز"',
        "“فاعل صاعد”", "“سي آي إيه”", '"باريس"',
    ]
    # Counted by hand: 30 words and one comma inside the Haftar quotation, 6 words in the second.
    assert sum(t.quoted) == 31 + 6

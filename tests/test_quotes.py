from analysis.quotes import REVIEW_WORDS, find_quotations, mark_quoted_speech, quotations_table
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
    assert speech[1] == '“تدخلا سافرا في الشأن الليبي الداخلي"'
    labels = [text for text, is_speech, _ in found if not is_speech]
    assert labels == [
        '"رويترز"',
        '"بومبيو"',
        '"ستيفاني"',
        '"عين زارة"',
        '"خلة الفرجان"',
        '"قصر بن غشيز"',
        "“فاعل صاعد”",
        "“سي آي إيه”",
        '"باريس"',
    ]
    # Counted by hand: 30 words and one comma inside the Haftar quotation, 6 words in the second.
    assert sum(t.quoted) == 31 + 6


def spans(text):
    """(text[start:end], speech, closed) of every quotation, offsets checked."""
    t = tokenize(text)
    table = quotations_table(t, mark_quoted_speech(t))
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    return [(row.start, row.end, row.text, row.speech, row.closed) for row in table.itertuples()]


def test_plain_mark_does_not_close_a_guillemet():
    text = 'قال "المصدر" إن «الحرب لن تنتهي قريبا" كما يظن» البعض'
    assert spans(text) == [
        (4, 12, '"المصدر"', False, True),
        (16, 47, '«الحرب لن تنتهي قريبا" كما يظن»', True, True),
    ]


def test_curly_pairs_before_plain_and_a_mismatched_pair_still_closes():
    text = 'وصف "رويترز" الأمر بأنه “تدخل سافر في الشأن الداخلي" ثم "انتهى"'
    assert [s[2] for s in spans(text)] == ['"رويترز"', '“تدخل سافر في الشأن الداخلي"', '"انتهى"']
    nested = 'قال: "إن “الشرعية” لن تسقط أبدا" ثم غادر'
    assert [s[2] for s in spans(nested)] == ['"إن “الشرعية” لن تسقط أبدا"']


def test_one_guillemet_shape_for_both_ends():
    assert [s[2:] for s in spans("قام مقاتلو تنظيم «داعش « بخطف مدنيين")] == [("«داعش «", False, True)]
    assert [s[2:] for s in spans("عضوين بـ»التأمينات الاجتماعية» أمس")] == [("»التأمينات الاجتماعية»", False, True)]
    # A lone closing guillemet (the end of a quotation from the paragraph before) opens nothing.
    assert spans("مئة ألف مرة». وقال الوزير") == []


def test_open_quotation_is_bounded_by_its_paragraph_and_counts_its_last_word():
    text = "قال إن «الحرب لن تنتهي\nوفي طرابلس قال آخر"
    t = tokenize(text)
    (q,) = find_quotations(t)
    assert (q.closed, q.n_words, t.surface(q.close_token)) == (False, 3, "تنتهي")
    assert spans(text) == [(7, 22, "«الحرب لن تنتهي", True, False)]
    # Three words after a speech verb: speech, up to the paragraph's end and no further.
    mark_quoted_speech(t)
    assert [t.surface(i) for i in range(len(t)) if t.quoted[i]] == ["الحرب", "لن", "تنتهي"]


def test_a_title_after_a_label_noun_is_not_speech():
    _, found = classify("ضمن فعاليات حملة «معا ضد الإرهاب والفكر الضال» في القصيم")
    assert found == [("«معا ضد الإرهاب والفكر الضال»", False, "named label")]
    _, found = classify("وقال في كتابه: «إن الإرهاب لا دين له أبدا»")
    assert found == [("«إن الإرهاب لا دين له أبدا»", True, "long")]
    # The speech verb ذكر introduces the newspaper, not the quotation after it.
    _, found = classify('ذكر لصحيفة "ديلي تلغراف" أن الوباء انتشر')
    assert found == [('"ديلي تلغراف"', False, "named label")]


def test_long_quotation_is_flagged_for_review():
    words = " ".join(["كلمة"] * (REVIEW_WORDS + 1))
    t = tokenize(f"قال «{words}» ثم «{' '.join(['كلمة'] * REVIEW_WORDS)}»")
    assert [q.review for q in find_quotations(t)] == [True, False]

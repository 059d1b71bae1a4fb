from analysis.tokenize import analyzer, tokenize


def surfaces(text):
    t = tokenize(text)
    return [(t.surface(i), t.kind[i]) for i in range(len(t))]


def test_diacritics_never_split_a_word():
    assert surfaces("الرَّئِيسُ قبِل") == [("الرَّئِيسُ", "arabic"), ("قبِل", "arabic")]


def test_arabic_meets_latin_with_clitics_and_tatweel():
    assert surfaces("الموساد والـCIA") == [("الموساد", "arabic"), ("والـ", "clitic"), ("CIA", "latin")]


def test_clitic_glued_to_a_number():
    assert surfaces("بين 1978 و1987") == [
        ("بين", "arabic"),
        ("1978", "number"),
        ("و", "clitic"),
        ("1987", "number"),
    ]


def test_arabic_word_glued_to_a_number_is_not_a_clitic():
    assert surfaces("عام2019") == [("عام", "arabic"), ("2019", "number")]


def test_punctuation_and_decimal_numbers():
    assert surfaces("نسبة 1.5٪، فقط؟") == [
        ("نسبة", "arabic"),
        ("1.5", "number"),
        ("٪", "punct"),
        ("،", "punct"),
        ("فقط", "arabic"),
        ("؟", "punct"),
    ]


def test_invisible_marks_between_words_are_not_part_of_a_surface():
    t = tokenize("حفتر\u200f قال")
    assert [t.surface(i) for i in range(len(t))] == ["حفتر", "قال"]
    t = tokenize("حف\u200cتر")
    assert [t.surface(i) for i in range(len(t))] == ["حف\u200cتر"]
    assert t.norm == ["حفتر"]


def test_no_break_space_separates_words():
    assert [s for s, _ in surfaces("والسعودية.\xa0وبفعل")] == ["والسعودية", ".", "وبفعل"]


def test_paragraphs_and_sentences():
    t = tokenize("جملة أولى. جملة ثانية؟\n\nفقرة ثانية\nفقرة ثالثة")
    assert t.paragraph == [1, 1, 1, 1, 1, 1, 2, 2, 3, 3]
    assert t.sentence == [1, 1, 1, 2, 2, 2, 3, 3, 4, 4]
    assert (t.n_paragraphs, t.n_sentences, t.n_words) == (3, 4, 8)


def test_seed_article_token_counts(seed_text):
    t = tokenize(seed_text)
    # A naive split on script boundaries gives 568 pieces; والـ (of والـCIA) and و (of
    # و1987) are clitics, not words: 566.  The "Facebook Comments" trailer is cut.
    assert t.n_words == 566
    assert t.n_paragraphs == 16  # 14 text paragraphs + 2 headings
    assert t.n_sentences == 18  # paragraph 8 has three sentences
    assert t.kind.count("clitic") == 2  # والـ of والـCIA, و of و1987


def test_tokens_frame_columns(seed_text):
    frame = tokenize(seed_text).to_frame("seed")
    assert list(frame.columns) == [
        "doc_id",
        "i",
        "start",
        "end",
        "surface",
        "norm",
        "kind",
        "paragraph",
        "sentence",
        "quoted",
    ]
    assert all(seed_text[s:e] == w for s, e, w in zip(frame.start, frame.end, frame.surface))


def test_analyzer_for_scikit_learn():
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=analyzer())
    matrix = vectorizer.fit_transform(["قال حفترُ، وحفتر", "والـCIA"])
    assert sorted(vectorizer.vocabulary_) == ["cia", "حفتر", "قال", "وحفتر"]
    assert matrix.sum() == 4

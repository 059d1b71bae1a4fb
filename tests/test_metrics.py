"""Framing metrics on small hand-made texts with known answers, and on the seed."""

import math

import pandas as pd
import pytest

from analysis import metrics
from analysis.ingest import documents_from_texts, read_documents
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.pipeline import FramingCounter

ACTORS_CSV = "actor,alias,type\nHaftar,حفتر,person\nGNA,حكومة الوفاق,government\nEgypt,مصر,state\n"
TERMS_CSV = "term,category\nمليشي*,delegitimizing\nالشرعية,legitimizing\nما يسمى,distancing_marker\nفشل*,failure\n"


@pytest.fixture
def counter(write_csv):
    return FramingCounter(
        load_lexicon(write_csv("a.csv", ACTORS_CSV), ACTORS), load_lexicon(write_csv("t.csv", TERMS_CSV), TERMS)
    )


def run(counter, *texts):
    return counter.count(documents_from_texts(list(texts), [f"d{i}" for i in range(1, len(texts) + 1)]))


def test_salience(counter):
    #        0         1         2         3
    #        0123456789012345678901234567890123456789
    text = "قال مصر إن حفتر فشل. وقال حفتر: «مصر دعمت حفتر دائما»"
    result = run(counter, text)
    table = metrics.actor_salience(result.hits, result.documents).set_index("actor")
    assert table.loc["Haftar", ["mentions", "narrator", "quoted", "first_start", "first_sentence"]].tolist() == [
        3,
        2,
        1,
        11,
        1,
    ]
    assert table.loc["Egypt", ["mentions", "narrator", "quoted"]].tolist() == [2, 1, 1]
    assert table.loc["Haftar", "share"] == pytest.approx(3 / 5)
    assert table.loc["Egypt", "first_position"] == pytest.approx(4 / len(text))
    assert list(table.index) == ["Haftar", "Egypt"]


def test_density_per_1000_words_by_voice(counter):
    # 10 words, 4 of them quoted; one narrator and one quoted militia label.
    text = "قال المصدر إن مليشيات حفتر هاجمت: «مليشيات تهاجم المدنيين هنا»"
    result = run(counter, text)
    assert result.documents.loc[0, ["n_words", "n_quoted_words"]].tolist() == [10, 4]
    row = metrics.term_density(result.hits, result.documents).iloc[0]
    assert (row.category, row.n, row.narrator_n, row.quoted_n) == ("delegitimizing", 2, 1, 1)
    assert row.per_1000 == pytest.approx(200.0)
    assert row.narrator_per_1000 == pytest.approx(1000 / 6)
    assert row.quoted_per_1000 == pytest.approx(250.0)


def test_density_without_quoted_speech_is_nan_not_zero(counter):
    result = run(counter, "مليشيات حفتر")
    row = metrics.term_density(result.hits, result.documents).iloc[0]
    assert math.isnan(row.quoted_per_1000) and row.narrator_per_1000 == pytest.approx(500.0)


def test_framing_matrix_sentence_and_window(counter):
    text = "هاجمت مليشيات حفتر طرابلس بينما دعت حكومة الوفاق إلى الحوار. وفشل الحوار."
    result = run(counter, text)
    sentence = metrics.framing_matrix(result.hits)
    assert list(zip(sentence.actor, sentence.category, sentence.n)) == [
        ("GNA", "delegitimizing", 1),
        ("Haftar", "delegitimizing", 1),
    ]  # the second sentence has a term but no actor
    window = metrics.framing_matrix(result.hits, window=0)
    assert list(zip(window.actor, window.category, window.n)) == [("Haftar", "delegitimizing", 1)]
    wide = metrics.matrix_wide(sentence, actors=["Haftar", "GNA", "Egypt"])
    assert wide.loc["Egypt"].tolist() == [0] and wide.loc["Haftar", "delegitimizing"] == 1


def test_framing_matrix_counts_each_actor_once_per_term(counter):
    result = run(counter, "حفتر ومليشيات حفتر")
    matrix = metrics.framing_matrix(result.hits)
    assert matrix.n.tolist() == [1]
    with pytest.raises(ValueError, match="window must be >= 0"):
        metrics.framing_matrix(result.hits, window=-1)


def test_framing_matrix_narrator_only(counter):
    result = run(counter, "قال حفتر: «مليشيات الوفاق تهاجمنا كل يوم»")
    assert metrics.framing_matrix(result.hits).n.sum() == 1
    assert metrics.framing_matrix(result.hits, include_quoted=False).empty


def test_distancing_markers(counter):
    text = 'وصلت ما يسمى حكومة الوفاق إلى طرابلس. وصار حفتر "رجلا قويا" في مصر. وكتب "مصر" كلمة.'
    result = run(counter, text)
    table = metrics.distancing_markers(result.hits, result.quotations)
    assert list(zip(table.marker, table.how, table.actor)) == [
        ("ما يسمى", "term", "GNA"),
        ('"رجلا قويا"', "scare quotes", "Haftar"),  # nearest actor before, not مصر after
    ]  # "مصر" in quotation marks is a name, not a distancing marker


def test_titles_and_empty_marks_are_not_scare_quotes(counter):
    text = 'قال خبير في مركز «الأهرام» إن حفتر "رجل قوي". وذكر حفتر لصحيفة "التلغراف" أن "" مصر "حليف".'
    result = run(counter, text)
    reasons = dict(zip(result.quotations.text, result.quotations.reason))
    assert reasons["«الأهرام»"] == reasons['"التلغراف"'] == "named label"  # after مركز, لصحيفة
    table = metrics.distancing_markers(result.hits, result.quotations)
    assert list(zip(table.marker, table.how, table.actor)) == [
        ('"رجل قوي"', "scare quotes", "Haftar"),
        ('"حليف"', "scare quotes", "Egypt"),
    ]  # neither the titles nor the empty pair ""


def test_a_quoted_outlet_name_is_not_a_scare_quote(counter):
    # The actor lexicon has no media actor: before, «الشرق الأوسط», "رويترز", ”العربية نت” and
    # "الاقتصاديــة" (tatweel) were four scare quotes attached to Haftar or Egypt.
    text = (
        'وقال حفتر لـ«الشرق الأوسط» إن الحرب "قريبة". وأفادت "رويترز" بأن مصر "حليف". '
        'ونقلت ”العربية نت” عن حفتر. وأكد مسؤول في مصر لـ"الاقتصاديــة" ذلك. وصار حفتر "الوطن" كله.'
    )
    result = run(counter, text)
    table = metrics.distancing_markers(result.hits, result.quotations)
    assert list(zip(table.marker, table.how, table.actor)) == [
        ('"قريبة"', "scare quotes", "Haftar"),
        ('"حليف"', "scare quotes", "Egypt"),
        ('"الوطن"', "scare quotes", "Haftar"),  # a common word left out of the list of names: still counted
    ]
    # An outlet of the corpus's own (its outlet column) is a name too, once given.
    own = run(counter, 'ونشرت «صدى الجنوب» صورة حفتر "قريبة".')
    before = metrics.distancing_markers(own.hits, own.quotations)
    after = metrics.distancing_markers(own.hits, own.quotations, outlets=["صدى الجنوب"])
    assert list(before.marker) == ["«صدى الجنوب»", '"قريبة"'] and list(after.marker) == ['"قريبة"']


SEED_HAFTAR_SENTENCE = {
    "conspiracy_collusion": 5, "delegitimizing_label": 3, "distancing_marker": 1, "failure_weakness": 3,
    "legitimizing_label": 2, "violence_violation": 4,
}  # fmt: skip


@pytest.fixture(scope="module")
def seed(seed_path):
    return FramingCounter().count(read_documents([seed_path]), keep_tokens=True)


def test_seed_salience(seed):
    table = metrics.actor_salience(seed.hits, seed.documents)
    top = table.head(3)
    assert list(top.actor) == ["Khalifa Haftar", "Libya", "Mike Pompeo"]
    assert list(top.mentions) == [13, 9, 5]
    assert table.iloc[0]["share"] == pytest.approx(13 / 73)
    # Pompeo is named first (character 27), Haftar in the third paragraph.
    pompeo = table.set_index("actor").loc["Mike Pompeo"]
    assert (pompeo.first_start, pompeo.first_sentence) == (27, 1)


def test_seed_density(seed):
    table = metrics.term_density(seed.hits, seed.documents).set_index("category")
    # 566 words, 36 inside quoted speech; 5 delegitimizing labels, one of them quoted.
    assert table.loc["delegitimizing_label", "per_1000"] == pytest.approx(5 / 566 * 1000)
    assert table.loc["delegitimizing_label", "narrator_per_1000"] == pytest.approx(4 / 530 * 1000)
    assert table.loc["delegitimizing_label", "quoted_per_1000"] == pytest.approx(1 / 36 * 1000)
    assert table["n"].sum() == 21


def test_seed_framing_matrix(seed):
    # Hand-counted sentence by sentence (see the notebook 03 narrative): 76 pairs in all.
    sentence = metrics.framing_matrix(seed.hits)
    assert sentence.n.sum() == 76
    haftar = sentence[sentence.actor == "Khalifa Haftar"].set_index("category").n.to_dict()
    assert haftar == SEED_HAFTAR_SENTENCE
    # Within three tokens: مليشيات ... لحفتر (quoted), مليشيات حفتر, حفتر المتهم بالتعاون, حفتر بصور شتى غير معلنة.
    window = metrics.framing_matrix(seed.hits, window=3)
    assert window.n.sum() == 12
    assert window[window.actor == "Khalifa Haftar"].set_index("category").n.to_dict() == {
        "delegitimizing_label": 2,
        "conspiracy_collusion": 2,
    }
    assert window[window.actor == "Sameh Shoukry"].set_index("category").n.to_dict() == {"delegitimizing_label": 1}


def test_seed_distancing(seed):
    table = metrics.distancing_markers(seed.hits, seed.quotations)
    assert list(zip(table.marker, table.how, table.actor)) == [
        ("“فاعل صاعد”", "scare quotes", "Khalifa Haftar"),
        ("بدعوى", "term", "Khalifa Haftar"),
    ]


def test_empty_inputs_give_empty_tables():
    empty = FramingCounter().count(documents_from_texts(["لا شيء هنا"]))
    assert metrics.actor_salience(empty.hits, empty.documents).empty
    assert metrics.term_density(empty.hits, empty.documents).empty
    assert metrics.framing_matrix(empty.hits).empty
    assert isinstance(metrics.distancing_markers(empty.hits, empty.quotations), pd.DataFrame)


def test_seed_framing_pairs_show_the_words(seed):
    pairs = metrics.framing_pairs(seed.hits, window=3)
    haftar = pairs[pairs.actor == "Khalifa Haftar"]
    assert list(zip(haftar.term_surface, haftar.actor_surface, haftar.gap, haftar.quoted)) == [
        ("مليشيات", "لحفتر", 3, True),  # مليشيات غرب ليبيا الموالية لحفتر (quoted)
        ("المتهم بالتعاون", "حفتر", 0, False),
        ("مليشيات", "حفتر", 0, False),  # قصف مليشيات حفتر
        ("غير معلنة", "حفتر", 2, False),  # تدعم حفتر بصور شتى غير معلنة
    ]
    text = read_documents([seed.documents.source[0]]).text[0]
    assert all(text[s:e] == w for s, e, w in zip(pairs.term_start, pairs.term_end, pairs.term_surface))
    assert all(text[s:e] == w for s, e, w in zip(pairs.actor_start, pairs.actor_end, pairs.actor_surface))

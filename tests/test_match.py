import pytest

from analysis.ingest import documents_from_texts
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.pipeline import FramingCounter

ACTORS_CSV = """actor,alias,type
Khalifa Haftar,حفتر,person
Khalifa Haftar,خليفة حفتر,person
Egypt,مصر,state
United States,أمريكا,state
United States,أميركا,state
CIA,CIA,agency
CIA,سي آي إيه,agency
Mossad,الموساد,agency
GNA,حكومة الوفاق,government
GNA,حكومة الوفاق المعترف بها دوليا,government
Lebanon,لبنان,state
"""
TERMS_CSV = """term,category
مليشي*,delegitimizing
ميليشي*,delegitimizing
الانقلاب,delegitimizing
حكومة,neutral_test
المعترف بها دوليا,legitimizing
"""


@pytest.fixture
def counter(write_csv):
    actors = load_lexicon(write_csv("actors.csv", ACTORS_CSV), ACTORS)
    terms = load_lexicon(write_csv("terms.csv", TERMS_CSV), TERMS)
    return FramingCounter(actors, terms)


def hits(counter, text, kind=None):
    table = counter.count(documents_from_texts([text])).hits
    if kind:
        table = table[table.kind == kind]
    return list(zip(table.label, table.surface))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لحفتر", [("Khalifa Haftar", "لحفتر")]),
        ("وشكري وحفتر", [("Khalifa Haftar", "وحفتر")]),
        ("وبحفتر فلحفتر", [("Khalifa Haftar", "وبحفتر"), ("Khalifa Haftar", "فلحفتر")]),
        ("والـCIA", [("CIA", "والـCIA")]),
        ("والموساد وللموساد بالموساد", [("Mossad", "والموساد"), ("Mossad", "وللموساد"), ("Mossad", "بالموساد")]),
        ("بأمريكا وأميركا", [("United States", "بأمريكا"), ("United States", "وأميركا")]),
        ("حَفْتَرُ", [("Khalifa Haftar", "حَفْتَرُ")]),
        ("حفـــتر", [("Khalifa Haftar", "حفـــتر")]),
        ("(سي آي إيه)", [("CIA", "سي آي إيه")]),
    ],
)
def test_clitics_diacritics_and_latin(counter, text, expected):
    assert hits(counter, text, "actor") == expected


@pytest.mark.parametrize("text", ["مصراتة", "المصرية", "الأمريكان", "الأمريكي", "لبنانية", "مصري"])
def test_a_match_never_starts_or_ends_inside_a_word(counter, text):
    assert hits(counter, text, "actor") == []


def test_stem_with_clitic_letters_is_not_stripped(counter):
    # لبنان starts with ل but is its own entry; بنان would not match it.
    assert hits(counter, "زار لبنان", "actor") == [("Lebanon", "لبنان")]


def test_longest_match_wins(counter):
    text = "حكومة الوفاق المعترف بها دوليا وحكومة الوفاق وخليفة حفتر"
    assert hits(counter, text, "actor") == [
        ("GNA", "حكومة الوفاق المعترف بها دوليا"),
        ("GNA", "وحكومة الوفاق"),
        ("Khalifa Haftar", "وخليفة حفتر"),
    ]


def test_kinds_match_independently(counter):
    text = "حكومة الوفاق المعترف بها دوليا"
    assert hits(counter, text, "term") == [("حكومة", "حكومة"), ("المعترف بها دوليا", "المعترف بها دوليا")]


def test_wildcards_and_enclitics_on_terms(counter):
    text = "المليشيات وميليشياتها ومليشيا الانقلاب وانقلابهم حكومتها"
    assert hits(counter, text, "term") == [
        ("مليشي*", "المليشيات"),
        ("ميليشي*", "وميليشياتها"),
        ("مليشي*", "ومليشيا"),
        ("الانقلاب", "الانقلاب"),
        ("حكومة", "حكومتها"),
    ]


def test_multiword_entries_do_not_cross_paragraphs(counter):
    assert hits(counter, "حكومة\nالوفاق", "actor") == []
    assert hits(counter, "خليفة حفتر", "actor") == [("Khalifa Haftar", "خليفة حفتر")]


def test_offsets_and_context_columns(counter):
    text = 'قال المصدر إن “حفتر قبِل بالحوار مع حكومة الوفاق".\n\nوكان حفتر'
    table = counter.count(documents_from_texts([text], ["d"])).hits
    actors = table[table.kind == "actor"]
    assert all(text[s:e] == w for s, e, w in zip(table.start, table.end, table.surface))
    assert list(actors.quoted) == [True, True, False]
    assert list(actors.paragraph) == [1, 1, 2]
    assert list(actors.sentence) == [1, 1, 2]
    assert list(actors.entry) == ["حفتر", "حكومة الوفاق", "حفتر"]


def test_counts_and_documents_tables(counter):
    result = counter.count(documents_from_texts(["حفتر ولحفتر في مصر", "مصر"], ["a", "b"]))
    counts = result.counts[result.counts.kind == "actor"]
    assert list(zip(counts.doc_id, counts.label, counts.n)) == [
        ("a", "Khalifa Haftar", 2),
        ("a", "Egypt", 1),
        ("b", "Egypt", 1),
    ]
    assert list(result.documents.n_words) == [4, 1]
    assert list(result.documents.columns[:1]) == ["doc_id"]


def test_multi_word_entries_need_their_second_word(write_csv):
    # Only multi-word entries start with مجلس: a مجلس followed by another word, or by nothing, is no hit.
    csv_text = "actor,alias,type\nUNSC,مجلس الأمن,organization\nParliament,مجلس النواب,organization\n"
    counter = FramingCounter(load_lexicon(write_csv("a.csv", csv_text), ACTORS), None)
    text = "اجتمع مجلس الوزراء ومجلس النواب ثم مجلس الأمن، وقال المجلس"
    assert hits(counter, text) == [("Parliament", "ومجلس النواب"), ("UNSC", "مجلس الأمن")]
    assert hits(counter, "قال مجلس") == []
    assert hits(counter, "مجلس\nالأمن") == []  # the second word in the next paragraph

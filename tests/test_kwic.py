"""Keyword in context, free queries with the lexicon's rules, hit selection, and the explorer."""

import pandas as pd
import pytest

from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts, read_documents
from analysis.kwic import keyword_in_context, kwic_html, search, select_hits
from analysis.pipeline import FramingCounter


@pytest.fixture(scope="module")
def seed(seed_path):
    documents = read_documents([seed_path])
    return documents, FramingCounter().count(documents)


def test_search_uses_the_lexicon_rules(seed):
    documents, _ = seed
    found = search(documents, "انقلاب*")
    assert list(found.surface) == ["الانقلاب", "الانقلابيين"]  # article generated, wildcard continued
    assert list(search(documents, "مصر").surface) == ["مصر", "ومصر", "ومصر"]  # never inside مصراتة
    assert list(search(documents, "حكومة الوفاق").surface) == [
        "لحكومة الوفاق",
        "حكومة الوفاق",
        "حكومة الوفاق",
    ]
    text = documents.text[0]
    assert all(text[s:e] == w for s, e, w in zip(found.start, found.end, found.surface))


def test_search_refuses_a_query_that_cannot_match(seed):
    with pytest.raises(FramingInputError, match="'\\*' may only end a word"):
        search(seed[0], "مل*يشيا")


def test_select_hits(seed):
    _, result = seed
    haftar = select_hits(result.hits, actor="Khalifa Haftar")
    assert len(haftar) == 13
    assert len(select_hits(result.hits, actor="Khalifa Haftar", voice="quoted")) == 2
    assert list(select_hits(result.hits, category="failure_weakness").surface) == ["عجز", "ولعجزه", "وفشله"]
    with pytest.raises(ValueError, match="voice"):
        select_hits(result.hits, voice="loud")


def test_kwic_lines_and_rtl_html(seed):
    documents, result = seed
    lines = keyword_in_context(select_hits(result.hits, term="مليشي*"), documents, width=20)
    assert list(lines.hit) == ["مليشيات", "مليشيات"]
    assert lines.left[1].endswith("استمرار قصف") and lines.right[1].startswith("حفتر")
    rendered = kwic_html(lines)
    assert rendered.startswith('<table dir="rtl"') and rendered.count("<mark>") == 2
    assert "… 1 more line(s) not shown" in kwic_html(lines, max_rows=1)


def test_kwic_escapes_html():
    documents = documents_from_texts(["<script>x</script> مليشيات حفتر"], ["d"])
    lines = keyword_in_context(search(documents, "مليشي*"), documents)
    assert "<script>" not in kwic_html(lines) and "&lt;script&gt;" in kwic_html(lines)


def test_explorer_updates_its_views():
    pytest.importorskip("ipywidgets")
    from analysis.explorer import ALL, FramingExplorer

    texts = ["هاجمت مليشيات حفتر طرابلس.", "ووصفت مصر حفتر بالجيش الوطني.", "قالت الوفاق إن مليشيات فاغنر تقصف."]
    documents = documents_from_texts(texts, ["a", "b", "c"])
    documents["outlet"] = ["x", "x", "y"]
    result = FramingCounter().count(documents)
    explorer = FramingExplorer(result.hits, documents)
    assert "3 loaded term(s) shown" in explorer.summary.value
    assert explorer.kwic.value.startswith('<table dir="rtl"')
    explorer.group_menu.value = "y"
    assert "1 loaded term(s) shown" in explorer.summary.value
    # (label, value): articles are listed by title, by id when they have none.
    assert list(explorer.document_menu.options) == [(ALL, ALL), ("c", "c")]
    explorer.group_menu.value = ALL
    explorer.actor_menu.value = "Khalifa Haftar"
    assert "2 loaded term(s) shown" in explorer.summary.value  # مليشيات and الجيش الوطني near Haftar
    explorer.category_menu.value = "legitimizing_label"
    assert "1 loaded term(s) shown" in explorer.summary.value and "الجيش الوطني" in explorer.kwic.value
    explorer.voice_menu.value = "quoted"
    assert "no line for this choice" in explorer.kwic.value


# -- explanations of model hits (issue 11, item 5) --------------------------------------------

MODEL_TEXT = ("وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل. "
              "وأكد أن إنشاء المركز يعد نقلة نوعية في العمل الإعلامي.")  # fmt: skip


@pytest.fixture(scope="module")
def model_run():
    from analysis.ingest import documents_from_texts
    from analysis.learn import load_default_tagger

    documents = documents_from_texts([MODEL_TEXT])
    return documents, FramingCounter(model="default").count(documents).hits, load_default_tagger()


def test_kwic_explains_model_hits(model_run):
    from analysis.learn.explain import describe_feature

    documents, hits, tagger = model_run
    kwic = keyword_in_context(hits, documents, tagger=tagger)
    # The audited lexicon lists قوات الاحتلال as a descriptor of Israel (an actor hit of its own).
    assert list(kwic["kind"]) == ["actor", "model", "term", "model", "model"]
    # (the shipped CRF design, 2026-12-01, ends the first span at «بشعة», flags «المدنيين» on its own and
    # takes «نقلة نوعية» whole: the CRF's chain favours contiguous spans)
    assert list(kwic["hit"]) == [
        "قوات الاحتلال",
        "قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة",
        "الاحتلال",
        "المدنيين",
        "نقلة نوعية",
    ]
    assert kwic["why"][0] == kwic["why"][2] == ""  # a dictionary hit has no model explanation
    # the shipped design's two linear parts, the heavier first (CRF 0.5, logistic 0.125): the CRF's
    # strongest evidence for the first span is a vector dimension of verbs of attack
    crf, logistic = kwic["why"][1].split(" | ")
    assert crf.startswith("CRF: dimension 5 of the word's distributional vector (highest for words like ضربت، دمرت، "
                          "شنت) +2.96; "), crf  # fmt: skip
    # the logistic part's words sum the features: near a lexicon hit first
    assert logistic.startswith("logistic: next to a term of the model's lexicon +1.98; "), logistic
    # the same numbers as Tagger.explain, intercept left out, each feature in plain words, part by part
    start, end = int(kwic["start"][4]), int(kwic["end"][4])
    expected = []
    for part, name in (("crf", "CRF"), ("linear", "logistic")):
        top = tagger.explain(MODEL_TEXT, start, end, top=4, part=part)
        top = top[top["feature"] != "(intercept)"].head(3)
        described = [describe_feature(f, tagger.words) for f in top["feature"]]
        expected.append(f"{name}: " + "; ".join(f"{d} {c:+.2f}" for d, c in zip(described, top["contribution"])))
    assert kwic["why"][4] == " | ".join(expected)
    page = kwic_html(kwic)
    assert page.count('title="CRF: dimension 5 of the word') == 1 and "<th>why (model)</th>" in page
    assert "why" not in keyword_in_context(hits, documents).columns  # without a tagger: the old columns


def test_explain_hits_table(model_run):
    from analysis.learn.explain import EXPLAIN_COLUMNS, describe_feature, explain_hits

    documents, hits, tagger = model_run
    table = explain_hits(tagger, hits, documents, top=2)
    assert list(table.columns) == list(EXPLAIN_COLUMNS)
    # three model hits, two parts (the CRF first: it weighs more), two features each
    assert len(table) == 12 and list(table["rank"]) == [1, 2] * 6
    assert list(table["part"]) == ["crf", "crf", "linear", "linear"] * 3
    logistic_only = explain_hits(tagger, hits, documents, top=2, parts=["linear"])
    pd.testing.assert_frame_equal(logistic_only, table[table["part"] == "linear"].reset_index(drop=True))
    # a part named twice is explained once; no part at all is refused, not an empty table
    twice = explain_hits(tagger, hits, documents, top=2, parts=["linear", "linear"])
    pd.testing.assert_frame_equal(twice, logistic_only)
    with pytest.raises(ValueError, match=r"parts is empty: name the parts to explain \(\('crf', 'linear'\)"):
        explain_hits(tagger, hits, documents, parts=[])
    assert (table["contribution"] == (table["value"] * table["weight"]).round(4)).all()
    assert list(table["description"]) == [describe_feature(f, tagger.words) for f in table["feature"]]
    assert "" not in set(table["description"]) and not table["description"].str.contains(":").any()


def test_feature_descriptions_name_the_word_the_neighbour_and_the_cluster():
    """Hand-checked descriptions of each kind of feature name (the plain words of the ``why`` column)."""
    from analysis.learn import default_word_features
    from analysis.learn.explain import describe_feature

    words = default_word_features()
    assert describe_feature("-1:w=قوات") == "the word before is «قوات»"
    assert describe_feature("+2:core=احتلال") == "two words after without its clitics is «احتلال»"
    assert describe_feature("0:g4=<احت") == "the word (clitics stripped) begins with «احت»"
    assert describe_feature("0:g3=ين>") == "the word (clitics stripped) ends with «ين»"
    assert describe_feature("0:clitic=و+ها") == "the word carries the clitics «و» + «ها»"
    assert describe_feature("0:len=8") == "the word (clitics stripped) has 8 or more letters"
    assert (
        describe_feature("t:dict_cat=delegitimizing")
        == "part of a term of the model's lexicon, category «delegitimizing»"
    )
    assert describe_feature("t:pos=3") == "in the last quarter of its sentence"
    assert describe_feature("0:vec=borrowed") == "the word borrows the vector of a similar frequent word"
    # a cluster with its three most frequent members: the resource lists words by frequency
    column = words.granularities.index(64)
    cluster = int(words.clusters[words.index["في"], column])
    members = [w for w in words.index if words.clusters[words.index[w], column] == cluster][:3]
    assert members[0] == "في"
    assert describe_feature(f"0:c64={cluster}", words) == (
        f"the word is in word cluster {cluster} of 64 (words like {'، '.join(members)})")  # fmt: skip
    assert describe_feature("0:c64=3") == "the word is in word cluster 3 of 64"  # no resource given
    top = [w for w, _ in sorted(words.index.items(), key=lambda item: -words.vectors[item[1], 5])[:3]]
    assert describe_feature("0:v5", words) == (
        f"dimension 5 of the word's distributional vector (highest for words like {'، '.join(top)})")  # fmt: skip
    assert describe_feature("(intercept)") == "(intercept)" and describe_feature("9:x=y") == "9:x=y"

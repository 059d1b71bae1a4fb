"""The explorer's state without a browser: counts follow every choice, menus hold only what the selection has."""

from __future__ import annotations

import pytest

from analysis.explorer import ALL, ExplorerState, Selection
from analysis.ingest import documents_from_texts
from analysis.pipeline import FramingCounter

# a and b are two paragraphs of article A1 (outlet x); c and d are articles of outlet y.
# Hits (bundled lexicons): a: مليشيات (term), حفتر, طرابلس; b: مصر, حفتر, بالجيش الوطني (term);
# c: مليشيات, فاغنر; d (quoted speech): مليشيات, حفتر.  Every hit of a paragraph is in one sentence.
TEXTS = {
    "a": ("x", "A1", "هجوم على طرابلس", "هاجمت مليشيات حفتر طرابلس."),
    "b": ("x", "A1", "هجوم على طرابلس", "ووصفت مصر حفتر بالجيش الوطني."),
    "c": ("y", "C1", "", "قالت الوفاق إن مليشيات فاغنر تقصف."),
    "d": ("y", "D1", "بيان", 'قال المتحدث: "إن مليشيات حفتر تقصف"'),
}
HAFTAR, DELEG, LEGIT = "Khalifa Haftar", "delegitimizing_label", "legitimizing_label"


@pytest.fixture(scope="module")
def state():
    documents = documents_from_texts([t[3] for t in TEXTS.values()], list(TEXTS))
    for i, column in enumerate(("outlet", "article", "title")):
        documents[column] = [t[i] for t in TEXTS.values()]
    result = FramingCounter().count(documents)
    return ExplorerState(result.hits, documents)


def test_articles_are_listed_by_title_with_the_id_as_fallback(state):
    assert state.articles() == [("هجوم على طرابلس", "A1"), ("C1", "C1"), ("بيان", "D1")]
    assert state.articles("y") == [("C1", "C1"), ("بيان", "D1")]


def test_everything(state):
    shown = state.select(Selection())
    assert (len(shown.terms), len(shown.mentions), shown.n_articles) == (4, 6, 3)  # 4 paragraphs, 3 articles
    assert shown.actors[0] == HAFTAR and sorted(shown.actors[1:]) == ["Egypt", "Tripoli", "Wagner Group"]
    assert shown.categories == [DELEG, LEGIT] and shown.why_empty == ""


def test_counts_follow_the_actor(state):
    shown = state.select(Selection(actor=HAFTAR))
    # Haftar's 3 mentions (a, b, d); the terms in a sentence with him: a, b and d, not c.
    assert (len(shown.terms), len(shown.mentions), shown.n_articles) == (3, 3, 2)
    assert sorted(shown.terms["doc_id"]) == ["a", "b", "d"]
    one = state.select(Selection(article="A1", actor="Egypt", category=LEGIT))
    assert (len(one.terms), len(one.mentions), one.n_articles) == (1, 1, 1)


def test_menus_hold_only_what_the_selection_has(state):
    y = state.select(Selection(group="y"))
    assert sorted(y.actors) == [HAFTAR, "Wagner Group"] and y.categories == [DELEG]
    near_tripoli = state.select(Selection(group="x", actor="Tripoli"))
    assert near_tripoli.categories == [DELEG]


def test_an_empty_selection_says_why(state):
    assert state.select(Selection(group="y", actor="Egypt")).why_empty == "'Egypt' is not mentioned in outlet 'y'"
    assert (
        state.select(Selection(group="x", voice="quoted")).why_empty
        == "no actor mention or loaded term in quoted speech in outlet 'x'"
    )
    assert (
        state.select(Selection(group="x", actor="Tripoli", category=LEGIT)).why_empty
        == "no loaded term of category 'legitimizing_label' in a sentence with 'Tripoli' in outlet 'x'"
    )
    assert (
        state.select(Selection(article="D1", voice="narrator")).why_empty
        == "no actor mention or loaded term in the narrator's voice in the article 'بيان'"
    )


def test_the_widgets_follow_the_state():
    pytest.importorskip("ipywidgets")
    from analysis.explorer import FramingExplorer

    documents = documents_from_texts([t[3] for t in TEXTS.values()], list(TEXTS))
    for i, column in enumerate(("outlet", "article", "title")):
        documents[column] = [t[i] for t in TEXTS.values()]
    explorer = FramingExplorer(FramingCounter().count(documents).hits, documents)
    assert "4 loaded term(s) shown; 6 actor mention(s); 3 article(s)." in explorer.summary.value
    explorer.actor_menu.value = "Egypt"
    assert "1 loaded term(s) shown; 1 mention(s) of Egypt; 1 article(s)." in explorer.summary.value
    explorer.group_menu.value = "y"
    assert list(explorer.document_menu.options) == [(ALL, ALL), ("C1", "C1"), ("بيان", "D1")]
    # Egypt stays chosen (and listed), the summary says why nothing is shown; y's actors follow it.
    assert explorer.actor_menu.value == "Egypt"
    assert [value for _, value in explorer.actor_menu.options][1:3] in (
        [HAFTAR, "Wagner Group"],
        ["Wagner Group", HAFTAR],
    )
    assert "Nothing to show: &#x27;Egypt&#x27; is not mentioned in outlet &#x27;y&#x27;." in explorer.summary.value
    explorer.actor_menu.value = ALL
    assert [value for _, value in explorer.actor_menu.options][1:] in (
        [HAFTAR, "Wagner Group"],
        ["Wagner Group", HAFTAR],
    )
    assert list(explorer.category_menu.options) == [ALL, DELEG]

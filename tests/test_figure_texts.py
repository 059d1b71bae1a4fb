"""Figures for papers in Arabic: one table of the figures' texts, and every figure drawn with language="ar".

Before: ``english=False`` only dropped the glosses of the names; every axis
title, legend, colour-bar label and caption of a figure stayed English.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis import plot, plot_compare, plot_learn, plot_time
from analysis.arabic import RLM, has_arabic_letter
from analysis.figure_texts import COUNT_NOUNS, LANGUAGES, TEXTS, count_phrase, figure_text, placeholders
from analysis.lexicon import load_categories
from tests.test_figure_layout import FIGURES, drawers  # noqa: F401  (the fixture: every figure, on bundled data)

LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
#: Latin letters an Arabic text keeps on purpose: the statistic's symbol, as Arabic statistics writes it.
SYMBOLS = {"z"}
#: Names from the data the drawers draw (outlet codes and names, systems, event labels): not the table's words.
DATA_NAMES = (
    "Asharq Al-Awsat", "Al Jazirah", "Al Riyadh", "aawsat", "aljazirah", "alriyadh", "logistic", "ensemble",
    "a later, longer event", "first event",
)  # fmt: skip


def english_words() -> set[str]:
    """Every word of the English texts of the table (and of its counted nouns), symbols left out."""
    texts = [entry["en"] for entry in TEXTS.values()] + [" ".join(nouns["en"]) for nouns in COUNT_NOUNS.values()]
    words = {word.lower() for text in texts for word in LATIN_WORD.findall(re.sub(r"\{[a-z_]+\}", " ", text))}
    return words - SYMBOLS


def drawn_texts(fig) -> list[str]:
    """Every text drawn (tick labels included), as tests/test_figures_read_back.py collects them."""
    FigureCanvasAgg(fig).draw()
    return [" ".join(t.get_text().split()) for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text())]


def english_left(texts: list[str]) -> list[str]:
    """The words of the table's English drawn among ``texts``, once the data's names are taken out."""
    table = english_words()
    left = []
    for text in texts:
        for name in DATA_NAMES:
            text = text.replace(name, " ")
        left += [word for word in LATIN_WORD.findall(text) if word.lower() in table]
    return left


def test_both_languages_have_every_text_with_the_same_placeholders():
    assert LANGUAGES == ("en", "ar")
    for key, entry in TEXTS.items():
        assert sorted(entry) == ["ar", "en"], key
        assert placeholders(entry["ar"]) == placeholders(entry["en"]), key
    assert placeholders(TEXTS["rates.axis"]["ar"]) == {"counted", "interval"}
    for nouns in COUNT_NOUNS.values():
        assert (len(nouns["en"]), len(nouns["ar"])) == (2, 5)


def test_arabic_texts_use_arabic_punctuation_and_no_english_word():
    for key, entry in TEXTS.items():
        arabic = re.sub(r"\{[a-z_]+\}", " ", entry["ar"])  # the placeholders' names are not drawn
        assert "," not in arabic and ";" not in arabic and "%" not in arabic, key
        assert not [word for word in LATIN_WORD.findall(arabic) if word not in SYMBOLS], key
    assert figure_text("note.separator", "ar") == "؛ " and figure_text("list.separator", "ar") == "، "


@pytest.mark.parametrize(
    ("n", "arabic", "english"),
    [
        (1, "مقال واحد", "1 article"),
        (2, "مقالان", "2 articles"),
        (3, "3 مقالات", "3 articles"),
        (10, "10 مقالات", "10 articles"),
        (11, "11 مقالًا", "11 articles"),
        (100, "100 مقال", "100 articles"),
        (103, "103 مقالات", "103 articles"),
        (111, "111 مقالًا", "111 articles"),
    ],
)
def test_counts_follow_each_languages_plural(n, arabic, english):
    assert count_phrase(n, "articles", "ar") == arabic
    assert count_phrase(n, "articles", "en") == english


def test_a_text_fills_its_placeholders_in_either_language():
    assert figure_text("time.axis", "en", counted="hits", period="week", band="b") == (
        "hits per 1,000 words by week (line), b (band)"
    )
    period = figure_text("period.week", "ar")
    assert figure_text("time.axis", "ar", counted="مطابقات", period=period, band="ب") == (
        "مطابقات لكل 1000 كلمة حسب الأسبوع (الخط)، وب (الشريط)"
    )
    with pytest.raises(KeyError, match="no figure text 'nonsense'"):
        figure_text("nonsense", "en")


FIGURE_FUNCTIONS = [
    plot.actor_salience_figure, plot.term_density_figure, plot.framing_heatmap_figure, plot.sourcing_figure,
    plot_compare.group_rates_figure, plot_compare.model_rates_figure, plot_compare.fightin_words_figure,
    plot_compare.group_matrix_figure, plot_time.time_rates_figure, plot_learn.reliability_figure,
]  # fmt: skip


@pytest.mark.parametrize("function", FIGURE_FUNCTIONS, ids=lambda f: f.__name__)
def test_an_unknown_language_is_refused_naming_the_choices(drawers, function):  # noqa: F811
    name = function.__name__.removesuffix("_figure")
    with pytest.raises(ValueError, match=r"^language must be one of \['en', 'ar'\] \(the figures' texts\), got 'fr'$"):
        drawers[name]("single", "fr")


def test_framing_figures_and_dispersion_refuse_an_unknown_language_too():
    with pytest.raises(ValueError, match="language must be one of"):
        plot.dispersion_figure(pd.DataFrame({"doc_id": []}), 1, actors=[], categories_shown=[], language="arabic")
    with pytest.raises(ValueError, match="language must be one of"):
        plot.framing_figures(None, language="AR")  # type: ignore[arg-type]


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("name", FIGURES)
def test_a_figure_drawn_in_arabic_has_no_english_word_of_the_table(drawers, name, width):  # noqa: F811
    english = drawn_texts(drawers[name](width))
    # The check can fail: the same figure in English has words of the table.
    assert english_left(english)
    arabic = drawn_texts(drawers[name](width, "ar"))
    assert english_left(arabic) == []
    assert any(text.startswith(RLM) and has_arabic_letter(text) for text in arabic)  # the table's Arabic, prepared


def test_arabic_names_come_without_glosses_unless_asked(drawers):  # noqa: F811
    def rows(fig):
        return [label.get_text() for label in fig.axes[0].get_yticklabels()]

    assert "خليفة حفتر (Khalifa Haftar)" in rows(drawers["actor_salience"]("single"))
    assert "خليفة حفتر" in rows(drawers["actor_salience"]("single", "ar"))
    salience = pd.DataFrame({"actor": ["Khalifa Haftar"], "narrator": [3], "quoted": [1]})
    glossed = plot.actor_salience_figure(salience, names={"Khalifa Haftar": "خليفة حفتر"}, english=True, language="ar")
    assert rows(glossed) == ["خليفة حفتر (Khalifa Haftar)"]


def test_the_arabic_legend_counts_articles_in_arabic_and_reads_right_to_left():
    rates = pd.DataFrame({
        "category": ["violence_violation"] * 3, "group": ["aawsat", "alriyadh", "okaz"], "n": [4, 2, 1],
        "n_docs": [1, 2, 11], "per_1000": [2.0, 1.0, 0.5], "ci_low": [1.0, 0.5, 0.2], "ci_high": [3.0, 1.5, 0.9],
    })  # fmt: skip
    fig = plot_compare.group_rates_figure(rates, ci=0.95, kind="term", width="double", language="ar")
    legend = [text.get_text() for text in fig.legends[0].get_texts()]
    # One row, drawn right to left: the first group stands rightmost, its colour right of its name.
    assert legend == [f"{RLM}okaz{RLM} (11 مقالًا)", f"{RLM}alriyadh{RLM} (مقالان)", f"{RLM}aawsat{RLM} (مقال واحد)"]
    assert fig.axes[0].get_xlabel() == RLM + (
        "مصطلحات مشحونة لكل 1000 كلمة (النقطة)، وفترة ثقة 95٪ بإعادة المعاينة على مستوى المقالات (الخط)، وعدد المطابقات"
    )


@pytest.mark.parametrize("width", ["single", "double"])
def test_the_arabic_note_on_empty_categories_names_them_in_arabic(width):
    rates = pd.DataFrame({
        "category": ["violence_violation", "violence_violation", "conspiracy_collusion", "conspiracy_collusion"],
        "group": ["a", "b", "a", "b"], "n": [4, 2, 0, 0], "n_docs": [3, 3, 3, 3], "per_1000": [2.0, 1.0, 0.0, 0.0],
        "ci_low": [1.0, 0.5, 0.0, 0.0], "ci_high": [3.0, 1.5, 0.0, 0.0],
    })  # fmt: skip
    fig = plot_compare.group_rates_figure(rates, categories=load_categories(), ci=0.95, width=width, language="ar")
    label = fig.axes[0].get_xlabel() or fig.get_supxlabel()
    caption = " ".join(label.replace(RLM, "").split()).replace("\u00a0", " ")
    assert caption.endswith("وعدد المطابقات؛ فئات لم تُرسم لخلوّ كل المجموعات من مطابقاتها: التآمر والتواطؤ")
    assert all(line.startswith(RLM) for line in label.split("\n"))  # each line laid out right to left


def test_the_arabic_matrix_caption_explains_hollow_dots_in_arabic():
    matrix = pd.DataFrame({
        "group": ["x", "y"], "actor": ["Egypt", "Egypt"], "category": ["violence_violation"] * 2, "n": [1, 2],
        "mentions": [1, 9], "mention_articles": [1, 6], "n_articles": [2, 8], "per_100": [100.0, 22.2],
        "ci_low": [0.0, 10.0], "ci_high": [0.0, 40.0], "few_mentions": [True, False],
    })  # fmt: skip
    fig = plot_compare.group_matrix_figure(matrix, ci=0.95, width="single", language="ar")
    caption = " ".join(fig.get_supxlabel().replace(RLM, "").split())
    assert caption.startswith("مصطلحات مشحونة قرب الفاعل لكل 100 إشارة إليه (النقطة)، وفترة ثقة 95٪ بإعادة المعاينة")
    assert caption.endswith(
        "؛ الدائرة المفرغة: ذُكر الفاعل في أقل من 5 من مقالات المجموعة، وهو عدد لا يكفي لحساب الفترة"
    )
    assert [text.get_text() for text in fig.legends[0].get_texts()] == [
        f"{RLM}y{RLM} (8 مقالات)",
        f"{RLM}x{RLM} (مقالان)",
    ]

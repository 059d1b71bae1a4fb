"""Every figure fits a journal column: nothing outside the page, no two labels on top of each other.

Each figure is drawn at one column (3.5 in) and two (7 in), saved as PDF, and
read back with ``pdftotext -bbox-layout``: every word's box must lie on the
page, and no two words of different lines may overlap.  A word's box is the
font's full line height (Amiri's is tall), so only its core is compared: the
middle half of its height and the middle 80 % of its width; a real collision
overlaps far more than that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis import compare
from analysis.corpus_matrix import group_matrix
from analysis.ingest import documents_from_texts
from analysis.lexicon import display_names, load_categories, load_sources
from analysis.metrics import document_metrics
from analysis.paths import data_path
from analysis.pipeline import FramingCounter
from analysis.plot import (
    actor_salience_figure,
    dispersion_figure,
    framing_heatmap_figure,
    sourcing_figure,
    term_density_figure,
)
from analysis.plot_compare import fightin_words_figure, group_matrix_figure, group_rates_figure, model_rates_figure
from analysis.plot_learn import reliability_figure
from analysis.plot_time import time_rates_figure
from analysis.style import column_width, save_figure
from analysis.timeseries import time_rates

pytestmark = pytest.mark.slow  # draws and reads back 16 PDFs; make test-fast skips it

Word = tuple[int, str, float, float, float, float]  # line, text, x0, y0, x1, y1


def pdf_words(path: Path) -> tuple[float, float, list[Word]]:
    """The page size and every word's box, from ``pdftotext -bbox-layout``."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing in CI: .ci/run installs poppler-utils")
        pytest.skip("pdftotext not installed (Debian/Ubuntu: apt-get install poppler-utils)")
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xhtml)
    page = root.find(".//page")
    assert page is not None, f"{path}: pdftotext found no page"
    words = [
        (number, word.text or "", *(float(word.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
        for number, line in enumerate(root.iter("line"))
        for word in line.iter("word")
    ]
    return float(page.get("width", "nan")), float(page.get("height", "nan")), words  # type: ignore[return-value]


def _core(word: Word) -> tuple[float, float, float, float]:
    _, _, x0, y0, x1, y1 = word
    dx, dy = (x1 - x0) * 0.1, (y1 - y0) * 0.25
    return x0 + dx, y0 + dy, x1 - dx, y1 - dy


def layout_problems(path: Path) -> list[str]:
    """Words outside the page, and pairs of words of different lines that overlap."""
    width, height, words = pdf_words(path)
    problems = [
        f"{text!r} outside the {width:.0f} x {height:.0f} pt page at ({x0:.1f}, {y0:.1f}, {x1:.1f}, {y1:.1f})"
        for _, text, x0, y0, x1, y1 in words
        if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5
    ]
    for i, first in enumerate(words):
        a = _core(first)
        for second in words[i + 1 :]:
            if first[0] == second[0]:
                continue
            b = _core(second)
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
                problems.append(f"{first[1]!r} overlaps {second[1]!r}")
    return problems


@pytest.fixture(scope="module")
def drawers(seed_text):
    return build_drawers(seed_text)


def build_drawers(seed_text: str) -> dict[str, Any]:
    """Each figure of the project as ``draw(width, language="en")``, on the seed article and the bundled corpus."""
    counter = FramingCounter()
    seed = counter.count(documents_from_texts([seed_text], ["seed"]), keep_tokens=True)
    m = document_metrics(seed, sources=load_sources(), actors_lexicon=counter.actors)
    categories = load_categories()
    corpus = pd.read_csv(data_path("corpus", "saudinewsnet_libya_2015.csv"), dtype=str, keep_default_na=False)
    corpus = corpus[corpus["outlet"].isin(["aawsat", "aljazirah", "alriyadh"])].rename(columns={"id": "doc_id"})
    counted = counter.count(corpus[["doc_id", "text"]])
    documents = counted.documents.merge(corpus[["doc_id", "outlet"]], on="doc_id")
    rates = compare.group_rates(counted.hits, documents, group="outlet", n_boot=200)
    dated = documents.merge(corpus[["doc_id", "date"]], on="doc_id")
    weekly = time_rates(counted.hits, dated, period="week", n_boot=200)
    # One event inside the series, one at its right edge: its label must stay on the page.
    events = pd.DataFrame({"date": ["2015-07-24", "2015-08-10"], "label": ["first event", "a later, longer event"]})
    distinctive = compare.fightin_words(compare.group_term_counts(corpus), "aawsat", "aljazirah")
    matrix = group_matrix(counted.hits, documents, n_boot=200)
    outlets = {"aawsat": "Asharq Al-Awsat", "aljazirah": "Al Jazirah", "alriyadh": "Al Riyadh"}
    shown = list(m.density["category"])
    reliability = _reliability_table()
    model_shares = pd.DataFrame({"group": ["aawsat", "الجزيرة نت", "alriyadh"], "n_articles": [24, 15, 1],
                                 "per_1000": [43.77, 36.17, 29.15], "ci_low": [38.56, 27.41, 29.15],
                                 "ci_high": [48.96, 45.09, 29.15]})  # fmt: skip
    return {
        "actor_salience": lambda w, lang="en": actor_salience_figure(m.salience, names=m.names, width=w, language=lang),
        "term_density": lambda w, lang="en": term_density_figure(
            m.density, categories=categories, width=w, language=lang
        ),
        "framing_heatmap": lambda w, lang="en": framing_heatmap_figure(
            m.matrix, names=m.names, categories=categories, width=w, language=lang
        ),
        "dispersion": lambda w, lang="en": dispersion_figure(
            m.hits,
            m.n_chars,
            actors=m.leaders,
            categories_shown=shown,
            names=m.names,
            categories=categories,
            width=w,
            language=lang,
        ),  # fmt: skip
        "sourcing": lambda w, lang="en": sourcing_figure(
            m.attributions, names=m.names, glosses=m.source_glosses, width=w, language=lang
        ),
        "group_rates": lambda w, lang="en": group_rates_figure(rates, categories=categories, width=w, language=lang),
        "fightin_words": lambda w, lang="en": fightin_words_figure(distinctive, top=15, width=w, language=lang),
        "group_matrix": lambda w, lang="en": group_matrix_figure(
            matrix,
            categories=categories,
            names=display_names(counter.actors),
            group_names=outlets,
            width=w,
            language=lang,
        ),  # fmt: skip
        "time_rates": lambda w, lang="en": time_rates_figure(
            weekly,
            events=events,
            categories=categories,
            shown=["delegitimizing_label", "violence_violation"],
            width=w,
            language=lang,
        ),  # fmt: skip
        "reliability": lambda w, lang="en": reliability_figure(reliability, width=w, language=lang),
        # model_rates needs a tagger's documents: shares as it returns them, Arabic and Latin group names
        "model_rates": lambda w, lang="en": model_rates_figure(model_shares, names=outlets, width=w, language=lang),
    }


def _reliability_table() -> pd.DataFrame:
    """Two systems' reliability bins from made-up probabilities (one calibrated, one overconfident)."""
    import numpy as np

    from analysis.learn.report import reliability_table
    from analysis.learn.validation import calibration

    rng = np.random.default_rng(0)
    p = rng.beta(0.6, 6, 5000)
    truth = rng.random(5000) < p
    return reliability_table({"logistic": calibration(p, truth), "ensemble": calibration(np.sqrt(p), truth)})


FIGURES = (
    "actor_salience", "term_density", "framing_heatmap", "dispersion", "sourcing", "group_rates", "fightin_words",
    "group_matrix", "time_rates", "reliability", "model_rates",
)  # fmt: skip


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("name", FIGURES)
def test_figure_fits_the_column(drawers, tmp_path, name, width):
    fig = drawers[name](width)
    assert fig.get_figwidth() == column_width(width)
    pdf = save_figure(fig, f"{name}_{width}", folder=tmp_path, formats=("pdf",))[0]
    assert layout_problems(pdf) == []


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("name", FIGURES)
def test_an_arabic_figure_fits_the_column(drawers, tmp_path, name, width):
    # language="ar": captions, legends and notes in Arabic, wrapped at Arabic's narrower letters.
    fig = drawers[name](width, "ar")
    assert fig.get_figwidth() == column_width(width)
    pdf = save_figure(fig, f"{name}_{width}_ar", folder=tmp_path, formats=("pdf",))[0]
    assert layout_problems(pdf) == []


def test_the_layout_check_finds_collisions_and_spills(tmp_path):
    fig = Figure(figsize=(3.5, 1.5))
    fig.text(0.1, 0.5, "conspiracy and collusion", fontsize=9)
    fig.text(0.12, 0.52, "violence and violations", fontsize=9)  # on top of the first
    fig.text(0.8, 0.1, "runs off the page", fontsize=9)
    pdf = save_figure(fig, "broken", folder=tmp_path, formats=("pdf",))[0]
    problems = layout_problems(pdf)
    assert any("overlaps" in p for p in problems)
    assert any("'page' outside" in p or "'the' outside" in p for p in problems)


def test_width_names_and_nonsense():
    assert (column_width("single"), column_width("double"), column_width(5)) == (3.5, 7.0, 5.0)
    with pytest.raises(ValueError, match="one of"):
        column_width("triple")
    with pytest.raises(ValueError, match="inches"):
        column_width(350)


def _drawn_texts(fig: Figure) -> list[Any]:
    """The texts a saved figure shows: titles, axis labels, legends, in-axes texts, tick labels in view."""
    texts = [*fig.texts, *(text for legend in fig.legends for text in legend.get_texts())]
    for ax in fig.axes:
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            texts += [
                label
                for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels())
                if low - 1e-9 <= loc <= high + 1e-9
            ]
    return [text for text in texts if text.get_visible() and text.get_text()]


def _renderer(fig: Figure) -> Any:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def texts_off_the_page(fig: Figure) -> list[str]:
    """Each drawn text that reaches beyond the figure by more than a point (cut off in the file)."""
    renderer, page = _renderer(fig), fig.bbox
    slack = fig.dpi / 72
    return [
        text.get_text()
        for text in _drawn_texts(fig)
        if (box := text.get_window_extent(renderer)).x0 < -slack
        or box.y0 < -slack
        or box.x1 > page.width + slack
        or box.y1 > page.height + slack
    ]


def row_label_pitch(fig: Figure) -> float:
    """The smallest distance between the centres of neighbouring y tick labels, in label heights."""
    renderer = _renderer(fig)
    boxes = sorted((label.get_window_extent(renderer) for label in fig.axes[0].get_yticklabels()), key=lambda b: b.y0)
    return min((b.y0 + b.y1 - a.y0 - a.y1) / 2 / a.height for a, b in zip(boxes, boxes[1:]))


FEW_ACTORS = {"Houthis": "الحوثيين", "Saleh forces": "قوات صالح", "Coalition": "التحالف", "Iran": "إيران"}


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_heatmap_of_few_actors_keeps_its_colour_bar_label_on_the_page(n, width):
    # A Yemen pilot's article had 3 actors: at two columns "loaded terms near the actor" ran off the top.
    actors = list(FEW_ACTORS)[:n]
    matrix = pd.DataFrame(
        {"delegitimizing_label": [15, 2, 3, 1][:n], "legitimizing_label": [5, 2, 0, 4][:n]}, index=actors
    )
    fig = framing_heatmap_figure(matrix, names=FEW_ACTORS, categories=load_categories(), width=width)
    assert texts_off_the_page(fig) == []


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_few_actors_bars_leave_each_label_its_row(n, width):
    # Three actors in 1.21 in: each label overlapped the next by half its height (pitch 0.52).
    actors = list(FEW_ACTORS)[:n]
    salience = pd.DataFrame({"actor": actors, "narrator": [38, 8, 7, 5][:n], "quoted": [1, 0, 0, 0][:n]})
    fig = actor_salience_figure(salience, names=FEW_ACTORS, width=width)
    assert row_label_pitch(fig) >= 0.8
    assert texts_off_the_page(fig) == []


def test_the_page_check_finds_a_text_cut_off():
    fig = Figure(figsize=(3.5, 1.5))
    fig.text(0.5, 0.95, "a label that starts near the top", rotation=90)
    assert texts_off_the_page(fig) == ["a label that starts near the top"]


def test_model_rates_figure_names_every_group_on_its_row():
    """Each row is labelled, so twelve outlets need no colours to tell apart (notebook 06 on the bundled corpus)."""
    groups = [f"outlet{i}" for i in range(11)] + ["الجزيرة"]
    shares = pd.DataFrame({"group": groups, "n_articles": range(12, 0, -1), "per_1000": range(30, 42),
                           "ci_low": range(25, 37), "ci_high": range(35, 47)})  # fmt: skip
    ax = model_rates_figure(shares, width="single").axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # the Arabic name is shaped and reordered for drawing: its count stays readable inside the label
    assert len(labels) == 12 and labels[0] == "outlet0 (12 articles)" and "1 article" in labels[-1]


LONG_CATEGORIES = pd.DataFrame(
    {
        "category": ["epidemic", "alarm", "war"],
        "name_en": [
            "labelling the outbreak as an epidemic or pandemic",
            "alarmist vocabulary of fear and catastrophe",
            "war metaphors: battle, front line, hidden enemy",
        ],
        "name_ar": [
            "تسمية التفشي وباءً أو جائحة عالمية",
            "مفردات التهويل والخوف والكارثة",
            "استعارات الحرب والعدو الخفي",
        ],
        "description": ["", "", ""],
    }
).set_index("category")


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("n_groups", [2, 3])
def test_long_category_names_of_ones_own_keep_their_band_in_the_rates_figure(n_groups, width):
    # A newcomer's (nc17b) COVID categories wrap into four lines at one column: each label ran into the next.
    groups = ["alarabiya", "aljazeera", "bbc_arabic"][:n_groups]
    rates = pd.DataFrame(
        [(g, c, 10, 10, 5, 1000, 5.0, 1.0, 9.0) for c in LONG_CATEGORIES.index for g in groups],
        columns=["group", "category", "n_docs", "n_articles", "n", "n_words", "per_1000", "ci_low", "ci_high"],
    )
    fig = group_rates_figure(rates, categories=LONG_CATEGORIES, width=width)
    assert row_label_pitch(fig) >= 1.0
    assert texts_off_the_page(fig) == []


def _long_density() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": "d1",
            "category": list(LONG_CATEGORIES.index),
            "per_1000": [12.0, 2.4, 1.0],
            "narrator_per_1000": [12.0, 2.4, 1.0],
            "quoted_per_1000": [47.6, 0.0, 0.0],
        }
    )


def _long_dispersion(width: str) -> Figure:
    hits = pd.DataFrame(
        {
            "doc_id": "d1",
            "kind": ["actor", "actor", "term", "term", "term"],
            "label": ["China", "Iran", "وباء", "ذعر", "معركة"],
            "category": ["state", "state", "epidemic", "alarm", "war"],
            "start": [100, 300, 50, 500, 800],
            "quoted": [False, False, False, True, False],
        }
    )
    return dispersion_figure(
        hits, 1000, actors=["China", "Iran"], categories_shown=list(LONG_CATEGORIES.index),
        names={"China": "الصين", "Iran": "إيران"}, categories=LONG_CATEGORIES, width=width,
    )  # fmt: skip


@pytest.mark.parametrize("width", ["single", "double"])
@pytest.mark.parametrize("figure", ["term_density", "dispersion", "framing_heatmap"])
def test_long_category_names_of_ones_own_keep_their_row_in_one_article_figures(figure, width):
    # The same newcomer's names at one column: term density lost its bars and axis to one-line labels
    # (cut off at the page's edge), the dispersion plot's wrapped labels ran into each other; at two
    # columns the heatmap's seven-line names squeezed its rows and pushed the colour bar's label off the page.
    if figure == "term_density":
        fig = term_density_figure(_long_density(), categories=LONG_CATEGORIES, width=width)
    elif figure == "dispersion":
        fig = _long_dispersion(width)
    else:
        matrix = pd.DataFrame({"epidemic": [6, 1, 0], "alarm": [2, 0, 1], "war": [0, 3, 1]}, index=list(FEW_ACTORS)[:3])
        fig = framing_heatmap_figure(matrix, names=FEW_ACTORS, categories=LONG_CATEGORIES, width=width)
    # 0.9: the bundled one-line labels of the dispersion plot at two columns stand at 0.97.
    assert row_label_pitch(fig) >= 0.9
    assert texts_off_the_page(fig) == []


def test_bundled_category_names_stay_on_one_line_in_the_term_density_figure():
    density = pd.DataFrame({"doc_id": "d1", "category": ["violence_violation", "delegitimizing_label"],
                            "per_1000": [3.0, 2.0], "narrator_per_1000": [3.0, 2.0], "quoted_per_1000": [0.0, 0.0]})  # fmt: skip
    fig = term_density_figure(density, categories=load_categories(), width="single")
    assert [label.get_text().count("\n") for label in fig.axes[0].get_yticklabels()] == [0, 0]
    assert fig.get_figheight() == pytest.approx(0.7 + 0.17 * 3.2)

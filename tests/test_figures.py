"""Every figure renders, exports for papers, and keeps its Arabic readable and searchable.

Runs in the main environment and in the legacy one (matplotlib < 3.11).  The
PDF-text checks need ``pdftotext`` (poppler-utils), which ``.ci/run`` installs.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest
from PIL import Image

from analysis.ingest import read_documents
from analysis.labels import matplotlib_shapes_arabic
from analysis.lexicon import load_categories, load_sources
from analysis.metrics import document_metrics
from analysis.pipeline import FramingCounter
from analysis.plot import framing_figures
from analysis.style import DOUBLE_COLUMN, SINGLE_COLUMN, save_figure

pytestmark = pytest.mark.slow  # renders and saves every figure; make test-fast skips it

FIGURE_WIDTHS = {
    "actor_salience": SINGLE_COLUMN, "term_density": SINGLE_COLUMN, "sourcing": SINGLE_COLUMN,
    "framing_heatmap": DOUBLE_COLUMN, "dispersion": DOUBLE_COLUMN,
}  # fmt: skip
# Arabic labels that must come back from each PDF, in logical order.
EXPECTED_ARABIC = {
    "actor_salience": ["خليفة حفتر", "مايك بومبيو", "الولايات المتحدة", "حكومة الوفاق"],
    "term_density": ["تسمية نازعة للشرعية", "العنف والانتهاكات", "التدخل الأجنبي"],
    "framing_heatmap": ["خليفة حفتر", "معمر القذافي", "التآمر", "والتواطؤ"],
    "dispersion": ["خليفة حفتر", "سي آي إيه", "علامة تشكيك"],
    "sourcing": ["مايك بومبيو", "يوسي ميلمان", "مراقبون", "مصادر"],
}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
needs_shaping_matplotlib = pytest.mark.skipif(
    not matplotlib_shapes_arabic(), reason="matplotlib < 3.11 draws presentation forms in visual order by design"
)


def pdftotext(path):
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing in CI: .ci/run installs poppler-utils")
        pytest.skip("pdftotext not installed (Debian/Ubuntu: apt-get install poppler-utils; conda: poppler)")
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return BIDI_CONTROLS.sub("", extracted)


@pytest.fixture(scope="module")
def figures(seed_path):
    counter = FramingCounter()
    result = counter.count(read_documents([seed_path]), keep_tokens=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        metrics = document_metrics(result, sources=load_sources(), actors_lexicon=counter.actors)
        drawn = framing_figures(metrics, categories=load_categories())
        for fig in drawn.values():
            fig.canvas.draw()
    return drawn, [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def saved(figures, tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    for name, fig in figures[0].items():
        save_figure(fig, name, folder=folder)
    return folder


def test_all_five_figures(figures):
    assert sorted(figures[0]) == sorted(FIGURE_WIDTHS)


def test_no_missing_glyphs(figures):
    assert not [m for m in figures[1] if "missing from" in m or "Glyph" in m]


@pytest.mark.parametrize("name", sorted(FIGURE_WIDTHS))
def test_png_is_300_dpi_at_column_width(saved, name):
    with Image.open(saved / f"{name}.png") as image:
        assert image.size[0] == round(FIGURE_WIDTHS[name] * 300)
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)


@pytest.mark.parametrize("name", sorted(FIGURE_WIDTHS))
def test_pdf_embeds_truetype_amiri(saved, name):
    data = (saved / f"{name}.pdf").read_bytes()
    assert b"/FontFile2" in data  # embedded TrueType (Type 42), not Type 3 outlines
    assert b"Amiri" in data


@needs_shaping_matplotlib
@pytest.mark.parametrize("name", sorted(FIGURE_WIDTHS))
def test_pdf_text_is_logical_arabic(saved, name):
    text = pdftotext(saved / f"{name}.pdf")
    assert not PRESENTATION_FORMS.search(text), "presentation forms in the PDF text"
    # pdftotext may split a word where a non-joining letter leaves a gap (رو يترز),
    # so labels are compared with spaces removed: order still has to be logical.
    squeezed = re.sub(r"\s+", "", text)
    for label in EXPECTED_ARABIC[name]:
        assert label.replace(" ", "") in squeezed, f"{label!r} not found in logical order"
        reversed_words = "".join(reversed(label.split()))
        if len(label.split()) > 1:
            assert reversed_words not in squeezed


@needs_shaping_matplotlib
def test_svg_keeps_text_as_text(saved):
    svg = (saved / "actor_salience.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "خليفة حفتر" in svg and "<path d=" in svg


def test_saving_again_after_a_redraw_is_byte_identical(figures, saved, tmp_path):
    for name, fig in figures[0].items():
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight", dpi=72)  # as a notebook displays it
        fig.set_dpi(72)
        fig.canvas.draw()
        fig.set_dpi(150)
        for path in save_figure(fig, name, folder=tmp_path):
            assert path.read_bytes() == (saved / path.name).read_bytes(), path.name


RERUN = """
import sys
from pathlib import Path
from analysis.ingest import read_documents
from analysis.lexicon import load_categories, load_sources
from analysis.pipeline import FramingCounter
from analysis.metrics import document_metrics
from analysis.plot import framing_figures
from analysis.style import save_figure

counter = FramingCounter()
result = counter.count(read_documents([sys.argv[1]]), keep_tokens=True)
metrics = document_metrics(result, sources=load_sources(), actors_lexicon=counter.actors)
for name, fig in framing_figures(metrics, categories=load_categories()).items():
    save_figure(fig, name, folder=Path(sys.argv[2]))
"""


def test_a_rerun_in_a_new_process_is_byte_identical(saved, seed_path, tmp_path):
    subprocess.run([sys.executable, "-c", RERUN, str(seed_path), str(tmp_path)], check=True)
    rerun = sorted(p.name for p in tmp_path.iterdir())
    assert rerun == sorted(p.name for p in saved.iterdir()) and len(rerun) == 15
    for name in rerun:
        assert (tmp_path / name).read_bytes() == (saved / name).read_bytes(), name


def test_save_figure_refuses_paths_and_unknown_formats(figures, tmp_path):
    fig = figures[0]["sourcing"]
    with pytest.raises(ValueError, match="plain file stem"):
        save_figure(fig, "../escape", folder=tmp_path)
    with pytest.raises(ValueError, match="unknown format"):
        save_figure(fig, "x", folder=tmp_path, formats=("pdf", "jpeg"))
    assert list(tmp_path.iterdir()) == []


def test_each_width_is_saved_under_its_own_name_and_reruns_are_identical(tmp_path):
    from functools import partial

    from analysis.plot import term_density_figure
    from analysis.style import save_figure_widths

    density = pd.DataFrame({"doc_id": ["d", "d"], "category": ["violence_violation", "delegitimizing_label"], "n": [3, 1],
                            "per_1000": [12.5, 4.2], "narrator_n": [2, 1], "narrator_per_1000": [10.0, 5.0],
                            "quoted_n": [1, 0], "quoted_per_1000": [20.0, 0.0]})  # fmt: skip
    draw = partial(term_density_figure, density)
    first = save_figure_widths(draw, "density", folder=tmp_path / "a", formats=("pdf", "png"))
    again = save_figure_widths(draw, "density", folder=tmp_path / "b", formats=("pdf", "png"))
    assert [p.name for p in first] == ["density_single.pdf", "density_single.png", "density_double.pdf",
                                       "density_double.png"]  # fmt: skip
    for a, b in zip(first, again):
        assert a.read_bytes() == b.read_bytes(), a.name
    with Image.open(tmp_path / "a" / "density_single.png") as single, Image.open(first[3]) as double:
        assert (single.size[0], double.size[0]) == (round(SINGLE_COLUMN * 300), round(DOUBLE_COLUMN * 300))


def test_a_figure_with_nothing_to_show_is_not_saved(tmp_path):
    from analysis.plot import sourcing_figure
    from analysis.style import figure_is_empty, save_figure_widths

    nothing = pd.DataFrame({"cue": [], "sentence": [], "source_type": [], "source": [], "source_surface": []})
    assert figure_is_empty(sourcing_figure(nothing))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = save_figure_widths(lambda width: sourcing_figure(nothing, width=width), "sourcing", folder=tmp_path)
    assert [str(w.message) for w in caught] == [
        f"figure 'sourcing' has nothing to show at width '{width}': not saved" for width in ("single", "double")
    ]
    assert written == [] and not any(tmp_path.iterdir())


def test_sourcing_figure_counts_named_other_as_named():
    from matplotlib.colors import to_hex

    from analysis.plot import NAMED_OTHER_COLOR, sourcing_figure

    table = pd.DataFrame({
        "cue": ["قال", "أكد", "قالت", "وأضاف"], "sentence": [0, 1, 2, 3],
        "source_type": ["named_other", "named_other", "anonymous", "none"],
        "source": ["وزير", "وزير", "مصادر", ""], "source_surface": ["وزير", "الوزير", "مصادر", ""],
    })  # fmt: skip
    fig = sourcing_figure(table, english=False)
    legends = [text.get_text() for legend in fig.legends for text in legend.get_texts()]
    assert sorted(legends) == ["anonymous", "named", "named, not in the lexicon", "no source"]
    # One anonymous of three attributed: named_other counts as named in the share (a narrow
    # figure puts the x label on the figure, wrapped).
    xlabel = fig.axes[0].get_xlabel() or fig._supxlabel.get_text()
    assert "33% anonymous" in xlabel.replace("\n", " ")
    colours = {to_hex(bar.get_facecolor()) for bar in fig.axes[0].patches}
    assert to_hex(NAMED_OTHER_COLOR) in colours


def test_the_five_figures_in_arabic_have_arabic_texts_prepared_for_this_matplotlib(seed_path, tmp_path):
    # language="ar": the axis titles and legends in Arabic, each line starting right to left, shaped
    # and reordered by python-bidi on matplotlib < 3.11 (make test-legacy) and left logical after.
    from analysis.arabic import RLM
    from analysis.labels import prepare_label

    counter = FramingCounter()
    result = counter.count(read_documents([seed_path]), keep_tokens=True)
    metrics = document_metrics(result, sources=load_sources(), actors_lexicon=counter.actors)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawn = framing_figures(metrics, categories=load_categories(), language="ar")
        for fig in drawn.values():
            fig.canvas.draw()
    assert not [str(w.message) for w in caught if "Glyph" in str(w.message)]
    salience = drawn["actor_salience"]
    assert salience.axes[0].get_xlabel() == prepare_label(RLM + "مرات الذكر")
    assert [t.get_text() for t in salience.legends[0].get_texts()] == [
        prepare_label(RLM + "كلام منقول"), prepare_label(RLM + "صوت الراوي"),  # right to left: the narrator rightmost
    ]  # fmt: skip
    assert "خليفة حفتر" in " ".join(t.get_text() for t in salience.axes[0].get_yticklabels()) or not (
        matplotlib_shapes_arabic()
    )
    assert "(Khalifa Haftar)" not in " ".join(t.get_text() for t in salience.axes[0].get_yticklabels())
    if matplotlib_shapes_arabic():
        pdf = save_figure(drawn["sourcing"], "sourcing_ar", folder=tmp_path, formats=("pdf",))[0]
        squeezed = re.sub(r"\s+", "", pdftotext(pdf))
        # (words without diacritics: pdftotext repeats a damma it cannot place)
        for text in ("مصدر مجهول", "بلا مصدر", "الإسنادات؛", "منها إلى مصادر مجهولة"):
            assert text.replace(" ", "") in squeezed, text

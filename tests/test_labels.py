"""The one label helper: unchanged on matplotlib >= 3.11, shaped and reordered before.

This file runs in the main environment (matplotlib >= 3.11) and in the legacy
one (``make test-legacy``, matplotlib < 3.11), so both branches of
``prepare_label`` run against a real matplotlib.
"""

import re

import matplotlib
import pytest

from analysis.labels import matplotlib_shapes_arabic, prepare_label, shape_for_display, with_gloss

ARABIC_PRESENTATION_FORMS = [chr(c) for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]]


def test_version_rule():
    assert matplotlib_shapes_arabic("3.11.0") and matplotlib_shapes_arabic("3.12.0rc1")
    assert not matplotlib_shapes_arabic("3.10.8") and not matplotlib_shapes_arabic("3.8.4")


def test_unchanged_on_shaping_matplotlib():
    for text in ("حفتر", "الحكومة الشرعية", "حفتر (Khalifa Haftar)", "الله"):
        assert prepare_label(text, matplotlib_version="3.11.2") == text


def test_shaped_and_reordered_on_older_matplotlib():
    shaped = prepare_label("حفتر", matplotlib_version="3.10.8")
    assert shaped == "\ufeae\ufe98\ufed4\ufea3"  # ر ت ف ح in final/medial/initial forms, visual order
    assert all(ch in ARABIC_PRESENTATION_FORMS for ch in shaped)


def test_brackets_mirrored_and_latin_kept():
    shaped = prepare_label("حفتر (Khalifa Haftar)", matplotlib_version="3.10.8")
    assert shaped == "(Khalifa Haftar) \ufeae\ufe98\ufed4\ufea3"


def test_allah_ligature_is_off():
    shaped = shape_for_display("الله")
    assert "\ufdf2" not in shaped and len(shaped) == 4


def test_latin_only_is_never_touched():
    assert prepare_label("mentions (per 1,000)", matplotlib_version="3.10.8") == "mentions (per 1,000)"


def test_the_running_matplotlib_gets_the_right_branch():
    text = "مليشيات حفتر"
    if matplotlib_shapes_arabic():
        assert prepare_label(text) == text, matplotlib.__version__
    else:
        assert prepare_label(text) == shape_for_display(text) != text, matplotlib.__version__


def test_with_gloss():
    assert with_gloss("حفتر", "Khalifa Haftar") == "حفتر (Khalifa Haftar)"
    assert with_gloss("حفتر", None) == "حفتر"
    assert with_gloss("CIA", "CIA") == "CIA"
    assert with_gloss("حفتر", "Haftar", separator="\n") == "حفتر\n(Haftar)"


@pytest.mark.parametrize("separator", [" ", "\n"])
def test_a_gloss_with_brackets_keeps_its_brackets_paired_when_drawn(separator):
    # The bundled sources.csv glosses ناشطين as "activists (oblique case)": python-bidi used to draw
    # "((activists (oblique case)" beside the word (matplotlib < 3.11).
    shown = prepare_label(
        with_gloss("ناشطين", "activists (oblique case)", separator=separator), matplotlib_version="3.10.8"
    )
    latin = re.sub(r"[^\x20-\x7e]", "", shown).strip()
    assert latin == "(activists (oblique case))"
    assert with_gloss("مليشي*", "militia(s)") == "مليشي* \u200e(militia(s))\u200e"

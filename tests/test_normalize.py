import pytest

from analysis.normalize import Folding, normalize, normalize_with_offsets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الرَّئِيسُ", "الرئيس"),  # harakat and shadda
        ("مصـــراتة", "مصراته"),  # tatweel, taa marbuta
        ("أمريكا", "امريكا"),
        ("إبريل", "ابريل"),
        ("آخر", "اخر"),
        ("ٱلله", "الله"),
        ("إلى", "الي"),  # alef maqsura
        ("الرحمٰن", "الرحمن"),  # dagger alef
        ("١٩٧٨", "1978"),  # Arabic-Indic digits
        ("۱۹۸۷", "1987"),  # Persian digits
        ("کی", "كي"),  # Persian keheh and yeh
        ("ﻣﺼﺮ", "مصر"),  # presentation forms
        ("ﻻ", "لا"),  # lam-alef ligature
        ("حف\u200cتر", "حفتر"),  # ZWNJ
        ("\u200fحفتر\u200e", "حفتر"),  # RLM, LRM
        ("\u061cحفتر", "حفتر"),  # ALM
        ("\u202bحفتر\u202c", "حفتر"),  # embedding
        ("\u2067حفتر\u2069", "حفتر"),  # isolate
        ("\ufeffحفتر", "حفتر"),  # BOM
        ("حف\u00adتر", "حفتر"),  # soft hyphen
        ("CIA", "cia"),
        ("و\u0654", "ؤ"),  # combining hamza composed by NFC
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_taa_marbuta_folding_is_configurable():
    keep = Folding(taa_marbuta=False)
    assert normalize("حكومة", keep) == "حكومة"
    assert normalize("حكومة") == "حكومه"
    assert normalize("أ", Folding(alef=False)) == "أ"


def test_offsets_cover_the_diacritics_of_the_last_letter():
    text = "قال حَفْتَرُ"
    n = normalize_with_offsets(text)
    assert n.text == "قال حفتر"
    start, end = n.original_span(4, 8)
    assert text[start:end] == "حَفْتَرُ"


def test_offsets_of_a_ligature_point_at_the_whole_glyph():
    text = "ﻻ"
    n = normalize_with_offsets(text)
    assert n.text == "لا"
    assert n.original_span(0, 1) == (0, 1)
    assert n.original_span(1, 2) == (0, 1)


def test_empty_span_is_refused():
    with pytest.raises(ValueError, match="empty or outside"):
        normalize_with_offsets("abc").original_span(2, 2)

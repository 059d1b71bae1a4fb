import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Characters NFC treats differently: Arabic marks out of canonical order (shadda before
# the vowel), a hamza that composes, a Latin letter with marks, a second letter that
# composes without being a mark (Oriya), Hangul jamo, singletons (ohm, a CJK
# compatibility ideograph), astral pairs (Kaithi) and a musical symbol, and line breaks.
NFC_ALPHABET = [
    "ب", "ا", "و", "\u064e", "\u0651", "\u0650", "\u0654", "\u0653", "e", "\u0301", "\u0323",
    "\u0b47", "\u0b3e", "\u1100", "\u1161", "\u11a8", "\uac00", "\u2126", "\uf900",
    "\U00011099", "\U000110ba", "\U0001d15e", " ", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(NFC_ALPHABET), max_size=80))
def test_nfc_by_line_equals_nfc_of_the_whole_text(text):
    import unicodedata

    from analysis.normalize import _nfc_by_line

    assert _nfc_by_line(text) == unicodedata.normalize("NFC", text)


def test_every_canonical_pair_beyond_the_bmp_has_its_second_character_there():
    # _nfc_suspects lists the second characters of the BMP's canonical pairs and takes every
    # astral character as a suspect; that covers all pairs only if no astral character is
    # composed from a BMP second character (true of the running Python's Unicode data).
    from analysis.normalize import _canonical_pair_seconds

    assert all(code > 0xFFFF for code in _canonical_pair_seconds(range(0x10000, 0x110000)))


def test_nfc_by_line_puts_the_vowel_before_a_shadda_written_first():
    from analysis.normalize import _nfc_by_line

    text = "قال\nمح\u0651\u064eد\nالرئيس"  # shadda (class 33) before fatha (class 30)
    assert _nfc_by_line(text) == "قال\nمح\u064e\u0651د\nالرئيس"

"""Property tests: offsets are exact and nothing crashes on messy mixed text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.arabic import SENTENCE_END
from analysis.ingest import documents_from_texts
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.normalize import normalize, normalize_with_offsets
from analysis.pipeline import FramingCounter
from analysis.tokenize import token_norm_text, tokenize

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
MARKS = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670", "\u0654", "\u06e1"]
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202b",
    "\u202c",
    "\u2067",
    "\u2069",
    "\ufeff",
    "\u00ad",
]
OTHER = (
    list("abcCIAxyz0123456789٠١٢٣۴۵") + list(' \n\xa0\t.,:;!?؟،؛()"“”«»-*') + ["\u0640", "\ufefb", "\ufe8d", "\ufdf2"]
)
ALPHABET = ARABIC_LETTERS + MARKS + INVISIBLE + OTHER
WORDS = ["حفتر", "مصر", "مصراتة", "الموساد", "CIA", "حكومة", "الوفاق", "مليشيات", "سي", "آي", "إيه", "و", "ال", "لل"]

messy_text = st.text(alphabet=st.sampled_from(ALPHABET), max_size=120)
# Text made of lexicon words, clitics, marks and noise, so that hits actually happen.
wordy_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS + INVISIBLE + ["ـ", " ", "\n", "،", '"']), messy_text),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(messy_text, wordy_text))
def test_tokens_are_exact_and_ordered(text):
    tokens = tokenize(text)
    previous_end = 0
    for i in range(len(tokens)):
        start, end = tokens.start[i], tokens.end[i]
        assert previous_end <= start < end <= len(text)
        assert tokens.surface(i) == text[start:end]
        assert tokens.norm[i] == normalize(text[start:end])  # normalized in bulk, equal to one by one
        previous_end = end
    assert tokens.paragraph == sorted(tokens.paragraph)
    assert tokens.norm_text == "\n".join(tokens.norm) == token_norm_text(text)
    # Sentences, found by position in the text, as defined on the tokens: a new one
    # after a sentence-ending token and at every paragraph.
    expected, number = [], 0
    for i in range(len(tokens)):
        if i == 0 or tokens.paragraph[i] != tokens.paragraph[i - 1] or tokens.norm[i - 1] in SENTENCE_END:
            number += 1
        expected.append(number)
    assert tokens.sentence == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(messy_text, wordy_text))
def test_normalization_map_points_into_the_original(text):
    mapped = normalize_with_offsets(text)
    assert mapped.text == normalize(text)
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for k in range(len(mapped.text)):
        start, end = mapped.original_span(k, k + 1)
        assert 0 <= start < end <= len(text)
        assert normalize(text[start:end]) != ""
    assert list(mapped.starts) == sorted(mapped.starts)


_COUNTER = {}


def counter(tmp_path_factory):
    if "c" not in _COUNTER:
        folder = tmp_path_factory.mktemp("lex")
        (folder / "a.csv").write_text(
            "actor,alias\nHaftar,حفتر\nHaftar,خليفة حفتر\nEgypt,مصر\nCIA,CIA\nCIA,سي آي إيه\nMossad,الموساد\n"
            "GNA,حكومة الوفاق\n",
            encoding="utf-8",
        )
        (folder / "t.csv").write_text("term,category\nمليشي*,x\nحكومة,y\n", encoding="utf-8")
        _COUNTER["c"] = FramingCounter(load_lexicon(folder / "a.csv", ACTORS), load_lexicon(folder / "t.csv", TERMS))
    return _COUNTER["c"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(wordy_text, messy_text))
def test_first_word_candidates_equal_checking_every_entry(tmp_path_factory, text):
    # The matcher finds candidates with a dict of listed spellings and one regex scan
    # for wildcard prefixes; the reference asks every entry about every token.
    tokens = tokenize(text)
    # The counter looks each token up once for all its matchers (may_start); alone, a matcher looks itself.
    shared = counter(tmp_path_factory).compile()._may_start(tokens)
    assert shared is not None
    for _, matcher in counter(tmp_path_factory).matchers:
        assert matcher._first_word_candidates(tokens, shared) == matcher._first_word_candidates(tokens)
        expected = [
            {index for index, patterns in enumerate(matcher.patterns) if patterns[0].accepts(norm)}
            for norm in tokens.norm
        ]
        found = matcher._first_word_candidates(tokens)
        assert [set(found.get(i, ())) for i in range(len(tokens))] == expected


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(wordy_text, messy_text))
def test_hits_are_exact_and_never_overlap_within_a_kind(tmp_path_factory, text):
    result = counter(tmp_path_factory).count(documents_from_texts([text]))
    tokens = tokenize(text)
    boundaries_start, boundaries_end = set(tokens.start), set(tokens.end)
    for kind, group in result.hits.groupby("kind"):
        previous_end = -1
        for start, end, surface in zip(group.start, group.end, group.surface):
            assert text[start:end] == surface
            assert start >= previous_end, f"overlapping {kind} hits"
            assert start in boundaries_start and end in boundaries_end
            previous_end = end
    assert int(result.counts.n.sum()) == len(result.hits)


@settings(max_examples=300, deadline=None)
@given(st.one_of(messy_text, wordy_text, st.text(max_size=60)))
def test_fast_tokenizer_agrees_with_the_reference(text):
    from analysis.tokenize import iter_token_spans

    tokens = tokenize(text)
    reference = list(iter_token_spans(text))
    assert list(zip(tokens.start, tokens.end)) == [(s, e) for s, e, _ in reference]
    kinds = ["arabic" if k == "clitic" else k for k in tokens.kind]
    assert kinds == [k for _, _, k in reference]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(messy_text, wordy_text), min_size=1, max_size=12).map("".join))
def test_long_text_normalization_equals_the_table(text):
    import unicodedata

    from analysis.normalize import Folding, translation_table

    long_text = text * 20  # past LONG_TEXT, so the regex-and-replace path runs
    for folding in (Folding(), Folding(alef=False, yeh=False, taa_marbuta=False)):
        expected = unicodedata.normalize("NFC", long_text).translate(translation_table(folding))
        assert normalize(long_text, folding) == expected

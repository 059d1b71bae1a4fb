"""The compact first-word index of large lexicons gives exactly the matches of the full one (issue 14, item 5)."""

import random
import subprocess
import sys
import textwrap

import pytest

from analysis import match
from analysis.form_index import FirstWordIndex, first_word_parts
from analysis.forms import entry_patterns
from analysis.lexicon import load_terms
from analysis.pipeline import FramingCounter

TEXT = (
    "قال خليفة حفتر إن مليشيات طرابلس والميليشيات المسلحة هاجمت قواته، ولحفتر حكومتها. "
    "وقالت حكومة الوفاق إن الانقلابيين وللموساد والموساد بالمرتزقة، وأكد المصريون أن مصر وبمصر "
    "ولمصر ستدعم الجيش الوطني. «الإرهابيون» هاجموا المدنيين في سرت وبنغازي."
)


def test_every_spelling_is_one_proclitic_and_rest_of_the_bundled_lexicons():
    counter = FramingCounter()
    entries = [*counter.actors.entries, *counter.terms.entries]
    for enclitics in (None, True, False):
        for entry in entries:
            if entry.wildcard[0]:
                assert first_word_parts(entry, enclitics=enclitics) == []
                continue
            parts = first_word_parts(entry, enclitics=enclitics)
            spelled = sorted(p + rest for rest, proclitics in parts for p in proclitics)
            assert spelled == sorted(entry_patterns(entry, enclitics=enclitics)[0].forms), entry.written


def test_a_word_starting_with_lam_alef_lam_is_its_own_core(write_csv):
    # "لالفت": ل + ال rewrites the word's own alef away (للفت), so no split keeps the word whole.
    terms = load_terms(write_csv("terms.csv", "term,category\nلالفت,x\n"))
    (entry,) = terms.entries
    spelled = sorted(p + rest for rest, proclitics in first_word_parts(entry) for p in proclitics)
    assert spelled == sorted(entry_patterns(entry)[0].forms)
    index = FirstWordIndex([(0, first_word_parts(entry))])
    # As in the full list (proclitic_variants rewrites the bare word too): للفت, not لالفت.
    assert [index.get(t) for t in ("وللفت", "للفتها", "فلللالفت", "لالفت", "والفت")] == [(0,), (0,), (0,), None, None]


def test_the_compact_matcher_finds_exactly_the_hits_of_the_full_one(monkeypatch):
    full = FramingCounter()
    expected = full.count_partition([("d", TEXT)]).hits
    assert len(expected) >= 12
    blocked_full = full.blocked(TEXT)
    monkeypatch.setattr(match, "COMPACT_ABOVE", 0)
    compact = FramingCounter()
    assert compact.matchers[0][1]._first_index is not None
    assert compact.count_partition([("d", TEXT)]).hits == expected
    assert compact.blocked(TEXT).equals(blocked_full)


def test_the_index_answers_like_the_list_on_random_tokens():
    counter = FramingCounter()
    entries = counter.terms.entries
    index = FirstWordIndex((i, first_word_parts(e)) for i, e in enumerate(entries))
    listed = {}
    for i, entry in enumerate(entries):
        for form in entry_patterns(entry)[0].forms:
            listed.setdefault(form, []).append(i)
    rng = random.Random(0)
    tokens = list(listed) + [
        "".join(rng.choice("وفبكلالمحتةهانيس") for _ in range(rng.randint(1, 9))) for _ in range(3000)
    ]
    for token in tokens:
        assert index.get(token) == (tuple(listed[token]) if token in listed else None), token


@pytest.mark.slow
def test_a_lexicon_of_50000_entries_loads_and_compiles_in_under_a_minute_and_1_gb(tmp_path):
    rng = random.Random(0)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    # No word starts with a proclitic letter nor ends with a suffix's, so no row is a generated form of another.
    first, last = "ثجحخدذرزسشصضطظعغق", "بثجحخدذرزسشصضطظعغفقل"
    terms = set()
    while len(terms) < 50_000:
        words = [
            rng.choice(first) + "".join(rng.choice(letters) for _ in range(rng.randint(2, 5))) + rng.choice(last)
            for _ in range(rng.randint(1, 3))
        ]
        terms.add(" ".join(words))
    path = tmp_path / "terms.csv"
    path.write_text("term,category\n" + "".join(f"{t},x\n" for t in sorted(terms)), encoding="utf-8")
    script = textwrap.dedent(f"""
        import resource, time
        from analysis.lexicon import load_terms
        from analysis.pipeline import FramingCounter
        start = time.monotonic()
        counter = FramingCounter(terms=load_terms({str(path)!r})).compile()
        print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    seconds, megabytes = map(float, done.stdout.split())
    assert seconds < 60 and megabytes < 1024, (seconds, megabytes)


def test_the_compact_matcher_keeps_the_conjunction_exception_of_exclusion_phrases(monkeypatch):
    # «الشركة السعودية» excludes السعودية as an adjective, but not «الأردن والسعودية»
    # (coordinated by و): the compact matcher, which keeps no first-word forms, must know that too.
    text = "وقعت الأردن والسعودية اتفاقا مع الشركة السعودية، ثم زار وفد من مصر والسعودية عمان."
    expected = FramingCounter().count_partition([("d", text)]).hits
    assert [hit.surface for hit in expected if hit.label == "Saudi Arabia"] == ["والسعودية", "والسعودية"]
    monkeypatch.setattr(match, "COMPACT_ABOVE", 0)
    assert FramingCounter().count_partition([("d", text)]).hits == expected

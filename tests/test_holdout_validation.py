"""The numbers of ``data/validation/holdout_2026-12-01/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense and quoted-speech verdicts and the re-reads after unblinding);
this test reruns it and pins every figure the README quotes.
"""

from pathlib import Path

import pandas as pd
import pytest

from .validation_scripts import check_holdout_sheets, check_precision, interval, load_script, row

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-01"


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "holdout.py").score()


def test_blind_sheet_hides_the_flags_and_offsets() -> None:
    check_holdout_sheets(FOLDER)


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20277, 4663, 15614]
    assert population.loc["actor"].tolist() == [38651, 5678, 32973]


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (245, 250, 0.954, 0.991), "actor": (146, 150, 0.933, 0.990)})
    # Every borderline verdict counted the other way.
    assert row(table, "lexicon", "term", "borderline flipped")["right"] == 247
    assert row(table, "lexicon", "actor", "borderline flipped")["right"] == 140
    quoted_terms = row(table, "lexicon", "term", "flagged quoted")
    assert (quoted_terms["right"], quoted_terms["n"]) == (30, 31)


def test_quoted_flag(results: dict) -> None:
    table = results["quoted"]
    both = row(table, "lexicon", "both")
    assert (both["tp"], both["fp"], both["fn"], both["tn"]) == (40, 4, 11, 345)
    assert both["accuracy"] == pytest.approx(385 / 400)
    assert interval(both) == [0.939, 0.977]
    assert row(table, "lexicon", "both, borderline flipped")["accuracy"] == pytest.approx(392 / 400)
    assert row(table, "lexicon", "both, after re-reading")["accuracy"] == pytest.approx(386 / 400)
    assert row(table, "lexicon", "actor")["accuracy"] == pytest.approx(148 / 150)


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == ["A058", "A068", "A132", "A150", "T137", "T149", "T159", "T198", "T234"]
    repeats = results["repeats"]
    assert repeats.iloc[0][["entry", "wrong", "drawn"]].tolist() == ["الرياض", 2, 14]
    assert (repeats["wrong"] > 1).sum() == 1


def test_the_method_draws_the_sizes_it_is_given() -> None:
    script = load_script(FOLDER / "holdout.py")
    hits = pd.DataFrame({"doc_id": [f"d{i}" for i in range(20)], "start": range(20), "end": range(1, 21),
                         "kind": ["term"] * 8 + ["actor"] * 12})  # fmt: skip
    seen = {("d0", 0, 1), ("d19", 19, 20)}
    lines, population = script.draw_lines(hits, seen, seed=1, n_terms=3, n_actors=5)
    assert lines["sample_id"].tolist() == ["T001", "T002", "T003", "A001", "A002", "A003", "A004", "A005"]
    assert not set(zip(lines["doc_id"], lines["start"], lines["end"])) & seen
    assert population.set_index("kind").loc["actor"].tolist() == [12, 1, 11]
    # The defaults are this holdout's (and the second's and third's, which pin their committed draws).
    assert (script.N_TERMS, script.N_ACTORS) == (250, 150)

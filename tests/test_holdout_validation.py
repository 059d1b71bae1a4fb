"""The numbers of ``data/validation/holdout_2026-12-01/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense and quoted-speech verdicts and the re-reads after unblinding);
this test reruns it and pins every figure the README quotes.
"""

from pathlib import Path

import numpy as np
import pytest

from .validation_scripts import check_holdout_sheets, load_script, row

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
    term, actor = row(table, "lexicon", "term", "all"), row(table, "lexicon", "actor", "all")
    assert (term["right"], term["n"], actor["right"], actor["n"]) == (245, 250, 146, 150)
    assert np.round([term["low"], term["high"]], 3).tolist() == [0.954, 0.991]
    assert np.round([actor["low"], actor["high"]], 3).tolist() == [0.933, 0.990]
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
    assert np.round([both["low"], both["high"]], 3).tolist() == [0.939, 0.977]
    assert row(table, "lexicon", "both, borderline flipped")["accuracy"] == pytest.approx(392 / 400)
    assert row(table, "lexicon", "both, after re-reading")["accuracy"] == pytest.approx(386 / 400)
    assert row(table, "lexicon", "actor")["accuracy"] == pytest.approx(148 / 150)


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == ["A058", "A068", "A132", "A150", "T137", "T149", "T159", "T198", "T234"]
    repeats = results["repeats"]
    assert repeats.iloc[0][["entry", "wrong", "drawn"]].tolist() == ["الرياض", 2, 14]
    assert (repeats["wrong"] > 1).sum() == 1

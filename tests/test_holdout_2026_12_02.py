"""The numbers of ``data/validation/holdout_2026-12-02/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense and quoted-speech verdicts, the re-reads after unblinding, and
for the comparison the 2026-12-01 holdout's own files); this test reruns it and pins every
figure the README quotes.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import (
    check_drawn_fresh,
    check_holdout_sheets,
    check_precision,
    interval,
    load_script,
    offsets,
    row,
)

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02"
FIRST = FOLDER.parent / "holdout_2026-12-01"


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "holdout.py").score()


def test_blind_sheet_hides_the_flags_and_offsets() -> None:
    check_holdout_sheets(FOLDER)


def test_no_line_of_the_first_holdout_or_any_audit_is_drawn_again() -> None:
    script = load_script(FOLDER / "holdout.py")
    drawn = check_drawn_fresh(FOLDER, [FIRST])
    # Read again later: the eighth holdout's census of a broad Germany rule lists A008 (judged
    # right here and there); no other line of this sample stands in a later CSV.
    again = drawn & script.judged_offsets()
    assert again == drawn & offsets(FOLDER.parent / "holdout_2026-12-02g" / "suggested_fixes.csv")
    assert len(again) == 1
    assert script.SEED == 20261202


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20274, 4912, 15362]
    assert population.loc["actor"].tolist() == [38629, 5824, 32805]


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (246, 250, 0.960, 0.994), "actor": (145, 150, 0.924, 0.986)})
    # Every borderline verdict counted the other way.
    assert row(table, "lexicon", "term", "borderline flipped")["right"] == 244
    assert row(table, "lexicon", "actor", "borderline flipped")["right"] == 141
    for lexicon, n in (("term", 31), ("actor", 21)):
        quoted = row(table, "lexicon", lexicon, "flagged quoted")
        assert (quoted["right"], quoted["n"]) == (n, n)


def test_quoted_flag(results: dict) -> None:
    table = results["quoted"]
    both = row(table, "lexicon", "both")
    assert (both["tp"], both["fp"], both["fn"], both["tn"]) == (44, 8, 19, 329)
    assert both["accuracy"] == pytest.approx(373 / 400)
    assert interval(both) == [0.904, 0.953]
    assert row(table, "lexicon", "term")["accuracy"] == pytest.approx(229 / 250)
    assert row(table, "lexicon", "actor")["accuracy"] == pytest.approx(144 / 150)
    assert row(table, "lexicon", "both, borderline flipped")["accuracy"] == pytest.approx(387 / 400)
    # Nine disagreements re-read after unblinding; no blind verdict changed.
    assert row(table, "lexicon", "both, after re-reading")["accuracy"] == pytest.approx(373 / 400)
    assert len(pd.read_csv(FOLDER / "after_unblinding.csv")) == 9


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == ["A015", "A068", "A092", "A113", "A137", "T083", "T108", "T198", "T242"]
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["الرياض", ["wrong", "drawn"]].tolist() == [3, 15]
    assert repeats.loc["اقتحام", ["wrong", "drawn"]].tolist() == [2, 6]
    assert (repeats["wrong"] > 1).sum() == 2


def test_comparison_with_the_first_holdout(results: dict) -> None:
    table = results["comparison"].set_index("measure")
    term, actor = table.loc["term precision"], table.loc["actor precision"]
    assert term[["first", "first_n", "second", "second_n"]].tolist() == [245, 250, 246, 250]
    assert actor[["first", "first_n", "second", "second_n"]].tolist() == [146, 150, 145, 150]
    assert (interval(term), interval(actor)) == ([-0.023, 0.032], [-0.052, 0.038])
    assert term["fisher_p"] == pytest.approx(1.0) and actor["fisher_p"] == pytest.approx(1.0)
    flag = table.loc["quoted flag accuracy"]
    assert (flag["first"], flag["second"]) == (385, 373)
    assert np.round([flag["difference"], flag["low"], flag["high"], flag["fisher_p"]], 3).tolist() == [
        -0.03,
        -0.062,
        0.001,
        0.08,
    ]
    flipped = table.loc["quoted flag accuracy, borderline flipped"]
    assert (flipped["first"], flipped["second"]) == (392, 387)
    assert round(flipped["fisher_p"], 3) == 0.377

"""The numbers of ``data/validation/holdout_2026-12-02b/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense and quoted-speech verdicts, the re-reads after unblinding, and for
the comparison the two earlier holdouts' own files); this test reruns it and pins every figure
the README quotes.
"""

from pathlib import Path

import pandas as pd
import pytest

from .validation_scripts import (
    check_comparison,
    check_drawn_fresh,
    check_holdout_sheets,
    check_homogeneity,
    check_precision,
    check_voices,
    earlier_holdouts,
    interval,
    load_script,
    offsets,
    row,
)

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02b"
EARLIER = earlier_holdouts(FOLDER)


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "holdout.py").score()


def test_blind_sheet_hides_the_flags_and_offsets() -> None:
    check_holdout_sheets(FOLDER)


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again() -> None:
    script = load_script(FOLDER / "holdout.py")
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    # A later holdout's suggested_fixes.csv lists every corpus hit of a rule, already judged ones
    # included: the fifth lists A087 (Saudia in quotation marks), judged here before it existed.
    # The tenth's censuses list A018 («هجوماً روسياً», the nisba with tanwin: wrong here and there) and A057
    # (Manchester United's tour «في الولايات المتحدة», right here and there).
    listed = offsets(FOLDER.parent / "holdout_2026-12-02d" / "suggested_fixes.csv")
    tenth = pd.read_csv(FOLDER.parent / "holdout_2026-12-02i" / "suggested_fixes.csv", dtype={"doc_id": str})
    assert drawn & script.judged_offsets() <= listed | set(zip(tenth["doc_id"], tenth["start"], tenth["end"]))
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    assert key.loc[[line in listed for line in zip(key["doc_id"], key["start"], key["end"])], "sample_id"].tolist() == [
        "A087"
    ]
    both = key.merge(tenth[["doc_id", "start", "end", "right"]]).merge(pd.read_csv(FOLDER / "judgments.csv"))
    assert sorted(zip(both["sample_id"], both["right"], both["correct"])) == [("A018", 0, 0), ("A057", 1, 1)]
    assert script.SEED == 202612023


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20269, 5160, 15109]
    assert population.loc["actor"].tolist() == [38575, 5969, 32606]


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (249, 250, 0.978, 0.999), "actor": (143, 150, 0.907, 0.977)})
    # Every borderline verdict counted the other way (17 lines: 2 wrong, 15 right).
    assert row(table, "lexicon", "term", "borderline flipped")["right"] == 240
    assert row(table, "lexicon", "actor", "borderline flipped")["right"] == 139
    judgments = pd.read_csv(FOLDER / "judgments.csv")
    assert judgments["borderline"].sum() == 17
    check_voices(table, {"term": ((225, 226), (24, 24)), "actor": ((129, 136), (14, 14))})


def test_quoted_flag(results: dict) -> None:
    table = results["quoted"]
    both = row(table, "lexicon", "both")
    assert (both["tp"], both["fp"], both["fn"], both["tn"]) == (34, 4, 24, 338)
    assert both["accuracy"] == pytest.approx(372 / 400)
    assert interval(both) == [0.901, 0.951]
    assert row(table, "lexicon", "term")["accuracy"] == pytest.approx(225 / 250)
    assert row(table, "lexicon", "actor")["accuracy"] == pytest.approx(147 / 150)
    flipped = row(table, "lexicon", "both, borderline flipped")
    assert flipped["accuracy"] == pytest.approx(392 / 400)
    assert interval(flipped) == [0.961, 0.990]
    # Seven marked-speech disagreements re-read after unblinding; no blind verdict changed.
    assert row(table, "lexicon", "both, after re-reading")["accuracy"] == pytest.approx(372 / 400)
    after = pd.read_csv(FOLDER / "after_unblinding.csv")
    assert len(after) == 7 and (after["blind"] == after["reread"]).all()
    # 21 of the 24 misses are borderline (unmarked speech, an attributed word in quotes).
    verdicts = pd.read_csv(FOLDER / "quoted_judgments.csv")
    assert ((verdicts["in_quote"] == 1) & (verdicts["in_quote_borderline"] == 1)).sum() == 21


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == ["A014", "A018", "A070", "A087", "A123", "A139", "A142", "T075"]
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["روسيا", ["wrong", "drawn"]].tolist() == [2, 8]
    assert (repeats["wrong"] > 1).sum() == 1
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str}).set_index("sample_id")
    assert key.loc[sorted(wrong["sample_id"]), "doc_id"].nunique() == 8


def test_comparison_with_the_earlier_holdouts(results: dict) -> None:
    expected = {
        # (earlier, measure): (then, now, low, high, fisher p), rounded as in the README
        ("first", "term precision"): (245, 249, -0.006, 0.042, 0.216),
        ("first", "actor precision"): (146, 143, -0.069, 0.026, 0.541),
        ("first", "quoted flag accuracy"): (385, 372, -0.065, -0.001, 0.059),
        ("first", "quoted flag accuracy, borderline flipped"): (392, 392, -0.021, 0.021, 1.0),
        ("second", "term precision"): (246, 249, -0.009, 0.037, 0.372),
        ("second", "actor precision"): (145, 143, -0.064, 0.035, 0.77),
        ("second", "quoted flag accuracy"): (373, 372, -0.038, 0.033, 1.0),
        ("second", "quoted flag accuracy, borderline flipped"): (387, 392, -0.011, 0.037, 0.377),
    }
    check_comparison(results["comparison"], expected)


def test_the_three_holdouts_are_compatible(results: dict) -> None:
    right = {"term": [245, 246, 249], "actor": [146, 145, 143], "quoted flag": [385, 373, 372]}
    check_homogeneity(results["homogeneity"], right, [0.36, 0.738, 0.096])

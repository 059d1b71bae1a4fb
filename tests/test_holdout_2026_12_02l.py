"""The numbers of ``data/validation/holdout_2026-12-02l/README.md``, rebuilt from the committed files.

The folder's ``score`` and ``recode`` (the twelfth's, given this folder) read only files in the
repository; this test reruns them and pins every figure the README quotes.
"""

from pathlib import Path

import pandas as pd
import pytest

from .validation_scripts import (
    check_coders_rebuilt,
    check_comparison,
    check_drawn_fresh,
    check_homogeneity,
    check_pooled,
    check_precision,
    check_voices,
    earlier_holdouts,
    interval,
    load_script,
    offsets,
    row,
)

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02l"
EARLIER = earlier_holdouts(FOLDER)


@pytest.fixture(scope="module")
def script():
    return load_script(FOLDER / "holdout.py")


@pytest.fixture(scope="module")
def results(script) -> dict:
    return script.score()


@pytest.fixture(scope="module")
def recoded(script) -> dict:
    return script.recode()


def test_sheets_and_the_recode_are_rebuilt_from_the_committed_files(script, tmp_path: Path) -> None:
    check_coders_rebuilt(script, FOLDER, tmp_path, terms=1200, actors=800)


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again(script) -> None:
    assert len(EARLIER) == 12
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    assert not drawn & script.METHOD.judged_offsets(FOLDER)
    assert not drawn & offsets(EARLIER[11] / "applied_fixes.csv")
    assert (script.SEED, script.N_TERMS, script.N_ACTORS) == (202612035, 1200, 800)
    assert len(drawn & offsets(FOLDER.parent / "negation_2026-12-02" / "key.csv")) == 30
    assert len(drawn & offsets(FOLDER.parent / "quoted_flag_sample.csv")) == 6


def test_population_is_the_twelfths_minus_its_applied_fixes(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20235, 6702, 13533]
    assert population.loc["actor"].tolist() == [37856, 10539, 27317]
    twelfth = pd.read_csv(EARLIER[11] / "population.csv").set_index("kind")
    fixes = pd.read_csv(EARLIER[11] / "applied_fixes.csv")["kind"].value_counts()
    assert twelfth.loc["actor", "hits"] - fixes["actor"] == 37856
    assert twelfth.loc["term", "hits"] - fixes["term"] == 20235


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (1172, 1200, 0.966, 0.984), "actor": (787, 800, 0.972, 0.990)})
    # As shipped: the actors' lower bound clears 97 %, the terms' does not.
    assert row(table, "lexicon", "actor", "all")["low"] > 0.97 > row(table, "lexicon", "term", "all")["low"]
    flipped = row(table, "lexicon", "term", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (1158, 0.953, 0.974)
    flipped = row(table, "lexicon", "actor", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (753, 0.923, 0.956)
    check_voices(table, {"term": ((1028, 1053), (144, 147)), "actor": ((722, 734), (65, 66))})
    judgments = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    actor = judgments[judgments["sample_id"].str.startswith("A") & (judgments["borderline"] == 1)]
    assert (len(actor), int(actor["correct"].sum())) == (44, 39)


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert (wrong["sample_id"].str.startswith("T").sum(), wrong["sample_id"].str.startswith("A").sum()) == (28, 13)
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["الرياض", ["wrong", "drawn"]].tolist() == [6, 71]
    assert repeats.loc["تحريض", ["wrong", "drawn"]].tolist() == [3, 11]
    assert repeats.loc["إرهابي*", ["wrong", "drawn"]].tolist() == [3, 313]
    reasons = wrong.set_index("sample_id")["reason"]
    assert sorted(reasons[reasons.str.contains("negated")].index) == ["T1145", "T1176", "T546"]
    assert sorted(reasons[reasons.str.contains("fiction")].index) == ["T422", "T512", "T983"]


def test_comparison_compatibility_and_pools(results: dict) -> None:
    assert len(results["comparison"]) == 24
    check_comparison(
        results["comparison"],
        {
            ("third", "term precision"): (249, 1172, -0.030, 0.000, 0.046),
            ("tenth", "term precision"): (94, 1172, 0.003, 0.102, 0.041),
            ("third", "actor precision"): (143, 787, 0.004, 0.077, 0.027),
            ("seventh", "actor precision"): (288, 787, 0.003, 0.053, 0.024),
            ("twelfth", "term precision"): (391, 1172, -0.016, 0.020, 1.000),
            ("twelfth", "actor precision"): (1962, 787, -0.010, 0.012, 0.755),
        },
    )
    right = {
        "term": [245, 246, 249, 148, 99, 97, 97, 99, 98, 94, 198, 391, 1172],
        "actor": [146, 145, 143, 290, 290, 294, 288, 294, 293, 292, 293, 1962, 787],
    }
    check_homogeneity(results["homogeneity"], right, [0.204, 0.278])
    check_pooled(
        results["pooled"],
        {
            ("term", "earlier twelve"): (2061, 2100, 0.975, 0.986),
            ("term", "all thirteen"): (3233, 3300, 0.974, 0.984),
            ("actor", "earlier twelve"): (4730, 4850, 0.970, 0.979),
            ("actor", "all thirteen"): (5517, 5650, 0.972, 0.980),
        },
    )


def test_recode(recoded: dict) -> None:
    coders = recoded["coders"]
    assert coders[coders["lexicon"] == "term"]["right"].tolist() == [234, 233, 237, 235, 233]
    assert coders[coders["lexicon"] == "actor"]["right"].tolist() == [156, 159, 158, 157, 157]
    assert round(coders["chi2_p"].iloc[0], 2) == 0.73
    design = recoded["design"].set_index(["lexicon", "first"])["lines"].to_dict()
    assert design == {("actor", 0): 13, ("actor", 1): 80, ("term", 0): 28, ("term", 1): 120}
    agreement = recoded["agreement"].set_index(["lines", "pair"]).loc["all"]
    assert agreement["agree"].tolist() == [239, 238, 240]
    assert [round(kappa, 3) for kappa in agreement["kappa"]] == [0.970, 0.955, 0.985]
    precision = recoded["precision"].set_index(["lexicon", "verdict"])
    term, actor = precision.loc[("term", "majority")], precision.loc[("actor", "majority")]
    assert (term["right"], *interval(term)) == (1173.0, 0.968, 0.986)
    assert (actor["right"], *interval(actor)) == (788.0, 0.976, 0.992)
    assert sorted(recoded["overturned"]["sample_id"]) == ["A010", "T034"]


def test_applied_fixes_were_each_read() -> None:
    fixes = pd.read_csv(FOLDER / "applied_fixes.csv", dtype={"doc_id": str})
    assert fixes["entry"].value_counts().to_dict() == {"إرهاب": 8, "احتلال": 7, "هزيم*": 4, "فشل*": 1, "مجزرة": 1}
    assert (int(fixes["right"].sum()), int(fixes["borderline"].sum())) == (0, 0)
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    removed = sorted(key.merge(fixes[["doc_id", "start", "end"]])["sample_id"])
    assert removed == ["T1144", "T116", "T207", "T352", "T671", "T809"]

"""The numbers of ``data/validation/holdout_2026-12-02m/README.md``, rebuilt from the committed files.

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

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02m"
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
    check_coders_rebuilt(script, FOLDER, tmp_path, terms=2000, actors=500)


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again(script) -> None:
    assert len(EARLIER) == 13
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    assert not drawn & script.METHOD.judged_offsets(FOLDER)
    for folder in EARLIER[11:]:
        assert not drawn & offsets(folder / "applied_fixes.csv")
    assert (script.SEED, script.N_TERMS, script.N_ACTORS) == (202612037, 2000, 500)
    assert len(drawn & offsets(FOLDER.parent / "negation_2026-12-02" / "key.csv")) == 44
    assert len(drawn & offsets(FOLDER.parent / "quoted_flag_sample.csv")) == 11


def test_population_is_the_thirteenths_minus_its_applied_fixes(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20214, 7894, 12320]
    assert population.loc["actor"].tolist() == [37856, 11339, 26517]
    thirteenth = pd.read_csv(EARLIER[12] / "population.csv").set_index("kind")
    fixes = pd.read_csv(EARLIER[12] / "applied_fixes.csv")["kind"].value_counts()
    assert thirteenth.loc["term", "hits"] - fixes["term"] == 20214
    assert thirteenth.loc["actor", "hits"] == 37856 and "actor" not in fixes


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (1961, 2000, 0.973, 0.986), "actor": (493, 500, 0.971, 0.993)})
    # As shipped: both lower bounds clear 97 %.
    assert row(table, "lexicon", "term", "all")["low"] > 0.97 and row(table, "lexicon", "actor", "all")["low"] > 0.97
    flipped = row(table, "lexicon", "term", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (1947, 0.966, 0.980)
    flipped = row(table, "lexicon", "actor", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (473, 0.923, 0.963)
    check_voices(table, {"term": ((1706, 1741), (255, 259)), "actor": ((445, 450), (48, 50))})
    judgments = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    borderline = judgments[judgments["borderline"] == 1]
    kinds = borderline["sample_id"].str[0]
    assert (int(borderline.loc[kinds == "T", "correct"].sum()), int(borderline.loc[kinds == "A", "correct"].sum())) == (
        29,
        22,
    )


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert (wrong["sample_id"].str.startswith("T").sum(), wrong["sample_id"].str.startswith("A").sum()) == (39, 7)
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["متطرف*", ["wrong", "drawn"]].tolist() == [5, 207]
    assert repeats.loc["احتلال", ["wrong", "drawn"]].tolist() == [4, 103]
    reasons = wrong.set_index("sample_id")["reason"]
    negated = sorted(reasons[reasons.str.contains("negated", case=False)].index)
    assert negated == ["T1218", "T1420", "T203", "T550", "T860", "T897"]


def test_comparison_compatibility_and_pools(results: dict) -> None:
    assert len(results["comparison"]) == 26
    check_comparison(
        results["comparison"],
        {
            ("third", "actor precision"): (143, 493, 0.005, 0.080, 0.024),
            ("tenth", "term precision"): (94, 1961, 0.008, 0.105, 0.018),
            ("twelfth", "term precision"): (391, 1961, -0.010, 0.023, 0.695),
            ("thirteenth", "term precision"): (1172, 1961, -0.006, 0.015, 0.524),
            ("thirteenth", "actor precision"): (787, 493, -0.014, 0.016, 0.821),
        },
    )
    right = {
        "term": [245, 246, 249, 148, 99, 97, 97, 99, 98, 94, 198, 391, 1172, 1961],
        "actor": [146, 145, 143, 290, 290, 294, 288, 294, 293, 292, 293, 1962, 787, 493],
    }
    check_homogeneity(results["homogeneity"], right, [0.246, 0.209])
    check_pooled(
        results["pooled"],
        {
            ("term", "earlier thirteen"): (3233, 3300, 0.974, 0.984),
            ("term", "all fourteen"): (5194, 5300, 0.976, 0.983),
            ("actor", "earlier thirteen"): (5517, 5650, 0.972, 0.980),
            ("actor", "all fourteen"): (6010, 6150, 0.973, 0.981),
        },
    )


def test_recode(recoded: dict) -> None:
    coders = recoded["coders"]
    assert coders[coders["lexicon"] == "term"]["right"].tolist() == [393, 396, 386, 395, 391]
    assert coders[coders["lexicon"] == "actor"]["right"].tolist() == [99, 99, 100, 97, 98]
    assert sorted(round(p, 3) for p in coders["chi2_p"].unique()) == [0.084, 0.438]
    design = recoded["design"].set_index(["lexicon", "first"])["lines"].to_dict()
    assert design == {("actor", 0): 7, ("actor", 1): 50, ("term", 0): 39, ("term", 1): 150}
    agreement = recoded["agreement"].set_index(["lines", "pair"]).loc["all"]
    assert agreement["agree"].tolist() == [240, 242, 244]
    assert [round(kappa, 3) for kappa in agreement["kappa"]] == [0.916, 0.945, 0.971]
    precision = recoded["precision"].set_index(["lexicon", "verdict"])
    term, actor = precision.loc[("term", "majority")], precision.loc[("actor", "majority")]
    assert (term["right"], *interval(term)) == (1965.0, 0.976, 0.988)
    assert (actor["right"], *interval(actor)) == (493.0, 0.976, 0.996)
    overturned = recoded["overturned"]
    assert sorted(overturned["sample_id"]) == ["T1076", "T1198", "T1223", "T717"]
    assert (overturned["first"] == 0).all()


def percent(value: float) -> str:
    """``98.0`` from 0.9805: one decimal, as the READMEs give a precision."""
    return f"{100 * value:.1f}"


def test_the_project_readme_quotes_this_holdout_as_the_shipped_precision(results: dict) -> None:
    # README.md's validation table gives this sample as the lexicons' headline; it must say what score() gives.
    readme = " ".join((FOLDER.parents[2] / "README.md").read_text(encoding="utf-8").split())
    for lexicon in ("term", "actor"):
        found = row(results["precision"], "lexicon", lexicon, "all")
        low, high = interval(found)
        cell = f"**{percent(found['right'] / found['n'])} % [{percent(low)}, {percent(high)}]**"
        assert cell in readme, (lexicon, cell)
        assert f"{found['right']:,} / {found['n']:,}" in readme, lexicon

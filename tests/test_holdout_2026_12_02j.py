"""The numbers of ``data/validation/holdout_2026-12-02j/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense verdicts, the hits each suggested rule would remove, and for the
comparison the ten earlier holdouts' own files); this test reruns it and pins every figure the
README quotes. There are no quoted-speech verdicts in this holdout.
"""

from pathlib import Path

import pandas as pd
import pytest

from .validation_scripts import (
    check_comparison,
    check_drawn_fresh,
    check_holdout_sheets,
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

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02j"
EARLIER = earlier_holdouts(FOLDER)
WRONG_ACTORS = ["A004", "A170", "A183", "A194", "A210", "A214", "A264"]
WRONG_TERMS = ["T084", "T172"]
#: The rules listed with a cost or to show why they are not suggested.
SUDAN = "Sudan row: the sports cues of the Egypt row"
ISRAEL = "Israel row: a sentence on Jacob or the Torah"


@pytest.fixture(scope="module")
def script():
    return load_script(FOLDER / "holdout.py")


@pytest.fixture(scope="module")
def results(script) -> dict:
    return script.score()


def test_blind_sheet_hides_the_flags_and_offsets() -> None:
    check_holdout_sheets(FOLDER, terms=200, actors=300)
    assert not (FOLDER / "quoted_judgments.csv").exists(), "sense only: no quoted-speech verdicts"


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again(script) -> None:
    assert len(EARLIER) == 10
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    assert not drawn & script.judged_offsets()
    # The folder's own census lists 6 of its drawn lines: the wrong ones its rules would remove.
    assert len(drawn & offsets(FOLDER / "suggested_fixes.csv")) == 6
    assert (script.SEED, script.N_TERMS, script.N_ACTORS) == (202612032, 200, 300)
    # The negation sheet judged another property (the flag); its lines may be drawn, and one was.
    negation = offsets(FOLDER.parent / "negation_2026-12-02" / "key.csv")
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    both = key[[line in negation for line in zip(key["doc_id"], key["start"], key["end"])]]
    assert (len(negation), both["sample_id"].tolist()) == (372, ["T120"])


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20252, 6107, 14145]
    assert population.loc["actor"].tolist() == [37932, 8266, 29666]
    # Since the tenth's count: its fixes (22 actor, 7 term hits, with the tanwin rule) and «قواتنا السعودية»
    # counted again (2 actor hits back).
    tenth = pd.read_csv(EARLIER[9] / "population.csv").set_index("kind")
    assert (37932 - tenth.loc["actor", "hits"], 20252 - tenth.loc["term", "hits"]) == (-20, -7)


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (198, 200, 0.964, 0.997), "actor": (293, 300, 0.953, 0.989)})
    # Every borderline verdict counted the other way (22 lines: terms 2 wrong and 5 right, actors 1 and 14).
    flipped = row(table, "lexicon", "term", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (195, 0.943, 0.989)
    flipped = row(table, "lexicon", "actor", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (280, 0.899, 0.956)
    judgments = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    assert judgments["borderline"].sum() == 22
    close_wrong = judgments[(judgments["borderline"] == 1) & (judgments["correct"] == 0)]
    assert sorted(close_wrong["sample_id"]) == ["A004", "T084", "T172"]
    close = judgments[(judgments["borderline"] == 1) & (judgments["correct"] == 1)]
    assert len(close) == 19 and close["sample_id"].str.startswith("A").sum() == 14
    # The Riyadh region (weather twice, projects, governor, elections, Red Crescent, municipality, education).
    assert close["reason"].str.contains("the Riyadh region").sum() == 8
    assert (judgments["reason"] != "").sum() == 41
    # By voice (the flag as set): no wrong term line stands in quoted speech; one actor line does (A210).
    check_voices(table, {"term": ((158, 160), (40, 40)), "actor": ((269, 275), (24, 25))})


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == [*WRONG_ACTORS, *WRONG_TERMS]
    repeats = results["repeats"].set_index("entry")
    assert (repeats["wrong"] > 1).sum() == 0
    assert repeats.loc["الرياض", ["wrong", "drawn"]].tolist() == [1, 33]
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str}).set_index("sample_id")
    assert key.loc[sorted(wrong["sample_id"]), "doc_id"].nunique() == 9
    assert sorted(wrong.loc[wrong["flag"] == 1, "sample_id"]) == ["A210"]
    reasons = wrong.set_index("sample_id")["reason"]
    # Other actors of the same name (a Syrian village, biblical Israel), national teams, another sense,
    # the nisba, a name containing the alias (a TV programme).
    assert sorted(reasons[reasons.str.startswith("another actor")].index) == ["A214", "A264"]
    assert sorted(reasons[reasons.str.startswith("sports")].index) == ["A194", "A210"]
    assert sorted(reasons[reasons.str.startswith("another sense")].index) == ["A170", "T172"]
    assert sorted(reasons[reasons.str.startswith("the nisba")].index) == ["A183"]
    assert sorted(reasons[reasons.str.startswith("a name containing")].index) == ["A004"]
    assert sorted(reasons[reasons.str.startswith("negated")].index) == ["T084"]


def test_comparison_with_the_earlier_holdouts(results: dict) -> None:
    table = results["comparison"]
    assert len(table) == 20
    check_comparison(
        table,
        {
            # (earlier, measure): (then, now, low, high, fisher p), rounded as in the README
            ("first", "term precision"): (245, 198, -0.018, 0.037, 0.470),
            ("first", "actor precision"): (146, 293, -0.026, 0.045, 1.000),
            ("second", "term precision"): (246, 198, -0.022, 0.031, 0.697),
            ("second", "actor precision"): (145, 293, -0.021, 0.054, 0.545),
            ("third", "term precision"): (249, 198, -0.032, 0.014, 0.587),
            ("third", "actor precision"): (143, 293, -0.011, 0.071, 0.247),
            ("fourth", "term precision"): (148, 198, -0.024, 0.038, 1.000),
            ("fourth", "actor precision"): (290, 293, -0.018, 0.039, 0.624),
            ("fifth", "term precision"): (99, 198, -0.027, 0.045, 1.000),
            ("fifth", "actor precision"): (290, 293, -0.018, 0.039, 0.624),
            ("sixth", "term precision"): (97, 198, -0.012, 0.075, 0.338),
            ("sixth", "actor precision"): (294, 293, -0.030, 0.023, 1.000),
            ("seventh", "term precision"): (97, 198, -0.012, 0.075, 0.338),
            ("seventh", "actor precision"): (288, 293, -0.013, 0.048, 0.351),
            ("eighth", "term precision"): (99, 198, -0.027, 0.045, 1.000),
            ("eighth", "actor precision"): (294, 293, -0.030, 0.023, 1.000),
            ("ninth", "term precision"): (98, 198, -0.020, 0.061, 0.603),
            ("ninth", "actor precision"): (293, 293, -0.027, 0.027, 1.000),
            ("tenth", "term precision"): (94, 198, 0.009, 0.115, 0.018),
            ("tenth", "actor precision"): (292, 293, -0.024, 0.031, 1.000),
        },
    )


def test_the_eleven_holdouts_are_compatible(results: dict) -> None:
    table = results["homogeneity"]
    right = {
        "term": [245, 246, 249, 148, 99, 97, 97, 99, 98, 94, 198],
        "actor": [146, 145, 143, 290, 290, 294, 288, 294, 293, 292, 293],
    }
    check_homogeneity(table, right, [0.084, 0.825])
    assert table.set_index("measure").loc["term", "n"] == [250, 250, 250, 150, 100, 100, 100, 100, 100, 100, 200]


def test_pooled_precision(results: dict) -> None:
    check_pooled(
        results["pooled"],
        {
            ("term", "earlier ten"): (1472, 1500, 0.973, 0.987),
            ("term", "all eleven"): (1670, 1700, 0.975, 0.988),
            ("actor", "earlier ten"): (2475, 2550, 0.963, 0.976),
            ("actor", "all eleven"): (2768, 2850, 0.964, 0.977),
        },
    )
    # A secondary line: the last three holdouts (three lexicon versions), pooled.
    check_pooled(
        results["recent"],
        {
            ("term", "last three (ninth, tenth, eleventh)"): (390, 400, 0.955, 0.986),
            ("actor", "last three (ninth, tenth, eleventh)"): (878, 900, 0.963, 0.984),
        },
    )


def test_suggested_fixes(results: dict) -> None:
    table = results["fixes"].set_index("rule")
    counts = {rule: (line["hits"], line["right"]) for rule, line in table.iterrows()}
    assert len(counts) == 10
    assert [counts[rule] for rule in counts if rule.startswith(SUDAN)] == [(4, 1)]
    assert [counts[rule] for rule in counts if rule.startswith(ISRAEL)] == [(4, 2)]
    rows = pd.read_csv(FOLDER / "suggested_fixes.csv", dtype={"doc_id": str})
    narrow = rows[~rows["rule"].str.contains("row: ")]
    hits = narrow[["doc_id", "start", "end"]].drop_duplicates()
    # The eight narrow rules remove 13 hits (12 actor, 1 term), none right: 0.03 % of 37,932 actor hits.
    assert (narrow["rule"].nunique(), len(narrow), len(hits), int(narrow["right"].sum())) == (8, 13, 13, 0)
    terms = narrow["entry"].isin(["مهزوم*"])
    assert ((~terms).sum(), terms.sum()) == (12, 1) and round(12 / 37932 * 100, 2) == 0.03
    # They remove five of the seven wrong actor lines (not the Africa Cup draw, A194, nor biblical Israel,
    # A214) and one of the two wrong term lines (not the negated T084).
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    assert sorted(key.merge(hits)["sample_id"]) == ["A004", "A170", "A183", "A210", "A264", "T172"]
    # Later holdouts leave all 21 rows out as already read; no earlier holdout drew any of them.
    assert (len(rows), len(rows[["doc_id", "start", "end"]].drop_duplicates())) == (21, 21)
    earlier = pd.concat([pd.read_csv(folder / "key.csv", dtype={"doc_id": str}) for folder in EARLIER])
    assert earlier.merge(rows).empty

"""The numbers of ``data/validation/holdout_2026-12-02i/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
population counts, the sense verdicts, the hits each suggested rule would remove, and for the
comparison the nine earlier holdouts' own files); this test reruns it and pins every figure the
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

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02i"
EARLIER = earlier_holdouts(FOLDER)
WRONG_ACTORS = ["A039", "A088", "A089", "A124", "A182", "A196", "A267", "A274"]
WRONG_TERMS = ["T009", "T019", "T032", "T037", "T049", "T050"]
#: The broad sports-cue rule, listed and read to show why it is not suggested.
BROAD = "الولايات المتحدة row: the sports cues of the Egypt row"


@pytest.fixture(scope="module")
def script():
    return load_script(FOLDER / "holdout.py")


@pytest.fixture(scope="module")
def results(script) -> dict:
    return script.score()


def test_blind_sheet_hides_the_flags_and_offsets() -> None:
    check_holdout_sheets(FOLDER, terms=100, actors=300)
    assert not (FOLDER / "quoted_judgments.csv").exists(), "sense only: no quoted-speech verdicts"


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again(script) -> None:
    assert len(EARLIER) == 9
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    assert not drawn & script.judged_offsets()
    # The folder's own census lists 10 of its drawn lines: the wrong ones its rules would remove.
    assert len(drawn & offsets(FOLDER / "suggested_fixes.csv")) == 10
    assert (script.SEED, script.N_TERMS, script.N_ACTORS) == (202612031, 100, 300)
    # The negation sheet judged another property (the flag); its lines may be drawn, and one was.
    negation = offsets(FOLDER.parent / "negation_2026-12-02" / "key.csv")
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    both = key[[line in negation for line in zip(key["doc_id"], key["start"], key["end"])]]
    assert (len(negation), both["sample_id"].tolist()) == (372, ["T070"])


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20259, 6012, 14247]
    assert population.loc["actor"].tolist() == [37952, 7925, 30027]
    # Since the ninth's count: its fixes (53 actor, 2 term hits) and the two term rules of 2026-12-02
    # (cybercriminals, epidemics: 4 term hits).
    ninth = pd.read_csv(EARLIER[8] / "population.csv").set_index("kind")
    assert (37952 - ninth.loc["actor", "hits"], 20259 - ninth.loc["term", "hits"]) == (-53, -6)


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (94, 100, 0.875, 0.972), "actor": (292, 300, 0.948, 0.986)})
    # Every borderline verdict counted the other way (22 lines: terms 1 wrong and 3 right, actors 4 and 14).
    flipped = row(table, "lexicon", "term", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (92, 0.850, 0.959)
    flipped = row(table, "lexicon", "actor", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (282, 0.907, 0.962)
    judgments = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    assert judgments["borderline"].sum() == 22
    close_wrong = judgments[(judgments["borderline"] == 1) & (judgments["correct"] == 0)]
    assert sorted(close_wrong["sample_id"]) == ["A039", "A088", "A089", "A274", "T009"]
    close = judgments[(judgments["borderline"] == 1) & (judgments["correct"] == 1)]
    assert len(close) == 17 and close["sample_id"].str.startswith("A").sum() == 14
    # The Riyadh region (traffic, municipality, accidents, elections, labour office, religious police, a list).
    assert close["reason"].str.contains("the Riyadh region").sum() == 7
    assert (judgments["reason"] != "").sum() == 63
    # By voice (the flag as set): three wrong term lines stand in quoted speech, no actor line.
    check_voices(table, {"term": ((83, 86), (11, 14)), "actor": ((264, 272), (28, 28))})


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert sorted(wrong["sample_id"]) == [*WRONG_ACTORS, *WRONG_TERMS]
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["الولايات المتحدة", ["wrong", "drawn"]].tolist() == [3, 26]
    assert repeats.loc["غزو", ["wrong", "drawn"]].tolist() == [2, 3]
    assert (repeats["wrong"] > 1).sum() == 2
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str}).set_index("sample_id")
    assert key.loc[sorted(wrong["sample_id"]), "doc_id"].nunique() == 14
    assert sorted(wrong.loc[wrong["flag"] == 1, "sample_id"]) == ["T019", "T032", "T037"]
    reasons = wrong.set_index("sample_id")["reason"]
    # Names containing the alias (two companies, a university, a club), the nisba, Mexico, a national team.
    assert sorted(reasons[reasons.str.startswith("a name containing")].index) == ["A088", "A089", "A182", "A196"]
    assert sorted(reasons[reasons.str.startswith("another actor")].index) == ["A267"]
    assert sorted(reasons[reasons.str.startswith(("sports", "a national delegation"))].index) == ["A124", "A274"]
    assert sorted(reasons[reasons.str.startswith("another sense")].index) == ["T009", "T019", "T037", "T050"]


def test_comparison_with_the_earlier_holdouts(results: dict) -> None:
    table = results["comparison"]
    assert len(table) == 18
    check_comparison(
        table,
        {
            # (earlier, measure): (then, now, low, high, fisher p), rounded as in the README
            ("first", "term precision"): (245, 94, -0.106, 0.001, 0.083),
            ("first", "actor precision"): (146, 292, -0.030, 0.042, 1.000),
            ("second", "term precision"): (246, 94, -0.109, -0.004, 0.035),
            ("second", "actor precision"): (145, 292, -0.025, 0.051, 0.767),
            ("third", "term precision"): (249, 94, -0.121, -0.019, 0.003),
            ("third", "actor precision"): (143, 292, -0.015, 0.068, 0.275),
            ("fourth", "term precision"): (148, 94, -0.112, 0.000, 0.063),
            ("fourth", "actor precision"): (290, 292, -0.023, 0.037, 0.812),
            ("fifth", "term precision"): (99, 94, -0.115, 0.005, 0.118),
            ("fifth", "actor precision"): (290, 292, -0.023, 0.037, 0.812),
            ("sixth", "term precision"): (97, 94, -0.098, 0.033, 0.498),
            ("sixth", "actor precision"): (294, 292, -0.034, 0.020, 0.788),
            ("seventh", "term precision"): (97, 94, -0.098, 0.033, 0.498),
            ("seventh", "actor precision"): (288, 292, -0.017, 0.045, 0.496),
            ("eighth", "term precision"): (99, 94, -0.115, 0.005, 0.118),
            ("eighth", "actor precision"): (294, 292, -0.034, 0.020, 0.788),
            ("ninth", "term precision"): (98, 94, -0.106, 0.019, 0.279),
            ("ninth", "actor precision"): (293, 292, -0.031, 0.024, 1.000),
        },
    )


def test_the_ten_holdouts_are_compatible(results: dict) -> None:
    table = results["homogeneity"]
    right = {
        "term": [245, 246, 249, 148, 99, 97, 97, 99, 98, 94],
        "actor": [146, 145, 143, 290, 290, 294, 288, 294, 293, 292],
    }
    check_homogeneity(table, right, [0.094, 0.792])
    assert table.set_index("measure").loc["actor", "n"] == [150, 150, 150, 300, 300, 300, 300, 300, 300, 300]


def test_pooled_precision(results: dict) -> None:
    check_pooled(
        results["pooled"],
        {
            ("term", "earlier nine"): (1378, 1400, 0.976, 0.990),
            ("term", "all ten"): (1472, 1500, 0.973, 0.987),
            ("actor", "earlier nine"): (2183, 2250, 0.962, 0.976),
            ("actor", "all ten"): (2475, 2550, 0.963, 0.976),
        },
    )
    # A secondary line: the last three holdouts (three lexicon versions), pooled.
    check_pooled(
        results["recent"],
        {
            ("term", "last three (eighth, ninth, tenth)"): (291, 300, 0.944, 0.984),
            ("actor", "last three (eighth, ninth, tenth)"): (879, 900, 0.965, 0.985),
        },
    )


def test_suggested_fixes(results: dict) -> None:
    table = results["fixes"].set_index("rule")
    counts = {rule: (line["hits"], line["right"]) for rule, line in table.iterrows()}
    assert len(counts) == 11
    assert [counts[rule] for rule in counts if rule.startswith(BROAD)] == [(70, 55)]
    assert counts["exclude جامعة الإمارات (United Arab Emirates University)"] == (5, 0)
    rows = pd.read_csv(FOLDER / "suggested_fixes.csv", dtype={"doc_id": str})
    narrow = rows[~rows["rule"].str.contains("row: ")]
    hits = narrow[["doc_id", "start", "end"]].drop_duplicates()
    # The ten narrow rules remove 28 hits (21 actor, 7 term), none right: 0.06 % of 37,952 actor hits.
    assert (narrow["rule"].nunique(), len(narrow), len(hits), int(narrow["right"].sum())) == (10, 28, 28, 0)
    terms = narrow["entry"].isin(["غزو", "ذرائع", "مجرم*"])
    assert ((~terms).sum(), terms.sum()) == (21, 7) and round(21 / 37952 * 100, 2) == 0.06
    # They remove six of the eight wrong actor lines (not the national team, A124, nor the olympiad ranking,
    # A274) and four of the six wrong term lines (not the negated T032 nor the fiscal «متطرف», T050).
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    removed = ["A039", "A088", "A089", "A182", "A196", "A267", "T009", "T019", "T037", "T049"]
    assert sorted(key.merge(hits)["sample_id"]) == removed
    # Later holdouts leave all 98 rows out as already read. Three of them were drawn by the third and
    # eighth holdouts and read alike there: a nisba with tanwin (wrong), a tour and a venue in the US (right).
    assert (len(rows), len(rows[["doc_id", "start", "end"]].drop_duplicates())) == (98, 98)
    earlier = pd.concat([pd.read_csv(folder / "key.csv", dtype={"doc_id": str}) for folder in EARLIER])
    again = earlier.merge(rows)
    assert sorted(zip(again["sample_id"], again["right"])) == [("A010", 1), ("A018", 0), ("A057", 1)]

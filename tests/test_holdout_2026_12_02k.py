"""The numbers of ``data/validation/holdout_2026-12-02k/README.md``, rebuilt from the committed files.

The folder's ``score`` and ``recode`` read only files in the repository (the five coders' sheets and
verdicts, the key, the population counts, both recoders' verdicts, and for the comparison the eleven
earlier holdouts' own files); this test reruns them and pins every figure the README quotes.
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

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-02k"
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


def test_blind_sheets_hide_the_flags_and_offsets_and_deal_every_line_once(script) -> None:
    check_holdout_sheets(FOLDER, terms=400, actors=2000)
    assert not (FOLDER / "quoted_judgments.csv").exists(), "sense only: no quoted-speech verdicts"
    blind = pd.read_csv(FOLDER / "blind.csv")
    parts = [pd.read_csv(FOLDER / f"blind_part{number}.csv") for number in range(1, 6)]
    assert [part["lexicon"].value_counts().to_dict() for part in parts] == [{"actor": 400, "term": 80}] * 5
    assert sorted(pd.concat(parts)["sample_id"]) == sorted(blind["sample_id"])
    # Round robin within each lexicon: A001 and A006 to the first coder, A002 to the second.
    assert script.part_of(pd.Series(["A001", "A006", "A002", "T400", "A2000"])).tolist() == [1, 1, 2, 5, 5]


def test_join_checks_every_sheet_and_rebuilds_judgments_and_the_recode_sheet(script, tmp_path: Path) -> None:
    committed = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    for name in [f"blind_part{n}.csv" for n in range(1, 6)] + [f"judgments_part{n}.csv" for n in range(1, 6)]:
        (tmp_path / name).write_bytes((FOLDER / name).read_bytes())
    (tmp_path / "blind.csv").write_bytes((FOLDER / "blind.csv").read_bytes())
    script.join(here=tmp_path)
    assert pd.read_csv(tmp_path / "judgments.csv", keep_default_na=False).equals(committed)
    # The recode subsample is drawn again, line for line, from the joined verdicts and the seed.
    (tmp_path / "quoted_context.csv").write_bytes((FOLDER / "quoted_context.csv").read_bytes())
    script.recode_sheet(here=tmp_path)
    for name in ("recode_key.csv", "recode_blind.csv", "recode_context.csv"):
        assert (tmp_path / "recode" / name).read_bytes() == (FOLDER / "recode" / name).read_bytes(), name
    # A sheet with a line missing is refused, naming the file.
    sheet = pd.read_csv(tmp_path / "judgments_part3.csv", keep_default_na=False)
    sheet.iloc[1:].to_csv(tmp_path / "judgments_part3.csv", index=False)
    with pytest.raises(ValueError, match="judgments_part3.csv: the sample ids differ"):
        script.join(here=tmp_path)


def test_no_line_of_an_earlier_holdout_or_any_audit_is_drawn_again(script) -> None:
    assert len(EARLIER) == 11
    drawn = check_drawn_fresh(FOLDER, EARLIER)
    # Judged elsewhere only where a later folder's applied fixes removed the hit again (T400, «إرهاب المجتمع»).
    later = [
        folder / "applied_fixes.csv"
        for folder in sorted(FOLDER.parent.glob("holdout_2026-*"))
        if folder.name > FOLDER.name
    ]
    again = drawn & script.METHOD.judged_offsets(FOLDER)
    assert again <= set().union(*(offsets(path) for path in later if path.exists()))
    assert len(again) == 1
    # The applied fixes removed 25 of the drawn lines: the wrong ones they were written from.
    assert len(drawn & offsets(FOLDER / "applied_fixes.csv")) == 25
    assert (script.SEED, script.N_TERMS, script.N_ACTORS) == (202612033, 400, 2000)
    # Sheets that judged another property (the negated flag, the quoted flag) may be drawn: 11 lines each.
    negation = offsets(FOLDER.parent / "negation_2026-12-02" / "key.csv")
    assert len(drawn & negation) == 11
    assert len(drawn & offsets(FOLDER.parent / "quoted_flag_sample.csv")) == 11


def test_population_and_fresh_lines(results: dict) -> None:
    population = results["population"].set_index("kind")
    assert population.loc["term"].tolist() == [20251, 6306, 13945]
    assert population.loc["actor"].tolist() == [37918, 8566, 29352]
    # Since the eleventh's count: its rules (14 actor hits and one term hit fewer).
    eleventh = pd.read_csv(EARLIER[10] / "population.csv").set_index("kind")
    assert (37918 - eleventh.loc["actor", "hits"], 20251 - eleventh.loc["term", "hits"]) == (-14, -1)


def test_precision_per_lexicon(results: dict) -> None:
    table = results["precision"]
    check_precision(table, {"term": (391, 400, 0.958, 0.988), "actor": (1962, 2000, 0.974, 0.986)})
    # The actors' Wilson lower bound clears 97 %; the terms' does not.
    assert row(table, "lexicon", "actor", "all")["low"] > 0.97 > row(table, "lexicon", "term", "all")["low"]
    flipped = row(table, "lexicon", "term", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (387, 0.945, 0.981)
    flipped = row(table, "lexicon", "actor", "borderline flipped")
    assert (flipped["right"], *interval(flipped)) == (1883, 0.930, 0.951)
    judgments = pd.read_csv(FOLDER / "judgments.csv", keep_default_na=False)
    borderline = judgments[judgments["borderline"] == 1]
    assert len(borderline) == 107
    actor = borderline[borderline["sample_id"].str.startswith("A")]
    assert (len(actor), int(actor["correct"].sum())) == (97, 88)
    check_voices(table, {"term": ((340, 346), (51, 54)), "actor": ((1775, 1811), (187, 189))})


def test_wrong_lines_and_repeats(results: dict) -> None:
    wrong = results["wrong"]
    assert (wrong["sample_id"].str.startswith("A").sum(), wrong["sample_id"].str.startswith("T").sum()) == (38, 9)
    repeats = results["repeats"].set_index("entry")
    assert repeats.loc["إيطاليا", ["wrong", "drawn"]].tolist() == [6, 28]
    assert repeats.loc["مصر", ["wrong", "drawn"]].tolist() == [5, 172]
    assert repeats.loc["الرياض", ["wrong", "drawn"]].tolist() == [4, 210]
    assert repeats.loc["احتلال", ["wrong", "drawn"]].tolist() == [3, 23]
    reasons = wrong.set_index("sample_id")["reason"].str.lower()
    kinds = {
        "sports": ["A255", "A664", "A928", "A960", "A1282", "A1297", "A1362", "A1448", "A1574", "A1621"],
        "dateline": ["A723", "A1732"],
        "nisba": ["A1052"],
    }
    for kind, ids in kinds.items():
        chosen = reasons[reasons.str.contains(kind) & reasons.index.str.startswith("A")]
        # A1448 (the Tour de France) is a name containing the alias that names a sports event.
        assert set(ids) - {"A1448"} <= set(chosen.index), kind
    assert reasons.str.contains("name containing").sum() >= 17


def test_comparison_with_the_earlier_holdouts(results: dict) -> None:
    table = results["comparison"]
    assert len(table) == 22
    check_comparison(
        table,
        {
            ("first", "term precision"): (245, 391, -0.025, 0.026, 1.000),
            ("first", "actor precision"): (146, 1962, -0.010, 0.048, 0.532),
            ("third", "actor precision"): (143, 1962, 0.003, 0.074, 0.034),
            ("seventh", "actor precision"): (288, 1962, 0.003, 0.050, 0.031),
            ("tenth", "term precision"): (94, 391, -0.000, 0.103, 0.092),
            ("eleventh", "term precision"): (198, 391, -0.033, 0.015, 0.352),
            ("eleventh", "actor precision"): (293, 1962, -0.010, 0.029, 0.653),
        },
    )


def test_the_twelve_holdouts_are_compatible(results: dict) -> None:
    right = {
        "term": [245, 246, 249, 148, 99, 97, 97, 99, 98, 94, 198, 391],
        "actor": [146, 145, 143, 290, 290, 294, 288, 294, 293, 292, 293, 1962],
    }
    check_homogeneity(results["homogeneity"], right, [0.133, 0.387])


def test_pooled_precision(results: dict) -> None:
    check_pooled(
        results["pooled"],
        {
            ("term", "earlier eleven"): (1670, 1700, 0.975, 0.988),
            ("term", "all twelve"): (2061, 2100, 0.975, 0.986),
            ("actor", "earlier eleven"): (2768, 2850, 0.964, 0.977),
            ("actor", "all twelve"): (4730, 4850, 0.970, 0.979),
        },
    )


def test_coders_differ_on_actors_beyond_chance(recoded: dict) -> None:
    table = recoded["coders"]
    actors = table[table["lexicon"] == "actor"]
    assert actors["right"].tolist() == [396, 384, 393, 394, 395]
    assert table[table["lexicon"] == "term"]["right"].tolist() == [79, 79, 77, 77, 79]
    assert round(actors["chi2_p"].iloc[0], 3) == 0.014
    assert round(table[table["lexicon"] == "term"]["chi2_p"].iloc[0], 3) == 0.604


def test_recode_design_agreement_and_adjudicated_precision(recoded: dict, script) -> None:
    design = recoded["design"].set_index(["lexicon", "first"])["lines"].to_dict()
    assert design == {("actor", 0): 38, ("actor", 1): 240, ("term", 0): 9, ("term", 1): 60}
    agreement = recoded["agreement"].set_index(["lines", "pair"])
    assert agreement.loc[("all", "first-recoder1"), "agree"] == 345
    assert agreement.loc[("all", "first-recoder2"), "agree"] == 345
    assert agreement.loc[("all", "recoder1-recoder2"), "agree"] == 345
    assert round(agreement.loc[("all", "first-recoder1"), "kappa"], 3) == 0.975
    clean = agreement.loc["without contaminated"]
    assert clean["n"].tolist() == [337] * 3 and clean["agree"].tolist() == [337, 336, 336]
    precision = recoded["precision"].set_index(["lexicon", "verdict"])
    actor = precision.loc[("actor", "majority")]
    assert (actor["right"], round(actor["precision"], 3), *interval(actor)) == (1963.0, 0.982, 0.975, 0.987)
    term = precision.loc[("term", "majority")]
    assert (term["right"], *interval(term)) == (391.0, 0.962, 0.990)
    assert precision.loc[("actor", "majority_clean"), "right"] == 1964.0
    # Only one verdict is overturned by the majority of three: A929, «أرض إسرائيل», wrong to right.
    assert recoded["overturned"]["sample_id"].tolist() == ["A929"]
    lines = script.recoded_lines()
    assert int(lines["contaminated"].sum()) == 10
    # Coder 2's 16 wrong actor lines stay wrong by the majority; both recoders agree on 14 (not A1297, A502).
    second = lines[(lines["part"] == 2) & (lines["lexicon"] == "actor") & (lines["first"] == 0)]
    assert len(second) == 16 and (second["majority"] == 0).all()
    split = second[(second["recoder1"] + second["recoder2"]) > 0]
    assert sorted(split["sample_id"]) == ["A1297", "A502"]
    right = lines[lines["first"] == 1]
    assert len(right) == 300 and (right["majority"] == 1).all()


def test_applied_fixes_were_each_read() -> None:
    fixes = pd.read_csv(FOLDER / "applied_fixes.csv", dtype={"doc_id": str})
    assert fixes["kind"].value_counts().to_dict() == {"actor": 62, "term": 16}
    assert (int(fixes["right"].sum()), int(fixes["borderline"].sum())) == (0, 1)
    assert fixes.loc[fixes["borderline"] == 1, "entry"].tolist() == ["ليبيا"]
    assert not fixes.duplicated(["doc_id", "start", "end"]).any()

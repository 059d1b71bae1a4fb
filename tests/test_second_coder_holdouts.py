"""The numbers of ``data/validation/second_coder_holdouts_2026-12-02/README.md``, rebuilt from the committed files.

The script's ``score`` reads only files in the repository (the sheet, its key, coder 2's verdicts and the
eighth and ninth holdouts' judgments); this test reruns it and pins every figure the README quotes.
"""

from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from analysis.coding.agreement import cohens_kappa

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "second_coder_holdouts_2026-12-02"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(FOLDER / "second_coder.py")


@pytest.fixture(scope="module")
def results(script: ModuleType) -> dict:
    return script.score()


def test_sheet_is_both_holdouts_blind_lines_shuffled(script: ModuleType) -> None:
    sheet = pd.read_csv(FOLDER / "sheet.csv", keep_default_na=False)
    key = pd.read_csv(FOLDER / "key.csv", keep_default_na=False)
    assert sheet["sheet_id"].tolist() == [f"S{i:03d}" for i in range(1, 801)] == key["sheet_id"].tolist()
    assert "holdout" not in sheet.columns and "sample_id" not in sheet.columns  # nothing maps a line back
    for name, folder in script.HOLDOUTS.items():
        blind = pd.read_csv(folder / "blind.csv", keep_default_na=False)
        mine = key[key["holdout"] == name].merge(sheet, on="sheet_id").set_index("sample_id")
        assert sorted(mine.index) == sorted(blind["sample_id"])
        assert (mine.loc[blind["sample_id"], "kwic"].to_numpy() == blind["kwic"].to_numpy()).all()
    # Shuffled: the first ten sheet lines do not come in the holdouts' order.
    assert key["sample_id"].head(10).tolist() != sorted(key["sample_id"].head(10))


def test_verdicts_cover_the_sheet_with_reasons() -> None:
    verdicts = pd.read_csv(FOLDER / "verdicts.csv", keep_default_na=False)
    sheet = pd.read_csv(FOLDER / "sheet.csv", keep_default_na=False)
    assert verdicts["sheet_id"].tolist() == sheet["sheet_id"].tolist()
    assert set(verdicts["correct"]) == {0, 1} and set(verdicts["borderline"]) == {0, 1}
    needs_reason = (verdicts["correct"] == 0) | (verdicts["borderline"] == 1)
    assert (verdicts.loc[needs_reason, "reason"].str.len() > 20).all()
    assert ((verdicts["correct"] == 0).sum(), (verdicts["borderline"] == 1).sum()) == (19, 23)


def test_agreement_and_kappa(results: dict) -> None:
    actors, terms, both = results["actors"], results["terms"], results["all"]
    assert (actors["n"], actors["agree"], actors["coder1_right"], actors["coder2_right"], actors["both_right"]) == (
        600,
        596,
        587,
        585,
        584,
    )
    assert (actors["both_wrong"], actors["only_coder1_wrong"], actors["only_coder2_wrong"]) == (12, 1, 3)
    assert actors["kappa"] == pytest.approx(0.8537, abs=1e-4)
    assert np.round(actors["kappa_ci"], 2).tolist() == [0.68, 0.97]
    assert np.round(actors["agreement_ci"], 3).tolist() == [0.987, 0.998]
    assert (terms["n"], terms["agree"], terms["coder1_right"], terms["coder2_right"], terms["both_right"]) == (
        200,
        199,
        197,
        196,
        196,
    )
    assert terms["kappa"] == pytest.approx(0.8547, abs=1e-4)
    assert np.round(terms["agreement_ci"], 3).tolist() == [0.985, 1.0]
    assert (both["agree"], both["both_wrong"], both["only_coder1_wrong"], both["only_coder2_wrong"]) == (795, 15, 1, 4)
    assert both["kappa"] == pytest.approx(0.8540, abs=1e-4)
    assert np.round(both["kappa_ci"], 2).tolist() == [0.70, 0.96]


def test_per_holdout(results: dict) -> None:
    # Coder 1's counts are the holdouts' published ones (eighth 294 and 99, ninth 293 and 98).
    table = {name: (results[name]["coder1_right"], results[name]["coder2_right"], results[name]["agree"])
             for name in ("actors g", "actors h", "terms g", "terms h")}  # fmt: skip
    assert table == {
        "actors g": (294, 294, 300), "actors h": (293, 291, 296),
        "terms g": (99, 98, 99), "terms h": (98, 98, 100),
    }  # fmt: skip
    assert results["actors h"]["kappa"] == pytest.approx(0.7433, abs=1e-4)
    assert np.round(results["actors h"]["kappa_ci"], 2).tolist() == [0.40, 0.95]


def test_precision_intervals(results: dict) -> None:
    actors, terms = results["actors"], results["terms"]
    assert np.round(actors["coder1_wilson"], 3).tolist() == [0.963, 0.987]
    assert np.round(actors["coder2_wilson"], 3).tolist() == [0.959, 0.985]
    assert np.round(actors["both_wilson"], 3).tolist() == [0.957, 0.984]
    assert np.round(terms["both_wilson"], 3).tolist() == [0.950, 0.992]


def test_borderline_marks(results: dict) -> None:
    both = results["all"]
    assert (both["coder1_borderline"], both["coder2_borderline"], both["both_borderline"]) == (32, 23, 15)
    assert both["agree_flipped"] == 774
    assert both["kappa_flipped"] == pytest.approx(0.6319, abs=1e-4)


def test_disagreements_are_the_listed_lines(results: dict) -> None:
    lines = results["disagreements"]
    assert sorted(lines["sheet_id"]) == ["S056", "S295", "S440", "S502", "S682"]
    notes = pd.read_csv(FOLDER / "disagreement_notes.csv")
    assert sorted(notes["sheet_id"]) == sorted(lines["sheet_id"])
    # Every disagreement was a close call for at least one coder.
    assert ((lines["coder1_borderline"] == 1) | (lines["coder2_borderline"] == 1)).all()


def test_array_kappa_is_the_package_kappa(script: ModuleType) -> None:
    # The bootstrap uses an array version of kappa; it must equal analysis.coding's on the sample.
    lines = script.lines()
    for part in (lines, lines[lines["lexicon"] == "actor"], lines[lines["lexicon"] == "term"]):
        expected = cohens_kappa(part[["coder1", "coder2"]], "coder1", "coder2")
        assert script.kappa(part["coder1"].to_numpy(), part["coder2"].to_numpy()) == pytest.approx(expected)


def test_score_output_is_current(script: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    # score_output.txt is what `score` prints (it also rewrites disagreements.csv, identically).
    before = (FOLDER / "disagreements.csv").read_bytes()
    script.report()
    assert capsys.readouterr().out == (FOLDER / "score_output.txt").read_text()
    assert (FOLDER / "disagreements.csv").read_bytes() == before

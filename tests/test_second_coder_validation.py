"""The numbers of ``data/validation/second_coder_2026-12-01/README.md``, rebuilt from the committed files.

The script's ``score`` reads only files in the repository (the coders' judgments, the samples,
the audit's judgments); this test reruns it and pins every figure the READMEs quote.
"""

from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from analysis.coding.agreement import cohens_kappa

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "second_coder_2026-12-01"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(FOLDER / "second_coder.py")


@pytest.fixture(scope="module")
def results(script: ModuleType) -> dict:
    return script.score()


def test_lexicon_agreement(results: dict) -> None:
    terms, final, actors, both = results["terms"], results["terms final"], results["actors"], results["all"]
    assert (terms["n"], terms["coder1_right"], terms["coder2_right"]) == (300, 249, 257)
    assert (terms["both_wrong"], terms["only_coder1_wrong"], terms["only_coder2_wrong"]) == (41, 10, 2)
    assert terms["agreement"] == pytest.approx(0.96)
    assert terms["kappa"] == pytest.approx(0.8488, abs=1e-4)
    assert np.round(terms["kappa_ci"], 2).tolist() == [0.76, 0.93]
    assert np.round(terms["agreement_ci"], 3).tolist() == [0.937, 0.983]
    assert (final["n"], final["coder1_right"], final["coder2_right"]) == (145, 135, 135)
    assert final["kappa"] == pytest.approx(0.7852, abs=1e-4)
    assert (actors["n"], actors["coder1_right"], actors["coder2_right"], actors["only_coder2_wrong"]) == (
        100,
        95,
        94,
        1,
    )
    assert actors["kappa"] == pytest.approx(0.9038, abs=1e-4)
    assert both["kappa"] == pytest.approx(0.8576, abs=1e-4)
    assert np.round(both["kappa_ci"], 2).tolist() == [0.78, 0.93]
    assert results["overlap with the earlier second coder"] == {"n": 18, "agree": 17}


def test_disagreements_are_the_listed_lines(results: dict) -> None:
    lines = results["disagreements"]
    assert sorted(lines["sample_id"]) == [
        "L001", "L032", "L033", "L074", "L082", "L135", "L166", "L190", "L202", "L305", "L321", "L348", "L371",
    ]  # fmt: skip
    notes = pd.read_csv(FOLDER / "disagreement_notes.csv")
    assert sorted(notes["sample_id"]) == sorted(lines["sample_id"])


def test_array_kappa_is_the_package_kappa(script: ModuleType) -> None:
    # The bootstrap uses an array version of kappa; it must equal analysis.coding's on the sample.
    lines = script.lexicon_lines()
    for part in (lines, lines[lines["lexicon"] == "actors"]):
        expected = cohens_kappa(part[["coder1", "coder2"]], "coder1", "coder2")
        assert script.kappa(part["coder1"].to_numpy(), part["coder2"].to_numpy()) == pytest.approx(expected)


def test_out_of_domain_precision(results: dict) -> None:
    assert {k: results[k]["right"] for k in ("outdomain", "outdomain_armpro", "outdomain_covid")} == {
        "outdomain": 57, "outdomain_armpro": 56, "outdomain_covid": 1,
    }  # fmt: skip
    assert results["outdomain"]["n"] == 64
    assert np.round(results["outdomain"]["wilson"], 3).tolist() == [0.791, 0.946]


def test_tagger_precision_by_band(results: dict) -> None:
    bands = [results[f"tagger {b}"] for b in ("low [thr, 0.20)", "mid [0.20, 0.30)", "high [0.30, 1]")]
    assert [(b["spans"], b["right"], b["n"]) for b in bands] == [(11874, 6, 50), (7399, 13, 50), (3024, 22, 50)]
    weighted = results["tagger weighted"]
    assert weighted["spans"] == 22297
    assert weighted["precision"] == pytest.approx((11874 * 0.12 + 7399 * 0.26 + 3024 * 0.44) / 22297)
    assert np.round(weighted["ci"], 3).tolist() == [0.149, 0.278]
    assert (
        results["tagger label Name_Calling-Labeling"]["right"],
        results["tagger label Loaded_Language"]["right"],
    ) == (12, 29)


def test_paragraph_calibration(results: dict) -> None:
    para = results["paragraphs"]
    assert (para["n"], para["words"], para["coder2_loaded"], para["zero_paragraphs"]) == (50, 2216, 68, 25)
    assert para["model_expected"] == pytest.approx(126.97)
    assert para["ratio"] == pytest.approx(126.97 / 68, abs=1e-3)
    assert np.round(para["ratio_ci"], 2).tolist() == [1.49, 2.60]
    assert para["spearman"] == pytest.approx(0.699, abs=1e-3)

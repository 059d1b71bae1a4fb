"""The second coder's numbers of ``data/validation/tagger_real_news_2026-12-01/second_coder/agreement.md``.

``agreement.py`` reads committed files only (the folder's sheet, key, band sizes and first
verdicts, and the second coder's verdicts and adjudication); this test reruns it and pins the
headline figures: agreement, Cohen's kappa and the three band-weighted precisions.
"""

from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from analysis.coding.agreement import cohens_kappa

from .validation_scripts import load_script

HERE = Path(__file__).resolve().parents[1] / "data" / "validation" / "tagger_real_news_2026-12-01" / "second_coder"
BANDS = ("low [thr, 0.20)", "mid [0.20, 0.30)", "high [0.30, 1]")
SIZES = (10345, 4349, 4249)


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(HERE / "agreement.py")


@pytest.fixture(scope="module")
def results(script: ModuleType) -> dict:
    return script.score()


def weighted(rights: tuple[int, int, int]) -> float:
    """The band-weighted precision of right counts out of 50 per band, by hand."""
    return sum(n * k / 50 for n, k in zip(SIZES, rights)) / sum(SIZES)


def test_every_span_judged_once_with_a_reason() -> None:
    verdicts = pd.read_csv(HERE / "second_coder_verdicts.csv")
    blind = pd.read_csv(HERE.parent / "tagger_blind.csv")
    assert verdicts["sample_id"].tolist() == blind["sample_id"].tolist()
    assert set(verdicts["verdict"]) == {"right", "wrong"}
    assert verdicts["reason"].str.len().min() > 10


def test_agreement_and_kappa(results: dict, script: ModuleType) -> None:
    overall = results["agreement"]["all"]
    assert (overall["n"], overall["coder1_right"], overall["coder2_right"], overall["both_right"]) == (150, 35, 21, 21)
    # Every disagreement runs one way: the second coder never finds right what the first found wrong.
    assert (overall["only_coder1_wrong"], overall["only_coder2_wrong"]) == (0, 14)
    assert overall["agreement"] == pytest.approx(136 / 150)
    assert np.round(overall["agreement_ci"], 3).tolist() == [0.853, 0.953]
    assert overall["kappa"] == pytest.approx(0.697, abs=1e-3)
    assert np.round(overall["kappa_ci"], 3).tolist() == [0.535, 0.835]
    frame = script.spans()
    assert overall["kappa"] == pytest.approx(cohens_kappa(frame[["coder1", "coder2"]], "coder1", "coder2"))
    per_band = [results["agreement"][b] for b in BANDS]
    assert [b["agreement"] for b in per_band] == pytest.approx([0.90, 0.92, 0.90])
    assert [round(b["kappa"], 3) for b in per_band] == [0.567, 0.563, 0.776]


def test_weighted_precisions(results: dict) -> None:
    precision = {name: out["tagger weighted"] for name, out in results["precision"].items()}
    # The first coder's labels through the same path reproduce the folder's README (21.6 %).
    assert precision["coder1"]["precision"] == pytest.approx(weighted((9, 7, 19)))
    assert np.round(precision["coder1"]["ci"], 3).tolist() == [0.154, 0.290]
    assert precision["coder2"]["precision"] == pytest.approx(weighted((4, 3, 14)))
    assert np.round(precision["coder2"]["ci"], 3).tolist() == [0.074, 0.175]
    # The second coder's right spans are a subset of the first's: the intersection is the same.
    assert precision["both"]["precision"] == pytest.approx(precision["coder2"]["precision"])
    assert precision["adjudicated"]["precision"] == pytest.approx(weighted((5, 3, 15)))
    assert np.round(precision["adjudicated"]["ci"], 3).tolist() == [0.087, 0.195]
    gap = results["coder1 - coder2"]
    assert gap["diff"] == pytest.approx(precision["coder1"]["precision"] - precision["coder2"]["precision"])
    assert np.round(gap["ci"], 3).tolist() == [0.047, 0.153]


def test_disagreements_file_is_rebuilt(results: dict) -> None:
    committed = pd.read_csv(HERE / "second_coder_disagreements.csv")
    rebuilt = results["disagreements"]
    assert committed["sample_id"].tolist() == rebuilt["sample_id"].tolist()
    assert len(committed) == 14 and (committed["coder1"] != committed["coder2"]).all()
    assert committed["adjudicated"].tolist() == rebuilt["adjudicated"].tolist()
    assert committed["decision"].value_counts().to_dict() == {"stand": 12, "concede": 2}

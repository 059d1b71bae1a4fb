"""The numbers of ``data/validation/negation_2026-12-02/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (split, population, blind sheet,
key, verdicts and the flags after the repair); this test reruns it, pins every figure the
README quotes and checks that the sheet hid the flag and was drawn from the test half.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "negation_2026-12-02"


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "negation_validation.py").score()


def rounded(pair: tuple[float, float]) -> list[float]:
    return np.round(pair, 2).tolist()


def test_split_strata_and_blind_sheet() -> None:
    split = pd.read_csv(FOLDER / "split.csv")
    assert split["doc_id"].is_unique
    assert split["half"].value_counts().to_dict() == {"test": 9914, "design": 9913}
    blind = pd.read_csv(FOLDER / "blind.csv")
    assert list(blind.columns) == ["row_id", "context"]  # no flag, no stratum
    assert blind["context"].str.contains(r"\[\[.+\]\]", regex=True).all()
    key = pd.read_csv(FOLDER / "key.csv", dtype={"doc_id": str})
    assert sorted(key["row_id"]) == sorted(blind["row_id"])
    test = set(split.loc[split["half"] == "test", "doc_id"])
    assert set(key["doc_id"]) <= test
    assert key["stratum"].value_counts().to_dict() == {"B": 150, "C": 150, "A": 72}
    assert (key["negated"] == (key["stratum"] == "A")).all()
    population = pd.read_csv(FOLDER / "population.csv")
    assert population["half"].value_counts().to_dict() == {"design": 10568, "test": 9701}


def test_before_the_repair(results: dict) -> None:
    assert results["sizes"] == {"A": 72, "B": 379, "C": 9250}
    assert results["articles"] == 305
    assert results["stratum_A"][:2] == (19, 72)
    assert rounded(results["stratum_A"][2]) == [0.18, 0.38]
    assert results["stratum_B"][:2] == (6, 150)
    assert rounded(results["stratum_B"][2]) == [0.02, 0.08]
    assert results["stratum_C"][:2] == (0, 150)
    assert round(results["stratum_C"][2][1], 3) == 0.025
    before = results["negated"]
    assert (before["flagged"], round(before["negated"], 1), before["both"]) == (72, 34.2, 19)
    assert round(before["precision"], 2) == 0.26
    assert rounded(before["precision_wilson"]) == [0.18, 0.38]
    assert round(before["recall"], 2) == 0.56
    assert rounded(before["ci"]["recall"]) == [0.37, 0.80]
    assert round(before["recall_floor"], 2) == 0.07


def test_after_the_repair(results: dict) -> None:
    after = results["negated_after"]
    assert (after["flagged"], after["both"]) == (30, 18)
    assert round(after["precision"], 2) == 0.60
    assert rounded(after["precision_wilson"]) == [0.42, 0.75]
    assert round(after["recall"], 2) == 0.53
    assert rounded(after["ci"]["recall"]) == [0.34, 0.76]
    assert round(after["recall_floor"], 2) == 0.06
    by_stratum = results["negated_after_by_stratum"]
    assert by_stratum.loc[("A", False)].tolist() == [41, 1]  # 41 false flags removed, 1 true one lost
    assert by_stratum.loc[("A", True)].tolist() == [12, 18]
    counts = pd.read_csv(FOLDER / "after_counts.csv", index_col="half")
    assert counts.loc["design"].tolist() == [10568, 59, 17]
    assert counts.loc["test"].tolist() == [9701, 72, 30]

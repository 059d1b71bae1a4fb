"""The numbers of ``data/validation/sourcing_2026-12-02/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the split, the blind sheets, the
keys, the verdicts and the populations); this test reruns it and pins every figure the
README quotes, and checks that the sheets hid the tool's answer and that no round redrew a
cue of an earlier one.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "sourcing_2026-12-02"


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "sourcing_validation.py").score()


def rounded(pair: tuple[float, float]) -> list[float]:
    return np.round(pair, 3).tolist()


def test_split_is_by_article_and_the_sheets_hide_the_tool() -> None:
    split = pd.read_csv(FOLDER / "split.csv")
    assert split["doc_id"].is_unique
    assert split["half"].value_counts().to_dict() == {"test": 500, "design": 499}
    test = set(split.loc[split["half"] == "test", "doc_id"])
    keys = []
    for round_ in (1, 2, 3, 4):
        blind = pd.read_csv(FOLDER / f"blind_{round_}.csv")
        assert list(blind.columns) == ["row_id", "context"]
        assert blind["context"].str.contains(r"\[\[.+\]\]", regex=True).all()
        key = pd.read_csv(FOLDER / f"key_{round_}.csv", dtype={"doc_id": str})
        assert sorted(key["row_id"]) == sorted(blind["row_id"])
        assert set(key["doc_id"]) <= test  # drawn from the test half only
        keys.append(set(zip(key["doc_id"], key["cue_start"])))
    # No round redrew a cue of an earlier one.
    assert not keys[0] & keys[1] and not (keys[0] | keys[1]) & keys[2]
    assert not (keys[0] | keys[1] | keys[2]) & keys[3]


def test_round_1_the_old_rules(results: dict) -> None:
    out = results[1]
    assert (out["n"], out["articles"], out["speech"]) == (200, 152, 162)
    assert rounded(out["precision_ci"]) == [0.75, 0.858]
    confusion = out["confusion"]
    assert confusion.loc["none"].tolist() == [13, 101, 32, 36]  # anonymous, named, none, not speech
    assert confusion.loc["anonymous"].tolist() == [9, 3, 0, 0]
    assert confusion.loc["named"].tolist() == [0, 3, 1, 2]
    assert out["tool_share"][:2] == (12, 18)
    assert out["truth_share"][:2] == (22, 129)
    assert rounded(out["tool_share_ci"]) == [0.437, 0.837]
    assert rounded(out["truth_share_ci"]) == [0.115, 0.245]
    assert rounded(out["tool_share_boot"]) == [0.385, 0.889]
    assert rounded(out["truth_share_boot"]) == [0.102, 0.247]
    assert (out["recall_named"], out["precision_named"]) == ((3, 107), (3, 6))
    assert (out["recall_anonymous"], out["precision_anonymous"]) == ((9, 22), (9, 12))
    assert out["population"] == {"design": (135, 202, 135 / 202), "test": (119, 159, 119 / 159)}


def test_round_2_named_other(results: dict) -> None:
    out = results[2]
    assert (out["n"], out["articles"], out["speech"]) == (200, 149, 162)
    confusion = out["confusion"]
    assert confusion.loc["named_other"].tolist() == [1, 44, 0, 1]
    assert confusion.loc["none"].tolist() == [9, 57, 37, 37]
    assert out["tool_share"][:2] == (11, 60)
    assert out["truth_share"][:2] == (20, 124)
    assert out["tool_share_before"][:2] == (11, 14)
    assert rounded(out["tool_share_ci"]) == [0.106, 0.299]
    assert rounded(out["truth_share_ci"]) == [0.107, 0.236]
    assert rounded(out["tool_share_boot"]) == [0.086, 0.288]
    assert rounded(out["truth_share_boot"]) == [0.097, 0.23]
    assert rounded(out["tool_share_before_boot"]) == [0.571, 1.0]
    assert (out["recall_named"], out["precision_named"]) == ((46, 104), (46, 49))
    assert (out["recall_anonymous"], out["precision_anonymous"]) == ((10, 20), (10, 11))
    assert out["population"] == {"design": (135, 629, 135 / 629), "test": (119, 595, 119 / 595)}


def test_round_3_names_before_inna(results: dict) -> None:
    out = results[3]
    assert (out["n"], out["articles"], out["speech"]) == (200, 145, 156)
    assert rounded(out["precision_ci"]) == [0.718, 0.832]
    confusion = out["confusion"]
    assert confusion.loc["named_other"].tolist() == [2, 42, 0, 3]
    assert confusion.loc["none"].tolist() == [11, 42, 37, 40]
    assert confusion.loc["anonymous"].tolist() == [16, 0, 2, 0]
    assert out["tool_share"][:2] == (18, 70)
    assert out["truth_share"][:2] == (29, 117)
    assert out["tool_share_before"][:2] == (18, 23)
    assert rounded(out["tool_share_ci"]) == [0.169, 0.37]
    assert rounded(out["truth_share_ci"]) == [0.178, 0.333]
    assert rounded(out["tool_share_boot"]) == [0.136, 0.387]
    assert rounded(out["truth_share_boot"]) == [0.156, 0.35]
    assert (out["recall_named"], out["precision_named"]) == ((46, 88), (46, 52))
    assert (out["recall_anonymous"], out["precision_anonymous"]) == ((16, 29), (16, 18))
    assert out["population"] == {"design": (135, 679, 135 / 679), "test": (119, 669, 119 / 669)}


def test_cue_precision_per_stem_of_rounds_1_to_3(results: dict) -> None:
    table = results[0]["cue_precision"]
    assert table["n"].sum() == 600 and table["speech"].sum() == 162 + 162 + 156
    rows = {stem: (int(table.loc[stem, "n"]), int(table.loc[stem, "speech"])) for stem in table.index}
    assert rows["قال"] == (154, 152) and rows["اكد"] == (42, 42)
    # The cues the rules of 2026-12-03 restrict: "moved", "in accordance with", "is considered", "worth noting".
    assert rows["نقل"] == (23, 5) and rows["وفق"] == (15, 1) and rows["حسب"] == (14, 6)
    assert rows["يذكر"] == (11, 0) and rows["تعتبر"] == (10, 0) and rows["يعتبر"] == (8, 1)
    assert rows["بحسب"] == (10, 9) and rows["اعتبر"] == (6, 6)
    assert rounded((table.loc["نقل", "ci_low"], table.loc["نقل", "ci_high"])) == [0.097, 0.419]


def test_round_4_the_rules_of_2026_12_03(results: dict) -> None:
    out = results[4]
    assert (out["n"], out["articles"], out["speech"]) == (200, 138, 166)
    assert rounded(out["precision_ci"]) == [0.772, 0.876]  # the cues of the round-3 rules
    assert out["precision_after"] == (163, 179)  # the cues the new rules keep
    assert rounded(out["precision_after_ci"]) == [0.86, 0.944]
    assert out["dropped_speech"] == (3, 21)
    confusion = out["confusion"]
    assert confusion.loc["dropped"].tolist() == [0, 3, 0, 18]  # anonymous, named, none, not speech
    assert confusion.loc["named_other"].tolist() == [0, 66, 1, 4]
    assert confusion.loc["none"].tolist() == [12, 35, 34, 10]
    assert confusion.loc["anonymous"].tolist() == [12, 0, 1, 1]
    assert out["changed"]["rows"].tolist() == [7, 1]  # none -> named_other: 7 named, 1 not speech
    assert out["tool_share"][:2] == (14, 88) and out["tool_share_before"][:2] == (15, 83)
    assert out["truth_share"][:2] == (24, 130)
    assert rounded(out["tool_share_ci"]) == [0.097, 0.25]
    assert rounded(out["tool_share_before_ci"]) == [0.113, 0.277]
    assert rounded(out["truth_share_ci"]) == [0.127, 0.26]
    assert rounded(out["tool_share_boot"]) == [0.074, 0.253]
    assert rounded(out["truth_share_boot"]) == [0.113, 0.262]
    assert (out["recall_named"], out["recall_named_before"]) == ((68, 106), (62, 106))
    assert (out["recall_anonymous"], out["recall_anonymous_before"]) == ((12, 24), (12, 24))
    assert out["precision_named"] == (68, 74)
    assert out["population"] == {"design": (139, 728, 139 / 728), "test": (124, 710, 124 / 710)}

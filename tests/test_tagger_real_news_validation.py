"""The numbers of ``data/validation/tagger_real_news_2026-12-01/README.md``, rebuilt from the committed files.

The folder's ``score`` reads only files in the repository (the blind sheet, the key, the
judgments, every span's score, and the earlier reviewer's paragraphs and hand counts); this
test reruns it and pins every figure the README quotes.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "tagger_real_news_2026-12-01"
BANDS = ("low [thr, 0.20)", "mid [0.20, 0.30)", "high [0.30, 1]")


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "tagger_real_news.py").score()


def test_blind_sheet_hides_score_and_band() -> None:
    blind = pd.read_csv(FOLDER / "tagger_blind.csv")
    assert list(blind.columns) == ["sample_id", "surface", "label", "kwic"]
    key = pd.read_csv(FOLDER / "tagger_key.csv")
    assert sorted(key["sample_id"]) == sorted(blind["sample_id"]) and len(key) == 150
    assert key["band"].value_counts().to_dict() == dict.fromkeys(BANDS, 50)


def test_precision_by_band(results: dict) -> None:
    bands = [results[f"tagger {b}"] for b in BANDS]
    assert [(b["spans"], b["right"], b["n"]) for b in bands] == [(10345, 9, 50), (4349, 7, 50), (4249, 19, 50)]
    assert np.round(bands[2]["wilson"], 3).tolist() == [0.259, 0.518]
    weighted = results["tagger weighted"]
    assert weighted["spans"] == 18943
    assert weighted["precision"] == pytest.approx((10345 * 0.18 + 4349 * 0.14 + 4249 * 0.38) / 18943)
    assert np.round(weighted["ci"], 3).tolist() == [0.154, 0.290]
    assert (
        results["tagger label Name_Calling-Labeling"]["right"],
        results["tagger label Name_Calling-Labeling"]["n"],
        results["tagger label Loaded_Language"]["right"],
    ) == (5, 13, 30)


def test_score_filters(results: dict) -> None:
    at_03, at_04 = results["filter 0.30"], results["filter 0.40"]
    # 0.3 is the high band's lower edge: the filter keeps exactly its spans.
    assert (at_03["spans_kept"], at_03["judged_kept"]) == (4249, 50)
    assert at_03["precision"] == pytest.approx(0.38)
    assert at_03["share_right_kept"] == pytest.approx(4249 * 0.38 / (10345 * 0.18 + 4349 * 0.14 + 4249 * 0.38))
    assert (at_04["spans_kept"], at_04["judged_kept"]) == (2330, 31)
    assert at_04["precision"] == pytest.approx(14 / 31)
    assert np.round(at_04["share_right_kept"], 3) == 0.291
    old = results["old model filter 0.30"]
    assert old["share_spans_kept"] == pytest.approx(3024 / 22297)
    assert old["precision"] == pytest.approx(0.44)
    assert np.round(old["share_right_kept"], 3) == 0.284


def test_paragraphs_paired(results: dict) -> None:
    old, new = results["paragraphs old"], results["paragraphs new"]
    assert (new["n"], new["words"], new["coder_loaded"]) == (50, 2216, 68)
    # The old model's figures are the earlier reviewer's, recomputed from their files.
    assert old["model_expected"] == pytest.approx(126.97)
    assert np.round(old["ratio_ci"], 2).tolist() == [1.49, 2.60]
    assert new["model_expected"] == pytest.approx(108.24)
    assert new["ratio"] == pytest.approx(108.24 / 68, abs=1e-3)
    assert np.round(new["ratio_ci"], 2).tolist() == [1.29, 2.18]
    assert new["spearman"] == pytest.approx(0.680, abs=1e-3)
    assert new["model_expected_in_zero"] == pytest.approx(28.31)
    paired = results["paragraphs new/old"]
    assert paired["ratio"] == pytest.approx(108.24 / 126.97, abs=1e-3)
    assert np.round(paired["ci"], 2).tolist() == [0.79, 0.92]
    assert paired["spearman_new_minus_old"] == pytest.approx(0.680 - 0.699, abs=2e-3)
    assert np.round(paired["spearman_diff_ci"], 2).tolist() == [-0.09, 0.05]


def test_new_minus_old_precision(results: dict) -> None:
    gain = results["weighted precision new - old"]
    assert gain["diff"] == pytest.approx(results["tagger weighted"]["precision"] - 0.20985693, abs=1e-6)
    assert np.round(gain["ci"], 3).tolist() == [-0.086, 0.103]

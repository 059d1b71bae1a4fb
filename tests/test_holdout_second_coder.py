"""The numbers of ``data/validation/holdout_2026-12-01/second_coder/agreement.md``, rebuilt.

``agreement.py`` reads only committed files (the blind sheet, both coders' verdicts and the
adjudication); this test reruns it and pins every figure the write-up quotes.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "holdout_2026-12-01" / "second_coder"


@pytest.fixture(scope="module")
def results() -> dict:
    return load_script(FOLDER / "agreement.py").score()


def one(table: pd.DataFrame, **where: str) -> pd.Series:
    """The one row of ``table`` matching every ``column=value`` of ``where``."""
    chosen = table
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1
    return chosen.iloc[0]


def test_verdicts_cover_the_blind_sheet_with_reasons() -> None:
    verdicts = pd.read_csv(FOLDER / "verdicts.csv", keep_default_na=False)
    blind = pd.read_csv(FOLDER.parent / "blind.csv")
    assert verdicts["sample_id"].tolist() == blind["sample_id"].tolist()
    assert set(verdicts["correct"]) == {0, 1} and set(verdicts["borderline"]) == {0, 1}
    needs_reason = (verdicts["correct"] == 0) | (verdicts["borderline"] == 1)
    assert (verdicts.loc[needs_reason, "reason"].str.len() > 20).all()
    assert needs_reason.sum() == 20  # 9 wrong + 11 borderline right


def test_agreement_and_kappa(results: dict) -> None:
    table = results["agreement"]
    term, actor, both = (one(table, lexicon=name) for name in ("term", "actor", "both"))
    assert (term["agree"], term["n"], actor["agree"], actor["n"]) == (248, 250, 150, 150)
    assert np.round([term["agreement_low"], term["agreement_high"]], 3).tolist() == [0.971, 0.998]
    assert np.round(actor["agreement_low"], 3) == 0.975
    assert term["kappa"] == pytest.approx(0.7959, abs=1e-4)
    assert np.round([term["kappa_low"], term["kappa_high"]], 3).tolist() == [0.328, 1.0]
    # No disagreement on actors: kappa is 1 and every defined resample is 1 too.
    assert (actor["kappa"], actor["kappa_low"], actor["kappa_high"]) == (1.0, 1.0, 1.0)
    assert (term["undefined"], actor["undefined"], both["undefined"]) == (6, 35, 0)
    assert both["kappa"] == pytest.approx(0.8863, abs=1e-4)
    assert np.round([both["kappa_low"], both["kappa_high"]], 3).tolist() == [0.663, 1.0]


def test_precision_under_each_labelling(results: dict) -> None:
    table = results["precision"]
    term = one(table, labels="second", lexicon="term")
    actor = one(table, labels="second", lexicon="actor")
    assert (term["right"], term["n"], actor["right"], actor["n"]) == (245, 250, 146, 150)
    assert np.round([term["low"], term["high"]], 3).tolist() == [0.954, 0.991]
    assert np.round([actor["low"], actor["high"]], 3).tolist() == [0.933, 0.990]
    assert one(table, labels="second, borderline flipped", lexicon="term")["right"] == 242
    assert one(table, labels="second, borderline flipped", lexicon="actor")["right"] == 140
    for lexicon, right in (("term", 245), ("actor", 146)):
        assert one(table, labels="adjudicated", lexicon=lexicon)["right"] == right


def test_every_disagreement_is_adjudicated(results: dict) -> None:
    table = results["disagreements"]
    assert table["sample_id"].tolist() == ["T149", "T240"]
    assert table[["first", "second", "final"]].to_numpy().tolist() == [[0, 1, 0], [1, 0, 1]]
    assert set(table["decision"]) <= {"concede", "stand"}


def test_vectorised_kappa_matches_the_package() -> None:
    from analysis.coding.agreement import cohens_kappa

    module = load_script(FOLDER / "agreement.py")
    rng = np.random.default_rng(3)
    codes = pd.DataFrame({"first": rng.integers(0, 2, 60), "second": rng.integers(0, 2, 60)})
    fast = module.binary_kappas(codes["first"].to_numpy()[None, :], codes["second"].to_numpy()[None, :])[0]
    assert fast == pytest.approx(cohens_kappa(codes, "first", "second"))
    assert np.isnan(module.binary_kappas(np.ones((1, 5), int), np.ones((1, 5), int))[0])

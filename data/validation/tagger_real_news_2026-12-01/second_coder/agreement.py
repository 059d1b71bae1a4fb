"""A second, independent coder of the 150 real-news spans of the new default tagger.

Run from the repository root with ``PYTHONPATH=src``::

    python data/validation/tagger_real_news_2026-12-01/second_coder/agreement.py

Reads committed files only: the folder's blind sheet, key, band sizes and first coder's
verdicts (``tagger_judgments.csv``; its column is called ``coder2_correct`` because that coder
was the earlier protocol's coder 2), and this folder's ``second_coder_verdicts.csv`` and
``adjudication.csv``.  Prints every number of ``agreement.md`` and rewrites
``second_coder_disagreements.csv``.

The protocol is the folder's: agreement, kappa and their intervals are the earlier reviewer's
``pair_statistics`` (percentile intervals, 2,000 resamples of spans within score bands, numpy
seed 0), and the band-weighted precision is the earlier reviewer's ``score_tagger``, reached
through the folder's ``tagger_real_news.py``.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest.mock import patch

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
FOLDER = HERE.parent
#: The files ``score_tagger`` reads besides the verdicts.
DESIGN_FILES = ("tagger_key.csv", "tagger_blind.csv", "tagger_band_sizes.csv")


def folder_script() -> ModuleType:
    """The folder's ``tagger_real_news.py`` as a module (it imports the earlier reviewer's helpers)."""
    spec = importlib.util.spec_from_file_location("tagger_real_news", FOLDER / "tagger_real_news.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trn = folder_script()
sc = trn.sc


def spans() -> pd.DataFrame:
    """The 150 spans with key, band, both coders' verdicts (0/1) and reasons, and the adjudication.

    Returns
    -------
    pandas.DataFrame
        One row per span: ``coder1``, ``coder2``, ``adjudicated`` (0/1), ``stratum`` (the band),
        the reasons and, for the disagreements, the decision and why.
    """
    frame = trn.judged_spans(FOLDER).rename(columns={"coder2_correct": "coder1", "coder2_reason": "coder1_reason"})
    mine = pd.read_csv(HERE / "second_coder_verdicts.csv")[["sample_id", "verdict", "reason"]]
    frame = frame.merge(mine.rename(columns={"reason": "coder2_reason"}), on="sample_id", validate="1:1")
    frame["coder2"] = (frame.pop("verdict") == "right").astype(int)
    frame["coder1_reason"] = frame["coder1_reason"].fillna("")
    decided = pd.read_csv(HERE / "adjudication.csv")
    frame = frame.merge(decided, on="sample_id", how="left", validate="1:1")
    disagree = frame["coder1"] != frame["coder2"]
    # Every disagreement is decided, and only disagreements: where both agree, that is the label.
    assert frame.loc[disagree, "decision"].notna().all() and frame.loc[~disagree, "decision"].isna().all()
    frame["adjudicated"] = frame["adjudicated_correct"].where(disagree, frame["coder1"]).astype(int)
    frame["stratum"] = frame["band"]
    return frame


def agreement(frame: pd.DataFrame) -> dict[str, dict[str, object]]:
    """Percent agreement and Cohen's kappa with stratified bootstrap intervals, overall and per band."""
    out = {"all": sc.pair_statistics(frame)}
    for band in sc.BAND_NAMES:
        out[band] = sc.pair_statistics(frame[frame["band"] == band])
    return out


def weighted_precision(frame: pd.DataFrame, column: str) -> dict[str, object]:
    """The folder's band-weighted precision (``score_tagger``) with the verdicts of ``column``.

    ``score_tagger`` reads ``tagger_judgments.csv`` from its module's folder: it is pointed, for
    the call, at a temporary copy of the design files with these verdicts, so that the estimator
    and its bootstrap are the README's own and not a second implementation.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`spans`.
    column : str
        A 0/1 column of ``frame``: ``coder1``, ``coder2``, ``both`` or ``adjudicated``.

    Returns
    -------
    dict
        ``score_tagger``'s results: per band, weighted (with ``ci``) and per label.
    """
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in DESIGN_FILES:
            shutil.copy(FOLDER / name, Path(tmp) / name)
        verdicts = frame[["sample_id"]].assign(coder2_correct=frame[column].to_numpy())
        verdicts.to_csv(Path(tmp) / "tagger_judgments.csv", index=False)
        with patch.object(sc, "HERE", Path(tmp)):
            sc.score_tagger(out)
    return out


def coder_difference(frame: pd.DataFrame) -> dict[str, object]:
    """First minus second coder's band-weighted precision on the same spans, paired.

    Within a band resample every band keeps its 50 spans, so the design-weighted mean
    ``sum(w r) / sum(w)`` equals ``score_tagger``'s band shares times band precisions.
    """
    weight = trn.band_weights(frame, FOLDER)
    c1, c2 = frame["coder1"].to_numpy(dtype=float), frame["coder2"].to_numpy(dtype=float)

    def diff(i: np.ndarray) -> float:
        return float((weight[i] * (c1[i] - c2[i])).sum() / weight[i].sum())

    return {"diff": diff(np.arange(len(frame))), "ci": sc.bootstrap(diff, frame["stratum"].to_numpy())}


def disagreements(frame: pd.DataFrame) -> pd.DataFrame:
    """Every span the coders judged differently, with both readings and the adjudication."""
    kwic = pd.read_csv(FOLDER / "tagger_blind.csv")[["sample_id", "surface", "kwic"]]
    rows = frame[frame["coder1"] != frame["coder2"]].merge(kwic, on="sample_id")
    columns = ["sample_id", "surface", "label", "band", "score", "coder1", "coder1_reason", "coder2",
               "coder2_reason", "decision", "adjudicated", "why", "kwic"]  # fmt: skip
    return rows[columns].sort_values("sample_id").reset_index(drop=True)


def score() -> dict[str, Any]:
    """Every number of ``agreement.md``.

    Returns
    -------
    dict
        ``agreement`` (overall and per band) and ``precision`` for each labelling: the first
        coder's (which must reproduce the README), the second coder's, both right, adjudicated.
    """
    frame = spans()
    frame["both"] = frame["coder1"] & frame["coder2"]
    return {
        "agreement": agreement(frame),
        "precision": {c: weighted_precision(frame, c) for c in ("coder1", "coder2", "both", "adjudicated")},
        "coder1 - coder2": coder_difference(frame),
        "decisions": frame["decision"].value_counts().to_dict(),
        "disagreements": disagreements(frame),
    }


def report() -> None:
    """Print every result and rewrite ``second_coder_disagreements.csv``."""
    results = score()
    for name, stats in results["agreement"].items():
        print("agreement", name, stats)
    for name, out in results["precision"].items():
        for key, values in out.items():
            print("precision", name, key, values)
    print("precision coder1 - coder2", results["coder1 - coder2"])
    print("decisions", results["decisions"])
    results["disagreements"].to_csv(HERE / "second_coder_disagreements.csv", index=False)


if __name__ == "__main__":
    report()

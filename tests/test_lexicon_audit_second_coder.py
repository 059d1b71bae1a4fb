"""The second coder's agreement with the 2026-12-01 lexicon audit, rebuilt from the committed files.

``data/validation/lexicon_audit_2026-12-01/second_coder/agreement.md`` (and the README, the lexicon
README) quote these numbers; ``second_coder.py score`` prints them (``score_output.txt``). The
hit-weighted precisions use the entries' hit weights recorded at draw time: rebuilt from today's
audit files they were missing for 9 term entries, and ``score`` printed nan without any test failing.
"""

from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "lexicon_audit_2026-12-01" / "second_coder"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(FOLDER / "second_coder.py")


@pytest.fixture(scope="module")
def summaries(script: ModuleType) -> dict[str, dict]:
    lines = script.joined()
    rng = np.random.default_rng(0)  # as `score`: terms first, then actors, from one stream
    return {which: script.summary(lines[lines["lexicon"] == which], rng) for which in ("terms", "actors")}


def test_every_sampled_line_has_a_hit_weight(script: ModuleType) -> None:
    lines = script.joined()
    assert len(lines) == 400
    assert lines["hits_per_line"].notna().all()
    assert lines["hits_per_line"].gt(0).all()


def test_term_agreement(summaries: dict[str, dict]) -> None:
    terms = summaries["terms"]
    lo, hi = terms["ci"]
    assert terms["n"] == 200
    assert terms["conf"].to_numpy().tolist() == [[34, 6], [0, 160]]
    assert round(terms["po_raw"], 3) == 0.970
    assert round(terms["k_raw"], 2) == 0.90
    assert [round(lo[9], 2), round(hi[9], 2)] == [0.81, 0.97]
    assert np.round(terms["h"], 4).tolist() == [0.9662, 0.9709, 0.9690]
    assert round(terms["h"][1] - terms["h"][0], 4) == 0.0047


def test_actor_agreement(summaries: dict[str, dict]) -> None:
    actors = summaries["actors"]
    lo, hi = actors["ci"]
    assert actors["conf"].to_numpy().tolist() == [[40, 0], [3, 157]]
    assert round(actors["po_raw"], 3) == 0.985
    assert round(actors["k_raw"], 2) == 0.95
    assert [round(lo[9], 2), round(hi[9], 2)] == [0.90, 1.00]
    assert round(actors["k_w"], 2) == 0.59
    assert np.round(actors["h"], 4).tolist() == [0.9779, 0.9609, 0.9694]


def test_score_output_is_what_score_prints(script: ModuleType, summaries: dict[str, dict]) -> None:
    printed = (FOLDER / "score_output.txt").read_text(encoding="utf-8")
    for which in ("terms", "actors"):
        lo, hi = summaries[which]["ci"]
        h = summaries[which]["h"]
        assert f"   coder1           {h[0]:.4f} [{lo[4]:.4f}, {hi[4]:.4f}]" in printed
    weights = pd.read_csv(FOLDER / "hit_weights_at_draw.csv")
    assert weights.groupby("lexicon").size().to_dict() == {"actors": 121, "terms": 91}

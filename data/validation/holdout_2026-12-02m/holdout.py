"""A fourteenth blind, hit-level check of dictionary precision: the lexicons as shipped (2026-12-02, "m").

The thirteenth holdout measured ``c510eab`` (1,200 term lines: 97.7 % [96.6, 98.4]); its fixes were
applied afterwards (``39c2f70``: 21 term hits fewer on the 20k corpus, each read). This sample
measures the lexicons after those fixes, which are the ones this release ships, and its own
suggested rules are not applied. It is mostly terms, whose 97 % no single version has shown yet:
2,000 term and 500 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`), dealt round robin into
:data:`N_PARTS` sheets, each judged blind by its own coding session, with the twelfth's method
(its ``parts``, ``join``, ``recode_sheet`` and ``recode`` take this folder).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02m/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02m/holdout.py parts
    python data/validation/holdout_2026-12-02m/holdout.py join
    python data/validation/holdout_2026-12-02m/holdout.py score
    python data/validation/holdout_2026-12-02m/holdout.py recode_sheet
    python data/validation/holdout_2026-12-02m/holdout.py recode

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). ``score`` and
``recode`` read only committed files.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
VALIDATION = HERE.parent
#: Chosen and committed before any line was drawn or judged.
SEED = 202612037
N_TERMS = 2000
N_ACTORS = 500
N_PARTS = 5
#: The recode: every line judged wrong, and of the right ones 10 actor and 30 term lines per sheet.
RECODE_SEED = 202612038
RECODE_RIGHT = {"A": 10, "T": 30}
NAME = "fourteenth"
POOLS = ("earlier thirteen", "all fourteen")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The twelfth holdout's script as it is: its coders' tools; through it the sixth's report.
TWELFTH = _script(VALIDATION / "holdout_2026-12-02k", "holdout_twelfth")
#: The thirteenth's script: its samples (the twelve earlier ones and its own).
THIRTEENTH = _script(VALIDATION / "holdout_2026-12-02l", "holdout_thirteenth")
SIXTH = TWELFTH.SIXTH
METHOD = SIXTH.METHOD


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


def parts() -> None:
    """The coders' sheets (the twelfth's ``parts`` in this folder)."""
    TWELFTH.parts(HERE, N_PARTS)


def join() -> pd.DataFrame:
    """The coders' verdicts checked and joined (the twelfth's ``join`` in this folder)."""
    joined: pd.DataFrame = TWELFTH.join(HERE, N_PARTS)
    return joined


def recode_sheet() -> pd.DataFrame:
    """The recoders' subsample (the twelfth's ``recode_sheet`` with this folder's seed and sizes)."""
    key: pd.DataFrame = TWELFTH.recode_sheet(HERE, RECODE_SEED, RECODE_RIGHT, N_PARTS)
    return key


def recode() -> dict[str, pd.DataFrame]:
    """The recode's numbers (the twelfth's ``recode`` in this folder)."""
    numbers: dict[str, pd.DataFrame] = TWELFTH.recode(HERE, N_PARTS)
    return numbers


def samples() -> dict[str, pd.DataFrame]:
    """Every holdout's joined lines: the thirteen earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**THIRTEENTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


def score() -> dict[str, Any]:
    """Every number of the README (the sixth's ``report`` of this sample and the thirteen earlier ones)."""
    numbers: dict[str, Any] = SIXTH.report(samples(), NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {
        "draw": draw,
        "parts": parts,
        "join": join,
        "score": score,
        "recode_sheet": recode_sheet,
        "recode": recode,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

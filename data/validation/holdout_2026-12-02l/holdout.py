"""A thirteenth blind, hit-level check of dictionary precision: the lexicons after the twelfth's fixes (2026-12-02, "l").

The twelfth holdout measured ``13115a3`` with 2,000 actor and 400 term lines; its fixes were applied
afterwards (``c510eab``: 78 hits fewer on the 20k corpus). This sample measures the lexicons after
those fixes; the rules its errors suggested were applied after it was scored (``39c2f70``). It
is large on terms, whose 97 % the twelfth could show only by pooling versions: 1,200 term and 800
actor hits (:data:`N_TERMS`, :data:`N_ACTORS`), dealt round robin into :data:`N_PARTS` sheets, each
judged blind by its own coding session, with the twelfth's method throughout (its ``LaterHoldout``
with this folder's constants).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02l/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02l/holdout.py parts
    python data/validation/holdout_2026-12-02l/holdout.py join
    python data/validation/holdout_2026-12-02l/holdout.py score
    python data/validation/holdout_2026-12-02l/holdout.py recode_sheet
    python data/validation/holdout_2026-12-02l/holdout.py recode

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). ``score`` and
``recode`` read only committed files.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
VALIDATION = HERE.parent
#: Chosen and committed before any line was drawn or judged.
SEED = 202612035
N_TERMS = 1200
N_ACTORS = 800
N_PARTS = 5
#: The recode: every line judged wrong, and of the right ones 16 actor and 24 term lines per sheet.
RECODE_SEED = 202612036
RECODE_RIGHT = {"A": 16, "T": 24}
NAME = "thirteenth"
POOLS = ("earlier twelve", "all thirteen")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The twelfth holdout's script as it is: its earlier samples, its coders' tools; through it the sixth's report.
TWELFTH = _script(VALIDATION / "holdout_2026-12-02k", "holdout_twelfth")

SIXTH = TWELFTH.SIXTH
METHOD = SIXTH.METHOD
#: This holdout: the twelfth's method with this folder's constants.
HOLDOUT = TWELFTH.LaterHoldout(
    here=HERE,
    seed=SEED,
    n_terms=N_TERMS,
    n_actors=N_ACTORS,
    recode_seed=RECODE_SEED,
    recode_right=RECODE_RIGHT,
    name=NAME,
    pools=POOLS,
    earlier=TWELFTH.samples,
    n_parts=N_PARTS,
)
draw, parts, join, score = HOLDOUT.draw, HOLDOUT.parts, HOLDOUT.join, HOLDOUT.score
recode_sheet, recode, samples = HOLDOUT.recode_sheet, HOLDOUT.recode, HOLDOUT.samples


if __name__ == "__main__":
    HOLDOUT.main(sys.argv, __doc__)

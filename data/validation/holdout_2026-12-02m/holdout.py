"""A fourteenth blind, hit-level check of dictionary precision: the lexicons as shipped (2026-12-02, "m").

The thirteenth holdout measured ``c510eab`` (1,200 term lines: 97.7 % [96.6, 98.4]); its fixes were
applied afterwards (``39c2f70``: 21 term hits fewer on the 20k corpus, each read). This sample
measures the lexicons after those fixes, which are the ones this release ships, and its own
suggested rules are not applied. It is mostly terms, whose 97 % no single version has shown yet:
2,000 term and 500 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`), dealt round robin into
:data:`N_PARTS` sheets, each judged blind by its own coding session, with the twelfth's method
(its ``LaterHoldout`` with this folder's constants).

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
from pathlib import Path
from types import ModuleType

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
    earlier=THIRTEENTH.samples,
    n_parts=N_PARTS,
)
draw, parts, join, score = HOLDOUT.draw, HOLDOUT.parts, HOLDOUT.join, HOLDOUT.score
recode_sheet, recode, samples = HOLDOUT.recode_sheet, HOLDOUT.recode, HOLDOUT.samples


if __name__ == "__main__":
    HOLDOUT.main(sys.argv, __doc__)

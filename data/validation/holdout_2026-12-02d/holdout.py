"""A fifth blind, hit-level check of dictionary precision, actor-heavy (2026-12-02, "d").

The method of ``../holdout_2026-12-01/holdout.py`` (used as in ``../holdout_2026-12-02c/``),
repeated on main at ``7cf0b8e`` (after the fourth holdout's suggested exclusions) with a new seed:
100 term hits and 300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). The lines of the four
earlier holdouts, and the hits their suggested rules listed, are among the excluded ones.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02d/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02d/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). Without
``HITS_CSV`` it counts that corpus with the bundled lexicons (``framing count``, no model) into
a temporary folder; with it, it reads that ``hits.csv`` of such a run. It leaves out every hit
whose ``doc_id``, ``start`` and ``end`` already stand in a CSV of ``data/validation/``, then
draws a simple random sample of :data:`N_TERMS` term hits and :data:`N_ACTORS` actor hits with
numpy seed :data:`SEED`, and writes ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and
``population.csv`` as the earlier holdouts did.

``fixes HITS_CSV`` (needs the corpus too) lists, for each rule that "What the errors suggest" weighs
(:data:`RULES`), every hit of that ``hits.csv`` the rule would remove, into ``suggested_fixes.csv``;
the ``right`` column there is the coder's reading of each such hit, kept when the file is rebuilt.

``score`` reads only committed files (this folder's ``blind.csv``, ``key.csv``,
``population.csv``, ``judgments.csv``, ``quoted_judgments.csv``, ``after_unblinding.csv``, and
the four earlier holdouts' own files) and prints and returns every number of the README.

``fixes`` and ``score`` are the fourth holdout's (``../holdout_2026-12-02c/holdout.py``), given this
folder, its :data:`RULES`, :data:`EARLIER` and :data:`POOLS`: one method.
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
ROOT = HERE.parents[2]
VALIDATION = ROOT / "data" / "validation"
#: The earlier holdouts, each scored before some of its suggested fixes were applied.
EARLIER = {
    "first": VALIDATION / "holdout_2026-12-01",
    "second": VALIDATION / "holdout_2026-12-02",
    "third": VALIDATION / "holdout_2026-12-02b",
    "fourth": VALIDATION / "holdout_2026-12-02c",
}
#: Chosen and committed before any line was judged (the date of the draw and a "6", as the brief set it).
SEED = 202612026
#: Actor-heavy again: the question is whether actors reach 97 %; terms are above it in every holdout.
N_TERMS = 100
N_ACTORS = 300
#: The names of the two pools of the pooled precision: the earlier holdouts, and they with this one.
POOLS = ("earlier four", "all five")


def _script(folder: Path) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The suggested rules, the pooling and the score: the fourth holdout's script, used with this folder.
FOURTH = _script(EARLIER["fourth"])
#: The method: the first holdout's script (as the fourth loaded it), used with this folder, :data:`SEED` and the sizes.
METHOD = FOURTH.METHOD
wilson = METHOD.wilson


def judged_offsets() -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` in a CSV of ``data/validation/`` outside this folder."""
    offsets: set[tuple[str, int, int]] = METHOD.judged_offsets(HERE)
    return offsets


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


#: Candidate rules, written after scoring (never applied here): name, entry, and regular expressions
#: for the text just before the hit, the hit's surface, and the hit's sentence (all must match).
RULES: list[dict[str, str]] = [
    {"rule": "exclude شارع الرياض", "entry": "الرياض", "before": r"شارع $"},
    {"rule": "exclude إعلان الرياض", "entry": "الرياض", "before": r"إعلان $", "surface": r"^الرياض$"},
    {"rule": "dateline «- الرياض:» (a cleaning rule)", "entry": "الرياض", "before": r"[-–]\s?$", "after": r"^\s?:"},
    {"rule": "exclude معهد روسيا الحديثة", "entry": "روسيا", "before": r"معهد $", "after": r"^ الحديثة"},
    {"rule": "exclude تموين السعودية", "entry": "السعودية", "before": r"تموين $"},
    {
        "rule": "السعودية after a closing quotation mark (the nisba of a quoted name)",
        "entry": "السعودية",
        "before": r"[^\s\"”»«“][\"”»] $",
        "surface": r"^السعودية$",
    },
    {
        "rule": "السعودية inside quotation marks (Saudia, the airline)",
        "entry": "السعودية",
        "before": r"[\"“«]\s?$",
        "surface": r"^السعودية$",
        "after": r"^\s?[\"”»]",
    },
    {"rule": "exclude الدوحة الجنوبية", "entry": "الدوحة", "after": r"^ الجنوبية"},
    {"rule": "exclude حي الدوحة", "entry": "الدوحة", "before": r"حي $"},
    {"rule": "exclude طلائع الجيش المصري", "entry": "الجيش المصري", "before": r"طلائع $"},
    {"rule": "every منطقة واشنطن (the Washington area)", "entry": "واشنطن", "before": r"منطقة $"},
]


def fixes(hits_csv: str) -> None:
    """Write this folder's ``suggested_fixes.csv`` from :data:`RULES`, keeping the coder's ``right`` column."""
    FOURTH.fixes(hits_csv, rules=RULES, here=HERE)


def judged_lines() -> pd.DataFrame:
    """This folder's blind sheet joined with the verdicts and the key."""
    lines: pd.DataFrame = METHOD.judged_lines(HERE)
    return lines


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the method's, then the comparisons)."""
    results: dict[str, Any] = FOURTH.score(HERE, EARLIER, POOLS)
    return results


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

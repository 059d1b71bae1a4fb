"""A twelfth blind, hit-level check of dictionary precision: one lexicon version, a large sample (2026-12-02, "k").

The eleven earlier holdouts each measured a different lexicon version (fixes were applied between
them), so their pool describes "the lexicon lately", and no single sample was large enough to show
actor precision of 97 % with a 95 % interval. This one is drawn once, at ``13115a3`` (the eleventh's
rules applied), large: 2,000 actor hits and 400 term hits (:data:`N_ACTORS`, :data:`N_TERMS`), and the
lexicons and matcher are not changed until it is scored. The lines are split into :data:`N_PARTS`
sheets of equal size (``blind_part1.csv`` ...), each judged blind by a separate coding session by the
written criteria of the earlier holdouts; ``judgments_partN.csv`` hold their verdicts and ``join``
puts them together into ``judgments.csv``. Sense only, as the sixth to eleventh: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02k/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02k/holdout.py parts
    python data/validation/holdout_2026-12-02k/holdout.py join
    python data/validation/holdout_2026-12-02k/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02k/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``parts`` splits the blind sheet and the paragraph contexts into the coders' sheets; ``join`` checks
and concatenates their verdicts. ``fixes HITS_CSV`` lists every hit of that ``hits.csv`` that each
rule of :data:`RULES` would remove, into ``suggested_fixes.csv``. ``score`` reads only committed
files (this folder's and the eleven earlier holdouts') and prints and returns every number of the
README.
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
ELEVENTH_FOLDER = VALIDATION / "holdout_2026-12-02j"
#: Chosen and committed before any line was drawn or judged.
SEED = 202612033
#: Large enough that 97.7 % (the recent samples' level) would give a Wilson lower bound above 97 %.
N_TERMS = 400
N_ACTORS = 2000
#: The coders' sheets: each holds every N_PARTS-th line of each lexicon (equal shares of terms and actors).
N_PARTS = 5
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "twelfth"
POOLS = ("earlier eleven", "all twelve")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The eleventh holdout's script as it is: its earlier samples; through it the sixth's method and report.
ELEVENTH = _script(ELEVENTH_FOLDER, "holdout_eleventh")
SIXTH = ELEVENTH.SIXTH
METHOD = SIXTH.METHOD

#: Suggested rules, written after scoring from this sample's wrong lines (none applied here).
RULES: list[dict[str, str]] = []

#: The suggested rules' census (``fixes``): the fourth's, given this folder.
RULE_MATCHER = SIXTH.RULE_MATCHER


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


def part_of(sample_ids: pd.Series) -> pd.Series:
    """The coder's sheet (1 to :data:`N_PARTS`) of each line: its number within its lexicon, round robin."""
    numbers = sample_ids.str[1:].astype(int)
    return (numbers - 1) % N_PARTS + 1


def parts() -> None:
    """Write ``blind_partN.csv`` and ``quoted_context_partN.csv`` for each coder."""
    blind = pd.read_csv(HERE / "blind.csv", keep_default_na=False)
    context = pd.read_csv(HERE / "quoted_context.csv", keep_default_na=False)
    for number in range(1, N_PARTS + 1):
        blind[part_of(blind["sample_id"]) == number].to_csv(HERE / f"blind_part{number}.csv", index=False)
        mine = context[part_of(context["sample_id"]) == number]
        mine.to_csv(HERE / f"quoted_context_part{number}.csv", index=False)


def join() -> pd.DataFrame:
    """Check every coder's ``judgments_partN.csv`` against its sheet and write ``judgments.csv``."""
    sheets = []
    for number in range(1, N_PARTS + 1):
        path = HERE / f"judgments_part{number}.csv"
        verdicts = pd.read_csv(path, keep_default_na=False)
        expected = pd.read_csv(HERE / f"blind_part{number}.csv", keep_default_na=False)["sample_id"]
        if list(verdicts.columns) != ["sample_id", "correct", "borderline", "reason"]:
            raise ValueError(f"{path.name}: columns must be sample_id, correct, borderline, reason")
        if sorted(verdicts["sample_id"]) != sorted(expected):
            missing = sorted(set(expected) - set(verdicts["sample_id"]))[:5]
            raise ValueError(f"{path.name}: the sample ids differ from blind_part{number}.csv (missing e.g. {missing})")
        sheets.append(verdicts.assign(part=number))
    joined = pd.concat(sheets, ignore_index=True)
    order = pd.read_csv(HERE / "blind.csv", keep_default_na=False)["sample_id"]
    joined = joined.set_index("sample_id").loc[order].reset_index()
    joined.drop(columns="part").to_csv(HERE / "judgments.csv", index=False)
    return joined


def fixes(hits_csv: str) -> None:
    """Write ``suggested_fixes.csv`` for :data:`RULES` (the fourth's ``fixes``, in this folder)."""
    RULE_MATCHER.fixes(hits_csv, rules=RULES, here=HERE)


def samples() -> dict[str, pd.DataFrame]:
    """Every holdout's joined lines: the eleven earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**ELEVENTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    This sample alone is the figure for ``13115a3``; the pooled figures are of twelve lexicon versions.
    """
    lines = samples()
    numbers: dict[str, Any] = SIXTH.report(lines, NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {
        "draw": draw,
        "parts": parts,
        "join": join,
        "fixes": fixes,
        "score": score,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

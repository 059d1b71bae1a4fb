"""A seventh blind, hit-level check of dictionary precision, after the sixth's fixes (2026-12-02, "f").

The method of ``../holdout_2026-12-02e/holdout.py``, repeated on main at ``7bcef0b`` (after the
sixth holdout's fixes, ``4998318``) with a new seed: 100 term hits and 300 actor hits
(:data:`N_TERMS`, :data:`N_ACTORS`). Sense only, as the sixth: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02f/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02f/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02f/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets``). ``fixes HITS_CSV`` (needs the
corpus too) lists every hit of that ``hits.csv`` that each rule of :data:`RULES` would remove, into
``suggested_fixes.csv``, keeping the coder's ``right`` column. ``score`` reads only committed files
(this folder's and the six earlier holdouts') and prints and returns every number of the README.

The earlier holdouts' functions do the work: the sixth's ``judged_lines`` and ``report`` take this
folder, this sample's name and its pools' names, its ``samples`` gives the six earlier samples, and
the fourth's ``fixes`` takes this folder and :data:`RULES`.
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
SIXTH_FOLDER = VALIDATION / "holdout_2026-12-02e"
#: Chosen and committed before any line was judged (the date of the draw and an "8", as the brief set it).
SEED = 202612028
#: Actor-heavy, as the fourth to sixth: the question is whether actors reach 97 %.
N_TERMS = 100
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "seventh"
POOLS = ("earlier six", "all seven")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The sixth holdout's script as it is: its earlier samples, its method and comparison modules.
SIXTH = _script(SIXTH_FOLDER, "holdout_sixth")
METHOD, COMPARE = SIXTH.METHOD, SIXTH.COMPARE

# -- suggested rules: written after scoring, never applied here --------------------------------

#: A word of a football draw (the Italy row's cue since the sixth holdout has «القرعة» only).
DRAW = r"(?:^|[^\w])[وفبلك]?(?:ال)?قرعة(?:[^\w]|$)"
#: The sixth's national-team cues, with a team's qualifying and finals (Russia's row has no sports cue).
QUALIFYING = rf"{SIXTH.NATIONAL_TEAM}|(?:^|[^\w])[وف]?(?:تأهل\w*|النهائيات)(?:[^\w]|$)"
#: Football words for the United States row, which has no sports cue but «منتخب* الولايات المتحدة».
US_FOOTBALL = rf"{SIXTH.NATIONAL_TEAM}|كرة القدم|الكونكاكاف|كونكاكاف|الكأس الذهبية"
#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth to sixth holdouts. The
#: two broad rows (Russia's and the United States' football cues) are listed to show why they are
#: not suggested; the narrow rule after each is.
RULES: list[dict[str, str]] = [
    {"rule": "Morocco row: «القرعة» as a blocking cue (a draw)", "entry": "المغرب", "sentence": DRAW},
    {
        "rule": "Tunisia in a fixture line («X - Y», nothing else in the sentence)",
        "entry": "تونس",
        "sentence": r"^\W*[\w ]{2,40} - [\w ]{2,40}\W*$",
    },
    {
        "rule": "France in a draw's list of teams («.. فرنسا ..»)",
        "entry": "فرنسا",
        "before": r"(?:\.\.|:) ?$",
        "after": r"^ ?\.\.",
    },
    {"rule": "Russia row: national-team cues with تأهل* and النهائيات", "entry": "روسيا", "sentence": QUALIFYING},
    {"rule": "exclude تأهلت روسيا (the host's team qualified)", "entry": "روسيا", "before": r"تأهلت $"},
    {
        "rule": "United States row: national-team and football cues",
        "entry": "الولايات المتحدة",
        "sentence": US_FOOTBALL,
    },
    {"rule": "الولايات المتحدة right before «لقب*» (a title)", "entry": "الولايات المتحدة", "after": r"^ لقب"},
    {
        "rule": "exclude مدراس الرياض (a misspelt مدارس الرياض, excluded already)",
        "entry": "الرياض",
        "before": r"مدراس $",
    },
    {"rule": "exclude اتحاد الرياض (a club)", "entry": "الرياض", "before": r"اتحاد $"},
    {
        "rule": "السعودية right after «شركة X» (the nisba of a company)",
        "entry": "السعودية",
        "before": r"(?<!ال)شركة \S+ $",
        "surface": r"^السعودية$",
    },
    {
        "rule": "البيت الأبيض after «تطل/يطل/المطلة/نافذة … على» (the building)",
        "entry": "البيت الأبيض",
        "before": r"(?:تطل|يطل|المطل\w*|نافذت?\w*) (?:\S+ )?على $",
    },
    {"rule": "exclude اتحاد المغرب العربي (the Arab Maghreb Union)", "entry": "المغرب العربي", "before": r"اتحاد $"},
]

#: The suggested rules' census (``fixes``): the fourth's, given this folder.
RULE_MATCHER = SIXTH.RULE_MATCHER


def judged_offsets() -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` the first holdout's rule excludes from this folder's draw."""
    offsets: set[tuple[str, int, int]] = METHOD.judged_offsets(HERE)
    return offsets


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


def fixes(hits_csv: str) -> None:
    """Write ``suggested_fixes.csv`` for :data:`RULES` (the fourth's ``fixes``, in this folder)."""
    RULE_MATCHER.fixes(hits_csv, rules=RULES, here=HERE)


def samples() -> dict[str, pd.DataFrame]:
    """Every holdout's joined lines: the six earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**SIXTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    The pooled figures are of seven lexicon versions ("the lexicon lately"); this sample alone is
    the figure for ``7bcef0b``. The sixth's permutation test takes any number of samples: 2 x 7 here.
    """
    numbers: dict[str, Any] = SIXTH.report(samples(), NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

"""An eleventh blind, hit-level check of dictionary precision, after the tenth's fixes (2026-12-02, "j").

The method of ``../holdout_2026-12-02i/holdout.py``, repeated on main at ``1c16081`` (after the
tenth holdout's fixes: 29 hits fewer, and the matcher's tanwin rule) with a new seed: 200 term hits
and 300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). Sense only, as the sixth to tenth: no
quoted-speech verdicts. Meant as the final measurement of the lexicon as shipped at ``1c16081``.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02j/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02j/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02j/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``fixes HITS_CSV`` (needs the corpus too) lists every hit of that ``hits.csv`` that each rule of
:data:`RULES` would remove, into ``suggested_fixes.csv``, keeping the coder's ``right`` column.
``score`` reads only committed files (this folder's and the ten earlier holdouts') and prints and
returns every number of the README.

The earlier holdouts' functions do the work: the sixth's ``judged_lines`` and ``report`` take this
folder, this sample's name and its pools' names, the tenth's ``samples`` gives the ten earlier
samples, and the fourth's ``fixes`` takes this folder and :data:`RULES`.
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
TENTH_FOLDER = VALIDATION / "holdout_2026-12-02i"
#: Chosen and committed before any line was judged (the brief set it: 202612032).
SEED = 202612032
#: 200 term hits this time (the tenth's 100 read the lowest term figure so far), 300 actor hits.
N_TERMS = 200
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "eleventh"
POOLS = ("earlier ten", "all eleven")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The tenth holdout's script as it is: its earlier samples; through it the sixth's method and report.
TENTH = _script(TENTH_FOLDER, "holdout_tenth")
SIXTH = TENTH.SIXTH
METHOD, COMPARE = SIXTH.METHOD, SIXTH.COMPARE

# -- suggested rules: written after scoring, never applied here --------------------------------

#: The sports cues of the Egypt row (the eighth's pattern, read from the lexicon as it stands; at ``1c16081`` when listed).
EGYPT_SPORTS = TENTH.EGYPT_SPORTS
#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth to tenth holdouts.
#: Written after scoring, from this sample's wrong lines. The Israel row's biblical cues are listed
#: to show why they are not suggested.
RULES: list[dict[str, str]] = [
    {
        "rule": 'exclude برنامج "من الرياض" (a TV programme\'s title)',
        "entry": "الرياض",
        "before": r"برنامج\s*[\"«“]?\s*من $",
    },
    {
        "rule": "قطر after كل or بقعة (قُطر, a region: «في كل بقعة وقطر», «في كل قطر عربي»)",
        "entry": "قطر",
        "before": r"(?:^|[^\w])(?:كل|بقعة) $",
    },
    {
        "rule": "exclude قطر دون قطر (قُطر, a region: Sayyid Qutb's «غير منحصرة في قطر دون قطر»)",
        "entry": "قطر",
        "sentence": r"(?:^|[^\w])قطر دون قطر(?:[^\w]|$)",
    },
    {
        "rule": "والسعودية right after a definite nisba adjective, not after the dual of a descriptor noun (the nisba: «وجهتي النظر المصرية والسعودية»)",
        "entry": "السعودية",
        "surface": r"^و",
        "before": r"(?<!القيادتين)(?<!الحكومتين)(?:^|[^\w])ال\S+ية $",
    },
    {
        "rule": "Sudan row: the sports cues of the Egypt row (it has none)",
        "entry": "السودان",
        "sentence": EGYPT_SPORTS,
    },
    {
        "rule": "exclude الحواش والقاهرة (a village in the Ghab plain of Hama)",
        "entry": "القاهرة",
        "before": r"الحواش $",
    },
    {
        "rule": "exclude بنو إسرائيل (the Israelites; the row excludes بني إسرائيل only)",
        "entry": "إسرائيل",
        "before": r"(?:^|[^\w])(?:بنو|بنى) $",
    },
    {
        "rule": "exclude مهزوم* في داخله (defeated within oneself, a metaphor)",
        "entry": "مهزوم*",
        "after": r"^ في (?:داخل|أعماق)",
    },
    {
        "rule": "إيطاليا after «المجموعة X التي تضم» (a qualifying group of national teams)",
        "entry": "إيطاليا",
        "before": r"المجموعة \S+ التي تضم $",
    },
    {
        "rule": "Israel row: a sentence on Jacob or the Torah (biblical Israel)",
        "entry": "إسرائيل",
        "sentence": r"يعقوب|التورا[ةت]|توراتي",
    },
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
    """Every holdout's joined lines: the ten earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**TENTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


#: The recent pool, a secondary line: the last three holdouts, each of a different lexicon version.
RECENT = ("ninth", "tenth", NAME)


def recent(lines: dict[str, pd.DataFrame], names: tuple[str, ...] = RECENT) -> pd.DataFrame:
    """Precision per lexicon pooled over the samples ``names`` (the tenth's ``recent``), a secondary line.

    The three were drawn on three commits (the ninth's fixes, then the tenth's, came between), so
    the pool describes the recent lexicon versions, not one of them.
    """
    table: pd.DataFrame = TENTH.recent(lines, names)
    return table


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    The pooled figures are of eleven lexicon versions ("the lexicon lately"); this sample alone is
    the figure for ``1c16081``. The sixth's permutation test takes any number of samples: 2 x 11 here.
    The last three holdouts pooled (:func:`recent`) are printed last, a secondary line.
    """
    lines = samples()
    numbers: dict[str, Any] = SIXTH.report(lines, NAME, HERE, POOLS)
    numbers["recent"] = recent(lines)
    with pd.option_context("display.width", 250):
        print(numbers["recent"].round(3).to_string(index=False))
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

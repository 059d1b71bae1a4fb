"""A tenth blind, hit-level check of dictionary precision, after the ninth's fixes (2026-12-02, "i").

The method of ``../holdout_2026-12-02h/holdout.py``, repeated on main at ``6f52668`` (after the
ninth holdout's fixes and two term rules: «مجرم*» of cybercriminals, «غزو» of epidemics) with a new
seed: 100 term hits and 300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). Sense only, as the
sixth to ninth: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02i/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02i/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02i/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``fixes HITS_CSV`` (needs the corpus too) lists every hit of that ``hits.csv`` that each rule of
:data:`RULES` would remove, into ``suggested_fixes.csv``, keeping the coder's ``right`` column.
``score`` reads only committed files (this folder's and the nine earlier holdouts') and prints and
returns every number of the README.

The earlier holdouts' functions do the work: the sixth's ``judged_lines`` and ``report`` take this
folder, this sample's name and its pools' names, the ninth's ``samples`` gives the nine earlier
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
NINTH_FOLDER = VALIDATION / "holdout_2026-12-02h"
#: Chosen and committed before any line was judged (the brief set it: 202612031).
SEED = 202612031
#: Actor-heavy, as the fourth to ninth: the question is whether actors reach 97 %.
N_TERMS = 100
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "tenth"
POOLS = ("earlier nine", "all ten")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The ninth holdout's script as it is: its earlier samples; through it the sixth's method and report.
NINTH = _script(NINTH_FOLDER, "holdout_ninth")
SIXTH = NINTH.SIXTH
METHOD, COMPARE = SIXTH.METHOD, SIXTH.COMPARE

# -- suggested rules: written after scoring, never applied here --------------------------------

#: The sports cues of the Egypt row (the eighth's pattern, read from the lexicon as it stands; at ``6f52668`` when listed).
EGYPT_SPORTS = NINTH.EGYPT_SPORTS
#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth to ninth holdouts.
#: Written after scoring, from this sample's wrong lines. The sports cues on the الولايات المتحدة
#: row are listed to show why they are not suggested (as the ninth listed them on أميركا and أمريكا).
RULES: list[dict[str, str]] = [
    {
        "rule": "exclude الولايات المتحدة المكسيكية (Mexico's official name)",
        "entry": "الولايات المتحدة",
        "after": r"^ المكسيكية(?:[^\w]|$)",
    },
    {
        "rule": "السودان after «مصرف|بنك X» (a bank's name: مصرف السلام السودان)",
        "entry": "السودان",
        "before": r"(?:^|[^\w])[وفبلك]?(?:ال)?(?:مصرف|بنك) \S+ $",
    },
    {
        "rule": "exclude أهلي الرياض (a club, now Al-Riyadh)",
        "entry": "الرياض",
        "before": r"(?:^|[^\w])[وفبلك]?(?:ال)?[أا]هلي $",
    },
    {
        "rule": "exclude جامعة الإمارات (United Arab Emirates University)",
        "entry": "الإمارات",
        "before": r"(?:^|[^\w])[وفبلك]?جامعة $",
    },
    {
        "rule": "exclude فرع الولايات المتحدة (a company's branch: ترافيك سبورتس فرع الولايات المتحدة)",
        "entry": "الولايات المتحدة",
        "before": r"(?:^|[^\w])فرع $",
    },
    *(
        {
            "rule": "a state's name with tanwin fatha (the nisba: هجوماً روسياً، مركزًا تركيًا، المعترف بها تركياً)",
            "entry": entry,
            "surface": "\u064b",
        }  # fmt: skip
        for entry in ("روسيا", "تركيا", "إيطاليا")
    ),
    {
        "rule": "exclude الغزو الثقافي (a cultural invasion, like the excluded غزو فكري)",
        "entry": "غزو",
        "after": r"^ (?:ال)?ثقافي(?:[^\w]|$)",
    },
    {
        "rule": "exclude غزو العقل/العقول/رأس (invading minds, a metaphor)",
        "entry": "غزو",
        "after": r"^ (?:العقل|العقول|عقول|رأس|رؤوس)(?:[^\w]|$)",
    },
    {
        "rule": "ذرائع of the sharia maxim (قاعدة الذرائع; «الذرائع لا بد أن تسد»; the row excludes سد الذرائع)",
        "entry": "ذرائع",
        "sentence": r"قاعدة الذرائع|تسد|سد الذرائع",
    },
    {
        "rule": "exclude المجرم أو الجانح (ordinary crime; the cue was النظام, the statute)",
        "entry": "مجرم*",
        "after": r"^ أو الجانح",
    },
    {
        "rule": "الولايات المتحدة row: the sports cues of the Egypt row (it has none)",
        "entry": "الولايات المتحدة",
        "sentence": EGYPT_SPORTS,
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
    """Every holdout's joined lines: the nine earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**NINTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


#: The recent pool, a secondary line: the last three holdouts, each of a different lexicon version.
RECENT = ("eighth", "ninth", NAME)


def recent(lines: dict[str, pd.DataFrame], names: tuple[str, ...] = RECENT) -> pd.DataFrame:
    """Precision per lexicon pooled over the samples ``names`` (Wilson intervals), a secondary line.

    The three were drawn on three commits (the eighth's fixes, then the ninth's, came between), so
    the pool describes the recent lexicon versions, not one of them.
    """
    rows = []
    for lexicon in ("term", "actor"):
        chosen = [lines[name][lines[name]["lexicon"] == lexicon] for name in names]
        right, n = sum(int(part["correct"].sum()) for part in chosen), sum(len(part) for part in chosen)
        rows.append(
            {"lexicon": lexicon, "pool": "last three (" + ", ".join(names) + ")", **METHOD.proportion(right, n)}
        )
    return pd.DataFrame(rows)


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    The pooled figures are of ten lexicon versions ("the lexicon lately"); this sample alone is
    the figure for ``6f52668``. The sixth's permutation test takes any number of samples: 2 x 10 here.
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

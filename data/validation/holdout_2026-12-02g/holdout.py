"""An eighth blind, hit-level check of dictionary precision, after the seventh's fixes (2026-12-02, "g").

The method of ``../holdout_2026-12-02f/holdout.py``, repeated on main at ``31410fa`` (after the
seventh holdout's fixes, ``ef509c1``) with a new seed: 100 term hits and 300 actor hits
(:data:`N_TERMS`, :data:`N_ACTORS`). Sense only, as the sixth and seventh: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02g/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02g/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02g/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``fixes HITS_CSV`` (needs the corpus too) lists every hit of that ``hits.csv`` that each rule of
:data:`RULES` would remove, into ``suggested_fixes.csv``, keeping the coder's ``right`` column.
``score`` reads only committed files (this folder's and the seven earlier holdouts') and prints and
returns every number of the README.

The earlier holdouts' functions do the work: the sixth's ``judged_lines`` and ``report`` take this
folder, this sample's name and its pools' names, the seventh's ``samples`` gives the seven earlier
samples, and the fourth's ``fixes`` takes this folder and :data:`RULES`.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
VALIDATION = HERE.parent
SEVENTH_FOLDER = VALIDATION / "holdout_2026-12-02f"
#: Chosen and committed before any line was judged (the date of the draw and a "9", as the brief set it).
SEED = 202612029
#: Actor-heavy, as the fourth to seventh: the question is whether actors reach 97 %.
N_TERMS = 100
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "eighth"
POOLS = ("earlier seven", "all eight")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The seventh holdout's script as it is: its earlier samples; through it the sixth's method and report.
SEVENTH = _script(SEVENTH_FOLDER, "holdout_seventh")
SIXTH = SEVENTH.SIXTH
METHOD, COMPARE = SIXTH.METHOD, SIXTH.COMPARE

# -- suggested rules: written after scoring, never applied here --------------------------------


def _cues(alias: str) -> str:
    """The blocking cues of the ``actors.csv`` row of ``alias`` as one sentence pattern.

    Each cue may carry و ف ب ك ل; ``*`` is any ending and أ any alef, as the matcher's folding.
    """
    with open(VALIDATION.parents[1] / "data" / "lexicons" / "actors.csv", encoding="utf-8") as file:
        (context,) = [row["context"] for row in csv.DictReader(file) if row["alias"] == alias]
    words = [re.escape(cue.lstrip("!")).replace(r"\*", r"\w*").replace("أ", "[أاإ]") for cue in context.split("|")]
    return rf"(?:^|[^\w])[وفبلك]?(?:{'|'.join(words)})(?:[^\w]|$)"


#: The sports cues of the Egypt row and of the السعودية row (the lexicon as it stands; at ``31410fa`` when listed).
EGYPT_SPORTS = _cues("مصر")
SAUDI_SPORTS = _cues("السعودية")
#: A company's name before the hit: «شركة X», X a name (not a preposition), perhaps in quotation marks or brackets.
COMPANY = r"(?<!ال)شركة [\"«“(]?(?!(?:في|من|على|عن|إلى) )[^\s\d]+[\"»”)]? $"
#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth to seventh holdouts. The
#: two broad rows (sports cues on the Germany and the المملكة العربية السعودية rows) are listed to
#: show why they are not suggested, and so is the exclusion phrase «" السعودية», which the matcher
#: also reads after an opening quotation mark; the narrow rules after each are suggested.
RULES: list[dict[str, str]] = [
    {
        "rule": "Germany row: the sports cues of the Egypt row (it has none)",
        "entry": "ألمانيا",
        "sentence": EGYPT_SPORTS,
    },
    {
        "rule": "Germany row: the national-team cues of the Italy row (منتخب* تصفيات مونديال قرعة)",
        "entry": "ألمانيا",
        "sentence": SIXTH.NATIONAL_TEAM,
    },
    {
        "rule": "ألمانيا right after «مباراة/مباراتي/مباريات» (a match of the team)",
        "entry": "ألمانيا",
        "before": r"مبارا\w* $",
    },
    {
        "rule": "المملكة العربية السعودية row: the sports cues of the السعودية row (it has none)",
        "entry": "المملكة العربية السعودية",
        "sentence": SAUDI_SPORTS,
    },
    {
        "rule": "exclude منتخب* المملكة العربية السعودية (the national teams)",
        "entry": "المملكة العربية السعودية",
        "before": r"منتخب\w* $",
    },
    {
        "rule": "المملكة العربية السعودية right before «للأولمبياد الخاص» (the Special Olympics delegation)",
        "entry": "المملكة العربية السعودية",
        "after": r"^ للأولمبياد الخاص",
    },
    {"rule": "exclude زين السودان (the operator Zain Sudan)", "entry": "السودان", "before": r"(?:^|[^\w])زين $"},
    {"rule": "exclude صيف أبوظبي (the Abu Dhabi Summer season and festival)", "entry": "أبوظبي", "before": r"صيف $"},
    {
        "rule": "exclude إعمار مصر and توتال مصر (companies)",
        "entry": "مصر",
        "before": r"(?:^|[^\w])[وفبلك]?(?:إعمار|توتال) $",
    },
    *(
        {
            "rule": f"{entry} right after «شركة X», X a name (a company: غاز قطر، استثمارات الرياض …)",
            "entry": entry,
            "before": COMPANY,
            "surface": rf"^{entry}$",
        }  # fmt: skip
        for entry in ("قطر", "باريس", "الرياض")
    ),
    {
        "rule": "السعودية right after a word and a closing bracket (a nisba: (زين) السعودية)",
        "entry": "السعودية",
        "before": r"\w\) $",
        "surface": r"^السعودية$",
    },
    {
        "rule": 'السعودية right after a word and a closing " (a nisba: "أرامكو" السعودية; needs a closing-quote test)',
        "entry": "السعودية",
        "before": r'\w" $',
        "surface": r"^السعودية$",
    },
    {
        "rule": 'the exclusion phrase " السعودية as the matcher reads it (after an opening " too)',
        "entry": "السعودية",
        "before": r'" ?$',
        "surface": r"^السعودية$",
    },
    {
        "rule": "أميركا before «الشمالي/الجنوبي» without ة (the continent, misspelt)",
        "entry": "أميركا",
        "after": r"^ (?:الشمالي|الجنوبي)(?:[^\w]|$)",
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
    """Every holdout's joined lines: the seven earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**SEVENTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    The pooled figures are of eight lexicon versions ("the lexicon lately"); this sample alone is
    the figure for ``31410fa``. The sixth's permutation test takes any number of samples: 2 x 8 here.
    """
    numbers: dict[str, Any] = SIXTH.report(samples(), NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

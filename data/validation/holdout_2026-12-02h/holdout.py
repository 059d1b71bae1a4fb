"""A ninth blind, hit-level check of dictionary precision, after the eighth's fixes (2026-12-02, "h").

The method of ``../holdout_2026-12-02g/holdout.py``, repeated on main at ``4a549b3`` (after the
eighth holdout's fixes and the matcher's reading of a closing straight ``"`` as ``”``) with a new
seed: 100 term hits and 300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). Sense only, as the
sixth to eighth: no quoted-speech verdicts.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02h/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02h/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02h/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already
judged for sense or actor, by that script's ``judged_offsets`` and the folders' ``judged.toml``).
``fixes HITS_CSV`` (needs the corpus too) lists every hit of that ``hits.csv`` that each rule of
:data:`RULES` would remove, into ``suggested_fixes.csv``, keeping the coder's ``right`` column.
``score`` reads only committed files (this folder's and the eight earlier holdouts') and prints and
returns every number of the README.

The earlier holdouts' functions do the work: the sixth's ``judged_lines`` and ``report`` take this
folder, this sample's name and its pools' names, the eighth's ``samples`` gives the eight earlier
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
EIGHTH_FOLDER = VALIDATION / "holdout_2026-12-02g"
#: Chosen and committed before any line was judged (the brief set it: 202612030).
SEED = 202612030
#: Actor-heavy, as the fourth to eighth: the question is whether actors reach 97 %.
N_TERMS = 100
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "ninth"
POOLS = ("earlier eight", "all nine")


def _script(folder: Path, name: str) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The eighth holdout's script as it is: its earlier samples; through it the sixth's method and report.
EIGHTH = _script(EIGHTH_FOLDER, "holdout_eighth")
SIXTH = EIGHTH.SIXTH
METHOD, COMPARE = SIXTH.METHOD, SIXTH.COMPARE

# -- suggested rules: written after scoring, never applied here --------------------------------

#: The sports cues of the Egypt row (the eighth's pattern, read from the lexicon as it stands; at ``4a549b3`` when listed).
EGYPT_SPORTS = EIGHTH.EGYPT_SPORTS
#: Saudi cities that stood right before «السعودية» in the 20k corpus, and more (a nisba: «مدينة جدة السعودية»).
SAUDI_CITIES = "جدة|جده|رابغ|الدمام|مكة|المدينة|الخبر|الطائف|ينبع|الجبيل|تبوك|أبها|ابها|جازان|جيزان|نجران|حائل|بريدة|القطيف|الأحساء|الاحساء|الظهران|عرعر|سكاكا|الباحة|عنيزة"
#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth to eighth holdouts.
#: Written after scoring, from this sample's wrong lines. The sports cues on the two United States
#: rows are listed to show why they are not suggested; «سعوديون في أمريكا», a name, was found
#: while reading them (in quotation marks only: «يكتب سعوديون في أميركا تعليقات» is Saudis in America).
RULES: list[dict[str, str]] = [
    {
        "rule": "exclude أميركا دي كالي and أميركا الكولومبي (the club América de Cali)",
        "entry": "أميركا",
        "after": r"^ (?:دي كالي|ديكالي|الكولومبي)(?:[^\w]|$)",
    },
    {
        "rule": "exclude لتحرير السودان (the SPLM and SPLA, names)",
        "entry": "السودان",
        "before": r"(?:^|[^\w])[وفبلك]?لتحرير $",
    },
    {
        "rule": "exclude إخوان مصر (the Egyptian Brotherhood as a label)",
        "entry": "مصر",
        "before": r"(?:^|[^\w])[وفبلك]?إخوان $",
    },
    {
        "rule": "exclude ألمانيا الديمقراطية (East Germany; the row excludes ألمانيا الشرقية)",
        "entry": "ألمانيا",
        "after": r"^ (?:الديمقراطية|الديموقراطية)(?:[^\w]|$)",
    },
    {
        "rule": "exclude عيش السعودية (a museum hall)",
        "entry": "السعودية",
        "before": "(?:^|[^\\w])[وفبلك]?ع\u0650?يش $",  # also «عِيش», with its kasra
        "surface": r"^السعودية$",
    },
    {
        "rule": "السعودية right after a Saudi city's name (a nisba: مدينة جدة السعودية، رابغ السعودية)",
        "entry": "السعودية",
        "before": rf"(?:^|[^\w])[وفبلك]?(?:{SAUDI_CITIES}) $",
        "surface": r"^السعودية$",
    },
    {
        "rule": "السعودية right after a noun with «نا», our (a nisba: قواتنا السعودية، جامعاتنا السعودية)",
        "entry": "السعودية",
        "before": r"(?:^|[^\w])\w{2,}نا $",
        "surface": r"^السعودية$",
    },
    {
        "rule": "السعودية right after لهجت*، نظيرت*، نكهت*، جامعت* with a pronoun (a nisba: لهجتها السعودية)",
        "entry": "السعودية",
        "before": r"(?:^|[^\w])[وفبلك]?(?:لهجت|نظيرت|نكهت|جامعت)(?:ها|ه|هم|ك|ي) $",
        "surface": r"^السعودية$",
    },
    {"rule": "exclude عبدالله العدوان (a surname)", "entry": "عدوان", "before": r"(?:^|[^\w])عبد ?الله $"},
    *(
        {
            "rule": f"exclude «سعوديون في {entry}» in quotation marks or brackets (a students' group and its website)",
            "entry": entry,
            "before": r"[«“\"(]سعوديون في $",
        }  # fmt: skip
        for entry in ("أمريكا", "أميركا")
    ),
    *(
        {
            "rule": f"{entry} row: the sports cues of the Egypt row (it has none)",
            "entry": entry,
            "sentence": EGYPT_SPORTS,
        }  # fmt: skip
        for entry in ("أميركا", "أمريكا")
    ),
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
    """Every holdout's joined lines: the eight earlier ones by their own scripts, this one last."""
    lines: dict[str, pd.DataFrame] = {**EIGHTH.samples(), NAME: SIXTH.judged_lines(HERE)}
    return lines


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the sixth's ``report`` of this sample).

    The pooled figures are of nine lexicon versions ("the lexicon lately"); this sample alone is
    the figure for ``4a549b3``. The sixth's permutation test takes any number of samples: 2 x 9 here.
    """
    numbers: dict[str, Any] = SIXTH.report(samples(), NAME, HERE, POOLS)
    return numbers


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

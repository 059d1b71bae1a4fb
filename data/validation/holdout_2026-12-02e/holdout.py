"""A sixth blind, hit-level check of dictionary precision, after the name heads (2026-12-02, "e").

The method of ``../holdout_2026-12-01/holdout.py`` (used as in ``../holdout_2026-12-02d/``),
repeated on main at ``dcd95a9`` (after the fifth holdout's fixes and the ignore list's name heads)
with a new seed: 100 term hits and 300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). **Sense
only**: no quoted-speech verdicts this time, so there is no ``quoted_judgments.csv`` and the
scoring here joins the blind sheet, the sense verdicts and the key itself (:func:`judged_lines`).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02e/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02e/holdout.py fixes HITS_CSV
    python data/validation/holdout_2026-12-02e/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped): the first
holdout's ``draw`` with this folder, :data:`SEED` and the sizes (it leaves out every hit already in
a CSV of ``data/validation/``, by that script's ``judged_offsets``). ``fixes HITS_CSV`` (needs the
corpus too) lists every hit of that ``hits.csv`` that each rule of :data:`RULES` would remove,
into ``suggested_fixes.csv``, keeping the coder's ``right`` column. ``score`` reads only committed
files (this folder's and the five earlier holdouts') and prints and returns every number of the
README.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
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
    "fifth": VALIDATION / "holdout_2026-12-02d",
}
#: Chosen and committed before any line was judged (the date of the draw and a "7", as the brief set it).
SEED = 202612027
#: Actor-heavy, as the fourth and fifth: the question is whether actors reach 97 %.
N_TERMS = 100
N_ACTORS = 300
#: This sample's name among the holdouts, and the two pools of the pooled precision.
NAME = "sixth"
POOLS = ("earlier five", "all six")


def _script(folder: Path) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The method (draw, exclusions, Wilson intervals, precision table): the first holdout's script.
METHOD = _script(EARLIER["first"])
#: The comparisons (Newcombe intervals, Fisher's test, the permutation test): the third's script.
COMPARE = _script(EARLIER["third"])
#: The rule matcher of "What the errors suggest" (``rule_hits``): the fourth's script.
RULE_MATCHER = _script(EARLIER["fourth"])


def judged_offsets() -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` the first holdout's rule excludes from this folder's draw."""
    offsets: set[tuple[str, int, int]] = METHOD.judged_offsets(HERE)
    return offsets


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED, n_terms=N_TERMS, n_actors=N_ACTORS)


# -- score: committed files only --------------------------------------------------------------


def judged_lines(here: Path = HERE) -> pd.DataFrame:
    """The blind sheet joined with the sense verdicts and then the key (no quoted verdicts here).

    A later sense-only holdout passes its own folder.
    """
    blind = pd.read_csv(here / "blind.csv", keep_default_na=False)
    sense = pd.read_csv(here / "judgments.csv", keep_default_na=False)
    key = pd.read_csv(here / "key.csv", dtype={"doc_id": str}, keep_default_na=False)
    lines = blind.merge(sense, on="sample_id").merge(key, on="sample_id")
    assert len(lines) == len(blind) == len(sense) == len(key), "one row per line in every file"
    assert set(lines["correct"]) <= {0, 1} and set(lines["borderline"]) <= {0, 1}
    assert (lines.loc[lines["correct"] == 0, "reason"] != "").all(), "every wrong line has a reason"
    # The flag as set, to split precision by voice (the first holdout's precision table reads it).
    lines["flag"] = lines["quoted"].map({"True": 1, "False": 0, True: 1, False: 0}).astype(int)
    return lines


def samples() -> dict[str, pd.DataFrame]:
    """Every holdout's joined lines, the earlier ones read by their own scripts, this one last."""
    earlier: dict[str, pd.DataFrame] = {name: _script(folder).judged_lines() for name, folder in EARLIER.items()}
    return {**earlier, NAME: judged_lines()}


def comparison(lines: dict[str, pd.DataFrame], name: str = NAME) -> pd.DataFrame:
    """Sample ``name``'s precision against each other one's (Newcombe interval, Fisher's exact p)."""
    now, rows = lines[name], []
    for other, then in lines.items():
        if other == name:
            continue
        for lexicon in ("term", "actor"):
            a, b = then[then["lexicon"] == lexicon], now[now["lexicon"] == lexicon]
            rows.append(COMPARE.compare(f"{lexicon} precision", other, int(a["correct"].sum()), len(a), int(b["correct"].sum()), len(b)))  # fmt: skip
    return pd.DataFrame(rows)


def homogeneity(lines: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One 2 x k permutation test per lexicon over the k samples (20,000 shuffles, seed 0, as the earlier holdouts)."""
    rng = np.random.default_rng(0)
    rows = []
    for lexicon in ("term", "actor"):
        outcomes = [part.loc[part["lexicon"] == lexicon, "correct"].astype(int).to_numpy() for part in lines.values()]
        rows.append({"measure": lexicon, "right": [int(o.sum()) for o in outcomes], "n": [len(o) for o in outcomes],
                     "p_permutation": COMPARE.permutation_p(outcomes, rng)})  # fmt: skip
    return pd.DataFrame(rows)


def pooled(lines: dict[str, pd.DataFrame], name: str = NAME, pools: tuple[str, str] = POOLS) -> pd.DataFrame:
    """Precision per lexicon over the samples other than ``name``, and over all, with Wilson intervals.

    The samples measure as many lexicon versions (fixes were applied after each earlier holdout), so
    a pooled figure is of "the lexicon lately"; this sixth sample alone is the figure for ``dcd95a9``.
    """
    earlier = [part for other, part in lines.items() if other != name]
    rows = []
    for lexicon in ("term", "actor"):
        for pool, parts in ((pools[0], earlier), (pools[1], list(lines.values()))):
            chosen = [part[part["lexicon"] == lexicon] for part in parts]
            right, n = sum(int(p["correct"].sum()) for p in chosen), sum(len(p) for p in chosen)
            rows.append({"lexicon": lexicon, "pool": pool, **METHOD.proportion(right, n)})
    return pd.DataFrame(rows)


# -- suggested rules: written after scoring, never applied here --------------------------------

#: Name, entry, and regular expressions for the text just before the hit, the hit's surface, the
#: text after it and its sentence (all given must match), as in the fourth and fifth holdouts.
#: Libya words for the two government rows whose names other states' governments share.
LIBYA = r"ليبي|طبرق|البيضاء|الثني|بنغازي|طرابلس|الصخيرات|مجلس النواب"
#: A word of a national football team's fixtures (a sentence cue; without «يورو», which is also the euro).
NATIONAL_TEAM = r"(?:^|[^\w])[وفبلك]?(?:ال)?(?:منتخب\w*|تصفيات|مونديال|قرعة)(?:[^\w]|$)"
RULES: list[dict[str, str]] = [
    {"rule": "exclude بطل إيطاليا (a league title)", "entry": "إيطاليا", "before": r"بطل $"},
    {
        "rule": "Italy row: blocking cues of national teams (منتخب* تصفيات مونديال قرعة)",
        "entry": "إيطاليا",
        "sentence": NATIONAL_TEAM,
    },
    {"rule": "exclude بنك القاهرة", "entry": "القاهرة", "before": r"بنك $"},
    {
        "rule": "السعودية right after «مدينة X» (the nisba of a city)",
        "entry": "السعودية",
        "before": r"مدينة \S+ $",
        "surface": r"^السعودية$",
    },
    {"rule": "every الحكومة المؤقتة (the row as it stands)", "entry": "الحكومة المؤقتة"},
    {
        "rule": "الحكومة المؤقتة without a Libya word in its sentence (a context cue)",
        "entry": "الحكومة المؤقتة",
        "sentence": rf"^(?!.*(?:{LIBYA}))",
    },
    {"rule": "every حكومة الوفاق الوطني (the row as it stands)", "entry": "حكومة الوفاق الوطني"},
    {
        "rule": "حكومة الوفاق الوطني without a Libya word in its sentence (a context cue)",
        "entry": "حكومة الوفاق الوطني",
        "sentence": rf"^(?!.*(?:{LIBYA}))",
    },
]


def fixes(hits_csv: str) -> None:
    """Write ``suggested_fixes.csv``: each rule's hits in ``hits_csv``, keeping the coder's ``right`` column."""
    hits = pd.read_csv(hits_csv, dtype={"doc_id": str}, keep_default_na=False)
    texts = METHOD.texts_of(METHOD.CORPUS)
    table = pd.concat([RULE_MATCHER.rule_hits(hits, texts, rule) for rule in RULES], ignore_index=True)
    path = HERE / "suggested_fixes.csv"
    if path.exists():
        read = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
        table = table.merge(read[["rule", "doc_id", "start", "end", "right"]], how="left")
    table.to_csv(path, index=False)
    print(table.groupby("rule", sort=False).size().to_string())


def report(
    lines: dict[str, pd.DataFrame], name: str = NAME, here: Path = HERE, pools: tuple[str, str] = POOLS
) -> dict[str, Any]:
    """Every number of a holdout's README, printed and returned: sample ``name`` of ``lines``, ``here``'s files.

    The per-rule table is the fourth holdout's ``fix_table`` of ``here``. A later sense-only
    holdout passes its samples, its name, its folder and its pools' names.
    """
    mine = lines[name]
    population = pd.read_csv(here / "population.csv")
    table, repeats = METHOD.precision_table(mine), METHOD.repeated_errors(mine)
    wrong = mine[mine["correct"] == 0].sort_values(["lexicon", "entry", "sample_id"])
    compared, homogeneous, pooled_table = comparison(lines, name), homogeneity(lines), pooled(lines, name, pools)
    suggested = RULE_MATCHER.fix_table(here) if (here / "suggested_fixes.csv").exists() else pd.DataFrame()
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        for part in (population, table.round(3), repeats):
            print(part.to_string(index=False))
        print(wrong[["sample_id", "entry", "label", "surface", "reason"]].to_string(index=False))
        for part in (compared.round(3), homogeneous.round(3), pooled_table.round(3), suggested):
            print(part.to_string(index=False))
    return {"population": population, "precision": table, "repeats": repeats, "wrong": wrong,
            "comparison": compared, "homogeneity": homogeneous, "pooled": pooled_table, "fixes": suggested,
            "lines": mine}  # fmt: skip


def score() -> dict[str, Any]:
    """Every number of this README, printed and returned."""
    return report(samples())


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

"""A fourth blind, hit-level check of dictionary precision, actor-heavy (2026-12-02, "c").

The method of ``../holdout_2026-12-01/holdout.py`` (used as in ``../holdout_2026-12-02b/``),
repeated on main at ``ab90d63`` with a new seed and **more actor lines**: 150 term hits and
300 actor hits (:data:`N_TERMS`, :data:`N_ACTORS`). The lines of the three earlier holdouts are
among the excluded ones.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02c/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02c/holdout.py score

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
the three earlier holdouts' own files) and prints and returns every number of the README.

The fifth holdout (``../holdout_2026-12-02d/``) uses this script's suggested-fix, pooling and
scoring functions with its own folder, earlier holdouts, rules and pool names (the ``here``,
``earlier``, ``rules`` and ``pools`` parameters): one method.
"""

from __future__ import annotations

import importlib.util
import re
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
}
#: Chosen and committed before any line was judged (the date of the draw and a "4" for fourth).
SEED = 202612024
#: Twice the earlier holdouts' 150 actor lines: the question is whether actors reach 97 %.
N_TERMS = 150
N_ACTORS = 300
#: The names of :func:`pooled`'s two pools: the earlier holdouts, and they with this one.
POOLS = ("earlier three", "all four")


def _script(folder: Path) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The method: the first holdout's script, used with this folder, :data:`SEED` and the sizes.
METHOD = _script(EARLIER["first"])
#: The comparisons (Newcombe intervals, Fisher's test, the permutation test) and the reader of the earlier
#: holdouts' lines: the third's script.
COMPARE = _script(EARLIER["third"])
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
    {"rule": "exclude عيد الرياض", "entry": "الرياض", "before": r"(?<!ال)عيد $", "surface": r"^الرياض$"},
    {
        "rule": "exclude «روسيا اليوم (a quotation mark before: the channel)",
        "entry": "روسيا",
        "before": r"[«\"“]$",
        "surface": r"^روسيا$",
        "after": r"^\s?اليوم",
    },
    {
        "rule": "exclude روسيا اليوم bare: the hits it adds to the marked form",
        "entry": "روسيا",
        "before": r"[^«\"“]$",
        "after": r"^\s?اليوم",
    },
    {"rule": "exclude إنجاز السعودية", "entry": "السعودية", "before": r"[إا]نجاز $", "surface": r"^السعودية$"},
    {"rule": "EU row: blocking cue الانتقالات", "entry": "الاتحاد الأوروبي", "sentence": r"الانتقالات"},
    {"rule": "Tunisia row: blocking cue الفائز من* (a draw)", "entry": "تونس", "sentence": r"الفائز من"},
    {"rule": "exclude غور الأردن", "entry": "الأردن", "before": r"غور $"},
    {"rule": "exclude كونراد القاهرة", "entry": "القاهرة", "before": r"كونراد $"},
    {"rule": "exclude عيادة الرياض", "entry": "الرياض", "before": r"عيادة $"},
    {
        "rule": "exclude ولي عهد بروسيا|أمير بروسيا",
        "entry": "روسيا",
        "before": r"(ولي عهد|أمير) $",
        "surface": r"^بروسيا",
    },
    {"rule": "every بروسيا (Prussia, or «in Russia»)", "entry": "روسيا", "surface": r"^بروسيا"},
]
SENTENCE_END = re.compile(r"[.!?؟\n]")


def sentence_of(text: str, start: int, end: int) -> str:
    """The hit's sentence, cut at full stops, question and exclamation marks and line breaks."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


def rule_hits(hits: pd.DataFrame, texts: dict[str, str], rule: dict[str, str]) -> pd.DataFrame:
    """The hits of ``rule``'s entry that all of its patterns match (before, surface, after, sentence)."""
    rows = []
    for hit in hits[hits["entry"] == rule["entry"]].itertuples():
        text = texts[hit.doc_id]
        parts = {"before": text[max(0, hit.start - 60) : hit.start], "surface": hit.surface,
                 "after": text[hit.end : hit.end + 60], "sentence": sentence_of(text, hit.start, hit.end)}  # fmt: skip
        if all(re.search(rule[part], value) for part, value in parts.items() if part in rule):
            rows.append({"rule": rule["rule"], "entry": rule["entry"], "doc_id": hit.doc_id, "start": hit.start,
                         "end": hit.end, "kwic": METHOD.kwic(text, hit.start, hit.end, 40)})  # fmt: skip
    return pd.DataFrame(rows, columns=["rule", "entry", "doc_id", "start", "end", "kwic"])


def fixes(hits_csv: str, *, rules: list[dict[str, str]] = RULES, here: Path = HERE) -> None:
    """Write ``here``'s ``suggested_fixes.csv``: each of ``rules``' hits in ``hits_csv``, keeping the coder's ``right`` column.

    A later holdout passes its own rules and folder; the defaults are this one's.
    """
    hits = pd.read_csv(hits_csv, dtype={"doc_id": str}, keep_default_na=False)
    texts = METHOD.texts_of(METHOD.CORPUS)
    table = pd.concat([rule_hits(hits, texts, rule) for rule in rules], ignore_index=True)
    path = here / "suggested_fixes.csv"
    if path.exists():
        read = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
        table = table.merge(read[["rule", "doc_id", "start", "end", "right"]], how="left")
    table.to_csv(path, index=False)
    print(table.groupby("rule", sort=False).size().to_string())


def fix_table(here: Path = HERE) -> pd.DataFrame:
    """Per rule: the hits it would remove and how many of them the coder read as right (``here``'s committed file)."""
    table = pd.read_csv(here / "suggested_fixes.csv", dtype={"doc_id": str}, keep_default_na=False)
    assert set(table["right"]) <= {0, 1}, "every hit a rule removes has been read"
    counts = table.groupby("rule", sort=False)["right"].agg(hits="size", right="sum").reset_index()
    return counts.assign(wrong=counts["hits"] - counts["right"])


def judged_lines() -> pd.DataFrame:
    """This folder's blind sheet joined with the verdicts and the key."""
    lines: pd.DataFrame = METHOD.judged_lines(HERE)
    return lines


def pooled(lines: pd.DataFrame, earlier: dict[str, pd.DataFrame], pools: tuple[str, str] = POOLS) -> pd.DataFrame:
    """Precision per lexicon over the earlier holdouts, and over them and this one, with Wilson intervals.

    ``pools`` names the two pools (the earlier ones; all). Pooling treats the samples as one; they
    measure as many lexicon versions as there are holdouts (fixes were applied after each earlier
    one), so the pooled figure is of "the lexicon lately", not of any one commit. The holdout alone
    is the figure for the lexicon as shipped at its draw.
    """
    rows = []
    for lexicon in ("term", "actor"):
        for name, samples in zip(pools, (list(earlier.values()), [*earlier.values(), lines])):
            parts = [part[part["lexicon"] == lexicon] for part in samples]
            right, n = sum(int(p["correct"].sum()) for p in parts), sum(len(p) for p in parts)
            rows.append({"lexicon": lexicon, "pool": name, **METHOD.proportion(right, n)})
    return pd.DataFrame(rows)


def score(here: Path = HERE, earlier: dict[str, Path] = EARLIER, pools: tuple[str, str] = POOLS) -> dict[str, Any]:
    """Every number of the folder ``here``'s README, printed and returned (the method's, then the comparisons).

    ``earlier`` names the earlier holdouts' folders, ``pools`` the pools of :func:`pooled`; a later
    holdout passes its own, the defaults are this one's.
    """
    results = METHOD.score(here)
    lines = results.pop("lines")
    samples = {name: COMPARE.earlier_holdout(folder) for name, folder in earlier.items()}
    compared = COMPARE.comparison(lines, samples)
    homogeneous = COMPARE.homogeneity(lines, samples)
    pooled_table, suggested = pooled(lines, samples, pools), fix_table(here)
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(compared.round(3).to_string(index=False))
        print(homogeneous.round(3).to_string(index=False))
        print(pooled_table.round(3).to_string(index=False))
        print(suggested.to_string(index=False))
    return {**results, "comparison": compared, "homogeneity": homogeneous, "pooled": pooled_table, "fixes": suggested,
            "lines": lines}  # fmt: skip


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "fixes": fixes, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

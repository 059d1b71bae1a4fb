"""A second blind, hit-level check of dictionary precision (2026-12-02).

The method of ``../holdout_2026-12-01/holdout.py``, repeated on the lexicon as it is after that
holdout's suggested fixes (commit 937ba32), with a new seed; the first holdout's lines are
among the excluded ones.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). Without
``HITS_CSV`` it counts that corpus with the bundled lexicons (``framing count``, no model) into
a temporary folder; with it, it reads that ``hits.csv`` of such a run. It leaves out every hit
whose ``doc_id``, ``start`` and ``end`` already stand in a CSV of ``data/validation/`` (any
judged, keyed or retained line of an earlier audit), then draws a simple random sample of
250 term hits and 150 actor hits (``METHOD.N_TERMS``, ``METHOD.N_ACTORS``) with numpy seed :data:`SEED`, and
writes ``blind.csv`` (what the coder reads), ``key.csv`` (what the coder does not see: the
offsets, ``quoted`` and ``negated``), ``quoted_context.csv`` (a wider context, without the
flag, for the quoted-speech verdicts) and ``population.csv`` (hits, excluded, fresh).

``score`` reads only the committed files of this folder (``blind.csv``, ``key.csv``,
``population.csv``, ``judgments.csv``, ``quoted_judgments.csv``, ``after_unblinding.csv``) and
prints and returns every number of the README.
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
#: The first holdout, drawn before the fixes of commit 937ba32; compared with this one.
FIRST = VALIDATION / "holdout_2026-12-01"
#: Chosen and committed before any line was judged (the date of the draw).
SEED = 20261202


def _script(folder: Path) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The method: the first holdout's script, used with this folder and :data:`SEED`.
METHOD = _script(FIRST)
wilson = METHOD.wilson


def judged_offsets() -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` in a CSV of ``data/validation/`` outside this folder."""
    offsets: set[tuple[str, int, int]] = METHOD.judged_offsets(HERE)
    return offsets


def draw(hits_csv: str | None = None) -> None:
    """Write this folder's ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    METHOD.draw(hits_csv, here=HERE, seed=SEED)


def judged_lines() -> pd.DataFrame:
    """This folder's blind sheet joined with the verdicts and the key."""
    lines: pd.DataFrame = METHOD.judged_lines(HERE)
    return lines


def first_holdout() -> pd.DataFrame:
    """The 2026-12-01 holdout's joined lines, read by that folder's own script (one reader)."""
    lines: pd.DataFrame = METHOD.judged_lines()
    return lines


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    """Newcombe's hybrid score 95 % interval for the difference ``k2/n2 - k1/n1``.

    Built from the two Wilson intervals (Newcombe 1998, method 10), so it stays sensible
    near 100 %, where the Wald interval of a difference is far too narrow.
    """
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson(k1, n1), wilson(k2, n2)
    d = p2 - p1
    return d - ((p2 - l2) ** 2 + (u1 - p1) ** 2) ** 0.5, d + ((u2 - p2) ** 2 + (p1 - l1) ** 2) ** 0.5


def compare(name: str, k1: int, n1: int, k2: int, n2: int) -> dict[str, Any]:
    """One row of :func:`comparison`: both proportions, their difference and Fisher's exact p."""
    from scipy.stats import fisher_exact

    low, high = newcombe(k1, n1, k2, n2)
    p_value = float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])[1])
    return {"measure": name, "first": k1, "first_n": n1, "second": k2, "second_n": n2,
            "difference": k2 / n2 - k1 / n1, "low": low, "high": high, "fisher_p": p_value}  # fmt: skip


def comparison(lines: pd.DataFrame, first: pd.DataFrame) -> pd.DataFrame:
    """This holdout against the 2026-12-01 one: sense precision per lexicon and the quoted flag.

    The two samples are independent simple random samples of fresh hits (this one excludes
    the first one's lines), but of two lexicon versions (before and after commit 937ba32)
    and judged by two coders, so a difference can come from the rules or from the coder.
    """
    rows = []
    for lexicon in ("term", "actor"):
        a, b = first[first["lexicon"] == lexicon], lines[lines["lexicon"] == lexicon]
        rows.append(compare(f"{lexicon} precision", int(a["correct"].sum()), len(a), int(b["correct"].sum()), len(b)))
    agree = [int((part["flag"] == part["in_quote"]).sum()) for part in (first, lines)]
    rows.append(compare("quoted flag accuracy", agree[0], len(first), agree[1], len(lines)))
    flipped = [int((part["flag"] == part["in_quote"].where(part["in_quote_borderline"] == 0, 1 - part["in_quote"])).sum()) for part in (first, lines)]  # fmt: skip
    rows.append(compare("quoted flag accuracy, borderline flipped", flipped[0], len(first), flipped[1], len(lines)))
    return pd.DataFrame(rows)


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the method's, then the comparison)."""
    results = METHOD.score(HERE)
    compared = comparison(results.pop("lines"), first_holdout())
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(compared.round(3).to_string(index=False))
    return {**results, "comparison": compared}


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

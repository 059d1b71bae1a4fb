"""A third blind, hit-level check of dictionary precision (2026-12-02, "b").

The method of ``../holdout_2026-12-02/holdout.py`` (itself that of ``../holdout_2026-12-01/``),
repeated on the lexicon as it is after the second holdout's suggested fixes (commit c95666e)
and on main at 57b8265, with a new seed; the lines of both earlier holdouts are among the
excluded ones.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-02b/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-02b/holdout.py score

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

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
VALIDATION = ROOT / "data" / "validation"
#: The earlier holdouts (before the fixes of 937ba32 and of c95666e); compared with this one.
EARLIER = {"first": VALIDATION / "holdout_2026-12-01", "second": VALIDATION / "holdout_2026-12-02"}
#: Chosen and committed before any line was judged (the date of the draw and a "3" for third).
SEED = 202612023


def _script(folder: Path) -> ModuleType:
    """A holdout folder's ``holdout.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The method: the first holdout's script, used with this folder and :data:`SEED`.
METHOD = _script(VALIDATION / "holdout_2026-12-01")
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


def earlier_holdout(folder: Path) -> pd.DataFrame:
    """An earlier holdout's joined lines, read by that folder's own script (one reader)."""
    lines: pd.DataFrame = _script(folder).judged_lines()
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


def compare(name: str, earlier: str, k1: int, n1: int, k2: int, n2: int) -> dict[str, Any]:
    """One row of :func:`comparison`: both proportions, their difference and Fisher's exact p."""
    from scipy.stats import fisher_exact

    low, high = newcombe(k1, n1, k2, n2)
    p_value = float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])[1])
    return {"measure": name, "earlier": earlier, "then": k1, "then_n": n1, "now": k2, "now_n": n2,
            "difference": k2 / n2 - k1 / n1, "low": low, "high": high, "fisher_p": p_value}  # fmt: skip


def flag_agreement(lines: pd.DataFrame, flip: bool = False) -> int:
    """Lines where the ``quoted`` flag equals the coder's verdict (borderline verdicts flipped)."""
    truth = lines["in_quote"]
    if flip:
        truth = truth.where(lines["in_quote_borderline"] == 0, 1 - truth)
    return int((lines["flag"] == truth).sum())


def comparison(lines: pd.DataFrame, earlier: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """This holdout against each earlier one: sense precision per lexicon and the quoted flag.

    The samples are independent simple random samples of fresh hits (each later one excludes
    the earlier ones' lines), but of three lexicon versions (before 937ba32, before c95666e,
    after both) and judged by three coder sessions, so a difference can come from the rules
    or from the coder.
    """
    rows = []
    for name, then in earlier.items():
        for lexicon in ("term", "actor"):
            a, b = then[then["lexicon"] == lexicon], lines[lines["lexicon"] == lexicon]
            rows.append(compare(f"{lexicon} precision", name, int(a["correct"].sum()), len(a), int(b["correct"].sum()), len(b)))  # fmt: skip
        rows.append(compare("quoted flag accuracy", name, flag_agreement(then), len(then), flag_agreement(lines), len(lines)))  # fmt: skip
        rows.append(compare("quoted flag accuracy, borderline flipped", name, flag_agreement(then, True), len(then), flag_agreement(lines, True), len(lines)))  # fmt: skip
    return pd.DataFrame(rows)


def homogeneity(lines: pd.DataFrame, earlier: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Are the three holdouts' proportions compatible? One 2 x 3 test per measure.

    Counts are small (4-5 errors per sample), so the chi-square approximation is poor; the
    p-value is Monte Carlo, from 20,000 tables of permuted labels with a fixed seed, which
    is exact in expectation and reproducible.
    """
    samples = [*earlier.values(), lines]
    rng = np.random.default_rng(0)
    rows = []
    for measure in ("term", "actor", "quoted flag"):
        if measure == "quoted flag":
            outcomes = [(part["flag"] == part["in_quote"]).astype(int).to_numpy() for part in samples]
        else:
            outcomes = [part.loc[part["lexicon"] == measure, "correct"].astype(int).to_numpy() for part in samples]
        rows.append({"measure": measure, "right": [int(o.sum()) for o in outcomes], "n": [len(o) for o in outcomes],
                     "p_permutation": permutation_p(outcomes, rng)})  # fmt: skip
    return pd.DataFrame(rows)


def permutation_p(outcomes: list[np.ndarray], rng: np.random.Generator, rounds: int = 20000) -> float:
    """Monte Carlo p of the chi-square statistic of a 2 x k table under permuted group labels."""
    pooled = np.concatenate(outcomes)
    bounds = np.cumsum([len(o) for o in outcomes])[:-1]

    def statistic(values: np.ndarray) -> float:
        groups = np.split(values, bounds)
        rate = values.mean()
        if rate in (0.0, 1.0):
            return 0.0
        return float(sum(len(g) * (g.mean() - rate) ** 2 for g in groups) / (rate * (1 - rate)))

    observed = statistic(pooled)
    extreme = sum(statistic(rng.permutation(pooled)) >= observed - 1e-12 for _ in range(rounds))
    return (extreme + 1) / (rounds + 1)


def score() -> dict[str, Any]:
    """Every number of the README, printed and returned (the method's, then the comparisons)."""
    results = METHOD.score(HERE)
    lines = results.pop("lines")
    earlier = {name: earlier_holdout(folder) for name, folder in EARLIER.items()}
    compared, homogeneous = comparison(lines, earlier), homogeneity(lines, earlier)
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(compared.round(3).to_string(index=False))
        print(homogeneous.round(3).to_string(index=False))
    return {**results, "comparison": compared, "homogeneity": homogeneous}


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

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
:data:`N_TERMS` term hits and :data:`N_ACTORS` actor hits with numpy seed :data:`SEED`, and
writes ``blind.csv`` (what the coder reads), ``key.csv`` (what the coder does not see: the
offsets, ``quoted`` and ``negated``), ``quoted_context.csv`` (a wider context, without the
flag, for the quoted-speech verdicts) and ``population.csv`` (hits, excluded, fresh).

``score`` reads only the committed files of this folder (``blind.csv``, ``key.csv``,
``population.csv``, ``judgments.csv``, ``quoted_judgments.csv``, ``after_unblinding.csv``) and
prints and returns every number of the README.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
VALIDATION = ROOT / "data" / "validation"
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_20k.csv.gz"
#: The earlier holdouts (before the fixes of 937ba32 and of c95666e); compared with this one.
EARLIER = {"first": VALIDATION / "holdout_2026-12-01", "second": VALIDATION / "holdout_2026-12-02"}
#: Chosen and committed before any line was judged (the date of the draw and a "3" for third).
SEED = 202612023
N_TERMS = 250
N_ACTORS = 150
#: Characters of context either side of the hit on the blind sheet (as in the audits).
WIDTH = 60
#: Characters either side for the quoted-speech verdicts (a quotation is often longer).
QUOTE_WIDTH = 250
KEY = ["doc_id", "start", "end"]


# -- draw: needs ../shared ------------------------------------------------------------------


def count_corpus(out: Path) -> Path:
    """Count :data:`CORPUS` with the bundled lexicons and current code; the ``hits.csv`` path."""
    command = [sys.executable, "-m", "analysis.cli", "count", str(CORPUS), "--out", str(out), "--no-progress"]
    subprocess.run(command, check=True)
    return out / "hits.csv"


def judged_offsets() -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` in a CSV of ``data/validation/`` outside this folder."""
    seen: set[tuple[str, int, int]] = set()
    for path in sorted(VALIDATION.rglob("*.csv*")):
        if HERE in path.parents:
            continue
        table = pd.read_csv(path, dtype={"doc_id": str}, nrows=0)
        if not set(KEY) <= set(table.columns):
            continue
        table = pd.read_csv(path, dtype={"doc_id": str}, usecols=KEY, keep_default_na=False)
        table = table[(table["start"] != "") & (table["end"] != "")]
        seen |= {(d, int(s), int(e)) for d, s, e in table.itertuples(index=False)}
    return seen


def kwic(text: str, start: int, end: int, width: int) -> str:
    """The hit in ``[[ ]]`` with ``width`` characters each side, line breaks shown as ``¶``."""
    line = f"{text[max(0, start - width) : start]}[[{text[start:end]}]]{text[end : end + width]}"
    return line.replace("\n", " ¶ ")


def texts_of(path: Path) -> dict[str, str]:
    """Each document's text as ``framing count`` reads it (the offsets' text), by ``doc_id``."""
    from analysis.ingest import read_documents

    documents = read_documents(str(path))
    return dict(zip(documents["doc_id"].astype(str), documents["text"]))


def draw_lines(hits: pd.DataFrame, seen: set[tuple[str, int, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The drawn lines (terms first, then actors) and the population table."""
    rng = np.random.default_rng(SEED)
    judged = np.array([(d, s, e) in seen for d, s, e in zip(hits["doc_id"], hits["start"], hits["end"])])
    drawn, population = [], []
    for kind, n, prefix in (("term", N_TERMS, "T"), ("actor", N_ACTORS, "A")):
        mine = hits["kind"] == kind
        fresh = hits[mine & ~judged].reset_index(drop=True)
        part = fresh.iloc[rng.choice(len(fresh), size=n, replace=False)].reset_index(drop=True)
        part.insert(0, "sample_id", [f"{prefix}{i:03d}" for i in range(1, n + 1)])
        drawn.append(part)
        population.append({"kind": kind, "hits": int(mine.sum()), "excluded": int((mine & judged).sum()), "fresh": len(fresh)})  # fmt: skip
    return pd.concat(drawn, ignore_index=True), pd.DataFrame(population)


def draw(hits_csv: str | None = None) -> None:
    """Write ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(hits_csv) if hits_csv else count_corpus(Path(tmp) / "run")
        hits = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
    lines, population = draw_lines(hits, judged_offsets())
    texts = texts_of(CORPUS)
    spans = list(zip(lines["doc_id"], lines["start"], lines["end"]))
    assert all(texts[d][s:e] == h for (d, s, e), h in zip(spans, lines["surface"]))
    lines["lexicon"] = lines["kind"]
    lines["kwic"] = [kwic(texts[d], s, e, WIDTH) for d, s, e in spans]
    lines["context"] = [kwic(texts[d], s, e, QUOTE_WIDTH) for d, s, e in spans]
    blind = ["sample_id", "lexicon", "entry", "label", "category", "kwic"]
    lines[blind].to_csv(HERE / "blind.csv", index=False)
    key = ["sample_id", "doc_id", "start", "end", "surface", "lexicon_row", "paragraph", "sentence", "quoted", "negated"]  # fmt: skip
    lines[key].to_csv(HERE / "key.csv", index=False)
    lines[["sample_id", "entry", "context"]].to_csv(HERE / "quoted_context.csv", index=False)
    population.to_csv(HERE / "population.csv", index=False)
    print(population.to_string(index=False))


# -- score: every number of the README, from committed files only ---------------------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval (:func:`analysis.coding.agreement.wilson_interval`)."""
    from analysis.coding.agreement import wilson_interval

    return wilson_interval(k, n)


def judged_lines() -> pd.DataFrame:
    """The blind sheet joined with the sense verdicts, the quoted verdicts and then the key."""
    blind = pd.read_csv(HERE / "blind.csv", keep_default_na=False)
    sense = pd.read_csv(HERE / "judgments.csv", keep_default_na=False)
    quoted = pd.read_csv(HERE / "quoted_judgments.csv", keep_default_na=False)
    key = pd.read_csv(HERE / "key.csv", dtype={"doc_id": str}, keep_default_na=False)
    lines = blind.merge(sense, on="sample_id").merge(quoted, on="sample_id").merge(key, on="sample_id")
    assert len(lines) == len(blind) == len(sense) == len(quoted) == len(key), "one row per line in every file"
    assert set(lines["correct"]) <= {0, 1} and set(lines["in_quote"]) <= {0, 1}
    assert (lines.loc[lines["correct"] == 0, "reason"] != "").all(), "every wrong line has a reason"
    lines["flag"] = lines["quoted"].map({"True": 1, "False": 0, True: 1, False: 0}).astype(int)
    return lines


def proportion(k: int, n: int) -> dict[str, Any]:
    """Count, size, share and Wilson interval."""
    low, high = wilson(k, n)
    return {"right": k, "n": n, "precision": k / n, "low": low, "high": high}


def precision_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Precision per lexicon, each borderline verdict flipped, and per voice (the flag as set).

    The ``borderline flipped`` rows say how far the coder's close calls move the estimate:
    every line marked ``borderline`` counted the other way.
    """
    rows = []
    for lexicon, part in lines.groupby("lexicon", sort=False):
        rows.append({"lexicon": lexicon, "part": "all", **proportion(int(part["correct"].sum()), len(part))})
        flipped = part["correct"].where(part["borderline"] == 0, 1 - part["correct"])
        rows.append({"lexicon": lexicon, "part": "borderline flipped", **proportion(int(flipped.sum()), len(part))})
        for flag, sub in part.groupby("flag"):
            name = "flagged quoted" if flag else "flagged narrator"
            rows.append({"lexicon": lexicon, "part": name, **proportion(int(sub["correct"].sum()), len(sub))})
    return pd.DataFrame(rows)


def reread(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines with the quoted verdicts re-read after the key was joined (``after_unblinding.csv``).

    Only the lines where the blind verdict and the flag disagreed were re-read, so this can
    only move the accuracy towards the flag; the blind figure stays the headline.
    """
    after = pd.read_csv(HERE / "after_unblinding.csv", keep_default_na=False)
    assert set(after["field"]) <= {"in_quote"}
    blind = lines.set_index("sample_id")["in_quote"]
    assert (blind.loc[after["sample_id"]].to_numpy() == after["blind"].to_numpy()).all(), "blind column must match"
    changed = dict(zip(after["sample_id"], after["reread"]))
    return lines.assign(in_quote=[changed.get(s, q) for s, q in zip(lines["sample_id"], lines["in_quote"])])


def quoted_table(lines: pd.DataFrame) -> pd.DataFrame:
    """The quoted flag against the coder's verdict: the confusion counts and the accuracy.

    Rows per lexicon and for both; ``both, borderline flipped`` counts every verdict marked
    ``in_quote_borderline`` the other way (unmarked direct speech, interview answers).
    """
    flipped = lines.assign(in_quote=lines["in_quote"].where(lines["in_quote_borderline"] == 0, 1 - lines["in_quote"]))
    groups = [
        ("both", lines),
        *lines.groupby("lexicon", sort=False),
        ("both, borderline flipped", flipped),
        ("both, after re-reading", reread(lines)),
    ]
    rows = []
    for lexicon, part in groups:
        flag, truth = part["flag"], part["in_quote"]
        tp, fp = int(((flag == 1) & (truth == 1)).sum()), int(((flag == 1) & (truth == 0)).sum())
        fn, tn = int(((flag == 0) & (truth == 1)).sum()), int(((flag == 0) & (truth == 0)).sum())
        acc = proportion(tp + tn, len(part))
        rows.append({"lexicon": lexicon, "tp": tp, "fp": fp, "fn": fn, "tn": tn, "accuracy": acc["precision"], "low": acc["low"], "high": acc["high"]})  # fmt: skip
    return pd.DataFrame(rows)


def repeated_errors(lines: pd.DataFrame) -> pd.DataFrame:
    """Wrong lines per entry, entries with more than one first."""
    wrong = lines[lines["correct"] == 0]
    table = wrong.groupby(["lexicon", "entry"]).size().rename("wrong").reset_index()
    drawn = lines.groupby(["lexicon", "entry"]).size().rename("drawn").reset_index()
    return table.merge(drawn).sort_values(["wrong", "entry"], ascending=[False, True]).reset_index(drop=True)


def earlier_holdout(folder: Path) -> pd.DataFrame:
    """An earlier holdout's joined lines, read by that folder's own script (one reader)."""
    spec = importlib.util.spec_from_file_location(f"holdout_{folder.name}", folder / "holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines: pd.DataFrame = module.judged_lines()
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
    """Every number of the README, printed and returned."""
    lines = judged_lines()
    population = pd.read_csv(HERE / "population.csv")
    table, quoted, repeats = precision_table(lines), quoted_table(lines), repeated_errors(lines)
    earlier = {name: earlier_holdout(folder) for name, folder in EARLIER.items()}
    compared, homogeneous = comparison(lines, earlier), homogeneity(lines, earlier)
    wrong = lines[lines["correct"] == 0].sort_values(["lexicon", "entry", "sample_id"])
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(population.to_string(index=False))
        print(table.round(3).to_string(index=False))
        print(quoted.round(3).to_string(index=False))
        print(repeats.to_string(index=False))
        print(wrong[["sample_id", "entry", "label", "surface", "reason"]].to_string(index=False))
        print(compared.round(3).to_string(index=False))
        print(homogeneous.round(3).to_string(index=False))
    return {"population": population, "precision": table, "quoted": quoted, "repeats": repeats, "wrong": wrong, "comparison": compared, "homogeneity": homogeneous}  # fmt: skip


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

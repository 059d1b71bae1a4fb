"""A final, blind, hit-level check of dictionary precision (2026-12-01).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-01/holdout.py draw [HITS_CSV]
    python data/validation/holdout_2026-12-01/holdout.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). Without
``HITS_CSV`` it counts that corpus with the bundled lexicons (``framing count``, no model) into
a temporary folder; with it, it reads that ``hits.csv`` of such a run. It leaves out every hit
whose ``doc_id``, ``start`` and ``end`` already stand in a CSV of ``data/validation/`` (any
judged, keyed or retained line of an earlier audit) whose folder declares, in its
``judged.toml``, a property that this folder's declares too (:func:`judged_offsets`), then draws
a simple random sample of :data:`N_TERMS` term hits and :data:`N_ACTORS` actor hits with numpy
seed :data:`SEED`, and writes ``blind.csv`` (what the coder reads), ``key.csv`` (what the coder
does not see: the offsets, ``quoted`` and ``negated``), ``quoted_context.csv`` (a wider context,
without the flag, for the quoted-speech verdicts) and ``population.csv`` (hits, excluded, fresh).

``score`` reads only the committed files of this folder (``blind.csv``, ``key.csv``,
``population.csv``, ``judgments.csv``, ``quoted_judgments.csv``) and prints and returns every
number of the README.

The later holdouts (``../holdout_2026-12-02/``, ``../holdout_2026-12-02b/``) use this script's
functions with their own folder and seed (the ``here`` and ``seed`` parameters, and
``n_terms``, ``n_actors`` for other sample sizes): one method.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
VALIDATION = ROOT / "data" / "validation"
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_20k.csv.gz"
#: Chosen and committed before any line was judged (the date of the draw).
SEED = 20261201
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


#: The file in which a folder of ``data/validation/`` declares what its sheets judged (that README).
DECLARATION = "judged.toml"
#: What a sheet can judge of a hit or span: its sense (a loaded term's or a tagger span's), whether it
#: names its actor, whether it stands in quoted speech, the ``negated`` flag, the source of a cue.
PROPERTIES = frozenset({"sense", "actor", "quoted", "negated", "sourcing"})


def declared(folder: Path) -> frozenset[str]:
    """The properties ``folder``'s ``judged.toml`` says its sheets judged (``properties = [...]``).

    Raises
    ------
    FileNotFoundError
        The folder declares nothing: whether its lines count as judged is the author's call, not a default.
    ValueError
        A property outside :data:`PROPERTIES` (a typo would silently count nothing).
    """
    path = folder / DECLARATION
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: say what the folder's sheets judged (data/validation/README.md)")
    with path.open("rb") as file:
        properties = frozenset(tomllib.load(file)["properties"])
    if not properties <= PROPERTIES:
        raise ValueError(f"{path}: unknown properties {sorted(properties - PROPERTIES)}; known: {sorted(PROPERTIES)}")
    return properties


def owner(path: Path, validation: Path = VALIDATION) -> Path:
    """The folder whose declaration covers ``path``: its top folder under ``validation``, or ``validation`` for a file there."""
    parts = path.relative_to(validation).parts
    return validation / parts[0] if len(parts) > 1 else validation


def judged_offsets(here: Path = HERE, validation: Path = VALIDATION) -> set[tuple[str, int, int]]:
    """Every ``(doc_id, start, end)`` already judged for a property that ``here`` judges (:func:`declared`).

    The offsets of each CSV of ``validation`` outside the folder ``here`` whose folder (:func:`owner`)
    declares a property that ``here`` declares too. A line judged only for another property (the ``negated`` flag, say) was never judged for what
    ``here`` judges, so it may be drawn. A folder with such a CSV and no declaration is an error.
    """
    asked = declared(here)
    seen: set[tuple[str, int, int]] = set()
    for path in sorted(validation.rglob("*.csv*")):
        if here in path.parents:
            continue
        table = pd.read_csv(path, dtype={"doc_id": str}, nrows=0)
        if not set(KEY) <= set(table.columns) or not asked & declared(owner(path, validation)):
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


def draw_lines(
    hits: pd.DataFrame,
    seen: set[tuple[str, int, int]],
    seed: int = SEED,
    n_terms: int = N_TERMS,
    n_actors: int = N_ACTORS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The drawn lines (``n_terms`` terms first, then ``n_actors`` actors) and the population table."""
    rng = np.random.default_rng(seed)
    judged = np.array([(d, s, e) in seen for d, s, e in zip(hits["doc_id"], hits["start"], hits["end"])])
    drawn, population = [], []
    for kind, n, prefix in (("term", n_terms, "T"), ("actor", n_actors, "A")):
        mine = hits["kind"] == kind
        fresh = hits[mine & ~judged].reset_index(drop=True)
        part = fresh.iloc[rng.choice(len(fresh), size=n, replace=False)].reset_index(drop=True)
        part.insert(0, "sample_id", [f"{prefix}{i:03d}" for i in range(1, n + 1)])
        drawn.append(part)
        population.append({"kind": kind, "hits": int(mine.sum()), "excluded": int((mine & judged).sum()), "fresh": len(fresh)})  # fmt: skip
    return pd.concat(drawn, ignore_index=True), pd.DataFrame(population)


def draw(
    hits_csv: str | None = None,
    *,
    here: Path = HERE,
    seed: int = SEED,
    n_terms: int = N_TERMS,
    n_actors: int = N_ACTORS,
) -> None:
    """Write ``blind.csv``, ``key.csv``, ``quoted_context.csv`` and ``population.csv`` into ``here``.

    A later holdout passes its own folder, seed and sample sizes; the defaults are this one's.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(hits_csv) if hits_csv else count_corpus(Path(tmp) / "run")
        hits = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
    lines, population = draw_lines(hits, judged_offsets(here), seed, n_terms, n_actors)
    texts = texts_of(CORPUS)
    spans = list(zip(lines["doc_id"], lines["start"], lines["end"]))
    assert all(texts[d][s:e] == h for (d, s, e), h in zip(spans, lines["surface"]))
    lines["lexicon"] = lines["kind"]
    lines["kwic"] = [kwic(texts[d], s, e, WIDTH) for d, s, e in spans]
    lines["context"] = [kwic(texts[d], s, e, QUOTE_WIDTH) for d, s, e in spans]
    blind = ["sample_id", "lexicon", "entry", "label", "category", "kwic"]
    lines[blind].to_csv(here / "blind.csv", index=False)
    key = ["sample_id", "doc_id", "start", "end", "surface", "lexicon_row", "paragraph", "sentence", "quoted", "negated"]  # fmt: skip
    lines[key].to_csv(here / "key.csv", index=False)
    lines[["sample_id", "entry", "context"]].to_csv(here / "quoted_context.csv", index=False)
    population.to_csv(here / "population.csv", index=False)
    print(population.to_string(index=False))


# -- score: every number of the README, from committed files only ---------------------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval (:func:`analysis.coding.agreement.wilson_interval`)."""
    from analysis.coding.agreement import wilson_interval

    return wilson_interval(k, n)


def judged_lines(here: Path = HERE) -> pd.DataFrame:
    """The blind sheet joined with the sense verdicts, the quoted verdicts and then the key."""
    blind = pd.read_csv(here / "blind.csv", keep_default_na=False)
    sense = pd.read_csv(here / "judgments.csv", keep_default_na=False)
    quoted = pd.read_csv(here / "quoted_judgments.csv", keep_default_na=False)
    key = pd.read_csv(here / "key.csv", dtype={"doc_id": str}, keep_default_na=False)
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


def reread(lines: pd.DataFrame, here: Path = HERE) -> pd.DataFrame:
    """The lines with the quoted verdicts re-read after the key was joined (``after_unblinding.csv``).

    Only the lines where the blind verdict and the flag disagreed were re-read, so this can
    only move the accuracy towards the flag; the blind figure stays the headline.
    """
    after = pd.read_csv(here / "after_unblinding.csv", keep_default_na=False)
    assert set(after["field"]) <= {"in_quote"}
    blind = lines.set_index("sample_id")["in_quote"]
    assert (blind.loc[after["sample_id"]].to_numpy() == after["blind"].to_numpy()).all(), "blind column must match"
    changed = dict(zip(after["sample_id"], after["reread"]))
    return lines.assign(in_quote=[changed.get(s, q) for s, q in zip(lines["sample_id"], lines["in_quote"])])


def quoted_table(lines: pd.DataFrame, here: Path = HERE) -> pd.DataFrame:
    """The quoted flag against the coder's verdict: the confusion counts and the accuracy.

    Rows per lexicon and for both; ``both, borderline flipped`` counts every verdict marked
    ``in_quote_borderline`` the other way (unmarked direct speech, interview answers).
    """
    flipped = lines.assign(in_quote=lines["in_quote"].where(lines["in_quote_borderline"] == 0, 1 - lines["in_quote"]))
    groups = [
        ("both", lines),
        *lines.groupby("lexicon", sort=False),
        ("both, borderline flipped", flipped),
        ("both, after re-reading", reread(lines, here)),
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


def score(here: Path = HERE) -> dict[str, Any]:
    """Every number of the folder ``here``'s README, printed and returned."""
    lines = judged_lines(here)
    population = pd.read_csv(here / "population.csv")
    table, quoted, repeats = precision_table(lines), quoted_table(lines, here), repeated_errors(lines)
    wrong = lines[lines["correct"] == 0].sort_values(["lexicon", "entry", "sample_id"])
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(population.to_string(index=False))
        print(table.round(3).to_string(index=False))
        print(quoted.round(3).to_string(index=False))
        print(repeats.to_string(index=False))
        print(wrong[["sample_id", "entry", "label", "surface", "reason"]].to_string(index=False))
    return {"population": population, "precision": table, "quoted": quoted, "repeats": repeats, "wrong": wrong,
            "lines": lines}  # fmt: skip


if __name__ == "__main__":
    commands: dict[str, Callable[..., object]] = {"draw": draw, "score": score}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

"""Bylines and place lines inside the text (2026-12-02): the candidates, the rule's sample, the hits it removes.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/bylines_2026-12-02/bylines.py find
    python data/validation/bylines_2026-12-02/bylines.py hits BEFORE_HITS AFTER_HITS
    python data/validation/bylines_2026-12-02/bylines.py score

``find`` needs ``../shared/data/news_corpus_saudinewsnet_20k.csv.gz`` (not shipped). It looks for
candidate byline lines in every line of every article after the reader's boilerplate removal: a line
that starts with a byline marker (:data:`MARKER`: ``سبق-``, ``(واس)``, ``حوار/``, ``تصوير:`` ...) or
with an actor place and a colon or dash (:data:`PLACE_START`), a later line where one of the leading
dateline patterns (``DATELINE_PATTERNS``) matches, and every byline the new rule strips
(:func:`analysis.corpus.cleaning.strip_bylines`, interviews run into a line included). It writes
``candidates.csv`` (one row per line; the hand ``label`` of an earlier file is kept) and
``stripped.csv`` (every byline the rule strips), and draws ``sample.csv``: :data:`N_SAMPLE` of the
stripped bylines, numpy seed :data:`SEED` (its ``right`` column is the coder's reading, kept too).

``hits BEFORE AFTER`` compares two ``hits.csv`` (or ``.pkl``) of ``framing count`` on that corpus,
before and after the rule, into ``hits_removed.csv`` (each with 60 characters of context before it
on its line; ``right`` = 1 if the hit was a real mention that the cleaning loses).

``score`` reads only the committed CSVs and prints every number of the README.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_20k.csv.gz"
#: Chosen before the sample was drawn (the date and a "7").
SEED = 202612027
N_SAMPLE = 50
#: A byline marker near the start of a line: an agency or Sabq's credit, an interview or photo credit.
MARKER = re.compile(
    r"سبق\s*[-–—:]|\(\s*واس\s*\)|(?:^|[-–—]\s*)واس\s*[-–—:]|^\s*(?:أجرى الحوار|الحوار|حوار|حاوره|تصوير|إعداد|"
    r"متابعات|وكالات|رويترز|أ ف ب|كتب)\s*[:/،\-–—]"
)
#: Labels of candidate lines (``candidates.csv``): read in context, one by one.
BYLINE, RUNNING = "byline or place line", "running text, list or heading"


def _place_start() -> re.Pattern[str]:
    """A line that starts with a place or state of the actor lexicon, then a colon or a dash."""
    actors = pd.read_csv(ROOT / "data" / "lexicons" / "actors.csv", dtype=str, keep_default_na=False)
    places = sorted({a for a, t in zip(actors["alias"], actors["type"]) if t in ("place", "state")}, key=len)
    alternatives = "|".join(re.escape(place) for place in reversed(places))
    return re.compile(rf"^\s*[وف]?(?:ب|ل)?(?:{alternatives})(?:\s*\([^)\n]{{1,30}}\))?\s*[:\-–—]")


def find() -> None:
    """Write ``candidates.csv``, ``stripped.csv`` and ``sample.csv`` from the corpus."""
    from analysis.corpus import CorpusReader
    from analysis.corpus.cleaning import DATELINE_PATTERNS, strip_dateline

    raw = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    plain, full = CorpusReader(datelines=False), CorpusReader()
    place_start = _place_start()
    rows: dict[tuple[str, int], dict] = {}
    stripped = []
    for doc_id, outlet, text in zip(raw["id"], raw["outlet"], raw["text"]):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        boiled, _ = plain.clean(text, outlet)  # boilerplate only: the lines as the dateline rules see them
        _, head = strip_dateline(boiled)
        head_line = boiled.count("\n", 0, boiled.find(head)) if head else -1  # the leading dateline's line
        _, removed = full.clean(text, outlet)
        for what, kind in removed:
            if kind.startswith("byline"):
                start, end = map(int, re.findall(r"\d+", kind))
                stripped.append({"doc_id": doc_id, "outlet": outlet, "start": start, "end": end, "byline": what})
                _candidate(rows, doc_id, outlet, text, start, "new rule", what)
        offset = 0
        for number, line in enumerate(boiled.split("\n")):
            begin, offset = offset, offset + len(line) + 1
            if not line.strip() or number == head_line:
                continue
            found = [how for how, hit in (("marker", MARKER.search(line.lstrip()[:150])),
                                          ("place", place_start.match(line))) if hit]  # fmt: skip
            if boiled[:begin].strip() and any((m := p.match(boiled, begin)) and m.group().strip()
                                              for p in DATELINE_PATTERNS):  # fmt: skip
                found.append("dateline pattern")
            for how in found:
                _candidate(rows, doc_id, outlet, text, begin, how, "")
    _write_with_labels(pd.DataFrame(list(rows.values())), HERE / "candidates.csv", ["doc_id", "line"], "label")
    stripped_frame = pd.DataFrame(stripped)
    stripped_frame.to_csv(HERE / "stripped.csv", index=False)
    drawn = np.random.default_rng(SEED).choice(len(stripped_frame), size=N_SAMPLE, replace=False)
    sample = stripped_frame.iloc[sorted(drawn)].reset_index(drop=True)
    _write_with_labels(sample, HERE / "sample.csv", ["doc_id", "start"], "right")


def _candidate(rows: dict, doc_id: str, outlet: str, text: str, offset: int, how: str, stripped: str) -> None:
    """Add (or extend) the candidate row of the line of ``text`` holding ``offset``."""
    line = text.count("\n", 0, offset)
    row = rows.setdefault((doc_id, line), {"doc_id": doc_id, "outlet": outlet, "line": line, "found_by": "",
                                           "stripped": "", "line_text": text.split("\n")[line].strip()[:160]})  # fmt: skip
    row["found_by"] = "+".join(sorted(set(filter(None, row["found_by"].split("+"))) | {how}))
    row["stripped"] = row["stripped"] or stripped


def _write_with_labels(frame: pd.DataFrame, path: Path, key: list[str], label: str) -> None:
    """Write ``frame`` to ``path``, keeping the ``label`` column of the rows already judged there."""
    if path.exists():
        old = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)[[*key, label]]
        frame = frame.merge(old, on=key, how="left")
    else:
        frame[label] = ""
    frame.fillna({label: ""}).to_csv(path, index=False)


def hits(before: str, after: str) -> None:
    """Write ``hits_removed.csv``: the hits of ``before`` that ``after`` lost (context from the corpus)."""

    def read(path: str) -> pd.DataFrame:
        return pd.read_pickle(path) if path.endswith(".pkl") else pd.read_csv(path, dtype={"doc_id": str})

    key = ["doc_id", "start", "end", "kind", "label"]
    old, new = read(before), read(after)
    merged = old.merge(new[key].assign(_kept=1), on=key, how="left")
    gone = merged[merged["_kept"].isna()]
    texts = dict(pd.read_csv(CORPUS, dtype=str, keep_default_na=False)[["id", "text"]].values)
    rows = []
    for hit in gone.itertuples():
        text = texts[hit.doc_id]
        line_start = text.rfind("\n", 0, hit.start) + 1
        context = f"{text[max(line_start, hit.start - 60) : hit.start]}[[{text[hit.start : hit.end]}]]"
        rows.append({"doc_id": hit.doc_id, "start": hit.start, "end": hit.end, "kind": hit.kind,
                     "label": hit.label, "context": context + text[hit.end : hit.end + 40].split("\n")[0]})  # fmt: skip
    _write_with_labels(pd.DataFrame(rows), HERE / "hits_removed.csv", ["doc_id", "start"], "right")
    added = len(new.merge(old[key].assign(_old=1), on=key, how="left").query("_old.isna()"))
    print(f"{len(old)} hits before, {len(new)} after: {len(gone)} removed, {added} added")


def score() -> dict[str, object]:
    """Print and return every number of the README, from the committed files only."""
    from analysis.coding.agreement import wilson_interval

    candidates = pd.read_csv(HERE / "candidates.csv", dtype={"doc_id": str}, keep_default_na=False)
    stripped = pd.read_csv(HERE / "stripped.csv", dtype={"doc_id": str}, keep_default_na=False)
    sample = pd.read_csv(HERE / "sample.csv", dtype={"doc_id": str}, keep_default_na=False)
    removed = pd.read_csv(HERE / "hits_removed.csv", dtype={"doc_id": str}, keep_default_na=False)
    assert set(candidates["label"]) <= {BYLINE, RUNNING}, "every candidate read and labelled"
    assert set(sample["right"]) <= {0, 1} and set(removed["right"]) <= {0, 1}, "every line judged"
    is_stripped = candidates["stripped"] != ""
    right = int(sample["right"].sum())
    low, high = wilson_interval(right, len(sample))
    numbers: dict[str, object] = {
        "candidates": len(candidates),
        "byline lines": int((candidates["label"] == BYLINE).sum()),
        "running text": int((candidates["label"] == RUNNING).sum()),
        "stripped": int(is_stripped.sum()),
        "stripped, running text": int((is_stripped & (candidates["label"] == RUNNING)).sum()),
        "byline lines kept": int((~is_stripped & (candidates["label"] == BYLINE)).sum()),
        "stripped bylines": len(stripped),
        "stripped by outlet": stripped["outlet"].value_counts().to_dict(),
        "sample right": f"{right}/{len(sample)} = {right / len(sample):.1%} [{low:.1%}, {high:.1%}]",
        "hits removed": len(removed),
        "hits removed in a stripped byline": int(
            sum(_inside(stripped, d, a, b) for d, a, b in zip(removed["doc_id"], removed["start"], removed["end"]))
        ),  # fmt: skip
        "hits removed by label": removed["label"].value_counts().to_dict(),
        "hits removed that were right": int(removed["right"].sum()),
    }
    for name, value in numbers.items():
        print(f"{name}: {value}")
    return numbers


def _inside(stripped: pd.DataFrame, doc_id: str, start: int, end: int) -> bool:
    """Whether ``start:end`` of ``doc_id`` lies inside a byline the rule stripped (else a leading dateline did)."""
    mine = stripped[stripped["doc_id"] == doc_id]
    return bool(((mine["start"] <= start) & (mine["end"] >= end)).any())


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "find":
        find()
    elif command == "hits" and len(sys.argv) == 4:
        hits(sys.argv[2], sys.argv[3])
    elif command == "score":
        score()
    else:
        sys.exit(__doc__)

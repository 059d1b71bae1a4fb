"""Precision of the actor lexicon on news its rules were not written on (2026-12-01).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/actors_out_of_domain_2026-12-01/actors_ood.py draw COVID_HITS ARMPRO_HITS
    python data/validation/actors_out_of_domain_2026-12-01/actors_ood.py score

``draw`` needs the ``hits.csv`` of ``framing count`` (bundled lexicons) on
``/work/shared/data/covid_2020_3outlets.csv`` and ``data/annotated/armpro_dev_loaded_language.jsonl``;
it writes ``blind.csv`` (what the coder reads) and ``key.csv`` (what the coder does not see).
``score`` reads only committed files (``blind.csv``, ``key.csv``, ``judgments.csv`` and the
20k audit's ``judgments.csv``) and prints every number of the README.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
AUDIT = ROOT / "data" / "validation" / "lexicon_audit_2026-12-01" / "actors" / "judgments.csv"
COVID = Path("/work/shared/data/covid_2020_3outlets.csv")
ARMPRO = ROOT / "data" / "annotated" / "armpro_dev_loaded_language.jsonl"
SEED = 21
ARMPRO_N = 150
#: Characters of context either side of the hit on the blind sheet.
WIDTH = 80


def kwic(text: str, start: int, end: int, width: int = WIDTH) -> str:
    """The hit in ``[[ ]]`` with ``width`` characters each side, line breaks shown as ``¶``."""
    line = f"{text[max(0, start - width) : start]} [[{text[start:end]}]] {text[end : end + width]}"
    return line.replace("\n", " ¶ ")


def texts_of(path: Path) -> dict[str, str]:
    """Each document's text as ``framing count`` reads it, by ``doc_id``."""
    from analysis.ingest import read_documents

    documents = read_documents(str(path))
    return dict(zip(documents["doc_id"].astype(str), documents["text"]))


def actor_hits(hits_path: str, corpus: str) -> pd.DataFrame:
    """The actor hits of one ``hits.csv``, tagged with their corpus."""
    hits = pd.read_csv(hits_path, dtype={"doc_id": str}, keep_default_na=False)
    hits = hits[hits["kind"] == "actor"].reset_index(drop=True)
    hits.insert(0, "corpus", corpus)
    return hits


def stratified(hits: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """``n`` hits drawn without replacement, allocated to actor types in proportion (largest remainder)."""
    sizes = hits["category"].value_counts().sort_index()
    quota = sizes / sizes.sum() * n
    alloc = np.floor(quota).astype(int)
    rest = n - int(alloc.sum())
    # Ties broken by type name, so the allocation does not depend on the order of the hits file.
    order = sorted(sizes.index, key=lambda t: (-(quota[t] - alloc[t]), t))
    for t in order[:rest]:
        alloc[t] += 1
    picked = [
        group.iloc[np.sort(rng.choice(len(group), size=alloc[t], replace=False))]
        for t, group in hits.groupby("category", sort=True)
    ]
    return pd.concat(picked)


def draw(covid_hits: str, armpro_hits: str) -> None:
    """Write ``blind.csv`` and ``key.csv``: every COVID-19 actor hit and 150 ArMPro actor hits."""
    rng = np.random.default_rng(SEED)
    covid = actor_hits(covid_hits, "covid")
    armpro = stratified(actor_hits(armpro_hits, "armpro"), ARMPRO_N, rng)
    lines = pd.concat([covid, armpro], ignore_index=True)
    texts = {"covid": texts_of(COVID), "armpro": texts_of(ARMPRO)}
    lines["context"] = [
        kwic(texts[c][d], s, e) for c, d, s, e in zip(lines["corpus"], lines["doc_id"], lines["start"], lines["end"])
    ]
    assert all(texts[c][d][s:e] == h for c, d, s, e, h in zip(lines["corpus"], lines["doc_id"], lines["start"], lines["end"], lines["surface"]))  # fmt: skip
    # Shuffled so that neither the corpus nor the actor type can be read from the order.
    lines = lines.iloc[rng.permutation(len(lines))].reset_index(drop=True)
    lines.insert(0, "sample_id", [f"A{i:03d}" for i in range(1, len(lines) + 1)])
    lines[["sample_id", "surface", "label", "context"]].rename(columns={"surface": "hit"}).to_csv(
        HERE / "blind.csv", index=False
    )
    key_cols = ["sample_id", "corpus", "doc_id", "start", "end", "entry", "lexicon_row", "category"]
    lines[key_cols].rename(columns={"category": "actor_type"}).to_csv(HERE / "key.csv", index=False)
    print(f"COVID-19 {len(covid)} actor hits (all), ArMPro {len(armpro)} drawn; wrote {len(lines)} lines")


if __name__ == "__main__":
    commands = {"draw": draw}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

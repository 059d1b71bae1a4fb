"""Round 5 (retention) of the 2026-12-01 loaded-term audit: what a wider cue scope adds.

Usage (from the repository root, ``PYTHONPATH=src``; RUN folders from ``framing count``)::

    python TOOLS/round5_retention_rules.py data/lexicons/loaded_terms.csv R5.csv sentence+15 yes
    python -m analysis.cli count CORPUS --terms R5.csv --out RUN5 --no-progress
    python TOOLS/round4.py retention RUN5 TEXTS.pkl LOST.csv          # seed-0 retention
    python TOOLS/round5_retention.py added RUN0 RUN5 TEXTS.pkl OUT.csv  # hits the variant adds
    python TOOLS/round5_retention.py added RUN0 RUN5 TEXTS.pkl OUT.csv 50  # a seed-7 sample of them

``added`` lists the term hits of RUN5 that RUN0 (the current lexicon) lacks and that no
audit judged before, shuffled (or sampled) with ``random_state=7``, each with a
keyword-in-context line of 90 characters each side (wider than the 60 of earlier rounds:
the question is whether a cue outside the sentence is about the same thing).  The
verdicts as judged are in ``judgments_round5_retention.csv``.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import round4  # noqa: E402  (the audit's shared helpers)

ROUND5 = round4.AUDIT / "judgments_round5_retention.csv"


def added(base: Path, variant: Path, texts: dict, n: int | None = None) -> pd.DataFrame:
    """Hits of ``variant`` that ``base`` lacks and no earlier line judged, in a seed-7 order."""
    b, h = round4.term_hits(base), round4.term_hits(variant)
    before = set(zip(b["doc_id"], b["start"], b["end"], b["entry"]))
    new = h[[k not in before for k in zip(h["doc_id"], h["start"], h["end"], h["entry"])]]
    seen = round4.seen_lines()
    if ROUND5.exists():
        r5 = pd.read_csv(ROUND5)
        seen |= set(zip(r5["doc_id"], r5["start"]))
    pool = new[[(d, s) not in seen for d, s in zip(new["doc_id"], new["start"])]]
    out = pool.sample(n=min(n, len(pool)) if n else len(pool), random_state=7).reset_index(drop=True)
    out["kwic"] = [round4.kwic(texts[d], s, e, 90) for d, s, e in zip(out["doc_id"], out["start"], out["end"])]
    print(f"{len(new)} hits added, {len(pool)} never judged, {len(out)} listed")
    return out


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "added":
        texts = pickle.load(open(args[2], "rb"))
        added(Path(args[0]), Path(args[1]), texts, int(args[4]) if len(args) > 4 else None).to_csv(args[3], index=False)

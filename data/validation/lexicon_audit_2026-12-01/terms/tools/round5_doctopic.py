"""Round 5, document gate (helper `doctopic`): would a cue row's hit without a cue in its sentence
be right often enough when its whole article is about conflict/politics?

Usage (from the repository root, ``PYTHONPATH=src``; TEXTS from ``round5.py texts``, RUN from
``framing count`` of the 20k corpus with the lexicon of main 3f85890)::

    python TOOLS/round5_doctopic.py design TEXTS          # gates on the judged lines of rounds 1-5
    python TOOLS/round5_doctopic.py corpus TEXTS CANDS.pkl  # every cue-less candidate of the 20k
    python TOOLS/round5_doctopic.py measure RUN TEXTS CANDS.pkl K SAMPLE.csv  # retention, seed-8 sample
    python TOOLS/round5_doctopic.py judge TEXTS SAMPLE.csv  # write judgments_round5_doctopic.csv

A *cue-less candidate* is a candidate of a row with a ``context`` cue list that the current
rule blocks because no cue stands in its scope (``FramingCounter.blocked``: rule ``context``,
detail ``no cue in ...``; a blocking cue or an exclusion still wins).  Its document features:

* ``k``: distinct cues of the row's own list anywhere in the document (the hit's own words
  are no cue), the gate tested: ``k >= K``;
* ``n_unc``: term hits in the document of rows without a cue requirement (unconditional,
  unambiguous vocabulary: إرهاب*, قصف ...), and ``words`` (whitespace words) for a rate.

Design lines: ``judgments.csv`` and ``judgments_round5*.csv`` (seeds 1-7), never a line that
the 2026-11-30 audit judged (seed 0).  The rule (K = 10) was chosen from the design table
before retention or any fresh line was looked at.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import round5  # noqa: E402  (the audit's shared helpers)

from analysis.lexicon import TERMS, load_actors, load_lexicon  # noqa: E402
from analysis.match import _FIRST  # noqa: E402
from analysis.negation import is_negated  # noqa: E402
from analysis.pipeline import FramingCounter  # noqa: E402
from analysis.tokenize import tokenize  # noqa: E402

OUT = round5.AUDIT / "judgments_round5_doctopic.csv"
USED_FOR = "fix (not shipped: document gate k>=10)"


def distinct_cues(matcher, tokens, index: int, first: int, last: int) -> int:
    """Distinct cues of entry ``index``'s required list anywhere in the document, the hit's words excluded."""
    cues = matcher._context[index]
    found = set()
    for j in cues.starts(tokens.norm):
        if first <= j < last:
            continue
        for cue in cues.starting(tokens.norm[j]):
            if cue not in found and matcher._phrase_at(cue, tokens, j, _FIRST):
                found.add(cue)
    return len(found)


def cueless(texts: dict, docs: list[str], lexicon: Path = round5.LEXICON) -> pd.DataFrame:
    """Every cue-less candidate of a cue row in ``docs``, with its document's features."""
    counter = FramingCounter(load_actors(), load_lexicon(lexicon, TERMS))
    matcher = counter.matchers[1][1]  # the term lexicon (actors come first)
    unconditional = [not matcher._context[i].phrases for i in range(matcher.n_entries)]
    rows = []
    for doc in docs:
        tokens = tokenize(texts[doc], folding=counter.folding)
        blocked: list = []
        matches = matcher.find(tokens, blocked=blocked)
        n_unc = sum(1 for m in matches if m.entry < matcher.n_entries and unconditional[m.entry])
        for b in blocked:
            if b.rule == "context" and b.detail.startswith("no cue"):
                entry = matcher.entries[b.entry]
                rows.append(
                    dict(
                        doc_id=doc,
                        start=tokens.start[b.first],
                        end=tokens.end[b.last - 1],
                        entry=entry.written,
                        lexicon_row=entry.row,
                        negated=is_negated(tokens, b.first),
                        k=distinct_cues(matcher, tokens, b.entry, b.first, b.last),
                        n_unc=n_unc,
                        words=len(texts[doc].split()),
                    )
                )
    return pd.DataFrame(rows)


def design_lines(texts: dict) -> pd.DataFrame:
    """The judged lines of rounds 1-5 (never seed 0) that are cue-less candidates now."""
    j = round5.read_judgments()
    j = j[j["seed"].astype(str) != "0"].copy()
    j["correct"] = j["correct"].astype(int)
    old = pd.read_csv(round5.OLD)
    seed0 = set(zip(old["doc_id"], old["start"]))
    j = j[[(d, s) not in seed0 for d, s in zip(j["doc_id"], j["start"])]]
    j = j.drop_duplicates(["doc_id", "start", "entry"], keep="last")
    j = j[j["doc_id"].isin(texts)]
    f = cueless(texts, sorted(set(j["doc_id"])))
    d = j[["doc_id", "start", "entry", "correct"]].merge(f, on=["doc_id", "start", "entry"])
    d["seed0_doc"] = d["doc_id"].isin(set(old["doc_id"]))
    print(
        len(j), "judged lines of rounds 1-5;", len(d), "cue-less lines of cue rows;", int(d["correct"].sum()), "right"
    )
    return d


def gate_table(d: pd.DataFrame) -> pd.DataFrame:
    """Right / admitted among the cue-less design lines whose document passes each gate, and of those failing."""
    d = d.assign(rate=1000 * d["n_unc"] / d["words"])
    gates = {f"k >= {k}": d["k"] >= k for k in (1, 2, 3, 5, 8, 10, 12, 15)}
    gates |= {f"n_unc >= {m}": d["n_unc"] >= m for m in (1, 3, 5, 8, 10)}
    gates |= {f"n_unc per 1,000 words >= {r}": d["rate"] >= r for r in (2, 5, 10, 20)}
    gates |= {f"k >= {k} and n_unc >= {m}": (d["k"] >= k) & (d["n_unc"] >= m) for k in (5, 8) for m in (3, 5)}
    rows = []
    for name, passing in gates.items():
        p, f = d[passing], d[~passing]
        rows.append(
            dict(
                gate=name,
                passing_right=int(p["correct"].sum()),
                passing=len(p),
                share=round(p["correct"].mean(), 2) if len(p) else np.nan,
                articles=p["doc_id"].nunique(),
                failing_right=int(f["correct"].sum()),
                failing=len(f),
            )
        )
    return pd.DataFrame(rows)


def measure(run: Path, texts: dict, cands: pd.DataFrame, k: int, out: Path) -> None:
    """Seed-0 retention with the gate, and a seed-8 sample of 60 never-judged additions."""
    add = cands[cands["k"] >= k]
    kept = round5.retention(round5.term_hits(run))
    lost = kept[~kept["kept_exact"]]
    lost_keys = set(zip(lost["doc_id"], lost["start"], lost["end"]))
    back = sum((d, s, e) in lost_keys for d, s, e in zip(add["doc_id"], add["start"], add["end"]))
    now = int(kept["kept_exact"].sum())
    print(f"additions {len(add)} in {add['doc_id'].nunique()} articles; seed-0 lines recovered {back}")
    print(f"retention {now} -> {now + back} of {len(kept)} ({(now + back) / len(kept):.1%})")
    print(add["entry"].value_counts().to_string())
    seen = round5.seen_lines()
    pool = add[[(d, s) not in seen for d, s in zip(add["doc_id"], add["start"])]]
    s = pool.sample(n=min(60, len(pool)), random_state=8).reset_index(drop=True)
    s["kwic"] = [round5.kwic(texts[d], a, b, 90) for d, a, b in zip(s["doc_id"], s["start"], s["end"])]
    print(len(pool), "never judged;", len(s), "sampled")
    s.to_csv(out, index=False)


# Verdicts on the seed-8 sample (row -> error type; every other row right), strict criterion of
# summary.md, read line by line with 90 characters each side (more where the line was unclear).
WRONG = {
    3: "off_domain (cyber criminals)",
    5: "off_domain (football defeat)",
    12: "off_domain (hackers, cyber crime)",
    15: "off_domain (economic collapse)",
    16: "neutral (claims in a book on Marxism)",
    21: "off_domain (economic history, Galeano)",
    22: "off_domain (cyber criminals)",
    24: "off_domain (ordinary criminal cases)",
    27: "off_domain (a mother unable to find news)",
    34: "off_domain (companies breaking the law)",
    44: "other_sense (legal: acts criminalized by law)",
    45: "off_domain (bullfighting)",
    50: "other_sense (conspiracy theory)",
    51: "off_domain (oil industry)",
    52: "neutral (everyday 'on the grounds that')",
}


def judge(sample_csv: Path) -> pd.DataFrame:
    """The judged sample in the columns of ``judgments.csv``."""
    s = pd.read_csv(sample_csv)
    s["seed"] = 8
    s["used_for"] = USED_FOR
    s["correct"] = [0 if i in WRONG else 1 for i in s.index]
    s["error_type"] = [WRONG.get(i, "") for i in s.index]
    s["still_hit"] = False
    s[round5.COLUMNS].to_csv(OUT, index=False)
    k, n = int(s["correct"].sum()), len(s)
    lo, hi = round5.wilson(k, n)
    # Article bootstrap: the sample's lines cluster in articles (a syndicated statement recurs).
    rng = np.random.default_rng(0)
    by_doc = s.groupby("doc_id")["correct"].agg(["sum", "count"])
    shares = []
    for _ in range(2000):
        pick = by_doc.iloc[rng.integers(0, len(by_doc), len(by_doc))]
        shares.append(pick["sum"].sum() / pick["count"].sum())
    print(
        f"right {k}/{n} = {k / n:.2f} Wilson [{lo}, {hi}]; article bootstrap {np.percentile(shares, [2.5, 97.5]).round(2)}"
    )
    print(s.groupby("entry")["correct"].agg(["sum", "count"]).sort_values("count", ascending=False).to_string())
    return s


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "judge":
        judge(Path(args[1]))
        sys.exit()
    texts = pickle.load(open(args[-1] if cmd == "design" else args[1 if cmd == "measure" else 0], "rb"))
    if cmd == "design":
        print(gate_table(design_lines(texts)).to_string(index=False))
    elif cmd == "corpus":
        c = cueless(texts, sorted(texts))
        c.to_pickle(args[1])
        print(len(c), "cue-less candidates in", c["doc_id"].nunique(), "articles")
    elif cmd == "measure":
        measure(Path(args[0]), texts, pd.read_pickle(args[2]), int(args[3]), Path(args[4]))

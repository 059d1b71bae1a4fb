"""Part B of the second coder's brief: the actor row الدولة الإسلامية (row 225) after its fix.

Run from the repository root, after counting the 20k corpus with the fixed lexicon
(``framing count news_corpus_saudinewsnet_20k.csv.gz --out RUN --no-progress``) and before it
(``BEFORE``), with the texts as the reader produces them pickled to ``TEXTS`` (a Series
doc_id -> text from ``analysis.corpus.reader.read_corpus(...).documents``):

    python data/validation/lexicon_audit_2026-12-01/second_coder/islamic_state.py BEFORE RUN TEXTS

It checks that only row 225 lost hits, looks for hits never judged before (a fresh seed-6 sample
of up to 25), and, as none is left, writes the second coder's reading of every current hit
(islamic_state_census.csv), updates the row in actors/entry_audit.csv and
data/lexicons/actors_audit.csv, and prints the recomputed hit-weighted precision.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROW, ENTRY, SEED = 225, "الدولة الإسلامية", 6
HERE = Path(__file__).resolve().parent
AUDIT = HERE.parent
AUDIT_CSV = AUDIT.parents[1] / "lexicons" / "actors_audit.csv"
KEY = ["doc_id", "kind", "start", "end", "entry", "lexicon_row", "label"]
# the second coder's two wrong readings among the 58 current hits (all others: the group)
WRONG = {
    (
        "snn-9e39aeb236ee",
        1341,
    ): "«الدولة الإسلامية الجديدة في سوريا»: a proposed Islamist state in a Turkish-protected zone, not the group",
    (
        "snn-9e39aeb236ee",
        5047,
    ): "«عاصمة للدولة الإسلامية في الجيب التركي»: the same hypothetical state (the text names «داعش» apart)",
}


def changed_hits(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Hits present in only one of two runs (``_merge`` says which)."""
    m = before[KEY].merge(after[KEY], on=KEY, how="outer", indicator=True)
    return m[m._merge != "both"]


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson 95 % interval of k right out of n."""
    p, d = k / n, 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def census(hits: pd.DataFrame, judged: pd.DataFrame, texts: pd.Series) -> pd.DataFrame:
    """Every current hit of the row with its KWIC, the first coder's label and the second coder's."""
    first = judged[judged.entry == ENTRY].drop_duplicates(["doc_id", "start", "end"], keep="last")
    c = hits.merge(first[["doc_id", "start", "end", "seed", "correct"]], on=["doc_id", "start", "end"], how="left")
    c = c.rename(columns={"seed": "first_coder_seed", "correct": "coder1"})
    c["kwic"] = [
        (texts[d][max(0, s - 60) : s] + "[[" + texts[d][s:e] + "]]" + texts[d][e : e + 60]).replace("\n", " ⏎ ")
        for d, s, e in zip(c.doc_id, c.start, c.end)
    ]
    c["coder2"] = [0 if (d, s) in WRONG else 1 for d, s in zip(c.doc_id, c.start)]
    c["coder2_reason"] = [WRONG.get((d, s), "") for d, s in zip(c.doc_id, c.start)]
    return c[
        [
            "entry",
            "lexicon_row",
            "doc_id",
            "start",
            "end",
            "kwic",
            "first_coder_seed",
            "coder1",
            "coder2",
            "coder2_reason",
        ]
    ]


def weighted(ea: pd.DataFrame, judged: pd.DataFrame, total: int) -> dict:
    """Hit-weighted precision and stratified bootstrap as in actors/method/build.py (numpy seed 0, 5,000)."""
    m = ea[ea.n_sampled > 0]
    groups = [
        judged[(judged.entry == e) & (judged.seed == s)].correct.to_numpy() for e, s in zip(m.entry, m.measured_on_seed)
    ]
    w = m.n_hits.to_numpy(float)
    point = float(np.sum(w * m.n_correct / m.n_sampled) / w.sum())
    rng = np.random.default_rng(0)
    boots = [float(np.sum(w * [rng.choice(g, size=len(g)).mean() for g in groups]) / w.sum()) for _ in range(5000)]
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return dict(
        entries=len(m),
        hits=int(w.sum()),
        share=round(w.sum() / total, 4),
        precision=round(point, 4),
        ci=(round(lo, 4), round(hi, 4)),
    )


def main(before_dir: str, after_dir: str, texts_path: str) -> None:
    """Check, sample, write and print (see the module docstring)."""
    before, after = pd.read_csv(f"{before_dir}/hits.csv"), pd.read_csv(f"{after_dir}/hits.csv")
    diff = changed_hits(before, after)
    print(diff.to_string())
    if set(diff.lexicon_row) != {ROW} or set(diff._merge) != {"left_only"}:
        raise SystemExit("hits of other rows changed: check the lexicon edit")
    judged = pd.read_csv(AUDIT / "actors" / "judgments.csv")
    hits = after[(after.kind == "actor") & (after.lexicon_row == ROW)]
    seen = set(zip(judged.doc_id, judged.start, judged.end))
    fresh = hits[[k not in seen for k in zip(hits.doc_id, hits.start, hits.end)]]
    print(f"{len(hits)} hits of row {ROW}; never judged before: {len(fresh)}")
    fresh.sample(n=min(25, len(fresh)), random_state=SEED)  # the seed-6 draw: empty, nothing to judge
    c = census(hits, judged, pd.read_pickle(texts_path))
    c.to_csv(HERE / "islamic_state_census.csv", index=False)
    k, n = int(c.coder2.sum()), len(c)
    print(
        f"second coder, all {n} hits: {k}/{n}; first coder's labels on the same hits: {int(c.coder1.sum())}/{c.coder1.notna().sum()}"
    )
    ea = pd.read_csv(AUDIT / "actors" / "entry_audit.csv")
    total_before = int((before.kind == "actor").sum())
    print("before:", weighted(ea, judged, total_before))
    i = ea.index[ea.entry == ENTRY][0]
    ea.loc[i, ["n_hits", "measured_on_seed", "n_sampled", "n_correct", "tuning_n", "tuning_correct", "below_90"]] = [
        n,
        SEED,
        0,
        0,
        n,
        k,
        0,
    ]
    ea.loc[i, ["precision", "wilson_lo", "wilson_hi"]] = np.nan
    ea.loc[i, "main_error_types"] = ""
    ea.to_csv(AUDIT / "actors" / "entry_audit.csv", index=False)
    aa = pd.read_csv(AUDIT_CSV)
    j = aa.index[aa.entry == ENTRY][0]
    aa.loc[j, ["n_hits", "n_sampled", "n_correct", "tuning_n", "tuning_correct", "sample"]] = [
        n,
        0,
        0,
        n,
        k,
        "seed 6 (no fresh hit)",
    ]
    aa.loc[j, ["precision", "wilson_lo", "wilson_hi"]] = np.nan
    aa.to_csv(AUDIT_CSV, index=False)
    print("after:", weighted(ea, judged, int((after.kind == "actor").sum())))
    print("census Wilson:", [round(x, 3) for x in wilson(k, n)])


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:4])

"""Round 5 of the 2026-12-01 loaded-term audit, from the committed files.

Extends ``round4.py``: every table is rebuilt from ``judgments.csv`` AND any
``judgments_round5*.csv`` next to it (same columns), the 2026-11-30 seed-0 judgments,
``data/lexicons/loaded_terms.csv``, and a ``framing count`` run over the 20k
corpus (``hits.csv``).  Texts are read with :func:`analysis.corpus.read_corpus`,
so offsets agree with the hits.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python -m analysis.cli count CORPUS --out RUN --no-progress
    python TOOLS/round5.py texts CORPUS TEXTS.pkl
    python TOOLS/round5.py retention RUN TEXTS.pkl LOST.csv     # lost seed-0 lines
    python TOOLS/round5.py sample RUN TEXTS.pkl SEED OUT.csv ENTRY[,ENTRY...]
    python TOOLS/round5.py design RUN ENTRY[,ENTRY...]          # rules against judged lines only
    python TOOLS/round5.py census RUN                           # entries whose every hit is judged
    python TOOLS/round5.py other SEED OUT.csv ENTRY[,...] CORPUS[+CORPUS...]   # not the 20k
    python TOOLS/round5.py tables RUN                           # entry_audit, retention, headline

``sample`` draws up to 25 hits per entry with ``DataFrame.sample(random_state=SEED)``
from the hits never judged before (any line of ``judgments.csv`` or of the
2026-11-30 audit, by doc_id and start).  Judged samples are appended to
``judgments.csv`` by hand-written verdicts (``append`` below): a line is right
only in the loaded, conflict/political sense (summary.md, Criterion).
"""

from __future__ import annotations

import json
import math
import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
AUDIT = HERE.parent
ROOT = AUDIT.parents[3]
OLD = ROOT / "data/validation/lexicon_audit_2026-11-30/judgments.csv"
LEXICON = ROOT / "data/lexicons/loaded_terms.csv"
JUDGED = AUDIT / "judgments.csv"
COLUMNS = [
    "seed",
    "used_for",
    "entry",
    "lexicon_row",
    "doc_id",
    "start",
    "end",
    "negated",
    "kwic",
    "correct",
    "error_type",
    "still_hit",
]


def kwic(text: str, start: int, end: int, width: int = 60) -> str:
    """The hit in ``[[ ]]`` with ``width`` characters each side; ¶ for a newline."""
    line = text[max(0, start - width) : start] + " [[" + text[start:end] + "]] " + text[end : end + width]
    return line.replace("\n", " ¶ ")


def term_hits(run: Path) -> pd.DataFrame:
    """The term hits of a ``framing count`` run."""
    hits = pd.read_csv(run / "hits.csv")
    return hits[hits["kind"] == "term"].reset_index(drop=True)


def old_correct() -> pd.DataFrame:
    """The term lines the 2026-11-30 audit (seed 0) judged right."""
    old = pd.read_csv(OLD)
    return old[(old["kind"] == "term") & (old["judgment"] == 1)].reset_index(drop=True)


def judgment_files() -> list[Path]:
    """``judgments.csv`` and every ``judgments_round5*.csv`` next to it (same columns)."""
    return [JUDGED, *sorted(AUDIT.glob("judgments_round5*.csv"))]


def read_judgments() -> pd.DataFrame:
    """Every judged line of rounds 1-5, from all judgment files."""
    return pd.concat([pd.read_csv(f, keep_default_na=False) for f in judgment_files()], ignore_index=True)


def seen_lines() -> set[tuple[str, int]]:
    """(doc_id, start) of every line judged in any round, old audit included."""
    judged = read_judgments()
    old = pd.read_csv(OLD)
    return set(zip(judged["doc_id"], judged["start"])) | set(zip(old["doc_id"], old["start"]))


def retention(hits: pd.DataFrame) -> pd.DataFrame:
    """Each previously right line with ``kept_exact`` and ``kept_overlap``."""
    old = old_correct()
    exact = set(zip(hits["doc_id"], hits["start"], hits["end"]))
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc, s, e in zip(hits["doc_id"], hits["start"], hits["end"]):
        spans.setdefault(doc, []).append((s, e))
    old["kept_exact"] = [(d, s, e) in exact for d, s, e in zip(old["doc_id"], old["start"], old["end"])]
    old["kept_overlap"] = [
        any(a < e and b > s for a, b in spans.get(d, [])) for d, s, e in zip(old["doc_id"], old["start"], old["end"])
    ]
    return old


def sample(hits: pd.DataFrame, texts: dict, entries: list[str], seed: int) -> pd.DataFrame:
    """Up to 25 never-judged hits per entry, drawn with ``random_state=seed``."""
    seen = seen_lines()
    n = hits.groupby("entry").size()
    rows = []
    for entry in entries:
        pool = hits[hits["entry"] == entry]
        pool = pool[[(d, s) not in seen for d, s in zip(pool["doc_id"], pool["start"])]]
        for r in pool.sample(n=min(25, len(pool)), random_state=seed).itertuples():
            rows.append(
                dict(
                    seed=seed,
                    entry=entry,
                    lexicon_row=r.lexicon_row,
                    doc_id=r.doc_id,
                    start=r.start,
                    end=r.end,
                    negated=r.negated,
                    kwic=kwic(texts[r.doc_id], r.start, r.end),
                    n_hits=int(n.get(entry, 0)),
                    n_pool=len(pool),
                )
            )
    return pd.DataFrame(rows)


def append(sampled: Path, wrong: dict[int, str], used_for: str, out: Path = JUDGED) -> None:
    """Append a judged sample to ``out``: ``wrong`` maps a row of it to its error type."""
    s = pd.read_csv(sampled)
    s["used_for"] = used_for
    s["correct"] = [0 if i in wrong else 1 for i in s.index]
    s["error_type"] = [wrong.get(i, "") for i in s.index]
    s["still_hit"] = True
    judged = pd.read_csv(out, keep_default_na=False) if out.exists() else pd.DataFrame(columns=COLUMNS)
    pd.concat([judged, s[COLUMNS]], ignore_index=True).to_csv(out, index=False)


def labels(rounds: str = "all") -> pd.DataFrame:
    """The latest verdict on every judged line, keyed by (doc_id, start), with its entry and seed.

    ``rounds="0-4"`` reads only the old seed-0 audit and ``judgments.csv``: what rules of round 5
    may be designed on.  Seed 0 lines (2026-11-30) come first, so a later verdict wins.
    """
    old = pd.read_csv(OLD)
    old = old[old["kind"] == "term"]
    old = pd.DataFrame(
        dict(seed=0, entry=old["entry"], doc_id=old["doc_id"], start=old["start"], correct=old["judgment"])
    )
    new = pd.read_csv(JUDGED, keep_default_na=False) if rounds == "0-4" else read_judgments()
    both = pd.concat([old, new[["seed", "entry", "doc_id", "start", "correct"]]], ignore_index=True)
    both["correct"] = both["correct"].astype(int)
    both["seed"] = both["seed"].astype(int)
    return both.sort_values("seed", kind="stable").drop_duplicates(["doc_id", "start"], keep="last")


def design(hits: pd.DataFrame, entries: list[str]) -> pd.DataFrame:
    """Per entry, what the current rules do to the lines judged in rounds 0-4 (tuning only).

    ``hit_right``/``hit_wrong``: judged lines of the entry that are hits now; ``lost_right``:
    lines judged right that are no longer hits of the entry (retention of the entry's own lines).
    """
    lab = labels("0-4")
    rows = []
    for entry in entries:
        mine = lab[lab["entry"] == entry]
        now = hits[hits["entry"] == entry]
        key = set(zip(now["doc_id"], now["start"]))
        is_hit = np.array([(d, s) in key for d, s in zip(mine["doc_id"], mine["start"])], dtype=bool)
        on = mine[is_hit]
        off = mine[~is_hit]
        right, wrong = int(on["correct"].sum()), int((on["correct"] == 0).sum())
        rows.append(
            dict(
                entry=entry,
                hits=len(now),
                hit_right=right,
                hit_wrong=wrong,
                tuning_precision=round(right / (right + wrong), 3) if right + wrong else np.nan,
                lost_right=int(off["correct"].sum()),
                seed0_lost_right=int(off[off["seed"] == 0]["correct"].sum()),
            )
        )
    return pd.DataFrame(rows)


def census(hits: pd.DataFrame, min_hits: int = 20) -> pd.DataFrame:
    """Entries with ``min_hits`` or more hits whose every hit was judged: right / hits.

    Not an independent estimate: the rules were designed on these same lines.
    """
    lab = labels().set_index(["doc_id", "start"])["correct"]
    rows = []
    for entry, d in hits.groupby("entry"):
        verdict = [lab.get((doc, s)) for doc, s in zip(d["doc_id"], d["start"])]
        if len(d) < min_hits or any(v is None for v in verdict):
            continue
        k = int(sum(verdict))
        lo, hi = wilson(k, len(d))
        rows.append(dict(entry=entry, hits=len(d), right=k, precision=round(k / len(d), 3), wilson_lo=lo, wilson_hi=hi))
    return pd.DataFrame(rows)


def other_documents(paths: list[str]) -> pd.DataFrame:
    """Documents of corpora that are not part of the 20k: news CSVs and ArMPro JSONL paragraphs."""
    from analysis.corpus import read_corpus

    parts = []
    for path in paths:
        if path.endswith(".jsonl"):  # ArMPro: one paragraph per line; ids are its own
            d = pd.read_json(path, lines=True)
            parts.append(pd.DataFrame(dict(doc_id="armpro-" + d["id"].astype(str), text=d["text"])))
        else:
            parts.append(read_corpus(path).documents[["doc_id", "text"]])
    return pd.concat(parts, ignore_index=True)


def other_sample(paths: list[str], entries: list[str], seed: int) -> pd.DataFrame:
    """Up to 25 hits per entry in other corpora (the lexicon in the repository), drawn with ``seed``."""
    from analysis.pipeline import FramingCounter

    docs = other_documents(paths)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    hits = FramingCounter().count(docs).hits
    hits = hits[hits["kind"] == "term"]
    n = hits.groupby("entry").size()
    rows = []
    for entry in entries:
        pool = hits[hits["entry"] == entry]
        for r in pool.sample(n=min(25, len(pool)), random_state=seed).itertuples():
            rows.append(
                dict(
                    seed=seed,
                    entry=entry,
                    lexicon_row=r.lexicon_row,
                    doc_id=r.doc_id,
                    start=r.start,
                    end=r.end,
                    negated=r.negated,
                    kwic=kwic(texts[r.doc_id], r.start, r.end),
                    n_hits=int(n.get(entry, 0)),
                    n_pool=len(pool),
                )
            )
    return pd.DataFrame(
        rows,
        columns=[*COLUMNS[:1], "entry", "lexicon_row", "doc_id", "start", "end", "negated", "kwic", "n_hits", "n_pool"],
    )


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson interval of k right out of n."""
    if n == 0:
        return (np.nan, np.nan)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    m = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(c - m, 3), round(c + m, 3))


def final_lines(hits: pd.DataFrame) -> pd.DataFrame:
    """The judged lines that count: ``used_for == final`` and still a hit of the same entry (others are named)."""
    key = set(zip(hits["doc_id"], hits["start"], hits["end"], hits["entry"]))
    parts = []
    for path in judgment_files():
        judged = pd.read_csv(path, keep_default_na=False)
        judged["still_hit"] = [
            (d, int(s), int(e), en) in key
            for d, s, e, en in zip(judged["doc_id"], judged["start"], judged["end"], judged["entry"])
        ]
        judged.to_csv(path, index=False)
        parts.append(judged)
    judged = pd.concat(parts, ignore_index=True)
    final = judged[judged["used_for"] == "final"]
    lost = final[~final["still_hit"]]
    if len(lost):  # said, not dropped silently: such a line is no sample of the entry's current hits
        print(f"left out: {len(lost)} final line(s) no longer hits of their entry:", dict(lost["entry"].value_counts()))
    return final[final["still_hit"]]


CENSUS_STATUS = "census (all hits judged; rules designed on them: not independent)"


def entry_table(hits: pd.DataFrame, final: pd.DataFrame) -> pd.DataFrame:
    """One row per term entry with hits: its hits, final sample and precision.

    An entry with 20 or more hits, no final sample and every hit judged gets its census (``census_*``
    columns, status :data:`CENSUS_STATUS`): right / hits, not an independent estimate.
    """
    lex = pd.read_csv(LEXICON, dtype=str, keep_default_na=False).set_index("term")
    n = hits.groupby("entry").size().sort_values(ascending=False)
    neg = hits[hits["negated"]].groupby("entry").size()
    row = hits.groupby("entry")["lexicon_row"].first()
    cen = census(hits).set_index("entry")
    rows = []
    for entry, n_hits in n.items():
        d = final[final["entry"] == entry]
        k, m = int(d["correct"].astype(int).sum()), len(d)
        unflagged = d[d["negated"].astype(str) != "True"]
        lo, hi = wilson(k, m)
        errs = d[d["correct"].astype(int) == 0]["error_type"].value_counts()
        in_census = entry in cen.index
        if m:
            audited = "yes"
        elif in_census:
            audited = CENSUS_STATUS
        else:
            audited = "no fresh lines" if n_hits >= 20 else "below 20 hits"
        rows.append(
            dict(
                entry=entry,
                lexicon_row=int(row[entry]),
                category=lex["category"].get(entry),
                n_hits=int(n_hits),
                n_negated_hits=int(neg.get(entry, 0)),
                sample_seed="+".join(str(x) for x in sorted(set(d["seed"].astype(int)))) if m else "",
                n_sampled=m,
                n_correct=k,
                precision=round(k / m, 3) if m else np.nan,
                wilson_lo=lo,
                wilson_hi=hi,
                precision_unflagged=round(unflagged["correct"].astype(int).mean(), 3) if len(unflagged) else np.nan,
                n_unflagged=len(unflagged),
                main_error_types="; ".join(f"{a} {b}" for a, b in errs.items()),
                audited=audited,
                below_90=int(m > 0 and k / m < 0.9),
                census_right=int(cen["right"][entry]) if in_census else np.nan,
                census_precision=cen["precision"][entry] if in_census else np.nan,
                census_wilson_lo=cen["wilson_lo"][entry] if in_census else np.nan,
                census_wilson_hi=cen["wilson_hi"][entry] if in_census else np.nan,
            )
        )
    out = pd.DataFrame(rows)
    out["census_right"] = out["census_right"].astype("Int64")
    return out


def headline(hits: pd.DataFrame, final: pd.DataFrame, table: pd.DataFrame) -> dict:
    """Hit-weighted precision with a stratified bootstrap interval, entries below 90 %, retention."""
    audited = table[table["n_sampled"] > 0].set_index("entry")
    w = audited["n_hits"]
    point = float((audited["precision"] * w).sum() / w.sum())
    groups = {e: final[final["entry"] == e]["correct"].astype(int).to_numpy() for e in audited.index}
    rng = np.random.default_rng(0)
    boots = [sum(w[e] * rng.choice(v, len(v)).mean() for e, v in groups.items()) / w.sum() for _ in range(2000)]
    lo, hi = np.percentile(boots, [2.5, 97.5])
    wu = audited["n_hits"] - audited["n_negated_hits"]
    unflagged = float((audited["precision_unflagged"].fillna(audited["precision"]) * wu).sum() / wu.sum())
    kept = retention(hits)
    over20 = audited[audited["n_hits"] >= 20]
    cen = table[(table["audited"] == CENSUS_STATUS) & (table["n_hits"] >= 20)]
    both_w = pd.concat([w, cen.set_index("entry")["n_hits"]])
    both_p = pd.concat([audited["precision"], cen.set_index("entry")["census_precision"]])
    return dict(
        term_hits=len(hits),
        audited_entries=len(audited),
        covered_hits=int(w.sum()),
        final_lines=len(final),
        precision=round(point, 4),
        ci=[round(float(lo), 4), round(float(hi), 4)],
        precision_negated_excluded=round(unflagged, 4),
        entries_20=len(over20),
        entries_20_at_90=int((over20["below_90"] == 0).sum()),
        not_fresh=list(table[table["audited"] == "no fresh lines"]["entry"]),
        census_entries_20=len(cen),
        census_entries_20_at_90=int((cen["census_precision"] >= 0.9).sum()),
        census_below_90={e: p for e, p in zip(cen["entry"], cen["census_precision"]) if p < 0.9},
        precision_with_census=round(float((both_p * both_w).sum() / both_w.sum()), 4),
        below_90_fresh={e: p for e, p in zip(over20.index, over20["precision"]) if p < 0.9},
        retention_exact=round(float(kept["kept_exact"].mean()), 4),
        retention_overlap=round(float(kept["kept_overlap"].mean()), 4),
        old_correct=len(kept),
    )


def audit_file(table: pd.DataFrame) -> pd.DataFrame:
    """``data/lexicons/loaded_terms_audit.csv``: one row per lexicon row, in its order."""
    lex = pd.read_csv(LEXICON, dtype=str, keep_default_na=False)
    by = table.set_index("entry")
    rows = []
    for term, category in zip(lex["term"], lex["category"]):
        n = int(by["n_hits"].get(term, 0))
        audited = by["audited"].get(term, "")
        status = {
            "yes": "audited",
            "no fresh lines": "not freshly audited (every current hit was judged while fixing the entry)",
            CENSUS_STATUS: CENSUS_STATUS,
        }.get(audited, "fewer than 20 hits" if n else "no hit in the 20k corpus")
        sampled = status == "audited"
        if status == CENSUS_STATUS:  # the census in the sample columns: n_sampled = hits, all judged
            rows.append(
                dict(
                    term=term,
                    category=category,
                    n_hits_20k=n,
                    n_sampled=n,
                    n_correct=by["census_right"].get(term),
                    precision=by["census_precision"].get(term),
                    wilson_lo=by["census_wilson_lo"].get(term),
                    wilson_hi=by["census_wilson_hi"].get(term),
                    sample_seed="all hits",
                    audit_date="2026-12-01",
                    status=status,
                )
            )
            continue
        rows.append(
            dict(
                term=term,
                category=category,
                n_hits_20k=n,
                **{
                    c: by[c].get(term) if sampled else None
                    for c in ("n_sampled", "n_correct", "precision", "wilson_lo", "wilson_hi", "sample_seed")
                },
                audit_date="2026-12-01",
                status=status,
            )
        )
    out = pd.DataFrame(rows)
    for c in ("n_sampled", "n_correct"):
        out[c] = out[c].astype("Int64")
    return out[
        [
            "term",
            "category",
            "n_hits_20k",
            "n_sampled",
            "n_correct",
            "precision",
            "wilson_lo",
            "wilson_hi",
            "sample_seed",
            "audit_date",
            "status",
        ]
    ]


def tables(run: Path) -> dict:
    """Write entry_audit.csv and retention.csv; return the headline numbers."""
    hits = term_hits(run)
    final = final_lines(hits)
    table = entry_table(hits, final)
    table.to_csv(AUDIT / "entry_audit.csv", index=False)
    audit_file(table).to_csv(ROOT / "data/lexicons/loaded_terms_audit.csv", index=False)
    kept = retention(hits)
    per = kept.groupby("entry").agg(
        old_correct=("judgment", "size"), kept_exact=("kept_exact", "sum"), kept_overlap=("kept_overlap", "sum")
    )
    per.reset_index().to_csv(AUDIT / "retention.csv", index=False)
    return headline(hits, final, table)


def main(argv: list[str]) -> None:
    """Command-line entry point (see the module docstring)."""
    known = ("texts", "retention", "sample", "design", "census", "other", "tables")
    if not argv or argv[0] not in known:
        sys.exit(__doc__)
    cmd = argv[0]
    if cmd == "texts":
        from analysis.corpus import read_corpus

        docs = read_corpus(argv[1]).documents
        pickle.dump(dict(zip(docs["doc_id"], docs["text"])), open(argv[2], "wb"))
    elif cmd == "retention":
        texts = pickle.load(open(argv[2], "rb"))
        kept = retention(term_hits(Path(argv[1])))
        lost = kept[~kept["kept_exact"]].copy()
        lost["kwic"] = [
            kwic(texts[d], s, e) if d in texts else f"{a} [[{w}]] {b} (document no longer read)"
            for d, s, e, a, w, b in zip(
                lost["doc_id"], lost["start"], lost["end"], lost["left_context"], lost["surface"], lost["right_context"]
            )
        ]
        lost[["entry", "doc_id", "start", "end", "kept_overlap", "kwic"]].to_csv(argv[3], index=False)
        print(f"exact {kept['kept_exact'].mean():.4f} overlap {kept['kept_overlap'].mean():.4f} of {len(kept)}")
    elif cmd == "sample":
        texts = pickle.load(open(argv[2], "rb"))
        s = sample(term_hits(Path(argv[1])), texts, argv[5].split(","), int(argv[3]))
        s.to_csv(argv[4], index=False)
        print(s.groupby("entry")[["n_hits", "n_pool"]].first().assign(drawn=s.groupby("entry").size()))
    elif cmd == "design":
        print(design(term_hits(Path(argv[1])), argv[2].split(",")).to_string(index=False))
    elif cmd == "census":
        print(census(term_hits(Path(argv[1]))).to_string(index=False))
    elif cmd == "other":
        s = other_sample(argv[4].split("+"), argv[3].split(","), int(argv[1]))
        s.to_csv(argv[2], index=False)
        print(s.groupby("entry")[["n_hits", "n_pool"]].first() if len(s) else "no hits")
    elif cmd == "tables":
        print(json.dumps(tables(Path(argv[1])), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

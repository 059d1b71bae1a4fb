"""Independent second coding of the dictionary audit and a reading of the learned tagger.

Run from the repository root with ``PYTHONPATH=src``.  Subcommands:

``draw-lexicon``
    Stratified random sample (seed 11) of 300 judged term lines and 100 judged actor lines
    of the 2026-12-01 audit, written as a blind sheet (no verdict, error type, note,
    ``negated`` flag or seed) and a key (the source row of each sample line).
``draw-outdomain COVID_HITS ARMPRO_HITS``
    Every term hit of ``framing count`` on the COVID-19 and ArMPro dev corpora that the
    2026-12-01 audit did not judge already, with its keyword-in-context line.
``draw-tagger HITS DOCUMENTS CORPUS``
    150 model spans of ``framing count --model default`` on the 1k SaudiNewsNet sample,
    stratified by score into three bands (seed 12), and 50 random paragraphs of that
    corpus with the model's expected number of loaded words.
``score``
    Joins the committed judgments to the committed samples and prints every number of
    ``README.md`` (agreement, Cohen's kappa, precision, intervals).  Reads committed files only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
AUDIT = HERE.parent / "lexicon_audit_2026-12-01"
TERMS = AUDIT / "terms" / "judgments.csv"
ACTORS = AUDIT / "actors" / "judgments.csv"
OTHER_JUDGED = AUDIT / "terms" / "other_corpora_round5.csv"
EARLIER_CODER2 = AUDIT / "second_coder" / "sheet.csv"
LEXICON = HERE.parents[2] / "data" / "lexicons" / "loaded_terms.csv"
ACTOR_LEXICON = HERE.parents[2] / "data" / "lexicons" / "actors.csv"

N_TERMS, N_ACTORS, N_SPANS, N_PARAGRAPHS = 300, 100, 150, 50
LEXICON_SEED, TAGGER_SEED = 11, 12
KWIC_WIDTH = 60  # characters each side, as in the first coder's lines
N_BOOT = 2000


def allocate(sizes: pd.Series, n: int) -> pd.Series:
    """Proportional allocation of ``n`` draws to strata by largest remainder.

    Parameters
    ----------
    sizes : pandas.Series
        Stratum sizes, indexed by stratum.
    n : int
        Total sample size.

    Returns
    -------
    pandas.Series
        Draws per stratum, summing to ``n``.
    """
    exact = sizes / sizes.sum() * n
    base = np.floor(exact).astype(int)
    order = (exact - base).sort_values(ascending=False, kind="stable").index
    base[order[: n - int(base.sum())]] += 1
    return base


def stratified(frame: pd.DataFrame, strata: pd.Series, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """A proportionally allocated stratified random sample of ``frame``'s rows.

    Parameters
    ----------
    frame : pandas.DataFrame
        The population.
    strata : pandas.Series
        The stratum of each row (same index as ``frame``).
    n : int
        Sample size.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    pandas.DataFrame
        The sampled rows with a ``stratum`` column, in population order.
    """
    sizes = strata.value_counts().sort_index()
    take = allocate(sizes, n)
    picked = []
    for stratum, k in take.items():
        rows = frame.index[strata == stratum].to_numpy()
        picked.extend(rng.choice(rows, size=int(k), replace=False).tolist())
    out = frame.loc[sorted(picked)].copy()
    out["stratum"] = strata.loc[out.index]
    return out


def draw_lexicon() -> None:
    """Write ``lexicon_blind.csv`` (what the second coder sees) and ``lexicon_key.csv``."""
    rng = np.random.default_rng(LEXICON_SEED)
    lexicon = pd.read_csv(LEXICON, dtype=str, keep_default_na=False)
    gloss = lexicon.drop_duplicates("term").set_index("term")
    terms = pd.read_csv(TERMS, dtype={"doc_id": str}, keep_default_na=False)
    category = terms["entry"].map(gloss["category"]).replace("", "dropped").fillna("dropped")
    # Final lines carry the reported precision; fix lines are the earlier rounds' reading.
    stage = np.where(terms["used_for"] == "final", "final", "fix")
    t = stratified(terms, category + "|" + stage, N_TERMS, rng)
    t = t.assign(lexicon="terms", info=t["entry"].map(gloss["gloss"]).fillna(""),
                 category=category.loc[t.index])  # fmt: skip
    actors = pd.read_csv(ACTORS, dtype={"doc_id": str}, keep_default_na=False)
    types = pd.read_csv(ACTOR_LEXICON, dtype=str, keep_default_na=False)
    actor_type = actors["label"].map(types.drop_duplicates("actor").set_index("actor")["type"]).fillna("other")
    a = stratified(actors, actor_type, N_ACTORS, rng)
    a = a.assign(lexicon="actors", info=a["label"], category=actor_type.loc[a.index])
    both = pd.concat([t, a])
    both["source_row"] = both.index
    both = both.sample(frac=1, random_state=LEXICON_SEED).reset_index(drop=True)  # hide strata order
    both.insert(0, "sample_id", [f"L{i:03d}" for i in range(1, len(both) + 1)])
    both[["sample_id", "lexicon", "entry", "info", "category", "kwic"]].to_csv(HERE / "lexicon_blind.csv", index=False)
    both[["sample_id", "lexicon", "source_row", "stratum"]].to_csv(HERE / "lexicon_key.csv", index=False)
    print(f"wrote {len(both)} blind lines")


def kwic(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> str:
    """A keyword-in-context line: ``width`` characters each side, the hit in ``[[ ]]``.

    Parameters
    ----------
    text : str
        The document as the reader produces it.
    start, end : int
        The hit's character offsets.
    width : int
        Characters of context on each side.

    Returns
    -------
    str
        One line; line breaks shown as ``¶`` so that a CSV cell stays on one line.
    """
    line = f"{text[max(0, start - width) : start]} [[{text[start:end]}]] {text[end : end + width]}"
    return line.replace("\n", " ¶ ")


def texts_of(path: str) -> dict[str, str]:
    """Each document's text as ``framing count`` reads it, by ``doc_id``."""
    from analysis.ingest import read_documents

    documents = read_documents(path)
    return dict(zip(documents["doc_id"], documents["text"]))


def squeeze(line: str) -> str:
    """A KWIC line without markers and whitespace, to find a hit inside another coder's line."""
    return "".join(line.replace("[[", "").replace("]]", "").replace("¶", "").split())


def draw_outdomain(covid_hits: str, armpro_hits: str) -> None:
    """Write ``outdomain_blind.csv``: every term hit on the two other corpora not judged before.

    Parameters
    ----------
    covid_hits, armpro_hits : str
        ``hits.csv`` of ``framing count`` on ``covid_2020_3outlets.csv`` and
        ``propaganda_spans_armpro_dev.jsonl`` (current lexicons).
    """
    shared = Path("/work/shared/data")
    judged = pd.read_csv(OTHER_JUDGED, dtype=str, keep_default_na=False)
    seen = list(zip(judged["entry"], (squeeze(k) for k in judged["kwic"])))
    rows = []
    for corpus, hits_path, source in (
        ("covid", covid_hits, shared / "covid_2020_3outlets.csv"),
        ("armpro", armpro_hits, shared / "propaganda_spans_armpro_dev.jsonl"),
    ):
        hits = pd.read_csv(hits_path, dtype={"doc_id": str})
        hits = hits[hits["kind"] == "term"]
        texts = texts_of(str(source))
        for h in hits.itertuples():
            text = texts[h.doc_id]
            # The hit with 15 characters each side, and its entry, identify it in the earlier
            # audit's lines (another entry's hit inside the same context line is still fresh).
            probe = squeeze(text[max(0, h.start - 15) : h.end + 15])
            rows.append({"corpus": corpus, "doc_id": h.doc_id, "start": h.start, "end": h.end,
                         "entry": h.entry, "category": h.category, "negated": h.negated,
                         "judged_before": any(probe in s and e == h.entry for e, s in seen),
                         "kwic": kwic(text, h.start, h.end)})  # fmt: skip
    out = pd.DataFrame(rows)
    print(f"{len(out)} term hits, {int(out['judged_before'].sum())} judged before")
    out = out[~out["judged_before"]].drop(columns="judged_before")
    out = out.sample(frac=1, random_state=LEXICON_SEED).reset_index(drop=True)
    out.insert(0, "sample_id", [f"O{i:03d}" for i in range(1, len(out) + 1)])
    out.to_csv(HERE / "outdomain_blind.csv", index=False)
    print(f"wrote {len(out)} fresh hits")


#: Score bands of the model's spans (the shipped threshold is 0.14): left-closed.
BANDS = (0.0, 0.20, 0.30, 1.01)
BAND_NAMES = ("low [thr, 0.20)", "mid [0.20, 0.30)", "high [0.30, 1]")


def band_of(score: pd.Series) -> pd.Series:
    """The score band of each model span."""
    return pd.cut(score, BANDS, right=False, labels=BAND_NAMES).astype(str)


def draw_tagger(hits_path: str, corpus: str) -> None:
    """Write the tagger samples: 50 spans per score band and 50 random paragraphs.

    Parameters
    ----------
    hits_path : str
        ``hits.csv`` of ``framing count CORPUS --model default``.
    corpus : str
        The 1k SaudiNewsNet sample.
    """
    from analysis.learn import load_default_tagger

    rng = np.random.default_rng(TAGGER_SEED)
    hits = pd.read_csv(hits_path, dtype={"doc_id": str})
    spans = hits[hits["kind"] == "model"].reset_index(drop=True)
    spans["band"] = band_of(spans["score"])
    sizes = spans["band"].value_counts().reindex(list(BAND_NAMES))
    sizes.rename("n_spans").to_csv(HERE / "tagger_band_sizes.csv")
    texts = texts_of(corpus)
    picked = []
    for band in BAND_NAMES:
        rows = spans.index[spans["band"] == band].to_numpy()
        picked.extend(rng.choice(rows, size=N_SPANS // len(BAND_NAMES), replace=False).tolist())
    sample = spans.loc[picked, ["doc_id", "start", "end", "surface", "label", "score", "band"]].copy()
    sample["kwic"] = [kwic(texts[d], s, e) for d, s, e in zip(sample.doc_id, sample.start, sample.end)]
    sample = sample.sample(frac=1, random_state=TAGGER_SEED).reset_index(drop=True)
    sample.insert(0, "sample_id", [f"T{i:03d}" for i in range(1, len(sample) + 1)])
    # The blind sheet hides the score and band: they would bias the reading of a span.
    sample[["sample_id", "surface", "label", "kwic"]].to_csv(HERE / "tagger_blind.csv", index=False)
    sample[["sample_id", "doc_id", "start", "end", "score", "band"]].to_csv(HERE / "tagger_key.csv", index=False)
    draw_paragraphs(texts, rng, load_default_tagger())


def draw_paragraphs(texts: dict[str, str], rng: np.random.Generator, tagger: object) -> None:
    """Write 50 random paragraphs (10–150 words) with the model's expected loaded words.

    The expectation is summed over the paragraph's tokens as the model scores them inside
    the whole document, as ``model_expected`` is for a document in ``documents.csv``.
    """
    paragraphs = []
    for doc_id, text in texts.items():
        at = 0
        for line in text.split("\n"):
            if 10 <= len(line.split()) <= 150:
                paragraphs.append((doc_id, at, at + len(line)))
            at += len(line) + 1
    chosen = sorted(rng.choice(len(paragraphs), size=N_PARAGRAPHS, replace=False).tolist())
    rows = []
    for k, i in enumerate(chosen, 1):
        doc_id, start, end = paragraphs[i]
        tokens = tagger.token_probabilities(doc_id, texts[doc_id])  # type: ignore[attr-defined]
        inside = tokens[(tokens["start"] >= start) & (tokens["end"] <= end)]
        rows.append({"sample_id": f"P{k:03d}", "doc_id": doc_id, "start": start, "end": end,
                     "n_words": len(inside), "model_expected": round(float(inside["probability"].sum()), 3),
                     "text": texts[doc_id][start:end]})  # fmt: skip
    out = pd.DataFrame(rows)
    out[["sample_id", "text"]].to_csv(HERE / "paragraphs_blind.csv", index=False)
    out.drop(columns="text").to_csv(HERE / "paragraphs_key.csv", index=False)
    print(f"wrote {len(out)} paragraphs of {len(paragraphs)}")


def bootstrap(stat: Callable[[np.ndarray], float], strata: Sequence[object] | np.ndarray) -> tuple[float, float]:
    """Percentile 95 % interval of ``stat`` over resamples of rows within each stratum.

    Parameters
    ----------
    stat : callable
        A statistic of the sample, given the positions of the resampled rows.
    strata : sequence
        The design stratum of each row (one value everywhere: a simple resample).

    Returns
    -------
    (float, float)
        2.5 and 97.5 percentiles over :data:`N_BOOT` resamples (numpy seed 0).
    """
    rng = np.random.default_rng(0)
    labels = np.asarray(strata, dtype=str)
    groups = [np.flatnonzero(labels == s) for s in sorted(set(labels))]
    values = [stat(np.concatenate([rng.choice(g, size=len(g)) for g in groups])) for _ in range(N_BOOT)]
    low, high = np.nanpercentile(values, [2.5, 97.5])
    return float(low), float(high)


def kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two 0/1 codings, as :func:`analysis.coding.agreement.cohens_kappa`.

    Written on arrays so that 2,000 bootstrap resamples take a second; the test checks that
    it equals the package's function on the full sample.
    """
    p_o = float((a == b).mean())
    p_e = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
    return float("nan") if np.isclose(p_e, 1.0) else (p_o - p_e) / (1 - p_e)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval (:func:`analysis.coding.agreement.wilson_interval`)."""
    from analysis.coding.agreement import wilson_interval

    return wilson_interval(k, n)


def lexicon_lines() -> pd.DataFrame:
    """The 400 sample lines with both coders' verdicts, coder 1's error type and note."""
    key = pd.read_csv(HERE / "lexicon_key.csv")
    blind = pd.read_csv(HERE / "lexicon_blind.csv")
    mine = pd.read_csv(HERE / "lexicon_judgments.csv", keep_default_na=False)
    lines = blind.merge(key, on=["sample_id", "lexicon"]).merge(mine, on="sample_id")
    first = {name: pd.read_csv(path, keep_default_na=False) for name, path in (("terms", TERMS), ("actors", ACTORS))}
    picked = [first[lex].loc[row] for lex, row in zip(lines["lexicon"], lines["source_row"])]
    lines["coder1"] = [int(r["correct"]) for r in picked]
    lines["coder1_error"] = [r["error_type"] for r in picked]
    lines["coder1_note"] = [r.get("note", "") for r in picked]
    lines["coder2"] = lines["coder2_correct"].astype(int)
    return lines


def score_lexicon(out: dict[str, object]) -> pd.DataFrame:
    """Agreement, kappa and precision of both coders per lexicon; returns the disagreements."""
    lines = lexicon_lines()
    final = lines["stratum"].str.endswith("|final")  # the lines the audit's headline rests on
    for name, part in [("terms", lines[lines.lexicon == "terms"]), ("terms final", lines[final]),
                       ("actors", lines[lines.lexicon == "actors"]), ("all", lines)]:  # fmt: skip
        out[name] = pair_statistics(part)
    out["overlap with the earlier second coder"] = overlap_earlier(lines)
    return lines[lines["coder1"] != lines["coder2"]]


def pair_statistics(part: pd.DataFrame) -> dict[str, object]:
    """Agreement and kappa of the two coders with intervals, and their 2 × 2 table.

    Parameters
    ----------
    part : pandas.DataFrame
        Lines with ``coder1``, ``coder2`` (0/1) and the design ``stratum``.

    Returns
    -------
    dict
        ``n, agreement, agreement_ci, kappa, kappa_ci``, each coder's right lines and the
        four cells of the table.
    """
    c1, c2, strata = part["coder1"].to_numpy(), part["coder2"].to_numpy(), part["stratum"].to_numpy()
    table = pd.crosstab(c1, c2).reindex(index=[0, 1], columns=[0, 1], fill_value=0)
    return {
        "n": len(part),
        "agreement": float((c1 == c2).mean()),
        "agreement_ci": bootstrap(lambda i: float((c1[i] == c2[i]).mean()), strata),
        "kappa": kappa(c1, c2), "kappa_ci": bootstrap(lambda i: kappa(c1[i], c2[i]), strata),
        "coder1_right": int(c1.sum()), "coder2_right": int(c2.sum()),
        "both_wrong": int(table.loc[0, 0]), "only_coder1_wrong": int(table.loc[0, 1]),
        "only_coder2_wrong": int(table.loc[1, 0]), "both_right": int(table.loc[1, 1]),
    }  # fmt: skip


def overlap_earlier(lines: pd.DataFrame) -> dict[str, int]:
    """Lines that the earlier second coder (``../lexicon_audit_2026-12-01/second_coder``) also judged.

    Returns
    -------
    dict
        ``n`` lines in both samples and ``agree`` between that coder and this one.
    """
    sources = {"terms": pd.read_csv(TERMS, dtype={"doc_id": str}), "actors": pd.read_csv(ACTORS, dtype={"doc_id": str})}
    spans = pd.DataFrame(
        [sources[lex].loc[row, ["doc_id", "start", "end"]] for lex, row in zip(lines.lexicon, lines.source_row)]
    )
    mine = pd.concat([lines[["lexicon", "coder2"]].reset_index(drop=True), spans.reset_index(drop=True)], axis=1)
    earlier = pd.read_csv(EARLIER_CODER2, dtype={"doc_id": str})[["lexicon", "doc_id", "start", "end", "coder2"]]
    both = mine.merge(earlier.rename(columns={"coder2": "earlier"}), on=["lexicon", "doc_id", "start", "end"])
    return {"n": len(both), "agree": int((both["coder2"] == both["earlier"]).sum())}


def score_outdomain(out: dict[str, object]) -> None:
    """Precision of the fresh out-of-domain term hits, overall and per corpus."""
    lines = pd.read_csv(HERE / "outdomain_blind.csv").merge(
        pd.read_csv(HERE / "outdomain_judgments.csv"), on="sample_id"
    )
    for name, part in [("outdomain", lines), *((f"outdomain_{c}", g) for c, g in lines.groupby("corpus"))]:
        k, n = int(part["coder2_correct"].sum()), len(part)
        out[name] = {"right": k, "n": n, "precision": k / n, "wilson": wilson(k, n)}


def score_tagger(out: dict[str, object]) -> None:
    """Precision of the model's spans per score band and weighted by the bands' sizes."""
    spans = pd.read_csv(HERE / "tagger_key.csv").merge(pd.read_csv(HERE / "tagger_judgments.csv"), on="sample_id")
    spans = spans.merge(pd.read_csv(HERE / "tagger_blind.csv")[["sample_id", "label"]], on="sample_id")
    sizes = pd.read_csv(HERE / "tagger_band_sizes.csv", index_col="band")["n_spans"]
    weights = sizes / sizes.sum()

    right, span_band = spans["coder2_correct"].to_numpy(), spans["band"].to_numpy()
    share = {b: float(weights[b]) for b in BAND_NAMES}

    def weighted(i: np.ndarray) -> float:
        # Each band's precision weighted by its share of all spans (a stratified estimator).
        return sum(share[b] * float(right[i][span_band[i] == b].mean()) for b in BAND_NAMES)

    for band in BAND_NAMES:
        part = spans[spans["band"] == band]
        k, n = int(part["coder2_correct"].sum()), len(part)
        out[f"tagger {band}"] = {
            "spans": int(sizes[band]),
            "right": k,
            "n": n,
            "precision": k / n,
            "wilson": wilson(k, n),
        }
    out["tagger weighted"] = {"spans": int(sizes.sum()), "precision": weighted(np.arange(len(spans))),
                              "ci": bootstrap(weighted, span_band)}  # fmt: skip
    for label, part in spans.groupby("label"):
        k, n = int(part["coder2_correct"].sum()), len(part)
        out[f"tagger label {label}"] = {"right": k, "n": n}


def score_paragraphs(out: dict[str, object]) -> None:
    """The model's expected loaded words against the second coder's count, 50 paragraphs."""
    from scipy.stats import spearmanr

    para = pd.read_csv(HERE / "paragraphs_key.csv").merge(
        pd.read_csv(HERE / "paragraphs_judgments.csv"), on="sample_id"
    )

    model, coder = para["model_expected"].to_numpy(), para["coder2_loaded_words"].to_numpy()
    one = np.zeros(len(para))

    def ratio(i: np.ndarray) -> float:
        return float(model[i].sum() / coder[i].sum())

    def rho(i: np.ndarray) -> float:
        return float(spearmanr(model[i], coder[i]).statistic)

    everything = np.arange(len(para))
    out["paragraphs"] = {
        "n": len(para), "words": int(para["n_words"].sum()),
        "model_expected": round(float(para["model_expected"].sum()), 2),
        "coder2_loaded": int(para["coder2_loaded_words"].sum()),
        "ratio": ratio(everything), "ratio_ci": bootstrap(ratio, one),
        "spearman": rho(everything), "spearman_ci": bootstrap(rho, one),
        "zero_paragraphs": int((para["coder2_loaded_words"] == 0).sum()),
        "model_expected_in_zero": round(float(para.loc[para["coder2_loaded_words"] == 0, "model_expected"].sum()), 2),
    }  # fmt: skip


def score() -> dict[str, object]:
    """Every number of ``README.md``, from the committed files of this folder and the audit's.

    Returns
    -------
    dict
        Named results (see :func:`report`).
    """
    out: dict[str, object] = {}
    disagreements = score_lexicon(out)
    out["disagreements"] = disagreements
    score_outdomain(out)
    score_tagger(out)
    score_paragraphs(out)
    return out


def report() -> None:
    """Print the results and write ``disagreements.csv``."""
    out = score()
    disagreements = out.pop("disagreements")
    assert isinstance(disagreements, pd.DataFrame)
    notes = (
        pd.read_csv(HERE / "disagreement_notes.csv", keep_default_na=False)
        if (HERE / "disagreement_notes.csv").exists()
        else None
    )
    columns = [
        "sample_id",
        "lexicon",
        "entry",
        "kwic",
        "coder1",
        "coder1_error",
        "coder1_note",
        "coder2",
        "coder2_reason",
    ]
    table = disagreements[columns]
    if notes is not None:
        table = table.merge(notes, on="sample_id", how="left")
    table.to_csv(HERE / "disagreements.csv", index=False)
    for name, values in out.items():
        print(name, values)


if __name__ == "__main__":
    commands: dict[str, Callable[..., None]] = {
        "draw-lexicon": draw_lexicon,
        "draw-outdomain": draw_outdomain,
        "draw-tagger": draw_tagger,
        "score": report,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

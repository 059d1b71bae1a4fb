"""A blind check of the named/anonymous sourcing measure on real news (2026-12-02).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/sourcing_2026-12-02/sourcing_validation.py draw 1
    python data/validation/sourcing_2026-12-02/sourcing_validation.py draw 2
    python data/validation/sourcing_2026-12-02/sourcing_validation.py draw 3
    python data/validation/sourcing_2026-12-02/sourcing_validation.py score

``draw`` needs ``../shared/data/news_corpus_saudinewsnet_sample1k.csv`` (not shipped). It counts
that sample with the bundled lexicons (``keep_tokens=True``, as notebook 03 does), runs
:func:`analysis.sourcing.find_attributions` with the current code, splits the ARTICLES in a
design and a test half with numpy seed :data:`SPLIT_SEED` (``split.csv``), and draws a simple
random sample of :data:`N` attribution rows of the test half with seed :data:`SEEDS` ``[round]``;
a round never redraws a cue of an earlier round.  Rounds 2 and 3 measure the rules of their
commits (``named_other`` heads; heads and names before إن/أن); ``draw 2`` reruns with the current
code, so only ``draw 1`` and the latest round rebuild their sheets byte for byte. It writes ``blind_<round>.csv`` (what the coder reads:
the cue in ``[[ ]]`` with :data:`WIDTH` characters either side), ``key_<round>.csv`` (what the
coder does not see: the tool's ``source_type``, source and offsets) and
``population_<round>.csv`` (every attribution row of both halves, with its tool type).

``score`` reads only the committed files of this folder and prints and returns every number
of the README.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_sample1k.csv"
#: Chosen and committed before anything was drawn or judged.
SPLIT_SEED = 20261202
SEEDS = {1: 202612021, 2: 202612022, 3: 202612023, 4: 202612024}
N = 200
#: Characters of context either side of the cue on the blind sheet.
WIDTH = 80
BOOTSTRAP = 2000
BOOTSTRAP_SEED = 7
#: Every source type that names its source (a lexicon actor or another named source).
NAMED = ("named", "named_other")
KEY_COLUMNS = ["row_id", "doc_id", "cue", "cue_start", "cue_end", "source_type", "source",
               "source_surface", "source_start", "source_end"]  # fmt: skip


# -- draw: needs ../shared ------------------------------------------------------------------


def count_sample(round_: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents as read (with ``text``, the offsets' text) and attributions of :data:`CORPUS`.

    Round 1 measured the rules before ``named_other`` (``named_other=False`` reproduces them);
    round 2 the current rules, with the type the old rules gave in ``source_type_before``.
    """
    from analysis.config import load_config, make_counter
    from analysis.ingest import read_documents
    from analysis.lexicon import load_sources
    from analysis.sourcing import find_attributions

    config = load_config(ROOT / "framing.toml")
    counter = make_counter(config.actors, config.terms, config.ignore, config.lexicon_columns)
    read = read_documents([CORPUS], columns=config.columns)
    result = counter.count(read, keep_tokens=True)
    sources = load_sources(config.sources, columns=config.lexicon_columns.get("sources"))
    rules_3 = {"strict_cues": False, "sources_before": False}  # the rules of rounds 1-3
    before = find_attributions(result.tokens, result.hits, sources, named_other=False, **rules_3)
    if round_ == 1:
        return read, before
    if round_ == 4:
        return read, round_4_rows(find_attributions(result.tokens, result.hits, sources, **rules_3),
                                  find_attributions(result.tokens, result.hits, sources))  # fmt: skip
    now = find_attributions(result.tokens, result.hits, sources, **rules_3)
    # named_other only fills sources the old rules left empty: the same cues, row for row.
    assert now[["doc_id", "cue_start"]].equals(before[["doc_id", "cue_start"]])
    return read, now.assign(source_type_before=before["source_type"])


def round_4_rows(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Round 4: the cues of the rules of round 3 (``before``), each with its type under the rules of
    2026-12-03 (``after``: ``dropped`` where those rules no longer take it for a cue) and its old type.

    The new rules only leave cues out (``strict_cues``), never add one, so the old cues hold every new
    one and one sample measures both: cue precision before (all rows) and after (rows kept).
    """
    key = ["doc_id", "cue_start"]
    merged = before.merge(after[[*key, *KEY_COLUMNS[5:]]], on=key, how="left", suffixes=("_before", ""),
                          validate="one_to_one", indicator=True)  # fmt: skip
    assert len(after) == int((merged["_merge"] == "both").sum())  # no cue is new
    merged["kept"] = merged["_merge"] == "both"
    merged["source_type"] = merged["source_type"].where(merged["kept"], "dropped")
    for column in KEY_COLUMNS[6:]:
        merged[column] = merged[column].where(merged["kept"], merged[f"{column}_before"])
    merged = merged.astype({"source_start": "int64", "source_end": "int64"})
    return merged[[*before.columns, "source_type_before", "kept"]]


def split_articles(doc_ids: pd.Series, seed: int = SPLIT_SEED) -> pd.DataFrame:
    """``doc_id, half``: the sorted articles shuffled with ``seed``, first half ``design``."""
    ids = np.array(sorted(set(doc_ids)))
    order = np.random.default_rng(seed).permutation(len(ids))
    half = np.where(np.arange(len(ids)) < len(ids) // 2, "design", "test")
    return pd.DataFrame({"doc_id": ids[order], "half": half}).sort_values("doc_id", ignore_index=True)


def kwic(text: str, start: int, end: int, width: int = WIDTH) -> str:
    """The cue in ``[[ ]]`` with ``width`` characters each side, line breaks shown as ``¶``."""
    line = f"{text[max(0, start - width) : start]}[[{text[start:end]}]]{text[end : end + width]}"
    return line.replace("\n", " ¶ ")


def draw(round_: int) -> None:
    """Write ``blind_<round>.csv``, ``key_<round>.csv`` and ``population_<round>.csv``."""
    documents, attributions = count_sample(round_)
    extra = ["source_type_before"] if round_ > 1 else []
    extra += ["kept"] if round_ == 4 else []
    split = split_articles(documents["doc_id"])
    if round_ == 1:
        split.to_csv(HERE / "split.csv", index=False)
    test = set(split.loc[split["half"] == "test", "doc_id"])
    population = attributions.merge(split, on="doc_id")
    population[["doc_id", "half", "cue", "cue_start", "cue_end", "source_type", "source", *extra]].to_csv(
        HERE / f"population_{round_}.csv", index=False
    )
    pool = attributions[attributions["doc_id"].isin(test)]
    if round_ > 1:
        earlier = pd.concat([pd.read_csv(HERE / f"key_{r}.csv", dtype={"doc_id": str}) for r in range(1, round_)])
        seen = set(zip(earlier["doc_id"], earlier["cue_start"]))
        pool = pool[[(d, s) not in seen for d, s in zip(pool["doc_id"], pool["cue_start"])]]
    rng = np.random.default_rng(SEEDS[round_])
    sample = pool.iloc[np.sort(rng.choice(len(pool), size=N, replace=False))]
    sample = sample.iloc[rng.permutation(N)].reset_index(drop=True)  # sheet order says nothing of the article
    sample.insert(0, "row_id", [f"r{round_}-{k:03d}" for k in range(1, N + 1)])
    texts = documents.set_index("doc_id")["text"]
    blind = pd.DataFrame({
        "row_id": sample["row_id"],
        "context": [kwic(texts[d], s, e) for d, s, e in zip(sample["doc_id"], sample["cue_start"], sample["cue_end"])],
    })  # fmt: skip
    blind.to_csv(HERE / f"blind_{round_}.csv", index=False)
    sample[KEY_COLUMNS + extra].to_csv(HERE / f"key_{round_}.csv", index=False)
    print(f"round {round_}: {len(pool)} rows in the pool, {N} drawn")


# -- score: committed files only -------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of ``k`` successes in ``n``."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (float(centre - half), float(centre + half))


def bootstrap_share(table: pd.DataFrame, column: str, seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """95% percentile interval of anonymous / (named + anonymous) in ``column``, articles resampled."""
    named = table[column].isin(NAMED).groupby(table["doc_id"]).sum()
    anonymous = (table[column] == "anonymous").groupby(table["doc_id"]).sum()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(named), size=(BOOTSTRAP, len(named)))
    a, n = anonymous.to_numpy()[picks].sum(axis=1), named.to_numpy()[picks].sum(axis=1)
    shares = a[a + n > 0] / (a + n)[a + n > 0]
    return (float(np.percentile(shares, 2.5)), float(np.percentile(shares, 97.5)))


def share(types: pd.Series) -> tuple[int, int, float]:
    """``(anonymous, named + anonymous, share)``; every named type counts as named."""
    anonymous, named = int((types == "anonymous").sum()), int(types.isin(NAMED).sum())
    return anonymous, anonymous + named, anonymous / (anonymous + named)


def read_round(round_: int) -> pd.DataFrame:
    """Key and verdicts of one round joined on ``row_id`` (verdict ``truth``: ``not_speech`` if no cue)."""
    key = pd.read_csv(HERE / f"key_{round_}.csv", dtype={"doc_id": str}, keep_default_na=False)
    verdicts = pd.read_csv(HERE / f"judgments_{round_}.csv", keep_default_na=False)
    verdicts = verdicts.rename(columns={"source": "true_source"})  # the key's ``source`` is the tool's
    table = key.merge(verdicts, on="row_id", validate="one_to_one")
    table["truth"] = table["true_source"].where(table["speech"] == "yes", "not_speech")
    return table


def score_round(round_: int) -> dict[str, Any]:
    """Every number of one round."""
    table = read_round(round_)
    speech = table[table["speech"] == "yes"]
    k, n = len(speech), len(table)
    out: dict[str, Any] = {"n": n, "speech": k, "precision": k / n, "precision_ci": wilson(k, n)}
    out["confusion"] = pd.crosstab(table["source_type"], table["truth"])
    tool, truth = share(table["source_type"]), share(speech["true_source"])
    out["tool_share"], out["truth_share"] = tool, truth
    out["tool_share_ci"] = wilson(tool[0], tool[1])
    out["truth_share_ci"] = wilson(truth[0], truth[1])
    out["tool_share_boot"] = bootstrap_share(table, "source_type")
    out["truth_share_boot"] = bootstrap_share(speech, "true_source")
    out["articles"] = table["doc_id"].nunique()
    for kind in ("named", "anonymous", "none"):
        right = speech[speech["true_source"] == kind]
        out[f"recall_{kind}"] = (int(right["source_type"].map(_as_truth).eq(kind).sum()), len(right))
        said = table[table["source_type"].map(_as_truth) == kind]
        out[f"precision_{kind}"] = (int(said["truth"].eq(kind).sum()), len(said))
    if "kept" in table:  # round 4: cue precision of the rows the new rules keep
        kept = table[table["kept"]]
        k_after = int((kept["speech"] == "yes").sum())
        out["precision_after"] = (k_after, len(kept))
        out["precision_after_ci"] = wilson(k_after, len(kept))
        out["dropped_speech"] = (int((table.loc[~table["kept"], "speech"] == "yes").sum()), int((~table["kept"]).sum()))
        out["cue_precision"] = cue_precision(table)
        out["changed"] = changed_sources(table)
        speech = table[table["speech"] == "yes"]
        for kind in ("named", "anonymous"):
            right = speech[speech["true_source"] == kind]
            found = int(right["source_type_before"].map(_as_truth).eq(kind).sum())
            out[f"recall_{kind}_before"] = (found, len(right))
    if "source_type_before" in table:
        before = share(table["source_type_before"])
        out["tool_share_before"] = before
        out["tool_share_before_ci"] = wilson(before[0], before[1])
        out["tool_share_before_boot"] = bootstrap_share(table, "source_type_before")
    return out


def cue_stem(cue: str) -> str:
    """The cue's verb stem (وقالت → قال; يعتبر and اعتبر apart), or the "according to" word itself."""
    from analysis.arabic import speech_verb_stem
    from analysis.normalize import normalize

    norm = normalize(cue)
    return speech_verb_stem(norm) or norm


def cue_precision(table: pd.DataFrame) -> pd.DataFrame:
    """Speech = yes per cue stem: ``n``, ``speech``, ``precision`` and its Wilson interval, most frequent first."""
    grouped = table.assign(stem=table["cue"].map(cue_stem), yes=table["speech"] == "yes").groupby("stem")["yes"]
    out = pd.DataFrame({"n": grouped.size(), "speech": grouped.sum().astype(int)})
    out["precision"] = out["speech"] / out["n"]
    bounds = [wilson(k, n) for k, n in zip(out["speech"], out["n"])]
    out["ci_low"], out["ci_high"] = [b[0] for b in bounds], [b[1] for b in bounds]
    return out.sort_values(["n", "speech"], ascending=False)


def changed_sources(table: pd.DataFrame) -> pd.DataFrame:
    """Round 4: the kept rows whose type the rules of 2026-12-03 changed, old type × new type × verdict."""
    kept = table[table["kept"] & (table["source_type"] != table["source_type_before"])]
    return kept.groupby(["source_type_before", "source_type", "truth"]).size().rename("rows").reset_index()


def _as_truth(source_type: str) -> str:
    """A tool type on the judges' scale (every named type is ``named``)."""
    return "named" if source_type in NAMED else source_type


def population_shares(round_: int) -> dict[str, tuple[int, int, float]]:
    """The tool's anonymous share over every attribution row of each half."""
    table = pd.read_csv(HERE / f"population_{round_}.csv", dtype={"doc_id": str}, keep_default_na=False)
    return {half: share(group["source_type"]) for half, group in table.groupby("half")}


def score() -> dict[int, dict[str, Any]]:
    """Print and return the numbers of every judged round."""
    results = {}
    for round_ in SEEDS:
        if not (HERE / f"judgments_{round_}.csv").exists():
            continue
        out = results[round_] = score_round(round_)
        out["population"] = population_shares(round_)
        print(f"== round {round_}: {out['n']} rows of {out['articles']} test articles")
        low, high = out["precision_ci"]
        print(f"cue precision {out['speech']}/{out['n']} = {out['precision']:.3f} (Wilson {low:.3f}-{high:.3f})")
        print(out["confusion"].to_string())
        if "precision_after" in out:
            (k, n), (low, high) = out["precision_after"], out["precision_after_ci"]
            print(
                f"cue precision, cues kept by the rules of 2026-12-03: {k}/{n} = {k / n:.3f} (Wilson {low:.3f}-{high:.3f})"
            )
            print(f"cues dropped: {out['dropped_speech'][1]}, of them speech: {out['dropped_speech'][0]}")
            print("sources changed (kept rows):")
            print(out["changed"].to_string(index=False))
            print(
                f"named recall before {out['recall_named_before']}, anonymous recall before {out['recall_anonymous_before']}"
            )
        for name in ("tool_share", "truth_share", "tool_share_before"):
            if name in out:
                a, t, p = out[name]
                ci = out[f"{name}_ci"]
                boot = out.get(f"{name}_boot", (float("nan"), float("nan")))
                print(
                    f"{name}: {a}/{t} = {p:.3f} (Wilson {ci[0]:.3f}-{ci[1]:.3f}; articles {boot[0]:.3f}-{boot[1]:.3f})"
                )
        for kind in ("named", "anonymous", "none"):
            print(f"{kind}: recall {out[f'recall_{kind}']}, precision {out[f'precision_{kind}']}")
        for half, (a, t, p) in out["population"].items():
            print(f"population {half}: anonymous {a}/{t} = {p:.3f}")
    print_cue_precision(results)
    return results


def print_cue_precision(results: dict[int, dict[str, Any]]) -> None:
    """Per-cue precision of rounds 1-3 pooled (the rules of round 3) and of round 4, cues with n >= 5."""
    earlier = [r for r in (1, 2, 3) if r in results]
    if not earlier:
        return
    pooled = pd.concat([read_round(r) for r in earlier])
    results[0] = {"cue_precision": cue_precision(pooled)}  # 0: the pooled rounds 1-3
    for name, table in (("rounds 1-3 pooled", results[0]["cue_precision"]),
                        ("round 4", results.get(4, {}).get("cue_precision"))):  # fmt: skip
        if table is not None:
            print(f"== cue precision per stem, {name} (n >= 5; {table['n'].sum()} rows, {len(table)} stems)")
            print(table[table["n"] >= 5].round(3).to_string())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "draw":
        draw(int(sys.argv[2]))
    elif sys.argv[1:] == ["score"]:
        score()
    else:
        sys.exit(__doc__)

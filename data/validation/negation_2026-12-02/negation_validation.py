"""A blind check of the ``negated`` flag of term hits on real news (2026-12-02).

Usage (from the repository root, ``PYTHONPATH=src``)::

    python -m analysis.cli count ../shared/data/news_corpus_saudinewsnet_20k.csv.gz --out RUN --no-progress
    python data/validation/negation_2026-12-02/negation_validation.py split RUN
    python data/validation/negation_2026-12-02/negation_validation.py draw RUN
    python data/validation/negation_2026-12-02/negation_validation.py score

``split`` shuffles the articles of ``RUN/documents.csv`` with numpy seed :data:`SPLIT_SEED` into a
design and a test half (``split.csv``). ``draw`` needs the corpus (``../shared``, not shipped) for
the texts the offsets point into; it puts every TERM hit of ``RUN/hits.csv`` in a stratum
(``population.csv``): **A** flagged ``negated``; **B** not flagged but with a word of
:mod:`analysis.arabic`'s negator lists within :data:`LOOKBACK` word tokens before it in its
sentence (possible misses); **C** every other term hit. From the test half it takes all of A (or
:data:`N` of it), :data:`N` of B and :data:`N` of C (simple random samples, seeds :data:`SEEDS`)
and writes ``blind.csv`` (the hit in ``[[ ]]`` with :data:`WIDTH` characters either side,
shuffled, no flag) and ``key.csv`` (stratum, flag, offsets).

``score`` reads only the committed files of this folder and prints and returns every number of
the README.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_20k.csv.gz"
#: Chosen and committed before anything was drawn or judged.
SPLIT_SEED = 202612025
SEEDS = {"A": 2026120251, "B": 2026120252, "C": 2026120253, "sheet": 2026120254}
N = 150
#: Word tokens before a hit searched for a negator to form stratum B (the flag searches 2).
LOOKBACK = 6
#: Characters of context either side of the hit on the blind sheet.
WIDTH = 80
BOOTSTRAP = 2000
BOOTSTRAP_SEED = 7
KEY_COLUMNS = ["row_id", "stratum", "doc_id", "surface", "label", "category", "start", "end",
               "token_start", "negated", "negator"]  # fmt: skip


# -- split and draw: need a count of ../shared ---------------------------------------------------


def split_articles(doc_ids: pd.Series, seed: int = SPLIT_SEED) -> pd.DataFrame:
    """``doc_id, half``: the sorted articles shuffled with ``seed``, first half ``design``."""
    ids = np.array(sorted(set(doc_ids)))
    order = np.random.default_rng(seed).permutation(len(ids))
    half = np.where(np.arange(len(ids)) < len(ids) // 2, "design", "test")
    return pd.DataFrame({"doc_id": ids[order], "half": half}).sort_values("doc_id", ignore_index=True)


@lru_cache(maxsize=1)
def lookback_forms() -> frozenset[str]:
    """Every spelling of a word of the negator lists (particles, loss verbs, nouns, فقد, خارج …)."""
    from analysis import arabic

    firsts = {conj + first for first, _ in arabic.NEGATING_PAIRS for conj in arabic.CONJUNCTIONS}
    return arabic.negator_forms() | arabic.adjacent_negator_forms() | firsts


def negator_before(tokens: Any, first: int, lookback: int = LOOKBACK) -> str:
    """The nearest negator-list word within ``lookback`` word tokens before ``first`` in its sentence."""
    from analysis.tokenize import WORD_KINDS

    seen, j = 0, first - 1
    while j >= 0 and seen < lookback and tokens.sentence[j] == tokens.sentence[first]:
        if tokens.kind[j] in WORD_KINDS:
            if tokens.norm[j] in lookback_forms():
                return str(tokens.norm[j])
            seen += 1
        j -= 1
    return ""


def kwic(text: str, start: int, end: int, width: int = WIDTH) -> str:
    """The hit in ``[[ ]]`` with ``width`` characters each side, line breaks shown as ``¶``."""
    line = f"{text[max(0, start - width) : start]}[[{text[start:end]}]]{text[end : end + width]}"
    return line.replace("\n", " ¶ ")


def read_texts() -> pd.Series:
    """The corpus's texts as the count read them, by ``doc_id``."""
    from analysis.config import load_config
    from analysis.ingest import read_documents

    config = load_config(ROOT / "framing.toml")
    return read_documents([CORPUS], columns=config.columns).set_index("doc_id")["text"]


def stratify(run: Path, texts: pd.Series) -> pd.DataFrame:
    """Every term hit of ``run`` with its half, its stratum and the negator that put it in B."""
    from analysis.tokenize import tokenize

    hits = pd.read_csv(run / "hits.csv", dtype={"doc_id": str}, keep_default_na=False)
    terms = hits[hits["kind"] == "term"].reset_index(drop=True)
    terms["negated"] = terms["negated"].astype(str).eq("True")
    assert all(
        texts[d][s:e] == f for d, s, e, f in zip(terms["doc_id"], terms["start"], terms["end"], terms["surface"])
    )
    split = pd.read_csv(HERE / "split.csv", dtype={"doc_id": str})
    terms = terms.merge(split, on="doc_id", validate="many_to_one")
    tokenized = {d: tokenize(texts[d]) for d in terms["doc_id"].unique()}
    terms["negator"] = [negator_before(tokenized[d], t) for d, t in zip(terms["doc_id"], terms["token_start"])]
    terms["stratum"] = np.where(terms["negated"], "A", np.where(terms["negator"] != "", "B", "C"))
    return terms


def draw(run: Path) -> None:
    """Write ``population.csv``, ``blind.csv`` and ``key.csv``."""
    texts = read_texts()
    terms = stratify(run, texts)
    terms[["doc_id", "half", "start", "end", "surface", "negated", "negator", "stratum"]].to_csv(
        HERE / "population.csv", index=False
    )
    test = terms[terms["half"] == "test"]
    picks = []
    for stratum in ("A", "B", "C"):
        pool = test[test["stratum"] == stratum]
        size = min(N, len(pool))
        rng = np.random.default_rng(SEEDS[stratum])
        picks.append(pool.iloc[np.sort(rng.choice(len(pool), size=size, replace=False))])
        print(f"stratum {stratum}: {len(pool)} test hits, {size} drawn")
    sample = pd.concat(picks, ignore_index=True)
    sample = sample.iloc[np.random.default_rng(SEEDS["sheet"]).permutation(len(sample))].reset_index(drop=True)
    sample.insert(0, "row_id", [f"n{k:03d}" for k in range(1, len(sample) + 1)])
    blind = pd.DataFrame({
        "row_id": sample["row_id"],
        "context": [kwic(texts[d], s, e) for d, s, e in zip(sample["doc_id"], sample["start"], sample["end"])],
    })  # fmt: skip
    blind.to_csv(HERE / "blind.csv", index=False)
    sample[KEY_COLUMNS].to_csv(HERE / "key.csv", index=False)


def after(run: Path) -> None:
    """Write ``after.csv``: the flag of every sampled hit under the current rules, and ``after_counts.csv``.

    The repaired rules only remove flags, so the test half's flagged hits after the repair
    are a subset of stratum A (checked here), and the estimates need no new sample.
    """
    from analysis.negation import is_negated
    from analysis.tokenize import tokenize

    texts = read_texts()
    hits = pd.read_csv(run / "hits.csv", dtype={"doc_id": str}, keep_default_na=False)
    terms = hits[hits["kind"] == "term"].merge(pd.read_csv(HERE / "split.csv", dtype={"doc_id": str}), on="doc_id")
    tokenized = {d: tokenize(texts[d]) for d in terms["doc_id"].unique()}
    terms["negated_after"] = [is_negated(tokenized[d], t) for d, t in zip(terms["doc_id"], terms["token_start"])]
    assert not (terms["negated_after"] & terms["negated"].astype(str).ne("True")).any(), "a new flag"
    key = pd.read_csv(HERE / "key.csv", dtype={"doc_id": str}, keep_default_na=False)
    table = key.merge(terms[["doc_id", "start", "negated_after"]], on=["doc_id", "start"], validate="one_to_one")
    table[["row_id", "negated_after"]].to_csv(HERE / "after.csv", index=False)
    counts = terms.groupby("half").agg(
        terms=("negated_after", "size"),
        before=("negated", lambda s: int(s.astype(str).eq("True").sum())),
        after=("negated_after", "sum"),
    )
    counts.to_csv(HERE / "after_counts.csv")
    print(counts)


# -- score: committed files only ----------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of ``k`` successes in ``n``."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (float(centre - half), float(centre + half))


def read_table() -> pd.DataFrame:
    """Key, verdicts (``truth``: negated by the criterion) and, if present, the flag after the repair."""
    key = pd.read_csv(HERE / "key.csv", dtype={"doc_id": str}, keep_default_na=False)
    verdicts = pd.read_csv(HERE / "judgments.csv", keep_default_na=False)
    table = key.merge(verdicts.rename(columns={"negated": "verdict"}), on="row_id", validate="one_to_one")
    table["truth"] = table["verdict"].eq("yes")
    table["negated"] = table["negated"].astype(str).eq("True")
    if (HERE / "after.csv").exists():
        after = pd.read_csv(HERE / "after.csv", keep_default_na=False)[["row_id", "negated_after"]]
        table = table.merge(after, on="row_id", validate="one_to_one")
        table["negated_after"] = table["negated_after"].astype(str).eq("True")
    return table


def stratum_sizes() -> dict[str, int]:
    """Term hits of the test half in each stratum (the population the samples stand for)."""
    population = pd.read_csv(HERE / "population.csv", usecols=["half", "stratum"])
    return population.loc[population["half"] == "test", "stratum"].value_counts().to_dict()


def estimate(table: pd.DataFrame, flag: str, sizes: dict[str, int]) -> dict[str, float]:
    """Population estimates of flagged, truly negated and both, each stratum weighted by its size."""
    out = {"flagged": 0.0, "negated": 0.0, "both": 0.0}
    for stratum, rows in table.groupby("stratum"):
        weight = sizes[str(stratum)] / len(rows)
        out["flagged"] += weight * rows[flag].sum()
        out["negated"] += weight * rows["truth"].sum()
        out["both"] += weight * (rows[flag] & rows["truth"]).sum()
    out["precision"] = out["both"] / out["flagged"]
    out["recall"] = out["both"] / out["negated"]
    return out


def bootstrap(table: pd.DataFrame, flag: str, sizes: dict[str, int], seed: int = BOOTSTRAP_SEED) -> dict[str, tuple]:
    """95% percentile intervals of the estimated precision and recall, rows resampled within strata."""
    rng = np.random.default_rng(seed)
    groups = [rows.reset_index(drop=True) for _, rows in table.groupby("stratum")]
    draws: dict[str, list[float]] = {"precision": [], "recall": []}
    for _ in range(BOOTSTRAP):
        sample = pd.concat([g.iloc[rng.integers(0, len(g), len(g))] for g in groups], ignore_index=True)
        result = estimate(sample, flag, sizes)
        for name in draws:
            draws[name].append(result[name])
    return {name: (float(np.nanpercentile(v, 2.5)), float(np.nanpercentile(v, 97.5))) for name, v in draws.items()}


def recall_floor(table: pd.DataFrame, flag: str, sizes: dict[str, int]) -> float:
    """Recall if every unflagged stratum held misses at its Wilson upper bound (0/150 gives 0.025).

    The bootstrap cannot see misses a stratum's sample happened not to contain (stratum C:
    0 of 150, standing for 9,250 hits), so this conservative floor is reported beside it.
    """
    both = estimate(table, flag, sizes)["both"]
    misses = 0.0
    for stratum, rows in table.groupby("stratum"):
        missed = int((rows["truth"] & ~rows[flag]).sum())
        share = missed / len(rows) if len(rows) == sizes[str(stratum)] else wilson(missed, len(rows))[1]
        misses += sizes[str(stratum)] * share
    return float(both / (both + misses))


def score(verbose: bool = False) -> dict[str, Any]:
    """Every number of the README."""
    table, sizes = read_table(), stratum_sizes()
    out: dict[str, Any] = {"sizes": sizes, "articles": table["doc_id"].nunique()}
    for stratum, rows in table.groupby("stratum"):
        k, n = int(rows["truth"].sum()), len(rows)
        out[f"stratum_{stratum}"] = (k, n, wilson(k, n))
    flags = ["negated", "negated_after"] if "negated_after" in table else ["negated"]
    for flag in flags:
        out[flag] = estimate(table, flag, sizes) | {"ci": bootstrap(table, flag, sizes)}
        out[flag]["recall_floor"] = recall_floor(table, flag, sizes)
        # Every flagged hit lies in stratum A, a census: precision is a plain proportion.
        out[flag]["precision_wilson"] = wilson(int(round(out[flag]["both"])), int(round(out[flag]["flagged"])))
        out[f"{flag}_by_stratum"] = pd.crosstab([table["stratum"], table[flag]], table["truth"])
    if verbose:
        for name, value in out.items():
            print(f"{name}:\n{value}\n" if isinstance(value, pd.DataFrame) else f"{name}: {value}")
    return out


def main(argv: list[str]) -> None:
    """``split RUN``, ``draw RUN``, ``after RUN`` or ``score``."""
    if argv[:1] == ["split"] and len(argv) == 2:
        documents = pd.read_csv(Path(argv[1]) / "documents.csv", dtype={"doc_id": str}, usecols=["doc_id"])
        split_articles(documents["doc_id"]).to_csv(HERE / "split.csv", index=False)
    elif argv[:1] == ["draw"] and len(argv) == 2:
        draw(Path(argv[1]))
    elif argv[:1] == ["after"] and len(argv) == 2:
        after(Path(argv[1]))
    elif argv == ["score"]:
        score(verbose=True)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

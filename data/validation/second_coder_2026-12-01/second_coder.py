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
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
AUDIT = HERE.parent / "lexicon_audit_2026-12-01"
TERMS = AUDIT / "terms" / "judgments.csv"
ACTORS = AUDIT / "actors" / "judgments.csv"
OTHER_JUDGED = AUDIT / "terms" / "other_corpora_round5.csv"
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


if __name__ == "__main__":
    commands = {"draw-lexicon": draw_lexicon}
    commands[sys.argv[1]](*sys.argv[2:])

"""Agreement of two blind coders on the 2026-12-01 dictionary holdout, and the adjudicated precision.

Usage (from the repository root, ``PYTHONPATH=src``)::

    python data/validation/holdout_2026-12-01/second_coder/agreement.py

Reads only committed files: ``../blind.csv`` (lexicon and entry of each line), ``../judgments.csv``
(first coder), ``verdicts.csv`` (second coder, committed before the first coder's file was opened)
and ``adjudication.csv`` (each disagreement, conceded or stood by the second coder). Prints and
returns every number of ``agreement.md``.

Kappa intervals are percentile intervals of a bootstrap over lines within a lexicon
(:data:`N_BOOT` resamples, ``numpy.random.default_rng(SEED)``). A resample in which both coders
give one code to every line has no kappa (agreement cannot be told from chance); such resamples
are counted (``undefined``) and left out of the percentiles.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.coding.agreement import cohens_kappa, wilson_interval

HERE = Path(__file__).resolve().parent
FOLDER = HERE.parent
N_BOOT = 2000
SEED = 0
CODERS = ("first", "second")


def load() -> pd.DataFrame:
    """One row per blind line: lexicon, entry, both coders' verdicts and the adjudicated verdict.

    Returns
    -------
    pandas.DataFrame
        Columns ``sample_id``, ``lexicon``, ``entry``, ``first``, ``second`` (1 right, 0 wrong),
        ``second_borderline``, ``final`` (the agreed verdict, or the adjudicated one).
    """
    blind = pd.read_csv(FOLDER / "blind.csv", usecols=["sample_id", "lexicon", "entry"])
    first = pd.read_csv(FOLDER / "judgments.csv", usecols=["sample_id", "correct"])
    second = pd.read_csv(HERE / "verdicts.csv", usecols=["sample_id", "correct", "borderline"])
    lines = blind.merge(first.rename(columns={"correct": "first"}), on="sample_id", validate="1:1")
    lines = lines.merge(
        second.rename(columns={"correct": "second", "borderline": "second_borderline"}),
        on="sample_id",
        validate="1:1",
    )
    assert len(lines) == len(blind), "every blind line needs both verdicts"
    adjudicated = pd.read_csv(HERE / "adjudication.csv").set_index("sample_id")["final"]
    disagree = lines.loc[lines["first"] != lines["second"], "sample_id"]
    # The adjudication file must cover exactly the disagreements, no more, no fewer.
    assert sorted(disagree) == sorted(adjudicated.index), "adjudication.csv must list every disagreement"
    lines["final"] = lines["sample_id"].map(adjudicated).fillna(lines["first"]).astype(int)
    return lines


def binary_kappas(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Cohen's kappa of two 0/1 codings, row by row of two (resamples, lines) arrays.

    The formula of :func:`analysis.coding.agreement.cohens_kappa`, vectorised because that
    function builds a DataFrame per call (2,000 resamples took ~20 s); :func:`kappa_with_interval`
    checks that both give the same point estimate.

    Returns
    -------
    numpy.ndarray
        One kappa per row; ``nan`` where the chance agreement is 1 (one code for every line).
    """
    p_o = (first == second).mean(axis=1)
    p_first, p_second = first.mean(axis=1), second.mean(axis=1)
    p_e = p_first * p_second + (1 - p_first) * (1 - p_second)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(np.isclose(p_e, 1.0), np.nan, (p_o - p_e) / (1 - p_e))


def kappa_with_interval(pair: pd.DataFrame, rng: np.random.Generator) -> dict[str, float]:
    """Cohen's kappa of the two coders and its bootstrap percentile interval over lines.

    Parameters
    ----------
    pair : pandas.DataFrame
        Columns ``first`` and ``second`` (0/1), one row per line.
    rng : numpy.random.Generator
        Drawn from in order, so the caller fixes the interval by the order of calls.

    Returns
    -------
    dict
        ``kappa``, ``low``, ``high`` (2.5 and 97.5 percentiles of the defined resamples) and
        ``undefined`` (resamples where kappa does not exist).
    """
    first, second = (pair[coder].to_numpy(dtype=int) for coder in CODERS)
    point = cohens_kappa(pair, *CODERS)
    assert np.isclose(binary_kappas(first[None, :], second[None, :])[0], point)
    index = rng.integers(0, len(pair), size=(N_BOOT, len(pair)))
    values = binary_kappas(first[index], second[index])
    defined = values[~np.isnan(values)]
    low, high = np.percentile(defined, [2.5, 97.5])
    return {"kappa": point, "low": float(low), "high": float(high), "undefined": int(np.isnan(values).sum())}


def agreement_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Raw agreement (with a Wilson interval) and kappa (bootstrap interval), per lexicon and pooled."""
    rng = np.random.default_rng(SEED)
    rows = []
    for lexicon, part in [("term", lines[lines["lexicon"] == "term"]),
                          ("actor", lines[lines["lexicon"] == "actor"]),
                          ("both", lines)]:  # fmt: skip
        same = int((part["first"] == part["second"]).sum())
        low, high = wilson_interval(same, len(part))
        kappa = kappa_with_interval(part, rng)
        rows.append({"lexicon": lexicon, "n": len(part), "agree": same, "agreement": same / len(part),
                     "agreement_low": low, "agreement_high": high, "kappa": kappa["kappa"],
                     "kappa_low": kappa["low"], "kappa_high": kappa["high"],
                     "undefined": kappa["undefined"]})  # fmt: skip
    return pd.DataFrame(rows)


def precision_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Precision per lexicon with Wilson 95 % intervals under each set of labels.

    ``second`` is the second coder's blind labels; ``second, borderline flipped`` counts every
    line the second coder marked borderline the other way; ``first`` repeats the first coder's
    labels for comparison; ``adjudicated`` is the agreed label after every disagreement was
    conceded or stood by.
    """
    flipped = lines["second"].where(lines["second_borderline"] == 0, 1 - lines["second"])
    labels = {"second": lines["second"], "second, borderline flipped": flipped,
              "first": lines["first"], "adjudicated": lines["final"]}  # fmt: skip
    rows = []
    for name, label in labels.items():
        for lexicon in ("term", "actor"):
            chosen = label[lines["lexicon"] == lexicon]
            right = int(chosen.sum())
            low, high = wilson_interval(right, len(chosen))
            rows.append({"labels": name, "lexicon": lexicon, "right": right, "n": len(chosen),
                         "precision": right / len(chosen), "low": low, "high": high})  # fmt: skip
    return pd.DataFrame(rows)


def disagreements(lines: pd.DataFrame) -> pd.DataFrame:
    """Every line the coders judged differently, with both reasons and the adjudication."""
    first = pd.read_csv(FOLDER / "judgments.csv", usecols=["sample_id", "reason"])
    second = pd.read_csv(HERE / "verdicts.csv", usecols=["sample_id", "reason"])
    adjudication = pd.read_csv(HERE / "adjudication.csv", usecols=["sample_id", "decision", "reason"])
    table = lines.loc[lines["first"] != lines["second"], ["sample_id", "lexicon", "entry", "first", "second", "final"]]
    table = table.merge(first.rename(columns={"reason": "first_reason"}), on="sample_id")
    table = table.merge(second.rename(columns={"reason": "second_reason"}), on="sample_id")
    table = table.merge(adjudication.rename(columns={"reason": "adjudication_reason"}), on="sample_id")
    return table.reset_index(drop=True)


def score() -> dict[str, pd.DataFrame]:
    """Every number of ``agreement.md``: agreement, precision and the disagreements."""
    lines = load()
    return {"agreement": agreement_table(lines), "precision": precision_table(lines),
            "disagreements": disagreements(lines)}  # fmt: skip


def main() -> None:
    """Print the tables of :func:`score`."""
    with pd.option_context("display.width", 200, "display.max_colwidth", 120, "display.precision", 4):
        for name, table in score().items():
            print(f"== {name}")
            print(table.to_string(index=False))


if __name__ == "__main__":
    main()

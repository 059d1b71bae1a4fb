"""A blind second coding of the eighth and ninth dictionary holdouts (``holdout_2026-12-02g`` and ``…h``).

Run from the repository root with ``PYTHONPATH=src``.  Subcommands:

``draw``
    The 800 lines of both holdouts' ``blind.csv`` (with the 250-character context of their
    ``quoted_context.csv``), shuffled with numpy ``default_rng(SEED)`` under new ids ``S001``–``S800``:
    ``sheet.csv`` (what the second coder reads: no holdout, no first id, no verdict) and
    ``key.csv`` (each new id's holdout and first id).  Reads only the two blind sheets.
``score``
    Joins the committed verdicts of both coders and prints every number of ``README.md``
    (agreement, Cohen's kappa, precision of each coder and of both together, intervals);
    writes ``disagreements.csv``.  Reads committed files only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
HOLDOUTS = {"g": HERE.parent / "holdout_2026-12-02g", "h": HERE.parent / "holdout_2026-12-02h"}
SEED = 2026120210
N_BOOT = 2000


def draw() -> None:
    """Write ``sheet.csv`` and ``key.csv`` from the holdouts' blind sheets (never their verdicts)."""
    parts = []
    for name, folder in HOLDOUTS.items():
        blind = pd.read_csv(folder / "blind.csv", keep_default_na=False)
        context = pd.read_csv(folder / "quoted_context.csv", keep_default_na=False)[["sample_id", "context"]]
        lines = blind.merge(context, on="sample_id", how="left", validate="one_to_one")
        assert len(lines) == len(blind) == 400
        lines.insert(0, "holdout", name)
        parts.append(lines)
    lines = pd.concat(parts, ignore_index=True)
    rng = np.random.default_rng(SEED)
    lines = lines.iloc[rng.permutation(len(lines))].reset_index(drop=True)
    lines.insert(0, "sheet_id", [f"S{i:03d}" for i in range(1, len(lines) + 1)])
    lines[["sheet_id", "lexicon", "entry", "label", "category", "kwic", "context"]].to_csv(
        HERE / "sheet.csv", index=False
    )
    lines[["sheet_id", "holdout", "sample_id"]].to_csv(HERE / "key.csv", index=False)
    print(f"wrote {len(lines)} lines")


def bootstrap(stat: Callable[[np.ndarray], float], strata: Sequence[object] | np.ndarray) -> tuple[float, float]:
    """Percentile 95 % interval of ``stat`` over :data:`N_BOOT` resamples of rows within strata (numpy seed 0).

    The strata are the design's: each holdout drew its term and its actor lines as two simple
    random samples, so the rows are resampled within holdout × lexicon.
    """
    rng = np.random.default_rng(0)
    labels = np.asarray(strata, dtype=str)
    groups = [np.flatnonzero(labels == s) for s in sorted(set(labels))]
    values = [stat(np.concatenate([rng.choice(g, size=len(g)) for g in groups])) for _ in range(N_BOOT)]
    low, high = np.nanpercentile(values, [2.5, 97.5])
    return float(low), float(high)


def kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two 0/1 codings, as :func:`analysis.coding.agreement.cohens_kappa` (checked by the test)."""
    p_o = float((a == b).mean())
    p_e = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
    return float("nan") if np.isclose(p_e, 1.0) else (p_o - p_e) / (1 - p_e)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval (:func:`analysis.coding.agreement.wilson_interval`)."""
    from analysis.coding.agreement import wilson_interval

    return wilson_interval(k, n)


def lines() -> pd.DataFrame:
    """The 800 lines with both coders' verdicts, borderline marks and reasons."""
    sheet = pd.read_csv(HERE / "sheet.csv", keep_default_na=False)
    key = pd.read_csv(HERE / "key.csv", keep_default_na=False)
    mine = pd.read_csv(HERE / "verdicts.csv", keep_default_na=False)
    out = sheet.merge(key, on="sheet_id", validate="one_to_one").merge(mine, on="sheet_id", validate="one_to_one")
    first = pd.concat(
        [
            pd.read_csv(folder / "judgments.csv", keep_default_na=False).assign(holdout=name)
            for name, folder in HOLDOUTS.items()
        ]
    )
    first = first.rename(columns={"correct": "coder1", "borderline": "coder1_borderline", "reason": "coder1_reason"})
    out = out.merge(
        first[["holdout", "sample_id", "coder1", "coder1_borderline", "coder1_reason"]],
        on=["holdout", "sample_id"],
        validate="one_to_one",
    )
    out = out.rename(columns={"correct": "coder2", "borderline": "coder2_borderline", "reason": "coder2_reason"})
    for column in ("coder1", "coder2", "coder1_borderline", "coder2_borderline"):
        out[column] = out[column].astype(int)
    out["stratum"] = out["holdout"] + "|" + out["lexicon"]
    return out


def pair_statistics(part: pd.DataFrame) -> dict[str, object]:
    """Agreement and kappa with bootstrap intervals, the 2 × 2 table and the precision of each coder and of both.

    ``both`` counts a line right only when both coders call it right.
    """
    c1, c2, strata = part["coder1"].to_numpy(), part["coder2"].to_numpy(), part["stratum"].to_numpy()
    table = pd.crosstab(c1, c2).reindex(index=[0, 1], columns=[0, 1], fill_value=0)
    n = len(part)
    both = int((c1 & c2).sum())
    agree = int((c1 == c2).sum())
    return {
        "n": n,
        "agree": agree,
        "agreement": agree / n,
        "agreement_ci": bootstrap(lambda i: float((c1[i] == c2[i]).mean()), strata),
        "agreement_wilson": wilson(agree, n),
        "kappa": kappa(c1, c2),
        "kappa_ci": bootstrap(lambda i: kappa(c1[i], c2[i]), strata),
        "coder1_right": int(c1.sum()), "coder1_wilson": wilson(int(c1.sum()), n),
        "coder2_right": int(c2.sum()), "coder2_wilson": wilson(int(c2.sum()), n),
        "both_right": both, "both_wilson": wilson(both, n),
        "both_wrong": int(table.loc[0, 0]), "only_coder1_wrong": int(table.loc[0, 1]),
        "only_coder2_wrong": int(table.loc[1, 0]),
    }  # fmt: skip


def flipped(part: pd.DataFrame) -> dict[str, object]:
    """Agreement when each coder's borderline verdicts are flipped (the verdicts' sensitivity)."""
    c1 = np.where(part["coder1_borderline"] == 1, 1 - part["coder1"], part["coder1"])
    c2 = np.where(part["coder2_borderline"] == 1, 1 - part["coder2"], part["coder2"])
    return {
        "coder1_borderline": int(part["coder1_borderline"].sum()),
        "coder2_borderline": int(part["coder2_borderline"].sum()),
        "both_borderline": int(((part["coder1_borderline"] == 1) & (part["coder2_borderline"] == 1)).sum()),
        "agree_flipped": int((c1 == c2).sum()),
        "kappa_flipped": kappa(c1, c2),
    }


def score() -> dict[str, object]:
    """Every number of ``README.md`` from the committed files of this folder and the two holdouts'."""
    data = lines()
    out: dict[str, object] = {}
    for name, part in [
        ("actors", data[data["lexicon"] == "actor"]),
        ("terms", data[data["lexicon"] == "term"]),
        ("all", data),
        *((f"{lex}s {h}", g) for (lex, h), g in data.groupby(["lexicon", "holdout"])),
    ]:
        out[name] = {**pair_statistics(part), **flipped(part)}
    out["disagreements"] = data[data["coder1"] != data["coder2"]]
    return out


def report() -> None:
    """Print the results and write ``disagreements.csv`` (with ``disagreement_notes.csv`` joined if present)."""
    out = score()
    disagreements = out.pop("disagreements")
    assert isinstance(disagreements, pd.DataFrame)
    columns = ["sheet_id", "holdout", "sample_id", "lexicon", "entry", "label", "kwic",
               "coder1", "coder1_borderline", "coder1_reason", "coder2", "coder2_borderline", "coder2_reason"]  # fmt: skip
    table = disagreements[columns].sort_values(["lexicon", "holdout", "sample_id"])
    notes = HERE / "disagreement_notes.csv"
    if notes.exists():
        table = table.merge(pd.read_csv(notes, keep_default_na=False), on="sheet_id", how="left")
    table.to_csv(HERE / "disagreements.csv", index=False)
    for name, values in out.items():
        print(name)
        for key, value in values.items():  # type: ignore[attr-defined]
            if isinstance(value, float):
                value = round(value, 4)
            elif isinstance(value, tuple):
                value = tuple(round(v, 4) for v in value)
            print(f"  {key}: {value}")


if __name__ == "__main__":
    commands: dict[str, Callable[..., None]] = {"draw": draw, "score": report}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

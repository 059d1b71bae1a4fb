"""Nested, article-grouped search for a better tagger: mixing weight, context smoothing, threshold.

The shipped logistic model and the boosted model of :mod:`analysis.learn.dense` are
fitted once per inner and outer fold; their probabilities are then combined as

    p = (1 - w) * logistic + w * boosted,   p' = (1 - s) * p + s * mean(p of the previous and next word)

(neighbours in the same sentence only).  In each outer fold, ``C``, ``w``, ``s`` and
the threshold are chosen on the inner grouped folds of the training articles only;
the test fold is predicted once.  Writes ``EXPERIMENTS.md`` and ``experiments.json``
beside the validation report.  About 15 minutes on 2 cores::

    .venv/bin/python scripts/tagger_experiments.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from analysis.learn.dense import dense_features, neighbour_loadedness, vocabulary_rows
from analysis.learn.model import default_tagger_counter
from analysis.learn.report import (
    outlet_rank_agreement,
    paired_table_lines,
    per_outlet_scores,
    reliability_table,
    score_table_lines,
)
from analysis.learn.spans import decode_spans, read_training_annotations
from analysis.learn.training import THRESHOLDS, Prepared, best_threshold, fit_linear, prepare
from analysis.learn.validation import (
    bootstrap,
    calibration,
    dictionary_spans,
    document_counts,
    paired_difference,
    scores,
)  # fmt: skip
from analysis.paths import data_path

OUT = Path(__file__).resolve().parents[1] / "src" / "analysis" / "learn" / "resources"
C_VALUES = (0.1, 0.3)
WEIGHTS = (0.0, 0.25, 0.5, 0.75)
SMOOTHING = (0.0, 0.25, 0.5)


def components(prepared: Prepared, train: np.ndarray, test: np.ndarray, rows: dict, seed: int = 0) -> dict:
    """Logistic (per C) and boosted probabilities of the rows of ``test``, fitted on ``train``."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    train_rows, test_rows = prepared.rows(train), prepared.rows(test)
    out = {f"C={c}": fit_linear(prepared, train_rows, C=c, seed=seed).predict(prepared.matrix[test_rows])[0]
           for c in C_VALUES}  # fmt: skip
    dense = dense_features(prepared, rows, neighbour_loadedness(prepared, rows["0"], train_rows))
    boosted = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=seed)
    boosted.fit(dense[train_rows], prepared.inside[train_rows])
    out["boosted"] = boosted.predict_proba(dense[test_rows])[:, 1]
    return out


def neighbour_mean(prepared: Prepared, docs: np.ndarray) -> np.ndarray:
    """For rows of ``docs`` (in order): row positions of the previous and next word and their validity."""
    index, valid = [], []
    base = 0
    for number in docs:
        doc = prepared.docs[number]
        for offset in (-1, 1):
            i, v = doc.shifted(offset)
            index.append((offset, base + i))
            valid.append((offset, v))
        base += len(doc)
    prev = np.concatenate([i for o, i in index if o < 0]), np.concatenate([v for o, v in valid if o < 0])
    nxt = np.concatenate([i for o, i in index if o > 0]), np.concatenate([v for o, v in valid if o > 0])
    return np.stack([prev[0], prev[1], nxt[0], nxt[1]])


def combine(parts: dict, c: float, w: float, s: float, neighbours: np.ndarray) -> np.ndarray:
    """Mix, then smooth with the sentence neighbours."""
    p = (1 - w) * parts[f"C={c}"] + w * parts["boosted"]
    if s == 0:
        return p
    prev = np.where(neighbours[1].astype(bool), p[neighbours[0]], 0.0)
    nxt = np.where(neighbours[3].astype(bool), p[neighbours[2]], 0.0)
    count = neighbours[1] + neighbours[3]
    context = (prev + nxt) / np.maximum(count, 1)
    return np.where(count > 0, (1 - s) * p + s * context, p)


def outer_fold(prepared: Prepared, train: np.ndarray, test: np.ndarray, rows: dict) -> dict:
    """Choose (C, w, s, threshold) on inner folds of ``train``; predict ``test``."""
    inner_rows = prepared.rows(train)
    inner_parts = {key: np.zeros(len(prepared.inside)) for key in [*(f"C={c}" for c in C_VALUES), "boosted"]}
    for tr, te in GroupKFold(n_splits=3).split(train, groups=prepared.articles[train]):
        for key, value in components(prepared, train[tr], train[te], rows).items():
            inner_parts[key][prepared.rows(train[te])] = value
    inner = {key: value[inner_rows] for key, value in inner_parts.items()}
    neighbours = neighbour_mean(prepared, train)
    truth = prepared.inside[inner_rows]
    grid = []
    for c, w, s in itertools.product(C_VALUES, WEIGHTS, SMOOTHING):
        threshold, f1 = best_threshold(combine(inner, c, w, s, neighbours), truth)
        grid.append({"C": c, "w": w, "s": s, "threshold": threshold, "inner_f1": round(f1, 4)})
    baseline = max((g for g in grid if g["w"] == 0.5 and g["s"] == 0), key=lambda g: g["inner_f1"])
    logistic = max((g for g in grid if g["w"] == 0 and g["s"] == 0), key=lambda g: g["inner_f1"])
    smoothed = max((g for g in grid if g["w"] == 0), key=lambda g: g["inner_f1"])
    chosen = max(grid, key=lambda g: g["inner_f1"])
    outer = components(prepared, train, test, rows)
    test_neighbours = neighbour_mean(prepared, test)
    return {"chosen": chosen, "baseline": baseline, "logistic": logistic, "smoothed": smoothed, "grid": grid,
            "predictions": {name: (combine(outer, g["C"], g["w"], g["s"], test_neighbours), g["threshold"])
                            for name, g in (("searched", chosen), ("ensemble", baseline), ("logistic", logistic),
                                                ("logistic_smoothed", smoothed))}}  # fmt: skip


def counts_of(prepared: Prepared, probability: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Per-paragraph counts of flagged tokens and decoded spans."""
    return document_counts(prepared, probability >= threshold, spans_of(prepared, probability, threshold))


def main() -> None:
    """Run the nested search and write the report."""
    # no options; parsed so that --help describes the script instead of starting the 15-minute search
    argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="Writes EXPERIMENTS.md, experiments.json, experiments_by_outlet.csv and reliability.csv "
        "in src/analysis/learn/resources/ (about 15 minutes on 2 cores).",
    ).parse_args()
    began = time.perf_counter()
    prepared = prepare(
        read_training_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl")),
        counter=default_tagger_counter(),
    )
    rows = vocabulary_rows(prepared)
    docs = np.arange(len(prepared.docs))
    n = len(prepared.inside)
    probability = {name: np.zeros(n) for name in ("logistic", "logistic_smoothed", "ensemble", "searched")}
    threshold = {name: np.zeros(n) for name in probability}
    folds = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(docs, groups=prepared.articles)):
        result = outer_fold(prepared, docs[train], docs[test], rows)
        test_rows = prepared.rows(docs[test])
        for name, (p, t) in result["predictions"].items():
            probability[name][test_rows], threshold[name][test_rows] = p, t
        folds.append(
            {"fold": k + 1, **{key: result[key] for key in ("chosen", "baseline", "logistic", "smoothed", "grid")}}
        )
        print(k + 1, result["chosen"], round(time.perf_counter() - began), flush=True)
    counts = {name: counts_of(prepared, probability[name], threshold[name]) for name in probability}
    report = {"design": "nested GroupKFold(5) by article, inner GroupKFold(3); C, w, s and the threshold chosen inside",
              "grid": {"C": C_VALUES, "w": WEIGHTS, "s": SMOOTHING, "thresholds": THRESHOLDS.tolist()},
              **validation_report(prepared, probability, threshold, counts),
              "folds": folds, "seconds": round(time.perf_counter() - began, 1)}  # fmt: skip
    (OUT / "experiments.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    (OUT / "EXPERIMENTS.md").write_text(markdown(report), "utf-8")
    print(json.dumps({k: report[k] for k in ("systems", "outlets", "paired", "seconds")}, indent=1))


def validation_report(prepared: Prepared, probability: dict, threshold: dict, counts: dict) -> dict:
    """Every number of issue 11 item 6 for the compared designs, the dictionary and their union."""
    articles = prepared.articles
    dictionary = dictionary_spans(prepared)
    dict_flag = np.concatenate([[bool(t.get("t:dict_term")) for t in d.token_features] for d in prepared.docs])
    counts = {**counts, "dictionary": document_counts(prepared, dict_flag, dictionary)}
    best = probability["searched"] >= threshold["searched"]
    best_spans = spans_of(prepared, probability["searched"], threshold["searched"])
    union_spans = [a + b for a, b in zip(best_spans, dictionary)]
    counts["union (searched + dictionary)"] = document_counts(prepared, best | dict_flag, union_spans)
    outlet_systems = {"searched": (best, best_spans), "logistic": (probability["logistic"] >= threshold["logistic"],
                      spans_of(prepared, probability["logistic"], threshold["logistic"])),
                      "dictionary": (dict_flag, dictionary), "union": (best | dict_flag, union_spans)}  # fmt: skip
    per_outlet = per_outlet_scores(prepared, outlet_systems)
    per_outlet.to_csv(OUT / "experiments_by_outlet.csv", index=False)
    calibrations = {name: calibration(p, prepared.inside) for name, p in probability.items()}
    reliability_table(calibrations).to_csv(OUT / "reliability.csv", index=False)
    return {
        "systems": {name: {m: {"value": v, "ci95": bootstrap(c, articles)[m]} for m, v in scores(c).items()}
                    for name, c in counts.items()},
        "calibration": {name: {k: v for k, v in c.items() if k != "bins"} for name, c in calibrations.items()},
        "outlets": {name: outlet_rank_agreement(prepared, p) for name, p in probability.items()},
        "paired": {f"searched - {name}": paired_difference(counts[name], counts["searched"], articles)
                   for name in ("logistic", "logistic_smoothed", "ensemble", "dictionary")},
        "per_outlet_token_f1": per_outlet[per_outlet["metric"] == "token_f1"].drop(columns="metric").to_dict("records"),
    }  # fmt: skip


def spans_of(prepared: Prepared, probability: np.ndarray, threshold: np.ndarray) -> list[list[tuple[int, int]]]:
    """Decoded spans of each paragraph."""
    offsets = np.r_[0, np.cumsum([len(d) for d in prepared.docs])]
    out = []
    for number, doc in enumerate(prepared.docs):
        part = slice(offsets[number], offsets[number + 1])
        found = decode_spans(doc, probability[part], float(threshold[part][0]) if len(doc) else 1.0)
        out.append([(s["start"], s["end"]) for s in found])
    return out


def markdown(report: dict) -> str:
    """The tables of ``EXPERIMENTS.md``."""
    metrics = ("token_precision", "token_recall", "token_f1", "span_f1")
    lines = ["# Nested search for a better tagger design", "", __doc__.split("\n\n")[1].strip(), "",
             f"{report['design']}; 95 % intervals: 1,000 bootstrap resamples of articles. "
             "Written by `scripts/tagger_experiments.py`.", "",
             ]  # fmt: skip
    lines += score_table_lines(report["systems"], metrics, first="system")
    lines += ["", *paired_table_lines(report["paired"])]
    lines += ["", "| system | ECE | Brier | expected vs annotated loaded words | outlets | Spearman [95 %] |",
              "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name, c in report["calibration"].items():
        o = report["outlets"][name]
        lines.append(f"| {name} | {c['ece']} | {c['brier']} | {c['expected_positives']} vs {c['annotated_positives']} "
                     f"| {o['n_outlets']} | {o['spearman']:.3f} [{o['ci95'][0]:.3f}, {o['ci95'][1]:.3f}] |")  # fmt: skip
    lines += ["", "Chosen on inner folds (C, w, s, threshold): " + "; ".join(
        f"fold {f['fold']}: {f['chosen']['C']}, {f['chosen']['w']}, {f['chosen']['s']}, {f['chosen']['threshold']}"
        for f in report["folds"]), "",
        "Per outlet (outlets with ≥ 20 paragraphs, the rest pooled): `experiments_by_outlet.csv`; "
        "reliability bins: `reliability.csv`.", ""]  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    main()

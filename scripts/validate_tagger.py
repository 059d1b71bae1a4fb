"""Grouped, nested cross-validation of the tagger designs on the bundled ArMPro extract.

Writes ``src/analysis/learn/resources/validation.json`` (every number),
``VALIDATION.md`` (the tables) and ``validation_by_outlet.csv`` (each design's
scores per outlet), and prints the headline numbers.  About 10 minutes on
2 cores (the shipped mixed design and the CRF take most of it).  Run from the project folder::

    .venv/bin/python scripts/validate_tagger.py
"""

from __future__ import annotations

import argparse
import json
import time
from functools import partial
from pathlib import Path

import numpy as np

from analysis.learn.distributional import word_features_for
from analysis.learn.model import default_tagger_counter
from analysis.learn.report import designs_by_outlet
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import prepare
from analysis.learn.validation import (
    CVResult,
    cross_validate_design,
    design_inputs,
    dictionary_spans,
    model_counts,
    paired_difference,
    select_design,
    summary,
)
from analysis.paths import data_path

OUT = Path(__file__).resolve().parents[1] / "src" / "analysis" / "learn" / "resources"
METRICS = ("token_precision", "token_recall", "token_f1", "span_precision", "span_recall", "span_f1")


def table(report: dict) -> list[str]:
    """Markdown rows of every design × system."""
    lines = ["| design | system | " + " | ".join(METRICS) + " |", "|---|---|" + "---:|" * len(METRICS)]
    for design, result in report["designs"].items():
        for system, values in result["systems"].items():
            cells = [f"{values[m]['value']:.3f} [{values[m]['ci95'][0]:.3f}, {values[m]['ci95'][1]:.3f}]"
                     for m in METRICS]  # fmt: skip
            lines.append(f"| {design} | {system} | " + " | ".join(cells) + " |")
    return lines


def calibration_lines(report: dict) -> list[str]:
    """Markdown reliability tables."""
    lines = []
    for design, result in report["designs"].items():
        c = result["calibration"]
        lines += [
            "",
            f"**{design}**: ECE {c['ece']}, Brier {c['brier']}, expected loaded words "
            f"{c['expected_positives']} vs annotated {c['annotated_positives']}; outlets with ≥ "
            f"{result['outlets']['min_paragraphs']} paragraphs: {result['outlets']['n_outlets']}, Spearman "
            f"{result['outlets']['spearman']}",
            "",
            "| bin | n | mean p | observed |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {b['low']:.1f}–{b['high']:.1f} | {b['n']} | {b['mean_probability']:.3f} | "
                  f"{b['observed_rate']:.3f} |" for b in c["bins"]]  # fmt: skip
        lines += [
            "",
            "Chosen on inner folds: "
            + "; ".join(
                f"fold {f['fold']}: {_chosen(f)}{f['param']}, threshold {f['threshold']}" for f in result["folds"]
            ),
        ]
    return lines


def _chosen(fold: dict) -> str:
    """``<design> `` of a fold of the selection procedure (empty for a single design)."""
    return f"{fold['design']} " if "design" in fold else ""


def _cached(folder: Path | None, design: str, run, began: float) -> tuple[CVResult, float]:
    """A design's cross-validation and its seconds: from ``folder`` if it holds them, else run (and kept there)."""
    if folder is None:
        return run(), round(time.perf_counter() - began, 1)
    path = folder / f"{design}.json"
    if not path.exists():
        cv = run()
        folder.mkdir(parents=True, exist_ok=True)
        kept = {"design": cv.design, "loaded": cv.loaded.tolist(), "name_calling": cv.name_calling.tolist(),
                "threshold": cv.threshold.tolist(), "folds": cv.folds,
                "seconds": round(time.perf_counter() - began, 1)}  # fmt: skip
        path.write_text(json.dumps(kept), "utf-8")
    kept = json.loads(path.read_text("utf-8"))
    arrays = [np.array(kept[key]) for key in ("loaded", "name_calling", "threshold")]
    return CVResult(kept["design"], *arrays, folds=kept["folds"]), kept["seconds"]


def main() -> None:
    """Run the designs and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--designs", default="mixed,logistic,crf", help="comma-separated, from analysis.learn."
                        "validation.DESIGNS (e.g. mixed,mixed-proxies)")  # fmt: skip
    parser.add_argument("--select", default="", help="comma-separated designs among --designs: also score the "
                        "procedure that picks one of them per outer fold by inner F1 (validation.select_design)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cache", type=Path, default=None, help="keep each design's out-of-fold predictions in "
                        "this folder and reuse them (designs can then run in separate processes)")  # fmt: skip
    args = parser.parse_args()
    annotations = read_training_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl"))
    counter = default_tagger_counter()
    prepared = prepare(annotations, counter=counter)
    by_inputs = {"shipped": prepared}  # the designs over other word-row look-ups need their own features
    dictionary = dictionary_spans(prepared)
    report: dict = {"data": annotations.source.split("/")[-1], "sha256": annotations.sha256,
                    "paragraphs": len(prepared.docs), "articles": len(set(prepared.articles)),
                    "folds": "GroupKFold(5) by article; inner GroupKFold(3) chooses the hyperparameter and "
                             "threshold", "bootstrap": "1000 resamples of articles, percentile 95 %",
                    "designs": {}, "seconds": {}, "paired_differences": {}}  # fmt: skip
    counts, results = {}, {}
    for design in args.designs.split(","):
        began = time.perf_counter()
        inputs = design_inputs(design)[1]
        if inputs not in by_inputs:
            by_inputs[inputs] = prepare(annotations, counter=counter, words=word_features_for(inputs))
        cv, seconds = _cached(args.cache, design, partial(cross_validate_design, by_inputs[inputs], design), began)
        results[design] = cv
        report["designs"][design] = summary(cv, by_inputs[inputs], dictionary=dictionary)
        report["seconds"][design] = seconds
        counts[design] = model_counts(by_inputs[inputs], cv)
        model = report["designs"][design]["systems"]["model"]
        print(design, {m: model[m]["value"] for m in METRICS}, f"{report['seconds'][design]} s", flush=True)
    if args.select:
        candidates = args.select.split(",")
        cv = select_design(prepared, {name: results[name] for name in candidates})
        report["designs"][cv.design] = summary(cv, prepared, dictionary=dictionary)
        report["seconds"][cv.design] = round(sum(report["seconds"][name] for name in candidates), 1)
        counts[cv.design] = model_counts(prepared, cv)
        print(cv.design, "chose", [f["design"] for f in cv.folds], {m: report["designs"][cv.design]["systems"]
              ["model"][m]["value"] for m in METRICS}, flush=True)  # fmt: skip
    names = list(counts)
    for k, first in enumerate(names):
        for second in names[k + 1 :]:
            report["paired_differences"][f"{second} - {first}"] = paired_difference(
                counts[first], counts[second], prepared.articles[: len(prepared.docs)]
            )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "validation.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    designs_by_outlet(report).to_csv(args.out / "validation_by_outlet.csv", index=False)
    text = [
        "# Grouped cross-validation of the loaded-language tagger",
        "",
        f"{report['paragraphs']} paragraphs, {report['articles']} articles of `{report['data']}`. "
        f"{report['folds']}. Intervals: {report['bootstrap']}. Written by `scripts/validate_tagger.py`.",
        "",
        *table(report),
        "",
        "## Paired differences (bootstrap over articles, same resamples)",
        "",
        "| designs | token F1 difference | span F1 difference |",
        "|---|---:|---:|",
        *[
            f"| {pair} | {d['token_f1']['value']:+.3f} [{d['token_f1']['ci95'][0]:+.3f}, "
            f"{d['token_f1']['ci95'][1]:+.3f}] | {d['span_f1']['value']:+.3f} [{d['span_f1']['ci95'][0]:+.3f}, "
            f"{d['span_f1']['ci95'][1]:+.3f}] |"
            for pair, d in report["paired_differences"].items()
        ],
        "",
        "## Calibration (out-of-fold token probabilities)",
        *calibration_lines(report),
    ]
    (args.out / "VALIDATION.md").write_text("\n".join(text) + "\n", "utf-8")


if __name__ == "__main__":
    main()

"""Nested, article-grouped search over the window network, mixing, smoothing and span-aware decoding.

Components fitted once per inner and outer fold (features of the test fold never used
to fit, loadedness computed from training labels only): the logistic model (``C``),
the window network of :mod:`analysis.learn.window`, and the boosted trees of
:mod:`analysis.learn.dense`.  Their probabilities are mixed with weights on a grid
(steps of 0.25), smoothed with the sentence neighbours (``s``), then decoded with
optional hysteresis (a neighbour of a flagged token is flagged from ``r`` × threshold)
and gap filling (a token between two flagged ones is flagged).  Every design below is
the best point of its own part of the grid, chosen on inner grouped folds of the
training articles only; the test fold is predicted once.  Writes
``window_experiments.json`` beside the validation report and its tables into the last
section of ``EXPERIMENTS.md``; components are cached in ``/tmp/tagger-window2``.  About
15 minutes on 2 idle cores (``--markdown`` only rewrites the section from the JSON)::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/tagger_window_experiments.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from analysis.learn.dense import dense_features, neighbour_loadedness, vocabulary_rows
from analysis.learn.model import default_tagger_counter
from analysis.learn.report import paired_table_lines, print_token_f1, score_table_lines
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import THRESHOLDS, Prepared, fit_linear, prepare
from analysis.learn.validation import bootstrap, calibration, document_counts, paired_difference, scores
from analysis.learn.window import fit_window, window_matrix
from analysis.paths import data_path

OUT = Path(__file__).resolve().parents[1] / "src" / "analysis" / "learn" / "resources"
CACHE = Path("/tmp/tagger-window2")
C_VALUES = (0.1, 0.3)
#: Logistic model whose out-of-fold logit the stacked network reads (fixed in advance).
STACK_C = 0.1
STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
SMOOTHING = (0.0, 0.25, 0.5)
RATIOS = (1.0, 0.75, 0.5)
GAPS = (False, True)
#: Each design: which part of the grid it may choose from.
DESIGNS = {
    "logistic": lambda g: g["b"] == g["c"] == g["d"] == 0 and g["s"] == 0 and g["r"] == 1 and not g["gap"],
    "logistic + decoding": lambda g: g["b"] == g["c"] == g["d"] == 0 and g["s"] == 0,
    "logistic + smoothing + decoding": lambda g: g["b"] == g["c"] == g["d"] == 0,
    "window network alone": lambda g: g["b"] == 1 and g["s"] == 0 and g["r"] == 1 and not g["gap"],
    "logistic + window": lambda g: g["c"] == g["d"] == 0 and g["s"] == 0 and g["r"] == 1 and not g["gap"],
    "logistic + boosted + smoothing (previous search)": lambda g: (
        g["b"] == g["d"] == 0 and g["r"] == 1 and not g["gap"]
    ),
    "logistic + window + smoothing + decoding": lambda g: g["c"] == g["d"] == 0,
    "logistic + boosted + smoothing + decoding": lambda g: g["b"] == g["d"] == 0,
    "logistic + boosted + window + smoothing + decoding": lambda g: g["d"] == 0,
    "stacked network alone": lambda g: g["d"] == 1 and g["s"] == 0 and g["r"] == 1 and not g["gap"],
    "logistic + stacked network": lambda g: (
        g["C"] == STACK_C and g["b"] == 0 and g["c"] == 0 and g["s"] == 0 and g["r"] == 1 and not g["gap"]
    ),
    "logistic + stacked network + smoothing + decoding": lambda g: g["C"] == STACK_C and g["b"] == 0 and g["c"] == 0,
    "logistic + window + stacked + smoothing + decoding": lambda g: g["C"] == STACK_C and g["c"] == 0,
    "all four + smoothing + decoding": lambda g: True,
}


def components(prepared: Prepared, train: np.ndarray, test: np.ndarray, key: str, vocab: dict) -> dict:
    """Probabilities of each component on the rows of ``test`` (cached on disk)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    path = CACHE / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    train_rows, test_rows = prepared.rows(train), prepared.rows(test)
    out = {f"C={c}": fit_linear(prepared, train_rows, C=c).predict(prepared.matrix[test_rows])[0] for c in C_VALUES}
    loadedness = neighbour_loadedness(prepared, vocab["0"], train_rows)
    x = window_matrix(prepared.docs, prepared.featurizer.words, loadedness)
    out["window"] = fit_window(x[train_rows], prepared.inside[train_rows]).predict(x[test_rows])
    logit = np.zeros(len(prepared.inside))  # stacking: out-of-fold logistic logits on the training rows
    for tr, te in GroupKFold(n_splits=3).split(train, groups=prepared.articles[train]):
        inner = fit_linear(prepared, prepared.rows(train[tr]), C=STACK_C)
        logit[prepared.rows(train[te])] = inner.loaded.decision_function(
            prepared.matrix[prepared.rows(train[te])][:, inner.columns]
        )
    full = fit_linear(prepared, train_rows, C=STACK_C)
    logit[test_rows] = full.loaded.decision_function(prepared.matrix[test_rows][:, full.columns])
    xs = np.column_stack([x, logit])
    out["stacked"] = fit_window(xs[train_rows], prepared.inside[train_rows]).predict(xs[test_rows])
    dense = dense_features(prepared, vocab, loadedness)
    boosted = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=0)
    out["boosted"] = boosted.fit(dense[train_rows], prepared.inside[train_rows]).predict_proba(dense[test_rows])[:, 1]
    path.write_bytes(pickle.dumps(out))
    return out


def neighbours_of(prepared: Prepared, docs: np.ndarray) -> tuple[np.ndarray, ...]:
    """For the rows of ``docs`` (in order): previous/next row position and their validity."""
    prev_i, prev_v, next_i, next_v = [], [], [], []
    base = 0
    for number in docs:
        doc = prepared.docs[number]
        i, v = doc.shifted(-1)
        adjacent = np.r_[False, doc.index[1:] == doc.index[:-1] + 1] if len(doc) else np.zeros(0, bool)
        prev_i.append(base + i), prev_v.append(v & adjacent)
        i, v = doc.shifted(1)
        adjacent_next = np.r_[adjacent[1:], False] if len(doc) else np.zeros(0, bool)
        next_i.append(base + i), next_v.append(v & adjacent_next)
        base += len(doc)
    return tuple(np.concatenate(a) for a in (prev_i, prev_v, next_i, next_v))


def mix(parts: dict, g: dict, nb: tuple) -> np.ndarray:
    """Mixed and smoothed probability of one grid point."""
    p = (1 - g["b"] - g["c"] - g["d"]) * parts[f"C={g['C']}"] + g["b"] * parts["window"] + g["c"] * parts["boosted"]
    p = p + g["d"] * parts["stacked"]
    if g["s"] == 0:
        return p
    prev = np.where(nb[1], p[nb[0]], 0.0)
    nxt = np.where(nb[3], p[nb[2]], 0.0)
    count = nb[1].astype(int) + nb[3]
    return np.where(count > 0, (1 - g["s"]) * p + g["s"] * (prev + nxt) / np.maximum(count, 1), p)


def decode(p: np.ndarray, threshold: float, ratio: float, gap: bool, nb: tuple) -> np.ndarray:
    """Flags after hysteresis and gap filling (one step each, from the plain flags)."""
    flag = p >= threshold
    prev_flag, next_flag = nb[1] & flag[nb[0]], nb[3] & flag[nb[2]]
    out = flag.copy()
    if ratio < 1:
        out |= (p >= ratio * threshold) & (prev_flag | next_flag)
    if gap:
        out |= prev_flag & next_flag
    return out


def grid_points() -> list[dict]:
    """Every grid point (mixing weights on the simplex)."""
    points = []
    for c_value, b, c, d, s, r, gap in itertools.product(C_VALUES, STEPS, STEPS, STEPS, SMOOTHING, RATIOS, GAPS):
        if b + c + d <= 1:
            points.append({"C": c_value, "b": b, "c": c, "d": d, "s": s, "r": r, "gap": gap})
    return points


def inner_scores(parts: dict, truth: np.ndarray, nb: tuple) -> list[dict]:
    """Best threshold and inner token F1 of every grid point."""
    out = []
    cache: dict = {}
    for g in grid_points():
        key = (g["C"], g["b"], g["c"], g["d"], g["s"])
        if key not in cache:
            cache[key] = mix(parts, g, nb)
        p = cache[key]
        best = (-1.0, 0.0)
        for t in THRESHOLDS:
            flag = decode(p, float(t), g["r"], g["gap"], nb)
            f1 = 2 * float(np.sum(flag & truth)) / max(1.0, flag.sum() + truth.sum())
            if f1 > best[0] + 1e-12:
                best = (f1, float(t))
        out.append({**g, "threshold": best[1], "inner_f1": round(best[0], 4)})
    return out


def outer_fold(prepared: Prepared, train: np.ndarray, test: np.ndarray, k: int, vocab: dict) -> dict:
    """Choose every design's grid point on inner folds of ``train``; predict ``test``."""
    n = len(prepared.inside)
    inner = {key: np.zeros(n) for key in [*(f"C={c}" for c in C_VALUES), "window", "boosted", "stacked"]}
    for j, (tr, te) in enumerate(GroupKFold(n_splits=3).split(train, groups=prepared.articles[train])):
        for key, value in components(prepared, train[tr], train[te], f"f{k}i{j}", vocab).items():
            inner[key][prepared.rows(train[te])] = value
    rows = prepared.rows(train)
    grid = inner_scores(
        {key: v[rows] for key, v in inner.items()}, prepared.inside[rows], neighbours_of(prepared, train)
    )
    chosen = {
        name: max((g for g in grid if allowed(g)), key=lambda g: g["inner_f1"]) for name, allowed in DESIGNS.items()
    }
    outer = components(prepared, train, test, f"f{k}o", vocab)
    nb = neighbours_of(prepared, test)
    predictions = {}
    for name, g in chosen.items():
        p = mix(outer, g, nb)
        predictions[name] = (p, decode(p, g["threshold"], g["r"], g["gap"], nb))
    return {"chosen": chosen, "predictions": predictions}


def spans_from_flags(prepared: Prepared, flags: np.ndarray) -> list[list[tuple[int, int]]]:
    """Runs of adjacent flagged word tokens of each paragraph, as character spans."""
    offsets = np.r_[0, np.cumsum([len(d) for d in prepared.docs])]
    out = []
    for number, doc in enumerate(prepared.docs):
        flagged = np.flatnonzero(flags[offsets[number] : offsets[number + 1]])
        spans: list[tuple[int, int]] = []
        for i in flagged:
            if spans and i - 1 in set(flagged) and doc.index[i] == doc.index[i - 1] + 1:
                spans[-1] = (spans[-1][0], int(doc.end[i]))
            else:
                spans.append((int(doc.start[i]), int(doc.end[i])))
        out.append(spans)
    return out


SECTION = "## Window network, stacking and span-aware decoding"


def markdown(report: dict) -> str:
    """The section of ``EXPERIMENTS.md`` written from ``window_experiments.json``."""
    metrics = ("token_precision", "token_recall", "token_f1", "span_f1")
    lines = [SECTION, "", __doc__.split("\n\n")[1].strip().split("  Writes")[0], "",
             "Components: `logistic` (C 0.1 or 0.3); `window` (the network of `learn/window.py`: 64 ReLU units, "
             "L2 1.0, standardized inputs — vectors and neighbour loadedness of words i-2..i+2 and the token flags); "
             "`stacked` (the same network also reading the out-of-fold logit of the logistic model, C 0.1); "
             "`boosted` (`learn/dense.py`). Grid: weights in steps of 0.25, s in {0, 0.25, 0.5}, hysteresis ratio "
             "r in {1, 0.75, 0.5}, gap filling on/off, threshold; 95 % intervals from 1,000 bootstrap "
             "resamples of articles.", "",
             ]  # fmt: skip
    lines += score_table_lines(report["systems"], metrics, first="design")
    lines += ["", *paired_table_lines(report["paired"])]
    lines += ["", "Chosen on inner folds for the richest design (all four + smoothing + decoding): " + "; ".join(
        f"fold {f['fold']}: " + ", ".join(f"{k} {v}" for k, v in f["chosen"]["all four + smoothing + decoding"].items()
                                       if k != "inner_f1") for f in report["folds"]), ""]  # fmt: skip
    return "\n".join(lines)


def write_section(report: dict) -> None:
    """Replace (or add) the section in ``EXPERIMENTS.md``."""
    path = OUT / "EXPERIMENTS.md"
    text = path.read_text("utf-8")
    head = text.split(SECTION)[0].rstrip("\n")
    path.write_text(head + "\n\n" + markdown(report), "utf-8")


def main() -> None:
    """Run the nested search and write ``window_experiments.json`` and the section of ``EXPERIMENTS.md``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="only rewrite the section from the JSON")
    if parser.parse_args().markdown:
        write_section(json.loads((OUT / "window_experiments.json").read_text("utf-8")))
        return
    began = time.perf_counter()
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / "prepared.pkl"
    if cached.exists():
        prepared = pickle.loads(cached.read_bytes())
    else:
        prepared = prepare(
            read_training_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl")),
            counter=default_tagger_counter(),
        )
        cached.write_bytes(pickle.dumps(prepared))
    vocab = vocabulary_rows(prepared)
    docs = np.arange(len(prepared.docs))
    n = len(prepared.inside)
    probability = {name: np.zeros(n) for name in DESIGNS}
    flags = {name: np.zeros(n, dtype=bool) for name in DESIGNS}
    folds = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(docs, groups=prepared.articles)):
        result = outer_fold(prepared, docs[train], docs[test], k, vocab)
        rows = prepared.rows(docs[test])
        for name, (p, f) in result["predictions"].items():
            probability[name][rows], flags[name][rows] = p, f
        folds.append({"fold": k + 1, "chosen": result["chosen"]})
        print(k + 1, round(time.perf_counter() - began), result["chosen"]["all four + smoothing + decoding"],
              result["chosen"]["logistic + window + stacked + smoothing + decoding"], flush=True)  # fmt: skip
    counts = {name: document_counts(prepared, flags[name], spans_from_flags(prepared, flags[name])) for name in DESIGNS}
    articles = prepared.articles
    report = {
        "design": "nested GroupKFold(5) by article, inner GroupKFold(3); every choice made inside",
        "grid": {"C": C_VALUES, "weights": STEPS, "s": SMOOTHING, "r": RATIOS, "gap": GAPS},
        "systems": {name: {m: {"value": v, "ci95": bootstrap(c, articles)[m]} for m, v in scores(c).items()}
                    for name, c in counts.items()},
        "paired": {f"{name} - logistic": paired_difference(counts["logistic"], counts[name], articles)
                   for name in DESIGNS if name != "logistic"},
        "calibration": {name: {k: v for k, v in calibration(p, prepared.inside).items() if k != "bins"}
                        for name, p in probability.items()},
        "folds": folds, "seconds": round(time.perf_counter() - began, 1),
    }  # fmt: skip
    (OUT / "window_experiments.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    write_section(report)
    print_token_f1(report["systems"], width=50)


if __name__ == "__main__":
    main()

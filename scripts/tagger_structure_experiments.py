"""Nested, article-grouped search over the model's structure: a CRF expert, paragraph weights, per-technique thresholds.

Extends ``scripts/tagger_net_experiments.py`` (its components, cache, smoothing and
decoding are reused unchanged) with three structural changes, all fitted inside the
folds of the same nested GroupKFold(5) by article / inner GroupKFold(3):

* a linear-chain CRF (:mod:`analysis.learn.crf`, ``c1`` 0, ``c2`` 0.3: declared up front,
  the pair every outer fold of ``scripts/validate_tagger.py`` chose on its inner folds)
  whose marginal ``1 - P(O)`` is mixed in with weight ``u`` (``p = (1 - u) * ((1 - w) *
  logistic + w * networks) + u * crf``); the CRF's emission scores are per word type like
  the logistic model's, and its marginals cost a 3-state forward-backward per token;
* the logistic model with each paragraph's tokens weighted ``n_tokens ** -0.5`` (scaled
  to mean 1; :func:`analysis.learn.training.paragraph_weights`) and the loaded tokens 3,
  so that long paragraphs do not dominate its loss;
* per-technique thresholds: a token whose Name Calling probability (of the logistic
  model) is at least 0.5 is flagged from ``f`` times the threshold (``f`` chosen inside).

Each design below is the best point of its own part of the grid, chosen on inner grouped
folds of the training articles only (the first best on ties, in grid order); the test
fold is predicted once.  Writes ``structure_experiments.json`` beside the validation
report and its tables into the section of ``EXPERIMENTS.md``; components are cached in
``/tmp/tagger-net-f1b``.  40 minutes on a busy 2-core machine (load 12), with the cache of
``tagger_net_experiments.py`` copied there; ``--storable`` (one network, threshold decoding) 1 minute::

    OMP_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python scripts/tagger_structure_experiments.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from analysis.learn.crf import crf_probabilities, crf_sequences, fit_crf
from analysis.learn.dense import vocabulary_rows
from analysis.learn.model import default_tagger_counter
from analysis.learn.report import paired_table_lines, print_token_f1, score_table_lines
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import THRESHOLDS, Prepared, fit_linear, paragraph_weights, prepare
from analysis.learn.validation import bootstrap, calibration, document_counts, paired_difference, scores
from analysis.paths import data_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tagger_net_experiments as net_experiments  # noqa: E402
from tagger_window_experiments import decode, neighbours_of, spans_from_flags  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "analysis" / "learn" / "resources"
CACHE = Path("/tmp/tagger-net-f1b")
C_VALUES = (0.1, 0.3)
#: The CRF's (c1, c2), declared up front (see the module docstring).
CRF_PARAM = (0.0, 0.3)
POSITIVE_WEIGHT = 3.0
PARAGRAPH_POWER = 0.5
LINEAR = ("plain", "weighted", "pweighted")
NET_CHOICES = {"net0": ("net0",), "mean01": ("net0", "net1"), "logit01": ("net0", "net1")}
#: Network choices averaged on the logit scale (:func:`analysis.learn.window.logit_mean`: one network).
LOGIT_MEANS = ("logit01",)
STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
CRF_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
SMOOTHING = (0.0, 0.25, 0.5)
RATIOS = (1.0, 0.75, 0.5)
GAPS = (False, True)
#: Name Calling tokens are flagged from ``f`` times the threshold.
NC_FACTORS = (1.0, 0.75, 0.5)


def _plain(g: dict) -> bool:
    return g["r"] == 1 and not g["gap"] and g["f"] == 1


def _base(g: dict) -> bool:
    """No CRF, no per-technique threshold."""
    return g["u"] == 0 and g["f"] == 1


SHIPPED = "shipped: logistic + window + smoothing"
DESIGNS = {
    SHIPPED: lambda g: g["lin"] == "plain" and g["net"] == "net0" and _base(g) and _plain(g),
    "best cheap: weighted logistic + 2 nets + smoothing + decoding": lambda g: (
        g["lin"] == "weighted" and g["net"] == "mean01" and _base(g)
    ),
    "CRF alone + smoothing + decoding": lambda g: g["u"] == 1 and g["f"] == 1,
    "shipped + CRF": lambda g: g["lin"] == "plain" and g["net"] == "net0" and _plain(g),
    "logistic + window + CRF + smoothing + decoding": lambda g: (
        g["lin"] == "plain" and g["net"] == "net0" and (g["f"] == 1)
    ),
    "weighted logistic + window + CRF + smoothing + decoding": lambda g: (
        g["lin"] == "weighted" and g["net"] == "net0" and g["f"] == 1
    ),
    "weighted logistic + 2 nets + CRF + smoothing + decoding": lambda g: (
        g["lin"] == "weighted" and g["net"] == "mean01" and g["f"] == 1
    ),
    "paragraph-weighted logistic + window + smoothing + decoding": lambda g: (
        g["lin"] == "pweighted" and g["net"] == "net0" and _base(g)
    ),
    "paragraph-weighted logistic + 2 nets + smoothing + decoding": lambda g: (
        g["lin"] == "pweighted" and g["net"] == "mean01" and _base(g)
    ),
    "shipped + decoding + NC threshold": lambda g: g["lin"] == "plain" and g["net"] == "net0" and g["u"] == 0,
    "weighted logistic + 2 nets + smoothing + decoding + NC threshold": lambda g: (
        g["lin"] == "weighted" and g["net"] == "mean01" and g["u"] == 0
    ),
    "any (logistic variants, nets, CRF, NC threshold; chosen inside)": lambda g: g["net"] != "logit01",
}
#: ``--storable``: only what the saved tagger holds today (one network, plain threshold decoding).
STORABLE = {
    SHIPPED: DESIGNS[SHIPPED],
    "shipped + CRF": DESIGNS["shipped + CRF"],
    "weighted logistic + 2 nets as one + smoothing": lambda g: (
        g["lin"] == "weighted" and g["net"] == "logit01" and _base(g) and _plain(g)
    ),
    "weighted logistic + 2 nets as one + CRF + smoothing": lambda g: (
        g["lin"] == "weighted" and g["net"] == "logit01" and _plain(g)
    ),
    "weighted logistic + window + CRF + smoothing": lambda g: (
        g["lin"] == "weighted" and g["net"] == "net0" and _plain(g)
    ),
    "logistic (plain or weighted) + window or 2 nets as one + CRF + smoothing (chosen inside)": lambda g: (
        g["lin"] != "pweighted" and g["net"] != "mean01" and _plain(g)
    ),
}


def components(prepared: Prepared, sequences: tuple, train: np.ndarray, test: np.ndarray, key: str) -> dict:
    """Probabilities of each component on the rows of ``test`` (cached on disk, one file per component)."""
    out = net_experiments.components(prepared, train, test, key, VOCAB)
    train_rows, test_rows = prepared.rows(train), prepared.rows(test)
    for c in C_VALUES:
        out[f"pweighted:{c}"] = net_experiments._cached(key, f"pweighted:{c}", lambda c=c: fit_linear(
            prepared, train_rows, C=c, positive_weight=POSITIVE_WEIGHT,
            sample_weight=paragraph_weights(prepared, train_rows, PARAGRAPH_POWER)).predict(
            prepared.matrix[test_rows])[0])  # fmt: skip
        out[f"nc:{c}"] = net_experiments._cached(key, f"nc:{c}", lambda c=c: fit_linear(
            prepared, train_rows, C=c).predict(prepared.matrix[test_rows])[1])  # fmt: skip
    features, labels = sequences
    out["crf"], out["crf_nc"] = net_experiments._cached(key, "crf", lambda: crf_probabilities(
        fit_crf([features[i] for i in train], [labels[i] for i in train], c1=CRF_PARAM[0], c2=CRF_PARAM[1]),
        [features[i] for i in test]))  # fmt: skip
    return out


def grid_points() -> list[dict]:
    """Every grid point (the CRF alone once per smoothing and decoding) some design may choose."""
    points = []
    for lin, c, net, w, u, s, r, gap, f in itertools.product(LINEAR, C_VALUES, NET_CHOICES, STEPS, CRF_STEPS,
                                                             SMOOTHING, RATIOS, GAPS, NC_FACTORS):  # fmt: skip
        if w == 0 and net != "net0":
            continue
        if u == 1 and (lin, c, net, w) != (LINEAR[0], C_VALUES[0], "net0", 0.0):
            continue
        g = {"lin": lin, "C": c, "net": net, "w": w, "u": u, "s": s, "r": r, "gap": gap, "f": f}
        if any(allowed(g) for allowed in DESIGNS.values()):
            points.append(g)
    return points


def mix(parts: dict, g: dict, nb: tuple) -> np.ndarray:
    """Mixed and smoothed probability of one grid point."""
    nets = [parts[name] for name in NET_CHOICES[g["net"]]]
    if g["net"] in LOGIT_MEANS:
        logit = np.mean([np.log(q) - np.log1p(-q) for q in np.clip(nets, 1e-12, 1 - 1e-12)], axis=0)
        net = 1.0 / (1.0 + np.exp(-logit))
    else:
        net = np.mean(nets, axis=0)
    p = (1 - g["w"]) * parts[f"{g['lin']}:{g['C']}"] + g["w"] * net
    p = (1 - g["u"]) * p + g["u"] * parts["crf"]
    if g["s"] == 0:
        return p
    prev = np.where(nb[1], p[nb[0]], 0.0)
    nxt = np.where(nb[3], p[nb[2]], 0.0)
    count = nb[1].astype(int) + nb[3]
    return np.where(count > 0, (1 - g["s"]) * p + g["s"] * (prev + nxt) / np.maximum(count, 1), p)


def flags(parts: dict, p: np.ndarray, g: dict, threshold: float, nb: tuple) -> np.ndarray:
    """Decoded flags, Name Calling tokens (logistic ``nc`` >= 0.5) compared with ``f`` times the threshold."""
    if g["f"] == 1:
        return decode(p, threshold, g["r"], g["gap"], nb)
    scale = np.where(parts[f"nc:{g['C']}"] >= 0.5, 1.0 / g["f"], 1.0)  # p / f >= t  <=>  p >= f * t
    return decode(p * scale, threshold, g["r"], g["gap"], nb)


def inner_scores(parts: dict, truth: np.ndarray, nb: tuple) -> list[dict]:
    """Best threshold and inner token F1 of every grid point."""
    out = []
    cache: dict = {}
    for g in grid_points():
        key = (g["lin"], g["C"], g["net"], g["w"], g["u"], g["s"])
        if key not in cache:
            cache[key] = mix(parts, g, nb)
        p = cache[key]
        best = (-1.0, 0.0)
        for t in THRESHOLDS:
            flag = flags(parts, p, g, float(t), nb)
            f1 = 2 * float(np.sum(flag & truth)) / max(1.0, flag.sum() + truth.sum())
            if f1 > best[0] + 1e-12:
                best = (f1, float(t))
        out.append({**g, "threshold": best[1], "inner_f1": round(best[0], 4)})
    return out


def outer_fold(prepared: Prepared, sequences: tuple, train: np.ndarray, test: np.ndarray, k: int) -> dict:
    """Choose every design's grid point on inner folds of ``train``; predict ``test``."""
    n = len(prepared.inside)
    inner: dict[str, np.ndarray] = {}
    for j, (tr, te) in enumerate(GroupKFold(n_splits=3).split(train, groups=prepared.articles[train])):
        for key, value in components(prepared, sequences, train[tr], train[te], f"f{k}i{j}").items():
            inner.setdefault(key, np.zeros(n))[prepared.rows(train[te])] = value
    rows = prepared.rows(train)
    grid = inner_scores({key: v[rows] for key, v in inner.items()}, prepared.inside[rows],
                        neighbours_of(prepared, train))  # fmt: skip
    chosen = {name: max((g for g in grid if allowed(g)), key=lambda g: g["inner_f1"])
              for name, allowed in DESIGNS.items()}  # fmt: skip
    outer = components(prepared, sequences, train, test, f"f{k}o")
    nb = neighbours_of(prepared, test)
    predictions = {}
    for name, g in chosen.items():
        p = mix(outer, g, nb)
        predictions[name] = (p, flags(outer, p, g, g["threshold"], nb))
    return {"chosen": chosen, "predictions": predictions}


SECTION = "## Structure: a CRF expert, paragraph weights, per-technique thresholds"
WIDEST = "any (logistic variants, nets, CRF, NC threshold; chosen inside)"


def markdown(report: dict) -> str:
    """The section of ``EXPERIMENTS.md`` written from ``structure_experiments.json``."""
    metrics = ("token_precision", "token_recall", "token_f1", "span_f1")
    lines = [SECTION, "", __doc__.split("\n\n", 1)[1].split("Each design below")[0].strip(), ""]
    lines += score_table_lines(report["systems"], metrics, first="design")
    lines += ["", *paired_table_lines(report["paired"])]
    lines += ["", "Chosen on inner folds: " + "; ".join(
        f"fold {f['fold']}: " + "; ".join(f"*{name}*: " + ", ".join(f"{k} {v}" for k, v in g.items())
                                          for name, g in f["chosen"].items() if name != SHIPPED)
        for f in report["folds"]), ""]  # fmt: skip
    return "\n".join(lines)


def storable_lines(report: dict) -> list[str]:
    """The tables of the ``--storable`` run (``structure_experiments-storable.json``)."""
    metrics = ("token_precision", "token_recall", "token_f1", "span_f1")
    lines = ["### Only what the saved tagger holds (one network, threshold decoding; `--storable`)", ""]
    lines += score_table_lines(report["systems"], metrics, first="design")
    return [*lines, "", *paired_table_lines(report["paired"]), ""]


def write_section(report: dict) -> None:
    """Replace (or add) the section at the end of ``EXPERIMENTS.md`` (with the ``--storable`` tables if run)."""
    path = OUT / "EXPERIMENTS.md"
    text = path.read_text("utf-8")
    head = text.split(SECTION)[0].rstrip("\n")
    storable = OUT / "structure_experiments-storable.json"
    extra = storable_lines(json.loads(storable.read_text("utf-8"))) if storable.exists() else []
    path.write_text(head + "\n\n" + markdown(report) + "\n".join(extra), "utf-8")


VOCAB: dict = {}


def main() -> None:
    """Run the nested search and write ``structure_experiments.json`` and the section of ``EXPERIMENTS.md``."""
    global VOCAB, DESIGNS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="only rewrite the section from the JSON")
    parser.add_argument("--storable", action="store_true", help="only the designs the saved tagger holds today "
                        "(one network, threshold decoding): structure_experiments-storable.json, no section")  # fmt: skip
    args = parser.parse_args()
    if args.markdown:
        write_section(json.loads((OUT / "structure_experiments.json").read_text("utf-8")))
        return
    label = "-storable" if args.storable else ""
    if args.storable:
        DESIGNS = STORABLE
    net_experiments.CACHE = CACHE
    began = time.perf_counter()
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / "prepared.pkl"
    if cached.exists():
        prepared = pickle.loads(cached.read_bytes())
    else:
        annotations = read_training_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl"))
        prepared = prepare(annotations, counter=default_tagger_counter())
        cached.write_bytes(pickle.dumps(prepared))
    VOCAB = vocabulary_rows(prepared)
    sequences = net_experiments._cached("all", "crf-sequences", lambda: crf_sequences(prepared))
    docs = np.arange(len(prepared.docs))
    n = len(prepared.inside)
    probability = {name: np.zeros(n) for name in DESIGNS}
    flagged = {name: np.zeros(n, dtype=bool) for name in DESIGNS}
    folds = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(docs, groups=prepared.articles)):
        result = outer_fold(prepared, sequences, docs[train], docs[test], k)
        rows = prepared.rows(docs[test])
        for name, (p, f) in result["predictions"].items():
            probability[name][rows], flagged[name][rows] = p, f
        folds.append({"fold": k + 1, "chosen": result["chosen"]})
        print(k + 1, round(time.perf_counter() - began), list(result["chosen"].values())[-1], flush=True)
    counts = {name: document_counts(prepared, flagged[name], spans_from_flags(prepared, flagged[name]))
              for name in DESIGNS}  # fmt: skip
    articles = prepared.articles
    report = {
        "design": "nested GroupKFold(5) by article, inner GroupKFold(3); every choice made inside",
        "grid": {"C": C_VALUES, "crf": CRF_PARAM, "linear": LINEAR, "positive_weight": POSITIVE_WEIGHT,
                 "paragraph_power": PARAGRAPH_POWER, "net_choices": NET_CHOICES, "weights": STEPS,
                 "crf_weights": CRF_STEPS, "s": SMOOTHING, "r": RATIOS, "gap": GAPS, "nc_factors": NC_FACTORS},
        "systems": {name: {m: {"value": v, "ci95": bootstrap(c, articles)[m]} for m, v in scores(c).items()}
                    for name, c in counts.items()},
        "paired": {f"{name} - shipped": paired_difference(counts[SHIPPED], counts[name], articles)
                   for name in DESIGNS if name != SHIPPED},
        "calibration": {name: {k: v for k, v in calibration(p, prepared.inside).items() if k != "bins"}
                        for name, p in probability.items()},
        "folds": folds, "seconds": round(time.perf_counter() - began, 1),
    }  # fmt: skip
    (OUT / f"structure_experiments{label}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                                            "utf-8")  # fmt: skip
    if not label:
        write_section(report)
    print_token_f1(report["systems"], width=70)


if __name__ == "__main__":
    main()

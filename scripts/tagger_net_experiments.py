"""Nested, article-grouped search over cheap variants of the shipped design (issue 11's 0.35 goal).

Every variant keeps tagging computable per word type plus a cheap per-token part (at most
three networks).  Components are fitted once per inner and outer fold (loadedness from the
training labels only): the logistic model (``C`` 0.1 or 0.3; plain, with the loaded
tokens weighted 3 in its loss, or one model per technique combined as
``1 - (1 - p_LL)(1 - p_NC)``), and window networks of :mod:`analysis.learn.window`
(seeds 0, 1, 2; loaded tokens weighted 3; 128 hidden units), alone or averaged (their
probabilities, or their logits: :func:`analysis.learn.window.logit_mean`, one network with
the hidden units side by side).  Their probabilities are mixed (network weight in steps of 0.25), smoothed with the adjacent words (``s``) and
decoded with optional hysteresis (``r``) and one-word gap filling, exactly as in
``scripts/tagger_window_experiments.py``.  Each design below is the best point of its own
part of the grid, chosen on inner grouped folds of the training articles only; the test
fold is predicted once.  Writes ``net_experiments.json`` beside the validation report and
its tables into the last section of ``EXPERIMENTS.md``; components are cached in
``/tmp/tagger-net``.  About 20 minutes on 2 idle cores::

    OMP_NUM_THREADS=1 .venv/bin/python scripts/tagger_net_experiments.py
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

from analysis.learn.dense import neighbour_loadedness, vocabulary_rows
from analysis.learn.distributional import INPUTS
from analysis.learn.model import default_tagger_counter
from analysis.learn.report import paired_table_lines, print_token_f1, score_table_lines
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import THRESHOLDS, Prepared, fit_linear, prepare
from analysis.learn.validation import bootstrap, calibration, document_counts, paired_difference, scores
from analysis.learn.window import fit_window, window_matrix
from analysis.paths import data_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tagger_window_experiments import decode, neighbours_of, spans_from_flags  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "analysis" / "learn" / "resources"
CACHE = Path("/tmp/tagger-net")
C_VALUES = (0.1, 0.3)
#: Loss weight of the loaded tokens in the weighted variants (fixed in advance, not tuned).
POSITIVE_WEIGHT = 3.0
#: Logistic variants: name -> positive weight.
LINEAR = {"plain": 1.0, "weighted": POSITIVE_WEIGHT}
#: A further variant: one logistic model per technique, ``1 - (1 - p_LL) * (1 - p_NC)``.
SEPARATE = "separate"
#: Logistic variants fitted in this run (``--no-separate`` drops :data:`SEPARATE`).
LINEAR_KINDS: tuple[str, ...] = (*LINEAR, SEPARATE)
#: Network variants: name -> fit_window keyword arguments.
NETS = {
    "net0": {"seed": 0},
    "net1": {"seed": 1},
    "net2": {"seed": 2},
    "net0w": {"seed": 0, "positive_weight": POSITIVE_WEIGHT},
    "net0h": {"seed": 0, "hidden": 128},
}
#: Network inputs of a grid point: one network or the mean of several.
NET_CHOICES = {"net0": ("net0",), "mean01": ("net0", "net1"), "mean012": ("net0", "net1", "net2"),
               "net0w": ("net0w",), "net0h": ("net0h",), "mean0w1w": ("net0w", "net0h"),
               "logit01": ("net0", "net1")}  # fmt: skip
#: Choices whose networks are averaged on the logit scale: exactly one network with their hidden
#: units side by side (output weights halved), so the shipped format holds it unchanged.
LOGIT_MEANS = ("logit01",)
STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
SMOOTHING = (0.0, 0.25, 0.5)
RATIOS = (1.0, 0.75, 0.5)
GAPS = (False, True)


def _plain(g: dict) -> bool:
    return g["r"] == 1 and not g["gap"]


#: Each design: which part of the grid it may choose from.
DESIGNS = {
    "logistic": lambda g: g["lin"] == "plain" and g["w"] == 0 and g["s"] == 0 and _plain(g),
    "shipped: logistic + window + smoothing": lambda g: g["lin"] == "plain" and g["net"] == "net0" and _plain(g),
    "shipped + decoding": lambda g: g["lin"] == "plain" and g["net"] == "net0",
    "weighted logistic + window + smoothing + decoding": lambda g: g["lin"] == "weighted" and g["net"] == "net0",
    "logistic + 2 nets (seeds 0, 1) + smoothing + decoding": lambda g: g["lin"] == "plain" and g["net"] == "mean01",
    "logistic + 3 nets (seeds 0-2) + smoothing + decoding": lambda g: g["lin"] == "plain" and g["net"] == "mean012",
    "logistic + weighted net + smoothing + decoding": lambda g: g["lin"] == "plain" and g["net"] == "net0w",
    "logistic + 128-unit net + smoothing + decoding": lambda g: g["lin"] == "plain" and g["net"] == "net0h",
    "logistic + weighted net + 128-unit net + smoothing + decoding": lambda g: (
        g["lin"] == "plain" and g["net"] == "mean0w1w"
    ),
    "weighted logistic + 2 nets + smoothing + decoding": lambda g: g["lin"] == "weighted" and g["net"] == "mean01",
    "separate-technique logistic + window + smoothing + decoding": lambda g: (
        g["lin"] == SEPARATE and g["net"] == "net0"
    ),
    "separate-technique logistic + 2 nets as one + smoothing + decoding": lambda g: (
        g["lin"] == SEPARATE and g["net"] == "logit01"
    ),
    "logistic (plain or weighted) + 2 nets as one + smoothing": lambda g: (
        g["lin"] in LINEAR and g["net"] == "logit01" and _plain(g)
    ),
    "logistic (plain or weighted) + 2 nets as one + smoothing + decoding": lambda g: (
        g["lin"] in LINEAR and g["net"] == "logit01"
    ),
    "any of the above (chosen inside)": lambda g: True,
}


def components(prepared: Prepared, train: np.ndarray, test: np.ndarray, key: str, vocab: dict) -> dict:
    """Probabilities of each component on the rows of ``test`` (cached on disk, one file per component)."""
    train_rows, test_rows = prepared.rows(train), prepared.rows(test)
    out = {}
    x = None
    for name, weight in LINEAR.items():
        for c in C_VALUES:
            out[f"{name}:{c}"] = _cached(key, f"{name}:{c}", lambda c=c, weight=weight: fit_linear(
                prepared, train_rows, C=c, positive_weight=weight).predict(prepared.matrix[test_rows])[0])  # fmt: skip
    for c in C_VALUES if SEPARATE in LINEAR_KINDS else ():
        out[f"{SEPARATE}:{c}"] = _cached(
            key, f"{SEPARATE}:{c}", lambda c=c: _separate(prepared, train_rows, test_rows, c)
        )
    for name, kwargs in NETS.items():
        path = CACHE / f"{key}-{name}.pkl"
        if not path.exists() and x is None:
            loadedness = neighbour_loadedness(prepared, vocab["0"], train_rows)
            x = window_matrix(prepared.docs, prepared.featurizer.words, loadedness)
        out[name] = _cached(key, name, lambda kwargs=kwargs, x=x: fit_window(
            x[train_rows], prepared.inside[train_rows], **kwargs).predict(x[test_rows]))  # fmt: skip
    return out


def _separate(prepared: Prepared, train_rows: np.ndarray, test_rows: np.ndarray, c: float) -> np.ndarray:
    """``1 - (1 - p_LL) * (1 - p_NC)`` from one logistic model per technique (a token in both counts as NC)."""
    from dataclasses import replace

    out = np.ones(len(test_rows))
    for labels in (prepared.inside & ~prepared.name_calling, prepared.name_calling):
        fit = fit_linear(replace(prepared, inside=labels), train_rows, C=c)
        out *= 1 - fit.predict(prepared.matrix[test_rows])[0]
    return 1 - out


def _cached(key: str, name: str, compute) -> np.ndarray:  # type: ignore[no-untyped-def]
    path = CACHE / f"{key}-{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute()
    staged = path.with_suffix(".tmp")
    staged.write_bytes(pickle.dumps(value))
    staged.replace(path)  # atomic: a parallel run never reads half a file
    return value


def grid_points() -> list[dict]:
    """Every grid point (network choices whose networks are all fitted)."""
    choices = [name for name, nets in NET_CHOICES.items() if set(nets) <= set(NETS)]
    return [{"lin": lin, "C": c, "net": net, "w": w, "s": s, "r": r, "gap": gap}
            for lin, c, net, w, s, r, gap in itertools.product(LINEAR_KINDS, C_VALUES, choices, STEPS, SMOOTHING,
                                                               RATIOS, GAPS)
            if not (w == 0 and net != "net0")]  # fmt: skip


def mix(parts: dict, g: dict, nb: tuple) -> np.ndarray:
    """Mixed and smoothed probability of one grid point."""
    nets = [parts[name] for name in NET_CHOICES[g["net"]]]
    if g["net"] in LOGIT_MEANS:
        logit = np.mean([np.log(p) - np.log1p(-p) for p in np.clip(nets, 1e-12, 1 - 1e-12)], axis=0)
        net = 1.0 / (1.0 + np.exp(-logit))
    else:
        net = np.mean(nets, axis=0)
    p = (1 - g["w"]) * parts[f"{g['lin']}:{g['C']}"] + g["w"] * net
    if g["s"] == 0:
        return p
    prev = np.where(nb[1], p[nb[0]], 0.0)
    nxt = np.where(nb[3], p[nb[2]], 0.0)
    count = nb[1].astype(int) + nb[3]
    return np.where(count > 0, (1 - g["s"]) * p + g["s"] * (prev + nxt) / np.maximum(count, 1), p)


def inner_scores(parts: dict, truth: np.ndarray, nb: tuple) -> list[dict]:
    """Best threshold and inner token F1 of every grid point."""
    out = []
    cache: dict = {}
    for g in grid_points():
        key = (g["lin"], g["C"], g["net"], g["w"], g["s"])
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
    inner: dict[str, np.ndarray] = {}
    for j, (tr, te) in enumerate(GroupKFold(n_splits=3).split(train, groups=prepared.articles[train])):
        for key, value in components(prepared, train[tr], train[te], f"f{k}i{j}", vocab).items():
            inner.setdefault(key, np.zeros(n))[prepared.rows(train[te])] = value
    rows = prepared.rows(train)
    grid = inner_scores({key: v[rows] for key, v in inner.items()}, prepared.inside[rows],
                        neighbours_of(prepared, train))  # fmt: skip
    # the first best on ties, in grid order (plain before weighted, one network before several)
    chosen = {name: max((g for g in grid if allowed(g)), key=lambda g: g["inner_f1"])
              for name, allowed in DESIGNS.items() if any(allowed(g) for g in grid)}  # fmt: skip
    outer = components(prepared, train, test, f"f{k}o", vocab)
    nb = neighbours_of(prepared, test)
    predictions = {}
    for name, g in chosen.items():
        p = mix(outer, g, nb)
        predictions[name] = (p, decode(p, g["threshold"], g["r"], g["gap"], nb))
    return {"chosen": chosen, "predictions": predictions}


SECTION = "## Cheap variants: class weights, several networks, a larger network"


def markdown(report: dict) -> str:
    """The section of ``EXPERIMENTS.md`` written from ``net_experiments.json``."""
    metrics = ("token_precision", "token_recall", "token_f1", "span_f1")
    lines = [SECTION, "", __doc__.split("\n\n")[1].strip().split("  Writes")[0], ""]
    lines += score_table_lines(report["systems"], metrics, first="design")
    lines += ["", *paired_table_lines(report["paired"])]
    lines += ["", "Chosen on inner folds by the widest design (any of the above): " + "; ".join(
        f"fold {f['fold']}: " + ", ".join(f"{k} {v}" for k, v in f["chosen"]["any of the above (chosen inside)"].items())
        for f in report["folds"]), ""]  # fmt: skip
    return "\n".join(lines)


def write_section(report: dict) -> None:
    """Replace (or add) the section in ``EXPERIMENTS.md``."""
    path = OUT / "EXPERIMENTS.md"
    text = path.read_text("utf-8")
    head = text.split(SECTION)[0].rstrip("\n")
    path.write_text(head + "\n\n" + markdown(report), "utf-8")


def main() -> None:
    """Run the nested search and write ``net_experiments.json`` and the section of ``EXPERIMENTS.md``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="only rewrite the section from the JSON")
    parser.add_argument("--words", type=Path, help="another word-features table (scripts/build_word_features.py "
                        "--out DIR): its results go to net_experiments-<DIR>.json only")  # fmt: skip
    parser.add_argument("--nets", default=",".join(NETS), help="networks fitted (a subset of NETS)")
    parser.add_argument("--inputs", choices=INPUTS, help="the word-row look-up (analysis.learn.distributional."
                        "INPUTS): results go to net_experiments-inputs-<NAME>.json only")  # fmt: skip
    parser.add_argument("--no-separate", action="store_true", help="skip the separate-technique logistic models")
    parser.add_argument("--compare", help="comma-separated --inputs runs already made: paired differences of "
                        "each design against the first run's shipped design, into net_experiments-inputs.json")  # fmt: skip
    args = parser.parse_args()
    if args.markdown:
        write_section(json.loads((OUT / "net_experiments.json").read_text("utf-8")))
        return
    if args.compare:
        compare(args.compare.split(","))
        return
    label = f"-{args.words.parent.name}" if args.words else ""
    if args.inputs:
        label += f"-inputs-{args.inputs}"
    run(label, args.words, args.nets.split(","), inputs=args.inputs or "shipped", separate=not args.no_separate)


BASELINE = "shipped: logistic + window + smoothing"


def compare(runs: list[str]) -> None:
    """Paired differences (same article resamples) of every design of every ``--inputs`` run against the
    shipped design of the first run, from the per-paragraph counts each run saved."""
    from analysis.learn.validation import paired_difference

    saved = {name: np.load(CACHE.with_name(f"{CACHE.name}-inputs-{name}") / "counts.npz") for name in runs}
    articles = np.load(CACHE.with_name(f"{CACHE.name}-inputs-{runs[0]}") / "articles.npy", allow_pickle=True)
    reference = saved[runs[0]][BASELINE]
    report: dict = {"reference": f"{runs[0]}: {BASELINE}", "systems": {}, "paired": {}}
    for name, counts in saved.items():
        for design in counts.files:
            key = f"{name}: {design}"
            report["systems"][key] = {m: {"value": v, "ci95": bootstrap(counts[design], articles)[m]}
                                      for m, v in scores(counts[design]).items()}  # fmt: skip
            if key != report["reference"]:
                report["paired"][f"{key} - {report['reference']}"] = paired_difference(
                    reference, counts[design], articles
                )
    (OUT / "net_experiments-inputs.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    write_inputs_section(report)
    for key, values in report["systems"].items():
        v = values["token_f1"]
        d = report["paired"].get(f"{key} - {report['reference']}", {}).get("token_f1")
        diff = f"  diff {d['value']:+.3f} [{d['ci95'][0]:+.3f}, {d['ci95'][1]:+.3f}]" if d else ""
        print(f"{key:80s} {v['value']:.3f} [{v['ci95'][0]:.3f}, {v['ci95'][1]:.3f}]{diff}")


INPUTS_SECTION = "## Inputs: rows for words outside the vocabulary (light stems, distributional proxies)"


def write_inputs_section(report: dict) -> None:
    """Put the ``--compare`` tables in ``EXPERIMENTS.md``, just before the cheap-variants section."""
    lines = [INPUTS_SECTION, "", "The same nested search (networks net0, net1; no separate-technique models) with "
             "each word-row look-up of `analysis.learn.distributional.INPUTS`, run as `--inputs NAME`, then "
             "compared with `--compare " + ",".join(dict.fromkeys(k.split(":")[0] for k in report["systems"])) +
             "`: every design of every run, and its paired difference (same article resamples) from the "
             f"reference `{report['reference']}`.", ""]  # fmt: skip
    lines += score_table_lines(report["systems"], ("token_precision", "token_recall", "token_f1", "span_f1"),
                               first="inputs: design")  # fmt: skip
    lines += ["", *paired_table_lines(report["paired"]), "", ""]
    path = OUT / "EXPERIMENTS.md"
    text = path.read_text("utf-8")
    head, tail = text.split(SECTION, 1)
    head = head.split(INPUTS_SECTION)[0]
    path.write_text(head + "\n".join(lines) + SECTION + tail, "utf-8")


def run(
    label: str, words_path: Path | None, nets: list[str], *, inputs: str = "shipped", separate: bool = True
) -> None:
    """The nested search with the given word features, row look-up and networks."""
    global CACHE, NETS, DESIGNS, LINEAR_KINDS
    CACHE = CACHE.with_name(CACHE.name + label)
    NETS = {name: NETS[name] for name in nets}
    LINEAR_KINDS = LINEAR_KINDS if separate else tuple(LINEAR)
    began = time.perf_counter()
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / "prepared.pkl"
    if cached.exists():
        prepared = pickle.loads(cached.read_bytes())
    else:
        from analysis.learn.distributional import default_word_features, read_word_features, with_inputs

        annotations = read_training_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl"))
        words = with_inputs(read_word_features(words_path) if words_path else default_word_features(), inputs)
        prepared = prepare(annotations, counter=default_tagger_counter(), words=words)
        cached.write_bytes(pickle.dumps(prepared))
    grid = grid_points()
    DESIGNS = {name: allowed for name, allowed in DESIGNS.items() if any(allowed(g) for g in grid)}
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
        print(k + 1, round(time.perf_counter() - began), result["chosen"]["any of the above (chosen inside)"],
              flush=True)  # fmt: skip
    counts = {name: document_counts(prepared, flags[name], spans_from_flags(prepared, flags[name])) for name in DESIGNS}
    articles = prepared.articles
    np.savez(CACHE / "counts.npz", **counts)  # for --compare
    np.save(CACHE / "articles.npy", np.asarray(articles[: len(prepared.docs)]))
    baseline = BASELINE
    report = {
        "design": "nested GroupKFold(5) by article, inner GroupKFold(3); every choice made inside",
        "grid": {"C": C_VALUES, "linear": LINEAR, "nets": NETS, "net_choices": NET_CHOICES, "weights": STEPS,
                 "s": SMOOTHING, "r": RATIOS, "gap": GAPS},
        "systems": {name: {m: {"value": v, "ci95": bootstrap(c, articles)[m]} for m, v in scores(c).items()}
                    for name, c in counts.items()},
        "paired": {f"{name} - shipped": paired_difference(counts[baseline], counts[name], articles)
                   for name in DESIGNS if name != baseline},
        "calibration": {name: {k: v for k, v in calibration(p, prepared.inside).items() if k != "bins"}
                        for name, p in probability.items()},
        "folds": folds, "seconds": round(time.perf_counter() - began, 1),
    }  # fmt: skip
    report["words"] = str(words_path or "shipped")
    (OUT / f"net_experiments{label}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
    if not label:
        write_section(report)
    print_token_f1(report["systems"], width=65)


if __name__ == "__main__":
    main()

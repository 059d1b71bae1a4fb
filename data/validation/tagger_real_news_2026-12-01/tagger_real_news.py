"""The new default tagger (``mixed_crf_proxies``) on real news: parts B and C of ``../second_coder_2026-12-01``.

Run from the repository root with ``PYTHONPATH=src``.  Subcommands:

``draw HITS CORPUS``
    150 model spans of ``framing count CORPUS --model default`` on the 1k SaudiNewsNet sample,
    stratified by score into the earlier reviewer's three bands (50 each, numpy seed 13), written
    as a blind sheet (no score, no band) and a key; and the new model's expected loaded words in
    the SAME 50 paragraphs the earlier reviewer counted (``../second_coder_2026-12-01/paragraphs_key.csv``).
``score``
    Joins the committed judgments to the committed samples and prints every number of
    ``README.md``.  Reads committed files only (this folder's and the earlier reviewer's).

The helpers (bands, keyword-in-context lines, Wilson intervals, the stratified bootstrap) are
imported from the earlier reviewer's ``second_coder.py`` so that both readings use one protocol.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from unittest.mock import patch

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
EARLIER = HERE.parent / "second_coder_2026-12-01"
SEED = 13  # a new seed: the earlier reviewer drew with 12
#: Score filters examined for the new model's precision (the README recommended 0.3 for the old one).
THRESHOLDS = (0.12, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.60)


def earlier_script() -> ModuleType:
    """The earlier reviewer's ``second_coder.py`` as a module (a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("second_coder", EARLIER / "second_coder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sc = earlier_script()


def draw(hits_path: str, corpus: str) -> None:
    """Write the blind span sheet, its key, the band sizes and the new model's paragraph expectations.

    Parameters
    ----------
    hits_path : str
        ``hits.csv`` of ``framing count CORPUS --model default`` (the new model).
    corpus : str
        The 1k SaudiNewsNet sample.
    """
    from analysis.learn import load_default_tagger

    rng = np.random.default_rng(SEED)
    hits = pd.read_csv(hits_path, dtype={"doc_id": str})
    spans = hits[hits["kind"] == "model"].reset_index(drop=True)
    spans["band"] = sc.band_of(spans["score"])
    sizes = spans["band"].value_counts().reindex(list(sc.BAND_NAMES))
    sizes.rename("n_spans").to_csv(HERE / "tagger_band_sizes.csv")
    texts = sc.texts_of(corpus)
    picked = []
    for band in sc.BAND_NAMES:
        rows = spans.index[spans["band"] == band].to_numpy()
        picked.extend(rng.choice(rows, size=sc.N_SPANS // len(sc.BAND_NAMES), replace=False).tolist())
    sample = spans.loc[picked, ["doc_id", "start", "end", "surface", "label", "score", "band"]].copy()
    sample["kwic"] = [sc.kwic(texts[d], s, e) for d, s, e in zip(sample.doc_id, sample.start, sample.end)]
    sample = sample.sample(frac=1, random_state=SEED).reset_index(drop=True)
    sample.insert(0, "sample_id", [f"N{i:03d}" for i in range(1, len(sample) + 1)])
    # The blind sheet hides the score and band: they would bias the reading of a span.
    sample[["sample_id", "surface", "label", "kwic"]].to_csv(HERE / "tagger_blind.csv", index=False)
    sample[["sample_id", "doc_id", "start", "end", "score", "band"]].to_csv(HERE / "tagger_key.csv", index=False)
    # Every span's score, to measure what a score filter keeps (no text: the sheet stays blind).
    spans[["score"]].to_csv(HERE / "all_span_scores.csv.gz", index=False)
    expect_paragraphs(texts, load_default_tagger())
    print(f"wrote {len(sample)} blind spans of {len(spans)}")


def expect_paragraphs(texts: dict[str, str], tagger: object) -> None:
    """The new model's expected loaded words in the earlier reviewer's 50 paragraphs.

    As there, the expectation is summed over the paragraph's tokens scored inside the whole
    document, as ``model_expected`` is for a document.
    """
    key = pd.read_csv(EARLIER / "paragraphs_key.csv", dtype={"doc_id": str})
    rows = []
    for p in key.itertuples():
        tokens = tagger.token_probabilities(p.doc_id, texts[p.doc_id])  # type: ignore[attr-defined]
        inside = tokens[(tokens["start"] >= p.start) & (tokens["end"] <= p.end)]
        rows.append({"sample_id": p.sample_id, "n_words": len(inside),
                     "model_expected_new": round(float(inside["probability"].sum()), 3)})  # fmt: skip
    pd.DataFrame(rows).to_csv(HERE / "paragraphs_new_model.csv", index=False)


def judged_spans(folder: Path = HERE) -> pd.DataFrame:
    """The 150 judged spans of ``folder`` with key, label, band and the verdict."""
    spans = pd.read_csv(folder / "tagger_key.csv").merge(pd.read_csv(folder / "tagger_judgments.csv"), on="sample_id")
    return spans.merge(pd.read_csv(folder / "tagger_blind.csv")[["sample_id", "label"]], on="sample_id")


def band_weights(spans: pd.DataFrame, folder: Path = HERE) -> np.ndarray:
    """Each judged span's design weight: its band's size over the band's sample size."""
    sizes = pd.read_csv(folder / "tagger_band_sizes.csv", index_col="band")["n_spans"]
    per_band = spans["band"].map(spans["band"].value_counts())
    return (spans["band"].map(sizes) / per_band).to_numpy(dtype=float)


def score_spans(out: dict[str, object]) -> None:
    """Precision per band and band-weighted (the earlier reviewer's estimator), and per label."""
    # The earlier scorer reads tagger_*.csv from its module's HERE: point that (this script's own
    # copy of the module) at this folder for the call, so both readings share one estimator.
    with patch.object(sc, "HERE", HERE):
        sc.score_tagger(out)


def score_difference(out: dict[str, object]) -> None:
    """New minus old band-weighted precision; the two samples are independent (and coders differ).

    The interval resamples spans within each model's bands (six strata), as each estimate's own.
    """
    both = []
    for name, folder in (("new", HERE), ("old", EARLIER)):
        spans = judged_spans(folder)
        both.append(pd.DataFrame({"stratum": name + "|" + spans["band"], "model": name,
                                  "w": band_weights(spans, folder), "right": spans["coder2_correct"]}))  # fmt: skip
    frame = pd.concat(both, ignore_index=True)
    model, w, right = frame["model"].to_numpy(), frame["w"].to_numpy(), frame["right"].to_numpy(dtype=float)
    stratum = frame["stratum"].to_numpy()

    def weighted(i: np.ndarray, name: str) -> float:
        # Each band's precision weighted by its size: the within-band means times band shares.
        j = i[model[i] == name]
        bands = pd.Series(right[j]).groupby(stratum[j]).mean()
        sizes = pd.Series(w[j]).groupby(stratum[j]).sum()
        return float((bands * sizes).sum() / sizes.sum())

    def gain(i: np.ndarray) -> float:
        return weighted(i, "new") - weighted(i, "old")

    out["weighted precision new - old"] = {"diff": gain(np.arange(len(frame))), "ci": sc.bootstrap(gain, stratum)}


def filter_at(folder: Path, t: float, every: np.ndarray | None) -> dict[str, object]:
    """What ``score >= t`` keeps of all spans and of the right ones, and its precision.

    Precision and the share of right spans kept are design-weighted (each judged span stands for
    its band's size / 50 spans); intervals are the stratified bootstrap of the judged spans
    within bands.  The share of all spans kept is counted on ``every`` span's score, or, when
    the scores were not kept (the old model), estimated by the design weights (exact at a band edge).

    Parameters
    ----------
    folder : pathlib.Path
        A folder with ``tagger_key.csv``, ``tagger_judgments.csv``, ``tagger_blind.csv`` and
        ``tagger_band_sizes.csv``.
    t : float
        The score filter.
    every : numpy.ndarray or None
        Every model span's score.
    """
    spans = judged_spans(folder)
    weight, right = band_weights(spans, folder), spans["coder2_correct"].to_numpy(dtype=float)
    keep, band = spans["score"].to_numpy(dtype=float) >= t, spans["band"].to_numpy()

    def precision(i: np.ndarray) -> float:
        w = weight[i] * keep[i]
        return float((w * right[i]).sum() / w.sum()) if w.sum() else float("nan")

    def right_kept(i: np.ndarray) -> float:
        w = weight[i] * right[i]
        return float((w * keep[i]).sum() / w.sum())

    everything = np.arange(len(spans))
    kept = float((every >= t).mean()) if every is not None else float((weight * keep).sum() / weight.sum())
    return {
        "share_spans_kept": kept, "judged_kept": int(keep.sum()),
        "precision": precision(everything), "precision_ci": sc.bootstrap(precision, band),
        "share_right_kept": right_kept(everything), "share_right_kept_ci": sc.bootstrap(right_kept, band),
    }  # fmt: skip


def score_filters(out: dict[str, object]) -> None:
    """The score filters of :data:`THRESHOLDS` for the new model, and 0.3 for the old one."""
    every = pd.read_csv(HERE / "all_span_scores.csv.gz")["score"].to_numpy(dtype=float)
    for t in THRESHOLDS:
        out[f"filter {t:.2f}"] = {"spans_kept": int((every >= t).sum()), **filter_at(HERE, t, every)}
    out["old model filter 0.30"] = filter_at(EARLIER, 0.30, None)


def score_paragraphs(out: dict[str, object]) -> None:
    """Old and new model's expected loaded words against the earlier reviewer's hand count, paired."""
    from scipy.stats import spearmanr

    old = pd.read_csv(EARLIER / "paragraphs_key.csv").merge(
        pd.read_csv(EARLIER / "paragraphs_judgments.csv"), on="sample_id"
    )
    para = old.merge(pd.read_csv(HERE / "paragraphs_new_model.csv"), on="sample_id", suffixes=("", "_new"))
    assert (para["n_words"] == para["n_words_new"]).all(), "the paragraphs must be tokenized alike"
    coder = para["coder2_loaded_words"].to_numpy(dtype=float)
    models = {"old": para["model_expected"].to_numpy(), "new": para["model_expected_new"].to_numpy()}
    one = np.zeros(len(para))
    everything = np.arange(len(para))
    zero = coder == 0
    for name, model in models.items():

        def ratio(i: np.ndarray, model: np.ndarray = model) -> float:
            return float(model[i].sum() / coder[i].sum())

        def rho(i: np.ndarray, model: np.ndarray = model) -> float:
            return float(spearmanr(model[i], coder[i]).statistic)

        out[f"paragraphs {name}"] = {
            "n": len(para), "words": int(para["n_words"].sum()), "coder_loaded": int(coder.sum()),
            "model_expected": round(float(model.sum()), 2),
            "ratio": ratio(everything), "ratio_ci": sc.bootstrap(ratio, one),
            "spearman": rho(everything), "spearman_ci": sc.bootstrap(rho, one),
            "model_expected_in_zero": round(float(model[zero].sum()), 2),
        }  # fmt: skip
    new, old_model = models["new"], models["old"]

    def new_over_old(i: np.ndarray) -> float:
        return float(new[i].sum() / old_model[i].sum())

    def rho_gain(i: np.ndarray) -> float:
        return float(spearmanr(new[i], coder[i]).statistic - spearmanr(old_model[i], coder[i]).statistic)

    out["paragraphs new/old"] = {
        "ratio": new_over_old(everything), "ci": sc.bootstrap(new_over_old, one),
        "spearman_new_minus_old": rho_gain(everything), "spearman_diff_ci": sc.bootstrap(rho_gain, one),
    }  # fmt: skip


def score() -> dict[str, object]:
    """Every number of ``README.md`` from the committed files.

    Returns
    -------
    dict
        Named results (printed by ``score``).
    """
    out: dict[str, object] = {}
    score_spans(out)
    score_difference(out)
    score_filters(out)
    score_paragraphs(out)
    return out


def report() -> None:
    """Print every result, one per line."""
    for name, values in score().items():
        print(name, values)


if __name__ == "__main__":
    commands: dict[str, Callable[..., None]] = {"draw": draw, "score": report}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])

"""Experiment (not shipped): SaudiNewsNet paragraphs as presumed negatives in training the default design.

Usage, from the project folder (needs ../shared/data; about 6 minutes per run on 2 cores)::

    PYTHONPATH=src python data/validation/tagger_background_negatives_2026-12-01/background.py 0
    PYTHONPATH=src python data/validation/tagger_background_negatives_2026-12-01/background.py 700

``N`` background paragraphs (8 or more words, from 1,500 random articles of the 20k corpus that
are not in the 1k sample the reviewers judged) are added, with no span, to every training fold of
a grouped 5-fold cross-validation on the ArMPro extract (never to a test fold), with the shipped
design's chosen parameters (C 0.1, network weight 0.75, no smoothing, CRF weight 0.5). Then the
design is fitted on all of ArMPro (and the background) and scores the articles of the reviewers'
300 judged spans (both draws) and of their 50 hand-counted paragraphs. See README.md here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn.linear_model  # noqa: F401  (loads SciPy's BLAS before the thread limit: see train_tagger)
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from analysis.learn.distributional import word_features_for
from analysis.learn.mixed import component_probabilities, fit_components, mixed_probability, prepared_neighbours
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import prepare

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
VALIDATION = ROOT / "data" / "validation"
SHIPPED_PARAM = (0.1, 0.75, 0.0, 0.5)  # C, network weight, smoothing, CRF weight (the card's hyperparameters)


def records(n_background: int, extra: list[dict] | None = None) -> list[dict]:
    """ArMPro paragraphs and ``extra`` records, ``n_background`` background paragraphs (``bg-``) and the
    judged articles (``ev-``)."""
    path = ROOT / "data" / "annotated" / "armpro_dev_loaded_language.jsonl"
    armpro = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    corpus = pd.read_csv(SHARED / "news_corpus_saudinewsnet_20k.csv.gz", dtype=str, keep_default_na=False)
    sample = pd.read_csv(SHARED / "news_corpus_saudinewsnet_sample1k.csv", dtype=str, keep_default_na=False)
    pool = corpus[~corpus["id"].isin(set(sample["id"]))]
    paragraphs = [
        {"id": f"bg-{row.id}_{k}", "outlet": row.outlet, "text": text, "spans": []}
        for row in pool.sample(1500, random_state=1).itertuples()
        for k, text in enumerate(p for p in row.text.split("\n") if len(p.split()) >= 8)
    ]
    chosen = np.random.default_rng(2026).choice(len(paragraphs), size=n_background, replace=False)
    texts = sample.set_index("id")["text"]
    judged = sorted(set(judged_spans()["doc_id"]) | set(judged_paragraphs()["doc_id"]))
    evaluated = [{"id": f"ev-{doc}_0", "outlet": "ev", "text": texts[doc], "spans": []} for doc in judged]
    return armpro + list(extra or []) + [paragraphs[i] for i in chosen] + evaluated


def judged_spans() -> pd.DataFrame:
    """The 300 model spans judged on the 1k sample (two draws), with the first coder's verdict."""
    parts = []
    for folder in ("tagger_real_news_2026-12-01", "second_coder_2026-12-01"):
        key = pd.read_csv(VALIDATION / folder / "tagger_key.csv")
        parts.append(key.merge(pd.read_csv(VALIDATION / folder / "tagger_judgments.csv"), on="sample_id"))
    return pd.concat(parts, ignore_index=True)


def judged_paragraphs() -> pd.DataFrame:
    """The 50 hand-counted paragraphs (offsets and the reviewer's count of loaded words)."""
    folder = VALIDATION / "second_coder_2026-12-01"
    return pd.read_csv(folder / "paragraphs_key.csv").merge(pd.read_csv(folder / "paragraphs_judgments.csv"))


def token_f1(probability: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[float, float, float]:
    """Token F1, precision and recall of ``probability >= threshold``."""
    flagged = probability >= threshold
    hits = int((flagged & truth).sum())
    precision, recall = hits / max(int(flagged.sum()), 1), hits / int(truth.sum())
    return 2 * precision * recall / max(precision + recall, 1e-9), precision, recall


def _prepared(n_background: int, extra: list[dict] | None) -> tuple:
    """The analysed records, their ids and the document numbers of ArMPro (with ``extra``), background, judged."""
    annotations = read_training_annotations(pd.DataFrame(records(n_background, extra)))
    prepared = prepare(annotations, words=word_features_for("proxies"))
    ids = list(annotations.documents["doc_id"])
    kind = np.array([doc_id[:3] if doc_id[:3] in ("bg-", "ev-") else "arm" for doc_id in ids])
    return prepared, ids, *(np.flatnonzero(kind == k) for k in ("arm", "bg-", "ev-"))


def _predict(prepared, train: np.ndarray, test: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """The shipped design with its chosen parameters, fitted on ``train``; the probabilities of ``test``'s words."""
    c_value, weight, smoothing, crf_weight = SHIPPED_PARAM
    fit = fit_components(prepared, train, (c_value,), 0, design="mixed_crf", crf=True)
    parts = component_probabilities(prepared, fit, test)
    return mixed_probability(parts, c_value, weight, smoothing, prepared_neighbours(prepared, test), crf_weight)


def _scored(prepared, ids: list[str], evaluated: np.ndarray, scored: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: ANN001
    """The judged spans (``rescored``: the span's highest word probability) and paragraphs (``rescored``: expected)."""
    pieces = np.split(scored, np.cumsum([len(prepared.docs[d]) for d in evaluated])[:-1])
    by_doc = {ids[d][3:-2]: (prepared.docs[d], piece) for d, piece in zip(evaluated, pieces)}

    def span_score(doc_id: str, start: int, end: int) -> float:
        doc, probability = by_doc[doc_id]
        inside = (doc.start < end) & (doc.end > start)
        return float(probability[inside].max()) if inside.any() else 0.0

    spans = judged_spans()
    spans["rescored"] = [span_score(d, s, e) for d, s, e in spans[["doc_id", "start", "end"]].itertuples(index=False)]
    paragraphs = judged_paragraphs()
    paragraphs["rescored"] = [
        by_doc[d][1][(by_doc[d][0].start >= s) & (by_doc[d][0].end <= e)].sum()
        for d, s, e in paragraphs[["doc_id", "start", "end"]].itertuples(index=False)
    ]
    return spans, paragraphs


def main_scores(n_background: int, extra: list[dict] | None = None) -> pd.DataFrame:
    """The judged spans rescored by the design fitted on ArMPro, ``extra`` records and ``n_background`` paragraphs."""
    with threadpool_limits(limits=1):
        prepared, ids, armpro, background, evaluated = _prepared(n_background, extra)
        scored = _predict(prepared, np.sort(np.r_[armpro, background]), evaluated)
    return _scored(prepared, ids, evaluated, scored)[0]


def main(n_background: int) -> None:
    """Cross-validate on ArMPro with the background in every training fold, then score the judged articles."""
    with threadpool_limits(limits=1):
        prepared, ids, armpro, background, evaluated = _prepared(n_background, None)
        print(f"background paragraphs {len(background)}, ArMPro {len(armpro)}, judged articles {len(evaluated)}")
        out_of_fold = np.zeros(len(prepared.inside))
        for train, test in GroupKFold(5).split(armpro, groups=prepared.articles[armpro]):
            train_docs = np.sort(np.r_[armpro[train], background])
            out_of_fold[prepared.rows(armpro[test])] = _predict(prepared, train_docs, armpro[test])
        rows = prepared.rows(armpro)
        p, truth = out_of_fold[rows], prepared.inside[rows].astype(bool)
        best = max((token_f1(p, truth, t)[0], t) for t in np.arange(0.04, 0.5, 0.01))
        f1, precision, recall = token_f1(p, truth, 0.12)
        print(f"ArMPro out of fold: F1 {f1:.4f} (P {precision:.3f}, R {recall:.3f}) at 0.12; best {best[0]:.4f} at "
              f"{best[1]:.2f}; mean probability {p.mean():.4f} against the annotated share {truth.mean():.4f}")  # fmt: skip
        scored = _predict(prepared, np.sort(np.r_[armpro, background]), evaluated)
    spans, paragraphs = _scored(prepared, ids, evaluated, scored)
    right = spans["coder2_correct"].astype(bool)
    for threshold in (0.12, best[1]):
        kept = spans["rescored"] >= threshold
        print(f"judged spans at {threshold:.2f}: wrong kept {(kept & ~right).sum()}/{(~right).sum()}, "
              f"right kept {(kept & right).sum()}/{right.sum()}")  # fmt: skip
    print(
        f"AUC of the span's highest word probability, right against wrong: {roc_auc_score(right, spans['rescored']):.3f}"
    )
    hand = paragraphs["coder2_loaded_words"]
    print(f"50 paragraphs: expected {paragraphs['rescored'].sum():.1f} loaded words against {hand.sum()} counted by "
          f"hand; Spearman {spearmanr(paragraphs['rescored'], hand)[0]:.3f}")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 700)

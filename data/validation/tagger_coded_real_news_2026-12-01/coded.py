"""Experiment: do coded model hits of a corpus (a filled coding sheet) make the tagger's spans there more precise?

Usage, from the project folder (needs ../shared/data; about 10 minutes on 2 cores)::

    PYTHONPATH=src python data/validation/tagger_coded_real_news_2026-12-01/coded.py

The 300 model spans that reviewers judged on the 1k SaudiNewsNet sample (two draws; the first coder's
verdicts, as ``../tagger_background_negatives_2026-12-01/`` uses them) are split in two halves by
article (scikit-learn ``GroupKFold(2)``). Each half becomes the records a filled coding sheet of
those spans gives ``framing train`` (:func:`analysis.learn.inputs.coding_sheet_records`: the span
in 60 characters of context either side, a span of its technique when coded correct, none when
incorrect); the shipped design, with its chosen parameters held fixed, is trained on ArMPro plus
that half, and scores the other half's spans in their whole articles. The same is done without any
coded span (the shipped data). See README.md here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tagger_background_negatives_2026-12-01"))
from background import (  # noqa: E402
    SHARED,
    SHIPPED_PARAM,
    VALIDATION,
    _prepared,
    _scored,
    judged_spans,
    main_scores,
)

CONTEXT = 60  # characters either side, as a coding sheet's default width


def sheet_records(spans: pd.DataFrame, texts: pd.Series) -> list[dict]:
    """The records a filled coding sheet of ``spans`` gives ``framing train`` (context, span if correct)."""
    records = []
    for row in spans.itertuples(index=False):
        text = texts[row.doc_id]
        left, hit, right = (
            text[max(0, row.start - CONTEXT) : row.start],
            text[row.start : row.end],
            text[row.end : row.end + CONTEXT],
        )
        span = {"technique": row.label, "start": len(left), "end": len(left) + len(hit), "text": hit}
        records.append({"id": f"{row.doc_id}_coded{row.sample_id}", "outlet": "", "text": left + hit + right,
                        "spans": [span] if row.coder2_correct else [], "left": left, "hit": hit})  # fmt: skip
    return records


def hit_ranges(records: list[dict]) -> dict[str, tuple[int, int]]:
    """Each coded record's hit, by record id: the characters after its left context (CONTEXT or fewer)."""
    return {r["id"]: (len(r["left"]), len(r["left"]) + len(r["hit"])) for r in records}


def masked_scores(extra: list[dict]) -> pd.DataFrame:
    """:func:`background.main_scores` with the coded records' context words left out of training.

    Only the coded span's own words of each record are training rows of the logistic model and the
    networks (its neighbours still give it features); the CRF, which cannot leave words of a
    sequence out, is trained on ArMPro alone. Not a design of the package: an experiment.
    """
    from threadpoolctl import threadpool_limits

    from analysis.learn.crf import fit_crf
    from analysis.learn.dense import neighbour_loadedness, vocabulary_rows
    from analysis.learn.mixed import (
        DESIGN_OPTIONS,
        MixedFit,
        component_probabilities,
        crf_sequences_of,
        mixed_probability,
        prepared_neighbours,
    )
    from analysis.learn.training import fit_linear
    from analysis.learn.window import fit_window, logit_mean, window_matrix

    hits = hit_ranges(extra)
    plain_records = [{k: v for k, v in r.items() if k not in ("left", "hit")} for r in extra]
    with threadpool_limits(limits=1):
        prepared, ids, armpro, _background, evaluated = _prepared(0, plain_records)
        keep = []
        for d in armpro:
            doc, hit = prepared.docs[d], hits.get(ids[d])
            if hit is None:
                keep.append(np.ones(len(doc), dtype=bool))
            else:
                keep.append((doc.start < hit[1]) & (doc.end > hit[0]))
        rows = prepared.rows(armpro)[np.concatenate(keep)]
        c_value, weight, smoothing, crf_weight = SHIPPED_PARAM
        options = DESIGN_OPTIONS["mixed_crf"]
        linear = {c_value: fit_linear(prepared, rows, C=c_value, seed=0, positive_weight=options["positive_weight"])}
        loadedness = neighbour_loadedness(prepared, vocabulary_rows(prepared)["0"], rows)
        x = window_matrix([prepared.docs[d] for d in armpro], prepared.featurizer.words, loadedness)[
            np.concatenate(keep)
        ]
        nets = [fit_window(x, prepared.inside[rows], seed=k) for k in range(options["networks"])]
        net = nets[0] if len(nets) == 1 else logit_mean(nets)
        features, labels = crf_sequences_of(prepared)
        plain = [d for d in armpro if ids[d] not in hits]
        crf = fit_crf([features[d] for d in plain], [labels[d] for d in plain], c1=0.0, c2=0.3)
        parts = component_probabilities(prepared, MixedFit(linear, net, loadedness, crf), evaluated)
        scored = mixed_probability(
            parts, c_value, weight, smoothing, prepared_neighbours(prepared, evaluated), crf_weight
        )
    return _scored(prepared, ids, evaluated, scored)[0]


def main() -> None:
    """Train on ArMPro plus one half's coded spans; AUC of right against wrong on the other half."""
    spans = judged_spans()
    labels = pd.concat(pd.read_csv(VALIDATION / folder / "tagger_blind.csv")[["sample_id", "label"]]
                       for folder in ("tagger_real_news_2026-12-01", "second_coder_2026-12-01"))  # fmt: skip
    spans = spans.merge(labels, on="sample_id")
    sample = pd.read_csv(SHARED / "news_corpus_saudinewsnet_sample1k.csv", dtype=str, keep_default_na=False)
    texts = sample.set_index("id")["text"]
    baseline = main_scores(0, extra=[])
    print(f"no coded spans: AUC on all 300 {roc_auc_score(spans['coder2_correct'], baseline['rescored']):.3f}")
    masked = "--masked" in sys.argv
    for k, (train, test) in enumerate(GroupKFold(2).split(spans, groups=spans["doc_id"]), start=1):
        records = sheet_records(spans.iloc[train], texts)
        plain = [{k: v for k, v in r.items() if k not in ("left", "hit")} for r in records]
        coded = masked_scores(records) if masked else main_scores(0, extra=plain)
        held = spans.iloc[test]["sample_id"]
        right = spans.iloc[test]["coder2_correct"].astype(bool).to_numpy()
        before = baseline.set_index("sample_id").loc[held, "rescored"].to_numpy()
        after = coded.set_index("sample_id").loc[held, "rescored"].to_numpy()
        print(f"{'masked ' if masked else ''}half {k}: {len(train)} coded spans ({int(spans.iloc[train]['coder2_correct'].sum())} right) in "
              f"training; held-out {len(test)} ({int(right.sum())} right): AUC {roc_auc_score(right, before):.3f} "
              f"-> {roc_auc_score(right, after):.3f}; mean score of the wrong {before[~right].mean():.3f} -> "
              f"{after[~right].mean():.3f}, of the right {before[right].mean():.3f} -> {after[right].mean():.3f}; "
              f"above 0.12: wrong {int((before[~right] >= 0.12).sum())} -> {int((after[~right] >= 0.12).sum())}, "
              f"right {int((before[right] >= 0.12).sum())} -> {int((after[right] >= 0.12).sum())}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

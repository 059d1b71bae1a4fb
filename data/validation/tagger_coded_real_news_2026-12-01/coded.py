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

import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tagger_background_negatives_2026-12-01"))
from background import SHARED, VALIDATION, judged_spans, main_scores  # noqa: E402

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
                        "spans": [span] if row.coder2_correct else []})  # fmt: skip
    return records


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
    for k, (train, test) in enumerate(GroupKFold(2).split(spans, groups=spans["doc_id"]), start=1):
        coded = main_scores(0, extra=sheet_records(spans.iloc[train], texts))
        held = spans.iloc[test]["sample_id"]
        right = spans.iloc[test]["coder2_correct"].astype(bool).to_numpy()
        before = baseline.set_index("sample_id").loc[held, "rescored"].to_numpy()
        after = coded.set_index("sample_id").loc[held, "rescored"].to_numpy()
        print(f"half {k}: {len(train)} coded spans ({int(spans.iloc[train]['coder2_correct'].sum())} right) in "
              f"training; held-out {len(test)} ({int(right.sum())} right): AUC {roc_auc_score(right, before):.3f} "
              f"-> {roc_auc_score(right, after):.3f}; mean score of the wrong {before[~right].mean():.3f} -> "
              f"{after[~right].mean():.3f}, of the right {before[right].mean():.3f} -> {after[right].mean():.3f}; "
              f"above 0.12: wrong {int((before[~right] >= 0.12).sum())} -> {int((after[~right] >= 0.12).sum())}, "
              f"right {int((before[right] >= 0.12).sum())} -> {int((after[right] >= 0.12).sum())}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""A learned loaded-language tagger, validated against human annotators (issue 11).

The dictionary (:mod:`analysis.lexicon`, :mod:`analysis.match`) gives transparent,
theory-driven categories; this subpackage adds a learned detector for coverage,
trained on span annotations (the bundled ArMPro extract by default) and measured
with cross-validation grouped by article.  Every span it returns is whole word
tokens of the text (``text[start:end] == surface``), and every decision can be
explained by the features that pushed it.

Typical use::

    from analysis.learn import load_default_tagger, train_tagger

    tagger = load_default_tagger()
    tagger.tag("doc-1", text)                 # [{start, end, surface, label, score}, ...]
    tagger.token_probabilities("doc-1", text)["probability"].sum()   # model_expected
    tagger.explain(text, start, end, part="crf")  # top features, weight × value (or part="linear")
    explain_hits(tagger, hits, documents)     # the same for every model hit (keyword_in_context(..., tagger=))
    active_sample(hits, tagger.threshold)     # what to code next, with inclusion probabilities
    model_candidates(tagger, documents)       # forms no lexicon entry covers (analysis.workbench lists it)

    tagger = train_tagger("data/annotated/armpro_dev_loaded_language.jsonl", seed=0, date="2026-11-30")
    tagger.save("my_tagger.skops")            # + my_tagger.card.json; load with load_tagger

Modules: :mod:`~analysis.learn.distributional` (the shipped word vectors and
clusters), :mod:`~analysis.learn.features`, :mod:`~analysis.learn.spans`
(annotations, decoding, overlap credit), :mod:`~analysis.learn.model` (the
:class:`Tagger`, skops saving and safe loading), :mod:`~analysis.learn.training`,
:mod:`~analysis.learn.window` and :mod:`~analysis.learn.mixed` (the window network
mixed into the shipped model; the design ``mixed_crf`` adds a CRF), :mod:`~analysis.learn.crf`
(the CRF design and its forward-backward),
:mod:`~analysis.learn.validation` (grouped nested cross-validation, bootstrap,
calibration), :mod:`~analysis.learn.explain` (why a hit was flagged) and
:mod:`~analysis.learn.loop` (active-learning samples, candidate lexicon terms).
"""

from __future__ import annotations

from .distributional import WordFeatures, default_word_features, read_word_features
from .explain import describe_feature, explain_hits, why_lines
from .features import TypeFeaturizer, strip_clitics, word_tokens
from .loop import active_sample, model_candidates, weighted_precision
from .model import DEFAULT_MODEL_PATH, Tagger, load_default_tagger, load_tagger
from .spans import LABELS, article_of, decode_spans, overlap_credit, read_training_annotations
from .training import prepare, train_tagger
from .validation import calibration, cross_validate_design, summary

__all__ = [
    "DEFAULT_MODEL_PATH", "LABELS", "Tagger", "TypeFeaturizer", "WordFeatures", "active_sample", "article_of",
    "calibration", "cross_validate_design", "decode_spans", "default_word_features", "describe_feature", "explain_hits",
    "load_default_tagger", "load_tagger", "model_candidates", "overlap_credit", "prepare", "read_training_annotations",
    "read_word_features", "strip_clitics", "summary", "train_tagger", "weighted_precision", "why_lines", "word_tokens",
]  # fmt: skip

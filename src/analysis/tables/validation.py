"""Tables of coding sheets and of the evaluation against human annotation."""

from __future__ import annotations

from dataclasses import replace

from .outputs import _CATEGORY, _CI_HIGH, _DOC_ID, _END, _LABEL, _N_DOCS, _QUOTED, _START
from .schema import Table, _c

# == coding and validation tables (analysis.coding) =======================================
# Kept in one section at the end of the module so that it merges cleanly with edits above.
# The frames are built as before (pandas' default ``str`` for text); these definitions fix
# the column names, their order and their meaning.

_HIT_ID = _c("hit_id", "string", "the hit's identifier doc_id:start-end:kind (see analysis.coding.hit_ids)")

#: A coding sheet's fixed columns; one column per coder and ``notes`` follow them.
SHEET = Table("coding_sheet", "sampled hit in its context, to be coded (coder columns and notes follow)", (
    _HIT_ID, _DOC_ID, _LABEL, _CATEGORY, _QUOTED,
    _c("left", "string", "context before the hit in reading order, cut at a word boundary"),
    _c("hit", "string", "the hit's words, as in the text"),
    _c("right", "string", "context after the hit"),
))  # fmt: skip

PRECISION = Table("term_precision", "label of the coded sample: its precision with a Wilson interval", (
    _LABEL, _CATEGORY,
    _c("n_sampled", "int64", "rows of the label in the coded sheet"),
    _c("n_correct", "int64", "hits judged correct"),
    _c("n_incorrect", "int64", "hits judged incorrect"),
    _c("n_excluded", "int64", "hits judged otherwise (unclear) or not judged: n_sampled - n_coded"),
    _c("n_coded", "int64", "hits in the precision's denominator: n_correct + n_incorrect"),
    _c("precision", "float64", "n_correct / n_coded (empty when n_coded is 0)"),
    _c("ci_low", "float64", "lower bound of the Wilson score interval of precision"),
    _CI_HIGH,
    _c("flag", "boolean", "revise the term: the bound chosen by flag_on is below the threshold "
                          "(empty when n_coded is 0 or below min_coded)"),
))  # fmt: skip

PROGRESS = Table("coding_progress", "coder", (
    _c("coder", "string", "the coder column"),
    _c("n_coded", "int64", "cells the coder filled (any code, unclear included)"),
    _c("n_uncoded", "int64", "cells still empty"),
))  # fmt: skip

AGREEMENT = Table("coder_agreement", "pair of coders (or all coders, for alpha): how far their codes agree", (
    _c("coders", "string", "the two coder columns compared ('coder_1 & coder_2'), or all of them for alpha"),
    _c("measure", "string", "'cohens_kappa' (one row per pair) or 'krippendorff_alpha' (nominal, all coders)"),
    _c("n_units", "int64", "rows coded by both coders (kappa) or by at least two coders (alpha)"),
    _c("value", "float64", "kappa or alpha (empty when undefined: nothing coded by both, or a single code given)"),
    _c("ci_low", "float64", "lower bound of kappa's percentile bootstrap interval (2,000 resamples, seed 0); empty "
                            "for alpha"),
    _CI_HIGH,
))  # fmt: skip

MODEL_PRECISION = Table("model_precision", "coded active sample of model hits: their weighted precision", (
    _c("n_model_hits", "int64", "model hits the active sample stands for (the sum of its rows' weights)"),
    _c("n_coded", "int64", "rows of the uncertain and random strata coded correct or incorrect"),
    _c("precision", "float64", "Horvitz-Thompson precision of all model hits (analysis.learn.weighted_precision)"),
    _c("se", "float64", "its standard error (the random stratum with finite-population correction)"),
    _c("ci_low", "float64", "lower bound of the stratified Wilson interval of precision"),
    _CI_HIGH,
    _c("unweighted", "float64", "plain share correct of the coded rows (biased towards the uncertain hits)"),
))  # fmt: skip

NEAR_MISSES = Table("near_misses", "near-miss stratum of an active sample: spans just below the model's threshold", (
    _c("n_sampled", "int64", "near-miss spans on the sheet (the highest-scored spans below the threshold)"),
    _c("n_coded", "int64", "of them coded correct or incorrect"),
    _c("n_correct", "int64", "coded correct: loaded language the model missed"),
    _c("share_correct", "float64", "n_correct / n_coded (empty when n_coded is 0)"),
    _c("ci_low", "float64", "lower bound of the Wilson score interval of share_correct"),
    _CI_HIGH,
    _c("min_score", "float64", "the lowest score of the stratum: it is a census of the spans scored from here to "
                               "the threshold"),
    _c("recall_bound", "float64", "estimated true model hits / (those + n_correct): recall counting only the misses "
                                  "of this band, so an upper bound of the model's recall"),
))  # fmt: skip

#: The coders' copies merged, as ``framing code score`` scored them: every coded row with its judgment;
#: one column per coder, ``notes`` and the columns coders added follow (``judgment`` comes last of the fixed ones).
CODED = Table("coded_sheet", "hit of the coding sheet, its copies merged: every coder's code and the judgment scored "
              "(coder columns, notes and added columns follow)", (
    *SHEET.columns,
    _c("judgment", "string", "the code scored: the --coder column, else the strict majority of the coders who "
                             "coded the row (empty: not coded, or a tie to adjudicate)"),
))  # fmt: skip

#: The tables of the validation workflow (for :func:`codebook`).
CODING_TABLES = (SHEET, PRECISION, PROGRESS)
#: What ``framing code score`` writes, in this order: each table as ``<name>.csv`` (its ``file``).
SCORE_TABLES = tuple(
    replace(table, file=f"{table.name}.csv")
    for table in (PROGRESS, PRECISION, AGREEMENT, MODEL_PRECISION, NEAR_MISSES, CODED)
)

# -- the lexicon against human annotation (analysis.evaluate) ------------------------------

SPANS = Table("spans", "annotated span (characters annotators marked as a persuasion technique)", (
    _DOC_ID,
    _c("technique", "string", "the persuasion technique the annotators marked"),
    _START, _END,
    _c("text", "string", "text[start:end], as annotated"),
))  # fmt: skip

OVERLAP = Table("span_overlap", "group of documents: the term hits against the annotated spans", (
    _c("group", "string", "'all', or the value of the grouping column"),
    _c("unit", "string", "'char' (characters) or 'token' (hits and spans, any overlap)"),
    _N_DOCS,
    _c("n_hits", "int64", "term hits in the group"),
    _c("n_spans", "int64", "annotated spans in the group"),
    _c("hit_total", "int64", "precision's denominator: hit characters (char) or n_hits (token)"),
    _c("hit_correct", "int64", "hit characters inside a span (char), or hits touching a span (token)"),
    _c("span_total", "int64", "recall's denominator: span characters (char) or n_spans (token)"),
    _c("span_found", "int64", "span characters covered by a hit (char), or spans touched by a hit (token)"),
    _c("precision", "float64", "hit_correct / hit_total (empty when there is no hit)"),
    _c("recall", "float64", "span_found / span_total (empty when there is no span)"),
    _c("f1", "float64", "2 * precision * recall / (precision + recall); 0 when both are 0"),
))  # fmt: skip

#: The tables of the validation workflow (for :func:`codebook`).
VALIDATION_TABLES = (*CODING_TABLES, SPANS, OVERLAP)

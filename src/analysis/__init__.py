"""Measure how Arabic news frames political actors.

The names a researcher uses are importable from here::

    from analysis import read_corpus, FramingCounter, count_documents, group_table

They are loaded on first use (PEP 562), so ``import analysis`` stays cheap and
the command's streaming path never imports pandas.  Each name lives in one
module, listed in :data:`_PUBLIC`; the modules' other names are their internals
or advanced API.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0.dev0"

#: Public name → the module that defines it.
_PUBLIC: dict[str, str] = {
    # configuration
    "load_config": "config", "FramingConfig": "config",
    # reading
    "read_corpus": "corpus", "CorpusReader": "corpus", "Columns": "corpus",
    "read_documents": "ingest", "documents_from_texts": "ingest",
    "load_actors": "lexicon", "load_terms": "lexicon", "load_lexicon": "lexicon", "load_lexicons": "lexicon",
    "load_sources": "lexicon",
    "load_categories": "lexicon", "display_names": "lexicon", "Lexicon": "lexicon",
    "tokenize": "tokenize", "normalize": "normalize", "Folding": "normalize",
    # counting
    "FramingCounter": "pipeline", "CounterSettings": "pipeline", "CountResult": "pipeline",
    "count_documents": "batch", "count_corpus": "batch", "hits_on_dask": "dask_run",
    # measures and metrics
    "per_1000": "measures", "by_voice": "measures", "group_table": "measures", "group_rates": "measures",
    "rate_difference": "measures",
    "actor_salience": "metrics", "term_density": "metrics", "framing_pairs": "metrics",
    "framing_matrix": "metrics", "matrix_wide": "metrics", "distancing_markers": "metrics",
    "find_attributions": "sourcing", "sourcing_summary": "sourcing",
    "fightin_words": "compare", "fightin_words_all": "compare", "group_term_counts": "compare",
    "outlet_classifier": "compare", "VocabularyFilter": "vocabulary", "load_stop_words": "vocabulary",
    "group_matrix": "corpus_matrix", "matrix_pairs": "corpus_matrix", "article_scores": "scores",
    "lexicon_cells": "cells",
    # figures and saving
    "framing_figures": "plot", "group_rates_figure": "plot_compare", "fightin_words_figure": "plot_compare",
    "group_matrix_figure": "plot_compare", "save_figure": "style", "paper_style": "style",
    "write_csv_tables": "output", "save_figure_widths": "style", "time_rates_figure": "plot_time",
    # time series and exports
    "time_rates": "timeseries", "read_events": "timeseries", "export_tables": "export",
    # provenance
    "describe_run": "provenance", "write_manifest": "provenance", "notebook_parameters": "provenance",
    # validation
    "keyword_in_context": "kwic", "search": "kwic", "select_hits": "kwic", "kwic_html": "kwic",
    "sample_hits": "coding", "coding_sheet": "coding", "write_coding_sheet": "coding",
    "read_coding_sheet": "coding", "save_coding_sheet": "coding", "term_precision": "coding", "cohens_kappa": "coding",
    "krippendorff_alpha": "coding",
    "read_annotations": "evaluate", "span_overlap": "evaluate",
    # tables and errors
    "codebook": "tables", "FramingInputError": "errors",
}  # fmt: skip

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

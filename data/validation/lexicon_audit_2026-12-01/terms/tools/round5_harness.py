"""Count term hits of a lexicon variant on the documents of the judged lines only."""

import pickle, sys
import pandas as pd
from analysis.lexicon import load_lexicon, TERMS, load_actors
from analysis.pipeline import FramingCounter
from analysis.ingest import documents_from_texts

AUD = "/work/h-retention/data/validation/lexicon_audit_2026-12-01/terms/judgments.csv"
OLD = "/work/h-retention/data/validation/lexicon_audit_2026-11-30/judgments.csv"
texts = pickle.load(open("/tmp/ret/texts.pkl", "rb"))


def design_lines():
    j = pd.read_csv(AUD, keep_default_na=False)
    j["correct"] = j["correct"].astype(int)
    return j


def docs_needed():
    j = design_lines()
    o = pd.read_csv(OLD)
    return sorted((set(j.doc_id) | set(o.doc_id)) & set(texts))


def hits_of(lexicon_csv, docs):
    terms = load_lexicon(lexicon_csv, TERMS)
    c = FramingCounter(load_actors(), terms)
    rows = []
    for d in docs:
        a = c.analyze_text(texts[d], d)
        rows += [(h.doc_id, h.start, h.end, h.entry) for h in a.hits if h.kind == "term"]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "entry"])

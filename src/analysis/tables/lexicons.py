"""Tables of the lexicon workbench (framing lexicon)."""

from __future__ import annotations

from .outputs import _CATEGORY, _KIND, _LABEL, _N_DOCS, _N_HITS, _PER_1000
from .schema import Table, _c

# == the lexicon workbench (analysis.workbench, framing lexicon) ===========================
# Kept in one section at the end of the module so that it merges cleanly with edits above.

_FILE = _c("file", "string", "the lexicon file")
_LEXICON_ROW = _c(
    "lexicon_row", "Int64", "the entry's row in its lexicon file (row 1 is the header; empty for the whole file)"
)
_ENTRY = _c("entry", "string", "the lexicon entry as written")
_EXAMPLES = _c("examples", "string", "up to a few keyword-in-context lines, 'before [match] after', joined by ' ‖ '")
_LISTED = _c("listed", "string", "the labels of lexicon entries that already match the word alone (empty if none)")

LEXICON_CHECK = Table("lexicon_check", "problem found in a lexicon row (or file)", (
    _FILE, _LEXICON_ROW,
    _c("level", "string", "error (framing count refuses the file), warning (accepted, probably not meant) or note"),
    _KIND, _LABEL, _ENTRY,
    _c("problem", "string", "what was found"),
    _c("advice", "string", "what to do about it"),
), file="lexicon_check.csv")  # fmt: skip

LEXICON_REPORT = Table("lexicon_report", "lexicon entry (entries that never match included, with n 0)", (
    _FILE, _LEXICON_ROW, _KIND, _LABEL, _CATEGORY, _ENTRY, _N_HITS, _N_DOCS,
    _c("share_docs", "float64", "n_docs / documents read, 4 decimals (empty when none were read)"),
    _c("n_forms", "int64", "distinct normalized surface forms it matched"),
    _c("share_quoted", "float64", "share of its hits inside quoted speech, 4 decimals (empty when n is 0)"),
    _c("share_negated", "float64", "share of its hits flagged negated, 4 decimals (empty when n is 0)"),
    _c("top_forms", "string", "its most frequent forms with their n, 'form n | form n ...' (up to 5)"),
), file="lexicon_report.csv")  # fmt: skip

LEXICON_FORMS = Table("lexicon_forms", "lexicon entry × normalized surface form it matched", (
    _FILE, _LEXICON_ROW, _KIND, _LABEL, _ENTRY,
    _c("form", "string", "the surface normalized as the matcher sees it (hamza, diacritics, ة/ه folded)"),
    _c("surface", "string", "its most frequent spelling in the text"),
    _N_HITS, _N_DOCS,
), file="lexicon_forms.csv")  # fmt: skip

VARIANTS = Table("variants", "unlisted form of a lexicon entry's word found in the corpus (a candidate row or suffix)", (
    _FILE, _LEXICON_ROW, _KIND, _LABEL, _ENTRY,
    _c("candidate", "string", "the unmatched form, proclitics removed (normalized)"),
    _c("ending", "string", "what follows the entry's stem in the candidate (ات، ا، ين ...)"),
    _c("surface", "string", "its most frequent spelling in the text, proclitics included"),
    _N_HITS, _N_DOCS, _LISTED, _EXAMPLES,
), file="variants.csv")  # fmt: skip

COLLOCATES = Table("collocates", "label × word found near its hits more often than chance", (
    _KIND, _LABEL,
    _c("word", "string", "the neighbouring word, normalized (proclitics kept)"),
    _c("surface", "string", "its most frequent spelling near the label's hits"),
    _c("n", "int64", "times the word stands within the window of the label's hits"),
    _c("n_expected", "float64", "n expected by chance: window words × the word's share of all words"),
    _c("n_word", "int64", "the word's frequency in the whole corpus"),
    _c("log_likelihood", "float64", "Dunning's G² of window against the rest of the corpus (3.84: p < 0.05)"),
    _c("pmi", "float64", "pointwise mutual information, log2(n / n_expected)"),
    _LISTED, _EXAMPLES,
), file="collocates.csv")  # fmt: skip

KEYWORDS = Table("keywords", "word more frequent in the corpus than in a reference corpus", (
    _c("word", "string", "the word, normalized (proclitics kept)"),
    _c("surface", "string", "its most frequent spelling in the corpus"),
    _c("n", "int64", "occurrences in the corpus"),
    _c("n_ref", "int64", "occurrences in the reference corpus"),
    _PER_1000,
    _c("per_1000_ref", "float64", "occurrences per 1,000 words of the reference corpus"),
    _c("log_likelihood", "float64", "Dunning's G² (3.84: p < 0.05; 10.83: p < 0.001)"),
    _c("log_ratio", "float64", "log2 of the ratio of the relative frequencies (n_ref 0 counted as 0.5)"),
    _N_DOCS, _LISTED, _EXAMPLES,
), file="keywords.csv")  # fmt: skip

#: The tables ``framing lexicon check|report|suggest`` write, in the order the README lists them.
LEXICON_TABLES = (LEXICON_CHECK, LEXICON_REPORT, LEXICON_FORMS, VARIANTS, COLLOCATES, KEYWORDS)

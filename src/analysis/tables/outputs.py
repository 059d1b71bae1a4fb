"""The tables of the command and of the Python API, with their row types."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .schema import Table, _c

if TYPE_CHECKING:
    import pandas as pd


# -- shared column definitions (one meaning each) ----------------------------------------

_DOC_ID = _c("doc_id", "string", "document identifier (file name without .txt, or the id column)")
_KIND = _c(
    "kind",
    "string",
    "'actor' (an actor mention), 'term' (a loaded term) or 'model' (a span the learned model flagged, with --model)",
)
_LABEL = _c("label", "string", "the actor's name, the term as written in the lexicon, or the model's technique")
_CATEGORY = _c("category", "string", "the term's category, the actor's type, or 'model'")
_N_HITS = _c("n", "int64", "number of hits")
_N_DOCS = _c("n_docs", "int64", "number of documents")
_N_WORDS = _c("n_words", "int64", "number of word tokens (Arabic, Latin or numbers; not punctuation)")
_PER_1000 = _c("per_1000", "float64", "hits per 1,000 words: 1000 * n / n_words (empty when n_words is 0)")
_GROUP = _c("group", "object", "the group (outlet …)")
#: The upper bound beside a ``ci_low`` column, whose description names the interval.
_CI_HIGH = _c("ci_high", "float64", "upper bound of that interval")
_START = _c("start", "int64", "character offset of the first character in the document text as read (0-based)")
_END = _c("end", "int64", "character offset just after the last character (text[start:end] is the surface)")
_PARAGRAPH = _c("paragraph", "int64", "paragraph number (1-based)")
_SENTENCE = _c("sentence", "int64", "sentence number in the document (1-based)")
_QUOTED = _c("quoted", "bool", "inside attributed quoted speech (not the narrator's voice)")
_TOKEN_START = _c("token_start", "int64", "index of the first token (0-based)")
_TOKEN_END = _c("token_end", "int64", "index just after the last token")

# -- the command's outputs ----------------------------------------------------------------

HITS = Table("hits", "hit (an actor mention or a loaded term found in a document)", (
    _DOC_ID, _KIND, _LABEL, _CATEGORY,
    _c("surface", "string", "the matched characters, exactly as in the text"),
    _START, _END, _PARAGRAPH, _SENTENCE, _QUOTED,
    _c("entry", "string", "the lexicon entry (spelling) that matched; for a model hit, the model's name"),
    _c("lexicon_row", "int64", "the entry's row in its lexicon file (row 1 is the header); 0 for a model hit"),
    _TOKEN_START, _TOKEN_END,
    _c("negated", "bool", "a negator or loss word (لا، عدم، غير، فقدت، نزع ...) stands within 2 words before the hit, "
       "in its sentence, with no punctuation between (فقد only directly before it)"),
    _c("score", "float64", "a model hit's probability of loaded language (the mean over its word tokens, each at "
       "least the model's decision threshold, recorded in manifest.json); empty for dictionary hits; only with --model"),
), file="hits.csv")  # fmt: skip

COUNTS = Table("counts", "document × actor or term with at least one hit", (
    _DOC_ID, _KIND, _LABEL, _CATEGORY, _N_HITS,
), file="counts.csv")  # fmt: skip

#: The statistics the counter computes for each document.
DOCUMENT_STATS = Table("document_stats", "document", (
    _DOC_ID, _N_WORDS,
    _c("n_sentences", "int64", "number of sentences"),
    _c("n_paragraphs", "int64", "number of paragraphs"),
    _c("n_quotations", "int64", "number of quotations (speech or not)"),
    _c("n_quoted_words", "int64", "word tokens inside attributed quoted speech"),
    _c("model_expected", "float64", "expected number of loaded words: the sum of the model's probabilities over the "
       "document's word tokens (model_expected / n_words estimates their share, as the annotators the model was "
       "trained on would mark it; on news unlike its training data it can overstate the share, the shipped model "
       "about 1.6-fold on Saudi news (docs/learned_detector.md, 'On real news'): compare groups, not absolute shares); only with --model"),
))  # fmt: skip


#: What the corpus reader knows of a document, before counting.
CORPUS = Table("corpus", "document as read", (
    _DOC_ID,
    _c("source", "string", "the file the document was read from"),
    _c("row", "Int64", "its row (CSV, header is row 1) or line (JSON Lines) in that file; empty for .txt"),
    _c("outlet", "string", "the outlet (publisher), from the outlet column or metadata.csv"),
    _c("date", "string", "the date as written"),
    _c("month", "string", "YYYY-MM read from date; empty when the date could not be read"),
    _c("day", "string", "YYYY-MM-DD read from date (one spelling whatever the date column mixes: spreadsheet dates, "
       "21/07/2015, 8 أغسطس 2015); empty when the date names no day or could not be read"),
    _c("title", "string", "the article's title, as given in the input"),
    _c("url", "string", "the article's URL, as given in the input"),
    _c("article", "string", "the article the record belongs to (the article column, e.g. page_id, when a record "
       "is a paragraph); the doc_id when there is none"),
    _c("encoding", "string", "how the file was decoded: utf-8, utf-8-sig, utf-16, cp1256, or xlsx (a workbook)"),
    _c("html", "bool", "the text was HTML and was stripped to its text (offsets refer to the stripped text)"),
    _c("boilerplate_removed", "string", "the boilerplate lines blanked or cut, joined by ' | ' (empty if none)"),
    _c("n_chars", "int64", "characters in the text as read"),
    _c("text", "string", "the text as read (decoded, HTML stripped, boilerplate blanked)"),
))  # fmt: skip

#: Document metadata: the corpus columns without the text.
METADATA_NAMES = tuple(n for n in CORPUS.names if n != "text")

DOCUMENTS = Table("documents", "document", (
    *(CORPUS.column(n) for n in METADATA_NAMES), *DOCUMENT_STATS.columns[1:],
), file="documents.csv")  # fmt: skip

QUOTATIONS = Table("quotations", "quotation (text between paired quotation marks)", (
    _DOC_ID, _START, _END,
    _c("text", "string", "the quotation, marks included"),
    _c("n_words", "int64", "word tokens between the marks"),
    _c("speech", "bool", "attributed quoted speech (a speech verb or 'according to', or long enough)"),
    _c("reason", "string", "why it is or is not speech"),
    _c("closed", "bool", "a closing mark was found"),
    _c("review", "bool", "more than quotes.REVIEW_WORDS (100) words: check the pairing of its marks by hand"),
    _TOKEN_START, _TOKEN_END, _PARAGRAPH, _SENTENCE,
), file="quotations.csv")  # fmt: skip

TOKENS = Table("tokens", "token", (
    _DOC_ID,
    _c("i", "int64", "token index in the document (0-based)"),
    _START, _END,
    _c("surface", "string", "the token as written"),
    _c("norm", "string", "the normalized form used for matching"),
    _c("kind", "string", "arabic, latin, number, word, clitic or punct"),
    _PARAGRAPH, _SENTENCE, _QUOTED,
), file="tokens.csv")  # fmt: skip

#: Report levels: ``error`` (a record that could not be read; the command stops
#: unless told to skip such records), ``duplicate`` (dropped on purpose),
#: ``warning`` (kept, with a problem) and ``note`` (kept; worth knowing).
LEVELS = ("error", "duplicate", "warning", "note")

REPORT = Table("skipped", "record skipped, dropped or changed, or a note on a file", (
    _c("source", "string", "the file (or folder) the row is about"),
    _c("row", "Int64", "the row or line in the file, where there is one"),
    _c("doc_id", "string", "the document the row is about (a CSV or workbook row or JSON Lines record skipped: the id "
       "it would have had, its id or <file name>-<row>; empty when the id itself was refused, or when a CSV row's "
       "cells do not tell it for certain); empty for a file"),
    _c("level", "string", "error, duplicate, warning or note"),
    _c("problem", "string", "what was found"),
    _c("action", "string", "what was done about it"),
), file="skipped.csv")  # fmt: skip

#: The report's problem without its details: "empty text", not "empty text of row 3 (...)"; "ambiguous date", not
#: "ambiguous date '02/03/2020': read day-first as 2020-03" (a kind ends before a quoted value, " of " or "(").
_PROBLEM_DETAILS = re.compile(r":? '.*| of .*| \(.*", re.DOTALL)


def problem_kind(problem: str) -> str:
    """The kind of a report row's ``problem``, so that alike rows are counted together.

    Examples
    --------
    >>> problem_kind("outlet name removed: '«الشرق الأوسط»'")
    'outlet name removed'
    >>> problem_kind("normalized duplicate of EG00292")
    'normalized duplicate'
    >>> problem_kind("empty text")
    'empty text'
    """
    return _PROBLEM_DETAILS.sub("", problem)


GROUPS = Table("groups", "group of documents × label of the lexicons (zeros included)", (
    _KIND, _CATEGORY, _LABEL, _N_HITS,
    _c("n_docs", "int64", "documents (records) in the group"),
    _c("n_articles", "int64", "articles in the group: n_docs, unless an article column groups paragraphs"),
    _c("n_words", "int64", "word tokens in the group's documents"),
    _PER_1000,
), file="groups.csv", keys_first=True)  # fmt: skip

GROUP_CATEGORIES = Table("group_categories", "group of documents × term category of the lexicon (label empty; "
                         "zeros included)", GROUPS.columns,
                         file="group_categories.csv", keys_first=True)  # fmt: skip

#: Per-article scores: the documents' columns, then columns named after the lexicon's
#: categories and the actors of interest (``<category>`` and ``<actor>`` stand for their
#: labels, spaces and punctuation as ``_``: :func:`analysis.scores.slug`).
SCORES = Table("scores", "document, with every term category's count and rate (zeros included)", (
    *DOCUMENTS.columns,
    _c("n_<category>", "int64", "hits of the term category in the document (one column per category of the "
       "lexicon)"),
    _c("per_1000_<category>", "float64", "those hits per 1,000 words (empty when n_words is 0)"),
    _c("mentions_<actor>", "int64", "mentions of the actor (one column per actor named with --score-actors)"),
    _c("n_<actor>__<category>", "int64", "terms of the category in a sentence (or --score-window) with a mention "
       "of the actor: the document's cell of the framing matrix"),
    _c("per_1000_<actor>__<category>", "float64", "those pairs per 1,000 words (empty when n_words is 0)"),
), file="scores.csv")  # fmt: skip

CODEBOOK = Table("codebook", "column of a table written beside it (codebook.md says the same in prose)", (
    _c("file", "string", "the file the column is in (hits.csv, hits.xlsx …)"),
    _c("table", "string", "the table's name (the file's stem)"),
    _c("column", "string", "the column's name as in the file"),
    _c("dtype", "string", "its type: string, int64, Int64 (integer, may be empty), float64, bool, boolean "
       "(may be empty) or object (grouping keys)"),
    _c("unit", "string", "what its numbers count (count, word tokens, characters, proportion 0-1 …); "
       "empty for text"),
    _c("allowed", "string", "the values it may take (empty when any text or number of its type)"),
    _c("meaning", "string", "what it means"),
    _c("stata_name", "string", "its variable name in the .dta file (Stata names: 32 characters, letters, digits, "
       "_); the column name when it is valid, else c1, c2 …; only with --format dta"),
), file="codebook.csv")  # fmt: skip

#: The tables ``framing count`` writes, in the order the README lists them (the codebook is
#: written beside them, so it is one of them).
OUTPUT_TABLES: tuple[Table, ...] = (
    HITS,
    COUNTS,
    DOCUMENTS,
    SCORES,
    QUOTATIONS,
    REPORT,
    GROUPS,
    GROUP_CATEGORIES,
    TOKENS,
    CODEBOOK,
)


# -- row types ------------------------------------------------------------------------------
# Typed named tuples, so that rows are built and read by name and type-checked;
# a test checks that each has exactly its table's columns, in order.


class HitRow(NamedTuple):
    """A row of :data:`HITS`."""

    doc_id: str
    kind: str
    label: str
    category: str
    surface: str
    start: int
    end: int
    paragraph: int
    sentence: int
    quoted: bool
    entry: str
    lexicon_row: int
    token_start: int
    token_end: int
    negated: bool
    score: float | None = None


class CountRow(NamedTuple):
    """A row of :data:`COUNTS`."""

    doc_id: str
    kind: str
    label: str
    category: str
    n: int


class DocumentStatsRow(NamedTuple):
    """A row of :data:`DOCUMENT_STATS`."""

    doc_id: str
    n_words: int
    n_sentences: int
    n_paragraphs: int
    n_quotations: int
    n_quoted_words: int
    model_expected: float | None = None


class QuotationRow(NamedTuple):
    """A row of :data:`QUOTATIONS`."""

    doc_id: str
    start: int
    end: int
    text: str
    n_words: int
    speech: bool
    reason: str
    closed: bool
    review: bool
    token_start: int
    token_end: int
    paragraph: int
    sentence: int


class TokenRow(NamedTuple):
    """A row of :data:`TOKENS`."""

    doc_id: str
    i: int
    start: int
    end: int
    surface: str
    norm: str
    kind: str
    paragraph: int
    sentence: int
    quoted: bool


class ReportRow(NamedTuple):
    """A row of :data:`REPORT` (``skipped.csv``)."""

    source: str
    row: int | None
    doc_id: str
    level: str
    problem: str
    action: str


#: A candidate that a lexicon rule kept from counting (the audit of the rules; not written by the command).
BLOCKED = Table("blocked", "candidate hit blocked by a rule of its lexicon row", (
    _DOC_ID, _KIND, _LABEL, _CATEGORY,
    _c("surface", "string", "the blocked characters, exactly as in the text"),
    _START, _END, _PARAGRAPH, _SENTENCE,
    _c("entry", "string", "the lexicon entry (spelling) that was blocked"),
    _c("lexicon_row", "int64", "the entry's row in its lexicon file (row 1 is the header)"),
    _c("rule", "string", "clitics, exclude, context, ignore or tanwin: the rule that blocked it"),
    _c("detail", "string", "the exclusion phrase, the cue list, the prefixed form or the ignore-list phrase and row"),
))  # fmt: skip


class BlockedRow(NamedTuple):
    """A row of :data:`BLOCKED`."""

    doc_id: str
    kind: str
    label: str
    category: str
    surface: str
    start: int
    end: int
    paragraph: int
    sentence: int
    entry: str
    lexicon_row: int
    rule: str
    detail: str


#: Each row type and the table it is a row of.
ROW_TYPES: dict[type, Table] = {
    HitRow: HITS, CountRow: COUNTS, DocumentStatsRow: DOCUMENT_STATS, QuotationRow: QUOTATIONS, TokenRow: TOKENS,
    ReportRow: REPORT, BlockedRow: BLOCKED,
}  # fmt: skip

# -- derived tables of the Python API ----------------------------------------------------

RATES = Table("rates", "group × category: a rate with a bootstrap interval over documents", (
    _GROUP,
    _CATEGORY, _N_DOCS,
    _c("n_articles", "int64", "articles in the group (the bootstrap's clusters); n_docs when each record is an article"),
    _N_HITS, _N_WORDS, _PER_1000,
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of per_1000"),
    _CI_HIGH,
))  # fmt: skip

RATE_DIFFERENCES = Table("rate_differences", "category: group a's rate minus group b's, with a bootstrap interval", (
    _c("group_a", "object", "the first group (outlet …)"),
    _c("group_b", "object", "the group it is compared with"),
    _CATEGORY,
    _c("n_a", "int64", "hits of the category in group a's documents"),
    _c("n_b", "int64", "hits of the category in group b's documents"),
    _c("n_words_a", "int64", "word tokens of group a's documents"),
    _c("n_words_b", "int64", "word tokens of group b's documents"),
    _c("per_1000_a", "float64", "1000 * n_a / n_words_a"),
    _c("per_1000_b", "float64", "1000 * n_b / n_words_b"),
    _c("difference", "float64", "per_1000_a - per_1000_b"),
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of difference (articles of each group "
       "resampled on their own)"),
    _CI_HIGH,
))  # fmt: skip

ARTICLES_NEEDED = Table("articles_needed", "group × category: articles for a bootstrap interval of a chosen width", (
    _GROUP,
    _CATEGORY,
    _c("n_articles", "int64", "articles in the group now (the bootstrap's clusters)"),
    _c("n", "int64", "hits of the category in the group's documents"),
    _PER_1000,
    _c("half_width", "float64", "half the width of the group's interval now: (ci_high - ci_low) / 2, per 1,000 words"),
    _c("target_half_width", "float64", "the half-width asked for, per 1,000 words"),
    _c("articles_needed", "Int64", "about n_articles * (half_width / target_half_width) ** 2, rounded up: articles "
       "like these that give the asked width (an interval narrows with the square root of the articles); empty when "
       "the interval is [0, 0] (no hit: its width says nothing) or the group has no words"),
))  # fmt: skip

MODEL_SHARES = Table("model_shares", "group: the learned model's share of loaded words, with a bootstrap interval", (
    _GROUP,
    _c("n_articles", "int64", "articles in the group (the bootstrap's clusters)"),
    _N_WORDS,
    _c("model_expected", "float64", "the model's expected loaded words: the sum of its word probabilities"),
    _c("per_1000", "float64", "1000 * model_expected / n_words: the model's share of loaded words per 1,000 words"),
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of per_1000 over articles"),
    _CI_HIGH,
    _c("n_in_sample", "Int64", "documents of the group that are, or contain, paragraphs the model was trained on "
       "(analysis.learn.overlap.trained_on): its scores on them are in-sample and overstate how it does on new "
       "text; 0: none; empty: not checked (the training file was not at hand)"),
))  # fmt: skip

GROUP_MATRIX = Table("group_matrix", "group × actor × term category: the corpus framing matrix (zeros included)", (
    _GROUP,
    _c("actor", "string", "the actor"),
    _CATEGORY,
    _c("n", "int64", "pairs: term hits of the category in a sentence (or token window) with a mention of the actor"),
    _c("mentions", "int64", "the actor's mentions (actor hits) in the group's documents"),
    _c("mention_articles", "int64", "articles of the group that mention the actor: the resampled units behind "
       "the cell's interval"),
    _c("few_mentions", "bool", "mention_articles is below MIN_MENTION_ARTICLES (5): too few articles for the "
       "interval to mean much (one article gives an interval of one point, [0, 0] when no term is near); "
       "hollow dot in the figure"),
    _N_DOCS,
    _c("n_articles", "int64", "articles in the group (the bootstrap's clusters)"),
    _c("per_100", "float64", "100 * n / mentions: terms near the actor per 100 of its mentions (empty when "
       "mentions is 0)"),
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of per_100 over articles"),
    _CI_HIGH,
))  # fmt: skip

SALIENCE = Table("salience", "document × mentioned actor", (
    _DOC_ID,
    _c("actor", "string", "the actor"),
    _c("mentions", "int64", "actor hits in the document"),
    _c("share", "float64", "mentions / all actor mentions of the document"),
    _c("narrator", "int64", "mentions in the narrator's voice"),
    _c("quoted", "int64", "mentions inside quoted speech"),
    _c("first_start", "int64", "character offset of the first mention"),
    _c("first_position", "float64", "first_start / n_chars: 0 at the start, 1 at the end"),
    _c("first_sentence", "int64", "sentence of the first mention"),
))  # fmt: skip

DENSITY = Table("density", "document × term category", (
    _DOC_ID, _CATEGORY, _N_HITS, _PER_1000,
    _c("narrator_n", "int64", "hits in the narrator's voice"),
    _c("narrator_per_1000", "float64", "narrator hits per 1,000 narrator words"),
    _c("quoted_n", "int64", "hits inside quoted speech"),
    _c("quoted_per_1000", "float64", "quoted hits per 1,000 quoted words"),
))  # fmt: skip

BY_VOICE = Table("by_voice", "label × voice (hits split by narrator and quoted speech)", (
    _KIND, _LABEL,
    _c("narrator", "int64", "hits in the narrator's voice"),
    _c("quoted", "int64", "hits inside quoted speech"),
    _c("total", "int64", "all hits"),
))  # fmt: skip


def codebook(tables: Sequence[Table] | None = None) -> pd.DataFrame:
    """One row per column of each table (:data:`OUTPUT_TABLES` by default): its file, name, dtype and meaning.

    (:func:`written_codebook` describes the files of one run, grouping keys,
    units and allowed values included.)

    >>> book = codebook()
    >>> book.loc[(book["table"] == "hits") & (book["column"] == "start"), "dtype"].item()
    'int64'
    """
    import pandas as pd

    chosen = OUTPUT_TABLES if tables is None else tables
    rows = [(t.name, t.file or "", c.name, c.dtype, c.meaning) for t in chosen for c in t.columns]
    return pd.DataFrame(rows, columns=["table", "file", "column", "dtype", "meaning"])


def hits_with_model(name: str, threshold: float, sha256: str) -> Table:
    """:data:`HITS` whose ``score`` meaning states a run's model and its decision threshold (for its codebook).

    >>> hits_with_model("default", 0.14, "ab" * 32).column("score").meaning[:60]
    "a model hit's probability of loaded language, from 0 to 1: t"
    """
    return HITS.with_meaning("score", (
        f"a model hit's probability of loaded language, from 0 to 1: the mean over its word tokens of the model's "
        f"probability; a kind=model hit is a run of adjacent word tokens each with probability >= {threshold:g}, "
        f"the decision threshold of model {name!r} (SHA-256 {sha256[:12]}…, see manifest.json); "
        "empty for dictionary hits"
    ))  # fmt: skip

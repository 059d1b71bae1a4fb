"""Every table the package exchanges or writes: its columns, their types and meaning.

This module is the contract between the steps of the pipeline and the codebook
of the files it writes.  Builders create rows with the row types defined here
(named tuples, so that a row is built and read by name and still written as a
plain CSV row), frames get their dtypes from :meth:`Table.frame`, and column
checks go through :meth:`Table.require`.  The README's table of output files is
checked against this module by a test, and ``codebook`` renders it.

One vocabulary throughout: ``n`` is a number of hits, ``n_words`` a number of
word tokens (Arabic, Latin or numbers; not punctuation), ``n_docs`` a number of
documents, and ``per_1000`` a rate per 1,000 words (see
:func:`analysis.measures.per_1000`).

>>> HITS.names[:4]
('doc_id', 'kind', 'label', 'category')
>>> all(row_type._fields == table.names for row_type, table in ROW_TYPES.items())
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

#: Allowed dtypes: pandas' nullable string, 64-bit integers (``Int64`` may be
#: missing), floats, booleans (``boolean`` may be missing), and ``object`` for
#: values whose type depends on the data (grouping keys).
DTYPES = ("string", "int64", "Int64", "float64", "bool", "boolean", "object")


@dataclass(frozen=True)
class Column:
    """One column: its name, dtype and one line on its meaning."""

    name: str
    dtype: str
    meaning: str

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name}: unknown dtype {self.dtype!r}; choose from {DTYPES}")


@dataclass(frozen=True)
class Table:
    """A table: one row per ``row``, with ``columns`` in this order.

    Parameters
    ----------
    name : str
        The table's name (also the stem of its file, when it is written).
    row : str
        What one row is.
    columns : tuple of Column
        In output order.
    file : str or None
        The file name the command writes it to, if it does.
    keys_first : bool
        The table starts with caller-chosen grouping columns (``outlet``,
        ``month`` …) before ``columns``.
    """

    name: str
    row: str
    columns: tuple[Column, ...]
    file: str | None = None
    keys_first: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def dtypes(self) -> dict[str, str]:
        """Column name → dtype."""
        return {c.name: c.dtype for c in self.columns}

    def written(self, model: bool) -> tuple[str, ...]:
        """The columns written: all of them with a model, without :data:`MODEL_COLUMNS` otherwise."""
        return self.names if model else tuple(n for n in self.names if n not in MODEL_COLUMNS)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name} has no column {name!r}; it has {list(self.names)}")

    def frame(
        self, rows: Iterable[Sequence[Any] | Mapping[str, Any]] = (), *, keys: Sequence[str] = ()
    ) -> pd.DataFrame:
        """A DataFrame of ``rows`` with this table's columns and dtypes.

        Parameters
        ----------
        rows : iterable of sequences
            Row tuples in column order (``keys`` first, if any), or mappings
            from column name to value.
        keys : sequence of str
            Grouping columns before the table's own (``keys_first`` tables).
        """
        import pandas as pd

        frame = pd.DataFrame(list(rows), columns=[*keys, *self.names])
        return self.cast(frame)

    def cast(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with this table's dtypes on the columns it has."""
        wanted = {name: dtype for name, dtype in self.dtypes.items() if name in frame.columns}
        # "object" columns (grouping keys) keep whatever type their values have.
        return frame.astype({name: dtype for name, dtype in wanted.items() if dtype != "object"})

    def require(self, frame_columns: Iterable[str], columns: Sequence[str] | None = None) -> None:
        """Raise ``ValueError`` naming the columns of this table that are missing.

        Parameters
        ----------
        frame_columns : iterable of str
            The columns a caller passed (``frame.columns``).
        columns : sequence of str, optional
            The columns needed; all of the table's by default.
        """
        require_columns(frame_columns, columns if columns is not None else self.names, self.name)


def require_columns(table_columns: Iterable[str], columns: Sequence[str], name: str) -> None:
    """Raise ``ValueError`` naming the columns a table lacks (and those it has).

    The one column check of the package (tables use it through
    :meth:`Table.require`).

    Parameters
    ----------
    table_columns : iterable of str
        The table's columns (``frame.columns``).
    columns : sequence of str
        The columns needed.
    name : str
        What the table is, for the message (``"hits"``, ``"documents"``).

    >>> require_columns(["doc_id"], ["doc_id", "text"], "documents")
    Traceback (most recent call last):
    ...
    ValueError: documents has no column(s) ['text']; it has ['doc_id']
    """
    present = list(table_columns)
    missing = [c for c in columns if c not in present]
    if missing:
        raise ValueError(f"{name} has no column(s) {missing}; it has {present}")


def _c(name: str, dtype: str, meaning: str) -> Column:
    return Column(name, dtype, meaning)


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
    _c("score", "float64", "a model hit's probability (the mean over its word tokens); empty for dictionary hits; "
       "only with --model"),
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
       "document's word tokens (model_expected / n_words estimates their share); only with --model"),
))  # fmt: skip

#: Columns that exist only when a learned model tags the documents (``--model``), always
#: last in their table: without a model they are left out, so the tables are exactly those
#: of a dictionary-only run.
MODEL_COLUMNS = ("score", "model_expected")

#: What the corpus reader knows of a document, before counting.
CORPUS = Table("corpus", "document as read", (
    _DOC_ID,
    _c("source", "string", "the file the document was read from"),
    _c("row", "Int64", "its row (CSV, header is row 1) or line (JSON Lines) in that file; empty for .txt"),
    _c("outlet", "string", "the outlet (publisher), from the outlet column or metadata.csv"),
    _c("date", "string", "the date as written"),
    _c("month", "string", "YYYY-MM read from date; empty when the date could not be read"),
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
    _DOC_ID,
    _c("level", "string", "error, duplicate, warning or note"),
    _c("problem", "string", "what was found"),
    _c("action", "string", "what was done about it"),
), file="skipped.csv")  # fmt: skip

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

#: The tables ``framing count`` writes, in the order the README lists them.
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
    _c("rule", "string", "clitics, exclude, context or ignore: the rule that blocked it"),
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
    _c("group", "object", "the group (outlet …)"),
    _CATEGORY, _N_DOCS,
    _c("n_articles", "int64", "articles in the group (the bootstrap's clusters); n_docs when each record is an article"),
    _N_HITS, _N_WORDS, _PER_1000,
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of per_1000"),
    _c("ci_high", "float64", "upper bound of that interval"),
))  # fmt: skip

GROUP_MATRIX = Table("group_matrix", "group × actor × term category: the corpus framing matrix (zeros included)", (
    _c("group", "object", "the group (outlet …)"),
    _c("actor", "string", "the actor"),
    _CATEGORY,
    _c("n", "int64", "pairs: term hits of the category in a sentence (or token window) with a mention of the actor"),
    _c("mentions", "int64", "the actor's mentions (actor hits) in the group's documents"),
    _N_DOCS,
    _c("n_articles", "int64", "articles in the group (the bootstrap's clusters)"),
    _c("per_100", "float64", "100 * n / mentions: terms near the actor per 100 of its mentions (empty when "
       "mentions is 0)"),
    _c("ci_low", "float64", "lower bound of the percentile bootstrap interval of per_100 over articles"),
    _c("ci_high", "float64", "upper bound of that interval"),
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
    _c("ci_high", "float64", "upper bound of that interval"),
    _c("flag", "boolean", "revise the term: the bound chosen by flag_on is below the threshold "
                          "(empty when n_coded is 0)"),
))  # fmt: skip

PROGRESS = Table("coding_progress", "coder", (
    _c("coder", "string", "the coder column"),
    _c("n_coded", "int64", "cells the coder filled (any code, unclear included)"),
    _c("n_uncoded", "int64", "cells still empty"),
))  # fmt: skip

#: The tables of the validation workflow (for :func:`codebook`).
CODING_TABLES = (SHEET, PRECISION, PROGRESS)

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

# == provenance (analysis.provenance) =====================================================
# Kept in its own section at the end of the module so that it merges cleanly with edits above.

#: The keys of ``manifest.json``: one JSON object per output folder, not a CSV table
#: (so not in :data:`OUTPUT_TABLES`); ``codebook((MANIFEST,))`` lists them.
MANIFEST = Table("manifest", "output folder (one JSON object: what produced the files beside it)", (
    _c("manifest_format", "int64", "the layout of this file (1)"),
    _c("package", "object", "name and version of the package that wrote the folder"),
    _c("command", "string", "what ran: 'framing count', 'analysis.count_corpus' or 'notebook NAME'"),
    _c("parameters", "object", "its settings that can change results (paths as given; not workers, chunk size, "
                               "progress bar or the output folder)"),
    _c("inputs", "object", "each input file read (folders expanded, metadata.csv included): path, sha256, bytes"),
    _c("lexicons", "object", "role (actors, terms, ignore …) → path, SHA-256 of the bytes read, entries"),
    _c("model", "object", "the model: path and SHA-256 of its file, a description, or null"),
    _c("seed", "Int64", "the random seed, or null"),
    _c("tables", "object", "each file written → rows (data rows of a CSV) and sha256"),
), file="manifest.json")  # fmt: skip


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
    _c("share_docs", "float64", "n_docs / documents read (empty when none were read)"),
    _c("n_forms", "int64", "distinct normalized surface forms it matched"),
    _c("share_quoted", "float64", "share of its hits inside quoted speech (empty when n is 0)"),
    _c("share_negated", "float64", "share of its hits flagged negated (empty when n is 0)"),
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


# == exports and their codebook (analysis.export, framing count --format) ===================
# Kept in one section at the end of the module so that it merges cleanly with edits above.

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

#: The command writes the codebook beside its tables, so it is one of them.
OUTPUT_TABLES = (*OUTPUT_TABLES, CODEBOOK)

#: Values of columns that take few (table name or "*" for any table, column) → allowed values.
_ALLOWED = {
    ("*", "kind"): "actor, term, model",
    ("tokens", "kind"): "arabic, latin, number, word, clitic, punct",
    ("*", "level"): "error, duplicate, warning, note",
    ("*", "encoding"): "utf-8, utf-8-sig, utf-16, cp1256, xlsx",
    ("*", "month"): "YYYY-MM, or empty when the date could not be read",
    ("codebook", "dtype"): ", ".join(DTYPES),
}

#: Column names (or their ends) → the unit of their numbers, checked in order.
_UNITS = (
    (("per_1000",), "hits per 1,000 word tokens"),
    (("ci_low", "ci_high"), "the unit of the estimate"),
    (("start", "end", "first_start", "n_chars"), "characters (0-based offsets)"),
    (("token_start", "token_end", "i"), "tokens (0-based index)"),
    (("paragraph", "sentence", "first_sentence", "row", "lexicon_row"), "ordinal (1-based)"),
    (("n_words", "n_quoted_words", "_words"), "word tokens"),
    (
        (
            "share",
            "first_position",
            "score",
            "precision",
            "recall",
            "f1",
            "share_docs",
            "share_quoted",
            "share_negated",
        ),
        "proportion (0 to 1)",
    ),
    (("model_expected",), "expected word tokens"),
)


def _unit(column: Column) -> str:
    if column.dtype in ("string", "object", "bool", "boolean"):
        return ""
    for names, unit in _UNITS:
        if column.name in names or any(n.startswith("_") and column.name.endswith(n) for n in names):
            return unit
    if column.dtype in ("int64", "Int64"):
        return "count"
    return ""


def _allowed(table: Table, column: Column) -> str:
    found = _ALLOWED.get((table.name, column.name)) or _ALLOWED.get(("*", column.name), "")
    if found:
        return found
    if column.dtype == "bool":
        return "True, False"
    if column.dtype == "boolean":
        return "True, False, or empty"
    return ""


def key_column(name: str) -> Column:
    """The definition of a grouping column (``outlet``, ``month`` …) that starts a ``keys_first`` table.

    >>> key_column("outlet").meaning
    'grouping key: the outlet (publisher), from the outlet column or metadata.csv'
    """
    base = CORPUS.column(name) if name in CORPUS.names else _c(name, "string", "a document column")
    return Column(name, "object", f"grouping key: {base.meaning}")


def pattern_column(table: Table, name: str) -> Column | None:
    """The definition of ``name`` among ``table``'s pattern columns (``n_<category>``), or None.

    The most specific pattern wins (``n_<actor>__<category>`` before ``n_<category>``).

    >>> pattern_column(SCORES, "per_1000_violence_violation").meaning.startswith("per_1000_<category>: ")
    True
    >>> pattern_column(SCORES, "n_Khalifa_Haftar__delegitimizing_label").meaning.startswith("n_<actor>__<category>")
    True
    """
    import re

    patterns = [c for c in table.columns if "<" in c.name]
    patterns.sort(key=lambda c: -len(re.sub(r"<[^>]*>", "", c.name)))
    for column in patterns:
        regex = "".join(
            ".+" if part.startswith("<") else re.escape(part) for part in re.split(r"(<[^>]*>)", column.name)
        )
        if re.fullmatch(regex, name):
            return Column(name, column.dtype, f"{column.name}: {column.meaning}")
    return None


def written_codebook(written: Mapping[str, tuple[Table, Sequence[str]]]) -> pd.DataFrame:
    """The codebook of the files written: one :data:`CODEBOOK` row per column of each file.

    Parameters
    ----------
    written : mapping of str to (Table, sequence of str)
        File name → its table and the columns it holds, in order.  Columns
        the table does not define are grouping keys (``keys_first`` tables)
        or, failing that, listed with the meaning "not defined in
        analysis.tables" rather than left out.

    Returns
    -------
    pandas.DataFrame
        :data:`CODEBOOK`'s columns; ``stata_name`` empty.

    >>> book = written_codebook({"counts.csv": (COUNTS, COUNTS.names)})
    >>> book.loc[book["column"] == "n", ["unit", "dtype"]].values.tolist()
    [['count', 'int64']]
    """
    rows = []
    for file, (table, columns) in written.items():
        for name in columns:
            if name in table.names:
                column = table.column(name)
            elif (pattern := pattern_column(table, name)) is not None:
                column = pattern
            elif table.keys_first:
                column = key_column(name)
            else:
                column = _c(name, "object", "not defined in analysis.tables (a column added by the caller)")
            rows.append((file, table.name, name, column.dtype, _unit(column), _allowed(table, column),
                         column.meaning, ""))  # fmt: skip
    return CODEBOOK.frame(rows)


# == time series (analysis.timeseries) ======================================================
# Kept in one section at the end of the module so that it merges cleanly with edits above.

TIME_RATES = Table("time_rates", "group × period × category: a rate with a bootstrap interval over articles", (
    RATES.column("group"),
    _c("period", "string", "the period: YYYY-MM-DD (day; the Monday of an ISO week) or YYYY-MM (month)"),
    *RATES.columns[1:],
))  # fmt: skip

EVENTS = Table("events", "event to mark on a time series", (
    _c("date", "string", "the event's date, YYYY-MM-DD"),
    _c("label", "string", "a short label drawn beside the marker"),
))  # fmt: skip

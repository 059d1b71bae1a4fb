"""Every table the package exchanges or writes: its columns, their types and meaning.

This package is the contract between the steps of the pipeline and the codebook
of the files it writes.  Builders create rows with the row types defined here
(named tuples, so that a row is built and read by name and still written as a
plain CSV row), frames get their dtypes from :meth:`Table.frame`, and column
checks go through :meth:`Table.require`.  The README's table of output files is
checked against this package by a test, and ``codebook`` renders it.  One module per
part of the pipeline: ``schema`` (Column, Table), ``outputs`` (the command's tables and
row types, the API's derived tables), ``validation`` (coding sheets, evaluation),
``runs`` (manifest.json), ``lexicons`` (the workbench), ``codebooks`` (units, allowed
values, pattern columns), ``timeseries``, ``sourcing`` (attributions and their summary);
every name is imported here.

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

from .codebooks import column_definition, key_column, pattern_column, written_codebook, written_codebook_rows
from .lexicons import COLLOCATES, KEYWORDS, LEXICON_CHECK, LEXICON_FORMS, LEXICON_REPORT, LEXICON_TABLES, VARIANTS
from .outputs import (
    ARTICLES_NEEDED,
    BLOCKED,
    BY_VOICE,
    CODEBOOK,
    CORPUS,
    COUNTS,
    DENSITY,
    DOCUMENT_STATS,
    DOCUMENTS,
    GROUP_CATEGORIES,
    GROUP_MATRIX,
    GROUPS,
    HITS,
    LEVELS,
    METADATA_NAMES,
    MODEL_SHARES,
    OUTPUT_TABLES,
    QUOTATIONS,
    RATE_DIFFERENCES,
    RATES,
    REPORT,
    ROW_TYPES,
    SALIENCE,
    SCORES,
    TOKENS,
    BlockedRow,
    CountRow,
    DocumentStatsRow,
    HitRow,
    QuotationRow,
    ReportRow,
    TokenRow,
    codebook,
    hits_with_model,
    problem_kind,
)
from .runs import MANIFEST
from .schema import DTYPES, MODEL_COLUMNS, Column, Table, require_columns
from .sourcing import ATTRIBUTIONS, SOURCE_TYPES, SOURCING, SOURCING_TABLES
from .timeseries import EVENTS, TIME_RATES
from .validation import (
    AGREEMENT,
    CODED,
    CODING_TABLES,
    MODEL_PRECISION,
    NEAR_MISSES,
    OVERLAP,
    PRECISION,
    PROGRESS,
    SCORE_TABLES,
    SHEET,
    SPANS,
    VALIDATION_TABLES,
)

__all__ = [
    "AGREEMENT",
    "ARTICLES_NEEDED",
    "ATTRIBUTIONS",
    "BLOCKED",
    "BY_VOICE",
    "BlockedRow",
    "CODEBOOK",
    "CODED",
    "CODING_TABLES",
    "COLLOCATES",
    "CORPUS",
    "COUNTS",
    "Column",
    "CountRow",
    "DENSITY",
    "DOCUMENTS",
    "DOCUMENT_STATS",
    "DTYPES",
    "DocumentStatsRow",
    "EVENTS",
    "GROUPS",
    "GROUP_CATEGORIES",
    "GROUP_MATRIX",
    "HITS",
    "HitRow",
    "KEYWORDS",
    "LEVELS",
    "LEXICON_CHECK",
    "LEXICON_FORMS",
    "LEXICON_REPORT",
    "LEXICON_TABLES",
    "MANIFEST",
    "METADATA_NAMES",
    "MODEL_SHARES",
    "MODEL_COLUMNS",
    "MODEL_PRECISION",
    "NEAR_MISSES",
    "OUTPUT_TABLES",
    "OVERLAP",
    "PRECISION",
    "PROGRESS",
    "QUOTATIONS",
    "QuotationRow",
    "RATE_DIFFERENCES",
    "RATES",
    "REPORT",
    "problem_kind",
    "ROW_TYPES",
    "ReportRow",
    "SALIENCE",
    "SCORES",
    "SCORE_TABLES",
    "SHEET",
    "SOURCE_TYPES",
    "SOURCING",
    "SOURCING_TABLES",
    "SPANS",
    "TIME_RATES",
    "TOKENS",
    "Table",
    "TokenRow",
    "VALIDATION_TABLES",
    "VARIANTS",
    "codebook",
    "hits_with_model",
    "key_column",
    "pattern_column",
    "require_columns",
    "written_codebook",
    "written_codebook_rows",
    "column_definition",
]

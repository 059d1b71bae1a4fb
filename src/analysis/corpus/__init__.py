"""Read a corpus into one documents table and a report of everything not kept as is.

One job per module, in the order a document passes through them:

* :mod:`~analysis.corpus.encoding`: decode bytes on evidence (UTF-8, UTF-16 or Windows-1256), refuse binary files;
* :mod:`~analysis.corpus.files`: files and folders in, the article files out;
* :mod:`~analysis.corpus.formats`: CSV, JSON Lines and ``.xlsx`` records exactly as written, or a problem;
* :mod:`~analysis.corpus.metadata`: ``metadata.csv`` beside ``.txt`` files;
* :mod:`~analysis.corpus.cleaning`: HTML to text, boilerplate lines;
* :mod:`~analysis.corpus.dates`: the month of a date as written;
* :mod:`~analysis.corpus.duplicates`: exact and normalized duplicates;
* :mod:`~analysis.corpus.reader`: files and folders in, documents and report out.

Every name is importable from ``analysis.corpus`` directly, as before the split.

Text as read
    The decoded text of the file (``.txt``) or of the text cell/field, with
    line ends as ``\\n``; HTML is stripped to its text; boilerplate lines
    (``Facebook Comments`` …) are blanked with spaces where they stand and cut
    where they end the text, so offsets into the text as read are offsets into
    the decoded source for all but HTML documents.
"""

from __future__ import annotations

from ..tables import LEVELS
from .cleaning import DEFAULT_BOILERPLATE, compile_boilerplate, html_to_text, looks_like_html, remove_boilerplate
from .columns import Columns, check_fields
from .dates import DateParts, DateReading, day_of, month_of, read_date, read_date_parts
from .duplicates import DuplicateFilter, document_fingerprints
from .encoding import Decoded, TextLines, decode_bytes, decode_text, reject_binary, sniff_encoding
from .files import SUFFIXES, ConfiguredPaths, as_paths, expand_paths, walk_paths
from .metadata import METADATA_FILE, METADATA_FILES, read_folder_metadata
from .reader import (
    CORPUS_COLUMNS,
    REPORT_COLUMNS,
    Corpus,
    CorpusReader,
    CorpusRun,
    documents_table,
    read_corpus,
)

__all__ = [
    "CORPUS_COLUMNS", "DEFAULT_BOILERPLATE", "LEVELS", "METADATA_FILE", "METADATA_FILES", "REPORT_COLUMNS", "SUFFIXES",
    "Columns", "Corpus", "CorpusReader", "CorpusRun", "DuplicateFilter", "compile_boilerplate", "decode_bytes",
    "document_fingerprints", "documents_table", "expand_paths", "html_to_text", "looks_like_html", "month_of", "read_corpus", "read_folder_metadata", "reject_binary", "remove_boilerplate",
    "sniff_encoding", "check_fields", "Decoded", "TextLines", "decode_text", "as_paths", "walk_paths", "ConfiguredPaths", "DateReading", "read_date", "day_of", "DateParts", "read_date_parts",
]  # fmt: skip

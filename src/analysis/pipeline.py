"""From documents to the hits, counts and documents tables (the Python API).

>>> from analysis.pipeline import FramingCounter
>>> counter = FramingCounter()                      # the bundled lexicons
>>> result = counter.count(documents)               # doctest: +SKIP
>>> result.hits, result.counts, result.documents    # doctest: +SKIP

``hits`` has one row per hit with ``doc_id, kind, label, category, surface,
start, end, paragraph, sentence, quoted, entry, lexicon_row, token_start,
token_end``; ``text[start:end] == surface`` always holds, where ``text`` is
the document text as read.  ``counts`` is ``doc_id, kind, label, category, n``
and ``documents`` is ``doc_id, n_tokens, n_sentences, n_paragraphs`` plus
provenance columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .corpus import document_fingerprints
from .lexicon import Lexicon, load_actors, load_terms
from .match import Matcher
from .normalize import DEFAULT_FOLDING, Folding
from .quotes import Quotation, mark_quoted_speech, quotation_rows, quotations_frame
from .tokenize import TokenizedText, tokenize, tokens_frame

if TYPE_CHECKING:
    import pandas as pd

HIT_COLUMNS = (
    "doc_id", "kind", "label", "category", "surface", "start", "end", "paragraph", "sentence",
    "quoted", "entry", "lexicon_row", "token_start", "token_end",
)  # fmt: skip
COUNT_COLUMNS = ("doc_id", "kind", "label", "category", "n")
DOCUMENT_STAT_COLUMNS = ("doc_id", "n_tokens", "n_sentences", "n_paragraphs", "n_quotations", "n_quoted_tokens")
_STRING_HIT_COLUMNS = ("doc_id", "kind", "label", "category", "surface", "entry")


@dataclass
class DocumentAnalysis:
    """Everything found in one document."""

    doc_id: str
    tokens: TokenizedText
    quotations: list[Quotation]
    hits: list[tuple]

    @property
    def stats(self) -> tuple:
        """One row of the documents table (see :data:`DOCUMENT_STAT_COLUMNS`)."""
        return (
            self.doc_id, self.tokens.n_words, self.tokens.n_sentences, self.tokens.n_paragraphs,
            len(self.quotations), self.tokens.n_quoted_words,
        )  # fmt: skip


@dataclass
class CountResult:
    """The tables of one run.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per document: provenance (if read from files) and
        ``n_tokens`` (word tokens), ``n_sentences``, ``n_paragraphs``,
        ``n_quotations``, ``n_quoted_tokens`` (word tokens inside quoted speech).
    hits : pandas.DataFrame
        One row per hit (:data:`HIT_COLUMNS`).
    counts : pandas.DataFrame
        Hits per document, kind, label and category (:data:`COUNT_COLUMNS`).
    quotations : pandas.DataFrame
        Every quotation with its offsets and whether it is speech.
    tokens : pandas.DataFrame or None
        Every token, when asked for with ``keep_tokens=True``.
    """

    documents: pd.DataFrame
    hits: pd.DataFrame
    counts: pd.DataFrame
    quotations: pd.DataFrame
    tokens: pd.DataFrame | None = field(default=None)


def hits_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    """Build a hits table with stable dtypes from row tuples."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(HIT_COLUMNS))
    frame = frame.astype({c: "string" for c in _STRING_HIT_COLUMNS})
    return frame.astype({"quoted": bool, **{c: "int64" for c in HIT_COLUMNS if c not in _STRING_HIT_COLUMNS + ("quoted",)}})


def count_hits(hits: pd.DataFrame) -> pd.DataFrame:
    """Count hits per document, kind, label and category.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.

    Returns
    -------
    pandas.DataFrame
        :data:`COUNT_COLUMNS`, only combinations that occur; documents in the
        order of the hits table, then by kind, most frequent first.
    """
    keys = list(COUNT_COLUMNS[:-1])
    counts = hits.groupby(keys, dropna=False, sort=False).size().rename("n").reset_index()
    counts["n"] = counts["n"].astype("int64")
    document_order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(hits["doc_id"]))}
    counts["_order"] = counts["doc_id"].map(document_order)
    counts = counts.sort_values(["_order", "kind", "n", "label"], ascending=[True, True, False, True])
    return counts.drop(columns="_order").reset_index(drop=True)


class FramingCounter:
    """Tokenize documents, find quoted speech and match actors and loaded terms.

    Parameters
    ----------
    actors, terms : Lexicon, optional
        Loaded lexicons; the bundled ones by default.
    folding : Folding, optional
        Letter foldings; must be those the lexicons were loaded with.
    min_speech_words : int, optional
        A quotation of this many words or more counts as speech even without
        a speech verb (see :mod:`analysis.quotes`).
    """

    def __init__(
        self,
        actors: Lexicon | None = None,
        terms: Lexicon | None = None,
        *,
        folding: Folding = DEFAULT_FOLDING,
        min_speech_words: int = 4,
    ):
        self.actors = actors if actors is not None else load_actors(folding=folding)
        self.terms = terms if terms is not None else load_terms(folding=folding)
        self.folding = folding
        self.min_speech_words = min_speech_words
        self._matchers = (
            (self.actors, Matcher(self.actors.entries, enclitics=False)),
            (self.terms, Matcher(self.terms.entries, enclitics=True)),
        )
        # Compile the tokenizer now, so that forked worker processes inherit it compiled.
        tokenize("", folding=folding)

    def analyze_text(self, text: str, doc_id: str = "doc") -> DocumentAnalysis:
        """Tokenize one text, mark quoted speech and find every hit.

        Parameters
        ----------
        text : str
            The document text as read.
        doc_id : str
            Identifier written into each row.

        Returns
        -------
        DocumentAnalysis
        """
        tokens = tokenize(text, folding=self.folding)
        quotations = mark_quoted_speech(tokens, min_speech_words=self.min_speech_words)
        hits = []
        for lexicon, matcher in self._matchers:
            for match in matcher.find(tokens):
                entry = lexicon.entries[match.entry]
                start, end = tokens.start[match.start_token], tokens.end[match.last - 1]
                hits.append((
                    doc_id, entry.kind, entry.label, entry.category, text[start:end], start, end,
                    tokens.paragraph[match.first], tokens.sentence[match.first], tokens.quoted[match.first],
                    entry.written, entry.row, match.start_token, match.last,
                ))  # fmt: skip
        hits.sort(key=lambda row: (row[5], row[1]))
        return DocumentAnalysis(doc_id, tokens, quotations, hits)

    def count_partition(
        self, records: Iterable[tuple[str, str]], *, keep_tokens: bool = False, fingerprints: bool = False
    ) -> Partition:
        """Analyze ``(doc_id, text)`` records; the unit of work of every execution path.

        The pandas path, the process pool of :mod:`analysis.batch` and the
        Dask path all call this, so they find exactly the same hits.

        Parameters
        ----------
        records : iterable of (str, str)
            Document identifiers and texts.
        keep_tokens : bool, optional
            Also return each document's tokens table.
        fingerprints : bool, optional
            Also return each document's duplicate-detection keys
            (:func:`analysis.corpus.document_fingerprints`).

        Returns
        -------
        Partition
            Row tuples of hits (:data:`HIT_COLUMNS`), document statistics
            (:data:`DOCUMENT_STAT_COLUMNS`) and quotations.
        """
        partition = Partition()
        for doc_id, text in records:
            analysis = self.analyze_text(str(text), str(doc_id))
            partition.hits.extend(analysis.hits)
            partition.stats.append(analysis.stats)
            partition.quotations.extend(quotation_rows(analysis.tokens, analysis.quotations, str(doc_id)))
            if keep_tokens:
                partition.tokens.extend(analysis.tokens.rows(str(doc_id)))
            if fingerprints:
                # The fingerprint is defined on the default foldings; reuse the norms if they are those.
                norm_text = analysis.tokens.norm_text if self.folding == DEFAULT_FOLDING else None
                partition.fingerprints.append(document_fingerprints(analysis.tokens.text, norm_text))
        return partition

    def count(self, documents: pd.DataFrame, *, keep_tokens: bool = False) -> CountResult:
        """Analyze every document of a documents table.

        Parameters
        ----------
        documents : pandas.DataFrame
            With columns ``doc_id`` and ``text`` (from
            :func:`analysis.ingest.read_documents`,
            :func:`analysis.corpus.read_corpus` or
            :func:`analysis.ingest.documents_from_texts`).
        keep_tokens : bool, optional
            Also return the tokens table (large for a corpus).

        Returns
        -------
        CountResult
        """
        missing = {"doc_id", "text"} - set(documents.columns)
        if missing:
            raise ValueError(f"documents table lacks column(s) {sorted(missing)}")
        partition = self.count_partition(zip(documents["doc_id"], documents["text"]), keep_tokens=keep_tokens)
        return partition.result(documents, keep_tokens=keep_tokens)


@dataclass
class Partition:
    """Rows found in a batch of documents, before they become tables."""

    hits: list[tuple] = field(default_factory=list)
    stats: list[tuple] = field(default_factory=list)
    quotations: list[tuple] = field(default_factory=list)
    tokens: list[tuple] = field(default_factory=list)
    fingerprints: list[tuple[bytes, bytes]] = field(default_factory=list)

    def without(self, doc_ids: set[str]) -> Partition:
        """The rows of every document but ``doc_ids``."""
        def keep(rows: list[tuple]) -> list[tuple]:
            return [row for row in rows if row[0] not in doc_ids]

        kept = [i for i, row in enumerate(self.stats) if row[0] not in doc_ids]
        return Partition(
            keep(self.hits), [self.stats[i] for i in kept], keep(self.quotations), keep(self.tokens),
            [self.fingerprints[i] for i in kept] if self.fingerprints else [],
        )  # fmt: skip

    def result(self, documents: pd.DataFrame, *, keep_tokens: bool = False) -> CountResult:
        """Turn the rows into the tables of a :class:`CountResult`.

        Parameters
        ----------
        documents : pandas.DataFrame
            The documents these rows came from (metadata is kept, ``text``
            dropped).
        """
        import pandas as pd

        hits = hits_frame(self.hits)
        stats = pd.DataFrame(self.stats, columns=list(DOCUMENT_STAT_COLUMNS)).astype({"doc_id": "string"})
        documents_table = documents.drop(columns=["text"]).merge(stats, on="doc_id", how="left", validate="1:1")
        tokens = tokens_frame(self.tokens) if keep_tokens else None
        return CountResult(documents_table, hits, count_hits(hits), quotations_frame(self.quotations), tokens)

"""From documents to the hits, counts and documents tables (the Python API).

>>> from analysis.pipeline import FramingCounter
>>> counter = FramingCounter()                      # the bundled lexicons
>>> result = counter.count(documents)               # doctest: +SKIP
>>> result.hits, result.counts, result.documents    # doctest: +SKIP

``hits`` has one row per hit with ``doc_id, kind, label, category, surface,
start, end, paragraph, sentence, quoted, entry, lexicon_row, token_start,
token_end, negated``; ``text[start:end] == surface`` always holds, where ``text`` is
the document text as read.  ``counts`` is ``doc_id, kind, label, category, n``
and ``documents`` is ``doc_id, n_words, n_sentences, n_paragraphs`` plus
provenance columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, field
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import windows
from .corpus.duplicates import document_fingerprints
from .errors import FramingInputError, check_document
from .lexicon import SCHEMAS, Entry, Lexicon, load_actors, load_ignore, load_terms, name_head_types, with_name_heads
from .match import EXCLUSION_CLITICS, Blocked, Match, Matcher
from .negation import is_negated
from .normalize import DEFAULT_FOLDING, Folding
from .quotes import Quotation, mark_quoted_speech, quotation_rows, quotations_frame
from .spill import SpilledRows
from .tables import BLOCKED, COUNTS, DOCUMENT_STATS, HITS, BlockedRow, DocumentStatsRow, HitRow, require_columns
from .tokenize import TokenizedText, compile_tokenizer, tokenize, tokens_frame

if TYPE_CHECKING:
    import pandas as pd

    from .learn.counting import ModelRef, Shared
    from .learn.model import Tagger

HIT_COLUMNS = HITS.names
COUNT_COLUMNS = COUNTS.names
DOCUMENT_STAT_COLUMNS = DOCUMENT_STATS.names


@dataclass
class DocumentAnalysis:
    """Everything found in one document."""

    doc_id: str
    tokens: TokenizedText
    quotations: list[Quotation]
    hits: list[HitRow]
    model_expected: float | None = None

    @property
    def stats(self) -> DocumentStatsRow:
        """One row of the document statistics (:data:`analysis.tables.DOCUMENT_STATS`)."""
        return DocumentStatsRow(
            doc_id=self.doc_id,
            n_words=self.tokens.n_words,
            n_sentences=self.tokens.n_sentences,
            n_paragraphs=self.tokens.n_paragraphs,
            n_quotations=len(self.quotations),
            n_quoted_words=self.tokens.n_quoted_words,
            model_expected=self.model_expected,
        )


@dataclass
class CountResult:
    """The tables of one run.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per document: provenance (if read from files) and
        ``n_words`` (word tokens), ``n_sentences``, ``n_paragraphs``,
        ``n_quotations``, ``n_quoted_words`` (word tokens inside quoted speech).
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


def _sorted_hits(analysis: DocumentAnalysis) -> DocumentAnalysis:
    """The analysis with its hits in text order, dictionary and model hits alike (a stable sort)."""
    analysis.hits.sort(key=lambda hit: (hit.start, hit.kind))
    return analysis


def hit_row(doc_id: str, tokens: TokenizedText, entry: Entry, match: Match) -> HitRow:
    """The hits-table row of one match: the one place hit rows are built.

    Offsets come from the tokens, which were found in the original text, so
    ``surface == text[start:end]``; the voice is that of the first token;
    ``negated`` is :func:`analysis.negation.is_negated` of the first token.
    """
    # Positional, in the order of HITS' columns: this runs once per hit of a corpus.
    return HitRow(
        *_located(doc_id, tokens, entry, match.start_token, match.first, match.last),
        tokens.quoted[match.first], entry.written, entry.row, match.start_token, match.last,
        is_negated(tokens, match.start_token),
    )  # fmt: skip


#: ``doc_id, kind, label, category, surface, start, end, paragraph, sentence``.
Located = tuple[str, str, str, str, str, int, int, int, int]


def _located(doc_id: str, tokens: TokenizedText, entry: Entry, start_token: int, first: int, last: int) -> Located:
    """The columns hit and blocked-candidate rows share, in their order: who, where, which sentence.

    ``doc_id, kind, label, category, surface, start, end, paragraph, sentence``;
    ``start_token`` is where the surface begins (a glued clitic token may precede
    the entry's ``first`` word); paragraph and sentence are those of ``first``.
    """
    start, end = tokens.start[start_token], tokens.end[last - 1]
    return (
        doc_id, entry.kind, entry.label, entry.category, tokens.text[start:end], start, end,
        tokens.paragraph[first], tokens.sentence[first],
    )  # fmt: skip


def blocked_row(doc_id: str, tokens: TokenizedText, entry: Entry, blocked: Blocked) -> BlockedRow:
    """The audit row of a candidate that a rule blocked (:data:`analysis.tables.BLOCKED`)."""
    return BlockedRow(
        *_located(doc_id, tokens, entry, blocked.first, blocked.first, blocked.last),
        entry.written, entry.row, blocked.rule, blocked.detail,
    )  # fmt: skip


def hits_frame(rows: Iterable[tuple], *, model: bool = False) -> pd.DataFrame:
    """Build a hits table (:data:`analysis.tables.HITS`) with stable dtypes from rows.

    Without ``model`` the ``score`` column is left out (a dictionary-only table).
    """
    frame = HITS.frame(rows)
    return frame if model else frame.drop(columns="score")


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
    counts = COUNTS.cast(hits.groupby(keys, dropna=False, sort=False).size().rename("n").reset_index())
    document_order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(hits["doc_id"]))}
    counts["_order"] = counts["doc_id"].map(document_order)
    counts = counts.sort_values(["_order", "kind", "n", "label"], ascending=[True, True, False, True])
    return counts.drop(columns="_order").reset_index(drop=True)


@dataclass(frozen=True)
class CounterSettings:
    """Everything that decides what a :class:`FramingCounter` finds: a value.

    Worker processes and Dask tasks receive this record and rebuild the
    counter from it, so every execution path counts with exactly the
    configured lexicons, ignore list, foldings and speech threshold.
    """

    actors: Lexicon
    terms: Lexicon
    folding: Folding = DEFAULT_FOLDING
    min_speech_words: int = 4
    ignore: Lexicon | None = None
    model: ModelRef | None = None
    exclusion_clitics: str = "all"

    def key(self) -> tuple:
        """A hashable key equal for equal settings (lexicon content, not identity)."""
        return (
            self.actors.kind,
            tuple(self.actors.entries),
            self.terms.kind,
            tuple(self.terms.entries),
            astuple(self.folding),
            self.min_speech_words,
            tuple(self.ignore.entries) if self.ignore else (),
            self.model,
            self.exclusion_clitics,
        )

    def ignored(self, kind: str) -> list[Entry]:
        """The ignore-list phrases that apply to ``kind`` (``actor`` or ``term``); name heads are not phrases."""
        if self.ignore is None:
            return []
        heads = name_head_types(self.ignore)
        return [e for e in self.ignore.entries if e.category in (kind, "both") and e.row not in heads]

    def entries(self, lexicon: Lexicon) -> list[Entry]:
        """What the matcher of ``lexicon`` looks for: its entries, an actor's with the ignore list's name heads."""
        return with_name_heads(lexicon.entries, self.ignore) if lexicon.kind == "actor" else list(lexicon.entries)


def check_documents_table(documents: object) -> None:
    """Refuse what :meth:`FramingCounter.count` cannot count exactly: not a table, or an id given twice.

    Parameters
    ----------
    documents : object
        What the caller passed.

    Raises
    ------
    FramingInputError
        Naming ``documents`` (a Python value, not a file) and, for a repeated
        id, the two rows (the row numbers of the table, starting at 1).
    """
    import pandas as pd  # here: a worker imports this module without pandas

    if isinstance(getattr(documents, "documents", None), pd.DataFrame):
        raise FramingInputError("documents", (
            f"is a {type(documents).__name__} (what read_corpus returns), not a table: pass its .documents, "
            "for example counter.count(corpus.documents), and look at corpus.report for what was skipped."
        ))  # fmt: skip
    if not isinstance(documents, pd.DataFrame):
        raise FramingInputError("documents", (
            f"is a {type(documents).__name__}, not a table: give a pandas DataFrame with doc_id and text columns "
            "(analysis.ingest.documents_from_texts(texts) makes one from a list of texts)."
        ))  # fmt: skip
    require_columns(documents.columns, ("doc_id", "text"), "documents")
    repeated = documents["doc_id"].duplicated(keep=False).to_numpy()
    if repeated.any():
        first, second = repeated.nonzero()[0][:2]
        raise FramingInputError("documents", (
            f"has doc_id {documents['doc_id'].iloc[first]!r} on rows {first + 1} and {second + 1}: each document "
            "needs its own id (its hits are joined to it by id)."
        ))  # fmt: skip


def check_lexicon_argument(name: str, value: object) -> None:
    """Refuse a lexicon argument of :class:`FramingCounter` that is not a loaded lexicon of its kind.

    A file name given where a :class:`~analysis.lexicon.Lexicon` belongs
    otherwise failed at the first count with ``'str' object has no attribute
    'entries'``, and a lexicon of the other kind counted terms as actors.

    Parameters
    ----------
    name : {"actors", "terms", "ignore"}
        The argument.
    value : object
        What the caller passed (``None`` is checked by the caller).

    Raises
    ------
    TypeError
        ``value`` is not a Lexicon (a path, a table): says what was given and
        which loader reads a file into one.
    ValueError
        ``value`` is a Lexicon of another kind.

    Examples
    --------
    >>> check_lexicon_argument("terms", "my_terms.csv")
    Traceback (most recent call last):
    ...
    TypeError: FramingCounter(terms=...) was given the file name 'my_terms.csv', not a Lexicon: load the file first, FramingCounter(terms=load_terms('my_terms.csv')) (from analysis.lexicon import load_terms).
    """
    # FramingCounter's argument names are the lexicons' names in framing.toml, so the schema gives the kind and loader.
    kind, loader = SCHEMAS[name].kind, f"load_{name}"
    if not isinstance(value, Lexicon):
        named = isinstance(value, (str, Path))
        given = f"the file name {str(value)!r}" if named else f"an object of type {type(value).__name__}"
        example = repr(str(value)) if named else "path"
        raise TypeError(
            f"FramingCounter({name}=...) was given {given}, not a Lexicon: load the file first, "
            f"FramingCounter({name}={loader}({example})) (from analysis.lexicon import {loader})."
        )
    if value.kind != kind:
        raise ValueError(
            f"FramingCounter({name}=...) was given a lexicon of kind {value.kind!r} ({value.origin or 'no file'}), "
            f"not {kind!r}: load its file with {loader}(path)."
        )


class FramingCounter:
    """Tokenize documents, find quoted speech and match actors and loaded terms.

    The counter is its :class:`CounterSettings`: ``__init__`` only resolves
    the defaults and stores them; the matchers are compiled on first use, and
    a pickled counter carries only its settings (a worker rebuilds the rest).

    Parameters
    ----------
    actors, terms : Lexicon, optional
        Loaded lexicons (:func:`analysis.lexicon.load_actors`,
        :func:`analysis.lexicon.load_terms`); the bundled ones by default.
    folding : Folding, optional
        Letter foldings; must be those the lexicons were loaded with.
    min_speech_words : int, optional
        A quotation of this many words or more counts as speech even without
        a speech verb (see :mod:`analysis.quotes`).
    ignore : Lexicon or None, optional
        The ignore list (:func:`analysis.lexicon.load_ignore`): phrases that
        cancel any entry they contain (باريس سان جيرمان).  The bundled
        ``data/lexicons/ignore.csv`` by default (``"bundled"``); ``None`` for none.
    model : str, Path or None, optional
        A learned tagger (:mod:`analysis.learn`) that adds its spans as hits of
        kind ``model`` with a ``score``, and ``model_expected`` to each document:
        ``"default"`` for the shipped one, or a ``.skops`` file from ``framing
        train``.  Loaded (and checked) here; workers load it once each.
    exclusion_clitics : {"all", "conjunctions"}, optional
        Which attached clitics on an entry word stop an exclusion phrase in
        which the entry is not the first word (``الشركة السعودية`` does not
        cancel ``الشركة بالسعودية``): و ف ب ك ل (``all``), or only و ف, the
        matcher before 2026-12-02b, kept for the shipped default tagger, whose
        dictionary features were computed with it (that matcher also counts an
        actor alias written with tanwin, «روسياً», which ``all`` blocks).

    Raises
    ------
    TypeError
        A lexicon argument that is not a Lexicon (a file name: load it with
        ``load_actors``, ``load_terms`` or ``load_ignore``).
    ValueError
        A lexicon of the wrong kind, or an unknown ``exclusion_clitics``.
    """

    def __init__(
        self,
        actors: Lexicon | None = None,
        terms: Lexicon | None = None,
        *,
        folding: Folding = DEFAULT_FOLDING,
        min_speech_words: int = 4,
        ignore: Lexicon | None | str = "bundled",
        model: str | Path | ModelRef | None = None,
        exclusion_clitics: str = "all",
    ):
        if exclusion_clitics not in EXCLUSION_CLITICS:
            raise ValueError(f"exclusion_clitics must be one of {EXCLUSION_CLITICS}, not {exclusion_clitics!r}")
        for name, value in (("actors", actors), ("terms", terms), ("ignore", ignore)):
            # "bundled" is the ignore list's default, not a file name: any other string is refused.
            if value is not None and not (name == "ignore" and value == "bundled"):
                check_lexicon_argument(name, value)
        self.settings = CounterSettings(
            actors if actors is not None else load_actors(folding=folding),
            terms if terms is not None else load_terms(folding=folding),
            folding,
            min_speech_words,
            load_ignore(folding=folding) if isinstance(ignore, str) else ignore,
            _resolve_model(model),
            exclusion_clitics,
        )
        self._compiled: tuple | None = None
        self._first_forms: frozenset[str] | None = None
        self._tagger: tuple[Tagger, Shared] | None = None
        if self.settings.model is not None:
            self.tagger  # noqa: B018 - load now: a bad model file stops the run before anything is read

    @classmethod
    def from_settings(cls, settings: CounterSettings) -> FramingCounter:
        """The counter these settings describe."""
        return cls(
            settings.actors,
            settings.terms,
            folding=settings.folding,
            min_speech_words=settings.min_speech_words,
            ignore=settings.ignore,
            model=settings.model,
            exclusion_clitics=settings.exclusion_clitics,
        )

    def get_params(self) -> dict[str, Any]:
        """The constructor's arguments (scikit-learn style): ``FramingCounter(**get_params())`` is equal."""
        return {
            "actors": self.actors,
            "terms": self.terms,
            "folding": self.folding,
            "min_speech_words": self.min_speech_words,
            "ignore": self.settings.ignore,
            "model": self.settings.model,
            "exclusion_clitics": self.settings.exclusion_clitics,
        }

    actors = property(lambda self: self.settings.actors, doc="The actor lexicon.")
    terms = property(lambda self: self.settings.terms, doc="The loaded-term lexicon.")
    folding = property(lambda self: self.settings.folding, doc="The letter foldings.")
    min_speech_words = property(lambda self: self.settings.min_speech_words, doc="Words that make a quotation speech.")

    def __getstate__(self) -> dict:
        return {"settings": self.settings}

    def __setstate__(self, state: dict) -> None:
        self.settings = state["settings"]
        self._compiled = None
        self._first_forms = None
        self._tagger = None

    def __repr__(self) -> str:
        s = self.settings
        return (
            f"FramingCounter(actors=<{len(s.actors.entries)} entries>, terms=<{len(s.terms.entries)} entries>, "
            f"folding={s.folding!r}, min_speech_words={s.min_speech_words})"
        )

    def compile(self) -> FramingCounter:
        """Compile the matchers now (before forking workers, so that they inherit them)."""
        if self._compiled is None:
            self._compiled = tuple(
                (
                    lexicon,
                    Matcher(
                        self.settings.entries(lexicon),
                        ignore=self.settings.ignored(lexicon.kind),
                        exclusion_clitics=self.settings.exclusion_clitics,
                    ),
                )
                for lexicon in (self.actors, self.terms)
            )
            # Every matcher's first-word spellings in one set: each token is looked up once, not once
            # per matcher (None if a matcher's compact index lists no spellings).
            forms = [matcher.first_forms for _, matcher in self._compiled]
            self._first_forms = None if None in forms else frozenset().union(*filter(None, forms))
            compile_tokenizer(self.folding)
        if self.settings.model is not None:
            self.tagger  # noqa: B018 - forked workers inherit the loaded model
        return self

    @property
    def tagger(self) -> Tagger | None:
        """The learned tagger of ``model`` (loaded on first use), or None."""
        if self.settings.model is None:
            return None
        if self._tagger is None:
            from .learn.counting import load_model, shared_analysis

            tagger = load_model(self.settings.model)
            self._tagger = (tagger, shared_analysis(self.settings, tagger))
        return self._tagger[0]

    @property
    def matchers(self) -> tuple:
        """The compiled ``(lexicon, Matcher)`` pairs, actors first."""
        return self.compile()._compiled or ()

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
        return self.analyze_tokens(*self._tokenized(text), doc_id)

    def _tokenized(self, text: str) -> tuple[TokenizedText, list[Quotation]]:
        """The text's tokens, with its quoted speech marked, and the quotations (this counter's settings)."""
        tokens = tokenize(text, folding=self.folding)
        return tokens, mark_quoted_speech(tokens, min_speech_words=self.min_speech_words)

    def analyze_tokens(
        self, tokens: TokenizedText, quotations: list[Quotation], doc_id: str = "doc"
    ) -> DocumentAnalysis:
        """:meth:`analyze_text` of a text already tokenized and with its quoted speech marked.

        A counter with other lexicons but the same foldings and speech threshold reuses
        another's tokens (the tagger's frozen lexicons in ``framing count --model``).

        Parameters
        ----------
        tokens : TokenizedText
            From :func:`analysis.tokenize.tokenize` with this counter's foldings, marked by
            :func:`analysis.quotes.mark_quoted_speech` with its ``min_speech_words``.
        quotations : list of Quotation
            What marking returned.
        doc_id : str
            Identifier written into each row.

        Returns
        -------
        DocumentAnalysis
        """
        analysis = self._dictionary_analysis(tokens, quotations, doc_id)
        if self.settings.model is not None:
            self._add_model_hits(analysis)
        return _sorted_hits(analysis)

    def _dictionary_analysis(self, tokens: TokenizedText, quotations: list[Quotation], doc_id: str) -> DocumentAnalysis:
        """The analysis with the dictionary's hits only, in the matchers' order (not yet sorted)."""
        hits = []
        matchers = self._compiled or self.matchers
        may_start = self._may_start(tokens)
        for _lexicon, matcher in matchers:
            for match in matcher.find(tokens, may_start=may_start):
                hits.append(hit_row(doc_id, tokens, matcher.entries[match.entry], match))
        return DocumentAnalysis(doc_id, tokens, quotations, hits)

    def _model_analyses(self, records: Iterable[tuple[str, str]]) -> Iterator[DocumentAnalysis]:
        """:meth:`analyze_text` of every record, the model tagging them in batches (the same hits and
        ``model_expected``; the tagger's cost per array operation is paid once per batch)."""
        from .learn.counting import model_hits_many

        assert self.settings.model is not None and self.tagger is not None and self._tagger is not None

        def dictionary() -> Iterator[DocumentAnalysis]:
            for position, (doc_id, text) in enumerate(records, start=1):
                check_document(doc_id, text, position)
                yield self._dictionary_analysis(*self._tokenized(str(text)), str(doc_id))

        tagged = model_hits_many(self.tagger, dictionary(), shared=self._tagger[1], name=self.settings.model.name)
        for analysis, rows, expected in tagged:
            analysis.hits.extend(rows)
            analysis.model_expected = expected
            yield _sorted_hits(analysis)

    def _may_start(self, tokens: TokenizedText) -> list[int] | None:
        """The tokens whose norm is a first-word spelling of some matcher (about 1 in 25): one pass for all."""
        if self._first_forms is None:
            return None
        return list(compress(range(len(tokens.norm)), map(self._first_forms.__contains__, tokens.norm)))

    def _add_model_hits(self, analysis: DocumentAnalysis) -> None:
        """Add the tagger's spans to the hits and its ``model_expected`` to the document."""
        from .learn.counting import model_hits

        assert self.settings.model is not None and self.tagger is not None and self._tagger is not None
        rows, analysis.model_expected = model_hits(
            self.tagger, analysis, shared=self._tagger[1], name=self.settings.model.name
        )
        analysis.hits.extend(rows)

    def blocked(self, text: str, doc_id: str = "doc") -> pd.DataFrame:
        """The candidates in ``text`` that a lexicon rule kept from counting, with the rule: the audit.

        A researcher sees why a nearby word did not count: a prefix its
        ``clitics`` rule does not allow (كسرت for سرت), an ``exclude`` phrase
        (صلاة المغرب), a missing ``context`` cue, or the ignore list.

        Parameters
        ----------
        text : str
            The document text as read.
        doc_id : str
            Identifier written into each row.

        Returns
        -------
        pandas.DataFrame
            :data:`analysis.tables.BLOCKED`, in text order.

        Examples
        --------
        >>> FramingCounter().blocked("فاز باريس سان جيرمان")[["entry", "rule"]].values.tolist()
        [['باريس', 'ignore']]
        """
        tokens = tokenize(text, folding=self.folding)
        rows: list[BlockedRow] = []
        for _lexicon, matcher in self.matchers:
            found: list[Blocked] = []
            matcher.find(tokens, blocked=found)
            rows.extend(blocked_row(doc_id, tokens, matcher.entries[b.entry], b) for b in found)
        rows.sort(key=lambda row: (row.start, row.kind))
        return BLOCKED.frame(rows)

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
        if self.settings.model is not None:  # never in windows: the model reads the whole document
            for analysis in self._model_analyses(records):
                self._add_to(partition, analysis, keep_tokens=keep_tokens, fingerprints=fingerprints)
            return partition
        for position, (doc_id, text) in enumerate(records, start=1):
            check_document(doc_id, text, position)  # never counted as the spelling of None, NaN or bytes
            if len(text) > windows.WINDOW_CHARS:
                # A huge document, in windows of whole paragraphs (analysis.windows): the same rows, bounded memory.
                windows.count_windowed(
                    self, str(doc_id), str(text), partition, keep_tokens=keep_tokens, fingerprints=fingerprints,
                    size=windows.WINDOW_CHARS,
                )  # fmt: skip
                continue
            self._add_to(partition, self.analyze_text(str(text), str(doc_id)), keep_tokens=keep_tokens,
                         fingerprints=fingerprints)  # fmt: skip
        return partition

    def _add_to(
        self, partition: Partition, analysis: DocumentAnalysis, *, keep_tokens: bool, fingerprints: bool
    ) -> None:
        """Add a document's rows to a partition (see :meth:`count_partition`)."""
        doc_id = analysis.doc_id
        partition.hits.extend(analysis.hits)
        partition.stats.append(analysis.stats)
        partition.quotations.extend(quotation_rows(analysis.tokens, analysis.quotations, doc_id))
        if keep_tokens:
            partition.tokens.extend(analysis.tokens.rows(doc_id))
        if fingerprints:
            # The fingerprint is defined on the default foldings; reuse the norms if they are those.
            norm_text = analysis.tokens.norm_text if self.folding == DEFAULT_FOLDING else None
            partition.fingerprints.append(document_fingerprints(analysis.tokens.text, norm_text))

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
        check_documents_table(documents)
        partition = self.count_partition(zip(documents["doc_id"], documents["text"]), keep_tokens=keep_tokens)
        return partition.result(documents, keep_tokens=keep_tokens, model=self.settings.model is not None)


@dataclass
class Partition:
    """Rows found in a batch of documents, before they become tables."""

    hits: list[HitRow] = field(default_factory=list)
    stats: list[DocumentStatsRow] = field(default_factory=list)
    quotations: list[tuple] = field(default_factory=list)
    tokens: list[tuple] = field(default_factory=list)
    fingerprints: list[tuple[bytes, bytes]] = field(default_factory=list)

    def without(self, doc_ids: set[str]) -> Partition:
        """The rows of every document but ``doc_ids``."""

        def keep(rows: list) -> list:
            kept = (row for row in rows if row.doc_id not in doc_ids)
            # The rows of a huge document stay on disk (analysis.windows).
            return SpilledRows(kept) if isinstance(rows, SpilledRows) else list(kept)

        kept = [i for i, row in enumerate(self.stats) if row.doc_id not in doc_ids]
        return Partition(
            keep(self.hits), [self.stats[i] for i in kept], keep(self.quotations), keep(self.tokens),
            [self.fingerprints[i] for i in kept] if self.fingerprints else [],
        )  # fmt: skip

    def result(self, documents: pd.DataFrame, *, keep_tokens: bool = False, model: bool = False) -> CountResult:
        """Turn the rows into the tables of a :class:`CountResult`.

        Parameters
        ----------
        documents : pandas.DataFrame
            The documents these rows came from (metadata is kept, ``text``
            dropped).
        keep_tokens : bool, optional
            Also build the tokens table.
        model : bool, optional
            A model tagged the documents: keep the :data:`~analysis.tables.MODEL_COLUMNS`.
        """
        hits = hits_frame(self.hits, model=model)
        stats = DOCUMENT_STATS.frame(self.stats)[list(DOCUMENT_STATS.written(model))]
        documents_table = documents.drop(columns=["text"]).merge(stats, on="doc_id", how="left", validate="1:1")
        tokens = tokens_frame(self.tokens) if keep_tokens else None
        return CountResult(documents_table, hits, count_hits(hits), quotations_frame(self.quotations), tokens)


def _resolve_model(model: str | Path | ModelRef | None) -> ModelRef | None:
    """The model setting as a :class:`~analysis.learn.counting.ModelRef` (None for none)."""
    if model is None:
        return None
    from .learn.counting import resolve_model

    return resolve_model(model)

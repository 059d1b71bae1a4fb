"""Count a corpus of any size: streamed, in parallel, written as it goes.

Documents flow from :class:`analysis.corpus.CorpusReader` in chunks to worker
processes (each gets the :class:`~analysis.pipeline.FramingCounter` once, when
it starts), and the rows that come back are appended to staged output files;
at most :data:`IN_FLIGHT_PER_WORKER` chunks per worker are in flight, and the
counter learns nothing while counting, so memory stays flat however large the
corpus.  Results come back in input order, so the output is identical for any
number of workers.  Duplicates are decided in that order too, from the
fingerprints the workers compute while tokenizing (the reader then reports
them where they were read).  Outputs are moved into place only when the whole
run succeeded (see :mod:`analysis.output`).

The same unit of work, :meth:`FramingCounter.count_partition`, also runs on
Dask (:func:`hits_on_dask`).
"""

from __future__ import annotations

import csv
import gc
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cells import category_cells, lexicon_cells
from .corpus import CorpusReader, CorpusRun
from .corpus.columns import ROLES
from .corpus.reader import unreadable_records
from .errors import SKIP_BAD_HINT, FramingInputError, check_document
from .export import FORMATS, convert_staged
from .limits import DEFAULT_MAX_DOCUMENT_MB, within_size_limit
from .measures import MISSING_GROUP, GroupTotals, group_value
from .outdir import check_input_paths, die_with_parent, output_run, stop_workers
from .output import atomic_file
from .pipeline import CountResult, FramingCounter, Partition
from .provenance import MANIFEST_FILE, commit_outputs, count_manifest, model_definitions, stage_manifest
from .scores import ScoreSheet, check_actors
from .tables import COUNTS, DOCUMENTS, HITS, METADATA_NAMES, QUOTATIONS, REPORT, SCORES, TOKENS, CountRow, ReportRow

if TYPE_CHECKING:
    import pandas as pd


#: Chunks queued per worker: enough that workers never wait while this process
#: reads and writes, few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 8

_worker_counter: FramingCounter | None = None


def _start_worker(counter: FramingCounter) -> None:
    # Forked workers inherit the parent's counter as is; others unpickle it once.
    global _worker_counter
    _worker_counter = counter
    # The parent stops the workers: a Ctrl-C sent to the whole process group is its to
    # handle, and a forked worker must not inherit the parent's SIGTERM handler.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    # Inherited objects are shared with the parent until written; the collector
    # would write to every one of them, so it is told to leave them alone.
    gc.freeze()


def _count_in_worker(records: list[tuple[str, str | bytes]], keep_tokens: bool, fingerprints: bool) -> Partition:
    assert _worker_counter is not None, "worker not initialised"
    texts = ((doc_id, _unpacked(text)) for doc_id, text in records)
    return _worker_counter.count_partition(texts, keep_tokens=keep_tokens, fingerprints=fingerprints)


def _packed(text: str) -> str | bytes:
    # Texts cross to the workers as UTF-16: for Arabic (held as 2-byte strings) that
    # is nearly a copy, four times cheaper than the UTF-8 that pickling a str costs.
    # A lone surrogate (a JSON escape can make one) cannot be encoded; it goes as is.
    try:
        return text.encode("utf-16-le")
    except UnicodeEncodeError:
        return text


def _unpacked(text: str | bytes) -> str:
    return text.decode("utf-16-le") if isinstance(text, bytes) else text


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of ``size`` items (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"chunk size must be 1 or more, got {size}")
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def count_chunks(
    chunks: Iterable[list[dict]],
    counter: FramingCounter,
    *,
    workers: int = 1,
    keep_tokens: bool = False,
    fingerprints: bool = False,
) -> Generator[tuple[list[dict], Partition], None, None]:
    """Count chunks of documents, in this process or in ``workers`` processes.

    Parameters
    ----------
    chunks : iterable of list of dict
        Documents (dicts with at least ``doc_id`` and ``text``).
    counter : FramingCounter
        Sent once to every worker.
    workers : int, optional
        Worker processes; 1 counts in this process.
    keep_tokens : bool, optional
        Also return the tokens (as rows).
    fingerprints : bool, optional
        Also return the documents' duplicate-detection keys.

    Yields
    ------
    tuple
        Each chunk with its :class:`~analysis.pipeline.Partition`, in input
        order.
    """
    if workers <= 1:
        for chunk in chunks:
            records = ((d["doc_id"], d["text"]) for d in chunk)
            yield chunk, counter.count_partition(records, keep_tokens=keep_tokens, fingerprints=fingerprints)
        return
    # No more workers than CPUs, nor than chunks: a short corpus does not fork idle processes.
    iterator = iter(chunks)
    first = list(islice(iterator, min(workers, default_workers())))
    workers = len(first)
    if workers <= 1:
        yield from count_chunks(
            first + list(iterator), counter, workers=1, keep_tokens=keep_tokens, fingerprints=fingerprints
        )
        return
    in_flight: deque[tuple[list[dict], Future]] = deque()
    counter.compile()  # forked workers inherit the compiled matchers; others rebuild them from the settings
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(counter,))
    try:
        for chunk in chain(first, iterator):
            packed = [(d["doc_id"], _packed(d["text"])) for d in chunk]
            in_flight.append((chunk, pool.submit(_count_in_worker, packed, keep_tokens, fingerprints)))
            if len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                done, future = in_flight.popleft()
                yield done, future.result()
        while in_flight:
            done, future = in_flight.popleft()
            yield done, future.result()
    except BaseException:  # an error, an interrupt, or the consumer closing this generator
        stop_workers(pool)
        raise
    pool.shutdown()


def count_documents(
    documents: pd.DataFrame,
    counter: FramingCounter,
    *,
    workers: int | None = None,
    chunk_size: int = 64,
    progress: bool = False,
) -> CountResult:
    """Count a documents table in parallel, with an optional progress bar.

    The in-memory counterpart of :func:`count_corpus`: the same chunks and
    workers, the same result as ``counter.count(documents)``.

    Parameters
    ----------
    documents : pandas.DataFrame
        With ``doc_id`` and ``text`` (e.g. ``read_corpus(...).documents``).
    counter : FramingCounter
        The lexicons to count.
    workers : int, optional
        Worker processes; the available CPUs by default.
    chunk_size : int, optional
        Documents per unit of work.
    progress : bool, optional
        Show a tqdm progress bar (a widget in Jupyter).

    Returns
    -------
    CountResult
    """
    records = [{"doc_id": d, "text": t} for d, t in zip(documents["doc_id"], documents["text"])]
    for position, record in enumerate(records, start=1):  # before any work: never counted as "None" or "nan"
        check_document(record["doc_id"], record["text"], position)
    whole = Partition()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(records), unit=" docs", desc="counting")
    try:
        for chunk, partition in count_chunks(
            chunked(records, chunk_size), counter, workers=workers or default_workers()
        ):
            whole.hits.extend(partition.hits)
            whole.stats.extend(partition.stats)
            whole.quotations.extend(partition.quotations)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    return whole.result(documents, model=counter.settings.model is not None)


class _CsvSink:
    """A CSV file in the run's staging folder that rows are appended to; published by :func:`commit_outputs`."""

    def __init__(self, target: Path, header: Sequence[str], staging: Path, *, trim: bool = False):
        self.target = target
        # Rows may carry the model columns (always last) that a run without a model does not write.
        self._width = len(header) if trim else None
        self.staged = staging / target.name
        self.header = list(header)
        self._stream = open(self.staged, "x", encoding="utf-8", newline="")
        self._writer = csv.writer(self._stream, lineterminator="\n")
        self._writer.writerow(header)
        self.rows = 0  # data rows written, for the manifest

    def write(self, rows: Iterable[Sequence]) -> None:
        rows = rows if isinstance(rows, list) else list(rows)
        self.rows += len(rows)
        width = self._width
        self._writer.writerows(rows if width is None else (row[:width] for row in rows))

    def close(self) -> None:
        self._stream.close()


@dataclass
class RunSummary:
    """What a run read, counted and skipped."""

    n_documents: int = 0
    n_words: int = 0
    #: The article ids seen, when an article column groups records (empty otherwise).
    articles: set[str] = field(default_factory=set)
    n_hits: Counter = field(default_factory=Counter)
    report_rows: list[tuple] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def report(self) -> pd.DataFrame:
        """The report (``skipped.csv``) as a DataFrame."""
        return REPORT.frame(self.report_rows)


def count_corpus(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    counter: FramingCounter,
    reader: CorpusReader | None = None,
    workers: int = 1,
    chunk_size: int = 128,
    group_by: Sequence[str] = (),
    skip_bad: bool = False,
    keep_tokens: bool = False,
    progress: Callable[[int], None] | None = None,
    provenance: Mapping[str, Any] | None = None,
    score_actors: Sequence[str] = (),
    score_window: int | None = None,
    format: str = "csv",
    bom: bool = False,
    max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB,
) -> RunSummary:
    """Stream a corpus through the counter and write the result tables.

    Writes ``hits.csv``, ``counts.csv``, ``documents.csv``, ``scores.csv``
    (:mod:`analysis.scores`), ``quotations.csv`` and ``skipped.csv`` (the
    report) into ``out_dir``,
    and with ``group_by`` also ``groups.csv`` (per label) and
    ``group_categories.csv`` (per term category), and ``manifest.json``
    (:mod:`analysis.provenance`: version, parameters, SHA-256 of the inputs
    and lexicons, rows of each table).  All are staged in a hidden folder
    inside ``out_dir`` and published at the end, the manifest last, or none
    is (:mod:`analysis.outdir`: the folder is locked against a second run,
    and what a killed run left is cleaned up by the next).

    Parameters
    ----------
    paths : iterable of str or Path
        Corpus files and folders (see :mod:`analysis.corpus`).
    out_dir : str or Path
        Output folder.
    counter : FramingCounter
        The lexicons to count.
    reader : CorpusReader, optional
        Column names, boilerplate and duplicate handling.
    workers : int, optional
        Worker processes.
    chunk_size : int, optional
        Documents per unit of work.
    group_by : sequence of str, optional
        Document columns to group by (``outlet``, ``month``, ``source`` …).
    skip_bad : bool, optional
        Skip unreadable records (reported in ``skipped.csv``) instead of
        stopping at the first one.
    keep_tokens : bool, optional
        Also write ``tokens.csv`` (every token; large).
    progress : callable, optional
        Called with the number of documents finished after each chunk.
    provenance : mapping, optional
        For the manifest: ``command`` (e.g. ``"framing count"``), extra
        ``parameters``, ``model``, ``seed``.
    score_actors : sequence of str, optional
        Actor labels whose mentions and framing-matrix cells get columns in
        ``scores.csv`` (pairs are found with pandas, imported only then).
    score_window : int, optional
        Token window of those cells; sentence co-occurrence when None.
    format : str, optional
        ``csv`` (default), ``xlsx``, ``parquet`` or ``dta``: every table
        is written in it (:mod:`analysis.export`), with ``codebook.csv``
        and ``codebook.md`` beside them in any format.
    bom : bool, optional
        CSV files start with a UTF-8 byte-order mark (for Excel).
    max_document_mb : float, optional
        The largest document (MB of UTF-8 text) counted; a larger one stops
        the run or, with ``skip_bad``, is skipped and reported.

    Returns
    -------
    RunSummary

    Raises
    ------
    FramingInputError
        A whole-file problem, or (unless ``skip_bad``) the first unreadable
        record; nothing is written then.
    """
    reader = reader or CorpusReader()
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)  # read twice: by the reader and the manifest
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {list(FORMATS)}")
    unknown = [k for k in group_by if k not in METADATA_NAMES]
    if unknown:
        raise ValueError(f"cannot group by {unknown}; choose from {list(METADATA_NAMES)}")
    cells = lexicon_cells(counter.settings.actors, counter.settings.terms)
    sheet = ScoreSheet(
        tuple(category for _, category, _ in category_cells(cells)),
        check_actors(score_actors, (label for kind, _, label in cells if kind == "actor"), counter.actors.origin),
        score_window,
    )
    check_input_paths(paths)
    with output_run(out_dir, paths) as staging:
        return _count_into(paths, Path(out_dir), staging, counter, reader, _RunOptions(
            workers, chunk_size, tuple(group_by), skip_bad, keep_tokens, max_document_mb, progress, provenance,
            format, bom, sheet, cells,
        ))  # fmt: skip


@dataclass(frozen=True)
class _RunOptions:
    workers: int
    chunk_size: int
    group_by: tuple[str, ...]
    skip_bad: bool
    keep_tokens: bool
    max_document_mb: float
    progress: Callable[[int], None] | None
    provenance: Mapping[str, Any] | None
    format: str
    bom: bool
    sheet: ScoreSheet
    cells: Any


def _count_into(
    paths: list, out: Path, staging: Path, counter: FramingCounter, reader: CorpusReader, options: _RunOptions
) -> RunSummary:
    """Count into staged tables in ``staging``, then publish them into ``out`` (the lock is held)."""
    model = counter.settings.model is not None
    sinks = {
        table.name: _CsvSink(
            out / str(table.file), table.written(model), staging, trim=table.written(model) != table.names
        )
        for table in (HITS, COUNTS, DOCUMENTS, QUOTATIONS)
    }
    sinks[SCORES.name] = _CsvSink(out / str(SCORES.file), [*DOCUMENTS.written(model), *options.sheet.columns], staging)
    if options.keep_tokens:
        sinks["tokens"] = _CsvSink(out / str(TOKENS.file), TOKENS.names, staging)
    summary = RunSummary()
    totals = GroupTotals(list(options.group_by), cells=options.cells)
    filled: set[str] = set()  # the document columns with a value in some document, for messages
    counted: Generator[tuple[list[dict], Partition], None, None] | None = None
    try:
        # Duplicates are found from fingerprints the workers compute while tokenizing.
        run = reader.open(paths, defer_duplicates=True)
        documents = within_size_limit(run.documents, run, options.max_document_mb, options.skip_bad)
        if not options.skip_bad:
            documents = _stop_at_errors(documents, run)
        chunks = chunked(documents, options.chunk_size)
        counted = count_chunks(
            chunks, counter, workers=options.workers, keep_tokens=options.keep_tokens, fingerprints=reader.dedupe
        )
        for chunk, partition in counted:
            chunk, partition = _drop_duplicates(run, chunk, partition)
            _write_partition(sinks, chunk, partition, options.sheet, model)
            if options.group_by:
                totals.add(chunk, partition)
                filled.update(_filled_columns(chunk, filled))
            _tally(summary, chunk, partition, bool(reader.columns.article))
            if options.progress is not None:
                options.progress(len(chunk))
        if not options.skip_bad:
            _raise_unreadable(run)
        summary.report_rows = list(run.report)
        if summary.n_documents == 0:
            raise _nothing_counted(run.report, out / str(REPORT.file), paths)
        summary.report_rows += _check_groups(totals, filled, run)
        sinks[REPORT.name] = _filled_sink(out / str(REPORT.file), REPORT.names, summary.report_rows, staging)
        for name, level in (("groups", "label"), ("group_categories", "category")) if options.group_by else ():
            sinks[name] = _filled_sink(out / f"{name}.csv", totals.header(), totals.rows(level), staging)
        for sink in sinks.values():
            sink.close()
        exported = convert_staged(
            {sink.target: (sink.staged, sink.rows, sink.header) for sink in sinks.values()},
            options.format, bom=options.bom, staging=staging, definitions=model_definitions(counter),
        )  # fmt: skip
        # The manifest (analysis.provenance) is staged with the tables and moved into place last.
        settings: dict[str, Any] = {
            "group_by": list(options.group_by),
            "skip_bad": options.skip_bad,
            "keep_tokens": options.keep_tokens,
        }
        if options.max_document_mb != DEFAULT_MAX_DOCUMENT_MB:
            settings["max_document_mb"] = options.max_document_mb
        if options.sheet.actors:  # only when given, so manifests of runs without them stay as they were
            settings.update(score_actors=list(options.sheet.actors), score_window=options.sheet.window)
        if (options.format, options.bom) != ("csv", False):
            settings.update(format=options.format, bom=options.bom)
        tables = {target.name: (temporary, rows) for target, (temporary, rows) in exported.items()}
        manifest = count_manifest(
            paths, counter=counter, reader=reader, options=settings, tables=tables, extra=options.provenance
        )
        staged_manifest = stage_manifest(staging, manifest)
    except BaseException:
        if counted is not None:
            counted.close()  # stops the workers at once (see count_chunks)
        for sink in sinks.values():
            sink.close()
        raise
    staged = {target: temporary for target, (temporary, _rows) in exported.items()}
    summary.written = commit_outputs(staged, (out / MANIFEST_FILE, staged_manifest))
    return summary


def _tally(summary: RunSummary, chunk: list[dict], partition: Partition, articles: bool) -> None:
    summary.n_documents += len(chunk)
    if articles:
        summary.articles.update(d["article"] for d in chunk)
    summary.n_words += sum(stats.n_words for stats in partition.stats)
    summary.n_hits.update(hit.kind for hit in partition.hits)


def _filled_columns(chunk: list[dict], filled: set[str]) -> set[str]:
    return {c for c in METADATA_NAMES if c not in filled and any(group_value(d.get(c)) != MISSING_GROUP for d in chunk)}


def _check_groups(totals: GroupTotals, filled: set[str], run: CorpusRun) -> list[ReportRow]:
    """Refuse a grouping column no document has a value in; a report row for one some documents lack."""
    n_documents = sum(totals.docs.values())
    rows = []
    for key in totals.keys:
        missing = totals.missing[key]
        if missing == n_documents:
            fields = "; ".join(
                f"{source}: {', '.join(names) or 'none'}" for source, names in list(run.fields.items())[:3]
            )
            role = "date" if key == "month" else key
            hint = f" Name the input's {role} column with --{role}-column." if role in ROLES else ""
            raise FramingInputError(
                next(iter(run.fields), "--group-by"),
                f"cannot group by {key!r}: no document has a value in it. Columns with values: "
                f"{', '.join(c for c in METADATA_NAMES if c in filled)}."
                + (f" The input's fields: {fields}." if fields else "") + hint,
            )  # fmt: skip
        if missing:
            rows.append(
                ReportRow(
                    "(all inputs)",
                    None,
                    "",
                    "warning",
                    f"grouping column {key!r} empty in {missing}/{n_documents} document(s)",
                    f"grouped as {MISSING_GROUP!r} in groups.csv and group_categories.csv",
                )  # fmt: skip
            )
    return rows


def _nothing_counted(report: list[ReportRow], report_path: Path, paths: list) -> FramingInputError:
    """The error of a run that kept no document; the report is written, so that every problem can be read."""
    problems = [row for row in report if row.level == "error"]
    if not problems:  # the inputs are what to look at, not the --out folder (which was not written)
        return FramingInputError(
            ", ".join(str(path) for path in paths),
            "nothing to count: the input holds no article (only headers or blank lines?).",
        )
    listed = "; ".join(f"{r.source}{'' if r.row is None else f', row {r.row}'}: {r.problem}" for r in problems[:3])
    more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
    with atomic_file(report_path) as staged:
        with open(staged, "w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows([REPORT.names, *report])
    return FramingInputError(
        report_path,
        f"every record was skipped, nothing was counted ({listed}{more}). All {len(problems)} are listed in this "
        "file (no other table was written); check the column options (--text-column …) and the input.",
    )


def _write_partition(
    sinks: dict[str, _CsvSink], chunk: list[dict], partition: Partition, sheet: ScoreSheet, model: bool
) -> None:
    sinks["hits"].write(partition.hits)
    sinks["quotations"].write(partition.quotations)
    if "tokens" in sinks:
        sinks["tokens"].write(partition.tokens)
    per_doc = Counter((hit.doc_id, hit.kind, hit.label, hit.category) for hit in partition.hits)
    # The order of count_hits: documents in input order, then kind, most hits first, label.
    ordered = sorted(per_doc.items(), key=lambda item: (item[0][0], item[0][1], -item[1], item[0][2]))
    sinks["counts"].write(CountRow(*key, n) for key, n in ordered)
    stats = {row.doc_id: row for row in partition.stats}
    documents = [[*("" if d[c] is None else d[c] for c in METADATA_NAMES), *stats[d["doc_id"]][1:]] for d in chunk]
    sinks["documents"].write(documents)
    width = len(DOCUMENTS.written(model))  # without a model, the model column is left out
    scores = sheet.rows(((d["doc_id"], stats[d["doc_id"]].n_words) for d in chunk), partition.hits)
    sinks["scores"].write(row[:width] + values for row, values in zip(documents, scores))


def _drop_duplicates(run: CorpusRun, chunk: list[dict], partition: Partition) -> tuple[list[dict], Partition]:
    if not partition.fingerprints:
        return chunk, partition
    dropped = {d["doc_id"] for d, keys in zip(chunk, partition.fingerprints) if run.is_duplicate(d, keys)}
    if not dropped:
        return chunk, partition
    return [d for d in chunk if d["doc_id"] not in dropped], partition.without(dropped)


def _stop_at_errors(documents: Iterator[dict], run: CorpusRun) -> Iterator[dict]:
    for document in documents:
        _raise_unreadable(run, documents)
        yield document


def _raise_unreadable(run: CorpusRun, rest: Iterator[dict] | None = None) -> None:
    """Stop at an unreadable record, naming every one of the corpus (its ``rest`` is read, not counted).

    Naming the first only had a researcher fix one row, run again and meet the next.
    """
    if run.first_error is None:
        return
    stopped = ""
    try:
        for _ in rest or ():
            pass
    except FramingInputError as later:  # a whole-file problem further on (a binary file): named, not raised over
        stopped = f"\n(reading on to find more stopped at a file that cannot be read at all: {later})"
    errors = [row for row in run.report if row.level == "error"]
    named = unreadable_records(errors, len(errors), SKIP_BAD_HINT)
    raise FramingInputError(named.path, named.problem + stopped, row=named.row, byte=named.byte)


def _filled_sink(target: Path, header: Sequence[str], rows: Iterable[Sequence], staging: Path) -> _CsvSink:
    sink = _CsvSink(target, header, staging)
    sink.write(rows)
    sink.close()
    return sink


def default_workers() -> int:
    """Worker processes to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


from .dask_run import hits_on_dask  # noqa: E402  (re-exported: notebooks and scripts import it from here)

__all__ = [
    "RunSummary", "chunked", "count_chunks", "count_corpus", "count_documents", "default_workers", "hits_on_dask",
]  # fmt: skip

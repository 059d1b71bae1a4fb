"""Files and folders in, documents and a report out: the corpus reader.

:class:`CorpusReader` holds how to read (columns, boilerplate, duplicates);
each pass over a corpus is a :class:`CorpusRun`, which streams the files one
at a time (CSV and JSONL records one by one), so a corpus of any size passes
through in constant memory.  What is not kept is never dropped silently: every
skipped record, duplicate, unparseable date and non-UTF-8 file becomes a row
of the *report* (:data:`analysis.tables.REPORT`, written as ``skipped.csv``).
The text as read is defined in :mod:`analysis.corpus`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FramingInputError, config_file
from ..tables import CORPUS, REPORT, ReportRow
from . import large_text
from .cleaning import (
    DEFAULT_BOILERPLATE,
    DEFAULT_BOILERPLATE_BLOCKS,
    DEFAULT_BOILERPLATE_ENDS,
    DEFAULT_BOILERPLATE_TAILS,
    DEFAULT_OUTLET_NAMES,
    blank_outlet_name,
    byline_kind,
    byline_pattern,
    compile_boilerplate,
    html_to_text,
    looks_like_html,
    outlet_name_pattern,
    removal_problem,
    remove_boilerplate,
    strip_bylines,
    strip_dateline,
)
from .columns import ROLES, Columns, unmapped_columns, unread_columns
from .dates import check_date_format, read_date_format, read_date_parts
from .duplicates import DuplicateFilter, document_fingerprints
from .encoding import ENCODING_ERRORS, MixedEncodingError, TextLines, decode_text, sniff_encoding
from .files import (
    LOCK_FILE,
    SUFFIXES,
    as_paths,
    check_exclude,
    exclude_of,
    excluded_by,
    is_lock_file,
    row_id,
    stem_of,
    walk_paths,
)
from .formats import TAB_SEPARATED, Record, csv_records, jsonl_records, plain_tsv, xlsx_records
from .metadata import (
    METADATA_FILES,
    FolderMetadata,
    metadata_above,
    metadata_file,
    metadata_folders,
    metadata_hint,
    read_metadata,
    root_of,
    unused_rows,
)
from .tabular import open_worksheet

if TYPE_CHECKING:
    import pandas as pd

#: Columns of a documents table as read (:data:`analysis.tables.CORPUS`).
CORPUS_COLUMNS = CORPUS.names
#: Columns of the report, ``skipped.csv`` (:data:`analysis.tables.REPORT`).
REPORT_COLUMNS = REPORT.names
#: What :meth:`Corpus.raise_for_errors` tells a notebook or Python user to do: a bare "empty file"
#: stopped notebooks 01-03 with no way forward named (the command says ``--skip-bad`` instead).
UNREADABLE_ADVICE = (
    "fix or delete it, or leave it out of the paths read (notebooks 01-03 stop at an unreadable record; "
    "read_corpus, notebooks 04-07 and framing count --skip-bad leave it out and list it in the report, skipped.csv)"
)
#: The same advice when several records are unreadable (after "fix each (or …)").
UNREADABLE_HINT = (
    "leave them out of the paths read: read_corpus, notebooks 04-07 and framing count --skip-bad skip them "
    "and list each in the report, skipped.csv"
)


@dataclass
class Corpus:
    """A documents table and the report of everything not kept as is."""

    documents: pd.DataFrame
    report: pd.DataFrame

    @property
    def errors(self) -> pd.DataFrame:
        """Report rows of level ``error``: records that could not be read."""
        return self.report[self.report["level"] == "error"]

    def raise_for_errors(self, advice: str | None = UNREADABLE_ADVICE) -> None:
        """Raise :class:`FramingInputError` naming the unreadable records (up to :data:`LISTED_ERRORS`), if any.

        Parameters
        ----------
        advice : str or None
            What to do, appended after the problem (the default suits Python and the notebooks;
            the command line gives its ``--skip-bad``); ``None``: the problem alone.

        Raises
        ------
        FramingInputError
            With the file, the row, the problem, how many more there are, and what to do.

        Examples
        --------
        >>> import pandas as pd
        >>> report = pd.DataFrame([{"source": "a/empty.txt", "row": pd.NA, "doc_id": "empty",
        ...                         "level": "error", "problem": "empty file", "action": "skipped"}])
        >>> Corpus(pd.DataFrame(), report).raise_for_errors(advice=None)
        Traceback (most recent call last):
        ...
        analysis.errors.FramingInputError: a/empty.txt: empty file
        """
        import pandas as pd

        if self.errors.empty:
            return
        rows = [
            ReportRow(r.source, None if pd.isna(r.row) else int(r.row), r.doc_id, r.level, r.problem, r.action)
            for r in self.errors.head(LISTED_ERRORS + 1).itertuples()
        ]
        if len(rows) == 1:
            first = rows[0]
            raise FramingInputError(first.source, first.problem + (f": {advice}" if advice else ""), row=first.row)
        hint = None if advice is None else UNREADABLE_HINT if advice is UNREADABLE_ADVICE else advice
        raise unreadable_records(rows, len(self.errors), hint)


#: How many unreadable records one error lists; the others are counted.
LISTED_ERRORS = 20


def unreadable_records(errors: Sequence[ReportRow], total: int, hint: str | None) -> FramingInputError:
    """The error naming the unreadable records of a pass: each (up to :data:`LISTED_ERRORS`) with its file and row.

    Before, only the first was named: a researcher fixed one row, read again, and met the next.

    Parameters
    ----------
    errors : sequence of ReportRow
        Report rows of level ``error``, in reading order (more than the listed ones may be given).
    total : int
        How many there are in all.
    hint : str or None
        What to do besides fixing them (``use --skip-bad …``), ending the message in parentheses;
        ``None``: the problems alone.

    Examples
    --------
    >>> rows = [ReportRow("a.csv", row, "", "error", "empty text", "skipped") for row in (3, 9)]
    >>> print(unreadable_records(rows[:1], 1, "use --skip-bad"))
    a.csv, row 3: empty text (use --skip-bad)
    >>> print(unreadable_records(rows, 2, "use --skip-bad"))
    a.csv, row 3: empty text
    2 unreadable records in all; fix each (or use --skip-bad):
      a.csv, row 3: empty text
      a.csv, row 9: empty text
    """
    first = errors[0]
    if total == 1:
        return FramingInputError(first.source, first.problem + (f" ({hint})" if hint else ""), row=first.row)
    listed = "\n".join(
        f"  {error.source}" + (f", row {error.row}" if error.row is not None else "") + f": {error.problem}"
        for error in errors[:LISTED_ERRORS]
    )
    more = f"\n  … and {total - LISTED_ERRORS} more" if total > LISTED_ERRORS else ""
    named = f", the first {LISTED_ERRORS} listed" if total > LISTED_ERRORS else ""
    return FramingInputError(
        first.source,
        f"{first.problem}\n{total} unreadable records in all{named}; fix each"
        + (f" (or {hint})" if hint else "")
        + f":\n{listed}{more}",
        row=first.row,
    )


@dataclass(frozen=True)
class CorpusReader:
    """How to read a corpus: columns, boilerplate and duplicate handling.

    The reader holds configuration only, so it can be reused and shared:
    each pass over a corpus is a :class:`CorpusRun` (:meth:`open`) that
    keeps the state of that pass (ids seen, fingerprints, report).

    Parameters
    ----------
    columns : Columns
        Column names for CSV and JSONL.
    boilerplate : sequence of str
        Regular expressions matched against whole stripped lines.
    dedupe : bool
        Drop exact and normalized duplicates (the first copy is kept; see
        :class:`~analysis.corpus.duplicates.DuplicateFilter`).
    boilerplate_blocks, boilerplate_tails, boilerplate_ends : sequence of str
        Headings of related-article blocks, phrases that end a line with
        boilerplate, and boilerplate at the start or end of the text (slider
        buttons, tag lines; see :func:`~analysis.corpus.cleaning.remove_boilerplate`).
    datelines : bool
        Blank a leading dateline or byline (``الرياض - واس``, ``سبق- جدة:``)
        and the outlet's own name in quotation marks or brackets, so that
        neither counts as an actor mention; each is reported as a note.
        False keeps bylines inside the text too.
    bylines : bool
        With ``datelines``, also blank bylines and place lines that start a
        later line (``حوار: شقران الرشيدي- سبق- الرياض:`` before an interview,
        ``باماكو - رويترز:`` before a second story; see
        :func:`~analysis.corpus.cleaning.byline_pattern`), each reported with
        its offsets.
    outlet_names : mapping of str to sequence of str
        Names of each ``outlet`` value (the value itself always counts).
    sheet : str or None
        The worksheet of ``.xlsx`` files; by default the only one, or one
        named ``articles``.
    date_format : str or None
        One ``strptime`` format for every date (``"%d/%m/%Y"``); by default
        dates are read in any form :mod:`~analysis.corpus.dates` knows, numeric
        ones day-first unless a file's dates show month-first. Either way each
        file's dates get one summary row in the report (:class:`_DateOrders`).
    encoding_errors : {"strict", "replace"}
        Invalid bytes in a UTF-8 file: an error naming the byte (default), or
        decoded as U+FFFD and reported as a warning with their count.
    exclude : sequence of str
        Glob patterns of files to leave out of the folders given (``drafts/``, ``notes.txt``;
        see :func:`~analysis.corpus.files.excluded_by`): each file left out is a report row
        (action ``excluded``), and a pattern that matches no file a warning naming it.

    Raises
    ------
    ValueError
        A boilerplate pattern that is not a regular expression.
    FramingInputError
        An ``encoding_errors`` other than ``strict`` or ``replace``.

    Examples
    --------
    >>> reader = CorpusReader(dedupe=False)
    >>> run = reader.open(["data/articles"])  # doctest: +SKIP
    >>> documents, report = list(run.documents), run.report  # doctest: +SKIP
    """

    columns: Columns = field(default_factory=Columns)
    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE
    dedupe: bool = True
    boilerplate_blocks: Sequence[str] = DEFAULT_BOILERPLATE_BLOCKS
    boilerplate_tails: Sequence[str] = DEFAULT_BOILERPLATE_TAILS
    boilerplate_ends: Sequence[str] = DEFAULT_BOILERPLATE_ENDS
    datelines: bool = True
    bylines: bool = True
    outlet_names: Mapping[str, Sequence[str]] = field(default_factory=lambda: dict(DEFAULT_OUTLET_NAMES))
    sheet: str | None = None
    encoding_errors: str = "strict"
    date_format: str | None = None
    exclude: Sequence[str] = ()

    def __post_init__(self) -> None:
        if self.encoding_errors not in ENCODING_ERRORS:
            raise FramingInputError(
                "CorpusReader", f"encoding_errors={self.encoding_errors!r}: use one of {', '.join(ENCODING_ERRORS)}."
            )
        if self.date_format and (problem := check_date_format(self.date_format)):
            raise FramingInputError(config_file(), f"date_format under [corpus]: {problem}")
        object.__setattr__(self, "exclude", tuple(check_exclude(self.exclude)))
        # Compiled once per reader (bad patterns fail here, not mid-corpus); derived
        # from the fields, so not fields themselves.
        object.__setattr__(self, "_patterns", compile_boilerplate(self.boilerplate))
        object.__setattr__(self, "_blocks", compile_boilerplate(self.boilerplate_blocks))
        object.__setattr__(self, "_tails", compile_boilerplate(self.boilerplate_tails))
        object.__setattr__(self, "_ends", compile_boilerplate(self.boilerplate_ends))
        object.__setattr__(self, "_outlet_patterns", {})
        object.__setattr__(self, "_byline_patterns", {})

    def clean(self, text: str, outlet: str = "") -> tuple[str, list[tuple[str, str]]]:
        """Remove boilerplate and, unless ``datelines`` is false, the dateline and the outlet's own name.

        Parameters
        ----------
        text : str
            Decoded text (HTML already stripped).
        outlet : str, optional
            The document's outlet, for its own name.

        Returns
        -------
        text : str
            The cleaned text: removals blanked in place or cut at the end.
        removed : list of (str, str)
            ``(what, kind)`` in order; kind is ``boilerplate``, ``dateline``,
            ``byline (characters START-END)`` (its offsets in the text) or ``outlet name``.

        Examples
        --------
        >>> CorpusReader().clean('سبق- جدة: قال لـ"سبق" مسؤول', outlet="sabq")
        ('          قال لـ      مسؤول', [('سبق- جدة:', 'dateline'), ('"سبق"', 'outlet name')])
        >>> CorpusReader().clean("قال.\\nخلود غنام- سبق- الرياض: يقضي", outlet="sabq")[1]
        [('خلود غنام- سبق- الرياض:', 'byline (characters 5-28)')]
        """
        text, lines = remove_boilerplate(text, self._patterns, self._blocks, self._tails, self._ends)  # type: ignore[attr-defined]
        removed = [(line, "boilerplate") for line in lines]
        if not self.datelines:
            return text, removed
        text, dateline = strip_dateline(text)
        if dateline:
            removed.append((dateline, "dateline"))
        if self.bylines:
            text, bylines = strip_bylines(text, self._byline_pattern(outlet), skip_first_line=bool(dateline))
            removed += [(line, byline_kind(start, end)) for start, end, line in bylines]
        text, names = blank_outlet_name(text, self._outlet_pattern(outlet))
        return text, removed + [(name, "outlet name") for name in names]

    def _outlet_names(self, outlet: str) -> list[str]:
        """The names of ``outlet``: the value itself and its names in :attr:`outlet_names`."""
        return [outlet.strip(), *self.outlet_names.get(outlet.strip(), ())]

    def _byline_pattern(self, outlet: str) -> re.Pattern[str]:
        cache: dict[str, re.Pattern[str]] = self._byline_patterns  # type: ignore[attr-defined]
        if outlet not in cache:
            cache[outlet] = byline_pattern(self._outlet_names(outlet))
        return cache[outlet]

    def _outlet_pattern(self, outlet: str) -> re.Pattern[str] | None:
        cache: dict[str, re.Pattern[str] | None] = self._outlet_patterns  # type: ignore[attr-defined]
        if outlet not in cache:
            cache[outlet] = outlet_name_pattern(self._outlet_names(outlet))
        return cache[outlet]

    def open(self, paths: Iterable[str | Path] | str | Path, *, defer_duplicates: bool = False) -> CorpusRun:
        """Start one pass over files and folders.

        Parameters
        ----------
        paths : str, Path or iterable of them
            Files and folders (one ``str`` or ``Path`` is one path).
        defer_duplicates : bool, optional
            Yield documents before the duplicate check; the caller then
            passes each one, in order, to :meth:`CorpusRun.is_duplicate` with
            its fingerprints (computed where the document is tokenized anyway,
            e.g. in a worker process).

        Returns
        -------
        CorpusRun
            Nothing is read until its documents are iterated.
        """
        return CorpusRun(self, paths, defer_duplicates=defer_duplicates)

    def iter_documents(self, paths: Iterable[str | Path] | str | Path) -> Iterator[dict]:
        """Yield the kept documents of a new pass (keys :data:`CORPUS_COLUMNS`), without its report."""
        return self.open(paths).documents


class CorpusRun:
    """One pass of a :class:`CorpusReader` over files and folders: its documents and its report.

    Made by :meth:`CorpusReader.open`.  Everything that changes while reading
    (ids seen, fingerprints, report rows, first error) lives here, so a reader
    gives the same documents and report on every pass.

    Attributes
    ----------
    reader : CorpusReader
        The configuration of this pass.
    documents : iterator of dict
        The kept documents (keys :data:`CORPUS_COLUMNS`), read as they are
        iterated (once).  Iterating raises :class:`FramingInputError` for
        problems that concern a whole file: missing paths, unsupported
        suffixes, binary or undecodable files, a CSV without the text column.
    first_error : ReportRow or None
        The first report row of level ``error``, as soon as it is read.
    """

    def __init__(
        self, reader: CorpusReader, paths: Iterable[str | Path] | str | Path, *, defer_duplicates: bool = False
    ):
        self.reader = reader
        self._columns: Columns = reader.columns
        self._patterns: tuple[re.Pattern[str], ...] = reader._patterns  # type: ignore[attr-defined]
        self._duplicates = DuplicateFilter() if reader.dedupe else None
        self._seen_ids: dict[str, tuple[str, int | None]] = {}  # doc_id -> (source, row): compact per document
        self._sources: dict[str, str] = {}  # one string per file, shared by its documents
        self._encoding_of: dict[str, str] = {}
        # Each folder's metadata file, read once per pass (not per .txt file, and not
        # across passes, so that an edited file is read again); None: the folder has none.
        self._metadata: dict[Path, FolderMetadata | None] = {}
        self._roots: list[Path] = []  # the folders given: a metadata file applies below its folder, within them
        self._rows: list[ReportRow] = []
        # Duplicate verdicts may come after later records were read (from worker
        # processes); each is kept with the report position of its document.
        self._placed_rows: list[tuple[int, ReportRow]] = []
        self.first_error: ReportRow | None = None
        #: Each CSV's header and each JSON Lines file's first record's fields, by source.
        self.fields: dict[str, tuple[str, ...]] = {}
        self._date_orders = _DateOrders(reader.date_format)
        #: Where a .txt file's date is written: its metadata file and row (a warning names them, not the .txt).
        self._date_at: dict[str, tuple[str, int]] = {}
        self.documents: Iterator[dict] = self._read(paths, defer_duplicates)

    def __iter__(self) -> Iterator[dict]:
        return self.documents

    def _read(self, paths: Iterable[str | Path] | str | Path, defer_duplicates: bool) -> Iterator[dict]:
        check = self._duplicates is not None and not defer_duplicates
        files, unread, excluded, unmatched = walk_paths(paths, self.reader.exclude)
        self._roots = [Path(path) for path in as_paths(paths) if Path(path).is_dir()]
        self._report_excluded(excluded, unmatched)
        for path, _pattern in excluded:
            if path.name.lower().endswith(".txt"):
                self._account_for_metadata(path)
        for above, root in metadata_above(self._roots):
            self._report(above, None, "", "note", f"above {root}, the folder given: not read (a metadata file "
                         f"describes the .txt files in its folder and below); give {above.parent} to use it",
                         "not read")  # fmt: skip
        for path in unread:  # reported, never ignored silently
            if is_lock_file(path):
                self._report(path, None, "", "note", f"not read: {LOCK_FILE}", "skipped")
                continue
            what = f"{''.join(path.suffixes[-1:]) or 'a file without suffix'}"
            read = ", ".join(SUFFIXES)
            self._report(path, None, "", "note", f"not read ({what} is not a format read: {read})", "skipped")
        for path in files:
            if path.name in METADATA_FILES:  # named explicitly: it describes the .txt files, it has no articles
                continue
            for document in self._documents_of(path):
                if not check or not self.is_duplicate(document, document_fingerprints(document["text"])):
                    yield document
        self._report_unused_metadata()
        for source, level, problem, action in self._date_orders.problems():
            self._report(source, None, "", level, problem, action)

    def _report_excluded(self, excluded: list[tuple[Path, str]], unmatched: list[str]) -> None:
        """One note per file left out by an exclude pattern, one warning per pattern that left out none."""
        for path, pattern in excluded:
            self._report(path, None, "", "note", f"excluded by the pattern {pattern!r} (exclude)", "excluded")
        given = ", ".join(str(root) for root in self._roots) or "the files given"
        for pattern in unmatched:
            if described := self._metadata_matching(pattern):
                self._report(given, None, "", "warning", (
                    f"the exclude pattern {pattern!r} matches only metadata ({', '.join(map(str, described[:3]))}): "
                    "a metadata file describes the .txt files beside and below it and is never read as articles, so "
                    "exclude leaves nothing out; to read the .txt files without it, move it out of the folder"
                ), "nothing excluded")  # fmt: skip
                continue
            self._report(given, None, "", "warning", (
                f"the exclude pattern {pattern!r} matched no file: check its spelling; a pattern is a path from "
                "each folder given (drafts/, 2020/notes.txt), or a file or folder name at any depth when it has no /"
            ), "nothing excluded")  # fmt: skip

    def _metadata_matching(self, pattern: str) -> list[Path]:
        """The metadata files of the folders given that an exclude pattern matches (``metadata.csv``, ``*.csv``)."""
        return [path for root in self._roots for name in METADATA_FILES for path in sorted(root.rglob(name))
                if excluded_by(path.relative_to(root), [pattern])]  # fmt: skip

    def is_duplicate(self, document: dict, fingerprints: tuple[bytes, bytes]) -> bool:
        """Decide whether a document repeats an earlier one, and report it if so.

        Parameters
        ----------
        document : dict
            A document of this run; documents must be passed in the order
            they were read.
        fingerprints : tuple of bytes
            From :func:`document_fingerprints`.

        Returns
        -------
        bool
            True if the document is to be dropped (always False when the
            reader keeps duplicates).
        """
        if self._duplicates is None:
            return False
        row = self._duplicates.check(document, fingerprints)
        if row is None:
            return False
        self._placed_rows.append((document["_report_at"], row))
        return True

    @property
    def report(self) -> list[ReportRow]:
        """The report so far (rows of :data:`REPORT_COLUMNS`), in reading order."""
        rows: list[ReportRow] = []
        placed = iter(self._placed_rows)
        pending = next(placed, None)
        for position, row in enumerate(self._rows):
            while pending is not None and pending[0] <= position:
                rows.append(pending[1])
                pending = next(placed, None)
            rows.append(row)
        while pending is not None:
            rows.append(pending[1])
            pending = next(placed, None)
        return rows

    def report_frame(self) -> pd.DataFrame:
        """The report so far as a DataFrame."""
        return REPORT.frame(self.report)

    # -- per file ---------------------------------------------------------------------

    def _documents_of(self, path: Path) -> Iterator[dict]:
        name = path.name.lower()
        if name.endswith(".txt"):
            yield from self._text_file(path)
            return
        try:
            if name.endswith((".csv", ".csv.gz", *TAB_SEPARATED)):
                yield from self._csv_file(path)
            elif name.endswith(".xlsx"):
                yield from self._xlsx_file(path)
            else:
                yield from self._jsonl_file(path)
        except FramingInputError as error:
            raise metadata_hint(path, error) from None

    def _text_file(self, path: Path) -> Iterator[dict]:
        metadata = self._metadata_of(path)  # first, so that the row of an empty file is not called unused
        if path.stat().st_size > large_text.STREAM_ABOVE:
            # A huge article: read and cleaned a piece at a time, so that its text is held once.
            reader = self.reader
            read = large_text.read_large_text(
                path, (reader._patterns, reader._blocks, reader._tails),  # type: ignore[attr-defined]
                reader._outlet_pattern(metadata.get("outlet") or "") if reader.datelines else None,
                datelines=reader.datelines, ends=reader._ends,  # type: ignore[attr-defined]
                byline_pattern=reader._byline_pattern(metadata.get("outlet") or "") if reader.bylines else None,
            )  # fmt: skip
            if read is not None:
                text, encoding, cleaned = read
                document = self._document(path, None, path.stem, text, encoding, metadata, cleaned=cleaned)
                if document is not None:
                    yield document
                return
        data = path.read_bytes()
        if not data or data.isspace():  # not data.strip(): no copy
            self._report(path, None, path.stem, "error", "empty file", "skipped")
            return
        decoded = decode_text(data, path, errors=self.reader.encoding_errors)
        del data  # the bytes are not needed once decoded
        text, encoding = decoded.text, decoded.encoding
        line_end = text.find("\n")
        header = text[: None if line_end == -1 else line_end].lstrip("\ufeff").split("\t")
        if encoding == "utf-16" and self._columns.text in header:
            raise FramingInputError(path, (
                f"is a table saved as 'Unicode text' (UTF-16, tab-separated) with a {self._columns.text!r} column, "
                "not one article: rename it to .csv to read one article per row."
            ))  # fmt: skip
        if len(header) > 1 and self._columns.text in (cell.strip() for cell in header):
            # Excel's "Text (Tab delimited)" is a .txt: read as one article, the whole table was counted as one text.
            raise FramingInputError(path, (
                f"is a table saved as 'Text (Tab delimited)' (its first line is a header with a "
                f"{self._columns.text!r} column: {', '.join(cell.strip() for cell in header[:6])}), not one article: "
                "rename it to .tsv to read one article per row."
            ))  # fmt: skip
        self._note_encoding(path, encoding)
        self._note_replaced(path, decoded.replaced, decoded.first_replaced)
        document = self._document(path, None, path.stem, text, encoding, metadata)
        if document is not None:
            yield document

    def _csv_file(self, path: Path) -> Iterator[dict]:
        yield from self._records(path, csv_records)

    def _jsonl_file(self, path: Path) -> Iterator[dict]:
        yield from self._records(path, jsonl_records)

    def _records(self, path: Path, parse: Callable[..., Iterator[Record]]) -> Iterator[dict]:
        """Read a CSV or JSONL file's records, decoded line by line (a line in another encoding stops it)."""
        if _is_empty_file(path):  # as an empty .txt file: not "has no column 'text' (columns: none)"
            self._report(path, None, stem_of(path), "error", "empty file", "skipped")
            return
        encoding = sniff_encoding(path)
        self._note_encoding(path, encoding)
        if parse is csv_records and path.name.lower().endswith(TAB_SEPARATED):
            parse = self._tsv_parse(path, encoding)
        lines = TextLines(path, encoding, self.reader.encoding_errors)
        row = 0
        try:
            for record in parse(path, lines, self._columns, self.fields):
                if row == 0:  # the header (or first JSON record) is read: its fields are known
                    self._note_unread_columns(path)
                row = record.row
                yield from self._kept(path, record)
        except MixedEncodingError as error:
            # CSV rows may span lines: the bad line is in the record after the last one read.
            at = error.line if parse is jsonl_records else row + 1
            raise FramingInputError(path, error.problem, row=at, byte=error.byte) from None
        self._note_replaced(path, lines.replaced, lines.first_replaced)
        if row == 0:
            self._no_record(path)

    def _tsv_parse(self, path: Path, encoding: str) -> Callable[..., Iterator[Record]]:
        """How to parse a .tsv file: quoted as spreadsheets quote, or plain (:func:`plain_tsv`, reported as a note)."""
        try:  # a first pass; a bad byte or line is named by the reading pass itself, with its row
            reason = plain_tsv(path, TextLines(path, encoding, "replace"))
        except FramingInputError:
            reason = ""
        if not reason:
            return csv_records
        self._report(path, None, "", "note", reason, "read plain")
        return functools.partial(csv_records, quoted=False)

    def _note_unread_columns(self, path: Path) -> None:
        """Warn about a column whose name differs from a default column name only in case or spaces (``Date``)."""
        found = self.fields.get(str(path), ())
        for problem in unread_columns(found, self._columns):
            self._report(path, 1, "", "warning", problem, "not read")
        unmapped = unmapped_columns(found, self._columns)
        if unmapped:
            self._report(path, 1, "", "note", unmapped, "not read")

    def _no_record(self, path: Path) -> None:
        """Report an input file that held no record: among other files it would otherwise add nothing unseen."""
        self._report(path, None, "", "warning", "no record: the file holds only a header or blank lines", "read")

    def _xlsx_file(self, path: Path) -> Iterator[dict]:
        self._note_encoding(path, "xlsx")
        naming = f'--sheet, or sheet = "..." under [corpus] of {config_file()} (read_corpus(..., sheet=...) in Python)'
        unsaved: dict[int, list[tuple[int, str]]] = {}
        with open_worksheet(
            path, sheet=self.reader.sheet, preferred_sheets=("articles",), naming=naming, unsaved=unsaved
        ) as (_, rows):
            read = 0
            for record in xlsx_records(path, rows, self._columns, self.fields):
                if not read:
                    self._note_unread_columns(path)
                read += 1
                yield from self._kept(path, self._unsaved_formula(path, record, unsaved))
        if not read:
            self._no_record(path)

    def _unsaved_formula(self, path: Path, record: Record, unsaved: dict[int, list[tuple[int, str]]]) -> Record:
        """The record, or its problem when a column read holds a formula with no saved value (read as empty)."""
        if record.fields is None or record.row not in unsaved:
            return record
        header = self.fields.get(str(path), ())
        used = {getattr(self._columns, role) for role in ROLES}
        for column, problem in unsaved[record.row]:
            if column < len(header) and header[column] in used:
                doc_id = row_id(path, record.row, record.fields.get(self._columns.id) or "")
                return Record(record.row, None, problem, doc_id=doc_id)
        return record

    def _kept(self, path: Path, record: Record) -> Iterator[dict]:
        if record.fields is None:
            action = "passed over" if record.level == "note" else "skipped"
            self._report(path, record.row, record.doc_id, record.level, record.problem, action)
            return
        document = self._record(path, record.row, record.fields)
        if document is not None:
            yield document

    # -- per record -------------------------------------------------------------------

    def _record(self, path: Path, row: int, record: dict[str, str]) -> dict | None:
        columns = self._columns
        if columns.text not in record:
            self._report(path, row, "", "error", f"no {columns.text!r} field", "skipped")
            return None
        doc_id = row_id(path, row, record.get(columns.id) or "")
        if columns.id in record and not (record[columns.id] or "").strip():
            # The file has the id column but this cell is empty: the name given is said, so that a table
            # joined back to the export by id finds why one row has '<file>-<row>' instead.
            problem = f"empty id, named by file and row: {doc_id!r} (column {columns.id!r})"
            self._report(path, row, doc_id, "warning", problem, "kept")
        metadata = {key: record.get(getattr(columns, key), "") for key in ("outlet", "date", "title", "url")}
        metadata["article"] = record.get(columns.article, "") if columns.article else ""
        text = record[columns.text].replace("\r\n", "\n").replace("\r", "\n")
        return self._document(path, row, doc_id, text, "", metadata)

    def _document(
        self, path: Path, row: int | None, doc_id: str, text: str, encoding: str, metadata: dict[str, str],
        cleaned: list[tuple[str, str]] | None = None,
    ) -> dict | None:  # fmt: skip
        source = self._sources.setdefault(str(path), str(path))
        if doc_id in self._seen_ids:
            first_source, first_row = self._seen_ids[doc_id]
            where = first_source if first_row is None else f"{first_source}, row {first_row}"
            self._report(path, row, doc_id, "error", f"doc_id already used by {where}", "skipped")
            return None
        is_html = False
        if cleaned is None:  # not already cleaned a piece at a time (analysis.corpus.large_text)
            is_html = looks_like_html(text)
            if is_html:
                text = html_to_text(text)
            text, cleaned = self.reader.clean(text, metadata.get("outlet") or "")
        removed = [line for line, kind in cleaned if kind == "boilerplate"]
        if not text or text.isspace():  # not text.strip(): no copy of a huge text
            problem = "empty text" if not cleaned else f"only boilerplate ({cleaned[0][0]!r})"
            self._report(path, row, doc_id, "error", problem, "skipped")
            return None
        for line, kind in cleaned:
            self._report(path, row, doc_id, "note", removal_problem(line, kind), "removed")
        if row is None:  # a .txt file: its metadata row's title may have been pasted above the text too
            self._note_title_line(path, doc_id, text, metadata.get("title") or "")
        self._seen_ids[doc_id] = (source, row)
        date = (metadata.get("date") or "").strip()
        date_format = self.reader.date_format
        month, doubt, day, order = (
            read_date_format(date, date_format) if date and date_format else read_date_parts(date)
        )
        date_source, date_row = self._date_at.get(source, (source, row))
        if date:
            # A month without a day (Mar-2020, 03/2020) is month precision: counted for the file's summary row.
            month_only = month is not None and day is None and doubt is None
            self._date_orders.note(date_source, date_row, date, month, order, month_only=month_only)
        if order == "ambiguous":  # read by the rule of its file's dates: one summary row for them all (_DateOrders)
            doubt = None
        if doubt and date_source != source:  # the date is fixed where it is written
            doubt += f" (written in {_place(date_source, date_row)})"
        if doubt:  # unparseable, Hijri or ambiguous: never guessed silently
            action = "kept; month left empty" if month is None else f"kept; month {month}"
            self._report(path, row, doc_id, "warning", doubt, action)
        return {
            "doc_id": doc_id, "source": source, "row": row, "outlet": (metadata.get("outlet") or "").strip(),
            "date": date, "month": month or "", "day": day or "", "title": metadata.get("title") or "", "url": metadata.get("url") or "",
            "article": (metadata.get("article") or "").strip() or doc_id,
            "encoding": encoding or self._encoding_of.get(source, "utf-8"), "html": is_html,
            "boilerplate_removed": " | ".join(removed), "n_chars": len(text), "text": text,
            "_report_at": len(self._rows),
        }  # fmt: skip

    def _note_title_line(self, path: Path, doc_id: str, text: str, title: str) -> None:
        """Note a first line that repeats the file's ``title`` in its metadata sheet: it is counted as text.

        A page copied by hand starts with its headline; with the headline also in the sheet's
        ``title`` column, a student expects it to be metadata, yet its words and hits count (and a
        loaded headline weighs heavily in a short article).  Reported, never removed: whether
        headlines count is the researcher's decision (README, *Metadata of .txt files*).
        """
        title = " ".join(title.split())  # spaces as typed in a spreadsheet cell; a no-break space too
        if not title:
            return
        start = re.match(r"\s*", text).end()  # type: ignore[union-attr]  # always matches
        end = text.find("\n", start)
        if " ".join(text[start : len(text) if end == -1 else end].split()) != title:
            return
        sheet, sheet_row = self._date_at.get(str(path), (str(path), 0))
        self._report(path, None, doc_id, "note", (
            f"the first line repeats the title of {Path(sheet).name}, row {sheet_row}: it is counted as text "
            "(its words and hits); delete it from the file to count the body only"
        ), "kept")  # fmt: skip

    def _metadata_of(self, txt: Path) -> dict[str, str]:
        """The metadata row of a .txt file from the nearest metadata file that has one; a file with none is reported."""
        tables = [table for folder in metadata_folders(txt, root_of(txt, self._roots))
                  if (table := self._folder_metadata(folder)) is not None]  # fmt: skip
        found = [(table.path, row) for table in tables if (row := table.lookup(txt)) is not None]  # all count as used
        rows = [row for _path, row in found]
        if found:
            self._date_at[str(txt)] = (str(found[0][0]), found[0][1][0])
        if tables and not rows:
            named = " or ".join(str(table.path) for table in tables)
            self._report(txt, None, txt.stem, "warning", f"no row in {named} names this file (by {txt.stem!r} "
                         "or its path from there): outlet, date, title and url left empty", "kept")  # fmt: skip
        return rows[0][1] if rows else {}

    def _account_for_metadata(self, txt: Path) -> None:
        """Count the metadata rows of an excluded .txt file as used: its exclusion note says why it is not read.

        Otherwise each was a warning that no .txt file has its name, beside the note that the file was excluded.
        """
        for folder in metadata_folders(txt, root_of(txt, self._roots)):
            table = self._folder_metadata(folder)
            if table is not None:
                table.lookup(txt)

    def _folder_metadata(self, folder: Path) -> FolderMetadata | None:
        if folder not in self._metadata:
            path = metadata_file(folder)
            table = self._metadata[folder] = read_metadata(path, self._columns) if path else None
            for row, problem in table.problems if table else ():
                self._report(path or folder, row, "", "warning", problem, "not applied")
        return self._metadata[folder]

    def _report_unused_metadata(self) -> None:
        """Report metadata rows that named no .txt file read, and metadata files that named none."""
        for root in self._roots:
            for name in METADATA_FILES:
                for path in sorted(root.rglob(name)):
                    self._folder_metadata(path.parent)  # one with no .txt file below is read here
        for path, row, key, problem in unused_rows(filter(None, self._metadata.values()), self._roots):
            self._report(path, row, key, "warning", problem, "not applied")

    def _note_encoding(self, path: Path, encoding: str) -> None:
        self._encoding_of[str(path)] = encoding
        if encoding == "cp1256":
            self._report(path, None, "", "note", "not UTF-8: decoded as Windows-1256 (cp1256)", "kept")

    def _note_replaced(self, path: Path, replaced: int, first: int | None) -> None:
        if replaced:
            problem = (f"{replaced} invalid UTF-8 byte sequence(s) replaced with U+FFFD (the first at byte {first}); "
                       "counts near them may be wrong")  # fmt: skip
            self._report(path, None, "", "warning", problem, "kept (--encoding-errors replace)")

    def _report(self, source: str | Path, row: int | None, doc_id: str, level: str, problem: str, action: str) -> None:
        report_row = ReportRow(source=str(source), row=row, doc_id=doc_id, level=level, problem=problem, action=action)
        self._rows.append(report_row)
        if level == "error" and self.first_error is None:
            self.first_error = report_row


@dataclass
class _DateColumn:
    """The dates of one file (a corpus file, or the metadata file of .txt files), as they were read."""

    read: int = 0
    orders: Counter = field(default_factory=Counter)
    first: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    ambiguous: list[int | None] = field(default_factory=list)
    unread: list[int | None] = field(default_factory=list)
    #: Rows whose date names a month but no day (``Mar-2020``), and the first such date as written.
    month_only: list[int | None] = field(default_factory=list)
    first_month_only: str = ""


@dataclass
class _DateOrders:
    """Each file's dates, read by one rule for the file: one summary row each instead of a warning per row.

    A numeric date that reads both ways (``03/04/2015``) is read day-first; the summary says whether the
    file's other dates show that order (a day above 12, ``31/12/2019``, and no month above 12), or the
    other, or none, and what to do (``date_format`` under ``[corpus]``). With a ``date_format`` every
    date is read by it, and the summary counts those read and names the rows that do not match.
    """

    date_format: str | None = None
    columns: dict[str, _DateColumn] = field(default_factory=dict)

    def note(
        self, source: str, row: int | None, date: str, month: str | None, order: str | None, *, month_only: bool = False
    ) -> None:
        """Count one written date of ``source``: read or not, the order of a numeric one, a month without a day."""
        column = self.columns.setdefault(source, _DateColumn())
        if month is None:
            column.unread.append(row)
            return
        column.read += 1
        if month_only:
            column.month_only.append(row)
            column.first_month_only = column.first_month_only or date
        if order is not None:
            column.orders[order] += 1
            column.first.setdefault(order, (row, date))
        if order == "ambiguous":
            column.ambiguous.append(row)

    def problems(self) -> list[tuple[str, str, str, str]]:
        """``(source, level, problem, action)``: the summary of each file whose dates needed a rule."""
        found = []
        for source, column in self.columns.items():
            summary = self._summary(Path(source).name, column)
            if summary is not None:
                found.append((source, *summary))
        return found

    def _summary(self, name: str, column: _DateColumn) -> tuple[str, str, str] | None:
        summary = self._orders_summary(name, column)
        if not column.month_only:
            return summary
        month_only = (
            f"{len(column.month_only)} name a month without a day (first {column.first_month_only!r}, "
            f"{_rows(column.month_only)}): read as that month, the day left empty (month precision); monthly "
            "figures count them, daily and weekly ones leave them out and say so"
        )
        if summary is None:
            return "note", f"dates of {name}: {column.read} read; {month_only}", "kept; month only"
        level, problem, action = summary
        return level, f"{problem}; {month_only}", action

    def _orders_summary(self, name: str, column: _DateColumn) -> tuple[str, str, str] | None:
        """The summary of a file's numeric day-month orders (or of its ``date_format``), else ``None``."""
        unread = (
            f"; not read: {len(column.unread)} ({_rows(column.unread)}; each a warning row)" if column.unread else ""
        )
        if self.date_format:
            return "note", f"dates of {name} read with date_format {self.date_format!r}: {column.read}{unread}", "kept"
        ambiguous, month_first, day_first = (column.orders[k] for k in ("ambiguous", "month-first", "day-first"))
        if not ambiguous:
            return None
        both = f"{ambiguous} that read both ways (such as 03/04/2015; {_rows(column.ambiguous)}) were read day-first"
        config = f'under [corpus] of {config_file()} (or --date-format "%m/%d/%Y")'
        if day_first and not month_first:
            row, date = column.first["day-first"]
            return "note", (
                f"dates of {name}: {column.read} read; the numeric ones are day-first (dd/mm/yyyy), as {date!r} "
                f"({_at(row)}) shows, a day above 12, and none has a month above 12: {both}{unread}"
            ), "kept; read day-first"  # fmt: skip
        if month_first and not day_first:
            row, date = column.first["month-first"]
            return "warning", (
                f"dates of {name} probably month-first (mm/dd/yyyy, as a spreadsheet saves them in a US locale): "
                f"{month_first} read one way only are month-first ({date!r}, {_at(row)}) and none day-first, "
                f"but {both}, so their months are probably wrong: set date_format = \"%m/%d/%Y\" {config} and read "
                f"again{unread}"
            ), "kept; months of ambiguous dates read day-first"  # fmt: skip
        if month_first and day_first:
            (m_row, m_date), (d_row, d_date) = column.first["month-first"], column.first["day-first"]
            return "warning", (
                f"dates of {name} in both orders (month-first: {month_first}, first {m_date!r}, {_at(m_row)}; "
                f"day-first: {day_first}, first {d_date!r}, {_at(d_row)}): {both}, and those written "
                "month-first have the wrong month; write the dates as YYYY-MM-DD (or as date cells of an .xlsx) and "
                f"read again{unread}"
            ), "kept; months of ambiguous dates read day-first"  # fmt: skip
        row, date = column.first["ambiguous"]
        return "warning", (
            f"dates of {name}: {column.read} read; none of the numeric ones shows its order (no day or month above "
            f"12, first {date!r}, {_at(row)}): {both}, as Arabic news write them; if they are month-first, "
            f"set date_format = \"%m/%d/%Y\" {config} and read again{unread}"
        ), "kept; read day-first"  # fmt: skip


def _at(row: int | None) -> str:
    return f"row {row}" if row is not None else "a .txt file"


def _rows(rows: list[int | None], listed: int = LISTED_ERRORS) -> str:
    """``rows 2, 5, 9`` (the first ``listed``, then how many more); a .txt file's date has no row.

    >>> _rows([2, 5]), _rows(list(range(2, 30)), listed=3), _rows([None])
    ('rows 2, 5', 'rows 2, 3, 4 … and 25 more', 'a .txt file')
    """
    numbered = [str(row) for row in rows if row is not None]
    if not numbered:
        return "a .txt file" if len(rows) == 1 else f"{len(rows)} .txt files"
    more = f" … and {len(numbered) - listed} more" if len(numbered) > listed else ""
    return ("row " if len(numbered) == 1 else "rows ") + ", ".join(numbered[:listed]) + more


def _place(source: str, row: int | None) -> str:
    """``news.csv row 3`` (or the file alone)."""
    return Path(source).name + (f" row {row}" if row is not None else "")


def read_corpus(
    paths: Iterable[str | Path] | str | Path,
    *,
    columns: Columns | None = None,
    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE,
    dedupe: bool = True,
    datelines: bool = True,
    bylines: bool = True,
    sheet: str | None = None,
    date_format: str | None = None,
    exclude: Sequence[str] | None = None,
) -> Corpus:
    """Read files and folders of articles into a documents table and a report.

    Parameters
    ----------
    paths : str, Path or iterable of them
        ``.txt``, ``.csv``, ``.jsonl`` (optionally gzipped) files and folders
        of them; one ``str`` or ``Path`` is one path.  In a folder, ``metadata.csv`` or
        ``metadata.xlsx`` (with a ``doc_id`` column) gives outlet, date, title, url and
        article of the ``.txt`` files in its folder and below (:mod:`~analysis.corpus.metadata`).
    columns : Columns, optional
        Column names for CSV and JSONL.
    boilerplate : sequence of str, optional
        Patterns of boilerplate lines.
    dedupe : bool, optional
        Drop exact and normalized duplicates.
    datelines : bool, optional
        Blank leading datelines and the outlet's own name (see :class:`CorpusReader`).
    bylines : bool, optional
        With ``datelines``, blank bylines and place lines inside the text too.
    sheet : str, optional
        The worksheet of ``.xlsx`` files, by name (``sheet`` under ``[corpus]`` of
        ``framing.toml``); by default the only one, or one named ``articles``.
    date_format : str, optional
        One ``strptime`` format for every date (``"%d/%m/%Y"``; ``date_format`` under
        ``[corpus]``); by default any form the reader knows (see :class:`CorpusReader`).
    exclude : sequence of str, optional
        Glob patterns of files to leave out (``exclude`` under ``[corpus]``; see
        :class:`CorpusReader`); by default the patterns ``paths`` carry (a configuration's
        ``CONFIG.corpus`` or ``CONFIG.articles``), else none.

    Returns
    -------
    Corpus
        ``documents`` (:data:`CORPUS_COLUMNS`) and ``report``
        (:data:`REPORT_COLUMNS`).
    """
    reader = CorpusReader(
        columns or Columns(), boilerplate, dedupe, datelines=datelines, bylines=bylines, sheet=sheet,
        date_format=date_format, exclude=exclude_of(paths) if exclude is None else exclude,
    )  # fmt: skip
    run = reader.open(paths)
    documents = documents_table(run.documents)
    return Corpus(documents, run.report_frame())


def documents_table(rows: Iterable[dict]) -> pd.DataFrame:
    """Build a corpus documents table with the dtypes of :data:`analysis.tables.CORPUS`.

    Parameters
    ----------
    rows : iterable of dict
        Documents as read (keys :data:`CORPUS_COLUMNS`; other keys are
        ignored).

    Returns
    -------
    pandas.DataFrame
        One row per document, columns :data:`CORPUS_COLUMNS`.
    """
    # Rows are dicts: the frame takes each column by name.
    listed = list(rows)
    try:
        return CORPUS.frame(listed)
    except UnicodeEncodeError:  # pyarrow strings hold no lone surrogate (a JSON "\ud83d" escape)
        _refuse_surrogates(listed)
        raise


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(rows: list[dict]) -> None:
    """Name the first value with a lone surrogate, which a documents table cannot hold.

    The ``framing`` command counts such texts (its workers pass them on as
    they are); a pandas table with pyarrow strings cannot store them.
    """
    for position, row in enumerate(rows, start=1):
        for key, value in row.items():
            lone = _SURROGATE.search(value) if isinstance(value, str) else None
            if lone is not None:
                raise FramingInputError(
                    row.get("source") or "texts",
                    f"document {position} ({str(row.get('doc_id'))[:40]!r}): the {key} has a lone surrogate "
                    f"(\\u{ord(lone.group()):04x} at character {lone.start() + 1}), not a character (a JSON "
                    "escape of half an emoji?): a pandas table cannot hold it; fix or remove it, or count the file "
                    "with the framing command",
                    row=row.get("row"),
                ) from None


#: Byte-order marks: a file of one of them and white space holds nothing.
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _is_empty_file(path: Path) -> bool:
    """Whether a CSV or JSON Lines file (gzipped or not) holds nothing but a byte-order mark and white space."""
    import gzip

    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            head = stream.read(4096)
    except (OSError, EOFError):  # a damaged .gz: named by the reader itself
        return False
    if len(head) == 4096:
        return False
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return not head.replace(b"\x00", b"").strip()

"""Load and validate the actor and loaded-term lexicons (CSV files).

A lexicon is a CSV file a researcher edits in a spreadsheet.  ``actors.csv``
has ``actor,alias`` (one alias a row) and optional ``type, camp, note``;
``loaded_terms.csv`` has ``term,category`` and optional ``gloss, note``.
Both may have the optional rule columns of :mod:`analysis.lexicon_rules`
(``clitics, suffixes, inner_article, context, context_scope, exclude``).
An ignore list (``ignore.csv``: ``phrase`` and optional ``applies_to``,
``note``) holds phrases that cancel any entry they contain.

Entries are normalized like the text.  A trailing ``*`` on a word is a
wildcard for the rest of that word.  Every problem is reported with the file
and the spreadsheet row (the header is row 1), all at once, and nothing is
skipped silently.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import arabic
from .corpus.encoding import decode_bytes
from .errors import FramingInputError, LexiconError
from .lexicon_rules import DEFAULT_RULES, EntryRules, parse_rules
from .normalize import DEFAULT_FOLDING, Folding, normalize
from .paths import data_path, default_actors_path, default_sources_path, default_terms_path
from .provenance import file_sha256
from .tokenize import iter_token_spans

if TYPE_CHECKING:
    import pandas as pd

WILDCARD = "*"
#: A wildcard stem shorter than this matches too much to be meant.
MIN_WILDCARD_STEM = 2


@dataclass(frozen=True)
class LexiconSchema:
    """Column names of one kind of lexicon (any other column is kept as metadata)."""

    kind: str
    label_column: str
    entry_column: str
    category_column: str | None

    @property
    def required(self) -> tuple[str, ...]:
        columns = (self.label_column, self.entry_column)
        return columns if self.category_column is None else (self.entry_column, self.category_column)


ACTORS = LexiconSchema("actor", "actor", "alias", None)
TERMS = LexiconSchema("term", "term", "term", "category")
SOURCES = LexiconSchema("source", "term", "term", "source_type")
#: The ignore list: phrases that win over any entry by longest match and cancel it.
IGNORE = LexiconSchema("ignore", "phrase", "phrase", None)
#: Which matchers an ignore phrase applies to (its ``applies_to`` cell; empty: both).
IGNORE_APPLIES_TO = ("actor", "term", "both")


@dataclass(frozen=True)
class Entry:
    """One lexicon row, compiled for matching.

    Attributes
    ----------
    kind : str
        ``"actor"`` or ``"term"``.
    label : str
        The actor's name, or the term as written in the lexicon.
    category : str
        The term's category, or the actor's ``type`` (may be empty).
    written : str
        The entry as written in the file.
    words : tuple of str
        Normalized tokens of the entry, wildcard marks removed.
    wildcard : tuple of bool
        Whether each token ends in a wildcard.
    token_kinds : tuple of str
        Tokenizer kind of each token (``arabic``, ``latin`` ...).
    source : str
        File name.
    row : int
        Spreadsheet row number (header = 1).
    rules : EntryRules
        Its rule columns (clitics, suffixes, context, exclude ...); the
        defaults when the cells are empty or absent.
    """

    kind: str
    label: str
    category: str
    written: str
    words: tuple[str, ...]
    wildcard: tuple[bool, ...]
    token_kinds: tuple[str, ...]
    source: str
    row: int
    rules: EntryRules = DEFAULT_RULES

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        """The normalized form: two entries with the same key match the same text."""
        return self.words, self.wildcard


@dataclass
class Lexicon:
    """Validated entries of one kind plus the table they came from.

    Attributes
    ----------
    kind : str
        ``"actor"`` or ``"term"``.
    entries : list of Entry
        In file order.
    records : list of dict
        The file's rows (all columns, plus ``row``).
    notes : list of str
        Things a researcher should know that are not errors (blank rows).
    path : str or None
        The file it was loaded from, as given (for the provenance manifest).
    sha256 : str or None
        The SHA-256 of that file's bytes when it was loaded.
    """

    kind: str
    entries: list[Entry]
    records: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    path: str | None = None
    sha256: str | None = None

    @cached_property
    def table(self) -> pd.DataFrame:
        """The file's rows with ``row`` numbers, for joining metadata (camp, gloss, note) onto hits."""
        import pandas as pd

        frame = pd.DataFrame(self.records)
        return frame.astype({c: "string" for c in frame.columns if c != "row"})


def parse_entry(
    written: str, *, source: str, row: int, folding: Folding = DEFAULT_FOLDING
) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[str, ...]]:
    """Turn an entry as written into normalized tokens and wildcard flags.

    Parameters
    ----------
    written : str
        The entry, e.g. ``"حكومة الوفاق"`` or ``"مليشي*"``.
    source : str
        File name for error messages.
    row : int
        Row number for error messages.
    folding : Folding, optional
        Letter foldings (must be those of the text).

    Returns
    -------
    words, wildcard, token_kinds : tuple
        Normalized tokens, whether each is a wildcard, and their kinds.

    Raises
    ------
    FramingInputError
        For entries that cannot match anything.
    """
    words: list[str] = []
    wildcard: list[bool] = []
    kinds: list[str] = []
    for word in written.split():
        is_wildcard = word.endswith(WILDCARD)
        body = word[:-1] if is_wildcard else word
        if WILDCARD in body:
            raise FramingInputError(
                source, f"entry {written!r}: '*' may only end a word (it stands for the rest of that word).", row=row
            )
        spans = list(iter_token_spans(body))
        if not spans:
            raise FramingInputError(
                source,
                f"entry {written!r}: the word {word!r} has no letters, digits or punctuation to match.",
                row=row,
            )
        for k, (start, end, kind) in enumerate(spans):
            norm = normalize(body[start:end], folding)
            if not norm:
                raise FramingInputError(
                    source, f"entry {written!r}: {body[start:end]!r} normalizes to nothing.", row=row
                )
            words.append(norm)
            kinds.append(kind)
            wildcard.append(is_wildcard and k == len(spans) - 1)
        if is_wildcard and len(words[-1]) < MIN_WILDCARD_STEM:
            raise FramingInputError(
                source,
                f"entry {written!r}: the wildcard stem {words[-1]!r} is shorter than {MIN_WILDCARD_STEM} letters "
                "and would match almost every word.",
                row=row,
            )
    if not words:
        raise FramingInputError(source, "empty entry.", row=row)
    if len(kinds) > 1 and kinds[0] == "arabic" and kinds[1] in ("latin", "number"):
        first_end = next(iter_token_spans(written))[1]
        if written[first_end : first_end + 1] not in (" ", ""):
            raise FramingInputError(
                source,
                f"entry {written!r}: starts with Arabic glued to a Latin word or number; write the word alone "
                "(proclitics such as والـ are recognised automatically).",
                row=row,
            )
    return tuple(words), tuple(wildcard), tuple(kinds)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read ({error.strerror}).") from None
    if not data.strip():
        raise FramingInputError(path, "is empty; a lexicon needs a header row and at least one entry.")
    text, _ = decode_bytes(data, path)
    reader = csv.reader(text.splitlines())
    try:
        rows = list(reader)
    except csv.Error as error:
        raise FramingInputError(path, f"is not valid CSV ({error}).", row=reader.line_num) from None
    header = [cell.strip() for cell in rows[0]]
    return header, [(number, row) for number, row in enumerate(rows[1:], start=2)]


def load_lexicon(path: str | Path, schema: LexiconSchema, *, folding: Folding = DEFAULT_FOLDING) -> Lexicon:
    """Read, validate and compile one lexicon file.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    schema : LexiconSchema
        :data:`ACTORS` or :data:`TERMS`.
    folding : Folding, optional
        Letter foldings (must be those used for the text).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Listing every problem: missing columns, empty cells, rows with extra
        cells, entries that cannot match, duplicates, and one normalized form
        under two labels.
    """
    path = Path(path)
    source = path.name
    header, rows = _read_rows(path)
    _check_header(path, header, schema)
    problems: list[FramingInputError] = []
    notes: list[str] = []
    entries: list[Entry] = []
    records: list[dict] = []
    seen: dict[tuple, Entry] = {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            notes.append(f"{source}, row {number}: blank row, ignored")
            continue
        try:
            entry, record = _entry_of_row(path, header, cells, number, schema, folding)
            _check_unique(path, entry, seen.get(entry.key))
        except FramingInputError as error:
            problems.append(error)
            continue
        seen[entry.key] = entry
        entries.append(entry)
        records.append({"row": number, **record})
    problems.extend(_generated_rows(path, entries))
    if problems:
        raise LexiconError(sorted(problems, key=lambda p: p.row or 0))
    if not entries:
        raise LexiconError([FramingInputError(path, "has a header but no entries.")])
    return Lexicon(schema.kind, entries, records, notes, path=str(path), sha256=file_sha256(path))


def _check_header(path: Path, header: list[str], schema: LexiconSchema) -> None:
    missing = [c for c in schema.required if c not in header]
    if missing:
        problem = (
            f"missing column(s) {', '.join(missing)}; the header row has {', '.join(header) or 'nothing'} "
            f"but {'an' if schema.kind[0] in 'aeiou' else 'a'} {schema.kind} lexicon needs {', '.join(schema.required)}."
        )
        raise LexiconError([FramingInputError(path, problem, row=1)])
    if len(set(header)) != len(header):
        raise LexiconError([FramingInputError(path, f"the header repeats a column name: {header}.", row=1)])


def _entry_of_row(
    path: Path, header: list[str], cells: list[str], number: int, schema: LexiconSchema, folding: Folding
) -> tuple[Entry, dict[str, str]]:
    """The compiled entry of one data row, or :class:`FramingInputError` naming the row."""
    if len(cells) > len(header):
        raise FramingInputError(
            path,
            f"has {len(cells)} cells but the header has {len(header)} (a comma inside an entry must be quoted).",
            row=number,
        )
    record = dict(zip(header, (cell.strip() for cell in cells)))
    record.update({c: "" for c in header if c not in record})
    label = record[schema.label_column]
    written = record[schema.entry_column]
    category = record[schema.category_column] if schema.category_column else record.get("type", "")
    empty = [c for c in schema.required if not record[c]]
    if empty:
        raise FramingInputError(path, f"empty {' and '.join(empty)}.", row=number)
    words, wildcard, kinds = parse_entry(written, source=str(path), row=number, folding=folding)
    rules = parse_rules(record, (words, wildcard), source=path, row=number, folding=folding)
    entry = Entry(schema.kind, label, category, written, words, wildcard, kinds, path.name, number, rules)
    return entry, record


def _check_unique(path: Path, entry: Entry, previous: Entry | None) -> None:
    """One normalized form may appear once, under one label."""
    if previous is None:
        return
    if (previous.label, previous.category) == (entry.label, entry.category):
        problem = (
            f"{entry.written!r} duplicates row {previous.row} ({previous.written!r}) after normalization; "
            "delete one of them."
        )
    else:
        problem = (
            f"{entry.written!r} normalizes to the same form as row {previous.row} ({previous.written!r}), "
            f"which is filed under {previous.label!r}/{previous.category!r}, not {entry.label!r}/{entry.category!r}; "
            "one form can have only one label."
        )
    raise FramingInputError(path, problem, row=entry.row)


def _generated_rows(path: Path, entries: list[Entry]) -> list[FramingInputError]:
    """Rows that are only spellings the matcher generates from another row (لحفتر next to حفتر)."""
    from .forms import generated_duplicates  # forms needs Entry from this module

    return [
        FramingInputError(
            path,
            f"{entry.written!r} is a form the matcher generates from row {generator.row} "
            f"({generator.written!r}, filed under {generator.label!r}); delete this row, or give "
            "that row rules (clitics, suffixes, inner_article) that exclude this form.",
            row=entry.row,
        )
        for entry, generator in generated_duplicates(entries)
    ]


def load_ignore(path: str | Path | None = None, *, folding: Folding = DEFAULT_FOLDING) -> Lexicon:
    """Load an ignore list: phrases that cancel any entry they contain.

    The bundled ``data/lexicons/ignore.csv`` by default.  Columns ``phrase``
    and optional ``applies_to`` (``actor``, ``term`` or ``both``; empty is
    both) and ``note``; the rule columns apply as to entries (``clitics``).
    Each phrase's ``category`` is its ``applies_to``.

    Raises
    ------
    LexiconError
        Listing every problem by row, as for the other lexicons.
    """
    path = Path(path) if path is not None else data_path("lexicons", "ignore.csv")
    lexicon = load_lexicon(path, IGNORE, folding=folding)
    applies = {int(r["row"]): (r.get("applies_to") or "both").strip().lower() for r in lexicon.records}
    wrong = [
        FramingInputError(path, f"applies_to {value!r} is not one of {', '.join(IGNORE_APPLIES_TO)}.", row=row)
        for row, value in applies.items()
        if value not in IGNORE_APPLIES_TO
    ]
    if wrong:
        raise LexiconError(wrong)
    entries = [
        Entry(e.kind, e.label, applies[e.row], e.written, e.words, e.wildcard, e.token_kinds, e.source, e.row, e.rules)
        for e in lexicon.entries
    ]
    return Lexicon(lexicon.kind, entries, lexicon.records, lexicon.notes, path=lexicon.path, sha256=lexicon.sha256)


def load_actors(path: str | Path | None = None, *, folding: Folding = DEFAULT_FOLDING) -> Lexicon:
    """Load an actor lexicon; the bundled ``data/lexicons/actors.csv`` by default."""
    return load_lexicon(path or default_actors_path(), ACTORS, folding=folding)


def load_terms(path: str | Path | None = None, *, folding: Folding = DEFAULT_FOLDING) -> Lexicon:
    """Load a loaded-term lexicon; the bundled ``data/lexicons/loaded_terms.csv`` by default."""
    return load_lexicon(path or default_terms_path(), TERMS, folding=folding)


def load_sources(path: str | Path | None = None, *, folding: Folding = DEFAULT_FOLDING) -> Lexicon:
    """Load an anonymous-source lexicon; the bundled ``data/lexicons/sources.csv`` by default."""
    return load_lexicon(path or default_sources_path(), SOURCES, folding=folding)


CATEGORY_COLUMNS = ("category", "name_en", "name_ar", "description")


def load_categories(path: str | Path | None = None) -> pd.DataFrame:
    """Load the display names of term categories (``data/lexicons/categories.csv``).

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``category, name_en, name_ar, description``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``category``.

    Raises
    ------
    LexiconError
        Missing columns, empty cells or a category listed twice, by row.
    """
    import pandas as pd

    path = Path(path) if path is not None else data_path("lexicons", "categories.csv")
    header, rows = _read_rows(path)
    missing = [c for c in CATEGORY_COLUMNS[:3] if c not in header]
    if missing:
        raise LexiconError([FramingInputError(path, f"missing column(s) {', '.join(missing)}.", row=1)])
    problems: list[FramingInputError] = []
    records: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        record = dict(zip(header, (c.strip() for c in cells)))
        empty = [c for c in CATEGORY_COLUMNS[:3] if not record.get(c)]
        if empty:
            problems.append(FramingInputError(path, f"empty {' and '.join(empty)}.", row=number))
        elif record["category"] in seen:
            problems.append(
                FramingInputError(
                    path,
                    f"category {record['category']!r} is already listed in row {seen[record['category']]}.",
                    row=number,
                )
            )
        else:
            seen[record["category"]] = number
            records.append(record)
    if problems:
        raise LexiconError(problems)
    return pd.DataFrame(records).set_index("category")


def display_names(lexicon: Lexicon) -> dict[str, str]:
    """Map each label to the first Arabic spelling listed for it (for figures).

    Parameters
    ----------
    lexicon : Lexicon
        An actor lexicon (labels are English names) or a term lexicon.

    Returns
    -------
    dict
        ``{"Khalifa Haftar": "خليفة حفتر", ...}``: the first entry of the label
        that has Arabic letters, else its first entry.
    """
    names: dict[str, str] = {}
    for entry in lexicon.entries:
        has_arabic = "arabic" in entry.token_kinds
        current = names.get(entry.label)
        if current is None or (has_arabic and not arabic.has_arabic_letter(current)):
            names[entry.label] = entry.written
    return names

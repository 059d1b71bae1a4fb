"""Load and validate the actor and loaded-term lexicons (CSV files or Excel workbooks).

A lexicon is a CSV file or an ``.xlsx`` workbook a researcher edits in a
spreadsheet; every form spreadsheet programs save is read the same way (see
:mod:`analysis.corpus.tabular`).  ``actors.csv``
has ``actor,alias`` (one alias a row) and optional ``type, camp, note``;
``loaded_terms.csv`` has ``term,category`` and optional ``gloss, note``.
Both may have the optional rule columns of :mod:`analysis.lexicon_rules`
(``clitics, suffixes, inner_article, context, context_scope, exclude``).
An ignore list (``ignore.csv``: ``phrase`` and optional ``applies_to``,
``note``) holds phrases that cancel any entry they contain.

A file may keep its own header names: ``columns`` maps the known names to
them (``{"term": "الكلمة", "category": "الفئة"}``; ``terms_columns`` in
``framing.toml``, ``--lexicon-column terms.term=الكلمة`` on the command line).
The header is read as if renamed, so every check below, the lexicon's rows
and its hits use the known names; the lexicon's origin and notes say that a
mapping was used.

A column the loader does not know is kept as metadata and named in the
lexicon's notes, unless its name is close to a known column the file lacks
(``exlude``, ``Type``, ``kind`` for ``type``): that is an error suggesting the
known name, so that a misspelled rule column is never silently ignored.

Entries are normalized like the text.  A trailing ``*`` on a word is a
wildcard for the rest of that word.  Every problem is reported with the file
and the spreadsheet row (the header is row 1), all at once, and nothing is
skipped silently.
"""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import arabic
from .corpus.tabular import (
    NonTextCell,
    TableFile,
    column_letter,
    header_row_below,
    kept_columns,
    read_table_file,
    trim_table,
)
from .errors import FramingInputError, LexiconError, config_file
from .lexicon_rules import DEFAULT_RULES, RULE_COLUMNS, EntryRules, Phrase, parse_rules
from .normalize import DEFAULT_FOLDING, Folding, normalize
from .paths import data_path, default_actors_path, default_ignore_path, default_sources_path, default_terms_path
from .provenance import file_sha256
from .tokenize import iter_token_spans

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    import pandas as pd

WILDCARD = "*"
#: A wildcard stem shorter than this matches too much to be meant.
MIN_WILDCARD_STEM = 2
#: Marks a spreadsheet user types between several aliases or terms in one cell
#: ("|" as in the rule cells, Arabic and Latin commas and semicolons, a slash).
#: An entry is matched as one phrase, marks included, so such a cell never counts.
LIST_SEPARATORS: tuple[str, ...] = ("|", arabic.ARABIC_COMMA, ",", arabic.ARABIC_SEMICOLON, ";", "/")


@dataclass(frozen=True)
class LexiconSchema:
    """Column names of one kind of lexicon (any other column is kept as metadata).

    ``optional`` are the known metadata columns (the rule columns are known
    to every kind); ``synonyms`` map names researchers use for a known column
    (``kind`` for ``type``) to it; ``sheets`` are the worksheet names read
    from a workbook with several sheets.
    """

    kind: str
    label_column: str
    entry_column: str
    category_column: str | None
    optional: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()
    sheets: tuple[str, ...] = ()

    @property
    def known(self) -> tuple[str, ...]:
        """Every column this kind of lexicon reads."""
        return tuple(dict.fromkeys((*self.required, self.label_column, *self.optional, *RULE_COLUMNS)))

    @property
    def required(self) -> tuple[str, ...]:
        columns = (self.label_column, self.entry_column)
        return columns if self.category_column is None else (self.entry_column, self.category_column)


ACTORS = LexiconSchema(
    "actor", "actor", "alias", None, ("type", "camp", "note"),
    (("kind", "type"), ("category", "type"), ("class", "type"), ("name", "actor"), ("label", "actor"),
     ("entry", "alias"), ("side", "camp"), ("notes", "note")),
    ("actors",),
)  # fmt: skip
TERMS = LexiconSchema(
    "term", "term", "term", "category", ("gloss", "note"),
    (("type", "category"), ("kind", "category"), ("class", "category"), ("word", "term"), ("entry", "term"),
     ("phrase", "term"), ("translation", "gloss"), ("meaning", "gloss"), ("notes", "note")),
    ("loaded_terms", "terms"),
)  # fmt: skip
SOURCES = LexiconSchema(
    "source", "term", "term", "source_type", ("gloss", "note"), (("type", "source_type"),), ("sources",)
)
#: The ignore list: phrases that win over any entry by longest match and cancel it.
IGNORE = LexiconSchema(
    "ignore", "phrase", "phrase", None, ("applies_to", "head_of", "note"), (("entry", "phrase"),), ("ignore",)
)
#: The kinds of lexicon by their name in framing.toml's [lexicons] (``terms_columns``) and ``--lexicon-column terms.term=``.
SCHEMAS: dict[str, LexiconSchema] = {"actors": ACTORS, "terms": TERMS, "ignore": IGNORE, "sources": SOURCES}
#: How close (difflib ratio) an unknown column name must be to a known one to be called a misspelling.
CLOSE_COLUMN = 0.8
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
        Things a researcher should know that are not errors (blank rows,
        columns kept as metadata).
    origin : str
        The file and how it was read (``"my.xlsx (Excel workbook, sheet
        'actors')"``; ``bundled`` for the package's own), as the command
        prints it.
    path : str or None
        The file it was loaded from, as given (for the provenance manifest).
    sha256 : str or None
        The SHA-256 of that file's bytes when it was loaded.
    columns : dict
        Known column name -> the file's header name it was read from
        (``{"term": "الكلمة"}``); empty when the header has the known names.
    """

    kind: str
    entries: list[Entry]
    records: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    origin: str = ""
    path: str | None = None
    sha256: str | None = None
    columns: dict[str, str] = field(default_factory=dict)

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
        if not spans and is_wildcard and not body:
            raise FramingInputError(
                source, f"entry {written!r}: a '*' alone would match every word; write the start of a word before "
                "it (مليشي*), or remove it.", row=row,
            )  # fmt: skip
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
    if words and not any(char.isalnum() for char in written):
        # An alias "." or "-" would make every such mark in every article a mention.
        raise FramingInputError(
            source, f"entry {written!r} has no letter or digit: it would match every such mark; remove it.", row=row
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


def _read_rows(
    path: Path, sheets: tuple[str, ...] = (), sheet: str | None = None, expect: tuple[str, ...] = ()
) -> tuple[list[str], list[tuple[int, list[str]]], TableFile]:
    """The header and numbered data rows of a lexicon file, trimmed of what spreadsheets add."""
    table = read_table_file(path, sheet=sheet, preferred_sheets=sheets, expect=expect, refuse_unsaved_formulas=True)
    header, rows = trim_table(table.rows)
    if not any(header) and not rows:
        raise FramingInputError(path, "is empty; a lexicon needs a header row and at least one entry.")
    return header, rows, table


def config_name(schema: LexiconSchema) -> str:
    """The name of a kind of lexicon in framing.toml and ``--lexicon-column`` (``terms`` for :data:`TERMS`)."""
    return next(name for name, known in SCHEMAS.items() if known == schema)


def column_map_problems(columns: Mapping[str, Any], schema: LexiconSchema, where: str | None = None) -> list[str]:
    """What is wrong with a column mapping whatever the file: unknown keys, empty names, one name for two keys.

    Parameters
    ----------
    columns : mapping
        Known column name -> the file's header name.
    schema : LexiconSchema
        The kind of lexicon the mapping is for.
    where : str, optional
        Where the mapping was given, to start each sentence (default: ``terms_columns`` ...).

    Returns
    -------
    list of str
        One sentence per problem; empty when the mapping can be applied.

    Examples
    --------
    >>> column_map_problems({"trem": "word"}, TERMS)[0][-30:]
    "exclude); did you mean 'term'?"
    """
    where = where or f"{config_name(schema)}_columns"
    problems = []
    for key, name in columns.items():
        if key not in schema.known:
            close = difflib.get_close_matches(key, schema.known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else "."
            problems.append(
                f"{where}: {key!r} is not a column of {_a(schema.kind)} {schema.kind} lexicon "
                f"({', '.join(schema.known)}){hint}"
            )
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: {key!r} must name a header cell of the file, got {name!r}.")
    by_name: dict[str, list[str]] = {}
    for key, name in columns.items():
        if isinstance(name, str) and name.strip():
            by_name.setdefault(name.strip(), []).append(key)
    problems.extend(
        f"{where}: {' and '.join(map(repr, keys))} are mapped to the same header name {name!r}; "
        "a header cell can stand for one column only."
        for name, keys in by_name.items()
        if len(keys) > 1
    )
    return problems


def _header_below(rows: Sequence[tuple[int, list[str]]], names: Sequence[str]) -> str:
    """A hint when a row just below row 1 holds all ``names`` (:func:`~analysis.corpus.tabular.header_row_below`).

    >>> _header_below([(2, ["term", "category"])], ["term", "category"])[:34]
    ' Row 2 holds the column names term'
    """
    found = header_row_below(rows, names)
    if found is None:
        return ""
    return (
        f" Row {found[0]} holds the column names {', '.join(names)}: delete the row(s) above it (a title a "
        "spreadsheet put above the header), so that the header is row 1."
    )


def _other_kind(header: list[str], schema: LexiconSchema) -> LexiconSchema | None:
    """The other kind of lexicon whose required columns the header has (a term file given as the actor lexicon)."""
    return next((kind for kind in SCHEMAS.values() if kind != schema and all(c in header for c in kind.required)), None)


def _wrong_kind(found: LexiconSchema, wanted: LexiconSchema) -> str:
    """The problem of a lexicon of the kind ``found`` given where one of the kind ``wanted`` is read.

    Examples
    --------
    >>> print(_wrong_kind(TERMS, ACTORS))  # doctest: +NORMALIZE_WHITESPACE
    is a term lexicon (its header has term, category), not an actor lexicon (actor, alias): give the actor lexicon
    here (ACTORS_CSV in a notebook's parameters cell, actors under [lexicons] of framing.toml, --actors of framing)
    """
    name = config_name(wanted)
    option = "" if name == "sources" else f", --{name} of framing"  # notebook 03 alone reads the sources
    return (
        f"is {_a(found.kind)} {found.kind} lexicon (its header has {', '.join(dict.fromkeys(found.required))}), "
        f"not {_a(wanted.kind)} {wanted.kind} lexicon ({', '.join(dict.fromkeys(wanted.required))}): give the "
        f"{wanted.kind} lexicon here ({name.upper()}_CSV in a notebook's parameters cell, {name} under [lexicons] of "
        f"{config_file()}{option})"
    )


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _mapped_header(
    path: Path,
    header: list[str],
    columns: Mapping[str, str],
    schema: LexiconSchema,
    rows: Sequence[tuple[int, list[str]]] = (),
) -> list[str]:
    """The header with the file's own names replaced by the known names ``columns`` maps to them.

    Raises
    ------
    LexiconError
        For the problems of :func:`column_map_problems`, a mapped name the
        header lacks (listing the header's names), and a known name that is
        both mapped and in the header.
    """
    problems = column_map_problems(columns, schema)
    if not problems:
        where = f"{config_name(schema)}_columns"
        present = ", ".join(repr(c) for c in header if c) or "nothing"
        targets = {name.strip() for name in columns.values()}
        title = _header_below(rows, [n for n in dict.fromkeys(c.strip() for c in columns.values()) if n not in header])
        for key, name in columns.items():
            if name.strip() not in header:
                problems.append(
                    f"{where} maps {key!r} to {name.strip()!r}, but the header row has no such column; "
                    f"it has {present} (write the name exactly as in the header cell).{title}"
                )
            elif header.count(name.strip()) > 1:  # named here: once mapped, the file's name is gone
                problems.append(
                    f"{where} maps {key!r} to {name.strip()!r}, but the header row has {header.count(name.strip())} "
                    f"columns {name.strip()!r}; rename all but one of them."
                )
            elif key in header and key not in targets:  # two columns would then be called key
                problems.append(
                    f"{where} maps {key!r} to {name.strip()!r}, but the header row also has a column {key!r}; "
                    f"remove the mapping of {key!r} or rename one of the two header cells."
                )
    if problems:
        raise LexiconError([FramingInputError(path, problem, row=1) for problem in problems])
    known_of = {name.strip(): key for key, name in columns.items()}
    return [known_of.get(name, name) for name in header]


def read_lexicon_rows(
    path: Path, schema: LexiconSchema, sheet: str | None = None, columns: Mapping[str, str] | None = None
) -> tuple[list[str], list[tuple[int, list[str]]], TableFile]:
    """The header (under the known names ``columns`` maps to the file's) and the numbered rows of a lexicon file."""
    columns = columns or {}
    # The separator is sniffed from the names the file really has.
    expect = tuple(str(columns.get(c, c)).strip() for c in schema.required)
    header, rows, table = _read_rows(path, schema.sheets, sheet, expect)
    return (_mapped_header(path, header, columns, schema, rows) if columns else header), rows, table


def load_lexicon(
    path: str | Path,
    schema: LexiconSchema,
    *,
    folding: Folding = DEFAULT_FOLDING,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Lexicon:
    """Read, validate and compile one lexicon file.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8 with or without BOM, UTF-16 with BOM or
        Windows-1256; comma, semicolon or tab separated) or ``.xlsx``
        workbook.
    schema : LexiconSchema
        :data:`ACTORS` or :data:`TERMS`.
    folding : Folding, optional
        Letter foldings (must be those used for the text).
    sheet : str, optional
        The worksheet of a workbook; by default its only sheet, or the one
        named after the lexicon (``actors``, ``loaded_terms`` or ``terms``,
        ``ignore``, ``sources``).
    columns : mapping, optional
        The file's own header names of known columns, e.g. ``{"term":
        "الكلمة", "category": "الفئة"}``; the lexicon's rows and hits use the
        known names all the same.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Listing every problem: a mapping that names a column the header
        lacks, a key that is no column of this kind, or two keys mapped to one
        header name; missing or misspelled columns, a column with
        values but no name, empty cells, rows with extra cells, entries that
        cannot match, duplicates, and one normalized form under two labels.
    """
    if not isinstance(path, (str, Path)):  # bytes: a bare TypeError from Path() otherwise
        raise FramingInputError(repr(path)[:80], "is not a path: give a str or Path.")
    path = Path(path)
    source = path.name
    columns = dict(columns or {})
    header, rows, table = read_lexicon_rows(path, schema, sheet, columns)
    notes = _check_header(path, header, rows, schema, kept_columns(table.rows))
    if columns:
        notes.insert(0, f"{source}: header read with {config_name(schema)}_columns: {_describe_columns(columns)}")
    problems: list[FramingInputError] = []
    entries: list[Entry] = []
    records: list[dict] = []
    seen: dict[tuple, Entry] = {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            notes.append(f"{source}, row {number}: blank row, ignored")
            continue
        try:
            entry, record = _entry_of_row(path, header, cells, number, schema, folding, table.merged)
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
    origin = lexicon_origin(path, table, columns)
    return Lexicon(
        schema.kind, entries, records, notes, origin, path=str(path), sha256=file_sha256(path), columns=columns
    )


def _merged_hint(row: int, merged: Sequence[tuple[int, int, str]]) -> str:
    """Why a cell of ``row`` reads as empty when the row lies in merged cells below their first row ("" if not)."""
    where = next((ref for first, last, ref in merged if first < row <= last), None)
    if where is None:
        return ""
    return (
        f" The row lies in the merged cells {where}, whose value is in their first row only (the others read as "
        "empty): unmerge them and fill the value into every row."
    )


def lexicon_origin(path: Path, table: TableFile, columns: Mapping[str, str] | None = None) -> str:
    """The file and how it was read, ``bundled`` for the package's own lexicons, and the header mapping if any."""
    bundled = path.resolve().parent == data_path("lexicons").resolve()
    mapped = f", columns {_describe_columns(columns)}" if columns else ""
    return f"{path} ({'bundled, ' if bundled else ''}{table.describe()}{mapped})"


def _describe_columns(columns: Mapping[str, str]) -> str:
    """``term = 'الكلمة', category = 'الفئة'``: a mapping as messages and provenance show it."""
    return ", ".join(f"{key} = {name.strip()!r}" for key, name in columns.items())


def _check_header(
    path: Path,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    schema: LexiconSchema,
    positions: Sequence[int] = (),
) -> list[str]:
    """Raise for missing, misspelled, unnamed or repeated columns; return notes on columns kept as metadata.

    ``positions`` are the columns' places in the file (:func:`~analysis.corpus.tabular.kept_columns`),
    so that a column is named by its letter in the spreadsheet.
    """
    missing = [c for c in schema.required if c not in header]
    other_kind = _other_kind(header, schema) if missing else None
    if other_kind is not None:  # renaming columns, as the problems below would advise, is not the fix: the file is
        raise LexiconError([FramingInputError(path, _wrong_kind(other_kind, schema), row=1)])
    title = _header_below(rows, schema.required) if missing else ""
    # Under a title row, the header's unnamed columns are the title's empty cells: the title is the one problem.
    unnamed = [] if title else _unnamed_columns(header, rows, positions)
    problems = [FramingInputError(path, text, row=1) for text in unnamed]

    def cell(name: str) -> str:  # the header cell of a column: "C1"
        j = header.index(name)
        return f"{column_letter(positions[j] if positions else j)}1"

    notes: list[str] = []
    meant: dict[str, str] = {}  # a missing required column -> the column that looks like it
    for name in dict.fromkeys(c for c in header if c and c not in schema.known):
        suggestion = _close_column(name, header, schema)
        if suggestion is None:
            notes.append(f"{path.name}: column {name!r} is not one the loader reads; kept as metadata")
        elif suggestion in schema.required:
            meant.setdefault(suggestion, name)
        else:
            problems.append(FramingInputError(path, (
                f"unknown column {name!r}: did you mean {suggestion!r}? Rename header cell {cell(name)} from "
                f"{name!r} to {suggestion!r} (otherwise it would be ignored); a column of your own needs a name "
                f"not close to {', '.join(schema.known)}."
            ), row=1))  # fmt: skip
    if missing:
        hints = "".join(
            f" Is {meant[c]!r} meant as {c!r}? Rename header cell {cell(meant[c])} from {meant[c]!r} to {c!r}."
            for c in missing
            if c in meant
        )
        unhinted = [c for c in missing if c not in meant]
        if unhinted:  # names in another language, or nothing close: the fix is still a renamed header cell
            other = "the other column(s)" if len(unhinted) < len(missing) else "the column(s)"
            hints += f" Name {other} in row 1 with the English name(s) {', '.join(unhinted)}."
        # The other way: a file that must keep its header (shared, in another language) is read through a mapping.
        # Every missing column, in both forms that can be pasted (NAME where no header cell looks like it).
        name = config_name(schema)
        cells = {c: meant.get(c, "NAME") for c in missing}
        table = ", ".join(f"{c} = {_toml_string(cells[c])}" for c in missing)
        options = " ".join(f"--lexicon-column {shlex.quote(f'{name}.{c}={cells[c]}')}" for c in missing)
        python = ", ".join(f"{c!r}: {cells[c]!r}" for c in missing)
        hints += (
            f" Or keep the header and map it: {name}_columns = {{ {table} }} under [lexicons] of {config_file()}, "
            f"or {options}, or in Python load_{name}(path, columns={{{python}}})."
        )
        hints = title + hints
        problems.append(FramingInputError(path, (
            f"missing column(s) {', '.join(missing)}; the header row has {', '.join(filter(None, header)) or 'nothing'} "
            f"but {_a(schema.kind)} {schema.kind} lexicon needs {', '.join(schema.required)}."
            + hints
        ), row=1))  # fmt: skip
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        problems.append(FramingInputError(path, f"the header repeats the column name(s) {', '.join(repeated)}.", row=1))
    if problems:
        raise LexiconError(problems)
    return notes


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string, to paste into ``framing.toml``: ``"word"``, ``"a \\"b\\""``.

    >>> _toml_string('الكلمة')
    '"الكلمة"'
    >>> _toml_string('a "b"')
    '"a \\\\"b\\\\""'
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close_column(name: str, header: list[str], schema: LexiconSchema) -> str | None:
    """The known column the file lacks that ``name`` is a misspelling or a synonym of, if any."""
    absent = [c for c in schema.known if c not in header]
    folded = name.strip().casefold().replace(" ", "_").replace("-", "_")
    synonyms = {alias: target for alias, target in schema.synonyms if target in absent}
    if folded in absent:
        return folded
    if folded in synonyms:
        return synonyms[folded]
    close = difflib.get_close_matches(folded, absent, n=1, cutoff=CLOSE_COLUMN)
    return close[0] if close else None


def _unnamed_columns(header: list[str], rows: list[tuple[int, list[str]]], positions: Sequence[int] = ()) -> list[str]:
    """A problem for each column with values but no name (empty unnamed columns were trimmed)."""
    problems = []
    for j, name in enumerate(header):
        if not name:
            filled = [number for number, cells in rows if j < len(cells) and cells[j].strip()]
            problems.append(
                f"column {column_letter(positions[j] if positions else j)} has no name in the header row but has values (row(s) "
                f"{', '.join(map(str, filled[:5]))}{' ...' if len(filled) > 5 else ''}): name the column, "
                "delete it, or quote the comma inside an entry."
            )
    return problems


def non_text_phrase_cells(path: Path, header: list[str], cells: list[str], number: int) -> list[FramingInputError]:
    """A problem for each ``context`` or ``exclude`` cell of a workbook row that holds a number, date or boolean.

    A spreadsheet makes a date of what was typed (``1/2``) and shows it in its own way: compiled as a cue
    it would be a phrase no text holds, and the row would silently never count.
    """
    return [
        FramingInputError(
            path,
            f"the {column} cell holds {cell.describe()}, not text: cues and phrases are words; if you mean it, "
            f"format the cell as Text in the spreadsheet (or type it with a leading apostrophe: '{cell}).",
            row=number,
        )
        for column, cell in zip(header, cells)
        if column in ("context", "exclude") and isinstance(cell, NonTextCell)
    ]


def _entry_of_row(
    path: Path,
    header: list[str],
    cells: list[str],
    number: int,
    schema: LexiconSchema,
    folding: Folding,
    merged: Sequence[tuple[int, int, str]] = (),
) -> tuple[Entry, dict[str, str]]:
    """The compiled entry of one data row, or :class:`FramingInputError` naming the row."""
    if len(cells) > len(header):
        raise FramingInputError(
            path,
            f"has {len(cells)} cells but the header has {len(header)} (a comma inside an entry must be quoted).",
            row=number,
        )
    if len(cells) < len(header):  # a spreadsheet writes every column: a lost separator, or a row typed by hand
        raise FramingInputError(
            path,
            f"has {len(cells)} cell(s) but the header has {len(header)} ({', '.join(header)}): give the row a cell "
            "for every column, empty ones included (a separator lost, or the row cut?).",
            row=number,
        )
    entry_cell = cells[header.index(schema.entry_column)]
    if isinstance(entry_cell, NonTextCell):  # 2020, or a date a spreadsheet made of what was typed
        raise FramingInputError(
            path,
            f"the {schema.entry_column} cell holds {entry_cell.describe()}, not text: if you mean it, format the "
            f"cell as Text in the spreadsheet (or type it with a leading apostrophe: '{entry_cell}).",
            row=number,
        )
    non_text = non_text_phrase_cells(path, header, cells, number)
    if non_text:
        raise non_text[0]
    record = dict(zip(header, (cell.strip() for cell in cells)))
    record.update({c: "" for c in header if c not in record})
    label = record[schema.label_column]
    written = record[schema.entry_column]
    category = record[schema.category_column] if schema.category_column else record.get("type", "")
    empty = [c for c in schema.required if not record[c]]
    if empty:
        raise FramingInputError(path, f"empty {' and '.join(empty)}.{_merged_hint(number, merged)}", row=number)
    listed = listed_entries(written)
    if listed is not None:
        raise FramingInputError(path, _several_entries_problem(schema, *listed), row=number)
    words, wildcard, kinds = parse_entry(written, source=str(path), row=number, folding=folding)
    rules = parse_rules(record, (words, wildcard), source=path, row=number, folding=folding)
    entry = Entry(schema.kind, label, category, written, words, wildcard, kinds, path.name, number, rules)
    return entry, record


def listed_entries(written: str) -> tuple[str, list[str]] | None:
    """The separator and the parts when a cell lists several entries (``الحوثيين، الحوثي``), else None.

    A cell is a list when one of :data:`LIST_SEPARATORS` splits it into two or
    more parts that each hold a letter; a mark with nothing on one side
    (``حفتر،``) is not a list.

    Examples
    --------
    >>> listed_entries("الحوثيين، الحوثيون")
    ('،', ['الحوثيين', 'الحوثيون'])
    >>> listed_entries("أنصار الله") is None, listed_entries("حفتر،") is None
    (True, True)
    """
    for separator in LIST_SEPARATORS:
        parts = [part.strip() for part in written.split(separator)]
        if len(parts) > 1 and all(any(char.isalpha() for char in part) for part in parts):
            return separator, parts
    return None


def _several_entries_problem(schema: LexiconSchema, separator: str, parts: list[str]) -> str:
    """Why a cell that lists several entries is refused, and how to write them."""
    column = schema.entry_column
    return (
        f"the {column} cell lists {len(parts)} entries separated by {separator!r} "
        f"({', '.join(map(repr, parts))}): an entry is matched as one phrase, the {separator!r} included, so "
        f"this row would count only that exact list in a text. Write one {column} per row: {len(parts)} rows, each with one of them "
        f"and the row's other cells copied ('|' separates cues in the rule cells only)."
    )


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


def load_ignore(
    path: str | Path | None = None,
    *,
    folding: Folding = DEFAULT_FOLDING,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Lexicon:
    """Load an ignore list: phrases that cancel any entry they contain.

    The bundled ``data/lexicons/ignore.csv`` by default.  Columns ``phrase``
    and optional ``applies_to`` (``actor``, ``term`` or ``both``; empty is
    both), ``head_of`` and ``note``; the rule columns apply as to entries (``clitics``).
    Each phrase's ``category`` is its ``applies_to``.  A row with ``head_of``
    (actor types, ``place|state``) is a name head: it cancels an alias of those
    types right after it (:func:`with_name_heads`), and applies to actors.  ``columns`` maps
    known names to the file's own header names, as for :func:`load_lexicon`.

    Raises
    ------
    LexiconError
        Listing every problem by row, as for the other lexicons.
    """
    path = Path(path) if path is not None else default_ignore_path()
    lexicon = load_lexicon(path, IGNORE, folding=folding, sheet=sheet, columns=columns)
    applies = {int(r["row"]): (r.get("applies_to") or "both").strip().lower() for r in lexicon.records}
    heads = name_head_types(lexicon)
    wrong = [
        FramingInputError(path, f"applies_to {value!r} is not one of {', '.join(IGNORE_APPLIES_TO)}.", row=row)
        for row, value in applies.items()
        if value not in IGNORE_APPLIES_TO
    ]
    wrong += [
        FramingInputError(
            path, f"head_of names actor types, so the row applies to actors, not {applies[row]!r}: write actor "
            "(or nothing) in its applies_to cell, or empty its head_of cell.", row=row,
        )
        for row in heads
        if applies[row] not in ("actor", "both")
    ]  # fmt: skip
    applies.update(dict.fromkeys(heads, "actor"))
    if wrong:
        raise LexiconError(wrong)
    entries = [
        Entry(e.kind, e.label, applies[e.row], e.written, e.words, e.wildcard, e.token_kinds, e.source, e.row, e.rules)
        for e in lexicon.entries
    ]
    return Lexicon(
        lexicon.kind, entries, lexicon.records, lexicon.notes, lexicon.origin,
        path=lexicon.path, sha256=lexicon.sha256, columns=lexicon.columns,
    )  # fmt: skip


def name_head_types(ignore: Lexicon) -> dict[int, frozenset[str]]:
    """The ignore list's name heads: row -> the actor types whose aliases the head turns into a name.

    A row with a ``head_of`` cell (``place|state``) is not a phrase of its own but the
    head word of names made with any alias of those types (``معهد`` + ``واشنطن``:
    the Washington Institute, not Washington); see :func:`with_name_heads`.

    Parameters
    ----------
    ignore : Lexicon
        As :func:`load_ignore` reads it.

    Returns
    -------
    dict
        Row number -> the types of its ``head_of`` cell (lower case; only rows with one).
    """
    heads = {}
    for record in ignore.records:
        types = head_of_types(record.get("head_of") or "")
        if types:
            heads[int(record["row"])] = types
    return heads


def head_of_types(cell: str) -> frozenset[str]:
    """The actor types of a ``head_of`` cell, lower case (empty for an empty cell).

    >>> sorted(head_of_types(" Place | state "))
    ['place', 'state']
    """
    return frozenset(t.strip().lower() for t in cell.split("|") if t.strip())


def with_name_heads(actors: Sequence[Entry], ignore: Lexicon | None) -> list[Entry]:
    """The actor entries, each alias of a name head's types excluded after that head.

    A name head (an ignore-list row with ``head_of``, such as ``معهد`` for ``place|state``)
    turns an alias right after it into part of a name: ``معهد واشنطن`` is the Washington
    Institute, not Washington.  Each such alias gets the exclusion phrase head + alias,
    checked like its ``exclude`` cell, so a longer entry still wins by longest match
    (``صحيفة واشنطن بوست`` counts the newspaper).  The head may carry و ف ب ك ل but not
    the article (a construct's head is indefinite: «طالبت الشركة فرنسا» counts France);
    the alias must stand as written, with no clitic of its own (``مؤتمر بموسكو``, a
    conference in Moscow, counts Moscow; ``مركز والرياض`` counts Riyadh).

    Parameters
    ----------
    actors : sequence of Entry
        The actor lexicon's entries (``category`` is the row's ``type``).
    ignore : Lexicon or None
        The ignore list (:func:`load_ignore`); None: the entries unchanged.

    Returns
    -------
    list of Entry
        The entries in order; those of a head's types with its phrases added to their rules.
    """
    types = name_head_types(ignore) if ignore is not None else {}
    if not types:
        return list(actors)
    heads = [e for e in ignore.entries if e.row in types] if ignore is not None else []
    changed = []
    for actor in actors:
        kind = actor.category.strip().lower()
        phrases = tuple(
            Phrase(
                f"{head.written} {actor.written}", head.words + actor.words, head.wildcard + actor.wildcard,
                head.token_kinds + actor.token_kinds, offset=len(head.words), clitics="no_article", head_row=head.row,
            )
            for head in heads
            if kind in types[head.row]
        )  # fmt: skip
        changed.append(
            replace(actor, rules=replace(actor.rules, exclude=actor.rules.exclude + phrases)) if phrases else actor
        )
    return changed


def load_actors(
    path: str | Path | None = None,
    *,
    folding: Folding = DEFAULT_FOLDING,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Lexicon:
    """Load an actor lexicon; the bundled ``data/lexicons/actors.csv`` by default.

    ``columns`` maps known names to the file's own header names (:func:`load_lexicon`).
    """
    return load_lexicon(path or default_actors_path(), ACTORS, folding=folding, sheet=sheet, columns=columns)


def load_terms(
    path: str | Path | None = None,
    *,
    folding: Folding = DEFAULT_FOLDING,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Lexicon:
    """Load a loaded-term lexicon; the bundled ``data/lexicons/loaded_terms.csv`` by default.

    ``columns`` maps known names to the file's own header names (:func:`load_lexicon`).
    """
    return load_lexicon(path or default_terms_path(), TERMS, folding=folding, sheet=sheet, columns=columns)


def load_sources(
    path: str | Path | None = None,
    *,
    folding: Folding = DEFAULT_FOLDING,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Lexicon:
    """Load an anonymous-source lexicon; the bundled ``data/lexicons/sources.csv`` by default.

    ``columns`` maps known names to the file's own header names (:func:`load_lexicon`).
    """
    return load_lexicon(path or default_sources_path(), SOURCES, folding=folding, sheet=sheet, columns=columns)


def load_lexicons(
    actors: str | Path | None = None,
    terms: str | Path | None = None,
    ignore: str | Path | None = None,
    *,
    columns: Mapping[str, Mapping[str, str]] | None = None,
    folding: Folding = DEFAULT_FOLDING,
) -> tuple[Lexicon, Lexicon, Lexicon | None]:
    """Load the actor and term lexicons and the ignore list, reporting the problems of every file at once.

    Loading them one after the other stops at the first file with a
    problem: a researcher who renamed the columns of two files would learn
    of the second only after mending the first.

    Parameters
    ----------
    actors, terms : str or pathlib.Path, optional
        The files; the bundled lexicons when ``None``.
    ignore : str or pathlib.Path, optional
        The ignore list; ``None`` or ``""``: none.
    columns : mapping, optional
        Each file's own header names by lexicon (``{"terms": {"term": "الكلمة"}}``),
        as ``[lexicons]`` of ``framing.toml`` holds them.
    folding : Folding, optional
        The letter foldings used for matching.

    Returns
    -------
    tuple of (Lexicon, Lexicon, Lexicon or None)
        The actors, the terms and the ignore list.

    Raises
    ------
    LexiconError
        Listing every problem of every file, file by file (a file that
        cannot be read is one problem).
    """
    columns = columns or {}
    loaders: list[tuple[str, Callable[..., Lexicon], str | Path | None]] = [
        ("actors", load_actors, actors),
        ("terms", load_terms, terms),
    ]
    if ignore not in (None, ""):
        loaders.append(("ignore", load_ignore, ignore))
    loaded: dict[str, Lexicon] = {}
    problems: list[FramingInputError] = []
    for name, loader, path in loaders:
        try:
            loaded[name] = loader(path, folding=folding, columns=columns.get(name))
        except LexiconError as error:
            problems += error.problems
        except FramingInputError as error:  # a file that cannot be read at all: still report the others
            problems.append(error)
    if problems:
        raise LexiconError(problems)
    return loaded["actors"], loaded["terms"], loaded.get("ignore")


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
    header, rows, _ = _read_rows(path, ("categories",), expect=CATEGORY_COLUMNS[:1])
    missing = [c for c in CATEGORY_COLUMNS[:3] if c not in header]
    if missing:
        raise LexiconError([FramingInputError(path, _categories_header_problem(header, missing), row=1)])
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


def _categories_header_problem(header: Sequence[str], missing: Sequence[str]) -> str:
    """What a categories file's header lacks, what it has, and how to fix it (it takes no column mapping).

    Examples
    --------
    >>> _categories_header_problem(["نوع", "الاسم"], ["category", "name_en", "name_ar"])  # doctest: +ELLIPSIS
    "missing column(s) category, name_en, name_ar; the header row has 'نوع', 'الاسم' but a categories file ..."
    """
    found = ", ".join(repr(c) for c in header if c) or "nothing"
    return (
        f"missing column(s) {', '.join(missing)}; the header row has {found} but a categories file needs "
        f"{', '.join(CATEGORY_COLUMNS[:3])} (and optionally {CATEGORY_COLUMNS[3]}), with these English names: "
        "rename the header cells in row 1 (there is no categories_columns mapping), or copy "
        "data/lexicons/categories.csv and replace its rows with one per category of your term lexicon."
    )


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

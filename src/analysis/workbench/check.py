"""Check lexicon files and name every problem at once, with its row and what to do.

:func:`analysis.lexicon.load_lexicon` refuses a file with errors; this check
reads the same rows with the same functions but keeps going, so that a
researcher fixes a spreadsheet in one go.  Beyond the loader's errors it
warns about rows that are accepted but probably not meant:

* rows that are only forms the matcher generates from another row (الشهيد
  next to شهيد, لحفتر next to حفتر): :func:`analysis.forms.generated_duplicates`,
  the one place that knows which forms are generated;
* one spelling under two labels, or twice;
* an entry that stands inside a longer entry of another label (longest match
  gives those words to the longer one), and ignore phrases that cancel an
  entry entirely or contain none;
* rule cells that parse but change nothing (``suffixes`` on a wildcard,
  ``inner_article`` on a one-word entry, ``accusative`` after ة ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import arabic
from ..corpus.tabular import NonTextCell, kept_columns
from ..errors import FramingInputError, LexiconError, config_file
from ..forms import WordPattern, _covers, ends_in_taa_marbuta, entry_patterns, generated_duplicates, suffix_variants
from ..lexicon import (  # the loader's own row reading
    ACTORS,
    IGNORE,
    IGNORE_APPLIES_TO,
    TERMS,
    Entry,
    LexiconSchema,
    _check_header,
    _entry_of_row,
    config_name,
    head_of_types,
    non_text_phrase_cells,
    parse_entry,
    read_lexicon_rows,
)
from ..lexicon_rules import RULE_COLUMNS, parse_rules
from ..normalize import DEFAULT_FOLDING, Folding
from ..paths import data_path, default_actors_path, default_terms_path
from ..tables import LEXICON_CHECK

if TYPE_CHECKING:
    import pandas as pd

LEVELS = ("error", "warning", "note")
#: The actor ``type`` values of data/lexicons/README.md: a type is the actor's
#: ``category`` in hits.csv, counts.csv and figures, so a misspelled one splits an actor class.
ACTOR_TYPES = ("person", "state", "government", "armed_group", "agency", "organization", "media", "place", "nisba")
#: Least difflib similarity of an unknown actor type to an allowed one for a "did you mean".
_TYPE_SIMILARITY = 0.8
_REFUSED = "framing count refuses the file until this is fixed: correct the cell the problem names"


@dataclass(frozen=True)
class Finding:
    """One row of :data:`analysis.tables.LEXICON_CHECK`."""

    file: str
    lexicon_row: int | None
    level: str
    kind: str
    label: str
    entry: str
    problem: str
    advice: str


@dataclass
class _File:
    """The readable rows of one lexicon file and what was wrong with the others."""

    path: Path
    schema: LexiconSchema
    entries: list[Entry]
    records: dict[int, dict[str, str]]
    findings: list[Finding]


def _finding(path: Path, entry: Entry | None, level: str, problem: str, advice: str, row: int | None = None) -> Finding:
    if entry is None:
        return Finding(path.name, row, level, "", "", "", problem, advice)
    return Finding(path.name, entry.row, level, entry.kind, entry.label, entry.written, problem, advice)


def _error(
    path: Path, error: FramingInputError, schema: LexiconSchema, record: dict[str, str] | None = None
) -> Finding:
    record = record or {}
    label, written = record.get(schema.label_column, ""), record.get(schema.entry_column, "")
    # A byte is part of where the problem is (framing count names it too); a problem without a row names no cell.
    problem = error.problem if error.byte is None else f"byte {error.byte}: {error.problem}"
    advice = _REFUSED if error.row is not None else _REFUSED.partition(":")[0]
    return Finding(path.name, error.row, "error", schema.kind, label, written, problem, advice)


def _cell_errors(
    path: Path, record: dict[str, str], number: int, schema: LexiconSchema, folding: Folding
) -> list[FramingInputError]:
    """Each rule cell of a row checked on its own, so that every bad cell is named (not only the first)."""
    try:
        written = record.get(schema.entry_column, "")
        words, wildcard, _ = parse_entry(written, source=str(path), row=number, folding=folding)
    except FramingInputError:
        return []
    problems = []
    for column in RULE_COLUMNS:
        if not record.get(column):
            continue
        cells = {column: record[column]}
        if column == "context_scope" and record.get("context"):
            cells["context"] = "x"  # a valid stand-in cue: the context cell is checked on its own
        try:
            parse_rules(cells, (words, wildcard), source=path, row=number, folding=folding)
        except FramingInputError as error:
            problems.append(error)
    return problems


def _read_file(path: Path, schema: LexiconSchema, folding: Folding, columns: Mapping[str, str] | None = None) -> _File:
    """Every row of one file: compiled entries, and a finding for each row that cannot be compiled."""
    file = _File(path, schema, [], {}, [])
    try:
        header, rows, table = read_lexicon_rows(path, schema, None, columns)
        for note in _check_header(path, header, rows, schema, kept_columns(table.rows)):
            # The loader's note starts with the file's name, which the finding names already (its `file`).
            note = note.removeprefix(f"{path.name}: ")
            file.findings.append(_finding(path, None, "note", note, "rename the column if the loader should read it"))
    except LexiconError as error:
        file.findings.extend(_error(path, p, schema) for p in error.problems)
        return file
    except FramingInputError as error:
        file.findings.append(_error(path, error, schema))
        return file
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            file.findings.append(_finding(path, None, "note", "blank row, ignored", "delete it", row=number))
            continue
        record = dict(zip(header, (cell.strip() for cell in cells)))
        try:
            entry, record = _entry_of_row(path, header, cells, number, schema, folding, table.merged)
        except FramingInputError as error:
            # Every problem of the row: a bad rule cell must not hide an empty category that count would name next.
            non_text = {column for column, cell in zip(header, cells) if isinstance(cell, NonTextCell)}
            problems = [
                *non_text_phrase_cells(path, header, cells, number),
                *_cell_errors(path, {c: v for c, v in record.items() if c not in non_text}, number, schema, folding),
            ]
            if error.problem not in {problem.problem for problem in problems}:
                problems.insert(0, error)
            file.findings.extend(_error(path, e, schema, record) for e in problems)
            continue
        file.entries.append(entry)
        file.records[number] = record
    return file


def _duplicates(file: _File) -> list[Entry]:
    """Findings for one spelling listed twice; returns the entries kept (first of each spelling)."""
    seen: dict[tuple, Entry] = {}
    kept = []
    for entry in file.entries:
        previous = seen.get(entry.key)
        if previous is None:
            seen[entry.key] = entry
            kept.append(entry)
            continue
        if (previous.label, previous.category) == (entry.label, entry.category):
            problem = (
                f"duplicates row {previous.row} ({previous.written!r}) after normalization (hamza, ة/ه, diacritics)"
            )
            advice = "delete one of the two rows"
        else:
            problem = (
                f"the same spelling as row {previous.row} ({previous.written!r}), which is filed under "
                f"{previous.label!r}/{previous.category!r}, not {entry.label!r}/{entry.category!r}"
            )
            advice = "one spelling can have only one label: delete one row, or merge the two labels"
        file.findings.append(_finding(file.path, entry, "error", problem, advice))
    return kept


def _generated(file: _File, entries: list[Entry]) -> None:
    for entry, generator in generated_duplicates(entries):
        file.findings.append(
            _finding(
                file.path,
                entry,
                "error",
                f"a form the matcher generates from row {generator.row} ({generator.written!r}, filed under "
                f"{generator.label!r}): it adds no match and splits one word across two rows",
                f"delete this row; or, if {entry.written!r} must not count as {generator.label!r}, give row "
                f"{generator.row} rules (clitics, suffixes, inner_article) that exclude this form",
            )
        )


def _inside(patterns: tuple[WordPattern, ...], words: Sequence[str]) -> int | None:
    """Where the entry of ``patterns`` stands inside ``words`` (an entry or phrase), or None."""
    for k in range(len(words) - len(patterns) + 1):
        if all(patterns[p].accepts(words[k + p]) for p in range(len(patterns))):
            return k
    return None


#: What to do about an entry inside a longer entry of another label. An actor row can share the longer row's
#: label (its ``actor`` cell); a term is its own label, so for a term the way to count the shorter entry inside
#: the phrase too is to delete the phrase's row.
_CONTAINED_ADVICE = {
    "actor": "intended when the longer phrase names something else (صدام حفتر, not حفتر); "
    "otherwise file both rows under one label",
    "term": "intended when the longer phrase is a frame of its own (الحرب على الإرهاب, not إرهاب); otherwise delete "
    "row {row} ({longer!r}), and {shorter!r} counts there too (a term is its own label: two rows cannot share one)",
}


def _contained(path_of: dict[str, Path], entries: list[Entry], ignore: list[Entry]) -> list[Finding]:
    """Entries inside a longer entry of another label, and ignore phrases that cancel an entry or nothing."""
    found = []
    patterns = {id(e): entry_patterns(e) for e in entries}
    for shorter in entries:
        for longer in entries:
            if longer.kind != shorter.kind or len(longer.words) <= len(shorter.words):
                continue
            if (longer.label, longer.category) == (shorter.label, shorter.category):
                continue
            if _inside(patterns[id(shorter)], longer.words) is not None:
                found.append(
                    _finding(
                        path_of[shorter.kind], shorter, "note",
                        f"stands inside row {longer.row} ({longer.written!r}, filed under {longer.label!r}): "
                        f"where that phrase stands, the longest match counts it as {longer.label!r}, not {shorter.label!r}",
                        _CONTAINED_ADVICE[shorter.kind].format(shorter=shorter.written, longer=longer.written, row=longer.row),
                    )
                )  # fmt: skip
    present = {e.kind for e in entries}  # a lexicon that could not be read says nothing about the ignore list
    for phrase in ignore:
        kinds = tuple(k for k in ("actor", "term") if phrase.category in (k, "both") and k in present)
        if not kinds:
            continue
        covered = [e for e in entries if e.kind in kinds and _inside(patterns[id(e)], phrase.words) is not None]
        for entry in covered:
            if _covers(entry_patterns(phrase), entry):
                found.append(
                    _finding(
                        path_of[entry.kind], entry, "warning",
                        f"the ignore list's row {phrase.row} ({phrase.written!r}) is this entry itself, and an ignore "
                        "phrase wins over an entry of its length: it counts at most in forms that row does not cancel",
                        "delete the ignore row, or make it a longer phrase that contains the entry",
                    )
                )  # fmt: skip
        if not covered:
            found.append(
                _finding(
                    path_of["ignore"], phrase, "warning",
                    f"cancels nothing: no {' or '.join(kinds)} entry stands inside this phrase",
                    _idle_ignore_advice(path_of["ignore"]),
                )
            )  # fmt: skip
    return found


def _idle_ignore_advice(path: Path) -> str:
    """What to do about an ignore phrase that cancels nothing: the bundled list is not the user's to edit."""
    if path.resolve() == data_path("lexicons", "ignore.csv").resolve():
        # The bundled list was written for the bundled lexicons; with lexicons of one's own it may cancel nothing.
        return (
            "this is the bundled ignore list, written for the bundled lexicons: with lexicons of your own, "
            f'give an ignore list of your own or none (ignore = "" under [lexicons] of {config_file()}, or --ignore "")'
        )
    return "delete the row, or check its spelling and its applies_to cell"


def _idle_head_advice(path: Path) -> str:
    """What to do about a name head whose types no actor has (the bundled list names the bundled types)."""
    if path.resolve() == data_path("lexicons", "ignore.csv").resolve():
        return (
            "this is the bundled ignore list, whose name heads apply to the bundled types place and state: "
            "name your actors' types so, or give an ignore list of your own with your types in head_of"
        )
    return "write types of your actor lexicon's type column in head_of, or delete the row"


def _idle_suffixes(entry: Entry) -> list[str]:
    """Why the entry's ``suffixes`` cell changes nothing (empty if it does something)."""
    groups = entry.rules.suffixes
    if not groups:
        return []
    if entry.wildcard[-1]:
        return ["suffixes does nothing: the last word ends in '*', which already accepts every ending"]
    if entry.token_kinds[-1] != "arabic":
        return ["suffixes does nothing: the last word is not Arabic"]
    last = entry.words[-1]
    taa_final = ends_in_taa_marbuta(entry.written)
    return [
        f"suffixes {group!r} adds no form to {entry.written.split()[-1]!r} "
        f"({'a word ending in ة' if taa_final else 'its last letter takes no such ending'})"
        for group in groups
        if not suffix_variants(last, [group], taa_final=taa_final)
    ]


def _idle_rules(path: Path, entry: Entry, record: dict[str, str]) -> list[Finding]:
    """Rule cells that parse but do nothing for this entry."""
    rules, problems = entry.rules, []
    if record.get("clitics"):
        if entry.token_kinds[0] != "arabic":
            problems.append("clitics does nothing: proclitics are generated only on an Arabic first word")
        elif rules.clitics == "all":
            problems.append("clitics 'all' is the default: the cell changes nothing")
    problems.extend(_idle_suffixes(entry))
    if record.get("inner_article"):
        inner = [w for w, k in zip(entry.words[1:], entry.token_kinds[1:]) if k == "arabic"]
        if not inner:
            problems.append("inner_article does nothing: the entry has no inner Arabic word")
        elif rules.inner_article and all(w.startswith(arabic.ARTICLE) for w in inner):
            problems.append("inner_article does nothing: every inner word already carries ال")
    for cue in rules.context:
        if cue.words == entry.words:
            problems.append(
                f"context cue {cue.written!r} is the entry itself: it counts only where it is mentioned twice"
            )
    return [
        _finding(path, entry, "warning", problem, "empty the cell, or write the rule this entry needs")
        for problem in problems
    ]


def _name_heads(file: _File, actors: list[Entry]) -> dict[int, frozenset[str]]:
    """The ignore list's name heads (``head_of`` rows) by row; a head whose types no actor has is a finding."""
    types = {entry.row: head_of_types(file.records[entry.row].get("head_of") or "") for entry in file.entries}
    heads = {row: kinds for row, kinds in types.items() if kinds}
    present = {a.category.strip().lower() for a in actors}
    for entry in file.entries:
        applies = (file.records[entry.row].get("applies_to") or "").strip().lower()
        if entry.row in heads and applies not in ("", "actor", "both"):
            file.findings.append(
                _finding(
                    file.path, entry, "error", f"head_of names actor types, but applies_to is {applies!r}",
                    "write actor (or nothing) in its applies_to cell, or empty its head_of cell",
                )
            )  # fmt: skip
        elif entry.row in heads and actors and not heads[entry.row] & present:
            file.findings.append(
                _finding(
                    file.path, entry, "warning",
                    f"cancels nothing: no actor has a type of its head_of cell ({'|'.join(sorted(heads[entry.row]))})",
                    _idle_head_advice(file.path),
                )
            )  # fmt: skip
    return heads


def _ignore_applies_to(file: _File, heads: Mapping[int, frozenset[str]] = {}) -> list[Entry]:  # noqa: B006 (read only)
    """The ignore list's phrases with their ``applies_to`` as category (name heads are not phrases); bad values become findings."""
    entries = []
    for entry in file.entries:
        if entry.row in heads:
            continue
        value = (file.records[entry.row].get("applies_to") or "both").strip().lower()
        if value not in IGNORE_APPLIES_TO:
            file.findings.append(
                _finding(
                    file.path, entry, "error", f"applies_to {value!r} is not one of {', '.join(IGNORE_APPLIES_TO)}",
                    "write actor, term or both (empty is both)",
                )
            )  # fmt: skip
            continue
        entries.append(
            Entry(entry.kind, entry.label, value, entry.written, entry.words, entry.wildcard,
                  entry.token_kinds, entry.source, entry.row, entry.rules)
        )  # fmt: skip
    return entries


def check_lexicon(
    actors: str | Path | None = None,
    terms: str | Path | None = None,
    ignore: str | Path | None = None,
    *,
    categories: str | Path | None = None,
    folding: Folding = DEFAULT_FOLDING,
    columns: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Check an actor lexicon, a term lexicon and an ignore list; every finding at once.

    Parameters
    ----------
    actors, terms, ignore : str or Path, optional
        The lexicon files; the bundled ``data/lexicons/`` files by default.
        ``ignore=""``: no ignore list.
    categories : str or Path, optional
        The category names of figures (``categories.csv``; the bundled one by
        default, ``""`` not to check): a term whose category it does not
        list is a warning (a misspelled ``agression`` would be a category of
        its own, drawn without its display name).
    folding : Folding, optional
        Letter foldings (those of the text).
    columns : mapping, optional
        The files' own header names by kind, as ``framing.toml`` gives them:
        ``{"terms": {"term": "الكلمة"}}`` (:func:`analysis.lexicon.load_lexicon`).

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.LEXICON_CHECK`: one row per finding, ordered by
        file (actors, terms, ignore list) and row.  ``level`` is ``error``
        where ``framing count`` would refuse the file, ``warning`` where a row
        is accepted but probably not meant, ``note`` for what is worth knowing.
        An empty table means the lexicons are clean.

    Examples
    --------
    >>> check_lexicon()["level"].eq("error").sum()
    0
    """
    paths = {
        "actor": Path(actors) if actors else default_actors_path(),
        "term": Path(terms) if terms else default_terms_path(),
    }
    if ignore != "":  # "" is "no ignore list", as in framing count
        paths["ignore"] = Path(ignore) if ignore else data_path("lexicons", "ignore.csv")
    schemas = {"actor": ACTORS, "term": TERMS, "ignore": IGNORE}
    columns = columns or {}
    files = [
        _read_file(path, schemas[kind], folding, columns.get(config_name(schemas[kind])))
        for kind, path in paths.items()
    ]
    kept: dict[str, list[Entry]] = {}
    for file in files:
        kept[file.schema.kind] = _duplicates(file)
        _generated(file, kept[file.schema.kind])
        if file.schema is not IGNORE:
            for entry in kept[file.schema.kind]:
                file.findings.extend(_idle_rules(file.path, entry, file.records[entry.row]))
    heads = _name_heads(files[2], kept.get("actor", [])) if len(files) > 2 else {}
    ignore_entries = _ignore_applies_to(files[2], heads) if len(files) > 2 else []
    if categories != "":
        files[1].findings.extend(_unknown_categories(files[1], categories))
    files[0].findings.extend(_unknown_types(files[0]))
    contained = _contained(paths, kept["actor"] + kept["term"], ignore_entries)
    return findings_frame([*(f for file in files for f in file.findings), *contained], order=list(paths.values()))


def findings_frame(findings: Iterable[Finding], *, order: Sequence[Path] = ()) -> pd.DataFrame:
    """The findings as :data:`analysis.tables.LEXICON_CHECK`, by file (in ``order``), row and level."""
    rank = {path.name: i for i, path in enumerate(order)}
    rows = sorted(
        findings, key=lambda f: (rank.get(f.file, len(rank)), f.file, f.lexicon_row or 0, LEVELS.index(f.level))
    )
    return LEXICON_CHECK.frame([tuple(vars(f).values()) for f in rows])


def _unknown_categories(terms: _File, categories: str | Path | None) -> list[Finding]:
    """A warning, on its first row, for each category of the terms that the categories file does not list."""
    from difflib import get_close_matches

    from ..lexicon import load_categories

    known = list(load_categories(categories).index)
    rows: dict[str, list[Entry]] = {}
    for entry in terms.entries:
        if entry.category not in known:
            rows.setdefault(entry.category, []).append(entry)
    findings = []
    # The command line has no option for the categories file: a researcher who never named one is told
    # that the file checked is the bundled one, and where a copy of it is named.
    from ..paths import data_path

    bundled = categories is None or Path(categories).resolve() == data_path("lexicons", "categories.csv").resolve()
    where = "the bundled categories file" if bundled else "the categories file"
    add = (
        f"or copy data/lexicons/categories.csv, add it there with its display names and name the copy as "
        f"categories under [lexicons] of {config_file()} (framing lexicon check --config FILE)"
        if bundled
        else "or add it to your categories file with its display names"
    )
    for category, entries in rows.items():
        close = get_close_matches(category, known, n=1)
        advice = f"did you mean {close[0]!r}? " if close else ""
        findings.append(
            _finding(
                terms.path, entries[0], "warning",
                f"category {category!r} ({len(entries)} row(s)) is not in {where} "
                f"({', '.join(known)}): figures show it without display names",
                advice + "correct the category, " + add,
            )
        )  # fmt: skip
    return findings


def _unknown_types(actors: _File) -> list[Finding]:
    """A warning, on its first row, for each actor ``type`` that is not one of :data:`ACTOR_TYPES`."""
    from difflib import get_close_matches

    rows: dict[str, list[Entry]] = {}
    for entry in actors.entries:
        if entry.category and entry.category not in ACTOR_TYPES:
            rows.setdefault(entry.category, []).append(entry)
    findings = []
    for kind, entries in rows.items():
        # Spelling slips only (persn, armed group): 'group' is not a short 'armed_group', and protesters
        # filed under an armed type on a hint would change what every figure says of them.
        close = get_close_matches(kind, ACTOR_TYPES, n=1, cutoff=_TYPE_SIMILARITY)
        numbers = ", ".join(str(e.row) for e in entries)
        findings.append(
            _finding(
                actors.path, entries[0], "warning",
                f"type {kind!r} (row(s) {numbers}) is not an actor type ({', '.join(ACTOR_TYPES)}): "
                "hits.csv and figures give it as a class of its own",
                (f"did you mean {close[0]!r}? " if close else "") + "correct the type to one of the allowed types",
            )
        )  # fmt: skip
    return findings

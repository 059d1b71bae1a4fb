"""One configuration for the notebooks and the command: ``framing.toml``.

A researcher describes their own data once — corpus files, column names,
lexicons, output folder, seed and the examples the notebooks show — and every
notebook's parameters cell and ``framing count --config`` read it::

    from analysis.config import load_config

    CONFIG = load_config()  # $FRAMING_CONFIG, else framing.toml at the project root, else the bundled data
    CONFIG.actors, CONFIG.corpus, CONFIG.columns.text, CONFIG.examples.actor

Relative paths in the file are relative to the file's folder, so a
configuration can be copied next to one's data and used from anywhere; ``~``,
environment variables (``$HOME``, ``${DATA}``; one not set is an error naming the key, ``$$`` is a
``$``) and ``..`` are resolved, and messages and manifests show the resolved path.  An
unknown key is an error naming the closest known key (a typo must not silently
fall back to the bundled Libya lexicons); a value of the wrong type names the
key and the type expected.  Without a file the defaults are the bundled data.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import Columns
from .corpus.columns import ROLES, role_sharing_text
from .corpus.encoding import decode_text
from .corpus.files import ConfiguredPathList, ConfiguredPaths, exclude_of
from .errors import CONFIG_FILE_NAME, FramingInputError, config_file, use_config_file
from .lexicon import SCHEMAS, column_map_problems
from .paths import data_path, project_root

if TYPE_CHECKING:
    import pandas as pd

    from .cli import CommandOption
    from .corpus.reader import Corpus
    from .pipeline import FramingCounter

CONFIG_ENV_VAR = "FRAMING_CONFIG"
CONFIG_FILE = CONFIG_FILE_NAME

#: Every key the file may hold, by section ("" is the top level), with the type of its value.
SCHEMA: dict[str, dict[str, type]] = {
    "": {"seed": int, "model": str},
    "corpus": {"articles": list, "paths": list, "exclude": list, "sheet": str, "date_format": str},
    "columns": {name: str for name in ("text", "id", "outlet", "date", "title", "url", "article")},
    "lexicons": {
        **{name: str for name in ("actors", "terms", "ignore", "sources", "categories")},
        # A lexicon's own header names: terms_columns = { term = "الكلمة", category = "الفئة" }.
        **{f"{kind}_columns": dict for kind in SCHEMAS},
    },
    "output": {"folder": str, "figures": str},
    "examples": {
        "doc_id": str,
        "actor": str,
        "query": str,
        "look_alikes": str,
        "outlets": list,
        "pair": list,
        "outlet_names": dict,
        "events": str,
    },
}
_TYPE_NAMES = {int: "an integer", str: "a string", list: "a list of strings", dict: "a table of strings"}


@dataclass(frozen=True)
class Examples:
    """What the notebooks show as examples; all specific to one corpus and lexicon.

    Empty by default: a file without ``[examples]`` lets the notebooks choose
    from the data, never the bundled article's examples (:data:`BUNDLED_EXAMPLES`).

    Attributes
    ----------
    doc_id : str or None
        The article of notebooks 01–03; ``None``: the one with the most hits (01: the first read).
    actor : str or None
        An actor label whose mentions notebooks 02 and 05 list; ``None``: the
        most mentioned actor.
    query : str or None
        A free query of notebook 05, written like a lexicon entry (``مليشي*``);
        ``None``: the most frequent loaded term.
    look_alikes : str or None
        A regular expression over normalized tokens (notebook 02): words that
        contain an actor's name without being it; ``None``: the section is skipped.
    outlets : tuple of str or None
        The outlets notebook 04 compares; ``None``: all.
    pair : tuple of str or None
        The two outlets of notebook 04's Fightin' Words; ``None``: the two largest.
    outlet_names : dict
        Display names of outlets in figures (``{"aawsat": "Asharq Al-Awsat"}``).
    events : Path or None
        A ``date,label`` CSV of events that notebook 04 marks on its time series
        (relative to the configuration file); ``None``: no events.
    """

    doc_id: str | None = None
    actor: str | None = None
    query: str | None = None
    look_alikes: str | None = None
    outlets: tuple[str, ...] | None = None
    pair: tuple[str, str] | None = None
    outlet_names: Mapping[str, str] = field(default_factory=dict)
    events: Path | None = None


#: The examples of the bundled data (the seed article, the Libya lexicons, SaudiNewsNet 2015).
BUNDLED_EXAMPLES = Examples(
    doc_id="libya_2019_pompeo_shoukry",
    actor="Khalifa Haftar",
    query="مليشي*",
    look_alikes="مصر|امريك",
    outlets=("aawsat", "aljazirah", "alriyadh"),
    pair=("aawsat", "alriyadh"),
    outlet_names={"aawsat": "Asharq Al-Awsat", "aljazirah": "Al Jazirah", "alriyadh": "Al Riyadh"},
    events=data_path("events", "libya_2015.csv"),
)


@dataclass(frozen=True)
class FramingConfig:
    """A configuration: inputs, lexicons, outputs, seed and examples (see ``framing.toml``).

    Attributes
    ----------
    source : Path or None
        The file read; ``None`` when these are the built-in defaults.
    articles : tuple of Path
        The article(s) of notebooks 01–03 (a ``.txt`` file, a folder or a corpus file); a
        :class:`~analysis.corpus.ConfiguredPaths` that carries :attr:`exclude`.
    corpus : tuple of Path
        The corpus of notebooks 04–07 and of ``framing count --config``; carries :attr:`exclude` too.
    columns : Columns
        Column (CSV) or field (JSONL) names of the corpus files.
    actors, terms, categories : Path
        The lexicons and the category names of figures.
    ignore : Path or None
        The ignore list; ``None``: none (``ignore = ""``).
    sources : Path or None
        The anonymous-source words of notebook 03's sourcing section; ``None``:
        none configured (``sources = ""``), and the section is skipped.
    model : str or None
        The learned tagger of ``framing count --model``: ``"default"`` (the
        shipped one) or the path of a ``.skops`` file from ``framing train``
        (relative to the configuration file); ``None``: no model.
    output, figures : Path
        Where notebooks (one subfolder each) and ``framing count`` write tables, and figures.
    seed : int
        The seed of every random step (samples, bootstraps, cross-validation).
    examples : Examples
        The examples the notebooks show.
    lexicon_columns : dict
        The lexicons' own header names by kind (``actors``, ``terms``,
        ``ignore``, ``sources``): known column -> header name, from
        ``terms_columns = { term = "الكلمة" }``; empty: the known names.
    sheet : str or None
        The worksheet of ``.xlsx`` corpus files, by its name as on its tab (``sheet`` under
        ``[corpus]``); ``None`` (or ``""``): the only one, or the one named ``articles``.
    date_format : str or None
        One ``strptime`` format for every date of the corpus (``date_format = "%d/%m/%Y"`` under
        ``[corpus]``); ``None`` (or ``""``): any form the reader knows, numeric dates by each file's order.
    exclude : tuple of str
        Glob patterns of files to leave out of the folders of ``articles`` and ``paths`` (``exclude``
        under ``[corpus]``), each a path from the folder given (``drafts/``, ``2020/notes.txt``) or a file
        or folder name at any depth (``*.bak.csv``); ``read_corpus`` applies them to these paths.
    """

    source: Path | None
    articles: tuple[Path, ...]
    corpus: tuple[Path, ...]
    columns: Columns
    actors: Path
    terms: Path
    ignore: Path | None
    sources: Path | None
    categories: Path
    model: str | None
    output: Path
    figures: Path
    seed: int
    examples: Examples
    lexicon_columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    date_format: str | None = None
    exclude: tuple[str, ...] = ()


def default_config() -> FramingConfig:
    """The bundled setup: what ``load_config`` returns when there is no file."""
    root = project_root()
    return FramingConfig(
        source=None,
        articles=(data_path("articles"),),
        corpus=(data_path("corpus", "saudinewsnet_libya_2015.csv"),),
        columns=Columns(),
        actors=data_path("lexicons", "actors.csv"),
        terms=data_path("lexicons", "loaded_terms.csv"),
        ignore=data_path("lexicons", "ignore.csv"),
        sources=data_path("lexicons", "sources.csv"),
        categories=data_path("lexicons", "categories.csv"),
        model=None,
        output=root / "outputs",
        figures=root / "figures",
        seed=0,
        examples=BUNDLED_EXAMPLES,
    )


def find_config(path: str | Path | None = None) -> Path | None:
    """Return the configuration file to read, or ``None`` for the built-in defaults.

    Parameters
    ----------
    path : str or Path, optional
        An explicit file; else ``$FRAMING_CONFIG``; else ``framing.toml`` at
        the project root if there is one.

    Raises
    ------
    FramingInputError
        When an explicit or ``$FRAMING_CONFIG`` file does not exist.
    """
    named = path if path is not None else os.environ.get(CONFIG_ENV_VAR) or None
    if named is not None:
        origin = "" if path is not None else f" (from ${CONFIG_ENV_VAR})"
        # As the paths inside the file: a kernel.json or an IDE's env setting passes "$HOME/..." unexpanded.
        expanded, problems = _expand_variables(str(named))
        if problems:
            raise FramingInputError(named, f"{problems[0]}{origin}: set it, or write the path itself")
        file = Path(expanded).expanduser()
        if file.is_dir():  # FRAMING_CONFIG=~/study: "not found" hid that the file inside was meant
            inside = sorted(p.name for p in file.glob("*.toml"))
            listed = f" (it holds {', '.join(inside)})" if inside else ""
            raise FramingInputError(
                file, f"is a folder, not a configuration file{origin}: name the .toml file in it{listed}"
            )
        if not file.is_file():
            raise FramingInputError(
                file, f"configuration file not found{origin}; check the path, or copy {_template()} there"
            )
        return file
    try:
        candidate = project_root() / CONFIG_FILE
    except FileNotFoundError:
        return None
    return candidate if candidate.is_file() else None


def load_config(path: str | Path | None = None) -> FramingConfig:
    """Read a ``framing.toml`` (see :func:`find_config`); the bundled setup without one.

    Parameters
    ----------
    path : str or Path, optional
        The file; by default ``$FRAMING_CONFIG`` or the project's ``framing.toml``.

    Returns
    -------
    FramingConfig
        Keys missing from the file keep their defaults (the bundled data).
        From here on, messages that say where a setting goes name this file
        (:func:`analysis.errors.config_file`), not "framing.toml".

    Raises
    ------
    FramingInputError
        A missing file, bytes that are not text (UTF-8, UTF-16 with a BOM and
        Arabic Windows-1256 are read), invalid TOML, unknown keys (all of them,
        each with the closest known key or its own section; a key written after
        a ``[examples.outlet_names]`` line included), values of the wrong type
        (with the type expected), a seed numpy refuses, an empty text column,
        paths that do not exist or an output folder that is a file.
    """
    file = find_config(path)
    use_config_file(file.resolve() if file is not None else None)
    defaults = default_config()
    if file is None:
        return defaults
    try:
        # Decided on evidence as lexicons are: Notepad's "Unicode" is UTF-16, and a bad byte is named with its line.
        text = decode_text(file.read_bytes(), file, replaceable=False).text
    except OSError as error:
        raise FramingInputError(file, f"cannot be read ({error.strerror})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FramingInputError(file, _toml_problem(error, text)) from None
    values = _check(raw, file)
    return _build(values, file.resolve().parent, defaults, file.resolve())


def _toml_problem(error: tomllib.TOMLDecodeError, text: str) -> str:
    """The TOML error, with the likely cause when its line holds a backslash (a Windows path).

    ``"C:\\Users\\me"`` is an escape error in TOML (``\\U`` starts a code point);
    the message says how to write the path instead.
    """
    problem = f"not valid TOML ({error})"
    line = re.search(r"at line (\d+)", str(error))
    lines = text.splitlines()
    written = lines[int(line.group(1)) - 1] if line and int(line.group(1)) <= len(lines) else ""
    if "\\" in written:
        return (
            f'{problem}; a backslash in a "..." string starts an escape: write the path with / '
            "(C:/Users/me/a.csv) or between single quotes ('C:\\Users\\me\\a.csv')"
        )
    bare = _UNQUOTED.match(written)
    if bare and not _TOML_SCALAR.fullmatch(bare["value"]):
        # text = body: TOML's "Invalid value" does not say that a name needs quotation marks.
        return f'{problem}; a name or path goes between double quotes: {bare["key"]} = "{bare["value"]}"'
    listed = _UNQUOTED_LIST.match(written)
    if listed and "Invalid value" in str(error):
        # paths = [news.csv]: each name of a list needs its quotation marks too.
        items = [item.strip() for item in listed["items"].split(",") if item.strip()]
        quoted = ", ".join(item if item[0] in "\"'" or _TOML_SCALAR.fullmatch(item) else f'"{item}"' for item in items)
        return f"{problem}; each name or path of a list goes between double quotes: {listed['key']} = [{quoted}]"
    twice = _written_twice(str(error), lines, int(line.group(1)) if line else 0)
    if twice:
        return f"{problem}; {twice}"
    return f"{problem}; compare it with {_template()}"


#: A one-line list ``key = [a, "b"]`` (the items without brackets or quotation marks inside them).
_UNQUOTED_LIST = re.compile(
    r"\s*(?P<key>[\w.-]+)\s*=\s*\[(?P<items>[^\[\]{}\"']*(?:(?:\"[^\"]*\"|'[^']*')[^\[\]{}\"']*)*)\]\s*(#.*)?$"
)
#: A section line, ``[columns]``.
_SECTION_LINE = re.compile(r"\s*\[\s*([\w.-]+)\s*\]\s*(#.*)?$")
#: The key of a ``key = value`` line.
_KEY_LINE = re.compile(r"\s*([\w-]+)\s*=")


def _written_twice(error: str, lines: list[str], at: int) -> str:
    """Where a key or a section TOML refuses to read twice was first written, and what to do (``""``: not that error).

    A copied framing.toml already has every key and section: a line added below the others, instead
    of the one there edited, is the usual cause.

    Examples
    --------
    >>> lines = ["[columns]", 'text = "text"', 'id = "id"', 'text = "body"', "[columns]"]
    >>> print(_written_twice("Cannot overwrite a value (at line 4, column 14)", lines, 4))
    the key 'columns.text' is written twice (lines 2 and 4): keep one (edit the line already there rather than adding one)
    >>> print(_written_twice("Cannot declare ('columns',) twice (at line 5, column 9)", lines, 5))
    the section [columns] is written twice (lines 1 and 5): put its keys under one [columns] line and delete the other
    """
    if not 0 < at <= len(lines):
        return ""
    if error.startswith("Cannot declare") and (section := _SECTION_LINE.match(lines[at - 1])):
        name = section.group(1)
        first = _first_line(lines, _SECTION_LINE, name, 1, at)
        where = f"lines {first} and {at}" if first else f"line {at}"
        return f"the section [{name}] is written twice ({where}): put its keys under one [{name}] line and delete the other"
    if error.startswith("Cannot overwrite a value") and (key := _KEY_LINE.match(lines[at - 1])):
        opened = next((n for n in range(at - 1, 0, -1) if _SECTION_LINE.match(lines[n - 1])), 0)
        heading = _SECTION_LINE.match(lines[opened - 1]) if opened else None
        name = f"{heading.group(1)}.{key.group(1)}" if heading else key.group(1)
        first = _first_line(lines, _KEY_LINE, key.group(1), opened + 1, at)
        where = f"lines {first} and {at}" if first else f"line {at}"
        return f"the key {name!r} is written twice ({where}): keep one (edit the line already there rather than adding one)"
    return ""


def _first_line(lines: list[str], pattern: re.Pattern[str], name: str, start: int, stop: int) -> int | None:
    """The first line number from ``start`` up to ``stop`` (excluded) whose ``pattern`` names ``name``."""
    for number in range(start, stop):
        found = pattern.match(lines[number - 1])
        if found and found.group(1) == name:
            return number
    return None


def _template() -> str:
    """The shipped example configuration, by its path: "framing.toml" alone reads as the researcher's own file."""
    try:
        template = project_root() / CONFIG_FILE
    except FileNotFoundError:  # an installed package without the project folder
        return f"the project's {CONFIG_FILE} (the example configuration)"
    return f"the example configuration {template}" if template.is_file() else f"the project's {CONFIG_FILE}"


#: ``key = value`` where the value starts with a letter (not a quotation mark, number, list or table).
_UNQUOTED = re.compile(r"\s*(?P<key>[\w.-]+)\s*=\s*(?P<value>[^\s\d+\-\"'\[{#][^#]*?)\s*(#.*)?$")
#: Words that are TOML values without quotation marks.
_TOML_SCALAR = re.compile(r"true|false|inf|nan")


def _check(raw: dict[str, Any], file: Path) -> dict[str, dict[str, Any]]:
    """Validate keys and types; return the values by section ("" is the top level).

    Every misplaced or misspelled key is named in one message: keys appended at the end of a
    copied file come in groups, and one per run hid the rest.
    """
    known = [f"{s}.{k}" if s else k for s, keys in SCHEMA.items() for k in keys] + [s for s in SCHEMA if s]
    values: dict[str, dict[str, Any]] = {section: {} for section in SCHEMA}
    problems: list[str] = []
    for key, value in raw.items():
        if key in SCHEMA and key:
            if not isinstance(value, dict):
                raise FramingInputError(file, f"[{key}] must be a section (a table of keys), got {value!r}")
            for inner, inner_value in value.items():
                problems += _key_problems(key, inner, inner_value, known, file)
                values[key][inner] = inner_value
        else:
            problems += _key_problems("", key, value, known, file)
            values[""][key] = value
    if len(problems) > 1:
        raise FramingInputError(file, f"{len(problems)} problems: " + "; ".join(problems))
    if problems:
        raise FramingInputError(file, problems[0])
    return values


def _key_problems(section: str, key: str, value: Any, known: list[str], file: Path) -> list[str]:
    """What is wrong with ``section.key = value``: an unknown key, a value of the wrong type; empty if nothing."""
    name = f"{section}.{key}" if section else key
    expected = SCHEMA[section].get(key)
    if expected is None and section and key in SCHEMA[""]:
        # TOML files every key after a [section] header into that section: a top-level key written last lands there.
        return [
            f"{key!r} stands under [{section}], where it is unknown ({name!r}); move it to the top of the file, "
            "above the first [section] line"
        ]
    if expected is None:
        option = _command_option(key, value, known, file)
        return [f"unknown key {name!r}{option or _suggestion(section, key, known)}"]
    if expected is dict and isinstance(value, dict):
        return _table_problems(name, value, known, file)
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if ok and expected is list:
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        # One path where a list is expected is the usual slip: show the list it should be.
        fix = f"; write {key} = [{_toml_string(value)}]" if expected is list and isinstance(value, str) else ""
        return [f"{name!r} must be {_TYPE_NAMES[expected]}, got {type(value).__name__} {value!r}{fix}"]
    return []


def _toml_string(value: str) -> str:
    """``value`` as a TOML string: double quotes, or single quotes when it holds a backslash or a double quote.

    Examples
    --------
    >>> print(_toml_string("news.csv"), _toml_string('my "best" news.csv'))
    "news.csv" 'my "best" news.csv'
    """
    return f"'{value}'" if "\\" in value or '"' in value else f'"{value}"'


def _suggestion(section: str, key: str, known: list[str]) -> str:
    """What ``section.key`` probably is: the same key in its own section first, else the closest known key.

    ``terms`` written under ``[output]`` was "did you mean 'output.folder'?" (the section's name made
    them look alike); it is ``lexicons.terms`` under the wrong line. ``doc_id`` under ``[columns]`` is
    ``columns.id`` or the example article ``examples.doc_id``: both are named.

    Examples
    --------
    >>> known = ["columns.id", "columns.text", "lexicons.terms", "output.folder", "examples.doc_id"]
    >>> _suggestion("output", "terms", known)
    "; did you mean 'lexicons.terms'? ('terms' is a key of [lexicons]: write it under the [lexicons] line)"
    >>> _suggestion("columns", "doc_id", known)
    "; did you mean 'columns.id', or 'examples.doc_id'? ('doc_id' is a key of [examples]: write it under the [examples] line)"
    >>> _suggestion("columns", "txt", known)
    "; did you mean 'columns.text'?"
    """
    name = f"{section}.{key}" if section else key
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    elsewhere = [other for other in known if other.rpartition(".")[2] == key and other != name]
    if not elsewhere:
        return f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
    other = elsewhere[0]
    where = other.rpartition(".")[0]
    why = f" ({key!r} is a key of [{where}]: write it under the [{where}] line)"
    # A key of this section that is close by its own name (doc_id, id) is named first; the section prefix
    # alone does not make two keys alike (terms, folder).
    same = [c for c in close if section and c.startswith(f"{section}.")]
    if same and difflib.SequenceMatcher(None, key, same[0].rpartition(".")[2]).ratio() >= 0.5:
        return f"; did you mean {same[0]!r}, or {other!r}?{why}"
    return f"; did you mean {other!r}?{why}"


#: What the entries of each table-valued key are (a key of the configuration among them was written too late).
_TABLE_ENTRIES = {"examples.outlet_names": "an outlet's display name"} | {
    f"lexicons.{kind}_columns": f"a column of the {kind} lexicon" for kind in SCHEMAS
}


def _table_problems(name: str, table: dict[str, Any], known: list[str], file: Path) -> list[str]:
    """Entries of a table-valued key that are configuration keys, or that are not strings.

    TOML files every key written after a ``[examples.outlet_names]`` line into that table: the
    shipped framing.toml ends with it, so ``text = "body"`` appended at the end became an outlet's
    display name and the run stopped later naming the missing text column, never the key.
    """
    kind = name.removeprefix("lexicons.").removesuffix("_columns")
    own = SCHEMAS[kind].known if kind in SCHEMAS else ()
    keys = {other.rpartition(".")[2]: other for other in known}
    problems = []
    for inner, value in table.items():
        if inner in keys and inner not in own:
            section = keys[inner].rpartition(".")[0]
            place = f"under the [{section}] line, above [{name}]" if section else "at the top of the file"
            # doc_id is the example article's key, but whoever wrote it among column names meant columns.id.
            alike = [keys[part] for part in inner.split("_")[1:] if "." in keys.get(part, "")]
            also = f" (or {alike[0]!r}?)" if alike else ""
            problems.append(
                f"{inner!r} stands under [{name}], where it is read as {_TABLE_ENTRIES[name]}, but it is the key "
                f"{keys[inner]!r}{also}: every key written after the [{name}] line belongs to that table; "
                f"write it {place}"
            )
        elif inner not in own and (option := _command_option(inner, value, known, file)):
            # skip_bad = true appended at the end of the shipped file: an option, in the table by its place.
            problems.append(
                f"{inner!r} stands under [{name}], where it is read as {_TABLE_ENTRIES[name]} (every key written "
                f"after the [{name}] line belongs to that table){option}"
            )
        elif not isinstance(value, str):
            problems.append(f"'{name}.{inner}' must be a string, got {type(value).__name__} {value!r}")
    return problems


#: Options of ``framing count`` that the file has a key for, under another name.
_OPTION_KEYS = {
    "out": "output.folder",  # not the same folder: framing count writes into <folder>/count
    "lexicon_column": "lexicons.terms_columns",
    **{f"{role}_column": f"columns.{role}" for role in ROLES},
}


def _command_option(key: str, value: Any, known: list[str], file: Path) -> str:
    """The end of the message for a key that is an option of ``framing count`` (``skip_bad``), else ``""``.

    Options are taken from the command's parser (:func:`analysis.cli.count_options`), so that every one is
    known; ``skip-bad`` and ``--skip-bad`` are the same key. The command line to run is written with the
    key's value where it is one an option takes. A key the file has under another section (``actors``) is
    left to :func:`_suggestion`.

    Examples
    --------
    >>> known = ["output.folder", "columns.text"]
    >>> print(_command_option("skip_bad", True, known, Path("my.toml")))
    : it is an option of the command line (--skip-bad), not a key of this file; delete the line and run: framing count --config my.toml --skip-bad
    >>> print(_command_option("workers", 2, known, Path("my.toml")).rpartition(": ")[2])
    framing count --config my.toml --workers 2
    >>> print(_command_option("text-column", "body", known, Path("my.toml")))
    : it is an option of the command line (--text-column NAME); in this file it is 'columns.text': write it under the [columns] line
    >>> _command_option("txt", "body", known, Path("my.toml"))
    ''
    """
    from .cli import count_options  # the command reads this module: its parser is built only for a bad key

    name = key.strip().lstrip("-").replace("-", "_").lower()
    option = count_options().get(name)
    if option is None or any(other.rpartition(".")[2] == key for other in known):
        return ""
    equivalent = _OPTION_KEYS.get(name)
    if equivalent is not None:
        section = equivalent.rpartition(".")[0]
        inside = " (framing count writes into <folder>/count)" if name == "out" else ""
        return (
            f": it is an option of the command line ({option.usage()}); in this file it is {equivalent!r}: write it "
            f"under the [{section}] line{inside}"
        )
    if value is False and len(option.names) == 1:
        # skip_bad = false: the command's default already.
        return (
            f": it is an option of the command line ({option.usage()}), not a key of this file; delete the line "
            "(false is the command's default)"
        )
    return (
        f": it is an option of the command line ({option.usage()}), not a key of this file; delete the line and "
        f"run: framing count --config {shlex.quote(str(file))} {_typed(option, value)}"
    )


def _typed(option: CommandOption, value: Any) -> str:
    """The option as typed with the key's ``value`` (``--workers 2``, ``--no-progress``), else its usage.

    Examples
    --------
    >>> from analysis.cli import CommandOption
    >>> _typed(CommandOption(("--progress", "--no-progress")), False), _typed(CommandOption(("--sheet",), "NAME"), "My sheet")
    ('--no-progress', "--sheet 'My sheet'")
    """
    if option.value is None and isinstance(value, bool):
        return option.names[0] if value or len(option.names) == 1 else option.names[1]
    if option.value is not None and isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{option.names[0]} {shlex.quote(str(value))}"
    return option.usage()


def _build(values: dict[str, dict[str, Any]], base: Path, defaults: FramingConfig, file: Path) -> FramingConfig:
    """The configuration of checked ``values``, relative paths taken from ``base``."""

    def path(section: str, key: str, default: Path | None) -> Path | None:
        given = values[section].get(key)
        if given is None:
            return default
        if not given:
            return None
        found = resolved(f"'{section}.{key}' = {given!r}", given)
        if section in ("lexicons", "corpus", "examples") and not found.exists():
            # A copied framing.toml keeps its relative paths: say which key and where it looked.
            none = ' (or "" for none)' if section == "examples" else ""
            missing.append(f"'{section}.{key}' = {given!r}: {found} does not exist{none}{_windows_hint(given)}")
        blocking = _file_in_the_way(found) if section == "output" else None
        if blocking is not None:
            # The command said "corpus.csv/count: Not a directory", naming no key of the file.
            missing.append(f"'{section}.{key}' = {given!r}: {blocking}{_NOT_A_FOLDER}")
        return found

    def paths(key: str, default: tuple[Path, ...]) -> tuple[Path, ...]:
        given = values["corpus"].get(key)
        if given is None:
            return ConfiguredPaths(default, exclude)
        found = ConfiguredPaths((resolved(f"'corpus.{key}' lists {p!r}", p) for p in given), exclude)
        missing.extend(
            # "" would be the configuration's own folder, read whole as articles (its lexicons among them).
            f"'corpus.{key}' lists {written!r}: "
            + (f"{one} does not exist{_windows_hint(written)}" if written.strip() else "an empty path; remove it")
            for written, one in zip(given, found)
            if not written.strip() or not one.exists()
        )
        return found

    def required(section: str, key: str, default: Path) -> Path:
        found = path(section, key, default)
        if found is None:
            what = "a folder" if section == "output" else "a file"
            raise FramingInputError(file, f"'{section}.{key}' is empty; name {what} or remove the key for the default")
        return found

    def resolved(where: str, given: str) -> Path:
        expanded, problems = _expand_variables(given)
        unset.extend(f"{where}: {problem}" for problem in problems)
        return _resolved(base, expanded)

    missing: list[str] = []  # every path that is not there, named at once (a copied file has several)
    unset: list[str] = []  # every $VARIABLE not set, named at once
    exclude = _exclude(values["corpus"].get("exclude", []), file)
    config = FramingConfig(
        source=file,
        articles=paths("articles", defaults.articles),
        corpus=paths("paths", defaults.corpus),
        columns=_columns(values["columns"], defaults.columns, file),
        actors=required("lexicons", "actors", defaults.actors),
        terms=required("lexicons", "terms", defaults.terms),
        ignore=path("lexicons", "ignore", defaults.ignore),
        sources=path("lexicons", "sources", defaults.sources),
        categories=required("lexicons", "categories", defaults.categories),
        model=_model(
            values[""].get("model"), defaults.model, lambda given: resolved(f"'model' = {given!r}", given), missing
        ),
        output=required("output", "folder", defaults.output),
        figures=required("output", "figures", defaults.figures),
        seed=_seed(values[""].get("seed", defaults.seed), file),
        examples=_examples(values["examples"], file, path("examples", "events", None)),
        lexicon_columns=_lexicon_columns(values["lexicons"], file),
        sheet=values["corpus"].get("sheet") or defaults.sheet,
        date_format=_date_format(values["corpus"].get("date_format") or defaults.date_format, file),
        exclude=exclude,
    )
    if unset:
        raise FramingInputError(file, _unset_variables(unset))
    if missing:
        raise FramingInputError(file, _missing_paths(missing))
    return config


#: ``$$`` (a dollar sign), ``${NAME}`` or ``$NAME`` in a path of the configuration.
_VARIABLE = re.compile(r"\$\$|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def _expand_variables(given: str) -> tuple[str, list[str]]:
    """A configured path with its environment variables (``$HOME``, ``${DATA}``) replaced, and the problems.

    A variable that is not set, or set to nothing, is a problem (it would leave a literal ``$DATA``
    in the path, or make ``$DATA/news.csv`` the root's ``/news.csv``); ``$$`` is a ``$`` of the
    file name itself, and a ``$`` before no name (``a$.csv``) is kept as written.

    Examples
    --------
    >>> import os
    >>> os.environ["FRAMING_DOCTEST_DIR"] = "/study"
    >>> _expand_variables("$FRAMING_DOCTEST_DIR/a.csv"), _expand_variables("${FRAMING_DOCTEST_DIR}x/price$$.csv")
    (('/study/a.csv', []), ('/studyx/price$.csv', []))
    >>> _expand_variables("$FRAMING_DOCTEST_UNSET/a.csv")[1]
    ['the environment variable $FRAMING_DOCTEST_UNSET is not set']
    >>> _expand_variables("a$.csv"), _expand_variables("${}/a.csv")[1]
    (('a$.csv', []), ["'${}' names no environment variable"])
    """
    problems: list[str] = []

    def value(match: re.Match[str]) -> str:
        if match.group() == "$$":
            return "$"
        name = match.group(1) if match.group(1) is not None else match.group(2)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            problems.append(f"{match.group()!r} names no environment variable")
            return match.group()
        found = os.environ.get(name)
        if not found:
            problems.append(f"the environment variable ${name} is " + ("set but empty" if found == "" else "not set"))
        return found or match.group()

    return _VARIABLE.sub(value, given), problems


def _unset_variables(unset: list[str]) -> str:
    """One message for every configured path whose environment variable is missing, with the fix.

    Examples
    --------
    >>> print(_unset_variables(["'corpus.paths' lists '$DATA/a.csv': the environment variable $DATA is not set"]))
    'corpus.paths' lists '$DATA/a.csv': the environment variable $DATA is not set; set it where the command or JupyterLab starts (export DATA=/path/to/folder), or write the path itself (a $ of a file name is written $$)
    """
    fix = (
        "set it where the command or JupyterLab starts (export NAME=/path/to/folder), or write the path itself "
        "(a $ of a file name is written $$)"
    )
    names = re.findall(r"variable \$(\w+) is", " ".join(unset))
    if len(set(names)) == 1:
        fix = fix.replace("NAME", names[0])
    if len(unset) == 1:
        return f"{unset[0]}; {fix}"
    return f"{len(unset)} paths name environment variables that are missing: " + "; ".join(unset) + f". For each, {fix}"


def _resolved(base: Path, given: str) -> Path:
    """A path of the file as an absolute path: ``~`` expanded, relative to ``base`` (the file's folder), ``..`` resolved.

    Shown so in messages and recorded so in manifest.json: ``/study/cfg/../data/news.csv`` was the
    ``/study/data/news.csv`` it names; a trailing slash is dropped.

    Examples
    --------
    >>> _resolved(Path("/study/cfg"), "../data/news.csv/").as_posix(), _resolved(Path("/study"), "/data//a.csv").as_posix()
    ('/study/data/news.csv', '/data/a.csv')
    """
    return (base / Path(given).expanduser()).resolve()


def _columns(given: dict[str, Any], default: Columns, file: Path) -> Columns:
    """The column names of the file over the defaults; an empty ``text`` is refused here, naming the key.

    Any other column may be ``""`` (read no such column); without a text column every corpus file
    was refused with "has no column ''", naming the corpus and not the key.
    """
    if given.get("text") == "":
        raise FramingInputError(
            file, "'columns.text' is empty: the text column is required; name the column that holds the article text"
        )
    merged = {**vars(default), **given}
    role = role_sharing_text(merged)
    if role:  # Columns refuses it too, naming the options: here the keys of the file are named
        what = (
            f"'columns.{role}' is {merged[role]!r}"
            if role in given
            else f"the default {role} column is {merged[role]!r}"
        )
        raise FramingInputError(file, (
            f"{what}, the text column too ('columns.text'): every article's text would be its {role}; write the "
            f'{role} column\'s name, or {role} = "" for none'
        ))  # fmt: skip
    return Columns(**merged)


#: The end of a path problem for an output folder that a file stands in the way of.
_NOT_A_FOLDER = " is a file, not a folder"


def _file_in_the_way(folder: Path) -> Path | None:
    """The file standing where ``folder`` or one of its parents should be a folder, else ``None``."""
    for place in (folder, *folder.parents):
        if place.exists():
            return None if place.is_dir() else place
    return None


def _lexicon_columns(lexicons: dict[str, Any], file: Path) -> dict[str, dict[str, str]]:
    """The ``*_columns`` tables of ``[lexicons]`` by kind, their keys checked (the header is checked on loading)."""
    found = {kind: dict(lexicons[f"{kind}_columns"]) for kind in SCHEMAS if f"{kind}_columns" in lexicons}
    problems = [problem for kind, columns in found.items() for problem in column_map_problems(columns, SCHEMAS[kind])]
    if problems:
        raise FramingInputError(file, "[lexicons] " + " ".join(problems))
    return {kind: columns for kind, columns in found.items() if columns}


def _missing_paths(missing: list[str]) -> str:
    """One message for every configured path that does not exist, with where relative paths start and the fix.

    Examples
    --------
    >>> print(_missing_paths(["'lexicons.ignore' = 'x.csv': /s/x.csv does not exist"]))
    'lexicons.ignore' = 'x.csv': /s/x.csv does not exist (relative paths are relative to the folder of this file); \
correct the path, or remove a [lexicons] key for the bundled default
    >>> print(_missing_paths(["'corpus.paths' lists 'x.csv': /s/x.csv does not exist"]))
    'corpus.paths' lists 'x.csv': /s/x.csv does not exist (relative paths are relative to the folder of this file); correct the path
    """
    where = "(relative paths are relative to the folder of this file)"
    # Only a lexicon has a bundled default worth falling back to: without [corpus] paths the run counts the
    # bundled Libya corpus, not the researcher's.
    fix = (
        ", or remove a [lexicons] key for the bundled default"
        if any(m.startswith("'lexicons.") for m in missing)
        else ""
    )
    if len(missing) == 1:
        return f"{missing[0]} {where}; correct the path{fix}"
    wrong = "are wrong" if any(m.endswith(_NOT_A_FOLDER) for m in missing) else "do not exist"
    return f"{len(missing)} paths {wrong} {where}: " + "; ".join(missing) + f". Correct each path{fix}"


def _windows_hint(given: str) -> str:
    """A hint for a path written with backslashes on a system whose separator is ``/``.

    Examples
    --------
    >>> _windows_hint("lex/a.csv"), _windows_hint("lex\\\\a.csv") == " (write the path with /: 'lex/a.csv')"
    ('', True)
    """
    if "\\" not in given or os.sep == "\\":
        return ""
    fixed = given.replace("\\", "/")
    return f" (write the path with /: {fixed!r})"


def _date_format(date_format: str | None, file: Path) -> str | None:
    """The ``date_format`` of ``[corpus]``, refused when it is not a strptime format (``dd/mm/yyyy``)."""
    from .corpus.dates import check_date_format

    if date_format and (problem := check_date_format(date_format)):
        raise FramingInputError(file, f"'corpus.date_format': {problem}")
    return date_format


def _exclude(patterns: list[str], file: Path) -> tuple[str, ...]:
    """The ``exclude`` patterns of ``[corpus]``, refused (naming the key) when one cannot match."""
    from .corpus.files import check_exclude

    try:
        return tuple(check_exclude(patterns))
    except FramingInputError as error:
        raise FramingInputError(file, f"'corpus.exclude': {error}") from None


def _seed(seed: int, file: Path) -> int:
    """The seed, if numpy and scikit-learn accept it (0 to 2**32 - 1): a negative one fails in the first random cell."""
    if not 0 <= seed < 2**32:
        raise FramingInputError(file, f"'seed' must be a whole number from 0 to {2**32 - 1}, got {seed}")
    return seed


def _examples(given: dict[str, Any], file: Path, events: Path | None) -> Examples:
    """The examples of the file; an empty string or list means "none, choose from the data"."""
    pair = given.get("pair", [])
    if pair and len(pair) != 2:
        raise FramingInputError(file, f"'examples.pair' must name two outlets, got {list(pair)!r}")
    return Examples(
        doc_id=given.get("doc_id") or None,
        actor=given.get("actor") or None,
        query=given.get("query") or None,
        look_alikes=given.get("look_alikes") or None,
        outlets=tuple(given.get("outlets", ())) or None,
        pair=(pair[0], pair[1]) if pair else None,
        outlet_names=dict(given.get("outlet_names", {})),
        events=events,
    )


# --- What the notebooks' parameters cells and example cells call -------------------------


def as_paths(value: str | Path | Iterable[str | Path]) -> list[Path]:
    """One path or several as a list: ``ARTICLES = "my.txt"`` and ``ARTICLES = ["a", "b"]`` both work.

    A notebook parameter (``CORPUS``, ``ARTICLES``) that is empty or names nothing is refused here, with
    where to correct it: ``""`` would be read as the notebook's folder, and a reader's "does not exist"
    does not say that the path came from the parameters cell.

    Returns
    -------
    list of Path
        The paths; for ``CONFIG.corpus`` or ``CONFIG.articles``, a list that keeps the configuration's
        ``exclude`` patterns, which :func:`~analysis.corpus.read_corpus` then applies.

    Raises
    ------
    FramingInputError
        For an empty string or a path that does not exist.
    """
    items = [value] if isinstance(value, str | Path) else list(value)
    where = f"correct it in the parameters cell (CORPUS, ARTICLES) or under [corpus] of {config_file()}"
    paths = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            raise FramingInputError(repr(item), f"an empty path: {where}")
        path = Path(item).expanduser()
        if not path.exists():
            raise FramingInputError(path, f"does not exist (a relative path starts at {Path.cwd()}): {where}")
        paths.append(path)
    # CONFIG.corpus carries the configuration's exclude patterns: read_corpus applies them.
    return ConfiguredPathList(paths, exclude_of(value)) if exclude_of(value) else paths


def corpus_documents(corpus: Corpus, parameter: str = "CORPUS") -> pd.DataFrame:
    """The documents of the corpus a notebook read from ``parameter``, refusing a corpus with none.

    With no article, every later cell printed an empty table and saved nothing, and the reading
    cell's "0 articles" was the only sign; this stops at the reading cell, with the report's first
    problems and the parameter to correct.

    Raises
    ------
    FramingInputError
        When ``corpus.documents`` is empty.
    """
    import pandas as pd  # the configuration itself needs no pandas

    if len(corpus.documents):
        return corpus.documents
    shown = [
        f"{row.source}{'' if pd.isna(row.row) else f', row {int(row.row)}'}: {row.problem}"
        for row in corpus.report.head(3).itertuples()
    ]
    because = f" ({'; '.join(shown)})" if shown else ""
    raise FramingInputError(
        parameter,
        f"no article was read{because}: correct {parameter} in the parameters cell or [corpus] of {config_file()} "
        "(and [columns] if the text is in a column of another name)",
    )


def make_counter(
    actors: str | Path,
    terms: str | Path,
    ignore: str | Path | None,
    columns: Mapping[str, Mapping[str, str]] | None = None,
) -> FramingCounter:
    """The counter of these lexicon files; ``ignore`` ``None`` or empty: no ignore list.

    ``columns`` are the files' own header names by kind, as
    :attr:`FramingConfig.lexicon_columns` holds them (``{"terms": {"term": "الكلمة"}}``).
    """
    from .lexicon import load_lexicons
    from .pipeline import FramingCounter

    actor_lexicon, term_lexicon, ignore_list = load_lexicons(actors, terms, ignore, columns=columns)
    return FramingCounter(actor_lexicon, term_lexicon, ignore=ignore_list)


def example_document(documents: pd.DataFrame, doc_id: str | None, hits: pd.DataFrame | None = None) -> str:
    """The article to show: ``doc_id``; when it is ``None``, the one with the most hits of both kinds (or the first read).

    Parameters
    ----------
    documents : pandas.DataFrame
        The documents read (``doc_id``).
    doc_id : str or None
        The configured example.
    hits : pandas.DataFrame, optional
        Their hits: with them, an unconfigured example is the article with the
        most hits among those with both actor and term hits when the table has
        a ``kind`` column (ties: the first read), so that a corpus whose first
        article mentions nothing, or only actors, does not show empty tables.

    Raises
    ------
    FramingInputError
        When ``doc_id`` is not among the documents; the message lists some that are.
    """
    ids = list(documents["doc_id"])
    if not ids:
        raise FramingInputError("ARTICLES", "no article was read; check the paths and the text column")
    if doc_id is None:
        if hits is None or hits.empty:
            return str(ids[0])
        counts = hits["doc_id"].value_counts()
        # Notebooks 02-03 show actors framed by terms: an article with both kinds comes first.
        kinds = hits.groupby("doc_id")["kind"].nunique().to_dict() if "kind" in hits.columns else {}
        order = {doc: n for n, doc in enumerate(ids)}
        return str(max(ids, key=lambda i: (kinds.get(i, 0), counts.get(i, 0), -order[i])))
    if doc_id not in set(ids):
        listed = ", ".join(map(str, ids[:5])) + (" ..." if len(ids) > 5 else "")
        raise FramingInputError(
            "DOC_ID",
            f"{doc_id!r} is not among the {len(ids)} article(s) read ({listed}); set DOC_ID or examples.doc_id",
        )
    return doc_id


def example_label(hits: pd.DataFrame, wanted: str | None, kind: str = "actor") -> tuple[str | None, str]:
    """The actor (or term) label to show, and a sentence saying why.

    Parameters
    ----------
    hits : pandas.DataFrame
        The hits of the current selection.
    wanted : str or None
        The configured example; ``None`` lets the data choose.
    kind : {"actor", "term"}

    Returns
    -------
    label : str or None
        ``wanted`` when it has hits, else the most frequent label of ``kind``
        (ties by name, and ``why`` names the labels tied with it), else ``None``
        when there is no hit of ``kind`` at all.
    why : str
        What was chosen and why, to print above the table.
    """
    of_kind = hits[hits["kind"] == kind]
    if wanted is not None and (of_kind["label"] == wanted).any():
        n = int((of_kind["label"] == wanted).sum())
        return wanted, f"{wanted}: {n} hit(s)"
    if of_kind.empty:
        return None, f"no {kind} hits in this selection: nothing to show"
    counts = of_kind.groupby("label").size().reset_index(name="n").sort_values(["n", "label"], ascending=[False, True])
    label, n = str(counts["label"].iloc[0]), int(counts["n"].iloc[0])
    # A tie is said: "the most frequent" of three actors with 11 hits each is the first by name.
    tied = [str(other) for other in counts["label"].iloc[1:][counts["n"].iloc[1:] == n]]
    shown = ", ".join(tied[:3]) + (f" and {len(tied) - 3} more" if len(tied) > 3 else "")
    tie = f" (tied with {shown}; first by name)" if tied else ""
    if wanted is None:
        return label, f"{label}: {n} hit(s), the most frequent {kind}{tie} (no example {kind} configured)"
    return label, (
        f"no hits for {wanted!r} in this selection; the most frequent {kind} instead: {label} ({n} hit(s)){tie}"
    )


def _model(given: str | None, default: str | None, resolve: Callable[[str], Path], missing: list[str]) -> str | None:
    """The model setting: ``default`` stays a name, a file is resolved (``resolve``) against the configuration's folder.

    A name close to ``default`` that is no file (``Default``, ``defualt``) is a typo of it: added to ``missing``.
    (Another file that does not exist is left to the command that loads it: it may be trained later.)
    """
    if given is None:
        return default
    if given in ("", "default"):
        return given or None
    found = resolve(given)
    if not found.exists() and difflib.get_close_matches(given.strip().lower(), ["default"], n=1, cutoff=0.7):
        missing.append(f"'model' = {given!r}: {found} does not exist (the shipped tagger is model = \"default\")")
    return str(found)

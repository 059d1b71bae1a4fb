"""What the ``framing`` commands share: argument types and the configuration they read.

:mod:`analysis.cli` (``framing count``) and :mod:`analysis.cli_lexicon`
(``framing lexicon``) both take ``--config FILE``, ``--lexicon-column`` and
counts that must be positive; they are defined once here, so the commands
cannot drift apart.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shlex
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from .config import CONFIG_ENV_VAR, FramingConfig, default_config, load_config
from .errors import FramingInputError, config_file, use_config_file
from .lexicon import SCHEMAS, column_map_problems
from .tables import problem_kind

#: The lexicons the commands read, by their name in ``--lexicon-column KIND.COLUMN=NAME`` and framing.toml.
COMMAND_LEXICONS = ("actors", "terms", "ignore")

_LISTED_PROBLEMS = 8


def print_report_summary(rows: Iterable[Sequence]) -> None:
    """Print one line per level of the report rows (``skipped.csv``) to stderr: how many, of which problems.

    Parameters
    ----------
    rows : iterable of sequence
        Report rows ``(source, row, doc_id, level, problem, action)``.
    """
    by_level: dict[str, Counter] = {}
    first_of: dict[str, str] = {}  # a kind's first message, shown as its example
    for _source, _row, _doc_id, level, problem, _action in rows:
        kind = problem_kind(problem)
        by_level.setdefault(level, Counter())[kind] += 1
        first_of.setdefault(kind, problem)
    for level, problems in by_level.items():
        # The most frequent problems only: datelines and boilerplate lines differ from article to article.
        listed = ", ".join(
            _problem_count(kind, n, first_of[kind]) for kind, n in problems.most_common(_LISTED_PROBLEMS)
        )
        if len(problems) > _LISTED_PROBLEMS:
            listed += f" and {len(problems) - _LISTED_PROBLEMS} other problem(s)"
        # The run went on, so its errors were skipped (--skip-bad): "framing: error:" read as a failed run.
        shown = "skipped (errors)" if level == "error" else level
        print(f"framing: {shown}: {sum(problems.values())} report row(s): {listed}; see skipped.csv", file=sys.stderr)


def _problem_count(kind: str, n: int, first: str) -> str:
    """One kind of report row on the console: its count, and its first message when it says more than the kind."""
    if n == 1:
        return f"1 {first}"
    return f"{n} {kind}" + (f" (first: {first})" if first != kind else "")


def positive(value: str) -> int:
    """An argparse type: a whole number of 1 or more.

    >>> positive("3")
    3
    """
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return number


def non_negative(value: str) -> int:
    """An argparse type: a whole number of 0 or more.

    >>> non_negative("0")
    0
    """
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is negative; give 0 or more")
    return number


def share(value: str) -> float:
    """An argparse type: a number strictly between 0 and 1.

    >>> share("0.8")
    0.8
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not between 0 and 1")
    return number


def positive_float(value: str) -> float:
    """An argparse type: a finite number above 0.

    >>> positive_float("0.5")
    0.5
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {value}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return number


def command_config(option: str | None) -> FramingConfig | None:
    """The configuration a command reads: ``--config FILE``, else ``$FRAMING_CONFIG``, else none.

    Unlike :func:`analysis.config.load_config`, a ``framing.toml`` at the project
    root is not read: a command uses the built-in defaults unless told otherwise
    (the notebooks read the project's file).

    Parameters
    ----------
    option : str or None
        The value of ``--config``.

    Returns
    -------
    FramingConfig or None
        ``None`` when neither the option nor the variable names a file.

    Raises
    ------
    FramingInputError
        If the file named does not exist or is not a valid configuration.
    """
    named = option or os.environ.get(CONFIG_ENV_VAR) or None
    if not named:
        use_config_file(None)  # messages say "framing.toml", not the file a notebook of this process read
        return None
    return load_config(named)


def config_corpus(config: FramingConfig) -> list[str]:
    """The corpus paths of a configuration; says on stderr when they are the bundled corpus.

    A file without ``[corpus] paths`` keeps the default: a researcher's own file counted the
    bundled Libya corpus with their lexicon, and only the number of documents hinted at it (the
    lexicons are named as bundled; the corpus was not).
    """
    paths = [str(path) for path in config.corpus]
    if config.corpus == default_config().corpus:
        print(
            f"framing: corpus: {', '.join(paths)} (bundled: {config.source} names no corpus of its own; "
            "give paths = [...] under [corpus], or PATH on the command line)",
            file=sys.stderr,
        )
    return paths


def add_lexicon_column_option(parser: argparse.ArgumentParser) -> None:
    """``--lexicon-column KIND.COLUMN=NAME`` (repeatable): a lexicon's own header names."""
    parser.add_argument(
        "--lexicon-column",
        metavar="KIND.COLUMN=NAME",
        action="append",
        default=[],
        help="read a lexicon whose header cell NAME holds the known column COLUMN, without renaming it: "
        "KIND is actors, terms or ignore (e.g. terms.term=الكلمة); repeatable; wins over the configuration's "
        "terms_columns ..., which apply only to the configuration's own lexicon files",
    )


def lexicon_columns(
    options: Sequence[str], config: FramingConfig | None, given: Collection[str] = ()
) -> dict[str, dict[str, str]]:
    """The header mappings of the lexicons a command reads: the configuration's, then ``--lexicon-column``.

    Parameters
    ----------
    options : sequence of str
        The ``--lexicon-column`` values, ``KIND.COLUMN=NAME``.
    config : FramingConfig or None
        The configuration read, if any.
    given : collection of str
        The kinds (``actors`` ...) whose file was named on the command line:
        the configuration's mapping describes its own file, not that one.

    Returns
    -------
    dict
        Kind -> {known column: header name}; kinds without a mapping are absent.

    Raises
    ------
    FramingInputError
        For an option that is not ``KIND.COLUMN=NAME``, an unknown kind or
        column (with the closest known one), or two columns mapped to one name.

    Examples
    --------
    >>> lexicon_columns(["terms.term=الكلمة"], None)
    {'terms': {'term': 'الكلمة'}}
    """
    found = {
        kind: dict(columns)
        for kind, columns in (config.lexicon_columns if config is not None else {}).items()
        if kind not in given
    }
    for option in options:
        kind, column, name = _lexicon_column(option)
        found.setdefault(kind, {})[column] = name
    problems = [
        problem for kind, columns in found.items() for problem in column_map_problems(columns, SCHEMAS[kind], kind)
    ]
    if problems:
        raise FramingInputError("--lexicon-column", " ".join(problems))
    return found


def lexicons_given(config: FramingConfig | None, options: Mapping[str, str | None]) -> dict[str, str]:
    """The lexicon files named on the command line that are not the configuration's own file.

    The configuration's header mapping (``terms_columns`` ...) describes the file its ``[lexicons]``
    names; naming that very file again with ``--terms`` changes nothing, so the mapping still applies.

    Parameters
    ----------
    config : FramingConfig or None
        The configuration read, if any.
    options : mapping
        Kind (``actors``, ``terms``, ``ignore``) -> the path given on the command line, or None.
        An empty path (``--ignore ""``: no list) reads no file and is left out.

    Returns
    -------
    dict
        Kind -> path, for every file given that is another file than the configuration's.

    Examples
    --------
    >>> lexicons_given(None, {"actors": None, "terms": "mine.csv", "ignore": ""})
    {'terms': 'mine.csv'}
    """
    own = _own_lexicons(config) if config is not None else {}
    return {kind: path for kind, path in options.items() if path and not _same_file(path, own.get(kind))}


def _own_lexicons(config: FramingConfig) -> dict[str, Path | None]:
    """The lexicon files a configuration names under ``[lexicons]``, by kind."""
    return {"actors": config.actors, "terms": config.terms, "ignore": config.ignore}


def _same_file(path: str, other: Path | None) -> bool:
    """Whether ``path`` names the file ``other`` (after ``~``, symbolic links and ``..`` are resolved)."""
    if other is None:
        return False
    try:
        return Path(path).expanduser().resolve() == Path(other).expanduser().resolve()
    except (OSError, RuntimeError):  # a path the system cannot resolve is not the configuration's file
        return False


def set_aside_mappings(config: FramingConfig | None, given: Mapping[str, str], options: Sequence[str]) -> list[str]:
    """Notes for the configuration's header mappings that a lexicon named on the command line sets aside.

    A researcher whose ``framing.toml`` maps ``terms_columns = { term = "مصطلح" }`` and who tries another
    file with ``--terms`` gets that file read with the English header names; if it has the same
    header, the refusal would otherwise advise adding the very ``terms_columns`` already there.

    Parameters
    ----------
    config : FramingConfig or None
        The configuration read, if any.
    given : mapping
        Kind -> path of the lexicons named on the command line (:func:`lexicons_given`).
    options : sequence of str
        The ``--lexicon-column`` values: a kind with one of its own has its mapping given.

    Returns
    -------
    list of str
        One note per kind whose configuration mapping is not applied, with the options that apply it.
    """
    if config is None:
        return []
    mapped = {option.partition(".")[0].strip() for option in options}
    notes = []
    for kind, path in given.items():
        columns = config.lexicon_columns.get(kind)
        if not columns or kind in mapped:
            continue
        own = _own_lexicons(config)[kind]
        flags = " ".join(f"--lexicon-column {shlex.quote(f'{kind}.{c}={n}')}" for c, n in columns.items())
        notes.append(
            f"{kind}_columns of {config_file()} is not applied to --{kind} {path}: it describes the "
            f"configuration's own {kind} file ({own}); if {path} has that header too, add {flags}"
        )
    return notes


def _lexicon_column(option: str) -> tuple[str, str, str]:
    """``terms.term=الكلمة`` -> ``("terms", "term", "الكلمة")``, or the error saying how to write it."""
    target, equals, name = option.partition("=")
    kind, dot, column = target.strip().partition(".")
    if not equals or not dot or not column.strip() or not name.strip():
        raise FramingInputError(
            "--lexicon-column", f"{option!r} is not KIND.COLUMN=NAME; write e.g. terms.category=الفئة"
        )
    if kind not in COMMAND_LEXICONS:
        close = difflib.get_close_matches(kind, COMMAND_LEXICONS, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise FramingInputError(
            "--lexicon-column",
            f"{option!r}: {kind!r} is not a lexicon; {hint}KIND is one of {', '.join(COMMAND_LEXICONS)}",
        )
    return kind, column.strip(), name.strip()

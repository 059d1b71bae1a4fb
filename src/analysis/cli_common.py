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
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from .config import CONFIG_ENV_VAR, FramingConfig, default_config, load_config
from .errors import FramingInputError, use_config_file
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

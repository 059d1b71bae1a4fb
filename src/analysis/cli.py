"""The ``framing`` command.

``framing count PATH... [--config FILE] [--actors CSV] [--terms CSV] [--out DIR] ...`` reads
articles (``.txt`` files, CSV and JSON Lines exports, gzipped or not, and
folders of them), matches the lexicons and writes ``hits.csv``,
``counts.csv``, ``documents.csv``, ``scores.csv`` (one row per article, zeros included),
``quotations.csv``, ``skipped.csv`` and ``manifest.json`` (what produced them) into ``DIR`` (plus ``groups.csv`` and
``group_categories.csv`` with ``--group-by``).  Bad input stops the command with a message naming the file
(and row or byte) and exit status 2; nothing is written then.  With
``--config FILE`` (or ``$FRAMING_CONFIG``) the configuration's corpus, columns,
lexicons, model and output folder are the defaults; options given explicitly win.
``--format csv|xlsx|parquet|dta`` and ``--bom`` choose the files' format
(:mod:`analysis.export`); ``codebook.csv`` and ``codebook.md`` describe every column.
``framing lexicon check|report|suggest`` is the lexicon workbench (:mod:`analysis.cli_lexicon`);
``framing train`` trains a tagger (:mod:`analysis.cli_train`); ``framing code draw|score`` draws coding sheets
from a count's output folder and scores the filled ones (:mod:`analysis.cli_code`).
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

from . import __version__
from .batch import count_corpus, default_workers
from .cli_code import add_code_command
from .cli_common import (
    add_lexicon_column_option,
    command_config,
    config_corpus,
    lexicon_columns,
    lexicons_given,
    positive,
    positive_float,
    print_report_summary,
    set_aside_mappings,
)
from .cli_lexicon import add_lexicon_command
from .cli_train import add_train_command
from .config import CONFIG_ENV_VAR
from .corpus import DEFAULT_BOILERPLATE, Columns, CorpusReader
from .corpus.columns import ROLES
from .errors import FramingInputError
from .export import FORMATS
from .lexicon import load_lexicons
from .limits import DEFAULT_MAX_DOCUMENT_MB
from .paths import default_ignore_path
from .pipeline import FramingCounter
from .provenance import config_provenance

EXIT_INPUT_ERROR = 2
# "exact duplicate of a17" and "invalid JSON (Expecting value)" are summed as one kind each.
#: Columns of documents.csv that the reader fills itself, whatever the corpus's own columns are called.
_READER_COLUMNS = {
    "source": "the file each document was read from",
    "row": "the row or line of that file",
    "encoding": "how the file was decoded",
}
_LEXICON_NAMES = {"actor": "actor lexicon", "term": "term lexicon", "ignore": "ignore list"}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``framing`` command."""
    parser = argparse.ArgumentParser(prog="framing", description="Measure how Arabic news frames political actors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_count_command(commands)
    add_train_command(commands)
    add_lexicon_command(commands)
    add_code_command(commands)
    return parser


def _add_count_command(commands: Any) -> argparse.ArgumentParser:
    """``framing count``: its inputs and lexicons here, reading and output options in helpers."""
    count = commands.add_parser(
        "count",
        help="count actor mentions and loaded terms in articles",
        description="Count actor mentions and loaded terms in .txt, CSV and JSONL articles (gzipped or not, "
        "or folders of them); write hits.csv, counts.csv, documents.csv, quotations.csv and skipped.csv "
        "(or .xlsx, .parquet, .dta with --format), codebook.csv and codebook.md.",
    )
    count.set_defaults(handler=run_count, output_folder=lambda args: apply_config(args).out)
    count.add_argument(
        "paths", nargs="*", metavar="PATH", help="a file or folder of articles (default with --config: its corpus)"
    )
    count.add_argument(
        "--config",
        metavar="FILE",
        help=f"a framing.toml whose corpus, columns, lexicons and output folder are the defaults; "
        f"explicit options win (default: ${CONFIG_ENV_VAR} if set)",
    )
    count.add_argument("--actors", metavar="CSV", help="actor lexicon (default: the bundled data/lexicons/actors.csv)")
    count.add_argument("--terms", metavar="CSV", help="loaded-term lexicon (default: data/lexicons/loaded_terms.csv)")
    count.add_argument(
        "--ignore",
        metavar="CSV",
        help="ignore list: phrases that cancel any entry they contain (default: data/lexicons/ignore.csv)",
    )
    add_lexicon_column_option(count)
    count.add_argument(
        "--out", metavar="DIR", help="output folder (default: framing-output, or the configuration's <folder>/count)"
    )
    count.add_argument(
        "--model",
        metavar="MODEL",
        help="also tag loaded language with a learned model: 'default' (the shipped one) or a .skops file "
        "from framing train; adds hits of kind 'model' with a score, and model_expected to documents.csv",
    )
    _add_reading_options(count)
    _add_output_options(count)
    return count


class CommandOption(NamedTuple):
    """An option of ``framing count`` as it is typed: its names (``--progress``, ``--no-progress``) and its value."""

    #: ``("--skip-bad",)``; a switch has two: ``("--progress", "--no-progress")``.
    names: tuple[str, ...]
    #: What follows the name (``N``, ``csv|xlsx|parquet|dta``); ``None`` for an option without a value.
    value: str | None = None

    def usage(self) -> str:
        """``--workers N``, ``--skip-bad``, ``--progress/--no-progress``."""
        return "/".join(self.names) + (f" {self.value}" if self.value else "")


def count_options() -> dict[str, CommandOption]:
    """The options of ``framing count`` by the name a configuration key would give them (``skip_bad``).

    A configuration file that holds one as a key is told to give it on the command line
    (:func:`analysis.config.load_config`); they are read from the parser, so that none is missed.

    Examples
    --------
    >>> options = count_options()
    >>> [options[key].usage() for key in ("skip_bad", "workers", "format", "progress")]
    ['--skip-bad', '--workers N', '--format csv|xlsx|parquet|dta', '--progress/--no-progress']
    """
    count = _add_count_command(argparse.ArgumentParser(prog="framing").add_subparsers())
    options = {}
    for action in count._actions:  # argparse has no public list of a parser's options
        typed = tuple(option for option in action.option_strings if option.startswith("--"))
        if not typed or action.dest == "help":
            continue
        if action.nargs == 0:  # a flag, or a switch with its --no- form
            options[action.dest] = CommandOption(typed)
        else:
            metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            value = "|".join(action.choices) if action.choices else metavar
            options[action.dest] = CommandOption(typed[:1], value)
    return options


def _add_reading_options(count: argparse.ArgumentParser) -> None:
    """Column names, worksheet, cleaning and bad-record options of ``framing count``."""
    columns = count.add_argument_group("CSV and JSONL columns")
    defaults = Columns()
    for name in ROLES:
        columns.add_argument(
            f"--{name}-column",
            metavar="NAME",
            help=f"column holding the {name} (default: {getattr(defaults, name)}, or the configuration's)"
            if name != "article"
            else "column holding the article id when a record is a paragraph (e.g. page_id): bootstraps and "
            "article counts then use articles (default: none, each record is an article)",
        )
    columns.add_argument("--sheet", metavar="NAME", help="worksheet of .xlsx article files (default: the only one)")
    columns.add_argument(
        "--exclude",
        metavar="PATTERN",
        action="append",
        default=None,
        help="leave out files of the folders given: a glob pattern of a file's path from its folder "
        "(drafts/, 2020/notes.txt) or, without /, a file or folder name at any depth (*.bak.csv); repeatable; "
        "each file left out is listed in skipped.csv (default: the configuration's exclude; given, it replaces it)",
    )
    columns.add_argument("--date-format", metavar="FORMAT",
                         help='one strptime format for every date, e.g. "%%d/%%m/%%Y" (default: any known form)')  # fmt: skip
    cleaning = count.add_argument_group("cleaning")
    cleaning.add_argument(
        "--boilerplate",
        metavar="REGEX",
        action="append",
        help="a boilerplate line to remove (whole line, any case); repeatable; "
        "replaces the defaults (Facebook Comments, share on ...)",
    )
    cleaning.add_argument(
        "--keep-datelines",
        action="store_true",
        help="keep leading datelines and bylines (الرياض - واس، سبق- جدة:), bylines inside the text and the "
        "outlet's own name in quotation marks; by default they are blanked and reported in skipped.csv",
    )
    cleaning.add_argument(
        "--keep-bylines",
        action="store_true",
        help="keep bylines and place lines that start a later line (an interview's "
        "«حوار: … - سبق- الرياض:», a second story's «باماكو - رويترز:»); leading datelines are still blanked",
    )
    cleaning.add_argument("--keep-duplicates", action="store_true", help="keep exact and normalized duplicates")
    cleaning.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip unreadable records (empty, invalid JSON ...) and list them in skipped.csv "
        "instead of stopping at the first one",
    )
    cleaning.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict", help="invalid bytes in a UTF-8 file: stop naming the byte (strict, the default) or read them as U+FFFD, reported with their count in skipped.csv (replace)")  # fmt: skip


def _add_output_options(count: argparse.ArgumentParser) -> None:
    """Tables, formats and speed options of ``framing count``."""
    run = count.add_argument_group("output and speed")
    run.add_argument("--tokens", action="store_true", help="also write tokens.csv (every token with offsets)")
    run.add_argument(
        "--group-by",
        metavar="COLUMNS",
        default="",
        help="comma-separated document columns, e.g. outlet or outlet,month: also write groups.csv "
        "and group_categories.csv",
    )
    run.add_argument(
        "--score-actors",
        metavar="LABEL",
        action="append",
        default=[],
        help="an actor label (as in the lexicon's actor column) whose mentions and framing-matrix cells get "
        "columns in scores.csv; repeatable",
    )
    run.add_argument(
        "--score-window",
        type=int,
        default=None,
        metavar="N",
        help="count a term near an actor in scores.csv only within N tokens (default: same sentence)",
    )
    run.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="file format of every table: csv (default), xlsx (text that a spreadsheet would run as a formula "
        "gets a leading apostrophe), parquet (needs pyarrow) or dta (Stata 14+); codebook.csv and codebook.md "
        "describe every column in any format",
    )
    run.add_argument(
        "--bom",
        action="store_true",
        help="start CSV files with a UTF-8 byte-order mark, so that Excel shows Arabic (values are unchanged)",
    )
    run.add_argument(
        "--workers", type=positive, default=None, metavar="N", help="worker processes (default: the CPUs available)"
    )
    run.add_argument(
        "--max-document-mb",
        type=positive_float,
        default=DEFAULT_MAX_DOCUMENT_MB,
        metavar="MB",
        help=f"the largest document counted, in MB of UTF-8 text (default: {DEFAULT_MAX_DOCUMENT_MB:g}); a larger one "
        "stops the run, or with --skip-bad is skipped and reported",
    )
    run.add_argument("--chunk-size", type=positive, default=128, metavar="N", help="documents per unit of work")
    run.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )


def apply_config(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the options not given on the command line from ``--config`` or ``$FRAMING_CONFIG``.

    Without either, the built-in defaults apply (the bundled lexicons, the
    columns ``id, text, outlet ...``, the folder ``framing-output``); a
    ``framing.toml`` at the project root is read by the notebooks, not here.
    """
    config = command_config(args.config)
    filled = argparse.Namespace(**vars(args))
    filled.config_source = config.source if config is not None else None
    if config is None:
        filled.out = "framing-output" if args.out is None else args.out
        for name in ROLES:
            if getattr(args, f"{name}_column") is None:
                setattr(filled, f"{name}_column", getattr(Columns(), name))
        filled.ignore_path = args.ignore
        filled.lexicon_columns = lexicon_columns(args.lexicon_column, None)
        filled.column_notes = []
        filled.exclude = args.exclude or []
        if not args.paths:
            raise FramingInputError("framing count", "no PATH given: name files or folders of articles, or --config")
        return filled
    filled.paths = args.paths or config_corpus(config)
    filled.out = str(config.output / "count") if args.out is None else args.out
    filled.actors = args.actors or str(config.actors)
    filled.terms = args.terms or str(config.terms)
    filled.ignore_path = args.ignore or (str(config.ignore) if config.ignore else "")
    filled.model = args.model or (str(config.model) if config.model else None)
    filled.sheet = args.sheet if args.sheet is not None else config.sheet
    filled.date_format = args.date_format if args.date_format is not None else config.date_format
    filled.exclude = args.exclude if args.exclude is not None else list(config.exclude)
    given = lexicons_given(config, {"actors": args.actors, "terms": args.terms, "ignore": args.ignore})
    filled.lexicon_columns = lexicon_columns(args.lexicon_column, config, given)
    filled.column_notes = set_aside_mappings(config, given, args.lexicon_column)
    for name in ROLES:
        if getattr(args, f"{name}_column") is None:
            setattr(filled, f"{name}_column", getattr(config.columns, name))
    return filled


def in_sample_notes(paths: Sequence[str], counter: FramingCounter) -> list[str]:
    """The lines that say which of a run's model hits are in-sample (learned in training).

    Parameters
    ----------
    paths : sequence of str
        The run's input files and folders.
    counter : FramingCounter
        The run's counter; without a model there is nothing to say.

    Returns
    -------
    list of str
        A warning per input file that is the model's training file, and a note
        naming the documents whose coded hits the model learned, as printed.
    """
    if counter.tagger is None:
        return []
    from .learn.overlap import coded_documents, training_inputs

    lines = [
        f"framing: warning: {path} is the model's training data (the SHA-256 of its card); its model hits "
        "are in-sample and overstate how well the model tags new text (see notebook 06)"
        for path in training_inputs(paths, counter.tagger.card)
    ]
    coded = coded_documents(counter.tagger.card)
    if coded:
        lines.append(
            f"framing: note: the model also learned coded hits of {len(coded)} document(s) (--coding-sheet; "
            f"doc_id {', '.join(sorted(coded)[:3])}{' …' if len(coded) > 3 else ''}: the card's inputs list them); "
            "if they are in this corpus, their model hits are in-sample "
            "(analysis.learn.overlap.trained_on flags them)"
        )
    return lines


def run_count(args: argparse.Namespace) -> int:
    """Run ``framing count``; return the exit status."""
    args = apply_config(args)
    for note in args.column_notes:  # before the files are read: a refused header is then explained
        print(f"framing: note: {note}", file=sys.stderr)
    # An empty ignore path means "no ignore list" (a configuration's ignore = "").
    columns = args.lexicon_columns
    # No --ignore: the bundled list; an empty path (a configuration's ignore = ""): none.
    ignore_path = default_ignore_path() if args.ignore_path is None else args.ignore_path
    actors, terms, ignore = load_lexicons(args.actors, args.terms, ignore_path, columns=columns)
    counter = FramingCounter(actors, terms, ignore=ignore, model=args.model)
    lexicons = [counter.actors, counter.terms, *([counter.settings.ignore] if counter.settings.ignore else [])]
    for lexicon in lexicons:
        print(f"framing: {_LEXICON_NAMES[lexicon.kind]}: {lexicon.origin}", file=sys.stderr)
    for note in (note for lexicon in lexicons for note in lexicon.notes):
        print(f"framing: note: {note}", file=sys.stderr)
    reader = CorpusReader(
        Columns(**{name: getattr(args, f"{name}_column") for name in ROLES}),
        tuple(args.boilerplate) if args.boilerplate else DEFAULT_BOILERPLATE,
        dedupe=not args.keep_duplicates,
        datelines=not args.keep_datelines,
        bylines=not args.keep_bylines,
        sheet=args.sheet,
        encoding_errors=args.encoding_errors,
        date_format=args.date_format,
        exclude=args.exclude,
    )
    group_by = [c.strip() for c in args.group_by.split(",") if c.strip()]
    _refuse_corpus_column_names(group_by, args)
    for column in group_by:
        if column in _READER_COLUMNS:  # a corpus column of the same name is not what documents.csv holds there
            print(
                f"framing: note: --group-by {column}: {column!r} is {_READER_COLUMNS[column]} (documents.csv), "
                "not a column of your corpus; to group by outlet, name its column with --outlet-column and "
                "use --group-by outlet",
                file=sys.stderr,
            )
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(unit=" docs", file=sys.stderr, desc="counting")
    try:
        summary = count_corpus(
            args.paths, args.out, counter=counter, reader=reader, workers=args.workers or default_workers(),
            chunk_size=args.chunk_size, group_by=group_by, skip_bad=args.skip_bad, keep_tokens=args.tokens,
            progress=bar.update if bar is not None else None, max_document_mb=args.max_document_mb,
            provenance={"command": "framing count", "model": getattr(args, "model", None),
                        **config_provenance(getattr(args, "config_source", None))},
            score_actors=args.score_actors, score_window=args.score_window,
            format=args.format, bom=args.bom,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.close()
    print_report_summary(summary.report_rows)
    # With the summary, not before reading: a run that fails on its input has no model hits to warn about.
    for line in in_sample_notes(args.paths, counter):
        print(line, file=sys.stderr)
    print(
        f"{summary.n_documents} document(s), "
        + (f"{len(summary.articles)} article(s), " if summary.articles else "")
        + f"{summary.n_words} words, "
        f"{summary.n_hits.get('actor', 0)} actor mention(s), {summary.n_hits.get('term', 0)} loaded term(s)"
        + (f", {summary.n_hits.get('model', 0)} model span(s)" if args.model else "")
    )
    for path in summary.written:
        print(f"wrote {path}")
    return 0


class Interrupted(BaseException):
    """SIGTERM received: unwinds like Ctrl-C, so that staged files are removed and workers stopped."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def os_error_message(error: OSError, out: str | None = None) -> str:
    """``PATH: reason`` for an operating-system error (disk full, permission denied ...).

    A failed ``write`` names no file (a full disk, a file-size limit): the
    output folder ``out`` is named then, so the message still says where.
    """
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason += "; nothing was written: free space (or quota) and run again"
    elif error.errno == errno.EFBIG:
        reason += "; nothing was written: raise the file-size limit (ulimit -f) or write elsewhere"
    path = error.filename if error.filename is not None else out
    return reason if path is None else f"{path}: {reason}"


def output_folder(args: argparse.Namespace) -> str | None:
    """The folder the command writes into, ``--out`` or the default it resolves to, for messages.

    An error that names no file (a file-size limit) must still say where:
    ``--out`` left out means ``framing-output`` or ``<configuration's folder>/count``.
    """
    resolve = getattr(args, "output_folder", None)
    try:
        return resolve(args) if resolve is not None else getattr(args, "out", None)
    except (FramingInputError, OSError, ValueError):  # the configuration itself is what failed
        return getattr(args, "out", None)


def _refuse_corpus_column_names(group_by: Sequence[str], args: argparse.Namespace) -> None:
    """Refuse a ``--group-by`` that names the corpus's own column (``Newspaper``) rather than what documents.csv calls it.

    A name documents.csv has too (an outlet column called ``source``) is grouped by documents.csv's column, with a
    note (see :func:`run_count`).

    Raises
    ------
    ValueError
        Naming the column, its role and the name to use (``--group-by outlet``).
    """
    from .tables import METADATA_NAMES

    for column in (c for c in group_by if c not in METADATA_NAMES):
        for role in ROLES:
            table_name = "doc_id" if role == "id" else role
            if column == getattr(args, f"{role}_column") and table_name in METADATA_NAMES:
                raise ValueError(
                    f"cannot group by {column!r}: it is your corpus's {role} column, read into documents.csv as "
                    f"{table_name!r}; use --group-by {table_name}"
                )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``framing`` console script.

    Exit status 0 on success; 2 for bad input and operating-system errors
    (``framing: error: PATH: reason``); 130 after SIGINT (Ctrl-C) and 143
    after SIGTERM, with the staged files removed and the workers stopped.
    """
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        return int(args.handler(args))
    except FramingInputError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as error:  # before FileNotFoundError's generic message: name the path and the reason
        print(f"framing: error: {os_error_message(error, output_folder(args))}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except ValueError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except (KeyboardInterrupt, Interrupted) as interrupt:
        signum = interrupt.signum if isinstance(interrupt, Interrupted) else signal.SIGINT
        print(
            f"framing: interrupted ({signal.Signals(signum).name}); no output was written, "
            "earlier outputs are unchanged",
            file=sys.stderr,
        )
        return 128 + signum
    finally:
        signal.signal(signal.SIGTERM, previous)


def console_main() -> None:
    """The ``framing`` console script: :func:`main`, then exit with its status.

    After an interrupt the outputs are already cleaned up and the workers
    stopped; the process then ends at once, without the interpreter's exit
    handlers, which would wait for the worker pool's helper threads (a pool
    stopped in the middle of handing over a chunk can leave one waiting forever).
    """
    status = main()
    if status in (128 + signal.SIGINT, 128 + signal.SIGTERM):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    console_main()

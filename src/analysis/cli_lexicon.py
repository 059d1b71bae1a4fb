"""``framing lexicon check|report|suggest``: the lexicon workbench on the command line.

* ``check`` lists every problem of the lexicon files with file and row, and
  exits with status 2 if any is an error (one ``framing count`` would refuse);
* ``report PATH...`` counts a corpus and writes, per entry, its hits, documents
  and surface forms (``lexicon_report.csv``, ``lexicon_forms.csv``);
* ``suggest PATH...`` writes candidates drawn from the corpus: unlisted
  inflections (``variants.csv``), neighbours of the actors' aliases
  (``collocates.csv``) and, with ``--reference``, keywords (``keywords.csv``).

Corpora are read as ``framing count`` reads them (:class:`analysis.corpus.CorpusReader`);
tables are written atomically, all of them or none, with a ``manifest.json``.  With
``--config FILE`` (or ``$FRAMING_CONFIG``) the configuration's lexicons, corpus, columns
and output folder are the defaults, as for ``framing count``; the files checked or used
are printed first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from .config import FramingConfig, make_counter
from .corpus import DEFAULT_BOILERPLATE, Columns, CorpusReader
from .corpus.columns import ROLES
from .errors import SKIP_BAD_HINT, FramingInputError
from .lexicon import _describe_columns
from .limits import DEFAULT_MAX_DOCUMENT_MB, within_size_limit
from .outdir import check_output_folder
from .paths import data_path, default_actors_path, default_terms_path

if TYPE_CHECKING:
    import pandas as pd

EXIT_LEXICON_ERRORS = 2
#: The corpus columns these commands take: not the article column (they count records, not articles).
_COLUMNS = tuple(name for name in ROLES if name != "article")


def _lexicon_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="a framing.toml whose lexicons (and corpus) are the defaults")
    parser.add_argument("--actors", metavar="CSV", help="actor lexicon (default: the configuration's, or the bundled)")
    parser.add_argument("--terms", metavar="CSV", help="loaded-term lexicon (default: the configuration's, or bundled)")
    parser.add_argument(
        "--ignore", metavar="CSV", help="ignore list ('' for none; default: configuration's or bundled)"
    )
    add_lexicon_column_option(parser)


def _corpus_options(parser: argparse.ArgumentParser, out: str) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a file or folder of articles, as for framing count (default: the configuration's corpus)")  # fmt: skip
    _lexicon_options(parser)
    parser.add_argument(
        "--out", metavar="DIR", help=f"output folder (default: {out}, or <configuration's folder>/{out})"
    )
    parser.set_defaults(default_out=out, output_folder=output_folder)
    reading = parser.add_argument_group("reading the corpus (as framing count)")
    defaults = Columns()
    for name in _COLUMNS:
        reading.add_argument(f"--{name}-column", metavar="NAME",
                             help=f"column holding the {name} (default: {getattr(defaults, name)}, or the configuration's)")  # fmt: skip
    reading.add_argument("--sheet", metavar="NAME",
                         help="worksheet of .xlsx article files (default: the configuration's, else the only one)")  # fmt: skip
    reading.add_argument("--date-format", metavar="FORMAT",
                         help='one strptime format for every date, e.g. "%%d/%%m/%%Y" (default: the configuration\'s)')  # fmt: skip
    reading.add_argument("--exclude", metavar="PATTERN", action="append", default=None,
                         help="leave out files of the folders given (drafts/, notes.txt, *.bak.csv), as for framing "
                         "count; repeatable (default: the configuration's exclude)")  # fmt: skip
    reading.add_argument("--boilerplate", metavar="REGEX", action="append",
                         help="a boilerplate line to remove; repeatable; replaces the defaults")  # fmt: skip
    reading.add_argument("--keep-datelines", action="store_true",
                         help="keep leading datelines, bylines inside the text and outlet names")  # fmt: skip
    reading.add_argument("--keep-bylines", action="store_true", help="keep bylines and place lines inside the text")
    reading.add_argument("--keep-duplicates", action="store_true", help="keep exact and normalized duplicates")
    reading.add_argument("--skip-bad", action="store_true", help="skip unreadable records instead of stopping")
    reading.add_argument("--max-document-mb", type=positive_float, default=DEFAULT_MAX_DOCUMENT_MB, metavar="MB",
                         help=f"the largest document read, in MB of UTF-8 text (default: {DEFAULT_MAX_DOCUMENT_MB:g}), "
                         "as for framing count")  # fmt: skip
    # As framing count takes it, so one set of options serves every corpus command.
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar while counting (report; default: when stderr is a terminal)")  # fmt: skip
    reading.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict", help="invalid bytes in a UTF-8 file: stop (strict) or read them as U+FFFD (replace)")  # fmt: skip


def add_lexicon_command(commands: Any) -> None:
    """Add ``framing lexicon check|report|suggest`` to the subcommands of ``framing``."""
    lexicon = commands.add_parser(
        "lexicon",
        help="check a lexicon, report what each entry matched, suggest entries from a corpus",
        description="The lexicon workbench: check lexicon files, report per entry, suggest candidates.",
    )
    actions = lexicon.add_subparsers(dest="lexicon_command", required=True)
    check = actions.add_parser("check", help="list every problem of the lexicon files, by file and row")
    _lexicon_options(check)
    check.add_argument("--out", metavar="DIR", help="also write lexicon_check.csv into DIR")
    check.add_argument("--notes", action="store_true", help="also list the notes (entries inside longer entries ...)")
    check.set_defaults(handler=run_check)
    report = actions.add_parser("report", help="per entry: hits, documents, surface forms, entries that never match")
    _corpus_options(report, "lexicon-report")
    report.add_argument("--workers", type=positive, default=None, metavar="N",
                        help="worker processes for counting (default: the CPUs available)")  # fmt: skip
    report.set_defaults(handler=run_report)
    suggest = actions.add_parser("suggest", help="candidate variants, collocates and keywords, with examples")
    _corpus_options(suggest, "lexicon-suggestions")
    suggest.add_argument("--reference", metavar="PATH", action="append",
                         help="a reference corpus for keywords.csv (repeatable)")  # fmt: skip
    suggest.add_argument("--label", metavar="LABEL", action="append",
                         help="collocates of this actor only (repeatable; default: every actor)")  # fmt: skip
    suggest.add_argument("--min-count", type=positive, default=5, metavar="N", help="least count (default: 5)")
    suggest.add_argument("--window", type=positive, default=5, metavar="N", help="collocate window (default: 5)")
    suggest.add_argument("--top", type=positive, default=20, metavar="N", help="rows per entry or label (default: 20)")
    suggest.add_argument("--keep-stop-words", action="store_true",
                         help="also list function words (في، إلى ...) as collocates and keywords")  # fmt: skip
    suggest.set_defaults(handler=run_suggest)


def _config(args: argparse.Namespace) -> FramingConfig | None:
    return command_config(args.config)


def _lexicon_files(args: argparse.Namespace) -> tuple[str, str, str]:
    """The actor, term and ignore files to use ("" for no ignore list), from options, configuration or bundle."""
    config = _config(args)
    actors = args.actors or str(config.actors if config else default_actors_path())
    terms = args.terms or str(config.terms if config else default_terms_path())
    if args.ignore is not None:
        ignore = args.ignore
    elif config is not None:
        ignore = str(config.ignore) if config.ignore else ""
    else:
        ignore = str(data_path("lexicons", "ignore.csv"))
    # With the header mapping each file is read with (as framing count prints it): a mapping that was
    # not applied (a file given on the command line, the configuration's mapping for its own) is seen here.
    columns = _columns(args)
    files = (("actor lexicon", "actors", actors), ("term lexicon", "terms", terms), ("ignore list", "ignore", ignore))
    for role, kind, path in files:
        mapped = f" (columns {_describe_columns(columns[kind])})" if path and kind in columns else ""
        print(f"framing: {role}: {path or 'none'}{mapped}", file=sys.stderr)
    for note in set_aside_mappings(_config(args), _given(args), args.lexicon_column):
        print(f"framing: note: {note}", file=sys.stderr)
    return actors, terms, ignore


def _columns(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    """The lexicons' own header names: the configuration's for its own files, then ``--lexicon-column``."""
    return lexicon_columns(args.lexicon_column, _config(args), _given(args))


def _given(args: argparse.Namespace) -> dict[str, str]:
    """The lexicons named on the command line that are not the configuration's own files."""
    return lexicons_given(_config(args), {kind: getattr(args, kind) for kind in ("actors", "terms", "ignore")})


def _counter(args: argparse.Namespace) -> Any:
    return make_counter(*_lexicon_files(args), _columns(args))


def _corpus_settings(args: argparse.Namespace) -> tuple[list[str], Columns, str]:
    """The corpus paths, columns and output folder, from options or the configuration."""
    config = _config(args)
    paths = list(args.paths) or (config_corpus(config) if config else [])
    if not paths:
        raise FramingInputError("framing lexicon", "no PATH given: name files or folders of articles, or --config")
    base = config.columns if config else Columns()
    if args.sheet is None and config is not None:  # as framing count: an option given wins over the file
        args.sheet = config.sheet
    if args.date_format is None and config is not None:
        args.date_format = config.date_format
    if args.exclude is None:
        args.exclude = list(config.exclude) if config is not None else []
    columns = Columns(
        **{**vars(base), **{n: getattr(args, f"{n}_column") for n in _COLUMNS if getattr(args, f"{n}_column")}}
    )
    return paths, columns, output_folder(args, config)


def output_folder(args: argparse.Namespace, config: FramingConfig | None = None) -> str:
    """The folder ``report`` or ``suggest`` writes into: ``--out``, else the configuration's or the default."""
    config = config if config is not None else _config(args)
    return str(args.out or (config.output / args.default_out if config else args.default_out))


def _read(paths: list[str], columns: Columns, args: argparse.Namespace) -> tuple[pd.DataFrame, list[tuple]]:
    """The documents of ``paths``, read as ``framing count`` reads them, and the report rows of the reading.

    Unreadable records stop it unless ``--skip-bad``; what was skipped, dropped or
    cleaned is in the report rows, written as ``skipped.csv`` (nothing leaves silently).
    """
    from .corpus.reader import documents_table, unreadable_records

    reader = CorpusReader(
        columns,
        tuple(args.boilerplate) if args.boilerplate else DEFAULT_BOILERPLATE,
        dedupe=not args.keep_duplicates, datelines=not args.keep_datelines, bylines=not args.keep_bylines,
        encoding_errors=args.encoding_errors, sheet=args.sheet, date_format=args.date_format,
        exclude=args.exclude or (),
    )  # fmt: skip
    run = reader.open(paths)
    documents = documents_table(within_size_limit(run.documents, run, args.max_document_mb, args.skip_bad))
    errors = [row for row in run.report if row.level == "error"]
    if errors and not args.skip_bad:
        raise unreadable_records(errors, len(errors), SKIP_BAD_HINT)
    return documents, list(run.report)


def _write(
    tables: dict[str, pd.DataFrame], out: str, provenance: dict | None = None, stale: tuple[str, ...] = ()
) -> None:
    """Write the tables atomically, then (for a corpus run) their ``manifest.json``.

    ``stale`` names tables the command writes in other runs only (``keywords`` without
    ``--reference``): an earlier run's copy is removed, so the folder holds this run's tables only.
    """
    from pathlib import Path

    from .output import write_csv_tables
    from .provenance import MANIFEST_FILE, write_manifest

    # The previous manifest goes before its tables are replaced, as framing count does: should the new one
    # fail to be written, the folder has none rather than one describing tables that are no longer there.
    manifest = Path(out) / MANIFEST_FILE
    unlink = (lambda: manifest.unlink(missing_ok=True)) if provenance is not None else None
    written = write_csv_tables(tables, out, before_replace=unlink)
    for name in stale:
        old = Path(out) / f"{name}.csv"
        if name not in tables and old.exists():
            old.unlink()
            print(f"removed {old} (an earlier run's; this run does not write it)")
    if provenance is not None:
        written.append(write_manifest(out, provenance, tables=written))
    for path in written:
        print(f"wrote {path}")


def _skipped(report_rows: list[tuple]) -> pd.DataFrame:
    """The report of the corpus reading as ``skipped.csv``, its summary printed as ``framing count`` prints it."""
    from .tables import REPORT

    print_report_summary(report_rows)
    return REPORT.frame(report_rows)


def _provenance(command: str, args: argparse.Namespace, paths: list[str], counter: Any) -> dict:
    from .provenance import describe_run

    options = {
        k: v for k, v in vars(args).items() if k not in ("handler", "default_out", "out", "progress") and v is not None
    }
    return describe_run(
        f"framing lexicon {command}", parameters=options, inputs=paths, counter=counter, exclude=args.exclude or ()
    )


def run_check(args: argparse.Namespace) -> int:
    """Run ``framing lexicon check``; 2 if an error was found, else 0."""
    import pandas as pd

    from .workbench import check_lexicon

    if args.out:
        check_output_folder(args.out)  # before the work, not after it
    actors, terms, ignore = _lexicon_files(args)
    config = _config(args)
    # The file the category warnings compare with: the command has no option for it (see --config).
    bundled = data_path("lexicons", "categories.csv")
    categories = config.categories if config else bundled
    print(f"framing: categories: {categories}{' (bundled)' if categories == bundled else ''}", file=sys.stderr)
    findings = check_lexicon(
        actors, terms, ignore, categories=str(config.categories) if config else None, columns=_columns(args)
    )
    for f in findings.itertuples(index=False):
        if f.level == "note" and not args.notes:
            continue
        where = f.file if f.lexicon_row is pd.NA else f"{f.file}, row {f.lexicon_row}"
        entry = f" {f.entry!r}" if f.entry else ""
        print(f"{where}: {f.level}:{entry} {f.problem.rstrip('.')}; {f.advice}.")
    levels = findings["level"].value_counts()
    summary = ", ".join(f"{int(levels.get(level, 0))} {level}(s)" for level in ("error", "warning", "note"))
    # lexicon_check.csv exists only with --out: naming it without would send a reader to look for a file never written.
    where_notes = f"in {Path(args.out) / 'lexicon_check.csv'}" if args.out else "in lexicon_check.csv with --out DIR"
    hidden = f" (notes listed with --notes, or {where_notes})" if levels.get("note", 0) and not args.notes else ""
    print(summary + hidden)
    if args.out:
        _write({"lexicon_check": findings}, args.out)
    return EXIT_LEXICON_ERRORS if levels.get("error", 0) else 0


def run_report(args: argparse.Namespace) -> int:
    """Run ``framing lexicon report``; return the exit status."""
    from .batch import count_documents
    from .workbench import lexicon_report

    paths, columns, out = _corpus_settings(args)
    check_output_folder(out, paths)
    counter = _counter(args)
    documents, report_rows = _read(paths, columns, args)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    result = count_documents(documents, counter, workers=args.workers, progress=progress)
    report = lexicon_report(counter, result.hits, documents, folding=counter.folding)
    never = int((report.entries["n"] == 0).sum())
    print(
        f"{len(documents)} document(s), {len(result.hits)} hit(s); {never} of {len(report.entries)} entries never match"
    )
    if never:
        print(_never_matched(report.entries))
    tables = {"lexicon_report": report.entries, "lexicon_forms": report.forms, "skipped": _skipped(report_rows)}
    _write(tables, out, _provenance("report", args, paths, counter))
    return 0


def _never_matched(entries: pd.DataFrame, shown: int = 10) -> str:
    """The entries with no hit, file by file (the first ``shown`` of each), and what to make of them.

    Each lexicon file has its own line: the idle rows of a researcher's 15-row term file are not
    hidden behind the first ten of the 257 bundled actor rows.
    """
    lines = []
    for file, rows in entries.groupby("file", sort=False):
        idle = rows[rows["n"] == 0]
        if idle.empty:
            continue
        named = "; ".join(f"row {row.lexicon_row} {row.entry!r}" for row in idle.head(shown).itertuples())
        more = f"; and {len(idle) - shown} more" if len(idle) > shown else ""
        lines.append(f"  {file}, {len(idle)} of {len(rows)} entries: {named}{more}")
    return (
        "never match (n 0 in lexicon_report.csv: a misspelling, a form the matcher does not generate, or a word "
        "this corpus does not use):\n" + "\n".join(lines)
    )


def run_suggest(args: argparse.Namespace) -> int:
    """Run ``framing lexicon suggest``; return the exit status."""
    from .workbench import keyness, suggest_collocates, suggest_variants

    paths, columns, out = _corpus_settings(args)
    check_output_folder(out, [*paths, *(args.reference or [])])
    counter = _counter(args)
    documents, report_rows = _read(paths, columns, args)
    stop_words = () if args.keep_stop_words else None
    tables = {
        "variants": suggest_variants(documents, counter, min_count=args.min_count, top=args.top),
        "collocates": suggest_collocates(
            documents,
            counter,
            labels=args.label,
            window=args.window,
            min_count=args.min_count,
            top=args.top,
            stop_words=stop_words,
        ),
    }
    if args.reference:
        reference, reference_rows = _read(args.reference, columns, args)
        report_rows += reference_rows
        tables["keywords"] = keyness(
            documents, reference, counter, min_count=args.min_count, top=5 * args.top, stop_words=stop_words
        )
    print(", ".join(f"{len(table)} {name}" for name, table in tables.items()), f"from {len(documents)} document(s)")
    empty = [name for name, table in tables.items() if table.empty]
    if empty:  # a small corpus: 300 paragraphs gave no collocate seen 5 times, and nothing said why
        print(
            f"none of the {' or '.join(empty)} is seen --min-count {args.min_count} times or more in these "
            "document(s); on a small corpus try --min-count 2 (and read the examples: rare candidates are often chance)"
            if args.min_count > 2
            else f"no {' or '.join(empty)} at --min-count {args.min_count}"
        )
    tables["skipped"] = _skipped(report_rows)
    provenance = _provenance("suggest", args, [*paths, *(args.reference or [])], counter)
    _write(tables, out, provenance, stale=("keywords",))
    return 0


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["lexicon", *sys.argv[1:]]))

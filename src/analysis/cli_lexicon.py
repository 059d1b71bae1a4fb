"""``framing lexicon check|report|suggest``: the lexicon workbench on the command line.

* ``check`` lists every problem of the lexicon files with file and row, and
  exits with status 2 if any is an error (one ``framing count`` would refuse);
* ``report PATH...`` counts a corpus and writes, per entry, its hits, documents
  and surface forms (``lexicon_report.csv``, ``lexicon_forms.csv``);
* ``suggest PATH...`` writes candidates drawn from the corpus: unlisted
  inflections (``variants.csv``), neighbours of the actors' aliases
  (``collocates.csv``) and, with ``--reference``, keywords (``keywords.csv``).

Corpora are read as ``framing count`` reads them (:class:`analysis.corpus.CorpusReader`);
tables are written atomically, all of them or none.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .corpus import DEFAULT_BOILERPLATE, Columns, CorpusReader

if TYPE_CHECKING:
    import pandas as pd

EXIT_LEXICON_ERRORS = 2
_COLUMNS = ("text", "id", "outlet", "date", "title", "url")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return number


def _lexicon_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--actors", metavar="CSV", help="actor lexicon (default: the bundled data/lexicons/actors.csv)")
    parser.add_argument("--terms", metavar="CSV", help="loaded-term lexicon (default: data/lexicons/loaded_terms.csv)")
    parser.add_argument("--ignore", metavar="CSV", help="ignore list (default: data/lexicons/ignore.csv)")


def _corpus_options(parser: argparse.ArgumentParser, out: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder of articles (as for framing count)")
    _lexicon_options(parser)
    parser.add_argument("--out", metavar="DIR", default=out, help="output folder (default: %(default)s)")
    reading = parser.add_argument_group("reading the corpus (as framing count)")
    defaults = Columns()
    for name in _COLUMNS:
        reading.add_argument(f"--{name}-column", metavar="NAME", default=getattr(defaults, name),
                             help=f"column holding the {name} (default: %(default)s)")  # fmt: skip
    reading.add_argument("--boilerplate", metavar="REGEX", action="append",
                         help="a boilerplate line to remove; repeatable; replaces the defaults")  # fmt: skip
    reading.add_argument("--keep-datelines", action="store_true", help="keep leading datelines and outlet names")
    reading.add_argument("--keep-duplicates", action="store_true", help="keep exact and normalized duplicates")
    reading.add_argument("--skip-bad", action="store_true", help="skip unreadable records instead of stopping")
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
    report.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="worker processes for counting (default: the CPUs available)")  # fmt: skip
    report.set_defaults(handler=run_report)
    suggest = actions.add_parser("suggest", help="candidate variants, collocates and keywords, with examples")
    _corpus_options(suggest, "lexicon-suggestions")
    suggest.add_argument("--reference", metavar="PATH", action="append",
                         help="a reference corpus for keywords.csv (repeatable)")  # fmt: skip
    suggest.add_argument("--label", metavar="LABEL", action="append",
                         help="collocates of this actor only (repeatable; default: every actor)")  # fmt: skip
    suggest.add_argument("--min-count", type=_positive, default=5, metavar="N", help="least count (default: 5)")
    suggest.add_argument("--window", type=_positive, default=5, metavar="N", help="collocate window (default: 5)")
    suggest.add_argument("--top", type=_positive, default=20, metavar="N", help="rows per entry or label (default: 20)")
    suggest.set_defaults(handler=run_suggest)


def _counter(args: argparse.Namespace) -> Any:
    from .lexicon import load_actors, load_ignore, load_terms
    from .pipeline import FramingCounter

    return FramingCounter(load_actors(args.actors), load_terms(args.terms), ignore=load_ignore(args.ignore))


def _read(paths: list[str], args: argparse.Namespace) -> pd.DataFrame:
    """The documents of ``paths``, read as ``framing count`` reads them; unreadable records stop it unless skipped."""
    from .corpus import Corpus
    from .corpus.reader import documents_table

    reader = CorpusReader(
        Columns(**{name: getattr(args, f"{name}_column") for name in _COLUMNS}),
        tuple(args.boilerplate) if args.boilerplate else DEFAULT_BOILERPLATE,
        dedupe=not args.keep_duplicates, datelines=not args.keep_datelines, encoding_errors=args.encoding_errors,
    )  # fmt: skip
    run = reader.open(paths)
    documents = documents_table(run.documents)
    if not args.skip_bad:
        Corpus(documents, run.report_frame()).raise_for_errors()
    return documents


def _write(tables: dict[str, pd.DataFrame], out: str) -> None:
    from .output import write_csv_tables

    for path in write_csv_tables(tables, out):
        print(f"wrote {path}")


def run_check(args: argparse.Namespace) -> int:
    """Run ``framing lexicon check``; 2 if an error was found, else 0."""
    import pandas as pd

    from .workbench import check_lexicon

    findings = check_lexicon(args.actors, args.terms, args.ignore)
    for f in findings.itertuples(index=False):
        if f.level == "note" and not args.notes:
            continue
        where = f.file if f.lexicon_row is pd.NA else f"{f.file}, row {f.lexicon_row}"
        entry = f" {f.entry!r}" if f.entry else ""
        print(f"{where}: {f.level}:{entry} {f.problem.rstrip('.')}; {f.advice}.")
    levels = findings["level"].value_counts()
    summary = ", ".join(f"{int(levels.get(level, 0))} {level}(s)" for level in ("error", "warning", "note"))
    hidden = " (notes listed with --notes or in lexicon_check.csv)" if levels.get("note", 0) and not args.notes else ""
    print(summary + hidden)
    if args.out:
        _write({"lexicon_check": findings}, args.out)
    return EXIT_LEXICON_ERRORS if levels.get("error", 0) else 0


def run_report(args: argparse.Namespace) -> int:
    """Run ``framing lexicon report``; return the exit status."""
    from .batch import count_documents
    from .workbench import lexicon_report

    counter = _counter(args)
    documents = _read(args.paths, args)
    result = count_documents(documents, counter, workers=args.workers)
    report = lexicon_report(counter, result.hits, documents, folding=counter.folding)
    never = int((report.entries["n"] == 0).sum())
    print(
        f"{len(documents)} document(s), {len(result.hits)} hit(s); {never} of {len(report.entries)} entries never match"
    )
    _write({"lexicon_report": report.entries, "lexicon_forms": report.forms}, args.out)
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    """Run ``framing lexicon suggest``; return the exit status."""
    from .workbench import keyness, suggest_collocates, suggest_variants

    counter = _counter(args)
    documents = _read(args.paths, args)
    tables = {
        "variants": suggest_variants(documents, counter, min_count=args.min_count, top=args.top),
        "collocates": suggest_collocates(
            documents, counter, labels=args.label, window=args.window, min_count=args.min_count, top=args.top
        ),
    }
    if args.reference:
        reference = _read(args.reference, args)
        tables["keywords"] = keyness(documents, reference, counter, min_count=args.min_count, top=5 * args.top)
    print(", ".join(f"{len(table)} {name}" for name, table in tables.items()), f"from {len(documents)} document(s)")
    _write(tables, args.out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    from .cli import main

    sys.exit(main(["lexicon", *sys.argv[1:]]))

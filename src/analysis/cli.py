"""The ``framing`` command.

``framing count PATH... [--actors CSV] [--terms CSV] [--out DIR]`` reads
``.txt`` articles (files or folders), matches the lexicons and writes
``hits.csv``, ``counts.csv`` and ``documents.csv`` into ``DIR``.  Bad input
stops the command with a message naming the file (and row or byte) and exit
status 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import FramingInputError
from .ingest import read_documents
from .lexicon import load_actors, load_terms
from .output import write_csv_tables
from .pipeline import FramingCounter

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``framing`` command."""
    parser = argparse.ArgumentParser(prog="framing", description="Measure how Arabic news frames political actors.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    count = commands.add_parser(
        "count",
        help="count actor mentions and loaded terms in .txt articles",
        description="Count actor mentions and loaded terms; write hits.csv, counts.csv and documents.csv.",
    )
    count.add_argument("paths", nargs="+", metavar="PATH", help=".txt file or folder of .txt files")
    count.add_argument("--actors", metavar="CSV", help="actor lexicon (default: the bundled data/lexicons/actors.csv)")
    count.add_argument("--terms", metavar="CSV", help="loaded-term lexicon (default: data/lexicons/loaded_terms.csv)")
    count.add_argument("--out", metavar="DIR", default="framing-output", help="output folder (default: %(default)s)")
    count.add_argument("--tokens", action="store_true", help="also write tokens.csv (every token with offsets)")
    return parser


def run_count(args: argparse.Namespace) -> int:
    """Run ``framing count``; return the exit status."""
    actors = load_actors(args.actors)
    terms = load_terms(args.terms)
    for note in actors.notes + terms.notes:
        print(f"framing: note: {note}", file=sys.stderr)
    documents = read_documents(args.paths)
    result = FramingCounter(actors, terms).count(documents, keep_tokens=args.tokens)
    tables = {"hits": result.hits, "counts": result.counts, "documents": result.documents}
    if args.tokens and result.tokens is not None:
        tables["tokens"] = result.tokens
    written = write_csv_tables(tables, args.out)
    trimmed = result.documents[result.documents["trailer_removed"] != ""]
    for doc_id, removed in zip(trimmed["doc_id"], trimmed["trailer_removed"]):
        print(f"framing: note: {doc_id}: removed trailing boilerplate {removed!r}", file=sys.stderr)
    by_kind = result.hits["kind"].value_counts()
    print(
        f"{len(result.documents)} document(s), {int(result.documents['n_tokens'].sum())} tokens, "
        f"{by_kind.get('actor', 0)} actor mention(s), {by_kind.get('term', 0)} loaded term(s)"
    )
    for path in written:
        print(f"wrote {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``framing`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return run_count(args)
    except FramingInputError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except FileNotFoundError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR


if __name__ == "__main__":
    sys.exit(main())

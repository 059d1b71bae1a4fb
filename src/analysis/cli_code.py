"""``framing code draw|score``: coding sheets for human validation on the command line.

* ``draw OUTDIR`` draws a stratified, seeded sample of the hits of a ``framing count``
  output folder (:func:`analysis.coding.sample_hits`; model hits with
  :func:`analysis.learn.active_sample`), writes the coding sheet named by its identity
  with its sample beside it (:func:`analysis.coding.save_coding_sheet`) and says what to do next.
  ``documents.csv`` holds no text, and the sheet shows each hit in its context, so the
  corpus is read again as the count read it: from the paths and reader settings of the
  folder's ``manifest.json`` (or the paths given with ``--corpus``), and checked against
  the manifest's SHA-256 of every input file and against ``documents.csv``.
* ``score FILLED...`` reads filled sheets back (:func:`analysis.coding.read_coding_sheet`;
  copies of one sheet, one per coder, are merged), prints coding progress, precision per
  term with Wilson intervals, agreement between coders and the weighted precision of an
  active sample, and writes them as CSV tables (:data:`analysis.tables.SCORE_TABLES`) with
  a ``manifest.json``, atomically.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cli_common import command_config, non_negative, positive, share
from .errors import FramingInputError

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import CorpusReader

#: What ``framing code draw`` reads from a ``framing count`` folder.
_COUNT_TABLES = ("hits.csv", "documents.csv")
_KINDS = ("term", "actor", "model")
#: The folder, inside the count's output folder, that sheets go to by default.
DEFAULT_SHEET_FOLDER = "coding"


def add_code_command(commands: Any) -> None:
    """Register ``framing code draw`` and ``framing code score``."""
    code = commands.add_parser(
        "code",
        help="draw coding sheets from a framing count folder and score the filled ones",
        description="Validate hits by hand: draw a coding sheet from a framing count output folder, "
        "then score the filled sheets (precision per term, agreement between coders).",
    )
    steps = code.add_subparsers(dest="step", required=True)
    _add_draw(steps)
    _add_score(steps)


def _add_draw(steps: Any) -> None:
    draw = steps.add_parser(
        "draw",
        help="draw a stratified sample of hits and write a coding sheet",
        description="Draw a stratified, seeded sample of the hits of a framing count output folder and write a "
        "coding sheet (each hit in its context, one column per coder) named by its identity, with its sample "
        "beside it (.sample.json). The corpus is read again for the context, from the folder's manifest.json.",
    )
    draw.set_defaults(handler=run_draw)
    draw.add_argument("outdir", metavar="OUTDIR", help="the output folder of framing count (hits.csv, documents.csv, "
                      "manifest.json)")  # fmt: skip
    draw.add_argument("--corpus", metavar="PATH", nargs="+", help="the corpus files or folders framing count read, "
                      "when they are no longer where its manifest.json says (default: the manifest's paths); OUTDIR goes first, "
                      "as the options of several values take what follows them")  # fmt: skip
    draw.add_argument("--kind", nargs="+", choices=_KINDS, default=["term"], help="the hits to sample: loaded terms "
                      "and/or actor mentions (stratified by label), model hits (--active and --random strata); "
                      "default: term")  # fmt: skip
    draw.add_argument("--per-stratum", type=positive, default=20, metavar="N",
                      help="term and actor hits drawn per label (all of them when fewer; default 20)")  # fmt: skip
    draw.add_argument("--seed", type=non_negative, default=None, metavar="S",
                      help="random seed (default: the configuration's seed, as notebook 05 uses it, else 0)")  # fmt: skip
    draw.add_argument("--config", metavar="FILE", help="a framing.toml whose seed is the default (or $FRAMING_CONFIG)")
    draw.add_argument("--coders", nargs="+", default=["coder_1", "coder_2"], metavar="NAME",
                      help="one column per coder (default: coder_1 coder_2)")  # fmt: skip
    draw.add_argument("--active", type=non_negative, default=None, metavar="N", help="model hits: the N scored "
                      "nearest the model's threshold (default 20; needs --kind model)")  # fmt: skip
    draw.add_argument("--random", type=non_negative, default=None, metavar="N", help="model hits: N more drawn at "
                      "random from the others, with their inclusion probability (default 20; needs --kind model)")  # fmt: skip
    draw.add_argument("--near-miss", type=non_negative, default=0, metavar="N", help="model hits: also the N "
                      "highest-scored spans just below the threshold (what the model missed), for an upper bound "
                      "of its recall (default 0; needs --kind model)")  # fmt: skip
    draw.add_argument("--out", metavar="FOLDER|SHEET.xlsx|SHEET.csv", help="a folder, or a file name whose folder, "
                      "start and format (.xlsx or .csv) the sheet takes; the identity and seed are added to the "
                      f"name (default: OUTDIR/{DEFAULT_SHEET_FOLDER}/coding_sheet_<8 hex>_seed<S>.xlsx)")  # fmt: skip
    draw.add_argument("--sheet", metavar="NAME", help="worksheet of .xlsx article files, as given to framing count")
    draw.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                      help="as given to framing count (default strict)")  # fmt: skip


def _add_score(steps: Any) -> None:
    score = steps.add_parser(
        "score",
        help="read filled coding sheets: progress, precision per term, agreement",
        description="Read filled coding sheets (copies of one sheet, e.g. one per coder, are merged) and write "
        "coding_progress.csv, term_precision.csv, coder_agreement.csv and, for an active sample of model hits, "
        "model_precision.csv (and near_misses.csv), and coded_sheet.csv (the merged rows with the judgment "
        "scored), with a manifest.json.",
    )
    score.set_defaults(handler=run_score)
    score.add_argument("sheets", nargs="+", metavar="FILLED", help="a filled coding sheet (.xlsx, .csv or Excel's "
                       "Unicode text .txt), with its .sample.json beside it")  # fmt: skip
    score.add_argument("--out", metavar="FOLDER", help="where the tables go (default: <first sheet's name>_scores/ "
                       "beside it)")  # fmt: skip
    score.add_argument("--coder", metavar="NAME", help="the judgment to score: one coder column (an adjudication "
                       "added with --add-coder); default: the strict majority of the coders")  # fmt: skip
    score.add_argument("--add-coder", metavar="NAME", action="append", default=[], help="a column the coders added "
                       "that holds codes (an adjudication), read as a coder; repeatable")  # fmt: skip
    score.add_argument("--threshold", type=share, default=0.8, metavar="P",
                       help="precision a term should reach (default 0.8)")  # fmt: skip
    score.add_argument("--min-coded", type=positive, default=3, metavar="N", help="coded hits a term needs before "
                       "it is flagged or cleared (default 3: one or two hits prove nothing)")  # fmt: skip


# == draw =================================================================================


def run_draw(args: argparse.Namespace) -> int:
    """Run ``framing code draw``; return the exit status."""
    from .coding import coding_sheet, save_coding_sheet
    from .coding.codes import NOTES, SHEET_COLUMNS, _check_names

    kinds = list(dict.fromkeys(args.kind))
    _check_model_options(args, kinds)
    if args.seed is None:  # the seed notebook 05 draws with (CONFIG.seed), so both give the same sheet
        config = command_config(args.config)
        args.seed = config.seed if config else 0
    # Before the corpus is read again (minutes for a large one): a bad name or --out stops at once.
    _check_names(args.coders, "coder", (*SHEET_COLUMNS, NOTES))
    folder = Path(args.outdir)
    target, stem, suffix = _sheet_target(args.out, folder)
    manifest = read_count_manifest(folder)
    hits = _count_table(folder, manifest, "hits.csv")
    listed = _count_table(folder, manifest, "documents.csv")
    lexicons = _lexicon_files(folder, manifest)
    model = _manifest_model(folder, manifest) if "model" in kinds else None
    paths = list(args.corpus) if args.corpus else _manifest_paths(folder, manifest)
    _check_inputs(folder, manifest, paths, args.corpus is not None)
    print(f"framing: reading the corpus again for the hits' context: {', '.join(map(str, paths))}", file=sys.stderr)
    documents = counted_documents(paths, _reader(manifest, args), listed, folder)
    sample = _draw(hits, documents, kinds, args, model)
    sheet = coding_sheet(sample, documents, coders=args.coders)
    saved = save_coding_sheet(
        sheet, target, sample=sample, documents=documents, seed=args.seed, lexicons=lexicons, suffixes=(suffix,),
        stem=stem, model={"name": model["name"], "sha256": model["sha256"]} if model else None,
        drawn_from=_draw_record(folder, args),
    )  # fmt: skip
    _print_draw(saved[0], sample, sheet, args.coders, args.per_stratum)
    return 0


#: The options of ``framing code draw`` recorded with its sample (what decides which hits were drawn).
_DRAW_OPTIONS = ("kind", "per_stratum", "seed", "coders", "active", "random", "near_miss", "corpus")


def _draw_record(folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """What a sheet was drawn from, for its sample: the count folder and its manifest's SHA-256, options, code.

    The sample's identity hashes the documents as read, which no file's hash matches; this record
    ties the sheet to the ``framing count`` run (whose manifest names the corpus files and lexicons).
    """
    from . import __version__
    from .provenance import MANIFEST_FILE, file_sha256, shown_path, source_revision

    return {
        "command": "framing code draw",
        "count_folder": shown_path(folder),
        "count_manifest_sha256": file_sha256(folder / MANIFEST_FILE),
        "options": {name: getattr(args, name) for name in _DRAW_OPTIONS},
        "package_version": __version__,
        **source_revision(),
    }


def _check_model_options(args: argparse.Namespace, kinds: Sequence[str]) -> None:
    """Refuse model-sample options without ``--kind model``: they would be ignored without a word."""
    given = [name for name, value in (("--active", args.active), ("--random", args.random),
                                       ("--near-miss", args.near_miss or None)) if value is not None]  # fmt: skip
    if given and "model" not in kinds:
        raise FramingInputError("framing code draw", f"{', '.join(given)} sample model hits: add --kind model "
                                f"(with {' '.join(kinds)} to keep those hits too)")  # fmt: skip


def read_count_manifest(folder: Path) -> dict[str, Any]:
    """The ``manifest.json`` of a ``framing count`` output folder, or an error saying what the folder lacks.

    Raises
    ------
    FramingInputError
        The folder is missing, has no manifest (not a count's folder, or its run did not finish), or its
        manifest is not that of a count.
    """
    from .provenance import MANIFEST_FILE, read_manifest

    if not folder.is_dir():
        raise FramingInputError(folder, "is not a folder; give the output folder of framing count (its --out)")
    path = folder / MANIFEST_FILE
    if not path.is_file():
        raise FramingInputError(folder, f"has no {MANIFEST_FILE}: not the output folder of a finished framing count "
                                "(a run that stopped leaves none); run framing count again")  # fmt: skip
    try:
        manifest = read_manifest(path)
    except (OSError, ValueError) as error:
        raise FramingInputError(path, f"cannot be read ({error}); run framing count again") from None
    if manifest.get("command") not in ("framing count", "analysis.count_corpus"):
        raise FramingInputError(path, f"was written by {manifest.get('command')!r}, not framing count: give the "
                                "output folder of framing count")  # fmt: skip
    return manifest


def _count_table(folder: Path, manifest: Mapping[str, Any], name: str) -> pd.DataFrame:
    """``hits.csv`` or ``documents.csv`` of the folder, checked against the manifest's SHA-256."""
    from .export import read_csv_table
    from .provenance import file_sha256
    from .tables import DOCUMENTS, HITS

    path = folder / name
    fmt = manifest.get("parameters", {}).get("format", "csv")
    if fmt != "csv":
        raise FramingInputError(folder, f"holds the tables as {fmt} (framing count --format {fmt}); framing code "
                                "draw reads the CSV tables: run framing count again without --format")  # fmt: skip
    recorded = manifest.get("tables", {}).get(name, {}).get("sha256")
    if not path.is_file():
        raise FramingInputError(path, "does not exist; run framing count again into this folder")
    if recorded != file_sha256(path):
        raise FramingInputError(path, "is not the file framing count wrote (its SHA-256 differs from manifest.json's):"
                                " edited or replaced since; run framing count again")  # fmt: skip
    return read_csv_table(path, HITS if name == "hits.csv" else DOCUMENTS)


def _resolved(path: str, folder: Path, what: str, remedy: str = "put it back, or run framing count again") -> Path:
    """A path as a manifest records it: absolute as is; relative from the working folder, else the project's."""
    from .paths import project_root

    given = Path(path)
    candidates = [given]
    if not given.is_absolute():
        try:
            candidates.append(project_root() / given)
        except FileNotFoundError:  # an installed package has no project folder: the working folder alone
            pass
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FramingInputError(given, f"does not exist: the {what} that {folder / 'manifest.json'} names; {remedy}")


def _lexicon_files(folder: Path, manifest: Mapping[str, Any]) -> dict[str, Path | None]:
    """Each lexicon file the count used, by role, checked to be unchanged (the sheet's identity hashes it)."""
    from .provenance import file_sha256

    files: dict[str, Path | None] = {}
    for role, record in sorted(manifest.get("lexicons", {}).items()):
        if record is None:
            files[role] = None
            continue
        path = _resolved(record["path"], folder, f"{role} lexicon")
        if file_sha256(path) != record["sha256"]:
            raise FramingInputError(path, f"changed since framing count wrote {folder} (its SHA-256 is not the one in "
                                    "manifest.json): the hits are those of the old lexicon; run framing count again")  # fmt: skip
        files[role] = path
    return files


def _manifest_model(folder: Path, manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The model record of the manifest (name, path, sha256, threshold); an error when the count had none."""
    model = manifest.get("model")
    if not isinstance(model, Mapping) or "threshold" not in model:
        raise FramingInputError(folder, "holds no model hits (framing count ran without --model): drop --kind "
                                "model, or run framing count again with --model")  # fmt: skip
    return dict(model)


def _manifest_paths(folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    """The corpus paths the count read, as it was given them; an error naming them when they are gone."""
    paths = manifest.get("parameters", {}).get("paths") or []
    if not paths:
        raise FramingInputError(folder / "manifest.json", "names no corpus paths; give them with --corpus PATH ...")
    remedy = "give the corpus framing count read with --corpus PATH ..."
    return [str(_resolved(path, folder, "corpus path", remedy)) for path in paths]


def _check_inputs(folder: Path, manifest: Mapping[str, Any], paths: Sequence[str], given: bool) -> None:
    """Refuse a corpus whose files are not the ones the count read (their SHA-256), naming the first that differs."""
    from .provenance import input_files

    exclude = manifest.get("parameters", {}).get("reader", {}).get("exclude", [])
    recorded = {record["sha256"]: record["path"] for record in manifest.get("inputs", [])}
    found = input_files(paths, exclude)
    current = {record["sha256"] for record in found}
    changed = [record["path"] for record in found if record["sha256"] not in recorded]
    missing = [path for sha, path in recorded.items() if sha not in current]
    if changed or missing:
        where = "the --corpus given" if given else "the corpus"
        detail = f"{changed[0]} is not a file it read (or changed since)" if changed else f"{missing[0]} is missing"
        raise FramingInputError(
            folder, f"{where} differs from what framing count read ({detail}; manifest.json holds the SHA-256 of "
            f"every input file): the hits' offsets would point into other text; give the corpus it read, or run "
            "framing count again",
        )  # fmt: skip


def _reader(manifest: Mapping[str, Any], args: argparse.Namespace) -> CorpusReader:
    """A reader with the settings the count read the corpus with (manifest.json's ``parameters.reader``)."""
    from .provenance import reader_from_parameters

    settings = manifest.get("parameters", {}).get("reader", {})
    return reader_from_parameters(settings, sheet=args.sheet, encoding_errors=args.encoding_errors)


def counted_documents(paths: Sequence[str], reader: CorpusReader, listed: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The documents of ``documents.csv`` with their text, read again with the count's reader settings.

    Records the count skipped (``--skip-bad``, too large) are read past; every document of
    ``documents.csv`` must come back with the same number of characters.

    Raises
    ------
    FramingInputError
        Naming the first document of ``documents.csv`` that is not found, or whose text differs.
    """
    from .corpus.reader import documents_table

    run = reader.open(paths)
    read = documents_table(run.documents)
    by_id = read.drop_duplicates("doc_id").set_index("doc_id")
    wanted = listed["doc_id"].astype(str)
    missing = wanted[~wanted.isin(by_id.index)]
    if not missing.empty:
        raise FramingInputError(folder / "documents.csv", f"{len(missing)} of its documents are not in the corpus read "
                                f"again (first {missing.iloc[0]!r}, row {int(missing.index[0]) + 2}): read with other "
                                "settings (--sheet?) or another corpus; give the corpus framing count read",
                                row=int(missing.index[0]) + 2)  # fmt: skip
    documents = by_id.loc[wanted.to_numpy()].reset_index()
    lengths = documents["text"].str.len().to_numpy()
    differ = [i for i, (n, m) in enumerate(zip(lengths, listed["n_chars"].to_numpy())) if int(n) != int(m)]
    if differ:
        i = differ[0]
        raise FramingInputError(folder / "documents.csv", f"document {wanted.iloc[i]!r} has {listed['n_chars'].iloc[i]} "
                                f"characters here but {lengths[i]} as read again ({len(differ)} document(s) differ): "
                                "read with other settings (--encoding-errors?); give the options framing count "
                                "was given", row=i + 2)  # fmt: skip
    return documents


def _draw(
    hits: pd.DataFrame, documents: pd.DataFrame, kinds: Sequence[str], args: argparse.Namespace,
    model: Mapping[str, Any] | None,
) -> pd.DataFrame:  # fmt: skip
    """The sample: each dictionary kind stratified by label, model hits as an active sample; in that order."""
    import pandas as pd

    from .coding import sample_hits

    parts = []
    for kind in kinds:
        if kind == "model":
            parts.append(_model_sample(hits, documents, args, model or {}))
        else:
            found = sample_hits(hits, per_stratum=args.per_stratum, seed=args.seed, kind=kind)
            if found.empty:
                print(f"framing: note: no {kind} hit in hits.csv: none drawn", file=sys.stderr)
            parts.append(found)
    sample = pd.concat([p for p in parts if not p.empty] or parts, ignore_index=True)
    if sample.empty:
        raise FramingInputError(Path(args.outdir) / "hits.csv", f"holds no hit of kind {', '.join(kinds)}: "
                                "nothing to code")  # fmt: skip
    return sample


def _model_sample(
    hits: pd.DataFrame, documents: pd.DataFrame, args: argparse.Namespace, model: Mapping[str, Any]
) -> pd.DataFrame:
    """Model hits by :func:`~analysis.learn.active_sample`, with near misses of the re-scored corpus if asked."""
    from .learn.loop import active_sample, near_miss_spans

    near = None
    if args.near_miss:
        print(f"framing: scoring the corpus again with the model for spans below its threshold {model['threshold']}",
              file=sys.stderr)  # fmt: skip
        near = near_miss_spans(_load_tagger(model), documents)
    return active_sample(
        hits, float(model["threshold"]), n_uncertain=20 if args.active is None else args.active,
        n_random=20 if args.random is None else args.random, seed=args.seed, near_misses=near,
        n_near_miss=args.near_miss,
    )  # fmt: skip


def _load_tagger(model: Mapping[str, Any]) -> Any:
    """The model of the manifest, checked to be the file that found the hits."""
    from .learn.model import load_tagger
    from .provenance import file_sha256

    path = _resolved(str(model["path"]), Path("."), "model")
    if file_sha256(path) != model["sha256"]:
        raise FramingInputError(path, "is not the model framing count used (its SHA-256 differs from manifest.json's):"
                                " its scores would not be those of the hits; run framing count again")  # fmt: skip
    return load_tagger(path)


def _sheet_target(out: str | None, folder: Path) -> tuple[Path, str, str]:
    """The folder, file-name start and suffix of the sheet, from ``--out``."""
    if out is None:
        return folder / DEFAULT_SHEET_FOLDER, "coding_sheet", ".xlsx"
    given = Path(out)
    if given.suffix.lower() in (".xlsx", ".csv"):
        return given.parent, given.stem, given.suffix.lower()
    if given.suffix:
        raise FramingInputError(given, "a coding sheet is written as .xlsx or .csv; give a folder or such a name")
    return given, "coding_sheet", ".xlsx"


def _print_draw(saved: Any, sample: pd.DataFrame, sheet: pd.DataFrame, coders: Sequence[str], per_stratum: int) -> None:
    """Where the sheet went, its rows per stratum, and what to do next."""
    from .coding import sample_path

    state = "kept (this very sample was already there: coders may be filling it)" if saved.status == "kept" else "wrote"
    print(f"{state} {saved.path}")
    print(f"  with its sample {sample_path(saved.path)} (keep it beside the sheet and every copy of it)")
    strata = sample["stratum"] if "stratum" in sample.columns else None
    for kind, rows in sample.groupby("kind", sort=False):
        if kind == "model" and strata is not None:
            for stratum, part in rows.groupby(strata[rows.index], sort=False):
                weight = part["weight"].iloc[0]
                extra = f", each standing for {weight:g} hit(s)" if stratum == "random" else ""
                if stratum == "near_miss":
                    extra = f", scored {part['score'].min():g} to {part['score'].max():g} (below the threshold)"
                print(f"  model, {stratum}: {len(part)} row(s){extra}")
        else:
            # Hundreds of labels drew per_stratum each: the ones with fewer hits are the news.
            counts = rows.groupby("label", sort=True).size()
            short = ", ".join(f"{label} {n}" for label, n in counts.items() if n < per_stratum)
            print(f"  {kind}: {len(rows)} row(s) in {len(counts)} label(s), up to {per_stratum} each"
                  + (f"; with fewer hits (all drawn): {short}" if short else ""))  # fmt: skip
    print(f"{len(sheet)} row(s) to code. Next: give each coder a copy of the sheet (with the .sample.json beside it); "
          f"each fills their own column ({', '.join(coders)}) with correct, incorrect or unclear (the 'codes' "
          f"sheet says what each means); then run: framing code score {saved.path} [COPY ...]")  # fmt: skip


# == score ================================================================================


def run_score(args: argparse.Namespace) -> int:
    """Run ``framing code score``; return the exit status."""
    out = Path(args.out) if args.out else _default_score_folder(Path(args.sheets[0]))
    _check_score_folder(out)  # before the sheets are read, as framing count checks --out first
    coded = read_sheets(args.sheets, args.add_coder)
    coders = list(coded.attrs["coders"])
    if args.coder is not None and args.coder not in coders:
        raise FramingInputError(args.sheets[0], f"has no coder column {args.coder!r} (coders: {', '.join(coders)}); "
                                "an added column of codes is read with --add-coder NAME")  # fmt: skip
    tables = score_tables(
        coded, coder=args.coder, threshold=args.threshold, min_coded=args.min_coded, added=args.add_coder
    )
    active = len(coded) - len(_dictionary_rows(coded))
    if active:
        print(f"framing: note: {active} row(s) are model hits of an active sample (unequal inclusion probabilities): "
              "scored as model_precision (weighted), not per label", file=sys.stderr)  # fmt: skip
    _print_score(tables, coded, args)
    _write_score(tables, out, args, coded.attrs)
    return 0


def read_sheets(paths: Sequence[str], added: Sequence[str] = ()) -> pd.DataFrame:
    """Read filled sheets and merge copies of one sheet (one per coder) into one coded table.

    A column of ``added`` (an adjudication, a third coder) may be in one copy only: the others did not
    code there.

    Raises
    ------
    FramingInputError
        A sheet's own problems (:class:`~analysis.coding.CodingSheetError`, every one with its row), sheets of
        different samples, two copies giving one coder two codes for one hit, a column of ``added`` in no
        copy, or no code at all.
    """
    from .coding import CodingSheetError, read_coding_sheet
    from .coding.identity import exported_sheet

    copies: list[tuple[str, pd.DataFrame]] = []
    found: set[str] = set()
    for path in paths:
        expected = _exported(path, exported_sheet)
        given = (*expected.attrs["coders"], *added) if added else None
        try:
            sheet = read_coding_sheet(path, expected=expected, coders=given, optional=added)
        except CodingSheetError as error:
            if any("pass coders=" in problem.problem for problem in error.problems):  # the API's advice
                print("framing: note: on the command line, a column of codes the coders added is read as a coder "
                      "with --add-coder NAME (and scored alone with --coder NAME)", file=sys.stderr)  # fmt: skip
            raise
        found.update(c for c in added if c not in sheet.attrs["absent_coders"])
        copies.append((path, sheet))
    coded = _merge(copies)
    absent = [c for c in dict.fromkeys(added) if c not in found]
    if absent:
        raise FramingInputError(", ".join(paths), f"--add-coder {absent[0]}: no copy has a column {absent[0]!r} "
                                f"(added columns found: {sorted(found)}); name a column the coders added")  # fmt: skip
    coded.attrs["added_coders"] = tuple(dict.fromkeys(added))  # score_tables tells an adjudication by it
    coders = list(coded.attrs["coders"])
    if not any(coded[c].notna().any() for c in coders):
        last = len(coded) + 1
        raise FramingInputError(paths[0] if len(paths) == 1 else ", ".join(paths), f"no coder has coded any row yet "
                                f"(columns {', '.join(coders)} are empty in rows 2-{last}): fill them with the codes "
                                f"({', '.join(coded.attrs['codes'])}), save, and run again")  # fmt: skip
    return coded


def _exported(path: str, exported_sheet: Any) -> pd.DataFrame:
    """The sheet as exported, from its sample; without one, the command's advice instead of the API's."""
    from .coding import sample_path

    try:
        return exported_sheet(path)
    except FramingInputError as error:
        if "has no exported sample beside it" not in error.problem:
            raise
        raise FramingInputError(path, f"has no exported sample beside it ({sample_path(path).name}, or the "
                                ".sample.json of the sheet it is a copy of): it is what the sheet is checked against; "
                                "put the .sample.json framing code draw wrote beside the sheet and run again; a copy is matched to it by "
                                "name, so a renamed copy must keep the sheet's name at its start "
                                "(coding_sheet_<8 hex>_seed<S>_anna.xlsx)") from None  # fmt: skip


def _merge(copies: Sequence[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """The first copy with the codes of the others filled in and the notes of all; a conflict is an error.

    Raises
    ------
    FramingInputError
        A copy of another sample, or codes a copy gives that an earlier one contradicts: their
        count and the first few, each naming the copy the other code came from.
    """
    first, coded = copies[0]
    coders = list(coded.attrs["coders"])
    # Where each code came from, so that a conflict names the copy it is with (of three or more, not always the first).
    origin = {coder: [first] * len(coded) for coder in coders}
    for path, other in copies[1:]:
        identity, theirs = coded.attrs["identity"]["sha256"], other.attrs["identity"]["sha256"]
        if identity != theirs:
            raise FramingInputError(path, f"is a sheet of another sample (identity {theirs[:8]}) than {first} "
                                    f"({identity[:8]}): score copies of one sheet together, other sheets separately")  # fmt: skip
        conflicts: list[tuple[int, str]] = []
        for coder in coders:
            mine, new = coded[coder], other[coder]
            clash = (mine.notna() & new.notna() & (mine != new)).fillna(False).to_numpy(dtype=bool)
            conflicts.extend((int(i), coder) for i in clash.nonzero()[0])
            for i in (mine.isna() & new.notna()).to_numpy(dtype=bool).nonzero()[0]:
                origin[coder][i] = path
            coded[coder] = mine.where(mine.notna(), new)
        if conflicts:
            conflicts.sort()  # by row, then in the order of the coders
            shown = "; ".join(
                f"row {i + 2} ({coded['hit_id'].iloc[i]}): {coder} is {other[coder].iloc[i]!r} here but "
                f"{coded[coder].iloc[i]!r} in {origin[coder][i]}" for i, coder in conflicts[:5]
            )  # fmt: skip
            rows = len({i for i, _ in conflicts})
            raise FramingInputError(path, f"gives codes that another copy contradicts: {rows} row(s) coded "
                                    f"differently in both copies (rows of the exported sheet), first {shown}; settle "
                                    "them in one copy (or code as another coder)")  # fmt: skip
    _join_texts(coded, copies)
    return coded


def _join_texts(coded: pd.DataFrame, copies: Sequence[tuple[str, pd.DataFrame]]) -> None:
    """Fill ``notes`` and the text columns coders added with what every copy holds, each copy named.

    A text one copy alone holds (or all copies hold alike) stays as written; texts that differ are
    joined as ``a.xlsx: ... | b.xlsx: ...``, so that no coder's note is lost to another's.
    """
    from .coding.codes import NOTES

    names = [Path(path).name for path, _ in copies]
    if len(set(names)) < len(names):  # copies of one name in two folders: their paths tell them apart
        names = [str(path) for path, _ in copies]
    columns = list(dict.fromkeys([NOTES, *(c for _, sheet in copies for c in sheet.attrs.get("added_columns", ()))]))
    for column in columns:
        joined = []
        for i in range(len(coded)):
            texts: dict[str, str] = {}  # text -> the first copy that holds it
            for name, (_, sheet) in zip(names, copies):
                text = str(sheet[column].iloc[i]).strip() if column in sheet.columns else ""
                if text:
                    texts.setdefault(text, name)
            many = len(texts) > 1
            joined.append(" | ".join(f"{name}: {text}" if many else text for text, name in texts.items()))
        coded[column] = joined
    coded.attrs["added_columns"] = tuple(c for c in columns if c != NOTES)


def score_tables(
    coded: pd.DataFrame,
    *,
    coder: str | None = None,
    threshold: float = 0.8,
    min_coded: int = 3,
    added: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables of :data:`analysis.tables.SCORE_TABLES` of a coded sheet, by name (empty ones included).

    The rows an active sample drew (model hits with unequal inclusion probabilities) are
    scored by ``model_precision`` and ``near_misses``, not per label; ``model_precision.attrs["notes"]``
    names the strata of the active sample that no coded row covers yet (the precision is the other strata's).
    ``added`` are the coder columns read with ``--add-coder`` (by default those :func:`read_sheets`
    recorded): one of them scored as ``coder`` is an adjudication (:func:`score_judgment`), the decision
    on the coders' codes where it is filled, and is left out of their agreement (with it, a copy of one
    coder's codes made kappa 1 and raised alpha).
    """
    import pandas as pd

    from .coding import coding_progress, term_precision
    from .tables import AGREEMENT, MODEL_PRECISION, NEAR_MISSES

    added = tuple(coded.attrs.get("added_coders", ())) if added is None else tuple(added)
    judgment = score_judgment(coded, coder, added)
    adjudication = coder if coder in added else None
    precision = term_precision(_dictionary_rows(coded), coder=None if adjudication else coder,
                               adjudication=adjudication, threshold=threshold, min_coded=min_coded)  # fmt: skip
    model, near, notes = _model_tables(coded, judgment)
    model_precision = pd.DataFrame([model] if model else [], columns=list(MODEL_PRECISION.names))
    model_precision.attrs["notes"] = notes
    return {
        "coding_progress": coding_progress(coded),
        "term_precision": precision,
        "coder_agreement": pd.DataFrame(
            _agreement_rows(coded, agreement_coders(coded, coder, added)), columns=list(AGREEMENT.names)
        ),  # fmt: skip
        "model_precision": model_precision,
        "near_misses": pd.DataFrame([near] if near else [], columns=list(NEAR_MISSES.names)),
        "coded_sheet": coded_sheet(coded, judgment),
    }


def score_judgment(coded: pd.DataFrame, coder: str | None, added: Sequence[str] = ()) -> pd.Series:
    """The judgment ``framing code score`` scores: one coder's codes, an adjudication, or the coders' majority.

    Parameters
    ----------
    coded : pandas.DataFrame
        The merged copies (:func:`read_sheets`).
    coder : str or None
        ``--coder``: an exported coder's column is that coder's judgment; a column read with
        ``--add-coder`` is an adjudication (:func:`analysis.coding.adjudicated`: its code where
        filled, the other coders' strict majority elsewhere, so that an adjudicator fills the ties
        only); None: the strict majority of all coders.
    added : sequence of str, optional
        The columns read with ``--add-coder``.

    Returns
    -------
    pandas.Series
        One code per row, missing where there is none (not coded, a tie).
    """
    from .coding import adjudicated, consensus

    if coder is None:
        return consensus(coded)
    return adjudicated(coded, coder) if coder in added else coded[coder]


def _named(label: str, category: Any) -> str:
    """A label as the printout names it: with its category, when it has one (an own actor file may give none)."""
    return f"{label} ({category})" if not _missing(category) and str(category).strip() else str(label)


def _ties_per_label(coded: pd.DataFrame) -> dict[str, int]:
    """Rows per label that two or more coders coded without a strict majority: left out of precision until adjudicated.

    Without a count a label whose only coded hit is a tie read "no hit coded correct or
    incorrect yet", as if nobody had coded it.
    """
    from .coding import consensus

    rows = _dictionary_rows(coded)
    coders = list(coded.attrs["coders"])
    if len(coders) < 2 or rows.empty:
        return {}
    tied = consensus(rows, coders).isna().to_numpy() & (rows[coders].notna().sum(axis=1) >= 2).to_numpy()
    return {str(k): int(v) for k, v in rows[tied].groupby("label").size().items()}


def _dictionary_rows(coded: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``coded`` that its saved sample does not give a ``stratum`` (not drawn by an active sample)."""
    import pandas as pd

    from .coding.sampling import hit_ids

    sample = coded.attrs.get("sample")
    if not isinstance(sample, pd.DataFrame) or "stratum" not in sample.columns:
        return coded
    drawn = set(hit_ids(sample)[sample["stratum"].notna().to_numpy()])
    return coded[~coded["hit_id"].astype(str).isin(drawn).to_numpy()]


def coded_sheet(coded: pd.DataFrame, judgment: pd.Series | None = None) -> pd.DataFrame:
    """The merged copies as scored (:data:`analysis.tables.CODED`): the judgment of every row beside its codes.

    What ``framing code score`` printed can be traced to its rows: which hits were
    judged correct, by whom, with the notes of every copy (merged in memory only before).

    Parameters
    ----------
    coded : pandas.DataFrame
        The merged copies (:func:`read_sheets`).
    judgment : pandas.Series, optional
        The judgment scored (:func:`score_judgment`); the strict majority of the coders by default.

    Returns
    -------
    pandas.DataFrame
        The sheet's fixed columns, ``judgment``, one column per coder, ``notes``
        and the columns coders added, in the sheet's row order.
    """
    import pandas as pd

    from .coding import consensus
    from .coding.codes import NOTES
    from .tables import CODED

    coders = list(coded.attrs["coders"])
    judgment = consensus(coded) if judgment is None else judgment
    table = coded[[c for c in CODED.names if c != "judgment"]].assign(judgment=judgment.astype("string"))
    added = [c for c in coded.attrs.get("added_columns", ()) if c in coded.columns]
    rest = [c for c in (*coders, NOTES, *added) if c in coded.columns]
    return pd.concat([table[list(CODED.names)], coded[rest]], axis=1).reset_index(drop=True)


def agreement_coders(coded: pd.DataFrame, coder: str | None, added: Sequence[str]) -> list[str]:
    """The coders whose agreement is measured: all but an added column scored as the judgment (an adjudication).

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame(columns=["coder_1", "coder_2", "adjudicated"])
    >>> coded.attrs["coders"] = ("coder_1", "coder_2", "adjudicated")
    >>> agreement_coders(coded, "adjudicated", ["adjudicated"])
    ['coder_1', 'coder_2']
    >>> agreement_coders(coded, None, ["adjudicated"])  # a third coder, not a decision
    ['coder_1', 'coder_2', 'adjudicated']
    """
    return [c for c in coded.attrs["coders"] if not (c == coder and c in added)]


def _agreement_rows(coded: pd.DataFrame, coders: Sequence[str]) -> list[tuple]:
    """Cohen's kappa with its bootstrap interval for each pair of ``coders``, then Krippendorff's alpha of all."""
    from .coding import cohens_kappa, kappa_interval, krippendorff_alpha

    coders = list(coders)
    rows: list[tuple] = []
    for a, b in combinations(coders, 2):
        both = int((coded[a].notna() & coded[b].notna()).sum())
        low, high = kappa_interval(coded, a, b)
        rows.append((f"{a} & {b}", "cohens_kappa", both, cohens_kappa(coded, a, b), low, high))
    if len(coders) >= 2:
        units = int((coded[coders].notna().sum(axis=1) >= 2).sum())
        rows.append((" & ".join(coders), "krippendorff_alpha", units, krippendorff_alpha(coded, coders), None, None))
    return rows


def _model_tables(coded: pd.DataFrame, judgment: pd.Series) -> tuple[dict | None, dict | None, list[str]]:
    """The weighted precision of an active sample's model hits, its near misses (None where the sheet has none), notes.

    The notes say which strata the precision could not cover yet (no row of them coded).
    """
    import pandas as pd

    from .coding.sampling import hit_ids
    from .learn.loop import NEAR_MISS, StratumNotCoded, near_miss_recall, weighted_precision

    sample = coded.attrs.get("sample")
    if not isinstance(sample, pd.DataFrame) or "stratum" not in sample.columns:
        return None, None, []
    sample = pd.DataFrame(sample.to_dict("list"))  # a plain copy: the sheet's attrs hold the shared one
    drawn = sample["stratum"].notna()
    if not drawn.any():
        return None, None, []
    by_hit = dict(zip(coded["hit_id"].astype(str), judgment.astype(object)))
    # Missing (uncoded, a tie) and unclear are neither: left out of their stratum.
    meaning = {"correct": True, "incorrect": False}
    codes = [by_hit.get(h) for h in hit_ids(sample)]
    judged = [None if _missing(c) else meaning.get(str(c)) for c in codes]
    correct = pd.Series(judged, index=sample.index, dtype=object)
    model_rows = drawn & (sample["stratum"] != NEAR_MISS)
    model, notes = None, []
    if model_rows.any():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = weighted_precision(sample, correct)
        # Dictionary rows of the same sheet are scored by term_precision: only a stratum left out is news.
        notes = [
            str(w.message).removeprefix("weighted_precision: ")
            for w in caught
            if issubclass(w.category, StratumNotCoded)
        ]
        model = {"n_model_hits": int(round(float(sample.loc[model_rows, "weight"].sum()))), **result}
    near = near_miss_recall(sample, correct) if (sample["stratum"] == NEAR_MISS).any() else None
    return model, near, notes


def _default_score_folder(sheet: Path) -> Path:
    """``<sheet name>_scores`` beside the first sheet."""
    return sheet.with_name(f"{sheet.stem}_scores")


def _print_score(tables: Mapping[str, pd.DataFrame], coded: pd.DataFrame, args: argparse.Namespace) -> None:
    """The numbers a researcher reads first, in the order of the workflow."""
    import math

    n = len(coded)
    progress = "; ".join(f"{r.coder} {r.n_coded} of {n}" for r in tables["coding_progress"].itertuples(index=False))
    print(f"coded: {progress}")
    precision = tables["term_precision"]
    judged = f"by {args.coder}" if args.coder else "by the strict majority of the coders who coded a row; ties left out"
    if not precision.empty:
        print(f"precision per label ({judged}; Wilson 95% interval; flagged when its upper bound is below "
              f"{args.threshold:g} with at least {args.min_coded} coded):")  # fmt: skip
        ties = {} if args.coder else _ties_per_label(coded)
        for r in precision.itertuples(index=False):
            tied = ties.get(r.label, 0)
            waiting = f"; {tied} tie(s) to adjudicate" if tied else ""
            if math.isnan(r.precision):
                print(f"  {_named(r.label, r.category)}: no hit coded correct or incorrect yet{waiting}")
                continue
            flag = "  (too few coded to judge)" if _missing(r.flag) else "  REVISE" if r.flag else ""
            print(f"  {_named(r.label, r.category)}: {r.n_correct} of {r.n_coded} correct: {r.precision:.2f} "
                  f"[{r.ci_low:.2f}, {r.ci_high:.2f}]{flag}{waiting}")  # fmt: skip
        if ties:
            print(f"ties: {sum(ties.values())} row(s) whose coders disagree are left out until adjudicated (add a "
                  "column to the sheet, e.g. adjudicated, and score with --add-coder adjudicated --coder adjudicated)")  # fmt: skip
        flagged = precision[precision["flag"].fillna(False).astype(bool)]
        print(f"labels to revise: {', '.join(flagged['label']) if len(flagged) else 'none'}")
    for r in tables["coder_agreement"].itertuples(index=False):
        interval = "" if _missing(r.ci_low) else f" [{r.ci_low:.2f}, {r.ci_high:.2f}]"
        value = "undefined" if _missing(r.value) else f"{r.value:.3f}"
        name = "Cohen's kappa" if r.measure == "cohens_kappa" else "Krippendorff's alpha (nominal)"
        print(f"{name}, {r.coders}: {value}{interval} over {r.n_units} row(s)")
    measured = agreement_coders(coded, args.coder, args.add_coder)
    if len(measured) < len(coded.attrs["coders"]):
        print(f"agreement: among {', '.join(measured)}; {args.coder}, the judgment scored (an adjudication), "
              "is left out")  # fmt: skip
    if len(measured) < 2:
        print("agreement: one coder only; a second coder's column gives kappa and alpha")
    for r in tables["model_precision"].itertuples(index=False):
        if not r.n_coded:
            print(f"model hits: no row of the active sample coded correct or incorrect yet ({r.n_model_hits} hits)")
            continue
        print(f"model hits: weighted precision {r.precision:.3f} [{r.ci_low:.3f}, {r.ci_high:.3f}] over "
              f"{r.n_coded} coded row(s) standing for {r.n_model_hits} hit(s) (unweighted {r.unweighted:.3f})")  # fmt: skip
        for note in tables["model_precision"].attrs.get("notes", []):
            print(f"model hits: but {note}")
    for r in tables["near_misses"].itertuples(index=False):
        if not r.n_coded:
            print(f"near misses: none of the {r.n_sampled} coded yet")
            continue
        print(f"near misses: {r.n_correct} of {r.n_coded} coded are loaded language the model missed (scores "
              f"{r.min_score:g} up to the threshold); recall at most {r.recall_bound:.3f}")  # fmt: skip


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _check_score_folder(out: Path) -> str | None:
    """Refuse an ``--out`` that cannot hold the scores (the rules of ``framing count --out``); say what it holds.

    A folder whose ``manifest.json`` another command wrote (a ``framing count`` folder) is refused as
    well: replacing its manifest would leave its tables undescribed, and ``framing code draw`` refuses
    a count folder without one.

    Returns
    -------
    str or None
        What the folder's manifest says of the earlier run (the sheets it scored), ``""`` for score tables
        without a manifest, ``None`` for a folder without score tables or manifest.
    """
    from .outdir import check_output_folder
    from .provenance import MANIFEST_FILE, read_manifest
    from .tables import SCORE_TABLES

    check_output_folder(out)
    manifest = out / MANIFEST_FILE
    if manifest.is_file():
        try:
            record = read_manifest(manifest)
            command, sheets = record.get("command"), record.get("parameters", {}).get("sheets") or []
        except (OSError, ValueError, AttributeError):  # unreadable: replaced, as framing count replaces it
            return ""
        if command != "framing code score":
            raise FramingInputError(out, f"holds the output of {command} (its {MANIFEST_FILE}): the scores would "
                                    "replace that manifest; choose another --out (a folder of its own, or leave it "
                                    "out: <first sheet's name>_scores/ beside it)")  # fmt: skip
        return f"framing code score of {', '.join(map(str, sheets))}"
    return "" if any((out / str(t.file)).exists() for t in SCORE_TABLES) else None


def _write_score(
    tables: Mapping[str, pd.DataFrame], out: Path, args: argparse.Namespace, attrs: Mapping[str, Any]
) -> None:
    """The tables and their ``manifest.json``, staged and published as ``framing count`` publishes its own.

    The folder is locked while the run writes; the tables are written into a hidden staging folder
    inside it and moved into place at the end, the old manifest first and the new one last
    (:func:`analysis.provenance.commit_outputs`), so that a reader never finds a manifest describing
    other tables. What it replaced is printed, with the sheets the earlier run scored.
    """
    from .coding.identity import find_sidecar, load_sample
    from .outdir import output_run
    from .provenance import (
        MANIFEST_FILE,
        _table_record,
        build_manifest,
        commit_outputs,
        file_sha256,
        shown_path,
        stage_manifest,
    )

    sidecars = list(dict.fromkeys(str(find_sidecar(Path(p))) for p in args.sheets))
    parameters = {"sheets": list(args.sheets), "coder": args.coder, "add_coder": list(args.add_coder),
                  "threshold": args.threshold, "min_coded": args.min_coded}  # fmt: skip
    # Sheets and their samples are not corpus files: recorded one by one, not through the corpus's file walk.
    inputs = [{"path": shown_path(p), "sha256": file_sha256(p), "bytes": Path(p).stat().st_size}
              for p in dict.fromkeys([*args.sheets, *sidecars])]  # fmt: skip
    identity = attrs.get("identity", {})
    # The count run each sample was drawn from (framing code draw records it; none for a notebook's sheet).
    parameters["drawn_from"] = [load_sample(Path(p)).get("drawn_from") for p in sidecars]
    with output_run(out) as staging:
        earlier = _check_score_folder(out)  # again, with the lock held: what is replaced is what was there
        replaced = [name for name in (*(f"{n}.csv" for n in tables), MANIFEST_FILE) if (out / name).exists()]
        staged = {}
        for name, table in tables.items():
            staged[out / f"{name}.csv"] = staging / f"{name}.csv"
            with open(staging / f"{name}.csv", "w", encoding="utf-8", newline="") as stream:
                table.to_csv(stream, index=False, lineterminator="\n")
        records = {target.name: _table_record(path) for target, path in staged.items()}
        run = build_manifest(command="framing code score", parameters={**parameters, "identity": identity.get("sha256")},
                             inputs=inputs, model=attrs.get("model"), seed=identity.get("seed"), tables=records)  # fmt: skip
        written = commit_outputs(staged, (out / MANIFEST_FILE, stage_manifest(staging, run)))
    if replaced:
        origin = f" ({earlier})" if earlier else " (no readable manifest.json: a run that stopped, or an older one)"
        print(f"replaced the tables of an earlier run in {out}{origin}: {', '.join(replaced)}")
    for path in written:
        print(f"wrote {path}")

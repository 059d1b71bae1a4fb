"""What produced an output: a manifest for every output folder, metadata for every figure.

A manifest (``manifest.json``) records the package version (and, when the package
runs from a git checkout, the commit and whether ``src/`` or ``data/`` had local
changes: :func:`source_revision`), the command or
notebook and its parameters, the SHA-256 of every input file and of every
lexicon file used (the bundled ones too), the model if any, the seed, and
the rows and SHA-256 of every table written.  ``framing count``
(:func:`analysis.batch.count_corpus`) writes one with its tables; notebooks
call :func:`write_manifest`.  Figures carry the same record in their
metadata (:func:`figure_metadata`, used by
:func:`analysis.style.save_figure`).

Reruns stay byte-identical: no clock time is recorded, keys are sorted,
paths are stored as given (a path inside the project folder relative to
it), and what does not change any table (worker processes, chunk size,
progress bar, the output folder itself) is left out, so the manifest is the
same for any number of workers.

This module imports neither pandas nor matplotlib: the command's streaming
path stays light.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .output import atomic_file, replace_all, staged_file

if TYPE_CHECKING:
    from .corpus import CorpusReader
    from .lexicon import Lexicon
    from .pipeline import FramingCounter
    from .tables import Table

#: The file name of a manifest in an output folder.
MANIFEST_FILE = "manifest.json"
#: The manifest's layout; raised when a key changes meaning.
MANIFEST_FORMAT = 1
PACKAGE = "arabic-framing"
_CHUNK = 1 << 20


#: The project folder of a source checkout (``src/analysis/`` is two levels below it).
_PROJECT = Path(__file__).resolve().parents[2]


def source_revision(root: str | Path = _PROJECT) -> dict[str, Any]:
    """The git commit of the code and data that produce the numbers, and whether they were modified.

    A version number such as ``0.2.0.dev0`` names many states of the code; a reader who wants
    to rerun a published number needs the commit.  Outside a git checkout (an installed wheel)
    or without git, both are ``None``.

    Parameters
    ----------
    root : str or Path, optional
        The project folder; the package's own by default.

    Returns
    -------
    dict
        ``commit`` (40 hex digits or None) and ``modified`` (True when tracked files under
        ``src/`` or ``data/`` differ from the commit; None when unknown).
    """
    root = Path(root)
    if not (root / ".git").exists():
        return {"commit": None, "modified": None}
    return dict(_git_revision(str(root)))


@lru_cache(maxsize=4)
def _git_revision(root: str) -> tuple[tuple[str, Any], ...]:
    """:func:`source_revision` of a checkout, asked of git once per process."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, timeout=10, check=True)
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        changes = git("status", "--porcelain", "--untracked-files=no", "--", "src", "data")
    except (OSError, subprocess.SubprocessError):
        return (("commit", None), ("modified", None))
    return (("commit", commit), ("modified", bool(changes)))


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits (read in 1 MiB chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def shown_path(path: str | Path) -> str:
    """A path as the manifest stores it: relative to the project folder when inside it, else as given.

    The bundled lexicons are found by absolute path; stored relative to the
    project (``data/lexicons/actors.csv``) they are the same in every clone.
    """
    given = Path(path)
    if given.is_absolute():
        try:
            from .paths import project_root

            return given.resolve().relative_to(project_root()).as_posix()
        except (FileNotFoundError, ValueError):
            pass
    return given.as_posix()


def _file_record(path: str | Path) -> dict[str, Any]:
    return {"path": shown_path(path), "sha256": file_sha256(path), "bytes": os.path.getsize(path)}


def input_files(paths: Iterable[str | Path], exclude: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The files read from ``paths`` (folders expanded, ``metadata.csv`` included), each with its SHA-256.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders as given to the reader.
    exclude : sequence of str, optional
        The reader's exclude patterns: the files they leave out were not read, so are not inputs.

    Returns
    -------
    list of dict
        ``path``, ``sha256`` and ``bytes`` of each file, in reading order,
        each metadata file after the first article it describes.
    """
    from .corpus.files import as_paths, expand_paths
    from .corpus.metadata import metadata_file, metadata_folders, root_of

    roots = [Path(path) for path in as_paths(paths) if Path(path).is_dir()]
    files: list[Path] = []
    for path in expand_paths(paths, exclude):
        files.append(path)
        if path.suffix.lower() == ".txt":  # the metadata files that may describe it (see analysis.corpus.metadata)
            found = (metadata_file(folder) for folder in metadata_folders(path, root_of(path, roots)))
            files.extend(metadata for metadata in found if metadata is not None)
    return [_file_record(path) for path in dict.fromkeys(files)]


def lexicon_record(lexicon: Lexicon | str | Path | None) -> dict[str, Any] | None:
    """A lexicon as the manifest records it: path, SHA-256 (of the bytes read) and entries.

    A :class:`~analysis.lexicon.Lexicon` carries the path and hash of the
    file it was loaded from; a path is hashed now; ``None`` (no such
    lexicon) is recorded as ``null``.  A lexicon read with its own header
    names also records them (``columns``: known name -> header name).
    """
    if lexicon is None:
        return None
    if isinstance(lexicon, (str, Path)):
        return _file_record(lexicon)
    mapped = {"columns": dict(lexicon.columns)} if lexicon.columns else {}
    if not lexicon.path:
        return {"path": None, "sha256": None, "entries": len(lexicon.entries), **mapped}
    return {"path": shown_path(lexicon.path), "sha256": lexicon.sha256, "entries": len(lexicon.entries), **mapped}


def model_record(model: Any) -> Any:
    """A model as the manifest records it: a file's path and SHA-256, a mapping as is, else its name."""
    if model is None or isinstance(model, Mapping):
        return _plain(model)
    if isinstance(model, (str, Path)) and Path(model).is_file():
        return _file_record(model)
    return {"name": str(model)}


def counter_model(counter: FramingCounter) -> dict[str, Any] | None:
    """The counter's model as the manifest records it, read from the loaded model; None without one.

    ``sha256`` is of the file the counter loaded (checked again by every
    worker), ``threshold`` the probability from which a word token is part of
    a ``kind=model`` hit, ``version`` and ``trained`` the package version and
    date of training from the model's card (None if its card lacks them).
    """
    ref = counter.settings.model
    tagger = counter.tagger
    if ref is None or tagger is None:
        return None
    return {
        "name": ref.name, "path": shown_path(ref.path), "sha256": ref.sha256, "threshold": float(tagger.threshold),
        "version": tagger.card.get("package_version"), "trained": tagger.card.get("date"),
    }  # fmt: skip


def model_definitions(counter: FramingCounter) -> dict[str, Table]:
    """Tables whose codebook states the counter's model and threshold (``hits``); empty without a model."""
    from .tables import hits_with_model

    model = counter_model(counter)
    if model is None:
        return {}
    return {"hits": hits_with_model(model["name"], model["threshold"], model["sha256"])}


def counter_lexicons(counter: FramingCounter) -> dict[str, Lexicon | None]:
    """The lexicons a counter uses, by role (``actors``, ``terms``, ``ignore``)."""
    return {"actors": counter.actors, "terms": counter.terms, "ignore": counter.settings.ignore}


def counter_parameters(counter: FramingCounter) -> dict[str, Any]:
    """The counter's settings other than its lexicons: foldings and the speech threshold."""
    return {"folding": asdict(counter.folding), "min_speech_words": counter.min_speech_words}


#: The reader's settings recorded as ``"default"`` when equal to the default (long lists of patterns and names).
_LONG_READER_SETTINGS = ("boilerplate", "boilerplate_blocks", "boilerplate_tails", "boilerplate_ends", "outlet_names")


def reader_parameters(reader: CorpusReader) -> dict[str, Any]:
    """The reader's settings; long lists equal to the defaults are recorded as ``"default"``."""
    from .corpus import CorpusReader

    default = CorpusReader()
    shown: dict[str, Any] = {
        "columns": asdict(reader.columns),
        "dedupe": reader.dedupe,
        "datelines": reader.datelines,
        "bylines": reader.bylines,
        "exclude": list(reader.exclude),
    }
    for name in _LONG_READER_SETTINGS:
        value = getattr(reader, name)
        shown[name] = "default" if _plain(value) == _plain(getattr(default, name)) else _plain(value)
    return shown


def reader_from_parameters(settings: Mapping[str, Any], **others: Any) -> CorpusReader:
    """The reader :func:`reader_parameters` recorded (a manifest's ``parameters.reader``), with ``others`` added.

    Parameters
    ----------
    settings : mapping
        What :func:`reader_parameters` gave, read back from JSON (lists for tuples;
        ``"default"`` for a long setting equal to the default).
    **others
        Settings a manifest does not record (``sheet``, ``encoding_errors``).

    Returns
    -------
    CorpusReader

    Examples
    --------
    >>> from analysis.corpus import CorpusReader
    >>> reader = CorpusReader(dedupe=False, exclude=("drafts",), outlet_names={"x": ("إكس",)})
    >>> reader_from_parameters(json.loads(json.dumps(reader_parameters(reader)))) == reader
    True
    """
    from .corpus import Columns, CorpusReader

    options: dict[str, Any] = {"columns": Columns(**settings.get("columns", {}))}
    for name in ("dedupe", "datelines", "bylines"):
        if name in settings:
            options[name] = bool(settings[name])
    options["exclude"] = tuple(settings.get("exclude", ()))
    for name in _LONG_READER_SETTINGS:
        value = settings.get(name, "default")
        if value != "default":
            options[name] = {k: tuple(v) for k, v in value.items()} if name == "outlet_names" else tuple(value)
    return CorpusReader(**options, **others)


def _plain(value: Any) -> Any:
    """``value`` as JSON values: paths as strings, tuples as lists, dataclasses as dicts."""
    if isinstance(value, Path):
        return value.as_posix()
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def build_manifest(
    *,
    command: str,
    parameters: Mapping[str, Any] | None = None,
    inputs: Sequence[Mapping[str, Any]] = (),
    lexicons: Mapping[str, Lexicon | str | Path | None] | None = None,
    model: Any = None,
    seed: int | None = None,
    tables: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The manifest of one run, as a JSON-ready dict.

    Parameters
    ----------
    command : str
        What ran: ``"framing count"``, ``"notebook 05_validate_and_explore"`` …
    parameters : mapping, optional
        Its parameters (paths as given).
    inputs : sequence of mapping, optional
        The input files, from :func:`input_files`.
    lexicons : mapping, optional
        Role → lexicon (or lexicon file, or ``None``): ``actors``, ``terms`` …
    model : optional
        The model file (hashed), a mapping describing it, or a name.
    seed : int, optional
        The random seed, if any.
    tables : mapping, optional
        File name → ``{"rows": n, "sha256": ...}`` of each table written.

    Returns
    -------
    dict
    """
    return {
        "manifest_format": MANIFEST_FORMAT,
        "package": {"name": PACKAGE, "version": __version__, **source_revision()},
        "command": command,
        "parameters": _plain(dict(parameters or {})),
        "inputs": [_plain(dict(record)) for record in inputs],
        "lexicons": {role: lexicon_record(lexicon) for role, lexicon in (lexicons or {}).items()},
        "model": model_record(model),
        "seed": seed,
        "tables": _plain(dict(tables or {})),
    }


def manifest_text(manifest: Mapping[str, Any]) -> str:
    """The manifest as written: sorted keys, two-space indent, UTF-8 text (Arabic unescaped), final newline."""
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def describe_run(
    command: str,
    *,
    parameters: Mapping[str, Any] | None = None,
    inputs: Iterable[str | Path] = (),
    lexicons: Mapping[str, Lexicon | str | Path | None] | None = None,
    counter: FramingCounter | None = None,
    model: Any = None,
    seed: int | None = None,
    tables: Mapping[str, Mapping[str, Any]] | None = None,
    exclude: Sequence[str] = (),
) -> dict[str, Any]:
    """The provenance of a notebook's or script's outputs: a manifest without files of its own.

    What :func:`write_manifest` writes, and what
    :func:`analysis.style.save_figure` (``provenance=``) stores in a
    figure's metadata.

    Parameters
    ----------
    command : str
        What ran, e.g. ``"notebook 03_framing_metrics_and_figures"``.
    parameters : mapping, optional
        Its parameters (:func:`notebook_parameters` collects a notebook's).
    inputs : iterable of str or Path
        Corpus files and folders read (hashed; folders expanded), e.g.
        ``documents["source"].unique()``.
    lexicons : mapping, optional
        Role → lexicon or lexicon file, besides the counter's
        (``{"sources": load_sources(...)}``).
    counter : FramingCounter, optional
        Its lexicons (``actors``, ``terms``, ``ignore``) and settings are recorded, and its model
        (:func:`counter_model`) when it has one and ``model`` is not given.
    model : optional
        The model file, a mapping describing it, or a name.
    seed : int, optional
        The random seed.
    tables : mapping, optional
        File name → ``{"rows": n, "sha256": ...}``.
    exclude : sequence of str, optional
        Exclude patterns the inputs were read with: the files they leave out are not inputs.

    Returns
    -------
    dict
        As :func:`build_manifest`.
    """
    roles: dict[str, Lexicon | str | Path | None] = dict(counter_lexicons(counter)) if counter is not None else {}
    roles.update(lexicons or {})
    settings = {"counter": counter_parameters(counter)} if counter is not None else {}
    files = [str(p) for p in inputs]
    if model is None and counter is not None:
        # Notebook 06's model shares came from FramingCounter(model=...), yet its manifest and figure said "model": null.
        model = counter_model(counter)
    return build_manifest(
        command=command, parameters={**settings, **(parameters or {})},
        inputs=input_files(files, exclude) if files else (),
        lexicons=roles, model=model, seed=seed, tables=tables,
    )  # fmt: skip


def config_file(source: str | Path | None) -> dict[str, Any]:
    """The configuration file a run read, as a manifest records it: its path and SHA-256.

    The values read from it are recorded too (the parameters), but a reviewer who is sent
    ``framing.toml`` needs to know it is the very file (a newcomer found it missing).

    Examples
    --------
    >>> config_file(None)
    {'file': None, 'sha256': None}
    """
    if source is None:
        return {"file": None, "sha256": None}
    return {"file": shown_path(source), "sha256": file_sha256(source)}


def config_provenance(source: str | Path | None) -> dict[str, Any]:
    """``{"parameters": {"config": ...}}`` for a run that read a configuration file, else nothing.

    Given as :func:`~analysis.batch.count_corpus`'s ``provenance`` (merged in), so that the
    manifest of a run without a configuration stays as it was.
    """
    return {"parameters": {"config": config_file(source)}} if source is not None else {}


#: Values recorded as they are by :func:`notebook_parameters` (and the fields of a plain settings record).
_SCALARS = (str, int, float, bool, type(None), Path)


def notebook_parameters(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """A notebook's parameters: its UPPER_CASE names with plain values (``notebook_parameters(globals())``).

    The parameters cell of every notebook names its parameters in capitals;
    values that are not data (modules, functions, frames) are left out, except the
    configuration (``CONFIG = load_config()``), recorded as its file and SHA-256
    (:func:`config_file`; ``file`` None: the built-in defaults).  A settings record whose
    fields are all plain values (``COLUMNS = Columns(text="body")``, a ``Folding``) is data:
    recorded as a dict.

    >>> from analysis.corpus import Columns
    >>> notebook_parameters({"COLUMNS": Columns(text="body"), "SEED": 7, "seed": 1})["COLUMNS"]["text"]
    'body'
    """
    from .config import FramingConfig

    plain = (*_SCALARS, list, tuple, dict)
    found: dict[str, Any] = {}
    for name, value in namespace.items():
        if not name.isupper() or name.startswith("_"):
            continue
        if isinstance(value, FramingConfig):
            found[name] = config_file(value.source)
        elif isinstance(value, plain) or _is_plain_record(value):
            found[name] = _plain(value)
    return found


def _is_plain_record(value: Any) -> bool:
    """Whether ``value`` is a dataclass instance whose fields are all scalars or paths (``Columns``, ``Folding``).

    Records that hold tables or lexicons (a ``CountResult``, a ``Lexicon``) are not parameters.
    """
    if not is_dataclass(value) or isinstance(value, type):
        return False
    return all(isinstance(getattr(value, f.name), _SCALARS) for f in fields(value))


def write_manifest(folder: str | Path, provenance: Mapping[str, Any], *, tables: Iterable[str | Path] = ()) -> Path:
    """Write ``manifest.json`` into an output folder, atomically (for notebooks and scripts).

    Parameters
    ----------
    folder : str or Path
        The output folder (created if missing).
    provenance : mapping
        From :func:`describe_run`.
    tables : iterable of str or Path
        Files written into ``folder`` (names or paths): each is recorded with
        its SHA-256, and CSV files with their data rows.

    Returns
    -------
    Path
        The manifest written.

    Examples
    --------
    In a notebook, after writing its outputs::

        run = describe_run("notebook 05_validate_and_explore", parameters=notebook_parameters(globals()),
                           inputs=documents["source"].unique(), counter=counter, seed=SEED)
        write_manifest(out_dir, run, tables=[sheet_path])
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    listed = {Path(t).name: _table_record(out / Path(t).name) for t in tables}
    manifest = {**provenance, "tables": {**provenance.get("tables", {}), **listed}}
    with atomic_file(out / MANIFEST_FILE) as staged:
        staged.write_text(manifest_text(manifest), encoding="utf-8")
    return out / MANIFEST_FILE


def figure_metadata(provenance: Mapping[str, Any] | None, fmt: str) -> dict[str, str]:
    """The metadata fields that carry ``provenance`` in a saved figure of format ``fmt``.

    * PDF: the document information ``Subject`` (the manifest as JSON) and ``Keywords``;
    * SVG: the RDF metadata ``Description`` (JSON) and ``Keywords``;
    * PNG: a text chunk ``Provenance`` (JSON).

    The JSON is compact, ASCII-only and has sorted keys, so the same
    provenance gives the same bytes.  Empty without provenance.
    """
    if not provenance:
        return {}
    text = json.dumps(provenance, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    package = provenance.get("package", {})
    keywords = f"{PACKAGE} {package.get('version', __version__)} provenance"
    if fmt == "pdf":
        return {"Subject": text, "Keywords": keywords}
    if fmt == "svg":
        return {"Description": text, "Keywords": keywords}
    if fmt == "png":
        return {"Provenance": text}
    raise ValueError(f"no provenance metadata for format {fmt!r}")


def _table_record(path: Path) -> dict[str, Any]:
    record: dict[str, Any] = {"sha256": file_sha256(path)}
    if path.suffix.lower() == ".csv":
        import csv

        with open(path, encoding="utf-8-sig", newline="") as stream:
            record["rows"] = max(sum(1 for _ in csv.reader(stream)) - 1, 0)
    return record


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The manifest of an output folder (``folder/manifest.json``, or the file itself)."""
    path = Path(folder)
    path = path / MANIFEST_FILE if path.is_dir() else path
    return json.loads(path.read_text(encoding="utf-8"))


# -- the command's manifest, committed with its tables ---------------------------------------


def count_manifest(
    paths: Sequence[str | Path],
    *,
    counter: FramingCounter,
    reader: CorpusReader,
    options: Mapping[str, Any],
    tables: Mapping[str, tuple[Path, int | None]],
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest of a :func:`~analysis.batch.count_corpus` run.

    Parameters
    ----------
    paths : sequence of str or Path
        The corpus paths as given.
    counter, reader : FramingCounter, CorpusReader
        Their settings and lexicons are recorded.
    options : mapping
        The run's options that change tables (``group_by``, ``skip_bad``, ``keep_tokens``).
    tables : mapping of str to (Path, int)
        File name → (the staged file, its data rows; None for a file that is not a table, ``codebook.md``).
    extra : mapping, optional
        From the caller: ``command`` (default ``"analysis.count_corpus"``),
        ``parameters`` (merged in), ``model``, ``seed``.
    """
    from .corpus.files import walk_paths

    extra = dict(extra or {})
    # Left out by exclude patterns: named here as in skipped.csv, so the manifest alone says what was not read.
    excluded = [shown_path(path) for path, _pattern in walk_paths(paths, reader.exclude).excluded]
    parameters = {
        "paths": [shown_path(p) for p in paths], "reader": reader_parameters(reader),
        "counter": counter_parameters(counter), **options, **extra.get("parameters", {}),
        "excluded": {"files": len(excluded), "paths": excluded},
    }  # fmt: skip
    return build_manifest(
        command=extra.get("command", "analysis.count_corpus"), parameters=parameters,
        inputs=input_files(paths, reader.exclude),
        lexicons=counter_lexicons(counter), model=counter_model(counter) or extra.get("model"), seed=extra.get("seed"),
        tables={
            name: {**({"rows": rows} if rows is not None else {}), "sha256": file_sha256(staged)}
            for name, (staged, rows) in tables.items()
        },
    )  # fmt: skip


def stage_manifest(folder: Path, manifest: Mapping[str, Any]) -> Path:
    """Write the manifest to a staged file in ``folder``; :func:`commit_outputs` moves it into place."""
    staged = staged_file(folder / MANIFEST_FILE)
    staged.write_text(manifest_text(manifest), encoding="utf-8")
    return staged


def commit_outputs(staged: Mapping[Path, Path], manifest: tuple[Path, Path]) -> list[Path]:
    """Move staged tables into place, the manifest last, so it never describes tables of another run.

    The previous manifest is removed first: if the moves are interrupted
    the folder has no manifest rather than a stale one.  Output tables of
    the command (:data:`analysis.tables.OUTPUT_TABLES`) that the previous
    manifest listed, or that an interrupted publication left (its intent
    file, :mod:`analysis.outdir`), and that this run does not write
    (``groups.csv`` of a run with ``--group-by``) are removed, so the folder
    holds only this run's tables; no other file is ever removed.  SIGINT and
    SIGTERM wait until the step is done; a crash during it (SIGKILL) leaves
    no manifest and an intent file that the next run acts on.

    Parameters
    ----------
    staged : mapping of Path to Path
        Target → staged file of each table.
    manifest : (Path, Path)
        The manifest's target and its staged file.

    Returns
    -------
    list of Path
        The targets, the manifest last.
    """
    from .outdir import clear_intent, pending_tables, signals_held, write_intent
    from .tables import OUTPUT_TABLES

    target, staged_manifest = manifest
    folder = target.parent
    outputs = {str(t.file) for t in OUTPUT_TABLES}
    previous = _previous_tables(target) | (pending_tables(folder) & outputs)
    stale = previous - {t.name for t in staged}
    with signals_held():
        write_intent(folder, previous | {t.name for t in staged})
        target.unlink(missing_ok=True)
        for name in sorted(stale):
            (folder / name).unlink(missing_ok=True)
        written = replace_all(staged)
        os.replace(staged_manifest, target)
        clear_intent(folder)
    return [*written, target]


def _previous_tables(manifest: Path) -> set[str]:
    try:
        tables = read_manifest(manifest).get("tables", {})
    except (OSError, ValueError, AttributeError):
        return set()
    # Only the tables the command writes: a notebook's manifest in the same folder lists
    # coding sheets (a coder's work), and a manifest edited by hand must not delete elsewhere.
    from .export import CODEBOOK_FILES, SUFFIXES
    from .tables import OUTPUT_TABLES

    # Any format of a command table (hits.xlsx of an earlier --format xlsx) and the codebook.
    stems = {Path(str(t.file)).stem for t in OUTPUT_TABLES}
    ours = {f"{stem}{suffix}" for stem in stems for suffix in SUFFIXES.values()} | set(CODEBOOK_FILES)
    return {name for name in tables if name in ours}


__all__ = [
    "MANIFEST_FILE", "build_manifest", "commit_outputs", "count_manifest", "describe_run", "figure_metadata",
    "file_sha256", "input_files", "lexicon_record", "manifest_text", "notebook_parameters", "read_manifest",
    "reader_from_parameters", "shown_path", "stage_manifest", "write_manifest",
]  # fmt: skip

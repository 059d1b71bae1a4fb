"""Coding sheets that cannot go stale: named by what they were drawn from, with their sample beside them.

A coding sheet is hours of coders' work on one sample of one corpus counted
with one lexicon.  :func:`save_coding_sheet` therefore

* names the file by the sample's identity: ``coding_sheet_<8 hex>_seed<N>.xlsx``,
  the hex a hash of the corpus (every document's id and text), the lexicon
  files (their SHA-256), the seed and the sheet's own rows;
* saves the exported sample beside it (``coding_sheet_<8 hex>_seed<N>.sample.json``:
  the sheet's rows and columns, its codes and coders, the sampled hits with
  their offsets, the identity), so :func:`~analysis.coding.read_coding_sheet`
  needs nothing but the sheet's path, in any later session;
* keeps an existing sheet only when its recorded identity is this one, and
  refuses loudly, naming both identities and files, when it is not.
  :func:`other_sheets` lists the sheets of a folder that belong to other data.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import __version__
from ..errors import FramingInputError
from ..output import atomic_file
from ..provenance import file_sha256
from .codes import DEFAULT_CODES, _coders_of
from .sheets import write_coding_sheet

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from ..pipeline import FramingCounter

#: The sidecar of a sheet: ``<sheet stem>.sample.json``.
SAMPLE_SUFFIX = ".sample.json"
SIDECAR_FORMAT = 1
_SHEET_NAME = re.compile(r"^(?P<stem>.+)_(?P<short>[0-9a-f]{8})_seed(?P<seed>\d+)$")


@dataclass(frozen=True)
class SavedSheet:
    """A coding sheet on disk: its path, whether this call wrote it, and its identity."""

    path: Path
    status: str  # "written" or "kept" (the same sample was already there)
    identity: str  # 64 hex digits; the file name carries the first 8


def corpus_sha256(documents: pd.DataFrame) -> str:
    """A hash of a corpus: every document's ``doc_id`` and ``text``, in table order."""
    digest = hashlib.sha256()
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        digest.update(f"{doc_id}\x1f{text}\x1e".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _lexicon_hashes(lexicons: Mapping[str, Lexicon | str | Path | None]) -> dict[str, str | None]:
    hashes: dict[str, str | None] = {}
    for role, lexicon in lexicons.items():
        if lexicon is None:
            hashes[role] = None
        elif isinstance(lexicon, (str, Path)):
            hashes[role] = file_sha256(lexicon)
        else:
            # A lexicon built in memory has no file: its entries stand for it.
            hashes[role] = lexicon.sha256 or hashlib.sha256(repr(lexicon.entries).encode()).hexdigest()
    return hashes


def _sheet_sha256(sheet: pd.DataFrame, codes: Sequence[str]) -> str:
    rows = [[_json_value(v) for v in row] for row in sheet.itertuples(index=False)]
    content = {"columns": list(sheet.columns), "rows": rows, "codes": list(codes), "coders": list(_coders_of(sheet))}
    return hashlib.sha256(_canonical(content).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _json_value(value: Any) -> Any:
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def sheet_identity(
    sheet: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    seed: int,
    lexicons: Mapping[str, Lexicon | str | Path | None] | FramingCounter,
) -> dict[str, Any]:
    """What a coding sheet was drawn from: corpus, lexicons, seed and its own rows.

    Parameters
    ----------
    sheet : pandas.DataFrame
        From :func:`~analysis.coding.coding_sheet`.
    documents : pandas.DataFrame
        The whole corpus counted (``doc_id, text``).
    seed : int
        The seed of :func:`~analysis.coding.sample_hits`.
    lexicons : mapping or FramingCounter
        Role → lexicon (or its file); a counter gives its actors, terms and ignore list.

    Returns
    -------
    dict
        ``corpus`` (documents, sha256), ``lexicons`` (role → sha256), ``seed``,
        ``sheet`` (rows, sha256) and ``sha256``, the hash of all of them.
    """
    if not isinstance(lexicons, Mapping):
        lexicons = {"actors": lexicons.actors, "terms": lexicons.terms, "ignore": lexicons.settings.ignore}
    codes = tuple(sheet.attrs.get("codes", DEFAULT_CODES))
    identity: dict[str, Any] = {
        "corpus": {"documents": len(documents), "sha256": corpus_sha256(documents)},
        "lexicons": _lexicon_hashes(lexicons),
        "seed": int(seed),
        "sheet": {"rows": len(sheet), "sha256": _sheet_sha256(sheet, codes)},
    }
    identity["sha256"] = hashlib.sha256(_canonical(identity).encode("utf-8")).hexdigest()
    return identity


def sample_path(sheet_path: str | Path) -> Path:
    """The sidecar holding the exported sample of a sheet (``<stem>.sample.json``)."""
    path = Path(sheet_path)
    return path.with_name(path.stem + SAMPLE_SUFFIX)


def _describe(identity: Mapping[str, Any]) -> str:
    corpus = identity.get("corpus", {})
    lexicons = ", ".join(f"{role} {str(h)[:8]}" for role, h in sorted(identity.get("lexicons", {}).items()) if h)
    return (
        f"identity {str(identity.get('sha256', '?'))[:8]}: corpus of {corpus.get('documents', '?')} document(s) "
        f"{str(corpus.get('sha256', '?'))[:8]}, lexicons {lexicons or '?'}, seed {identity.get('seed', '?')}"
    )


def save_coding_sheet(
    sheet: pd.DataFrame,
    folder: str | Path,
    *,
    sample: pd.DataFrame,
    documents: pd.DataFrame,
    seed: int,
    lexicons: Mapping[str, Lexicon | str | Path | None] | FramingCounter,
    suffixes: Sequence[str] = (".xlsx",),
    stem: str = "coding_sheet",
    model: Mapping[str, str] | None = None,
    drawn_from: Mapping[str, Any] | None = None,
) -> list[SavedSheet]:
    """Write a coding sheet named by its identity, with its sample beside it; never overwrite.

    Parameters
    ----------
    sheet : pandas.DataFrame
        From :func:`~analysis.coding.coding_sheet`.
    folder : str or Path
        Created if missing.
    sample : pandas.DataFrame
        The sampled hits behind the sheet (from :func:`~analysis.coding.sample_hits`),
        saved with their offsets.
    documents : pandas.DataFrame
        The whole corpus counted.
    seed : int
        The sample's seed.
    lexicons : mapping or FramingCounter
        The lexicons the hits were found with.
    suffixes : sequence of str, optional
        ``.xlsx`` and/or ``.csv``: one sheet file each, one shared sidecar.
    stem : str, optional
        The start of the file names.
    model : mapping, optional
        The learned detector that scored the sample's model hits (``name``, ``sha256``), recorded in
        the sample beside the sheet; by default the model of ``lexicons`` when it is a counter with one
        (``framing code draw`` gives the one its ``framing count`` folder's manifest names).
    drawn_from : mapping, optional
        Where the sample was drawn from, recorded in the sample beside the identity (not in it):
        ``framing code draw`` gives its count folder, the SHA-256 of that folder's
        ``manifest.json``, its options and the code's version and commit.

    Returns
    -------
    list of SavedSheet
        One per suffix: ``written``, or ``kept`` when a sheet of this very
        identity was there already (coders may be filling it).

    Raises
    ------
    FramingInputError
        When a sheet or sidecar of that name records another identity (or
        none): it is left untouched and both identities and files are named.
    """
    identity = sheet_identity(sheet, documents, seed=seed, lexicons=lexicons)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    base = out / f"{stem}_{identity['sha256'][:8]}_seed{int(seed)}"
    sidecar = base.with_name(base.name + SAMPLE_SUFFIX)
    targets = [base.with_name(base.name + s.lower()) for s in suffixes]
    _check_existing(sidecar, targets, identity)
    if not sidecar.exists():
        with atomic_file(sidecar, overwrite=False) as staged:
            recorded = dict(model) if model is not None else _model_of(lexicons)
            staged.write_text(_sidecar_text(sheet, sample, identity, recorded, drawn_from), encoding="utf-8")
    saved = []
    for target in targets:
        if target.exists():
            saved.append(SavedSheet(target, "kept", identity["sha256"]))
        else:
            saved.append(SavedSheet(write_coding_sheet(sheet, target), "written", identity["sha256"]))
    return saved


def _check_existing(sidecar: Path, targets: Iterable[Path], identity: Mapping[str, Any]) -> None:
    existing = [t for t in targets if t.exists()]
    if not sidecar.exists():
        if existing:
            raise FramingInputError(
                existing[0], f"exists without its sample {sidecar.name}, so it cannot be told apart from a sheet of "
                f"other data; this sample ({_describe(identity)}) is not written over it: move the old sheet away",
            )  # fmt: skip
        return
    recorded = load_sample(sidecar)["identity"]
    if recorded.get("sha256") != identity["sha256"]:
        raise FramingInputError(
            sidecar, f"belongs to other data ({_describe(recorded)}; sheet {', '.join(t.name for t in existing) or '-'})"
            f", not to this sample ({_describe(identity)}); nothing was written and the old files are kept: "
            "move them away or choose another folder or stem",
        )  # fmt: skip


def _model_of(lexicons: Mapping[str, Lexicon | str | Path | None] | FramingCounter) -> dict[str, str] | None:
    """The learned detector of a counter (its name and SHA-256), which scored the sample's model hits; else None.

    Kept beside the identity, not in it: a sheet saved before it was recorded keeps its name.
    """
    settings = getattr(lexicons, "settings", None)
    model = getattr(settings, "model", None)
    return None if model is None else {"name": model.name, "sha256": model.sha256}


def _sidecar_text(
    sheet: pd.DataFrame,
    sample: pd.DataFrame,
    identity: Mapping[str, Any],
    model: dict[str, str] | None = None,
    drawn_from: Mapping[str, Any] | None = None,
) -> str:
    content = {
        "format": SIDECAR_FORMAT, "package_version": __version__, "identity": dict(identity),
        "codes": list(sheet.attrs.get("codes", DEFAULT_CODES)), "coders": list(_coders_of(sheet)),
        "columns": list(sheet.columns),
        "dtypes": {c: str(sheet[c].dtype) for c in sheet.columns},
        "rows": [[_json_value(v) for v in row] for row in sheet.itertuples(index=False)],
        "sample_columns": list(sample.columns),
        "sample": [[_json_value(v) for v in row] for row in sample.itertuples(index=False)],
        **({"model": model} if model else {}),
        **({"drawn_from": dict(drawn_from)} if drawn_from else {}),
    }  # fmt: skip
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def load_sample(sidecar: str | Path) -> dict[str, Any]:
    """The sidecar of a sheet as saved (JSON), or :class:`FramingInputError` saying why it cannot be read."""
    path = Path(sidecar)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FramingInputError(path, "does not exist") from None
    except (OSError, ValueError) as error:
        raise FramingInputError(
            path, f"cannot be read as a coding sample ({error}); restore it from a backup"
        ) from None
    if not isinstance(content, dict) or {"identity", "columns", "rows", "codes", "coders"} - content.keys():
        raise FramingInputError(path, "is not the sample of a coding sheet (keys missing); restore it from a backup")
    return content


class _SharedFrame(pd.DataFrame):
    """The sampled hits kept in a sheet's ``attrs``: one object, shared by every table derived from the sheet.

    pandas deep-copies ``attrs`` into each table an operation returns, and compares them when
    it combines tables (``astype`` of several columns, ``melt``, a merge of two tables of the
    sheet); two copies of a DataFrame compared with ``==`` give a DataFrame, not a bool, so those
    operations raised "The truth value of a DataFrame is ambiguous".  Not copied, the
    comparison is by identity.  Anything computed from it is a plain DataFrame.
    """

    @property
    def _constructor(self) -> type[pd.DataFrame]:
        return pd.DataFrame

    def __deepcopy__(self, memo: dict | None = None) -> _SharedFrame:
        return self


def exported_sheet(sheet_path: str | Path) -> pd.DataFrame:
    """The sheet as it was exported, rebuilt from the sample saved beside ``sheet_path``.

    The sidecar is ``<stem>.sample.json``; for a copy saved under a longer
    name (``coding_sheet_1a2b3c4d_seed0_coder_a.xlsx``) the sidecar whose
    name starts that name is used.

    Returns
    -------
    pandas.DataFrame
        As :func:`~analysis.coding.coding_sheet` made it, with ``attrs``
        ``codes``, ``coders``, ``identity``, ``sample`` (the sampled hits
        as a DataFrame) and ``model`` (the name and SHA-256 of the learned
        detector that scored its model hits, when the sheet was saved with a
        counter that has one; else None).

    Raises
    ------
    FramingInputError
        No sidecar, one that cannot be read, or one whose identity is not
        the one in the sheet's name.
    """
    path = Path(sheet_path)
    sidecar = find_sidecar(path)
    content = load_sample(sidecar)
    short = _SHEET_NAME.match(sidecar.name[: -len(SAMPLE_SUFFIX)])
    if short and not str(content["identity"].get("sha256", "")).startswith(short["short"]):
        raise FramingInputError(sidecar, f"records {_describe(content['identity'])}, not the identity "
                                         f"{short['short']} in its name; it was edited or renamed")  # fmt: skip
    sheet = pd.DataFrame(content["rows"], columns=content["columns"], dtype=object)
    # The dtypes the sheet had when exported ("str", "object", "bool"), so it equals coding_sheet()'s.
    for column, dtype in content.get("dtypes", {}).items():
        if column in sheet.columns:
            sheet[column] = sheet[column].astype(dtype)
    sample = _SharedFrame(content.get("sample", []), columns=content.get("sample_columns", []))
    sheet.attrs.update(codes=tuple(content["codes"]), coders=tuple(content["coders"]),
                       identity=content["identity"], sample=sample, model=content.get("model"))  # fmt: skip
    return sheet


def find_sidecar(path: Path) -> Path:
    """The exported sample (``.sample.json``) of a coding sheet, also of a coder's renamed copy.

    A copy saved as ``<sheet>_coder_a.xlsx`` finds ``<sheet>.sample.json``: the
    longest sample name that starts the copy's name.

    Parameters
    ----------
    path : pathlib.Path
        The coding sheet or a copy of it.

    Returns
    -------
    pathlib.Path
        The sample file beside it.

    Raises
    ------
    FramingInputError
        When no sample beside the sheet fits its name (what to keep, or pass ``expected=``).
    """
    exact = sample_path(path)
    if exact.is_file():
        return exact
    stem = path.stem
    candidates = sorted(
        (p for p in path.parent.glob(f"*{SAMPLE_SUFFIX}") if stem.startswith(p.name[: -len(SAMPLE_SUFFIX)])),
        key=lambda p: -len(p.name),
    )
    if candidates:
        return candidates[0]
    raise FramingInputError(
        path, f"has no exported sample beside it ({exact.name}); keep the .sample.json written with the sheet in the "
        "same folder, or pass expected= (the sheet as exported)",
    )  # fmt: skip


def other_sheets(
    folder: str | Path, identity: Mapping[str, Any] | str, *, stem: str = "coding_sheet"
) -> list[tuple[Path, str]]:
    """The coding sheets in ``folder`` (files ``<stem>*``) that do not belong to ``identity``, with what they are.

    A sheet from before identities (``coding_sheet_seed0.xlsx``) or without
    its sample is listed as of unknown data.
    """
    wanted = identity if isinstance(identity, str) else identity["sha256"]
    found = []
    for path in sorted(Path(folder).glob(f"{stem}*")):
        if path.suffix.lower() not in (".xlsx", ".csv") or not path.is_file():
            continue
        try:
            recorded = load_sample(find_sidecar(path))["identity"]
        except FramingInputError:
            found.append((path, "unknown data (no sample saved beside it)"))
            continue
        if recorded.get("sha256") != wanted:
            found.append((path, _describe(recorded)))
    return found


__all__ = [
    "SAMPLE_SUFFIX", "SavedSheet", "corpus_sha256", "exported_sheet", "load_sample", "other_sheets",
    "sample_path", "save_coding_sheet", "sheet_identity",
]  # fmt: skip

"""Training inputs of ``framing train``: span annotations and filled coding sheets, checked.

Everything is turned into annotation records (``id, text, spans, outlet``, the
format of ``data/annotated/``) for :func:`analysis.learn.training.train_tagger`:

* a JSON Lines file of annotated paragraphs is read with every offset checked
  (:func:`analysis.evaluate.read_annotations`), and overlapping spans of the
  techniques learned are refused unless ``overlaps="merge"``;
* a filled coding sheet of this project contributes one short record per term hit
  coded ``correct`` (its words are a Loaded Language span) or ``incorrect`` (no
  span), and per model hit (a sheet of :func:`analysis.learn.loop.active_sample`)
  coded ``correct`` (a span of the hit's technique) or ``incorrect`` (none): the
  text is the sheet's context ``left + hit + right``.  The coders'
  code is the majority of the filled coder cells; ties, ``unclear`` and uncoded
  rows are left out and counted.  A sheet whose labels are not in the bundled
  lexicons (a sheet of another lexicon) is refused, naming the rows.  A sheet
  saved with its sample (:func:`analysis.coding.save_coding_sheet`) is read and
  checked by :func:`analysis.coding.read_coding_sheet`, as notebook 05 reads it
  (its hits and contexts as exported, a comment column kept out of the codes);
  one without is read from its own cells, and a coder cell that is not a code
  stops it.

Every problem raises :class:`analysis.errors.FramingInputError` naming the file and row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..coding.codes import DEFAULT_CODES, NOTES, SHEET_COLUMNS
from ..coding.reading import filled_rows, read_sheet_rows
from ..coding.sampling import hit_id_parts
from ..errors import FramingInputError
from ..evaluate import read_annotations
from ..lexicon import Lexicon
from ..provenance import file_sha256
from .spans import LABELS, LOADED

_LISTED = 5


@dataclass
class TrainingInputs:
    """The records to train on, and what each input file gave.

    Attributes
    ----------
    records : pandas.DataFrame
        ``id, text, spans, outlet`` (``spans`` a list of ``{technique, start, end, text}``).
    files : list of dict
        Per input file: ``file``, ``role``, ``sha256``, ``records`` and, for coding
        sheets, ``positive``, ``negative`` and ``left_out`` (with the reasons).
    notes : list of str
        What was left out, for the user.
    """

    records: pd.DataFrame
    files: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def annotation_records(path: str | Path, *, overlaps: str = "error") -> pd.DataFrame:
    """Annotated paragraphs of a JSON Lines file as records, every span checked.

    Parameters
    ----------
    path : str or Path
        ArMPro-style JSON Lines (``id, text, spans``, optionally ``outlet``).
    overlaps : {"error", "merge"}, optional
        Overlapping spans of the learned techniques in one paragraph are an error,
        or are kept (their words are loaded either way: labels are per word).

    Returns
    -------
    pandas.DataFrame
        ``id, text, spans, outlet``.

    Raises
    ------
    FramingInputError
        Naming the file and line: see :func:`analysis.evaluate.read_annotations`
        (empty file, offsets outside the text or not giving the span's text ...),
        and overlapping spans.
    """
    if overlaps not in ("error", "merge"):
        raise ValueError(f"overlaps must be 'error' or 'merge', not {overlaps!r}")
    documents, spans = read_annotations(path, techniques=LABELS)
    by_doc: dict[str, list[dict]] = {}
    for doc_id, technique, start, end, text in spans.itertuples(index=False):
        by_doc.setdefault(str(doc_id), []).append(
            {"technique": str(technique), "start": int(start), "end": int(end), "text": str(text)}
        )
    if overlaps == "error":
        for doc_id, row in zip(documents["doc_id"], documents["row"]):
            _refuse_overlaps(Path(path), int(row), by_doc.get(str(doc_id), []))
    return pd.DataFrame({
        "id": documents["doc_id"].astype(str).to_numpy(dtype=object), "text": documents["text"].to_numpy(dtype=object),
        "spans": [by_doc.get(str(d), []) for d in documents["doc_id"]],
        "outlet": documents["outlet"].astype(str).to_numpy(dtype=object),
    })  # fmt: skip


def _refuse_overlaps(path: Path, line: int, spans: list[dict]) -> None:
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    for before, after in zip(ordered, ordered[1:]):
        if after["start"] < before["end"]:
            raise FramingInputError(
                path, f"spans [{before['start']}, {before['end']}) {before['text']!r} and [{after['start']}, "
                f"{after['end']}) {after['text']!r} overlap; fix them, or pass --overlaps merge if overlapping "
                "spans are intended (ArMPro's annotators' spans nest: the bundled file needs it).", row=line,
            )  # fmt: skip


def coding_sheet_records(
    path: str | Path, terms: Lexicon, *, sheet_number: int = 1, lexicon_name: str = "loaded_terms.csv"
) -> tuple[pd.DataFrame, dict]:
    """Training records from a filled coding sheet of term hits and model hits.

    A model hit's row (``hit_id`` ending ``:model``, its ``label`` one of the techniques the
    tagger learns) coded ``correct`` is a span of that technique; ``incorrect``, none: the
    verdicts on the model's own hits in a study's corpus (what closes the active-learning
    loop). Actor rows are left out and counted.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` or ``.xlsx`` coding sheet written by
        :func:`analysis.coding.write_coding_sheet` and filled by coders.
    terms : Lexicon
        The loaded-term lexicon the model's dictionary features use; every term
        row's ``label`` must be one of its labels.
    sheet_number : int, optional
        Makes record ids unique across sheets (``{doc_id}_coded{sheet}r{row}``: the
        article of a record, for grouped cross-validation, is its document).
    lexicon_name : str, optional
        How messages name the lexicon.

    Returns
    -------
    records : pandas.DataFrame
        ``id, text, spans, outlet``: one record per term hit coded correct or incorrect.
    summary : dict
        ``positive``, ``negative``, ``left_out`` (reason → rows), ``one_coder`` (records
        learned on one coder's code, the other coder cells empty; only when there are any), ``doc_ids``
        (the sorted documents of the records learned) and, for a sheet saved with
        its sample, ``identity`` (the corpus, lexicons and seed it was drawn from).

    Raises
    ------
    FramingInputError
        Naming the file (and rows): unreadable, empty, missing columns, no coder
        column, no code in any coder cell (the sheet as exported, not the filled
        copy), term labels not in the lexicon or model labels not a learned
        technique, an empty hit cell; without the sheet's sample, a coder cell
        that is not a code.
    CodingSheetError
        For a sheet saved with its sample: every problem
        :func:`~analysis.coding.read_coding_sheet` finds (an unknown code, an
        edited or repeated hit_id, a missing row, a column of codes not a coder's).
    """
    source = Path(path)
    if not source.is_file():
        raise FramingInputError(source, "does not exist; give a filled coding sheet (.csv or .xlsx).")
    rows, sheet_name = read_sheet_rows(source)
    where = f"{source} (sheet '{sheet_name}')" if sheet_name else str(source)
    checked = _checked_sheet(source)
    if checked is not None:
        coders, body = list(checked.attrs["coders"]), _exported_rows(checked, rows)
    else:
        _refuse_formulas(source, sheet_name, where)
        coders, body = _file_rows(where, rows)
    labels = {e.label for e in terms.entries}
    records: list[dict] = []
    foreign: list[str] = []
    unknown_techniques: list[str] = []
    left_out: Counter[str] = Counter()
    learned_from: set[str] = set()
    summary: dict = {"positive": 0, "negative": 0}
    one_coder = 0  # learned on the code of one coder, the others' cells empty
    for number, record_number, cell in body:
        kind = hit_id_parts(cell["hit_id"])[3]
        if kind not in ("term", "model"):
            left_out["not a term or model hit"] += 1
            continue
        if kind == "term" and cell["label"] not in labels:
            foreign.append(f"row {number}: {cell['label']!r}")
            continue
        if kind == "model" and cell["label"] not in LABELS:
            unknown_techniques.append(f"row {number}: {cell['label']!r}")
            continue
        code = _consensus([cell[c].strip().lower() for c in coders])
        if code not in ("correct", "incorrect"):
            left_out[code] += 1
            continue
        technique = cell["label"] if kind == "model" else LOADED
        records.append(_sheet_record(where, number, cell, code, sheet_number, technique, record_number))
        learned_from.add(cell["doc_id"])
        summary["positive" if code == "correct" else "negative"] += 1
        if len(coders) > 1 and sum(bool(cell[c].strip()) for c in coders) == 1:
            one_coder += 1
    if unknown_techniques:
        raise FramingInputError(where, (
            f"has {len(unknown_techniques)} model hit row(s) whose label is not a technique the tagger learns "
            f"({', '.join(LABELS)}): {_listed(unknown_techniques)}. Keep the label cells as framing count wrote them."
        ))  # fmt: skip
    if foreign:
        raise FramingInputError(where, (
            f"has {len(foreign)} row(s) whose label is not in the lexicon {lexicon_name}: a coding sheet of "
            f"another lexicon? {_listed(foreign)}. framing train learns Loaded Language from sheets of the bundled "
            "loaded-term lexicon only (its entries are loaded language, and the model's dictionary features are "
            "the bundled lexicons): a sheet of your own lexicon codes your entries' senses, not loaded language. "
            "Leave out --coding-sheet, or give your judgments as spans in the ANNOTATIONS JSON Lines file."
        ))  # fmt: skip
    if not records and left_out["uncoded"] and set(left_out) <= {"uncoded", "not a term or model hit"}:
        raise FramingInputError(where, (
            f"has no code in any coder column ({', '.join(coders)}) of its {left_out['uncoded']} hit row(s): the sheet "
            "as exported rather than the coders' filled copy? Give the file the coders saved (codes correct, "
            "incorrect or unclear in the coder columns), or leave out --coding-sheet."
        ))  # fmt: skip
    summary["left_out"] = dict(sorted(left_out.items()))
    if one_coder:
        summary["one_coder"] = one_coder
    if checked is not None:
        # What the sheet was drawn from (corpus, lexicons, seed), as its saved sample records it: the card keeps it.
        summary["identity"] = checked.attrs["identity"]
        if checked.attrs.get("model"):
            summary["model"] = checked.attrs["model"]  # the detector whose hits were coded
    # The documents the learned records come from: scores on them are in-sample (analysis.learn.overlap.trained_on).
    summary["doc_ids"] = sorted(learned_from)
    return pd.DataFrame(records, columns=["id", "text", "spans", "outlet"]), summary


def _checked_sheet(source: Path) -> pd.DataFrame | None:
    """The sheet read and checked by :func:`~analysis.coding.read_coding_sheet` when its sample is beside it, else None.

    With its sample, every problem ``read_coding_sheet`` names (an unknown code, an edited or
    duplicated hit_id, a row lost, a column of codes under another name) stops training as it
    stops the precision and agreement of notebook 05, and a column a coder added (a comment) is
    not read as a coder.  A sheet without it (written by ``write_coding_sheet``, or by hand) is
    read from its own cells (:func:`_file_rows`).
    """
    from ..coding.identity import find_sidecar
    from ..coding.reading import read_coding_sheet

    try:
        find_sidecar(source)
    except FramingInputError:
        return None
    return read_coding_sheet(source)


def _exported_rows(coded: pd.DataFrame, rows: list[list[str]]) -> list[tuple[int, int, dict]]:
    """Each hit of a checked sheet in the exported order: (its row in the file, its exported row, its cells).

    The hit and its context are the exported ones; the codes are the coders', as
    ``read_coding_sheet`` spelled them (empty where not coded).  Records are numbered by the
    exported row, so a sheet re-sorted in a spreadsheet trains the same model.
    """
    numbered = filled_rows(rows)
    header = [c.strip().lstrip("\ufeff").casefold() for c in numbered[0][1]]
    column = header.index("hit_id")
    in_file = {row[column].strip(): number for number, row in numbered[1:] if column < len(row)}
    coders = list(coded.attrs["coders"])
    body = []
    for k, row in enumerate(coded.to_dict("records")):
        cell = {c: str(row[c]) for c in ("hit_id", "doc_id", "label", "left", "hit", "right")}
        cell.update({c: "" if pd.isna(row[c]) else str(row[c]) for c in coders})
        body.append((in_file.get(cell["hit_id"], k + 2), k + 2, cell))
    return body


def _refuse_formulas(source: Path, sheet_name: str | None, where: str) -> None:
    """Refuse formula cells of an XLSX sheet: saved without a value (openpyxl, pandas), one reads as "not coded"."""
    from ..coding.reading import formula_cells

    found = formula_cells(source, sheet_name)
    if found:
        listed = [f"row {row}: {text}" for row, text in found]
        raise FramingInputError(where, f"has {len(found)} formula cell(s): {_listed(listed)}.")


def _file_rows(where: str, rows: list[list[str]]) -> tuple[list[str], list[tuple[int, int, dict]]]:
    """The coder columns and each row of a sheet without its saved sample, from its own cells.

    Every column after the hit columns but ``notes`` is a coder's, so a cell that is not a code
    (``صحيح``, a comment typed in a column of its own) is refused naming its row: left out as
    "not coded" it would change the majority silently.
    """
    numbered = filled_rows(rows)
    if len(numbered) < 2:
        raise FramingInputError(where, "has no coded rows; expected the header row and one row per hit.")
    header = [c.strip() for c in numbered[0][1]]
    missing = [c for c in SHEET_COLUMNS if c not in header]
    if missing:
        raise FramingInputError(where, f"lacks column(s) {', '.join(missing)}: not a coding sheet of this project.",
                                row=numbered[0][0])  # fmt: skip
    coders = [c for c in header if c and c not in SHEET_COLUMNS and c != NOTES]
    if not coders:
        raise FramingInputError(where, "has no coder column (after the hit columns).", row=numbered[0][0])
    body, unknown = [], []
    for number, raw in numbered[1:]:
        cell = dict(zip(header, [*raw, *[""] * (len(header) - len(raw))]))
        unknown += [f"row {number} {c}: {cell[c].strip()!r}" for c in coders
                    if cell[c].strip() and cell[c].strip().lower() not in DEFAULT_CODES]  # fmt: skip
        body.append((number, number, cell))
    if unknown:
        raise FramingInputError(where, (
            f"has {len(unknown)} cell(s) in its coder columns ({', '.join(coders)}) that are not a code "
            f"({', '.join(DEFAULT_CODES)}): {_listed(unknown)}. Type the code itself (the drop-down's), and move "
            "comments to notes: every column after the hit columns but notes is read as a coder's."
        ))  # fmt: skip
    return coders, body


def _listed(rows: list[str]) -> str:
    """The first :data:`_LISTED` rows, and how many more."""
    return "; ".join(rows[:_LISTED]) + (f" and {len(rows) - _LISTED} more" if len(rows) > _LISTED else "")


def _consensus(codes: list[str]) -> str:
    """The majority of the filled codes; ``uncoded`` if none, ``tie`` if there is no majority."""
    filled = Counter(c for c in codes if c)
    if not filled:
        return "uncoded"
    (first, n), *rest = filled.most_common()
    return "tie" if rest and rest[0][1] == n else first


def _sheet_record(
    where: str, number: int, cell: dict, code: str, sheet_number: int, technique: str = LOADED,
    record_number: int | None = None,
) -> dict:  # fmt: skip
    """One record: the hit in its context, a span of ``technique`` when coded correct.

    ``number`` is the hit's row in the file (for messages), ``record_number`` the row that
    numbers the record (the exported row of a checked sheet; ``number`` by default).
    """
    left, hit, right = cell["left"], cell["hit"], cell["right"]
    if not hit.strip():
        raise FramingInputError(where, "has an empty hit cell.", row=number)
    _check_hit_length(where, number, cell["hit_id"], hit)
    start = len(left)
    spans = (
        [{"technique": technique, "start": start, "end": start + len(hit), "text": hit}] if code == "correct" else []
    )
    record = number if record_number is None else record_number
    return {"id": f"{cell['doc_id']}_coded{sheet_number}r{record}", "text": left + hit + right, "spans": spans,
            "outlet": ""}  # fmt: skip


def _check_hit_length(where: str, number: int, hit_id: str, hit: str) -> None:
    """Refuse a hit cell whose length is not that of its ``hit_id``'s offsets: it was edited.

    The record's span is the hit cell, so an edited cell (a word typed in, a letter
    deleted) would be learned as loaded language in place of what the model or the
    lexicon found.  A ``hit_id`` without offsets (not written by this project) is not checked.
    """
    _doc_id, start, end, _kind = hit_id_parts(hit_id)
    if start is None or end is None or end - start == len(hit):
        return
    raise FramingInputError(where, (
        f"the hit cell {hit!r} has {len(hit)} character(s), but its hit_id {hit_id!r} spans {end - start}: "
        "it was edited. Restore the cell as the sheet was written (codes go in the coder columns, comments in notes)."
    ), row=number)  # fmt: skip


def _sheet_note(sheet: str | Path, summary: dict) -> str:
    """What a coding sheet gave: its records (spans and none), the rows left out and why; a sheet of none says so."""
    learned = summary["positive"] + summary["negative"]
    reasons = ", ".join(f"{n} {why}" for why, n in summary["left_out"].items())
    left_out = f"; rows left out: {reasons}" if reasons else ""
    if not learned:
        return f"{sheet}: no row coded correct or incorrect by a majority, nothing learned from it{left_out}"
    single = summary.get("one_coder", 0)
    alone = f"; {single} of them coded by one coder only (the others' cells empty)" if single else ""
    return (f"{sheet}: {learned} record(s) learned ({summary['positive']} correct: a span; {summary['negative']} "
            f"incorrect: none){alone}{left_out}")  # fmt: skip


def training_inputs(
    annotations: str | Path, coding_sheets: list[str | Path], terms: Lexicon, *, overlaps: str = "error"
) -> TrainingInputs:
    """All training records of ``framing train``, with each input's SHA-256 and counts.

    Parameters
    ----------
    annotations : str or Path
        Span-annotated JSON Lines.
    coding_sheets : list of str or Path
        Filled coding sheets (may be empty).
    terms : Lexicon
        The loaded-term lexicon (coding sheets must be of it).
    overlaps : {"error", "merge"}, optional
        See :func:`annotation_records`.

    Returns
    -------
    TrainingInputs
    """
    records = annotation_records(annotations, overlaps=overlaps)
    path = Path(annotations)
    inputs = TrainingInputs(records, [{"file": path.name, "role": "annotations", "sha256": file_sha256(path),
                                       "records": len(records)}])  # fmt: skip
    frames = [records]
    seen: dict[str, str | Path] = {}
    for number, sheet in enumerate(coding_sheets, start=1):
        frame, summary = coding_sheet_records(sheet, terms, sheet_number=number)
        digest = file_sha256(sheet)
        _refuse_twice(sheet, seen, digest, summary.get("identity"))
        frames.append(frame)
        inputs.files.append({"file": Path(sheet).name, "role": "coding sheet", "sha256": digest,
                             "records": len(frame), **summary})  # fmt: skip
        inputs.notes.append(_sheet_note(sheet, summary))
    inputs.records = pd.concat(frames, ignore_index=True) if len(frames) > 1 else records
    return inputs


def _refuse_twice(sheet: str | Path, seen: dict[str, str | Path], digest: str, identity: dict | None) -> None:
    """Refuse a coding sheet given twice, or a second copy of one sample (two coders' copies).

    Each sheet's rows become records of their own, so the hits of a sample given twice would
    be learned twice, and those of two coders' copies once per copy: as a span and as none
    where the coders disagree, where one sheet with both coders' columns leaves a tie out.
    """
    keys = [("file", digest), *([("sample", str(identity["sha256"]))] if identity else [])]
    for what, key in keys:
        first = seen.get(f"{what}:{key}")
        if first is None:
            continue
        if what == "file":
            raise FramingInputError(sheet, f"is the same file as {first} (SHA-256 {digest[:12]}…): its coded hits "
                                           "would be learned twice; give each --coding-sheet once.")  # fmt: skip
        raise FramingInputError(sheet, (
            f"is a copy of the same sample as {first} (identity {key[:8]}): the hits of each copy would be learned "
            "as records of their own, twice, and as a span and as none where the copies' codes differ. Copy every "
            "coder's column into one of them (one column per coder: coder_1, coder_2) and give that file once."
        ))  # fmt: skip
    for what, key in keys:
        seen[f"{what}:{key}"] = sheet

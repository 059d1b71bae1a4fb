"""Annotated spans in, token labels out; flagged tokens in, spans out; span overlap credit.

Offsets are half-open character offsets ``[start, end)`` into a document's text.  A
word token is *inside* a span when they share a character.  Predicted spans are
runs of flagged word tokens with nothing but white space between them, so
``text[start:end] == surface`` holds for every span by construction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import FramingInputError
from ..evaluate import read_annotations

if TYPE_CHECKING:
    import pandas as pd

    from .features import WordTokens

LOADED, NAME_CALLING = "Loaded_Language", "Name_Calling-Labeling"
#: The techniques the tagger learns, in the order of its two labels.
LABELS: tuple[str, str] = (LOADED, NAME_CALLING)
_FRAME_NAME = "<DataFrame>"


@dataclass
class Annotations:
    """Annotated paragraphs ready for training.

    Attributes
    ----------
    documents : pandas.DataFrame
        ``doc_id, text, outlet, article`` (the article is the id up to its last ``_``).
    spans : pandas.DataFrame
        ``doc_id, technique, start, end, text`` of the kept techniques.
    source : str
        The file read (or ``<DataFrame>``).
    sha256 : str
        SHA-256 of the file's bytes (of the canonical JSON of a frame's records).
    """

    documents: pd.DataFrame
    spans: pd.DataFrame
    source: str
    sha256: str

    def spans_of(self, doc_id: str) -> list[tuple[str, int, int]]:
        """``(technique, start, end)`` of one document's spans."""
        rows = self._by_doc.get(doc_id)
        return [] if rows is None else rows

    def __post_init__(self) -> None:
        self._by_doc: dict[str, list[tuple[str, int, int]]] = {}
        for doc_id, technique, start, end in self.spans[["doc_id", "technique", "start", "end"]].itertuples(
            index=False
        ):
            self._by_doc.setdefault(str(doc_id), []).append((str(technique), int(start), int(end)))


def article_of(doc_id: str) -> str:
    """The article of a paragraph id: the id up to its last ``_``.

    Examples
    --------
    >>> article_of("MIS_1062-eurl_04_008")
    'MIS_1062-eurl_04'
    """
    return doc_id.rsplit("_", 1)[0] if "_" in doc_id else doc_id


def read_training_annotations(
    source: str | Path | pd.DataFrame, *, techniques: tuple[str, ...] = LABELS
) -> Annotations:
    """Read span annotations (ArMPro JSON Lines, or a frame of the same records).

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A JSON Lines file read by :func:`analysis.evaluate.read_annotations` (every
        offset checked), or a frame with columns ``id`` (or ``doc_id``), ``text``,
        ``spans`` and optionally ``outlet``, checked the same way (rows count
        from 1 as lines).
    techniques : tuple of str, optional
        Techniques kept.

    Returns
    -------
    Annotations

    Raises
    ------
    FramingInputError
        Naming the file (or ``<DataFrame>``) and line: an empty file, a span
        whose offsets are outside the text or do not give its ``text``, and
        annotations with no span of ``techniques`` at all.
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        documents, spans, name, digest = _from_frame(source, techniques)
    else:
        path = Path(source)
        documents, spans = read_annotations(path, techniques=techniques)
        name, digest = str(path), hashlib.sha256(path.read_bytes()).hexdigest()
    if spans.empty:
        raise FramingInputError(name, f"has no span of {', '.join(techniques)}: nothing to learn from.")
    documents = documents[["doc_id", "text", "outlet"]].astype({"doc_id": str, "text": str, "outlet": str})
    documents = documents.assign(article=documents["doc_id"].map(article_of)).reset_index(drop=True)
    return Annotations(documents, spans.reset_index(drop=True), name, digest)


def _from_frame(frame: pd.DataFrame, techniques: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """Check a frame of annotation records as :func:`read_annotations` checks a file."""
    import json

    import pandas as pd

    from ..evaluate import spans_frame

    if frame.empty:
        raise FramingInputError(_FRAME_NAME, "has no records.")
    id_column = "id" if "id" in frame.columns else "doc_id"
    missing = [c for c in (id_column, "text", "spans") if c not in frame.columns]
    if missing:
        raise FramingInputError(_FRAME_NAME, f"lacks column(s) {', '.join(missing)}.")
    documents, rows, records = [], [], []
    for line, (doc_id, text, spans, outlet) in enumerate(
        zip(frame[id_column], frame["text"], frame["spans"], frame.get("outlet", [""] * len(frame))), start=1
    ):
        if not isinstance(text, str) or not text.strip():
            raise FramingInputError(_FRAME_NAME, "has an empty text.", row=line)
        for number, span in enumerate(spans, start=1):
            start, end = span["start"], span["end"]
            if not (isinstance(start, (int, np.integer)) and isinstance(end, (int, np.integer))
                    and 0 <= start < end <= len(text)):  # fmt: skip
                raise FramingInputError(_FRAME_NAME, f"span {number}: offsets [{start}, {end}) are outside the "
                                        f"text (0..{len(text)}).", row=line)  # fmt: skip
            if text[start:end] != span["text"]:
                raise FramingInputError(_FRAME_NAME, f"span {number}: text[{start}:{end}] is {text[start:end]!r}, "
                                        f"not the span's text {span['text']!r}.", row=line)  # fmt: skip
            if span["technique"] in techniques:
                rows.append((str(doc_id), span["technique"], int(start), int(end), span["text"]))
        documents.append({"doc_id": str(doc_id), "text": text, "outlet": str(outlet or "")})
        records.append([str(doc_id), text, [[s["technique"], int(s["start"]), int(s["end"])] for s in spans]])
    digest = hashlib.sha256(json.dumps(records, ensure_ascii=False).encode("utf-8")).hexdigest()
    rows.sort(key=lambda r: (r[0], r[2], r[3], r[1]))
    return pd.DataFrame(documents), spans_frame(rows), _FRAME_NAME, digest


def token_labels(doc: WordTokens, spans: list[tuple[str, int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Which word tokens are inside any span, and inside a Name Calling span.

    Parameters
    ----------
    doc : WordTokens
        One document's word tokens.
    spans : list of (technique, start, end)
        Its annotated spans.

    Returns
    -------
    inside, name_calling : numpy.ndarray of bool
    """
    inside = np.zeros(len(doc), dtype=bool)
    name_calling = np.zeros(len(doc), dtype=bool)
    for technique, start, end in spans:
        hit = (doc.start < end) & (start < doc.end)
        inside |= hit
        if technique == NAME_CALLING:
            name_calling |= hit
    return inside, name_calling


def decode_spans(
    doc: WordTokens, probability: np.ndarray, threshold: float, name_calling: np.ndarray | None = None
) -> list[dict]:
    """Turn runs of flagged word tokens into spans.

    Parameters
    ----------
    doc : WordTokens
        One document's word tokens.
    probability : numpy.ndarray
        Probability that each word token is loaded.
    threshold : float
        Tokens with ``probability >= threshold`` are flagged.
    name_calling : numpy.ndarray, optional
        Probability that a flagged token is Name Calling rather than Loaded Language.

    Returns
    -------
    list of dict
        ``start, end, surface, label, score`` (the mean probability of the span's
        tokens), with ``doc.text[start:end] == surface``.
    """
    flagged = np.flatnonzero(probability >= threshold)
    if not len(flagged):
        return []
    # a run goes on while the next flagged word is the next word and the next token (no punctuation between)
    breaks = np.flatnonzero((np.diff(flagged) != 1) | (np.diff(doc.index[flagged]) != 1)) + 1
    starts, ends = np.r_[0, breaks], np.r_[breaks, len(flagged)]
    score = _run_means(probability[flagged], starts, ends)
    is_nc = np.zeros(len(starts), dtype=bool)
    if name_calling is not None:
        is_nc = _run_means(name_calling[flagged], starts, ends) >= 0.5
    text = doc.text
    return [{"start": start, "end": end, "surface": text[start:end], "label": NAME_CALLING if nc else LOADED,
             "score": round(p, 6)}
            for start, end, nc, p in zip(doc.start[flagged[starts]].tolist(), doc.end[flagged[ends - 1]].tolist(),
                                         is_nc.tolist(), score.tolist())]  # fmt: skip


def _run_means(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``values[start:end].mean()`` of each run, rows of one length at a time.

    A row of a 2-D array is averaged exactly as the same numbers alone are (numpy
    sums both in the same order), so the scores equal the per-span means bit for bit.
    """
    out = np.empty(len(starts))
    lengths = ends - starts
    for length in np.unique(lengths).tolist():
        which = np.flatnonzero(lengths == length)
        out[which] = values[starts[which, None] + np.arange(length)].mean(axis=1)
    return out


def overlap_credit(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]], length: int
) -> tuple[float, int, float, int]:
    """Partial-overlap credit of predicted against gold spans of one document.

    Each predicted span earns the share of its characters inside some gold span
    (precision credit); each gold span earns the share of its characters inside
    some predicted span (recall credit), as in SemEval-2020 task 11.  Overlapping
    spans on one side are merged first, so no character is counted twice.

    Parameters
    ----------
    predicted, gold : list of (start, end)
        Character spans.
    length : int
        Length of the text.

    Returns
    -------
    precision_credit, n_predicted, recall_credit, n_gold : float, int, float, int

    Examples
    --------
    >>> overlap_credit([(0, 4)], [(2, 6), (8, 10)], 10)
    (0.5, 1, 0.5, 2)
    """
    covered_gold = np.zeros(length + 1, dtype=bool)
    covered_predicted = np.zeros(length + 1, dtype=bool)
    for start, end in gold:
        covered_gold[start:end] = True
    for start, end in predicted:
        covered_predicted[start:end] = True
    precision = sum(covered_gold[s:e].mean() for s, e in predicted)
    recall = sum(covered_predicted[s:e].mean() for s, e in gold)
    return float(precision), len(predicted), float(recall), len(gold)

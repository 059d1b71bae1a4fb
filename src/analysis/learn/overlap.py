"""Which documents of a corpus a model was trained on: its scores there are in-sample.

A model tags the paragraphs it was trained on far better than new text, so rates
measured on them overstate what it does on unseen news. A student who brings the
bundled annotations back as "their" corpus (or a corpus that shares articles with
the training data) should be told. The model card names its training file and its
SHA-256 (:func:`analysis.learn.training.model_card`); when that file can be found
(the path given, or the bundled ``data/annotated/`` copy) and its hash matches, the
paragraphs of each document are compared with the training paragraphs, whitespace
folded (a spreadsheet export changes line ends and spaces, never words). The
documents whose coded hits a coding sheet added to training (``framing train
--coding-sheet``) are named by ``doc_id`` in the card and count as trained on too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..paths import data_path
from ..provenance import file_sha256

__all__ = ["coded_documents", "training_file", "training_inputs", "trained_on"]

#: Paragraphs shorter than this (in characters, whitespace folded) are not compared:
#: a dateline or a one-word heading is shared by many unrelated texts.
MIN_PARAGRAPH_CHARS = 40


def _folded(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> Iterable[str]:
    yield _folded(text)
    for paragraph in text.split("\n"):
        folded = _folded(paragraph)
        if len(folded) >= MIN_PARAGRAPH_CHARS:
            yield folded


def training_file(card: Mapping[str, Any], annotations: str | Path | None = None) -> Path | None:
    """The model's training annotations, if they can be found unchanged.

    Parameters
    ----------
    card : mapping
        The model card (``Tagger.card``); its ``training_data`` holds ``source`` (a
        file name) and ``sha256``.
    annotations : str or Path, optional
        Where the training file is; by default ``data/annotated/<source>``.

    Returns
    -------
    Path or None
        The file, or None when there is none there or its SHA-256 is not the card's.
    """
    data = card.get("training_data") or {}
    source, sha256 = data.get("source"), data.get("sha256")
    if not source or not sha256:
        return None
    path = Path(annotations) if annotations is not None else data_path("annotated", str(source))
    if not path.is_file() or file_sha256(path) != sha256:
        return None
    return path


def trained_on(
    documents: pd.DataFrame, card: Mapping[str, Any], annotations: str | Path | None = None
) -> pd.Series | None:
    """For each document, whether it is (or contains) a paragraph the model was trained on.

    A document whose ``doc_id`` a coding sheet of the model's training names
    (:func:`coded_documents`) counts as trained on as well: the context of its
    coded hits was learned.

    Parameters
    ----------
    documents : pandas.DataFrame
        With ``doc_id`` and ``text``.
    card : mapping
        The model card (``Tagger.card``).
    annotations : str or Path, optional
        The training file, if it is not the bundled ``data/annotated/`` copy.

    Returns
    -------
    pandas.Series of bool or None
        Indexed like ``documents``; None when the training file cannot be found
        unchanged (:func:`training_file`), so that the overlap is unknown.

    Examples
    --------
    >>> from analysis.evaluate import read_annotations
    >>> from analysis.learn import load_default_tagger
    >>> card = load_default_tagger().card
    >>> paragraphs, _ = read_annotations(training_file(card))
    >>> documents = pd.DataFrame({"doc_id": ["a", "b"], "text": [paragraphs.text[0], "نص آخر لم يتدرب عليه النموذج"]})
    >>> trained_on(documents, card).tolist()
    [True, False]
    """
    path = training_file(card, annotations)
    if path is None:
        return None
    from ..evaluate import read_annotations

    training, _spans = read_annotations(path)
    known = {_folded(text) for text in training["text"]}
    flags = documents["text"].map(lambda text: any(p in known for p in _paragraphs(str(text)))).astype(bool)
    coded = coded_documents(card)
    if coded and "doc_id" in documents:
        flags |= documents["doc_id"].astype(str).isin(coded)
    return flags


def coded_documents(card: Mapping[str, Any]) -> set[str]:
    """The ``doc_id`` of every document a coding sheet given to ``framing train`` taught the model.

    A coded hit is learned in its context (a sentence or so of the document), so the
    model's scores on that document are in part in-sample. The card lists them per
    coding sheet (``inputs[].doc_ids``); a card without coding sheets gives none.
    """
    return {
        str(doc_id)
        for item in card.get("inputs") or []
        if item.get("role") == "coding sheet"
        for doc_id in item.get("doc_ids") or []
    }


def training_inputs(paths: Iterable[str | Path], card: Mapping[str, Any]) -> list[Path]:
    """The input files that are the model's training file itself (same SHA-256).

    The check :func:`trained_on` makes per document needs the texts; this one needs
    only the files, so a command can say so without reading the texts again (``framing
    count`` prints it after counting, where the last lines of its output are read): a student
    who runs the default model on the bundled ``data/annotated/`` file measures it in-sample.

    Parameters
    ----------
    paths : iterable of str or Path
        Input files and folders (a folder's files are searched, not its
        subfolders).  Only JSON Lines files (``.jsonl``, ``.json``), the format of
        training annotations, are hashed: a folder of 20,000 articles is not read twice.
    card : mapping
        The model card (``Tagger.card``).

    Returns
    -------
    list of Path
        The inputs whose SHA-256 is the card's ``training_data.sha256``, in input order.
    """
    sha256 = (card.get("training_data") or {}).get("sha256")
    if not sha256:
        return []
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
    return [
        path
        for path in files
        if path.suffix.lower() in (".jsonl", ".json") and path.is_file() and file_sha256(path) == sha256
    ]

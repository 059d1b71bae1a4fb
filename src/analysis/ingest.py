"""The simple entry points for reading articles; :mod:`analysis.corpus` does the work.

* :func:`read_documents` reads ``.txt`` files (and any corpus file) and stops at
  the first unreadable one, naming it: the behaviour a researcher wants for a
  handful of articles.
* :func:`documents_from_texts` wraps strings already in memory.

The *text as read* is defined in :mod:`analysis.corpus`: decoded, line ends
as ``\\n``, boilerplate lines blanked or cut from the end, so offsets into it
are offsets into the decoded file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .corpus import DEFAULT_BOILERPLATE, Columns, documents_table, read_corpus
from .errors import FramingInputError, check_document


def read_documents(
    paths: Iterable[str | Path] | str | Path,
    *,
    columns: Columns | None = None,
    boilerplate: Sequence[str] = DEFAULT_BOILERPLATE,
    dedupe: bool = True,
    sheet: str | None = None,
    date_format: str | None = None,
    exclude: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read articles into a documents table, stopping at the first unreadable one.

    Parameters
    ----------
    paths : iterable of str or Path
        ``.txt`` files, corpus files (CSV, JSONL) and folders of them; a
        ``.txt`` file's stem is its ``doc_id``.
    columns, boilerplate, dedupe, sheet, date_format, exclude
        As in :func:`analysis.corpus.read_corpus` (``exclude``: by default the patterns the paths carry).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`analysis.corpus.CORPUS_COLUMNS`, one row per document.

    Raises
    ------
    FramingInputError
        The first file or record that cannot be read (empty, binary,
        undecodable …), named with its row or byte.
    """
    corpus = read_corpus(
        paths,
        columns=columns,
        boilerplate=boilerplate,
        dedupe=dedupe,
        sheet=sheet,
        date_format=date_format,
        exclude=exclude,
    )
    corpus.raise_for_errors()
    return corpus.documents


def documents_from_texts(texts: Iterable[str], doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Build a documents table from strings already in memory.

    Parameters
    ----------
    texts : iterable of str
        Article texts (taken as read: no decoding, no boilerplate removal).
    doc_ids : iterable of str, optional
        Identifiers; defaults to ``doc0001``, ``doc0002``, ...

    Returns
    -------
    pandas.DataFrame
        Columns :data:`analysis.corpus.CORPUS_COLUMNS`; metadata empty.

    Raises
    ------
    FramingInputError
        A text or id that is not a ``str`` (bytes, None, NaN, a number) or
        holds a lone surrogate, one string given as ``texts``, as many ids as
        texts not given, or an id given twice.
    """
    if isinstance(texts, (str, bytes)):  # one string is one text, not its characters
        raise FramingInputError("texts", "is one string: give a list of texts, e.g. [text].")
    texts = list(texts)
    ids = list(doc_ids) if doc_ids is not None else [f"doc{i:04d}" for i in range(1, len(texts) + 1)]
    for position, (doc_id, text) in enumerate(zip(ids, texts), start=1):
        check_document(doc_id, text, position, "texts")
    if len(ids) != len(texts):
        raise FramingInputError("texts", f"{len(ids)} doc_ids for {len(texts)} texts: give one id per text.")
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        twice = next(doc_id for doc_id in ids if doc_id in seen or seen.add(doc_id))  # type: ignore[func-returns-value]
        raise FramingInputError("texts", f"the doc_id {twice!r} is given twice: doc_ids must be unique.")
    return documents_table(
        {
            "doc_id": doc_id,
            "source": "",
            "row": None,
            "outlet": "",
            "date": "",
            "month": "",
            "day": "",
            "title": "",
            "url": "",
            "article": doc_id,
            "encoding": "",
            "html": False,
            "boilerplate_removed": "",
            "n_chars": len(text),
            "text": text,
        }
        for doc_id, text in zip(ids, texts)
    )

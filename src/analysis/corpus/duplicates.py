"""Duplicate detection: a document's fingerprints, and the filter that keeps the first copy.

A corpus scraped from several feeds repeats articles, verbatim or re-typed
(diacritics, tatweel, spacing).  :func:`document_fingerprints` computes the two
keys that decide it; :class:`DuplicateFilter` is the one place that decides
and reports it.  The reader computes the fingerprints itself, or, in
:func:`analysis.batch.count_corpus`, takes them from the worker processes
that tokenize each document anyway (:meth:`FramingCounter.count_partition
<analysis.pipeline.FramingCounter.count_partition>`), so duplicates cost no
second tokenization.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..normalize import DEFAULT_FOLDING
from ..tables import ReportRow
from ..tokenize import token_norm_text
from ..windows import WINDOW_CHARS, normalized_digest


def document_fingerprints(text: str, norm_text: str | None = None) -> tuple[bytes, bytes]:
    """The two keys that decide duplicates: the exact text, and its normalized tokens.

    Two documents are *exact* duplicates if their texts (as read, after
    cleaning) are equal, and *normalized* duplicates if they have the same
    sequence of normalized tokens (default foldings): they then differ only
    in diacritics, tatweel, letter variants, digits' script, Latin case or
    spacing.

    Parameters
    ----------
    text : str
        The document text.
    norm_text : str, optional
        ``tokenize(text).norm_text`` with the default foldings, if already
        computed (the worker processes have it for free).

    Returns
    -------
    tuple of bytes
        16-byte BLAKE2b digests ``(exact, normalized)``.

    Examples
    --------
    >>> a, b = document_fingerprints("قال حفتر ،إن"), document_fingerprints("قَالَ  حفتر، إن")
    >>> a[0] == b[0], a[1] == b[1]
    (False, True)
    """
    if norm_text is None and len(text) > WINDOW_CHARS:  # a huge text: a window at a time (analysis.windows)
        return _utf8_digest(text), normalized_digest(text, WINDOW_CHARS)
    if norm_text is None:
        norm_text = token_norm_text(text, DEFAULT_FOLDING)
    return (
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
        hashlib.blake2b(norm_text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
    )


def _utf8_digest(text: str) -> bytes:
    """The exact fingerprint of a huge text, encoded a window at a time."""
    digest = hashlib.blake2b(digest_size=16)
    for start in range(0, len(text), WINDOW_CHARS):
        digest.update(text[start : start + WINDOW_CHARS].encode("utf-8", "surrogatepass"))
    return digest.digest()


class DuplicateFilter:
    """Keep the first copy of each document; report every later copy as dropped.

    One filter serves one pass over a corpus: it remembers the fingerprints of
    the documents it kept, so documents must be checked in reading order.

    Examples
    --------
    >>> keep = DuplicateFilter()
    >>> first = {"doc_id": "a", "source": "x.csv", "row": 2, "text": "قال حفتر"}
    >>> again = {"doc_id": "b", "source": "x.csv", "row": 3, "text": "قَالَ حفتر"}
    >>> keep.check(first) is None
    True
    >>> keep.check(again).problem
    'normalized duplicate of a'
    """

    __slots__ = ("_exact", "_normalized")

    def __init__(self) -> None:
        # fingerprint -> doc_id of the first copy (named in the report)
        self._exact: dict[bytes, str] = {}
        self._normalized: dict[bytes, str] = {}

    def check(self, document: Mapping[str, Any], fingerprints: tuple[bytes, bytes] | None = None) -> ReportRow | None:
        """Decide whether ``document`` repeats one checked before.

        Parameters
        ----------
        document : mapping
            A document as read (``doc_id``, ``source``, ``row``, ``text``).
        fingerprints : tuple of bytes, optional
            From :func:`document_fingerprints`, if already computed; computed
            from ``document["text"]`` otherwise.

        Returns
        -------
        ReportRow or None
            The report row (level ``duplicate``, naming the first copy) if the
            document is to be dropped; None if it is kept, and remembered.
        """
        exact, normalized = fingerprints if fingerprints is not None else document_fingerprints(document["text"])
        doc_id = document["doc_id"]
        # Exact first: a verbatim copy is named as such even though its tokens match too.
        for seen, kind, key in ((self._exact, "exact", exact), (self._normalized, "normalized", normalized)):
            first = seen.get(key)
            if first is not None:
                return ReportRow(source=document["source"], row=document["row"], doc_id=doc_id, level="duplicate",
                                 problem=f"{kind} duplicate of {first}", action="dropped")  # fmt: skip
        self._exact[exact] = doc_id
        self._normalized[normalized] = doc_id
        return None

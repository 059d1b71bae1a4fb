"""Duplicate detection: the fingerprints of a document's text."""

from __future__ import annotations

import hashlib

from ..normalize import DEFAULT_FOLDING
from ..tokenize import token_norm_text


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
    if norm_text is None:
        norm_text = token_norm_text(text, DEFAULT_FOLDING)
    return (
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
        hashlib.blake2b(norm_text.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
    )

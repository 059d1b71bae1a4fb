"""One huge document counted in windows of whole paragraphs: bounded memory, identical rows.

Tokenizing a text costs about 40 times its size in Python objects (a list
entry, an offset, a norm and a paragraph and sentence number per token), so a
200 MB article would need gigabytes at once.  Nothing the counter finds looks
across a paragraph break: tokens never contain a line break, multi-word
entries, exclusion phrases, context cues (sentence or paragraph), negation
(sentence) and quotation pairing (paragraph) all stop at one, and sentences
end at one.  A text longer than :data:`WINDOW_CHARS` is therefore cut just
after line breaks into windows of about that size, each window is analysed
on its own, and its rows are shifted (character offsets, token indices,
paragraph and sentence numbers) so that they are exactly those of the whole
text: ``text[start:end] == surface`` holds on the original text, and the
document statistics are the sums (a test compares both paths on generated
texts with a tiny window).

A paragraph longer than the window is one window of its own (quotations pair
within a paragraph), so memory is bounded by the longest paragraph, not by
the document.  The learned tagger's features look at neighbouring words
across paragraphs, so a counter with a ``model`` analyses the whole text at
once (:func:`windowed` is not used for it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .normalize import DEFAULT_FOLDING
from .quotes import quotation_rows
from .spill import SpilledRows
from .tables import DocumentStatsRow
from .tokenize import _split, normalize_tokens

if TYPE_CHECKING:
    from .pipeline import DocumentAnalysis, FramingCounter, Partition
    from .tokenize import TokenizedText

#: Characters per window: 100,000 (about 180 KB of Arabic UTF-8, some
#: 18,000 tokens) keeps a window's tokens near 4 MB, while each window is
#: still 30 news articles long, so cutting costs nothing measurable.
WINDOW_CHARS = 100_000


def window_bounds(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of consecutive windows of ``text`` that end just after a line break.

    Each window is at most ``size`` characters unless one paragraph is longer
    (it then runs to the end of that paragraph); the last window ends at the
    end of the text.

    Examples
    --------
    >>> list(window_bounds("ab\\ncd\\nef", size=4))
    [(0, 3), (3, 6), (6, 8)]
    >>> list(window_bounds("abcdef\\ng", size=2))
    [(0, 7), (7, 8)]
    """
    start, length = 0, len(text)
    while start < length:
        if length - start <= size:
            yield start, length
            return
        cut = text.rfind("\n", start, start + size)
        if cut == -1:  # a paragraph longer than the window: up to its end
            cut = text.find("\n", start + size)
            if cut == -1:
                yield start, length
                return
        yield start, cut + 1
        start = cut + 1


@dataclass
class _Shift:
    """What the windows before this one hold: added to each window's offsets and numbers."""

    chars: int = 0
    tokens: int = 0
    paragraphs: int = 0
    sentences: int = 0
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("words", "quotations", "quoted"), 0))


def _shifted_rows(analysis: DocumentAnalysis, doc_id: str, at: _Shift, partition: Partition, keep_tokens: bool) -> None:
    """Append one window's hits, quotations and tokens to ``partition``, located in the whole text."""
    c, t, p, s = at.chars, at.tokens, at.paragraphs, at.sentences
    partition.hits.extend(
        h._replace(start=h.start + c, end=h.end + c, paragraph=h.paragraph + p, sentence=h.sentence + s,
                   token_start=h.token_start + t, token_end=h.token_end + t)
        for h in analysis.hits
    )  # fmt: skip
    partition.quotations.extend(
        q._replace(start=q.start + c, end=q.end + c, paragraph=q.paragraph + p, sentence=q.sentence + s,
                   token_start=q.token_start + t, token_end=q.token_end + t)
        for q in quotation_rows(analysis.tokens, analysis.quotations, doc_id)
    )  # fmt: skip
    if keep_tokens:
        partition.tokens.extend(
            r._replace(i=r.i + t, start=r.start + c, end=r.end + c, paragraph=r.paragraph + p, sentence=r.sentence + s)
            for r in analysis.tokens.rows(doc_id)
        )


def count_windowed(
    counter: FramingCounter,
    doc_id: str,
    text: str,
    partition: Partition,
    *,
    keep_tokens: bool = False,
    fingerprints: bool = False,
    size: int = WINDOW_CHARS,
) -> None:
    """Analyse ``text`` window by window and append its rows to ``partition``, as if analysed whole.

    Parameters
    ----------
    counter : FramingCounter
        Without a ``model`` (the tagger looks across paragraphs).
    doc_id : str
        Written into each row.
    text : str
        The whole document text.
    partition : Partition
        Receives the hits, quotations, tokens (``keep_tokens``), one statistics
        row and, with ``fingerprints``, the duplicate-detection keys.
    size : int, optional
        Characters per window (:data:`WINDOW_CHARS`).
    """
    # This document's rows (and those after it in the partition) go to disk, one window at a time.
    for name in ("hits", "quotations", "tokens"):
        rows = getattr(partition, name)
        if not isinstance(rows, SpilledRows) and (name != "tokens" or keep_tokens):
            setattr(partition, name, SpilledRows(rows))
    exact, normalized = hashlib.blake2b(digest_size=16), hashlib.blake2b(digest_size=16)
    at = _Shift()
    for start, end in window_bounds(text, size):
        window = text[start:end]
        analysis = counter.analyze_text(window, doc_id)
        tokens = analysis.tokens
        at.chars = start
        _shifted_rows(analysis, doc_id, at, partition, keep_tokens)
        if fingerprints:
            # The same digests as document_fingerprints(text): the norms of all tokens joined by line breaks.
            exact.update(window.encode("utf-8", "surrogatepass"))
            if len(tokens):
                normalized.update(
                    (b"\n" if at.tokens else b"") + _norm_text(counter, tokens).encode("utf-8", "surrogatepass")
                )
        at.totals["words"] += tokens.n_words
        at.totals["quotations"] += len(analysis.quotations)
        at.totals["quoted"] += tokens.n_quoted_words
        at.tokens += len(tokens)
        at.paragraphs += tokens.n_paragraphs
        at.sentences += tokens.n_sentences
        del window, analysis, tokens  # the next window's tokens replace these, never add to them
    totals = at.totals
    partition.stats.append(
        DocumentStatsRow(doc_id, totals["words"], at.sentences, at.paragraphs, totals["quotations"], totals["quoted"])
    )
    if fingerprints:
        partition.fingerprints.append((exact.digest(), normalized.digest()))


def normalized_digest(text: str, size: int = WINDOW_CHARS) -> bytes:
    """The normalized fingerprint of :func:`analysis.corpus.document_fingerprints`, a window at a time.

    The BLAKE2b digest of the norms of every token (default foldings) joined
    by line breaks, without the tokens of the whole text in memory at once.

    >>> from analysis.corpus import document_fingerprints
    >>> text = "قَالَ حفتر\\n\\nإن الجيش\\n"
    >>> normalized_digest(text, size=4) == document_fingerprints(text)[1]
    True
    """
    digest, seen = hashlib.blake2b(digest_size=16), False
    for start, end in window_bounds(text, size):
        surfaces = _split(text[start:end])[1::2]
        if surfaces:
            norm_text = normalize_tokens(surfaces, DEFAULT_FOLDING)[1]
            digest.update((b"\n" if seen else b"") + norm_text.encode("utf-8", "surrogatepass"))
            seen = True
    return digest.digest()


def _norm_text(counter: FramingCounter, tokens: TokenizedText) -> str:
    """The window's norms joined by line breaks, with the default foldings (what fingerprints are defined on)."""
    if counter.folding == DEFAULT_FOLDING:
        return tokens.joined_norms()
    from .tokenize import token_norm_text

    return token_norm_text(tokens.text, DEFAULT_FOLDING)


__all__ = ["WINDOW_CHARS", "count_windowed", "normalized_digest", "window_bounds"]

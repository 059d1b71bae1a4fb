"""The shared machinery of the suggestions: scoring, finding occurrences again, keyword-in-context lines.

Suggestions are made in two passes over the documents: the first counts
words, the second finds the chosen candidates again for their exact document
counts, their most frequent spelling and the first few keyword-in-context
lines (in document order, so the output is deterministic).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..kwic import keyword_in_context
from ..normalize import DEFAULT_FOLDING, Folding
from ..tables import require_columns
from ..tokenize import WORD_KINDS as TOKEN_WORD_KINDS
from ..tokenize import TokenizedText, tokenize

if TYPE_CHECKING:
    import pandas as pd

#: Token kinds that are words (numbers and punctuation are not suggested).
WORD_KINDS = TOKEN_WORD_KINDS - {"number"}
#: Separator of keyword-in-context lines shown in one cell: ``framing lexicon suggest``'s ``examples`` and
#: ``model_candidates``' ``kwic``. Not ``|``, which scraped news texts and bylines contain (film lists, ratings).
EXAMPLE_SEPARATOR = " ‖ "


def log_likelihood(a: float, b: float, size_a: float, size_b: float) -> float:
    """Dunning's G² for a word seen ``a`` times in ``size_a`` words and ``b`` times in ``size_b``.

    ``2 * sum(O * ln(O / E))`` over the two observed counts, with the expected
    counts ``E`` from the pooled rate (3.84 is p < 0.05 with one degree of freedom).

    >>> round(log_likelihood(10, 10, 1000, 1000), 6)
    0.0
    >>> round(log_likelihood(20, 5, 1000, 1000), 3)
    9.637
    """
    total = size_a + size_b
    expected_a, expected_b = size_a * (a + b) / total, size_b * (a + b) / total
    terms = [o * math.log(o / e) for o, e in ((a, expected_a), (b, expected_b)) if o > 0]
    return 2 * sum(terms)


def documents_of(documents: pd.DataFrame) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` of a documents table."""
    require_columns(documents.columns, ("doc_id", "text"), "documents")
    return zip(documents["doc_id"].astype(str), documents["text"].astype(str))


def tokenized(documents: pd.DataFrame, folding: Folding = DEFAULT_FOLDING) -> Iterator[tuple[str, TokenizedText]]:
    """Each document's id and tokens, in table order."""
    for doc_id, text in documents_of(documents):
        yield doc_id, tokenize(text, folding=folding)


def word_counts(documents: pd.DataFrame, folding: Folding = DEFAULT_FOLDING) -> Counter[str]:
    """How often each normalized word (:data:`WORD_KINDS`) occurs in the documents."""
    counts: Counter[str] = Counter()
    for _doc_id, tokens in tokenized(documents, folding):
        counts.update(norm for norm, kind in zip(tokens.norm, tokens.kind) if kind in WORD_KINDS)
    return counts


@dataclass
class Found:
    """Where a candidate occurs: its count, documents, spellings and first spans."""

    n: int = 0
    docs: set[str] = field(default_factory=set)
    surfaces: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def surface(self) -> str:
        """The most frequent spelling (ties: the first in alphabetical order)."""
        return min(self.surfaces.items(), key=lambda item: (-item[1], item[0]))[0] if self.surfaces else ""


#: A locator yields ``(key, first_token, last_token, surface_first_token)`` for one document's tokens;
#: the span from ``first_token`` to ``last_token`` (exclusive) is shown, and the surface counted
#: from ``surface_first_token``.
Locator = Callable[[str, TokenizedText], Iterable[tuple[Hashable, int, int, int]]]


def find_again(
    documents: pd.DataFrame,
    locate: Locator,
    keys: set | None = None,
    *,
    examples: int,
    folding: Folding = DEFAULT_FOLDING,
) -> dict[Hashable, Found]:
    """Every occurrence of the ``keys`` (all keys if None) that ``locate`` reports: counts, documents, spellings, spans."""
    found: dict[Hashable, Found] = {key: Found() for key in keys or ()}
    for doc_id, tokens in tokenized(documents, folding):
        for key, first, last, surface_first in locate(doc_id, tokens):
            place = found.get(key)
            if place is None:
                if keys is not None:
                    continue
                place = found[key] = Found()
            place.n += 1
            place.docs.add(doc_id)
            place.surfaces[tokens.text[tokens.start[surface_first] : tokens.end[last - 1]]] += 1
            if len(place.spans) < examples:
                place.spans.append((doc_id, tokens.start[first], tokens.end[last - 1]))
    return found


def example_lines(found: dict[Hashable, Found], documents: pd.DataFrame, *, width: int = 50) -> dict[Hashable, str]:
    """Each key's keyword-in-context lines (:func:`analysis.kwic.keyword_in_context`), joined in one cell."""
    import pandas as pd

    spans = [(key, doc_id, start, end) for key, place in found.items() for doc_id, start, end in place.spans]
    if not spans:
        return {}
    hits = pd.DataFrame(
        [(doc_id, "", "", "", False, start, end) for _key, doc_id, start, end in spans],
        columns=["doc_id", "kind", "label", "category", "quoted", "start", "end"],
    )
    kwic = keyword_in_context(hits, documents, width=width)
    lines: dict[Hashable, list[str]] = {}
    for (key, *_), left, hit, right in zip(spans, kwic["left"], kwic["hit"], kwic["right"]):
        lines.setdefault(key, []).append(f"{left} [{hit}] {right}".strip())
    return {key: EXAMPLE_SEPARATOR.join(value) for key, value in lines.items()}

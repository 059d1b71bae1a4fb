"""Framing metrics: pure functions from the hits and documents tables to tidy tables.

Every function takes the tables of :class:`analysis.pipeline.CountResult`
(``hits``, ``documents``, ``quotations``) and returns a new long-format
DataFrame; nothing is read or written.  Each result keeps ``doc_id`` so that
corpus-level numbers are a ``groupby`` away, and each count can be traced back
to hits by filtering the hits table with the same keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .normalize import normalize

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .pipeline import CountResult

SALIENCE_COLUMNS = (
    "doc_id", "actor", "mentions", "share", "narrator", "quoted",
    "first_start", "first_position", "first_sentence",
)  # fmt: skip
DENSITY_COLUMNS = (
    "doc_id", "category", "n", "per_1000", "narrator_n", "narrator_per_1000", "quoted_n", "quoted_per_1000",
)  # fmt: skip
MATRIX_COLUMNS = ("doc_id", "actor", "category", "n")
PAIR_COLUMNS = (
    "doc_id", "sentence", "actor", "category", "term", "term_surface", "actor_surface", "gap", "quoted",
    "term_start", "term_end", "actor_start", "actor_end",
)  # fmt: skip
DISTANCING_COLUMNS = ("doc_id", "marker", "how", "start", "end", "sentence", "actor", "actor_surface")


def _actors(hits: pd.DataFrame) -> pd.DataFrame:
    return hits[hits["kind"] == "actor"]


def _terms(hits: pd.DataFrame) -> pd.DataFrame:
    return hits[hits["kind"] == "term"]


def actor_salience(hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """How prominent each actor is in each document.

    For actor *a* in document *d*, with *m(a, d)* its mentions (actor hits):

    * ``mentions`` = *m(a, d)*; ``narrator`` and ``quoted`` split it by voice;
    * ``share`` = *m(a, d)* / Σ\\ :sub:`b` *m(b, d)*, its share of all actor
      mentions in the document;
    * ``first_start`` = character offset of the first mention;
      ``first_position`` = ``first_start`` / *n_chars(d)*, from 0 (the first
      character) to 1 (the end); ``first_sentence`` = its sentence number.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    documents : pandas.DataFrame
        The documents table (``doc_id``, ``n_chars``).

    Returns
    -------
    pandas.DataFrame
        :data:`SALIENCE_COLUMNS`, one row per document and mentioned actor,
        most mentioned first (ties: earliest first mention).
    """
    actors = _actors(hits)
    if actors.empty:
        return pd.DataFrame(columns=list(SALIENCE_COLUMNS))
    grouped = actors.sort_values("start").groupby(["doc_id", "label"], sort=False)
    table = (
        grouped.agg(
            mentions=("start", "size"),
            quoted=("quoted", "sum"),
            first_start=("start", "first"),
            first_sentence=("sentence", "first"),
        )
        .reset_index()
        .rename(columns={"label": "actor"})
    )
    table["narrator"] = table["mentions"] - table["quoted"]
    table["share"] = table["mentions"] / table.groupby("doc_id")["mentions"].transform("sum")
    n_chars = table["doc_id"].map(documents.set_index("doc_id")["n_chars"])
    table["first_position"] = table["first_start"] / n_chars
    table = table.sort_values(["doc_id", "mentions", "first_start"], ascending=[True, False, True])
    return table[list(SALIENCE_COLUMNS)].astype({"quoted": "int64", "narrator": "int64"}).reset_index(drop=True)


def term_density(hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Loaded-term density per 1,000 words, by category and by voice.

    For category *c* in document *d*, with *n(c, d)* its term hits and *N(d)*
    the word tokens of *d* (``n_words``), of which *Q(d)* are inside quoted
    speech (``n_quoted_words``):

    * ``per_1000`` = 1000 · *n(c, d)* / *N(d)*;
    * ``narrator_per_1000`` = 1000 · *n_narrator(c, d)* / (*N(d)* − *Q(d)*);
    * ``quoted_per_1000`` = 1000 · *n_quoted(c, d)* / *Q(d)*, NaN when the
      document has no quoted speech.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    documents : pandas.DataFrame
        The documents table (``doc_id``, ``n_words``, ``n_quoted_words``).

    Returns
    -------
    pandas.DataFrame
        :data:`DENSITY_COLUMNS`, one row per document and category that
        occurs, densest first.
    """
    terms = _terms(hits)
    if terms.empty:
        return pd.DataFrame(columns=list(DENSITY_COLUMNS))
    table = terms.groupby(["doc_id", "category"]).agg(n=("start", "size"), quoted_n=("quoted", "sum")).reset_index()
    table["narrator_n"] = table["n"] - table["quoted_n"]
    sizes = documents.set_index("doc_id")
    words = table["doc_id"].map(sizes["n_words"]).astype(float)
    quoted_words = table["doc_id"].map(sizes["n_quoted_words"]).astype(float)
    table["per_1000"] = 1000 * table["n"] / words
    table["narrator_per_1000"] = 1000 * table["narrator_n"] / (words - quoted_words)
    table["quoted_per_1000"] = 1000 * table["quoted_n"] / quoted_words.replace(0, np.nan)
    table = table.sort_values(["doc_id", "per_1000", "category"], ascending=[True, False, True])
    return table[list(DENSITY_COLUMNS)].astype({"quoted_n": "int64", "narrator_n": "int64"}).reset_index(drop=True)


def _gap(first_a: pd.Series, end_a: pd.Series, first_b: pd.Series, end_b: pd.Series) -> pd.Series:
    """Tokens strictly between two token ranges (0 if adjacent, negative if they overlap)."""
    return np.maximum(first_b - end_a, first_a - end_b)


def framing_pairs(hits: pd.DataFrame, *, window: int | None = None, include_quoted: bool = True) -> pd.DataFrame:
    """List every (loaded term, actor) pair that the framing matrix counts.

    The evidence behind :func:`framing_matrix`: filter it by actor and
    category to see which words made a cell.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    window, include_quoted
        As in :func:`framing_matrix`.

    Returns
    -------
    pandas.DataFrame
        :data:`PAIR_COLUMNS`: the term hit (``term``, ``category``,
        ``term_surface``, ``term_start``, ``term_end``, ``quoted``), the actor
        and its nearest mention (``actor_surface``, ``actor_start``,
        ``actor_end``), the sentence and the ``gap`` in tokens.
    """
    if window is not None and window < 0:
        raise ValueError(f"window must be >= 0 or None, got {window}")
    terms = _terms(hits)
    if not include_quoted:
        terms = terms[~terms["quoted"]]
    keys = ["doc_id", "sentence"]
    actor_columns = ["label", "surface", "start", "end", "token_start", "token_end"]
    pairs = terms.reset_index(names="term_hit").merge(
        _actors(hits)[keys + actor_columns], on=keys, suffixes=("", "_actor")
    )
    pairs["gap"] = _gap(pairs["token_start"], pairs["token_end"], pairs["token_start_actor"], pairs["token_end_actor"])
    if window is not None:
        pairs = pairs[pairs["gap"] <= window]
    # One pair per term hit and actor: the actor's nearest mention stands for it.
    pairs = pairs.sort_values(["term_hit", "label_actor", "gap"]).drop_duplicates(["term_hit", "label_actor"])
    pairs = pairs.rename(columns={
        "label": "term", "surface": "term_surface", "start": "term_start", "end": "term_end",
        "label_actor": "actor", "surface_actor": "actor_surface", "start_actor": "actor_start",
        "end_actor": "actor_end",
    })  # fmt: skip
    return pairs[list(PAIR_COLUMNS)].sort_values(["doc_id", "term_start", "actor"], ignore_index=True)


def framing_matrix(hits: pd.DataFrame, *, window: int | None = None, include_quoted: bool = True) -> pd.DataFrame:
    """Count the loaded terms that stand near each actor: the actor × category matrix.

    A term hit *t* is counted once for every distinct actor *a* that has a
    mention *m* in the same sentence as *t* and, if ``window`` is given, with
    at most ``window`` tokens (punctuation included) between *m* and *t*:

    *n(a, c)* = #{ (t, a) : category(t) = c, ∃ m of a, sentence(m) = sentence(t),
    gap(m, t) ≤ window }

    So "مليشيات حفتر" counts one delegitimizing label against Haftar (gap 0).
    Sentence co-occurrence (``window=None``) is generous: every actor of a
    long sentence gets every term of it; a small window is stricter.
    :func:`framing_pairs` lists the pairs behind each count.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (``token_start``, ``token_end`` and ``sentence`` are used).
    window : int, optional
        Maximum number of tokens between an actor mention and a term.
    include_quoted : bool, optional
        Count terms inside quoted speech (the sources' words) too.  Set False
        for the outlet's own voice only.

    Returns
    -------
    pandas.DataFrame
        :data:`MATRIX_COLUMNS` in long format (one row per document, actor and
        category with ``n > 0``); :func:`matrix_wide` pivots it.
    """
    return count_pairs(framing_pairs(hits, window=window, include_quoted=include_quoted))


def count_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Count (term, actor) pairs per document, actor and category: the long framing matrix.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`framing_pairs` (possibly filtered).

    Returns
    -------
    pandas.DataFrame
        :data:`MATRIX_COLUMNS`.
    """
    table = pairs.groupby(["doc_id", "actor", "category"]).size().rename("n").reset_index()
    return table[list(MATRIX_COLUMNS)].sort_values(["doc_id", "actor", "category"], ignore_index=True)


def matrix_wide(matrix: pd.DataFrame, *, actors: list[str] | None = None) -> pd.DataFrame:
    """Pivot a long framing matrix (summed over documents) to actors × categories.

    Parameters
    ----------
    matrix : pandas.DataFrame
        From :func:`framing_matrix`.
    actors : list of str, optional
        Rows to keep, in this order (e.g. the most salient actors); an actor
        with no term gets a row of zeros.

    Returns
    -------
    pandas.DataFrame
        Integer counts; rows are actors, columns categories.
    """
    wide = matrix.pivot_table(index="actor", columns="category", values="n", aggfunc="sum", fill_value=0)
    if actors is not None:
        wide = wide.reindex(actors, fill_value=0)
    return wide.astype("int64")


#: The names of news organisations a quotation may be exactly (:func:`outlet_names`), under ``data/``.
NEWS_ORGANISATIONS = ("outlets", "news_organisations.csv")


def outlet_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """Normalized names of news organisations: those of ``data/outlets/news_organisations.csv`` and ``extra``.

    A quotation that is exactly one of them (``«الشرق الأوسط»``, ``"رويترز"``) names an outlet;
    :func:`distancing_markers` does not count it as a scare quote.

    Parameters
    ----------
    extra : iterable of str, optional
        More names, such as the ``outlet`` column of a corpus whose outlets are written as names.

    Examples
    --------
    >>> names = outlet_names(["صحيفة المدينة المنورة"])
    >>> "رويترز" in names, "الشرق الاوسط" in names, "صحيفه المدينه المنوره" in names, "الحوثي" in names
    (True, True, True, False)
    """
    return _bundled_outlet_names() | frozenset(_name_key(str(name)) for name in extra if str(name).strip())


@lru_cache(maxsize=1)
def _bundled_outlet_names() -> frozenset[str]:
    """The names of ``data/outlets/news_organisations.csv`` (its README says which common words it leaves out)."""
    from .paths import data_path

    table = pd.read_csv(data_path(*NEWS_ORGANISATIONS), dtype=str, keep_default_na=False)
    return frozenset(_name_key(name) for name in table["name"] if name.strip())


def _name_key(name: str) -> str:
    """A name as compared: normalized, its spaces collapsed."""
    return " ".join(normalize(name).split())


def _quoted_name(text: str, names: frozenset[str]) -> bool:
    """Whether a quotation (marks included) holds one of ``names`` and nothing else."""
    from .arabic import QUOTE_MARKS

    inner = "".join(" " if ch in QUOTE_MARKS else ch for ch in text)
    return _name_key(inner) in names


def distancing_markers(
    hits: pd.DataFrame,
    quotations: pd.DataFrame,
    *,
    marker_category: str = "distancing_marker",
    window: int = 4,
    outlets: Iterable[str] = (),
) -> pd.DataFrame:
    """Find distancing markers and the actor each one attaches to.

    Two kinds of marker are reported (column ``how``):

    * ``term``: a loaded term of ``marker_category`` (ما يسمى، المزعوم، بدعوى …);
    * ``scare quotes``: a short quotation that is not speech and is not simply
      an actor's name in quotation marks (“فاعل صاعد”, but not "حفتر"), nor a
      title after a label noun (صحيفة «الأهرام», reason ``named label``), nor
      exactly the name of a news organisation (``"رويترز"``, «الشرق الأوسط»:
      :func:`outlet_names`, with or without media actors in the lexicon), nor empty.

    Attachment: a marker that precedes its noun (ما يسمى X) takes the first
    actor mention within ``window`` tokens after it; otherwise, and for
    markers that follow their noun (المزعوم) and scare quotes, the nearest
    actor mention before it in the same sentence, else the first after it in
    the same sentence.  No actor in the sentence leaves ``actor`` empty.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    quotations : pandas.DataFrame
        The quotations table (``speech``, ``token_start``, ``token_end``,
        ``sentence``).
    marker_category : str, optional
        The term category holding distancing markers.
    window : int, optional
        Tokens looked at after a preceding marker.
    outlets : iterable of str, optional
        Names of outlets besides the bundled list (:func:`outlet_names`), e.g. the corpus's
        ``outlet`` column when it holds names: a quotation that is exactly one is not a scare quote.

    Returns
    -------
    pandas.DataFrame
        :data:`DISTANCING_COLUMNS`, in text order.
    """
    actors = _actors(hits)
    markers = _terms(hits)[lambda t: t["category"] == marker_category]
    rows = [
        (m.doc_id, m.surface, "term", m.start, m.end, m.sentence, m.token_start, m.token_end, m.label)
        for m in markers.itertuples(index=False)
    ]
    # Split once by document: filtering the whole table for every marker is quadratic on a corpus.
    no_actors = actors.iloc[0:0]
    actors_of = {doc_id: frame for doc_id, frame in actors.groupby("doc_id", sort=False)}
    # A title after a label noun (صحيفة «الأهرام») names something, and an empty pair of marks
    # is a pairing accident: neither distances the narrator from a word.
    candidates = quotations[
        ~quotations["speech"] & (quotations["reason"] != "named label") & (quotations["n_words"] > 0)
    ]
    names = outlet_names(outlets)
    for q in candidates.itertuples(index=False):
        if _quoted_name(q.text, names):  # «الشرق الأوسط»: an outlet named, not a word held at a distance
            continue
        in_doc = actors_of.get(q.doc_id, no_actors)
        inner = in_doc[(in_doc["start"] > q.start) & (in_doc["end"] < q.end)]
        is_a_name = len(inner) == 1 and inner["token_end"].iloc[0] - inner["token_start"].iloc[0] == (
            q.token_end - q.token_start - 2
        )
        if not is_a_name:
            rows.append((q.doc_id, q.text, "scare quotes", q.start, q.end, q.sentence, q.token_start, q.token_end, ""))
    found = []
    for doc_id, marker, how, start, end, sentence, token_start, token_end, entry in rows:
        in_doc = actors_of.get(doc_id, no_actors)
        same_sentence = in_doc[in_doc["sentence"] == sentence]
        after = same_sentence[same_sentence["token_start"] >= token_end].sort_values("token_start")
        before = same_sentence[same_sentence["token_end"] <= token_start].sort_values("token_end")
        precedes_noun = how == "term" and not entry.removeprefix("ال").startswith("مزعوم")
        chosen = None
        if precedes_noun and not after.empty and after["token_start"].iloc[0] - token_end <= window:
            chosen = after.iloc[0]
        elif not before.empty:
            chosen = before.iloc[-1]
        elif not after.empty:
            chosen = after.iloc[0]
        found.append((
            doc_id, marker, how, start, end, sentence,
            "" if chosen is None else chosen["label"], "" if chosen is None else chosen["surface"],
        ))  # fmt: skip
    table = pd.DataFrame(found, columns=list(DISTANCING_COLUMNS))
    return table.sort_values(["doc_id", "start"], ignore_index=True)


@dataclass
class DocumentMetrics:
    """Every framing metric of one document, as the figures of :func:`analysis.plot.framing_figures` show them."""

    doc_id: str
    hits: pd.DataFrame
    n_chars: int
    salience: pd.DataFrame
    density: pd.DataFrame
    leaders: list[str]
    matrix: pd.DataFrame
    attributions: pd.DataFrame
    names: dict[str, str] = field(default_factory=dict)
    source_glosses: dict[str, str] = field(default_factory=dict)


def document_metrics(
    result: CountResult,
    *,
    sources: Lexicon,
    actors_lexicon: Lexicon | None = None,
    doc_id: str | None = None,
    top: int = 10,
    window: int | None = None,
) -> DocumentMetrics:
    """Compute the framing metrics of one document (salience, density, matrix, sourcing).

    Parameters
    ----------
    result : analysis.pipeline.CountResult
        From ``FramingCounter.count(documents, keep_tokens=True)``.
    sources : analysis.lexicon.Lexicon
        The anonymous-source lexicon.
    actors_lexicon : analysis.lexicon.Lexicon, optional
        For the Arabic display names of actors.
    doc_id : str, optional
        The document; the first one by default.
    top : int, optional
        The most salient actors kept for the matrix and the dispersion plot.
    window : int, optional
        Token window of the framing matrix (sentence co-occurrence if None).

    Returns
    -------
    DocumentMetrics
    """
    from .lexicon import display_names
    from .sourcing import find_attributions

    doc_id = doc_id if doc_id is not None else str(result.documents["doc_id"].iloc[0])
    if result.tokens is None:
        raise ValueError("document_metrics needs the tokens: count with keep_tokens=True")
    hits = result.hits[result.hits["doc_id"] == doc_id]
    documents = result.documents[result.documents["doc_id"] == doc_id]
    if documents.empty:
        raise ValueError(f"no document {doc_id!r}; the documents are {list(result.documents['doc_id'])[:10]}")
    tokens = result.tokens[result.tokens["doc_id"] == doc_id]
    salience = actor_salience(hits, documents)
    leaders = list(salience["actor"].head(top))
    table = sources.table
    return DocumentMetrics(
        doc_id=doc_id,
        hits=hits,
        n_chars=int(documents["n_chars"].iloc[0]),
        salience=salience,
        density=term_density(hits, documents),
        leaders=leaders,
        matrix=matrix_wide(framing_matrix(hits, window=window), actors=leaders),
        attributions=find_attributions(tokens, hits, sources),
        names=display_names(actors_lexicon) if actors_lexicon is not None else {},
        source_glosses=dict(zip(table["term"], table["gloss"])) if "gloss" in table else {},
    )

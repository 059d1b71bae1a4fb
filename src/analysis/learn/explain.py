"""Why the model flagged a hit: the features that pushed each model hit up most.

:func:`explain_hits` gives, for every ``model`` row of a hits table, the few
features with the largest contribution (weight × value, summed over the hit's
words) to each part of the model that is linear in its features: the logistic
model's *loaded* logit and the CRF's evidence for Loaded Language against none
(:meth:`analysis.learn.model.Tagger.explain`), as a table and as one readable line
(``why``) that :func:`analysis.kwic.keyword_in_context` shows beside the hit and
:func:`analysis.kwic.kwic_html` as a tooltip.  Within a part the contributions (and
the logistic intercept) add up to the word's score, so nothing of that part is
hidden: a feature's number is how far it moved the log-odds.  The window networks'
part is not broken down (``Tagger.part_weights()`` says how much each part weighs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .features import token_feature_dicts, word_tokens

if TYPE_CHECKING:
    from .distributional import WordFeatures
    from .model import Tagger

EXPLAIN_COLUMNS = (
    "doc_id", "start", "end", "part", "rank", "feature", "description", "value", "weight", "contribution",
)  # fmt: skip
#: How a part is named in a ``why`` line.
PART_NAMES = {"linear": "logistic", "crf": "CRF"}

#: Whose feature it is, by the block before the colon (see :data:`analysis.learn.features.TYPE_BLOCKS`).
_WHOSE = {"0": "the word", "-1": "the word before", "+1": "the word after", "-2": "two words before",
          "+2": "two words after"}  # fmt: skip
# "The model's lexicon": the lexicons frozen into the model at training, not the researcher's own,
# so a word "part of a term" need not be a dictionary hit of their hits.csv.
_FLAGS = {
    "quoted": "inside quoted speech",
    "sent_first": "first word of its sentence",
    "sent_last": "last word of its sentence",
    "dict_term": "part of a term of the model's lexicon",
    "dict_near": "next to a term of the model's lexicon",
    "actor": "part of an actor name of the model's lexicon",
}
_NAME = re.compile(r"(?P<block>[^:]+):(?P<kind>[a-z]+)(?P<number>\d*)(?:=(?P<value>.*))?\Z", re.DOTALL)


def explain_hits(
    tagger: Tagger, hits: pd.DataFrame, documents: pd.DataFrame, *, top: int = 3, parts: Sequence[str] | None = None
) -> pd.DataFrame:
    """The ``top`` features behind each model hit, for each explained part of the model.

    Parameters
    ----------
    tagger : Tagger
        The model that produced the hits (:func:`analysis.learn.load_default_tagger`).
    hits : pandas.DataFrame
        A hits table; only rows of ``kind`` ``model`` are explained.
    documents : pandas.DataFrame
        With ``doc_id`` and ``text`` (the texts the hits' offsets refer to).
    top : int, optional
        Features per hit and part (the intercept is left out: it is the same for every word).
    parts : sequence of {"linear", "crf"}, optional
        The parts to break down (:meth:`~analysis.learn.model.Tagger.explain`); by default every
        part the model has (:meth:`~analysis.learn.model.Tagger.explained_parts`: the CRF,
        then the logistic model, for the shipped design).

    Returns
    -------
    pandas.DataFrame
        :data:`EXPLAIN_COLUMNS`, one row per hit, part and feature (in the order of ``parts``),
        ``rank`` 1 the largest contribution; empty when there are no model hits.

    Raises
    ------
    ValueError
        For a part the model does not have, or no part (``parts=[]``).
    """
    # Each part once (a repeated part would list its features twice); none is a mistake, not an empty table.
    chosen = tuple(dict.fromkeys(parts)) if parts is not None else tagger.explained_parts()
    if not chosen:
        raise ValueError(f"parts is empty: name the parts to explain ({tagger.explained_parts()} for this model), "
                         "or leave parts=None for all of them")  # fmt: skip
    for part in chosen:
        tagger.explained_weights(part)  # a part the model lacks is refused before any work
    model_hits = hits[hits["kind"] == "model"]
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str)))
    rows = []
    for doc_id, group in model_hits.groupby(model_hits["doc_id"].astype(str), sort=False):
        doc = word_tokens(tagger.counter, doc_id, texts[doc_id])
        every = token_feature_dicts(doc, tagger.featurizer)
        for start, end in zip(group["start"], group["end"]):
            for part in chosen:
                table = tagger.explain_tokens(doc, every, int(start), int(end), top=top + 1, part=part)
                table = table[table["feature"] != "(intercept)"].head(top)
                for rank, row in enumerate(table.itertuples(index=False), start=1):
                    rows.append((doc_id, int(start), int(end), part, rank, row.feature,
                                 describe_feature(row.feature, tagger.words), float(row.value), float(row.weight),
                                 round(float(row.contribution), 4)))  # fmt: skip
    return pd.DataFrame(rows, columns=list(EXPLAIN_COLUMNS))


def describe_feature(name: str, words: WordFeatures | None = None) -> str:
    """A feature name of the tagger in plain words, for a reader who does not know the names.

    Parameters
    ----------
    name : str
        A feature name, ``<block>:<kind>=<value>`` (``0:core=احتلال``, ``+1:c64=12``,
        ``t:dict_term``; see :mod:`analysis.learn.features`), or ``(intercept)``.
    words : WordFeatures, optional
        The tagger's distributional resource (``tagger.words``): a word cluster is then
        shown with its three most frequent members.

    Returns
    -------
    str
        The description; a name of unknown form is returned as it is.

    Examples
    --------
    >>> describe_feature("-1:w=قوات")
    'the word before is «قوات»'
    >>> describe_feature("0:g3=<ال")
    'the word (clitics stripped) begins with «ال»'
    >>> describe_feature("t:dict_term"), describe_feature("t:pos=0")
    ("part of a term of the model's lexicon", 'in the first quarter of its sentence')
    """
    if name.startswith("t:"):  # a token flag
        flag, _, value = name[2:].partition("=")
        if flag == "pos" and value in ("0", "1", "2", "3"):
            return f"in the {('first', 'second', 'third', 'last')[int(value)]} quarter of its sentence"
        if flag == "dict_cat":
            return f"part of a term of the model's lexicon, category «{value}»"
        return _FLAGS.get(flag, name)
    found = _NAME.match(name)
    whose = _WHOSE.get(found["block"]) if found else None
    if found is None or whose is None:
        return name
    return _describe_type_feature(whose, found["kind"], found["number"], found["value"], name, words)


def _describe_type_feature(whose: str, kind: str, number: str, value: str | None, name: str,
                           words: WordFeatures | None) -> str:  # fmt: skip
    """:func:`describe_feature` of a word's own feature (``whose``: the word or a neighbour)."""
    if kind == "v" and number and value is None:
        top = _dimension_top(words, int(number)) if words is not None else ()
        like = f" (highest for words like {'، '.join(top)})" if top else ""
        return f"dimension {number} of {whose}'s distributional vector{like}"
    if value is None:
        return name
    if kind == "w":
        return f"{whose} is «{value}»"
    if kind == "core":
        return f"{whose} without its clitics is «{value}»"
    if kind == "g":
        gram = value.strip("<>")
        where = ("is" if value.startswith("<") and value.endswith(">") else "begins with" if value.startswith("<")
                 else "ends with" if value.endswith(">") else "contains")  # fmt: skip
        return f"{whose} (clitics stripped) {where} «{gram}»"
    if kind == "s":
        return f"{whose} (clitics stripped) ends in «{value}»"
    if kind == "p":
        return f"{whose} begins with «{value}»"
    if kind == "len":
        return f"{whose} (clitics stripped) has {value}{' or more' if value == '8' else ''} letters"
    if kind == "clitic":
        before, _, after = value.partition("+")
        return f"{whose} carries the clitics «{before or '-'}» + «{after or '-'}»"
    if kind == "shape":
        return f"{whose} contains {'a digit' if value == 'number' else 'Latin letters'}"
    if kind == "vec":
        return (f"{whose} has no distributional vector" if value == "unk" else
                f"{whose} borrows the vector of a similar frequent word")  # fmt: skip
    if kind == "c" and number:
        if value == "unk":
            return f"{whose} has no word cluster (no vector)"
        members = _cluster_members(words, int(number), int(value)) if words is not None and value.isdigit() else ()
        like = f" (words like {'، '.join(members)})" if members else ""
        return f"{whose} is in word cluster {value} of {number}{like}"
    return name


def _cluster_members(words: WordFeatures, granularity: int, cluster: int, n: int = 3) -> tuple[str, ...]:
    """The ``n`` most frequent words of a cluster (the resource lists words by frequency)."""
    if granularity not in words.granularities:
        return ()
    key = (words.sha256 or str(id(words)), granularity)
    if key not in _MEMBERS:
        _MEMBERS[key] = _members_table(words, granularity)
    return _MEMBERS[key].get(cluster, ())[:n]


#: Computed once per resource (a resource file is named by its SHA-256): cluster members per (resource,
#: granularity), and the words highest on a vector dimension per (resource, dimension).
_MEMBERS: dict[tuple[str, int], dict[int, tuple[str, ...]]] = {}
_DIMENSION_TOP: dict[tuple[str, int], tuple[str, ...]] = {}


def _dimension_top(words: WordFeatures, dimension: int, n: int = 3) -> tuple[str, ...]:
    """The ``n`` words with the highest value on one dimension of the vectors (what the dimension stands for)."""
    if not 0 <= dimension < words.vectors.shape[1]:
        return ()
    key = (words.sha256 or str(id(words)), dimension)
    if key not in _DIMENSION_TOP:
        by_row = {row: word for word, row in words.index.items()}
        # highest first, ties (the vectors have 3 decimals) to the more frequent word
        best = [int(row) for row in np.argsort(-words.vectors[:, dimension], kind="stable")[: 10 * n]]
        _DIMENSION_TOP[key] = tuple(by_row[row] for row in best if row in by_row)
    return _DIMENSION_TOP[key][:n]


def _members_table(words: WordFeatures, granularity: int) -> dict[int, tuple[str, ...]]:
    """Every cluster's words at one granularity, most frequent first."""
    column = words.granularities.index(granularity)
    members: dict[int, list[str]] = {}
    for word, row in words.index.items():
        members.setdefault(int(words.clusters[row, column]), []).append(word)
    return {cluster: tuple(sorted(found, key=words.index.__getitem__)) for cluster, found in members.items()}


def why_lines(explained: pd.DataFrame) -> pd.DataFrame:
    """One line per hit from :func:`explain_hits`: ``part: description +contribution; ... | part: ...``.

    Parameters
    ----------
    explained : pandas.DataFrame
        From :func:`explain_hits` (a table without a ``part`` column gives lines without the
        part's name).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, why``; the parts in the order of ``explained``.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["d"] * 3, "start": [0] * 3, "end": [4] * 3, "part": ["crf", "crf", "linear"],
    ...                       "rank": [1, 2, 1], "feature": ["t:dict_term", "0:g3=حتل", "t:dict_term"],
    ...                       "contribution": [2.5, 0.75, 1.5]})
    >>> table["description"] = table["feature"].map(describe_feature)
    >>> why_lines(table)["why"][0]
    "CRF: part of a term of the model's lexicon +2.50; the word (clitics stripped) contains «حتل» +0.75 | logistic: part of a term of the model's lexicon +1.50"
    """
    if explained.empty:
        return pd.DataFrame(columns=["doc_id", "start", "end", "why"])
    hit = ["doc_id", "start", "end"]
    table = explained.assign(part=explained["part"] if "part" in explained.columns else "")
    table["part_order"] = table.groupby(hit, sort=False)["part"].transform(lambda p: pd.factorize(p)[0])
    ordered = table.sort_values([*hit, "part_order", "rank"], kind="stable")
    text = ordered["description"] + " " + ordered["contribution"].map("{:+.2f}".format)
    keys = [ordered[column] for column in (*hit, "part")]
    per_part = text.groupby(keys, sort=False).agg("; ".join).rename("why").reset_index()
    named = per_part["part"].map(PART_NAMES).fillna(per_part["part"])
    per_part["why"] = (named + ": ").where(named != "", "") + per_part["why"]
    lines = per_part.groupby(hit, sort=False)["why"].agg(" | ".join)
    return lines.reset_index()

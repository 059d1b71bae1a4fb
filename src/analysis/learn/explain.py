"""Why the model flagged a hit: the features that pushed each model hit up most.

:func:`explain_hits` gives, for every ``model`` row of a hits table, the few
features with the largest contribution (weight × value, summed over the hit's
words) to the *loaded* logit, as a table and as one readable line (``why``) that
:func:`analysis.kwic.keyword_in_context` shows beside the hit and
:func:`analysis.kwic.kwic_html` as a tooltip.  The contributions and the
intercept add up to the logit of each word, so nothing is hidden: a feature's
number is how far it moved the log-odds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .features import token_feature_dicts, word_tokens

if TYPE_CHECKING:
    from .model import Tagger

EXPLAIN_COLUMNS = ("doc_id", "start", "end", "rank", "feature", "value", "weight", "contribution")


def explain_hits(tagger: Tagger, hits: pd.DataFrame, documents: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` features behind each model hit.

    Parameters
    ----------
    tagger : Tagger
        The model that produced the hits (:func:`analysis.learn.load_default_tagger`).
    hits : pandas.DataFrame
        A hits table; only rows of ``kind`` ``model`` are explained.
    documents : pandas.DataFrame
        With ``doc_id`` and ``text`` (the texts the hits' offsets refer to).
    top : int, optional
        Features per hit (the intercept is left out: it is the same for every word).

    Returns
    -------
    pandas.DataFrame
        :data:`EXPLAIN_COLUMNS`, one row per hit and feature, ``rank`` 1 the largest
        contribution; empty when there are no model hits.
    """
    model_hits = hits[hits["kind"] == "model"]
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str)))
    rows = []
    for doc_id, group in model_hits.groupby(model_hits["doc_id"].astype(str), sort=False):
        doc = word_tokens(tagger.counter, doc_id, texts[doc_id])
        every = token_feature_dicts(doc, tagger.featurizer)
        for start, end in zip(group["start"], group["end"]):
            table = tagger.explain_tokens(doc, every, int(start), int(end), top=top + 1)
            table = table[table["feature"] != "(intercept)"].head(top)
            for rank, row in enumerate(table.itertuples(index=False), start=1):
                rows.append((doc_id, int(start), int(end), rank, row.feature, float(row.value),
                             float(row.weight), round(float(row.contribution), 4)))  # fmt: skip
    return pd.DataFrame(rows, columns=list(EXPLAIN_COLUMNS))


def why_lines(explained: pd.DataFrame) -> pd.DataFrame:
    """One line per hit from :func:`explain_hits`: ``feature +contribution; ...``.

    Parameters
    ----------
    explained : pandas.DataFrame
        From :func:`explain_hits`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, why``.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 0], "end": [4, 4], "rank": [1, 2],
    ...                       "feature": ["t:dict_term", "0:g3=حتل"], "contribution": [1.5, 0.25]})
    >>> why_lines(table)["why"][0]
    't:dict_term +1.50; 0:g3=حتل +0.25'
    """
    if explained.empty:
        return pd.DataFrame(columns=["doc_id", "start", "end", "why"])
    ordered = explained.sort_values(["doc_id", "start", "end", "rank"])
    text = ordered["feature"] + " " + ordered["contribution"].map("{:+.2f}".format)
    lines = text.groupby([ordered["doc_id"], ordered["start"], ordered["end"]], sort=False).agg("; ".join)
    return lines.rename("why").reset_index()

"""Identify hits and draw a stratified, seeded random sample of them to code."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..tables import require_columns


def hit_id_parts(hit_id: str) -> tuple[str, int | None, int | None, str]:
    """``doc_id, start, end, kind`` of a :func:`hit_ids` identifier; ``None`` offsets when it has none.

    Examples
    --------
    >>> hit_id_parts("libya_2019:120-128:term"), hit_id_parts("x:model")
    (('libya_2019', 120, 128, 'term'), ('x', None, None, 'model'))
    """
    head, _, kind = hit_id.rpartition(":")
    doc_id, _, offsets = head.rpartition(":") if head.count(":") else ("", "", "")
    start, _, end = offsets.partition("-")
    if not (doc_id and start.isdigit() and end.isdigit()):
        return head, None, None, kind
    return doc_id, int(start), int(end), kind


def hit_ids(hits: pd.DataFrame) -> pd.Series:
    """A stable, human-readable identifier for each hit.

    The id is ``f"{doc_id}:{start}-{end}:{kind}"``, e.g.
    ``libya_2019:120-128:term``: the document, the character offsets of the
    hit in its text and whether it is an actor or a term.  It depends only on
    the hit itself, not on its row in the table or on the lexicon file, so it
    is the same in every run over the same text, and ``text[start:end]``
    recovers the words coded.  Within one kind hits never overlap (longest
    match), so the id is unique; a table where it is not (e.g. two results
    concatenated) is refused.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (``doc_id, kind, start, end``).

    Returns
    -------
    pandas.Series
        Strings named ``hit_id``, with the index of ``hits``.

    Raises
    ------
    ValueError
        If two rows get the same id.
    """
    require_columns(hits.columns, ("doc_id", "kind", "start", "end"), "hits")
    ids = pd.Series(
        [f"{d}:{int(s)}-{int(e)}:{k}" for d, s, e, k in zip(hits["doc_id"], hits["start"], hits["end"], hits["kind"])],
        index=hits.index, name="hit_id", dtype=object,
    )  # fmt: skip
    duplicated = ids[ids.duplicated(keep=False)]
    if not duplicated.empty:
        raise ValueError(f"hit ids are not unique (the same hit twice?): {sorted(set(duplicated))[:5]}")
    return ids


def _stratum_seed(seed: int, key: tuple) -> np.random.Generator:
    # Each stratum gets its own stream derived from the seed and the stratum's
    # value, so adding a term to the lexicon (a new stratum) does not change
    # the sample of any other term.  sha256, not hash(): str hashes are salted
    # per process.
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode("utf-8")).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "big")])


def sample_hits(
    hits: pd.DataFrame,
    *,
    by: str | Sequence[str] = "label",
    per_stratum: int = 20,
    seed: int = 0,
    kind: str | None = "term",
) -> pd.DataFrame:
    """A stratified random sample of hits, the same for the same seed.

    Hits are grouped by ``by`` (each term, by default); from each group
    ``per_stratum`` hits are drawn at random without replacement, or all of
    them when the group has no more.  Stratifying by term gives rare terms as
    many coded examples as frequent ones, which is what a per-term precision
    needs (a simple random sample would be almost all the frequent terms).

    Reproducible: the hits of each stratum are first put in document order
    (``doc_id, start, end, kind``), so the sample does not depend on the row
    order of ``hits``, and each stratum draws from its own generator seeded
    with ``seed`` and the stratum's value, so it does not depend on the other
    strata either.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    by : str or sequence of str, optional
        Column(s) defining the strata, e.g. ``"label"`` or ``["label", "quoted"]``.
    per_stratum : int, optional
        Hits drawn from each stratum (at least 1).
    seed : int, optional
        Non-negative random seed.
    kind : {"term", "actor", None}, optional
        Sample only loaded terms, only actor mentions, or both (``None``).

    Returns
    -------
    pandas.DataFrame
        The sampled rows of ``hits`` (same columns), ordered by stratum, then
        in document order; a new index.
    """
    columns = [by] if isinstance(by, str) else list(by)
    require_columns(hits.columns, [*columns, "doc_id", "kind", "start", "end"], "hits")
    if per_stratum < 1:
        raise ValueError(f"per_stratum must be at least 1, got {per_stratum}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    if kind not in ("term", "actor", None):
        raise ValueError(f"kind must be 'term', 'actor' or None, got {kind!r}")
    pool = hits if kind is None else hits[hits["kind"] == kind]
    order = ["doc_id", "start", "end", "kind"]
    pool = pool.sort_values([*columns, *order], kind="stable")
    chosen: list[np.ndarray] = []
    for key, stratum in pool.groupby(columns, sort=True, dropna=False):
        positions = np.arange(len(stratum))
        if len(stratum) > per_stratum:
            rng = _stratum_seed(seed, key if isinstance(key, tuple) else (key,))
            positions = np.sort(rng.choice(len(stratum), size=per_stratum, replace=False))
        chosen.append(stratum.index.to_numpy()[positions])
    index = np.concatenate(chosen) if chosen else np.array([], dtype=pool.index.dtype)
    return pool.loc[index].reset_index(drop=True)

"""Closing the loop: what to code next, and what the lexicon may be missing.

* :func:`active_sample` picks model hits for a coding sheet: the spans the model is
  least sure of (score nearest its threshold: coding them teaches it most) plus a
  simple random stratum of the other model hits.  Every row carries its
  ``inclusion_probability`` (1 in the uncertain stratum, ``n / N`` in the random one),
  so :func:`weighted_precision` estimates the precision of *all* model hits without
  the bias of the hand-picked stratum.
* :func:`model_candidates` lists word forms the model scores high and often that no
  lexicon entry covers, each with keyword-in-context lines: candidates for the
  lexicon workbench (:mod:`analysis.workbench` lists it), to be judged, not added blindly.
"""

from __future__ import annotations

import warnings
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..tables import require_columns

if TYPE_CHECKING:
    from ..pipeline import FramingCounter
    from .model import Tagger

SAMPLE_COLUMNS = ("stratum", "inclusion_probability", "weight")


def active_sample(
    hits: pd.DataFrame, threshold: float, *, n_uncertain: int = 20, n_random: int = 20, seed: int = 0
) -> pd.DataFrame:
    """Model hits to code: the most uncertain ones and a random stratum with known inclusion probabilities.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table with model rows (``kind`` ``model``, ``score``); other rows are ignored.
    threshold : float
        The model's threshold (``Tagger.threshold``): a span scored near it is the most uncertain.
    n_uncertain, n_random : int, optional
        Sizes of the two strata (all remaining hits when fewer).
    seed : int, optional
        Random state of the random stratum.

    Returns
    -------
    pandas.DataFrame
        The sampled rows of ``hits`` plus :data:`SAMPLE_COLUMNS`: ``stratum``
        (``uncertain`` or ``random``), ``inclusion_probability`` and ``weight``
        (its inverse), uncertain first (nearest the threshold first), then random in document order.
    """
    require_columns(hits.columns, ("doc_id", "kind", "start", "end", "score"), "hits")
    if n_uncertain < 0 or n_random < 0:
        raise ValueError(f"stratum sizes must be non-negative, got {n_uncertain} and {n_random}")
    pool = hits[hits["kind"] == "model"].sort_values(["doc_id", "start", "end"], kind="stable")
    distance = (pool["score"].astype(float) - threshold).abs()
    uncertain = pool.loc[distance.sort_values(kind="stable").index[:n_uncertain]]
    rest = pool.drop(index=uncertain.index)
    take = min(n_random, len(rest))
    rng = np.random.default_rng(seed)
    random = rest.iloc[np.sort(rng.choice(len(rest), size=take, replace=False))] if take else rest.iloc[:0]
    parts = [uncertain.assign(stratum="uncertain", inclusion_probability=1.0),
             random.assign(stratum="random", inclusion_probability=take / len(rest) if len(rest) else 1.0)]  # fmt: skip
    sample = pd.concat(parts).reset_index(drop=True)
    sample["weight"] = 1.0 / sample["inclusion_probability"]
    return sample


def weighted_precision(sample: pd.DataFrame, correct: pd.Series, *, ci: float = 0.95) -> dict[str, float]:
    """Precision of all model hits from a coded :func:`active_sample` (Horvitz–Thompson).

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`active_sample` (with ``stratum`` and ``weight``).  A sheet that
        also holds other rows (dictionary hits drawn by ``sample_hits`` beside the
        active sample) gives them without a stratum: they are left out, with a
        warning that counts them.
    correct : pandas.Series of bool
        The code of each row (``True`` correct, ``False`` incorrect), aligned with
        ``sample`` (same length and order); missing (unclear, uncoded) rows are
        left out of their stratum.
    ci : float, optional
        Coverage of the interval.

    Returns
    -------
    dict
        ``precision`` (weighted), ``se`` (stratified, with the finite-population
        correction of the random stratum; the uncertain stratum is a census), ``ci_low``
        and ``ci_high`` (the ``ci`` interval: the random stratum's Wilson interval carried
        through the weights, the uncertain stratum as coded; not of zero width when the
        random codes all agree, where ``se`` is 0), ``n_coded``
        (coded rows of the active sample) and ``unweighted`` (their plain share, biased
        towards the uncertain hits).

    Raises
    ------
    ValueError
        If ``sample`` has no ``stratum`` and ``weight`` (not an active sample), no row
        of an active sample, or another length than ``correct``.

    Examples
    --------
    >>> s = pd.DataFrame({"stratum": ["uncertain"] * 2 + ["random"] * 2, "weight": [1.0, 1.0, 4.0, 4.0]})
    >>> weighted_precision(s, pd.Series([False, False, True, True]))["precision"]
    0.8
    """
    sample, correct = _active_rows(sample, correct)
    coded = correct.notna()
    values = correct[coded].astype(float).to_numpy()
    weights = sample.loc[coded, "weight"].to_numpy(dtype=float)
    total = weights.sum()
    if total == 0:
        return {"precision": float("nan"), "se": float("nan"), "ci_low": float("nan"), "ci_high": float("nan"),
                "n_coded": 0, "unweighted": float("nan")}  # fmt: skip
    precision = float((weights * values).sum() / total)
    variance = 0.0
    random = (sample.loc[coded, "stratum"] == "random").to_numpy()
    if random.sum() > 1:
        n, population = int(random.sum()), float(weights[random].sum())
        share = population / total
        fpc = max(0.0, 1 - n / population)
        variance = share**2 * fpc * float(np.var(values[random], ddof=1)) / n
    low, high = _stratified_interval(values, weights, random, ci)
    return {"precision": round(precision, 4), "se": round(float(np.sqrt(variance)), 4), "ci_low": round(low, 4),
            "ci_high": round(high, 4), "n_coded": int(coded.sum()),
            "unweighted": round(float(values.mean()), 4)}  # fmt: skip


def _stratified_interval(values: np.ndarray, weights: np.ndarray, random: np.ndarray, ci: float) -> tuple[float, float]:
    """The weighted precision's interval: the random stratum's Wilson interval, the uncertain stratum as counted.

    The uncertain stratum is a census (no sampling error); the random one is a sample of
    the other hits, whose share gets a Wilson interval (never of zero width, unlike
    ``estimate ± z·se`` when its codes all agree), carried through the weights.
    """
    total = float(weights.sum())
    fixed = float((weights[~random] * values[~random]).sum())
    if not random.any():
        return fixed / total, fixed / total
    n, mass = int(random.sum()), float(weights[random].sum())
    share = float((weights[random] * values[random]).sum()) / mass
    z = NormalDist().inv_cdf(0.5 + ci / 2)
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * float(np.sqrt(share * (1 - share) / n + z * z / (4 * n * n)))
    return (fixed + mass * max(0.0, centre - half)) / total, (fixed + mass * min(1.0, centre + half)) / total


def _active_rows(sample: pd.DataFrame, correct: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """The rows of ``sample`` drawn by :func:`active_sample`, and their codes; other rows left out with a warning.

    Without this, a sheet of dictionary hits and model hits together gave a precision of
    ``nan`` (the dictionary rows have no weight) beside an ``unweighted`` share of all rows.
    """
    missing = [c for c in ("stratum", "weight") if c not in sample.columns]
    if missing:
        raise ValueError(f"the sample has no {missing} column(s): weighted_precision needs the rows of active_sample "
                         "(coded.attrs['sample'] of a sheet saved from one)")  # fmt: skip
    if len(sample) != len(correct):
        raise ValueError(f"the sample has {len(sample)} row(s) but {len(correct)} code(s) were given: give one code "
                         "per row of the sample, in its order")  # fmt: skip
    drawn = (sample["stratum"].notna() & sample["weight"].notna()).to_numpy()
    if not drawn.any():
        raise ValueError("no row of the sample was drawn by active_sample (no stratum): nothing to weigh")
    if not drawn.all():
        warnings.warn(
            f"weighted_precision: {int((~drawn).sum())} of {len(sample)} row(s) were not drawn by active_sample (no "
            "stratum: dictionary hits of the same sheet?) and are left out; the precision is that of the model hits",
            stacklevel=3,
        )  # fmt: skip
    return sample[drawn], correct[drawn]


def model_candidates(
    tagger: Tagger, documents: pd.DataFrame, *, counter: FramingCounter | None = None, min_count: int = 3,
    top: int = 30, examples: int = 3, width: int = 40,
) -> pd.DataFrame:  # fmt: skip
    """Word forms the model scores high and often that no lexicon entry covers.

    Parameters
    ----------
    tagger : Tagger
        The model.
    documents : pandas.DataFrame
        With ``doc_id`` and ``text``.
    counter : FramingCounter, optional
        Whose lexicon counts as covering a word (any actor or term hit over it); the
        bundled lexicons by default.
    min_count : int, optional
        Occurrences (not covered by the lexicon) a form needs.
    top : int, optional
        Forms returned.
    examples : int, optional
        Keyword-in-context lines per form (its first occurrences).
    width : int, optional
        Characters of context.

    Returns
    -------
    pandas.DataFrame
        ``norm`` (the normalized form), ``n`` (uncovered occurrences), ``n_flagged``
        (at or above the model's threshold), ``mean_probability``, ``expected``
        (the sum of probabilities: the ranking), ``surfaces`` (spellings seen) and
        ``kwic`` (lines ``left [hit] right``).  Forms whose mean probability is
        below the threshold are left out.
    """
    from ..kwic import keyword_in_context
    from ..pipeline import FramingCounter
    from ..workbench.corpus_scan import EXAMPLE_SEPARATOR

    counter = counter or FramingCounter()
    tokens = _uncovered_tokens(tagger, documents, counter.compile())
    if tokens.empty:
        return pd.DataFrame(columns=["norm", "n", "n_flagged", "mean_probability", "expected", "surfaces", "kwic"])
    tokens["flagged"] = tokens["probability"] >= tagger.threshold
    table = tokens.groupby("norm").agg(n=("probability", "size"), n_flagged=("flagged", "sum"),
                                       mean_probability=("probability", "mean"), expected=("probability", "sum"),
                                       surfaces=("surface", lambda s: " ".join(sorted(set(s)))))  # fmt: skip
    table = table[(table["n"] >= min_count) & (table["mean_probability"] >= tagger.threshold)]
    table = table.sort_values(["expected", "n"], ascending=False).head(top).reset_index()
    table["mean_probability"] = table["mean_probability"].round(4)
    table["expected"] = table["expected"].round(3)
    shown = tokens[tokens["norm"].isin(table["norm"])].groupby("norm").head(examples)
    kwic = keyword_in_context(shown.assign(kind="model", label="", category="", quoted=False), documents, width=width)
    kwic["norm"] = shown["norm"].to_numpy()
    lines = (kwic["left"] + " [" + kwic["hit"] + "] " + kwic["right"]).groupby(kwic["norm"]).agg(EXAMPLE_SEPARATOR.join)
    table["kwic"] = table["norm"].map(lines)
    return table


def _uncovered_tokens(tagger: Tagger, documents: pd.DataFrame, counter: FramingCounter) -> pd.DataFrame:
    """Word tokens with their probability, those inside a lexicon hit left out.

    Each document is analysed once: the counter's analysis gives the lexicon hits
    and, when its lexicons are the tagger's (and it adds no model hits, which
    would become features), the tagger's word tokens too; otherwise the tagger
    analyses the text with its own lexicons, as :meth:`Tagger.analyse` does.
    """
    from .counting import Shared, shared_analysis, tagger_tokens

    shared = shared_analysis(counter.settings, tagger)
    if counter.settings.model is not None and shared is Shared.ANALYSIS:
        shared = Shared.TOKENS  # its model hits would become features
    frames = []
    for doc_id, text in zip(documents["doc_id"].astype(str), documents["text"].astype(str)):
        analysis = counter.analyze_text(text, doc_id)
        doc = tagger_tokens(tagger, analysis, shared)
        loaded = tagger.analyse_tokens(doc)[1]
        covered = np.zeros(len(doc.start), dtype=bool)
        for hit in analysis.hits:
            covered |= (doc.start < hit.end) & (hit.start < doc.end)
        kept = ~covered
        starts, ends = doc.start[kept], doc.end[kept]
        frames.append(pd.DataFrame({
            "doc_id": doc_id, "start": starts, "end": ends, "surface": [text[s:e] for s, e in zip(starts, ends)],
            "norm": [norm for norm, keep in zip(doc.norm, kept) if keep], "probability": loaded[kept],
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

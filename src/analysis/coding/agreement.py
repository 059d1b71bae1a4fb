"""Precision per term and agreement between coders, from a coded sheet.

Pure functions of the table :func:`~analysis.coding.reading.read_coding_sheet`
returns (any frame with the coding sheet's columns and one column per coder).

References
----------
Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
University of Pennsylvania, Annenberg School for Communication.
https://repository.upenn.edu/asc_papers/43

Wilson, E. B. (1927). Probable inference, the law of succession, and
statistical inference. *Journal of the American Statistical Association*,
22(158), 209-212.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Sequence
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..tables import require_columns
from .codes import PRECISION_COLUMNS, PROGRESS_COLUMNS, _coders_of
from .sampling import hit_ids


def coding_progress(coded: pd.DataFrame, coders: Sequence[str] | None = None) -> pd.DataFrame:
    """How many hits each coder has coded so far.

    Returns
    -------
    pandas.DataFrame
        :data:`PROGRESS_COLUMNS`: per coder, cells coded and cells still empty.
    """
    coders = tuple(coders) if coders is not None else _coders_of(coded)
    rows = [(c, int(coded[c].notna().sum()), int(coded[c].isna().sum())) for c in coders]
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))


def wilson_interval(successes: int, n: int, *, ci: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion.

    With :math:`\\hat p = k/n` and :math:`z` the :math:`1-(1-\\mathrm{ci})/2`
    quantile of the standard normal distribution (1.96 for 95 %),

    .. math::

        \\frac{\\hat p + \\frac{z^2}{2n}}{1 + \\frac{z^2}{n}}
        \\pm \\frac{z}{1 + \\frac{z^2}{n}}
        \\sqrt{\\frac{\\hat p(1-\\hat p)}{n} + \\frac{z^2}{4n^2}}

    Unlike the normal (Wald) interval it stays inside [0, 1] and is not of
    zero width when all 20 sampled hits are correct.

    Returns
    -------
    (float, float)
        Lower and upper bound; ``(nan, nan)`` when ``n == 0``.  The bound at an
        end is exact: 1 when every hit is correct, 0 when none is (the formula
        gives them up to a rounding error: ``0.9999999999999999`` in a table).

    Examples
    --------
    >>> [round(b, 4) for b in wilson_interval(3, 4)]
    [0.3006, 0.9544]
    >>> wilson_interval(7, 7)[1], wilson_interval(0, 7)[0]
    (1.0, 0.0)
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    if n == 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - ci) / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def consensus(coded: pd.DataFrame, coders: Sequence[str] | None = None) -> pd.Series:
    """Each hit's code by strict majority of the coders who coded it.

    A code given by more than half of the non-empty codes of a row wins;
    ties (two coders who disagree) and rows nobody coded are missing.  Such
    rows should be adjudicated: add a column (e.g. ``adjudicated``), fill it
    where the coders disagree, and pass it as ``adjudication=`` to
    :func:`term_precision` (:func:`adjudicated`).
    """
    coders = tuple(coders) if coders is not None else _coders_of(coded)
    require_columns(coded.columns, coders, "the coded sheet")

    def majority(row: pd.Series) -> Any:
        given = [v for v in row if not pd.isna(v)]
        if not given:
            return pd.NA
        code, n = Counter(given).most_common(1)[0]
        return code if 2 * n > len(given) else pd.NA

    return pd.Series(
        pd.array([majority(r) for _, r in coded[list(coders)].iterrows()], dtype="string"),
        index=coded.index, name="consensus",
    )  # fmt: skip


def adjudicated(coded: pd.DataFrame, column: str, coders: Sequence[str] | None = None) -> pd.Series:
    """Each hit's judgment after adjudication: ``column``'s code where it is filled, else the coders' majority.

    An adjudicator settles the rows the coders disagree on (and may overrule
    others); the rows left empty keep the strict majority (:func:`consensus`)
    of the other coders.  Scoring the adjudication column alone would score
    the disputed rows only: 2 ties decided incorrect beside 8 rows both coders
    coded correct gave a precision of 0 instead of 0.8.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet with the coder columns and ``column``.
    column : str
        The adjudication.
    coders : sequence of str, optional
        The coder columns (``column`` is left out of them); those of the sheet by default.

    Returns
    -------
    pandas.Series
        The judgment of every row (missing where the adjudication is empty and
        the coders tie or did not code).

    Examples
    --------
    >>> sheet = pd.DataFrame({"coder_1": ["correct", "correct", "incorrect"],
    ...                       "coder_2": ["correct", "incorrect", "incorrect"],
    ...                       "adjudicated": [pd.NA, "incorrect", pd.NA]})
    >>> adjudicated(sheet, "adjudicated", ["coder_1", "coder_2"]).tolist()
    ['correct', 'incorrect', 'incorrect']
    """
    require_columns(coded.columns, (column,), "the coded sheet")
    others = [c for c in (coders if coders is not None else _coders_of(coded)) if c != column]
    decided = coded[column].astype("string")
    return decided.where(decided.notna(), consensus(coded, others)).rename("adjudicated")


def term_precision(
    coded: pd.DataFrame,
    *,
    coder: str | None = None,
    ci: float = 0.95,
    threshold: float = 0.8,
    flag_on: Literal["upper", "estimate"] = "upper",
    min_coded: int = 1,
    correct: str = "correct",
    incorrect: str = "incorrect",
    adjudication: str | None = None,
) -> pd.DataFrame:
    """Precision of each lexicon entry on the coded sample, with an interval and a flag.

    For label *t* with *c* hits coded ``correct`` and *i* coded ``incorrect``,
    precision = *c* / (*c* + *i*), with the Wilson score interval
    (:func:`wilson_interval`).  Hits coded anything else (``unclear``) or not
    coded are left out of the denominator: they say nothing about whether
    the term is right, and counting them as wrong would penalise terms whose
    contexts are merely short.  They are counted in ``n_excluded``.

    Rows of a model-hit sample drawn by :func:`analysis.learn.active_sample`
    (``attrs["sample"]`` gives them a ``stratum``) are left out with a warning:
    their inclusion probabilities differ (the most uncertain spans first), so a
    plain share would understate the model's precision; estimate it with
    :func:`analysis.learn.weighted_precision`.

    The judgment of a hit is ``coder``'s code, or with ``coder=None`` the
    strict-majority :func:`consensus` of all coder columns (a disagreement
    between two coders is excluded until adjudicated).

    A term is flagged for revision when the upper bound of its interval is
    below ``threshold`` (``flag_on="upper"``): even the most favourable
    precision compatible with the sample is too low, so a flag is not the
    noise of 20 coded hits.  ``flag_on="estimate"`` flags when the point
    estimate is below ``threshold`` (more flags, more false alarms).  A term
    with no ``correct``/``incorrect`` code has no precision and its flag is
    missing; so is the flag of a term with fewer than ``min_coded`` coded
    hits (its precision is shown, but one or two hits are too few to revise a
    term on: a single incorrect hit has a Wilson upper bound of 0.79).

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`read_coding_sheet` (``label, category`` and coder columns).
    coder : str, optional
        The coder column to use; default the consensus.
    adjudication : str, optional
        An adjudication column: its code where filled, the consensus of the
        other coders elsewhere (:func:`adjudicated`); not with ``coder``.
    ci : float, optional
        Coverage of the interval.
    threshold : float, optional
        Precision a term should reach.
    flag_on : {"upper", "estimate"}, optional
        The flag rule (see above).
    min_coded : int, optional
        Coded hits (``n_coded``) a term needs before it is flagged or cleared;
        below it the flag is missing.  The default 1 judges every coded term.
    correct, incorrect : str, optional
        The codes counted as a true and a false hit.

    Returns
    -------
    pandas.DataFrame
        :data:`PRECISION_COLUMNS`, one row per label, lowest precision first
        (labels without a precision last).  ``n_sampled`` = rows of the
        label, ``n_coded`` = *c* + *i*.
    """
    if flag_on not in ("upper", "estimate"):
        raise ValueError(f"flag_on must be 'upper' or 'estimate', got {flag_on!r}")
    if min_coded < 1:
        raise ValueError(f"min_coded must be 1 or more, got {min_coded!r}")
    require_columns(coded.columns, ("label", "category"), "the coded sheet")
    coded = _without_active_sample(coded)
    if coder is not None and adjudication is not None:
        raise ValueError(
            "give coder= (one coder's judgment) or adjudication= (an adjudication over the coders), not both"
        )
    if adjudication is not None:
        judgment = adjudicated(coded, adjudication)
    elif coder is not None:
        require_columns(coded.columns, (coder,), "the coded sheet")
        judgment = coded[coder]
    else:
        judgment = consensus(coded)
    rows = []
    for (label, category), codes in judgment.groupby([coded["label"], coded["category"]], sort=True):
        n_correct = int((codes == correct).sum())
        n_incorrect = int((codes == incorrect).sum())
        n = n_correct + n_incorrect
        low, high = wilson_interval(n_correct, n, ci=ci)
        precision = n_correct / n if n else math.nan
        if n < min_coded:  # n == 0 included: no precision, or too few hits to judge the term
            flag: Any = pd.NA
        else:
            flag = bool((high if flag_on == "upper" else precision) < threshold)
        rows.append((label, category, len(codes), n_correct, n_incorrect, len(codes) - n, n, precision, low, high,
                     flag))  # fmt: skip
    table = pd.DataFrame(rows, columns=list(PRECISION_COLUMNS))
    table["flag"] = table["flag"].astype("boolean")
    return table.sort_values(["precision", "label"], na_position="last", kind="stable").reset_index(drop=True)


def _without_active_sample(coded: pd.DataFrame) -> pd.DataFrame:
    """``coded`` without the rows its saved sample says :func:`analysis.learn.active_sample` drew, with a warning."""
    sample = coded.attrs.get("sample")
    if not isinstance(sample, pd.DataFrame) or "stratum" not in sample.columns or "hit_id" not in coded.columns:
        return coded
    # Matched by hit_id, not by position: the table may be a selection of the sheet's rows.
    drawn = set(hit_ids(sample)[sample["stratum"].notna().to_numpy()])
    active = coded["hit_id"].astype(str).isin(drawn)
    if active.any():
        warnings.warn(
            f"term_precision: {int(active.sum())} row(s) are model hits drawn by active_sample (unequal inclusion "
            "probabilities: the most uncertain spans first) and are left out, as their plain share would be biased; "
            "estimate their precision with analysis.learn.weighted_precision",
            stacklevel=3,
        )  # fmt: skip
    return coded[~active]


def cohens_kappa(coded: pd.DataFrame, coder_a: str, coder_b: str) -> float:
    """Cohen's kappa between two coders, over the hits both coded.

    .. math::

        \\kappa = \\frac{p_o - p_e}{1 - p_e}, \\qquad
        p_e = \\sum_k p_{a,k}\\, p_{b,k}

    where :math:`p_o` is the share of hits given the same code and
    :math:`p_{a,k}`, :math:`p_{b,k}` the shares of code *k* given by each
    coder, all over the hits both coded (rows where either is empty are
    skipped).

    Returns
    -------
    float
        Kappa; ``nan`` when no hit was coded by both or when :math:`p_e = 1`
        (both coders gave one and the same code to everything: agreement
        cannot be told from chance).
    """
    require_columns(coded.columns, (coder_a, coder_b), "the coded sheet")
    pair = coded[[coder_a, coder_b]].dropna()
    if pair.empty:
        return math.nan
    a, b = pair[coder_a].astype(str), pair[coder_b].astype(str)
    p_o = float((a.to_numpy() == b.to_numpy()).mean())
    share_a, share_b = a.value_counts(normalize=True), b.value_counts(normalize=True)
    p_e = float(sum(share_a[k] * share_b.get(k, 0.0) for k in share_a.index))
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def kappa_interval(
    coded: pd.DataFrame, coder_a: str, coder_b: str, *, ci: float = 0.95, n_boot: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """A percentile bootstrap interval of :func:`cohens_kappa`, resampling the hits both coders coded.

    The hits are drawn with replacement ``n_boot`` times (``numpy.random.default_rng(seed)``)
    and kappa is computed on each resample; the interval is the ``(1 - ci) / 2`` and
    ``(1 + ci) / 2`` percentiles of those kappas (resamples where kappa is undefined, every
    code one and the same, are left out): the kind of interval docs/validation.md gives
    with its kappas (there resampled within strata).

    Returns
    -------
    tuple of float
        ``(low, high)``; ``(nan, nan)`` when no hit was coded by both or no resample
        has a kappa.

    Examples
    --------
    >>> t = pd.DataFrame({"a": ["correct"] * 8 + ["incorrect"] * 2, "b": ["correct"] * 7 + ["incorrect"] * 3})
    >>> low, high = kappa_interval(t, "a", "b", n_boot=500)
    >>> bool(low < cohens_kappa(t, "a", "b") <= high <= 1.0)
    True
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci!r}")
    if n_boot < 1:
        raise ValueError(f"n_boot must be 1 or more, got {n_boot!r}")
    require_columns(coded.columns, (coder_a, coder_b), "the coded sheet")
    # Plain arrays: a read sheet's attrs hold its sample (a DataFrame), which pandas fails to compare when an
    # operation concatenates columns (astype on a frame).
    both = (coded[coder_a].notna() & coded[coder_b].notna()).to_numpy()
    first = [str(v) for v in coded[coder_a].to_numpy(dtype=object)[both]]
    second = [str(v) for v in coded[coder_b].to_numpy(dtype=object)[both]]
    if not first:
        return math.nan, math.nan
    labels = sorted(set(first) | set(second))
    a = np.array([labels.index(v) for v in first])
    b = np.array([labels.index(v) for v in second])
    rows = np.random.default_rng(seed).integers(0, len(a), size=(n_boot, len(a)))
    kappas = np.array([_kappa_codes(a[r], b[r], len(labels)) for r in rows])
    kappas = kappas[~np.isnan(kappas)]
    if not len(kappas):
        return math.nan, math.nan
    low, high = np.percentile(kappas, [100 * (1 - ci) / 2, 100 * (1 + ci) / 2])
    return float(low), float(high)


def _kappa_codes(a: np.ndarray, b: np.ndarray, n_labels: int) -> float:
    """Cohen's kappa of two arrays of code numbers (``nan`` when chance agreement is 1), as :func:`cohens_kappa`."""
    p_o = float((a == b).mean())
    p_e = float((np.bincount(a, minlength=n_labels) * np.bincount(b, minlength=n_labels)).sum()) / len(a) ** 2
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def krippendorff_alpha(
    coded: pd.DataFrame,
    coders: Sequence[str],
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> float:
    """Krippendorff's alpha over any number of coders, with missing codes.

    Each row is a unit, each coder column an observer; empty cells are
    missing.  With :math:`m_u` the number of values in unit *u*, units with
    :math:`m_u < 2` are not pairable and are left out.  The coincidence
    matrix counts every ordered pair of values within a unit:

    .. math::

        o_{ck} = \\sum_u \\frac{\\text{number of } (c, k) \\text{ pairs in } u}{m_u - 1},
        \\qquad n_c = \\sum_k o_{ck}, \\qquad n = \\sum_c n_c

    and

    .. math::

        \\alpha = 1 - \\frac{D_o}{D_e}, \\qquad
        D_o = \\frac{1}{n} \\sum_{c,k} o_{ck}\\, \\delta^2_{ck}, \\qquad
        D_e = \\frac{1}{n(n-1)} \\sum_{c,k} n_c\\, n_k\\, \\delta^2_{ck}

    with the difference function of the level of measurement:
    nominal :math:`\\delta^2_{ck} = [c \\ne k]`; ordinal
    :math:`\\delta^2_{ck} = (\\sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2` over the
    values in sorted order; interval :math:`(c - k)^2`; ratio
    :math:`((c - k)/(c + k))^2`.  Levels other than nominal need numeric
    codes (Krippendorff 2011).

    Returns
    -------
    float
        Alpha; ``nan`` when there are no pairable values or no variation
        (:math:`D_e = 0`).
    """
    coders = list(coders)
    require_columns(coded.columns, coders, "the coded sheet")
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise ValueError(f"level must be nominal, ordinal, interval or ratio, got {level!r}")
    units = [[v for v in row if not pd.isna(v)] for row in coded[coders].itertuples(index=False)]
    units = [u for u in units if len(u) >= 2]
    if not units:
        return math.nan
    if level != "nominal":
        try:
            units = [[float(v) for v in u] for u in units]
        except (TypeError, ValueError):
            raise ValueError(f"{level} alpha needs numeric codes") from None
    values = sorted({v for u in units for v in u}, key=lambda v: (str(type(v)), v))
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in units:
        counts = np.zeros(len(values))
        for v in unit:
            counts[index[v]] += 1
        o += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if level == "nominal":
        delta2 = 1.0 - np.eye(len(values))
    elif level == "ordinal":
        cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
        i, k = np.meshgrid(np.arange(len(values)), np.arange(len(values)), indexing="ij")
        lo, hi = np.minimum(i, k), np.maximum(i, k)
        delta2 = (cumulative[hi + 1] - cumulative[lo] - (n_c[i] + n_c[k]) / 2) ** 2
    else:
        x = np.asarray(values, dtype=float)
        diff = x[:, None] - x[None, :]
        if level == "interval":
            delta2 = diff**2
        else:
            total = x[:, None] + x[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                delta2 = np.where(total == 0, 0.0, (diff / total) ** 2)
    d_o = (o * delta2).sum() / n
    d_e = (np.outer(n_c, n_c) * delta2).sum() / (n * (n - 1))
    if d_e == 0:
        return math.nan
    return float(1 - d_o / d_e)

"""Closing the loop: what to code next, and what the lexicon may be missing.

* :func:`active_sample` picks model hits for a coding sheet: the spans the model is
  least sure of (score nearest its threshold: coding them teaches it most) plus a
  simple random stratum of the other model hits.  Every row carries its
  ``inclusion_probability`` (1 in the uncertain stratum, ``n / N`` in the random one),
  so :func:`weighted_precision` estimates the precision of *all* model hits without
  the bias of the hand-picked stratum.  Optionally a third stratum of *near misses*
  (:func:`near_miss_spans`: the highest-scored spans just below the threshold, which the
  model did not flag) shows coders what the model missed; :func:`near_miss_recall`
  turns their codes into the share of loaded language among them and an upper bound of
  the model's recall.
* :func:`model_candidates` lists word forms the model scores high and often that no
  lexicon entry covers, each with keyword-in-context lines: candidates for the
  lexicon workbench (:mod:`analysis.workbench` lists it), to be judged, not added blindly.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..tables import require_columns

if TYPE_CHECKING:
    from ..pipeline import DocumentAnalysis, FramingCounter
    from .counting import Shared
    from .model import Tagger

SAMPLE_COLUMNS = ("stratum", "inclusion_probability", "weight")
#: The stratum of :func:`active_sample` holding spans below the threshold (not model hits).
NEAR_MISS = "near_miss"


def active_sample(
    hits: pd.DataFrame,
    threshold: float,
    *,
    n_uncertain: int = 20,
    n_random: int = 20,
    seed: int = 0,
    near_misses: pd.DataFrame | None = None,
    n_near_miss: int = 20,
) -> pd.DataFrame:
    """Model hits to code: the most uncertain ones and a random stratum with known inclusion probabilities.

    A model hit is a span every word of which scored at least ``threshold``: the spans
    the model just missed are not among them, so a sample of hits alone says nothing
    of recall.  Given ``near_misses`` (from :func:`near_miss_spans`), the ``n_near_miss``
    highest-scored of them are added as a third stratum, ``near_miss``.  It is a census
    of the spans scored from its lowest score up to the threshold, so each of its rows
    has inclusion probability 1 within that band; spans scored lower are not sampled
    at all, which is why :func:`near_miss_recall` gives an upper bound of recall, not
    recall.  These rows are not model hits: :func:`weighted_precision` leaves them out.

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
    near_misses : pandas.DataFrame, optional
        Spans below the threshold with a ``score`` (:func:`near_miss_spans`); none by default.
    n_near_miss : int, optional
        Size of the near-miss stratum, when ``near_misses`` is given (all of them when fewer).

    Returns
    -------
    pandas.DataFrame
        The sampled rows of ``hits`` plus :data:`SAMPLE_COLUMNS`: ``stratum``
        (``uncertain``, ``random`` or ``near_miss``), ``inclusion_probability`` and ``weight``
        (its inverse), uncertain first (nearest the threshold first), then random in document
        order, then the near misses (highest score first).

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": "d", "kind": "model", "start": [0, 10, 20], "end": [5, 15, 25],
    ...                      "score": [0.5, 0.3, 0.9]})
    >>> missed = pd.DataFrame({"doc_id": "d", "kind": "model", "start": [30, 40], "end": [35, 45],
    ...                        "score": [0.1, 0.2]})
    >>> sample = active_sample(hits, 0.25, n_uncertain=1, n_random=1, near_misses=missed, n_near_miss=1)
    >>> sample[["start", "stratum", "inclusion_probability"]].values.tolist()
    [[10, 'uncertain', 1.0], [20, 'random', 0.5], [40, 'near_miss', 1.0]]
    """
    require_columns(hits.columns, ("doc_id", "kind", "start", "end", "score"), "hits")
    if n_uncertain < 0 or n_random < 0 or n_near_miss < 0:
        raise ValueError(f"stratum sizes must be non-negative, got {n_uncertain}, {n_random} and {n_near_miss}")
    pool = hits[hits["kind"] == "model"].sort_values(["doc_id", "start", "end"], kind="stable")
    distance = (pool["score"].astype(float) - threshold).abs()
    uncertain = pool.loc[distance.sort_values(kind="stable").index[:n_uncertain]]
    rest = pool.drop(index=uncertain.index)
    take = min(n_random, len(rest))
    rng = np.random.default_rng(seed)
    random = rest.iloc[np.sort(rng.choice(len(rest), size=take, replace=False))] if take else rest.iloc[:0]
    parts = [uncertain.assign(stratum="uncertain", inclusion_probability=1.0),
             random.assign(stratum="random", inclusion_probability=take / len(rest) if len(rest) else 1.0)]  # fmt: skip
    if near_misses is not None:
        parts.append(_near_miss_stratum(near_misses, threshold, n_near_miss))
    sample = pd.concat(parts).reset_index(drop=True)
    sample["weight"] = 1.0 / sample["inclusion_probability"]
    return sample


def _near_miss_stratum(near_misses: pd.DataFrame, threshold: float, n: int) -> pd.DataFrame:
    """The ``n`` highest-scored near misses (ties in document order), a census of their band: probability 1."""
    require_columns(near_misses.columns, ("doc_id", "start", "end", "score"), "near_misses")
    above = near_misses[near_misses["score"].astype(float) >= threshold]
    if not above.empty:
        first = above.iloc[0]
        raise ValueError(f"near_misses holds {len(above)} span(s) scored at or above the threshold {threshold} (first "
                         f"{first['doc_id']}:{first['start']}-{first['end']}, {first['score']}): those are model hits; "
                         "give the spans of near_miss_spans()")  # fmt: skip
    ordered = near_misses.sort_values(["doc_id", "start", "end"], kind="stable")
    top = ordered.loc[ordered["score"].astype(float).sort_values(ascending=False, kind="stable").index[:n]]
    return top.assign(stratum=NEAR_MISS, inclusion_probability=1.0)


def near_miss_spans(
    tagger: Tagger, documents: pd.DataFrame, *, counter: FramingCounter | None = None, floor: float | None = None
) -> pd.DataFrame:
    """Spans the model scored just below its threshold: the candidates for what it missed.

    A model hit is a run of word tokens each scored at least ``tagger.threshold``
    (:func:`analysis.learn.spans.decode_spans`).  A near miss is formed the same way
    from the tokens scored in ``[floor, threshold)``: a run of them with nothing but
    white space between, stopped by a flagged token, so it never overlaps a model hit.
    Its ``score`` is the mean probability of its tokens, as a model hit's is.

    Parameters
    ----------
    tagger : Tagger
        The model.
    documents : pandas.DataFrame
        With ``doc_id`` and ``text`` (the texts the hits were found in).
    counter : FramingCounter, optional
        Whose analysis gives the hits columns (paragraph, sentence, quoted speech); the
        model's own by default.  Its lexicons do not change the scores: the tagger's
        features always come from its own.
    floor : float, optional
        The lowest token probability of a near miss; default half the threshold.

    Returns
    -------
    pandas.DataFrame
        A hits table of kind ``model`` (label the technique, ``entry`` ``near miss``,
        ``score``), in document order.
    """
    from ..pipeline import hits_frame
    from .counting import Shared, shared_analysis

    floor = tagger.threshold / 2 if floor is None else float(floor)
    if not 0 <= floor < tagger.threshold:
        raise ValueError(f"floor must be at least 0 and below the threshold {tagger.threshold}, got {floor}")
    counter = counter or tagger.counter
    shared = shared_analysis(counter.settings, tagger)
    if counter.settings.model is not None and shared is Shared.ANALYSIS:
        shared = Shared.TOKENS  # its model hits would become features
    rows = []
    for doc_id, text in zip(documents["doc_id"].astype(str), documents["text"].astype(str)):
        rows.extend(_near_miss_rows(tagger, counter.analyze_text(text, doc_id), shared, floor))
    return hits_frame(rows, model=True)


def _near_miss_rows(tagger: Tagger, analysis: DocumentAnalysis, shared: Shared, floor: float) -> list:
    """One analysed document's near misses as hits rows, located in its tokens as model hits are."""
    from .counting import spans_as_hits, tagger_tokens
    from .spans import decode_spans

    doc, loaded, name_calling = tagger.analyse_tokens(tagger_tokens(tagger, analysis, shared))
    # Flagged tokens are pushed below the floor: a near miss stops where a model hit starts.
    below = np.where(loaded < tagger.threshold, loaded, -1.0)
    return spans_as_hits(analysis, decode_spans(doc, below, floor, name_calling), "near miss")


def near_miss_recall(sample: pd.DataFrame, correct: pd.Series, *, ci: float = 0.95) -> dict[str, float]:
    """What the coders found among the near misses of a coded :func:`active_sample`, and a bound of recall.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`active_sample` with ``near_misses`` (``stratum``, ``weight``, ``score``).
    correct : pandas.Series of bool
        The code of each row (``True`` correct, ``False`` incorrect, missing otherwise),
        aligned with ``sample``.
    ci : float, optional
        Coverage of the intervals.

    Returns
    -------
    dict
        The columns of :data:`analysis.tables.NEAR_MISSES`: ``n_sampled``, ``n_coded``,
        ``n_correct``, ``share_correct`` with its Wilson interval (``ci_low``, ``ci_high``),
        ``min_score`` (the stratum covers the spans scored from it to the threshold) and
        ``recall_bound``: the estimated true model hits (weighted precision × the hits the
        sample stands for) over themselves plus ``n_correct``.  Misses scored below
        ``min_score`` are not counted, so the model's recall is at most this.

    Raises
    ------
    ValueError
        If the sample has no near-miss stratum.

    Examples
    --------
    >>> s = pd.DataFrame({"stratum": ["uncertain", "random", "random", "near_miss", "near_miss"],
    ...                   "weight": [1.0, 4.0, 4.0, 1.0, 1.0], "score": [0.3, 0.5, 0.6, 0.2, 0.1]})
    >>> result = near_miss_recall(s, pd.Series([True, True, True, True, False]))
    >>> result["n_correct"], result["share_correct"], result["recall_bound"]
    (1, 0.5, 0.9)
    """
    from ..coding import wilson_interval

    require_columns(sample.columns, ("stratum", "weight", "score"), "the sample")
    if len(sample) != len(correct):
        raise ValueError(f"the sample has {len(sample)} row(s) but {len(correct)} code(s) were given: give one code "
                         "per row of the sample, in its order")  # fmt: skip
    near = (sample["stratum"] == NEAR_MISS).to_numpy()
    if not near.any():
        raise ValueError("the sample has no near_miss stratum: draw it with active_sample(near_misses=...)")
    codes = correct[near]
    n_coded, n_correct = int(codes.notna().sum()), int((codes == True).sum())  # noqa: E712 - missing is not True
    low, high = wilson_interval(n_correct, n_coded, ci=ci)
    model = (sample["stratum"].notna() & ~pd.Series(near, index=sample.index)).to_numpy()
    found = float("nan")
    if model.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the near misses are left out of the precision by design
            precision = weighted_precision(sample, correct, ci=ci)["precision"]
        found = precision * float(sample.loc[model, "weight"].sum())
    # Without a coded near miss there is no evidence about misses: no bound rather than a recall of 1.
    recall = found / (found + n_correct) if n_coded and found + n_correct > 0 else float("nan")
    # Not rounded, as term_precision and coder_agreement are not: a table keeps its digits, a printout rounds.
    return {"n_sampled": int(near.sum()), "n_coded": n_coded, "n_correct": n_correct,
            "share_correct": n_correct / n_coded if n_coded else float("nan"),
            "ci_low": low, "ci_high": high, "min_score": float(sample.loc[near, "score"].astype(float).min()),
            "recall_bound": recall}  # fmt: skip


class StratumNotCoded(UserWarning):
    """A stratum of an active sample has no coded row: the weighted precision covers the other strata only."""


def weighted_precision(sample: pd.DataFrame, correct: pd.Series, *, ci: float = 0.95) -> dict[str, float]:
    """Precision of all model hits from a coded :func:`active_sample` (a stratified estimate).

    Each stratum stands for the hits it was drawn from (the sum of its rows'
    weights, the inverse inclusion probabilities): its coded rows' share of
    correct hits is weighed by that number.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`active_sample` (with ``stratum`` and ``weight``).  A sheet that
        also holds other rows (dictionary hits drawn by ``sample_hits`` beside the
        active sample) gives them without a stratum: they are left out, with a
        warning that counts them.  Rows of the ``near_miss`` stratum are spans below the
        threshold, not model hits: they are left out (:func:`near_miss_recall` scores them).
    correct : pandas.Series of bool
        The code of each row (``True`` correct, ``False`` incorrect), aligned with
        ``sample`` (same length and order).  A missing row (not coded yet, or coded
        ``unclear``) is taken to be like the coded rows of its stratum, which still
        stands for all its hits: an assumption for ``unclear`` rows, which may differ
        (count them as incorrect for a lower bound).  A stratum without a coded row
        is left out with a :class:`StratumNotCoded` warning.
    ci : float, optional
        Coverage of the interval.

    Returns
    -------
    dict
        ``precision`` (weighted), ``se`` (stratified, with each stratum's
        finite-population correction: 0 for a stratum whose every hit was drawn and
        coded, a census), ``ci_low`` and ``ci_high`` (the ``ci`` interval: each sampled
        stratum's Wilson interval carried through its weight, a census as coded; not of
        zero width when a sampled stratum's codes all agree, where ``se`` is 0),
        ``n_coded`` (coded rows of the active sample) and ``unweighted`` (their plain
        share, biased towards the uncertain hits).

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
    strata = _coded_strata(sample, correct)
    n_coded = int(sum(len(s.values) for s in strata))
    total = sum(s.size for s in strata if len(s.values))
    if not n_coded or total == 0:
        return {"precision": float("nan"), "se": float("nan"), "ci_low": float("nan"), "ci_high": float("nan"),
                "n_coded": 0, "unweighted": float("nan")}  # fmt: skip
    coded = [s for s in strata if len(s.values)]
    precision = sum(s.size * float(s.values.mean()) for s in coded) / total
    variance = sum((s.size / total) ** 2 * s.sampling_variance() for s in coded)
    low = sum(s.size * s.bounds(ci)[0] for s in coded) / total
    high = sum(s.size * s.bounds(ci)[1] for s in coded) / total
    values = np.concatenate([s.values for s in coded])
    # Not rounded, as term_precision and coder_agreement are not: a table keeps its digits, a printout rounds.
    return {"precision": precision, "se": float(np.sqrt(variance)), "ci_low": float(low), "ci_high": float(high),
            "n_coded": n_coded, "unweighted": float(values.mean())}  # fmt: skip


@dataclass(frozen=True)
class _Stratum:
    """One stratum of a coded active sample: the hits it stands for, the rows drawn, the codes of those coded."""

    name: str
    size: float  # the hits it stands for: the sum of its rows' weights
    rows: int  # rows drawn
    values: np.ndarray  # 1.0 correct, 0.0 incorrect, for the coded rows

    @property
    def census(self) -> bool:
        """Every hit of the stratum drawn and coded: its share is known, with no sampling error."""
        return len(self.values) == self.rows and abs(self.size - self.rows) < 1e-9

    def sampling_variance(self) -> float:
        """The variance of its share: s² / n with the finite-population correction 1 - n / N."""
        n = len(self.values)
        if n < 2 or self.census:
            return 0.0
        fpc = max(0.0, 1 - n / self.size)
        return fpc * float(np.var(self.values, ddof=1)) / n

    def bounds(self, ci: float) -> tuple[float, float]:
        """Its share's interval: as coded for a census, else Wilson's (never of zero width)."""
        from ..coding import wilson_interval

        share = float(self.values.mean())
        if self.census:
            return share, share
        return wilson_interval(int(self.values.sum()), len(self.values), ci=ci)


def _coded_strata(sample: pd.DataFrame, correct: pd.Series) -> list[_Stratum]:
    """The strata of the active rows in order of appearance; a stratum without a coded row is named in a warning.

    A stratum's uncoded rows (a sheet scored half way, an ``unclear`` code) keep their
    weight in its size: dropping it shrank the stratum, so that with half of the random
    rows coded the uncertain hits counted twice as much as they should.
    """
    weights = sample["weight"].astype(float).to_numpy()
    names = sample["stratum"].astype(str).to_numpy()
    coded = correct.notna().to_numpy()
    values = np.array([bool(v) if c else 0.0 for v, c in zip(correct, coded)], dtype=float)
    strata = []
    for name in dict.fromkeys(names):
        mine = names == name
        strata.append(_Stratum(str(name), float(weights[mine].sum()), int(mine.sum()), values[mine & coded]))
    empty = [s for s in strata if not len(s.values)]
    if empty and coded.any():
        listed = ", ".join(f"{s.name} ({s.rows} row(s) standing for {s.size:g} hit(s))" for s in empty)
        warnings.warn(f"weighted_precision: no row of the stratum {listed} is coded: the precision is that of the "
                      "other strata only; code some of its rows", StratumNotCoded, stacklevel=3)  # fmt: skip
    return strata


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
    # Near misses were drawn by active_sample too, but are not model hits: not a precision's rows, no warning.
    near = (sample["stratum"] == NEAR_MISS).to_numpy()
    sample, correct, drawn = sample[~near], correct[~near], drawn[~near]
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

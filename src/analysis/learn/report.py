"""Validation by outlet and of the probabilities: per-outlet scores, rank agreement with intervals, reliability.

Complements :mod:`analysis.learn.validation` (which scores the pooled out-of-fold
predictions): the same counts split by outlet, the Spearman correlation of
outlets' annotated and estimated loaded shares with a bootstrap over articles,
and the reliability table that :func:`analysis.plot_learn.reliability_figure` draws.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .spans import Annotations
from .validation import _per_article, bootstrap, document_counts, scores

if TYPE_CHECKING:
    from .model import Tagger
    from .training import Prepared

RELIABILITY_COLUMNS = ("system", "low", "high", "n", "mean_probability", "observed_rate")
OUTLET_COLUMNS = ("outlet", "system", "paragraphs", "articles", "metric", "value", "ci_low", "ci_high")


def outlets_of(prepared: Prepared) -> np.ndarray:
    """Outlet of each paragraph (empty string when the annotations have none)."""
    documents = prepared.annotations.documents
    if "outlet" not in documents:
        return np.full(len(prepared.docs), "", dtype=object)
    return documents["outlet"].fillna("").astype(str).to_numpy()


def per_outlet_scores(
    prepared: Prepared, systems: dict[str, tuple[np.ndarray, list]], *, min_paragraphs: int = 20, n_boot: int = 1000
) -> pd.DataFrame:
    """Token and span precision, recall and F1 of each system within each outlet, with bootstrap intervals.

    Parameters
    ----------
    prepared : Prepared
        The annotations.
    systems : dict
        Name → ``(flagged tokens, spans per paragraph)`` (as for
        :func:`analysis.learn.validation.document_counts`).
    min_paragraphs : int, optional
        Outlets with fewer annotated paragraphs are pooled as ``(other)``: their
        intervals would be wider than the scores.
    n_boot : int, optional
        Resamples of the outlet's articles.

    Returns
    -------
    pandas.DataFrame
        :data:`OUTLET_COLUMNS`, one row per outlet, system and metric (long format).
    """
    outlets = outlets_of(prepared)
    sizes = pd.Series(outlets).value_counts()
    grouped = np.where(np.isin(outlets, sizes[sizes >= min_paragraphs].index), outlets, "(other)")
    rows: list[tuple] = []
    for name, (flagged, spans) in systems.items():
        counts = document_counts(prepared, flagged, spans)
        for outlet in sorted(set(grouped)):
            mask = grouped == outlet
            values = scores(counts[mask])
            intervals = bootstrap(counts[mask], prepared.articles[mask], n=n_boot)
            rows.extend((outlet, name, int(mask.sum()), len(set(prepared.articles[mask])), metric, value,
                         *intervals[metric]) for metric, value in values.items())  # fmt: skip
    return pd.DataFrame(rows, columns=list(OUTLET_COLUMNS))


def designs_by_outlet(report: dict) -> pd.DataFrame:
    """The per-outlet scores of every design of a validation report, as one table.

    Parameters
    ----------
    report : dict
        ``validation.json`` as written by ``scripts/validate_tagger.py``: each design's
        ``per_outlet`` records (:func:`per_outlet_scores`).

    Returns
    -------
    pandas.DataFrame
        ``design`` then :data:`OUTLET_COLUMNS`, designs in the report's order (the
        shipped one first), so that ``validation_by_outlet.csv`` always matches
        ``validation.json``.
    """
    frames = [pd.DataFrame(result["per_outlet"], columns=list(OUTLET_COLUMNS)).assign(design=design)
              for design, result in report["designs"].items()]  # fmt: skip
    columns = ["design", *OUTLET_COLUMNS]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def outlet_rank_agreement(
    prepared: Prepared, probability: np.ndarray, *, min_paragraphs: int = 5, n_boot: int = 1000, seed: int = 0
) -> dict:
    """Spearman correlation of outlets' annotated loaded share and ``model_expected / n_words``, with an interval.

    Parameters
    ----------
    prepared : Prepared
        The annotations.
    probability : numpy.ndarray
        Out-of-fold probability of each word token.
    min_paragraphs : int, optional
        Outlets with fewer paragraphs are left out.
    n_boot : int, optional
        Resamples of articles (within each outlet, so every outlet stays in).
    seed : int, optional
        Random state.

    Returns
    -------
    dict
        ``n_outlets``, ``spearman``, ``ci95`` (percentile, over articles) and
        ``outlets`` (``outlet, paragraphs, annotated_share, expected_share``).
    """
    from scipy.stats import ConstantInputWarning, spearmanr

    outlets = outlets_of(prepared)
    per_doc = np.zeros((len(prepared.docs), 3))  # words, annotated loaded words, expected loaded words
    np.add.at(per_doc, prepared.doc_of_token, np.c_[np.ones(len(probability)), prepared.inside, probability])
    sizes = pd.Series(outlets).value_counts()
    kept = sorted(sizes[sizes >= min_paragraphs].index)
    blocks = [_per_article(per_doc[outlets == o], prepared.articles[outlets == o]) for o in kept]
    table = [{"outlet": o, "paragraphs": int(sizes[o]), "annotated_share": round(float(b[:, 1].sum() / b[:, 0].sum()), 4),
              "expected_share": round(float(b[:, 2].sum() / b[:, 0].sum()), 4)} for o, b in zip(kept, blocks)]  # fmt: skip
    if len(kept) < 3:
        return {"n_outlets": len(kept), "spearman": float("nan"), "ci95": [float("nan")] * 2, "outlets": table}
    rng = np.random.default_rng(seed)
    draws = []
    with warnings.catch_warnings():  # a resample with tied shares has no correlation: nan, left out below
        warnings.simplefilter("ignore", ConstantInputWarning)
        for _ in range(n_boot):
            sums = np.array([b[rng.integers(0, len(b), len(b))].sum(axis=0) for b in blocks])
            draws.append(spearmanr(sums[:, 1] / sums[:, 0], sums[:, 2] / sums[:, 0]).statistic)
    rho = spearmanr([r["annotated_share"] for r in table], [r["expected_share"] for r in table]).statistic
    return {"min_paragraphs": min_paragraphs, "n_outlets": len(kept), "spearman": round(float(rho), 4),
            "ci95": [round(float(np.nanpercentile(draws, q)), 4) for q in (2.5, 97.5)], "outlets": table}  # fmt: skip


def reliability_table(calibrations: dict[str, dict]) -> pd.DataFrame:
    """The reliability bins of one or more systems as one tidy table.

    Parameters
    ----------
    calibrations : dict
        System name → :func:`analysis.learn.validation.calibration` result.

    Returns
    -------
    pandas.DataFrame
        :data:`RELIABILITY_COLUMNS`, one row per system and non-empty bin.

    Examples
    --------
    >>> c = {"bins": [{"low": 0.0, "high": 0.1, "n": 9, "mean_probability": 0.05, "observed_rate": 0.04}]}
    >>> reliability_table({"m": c})["observed_rate"].tolist()
    [0.04]
    """
    rows = [{"system": name, **b} for name, result in calibrations.items() for b in result["bins"]]
    return pd.DataFrame(rows, columns=list(RELIABILITY_COLUMNS))


def model_rates(
    documents: pd.DataFrame,
    *,
    group: str = "outlet",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    in_sample: Collection[str] | None = None,
) -> pd.DataFrame:
    """Share of loaded words per group estimated by the model (``model_expected / n_words``), with intervals.

    No threshold is involved: the estimate is the sum of the words' probabilities.
    The interval is a percentile bootstrap over articles (the ``article`` column
    when there is one, else ``doc_id``), within each group; a group of one article
    has the share alone as its interval, and a warning names it
    (:func:`analysis.measures.warn_single_articles`).  A document without a group
    is refused, as by :func:`analysis.measures.group_rates`: leave such documents
    out first with :func:`analysis.measures.drop_ungrouped`, which names them.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table of ``framing count --model`` (``doc_id``, ``model_expected``, ``n_words``, ``group``).
    group : str, optional
        The grouping column.
    n_boot : int, optional
        Resamples.
    seed : int, optional
        Random state.
    level : float, optional
        Interval coverage.
    in_sample : collection of str, optional
        The ``doc_id`` of the documents the model was trained on (those
        :func:`analysis.learn.overlap.trained_on` flags), counted per group in
        ``n_in_sample``; ``None``: not known, ``n_in_sample`` is empty.

    Returns
    -------
    pandas.DataFrame
        :data:`analysis.tables.MODEL_SHARES`: ``group, n_articles, n_words, model_expected, per_1000, ci_low,
        ci_high`` (per 1,000 words) and ``n_in_sample``.

    Raises
    ------
    ValueError
        A document without a value in ``group`` (named, with the way to leave it out).
    """
    from ..measures import groups_of, warn_single_articles
    from ..tables import MODEL_SHARES, require_columns

    require_columns(documents.columns, ("doc_id", group, "model_expected", "n_words"), "documents")
    article = "article" if "article" in documents else "doc_id"
    trained = False if in_sample is None else documents["doc_id"].astype(str).isin({str(i) for i in in_sample})
    # Positional columns, not the caller's index: a documents table may repeat index labels.
    frame = documents[[article, "model_expected", "n_words"]].assign(
        _group=groups_of(documents, group).to_numpy(), _in_sample=np.asarray(trained)
    )
    warn_single_articles(frame.drop_duplicates(article)["_group"], group, stacklevel=3)
    rng = np.random.default_rng(seed)
    rows = []
    for name, part in frame.groupby("_group", sort=True):
        sums = part.groupby(article)[["model_expected", "n_words"]].sum().to_numpy(dtype=float)
        draws = [s[:, 0].sum() / max(s[:, 1].sum(), 1) for s in (sums[rng.integers(0, len(sums), len(sums))]
                                                                 for _ in range(n_boot))]  # fmt: skip
        tail = 100 * (1 - level) / 2
        rows.append({"group": name, "n_articles": len(sums), "n_words": int(sums[:, 1].sum()),
                     "model_expected": round(float(sums[:, 0].sum()), 2),
                     "per_1000": round(1000 * sums[:, 0].sum() / max(sums[:, 1].sum(), 1), 2),
                     "ci_low": round(1000 * float(np.percentile(draws, tail)), 2),
                     "ci_high": round(1000 * float(np.percentile(draws, 100 - tail)), 2),
                     "n_in_sample": None if in_sample is None else int(part["_in_sample"].sum())})  # fmt: skip
    return MODEL_SHARES.frame(rows)


def holdout_scores(tagger: Tagger, annotations: Annotations | str | pd.DataFrame) -> pd.DataFrame:
    """Token and span scores of a tagger, the dictionary and their union on held-out annotations.

    For a quick check of a model trained on other articles (the notebook's small
    split); the validated numbers come from the nested cross-validation.

    Parameters
    ----------
    tagger : Tagger
        The model.
    annotations : Annotations, path or pandas.DataFrame
        Held-out span annotations (:func:`analysis.learn.spans.read_training_annotations`).

    Returns
    -------
    pandas.DataFrame
        ``system, metric, value, ci_low, ci_high`` (bootstrap over articles), for
        ``model``, ``dictionary`` (the bundled lexicon's term hits) and ``union``.
    """
    from .spans import read_training_annotations
    from .training import prepare
    from .validation import dictionary_spans

    if not isinstance(annotations, Annotations):
        annotations = read_training_annotations(annotations)
    prepared = prepare(annotations)
    flagged, spans = [], []
    for doc in prepared.docs:
        _, loaded, name_calling = tagger.analyse_tokens(doc)
        flagged.append(loaded >= tagger.threshold)
        spans.append([(s["start"], s["end"]) for s in tagger.spans(doc, loaded, name_calling)])
    model = np.concatenate(flagged) if flagged else np.zeros(0, dtype=bool)
    dictionary = dictionary_spans(prepared)
    dict_flag = np.concatenate([[bool(t.get("t:dict_term")) for t in d.token_features] for d in prepared.docs])
    systems = {"model": (model, spans), "dictionary": (dict_flag, dictionary),
               "union": (model | dict_flag, [a + b for a, b in zip(spans, dictionary)])}  # fmt: skip
    rows: list[tuple] = []
    for name, (flags, found) in systems.items():
        counts = document_counts(prepared, flags, found)
        intervals = bootstrap(counts, prepared.articles)
        rows.extend((name, metric, value, *intervals[metric]) for metric, value in scores(counts).items())
    return pd.DataFrame(rows, columns=["system", "metric", "value", "ci_low", "ci_high"])


def score_table_lines(systems: dict[str, dict], metrics: Sequence[str], first: str = "system") -> list[str]:
    """Markdown table of scores with their 95 % intervals, one row per system (the reports' tables).

    Parameters
    ----------
    systems : dict
        Name -> metric -> ``{"value": float, "ci95": [low, high]}``.
    metrics : sequence of str
        The columns, in order.
    first : str, optional
        The heading of the name column.

    Returns
    -------
    list of str
        The header, the alignment row and one row per system.

    Examples
    --------
    >>> score_table_lines({"model": {"token_f1": {"value": 0.3307, "ci95": [0.304, 0.357]}}}, ["token_f1"])
    ['| system | token_f1 |', '|---|---:|', '| model | 0.331 [0.304, 0.357] |']
    """
    lines = [f"| {first} | " + " | ".join(metrics) + " |", "|---|" + "---:|" * len(metrics)]
    for name, values in systems.items():
        cells = [f"{values[m]['value']:.3f} [{values[m]['ci95'][0]:.3f}, {values[m]['ci95'][1]:.3f}]" for m in metrics]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def paired_table_lines(paired: dict[str, dict]) -> list[str]:
    """Markdown table of paired differences in token and span F1, with their 95 % intervals.

    Parameters
    ----------
    paired : dict
        ``"a − b"`` -> metric -> ``{"value": float, "ci95": [low, high]}``.

    Returns
    -------
    list of str
    """
    lines = ["| paired difference | token F1 | span F1 |", "|---|---:|---:|"]
    for pair, d in paired.items():
        lines.append(f"| {pair} | " + " | ".join(f"{d[m]['value']:+.3f} [{d[m]['ci95'][0]:+.3f}, {d[m]['ci95'][1]:+.3f}]"
                                                for m in ("token_f1", "span_f1")) + " |")  # fmt: skip
    return lines


def print_token_f1(systems: dict[str, dict], width: int = 65) -> None:
    """One console line per system of an experiment report: token F1 with its interval, and span F1."""
    for name, values in systems.items():
        v = values["token_f1"]
        print(
            f"{name:{width}s} {v['value']:.3f} [{v['ci95'][0]:.3f}, {v['ci95'][1]:.3f}]  span {values['span_f1']['value']}"
        )

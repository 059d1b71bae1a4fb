"""Figures of the learned detector's validation: the reliability curve.

Drawing only: the numbers come from :func:`analysis.learn.validation.calibration`
via :func:`analysis.learn.report.reliability_table`; the house style from
:mod:`analysis.style`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .figure_texts import figure_text, glosses_shown
from .plot import _legend, prepare_lines
from .style import PALETTE, SINGLE_COLUMN, column_width, paper_style


def reliability_figure(
    table: pd.DataFrame, *, width: float | str = SINGLE_COLUMN, log_counts: bool = True, language: str = "en"
) -> Figure:
    """Reliability curve: the observed share of loaded words against the predicted probability.

    One line per system (dots at each bin's mean probability and observed rate,
    the dot's area growing with the bin's number of words); the dashed diagonal is
    perfect calibration.  A lower panel gives the number of words per bin, so a
    point far from the diagonal can be read against how few words it stands for.

    Parameters
    ----------
    table : pandas.DataFrame
        :data:`analysis.learn.report.RELIABILITY_COLUMNS`.
    width : float or {"single", "double"}, optional
        Figure width in inches, or a journal column.
    log_counts : bool, optional
        Log scale for the counts panel (most words fall in the lowest bin).
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    glosses_shown(language, None)  # an unknown language is refused before anything is drawn
    width = column_width(width)
    systems = list(dict.fromkeys(table["system"]))
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(systems)}
    top = float(max(table["mean_probability"].max(), table["observed_rate"].max(), 0.1))
    top = min(1.0, np.ceil(top * 10) / 10)
    with paper_style():
        fig = Figure(figsize=(width, min(width, 3.5) + 0.9), layout="constrained")
        curve, counts = fig.subplots(2, 1, height_ratios=(3, 1), sharex=True)
        curve.plot([0, top], [0, top], linestyle="--", color="#999999", linewidth=0.8)
        n_max = float(table["n"].max()) if len(table) else 1.0
        for system in systems:
            rows = table[table["system"] == system]
            color = colors[system]
            curve.plot(rows["mean_probability"], rows["observed_rate"], color=color, linewidth=1.0)
            curve.scatter(rows["mean_probability"], rows["observed_rate"], s=8 + 40 * np.sqrt(rows["n"] / n_max),
                          color=color, zorder=3)  # fmt: skip
            counts.plot((rows["low"] + rows["high"]) / 2, rows["n"], color=color, marker="o", markersize=2.5,
                        linewidth=0.8)  # fmt: skip
        curve.set_xlim(0, top * 1.03)
        curve.set_ylim(0, top * 1.03)  # dots at 1 stay whole
        curve.set_ylabel(prepare_lines(figure_text("reliability.observed", language), language))
        curve.grid(color="#eeeeee", linewidth=0.5)
        if log_counts:
            counts.set_yscale("log")
        counts.set_ylabel(prepare_lines(figure_text("reliability.words", language), language))
        counts.set_xlabel(prepare_lines(figure_text("reliability.predicted", language), language))
        if len(systems) > 1:
            _legend(fig, [(colors[s], s) for s in systems], language)
    return fig

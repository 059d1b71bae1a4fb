"""The time-series figure: a rate per period for each group, its interval as a band, events marked.

Drawing only: the numbers come from :func:`analysis.timeseries.time_rates`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .figure_texts import figure_text, glosses_shown
from .plot import _category_label, _legend, counted_label, interval_level, interval_text
from .plot_compare import _empty_note, _group_name, _label_with_note
from .style import DOUBLE_COLUMN, NARROW_WIDTH, column_width, group_colors, paper_style
from .tables import require_columns
from .timeseries import all_periods, document_periods, series_period

_PANEL_HEIGHT = 1.35  # inches per category panel


def event_positions(events: pd.DataFrame, period: str) -> pd.Series:
    """Where each event is drawn: the start of the period that holds its date, where that period's point is.

    A period's rate is drawn at its first day (a month at the 1st, a week at
    its Monday), so an event drawn at its own date would stand after the
    point of its own period: the opening of 6 August right of the August
    point, as if it came after every August article. At the period that
    holds it, the line says what the series can say, "in August".

    Examples
    --------
    >>> events = pd.DataFrame({"date": ["2015-08-06", "2015-07-31"], "label": ["a", "b"]})
    >>> [d.strftime("%Y-%m-%d") for d in event_positions(events, "month")]
    ['2015-08-01', '2015-07-01']
    >>> [d.strftime("%Y-%m-%d") for d in event_positions(events, "week")]
    ['2015-08-03', '2015-07-27']
    """
    return pd.to_datetime(document_periods(events[["date"]], period).astype(str))


def _event_markers(ax: Axes, positions: pd.Series) -> None:
    """A dashed vertical line per event."""
    for day in positions:
        ax.axvline(day, color="#777777", linewidth=0.6, linestyle=(0, (3, 2)), zorder=1)


def _event_labels(ax: Axes, events: pd.DataFrame, positions: pd.Series, narrow: bool) -> None:
    """Each event's number (narrow) or number and label (wide), at the top of its line.

    A label in the right half of the axes is written leftwards of its line, so it stays on the page.
    """
    from matplotlib.dates import date2num

    left, right = ax.get_xlim()
    for number, (event, day) in enumerate(zip(events.itertuples(index=False), positions), start=1):
        leftwards = date2num(day) > (left + right) / 2
        ax.annotate(
            str(number) if narrow else f"{number} {event.label}", (day, 1.0), xycoords=("data", "axes fraction"),
            xytext=(-2 if leftwards else 2, -2), textcoords="offset points", ha="right" if leftwards else "left",
            va="top", fontsize=6, color="#555555",
        )  # fmt: skip


def _draw_panel(ax: Axes, rates: pd.DataFrame, groups: list, colors: dict, periods: list[str]) -> None:
    """Each group's line and band over every period (a period without a row is a gap, as one without an article).

    A point with no measured neighbour (an outlet with articles in one week only) has no
    band to show: ``fill_between`` has no width at a single x.  Its interval is drawn as
    a bar of the band's colour instead.
    """
    import numpy as np

    x = pd.to_datetime(periods)
    for g in groups:
        rows = rates[rates["group"] == g].drop_duplicates("_period").set_index("_period").reindex(periods)
        y = rows["per_1000"].to_numpy(dtype=float)
        low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        ax.fill_between(x, low, high, color=colors[g], alpha=0.18, linewidth=0, step=None)
        ax.plot(x, y, "-o", color=colors[g], linewidth=1.1, markersize=2.4)
        present = ~np.isnan(y)
        alone = present & ~np.r_[False, present[:-1]] & ~np.r_[present[1:], False] & ~np.isnan(low) & ~np.isnan(high)
        if alone.any():
            ax.vlines(x[alone], low[alone], high[alone], color=colors[g], alpha=0.35, linewidth=2.4)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.5)
    ax.set_axisbelow(True)


def _period_keys(rates: pd.DataFrame, period: str) -> pd.Series:
    """Each row's period as the text ``time_rates`` writes (``YYYY-MM`` or ``YYYY-MM-DD``), also when read as dates."""
    values = rates["period"]
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m" if period == "month" else "%Y-%m-%d")
    return values.astype("string")


#: The columns the time figure draws (a ``time_rates`` table, or its file read back).
_TIME_RATES_COLUMNS = ("group", "category", "period", "n", "per_1000", "ci_low", "ci_high")


def time_rates_figure(
    rates: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    categories: pd.DataFrame | None = None,
    shown: list[str] | None = None,
    names: Mapping[str, str] | None = None,
    english: bool | None = None,
    width: float | str = DOUBLE_COLUMN,
    ci: float | None = None,
    kind: str | None = None,
    period: str | None = None,
    language: str = "en",
    keep_empty: bool = False,
) -> Figure:
    """One panel per category: each group's rate per 1,000 words over time, its bootstrap interval as a band.

    Periods without an article of a group leave a gap in its line (no rate
    was measured).  Events (:func:`analysis.timeseries.read_events`) are
    dashed vertical lines at the period that holds them (:func:`event_positions`:
    a period's point is drawn at its first day); in a single-column figure
    they are numbered and the numbers explained under the x axis, in a wide
    one labelled.

    Parameters
    ----------
    rates : pandas.DataFrame
        From :func:`analysis.timeseries.time_rates`.
    events : pandas.DataFrame, optional
        ``date`` (``YYYY-MM-DD``) and ``label``.
    categories : pandas.DataFrame, optional
        Category display names (:func:`analysis.lexicon.load_categories`).
    shown : list of str, optional
        The categories to draw, in order, each drawn even without a hit (default: every
        category with a hit, most hits first; those without are named in the caption).
    names : mapping, optional
        Group → display name.
    english, width
        As in the other figures (``"single"``, ``"double"`` or inches).
    ci : float, optional
        The intervals' level for the label; by default ``rates.attrs["ci"]``
        (give it for a series read back from a file, as for
        :func:`analysis.plot_compare.group_rates_figure`).
    kind : {"term", "actor"}, optional
        What the rates count (``group_rates``'s ``kind``), named in the axis
        label; by default ``rates.attrs["kind"]``.  Without either (a table
        read back from a file) the label says "hits".
    period : {"day", "week", "month"}, optional
        The series' period (``time_rates``'s ``period``), where events, ticks
        and the label's "by week" come from; by default
        ``rates.attrs["period"]``.  Give it for a series read back from a
        file: without either, :func:`series_period` tells a month or a day
        from the periods, and refuses a series of Mondays only (weekly or daily).
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).
        The date ticks stay ``YYYY-MM`` (``YYYY-MM-DD``) in either language.
    keep_empty : bool, optional
        Also draw, by default, the categories without a hit in any group and
        period (an empty panel); they are left out and named otherwise.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        ``period`` other than ``rates.attrs["period"]`` or than the form of
        the periods, or neither given for a series of Mondays
        (:func:`series_period`).
    """
    require_columns(rates.columns, _TIME_RATES_COLUMNS, "time_rates_figure: rates (a time_rates table, or its "
                    "time_rates.csv read back; groups.csv and group_categories.csv have no period or interval)")  # fmt: skip
    english = glosses_shown(language, english)
    width = column_width(width)
    narrow = width < NARROW_WIDTH
    empty: list[str] = []
    if shown is None:  # categories asked for by name are drawn even without a hit
        hits = rates.groupby("category")["n"].sum().sort_values(ascending=False, kind="stable")
        shown = list(hits.index)
        empty = [] if keep_empty else [c for c in shown if hits[c] == 0]
        if empty and len(empty) == len(shown):
            raise ValueError(f"time_rates_figure: no category has a hit in any group and period (every rate is 0: "
                             f"{shown}): nothing to draw; pass keep_empty=True to draw the zeros")  # fmt: skip
        shown = [c for c in shown if c not in empty]
    groups = list(dict.fromkeys(rates["group"]))
    colors = group_colors(groups, figure="time_rates_figure")
    events = events if events is not None else pd.DataFrame(columns=["date", "label"])
    period = series_period(rates, period, "time_rates_figure")
    positions = event_positions(events, period)
    keyed = rates.assign(_period=_period_keys(rates, period))
    periods = all_periods(sorted(set(keyed["_period"].dropna())), period)
    with paper_style():
        fig = Figure(figsize=(width, 0.9 + _PANEL_HEIGHT * max(len(shown), 1)), layout="constrained")
        axes = fig.subplots(max(len(shown), 1), 1, sharex=True, squeeze=False)[:, 0]
        for ax, category in zip(axes, shown):
            _draw_panel(ax, keyed[keyed["category"] == category], groups, colors, periods)
            # A figure in Arabic reads from the right: its panel titles start there.
            ax.set_title(_category_label(category, categories, english, wrap=40 if narrow else None), fontsize=8,
                         loc="left" if language == "en" else "right")  # fmt: skip
            _event_markers(ax, positions)
        _event_labels(axes[0], events, positions, narrow)
        axes[-1].xaxis.set_major_locator(_period_locator(periods, narrow))
        axes[-1].xaxis.set_major_formatter(_formatter(period))
        for label in axes[-1].get_xticklabels():
            label.set_rotation(30 if narrow else 0)
            label.set_horizontalalignment("right" if narrow else "center")
        level = interval_level(rates, ci, "time_rates_figure")
        band = interval_text(level, language)
        counted = counted_label(rates, kind, "time_rates_figure", language)
        text = figure_text("time.axis", language, counted=counted, period=figure_text(f"period.{period}", language),
                           band=band)  # fmt: skip
        if narrow and len(events):
            numbered = figure_text("note.separator", language).join(
                _event_item(n, e, language) for n, e in enumerate(events["label"], start=1)
            )
            text += figure_text("time.events", language, events=numbered)
        _label_with_note(fig, axes[-1], text, _empty_note(empty, categories, english, language), language)
        _legend(fig, [(colors[g], _group_name(str(g), names)) for g in groups], language)
    return fig


def _event_item(number: int, label: str, language: str) -> str:
    """One event of the caption's list, ``1 label``; in Arabic kept on one line.

    An Arabic caption is wrapped before it is laid out right to left, and a
    Latin label broken over two lines had its halves read in the wrong order.

    >>> _event_item(2, "a later event", "ar") == "2\u00a0a\u00a0later\u00a0event"
    True
    """
    item = f"{number} {label}"
    return item if language == "en" else item.replace(" ", "\u00a0")


def _period_locator(periods: list[str], narrow: bool):
    """Ticks on period starts, every k-th of ``periods`` (every period of the series), evenly spaced in periods.

    Matplotlib's automatic date ticks fall on days 1, 8, 15, 22 and 29 of each
    month, which neither matches weekly periods (Mondays) nor is evenly spaced.
    """
    import math

    from matplotlib.dates import date2num
    from matplotlib.ticker import FixedLocator

    step = max(1, math.ceil(len(periods) / (5 if narrow else 8)))
    return FixedLocator(date2num(pd.to_datetime(periods[::step])))


def _formatter(period: str):
    from matplotlib.dates import DateFormatter

    return DateFormatter("%Y-%m" if period == "month" else "%Y-%m-%d")

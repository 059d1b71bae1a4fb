"""Rates over time: per day, week or month and per outlet (or any group), with bootstrap intervals.

The numbers are :func:`analysis.measures.group_rates`' (the ratio estimator
``1000 · Σ hits / Σ words`` with a percentile bootstrap over articles), one
group per outlet × period; this module only cuts the documents into periods
and lays the result out as a series.  Events to mark on the figure come from
a CSV of ``date,label`` (:func:`read_events`).

A note on dates: the bundled SaudiNewsNet articles carry the date they were
*crawled*, not published; a series of that corpus shows when articles were
collected, and a peak is a peak of crawling as much as of news.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FramingInputError
from .measures import group_rates
from .tables import EVENTS, TIME_RATES, require_columns

if TYPE_CHECKING:
    import pandas as pd

#: The periods a series can be cut into.
PERIODS = ("day", "week", "month")
#: The group of every document when no ``group`` column is given.
ALL = "all"
_KEY_SEPARATOR = "\x1f"  # between group and period in the key passed to group_rates


_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def series_period(rates: pd.DataFrame, period: str | None, caller: str = "time_rates_figure") -> str:
    """The period of a time-rates table: from ``period``, its ``attrs``, or (read back from a file) its periods.

    :func:`analysis.timeseries.time_rates` records its ``period`` in
    ``attrs``; a table read back from a file (``pd.read_csv`` of
    ``time_rates.csv``) has none, and a weekly series drawn as monthly puts
    its events and ticks at the wrong places.  The rule without either:

    * every period ``YYYY-MM``: ``"month"``;
    * every period ``YYYY-MM-DD`` and one of them not a Monday: ``"day"``
      (a week's period is always its Monday);
    * every period a Monday: a weekly series, or a daily one whose rows are
      Mondays only (one period, or rows filtered): not guessed, an error
      that says to pass ``period="week"`` or ``period="day"``.

    Parameters
    ----------
    rates : pandas.DataFrame
        The series drawn, with its ``period`` column.
    period : str or None
        ``"day"``, ``"week"`` or ``"month"`` (the ``period`` the series was
        computed with), or None to take it from ``attrs`` or the periods.
    caller : str, optional
        The function named in messages (the figure, or :func:`gaps_note`).

    Returns
    -------
    str
        ``"day"``, ``"week"`` or ``"month"``.

    Raises
    ------
    ValueError
        ``period`` not one of :data:`analysis.timeseries.PERIODS`, other than
        the period ``attrs`` records, or not the form of the table's periods
        (a ``YYYY-MM`` period of a weekly series, a week not on a Monday);
        without either, periods that do not say their period.

    Examples
    --------
    >>> import pandas as pd
    >>> weekly = pd.DataFrame({"period": ["2015-07-27", "2015-08-03"]})
    >>> series_period(weekly, "week")
    'week'
    >>> series_period(pd.DataFrame({"period": ["2015-07", "2015-08"]}), None)
    'month'
    >>> series_period(pd.DataFrame({"period": ["2015-08-03", "2015-08-04"]}), None)
    'day'
    """
    import pandas as pd

    recorded = rates.attrs.get("period")
    if period is not None and period not in PERIODS:
        raise ValueError(f"{caller}: period must be one of {list(PERIODS)} (as in time_rates), got {period!r}")
    if period is not None and recorded is not None and recorded != period:
        raise ValueError(
            f"{caller}: period={period!r} but the table is a {recorded!r} series (attrs['period']): "
            "pass the period the series was computed with"
        )
    chosen = period if period is not None else recorded
    values = rates["period"].dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        if chosen is None:  # a month read as its first day is a date like any other
            raise ValueError(
                f"{caller}: the table's periods were read as dates (pd.read_csv(..., parse_dates=)), which no longer "
                'say their period: pass period="day", "week" or "month" (the period of time_rates)'
            )
        firsts = chosen == "month" and bool((values.dt.day == 1).all())
        values = values.dt.strftime("%Y-%m" if firsts else "%Y-%m-%d")  # a month not on a 1st fails below
    text = values.astype(str)
    months, days = text.map(_MONTH.fullmatch).notna(), text.map(_DAY.fullmatch).notna()
    if chosen is None and len(text) and months.all():
        return "month"
    odd = text[~(months if chosen == "month" else days)]
    if len(odd) and chosen is None:
        odd = text[~(months | days)] if (~(months | days)).any() else odd  # a malformed period before a month
        raise ValueError(
            f"{caller}: row {odd.index[0]} has the period {odd.iloc[0]!r}: the periods are neither all YYYY-MM "
            "(months) nor all YYYY-MM-DD (days or weeks), as time_rates writes them"
        )
    if len(odd):
        form = "YYYY-MM" if chosen == "month" else "YYYY-MM-DD"
        raise ValueError(
            f"{caller}: row {odd.index[0]} has the period {odd.iloc[0]!r}, not {form} as a {chosen!r} series has"
        )
    mondays = pd.to_datetime(text, format="%Y-%m-%d").dt.day_of_week == 0 if chosen != "month" else None
    if chosen == "week" and mondays is not None and not mondays.all():
        row = mondays.index[~mondays.to_numpy()][0]
        raise ValueError(
            f"{caller}: period='week' but row {row} has the period {text[row]!r}, not a Monday "
            "(a week's period is its Monday): is it a daily series (period='day')?"
        )
    if chosen == "day" and mondays is not None and mondays.all():
        days = pd.Series(pd.to_datetime(text.unique(), format="%Y-%m-%d")).sort_values()
        # time_rates lists every day from the first to the last: days a week apart are weeks.
        if len(days) > 1 and (days.diff().dropna() >= pd.Timedelta(days=7)).all():
            # A warning, not an error: the period given wins, and a daily table cut to some Mondays is possible.
            warnings.warn(
                f"{caller}: period='day' but the table's {len(days)} periods are Mondays a week or more apart "
                f"({days.iloc[0]:%Y-%m-%d}, {days.iloc[1]:%Y-%m-%d} ...), where a daily series lists every day: "
                "is it a weekly series (period='week')?",
                stacklevel=3,
            )
    if chosen is not None:
        return str(chosen)
    if mondays is not None and not mondays.all():
        return "day"  # a week's period is always a Monday
    if not len(text):
        raise ValueError(
            f"{caller}: the table has no period (no row, or every period empty): nothing to draw over time"
        )
    raise ValueError(
        f"{caller}: the table records no period (attrs['period']; a table read from a file keeps no attrs) and "
        f"every period is a Monday ({text.iloc[0] if len(text) else 'none'} ...): a weekly or a daily series, not "
        'guessed: pass period="week" or period="day" (the period of time_rates)'
    )


def document_days(documents: pd.DataFrame, date: str = "date") -> pd.Series:
    """The day of each document (``datetime64``; NaT where the date names no day).

    Dates are read by :func:`analysis.corpus.dates.day_of`, the reader's own
    date parser: ISO and day-first numeric dates, and Arabic or English
    month-name dates (``8 أغسطس 2015``, ``Oct 13, 2022``) all give a day.
    A month alone (``أغسطس 2015``), a Hijri or an unreadable date give NaT,
    so they take part in monthly series (from the ``month`` column) but not
    daily or weekly ones.

    Examples
    --------
    >>> import pandas as pd
    >>> document_days(pd.DataFrame({"date": ["8 أغسطس 2015", "2015-08-09", "أغسطس 2015"]})).tolist()
    [Timestamp('2015-08-08 00:00:00'), Timestamp('2015-08-09 00:00:00'), NaT]
    """
    import pandas as pd

    from .corpus.dates import day_of

    text = documents[date].astype("string").fillna("")
    days = {written: day_of(written) for written in text.unique()}  # each distinct date read once
    return pd.to_datetime(text.map(days), format="%Y-%m-%d", errors="coerce")


def document_periods(documents: pd.DataFrame, period: str = "month", date: str = "date") -> pd.Series:
    """The period of each document as text (``<NA>`` where its date says none).

    Parameters
    ----------
    documents : pandas.DataFrame
        With a ``date`` column, and ``month`` (``YYYY-MM``, as the corpus
        reader fills it) for monthly periods.
    period : str, optional
        ``"day"`` (``YYYY-MM-DD``), ``"week"`` (the Monday of the ISO week,
        ``YYYY-MM-DD``) or ``"month"`` (``YYYY-MM``).
    date : str, optional
        The date column.
    """
    import pandas as pd

    if period not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}, got {period!r}")
    if period == "month" and "month" in documents.columns:
        month = documents["month"].astype("string").str.strip()
        return month.mask(month == "", pd.NA)
    days = document_days(documents, date)
    if period == "week":
        days = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    shown = days.dt.strftime("%Y-%m" if period == "month" else "%Y-%m-%d")
    return shown.astype("string")


def _month_only_note(documents: pd.DataFrame, periods: pd.Series, period: str) -> str:
    """Why documents dated by a month only (``Mar-2020``) have no day or week: ``""`` when there are none.

    Their day is not known, so a daily or weekly series leaves them out rather than put them on the
    first of the month; this says so, and that a monthly series counts them.
    """
    if period == "month" or "month" not in documents.columns:
        return ""
    month = documents["month"].astype("string").fillna("").str.strip()
    month_only = int(((month != "") & periods.isna()).sum())
    if not month_only:
        return ""
    return (
        f"; {month_only} of them are dated by a month without a day (Mar-2020, 03/2020): their day is not known, "
        f"so a {'daily' if period == 'day' else 'weekly'} series cannot place them; period='month' counts them"
    )


def all_periods(present: list[str], period: str) -> list[str]:
    """Every period from the first to the last present, so that a gap shows as a gap."""
    import pandas as pd

    if not present:
        return []
    if period == "month":
        return [str(p) for p in pd.period_range(min(present), max(present), freq="M")]
    step = "7D" if period == "week" else "D"
    return [d.strftime("%Y-%m-%d") for d in pd.date_range(min(present), max(present), freq=step)]


def time_rates(
    hits: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    period: str = "month",
    group: str | None = "outlet",
    by: str = "category",
    kind: str = "term",
    date: str = "date",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    categories: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rate per 1,000 words of each group in each period, with a bootstrap interval over articles.

    Each group × period is one group of :func:`analysis.measures.group_rates`
    (same estimator, same bootstrap, same seeding by name, so a cell's
    interval does not move when other outlets or periods are added; the
    name is group and period, so an interval differs from that of a
    ``group_rates`` of the period's articles by resampling noise only).

    Parameters
    ----------
    hits, documents : pandas.DataFrame
        As for :func:`~analysis.measures.group_rates`; ``documents`` also
        needs ``date`` (and ``month`` for monthly periods).
    period : str, optional
        ``"day"``, ``"week"`` or ``"month"`` (see :func:`document_periods`).
    group : str or None, optional
        The column to split the series by (``"outlet"``); None for one
        series of the whole corpus, named ``"all"``.
    by, kind, n_boot, ci, seed
        As for :func:`~analysis.measures.group_rates`.
    date : str, optional
        The date column.
    categories : sequence of str, optional
        The values of ``by`` to list, zeros included (the lexicon's categories:
        ``counter.terms.table["category"].unique()``), as in
        :func:`~analysis.measures.group_rates`; by default those among the hits,
        so a category of the lexicon without a hit in the corpus would be missing.

    Returns
    -------
    pandas.DataFrame
        :data:`TIME_RATES`: one row per group × period × value of ``by``,
        every period from the first to the last with a dated document
        included; a period in which a group has no article has ``n_docs`` 0
        and empty rates (not 0: nothing was measured).  Documents whose
        date gives no period are left out; their ``doc_id`` are in
        ``attrs["undated"]`` and a warning says how many.
    """
    import pandas as pd

    require_columns(documents.columns, ("doc_id", "n_words", date, *([group] if group else [])), "documents")
    periods = document_periods(documents, period, date)
    undated = documents.loc[periods.isna().to_numpy(), "doc_id"].astype(str).tolist()
    if len(undated) == len(documents):
        raise ValueError(
            f"no document has a date in {date!r} that gives a {period} (day and week need a date with a day: "
            "2015-08-08, 08/08/2015 or 8 أغسطس 2015; month needs any date the corpus reader understands)"
            + _month_only_note(documents, periods, period)
        )
    if undated:
        warnings.warn(
            f"{len(undated)} of {len(documents)} document(s) have no {period} in {date!r} and are left out of "
            f"the series: {undated[:10]}{_month_only_note(documents, periods, period)}",
            UserWarning,
            stacklevel=2,
        )
    dated = documents.loc[periods.notna().to_numpy()].copy()
    names = dated[group].astype(str) if group else pd.Series(ALL, index=dated.index)
    dated["_key"] = names + _KEY_SEPARATOR + periods[periods.notna()].astype(str)
    with warnings.catch_warnings():
        # A week or month of one article is common in a series, and its keys ("A\x1f2015-08") mean nothing to
        # the reader: the series' n_articles column shows such cells.
        warnings.filterwarnings("ignore", message=r".* with a single article", category=UserWarning)
        rates = group_rates(
            hits, dated, group="_key", by=by, kind=kind, n_boot=n_boot, ci=ci, seed=seed, categories=categories
        )
    split = rates["group"].astype(str).str.split(_KEY_SEPARATOR, n=1, expand=True)
    rates = rates.assign(group=split[0].to_numpy(), period=split[1].to_numpy())
    table = _full_grid(rates, all_periods(sorted(set(rates["period"])), period))
    table.attrs.update(rates.attrs, undated=undated, period=period, group=group)
    return table


def gaps_note(series: pd.DataFrame, *, min_share: float = 0.5, period: str | None = None) -> str | None:
    """One line when most periods of a series have no article at all, with the coarser period to try; else None.

    A corpus that spans years read by week (300 paragraphs of 2005-2022: 46 of 927 weeks with an
    article) draws isolated points with no line between them, under a caption that promises lines:
    the reader should be told before reading it as a series.

    Parameters
    ----------
    series : pandas.DataFrame
        A :func:`time_rates` table (its ``attrs["period"]`` names the period).
    min_share : float, optional
        The share of periods with an article below which the note is given.
    period : str, optional
        The series' period, for a table read back from a file (no ``attrs``):
        as :func:`series_period` decides it, which also tells a month from a day.

    Returns
    -------
    str or None

    Examples
    --------
    >>> import pandas as pd
    >>> series = pd.DataFrame({"period": ["2020-01-06", "2020-01-13", "2020-01-20", "2020-01-27"],
    ...                        "n_docs": [2, 0, 0, 0]})
    >>> series.attrs["period"] = "week"
    >>> gaps_note(series)
    "1 of 4 weeks have an article of the series' groups: the series is mostly gaps (nothing measured, no line joins its points); try PERIOD = 'month'"
    >>> gaps_note(series.assign(n_docs=[2, 1, 0, 3])) is None
    True
    """
    period = series_period(series, period, "gaps_note")
    covered = series.groupby("period")["n_docs"].sum() > 0
    n, total = int(covered.sum()), len(covered)
    if total < 3 or n >= min_share * total:
        return None
    coarser = {"day": "week", "week": "month"}.get(period)
    advice = (
        f"; try PERIOD = {coarser!r}" if coarser else ": read its points one by one, or compare outlets without time"
    )
    return (
        f"{n} of {total} {period}s have an article of the series' groups: the series is mostly gaps "
        f"(nothing measured, no line joins its points){advice}"
    )


def _full_grid(rates: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """Every group × period × category; cells without an article get n_docs 0 and empty rates."""
    import pandas as pd

    grid = pd.MultiIndex.from_product(
        [sorted(set(rates["group"])), periods, sorted(set(rates["category"]))], names=["group", "period", "category"]
    )
    full = rates.set_index(["group", "period", "category"]).reindex(grid).reset_index()
    for column in ("n_docs", "n_articles", "n", "n_words"):
        full[column] = full[column].fillna(0)
    return TIME_RATES.cast(full[list(TIME_RATES.names)]).astype({"group": object})


def read_events(path: str | Path) -> pd.DataFrame:
    """Events to mark on a series: a CSV with the columns ``date`` (``YYYY-MM-DD``) and ``label``.

    Raises
    ------
    FramingInputError
        Naming the file and the row (the header is row 1) of a date that is
        not ``YYYY-MM-DD``, or the missing column.
    """
    import pandas as pd

    try:
        events = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise FramingInputError(path, f"cannot read the events file: {error}") from None
    missing = [c for c in EVENTS.names if c not in events.columns]
    if missing:
        raise FramingInputError(path, f"has no column(s) {missing}; it has {list(events.columns)} (want date,label)")
    days = pd.to_datetime(events["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    if days.isna().any():
        first = int(days.isna().to_numpy().nonzero()[0][0])
        raise FramingInputError(
            path, f"date {events['date'].iloc[first]!r} is not a date written YYYY-MM-DD (e.g. 2015-07-21)",
            row=first + 2,
        )  # fmt: skip
    events["date"] = days.dt.strftime("%Y-%m-%d")
    return EVENTS.cast(events[list(EVENTS.names)])

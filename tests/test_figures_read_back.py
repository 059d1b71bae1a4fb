"""Figures drawn from tables read back from a file (no ``attrs``) say what the tables computed in the session say."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date

from analysis import FramingCounter, read_corpus
from analysis.export import export_tables
from analysis.paths import data_path
from analysis.plot_time import time_rates_figure
from analysis.timeseries import gaps_note, series_period, time_rates

EVENTS = pd.DataFrame({"date": ["2015-07-24", "2015-08-06"], "label": ["first event", "New Suez Canal opening"]})


@pytest.fixture(scope="module")
def weekly(tmp_path_factory):
    """A weekly series of two outlets of the bundled corpus, as computed and as read back from its CSV."""
    documents = read_corpus([data_path("corpus", "saudinewsnet_libya_2015.csv")]).documents
    documents = documents[documents["outlet"].isin(["aljazirah", "alriyadh"])]
    result = FramingCounter().count(documents)
    series = time_rates(result.hits, result.documents, period="week", group="outlet", n_boot=50, seed=0)
    folder = tmp_path_factory.mktemp("tables")
    export_tables({"time_rates": series}, folder)
    return series, pd.read_csv(folder / "time_rates.csv")  # as a paper author reads it: no attrs


def _drawn(fig):
    """Every text drawn (tick labels included), the x ticks as days, and the event lines' days."""
    FigureCanvasAgg(fig).draw()  # tick labels are filled in at drawing time
    texts = [" ".join(t.get_text().split()) for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text())]
    ticks = [num2date(x).strftime("%Y-%m-%d") for x in fig.axes[-1].xaxis.get_majorticklocs()]
    events = [
        pd.Timestamp(line.get_xdata()[0]).strftime("%Y-%m-%d")
        for line in fig.axes[0].get_lines()
        if line.get_linestyle() != "-"
    ]
    return texts, ticks, events


@pytest.mark.parametrize("width", ["single", "double"])
def test_a_weekly_series_read_back_from_csv_is_drawn_as_the_computed_one_with_period_week(weekly, width):
    # Before: the period came only from attrs, which pd.read_csv does not give back: the weekly series read
    # back was drawn as monthly (events on 1 July and 1 August, ticks YYYY-MM, "by period" in the label).
    series, back = weekly
    assert series.attrs["period"] == "week" and back.attrs == {}
    computed = _drawn(time_rates_figure(series, events=EVENTS, width=width))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ci and kind given too: nothing is left to a warning
        read_back = _drawn(time_rates_figure(back, events=EVENTS, width=width, period="week", ci=0.95, kind="term"))
    assert read_back == computed
    texts, ticks, events = read_back
    assert events == ["2015-07-20", "2015-08-03"]  # each event at its week's Monday
    assert ticks[0] == "2015-07-20" and all(pd.Timestamp(t).day_of_week == 0 for t in ticks)
    label = next(text for text in texts if "per 1,000 words" in text)
    assert label.startswith("loaded terms per 1,000 words by week (line), 95% bootstrap interval")


def test_a_series_of_mondays_without_its_period_is_refused_not_drawn_as_monthly(weekly):
    _, back = weekly
    with pytest.raises(ValueError) as raised:
        time_rates_figure(back, ci=0.95)
    assert str(raised.value) == (
        "time_rates_figure: the table records no period (attrs['period']; a table read from a file keeps no attrs) "
        "and every period is a Monday (2015-07-20 ...): a weekly or a daily series, not guessed: "
        'pass period="week" or period="day" (the period of time_rates)'
    )


def test_a_period_against_the_tables_attrs_is_refused_naming_both(weekly):
    series, _ = weekly
    with pytest.raises(ValueError, match=r"^time_rates_figure: period='month' but the table is a 'week' series"):
        time_rates_figure(series, period="month")
    with pytest.raises(ValueError, match=r"period must be one of \['day', 'week', 'month'\] .*got 'weekly'"):
        time_rates_figure(series, period="weekly")


def test_a_period_against_the_form_of_the_periods_is_refused_naming_the_row():
    daily = pd.DataFrame({"period": ["2015-08-03", "2015-08-04"]})
    with pytest.raises(ValueError, match=r"period='week' but row 1 has the period '2015-08-04', not a Monday"):
        series_period(daily, "week")
    with pytest.raises(ValueError, match=r"row 0 has the period '2015-08-03', not YYYY-MM as a 'month' series has"):
        series_period(daily, "month")
    with pytest.raises(
        ValueError,
        match=r"row 1 has the period '2015-8': the periods are neither all YYYY-MM \(months\) nor all YYYY-MM-DD",
    ):
        series_period(pd.DataFrame({"period": ["2015-07", "2015-8"]}), None)
    # nc21c: a weekly table drawn with period="day" was labelled "by day", ticks every 3 days, with no error
    weekly = pd.DataFrame({"period": ["2015-07-20", "2015-07-27", "2015-07-20", "2015-08-10"]})
    with pytest.warns(UserWarning, match=r"period='day' but the table's 3 periods are Mondays a week or more apart"):
        assert series_period(weekly, "day") == "day"  # the period given wins (rv21e): a warning, not a refusal
    with pytest.raises(ValueError, match="the table has no period"):
        series_period(pd.DataFrame({"period": pd.Series([], dtype=str)}), None)
    assert series_period(weekly.iloc[:1], "day") == "day"  # one Monday: a daily series of one day may be that
    assert series_period(pd.DataFrame({"period": ["2015-07-20", "2015-07-21"]}), "day") == "day"


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["2015-07", "2015-08"], "month"),  # YYYY-MM is a month only
        (["2015-08-02", "2015-08-03", "2015-08-04"], "day"),  # a Sunday: no week's period is
        (["2015-08-04"], "day"),  # one day, a Tuesday
    ],
)
def test_a_period_is_told_from_periods_that_say_it(periods, expected):
    assert series_period(pd.DataFrame({"period": periods}), None) == expected


def test_a_monthly_and_a_daily_series_read_back_are_drawn_by_month_and_by_day(tmp_path):
    rows = {"group": "a", "category": "c", "n": 1, "n_words": 100, "per_1000": 10.0, "ci_low": 5.0, "ci_high": 15.0}
    for period, starts, tick in (("month", ["2015-07", "2015-08"], "2015-07-01"),
                                 ("day", ["2015-08-05", "2015-08-06"], "2015-08-05")):  # fmt: skip
        pd.DataFrame({"period": starts, **rows}).to_csv(tmp_path / "series.csv", index=False)
        back = pd.read_csv(tmp_path / "series.csv")
        texts, ticks, _ = _drawn(time_rates_figure(back, ci=0.95, width="double"))
        assert ticks[0] == tick
        assert any(text.startswith(f"hits per 1,000 words by {period} (line)") for text in texts)


def test_periods_read_as_dates_are_not_guessed_and_a_month_given_is_drawn_by_month(tmp_path):
    rows = {"group": "a", "category": "c", "n": 1, "n_words": 100, "per_1000": 10.0, "ci_low": 5.0, "ci_high": 15.0}
    pd.DataFrame({"period": ["2015-07", "2015-08", "2015-09"], **rows}).to_csv(tmp_path / "s.csv", index=False)
    back = pd.read_csv(tmp_path / "s.csv", parse_dates=["period"])  # every month on its 1st: dates, not months
    with pytest.raises(ValueError, match=r"periods were read as dates .* pass period=\"day\", \"week\" or \"month\""):
        series_period(back, None)
    texts, ticks, _ = _drawn(time_rates_figure(back, ci=0.95, period="month", width="double"))
    assert ticks == ["2015-07-01", "2015-08-01", "2015-09-01"]
    assert "2015-08" in texts and any("by month (line)" in text for text in texts)


def test_the_gaps_note_of_a_weekly_series_read_back_names_weeks():
    # gaps_note read its period from attrs only: a weekly table read back said "1 of 4 periods ... read its
    # points one by one" instead of naming weeks and advising months.
    series = pd.DataFrame({"period": ["2020-01-06", "2020-01-13", "2020-01-20", "2020-01-27"], "n_docs": [2, 0, 0, 0]})
    with pytest.raises(ValueError, match=r"gaps_note: .*pass period=\"week\" or period=\"day\""):
        gaps_note(series)
    assert gaps_note(series, period="week") == (
        "1 of 4 weeks have an article of the series' groups: the series is mostly gaps "
        "(nothing measured, no line joins its points); try PERIOD = 'month'"
    )
    monthly = series.assign(period=["2020-01", "2020-02", "2020-03", "2020-04"])
    assert gaps_note(monthly).startswith("1 of 4 months have an article")  # a month says its period


def _series(rows):
    """A weekly time_rates table of two outlets (a, b) and two categories from rows (group, category, period, n, rate)."""
    table = pd.DataFrame(rows, columns=["group", "category", "period", "n", "per_1000"])
    table["ci_low"], table["ci_high"] = table["per_1000"] * 0.5, table["per_1000"] * 1.5 + 1.0
    table.loc[table["per_1000"].isna(), ["ci_low", "ci_high"]] = float("nan")
    return table


def test_a_category_without_a_hit_is_no_empty_panel_but_named(tmp_path):
    # nc21c: the weekly figure drew an empty panel with a made-up 0-0.04 scale, where the rates figure names it
    weeks = ["2015-07-20", "2015-07-27"]
    rows = [(g, "violence", w, 2, 1.5) for g in "ab" for w in weeks] + [
        (g, "expansion", w, 0, 0.0) for g in "ab" for w in weeks
    ]
    series = _series(rows)
    fig = time_rates_figure(series, period="week", ci=0.95, kind="term", width="single")
    assert len(fig.axes) == 1
    texts, _, _ = _drawn(fig)
    assert any("not drawn, no hit in any group: expansion" in t for t in texts)
    assert len(time_rates_figure(series, period="week", ci=0.95, kind="term", keep_empty=True).axes) == 2
    assert len(time_rates_figure(series, period="week", ci=0.95, shown=["violence", "expansion"]).axes) == 2
    with pytest.raises(ValueError, match="no category has a hit in any group and period"):
        time_rates_figure(series[series["category"] == "expansion"], period="week", ci=0.95)


def test_a_point_without_neighbours_shows_its_interval_and_a_missing_row_is_a_gap():
    # nc21c: an outlet with articles in one week only had its point drawn without any interval
    weeks = ["2015-07-20", "2015-07-27", "2015-08-03"]
    rows = [("a", "violence", w, 3, 2.0) for w in weeks] + [("b", "violence", "2015-07-27", 1, 4.0)]
    rows += [("b", "violence", w, 0, float("nan")) for w in ("2015-07-20", "2015-08-03")]
    fig = time_rates_figure(_series(rows), period="week", ci=0.95)
    bars = [c for c in fig.axes[0].collections if type(c).__name__ == "LineCollection"]
    assert len(bars) == 1 and [list(map(tuple, seg)) for seg in bars[0].get_segments()][0][0][1] == 2.0
    assert bars[0].get_segments()[0][1][1] == 7.0  # from ci_low 2.0 to ci_high 7.0 at b's one week
    # a table read back without its empty rows (filtered) still leaves a gap at the week it lacks
    lines = time_rates_figure(_series(rows[:1] + rows[2:]), period="week", ci=0.95).axes[0].get_lines()
    line_a = next(line for line in lines if len(line.get_xdata()) == 3)
    assert list(pd.isna(line_a.get_ydata())) == [False, True, False]


def test_a_group_table_of_framing_count_is_told_what_the_figures_draw(tmp_path):
    from analysis.plot_compare import group_rates_figure

    groups = pd.DataFrame({"outlet": ["a"], "category": ["violence"], "n": [3], "n_words": [900], "per_1000": [3.3]})
    with pytest.raises(ValueError, match=r"group_rates_figure: rates .* have no interval: the README's recipe"):
        group_rates_figure(groups, ci=0.95)
    with pytest.raises(ValueError, match=r"time_rates_figure: rates \(a time_rates table"):
        time_rates_figure(groups, period="week", ci=0.95)


def test_an_arabic_time_figure_starts_its_panel_titles_on_the_right():
    rows = [("a", "violence", w, 2, 1.5) for w in ("2015-07-20", "2015-07-27")]
    english = time_rates_figure(_series(rows), period="week", ci=0.95)
    arabic = time_rates_figure(_series(rows), period="week", ci=0.95, language="ar")
    assert english.axes[0].get_title(loc="left") and not english.axes[0].get_title(loc="right")
    assert arabic.axes[0].get_title(loc="right") and not arabic.axes[0].get_title(loc="left")

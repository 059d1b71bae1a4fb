"""Time series: rates by day, week or month per outlet, with the bootstrap of group_rates; events."""

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.errors import FramingInputError
from analysis.measures import group_rates
from analysis.timeseries import document_periods, read_events, time_rates

# Five articles by hand: a and b in the week of Monday 2015-06-29, c in that of 2015-08-10;
# d of outlet B in July; e has a date nobody can read.
DOCUMENTS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d", "e"],
    "outlet": ["A", "A", "A", "B", "B"],
    "date": ["2015-07-01", "02/07/2015", "2015-08-15", "2015-07-03", "yesterday"],
    "month": ["2015-07", "2015-07", "2015-08", "2015-07", ""],
    "n_words": [100, 200, 100, 50, 80],
})  # fmt: skip
HITS = pd.DataFrame({
    "doc_id": ["a", "a", "b", "c", "d", "e"],
    "kind": ["term"] * 6,
    "category": ["violence", "violence", "label", "violence", "label", "label"],
})  # fmt: skip


def rates(**options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = time_rates(HITS, DOCUMENTS, n_boot=200, **options)
    return table, [str(w.message) for w in caught]


def test_periods_of_each_date():
    assert document_periods(DOCUMENTS, "day").tolist()[:4] == ["2015-07-01", "2015-07-02", "2015-08-15", "2015-07-03"]
    assert document_periods(DOCUMENTS, "week").tolist()[:4] == ["2015-06-29", "2015-06-29", "2015-08-10", "2015-06-29"]
    assert pd.isna(document_periods(DOCUMENTS, "week").iloc[4]) and pd.isna(document_periods(DOCUMENTS).iloc[4])


def test_monthly_rates_per_outlet_hand_counted():
    table, messages = rates(period="month")
    assert messages == ["1 of 5 document(s) have no month in 'date' and are left out of the series: ['e']"]
    assert table.attrs["undated"] == ["e"]
    cell = table.set_index(["group", "period", "category"])
    # A in July: a and b, 300 words; violence 2 hits (a), label 1 (b).
    assert cell.loc[("A", "2015-07", "violence"), ["n", "n_words", "n_docs"]].tolist() == [2, 300, 2]
    assert cell.loc[("A", "2015-07", "violence"), "per_1000"] == pytest.approx(1000 * 2 / 300)
    assert cell.loc[("A", "2015-07", "label"), "per_1000"] == pytest.approx(1000 * 1 / 300)
    assert cell.loc[("A", "2015-08", "violence"), "per_1000"] == pytest.approx(10.0)
    assert cell.loc[("A", "2015-08", "label"), ["n", "per_1000"]].tolist() == [0, 0.0]  # a zero, measured
    # B has no article in August: listed, with nothing measured (not a zero).
    assert cell.loc[("B", "2015-08", "label"), ["n_docs", "n_words"]].tolist() == [0, 0]
    assert np.isnan(cell.loc[("B", "2015-08", "label"), "per_1000"])
    assert len(table) == 2 * 2 * 2  # outlets × months × categories


def test_each_cell_is_group_rates_of_its_articles():
    table, _ = rates(period="month", seed=3)
    july_a = DOCUMENTS[(DOCUMENTS["outlet"] == "A") & (DOCUMENTS["month"] == "2015-07")].assign(g="A\x1f2015-07")
    expected = group_rates(HITS, july_a, group="g", n_boot=200, seed=3).set_index("category")
    got = table[(table["group"] == "A") & (table["period"] == "2015-07")].set_index("category")
    for column in ("per_1000", "ci_low", "ci_high"):
        assert got[column].tolist() == expected[column].tolist()


def test_weekly_series_lists_every_week_in_between():
    table, _ = rates(period="week", group=None)
    weeks = sorted(set(table["period"]))
    assert weeks == ["2015-06-29", "2015-07-06", "2015-07-13", "2015-07-20", "2015-07-27", "2015-08-03", "2015-08-10"]
    assert set(table["group"]) == {"all"}
    first = table[(table["period"] == "2015-06-29")].set_index("category")
    # a, b and d (350 words): violence 2, label 2.
    assert first.loc["label", "per_1000"] == pytest.approx(1000 * 2 / 350)
    assert table[table["period"] == "2015-07-06"]["n_docs"].tolist() == [0, 0]


def test_events_file_with_a_bad_date_is_named_with_its_row(tmp_path):
    good = tmp_path / "events.csv"
    good.write_text("date,label\n2015-07-12,Skhirat agreement initialled\n", encoding="utf-8")
    assert read_events(good).values.tolist() == [["2015-07-12", "Skhirat agreement initialled"]]
    bad = tmp_path / "bad.csv"
    bad.write_text("date,label\n2015-07-12,ok\n12/07/2015,day-first\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"bad\.csv, row 3: date '12/07/2015' is not a date written YYYY-MM-DD"):
        read_events(bad)
    (tmp_path / "cols.csv").write_text("day,label\n2015-07-12,x\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"has no column\(s\) \['date'\]"):
        read_events(tmp_path / "cols.csv")


def test_a_corpus_without_days_says_so():
    months_only = DOCUMENTS.assign(date=["2015-07"] * 5)
    with pytest.raises(ValueError, match=r"no document has a date in 'date' that gives a week"):
        time_rates(HITS, months_only, period="week")
    # The month column still gives a monthly series.
    assert set(time_rates(HITS, months_only.iloc[:4], period="month", n_boot=10)["period"]) == {"2015-07", "2015-08"}


def test_daily_and_weekly_periods_from_month_name_dates():
    # Three articles dated as Arab papers write them: 8 Aug 2015 is a Saturday, so its ISO week
    # starts on Monday 3 Aug; 10 Aug is the Monday of the next week; a month alone has no day.
    from analysis.timeseries import document_periods

    documents = pd.DataFrame(
        {"date": ["8 أغسطس 2015", "الاثنين ١٠ أغسطس ٢٠١٥م", "أغسطس 2015"], "month": ["2015-08"] * 3}
    )
    assert document_periods(documents, "day").tolist() == ["2015-08-08", "2015-08-10", pd.NA]
    assert document_periods(documents, "week").tolist() == ["2015-08-03", "2015-08-10", pd.NA]
    assert document_periods(documents, "month").tolist() == ["2015-08"] * 3


def test_a_series_of_mostly_empty_periods_is_said_with_the_coarser_period():
    """A newcomer's 300 paragraphs of 2005-2022, read by week (notebook 04's default): 46 of 927 weeks had
    an article, drawn as isolated points under a caption of lines; nothing said so."""
    import pandas as pd

    from analysis.timeseries import gaps_note, time_rates

    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"], "outlet": ["x", "x", "y", "y"], "n_words": [10, 10, 10, 10],
        "date": ["2015-01-05", "2015-03-02", "2015-06-01", "2016-01-04"],
    })  # fmt: skip
    hits = pd.DataFrame({"doc_id": ["a"], "kind": ["term"], "category": ["c1"], "label": ["t"]})
    weekly = time_rates(hits, documents, period="week", n_boot=10)
    assert gaps_note(weekly) == (
        "4 of 53 weeks have an article of the series' groups: the series is mostly gaps (nothing measured, no "
        "line joins its points); try PERIOD = 'month'"
    )
    documents["month"] = documents["date"].str[:7]
    monthly = time_rates(hits, documents, period="month", n_boot=10)
    assert gaps_note(monthly).startswith("4 of 13 months have an article") and gaps_note(monthly).endswith(
        ": read its points one by one, or compare outlets without time"
    )
    # Every week of a three-week crawl has articles: nothing to say.
    crawl = documents.assign(date=["2015-07-20", "2015-07-27", "2015-08-03", "2015-08-03"])
    assert gaps_note(time_rates(hits, crawl, period="week", n_boot=10)) is None


def test_every_category_of_the_lexicon_is_listed_in_notebook_04s_tables_zeros_included(tmp_path):
    # Notebook 04's rates listed a category of the lexicon without a hit in the corpus with 0, but its first table
    # (group_table by outlet and category) and its time series left it out: the lexicon's categories are given.
    from analysis.cells import lexicon_cells
    from analysis.lexicon import Lexicon, load_terms
    from analysis.measures import group_table

    hits = HITS.assign(label="x")
    table, _ = rates(period="month", categories=["violence", "label", "never_hit"])
    cell = table.set_index(["group", "period", "category"])
    assert len(table) == 2 * 2 * 3  # outlets × months × the three categories
    assert cell.loc[("A", "2015-07", "never_hit"), ["n", "n_words", "per_1000"]].tolist() == [0, 300, 0.0]
    assert time_rates(HITS, DOCUMENTS.iloc[:4], n_boot=20)["category"].unique().tolist() == ["label", "violence"]
    terms = tmp_path / "terms.csv"
    terms.write_text("term,category\nعدوان,violence\nزمرقطيسة,never_hit\n", encoding="utf-8")
    lexicon: Lexicon = load_terms(terms)
    by_outlet = group_table(hits, DOCUMENTS, by=["outlet"], level="category", cells=lexicon_cells(lexicon))
    zero = by_outlet.set_index(["outlet", "category"]).loc[("B", "never_hit")]
    assert (zero["n"], zero["n_words"], zero["per_1000"]) == (0, 130, 0.0)
    assert sorted(by_outlet["category"].unique()) == ["label", "never_hit", "violence"]

"""Figures of outlet comparison: rates by group with intervals, Fightin' Words, the corpus framing matrix.

Drawing only: the numbers come from :mod:`analysis.measures` and
:mod:`analysis.compare`; the shared helpers and the house style from
:mod:`analysis.plot` and :mod:`analysis.style`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatter

from .arabic import LRM, RLM, has_arabic_letter
from .figure_texts import count_phrase, figure_text, glosses_shown, percent, right_to_left
from .labels import matplotlib_shapes_arabic, prepare_label, with_count, with_gloss
from .plot import (
    _LABEL_LINE_HEIGHT,
    _ROW_HEIGHT,
    CHARS_PER_INCH,
    _actor_label,
    _category_label,
    _figure,
    _grow,
    _legend,
    _set_xlabel,
    counted_label,
    interval_level,
    interval_text,
    prepare_lines,
)
from .style import DOUBLE_COLUMN, NARROW_WIDTH, PALETTE, SINGLE_COLUMN, column_width, group_colors, paper_style
from .tables import require_columns


def _group_name(group: str, names: Mapping[str, str] | None, articles: int | None = None, language: str = "en") -> str:
    """A group's display name, with its number of articles when given (the legends), ready to draw.

    In Arabic the count follows Arabic grammar and the entry reads right to left, also after a Latin name:
    a right-to-left mark before the entry sets its direction, and one after the name keeps the count's
    digits from joining a Latin name (python-bidi, on matplotlib < 3.11, drew ``(مقالًا aawsat (24``).
    An Arabic name needs neither mark.

    >>> _group_name("aawsat", None, 24, "ar") == "\u200faawsat\u200f (24 مقالًا)"
    True
    >>> _group_name("الرياض", None, 2, "ar")
    'الرياض (مقالان)'
    """
    name = (names or {}).get(group, group)
    if articles is None:
        return prepare_label(name)
    if language == "en":
        return prepare_label(with_count(name, articles, "articles"))
    letters = [c for c in name if c.isalpha()]
    latin_end = bool(letters) and not has_arabic_letter(letters[-1])
    count = count_phrase(articles, "articles", language)
    entry = f"{name}{RLM if latin_end else ''} ({count})"
    return prepare_label(entry if letters and has_arabic_letter(letters[0]) else right_to_left(entry, language))


def group_rates_figure(
    rates: pd.DataFrame,
    *,
    categories: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
    english: bool | None = None,
    width: float | str = DOUBLE_COLUMN,
    ci: float | None = None,
    kind: str | None = None,
    keep_empty: bool = False,
    language: str = "en",
) -> Figure:
    """Loaded-term rate per 1,000 words of each group, with its bootstrap interval (dot and whisker).

    One band per category, top to bottom; in each band one row per group: a
    dot at the rate and a line from ``ci_low`` to ``ci_high``.  The legend
    gives each group's number of articles.  A category without a hit in
    any group drawn (a row of zeros, as ``group_rates(categories=...)``
    lists every category of the lexicon) is left out of the bands, and the
    axis label names it ("not drawn, no hit in any group: ..."), unless
    ``keep_empty``.

    Parameters
    ----------
    rates : pandas.DataFrame
        From :func:`analysis.compare.group_rates`.
    categories : pandas.DataFrame, optional
        Category display names (:func:`analysis.lexicon.load_categories`);
        bands follow its order, other categories after them.
    names : mapping, optional
        Group → display name (e.g. ``{"aljazeera": "Al Jazeera"}``).
    english, width
        As in the other figures.
    ci : float, optional
        The intervals' level, named in the axis label (``group_rates``'s
        ``ci``); by default ``rates.attrs["ci"]``.  Give it for a table read
        back from a file (``pd.read_csv("rates.csv")`` keeps no ``attrs``).
    kind : {"term", "actor"}, optional
        What the rates count (``group_rates``'s ``kind``), named in the axis
        label; by default ``rates.attrs["kind"]``.  Without either (a table
        read back from a file) the label says "hits".
    keep_empty : bool, optional
        Draw a band for every category, those without a hit in any group too
        (their dots at 0 with the interval [0, 0]).
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends, notes);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        ``ci`` other than the level ``rates.attrs`` records; no category with
        a hit in any group (nothing to draw) unless ``keep_empty``.

    Warns
    -----
    UserWarning
        Neither ``ci`` nor ``rates.attrs`` gives the level: the label then
        names none.
    """
    require_columns(rates.columns, ("group", "category", "n", "n_docs", "per_1000", "ci_low", "ci_high"),
                    "group_rates_figure: rates (a group_rates table, or notebook 04's rates.csv read back; groups.csv "
                    "and group_categories.csv of framing count have no interval: the README's recipe makes one "
                    "from hits.csv and documents.csv)")  # fmt: skip
    english = glosses_shown(language, english)
    width = column_width(width)
    shown = list(dict.fromkeys(rates["category"]))
    if categories is not None:
        shown = [c for c in categories.index if c in shown] + [c for c in shown if c not in categories.index]
    hits = rates.groupby("category", sort=False)["n"].sum()
    empty = [] if keep_empty else [c for c in shown if hits[c] == 0]
    if empty and len(empty) == len(shown):
        raise ValueError(
            f"group_rates_figure: no category has a hit in any group (every rate is 0: {shown}): nothing to "
            "compare; pass keep_empty=True to draw the zeros"
        )
    shown = [c for c in shown if c not in empty]
    groups = list(dict.fromkeys(rates["group"]))
    largest = rates.groupby("group")["n_docs"].first().sort_values(ascending=False, kind="stable").index
    colors = group_colors(groups, figure="group_rates_figure", largest=list(largest))
    data = rates.set_index(["category", "group"])
    # Articles, not records: with an article column, several paragraphs make one article.
    n_docs = rates.groupby("group", sort=False)["n_articles" if "n_articles" in rates else "n_docs"].first()
    level = interval_level(rates, ci, "group_rates_figure")
    labels = [_category_label(c, categories, english, wrap=28) for c in shown]
    # Each band is as tall as its groups' rows or its longest label's lines, whichever needs more: long
    # category names of one's own wrap into four lines and ran into the next band's label.
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    band_rows = max((len(groups) + 1) * 0.7, _LABEL_LINE_HEIGHT * lines / _ROW_HEIGHT)
    with paper_style():
        fig = _figure(width, len(shown) * band_rows, extra=0.8)
        ax = fig.add_subplot()
        # Groups spread over 70% of each band, so neighbouring bands stay apart.
        _dot_intervals(ax, data, shown, groups, colors, value="per_1000", spread=0.35, size=(1.3, 3.6), counts=True)
        ax.set_yticks(range(len(shown)), labels, linespacing=0.95)
        ax.set_ylim(len(shown) - 0.5, -0.5)
        # A little room left of zero, so a rate of 0 shows as a dot, not hidden by the axis line.
        highest = rates["ci_high"].max()
        right = float(highest) if highest > 0 else 1.0
        ax.set_xlim(-0.02 * right, right * 1.08)
        interval = interval_text(level, language)
        counted = counted_label(rates, kind, "group_rates_figure", language)
        _label_with_note(fig, ax, figure_text("rates.axis", language, counted=counted, interval=interval),
                         _empty_note(empty, categories, english, language), language)  # fmt: skip
        _legend(fig, [(colors[g], _group_name(g, names, n_docs[g], language)) for g in groups], language)
    return fig


def _label_with_note(fig: Figure, ax: Axes, label: str, note: str, language: str = "en") -> None:
    """The x label and, when there is one, its note; at two columns the note goes on lines of its own.

    A wide figure's label is not wrapped (:func:`analysis.plot._set_xlabel`),
    and a note naming several categories ran off both sides of the page.
    """
    separator = figure_text("note.separator", language)
    if not note:
        _set_xlabel(fig, ax, label, language)
    elif fig.get_figwidth() < NARROW_WIDTH:
        _set_xlabel(fig, ax, f"{label}{separator}{note}", language)  # wrapped as a whole at one column
    else:
        # About 13 characters per inch at the label's size (its 100 characters fit 7 in); Arabic is narrower.
        per_inch = 13 if language == "en" else CHARS_PER_INCH[language] + 2
        lines = textwrap.wrap(note, int(fig.get_figwidth() * per_inch), break_on_hyphens=False)
        _set_xlabel(fig, ax, label + separator.rstrip() + "\n" + "\n".join(lines), language)
        _grow(fig, len(lines) * _LABEL_LINE_HEIGHT)


def _empty_note(empty: list[str], categories: pd.DataFrame | None, english: bool, language: str = "en") -> str:
    """The label's note naming the categories left out for want of a hit (``""`` when none is).

    In an Arabic figure the categories are named by their Arabic names (with
    their gloss if ``english``), in logical order: the caller prepares the
    label line by line once it is wrapped.

    Examples
    --------
    >>> _empty_note(["distancing_marker", "failure_weakness"], None, True)
    'not drawn, no hit in any group: distancing marker, failure weakness'
    >>> _empty_note([], None, True)
    ''
    """
    if not empty:
        return ""
    if language != "en":
        return figure_text("rates.empty_note", language, names=figure_text("list.separator", language).join(
            _arabic_category_name(c, categories, english) for c in empty))  # fmt: skip

    def name(category: str) -> str:
        if categories is None or category not in categories.index:
            text = category.replace("_", " ")
        else:
            text = str(categories.loc[category, "name_en" if english else "name_ar"])
        if not has_arabic_letter(text):
            return text
        # No-break spaces: wrapping must not split an Arabic name, whose words a matplotlib before 3.11
        # gets in display order (prepare_label), so that its two halves would stand on the wrong lines.
        # A matplotlib that orders Arabic itself joins neighbouring Arabic names and the commas between
        # them into one right-to-left run; a left-to-right mark after each keeps the English list order.
        return prepare_label(text).replace(" ", "\u00a0") + (LRM if matplotlib_shapes_arabic() else "")

    return "not drawn, no hit in any group: " + ", ".join(name(c) for c in empty)


def _arabic_category_name(category: str, categories: pd.DataFrame | None, english: bool) -> str:
    """A category's Arabic name (and gloss) in logical order, its spaces no-break so that wrapping keeps it whole."""
    if categories is None or category not in categories.index:
        text = category.replace("_", " ")
    else:
        arabic_name, english_name = categories.loc[category, ["name_ar", "name_en"]]
        text = with_gloss(str(arabic_name), str(english_name) if english else None)
    return text.replace(" ", "\u00a0")


def model_rates_figure(
    shares: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    level: float = 0.95,
    width: float | str = SINGLE_COLUMN,
    language: str = "en",
) -> Figure:
    """The learned model's estimated share of loaded words per group, with its bootstrap interval.

    One row per group (its name and number of articles on the left): a dot at
    the estimate per 1,000 words and a line over its interval.  The estimate
    has no threshold (the sum of the words' probabilities), so the figure shows
    what outlet comparisons need, not a count of flagged spans.

    Parameters
    ----------
    shares : pandas.DataFrame
        From :func:`analysis.learn.report.model_rates` (``group``, ``n_articles``,
        ``per_1000``, ``ci_low``, ``ci_high``).
    names : mapping, optional
        Group → display name.
    level : float, optional
        The intervals' coverage, for the axis label (``model_rates``'s ``level``).
    width : float or {"single", "double"}, optional
        Figure width in inches, or a journal column.
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends, notes);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> shares = pd.DataFrame({"group": ["a", "b"], "n_articles": [24, 15], "per_1000": [43.8, 36.2],
    ...                        "ci_low": [38.6, 27.4], "ci_high": [49.0, 45.1]})
    >>> [t.get_text() for t in model_rates_figure(shares).axes[0].get_yticklabels()]
    ['a (24 articles)', 'b (15 articles)']
    """
    require_columns(shares.columns, ("group", "n_articles", "per_1000", "ci_low", "ci_high"), "model rates")
    glosses_shown(language, None)  # an unknown language is refused before anything is drawn
    width = column_width(width)
    groups = list(dict.fromkeys(shares["group"]))
    # Each row names its group, so one colour serves any number of groups (no legend to tell apart).
    colors = dict.fromkeys(groups, PALETTE[0])
    articles = shares.set_index("group")["n_articles"]
    # One band per group, so each row is its own tick label and no legend is needed.
    data = pd.concat({g: shares.set_index("group").loc[[g]] for g in groups})
    with paper_style():
        fig = _figure(width, len(groups), extra=0.6)
        ax = fig.add_subplot()
        _dot_intervals(ax, data, groups, groups, colors, value="per_1000", spread=0.0, size=(1.3, 3.6))
        ax.set_yticks(range(len(groups)), [_group_name(g, names, int(articles[g]), language) for g in groups])
        ax.set_ylim(len(groups) - 0.5, -0.5)
        highest = float(shares["ci_high"].max())
        right = highest if highest > 0 else 1.0
        ax.set_xlim(-0.02 * right, right * 1.08)
        _set_xlabel(fig, ax, figure_text("model.axis", language, level=percent(level, language)), language)
    return fig


def fightin_words_figure(
    table: pd.DataFrame,
    *,
    top: int = 15,
    sides: tuple[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    width: float | str = DOUBLE_COLUMN,
    language: str = "en",
) -> Figure:
    """The Fightin' Words plot: every word's z-score against its frequency, top words listed.

    Left, one grey dot per word: x = its count in both groups (log scale),
    y = the z-score of its log-odds ratio; the dashed lines are z = ±1.96.
    The ``top`` words with the highest z (more typical of group *a*) and the
    lowest z (of group *b*) are coloured, and listed on the right in two
    columns, in the spelling most frequent in the corpus, with their z;
    those within ±1.96 are drawn hollow and listed in grey.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`analysis.compare.fightin_words`, or one group of
        :func:`analysis.compare.fightin_words_all`.
    top : int, optional
        Words listed for each side.
    sides : (str, str), optional
        Names of group *a* and group *b*; by default from the table (its
        ``attrs``, or its ``group`` column against "the rest").
    names : mapping, optional
        Group → display name.
    width : float or {"single", "double"}, optional
        Figure width in inches, or ``"single"`` (3.5 in) / ``"double"`` (7 in)
        column; below 5 in the word list goes under the plot.
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends, notes);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the table holds several groups of :func:`~analysis.compare.fightin_words_all`.
    """
    glosses_shown(language, None)  # an unknown language is refused before anything is drawn
    width = column_width(width)
    if "group" in table and table["group"].nunique() > 1:
        raise ValueError("fightin_words_figure draws one comparison: filter the table to one group first")
    if sides is None:
        rest = figure_text("fightin.rest", language)
        if "group" in table and len(table):
            sides = (str(table["group"].iloc[0]), rest)
        else:
            group_b = table.attrs.get("group_b") or [figure_text("fightin.b", language)]
            sides = (table.attrs.get("group_a", figure_text("fightin.a", language)),
                     group_b[0] if len(group_b) == 1 else rest)  # fmt: skip
    # An Arabic figure prepares "more in <group>" as a whole; the name alone must not be prepared before.
    side_names = [_group_name(s, names) if language == "en" else (names or {}).get(s, s) for s in sides]
    words = table.assign(total=table["n_a"] + table["n_b"])
    label = words["surface"] if "surface" in words else words["feature"]
    words = words.assign(label=label.astype(str))
    first = words[words["z"] > 0].nlargest(top, "z")
    second = words[words["z"] < 0].nsmallest(top, "z")
    colors = (PALETTE[0], PALETTE[3])
    with paper_style():
        height = 0.9 + _ROW_HEIGHT * max(top, 12)
        if width < NARROW_WIDTH:
            # One column: the word list under the plot, across the full width.  The plot keeps the
            # height of a 12-word list and the rows are packed (1.15 rows): with 15 words a side the
            # figure is 6.9 in tall, not 8.1, so it fits a column with its caption.
            plot_height, list_height = 0.9 + _ROW_HEIGHT * 12, _ROW_HEIGHT * 1.15 * (top + 2)
            fig = Figure(figsize=(width, plot_height + 0.6 + list_height), layout="constrained")
            plot, listing = fig.subplots(2, 1, height_ratios=[plot_height, list_height])
        else:
            fig = Figure(figsize=(width, height), layout="constrained")
            plot, listing = fig.subplots(1, 2, width_ratios=[1.7, 1])
        _fightin_scatter(plot, words, (first, second), colors, side_names, language)
        _fightin_listing(listing, (first, second), colors, side_names, language)
    return fig


def _fightin_scatter(
    plot: Axes, words: pd.DataFrame, chosen_sides: tuple, colors: tuple, side_names: list, language: str = "en"
) -> None:
    """Every word's z against its count; the listed words coloured; the side names in the corners."""
    first, second = chosen_sides
    plot.scatter(words["total"], words["z"], s=3, color="#bbbbbb", linewidths=0, rasterized=False)
    for chosen, color in zip((first, second), colors):
        # Listed words inside ±1.96 are drawn hollow (and listed in grey):
        # the top of a list is not necessarily a difference.
        strong = chosen["z"].abs() > 1.96
        plot.scatter(chosen.loc[strong, "total"], chosen.loc[strong, "z"], s=9, color=color, linewidths=0, zorder=3)
        plot.scatter(
            chosen.loc[~strong, "total"],
            chosen.loc[~strong, "z"],
            s=9,
            facecolors="white",
            edgecolors=color,
            linewidths=0.6,
            zorder=3,
        )
    for level in (1.96, -1.96):
        plot.axhline(level, color="#666666", linewidth=0.6, linestyle=(0, (4, 3)))
    plot.axhline(0, color="#dddddd", linewidth=0.5, zorder=0)
    plot.set_xscale("log")
    # Counts as numbers (1, 3, 10), not powers of ten: matplotlib's default labels a narrow range
    # of small counts "3 × 10^0"; which ticks are labelled stays matplotlib's choice.
    plot.xaxis.set_major_formatter(LogFormatter(base=10))
    plot.xaxis.set_minor_formatter(LogFormatter(base=10, labelOnlyBase=False))
    plot.set_xlim(left=0.8)
    plot.set_xlabel(prepare_lines(figure_text("fightin.x_axis", language), language))
    plot.set_ylabel(prepare_lines(figure_text("fightin.y_axis", language), language))
    limit = max(2.5, float(words["z"].abs().max()) * 1.08) if len(words) else 2.5
    plot.set_ylim(-limit, limit)
    # Rare words cannot reach a large |z| (the prior shrinks them), so the
    # upper and lower left corners stay empty: room for the side names.
    more = [_more_in(name, language) for name in side_names]
    for text, y, va in ((more[0], 0.99, "top"), (more[1], 0.01, "bottom")):
        plot.text(
            0.02,
            y,
            text,
            transform=plot.transAxes,
            ha="left",
            va=va,
            fontsize=7,
            color=colors[0] if y > 0.5 else colors[1],
        )


def _more_in(name: str, language: str) -> str:
    """``more in <group>``, ready to draw (the name is already prepared in an English figure, as before)."""
    if language == "en":
        return prepare_label(figure_text("fightin.more_in", language, group=name))
    return prepare_lines(figure_text("fightin.more_in", language, group=name), language)


def _fightin_listing(listing: Axes, chosen_sides: tuple, colors: tuple, side_names: list, language: str = "en") -> None:
    """The top words of each side in two columns, with their z."""
    first, second = chosen_sides
    listing.axis("off")
    listing.set_xlim(0, 1)
    rows = max(len(first), len(second), 1)
    listing.set_ylim(rows + 0.3, -1.6)
    for column, (chosen, color, name) in enumerate(zip((first, second), colors, side_names)):
        # Arabic words are right-aligned at the column's right edge; the z
        # values sit in a fixed slot at its left, so the lengths of words
        # never push numbers out of line.
        left, right = column * 0.55, column * 0.55 + 0.44
        listing.text(
            right,
            -1.1,
            _more_in(name, language),
            ha="right",
            va="center",
            color=color,
            fontsize=7,
            fontweight="bold",
        )
        listing.text(left, -0.35, prepare_lines(figure_text("fightin.z", language), language), ha="left",
                     va="center", color="#666666", fontsize=6.5)  # fmt: skip
        for row, (_, word) in enumerate(chosen.iterrows()):
            strong = abs(word["z"]) > 1.96
            listing.text(
                left,
                row + 0.5,
                f"{word['z']:+.2f}".replace("-", "\u2212"),
                ha="left",
                va="center",
                fontsize=6.5,
                color="#444444" if strong else "#999999",
            )
            listing.text(
                right,
                row + 0.5,
                prepare_label(word["label"]),
                ha="right",
                va="center",
                fontsize=8,
                color=color if strong else "#999999",
            )


#: Height of one group's row in a band of :func:`group_matrix_figure` (inches): with 8
#: groups, 4 categories and two stacked panels the single-column figure stays near 8 in.
GROUP_ROW_INCHES = 0.085


def group_matrix_figure(
    matrix: pd.DataFrame,
    *,
    actors: list[str] | None = None,
    top: int | None = None,
    categories: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
    group_names: Mapping[str, str] | None = None,
    english: bool | None = None,
    width: float | str = DOUBLE_COLUMN,
    ci: float | None = None,
    language: str = "en",
) -> Figure:
    """Small multiples of the corpus framing matrix: one panel per actor, groups compared in each.

    In each panel one band per term category; in each band one row per group:
    a dot at the terms near the actor per 100 of its mentions (``per_100``)
    and a line over its bootstrap interval.  Panels share the x axis, so
    actors can be compared too.  Categories no shown actor has a pair of are
    left out.

    Parameters
    ----------
    matrix : pandas.DataFrame
        From :func:`analysis.corpus_matrix.group_matrix`.
    actors : list of str, optional
        The actors (panels), in this order; by default the ``top`` most
        mentioned.
    top : int, optional
        Panels drawn when ``actors`` is not given: by default 4 in two
        columns, 2 in one (a single column stacks its panels).
    categories : pandas.DataFrame, optional
        Category display names (:func:`analysis.lexicon.load_categories`).
    names : mapping, optional
        Actor → Arabic display name (:func:`analysis.lexicon.display_names`).
    group_names : mapping, optional
        Group → display name (``{"aawsat": "Asharq Al-Awsat"}``).
    english, width
        As in the other figures: ``"single"`` (3.5 in) stacks the panels in
        one column, ``"double"`` (7 in) puts them in two.
    ci : float, optional
        The intervals' level for the label; by default ``matrix.attrs["ci"]``
        (give it for a matrix read back from a file, as for
        :func:`group_rates_figure`).
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends, notes);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        More groups than colours (:func:`analysis.style.group_colors`):
        pass the rows of at most 8 groups (the message names the largest).
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    top = top if top is not None else (2 if width < NARROW_WIDTH else 4)
    mentions = matrix.groupby("actor", sort=False)["mentions"].max()
    if actors is None:
        totals = matrix.drop_duplicates(["group", "actor"]).groupby("actor", sort=False)["mentions"].sum()
        actors = [a for a in totals.sort_values(ascending=False, kind="stable").index if mentions[a] > 0][:top]
    shown = matrix[matrix["actor"].isin(actors)]
    used = shown.groupby("category", sort=False)["n"].sum()
    bands = [c for c in used.index if used[c] > 0]
    if categories is not None:
        bands = [c for c in categories.index if c in bands] + [c for c in bands if c not in categories.index]
    groups = list(dict.fromkeys(matrix["group"]))
    n_articles = matrix.groupby("group", sort=False)["n_articles"].first()
    largest = list(n_articles.sort_values(ascending=False, kind="stable").index)
    colors = group_colors(groups, figure="group_matrix_figure", largest=largest)
    ncols = 1 if width < NARROW_WIDTH or len(actors) < 2 else 2
    nrows = -(-len(actors) // ncols) if actors else 1
    labels = [_category_label(c, categories, english, wrap=28) for c in bands]
    # Each band is as tall as its label's lines (Amiri's are tall) or its groups' rows, whichever needs more.
    band_height = max([0.2 * (label.count("\n") + 1) for label in labels] + [0.1 + GROUP_ROW_INCHES * len(groups)])
    panel = 0.45 + band_height * max(len(bands), 1)
    with paper_style():
        fig = Figure(figsize=(width, 1.1 + nrows * panel), layout="constrained")
        axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)).ravel()
        for ax, actor in zip(axes, actors):
            panel_data = shown[shown["actor"] == actor].set_index(["category", "group"])
            _dot_intervals(ax, panel_data, bands, groups, colors, value="per_100", spread=0.3, size=(1.1, 3.2),
                           hollow="few_mentions")  # fmt: skip
            ax.set_title(_actor_label(actor, names, english), fontsize=8)
        for ax in axes[len(actors) :]:
            ax.set_visible(False)
        axes[0].set_yticks(range(len(bands)), labels, linespacing=0.95)
        axes[0].set_ylim(len(bands) - 0.5, -0.5)
        highest = shown["ci_high"].max()
        right = float(highest) if pd.notna(highest) and highest > 0 else 1.0
        axes[0].set_xlim(-0.02 * right, right * 1.05)
        level = interval_level(matrix, ci, "group_matrix_figure")
        interval = interval_text(level, language, over_articles=False)
        caption = figure_text("matrix.axis", language, interval=interval, note=_few_note(shown, matrix.attrs, language))
        fig.supxlabel(prepare_lines(textwrap.fill(caption, max(24, int(width * CHARS_PER_INCH[language]))), language), fontsize=8,
                      **({} if language == "en" else {"multialignment": "right"}))  # fmt: skip
        _legend(fig, [(colors[g], _group_name(g, group_names, n_articles[g], language)) for g in groups], language)
    return fig


def _few_note(shown: pd.DataFrame, attrs: Mapping, language: str = "en") -> str:
    """The caption's note on hollow dots, when a cell drawn has too few articles behind it (else ``""``)."""
    from .corpus_matrix import MIN_MENTION_ARTICLES

    drawn = shown[shown["per_100"].notna()]
    if "few_mentions" not in drawn.columns or not drawn["few_mentions"].any():
        return ""
    k = attrs.get("min_mention_articles", MIN_MENTION_ARTICLES)
    return figure_text("matrix.few_note", language, k=k)


def _dot_intervals(
    ax: Axes,
    data: pd.DataFrame,
    bands: list[str],
    groups: list,
    colors: Mapping,
    *,
    value: str,
    spread: float,
    size: tuple[float, float],
    counts: bool = False,
    hollow: str | None = None,
) -> None:
    """Per band, one row per group: a dot at ``value`` and a line from ``ci_low`` to ``ci_high``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Drawn into; its y axis is the bands (0, 1, ... top to bottom once the caller sets the limits).
    data : pandas.DataFrame
        Indexed by (category, group), with ``value``, ``ci_low``, ``ci_high`` (and ``n`` with ``counts``).
    bands, groups : list
        Categories top to bottom; groups within each band, in this order.
    colors : mapping
        Group → colour.
    value : str
        The column the dot stands at (``per_1000``, ``per_100``).
    spread : float
        The groups' rows lie between -spread and +spread around the band's centre.
    size : (float, float)
        Interval line width and dot size (points).
    counts : bool, optional
        Write each rate's number of hits right of its interval.
    hollow : str, optional
        A boolean column: where it is true the dot is drawn hollow (too few units behind the interval).
    """
    linewidth, markersize = size
    offsets = np.linspace(-spread, spread, len(groups)) if len(groups) > 1 else np.zeros(1)
    for band, category in enumerate(bands):
        for offset, g in zip(offsets, groups):
            if (category, g) not in data.index or pd.isna(data.loc[(category, g), value]):
                continue  # a group without words (or without the actor) has no rate
            row = data.loc[(category, g)]
            y = band + offset
            ax.hlines(y, row["ci_low"], row["ci_high"], color=colors[g], linewidth=linewidth)
            if hollow is not None and bool(row.get(hollow, False)):
                # Too few articles: a ring, larger, so that it reads as "not a finding" at 3.5 in too.
                ax.plot(row[value], y, "o", markerfacecolor="white", markeredgecolor=colors[g],
                        markersize=markersize * 1.3, markeredgewidth=0.8, zorder=3)  # fmt: skip
            else:
                ax.plot(row[value], y, "o", color=colors[g], markersize=markersize, markeredgecolor="white",
                        markeredgewidth=0.4, zorder=3)  # fmt: skip
            if counts:
                # The hits behind each rate: a wide line over 2 hits reads differently from one over 200.
                ax.annotate(f"{int(row['n'])}", (row["ci_high"], y), xytext=(4, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=6, color="#777777")  # fmt: skip
        if band:
            ax.axhline(band - 0.5, color="#dddddd", linewidth=0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color="#999999", linewidth=0.6, zorder=1)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
    ax.set_axisbelow(True)

"""Figures of framing metrics, one function each, in the house style.

Each function takes the tidy tables of :mod:`analysis.metrics` (or
:mod:`analysis.sourcing`) and returns a :class:`matplotlib.figure.Figure`
without showing or saving it; :func:`analysis.style.save_figure` writes it
for a paper.  Every string drawn goes through
:func:`analysis.labels.prepare_label`, so Arabic renders joined and right to
left on any matplotlib.  The names drawn (actors, categories, sources) are
Arabic, with an English gloss unless ``english=False``; the figures' own texts
(axis titles, legend entries, interval notes) are in ``language``: English
(``"en"``, the default) or Arabic (``"ar"``, for a paper in Arabic; names then
come without glosses unless ``english=True``), from the one table of
:mod:`analysis.figure_texts`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .arabic import RLM
from .figure_texts import figure_text, glosses_shown, percent
from .labels import prepare_label, with_gloss
from .sourcing import NAMED_TYPES
from .style import DOUBLE_COLUMN, NARROW_WIDTH, PALETTE, SINGLE_COLUMN, column_width, paper_style

if TYPE_CHECKING:
    from .metrics import DocumentMetrics

NARRATOR_COLOR, QUOTED_COLOR = PALETTE[0], PALETTE[1]
NAMED_COLOR, ANONYMOUS_COLOR, NO_SOURCE_COLOR = PALETTE[2], PALETTE[3], "#999999"
#: Named sources outside the actor lexicon (a title, body or name): the named colour's lighter neighbour.
NAMED_OTHER_COLOR = PALETTE[5]
_ROW_HEIGHT = 0.17  # inches per bar or row at 8 pt
#: Inches of one more line of a wrapped axis label, and of one more row of a legend (Amiri's lines are tall).
_LABEL_LINE_HEIGHT = 0.2
_LEGEND_ROW_HEIGHT = 0.25
#: Inches of figure height below which the heatmap's upright colour-bar label goes on two lines: on one
#: line it is about 1.5 in long, centred on the cells, which sit above the category names.
_COLORBAR_LABEL_HEIGHT = 1.9
#: Inches a figure of bars needs beyond its rows for a legend row, the tick labels and the x label; with
#: less, few rows are squeezed until their labels overlap (three actors at 1.21 in: a 0.1 in row pitch).
_BAR_DECORATION_HEIGHT = 0.95
#: Characters of a caption per inch at the axis-label size (8 pt), by language: Amiri's joined Arabic
#: letters are narrower than its Latin ones (about 20 an inch), so an Arabic caption wrapped at the
#: English width took twice the lines it needs.
CHARS_PER_INCH = {"en": 11, "ar": 16}


def _label(text: str, gloss: str | None, english: bool, separator: str = " ") -> str:
    return prepare_label(with_gloss(text, gloss if english else None, separator=separator))


def interval_level(table: pd.DataFrame, ci: float | None, figure: str) -> float | None:
    """The coverage of a table's bootstrap intervals, for a figure's label.

    The functions that compute intervals record their level in the table's
    ``attrs["ci"]``; a table read back from a file (``pd.read_csv`` of
    ``rates.csv``) has no ``attrs``, so the caller's ``ci`` is needed then.

    Parameters
    ----------
    table : pandas.DataFrame
        The rates or matrix drawn.
    ci : float or None
        The level the caller gives (``group_rates(..., ci=)``), or None to
        take it from ``attrs``.
    figure : str
        The figure's function, named in messages.

    Returns
    -------
    float or None
        The level; None (with a warning) when neither the caller nor the table
        says it, so the label names no level rather than a guessed one.

    Raises
    ------
    ValueError
        ``ci`` outside (0, 1), or other than the level the table records.

    Examples
    --------
    >>> rates = pd.DataFrame({"per_1000": [1.0]})
    >>> interval_level(rates, 0.9, "group_rates_figure")
    0.9
    >>> rates.attrs["ci"] = 0.95
    >>> interval_level(rates, None, "group_rates_figure")
    0.95
    """
    import warnings

    recorded = table.attrs.get("ci")
    if ci is None:
        if recorded is None:
            warnings.warn(
                f"{figure}: the table records no interval level (attrs['ci']; a table read from a file keeps no "
                "attrs), so the label names none: pass ci=0.95 (the default of group_rates, time_rates and group_matrix) or "
                "the level the intervals were computed with",
                stacklevel=3,
            )
        return recorded
    if not 0 < ci < 1:
        raise ValueError(f"{figure}: ci must be between 0 and 1 (0.95 for 95 %), got {ci}")
    if recorded is not None and recorded != ci:
        raise ValueError(f"{figure}: ci={ci} but the table's intervals are {recorded:.0%} intervals (attrs['ci'])")
    return ci


#: What a rates table counts (``group_rates(kind=)``), as a figure's axis label names it.
COUNTED = {"term": "loaded terms", "actor": "actor mentions"}


def counted_label(table: pd.DataFrame, kind: str | None, figure: str, language: str = "en") -> str:
    """What a rates table counts, for a figure's axis label: from ``kind`` or the table's ``attrs``.

    :func:`analysis.measures.group_rates` and ``time_rates`` record their
    ``kind`` in ``attrs``; a table read back from a file has none, and an
    actor table would have been labelled "loaded terms".  Without either, the
    label says "hits", which is true of both.

    Parameters
    ----------
    table : pandas.DataFrame
        The rates drawn.
    kind : str or None
        ``"term"`` or ``"actor"`` (the ``kind`` the rates were computed with),
        or None to take it from ``attrs``.
    figure : str
        The figure's function, named in messages.
    language : {"en", "ar"}, optional
        The language of the label (:mod:`analysis.figure_texts`).

    Returns
    -------
    str
        ``"loaded terms"``, ``"actor mentions"`` or ``"hits"`` (in Arabic
        ``"مصطلحات مشحونة"``, ``"مرات ذكر الفاعلين"`` or ``"مطابقات"``).

    Raises
    ------
    ValueError
        ``kind`` not one of :data:`COUNTED`, or other than the kind the table records.

    Examples
    --------
    >>> rates = pd.DataFrame({"per_1000": [1.0]})
    >>> counted_label(rates, None, "group_rates_figure"), counted_label(rates, "actor", "group_rates_figure")
    ('hits', 'actor mentions')
    >>> rates.attrs["kind"] = "term"
    >>> counted_label(rates, None, "group_rates_figure")
    'loaded terms'
    >>> counted_label(rates, None, "group_rates_figure", "ar")
    'مصطلحات مشحونة'
    """
    recorded = table.attrs.get("kind")
    if kind is not None and kind not in COUNTED:
        raise ValueError(f"{figure}: kind must be one of {sorted(COUNTED)} (as in group_rates), got {kind!r}")
    if kind is not None and recorded is not None and recorded != kind:
        raise ValueError(f"{figure}: kind={kind!r} but the table counts {recorded!r} hits (attrs['kind'])")
    chosen = kind if kind is not None else recorded
    key = chosen if chosen in COUNTED else "hits"
    return figure_text(f"counted.{key}", language)


def interval_text(level: float | None, language: str, *, over_articles: bool = True) -> str:
    """The name of a figure's bootstrap intervals, with their level when known.

    >>> interval_text(0.95, "en"), interval_text(None, "en", over_articles=False)
    ('95% bootstrap interval over articles', 'bootstrap interval')
    >>> interval_text(0.9, "ar")
    'فترة ثقة 90٪ بإعادة المعاينة على مستوى المقالات'
    """
    key = "interval.articles" if over_articles else "interval.bootstrap"
    return (
        figure_text(key, language, level=percent(level, language))
        if level
        else figure_text(f"{key}_no_level", language)
    )


def prepare_lines(text: str, language: str, *, matplotlib_version: str | None = None) -> str:
    r"""Each line of a figure's own text prepared on its own; an Arabic line starts right to left.

    Bidirectional reordering must not mix lines (as for the category names),
    and a line of an Arabic caption that begins with a Latin name or a number
    would otherwise be laid out left to right: a right-to-left mark starts
    each line (on matplotlib < 3.11 it orders the line, then is dropped).
    English texts are returned as they are (their Arabic names, if any, were
    prepared by the caller).

    Examples
    --------
    >>> prepare_lines("أكثر في aawsat\nب", "ar", matplotlib_version="3.11.2") == "\u200fأكثر في aawsat\n\u200fب"
    True
    >>> prepare_lines("أكثر في aawsat\nب", "ar", matplotlib_version="3.10.8")
    'aawsat ﻲﻓ ﺮﺜﻛﺃ\nﺏ'
    """
    if language == "en":
        return text
    return "\n".join(
        prepare_label(line if line.startswith(RLM) else RLM + line, matplotlib_version=matplotlib_version)
        for line in text.split("\n")
    )


def _figure(width: float, n_rows: float, *, extra: float = 0.7) -> Figure:
    # At least three rows' height: with one bar, the legend and axis label left the axes no room.
    return Figure(figsize=(width, extra + _ROW_HEIGHT * max(n_rows, 3)), layout="constrained")


def _grow(fig: Figure, inches: float) -> None:
    """Make the figure taller by the room a decoration outside the axes takes beyond its first line.

    A figure's height is planned for its rows plus one legend row and one
    label line; a legend on several rows or a wrapped label would otherwise
    squeeze the axes (to nothing, with one category at one column).
    """
    if inches > 0:
        fig.set_figheight(fig.get_figheight() + inches)


def _set_xlabel(fig: Figure, ax: Any, text: str, language: str = "en") -> None:
    """The x label; in a narrow figure wrapped and centred on the figure, not on the axes.

    Long row labels push a narrow figure's axes to the right, and a label
    centred on the axes would run off the page.  An Arabic label (``language="ar"``,
    in logical order) is wrapped first, then each line prepared and right-aligned.
    """
    width = fig.get_figwidth()
    # Arabic lines of a caption end on the right, as a paragraph of Arabic does.
    align = {} if language == "en" else {"multialignment": "right"}
    if width >= NARROW_WIDTH:
        ax.set_xlabel(prepare_lines(text, language), **align)
        return
    wrapped = textwrap.fill(text, max(24, int(width * CHARS_PER_INCH[language])))
    fig.supxlabel(prepare_lines(wrapped, language), fontsize=ax.xaxis.label.get_size(), **align)
    _grow(fig, wrapped.count("\n") * _LABEL_LINE_HEIGHT)


def _legend(fig: Figure, entries: list[tuple[str, str]], language: str = "en") -> None:
    """A legend above the axes, outside the data, so it never hides a bar.

    On several rows the entries read in their order row by row, as the groups
    are drawn from the top: matplotlib fills a legend column by column, so
    three outlets at two columns read "first, third / second" unless reordered.
    In an Arabic figure (``language="ar"``) each row reads from the right and
    each colour stands right of its label.
    """
    # About 22 characters of entry per inch of figure, so a long legend goes on several rows.
    room = max(1, int(fig.get_figwidth() * 22 // max(len(label) + 4 for _, label in entries)))
    columns = min(len(entries), room)
    rows = -(-len(entries) // columns)
    _grow(fig, (rows - 1) * _LEGEND_ROW_HEIGHT)
    by_column = [
        entries[_legend_entry(i, j, columns, len(entries), language)]
        for j in range(columns)
        for i in range(rows)
        if i * columns + j < len(entries)
    ]
    right_to_left = {} if language == "en" else {"markerfirst": False}
    fig.legend(
        handles=[Patch(color=color, label=label) for color, label in by_column],
        loc="outside upper center",
        ncols=columns,
        handlelength=1.2,
        columnspacing=1.0,
        borderaxespad=0.2,
        **right_to_left,
    )


def _legend_entry(row: int, column: int, columns: int, n: int, language: str) -> int:
    """Which entry stands at a row and column of the legend: left to right in English, right to left in Arabic.

    Matplotlib fills a short last row from the left; in Arabic its first entry is the rightmost filled.

    >>> [_legend_entry(0, j, 3, 5, "ar") for j in range(3)], [_legend_entry(1, j, 3, 5, "ar") for j in range(2)]
    ([2, 1, 0], [4, 3])
    """
    if language == "en":
        return row * columns + column
    in_row = min(columns, n - row * columns)
    return row * columns + in_row - 1 - column


def _actor_label(actor: str, names: Mapping[str, str] | None, english: bool, *, two_lines: bool = False) -> str:
    arabic = (names or {}).get(actor, actor)
    if two_lines and english and actor != arabic:
        # Each line is prepared on its own: bidi reordering must not mix lines.
        return prepare_label(arabic) + "\n" + prepare_label(f"({actor})")
    return _label(arabic, actor, english)


def _category_label(category: str, categories: pd.DataFrame | None, english: bool, *, wrap: int | None = None) -> str:
    if categories is None or category not in categories.index:
        return prepare_label(category.replace("_", " "))
    arabic_name, english_name = categories.loc[category, ["name_ar", "name_en"]]
    if wrap is None:
        return _label(arabic_name, english_name, english)

    # Each line is prepared on its own: bidi reordering must not mix lines.
    def lines_of(text: str) -> list[str]:
        return textwrap.wrap(text, wrap, break_long_words=False)

    lines = lines_of(arabic_name) + (lines_of(f"({english_name})") if english else [])
    return "\n".join(prepare_label(line) for line in lines)


def actor_salience_figure(
    salience: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    english: bool | None = None,
    top: int = 12,
    width: float | str = SINGLE_COLUMN,
    language: str = "en",
) -> Figure:
    """Horizontal bars of actor mentions, split into narrator's voice and quoted speech.

    Parameters
    ----------
    salience : pandas.DataFrame
        From :func:`analysis.metrics.actor_salience` (summed over documents).
    names : mapping, optional
        Actor → Arabic display name (:func:`analysis.lexicon.display_names`).
    english : bool, optional
        Add the English actor name in brackets; by default in an English
        figure only (``language == "en"``).
    top : int, optional
        Most mentioned actors shown.
    width : float or {"single", "double"}, optional
        Figure width in inches, or a journal column: ``"single"`` (3.5 in)
        or ``"double"`` (7 in).  Below 5 in the figure lays itself out for
        one column (labels on two lines, column labels turned).
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    data = salience.groupby("actor")[["narrator", "quoted"]].sum()
    data = data.assign(total=data.sum(axis=1)).sort_values(["total", "narrator"], ascending=False).head(top)
    data = data.iloc[::-1]
    with paper_style():
        fig = _figure(width, len(data), extra=_BAR_DECORATION_HEIGHT)
        ax = fig.add_subplot()
        y = np.arange(len(data))
        ax.barh(y, data["narrator"], color=NARRATOR_COLOR)
        ax.barh(y, data["quoted"], left=data["narrator"], color=QUOTED_COLOR)
        for row, total in zip(y, data["total"]):
            ax.text(total + 0.15, float(row), str(int(total)), va="center", fontsize=7)
        ax.set_yticks(y, [_actor_label(a, names, english) for a in data.index])
        ax.set_xlabel(prepare_lines(figure_text("salience.axis", language), language))
        ax.set_xlim(0, data["total"].max() * 1.12 + 0.5)
        cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
        _legend(fig, _voice_entries(language), language)
    return fig


def _voice_entries(language: str) -> list[tuple[str, str]]:
    """The legend of the two voices, narrator and quoted speech."""
    return [
        (NARRATOR_COLOR, prepare_lines(figure_text("voice.narrator", language), language)),
        (QUOTED_COLOR, prepare_lines(figure_text("voice.quoted", language), language)),
    ]


def term_density_figure(
    density: pd.DataFrame,
    *,
    categories: pd.DataFrame | None = None,
    english: bool | None = None,
    width: float | str = SINGLE_COLUMN,
    language: str = "en",
) -> Figure:
    """Loaded-term density per 1,000 words by category, narrator vs quoted speech.

    Parameters
    ----------
    density : pandas.DataFrame
        From :func:`analysis.metrics.term_density`, for one document.
    categories : pandas.DataFrame, optional
        Display names (:func:`analysis.lexicon.load_categories`).
    english : bool, optional
        Add the English category name; by default in an English figure only.
    width : float or {"single", "double"}, optional
        Figure width in inches, or ``"single"`` / ``"double"`` column.
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the table holds several documents (densities cannot be summed).
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    if density["doc_id"].nunique() > 1:
        raise ValueError("term_density_figure draws one document: filter density to one doc_id first")
    data = density.set_index("category").sort_values("per_1000").fillna({"quoted_per_1000": 0})
    labels = _long_labels_wrapped([_category_label(c, categories, english) for c in data.index], data.index,
                                  categories, english, width)  # fmt: skip
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    with paper_style():
        # Each bar pair is as tall as its label's lines need, or a wrapped name runs into the next.
        fig = _figure(width, len(data) * max(1.6, _LABEL_LINE_HEIGHT * lines / _ROW_HEIGHT))
        ax = fig.add_subplot()
        y = np.arange(len(data))
        ax.barh(y + 0.2, data["narrator_per_1000"], height=0.38, color=NARRATOR_COLOR)
        ax.barh(y - 0.2, data["quoted_per_1000"], height=0.38, color=QUOTED_COLOR)
        ax.set_yticks(y, labels, linespacing=0.95)
        ax.set_xlabel(prepare_lines(figure_text("density.axis", language), language))
        _legend(fig, _voice_entries(language), language)
    return fig


#: Longest one-line category label (Arabic name and gloss) left unwrapped at one column and at two:
#: every bundled name fits (the longest has 43 characters); a longer name of one's own took the
#: figure's width from its bars at one column.
_ONE_LINE_LABEL = {"single": 45, "double": 90}


def _long_labels_wrapped(
    labels: list[str], keys: Iterable[str], categories: pd.DataFrame | None, english: bool, width: float
) -> list[str]:
    """The one-line category labels, those too long for the width wrapped (28 characters a line)."""
    limit = _ONE_LINE_LABEL["single" if width < NARROW_WIDTH else "double"]
    return [
        _category_label(key, categories, english, wrap=28) if len(label) > limit else label
        for key, label in zip(keys, labels)
    ]


#: Height of one line of the heatmap's category names at 7 pt (Amiri's lines are tall), in inches.
_HEATMAP_LABEL_LINE = 0.17


def framing_heatmap_figure(
    matrix: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    categories: pd.DataFrame | None = None,
    english: bool | None = None,
    width: float | str = DOUBLE_COLUMN,
    language: str = "en",
) -> Figure:
    """Heatmap of the actor × category framing matrix, with the counts in the cells.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Wide counts, actors × categories (:func:`analysis.metrics.matrix_wide`);
        rows are drawn in the given order, top to bottom.
    names : mapping, optional
        Actor → Arabic display name.
    categories : pandas.DataFrame, optional
        Category display names; columns follow its order.
    english : bool, optional
        Add English glosses; by default in an English figure only.
    width : float or {"single", "double"}, optional
        Figure width in inches, or ``"single"`` / ``"double"`` column.
    language : {"en", "ar"}, optional
        The language of the figure's own texts (axis titles, legends);
        ``"ar"`` for a paper in Arabic (:mod:`analysis.figure_texts`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    if categories is not None:
        order = [c for c in categories.index if c in matrix.columns] + [
            c for c in matrix.columns if c not in categories.index
        ]
        matrix = matrix[order]
    values = matrix.to_numpy()
    narrow = width < NARROW_WIDTH
    column_labels = [_category_label(c, categories, english, wrap=40 if narrow else 15) for c in matrix.columns]
    # Two columns: the room below the cells holds the bundled names' four lines at 15 characters; a
    # longer name of one's own (seven lines) squeezed the cells and pushed the colour bar's label off the page.
    lines = max((label.count("\n") + 1 for label in column_labels), default=1)
    extra = 2.2 if narrow else 1.1 + _HEATMAP_LABEL_LINE * max(0, lines - 4)
    with paper_style():
        # One column: actor names on two lines, category names turned upright below the
        # cells, and the colour bar on top, so the cells keep the width.
        fig = _figure(width, len(matrix) * (1.8 if narrow else 1), extra=extra)
        ax = fig.add_subplot()
        # A light-to-dark single-hue scale: empty cells stay white, in colour and in grey print.
        image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(), 1))
        threshold = values.max() * 0.6 if values.size else 0
        for (row, column), count in np.ndenumerate(values):
            ax.text(
                column,
                row,
                str(count),
                ha="center",
                va="center",
                fontsize=6.5 if narrow else 7,
                color="white" if count > threshold else ("#999999" if count == 0 else "black"),
            )
        ax.set_yticks(range(len(matrix)), [_actor_label(a, names, english, two_lines=narrow) for a in matrix.index])
        ax.set_xticks(
            range(matrix.shape[1]),
            column_labels,
            linespacing=0.95,
            rotation=90 if narrow else 0,
        )
        ax.tick_params(axis="x", labelsize=6.5 if narrow else 7, length=0)
        ax.tick_params(axis="y", length=0, labelsize=7 if narrow else 8)
        ax.spines[:].set_visible(False)
        label = prepare_lines(figure_text("heatmap.colorbar", language), language)
        if narrow:
            fig.colorbar(image, ax=ax, location="top", shrink=0.6, label=label, pad=0.02, aspect=30)
        else:
            # The height the cells were planned with: the room for long names below them does not lengthen the bar.
            if fig.get_figheight() - (extra - 1.1) < _COLORBAR_LABEL_HEIGHT:
                # Upright beside a short heatmap (up to 4 actors) the label ran off the top of the page.
                label = prepare_lines(figure_text("heatmap.colorbar_two_lines", language), language)
            fig.colorbar(image, ax=ax, shrink=0.8, label=label, pad=0.01)
    return fig


def _written_forms(attributions: pd.DataFrame) -> dict[str, str]:
    """Each named_other source's most frequent spelling as written (ties: the first in sort order).

    A named_other ``source`` is the normalized head word (``وزاره``, ``استاذ``), which no
    article spells so; the figure shows the words as the articles write them.
    """
    if "source_surface" not in attributions:
        return {}
    other = attributions[(attributions["source_type"] == "named_other") & attributions["source_surface"].notna()]
    counts = other.groupby(["source", "source_surface"]).size().rename("n").reset_index()
    counts = counts.sort_values(["source", "n", "source_surface"], ascending=[True, False, True], kind="stable")
    return dict(counts.drop_duplicates("source")[["source", "source_surface"]].itertuples(index=False, name=None))


def dispersion_figure(
    hits: pd.DataFrame,
    n_chars: int,
    *,
    actors: list[str],
    categories_shown: list[str],
    names: Mapping[str, str] | None = None,
    categories: pd.DataFrame | None = None,
    english: bool | None = None,
    width: float | str = DOUBLE_COLUMN,
    language: str = "en",
) -> Figure:
    """Lexical dispersion: where along the article each actor and loaded-term category falls.

    One row per actor and per term category; a tick for every hit at its
    relative position ``start / n_chars`` (0 = first character, 1 = last).
    Filled ticks are the narrator's voice, lighter ones quoted speech.

    Parameters
    ----------
    hits : pandas.DataFrame
        Hits of one document.
    n_chars : int
        Length of the document text.
    actors : list of str
        Actor rows, top to bottom.
    categories_shown : list of str
        Term-category rows, below the actors.
    names, categories, english, width, language
        As in the other figures.

    Returns
    -------
    matplotlib.figure.Figure
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    if hits["doc_id"].nunique() > 1:
        raise ValueError("dispersion_figure draws one document: filter hits to one doc_id first")
    rows = [("actor", a) for a in actors] + [("term", c) for c in categories_shown]
    narrow = width < NARROW_WIDTH  # one column: labels on two lines leave the ticks room
    labels = [
        _actor_label(key, names, english, two_lines=narrow)
        if kind == "actor"
        else _category_label(key, categories, english, wrap=40 if narrow else None)
        for kind, key in rows
    ]
    # Two-line labels need about two rows' height, or each gloss touches the next row's name; a long
    # category name of one's own wraps into more lines, and its rows grow in proportion.
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    per_row = (2.2 if narrow else 1) * max(1.0, lines / (2 if narrow else 1))
    with paper_style():
        fig = _figure(width, len(rows) * per_row, extra=0.6)
        ax = fig.add_subplot()
        for position, (kind, key) in enumerate(rows):
            column = "label" if kind == "actor" else "category"
            selected = hits[(hits["kind"] == kind) & (hits[column] == key)]
            color = NARRATOR_COLOR if kind == "actor" else PALETTE[3]
            for quoted, alpha in ((False, 1.0), (True, 0.35)):
                part = selected[selected["quoted"] == quoted]
                ax.scatter(
                    part["start"] / n_chars,
                    np.full(len(part), position),
                    marker="|",
                    s=90,
                    linewidths=1.2,
                    color=color,
                    alpha=alpha,
                )
        ax.set_yticks(range(len(rows)), labels, linespacing=0.95)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        _set_xlabel(fig, ax, figure_text("dispersion.axis", language), language)
        if actors and categories_shown:
            ax.axhline(len(actors) - 0.5, color="#cccccc", linewidth=0.6)
        ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
        ax.set_axisbelow(True)
    return fig


def sourcing_figure(
    attributions: pd.DataFrame,
    *,
    names: Mapping[str, str] | None = None,
    glosses: Mapping[str, str] | None = None,
    english: bool | None = None,
    width: float | str = SINGLE_COLUMN,
    language: str = "en",
) -> Figure:
    """Who is given a voice: attributions per source, named vs anonymous.

    The x label gives the anonymous share: anonymous / (named + named_other + anonymous);
    named sources outside the actor lexicon (``named_other``) have their own colour.

    Parameters
    ----------
    attributions : pandas.DataFrame
        From :func:`analysis.sourcing.find_attributions`.
    names : mapping, optional
        Actor → Arabic display name, for named sources.
    glosses : mapping, optional
        Anonymous-source term → English gloss (the ``gloss`` column of
        ``sources.csv``).
    english, width, language
        As in the other figures.

    Returns
    -------
    matplotlib.figure.Figure
    """
    english = glosses_shown(language, english)
    width = column_width(width)
    data = attributions.assign(source=attributions["source"].where(attributions["source_type"] != "none", ""))
    counts = data.groupby(["source_type", "source"]).size().rename("n").reset_index()
    written = _written_forms(data)
    order = {"named": 0, "named_other": 1, "anonymous": 2, "none": 3}
    counts = counts.sort_values(["source_type", "n"], key=lambda s: s.map(order) if s.name == "source_type" else -s)
    counts = counts.iloc[::-1]
    colors = {
        "named": NAMED_COLOR, "named_other": NAMED_OTHER_COLOR, "anonymous": ANONYMOUS_COLOR,
        "none": NO_SOURCE_COLOR,
    }  # fmt: skip
    named = int(attributions["source_type"].isin(NAMED_TYPES).sum())
    anonymous = int((attributions["source_type"] == "anonymous").sum())
    share = anonymous / (named + anonymous) if named + anonymous else float("nan")

    def label(row) -> str:
        if row.source_type == "none":
            return prepare_lines(figure_text("sourcing.none", language), language)
        if row.source_type == "named":
            return _actor_label(row.source, names, english)
        shown = written.get(row.source, row.source) if row.source_type == "named_other" else row.source
        return _label(shown, (glosses or {}).get(row.source), english)

    with paper_style():
        fig = _figure(width, len(counts), extra=0.8)
        ax = fig.add_subplot()
        y = np.arange(len(counts))
        ax.barh(y, counts["n"], color=[colors[t] for t in counts["source_type"]])
        ax.set_yticks(y, [label(row) for row in counts.itertuples(index=False)])
        if share == share:
            axis = figure_text("sourcing.axis_anonymous", language, share=percent(share, language))
        else:
            axis = figure_text("sourcing.axis", language)
        _set_xlabel(fig, ax, axis, language)
        cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
        present = set(counts["source_type"])

        def entry(kind: str, key: str) -> tuple[str, str]:
            return colors[kind], prepare_lines(figure_text(key, language), language)

        legend = [entry("named", "sourcing.named"), entry("anonymous", "sourcing.anonymous"),
                  entry("none", "sourcing.no_source")]  # fmt: skip
        if "named_other" in present:  # only then: figures without it stay as they were
            legend.insert(1, entry("named_other", "sourcing.named_other"))
        _legend(fig, legend, language)
    return fig


def framing_figures(
    metrics: DocumentMetrics,
    *,
    categories: pd.DataFrame | None = None,
    english: bool | None = None,
    language: str = "en",
) -> dict[str, Figure]:
    """Draw every framing figure of one document from its computed metrics.

    Parameters
    ----------
    metrics : analysis.metrics.DocumentMetrics
        From :func:`analysis.metrics.document_metrics` (this function only
        draws; every number is computed there).
    categories : pandas.DataFrame, optional
        Category display names.
    english : bool, optional
        English glosses on the names (actors, categories, sources); by
        default in an English figure only.
    language : {"en", "ar"}, optional
        The language of the axis titles and legends.

    Returns
    -------
    dict
        ``{"actor_salience": Figure, "term_density": ..., "framing_heatmap": ...,
        "dispersion": ..., "sourcing": ...}``.
    """
    english = glosses_shown(language, english)
    m, names = metrics, metrics.names
    lang: dict[str, Any] = {"language": language}
    return {
        "actor_salience": actor_salience_figure(m.salience, names=names, english=english, **lang),
        "term_density": term_density_figure(m.density, categories=categories, english=english, **lang),
        "framing_heatmap": framing_heatmap_figure(
            m.matrix, names=names, categories=categories, english=english, **lang
        ),  # fmt: skip
        "dispersion": dispersion_figure(
            m.hits,
            m.n_chars,
            actors=m.leaders,
            categories_shown=list(m.density["category"]),
            names=names,
            categories=categories,
            english=english,
            **lang,
        ),
        "sourcing": sourcing_figure(m.attributions, names=names, glosses=m.source_glosses, english=english, **lang),
    }


# The comparison figures live in analysis.plot_compare; they stay reachable as
# analysis.plot.group_rates_figure / fightin_words_figure, where notebook 04 uses them.
# (Loaded on first use: plot_compare imports this module's helpers.)
_COMPARE_FIGURES = ("group_rates_figure", "fightin_words_figure")


def __getattr__(name: str) -> Any:
    if name in _COMPARE_FIGURES:
        from . import plot_compare

        return getattr(plot_compare, name)
    raise AttributeError(f"module 'analysis.plot' has no attribute {name!r}")

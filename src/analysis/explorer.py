"""An interactive explorer for JupyterLab: from a number to the sentences behind it.

Choose an outlet (or one article), an actor, a category and a voice; the
counts, the actor × category framing matrix and the keyword-in-context lines
update together.  Everything shown is computed by the package's functions
(:mod:`analysis.metrics`, :mod:`analysis.kwic`); the explorer only filters
and renders, so what a researcher sees is what the notebooks compute.

Outputs are ``ipywidgets.HTML`` widgets whose ``value`` is plain HTML, so the
explorer can be tested without a browser (and is, in a real browser too).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from . import metrics
from .kwic import keyword_in_context, kwic_html
from .measures import article_ids

ALL = "(all)"
VOICES = ("all", "narrator", "quoted")
#: Articles listed in the article menu (the first ones of the outlet chosen).
MAX_ARTICLES = 500


class Selection(NamedTuple):
    """What the explorer's menus say: an outlet (group), an article, an actor, a category and a voice."""

    group: str = ALL
    article: str = ALL
    actor: str = ALL
    category: str = ALL
    voice: str = "all"


@dataclass
class Selected:
    """What a :class:`Selection` shows, and the menus' choices within it.

    Attributes
    ----------
    hits : pandas.DataFrame
        Every hit of the chosen outlet, article and voice.
    pairs : pandas.DataFrame
        Their framing pairs (:func:`analysis.metrics.framing_pairs`).
    terms : pandas.DataFrame
        The loaded terms shown: of the chosen category, and in a sentence with
        the chosen actor if one is chosen.
    mentions : pandas.DataFrame
        The actor mentions shown: of the chosen actor if one is chosen.
    actors, categories : list of str
        The actors mentioned and the categories present in the selection
        (categories near the chosen actor, if one is chosen): the menus' options.
    n_articles : int
        Articles with a term or mention shown (paragraphs of one article count once).
    why_empty : str
        Empty when terms are shown; otherwise why none is.
    """

    hits: pd.DataFrame
    pairs: pd.DataFrame
    terms: pd.DataFrame
    mentions: pd.DataFrame
    actors: list[str]
    categories: list[str]
    n_articles: int
    why_empty: str


class ExplorerState:
    """The explorer without widgets: articles of an outlet, and what a selection shows.

    Parameters
    ----------
    hits, documents : pandas.DataFrame
        As for :class:`FramingExplorer`.
    group : str
        The documents' column of the first menu (``outlet``).
    """

    def __init__(self, hits: pd.DataFrame, documents: pd.DataFrame, group: str = "outlet"):
        self.hits = hits
        self.documents = documents
        self.group = group
        self.article_of = pd.Series(article_ids(documents).to_numpy(), index=documents["doc_id"].to_numpy())
        self.groups = sorted(g for g in documents[group].dropna().unique() if g) if group in documents else []

    def articles(self, group: str = ALL) -> list[tuple[str, str]]:
        """``(label, article id)`` of the outlet's articles: the title, or the id when there is none.

        A title shared by several articles is followed by the id, so that every label is unique.
        """
        documents = self._in_group(group)
        ids = article_ids(documents).to_numpy()
        titles = documents["title"].fillna("").astype(str).str.strip().to_numpy() if "title" in documents else None
        first: dict[str, str] = {}
        for i, article in enumerate(ids):
            if article not in first:
                first[article] = titles[i] if titles is not None and titles[i] else ""
        repeated = pd.Series([t for t in first.values() if t]).value_counts()
        labels = [
            (title if title and repeated.get(title, 0) == 1 else f"{title} ({a})" if title else a, a)
            for a, title in first.items()
        ]
        return labels[:MAX_ARTICLES]

    def _in_group(self, group: str) -> pd.DataFrame:
        if group == ALL or self.group not in self.documents:
            return self.documents
        return self.documents[self.documents[self.group] == group]

    def select(self, selection: Selection) -> Selected:
        """What ``selection`` shows (see :class:`Selected`)."""
        documents = self._in_group(selection.group)
        if selection.article != ALL:
            documents = documents[self.article_of.reindex(documents["doc_id"]).to_numpy() == selection.article]
        hits = self.hits[self.hits["doc_id"].isin(documents["doc_id"])]
        if selection.voice != "all":
            hits = hits[hits["quoted"] == (selection.voice == "quoted")]
        pairs = metrics.framing_pairs(hits)
        mentions = hits[hits["kind"] == "actor"]
        actors = mentions["label"].value_counts().index.tolist()
        terms = hits[hits["kind"] == "term"]
        if selection.actor != ALL:
            mentions = mentions[mentions["label"] == selection.actor]
            near = pairs[pairs["actor"] == selection.actor]
            keys = set(zip(near["doc_id"], near["term_start"]))
            terms = terms[
                pd.Series([k in keys for k in zip(terms["doc_id"], terms["start"])], index=terms.index, dtype=bool)
            ]
        categories = sorted(terms["category"].dropna().unique())
        if selection.category != ALL:
            terms = terms[terms["category"] == selection.category]
        shown = pd.concat([terms["doc_id"], mentions["doc_id"]])
        n_articles = self.article_of.reindex(shown.unique()).nunique()
        why = "" if len(terms) else self._why_empty(selection, hits, mentions)
        return Selected(hits, pairs, terms, mentions, actors, categories, int(n_articles), why)

    def _why_empty(self, selection: Selection, hits: pd.DataFrame, mentions: pd.DataFrame) -> str:
        where = "the corpus"
        if selection.article != ALL:
            label = dict((a, t) for t, a in self.articles(selection.group)).get(selection.article, selection.article)
            where = f"the article {label!r}"
        elif selection.group != ALL:
            where = f"{self.group} {selection.group!r}"
        voice = {"all": "", "narrator": " in the narrator's voice", "quoted": " in quoted speech"}[selection.voice]
        if hits.empty:
            return f"no actor mention or loaded term{voice} in {where}"
        if selection.actor != ALL and mentions.empty:
            return f"{selection.actor!r} is not mentioned{voice} in {where}"
        category = f" of category {selection.category!r}" if selection.category != ALL else ""
        near = f" in a sentence with {selection.actor!r}" if selection.actor != ALL else ""
        return f"no loaded term{category}{near}{voice} in {where}"


def _table_html(frame: pd.DataFrame, *, empty: str) -> str:
    if frame.empty:
        return f"<p><i>{html.escape(empty)}</i></p>"
    return frame.to_html(classes="framing-table", border=0, escape=True)


class FramingExplorer:
    """Dropdowns for outlet, article, actor, category and voice; three linked views.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table.
    documents : pandas.DataFrame
        The documents table with ``text`` (and a ``group`` column such as
        ``outlet``).
    group : str, optional
        The documents' column offered as the first filter.
    names : mapping, optional
        Actor → Arabic display name for the actor menu.
    width : int, optional
        Characters of context in the keyword-in-context lines.
    max_lines : int, optional
        Keyword-in-context lines shown (the rest are counted, not hidden).

    Examples
    --------
    In a notebook cell::

        explorer = FramingExplorer(result.hits, corpus.documents)
        explorer.widget
    """

    def __init__(
        self,
        hits: pd.DataFrame,
        documents: pd.DataFrame,
        *,
        group: str = "outlet",
        names: Mapping[str, str] | None = None,
        width: int = 50,
        max_lines: int = 60,
    ):
        import ipywidgets as widgets

        self.state = ExplorerState(hits, documents, group)
        self.hits = hits
        self.documents = documents
        self.group = group
        self.width = width
        self.max_lines = max_lines
        self.names = dict(names or {})
        self._busy = False  # menus whose options are being replaced must not recompute meanwhile
        self.group_menu = widgets.Dropdown(options=[ALL, *self.state.groups], value=ALL, description=group)
        self.document_menu = widgets.Dropdown(options=[(ALL, ALL)], value=ALL, description="article")
        self.actor_menu = widgets.Dropdown(options=[(ALL, ALL)], value=ALL, description="actor")
        self.category_menu = widgets.Dropdown(options=[ALL], value=ALL, description="category")
        self.voice_menu = widgets.ToggleButtons(options=list(VOICES), value="all", description="voice")
        self.summary = widgets.HTML()
        self.counts = widgets.HTML()
        self.matrix = widgets.HTML()
        self.kwic = widgets.HTML()
        self.group_menu.observe(self._refresh_documents, names="value")
        for menu in (self.group_menu, self.document_menu, self.actor_menu, self.category_menu, self.voice_menu):
            menu.observe(self.update, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.group_menu, self.document_menu]),
            widgets.HBox([self.actor_menu, self.category_menu]),
            self.voice_menu,
            self.summary,
            # Stacked, not side by side: Arabic labels and wide matrices need the full width.
            widgets.HTML("<b>loaded terms</b>"),
            self.counts,
            widgets.HTML("<b>actor × category (loaded terms in the same sentence as the actor)</b>"),
            self.matrix,
            widgets.HTML("<b>keyword in context</b>"),
            self.kwic,
        ])  # fmt: skip
        self._refresh_documents()
        self.update()

    @property
    def selection(self) -> Selection:
        """The menus' current choices."""
        return Selection(
            self.group_menu.value, self.document_menu.value, self.actor_menu.value, self.category_menu.value,
            self.voice_menu.value,
        )  # fmt: skip

    def _refresh_documents(self, *_) -> None:
        self._busy = True
        try:
            self.document_menu.options = [(ALL, ALL), *self.state.articles(self.group_menu.value)]
            self.document_menu.value = ALL
        finally:
            self._busy = False

    def _refresh_menus(self, selected: Selected) -> None:
        # Only what the selection holds; a choice that it lacks stays listed (and the summary says why it is empty).
        actor, category = self.actor_menu.value, self.category_menu.value
        actors = selected.actors + ([actor] if actor != ALL and actor not in selected.actors else [])
        categories = selected.categories + (
            [category] if category != ALL and category not in selected.categories else []
        )
        self._busy = True
        try:
            self.actor_menu.options = [(ALL, ALL)] + [
                (f"{self.names[a]} ({a})" if a in self.names else a, a) for a in actors
            ]
            self.actor_menu.value = actor
            self.category_menu.options = [ALL, *categories]
            self.category_menu.value = category
        finally:
            self._busy = False

    def selected_hits(self) -> pd.DataFrame:
        """The hits of the chosen outlet or article, in the chosen voice."""
        return self.state.select(self.selection).hits

    def update(self, *_) -> None:
        """Recompute the menus and the three views for the current choices."""
        if self._busy:
            return
        selected = self.state.select(self.selection)
        self._refresh_menus(selected)
        terms = selected.terms
        who = "actor mention(s)" if self.actor_menu.value == ALL else f"mention(s) of {self.actor_menu.value}"
        summary = (
            f"{len(terms)} loaded term(s) shown; {len(selected.mentions)} {who}; {selected.n_articles} article(s)."
        )
        if selected.why_empty:
            summary += f" Nothing to show: {selected.why_empty}."
        self.summary.value = f"<p>{html.escape(summary)}</p>"
        counts = terms.groupby(["category", "label"]).size().rename("n").sort_values(ascending=False).to_frame()
        self.counts.value = _table_html(counts.head(25), empty=selected.why_empty or "no loaded term for this choice")
        matrix = metrics.count_pairs(selected.pairs)
        if self.category_menu.value != ALL:
            matrix = matrix[matrix["category"] == self.category_menu.value]
        if self.actor_menu.value != ALL:
            matrix = matrix[matrix["actor"] == self.actor_menu.value]
        wide = metrics.matrix_wide(matrix) if not matrix.empty else pd.DataFrame()
        if not wide.empty:
            wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index].head(12)
        self.matrix.value = _table_html(wide, empty="no loaded term near an actor for this choice")
        lines = keyword_in_context(terms, self.documents, width=self.width)
        self.kwic.value = (
            kwic_html(lines, max_rows=self.max_lines)
            if len(lines)
            else f'<p dir="ltr"><i>no line for this choice{": " + html.escape(selected.why_empty) if selected.why_empty else ""}</i></p>'
        )

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

import pandas as pd

from . import metrics
from .kwic import keyword_in_context, kwic_html
from .measures import article_ids

ALL = "(all)"


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

        self.hits = hits
        self.documents = documents
        self.group = group
        self.width = width
        self.max_lines = max_lines
        names = names or {}
        groups = sorted(g for g in documents[group].dropna().unique() if g) if group in documents else []
        actors = hits.loc[hits["kind"] == "actor", "label"].value_counts().index.tolist()
        categories = sorted(hits.loc[hits["kind"] == "term", "category"].dropna().unique())
        self.group_menu = widgets.Dropdown(options=[ALL, *groups], value=ALL, description=group)
        self.document_menu = widgets.Dropdown(options=[ALL], value=ALL, description="article")
        self.actor_menu = widgets.Dropdown(
            options=[(ALL, ALL)] + [(f"{names.get(a, a)} ({a})" if a in names else a, a) for a in actors],
            value=ALL,
            description="actor",
        )
        self.category_menu = widgets.Dropdown(options=[ALL, *categories], value=ALL, description="category")
        self.voice_menu = widgets.ToggleButtons(options=["all", "narrator", "quoted"], value="all", description="voice")
        self.summary = widgets.HTML()
        self.counts = widgets.HTML()
        self.matrix = widgets.HTML()
        self.kwic = widgets.HTML()
        for menu in (self.group_menu, self.document_menu, self.actor_menu, self.category_menu, self.voice_menu):
            menu.observe(self.update, names="value")
        self.group_menu.observe(self._refresh_documents, names="value")
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

    def _documents_in_group(self) -> pd.DataFrame:
        if self.group_menu.value == ALL or self.group not in self.documents:
            return self.documents
        return self.documents[self.documents[self.group] == self.group_menu.value]

    def _refresh_documents(self, *_) -> None:
        ids = list(self._documents_in_group()["doc_id"])
        self.document_menu.options = [ALL, *ids[:500]]
        self.document_menu.value = ALL

    def selected_hits(self) -> pd.DataFrame:
        """The hits of the chosen outlet or article, in the chosen voice."""
        documents = self._documents_in_group()
        if self.document_menu.value != ALL:
            documents = documents[documents["doc_id"] == self.document_menu.value]
        hits = self.hits[self.hits["doc_id"].isin(documents["doc_id"])]
        if self.voice_menu.value != "all":
            hits = hits[hits["quoted"] == (self.voice_menu.value == "quoted")]
        return hits

    def selected_terms(self, hits: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
        """Term hits of the chosen category, near the chosen actor (same sentence) if any.

        ``pairs`` are the framing pairs of ``hits`` (computed once per update).
        """
        if self.actor_menu.value != ALL:
            pairs = pairs[pairs["actor"] == self.actor_menu.value]
            keys = set(zip(pairs["doc_id"], pairs["term_start"]))
            near = pd.Series([k in keys for k in zip(hits["doc_id"], hits["start"])], index=hits.index, dtype=bool)
            terms = hits[(hits["kind"] == "term") & near]
        else:
            terms = hits[hits["kind"] == "term"]
        if self.category_menu.value != ALL:
            terms = terms[terms["category"] == self.category_menu.value]
        return terms

    def update(self, *_) -> None:
        """Recompute the three views for the current choices."""
        hits = self.selected_hits()
        pairs = metrics.framing_pairs(hits)
        terms = self.selected_terms(hits, pairs)
        # Articles, not records: paragraphs of one article (the article column) count once.
        article_of = dict(zip(self.documents["doc_id"], article_ids(self.documents)))
        n_docs = len({article_of.get(doc_id, doc_id) for doc_id in hits["doc_id"]})
        self.summary.value = (
            f"<p>{len(terms)} loaded term(s) shown; {int((hits['kind'] == 'actor').sum())} actor mention(s) "
            f"in {n_docs} article(s) with hits.</p>"
        )
        counts = terms.groupby(["category", "label"]).size().rename("n").sort_values(ascending=False).to_frame()
        self.counts.value = _table_html(counts.head(25), empty="no loaded term for this choice")
        matrix = metrics.count_pairs(pairs)
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
            else ('<p dir="ltr"><i>no line for this choice</i></p>')
        )

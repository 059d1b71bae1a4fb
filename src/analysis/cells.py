"""The cells of a group table: every (kind, category, label) a group gets a row for.

A table of counts by group (outlet, month …) lists every group × every label
or category of the lexicons, zeros included: a mean over groups computed in R
or Stata from a table without its zero cells is biased upwards.  Cells are
plain tuples ``(kind, category, label)`` (``label`` empty for a term
category), so the command's streaming path uses them without pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon


def lexicon_cells(*lexicons: Lexicon) -> list[tuple[str, str, str]]:
    """Every (kind, category, label) of the lexicons, in file order: the cells of a group table.

    Parameters
    ----------
    *lexicons : analysis.lexicon.Lexicon
        E.g. ``counter.settings.actors, counter.settings.terms``.

    Returns
    -------
    list of tuple
        ``(kind, category, label)``, each once.
    """
    return list(dict.fromkeys((e.kind, e.category, e.label) for lexicon in lexicons for e in lexicon.entries))


def category_cells(cells: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The term categories of ``cells``, as cells with an empty label (the rows of ``group_categories``).

    >>> category_cells([("term", "a", "x"), ("actor", "person", "P"), ("term", "a", "y")])
    [('term', 'a', '')]
    """
    return list(dict.fromkeys((kind, category, "") for kind, category, _ in cells if kind == "term"))


def grid_cells(
    given: Iterable[tuple[str, str, str]], seen: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """The cells every group gets a row for: those ``given`` (the lexicons'), then those ``seen`` among the hits.

    >>> grid_cells([("term", "a", "")], [("term", "b", ""), ("term", "a", "")])
    [('term', 'a', ''), ('term', 'b', '')]
    """
    return list(dict.fromkeys([*given, *seen]))

"""table_or_note: a notebook cell shows its table, or one line saying why there is none."""

from __future__ import annotations

import pandas as pd

from analysis.show import table_or_note


def test_an_empty_table_is_replaced_by_its_note(capsys):
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="string"), "n": pd.Series([], dtype="int64")})
    assert table_or_note(empty, "no quotation marks in a1: every word is in the narrator's voice") is None
    assert table_or_note(None, "skipped: no source lexicon") is None
    assert table_or_note(pd.Series([], dtype="int64"), "no date") is None
    assert capsys.readouterr().out == (
        "no quotation marks in a1: every word is in the narrator's voice\nskipped: no source lexicon\nno date\n"
    )


def test_a_table_with_rows_is_returned_unchanged_and_nothing_is_printed(capsys):
    table = pd.DataFrame({"label": ["Occupation Army"], "n": [0]})  # a row of zeros is still a row to show
    assert table_or_note(table, "unused") is table
    assert capsys.readouterr().out == ""


def test_a_matrix_with_actors_but_no_category_is_replaced_by_its_note(capsys):
    # metrics.matrix_wide reindexed to the leading actors when no term stands within the window.
    from analysis import metrics

    empty_pairs = pd.DataFrame({"actor": pd.Series([], dtype="string"), "category": pd.Series([], dtype="string"),
                                "n": pd.Series([], dtype="int64")})  # fmt: skip
    wide = metrics.matrix_wide(empty_pairs, actors=["Haftar", "Egypt"])
    assert list(wide.index) == ["Haftar", "Egypt"] and wide.shape == (2, 0)
    assert table_or_note(wide, "no actor stands within 5 tokens of a loaded term in a1") is None
    assert capsys.readouterr().out == "no actor stands within 5 tokens of a loaded term in a1\n"

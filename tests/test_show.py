"""table_or_note: a notebook cell shows its table, or one line saying why there is none; report_summary."""

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


def test_report_summary_puts_the_skipped_record_first_and_counts_each_kind_once():
    from analysis.show import report_summary

    # 300 outlet names and datelines removed, one duplicate and one record that could not be read: grouped by
    # the whole problem text this is 203 rows and the error sits among those a notebook elides.
    notes = [("note", f"outlet name removed: '«صحيفة {i % 100}»'") for i in range(200)]
    notes += [("note", f"dateline removed: 'القاهرة {i}'") for i in range(100)]
    rows = [*notes[:150], ("duplicate", "exact duplicate of A7"), ("error", "empty text"), *notes[150:]]
    report = pd.DataFrame({
        "source": "a.csv", "row": range(2, len(rows) + 2), "doc_id": [f"A{i}" for i in range(len(rows))],
        "level": [level for level, _ in rows], "problem": [problem for _, problem in rows], "action": "removed",
    })  # fmt: skip
    summary = report_summary(report)
    assert summary[["level", "problem", "rows"]].values.tolist() == [
        ["error", "empty text", 1],
        ["duplicate", "exact duplicate", 1],
        ["note", "outlet name removed", 200],
        ["note", "dateline removed", 100],
    ]
    error = summary.iloc[0]
    assert (error["first"], error["row"], error["doc_id"]) == ("empty text", 153, "A151")
    assert summary.iloc[2]["first"] == "outlet name removed: '«صحيفة 0»'"
    assert summary["rows"].sum() == len(report)


def test_outlets_overview_counts_articles_not_paragraphs():
    """Notebook 04's first table: a corpus of paragraphs (an article column) gave its rows as articles.

    Al Jazeera's 33 paragraphs of 26 articles read "33 articles" there and "26 articles" in the rates
    and the figure's legend; the overview now counts articles as they do and shows the rows beside them.
    """
    from analysis.show import outlets_overview

    documents = pd.DataFrame({
        "doc_id": ["p1", "p2", "p3", "q1", "q2"], "outlet": ["aj", "aj", "aj", "bbc", "bbc"],
        "article": ["A", "A", "B", "", ""], "n_chars": [10, 20, 30, 40, 50],
        "month": ["2020-05", "2020-06", None, "2021-01", " "],
    })  # fmt: skip
    table = outlets_overview(documents)
    assert list(table.index) == ["aj", "bbc"]
    assert table.loc["aj"].to_dict() == {"articles": 2, "documents": 3, "characters": 60, "first": "2020-05",
                                         "last": "2020-06", "undated": 1}  # fmt: skip
    assert table.loc["bbc"].to_dict() == {"articles": 2, "documents": 2, "characters": 90, "first": "2021-01",
                                          "last": "2021-01", "undated": 1}  # fmt: skip
    # One row per article (no article column): the table is the one the notebook always showed.
    plain = outlets_overview(documents.drop(columns="article"))
    assert list(plain.columns) == ["articles", "characters", "first", "last", "undated"]
    assert plain["articles"].to_dict() == {"aj": 3, "bbc": 2}


def test_show_unreadable_names_what_a_corpus_read_left_out(tmp_path, capsys):
    # Notebook 02's lexicon workbench read its corpus with read_corpus(...).documents: an empty file among
    # the articles was left out of every count without a word, where 04-07 name it. show_unreadable says it.
    from analysis.corpus import read_corpus
    from analysis.show import show_unreadable

    (tmp_path / "good.txt").write_text("قال الوزير إن الحكومة ستجتمع غدا.", encoding="utf-8")
    (tmp_path / "draft.txt").write_bytes(b"")
    corpus = read_corpus([tmp_path])
    assert show_unreadable(corpus) == 1 and corpus.documents["doc_id"].tolist() == ["good"]
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == "1 record(s) could not be read and are left out:"
    assert shown[2].split()[:5] == ["0", "error", "empty", "file", "1"] and shown[2].endswith("draft")
    read_whole = read_corpus([tmp_path / "good.txt"])
    assert show_unreadable(read_whole) == 0 and capsys.readouterr().out == ""

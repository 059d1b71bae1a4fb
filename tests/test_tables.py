"""The tables module is the one contract: the README, the writers and the row types agree with it."""

import pickle
import re

import pandas as pd
import pytest

from analysis import tables
from analysis.paths import project_root

README_ROW = re.compile(r"^\| `(?P<file>[a-z_]+\.csv)`[^|]*\| (?P<row>[^|]+) \| (?P<columns>.+) \|$", re.M)


def readme_output_tables() -> dict[str, str]:
    text = (project_root() / "README.md").read_text(encoding="utf-8")
    return {m["file"]: m["columns"] for m in README_ROW.finditer(text)}


def listed_columns(cell: str) -> list[str]:
    lists = [part for part in re.findall(r"`([^`]+)`", cell) if "," in part]
    assert len(lists) == 1, cell
    return [name.strip() for name in lists[0].split(",")]


@pytest.mark.parametrize(
    "table", [*tables.OUTPUT_TABLES, *tables.LEXICON_TABLES, *tables.SCORE_TABLES], ids=lambda t: t.name
)
def test_readme_lists_each_output_table_with_the_modules_columns(table):
    rows = readme_output_tables()
    assert table.file in rows, f"README has no row for {table.file}"
    cell = rows[table.file]
    if table is tables.GROUP_CATEGORIES:
        assert cell.startswith("the same"), cell
        return
    assert listed_columns(cell) == list(table.names)


def test_the_readme_lists_no_table_the_module_does_not_define():
    written = (*tables.OUTPUT_TABLES, *tables.LEXICON_TABLES, *tables.SCORE_TABLES)
    assert set(readme_output_tables()) == {t.file for t in written}


def test_frames_get_the_declared_dtypes_even_when_empty():
    empty = tables.HITS.frame([])
    assert list(empty.columns) == list(tables.HITS.names)
    assert empty.dtypes["start"] == "int64" and str(empty.dtypes["quoted"]) == "bool"
    assert str(empty.dtypes["surface"]) == "string"
    report = tables.REPORT.frame([("a.csv", None, "x", "note", "p", "kept")])
    assert str(report.dtypes["row"]) == "Int64" and pd.isna(report.loc[0, "row"])


def test_rows_are_built_by_name_and_pickle_for_worker_processes():
    row = tables.HitRow(
        doc_id="d",
        kind="actor",
        label="Haftar",
        category="person",
        surface="لحفتر",
        start=3,
        end=8,
        paragraph=1,
        sentence=1,
        quoted=False,
        entry="حفتر",
        lexicon_row=2,
        negated=False,
        token_start=1,
        token_end=2,
    )
    assert row.surface == "لحفتر" and row[5] == 3
    assert pickle.loads(pickle.dumps(row)) == row and type(pickle.loads(pickle.dumps(row))) is tables.HitRow


def test_one_vocabulary_across_tables():
    # A name means one thing everywhere: the same dtype and meaning in every table that has it.
    seen: dict[str, tables.Column] = {}
    for table in [*tables.OUTPUT_TABLES, tables.RATES, tables.DENSITY, tables.DOCUMENT_STATS]:
        for column in table.columns:
            if column.name in ("n_docs", "n_words", "per_1000", "doc_id", "start", "end"):
                first = seen.setdefault(column.name, column)
                assert column.dtype == first.dtype, (table.name, column.name)
    old_names = {"n_tokens", "n_quoted_tokens", "rate_per_1000", "n_hits"}
    book = tables.codebook([*tables.OUTPUT_TABLES, tables.RATES, tables.SALIENCE, tables.DENSITY])
    assert not old_names & set(book["column"])


def test_codebook_has_a_meaning_for_every_column_written():
    book = tables.codebook()
    assert (book["meaning"].str.len() > 10).all()
    assert set(book["file"]) == {t.file for t in tables.OUTPUT_TABLES}
    assert "codebook.csv" in set(book["file"])  # the codebook is written beside the tables, so it is one
    assert len(book) == sum(len(t.columns) for t in tables.OUTPUT_TABLES)


def test_require_names_what_is_missing_and_what_is_there():
    with pytest.raises(ValueError, match=r"hits has no column\(s\) \['start'\]; it has \['doc_id'\]"):
        tables.HITS.require(["doc_id"], ["doc_id", "start"])


@pytest.mark.parametrize("row_type", list(tables.ROW_TYPES), ids=lambda t: t.__name__)
def test_each_row_type_has_exactly_its_tables_columns(row_type):
    assert row_type._fields == tables.ROW_TYPES[row_type].names


def test_the_sourcing_tables_are_declared_here_and_re_exported_by_sourcing():
    from analysis import sourcing
    from analysis.lexicon import load_sources

    assert sourcing.ATTRIBUTION_COLUMNS == tables.ATTRIBUTIONS.names
    assert sourcing.SUMMARY_COLUMNS == tables.SOURCING.names
    assert sourcing.NAMED_TYPES == ("named", "named_other")
    empty = sourcing.find_attributions(tables.TOKENS.frame([]), tables.HITS.frame([]), load_sources())
    assert list(empty.columns) == list(tables.ATTRIBUTIONS.names)
    assert empty.dtypes["cue_start"] == "int64" and str(empty.dtypes["source_type"]) == "string"
    book = tables.codebook(tables.SOURCING_TABLES)
    assert set(book["table"]) == {"attributions", "sourcing"} and (book["meaning"].str.len() > 10).all()
    written = tables.written_codebook({"attributions.csv": (tables.ATTRIBUTIONS, tables.ATTRIBUTIONS.names)})
    assert written.set_index("column").loc["source_type", "allowed"] == "named, named_other, anonymous, none"

"""Exports: CSV (with or without a BOM), .xlsx, Parquet and Stata round-trip with the same values; the codebook."""

import json

import openpyxl
import pandas as pd
import pytest

from analysis.batch import count_corpus
from analysis.errors import FramingInputError
from analysis.export import XLSX_MAX_CHARS, export_tables, read_csv_table, stata_names
from analysis.lexicon import load_actors, load_terms
from analysis.pipeline import FramingCounter
from analysis.tables import HITS, REPORT

LONG = "كلمة " * 500  # 2,500 characters, 4,500 UTF-8 bytes: over Stata's 2,045-byte str limit


def hand_tables() -> dict[str, pd.DataFrame]:
    hits = HITS.frame([
        ("a1", "term", "مليشي*", "delegitimizing_label", "=مليشيات", 4, 12, 1, 1, False, "مليشي*", 2, 1, 2, True, 0.75),
        ("a2", "actor", "Khalifa Haftar", "person", "حفتر", 0, 4, 2, 3, True, "حفتر", 3, 0, 1, False, None),
    ])  # fmt: skip
    report = REPORT.frame([("c.csv", None, "a1", "note", LONG, "kept"), ("c.csv", 7, "", "warning", "-x", "")])
    return {"hits": hits, "skipped": report}


def same_values(read: pd.DataFrame, written: pd.DataFrame) -> None:
    assert list(read.columns) == list(written.columns)
    for column in written.columns:
        expected = written[column].astype(object).where(written[column].notna(), None).tolist()
        got = read[column].astype(object).where(read[column].notna(), None).tolist()
        if str(written[column].dtype) == "string":
            expected = ["" if v is None else v for v in expected]
            got = ["" if v is None else v for v in got]
        assert got == expected, column


def test_parquet_round_trips_values_and_dtypes(tmp_path):
    tables = hand_tables()
    export_tables(tables, tmp_path, format="parquet")
    for name, frame in tables.items():
        read = pd.read_parquet(tmp_path / f"{name}.parquet")
        same_values(read, frame)
        assert dict(read.dtypes.astype(str)) == dict(frame.dtypes.astype(str))


def test_xlsx_round_trips_once_formula_guards_are_removed(tmp_path):
    from analysis.coding.formulas import restore_formula

    tables = hand_tables()
    export_tables(tables, tmp_path, format="xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "hits.xlsx").active
    # The formula-like surface is text in the sheet (an apostrophe before it), not a formula.
    assert sheet["E2"].value == "'=مليشيات" and sheet["E2"].data_type == "s"
    assert sheet["E3"].value == "حفتر"
    for name, frame in tables.items():
        read = pd.read_excel(tmp_path / f"{name}.xlsx", keep_default_na=False, na_values=[""])
        for column in read.columns:
            if str(frame[column].dtype) == "string":
                read[column] = read[column].map(restore_formula)
        same_values(read, frame)
    # The CSV beside it keeps the text as it is: offsets index the text.
    export_tables(tables, tmp_path / "csv", format="csv")
    assert read_csv_table(tmp_path / "csv" / "hits.csv", HITS).loc[0, "surface"] == "=مليشيات"


def test_stata_round_trips_with_valid_names_and_long_strings(tmp_path):
    tables = hand_tables()
    export_tables(tables, tmp_path, format="dta")
    hits = pd.read_stata(tmp_path / "hits.dta")
    # "end" is a reserved word in Stata: written as _end, with its name and meaning as the variable label.
    assert list(hits.columns) == [stata_names(list(HITS.names))[c] for c in HITS.names]
    assert "_end" in hits.columns and hits["_end"].tolist() == [12, 4]
    with pd.io.stata.StataReader(tmp_path / "hits.dta") as reader:
        labels = reader.variable_labels()
    assert labels["_end"] == "end: character offset just after the last character (text[start:end] is the…"
    # every other column's label is its meaning in the codebook, cut to Stata's 80 characters at a word
    assert labels["surface"] == HITS.column("surface").meaning == "the matched characters, exactly as in the text"
    assert all(0 < len(label) <= 80 for label in labels.values()) and len(labels) == len(HITS.names)
    long = next(c for c in HITS.columns if len(c.meaning) > 80)
    assert labels[stata_names([long.name])[long.name]].endswith("…")
    hits.columns = list(HITS.names)
    same_values(hits.astype({"quoted": bool, "negated": bool}), tables["hits"])
    report = pd.read_stata(tmp_path / "skipped.dta")
    assert report.loc[0, "problem"] == LONG and len(LONG.encode("utf-8")) > 2045
    assert pd.isna(report.loc[0, "row"]) and report.loc[1, "row"] == 7
    book = pd.read_csv(tmp_path / "codebook.csv", keep_default_na=False)
    assert book.loc[(book["file"] == "hits.dta") & (book["column"] == "end"), "stata_name"].item() == "_end"


def test_stata_labels_of_pattern_columns_name_their_own_column(tmp_path):
    # scores.dta of a newcomer's Egypt study: n_anti_regime and n_pro_regime were both labelled
    # "n_<category>: hits of the term category in the document (one column per…", so Stata's describe
    # could not tell them apart; a score column too long for a Stata name was labelled with its name alone.
    from analysis.tables import SCORES

    actor = "n_Abdel_Fattah_el_Sisi__pro_regime"  # 34 characters: Stata's limit is 32
    scores = pd.DataFrame({"doc_id": ["EG1"], "n_words": [120], "n_anti_regime": [0], "n_pro_regime": [2],
                           "per_1000_pro_regime": [16.7], actor: [1]})  # fmt: skip
    export_tables({"scores": scores}, tmp_path, format="dta", definitions={"scores": SCORES})
    with pd.io.stata.StataReader(tmp_path / "scores.dta") as reader:
        labels = reader.variable_labels()
    assert labels["n_anti_regime"].startswith("n_anti_regime: hits of the term category in the document")
    assert labels["n_pro_regime"].startswith("n_pro_regime: hits of the term category in the document")
    assert labels["per_1000_pro_regime"].startswith("per_1000_pro_regime: those hits per 1,000 words")
    assert labels["n_words"] == SCORES.column("n_words").meaning  # a column of its own is not read as n_<category>
    assert labels["c6"].startswith(actor + ": ")  # c and its position (1-based)
    assert all(len(label) <= 80 for label in labels.values())


def test_stata_names_rename_what_stata_refuses():
    names = stata_names(["doc_id", "الحوثيون_إرهاب", "end", "x" * 33, "in"])
    assert names == {"doc_id": "doc_id", "الحوثيون_إرهاب": "c2", "end": "_end", "x" * 33: "c4", "in": "_in"}


def test_bom_changes_only_the_first_bytes(tmp_path):
    tables = hand_tables()
    plain = export_tables(tables, tmp_path / "plain")
    bom = export_tables(tables, tmp_path / "bom", bom=True)
    for a, b in zip(plain, bom):
        if a.suffix == ".csv":
            assert b.read_bytes() == b"\xef\xbb\xbf" + a.read_bytes(), a.name
    # Without a BOM the CSV is exactly pandas' UTF-8 CSV of the table.
    assert (tmp_path / "plain" / "hits.csv").read_text(encoding="utf-8").startswith("doc_id,kind,label")


def test_a_cell_too_long_for_excel_stops_the_export_and_writes_nothing(tmp_path):
    tables = hand_tables()
    tables["skipped"].loc[1, "problem"] = "x" * (XLSX_MAX_CHARS + 1)
    with pytest.raises(FramingInputError, match=r"skipped: column 'problem', row 3: text longer than 32,767"):
        export_tables(tables, tmp_path / "out", format="xlsx")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "c.csv").write_text(
        "id,text,outlet,date\na1,قال حفتر إن مليشيات مصر تقدمت.,alpha,2019-10-01\n"
        "a2,ولحفتر «مليشيات» في الشرق.,beta,2019-10-02\n",
        encoding="utf-8",
    )
    (tmp_path / "actors.csv").write_text("actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n", "utf-8")
    (tmp_path / "terms.csv").write_text("term,category,gloss\nمليشي*,delegitimizing_label,militia\n", "utf-8")
    return tmp_path


def counter(folder):
    return FramingCounter(load_actors(folder / "actors.csv"), load_terms(folder / "terms.csv"), ignore=None)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "dta"])
def test_the_codebook_lists_every_column_of_every_table_written(corpus, fmt):
    out = corpus / "out"
    count_corpus([corpus / "c.csv"], out, counter=counter(corpus), group_by=["outlet"], keep_tokens=True, format=fmt)
    book = pd.read_csv(out / "codebook.csv", keep_default_na=False)
    readers = {
        "csv": lambda p: pd.read_csv(p, nrows=0), "xlsx": lambda p: pd.read_excel(p, nrows=0),
        "parquet": pd.read_parquet, "dta": pd.read_stata,
    }  # fmt: skip
    files = sorted(p.name for p in out.iterdir() if p.suffix == f".{fmt}" and p.name != "codebook.csv")
    assert files == sorted(
        f"{stem}.{fmt}" for stem in ("hits", "counts", "documents", "scores", "quotations", "skipped", "groups",
                                     "group_categories", "tokens")
    )  # fmt: skip
    for file in [*files, "codebook.csv"]:
        columns = list((readers["csv"] if file == "codebook.csv" else readers[fmt])(out / file).columns)
        listed = book.loc[book["file"] == file, "stata_name" if fmt == "dta" else "column"].tolist()
        assert listed == columns, file
    assert (book["meaning"].str.len() > 10).all()
    assert not book["meaning"].str.startswith("not defined").any()  # scores.csv's n_<category> columns included
    assert (
        book.loc[(book["file"] == f"groups.{fmt}") & (book["column"] == "outlet"), "meaning"]
        .item()
        .startswith("grouping key: the outlet")
    )
    assert book.loc[(book["file"] == f"hits.{fmt}") & (book["column"] == "kind"), "allowed"].item() == (
        "actor, term, model"
    )
    markdown = (out / "codebook.md").read_text(encoding="utf-8")
    assert markdown.count("\n## ") == len(files) + 1 and f"## hits.{fmt} (hits)" in markdown
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["tables"]) == sorted([*files, "codebook.csv", "codebook.md"])


def test_exported_tables_hold_what_the_csv_holds(corpus):
    count_corpus([corpus / "c.csv"], corpus / "csv", counter=counter(corpus), group_by=["outlet"])
    count_corpus([corpus / "c.csv"], corpus / "pq", counter=counter(corpus), group_by=["outlet"], format="parquet")
    for table, name in ((HITS, "hits"), (REPORT, "skipped")):
        expected = read_csv_table(corpus / "csv" / f"{name}.csv", table)
        pd.testing.assert_frame_equal(pd.read_parquet(corpus / "pq" / f"{name}.parquet"), expected)
    hits = pd.read_parquet(corpus / "pq" / "hits.parquet")
    text = "قال حفتر إن مليشيات مصر تقدمت."
    assert [text[s:e] for s, e in zip(hits["start"][:3], hits["end"][:3])] == hits["surface"][:3].tolist()
    assert hits["surface"].tolist()[:3] == ["حفتر", "مليشيات", "مصر"]


def test_a_new_format_replaces_the_previous_runs_tables(corpus):
    out = corpus / "out"
    count_corpus([corpus / "c.csv"], out, counter=counter(corpus))
    count_corpus([corpus / "c.csv"], out, counter=counter(corpus), format="xlsx")
    assert sorted(p.name for p in out.iterdir()) == [
        "codebook.csv", "codebook.md", "counts.xlsx", "documents.xlsx", "hits.xlsx", "manifest.json",
        "quotations.xlsx", "scores.xlsx", "skipped.xlsx",
    ]  # fmt: skip


def test_the_command_writes_the_format_asked_for_and_a_bom(corpus):
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[1] / "src")
    lexicons = ["--actors", "actors.csv", "--terms", "terms.csv", "--ignore", ""]

    def framing(*args):
        return subprocess.run([sys.executable, "-m", "analysis.cli", "count", "c.csv", *lexicons, *args],
                              capture_output=True, text=True, cwd=corpus, env={**os.environ, "PYTHONPATH": src})  # fmt: skip

    done = framing("--out", "dta", "--format", "dta", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "wrote dta/hits.dta" in done.stdout and "wrote dta/codebook.md" in done.stdout
    assert pd.read_stata(corpus / "dta" / "hits.dta")["surface"].tolist() == ["حفتر", "مليشيات", "مصر", "ولحفتر",
                                                                               "مليشيات"]  # fmt: skip
    done = framing("--out", "bom", "--bom", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert (corpus / "bom" / "counts.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,kind,label,category,n\n")
    assert framing("--out", "x", "--format", "sav").returncode == 2  # argparse: not a choice

"""No silent results: every way a run used to give empty or wrong tables without a word now fails or reports.

The command is called in this process (``analysis.cli.main``), as a user calls it, with small hand-made inputs.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import compare
from analysis.cells import lexicon_cells
from analysis.cli import main
from analysis.corpus import SUFFIXES, Columns, read_corpus
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.measures import MISSING_GROUP, group_table
from analysis.pipeline import FramingCounter

ACTORS_CSV = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n"
TERMS_CSV = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"


@pytest.fixture
def lexicons(tmp_path):
    (tmp_path / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS_CSV, encoding="utf-8")
    return ["--actors", str(tmp_path / "actors.csv"), "--terms", str(tmp_path / "terms.csv")]


def framing(capsys, *args) -> tuple[int, str, str]:
    status = main(["count", *map(str, args), "--no-progress", "--workers", "1"])
    out = capsys.readouterr()
    return status, out.out, out.err


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


# -- column options --------------------------------------------------------------------------------------------


def test_wrong_text_column_of_a_csv_lists_its_columns(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,body,newspaper\na1,قال حفتر,x\n")
    status, _, err = framing(capsys, data, *lexicons, "--text-column", "content", "--skip-bad", "--out", tmp_path / "o")
    assert status == 2
    assert "news.csv, row 1: has no column 'content' (columns: id, body, newspaper); " in err
    assert 'name the text column with --text-column (or text = "..." under [columns] of framing.toml).' in err
    assert "--skip-bad" not in err
    assert not (tmp_path / "o").exists()


def test_wrong_text_field_of_a_jsonl_file_lists_its_fields(tmp_path, lexicons, capsys):
    data = write(tmp_path / "feed.jsonl", '{"id": "1", "body": "قال حفتر"}\n{"id": "2", "body": "مصر"}\n')
    status, _, err = framing(capsys, data, *lexicons, "--skip-bad", "--out", tmp_path / "o")
    assert status == 2
    assert "feed.jsonl, row 1: has no column 'text' (fields of its first record: id, body)" in err
    assert "--skip-bad" not in err and not (tmp_path / "o").exists()


def test_a_typo_in_any_named_column_option_fails(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,text,newspaper\na1,قال حفتر,x\n")
    status, _, err = framing(capsys, data, *lexicons, "--outlet-column", "newspapr", "--out", tmp_path / "o")
    assert status == 2
    assert "has no column 'newspapr' (columns: id, text, newspaper); name the outlet column with --outlet-column" in err
    # The defaults are optional: a CSV without outlet, date, title or url columns is read.
    status, out, _ = framing(capsys, data, *lexicons, "--out", tmp_path / "o")
    assert status == 0 and "1 document(s)" in out


def test_columns_named_are_the_text_and_every_one_changed():
    assert Columns().named() == {"text": "text"}
    assert Columns(id="page", article="page_id").named() == {"text": "text", "id": "page", "article": "page_id"}


# -- every record skipped ------------------------------------------------------------------------------------------


def test_a_run_that_skips_every_record_fails_and_writes_the_report(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,text\na1,\na2,   \na3,\na4,\n")
    status, out, err = framing(capsys, data, *lexicons, "--skip-bad", "--out", tmp_path / "o")
    assert status == 2 and out == ""
    assert "skipped.csv: every record was skipped, nothing was counted (" in err
    assert "news.csv, row 2: empty text; " in err and "news.csv, row 4: empty text and 1 more)" in err
    assert "All 4 are listed in this file (no other table was written)" in err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["skipped.csv"]
    report = pd.read_csv(tmp_path / "o" / "skipped.csv", keep_default_na=False)
    assert report["row"].tolist() == [2, 3, 4, 5] and set(report["problem"]) == {"empty text"}


def test_a_csv_of_headers_only_fails(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,text\n")
    status, _, err = framing(capsys, data, *lexicons, "--out", tmp_path / "o")
    assert status == 2 and "nothing to count: the input holds no article" in err
    # the file to look at is named, not the --out folder that was never written
    assert f"framing: error: {data}: nothing to count" in err and "/o:" not in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("name, content", [("news.csv", b""), ("news.csv", b"\xef\xbb\xbf\n"), ("news.jsonl", b"")])
def test_an_empty_csv_or_jsonl_file_is_called_empty_and_skippable(tmp_path, lexicons, capsys, name, content):
    (tmp_path / name).write_bytes(content)
    data = write(tmp_path / "other.csv", "id,text\na1,حفتر في بنغازي\n")
    status, _, err = framing(capsys, tmp_path / name, data, *lexicons, "--out", tmp_path / "o")
    assert (
        status == 2
        and f"{name}: empty file (use --skip-bad to skip and report such records: each is a row of skipped.csv in the output folder)"
        in err
    )
    assert "has no column" not in err and not (tmp_path / "o").exists()
    status, _, err = framing(capsys, tmp_path / name, data, *lexicons, "--out", tmp_path / "o", "--skip-bad")
    assert status == 0 and "skipped (errors): 1 report row(s): 1 empty file" in err
    report = pd.read_csv(tmp_path / "o" / "skipped.csv", keep_default_na=False)
    assert report[["doc_id", "problem", "action"]].values.tolist() == [["news", "empty file", "skipped"]]
    assert (tmp_path / name).read_bytes() == content


# -- grouping ----------------------------------------------------------------------------------------------------------


def test_group_by_a_column_no_document_has_fails_naming_it(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,text,newspaper\na1,قال حفتر,x\na2,مصر,y\n")
    status, _, err = framing(capsys, data, *lexicons, "--group-by", "outlet", "--out", tmp_path / "o")
    assert status == 2
    assert "cannot group by 'outlet': no document has a value in it. Columns with values: doc_id, source, row, " in err
    assert "The input's fields: " in err and "news.csv: id, text, newspaper." in err
    assert "Name the input's outlet column with --outlet-column." in err
    assert not (tmp_path / "o").exists()


def test_documents_missing_the_group_are_grouped_and_reported(tmp_path, lexicons, capsys):
    # a1 and a3 (outlet x): 2 + 3 words, 1 + 1 Haftar; a2 (no outlet): 2 words, 1 Haftar, 1 militia.
    data = write(tmp_path / "news.csv", "id,text,outlet\na1,قال حفتر,x\na2,مليشيات حفتر,\na3,ذهب حفتر اليوم,x\n")
    status, _, err = framing(capsys, data, *lexicons, "--group-by", "outlet", "--out", tmp_path / "o")
    assert status == 0, err
    assert "1 grouping column 'outlet' empty in 1/3 document(s)" in err
    groups = pd.read_csv(tmp_path / "o" / "groups.csv", keep_default_na=False)
    # Every label of the lexicons in every group, zeros included (Egypt is in no document).
    assert list(zip(groups.outlet, groups.label, groups.n, groups.n_docs, groups.n_words)) == [
        (MISSING_GROUP, "Khalifa Haftar", 1, 1, 2),
        (MISSING_GROUP, "Egypt", 0, 1, 2),
        (MISSING_GROUP, "مليشي*", 1, 1, 2),
        ("x", "Khalifa Haftar", 2, 2, 5),
        ("x", "Egypt", 0, 2, 5),
        ("x", "مليشي*", 0, 2, 5),
    ]
    assert groups.per_1000.tolist() == [500.0, 0.0, 500.0, 400.0, 0.0, 0.0]
    report = pd.read_csv(tmp_path / "o" / "skipped.csv", keep_default_na=False)
    last = report.iloc[-1]
    assert (last.level, last.problem) == ("warning", "grouping column 'outlet' empty in 1/3 document(s)")
    # The API groups alike, and says so.
    corpus = read_corpus([data])
    counter = FramingCounter(*_lexicons(tmp_path))
    result = counter.count(corpus.documents)
    cells = lexicon_cells(counter.settings.actors, counter.settings.terms)
    with pytest.warns(UserWarning, match=r"1 of 3 document\(s\) have no 'outlet': grouped as '\(missing\)'"):
        api = group_table(result.hits, result.documents, by=["outlet"], cells=cells)
    assert list(zip(api.outlet, api.label, api.n, api.n_words)) == list(
        zip(groups.outlet, groups.label, groups.n, groups.n_words)
    )


def test_group_table_refuses_a_column_without_values():
    documents = documents_from_texts(["حفتر", "مصر"], ["d1", "d2"])
    result = FramingCounter().count(documents)
    with pytest.raises(ValueError, match=r"cannot group by 'outlet': no document has a value in it; columns with"):
        group_table(result.hits, result.documents, by=["outlet"])


def test_api_and_command_group_alike_by_doc_id(tmp_path, lexicons, capsys):
    data = write(tmp_path / "news.csv", "id,text,outlet\na1,قال حفتر ومصر,x\na2,مليشيات حفتر,y\n")
    status, _, err = framing(capsys, data, *lexicons, "--group-by", "doc_id", "--out", tmp_path / "o")
    assert status == 0, err
    command = pd.read_csv(tmp_path / "o" / "groups.csv", keep_default_na=False)
    counter = FramingCounter(*_lexicons(tmp_path))
    result = counter.count(read_corpus([data]).documents)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every document has a doc_id: no warning
        api = group_table(
            result.hits, result.documents, by=["doc_id"], cells=lexicon_cells(counter.actors, counter.terms)
        )
    assert list(zip(command.doc_id, command.label, command.n, command.n_words)) == [
        ("a1", "Khalifa Haftar", 1, 3),  # category person before state
        ("a1", "Egypt", 1, 3),
        ("a1", "مليشي*", 0, 3),  # zero cells: every label of the lexicons in every group
        ("a2", "Khalifa Haftar", 1, 2),
        ("a2", "Egypt", 0, 2),
        ("a2", "مليشي*", 1, 2),
    ]
    assert list(zip(api.doc_id, api.label, api.n, api.n_words)) == list(
        zip(command.doc_id, command.label, command.n, command.n_words)
    )
    rates = compare.group_rates(result.hits, result.documents, group="doc_id", n_boot=50)
    assert list(zip(rates.group, rates.category, rates.n, rates.per_1000)) == [
        ("a1", "delegitimizing_label", 0, 0.0),
        ("a2", "delegitimizing_label", 1, 500.0),
    ]


# -- files in a folder that are not read ----------------------------------------------------------------------------


def test_every_file_of_a_folder_not_read_is_reported(tmp_path, lexicons, capsys):
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    write(folder / "one.txt", "قال حفتر")
    (folder / "two.docx").write_bytes(b"PK\x03\x04")
    (folder / "more" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "more" / "photo.PNG").write_bytes(b"\x89PNG")
    status, out, err = framing(capsys, folder, *lexicons, "--out", tmp_path / "o")
    assert status == 0 and "1 document(s)" in out
    assert "framing: note: 3 report row(s): 3 not read (first: not read (.PNG is not a format read: .txt," in err
    report = pd.read_csv(tmp_path / "o" / "skipped.csv", keep_default_na=False)
    assert [p.rsplit("/", 2)[-2:] for p in report.source] == [
        ["more", "photo.PNG"],
        ["more", "scan.pdf"],
        ["articles", "two.docx"],
    ]
    assert set(report.level) == {"note"} and set(report.action) == {"skipped"}
    formats = ", ".join(SUFFIXES)  # .txt, .csv, .csv.gz, .jsonl ...
    assert report.problem[2] == f"not read (.docx is not a format read: {formats})"


def test_a_folder_of_unread_files_only_names_them(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"PK")
    with pytest.raises(
        FramingInputError, match=r"is a folder with no \.txt.* files \(it has 1 other file\(s\): a\.docx\)"
    ):
        read_corpus([folder])


def _lexicons(tmp_path):
    return load_lexicon(tmp_path / "actors.csv", ACTORS), load_lexicon(tmp_path / "terms.csv", TERMS)


def test_a_file_of_headers_only_among_others_is_a_warning_in_the_report(tmp_path, lexicons, capsys):
    # sweep6: a wrong export (header only) beside a good file added nothing and was named nowhere but the manifest.
    good = write(tmp_path / "news.csv", "id,text\na1,قال حفتر\n")
    empty = write(tmp_path / "empty.csv", "id,text\n")
    status, _, err = framing(capsys, good, empty, *lexicons, "--out", tmp_path / "o")
    assert status == 0
    report = pd.read_csv(tmp_path / "o" / "skipped.csv", keep_default_na=False)
    assert report[["source", "row", "level", "problem", "action"]].values.tolist() == [
        [str(empty), "", "warning", "no record: the file holds only a header or blank lines", "read"]
    ]
    assert read_corpus([good]).report.empty  # a file with records gets no such row

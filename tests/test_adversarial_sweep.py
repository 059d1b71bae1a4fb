"""Cases a fresh adversarial sweep (issue 14) found still breaking the promises of README "Bad input".

Each input is small and written by hand here; each test failed before its fix.
Those whose fix belongs to files other helpers edit are ``xfail(strict=True)``
with the reason.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import FramingCounter
from analysis.cli import main, os_error_message
from analysis.corpus import read_corpus
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts

ARTICLE = "قال حفتر إن الهدنة انتهت."
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _count(capsys, *argv: str) -> tuple[int, str]:
    """Run ``framing count`` in-process; its exit status and the last line of stderr."""
    status = main(["count", "--no-progress", *argv])
    lines = capsys.readouterr().err.strip().splitlines()
    return status, lines[-1] if lines else ""


# JSON Lines ----------------------------------------------------------------


def test_a_json_field_written_twice_is_named_not_the_last_one_silently(tmp_path, capsys):
    # json.loads keeps the last "text" ("other", 5 characters): the article would vanish.
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "' + ARTICLE + '", "text": "other"}\n', encoding="utf-8")
    status, message = _count(capsys, str(path), "--out", str(tmp_path / "out"))
    assert status == 2
    assert message == (
        f"framing: error: {path}, row 1: the field 'text' is written twice: it is not clear which to read "
        "(use --skip-bad to skip and report such records: each is a row of skipped.csv in the output folder)"
    )
    assert not (tmp_path / "out" / "hits.csv").exists()


def test_a_json_field_written_twice_is_skippable_and_reported(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "a", "text": "' + ARTICLE + '"}\n{"id": "b", "id": "c", "text": "نص آخر"}\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    status, _ = _count(capsys, str(path), "--skip-bad", "--out", str(out))
    assert status == 0
    assert pd.read_csv(out / "documents.csv")["doc_id"].tolist() == ["a"]
    report = pd.read_csv(out / "skipped.csv")
    assert report[["row", "level", "problem", "action"]].values.tolist() == [
        [2, "error", "the field 'id' is written twice: it is not clear which to read", "skipped"]
    ]


def test_a_lone_surrogate_escape_is_named_not_a_crash_in_python(tmp_path):
    # "\ud800" is valid JSON but not a character: the command counts it (tests/test_batch.py),
    # but pandas/pyarrow cannot hold it: read_corpus raised a bare UnicodeEncodeError.
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "abc \\ud800 ' + ARTICLE + '"}\n', encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        read_corpus(path)
    assert str(caught.value) == (
        f"{path}, row 1: document 1 ('a'): the text has a lone surrogate (\\ud800 at character 5), not a "
        "character (a JSON escape of half an emoji?): a pandas table cannot hold it; fix or remove it, or count "
        "the file with the framing command"
    )


# metadata.csv ----------------------------------------------------------------


def _folder(tmp_path: Path, metadata: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("metadata", "where", "problem"),
    [
        (
            "doc_id,outlet,outlet\na,x,y\n",
            "row 1",
            "the header has the column 'outlet' twice (columns B and C): it is not clear which to read; rename one.",
        ),
        ("doc_id,outlet\na,x\na,y\n", "row 3", "doc_id 'a' is also on row 2: delete one of the rows."),
        (
            "doc_id,outlet,date\na,x\n",
            "row 2",
            "fewer cells than the header (2, not 3): a cell lost, or a line break outside quotation marks?",
        ),
        ("doc_id,outlet\na,x,extra\n", "row 2", "a value in a column without a name (an unquoted comma?)."),
    ],
)
def test_metadata_rows_are_read_exactly_or_named(tmp_path, metadata, where, problem):
    # Before: the last 'outlet' column or row won silently, a short row left the date empty.
    folder = _folder(tmp_path, metadata)
    with pytest.raises(FramingInputError) as caught:
        read_corpus(folder)
    assert str(caught.value) == f"{folder / 'metadata.csv'}, {where}: {problem}"


def test_a_metadata_row_for_no_article_is_reported(tmp_path):
    # A misspelt doc_id left its article without outlet, and nothing said so.
    folder = _folder(tmp_path, "doc_id,outlet\nA,aljazeera\na,bbc\n")
    corpus = read_corpus(folder)
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["a", "bbc"]]
    assert corpus.report[["source", "row", "doc_id", "level", "problem", "action"]].values.tolist() == [
        [str(folder / "metadata.csv"), 2, "A", "warning", f"no .txt file 'A' in {folder} or below", "not applied"]
    ]  # fmt: skip


def test_a_clean_metadata_csv_is_unchanged(tmp_path):
    folder = _folder(tmp_path, "doc_id,outlet,date\na,bbc,2020-01-02\n,,\n")
    corpus = read_corpus(folder)
    assert corpus.documents[["doc_id", "outlet", "date"]].values.tolist() == [["a", "bbc", "2020-01-02"]]
    assert corpus.report.empty


# The Python API ---------------------------------------------------------------


def test_read_corpus_of_an_empty_string_does_not_read_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # before: "" was "." and this article was read
    with pytest.raises(FramingInputError) as caught:
        read_corpus("")
    assert str(caught.value) == "'': is an empty path (an unset variable?): name a file or folder."


@pytest.mark.parametrize(
    ("texts", "ids", "message"),
    [
        ([ARTICLE, ARTICLE + " ثم"], ["a"], "texts: 1 doc_ids for 2 texts: give one id per text."),
        ([ARTICLE, ARTICLE + " ثم"], ["a", "a"], "texts: the doc_id 'a' is given twice: doc_ids must be unique."),
        (
            ["نص \ud800"],
            None,
            "texts: document 1 ('doc0001'): the text has a lone surrogate (\\ud800 at character 4), not a "
            "character (a JSON escape of half an emoji?): a pandas table cannot hold it; fix or remove it, or "
            "count the file with the framing command",
        ),
    ],
)
def test_documents_from_texts_raises_framing_input_errors(texts, ids, message):
    # Before: bare ValueErrors, and a UnicodeEncodeError from pyarrow for the surrogate.
    with pytest.raises(FramingInputError) as caught:
        documents_from_texts(texts, doc_ids=ids)
    assert str(caught.value) == message


def test_framing_counter_refuses_a_doc_id_given_twice():
    documents = pd.DataFrame({"doc_id": ["b", "a", "a"], "text": [ARTICLE, ARTICLE, ARTICLE + " ثم"]})
    with pytest.raises(FramingInputError) as caught:
        FramingCounter().count(documents)
    assert str(caught.value) == (
        "documents: has doc_id 'a' on rows 2 and 3: each document needs its own id (its hits are joined to it by id)."
    )


def test_framing_counter_refuses_a_list_of_texts():
    with pytest.raises(FramingInputError, match=r"^documents: is a list, not a table: .*documents_from_texts"):
        FramingCounter().count([ARTICLE])  # type: ignore[arg-type]


def test_framing_counter_given_a_corpus_says_to_pass_its_documents(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    with pytest.raises(FramingInputError) as caught:
        FramingCounter().count(corpus)  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "documents: is a Corpus (what read_corpus returns), not a table: pass its .documents, "
        "for example counter.count(corpus.documents)"
    )
    assert len(FramingCounter().count(corpus.documents).documents) == 1


# Spreadsheets ----------------------------------------------------------------


def test_a_truncated_xlsx_is_called_truncated_not_a_word_file(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    book.active.append(["a", ARTICLE])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "a.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(FramingInputError) as caught:
        read_corpus(cut)
    assert str(caught.value) == (
        f"{cut}: cannot be read as an Excel workbook (File is not a zip file): a truncated copy or download "
        "(copy it again), or another kind of file renamed .xlsx; open it in a spreadsheet program and save it as "
        ".xlsx or as 'CSV UTF-8'."
    )


# Operating-system errors -----------------------------------------------------------


def test_an_os_error_without_a_file_names_the_output_folder():
    error = OSError(errno.EFBIG, "File too large")
    assert os_error_message(error, "res") == (
        "res: File too large; nothing was written: raise the file-size limit (ulimit -f) or write elsewhere"
    )
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device"), None) == (
        "No space left on device; nothing was written: free space (or quota) and run again"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as on Linux")
def test_a_file_size_limit_stops_the_command_naming_the_folder(tmp_path):
    import resource

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 200, encoding="utf-8")
    out = tmp_path / "out"

    def limit() -> None:  # 1 KiB per file: the first table cannot be written
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    done = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "count", "--no-progress", str(article), "--out", str(out)],
        capture_output=True, text=True, preexec_fn=limit, env={**os.environ, "PYTHONPATH": SRC}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"framing: error: {out}: File too large; nothing was written: raise the file-size limit (ulimit -f) or "
        "write elsewhere"
    )
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".framing")]


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as on Linux")
@pytest.mark.parametrize("configured", [False, True])
def test_a_file_size_limit_names_the_default_output_folder(tmp_path, configured):
    """Without --out the message names the folder the run wrote into (it named none before)."""
    import resource

    (tmp_path / "a.txt").write_text(ARTICLE * 200, encoding="utf-8")
    command = [sys.executable, "-m", "analysis.cli", "count", "--no-progress"]
    if configured:
        (tmp_path / "study.toml").write_text('[corpus]\npaths = ["a.txt"]\n[output]\nfolder = "res"\n', "utf-8")
        command += ["--config", str(tmp_path / "study.toml")]
        expected = tmp_path / "res" / "count"
    else:
        command += ["a.txt"]
        expected = Path("framing-output")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    done = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=limit, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": SRC}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        f"framing: error: {expected}: File too large; nothing was written: raise the file-size limit (ulimit -f) "
        "or write elsewhere"
    )


def _formula_workbook(path: Path, saved_value: bool) -> Path:
    """An articles workbook whose outlet in row 2 is the formula ``=1+2`` (with its saved value 3, or none)."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["id", "text", "outlet", "helper"])
    book.active.append(["a", ARTICLE, "=1+2", "=LEN(B2)"])  # openpyxl, like pandas.to_excel, saves no value
    book.active.append(["b", ARTICLE + " ثم", "bbc", "=LEN(B3)"])
    book.save(path)
    if saved_value:  # as a spreadsheet program saves it: the formula and its value
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"<f>1+2</f><v />", b"<f>1+2</f><v>3</v>")
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def test_a_formula_with_no_saved_value_in_a_column_read_is_named_not_read_as_empty(tmp_path):
    # Before: the outlet of "a" was read as "" (the formula's missing value), silently.
    path = _formula_workbook(tmp_path / "a.xlsx", saved_value=False)
    corpus = read_corpus(path)
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["b", "bbc"]]  # column D is not read
    assert corpus.report[["row", "level", "problem"]].values.tolist() == [
        [2, "error", "cell C2 holds a formula (=1+2) with no saved value: open the file in a spreadsheet program "
         "and save it again (or paste the column as values)"]
    ]  # fmt: skip


def test_a_formula_with_its_saved_value_is_read_as_that_value(tmp_path):
    path = _formula_workbook(tmp_path / "a.xlsx", saved_value=True)
    corpus = read_corpus(path)
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["a", "3"], ["b", "bbc"]]
    assert corpus.report.empty


@pytest.mark.parametrize("megabytes", ["1e308", "1e300"])
def test_a_huge_max_document_mb_is_no_limit_not_a_traceback(tmp_path, capsys, megabytes):
    # Before: OverflowError (int(1e308 * 1e6)), a traceback and exit status 1.
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    status = main(
        ["count", "--no-progress", str(article), "--max-document-mb", megabytes, "--out", str(tmp_path / "o")]
    )
    assert status == 0
    assert pd.read_csv(tmp_path / "o" / "documents.csv")["n_chars"].tolist() == [len(ARTICLE)]


def test_a_lexicon_formula_with_no_saved_value_is_named_not_an_empty_alias(tmp_path):
    # Before: "row 2: empty alias." — true of what was read, not of what the file holds.
    from analysis.lexicon import load_actors

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["actor", "alias", "type", "camp"])
    book.active.append(["Khalifa Haftar", '=CONCAT("حف","تر")', "person", "pro_haftar"])
    path = tmp_path / "actors.xlsx"
    book.save(path)
    with pytest.raises(FramingInputError) as caught:
        load_actors(path)
    assert str(caught.value) == (
        f'{path}, row 2: cell B2 holds a formula (=CONCAT("حف","تر")) with no saved value: open the file in a '
        "spreadsheet program and save it again (or paste the column as values)."
    )


def test_trimming_a_sheet_with_one_stray_far_cell_is_one_pass_over_the_cells():
    # A lexicon .xlsx with a stray value in XFD1048576 ran for more than 5 minutes: trim_table
    # looked at every row for each of the 16,384 columns. Here 16,384 columns x 100,000 rows.
    import time

    from analysis.corpus.tabular import trim_table

    rows = [["actor", "alias"], ["Khalifa Haftar", "حفتر"], *([[]] * 100_000), [""] * 16_383 + ["stray"]]
    start = time.perf_counter()
    header, body = trim_table(rows)
    assert time.perf_counter() - start < 10  # before: about 1.6e9 steps, minutes
    assert header == ["actor", "alias", ""]
    assert body[0] == (2, ["Khalifa Haftar", "حفتر", ""])
    assert body[-1] == (100_003, ["", "", "stray"])
    assert len(body) == 100_002


def test_a_lexicon_path_given_as_bytes_is_a_framing_input_error():
    # Before: a bare TypeError from pathlib.
    from analysis.corpus.tabular import read_table_file
    from analysis.lexicon import load_actors

    with pytest.raises(FramingInputError) as caught:
        load_actors(b"actors.csv")  # type: ignore[arg-type]
    assert str(caught.value) == "b'actors.csv': is not a path: give a str or Path."
    with pytest.raises(FramingInputError, match=r"^None: is not a path"):
        read_table_file(None)  # type: ignore[arg-type]

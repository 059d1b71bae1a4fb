"""Nothing lost: crash-safe outputs, OS errors as messages, limits (issue 14, items 3, 4 and 5)."""

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import batch, cli, outdir
from analysis.batch import count_chunks, count_corpus
from analysis.errors import FramingInputError
from analysis.pipeline import FramingCounter

ACTORS = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n"
TERMS = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"
ARTICLE = "قال حفتر إن مليشيات مصر هاجمت المدينة. "
TABLES = [
    "codebook.csv", "codebook.md", "counts.csv", "documents.csv", "hits.csv", "manifest.json", "quotations.csv",
    "scores.csv", "skipped.csv",
]  # fmt: skip


@pytest.fixture
def project(tmp_path):
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS, encoding="utf-8")
    (tmp_path / "corpus.csv").write_text(f"id,text\na1,{ARTICLE}\na2,{ARTICLE * 2}\n", encoding="utf-8")
    return tmp_path


def lexicon_args(project):
    return ["--actors", str(project / "actors.csv"), "--terms", str(project / "terms.csv"), "--no-progress"]


def run_main(capsys, *args):
    status = cli.main([str(a) for a in args])
    return status, capsys.readouterr().err


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- the output folder -------------------------------------------------------------------


def test_a_run_leaves_only_its_tables_no_lock_and_no_staging(project, capsys):
    status, err = run_main(capsys, "count", project / "corpus.csv", "--out", project / "out", *lexicon_args(project))
    assert status == 0, err
    assert sorted(p.name for p in (project / "out").iterdir()) == TABLES


def test_a_failed_run_leaves_no_output_folder_nor_a_parent_it_created(project, capsys):
    # --out x/new/run where x exists and new does not: the run fails on an empty text, and x stays empty.
    (project / "bad.csv").write_text("id,text\nb1,\n", encoding="utf-8")
    (project / "x").mkdir()
    out = project / "x" / "new" / "run"
    status, err = run_main(capsys, "count", project / "bad.csv", "--out", out, *lexicon_args(project))
    assert status == 2
    assert "bad.csv, row 2: empty text" in err
    assert list((project / "x").iterdir()) == []
    # A parent that gained a file meanwhile is left with it; only the empty folders below it go.
    (project / "x" / "new").mkdir()
    (project / "x" / "new" / "notes.txt").write_text("mine", encoding="utf-8")
    status, _ = run_main(capsys, "count", project / "bad.csv", "--out", out / "deeper", *lexicon_args(project))
    assert status == 2
    assert sorted(p.name for p in (project / "x" / "new").iterdir()) == ["notes.txt"]


def test_out_inside_an_input_folder_is_refused(project, capsys):
    status, err = run_main(capsys, "count", project, "--out", project / "out", *lexicon_args(project))
    assert status == 2
    assert f"framing: error: {project / 'out'}: is inside the input folder {project}" in err
    assert not (project / "out").exists()


@pytest.mark.parametrize(
    ("out", "message"),
    [("", "--out: is empty (an unset shell variable?)"), ("corpus.csv", "exists and is not a folder")],
)
def test_an_impossible_out_is_refused(project, capsys, out, message):
    before = (project / "corpus.csv").read_bytes()
    status, err = run_main(
        capsys, "count", project / "corpus.csv", "--out", out and project / out, *lexicon_args(project)
    )
    assert status == 2
    assert message in err and "Traceback" not in err
    assert (project / "corpus.csv").read_bytes() == before


def test_a_second_run_into_a_locked_folder_is_refused(project, capsys):
    out = project / "out"
    out.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (out / ".framing.lock").write_text(f"{sleeper.pid}\n", encoding="ascii")
        status, err = run_main(capsys, "count", project / "corpus.csv", "--out", out, *lexicon_args(project))
    finally:
        sleeper.kill()
        sleeper.wait()
    assert status == 2
    assert f"another framing run (process {sleeper.pid}) is writing into this folder" in err
    assert sorted(p.name for p in out.iterdir()) == [".framing.lock"]
    # The sleeper is dead now: its lock is taken over.
    status, err = run_main(capsys, "count", project / "corpus.csv", "--out", out, *lexicon_args(project))
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == TABLES


def test_what_a_killed_run_left_is_cleaned_up(project):
    out = project / "out"
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter(), group_by=["source"])
    # A run killed while publishing: its staging folder, an old-style staged file, the intent
    # file naming the tables it was moving (tokens.csv), no manifest; the old groups.csv left.
    (out / "manifest.json").unlink()
    staging = out / ".framing-staging-999999-abcd"
    staging.mkdir()
    (staging / "hits.csv").write_text("half", encoding="utf-8")
    (out / ".hits.x1y2.csv.tmp").write_text("half", encoding="utf-8")
    (out / "tokens.csv").write_text("of the killed run", encoding="utf-8")
    (out / ".framing-publishing.json").write_text(
        json.dumps(["group_categories.csv", "groups.csv", "hits.csv", "tokens.csv"])
    )
    (out / "mine.csv").write_text("a file of my own", encoding="utf-8")
    (out / ".framing.lock").write_text("999999\n", encoding="ascii")  # no such process
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter())
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "mine.csv"])


def test_a_crash_while_publishing_leaves_no_manifest_and_an_intent_the_next_run_follows(project, monkeypatch):
    out = project / "out"
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter(), group_by=["source"])
    real_replace = os.replace

    def crash_on_counts(source, target):
        if Path(target).name == "counts.csv":
            raise OSError(errno.EIO, "Input/output error", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", crash_on_counts)
    with pytest.raises(OSError):
        count_corpus([project / "corpus.csv"], out, counter=FramingCounter(), keep_tokens=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not (out / "manifest.json").exists()
    intent = json.loads((out / ".framing-publishing.json").read_text(encoding="utf-8"))
    assert "groups.csv" in intent and "tokens.csv" in intent
    assert not any(p.name.startswith(".framing-staging-") for p in out.iterdir())
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter())
    assert sorted(p.name for p in out.iterdir()) == TABLES


def generated_corpus(path: Path, n: int) -> Path:
    rows = pd.DataFrame({"id": [f"d{i}" for i in range(n)], "text": [ARTICLE * 60] * n})
    rows.to_csv(path, index=False)
    return path


def start_count(project, corpus, out):
    env = {**os.environ, "PYTHONPATH": str(Path(batch.__file__).parents[1])}
    return subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "count", corpus, "--out", out, "--workers", "2",
         "--chunk-size", "16", *lexicon_args(project)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def wait_for_staged_rows(out: Path, process: subprocess.Popen) -> list[int]:
    """Wait until the run has staged some hits; return its worker processes' ids."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        staged = list(out.glob(".framing-staging-*/hits.csv")) if out.is_dir() else []
        if staged and staged[0].stat().st_size > 0:
            found = subprocess.run(["ps", "--ppid", str(process.pid), "-o", "pid="], capture_output=True, text=True)
            return [int(p) for p in found.stdout.split()]
        time.sleep(0.05)
    raise AssertionError(f"the run did not start counting: {process.communicate()}")


def alive(pid: int) -> bool:
    found = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(found) and not found.startswith("Z")


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupt_stops_the_workers_and_leaves_the_previous_run(project, signum, status):
    corpus = generated_corpus(project / "big.csv", 4000)
    out = project / "out"
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter())
    before = listing(out)
    process = start_count(project, corpus, out)
    workers = wait_for_staged_rows(out, process)
    assert len(workers) == 2
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    name = signal.Signals(signum).name
    assert (
        err.splitlines()[-1] == f"framing: interrupted ({name}); no output was written, earlier outputs are unchanged"
    )
    assert "Traceback" not in err
    assert listing(out) == before  # no staging folder, no lock, the previous tables
    time.sleep(0.5)
    assert not any(alive(pid) for pid in workers)


@pytest.mark.slow
def test_after_a_sigkill_the_workers_end_and_the_next_run_cleans_up(project):
    corpus = generated_corpus(project / "big.csv", 4000)
    out = project / "out"
    process = start_count(project, corpus, out)
    workers = wait_for_staged_rows(out, process)
    process.kill()
    process.communicate(timeout=30)
    assert sorted(p.name for p in out.iterdir())[0].startswith(".framing-staging-")
    time.sleep(1)
    assert not any(alive(pid) for pid in workers)
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter())
    assert sorted(p.name for p in out.iterdir()) == TABLES


# -- OS errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.csv", "missing.csv: does not exist"),
        (lambda p: "", "framing: error: PATH: is empty"),
        (lambda p: p / ("x" * 300), "cannot be read (File name too long)"),
        (lambda p: os.mkfifo(p / "fifo") or p / "fifo", "fifo: is not a regular file (a FIFO, socket or device)"),
        (lambda p: Path("/dev/null"), "/dev/null: is not a regular file"),
    ],
)
def test_a_path_that_is_no_file_is_a_message(project, capsys, make, message):
    status, err = run_main(capsys, "count", make(project), "--out", project / "out", *lexicon_args(project))
    assert status == 2
    assert message in err and "Traceback" not in err
    assert not (project / "out").exists()


def test_an_unreadable_input_is_a_message(project, capsys, monkeypatch):
    # Tests may run as root, whom permissions do not stop: the check itself is made to say no.
    monkeypatch.setattr(outdir.os, "access", lambda path, mode: Path(path).name != "corpus.csv")
    status, err = run_main(capsys, "count", project / "corpus.csv", "--out", project / "out", *lexicon_args(project))
    assert status == 2
    assert f"framing: error: {project / 'corpus.csv'}: cannot be read (permission denied)" in err


def test_a_read_only_destination_is_a_message(project, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(project / "out"))

    monkeypatch.setattr(outdir.tempfile, "mkdtemp", refuse)
    status, err = run_main(capsys, "count", project / "corpus.csv", "--out", project / "out", *lexicon_args(project))
    assert status == 2
    assert err.splitlines()[-1] == f"framing: error: {project / 'out'}: Permission denied"
    assert not (project / "out").exists()


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "No space left on device"), (errno.EDQUOT, "Disk quota")])
def test_a_full_disk_is_a_message_and_leaves_the_previous_run(project, capsys, monkeypatch, code, reason):
    out = project / "out"
    count_corpus([project / "corpus.csv"], out, counter=FramingCounter())
    before = listing(out)

    def full(self, rows):
        raise OSError(code, os.strerror(code), str(self.staged))

    monkeypatch.setattr(batch._CsvSink, "write", full)
    status, err = run_main(capsys, "count", project / "corpus.csv", "--out", out, *lexicon_args(project))
    assert status == 2
    last = err.splitlines()[-1]
    assert last.startswith(f"framing: error: {out}/.framing-staging-") and "/hits.csv: " in last
    assert reason in last and last.endswith("nothing was written: free space (or quota) and run again")
    assert listing(out) == before


# -- limits -------------------------------------------------------------------------------


def test_a_document_above_the_size_limit_stops_the_run_or_is_skipped(project, capsys):
    big = "مليشيات " * 140_000  # 1.4 MB of UTF-8 (15 bytes a word)
    (project / "big.csv").write_text(f"id,text\na1,{ARTICLE}\nhuge,{big}\n", encoding="utf-8")
    args = ["count", project / "big.csv", "--out", project / "out", "--max-document-mb", "1", *lexicon_args(project)]
    status, err = run_main(capsys, *args)
    assert status == 2
    assert f"{project / 'big.csv'}, row 3: document of 2.1 MB, above the limit of 1 MB" in err
    status, err = run_main(capsys, *args, "--skip-bad")
    assert status == 0, err
    skipped = pd.read_csv(project / "out" / "skipped.csv", dtype=str, keep_default_na=False)
    assert skipped.to_dict("records") == [{
        "source": str(project / "big.csv"), "row": "3", "doc_id": "huge", "level": "error",
        "problem": "document of 2.1 MB, above the limit of 1 MB", "action": "skipped",
    }]  # fmt: skip
    assert list(pd.read_csv(project / "out" / "documents.csv").doc_id) == ["a1"]
    manifest = json.loads((project / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["max_document_mb"] == 1


@pytest.mark.parametrize(("n_chunks", "asked", "expected"), [(1, 50, None), (3, 50, 2), (5, 2, 2)])
def test_workers_are_capped_at_the_cpus_and_the_chunks(monkeypatch, n_chunks, asked, expected):
    started = []

    class Recording(batch.ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(batch, "default_workers", lambda: 2)
    chunks = [[{"doc_id": f"d{i}", "text": ARTICLE}] for i in range(n_chunks)]
    done = list(count_chunks(chunks, FramingCounter(), workers=asked))
    assert [chunk[0]["doc_id"] for chunk, _ in done] == [f"d{i}" for i in range(n_chunks)]
    assert all([h.surface for h in partition.hits] == ["حفتر", "مليشيات", "مصر"] for _, partition in done)
    assert started == ([] if expected is None else [expected])


def test_max_document_mb_must_be_positive(project, capsys):
    with pytest.raises(SystemExit):
        cli.main(["count", str(project / "corpus.csv"), "--max-document-mb", "0"])
    assert "--max-document-mb: must be more than 0, got 0" in capsys.readouterr().err


def test_the_output_folder_checks_name_the_folder(project):
    with pytest.raises(FramingInputError, match="is inside the input folder"):
        outdir.check_output_folder(project / "a" / "b", [project])
    assert outdir.check_output_folder(project / "out", [project / "corpus.csv"]) == project / "out"


# -- spreadsheets -------------------------------------------------------------------------


@pytest.fixture
def coding_sheet():
    from analysis import coding
    from analysis.ingest import documents_from_texts

    texts = [f"قال المتحدث {i} إن مليشيات حفتر تقدمت." for i in range(6)]
    documents = documents_from_texts(texts, [f"d{i}" for i in range(6)])
    hits = FramingCounter().count(documents).hits
    return coding.coding_sheet(coding.sample_hits(hits, per_stratum=2, seed=1), documents)


def test_a_formula_in_a_filled_coding_sheet_is_reported_with_its_cell(coding_sheet, tmp_path):
    import openpyxl

    from analysis import coding

    path = coding.write_coding_sheet(coding_sheet, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["coding"]
    coder_1 = [c.value for c in ws[1]].index("coder_1") + 1
    ws.cell(row=2, column=coder_1).value = "correct"
    ws.cell(row=3, column=coder_1).value = '=IF(1,"correct","")'  # saved by openpyxl: no cached value
    book.save(path)
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=coding_sheet)
    letter = openpyxl.utils.get_column_letter(coder_1)
    assert [p.row for p in caught.value.problems] == [3]
    assert (
        f'{path} (sheet \'coding\'), row 3: cell {letter}3 holds a formula (=IF(1,"correct","")), not a code; '
        "type the code itself (as text)"
    ) in str(caught.value)


@pytest.mark.slow
def test_a_stray_value_in_the_last_cell_does_not_widen_every_row(coding_sheet, tmp_path):
    import openpyxl

    from analysis import coding
    from analysis.corpus.tabular import read_table_file

    path = coding.write_coding_sheet(coding_sheet, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    book["coding"]["XFD1048576"] = "stray"
    book.save(path)
    start = time.monotonic()
    table = read_table_file(path, preferred_sheets=("coding",), expect=("hit_id",))
    assert time.monotonic() - start < 30
    widths = {len(row) for row in table.rows[: len(coding_sheet) + 1]}
    assert widths == {len(coding_sheet.columns)}  # not 16,384
    assert table.rows[-1][-1] == "stray" and len(table.rows[-1]) == 16_384
    assert sum(len(row) for row in table.rows) < 1_048_576 * 11 + 16_384  # the used range, row by row
    with pytest.raises(coding.CodingSheetError, match="row 1048576: has no hit_id but other values"):
        coding.read_coding_sheet(path, expected=coding_sheet)


def test_csv_outputs_keep_formula_like_values_exactly(project, capsys):
    (project / "hostile.csv").write_text(
        f'id,text,outlet,title\n=HYPERLINK("http://x"),{ARTICLE},@SUM(A1),+1-2\n', encoding="utf-8"
    )
    status, err = run_main(capsys, "count", project / "hostile.csv", "--out", project / "out", *lexicon_args(project))
    assert status == 0, err
    documents = pd.read_csv(project / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert documents.loc[0, ["doc_id", "outlet", "title"]].tolist() == ['=HYPERLINK("http://x")', "@SUM(A1)", "+1-2"]


@pytest.mark.slow
def test_a_gzip_bomb_of_one_endless_line_stops_within_a_memory_limit(tmp_path):
    import gzip

    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as stream:
        stream.write(b'{"id": "a", "text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(1200):  # 1.2 GB of one line: more than the process may hold
            stream.write(chunk)
    script = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        import analysis.limits as limits
        limits.MAX_LINE_CHARS = 8_000_000  # the default (256 M) needs more than this test's 1 GB
        from analysis.cli import main
        raise SystemExit(main(["count", {str(bomb)!r}, "--out", {str(tmp_path / "out")!r}, "--no-progress"]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"framing: error: {bomb}: line 1 is longer than 8,000,000 bytes; no article export has such lines "
        "(a damaged or decompression-bomb file?)"
    )
    assert not (tmp_path / "out").exists()

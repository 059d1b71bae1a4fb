"""The ``framing count`` command, run as a user runs it (a subprocess)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ACTORS = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n"
TERMS = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"


def framing(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture
def lexicons(tmp_path):
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS, encoding="utf-8")
    return ["--actors", tmp_path / "actors.csv", "--terms", tmp_path / "terms.csv"]


def test_count_sums_date_problems_by_kind_on_the_console(tmp_path, lexicons):
    """Seven ambiguous dates are one note of their file (31/02 shows day-first), not seven warnings."""
    words = ["أمس", "اليوم", "مساء", "صباحا", "مجددا", "أيضا", "كذلك", "ثانية", "أخيرا"]  # no duplicate texts
    rows = ["id,text,date"] + [f"d{i},قال حفتر {words[i - 1]},0{i}/03/2020" for i in range(1, 9)]
    rows.append(f"d9,قال حفتر {words[8]},31/02/2020")
    (tmp_path / "corpus.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = framing("count", tmp_path / "corpus.csv", *lexicons, "--out", tmp_path / "out", "--no-progress")
    assert done.returncode == 0, done.stderr
    warning = next(line for line in done.stderr.splitlines() if line.startswith("framing: warning:"))
    # 03/03/2020 is no doubt (day = month): 7 ambiguous dates, read day-first as 31/02 shows; one impossible date
    assert warning == (
        "framing: warning: 1 report row(s): 1 impossible date '31/02/2020': 2020-02 has no day 31 (a typing "
        "error?); no day read; see skipped.csv"
    )
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", dtype=str, keep_default_na=False)
    assert skipped.level.tolist() == ["warning", "note"]
    assert "7 that read both ways (such as 03/04/2015; rows 2, 3, 5, 6, 7, 8, 9)" in skipped.problem[1]


def test_count_writes_three_tables(tmp_path, lexicons):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("قال حفتر إن مليشيات مصر\n\nFacebook Comments", encoding="utf-8")
    (articles / "two.txt").write_bytes("ولحفتر".encode("cp1256"))
    done = framing("count", articles, *lexicons, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "2 document(s), 6 words, 3 actor mention(s), 1 loaded term(s)" in done.stdout
    assert "framing: note: 2 report row(s): 1 boilerplate line removed: 'Facebook Comments', " in done.stderr
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", dtype=str, keep_default_na=False)
    assert list(zip(skipped.doc_id, skipped.level, skipped.problem)) == [
        ("one", "note", "boilerplate line removed: 'Facebook Comments'"),
        ("", "note", "not UTF-8: decoded as Windows-1256 (cp1256)"),
    ]
    hits = pd.read_csv(tmp_path / "out" / "hits.csv", dtype={"doc_id": str})
    assert list(hits.columns[:10]) == [
        "doc_id",
        "kind",
        "label",
        "category",
        "surface",
        "start",
        "end",
        "paragraph",
        "sentence",
        "quoted",
    ]
    assert list(zip(hits.doc_id, hits.surface)) == [
        ("one", "حفتر"),
        ("one", "مليشيات"),
        ("one", "مصر"),
        ("two", "ولحفتر"),
    ]
    counts = pd.read_csv(tmp_path / "out" / "counts.csv")
    assert list(counts.columns) == ["doc_id", "kind", "label", "category", "n"]
    assert counts.n.sum() == 4
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert list(documents.columns[:1]) == ["doc_id"]
    assert {"n_words", "n_sentences", "n_paragraphs"} <= set(documents.columns)
    assert list(documents.encoding) == ["utf-8", "cp1256"]


def test_bundled_lexicons_are_the_default(tmp_path, seed_path):
    done = framing("count", seed_path, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "hits.csv").stat().st_size > 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"",
            "empty.txt: empty file (use --skip-bad to skip and report such records: each is a row of skipped.csv in the output folder)",
        ),
        (b"\x00\x01binary", "empty.txt, byte 0: has a NUL byte"),
    ],
)
def test_bad_article_fails_cleanly_and_writes_nothing(tmp_path, lexicons, content, message):
    (tmp_path / "good.txt").write_text("حفتر", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(content)
    out = tmp_path / "out"
    done = framing("count", tmp_path / "good.txt", tmp_path / "empty.txt", *lexicons, "--out", out)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_broken_lexicon_row_is_named(tmp_path):
    (tmp_path / "a.txt").write_text("حفتر", encoding="utf-8")
    (tmp_path / "actors.csv").write_text("actor,alias\nHaftar,حفتر\nHaftar,\n", encoding="utf-8")
    done = framing("count", tmp_path / "a.txt", "--actors", tmp_path / "actors.csv", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "actors.csv, row 3: empty alias" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_folder_without_txt_fails(tmp_path, lexicons):
    (tmp_path / "in").mkdir()
    done = framing("count", tmp_path / "in", *lexicons)
    assert done.returncode == 2
    assert "is a folder with no .txt, .csv, .csv.gz, .tsv, .tsv.gz, .jsonl" in done.stderr


def test_existing_outputs_survive_a_failed_run(tmp_path, lexicons):
    (tmp_path / "a.txt").write_text("حفتر", encoding="utf-8")
    out = tmp_path / "out"
    assert framing("count", tmp_path / "a.txt", *lexicons, "--out", out).returncode == 0
    before = (out / "hits.csv").read_bytes()
    (tmp_path / "b.txt").write_bytes(b"")
    assert framing("count", tmp_path / "a.txt", tmp_path / "b.txt", *lexicons, "--out", out).returncode == 2
    assert (out / "hits.csv").read_bytes() == before
    assert sorted(p.name for p in Path(out).iterdir()) == [
        "codebook.csv",
        "codebook.md",
        "counts.csv",
        "documents.csv",
        "hits.csv",
        "manifest.json",
        "quotations.csv",
        "scores.csv",
        "skipped.csv",
    ]


def test_outputs_are_readable_by_others(tmp_path, lexicons):
    import stat

    (tmp_path / "a.txt").write_text("حفتر", encoding="utf-8")
    previous = os.umask(0o022)
    try:
        assert framing("count", tmp_path / "a.txt", *lexicons, "--out", tmp_path / "out").returncode == 0
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "out" / "hits.csv").stat().st_mode)
    assert mode & 0o044 == 0o044  # group and others can read (umask 022)


def test_tokens_table_traces_every_token(tmp_path, seed_path, seed_text):
    done = framing("count", seed_path, "--out", tmp_path / "out", "--tokens", "--workers", "2", "--no-progress")
    assert done.returncode == 0, done.stderr
    tokens = pd.read_csv(tmp_path / "out" / "tokens.csv", dtype={"surface": str, "norm": str}, keep_default_na=False)
    assert len(tokens) == 645  # 566 words, 77 punctuation marks, 2 clitics
    assert all(seed_text[s:e] == w for s, e, w in zip(tokens.start, tokens.end, tokens.surface))


def test_group_by_the_corpus_own_column_name_says_which_name_to_use(tmp_path, lexicons):
    # A newcomer's export names its outlet column "Newspaper" (--outlet-column Newspaper) and groups by it: the
    # error listed documents.csv's columns without saying that "Newspaper" is read into "outlet".
    corpus = tmp_path / "eg.csv"
    corpus.write_text("ID,Newspaper,Body\nEG1,okaz,قال حفتر\n", encoding="utf-8")
    options = ("--text-column", "Body", "--id-column", "ID", "--outlet-column", "Newspaper")
    done = framing("count", corpus, *lexicons, *options, "--group-by", "Newspaper", "--out", tmp_path / "out")
    assert done.returncode == 2 and not (tmp_path / "out").exists()
    assert done.stderr.splitlines()[-1] == (
        "framing: error: cannot group by 'Newspaper': it is your corpus's outlet column, read into documents.csv as "
        "'outlet'; use --group-by outlet"
    )
    done = framing("count", corpus, *lexicons, *options, "--group-by", "ID", "--out", tmp_path / "out")
    assert "use --group-by doc_id" in done.stderr.splitlines()[-1]
    done = framing("count", corpus, *lexicons, *options, "--group-by", "outlet", "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(tmp_path / "out" / "groups.csv")["outlet"].unique().tolist() == ["okaz"]


def test_bad_options_are_named(tmp_path, lexicons):
    (tmp_path / "a.txt").write_text("حفتر", encoding="utf-8")
    done = framing("count", tmp_path / "a.txt", *lexicons, "--boilerplate", "([", "--out", tmp_path / "out")
    assert done.returncode == 2 and "boilerplate pattern '([' is not a regular expression" in done.stderr
    done = framing("count", tmp_path / "a.txt", *lexicons, "--chunk-size", "0")
    assert done.returncode == 2 and "must be 1 or more" in done.stderr
    done = framing("count", tmp_path / "a.txt", *lexicons, "--group-by", "newspaper", "--out", tmp_path / "out")
    assert done.returncode == 2 and "cannot group by ['newspaper']" in done.stderr
    assert not (tmp_path / "out").exists()


def test_grouping_by_a_column_the_reader_fills_says_so(write_csv, tmp_path):
    # A corpus whose outlet column is called "source": documents.csv's own source is the file.
    corpus = write_csv("corpus.csv", 'id,text,source\na,"قال حفتر",x\nb,"قال السراج",y\n')
    done = framing("count", corpus, "--outlet-column", "source", "--group-by", "source", "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert "--group-by source: 'source' is the file each document was read from" in done.stderr
    groups = pd.read_csv(tmp_path / "o" / "groups.csv")
    assert set(groups["source"]) == {str(corpus)}  # one group: the file, as the note says


def test_bylines_inside_the_text_are_reported_with_offsets_or_kept(tmp_path, lexicons):
    text = "قال حفتر إن الحرب انتهت.\nخلود غنام- سبق- مصر: قال حفتر"
    pd.DataFrame({"id": ["s1"], "outlet": ["sabq"], "text": [text]}).to_csv(tmp_path / "c.csv", index=False)
    byline = "خلود غنام- سبق- مصر:"
    start = text.index(byline)
    for options, out in (((), "out"), (("--keep-bylines",), "kept")):
        done = framing("count", tmp_path / "c.csv", *lexicons, "--out", tmp_path / out, "--no-progress", *options)
        assert done.returncode == 0, done.stderr
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv", dtype=str, keep_default_na=False)
    assert skipped.problem.tolist() == [f"byline removed (characters {start}-{start + len(byline)}): '{byline}'"]
    hits = pd.read_csv(tmp_path / "out" / "hits.csv", dtype=str, keep_default_na=False)
    assert "Egypt" not in set(hits.label)  # the place of the byline is not a mention
    kept = pd.read_csv(tmp_path / "kept" / "hits.csv", dtype=str, keep_default_na=False)
    assert (kept.label == "Egypt").sum() == 1
    assert pd.read_csv(tmp_path / "kept" / "skipped.csv", dtype=str).empty
    manifest = json.loads((tmp_path / "kept" / "manifest.json").read_text(encoding="utf-8"))
    assert '"bylines": false' in json.dumps(manifest)

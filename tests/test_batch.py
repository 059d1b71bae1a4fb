"""Streaming, parallel and Dask counting give exactly the pandas path's results."""

import filecmp
import subprocess
import sys

import pandas as pd
import pytest

from analysis.batch import count_corpus, hits_on_dask
from analysis.cells import lexicon_cells
from analysis.corpus import read_corpus
from analysis.measures import group_table
from analysis.pipeline import FramingCounter

SAMPLE = [
    ("a1", "aawsat", "2015-07-21", "قال المتحدث إن مليشيات حفتر قصفت طرابلس. وأكدت مصادر أن حكومة الوفاق ردت."),
    ("a2", "aawsat", "2015-08-02", "وقالت مصر إن الحل في ليبيا سياسي، ورفضت التدخل الأجنبي."),
    ("a3", "alriyadh", "2015-07-30", "أعلنت قوات حفتر سيطرتها على بنغازي بعد معارك عنيفة مع المتمردين."),
    ("a4", "alriyadh", "2015-08-09", "وقال بومبيو: «على جميع الأطراف وقف إطلاق النار فورا في طرابلس»."),
    ("a5", "okaz", "not a date", "اتهمت الوفاق مرتزقة فاغنر بارتكاب جرائم حرب في ترهونة."),
] * 13  # 65 rows; the copies are reported as duplicates


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    rows = [
        (f"{doc_id}-{i}", outlet, date, text + ("" if i % 13 == 0 else f" ({i})"))
        for i, (doc_id, outlet, date, text) in enumerate(SAMPLE)
    ]
    frame = pd.DataFrame(rows, columns=["id", "outlet", "date", "text"])
    path = folder / "news.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def counter():
    return FramingCounter()


def run(paths, out, counter, **options):
    return count_corpus(paths, out, counter=counter, **options)


def test_one_and_two_workers_write_identical_files(corpus_file, counter, tmp_path):
    one = run([corpus_file], tmp_path / "one", counter, workers=1, chunk_size=4, group_by=["outlet", "month"])
    two = run([corpus_file], tmp_path / "two", counter, workers=2, chunk_size=4, group_by=["outlet", "month"])
    names = sorted(p.name for p in one.written)
    assert (
        names
        == sorted(p.name for p in two.written)
        == [
            "codebook.csv",
            "codebook.md",
            "counts.csv",
            "documents.csv",
            "group_categories.csv",
            "groups.csv",
            "hits.csv",
            "manifest.json",
            "quotations.csv",
            "scores.csv",
            "skipped.csv",
        ]
    )
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", names, shallow=False)
    assert mismatch == [] and errors == []
    assert one.n_documents == 65


def test_streaming_equals_the_pandas_path(corpus_file, counter, tmp_path):
    run([corpus_file], tmp_path / "out", counter, workers=2, chunk_size=5, group_by=["outlet"])
    corpus = read_corpus([corpus_file])
    expected = counter.count(corpus.documents)
    hits = pd.read_csv(tmp_path / "out" / "hits.csv", dtype=str, keep_default_na=False)
    assert len(hits) == len(expected.hits) > 100
    assert hits.values.tolist() == expected.hits.astype(str).values.tolist()
    groups = pd.read_csv(tmp_path / "out" / "group_categories.csv", keep_default_na=False)
    # The command lists every category of the lexicon in every group, zeros included.
    cells = lexicon_cells(counter.settings.actors, counter.settings.terms)
    api = group_table(expected.hits, expected.documents, by=["outlet"], level="category", cells=cells)
    assert len(groups) == 3 * 7 and (groups.n == 0).sum() == 21 - (api.n > 0).sum() > 0
    assert list(zip(groups.outlet, groups.category, groups.n, groups.n_words)) == list(
        zip(api.outlet, api.category, api.n, api.n_words)
    )
    assert groups.per_1000.round(9).tolist() == api.per_1000.round(9).tolist()


def test_report_lists_duplicates_and_dates(corpus_file, counter, tmp_path):
    summary = run([corpus_file], tmp_path / "out", counter)
    report = summary.report
    assert (report.level == "duplicate").sum() == 0  # the copies differ by their (i) suffix
    dates = report[report.level == "warning"]
    assert len(dates) == 13 and set(dates.problem) == {"unparseable date 'not a date'"}


def test_group_table_by_hand(counter):
    from analysis.ingest import documents_from_texts

    documents = documents_from_texts(["مليشيات حفتر", "حفتر قال", "مليشيات مليشيات طرابلس"], ["d1", "d2", "d3"])
    documents["outlet"] = ["x", "x", "y"]
    result = counter.count(documents)
    table = group_table(result.hits, result.documents, by=["outlet"], level="category")
    assert list(zip(table.outlet, table.category, table.n, table.n_docs, table.n_words)) == [
        ("x", "delegitimizing_label", 1, 2, 4),
        ("y", "delegitimizing_label", 2, 1, 3),
    ]
    assert table.per_1000.tolist() == pytest.approx([250.0, 2000 / 3])
    with pytest.raises(ValueError, match=r"documents has no column\(s\) \['newspaper'\]"):
        group_table(result.hits, result.documents, by=["newspaper"])


@pytest.mark.slow
def test_dask_on_a_local_cluster_finds_the_same_hits(corpus_file, counter):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    corpus = read_corpus([corpus_file])
    expected = counter.count(corpus.documents).hits
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.from_pandas(corpus.documents, npartitions=4)
        hits = hits_on_dask(ddf, counter).compute()
    pd.testing.assert_frame_equal(hits.reset_index(drop=True), expected)


def test_cli_corpus_options(corpus_file, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "count",
            str(corpus_file),
            "--out",
            str(tmp_path / "out"),
            "--group-by",
            "outlet,month",
            "--workers",
            "2",
            "--no-progress",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "65 document(s)" in done.stdout
    # The 13 documents without a month are grouped, and reported, as "(missing)".
    assert (
        "framing: warning: 14 report row(s): 13 unparseable date (first: unparseable date 'not a date'), "
        "1 grouping column 'month' empty in 13/65 document(s)"
    ) in done.stderr
    groups = pd.read_csv(tmp_path / "out" / "groups.csv", keep_default_na=False)
    assert set(groups.month) == {"2015-07", "2015-08", "(missing)"}


def test_cli_skip_bad(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "1", "text": "قال حفتر"}\n{broken\n{"id": "3", "text": ""}\n', encoding="utf-8")
    base = [sys.executable, "-m", "analysis.cli", "count", str(path), "--out", str(tmp_path / "out"), "--no-progress"]
    stopped = subprocess.run(base, capture_output=True, text=True)
    assert stopped.returncode == 2
    assert "feed.jsonl, row 2: invalid JSON" in stopped.stderr and "--skip-bad" in stopped.stderr
    assert not (tmp_path / "out").exists()
    skipped = subprocess.run([*base, "--skip-bad"], capture_output=True, text=True)
    assert skipped.returncode == 0, skipped.stderr
    report = pd.read_csv(tmp_path / "out" / "skipped.csv", keep_default_na=False)
    assert list(zip(report.row, report.level)) == [(2, "error"), (3, "error")]
    # The run succeeded: its errors were skipped, and the console says so (not "framing: error:").
    assert "framing: skipped (errors): 2 report row(s)" in skipped.stderr and "framing: error" not in skipped.stderr


def test_count_documents_in_parallel_equals_count(corpus_file, counter):
    from analysis.batch import count_documents

    documents = read_corpus([corpus_file]).documents
    parallel = count_documents(documents, counter, workers=2, chunk_size=7)
    serial = counter.count(documents)
    pd.testing.assert_frame_equal(parallel.hits, serial.hits)
    pd.testing.assert_frame_equal(parallel.documents, serial.documents)
    pd.testing.assert_frame_equal(parallel.counts, serial.counts)


def test_duplicates_found_by_workers_are_reported_in_reading_order(counter, tmp_path):
    # Duplicates are decided when the workers' fingerprints come back, after later
    # records were read; the report must still list them where they were read,
    # for any number of workers and any chunk size, as read_corpus does.
    first = tmp_path / "corpus" / "a.csv"
    first.parent.mkdir()
    text = "قال المتحدث إن مليشيات حفتر قصفت طرابلس."
    pd.DataFrame(
        {
            "id": ["d1", "d2", "d3", "d4"],
            "date": ["2015-07-01", "2015-07-02", "yesterday", "2015-07-04"],
            "text": [
                text,
                text,
                "وقالت مصر إن الحل سياسي.\nFacebook Comments",
                "قالَ المتحدث إنّ مليشيات حفتر قصفت طرابلس .",
            ],
        }
    ).to_csv(first, index=False)
    (tmp_path / "corpus" / "b.jsonl").write_text(
        '{"id": "e1", "text": "وقالت مصر إن الحل سياسي."}\n{"id": "e2", "text": "خبر جديد عن حفتر.", "date": "?"}\n',
        encoding="utf-8",
    )
    expected_report = read_corpus([tmp_path / "corpus"]).report
    assert list(zip(expected_report.doc_id, expected_report.level, expected_report.problem)) == [
        ("d2", "duplicate", "exact duplicate of d1"),
        ("d3", "note", "boilerplate line removed: 'Facebook Comments'"),
        ("d3", "warning", "unparseable date 'yesterday'"),
        ("d4", "duplicate", "normalized duplicate of d1"),  # diacritics, shadda, a space before the full stop
        ("e1", "duplicate", "exact duplicate of d3"),  # d3 once its boilerplate line is cut
        ("e2", "warning", "unparseable date '?'"),
    ]
    outputs = []
    for workers, chunk_size in ((1, 1), (1, 4), (2, 1), (2, 3)):
        out = tmp_path / f"out-{workers}-{chunk_size}"
        summary = run([tmp_path / "corpus"], out, counter, workers=workers, chunk_size=chunk_size)
        assert summary.n_documents == 3
        report = pd.read_csv(out / "skipped.csv", keep_default_na=False)
        assert report.doc_id.tolist() == expected_report.doc_id.tolist()
        assert report.problem.tolist() == expected_report.problem.tolist()
        outputs.append({name: (out / name).read_bytes() for name in ("hits.csv", "documents.csv", "skipped.csv")})
    assert all(output == outputs[0] for output in outputs)
    documents = pd.read_csv(tmp_path / "out-2-3" / "documents.csv")
    assert documents.doc_id.tolist() == ["d1", "d3", "e2"]
    hits = pd.read_csv(tmp_path / "out-2-3" / "hits.csv")
    assert hits.doc_id.tolist() == ["d1", "d1", "d1", "d3", "e2"]  # d1: مليشيات, حفتر, طرابلس; d3: مصر; e2: حفتر


def test_texts_reach_the_workers_unchanged(counter, tmp_path):
    # Texts are sent to worker processes as UTF-16; astral characters survive, and a
    # lone surrogate (which UTF-16 cannot encode; JSON escapes can make one) is sent as is.
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"id": "e1", "text": "قال حفتر 😀 إن الحرب مستمرة"}\n{"id": "e2", "text": "قال حفتر \\ud83d إن مصر"}\n',
        encoding="utf-8",
    )
    one = run([path], tmp_path / "one", counter, workers=1)
    two = run([path], tmp_path / "two", counter, workers=2)
    assert one.n_documents == two.n_documents == 2
    hits = pd.read_csv(tmp_path / "two" / "hits.csv")
    assert list(zip(hits.doc_id, hits.surface, hits.start)) == [("e1", "حفتر", 4), ("e2", "حفتر", 4), ("e2", "مصر", 14)]
    assert (tmp_path / "one" / "hits.csv").read_bytes() == (tmp_path / "two" / "hits.csv").read_bytes()


# --- non-default settings reach every execution path ------------------------------------

CUSTOM_ACTORS = "actor,alias,type\nGNA,حكومة الوفاق,government\nHaftar,حفتر,person\n"
CUSTOM_TERMS = "term,category\nمليشي*,delegitimizing_label\nعصابة,delegitimizing_label\n"
#: With ة and ه kept apart (taa_marbuta=False), "حكومه الوفاق" and "عصابه" are not
#: the listed entries; with min_speech_words=3, the 3-word quotation without a speech
#: verb is speech, so the term inside it is quoted.  Defaults would find 2 more hits
#: and mark the quoted one as the narrator's.
CUSTOM_TEXTS = [
    ("c1", "هاجمت مليشيات حفتر مواقع حكومة الوفاق جنوب طرابلس."),
    ("c2", "وصف البيان قوات حفتر بأنها «عصابة مليشيات مسلحة» في الجنوب."),
    ("c3", "رحبت حكومه الوفاق بالقرار ودانت عصابه التهريب."),
]


@pytest.fixture(scope="module")
def custom_counter(tmp_path_factory):
    from analysis.lexicon import ACTORS, TERMS, load_lexicon
    from analysis.normalize import Folding

    folder = tmp_path_factory.mktemp("lexicons")
    (folder / "a.csv").write_text(CUSTOM_ACTORS, encoding="utf-8")
    (folder / "t.csv").write_text(CUSTOM_TERMS, encoding="utf-8")
    folding = Folding(taa_marbuta=False)
    return FramingCounter(
        load_lexicon(folder / "a.csv", ACTORS, folding=folding),
        load_lexicon(folder / "t.csv", TERMS, folding=folding),
        folding=folding,
        min_speech_words=3,
    )


def test_non_default_settings_are_what_the_hand_count_says(custom_counter, tmp_path):
    from analysis.ingest import documents_from_texts
    from analysis.lexicon import ACTORS, TERMS, load_lexicon

    documents = documents_from_texts([t for _, t in CUSTOM_TEXTS], doc_ids=[d for d, _ in CUSTOM_TEXTS])
    hits = custom_counter.count(documents).hits
    assert list(zip(hits.doc_id, hits.surface, hits.quoted)) == [
        ("c1", "مليشيات", False),
        ("c1", "حفتر", False),
        ("c1", "حكومة الوفاق", False),
        ("c2", "حفتر", False),
        ("c2", "عصابة", True),
        ("c2", "مليشيات", True),
    ]
    (tmp_path / "a.csv").write_text(CUSTOM_ACTORS, encoding="utf-8")
    (tmp_path / "t.csv").write_text(CUSTOM_TERMS, encoding="utf-8")
    defaults = FramingCounter(load_lexicon(tmp_path / "a.csv", ACTORS), load_lexicon(tmp_path / "t.csv", TERMS))
    default = defaults.count(documents).hits
    assert len(default) == len(hits) + 2 and not default[default.surface == "عصابة"].quoted.any()


@pytest.mark.slow
def test_non_default_settings_give_the_same_hits_in_memory_in_workers_and_on_dask(custom_counter, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    from analysis.batch import count_documents

    path = tmp_path / "custom.csv"
    pd.DataFrame(CUSTOM_TEXTS * 5, columns=["id", "text"]).assign(
        id=[f"{d}-{i}" for i, (d, _) in enumerate(CUSTOM_TEXTS * 5)],
        text=[f"{t} ({i})" for i, (_, t) in enumerate(CUSTOM_TEXTS * 5)],
    ).to_csv(path, index=False)
    documents = read_corpus([path]).documents
    expected = custom_counter.count(documents).hits
    assert len(expected) == 30
    in_workers = count_documents(documents, custom_counter, workers=2, chunk_size=2).hits
    pd.testing.assert_frame_equal(in_workers, expected)
    run([path], tmp_path / "out", custom_counter, workers=2, chunk_size=2)
    written = pd.read_csv(tmp_path / "out" / "hits.csv", dtype={"doc_id": str}, keep_default_na=False)
    assert list(zip(written.doc_id, written.start, written.quoted)) == list(
        zip(expected.doc_id, expected.start, expected.quoted)
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster),
    ):
        on_dask = hits_on_dask(dd.from_pandas(documents, npartitions=3), custom_counter).compute()
    pd.testing.assert_frame_equal(on_dask.reset_index(drop=True), expected)


def test_a_pickled_counter_is_rebuilt_from_its_settings(custom_counter):
    import pickle

    clone = pickle.loads(pickle.dumps(custom_counter))
    assert clone.settings == custom_counter.settings and clone.settings.key() == custom_counter.settings.key()
    assert FramingCounter(**custom_counter.get_params()).settings == custom_counter.settings
    text = CUSTOM_TEXTS[1][1]
    assert clone.analyze_text(text).hits == custom_counter.analyze_text(text).hits

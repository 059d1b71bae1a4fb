"""The learned tagger inside ``framing count --model`` and ``framing train`` (issue 11, items 2 and 4)."""

import hashlib
import json
import pickle

import pandas as pd
import pytest

from analysis import FramingCounter
from analysis.cli import main
from analysis.dask_run import _hits_of_partition
from analysis.errors import FramingInputError
from analysis.learn import LABELS, load_default_tagger
from analysis.paths import project_root
from analysis.tables import DOCUMENTS, HITS

ANNOTATED = project_root() / "data" / "annotated" / "armpro_dev_loaded_language.jsonl"
# Today's hits.csv header: a run without a model must keep it byte for byte.
DICTIONARY_HEADER = (
    "doc_id,kind,label,category,surface,start,end,paragraph,sentence,quoted,entry,lexicon_row,token_start,"
    "token_end,negated\n"
)


def records(n: int) -> list[dict]:
    lines = ANNOTATED.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:n]]


def write_jsonl(path, rows: list[dict]):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The first 12 annotated paragraphs (one has nested spans)."""
    return write_jsonl(tmp_path_factory.mktemp("data") / "small.jsonl", records(12))


@pytest.fixture(scope="module")
def counted(small, tmp_path_factory):
    """``framing count small.jsonl --model default`` with 1 and 2 workers, and without a model."""
    base = tmp_path_factory.mktemp("runs")
    for name, extra in (("one", ["--workers", "1"]), ("two", ["--workers", "2"]), ("none", ["--workers", "1"])):
        model = [] if name == "none" else ["--model", "default"]
        assert main(["count", str(small), "--out", str(base / name), "--no-progress", *model, *extra]) == 0
    return base


@pytest.fixture(scope="module")
def tagger():
    return load_default_tagger()


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_model_hits_follow_the_contract(counted, small):
    texts = {r["id"]: r["text"] for r in records(12)}
    hits = read(counted / "one" / "hits.csv")
    assert list(hits.columns) == list(HITS.names) and hits.columns[-1] == "score"
    model = hits[hits.kind == "model"]
    assert len(model) == 21  # 26 with the design shipped before 2026-12-01 (mixed)
    assert set(model.category) == {"model"} and set(model.label) <= set(LABELS)
    assert set(model.entry) == {"default"} and set(model.lexicon_row) == {"0"}
    scores = model.score.astype(float)
    assert ((scores > 0) & (scores <= 1)).all()
    for doc_id, surface, start, end in zip(model.doc_id, model.surface, model.start, model.end):
        assert texts[doc_id][int(start) : int(end)] == surface
    # Dictionary hits keep an empty score.
    assert set(hits.loc[hits.kind != "model", "score"]) == {""}
    # A span checked by hand: the annotated phrase «نقلة نوعية» of paragraph 2, both words (probabilities
    # 0.541868 and 0.608393: 0.5 × (0.25 × logistic + 0.75 × networks) + 0.5 × the CRF's marginal, the
    # shipped design's weights; the mean is the score).
    row = model[model.doc_id == "c5kikhveqPRvXDK89HE8go_004"].iloc[0]
    assert (row.surface, row.start, row.end, row.label, row.score) == (
        "نقلة نوعية",
        "73",
        "83",
        "Loaded_Language",
        "0.575131",
    )
    assert texts[row.doc_id][73:83] == "نقلة نوعية"


def test_scores_and_model_expected_are_the_token_probabilities(counted, tagger):
    hits = read(counted / "one" / "hits.csv")
    documents = read(counted / "one" / "documents.csv")
    assert list(documents.columns) == list(DOCUMENTS.names) and documents.columns[-1] == "model_expected"
    texts = {r["id"]: r["text"] for r in records(12)}
    for doc_id, expected, n_words in zip(documents.doc_id, documents.model_expected, documents.n_words):
        tokens = tagger.token_probabilities(doc_id, texts[doc_id])
        assert float(expected) == pytest.approx(tokens.probability.sum(), abs=1e-6)
        assert len(tokens) == int(n_words)
    for row in hits[hits.kind == "model"].itertuples():
        tokens = tagger.token_probabilities(row.doc_id, texts[row.doc_id])
        inside = tokens[(tokens.start >= int(row.start)) & (tokens.end <= int(row.end))]
        assert float(row.score) == pytest.approx(inside.probability.mean(), abs=1e-6)
        assert (inside.probability >= tagger.threshold).all()


def test_one_and_two_workers_write_the_same_bytes(counted):
    for name in ("hits.csv", "counts.csv", "documents.csv", "scores.csv", "quotations.csv", "skipped.csv"):
        assert (counted / "one" / name).read_bytes() == (counted / "two" / name).read_bytes(), name


def test_without_a_model_the_tables_are_the_dictionary_only_ones(counted):
    hits_bytes = (counted / "none" / "hits.csv").read_bytes().decode("utf-8")
    assert hits_bytes.startswith(DICTIONARY_HEADER)
    assert ",model," not in hits_bytes
    documents = read(counted / "none" / "documents.csv")
    assert list(documents.columns) == list(DOCUMENTS.written(False)) and "model_expected" not in documents
    # scores.csv starts with the documents' columns: model_expected only with a model.
    assert "model_expected" not in read(counted / "none" / "scores.csv")
    scores = read(counted / "one" / "scores.csv")
    assert scores.model_expected.tolist() == read(counted / "one" / "documents.csv").model_expected.tolist()
    # The model only adds: its run without the model rows and columns is the run without a model.
    with_model = read(counted / "one" / "hits.csv")
    dictionary = with_model[with_model.kind != "model"].drop(columns="score").reset_index(drop=True)
    pd.testing.assert_frame_equal(dictionary, read(counted / "none" / "hits.csv"))
    pd.testing.assert_frame_equal(read(counted / "one" / "documents.csv").drop(columns="model_expected"), documents)


def test_python_api_pickling_and_the_dask_unit_give_the_same_hits(counted, small):
    documents = pd.DataFrame([{"doc_id": r["id"], "text": r["text"]} for r in records(12)])
    counter = FramingCounter(model="default")
    result = counter.count(documents)
    cli = pd.read_csv(counted / "one" / "hits.csv", dtype={"doc_id": str})
    assert list(result.hits.columns) == list(HITS.names)
    assert result.hits.score.isna().sum() == (result.hits.kind != "model").sum()
    pd.testing.assert_series_equal(result.hits.score, cli.score, check_names=False)
    assert list(result.hits.surface) == list(cli.surface)
    assert (
        result.documents.model_expected.round(6).tolist()
        == read(counted / "one" / "documents.csv").model_expected.astype(float).tolist()
    )
    rebuilt = pickle.loads(pickle.dumps(counter))
    assert rebuilt._tagger is None and rebuilt.settings == counter.settings
    dask_hits = _hits_of_partition(documents, counter.settings)
    pd.testing.assert_frame_equal(dask_hits, result.hits)
    assert "score" not in FramingCounter().count(documents).hits.columns


def test_a_counter_with_other_lexicons_tags_with_the_models_own(small):
    # The tagger's dictionary features are those of the lexicons it was trained with.
    documents = pd.DataFrame([{"doc_id": r["id"], "text": r["text"]} for r in records(12)])
    hits = FramingCounter(model="default").count(documents).hits
    no_ignore_list = FramingCounter(ignore=None, model="default")
    # not the model's lexicons: its tokens are reused, its lexicons matched again
    assert no_ignore_list._tagger is not None and no_ignore_list._tagger[1] == "tokens"
    mine = no_ignore_list.count(documents).hits
    pd.testing.assert_frame_equal(
        mine[mine.kind == "model"].reset_index(drop=True), hits[hits.kind == "model"].reset_index(drop=True)
    )


def test_a_tampered_or_foreign_model_is_refused_naming_the_file(tmp_path, small, capsys):
    from analysis.learn import DEFAULT_MODEL_PATH

    tampered = tmp_path / "tampered.skops"
    data = bytearray(DEFAULT_MODEL_PATH.read_bytes())
    data[200:204] = b"XXXX"
    tampered.write_bytes(bytes(data))
    skops_io = pytest.importorskip("skops.io")
    from fractions import Fraction

    from sklearn.linear_model import LogisticRegression

    untrusted, foreign = tmp_path / "untrusted.skops", tmp_path / "foreign.skops"
    untrusted.write_bytes(skops_io.dumps({"format": Fraction(1, 3)}))  # a type a tagger never holds
    foreign.write_bytes(skops_io.dumps(LogisticRegression()))
    cases = [(tampered, "is not a saved tagger (not a skops file"), (untrusted, "(fractions.Fraction); refusing to load"),
             (foreign, "is a skops file but not a saved tagger"), (tmp_path / "missing.skops", "cannot be read")]  # fmt: skip
    for path, says in cases:
        assert main(["count", str(small), "--out", str(tmp_path / "out"), "--model", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"framing: error: {path}" in err and says in err
        assert "give --model default or the .skops file written by framing train." in err  # and what to do
        assert not (tmp_path / "out").exists()


def test_an_empty_model_path_is_named_not_read_as_the_working_folder(tmp_path, small, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["count", str(small), "--out", str(tmp_path / "out"), "--model", ""]) == 2
    err = capsys.readouterr().err
    assert "framing: error: --model: is empty (an unset shell variable?)" in err and str(tmp_path) not in err
    assert not (tmp_path / "out").exists()


def sheet_csv(path, rows: list[tuple[str, str, str, str, str, str]]):
    header = "hit_id,doc_id,label,category,quoted,left,hit,right,coder_1,coder_2,notes\n"
    body = "".join(
        f"{doc}:{len(left)}-{len(left) + len(hit)}:term,{doc},{label},delegitimizing_label,False,{left},{hit},{right},{c1},{c1},\n"
        for doc, label, left, hit, right, c1 in rows
    )
    path.write_text(header + body, encoding="utf-8")
    return path


def test_train_design_option(tmp_path, capsys):
    data = write_jsonl(tmp_path / "train.jsonl", records(40))
    argv = ["train", str(data), "--out", str(tmp_path / "crf.skops"), "--design", "mixed_crf", "--overlaps", "merge"]
    assert main(argv) == 0
    assert "trained design mixed_crf on 40 paragraph(s)" in capsys.readouterr().out
    card = json.loads((tmp_path / "crf.card.json").read_text(encoding="utf-8"))
    assert card["hyperparameters"]["design"] == "mixed_crf"
    with pytest.raises(SystemExit):
        main(["train", str(data), "--out", str(tmp_path / "x.skops"), "--design", "boosted"])
    assert "invalid choice: 'boosted'" in capsys.readouterr().err


def test_train_twice_with_the_same_seed_gives_the_same_bytes(tmp_path, capsys):
    data = write_jsonl(tmp_path / "train.jsonl", records(40))
    sheet = sheet_csv(tmp_path / "coded.csv", [
        ("a1", "انقلاب", "وصف الوزير ", "الانقلاب", " في القاهرة", "correct"),
        ("a2", "انقلاب", "أدى ", "انقلاب", " سيارة إلى وفاة", "incorrect"),
        ("a3", "انقلاب", "قال ", "انقلاب", " آخر", "unclear"),
    ])  # fmt: skip
    for name in ("m1", "m2"):
        argv = ["train", str(data), "--coding-sheet", str(sheet), "--out", str(tmp_path / f"{name}.skops"),
                "--date", "2026-12-01", "--seed", "3", "--overlaps", "merge"]  # fmt: skip
        assert main(argv) == 0
    out = capsys.readouterr()
    assert "framing: note: " in out.err and "1 unclear" in out.err
    assert (tmp_path / "m1.skops").read_bytes() == (tmp_path / "m2.skops").read_bytes()
    assert (tmp_path / "m1.card.json").read_bytes() == (tmp_path / "m2.card.json").read_bytes()
    card = json.loads((tmp_path / "m1.card.json").read_text(encoding="utf-8"))
    assert card["date"] == "2026-12-01" and card["seed"] == 3
    assert card["training_data"]["paragraphs"] == 42  # 40 paragraphs + the two coded hits
    assert card["training_data"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert "not stated" in card["training_data"]["licence"]
    coded = card["inputs"][1]
    assert (coded["file"], coded["positive"], coded["negative"], coded["left_out"]) == (
        "coded.csv",
        1,
        1,
        {"unclear": 1},
    )
    assert coded["sha256"] == hashlib.sha256(sheet.read_bytes()).hexdigest()
    # The documents whose coded contexts were learned (not a3: unclear), so that their scores count as in-sample.
    assert coded["doc_ids"] == ["a1", "a2"]
    from analysis.learn.overlap import trained_on

    documents = pd.DataFrame({"doc_id": ["a1", "a3", "x"], "text": ["وصف الوزير الانقلاب في القاهرة", "قال", "نص"]})
    assert trained_on(documents, card, annotations=data).tolist() == [True, False, False]
    # The trained model counts like the default one: its name is the entry of its hits.
    assert main(["count", str(data), "--model", str(tmp_path / "m1.skops"), "--out", str(tmp_path / "c")]) == 0
    hits = read(tmp_path / "c" / "hits.csv")
    assert set(hits.loc[hits.kind == "model", "entry"]) == {"m1"} and (hits.kind == "model").any()
    assert (
        "the model also learned coded hits of 2 document(s) (--coding-sheet; doc_id a1, a2" in capsys.readouterr().err
    )


def bad(record: dict, **changes) -> dict:
    return {**record, **changes}


@pytest.mark.parametrize("case, says", [
    ("mismatch", "row 2: span 1: text[0:5] is"),
    ("out_of_range", "row 2: span 1: offsets [0, 999) are empty or outside the text"),
    ("overlap", "row 2: spans [0, 5)"),
    ("empty", "has no records"),
])  # fmt: skip
def test_bad_annotations_stop_training_naming_file_and_row(tmp_path, capsys, case, says):
    good = records(2)
    text = good[1]["text"]
    span = {"technique": "Loaded_Language", "start": 0, "end": 5, "text": text[0:5]}
    rows = {
        "mismatch": [good[0], bad(good[1], spans=[dict(span, text="xxxxx")])],
        "out_of_range": [good[0], bad(good[1], spans=[dict(span, end=999)])],
        "overlap": [good[0], bad(good[1], spans=[span, dict(span, start=2, end=8, text=text[2:8])])],
        "empty": [],
    }[case]
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    assert main(["train", str(path), "--out", str(tmp_path / "m.skops")]) == 2
    err = capsys.readouterr().err
    assert f"framing: error: {path}" in err and says in err
    assert not (tmp_path / "m.skops").exists()


def test_the_model_of_framing_toml_is_used_by_count(counted, small, tmp_path):
    # framing.toml's comment once said the key was "not used by the counter yet"; it is, as --model is.
    config = tmp_path / "framing.toml"
    config.write_text(f'model = "default"\n[corpus]\npaths = ["{small.as_posix()}"]\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["count", "--config", str(config), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    assert (out / "hits.csv").read_bytes() == (counted / "one" / "hits.csv").read_bytes()
    assert (read(out / "hits.csv").kind == "model").sum() == 21


def test_a_coding_sheet_of_another_lexicon_is_refused_naming_its_rows(tmp_path, capsys):
    data = write_jsonl(tmp_path / "train.jsonl", records(5))
    sheet = sheet_csv(tmp_path / "other.csv", [
        ("a1", "انقلاب", "وصف ", "الانقلاب", " هنا", "correct"),
        ("a2", "ميليشيا الرحمن", "قالت ", "الميليشيا", " إن", "correct"),
    ])  # fmt: skip
    argv = ["train", str(data), "--coding-sheet", str(sheet), "--out", str(tmp_path / "m.skops"), "--overlaps", "merge"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"framing: error: {sheet}" in err and "1 row(s) whose label is not in the lexicon" in err
    assert "row 3: 'ميليشيا الرحمن'" in err and not (tmp_path / "m.skops").exists()
    # What to do instead, for a student whose sheet came from a lexicon of their own
    assert "Leave out --coding-sheet, or give your judgments as spans in the ANNOTATIONS JSON Lines file." in err


def test_a_coding_sheet_with_no_code_at_all_is_refused_before_training(tmp_path, capsys):
    # The sheet as exported (its coders' copy was saved elsewhere): minutes of training would learn nothing from it.
    data = write_jsonl(tmp_path / "train.jsonl", records(5))
    sheet = sheet_csv(tmp_path / "exported.csv", [
        ("a1", "انقلاب", "وصف الوزير ", "الانقلاب", " في القاهرة", ""),
        ("a2", "انقلاب", "أدى ", "انقلاب", " سيارة إلى وفاة", ""),
    ])  # fmt: skip
    argv = ["train", str(data), "--coding-sheet", str(sheet), "--out", str(tmp_path / "m.skops"), "--overlaps", "merge"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"framing: error: {sheet}" in err
    assert "has no code in any coder column (coder_1, coder_2) of its 2 hit row(s)" in err
    assert "Give the file the coders saved" in err and not (tmp_path / "m.skops").exists()


def test_a_coded_active_sample_of_model_hits_becomes_training_records(tmp_path):
    """The active-learning loop: model hits -> active_sample -> a coding sheet -> framing train's records."""
    from analysis.coding import coding_sheet
    from analysis.ingest import documents_from_texts
    from analysis.learn import active_sample
    from analysis.learn.inputs import _sheet_note, coding_sheet_records
    from analysis.lexicon import load_terms

    documents = documents_from_texts([
        "وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل.",
        "وأكد أن إنشاء المركز يعد نقلة نوعية في العمل الإعلامي.",
    ])  # fmt: skip
    hits = FramingCounter(model="default").count(documents).hits
    tagger = load_default_tagger()
    sample = active_sample(hits, tagger.threshold, n_uncertain=2, n_random=1, seed=0)
    sheet = coding_sheet(sample, documents, coders=["coder_1"])
    assert len(sheet) == 3 and sheet["hit_id"].str.endswith(":model").all()
    sheet["coder_1"] = ["correct", "incorrect", "unclear"]
    sheet["notes"] = ""
    path = tmp_path / "coded.csv"
    sheet.to_csv(path, index=False)
    records, summary = coding_sheet_records(path, load_terms())
    assert (summary["positive"], summary["negative"], summary["left_out"]) == (1, 1, {"unclear": 1})
    # what the sheet gave is said on the console, and a sheet that gives nothing says so
    assert _sheet_note(path, summary) == (
        f"{path}: 2 record(s) learned (1 correct: a span; 1 incorrect: none); rows left out: 1 unclear"
    )
    nothing = _sheet_note(path, {"positive": 0, "negative": 0, "left_out": {"tie": 2, "unclear": 1}})
    assert (
        nothing
        == f"{path}: no row coded correct or incorrect by a majority, nothing learned from it; rows left out: 2 tie, 1 unclear"
    )
    positive, negative = records.itertuples()
    first = sheet.iloc[0]
    span = positive.spans[0]
    # the coded span, of the technique the model gave it, at its place in the sheet's context
    assert (span["technique"], span["text"]) == (first["label"], first["hit"]) and span["technique"] in LABELS
    assert positive.text[span["start"] : span["end"]] == first["hit"]
    assert positive.text == first["left"] + first["hit"] + first["right"] and negative.spans == []
    # a hit cell edited by a coder is refused, naming its row, not learned as a span
    edited = sheet.assign(hit=[first["hit"] + " جدا", *sheet["hit"][1:]])
    edited.to_csv(path, index=False)
    with pytest.raises(
        FramingInputError, match=r"row 2: the hit cell .* character\(s\), but its hit_id .*it was edited"
    ):
        coding_sheet_records(path, load_terms())
    # a label that is no technique of the tagger is named with its row
    sheet.loc[1, "label"] = "Propaganda"
    sheet.to_csv(path, index=False)
    with pytest.raises(
        FramingInputError, match=r"1 model hit row\(s\) whose label is not a technique .*row 3: 'Propaganda'"
    ):
        coding_sheet_records(path, load_terms())


def test_hits_on_dask_runs_the_model(small):
    dd = pytest.importorskip("dask.dataframe")
    from analysis.batch import hits_on_dask

    documents = pd.DataFrame([{"doc_id": r["id"], "text": r["text"]} for r in records(12)])
    counter = FramingCounter(model="default")
    lazy = hits_on_dask(dd.from_pandas(documents, npartitions=3), counter)
    assert list(lazy.columns) == list(HITS.names)
    hits = lazy.compute(scheduler="sync").reset_index(drop=True)
    pd.testing.assert_frame_equal(hits, counter.count(documents).hits)


def test_the_command_finds_the_shipped_model_from_any_folder(small, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    import analysis

    # This checkout's package, wherever the test runs from (an installed clone needs nothing).
    env = {**os.environ, "PYTHONPATH": str(Path(analysis.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "count", str(small), "--model", "default", "--out", "out"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "12 document(s)" in done.stdout and ", 21 model span(s)" in done.stdout
    hits = read(tmp_path / "out" / "hits.csv")
    assert (hits.kind == "model").sum() == 21


def test_the_cross_validated_scores_line_reads_the_card():
    from analysis.cli_train import _scores_line
    from analysis.learn import DEFAULT_MODEL_PATH

    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".card.json").read_text(encoding="utf-8"))
    assert _scores_line(card["grouped_cv"]) == (
        "token_f1 0.354 [0.3268, 0.3806], span_f1 0.3551 [0.3253, 0.3819] (details in the card)"
    )
    assert _scores_line({}) == "see the card"


def test_the_manifest_and_codebook_record_the_loaded_models_hash_version_and_threshold(counted, tagger):
    from analysis.learn.model import DEFAULT_MODEL_PATH

    manifest = json.loads((counted / "one" / "manifest.json").read_text(encoding="utf-8"))
    model = manifest["model"]
    assert model["name"] == "default" and model["sha256"] == hashlib.sha256(DEFAULT_MODEL_PATH.read_bytes()).hexdigest()
    assert (model["threshold"], model["version"], model["trained"]) == (
        tagger.threshold,
        tagger.card["package_version"],
        tagger.card["date"],
    )
    book = read(counted / "one" / "codebook.csv").set_index(["file", "column"])
    score = book.loc[("hits.csv", "score"), "meaning"]
    assert f"each with probability >= {tagger.threshold:g}, the decision threshold of model 'default'" in score
    assert model["sha256"][:12] in score and score in (counted / "one" / "codebook.md").read_text(encoding="utf-8")
    # The share the model estimates comes with its caveat, where a reader of the tables looks it up.
    expected = book.loc[("documents.csv", "model_expected"), "meaning"]
    assert "about 1.6-fold on Saudi news" in expected and "compare groups, not absolute shares" in expected
    # Without a model: no model in the manifest, and the codebook has no score column.
    assert json.loads((counted / "none" / "manifest.json").read_text(encoding="utf-8"))["model"] is None
    assert ("hits.csv", "score") not in read(counted / "none" / "codebook.csv").set_index(["file", "column"]).index


def test_another_models_threshold_is_read_from_the_model_not_assumed(tmp_path, tagger):
    from analysis.learn.model import Tagger

    other = Tagger(tagger.feature_names, tagger.weights, tagger.intercepts, 0.37, card={"package_version": "9.9"})
    path = other.save(tmp_path / "strict.skops")
    (tmp_path / "a.txt").write_text("وصف المتحدث الميليشيات بالإرهابية والمجرمة.\n", encoding="utf-8")
    assert main(["count", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--no-progress",
                 "--workers", "1", "--model", str(path)]) == 0  # fmt: skip
    model = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["model"]
    assert model["name"] == "strict" and model["threshold"] == 0.37 and model["version"] == "9.9"
    assert model["trained"] is None and model["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    meaning = (
        read(tmp_path / "out" / "codebook.csv").set_index(["file", "column"]).loc[("hits.csv", "score"), "meaning"]
    )
    assert ">= 0.37, the decision threshold of model 'strict'" in meaning


def test_counting_the_models_training_file_warns_that_its_hits_are_in_sample(tmp_path, small, tagger, capsys):
    from analysis.learn.overlap import training_inputs

    folder = tmp_path / "mine"
    folder.mkdir()
    copy = folder / "paragraphs.jsonl"
    copy.write_bytes(ANNOTATED.read_bytes())  # a student's copy of the bundled file: same bytes, other name
    (folder / "notes.txt").write_text("ملاحظات", encoding="utf-8")
    assert training_inputs([folder, small], tagger.card) == [copy]
    assert training_inputs([ANNOTATED], {"training_data": {}}) == []  # a card without a hash: unknown
    assert main(["count", str(copy), "--model", "default", "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert f"framing: warning: {copy} is the model's training data" in err and "in-sample" in err
    assert main(["count", str(small), "--model", "default", "--out", str(tmp_path / "o2"), "--no-progress"]) == 0
    assert "training data" not in capsys.readouterr().err  # 12 paragraphs of it, but not the file: see trained_on


def test_counting_tags_in_batches_what_one_document_at_a_time_gives(monkeypatch):
    """``count_partition`` tags its documents in batches: the rows (dictionary and model hits in text order,
    document statistics with ``model_expected``, quotations) are those of analysing each document alone."""
    import analysis.learn.model as model

    monkeypatch.setattr(model, "BATCH_WORDS", 300)  # several batches of several documents
    counter = FramingCounter(model="default")
    documents = [(r["id"], r["text"]) for r in records(24)]
    partition = counter.count_partition(documents)
    alone = [counter.analyze_text(text, doc_id) for doc_id, text in documents]
    assert partition.hits == [hit for analysis in alone for hit in analysis.hits]
    assert partition.stats == [analysis.stats for analysis in alone]
    assert sum(hit.kind == "model" for hit in partition.hits) >= 10
    assert [row.doc_id for row in partition.stats] == [doc_id for doc_id, _ in documents]


def test_the_default_licence_says_when_coded_contexts_of_another_corpus_were_learned():
    from analysis.cli_train import ARMPRO_LICENCE, NO_LICENCE, _default_licence

    armpro = {"file": "armpro.jsonl", "role": "annotations", "sha256": "abc", "records": 672}
    sheet = {"file": "coded.xlsx", "role": "coding sheet", "sha256": "def", "records": 36}
    assert _default_licence([armpro], "abc") == ARMPRO_LICENCE
    both = _default_licence([armpro, sheet], "abc")
    assert both.startswith(ARMPRO_LICENCE) and "the context of 36 coded hit(s) of coding sheets" in both
    assert "give both with framing train --licence" in both
    # a sheet that gave no record adds nothing; other annotations stay "not stated"
    assert _default_licence([armpro, dict(sheet, records=0)], "abc") == ARMPRO_LICENCE
    assert _default_licence([dict(armpro, sha256="xyz"), sheet], "abc") == NO_LICENCE

"""``framing code draw|score``: a count's folder to a coding sheet, filled as coders fill it, and scored."""

import hashlib
import json
import shutil

import openpyxl
import pandas as pd
import pytest

from analysis.cli import main
from analysis.coding import exported_sheet
from analysis.coding.sampling import hit_ids
from analysis.tables import SCORE_TABLES

ACTORS = "actor,alias,type\nKhalifa Haftar,حفتر,person\n"
TERMS = "term,category,gloss\nمليشي*,delegitimizing_label,militia\nانقلاب*,delegitimizing_label,coup\n"
# Four documents with one militia term each, two with one coup term each: six term hits, one per document.
TEXTS = {
    "a1": "قال حفتر إن المليشيات دخلت المدينة صباح أمس.",
    "a2": "وصلت مليشيات مسلحة إلى الميناء في الليل.",
    "a3": "اتهم الوزير المليشيا بقصف الأحياء السكنية.",
    "a4": "نفت مليشيات الحدود أي دور في الاشتباكات.",
    "b1": "وصف البرلمان ما جرى بأنه انقلاب على الدستور.",
    "b2": "رفض الجيش الحديث عن الانقلاب في بيان رسمي.",
}
# What each coder gives the hit of each document: coder_1 and coder_2 disagree on b1 only.
CODES = {
    "coder_1": {"a1": "correct", "a2": "correct", "a3": "correct", "a4": "incorrect", "b1": "correct", "b2": "incorrect"},
    "coder_2": {"a1": "correct", "a2": "correct", "a3": "correct", "a4": "incorrect", "b1": "incorrect",
                "b2": "incorrect"},
}  # fmt: skip


@pytest.fixture
def counted(tmp_path):
    """A hand-made corpus counted by ``framing count`` into ``tmp_path/out``."""
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS, encoding="utf-8")
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": list(TEXTS), "text": list(TEXTS.values())}).to_csv(corpus, index=False)
    lexicons = ["--actors", tmp_path / "actors.csv", "--terms", tmp_path / "terms.csv", "--ignore", ""]
    assert main(["count", str(corpus), *map(str, lexicons), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    return tmp_path


def fill(sheet, target, coders=("coder_1", "coder_2"), codes=CODES):
    """Fill the sheet's coder columns as a coder does in a spreadsheet program, and save it as ``target``."""
    book = openpyxl.load_workbook(sheet)
    rows = book["coding"]
    header = [cell.value for cell in rows[1]]
    for row in range(2, rows.max_row + 1):
        doc_id = rows.cell(row=row, column=header.index("doc_id") + 1).value
        for coder in coders:
            rows.cell(row=row, column=header.index(coder) + 1).value = codes[coder][doc_id]
    book.save(target)
    return target


def drawn_sheet(folder):
    (sheet,) = sorted((folder / "out" / "coding").glob("coding_sheet_*_seed0.xlsx"))
    return sheet


def test_draw_then_score_two_coders_copies(counted, capsys):
    assert main(["code", "draw", str(counted / "out")]) == 0
    printed = capsys.readouterr().out
    sheet = drawn_sheet(counted)
    assert f"wrote {sheet}" in printed
    assert "term: 6 row(s) in 2 label(s), up to 20 each; with fewer hits (all drawn): انقلاب* 2, مليشي* 4" in printed
    assert f"framing code score {sheet}" in printed
    assert sheet.with_name(sheet.stem + ".sample.json").is_file()
    # nc21c: the sample says which count run it was drawn from (its identity hashes documents as read, no file)
    drawn_from = json.loads(sheet.with_name(sheet.stem + ".sample.json").read_text(encoding="utf-8"))["drawn_from"]
    assert drawn_from["command"] == "framing code draw" and drawn_from["count_folder"] == str(counted / "out")
    assert (
        drawn_from["count_manifest_sha256"]
        == hashlib.sha256((counted / "out" / "manifest.json").read_bytes()).hexdigest()
    )
    assert drawn_from["options"]["kind"] == ["term"] and drawn_from["options"]["seed"] == 0
    assert drawn_from["options"]["per_stratum"] == 20 and set(drawn_from) >= {"package_version", "commit", "modified"}
    # each coder fills their own copy; score merges them
    first = fill(sheet, counted / "coder_1.xlsx", coders=("coder_1",))
    second = fill(sheet, counted / "coder_2.xlsx", coders=("coder_2",))
    shutil.copy(sheet.with_name(sheet.stem + ".sample.json"), counted / (sheet.stem + ".sample.json"))
    first, second = (shutil.move(p, counted / f"{sheet.stem}_{p.stem}.xlsx") for p in (first, second))
    out = counted / "scores"
    assert main(["code", "score", str(first), str(second), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "coded: coder_1 6 of 6; coder_2 6 of 6" in printed
    # مليشي*: 3 of 4 correct by both coders; Wilson 95% interval by hand: (0.75 + z²/8 ± z·sqrt(0.75·0.25/4 +
    # z²/64)) / (1 + z²/4) with z = 1.95996 gives 0.3006 and 0.9544
    assert "مليشي* (delegitimizing_label): 3 of 4 correct: 0.75 [0.30, 0.95]" in printed
    precision = pd.read_csv(out / "term_precision.csv").set_index("label")
    assert precision.loc["مليشي*", "precision"] == 0.75
    assert precision.loc["مليشي*", "ci_low"] == pytest.approx(0.300642, abs=1e-6)
    assert precision.loc["مليشي*", "ci_high"] == pytest.approx(0.954413, abs=1e-6)
    # انقلاب*: b1 is a tie (left out), b2 incorrect: 0 of 1, too few coded to flag (min 3)
    assert precision.loc["انقلاب*", ["n_correct", "n_coded", "n_excluded"]].tolist() == [0, 1, 1]
    # cc20d: the tie is said to wait for adjudication, not lost among "not coded" rows
    assert "انقلاب* (delegitimizing_label): 0 of 1 correct: 0.00 [0.00, 0.79]  (too few coded to judge); 1 tie(s) to " \
           "adjudicate" in printed  # fmt: skip
    assert "ties: 1 row(s) whose coders disagree are left out until adjudicated" in printed
    assert "labels to revise: none" in printed
    assert pd.isna(precision.loc["انقلاب*", "flag"]) and not precision.loc["مليشي*", "flag"]
    # kappa: p_o = 5/6, p_e = 4/6·3/6 + 2/6·3/6 = 1/2, so (5/6 - 1/2) / (1/2) = 2/3; alpha: 1 - (2/12) / (70/132)
    agreement = pd.read_csv(out / "coder_agreement.csv").set_index("measure")
    assert agreement.loc["cohens_kappa", "value"] == pytest.approx(2 / 3)
    assert agreement.loc["cohens_kappa", "n_units"] == 6
    assert agreement.loc["cohens_kappa", "ci_low"] <= 2 / 3 <= agreement.loc["cohens_kappa", "ci_high"]
    assert agreement.loc["krippendorff_alpha", "value"] == pytest.approx(24 / 35)
    assert "Cohen's kappa, coder_1 & coder_2: 0.667" in printed
    progress = pd.read_csv(out / "coding_progress.csv")
    assert progress.values.tolist() == [["coder_1", 6, 0], ["coder_2", 6, 0]]
    assert pd.read_csv(out / "model_precision.csv").empty
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["command"] == "framing code score" and manifest["seed"] == 0
    assert manifest["parameters"]["drawn_from"] == [drawn_from]  # the score ties back to the count run
    assert sorted(manifest["tables"]) == ["coded_sheet.csv", "coder_agreement.csv", "coding_progress.csv",
                                          "model_precision.csv", "near_misses.csv", "term_precision.csv"]  # fmt: skip
    for table in SCORE_TABLES:  # each file with the columns analysis.tables declares (the coders' follow)
        extra = ("coder_1", "coder_2", "notes") if table.name == "coded_sheet" else ()
        assert tuple(pd.read_csv(out / str(table.file)).columns) == (*table.names, *extra)
    # nc21c: the rows behind the numbers, with every coder's code and the judgment scored (the tie b1 empty)
    coded = pd.read_csv(out / "coded_sheet.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert coded["judgment"].to_dict() == {"a1": "correct", "a2": "correct", "a3": "correct", "a4": "incorrect",
                                           "b1": "", "b2": "incorrect"}  # fmt: skip
    assert coded.loc["b1", ["coder_1", "coder_2"]].tolist() == ["correct", "incorrect"]
    assert (coded["label"] == "مليشي*").sum() == 4 and coded.loc["a4", "hit_id"].startswith("a4:")


def test_draw_is_the_api_sample_and_is_kept_when_drawn_again(counted, capsys):
    from analysis.coding import coding_sheet, sample_hits, sheet_identity
    from analysis.corpus import read_corpus
    from analysis.lexicon import load_actors, load_terms
    from analysis.pipeline import FramingCounter

    assert main(["code", "draw", str(counted / "out"), "--per-stratum", "2", "--seed", "3"]) == 0
    assert "term: 4 row(s) in 2 label(s), up to 2 each\n" in capsys.readouterr().out
    (sheet,) = (counted / "out" / "coding").glob("*.xlsx")
    documents = read_corpus([counted / "corpus.csv"]).documents
    counter = FramingCounter(load_actors(counted / "actors.csv"), load_terms(counted / "terms.csv"), ignore=None)
    sample = sample_hits(counter.count(documents).hits, per_stratum=2, seed=3)
    identity = sheet_identity(coding_sheet(sample, documents), documents, seed=3, lexicons=counter)
    assert sheet.name == f"coding_sheet_{identity['sha256'][:8]}_seed3.xlsx"
    capsys.readouterr()
    assert main(["code", "draw", str(counted / "out"), "--per-stratum", "2", "--seed", "3"]) == 0
    assert capsys.readouterr().out.startswith(f"kept (this very sample was already there: coders may be filling it) "
                                              f"{sheet}")  # fmt: skip


def test_draw_to_a_named_csv_and_actor_hits(counted, capsys):
    assert main(["code", "draw", str(counted / "out"), "--kind", "actor", "--out", str(counted / "mine.csv")]) == 0
    (sheet,) = counted.glob("mine_*_seed0.csv")
    table = pd.read_csv(sheet, encoding="utf-8-sig")
    assert table["hit_id"].tolist() == ["a1:4-8:actor"] and table["hit"].tolist() == ["حفتر"]


def _error(capsys, *argv):
    assert main(list(map(str, argv))) == 2
    return capsys.readouterr().err


def test_draw_errors_name_the_file_and_what_to_do(counted, capsys):
    out = counted / "out"
    err = _error(capsys, "code", "draw", counted)
    assert err.startswith(f"framing: error: {counted}: has no manifest.json: not the output folder of a finished")
    assert "--active sample model hits: add --kind model" in _error(capsys, "code", "draw", out, "--active", "5")
    assert "coder 'notes' is the name of a coding-sheet column" in _error(
        capsys, "code", "draw", out, "--coders", "notes"
    )
    err = _error(capsys, "code", "draw", out, "--out", counted / "sheet.txt")
    assert f"{counted / 'sheet.txt'}: a coding sheet is written as .xlsx or .csv; give a folder or such a name" in err
    assert "holds no model hits (framing count ran without --model)" in _error(capsys, "code", "draw", out, "--kind",
                                                                                "model")  # fmt: skip
    # the corpus moved: the manifest's path is gone; --corpus gives it
    moved = counted / "moved.csv"
    (counted / "corpus.csv").rename(moved)
    err = _error(capsys, "code", "draw", out)
    assert f"{counted / 'corpus.csv'}: does not exist: the corpus path that {out / 'manifest.json'} names; give" in err
    assert main(["code", "draw", str(out), "--corpus", str(moved)]) == 0
    # the corpus changed since the count: the hits' offsets would point into other text
    moved.write_text(moved.read_text(encoding="utf-8").replace("صباح أمس", "مساء أمس"), encoding="utf-8")
    err = _error(capsys, "code", "draw", out, "--corpus", moved, "--seed", "1")
    assert f"{out}: the --corpus given differs from what framing count read ({moved} is not a file it read" in err
    # tables in another format than CSV
    argv = ["count", moved, "--actors", counted / "actors.csv", "--terms", counted / "terms.csv", "--ignore", ""]
    assert main([*map(str, argv), "--out", str(counted / "xlsx"), "--format", "xlsx", "--no-progress"]) == 0
    err = _error(capsys, "code", "draw", counted / "xlsx")
    assert "holds the tables as xlsx (framing count --format xlsx); framing code draw reads the CSV tables" in err
    # hits.csv edited after the count
    with open(out / "hits.csv", "a", encoding="utf-8") as stream:
        stream.write("\n")
    err = _error(capsys, "code", "draw", out, "--corpus", moved)
    assert f"{out / 'hits.csv'}: is not the file framing count wrote (its SHA-256 differs" in err


def test_score_errors_name_the_file_and_row(counted, capsys):
    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    # a typo in a code: the row and the allowed codes
    typo = fill(sheet, sheet.with_name(sheet.stem + "_typo.xlsx"))
    book = openpyxl.load_workbook(typo)
    header = [cell.value for cell in book["coding"][1]]
    book["coding"].cell(row=3, column=header.index("coder_1") + 1).value = "corect"
    book.save(typo)
    err = _error(capsys, "code", "score", typo)
    assert f"{typo} (sheet 'coding'), row 3: coder_1: unknown code 'corect'; allowed: correct, incorrect" in err
    # a copy away from its sample
    alone = counted / "elsewhere" / "copy.xlsx"
    alone.parent.mkdir()
    shutil.copy(typo, alone)
    err = _error(capsys, "code", "score", alone)
    assert f"{alone}: has no exported sample beside it (copy.sample.json, or the .sample.json of the sheet" in err
    # cc20d: a renamed copy beside its sample: the name is what ties the two
    assert "a renamed copy must keep the sheet's name at its start (coding_sheet_<8 hex>_seed<S>_anna.xlsx)" in err
    # a sheet nobody coded
    empty = shutil.copy(sheet, sheet.with_name(sheet.stem + "_empty.xlsx"))
    err = _error(capsys, "code", "score", empty)
    assert f"{empty}: no coder has coded any row yet (columns coder_1, coder_2 are empty in rows 2-7)" in err
    # two copies that give one coder two codes for one hit
    one = fill(sheet, sheet.with_name(sheet.stem + "_one.xlsx"), coders=("coder_1",))
    other = {"coder_1": {**CODES["coder_1"], "a2": "incorrect"}}
    two = fill(sheet, sheet.with_name(sheet.stem + "_two.xlsx"), coders=("coder_1",), codes=other)
    err = _error(capsys, "code", "score", one, two)
    assert f"{two}: gives codes that another copy contradicts" in err
    assert "coder_1 is 'incorrect' here but 'correct' in" in err
    # a sheet of another sample cannot be merged with this one
    assert main(["code", "draw", str(counted / "out"), "--seed", "1", "--per-stratum", "1"]) == 0
    (seed1,) = (counted / "out" / "coding").glob("coding_sheet_*_seed1.xlsx")
    err = _error(capsys, "code", "score", one, fill(seed1, seed1.with_name(seed1.stem + "_f.xlsx")))
    assert "is a sheet of another sample (identity" in err


@pytest.fixture
def counted_with_model(tmp_path):
    from analysis.ingest import documents_from_texts

    texts = [
        "وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل.",
        "وأكد أن إنشاء المركز يعد نقلة نوعية في العمل الإعلامي.",
        "ووصف الوزير ما جرى بأنه الانقلاب الغاشم على الشرعية والإرهاب الأسود.",
    ]
    corpus = tmp_path / "corpus.csv"
    documents_from_texts(texts)[["doc_id", "text"]].rename(columns={"doc_id": "id"}).to_csv(corpus, index=False)
    assert main(["count", str(corpus), "--model", "default", "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    return tmp_path


def test_model_hits_with_near_misses_end_to_end(counted_with_model, capsys):
    out = counted_with_model / "out"
    hits = pd.read_csv(out / "hits.csv")
    n_model = int((hits["kind"] == "model").sum())
    assert n_model >= 4
    argv = ["code", "draw", str(out), "--kind", "model", "--active", "1", "--random", "2", "--near-miss", "2"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "model, uncertain: 1 row(s)" in printed and "model, near_miss: 2 row(s)" in printed
    sheet = drawn_sheet(counted_with_model)
    sample = json.loads(sheet.with_name(sheet.stem + ".sample.json").read_text(encoding="utf-8"))
    assert sample["model"]["name"] == "default"  # the detector that scored the hits, for framing train
    # every row coded correct by both coders: the near misses are loaded language the model missed
    book = openpyxl.load_workbook(sheet)
    rows = book["coding"]
    header = [cell.value for cell in rows[1]]
    for row in range(2, rows.max_row + 1):
        for coder in ("coder_1", "coder_2"):
            rows.cell(row=row, column=header.index(coder) + 1).value = "correct"
    filled = sheet.with_name(sheet.stem + "_filled.xlsx")
    book.save(filled)
    assert main(["code", "score", str(filled)]) == 0
    scores = filled.with_name(filled.stem + "_scores")
    model = pd.read_csv(scores / "model_precision.csv").iloc[0]
    # the random stratum stands for the n_model - 1 hits outside the uncertain one
    assert model["n_model_hits"] == n_model and model["n_coded"] == 3 and model["precision"] == 1.0
    near = pd.read_csv(scores / "near_misses.csv").iloc[0]
    assert (near["n_sampled"], near["n_coded"], near["n_correct"]) == (2, 2, 2)
    # every model hit estimated true, plus the 2 misses found: recall at most n / (n + 2)
    assert near["recall_bound"] == pytest.approx(n_model / (n_model + 2), abs=1e-12)  # not rounded, as term_precision
    assert near["min_score"] < 0.12  # below the default model's threshold
    assert pd.read_csv(scores / "term_precision.csv").empty  # no dictionary row drawn
    # half way: only the uncertain row coded; the precision covers it alone, and the printout says so
    drawn = exported_sheet(sheet).attrs["sample"]
    strata = dict(zip(hit_ids(drawn), drawn["stratum"]))
    for row in range(2, rows.max_row + 1):
        if strata[rows.cell(row=row, column=header.index("hit_id") + 1).value] != "uncertain":
            for coder in ("coder_1", "coder_2"):
                rows.cell(row=row, column=header.index(coder) + 1).value = None
    half = sheet.with_name(sheet.stem + "_half.xlsx")
    book.save(half)
    capsys.readouterr()
    assert main(["code", "score", str(half)]) == 0
    printed = capsys.readouterr().out
    assert "over 1 coded row(s) standing for" in printed
    assert (f"model hits: but no row of the stratum random (2 row(s) standing for {n_model - 1:g} hit(s)) is coded: "
            "the precision is that of the other strata only") in printed  # fmt: skip


def test_score_an_adjudication_column_added_by_the_coders(counted, capsys):
    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    filled = fill(sheet, sheet.with_name(sheet.stem + "_adjudicated.xlsx"))
    book = openpyxl.load_workbook(filled)
    rows = book["coding"]
    header = [cell.value for cell in rows[1]]
    rows.cell(row=1, column=len(header) + 1).value = "adjudicated"
    for row in range(2, rows.max_row + 1):  # the tie b1 settled as correct
        doc_id = rows.cell(row=row, column=header.index("doc_id") + 1).value
        rows.cell(row=row, column=len(header) + 1).value = "correct" if doc_id == "b1" else CODES["coder_1"][doc_id]
    book.save(filled)
    # read without --add-coder, the column of codes is refused with how to read it
    err = _error(capsys, "code", "score", filled)
    assert "is not a coder column of the exported sheet" in err and "with --add-coder NAME" in err
    capsys.readouterr()
    assert main(["code", "score", str(filled), "--add-coder", "adjudicated", "--coder", "adjudicated"]) == 0
    scores = filled.with_name(filled.stem + "_scores")
    precision = pd.read_csv(scores / "term_precision.csv").set_index("label")
    assert precision.loc["انقلاب*", ["n_correct", "n_coded", "precision"]].tolist() == [1, 2, 0.5]
    # The adjudication decides; it is not a coder whose agreement is measured (nc21c: a copy of coder_1's codes
    # gave "kappa coder_1 & adjudicated 1.000" and raised alpha): the agreement is the two coders' alone.
    assert "agreement: among coder_1, coder_2; adjudicated, the judgment scored (an adjudication), is left out" in (
        capsys.readouterr().out
    )
    agreement = pd.read_csv(scores / "coder_agreement.csv")
    assert agreement["coders"].tolist() == ["coder_1 & coder_2", "coder_1 & coder_2"]
    plain = fill(sheet, sheet.with_name(sheet.stem + "_plain.xlsx"))
    assert main(["code", "score", str(plain)]) == 0
    expected = pd.read_csv(plain.with_name(plain.stem + "_scores") / "coder_agreement.csv")
    pd.testing.assert_frame_equal(agreement, expected)
    # rv21e: an adjudicator fills the ties only (the README's advice); the other rows keep the coders' majority,
    # so the numbers are those of the fully filled column, not of the disputed row alone (0 of 1 correct)
    ties_only = fill(sheet, sheet.with_name(sheet.stem + "_ties_only.xlsx"))
    book = openpyxl.load_workbook(ties_only)
    rows = book["coding"]
    rows.cell(row=1, column=len(header) + 1).value = "adjudicated"
    for row in range(2, rows.max_row + 1):
        if rows.cell(row=row, column=header.index("doc_id") + 1).value == "b1":
            rows.cell(row=row, column=len(header) + 1).value = "correct"
    book.save(ties_only)
    assert main(["code", "score", str(ties_only), "--add-coder", "adjudicated", "--coder", "adjudicated"]) == 0
    settled = ties_only.with_name(ties_only.stem + "_scores")
    pd.testing.assert_frame_equal(
        pd.read_csv(settled / "term_precision.csv"), pd.read_csv(scores / "term_precision.csv")
    )
    judged = pd.read_csv(settled / "coded_sheet.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert judged["judgment"].to_dict() == {"a1": "correct", "a2": "correct", "a3": "correct", "a4": "incorrect",
                                            "b1": "correct", "b2": "incorrect"}  # fmt: skip
    # the Python call reads the added columns read_sheets recorded: the adjudication is no coder there either
    from analysis.cli_code import read_sheets, score_tables

    tables = score_tables(read_sheets([str(ties_only)], ["adjudicated"]), coder="adjudicated")
    assert tables["coder_agreement"]["coders"].tolist() == ["coder_1 & coder_2", "coder_1 & coder_2"]
    # Read as a third coder (no --coder), the added column is one of the coders
    assert main(["code", "score", str(filled), "--add-coder", "adjudicated", "--out", str(counted / "third")]) == 0
    third = pd.read_csv(counted / "third" / "coder_agreement.csv")
    assert third["coders"].iloc[-1] == "coder_1 & coder_2 & adjudicated" and len(third) == 4
    err = _error(capsys, "code", "score", filled, "--add-coder", "adjudicated", "--coder", "coder_9")
    assert "has no coder column 'coder_9' (coders: coder_1, coder_2, adjudicated)" in err


def test_score_a_partly_coded_sheet(counted, capsys):
    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    partly = {
        "coder_1": {doc_id: code if doc_id in ("a1", "a4") else None for doc_id, code in CODES["coder_1"].items()}
    }
    filled = fill(sheet, sheet.with_name(sheet.stem + "_partly.xlsx"), coders=("coder_1",), codes=partly)
    capsys.readouterr()
    assert main(["code", "score", str(filled)]) == 0
    printed = capsys.readouterr().out
    assert "coded: coder_1 2 of 6; coder_2 0 of 6" in printed
    # one coder's code is the majority of the coders who coded the row: a1 correct, a4 incorrect
    assert "مليشي* (delegitimizing_label): 1 of 2 correct: 0.50 [0.09, 0.91]  (too few coded to judge)" in printed
    assert "انقلاب* (delegitimizing_label): no hit coded correct or incorrect yet\n" in printed  # no tie: not coded
    assert "ties:" not in printed
    assert "Cohen's kappa, coder_1 & coder_2: undefined over 0 row(s)" in printed


def test_draw_takes_the_configurations_seed_as_notebook_05_does(counted, capsys, monkeypatch):
    # cc20d: with seed = 5 in framing.toml, notebook 05 drew with seed 5 and `framing code draw` with 0.
    monkeypatch.delenv("FRAMING_CONFIG", raising=False)
    config = counted / "framing.toml"
    config.write_text("seed = 3\n", encoding="utf-8")
    out = counted / "out"
    assert main(["code", "draw", str(out), "--per-stratum", "2", "--config", str(config)]) == 0
    assert [p.name.rsplit("_", 1)[1] for p in (out / "coding").glob("*.xlsx")] == ["seed3.xlsx"]
    monkeypatch.setenv("FRAMING_CONFIG", str(config))
    assert main(["code", "draw", str(out), "--per-stratum", "2", "--seed", "1"]) == 0  # the option wins
    assert sorted(p.name.rsplit("_", 1)[1] for p in (out / "coding").glob("*.xlsx")) == ["seed1.xlsx", "seed3.xlsx"]
    monkeypatch.delenv("FRAMING_CONFIG")
    assert main(["code", "draw", str(out), "--per-stratum", "2"]) == 0  # no configuration: seed 0
    assert sorted(p.name.rsplit("_", 1)[1] for p in (out / "coding").glob("*.xlsx")) == [
        "seed0.xlsx", "seed1.xlsx", "seed3.xlsx"
    ]  # fmt: skip


def test_score_names_a_label_without_a_category_without_empty_brackets(tmp_path, capsys):
    # An own actor file with no type column gives actors an empty category: the printout read "Khalifa Haftar ()".
    (tmp_path / "actors.csv").write_text("actor,alias\nKhalifa Haftar,حفتر\n", encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS, encoding="utf-8")
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"id": list(TEXTS), "text": list(TEXTS.values())}).to_csv(corpus, index=False)
    lexicons = ["--actors", str(tmp_path / "actors.csv"), "--terms", str(tmp_path / "terms.csv"), "--ignore", ""]
    assert main(["count", str(corpus), *lexicons, "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    assert main(["code", "draw", str(tmp_path / "out"), "--kind", "actor", "term"]) == 0
    filled = fill(drawn_sheet(tmp_path), tmp_path / "out" / "coding" / "filled.xlsx", coders=("coder_1",))
    (sheet,) = (tmp_path / "out" / "coding").glob("coding_sheet_*_seed0.xlsx")
    filled = filled.rename(sheet.with_name(sheet.stem + "_filled.xlsx"))
    capsys.readouterr()
    assert main(["code", "score", str(filled)]) == 0
    printed = capsys.readouterr().out
    assert "\n  Khalifa Haftar: 1 of 1 correct: 1.00 [0.21, 1.00]  (too few coded to judge)\n" in printed
    assert "مليشي* (delegitimizing_label): 3 of 4 correct" in printed


def _add_column(path, name, codes):
    """Add a column ``name`` to a filled copy, as a coder does in a spreadsheet program: ``codes`` by doc_id."""
    book = openpyxl.load_workbook(path)
    rows = book["coding"]
    header = [cell.value for cell in rows[1]]
    rows.cell(row=1, column=len(header) + 1).value = name
    for row in range(2, rows.max_row + 1):
        doc_id = rows.cell(row=row, column=header.index("doc_id") + 1).value
        rows.cell(row=row, column=len(header) + 1).value = codes.get(doc_id)
    book.save(path)
    return path


def _copies(counted):
    """The drawn sheet's sample beside two copies, coder_1's and coder_2's, named as renamed copies are."""
    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    first = fill(sheet, sheet.with_name(sheet.stem + "_anna.xlsx"), coders=("coder_1",))
    second = fill(sheet, sheet.with_name(sheet.stem + "_omar.xlsx"), coders=("coder_2",))
    return first, second


def test_score_copies_of_which_only_one_has_the_added_column(counted, capsys):
    first, second = _copies(counted)
    # the tie b1 is settled in coder_2's copy alone; coder_1's copy has no adjudicated column
    _add_column(second, "adjudicated", {**CODES["coder_1"], "b1": "correct"})
    for order in ((first, second), (second, first)):
        out = counted / f"scores_{order[0].stem}"
        argv = ["code", "score", *map(str, order), "--add-coder", "adjudicated", "--coder", "adjudicated"]
        assert main([*argv, "--out", str(out)]) == 0
        printed = capsys.readouterr().out
        assert "coded: coder_1 6 of 6; coder_2 6 of 6; adjudicated 6 of 6" in printed
        precision = pd.read_csv(out / "term_precision.csv").set_index("label")
        assert precision.loc["انقلاب*", ["n_correct", "n_coded", "precision"]].tolist() == [1, 2, 0.5]
    # an --add-coder column that no copy has is named, not read as an empty coder
    err = _error(capsys, "code", "score", first, second, "--add-coder", "adjudicated", "--add-coder", "coder_3")
    assert f"{first}, {second}: --add-coder coder_3: no copy has a column 'coder_3' (added columns found: " \
           "['adjudicated'])" in err  # fmt: skip


def test_score_a_third_coder_in_one_copy(counted, capsys):
    first, second = _copies(counted)
    # a third coder codes in coder_1's copy, and sides with coder_1 on the tie b1
    _add_column(first, "coder_3", CODES["coder_1"])
    assert main(["code", "score", str(first), str(second), "--add-coder", "coder_3", "--out", str(counted / "s")]) == 0
    printed = capsys.readouterr().out
    assert "coded: coder_1 6 of 6; coder_2 6 of 6; coder_3 6 of 6" in printed
    precision = pd.read_csv(counted / "s" / "term_precision.csv").set_index("label")
    # b1 is now correct by a 2-to-1 majority: انقلاب* 1 of 2
    assert precision.loc["انقلاب*", ["n_correct", "n_coded"]].tolist() == [1, 2]
    assert "ties:" not in printed


def _note(path, notes, column="notes"):
    """Write ``notes`` (by doc_id) into the column ``column`` of a filled copy."""
    book = openpyxl.load_workbook(path)
    rows = book["coding"]
    header = [cell.value for cell in rows[1]]
    for row in range(2, rows.max_row + 1):
        doc_id = rows.cell(row=row, column=header.index("doc_id") + 1).value
        if doc_id in notes:
            rows.cell(row=row, column=header.index(column) + 1).value = notes[doc_id]
    book.save(path)
    return path


def test_two_copies_filling_one_coder_column_are_counted(counted, capsys):
    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    one = fill(sheet, sheet.with_name(sheet.stem + "_one.xlsx"), coders=("coder_1",))
    # both students typed in coder_1: three of the six rows coded otherwise
    other = {"coder_1": {**CODES["coder_1"], "a2": "incorrect", "a4": "correct", "b2": "correct"}}
    two = fill(sheet, sheet.with_name(sheet.stem + "_two.xlsx"), coders=("coder_1",), codes=other)
    err = _error(capsys, "code", "score", one, two)
    assert f"{two}: gives codes that another copy contradicts: 3 row(s) coded differently in both copies (rows of " \
           f"the exported sheet), first row " in err  # fmt: skip
    assert err.count("coder_1 is ") == 3 and f"here but 'correct' in {one}" in err


def test_the_notes_of_every_copy_are_kept(counted):
    from analysis.cli_code import read_sheets

    first, second = _copies(counted)
    _note(first, {"a2": "armed group, not a slur here", "a3": "quoted"})
    _note(second, {"a2": "in a headline", "b1": "unsure"})
    _add_column(first, "comment", {"a1": "see a2"})
    _add_column(second, "comment", {"a1": "see a2", "b2": "recheck"})
    coded = read_sheets([str(first), str(second)]).set_index("doc_id")
    assert coded.loc["a2", "notes"] == f"{first.name}: armed group, not a slur here | {second.name}: in a headline"
    assert coded.loc["a3", "notes"] == "quoted" and coded.loc["b1", "notes"] == "unsure"  # one copy's note as written
    assert coded.loc["a4", "notes"] == ""
    assert coded.loc["a1", "comment"] == "see a2" and coded.loc["b2", "comment"] == "recheck"  # the same note once


def test_a_rerun_says_what_it_replaced_and_keeps_a_count_folder(counted, capsys):
    import os

    from analysis.provenance import file_sha256

    assert main(["code", "draw", str(counted / "out")]) == 0
    sheet = drawn_sheet(counted)
    filled = fill(sheet, sheet.with_name(sheet.stem + "_filled.xlsx"))
    out = filled.with_name(filled.stem + "_scores")
    capsys.readouterr()
    assert main(["code", "score", str(filled)]) == 0
    assert "replaced" not in capsys.readouterr().out  # a new folder replaces nothing
    (out / "my_reading.txt").write_text("kept", encoding="utf-8")  # not a table of the command: never touched
    assert main(["code", "score", str(filled), "--threshold", "0.9"]) == 0
    printed = capsys.readouterr().out
    assert f"replaced the tables of an earlier run in {out} (framing code score of {filled}): coding_progress.csv, " \
           "term_precision.csv, coder_agreement.csv, model_precision.csv, near_misses.csv, coded_sheet.csv, " \
           "manifest.json\n" in printed  # fmt: skip
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parameters"]["threshold"] == 0.9
    assert (out / "my_reading.txt").read_text(encoding="utf-8") == "kept"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no staging folder, lock or temporary left
    # the folder of framing count is not a score folder: its manifest would be replaced and draw refuse it
    before = file_sha256(counted / "out" / "manifest.json")
    err = _error(capsys, "code", "score", filled, "--out", counted / "out")
    assert err.startswith(f"framing: error: {counted / 'out'}: holds the output of framing count (its manifest.json):")
    assert "choose another --out" in err and file_sha256(counted / "out" / "manifest.json") == before
    # the rules of framing count --out: an existing file, a folder another run is writing into
    err = _error(capsys, "code", "score", filled, "--out", filled)
    assert f"{filled}: exists and is not a folder: choose a folder for --out" in err
    (out / ".framing.lock").write_text(f"{os.getppid()}\n", encoding="ascii")  # a live process holds it
    err = _error(capsys, "code", "score", filled, "--out", out)
    assert f"{out}: another framing run (process {os.getppid()}) is writing into this folder" in err

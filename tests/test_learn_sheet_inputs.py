"""framing train's coding sheets as coders return them from a spreadsheet: checked as read_coding_sheet checks them."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from analysis import coding
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts
from analysis.learn.inputs import _sheet_note, coding_sheet_records
from analysis.lexicon import load_terms
from analysis.pipeline import FramingCounter

CODES = ["correct", "incorrect", "correct", "unclear", "correct", "incorrect"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A sheet of six term hits saved with its sample, as notebook 05 saves one."""
    texts = [
        f"قال المتحدث في البيان رقم {i} إن مليشيات حفتر تقدمت نحو المدينة، ووصف الوزير ما جرى بأنه الانقلاب."
        for i in range(6)
    ]
    documents = documents_from_texts(texts, [f"d{i}" for i in range(6)])
    counter = FramingCounter()
    sample = coding.sample_hits(counter.count(documents).hits, per_stratum=3, seed=2)
    sheet = coding.coding_sheet(sample, documents)
    (written,) = coding.save_coding_sheet(
        sheet, tmp_path_factory.mktemp("sheets"), sample=sample, documents=documents, seed=2, lexicons=counter
    )
    return written.path


def _spreadsheet_copy(exported, target, coder_1, coder_2, *, comment=None, reverse=False):
    """The exported sheet as a spreadsheet program saves it after coding: columns moved, rows re-sorted."""
    book = openpyxl.load_workbook(exported)
    rows = [list(r) for r in book["coding"].iter_rows(values_only=True)]
    header, body = rows[0], rows[1:]
    for row, a, b in zip(body, coder_1, coder_2):
        row[header.index("coder_1")], row[header.index("coder_2")] = a, b
    order = ["hit_id", "coder_2", "coder_1", *[c for c in header if c not in ("hit_id", "coder_1", "coder_2")]]
    out = openpyxl.Workbook()
    out.active.title = "coding"
    out.active.append(order + (["comment"] if comment else []))
    for i, row in enumerate(body[::-1] if reverse else body):
        cells = dict(zip(header, row))
        out.active.append([cells[c] for c in order] + ([comment[i]] if comment else []))
    out.active.column_dimensions["C"].hidden = True
    out.save(target)
    return target


def test_a_re_sorted_sheet_with_a_comment_column_trains_on_the_same_records(saved):
    coder_2 = [CODES[0], "", *CODES[2:]]  # the second coder left the second hit uncoded
    plain = _spreadsheet_copy(saved, saved.with_name(saved.stem + "_plain.xlsx"), CODES, coder_2)
    # Codes typed by hand ("Correct "), a comment column added, the rows in another order: the same records
    messy_1 = ["Correct ", "INCORRECT", "correct", "unclear", "correct", "incorrect"]
    comments = ["", "", "", "", "check context", ""]  # written rows run backwards: this is the second hit's
    messy = _spreadsheet_copy(saved, saved.with_name(saved.stem + "_anna.xlsx"), messy_1, coder_2, comment=comments,
                              reverse=True)  # fmt: skip
    records, summary = coding_sheet_records(plain, load_terms())
    again, summary_again = coding_sheet_records(messy, load_terms())
    pd.testing.assert_frame_equal(records, again)
    # read as a third coder, "check context" tied with coder_1's "incorrect" and the hit was left out
    assert (summary["positive"], summary["negative"], summary["left_out"]) == (3, 2, {"unclear": 1})
    assert summary_again == summary
    # the second hit was learned on coder_1's code alone, and the console says so
    assert summary["one_coder"] == 1
    assert _sheet_note(plain, summary) == (
        f"{plain}: 5 record(s) learned (3 correct: a span; 2 incorrect: none); 1 of them coded by one coder only "
        "(the others' cells empty); rows left out: 1 unclear"
    )
    # what the sheet was drawn from, from its saved sample, for the model card
    assert summary["identity"]["seed"] == 2 and summary["identity"]["sha256"].startswith(saved.stem.split("_")[2])


def test_a_code_typed_in_another_language_stops_training_naming_its_row(saved):
    coder_2 = ["صحيح", *CODES[1:]]
    sheet = _spreadsheet_copy(saved, saved.with_name(saved.stem + "_arabic.xlsx"), CODES, coder_2)
    with pytest.raises(coding.CodingSheetError) as caught:
        coding_sheet_records(sheet, load_terms())
    (problem,) = caught.value.problems
    assert problem.row == 2 and problem.problem == "coder_2: unknown code 'صحيح'; allowed: correct, incorrect, unclear"


def test_without_its_sample_a_comment_column_is_named_not_counted_as_a_coder(saved, tmp_path):
    # The same filled sheet copied away from its .sample.json: every column after the hit columns is a coder's.
    comments = ["", "check context", "", "", "", ""]
    sheet = _spreadsheet_copy(saved, tmp_path / "filled.xlsx", CODES, CODES, comment=comments)
    with pytest.raises(FramingInputError) as caught:
        coding_sheet_records(sheet, load_terms())
    message = str(caught.value)
    assert "has 1 cell(s) in its coder columns (coder_2, coder_1, comment) that are not a code" in message
    assert "row 3 comment: 'check context'" in message and "move comments to notes" in message


def test_two_coders_copies_of_one_sample_or_one_sheet_twice_are_refused(saved):
    from analysis.learn.inputs import training_inputs
    from analysis.paths import data_path

    annotations = data_path("annotated", "armpro_dev_loaded_language.jsonl")
    blank = [""] * 6
    # each coder filled a copy of their own (coding_sheet_..._seed2_anna.xlsx finds its sample too); they disagree
    anna = _spreadsheet_copy(saved, saved.with_name(saved.stem + "_coder_anna.xlsx"), CODES, blank)
    omar = _spreadsheet_copy(saved, saved.with_name(saved.stem + "_coder_omar.xlsx"), blank, ["incorrect"] * 6)
    with pytest.raises(FramingInputError) as caught:
        training_inputs(annotations, [anna, omar], load_terms(), overlaps="merge")
    message = str(caught.value)
    assert message.startswith(f"{omar}: is a copy of the same sample as {anna} (identity {saved.stem.split('_')[2]})")
    assert "Copy every coder's column into one of them" in message
    with pytest.raises(FramingInputError, match=r"is the same file as .*: its coded hits would be learned twice"):
        training_inputs(annotations, [anna, anna], load_terms(), overlaps="merge")
    one = training_inputs(annotations, [anna], load_terms(), overlaps="merge")
    assert len(one.records) == 672 + 5 and one.files[1]["identity"]["seed"] == 2


def test_a_formula_typed_as_a_code_in_a_sheet_without_its_sample_is_named(saved, tmp_path):
    # =coder_1's cell, saved by a program that stores no value: it read as an empty cell, "not coded"
    sheet = _spreadsheet_copy(saved, tmp_path / "formula.xlsx", CODES, CODES)
    book = openpyxl.load_workbook(sheet)
    book["coding"]["B4"] = "=C4"
    book.save(sheet)
    with pytest.raises(FramingInputError, match=r"has 1 formula cell\(s\): row 4: cell B4 holds a formula \(=C4\)"):
        coding_sheet_records(sheet, load_terms())


def test_a_sheet_of_model_hits_records_the_detector_that_scored_them(tmp_path):
    from analysis.learn import active_sample, load_default_tagger
    from analysis.learn.model import DEFAULT_MODEL_PATH
    from analysis.provenance import file_sha256

    documents = documents_from_texts([
        "وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل.",
        "وأكد أن إنشاء المركز يعد نقلة نوعية في العمل الإعلامي.",
    ])  # fmt: skip
    counter = FramingCounter(model="default")
    sample = active_sample(counter.count(documents).hits, load_default_tagger().threshold, n_uncertain=2, n_random=1)
    sheet = coding.coding_sheet(sample, documents)
    (written,) = coding.save_coding_sheet(sheet, tmp_path, sample=sample, documents=documents, seed=0, lexicons=counter)
    model = {"name": "default", "sha256": file_sha256(DEFAULT_MODEL_PATH)}
    assert coding.exported_sheet(written.path).attrs["model"] == model
    book = openpyxl.load_workbook(written.path)
    for row in range(2, 5):
        book["coding"].cell(row=row, column=9).value = "incorrect"
    filled = written.path.with_name(written.path.stem + "_filled.xlsx")
    book.save(filled)
    # the filled copy finds its sample, and the card will say which model's hits were coded
    records, summary = coding_sheet_records(filled, load_terms())
    assert summary["model"] == model and summary["negative"] == 3 and len(records) == 3
    # a sheet saved with a counter without a model records none
    assert coding.exported_sheet(saved_sheet_without_model(tmp_path)).attrs["model"] is None


def saved_sheet_without_model(tmp_path):
    documents = documents_from_texts(["ووصف الوزير ما جرى بأنه الانقلاب على الاتفاق."])
    counter = FramingCounter()
    sample = coding.sample_hits(counter.count(documents).hits, per_stratum=1)
    sheet = coding.coding_sheet(sample, documents)
    folder = tmp_path / "plain"
    return coding.save_coding_sheet(sheet, folder, sample=sample, documents=documents, seed=0, lexicons=counter)[0].path

"""The validation workflow: sampling, coding sheets in CSV and XLSX, checks on reading back, statistics."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis import coding
from analysis.coding.formulas import _FORMULA_STARTS
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts
from analysis.pipeline import FramingCounter

CODERS = ("coder_1", "coder_2")


def _texts() -> tuple[list[str], list[str]]:
    """25 articles: مليشيات in each, الانقلاب in every fifth, فشل once."""
    texts, ids = [], []
    for i in range(25):
        text = f"قال المتحدث في البيان رقم {i} إن مليشيات حفتر تقدمت نحو المدينة."
        if i % 5 == 0:
            text += " ووصف الوزير ما جرى بأنه الانقلاب على الاتفاق."
        if i == 7:
            text += " وقال إن الهجوم فشل بعد يومين من القتال."
        texts.append(text)
        ids.append(f"d{i:02d}")
    return texts, ids


@pytest.fixture(scope="module")
def corpus():
    texts, ids = _texts()
    documents = documents_from_texts(texts, ids)
    return documents, FramingCounter().count(documents).hits


@pytest.fixture
def sheet(corpus):
    documents, hits = corpus
    return coding.coding_sheet(coding.sample_hits(hits, per_stratum=3, seed=1), documents)


def _fill(sheet: pd.DataFrame) -> pd.DataFrame:
    """Codes as two coders might give them: they disagree on the second row."""
    filled = sheet.copy()
    filled["coder_1"] = ["correct", "incorrect", "correct", "unclear", "correct", "correct", "incorrect"][: len(sheet)]
    filled["coder_2"] = ["correct", "correct", "correct", "unclear", "correct", "", "incorrect"][: len(sheet)]
    filled["notes"] = ["", "ambiguous", "", "", "", "", ""][: len(sheet)]
    return filled


def _write_csv_rows(path, rows, *, encoding="utf-8-sig", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _rows(table: pd.DataFrame) -> list[list[str]]:
    return [list(table.columns)] + [[str(v) for v in row] for row in table.itertuples(index=False)]


# --------------------------------------------------------------------------- ids and sampling


def test_hit_ids_are_readable_unique_and_independent_of_row_order(corpus):
    documents, hits = corpus
    ids = coding.hit_ids(hits)
    first = hits.iloc[0]
    assert ids.iloc[0] == f"{first.doc_id}:{first.start}-{first.end}:{first.kind}"
    assert ids.is_unique and ids.name == "hit_id"
    shuffled = hits.sample(frac=1, random_state=3)
    assert coding.hit_ids(shuffled).to_dict() == ids.to_dict()  # same id for the same row, whatever the order
    texts = dict(zip(documents["doc_id"], documents["text"]))
    doc_id, span, _ = ids.iloc[1].split(":")
    start, end = map(int, span.split("-"))
    assert texts[doc_id][start:end] == hits.iloc[1]["surface"]
    with pytest.raises(ValueError, match="not unique"):
        coding.hit_ids(pd.concat([hits, hits.head(1)]))


def test_sample_is_stratified_with_exact_counts(corpus):
    _, hits = corpus
    terms = hits[hits["kind"] == "term"]
    assert terms["label"].value_counts().to_dict() == {"مليشي*": 25, "انقلاب": 5, "فشل*": 1}
    sample = coding.sample_hits(hits, per_stratum=10, seed=0)
    assert sample["label"].value_counts().to_dict() == {"مليشي*": 10, "انقلاب": 5, "فشل*": 1}
    assert set(sample["kind"]) == {"term"}
    assert coding.hit_ids(sample).is_unique  # without replacement
    # ordered by stratum, then document order
    assert list(sample["label"]) == sorted(sample["label"], key=list(sample["label"].unique()).index)
    assert list(sample["label"].unique()) == sorted(sample["label"].unique())
    militia = sample[sample["label"] == "مليشي*"]
    assert list(militia["doc_id"]) == sorted(militia["doc_id"])
    actors = coding.sample_hits(hits, per_stratum=4, kind="actor")
    assert actors["label"].value_counts().to_dict() == {"Khalifa Haftar": 4}
    both = coding.sample_hits(hits, per_stratum=2, kind=None)
    assert len(both) == 2 + 2 + 1 + 2


def test_sample_is_seeded_and_independent_of_row_order_and_other_strata(corpus):
    _, hits = corpus
    ids = lambda s: list(coding.hit_ids(s))  # noqa: E731
    first = coding.sample_hits(hits, per_stratum=10, seed=0)
    assert ids(coding.sample_hits(hits, per_stratum=10, seed=0)) == ids(first)
    assert ids(coding.sample_hits(hits.sample(frac=1, random_state=5), per_stratum=10, seed=0)) == ids(first)
    assert ids(coding.sample_hits(hits, per_stratum=10, seed=1)) != ids(first)
    # dropping the other terms does not change the militia sample
    only_militia = coding.sample_hits(hits[hits["label"] == "مليشي*"], per_stratum=10, seed=0)
    assert ids(only_militia) == ids(first[first["label"] == "مليشي*"])
    with pytest.raises(ValueError, match="per_stratum"):
        coding.sample_hits(hits, per_stratum=0)


def test_coding_sheet_columns_and_context(sheet, corpus):
    documents, _ = corpus
    assert list(sheet.columns) == [*coding.SHEET_COLUMNS, *CODERS, "notes"]
    assert len(sheet) == 3 + 3 + 1
    assert (sheet[list(CODERS)] == "").all().all()
    assert sheet.attrs["codes"] == coding.DEFAULT_CODES
    row = sheet.iloc[0]
    doc_id, span, kind = row["hit_id"].split(":")
    start, end = map(int, span.split("-"))
    text = documents.set_index("doc_id").loc[doc_id, "text"]
    assert (row["hit"], kind) == (text[start:end], "term")
    assert text[:start].rstrip().endswith(row["left"]) and text[end:].lstrip().startswith(row["right"])
    assert row["left"].startswith("إن مليشيات")  # cut at a word boundary, 60 characters back
    with pytest.raises(ValueError, match="unique"):
        coding.coding_sheet(sheet.head(0), documents, coders=("a", "A"))
    with pytest.raises(ValueError, match="column"):
        coding.coding_sheet(sheet.head(0), documents, coders=("notes",))


# --------------------------------------------------------------------------- round trips


def test_csv_round_trip(sheet, tmp_path):
    path = coding.write_coding_sheet(sheet, tmp_path / "sheet.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "مليشيات".encode() in raw
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    filled = _fill(table)
    _write_csv_rows(tmp_path / "filled.csv", _rows(filled))
    coded = coding.read_coding_sheet(tmp_path / "filled.csv", expected=sheet)
    assert list(coded.columns) == list(sheet.columns)
    assert list(coded["hit_id"]) == list(sheet["hit_id"])
    assert coded["coder_1"].tolist() == _fill(sheet)["coder_1"].tolist()
    assert coded["coder_2"].tolist()[:5] == ["correct", "correct", "correct", "unclear", "correct"]
    assert pd.isna(coded.loc[5, "coder_2"])  # empty: not coded yet
    assert coded.attrs["uncoded"] == {"coder_1": 0, "coder_2": 1}
    assert coding.coding_progress(coded).values.tolist() == [["coder_1", 7, 0], ["coder_2", 6, 1]]
    assert coded.loc[1, "notes"] == "ambiguous"
    assert coded["quoted"].dtype == bool


def test_xlsx_layout_and_round_trip(sheet, tmp_path):
    path = coding.write_coding_sheet(sheet, tmp_path / "sheet.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["coding", "codes"]
    ws = book["coding"]
    assert ws.sheet_view.rightToLeft is True
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == list(sheet.columns)
    left = header.index("left") + 1
    assert ws.cell(row=2, column=left).alignment.horizontal == "right"
    assert ws.cell(row=2, column=header.index("hit") + 1).value == sheet.loc[0, "hit"]
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == "=codes!$A$2:$A$4"
    assert {str(r) for r in validation.sqref.ranges} == {"I2:I8", "J2:J8"}  # the two coder columns
    assert [[c.value for c in r] for r in book["codes"].iter_rows(max_col=1)] == [
        ["code"],
        ["correct"],
        ["incorrect"],
        ["unclear"],
    ]
    filled = _fill(sheet)
    for i, row in enumerate(filled.itertuples(index=False), start=2):
        ws.cell(row=i, column=9).value = row.coder_1
        ws.cell(row=i, column=10).value = row.coder_2 or None
    ws.cell(row=3, column=11).value = "ambiguous"
    book.save(tmp_path / "filled.xlsx")
    coded = coding.read_coding_sheet(tmp_path / "filled.xlsx", expected=sheet)
    assert coded["coder_1"].tolist() == filled["coder_1"].tolist()
    assert coded["coder_2"].isna().tolist() == [False] * 5 + [True, False]
    assert coded.loc[1, "notes"] == "ambiguous"


def test_a_sheet_of_model_hits_tells_coders_the_detectors_criterion(sheet, tmp_path):
    """Model hits are coded as loaded language or not, not as a lexicon entry's sense: the codes sheet says so."""
    plain = openpyxl.load_workbook(coding.write_coding_sheet(sheet, tmp_path / "terms.xlsx"))["codes"]
    assert plain.max_row == 4  # term hits only: the codes and their meanings
    with_model = sheet.copy()
    with_model.loc[0, "hit_id"] = with_model.loc[0, "hit_id"].rsplit(":", 1)[0] + ":model"
    codes = openpyxl.load_workbook(coding.write_coding_sheet(with_model, tmp_path / "model.xlsx"))["codes"]
    rows = [[c.value for c in r] for r in codes.iter_rows(min_row=6)]
    assert rows[0] == [
        None,
        "for rows whose hit_id ends in :model (spans of the learned detector, not lexicon entries):",
    ]
    assert [r[0] for r in rows[1:]] == ["correct", "incorrect", "unclear"]
    assert rows[1][1].startswith("the span is, or contains, loaded language")
    # the drop-down list still offers the three codes only
    validation = openpyxl.load_workbook(tmp_path / "model.xlsx")["coding"].data_validations.dataValidation[0]
    assert validation.formula1 == "=codes!$A$2:$A$4"


def test_xlsx_saved_by_another_program_still_reads(sheet, tmp_path):
    # Columns shuffled, another sheet name, numbers stored as numbers, codes in
    # other case, a stray empty row and trailing empty formatted rows.
    codes = ("1", "0", "9")
    sheet = sheet.copy()
    sheet.attrs["codes"] = codes
    columns = ["notes", "coder_2", "right", "hit", "hit_id", "left", "coder_1", "label", "doc_id", "category", "quoted"]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(columns)
    for i, row in enumerate(sheet.to_dict("records")):
        row.update(coder_1=1 if i % 2 == 0 else 0.0, coder_2=None if i == 0 else 9, notes=None)
        ws.append([row[c] for c in columns])
        if i == 2:
            ws.append([None] * len(columns))
    for r in range(ws.max_row + 1, ws.max_row + 6):
        ws.cell(row=r, column=1).value = "  "
    book.save(tmp_path / "libre.xlsx")
    coded = coding.read_coding_sheet(tmp_path / "libre.xlsx", expected=sheet)
    assert coded["coder_1"].tolist() == ["1", "0", "1", "0", "1", "0", "1"]
    assert coded["coder_2"].isna().tolist() == [True] + [False] * 6
    assert set(coded["coder_2"].dropna()) == {"9"}
    assert list(coded["hit_id"]) == list(sheet["hit_id"])


def test_cp1256_semicolon_csv_with_other_case_reads(sheet, tmp_path):
    filled = _fill(sheet)
    filled["coder_1"] = filled["coder_1"].str.upper().str.center(11)
    _write_csv_rows(tmp_path / "arabic_windows.csv", _rows(filled), encoding="cp1256", delimiter=";")
    coded = coding.read_coding_sheet(tmp_path / "arabic_windows.csv", expected=sheet)
    assert coded["coder_1"].tolist() == _fill(sheet)["coder_1"].tolist()


# --------------------------------------------------------------------------- formula injection


@pytest.mark.parametrize("text", ["=1+1", "+9", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "'hello"])
def test_neutralize_then_restore_is_identity(text):
    safe = coding.neutralize_formula(text)
    assert safe == "'" + text
    assert coding.restore_formula(safe) == text


def test_restore_keeps_an_apostrophe_before_ordinary_text():
    assert coding.neutralize_formula("مليشيات") == "مليشيات"
    assert coding.restore_formula("'مليشيات") == "'مليشيات"
    assert coding.neutralize_formula(3) == 3


@pytest.fixture
def hostile():
    texts = ['=HYPERLINK("http://evil","x") قالت مصر إن مليشيات حفتر تقدمت.']
    documents = documents_from_texts(texts, ["-d1"])  # an id that starts like a formula too
    hits = FramingCounter().count(documents).hits
    return coding.coding_sheet(coding.sample_hits(hits), documents)


def test_injection_neutralized_in_csv_and_restored(hostile, tmp_path):
    assert hostile.loc[0, "left"].startswith("=HYPERLINK")
    path = coding.write_coding_sheet(hostile, tmp_path / "h.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1][0].startswith("'-d1:") and rows[1][5].startswith("'=HYPERLINK")
    assert not any(cell.startswith(_FORMULA_STARTS) for row in rows for cell in row)
    rows[1][8] = "correct"
    _write_csv_rows(tmp_path / "filled.csv", rows)
    coded = coding.read_coding_sheet(tmp_path / "filled.csv", expected=hostile)
    assert coded.loc[0, "hit_id"] == hostile.loc[0, "hit_id"] and coded.loc[0, "hit_id"].startswith("-d1:")
    assert coded.loc[0, "coder_1"] == "correct"


def test_injection_neutralized_in_xlsx_and_restored(hostile, tmp_path):
    path = coding.write_coding_sheet(hostile, tmp_path / "h.xlsx")
    ws = openpyxl.load_workbook(path)["coding"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere
    assert ws["F2"].value.startswith("'=HYPERLINK") and ws["A2"].value.startswith("'-d1:")
    coded = coding.read_coding_sheet(path, expected=hostile)
    assert coded.loc[0, "hit_id"].startswith("-d1:")


# --------------------------------------------------------------------------- validation errors


def test_every_problem_is_listed_with_its_row(sheet, tmp_path):
    filled = _fill(sheet)
    rows = _rows(filled)
    header, r = rows[0], rows[1:]  # r[k] was exported at spreadsheet row k + 2
    edited = list(r[1])
    edited[0] = edited[0].replace("-", "+", 1)
    bad_code = list(r[2])
    bad_code[8] = "maybe"
    extra = list(r[3])
    extra[0] = "d99:1-5:term"
    # rows: 2 r0, 3 edited, 4 bad code, 5 r3, 6 r3 again, 7 extra, 8 r5 (r4 missing) + r6
    path = _write_csv_rows(tmp_path / "bad.csv", [header, r[0], edited, bad_code, r[3], r[3], extra, r[5], r[6]])
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    error = caught.value
    assert isinstance(error, FramingInputError) and error.path == str(path)
    found = [(p.row, p.problem) for p in error.problems]
    # The missing rows are one problem of the file, without a row of it: a row number of the exported
    # sheet would point at another hit in a copy that was re-sorted (tests below).
    assert [row for row, _ in found] == [3, 4, 6, 7, None]
    assert "not in the exported sheet" in found[0][1] and edited[0] in found[0][1]
    assert "coder_1: unknown code 'maybe'" in found[1][1] and "correct, incorrect, unclear" in found[1][1]
    assert "appears again (first at row 5)" in found[2][1]
    assert "not in the exported sheet" in found[3][1] and "d99:1-5:term" in found[3][1]
    assert found[4][1].startswith(f"2 of 7 exported rows are missing: {r[1][0]!r} (row 3 of the exported sheet), "
                                  f"{r[4][0]!r} (row 6 of the exported sheet);")  # fmt: skip
    assert f"{path}, row 4: coder_1: unknown code" in str(error)
    assert f"\n{path}: 2 of 7 exported rows are missing" in str(error)


def test_a_missing_row_of_a_resorted_copy_names_no_row_of_the_file(sheet, tmp_path):
    filled = _fill(sheet)
    exported_row = {hit: k + 2 for k, hit in enumerate(filled["hit_id"])}
    # A coder sorts the sheet by their codes, then deletes a row: the file's rows are no longer the exported ones.
    resorted = filled.sort_values(["coder_1", "hit_id"], ascending=False, kind="stable").reset_index(drop=True)
    assert list(resorted["hit_id"]) != list(filled["hit_id"])
    deleted = resorted["hit_id"].iloc[1]
    kept = resorted.drop(index=1)
    path = _write_csv_rows(tmp_path / "sorted.csv", _rows(kept))
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    (problem,) = caught.value.problems
    assert problem.row is None and caught.value.row is None
    assert problem.problem == (
        f"1 of 7 exported rows are missing: {deleted!r} (row {exported_row[deleted]} of the exported sheet); "
        "restore each from the exported sheet (the rows may stay in any order)"
    )
    assert str(caught.value) == f"1 problem(s) in the coding sheet:\n{path}: {problem.problem}"


def test_a_different_set_of_coders_is_refused(sheet, tmp_path):
    filled = _fill(sheet)
    path = _write_csv_rows(tmp_path / "one_coder.csv", _rows(filled.drop(columns="coder_2")))
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    (problem,) = caught.value.problems
    assert problem.row == 1 and "missing ['coder_2']" in problem.problem
    filled["coder_3"] = "correct"
    path = _write_csv_rows(tmp_path / "three.csv", _rows(filled))
    with pytest.raises(coding.CodingSheetError, match=r"row 1: the column 'coder_3' is not a coder column .* holds 7"):
        coding.read_coding_sheet(path, expected=sheet)


def test_a_comment_column_added_by_a_coder_is_kept_not_read_as_a_coder(sheet, tmp_path):
    """A coder adds a `comment` column, moves the coder columns, hides one and re-sorts the rows, in a spreadsheet."""
    filled = _fill(sheet)
    filled["comment"] = ["", "context too short?", "", "", "", "check", ""]
    order = ["hit_id", "coder_2", "coder_1", "comment", *[c for c in sheet.columns if c not in (*CODERS, "hit_id")]]
    shuffled = filled[order].iloc[[6, 2, 0, 5, 1, 4, 3]]
    book = openpyxl.Workbook()
    book.active.title = "coding"
    for row in _rows(shuffled):
        book.active.append(row)
    book.active.column_dimensions["C"].hidden = True  # coder_1, hidden
    book.save(tmp_path / "filled.xlsx")
    coded = coding.read_coding_sheet(tmp_path / "filled.xlsx", expected=sheet)
    assert list(coded.columns) == [*sheet.columns, "comment"] and coded.attrs["added_columns"] == ("comment",)
    assert coded["comment"].tolist() == ["", "context too short?", "", "", "", "check", ""]
    assert coded["coder_1"].tolist() == filled["coder_1"].tolist()  # in the exported order again
    assert coded.attrs["coders"] == CODERS  # the comment is no coder: agreement and precision ignore it
    assert coding.cohens_kappa(coded, "coder_1", "coder_2") == pytest.approx(
        cohen_kappa_score(["correct", "incorrect", "correct", "unclear", "correct", "incorrect"],
                          ["correct", "correct", "correct", "unclear", "correct", "incorrect"])
    )  # fmt: skip


def test_an_added_column_of_codes_is_named_with_how_to_read_it_as_a_coder(sheet, tmp_path):
    filled = _fill(sheet)
    filled["adjudicated"] = ["", "correct", "", "", "", "", ""]
    path = _write_csv_rows(tmp_path / "adjudicated.csv", _rows(filled))
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    (problem,) = caught.value.problems
    assert problem.row == 1 and "the column 'adjudicated' is not a coder column" in problem.problem
    assert "holds 1 code(s) (first at row 3: 'correct')" in problem.problem
    assert "pass coders=['coder_1', 'coder_2', 'adjudicated']" in problem.problem
    coded = coding.read_coding_sheet(path, expected=sheet, coders=[*CODERS, "adjudicated"])
    assert coded.loc[1, "adjudicated"] == "correct" and coded.attrs["added_columns"] == ()


def test_a_sheet_of_other_data_is_refused_in_one_message(corpus, sheet, tmp_path):
    documents, hits = corpus
    other = coding.coding_sheet(coding.sample_hits(hits, per_stratum=3, seed=1, kind="actor"), documents)
    path = _write_csv_rows(tmp_path / "other.csv", _rows(_fill(other.head(3))))
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    (problem,) = caught.value.problems  # not one line per row, twice
    assert problem.row == 1 and problem.problem.startswith("3 of its 3 hit_id(s) are not in the exported sheet")
    assert "(7 hit(s), 0 of them found; first unknown" in problem.problem and "another corpus" in problem.problem


def test_xlsx_errors_name_the_sheet(sheet, tmp_path):
    path = coding.write_coding_sheet(sheet, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(path)
    book["coding"]["I5"].value = "wrong"
    book["coding"]["A6"].value = "x:1-2:term"
    book.save(path)
    with pytest.raises(coding.CodingSheetError) as caught:
        coding.read_coding_sheet(path, expected=sheet)
    assert caught.value.sheet == "coding"
    assert [p.row for p in caught.value.problems] == [5, 6, None]  # the edited hit_id's original is missing
    assert f"{path} (sheet 'coding'), row 5: coder_1: unknown code 'wrong'" in str(caught.value)


def test_no_hit_id_column_and_missing_file(sheet, tmp_path):
    path = _write_csv_rows(tmp_path / "x.csv", _rows(_fill(sheet).drop(columns="hit_id")))
    with pytest.raises(coding.CodingSheetError, match="row 1: has no hit_id column"):
        coding.read_coding_sheet(path, expected=sheet)
    with pytest.raises(FramingInputError, match="does not exist"):
        coding.read_coding_sheet(tmp_path / "nope.csv", expected=sheet)


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.xlsx"])
def test_never_overwrites(sheet, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"a coder's work")
    with pytest.raises(FramingInputError, match="already exists.*choose another file name") as caught:
        coding.write_coding_sheet(sheet, path)
    assert caught.value.path == str(path)
    assert path.read_bytes() == b"a coder's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left behind
    with pytest.raises(FramingInputError, match=r"\.csv or \.xlsx"):
        coding.write_coding_sheet(sheet, tmp_path / "sheet.ods")


# --------------------------------------------------------------------------- statistics


def test_wilson_interval_by_hand():
    z = 1.959963984540054
    p, n = 0.8, 10
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    low, high = coding.wilson_interval(8, 10)
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert (low, high) == pytest.approx((0.4902, 0.9433), abs=1e-4)  # the usual table value
    assert coding.wilson_interval(20, 20) == pytest.approx((20 / (20 + z**2), 1.0))
    assert all(math.isnan(v) for v in coding.wilson_interval(0, 0))


def _coded(rows: dict[str, list[str | None]]) -> pd.DataFrame:
    labels, codes = [], []
    for label, values in rows.items():
        labels += [label] * len(values)
        codes += values
    return pd.DataFrame({"label": labels, "category": "c", "coder_1": pd.array(codes, dtype="string")})


def test_term_precision_and_flags():
    coded = _coded({
        "good": ["correct"] * 10 + ["unclear", None],
        "bad": ["correct"] * 3 + ["incorrect"] * 7,
        "middling": ["correct"] * 7 + ["incorrect"] * 3,
        "undecided": ["unclear"] * 2,
    })  # fmt: skip
    table = coding.term_precision(coded, coder="coder_1").set_index("label")
    assert list(table.index) == ["bad", "middling", "good", "undecided"]
    assert table.loc["good", ["n_sampled", "n_correct", "n_incorrect", "n_excluded", "n_coded"]].tolist() == [
        12,
        10,
        0,
        2,
        10,
    ]
    assert table.loc["good", "precision"] == 1.0
    assert table.loc["bad", "precision"] == pytest.approx(0.3)
    assert (table.loc["bad", "ci_low"], table.loc["bad", "ci_high"]) == pytest.approx(coding.wilson_interval(3, 10))
    # upper bound rule: 0.7 with an upper bound of 0.89 is not flagged, 0.3 (upper 0.61) is
    assert table["flag"].tolist()[:3] == [True, False, False] and pd.isna(table.loc["undecided", "flag"])
    estimate = coding.term_precision(coded, coder="coder_1", flag_on="estimate").set_index("label")
    assert estimate.loc[["bad", "middling", "good"], "flag"].tolist() == [True, True, False]
    assert math.isnan(table.loc["undecided", "precision"])


def test_term_precision_flags_only_terms_with_enough_coded_hits():
    # One incorrect hit has a Wilson upper bound of 0.79 < 0.8: flagged on one line of evidence
    # unless min_coded asks for more. Three incorrect hits (upper bound 0.56) are flagged either way.
    coded = _coded({"once": ["incorrect"], "twice": ["incorrect", "unclear", "incorrect"], "thrice": ["incorrect"] * 3})
    default = coding.term_precision(coded, coder="coder_1").set_index("label")
    assert default.loc["once", "ci_high"] == pytest.approx(0.7935, abs=1e-4)
    assert default.loc[["once", "twice", "thrice"], "flag"].tolist() == [True, True, True]
    table = coding.term_precision(coded, coder="coder_1", min_coded=3).set_index("label")
    assert table.loc["twice", "n_coded"] == 2 and table.loc["twice", "precision"] == 0.0  # shown, not judged
    assert pd.isna(table.loc["once", "flag"]) and pd.isna(table.loc["twice", "flag"])
    assert bool(table.loc["thrice", "flag"]) is True
    with pytest.raises(ValueError, match="min_coded must be 1 or more"):
        coding.term_precision(coded, coder="coder_1", min_coded=0)


def test_term_precision_uses_the_majority_of_coders():
    coded = pd.DataFrame({
        "label": ["t"] * 5, "category": "c",
        "a": pd.array(["correct", "correct", "incorrect", "correct", None], dtype="string"),
        "b": pd.array(["correct", "incorrect", "incorrect", None, None], dtype="string"),
        "c": pd.array(["correct", "incorrect", "correct", None, None], dtype="string"),
    })  # fmt: skip
    assert coding.consensus(coded, ["a", "b"]).tolist()[:4] == ["correct", pd.NA, "incorrect", "correct"]
    assert coding.consensus(coded, ["a", "b", "c"]).tolist()[:4] == ["correct", "incorrect", "incorrect", "correct"]
    row = coding.term_precision(coded).iloc[0]  # all three coders: 2 correct, 2 incorrect, 1 nobody coded
    assert (row["n_correct"], row["n_incorrect"], row["n_excluded"], row["precision"]) == (2, 2, 1, 0.5)
    assert coding.term_precision(coded, coder="b").iloc[0]["precision"] == pytest.approx(1 / 3)


def test_cohens_kappa_matches_sklearn():
    rng = np.random.default_rng(4)
    a = rng.choice(["correct", "incorrect", "unclear"], size=200, p=[0.6, 0.3, 0.1])
    b = np.where(rng.random(200) < 0.7, a, rng.choice(["correct", "incorrect", "unclear"], size=200))
    coded = pd.DataFrame({"a": pd.array(a, dtype="string"), "b": pd.array(b, dtype="string")})
    coded.loc[[3, 50, 51], "b"] = pd.NA  # not coded yet: skipped
    both = coded.dropna()
    expected = cohen_kappa_score(both["a"].tolist(), both["b"].tolist())
    assert coding.cohens_kappa(coded, "a", "b") == pytest.approx(expected)
    assert 0.4 < expected < 0.8
    # a small case by hand: p_o = 3/4, p_e = (3/4)(1/2) + (1/4)(1/2) = 1/2, kappa = 1/2
    small = pd.DataFrame({"a": ["x", "x", "x", "y"], "b": ["x", "y", "x", "y"]})
    assert coding.cohens_kappa(small, "a", "b") == pytest.approx(0.5)
    assert math.isnan(coding.cohens_kappa(pd.DataFrame({"a": ["x", "x"], "b": ["x", "x"]}), "a", "b"))


def test_krippendorff_alpha_textbook_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    # 4 observers × 12 units, values 1-5, missing data.
    nan = None
    observers = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        "C": [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    }
    coded = pd.DataFrame({k: pd.array(v, dtype="Int64") for k, v in observers.items()})
    # By hand: unit 12 has one value (not pairable); the other units give n = 40
    # pairable values with n_1..n_5 = 9, 13, 10, 5, 3.  Disagreeing pairs: unit 2
    # (2,2,3,2): 6 ordered pairs / (4-1) = 2; unit 6 (1,2,3,4): 12/3 = 4; unit 8
    # (1,1,2,1): 6/3 = 2 — 8 in all.  alpha = 1 - (n-1) * 8 / (n² - Σ n_c²).
    by_hand = 1 - 39 * 8 / (40**2 - (9**2 + 13**2 + 10**2 + 5**2 + 3**2))
    alpha = coding.krippendorff_alpha(coded, list("ABCD"))
    assert alpha == pytest.approx(by_hand)
    assert round(alpha, 3) == 0.743  # the published value
    # the same paper's values for the other levels of measurement
    assert round(coding.krippendorff_alpha(coded, list("ABCD"), level="interval"), 3) == 0.849
    assert round(coding.krippendorff_alpha(coded, list("ABCD"), level="ordinal"), 3) == 0.815
    assert round(coding.krippendorff_alpha(coded, list("ABCD"), level="ratio"), 3) == 0.797
    # codes as words give the same nominal alpha
    words = coded.astype("string").replace({"1": "one", "2": "two", "3": "three", "4": "four", "5": "five"})
    assert coding.krippendorff_alpha(words, list("ABCD")) == pytest.approx(by_hand)


def test_krippendorff_alpha_edge_cases():
    coded = pd.DataFrame({"a": ["x", "y", "x"], "b": ["x", "y", "x"]})
    assert coding.krippendorff_alpha(coded, ["a", "b"]) == 1.0
    assert math.isnan(coding.krippendorff_alpha(pd.DataFrame({"a": ["x", None], "b": [None, "y"]}), ["a", "b"]))
    assert math.isnan(coding.krippendorff_alpha(pd.DataFrame({"a": ["x", "x"], "b": ["x", "x"]}), ["a", "b"]))
    # two coders, no missing: alpha = 1 - (n-1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k with n = 8 values
    two = pd.DataFrame({"a": ["x", "x", "x", "y"], "b": ["x", "y", "x", "y"]})
    off_diagonal = 2  # one disagreeing unit gives (x,y) and (y,x), each weighted 1/(2-1)
    n_x, n_y = 5, 3
    assert coding.krippendorff_alpha(two, ["a", "b"]) == pytest.approx(1 - 7 * off_diagonal / (2 * n_x * n_y))


def test_coding_tables_are_the_tables_of_analysis_tables(sheet):
    from analysis.tables import PRECISION, PROGRESS, SHEET, VALIDATION_TABLES, codebook

    filled = _fill(sheet)
    assert list(sheet.columns) == [*SHEET.names, *CODERS, "notes"]
    assert tuple(coding.term_precision(filled).columns) == PRECISION.names == coding.PRECISION_COLUMNS
    assert tuple(coding.coding_progress(filled, CODERS).columns) == PROGRESS.names == coding.PROGRESS_COLUMNS
    book = codebook(VALIDATION_TABLES)
    assert book["meaning"].str.len().gt(0).all()
    assert set(book["table"]) == {"coding_sheet", "term_precision", "coding_progress", "spans", "span_overlap"}


def test_kappa_interval_is_a_seeded_percentile_bootstrap_of_cohens_kappa():
    a = ["correct"] * 30 + ["incorrect"] * 8 + ["unclear"] * 2 + [None]
    b = ["correct"] * 27 + ["incorrect"] * 3 + ["incorrect"] * 6 + ["correct"] * 2 + ["unclear"] * 2 + ["correct"]
    coded = pd.DataFrame({"coder_1": pd.array(a, dtype="string"), "coder_2": pd.array(b, dtype="string")})
    low, high = coding.kappa_interval(coded, "coder_1", "coder_2", n_boot=300, seed=4)
    # the same resamples by hand, each scored by scikit-learn
    pair = coded.dropna()
    rows = np.random.default_rng(4).integers(0, len(pair), size=(300, len(pair)))
    kappas = [cohen_kappa_score(pair["coder_1"].to_numpy()[r], pair["coder_2"].to_numpy()[r]) for r in rows]
    assert (low, high) == pytest.approx(tuple(np.percentile(kappas, [2.5, 97.5])))
    assert low < coding.cohens_kappa(coded, "coder_1", "coder_2") < high
    assert coding.kappa_interval(coded, "coder_1", "coder_2", n_boot=300, seed=4) == (low, high)  # seeded
    # as read_coding_sheet returns it: attrs holding the sample, a DataFrame
    coded.attrs["sample"] = pd.DataFrame({"stratum": [None] * len(coded)})
    assert coding.kappa_interval(coded, "coder_1", "coder_2", n_boot=300, seed=4) == (low, high)
    same = pd.DataFrame({"coder_1": ["correct"] * 5, "coder_2": ["correct"] * 5})
    assert all(math.isnan(v) for v in coding.kappa_interval(same, "coder_1", "coder_2"))  # no kappa to bound
    with pytest.raises(ValueError, match="ci must be between 0 and 1"):
        coding.kappa_interval(coded, "coder_1", "coder_2", ci=95)


def test_a_read_sheet_can_be_reshaped_and_merged_with_pandas(corpus, sheet, tmp_path):
    """Its attrs hold the sample (a DataFrame): pandas compared two deep copies of it and raised."""
    documents, hits = corpus
    sample = coding.sample_hits(hits, per_stratum=3, seed=1)
    (saved,) = coding.save_coding_sheet(sheet, tmp_path, sample=sample, documents=documents, seed=1,
                                        lexicons=FramingCounter())  # fmt: skip
    filled = _write_csv_rows(saved.path.with_name(saved.path.stem + "_filled.csv"), _rows(_fill(sheet)))
    coded = coding.read_coding_sheet(filled)
    long = coded.melt(id_vars="hit_id", value_vars=list(CODERS), var_name="coder", value_name="code")
    assert len(long) == 14 and long["code"].isna().sum() == 1
    assert coded[list(CODERS)].astype(str).iloc[1].tolist() == ["incorrect", "correct"]
    assert len(coded.merge(coded[["hit_id"]], on="hit_id")) == 7
    # the sample is still a DataFrame, shared by the tables derived from the sheet
    assert isinstance(coded.attrs["sample"], pd.DataFrame) and len(coded.attrs["sample"]) == 7
    assert coded.copy().attrs["sample"] is coded.attrs["sample"]
    assert type(coded.attrs["sample"].head(2)) is pd.DataFrame


def test_an_optional_coder_column_may_be_absent(sheet, tmp_path):
    path = _write_csv_rows(tmp_path / "copy.csv", _rows(_fill(sheet)))
    coders = (*CODERS, "adjudicated")
    coded = coding.read_coding_sheet(path, expected=sheet, coders=coders, optional=["adjudicated"])
    assert coded.attrs["absent_coders"] == ("adjudicated",) and coded.attrs["uncoded"]["adjudicated"] == 7
    assert coded["adjudicated"].isna().all() and coded.loc[1, "coder_1"] == "incorrect"
    with pytest.raises(coding.CodingSheetError, match=r"missing \['adjudicated'\]"):
        coding.read_coding_sheet(path, expected=sheet, coders=coders)


def test_wilson_bounds_at_the_ends_are_exact():
    # nc21c: term_precision.csv had ci_high 0.9999999999999999 for a term whose 13 coded hits were all correct
    # (1.0 for the others): the formula's rounding error at n = 13, written as is since tables keep every digit.
    assert coding.wilson_interval(13, 13) == (pytest.approx(0.7719, abs=1e-4), 1.0)
    assert coding.wilson_interval(13, 13)[1] == 1.0 and coding.wilson_interval(0, 13)[0] == 0.0
    assert all(coding.wilson_interval(n, n)[1] == 1.0 for n in range(1, 400))


def test_an_adjudication_of_the_ties_only_keeps_the_majority_elsewhere():
    # rv21e: 8 rows both coders coded correct and 2 ties the adjudicator decided incorrect. Scoring the
    # adjudication column alone gave 0 of 2 (the disputed rows only); the judgment is 8 of 10.
    agree, tie = ["correct"] * 8, ["correct", "incorrect"]
    sheet = pd.DataFrame({
        "label": "مليشي*", "category": "delegitimizing_label",
        "coder_1": agree + tie, "coder_2": agree + tie[::-1],
        "adjudicated": pd.array([pd.NA] * 8 + ["incorrect", "incorrect"], dtype="string"),
    })  # fmt: skip
    sheet.attrs["coders"] = ("coder_1", "coder_2", "adjudicated")
    table = coding.term_precision(sheet, adjudication="adjudicated")
    assert table.loc[0, ["n_correct", "n_incorrect", "n_excluded", "precision"]].tolist() == [8, 2, 0, 0.8]
    assert coding.term_precision(sheet, coder="adjudicated").loc[0, ["n_coded", "precision"]].tolist() == [2, 0.0]
    with pytest.raises(ValueError, match="not both"):
        coding.term_precision(sheet, coder="coder_1", adjudication="adjudicated")

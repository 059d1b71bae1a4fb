"""Hostile and broken input (issue 14, items 1, 2 and 6): read exactly as written, or a named error.

Every input is small and made here; each expected offset, row and text is
worked out by hand in the comment beside it.
"""

import io
import pickle
import zipfile

import pandas as pd
import pytest

from analysis import FramingCounter
from analysis.corpus import CorpusReader, decode_text, read_corpus
from analysis.corpus.tabular import read_table_file
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts
from analysis.lexicon import load_actors

ARTICLE = "قال حفتر إن حفتر وحفتر هنا."  # three mentions of حفتر
HEADER = "id,text\n"


def report_of(corpus):
    return [(None if pd.isna(r) else int(r), level, problem) for r, level, problem in
            zip(corpus.report.row, corpus.report.level, corpus.report.problem)]  # fmt: skip


# -- item 1: encodings on evidence ------------------------------------------------------


def test_utf8_with_a_cut_last_character_names_the_byte(tmp_path):
    # 21 letters (2 bytes each), 5 spaces and "." make 48 bytes; "." dropped, then the first of ر's 2 bytes.
    data = ARTICLE.encode()[:-1] + "ر".encode()[:1]
    assert len(data) == 48
    (tmp_path / "cut.txt").write_bytes(data)
    with pytest.raises(FramingInputError, match=rf"cut\.txt, byte {len(data) - 1}: is UTF-8 with an invalid byte"):
        read_corpus(tmp_path / "cut.txt")


def test_a_pasted_cp1252_quote_is_an_error_or_replaced_never_cp1256(tmp_path):
    head = "قال حفتر ".encode()  # 3 + 1 + 4 letters: 2 bytes each, 2 spaces: 16 bytes
    assert len(head) == 16
    (tmp_path / "quote.txt").write_bytes(head + b"\x93" + "إن حفتر وحفتر هنا.".encode())
    with pytest.raises(
        FramingInputError, match=r"quote\.txt, byte 16: is UTF-8 with an invalid byte sequence at line 1"
    ):
        read_corpus(tmp_path / "quote.txt")
    run = CorpusReader(encoding_errors="replace").open(tmp_path / "quote.txt")
    (document,) = list(run.documents)
    assert (document["encoding"], document["text"]) == ("utf-8", "قال حفتر \ufffdإن حفتر وحفتر هنا.")
    assert document["text"].count("حفتر") == 3  # not 1, as when the whole file was decoded as cp1256
    (row,) = run.report
    assert (row.level, row.problem) == (
        "warning",
        "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD (the first at byte 16); counts near them may be wrong",
    )


def test_an_overlong_sequence_is_not_utf8(tmp_path):
    # C0 AF is an overlong "/", forbidden in UTF-8; the rest is valid Arabic.
    (tmp_path / "overlong.txt").write_bytes(ARTICLE.encode() + b"\xc0\xaf")
    with pytest.raises(FramingInputError, match=rf"overlong\.txt, byte {len(ARTICLE.encode())}: is UTF-8 with"):
        read_corpus(tmp_path / "overlong.txt")


def test_a_utf8_csv_with_one_cp1256_row_names_that_row(tmp_path):
    rows = [f'a1,"{ARTICLE}"\n'.encode(), f'a2,"{ARTICLE}"\n'.encode("cp1256"), f'a3,"{ARTICLE}"\n'.encode()]
    (tmp_path / "mixed.csv").write_bytes(HEADER.encode() + b"".join(rows))
    byte = len(HEADER) + len(rows[0]) + 4  # 'a2,"' then the first Arabic letter
    with pytest.raises(FramingInputError, match=rf"mixed\.csv, row 3, byte {byte}: starts as utf-8 but is not"):
        list(CorpusReader().open(tmp_path / "mixed.csv").documents)


def test_a_cp1256_csv_with_one_utf8_row_names_that_row(tmp_path):
    rows = [f'a1,"{ARTICLE}"\n'.encode("cp1256"), f'a2,"{ARTICLE}"\n'.encode(), f'a3,"{ARTICLE}"\n'.encode("cp1256")]
    (tmp_path / "mixed.csv").write_bytes(HEADER.encode() + b"".join(rows))
    byte = len(HEADER) + len(rows[0])  # the line of a2 starts here
    with pytest.raises(
        FramingInputError, match=rf"mixed\.csv, row 3, byte {byte}: is Windows-1256 \(Arabic\) but line 3"
    ):
        list(CorpusReader().open(tmp_path / "mixed.csv").documents)


def test_a_jsonl_with_one_cp1256_line_names_the_line(tmp_path):
    lines = [f'{{"id": "a{i}", "text": "{ARTICLE}"}}\n'.encode() for i in range(3)]
    lines[2] = lines[2].decode().encode("cp1256")
    (tmp_path / "mixed.jsonl").write_bytes(b"".join(lines))
    with pytest.raises(FramingInputError, match=r"mixed\.jsonl, row 3, byte \d+: starts as utf-8 .* at line 3"):
        read_corpus(tmp_path / "mixed.jsonl")


def test_latin1_french_is_not_arabic_cp1256(tmp_path):
    french = "Le maréchal Haftar a déclaré à la presse qu'il était prêt.\n"
    (tmp_path / "french.txt").write_bytes(french.encode("latin-1"))
    (tmp_path / "french.csv").write_bytes((HEADER + f'f1,"{french}"\n').encode("latin-1"))
    with pytest.raises(FramingInputError, match=r"french\.txt, byte 6: is neither UTF-8 nor Arabic"):
        read_corpus(tmp_path / "french.txt")
    with pytest.raises(FramingInputError, match=r"french\.csv, byte 18: is neither UTF-8 nor Arabic"):
        read_corpus(tmp_path / "french.csv")  # 8 header bytes + 'f1,"' (4) + 'Le mar' (6): é at 18; in the .txt at 6


def test_utf16_with_a_bom_and_utf8_with_a_bom_are_read(tmp_path):
    (tmp_path / "le.txt").write_bytes(ARTICLE.encode("utf-16"))  # with its BOM
    (tmp_path / "be.txt").write_bytes(b"\xfe\xff" + ARTICLE.encode("utf-16-be"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    documents = read_corpus(tmp_path, dedupe=False).documents
    assert list(zip(documents.doc_id, documents.encoding)) == [("be", "utf-16"), ("bom", "utf-8-sig"), ("le", "utf-16")]
    assert set(documents.text) == {ARTICLE}


def test_a_lexicon_with_one_cp1256_row_names_its_line(tmp_path):
    data = "actor,alias,type\nHaftar,حفتر,person\n".encode() + "Egypt,مصر,state\n".encode("cp1256")
    (tmp_path / "actors.csv").write_bytes(data)
    with pytest.raises(
        FramingInputError, match=r"actors\.csv, byte 46: is UTF-8 with an invalid byte sequence at line 3"
    ):
        read_table_file(tmp_path / "actors.csv")  # 17 + 23 bytes before the row, then "Egypt," (6)


def test_decode_text_decides_on_evidence():
    assert decode_text("حفتر".encode("cp1256"), "a").encoding == "cp1256"
    assert decode_text(b"plain", "a").encoding == "utf-8"
    replaced = decode_text(ARTICLE.encode() + b"\xff\xfe!", "a", errors="replace")
    assert (replaced.text, replaced.replaced, replaced.first_replaced) == (ARTICLE + "\ufffd\ufffd!", 2, 48)


# -- item 2: records exactly as written ------------------------------------------------


def test_an_unterminated_quote_does_not_swallow_rows(tmp_path):
    # a2's quote runs on to the quote before y: 'a3,' joins its text, then y" is not CSV.
    (tmp_path / "q.csv").write_text(HEADER + 'a1,"one"\na2,"two\na3,"y"\na4,"four"\n', encoding="utf-8")
    corpus = read_corpus(tmp_path / "q.csv")
    assert list(corpus.documents.doc_id) == ["a1", "a4"]
    assert report_of(corpus) == [
        (3, "error", "not valid CSV (',' expected after '\"'): a stray or unterminated quotation mark? These lines "
         "are not read [lines 3-4 of q.csv]"),
    ]  # fmt: skip
    (tmp_path / "eof.csv").write_text(HEADER + 'a1,"one"\na2,"never closed\na3,three\n', encoding="utf-8")
    corpus = read_corpus(tmp_path / "eof.csv")
    assert list(corpus.documents.doc_id) == ["a1"]
    assert report_of(corpus)[0][:2] == (3, "error") and "unexpected end of data" in report_of(corpus)[0][2]


def test_a_duplicated_header_column_is_refused(tmp_path):
    (tmp_path / "dup.csv").write_text("id,text,text\na1,first,second\n", encoding="utf-8")
    corpus = read_corpus(tmp_path / "dup.csv")
    assert corpus.documents.empty
    assert report_of(corpus) == [(1, "error", "the header has the column 'text' twice (columns B and C): it is not "
                                  "clear which to read; rename one (whole file skipped)")]  # fmt: skip


def test_short_and_long_rows_are_named(tmp_path):
    (tmp_path / "ragged.csv").write_text(
        "id,outlet,text\na1,x,one\na2\na3,x,three,extra\na4,y,four\n", encoding="utf-8"
    )
    corpus = read_corpus(tmp_path / "ragged.csv")
    assert list(corpus.documents.doc_id) == ["a1", "a4"]
    assert report_of(corpus) == [
        (
            3,
            "error",
            "fewer cells than the header (1, not 3): a cell lost, or a line break outside quotation marks? "
            "[line 3 of ragged.csv]",
        ),
        (4, "error", "more cells than the header (an unquoted comma?) [line 4 of ragged.csv]"),
    ]
    with pytest.raises(FramingInputError, match=r"ragged\.csv, row 3: fewer cells than the header"):
        corpus.raise_for_errors()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "b", "text": ["قال", "حفتر"]}', "the field 'text' is a list, not a string"),
        ('{"id": "b", "text": 123}', "the field 'text' is int, not a string"),
        ('{"id": "b", "text": NaN}', "the field 'text' is the number NaN, not a string"),
        ('{"id": "b", "text": -Infinity}', "the field 'text' is the number Infinity, not a string"),
        ('{"id": "b", "text": null}', "the field 'text' is null, not a string"),
        ('{"id": ["b"], "text": "نص"}', "the field 'id' is a list, not a string or an integer"),
        ('{"id": 1.5, "text": "نص"}', "the field 'id' is the number 1.5, not a string or an integer"),
        ('{"id": null, "text": "نص"}', "the field 'id' is null, not a string or an integer"),
        ('{"id": "b", "text": "نص", "date": {"y": 2015}}', "the field 'date' is an object, not a string or an integer"),
    ],
)
def test_json_values_of_the_wrong_type_name_the_field_and_line(tmp_path, line, problem):
    (tmp_path / "t.jsonl").write_text(f'{{"id": "a", "text": "{ARTICLE}"}}\n{line}\n', encoding="utf-8")
    corpus = read_corpus(tmp_path / "t.jsonl")
    assert list(corpus.documents.doc_id) == ["a"]
    assert report_of(corpus) == [(2, "error", problem)]
    # the skipped record is named by its id when its id could be read
    assert corpus.report["doc_id"].tolist() == ["b" if line.startswith('{"id": "b"') else ""]


def test_an_integer_id_is_its_digits(tmp_path):
    (tmp_path / "t.jsonl").write_text(f'{{"id": 12345678901234567890, "text": "{ARTICLE}"}}\n', encoding="utf-8")
    assert list(read_corpus(tmp_path / "t.jsonl").documents.doc_id) == ["12345678901234567890"]


def test_json_depth_and_number_size_limits_are_named_and_skippable(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    huge = '{"id": "c", "text": "x", "n": ' + "9" * 5000 + "}"
    (tmp_path / "limits.jsonl").write_text(
        f'{{"id": "a", "text": "{ARTICLE}"}}\n{deep}\n{huge}\n{{"id": "d", "text": "{ARTICLE} د"}}\n', encoding="utf-8"
    )
    corpus = read_corpus(tmp_path / "limits.jsonl")
    assert list(corpus.documents.doc_id) == ["a", "d"]
    assert [(row, level) for row, level, _ in report_of(corpus)] == [(2, "error"), (3, "error")]
    assert report_of(corpus)[0][2] == "JSON nested too deeply to read (thousands of brackets)"
    assert report_of(corpus)[1][2].startswith("a JSON number too long to read (Exceeds the limit (4300 digits)")


def test_lexicon_entries_without_a_letter_or_digit_are_refused(tmp_path):
    (tmp_path / "actors.csv").write_text("actor,alias,type\nHaftar,حفتر,person\nDot,.,person\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"actors\.csv, row 3: entry '\.' has no letter or digit"):
        load_actors(tmp_path / "actors.csv")
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(FramingInputError, match=r"bom\.csv: is empty; a lexicon needs a header row"):
        load_actors(tmp_path / "bom.csv")


# -- item 6: a strict Python API -------------------------------------------------------


def test_one_path_as_str_or_path_is_one_path(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for given in (str(tmp_path / "a.txt"), tmp_path / "a.txt"):
        assert list(read_corpus(given).documents.doc_id) == ["a"]
    assert list(CorpusReader().open(str(tmp_path)).documents)[0]["doc_id"] == "a"


@pytest.mark.parametrize("given", [b"/tmp", None, 3.5, [None], [b"a.txt"], [""]])
def test_what_is_not_a_path_is_refused(given):
    with pytest.raises(FramingInputError, match="is not a path|is an empty path"):
        read_corpus(given)


@pytest.mark.parametrize(
    ("texts", "ids", "message"),
    [
        ([b"\xd8\xad"], None, r"document 1 \('doc0001'\): the text is bytes"),
        (["نص", None], None, r"document 2 \('doc0002'\): the text is None"),
        ([float("nan")], None, r"the text is nan"),
        ([123], None, r"the text is 123"),
        (["نص"], [7], r"document 1 \(its id\): the id is 7"),
        ("نص واحد", None, r"texts: is one string"),
    ],
)
def test_documents_from_texts_refuses_what_is_not_text(texts, ids, message):
    with pytest.raises(FramingInputError, match=message):
        documents_from_texts(texts, ids)


def test_the_counter_refuses_texts_that_are_not_strings():
    documents = documents_from_texts(["قال حفتر", "وحفتر"])
    documents.loc[1, "text"] = pd.NA
    with pytest.raises(FramingInputError, match=r"documents: document 2 \('doc0002'\): the text is <NA>"):
        FramingCounter().count(documents)


def test_input_errors_survive_a_process_boundary():
    error = pickle.loads(pickle.dumps(FramingInputError("a.csv", "bad.", row=3, byte=7)))
    assert (type(error), str(error), error.row, error.byte) == (FramingInputError, "a.csv, row 3, byte 7: bad.", 3, 7)


def _workbook(path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "text"])
    for i in range(50):
        sheet.append([f"a{i}", ARTICLE])
    book.save(path)


def test_a_truncated_or_damaged_xlsx_is_named(tmp_path):
    _workbook(tmp_path / "whole.xlsx")
    data = (tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    with pytest.raises(FramingInputError, match=r"cut\.xlsx: cannot be read as an Excel workbook"):
        read_corpus(tmp_path / "cut.xlsx")
    # A valid zip whose sheet XML stops mid-row: the XML parser's error is named with the row.
    source = zipfile.ZipFile(tmp_path / "whole.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, content[: len(content) // 2] if item.filename.endswith("sheet1.xml") else content)
    (tmp_path / "damaged.xlsx").write_bytes(buffer.getvalue())
    with pytest.raises(FramingInputError, match=r"damaged\.xlsx, row \d+: is a damaged or truncated Excel workbook"):
        read_corpus(tmp_path / "damaged.xlsx")


def test_a_bad_encoding_errors_value_is_refused():
    with pytest.raises(FramingInputError, match="encoding_errors='ignore': use one of strict, replace"):
        CorpusReader(encoding_errors="ignore")


# -- the command -----------------------------------------------------------------------


def test_the_command_skips_and_reports_bad_rows_or_stops_naming_them(tmp_path):
    import hashlib
    import subprocess
    import sys

    (tmp_path / "ragged.csv").write_text(f"id,text\na1,{ARTICLE}\na2\n", encoding="utf-8")
    (tmp_path / "quote.txt").write_bytes("قال حفتر ".encode() + b"\x93" + "إن حفتر.".encode())
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}

    def framing(*args):
        command = [sys.executable, "-m", "analysis.cli", "count", *map(str, args), "--workers", "1"]
        return subprocess.run(command, capture_output=True, text=True)

    stopped = framing(tmp_path / "ragged.csv", "--out", tmp_path / "out1")
    assert stopped.returncode == 2 and "Traceback" not in stopped.stderr
    assert "ragged.csv, row 3: fewer cells than the header (1, not 2)" in stopped.stderr
    undecodable = framing(tmp_path / "quote.txt", "--out", tmp_path / "out2")
    assert undecodable.returncode == 2 and "quote.txt, byte 16: is UTF-8 with an invalid byte" in undecodable.stderr
    done = framing(tmp_path / "ragged.csv", tmp_path / "quote.txt", "--out", tmp_path / "out3", "--skip-bad",
                   "--encoding-errors", "replace")  # fmt: skip
    assert done.returncode == 0, done.stderr
    skipped = pd.read_csv(tmp_path / "out3" / "skipped.csv")
    named = skipped.assign(source=skipped.source.map(lambda s: s.rsplit("/", 1)[1]))
    errors = named[named.level == "error"]
    assert list(zip(errors.source, errors.row)) == [("ragged.csv", 3)]
    warnings = named[named.level == "warning"]
    assert list(warnings.source) == ["quote.txt"]
    assert warnings.problem.iloc[0].startswith(
        "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD (the first at byte 16)"
    )
    hits = pd.read_csv(tmp_path / "out3" / "hits.csv")
    assert sorted(hits.groupby("doc_id").size().items()) == [("a1", 3), ("quote", 2)]
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir() if p.is_file()} == before


def test_count_documents_refuses_texts_that_are_not_strings_before_any_work():
    from analysis import count_documents

    documents = documents_from_texts(["قال حفتر"] * 3)
    documents.loc[2, "text"] = None  # the string column holds it as <NA>
    with pytest.raises(FramingInputError, match=r"documents: document 3 \('doc0003'\): the text is <NA>"):
        count_documents(documents, FramingCounter(), workers=1)


def test_annotated_jsonl_depth_and_number_limits_are_named(tmp_path):
    from analysis.evaluate import read_annotations

    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"deep\.jsonl, row 1: JSON nested too deeply"):
        read_annotations(tmp_path / "deep.jsonl")
    (tmp_path / "huge.jsonl").write_text('{"id": ' + "9" * 5000 + "}\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"huge\.jsonl, row 1: a JSON number too long to read"):
        read_annotations(tmp_path / "huge.jsonl")


def test_old_mac_line_ends_still_split_rows_line_by_line(tmp_path):
    # Lines are now decoded one by one: a lone \r still ends a line, as open(newline="") has it.
    (tmp_path / "mac.csv").write_bytes('id,text\ra1,"قال حفتر\rسطر"\ra2,نص\r'.encode())
    documents = read_corpus(tmp_path / "mac.csv").documents
    assert list(zip(documents.doc_id, documents.row, documents.text)) == [("a1", 2, "قال حفتر\nسطر"), ("a2", 3, "نص")]

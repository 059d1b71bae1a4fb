"""Reading articles and corpora: encodings, formats, cleaning, duplicates, and the report."""

import gzip
import json
import os
import tracemalloc

import pandas as pd
import pytest

from analysis.corpus import Columns, CorpusReader, html_to_text, month_of, read_corpus, remove_boilerplate
from analysis.errors import FramingInputError
from analysis.ingest import read_documents

ARTICLE = "قال حفتر إن الحرب مستمرة.\nفقرة ثانية."
OTHER = "وقالت مصادر إن الوفاق رفضت الدعوة."


def csv_file(path, rows, header="id,outlet,date,text", encoding="utf-8"):
    lines = [header] + [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def report_of(corpus):
    return list(zip(corpus.report.row, corpus.report.level, corpus.report.problem))


# -- .txt files ------------------------------------------------------------------------


def test_seed_is_read_with_its_metadata_and_trailer_cut(seed_path):
    documents = read_documents([seed_path.parent])
    row = documents.iloc[0]
    assert (row.doc_id, row.encoding, row.outlet, row.month) == (
        "libya_2019_pompeo_shoukry",
        "utf-8",
        "unknown (partisan Arabic outlet)",
        "2019-10",
    )
    assert row.boilerplate_removed == "Facebook Comments"
    assert row.text.endswith("في إبريل الماضي.")
    assert seed_path.read_text(encoding="utf-8").startswith(row.text)  # offsets are file offsets


def test_an_edited_metadata_file_is_read_again(tmp_path):
    # A notebook that edits metadata.csv and reads the folder again sees the edit,
    # even when the file keeps its size and modification time.
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    metadata = tmp_path / "metadata.csv"
    metadata.write_text("doc_id,outlet,date\na,aawsat,2015-07-21\n", encoding="utf-8")
    stamp = metadata.stat().st_mtime_ns
    assert read_documents([tmp_path]).outlet[0] == "aawsat"
    metadata.write_text("doc_id,outlet,date\na,okazzz,2015-07-21\n", encoding="utf-8")
    os.utime(metadata, ns=(stamp, stamp))
    assert read_documents([tmp_path]).outlet[0] == "okazzz"


def test_bom_and_crlf(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    row = read_documents([tmp_path / "a.txt"]).iloc[0]
    assert (row.encoding, row.text) == ("utf-8-sig", ARTICLE)


def test_cp1256_is_decoded_and_noted(tmp_path):
    (tmp_path / "legacy.txt").write_bytes(ARTICLE.encode("cp1256"))
    corpus = read_corpus([tmp_path])
    assert (corpus.documents.encoding[0], corpus.documents.text[0]) == ("cp1256", ARTICLE)
    assert report_of(corpus) == [(pd.NA, "note", "not UTF-8: decoded as Windows-1256 (cp1256)")]


def test_binary_file_names_the_byte(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(FramingInputError, match=r"image\.txt, byte 8: has a NUL byte"):
        read_documents([tmp_path / "image.txt"])


def test_non_arabic_legacy_bytes_are_an_error(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("café crème".encode("latin-1"))
    with pytest.raises(FramingInputError, match=r"latin1\.txt, byte 3: is neither UTF-8 nor Arabic"):
        read_documents([tmp_path / "latin1.txt"])


def test_empty_and_boilerplate_only_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    with pytest.raises(FramingInputError, match=r"empty\.txt: empty file"):
        read_documents([tmp_path / "empty.txt"])
    (tmp_path / "fb.txt").write_text("\nFacebook Comments\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"fb\.txt: only boilerplate"):
        read_documents([tmp_path / "fb.txt"])


def test_an_unreadable_file_among_articles_says_what_to_do(tmp_path):
    # Notebooks 01-03 read with read_documents: a student's empty draft among 18 articles stopped them
    # with a bare "empty file", naming no way forward (the command's message names --skip-bad).
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "draft.txt").write_bytes(b"")
    with pytest.raises(FramingInputError) as caught:
        read_documents([tmp_path])
    assert str(caught.value) == (
        f"{tmp_path / 'draft.txt'}: empty file: fix or delete it, or leave it out of the paths read (notebooks "
        "01-03 stop at an unreadable record; read_corpus, notebooks 04-07 and framing count --skip-bad leave it "
        "out and list it in the report, skipped.csv)"
    )
    assert list(read_corpus([tmp_path]).documents.doc_id) == ["a"]


def test_paths_that_cannot_be_read(tmp_path):
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(FramingInputError, match="is a folder with no .txt"):
        read_documents([tmp_path])
    with pytest.raises(FramingInputError, match="does not exist"):
        read_documents([tmp_path / "nope.txt"])
    with pytest.raises(FramingInputError, match="is not a supported file"):
        read_documents([tmp_path / "notes.md"])


def test_same_file_name_in_two_folders(tmp_path):
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "article.txt").write_text(ARTICLE + sub, encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert list(corpus.documents.doc_id) == ["article"]
    assert report_of(corpus) == [(pd.NA, "error", f"doc_id already used by {tmp_path / 'one' / 'article.txt'}")]


def test_inputs_are_never_modified(tmp_path):
    data = b"\xef\xbb\xbf" + (ARTICLE + "\r\n\r\nFacebook Comments").encode()
    (tmp_path / "a.txt").write_bytes(data)
    read_documents([tmp_path])
    assert (tmp_path / "a.txt").read_bytes() == data


def test_boilerplate_in_the_middle_is_blanked_so_offsets_stay_put():
    import re

    text = "أول\nFacebook Comments\nحفتر"
    kept, removed = remove_boilerplate(text, [re.compile("facebook comments", re.I)])
    assert removed == ["Facebook Comments"]
    assert len(kept) == len(text) and kept.index("حفتر") == text.index("حفتر")


# -- CSV and JSONL -----------------------------------------------------------------------


def test_csv_with_metadata_and_a_report(tmp_path):
    path = csv_file(
        tmp_path / "news.csv",
        [
            ["a1", "aawsat", "2015-07-21", ARTICLE],
            ["a2", "alriyadh", "21/07/2015", OTHER],
            ["a3", "alriyadh", "last week", "وقال بومبيو إن الحل سياسي."],
            ["a4", "okaz", "2015-07-22", ""],  # empty text
            ["a5", "okaz", "2015-07-22", ARTICLE],  # exact duplicate of a1
            ["a6", "okaz", "2015-07-22", "قالَ حفتر إن الحرب مستمرة.\nفقرة   ثانية."],  # duplicate after normalization
        ],
    )
    corpus = read_corpus([path])
    assert list(corpus.documents.doc_id) == ["a1", "a2", "a3"]
    assert list(corpus.documents.month) == ["2015-07", "2015-07", ""]
    assert list(corpus.documents.row) == [2, 3, 4]
    assert report_of(corpus) == [
        (4, "warning", "unparseable date 'last week'"),
        (5, "error", "empty text"),
        (6, "duplicate", "exact duplicate of a1"),
        (7, "duplicate", "normalized duplicate of a1"),
    ]
    with pytest.raises(FramingInputError, match=r"news\.csv, row 5: empty text"):
        corpus.raise_for_errors()


def test_a_reader_is_reusable(tmp_path):
    # The reader holds configuration only: each pass starts from nothing, so a second
    # pass yields the same documents and the same report (not "doc_id already used").
    path = csv_file(
        tmp_path / "news.csv",
        [
            ["a1", "aawsat", "2015-07-21", ARTICLE],
            ["a2", "okaz", "last week", OTHER],
            ["a3", "okaz", "2015-07-22", ""],
            ["a4", "okaz", "2015-07-22", ARTICLE],  # duplicate of a1
        ],
    )
    reader = CorpusReader()
    passes = []
    for _ in range(2):
        run = reader.open([path])
        passes.append(([d["doc_id"] for d in run.documents], run.report, run.first_error))
    assert passes[0] == passes[1]
    documents, report, first_error = passes[0]
    assert documents == ["a1", "a2"]
    assert [(r.row, r.level) for r in report] == [(3, "warning"), (4, "error"), (5, "duplicate")]
    assert (first_error.row, first_error.problem) == (4, "empty text")
    assert [d["doc_id"] for d in reader.iter_documents([path])] == documents


def test_a_reused_reader_counts_the_same_twice(tmp_path):
    from analysis.batch import count_corpus
    from analysis.pipeline import FramingCounter

    path = csv_file(
        tmp_path / "news.csv",
        [["a1", "aawsat", "2015-07-21", ARTICLE], ["a2", "okaz", "x", OTHER], ["a3", "okaz", "2015-07-22", ARTICLE]],
    )
    reader, counter = CorpusReader(), FramingCounter()
    for out in ("one", "two"):
        count_corpus([path], tmp_path / out, counter=counter, reader=reader, skip_bad=True)
    for name in ("hits.csv", "documents.csv", "skipped.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert "exact duplicate of a1" in (tmp_path / "one" / "skipped.csv").read_text(encoding="utf-8")


def test_csv_without_the_text_column(tmp_path):
    path = csv_file(tmp_path / "news.csv", [["a1", ARTICLE]], header="id,body")
    with pytest.raises(FramingInputError, match=r"news\.csv, row 1: has no column 'text' \(columns: id, body\)"):
        read_corpus([path])
    corpus = read_corpus([path], columns=Columns(text="body"))
    assert corpus.documents.text[0] == ARTICLE


def test_a_column_named_but_for_case_or_spaces_is_pointed_to(tmp_path):
    # A spreadsheet's "Text" or a hand-written "id, text" header: the missing text column's message names the
    # column meant and the option; a default column written "Date" or "ID" is not read, and is warned about
    # (every date and id was left empty without a word); a file with the exact name, or the role named, is not.
    upper = csv_file(tmp_path / "upper.csv", [["a1", ARTICLE]], header="ID,TEXT")
    with pytest.raises(FramingInputError) as caught:
        read_corpus([upper])
    assert str(caught.value) == (
        f"{upper}, row 1: has no column 'text' (columns: ID, TEXT); the column 'TEXT' differs from 'text' only in "
        'case: name it with --text-column TEXT (or text = "TEXT" under [columns] of framing.toml).'
    )
    spaced = tmp_path / "spaced.jsonl"
    spaced.write_text(json.dumps({"id": "j1", " text": ARTICLE}) + "\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=(
        r"the column ' text' differs from 'text' only by spaces around it \(a space after a separator\?\): remove "
        r"the spaces, or name it with --text-column ' text' \(or text = \" text\" under"
    )):  # fmt: skip
        read_corpus([spaced])
    with pytest.raises(FramingInputError, match=(
        r"the column 'TEXT' differs from 'text ' only in case and by spaces around the name given: name it with "
        r"--text-column TEXT "
    )):  # fmt: skip
        read_corpus([upper], columns=Columns(text="text "))
    dated = csv_file(tmp_path / "dated.csv", [["a1", "okaz", "2020-03-05", ARTICLE]], header="ID,Outlet,Date,text")
    corpus = read_corpus([dated])
    assert corpus.documents[["doc_id", "outlet", "date"]].values.tolist() == [["dated-2", "", ""]]
    assert [(r.row, r.level, r.problem.split(";")[0], r.action) for r in corpus.report.itertuples()] == [
        (1, "warning", f"column not read as the {role}: '{name}' differs from '{role}' only in case", "not read")
        for role, name in (("id", "ID"), ("outlet", "Outlet"), ("date", "Date"))
    ]
    corpus = read_corpus([dated], columns=Columns(id="ID", outlet="Outlet", date="Date"))
    assert corpus.documents[["doc_id", "outlet", "date"]].values.tolist() == [["a1", "okaz", "2020-03-05"]]
    assert corpus.report.empty
    both = csv_file(tmp_path / "both.csv", [["a1", "2020-03-05", "x", ARTICLE]], header="id,date,Date,text")
    assert read_corpus([both]).report.empty
    # doc_id, the id's name in the tables written and in metadata files, is not the id column either.
    named = csv_file(tmp_path / "named.csv", [["a1", ARTICLE]], header="doc_id,text")
    corpus = read_corpus([named])
    assert corpus.documents.doc_id.tolist() == ["named-2"]
    assert corpus.report.problem.tolist() == [
        "column not read as the id: 'doc_id' is not the id column 'id' (the ids are <file name>-<row>); name it "
        'with --id-column doc_id (or id = "doc_id" under [columns] of framing.toml)'
    ]
    assert read_corpus([named], columns=Columns(id="doc_id")).documents.doc_id.tolist() == ["a1"]


def test_a_second_byte_order_mark_and_an_excel_separator_line_above_the_header(tmp_path):
    # A file saved with two byte-order marks: the second is no part of the id column's name (the ids were
    # replaced by <file>-<row> without a word). "sep=;" above the header, as Excel writes and reads it: the
    # separator it names is used and the line below is the header (before: an error saying to delete the line).
    twice = tmp_path / "twice.csv"
    twice.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbfid,text\r\na1," + ARTICLE.replace("\n", " ").encode() + b"\r\n")
    corpus = read_corpus([twice])
    assert corpus.documents.doc_id.tolist() == ["a1"] and corpus.report.empty
    hinted = tmp_path / "hinted.csv"
    hinted.write_bytes(b"\xef\xbb\xbfsep=;\r\nid;text\r\na1;" + OTHER.encode() + b"\r\n")
    corpus = read_corpus([hinted])
    assert corpus.documents.doc_id.tolist() == ["a1"] and corpus.documents.text[0] == OTHER
    assert corpus.report.empty


def test_a_title_row_above_the_header_is_named_with_the_header_row(tmp_path):
    # "News export 2020" above the header, as a spreadsheet user adds: the error says which row holds the
    # column names and to delete the rows above (the lexicons already did), not to name the text column.
    from openpyxl import Workbook

    titled = tmp_path / "titled.csv"
    titled.write_text(f"News export 2020\n\nid,text,date\na1,{OTHER},2020-01-01\n", encoding="utf-8")
    book = Workbook()
    for row in (["News export 2020"], ["id", "text "], ["a1", OTHER]):
        book.active.append(row)
    book.save(tmp_path / "titled.xlsx")
    for path, header, names in ((titled, 3, "id, text, date"), (tmp_path / "titled.xlsx", 2, "id, text")):
        with pytest.raises(FramingInputError) as caught:
            read_corpus([path])
        assert str(caught.value) == (
            f"{path}, row 1: has no column 'text' (columns: News export 2020); row {header} holds the column names "
            f"{names}: delete the row(s) above it (a title a spreadsheet put above the header), so that the header "
            "is row 1."
        )


def test_csv_without_ids_gets_file_and_row(tmp_path):
    path = csv_file(tmp_path / "export.csv", [[ARTICLE], [OTHER]], header="text")
    assert list(read_corpus([path]).documents.doc_id) == ["export-2", "export-3"]


def test_gzip_jsonl_html_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {"id": "j1", "outlet": "aljazeera", "date": "2020-03", "text": "<p>قال <b>حفتر</b></p><p>إن الحرب</p>"}
        ),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "j4", "body": "no text field"}),
        "",
        json.dumps({"id": "j6", "outlet": None, "text": OTHER}),
    ]
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines))
    corpus = read_corpus([path])
    assert list(corpus.documents.doc_id) == ["j1", "j6"]
    assert corpus.documents.text[0] == "قال حفتر\nإن الحرب" and bool(corpus.documents.html[0])
    assert corpus.documents.outlet[1] == ""
    assert [(row, problem.split(" (")[0]) for row, _, problem in report_of(corpus)] == [
        (2, "invalid JSON"),
        (3, "not a JSON object"),
        (4, "no 'text' field"),
        # j1's "2020-03" is a month without a day: the file's one summary row says so.
        (pd.NA, "dates of feed.jsonl.gz: 1 read; 1 name a month without a day"),
    ]


def test_mixed_encodings_in_one_folder(tmp_path):
    csv_file(tmp_path / "utf8.csv", [["u1", "x", "2015-07-01", ARTICLE]])
    csv_file(tmp_path / "windows.csv", [["w1", "y", "2015-07-01", OTHER]], encoding="cp1256")
    corpus = read_corpus([tmp_path])
    assert list(zip(corpus.documents.doc_id, corpus.documents.encoding)) == [("u1", "utf-8"), ("w1", "cp1256")]
    assert corpus.documents.text[1] == OTHER
    assert report_of(corpus) == [(pd.NA, "note", "not UTF-8: decoded as Windows-1256 (cp1256)")]


def test_csv_row_with_extra_cells_is_reported(tmp_path):
    (tmp_path / "bad.csv").write_text(f'id,text\na1,"{ARTICLE}"\na2,x,y\n', encoding="utf-8")
    corpus = read_corpus([tmp_path / "bad.csv"])
    assert list(corpus.documents.doc_id) == ["a1"]
    assert report_of(corpus) == [
        (
            3,
            "error",
            "more cells than the header (an unquoted comma?) [line 4 of bad.csv; row 3 counts records, as a "
            "spreadsheet does: an earlier record spans several lines]",
        )
    ]
    # Excel saves semicolons in many locales: the message names the file's separator.
    (tmp_path / "bad.csv").write_text(f'id;text\na1;"{ARTICLE}"\na2;x;y\n', encoding="utf-8")
    assert report_of(read_corpus([tmp_path / "bad.csv"])) == [
        (
            3,
            "error",
            "more cells than the header (an unquoted semicolon?) [line 4 of bad.csv; row 3 counts records, "
            "as a spreadsheet does: an earlier record spans several lines]",
        )
    ]


@pytest.mark.slow
def test_streaming_keeps_memory_flat(tmp_path):
    # About 28 MB of articles: iterating must not hold them (peak stays a few MB: one
    # sniffing buffer and one document).
    path = csv_file(tmp_path / "big.csv", [[f"d{i}", "x", "2015-07-01", f"{ARTICLE} {i}" * 200] for i in range(2000)])
    assert path.stat().st_size > 25_000_000
    reader = CorpusReader(dedupe=False)
    tracemalloc.start()
    n = sum(1 for _ in reader.iter_documents([path]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 2000
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB while streaming a {path.stat().st_size / 1e6:.0f} MB file"


def test_tables_have_the_columns_and_dtypes_of_the_tables_module(tmp_path):
    from analysis import tables

    path = csv_file(tmp_path / "news.csv", [["a1", "aawsat", "2015-07-21", ARTICLE], ["a2", "okaz", "x", OTHER]])
    corpus = read_corpus([path])
    assert tuple(corpus.documents.columns) == tables.CORPUS.names
    declared = {**tables.CORPUS.dtypes, "boilerplate_removed": "string"}  # the removed lines, not their number
    assert {c: str(t) for c, t in corpus.documents.dtypes.items()} == declared
    assert tuple(corpus.report.columns) == tables.REPORT.names
    assert {c: str(t) for c, t in corpus.report.dtypes.items()} == tables.REPORT.dtypes


def test_html_and_dates_helpers():
    assert html_to_text("<div>أ<br>ب</div><style>p{}</style>&lt;ج&gt;") == "أ\nب\n<ج>"
    assert month_of("2015-07-21T10:00:00Z") == "2015-07"
    assert month_of("2015-13-01") is None
    assert month_of("July 21, 2015") == "2015-07"


def _past_the_sniffed_start(tail: bytes) -> tuple[bytes, int]:
    """A UTF-8 CSV longer than the sniffed first MiB, then ``tail``; and the tail's offset."""
    from analysis.corpus.encoding import _SNIFF_BYTES

    head = "id,text\n" + "".join(f'a{i},"{ARTICLE}"\n' for i in range(_SNIFF_BYTES // len(ARTICLE.encode()) + 10))
    assert len(head.encode()) > _SNIFF_BYTES
    return head.encode() + tail, len(head.encode())


def test_encoding_is_sniffed_from_the_start_and_checked_while_reading(tmp_path):
    # A file that starts as UTF-8 and goes on in Windows-1256 stops with the first bad byte.
    data, offset = _past_the_sniffed_start('b1,"قال حفتر"\n'.encode("cp1256"))
    (tmp_path / "mixed.csv").write_bytes(data)
    # The row is named too: the record after the last one read (row 1 is the header).
    row = 2 + data[:offset].count(b"\na")  # each record starts a line with its id, a<i>
    with pytest.raises(
        FramingInputError, match=rf"mixed\.csv, row {row}, byte {offset + 4}: starts as utf-8 but is not"
    ):
        read_corpus([tmp_path / "mixed.csv"])
    data, offset = _past_the_sniffed_start(b'x1,"ab\x00c"\n')
    (tmp_path / "late_nul.csv").write_bytes(data)
    line = data[:offset].count(b"\n") + 1
    stray = rf"late_nul\.csv, byte {offset + 6}: has 1 NUL byte, the first at line {line} after 'x1,\"ab'"
    with pytest.raises(FramingInputError, match=stray):
        read_corpus([tmp_path / "late_nul.csv"])
    packed = gzip.compress(data)
    (tmp_path / "cut.csv.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(FramingInputError, match=r"cut\.csv\.gz: cannot be read \(Compressed file ended"):
        read_corpus([tmp_path / "cut.csv.gz"])


def test_plain_ascii_before_the_arabic_does_not_decide_the_encoding(tmp_path):
    # More than the sniffed MiB of ASCII, then Arabic in Windows-1256: ASCII reads the
    # same in both encodings, so the first non-ASCII stretch decides.
    head = "id,text\n" + "".join(f'a{i},"plain ascii text number {i}"\n' for i in range(40_000))
    assert len(head) > 1 << 20
    (tmp_path / "legacy.csv").write_bytes(head.encode("ascii") + f'b1,"{ARTICLE}"\n'.encode("cp1256"))
    corpus = read_corpus([tmp_path / "legacy.csv"])
    assert len(corpus.documents) == 40_001
    assert corpus.documents.text.iloc[-1] == ARTICLE
    assert set(corpus.documents.encoding) == {"cp1256"}


def test_an_empty_id_cell_is_named_by_file_and_row_with_a_warning(tmp_path):
    """A researcher's workbook with one id cell left empty: the row was counted as ``<file>-<row>`` and
    nothing in skipped.csv said why its id was not the export's."""
    from openpyxl import Workbook

    book = Workbook()
    for row in (["المعرف", "النص"], ["p1", "قال الوزير"], [None, "قال السفير"], ["  ", "قال النائب"]):
        book.active.append(row)
    book.save(tmp_path / "paragraphs.xlsx")
    corpus = read_corpus([tmp_path / "paragraphs.xlsx"], columns=Columns(text="النص", id="المعرف"))
    assert corpus.documents["doc_id"].tolist() == ["p1", "paragraphs-3", "paragraphs-4"]
    report = corpus.report
    assert report[["row", "doc_id", "level", "action"]].values.tolist() == [
        [3, "paragraphs-3", "warning", "kept"],
        [4, "paragraphs-4", "warning", "kept"],
    ]
    assert report["problem"].tolist()[0] == "empty id, named by file and row: 'paragraphs-3' (column 'المعرف')"
    # A file without the id column names every record so, as documented: nothing to warn about.
    csv = tmp_path / "no_ids.csv"
    csv.write_text("text\nقال الوزير\n", encoding="utf-8")
    assert read_corpus([csv]).report.empty

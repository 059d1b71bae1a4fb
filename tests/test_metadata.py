"""Metadata files of .txt corpora: where they apply, their column names, and nothing silent."""

from __future__ import annotations

import json
import unicodedata

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis import provenance
from analysis.cli import main
from analysis.corpus import Columns, read_corpus
from analysis.errors import FramingInputError

OWN_COLUMNS = Columns(outlet="newspaper", date="published", title="headline", url="link")


def outlet_folders(root, articles):
    """``{"okaz/a1": text}`` → ``root/okaz/a1.txt``."""
    for name, text in articles.items():
        path = root / f"{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems(corpus):
    rows = corpus.report.itertuples()
    return [(r.source.rsplit("/", 1)[-1], None if pd.isna(r.row) else r.row, r.doc_id, r.level, r.action) for r in rows]


@pytest.fixture
def articles(tmp_path):
    # Two outlet folders, one article each, and the newcomer's metadata sheet above them with their own
    # column names: one row by the file's name, one by its path from the sheet's folder.
    root = outlet_folders(tmp_path / "articles", {"okaz/a1": "قال حفتر", "sabq/b1": "قالت مصادر"})
    (root / "metadata.csv").write_text(
        "doc_id,newspaper,published,headline,link\n"
        "a1,okaz,8 أغسطس 2015,عنوان أ,http://a\n"
        "sabq/b1.txt,sabq,10 أغسطس 2015,عنوان ب,http://b\n",
        encoding="utf-8",
    )
    return root


def test_metadata_above_outlet_folders_with_own_column_names(articles):
    corpus = read_corpus([articles], columns=OWN_COLUMNS)
    got = corpus.documents[["doc_id", "outlet", "date", "month", "title", "url"]].values.tolist()
    assert got == [
        ["a1", "okaz", "8 أغسطس 2015", "2015-08", "عنوان أ", "http://a"],
        ["b1", "sabq", "10 أغسطس 2015", "2015-08", "عنوان ب", "http://b"],
    ]
    assert corpus.report.empty  # every file has its row, every row its file


def test_without_the_mapping_a_named_column_is_reported_not_silent(articles):
    # Default column names: the sheet has no 'outlet', but that is the default, so nothing is named missing;
    # with --outlet-column paper (absent, as is 'outlet') the sheet's problem is reported once.
    corpus = read_corpus([articles], columns=Columns(outlet="paper"))
    assert corpus.documents["outlet"].tolist() == ["", ""]
    assert problems(corpus) == [("metadata.csv", 1, "", "warning", "not applied")]
    assert "has no column 'paper' (nor 'outlet')" in corpus.report.problem[0]


def test_the_nearest_metadata_file_wins_and_both_rows_count_as_used(articles):
    (articles / "okaz" / "metadata.csv").write_text("doc_id,outlet\na1,عكاظ\n", encoding="utf-8")
    corpus = read_corpus([articles], columns=OWN_COLUMNS)
    assert corpus.documents["outlet"].tolist() == ["عكاظ", "sabq"]
    assert corpus.documents["date"].tolist() == ["", "10 أغسطس 2015"]  # the nearest row is used whole
    # The okaz sheet lacks the other named columns (under either name): said once each, in header row 1.
    assert problems(corpus) == [("metadata.csv", 1, "", "warning", "not applied")] * 3
    assert [p.split(":")[0] for p in corpus.report.problem] == [
        "has no column 'published' (nor 'date')",
        "has no column 'headline' (nor 'title')",
        "has no column 'link' (nor 'url')",
    ]


def test_a_row_without_a_file_and_a_file_without_a_row_are_reported(articles):
    outlet_folders(articles, {"sabq/b2": "نص بلا صف"})
    with (articles / "metadata.csv").open("a", encoding="utf-8") as sheet:
        sheet.write("okaz/gone,okaz,9 أغسطس 2015,,\n")  # row 4: no such file
    corpus = read_corpus([articles], columns=OWN_COLUMNS)
    assert corpus.documents["outlet"].tolist() == ["okaz", "sabq", ""]
    assert problems(corpus) == [
        ("b2.txt", None, "b2", "warning", "kept"),
        ("metadata.csv", 4, "okaz/gone", "warning", "not applied"),
    ]
    assert corpus.report.problem[0].startswith(f"no row in {articles / 'metadata.csv'} names this file")
    assert corpus.report.problem[1] == f"no .txt file 'okaz/gone' in {articles} or below"


def test_a_metadata_file_that_matches_no_file_is_reported_once(tmp_path):
    root = outlet_folders(tmp_path / "articles", {"okaz/a1": "قال حفتر"})
    (root / "metadata.csv").write_text("doc_id,outlet\nx1,a\nx2,b\nx3,c\nx4,d\n", encoding="utf-8")
    corpus = read_corpus([root])
    assert problems(corpus) == [
        ("a1.txt", None, "a1", "warning", "kept"),
        ("metadata.csv", None, "", "warning", "not applied"),
    ]
    assert corpus.report.problem[1].startswith("none of its 4 row(s) names a .txt file read ('x1', 'x2', 'x3' …)")


def test_a_repeated_key_is_refused_and_an_empty_key_reported(tmp_path):
    root = outlet_folders(tmp_path, {"a1": "قال حفتر"})
    (root / "metadata.csv").write_text("doc_id,outlet\na1,first\na1.txt,second\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"row 3: doc_id 'a1' is also on row 2: delete one of the rows"):
        read_corpus([root])
    (root / "metadata.csv").write_text("doc_id,outlet\na1,first\n,third\n", encoding="utf-8")
    corpus = read_corpus([root])
    assert corpus.documents["outlet"].tolist() == ["first"]
    assert [(r.row, r.problem) for r in corpus.report.itertuples()] == [
        (3, "row has no doc_id: it describes no file and is not applied"),
    ]


def test_a_txt_file_named_alone_reads_its_row_without_reporting_the_others(tmp_path):
    root = outlet_folders(tmp_path, {"a1": "قال حفتر", "a2": "قالت مصادر"})
    (root / "metadata.csv").write_text("doc_id,outlet\na1,x\na2,y\n", encoding="utf-8")
    corpus = read_corpus([root / "a1.txt"])
    assert corpus.documents["outlet"].tolist() == ["x"] and corpus.report.empty


def workbook(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_metadata_xlsx_is_read_as_metadata(tmp_path):
    root = outlet_folders(tmp_path / "articles", {"okaz/a1": "قال حفتر"})
    workbook(root / "metadata.xlsx", [["doc_id", "newspaper", "published"], ["a1", "okaz", "8 أغسطس 2015"]])
    corpus = read_corpus([root], columns=Columns(outlet="newspaper", date="published"))
    assert corpus.documents[["outlet", "month"]].values.tolist() == [["okaz", "2015-08"]] and corpus.report.empty


def test_spreadsheet_dates_and_typed_dates_get_one_day_column(tmp_path):
    """A metadata sheet mixing real date cells with typed dates: ``date`` stays as written, ``day`` is one spelling."""
    import datetime

    texts = {f"okaz/a{k}": f"نص رقم {k}" for k in range(1, 5)}  # four texts (a repeated text is a duplicate)
    root = outlet_folders(tmp_path / "articles", texts)
    workbook(root / "metadata.xlsx", [
        ["doc_id", "outlet", "date"],
        ["a1", "okaz", datetime.datetime(2015, 4, 15)],  # a date cell, as a spreadsheet program stores it
        ["a2", "okaz", "16/04/2015"],
        ["a3", "okaz", "الخميس ١٧ أبريل ٢٠١٥م"],
        ["a4", "okaz", "أبريل 2015"],  # a month, no day
    ])  # fmt: skip
    documents = read_corpus([root]).documents.sort_values("doc_id")
    assert documents["day"].tolist() == ["2015-04-15", "2015-04-16", "2015-04-17", ""]
    assert documents["month"].tolist() == ["2015-04"] * 4
    assert documents["date"].tolist()[1:] == ["16/04/2015", "الخميس ١٧ أبريل ٢٠١٥م", "أبريل 2015"]


def test_metadata_xlsx_whole_number_ids_name_their_files(tmp_path):
    # A typed 12 is stored as 12.0 by spreadsheet programs (and by openpyxl for a float): it names 12.txt.
    root = outlet_folders(tmp_path, {"12": "قال حفتر", "7": "قالت مصادر"})
    workbook(root / "metadata.xlsx", [["doc_id", "outlet"], [12.0, "okaz"], [7, "sabq"]])
    corpus = read_corpus([root])
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["12", "okaz"], ["7", "sabq"]]
    assert corpus.report.empty


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (13.5, "cell A3 (column 'doc_id') holds the number 13.5, not an id: format the id column as Text"),
        (2**60 + 1.0, "cell A3 (column 'doc_id') holds the number 1152921504606846976, too long for a number cell"),
        (True, "cell A3 (column 'doc_id') holds the boolean TRUE, not an id"),
    ],
)
def test_metadata_xlsx_id_cell_that_names_no_file_is_refused_with_its_cell(tmp_path, cell, said):
    root = outlet_folders(tmp_path, {"12": "قال حفتر"})
    workbook(root / "metadata.xlsx", [["doc_id", "outlet"], [12, "okaz"], [cell, "sabq"]])
    with pytest.raises(FramingInputError, match=r"metadata.xlsx, row 3: ") as error:
        read_corpus([root])
    assert said in str(error.value)


def test_metadata_xlsx_id_cell_problem_stops_the_command(tmp_path, capsys):
    root = outlet_folders(tmp_path / "articles", {"12": "قال حفتر"})
    workbook(root / "metadata.xlsx", [["doc_id", "outlet"], [12.25, "okaz"]])
    assert main(["count", str(root), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    assert "row 2: cell A2 (column 'doc_id') holds the number 12.25, not an id" in capsys.readouterr().err
    assert not (tmp_path / "out" / "hits.csv").exists()


def test_metadata_id_written_with_a_fraction_is_named_with_the_likely_file(tmp_path):
    # pandas writes an id column with one empty cell as floats: "12.0" names no file, and the warning says why.
    root = outlet_folders(tmp_path, {"12": "قال حفتر", "13": "قالت مصادر"})
    (root / "metadata.csv").write_text("doc_id,outlet\n12.0,okaz\n13,sabq\n", encoding="utf-8")
    report = read_corpus([root]).report
    problem = report.loc[report["doc_id"] == "12.0", "problem"].tolist()
    assert problem == [
        f"no .txt file '12.0' in {root} or below (a whole number written with a fraction: is the file 12.txt? "
        "Write the doc_id column without '.0', as Text)"
    ]


def test_two_metadata_files_in_one_folder_are_refused(tmp_path):
    root = outlet_folders(tmp_path, {"a1": "قال حفتر"})
    workbook(root / "metadata.xlsx", [["doc_id", "outlet"], ["a1", "okaz"]])
    (root / "metadata.csv").write_text("doc_id,outlet\na1,x\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match="metadata.xlsx: and metadata.csv are both in .*keep one"):
        read_corpus([root])


def test_a_metadata_sheet_under_another_name_says_what_to_name_it(tmp_path):
    root = outlet_folders(tmp_path, {"okaz/a1": "قال حفتر"})
    workbook(root / "sheet.xlsx", [["doc_id", "outlet"], ["a1", "okaz"]])
    with pytest.raises(FramingInputError, match=r"has no column 'text'.*name it metadata.csv or metadata.xlsx"):
        read_corpus([root])


def test_manifest_lists_the_metadata_file_above_the_folders(articles):
    paths = [record["path"] for record in provenance.input_files([articles])]
    assert paths == [
        str(articles / "okaz" / "a1.txt"),
        str(articles / "metadata.csv"),
        str(articles / "sabq" / "b1.txt"),
    ]


def test_framing_count_applies_the_columns_of_the_config_to_metadata(articles, tmp_path):
    config = tmp_path / "framing.toml"
    config.write_text(
        f'[corpus]\npaths = ["{articles}"]\n[columns]\noutlet = "newspaper"\ndate = "published"\n'
        f'title = "headline"\nurl = "link"\n[output]\nfolder = "{tmp_path / "results"}"\n',
        encoding="utf-8",
    )
    assert main(["count", "--config", str(config), "--workers", "1"]) == 0
    out = tmp_path / "results" / "count"
    documents = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert documents[1].startswith(f"a1,{articles / 'okaz' / 'a1.txt'},,okaz,8 أغسطس 2015,2015-08,")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert str(articles / "metadata.csv") in [record["path"] for record in manifest["inputs"]]
    assert "newspaper" in json.dumps(manifest["parameters"], ensure_ascii=False)


def test_the_row_of_an_empty_file_is_not_called_unused(tmp_path):
    root = outlet_folders(tmp_path, {"a1": "قال حفتر", "a2": ""})
    (root / "metadata.csv").write_text("doc_id,outlet\na1,x\na2,y\n", encoding="utf-8")
    corpus = read_corpus([root])
    assert [(r.doc_id, r.level, r.problem) for r in corpus.report.itertuples()] == [("a2", "error", "empty file")]


def test_a_sheet_with_only_own_column_names_and_no_mapping_is_reported(articles):
    corpus = read_corpus([articles])  # default column names: the sheet's newspaper, published … are not known
    assert corpus.documents["outlet"].tolist() == ["", ""]
    assert problems(corpus) == [("metadata.csv", 1, "", "warning", "not applied")]
    assert corpus.report.problem[0].startswith(
        "has none of the columns outlet, date, title, url, article (its columns: doc_id, newspaper, published, "
        "headline, link): name yours under [columns]"
    )


def test_a_metadata_file_above_the_folder_given_is_named_not_silently_ignored(articles):
    corpus = read_corpus([articles / "okaz"], columns=OWN_COLUMNS)
    assert corpus.documents["outlet"].tolist() == [""]
    assert problems(corpus) == [("metadata.csv", None, "", "note", "not read")]
    assert corpus.report.problem[0] == (
        f"above {articles / 'okaz'}, the folder given: not read (a metadata file describes the .txt files in its "
        f"folder and below); give {articles.resolve()} to use it"
    )


def test_a_pasted_headline_that_repeats_the_sheet_title_is_noted_and_still_counted(tmp_path):
    # A student pastes a page (headline first) into Notepad and also types the headline into the sheet's
    # title column: the headline is text (counted), and skipped.csv now says so, naming the sheet's row.
    (tmp_path / "metadata.csv").write_bytes(
        "doc_id;outlet;title\r\na1;aljazeera;إيطاليا نموذج مرعب\r\na2;bbc;عنوان آخر\r\na3;bbc;خبر ثالث\r\n".encode(
            "utf-8-sig"
        )
    )
    # UTF-16 with a BOM ("Unicode" in Notepad), a no-break space and a trailing space in the pasted headline.
    (tmp_path / "a1.txt").write_bytes("\r\nإيطاليا\u00a0نموذج مرعب \r\nوسط مخاوف من موجة ثانية.".encode("utf-16"))
    (tmp_path / "a2.txt").write_bytes("نص الخبر.\r\nعنوان آخر".encode("cp1256"))  # the title, but not first
    (tmp_path / "a3.txt").write_text("خبر ثالث عن المدارس.", encoding="utf-8")  # starts like it, longer
    corpus = read_corpus([tmp_path])
    notes = corpus.report[corpus.report["problem"].str.contains("title")]
    assert notes[["doc_id", "level", "action"]].values.tolist() == [["a1", "note", "kept"]]
    assert notes["problem"].iloc[0] == (
        "the first line repeats the title of metadata.csv, row 2: it is counted as text (its words and hits); "
        "delete it from the file to count the body only"
    )
    text = corpus.documents.set_index("doc_id").loc["a1", "text"]
    assert text.startswith("\nإيطاليا\u00a0نموذج مرعب")  # reported, not removed: offsets and counts unchanged


def test_a_file_name_saved_decomposed_on_a_mac_finds_its_typed_row(tmp_path):
    # "أخبار مصر.txt" from a Mac's archive is decomposed (alef + combining hamza above); the sheet typed it
    # composed. Both warnings, "no row names this file" and "no .txt file 'أخبار مصر'", showed the same name.
    composed = "\u0623\u062e\u0628\u0627\u0631 \u0645\u0635\u0631"  # أخبار مصر
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    root = outlet_folders(tmp_path / "articles", {decomposed: "قال حفتر", "b": "قالت مصادر"})
    (root / "metadata.csv").write_text(f"doc_id,outlet\n{composed},ahram\nb.txt,okaz\n", encoding="utf-8")
    corpus = read_corpus([root])
    assert corpus.documents[["doc_id", "outlet"]].values.tolist() == [["b", "okaz"], [decomposed, "ahram"]]
    assert corpus.report.empty

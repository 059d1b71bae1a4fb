"""Files as spreadsheet programs save them: lexicons, article tables, metadata and coding sheets.

Every form Excel, LibreOffice or Google Sheets writes (a workbook, "Unicode
text" = UTF-16 with tabs, ';' in decimal-comma locales, a BOM, Windows-1256,
trailing empty columns and rows) must give exactly the hits of the plain
UTF-8 CSV; what is still refused names its cause and the fix.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis import FramingCounter
from analysis.corpus import CorpusReader, read_corpus
from analysis.corpus.tabular import read_table_file, sniff_delimiter, trim_table
from analysis.errors import FramingInputError, LexiconError
from analysis.ingest import read_documents
from analysis.lexicon import ACTORS, TERMS, load_actors, load_lexicon, load_terms
from analysis.paths import default_actors_path, default_terms_path

FORMS = ("csv", "utf8_bom", "semicolon", "utf16_tab", "trailing_empty", "cp1256", "xlsx")
SUFFIX = {"utf16_tab": ".txt", "xlsx": ".xlsx"}  # Excel names its "Unicode text" export .txt


def _bundled_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_form(rows: list[list[str]], folder: Path, stem: str, form: str) -> Path:
    """Write ``rows`` (header first) as a spreadsheet program saves them in ``form``."""
    path = folder / f"{stem}_{form}{SUFFIX.get(form, '.csv')}"
    if form == "xlsx":
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        book.save(path)
        return path
    delimiter, encoding = {"semicolon": (";", "utf-8"), "utf16_tab": ("\t", "utf-16"), "utf8_bom": (",", "utf-8-sig"),
                           "cp1256": (",", "cp1256")}.get(form, (",", "utf-8"))  # fmt: skip
    if form == "trailing_empty":  # Excel's used range: three empty columns and rows past the data
        rows = [row + ["", "", ""] for row in rows] + [[""] * (len(rows[0]) + 3)] * 3
    path.write_bytes(_csv_bytes(rows, delimiter, encoding))
    return path


def _hits(counter: FramingCounter, documents: pd.DataFrame) -> pd.DataFrame:
    return counter.count(documents).hits


@pytest.fixture(scope="module")
def seed_documents(seed_path) -> pd.DataFrame:
    return read_documents([seed_path])


@pytest.fixture(scope="module")
def plain_hits(seed_documents) -> pd.DataFrame:
    hits = _hits(FramingCounter(load_actors(), load_terms()), seed_documents)
    assert (hits["kind"].value_counts()["actor"], hits["kind"].value_counts()["term"]) == (73, 21)
    return hits


def _lexicon_rows() -> tuple[list[list[str]], list[list[str]]]:
    actors, terms = _bundled_rows(default_actors_path()), _bundled_rows(default_terms_path())
    return actors, terms


def _writable(rows: list[list[str]], form: str) -> list[list[str]]:
    """Windows-1256 has no letters for some notes' characters: those notes are cut (entries are Arabic and stay)."""
    if form != "cp1256":
        return rows
    header = rows[0]
    keep = [j for j, name in enumerate(header) if name != "note"]
    return [[row[j] for j in keep] for row in rows]


@pytest.mark.parametrize("form", FORMS)
def test_lexicons_in_every_form_give_the_same_hits(form, tmp_path, seed_documents, plain_hits):
    actors_rows, terms_rows = _lexicon_rows()
    actors = write_form(_writable(actors_rows, form), tmp_path, "actors", form)
    terms = write_form(_writable(terms_rows, form), tmp_path, "loaded_terms", form)
    counter = FramingCounter(load_actors(actors), load_terms(terms))
    pd.testing.assert_frame_equal(_hits(counter, seed_documents), plain_hits)
    assert len(counter.actors.entries) == len(load_actors().entries)


def framing(*args):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def plain_hits_csv(tmp_path_factory, seed_path) -> str:
    out = tmp_path_factory.mktemp("plain") / "out"
    done = framing("count", seed_path, "--out", out, "--workers", "1", "--no-progress")
    assert done.returncode == 0, done.stderr
    return (out / "hits.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ("utf16_tab", "semicolon", "trailing_empty", "xlsx"))
def test_the_command_reads_every_form_and_says_which_files(form, tmp_path, seed_path, plain_hits_csv):
    actors_rows, terms_rows = _lexicon_rows()
    actors = write_form(actors_rows, tmp_path, "actors", form)
    terms = write_form(terms_rows, tmp_path, "loaded_terms", form)
    out = tmp_path / "out"
    done = framing("count", seed_path, "--actors", actors, "--terms", terms, "--out", out, "--workers", "1",
                   "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "hits.csv").read_text(encoding="utf-8") == plain_hits_csv
    how = {"utf16_tab": "CSV, UTF-16, tab-separated", "semicolon": "CSV, UTF-8, semicolon-separated",
           "trailing_empty": "CSV, UTF-8, comma-separated", "xlsx": "Excel workbook, sheet 'Sheet'"}[form]  # fmt: skip
    assert f"framing: actor lexicon: {actors} ({how})\n" in done.stderr
    assert f"framing: term lexicon: {terms} ({how})\n" in done.stderr
    assert (
        "framing: ignore list: " in done.stderr and "ignore.csv (bundled, CSV, UTF-8, comma-separated)" in done.stderr
    )


# -- article tables ----------------------------------------------------------------------


ARTICLE_FORMS = ("semicolon", "utf16_tab", "trailing_empty", "utf8_bom", "cp1256", "xlsx")


def _article_hits(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = read_corpus([path])
    return corpus.documents, FramingCounter().count(corpus.documents).hits


@pytest.mark.parametrize("form", ARTICLE_FORMS)
def test_article_tables_in_every_form_give_the_same_hits(form, tmp_path, seed_text):
    rows = [["id", "outlet", "date", "text"], ["seed", "ahram", "2019-05-06", seed_text]]
    _, plain = _article_hits(write_form(rows, tmp_path, "articles", "csv"))
    assert (plain["kind"] == "actor").sum() == 73
    if form == "utf16_tab":  # a "Unicode text" table is read by rows once renamed to .csv
        path = tmp_path / "articles_unicode.csv"
        path.write_bytes(_csv_bytes(rows, "\t", "utf-16"))
    else:
        path = write_form(rows, tmp_path, "articles", form)
    documents, hits = _article_hits(path)
    assert list(zip(documents.doc_id, documents.month)) == [("seed", "2019-05")]
    encoding = {"utf16_tab": "utf-16", "utf8_bom": "utf-8-sig", "xlsx": "xlsx", "cp1256": "cp1256"}.get(form, "utf-8")
    assert documents.loc[0, "encoding"] == encoding
    pd.testing.assert_frame_equal(hits, plain)


def test_unicode_text_table_named_txt_says_to_rename_it(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(_csv_bytes([["id", "text"], ["a", "قال حفتر"]], "\t", "utf-16"))
    with pytest.raises(FramingInputError, match=r"export\.txt: is a table saved as 'Unicode text'.*rename it to \.csv"):
        read_corpus([path])


def test_workbook_of_articles_with_several_sheets(tmp_path):
    book = Workbook()
    book.active.title = "notes"
    data = book.create_sheet("April")
    for row in (["id", "text", "date", None], ["a1", "قال حفتر", dt.datetime(2019, 4, 6), None], [None, None, None, None],
                ["a2", "مصر"]):  # fmt: skip
        data.append(row)
    (tmp_path / "news").mkdir()
    book.save(tmp_path / "news" / "news.xlsx")
    (tmp_path / "news" / "~$news.xlsx").write_bytes(b"\x06Excel lock file\x00")  # beside an open workbook
    with pytest.raises(FramingInputError, match=r"2 sheets \('notes', 'April'\).*name it with --sheet"):
        read_corpus([tmp_path / "news" / "news.xlsx"])
    done = framing(
        "count", tmp_path / "news" / "news.xlsx", "--sheet", "April", "--out", tmp_path / "out", "--no-progress"
    )
    assert done.returncode == 0, done.stderr
    assert "2 document(s), 3 words, 2 actor mention(s)" in done.stdout
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert list(zip(documents.doc_id, documents.row, documents.encoding)) == [("a1", "2", "xlsx"), ("a2", "4", "xlsx")]
    # A date typed into a cell is a date, not midnight of it.
    assert list(zip(documents.date, documents.month)) == [("2019-04-06", "2019-04"), ("", "")]
    # In a folder: the same two articles; Excel's lock file is not taken for a workbook.
    documents = list(CorpusReader(sheet="April").open([tmp_path / "news"]).documents)
    assert [d["doc_id"] for d in documents] == ["a1", "a2"]


def test_metadata_saved_by_excel_with_semicolons_in_utf16(tmp_path):
    (tmp_path / "one.txt").write_text("قال حفتر", encoding="utf-8")
    rows = [["doc_id", "outlet", "date", ""], ["one", "الأهرام", "2019-05-06", ""], ["", "", "", ""]]
    (tmp_path / "metadata.csv").write_bytes(_csv_bytes(rows, ";", "utf-16"))
    documents = read_corpus([tmp_path]).documents
    assert list(zip(documents.doc_id, documents.outlet, documents.month)) == [("one", "الأهرام", "2019-05")]


# -- misspelled and extra lexicon columns --------------------------------------------------


def _problems(path: Path, schema) -> list[str]:
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path, schema)
    return [str(p) for p in caught.value.problems]


def test_a_misspelled_rule_column_is_an_error_with_the_closest_name(write_csv):
    path = write_csv("terms.csv", "term,category,exlude\nمليشي*,label,مليشيات الأمن\n")
    (message,) = _problems(path, TERMS)
    assert message.endswith(
        "terms.csv, row 1: unknown column 'exlude': did you mean 'exclude'? Rename header cell C1 from 'exlude' to "
        "'exclude' (otherwise it would be ignored); a column of your own needs a name not close to term, category, gloss, note, clitics, suffixes, "
        "inner_article, context, context_scope, exclude."
    )


def test_kind_for_type_and_a_capitalised_name_are_errors(write_csv):
    path = write_csv("actors.csv", "actor,alias,kind,Camp\nHaftar,حفتر,person,east\n")
    found = _problems(path, ACTORS)
    assert len(found) == 2
    assert "unknown column 'kind': did you mean 'type'? Rename header cell C1 from 'kind' to 'type' " in found[0]
    assert "unknown column 'Camp': did you mean 'camp'? Rename header cell D1 from 'Camp' to 'camp' " in found[1]


def test_a_required_column_under_another_name_is_named_in_the_missing_message(write_csv):
    path = write_csv("terms.csv", "word,category\nمليشي*,label\n")
    (message,) = _problems(path, TERMS)
    assert "missing column(s) term;" in message and message.endswith(
        "Is 'word' meant as 'term'? Rename header cell A1 from 'word' to 'term'. Or keep the header and map it: "
        'terms_columns = { term = "word" } under [lexicons] of framing.toml, or --lexicon-column terms.term=word, '
        "or in Python load_terms(path, columns={'term': 'word'})."
    )


def test_the_mapping_advice_names_every_missing_column_ready_to_paste(tmp_path):
    """A researcher's own header (word, type, group) lacks two columns: the advice maps both.

    Before, it named the first only (``--lexicon-column terms.term=word``): pasted as given, the
    file was refused again for its category column. Each form given now loads the file.
    """
    import tomllib

    from analysis.cli import main

    book = Workbook()
    for row in (["word", "type", "group"], ["مليشي*", "stigma", "general"]):
        book.active.append(row)
    book.save(tmp_path / "my_terms.xlsx")
    (message,) = _problems(tmp_path / "my_terms.xlsx", TERMS)
    toml_line = 'terms_columns = { term = "word", category = "type" }'
    options = "--lexicon-column terms.term=word --lexicon-column terms.category=type"
    python = "{'term': 'word', 'category': 'type'}"
    assert (
        f"Or keep the header and map it: {toml_line} under [lexicons] of framing.toml, or {options}, "
        f"or in Python load_terms(path, columns={python})." in message
    )
    assert load_terms(tmp_path / "my_terms.xlsx", columns=ast.literal_eval(python)).entries[0].category == "stigma"
    mapping = tomllib.loads(toml_line)["terms_columns"]
    assert [(e.written, e.category) for e in load_terms(tmp_path / "my_terms.xlsx", columns=mapping).entries] == [
        ("مليشي*", "stigma")
    ]
    check = ["lexicon", "check", "--terms", str(tmp_path / "my_terms.xlsx"), "--ignore", "", *options.split()]
    assert main(check) == 0


def test_the_mapping_advice_quotes_header_cells_for_toml_and_the_shell(write_csv):
    path = write_csv("terms.csv", "te rm,category\nمليشي*,label\n")  # a space typed into the header cell
    (message,) = _problems(path, TERMS)
    assert 'terms_columns = { term = "te rm" }' in message
    assert "--lexicon-column 'terms.term=te rm', or in Python load_terms(path, columns={'term': 'te rm'})." in message


def test_synonyms_are_refused_with_the_header_cell_to_rename(tmp_path):
    """Synonyms (name, kind) are not accepted: one name per column in every file, table and message.

    The fix names the cell in the sheet, past an empty column that is dropped before the check.
    """
    book = Workbook()
    for row in (["alias", None, "name", "kind"], ["الصين", None, "China", "state"]):
        book.active.append(row)
    book.save(tmp_path / "actors.xlsx")
    kind, name = _problems(tmp_path / "actors.xlsx", ACTORS)
    assert "unknown column 'kind': did you mean 'type'? Rename header cell D1 from 'kind' to 'type' " in kind
    assert "Is 'name' meant as 'actor'? Rename header cell C1 from 'name' to 'actor'. Or keep" in name


def test_a_missing_column_without_a_look_alike_gets_its_english_name(write_csv):
    path = write_csv("actors.csv", "name,الاسم\nChina,الصين\n")
    (message,) = _problems(path, ACTORS)
    assert message.endswith(
        "Is 'name' meant as 'actor'? Rename header cell A1 from 'name' to 'actor'. Name the other column(s) in "
        "row 1 with the English name(s) alias. Or keep the header and map it: actors_columns = "
        '{ actor = "name", alias = "NAME" } under [lexicons] of framing.toml, or --lexicon-column actors.actor=name '
        "--lexicon-column actors.alias=NAME, or in Python load_actors(path, columns={'actor': 'name', 'alias': 'NAME'})."
    )


def test_column_names_in_arabic_are_refused_with_the_english_names(write_csv):
    path = write_csv("terms.csv", "الكلمة,الفئة\nوباء,تهويل\n")
    (message,) = _problems(path, TERMS)
    assert message == (
        f"{path}, row 1: missing column(s) term, category; the header row has الكلمة, الفئة but a term lexicon "
        "needs term, category. Name the column(s) in row 1 with the English name(s) term, category. Or keep the "
        'header and map it: terms_columns = { term = "NAME", category = "NAME" } under [lexicons] of framing.toml, '
        "or --lexicon-column terms.term=NAME --lexicon-column terms.category=NAME, or in Python "
        "load_terms(path, columns={'term': 'NAME', 'category': 'NAME'})."
    )


def test_other_columns_are_kept_and_noted(write_csv, tmp_path):
    path = write_csv("actors.csv", "actor,alias,type,coder_comment,kind\nHaftar,حفتر,person,checked,x\n")
    lexicon = load_actors(path)
    # 'kind' is not taken for 'type' when the file has a 'type' column: it is the researcher's own.
    assert lexicon.notes == [
        "actors.csv: column 'coder_comment' is not one the loader reads; kept as metadata",
        "actors.csv: column 'kind' is not one the loader reads; kept as metadata",
    ]
    assert lexicon.table.loc[0, "coder_comment"] == "checked"
    (tmp_path / "a.txt").write_text("قال حفتر", encoding="utf-8")
    done = framing("count", tmp_path / "a.txt", "--actors", path, "--out", tmp_path / "out", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert f"framing: actor lexicon: {path} (CSV, UTF-8, comma-separated)\n" in done.stderr
    assert (
        "framing: note: actors.csv: column 'coder_comment' is not one the loader reads; kept as metadata" in done.stderr
    )


def test_a_misspelled_column_stops_the_command(write_csv, tmp_path):
    path = write_csv("actors.csv", "actor,alias,clitic\nHaftar,حفتر,none\n")
    (tmp_path / "a.txt").write_text("قال حفتر", encoding="utf-8")
    done = framing("count", tmp_path / "a.txt", "--actors", path, "--out", tmp_path / "out", "--no-progress")
    assert done.returncode == 2
    assert "actors.csv, row 1: unknown column 'clitic': did you mean 'clitics'?" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_column_with_values_but_no_name(write_csv):
    path = write_csv("actors.csv", "actor,alias,,\nHaftar,حفتر,,\nEgypt,مصر,state,\n")
    (message,) = _problems(path, ACTORS)
    assert "row 1: column C has no name in the header row but has values (row(s) 3)" in message


def test_a_stray_far_cell_of_a_workbook_lexicon_is_named_by_its_own_column(tmp_path):
    """Empty columns D to Y are dropped before the check: the stray cell is still reported in Z, not D."""
    book = Workbook()
    for row in (["term", "category", "gloss"], ["وباء", "alarm", "epidemic"], ["تفشي", "alarm", "outbreak"]):
        book.active.append(row)
    book.active["Z3"] = "stray"
    book.save(tmp_path / "terms.xlsx")
    (message,) = _problems(tmp_path / "terms.xlsx", TERMS)
    assert "row 1: column Z has no name in the header row but has values (row(s) 3)" in message
    check = framing("lexicon", "check", "--terms", tmp_path / "terms.xlsx")
    assert check.returncode == 2
    assert "terms.xlsx, row 1: error: column Z has no name in the header row but has values (row(s) 3)" in check.stdout


@pytest.mark.parametrize("after", ["", ",,"])  # ",,": empty columns Excel adds, dropped before the check
def test_a_short_row_of_a_lexicon_csv_is_an_error_naming_it(write_csv, after):
    """Row 3 lost its gloss separator: it was read with an empty gloss, silently."""
    path = write_csv("terms.csv", f"term,category,gloss{after}\nوباء,alarm,epidemic{after}\nتفشي,alarm\n")
    (message,) = _problems(path, TERMS)
    assert message == (
        f"{path}, row 3: has 2 cell(s) but the header has 3 (term, category, gloss): give the row a cell for every "
        "column, empty ones included (a separator lost, or the row cut?)."
    )
    assert load_terms(write_csv("full.csv", "term,category,gloss\nتفشي,alarm,\n")).entries[0].written == "تفشي"


# -- what is still refused, and why ------------------------------------------------------------


def test_workbook_lexicon_sheets(tmp_path):
    book = Workbook()
    book.active.title = "readme"
    book["readme"].append(["my lexicons"])
    for title, rows in (("actors", [["actor", "alias"], ["Haftar", "حفتر"]]), ("loaded_terms", [["term", "category"], ["مليشي*", "label"]])):  # fmt: skip
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "lexicons.xlsx")
    # One workbook, a sheet per lexicon: each loader finds its own sheet by name.
    assert [e.label for e in load_actors(tmp_path / "lexicons.xlsx").entries] == ["Haftar"]
    assert [e.category for e in load_terms(tmp_path / "lexicons.xlsx").entries] == ["label"]
    assert (
        load_actors(tmp_path / "lexicons.xlsx").origin
        == f"{tmp_path / 'lexicons.xlsx'} (Excel workbook, sheet 'actors')"
    )
    with pytest.raises(
        FramingInputError, match=r"has no sheet 'Actors'; its sheets are 'readme', 'actors', 'loaded_terms'"
    ):
        load_actors(tmp_path / "lexicons.xlsx", sheet="Actors")
    del book["actors"]
    book.save(tmp_path / "two.xlsx")
    with pytest.raises(FramingInputError) as caught:
        load_actors(tmp_path / "two.xlsx")
    assert str(caught.value) == (
        f"{tmp_path / 'two.xlsx'}: is an Excel workbook with 2 sheets ('readme', 'loaded_terms') and it is not clear "
        "which one to read: call the sheet to read 'actors', keep only that sheet, or name it with sheet=... (Python)."
    )


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path):
    rows = [["actor", "alias"], ["Haftar", "حفتر"]]
    path = write_form(rows, tmp_path, "actors", "xlsx").rename(tmp_path / "actors.csv")
    assert [e.written for e in load_actors(path).entries] == ["حفتر"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actor\talias\nHaftar\tحفتر\n".encode("utf-16-le"), "byte 1: has a NUL byte: this is UTF-16 text without a byte-order mark"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "byte 8: has a NUL byte: this is an old Office file (Excel .xls or Word .doc)"),
        (b"PK\x03\x04\x14\x00\x00\x00", "byte 5: has a NUL byte: this is a zip archive (an Excel .xlsx, Word .docx"),
    ],
)  # fmt: skip
def test_refused_files_name_their_cause_and_fix(tmp_path, content, message):
    (tmp_path / "actors.csv").write_bytes(content)
    with pytest.raises(FramingInputError) as caught:
        load_actors(tmp_path / "actors.csv")
    assert f"actors.csv, {message}" in str(caught.value)


def test_a_pdf_article_is_named_as_a_pdf(tmp_path):
    (tmp_path / "article.txt").write_bytes(b"%PDF-1.7\n\x00\x01")
    with pytest.raises(FramingInputError, match=r"article\.txt, byte 9: has a NUL byte: this is a PDF, not text"):
        read_corpus([tmp_path / "article.txt"])


def test_a_word_file_named_xlsx(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "actors.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(FramingInputError, match=r"cannot be read as an Excel workbook .*a Word \.docx\?"):
        load_actors(tmp_path / "actors.xlsx")


# -- the reading layer ------------------------------------------------------------------------


def test_sniff_delimiter_by_hand():
    assert sniff_delimiter("id;text;outlet") == ";"
    assert sniff_delimiter("id\ttext") == "\t"
    assert sniff_delimiter('"a;b;c",d') == ","  # separators inside quotes do not count
    assert sniff_delimiter("text") == ","
    # The separator that makes an expected column wins over a count.
    assert sniff_delimiter("hit_id;note, with comma, and more", ("hit_id",)) == ";"


def test_trim_table_keeps_inner_blank_rows_and_named_empty_columns():
    rows = [["actor", "alias", "note", "", ""], ["", "", "", "", ""], ["Haftar", "حفتر", "", "", ""], ["", "", "", ""]]
    assert trim_table(rows) == (["actor", "alias", "note"], [(2, ["", "", ""]), (3, ["Haftar", "حفتر", ""])])


def test_utf16_big_endian_and_cp1256_tables(tmp_path):
    rows = [["actor", "alias"], ["Egypt", "مصر"]]
    (tmp_path / "be.csv").write_bytes(b"\xfe\xff" + _csv_bytes(rows, "\t", "utf-16-be"))
    (tmp_path / "win.csv").write_bytes(_csv_bytes(rows, ";", "cp1256"))
    big, win = read_table_file(tmp_path / "be.csv"), read_table_file(tmp_path / "win.csv")
    assert (big.rows, big.describe()) == (rows, "CSV, UTF-16, tab-separated")
    assert (win.rows, win.describe()) == (rows, "CSV, Windows-1256, semicolon-separated")


def test_coding_sheet_saved_as_unicode_text(tmp_path):
    from analysis import coding
    from analysis.ingest import documents_from_texts

    documents = documents_from_texts(["قالت مليشيات حفتر إن الانقلاب فشل."], ["d1"])
    sheet = coding.coding_sheet(
        coding.sample_hits(FramingCounter().count(documents).hits, per_stratum=3, seed=1), documents
    )
    filled = sheet.assign(coder_1="correct", coder_2="incorrect")
    rows = [list(filled.columns)] + [[str(v) for v in row] for row in filled.itertuples(index=False)]
    (tmp_path / "coded.txt").write_bytes(_csv_bytes(rows, "\t", "utf-16"))  # Excel names it .txt
    coded = coding.read_coding_sheet(tmp_path / "coded.txt", expected=sheet)
    assert len(coded) == len(sheet) > 0
    assert set(coded["coder_1"]) == {"correct"} and set(coded["coder_2"]) == {"incorrect"}


def test_office_lock_files_in_a_folder_are_skipped_and_named_as_lock_files(tmp_path):
    (tmp_path / "okaz").mkdir()
    (tmp_path / "okaz" / "a1.txt").write_text("قال حفتر", encoding="utf-8")
    (tmp_path / "okaz" / "~$a1.txt").write_bytes(b"\x06user  " + b"\x00" * 40)  # Word has a1.txt open
    (tmp_path / "okaz" / ".~lock.a1.txt#").write_text(",user,host,01.12.2026 09:00,", encoding="utf-8")  # LibreOffice
    corpus = read_corpus([tmp_path])
    assert list(corpus.documents.doc_id) == ["a1"]
    lock = "not read: an office lock file (kept beside a file open in Excel, Word or LibreOffice), not an article"
    assert [(Path(r.source).name, r.level, r.problem, r.action) for r in corpus.report.itertuples()] == [
        (".~lock.a1.txt#", "note", lock, "skipped"),
        ("~$a1.txt", "note", lock, "skipped"),
    ]
    with pytest.raises(FramingInputError, match=r"~\$a1\.txt: is an office lock file .*name the file itself"):
        read_corpus([tmp_path / "okaz" / "~$a1.txt"])


def test_an_xlsx_number_where_text_or_an_id_belongs_is_named_with_its_cell(tmp_path):
    book = Workbook()
    for row in (["id", "text"], [7, "قال حفتر"], [8.0, "مصر"], [1.5, "ليبيا"], [2.0**60, "تونس"], ["a5", 12345]):
        book.active.append(row)
    book.save(tmp_path / "news.xlsx")
    corpus = read_corpus([tmp_path / "news.xlsx"])
    assert list(corpus.documents.doc_id) == ["7", "8"]  # whole numbers are ids, as in JSON Lines
    assert [(r.row, r.level, r.problem) for r in corpus.report.itertuples()] == [
        (4, "error", "cell A4 (column 'id') holds the number 1.5, not an id: format the id column as Text in the "
                     "spreadsheet and type the ids again"),
        (5, "error", "cell A5 (column 'id') holds the number 1152921504606846976, too long for a number cell to "
                     "keep its last digits: format the id column as Text in the spreadsheet and paste the ids again "
                     "from their source"),
        (6, "error", "cell B6 (column 'text') holds the number 12345, not the text of an article: put the "
                     "article's text in the cell (format the column as Text) or delete the row; if 'text' is not "
                     "the text column, name it with --text-column (text = \"...\" under [columns] of framing.toml)"),
    ]  # fmt: skip


def test_skipped_workbook_rows_name_the_id_they_would_have_had(tmp_path):
    # A researcher finds a refused row by its id: the id cell, or <file>-<row> in a sheet without ids (as a
    # kept row's doc_id would be); a refused id cell gives none (the row column finds it).
    with_ids, without_ids = Workbook(), Workbook()
    for row in (["id", "text"], ["x1", "قال حفتر"], ["x2", 12345], [7, dt.datetime(2020, 3, 5)], [1.5, "ليبيا"]):
        with_ids.active.append(row)
    for row in (["text", "outlet"], ["قال حفتر", "okaz"], [12345, "okaz"], ["مصر", "sabq", "stray"]):
        without_ids.active.append(row)
    with_ids.save(tmp_path / "arts.xlsx")
    without_ids.save(tmp_path / "noid.xlsx")
    (tmp_path / "lines.jsonl").write_text('{"text": 5}\n{"id": "j2", "text": null}\n', encoding="utf-8")
    out = tmp_path / "out"
    done = framing(
        "count", tmp_path / "arts.xlsx", tmp_path / "noid.xlsx", tmp_path / "lines.jsonl", "--skip-bad", "--out", out,
        "--workers", "1", "--no-progress",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False)
    errors = skipped[skipped.level == "error"]
    assert [(Path(r.source).name, r.row, r.doc_id, r.problem[:25]) for r in errors.itertuples()] == [
        ("arts.xlsx", "3", "x2", "cell B3 (column 'text') h"),
        ("arts.xlsx", "4", "7", "cell B4 (column 'text') h"),
        ("arts.xlsx", "5", "", "cell A5 (column 'id') hol"),
        ("noid.xlsx", "3", "noid-3", "cell A3 (column 'text') h"),
        ("noid.xlsx", "4", "noid-4", "a value in a column witho"),
        ("lines.jsonl", "1", "lines-1", "the field 'text' is int, "),
        ("lines.jsonl", "2", "j2", "the field 'text' is null,"),
    ]


def test_skipped_csv_rows_name_the_id_they_would_have_had(tmp_path):
    # As a workbook row: the id cell, else <file>-<row>. A CSV row refused for its number of cells is read
    # by position, so only a first-column id is certain; a short row after a short row may be the rest of it
    # (a line break outside quotation marks); a row that is not valid CSV has no cells, but without an id
    # column its id is <file>-<row> whatever they hold.
    (tmp_path / "ids.csv").write_text(
        "id,text,date\nc1,قال حفتر,2020-01-01\nc2,نص, فيه فاصلة,2020-01-02\nc3,نص\nتكملة السطر,2020-01-03\n"
        ',نص,1,2\nc6,"نص غير مغلق,2020\n',
        encoding="utf-8",
    )
    (tmp_path / "late.csv").write_text("text,id\nنص, فيه فاصلة,l1\n", encoding="utf-8")
    (tmp_path / "noid.csv").write_text('text,outlet\nقال,okaz\nنص,okaz,x\n"مصر,sabq\n', encoding="utf-8")
    out = tmp_path / "out"
    done = framing(
        "count", *(tmp_path / name for name in ("ids.csv", "late.csv", "noid.csv")), "--skip-bad", "--out", out,
        "--workers", "1", "--no-progress",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False)
    errors = skipped[skipped.level == "error"]
    assert [(Path(r.source).name, r.row, r.doc_id, r.problem[:20]) for r in errors.itertuples()] == [
        ("ids.csv", "3", "c2", "more cells than the "),
        ("ids.csv", "4", "c3", "fewer cells than the"),
        ("ids.csv", "5", "", "fewer cells than the"),
        ("ids.csv", "6", "ids-6", "more cells than the "),
        ("ids.csv", "7", "", "not valid CSV (unexp"),
        ("late.csv", "2", "", "more cells than the "),
        ("noid.csv", "3", "noid-3", "more cells than the "),
        ("noid.csv", "4", "noid-4", "not valid CSV (unexp"),
    ]


def test_a_short_row_after_a_row_that_is_not_valid_csv_names_no_id(tmp_path):
    # A stray quotation mark breaks a record; the reader resumes on its next line, which is the rest of that
    # record's text: its first cell is text, not an id (it was the doc_id of skipped.csv, a sentence of the body).
    (tmp_path / "q.csv").write_text(
        'id,text,date\nc1,نص,2020-01-01\nc2,"بداية "النص" المقتبس\nتكملة الخبر بلا معرف\nc4,نص آخر,2020-01-03\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = framing("count", tmp_path / "q.csv", "--skip-bad", "--out", out, "--workers", "1", "--no-progress")
    assert done.returncode == 0, done.stderr
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False)
    errors = skipped[skipped.level == "error"]
    assert [(r.row, r.doc_id, r.problem[:20]) for r in errors.itertuples()] == [
        ("3", "", "not valid CSV (',' e"),
        ("4", "", "fewer cells than the"),
    ]


def test_an_xlsx_number_or_date_as_a_lexicon_entry_is_an_error_naming_the_row(tmp_path):
    book = Workbook()
    for row in (["term", "category"], ["وباء", "alarm"], [2020, "alarm"], [dt.datetime(2026, 3, 4), "alarm"]):
        book.active.append(row)
    book.save(tmp_path / "terms.xlsx")
    assert _problems(tmp_path / "terms.xlsx", TERMS) == [
        f"{tmp_path / 'terms.xlsx'}, row 3: the term cell holds the number 2020, not text: if you mean it, format "
        "the cell as Text in the spreadsheet (or type it with a leading apostrophe: '2020).",
        f"{tmp_path / 'terms.xlsx'}, row 4: the term cell holds the date 2026-03-04, not text: if you mean it, "
        "format the cell as Text in the spreadsheet (or type it with a leading apostrophe: '2026-03-04).",
    ]


def test_an_empty_row_between_articles_is_noted_and_trailing_ones_are_not(tmp_path):
    # The same sheet as a workbook and as Excel's CSV (UTF-8 with BOM, CRLF, a row of separators):
    # row 3 is empty between two articles, rows 5 and 6 are empty after the last one.
    rows = [["id", "text"], ["a1", "نص أول"], [None, None], ["a2", "نص ثان"], [None, None], [None, None]]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "articles.xlsx")
    lines = ["" if a is None else f"{a},{b}" for a, b in rows]
    lines = [line or "," for line in lines]
    (tmp_path / "articles.csv").write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    for name in ("articles.xlsx", "articles.csv"):
        corpus = read_corpus([tmp_path / name])
        assert corpus.documents["doc_id"].tolist() == ["a1", "a2"]
        report = corpus.report
        assert list(zip(report.row, report.level, report.problem, report.action)) == [
            (3, "note", "empty row (no cell filled)", "passed over")
        ], name


def _merged_workbook(path: Path, merge: str) -> Path:
    book = Workbook()
    sheet = book.active
    for row in (["term", "category"], ["انقلاب", "delegitimizing_label"], ["عدوان", None], ["مذبحة", None]):
        sheet.append(row)
    sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_category_merged_over_rows_is_named_as_merged_cells_not_only_empty(tmp_path):
    from analysis.workbench import check_lexicon

    path = _merged_workbook(tmp_path / "terms.xlsx", "B2:B4")
    with pytest.raises(LexiconError) as caught:
        load_terms(path)
    said = [str(problem) for problem in caught.value.problems]
    hint = "The row lies in the merged cells B2:B4, whose value is in their first row only"
    assert [s.split(": ", 1)[0] for s in said] == [f"{path}, row 3", f"{path}, row 4"]
    assert all("empty category." in s and hint in s for s in said)
    findings = check_lexicon(default_actors_path(), path, "")
    errors = findings[findings["level"] == "error"]
    assert errors["lexicon_row"].tolist() == [3, 4] and errors["problem"].str.contains(hint, regex=False).all()


def test_an_empty_cell_outside_merged_cells_gets_no_merged_hint(tmp_path):
    # Merging A3:A4 empties row 4 (a blank row, a note); row 3 is the merge's first row: its empty category
    # is not the merge's doing.
    path = _merged_workbook(tmp_path / "terms.xlsx", "A3:A4")
    with pytest.raises(LexiconError) as caught:
        load_terms(path)
    (problem,) = caught.value.problems
    assert problem.row == 3 and "merged" not in str(problem)


def test_an_xlsx_number_or_date_as_a_cue_or_exclusion_is_an_error_naming_the_row(tmp_path):
    # sweep6: a date cell in `context` became the cue '2026-02-01', which no text holds: the row silently never counted.
    from analysis.workbench import check_lexicon

    book = Workbook()
    for row in (
        ["term", "category", "context", "exclude"],
        ["وباء", "alarm", "مرض", None],
        ["عصابة", "alarm", dt.datetime(2026, 2, 1), None],
        ["قتلة", "alarm", None, 12],
        ["سفاح", "alarm", "2011", None],  # typed as text: a cue like any other
    ):
        book.active.append(row)
    book.save(tmp_path / "terms.xlsx")
    expected = [
        (3, "the context cell holds the date 2026-02-01, not text: cues and phrases are words; if you mean it, "
            "format the cell as Text in the spreadsheet (or type it with a leading apostrophe: '2026-02-01)."),
        (4, "the exclude cell holds the number 12, not text: cues and phrases are words; if you mean it, "
            "format the cell as Text in the spreadsheet (or type it with a leading apostrophe: '12)."),
    ]  # fmt: skip
    assert _problems(tmp_path / "terms.xlsx", TERMS) == [
        f"{tmp_path / 'terms.xlsx'}, row {r}: {p}" for r, p in expected
    ]
    findings = check_lexicon(terms=tmp_path / "terms.xlsx", ignore="", categories="")
    assert findings.query("level == 'error'")[["lexicon_row", "problem"]].values.tolist() == [
        [r, p] for r, p in expected
    ]


@pytest.mark.parametrize(
    ("given", "schema", "expected"),
    [
        ("terms", ACTORS, "is a term lexicon (its header has term, category), not an actor lexicon (actor, alias): "
                          "give the actor lexicon here (ACTORS_CSV in a notebook's parameters cell, actors under "
                          "[lexicons] of framing.toml, --actors of framing)"),
        ("actors", TERMS, "is an actor lexicon (its header has actor, alias), not a term lexicon (term, category): "
                          "give the term lexicon here (TERMS_CSV in a notebook's parameters cell, terms under "
                          "[lexicons] of framing.toml, --terms of framing)"),
    ],
)  # fmt: skip
def test_a_lexicon_of_the_other_kind_is_named_as_such_not_as_columns_to_rename(given, schema, expected):
    # sweep6: the term lexicon given as ACTORS_CSV was told to rename 'category' to 'type' and add actor, alias.
    path = default_terms_path() if given == "terms" else default_actors_path()
    assert _problems(path, schema) == [f"{path}, row 1: {expected}"]

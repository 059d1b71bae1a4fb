import pytest

from analysis.errors import FramingInputError, LexiconError
from analysis.lexicon import ACTORS, TERMS, load_lexicon

ACTORS_HEADER = "actor,alias,type,camp,note\n"
TERMS_HEADER = "term,category,gloss,note\n"


def problems(path, schema):
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path, schema)
    return [str(p) for p in caught.value.problems]


def test_valid_lexicon_keeps_rows_and_metadata(write_csv):
    path = write_csv(
        "a.csv",
        ACTORS_HEADER + "Khalifa Haftar,حفتر,person,pro_haftar,\n"
        "Government of National Accord,حكومة الوفاق,government,pro_gna,\n",
    )
    lexicon = load_lexicon(path, ACTORS)
    assert [(e.label, e.words, e.row) for e in lexicon.entries] == [
        ("Khalifa Haftar", ("حفتر",), 2),
        ("Government of National Accord", ("حكومه", "الوفاق"), 3),
    ]
    assert list(lexicon.table["camp"]) == ["pro_haftar", "pro_gna"]


def test_missing_column_names_the_header(write_csv):
    path = write_csv("a.csv", "name,alias\nHaftar,حفتر\n")
    (message,) = problems(path, ACTORS)
    assert "a.csv, row 1: missing column(s) actor" in message


def test_every_problem_is_listed_with_its_row(write_csv):
    path = write_csv(
        "t.csv",
        TERMS_HEADER
        + "مليشي*,delegitimizing,militia,\n"  # row 2, fine
        + ",delegitimizing,,\n"  # row 3, empty term
        + "ميليشيا,,,\n"  # row 4, empty category
        + "مليشي*,delegitimizing,dup,\n"  # row 5, duplicate of row 2
        + "مِليشي*,violence,,\n"  # row 6, same normalized form, other category
        + "م*,violence,,\n"  # row 7, wildcard stem too short
        + "مل*يشيا,violence,,\n"  # row 8, star inside a word
        + "ًّ,violence,,\n"  # row 9, only diacritics
        + "a,b,c,d,e\n",  # row 10, extra cell
    )
    found = problems(path, TERMS)
    assert [m.split(":")[0].rsplit(", ", 1)[1] for m in found] == [
        "row 3",
        "row 4",
        "row 5",
        "row 6",
        "row 7",
        "row 8",
        "row 9",
        "row 10",
    ]
    assert "empty term" in found[0]
    assert "empty category" in found[1]
    assert "duplicates row 2" in found[2]
    assert "same form as row 2" in found[3] and "only one label" in found[3]
    assert "shorter than 2 letters" in found[4]
    assert "'*' may only end a word" in found[5]
    assert "normalizes to nothing" in found[6] or "no letters" in found[6]
    assert "has 5 cells but the header has 4" in found[7]


@pytest.mark.parametrize("entry", ["*", "حفتر *"])
def test_a_wildcard_alone_is_named_as_matching_every_word(write_csv, entry):
    path = write_csv("a.csv", ACTORS_HEADER + f"Haftar,{entry},person,,\n")
    (message,) = problems(path, ACTORS)
    assert "row 2" in message and "a '*' alone would match every word; write the start of a word before it" in message


def test_an_unterminated_quotation_mark_is_named_by_its_row_and_the_lines_it_spans(write_csv):
    # Row 2's context opens a quotation mark; it runs over row 3 and is closed in row 4, then 'x' follows.
    path = write_csv(
        "t.csv", 'term,category,context,exclude\nانقلاب,label,"حرب|قتال,\nعدوان,label,,\nمذبحة,label,,"x\n'
    )
    with pytest.raises(FramingInputError) as caught:
        load_lexicon(path, TERMS)
    assert str(caught.value).startswith(f"{path}, row 2: is not valid CSV at lines 2 to 4 (look in 2) (',' expected")


def test_clitic_glued_entry_is_refused(write_csv):
    path = write_csv("a.csv", ACTORS_HEADER + "CIA,والـCIA,agency,,\n")
    (message,) = problems(path, ACTORS)
    assert "row 2" in message and "write the word alone" in message


def test_blank_rows_are_reported_not_errors(write_csv):
    path = write_csv("a.csv", ACTORS_HEADER + ",,,,\nHaftar,حفتر,person,,\n")
    lexicon = load_lexicon(path, ACTORS)
    assert lexicon.notes == ["a.csv, row 2: blank row, ignored"]


def test_excel_bom_and_cp1256_lexicons(write_csv):
    content = ACTORS_HEADER + "Egypt,مصر,state,,\n"
    assert load_lexicon(write_csv("bom.csv", content, "utf-8-sig"), ACTORS).entries[0].words == ("مصر",)
    assert load_lexicon(write_csv("win.csv", content, "cp1256"), ACTORS).entries[0].words == ("مصر",)


def test_empty_lexicon_file(write_csv):
    with pytest.raises(Exception, match="is empty"):
        load_lexicon(write_csv("e.csv", ""), ACTORS)
    (message,) = problems(write_csv("h.csv", ACTORS_HEADER), ACTORS)
    assert "no entries" in message


def test_the_opt_in_nisba_lexicon_joins_the_actors(tmp_path):
    # data/lexicons/nisba.csv: adjectives and demonyms, counted apart (type nisba) when added.
    import pandas as pd

    from analysis.ingest import documents_from_texts
    from analysis.paths import data_path
    from analysis.pipeline import FramingCounter

    frames = [
        pd.read_csv(data_path("lexicons", f), dtype=str, keep_default_na=False) for f in ("actors.csv", "nisba.csv")
    ]
    both = tmp_path / "actors_and_nisba.csv"
    pd.concat(frames).to_csv(both, index=False)
    counter = FramingCounter(load_lexicon(both, ACTORS), None, ignore=None)
    text = "قال المسؤولون الليبيون إن ليبيا والحكومة المصرية والشركات المصرية وللمصريين"
    hits = counter.count(documents_from_texts([text])).hits
    assert list(zip(hits.surface, hits.category)) == [
        ("الليبيون", "nisba"),
        ("ليبيا", "state"),
        ("والحكومة المصرية", "state"),
        ("المصرية", "nisba"),
        ("وللمصريين", "nisba"),
    ]
    assert set(hits.label) == {"Libya (adjective)", "Libya", "Egypt", "Egypt (adjective)"}


@pytest.mark.parametrize("separator", ["،", ",", "|", ";", "؛", "/"])
def test_several_aliases_in_one_cell_are_refused_naming_the_row_and_each_alias(write_csv, separator):
    # A spreadsheet user lists a name's spellings in one cell; as one phrase, mark included, it never counts.
    path = write_csv(
        "a.csv",
        ACTORS_HEADER + f'Ansar Allah,أنصار الله,armed_group,,\nHouthis,"الحوثيين{separator} الحوثي",armed_group,,\n',
    )
    (message,) = problems(path, ACTORS)
    assert "a.csv, row 3: the alias cell" in message
    assert f"the alias cell lists 2 entries separated by {separator!r} ('الحوثيين', 'الحوثي')" in message
    assert "Write one alias per row: 2 rows" in message


def test_several_terms_in_one_cell_are_refused_and_check_lists_every_such_row(write_csv):
    from analysis.workbench import check_lexicon

    path = write_csv(
        "t.csv",
        TERMS_HEADER + "الانقلابيين|المتمردين|الميليشيات,delegitimizing_label,,\n"
        "المرتزقة,delegitimizing_label,,\n"
        '"الحكومة الشرعية، الرئيس الشرعي",legitimizing_label,,\n',
    )
    found = problems(path, TERMS)
    assert [m.split(":")[0].rsplit("/", 1)[-1] for m in found] == ["t.csv, row 2", "t.csv, row 4"]
    assert "the term cell lists 3 entries separated by '|'" in found[0]
    findings = check_lexicon(terms=path, ignore="", categories="")
    errors = findings[(findings["file"] == "t.csv") & (findings["level"] == "error")]
    assert errors["lexicon_row"].tolist() == [2, 4]
    assert errors["entry"].tolist() == ["الانقلابيين|المتمردين|الميليشيات", "الحكومة الشرعية، الرئيس الشرعي"]


@pytest.mark.parametrize("entry", ["حفتر،", "الرئيس - الشرعي", "أنصار الله"])
def test_a_mark_without_a_second_entry_is_not_taken_for_a_list(write_csv, entry):
    path = write_csv("a.csv", ACTORS_HEADER + f"Someone,{entry},person,,\n")
    (only,) = load_lexicon(path, ACTORS).entries
    assert only.written == entry

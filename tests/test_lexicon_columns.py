"""A lexicon with its own header names, read through a mapping (``columns``, ``terms_columns``, ``--lexicon-column``).

The same terms and actors are written three ways: with the known English
headers, as a semicolon-separated UTF-8-with-BOM CSV with Arabic headers, and
as an ``.xlsx`` workbook with other English headers.  Mapped, the last two
must give the same entries, rows and hits on a hand-made text as the first.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from analysis.cli import main
from analysis.config import CONFIG_ENV_VAR, load_config, make_counter
from analysis.errors import FramingInputError, LexiconError
from analysis.lexicon import TERMS, Lexicon, load_actors, load_lexicon, load_lexicons, load_terms
from analysis.pipeline import FramingCounter
from analysis.provenance import lexicon_record
from analysis.workbench import check_lexicon

TERM_ROWS = [("مليشي*", "label", "militia"), ("وباء", "alarm", ""), ("حظر التجول", "containment", "curfew")]
ACTOR_ROWS = [("Khalifa Haftar", "حفتر", "person"), ("Health Ministry", "وزارة الصحة", "government")]
ARABIC_TERMS = {"term": "الكلمة", "category": "الفئة", "note": "ملاحظات"}
OTHER_TERMS = {"term": "word", "category": "frame", "note": "notes"}
ARABIC_ACTORS = {"actor": "الفاعل", "alias": "الاسم", "type": "النوع"}
TEXT = "قال حفتر إن المليشيات نشرت الوباء. وأعلنت وزارة الصحة حظر التجول، ومليشيا أخرى رفضت."


@pytest.fixture(autouse=True)
def no_config_variable(monkeypatch):
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)


def write_delimited(path: Path, header: list[str], rows: list[tuple[str, ...]], delimiter: str = ",") -> Path:
    """A CSV; with ``;`` also a UTF-8 byte-order mark, as Excel saves "CSV UTF-8" in Arabic locales."""
    encoding = "utf-8-sig" if delimiter == ";" else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_workbook(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> Path:
    book = Workbook()
    for row in (header, *rows):
        book.active.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def term_files(tmp_path: Path) -> dict[str, Path]:
    """The same three terms with known headers, Arabic headers (;, BOM) and other English headers (.xlsx)."""
    return {
        "known": write_delimited(tmp_path / "known.csv", ["term", "category", "note"], TERM_ROWS),
        "arabic": write_delimited(tmp_path / "arabic.csv", list(ARABIC_TERMS.values()), TERM_ROWS, ";"),
        "other": write_workbook(tmp_path / "other.xlsx", list(OTHER_TERMS.values()), TERM_ROWS),
    }


def hits_of(actors: Lexicon, terms: Lexicon, text: str = TEXT) -> list[tuple]:
    counter = FramingCounter(actors, terms, ignore=None)
    hits = counter.count(pd.DataFrame({"doc_id": ["d1"], "text": [text]})).hits
    return sorted(zip(hits["kind"], hits["start"], hits["end"], hits["label"], hits["category"]))


def entries_of(lexicon: Lexicon) -> list[tuple]:
    return [(e.label, e.category, e.written, e.words, e.wildcard, e.row) for e in lexicon.entries]


# -- the same answer as the renamed file ---------------------------------------------------


@pytest.mark.parametrize(("form", "columns"), [("arabic", ARABIC_TERMS), ("other", OTHER_TERMS)])
def test_a_mapped_header_gives_the_entries_rows_and_hits_of_the_renamed_file(term_files, form, columns):
    known = load_terms(term_files["known"])
    mapped = load_terms(term_files[form], columns=columns)
    assert entries_of(mapped) == entries_of(known)
    assert len(mapped.entries) == 3
    # The rows table keeps the known names (note, not ملاحظات or notes).
    pd.testing.assert_frame_equal(mapped.table, known.table)
    actors = load_actors(
        write_delimited(term_files["known"].parent / "actors.csv", ["actor", "alias", "type"], ACTOR_ROWS)
    )
    found = hits_of(actors, mapped)
    assert found == hits_of(actors, known)
    # Read by hand: المليشيات (0-based 12-21), الوباء, حظر التجول, مليشيا; حفتر and وزارة الصحة.
    assert [(kind, TEXT[start:end], label) for kind, start, end, label, _ in found] == [
        ("actor", "حفتر", "Khalifa Haftar"),
        ("actor", "وزارة الصحة", "Health Ministry"),
        ("term", "المليشيات", "مليشي*"),
        ("term", "الوباء", "وباء"),
        ("term", "حظر التجول", "حظر التجول"),
        ("term", "ومليشيا", "مليشي*"),
    ]


# Texts built of the entries' words, their clitic forms and filler, in any order and spacing.
WORDS = [
    "مليشيات",
    "والمليشيا",
    "الوباء",
    "وباء،",
    "حظر",
    "التجول",
    "حفتر",
    "لحفتر",
    "وزارة",
    "الصحة",
    "قال",
    "في",
    ".",
    "\n",
]
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_mapped_and_renamed_files_give_the_same_hit_offsets_on_any_text(term_files, text):
    actors = load_actors(write_delimited(term_files["known"].parent / "a.csv", ["actor", "alias", "type"], ACTOR_ROWS))
    known = hits_of(actors, load_terms(term_files["known"]), text)
    assert hits_of(actors, load_terms(term_files["arabic"], columns=ARABIC_TERMS), text) == known
    assert hits_of(actors, load_terms(term_files["other"], columns=OTHER_TERMS), text) == known


def test_an_actor_lexicon_with_arabic_headers_counts_like_the_renamed_one(tmp_path):
    known = load_actors(write_delimited(tmp_path / "a.csv", ["actor", "alias", "type"], ACTOR_ROWS))
    mapped = load_actors(
        write_delimited(tmp_path / "b.csv", list(ARABIC_ACTORS.values()), ACTOR_ROWS, ";"), columns=ARABIC_ACTORS
    )
    assert entries_of(mapped) == entries_of(known)
    assert [e.category for e in mapped.entries] == ["person", "government"]  # type read through النوع
    terms = load_terms(write_delimited(tmp_path / "t.csv", ["term", "category"], [("وباء", "alarm")]))
    assert hits_of(mapped, terms) == hits_of(known, terms)


def test_the_mapping_is_in_the_origin_notes_and_manifest_record(term_files):
    lexicon = load_terms(term_files["arabic"], columns=ARABIC_TERMS)
    mapping = "term = 'الكلمة', category = 'الفئة', note = 'ملاحظات'"
    assert lexicon.origin == f"{term_files['arabic']} (CSV, UTF-8 with BOM, semicolon-separated, columns {mapping})"
    assert lexicon.notes == [f"arabic.csv: header read with terms_columns: {mapping}"]
    assert lexicon.columns == ARABIC_TERMS
    assert lexicon_record(lexicon)["columns"] == ARABIC_TERMS
    # Without a mapping nothing of the kind is said or recorded.
    known = load_terms(term_files["known"])
    assert known.columns == {} and "columns" not in lexicon_record(known) and "columns" not in known.origin


def test_without_the_mapping_the_arabic_header_is_refused_naming_both_ways(term_files):
    with pytest.raises(LexiconError) as caught:
        load_terms(term_files["arabic"])
    (problem,) = caught.value.problems
    assert problem.row == 1
    assert problem.problem.endswith(
        "Name the column(s) in row 1 with the English name(s) term, category. Or keep the header and map it: "
        'terms_columns = { term = "NAME", category = "NAME" } under [lexicons] of framing.toml, or '
        "--lexicon-column terms.term=NAME --lexicon-column terms.category=NAME, or in Python "
        "load_terms(path, columns={'term': 'NAME', 'category': 'NAME'})."
    )


# -- errors ----------------------------------------------------------------------------------


def problems_of(path: Path, columns: dict[str, str]) -> list[str]:
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path, TERMS, columns=columns)
    return [str(problem) for problem in caught.value.problems]


def test_a_mapped_name_missing_from_the_header_lists_the_header(term_files):
    path = term_files["arabic"]
    assert problems_of(path, {"term": "الكلمه", "category": "الفئة"}) == [
        f"{path}, row 1: terms_columns maps 'term' to 'الكلمه', but the header row has no such column; it has "
        "'الكلمة', 'الفئة', 'ملاحظات' (write the name exactly as in the header cell)."
    ]


TITLE_HINT = "Row 2 holds the column names {}: delete the row(s) above it (a title a spreadsheet put above the header)"


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_header_under_a_title_row_is_named_with_its_row(tmp_path, form):
    header = ["term", "category"]
    rows = [("Loaded terms, 2026", ""), tuple(header), *[row[:2] for row in TERM_ROWS]]
    writer = write_delimited if form == "csv" else write_workbook
    path = writer(tmp_path / f"titled.{form}", ["Loaded terms, 2026", ""], rows[1:])
    (message,) = problems_of(path, {})  # the title's empty cell B1 is not also called an unnamed column
    assert message.startswith(f"{path}, row 1: missing column(s) term, category;")
    assert TITLE_HINT.format("term, category") in message


def test_a_mapped_header_under_a_title_row_is_named_with_its_row(tmp_path):
    path = write_delimited(
        tmp_path / "titled.csv", ["قائمة المصطلحات", "", ""], [tuple(ARABIC_TERMS.values()), *TERM_ROWS]
    )
    messages = problems_of(path, {"term": "الكلمة", "category": "الفئة"})
    assert len(messages) == 2 and all(TITLE_HINT.format("الكلمة, الفئة") in m for m in messages)


def test_no_title_hint_when_no_row_below_holds_the_names(term_files):
    messages = problems_of(term_files["other"], {"term": "word"})
    assert not any("holds the column names" in m for m in messages)


def test_a_mapped_name_the_header_has_twice_is_named_as_in_the_file(tmp_path):
    path = write_delimited(tmp_path / "twice.csv", ["الكلمة", "الفئة", "الكلمة"], [("عدوان", "label", "قصف")])
    assert problems_of(path, {"term": "الكلمة", "category": "الفئة"}) == [
        f"{path}, row 1: terms_columns maps 'term' to 'الكلمة', but the header row has 2 columns 'الكلمة'; "
        "rename all but one of them."
    ]


def test_a_key_that_is_not_a_column_of_the_kind_gets_the_closest(term_files):
    (message,) = problems_of(term_files["other"], {"trem": "word", "category": "frame", "note": "notes"})
    assert message.startswith(
        f"{term_files['other']}, row 1: terms_columns: 'trem' is not a column of a term lexicon ("
    )
    assert message.endswith("exclude); did you mean 'term'?")


def test_two_keys_mapped_to_one_header_name_are_an_error(term_files):
    (message,) = problems_of(term_files["other"], {"term": "word", "category": "word", "note": "notes"})
    assert message == (
        f"{term_files['other']}, row 1: terms_columns: 'term' and 'category' are mapped to the same header name "
        "'word'; a header cell can stand for one column only."
    )


def test_a_known_name_both_mapped_and_in_the_header_is_an_error(term_files):
    (message,) = problems_of(term_files["known"], {"term": "note"})
    assert message == (
        f"{term_files['known']}, row 1: terms_columns maps 'term' to 'note', but the header row also has a column "
        "'term'; remove the mapping of 'term' or rename one of the two header cells."
    )


def test_the_checks_of_known_names_still_run_on_mapped_names(term_files):
    # word -> term only: frame and notes are left, notes is a look-alike of note and refused as before.
    messages = problems_of(term_files["other"], {"term": "word"})
    assert any("missing column(s) category;" in m for m in messages)
    assert any("unknown column 'notes': did you mean 'note'? Rename header cell C1" in m for m in messages)


def test_the_workbench_check_reads_through_the_mapping(term_files, tmp_path):
    actors = write_delimited(tmp_path / "actors.csv", ["actor", "alias", "type"], ACTOR_ROWS)
    mapped = check_lexicon(actors, term_files["arabic"], "", categories="", columns={"terms": ARABIC_TERMS})
    assert (mapped["level"] == "error").sum() == 0
    refused = check_lexicon(actors, term_files["arabic"], "", categories="")
    assert (refused["level"] == "error").sum() == 1


# -- framing.toml --------------------------------------------------------------------------


def write_config(folder: Path, lexicons: str) -> Path:
    path = folder / "framing.toml"
    path.write_text(f'[lexicons]\nterms = "arabic.csv"\n{lexicons}', encoding="utf-8")
    return path


def test_the_configuration_round_trip_and_make_counter(term_files):
    path = write_config(
        term_files["arabic"].parent, 'terms_columns = { term = "الكلمة", category = "الفئة", note = "ملاحظات" }\n'
    )
    config = load_config(path)
    assert config.lexicon_columns == {"terms": ARABIC_TERMS}
    counter = make_counter(config.actors, config.terms, None, config.lexicon_columns)
    assert entries_of(counter.terms) == entries_of(load_terms(term_files["known"]))
    assert counter.terms.columns == ARABIC_TERMS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'terms_column = { term = "x" }\n',
            "unknown key 'lexicons.terms_column'; did you mean 'lexicons.terms_columns'?",
        ),
        ('terms_columns = "الكلمة"\n', "'lexicons.terms_columns' must be a table of strings, got str"),
        # The entry is named (config9): the whole table was printed, which hid which entry was wrong.
        ("terms_columns = { term = 1 }\n", "'lexicons.terms_columns.term' must be a string, got int 1"),
        (
            'actors_columns = { alais = "x" }\n',
            r"\[lexicons\] actors_columns: 'alais' is not a column of an actor lexicon \(.*\); did you mean 'alias'\?",
        ),
        (
            'terms_columns = { term = "w", gloss = "w" }\n',
            "terms_columns: 'term' and 'gloss' are mapped to the same header name 'w'",
        ),
    ],
)
def test_configuration_mappings_are_checked_like_other_keys(term_files, text, message):
    path = write_config(term_files["arabic"].parent, text)
    with pytest.raises(FramingInputError, match=message) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path))


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["d1"], "text": [TEXT]}).to_csv(path, index=False)
    return path


def counts_of(folder: Path) -> list[tuple[str, str]]:
    counts = pd.read_csv(folder / "counts.csv", dtype=str)
    return sorted(zip(counts["label"], counts["n"]))


def count(corpus: Path, out: Path, *options: str) -> int:
    return main(["count", str(corpus), "--out", str(out), "--workers", "1", "--no-progress", "--ignore", "", *options])


def test_framing_count_with_lexicon_column_options_counts_like_the_renamed_file(term_files, corpus, tmp_path):
    assert count(corpus, tmp_path / "known", "--terms", str(term_files["known"])) == 0
    options = [f"--lexicon-column=terms.{key}={name}" for key, name in ARABIC_TERMS.items()]
    assert count(corpus, tmp_path / "mapped", "--terms", str(term_files["arabic"]), *options) == 0
    assert counts_of(tmp_path / "mapped") == counts_of(tmp_path / "known")
    terms = dict(counts_of(tmp_path / "mapped"))
    assert (terms["مليشي*"], terms["وباء"], terms["حظر التجول"]) == ("2", "1", "1")


def test_the_option_wins_over_the_configuration_which_describes_only_its_own_file(term_files, corpus, tmp_path, capsys):
    # The configuration maps the Arabic file's header wrongly: the option corrects it.
    config = write_config(term_files["arabic"].parent, 'terms_columns = { term = "الفئة", category = "الكلمة" }\n')
    fixed = ["--lexicon-column", "terms.term=الكلمة", "--lexicon-column", "terms.category=الفئة"]
    assert count(corpus, tmp_path / "fixed", "--config", str(config), *fixed) == 0
    assert dict(counts_of(tmp_path / "fixed"))["وباء"] == "1"
    # Another terms file named on the command line is not read through the configuration's mapping.
    assert count(corpus, tmp_path / "other", "--config", str(config), "--terms", str(term_files["known"])) == 0
    assert counts_of(tmp_path / "other") == counts_of(tmp_path / "fixed")
    capsys.readouterr()


def test_the_configurations_own_file_named_again_keeps_its_mapping(term_files, corpus, tmp_path, capsys):
    # A newcomer (nc17b) passed the configuration's own terms file with --terms: the mapping was set
    # aside and the file refused, with advice to add the terms_columns that the file already had.
    config = write_config(term_files["arabic"].parent, 'terms_columns = { term = "الكلمة", category = "الفئة" }\n')
    assert count(corpus, tmp_path / "own", "--config", str(config), "--terms", str(term_files["arabic"])) == 0
    assert dict(counts_of(tmp_path / "own"))["وباء"] == "1"
    assert "is not applied" not in capsys.readouterr().err


def test_a_set_aside_mapping_is_named_with_the_options_that_apply_it(term_files, corpus, tmp_path, capsys):
    config = write_config(term_files["arabic"].parent, 'terms_columns = { term = "الكلمة", category = "الفئة" }\n')
    copy = tmp_path / "copy" / "arabic.csv"
    copy.parent.mkdir()
    copy.write_bytes(term_files["arabic"].read_bytes())
    note = (
        f"framing: note: terms_columns of {config} is not applied to --terms {copy}: it describes the "
        f"configuration's own terms file ({term_files['arabic']}); if {copy} has that header too, add "
        "--lexicon-column 'terms.term=الكلمة' --lexicon-column 'terms.category=الفئة'\n"
    )
    assert count(corpus, tmp_path / "out", "--config", str(config), "--terms", str(copy)) == 2
    err = capsys.readouterr().err
    assert err.startswith(note) and "missing column(s) term, category" in err
    check = ["lexicon", "check", "--config", str(config), "--terms", str(copy), "--ignore", ""]
    assert main(check) == 2
    assert note in capsys.readouterr().err
    # The options the note gives read the copy; the note is then not printed.
    mapped = ["--lexicon-column", "terms.term=الكلمة", "--lexicon-column", "terms.category=الفئة"]
    assert count(corpus, tmp_path / "out", "--config", str(config), "--terms", str(copy), *mapped) == 0
    assert "is not applied" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("terms.term", "'terms.term' is not KIND.COLUMN=NAME"),
        ("term.term=الكلمة", "'term' is not a lexicon; did you mean 'terms'?"),
        ("terms.trem=الكلمة", "terms: 'trem' is not a column of a term lexicon"),
    ],
)
def test_a_malformed_option_stops_the_command(term_files, corpus, tmp_path, capsys, option, message):
    assert count(corpus, tmp_path / "out", "--terms", str(term_files["arabic"]), "--lexicon-column", option) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: --lexicon-column: ") and message in err
    assert not (tmp_path / "out").exists()


def test_lexicon_check_takes_the_option(term_files, tmp_path, capsys):
    actors = write_delimited(tmp_path / "actors.csv", ["actor", "alias", "type"], ACTOR_ROWS)
    argv = ["lexicon", "check", "--actors", str(actors), "--terms", str(term_files["other"]), "--ignore", ""]
    assert main(argv) == 2
    capsys.readouterr()
    mapped = [f"--lexicon-column=terms.{key}={name}" for key, name in OTHER_TERMS.items()]
    assert main([*argv, *mapped]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_a_categories_file_with_its_own_header_is_told_what_it_needs(tmp_path):
    # A newcomer (nc17b) wrote the categories file with Arabic headers, like the lexicons: the message
    # named only the missing columns, not what the header had nor that no mapping reads it.
    from analysis.lexicon import load_categories

    path = write_delimited(tmp_path / "categories.csv", ["نوع", "الاسم"], [("alarm", "تهويل")])
    with pytest.raises(LexiconError) as caught:
        load_categories(path)
    assert str(caught.value) == (
        f"{path}, row 1: missing column(s) category, name_en, name_ar; the header row has 'نوع', 'الاسم' but "
        "a categories file needs category, name_en, name_ar (and optionally description), with these English "
        "names: rename the header cells in row 1 (there is no categories_columns mapping), or copy "
        "data/lexicons/categories.csv and replace its rows with one per category of your term lexicon."
    )


# -- every file's problems at once -----------------------------------------------------------


@pytest.fixture
def two_unmapped_files(term_files, tmp_path: Path) -> dict[str, Path]:
    """An Arabic-headed actor file and an Arabic-headed term file, neither mapped."""
    return {
        "actors": write_delimited(tmp_path / "actors_ar.csv", list(ARABIC_ACTORS.values()), ACTOR_ROWS, ";"),
        "terms": term_files["arabic"],
    }


def test_load_lexicons_lists_the_problems_of_both_files(two_unmapped_files):
    with pytest.raises(LexiconError) as caught:
        load_lexicons(two_unmapped_files["actors"], two_unmapped_files["terms"])
    found = [(Path(p.path).name, p.row, p.problem.split(";")[0]) for p in caught.value.problems]
    assert found == [
        ("actors_ar.csv", 1, "missing column(s) actor, alias"),
        ("arabic.csv", 1, "missing column(s) term, category"),
    ]


def test_load_lexicons_reports_an_unreadable_file_beside_the_others(two_unmapped_files, tmp_path):
    with pytest.raises(LexiconError) as caught:
        load_lexicons(tmp_path / "no_such_actors.csv", two_unmapped_files["terms"])
    problems = caught.value.problems
    assert [Path(p.path).name for p in problems] == ["no_such_actors.csv", "arabic.csv"]
    assert problems[0].problem.startswith("cannot be read")


def test_load_lexicons_reads_mapped_files_and_no_ignore_list_for_an_empty_path(term_files, two_unmapped_files):
    actors, terms, ignore = load_lexicons(
        two_unmapped_files["actors"], term_files["arabic"], "",
        columns={"actors": ARABIC_ACTORS, "terms": ARABIC_TERMS},
    )  # fmt: skip
    assert ignore is None
    assert [e.label for e in actors.entries] == ["Khalifa Haftar", "Health Ministry"]
    assert entries_of(terms) == entries_of(load_terms(term_files["known"]))


def test_framing_count_names_the_problems_of_both_lexicons(two_unmapped_files, corpus, tmp_path, capsys):
    status = count(corpus, tmp_path / "out", "--actors", str(two_unmapped_files["actors"]),
                   "--terms", str(two_unmapped_files["terms"]))  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2
    assert "actors_ar.csv, row 1: missing column(s) actor, alias" in err
    assert "arabic.csv, row 1: missing column(s) term, category" in err
    assert not (tmp_path / "out").exists()

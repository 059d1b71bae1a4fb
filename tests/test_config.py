"""framing.toml: defaults, relative paths, loud typos, and ``framing count --config``."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import (
    BUNDLED_EXAMPLES,
    CONFIG_ENV_VAR,
    Examples,
    as_paths,
    corpus_documents,
    default_config,
    example_document,
    example_label,
    load_config,
)
from analysis.corpus import Columns
from analysis.errors import FramingInputError
from analysis.paths import project_root

# Two hand-made articles in a CSV whose columns have other names.
ARTICLES = [
    ("a1", "قال جيش الاحتلال إن الوباء انتشر. وأكدت وزارة الصحة أن لجيش الاحتلال دورا.", "site_x"),
    ("a2", "أعلنت وزارة الصحة حظر التجول في المدينة.", "site_y"),
]
ACTORS = (
    "actor,alias,type,camp,note\nOccupation Army,جيش الاحتلال,military,a,\nHealth Ministry,وزارة الصحة,institution,b,\n"
)
TERMS = "term,category,gloss,note\nوباء,alarm,epidemic,\nحظر التجول,containment,curfew,\n"


@pytest.fixture(autouse=True)
def no_config_variable(monkeypatch):
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A researcher's folder: corpus, lexicons and a framing.toml naming them relatively."""
    folder = tmp_path / "study"
    folder.mkdir()
    with (folder / "news.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "body", "source"])
        writer.writerows(ARTICLES)
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "terms.csv").write_text(TERMS, encoding="utf-8")
    (folder / "framing.toml").write_text(
        'seed = 7\n[corpus]\npaths = ["news.csv"]\n[columns]\ntext = "body"\nid = "article_id"\noutlet = "source"\n'
        '[lexicons]\nactors = "actors.csv"\nterms = "terms.csv"\nignore = ""\n[output]\nfolder = "results"\n'
        '[examples]\nactor = "Occupation Army"\n',
        encoding="utf-8",
    )
    return folder


#: The shipped example configuration, named by its path in messages about a file of one's own.
TEMPLATE = project_root() / "framing.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "framing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> tuple[Path, str]:
    """The file written with ``text`` and the message of its refusal."""
    path = write(tmp_path, text)
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    return path, str(caught.value)


def test_the_shipped_file_describes_the_bundled_setup():
    shipped = load_config(project_root() / "framing.toml")
    assert shipped.source == project_root() / "framing.toml"
    bundled = default_config()
    for name in ("articles", "corpus", "columns", "actors", "terms", "ignore", "sources", "categories", "model"):
        assert getattr(shipped, name) == getattr(bundled, name), name
    assert (shipped.output, shipped.figures, shipped.seed) == (
        project_root() / "outputs",
        project_root() / "figures",
        0,
    )
    assert shipped.examples == BUNDLED_EXAMPLES
    assert shipped.examples.actor == "Khalifa Haftar" and shipped.examples.pair == ("aawsat", "alriyadh")


def test_without_a_variable_the_project_file_is_read():
    assert load_config().source == project_root() / "framing.toml"


def test_relative_paths_are_relative_to_the_file_and_missing_keys_keep_defaults(study):
    config = load_config(study / "framing.toml")
    assert config.corpus == (study / "news.csv",)
    assert config.actors == study / "actors.csv" and config.terms == study / "terms.csv"
    assert config.ignore is None  # "" means no ignore list
    assert config.output == study / "results"
    assert config.sources == default_config().sources  # not in the file: the bundled one
    assert (config.columns.text, config.columns.id, config.columns.outlet, config.columns.date) == (
        "body",
        "article_id",
        "source",
        "date",
    )
    assert config.seed == 7
    # A file's examples never fall back to the bundled article's: unset means "choose from the data".
    assert config.examples == Examples(actor="Occupation Army")
    assert config.examples.doc_id is None and config.examples.outlet_names == {}


def test_the_variable_names_the_file(study, monkeypatch):
    monkeypatch.setenv(CONFIG_ENV_VAR, str(study / "framing.toml"))
    assert load_config().seed == 7


def test_the_variable_may_name_the_file_with_environment_variables(study, monkeypatch):
    # A kernel.json or an editor's env setting passes "$HOME/study/framing.toml" as written, unexpanded.
    monkeypatch.setenv("HOME", str(study.parent))
    monkeypatch.setenv(CONFIG_ENV_VAR, "$HOME/study/framing.toml")
    assert load_config().seed == 7
    monkeypatch.setenv(CONFIG_ENV_VAR, "${FRAMING_TEST_UNSET}/framing.toml")
    monkeypatch.delenv("FRAMING_TEST_UNSET", raising=False)
    with pytest.raises(FramingInputError) as caught:
        load_config()
    assert str(caught.value) == (
        "${FRAMING_TEST_UNSET}/framing.toml: the environment variable $FRAMING_TEST_UNSET is not set (from "
        "$FRAMING_CONFIG): set it, or write the path itself"
    )


def test_a_missing_file_is_an_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv(CONFIG_ENV_VAR, str(tmp_path / "nope.toml"))
    with pytest.raises(FramingInputError, match=r"nope\.toml: configuration file not found \(from \$FRAMING_CONFIG\)"):
        load_config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[lexicons]\nactor = "a.csv"\n', "unknown key 'lexicons.actor'; did you mean 'lexicons.actors'?"),
        ('[lexicon]\nactors = "a.csv"\n', "unknown key 'lexicon'; did you mean 'lexicons'?"),
        ("sed = 1\n", "unknown key 'sed'; did you mean 'seed'?"),
        ('[columns]\ntxt = "body"\n', "unknown key 'columns.txt'; did you mean 'columns.text'?"),
        ('seed = "0"\n', "'seed' must be an integer, got str '0'"),
        ("seed = true\n", "'seed' must be an integer, got bool True"),
        ("[columns]\ntext = 3\n", "'columns.text' must be a string, got int 3"),
        ('[corpus]\npaths = "news.csv"\n', "'corpus.paths' must be a list of strings, got str 'news.csv'"),
        ('[examples]\npair = ["a", "b", "c"]\n', "'examples.pair' must name two outlets"),
        ('lexicons = "a.csv"\n', r"\[lexicons\] must be a section"),
        ('[lexicons]\nactors = ""\n', "'lexicons.actors' is empty"),
        ("seed = \n", "not valid TOML"),
    ],
)
def test_typos_and_wrong_types_name_the_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(FramingInputError, match=message) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path))


def test_example_document_and_label_on_a_small_table():
    documents = pd.DataFrame({"doc_id": ["x", "y"]})
    assert example_document(documents, None) == "x"
    assert example_document(documents, "y") == "y"
    with pytest.raises(FramingInputError, match=r"'z' is not among the 2 article\(s\) read \(x, y\)"):
        example_document(documents, "z")
    # With hits, an unconfigured example is the article with the most (the first read on a tie).
    assert example_document(documents, None, pd.DataFrame({"doc_id": ["y", "y", "x"]})) == "y"
    assert example_document(documents, None, pd.DataFrame({"doc_id": ["y", "x"]})) == "x"
    assert example_document(documents, "x", pd.DataFrame({"doc_id": ["y", "y"]})) == "x"
    # With kinds, an article with actors and terms comes before one with more hits of one kind only
    # (a newcomer's COVID-19 corpus showed an article without any loaded term in notebooks 02-03).
    kinds = pd.DataFrame({"doc_id": ["y", "y", "y", "x", "x"], "kind": ["actor"] * 3 + ["actor", "term"]})
    assert example_document(documents, None, kinds) == "x"
    hits = pd.DataFrame({"kind": ["actor", "actor", "actor", "term"], "label": ["B", "A", "A", "t"]})
    assert example_label(hits, "B") == ("B", "B: 1 hit(s)")
    assert example_label(hits, None) == ("A", "A: 2 hit(s), the most frequent actor (no example actor configured)")
    assert example_label(hits, "Khalifa Haftar") == (
        "A",
        "no hits for 'Khalifa Haftar' in this selection; the most frequent actor instead: A (2 hit(s))",
    )
    assert example_label(hits.iloc[3:], "A") == (None, "no actor hits in this selection: nothing to show")


def test_example_label_says_when_the_most_frequent_is_a_tie():
    """A newcomer's 300 paragraphs: Israel, the United Nations and the United States had 11 hits each;
    notebook 02 showed "Israel: 11 hit(s), the most frequent actor", which the data do not say."""
    labels = ["United States"] * 11 + ["Israel"] * 11 + ["United Nations"] * 11 + ["Egypt"] * 8
    hits = pd.DataFrame({"kind": "actor", "label": labels})
    assert example_label(hits, None) == (
        "Israel",
        "Israel: 11 hit(s), the most frequent actor (tied with United Nations, United States; first by name) "
        "(no example actor configured)",
    )
    assert example_label(hits, "Khalifa Haftar")[1].endswith("instead: Israel (11 hit(s)) (tied with United "
                                                            "Nations, United States; first by name)")  # fmt: skip
    many = pd.DataFrame({"kind": "actor", "label": list("ABCDEF")})
    assert "(tied with B, C, D and 2 more; first by name)" in example_label(many, None)[1]


def read_counts(folder: Path) -> list[tuple[str, str, str]]:
    with (folder / "counts.csv").open(encoding="utf-8") as handle:
        return sorted((row["doc_id"], row["label"], row["n"]) for row in csv.DictReader(handle))


# Hand-counted: a1 has جيش الاحتلال and لجيش الاحتلال (2), وزارة الصحة (1), الوباء (1);
# a2 has وزارة الصحة (1) and حظر التجول (1).
EXPECTED = [
    ("a1", "Health Ministry", "1"),
    ("a1", "Occupation Army", "2"),
    ("a1", "وباء", "1"),
    ("a2", "Health Ministry", "1"),
    ("a2", "حظر التجول", "1"),
]


def test_count_with_config_reads_corpus_columns_lexicons_and_output_folder(study, capsys):
    assert main(["count", "--config", str(study / "framing.toml"), "--workers", "1", "--no-progress"]) == 0
    assert read_counts(study / "results" / "count") == EXPECTED
    assert "2 document(s)" in capsys.readouterr().out
    with (study / "results" / "count" / "documents.csv").open(encoding="utf-8") as handle:
        assert [row["outlet"] for row in csv.DictReader(handle)] == ["site_x", "site_y"]


def test_count_reads_the_variable_and_explicit_options_win(study, tmp_path, monkeypatch):
    monkeypatch.setenv(CONFIG_ENV_VAR, str(study / "framing.toml"))
    (tmp_path / "one_actor.csv").write_text("actor,alias,type,camp,note\nMinistry,وزارة الصحة,x,y,\n", encoding="utf-8")
    out = tmp_path / "explicit"
    argv = ["count", "--actors", str(tmp_path / "one_actor.csv"), "--out", str(out), "--workers", "1"]
    assert main(argv) == 0
    assert read_counts(out) == [
        ("a1", "Ministry", "1"),
        ("a1", "وباء", "1"),
        ("a2", "Ministry", "1"),
        ("a2", "حظر التجول", "1"),
    ]
    assert not (study / "results").exists()


def test_count_without_config_keeps_the_built_in_defaults(study, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    # No configuration: the text column is "text" as before, so this CSV is refused.
    assert main(["count", str(study / "news.csv"), "--workers", "1"]) == 2
    assert "body" in capsys.readouterr().err  # the message lists the file's columns
    assert main(["count", str(study / "news.csv"), "--text-column", "body", "--workers", "1"]) == 0
    assert (tmp_path / "framing-output" / "counts.csv").is_file()


def test_count_without_paths_or_config_is_an_error(capsys):
    assert main(["count"]) == 2
    assert "no PATH given" in capsys.readouterr().err


def test_a_missing_file_in_a_copied_configuration_names_its_key(tmp_path):
    config = tmp_path / "framing.toml"
    config.write_text('[lexicons]\nactors = "data/lexicons/actors.csv"\n', encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    message = str(caught.value)
    assert message.startswith(str(config))
    assert "'lexicons.actors' = 'data/lexicons/actors.csv'" in message
    assert "relative to the folder of this file" in message
    config.write_text('[corpus]\npaths = ["here.csv", "gone.csv"]\n', encoding="utf-8")
    (tmp_path / "here.csv").write_text("id,text\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match="'corpus.paths' lists 'gone.csv'"):
        load_config(config)


def test_a_copied_configuration_names_every_missing_path_at_once(tmp_path):
    # The README's first step copies framing.toml away from the project: its seven relative paths all break,
    # and a newcomer was told one per run.
    config = tmp_path / "framing.toml"
    config.write_text((project_root() / "framing.toml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    message = str(caught.value)
    assert message.startswith(
        f"{config}: 8 paths do not exist (relative paths are relative to the folder of this file): "
    )
    keys = ["corpus.articles", "corpus.paths", "lexicons.actors", "lexicons.terms", "lexicons.ignore",
            "lexicons.sources", "lexicons.categories", "examples.events"]  # fmt: skip
    assert [message.index(f"'{key}'") for key in keys] == sorted(message.index(f"'{key}'") for key in keys)
    assert (
        f"'lexicons.ignore' = 'data/lexicons/ignore.csv': {tmp_path / 'data/lexicons/ignore.csv'} does not exist"
        in message
    )
    assert message.endswith(". Correct each path, or remove a [lexicons] key for the bundled default")


def test_events_of_the_time_series_come_from_the_configuration(tmp_path):
    # Without [examples] no bundled Libya event is marked on someone else's series.
    config = tmp_path / "framing.toml"
    config.write_text("seed = 3\n", encoding="utf-8")
    assert load_config(config).examples.events is None
    config.write_text('[examples]\nevents = "my_events.csv"\n', encoding="utf-8")
    (tmp_path / "my_events.csv").write_text("date,label\n2015-07-01,talks\n", encoding="utf-8")
    assert load_config(config).examples.events == tmp_path / "my_events.csv"
    assert load_config(project_root() / "framing.toml").examples.events == project_root() / "data/events/libya_2015.csv"


def test_an_empty_sources_list_means_none_like_an_empty_ignore_list(tmp_path):
    # Both are optional lexicons: "" switches them off (notebook 03 then skips its sourcing section).
    config = load_config(write(tmp_path, '[lexicons]\nsources = ""\nignore = ""\n'))
    assert config.sources is None and config.ignore is None
    assert config.actors == default_config().actors  # the required lexicons keep their defaults
    (tmp_path / "my_sources.csv").write_text("term,source_type,gloss,note\nمصدر,anonymous,a source,\n", "utf-8")
    assert (
        load_config(write(tmp_path, '[lexicons]\nsources = "my_sources.csv"\n')).sources == tmp_path / "my_sources.csv"
    )
    with pytest.raises(FramingInputError, match="'lexicons.terms' is empty"):
        load_config(write(tmp_path, '[lexicons]\nterms = ""\nsources = ""\n'))


# -- sweep6: encodings, Windows paths, keys in the wrong place, seeds, events --------------------------------------


def test_a_configuration_saved_as_utf16_is_read_and_a_bad_byte_is_named(tmp_path):
    # Notepad's "Unicode" is UTF-16 with a byte-order mark: it stopped with a bare codec error naming no file.
    text = 'seed = 5\n[examples]\nactor = "خليفة حفتر"\n'
    path = tmp_path / "framing.toml"
    path.write_bytes(text.encode("utf-16"))
    config = load_config(path)
    assert (config.seed, config.examples.actor) == (5, "خليفة حفتر")
    path.write_bytes(b"seed = 5\n# caf\xe9\n")
    with pytest.raises(FramingInputError, match=r"framing\.toml, byte 14: is neither UTF-8 nor Arabic"):
        load_config(path)


def test_a_windows_path_in_a_double_quoted_string_says_how_to_write_it(tmp_path):
    path = write(tmp_path, '[lexicons]\nactors = "C:\\Users\\me\\actors.csv"\n')
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML (") and "(at line 2, column " in message
    assert 'a backslash in a "..." string starts an escape: write the path with / (C:/Users/me/a.csv)' in message
    with pytest.raises(FramingInputError, match=f"compare it with the example configuration {TEMPLATE}$"):
        load_config(write(tmp_path, "[corpus\n"))  # no backslash on the line: no such hint


def test_a_missing_path_written_with_backslashes_gets_the_slash_spelling(tmp_path):
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "actors.csv").write_text("actor,alias,type,camp,note\n", encoding="utf-8")
    path = write(tmp_path, "[lexicons]\nactors = 'lex\\actors.csv'\n")
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert "does not exist (write the path with /: 'lex/actors.csv')" in str(caught.value)
    assert load_config(write(tmp_path, "[lexicons]\nactors = 'lex/actors.csv'\n")).actors == tmp_path / "lex/actors.csv"


def test_a_top_level_key_written_under_a_section_says_where_it_belongs(tmp_path):
    # TOML files `seed` written after [output] as output.seed: "did you mean 'output'?" did not say why.
    path = write(tmp_path, '[output]\nfolder = "out"\nseed = 3\n')
    with pytest.raises(FramingInputError, match=r"'seed' stands under \[output\], where it is unknown \('output.seed'\); "
                       r"move it to the top of the file, above the first \[section\] line"):  # fmt: skip
        load_config(path)
    assert load_config(write(tmp_path, 'seed = 3\n[output]\nfolder = "out"\n')).seed == 3


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_a_seed_numpy_refuses_is_refused_naming_the_key(tmp_path, seed):
    with pytest.raises(FramingInputError, match=f"'seed' must be a whole number from 0 to 4294967295, got {seed}"):
        load_config(write(tmp_path, f"seed = {seed}\n"))
    assert load_config(write(tmp_path, f"seed = {2**32 - 1}\n")).seed == 2**32 - 1


def test_a_missing_events_file_is_named_with_the_other_paths(tmp_path):
    # It was read only by notebook 04's time-series cell, after the whole corpus was counted.
    path = write(tmp_path, '[examples]\nevents = "my_events.csv"\n')
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert (
        f"'examples.events' = 'my_events.csv': {tmp_path / 'my_events.csv'} does not exist (or \"\" for none)"
        in str(caught.value)
    )
    assert load_config(write(tmp_path, '[examples]\nevents = ""\n')).examples.events is None


def test_a_notebook_path_parameter_that_is_empty_or_missing_says_where_to_correct_it(tmp_path, monkeypatch):
    # sweep6: papermill -p CORPUS /tmp/nope.csv failed deep in read_corpus with "does not exist." and no
    # word of the parameters cell; CORPUS = "" read the notebook's own folder.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.csv").write_text("id,text\na,b\n", encoding="utf-8")
    assert as_paths("news.csv") == [Path("news.csv")] and as_paths(["news.csv", tmp_path]) == [
        Path("news.csv"),
        tmp_path,
    ]
    with pytest.raises(FramingInputError) as caught:
        as_paths(["news.csv", "nope.csv"])
    assert str(caught.value) == (
        f"nope.csv: does not exist (a relative path starts at {tmp_path}): correct it in the parameters cell "
        "(CORPUS, ARTICLES) or under [corpus] of framing.toml"
    )
    with pytest.raises(FramingInputError, match=r"^'': an empty path: correct it in the parameters cell"):
        as_paths("")


def test_a_notebook_corpus_with_no_article_stops_at_the_reading_cell(tmp_path):
    # sweep6: notebook 04 on a CSV of headers only printed "0 articles" and then empty tables to its end.
    from analysis.corpus import read_corpus

    (tmp_path / "empty.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / "news.csv").write_text("id,text\na1,قال حفتر\n", encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        corpus_documents(read_corpus([tmp_path / "empty.csv"]))
    assert str(caught.value) == (
        f"CORPUS: no article was read ({tmp_path / 'empty.csv'}: no record: the file holds only a header or blank "
        "lines): correct CORPUS in the parameters cell or [corpus] of framing.toml (and [columns] if the text is in "
        "a column of another name)"
    )
    (tmp_path / "blank.csv").write_text("id,text\na1,\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"blank\.csv, row 2: empty text\): correct ARTICLES"):
        corpus_documents(read_corpus([tmp_path / "blank.csv"]), "ARTICLES")
    assert corpus_documents(read_corpus([tmp_path / "news.csv"]))["doc_id"].tolist() == ["a1"]


# -- config9: keys written in the wrong table, several problems at once, a corpus path's advice -------------------


def test_keys_appended_after_the_outlet_names_table_are_named_where_they_belong(study, capsys):
    # The shipped file ends with [examples.outlet_names]: keys appended at its end were read as outlets' display
    # names, and the run stopped later naming the missing text column, never the keys (newcomer of session 12).
    config = study / "framing.toml"
    shipped_end = '[examples.outlet_names]\naawsat = "Asharq Al-Awsat"\n'
    config.write_text(
        config.read_text(encoding="utf-8").replace('text = "body"\nid = "article_id"\n', "")
        + shipped_end
        + '\n# my columns\ntext = "body"\ndoc_id = "article_id"\n',
        encoding="utf-8",
    )
    assert main(["count", "--config", str(config), "--workers", "1", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error: {config}: 2 problems: ")
    assert (
        "'text' stands under [examples.outlet_names], where it is read as an outlet's display name, but it is the "
        "key 'columns.text': every key written after the [examples.outlet_names] line belongs to that table; "
        "write it under the [columns] line, above [examples.outlet_names]; "
    ) in err
    assert "'doc_id' stands under [examples.outlet_names]" in err and "'examples.doc_id' (or 'columns.id'?)" in err
    assert "has no column" not in err and not (study / "results").exists()
    # Outlets of one's own are display names as before.
    config.write_text(config.read_text(encoding="utf-8").split("# my columns")[0] + 'alriyadh = "Al Riyadh"\n')
    assert load_config(config).examples.outlet_names == {"aawsat": "Asharq Al-Awsat", "alriyadh": "Al Riyadh"}


def test_a_key_after_a_lexicon_columns_table_and_a_table_entry_of_the_wrong_type_are_named(tmp_path):
    path = write(
        tmp_path,
        '[lexicons.terms_columns]\nterm = "word"\nactors_columns = { actor = "who" }\n',
    )
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: 'actors_columns' stands under [lexicons.terms_columns], where it is read as a column of the terms "
        "lexicon, but it is the key 'lexicons.actors_columns': every key written after the [lexicons.terms_columns] "
        "line belongs to that table; write it under the [lexicons] line, above [lexicons.terms_columns]"
    )
    # A lexicon column that shares its name with a configuration key (actor, examples.actor) is a column there.
    assert load_config(write(tmp_path, '[lexicons.actors_columns]\nactor = "who"\n')).lexicon_columns == {
        "actors": {"actor": "who"}
    }
    with pytest.raises(FramingInputError, match=r"'examples\.outlet_names\.aawsat' must be a string, got int 3$"):
        load_config(write(tmp_path, "[examples.outlet_names]\naawsat = 3\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # The section's name made 'output.folder' the closest key; the key is lexicons.terms on the wrong line.
        (
            '[output]\nterms = "t.csv"\n',
            "unknown key 'output.terms'; did you mean 'lexicons.terms'? "
            "('terms' is a key of [lexicons]: write it under the [lexicons] line)",
        ),
        (
            '[corpus]\ntext = "body"\n',
            "unknown key 'corpus.text'; did you mean 'columns.text'? "
            "('text' is a key of [columns]: write it under the [columns] line)",
        ),
        # The id column's key is id; doc_id is the example article: both are named.
        (
            '[columns]\ndoc_id = "Ident"\n',
            "unknown key 'columns.doc_id'; did you mean 'columns.id', or 'examples.doc_id'? "
            "('doc_id' is a key of [examples]: write it under the [examples] line)",
        ),
    ],
)
def test_a_key_of_another_section_is_named_with_its_section(tmp_path, text, message):
    path, refusal = refused(tmp_path, text)
    assert refusal == f"{path}: {message}"


def test_every_unknown_key_is_named_in_one_message(tmp_path):
    path = write(tmp_path, 'sed = 1\n[columns]\ntxt = "body"\ntext = 3\n')
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: 3 problems: unknown key 'sed'; did you mean 'seed'?; unknown key 'columns.txt'; "
        "did you mean 'columns.text'?; 'columns.text' must be a string, got int 3"
    )


def test_a_missing_corpus_path_is_not_told_to_fall_back_to_a_bundled_default(tmp_path):
    # Removing [corpus] paths would count the bundled Libya corpus: only a lexicon key has a default worth it.
    path = write(tmp_path, '[corpus]\npaths = ["my_corpus.csv"]\n')
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert str(caught.value).endswith("does not exist (relative paths are relative to the folder of this file); "
                                      "correct the path")  # fmt: skip


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("[columns]\ntext = body\n", 'a name or path goes between double quotes: text = "body"'),
        ("[examples]\nactor = خليفة حفتر  # the commander\n", 'goes between double quotes: actor = "خليفة حفتر"'),
        ("seed = 1x\n", f"compare it with the example configuration {TEMPLATE}"),  # a number's typo: no quotes
        # A list's names need their quotation marks too (TOML says "Invalid value").
        (
            '[corpus]\npaths = ["a.csv", news.csv]  # mine\n',
            'list goes between double quotes: paths = ["a.csv", "news.csv"]',
        ),
        # A line added to a copied framing.toml instead of the one there edited: TOML's "Cannot overwrite a value".
        (
            '[columns]\ntext = "text"\nid = "id"\n\ntext = "body"\n',
            "the key 'columns.text' is written twice (lines 2 "
            "and 5): keep one (edit the line already there rather than adding one)",
        ),
        (
            'seed = 0\n[columns]\ntext = "body"\n[output]\nfolder = "out"\n[columns] # mine\nid = "n"\n',
            "the section "
            "[columns] is written twice (lines 2 and 6): put its keys under one [columns] line and delete the other",
        ),
        ("seed = \n", f"compare it with the example configuration {TEMPLATE}"),
    ],
)
def test_an_unquoted_name_says_to_quote_it(tmp_path, line, hint):
    path = write(tmp_path, line)
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: not valid TOML (")
    assert str(caught.value).endswith(hint)


def test_an_empty_text_column_is_refused_naming_the_key(study, capsys):
    # Every corpus file was refused with "has no column ''", naming the corpus and not the key.
    config = study / "framing.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('text = "body"', 'text = ""'), encoding="utf-8")
    assert main(["count", "--config", str(config), "--workers", "1", "--no-progress"]) == 2
    assert capsys.readouterr().err == (
        f"framing: error: {config}: 'columns.text' is empty: the text column is required; "
        "name the column that holds the article text\n"
    )
    assert load_config(write(study, '[columns]\ntitle = ""\n')).columns.title == ""  # other columns may be empty


def test_an_output_folder_that_is_a_file_names_the_key(study, capsys):
    # The command said "news.csv/count: Not a directory", naming no key of the configuration.
    config = study / "framing.toml"
    for folder, file in (("news.csv", "news.csv"), ("news.csv/results", "news.csv")):
        config.write_text(
            config.read_text(encoding="utf-8").replace('folder = "results"', f'folder = "{folder}"'), encoding="utf-8"
        )
        assert main(["count", "--config", str(config), "--workers", "1", "--no-progress"]) == 2
        assert capsys.readouterr().err == (
            f"framing: error: {config}: 'output.folder' = '{folder}': {study / file} is a file, not a folder "
            "(relative paths are relative to the folder of this file); correct the path\n"
        )
        config.write_text(
            config.read_text(encoding="utf-8").replace(f'folder = "{folder}"', 'folder = "results"'), encoding="utf-8"
        )
    path = write(study, '[lexicons]\nterms = "gone.csv"\n[output]\nfigures = "news.csv"\n')
    with pytest.raises(
        FramingInputError, match=r": 2 paths are wrong \(relative paths .*; 'output.figures' = 'news.csv'"
    ):
        load_config(path)


def test_one_path_where_a_list_is_expected_shows_the_list(tmp_path):
    path = write(tmp_path, '[corpus]\npaths = "news.csv"\n[examples]\noutlets = "aawsat"\n')
    with pytest.raises(FramingInputError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: 2 problems: 'corpus.paths' must be a list of strings, got str 'news.csv'; "
        """write paths = ["news.csv"]; 'examples.outlets' must be a list of strings, got str 'aawsat'; """
        """write outlets = ["aawsat"]"""
    )


def test_a_configuration_without_corpus_paths_says_that_the_bundled_corpus_is_counted(study, capsys):
    # Its owner's lexicon was counted over the 343 bundled Libya articles; the lexicons were named as bundled,
    # the corpus was not.
    config = study / "framing.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('[corpus]\npaths = ["news.csv"]\n', ""), encoding="utf-8"
    )
    bundled = default_config().corpus[0]
    (study / "text_column.toml").write_text(
        config.read_text(encoding="utf-8").replace('text = "body"\nid = "article_id"\noutlet = "source"\n', ""),
        encoding="utf-8",
    )
    own = study / "text_column.toml"
    for command in (["count", "--workers", "1"], ["lexicon", "report"]):
        assert main([*command, "--config", str(own), "--no-progress"]) == 0
        assert (
            f"framing: corpus: {bundled} (bundled: {own} names no corpus of its own; "
            "give paths = [...] under [corpus], or PATH on the command line)\n"
        ) in capsys.readouterr().err
    # With a PATH, or paths of its own, there is no such line.
    assert main(["count", str(study / "news.csv"), "--config", str(config), "--workers", "1", "--no-progress"]) == 0
    assert "framing: corpus:" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (  # the newcomer's line: --skip-bad written as a key
            "skip_bad = true\n",
            "unknown key 'skip_bad': it is an option of the command line (--skip-bad), not a key of this file; "
            "delete the line and run: framing count --config {path} --skip-bad",
        ),
        (  # written as the option is typed, and under a section
            "[corpus]\nskip-bad = true\n",
            "unknown key 'corpus.skip-bad': it is an option of the command line (--skip-bad), not a key of this "
            "file; delete the line and run: framing count --config {path} --skip-bad",
        ),
        (
            "skip_bad = false\n",
            "unknown key 'skip_bad': it is an option of the command line (--skip-bad), not a key of this file; "
            "delete the line (false is the command's default)",
        ),
        (  # the value goes on the command line with it
            'workers = 2\nformat = "xlsx"\nprogress = false\n',
            "3 problems: unknown key 'workers': it is an option of the command line (--workers N), not a key of this "
            "file; delete the line and run: framing count --config {path} --workers 2; unknown key 'format': it is "
            "an option of the command line (--format csv|xlsx|parquet|dta), not a key of this file; delete the line "
            "and run: framing count --config {path} --format xlsx; unknown key 'progress': it is an option of the "
            "command line (--progress/--no-progress), not a key of this file; delete the line and run: framing "
            "count --config {path} --no-progress",
        ),
        (  # 'sheet' was "did you mean 'seed'?"; it is a key of [corpus] now
            'sheet = "My sheet"\n',
            "unknown key 'sheet'; did you mean 'corpus.sheet'? ('sheet' is a key of [corpus]: write it under the "
            "[corpus] line)",
        ),
        (  # an option the file has a key for, under its own name
            'text_column = "body"\nout = "results"\n',
            "2 problems: unknown key 'text_column': it is an option of the command line (--text-column NAME); in "
            "this file it is 'columns.text': write it under the [columns] line; unknown key 'out': it is an option "
            "of the command line (--out DIR); in this file it is 'output.folder': write it under the [output] line "
            "(framing count writes into <folder>/count)",
        ),
        (  # appended at the end of the shipped file: in the outlet names' table by its place
            '[examples.outlet_names]\naawsat = "Asharq Al-Awsat"\nskip_bad = true\n',
            "'skip_bad' stands under [examples.outlet_names], where it is read as an outlet's display name (every "
            "key written after the [examples.outlet_names] line belongs to that table): it is an option of the "
            "command line (--skip-bad), not a key of this file; delete the line and run: framing count --config "
            "{path} --skip-bad",
        ),
    ],
)
def test_a_command_line_option_written_as_a_key_says_how_to_give_it(tmp_path, text, message):
    path, refusal = refused(tmp_path, text)
    assert refusal == f"{path}: " + message.format(path=path)


def test_paths_of_the_file_are_resolved_in_the_configuration_messages_and_manifest(study, monkeypatch, capsys):
    # The file kept in a subfolder of the study: "..", a trailing slash, "~" and a doubled slash, as typed.
    monkeypatch.setenv("HOME", str(study))
    (study / "config").mkdir()
    config = study / "config" / "my.toml"
    columns = '[columns]\ntext = "body"\nid = "article_id"\noutlet = "source"\n'
    lexicons = '[lexicons]\nactors = "~/actors.csv"\nterms = "..//terms.csv"\nignore = ""\n'
    config.write_text(
        f'[corpus]\npaths = ["../news.csv"]\n{columns}{lexicons}[output]\nfolder = "../results/"\n', encoding="utf-8"
    )
    read = load_config(config)
    assert read.corpus == (study / "news.csv",)
    assert (read.actors, read.terms, read.output) == (study / "actors.csv", study / "terms.csv", study / "results")
    assert main(["count", "--config", str(config), "--workers", "1", "--no-progress"]) == 0
    manifest = json.loads((study / "results" / "count" / "manifest.json").read_text(encoding="utf-8"))
    assert [one["path"] for one in manifest["inputs"]] == [str(study / "news.csv")]
    assert manifest["lexicons"]["actors"]["path"] == str(study / "actors.csv")
    assert manifest["lexicons"]["terms"]["path"] == str(study / "terms.csv")
    # A missing path is shown resolved; an empty one (the configuration's own folder, read whole) is refused.
    config.write_text(f'[corpus]\npaths = ["../gone/", ""]\n{columns}{lexicons}', encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    assert str(caught.value) == (
        f"{config}: 2 paths do not exist (relative paths are relative to the folder of this file): 'corpus.paths' "
        f"lists '../gone/': {study / 'gone'} does not exist; 'corpus.paths' lists '': an empty path; remove it. "
        "Correct each path"
    )


def test_environment_variables_in_paths_are_expanded_and_a_missing_one_names_its_key(study, monkeypatch):
    # $HOME and ${STUDY} as a researcher writes them (as ~ already was); a variable not set, or set to nothing,
    # is named with its key instead of a path with a literal "$STUDY" in it (or "/news.csv" at the root).
    monkeypatch.setenv("HOME", str(study))
    monkeypatch.setenv("FRAMING_TEST_STUDY", str(study))
    (study / "price$list.csv").write_text(TERMS, encoding="utf-8")
    config = study / "my.toml"
    columns = '[columns]\ntext = "body"\nid = "article_id"\noutlet = "source"\n'
    config.write_text(
        f'[corpus]\npaths = ["${{FRAMING_TEST_STUDY}}/news.csv"]\n{columns}[lexicons]\nactors = "$HOME/actors.csv"\n'
        'terms = "$FRAMING_TEST_STUDY/price$$list.csv"\nignore = ""\n[output]\nfolder = "$HOME/results"\n',
        encoding="utf-8",
    )
    read = load_config(config)
    assert read.corpus == (study / "news.csv",)
    assert (read.actors, read.terms, read.output) == (study / "actors.csv", study / "price$list.csv", study / "results")
    monkeypatch.delenv("FRAMING_TEST_STUDY")
    monkeypatch.setenv("HOME", "")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    assert str(caught.value) == (
        f"{config}: 4 paths name environment variables that are missing: 'corpus.paths' lists "
        "'${FRAMING_TEST_STUDY}/news.csv': the environment variable $FRAMING_TEST_STUDY is not set; 'lexicons.actors' "
        "= '$HOME/actors.csv': the environment variable $HOME is set but empty; 'lexicons.terms' = "
        "'$FRAMING_TEST_STUDY/price$$list.csv': the environment variable $FRAMING_TEST_STUDY is not set; "
        "'output.folder' = '$HOME/results': the environment variable $HOME is set but empty. For each, set it where "
        "the command or JupyterLab starts (export NAME=/path/to/folder), or write the path itself (a $ of a file "
        "name is written $$)"
    )


def test_the_text_column_named_as_another_role_too_is_refused(study, capsys):
    # id = "body" beside text = "body" (or text = "id" with the default id column): every article's text became
    # its doc_id (or outlet, date ...) without a word. Refused, naming the key or the option; a title may be the text.
    config = study / "framing.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('id = "article_id"', 'id = "body"'), encoding="utf-8")
    with pytest.raises(FramingInputError) as caught:
        load_config(config)
    assert str(caught.value) == (
        f"{config}: 'columns.id' is 'body', the text column too ('columns.text'): every article's text would be its "
        'id; write the id column\'s name, or id = "" for none'
    )
    config.write_text('[columns]\ntext = "id"\n', encoding="utf-8")
    with pytest.raises(FramingInputError, match="^" + re.escape(f"{config}: the default id column is 'id', the text")):
        load_config(config)
    news = str(study / "news.csv")
    assert main(["count", news, "--text-column", "body", "--outlet-column", "body", "--out", str(study / "o")]) == 2
    assert capsys.readouterr().err.endswith(
        "framing: error: columns: the text column 'body' is also the outlet column: every article's text would be its "
        'outlet; name the outlet column with --outlet-column NAME, or --outlet-column "" for none (outlet = "..." '
        "under [columns] of framing.toml)\n"
    )
    assert not (study / "o").exists()
    assert Columns(text="title").title == "title"  # a corpus of headlines


@pytest.mark.parametrize("model", ["defualt", "Default", " default"])
def test_a_typo_of_the_default_model_names_the_key(tmp_path, model):
    # It was resolved as a file next to the configuration, and the count failed loading "/study/Default".
    path, refusal = refused(tmp_path, f'model = "{model}"\n')
    assert refusal == (
        f"{path}: 'model' = {model!r}: {tmp_path / model} does not exist (the shipped tagger is model = \"default\") "
        "(relative paths are relative to the folder of this file); correct the path"
    )


def test_messages_name_the_researchers_own_configuration_file(study, tmp_path, monkeypatch, capsys):
    # ~/study/my.toml, not framing.toml: "under [columns] of framing.toml" sent the researcher to another file.
    config = study / "my.toml"
    config.write_text(
        (study / "framing.toml").read_text(encoding="utf-8").replace('text = "body"\n', ""), encoding="utf-8"
    )
    assert main(["count", "--config", str(config), "--workers", "1", "--no-progress"]) == 2
    assert capsys.readouterr().err.endswith(
        f"news.csv, row 1: has no column 'text' (columns: article_id, body, source); name the text column with "
        f'--text-column (or text = "..." under [columns] of {config}).\n'
    )
    # The same through $FRAMING_CONFIG, for a lexicon of the wrong kind.
    monkeypatch.setenv(CONFIG_ENV_VAR, str(config))
    assert main(["count", "--actors", str(study / "terms.csv"), "--workers", "1", "--no-progress"]) == 2
    assert f"actors under [lexicons] of {config}, --actors of framing)" in capsys.readouterr().err
    # A notebook's parameters cell read it: its path checks name it too.
    monkeypatch.chdir(tmp_path)
    load_config()
    with pytest.raises(FramingInputError, match=rf"or under \[corpus\] of {config}$"):
        as_paths("nope.csv")
    # Without a configuration the message names the file to write, as before.
    monkeypatch.delenv(CONFIG_ENV_VAR)
    assert main(["count", str(study / "news.csv"), "--out", str(tmp_path / "out"), "--no-progress"]) == 2
    assert capsys.readouterr().err.endswith('(or text = "..." under [columns] of framing.toml).\n')


def test_a_folder_named_as_the_configuration_says_to_name_the_file_in_it(study, monkeypatch):
    # FRAMING_CONFIG=~/study was "configuration file not found", though the file is there.
    monkeypatch.setenv(CONFIG_ENV_VAR, str(study))
    with pytest.raises(FramingInputError) as caught:
        load_config()
    assert str(caught.value) == (
        f"{study}: is a folder, not a configuration file (from $FRAMING_CONFIG): name the .toml file in it "
        "(it holds framing.toml)"
    )

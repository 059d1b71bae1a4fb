"""The lexicon workbench: check, report and suggestions on small hand-made lexicons and texts."""

from __future__ import annotations

import hashlib
import json
import math

import pandas as pd
import pytest

from analysis.cli import main
from analysis.ingest import documents_from_texts as _documents_from_texts
from analysis.lexicon import load_actors, load_ignore, load_terms
from analysis.paths import data_path
from analysis.pipeline import FramingCounter
from analysis.tables import COLLOCATES, KEYWORDS, LEXICON_CHECK, LEXICON_FORMS, LEXICON_REPORT, VARIANTS
from analysis.workbench import check_lexicon, keyness, lexicon_report, suggest_collocates, suggest_variants
from analysis.workbench.corpus_scan import log_likelihood

BAD_ACTORS = """actor,alias,type,clitics,suffixes,inner_article
Haftar,حفتر,person,,,
Haftar,لحفتر,person,,,
Egypt,مصر,state,sometimes,plural,
Egypt,حَفتر,state,,,
CIA,CIA,agency,conjunctions,,
"""
BAD_TERMS = """term,category,suffixes
شهيد,violence_violation,
الشهيد,violence_violation,
مجزرة,violence_violation,accusative
مليشي*,delegitimizing_label,pronouns
"""
IGNORE = "phrase,applies_to\nمكتب البريد,actor\n"


def documents_from_texts(texts: dict[str, str]) -> pd.DataFrame:
    return _documents_from_texts(list(texts.values()), list(texts))


def found(findings: pd.DataFrame, file: str, row: int) -> list[tuple[str, str]]:
    rows = findings[(findings["file"] == file) & (findings["lexicon_row"] == row)]
    return list(zip(rows["level"], rows["problem"]))


@pytest.fixture
def bad_lexicons(write_csv):
    return write_csv("actors.csv", BAD_ACTORS), write_csv("terms.csv", BAD_TERMS), write_csv("ignore.csv", IGNORE)


def test_check_names_every_problem_at_once_with_file_and_row(bad_lexicons):
    findings = check_lexicon(*bad_lexicons)
    assert list(findings.columns) == list(LEXICON_CHECK.names)
    # The generated forms: لحفتر next to حفتر, الشهيد next to شهيد.
    assert found(findings, "actors.csv", 3) == [
        ("error", "a form the matcher generates from row 2 ('حفتر', filed under 'Haftar'): it adds no match "
                  "and splits one word across two rows"),
    ]  # fmt: skip
    assert found(findings, "terms.csv", 3)[0][1].startswith("a form the matcher generates from row 2 ('شهيد'")
    # Both bad cells of one row, not only the first.
    problems = [p for _, p in found(findings, "actors.csv", 4)]
    assert len(problems) == 2 and problems[0].startswith("clitics 'sometimes' is not one of")
    assert problems[1].startswith("suffixes 'plural': plural not understood")
    # One spelling (after normalization: the fatha goes) under two actors.
    assert found(findings, "actors.csv", 5) == [
        ("error", "the same spelling as row 2 ('حفتر'), which is filed under 'Haftar'/'person', not 'Egypt'/'state'")
    ]
    # Rule cells that parse but do nothing.
    assert found(findings, "actors.csv", 6) == [
        ("warning", "clitics does nothing: proclitics are generated only on an Arabic first word")
    ]
    assert found(findings, "terms.csv", 4) == [
        ("warning", "suffixes 'accusative' adds no form to 'مجزرة' (a word ending in ة)")
    ]
    assert found(findings, "terms.csv", 5)[0][1].startswith("suffixes does nothing: the last word ends in '*'")
    assert found(findings, "ignore.csv", 2) == [
        ("warning", "cancels nothing: no actor entry stands inside this phrase")
    ]
    assert findings["level"].value_counts().to_dict() == {"error": 5, "warning": 4}


def test_the_loader_refuses_what_check_calls_an_error(bad_lexicons):
    from analysis.errors import LexiconError

    with pytest.raises(LexiconError) as refused:
        load_actors(bad_lexicons[0])
    assert {p.row for p in refused.value.problems} == {3, 4, 5}


def test_check_notes_an_entry_inside_a_longer_entry_of_another_label(write_csv):
    actors = write_csv(
        "a.csv", "actor,alias\nKhalifa Haftar,حفتر\nSaddam Haftar,صدام حفتر\nKhalifa Haftar,خليفة حفتر\n"
    )
    findings = check_lexicon(actors)
    mine = findings[findings["file"] == "a.csv"]
    assert list(zip(mine["lexicon_row"], mine["level"])) == [(2, "note")]
    assert "inside row 3 ('صدام حفتر', filed under 'Saddam Haftar')" in mine["problem"].item()


def test_a_term_inside_a_longer_term_is_not_told_to_share_a_label_terms_cannot_have(write_csv):
    # A newcomer's coup terms: انقلاب and انقلاب عسكري. The note said "otherwise file both rows under one label",
    # but a term's label is the term itself; the way to count انقلاب inside the phrase is to delete the phrase.
    terms = write_csv("t.csv", "term,category\nانقلاب,anti_regime\nانقلاب عسكري,anti_regime\n")
    findings = check_lexicon(terms=terms, ignore="", categories="")
    note = findings[findings["file"] == "t.csv"]
    assert note[["lexicon_row", "level"]].values.tolist() == [[2, "note"]]
    assert note["advice"].item() == (
        "intended when the longer phrase is a frame of its own (الحرب على الإرهاب, not إرهاب); otherwise delete "
        "row 3 ('انقلاب عسكري'), and 'انقلاب' counts there too (a term is its own label: two rows cannot share one)"
    )
    actors = check_lexicon(write_csv("a.csv", "actor,alias\nKhalifa Haftar,حفتر\nSaddam Haftar,صدام حفتر\n"))
    assert actors.loc[actors["file"] == "a.csv", "advice"].item().endswith("otherwise file both rows under one label")


def test_an_idle_row_of_the_bundled_ignore_list_says_how_to_drop_the_list(write_csv):
    # A lexicon of one's own with the bundled ignore list (the default): its row 5 (عشوائيات) cancels
    # nothing, and the advice is not to edit the bundled file but to give one's own list or none.
    terms = write_csv("t.csv", "term,category\nإرهاب*,terror_label\n")
    findings = check_lexicon(terms=terms, categories="")
    bundled = findings[(findings["file"] == "ignore.csv") & (findings["lexicon_row"] == 5)]
    assert bundled["problem"].tolist() == ["cancels nothing: no term entry stands inside this phrase"]
    assert 'ignore = "" under [lexicons]' in bundled["advice"].item()
    own = check_lexicon(terms=terms, ignore=write_csv("ignore.csv", "phrase,applies_to\nمكتب البريد,term\n"))
    idle = own[own["file"] == "ignore.csv"]
    assert idle["advice"].tolist() == ["delete the row, or check its spelling and its applies_to cell"]


def test_the_bundled_lexicons_have_no_errors_or_warnings():
    findings = check_lexicon()
    assert set(findings["level"]) <= {"note"}


# -- the report ------------------------------------------------------------------------------

ACTORS = "actor,alias,type\nHaftar,حفتر,person\nSarraj,السراج,person\nEgypt,مصر,state\n"
TERMS = "term,category\nشهيد,violence_violation\nعدوان,violence_violation\n"
TEXTS = {
    "a": "هاجم حفتر المدينة. وقال لحفتر «إن الشهيد لن يعود أبدا» ثم رحل.",
    "b": "التقى السراج بحفتر. لا شهيد اليوم.",
}


@pytest.fixture
def counter(write_csv):
    return FramingCounter(load_actors(write_csv("actors.csv", ACTORS)), load_terms(write_csv("terms.csv", TERMS)),
                          ignore=None)  # fmt: skip


def test_report_counts_hits_documents_and_surface_forms_and_keeps_entries_that_never_match(counter):
    documents = documents_from_texts(TEXTS)
    result = counter.count(documents)
    report = lexicon_report(counter, result.hits, documents)
    entries = report.entries.set_index("entry")
    assert list(report.entries.columns) == list(LEXICON_REPORT.names)
    assert list(report.entries["entry"]) == ["حفتر", "السراج", "مصر", "شهيد", "عدوان"]  # lexicon order
    haftar = entries.loc["حفتر"]
    assert (haftar["n"], haftar["n_docs"], haftar["share_docs"], haftar["n_forms"]) == (3, 2, 1.0, 3)
    assert haftar["top_forms"] == "بحفتر 1 | حفتر 1 | لحفتر 1" and haftar["share_quoted"] == 0.0
    martyr = entries.loc["شهيد"]
    assert (martyr["n"], martyr["share_quoted"], martyr["share_negated"]) == (2, 0.5, 0.5)  # quoted in a, لا in b
    for never in ("مصر", "عدوان"):
        assert entries.loc[never, "n"] == 0 and entries.loc[never, "n_docs"] == 0
        assert pd.isna(entries.loc[never, "share_quoted"]) and entries.loc[never, "top_forms"] == ""
    forms = report.forms
    assert list(forms.columns) == list(LEXICON_FORMS.names)
    assert list(zip(forms["entry"], forms["form"], forms["surface"], forms["n"])) == [
        ("حفتر", "بحفتر", "بحفتر", 1), ("حفتر", "حفتر", "حفتر", 1), ("حفتر", "لحفتر", "لحفتر", 1),
        ("السراج", "السراج", "السراج", 1), ("شهيد", "الشهيد", "الشهيد", 1), ("شهيد", "شهيد", "شهيد", 1),
    ]  # fmt: skip


def test_report_shares_have_four_decimals(counter):
    # Three documents, Haftar in a and b: 2/3 of them; شهيد quoted once of 2 in a and b plus 1 unquoted in c.
    documents = documents_from_texts({**TEXTS, "c": "سقط شهيد في القرية."})
    entries = lexicon_report(counter, counter.count(documents).hits, documents).entries.set_index("entry")
    assert entries.loc["حفتر", "share_docs"] == 0.6667 and entries.loc["السراج", "share_docs"] == 0.3333
    assert (entries.loc["شهيد", "share_quoted"], entries.loc["شهيد", "share_negated"]) == (0.3333, 0.3333)


def test_report_refuses_hits_of_other_lexicons(counter):
    hits = FramingCounter().count(documents_from_texts(TEXTS)).hits
    with pytest.raises(ValueError, match="not rows of these lexicons"):
        lexicon_report(counter, hits)


# -- suggestions -----------------------------------------------------------------------------

VARIANT_TEXTS = {
    "a": "شنت القوات عدوانا جديدا على المدينة.",
    "b": "وصفه الوزير بأنه عدوانا سافرا، وهذا العدوان مرفوض.",
    "c": "تكررت العدوانات على القرى.",
}


def test_variants_finds_unlisted_inflections_with_their_counts_and_examples(write_csv):
    terms = load_terms(write_csv("t.csv", "term,category,suffixes\nعدوان,violence_violation,none\n"))
    actors = load_actors(write_csv("a.csv", "actor,alias\nEgypt,مصر\n"))
    variants = suggest_variants(documents_from_texts(VARIANT_TEXTS), [actors, terms], min_count=1)
    assert list(variants.columns) == list(VARIANTS.names)
    assert list(zip(variants["candidate"], variants["ending"], variants["surface"], variants["n"],
                    variants["n_docs"])) == [("عدوانا", "ا", "عدوانا", 2, 2), ("عدوانات", "ات", "العدوانات", 1, 1)]  # fmt: skip
    assert variants["examples"].iloc[0] == (
        "شنت القوات [عدوانا] جديدا على المدينة. ‖ وصفه الوزير بأنه [عدوانا] سافرا، وهذا العدوان مرفوض."
    )
    assert suggest_variants(documents_from_texts(VARIANT_TEXTS), [actors, terms], min_count=2)["n"].tolist() == [2]


def test_variants_are_not_suggested_where_the_entry_already_matches(write_csv):
    terms = load_terms(write_csv("t.csv", "term,category\nعدوان,violence_violation\n"))  # the accusative is generated
    variants = suggest_variants(documents_from_texts(VARIANT_TEXTS), [terms], min_count=1)
    assert variants.empty and list(variants.columns) == list(VARIANTS.names)


def test_collocates_count_the_words_near_an_actor_and_score_them(write_csv):
    actors = load_actors(write_csv("a.csv", "actor,alias\nHaftar,حفتر\n"))
    counter = FramingCounter(actors, load_terms(write_csv("t.csv", "term,category\nشهيد,x\n")), ignore=None)
    texts = {"d1": "قال المشير حفتر اليوم", "d2": "وصل المشير حفتر أمس", "d3": "المشير حفتر يتحدث",
             "d4": "الطقس جميل في المدينة اليوم"}  # fmt: skip
    # 16 words; the windows of 2 words around the 3 hits hold 3 + 3 + 2 = 8; المشير is 3 of them and 3 in all.
    collocates = suggest_collocates(documents_from_texts(texts), counter, window=2, min_count=2)
    assert list(collocates.columns) == list(COLLOCATES.names)
    row = collocates.iloc[0]
    assert len(collocates) == 1 and (row["label"], row["word"], row["n"], row["n_word"]) == ("Haftar", "المشير", 3, 3)
    assert row["n_expected"] == 1.5 and row["pmi"] == 1.0
    assert row["log_likelihood"] == round(6 * math.log(2), 4) == 4.1589  # 2 * 3 * ln(3 / 1.5), 4 decimals
    assert row["examples"].split(" ‖ ")[0] == "قال [المشير] حفتر اليوم"


def test_collocates_and_keywords_leave_out_stop_words_by_default(write_csv):
    actors = load_actors(write_csv("a.csv", "actor,alias\nHaftar,حفتر\n"))
    counter = FramingCounter(actors, load_terms(write_csv("t.csv", "term,category\nشهيد,x\n")), ignore=None)
    texts = {f"d{i}": "وصل إلى حفتر المشير" for i in range(3)} | {"d9": "الطقس جميل في المدينة اليوم"}
    documents = documents_from_texts(texts)
    kept = suggest_collocates(documents, counter, window=2, min_count=3, min_log_likelihood=0)
    every = suggest_collocates(documents, counter, window=2, min_count=3, min_log_likelihood=0, stop_words=())
    # إلى (normalized الي) stands next to every hit but is a stop word of the bundled list
    assert sorted(kept["word"]) == ["المشير", "وصل"]
    assert sorted(every["word"]) == ["المشير", "الي", "وصل"]
    reference = documents_from_texts({"r": "الطقس جميل اليوم"})
    keywords = keyness(documents, reference, [], min_count=1, min_log_likelihood=0)["word"].tolist()
    every_keyword = keyness(documents, reference, [], min_count=1, min_log_likelihood=0, stop_words=())["word"].tolist()
    assert sorted(keywords) == ["المدينه", "المشير", "حفتر", "وصل"]
    assert sorted(every_keyword) == ["المدينه", "المشير", "الي", "حفتر", "في", "وصل"]


def test_keyness_against_a_reference_corpus():
    target = documents_from_texts({"t": "حرب حرب حرب سلام"})
    reference = documents_from_texts({"r": "سلام سلام سلام حرب"})
    keywords = keyness(target, reference, [], min_count=1, min_log_likelihood=0)
    assert list(keywords.columns) == list(KEYWORDS.names)
    assert keywords[["word", "n", "n_ref", "per_1000", "per_1000_ref"]].values.tolist() == [["حرب", 3, 1, 750.0, 250.0]]
    # G2 = 2 * (3 ln(3/2) + 1 ln(1/2)) = 1.046496; log ratio = log2(3/1)
    assert keywords["log_likelihood"].item() == 1.0465  # 1.046496 rounded to the tables' 4 decimals
    assert keywords["log_ratio"].item() == round(math.log2(3), 4) == 1.585
    assert keyness(target, reference, [], min_count=1).empty  # not significant at p < 0.05


def test_log_likelihood_of_equal_rates_is_zero():
    assert log_likelihood(5, 10, 100, 200) == 0.0


# -- the command -----------------------------------------------------------------------------


def test_check_command_exits_2_and_prints_file_and_row(bad_lexicons, capsys, tmp_path):
    actors, terms, ignore = bad_lexicons
    status = main(["lexicon", "check", "--actors", str(actors), "--terms", str(terms), "--ignore", str(ignore),
                   "--out", str(tmp_path / "out")])  # fmt: skip
    printed = capsys.readouterr().out
    assert status == 2
    assert "actors.csv, row 3: error: 'لحفتر' a form the matcher generates from row 2" in printed
    assert "5 error(s), 4 warning(s), 0 note(s)" in printed
    written = pd.read_csv(tmp_path / "out" / "lexicon_check.csv")
    assert len(written) == 9 and list(written.columns) == list(LEXICON_CHECK.names)


def test_check_command_passes_the_bundled_lexicons(capsys):
    assert main(["lexicon", "check"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_check_command_names_where_its_notes_are_only_where_they_are_written(capsys, tmp_path):
    # nc20c: the summary sent a reader to lexicon_check.csv, a file written only with --out.
    assert main(["lexicon", "check"]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary.endswith("note(s) (notes listed with --notes, or in lexicon_check.csv with --out DIR)")
    assert main(["lexicon", "check", "--out", str(tmp_path / "check")]) == 0
    printed = capsys.readouterr().out
    assert f"(notes listed with --notes, or in {tmp_path / 'check' / 'lexicon_check.csv'})" in printed
    assert (tmp_path / "check" / "lexicon_check.csv").is_file()


def test_report_and_suggest_commands_write_their_tables(write_csv, tmp_path, capsys):
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    reference = write_csv("reference.csv", 'id,text\nr,"الطقس جميل اليوم"\n')
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    assert main(["lexicon", "report", str(corpus), *lexicons, "--workers", "1", "--out", str(tmp_path / "report")]) == 0
    printed = capsys.readouterr().out
    assert "2 document(s), 6 hit(s); 2 of 5 entries never match" in printed
    # The idle rows are named, so a misspelled entry is seen without opening the table.
    assert "never match (n 0 in lexicon_report.csv" in printed
    assert "\n  actors.csv, 1 of 3 entries: row 4 'مصر'\n  terms.csv, 1 of 2 entries: row 3 'عدوان'\n" in printed
    report = pd.read_csv(tmp_path / "report" / "lexicon_report.csv")
    assert report["n"].tolist() == [3, 1, 0, 2, 0]
    assert len(pd.read_csv(tmp_path / "report" / "lexicon_forms.csv")) == 6
    out = tmp_path / "suggest"
    status = main(["lexicon", "suggest", str(corpus), *lexicons, "--reference", str(reference), "--min-count", "1",
                   "--out", str(out)])  # fmt: skip
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "collocates.csv", "keywords.csv", "manifest.json", "skipped.csv", "variants.csv"
    ]  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["command"] == "framing lexicon suggest"
    assert (
        manifest["lexicons"]["actors"]["sha256"] == hashlib.sha256((tmp_path / "actors.csv").read_bytes()).hexdigest()
    )
    assert set(manifest["tables"]) == {"collocates.csv", "keywords.csv", "skipped.csv", "variants.csv"}


def test_report_and_suggest_list_the_records_they_skip(write_csv, tmp_path, capsys):
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()) + "e,\n")
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    assert main(["lexicon", "report", str(corpus), *lexicons, "--workers", "1", "--out", str(tmp_path / "r")]) == 2
    assert (
        "row 4: empty text (use --skip-bad to skip and report such records: each is a row of skipped.csv in the output folder)"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "r").exists()
    for command in ("report", "suggest"):
        out = tmp_path / command
        assert main(["lexicon", command, str(corpus), *lexicons, "--skip-bad", "--out", str(out)]) == 0
        assert "skipped (errors): 1 report row(s): 1 empty text; see skipped.csv" in capsys.readouterr().err
        skipped = pd.read_csv(out / "skipped.csv", dtype=str)
        assert skipped[["row", "doc_id", "problem", "action"]].values.tolist() == [["4", "e", "empty text", "skipped"]]
        assert "skipped.csv" in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tables"]


def test_a_failed_write_leaves_no_folder_the_lexicon_commands_created(write_csv, tmp_path, capsys, monkeypatch):
    # --out x/new/run where x exists: a table that cannot be written (a full disk) leaves x empty, as a failed
    # framing count does; a parent that holds a file of its own stays, with the file.
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    tables = []

    def full_disk(self, stream, **options):  # the first table of a run is written, the next fills the disk
        if tables and command != "check":
            raise OSError(28, "No space left on device")
        tables.append(stream.write("x\n"))
        if command == "check":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    (tmp_path / "x").mkdir()
    out = tmp_path / "x" / "new" / "run"
    for command, args in (("report", [corpus, "--workers", "1"]), ("suggest", [corpus]), ("check", [])):
        tables.clear()
        assert main(["lexicon", command, *map(str, args), *lexicons, "--out", str(out)]) == 2, command
        assert "No space left on device" in capsys.readouterr().err
        assert list((tmp_path / "x").iterdir()) == [], command
    (tmp_path / "x" / "new").mkdir()
    (tmp_path / "x" / "new" / "notes.txt").write_text("mine", encoding="utf-8")
    command = "report"
    tables.clear()
    assert main(["lexicon", "report", str(corpus), *lexicons, "--workers", "1", "--out", str(out / "deeper")]) == 2
    assert sorted(p.name for p in (tmp_path / "x" / "new").iterdir()) == ["notes.txt"]


def test_a_manifest_that_fails_to_be_written_leaves_none_of_the_previous_run(write_csv, tmp_path, monkeypatch):
    # The earlier run's manifest.json went on describing the tables this run had just replaced (their SHA-256
    # no longer theirs): it goes first now, as in framing count, so the folder has no manifest rather than a stale one.
    import analysis.provenance

    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    out = tmp_path / "report"
    assert main(["lexicon", "report", str(corpus), *lexicons, "--workers", "1", "--out", str(out)]) == 0
    assert (out / "manifest.json").exists()
    (tmp_path / "corpus.csv").write_text("id,text\nz,مصر\n", encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(analysis.provenance, "write_manifest", full_disk)
    assert main(["lexicon", "report", str(corpus), *lexicons, "--workers", "1", "--out", str(out)]) == 2
    assert not (out / "manifest.json").exists()
    assert pd.read_csv(out / "lexicon_report.csv")["n"].sum() == 1  # this run's tables


def test_report_and_suggest_keep_counts_document_size_limit(write_csv, tmp_path, capsys):
    texts = {**TEXTS, "long": "حفتر " * 100}  # 900 bytes of UTF-8 text, above 0.0005 MB; the others are below
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in texts.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    limit = ["--max-document-mb", "0.0005"]
    assert main(["lexicon", "report", str(corpus), *lexicons, *limit, "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "corpus.csv, row 4: document of " in err and "MB, above the limit of 0.0005 MB" in err
    for command in ("report", "suggest"):
        out = tmp_path / command
        assert main(["lexicon", command, str(corpus), *lexicons, *limit, "--skip-bad", "--out", str(out)]) == 0
        skipped = pd.read_csv(out / "skipped.csv", dtype=str)
        assert skipped[["row", "doc_id", "action"]].values.tolist() == [["4", "long", "skipped"]]
    assert "2 document(s)" in capsys.readouterr().out


def test_suggest_without_reference_removes_an_earlier_runs_keywords(write_csv, tmp_path, capsys):
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    reference = write_csv("reference.csv", 'id,text\nr,"الطقس جميل اليوم"\n')
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    out = tmp_path / "suggest"
    assert main(["lexicon", "suggest", str(corpus), *lexicons, "--reference", str(reference), "--out", str(out)]) == 0
    assert (out / "keywords.csv").is_file()
    assert main(["lexicon", "suggest", str(corpus), *lexicons, "--out", str(out)]) == 0
    assert "removed" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["collocates.csv", "manifest.json", "skipped.csv", "variants.csv"]


@pytest.mark.parametrize("command", ["check", "report", "suggest"])
def test_lexicon_commands_refuse_an_out_that_is_a_file_before_any_work(write_csv, tmp_path, capsys, command):
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    target = tmp_path / "a_file"
    target.write_text("keep", encoding="utf-8")
    paths = [] if command == "check" else [str(corpus)]
    assert main(["lexicon", command, *paths, *lexicons, "--out", str(target)]) == 2
    captured = capsys.readouterr()
    assert "a_file: exists and is not a folder: choose a folder for --out" in captured.err
    assert "error(s)" not in captured.out  # refused before the lexicons were checked
    assert target.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("command", ["report", "suggest"])
def test_report_and_suggest_refuse_an_out_inside_the_input_folder(write_csv, tmp_path, capsys, command):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[next(iter(TEXTS))], encoding="utf-8")
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    assert main(["lexicon", command, str(folder), *lexicons, "--out", str(folder / "out")]) == 2
    assert "is inside the input folder" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_report_and_suggest_take_the_progress_options_as_count_does(write_csv, tmp_path, capsys):
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    for command, flag in (("report", "--no-progress"), ("suggest", "--no-progress"), ("report", "--progress")):
        out = tmp_path / f"{command}{flag}"
        assert main(["lexicon", command, str(corpus), *lexicons, "--workers" if command == "report" else "--top",
                     "1", flag, "--out", str(out)]) == 0  # fmt: skip
        # Left out of the manifest, as for count: the same run with or without a bar is the same run.
        assert "progress" not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parameters"]
    assert "2 document(s), 6 hit(s)" in capsys.readouterr().out


def test_lexicon_commands_follow_the_configuration(write_csv, tmp_path, capsys):
    write_csv("corpus.csv", "id,body\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    write_csv("actors.csv", ACTORS)
    write_csv("terms.csv", TERMS)
    config = tmp_path / "framing.toml"
    config.write_text(
        '[corpus]\npaths = ["corpus.csv"]\n[columns]\ntext = "body"\n'
        '[lexicons]\nactors = "actors.csv"\nterms = "terms.csv"\nignore = ""\n[output]\nfolder = "out"\n',
        encoding="utf-8",
    )
    assert main(["lexicon", "check", "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert f"actor lexicon: {tmp_path / 'actors.csv'}" in err and "ignore list: none" in err
    assert main(["lexicon", "report", "--config", str(config), "--workers", "1"]) == 0
    assert "2 document(s), 6 hit(s)" in capsys.readouterr().out
    assert (tmp_path / "out" / "lexicon-report" / "manifest.json").is_file()


def test_check_warns_of_a_category_the_categories_file_lacks(write_csv):
    terms = write_csv(
        "terms.csv", "term,category\nعدوان,violence_violation\nمجزرة,violance_violation\nقصف,violance_violation\n"
    )
    findings = check_lexicon(terms=terms, ignore="")
    warned = findings[findings["level"] == "warning"]
    assert warned["lexicon_row"].tolist() == [3]
    assert "'violance_violation' (2 row(s)) is not in the bundled categories file" in warned["problem"].item()
    assert "did you mean 'violence_violation'?" in warned["advice"].item()


def test_a_category_missing_from_the_bundled_file_says_where_a_copy_is_named(write_csv):
    """``framing lexicon check`` has no option for the categories file: the advice names the bundled
    file and the configuration key, not a "categories file" the researcher never gave."""
    terms = write_csv("terms.csv", "term,category\nعدوان,violence\n")
    findings = check_lexicon(terms=terms, ignore="")
    (advice,) = findings[findings["level"] == "warning"]["advice"]
    assert "copy data/lexicons/categories.csv, add it there with its display names" in advice
    assert "categories under [lexicons] of framing.toml (framing lexicon check --config FILE)" in advice
    own = write_csv("categories.csv", "category,name_en,name_ar\nstigma,stigma,الوصم\n")
    findings = check_lexicon(terms=terms, ignore="", categories=own)
    (problem, advice) = findings[findings["level"] == "warning"][["problem", "advice"]].iloc[0]
    assert "is not in the categories file (stigma)" in problem
    assert advice.endswith("or add it to your categories file with its display names")


def test_report_names_the_idle_entries_of_each_file(write_csv, tmp_path, capsys):
    """A small term file's idle rows are listed beside a large actor file's, not after its first ten."""
    actors = "actor,alias,type\n" + "".join(f"A{i},اسم{chr(0x628 + i)}خاص,person\n" for i in range(12))
    corpus = write_csv("corpus.csv", 'id,text\na,"وقع عدوان على المدينة"\n')
    lexicons = ["--actors", str(write_csv("actors.csv", actors)), "--terms", str(write_csv("terms.csv", TERMS))]
    assert main(["lexicon", "report", str(corpus), *lexicons, "--ignore", "", "--workers", "1",
                 "--out", str(tmp_path / "report")]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "  actors.csv, 12 of 12 entries: row 2 " in printed and "; and 2 more\n" in printed
    assert "\n  terms.csv, 1 of 2 entries: row 2 'شهيد'\n" in printed


def test_suggest_command_stops_on_a_missing_corpus(tmp_path, capsys):
    assert main(["lexicon", "suggest", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out")]) == 2
    assert "missing.csv" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_check_warns_of_an_actor_type_not_in_the_list(write_csv):
    actors = write_csv("actors.csv", "actor,alias,type\nHaftar,حفتر,person\nHouthis,الحوثي,grup\nHamas,حماس,grup\n")
    findings = check_lexicon(actors, ignore="", categories="").query("file == 'actors.csv'")
    assert list(zip(findings["lexicon_row"], findings["level"], findings["entry"])) == [(3, "warning", "الحوثي")]
    assert findings["problem"].item() == (
        "type 'grup' (row(s) 3, 4) is not an actor type (person, state, government, armed_group, agency, "
        "organization, media, place, nisba): hits.csv and figures give it as a class of its own"
    )
    assert findings["advice"].item() == "correct the type to one of the allowed types"
    misspelt = write_csv("a2.csv", "actor,alias,type\nHaftar,حفتر,persn\n")
    assert (
        check_lexicon(misspelt, ignore="", categories="")
        .query("file == 'a2.csv'")["advice"]
        .item()
        .startswith("did you mean 'person'? ")
    )
    # A type of one's own that only shares letters with an allowed one gets no hint (protesters are no armed_group)
    own = write_csv("a3.csv", "actor,alias,type\nProtesters,المتظاهرين,group\nArmy,الجيش,armed group\n")
    advice = check_lexicon(own, ignore="", categories="").query("file == 'a3.csv'")["advice"].tolist()
    assert advice == [
        "correct the type to one of the allowed types",
        "did you mean 'armed_group'? correct the type to one of the allowed types",
    ]


def test_the_ignore_list_loads_as_check_reads_it(bad_lexicons):
    assert [e.written for e in load_ignore(bad_lexicons[2]).entries] == ["مكتب البريد"]


def test_variants_take_inflectional_endings_only(write_csv):
    actors = load_actors(write_csv("a.csv", "actor,alias\nEgypt,مصر\n"))
    texts = {"a": "قال المسؤولون المصريون إن المصرف أغلق.", "b": "زار المصريين ومصرف الدولة."}
    variants = suggest_variants(documents_from_texts(texts), [actors], min_count=1)
    # مصرف "bank" starts with مصر but ف is no inflection; the nisba plurals are.
    assert list(zip(variants["candidate"], variants["ending"], variants["n"])) == [("مصريون", "يون", 1),
                                                                                  ("مصريين", "يين", 1)]  # fmt: skip


def test_variants_replace_a_final_alef_as_they_replace_taa_marbuta(write_csv):
    terms = load_terms(write_csv("t.csv", "term,category,suffixes\nميليشيا,delegitimizing_label,none\nخطأ,x,none\n"))
    texts = {"a": "هاجمت الميليشيات المدينة، وقالت الميليشيا إن ميليشياتها انسحبت.", "b": "أخطاء وخطأين"}
    variants = suggest_variants(documents_from_texts(texts), [terms], min_count=1)
    # ميليشيات: the plural replaces the alef; خطأ ends in hamza, not a replaced alef (stem خطا, ending ين).
    assert list(zip(variants["candidate"], variants["ending"], variants["surface"], variants["n"])) == [
        ("ميليشيات", "ات", "الميليشيات", 1),
        ("ميليشياتها", "اتها", "ميليشياتها", 1),
        ("خطاين", "ين", "وخطأين", 1),
    ]


def test_an_entry_written_in_one_case_of_the_plural_is_offered_the_other(write_csv):
    """A spreadsheet user types «المتمردين» from a text; the nominative «المتمردون» is a candidate (Yemen pilot)."""
    terms = load_terms(write_csv("t.csv", "term,category\nالمتمردين,x\nالإخوان المسلمين,y\nبوتين,z\n"))
    texts = {
        "a": "قال المتمردون إنهم انسحبوا، وإن المتمردين سيعودون.",
        "b": "وأعلن الإخوان المسلمون موقفهم من المتمردين.",
        "c": "زار بوتينا وبوتينه المدينة.",  # endings of a name ending in ين are not offered, only the other case
    }
    variants = suggest_variants(documents_from_texts(texts), [terms], min_count=1)
    assert list(zip(variants["entry"], variants["candidate"], variants["ending"], variants["surface"], variants["n"])) == [
        ("المتمردين", "متمردون", "ون", "المتمردون", 1),  # in the lexicon's order
        ("الإخوان المسلمين", "مسلمون", "ون", "الإخوان المسلمون", 1),
    ]  # fmt: skip


def test_a_name_ending_like_a_plural_keeps_its_nisba_candidates(write_csv):
    """فلسطين ends in ين: its people (الفلسطينيين, 17 in the 1k sample) stay candidates beside the other case."""
    actors = load_actors(write_csv("a.csv", "actor,alias,type\nPalestine,فلسطين,state\nRebels,عناصر المتمردين,group\n"))
    texts = {
        "a": "قال الفلسطينيون إن الفلسطينيين لن يغادروا فلسطين.",
        "b": "وانسحب عناصر المتمردون، وقالت عناصر المتمرديني شيئا.",  # the nisba of the whole word, rare but offered
        "c": "فلسطون ليست كلمة.",  # the other case of a name is offered too (the rule cannot tell names)
    }
    variants = suggest_variants(documents_from_texts(texts), [actors], min_count=1)
    assert list(zip(variants["entry"], variants["candidate"], variants["ending"], variants["surface"])) == [
        ("فلسطين", "فلسطون", "ون", "فلسطون"),  # each seen once: in candidate order
        ("فلسطين", "فلسطينيون", "يون", "الفلسطينيون"),
        ("فلسطين", "فلسطينيين", "يين", "الفلسطينيين"),
        ("عناصر المتمردين", "متمردون", "ون", "عناصر المتمردون"),
        ("عناصر المتمردين", "متمرديني", "ي", "عناصر المتمرديني"),
    ]  # fmt: skip


def test_check_command_names_a_missing_file(tmp_path, capsys):
    assert main(["lexicon", "check", "--actors", str(tmp_path / "nope.csv")]) == 2
    printed = capsys.readouterr().out
    assert "nope.csv: error: cannot be read (No such file or directory)" in printed
    assert "1 error(s), 0 warning(s)" in printed


def test_variants_of_a_multi_word_entry_look_at_its_last_word(write_csv):
    terms = load_terms(write_csv("t.csv", "term,category,suffixes\nجرائم حرب,violence_violation,none\n"))
    texts = {"a": "ارتكبت جرائم حربية في المدينة، وهي جرائم حرب بلا شك.", "b": "حربية جديدة"}
    variants = suggest_variants(documents_from_texts(texts), [terms], min_count=1)
    # Only after جرائم: the lone حربية of b is no variant of the two-word entry.
    assert list(zip(variants["candidate"], variants["surface"], variants["n"])) == [("حربيه", "جرائم حربية", 1)]
    assert variants["examples"].item() == "ارتكبت [جرائم حربية] في المدينة، وهي جرائم حرب بلا شك."


def test_collocate_windows_stay_in_the_paragraph(write_csv):
    actors = load_actors(write_csv("a.csv", "actor,alias\nHaftar,حفتر\n"))
    counter = FramingCounter(actors, load_terms(write_csv("t.csv", "term,category\nشهيد,x\n")), ignore=None)
    texts = {"d1": "المشير حفتر\n\nالطقس", "d2": "المشير حفتر\n\nالطقس", "d3": "الطقس جميل اليوم والطقس"}
    collocates = suggest_collocates(documents_from_texts(texts), counter, window=3, min_count=1, min_log_likelihood=0)
    # الطقس follows حفتر twice, but in the next paragraph: it is never in a window.
    assert collocates["word"].tolist() == ["المشير"] and collocates["n"].tolist() == [2]


def test_an_unknown_label_is_named(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text('id,text\na,"قال حفتر"\n', encoding="utf-8")
    assert main(["lexicon", "suggest", str(corpus), "--label", "Haftar", "--out", str(tmp_path / "out")]) == 2
    assert "no actor is called 'Haftar'; the actors are " in capsys.readouterr().err


def test_check_names_a_row_problem_that_a_bad_rule_cell_of_the_row_used_to_hide(write_csv):
    # sweep6: check listed only `clitics 'bad'` for these rows; count then stopped on the empty category.
    terms = write_csv(
        "terms.csv",
        "term,category,clitics\nمليشيا,label,\nعصابة,,bad\nعصابات،عصابة,label,bad\nقتلة,label,worse\n",
    )
    findings = check_lexicon(terms=terms, ignore="", categories="")
    assert [p for _, p in found(findings, "terms.csv", 3)] == [
        "empty category.",
        "clitics 'bad' is not one of all, conjunctions, none, no_article (leave the cell empty for the default).",
    ]
    row_4 = [p for _, p in found(findings, "terms.csv", 4)]
    assert len(row_4) == 2 and row_4[0].startswith("the term cell lists 2 entries separated by '،'")
    assert row_4[1].startswith("clitics 'bad' is not one of")
    # a row whose only problem is its rule cell is named once, not twice
    assert [p for _, p in found(findings, "terms.csv", 5)] == [
        "clitics 'worse' is not one of all, conjunctions, none, no_article (leave the cell empty for the default)."
    ]


def test_a_column_kept_as_metadata_is_noted_once_with_its_file(write_csv, capsys):
    """``my_terms.xlsx: note: my_terms.xlsx: column 'group' ...``: the file was named twice."""
    terms = write_csv("terms.csv", "term,category,group\nعدوان,violence_violation,general\n")
    findings = check_lexicon(terms=terms, ignore="")
    noted = findings[(findings["file"] == "terms.csv") & (findings["level"] == "note")]
    assert noted["problem"].tolist() == ["column 'group' is not one the loader reads; kept as metadata"]
    assert main(["lexicon", "check", "--terms", str(terms), "--ignore", "", "--notes"]) == 0
    assert "terms.csv: note: column 'group' is not one the loader reads" in capsys.readouterr().out


def test_lexicon_commands_print_each_file_with_its_header_mapping_and_the_categories(write_csv, tmp_path, capsys):
    """framing count says how it read each lexicon (``columns term = 'word', ...``); the lexicon commands named
    the paths only, so whether a mapping was applied, and which categories file ``check`` compared with, was
    not seen."""
    terms = write_csv("my_terms.csv", "word,type\nعدوان,violence\n")
    mapping = ["--lexicon-column", "terms.term=word", "--lexicon-column", "terms.category=type"]
    assert main(["lexicon", "check", "--terms", str(terms), "--ignore", "", *mapping]) == 0
    err = capsys.readouterr().err
    assert f"framing: term lexicon: {terms} (columns term = 'word', category = 'type')\n" in err
    assert "framing: ignore list: none\n" in err
    assert f"framing: categories: {data_path('lexicons', 'categories.csv')} (bundled)\n" in err
    corpus = write_csv("corpus.csv", 'id,text\na,"وقع عدوان على المدينة"\n')
    report = ["lexicon", "report", str(corpus), "--terms", str(terms), "--ignore", "", *mapping]
    assert main([*report, "--workers", "1", "--out", str(tmp_path / "report")]) == 0
    assert f"framing: term lexicon: {terms} (columns term = 'word', category = 'type')\n" in capsys.readouterr().err


def test_suggest_says_why_a_table_is_empty_on_a_small_corpus(write_csv, tmp_path, capsys):
    """300 paragraphs gave ``0 collocates`` at the default --min-count 5, with nothing to say why."""
    corpus = write_csv("corpus.csv", "id,text\n" + "".join(f'{k},"{v}"\n' for k, v in TEXTS.items()))
    lexicons = ["--actors", str(write_csv("actors.csv", ACTORS)), "--terms", str(write_csv("terms.csv", TERMS))]
    assert main(["lexicon", "suggest", str(corpus), *lexicons, "--out", str(tmp_path / "a")]) == 0
    printed = capsys.readouterr().out
    assert "0 variants, 0 collocates from 2 document(s)\n" in printed
    assert (
        "none of the variants or collocates is seen --min-count 5 times or more in these document(s); on a small "
        "corpus try --min-count 2" in printed
    )
    assert main(["lexicon", "suggest", str(corpus), *lexicons, "--min-count", "1", "--out", str(tmp_path / "b")]) == 0
    assert "try --min-count" not in capsys.readouterr().out

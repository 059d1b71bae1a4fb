"""Review mends (mend20b): each test is what a user saw before the mend, with the result expected now."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import FramingCounter
from analysis.lexicon import load_ignore, load_terms


@pytest.mark.parametrize(
    ("argument", "given", "loader"),
    [
        ("terms", "my_terms.csv", "load_terms"),
        ("actors", Path("my_actors.csv"), "load_actors"),
        ("ignore", "my_ignore.csv", "load_ignore"),
    ],
)
def test_a_file_name_given_for_a_lexicon_is_refused_naming_its_loader(argument, given, loader):
    # Before: built, then the first count raised "'str' object has no attribute 'entries'"
    # (and an ignore file name silently used the bundled ignore list).
    with pytest.raises(TypeError) as raised:
        FramingCounter(**{argument: given})
    assert str(raised.value) == (
        f"FramingCounter({argument}=...) was given the file name '{given}', not a Lexicon: load the file first, "
        f"FramingCounter({argument}={loader}('{given}')) (from analysis.lexicon import {loader})."
    )


def test_a_table_given_for_a_lexicon_is_refused_by_its_type():
    with pytest.raises(TypeError, match=r"given an object of type DataFrame, not a Lexicon: .*load_actors\(path\)"):
        FramingCounter(actors=pd.DataFrame({"actor": ["x"], "alias": ["y"]}))


def test_a_lexicon_of_the_other_kind_is_refused():
    with pytest.raises(ValueError, match=r"actors=\.\.\.\) was given a lexicon of kind 'term' .* not 'actor'"):
        FramingCounter(actors=load_terms())


def test_the_lexicon_arguments_still_take_lexicons_the_bundled_ignore_list_and_none():
    terms = load_terms()
    assert FramingCounter(terms=terms).terms is terms
    assert FramingCounter(ignore=None).settings.ignore is None
    assert len(FramingCounter().settings.ignore.entries) == len(load_ignore().entries)


def test_the_in_sample_warning_of_count_model_comes_with_the_summary_not_before_a_failed_read(tmp_path, capsys):
    # Before: printed before the corpus was read, so it stood above the reading error of a run that then failed.
    from analysis.cli import main
    from analysis.learn import load_default_tagger
    from analysis.learn.overlap import training_file

    folder = tmp_path / "mine"
    folder.mkdir()
    copy = folder / "paragraphs.jsonl"
    copy.write_bytes(training_file(load_default_tagger().card).read_bytes())
    (folder / "bad.csv").write_text("id,body\n1,نص\n", encoding="utf-8")
    out = ["--model", "default", "--no-progress", "--out"]
    assert main(["count", str(folder), *out, str(tmp_path / "o1")]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, row 1: has no column 'text'" in err
    assert "training data" not in err
    assert main(["count", str(copy), *out, str(tmp_path / "o2")]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1] == (
        f"framing: warning: {copy} is the model's training data (the SHA-256 of its card); its model hits "
        "are in-sample and overstate how well the model tags new text (see notebook 06)"
    )
    assert "model span(s)" in captured.out


def test_model_candidates_join_their_context_lines_as_lexicon_suggest_does():
    # Before: model_candidates joined with " | " (a character of scraped news texts), suggest with " ‖ ".
    from analysis.ingest import documents_from_texts
    from analysis.learn import load_default_tagger
    from analysis.learn.loop import model_candidates
    from analysis.workbench.corpus_scan import EXAMPLE_SEPARATOR

    text = "ارتكبت قوات الاحتلال جريمة بشعة بحق المدنيين العزل. "
    table = model_candidates(load_default_tagger(), documents_from_texts([text * 3, text]), min_count=4)
    lines = table.set_index("norm")["kwic"]["بشعه"].split(EXAMPLE_SEPARATOR)
    assert EXAMPLE_SEPARATOR == " ‖ "
    assert len(lines) == 3 and lines[0].startswith("ارتكبت قوات الاحتلال جريمة [بشعة] بحق")


def _rates_written_and_read_back(tmp_path):
    from analysis import compare, read_corpus
    from analysis.export import export_tables
    from analysis.paths import data_path

    documents = read_corpus([data_path("corpus", "saudinewsnet_libya_2015.csv")]).documents
    documents = documents[documents["outlet"].isin(["aljazirah", "alriyadh"])]
    result = FramingCounter().count(documents)
    rates = compare.group_rates(result.hits, result.documents, n_boot=50, ci=0.9)
    export_tables({"rates": rates}, tmp_path)
    return rates, pd.read_csv(tmp_path / "rates.csv")  # as a paper author reads it: no attrs


def _x_label(fig) -> str:
    return " ".join((fig.axes[0].get_xlabel() or fig._supxlabel.get_text()).split())


def test_a_rates_table_read_back_from_csv_is_drawn_with_its_interval_level_given_as_ci(tmp_path):
    # Before: the level came only from attrs, which pd.read_csv does not give back: "90%" left the label.
    import warnings

    from analysis.plot_compare import group_rates_figure

    rates, back = _rates_written_and_read_back(tmp_path)
    assert back.attrs == {} and rates.attrs["ci"] == 0.9
    for width in ("single", "double"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            label = _x_label(group_rates_figure(back, ci=0.9, kind="term", width=width))
        assert label == (
            "loaded terms per 1,000 words (dot), 90% bootstrap interval over articles (line) and number of hits"
        )
    assert _x_label(group_rates_figure(rates)) == label  # the table computed in the session: its attrs


def test_a_rates_table_without_its_level_warns_and_a_contradicting_ci_is_refused(tmp_path):
    from analysis.plot_compare import group_rates_figure

    rates, back = _rates_written_and_read_back(tmp_path)
    with pytest.warns(UserWarning, match=r"group_rates_figure: the table records no interval level .* pass ci=0.95"):
        label = _x_label(group_rates_figure(back))
    assert "% bootstrap" not in label and "bootstrap interval over articles" in label
    with pytest.raises(ValueError, match=r"ci=0.95 but the table's intervals are 90% intervals"):
        group_rates_figure(rates, ci=0.95)


def test_a_tatweel_stretched_outlet_name_is_blanked_as_the_plain_one():
    # Before: «اليـــوم» (found in the 20,000 SaudiNewsNet articles, as "الاقتصــاديـــة") was kept as text.
    from analysis.corpus import CorpusReader

    text = 'وقال لـ«اليـــوم» إن الحوار مستمر، وقال لـ"اليوم" أيضا'
    cleaned, removed = CorpusReader().clean(text, "alyaum")
    assert cleaned == text.replace("«اليـــوم»", " " * 10).replace('"اليوم"', " " * 7)
    assert [what for what, kind in removed if kind == "outlet name"] == ["«اليـــوم»", '"اليوم"']


def test_a_stretched_outlet_name_in_a_byline_is_a_credit():
    from analysis.corpus.cleaning import byline_pattern, strip_bylines

    assert strip_bylines("قال.\nخلود غنام- سبـــق- الرياض: يقضي", byline_pattern(["سبق"]))[1] == [
        (5, 31, "خلود غنام- سبـــق- الرياض:")
    ]


_STRETCH = st.lists(st.sampled_from(["", "\u0640", "\u0640\u0640\u0640", "\u064e", "\u200c"]), min_size=7, max_size=7)
_AROUND = st.text(alphabet=st.sampled_from(list('اليوم قال لـ«»"()\u0640\n،')), max_size=20)


@settings(max_examples=300, deadline=None)
@given(_AROUND, _STRETCH, _AROUND, st.sampled_from(['"', "«", "("]))
def test_a_stretched_name_is_blanked_in_place_and_every_other_character_kept(before, stretch, after, mark):
    from analysis.corpus.cleaning import blank_outlet_name, outlet_name_pattern

    closing = {'"': '"', "«": "»", "(": ")"}[mark]
    name = "".join(letter + extra for letter, extra in zip("الجزيرة", stretch))
    text = f"{before}{mark}{name}{closing}{after}"
    blanked, names = blank_outlet_name(text, outlet_name_pattern(["الجزيرة"]))
    start = len(before)
    assert len(blanked) == len(text)
    assert blanked[start : start + len(name) + 2].strip() == ""  # the credit, at its offsets in the source
    assert all(a == b for a, b in zip(blanked, text) if a != " ")  # nothing else moved
    assert f"{mark}{name}{closing}" in names


def test_groups_of_is_public_and_model_rates_refuses_an_ungrouped_document_with_its_message():
    # Before: only the private measures._groups_of, imported by learn.report across modules.
    from analysis import measures
    from analysis.learn.report import model_rates

    documents = pd.DataFrame(
        {"doc_id": ["a1", "a2", "a3"], "outlet": ["okaz", None, "sabq"], "model_expected": [1.0, 2.0, 3.0],
         "n_words": [100, 200, 300]}
    )  # fmt: skip
    message = (
        "1 document(s) have no 'outlet': ['a2']; give each one a value in 'outlet', or leave them out first: "
        "analysis.measures.drop_ungrouped(documents, 'outlet')"
    )
    with pytest.raises(ValueError) as raised:
        measures.groups_of(documents, "outlet")
    assert str(raised.value) == message
    with pytest.raises(ValueError) as raised:
        model_rates(documents, group="outlet")
    assert str(raised.value) == message
    assert measures.groups_of(documents.dropna(), "outlet").tolist() == ["okaz", "sabq"]
    assert "Raises" in measures.groups_of.__doc__ and "drop_ungrouped" in measures.groups_of.__doc__


def test_show_unreadable_shows_its_table_through_show_table_which_displays_in_ipython(monkeypatch, capsys):
    # Before: show_unreadable had its own "display in Jupyter or print" branch; now show.show_table is the one.
    import IPython
    import IPython.display

    from analysis import show
    from analysis.corpus import Corpus

    report = pd.DataFrame([{"source": "a/empty.txt", "row": pd.NA, "doc_id": "empty", "level": "error",
                            "problem": "empty file", "action": "skipped"}])  # fmt: skip
    shown: list = []
    monkeypatch.setattr(show, "show_table", shown.append)
    assert show.show_unreadable(Corpus(pd.DataFrame(), report)) == 1
    assert capsys.readouterr().out == "1 record(s) could not be read and are left out:\n"
    assert len(shown) == 1 and shown[0][["problem", "rows", "doc_id"]].values.tolist() == [["empty file", 1, "empty"]]
    monkeypatch.undo()

    displayed: list = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())  # as in a notebook
    monkeypatch.setattr(IPython.display, "display", displayed.append)
    table = pd.DataFrame({"n": [1, 2]})
    show.show_table(table)
    assert len(displayed) == 1 and displayed[0] is table and capsys.readouterr().out == ""
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)  # plain Python: the whole table as text
    show.show_table(table)
    assert capsys.readouterr().out == "   n\n0  1\n1  2\n" and len(displayed) == 1


def test_english_false_drops_the_glosses_of_names_and_the_readme_lists_the_texts_that_stay_english(seed_path):
    # Reviewed: with english=False only the names lose their English; the figures' own texts have no Arabic
    # table and stay English. The README said nothing of it; now it lists them.
    import re

    from matplotlib.text import Text

    from analysis.ingest import read_documents
    from analysis.lexicon import load_sources
    from analysis.metrics import document_metrics
    from analysis.plot import actor_salience_figure

    counter = FramingCounter()
    result = counter.count(read_documents([seed_path]), keep_tokens=True)
    metrics = document_metrics(result, sources=load_sources(), actors_lexicon=counter.actors)
    fig = actor_salience_figure(metrics.salience, names=metrics.names, english=False, width="single")
    fig.canvas.draw()
    texts = {t.get_text() for t in fig.findobj(Text) if t.get_text().strip()}
    assert "خليفة حفتر" in texts and not any("Haftar" in t for t in texts)
    assert sorted(t for t in texts if re.search("[A-Za-z]{3}", t)) == ["mentions", "narrator's voice", "quoted speech"]
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert "`english=False` (notebook 03's `ENGLISH_GLOSSES`) drops the English glosses of the names drawn" in readme


def test_actor_rates_read_back_from_csv_are_not_labelled_loaded_terms(tmp_path):
    # Before: the label's "loaded terms" / "actor mentions" came only from attrs["kind"], which pd.read_csv
    # does not give back: actor rates read from rates.csv were drawn as "loaded terms per 1,000 words".
    from analysis import compare, read_corpus
    from analysis.export import export_tables
    from analysis.paths import data_path
    from analysis.plot_compare import group_rates_figure
    from analysis.plot_time import time_rates_figure

    documents = read_corpus([data_path("corpus", "saudinewsnet_libya_2015.csv")]).documents
    documents = documents[documents["outlet"].isin(["aljazirah", "alriyadh"])]
    result = FramingCounter().count(documents)
    rates = compare.group_rates(result.hits, result.documents, kind="actor", n_boot=20)
    export_tables({"actor_rates": rates}, tmp_path)
    back = pd.read_csv(tmp_path / "actor_rates.csv")
    assert rates.attrs["kind"] == "actor" and back.attrs == {}
    assert _x_label(group_rates_figure(rates)).startswith("actor mentions per 1,000 words (dot), 95% bootstrap")
    assert _x_label(group_rates_figure(back, ci=0.95, kind="actor")).startswith("actor mentions per 1,000 words")
    assert _x_label(group_rates_figure(back, ci=0.95)).startswith("hits per 1,000 words (dot)")  # not a guess
    with pytest.raises(ValueError, match=r"kind='term' but the table counts 'actor' hits"):
        group_rates_figure(rates, kind="term")
    with pytest.raises(ValueError, match=r"kind must be one of \['actor', 'term'\]"):
        group_rates_figure(back, ci=0.95, kind="actors")
    from analysis.timeseries import time_rates

    monthly = time_rates(result.hits, result.documents, kind="actor", n_boot=20)
    label = next(ax.get_xlabel() for ax in time_rates_figure(monthly).axes if ax.get_xlabel())
    assert " ".join(label.split()).startswith("actor mentions per 1,000 words by month")

"""Leaving files of a folder out: ``exclude`` under ``[corpus]`` and ``framing count --exclude``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import CONFIG_ENV_VAR, as_paths, load_config
from analysis.corpus import read_corpus
from analysis.errors import FramingInputError

BOM = "\ufeff"


@pytest.fixture(autouse=True)
def no_config_variable(monkeypatch):
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A folder as a researcher keeps it: the export, a drafts/ folder of unpublished copies, notes."""
    news = tmp_path / "study" / "news"
    (news / "drafts").mkdir(parents=True)
    # As Excel saves "CSV UTF-8": a byte-order mark and CRLF line ends.
    (news / "okaz.csv").write_text(
        f"{BOM}id,outlet,date,text\r\na1,okaz,2020-03-01,أطلق الحوثيون صاروخا على جازان\r\n", encoding="utf-8"
    )
    (news / "drafts" / "draft.csv").write_text(
        f"{BOM}id,outlet,date,text\r\nd1,okaz,2020-03-02,مسودة لم تنشر\r\n", encoding="utf-8"
    )
    (news / "notes.txt").write_text("ملاحظات الباحث\r\n", encoding="utf-8")
    (news.parent / "framing.toml").write_text(
        '[corpus]\npaths = ["news"]\nexclude = ["drafts/", "notes.txt", "old*.csv"]\n[output]\nfolder = "out"\n',
        encoding="utf-8",
    )
    return news.parent


def test_configured_exclude_leaves_files_out_of_a_notebooks_reading_call(study):
    # Before: 'corpus.exclude' was an unknown key, and all three files were read (3 documents).
    config = load_config(study / "framing.toml")
    corpus = read_corpus(as_paths(config.corpus))  # the notebooks' reading call, unchanged
    assert list(corpus.documents["doc_id"]) == ["a1"]
    excluded = corpus.report[corpus.report["action"] == "excluded"]
    assert [Path(source).name for source in excluded["source"]] == ["draft.csv", "notes.txt"]
    assert list(excluded["problem"]) == [
        "excluded by the pattern 'drafts/' (exclude)",
        "excluded by the pattern 'notes.txt' (exclude)",
    ]
    unmatched = corpus.report[corpus.report["action"] == "nothing excluded"]
    assert unmatched["level"].tolist() == ["warning"]
    assert "the exclude pattern 'old*.csv' matched no file" in unmatched["problem"].iloc[0]


def test_paths_typed_in_the_parameters_cell_carry_no_exclusion(study):
    corpus = read_corpus(as_paths([study / "news"]))
    assert sorted(corpus.documents["doc_id"]) == ["a1", "d1", "notes"]


def test_command_exclude_option_reports_files_in_skipped_and_manifest(study, capsys):
    out = study / "cli-out"
    status = main(["count", str(study / "news"), "--exclude", "drafts", "--exclude", "*.TXT", "--out", str(out),
                   "--no-progress"])  # fmt: skip
    assert status == 0
    documents = pd.read_csv(out / "documents.csv")
    assert documents["doc_id"].tolist() == ["a1"]
    skipped = pd.read_csv(out / "skipped.csv")
    assert skipped.loc[skipped["action"] == "excluded", "problem"].tolist() == [
        "excluded by the pattern 'drafts' (exclude)",
        "excluded by the pattern '*.TXT' (exclude)",
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["excluded"]["files"] == 2
    assert manifest["parameters"]["reader"]["exclude"] == ["drafts", "*.TXT"]
    assert [Path(item["path"]).name for item in manifest["inputs"]] == ["okaz.csv"]
    assert "2 excluded by the pattern" in capsys.readouterr().err


def test_command_option_replaces_the_configured_patterns(study):
    out = study / "cli-out"
    assert main(["count", "--config", str(study / "framing.toml"), "--exclude", "drafts/", "--out", str(out),
                 "--no-progress"]) == 0  # fmt: skip
    assert sorted(pd.read_csv(out / "documents.csv")["doc_id"]) == ["a1", "notes"]


def test_patterns_that_leave_nothing_or_cannot_match_are_refused(study):
    with pytest.raises(FramingInputError, match=r"the exclude pattern\(s\) \* leave no file to read \(3 excluded\)"):
        read_corpus(study / "news", exclude=["*"])
    with pytest.raises(FramingInputError, match="relative to each folder given"):
        read_corpus(study / "news", exclude=[str(study / "news" / "drafts")])
    (study / "bad.toml").write_text('[corpus]\npaths = ["news"]\nexclude = ["../news/drafts"]\n', encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"'corpus.exclude': '../news/drafts': an exclude pattern is relative"):
        load_config(study / "bad.toml")


def test_lexicon_report_reads_the_corpus_as_framing_count_does(study):
    out = study / "report-out"
    assert main(["lexicon", "report", "--config", str(study / "framing.toml"), "--out", str(out),
                 "--no-progress"]) == 0  # fmt: skip
    skipped = pd.read_csv(out / "skipped.csv")
    assert sorted(Path(p).name for p in skipped.loc[skipped["action"] == "excluded", "source"]) == [
        "draft.csv",
        "notes.txt",
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(item["path"]).name for item in manifest["inputs"]] == ["okaz.csv"]
    assert manifest["parameters"]["exclude"] == ["drafts/", "notes.txt", "old*.csv"]

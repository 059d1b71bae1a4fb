"""The numbers of ``data/validation/bylines_2026-12-02/``, rebuilt from its committed files, and its lines still found."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import CorpusReader

from .validation_scripts import load_script

FOLDER = Path(__file__).resolve().parents[1] / "data" / "validation" / "bylines_2026-12-02"
SCRIPT = load_script(FOLDER / "bylines.py")


def test_scores_match_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    numbers = SCRIPT.score()
    assert (numbers["candidates"], numbers["byline lines"], numbers["running text"]) == (266, 120, 146)
    assert (numbers["stripped"], numbers["stripped, running text"], numbers["byline lines kept"]) == (71, 0, 49)
    assert numbers["sample right"] == "50/50 = 100.0% [92.9%, 100.0%]"
    assert (numbers["hits removed"], numbers["hits removed in a stripped byline"]) == (30, 29)
    assert numbers["hits removed that were right"] == 0
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for shown in ("266", "120", "146", "**71**", "50/50", "92.9", "**30**", "38,221", "38,191"):
        assert shown in readme, shown


def test_every_stripped_byline_is_still_stripped_where_it_stood() -> None:
    # The committed bylines, each on its own line after a first paragraph: the rule still finds each one there.
    stripped = pd.read_csv(FOLDER / "stripped.csv", dtype={"doc_id": str}, keep_default_na=False)
    reader = CorpusReader()
    for outlet, byline in zip(stripped["outlet"], stripped["byline"]):
        text = f"نص الخبر.\n{byline}\nنص"
        _, removed = reader.clean(text, outlet)
        assert (byline, f"byline (characters 10-{10 + len(byline)})") in removed, byline

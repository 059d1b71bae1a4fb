"""CITATION.cff stays true: parseable, the package's version, the data it ships cited."""

from __future__ import annotations

import yaml

import analysis
from analysis.paths import project_root


def citation() -> dict:
    return yaml.safe_load((project_root() / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_names_this_version_and_licence():
    cff = citation()
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "software"
    assert cff["version"] == analysis.__version__
    assert cff["license"] == "MIT"


def test_citation_references_every_shipped_dataset():
    notes = " ".join(reference.get("notes", "") for reference in citation()["references"])
    for folder in ("data/annotated/", "data/corpus/", "data/stopwords/"):
        assert folder in notes

"""The comments a newcomer reads to point the notebooks at a corpus name every kind of file the reader reads.

The parameters cell is where a researcher looks to learn what ``CORPUS`` or ``ARTICLES`` may be; its
comment said ".txt, CSV or JSON Lines" while the reader also reads TSV exports and Excel workbooks, so a
researcher with an ``.xlsx`` from a spreadsheet program converted it first, or gave up.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis.corpus.files import SUFFIXES
from analysis.paths import project_root

NOTEBOOKS = sorted((project_root() / "notebooks").glob("*.ipynb"))
# How a comment names each kind of file of the reader's SUFFIXES (gzipped ones are the same kind).
KINDS = {".txt": ".txt", ".csv": "CSV", ".tsv": "TSV", ".jsonl": "JSON Lines", ".xlsx": ".xlsx"}


def parameter_comments(path) -> dict[str, str]:
    """The comment after ``NAME = CONFIG.x`` in the notebook's ``parameters`` cell, by NAME."""
    notebook = nbformat.read(path, as_version=4)
    cell = next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))
    return dict(re.findall(r"^([A-Z_]+) = CONFIG\.\w+ +# (.*)$", cell.source, re.M))


def test_every_kind_the_reader_reads_has_a_name():
    # .ndjson is JSON Lines under another name; every other suffix must be named by one of KINDS.
    assert {suffix.removesuffix(".gz") for suffix in SUFFIXES} - {".ndjson"} == set(KINDS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_corpus_comments_name_every_kind_of_file_read(path):
    comments = parameter_comments(path)
    about_files = {name: comments[name] for name in ("CORPUS", "ARTICLES") if name in comments}
    if "COLUMNS" in comments:  # columns exist in exports only: every kind but .txt
        about_files["COLUMNS"] = comments["COLUMNS"] + " .txt"
    assert about_files, f"{path.name}: no CORPUS, ARTICLES or COLUMNS parameter"
    for name, comment in about_files.items():
        missing = [kind for kind in KINDS.values() if kind not in comment]
        assert not missing, f"{path.name}: the comment of {name} ({comment!r}) does not name {missing}"


def test_the_configuration_comments_name_every_kind_of_file_read():
    text = (project_root() / "framing.toml").read_text(encoding="utf-8")
    before_paths = text.split("\npaths = ")[0].rsplit("\narticles = ", 1)[1]
    assert all(kind in before_paths for kind in ("CSV", "TSV", "JSON Lines", ".xlsx", ".txt"))
    assert "notebooks 04-07" in before_paths

"""Shared fixtures: the bundled seed article and small lexicons written on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.paths import data_path

SEED_ID = "libya_2019_pompeo_shoukry"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return data_path("articles", f"{SEED_ID}.txt")


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    from analysis.ingest import read_documents

    return read_documents([seed_path]).loc[0, "text"]


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write a CSV (given as text) into tmp_path and return its path."""

    def write(name: str, content: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode(encoding))
        return path

    return write


@pytest.fixture(autouse=True)
def no_configuration_in_messages():
    """Messages name the configuration a test read (``analysis.errors.config_file``): none leaks into the next."""
    from analysis.errors import use_config_file

    use_config_file(None)
    yield
    use_config_file(None)

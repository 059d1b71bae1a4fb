"""Loading the scripts of ``data/validation/`` folders in the tests that rebuild their numbers, and helpers
those tests share."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def load_script(path: Path) -> ModuleType:
    """A validation folder's script as a module (a script beside its data, not part of the package).

    Parameters
    ----------
    path : Path
        The script, e.g. ``data/validation/<folder>/<script>.py``.

    Returns
    -------
    ModuleType
        Executed; named after the file.
    """
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(table: pd.DataFrame, column: str, value: str, part: str | None = None) -> pd.Series:
    """The one row of a score table whose ``column`` is ``value`` (and ``part``, if given)."""
    chosen = table[table[column] == value]
    if part is not None:
        chosen = chosen[chosen["part"] == part]
    assert len(chosen) == 1
    return chosen.iloc[0]


def check_holdout_sheets(folder: Path, terms: int = 250, actors: int = 150) -> None:
    """A dictionary holdout's blind sheet hides the flags and offsets that its key holds (``terms`` + ``actors`` lines)."""
    import pandas as pd

    blind = pd.read_csv(folder / "blind.csv")
    assert list(blind.columns) == ["sample_id", "lexicon", "entry", "label", "category", "kwic"]
    assert blind["lexicon"].value_counts().to_dict() == {"term": terms, "actor": actors}
    key = pd.read_csv(folder / "key.csv")
    assert sorted(key["sample_id"]) == sorted(blind["sample_id"])
    assert {"quoted", "negated", "doc_id", "start", "end"} <= set(key.columns)
    assert list(pd.read_csv(folder / "quoted_context.csv").columns) == ["sample_id", "entry", "context"]

"""Loading the scripts of ``data/validation/`` folders in the tests that rebuild their numbers, and helpers
those tests share."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
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


def earlier_holdouts(folder: Path) -> list[Path]:
    """The dictionary holdouts drawn before ``folder``, oldest first (their names sort by date and letter)."""
    return sorted(p for p in folder.parent.glob("holdout_2026-*") if p.is_dir() and p.name < folder.name)


def row(table: pd.DataFrame, column: str, value: str, part: str | None = None) -> pd.Series:
    """The one row of a score table whose ``column`` is ``value`` (and ``part``, if given)."""
    chosen = table[table[column] == value]
    if part is not None:
        chosen = chosen[chosen["part"] == part]
    assert len(chosen) == 1
    return chosen.iloc[0]


def check_holdout_sheets(folder: Path, terms: int = 250, actors: int = 150) -> None:
    """A dictionary holdout's blind sheet hides the flags and offsets that its key holds (``terms`` + ``actors`` lines)."""
    blind = pd.read_csv(folder / "blind.csv")
    assert list(blind.columns) == ["sample_id", "lexicon", "entry", "label", "category", "kwic"]
    assert blind["lexicon"].value_counts().to_dict() == {"term": terms, "actor": actors}
    key = pd.read_csv(folder / "key.csv")
    assert sorted(key["sample_id"]) == sorted(blind["sample_id"])
    assert {"quoted", "negated", "doc_id", "start", "end"} <= set(key.columns)
    assert list(pd.read_csv(folder / "quoted_context.csv").columns) == ["sample_id", "entry", "context"]


def check_coders_rebuilt(script: ModuleType, folder: Path, tmp: Path, terms: int, actors: int) -> None:
    """A holdout of the twelfth's method (``script.TWELFTH``): its sheets share the lines equally, and its
    joined verdicts and recode sheet are rebuilt byte for byte in ``tmp`` from the committed sheets and seed."""
    check_holdout_sheets(folder, terms=terms, actors=actors)
    n = script.N_PARTS
    parts = [pd.read_csv(folder / f"blind_part{number}.csv") for number in range(1, n + 1)]
    assert [part["lexicon"].value_counts().to_dict() for part in parts] == [
        {"term": terms // n, "actor": actors // n}
    ] * n
    names = ["blind.csv", "quoted_context.csv"]
    names += [f"{kind}_part{number}.csv" for kind in ("blind", "judgments") for number in range(1, n + 1)]
    for name in names:
        (tmp / name).write_bytes((folder / name).read_bytes())
    script.TWELFTH.join(tmp, n)
    assert (tmp / "judgments.csv").read_bytes() == (folder / "judgments.csv").read_bytes()
    script.TWELFTH.recode_sheet(tmp, script.RECODE_SEED, script.RECODE_RIGHT, n)
    for name in ("recode_key.csv", "recode_blind.csv", "recode_context.csv"):
        assert (tmp / "recode" / name).read_bytes() == (folder / "recode" / name).read_bytes(), name


def offsets(path: Path) -> set[tuple[str, int, int]]:
    """The ``(doc_id, start, end)`` of every row of a CSV."""
    table = pd.read_csv(path, dtype={"doc_id": str})
    return set(zip(table["doc_id"], table["start"], table["end"]))


def check_drawn_fresh(folder: Path, earlier: list[Path]) -> set[tuple[str, int, int]]:
    """No line of a holdout's key stands in an earlier holdout's key or suggested fixes, and every seed differs.

    Returns the key's offsets, for the checks a holdout makes against its script's ``judged_offsets``.
    """
    drawn = offsets(folder / "key.csv")
    for path in (other / name for other in earlier for name in ("key.csv", "suggested_fixes.csv")):
        if path.exists():
            assert not drawn & offsets(path), path
    seeds = [load_script(folder / "holdout.py").SEED for folder in (folder, *earlier)]
    assert len(set(seeds)) == len(seeds)
    return drawn


def interval(line: pd.Series) -> list[float]:
    """A score row's Wilson (or Newcombe) interval, rounded to 3 places as the READMEs give it."""
    rounded: list[float] = np.round([line["low"], line["high"]], 3).tolist()
    return rounded


def check_precision(table: pd.DataFrame, expected: dict[str, tuple[int, int, float, float]]) -> None:
    """Each lexicon's precision over all its lines: ``{lexicon: (right, n, low, high)}``."""
    for lexicon, (right, n, low, high) in expected.items():
        line = row(table, "lexicon", lexicon, "all")
        assert (line["right"], line["n"], *interval(line)) == (right, n, low, high), lexicon


def check_voices(table: pd.DataFrame, expected: dict[str, tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Precision by the ``quoted`` flag: ``{lexicon: ((right, n) flagged narrator, (right, n) flagged quoted)}``."""
    for lexicon, voices in expected.items():
        for part, counts in zip(("flagged narrator", "flagged quoted"), voices):
            line = row(table, "lexicon", lexicon, part)
            assert (line["right"], line["n"]) == counts, (lexicon, part)


def check_comparison(
    table: pd.DataFrame, expected: dict[tuple[str, str], tuple[int, int, float, float, float]]
) -> None:
    """The comparison with each earlier holdout: ``{(earlier, measure): (then, now, low, high, fisher p)}``.

    The interval and p are rounded to 3 places, as the READMEs give them.
    """
    indexed = table.set_index(["earlier", "measure"])
    for index, (then, now, low, high, p_value) in expected.items():
        line = indexed.loc[index]
        assert (line["then"], line["now"]) == (then, now), index
        rounded = np.round([line["low"], line["high"], line["fisher_p"]], 3).tolist()
        assert rounded == [low, high, p_value], index


def check_homogeneity(table: pd.DataFrame, right: dict[str, list[int]], p_values: list[float]) -> None:
    """The permutation test over all holdouts: right lines per sample and measure, and each measure's p (3 places)."""
    indexed = table.set_index("measure")
    for measure, counts in right.items():
        assert indexed.loc[measure, "right"] == counts, measure
    assert np.round(indexed["p_permutation"].tolist(), 3).tolist() == p_values


def check_pooled(table: pd.DataFrame, expected: dict[tuple[str, str], tuple[int, int, float, float]]) -> None:
    """Pooled precision: ``{(lexicon, pool): (right, n, low, high)}``."""
    indexed = table.set_index(["lexicon", "pool"])
    for index, (right, n, low, high) in expected.items():
        line = indexed.loc[index]
        assert (line["right"], line["n"], *interval(line)) == (right, n, low, high), index

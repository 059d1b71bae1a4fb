"""The README's recipe from a ``framing count`` folder to the rates figure runs as written."""

from __future__ import annotations

import re

from analysis.cli import main
from analysis.paths import data_path, project_root


def _recipe() -> str:
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    start = readme.index("From a `framing count` folder to the figure")
    block = re.search(r"```python\n(.*?)```", readme[start:], flags=re.S)
    assert block is not None
    return "\n".join(line.removeprefix("  ") for line in block.group(1).splitlines())


def test_the_readme_recipe_draws_the_rates_figure_from_a_count_folder(tmp_path, monkeypatch):
    corpus = data_path("corpus", "saudinewsnet_libya_2015.csv")
    argv = ["count", str(corpus), "--out", str(tmp_path / "counted"), "--workers", "1", "--no-progress"]
    assert main(argv) == 0
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(_recipe(), "README.md recipe", "exec"), namespace)  # noqa: S102 - the README's own code
    rates = namespace["rates"]
    assert sorted(rates["group"].unique()) == ["aawsat", "aljazirah", "alriyadh"]  # the 3 outlets with most articles
    delegitimizing = rates.set_index(["group", "category"]).loc[("aawsat", "delegitimizing_label")]
    assert (
        delegitimizing["n"] == 862 and delegitimizing["ci_low"] < delegitimizing["per_1000"] < delegitimizing["ci_high"]
    )
    names = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert names == [f"outlet_rates_{w}.{f}" for w in ("double", "single") for f in ("pdf", "png", "svg")]

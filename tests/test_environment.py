"""The project's dependency files agree, and notebooks are committed clean."""

import json
import re
import subprocess
import tomllib

import pytest
import yaml

from analysis.paths import project_root

ROOT = project_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _requirement(spec: str) -> tuple[str, str]:
    name, bound = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec).groups()
    return name.lower().replace("_", "-"), bound.replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = dict(_requirement(s) for s in project["dependencies"] + project["optional-dependencies"]["notebooks"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[notebooks]"]
    for spec in conda:
        name, bound = _requirement(spec)
        if name == "pip":
            continue
        if name == "python":
            assert bound == project["requires-python"]
            continue
        assert name in declared, f"environment.yml has {name}, which pyproject.toml does not declare"
        assert bound == declared[name], f"{name}: environment.yml says {bound!r}, pyproject.toml {declared[name]!r}"


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:4] == [
        "01_ingest_and_tokenize.ipynb",
        "02_actors_and_loaded_terms.ipynb",
        "03_framing_metrics_and_figures.ipynb",
        "04_compare_outlets.ipynb",
    ]


def committed_text(path) -> str:
    """The notebook as git stores it (after a clean filter such as nbstripout), else as on disk.

    A researcher who opens a notebook in JupyterLab and saves it changes the working copy;
    what must stay clean is what goes into git.
    """
    relative = path.relative_to(ROOT).as_posix()
    try:
        staged = subprocess.run(["git", "-C", str(ROOT), "show", f":{relative}"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):  # no git, or not a checkout (an sdist)
        return path.read_text(encoding="utf-8")
    return staged.stdout.decode("utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    notebook = json.loads(committed_text(path))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "outputs must be stripped"
    tagged = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert code.index(tagged[0]) == 0, "the parameters cell is the first code cell"
    assert not any("../" in "".join(c["source"]) for c in code), "find data with analysis.paths, not ../"

"""Find the project's bundled data wherever a notebook or command runs from.

nbmake runs notebooks in their own folder and papermill in the caller's, so no
code may use relative paths like ``../data``.  The project root is found from
an environment variable, else by walking up from the working directory, else
from this package's location (an editable install).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV_VAR = "FRAMING_PROJECT_ROOT"
_MARKER = "pyproject.toml"
_PROJECT_NAME = 'name = "arabic-framing"'


def _is_project_root(folder: Path) -> bool:
    marker = folder / _MARKER
    return marker.is_file() and _PROJECT_NAME in marker.read_text(encoding="utf-8")


def project_root() -> Path:
    """Return the project folder (the one holding ``pyproject.toml`` and ``data/``).

    Returns
    -------
    pathlib.Path
        Taken from ``$FRAMING_PROJECT_ROOT`` if set, else the nearest parent of
        the working directory, else of this package, that is the project.

    Raises
    ------
    FileNotFoundError
        When no project folder can be found (for example a non-editable
        install used outside a clone): set ``FRAMING_PROJECT_ROOT``.
    """
    configured = os.environ.get(ROOT_ENV_VAR)
    if configured:
        root = Path(configured).expanduser().resolve()
        if not (root / "data").is_dir():
            raise FileNotFoundError(f"{ROOT_ENV_VAR}={configured} has no data/ folder")
        return root
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if _is_project_root(folder):
                return folder
    raise FileNotFoundError(
        "cannot find the project folder (with pyproject.toml and data/); "
        f"run from inside the clone or set {ROOT_ENV_VAR}"
    )


def data_path(*parts: str) -> Path:
    """Return a path inside the project's ``data/`` folder.

    Parameters
    ----------
    *parts : str
        Path components below ``data/``, e.g. ``"lexicons", "actors.csv"``.

    Returns
    -------
    pathlib.Path
    """
    return project_root().joinpath("data", *parts)


def default_actors_path() -> Path:
    """Return the bundled actor lexicon, ``data/lexicons/actors.csv``."""
    return data_path("lexicons", "actors.csv")


def default_terms_path() -> Path:
    """Return the bundled loaded-term lexicon, ``data/lexicons/loaded_terms.csv``."""
    return data_path("lexicons", "loaded_terms.csv")


def default_ignore_path() -> Path:
    """Return the bundled ignore list, ``data/lexicons/ignore.csv``."""
    return data_path("lexicons", "ignore.csv")


def default_sources_path() -> Path:
    """Return the bundled anonymous-source lexicon, ``data/lexicons/sources.csv``."""
    return data_path("lexicons", "sources.csv")

"""Loading the scripts of ``data/validation/`` folders in the tests that rebuild their numbers."""

import importlib.util
from pathlib import Path
from types import ModuleType


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

"""House style for figures: fonts, sizes, the style sheet, and saving for papers.

The style sheet ``styles/paper.mplstyle`` ships in the package.  Fonts come
with the project: Amiri (SIL Open Font License) is installed from PyPI as
``fontpkg-amiri`` and registered with matplotlib here, never looked for on the
system; DejaVu Sans (bundled with matplotlib) is the fallback.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import matplotlib
import matplotlib.style
from matplotlib import font_manager
from matplotlib.figure import Figure

from .paths import project_root

#: Figure widths in inches for journal layouts.
SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.0
#: The Okabe–Ito colour-blind-safe palette, in the order of the style sheet.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
ARABIC_FONT = "Amiri"
FORMATS = ("pdf", "svg", "png")
#: Metadata that would change on every run is left out, so reruns are byte-identical.
_STABLE_METADATA = {"pdf": {"CreationDate": None, "ModDate": None}, "svg": {"Date": None}, "png": {}}


def style_path() -> Path:
    """Return the path of the packaged style sheet."""
    return Path(str(resources.files("analysis") / "styles" / "paper.mplstyle"))


@lru_cache(maxsize=1)
def register_fonts() -> list[Path]:
    """Register the bundled Amiri font files with matplotlib (once per process).

    Returns
    -------
    list of Path
        The font files registered.

    Raises
    ------
    RuntimeError
        If the ``fontpkg-amiri`` package is missing (reinstall the project).
    """
    try:
        import fontpkg
    except ImportError as error:  # pragma: no cover - the dependency is declared
        raise RuntimeError("the Amiri font package is missing: run `make install` (pip install fontpkg-amiri)") from error
    folder = Path(fontpkg.path(ARABIC_FONT)).parent
    files = sorted(folder.glob("Amiri-*.ttf"))
    for file in files:
        font_manager.fontManager.addfont(str(file))
    return files


def use_paper_style() -> None:
    """Apply the paper style to matplotlib globally (fonts registered first)."""
    register_fonts()
    matplotlib.style.use(str(style_path()))


@contextmanager
def paper_style():
    """Context manager applying the paper style only inside the ``with`` block."""
    register_fonts()
    with matplotlib.style.context(str(style_path())):
        yield


def figures_dir() -> Path:
    """Return the project's ``figures/`` folder (created if missing)."""
    folder = project_root() / "figures"
    folder.mkdir(exist_ok=True)
    return folder


def save_figure(
    fig: Figure, name: str, *, folder: str | Path | None = None, formats: Sequence[str] = FORMATS
) -> list[Path]:
    """Save a figure for a paper as PDF, SVG and 300-dpi PNG, atomically.

    PDF embeds TrueType fonts (text stays searchable), SVG keeps text as text,
    and no timestamp is written, so saving the same figure twice gives
    byte-identical files.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    name : str
        File stem, e.g. ``"actor_salience"``.
    folder : str or Path, optional
        Output folder; the project's ``figures/`` by default.
    formats : sequence of str, optional
        Any of ``pdf``, ``svg``, ``png``.

    Returns
    -------
    list of Path
        The files written.
    """
    if not name or Path(name).name != name:
        raise ValueError(f"name must be a plain file stem, got {name!r}")
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; use {FORMATS}")
    out = Path(folder) if folder is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = out / f"{name}.{fmt}"
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}", dir=out)
        os.close(handle)
        try:
            with matplotlib.rc_context({"pdf.fonttype": 42, "svg.fonttype": "none", "svg.hashsalt": "arabic-framing"}):
                fig.savefig(temporary, format=fmt, dpi=300, metadata=_STABLE_METADATA[fmt])
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(target)
    return written

"""House style for figures: fonts, sizes, the style sheet, and saving for papers.

The style sheet ``styles/paper.mplstyle`` ships in the package.  Fonts come
with the project: Amiri (SIL Open Font License) is installed from PyPI as
``fontpkg-amiri`` and registered with matplotlib here, never looked for on the
system; DejaVu Sans (bundled with matplotlib) is the fallback.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.style
from matplotlib import font_manager
from matplotlib.figure import Figure

from .output import atomic_file
from .paths import project_root
from .provenance import figure_metadata

#: Figure widths in inches for journal layouts.
SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.0
#: The widths by name, as every figure function's ``width`` accepts them.
COLUMN_WIDTHS = {"single": SINGLE_COLUMN, "double": DOUBLE_COLUMN}
#: Figures narrower than this (inches) lay themselves out for one column: labels on
#: two lines, column labels turned, legends in more rows.
NARROW_WIDTH = 5.0
#: The Okabe–Ito colour-blind-safe palette, in the order of the style sheet.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
ARABIC_FONT = "Amiri"
FORMATS = ("pdf", "svg", "png")
#: Metadata that would change on every run is left out, so reruns are byte-identical.
_STABLE_METADATA = {"pdf": {"CreationDate": None, "ModDate": None}, "svg": {"Date": None}, "png": {}}


def group_colors(groups: Sequence[str], *, figure: str, largest: Sequence[str] = ()) -> dict[str, str]:
    """One colour of :data:`PALETTE` per group, in order; refused beyond the palette.

    Two groups in one colour could not be told apart, so a figure that tells
    groups apart by colour draws at most ``len(PALETTE)`` (8) of them.

    Parameters
    ----------
    groups : sequence of str
        The groups, in legend order.
    figure : str
        The figure function's name, for the message.
    largest : sequence of str, optional
        The groups to suggest when there are too many (e.g. those with most articles).

    Raises
    ------
    ValueError
        More groups than colours, naming how many and how to choose.

    >>> group_colors(["a", "b"], figure="f")
    {'a': '#0072B2', 'b': '#E69F00'}
    """
    groups = list(groups)
    if len(groups) > len(PALETTE):
        suggestion = f", e.g. the {len(PALETTE)} largest: {list(largest)[: len(PALETTE)]!r}" if largest else ""
        raise ValueError(
            f"{figure} tells at most {len(PALETTE)} groups apart by colour, got {len(groups)}: pass only the rows "
            f"of the groups to compare{suggestion} (the colours are analysis.style.PALETTE)"
        )
    return {group: PALETTE[i] for i, group in enumerate(groups)}


def column_width(width: float | str) -> float:
    """A figure width in inches, from inches or a name: ``"single"`` (3.5) or ``"double"`` (7).

    >>> column_width("single"), column_width(5)
    (3.5, 5.0)
    """
    if isinstance(width, str):
        if width not in COLUMN_WIDTHS:
            raise ValueError(f"width must be inches or one of {sorted(COLUMN_WIDTHS)}, got {width!r}")
        return COLUMN_WIDTHS[width]
    if not 1.5 <= float(width) <= 20:
        raise ValueError(f"width is in inches (3.5 for one journal column, 7 for two), got {width}")
    return float(width)


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
        import fontpkg  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - the dependency is declared
        raise RuntimeError(
            "the Amiri font package is missing: run `make install` (pip install fontpkg-amiri)"
        ) from error
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
    fig: Figure,
    name: str,
    *,
    folder: str | Path | None = None,
    formats: Sequence[str] = FORMATS,
    provenance: Mapping[str, Any] | None = None,
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
    provenance : mapping, optional
        What produced the figure (:func:`analysis.provenance.describe_run`),
        stored in each file's metadata: PDF ``Subject``, SVG ``Description``,
        PNG text chunk ``Provenance`` (see
        :func:`analysis.provenance.figure_metadata`).

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
    # The paper style is applied while saving too, so the bytes written do not
    # depend on whatever style the session has set globally.
    with paper_style(), _frozen_layout(fig):
        for fmt in formats:
            written.append(_save_atomically(fig, out / f"{name}.{fmt}", fmt, provenance))
    return written


def figure_is_empty(fig: Figure) -> bool:
    """True when no axes of ``fig`` draws anything: no line, bar, patch, collection or image.

    Such a figure (sourcing on a paragraph without attributions, a heatmap of
    no pairs) is nothing to put in a paper; :func:`save_figure_widths` does
    not save it.
    """
    return not any(ax.lines or ax.patches or ax.collections or ax.images for ax in fig.axes)


def save_figure_widths(
    draw: Callable[..., Figure | None],
    name: str,
    *,
    widths: Sequence[str] = ("single", "double"),
    folder: str | Path | None = None,
    formats: Sequence[str] = FORMATS,
    provenance: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Draw a figure at each column width and save each as ``<name>_<width>.<format>``.

    Parameters
    ----------
    draw : callable
        Called as ``draw(width=...)`` with each of ``widths``; returns the
        figure (any figure function with its data bound, e.g.
        ``functools.partial(plot.sourcing_figure, attributions)``), or None
        when there is nothing to draw.
    name : str
        File stem; ``_single`` or ``_double`` is added.
    widths : sequence of str, optional
        Names of :data:`COLUMN_WIDTHS` (both by default).
    folder, formats, provenance
        As for :func:`save_figure`.

    Returns
    -------
    list of Path
        The files written; none for a figure with nothing to show (None, or
        :func:`figure_is_empty`), which a warning names.
    """
    unknown = [w for w in widths if w not in COLUMN_WIDTHS]
    if unknown:
        raise ValueError(f"widths must be names of {sorted(COLUMN_WIDTHS)}, got {unknown}")
    written: list[Path] = []
    for width in widths:
        fig = draw(width=width)
        if fig is None or figure_is_empty(fig):
            warnings.warn(f"figure {name!r} has nothing to show at width {width!r}: not saved", UserWarning,
                          stacklevel=2)  # fmt: skip
            continue
        written += save_figure(fig, f"{name}_{width}", folder=folder, formats=formats, provenance=provenance)
    return written


@contextmanager
def _frozen_layout(fig: Figure):
    """Settle the layout at the export resolution, then keep it fixed while saving.

    Constrained layout starts from the positions of the previous draw, and a
    draw at another resolution (the notebook's display) leaves them slightly
    different; settling at 300 dpi and freezing makes every format, and every
    rerun, lay out the same.
    """
    engine, dpi = fig.get_layout_engine(), fig.dpi
    fig.set_dpi(300)
    try:
        for _ in range(3):
            fig.draw_without_rendering()
        fig.set_layout_engine("none")
        yield
    finally:
        fig.set_layout_engine(engine)
        fig.set_dpi(dpi)


_HASHED_ID = re.compile(r"\b([a-z])([0-9a-f]{10})\b")


def renumber_svg_ids(svg: str) -> str:
    """Replace matplotlib's hashed SVG ids (clip paths, markers) by ordinal ones.

    The hashes cover float coordinates that can differ in the last bit after
    the figure was drawn at another size (a notebook's display); the drawing
    is the same, so numbering the ids in order of appearance makes the file
    the same too.

    Parameters
    ----------
    svg : str
        SVG text written by matplotlib.

    Returns
    -------
    str
        The same SVG with ids ``p<hash>`` renamed ``p1``, ``p2``, ... (per prefix).
    """
    renamed: dict[str, str] = {}
    counters: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        old = match.group(0)
        if old not in renamed:
            prefix = match.group(1)
            counters[prefix] = counters.get(prefix, 0) + 1
            renamed[old] = f"{prefix}{counters[prefix]}"
        return renamed[old]

    ids = set(re.findall(r'id="([a-z][0-9a-f]{10})"', svg))
    return _HASHED_ID.sub(lambda m: rename(m) if m.group(0) in ids else m.group(0), svg)


def _save_atomically(fig: Figure, target: Path, fmt: str, provenance: Mapping[str, Any] | None = None) -> Path:
    """Write one format to a temporary file beside ``target``, then move it into place."""
    metadata = {**_STABLE_METADATA[fmt], **figure_metadata(provenance, fmt)}
    with atomic_file(target) as temporary:
        with matplotlib.rc_context({"pdf.fonttype": 42, "svg.fonttype": "none", "svg.hashsalt": "arabic-framing"}):
            fig.savefig(temporary, format=fmt, dpi=300, metadata=metadata)
        if fmt == "svg":
            temporary.write_text(renumber_svg_ids(temporary.read_text(encoding="utf-8")), encoding="utf-8")
    return target

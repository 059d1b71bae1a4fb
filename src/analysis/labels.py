"""Prepare every text that goes into a figure, for the matplotlib that is running.

Matplotlib 3.11 shapes Arabic (joins the letters) and orders it right to left
by itself.  The classic recipe ``get_display(arabic_reshaper.reshape(s))``
would then be applied twice and every label would come out reversed, which a
reader who does not read Arabic will not notice.  So:

* on matplotlib ≥ 3.11 a label is left exactly as it is (logical order), and
  PDF and SVG files keep searchable, ordinary Arabic text;
* on older matplotlib, text with Arabic letters is shaped with
  arabic-reshaper (the ﷲ ligature off, so الله stays four letters) and put in
  display order with python-bidi's ``bidi.algorithm.get_display``, which also
  mirrors brackets.

:func:`prepare_label` is the one place that decides; plotting code calls it
for every string it draws.
"""

from __future__ import annotations

from functools import lru_cache

import matplotlib
from packaging.version import Version

from . import arabic

SHAPING_MATPLOTLIB = Version("3.11")


def matplotlib_shapes_arabic(version: str | None = None) -> bool:
    """Whether this matplotlib (or ``version``) shapes and orders Arabic itself."""
    return Version(version or matplotlib.__version__).release >= SHAPING_MATPLOTLIB.release


@lru_cache(maxsize=1)
def _reshaper():
    from arabic_reshaper import ArabicReshaper

    return ArabicReshaper(configuration={"delete_harakat": False, "ARABIC LIGATURE ALLAH": False})


def shape_for_display(text: str) -> str:
    """Reshape and reorder Arabic for a renderer that cannot (matplotlib < 3.11).

    Parameters
    ----------
    text : str
        Text in logical order.

    Returns
    -------
    str
        Presentation-form glyphs in visual (left-to-right) order, brackets
        mirrored.
    """
    from bidi.algorithm import get_display

    # Direction marks have done their work once the text is in display order; drawn, they could be boxes.
    return get_display(_reshaper().reshape(text)).replace(arabic.LRM, "").replace(arabic.RLM, "")


def prepare_label(text: str, *, matplotlib_version: str | None = None) -> str:
    """Return ``text`` ready to be drawn by the running matplotlib.

    Parameters
    ----------
    text : str
        A label in logical order (as stored in tables).
    matplotlib_version : str, optional
        Decide as for this version instead of the installed one (tests).

    Returns
    -------
    str
        ``text`` unchanged on matplotlib ≥ 3.11 or when it has no Arabic
        letters; otherwise shaped and in display order.

    Examples
    --------
    >>> prepare_label("حفتر", matplotlib_version="3.11.2")
    'حفتر'
    >>> prepare_label("حفتر", matplotlib_version="3.10.8")
    'ﺮﺘﻔﺣ'
    """
    if matplotlib_shapes_arabic(matplotlib_version) or not arabic.has_arabic_letter(text):
        return text
    return shape_for_display(text)


def with_gloss(text: str, gloss: str | None, *, separator: str = " ") -> str:
    """Join an Arabic label and its English gloss: ``حفتر (Khalifa Haftar)``.

    Parameters
    ----------
    text : str
        The Arabic label.
    gloss : str or None
        English gloss; nothing is added when empty or equal to ``text``.
    separator : str, optional
        Between the two; ``"\\n"`` puts the gloss on a second line.

    Returns
    -------
    str
        In logical order; pass it through :func:`prepare_label` before drawing.
    """
    if not gloss or gloss == text:
        return text
    if any(mark in gloss for mark in "()[]"):
        # A bracket inside the gloss (`activists (oblique case)`, `militia(s)`) unpairs the outer ones
        # for python-bidi, which drew `((activists (oblique case)`; left-to-right marks around the gloss
        # keep it one left-to-right run. Other labels stay as they were.
        return f"{text}{separator}{arabic.LRM}({gloss}){arabic.LRM}"
    return f"{text}{separator}({gloss})"


def with_count(text: str, n: int, noun: str, singular: str | None = None) -> str:
    """A name and a count, ``العربية (24 articles)``, that stays in that order when drawn.

    After Arabic letters the bidirectional algorithm takes digits for Arabic
    ones, which split ``24 articles`` and show ``(articles 24) العربية``; a
    left-to-right mark before the digits keeps the count and its noun
    together. A name without Arabic letters gets no mark (nothing to steer).

    Parameters
    ----------
    text : str
        The name, in logical order.
    n : int
        The count.
    noun : str
        What is counted, in the plural (``"articles"``).
    singular : str, optional
        The noun for a count of 1; by default ``noun`` without its final ``s``
        (a legend of a student's corpus read ``(1 articles)``).

    Returns
    -------
    str
        In logical order; pass it through :func:`prepare_label` before drawing.

    Examples
    --------
    >>> with_count("العربية", 24, "articles")
    'العربية (\u200e24 articles)'
    >>> prepare_label(with_count("مصر", 3, "articles"), matplotlib_version="3.10.8")
    '(3 articles) ﺮﺼﻣ'
    >>> with_count("Al Riyadh", 7, "articles")
    'Al Riyadh (7 articles)'
    >>> with_count("BBC Arabic", 1, "articles")
    'BBC Arabic (1 article)'
    """
    mark = arabic.LRM if arabic.has_arabic_letter(text) else ""
    if n == 1:
        noun = noun.removesuffix("s") if singular is None else singular
    return f"{text} ({mark}{n} {noun})"

"""Normalization of Arabic text for matching, with a map back to the original.

Normalization is for comparing strings only: it never replaces the text a
researcher reads.  :func:`normalize` is the fast path used on tokens and
lexicon entries; :func:`normalize_with_offsets` also returns, for every
normalized character, the span of original characters it came from.

The steps, in order (see ``DESIGN.md``): NFC; NFKC for presentation forms only;
drop invisible format characters, tatweel and diacritics; map Arabic-Indic and
Persian digits and Persian letters; then the optional foldings (alef forms,
alef maqsura, taa marbuta), applied to text and lexicon alike.  Latin letters
are lower-cased so that ``CIA`` and ``cia`` match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import arabic


@dataclass(frozen=True)
class Folding:
    """Which optional letter foldings to apply.

    Parameters
    ----------
    alef : bool
        Fold أ إ آ ٱ to ا.  Hamza on alef is written inconsistently in news.
    yeh : bool
        Fold ى to ي.  Egyptian usage writes final ي as ى.
    taa_marbuta : bool
        Fold ة to ه.  Turn off to keep حكومة and حكومه apart.
    """

    alef: bool = True
    yeh: bool = True
    taa_marbuta: bool = True


DEFAULT_FOLDING = Folding()

_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+")


def _presentation_form_map() -> dict[int, str]:
    """NFKC of each Arabic presentation form, with its spacing removed.

    The isolated harakat forms (U+FE70..) decompose to a space plus the mark;
    the space is an artefact of the glyph, not a word boundary.
    """
    table: dict[int, str] = {}
    for low, high in arabic.PRESENTATION_FORM_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if folded != char:
                table[code] = folded.strip(" ") if len(folded) > 1 and folded[0] == " " else folded
    return table


@lru_cache(maxsize=8)
def translation_table(folding: Folding = DEFAULT_FOLDING) -> dict[int, str | None]:
    """Return the ``str.translate`` table for one folding configuration.

    Parameters
    ----------
    folding : Folding
        The optional foldings to include.

    Returns
    -------
    dict
        Code point to replacement string (``None`` deletes the character).
    """
    single: dict[str, str] = {}
    single.update(arabic.PERSIAN_TO_ARABIC)
    single.update(arabic.DIGITS_TO_ASCII)
    if folding.alef:
        single.update(arabic.ALEF_FOLDING)
    if folding.yeh:
        single.update(arabic.YEH_FOLDING)
    if folding.taa_marbuta:
        single.update(arabic.TAA_FOLDING)
    deleted = arabic.WORD_INTERNAL_IGNORABLES

    def fold(text: str) -> str:
        return "".join("" if ch in deleted else single.get(ch, ch.lower() if ch.isascii() else ch) for ch in text)

    table: dict[int, str | None] = {ord(ch): None for ch in deleted}
    table.update({ord(src): dst for src, dst in single.items()})
    table.update({code: fold(nfkc) for code, nfkc in _presentation_form_map().items()})
    table.update({code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)})
    return table


#: Above this length a string is normalized with a few C-speed scans instead of
#: ``str.translate`` (which looks up every character of a non-Latin string in a
#: dict); both give the same result (a property test checks it).
LONG_TEXT = 256
# Characters that are rare in news and that translate to something other than one
# fixed letter: deleted ignorables, presentation forms (NFKC) and ASCII capitals.
# One scan finds their runs, which are translated with the full table.
_RARE_CLASS = (
    "["
    + re.escape("".join(sorted(arabic.WORD_INTERNAL_IGNORABLES)))
    + "".join(f"{chr(low)}-{chr(high)}" for low, high in arabic.PRESENTATION_FORM_RANGES)
    + "A-Z]"
)
# A run is written "[...][...]*", not "[...]+": the re module skips ahead with its
# fast character-set scan only when a pattern starts with the class itself (a
# repeat hides it, and every position is tried as a match: twice the time on news).
_RARE_SPECIAL = re.compile(_RARE_CLASS + _RARE_CLASS + "*")


@lru_cache(maxsize=8)
def _replacements(folding: Folding) -> tuple[tuple[str, str], ...]:
    table = translation_table(folding)
    return tuple(
        (chr(code), value) for code, value in table.items() if value is not None and not _RARE_SPECIAL.match(chr(code))
    )


def _normalize_long(text: str, folding: Folding) -> str:
    table = translation_table(folding)
    text = _RARE_SPECIAL.sub(lambda run: run.group().translate(table), text)
    for old, new in _replacements(folding):
        # No replacement produces a character that another replacement maps,
        # so doing them one after another equals one simultaneous translation.
        if old in text:
            text = text.replace(old, new)
    return text


def _canonical_pair_seconds(codes: range) -> set[int]:
    """The second characters of the two-character canonical decompositions of ``codes``' characters.

    These are the characters that NFC may compose with the character before
    them (quick check "Maybe"), combining or not.
    """
    seconds = set()
    for code in codes:
        mapping = unicodedata.decomposition(chr(code)).split()
        if len(mapping) == 2 and not mapping[0].startswith("<"):
            seconds.add(int(mapping[1], 16))
    return seconds


_HANGUL_JAMO = range(0x1100, 0x1200)  # composed by algorithm, not listed as decompositions


@lru_cache(maxsize=1)
def _nfc_suspects() -> re.Pattern[str]:
    """A character that NFC may change, move or compose, and the rest of its line.

    Every other character is a starter (canonical combining class 0) that NFC
    leaves alone and composes with nothing before it, so a line without a
    suspect is in NFC already.  Suspects are the combining marks, the
    characters NFC changes on their own, the second characters of canonical
    pairs (Hangul jamo included) and, not worth listing, every character
    beyond the Basic Multilingual Plane.  Built from :mod:`unicodedata` itself
    (a few hundredths of a second, once, when a text needs NFC).
    """
    bmp = range(0xFFFF + 1)
    seconds = _canonical_pair_seconds(bmp) | set(_HANGUL_JAMO)
    suspects = [
        code
        for code in bmp
        if not 0xD800 <= code <= 0xDFFF
        and (code in seconds or unicodedata.combining(chr(code)) or not unicodedata.is_normalized("NFC", chr(code)))
    ]
    ranges: list[list[int]] = []
    for code in suspects:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    listed = "".join(re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high))) for low, high in ranges)
    return re.compile(f"[{listed}\U00010000-\U0010ffff][^\n]*")


def _nfc_by_line(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, normalizing only the lines that hold a suspect character.

    NFC never composes or reorders across a line break (a starter that
    composes with nothing), and in news that is not in NFC only a few words
    carry marks out of canonical order (a shadda before its vowel):
    normalizing those lines alone takes a fifth of the time of the whole
    text.  Each piece starts one character before the line's first suspect,
    at the starter a combining mark may compose with; a property test
    compares both.
    """
    pieces: list[str] = []
    done = 0
    for match in _nfc_suspects().finditer(text):
        start = match.start()
        if start > done and text[start - 1] != "\n":
            start -= 1
        pieces += (text[done:start], unicodedata.normalize("NFC", text[start : match.end()]))
        done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def normalize(text: str, folding: Folding = DEFAULT_FOLDING) -> str:
    """Normalize ``text`` for matching.

    Parameters
    ----------
    text : str
        Any text: a token, a lexicon entry or a whole document.
    folding : Folding, optional
        Optional letter foldings; the default folds alef, yeh and taa marbuta.

    Returns
    -------
    str
        The normalized string.  It may be shorter (marks dropped) or longer
        (a lam-alef ligature becomes two letters) than ``text``.

    Examples
    --------
    >>> normalize("الرَّئِيسُ")
    'الرئيس'
    >>> normalize("مصـــراتة")
    'مصراته'
    >>> normalize("\u0661\u0669\u0667\u0668")
    '1978'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = _nfc_by_line(text) if len(text) > LONG_TEXT else unicodedata.normalize("NFC", text)
    if len(text) > LONG_TEXT:
        return _normalize_long(text, folding)
    return text.translate(translation_table(folding))


@dataclass(frozen=True)
class NormalizedText:
    """A normalized string and where each of its characters came from.

    Attributes
    ----------
    text : str
        The normalized text.
    starts, ends : tuple of int
        For normalized character ``k``, the original characters
        ``original[starts[k]:ends[k]]`` produced it (a letter and the
        diacritics written on it, or a whole ligature).
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalized span ``[start, end)`` to original offsets.

        Parameters
        ----------
        start, end : int
            Offsets into :attr:`text`, ``start < end``.

        Returns
        -------
        tuple of int
            ``(original_start, original_end)``, covering every diacritic
            written on the last character.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is empty or outside 0..{len(self.text)}")
        return self.starts[start], self.ends[end - 1]


def normalize_with_offsets(text: str, folding: Folding = DEFAULT_FOLDING) -> NormalizedText:
    """Normalize ``text`` and keep a map from normalized to original offsets.

    Each base character is normalized together with the combining marks
    written on it, so a diacritic is attributed to its letter and a hit that
    ends on a letter also covers its vowel signs.

    Parameters
    ----------
    text : str
        The original text.
    folding : Folding, optional
        Optional letter foldings.

    Returns
    -------
    NormalizedText
        ``result.text == normalize(text, folding)`` for text whose
        combining marks follow a base character.
    """
    table = translation_table(folding)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(text):
        out = unicodedata.normalize("NFC", cluster.group()).translate(table)
        if out:
            pieces.append(out)
            starts.extend([cluster.start()] * len(out))
            ends.extend([cluster.end()] * len(out))
    return NormalizedText("".join(pieces), tuple(starts), tuple(ends))

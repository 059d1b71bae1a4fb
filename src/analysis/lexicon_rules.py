"""Per-entry matching rules: the optional columns of a lexicon CSV.

A researcher edits these cells in a spreadsheet; an empty cell means the
default.  Each column is documented in ``data/lexicons/README.md``:

* ``clitics``: which proclitics the first word may take: ``all`` (default),
  ``conjunctions`` (و ف only), ``none``, or ``no_article`` (all but ال);
* ``suffixes``: which endings the last word may take, joined by ``|``:
  ``accusative`` (ـا), ``feminine_plural`` (ـات), ``masculine_plural`` (ـون ـين),
  ``pronouns`` (ـه ـها ...), or ``none``; default :data:`DEFAULT_SUFFIXES`;
* ``inner_article``: ``yes``/``no``: inner words may also carry ال (جرائم
  الحرب for جرائم حرب); default :data:`DEFAULT_INNER_ARTICLE` of the kind;
* ``context``: cue words or phrases, joined by ``|``, written like entries
  (proclitics are generated, ``*`` allowed), at least one of which must stand
  in the hit's sentence (or paragraph, ``context_scope``) for it to count;
  ``context_scope = sentence+N`` looks in the sentence and in the N words
  either side of the hit across a sentence end (never past its paragraph);
* ``exclude``: phrases that contain the entry and cancel it (صلاة المغرب),
  joined by ``|``.

A cue written with a leading ``!`` in the ``context`` cell is a blocking cue:
where one stands in the scope, the hit does not count (``!منتخب*|!مباراة``
keeps a country's national team out of its count).

Rules are parsed into a frozen :class:`EntryRules` per entry (a value: the
settings of a counter stay hashable), and every problem names file and row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import arabic
from .errors import FramingInputError
from .normalize import DEFAULT_FOLDING, Folding

#: The optional rule columns, in the order the README documents them.
RULE_COLUMNS = ("clitics", "suffixes", "inner_article", "context", "context_scope", "exclude")
CLITIC_POLICIES = ("all", "conjunctions", "none", "no_article")
SUFFIX_GROUPS = ("accusative", "feminine_plural", "masculine_plural", "pronouns")
CONTEXT_SCOPES = ("sentence", "paragraph", "sentence+N")
#: The largest N of ``sentence+N``: beyond it a paragraph scope says the same more plainly.
MAX_CONTEXT_WINDOW = 100
#: Separator of several values in one cell (a comma would need quoting in CSV).
SEPARATOR = "|"
#: Suffixes when the cell is empty.  Terms are mostly nouns whose accusative
#: and ـات plural are wanted (عدوانا، اقتحامات، عصابات).  The masculine plural
#: is opt-in: on the 20k-article corpus ـين made other words of nouns (لص →
#: للصين "to China", المدعو → المدعوين "the guests"); write it on participles
#: and adjectives (متطرف → متطرفين).  An actor's name takes no suffix
#: (حكومتها is not a mention of a government, مصرين is not Egypt).
DEFAULT_SUFFIXES: dict[str, tuple[str, ...]] = {"term": ("accusative", "feminine_plural", "pronouns")}
#: Optional article on inner words when the cell is empty: on for terms
#: (جرائم الحرب), off for actors, whose names are fixed (حكومة الوفاق).
DEFAULT_INNER_ARTICLE: dict[str, bool] = {"term": True}
_YES, _NO = ("yes", "true", "1", "y"), ("no", "false", "0", "n")


@dataclass(frozen=True)
class Phrase:
    """A cue or an exclusion phrase, compiled like an entry.

    Attributes
    ----------
    written : str
        As written in the cell.
    words, wildcard, token_kinds : tuple
        As in :class:`analysis.lexicon.Entry`.
    offset : int
        For an exclusion phrase, the position of the entry's first word in it
        (صلاة المغرب for المغرب: 1); 0 for a cue.
    clitics : str
        The proclitics its first word may take (a ``clitics`` policy; all by default).
    head_row : int or None
        For an exclusion made from a name head of the ignore list (``معهد`` + the
        entry), that list's row: the entry's own words must then stand as written,
        with no clitic of their own (see :func:`analysis.lexicon.with_name_heads`).
    """

    written: str
    words: tuple[str, ...]
    wildcard: tuple[bool, ...]
    token_kinds: tuple[str, ...]
    offset: int = 0
    clitics: str = "all"
    head_row: int | None = None


@dataclass(frozen=True)
class EntryRules:
    """The rules of one entry (defaults: the bundled behaviour before rules existed).

    ``suffixes`` and ``inner_article`` are ``None`` when the cell is empty;
    :func:`suffix_groups` and :func:`inner_article` resolve them per kind.
    """

    clitics: str = "all"
    suffixes: tuple[str, ...] | None = None
    inner_article: bool | None = None
    context: tuple[Phrase, ...] = ()
    context_scope: str = "sentence"
    exclude: tuple[Phrase, ...] = ()
    blocking: tuple[Phrase, ...] = ()

    @property
    def context_window(self) -> int:
        """The N of a ``sentence+N`` scope: words either side of the hit looked at beyond its sentence (else 0)."""
        return window_of(self.context_scope)

    @property
    def checked(self) -> bool:
        """Whether a candidate must be checked against its surroundings (context, blocking cues, exclude)."""
        return bool(self.context or self.exclude or self.blocking)


DEFAULT_RULES = EntryRules()


def suffix_groups(kind: str, rules: EntryRules) -> tuple[str, ...]:
    """The suffix groups an entry of ``kind`` takes (its cell, else the kind's default)."""
    return rules.suffixes if rules.suffixes is not None else DEFAULT_SUFFIXES.get(kind, ())


def inner_article(kind: str, rules: EntryRules) -> bool:
    """Whether inner words may carry ال (its cell, else the kind's default)."""
    return rules.inner_article if rules.inner_article is not None else DEFAULT_INNER_ARTICLE.get(kind, False)


def window_of(scope: str) -> int:
    """The N of a ``sentence+N`` scope (0 for ``sentence`` and ``paragraph``)."""
    return int(scope.partition("+")[2] or 0)


def _scope(value: str, source: str | Path, row: int) -> str:
    """The ``context_scope`` cell: ``sentence``, ``paragraph`` or ``sentence+N`` (N from 1 to 100 words)."""
    base, plus, words = value.lower().replace(" ", "").partition("+")
    if plus and base == "sentence" and words.isdigit() and 1 <= int(words) <= MAX_CONTEXT_WINDOW:
        return f"sentence+{int(words)}"
    if plus:
        raise FramingInputError(
            source,
            f"context_scope {value!r}: write sentence+N with N a number of words from 1 to "
            f"{MAX_CONTEXT_WINDOW} (sentence+10: the sentence and ten words either side of the hit).",
            row=row,
        )
    return _choice(value, CONTEXT_SCOPES, "context_scope", source, row)  # names sentence+N too


def _choice(value: str, allowed: tuple[str, ...], column: str, source: str | Path, row: int) -> str:
    if value.lower() not in allowed:
        raise FramingInputError(
            source,
            f"{column} {value!r} is not one of {', '.join(allowed)} (leave the cell empty for the default).",
            row=row,
        )
    return value.lower()


def _suffixes(value: str, source: str | Path, row: int) -> tuple[str, ...] | None:
    if not value:
        return None
    groups = [v.strip().lower() for v in value.split(SEPARATOR) if v.strip()]
    if groups == ["none"]:
        return ()
    unknown = [g for g in groups if g not in SUFFIX_GROUPS]
    if unknown:
        raise FramingInputError(
            source,
            f"suffixes {value!r}: {', '.join(unknown)} not understood; write "
            f"{', '.join(SUFFIX_GROUPS)} joined by '{SEPARATOR}', or none.",
            row=row,
        )
    return tuple(g for g in SUFFIX_GROUPS if g in groups)


def _phrases(value: str, column: str, source: str | Path, row: int, folding: Folding) -> list[Phrase]:
    from .lexicon import listed_entries, parse_entry  # lexicon imports this module to read its rows

    phrases = []
    for written in (v.strip() for v in value.split(SEPARATOR)):
        if not written:
            raise FramingInputError(
                source,
                f"{column} {value!r} has an empty phrase (two '{SEPARATOR}' in a row, or one at an end).",
                row=row,
            )
        _check_phrase_marks(written, value, column, listed_entries(written), source, row)
        words, wildcard, kinds = parse_entry(written, source=str(source), row=row, folding=folding)
        phrases.append(Phrase(written, words, wildcard, kinds))
    return phrases


def _check_phrase_marks(
    written: str, value: str, column: str, listed: tuple[str, list[str]] | None, source: str | Path, row: int
) -> None:
    """Refuse a phrase that lists several (``حرب;قتال``) or holds a ``!`` that is not a blocking mark.

    Either would be matched as one phrase, mark included, that no text holds: a cue that never stands
    anywhere makes its row never count, an exclusion or blocking cue that never stands cancels nothing.
    """
    if listed is not None:
        separator, parts = listed
        raise FramingInputError(
            source,
            f"{column} {value!r}: {written!r} lists {len(parts)} phrases separated by {separator!r}, which would be "
            f"matched as one phrase, the {separator!r} included, and never found; separate them with "
            f"'{SEPARATOR}' ({SEPARATOR.join(parts)}).",
            row=row,
        )
    if "!" in written and any(char.isalpha() for char in written):
        fix = (
            "write one '!' before the cue (!منتخب*)"
            if column == "context"
            else "remove it: an exclusion phrase always cancels (a blocking cue goes in the context cell)"
        )
        raise FramingInputError(
            source, f"{column} {value!r}: {written!r} holds a '!', which only marks a blocking cue; {fix}.", row=row
        )


def _cues(value: str, source: str | Path, row: int, folding: Folding) -> tuple[list[Phrase], list[Phrase]]:
    """The ``context`` cell as (required cues, blocking cues); a blocking cue is written ``!cue``."""
    if not value:
        return [], []
    items = [v.strip() for v in value.split(SEPARATOR)]
    required = SEPARATOR.join(v for v in items if not v.startswith("!"))
    blocking = SEPARATOR.join(v[1:].strip() or "!" for v in items if v.startswith("!"))
    return (
        _phrases(required, "context", source, row, folding) if required else [],
        _phrases(blocking, "context", source, row, folding) if blocking else [],
    )


def _offset_in(phrase: Phrase, words: tuple[str, ...], wildcard: tuple[bool, ...]) -> int | None:
    """Where ``words`` (an entry) stand in ``phrase``; its first word may carry proclitics there."""
    for k in range(len(phrase.words) - len(words) + 1):
        inside = phrase.words[k : k + len(words)]
        first_ok = inside[0] in arabic.proclitic_variants(words[0]) or (
            wildcard[0] and any(inside[0].startswith(v) for v in arabic.proclitic_variants(words[0]))
        )
        rest_ok = all(w == e or (star and w.startswith(e)) for w, e, star in zip(inside[1:], words[1:], wildcard[1:]))
        if first_ok and rest_ok:
            return k
    return None


def parse_rules(
    record: dict[str, str],
    entry: tuple[tuple[str, ...], tuple[bool, ...]],
    *,
    source: str | Path,
    row: int,
    folding: Folding = DEFAULT_FOLDING,
) -> EntryRules:
    """Read the rule cells of one lexicon row.

    Parameters
    ----------
    record : dict
        The row's cells by column (missing columns count as empty).
    entry : (words, wildcard)
        The row's entry, compiled (exclusion phrases must contain it).
    source : str or Path
        The file, for error messages.
    row : int
        The spreadsheet row, for error messages.
    folding : Folding, optional
        Letter foldings (those of the text).

    Returns
    -------
    EntryRules

    Raises
    ------
    FramingInputError
        Naming the file, the row and the cell that is not understood.
    """
    cell = {column: (record.get(column) or "").strip() for column in RULE_COLUMNS}
    if not any(cell.values()):
        return DEFAULT_RULES
    clitics = _choice(cell["clitics"], CLITIC_POLICIES, "clitics", source, row) if cell["clitics"] else "all"
    inner = None
    if cell["inner_article"]:
        answer = _choice(cell["inner_article"], _YES + _NO, "inner_article", source, row)
        inner = answer in _YES
    context, blocking = _cues(cell["context"], source, row, folding)
    scope = "sentence"
    if cell["context_scope"]:
        if not context and not blocking:
            raise FramingInputError(source, "context_scope is set but context is empty; give the cue words.", row=row)
        scope = _scope(cell["context_scope"], source, row)
    exclude = []
    for phrase in _phrases(cell["exclude"], "exclude", source, row, folding) if cell["exclude"] else []:
        offset = _offset_in(phrase, *entry)
        if offset is None or len(phrase.words) == len(entry[0]):
            raise FramingInputError(
                source,
                f"exclude {phrase.written!r} does not contain the entry with more "
                "words around it; an exclusion phrase is the entry in a longer phrase "
                "(صلاة المغرب for المغرب).",
                row=row,
            )
        exclude.append(Phrase(phrase.written, phrase.words, phrase.wildcard, phrase.token_kinds, offset))
    suffixes = _suffixes(cell["suffixes"], source, row)
    return EntryRules(clitics, suffixes, inner, tuple(context), scope, tuple(exclude), tuple(blocking))

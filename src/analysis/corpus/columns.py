"""Which columns (CSV) or fields (JSONL) hold what, and the check that a file has them.

A column the user named (the text column always, any other one when its name
differs from the default) must exist in every CSV header and in the first
record of every JSON Lines file: a typo then stops the run with the file's
fields listed, instead of giving empty metadata or skipping every record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import FramingInputError, config_file
from .tabular import header_row_below

#: The roles a column can play, in the order of the command's options.
ROLES = ("text", "id", "outlet", "date", "title", "url", "article")


@dataclass(frozen=True)
class Columns:
    """Names of the columns (CSV) or fields (JSONL) to read.

    Parameters
    ----------
    text : str
        The article text (required).
    id : str
        A unique identifier; when the column is absent or a cell is empty the
        doc_id is ``<file stem>-<row>``.
    outlet, date, title, url : str
        Metadata; missing columns give empty values.
    article : str
        The article a record belongs to, when a record is a paragraph (e.g.
        ``page_id``); empty (the default) or an empty cell: each record is
        its own article (``article`` is its ``doc_id``).

    Notes
    -----
    The text column, and every column whose name differs from its default,
    is *named*: a CSV or JSON Lines file without it is refused
    (:func:`check_fields`), because a typo would otherwise pass silently.
    """

    text: str = "text"
    id: str = "id"
    outlet: str = "outlet"
    date: str = "date"
    title: str = "title"
    url: str = "url"
    article: str = ""

    def __post_init__(self) -> None:
        role = self.shared_with_text()
        if role:
            raise FramingInputError("columns", (
                f"the text column {self.text!r} is also the {role} column: every article's text would be its "
                f'{role}; name the {role} column with --{role}-column NAME, or --{role}-column "" for none '
                f'({role} = "..." under [columns] of {config_file()})'
            ))  # fmt: skip

    def shared_with_text(self) -> str:
        """The first role (id, outlet, date, url, article) whose column is the text column, else ``""``.

        Every article's text would become its doc_id, outlet, date, url or article (``id = "body"``
        beside ``text = "body"``, or ``text = "id"`` with the default id column): refused. A title
        may be the text (a corpus of headlines).

        Examples
        --------
        >>> Columns(text="body", title="body").shared_with_text()
        ''
        >>> try:
        ...     Columns(text="body", id="body")
        ... except FramingInputError as error:
        ...     print(str(error)[:75])
        columns: the text column 'body' is also the id column: every article's text
        """
        return role_sharing_text(vars(self))

    def named(self) -> dict[str, str]:
        """The columns that must exist: role → column name.

        >>> Columns(outlet="newspaper").named()
        {'text': 'text', 'outlet': 'newspaper'}
        """
        defaults = Columns()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name == "text" or (getattr(self, f.name) and getattr(self, f.name) != getattr(defaults, f.name))
        }


def role_sharing_text(columns: Mapping[str, str]) -> str:
    """The first role (id, outlet, date, url, article) of ``columns`` (role -> name) named as ``text`` is, else ``""``.

    >>> role_sharing_text({"text": "body", "id": "id", "outlet": "body", "date": "", "url": "", "article": ""})
    'outlet'
    """
    return next((role for role in ("id", "outlet", "date", "url", "article") if columns[role] == columns["text"]), "")


def check_fields(
    path: Path,
    found: Sequence[str],
    columns: Columns,
    *,
    where: str = "columns",
    row: int = 1,
    below: Callable[[], Iterable[tuple[int, Sequence[str]]]] | None = None,
) -> None:
    """Refuse a file that lacks a named column, listing the fields it has.

    Parameters
    ----------
    path : Path
        The file, for the message.
    found : sequence of str
        Its CSV header, or the fields of its first JSON record.
    columns : Columns
        The columns to read.
    where : str, optional
        What ``found`` is, for the message (``columns`` or ``fields of its first record``).
    row : int, optional
        The row or line ``found`` comes from.
    below : callable, optional
        The rows under a header row, ``(number, cells)``, read only when a column is missing: one that
        holds every named column is the header, under a title row to delete.

    Raises
    ------
    FramingInputError
        Naming each missing column and its option (``--text-column`` …), and
        the file's fields.
    """
    missing = [(role, name) for role, name in columns.named().items() if name not in found]
    if not missing:
        return
    listed = ", ".join(found) or "none"
    names = " and no column ".join(repr(name) for _, name in missing)
    header = _header_below(below() if below is not None else (), list(columns.named().values()))
    if header:
        raise FramingInputError(path, f"has no column {names} ({where}: {listed}); {header}", row=row)
    fixes = "; ".join(
        "the column {}: {}".format(*_near_miss(role, name, near[0]))
        if (near := near_names(found, name))
        else f'name the {role} column with --{role}-column (or {role} = "..." under [columns] of {config_file()})'
        for role, name in missing
    )
    raise FramingInputError(path, f"has no column {names} ({where}: {listed}); {fixes}.", row=row)


def _header_below(rows: Iterable[tuple[int, Sequence[str]]], names: list[str]) -> str:
    """How to make a row below row 1 that holds every one of ``names`` the header, or ``""``.

    The row is found by :func:`~analysis.corpus.tabular.header_row_below`, as a lexicon's is.

    Examples
    --------
    >>> print(_header_below([(2, ["", ""]), (3, ["id", " text", ""])], ["text"]))
    row 3 holds the column names id, text: delete the row(s) above it (a title a spreadsheet put above the header), \
so that the header is row 1.
    """
    found = header_row_below(rows, names)
    if found is None:
        return ""
    number, cells = found
    return (
        f"row {number} holds the column names {', '.join(filter(None, cells))}: delete the row(s) above it "
        "(a title a spreadsheet put above the header), so that the header is row 1."
    )


def near_names(found: Sequence[str], name: str) -> list[str]:
    """The fields of ``found`` that are ``name`` but for case or spaces around it (``Date``, `` text``).

    Examples
    --------
    >>> near_names(["ID", " text", "date"], "text"), near_names(["ID", "date"], "id"), near_names(["date"], "date")
    ([' text'], ['ID'], [])
    """
    wanted = name.strip().casefold()
    return [field for field in found if field != name and field.strip().casefold() == wanted]


def _near_miss(role: str, name: str, near: str) -> tuple[str, str]:
    """What sets the column ``near`` apart from the ``role`` column's name ``name``, and how to read it as that.

    Examples
    --------
    >>> _near_miss("text", "text ", "Text")[0]
    "'Text' differs from 'text ' only in case and by spaces around the name given"
    """
    differs = [
        *(["in case"] if near.strip() != name.strip() else []),
        *(["by spaces around it (a space after a separator?)"] if near != near.strip() else []),
        *(["by spaces around the name given"] if name != name.strip() else []),
    ]
    value = f"'{near}'" if '"' in near or "\\" in near else f'"{near}"'
    option = f"'{near}'" if " " in near else near
    fix = f"name it with --{role}-column {option} (or {role} = {value} under [columns] of {config_file()})"
    return (
        f"{near!r} differs from {name!r} only {' and '.join(differs)}",
        fix if near.strip() == near else f"remove the spaces, or {fix}",
    )


#: The metadata roles a comparison needs; a file with none of their columns is probably mapped incompletely.
METADATA_ROLES = ("id", "outlet", "date", "title")


def unmapped_columns(found: Sequence[str], columns: Columns) -> str | None:
    """A note for a file whose metadata may sit under names not given: no metadata column read, others unread.

    A header ``النص, المصدر, التاريخ`` read with only the text column named gives every
    article an empty outlet and date and an id ``<file name>-<row>``, with no word of the
    columns that hold them.  A role set to ``""`` (none) is not missing; a column near a
    default name (``Date``) is :func:`unread_columns`' warning instead.

    Examples
    --------
    >>> print(unmapped_columns(["النص", "المصدر", "التاريخ"], Columns(text="النص")))
    2 column(s) not read: 'المصدر', 'التاريخ'; no column was read as the id, outlet, date or title: if one of \
those holds one, name it with --id-column, --outlet-column, --date-column or --title-column NAME (or under \
[columns] of framing.toml)
    >>> unmapped_columns(["id", "outlet", "date", "title", "author", "text"], Columns()) is None
    True
    >>> unmapped_columns(["id", "text", "author"], Columns()) is None  # the id read: mapped on purpose
    True
    >>> unmapped_columns(["text"], Columns()) is None  # nothing unread: nothing to name
    True
    """
    used = {getattr(columns, role) for role in ROLES}
    warned = {near for role in ROLES for near in near_names(found, getattr(columns, role)) if getattr(columns, role)}
    if columns.id and columns.id not in found:
        warned.add("doc_id")  # unread_columns' warning names it
    unread = [c for c in found if c not in used and c not in warned and c.strip()]
    wanted = [role for role in METADATA_ROLES if getattr(columns, role)]
    missing = [role for role in wanted if getattr(columns, role) not in found]
    # Only when no metadata column was read: a file read with its id or outlet is mapped on purpose, and its
    # other columns (author, source_dataset) are the researcher's to leave.
    if not unread or not missing or len(missing) < len(wanted):
        return None
    roles = ", ".join(missing[:-1]) + (f" or {missing[-1]}" if len(missing) > 1 else missing[-1])
    options = ", ".join(f"--{role}-column" for role in missing[:-1])
    options = f"{options} or --{missing[-1]}-column" if options else f"--{missing[-1]}-column"
    listed = ", ".join(repr(c) for c in unread[:8]) + (f" and {len(unread) - 8} more" if len(unread) > 8 else "")
    return (
        f"{len(unread)} column(s) not read: {listed}; no column was read as the {roles}: if one of those holds "
        f"one, name it with {options} NAME (or under [columns] of {config_file()})"
    )


def unread_columns(found: Sequence[str], columns: Columns) -> list[str]:
    """Warnings for columns left unread because their name differs from a default one only in case or spaces.

    A role whose column was not named keeps its default name (``date``): a header with ``Date`` would give
    every article an empty date without a word. A file with the exact name, or the role named, gives none.
    ``doc_id`` (the name of the id in the tables written and in a metadata file) is not the id column
    ``id`` either: every id was replaced by ``<file name>-<row>``.

    Examples
    --------
    >>> print(*unread_columns(["id", "text", "Date"], Columns()))
    column not read as the date: 'Date' differs from 'date' only in case; name it with --date-column Date \
(or date = "Date" under [columns] of framing.toml)
    >>> unread_columns(["id", "text", "Date"], Columns(date="Date")), unread_columns(["text", "date", "Date"], Columns())
    ([], [])
    >>> print(*unread_columns(["doc_id", "text"], Columns()))
    column not read as the id: 'doc_id' is not the id column 'id' (the ids are <file name>-<row>); name it with \
--id-column doc_id (or id = "doc_id" under [columns] of framing.toml)
    """
    named = columns.named()
    problems = []
    for role in ROLES:
        name = getattr(columns, role)
        if not name or role in named or name in found:
            continue
        near = near_names(found, name)
        if near:
            differs, fix = _near_miss(role, name, near[0])
            problems.append(f"column not read as the {role}: {differs}; {fix}")
        elif role == "id" and "doc_id" in found:
            fix = _near_miss(role, name, "doc_id")[1]
            problems.append(f"column not read as the id: 'doc_id' is not the id column {name!r} (the ids are "
                            f"<file name>-<row>); {fix}")  # fmt: skip
    return problems

"""Which columns (CSV) or fields (JSONL) hold what, and the check that a file has them.

A column the user named (the text column always, any other one when its name
differs from the default) must exist in every CSV header and in the first
record of every JSON Lines file: a typo then stops the run with the file's
fields listed, instead of giving empty metadata or skipping every record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import FramingInputError, config_file

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


def check_fields(path: Path, found: Sequence[str], columns: Columns, *, where: str = "columns", row: int = 1) -> None:
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
    fixes = "; ".join(
        f'name the {role} column with --{role}-column (or {role} = "..." under [columns] of {config_file()})'
        for role, _ in missing
    )
    raise FramingInputError(path, f"has no column {names} ({where}: {listed}); {fixes}.", row=row)

"""``metadata.csv``: outlet, date, title, url and article of the ``.txt`` files in its folder and below.

The rule, in full (README, *Bring your own articles and lexicon*):

* A folder's metadata file is ``metadata.csv`` or ``metadata.xlsx`` (one of
  them: both in one folder is an error).  It describes the ``.txt`` files in
  its folder **and in every folder below it**, within the folders given to
  the reader; one above a folder given is not read.
* A row names its file in the ``doc_id`` column (else ``id``, or the id
  column named with ``--id-column``, else ``file``): the path of the file
  relative to the metadata file's folder (``okaz/a1`` or ``okaz/a1.txt``),
  or its name alone (``a1``), which is what ``doc_id`` is.
* Its other columns are those of the article tables, mapped the same way:
  ``--outlet-column newspaper`` (``outlet = "newspaper"`` under
  ``[columns]``) reads ``newspaper`` here too; a column under its default
  name (``outlet``) is read when the named one is absent.
* When several metadata files hold a row for a file, the nearest one (in the
  file's own folder, then the one above …) is used.
* Nothing is silent: a ``.txt`` file with no row, a row with no file, a row
  that repeats a file, a named column that is missing, each becomes a row of
  ``skipped.csv`` (by :class:`~analysis.corpus.reader.CorpusRun`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FramingInputError, config_file
from .columns import Columns
from .formats import id_cell_problem, repeated_column
from .tabular import NonTextCell, column_letter, read_table_file, trim_table

METADATA_FILE = "metadata.csv"
#: The names a metadata file may have (one per folder).
METADATA_FILES = (METADATA_FILE, "metadata.xlsx")
#: The metadata of a document, as read into the documents table.
ROLES = ("outlet", "date", "title", "url", "article")
#: Columns naming the file a row describes, besides the id column of :class:`Columns`.
KEY_COLUMNS = ("doc_id", "file")
#: A whole number written with a fraction (``12.0``): how pandas writes an id column that holds a missing value.
_WHOLE_WITH_FRACTION = re.compile(r"[+-]?\d+\.0+")


@dataclass
class FolderMetadata:
    """The rows of one metadata file, keyed by the file each describes.

    Attributes
    ----------
    path : Path
        The metadata file.
    rows : dict
        Key (relative path or name, without ``.txt``) → ``(row, {role: value})``.
    problems : list of (int or None, str)
        What to report about the file itself: ``(row, problem)``.
    used : set of str
        Keys that matched a ``.txt`` file of this pass.
    """

    path: Path
    rows: dict[str, tuple[int, dict[str, str]]]
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def lookup(self, txt: Path) -> tuple[int, dict[str, str]] | None:
        """The row of a ``.txt`` file: by its path relative to this folder, else by its name.

        Examples
        --------
        >>> table = FolderMetadata(Path("articles/metadata.csv"), {"okaz/a1": (2, {"outlet": "okaz"})})
        >>> table.lookup(Path("articles/okaz/a1.txt")), table.lookup(Path("articles/sabq/a1.txt"))
        ((2, {'outlet': 'okaz'}), None)
        """
        try:
            relative = file_key(txt.relative_to(self.path.parent).as_posix())
        except ValueError:  # not below this folder
            return None
        for key in (relative, file_key(txt.name)):
            if key in self.rows:
                self.used.add(key)
                return self.rows[key]
        return None

    def unused(self) -> list[tuple[int, str]]:
        """``(row, key)`` of each row that matched no file, in row order."""
        return sorted((row, key) for key, (row, _) in self.rows.items() if key not in self.used)


def file_key(written: str) -> str:
    """A file as a metadata row names it: ``/`` separators, without ``./`` and ``.txt``, in NFC.

    NFC: a name saved on macOS or unzipped from a Mac's archive is often decomposed (``أ`` as
    ``ا`` and a combining hamza), while the sheet typed it composed; both looked alike in the
    warnings that no row names the file and that no file has the row.

    Examples
    --------
    >>> file_key(" okaz\\\\a1.TXT "), file_key("./a1"), file_key("a1.txt")
    ('okaz/a1', 'a1', 'a1')
    >>> file_key("\\u0627\\u0654\\u062e\\u0628\\u0627\\u0631") == file_key("\\u0623\\u062e\\u0628\\u0627\\u0631")
    True
    """
    key = unicodedata.normalize("NFC", written).strip().replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key[:-4] if key.lower().endswith(".txt") else key


def metadata_file(folder: Path) -> Path | None:
    """The metadata file of a folder, or None.

    Raises
    ------
    FramingInputError
        Both ``metadata.csv`` and ``metadata.xlsx`` in the folder.
    """
    found = [folder / name for name in METADATA_FILES if (folder / name).is_file()]
    if len(found) > 1:
        raise FramingInputError(
            found[1], f"and {found[0].name} are both in {folder}: keep one metadata file per folder."
        )
    return found[0] if found else None


def root_of(path: Path, roots: Sequence[Path]) -> Path:
    """The folder given to the reader that holds ``path`` (the deepest), else the file's own folder."""
    holding = [root for root in roots if root == path.parent or root in path.parents]
    return max(holding, key=lambda root: len(root.parts)) if holding else path.parent


def metadata_folders(txt: Path, root: Path) -> list[Path]:
    """The folders whose metadata file may describe ``txt``: its own, then each above it up to ``root``.

    Examples
    --------
    >>> [str(p) for p in metadata_folders(Path("articles/okaz/a1.txt"), Path("articles"))]
    ['articles/okaz', 'articles']
    """
    folders = [txt.parent]
    while folders[-1] != root and root in folders[-1].parents:
        folders.append(folders[-1].parent)
    return folders


def read_metadata(path: Path, columns: Columns | None = None) -> FolderMetadata:
    """Read a metadata file with the column mapping of the article tables.

    Parameters
    ----------
    path : Path
        ``metadata.csv`` or ``metadata.xlsx``.
    columns : Columns, optional
        The column names (``--outlet-column`` …); a role's default name is
        read when the named column is absent.

    Returns
    -------
    FolderMetadata
        Its rows by file, and the problems to report (a named column absent,
        a row without a file, a file named twice).

    Raises
    ------
    FramingInputError
        A file without a ``doc_id`` (or ``id``, or ``file``) column, with a
        column twice, a row with fewer or more cells than the header, a formula
        without a saved value, or one that cannot be read.

    Notes
    -----
    Read as spreadsheets save it (:mod:`~analysis.corpus.tabular`): UTF-8,
    UTF-16 or Windows-1256, comma, semicolon or tab separated, empty rows
    and empty unnamed columns ignored.
    """
    columns = columns or Columns()
    table = read_table_file(path, expect=KEY_COLUMNS, preferred_sheets=("metadata",), first_sheet=True,
                            refuse_unsaved_formulas=True)  # fmt: skip
    header, rows = trim_table(table.rows)
    twice = repeated_column(header)
    if twice:
        raise FramingInputError(path, f"the header has {twice}: it is not clear which to read; rename one.", row=1)
    keys = [name for name in (KEY_COLUMNS[0], columns.id, *KEY_COLUMNS[1:]) if name and name in header]
    if not keys:
        raise FramingInputError(path, (
            "needs a doc_id column (the .txt file names without .txt, or their paths from this folder); "
            f"its columns: {', '.join(header)}."
        ), row=1)  # fmt: skip
    chosen, problems = _role_columns(header, columns)
    metadata = FolderMetadata(path, {}, problems)
    for row, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        _check_width(path, row, header, cells)
        record = dict(zip(header, cells))
        _check_key_cell(path, row, header.index(keys[0]), keys[0], record[keys[0]])
        key = file_key(record[keys[0]])
        if not key:
            metadata.problems.append((row, f"row has no {keys[0]}: it describes no file and is not applied"))
        elif key in metadata.rows:  # which row would describe the file is not clear: refused
            first = metadata.rows[key][0]
            raise FramingInputError(path, f"{keys[0]} {key!r} is also on row {first}: delete one of the rows.", row=row)
        else:
            metadata.rows[key] = (row, {role: record.get(name, "") for role, name in chosen.items()})
    return metadata


def _role_columns(header: list[str], columns: Columns) -> tuple[dict[str, str], list[tuple[int | None, str]]]:
    """Role → column of the header, and a problem for each column named but absent."""
    chosen: dict[str, str] = {}
    problems: list[tuple[int | None, str]] = []
    for role in ROLES:
        named = getattr(columns, role)
        if named and named in header:
            chosen[role] = named
        elif role in header:
            chosen[role] = role
        elif named and named != role:
            problems.append(
                (1, f"has no column {named!r} (nor {role!r}): {role} left empty for the files it describes")
            )
    if not chosen and not problems:  # e.g. "newspaper, published" without [columns]: nothing would be read
        problems.append((1, (
            f"has none of the columns {', '.join(ROLES)} (its columns: {', '.join(header)}): name yours under "
            f'[columns] of {config_file()} (outlet = "newspaper") or with --outlet-column ...; nothing read from it'
        )))  # fmt: skip
    return chosen, problems


def unused_rows(tables: Iterable[FolderMetadata], roots: Sequence[Path]) -> list[tuple[Path, int | None, str, str]]:
    """What to report of rows that matched no file: ``(metadata file, row, key, problem)``.

    A sheet none of whose rows matched is one problem (its rows are likely
    keyed another way); otherwise each unmatched row is one.  A sheet met
    only beside a ``.txt`` file named alone is skipped: its other rows
    describe files that were not asked for.
    """
    found: list[tuple[Path, int | None, str, str]] = []
    for table in tables:
        folder = table.path.parent
        if root_of(table.path, roots) == folder and folder not in roots:
            continue
        unused = table.unused()
        if unused and len(unused) == len(table.rows):
            keys = ", ".join(repr(key) for _, key in unused[:3]) + (" …" if len(unused) > 3 else "")
            found.append((table.path, None, "", (
                f"none of its {len(unused)} row(s) names a .txt file read ({keys}); a metadata file describes "
                "the .txt files in its folder and below, by doc_id (the name without .txt, or the path from it)"
                + fraction_hint(unused[0][1])
            )))  # fmt: skip
        else:
            found.extend(
                (table.path, row, key, f"no .txt file {key!r} in {folder} or below{fraction_hint(key)}")
                for row, key in unused
            )
    return found


def fraction_hint(key: str) -> str:
    """What to say of a key that names no file when it is a whole number written with a fraction, else ``""``.

    ``12.0`` is not read as ``12``: a file may be named ``12.0.txt``. But a
    column of ids that held one empty cell is written by pandas as floats,
    so the likely cause is named, with the fix.

    Examples
    --------
    >>> fraction_hint("12.0")
    " (a whole number written with a fraction: is the file 12.txt? Write the doc_id column without '.0', as Text)"
    >>> fraction_hint("12.5"), fraction_hint("a1")
    ('', '')
    """
    if not _WHOLE_WITH_FRACTION.fullmatch(key):
        return ""
    return (
        f" (a whole number written with a fraction: is the file {key.split('.')[0]}.txt? "
        "Write the doc_id column without '.0', as Text)"
    )


def metadata_above(roots: Sequence[Path], levels: int = 3) -> list[tuple[Path, Path]]:
    """``(metadata file, folder given)`` for each metadata file up to ``levels`` folders above a folder given.

    Such a file is not read (it would describe files not asked for); it is
    reported, so that ``articles/alriyadh`` given with ``articles/metadata.csv``
    is not silently read without metadata.
    """
    found: list[tuple[Path, Path]] = []
    for root in roots:
        for folder in list(root.resolve().parents)[:levels]:
            found.extend((folder / name, root) for name in METADATA_FILES if (folder / name).is_file())
    return found


def metadata_hint(table: Path, error: FramingInputError) -> FramingInputError:
    """The error of an article table that lacks a column, with a hint when it sits among .txt files.

    A spreadsheet of ``doc_id, outlet, date`` beside ``.txt`` articles is
    their metadata under another name: say what the name must be.
    """
    if not error.problem.startswith("has no column") or next(table.parent.rglob("*.txt"), None) is None:
        return error
    hint = (
        f" If {table.name} is the metadata of the .txt files (a doc_id column naming them, no text), "
        f"name it {' or '.join(METADATA_FILES)}: it then describes the .txt files in its folder and below."
    )
    return FramingInputError(error.path, error.problem + hint, row=error.row, byte=error.byte)


def read_folder_metadata(folder: Path, columns: Columns | None = None) -> dict[str, dict[str, str]]:
    """The rows of a folder's metadata file: file key → ``{role: value}``; empty without one.

    Read afresh on every call: a :class:`~analysis.corpus.reader.CorpusRun`
    reads each folder's file once per pass, so a ``metadata.csv`` edited
    between two passes (in a running notebook) is read again.
    """
    path = metadata_file(folder)
    if path is None:
        return {}
    return {key: values for key, (_, values) in read_metadata(path, columns).rows.items()}


def _check_key_cell(path: Path, row: int, column: int, name: str, cell: str) -> None:
    """Refuse a key cell of ``metadata.xlsx`` that a spreadsheet holds as a number with a fraction, a date ….

    Such a cell names no ``.txt`` file as written (``13.5``, a tweet id
    that lost its last digits, ``2019-05-06`` made of ``6/5/2019``): it is
    named, with the fix, instead of being reported as a row without a file.
    A whole number is a file name as written (``12`` names ``12.txt``).
    """
    if isinstance(cell, NonTextCell) and (problem := id_cell_problem(cell)):
        raise FramingInputError(
            path, f"cell {column_letter(column)}{row} (column {name!r}) holds {cell.describe()}, {problem}.", row=row
        )


def _check_width(path: Path, number: int, header: list[str], cells: list[str]) -> None:
    """Refuse a row with fewer cells than the header (a lost cell) or a value under no column name."""
    if len(cells) < len(header):
        raise FramingInputError(
            path,
            f"fewer cells than the header ({len(cells)}, not {len(header)}): a cell lost, or a line break "
            "outside quotation marks?",
            row=number,
        )
    unnamed = [cell for name, cell in zip(header, cells) if not name] + cells[len(header) :]
    if any(cell.strip() for cell in unnamed):
        raise FramingInputError(path, "a value in a column without a name (an unquoted comma?).", row=number)

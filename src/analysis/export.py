"""Export result tables as CSV (optionally with a BOM for Excel), .xlsx, Parquet or Stata .dta, with a codebook.

Values are never altered: text is written as read, so ``start``/``end`` still
index the document text.  The one exception is the spreadsheet format
(``.xlsx``), where a text cell that a spreadsheet program would run as a
formula (``=…``, ``+…``, ``-…``, ``@…``) gets a leading apostrophe
(:func:`analysis.coding.formulas.neutralize_formula`; reading it back with
:func:`analysis.coding.formulas.restore_formula` gives the text again).  CSV
files are left as they are, with or without a BOM: a CSV is data, and the
apostrophe would change it.

Format limits, handled rather than truncated:

* ``xlsx``: at most 1,048,575 data rows and 32,767 characters per cell; a
  table over either stops the export with a message naming the table
  (choose ``parquet`` or ``csv`` for it, e.g. for ``tokens``).
* ``dta`` (Stata 14+, format 118, UTF-8): variable names have at most 32
  characters (letters, digits, ``_``, not starting with a digit); a column
  whose name is not valid is written as ``c1``, ``c2`` … with its name as the
  variable label, and the codebook's ``stata_name`` gives the mapping; every
  other column of a known table is labelled with its meaning (cut to 80 characters).
  Strings longer than 2,045 bytes are stored as ``strL`` (no limit).
  Booleans are bytes 0/1, and integers that may be missing (``Int64``) and
  booleans that may be missing are doubles with Stata's missing value ``.``.
* ``parquet`` needs the ``pyarrow`` package (``pip install
  'arabic-framing[parquet]'``); dtypes are kept exactly.
"""

from __future__ import annotations

import codecs
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FramingInputError
from .output import replace_all, staged_file
from .tables import CODEBOOK, Table, written_codebook, written_codebook_rows

if TYPE_CHECKING:
    import pandas as pd

#: The export formats and the suffix of their files.
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "parquet": ".parquet", "dta": ".dta"}
FORMATS = tuple(SUFFIXES)
#: The codebook's files, written beside the tables.
CODEBOOK_FILES = ("codebook.csv", "codebook.md")
XLSX_MAX_ROWS = 1_048_575  # 2**20 rows, one of them the header
XLSX_MAX_CHARS = 32_767
STATA_MAX_STRING = 2045  # bytes; longer strings are written as strL
_STATA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
#: Words Stata reserves (as pandas' Stata writer lists them): ``end`` is one, so it is written as ``_end``.
STATA_RESERVED = frozenset(
    """
aggregate array boolean break byte case catch class colvector complex const continue default delegate delete do
double else eltypedef end enum explicit export external float for friend function global goto if inline int local
long NULL pragma protected quad rowvector short typedef typename virtual _all _N _skip _b _pi str# in _pred strL
_coef _rc using _cons _se with _n
""".split()
)


def stata_names(columns: Sequence[str]) -> dict[str, str]:
    """The Stata variable name of each column.

    A valid name is kept; a reserved word gets a leading ``_`` (``end`` →
    ``_end``); any other name (too long, Arabic letters, spaces) becomes
    ``c`` and its position (``c2``).

    >>> stata_names(["doc_id", "الحوثيون_إرهاب", "end"])
    {'doc_id': 'doc_id', 'الحوثيون_إرهاب': 'c2', 'end': '_end'}
    """
    names = {}
    for i, name in enumerate(columns, start=1):
        if name in STATA_RESERVED and len(name) < 32:
            names[name] = f"_{name}"
        else:
            names[name] = name if _STATA_NAME.fullmatch(name) else f"c{i}"
    return names


def _check_format(format: str) -> None:
    if format not in SUFFIXES:
        raise ValueError(f"unknown export format {format!r}; choose from {list(FORMATS)}")


def _text_columns(frame: pd.DataFrame) -> list[str]:
    import pandas as pd

    return [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]


def _xlsx_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    from .coding.formulas import neutralize_formula

    if len(frame) > XLSX_MAX_ROWS:
        raise FramingInputError(
            name, f"{len(frame):,} rows do not fit in an .xlsx sheet ({XLSX_MAX_ROWS:,} at most); "
            "use --format parquet or csv for this table",
        )  # fmt: skip
    safe = frame.copy()
    for column in _text_columns(frame):
        values = safe[column].astype(object)
        too_long = values.map(lambda v: isinstance(v, str) and len(v) > XLSX_MAX_CHARS)
        if too_long.any():
            row = int(too_long.to_numpy().nonzero()[0][0]) + 2  # row 1 is the header
            raise FramingInputError(
                name, f"column {column!r}, row {row}: text longer than {XLSX_MAX_CHARS:,} characters does not fit "
                "in an .xlsx cell and is not cut; use --format parquet or csv",
            )  # fmt: skip
        safe[column] = values.map(neutralize_formula)
    return safe


def _write_xlsx(frame: pd.DataFrame, target: Path, name: str) -> None:
    import pandas as pd
    from openpyxl.utils.exceptions import IllegalCharacterError

    safe = _xlsx_frame(frame, name)  # checked before the writer opens: a failed check leaves no workbook
    try:
        with pd.ExcelWriter(target, engine="openpyxl") as writer:
            safe.to_excel(writer, sheet_name=name[:31], index=False)
    except IllegalCharacterError as error:
        raise FramingInputError(
            name, f"a cell holds a control character that .xlsx cannot store ({error}); use --format parquet or csv"
        ) from None


def _stata_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` in types Stata stores, and the columns to write as strL."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    long_strings = []
    for column in frame.columns:
        values = frame[column]
        dtype = str(values.dtype)
        if dtype in ("Int64", "boolean"):
            out[column] = values.astype("float64")  # missing → Stata's "."
        elif dtype == "bool":
            out[column] = values.astype("int8")
        elif pd.api.types.is_numeric_dtype(values):
            out[column] = values
        else:
            text = values.astype(object).where(values.notna(), "").astype(str)
            if any(len(v.encode("utf-8")) > STATA_MAX_STRING for v in text):
                long_strings.append(column)
            out[column] = text.astype(object)
    return out, long_strings


def stata_labels(names: Mapping[str, str], table: Table | None = None) -> dict[str, str]:
    """Stata variable labels (80 characters at most): each column's meaning, led by its name where Stata shows another.

    A column Stata refuses by name (``end``: ``_end``) is labelled with its
    own name and its meaning, so ``describe`` says both what it was called and
    what it holds; a column of a pattern (``n_<category>``) with its own
    name and the pattern's meaning, so ``n_anti_regime`` and ``n_pro_regime``
    are not labelled alike; every other column with its meaning.

    Parameters
    ----------
    names : mapping of str to str
        Column name → Stata name (:func:`stata_names`).
    table : Table, optional
        The table's definition (:mod:`analysis.tables`); without it only renamed columns get a label (their name).

    Returns
    -------
    dict of str to str
        Stata name → label.

    Examples
    --------
    >>> from analysis.tables import HITS, SCORES
    >>> stata_labels(stata_names(["surface", "الحوثيون"]), HITS)
    {'surface': 'the matched characters, exactly as in the text', 'c2': 'الحوثيون'}
    >>> stata_labels(stata_names(["end"]), HITS)
    {'_end': 'end: character offset just after the last character (text[start:end] is the…'}
    >>> stata_labels({"n_pro_regime": "n_pro_regime"}, SCORES)["n_pro_regime"][:48]
    'n_pro_regime: hits of the term category in the d'
    """
    labels = {}
    for old, new in names.items():
        label = _stata_label(old, new, table)
        if label is not None:
            labels[new] = label if len(label) <= 80 else label[:79].rsplit(" ", 1)[0] + "…"
    return labels


def _stata_label(old: str, new: str, table: Table | None) -> str | None:
    """The variable label of column ``old`` written as ``new`` (uncut), or None for none."""
    from .tables import column_definition, pattern_column

    if table is None or not table.columns:
        return old if new != old else None
    own = old in table.names or table.keys_first  # its own definition (a grouping key's too)
    pattern = None if own else pattern_column(table, old)
    if pattern is not None:  # the pattern's meaning after this column's own name, not the pattern's
        return old + pattern.meaning[pattern.meaning.index(": ") :]
    meaning = column_definition(table, old).meaning
    if new != old:
        return f"{old}: {meaning}" if own else old
    return meaning


def _write_dta(frame: pd.DataFrame, target: Path, table: Table | None = None) -> None:
    converted, long_strings = _stata_frame(frame)
    names = stata_names([str(c) for c in frame.columns])
    labels = stata_labels(names, table)
    converted.columns = [names[str(c)] for c in frame.columns]
    converted.to_stata(
        target, write_index=False, version=118, convert_strl=[names[c] for c in long_strings],
        variable_labels=labels or None,
    )  # fmt: skip


def _write_parquet(frame: pd.DataFrame, target: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise FramingInputError(
            target, "Parquet export needs the pyarrow package: pip install 'arabic-framing[parquet]'"
        ) from None
    frame.to_parquet(target, index=False, engine="pyarrow")


def write_table(
    frame: pd.DataFrame,
    target: Path,
    format: str,
    *,
    bom: bool = False,
    name: str = "table",
    table: Table | None = None,
) -> None:
    """Write one table to ``target`` (a staged path) in ``format``; see the module's notes on limits.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, with the dtypes of :mod:`analysis.tables`.
    target : Path
        The file to write (normally from :func:`analysis.output.staged_file`).
    format : str
        One of :data:`FORMATS`.
    bom : bool, optional
        For ``csv``: start the file with a UTF-8 byte-order mark, so that
        Excel reads it as UTF-8 (Arabic is garbled otherwise).
    name : str, optional
        The table's name, for messages and the .xlsx sheet's name.
    table : Table, optional
        Its definition: in ``.dta`` its columns' meanings become variable labels.
    """
    _check_format(format)
    if format == "csv":
        with open(target, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
            frame.to_csv(stream, index=False, lineterminator="\n")
    elif format == "xlsx":
        _write_xlsx(frame, target, name)
    elif format == "dta":
        _write_dta(frame, target, table)
    else:
        _write_parquet(frame, target)


def codebook_markdown(book: pd.DataFrame) -> str:
    """``codebook.md``: one section per file, a table of its columns (name, type, unit, allowed values, meaning).

    >>> from analysis.tables import COUNTS, written_codebook
    >>> print(codebook_markdown(written_codebook({"counts.csv": (COUNTS, ["doc_id"])})).splitlines()[4])
    ## counts.csv (counts): document × actor or term with at least one hit
    """
    return _markdown_of(book.to_dict("records"), "stata_name" in book.columns)


def _markdown_of(records: Sequence[Mapping[str, Any]], stata: bool) -> str:
    """:func:`codebook_markdown` of codebook rows as mappings (the command's CSV path has no pandas)."""
    from . import tables as defined

    rows_of = {t.name: t.row for t in vars(defined).values() if isinstance(t, Table)}
    lines = [
        "# Codebook", "", "Every column of every table in this folder (from `analysis.tables`; "
        "`codebook.csv` holds the same rows).", "",
    ]  # fmt: skip
    by_file: dict[str, list[Mapping[str, Any]]] = {}
    for row in records:
        by_file.setdefault(str(row["file"]), []).append(row)
    for file, columns in by_file.items():
        table = str(columns[0]["table"])
        lines += [f"## {file} ({table}): {rows_of.get(table, '')}".rstrip(": "), ""]
        header = ["column", "type", "unit", "allowed values", "meaning", *(["Stata name"] if stata else [])]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in columns:
            cells = [f"`{row['column']}`", row["dtype"], row["unit"], row["allowed"], row["meaning"],
                     *([f"`{row['stata_name']}`"] if stata else [])]  # fmt: skip
            lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _stage_csv_codebook(
    folder: Path, written: Mapping[str, tuple[Table, Sequence[str]]], *, bom: bool, staging: Path | None
) -> dict[Path, tuple[Path, int | None]]:
    """The CSV codebook and its Markdown, without pandas: a CSV run of the command never imports it (memory)."""
    import csv

    names = CODEBOOK.names[:-1]  # no Stata names for CSV
    rows = [row[: len(names)] for row in written_codebook_rows({**written, "codebook.csv": (CODEBOOK, names)})]
    staged: dict[Path, tuple[Path, int | None]] = {}
    for file in CODEBOOK_FILES:
        temporary = staging / file if staging is not None else staged_file(folder / file)
        if file.endswith(".csv"):
            with open(temporary, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\n")
                writer.writerow(names)
                writer.writerows(rows)
            staged[folder / file] = (temporary, len(rows))
        else:
            temporary.write_text(_markdown_of([dict(zip(names, r)) for r in rows], False), encoding="utf-8")
            staged[folder / file] = (temporary, None)
    return staged


def stage_codebook(
    folder: Path, book: pd.DataFrame, *, bom: bool = False, staging: Path | None = None
) -> dict[Path, Path]:
    """Write ``codebook.csv`` and ``codebook.md`` to staged files (in ``staging``, or beside their targets)."""
    staged = {}
    for file in CODEBOOK_FILES:
        temporary = staging / file if staging is not None else staged_file(folder / file)
        staged[folder / file] = temporary
        if file.endswith(".csv"):
            write_table(book, temporary, "csv", bom=bom)
        else:
            temporary.write_text(codebook_markdown(book), encoding="utf-8")
    return staged


def export_codebook(written: Mapping[str, tuple[Table, Sequence[str]]], format: str = "csv") -> pd.DataFrame:
    """The codebook of files written in ``format``, with each column's Stata name for ``dta``.

    Parameters
    ----------
    written : mapping of str to (Table, sequence of str)
        File name → its table and its columns, as :func:`analysis.tables.written_codebook` takes.
    format : str, optional
        The export format.
    """
    book = written_codebook(written)
    codebook_columns = CODEBOOK.names if format == "dta" else CODEBOOK.names[:-1]
    if format == "dta":
        for file, (_table, columns) in written.items():
            names = stata_names(list(columns))
            mine = book["file"] == file
            book.loc[mine, "stata_name"] = book.loc[mine, "column"].map(names)
    return book[list(codebook_columns)]


def codebook_of(written: Mapping[str, tuple[Table, Sequence[str]]], format: str = "csv") -> pd.DataFrame:
    """:func:`export_codebook` of ``written`` and of ``codebook.csv`` itself (it is a table written too)."""
    own = CODEBOOK.names if format == "dta" else CODEBOOK.names[:-1]
    return export_codebook({**written, "codebook.csv": (CODEBOOK, own)}, format)


def read_csv_table(path: str | Path, table: Table) -> pd.DataFrame:
    """Read a table the package wrote as CSV back with its declared dtypes (empty text stays ``""``).

    Columns ``table`` does not define (grouping keys) are read as text.
    """
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in frame.columns:
        dtype = table.dtypes.get(column, "string")
        values = frame[column]
        if dtype in ("string", "object"):
            frame[column] = values.astype("string")
        elif dtype == "int64":
            frame[column] = values.astype("int64")
        elif dtype in ("Int64", "float64"):
            frame[column] = pd.to_numeric(values.replace("", None)).astype(dtype)
        else:  # bool or boolean, written by Python as True/False
            truth = values.map({"True": True, "False": False, "": None})
            frame[column] = truth.astype(dtype)
    return frame


def _known_tables() -> dict[str, Table]:
    from . import tables as defined

    return {t.name: t for t in vars(defined).values() if isinstance(t, Table)}


def export_tables(
    tables: Mapping[str, pd.DataFrame],
    folder: str | Path,
    *,
    format: str = "csv",
    bom: bool = False,
    definitions: Mapping[str, Table] | None = None,
) -> list[Path]:
    """Write tables in ``format`` with ``codebook.csv`` and ``codebook.md`` beside them, atomically as a set.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        File stem → table, e.g. ``{"hits": result.hits, "documents": result.documents}``.
        A stem that names a table of :mod:`analysis.tables` gets its
        meanings in the codebook; other tables' columns are listed as
        "not defined" (give them in ``definitions``).
    folder : str or Path
        Created if missing.
    format : str, optional
        ``csv`` (default), ``xlsx``, ``parquet`` or ``dta``; see the module's notes.
    bom : bool, optional
        CSV files (the codebook's too) start with a UTF-8 byte-order mark, for Excel.
    definitions : mapping of str to Table, optional
        Definitions of tables the module does not know (or overrides).

    Returns
    -------
    list of Path
        The files written, the codebook's last.

    Raises
    ------
    FramingInputError
        A table that does not fit the format (see the module's notes); nothing is written then.
    """
    _check_format(format)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    known = {**_known_tables(), **(definitions or {})}
    staged: dict[Path, Path] = {}
    written: dict[str, tuple[Table, Sequence[str]]] = {}
    try:
        for name, frame in tables.items():
            target = out / f"{name}{SUFFIXES[format]}"
            staged[target] = staged_file(target)
            definition = known.get(name) or Table(name, "row", ())
            write_table(frame, staged[target], format, bom=bom, name=name, table=definition)
            written[target.name] = (definition, [str(c) for c in frame.columns])
        staged.update(stage_codebook(out, codebook_of(written, format), bom=bom))
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise
    return replace_all(staged)


def convert_staged(
    staged: Mapping[Path, tuple[Path, int, Sequence[str]]],
    format: str = "csv",
    *,
    bom: bool = False,
    staging: Path | None = None,
    definitions: Mapping[str, Table] | None = None,
) -> dict[Path, tuple[Path, int | None]]:
    """Staged CSV tables in ``format``, with ``codebook.csv`` and ``codebook.md`` staged beside them.

    For :func:`analysis.batch.count_corpus`, which streams its tables to
    staged CSV files: each is read back with its dtypes
    (:func:`read_csv_table`) and written in ``format`` (plain CSV files are
    kept as they are), and the staged CSV is removed.

    Parameters
    ----------
    staged : mapping of Path to (Path, int, sequence of str)
        Target CSV → (its staged file, its data rows, its columns).
    format : str, optional
        One of :data:`FORMATS`.
    bom : bool, optional
        CSV files start with a UTF-8 byte-order mark.
    staging : Path, optional
        The run's staging folder (:mod:`analysis.outdir`): converted files are
        written there; by default beside their targets.
    definitions : mapping of str to Table, optional
        Tables by name that replace those of :mod:`analysis.tables` in the
        codebook (:func:`analysis.tables.hits_with_model`: the run's model threshold).

    Returns
    -------
    dict of Path to (Path, int or None)
        Final target → (staged file, data rows; None for ``codebook.md``).
        On an error every staged file (the CSVs given too) is removed.
    """
    _check_format(format)
    known = {**_known_tables(), **(definitions or {})}
    result: dict[Path, tuple[Path, int | None]] = {}
    written: dict[str, tuple[Table, Sequence[str]]] = {}
    try:
        for target, (temporary, rows, columns) in staged.items():
            table = known.get(target.stem) or Table(target.stem, "row", ())
            final = target.with_suffix(SUFFIXES[format])
            if format == "csv" and not bom:
                result[final] = (temporary, rows)
            elif format == "csv":  # a byte-order mark before the same bytes: no need to read the table back
                converted = staging / f"converted-{final.name}" if staging is not None else staged_file(final)
                result[final] = (converted, rows)
                with open(converted, "wb") as out, open(temporary, "rb") as source:
                    out.write(codecs.BOM_UTF8)
                    shutil.copyfileobj(source, out)
                temporary.unlink()
            else:
                # In the staging folder, beside the staged CSV (which may have the same name: CSV with a BOM).
                converted = staging / f"converted-{final.name}" if staging is not None else staged_file(final)
                result[final] = (converted, rows)
                write_table(read_csv_table(temporary, table), converted, format, bom=bom, name=target.stem, table=table)
                temporary.unlink()
            written[final.name] = (table, list(columns))
        folder = next(iter(staged)).parent
        if format == "csv":
            result.update(_stage_csv_codebook(folder, written, bom=bom, staging=staging))
        else:
            book = codebook_of(written, format)
            for target, temporary in stage_codebook(folder, book, bom=bom, staging=staging).items():
                result[target] = (temporary, len(book) if target.suffix == ".csv" else None)
    except BaseException:
        for temporary in [*(entry[0] for entry in staged.values()), *(entry[0] for entry in result.values())]:
            temporary.unlink(missing_ok=True)
        raise
    return result

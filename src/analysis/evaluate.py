"""Evaluate the loaded-term lexicon against human-annotated persuasion spans.

The reference is a JSON Lines file of paragraphs, each with character spans
that annotators marked as a persuasion technique (the bundled extract
``data/annotated/armpro_dev_loaded_language.jsonl`` keeps ``Loaded_Language``
and ``Name_Calling-Labeling`` of the ArMPro dev split).  The lexicon's *term*
hits (``kind == "term"`` rows of :attr:`analysis.pipeline.CountResult.hits`)
are compared with those spans:

* :func:`span_overlap` — precision, recall and F1, by characters or by
  hits/spans, overall and per outlet;
* :func:`missed_spans` — annotated spans that no term hit touches (what the
  lexicon misses), most frequent phrases first;
* :func:`false_hits` — term hits that touch no annotated span (what the
  lexicon flags and the annotators did not), most frequent entries first.

Intervals are half-open character offsets ``[start, end)`` into the
paragraph text; a hit and a span *overlap* when they share at least one
character, ``hit.start < span.end and span.start < hit.end``.  All interval
arithmetic is done with numpy on one line on which the documents are laid
end to end, so no Python loop runs per character, hit or span.

Typical use::

    from analysis.evaluate import read_annotations, span_overlap, missed_spans
    from analysis.pipeline import FramingCounter
    from analysis.paths import data_path

    documents, spans = read_annotations(data_path("annotated", "armpro_dev_loaded_language.jsonl"))
    hits = FramingCounter().count(documents).hits
    span_overlap(hits, spans, documents=documents, unit="char")
    missed_spans(hits, spans).drop_duplicates("norm").head(15)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from .corpus import documents_table, read_date_parts
from .errors import FramingInputError
from .normalize import normalize
from .tables import OVERLAP, SPANS

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the spans table returned by :func:`read_annotations` (:data:`analysis.tables.SPANS`).
SPAN_COLUMNS = SPANS.names
#: Columns of the table returned by :func:`span_overlap` (:data:`analysis.tables.OVERLAP`).
OVERLAP_COLUMNS = OVERLAP.names
#: The hit kind that is evaluated.
TERM_KIND = "term"
_REQUIRED_FIELDS = ("id", "text", "spans")
_SPAN_FIELDS = ("technique", "start", "end", "text")


# -- reading ------------------------------------------------------------------------------


def read_annotations(path: str | Path, *, techniques: Sequence[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read annotated paragraphs into a documents table and a spans table.

    Parameters
    ----------
    path : str or Path
        A UTF-8 JSON Lines file (read whole: annotation files are small),
        one paragraph per line, with fields ``id``,
        ``text`` and ``spans`` (a list of ``{technique, start, end, text}``
        with character offsets into ``text``, end exclusive), and optionally
        ``outlet`` and ``date``.  Blank lines are ignored.
    techniques : sequence of str, optional
        Keep only spans of these techniques (all by default).  Paragraphs are
        always all kept: those without spans are needed for precision.

    Returns
    -------
    documents : pandas.DataFrame
        :data:`analysis.corpus.CORPUS_COLUMNS` (``doc_id`` is the record's
        ``id``; ``source`` the file, ``row`` its line), ready for
        :meth:`analysis.pipeline.FramingCounter.count`.
    spans : pandas.DataFrame
        :data:`SPAN_COLUMNS`, in file order, then by ``start``, ``end``.

    Raises
    ------
    FramingInputError
        Naming the file and the line (as ``row``, the project's convention
        for JSON Lines) of the first bad record: invalid JSON, not an object,
        a missing field, an empty or repeated ``id``, an empty ``text``, a
        span without integer offsets ``0 <= start < end <= len(text)``, a
        span whose ``text`` is not ``text[start:end]``, or a span whose
        technique is one of ``techniques`` spelled otherwise
        (``loaded_language``).  Nothing is skipped.
    """

    path = Path(path)
    keep = None if techniques is None else frozenset(techniques)
    documents: list[dict] = []
    span_rows: list[tuple] = []
    seen: dict[str, int] = {}
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FramingInputError(path, f"cannot be read ({error.strerror}).") from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FramingInputError(path, "is not UTF-8; re-save it as UTF-8.", byte=error.start) from None
    # Lines end at "\n" only: JSON strings may hold U+2028 and other line separators.
    for line_number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        record = _parse_record(path, line_number, line)
        doc_id = record["id"]
        if doc_id in seen:
            raise FramingInputError(path, f"id {doc_id!r} already used on line {seen[doc_id]}.", row=line_number)
        seen[doc_id] = line_number
        text = record["text"]
        spans = [_parse_span(path, line_number, i, span, text) for i, span in enumerate(record["spans"], start=1)]
        spans.sort(key=lambda s: (s[1], s[2], s[0]))
        if keep is not None:
            _check_technique_spelling(path, line_number, spans, keep)
        span_rows.extend((doc_id, *span) for span in spans if keep is None or span[0] in keep)
        date = str(record.get("date") or "").strip()
        when = read_date_parts(date)
        documents.append({
            "doc_id": doc_id, "source": str(path), "row": line_number,
            "outlet": str(record.get("outlet") or "").strip(), "date": date, "month": when.month or "",
            "day": when.day or "", "title": str(record.get("title") or ""), "url": str(record.get("url") or ""),
            "article": doc_id, "encoding": "utf-8",
            "html": False, "boilerplate_removed": "", "n_chars": len(text), "text": text,
        })  # fmt: skip
    if not documents:
        raise FramingInputError(path, "has no records.")
    return documents_table(documents), spans_frame(span_rows)


def _parse_record(path: Path, line_number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise FramingInputError(path, f"invalid JSON ({error.msg}, column {error.colno}).", row=line_number) from None
    except RecursionError:
        raise FramingInputError(path, "JSON nested too deeply to read.", row=line_number) from None
    except ValueError as error:  # a number of more than 4,300 digits
        raise FramingInputError(path, f"a JSON number too long to read ({error}).", row=line_number) from None
    if not isinstance(record, dict):
        raise FramingInputError(path, "is not a JSON object.", row=line_number)
    missing = [name for name in _REQUIRED_FIELDS if name not in record]
    if missing:
        raise FramingInputError(path, f"lacks field(s) {', '.join(missing)}.", row=line_number)
    if not isinstance(record["id"], (str, int)) or not str(record["id"]).strip():
        raise FramingInputError(path, "has an empty or non-text id.", row=line_number)
    if not isinstance(record["text"], str) or not record["text"].strip():
        raise FramingInputError(path, f"record {record['id']!r} has an empty or non-text text.", row=line_number)
    if not isinstance(record["spans"], list):
        raise FramingInputError(path, f"record {record['id']!r}: spans is not a list.", row=line_number)
    return {**record, "id": str(record["id"]).strip()}


def _parse_span(path: Path, line_number: int, number: int, span: object, text: str) -> tuple[str, int, int, str]:
    where = f"span {number}"
    if not isinstance(span, dict):
        raise FramingInputError(path, f"{where} is not a JSON object.", row=line_number)
    missing = [name for name in _SPAN_FIELDS if name not in span]
    if missing:
        raise FramingInputError(path, f"{where} lacks field(s) {', '.join(missing)}.", row=line_number)
    start, end = span["start"], span["end"]
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        raise FramingInputError(
            path, f"{where}: start and end must be integers (got {start!r}, {end!r}).", row=line_number
        )
    if not 0 <= start < end <= len(text):
        raise FramingInputError(
            path,
            f"{where}: offsets [{start}, {end}) are empty or outside the text (0..{len(text)}): correct start and "
            "end (characters of text, end exclusive) or remove the span.",
            row=line_number,
        )
    if text[start:end] != span["text"]:
        raise FramingInputError(
            path,
            f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the span's text {span['text']!r}.",
            row=line_number,
        )
    return str(span["technique"]), start, end, span["text"]


def _technique_key(name: str) -> str:
    """A technique name without case, spaces, hyphens and underscores: ``loaded language`` is ``Loaded_Language``."""
    return "".join(c for c in name.casefold() if c.isalnum())


def _check_technique_spelling(path: Path, line_number: int, spans: list[tuple], keep: frozenset[str]) -> None:
    """Refuse a span whose technique is a kept one spelled otherwise: it would be dropped as another technique.

    Spans of other techniques are left out on purpose; ``loaded_language`` for
    ``Loaded_Language`` would be left out silently, its words taught as not loaded.
    """
    spelled = {_technique_key(name): name for name in keep}
    for technique, start, end, _text in spans:
        known = spelled.get(_technique_key(technique))
        if technique not in keep and known is not None:
            raise FramingInputError(
                path,
                f"span [{start}, {end}) has technique {technique!r}; write it {known!r} (spelled exactly so, "
                "or the span is read as another technique and left out).",
                row=line_number,
            )


def spans_frame(rows: Sequence[tuple]) -> pd.DataFrame:
    """Build a spans table (:data:`SPAN_COLUMNS`) with stable dtypes."""
    return SPANS.frame(rows)


# -- interval arithmetic on one line ------------------------------------------------------


def _line_positions(
    hits: pd.DataFrame, spans: pd.DataFrame, documents: pd.DataFrame | None, tokens: pd.DataFrame | None = None
) -> dict[str, int]:
    """Offset of each document on the common line: documents laid end to end, one gap apart.

    The documents are those of ``documents`` (if given), ``hits`` and
    ``spans``; each takes as much room as the furthest ``end`` of its hits,
    spans and tokens, so nothing of one document reaches into the next.
    """
    import pandas as pd

    ends = pd.concat([hits[["doc_id", "end"]], spans[["doc_id", "end"]]], ignore_index=True)
    extent = ends.groupby("doc_id", sort=False)["end"].max()
    if documents is not None:
        extent = pd.concat([extent, pd.Series(0, index=pd.Index(documents["doc_id"], name="doc_id"))])
        extent = extent.groupby(level=0, sort=False).max()
    if tokens is not None:
        token_extent = tokens.groupby("doc_id", sort=False)["end"].max()
        extent = extent.combine(token_extent.reindex(extent.index, fill_value=0), max)
    offsets = np.concatenate([[0], np.cumsum(extent.to_numpy(dtype=np.int64) + 1)[:-1]])
    return dict(zip(extent.index, offsets.tolist()))


def _merge(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Union of intervals ``[starts, ends)`` as sorted, disjoint intervals."""
    if len(starts) == 0:
        return starts.astype(np.int64), ends.astype(np.int64)
    order = np.lexsort((ends, starts))
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] > reach[:-1]
    group = np.cumsum(new) - 1
    merged_ends = np.zeros(group[-1] + 1, dtype=np.int64)
    np.maximum.at(merged_ends, group, e)
    return s[new], merged_ends


def _touches(starts: np.ndarray, ends: np.ndarray, union_starts: np.ndarray, union_ends: np.ndarray) -> np.ndarray:
    """Whether each interval ``[starts, ends)`` shares a point with a sorted disjoint union."""
    k = np.searchsorted(union_starts, ends, side="left") - 1  # last union interval starting before `ends`
    found = k >= 0
    found[found] = union_ends[k[found]] > starts[found]
    return found


def _covered_lengths(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], bounds: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document: length of union A, of union B and of their intersection.

    Elementary segments between consecutive interval boundaries are either
    inside or outside each union; each segment's length goes to the document
    whose line offset precedes it.
    """
    points = np.unique(np.concatenate([a[0], a[1], b[0], b[1]]))
    n = len(bounds)
    if len(points) < 2:
        zeros = np.zeros(n, dtype=np.int64)
        return zeros, zeros.copy(), zeros.copy()
    left, length = points[:-1], np.diff(points)
    in_a = _touches(left, left + 1, *a)
    in_b = _touches(left, left + 1, *b)
    document = np.searchsorted(bounds, left, side="right") - 1

    def total(mask: np.ndarray) -> np.ndarray:
        return np.bincount(document[mask], weights=length[mask], minlength=n).astype(np.int64)

    return total(in_a), total(in_b), total(in_a & in_b)


def _term_hits(hits: pd.DataFrame) -> pd.DataFrame:
    missing = {"doc_id", "kind", "start", "end"} - set(hits.columns)
    if missing:
        raise ValueError(f"hits table lacks column(s) {sorted(missing)}")
    return hits[hits["kind"] == TERM_KIND]


def _check_spans(spans: pd.DataFrame) -> None:
    missing = set(SPAN_COLUMNS) - set(spans.columns)
    if missing:
        raise ValueError(f"spans table lacks column(s) {sorted(missing)}")


def _on_line(table: pd.DataFrame, position: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    base = table["doc_id"].map(position).to_numpy(dtype=np.int64)
    return base + table["start"].to_numpy(dtype=np.int64), base + table["end"].to_numpy(dtype=np.int64)


def _token_line(
    tokens: pd.DataFrame, position: dict[str, int], starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Replace character intervals by the token-index intervals of the tokens they share a character with."""
    known = tokens["doc_id"].isin(list(position))
    tokens = tokens[known]
    token_starts, token_ends = _on_line(tokens, position)
    order = np.argsort(token_starts, kind="stable")
    token_starts, token_ends = token_starts[order], token_ends[order]
    first = np.searchsorted(token_ends, starts, side="right")  # first token ending after the start
    last = np.searchsorted(token_starts, ends, side="left")  # one past the last token starting before the end
    return first, np.maximum(last, first)  # an interval touching no token becomes empty


# -- evaluation ---------------------------------------------------------------------------


def span_overlap(
    hits: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    by: str | None = "outlet",
    unit: Literal["char", "token"] = "char",
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Precision, recall and F1 of the lexicon's term hits against annotated spans.

    Only hits with ``kind == "term"`` are evaluated (actor mentions are not
    loaded language).  Every span given is a reference span; filter the spans
    table to evaluate one technique.

    ``unit="char"`` — character overlap.  Per document let :math:`H` be the
    set of characters covered by some term hit and :math:`S` the set covered
    by some span (unions, so overlapping spans or hits count each character
    once).  Summed over the documents of a group,

    .. math::

        P = \frac{\sum_d |H_d \cap S_d|}{\sum_d |H_d|}, \qquad
        R = \frac{\sum_d |H_d \cap S_d|}{\sum_d |S_d|}, \qquad
        F_1 = \frac{2PR}{P + R}.

    ``hit_total`` is :math:`\sum|H|`, ``span_total`` :math:`\sum|S|`,
    ``hit_correct = span_found`` :math:`\sum|H \cap S|`.  A hit partly inside
    a span is partly right; whitespace between the words of a multi-word hit
    or span counts as characters too.

    ``unit="token"`` — hit-level precision and span-level recall (the lenient
    "any overlap" match).  A hit is *correct* if it shares at least one
    character with some span; a span is *found* if it shares at least one
    character with some hit:

    .. math::

        P = \frac{\#\{h : \exists s,\ h \cap s \neq \emptyset\}}{\#\{h\}}, \qquad
        R = \frac{\#\{s : \exists h,\ h \cap s \neq \emptyset\}}{\#\{s\}}.

    ``hit_total = n_hits``, ``hit_correct`` the correct hits, ``span_total =
    n_spans``, ``span_found`` the found spans.  One hit spanning two spans
    finds both; two overlapping spans touched by one hit are both found.
    With ``tokens``, "share a character" becomes "share a token of
    ``tokens``" (each hit and span is replaced by the tokens it has a
    character in), so a hit and a span meeting only on the space between two
    words do not match, and a span of only spaces (or of characters in no
    token) is never found.  The pipeline's hits are whole tokens, so with the
    full tokens table the two agree except on such cases.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table (:data:`analysis.pipeline.HIT_COLUMNS`; ``doc_id``,
        ``kind``, ``start``, ``end`` are used).
    spans : pandas.DataFrame
        :data:`SPAN_COLUMNS`, as from :func:`read_annotations`.
    documents : pandas.DataFrame, optional
        With ``doc_id`` and the ``by`` column.  Without it only the overall
        row is returned; with it there is a row per group, every group
        listed even if it has no hit and no span.
    by : str or None, optional
        Column of ``documents`` to group by (``"outlet"``); None for the
        overall row only.
    unit : {"char", "token"}, optional
        Character overlap or hit/span-level matching, as above.
    tokens : pandas.DataFrame, optional
        A tokens table (``doc_id, start, end``; e.g.
        ``FramingCounter().count(documents, keep_tokens=True).tokens``,
        filtered to word tokens if wanted); only with ``unit="token"``.

    Returns
    -------
    pandas.DataFrame
        :data:`OVERLAP_COLUMNS`: first the row ``group == "all"``, then one
        row per group in order of first appearance in ``documents``.
        ``n_docs`` counts the documents (of ``documents`` if given, else
        those with a hit or a span).  Precision (recall) is NaN when there
        is no hit (span); F1 is NaN when either is NaN and 0 when both are 0.

    Raises
    ------
    ValueError
        A missing column, an unknown ``unit``, ``tokens`` with ``unit="char"``, or hits or spans of documents that
        are not in ``documents``.
    """
    import pandas as pd

    if unit not in ("char", "token"):
        raise ValueError(f"unit must be 'char' or 'token', not {unit!r}")
    if tokens is not None and unit != "token":
        raise ValueError("tokens is used only with unit='token'")
    _check_spans(spans)
    terms = _term_hits(hits)
    if documents is not None:
        if "doc_id" not in documents.columns or (by is not None and by not in documents.columns):
            raise ValueError(f"documents table needs columns 'doc_id' and {by!r}")
        known = set(documents["doc_id"])
        for name, table in (("hits", terms), ("spans", spans)):
            unknown = sorted(set(table["doc_id"]) - known)
            if unknown:
                raise ValueError(f"{name} of {len(unknown)} document(s) not in documents, e.g. {unknown[:3]}")
    if tokens is not None:
        missing = {"doc_id", "start", "end"} - set(tokens.columns)
        if missing:
            raise ValueError(f"tokens table lacks column(s) {sorted(missing)}")
    position = _line_positions(terms, spans, documents, tokens)
    doc_ids = list(position)
    bounds = np.fromiter(position.values(), dtype=np.int64, count=len(position))
    hit_s, hit_e = _on_line(terms, position)
    span_s, span_e = _on_line(spans, position)
    hit_doc = np.searchsorted(bounds, hit_s, side="right") - 1
    span_doc = np.searchsorted(bounds, span_s, side="right") - 1
    if tokens is not None:
        hit_s, hit_e = _token_line(tokens, position, hit_s, hit_e)
        span_s, span_e = _token_line(tokens, position, span_s, span_e)
    n = len(doc_ids)
    per_doc = {
        "n_hits": np.bincount(hit_doc, minlength=n),
        "n_spans": np.bincount(span_doc, minlength=n),
    }
    if unit == "char":
        hit_total, span_total, both = _covered_lengths(_merge(hit_s, hit_e), _merge(span_s, span_e), bounds)
        per_doc.update(hit_total=hit_total, hit_correct=both, span_total=span_total, span_found=both)
    else:
        keep_h, keep_s = hit_e > hit_s, span_e > span_s  # empty only when touching no token
        correct = np.zeros(len(hit_s), dtype=bool)
        correct[keep_h] = _touches(hit_s[keep_h], hit_e[keep_h], *_merge(span_s[keep_s], span_e[keep_s]))
        found = np.zeros(len(span_s), dtype=bool)
        found[keep_s] = _touches(span_s[keep_s], span_e[keep_s], *_merge(hit_s[keep_h], hit_e[keep_h]))
        per_doc.update(
            hit_total=per_doc["n_hits"], hit_correct=np.bincount(hit_doc[correct], minlength=n),
            span_total=per_doc["n_spans"], span_found=np.bincount(span_doc[found], minlength=n),
        )  # fmt: skip
    sums = ["n_hits", "n_spans", "hit_total", "hit_correct", "span_total", "span_found"]
    table = pd.DataFrame({"doc_id": doc_ids, **per_doc})
    if documents is not None:
        table = (
            documents[["doc_id"] + ([by] if by else [])]
            .drop_duplicates("doc_id")
            .merge(table, on="doc_id", how="left", validate="1:1")
        )
        table[sums] = table[sums].fillna(0)
    rows = [table[sums].sum().to_frame().T.assign(group="all", n_docs=len(table))]
    if documents is not None and by is not None:
        grouped = table.groupby(by, sort=False, dropna=False)
        rows.append(grouped[sums].sum().assign(n_docs=grouped.size()).reset_index().rename(columns={by: "group"}))
    result = pd.concat(rows, ignore_index=True).astype({c: "int64" for c in [*sums, "n_docs"]})
    result["group"] = result["group"].astype("string")
    result["unit"] = unit
    result["precision"] = _ratio(result["hit_correct"], result["hit_total"])
    result["recall"] = _ratio(result["span_found"], result["span_total"])
    result["f1"] = f1_score(result["precision"].to_numpy(), result["recall"].to_numpy())
    return result[list(OVERLAP_COLUMNS)]


def _ratio(numerator: pd.Series, denominator: pd.Series) -> np.ndarray:
    num, den = numerator.to_numpy(dtype=float), denominator.to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def f1_score(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    r"""Harmonic mean :math:`F_1 = 2PR / (P + R)`; 0 when both are 0, NaN when either is NaN.

    Examples
    --------
    >>> f1_score(np.array([0.5, 0.0, np.nan]), np.array([1.0, 0.0, 1.0])).round(4).tolist()
    [0.6667, 0.0, nan]
    """
    precision, recall = np.asarray(precision, dtype=float), np.asarray(recall, dtype=float)
    total = precision + recall
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 2 * precision * recall / total, np.where(np.isnan(total), np.nan, 0.0))


def _overlap_flags(terms: pd.DataFrame, spans: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(hit touches a span, span touches a hit), by shared characters."""
    position = _line_positions(terms, spans, None)
    hit_s, hit_e = _on_line(terms, position)
    span_s, span_e = _on_line(spans, position)
    return _touches(hit_s, hit_e, *_merge(span_s, span_e)), _touches(span_s, span_e, *_merge(hit_s, hit_e))


def _by_frequency(table: pd.DataFrame, key: str) -> pd.DataFrame:
    table = table.copy()
    table["n"] = table.groupby(key, sort=False)[key].transform("size").astype("int64")
    table = table.sort_values(["n", key, "doc_id", "start"], ascending=[False, True, True, True], kind="stable")
    return table.reset_index(drop=True)


def missed_spans(hits: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Annotated spans that no term hit shares a character with: what the lexicon misses.

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table; only ``kind == "term"`` rows are used.
    spans : pandas.DataFrame
        :data:`SPAN_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        The missed spans (:data:`SPAN_COLUMNS`) plus ``norm`` (the span text
        normalized with :func:`analysis.normalize.normalize`, whitespace
        collapsed) and ``n`` (how many missed spans share that ``norm``),
        sorted by ``n`` descending, then ``norm``, ``doc_id``, ``start``.
        ``.drop_duplicates("norm")`` gives the distinct missed phrases.
    """
    _check_spans(spans)
    _, found = _overlap_flags(_term_hits(hits), spans)
    missed = spans[~found].copy()
    missed["norm"] = missed["text"].map(lambda text: " ".join(normalize(str(text)).split())).astype("string")
    return _by_frequency(missed, "norm")


def false_hits(hits: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Term hits that share no character with any annotated span.

    What the lexicon flags and the annotators did not mark (a false positive
    of the lexicon, or a loaded word the annotators chose not to mark).

    Parameters
    ----------
    hits : pandas.DataFrame
        A hits table; only ``kind == "term"`` rows are used.
    spans : pandas.DataFrame
        :data:`SPAN_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        The hits' own columns plus ``n`` (how many false hits have the same
        lexicon ``label``), sorted by ``n`` descending, then ``label``,
        ``doc_id``, ``start``.
    """
    _check_spans(spans)
    terms = _term_hits(hits)
    if "label" not in terms.columns:
        raise ValueError("hits table lacks column(s) ['label']")
    correct, _ = _overlap_flags(terms, spans)
    return _by_frequency(terms[~correct], "label")

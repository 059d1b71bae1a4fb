"""``make fuzz``: random bytes, CSV and JSON Lines structures and lexicon rows through ``framing count``.

Not collected by ``make test`` (the file name does not start with ``test_``);
``make fuzz`` runs it with a budget of ``FUZZ_EXAMPLES`` examples per property
(default 60).  For every input the command must:

* exit with status 0 or 2 (a bad input is a one-line ``framing: error:``
  message naming a file), never raise (a traceback);
* on status 0, give hits whose offsets are valid: ``text[start:end] == surface``
  in the text as read;
* leave its inputs unchanged (SHA-256 before and after).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.corpus import CorpusReader

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
ACTORS = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n"
TERMS = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"
WORDS = ["حفتر", "وحفتر", "مصر", "مليشيات", "قال", "إن", "Haftar", "café", "١٢", "\u200f", "\ufffd", "ً"]
#: Pieces that break readers: quotes, separators, line ends, BOMs, NUL, bytes of other encodings.
PIECES = [b'"', b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x93", b"\xc0\xaf",
          b"{", b"}", b"[", b"]", b"NaN", b"1e999", b"\\u0000", *(w.encode() for w in WORDS),
          *(w.encode("cp1256", "ignore") for w in WORDS)]  # fmt: skip


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run_count(files: dict[str, bytes], *options: str, actors: str = ACTORS) -> None:
    """Write ``files`` into a fresh folder, run ``framing count`` on them, and check the three promises."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (Path(tmp) / "actors.csv").write_text(actors, encoding="utf-8")
        (Path(tmp) / "terms.csv").write_text(TERMS, encoding="utf-8")
        before = _digest(folder)
        lexicons = ("--actors", str(Path(tmp) / "actors.csv"), "--terms", str(Path(tmp) / "terms.csv"))
        paths = [str(folder / name) for name in files]
        out = Path(tmp) / "out"
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status = main(["count", *paths, "--out", str(out), "--workers", "1", "--no-progress", *lexicons, *options])
        assert status in (0, 2), stderr.getvalue()
        assert _digest(folder) == before, "an input file was changed"
        if status == 2:
            errors = [line for line in stderr.getvalue().splitlines() if line.startswith("framing: error: ")]
            assert errors, stderr.getvalue()
            assert tmp in errors[0], f"the error names no file: {errors[0]}"
            return
        _check_offsets(paths, out, options)


def _check_offsets(paths: list[str], out: Path, options: tuple[str, ...]) -> None:
    hits = pd.read_csv(out / "hits.csv", dtype={"doc_id": str, "surface": str}, keep_default_na=False)
    if hits.empty:
        return
    reader = CorpusReader(encoding_errors="replace" if "replace" in options else "strict")
    texts = {d["doc_id"]: d["text"] for d in reader.open(paths).documents}
    for doc_id, start, end, surface in zip(hits.doc_id, hits.start, hits.end, hits.surface):
        assert texts[doc_id][start:end] == surface, (doc_id, start, end, surface)


def _mixed_bytes() -> st.SearchStrategy[bytes]:
    return st.lists(st.one_of(st.binary(max_size=12), st.sampled_from(PIECES)), max_size=60).map(b"".join)


@FUZZ
@given(data=_mixed_bytes(), suffix=st.sampled_from([".txt", ".csv", ".jsonl", ".csv.gz"]), skip=st.booleans(),
       replace=st.booleans())  # fmt: skip
def test_random_bytes(data: bytes, suffix: str, skip: bool, replace: bool) -> None:
    if suffix.endswith(".gz"):
        import gzip

        data = gzip.compress(data)
    options = (*(["--skip-bad"] if skip else []), *(["--encoding-errors", "replace"] if replace else []))
    run_count({f"input{suffix}": b"id,text\n" + data if suffix == ".csv" else data}, *options)


_cell = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(['"', ",", "\n", " ", '""', ";", "\r"])),
                 max_size=8).map("".join)  # fmt: skip


@FUZZ
@given(
    header=st.lists(st.sampled_from(["id", "text", "outlet", "date", "text", ""]), min_size=1, max_size=5),
    rows=st.lists(st.lists(_cell, max_size=6), max_size=8),
    quote=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1256", "utf-16"]),
    skip=st.booleans(),
)
def test_random_csv(header: list[str], rows: list[list[str]], quote: bool, encoding: str, skip: bool) -> None:
    def line(cells: list[str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' if quote else c for c in cells)

    text = "\n".join(line(cells) for cells in [header, *rows]) + "\n"
    run_count({"articles.csv": text.encode(encoding, "replace")}, *(["--skip-bad"] if skip else []))


_json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _cell, st.sampled_from(WORDS)),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["text", "id", "x"]), children),
    max_leaves=6,
)


@FUZZ
@given(
    records=st.lists(
        st.dictionaries(st.sampled_from(["id", "text", "outlet", "date", "title"]), _json_value), max_size=6
    ),
    cut=st.integers(min_value=0, max_value=400),
    skip=st.booleans(),
)
def test_random_jsonl(records: list[dict], cut: int, skip: bool) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    data = lines if cut == 0 else lines[:-cut] or lines  # a cut line, sometimes inside a character
    run_count({"feed.jsonl": data}, *(["--skip-bad"] if skip else []))


@FUZZ
@given(aliases=st.lists(st.text(alphabet="حفتر مصر.*-،,\"'١2 ًa\t", max_size=8), min_size=1, max_size=5))
def test_random_lexicon_rows(aliases: list[str]) -> None:
    rows = "".join(f'A{i},"{a.replace(chr(34), chr(34) * 2)}",person\n' for i, a in enumerate(aliases))
    article = "قال حفتر إن مصر ومصر. - * ، ١2 Haftar".encode()
    run_count({"a.txt": article}, actors="actor,alias,type\n" + rows)

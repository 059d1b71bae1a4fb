"""One huge document: counted in windows and read a piece at a time, with exactly the rows of the whole text.

:mod:`analysis.windows` cuts a long text after line breaks and shifts each
window's rows; :mod:`analysis.corpus.large_text` reads, decodes and cleans a
large ``.txt`` a piece at a time.  Both must give what the whole-text path
gives, and a 40 MB article must stay within the memory goal (the ``slow`` test).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import windows
from analysis.corpus import CorpusReader, document_fingerprints, large_text
from analysis.corpus.large_text import _runs_across
from analysis.errors import FramingInputError
from analysis.paths import project_root
from analysis.pipeline import FramingCounter, Partition
from analysis.spill import SpilledRows

BUNDLED = project_root() / "data" / "corpus" / "saudinewsnet_libya_2015.csv"
#: Hand-made paragraphs whose rules stop at a paragraph break (each checked below).
HAND_MADE = (
    'قال خليفة حفتر إن "الجيش سيواصل القتال حتى النهاية" في ليبيا مع مصر\n'  # a quotation; a cue of الإخوان
    "التقى الإخوان بالأمس ثم قال لا\n"  # الإخوان: its cue مصر is in the paragraph before
    "حفتر يتقدم\n\n"  # لا ends the paragraph before: not negated
    "وصل خليفة\n"  # خليفة | حفتر across a line break: not the full name
    "حفتر اليوم «بداية اقتباس طويل جدا بلا نهاية هنا\n"  # a quotation left open to the paragraph's end
    "وهذا سطر آخر» عن السراج.\n"
)


@pytest.fixture(scope="module")
def counter() -> FramingCounter:
    return FramingCounter().compile()


def _count(counter: FramingCounter, text: str, size: int, monkeypatch: pytest.MonkeyPatch) -> Partition:
    monkeypatch.setattr(windows, "WINDOW_CHARS", size)
    return counter.count_partition([("d", text)], keep_tokens=True, fingerprints=True)


def _assert_same(windowed: Partition, whole: Partition) -> None:
    for name in ("hits", "quotations", "tokens", "stats", "fingerprints"):
        assert list(getattr(windowed, name)) == list(getattr(whole, name)), name


def test_hand_made_paragraphs_whole(counter: FramingCounter, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _count(counter, HAND_MADE, 10**9, monkeypatch)
    assert [(h.surface, h.paragraph, h.negated) for h in whole.hits if h.kind == "actor"] == [
        ("خليفة حفتر", 1, False), ("ليبيا", 1, False), ("مصر", 1, False),
        ("حفتر", 3, False), ("حفتر", 5, False), ("السراج", 6, False),
    ]  # fmt: skip
    assert [(q.text[:8], q.closed, q.paragraph) for q in whole.quotations] == [
        ('"الجيش س', True, 1), ("«بداية ا", False, 5),
    ]  # fmt: skip
    # 13 + 6 + 2 + 2 + 9 + 5 words; one sentence per line; 5 + 7 words inside the two quotations (both speech)
    assert whole.stats[0][1:6] == (37, 6, 6, 2, 12)  # words, sentences, paragraphs, quotations, quoted words
    assert not isinstance(whole.hits, SpilledRows)  # short: never windowed


@pytest.mark.parametrize("size", [1, 7, 40, 90, 150])
def test_hand_made_paragraphs_in_windows(counter: FramingCounter, monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    whole = _count(counter, HAND_MADE, 10**9, monkeypatch)
    windowed = _count(counter, HAND_MADE, size, monkeypatch)
    assert isinstance(windowed.hits, SpilledRows)
    _assert_same(windowed, whole)
    for hit in windowed.hits:  # offsets into the original text
        assert HAND_MADE[hit.start : hit.end] == hit.surface


def test_real_articles_in_windows(counter: FramingCounter, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = pd.read_csv(BUNDLED, dtype=str)["text"].dropna()
    text = "\n\n".join(texts[:25]) + "\n"
    whole = _count(counter, text, 10**9, monkeypatch)
    assert len(whole.hits) > 1000 and len(whole.quotations) > 500
    for size in (300, 5_000):
        _assert_same(_count(counter, text, size, monkeypatch), whole)
    assert whole.fingerprints == [document_fingerprints(text)]


def test_fingerprints_of_a_huge_text_are_the_whole_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from analysis.tokenize import token_norm_text

    text = "قَالَ حفتر،\n\nإن الجيش\n" * 50 + "\n"
    monkeypatch.setattr("analysis.corpus.duplicates.WINDOW_CHARS", 30)  # windowed above 30 characters
    exact, normalized = document_fingerprints(text)
    assert exact == hashlib.blake2b(text.encode(), digest_size=16).digest()
    assert normalized == hashlib.blake2b(token_norm_text(text).encode(), digest_size=16).digest()


_WORDS = ["حفتر", "خليفة", "الوفاق", "حكومة", "ليبيا", "مصر", "الإخوان", "لا", "عدم", "شرعية", "قال", "إن", "الجيش"]
_MARKS = ['"', "«", "»", "“", "”", ":", ".", "،", "\n", "\n\n", " \n", "\u0640"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_WORDS + _MARKS), max_size=80), size=st.integers(1, 60))
def test_any_text_in_windows(counter: FramingCounter, monkeypatch: pytest.MonkeyPatch, parts: list, size: int) -> None:
    text = " ".join(parts)
    _assert_same(_count(counter, text, size, monkeypatch), _count(counter, text, 10**9, monkeypatch))


def test_windows_end_after_line_breaks() -> None:
    text = "أ\nب ج\n\nطويل جدا جدا\nد"
    bounds = list(windows.window_bounds(text, size=4))
    assert bounds == [(0, 2), (2, 6), (6, 7), (7, 20), (20, 21)]
    assert "".join(text[a:b] for a, b in bounds) == text


def test_spilled_rows_refuse_indexing() -> None:
    rows = SpilledRows([("a", 1)])
    rows.extend(iter([("b", 2)]))
    assert list(rows) == [("a", 1), ("b", 2)] and len(rows) == 2
    with pytest.raises(TypeError, match="read by iteration"):
        rows[0]
    import pickle

    assert pickle.loads(pickle.dumps(rows)) == [("a", 1), ("b", 2)]  # crosses to a worker as a list


# -- a large .txt read a piece at a time ------------------------------------------------------


def _article(folder: Path, text: str, *, bom: bool = False, outlet: str = "") -> Path:
    path = folder / "big.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    if outlet:
        (folder / "metadata.csv").write_text(f"doc_id,outlet\nbig,{outlet}\n", encoding="utf-8")
    return path


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, *, pieces: bool, streamed: list | None = None) -> tuple:
    """The documents and report of ``path``; ``streamed`` receives what :func:`read_large_text` returned."""
    monkeypatch.setattr(large_text, "STREAM_ABOVE", 0 if pieces else 10**12)
    monkeypatch.setattr(large_text, "PIECE_BYTES", 130_000)  # the first piece reaches the dateline's 65,536 characters
    original = large_text.read_large_text
    if streamed is not None:
        monkeypatch.setattr(
            large_text, "read_large_text", lambda *a, **k: streamed.append(original(*a, **k)) or streamed[-1]
        )
    run = CorpusReader().open([path])
    documents = list(run.documents)
    monkeypatch.setattr(large_text, "read_large_text", original)
    return documents, list(run.report)


def _long_text() -> str:
    texts = pd.read_csv(BUNDLED, dtype=str)["text"].dropna()
    body = "\r\n\r\n".join(texts)  # Windows line ends, turned into \n in both paths
    related = "\nاقرأ أيضا:\nعنوان أول\nعنوان ثان\n\n"  # a related-article block, removed whole
    return "سبق- الرياض: " + body + related + "قال مصدر لـ«سبق» إن" + related + "Facebook Comments\n \n\n"


def test_large_text_read_in_pieces_as_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _article(tmp_path, _long_text(), bom=True, outlet="sabq")
    whole, whole_report = _read(path, monkeypatch, pieces=False)
    streamed: list = []
    pieces, pieces_report = _read(path, monkeypatch, pieces=True, streamed=streamed)
    assert len(streamed) == 1 and streamed[0] is not None  # read in pieces, not sent to the whole-file path
    assert pieces == whole and pieces_report == whole_report
    (document,) = pieces
    assert document["encoding"] == "utf-8-sig" and "\r" not in document["text"]
    problems = [row.problem for row in pieces_report]
    assert "dateline removed: 'سبق- الرياض:'" in problems and "outlet name removed: '«سبق»'" in problems
    assert problems.count("boilerplate line removed: 'اقرأ أيضا:'") == 2
    assert not document["text"].endswith((" ", "\n"))  # boilerplate removed: the end is stripped, as whole


def test_large_text_bylines_inside_are_blanked_with_whole_text_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _long_text()
    middle = body.index("\n", len(body) // 2) + 1  # a later piece, whose offsets follow the pieces before it
    byline = "حوار: شقران الرشيدي- سبق- الرياض:"
    path = _article(tmp_path, body[:middle] + byline + " قال الخبير\n" + body[middle:], outlet="sabq")
    whole, whole_report = _read(path, monkeypatch, pieces=False)
    streamed: list = []
    pieces, pieces_report = _read(path, monkeypatch, pieces=True, streamed=streamed)
    assert streamed[0] is not None and pieces == whole and pieces_report == whole_report
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    start = text.index(byline)
    problem = f"byline removed (characters {start}-{start + len(byline)}): {byline!r}"
    assert problem in [row.problem for row in pieces_report]
    assert pieces[0]["text"][start : start + len(byline)].strip() == ""


def test_large_text_keeps_trailing_space_without_boilerplate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(f"سطر رقم {i} من نص طويل عن ليبيا" for i in range(12000)) + "\n \n"
    path = _article(tmp_path, text)
    (whole,), _ = _read(path, monkeypatch, pieces=False)
    streamed: list = []
    (pieces,), _ = _read(path, monkeypatch, pieces=True, streamed=streamed)
    assert streamed[0] is not None and pieces == whole and pieces["text"].endswith("\n \n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("قال حفتر".encode() * 3000 + b"\x93", "byte 45000: is UTF-8 with an invalid byte"),  # named by the whole path
        ("<p>قال حفتر</p>\n".encode() * 3000, None),  # HTML: the whole-file path converts it
    ],
)
def test_large_text_unusual_files_take_the_whole_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str | None
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(content)
    monkeypatch.setattr(large_text, "PIECE_BYTES", 1_000)
    assert large_text.read_large_text(path, ((), (), ()), None, datelines=True) is None
    if message:
        with pytest.raises(FramingInputError, match=message):
            _read(path, monkeypatch, pieces=True)  # FramingInputError
    else:
        (document,), _ = _read(path, monkeypatch, pieces=True)
        assert document["html"] and document["text"].startswith("قال حفتر")


def test_outlet_name_across_pieces_is_found() -> None:
    pattern = re.compile(r"[«\"“”(]\s*(?:سبق)\s*[»\"“”)]")
    assert _runs_across(pattern, "قال لـ«", "\n\n", "سبق» إن")
    assert not _runs_across(pattern, "قال لـ«سبق»", "\n", "إن «سبق»")


# -- memory ------------------------------------------------------------------------------------

# The child reports its own peak: VmHWM, the high-water mark of the memory of the process as it is
# after exec.  ru_maxrss of RUSAGE_CHILDREN would not do: Linux carries the RSS a child had before
# exec (a fork of the test process, with pytest and pandas) into it, so it measures this process.
_COUNT = """
import sys
from analysis.cli import main
try:
    code = main(sys.argv[2:])
finally:
    with open("/proc/self/status") as status, open(sys.argv[1], "w") as report:
        report.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
sys.exit(code)
"""


def _peak_rss_mb(path: Path, out: Path, max_mb: int) -> float:
    """The peak resident memory (MB) of ``framing count`` on ``path``, in a child process."""
    report = out.with_suffix(".peak")
    command = [sys.executable, "-c", _COUNT, str(report), "count", str(path), "--out", str(out), "--workers", "1"]
    subprocess.run([*command, "--no-progress", "--max-document-mb", str(max_mb)], check=True, capture_output=True)
    return int(report.read_text()) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="peak memory is read from /proc (Linux)")
def test_one_large_article_stays_within_twice_its_size(tmp_path: Path) -> None:
    """A 40 MB article: (peak - the same command's peak on a tiny article) < 2 x its size (measured: 1.2)."""
    texts = pd.read_csv(BUNDLED, dtype=str)["text"].dropna()
    block = ("\n\n".join(texts) + "\n\n").encode("utf-8")
    tiny = tmp_path / "tiny" / "tiny.txt"
    tiny.parent.mkdir()
    tiny.write_text(texts.iloc[0], encoding="utf-8")
    big = tmp_path / "big" / "big.txt"
    big.parent.mkdir()
    with open(big, "wb") as stream:
        for _ in range(int(40e6 / len(block)) + 1):
            stream.write(block)
    size = big.stat().st_size / 1e6
    overhead = _peak_rss_mb(tiny, tmp_path / "out-tiny", 10)
    peak = _peak_rss_mb(big, tmp_path / "out-big", int(size) + 1)
    assert 30 < overhead < peak  # the interpreter, lexicons and compiled matchers; the article adds to it
    assert (peak - overhead) / size < 2.0, f"peak {peak:.0f} MB, overhead {overhead:.0f} MB, article {size:.0f} MB"
    documents = pd.read_csv(tmp_path / "out-big" / "documents.csv")
    assert documents["n_words"].iloc[0] > 3_000_000

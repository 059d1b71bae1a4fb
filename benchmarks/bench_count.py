"""Throughput and memory of lexicon counting on 20,000 real articles, against scikit-learn.

Run with ``make bench``.  Everything is measured in this one run on the same
texts, and reported as ratios, so the numbers mean the same on a slower machine:

1. in memory, one process: :class:`analysis.pipeline.FramingCounter` (what every
   path runs: tokenization with offsets, quoted speech, clitic variants,
   wildcards, longest match, the hits table) against
   ``CountVectorizer(vocabulary=<the same entries>, ngram_range=(1, n))`` with
   ``n`` the longest entry in words (exact n-grams only: no clitics, no
   wildcards — the ``*`` is dropped — no offsets); and the same counting in 2
   worker processes (:func:`analysis.batch.count_documents`): the speed-up of
   the counting stage alone;
2. end to end, the ``framing count`` command on the gzipped CSV (decoding,
   cleaning, duplicate detection, counting, writing every table), with 1 and
   with 2 worker processes: speed-up, and peak memory of the whole process tree
   (the sum of the processes' proportional set sizes, sampled every 20 ms)
   against the size of the corpus text;
3. one article of 200 MB (``--large-article-mb``; the benchmark corpus's
   texts one after another, repeated, as one ``.txt`` file; the bundled
   corpus's if the benchmark corpus is missing): peak memory against its size
   (``--only-large`` runs this part alone);
4. memory against the goal, (peak - fixed overhead) < 2 x the text: the fixed
   overhead is the peak of the same command on a tiny input (300 articles, so
   that two workers really start; one short ``.txt`` for the large article),
   with 1 and 2 workers, and the table gives (peak - overhead) / text for the
   20,000 articles (1 and 2 workers) and the large article (1 worker).

``--only-memory`` (or ``--limit``) runs part 1 alone.

This machine's speed drifts (a shared virtual machine: the same run can take
15 % longer a minute later), so contenders are measured alternately, several
times, and the fastest run of each is compared (as :mod:`timeit` advises);
peak memory is measured in one more run of each, since sampling it costs CPU.

The corpus is ``news_corpus_saudinewsnet_20k.csv.gz`` from the workplace's
shared data (not shipped with the project); point ``FRAMING_BENCH_CORPUS`` at
another copy if needed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

import pandas as pd
import sklearn
from sklearn.feature_extraction.text import CountVectorizer

from analysis.batch import count_documents
from analysis.corpus import looks_like_html
from analysis.ingest import documents_from_texts
from analysis.paths import project_root
from analysis.pipeline import FramingCounter

CORPUS_NAME = "news_corpus_saudinewsnet_20k.csv.gz"


def corpus_path() -> Path:
    """Return the benchmark corpus, from ``$FRAMING_BENCH_CORPUS`` or ``../shared/data``."""
    configured = os.environ.get("FRAMING_BENCH_CORPUS")
    return Path(configured) if configured else project_root().parent / "shared" / "data" / CORPUS_NAME


def timed(function, *args):
    """Run ``function(*args)`` once; return its result and the seconds it took."""
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def fastest_alternating(contenders: dict, repeats: int) -> dict:
    """Run each contender ``repeats`` times, alternating; return name -> (last result, best seconds)."""
    best: dict = {}
    for _ in range(repeats):
        for name, (function, *args) in contenders.items():
            result, seconds = timed(function, *args)
            best[name] = (result, min(seconds, best.get(name, (None, float("inf")))[1]))
    return best


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids.extend(_tree(int(child)))
    return pids


def _pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_command(arguments: list[str], *, sample_memory: bool) -> tuple[float, int]:
    """Run a command; return its wall time and, if sampled, the peak PSS of its process tree (bytes).

    Sampling reads every process's page tables 50 times a second, which costs
    CPU that the command's own processes would use when they fill both cores;
    so timed runs are not sampled, and memory is measured in runs of its own.
    """
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, sum(_pss_bytes(p) for p in _tree(process.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    if sample_memory:
        sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{errors}")
    return elapsed, peak


def _article_block() -> str:
    """The texts a large article is made of: the benchmark corpus's (ordinary news), else the bundled ones.

    Texts with HTML markup or entities (``&#39;`` in one of the 20,000) are
    left out: one of them makes the whole article HTML, which is converted
    whole, not a piece at a time (see README, Limits).
    """
    path = corpus_path()
    if path.is_file():
        texts = pd.read_csv(path, dtype=str, keep_default_na=False)["text"]
    else:
        texts = pd.read_csv(project_root() / "data" / "corpus" / "saudinewsnet_libya_2015.csv", dtype=str)["text"]
    return "\n\n".join(text for text in texts.dropna() if not looks_like_html(text))


def _count_command(path: Path, out: Path, workers: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "analysis.cli", "count", str(path), "--out", str(out), "--workers", str(workers),
            "--no-progress", *extra]  # fmt: skip


def fixed_overhead(folder: Path, tiny: Path, workers: int) -> int:
    """Peak memory (PSS, bytes) of ``framing count`` on a tiny input: imports, lexicons, compiled matchers, workers."""
    return run_command(_count_command(tiny, folder / f"out-tiny-{workers}", workers), sample_memory=True)[1]


def large_article(megabytes: float) -> tuple[float, float, int, int]:
    """Peak memory of ``framing count`` on one article of ``megabytes`` MB, against its size.

    The article is real news text (:func:`_article_block`, with its
    quotations, paragraphs and hits) repeated up to the size, written as one
    ``.txt`` file; the run has one worker, and ``--max-document-mb`` just
    above the size.  The fixed overhead is the same command's peak on one
    short article.

    Returns
    -------
    tuple
        The article's size (MB), the seconds, the peak and the overhead (bytes).
    """
    block = _article_block()
    encoded = (block + "\n\n").encode("utf-8")
    target = int(megabytes * 1e6)
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text(block[: block.find("\n\n")], encoding="utf-8")
        article = Path(folder) / "article.txt"
        with open(article, "wb") as stream:
            written = 0
            while written < target:  # whole copies of the texts, then up to a line break
                fits = written + len(encoded) <= target
                part = encoded if fits else encoded[: encoded.rfind(b"\n", 0, target - written) + 1]
                if not part:
                    break
                stream.write(part)
                written += len(part)
        del encoded, block
        size = article.stat().st_size / 1e6
        overhead = fixed_overhead(Path(folder), tiny, 1)
        seconds, peak = run_command(
            _count_command(article, Path(folder) / "out", 1, "--max-document-mb", str(int(size) + 1)),
            sample_memory=True,
        )
    print()
    print("## One large article: `framing count` on a single .txt file, 1 worker")
    print()
    print(
        "| article | seconds | MB/s | peak memory (PSS, all processes) | fixed overhead | (peak - overhead) / article |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {size:.0f} MB | {seconds:.1f} | {size / seconds:.2f} | {peak / 1e6:.0f} MB | {overhead / 1e6:.0f} MB | "
        f"{(peak - overhead) / 1e6 / size:.2f} |"
    )
    return size, seconds, peak, overhead


def memory_goal(rows: list[tuple[str, int, float, int, int]]) -> None:
    """Print (peak - fixed overhead) / text for each run against the goal of 2."""
    print()
    print("## Memory against the goal: (peak - fixed overhead) < 2 x the text")
    print()
    print("| input | workers | text | peak | fixed overhead | (peak - overhead) / text | goal |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, workers, size, peak, overhead in rows:
        ratio = (peak - overhead) / 1e6 / size
        print(
            f"| {name} | {workers} | {size:.1f} MB | {peak / 1e6:.0f} MB | {overhead / 1e6:.0f} MB | {ratio:.2f} | "
            f"{'met' if ratio < 2 else '**not met**'} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (in-memory part)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each contender (the fastest counts)")
    parser.add_argument(
        "--large-article-mb", type=float, default=200, help="size of the one-article memory measurement (MB)"
    )
    parser.add_argument("--only-large", action="store_true", help="only the one-large-article measurement")
    parser.add_argument(
        "--only-memory", action="store_true", help="only the in-memory part (counter against CountVectorizer)"
    )
    args = parser.parse_args()
    if args.only_large:
        size, _, peak, large_overhead = large_article(args.large_article_mb)
        memory_goal([(f"one {size:.0f} MB article", 1, size, peak, large_overhead)])
        return 0
    path = corpus_path()
    if not path.is_file():
        print(
            f"bench: corpus not found at {path}; set FRAMING_BENCH_CORPUS to a copy of {CORPUS_NAME}", file=sys.stderr
        )
        return 2
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = list(frame["text"][: args.limit] if args.limit else frame["text"])
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    documents = documents_from_texts(texts)

    counter = FramingCounter()
    entries = [e for lexicon in (counter.actors, counter.terms) for e in lexicon.entries]
    vocabulary = sorted({" ".join(w.rstrip("*") for w in e.written.split()).lower() for e in entries})
    longest = max(len(v.split()) for v in vocabulary)
    vectorizer = CountVectorizer(vocabulary=vocabulary, ngram_range=(1, longest))

    counter.count(documents.head(200))  # first calls compile the tokenizer's expressions
    runs = fastest_alternating(
        {
            "ours": (counter.count, documents),
            "theirs": (vectorizer.fit_transform, texts),
            "ours_2": (partial(count_documents, workers=2, chunk_size=128), documents, counter),
        },
        args.repeats,
    )
    (result, ours), (matrix, theirs), (parallel, ours_2) = runs["ours"], runs["theirs"], runs["ours_2"]
    assert parallel.hits.equals(result.hits), "2 workers found other hits"
    n_words = int(result.documents["n_words"].sum())

    print(f"# Benchmark: {len(texts):,} SaudiNewsNet articles, {megabytes:.1f} MB UTF-8, {n_words:,} word tokens")
    print(
        f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, {os.cpu_count()} CPU(s), "
        f"{len(vocabulary)} lexicon entries, n-grams up to {longest}; fastest of {args.repeats} alternating runs"
    )
    print()
    print("## In memory, one process")
    print()
    print("| contender | seconds | MB/s | tokens/s | hits |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| FramingCounter (clitics, wildcards, longest match, offsets) | {ours:.1f} | {megabytes / ours:.2f} | "
        f"{n_words / ours:,.0f} | {len(result.hits):,} |"
    )
    print(
        f"| CountVectorizer(vocabulary, ngram_range=(1, {longest})) | {theirs:.1f} | {megabytes / theirs:.2f} | "
        f"{n_words / theirs:,.0f} | {int(matrix.sum()):,} |"
    )
    print()
    print(f"speed ratio FramingCounter / CountVectorizer: **{theirs / ours:.2f}x**")
    print()
    print(
        f"counting stage in 2 worker processes (count_documents): {ours_2:.1f} s, "
        f"speed-up over one process **{ours / ours_2:.2f}x**"
    )
    del result, matrix, documents, frame

    if args.limit or args.only_memory:
        return 0
    print()
    print("## End to end: `framing count` on the gzipped CSV (read, clean, dedupe, count, write)")
    print()
    print("| articles | workers | seconds | MB/s | speed-up | peak memory (PSS, all processes) | peak / corpus text |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    full = pd.read_csv(path, dtype=str, keep_default_na=False)
    goal_rows: list[tuple[str, int, float, int, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.csv.gz"
        full.head(300).to_csv(tiny, index=False)  # three chunks of 128: two workers really start
        overheads = {workers: fixed_overhead(Path(folder), tiny, workers) for workers in (1, 2)}
        # Smaller prefixes of the same corpus show whether memory grows with the corpus.
        for n_articles in (5_000, 10_000, len(full)):
            subset = Path(folder) / f"corpus-{n_articles}.csv.gz"
            full.head(n_articles).to_csv(subset, index=False)
            size = full["text"].head(n_articles).str.encode("utf-8").str.len().sum() / 1e6
            best: dict[int, tuple[float, int]] = {}
            for repeat in range(args.repeats + 1):
                for workers in (1, 2):
                    out = Path(folder) / f"out-{n_articles}-{workers}"
                    seconds, peak = run_command(
                        [
                            sys.executable,
                            "-m",
                            "analysis.cli",
                            "count",
                            str(subset),
                            "--out",
                            str(out),
                            "--workers",
                            str(workers),
                            "--no-progress",
                        ],
                        sample_memory=repeat == args.repeats,
                    )
                    previous = best.get(workers, (float("inf"), 0))
                    if repeat < args.repeats:
                        best[workers] = (min(seconds, previous[0]), previous[1])
                    else:
                        best[workers] = (previous[0], peak)
            for workers, (seconds, peak) in best.items():
                print(
                    f"| {n_articles:,} | {workers} | {seconds:.1f} | {size / seconds:.2f} | "
                    f"{best[1][0] / seconds:.2f}x | {peak / 1e6:.0f} MB | {peak / 1e6 / size:.2f} |"
                )
                if n_articles == len(full):
                    goal_rows.append((f"{n_articles:,} articles", workers, size, peak, overheads[workers]))
    large, _, peak, large_overhead = large_article(args.large_article_mb)
    memory_goal([*goal_rows, (f"one {large:.0f} MB article", 1, large, peak, large_overhead)])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of lexicon counting on 20,000 real articles, against scikit-learn.

Run with ``make bench``.  Both contenders run in this one process on the same
texts; the result is a ratio, so it means the same on a slower machine.

* ``framing count``: the package's :class:`analysis.pipeline.FramingCounter`
  (what the command runs after reading files): tokenization with offsets,
  quoted speech, clitic variants, wildcards, longest match, the hits table.
* ``CountVectorizer(vocabulary=<the same entries>, ngram_range=(1, n))`` with
  ``n`` the longest entry in words: exact n-gram counting, no clitics, no
  wildcards (the ``*`` is dropped), no offsets.

The corpus is ``news_corpus_saudinewsnet_20k.csv.gz`` from the workplace's
shared data (not shipped with the project); point ``FRAMING_BENCH_CORPUS`` at
another copy if needed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import pandas as pd
import sklearn
from sklearn.feature_extraction.text import CountVectorizer

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (for a quick look)")
    args = parser.parse_args()
    path = corpus_path()
    if not path.is_file():
        print(f"bench: corpus not found at {path}; set FRAMING_BENCH_CORPUS to a copy of {CORPUS_NAME}",
              file=sys.stderr)
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

    counter.count(documents.head(200))  # warm the caches the way a long run does
    result, ours = timed(counter.count, documents)
    matrix, theirs = timed(vectorizer.fit_transform, texts)
    n_tokens = int(result.documents["n_tokens"].sum())

    print(f"# Benchmark: {len(texts):,} SaudiNewsNet articles, {megabytes:.1f} MB UTF-8, {n_tokens:,} word tokens")
    print(f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, {os.cpu_count()} CPU(s), "
          f"{len(vocabulary)} lexicon entries, n-grams up to {longest}")
    print()
    print("| contender | seconds | MB/s | tokens/s | hits |")
    print("|---|---:|---:|---:|---:|")
    print(f"| framing count (clitics, wildcards, longest match, offsets) | {ours:.1f} | {megabytes / ours:.2f} | "
          f"{n_tokens / ours:,.0f} | {len(result.hits):,} |")
    print(f"| CountVectorizer(vocabulary, ngram_range=(1, {longest})) | {theirs:.1f} | {megabytes / theirs:.2f} | "
          f"{n_tokens / theirs:,.0f} | {int(matrix.sum()):,} |")
    print()
    print(f"speed ratio framing / CountVectorizer: {theirs / ours:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Tagging speed of the default loaded-language tagger, against the dictionary and CountVectorizer.

One process, the same articles of ``news_corpus_saudinewsnet_20k.csv.gz`` for each
contender; the first pass runs once, then the other three alternate ``--repeat`` times
(two by default) and each one's fastest run is kept; times are also given as ratios to
CountVectorizer's, the measure to compare on a shared machine (wall time, and this
process's CPU time, which other processes' load inflates less):

1. ``Tagger.analyse_many`` (per document: tokenize, quoted speech, dictionary hits;
   then per batch of about 4,096 word tokens: features, both probabilities for every
   word token) — what tagging a corpus costs; the first pass scores every new word
   type once (a corpus of 20,000 articles has about 220,000; a batch's new types
   together), later passes only look the scores up (one dictionary look-up per
   token, then array gathers over the whole batch);
2. ``FramingCounter.analyze_text`` alone (the dictionary path every hit table runs);
3. ``CountVectorizer(vocabulary=<the lexicon's entries>)`` transform of the same texts.

Before tagging, the default design is trained once on the bundled annotations (as
``scripts/train_default_tagger.py --no-cv`` does); its time and the process's peak
memory (resident set size) after training and after tagging are reported.  ``make bench``
runs it on all 20,000 articles.  A benchmark, not a test; run from the project folder::

    .venv/bin/python benchmarks/bench_tagger.py --articles 2000
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from analysis.learn import load_default_tagger, load_tagger
from analysis.learn.training import train_tagger
from analysis.paths import data_path
from analysis.pipeline import FramingCounter

CORPUS = Path(os.environ.get("FRAMING_BENCH_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "data"
                             / "news_corpus_saudinewsnet_20k.csv.gz"))  # fmt: skip


def seconds(function) -> tuple[float, float]:
    """Wall time and this process's CPU time of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def best_of(functions: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """Fastest of ``repeat`` runs of each function (wall and CPU time, each its own minimum), the contenders
    alternating (a shared machine's load then weighs on all of them alike)."""
    best = dict.fromkeys(functions, (float("inf"), float("inf")))
    for _ in range(repeat):
        for name, function in functions.items():
            wall, cpu = seconds(function)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def peak_memory() -> str:
    """Peak resident set size of this process so far."""
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"


def train() -> None:
    """Train the default design once (no cross-validation for the card) and report time and memory."""
    began = time.perf_counter()
    tagger = train_tagger(data_path("annotated", "armpro_dev_loaded_language.jsonl"), seed=0, date="bench")
    print(f"training the default design: {time.perf_counter() - began:.1f} s, peak memory {peak_memory()}; {tagger!r}")


def main() -> None:
    """Train once, then time the three contenders and print words per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-train", action="store_true", help="skip the training step")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each contender (the fastest is kept)")
    parser.add_argument("--model", type=Path, default=None, help="also time this saved tagger (e.g. a mixed_crf "
                        "design), alternating with the others, and give its time as a ratio to the default's")  # fmt: skip
    args = parser.parse_args()
    if not args.no_train:
        train()
    texts = pd.read_csv(CORPUS, dtype=str, keep_default_na=False, usecols=["text"], nrows=args.articles)["text"]
    texts = list(texts)
    ids = [str(k) for k in range(len(texts))]
    began = time.perf_counter()
    tagger = load_default_tagger()
    print(f"loading the default tagger: {time.perf_counter() - began:.2f} s")
    counter = FramingCounter().compile()
    n_words = sum(counter.analyze_text(t).tokens.n_words for t in texts)
    entries = sorted({" ".join(e.words) for lexicon in (counter.actors, counter.terms) for e in lexicon.entries})
    vectorizer = CountVectorizer(vocabulary=entries, ngram_range=(1, max(len(e.split()) for e in entries)))
    first = {"tagger, first pass (every word type scored on first sight)": seconds(
        lambda: list(tagger.analyse_many(ids, texts)))}  # fmt: skip
    others = {}
    if args.model is not None:
        other = load_tagger(args.model)
        first[f"{args.model.name}, first pass"] = seconds(lambda: list(other.analyse_many(ids, texts)))
        others[f"{args.model.name}, again (type scores cached)"] = lambda: list(other.analyse_many(ids, texts))
    results = first | best_of({
        "tagger, again (type scores cached)": lambda: list(tagger.analyse_many(ids, texts)), **others,
        "FramingCounter.analyze_text (dictionary)": lambda: [counter.analyze_text(t) for t in texts],
        "CountVectorizer(vocabulary=...)": lambda: vectorizer.transform(texts),
    }, args.repeat)  # fmt: skip
    print(f"{len(texts)} articles, {n_words} words; {len(tagger._type_ids)} word types scored")
    for name, (time_taken, cpu) in results.items():
        print(f"{name:60s} {time_taken:7.2f} s  {n_words / time_taken:10,.0f} words/s  (CPU {cpu:.2f} s)")
    for kind, k in (("time", 0), ("CPU time", 1)):
        baseline = results["CountVectorizer(vocabulary=...)"][k]
        ratios = ", ".join(f"{name.split(' (')[0]} {taken[k] / baseline:.2f}" for name, taken in
                           results.items() if "CountVectorizer" not in name)  # fmt: skip
        print(f"{kind} / CountVectorizer's (goal for the tagger: at most 1): {ratios}")
    for name in others:
        against = [results[name][k] / results["tagger, again (type scores cached)"][k] for k in (0, 1)]
        print(f"{name} / the default's, cached: time {against[0]:.2f}, CPU time {against[1]:.2f}")
    print(f"peak memory after tagging: {peak_memory()}")


if __name__ == "__main__":
    main()

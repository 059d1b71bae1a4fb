"""Check that a change to the tagger's code leaves its outputs unchanged: save them before, compare after.

Tags ``data/annotated`` and the 1k SaudiNewsNet sample with the default model, document by
document (``Tagger.analyse``) and in batches (``Tagger.analyse_many``), and runs ``framing count
--model default`` on the sample (one worker).  ``check`` then requires the same spans
(start, end, label), probabilities, span scores and ``model_expected`` within 1e-9 relative, and
byte-identical count tables; it prints how many probabilities differ at all.  Run from the
project folder, on the old code then the new::

    PYTHONPATH=src .venv/bin/python scripts/check_tagger_outputs.py save /tmp/before
    PYTHONPATH=src .venv/bin/python scripts/check_tagger_outputs.py check /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.learn import load_default_tagger
from analysis.paths import data_path

SAMPLE = Path(os.environ.get("FRAMING_SAMPLE_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "data"
                             / "news_corpus_saudinewsnet_sample1k.csv"))  # fmt: skip
TOLERANCE = 1e-9


def texts() -> list[str]:
    """The annotated texts, then the sample's."""
    lines = data_path("annotated", "armpro_dev_loaded_language.jsonl").read_text(encoding="utf-8").splitlines()
    sample = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, usecols=["text"])["text"]
    return [json.loads(line)["text"] for line in lines] + list(sample)


def outputs() -> dict[str, list]:
    """Spans and both probabilities of every text, per document and in batches."""
    tagger = load_default_tagger()
    every = texts()
    found: dict[str, list] = {}
    ids = [str(k) for k in range(len(every))]

    def one_by_one() -> Iterator[tuple]:
        return (tagger.analyse(doc_id, text) for doc_id, text in zip(ids, every))

    # on code from before batches, what analyse_many must give is what analyse gives
    many = (lambda: tagger.analyse_many(ids, every)) if hasattr(tagger, "analyse_many") else one_by_one
    for way, tag in {"analyse": one_by_one, "analyse_many": many}.items():
        results = tag()
        found[way] = [((doc.start, doc.end), loaded, name_calling,
                       [(s["start"], s["end"], s["label"], s["score"]) for s in tagger.spans(doc, loaded, name_calling)])
                      for doc, loaded, name_calling in results]  # fmt: skip
    return found


def count(folder: Path) -> None:
    """``framing count --model default`` on the sample, one worker, into ``folder``."""
    command = [sys.executable, "-m", "analysis.cli", "count", "--model", "default", "--workers", "1",
               "--no-progress", "--out", str(folder), str(SAMPLE)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)


def relative(a: np.ndarray, b: np.ndarray) -> float:
    """Largest relative difference."""
    return float((np.abs(a - b) / np.maximum(np.abs(a), 1e-300)).max(initial=0.0))


def compare(before: dict[str, list], after: dict[str, list]) -> bool:
    """Print the differences of each way of tagging; ``True`` when within the rules."""
    good = True
    for way in before:
        worst, differ, total, spans = 0.0, 0, 0, 0
        for (offsets, loaded, calling, span), (offsets2, loaded2, calling2, span2) in zip(before[way], after[way],
                                                                                          strict=True):  # fmt: skip
            assert all(np.array_equal(x, y) for x, y in zip(offsets, offsets2)), "word tokens differ"
            spans += [s[:3] for s in span] != [s[:3] for s in span2]
            for a, b in ((loaded, loaded2), (calling, calling2), (np.array([s[3] for s in span]),
                                                                  np.array([s[3] for s in span2]))):  # fmt: skip
                if len(a) == len(b):
                    worst, differ, total = max(worst, relative(a, b)), differ + int((a != b).sum()), total + len(a)
            worst = max(worst, relative(np.array([loaded.sum()]), np.array([loaded2.sum()])))
        print(f"{way}: {len(before[way])} documents, {spans} with other spans; {differ} of {total} probabilities "
              f"and span scores differ, at most {worst:.2e} relative (model_expected included)")  # fmt: skip
        good &= spans == 0 and worst <= TOLERANCE
    return good


def main() -> None:
    """Save the outputs, or compare them with saved ones."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.mode == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        (args.folder / "outputs.pickle").write_bytes(pickle.dumps(outputs()))
        count(args.folder / "count")
        return
    good = compare(pickle.loads((args.folder / "outputs.pickle").read_bytes()), outputs())
    count(args.folder / "count-after")
    for table in sorted((args.folder / "count").iterdir()):
        same = table.read_bytes() == (args.folder / "count-after" / table.name).read_bytes()
        print(f"framing count {table.name}: {'byte-identical' if same else 'DIFFERENT'}")
        good &= same
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()

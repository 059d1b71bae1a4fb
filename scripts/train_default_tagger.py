"""Train the default tagger shipped in ``src/analysis/learn/resources/``.

Trains on the bundled ArMPro dev extract (``data/annotated/armpro_dev_loaded_language.jsonl``,
CC BY-NC-SA 4.0) with seed 0, runs the grouped cross-validation of the design for
the model card, and writes ``default_tagger.skops`` and ``default_tagger.card.json``.  The
date in the card is a parameter, so the same command gives byte-identical files.  The model's
dictionary features come from its frozen copies of the lexicons and the ignore list
(``default_tagger_actors.csv``, ``default_tagger_loaded_terms.csv``, ``default_tagger_ignore.csv``
beside it); ``--refresh-lexicons`` first copies the current ``data/lexicons/`` over them::

    .venv/bin/python scripts/train_default_tagger.py --date 2026-12-01

The shipped design is ``mixed_crf_proxies`` (:data:`analysis.learn.training.SHIPPED_DESIGN`);
``--design mixed`` trains the earlier one without the CRF and the word proxies.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import time
from pathlib import Path

from analysis.learn.mixed import MIXED_DESIGNS
from analysis.learn.model import (
    DEFAULT_MODEL_IGNORE,
    DEFAULT_MODEL_LEXICONS,
    DEFAULT_MODEL_PATH,
    default_tagger_counter,
)
from analysis.learn.training import SHIPPED_DESIGN, train_tagger
from analysis.learn.validation import INPUT_DESIGNS
from analysis.output import atomic_file
from analysis.paths import data_path


def main() -> None:
    """Train, save, print sizes and hashes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--date", required=True, help="written into the model card (YYYY-MM-DD)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation for the card")
    parser.add_argument("--design", default=SHIPPED_DESIGN, choices=(*MIXED_DESIGNS, *INPUT_DESIGNS),
                        help="the shipped design by default (mixed_crf_proxies); mixed (logistic + window network), "
                        "mixed_crf (+ a linear-chain CRF), or one over another word-row look-up (mixed-proxies ...)")  # fmt: skip
    parser.add_argument(
        "--refresh-lexicons", action="store_true",
        help="first copy data/lexicons/actors.csv, loaded_terms.csv and ignore.csv over the model's frozen copies",
    )  # fmt: skip
    args = parser.parse_args()
    began = time.perf_counter()
    if args.refresh_lexicons:
        frozen_copies = (*DEFAULT_MODEL_LEXICONS, DEFAULT_MODEL_IGNORE)
        for frozen, name in zip(frozen_copies, ("actors.csv", "loaded_terms.csv", "ignore.csv"), strict=True):
            with atomic_file(frozen) as staged:
                staged.write_bytes(data_path("lexicons", name).read_bytes())
    tagger = train_tagger(data_path("annotated", "armpro_dev_loaded_language.jsonl"), seed=args.seed,
                          date=args.date, cross_validate=not args.no_cv, counter=default_tagger_counter(),
                          design=args.design)  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    path = tagger.save(args.out)
    seconds = time.perf_counter() - began
    for written in (path, path.with_suffix(".card.json")):
        digest = hashlib.sha256(written.read_bytes()).hexdigest()
        print(f"{written.name}: {written.stat().st_size} bytes, sha256 {digest}")
    print(f"trained in {seconds:.1f} s (peak memory {peak / 2**20:.0f} MiB); {tagger!r}")


if __name__ == "__main__":
    main()

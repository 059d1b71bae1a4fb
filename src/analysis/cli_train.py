"""The ``framing train`` command: a loaded-language tagger from span annotations and coding sheets.

``framing train ANNOTATIONS.jsonl [--coding-sheet FILLED.xlsx ...] --out MODEL``
reads span-annotated paragraphs (the format of ``data/annotated/``) and filled
coding sheets of this project (:mod:`analysis.learn.inputs`), trains the default
design of :mod:`analysis.learn.training` (or ``--design``) and writes ``MODEL`` (skops, loadable
only through the safe format) with its card ``MODEL`` without ``.skops`` plus
``.card.json``.  The same inputs, ``--seed`` and ``--date`` give byte-identical
files.  Bad input stops the command with a message naming the file and row
(exit status 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import FramingInputError

#: The card's licence when the annotations are the bundled ArMPro extract.
ARMPRO_LICENCE = (
    "CC BY-NC-SA 4.0 (ArMPro, Hasanain, Ahmad & Alam 2024): non-commercial research use only; "
    "this model is a derivative shared under the same licence"
)
NO_LICENCE = "not stated: give the training data's licence with framing train --licence"

#: The designs ``framing train --design`` offers (:func:`analysis.learn.training.train_tagger`).
TRAINABLE_DESIGNS = ("mixed", "mixed_crf", "mixed-stems", "mixed-proxies", "mixed_crf_proxies")


def add_train_command(commands: argparse._SubParsersAction) -> None:
    """Register ``framing train`` on the ``framing`` parser's subcommands.

    Parameters
    ----------
    commands : argparse._SubParsersAction
        From ``parser.add_subparsers()``.
    """
    train = commands.add_parser(
        "train",
        help="train a loaded-language tagger from span annotations and coding sheets",
        description="Train a learned loaded-language tagger (analysis.learn) from span-annotated JSON Lines "
        "(id, text, spans of {technique, start, end, text}) and filled coding sheets; write MODEL (.skops) "
        "and its card (.card.json). Use it with framing count --model MODEL.",
    )
    train.set_defaults(handler=run_train)
    train.add_argument("annotations", metavar="ANNOTATIONS.jsonl", help="span-annotated paragraphs (JSON Lines)")
    train.add_argument(
        "--coding-sheet", metavar="FILLED", action="append", default=[],
        help="a filled coding sheet (.xlsx or .csv) of term hits or of model hits (active_sample): 'correct' is "
        "a span (Loaded Language for a term; the model's technique for a model hit), 'incorrect' none (majority "
        "of the coders); repeatable",
    )  # fmt: skip
    train.add_argument("--out", metavar="MODEL", required=True, help="the model file to write (.skops)")
    train.add_argument("--seed", type=int, default=0, help="random state (default: %(default)s)")
    train.add_argument("--date", default="", help="the date written into the card (default: none; never the clock)")
    train.add_argument("--licence", default=None, help="the training data's licence, for the card")
    train.add_argument(
        "--cross-validate", type=int, default=0, metavar="K",
        help="also run grouped K-fold cross-validation (by article) and write its scores into the card (slow)",
    )  # fmt: skip
    train.add_argument(
        "--design", choices=TRAINABLE_DESIGNS, default=None,
        help="default: the shipped design (analysis.learn.training.SHIPPED_DESIGN, mixed_crf_proxies): logistic "
        "model, window networks and a CRF mixed, over the proxies look-up for words without a vector; mixed: "
        "without the CRF and the proxies (about 1.3x faster tagging, token F1 0.331 against 0.354 on the bundled "
        "data); mixed_crf, mixed-stems, mixed-proxies: the variants in between (docs/learned_detector.md)",
    )  # fmt: skip
    train.add_argument(
        "--overlaps", choices=("error", "merge"), default="error",
        help="overlapping spans of a paragraph: an error (default), or kept (ArMPro's spans nest)",
    )  # fmt: skip


def run_train(args: argparse.Namespace) -> int:
    """Run ``framing train``; return the exit status."""
    from .learn.inputs import training_inputs
    from .learn.model import DEFAULT_MODEL_PATH
    from .learn.training import SHIPPED_DESIGN, train_tagger
    from .lexicon import load_terms

    design = args.design or SHIPPED_DESIGN
    out = Path(args.out)
    if out.suffix != ".skops":
        raise FramingInputError(out, "must end in .skops (the card is written beside it as .card.json).")
    if args.cross_validate == 1 or args.cross_validate < 0:
        raise FramingInputError(out, f"--cross-validate needs 2 or more folds, not {args.cross_validate}.")
    inputs = training_inputs(args.annotations, args.coding_sheet, load_terms(), overlaps=args.overlaps)
    for note in inputs.notes:
        print(f"framing: note: {note}", file=sys.stderr)
    tagger = train_tagger(
        inputs.records, seed=args.seed, date=args.date, cross_validate=args.cross_validate > 1,
        n_splits=max(args.cross_validate, 2), design=design,
    )  # fmt: skip
    bundled = _bundled_sha256(DEFAULT_MODEL_PATH)
    licence = args.licence or _default_licence(inputs.files, bundled)
    records_sha256 = tagger.card["training_data"]["sha256"]  # of the records, as the card of a frame has it
    training_data = dict(tagger.card["training_data"], source=inputs.files[0]["file"], licence=licence,
                         sha256=inputs.files[0]["sha256"], records_sha256=records_sha256)  # fmt: skip
    tagger.card.update(training_data=training_data, inputs=inputs.files)
    tagger.save(out)
    card = tagger.card
    print(f"trained design {design} on {card['training_data']['paragraphs']} paragraph(s), "
          f"{card['training_data']['spans']} span(s); threshold {card['hyperparameters']['threshold']}, {card['n_features']} features")  # fmt: skip
    if card.get("grouped_cv"):
        print(f"grouped cross-validation: {_scores_line(card['grouped_cv'])}")
    print(f"wrote {out}\nwrote {out.with_suffix('.card.json')}")
    return 0


def _default_licence(files: list[dict], bundled: str) -> str:
    """The card's licence without ``--licence``: ArMPro's for the bundled annotations, else not stated.

    Coded hits of a coding sheet are learned in their context, a sentence or so of the
    study's own corpus (third-party news, as a rule): the licence says so rather than
    presenting the model as derived from ArMPro alone.
    """
    licence = ARMPRO_LICENCE if files[0]["sha256"] == bundled else NO_LICENCE
    coded = sum(item["records"] for item in files[1:] if item.get("role") == "coding sheet")
    if coded and files[0]["sha256"] == bundled:
        licence += (f"; also learned from the context of {coded} coded hit(s) of coding sheets, text whose licence "
                    "is not stated: give both with framing train --licence")  # fmt: skip
    return licence


def _bundled_sha256(model_path: Path) -> str:
    """SHA-256 of the bundled ArMPro extract, as the default model's card records it."""
    import json

    card = json.loads(model_path.with_suffix(".card.json").read_text(encoding="utf-8"))
    return str(card["training_data"]["sha256"])


def _scores_line(scores: dict) -> str:
    """The headline cross-validated scores (the model's token and span F1 with intervals), as one line."""
    model = scores.get("systems", {}).get("model", {})
    parts = [f"{name} {model[name]['value']} [{model[name]['ci95'][0]}, {model[name]['ci95'][1]}]"
             for name in ("token_f1", "span_f1") if name in model]  # fmt: skip
    return ", ".join(parts) + " (details in the card)" if parts else "see the card"

"""The learned detector's numbers quoted in README.md, docs/learned_detector.md and the model README are validation.json's.

``scripts/validate_tagger.py`` writes ``validation.json`` (and ``VALIDATION.md``); the shipped model's
card holds the same grouped cross-validation. The READMEs quote them by hand, so when the model is
retrained or revalidated these tests name every quoted number that no longer matches. Nothing here
is hard-coded: the expected strings are formatted from the JSON.
"""

import json
from pathlib import Path

import pytest

from analysis.learn.model import DEFAULT_MODEL_PATH

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = DEFAULT_MODEL_PATH.parent
REPORT = json.loads((RESOURCES / "validation.json").read_text(encoding="utf-8"))
SHIPPED = list(REPORT["designs"])[0]  # validate_tagger.py lists the shipped design first


def flat(text: str) -> str:
    """The text with line breaks as spaces, so that a number split over two lines is found."""
    return " ".join(text.split())


README = flat((ROOT / "README.md").read_text(encoding="utf-8"))
#: The README's summary sends readers here for the designs compared and every number.
DETAILS = flat((ROOT / "docs" / "learned_detector.md").read_text(encoding="utf-8"))
MODEL_README = flat((RESOURCES / "README.md").read_text(encoding="utf-8"))


def interval(value: dict, digits: int = 3) -> str:
    """``0.354 [0.327, 0.381]`` from a ``{"value", "ci95"}`` entry of validation.json."""
    low, high = value["ci95"]
    return f"{value['value']:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def test_the_card_holds_the_validation_reports_cross_validation() -> None:
    card = json.loads(DEFAULT_MODEL_PATH.with_suffix(".card.json").read_text(encoding="utf-8"))
    assert card["grouped_cv"]["design"] == SHIPPED
    for part in ("systems", "calibration", "outlets"):
        assert card["grouped_cv"][part] == REPORT["designs"][SHIPPED][part], part


@pytest.mark.parametrize("system", ["model", "dictionary", "union"])
@pytest.mark.parametrize("where", ["README", "DETAILS"])
def test_readme_table_rows(system: str, where: str) -> None:
    scores = REPORT["designs"][SHIPPED]["systems"][system]
    row = " | ".join(interval(scores[f"token_{m}"]) for m in ("precision", "recall", "f1"))
    text = {"README": README, "DETAILS": DETAILS}[where]
    assert row + " | " + interval(scores["span_f1"]) in text.replace("**", "")  # the shipped F1 is bold


def test_readme_sends_readers_to_the_details() -> None:
    assert "[docs/learned_detector.md](docs/learned_detector.md)" in README


def test_shipped_headline_in_both_readmes() -> None:
    design = REPORT["designs"][SHIPPED]
    f1 = interval(design["systems"]["model"]["token_f1"])
    assert f"**{f1}**" in README
    assert f"**{f1}**" in DETAILS
    assert f"token F1 **{design['systems']['model']['token_f1']['value']:.3f}**" in MODEL_README
    assert interval(design["systems"]["dictionary"]["token_f1"]) in MODEL_README
    outlets = design["outlets"]
    low, high = outlets["ci95"]
    spearman = f"{outlets['spearman']:.2f} [{low:.2f}, {high:.2f}]"
    assert f"Spearman {spearman}" in README
    assert f"Spearman {spearman}" in DETAILS
    assert f"Spearman correlation of annotated and expected loaded share {spearman}" in MODEL_README
    assert f"calibration error {design['calibration']['ece']:.3f}" in README


def test_earlier_designs_quoted_in_the_details() -> None:
    for name in ("mixed", "logistic"):
        assert interval(REPORT["designs"][name]["systems"]["model"]["token_f1"]) in DETAILS, name
    mixed = REPORT["designs"]["mixed"]["calibration"]
    logistic = REPORT["designs"]["logistic"]["calibration"]
    assert (
        f"calibration error {mixed['ece']:.3f}, {mixed['expected_positives']:,.0f} expected against "
        f"{mixed['annotated_positives']:,} annotated loaded words; logistic alone "
        f"{logistic['ece']:.3f} and {logistic['expected_positives']:,.0f}"
    ) in DETAILS


def test_paired_difference_against_the_design_shipped_before() -> None:
    pair = REPORT["paired_differences"][f"mixed - {SHIPPED}"]["token_f1"]
    low, high = pair["ci95"]
    # quoted as shipped minus mixed: the signs flip and the interval's ends swap
    quoted = f"+{-pair['value']:.3f} [+{-high:.3f}, +{-low:.3f}]"
    assert quoted in DETAILS
    assert quoted in MODEL_README

"""Documents a model was trained on are found, so that in-sample scores are not mistaken for accuracy."""

import shutil

import pandas as pd
import pytest

from analysis.evaluate import read_annotations
from analysis.learn import load_default_tagger
from analysis.learn.overlap import trained_on, training_file


@pytest.fixture(scope="module")
def card() -> dict:
    return load_default_tagger().card


@pytest.fixture(scope="module")
def paragraphs(card) -> pd.Series:
    documents, _spans = read_annotations(training_file(card))
    return documents["text"]


def test_the_default_model_was_trained_on_the_bundled_annotations(card):
    path = training_file(card)
    assert path is not None and path.name == "armpro_dev_loaded_language.jsonl"


def test_training_paragraphs_are_found_whole_or_inside_an_article(card, paragraphs):
    first, second = paragraphs.iloc[0], paragraphs.iloc[1]
    # a spreadsheet export: CRLF line ends and doubled spaces, inside an article of other paragraphs
    article = (
        "عنوان المقال\r\n" + "  ".join(second.split(" ")) + "\r\nفقرة أخرى لم يرها النموذج عند التدريب أبدا في أي مكان."
    )
    documents = pd.DataFrame({
        "doc_id": ["whole", "inside", "new", "short"],
        "text": [first, article, "فقرة جديدة تماما لم يتدرب عليها النموذج ولا تشبه أي فقرة.", first[:20]],
    })  # fmt: skip
    assert trained_on(documents, card).tolist() == [True, True, False, False]


def test_every_bundled_paragraph_is_in_sample(card, paragraphs):
    documents = pd.DataFrame({"doc_id": range(len(paragraphs)), "text": paragraphs.values})
    assert int(trained_on(documents, card).sum()) == 672


def test_an_unknown_or_changed_training_file_gives_none(card, tmp_path):
    documents = pd.DataFrame({"doc_id": ["a"], "text": ["نص"]})
    assert trained_on(documents, {"training_data": {}}) is None
    changed = tmp_path / "armpro_dev_loaded_language.jsonl"
    shutil.copy(training_file(card), changed)
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert training_file(card, changed) is None and trained_on(documents, card, changed) is None
    assert trained_on(documents, card, tmp_path / "missing.jsonl") is None

"""Articles of several paragraphs (an article column such as ``page_id``): one row per record, counted by article."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import compare
from analysis.cli import main
from analysis.corpus import Columns, read_corpus
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.measures import article_ids, articles_per_group, group_table
from analysis.pipeline import FramingCounter
from analysis.show import articles_read

ACTORS_CSV = "actor,alias,type\nKhalifa Haftar,حفتر,person\n"
TERMS_CSV = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"
# Outlet x: article A = p1 (2 words, 1 militia) + p2 (3 words, none); article B = p3 (3 words, 2 militia).
# Outlet y: article C = p4 (2 words, 1 militia) + p5 (2 words, none).
ROWS = [
    ("p1", "x", "A", "مليشيات حفتر"),
    ("p2", "x", "A", "قال الوزير اليوم"),
    ("p3", "x", "B", "مليشيات مليشيات طرابلس"),
    ("p4", "y", "C", "المليشيات هاجمت"),
    ("p5", "y", "C", "لا جديد"),
]


@pytest.fixture
def paragraphs(tmp_path):
    path = tmp_path / "paragraphs.csv"
    pd.DataFrame(ROWS, columns=["id", "outlet", "page_id", "text"]).to_csv(path, index=False)
    (tmp_path / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    (tmp_path / "terms.csv").write_text(TERMS_CSV, encoding="utf-8")
    return path


def counted(path, columns: Columns):
    folder = path.parent
    counter = FramingCounter(load_lexicon(folder / "actors.csv", ACTORS), load_lexicon(folder / "terms.csv", TERMS))
    return counter.count(read_corpus([path], columns=columns).documents)


def test_the_article_column_is_read_and_defaults_to_the_doc_id(paragraphs):
    with_articles = read_corpus([paragraphs], columns=Columns(article="page_id")).documents
    assert with_articles["article"].tolist() == ["A", "A", "B", "C", "C"]
    without = read_corpus([paragraphs]).documents
    assert without["article"].tolist() == ["p1", "p2", "p3", "p4", "p5"]
    frame = pd.DataFrame({"doc_id": ["p1", "p2"], "article": ["A", pd.NA]})
    assert article_ids(frame).tolist() == ["A", "p2"]


def test_bootstrap_resamples_articles_not_paragraphs(paragraphs):
    result = counted(paragraphs, Columns(article="page_id"))
    assert result.documents["n_words"].tolist() == [2, 3, 3, 2, 2]
    rates = compare.group_rates(result.hits, result.documents, n_boot=4000, seed=1)
    x = rates[rates["group"] == "x"].iloc[0]
    # x: A has 1 hit in 5 words, B 2 in 3; 3 hits in 8 words.  Resampling the two articles gives
    # AA 2/10, AB or BA 3/8, BB 4/6 (per 1,000: 200, 375, 666.7), each end with probability 1/4,
    # so the 95 % interval is exactly [200, 666.7].
    assert (x["n_docs"], x["n_articles"], x["n"], x["n_words"]) == (3, 2, 3, 8)
    assert x["per_1000"] == pytest.approx(375.0)
    assert (x["ci_low"], x["ci_high"]) == pytest.approx((200.0, 4000 / 6))
    assert rates.attrs["group"] == "outlet"
    # Paragraphs resampled one by one: three times p2 (no hit; probability 1/27 > 2.5 %) gives 0,
    # three times p3 (6 hits in 9 words) 666.7.
    alone = compare.group_rates(result.hits, result.documents.drop(columns="article"), n_boot=4000, seed=1)
    x_alone = alone[alone["group"] == "x"].iloc[0]
    assert (x_alone["n_articles"], x_alone["ci_low"], x_alone["ci_high"]) == (3, 0.0, pytest.approx(6000 / 9))


def test_command_counts_articles(paragraphs, capsys):
    out = paragraphs.parent / "out"
    lexicons = ["--actors", paragraphs.parent / "actors.csv", "--terms", paragraphs.parent / "terms.csv"]
    args = ["count", paragraphs, *lexicons, "--article-column", "page_id", "--group-by", "outlet", "--out", out]
    assert main([*map(str, args), "--no-progress", "--workers", "1"]) == 0
    assert "5 document(s), 3 article(s), 12 words" in capsys.readouterr().out
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert documents["article"].tolist() == ["A", "A", "B", "C", "C"]  # one row per record, with its article
    groups = pd.read_csv(out / "group_categories.csv", keep_default_na=False)
    assert list(zip(groups.outlet, groups.n, groups.n_docs, groups.n_articles, groups.n_words)) == [
        ("x", 3, 3, 2, 8),
        ("y", 1, 2, 1, 4),
    ]
    api = group_table(counted(paragraphs, Columns(article="page_id")).hits, documents, by=["outlet"], level="category")
    assert api["n_articles"].tolist() == [2, 1]


def test_outlets_are_ranked_by_articles_not_paragraphs(paragraphs):
    # Outlet x: 3 paragraphs of 2 articles; y: 2 paragraphs of 1 article; z: 1 paragraph, 1 article (its own id).
    extra = pd.DataFrame([("p6", "z", "", "كلام")], columns=["id", "outlet", "page_id", "text"])
    frame = pd.concat([pd.read_csv(paragraphs, dtype=str, keep_default_na=False), extra], ignore_index=True)
    frame.to_csv(paragraphs, index=False)
    documents = read_corpus([paragraphs], columns=Columns(article="page_id")).documents
    assert documents["outlet"].value_counts().to_dict() == {"x": 3, "y": 2, "z": 1}
    assert articles_per_group(documents).to_dict() == {"x": 2, "y": 1, "z": 1}
    # Without an article column every document is its own article (notebook 04 then says "articles" as before)
    assert articles_per_group(documents.drop(columns="article")).to_dict() == {"x": 3, "y": 2, "z": 1}
    # What the notebooks print: rows and articles apart when they differ
    assert articles_read(documents) == "6 documents (4 articles)"
    assert articles_read(documents.drop(columns="article")) == "6 articles"
    assert articles_read(documents.head(1)) == "1 article"


def test_a_wrong_article_column_fails(paragraphs, capsys):
    args = ["count", str(paragraphs), "--article-column", "page", "--out", str(paragraphs.parent / "out")]
    assert main([*args, "--no-progress"]) == 2
    assert "name the article column with --article-column" in capsys.readouterr().err


def test_outlet_classifier_folds_keep_an_article_together():
    documents = pd.DataFrame({"doc_id": [f"p{i}" for i in range(12)], "article": [f"a{i // 2}" for i in range(12)]})
    labels = np.array(["x"] * 6 + ["y"] * 6)
    for train, test in compare._folds(documents, labels, 3, seed=0):
        assert not set(documents["article"].iloc[train]) & set(documents["article"].iloc[test])
        assert len(test) == 4


def test_metadata_csv_gives_the_article_of_txt_files(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "p1.txt").write_text("الفقرة الأولى", encoding="utf-8")
    (folder / "p2.txt").write_text("الفقرة الثانية", encoding="utf-8")
    (folder / "p3.txt").write_text("مقال آخر", encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,outlet,article\np1,x,A\np2,x,A\np3,x,\n", encoding="utf-8")
    assert read_corpus([folder]).documents["article"].tolist() == ["A", "A", "p3"]

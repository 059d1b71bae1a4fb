"""The corpus framing matrix by group, per-article scores and zero cells, checked by hand and against each other."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.batch import count_corpus
from analysis.cells import lexicon_cells
from analysis.cli import main
from analysis.compare import group_rates
from analysis.corpus import read_corpus
from analysis.corpus_matrix import group_matrix, matrix_pairs
from analysis.lexicon import ACTORS, TERMS, load_lexicon
from analysis.measures import group_table
from analysis.metrics import framing_matrix
from analysis.paths import data_path
from analysis.pipeline import FramingCounter
from analysis.scores import ScoreSheet, article_scores, ols, slug

ACTORS_CSV = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\nTunisia,تونس,state\n"
TERMS_CSV = "term,category,gloss\nمليشي*,delegitimizing_label,militia\nشرعي*,legitimizing_label,legitimate\n"
# x: d1 has 1 militia next to Haftar (sentence 1) and Haftar alone (sentence 2); d2 Haftar and Egypt, no term.
# y: d3 has two militia terms in one sentence with Egypt and Haftar.
TEXTS = {
    "d1": ("x", "مليشيات حفتر. حفتر قال."),
    "d2": ("x", "قال حفتر ومصر"),
    "d3": ("y", "مليشيات مصر ومليشيات حفتر"),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    (folder / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    (folder / "terms.csv").write_text(TERMS_CSV, encoding="utf-8")
    rows = "".join(f"{doc_id},{outlet},{text}\n" for doc_id, (outlet, text) in TEXTS.items())
    (folder / "news.csv").write_text("id,outlet,text\n" + rows, encoding="utf-8")
    counter = FramingCounter(load_lexicon(folder / "actors.csv", ACTORS), load_lexicon(folder / "terms.csv", TERMS))
    result = counter.count(read_corpus([folder / "news.csv"]).documents)
    return folder, counter, result


def cell(matrix: pd.DataFrame, group: str, actor: str, category: str = "delegitimizing_label") -> pd.Series:
    return matrix[(matrix.group == group) & (matrix.actor == actor) & (matrix.category == category)].iloc[0]


def test_group_matrix_by_hand(small):
    _, _, result = small
    matrix = group_matrix(result.hits, result.documents, n_boot=4000, seed=2)
    # Every group × actor × category, zeros included: 2 groups × 2 mentioned actors × 1 category.
    assert len(matrix) == 4 and list(matrix.actor.unique()) == ["Khalifa Haftar", "Egypt"]
    x_haftar = cell(matrix, "x", "Khalifa Haftar")
    assert (x_haftar.n, x_haftar.mentions, x_haftar.n_docs, x_haftar.n_articles) == (1, 3, 2, 2)
    assert x_haftar.per_100 == pytest.approx(100 / 3)
    # Resamples of {d1 (1 pair, 2 mentions), d2 (0, 1)}: d1 twice 50 (p 1/4), once each 33.3, d2 twice 0 (p 1/4).
    assert (x_haftar.ci_low, x_haftar.ci_high) == pytest.approx((0.0, 50.0))
    x_egypt = cell(matrix, "x", "Egypt")
    assert (x_egypt.n, x_egypt.mentions, x_egypt.per_100) == (0, 1, 0.0)
    y_haftar, y_egypt = cell(matrix, "y", "Khalifa Haftar"), cell(matrix, "y", "Egypt")
    assert (y_haftar.n, y_haftar.mentions, y_haftar.per_100, y_haftar.ci_low, y_haftar.ci_high) == (2, 1, 200, 200, 200)
    assert (y_egypt.n, y_egypt.per_100) == (2, 200.0)
    # Within 0 tokens the first militia of d3 is not near Haftar (مصر ومليشيات stand between).
    narrow = group_matrix(result.hits, result.documents, window=0, n_boot=10)
    assert (cell(narrow, "y", "Khalifa Haftar").n, cell(narrow, "y", "Egypt").n) == (1, 2)
    assert narrow.attrs["window"] == 0


def test_an_actor_not_mentioned_in_a_group_has_no_rate(small):
    _, _, result = small
    matrix = group_matrix(result.hits, result.documents, actors=["Tunisia"], categories=["legitimizing_label"])
    assert len(matrix) == 2 and (matrix.n == 0).all() and (matrix.mentions == 0).all()
    assert matrix.per_100.isna().all() and matrix.ci_low.isna().all()


def test_the_pairs_behind_each_cell(small):
    _, _, result = small
    pairs = matrix_pairs(result.hits, result.documents)
    assert list(zip(pairs.group, pairs.doc_id, pairs.actor, pairs.term_surface)) == [
        ("x", "d1", "Khalifa Haftar", "مليشيات"),
        ("y", "d3", "Egypt", "مليشيات"),
        ("y", "d3", "Khalifa Haftar", "مليشيات"),
        ("y", "d3", "Egypt", "ومليشيات"),
        ("y", "d3", "Khalifa Haftar", "ومليشيات"),
    ]
    text = TEXTS["d3"][1]
    assert [text[s:e] for s, e in zip(pairs.term_start[1:], pairs.term_end[1:])] == list(pairs.term_surface[1:])


def test_article_scores_by_hand(small):
    _, counter, result = small
    categories = ["delegitimizing_label", "legitimizing_label"]
    scores = article_scores(result.hits, result.documents, categories=categories, actors=["Khalifa Haftar"])
    assert list(scores.doc_id) == ["d1", "d2", "d3"] and list(scores.n_words) == [4, 3, 4]
    assert list(scores.n_delegitimizing_label) == [1, 0, 2]
    assert list(scores.n_legitimizing_label) == [0, 0, 0]  # a category without a hit: zeros, not a missing column
    assert list(scores.per_1000_delegitimizing_label) == [250.0, 0.0, 500.0]
    assert list(scores.mentions_Khalifa_Haftar) == [2, 1, 1]
    assert list(scores.n_Khalifa_Haftar__delegitimizing_label) == [1, 0, 2]
    assert list(scores.per_1000_Khalifa_Haftar__delegitimizing_label) == [250.0, 0.0, 500.0]
    assert list(scores.columns[-9:]) == [
        "n_delegitimizing_label", "per_1000_delegitimizing_label", "n_legitimizing_label",
        "per_1000_legitimizing_label", "mentions_Khalifa_Haftar", "n_Khalifa_Haftar__delegitimizing_label",
        "per_1000_Khalifa_Haftar__delegitimizing_label", "n_Khalifa_Haftar__legitimizing_label",
        "per_1000_Khalifa_Haftar__legitimizing_label",
    ]  # fmt: skip
    assert str(scores.dtypes["n_delegitimizing_label"]) == "int64" and "outlet" in scores


def test_article_scores_refuses_lexicon_cells_and_names_what_to_pass(small):
    # The docstring once recommended lexicon_cells here; they crashed deep inside with "'tuple' object has no
    # attribute 'strip'". The lexicon's category names, as the message says, give every category its zeros.
    _, counter, result = small
    with pytest.raises(TypeError, match=r"got \('term', 'delegitimizing_label', 'مليشي\*'\) \(a tuple\)"):
        article_scores(result.hits, result.documents, categories=lexicon_cells(counter.terms))
    by_default = article_scores(result.hits, result.documents)
    assert "n_legitimizing_label" not in by_default  # no hit: no column unless the lexicon's categories are given
    named = article_scores(result.hits, result.documents, categories=counter.terms.table["category"].unique())
    assert list(named.n_legitimizing_label) == [0, 0, 0] and list(named.n_delegitimizing_label) == [1, 0, 2]


def test_score_columns_and_names():
    sheet = ScoreSheet(("a_b",), ("Khalifa Haftar",))
    assert sheet.columns == [
        "n_a_b", "per_1000_a_b", "mentions_Khalifa_Haftar", "n_Khalifa_Haftar__a_b", "per_1000_Khalifa_Haftar__a_b",
    ]  # fmt: skip
    assert slug("حكومة الوفاق (GNA)") == "حكومة_الوفاق_GNA"
    with pytest.raises(ValueError, match="'Khalifa_Haftar', as 'Khalifa Haftar' does"):
        ScoreSheet(("x",), ("Khalifa Haftar", "Khalifa-Haftar"))
    with pytest.raises(ValueError, match="0 tokens or more"):
        ScoreSheet(("x",), window=-1)


def test_command_scores_equal_the_api_and_sum_back_to_counts(small, tmp_path):
    folder, counter, result = small
    args = ["count", folder / "news.csv", "--actors", folder / "actors.csv", "--terms", folder / "terms.csv"]
    args += ["--out", tmp_path / "o", "--group-by", "outlet", "--score-actors", "Khalifa Haftar", "--score-actors"]
    assert main([*map(str, args), "Egypt", "--no-progress", "--workers", "1"]) == 0
    written = pd.read_csv(tmp_path / "o" / "scores.csv", keep_default_na=False)
    counts = pd.read_csv(tmp_path / "o" / "counts.csv", keep_default_na=False)
    documents = pd.read_csv(tmp_path / "o" / "documents.csv", keep_default_na=False)
    # The lexicon's categories, in file order, each with its zeros; the documents' columns first.
    assert list(written.columns[: len(documents.columns)]) == list(documents.columns)
    assert list(written.columns[len(documents.columns) :][:4]) == [
        "n_delegitimizing_label", "per_1000_delegitimizing_label", "n_legitimizing_label", "per_1000_legitimizing_label",
    ]  # fmt: skip
    api = article_scores(
        result.hits, result.documents, categories=["delegitimizing_label", "legitimizing_label"],
        actors=["Khalifa Haftar", "Egypt"],
    )  # fmt: skip
    score_columns = [c for c in written.columns if c not in documents.columns]
    pd.testing.assert_frame_equal(written[score_columns], api[score_columns], check_dtype=False)
    # Summed over the articles, the scores are counts.csv.
    terms = counts[counts.kind == "term"].groupby("category")["n"].sum()
    assert written.n_delegitimizing_label.sum() == terms["delegitimizing_label"] == 3
    assert written.n_legitimizing_label.sum() == 0 and "legitimizing_label" not in terms
    actors = counts[counts.kind == "actor"].groupby("label")["n"].sum()
    assert (written.mentions_Khalifa_Haftar.sum(), written.mentions_Egypt.sum()) == (
        actors["Khalifa Haftar"], actors["Egypt"]) == (4, 2)  # fmt: skip
    manifest = (tmp_path / "o" / "manifest.json").read_text(encoding="utf-8")
    assert '"score_actors": [' in manifest


def test_an_unknown_score_actor_stops_the_command(small, tmp_path, capsys):
    folder, _, _ = small
    args = ["count", folder / "news.csv", "--actors", folder / "actors.csv", "--out", tmp_path / "o"]
    assert main([*map(str, args), "--score-actors", "Haftar", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "--score-actors names ['Haftar'], not actor labels of this lexicon" in err and "'Khalifa Haftar'" in err
    assert not (tmp_path / "o").exists()


def test_zeros_in_every_group_table(small, tmp_path):
    folder, counter, result = small
    count_corpus([folder / "news.csv"], tmp_path / "o", counter=counter, group_by=["outlet"])
    cells = lexicon_cells(counter.actors, counter.terms)
    assert len(cells) == 5  # 3 actors, 2 terms
    groups = pd.read_csv(tmp_path / "o" / "groups.csv", keep_default_na=False)
    categories = pd.read_csv(tmp_path / "o" / "group_categories.csv", keep_default_na=False)
    api_labels = group_table(result.hits, result.documents, by=["outlet"], cells=cells)
    api_categories = group_table(result.hits, result.documents, by=["outlet"], level="category", cells=cells)
    for table, per_group in ((groups, 5), (api_labels, 5), (categories, 2), (api_categories, 2)):
        assert len(table) == 2 * per_group
        assert table.groupby("outlet").size().tolist() == [per_group, per_group]
    tunisia = groups[groups.label == "Tunisia"]
    assert list(zip(tunisia.outlet, tunisia.n, tunisia.per_1000)) == [("x", 0, 0.0), ("y", 0, 0.0)]
    assert list(zip(categories.outlet, categories.category, categories.n)) == [
        ("x", "delegitimizing_label", 1), ("x", "legitimizing_label", 0),
        ("y", "delegitimizing_label", 2), ("y", "legitimizing_label", 0),
    ]  # fmt: skip
    assert api_categories[["outlet", "category", "n", "n_words"]].values.tolist() == (
        categories[["outlet", "category", "n", "n_words"]].values.tolist()
    )
    # Without the lexicon's cells the API still lists every cell seen in some group, in every group.
    seen = group_table(result.hits, result.documents, by=["outlet"])
    assert seen.groupby("outlet").size().tolist() == [3, 3]  # Haftar, Egypt, militia
    rates = group_rates(result.hits, result.documents, n_boot=10)
    assert rates.groupby("group").size().tolist() == [1, 1]


@pytest.fixture(scope="module")
def bundled():
    corpus = read_corpus([data_path("corpus", "saudinewsnet_libya_2015.csv")]).documents
    corpus = corpus[corpus["outlet"].isin(["aawsat", "aljazirah", "alriyadh"])]
    return FramingCounter().count(corpus)


def test_the_outlet_matrix_is_the_per_article_matrices_summed(bundled):
    hits, documents = bundled.hits, bundled.documents
    matrix = group_matrix(hits, documents, n_boot=20)
    per_article = framing_matrix(hits).merge(documents[["doc_id", "outlet"]], on="doc_id")
    summed = per_article.groupby(["outlet", "actor", "category"])["n"].sum()
    nonzero = matrix[matrix.n > 0].set_index(["group", "actor", "category"])["n"]
    assert nonzero.sum() == summed.sum() > 300
    assert nonzero.sort_index().tolist() == summed.sort_index().tolist()
    # And the per-article scores of an actor, summed by outlet, are its row of the matrix.
    categories = sorted(matrix.category.unique())
    scores = article_scores(hits, documents, categories=categories, actors=["Khalifa Haftar"])
    by_outlet = scores.groupby("outlet")[[f"n_Khalifa_Haftar__{c}" for c in categories]].sum()
    haftar = matrix[matrix.actor == "Khalifa Haftar"].pivot(index="group", columns="category", values="n")
    assert by_outlet.to_numpy().tolist() == haftar[categories].to_numpy().tolist()
    mentions = scores.groupby("outlet")["mentions_Khalifa_Haftar"].sum()
    assert mentions.tolist() == matrix[matrix.actor == "Khalifa Haftar"].groupby("group")["mentions"].first().tolist()
    # The rates sum back to counts too: every term hit is in its article's row.
    assert int(scores[[f"n_{c}" for c in categories]].to_numpy().sum()) == int((hits.kind == "term").sum())


def test_ols_recovers_a_line_and_its_robust_errors():
    frame = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.5], "x": [0.0, 1.0, 2.0, 3.0], "g": ["a", "a", "b", "b"]})
    fit = ols(frame, "y", ["x"])
    # Least squares by hand: slope = Sxy / Sxx = 10.75 / 5 = 2.15, intercept = 4.125 - 2.15 * 1.5 = 0.9.
    assert fit.estimate.tolist() == pytest.approx([0.9, 2.15])
    assert fit.attrs["n"] == 4 and list(fit.term) == ["(intercept)", "x"]
    residuals = frame.y - (0.9 + 2.15 * frame.x)
    x = np.column_stack([np.ones(4), frame.x])
    bread = np.linalg.inv(x.T @ x)
    hc1 = bread @ (x.T * residuals.to_numpy() ** 2) @ x @ bread * 4 / 2
    assert fit.std_error.tolist() == pytest.approx(np.sqrt(np.diag(hc1)).tolist())
    assert list(ols(frame, "y", ["g"]).term) == ["(intercept)", "g_b"]
    with pytest.raises(ValueError, match="too few"):
        ols(frame.head(2), "y", ["x", "g"])


def test_scores_are_the_same_for_any_workers_and_chunk_size(small, tmp_path):
    folder, counter, _ = small
    written = []
    for workers, chunk_size in ((1, 128), (2, 1)):
        out = tmp_path / f"o{workers}"
        count_corpus(
            [folder / "news.csv"], out, counter=counter, workers=workers, chunk_size=chunk_size,
            score_actors=["Khalifa Haftar"], score_window=0,
        )  # fmt: skip
        written.append((out / "scores.csv").read_bytes())
    assert written[0] == written[1]
    scores = pd.read_csv(tmp_path / "o1" / "scores.csv")
    # Within 0 tokens only the second militia of d3 stands next to Haftar.
    assert scores.n_Khalifa_Haftar__delegitimizing_label.tolist() == [1, 0, 1]


def test_a_cell_of_a_single_mention_is_marked_in_the_table_and_the_figure(small):
    from analysis.corpus_matrix import MIN_MENTION_ARTICLES
    from analysis.plot_compare import group_matrix_figure

    _, _, result = small
    matrix = group_matrix(result.hits, result.documents, n_boot=500, seed=2)
    # Before: Egypt, mentioned once in group x (d2, no term near), was a bare [0, 0] interval with no note.
    x_egypt = cell(matrix, "x", "Egypt")
    assert (x_egypt.mentions, x_egypt.mention_articles, x_egypt.ci_low, x_egypt.ci_high) == (1, 1, 0.0, 0.0)
    assert MIN_MENTION_ARTICLES == 5 and matrix.attrs["min_mention_articles"] == 5
    assert bool(x_egypt.few_mentions) and cell(matrix, "x", "Khalifa Haftar").mention_articles == 2
    figure = group_matrix_figure(matrix, width="single")
    caption = figure.get_supxlabel().replace("\n", " ")
    assert caption.endswith(
        "hollow dot: the actor is mentioned in fewer than 5 of the group's articles (n\u00a0<\u00a05), too few for "
        "the interval"
    )
    dots = [line for ax in figure.axes for line in ax.get_lines() if line.get_marker() == "o"]
    assert {line.get_markerfacecolor() for line in dots} == {"white"}  # every cell here is below 5 articles

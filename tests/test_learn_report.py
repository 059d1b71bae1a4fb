"""Validation by outlet and of the probabilities (issue 11, item 6), on hand-made annotations."""

import numpy as np
import pandas as pd
import pytest

from analysis import tables
from analysis.learn.report import outlet_rank_agreement, per_outlet_scores, reliability_table
from analysis.learn.spans import read_training_annotations
from analysis.learn.training import prepare
from analysis.learn.validation import calibration
from analysis.measures import drop_ungrouped

WORDS = "قال المسؤول إن الهجوم الوحشي استهدف المدنيين"  # 7 words; الوحشي is words[4]


def _record(doc_id: str, outlet: str, loaded: bool) -> dict:
    start = WORDS.index("الوحشي")
    spans = [{"technique": "Loaded_Language", "start": start, "end": start + 6, "text": "الوحشي"}] if loaded else []
    return {"id": doc_id, "text": WORDS, "spans": spans, "outlet": outlet}


@pytest.fixture(scope="module")
def prepared():
    # outlet a: 2 of 3 paragraphs loaded; b: 1 of 3; c: 3 of 3 (articles: the id up to its last _)
    records = [_record(f"{o}{k}_1", o, k < n) for o, n in (("a", 2), ("b", 1), ("c", 3)) for k in range(3)]
    return prepare(read_training_annotations(pd.DataFrame(records)))


def test_per_outlet_scores(prepared):
    perfect = prepared.inside.copy()
    spans = [[(d.text.index("الوحشي"), d.text.index("الوحشي") + 6)] if prepared.inside[prepared.rows([i])].any()
             else [] for i, d in enumerate(prepared.docs)]  # fmt: skip
    everything = np.ones(len(perfect), dtype=bool)
    table = per_outlet_scores(prepared, {"perfect": (perfect, spans), "all": (everything, [[]] * 9)},
                              min_paragraphs=3, n_boot=50)  # fmt: skip
    f1 = table[table["metric"] == "token_f1"].set_index(["system", "outlet"])["value"]
    assert f1["perfect"].to_dict() == {"a": 1.0, "b": 1.0, "c": 1.0}
    # flagging all 7 words: precision 2/21 in a, recall 1, F1 2·(2/21)/(2/21 + 1) = 4/23
    assert f1[("all", "a")] == pytest.approx(4 / 23, abs=1e-4)
    assert f1[("all", "c")] == pytest.approx(2 * (3 / 21) / (3 / 21 + 1), abs=1e-4)
    assert set(table["articles"]) == {3} and set(table["paragraphs"]) == {3}
    pooled = per_outlet_scores(prepared, {"perfect": (perfect, spans)}, min_paragraphs=4, n_boot=10)
    assert set(pooled["outlet"]) == {"(other)"} and set(pooled["paragraphs"]) == {9}


def test_outlet_rank_agreement(prepared):
    # annotated shares: a 2/21, b 1/21, c 3/21; estimated: a 0.3, b 0.1, c 0.2 -> ranks (2,1,3) vs (3,1,2)
    estimate = {"a": 0.3, "b": 0.1, "c": 0.2}
    outlets = prepared.annotations.documents["outlet"].to_numpy()[prepared.doc_of_token]
    probability = np.array([estimate[o] for o in outlets])
    result = outlet_rank_agreement(prepared, probability, min_paragraphs=3, n_boot=200)
    assert result["n_outlets"] == 3 and result["spearman"] == pytest.approx(0.5)  # 1 - 6·2 / (3·8)
    assert [r["annotated_share"] for r in result["outlets"]] == [round(2 / 21, 4), round(1 / 21, 4), round(3 / 21, 4)]
    assert [r["expected_share"] for r in result["outlets"]] == [0.3, 0.1, 0.2]
    assert -1 <= result["ci95"][0] <= 0.5 <= result["ci95"][1] <= 1
    assert outlet_rank_agreement(prepared, probability, min_paragraphs=4)["n_outlets"] == 0


def test_reliability_table():
    p = np.array([0.05, 0.05, 0.15, 0.95])
    truth = np.array([False, True, False, True])
    table = reliability_table({"m": calibration(p, truth)})
    assert table[["low", "n", "mean_probability", "observed_rate"]].values.tolist() == [
        [0.0, 2, 0.05, 0.5], [0.1, 1, 0.15, 0.0], [0.9, 1, 0.95, 1.0]]  # fmt: skip


def test_model_rates():
    from analysis.learn.report import model_rates

    documents = pd.DataFrame({"doc_id": ["1", "2", "3"], "article": ["x", "x", "y"], "outlet": ["A", "A", "B"],
                              "model_expected": [1.0, 3.0, 0.5], "n_words": [100, 100, 50]})  # fmt: skip
    with pytest.warns(UserWarning, match=r"2 outlet\(s\) with a single article \(\['A', 'B'\]\).*the rate alone"):
        table = model_rates(documents, n_boot=100)
    assert table["per_1000"].tolist() == [20.0, 10.0]  # 1000 · 4 / 200, 1000 · 0.5 / 50
    assert table["n_articles"].tolist() == [1, 1]  # two paragraphs of one article are one article
    # one article per outlet: every resample is the same article
    assert table["ci_low"].tolist() == [20.0, 10.0] and table["ci_high"].tolist() == [20.0, 10.0]


def test_the_shipped_per_outlet_table_is_the_validation_reports():
    # validation_by_outlet.csv once held an older search's scores while validation.json and the
    # README had the shipped design's; validate_tagger.py now writes both from one report.
    import json

    from analysis.learn.model import DEFAULT_MODEL_PATH
    from analysis.learn.report import designs_by_outlet

    resources = DEFAULT_MODEL_PATH.parent
    report = json.loads((resources / "validation.json").read_text(encoding="utf-8"))
    shipped = pd.read_csv(resources / "validation_by_outlet.csv")
    pd.testing.assert_frame_equal(shipped, designs_by_outlet(report), check_dtype=False)
    f1 = shipped.set_index(["design", "outlet", "system", "metric"])["value"]
    assert list(report["designs"])[0] == "mixed_crf_proxies" and f1[("mixed", "bbc.com", "model", "token_f1")] == 0.3425
    assert f1[("mixed_crf_proxies", "bbc.com", "model", "token_f1")] == 0.3559


def test_model_rates_count_the_in_sample_documents_of_each_outlet():
    # Notebook 06's model-shares table gave no sign of the documents the model was trained on: their
    # shares are in-sample. n_in_sample counts them per outlet; without the check it is empty, not 0.
    from analysis.learn.report import model_rates

    documents = pd.DataFrame({"doc_id": ["1", "2", "3", "4"], "outlet": ["A", "A", "B", "B"],
                              "model_expected": [1.0, 3.0, 0.5, 0.5], "n_words": [100, 100, 50, 50]})  # fmt: skip
    table = model_rates(documents, n_boot=10, in_sample={"2", "9"})
    assert table[["group", "n_in_sample"]].values.tolist() == [["A", 1], ["B", 0]]
    assert list(table.columns) == list(tables.MODEL_SHARES.names) and table["n_in_sample"].dtype == "Int64"
    assert model_rates(documents, n_boot=10)["n_in_sample"].isna().all()


def test_model_rates_refuse_a_document_without_an_outlet_and_say_how_to_leave_it_out():
    # Notebook 06 labelled such documents "(missing)" and compared them as an outlet, where notebooks 04
    # and 07 (and group_rates) leave them out by name with analysis.measures.drop_ungrouped.
    from analysis.learn.report import model_rates

    documents = pd.DataFrame({"doc_id": ["1", "2", "3"], "outlet": ["A", "", None],
                              "model_expected": [1.0, 3.0, 0.5], "n_words": [100, 100, 50]})  # fmt: skip
    with pytest.raises(ValueError, match=r"2 document\(s\) have no 'outlet': \['2', '3'\].*drop_ungrouped"):
        model_rates(documents, n_boot=10)
    with pytest.warns(UserWarning, match=r"2 of 3 document\(s\) have no 'outlet' and are left out: \['2', '3'\]"):
        kept = drop_ungrouped(documents)
    with pytest.warns(UserWarning, match=r"1 outlet\(s\) with a single article \(\['A'\]\)"):
        assert model_rates(kept, n_boot=10)["group"].tolist() == ["A"]

"""Closing the loop (issue 11, item 7): active-learning samples and candidate lexicon terms."""

import numpy as np
import pandas as pd
import pytest

from analysis.learn.loop import active_sample, model_candidates, weighted_precision


def _hits() -> pd.DataFrame:
    # ten model hits with scores 0.05, 0.10, ..., 0.50 and one dictionary hit
    scores = np.round(np.arange(1, 11) * 0.05, 2)
    model = pd.DataFrame({"doc_id": "d", "kind": "model", "start": np.arange(10) * 10,
                          "end": np.arange(10) * 10 + 5, "score": scores})  # fmt: skip
    term = pd.DataFrame({"doc_id": ["d"], "kind": ["term"], "start": [200], "end": [205], "score": [np.nan]})
    return pd.concat([model, term], ignore_index=True)


def test_active_sample_strata():
    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    # nearest to the threshold 0.22: 0.20 (0.02 away) and 0.25 (0.03 away)
    assert list(sample["score"][:2]) == [0.20, 0.25]
    assert list(sample["stratum"]) == ["uncertain"] * 2 + ["random"] * 4
    assert (sample["kind"] == "model").all()  # the dictionary hit is never sampled
    # the random stratum: 4 of the 8 other hits, each with probability 1/2
    assert list(sample["inclusion_probability"]) == [1.0, 1.0, 0.5, 0.5, 0.5, 0.5]
    assert list(sample["weight"]) == [1.0, 1.0, 2.0, 2.0, 2.0, 2.0]
    assert not set(sample["score"][2:]) & {0.20, 0.25}
    assert sample.equals(active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1))  # seeded


def test_active_sample_takes_all_when_few():
    sample = active_sample(_hits(), 0.5, n_uncertain=3, n_random=20)
    assert len(sample) == 10 and list(sample["inclusion_probability"]) == [1.0] * 10


def test_weighted_precision_is_unbiased_by_the_uncertain_stratum():
    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    # the uncertain hits wrong, the random ones right: the 8 other hits are estimated
    # all right, so precision (2·0 + 2·(1+1+1+1)) / (2 + 8) = 0.8, not the plain 4/6
    result = weighted_precision(sample, pd.Series([False, False, True, True, True, True]))
    # not rounded, as term_precision and the other validation tables are not (tables are printed rounded)
    assert result["precision"] == 0.8 and result["unweighted"] == pytest.approx(2 / 3, abs=1e-12)
    assert result["se"] == 0.0 and result["n_coded"] == 6  # no variance among the random codes
    # one random hit wrong: (0 + 2·3) / 10 = 0.6; se = 0.8 · sqrt((1 - 4/8) · 0.25 / 4) = 0.1414
    mixed = weighted_precision(sample, pd.Series([False, False, True, False, True, True]))
    assert mixed["precision"] == pytest.approx(0.6, abs=1e-12) and mixed["se"] == pytest.approx(0.2 / 2**0.5, abs=1e-12)
    # an uncoded (unclear) row is left out
    assert weighted_precision(sample, pd.Series([None, False, True, True, True, True]))["n_coded"] == 5


def test_model_candidates_lists_uncovered_forms():
    from analysis.ingest import documents_from_texts
    from analysis.learn import load_default_tagger

    tagger = load_default_tagger()
    text = "ارتكبت قوات الاحتلال جريمة بشعة بحق المدنيين العزل. "
    documents = documents_from_texts([text * 3, text])
    table = model_candidates(tagger, documents, min_count=4)
    assert "الاحتلال" not in set(table["norm"])  # a lexicon term (احتلال*) covers it
    assert (table["n"] == 4).all() and (table["mean_probability"] >= tagger.threshold).all()
    assert "بشعه" in set(table["norm"]), list(table["norm"])
    line = table.set_index("norm")["kwic"]["بشعه"]
    assert line.count("[بشعة]") == 3  # three keyword-in-context lines
    assert list(table["expected"]) == sorted(table["expected"], reverse=True)


def test_a_saved_active_sample_sheet_gives_weighted_precision_from_its_path_alone(tmp_path):
    """The README's recipe: active_sample -> save_coding_sheet -> fill -> read_coding_sheet -> weighted_precision."""
    import openpyxl

    from analysis.coding import coding_sheet, read_coding_sheet, save_coding_sheet
    from analysis.pipeline import FramingCounter

    text = "ضرب " * 120  # 120 words, so that the hits' contexts are real words
    documents = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    scores = np.round(np.arange(1, 11) * 0.05, 2)
    hits = pd.DataFrame({"doc_id": "d", "kind": "model", "label": "Loaded_Language", "category": "model",
                         "quoted": False, "start": np.arange(10) * 8, "end": np.arange(10) * 8 + 3,
                         "score": scores})  # fmt: skip
    sample = active_sample(hits, 0.22, n_uncertain=2, n_random=4, seed=1)
    sheet = coding_sheet(sample, documents)
    saved = save_coding_sheet(sheet, tmp_path, sample=sample, documents=documents, seed=1, lexicons=FramingCounter())
    book = openpyxl.load_workbook(saved[0].path)
    codes = ["incorrect", "incorrect", "correct", "correct", "incorrect", "correct"]
    for row, code in enumerate(codes, start=2):
        book["coding"].cell(row=row, column=9).value = code  # coder_1, as a coder types it
    filled = saved[0].path.with_name(saved[0].path.stem + "_coder_a.xlsx")
    book.save(filled)
    coded = read_coding_sheet(filled)
    assert list(coded.attrs["sample"]["weight"]) == [1.0, 1.0, 2.0, 2.0, 2.0, 2.0]
    result = weighted_precision(coded.attrs["sample"], coded["coder_1"].map({"correct": True, "incorrect": False}))
    # uncertain both wrong, random 3 of 4 right: (0 + 2·3) / (2 + 8) = 0.6
    assert result["precision"] == 0.6 and result["n_coded"] == 6


def test_a_sheet_of_dictionary_and_model_hits_weighs_only_the_active_sample():
    """One sheet for both (sample_hits + active_sample): precision was nan, with an unweighted share of all rows."""
    from analysis.coding import coding_sheet, term_precision

    hits = _hits()
    sample = active_sample(hits, 0.22, n_uncertain=2, n_random=4, seed=1)
    both = pd.concat([hits[hits["kind"] == "term"], sample], ignore_index=True)  # the dictionary row first
    codes = pd.Series([True, False, False, True, True, True, True])
    with pytest.warns(UserWarning, match=r"1 of 7 row\(s\) were not drawn by active_sample"):
        result = weighted_precision(both, codes)
    assert result == weighted_precision(sample, codes[1:].reset_index(drop=True))
    assert result["precision"] == 0.8 and result["n_coded"] == 6
    with pytest.raises(ValueError, match="no \\['stratum', 'weight'\\] column"):
        weighted_precision(hits, pd.Series([True] * len(hits)))
    with pytest.raises(ValueError, match="7 row\\(s\\) but 6 code\\(s\\)"):
        weighted_precision(both, codes[:6])
    # term_precision leaves the active sample's rows out (their plain share is biased), keeping the term's
    documents = pd.DataFrame({"doc_id": ["d"], "text": ["ضرب " * 60]})
    labelled = both.assign(label=["انقلاب"] + ["Loaded_Language"] * 6, category=["coup"] + ["model"] * 6,
                           quoted=False)  # fmt: skip
    sheet = coding_sheet(labelled, documents, coders=["coder_1"])
    sheet["coder_1"] = pd.array(["correct", "incorrect", "incorrect", "correct", "correct", "correct", "correct"],
                                dtype="string")  # fmt: skip
    sheet.attrs["sample"] = labelled
    with pytest.warns(UserWarning, match=r"term_precision: 6 row\(s\) are model hits drawn by active_sample"):
        table = term_precision(sheet, coder="coder_1")
    assert table[["label", "n_correct", "n_coded"]].values.tolist() == [["انقلاب", 1, 1]]


def test_weighted_precision_has_an_interval_where_se_is_zero():
    from analysis.coding import wilson_interval

    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    # uncertain both wrong (a census: 0 of 2), random 4 of 4 right, each standing for 2 hits
    result = weighted_precision(sample, pd.Series([False, False, True, True, True, True]))
    low, high = wilson_interval(4, 4)
    assert result["se"] == 0.0 and (result["ci_low"], result["ci_high"]) == pytest.approx(
        (8 * low / 10, 0.8), abs=1e-12
    )
    assert result["ci_low"] == pytest.approx(0.4081, abs=1e-4)
    # one random hit wrong: 8 · Wilson(3 of 4) / 10 around 0.6
    mixed = weighted_precision(sample, pd.Series([False, False, True, False, True, True]))
    low, high = wilson_interval(3, 4)
    assert (mixed["ci_low"], mixed["ci_high"]) == pytest.approx((8 * low / 10, 8 * high / 10), abs=1e-12)
    assert mixed["ci_low"] < mixed["precision"] < mixed["ci_high"]
    narrow = weighted_precision(sample, pd.Series([False, False, True, False, True, True]), ci=0.5)
    assert mixed["ci_low"] < narrow["ci_low"] < narrow["ci_high"] < mixed["ci_high"]


def test_active_sample_near_miss_stratum_is_a_census_left_out_of_precision():
    from analysis.coding import wilson_interval
    from analysis.learn.loop import near_miss_recall

    near = pd.DataFrame({"doc_id": "d", "kind": "model", "start": [300, 310, 320], "end": [305, 315, 325],
                         "score": [0.04, 0.2, 0.1]})  # fmt: skip
    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1, near_misses=near, n_near_miss=2)
    # the two highest-scored near misses, each with probability 1 (a census of the band 0.1 to 0.22)
    assert list(sample["stratum"][6:]) == ["near_miss"] * 2 and list(sample["score"][6:]) == [0.2, 0.1]
    assert list(sample["weight"][6:]) == [1.0, 1.0]
    # the model hits' rows are those of the sample without near misses
    plain = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    assert sample.iloc[:6].drop(columns="weight").equals(plain.drop(columns="weight"))
    # near misses are not model hits: the precision is the one of the six model rows (0.8, as above)
    codes = pd.Series([False, False, True, True, True, True, True, False])
    assert weighted_precision(sample, codes)["precision"] == 0.8
    # 1 of 2 near misses loaded; 0.8 · 10 = 8 hits estimated true: recall at most 8 / (8 + 1)
    result = near_miss_recall(sample, codes)
    assert (result["n_sampled"], result["n_coded"], result["n_correct"], result["share_correct"]) == (2, 2, 1, 0.5)
    assert result["recall_bound"] == pytest.approx(8 / 9, abs=1e-12) and result["min_score"] == 0.1
    low, high = wilson_interval(1, 2)
    assert (result["ci_low"], result["ci_high"]) == (low, high) and round(low, 4) == 0.0945  # Wilson interval of 1 of 2
    with pytest.raises(ValueError, match="scored at or above the threshold 0.15"):
        active_sample(_hits(), 0.15, near_misses=near)


def test_near_miss_spans_lie_between_the_floor_and_the_threshold_and_never_overlap_a_model_hit():
    from analysis.ingest import documents_from_texts
    from analysis.learn import load_default_tagger
    from analysis.learn.loop import near_miss_spans
    from analysis.pipeline import FramingCounter

    tagger = load_default_tagger()
    documents = documents_from_texts([
        "وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل.",
        "ووصف الوزير ما جرى بأنه الانقلاب الغاشم على الشرعية والإرهاب الأسود.",
    ])  # fmt: skip
    near = near_miss_spans(tagger, documents, floor=0.05)
    hits = FramingCounter(model="default").count(documents).hits
    model = hits[hits["kind"] == "model"]
    assert len(near) and len(model)
    assert ((near["score"] >= 0.05) & (near["score"] < tagger.threshold)).all()
    for doc_id, start, end in near[["doc_id", "start", "end"]].itertuples(index=False):
        same = model[model["doc_id"] == doc_id]
        assert not ((same["start"] < end) & (start < same["end"])).any()
    text = dict(zip(documents["doc_id"], documents["text"]))
    spans = near[["doc_id", "start", "end"]].itertuples(index=False)
    assert [text[d][s:e] for d, s, e in spans] == list(near["surface"])


def test_a_half_coded_random_stratum_still_stands_for_all_its_hits():
    from analysis.coding import wilson_interval

    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)  # 2 uncertain; 4 random for 8 hits
    # Two of the four random rows coded (both right): they stand for the 8 hits, so (0 + 8) / 10 = 0.8.
    # Dropping the uncoded rows' weights gave (0 + 2·2) / (2 + 4) = 0.667: the uncertain hits counted double.
    half = weighted_precision(sample, pd.Series([False, False, True, None, None, True]))
    assert half["precision"] == 0.8 and half["n_coded"] == 4 and half["se"] == 0.0
    # Three coded, two right: (0 + 8 · 2/3) / 10; se = 0.8 · sqrt((1 - 3/8) · (1/3) / 3)
    mixed = weighted_precision(sample, pd.Series([False, False, True, None, False, True]))
    assert mixed["precision"] == pytest.approx(16 / 30, abs=1e-12) and round(mixed["precision"], 4) == 0.5333
    assert mixed["se"] == pytest.approx(0.8 * (0.625 / 9) ** 0.5, abs=1e-12) and round(mixed["se"], 4) == 0.2108
    low, high = wilson_interval(2, 3)
    assert (mixed["ci_low"], mixed["ci_high"]) == pytest.approx((8 * low / 10, 8 * high / 10), abs=1e-12)


def test_a_stratum_without_a_coded_row_is_named_in_a_warning():
    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    with pytest.warns(UserWarning, match=r"no row of the stratum random \(4 row\(s\) standing for 8 hit\(s\)\)"):
        result = weighted_precision(sample, pd.Series([False, True, None, None, None, None]))
    assert result["precision"] == 0.5 and result["n_coded"] == 2  # the uncertain stratum alone


def test_a_half_coded_uncertain_stratum_is_a_sample_with_its_own_interval():
    from analysis.coding import wilson_interval

    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=4, seed=1)
    full = weighted_precision(sample, pd.Series([False, False, True, True, True, True]))
    # rv21e: one of the two uncertain rows coded (wrong). Its stratum was still counted as known, which gave
    # the interval of the fully coded sheet; it is a sample of 1 of 2 now, with Wilson's interval for 0 of 1.
    half = weighted_precision(sample, pd.Series([False, None, True, True, True, True]))
    assert half["precision"] == full["precision"] == 0.8 and half["n_coded"] == 5
    random_low, _ = wilson_interval(4, 4)
    _, uncertain_high = wilson_interval(0, 1)
    assert (half["ci_low"], half["ci_high"]) == pytest.approx((8 * random_low / 10, (2 * uncertain_high + 8) / 10))
    assert full["ci_high"] == 0.8 < half["ci_high"] == pytest.approx(0.9587, abs=1e-4)


def test_a_census_stratum_has_no_sampling_error_and_the_warning_has_a_class():
    from analysis.learn.loop import StratumNotCoded

    # every remaining hit taken (inclusion probability 1) and coded: the precision of these hits is known
    sample = active_sample(_hits(), 0.22, n_uncertain=2, n_random=20, seed=1)
    assert set(sample["weight"]) == {1.0}
    codes = pd.Series([False, False] + [True] * 6 + [False] * 2)
    result = weighted_precision(sample, codes)
    assert (result["precision"], result["ci_low"], result["ci_high"], result["se"]) == (0.6, 0.6, 0.6, 0.0)
    with pytest.warns(StratumNotCoded, match="no row of the stratum uncertain"):
        weighted_precision(sample, pd.Series([None, None] + [True] * 8))

"""The learned loaded-language tagger (analysis.learn): features, spans, metrics, saving, validation.

Small hand-checkable cases first (clitic cores, overlap credit, scores, calibration),
then bad input, then real models: a small tagger trained on 120 bundled paragraphs
(seconds), and the shipped default model.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import FramingInputError
from analysis.learn import (
    DEFAULT_MODEL_PATH,
    LABELS,
    Tagger,
    article_of,
    calibration,
    cross_validate_design,
    load_default_tagger,
    load_tagger,
    overlap_credit,
    prepare,
    read_training_annotations,
    strip_clitics,
    train_tagger,
)
from analysis.learn.distributional import default_word_features
from analysis.learn.model import DEFAULT_MODEL_IGNORE, DEFAULT_MODEL_LEXICONS, canonical_zip, default_tagger_counter
from analysis.learn.training import SHIPPED_DESIGN
from analysis.learn.validation import bootstrap, scores
from analysis.lexicon import name_head_types
from analysis.paths import data_path
from analysis.pipeline import FramingCounter
from analysis.tokenize import WORD_KINDS, tokenize

ANNOTATIONS = data_path("annotated", "armpro_dev_loaded_language.jsonl")
EXAMPLE = ("وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل. "
           "وأكد أن إنشاء المركز يعد نقلة نوعية في العمل الإعلامي.")  # fmt: skip


def _records(n: int) -> list[dict]:
    with open(ANNOTATIONS, encoding="utf-8") as handle:
        return [json.loads(line) for line, _ in zip(handle, range(n))]


@pytest.fixture(scope="module")
def small_annotations(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("learn") / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(120)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_tagger(small_annotations) -> Tagger:
    return train_tagger(small_annotations, seed=0, date="2026-01-01")


@pytest.fixture(scope="module")
def default_tagger() -> Tagger:
    return load_default_tagger()


# -- small pieces ---------------------------------------------------------------------------


def test_strip_clitics_and_article_ids():
    assert strip_clitics("والمليشيات") == "مليشيات"
    assert strip_clitics("للحكومه") == "حكوم"  # ل+ال written لل; the folded taa marbuta reads as ه
    assert strip_clitics("وزير") == "زير"  # a heuristic for features only: the word itself is a feature too
    assert strip_clitics("من") == "من"
    assert article_of("MIS_1062-eurl_04_008") == "MIS_1062-eurl_04"
    assert article_of("c5kikhveqPRvXDK89HE8go_004") == "c5kikhveqPRvXDK89HE8go"


def _strip_clitics_one_affix_at_a_time(norm: str, min_stem: int = 3) -> str:
    """The definition of :func:`strip_clitics`: the first of the affixes, longest first, that leaves a stem."""
    from analysis.arabic import ENCLITICS, proclitic_variants

    core = norm
    for prefix in sorted((p for p in proclitic_variants("") if p), key=len, reverse=True):
        if core.startswith(prefix) and len(core) - len(prefix) >= min_stem:
            core = core[len(prefix) :]
            break
    for suffix in sorted(ENCLITICS, key=len, reverse=True):
        if core.endswith(suffix) and len(core) - len(suffix) >= min_stem:
            return core[: -len(suffix)]
    return core


@given(st.lists(st.sampled_from(["و", "ف", "ب", "ك", "ل", "ال", "لل", "ه", "ها", "هم", "كما", "نا", "ت", "م", "ر"]),
                max_size=7).map("".join))  # fmt: skip
def test_strip_clitics_looks_affixes_up_by_length(norm):
    """One set look-up per affix length gives what testing every affix, longest first, gives."""
    assert strip_clitics(norm) == _strip_clitics_one_affix_at_a_time(norm)


def test_overlap_credit_by_hand():
    # predicted [0, 4): 2 of its 4 characters inside gold [2, 6) -> 0.5
    # gold [2, 6): 2 of 4 covered -> 0.5; gold [8, 10): not covered -> 0
    assert overlap_credit([(0, 4)], [(2, 6), (8, 10)], 10) == (0.5, 1, 0.5, 2)
    # overlapping gold spans are merged, so a predicted span is not credited twice
    assert overlap_credit([(0, 6)], [(0, 4), (2, 6)], 6) == (1.0, 1, 2.0, 2)
    assert overlap_credit([], [(1, 3)], 5) == (0.0, 0, 0.0, 1)


def test_scores_and_bootstrap_by_hand():
    # tp fp fn p_credit n_pred r_credit n_gold, two articles
    counts = np.array([[2, 2, 0, 1.0, 2, 0.5, 1], [1, 0, 1, 1.0, 1, 1.0, 2]])
    result = scores(counts)
    assert result["token_precision"] == 0.6 and result["token_recall"] == 0.75
    assert result["token_f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35, abs=1e-4)
    assert result["span_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["span_recall"] == 0.5
    intervals = bootstrap(counts, np.array(["a", "b"]), n=200)
    low, high = intervals["token_precision"]
    assert 0.5 <= low <= 0.6 <= high <= 1.0  # resamples are {a,a}=0.5, {a,b}=0.6, {b,b}=1.0


def test_calibration_by_hand():
    probability = np.array([0.05, 0.05, 0.15, 0.95])
    truth = np.array([False, True, False, True])
    result = calibration(probability, truth, bins=10)
    assert [(b["low"], b["n"], b["observed_rate"]) for b in result["bins"]] == [(0.0, 2, 0.5), (0.1, 1, 0.0),
                                                                              (0.9, 1, 1.0)]  # fmt: skip
    assert result["ece"] == pytest.approx((2 * 0.45 + 0.15 + 0.05) / 4, abs=1e-4)
    assert result["brier"] == pytest.approx((0.05**2 + 0.95**2 + 0.15**2 + 0.05**2) / 4, abs=1e-4)
    assert result["expected_positives"] == 1.2 and result["annotated_positives"] == 2


def test_word_features_resource():
    words = default_word_features()
    assert len(words.index) == 20_000 and words.vectors.shape == (20_000, 32)
    assert words.granularities == (64, 256, 1024)
    card = json.loads((Path(DEFAULT_MODEL_PATH).parent / "word_features.json").read_text(encoding="utf-8"))
    assert card["file_sha256"] == words.sha256
    assert "CC BY-NC-SA 4.0" in card["licence"]
    assert np.allclose(np.linalg.norm(words.vectors[words.index["الحكومه"]]), 1.0, atol=0.01)


# -- bad input ---------------------------------------------------------------------------


def _write(tmp_path: Path, records: list, name: str = "bad.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_bad_annotations_name_file_and_line(tmp_path):
    good = _records(3)
    shifted = json.loads(json.dumps(good))
    shifted[1]["spans"] = [{"technique": "Loaded_Language", "start": 1, "end": 11, "text": "نقلة نوعية"}]
    with pytest.raises(FramingInputError, match=r"bad\.jsonl, row 2: span 1: text\[1:11\] is") as error:
        read_training_annotations(_write(tmp_path, shifted))
    assert error.value.row == 2
    outside = json.loads(json.dumps(good))
    outside[2]["spans"] = [{"technique": "Loaded_Language", "start": 5, "end": 10_000, "text": "x"}]
    with pytest.raises(FramingInputError, match=r"row 3: span 1: offsets \[5, 10000\) are empty or outside"):
        read_training_annotations(_write(tmp_path, outside))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"empty\.jsonl: has no records"):
        read_training_annotations(empty)
    no_spans = [{**r, "spans": []} for r in good]
    with pytest.raises(FramingInputError, match="has no span of Loaded_Language, Name_Calling-Labeling"):
        train_tagger(_write(tmp_path, no_spans, "none.jsonl"))


def test_bad_annotation_frame_names_row():
    frame = pd.DataFrame(_records(3))
    annotations = read_training_annotations(frame)
    assert annotations.source == "<DataFrame>" and len(annotations.documents) == 3
    assert list(annotations.spans["text"]) == ["نقلة نوعية", "يشكل مدماكا", "مدماكا مهما", "المتمكن"]
    assert list(annotations.documents["article"]) == ["MIS_1062-eurl_04", "c5kikhveqPRvXDK89HE8go", "MIS_1049-curl_05"]
    frame.at[1, "spans"] = [{"technique": "Loaded_Language", "start": 73, "end": 84, "text": "نقلة نوعية"}]
    with pytest.raises(FramingInputError, match=r"<DataFrame>, row 2: span 1: text\[73:84\]"):
        read_training_annotations(frame)


# -- training, saving, loading ---------------------------------------------------------------


def test_training_twice_gives_identical_files(small_annotations, small_tagger, tmp_path):
    again = train_tagger(small_annotations, seed=0, date="2026-01-01")
    first, second = small_tagger.save(tmp_path / "a.skops"), again.save(tmp_path / "b.skops")
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a.card.json").read_bytes() == (tmp_path / "b.card.json").read_bytes()
    assert small_tagger.tag("x", EXAMPLE) == again.tag("x", EXAMPLE)
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert sorted(archive.namelist())[0] == "array_000.npy"
    loaded = load_tagger(first)
    assert loaded.feature_names == small_tagger.feature_names
    assert loaded.tag("x", EXAMPLE) == small_tagger.tag("x", EXAMPLE)
    assert canonical_zip(first.read_bytes()) == first.read_bytes()


def test_card_records_data_licence_and_hashes(small_annotations, small_tagger):
    card = small_tagger.card
    assert card["date"] == "2026-01-01" and card["seed"] == 0
    assert card["training_data"]["sha256"] == hashlib.sha256(small_annotations.read_bytes()).hexdigest()
    assert card["training_data"]["paragraphs"] == 120
    assert card["training_data"]["licence"].startswith("CC BY-NC-SA 4.0")
    assert card["word_features"]["sha256"] == default_word_features().sha256
    assert card["hyperparameters"]["C"] in card["hyperparameters"]["C_grid"]
    assert card["grouped_cv"] is None  # cross_validate=False
    from analysis import __version__

    assert card["package_version"] == __version__


def test_tampered_or_foreign_files_are_refused(small_tagger, tmp_path):
    good = small_tagger.save(tmp_path / "good.skops").read_bytes()
    tampered = tmp_path / "tampered.skops"
    tampered.write_bytes(good[:1000] + bytes(b ^ 0xFF for b in good[1000:1100]) + good[1100:])
    with pytest.raises(FramingInputError, match=r"tampered\.skops: is not"):
        load_tagger(tampered)
    marker = tmp_path / "ran.txt"
    foreign = tmp_path / "foreign.skops"
    foreign.write_bytes(pickle.dumps(_Payload(str(marker))))
    with pytest.raises(FramingInputError, match=r"foreign\.skops: is not a saved tagger"):
        load_tagger(foreign)
    assert not marker.exists()
    import os

    import skops.io

    hostile = tmp_path / "hostile.skops"
    skops.io.dump({"format": "analysis.learn.Tagger", "run": os.system}, hostile)
    with pytest.raises(FramingInputError, match=r"hostile\.skops: contains types a tagger never holds \(.*system"):
        load_tagger(hostile)
    other = tmp_path / "other.skops"
    skops.io.dump({"weights": np.zeros(3)}, other)
    with pytest.raises(FramingInputError, match=r"other\.skops: is a skops file but not a saved tagger"):
        load_tagger(other)
    # a tagger of the first format (no window network) is refused with what to do
    old = tmp_path / "old.skops"
    skops.io.dump({"format": "analysis.learn.Tagger", "format_version": 1, "weights": np.zeros(3)}, old)
    with pytest.raises(FramingInputError, match=r"old\.skops: has tagger format 1, not 2: retrain"):
        load_tagger(old)
    # a saved tagger whose network does not fit the word features is refused
    state = skops.io.loads(good, trusted=[])
    state["net_w1"] = state["net_w1"][:-1]
    bad = tmp_path / "bad_network.skops"
    skops.io.dump(state, bad)
    with pytest.raises(FramingInputError, match=r"bad_network\.skops: has a window network"):
        load_tagger(bad)


class _Payload:
    """Writes a file when unpickled: loading must never get that far."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (Path(self.path).write_text, ("code ran",))


# -- tagging ---------------------------------------------------------------------------------


def test_default_tagger_tags_known_phrases(default_tagger):
    spans = default_tagger.tag("example", EXAMPLE)
    surfaces = [s["surface"] for s in spans]
    assert any("الاحتلال" in s for s in surfaces), surfaces
    assert any("نوعية" in s for s in surfaces), surfaces
    for span in spans:
        assert EXAMPLE[span["start"] : span["end"]] == span["surface"]
        assert span["label"] in LABELS and default_tagger.threshold <= span["score"] <= 1


def test_token_probabilities_cover_every_word(default_tagger):
    table = default_tagger.token_probabilities("example", EXAMPLE)
    tokens = tokenize(EXAMPLE)
    assert len(table) == tokens.n_words == sum(k in WORD_KINDS for k in tokens.kind)
    assert (table["surface"] == [EXAMPLE[s:e] for s, e in zip(table["start"], table["end"])]).all()
    assert table["probability"].between(0, 1).all()
    flagged = table[table["probability"] >= default_tagger.threshold]
    assert set(flagged["surface"]) >= {"الاحتلال"}
    assert 0 < table["probability"].sum() < len(table)
    assert default_tagger.model_expected(EXAMPLE) == pytest.approx(table["probability"].sum())


def test_explain_adds_up_to_the_logit(default_tagger):
    start = EXAMPLE.index("الاحتلال")
    end = start + len("الاحتلال")
    everything = default_tagger.explain(EXAMPLE, start, end, top=100_000)
    table = default_tagger.token_probabilities("example", EXAMPLE)
    # the explanation is of the logistic part; the network and the smoothing come on top
    p = float(table.loc[table["start"] == start, "linear"].iloc[0])
    assert everything["contribution"].sum() == pytest.approx(np.log(p / (1 - p)), abs=1e-6)
    top = default_tagger.explain(EXAMPLE, start, end, top=5)
    assert list(top["contribution"]) == sorted(top["contribution"], reverse=True)
    # the lexicon's term احتلال* and the word's own letters push it most
    assert top["feature"][0] == "t:dict_term" and "0:g3=حتل" in list(top["feature"]), list(top["feature"])


def test_the_crf_breakdown_adds_up_to_its_evidence_for_loaded_language(default_tagger):
    from analysis.learn.features import word_tokens

    start = EXAMPLE.index("الاحتلال")
    end = start + len("الاحتلال")
    everything = default_tagger.explain(EXAMPLE, start, end, top=100_000, part="crf")
    assert "(intercept)" not in set(everything["feature"])  # the CRF has no intercept
    # the scoring path's CRF state scores (columns O, LL, NC after the two logistic logits) of that word
    doc = word_tokens(default_tagger.counter, "example", EXAMPLE)
    logits, _ = default_tagger._logits(doc)
    k = int(np.flatnonzero(doc.start == start)[0])
    assert everything["contribution"].sum() == pytest.approx(logits[k, 3] - logits[k, 2], abs=1e-6)
    assert default_tagger.explained_parts() == ("crf", "linear")  # CRF 0.5, logistic 0.125 of the probability
    with pytest.raises(ValueError, match="part must be one of"):
        default_tagger.explain(EXAMPLE, start, end, part="network")
    with pytest.raises(ValueError, match=r"0 <= start < end, got \[10, 5\)"):
        default_tagger.explain(EXAMPLE, 10, 5)
    with pytest.raises(ValueError, match=r"no word in the characters \[\d+, \d+\)"):
        default_tagger.explain(EXAMPLE, len(EXAMPLE) + 1, len(EXAMPLE) + 5, part="crf")


def test_a_model_without_a_crf_refuses_to_explain_one(default_tagger):
    import copy

    plain = copy.copy(default_tagger)
    plain.crf = None
    assert plain.explained_parts() == ("linear",)
    with pytest.raises(ValueError, match="this model has no CRF part to explain"):
        plain.explain(EXAMPLE, 0, 5, part="crf")


def test_default_model_card(default_tagger):
    card = json.loads(Path(DEFAULT_MODEL_PATH).with_suffix(".card.json").read_text(encoding="utf-8"))
    assert card == default_tagger.card
    assert card["training_data"]["sha256"] == hashlib.sha256(ANNOTATIONS.read_bytes()).hexdigest()
    assert card["training_data"]["paragraphs"] == 672 and card["training_data"]["spans"] == 851
    assert "CC BY-NC-SA 4.0" in card["training_data"]["licence"]
    # the design of the pre-registered evaluation (data/validation/tagger_2026-12-01/), as validated there
    assert card["grouped_cv"]["design"] == "mixed_crf_proxies" == SHIPPED_DESIGN
    assert card["hyperparameters"]["crf"] and card["hyperparameters"]["networks"] == 2
    assert card["grouped_cv"]["systems"]["model"]["token_f1"] == {"value": 0.354, "ci95": [0.3268, 0.3806]}
    assert card["grouped_cv"]["systems"]["dictionary"]["token_f1"]["value"] < 0.15
    # outlets ranked by annotated vs expected share, with a bootstrap over articles; per-outlet scores
    outlets = card["grouped_cv"]["outlets"]
    assert (outlets["n_outlets"], outlets["spearman"], outlets["ci95"]) == (23, 0.4012, [0.0423, 0.6136])
    per_outlet = {(r["outlet"], r["system"]): r for r in card["grouped_cv"]["per_outlet"] if r["metric"] == "token_f1"}
    assert per_outlet[("bbc.com", "model")]["paragraphs"] == 74 and per_outlet[("bbc.com", "model")]["value"] == 0.3559
    assert per_outlet[("arabic.cnn.com", "dictionary")]["value"] == 0.0


_ARABIC = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى") + ["ال", "و", "الاحتلال", "نوعية", "قوات"])
_TEXTS = st.lists(st.one_of(_ARABIC, st.sampled_from([" ", " ", "، ", ". ", "\n", "«", "»", "ـ", "\u064e", "12"])),
                  max_size=60).map("".join)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXTS)
def test_every_span_is_its_surface(default_tagger, text):
    spans = default_tagger.tag("h", text)
    ends = -1
    for span in spans:
        assert text[span["start"] : span["end"]] == span["surface"]
        assert span["start"] < span["end"] and span["start"] >= ends  # sorted, no overlap
        ends = span["end"]
    table = default_tagger.token_probabilities("h", text)
    assert len(table) == tokenize(text).n_words


def test_the_parts_of_the_shipped_probability_add_up(default_tagger):
    """probability = its three parts weighted by part_weights (the shipped design does not smooth):
    0.25 of the network-and-logistic mix is logistic, and the CRF weighs 0.5 (the card's weights)."""
    weights = default_tagger.part_weights()
    assert weights == {"linear": 0.125, "network": 0.375, "crf": 0.5}
    table = default_tagger.token_probabilities("example", EXAMPLE)
    assert list(table.columns)[-3:] == ["linear", "network", "crf"]
    mixed = sum(weights[part] * table[part] for part in weights)
    assert default_tagger.smoothing == 0 and np.abs(mixed - table["probability"]).max() < 1e-12
    assert (table["crf"] > 0).all() and (table["crf"] < 1).all()


def test_cached_network_equals_the_dense_network(default_tagger):
    """The per-type cache of the first layer gives what the network gives on the full window rows."""
    from analysis.learn.features import word_tokens
    from analysis.learn.window import adjacent_neighbours, window_matrix

    assert default_tagger.net is not None and 0 < default_tagger.mix < 1
    doc = word_tokens(default_tagger.counter, "example", EXAMPLE)
    x = window_matrix([doc], default_tagger.words, default_tagger.loadedness)
    parts = default_tagger.parts(doc)
    # the first layer is gathered from single-precision tables (FIRST_LAYER_DTYPE): equal to about 1e-8
    np.testing.assert_allclose(parts["network"], default_tagger.net.predict(x), rtol=0, atol=1e-7)
    # the linear part too: per-type cached scores (vector dimensions from one product) = weights × all features
    from analysis.learn.features import token_feature_dicts

    index, weights = default_tagger._index, default_tagger.weights
    logits = [default_tagger.intercepts[0] + sum(v * weights[index[k], 0] for k, v in f.items() if k in index)
              for f in token_feature_dicts(doc, default_tagger.featurizer)]  # fmt: skip
    np.testing.assert_allclose(parts["linear"], 1 / (1 + np.exp(-np.array(logits))), rtol=0, atol=1e-12)
    mixed = (1 - default_tagger.mix) * parts["linear"] + default_tagger.mix * parts["network"]
    # the shipped design mixes in a CRF's marginal P(loaded) = 1 - P(O), computed on its own state scores
    assert default_tagger.crf is not None and 0 < default_tagger.crf[2] < 1
    from analysis.learn.crf import chain_marginals

    state_logits = default_tagger._logits(doc)[0][:, 2:]
    crf = 1 - chain_marginals(state_logits, default_tagger.crf[1])[:, 0]
    u = default_tagger.crf[2]
    mixed = (1 - u) * mixed + u * crf
    words = list(doc.norm)
    prev_index, prev_valid, next_index, next_valid = adjacent_neighbours(doc)
    # «قوات الاحتلال الإسرائيلي»: the middle word has both neighbours
    k = next(i for i, w in enumerate(words) if "احتلال" in w)
    assert prev_valid[k] and next_valid[k] and (prev_index[k], next_index[k]) == (k - 1, k + 1)
    s = default_tagger.smoothing
    assert parts["probability"][k] == pytest.approx((1 - s) * mixed[k] + s * (mixed[k - 1] + mixed[k + 1]) / 2)
    # a sentence's last word («العزل.») has no next word
    last = next(i for i, w in enumerate(words) if w == "العزل")
    assert prev_valid[last] and not next_valid[last]


def test_smoothing_by_hand():
    from analysis.learn.window import smooth

    neighbours = (
        np.array([0, 0, 1]),
        np.array([False, True, True]),
        np.array([1, 2, 2]),
        np.array([True, True, False]),
    )
    p = np.array([0.2, 0.6, 0.0])
    assert smooth(p, neighbours, 0.5).round(3).tolist() == [0.4, 0.35, 0.3]
    assert smooth(p, neighbours, 0.0) is p


def test_logit_mean_of_two_networks_is_one_network():
    """Two networks averaged on the logit scale = one network with their hidden units side by side."""
    from analysis.learn.window import WindowNet, logit_mean

    rng = np.random.default_rng(0)
    nets = [WindowNet(rng.normal(size=(6, 4)), rng.normal(size=4), rng.normal(size=4), float(rng.normal()))
            for _ in range(2)]  # fmt: skip
    x = rng.normal(size=(50, 6))
    p = [n.predict(x) for n in nets]
    logits = [np.log(q / (1 - q)) for q in p]
    merged = logit_mean(nets)
    assert merged.w1.shape == (6, 8) and merged.b1.shape == (8,)
    assert np.allclose(merged.predict(x), 1 / (1 + np.exp(-(logits[0] + logits[1]) / 2)), atol=1e-12)
    assert not np.allclose(merged.predict(x), (p[0] + p[1]) / 2)  # not the mean of probabilities


def test_positive_weight_raises_the_networks_probabilities():
    """Weighting the loaded tokens 3 in the loss moves the network's probabilities up; hidden sets the units."""
    from analysis.learn.window import fit_window

    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, 5))
    y = x[:, 0] + rng.normal(size=600) > 1.5
    plain = fit_window(x, y, seed=0, hidden=8)
    weighted = fit_window(x, y, seed=0, hidden=8, positive_weight=3.0)
    assert len(plain.b1) == len(weighted.b1) == 8
    assert weighted.predict(x).mean() > plain.predict(x).mean() + 0.02


def test_positive_weight_raises_the_logistic_probabilities(small_annotations):
    """The class weight of the loaded tokens moves the logistic model's mean probability up."""
    from analysis.learn.training import fit_linear

    prepared = prepare(read_training_annotations(small_annotations))
    rows = np.arange(len(prepared.inside))
    plain = fit_linear(prepared, rows, C=0.3).predict(prepared.matrix)[0]
    weighted = fit_linear(prepared, rows, C=0.3, positive_weight=3.0).predict(prepared.matrix)[0]
    assert plain.mean() == pytest.approx(prepared.inside.mean(), abs=0.02)
    assert weighted.mean() > plain.mean() + 0.02


# -- validation --------------------------------------------------------------------------------


def test_grouped_cv_never_splits_an_article(small_annotations):
    prepared = prepare(read_training_annotations(small_annotations))
    result = cross_validate_design(prepared, "logistic", n_splits=3, inner_splits=2)
    articles = prepared.articles
    assert sum(f["test_articles"] for f in result.folds) == len(set(articles))
    assert sum(f["test_paragraphs"] for f in result.folds) == 120
    # a paragraph's fold is told by its chosen threshold only if folds differ; check membership directly
    from sklearn.model_selection import GroupKFold

    fold_of = {}
    for k, (_, test) in enumerate(GroupKFold(n_splits=3).split(articles, groups=articles)):
        for a in articles[test]:
            assert fold_of.setdefault(a, k) == k
    assert ((0 <= result.loaded) & (result.loaded <= 1)).all()


@pytest.mark.parametrize("design", ["crf"])  # the ensemble takes minutes; scripts/validate_tagger.py runs it
def test_other_designs_cross_validate(small_annotations, design):
    records = _records(60)
    prepared = prepare(read_training_annotations(pd.DataFrame(records)))
    result = cross_validate_design(prepared, design, n_splits=2, inner_splits=2)
    assert result.design == design and len(result.folds) == 2
    assert ((0 <= result.loaded) & (result.loaded <= 1)).all()
    assert ((0 <= result.name_calling) & (result.name_calling <= 1 + 1e-9)).all()
    # probabilities carry signal even on 30 training paragraphs: annotated tokens score higher on average
    assert result.loaded[prepared.inside].mean() > result.loaded[~prepared.inside].mean()


def _card_without_scores(card: dict) -> dict:
    """The card but its cross-validated scores (grouped_cv, the inner folds' F1 per choice)."""
    kept = {k: v for k, v in card.items() if k != "grouped_cv"}
    kept["hyperparameters"] = {k: v for k, v in card["hyperparameters"].items() if k != "inner_f1"}
    return kept


def test_shipped_default_is_what_the_bundled_data_trains(default_tagger):
    """Retraining on the bundled extract with seed 0 gives the shipped model.

    On the machine that trained it the weights are equal bit for bit (training twice is
    byte-identical: ``test_training_twice_gives_identical_files``).  Another CPU may round
    a few sums differently (logistic weights differing by about 1e-8 were seen on a second
    machine) and the network's training amplifies that, so elsewhere the test asks for the
    same choices and the same tagging instead: equal hyperparameters, logistic weights
    within 1e-4, neighbour loadedness within 1e-3, inner-fold scores within 0.002, and token probabilities on the training paragraphs within 0.05 of each other
    with the same flagged tokens but for a handful at the threshold.
    """
    again = train_tagger(ANNOTATIONS, seed=0, date="2026-12-01", counter=default_tagger_counter())
    assert again.feature_names == default_tagger.feature_names
    assert again.threshold == default_tagger.threshold
    assert (again.mix, again.smoothing) == (default_tagger.mix, default_tagger.smoothing)
    # The neighbour loadedness sums float32 products, which another CPU rounds differently (AVX-512
    # against the training machine's AVX2): a near tie among a word's 20 nearest neighbours can then
    # swap one, moving that word's score by about 3e-4 (1 row of 20,000 seen; 1,122 moved by < 1e-6).
    moved = np.abs(again.loadedness - default_tagger.loadedness)
    assert moved.max() < 1e-3 and (moved > 1e-6).sum() <= 20
    assert _card_without_scores(again.card) == _card_without_scores(default_tagger.card)
    inner, shipped_inner = again.card["hyperparameters"]["inner_f1"], default_tagger.card["hyperparameters"]["inner_f1"]
    assert inner.keys() == shipped_inner.keys()
    # the inner scores are rounded to 4 decimals: a sum rounded differently moves one by 1e-4
    assert max(abs(inner[key] - shipped_inner[key]) for key in inner) <= 0.002
    assert again.crf is not None and default_tagger.crf is not None and again.crf[2] == default_tagger.crf[2]
    if np.array_equal(again.weights, default_tagger.weights) and np.array_equal(again.net.w1, default_tagger.net.w1):
        assert again.intercepts == default_tagger.intercepts
        assert np.array_equal(again.net.w2, default_tagger.net.w2)
        # the CRF's state and transition weights too (crfsuite's L-BFGS is deterministic)
        assert np.array_equal(again.crf[0], default_tagger.crf[0]) and np.array_equal(
            again.crf[1], default_tagger.crf[1]
        )
        return
    # logistic weights: within 3.3e-5 on an AVX-512 machine (47 of 183,250 beyond 1e-5), 1e-8 on another AVX2 one
    assert np.allclose(again.weights, default_tagger.weights, atol=1e-4)
    texts = [json.loads(line)["text"] for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()]
    shipped = np.concatenate([default_tagger.analyse(str(i), t)[1] for i, t in enumerate(texts)])
    retrained = np.concatenate([again.analyse(str(i), t)[1] for i, t in enumerate(texts)])
    assert np.abs(shipped - retrained).max() < 0.05
    flagged_differently = (shipped >= default_tagger.threshold) != (retrained >= again.threshold)
    assert flagged_differently.sum() <= 0.002 * len(shipped)


def test_the_default_model_uses_its_frozen_lexicons(default_tagger):
    """Its dictionary features come from the copies beside it, not from data/lexicons/ (which the audit edits)."""
    frozen = default_tagger_counter().settings.key()
    assert default_tagger.counter.settings.key() == frozen
    assert FramingCounter().settings.key() != frozen  # round 4 of the term audit changed loaded_terms.csv
    # the copies ship with the package (package-data glob learn/resources/*)
    assert [p.name for p in DEFAULT_MODEL_LEXICONS] == ["default_tagger_actors.csv", "default_tagger_loaded_terms.csv"]
    assert all(p.parent == DEFAULT_MODEL_PATH.parent and p.stat().st_size > 10_000 for p in DEFAULT_MODEL_LEXICONS)
    # so is the ignore list of its training day: name heads added since (معهد + a place) change no feature
    assert default_tagger.counter.settings.ignore.path == str(DEFAULT_MODEL_IGNORE)
    assert name_head_types(default_tagger.counter.settings.ignore) == {}
    assert name_head_types(FramingCounter().settings.ignore) != {}
    # and its card names those copies and their hashes, not data/lexicons/
    assert default_tagger.card["lexicons"] == {
        name: {"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
        for name, p in zip(("actors", "terms"), DEFAULT_MODEL_LEXICONS, strict=True)
    }


def test_token_flags_give_the_t_block(default_tagger):
    """The per-token flags, computed as arrays, give the ``t`` features of each word: quoted speech, position
    in the sentence (quarters of 11 and 10 words), the lexicon's term, the words next to it, an actor."""
    from analysis.learn.features import word_tokens

    text = "قال الرئيس: «إن قوات الاحتلال ارتكبت جريمة بشعة في غزة» أمس."
    doc = word_tokens(default_tagger.counter, "q", text)
    features = dict(zip(doc.norm, doc.token_features))
    assert features["قال"] == {"t:pos=0": 1.0, "t:sent_first": 1.0}
    assert features["قوات"] == {"t:pos=1": 1.0, "t:quoted": 1.0, "t:dict_near": 1.0, "t:actor": 1.0}
    assert features["الاحتلال"] == {"t:pos=1": 1.0, "t:quoted": 1.0, "t:dict_term": 1.0,
                                    "t:dict_cat=foreign_interference": 1.0, "t:actor": 1.0}  # fmt: skip
    assert features["ارتكبت"] == {"t:pos=1": 1.0, "t:quoted": 1.0, "t:dict_near": 1.0}
    assert features["غزه"] == {"t:pos=3": 1.0, "t:quoted": 1.0}
    assert features["امس"] == {"t:pos=3": 1.0, "t:sent_last": 1.0}
    example = word_tokens(default_tagger.counter, "e", EXAMPLE)
    assert [next(iter(f)) for f in example.token_features[:11]] == ["t:pos=0"] * 3 + ["t:pos=1"] * 3 + [
        "t:pos=2"] * 3 + ["t:pos=3"] * 2  # fmt: skip
    assert [k for k, f in enumerate(example.token_features) if "t:sent_first" in f] == [0, 11]


def test_type_scores_do_not_depend_on_what_was_tagged_before(default_tagger):
    """New word types are scored in batches and the tables grow past their first 1024 rows: a fresh tagger
    that meets the types in another order gives bit-identical probabilities."""
    t = default_tagger
    fresh = Tagger(t.feature_names, t.weights, t.intercepts, t.threshold, card=t.card, words=t.words,
                   counter=t.counter, net=t.net, loadedness=t.loadedness, mix=t.mix, smoothing=t.smoothing,
                   crf=t.crf)  # fmt: skip
    texts = [json.loads(line)["text"] for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()[:120]]
    for text in reversed(texts[1:]):
        fresh.analyse("r", text)
    assert len(fresh._type_ids) > 1024
    for text in (texts[0], texts[-1], EXAMPLE):
        for a, b in zip(t.analyse("a", text)[1:], fresh.analyse("b", text)[1:]):
            assert np.array_equal(a, b)


@pytest.mark.parametrize("with_crf", [False, True])
def test_tagging_in_batches_equals_tagging_each_document(default_tagger, monkeypatch, with_crf):
    """``analyse_many`` scores documents joined into batches: each document's probabilities are those
    ``analyse`` gives it alone (windows, smoothing and a CRF's chain stop at its ends), in order, an empty
    document and one without words included."""
    import analysis.learn.model as model

    t = default_tagger
    rng = np.random.default_rng(1)
    crf = (rng.normal(size=(len(t.feature_names), 3)), rng.normal(size=(3, 3)), 0.4) if with_crf else None
    tagger = Tagger(t.feature_names, t.weights, t.intercepts, t.threshold, words=t.words, counter=t.counter,
                    net=t.net, loadedness=t.loadedness, mix=t.mix, smoothing=0.3, crf=crf)  # fmt: skip
    texts = [json.loads(line)["text"] for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()[:30]]
    texts[3:3] = ["", "... !", EXAMPLE, EXAMPLE]
    monkeypatch.setattr(model, "BATCH_WORDS", 400)  # several batches, most of several documents
    batched = list(tagger.analyse_many([str(k) for k in range(len(texts))], texts))
    assert [doc.doc_id for doc, _, _ in batched] == [str(k) for k in range(len(texts))]
    flagged = 0
    for text, (doc, loaded, name_calling) in zip(texts, batched, strict=True):
        alone, loaded_alone, name_calling_alone = tagger.analyse("x", text)
        assert doc.norm == alone.norm and len(loaded) == len(doc)
        np.testing.assert_allclose(loaded, loaded_alone, rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(name_calling, name_calling_alone, rtol=1e-12, atol=1e-300)
        spans = [(s["start"], s["end"], s["label"]) for s in tagger.spans(doc, loaded, name_calling)]
        assert spans == [(s["start"], s["end"], s["label"]) for s in tagger.spans(alone, loaded_alone,
                                                                                   name_calling_alone)]  # fmt: skip
        flagged += len(spans)
    assert flagged >= 10


def test_type_scores_are_the_feature_dictionaries_summed_in_order(default_tagger):
    """A type's cached score in each block is exactly the sum, one feature after the other, of the weights of
    its indicator features (a batch's names looked up in one pass), plus its vector's score in block 0."""
    from analysis.learn.features import TYPE_BLOCKS

    t = default_tagger
    norms = ["والمليشيات", "المليشيات", "مليشيات", "حكومتهم", "2020", "covid", "ولد", "من", "</s>", "غزه"]
    t._ids(norms)  # scored (those new to this tagger) in one batch
    # the logistic model's two columns, then the CRF's state weights (the shipped design has a CRF)
    weights = t.weights if t.crf is None else np.hstack([t.weights, t.crf[0]])
    assert weights.shape[1] == (2 if t.crf is None else 5)
    checked = 0
    for norm in norms:
        row, names = t.featurizer.indicator_names(norm)
        for b, (block, block_names) in enumerate(zip(TYPE_BLOCKS, names)):
            expected = np.zeros(weights.shape[1])
            for name in block_names:
                if name in t._index:
                    expected = expected + weights[t._index[name]]
            if block == "0" and row >= 0:
                expected = expected + t._vector_scores[row]
            assert np.array_equal(t._type_scores[b, t._type_ids[norm]], expected), (norm, block)
            checked += expected.any()
    assert checked >= 40
    # the dictionaries of training are made of the same names (and the vector dimensions last)
    row, names = t.featurizer.indicator_names("المليشيات")
    assert row >= 0 and names[1][:2] == ["-1:w=المليشيات", "-1:core=مليشيات"]
    assert list(t.featurizer.features("المليشيات", "-1")) == names[1]
    vectors = [f"0:v{i}" for i in range(t.words.vectors.shape[1])]
    assert list(t.featurizer.features("المليشيات", "0")) == names[0] + vectors


def test_type_scores_carry_every_crf_column_and_the_borrowed_marker(default_tagger):
    """With a CRF (five scores per type, not two) and borrowed word rows (the ``proxies`` look-up), each
    type's cached scores are still its indicators' weights summed in order, ``0:vec=borrowed`` among them,
    plus the vector's score in block 0; the logits are the intercepts plus the blocks and the flag code."""
    from analysis.learn.distributional import word_features_for
    from analysis.learn.features import TYPE_BLOCKS, token_feature_dicts

    t = default_tagger
    names = [*t.feature_names, "0:vec=borrowed"]
    weights = np.vstack([t.weights, [0.5, -0.25]])
    rng = np.random.default_rng(0)
    crf = (rng.normal(size=(len(names), 3)), rng.normal(size=(3, 3)), 0.3)
    tagger = Tagger(names, weights, t.intercepts, t.threshold, words=word_features_for("proxies"), counter=t.counter,
                    net=t.net, loadedness=t.loadedness, mix=t.mix, smoothing=t.smoothing, crf=crf)  # fmt: skip
    scored = np.hstack([weights, crf[0]])
    norms = ["سخيف", "بالخيانه", "الغريب", "المليشيات", "qwertyuiop", "2020", "</s>"]
    tagger._ids(norms)
    assert tagger._type_scores.shape[2] == 5
    for norm in norms:
        row, blocks = tagger.featurizer.indicator_names(norm)
        assert ("0:vec=borrowed" in blocks[0]) == (norm in ("سخيف", "بالخيانه")), norm
        for b, block_names in enumerate(blocks):
            expected = np.zeros(5)
            for name in block_names:
                if name in tagger._index:
                    expected = expected + scored[tagger._index[name]]
            if TYPE_BLOCKS[b] == "0" and row >= 0:
                expected = expected + tagger._vector_scores[row]
            assert np.array_equal(tagger._type_scores[b, tagger._type_ids[norm]], expected), (norm, b)
    # the whole document: the same logits as the full feature dictionaries of every token
    doc = tagger.analyse("d", "وصف الوزير القرار بأنه سخيف بالخيانه")[0]
    logits = tagger._logits(doc)[0]
    for i, features in enumerate(token_feature_dicts(doc, tagger.featurizer)):
        assert np.abs(logits[i] - tagger._intercept_row - tagger._score(features)).max() < 1e-12


def test_count_reuses_the_counters_tokens_with_the_models_own_lexicons(default_tagger):
    """``framing count --model default`` matches only the model's frozen lexicons again: the word tokens and
    their dictionary features are those of the model's own analysis, and the hits of a full count agree."""
    from dataclasses import replace

    from analysis.learn.counting import Shared, shared_analysis, tagger_tokens
    from analysis.learn.features import word_tokens
    from analysis.normalize import Folding

    counter = FramingCounter().compile()
    assert shared_analysis(counter.settings, default_tagger) is Shared.TOKENS  # the lexicons differ (round 4 audit)
    assert shared_analysis(default_tagger_counter().settings, default_tagger) is Shared.ANALYSIS
    assert shared_analysis(replace(counter.settings, folding=Folding(alef=False)), default_tagger) is Shared.NOTHING
    assert shared_analysis(replace(counter.settings, min_speech_words=2), default_tagger) is Shared.NOTHING
    text = "قال الرئيس: «إن قوات الاحتلال ارتكبت جريمة بشعة في غزة» أمس. " + EXAMPLE
    reused = tagger_tokens(default_tagger, counter.analyze_text(text, "d"), Shared.TOKENS)
    own = word_tokens(default_tagger.counter, "d", text)
    assert reused.norm == own.norm and np.array_equal(reused.index, own.index)
    assert reused.token_features == own.token_features and "t:dict_term" in str(own.token_features)
    counted = FramingCounter(model="default").analyze_text(text, "d")
    spans = default_tagger.tag("d", text)
    model = [(h.start, h.end, h.label, h.score) for h in counted.hits if h.kind == "model"]
    assert model == [(s["start"], s["end"], s["label"], s["score"]) for s in spans] and model
    assert counted.model_expected == round(float(default_tagger.analyse("d", text)[1].sum()), 6)


def test_spans_are_runs_of_adjacent_flagged_words_by_hand():
    """A comma between two flagged words ends a span; a span's score is its words' mean probability and its
    label Name Calling when their mean Name Calling probability is at least one half."""
    from types import SimpleNamespace

    from analysis.learn.spans import LOADED, NAME_CALLING, decode_spans

    text = "ab cd, ef gh"  # tokens ab cd , ef gh: the words are tokens 0, 1, 3, 4
    doc = SimpleNamespace(text=text, index=np.array([0, 1, 3, 4]), start=np.array([0, 3, 7, 10]),
                          end=np.array([2, 5, 9, 12]))  # fmt: skip
    probability = np.array([0.5, 0.3, 0.2, 0.05])
    assert decode_spans(doc, probability, 0.25) == [
        {"start": 0, "end": 5, "surface": "ab cd", "label": LOADED, "score": 0.4}
    ]
    spans = decode_spans(doc, probability, 0.1, np.array([0.9, 0.2, 0.4, 0.0]))
    assert [(s["surface"], s["label"], s["score"]) for s in spans] == [
        ("ab cd", NAME_CALLING, 0.4),
        ("ef", LOADED, 0.2),
    ]
    assert decode_spans(doc, probability, 0.6) == []
    assert decode_spans(doc, np.full(4, 0.7), 0.6)[1] == {"start": 7, "end": 12, "surface": "ef gh", "label": LOADED,
                                                          "score": 0.7}  # fmt: skip

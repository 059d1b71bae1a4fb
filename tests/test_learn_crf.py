"""The CRF inside the shipped design (``mixed_crf``): forward-backward, the tagger's mix, saving, training.

The forward-backward of :func:`analysis.learn.crf.chain_marginals` is checked against brute
force over every label path and against crfsuite's own marginals; the tagger's per-type
CRF scores against the components the validation mixes; then saving, refusing a bad CRF,
and byte-identical retraining.
"""

from __future__ import annotations

import doctest
import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import FramingInputError
from analysis.learn import crf as crf_module
from analysis.learn import load_tagger, prepare, read_training_annotations, train_tagger
from analysis.learn import training as training_module
from analysis.learn.crf import batch_marginals, chain_marginals, crf_weights
from analysis.learn.mixed import (
    CRF_WEIGHTS,
    component_probabilities,
    crf_sequences_of,
    fit_components,
    mixed_probability,
    prepared_neighbours,
)
from analysis.learn.model import Tagger
from analysis.learn.training import _linear_and_crf_weights, paragraph_weights
from analysis.paths import data_path

ANNOTATIONS = data_path("annotated", "armpro_dev_loaded_language.jsonl")
EXAMPLE = "وقالت إن قوات الاحتلال الإسرائيلي ارتكبت جريمة بشعة بحق المدنيين العزل."


@pytest.fixture(scope="module")
def prepared():
    import pandas as pd

    with open(ANNOTATIONS, encoding="utf-8") as handle:
        records = [json.loads(line) for line, _ in zip(handle, range(100))]
    return prepare(read_training_annotations(pd.DataFrame(records)))


@pytest.fixture(scope="module")
def fitted(prepared):
    docs = np.arange(len(prepared.docs))
    return fit_components(prepared, docs[:75], (0.1,), 0, crf=True)


def test_docstring_examples():
    for module in (crf_module, training_module):
        assert doctest.testmod(module).failed == 0


def test_chain_marginals_equal_brute_force():
    rng = np.random.default_rng(3)
    emissions, transitions = rng.normal(size=(4, 3)) * 2, rng.normal(size=(3, 3)) * 2
    weight = np.zeros((4, 3))
    for path in itertools.product(range(3), repeat=4):
        score = sum(emissions[t, y] for t, y in enumerate(path)) + sum(
            transitions[a, b] for a, b in zip(path, path[1:])
        )
        for t, y in enumerate(path):
            weight[t, y] += np.exp(score)
    assert chain_marginals(emissions, transitions) == pytest.approx(weight / weight.sum(axis=1, keepdims=True))
    assert chain_marginals(emissions[:1], transitions) == pytest.approx(
        np.exp(emissions[:1]) / np.exp(emissions[:1]).sum()
    )
    assert chain_marginals(np.zeros((0, 3)), transitions).shape == (0, 3)
    # a long chain neither overflows nor underflows (every partial product is rescaled)
    long = chain_marginals(rng.normal(size=(2000, 3)) * 30, transitions * 10)
    assert np.isfinite(long).all() and long.sum(axis=1) == pytest.approx(np.ones(2000))


def _reference_marginals(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Forward-backward one position after the other, in log space (the textbook recursion)."""
    from scipy.special import logsumexp

    n, k = emissions.shape
    alpha, beta = np.zeros((n, k)), np.zeros((n, k))
    if n == 0:
        return alpha
    alpha[0] = emissions[0]
    for t in range(1, n):
        alpha[t] = emissions[t] + logsumexp(alpha[t - 1][:, None] + transitions, axis=0)
    for t in range(n - 2, -1, -1):
        beta[t] = logsumexp(transitions + (emissions[t + 1] + beta[t + 1])[None, :], axis=1)
    joint = alpha + beta
    return np.exp(joint - logsumexp(joint, axis=1, keepdims=True))


@settings(max_examples=120, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 70), min_size=1, max_size=8),
    k=st.integers(1, 4),
    scale=st.sampled_from([0.1, 1.0, 5.0, 40.0]),
    seed=st.integers(0, 2**31),
)
def test_batch_marginals_equal_the_textbook_recursion(lengths, k, scale, seed):
    rng = np.random.default_rng(seed)
    emissions = rng.normal(size=(sum(lengths), k)) * scale
    transitions = rng.normal(size=(k, k)) * scale
    ends = np.cumsum(lengths)
    expected = [_reference_marginals(emissions[end - n : end], transitions) for end, n in zip(ends, lengths)]
    got = batch_marginals(emissions, np.array(lengths), transitions)
    assert got.shape == emissions.shape
    assert np.abs(got - np.concatenate(expected)).max(initial=0.0) < 1e-9
    for end, n, one in zip(ends, lengths, expected):  # each sequence alone: the same marginals
        assert np.abs(chain_marginals(emissions[end - n : end], transitions) - one).max(initial=0.0) < 1e-9


def test_batch_marginals_refuse_lengths_that_do_not_cover_the_positions():
    with pytest.raises(ValueError, match="sequence lengths summing to 4, not 5"):
        batch_marginals(np.zeros((5, 3)), np.array([2, 2]), np.zeros((3, 3)))
    assert batch_marginals(np.zeros((0, 3)), np.array([], dtype=int), np.zeros((3, 3))).shape == (0, 3)


def test_chain_marginals_equal_crfsuites(prepared, fitted):
    features = crf_sequences_of(prepared)[0]
    state, transitions, labels = crf_weights(fitted.crf, prepared.names)
    assert labels == ("O", "LL", "NC")
    column = {name: i for i, name in enumerate(prepared.names)}
    worst = 0.0
    batch, references = [], []
    for sequence in features[75:]:
        emissions = np.array([sum(v * state[column[n]] for n, v in token.items()) for token in sequence])
        reference = fitted.crf.predict_marginals([sequence])[0]
        expected = np.array([[m[label] for label in labels] for m in reference])
        worst = max(worst, float(np.abs(chain_marginals(emissions, transitions) - expected).max()))
        batch.append(emissions)
        references.append(expected)
    assert worst < 1e-5
    # the real model's paragraphs in one batch: each paragraph's own marginals (equal to one at a time)
    together = batch_marginals(np.concatenate(batch), np.array([len(e) for e in batch]), transitions)
    assert np.abs(together - np.concatenate(references)).max() < 1e-5
    alone = np.concatenate([chain_marginals(e, transitions) for e in batch])
    assert np.abs(together - alone).max() < 1e-12


def _tagger(prepared, fitted, crf_mix: float) -> Tagger:
    linear = fitted.linear[0.1]
    names, weights, crf = _linear_and_crf_weights(prepared, linear, fitted.crf, crf_mix)
    intercepts = (float(linear.loaded.intercept_[0]), float(linear.name_calling.intercept_[0]))
    return Tagger(names, weights, intercepts, 0.2, words=prepared.featurizer.words, net=fitted.net,
                  loadedness=fitted.loadedness, mix=0.25, smoothing=0.25, crf=crf)  # fmt: skip


def test_tagger_mixes_the_crf_as_the_validation_does(prepared, fitted, tmp_path):
    test = np.arange(75, len(prepared.docs))
    parts = component_probabilities(prepared, fitted, test)
    expected = mixed_probability(parts, 0.1, 0.25, 0.25, prepared_neighbours(prepared, test), 0.5)
    tagger = _tagger(prepared, fitted, 0.5)
    got = np.concatenate([tagger.parts(prepared.docs[d])["probability"] for d in test])
    assert np.abs(got - expected).max() < 1e-5  # crfsuite's marginals against the tagger's per-type scores
    without = mixed_probability(parts, 0.1, 0.25, 0.25, prepared_neighbours(prepared, test))
    assert np.abs(got - without).max() > 0.05  # the CRF changes the probabilities
    # the logistic part is unchanged by the CRF's extra features (zero logistic weight)
    assert len(tagger.feature_names) > len(fitted.linear[0.1].columns)
    loaded = load_tagger(tagger.save(tmp_path / "crf.skops"))
    assert loaded.crf is not None and loaded.crf[2] == 0.5
    assert loaded.tag("x", EXAMPLE) == tagger.tag("x", EXAMPLE)
    again = np.concatenate([loaded.parts(prepared.docs[d])["probability"] for d in test])
    assert np.array_equal(again, got)
    # a batch of documents: one forward-backward for all, each document's own probabilities
    many = tagger.parts_many([prepared.docs[d] for d in test])
    assert len(many) == len(test) and np.abs(np.concatenate([p["probability"] for p in many]) - got).max() < 1e-12
    for d, p in zip(test, many):
        assert set(p) == {"linear", "network", "crf", "probability", "name_calling"}
        assert np.array_equal(p["linear"], tagger.parts(prepared.docs[d])["linear"])


def test_a_crf_that_does_not_fit_its_features_is_refused(prepared, fitted, tmp_path):
    import skops.io

    state = skops.io.loads(_tagger(prepared, fitted, 0.5).save(tmp_path / "good.skops").read_bytes(), trusted=[])
    state["crf_state"] = state["crf_state"][:-1]
    bad = tmp_path / "bad_crf.skops"
    skops.io.dump(state, bad)
    with pytest.raises(FramingInputError, match=r"bad_crf\.skops: has CRF weights that do not fit"):
        load_tagger(bad)


def test_mixed_crf_training_twice_gives_identical_files(tmp_path):
    import pandas as pd

    with open(ANNOTATIONS, encoding="utf-8") as handle:
        frame = pd.DataFrame([json.loads(line) for line, _ in zip(handle, range(80))])
    first = train_tagger(frame, seed=0, date="2026-01-01", design="mixed_crf")
    second = train_tagger(frame, seed=0, date="2026-01-01", design="mixed_crf")
    a, b = first.save(tmp_path / "a.skops"), second.save(tmp_path / "b.skops")
    assert a.read_bytes() == b.read_bytes()
    hyper = first.card["hyperparameters"]
    assert hyper["design"] == "mixed_crf" and hyper["crf_weight"] in CRF_WEIGHTS
    assert first.tag("x", EXAMPLE) == second.tag("x", EXAMPLE)


def test_paragraph_weights_give_each_paragraph_its_share(prepared):
    rows = np.arange(len(prepared.inside))
    weights = paragraph_weights(prepared, rows, power=1.0)
    per_paragraph = np.bincount(prepared.doc_of_token, weights=weights)
    nonempty = per_paragraph[np.bincount(prepared.doc_of_token) > 0]
    assert weights.mean() == pytest.approx(1.0)
    assert nonempty == pytest.approx(np.full(len(nonempty), nonempty[0]))  # every paragraph weighs the same
    half = paragraph_weights(prepared, rows, power=0.5)
    longest = np.argmax(np.bincount(prepared.doc_of_token))
    assert half[prepared.doc_of_token == longest][0] < 1 < half.max()  # long paragraphs count less per word


def test_select_design_takes_each_folds_best_inner_design(prepared):
    from sklearn.model_selection import GroupKFold

    from analysis.learn.validation import CVResult, select_design

    n = len(prepared.inside)
    inner = {
        "a": [0.30, 0.40, 0.20, 0.25, 0.10],
        "b": [0.35, 0.40, 0.10, 0.25, 0.20],
        "c": [0.10, 0.10, 0.30, 0.20, 0.0],
    }
    results = {}
    for value, (name, scores) in enumerate(inner.items(), start=1):
        folds = [{"inner_f1": {"(x,)": 0.0, "(y,)": score}, "param": [name], "threshold": value / 10,
                  "test_paragraphs": 0} for score in scores]  # fmt: skip
        results[name] = CVResult(name, np.full(n, float(value)), np.full(n, -float(value)), np.full(n, value / 10),
                                 folds)  # fmt: skip
    chosen = select_design(prepared, results)
    # fold 2: a and b tie (0.40): the first listed; fold 4: a and b tie (0.25): a
    assert [f["design"] for f in chosen.folds] == ["b", "a", "c", "a", "b"]
    assert chosen.design == "select(a|b|c)"
    docs = np.arange(len(prepared.docs))
    for (_, test), fold in zip(GroupKFold(n_splits=5).split(docs, groups=prepared.articles), chosen.folds):
        rows = prepared.rows(docs[test])
        expected = {"a": 1.0, "b": 2.0, "c": 3.0}[fold["design"]]
        assert (chosen.loaded[rows] == expected).all() and (chosen.name_calling[rows] == -expected).all()
        assert (chosen.threshold[rows] == expected / 10).all()
    with pytest.raises(ValueError, match="other tokens"):
        select_design(prepared, {"a": CVResult("a", np.zeros(3), np.zeros(3), np.zeros(3), [])})

"""The word-row look-ups of analysis.learn.distributional (``stems``, ``proxies``) and the designs over them."""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.errors import FramingInputError
from analysis.learn import load_tagger, prepare, read_training_annotations, strip_clitics, train_tagger
from analysis.learn.distributional import (
    PROXY_MIN_COUNT,
    PROXY_PATH,
    default_word_features,
    light_stem,
    read_proxies,
    with_inputs,
    word_features_for,
)
from analysis.learn.features import TypeFeaturizer
from analysis.learn.validation import cross_validate_design, design_inputs
from analysis.paths import data_path

ANNOTATIONS = data_path("annotated", "armpro_dev_loaded_language.jsonl")
TEXT = "وهذا كلام سخيف ينشر الشائعات بالخيانه ويثير الكراهيه بين الناس."


def _row(words, norm: str) -> int:
    return words.row(norm, strip_clitics(norm))


def test_light_stem_strips_one_proclitic_and_one_suffix():
    assert light_stem("بالخيانه") == light_stem("الخيانه") == light_stem("خيانه") == "خيان"
    assert light_stem("والمليشيات") == "مليشي"  # وال + ات: ي is not a second suffix
    assert light_stem("بلد") == "بلد"  # three letters must remain


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويه", max_size=12))
def test_light_stem_is_a_substring_keeping_three_letters(word):
    stem = light_stem(word)
    assert stem in word and len(stem) >= min(3, len(word))


def test_vocabulary_words_keep_their_rows_under_every_look_up():
    shipped = default_word_features()
    for inputs in ("stems", "proxies"):
        words = word_features_for(inputs)
        assert words.inputs == inputs and words.sha256 == shipped.sha256
        assert all(words.row(w) == row for w, row in list(shipped.index.items())[::50])
    assert word_features_for("shipped") is shipped and shipped.inputs == "shipped"
    with pytest.raises(ValueError, match="inputs must be one of"):
        with_inputs(shipped, "subwords")


def test_rare_words_borrow_an_inflection_then_a_distributional_proxy():
    shipped, stems, proxies = (word_features_for(name) for name in ("shipped", "stems", "proxies"))
    # an inflection of a vocabulary word: its light stem's most frequent word
    assert _row(shipped, "بالخيانه") == -1
    assert _row(stems, "بالخيانه") == _row(proxies, "بالخيانه") == shipped.index["الخيانه"]
    # no vocabulary word shares its stem; folded in from its 5+ corpus contexts, its nearest vocabulary word
    assert _row(shipped, "سخيف") == _row(stems, "سخيف") == -1
    assert _row(proxies, "سخيف") == shipped.index["الغريب"]
    assert _row(proxies, "qwertyuiop") == -1
    featurizer = TypeFeaturizer(proxies)
    assert featurizer.features("سخيف", "0")["0:vec=borrowed"] == 1.0
    assert "0:vec=borrowed" not in featurizer.features("الغريب", "0")
    assert "0:vec=borrowed" not in TypeFeaturizer(shipped).features("سخيف", "0")


def test_proxy_table_is_small_licensed_and_matches_its_card():
    data = PROXY_PATH.read_bytes()
    card = json.loads(PROXY_PATH.with_suffix("").with_suffix(".json").read_text("utf-8"))
    assert len(data) < 5 * 2**20 and card["file_sha256"] == hashlib.sha256(data).hexdigest()
    assert card["vocabulary_sha256"] == default_word_features().sha256 and "CC BY-NC-SA 4.0" in card["licence"]
    rows = [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines()[1:]]
    index = default_word_features().index
    assert len(rows) == card["words"] > 40_000
    assert all(int(count) >= PROXY_MIN_COUNT and word not in index and proxy in index for word, count, proxy, _ in rows)
    assert word_features_for("proxies").proxy_sha256 == card["file_sha256"]


def test_bad_proxy_tables_are_refused(tmp_path):
    index = {"الغريب": 0}
    good = tmp_path / "good.tsv.gz"
    good.write_bytes(gzip.compress("word\tcount\tproxy\tcosine\nسخيف\t9\tالغريب\t0.5\n".encode()))
    assert read_proxies(good, index)[0] == {"سخيف": 0}
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress("word\tcount\tproxy\tcosine\nسخيف\t9\tغير\t0.5\n".encode()))
    with pytest.raises(FramingInputError, match="row 2: has a row that is not"):
        read_proxies(bad, index)
    plain = tmp_path / "plain.tsv.gz"
    plain.write_bytes(b"not gzip")
    with pytest.raises(FramingInputError, match="is not a readable proxy table"):
        read_proxies(plain, index)


def test_design_names_and_their_inputs():
    assert design_inputs("mixed-proxies") == ("mixed", "proxies")
    assert design_inputs("mixed") == ("mixed", "shipped")
    records = [json.loads(line) for line, _ in zip(open(ANNOTATIONS, encoding="utf-8"), range(20))]
    prepared = prepare(read_training_annotations(pd.DataFrame(records)))
    with pytest.raises(ValueError, match="word_features_for\\('proxies'\\)"):
        cross_validate_design(prepared, "mixed-proxies")
    with pytest.raises(ValueError, match="only the mixed designs"):
        train_tagger(pd.DataFrame(records), design="crf")


@pytest.fixture(scope="module")
def proxy_tagger(tmp_path_factory):
    records = [json.loads(line) for line, _ in zip(open(ANNOTATIONS, encoding="utf-8"), range(120))]
    path = tmp_path_factory.mktemp("inputs") / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return train_tagger(path, seed=0, date="2026-01-01", design="mixed-proxies")


def test_proxy_design_trains_saves_and_loads_with_its_look_up(proxy_tagger, tmp_path):
    card = proxy_tagger.card["word_inputs"]
    assert card == {"inputs": "proxies", "proxy_sha256": word_features_for("proxies").proxy_sha256}
    assert "0:vec=borrowed" in proxy_tagger.feature_names
    path = proxy_tagger.save(tmp_path / "p.skops")
    loaded = load_tagger(path)
    assert loaded.words.inputs == "proxies"
    assert loaded.tag("x", TEXT) == proxy_tagger.tag("x", TEXT)
    np.testing.assert_array_equal(
        loaded.token_probabilities("x", TEXT)["probability"], proxy_tagger.token_probabilities("x", TEXT)["probability"]
    )
    # the per-type tables agree with the full feature dictionaries for a borrowed word
    assert "سخيف" in loaded.token_probabilities("x", TEXT)["norm"].tolist()


def test_model_naming_another_proxy_table_is_refused(proxy_tagger, tmp_path):
    path = proxy_tagger.save(tmp_path / "p.skops")
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    digest = proxy_tagger.card["word_inputs"]["proxy_sha256"]
    changed = {name: data.replace(digest.encode(), b"0" * 64) for name, data in members.items()}
    assert changed != members
    forged = tmp_path / "forged.skops"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in changed.items():
            archive.writestr(name, data)
    with pytest.raises(FramingInputError, match="another proxy table"):
        load_tagger(forged)


def test_word_features_for_is_read_once():
    assert word_features_for("proxies") is word_features_for("proxies")
    assert Path(PROXY_PATH).name == "word_proxies.tsv.gz"


def test_proxy_design_retrains_byte_identically(proxy_tagger, tmp_path):
    records = [json.loads(line) for line, _ in zip(open(ANNOTATIONS, encoding="utf-8"), range(120))]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    again = train_tagger(path, seed=0, date="2026-01-01", design="mixed-proxies")
    first, second = proxy_tagger.save(tmp_path / "a.skops"), again.save(tmp_path / "b.skops")
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a.card.json").read_bytes() == (tmp_path / "b.card.json").read_bytes()

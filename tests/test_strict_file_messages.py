"""Files read strictly (lexicons, the configuration) are never told to use ``--encoding-errors replace``.

A newcomer (nc17b) saved a lexicon with one byte of another encoding. ``framing count`` refused it
with the advice to rerun with ``--encoding-errors replace``, which applies to articles only: the
rerun was refused the same way. ``framing lexicon check`` printed the same advice, dropped the byte
that ``framing count`` names and asked to "correct the cell the problem names" of a problem that
names no cell.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import CONFIG_ENV_VAR, load_config
from analysis.errors import FramingInputError

# "term,category\n" (14 bytes) + "وباء,alarmism\n" (8 + 10) + "هلع,alarmism\n" (6 + 10) = 48, then "كارثة " (11).
BAD_TERMS = "term,category\nوباء,alarmism\nهلع,alarmism\nكارثة ".encode() + b"\x93x\x94,alarmism\n"
BAD_BYTE = 59
STRICT = "Fix or re-save it as UTF-8 (this file is read strictly: --encoding-errors replace applies to articles only)."


@pytest.fixture(autouse=True)
def no_config_variable(monkeypatch):
    monkeypatch.delenv(CONFIG_ENV_VAR, raising=False)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "terms.csv").write_bytes(BAD_TERMS)
    pd.DataFrame({"id": ["d1"], "text": ["أعلنت المنظمة أن الوباء كارثة."]}).to_csv(tmp_path / "news.csv", index=False)
    return {"terms": tmp_path / "terms.csv", "corpus": tmp_path / "news.csv"}


@pytest.mark.parametrize("replace", [[], ["--encoding-errors", "replace"]])
def test_count_names_the_byte_of_a_lexicon_and_no_option_that_would_not_read_it(files, tmp_path, capsys, replace):
    argv = ["count", str(files["corpus"]), "--terms", str(files["terms"]), "--ignore", "", "--out", str(tmp_path / "o")]
    assert main([*argv, "--no-progress", *replace]) == 2
    err = capsys.readouterr().err
    assert f"{files['terms']}, byte {BAD_BYTE}: is UTF-8 with an invalid byte sequence at line 4" in err
    assert err.rstrip().endswith(STRICT)
    assert "--encoding-errors replace (" not in err


def test_lexicon_check_keeps_the_byte_and_asks_for_no_cell(files, tmp_path, capsys):
    argv = ["lexicon", "check", "--terms", str(files["terms"]), "--ignore", "", "--out", str(tmp_path / "check")]
    assert main(argv) == 2
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("terms.csv"))
    assert line.startswith(f"terms.csv: error: byte {BAD_BYTE}: is UTF-8 with an invalid byte sequence at line 4")
    assert line.endswith(f"{STRICT[:-1]}; framing count refuses the file until this is fixed.")
    written = pd.read_csv(tmp_path / "check" / "lexicon_check.csv")
    terms = written[written["file"] == "terms.csv"]
    assert len(terms) == 1 and terms["problem"].iloc[0].startswith(f"byte {BAD_BYTE}: ")
    assert terms["advice"].iloc[0] == "framing count refuses the file until this is fixed"


def test_a_row_problem_still_asks_for_its_cell(tmp_path, capsys):
    (tmp_path / "terms.csv").write_text("term,category\nوباء,alarmism\nهلع,\n", encoding="utf-8")
    assert main(["lexicon", "check", "--terms", str(tmp_path / "terms.csv"), "--ignore", ""]) == 2
    out = capsys.readouterr().out
    assert "terms.csv, row 3: error: 'هلع' empty category; framing count refuses the file until this is fixed: " \
        "correct the cell the problem names." in out  # fmt: skip


def test_the_configuration_is_read_strictly_too(tmp_path):
    (tmp_path / "framing.toml").write_bytes(b"seed = 0\n# " + "وباء ".encode() + b"\x93\n")  # 9 + 2 + 9 bytes
    with pytest.raises(FramingInputError, match=r"byte 20: is UTF-8 with an invalid byte sequence") as caught:
        load_config(tmp_path / "framing.toml")
    assert str(caught.value).endswith(STRICT)


def test_articles_still_get_the_option_that_reads_them(files, tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes("أعلنت المنظمة أن الوباء كارثة ".encode() + b"\x93.\n")
    assert main(["count", str(tmp_path / "bad.txt"), "--out", str(tmp_path / "o"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "or read it with --encoding-errors replace (CorpusReader(encoding_errors='replace'))." in err

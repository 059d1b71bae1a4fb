"""Provenance: manifest.json beside every table set, figure metadata, coding sheets that cannot go stale."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

import analysis
from analysis import coding, provenance
from analysis.batch import count_corpus
from analysis.errors import FramingInputError
from analysis.ingest import documents_from_texts
from analysis.lexicon import load_actors, load_ignore, load_terms
from analysis.pipeline import FramingCounter
from analysis.provenance import build_manifest, source_revision
from analysis.style import paper_style, save_figure

ACTORS = "actor,alias,type\nKhalifa Haftar,حفتر,person\nEgypt,مصر,state\n"
TERMS = "term,category,gloss\nمليشي*,delegitimizing_label,militia\n"
IGNORE = "phrase,applies_to\nباريس سان جيرمان,both\n"
ARTICLES = {
    "a.txt": "قال حفتر إن مليشيات مصر تقدمت.",
    "b.txt": "ولحفتر «مليشيات» في الشرق.",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path):
    """Two articles, a metadata.csv and three lexicon files of one's own, in tmp_path."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    (articles / "metadata.csv").write_text("doc_id,outlet,date\na,alpha,2019-10-01\nb,beta,2019-10-02\n", "utf-8")
    for name, text in (("actors.csv", ACTORS), ("terms.csv", TERMS), ("ignore.csv", IGNORE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def counter_of(folder: Path) -> FramingCounter:
    return FramingCounter(
        load_actors(folder / "actors.csv"), load_terms(folder / "terms.csv"), ignore=load_ignore(folder / "ignore.csv")
    )


# --------------------------------------------------------------------------- manifest.json


def test_manifest_is_written_with_the_tables_and_lists_every_sha256(project):
    out = project / "out"
    summary = count_corpus([project / "articles"], out, counter=counter_of(project), group_by=["outlet"])
    assert [p.name for p in summary.written][-1] == "manifest.json"  # moved into place last
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"] == {"name": "arabic-framing", "version": "0.2.0.dev0", **source_revision()}
    assert manifest["command"] == "analysis.count_corpus"
    assert manifest["lexicons"] == {
        "actors": {"path": str(project / "actors.csv"), "sha256": sha256(project / "actors.csv"), "entries": 2},
        "terms": {"path": str(project / "terms.csv"), "sha256": sha256(project / "terms.csv"), "entries": 1},
        "ignore": {"path": str(project / "ignore.csv"), "sha256": sha256(project / "ignore.csv"), "entries": 1},
    }
    assert [(r["path"], r["sha256"], r["bytes"]) for r in manifest["inputs"]] == [
        (
            str(project / "articles" / name),
            sha256(project / "articles" / name),
            (project / "articles" / name).stat().st_size,
        )
        for name in ("a.txt", "metadata.csv", "b.txt")
    ]
    # Each table: its data rows (counted here with pandas) and the SHA-256 of the file in the folder.
    on_disk = sorted(p.name for p in out.iterdir() if p.suffix in (".csv", ".md"))
    assert sorted(manifest["tables"]) == on_disk == [
        "codebook.csv", "codebook.md", "counts.csv", "documents.csv", "group_categories.csv", "groups.csv",
        "hits.csv", "quotations.csv", "scores.csv", "skipped.csv",
    ]  # fmt: skip
    for name, record in manifest["tables"].items():
        if name == "codebook.md":  # not a table: no rows
            assert record == {"sha256": sha256(out / name)}
            continue
        assert record == {"rows": len(pd.read_csv(out / name)), "sha256": sha256(out / name)}, name
    assert manifest["tables"]["hits.csv"]["rows"] == 5  # a: حفتر, مليشيات, مصر; b: ولحفتر, مليشيات
    assert manifest["parameters"]["group_by"] == ["outlet"] and manifest["seed"] is None and manifest["model"] is None
    assert manifest["parameters"]["reader"]["columns"]["text"] == "text"


def test_bundled_lexicons_are_recorded_relative_to_the_project(project):
    count_corpus([project / "articles"], project / "out", counter=FramingCounter())
    lexicons = provenance.read_manifest(project / "out")["lexicons"]
    root = Path(__file__).resolve().parents[1]
    assert {role: record["path"] for role, record in lexicons.items()} == {
        "actors": "data/lexicons/actors.csv", "terms": "data/lexicons/loaded_terms.csv",
        "ignore": "data/lexicons/ignore.csv",
    }  # fmt: skip
    assert lexicons["terms"]["sha256"] == sha256(root / "data" / "lexicons" / "loaded_terms.csv")


def framing(*args, cwd):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})  # fmt: skip


def test_rerun_is_byte_identical_for_any_folder_and_workers(project):
    lexicons = ["--actors", "actors.csv", "--terms", "terms.csv", "--ignore", "ignore.csv"]
    for out, workers in (("one", "1"), ("two", "2"), ("again", "1")):
        done = framing("count", "articles", *lexicons, "--out", out, "--workers", workers, cwd=project)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == f"wrote {out}/manifest.json"
    names = sorted(p.name for p in (project / "one").iterdir())
    assert "manifest.json" in names and "codebook.md" in names and len(names) == 9  # scores.csv included
    for name in names:
        assert (
            (project / "one" / name).read_bytes()
            == (project / "two" / name).read_bytes()
            == (project / "again" / name).read_bytes()
        ), name
    manifest = provenance.read_manifest(project / "one")
    assert manifest["command"] == "framing count"
    assert manifest["parameters"]["paths"] == ["articles"]  # as given, not the absolute temporary path
    assert manifest["lexicons"]["actors"]["path"] == "actors.csv"
    assert "workers" not in json.dumps(manifest) and str(project) not in json.dumps(manifest)


def test_a_failed_run_leaves_the_previous_tables_and_manifest(project):
    out = project / "out"
    count_corpus([project / "articles"], out, counter=counter_of(project))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (project / "empty.txt").write_bytes(b"")
    with pytest.raises(FramingInputError):
        count_corpus([project / "articles", project / "empty.txt"], out, counter=counter_of(project))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_interrupted_commit_leaves_no_manifest_of_another_run(project, monkeypatch):
    out = project / "out"
    count_corpus([project / "articles"], out, counter=counter_of(project))
    real_replace, moved = os.replace, []

    def failing_replace(source, target):
        moved.append(Path(target).name)
        if len(moved) == 3:
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(
        provenance, "replace_all", lambda staged: [failing_replace(s, t) or t for t, s in staged.items()]
    )
    with pytest.raises(OSError, match="disk full"):
        count_corpus([project / "articles"], out, counter=FramingCounter())
    assert moved == ["hits.csv", "counts.csv", "documents.csv"]
    # Two tables of the new run, the rest of the old: no manifest claims either run.
    assert not (out / "manifest.json").exists()


def test_tables_of_a_previous_run_that_this_run_does_not_write_are_removed(project):
    out = project / "out"
    count_corpus([project / "articles"], out, counter=counter_of(project), group_by=["outlet"])
    assert (out / "groups.csv").exists()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    # A file of one's own listed in the manifest (a notebook's coding sheet) is never removed.
    manifest = provenance.read_manifest(out)
    manifest["tables"]["notes.txt"] = {"sha256": sha256(out / "notes.txt")}
    (out / "manifest.json").write_text(provenance.manifest_text(manifest), encoding="utf-8")
    count_corpus([project / "articles"], out, counter=counter_of(project))
    assert sorted(p.name for p in out.iterdir()) == [
        "codebook.csv", "codebook.md", "counts.csv", "documents.csv", "hits.csv", "manifest.json", "notes.txt",
        "quotations.csv", "scores.csv", "skipped.csv",
    ]  # fmt: skip
    assert "groups.csv" not in provenance.read_manifest(out)["tables"]


def test_a_notebooks_column_names_are_recorded_but_not_its_tables():
    """A script or notebook of one's own names its columns with ``Columns``: they were silently left out.

    The manifest then did not say which column was read as the text; tables and lexicons stay out.
    """
    from analysis.corpus import Columns
    from analysis.pipeline import CountResult

    COLUMNS = Columns(text="body", id="article_id", outlet="source")  # noqa: N806 - a notebook's parameters
    RESULT = CountResult(*[pd.DataFrame()] * 4)  # noqa: N806
    TERMS = load_terms()  # noqa: N806
    found = provenance.notebook_parameters(locals())
    assert found["COLUMNS"] == {
        "text": "body", "id": "article_id", "outlet": "source", "date": "date", "title": "title", "url": "url",
        "article": "",
    }  # fmt: skip
    assert "RESULT" not in found and "TERMS" not in found


def test_write_manifest_for_a_notebook(project):
    documents = documents_from_texts(["حفتر"], ["x"])
    (project / "out").mkdir()
    (project / "out" / "table.csv").write_text('a,b\n1,"x\ny"\n2,z\n', encoding="utf-8")
    SEED, WINDOW, counter, _hidden = 3, (1, 2), counter_of(project), 1  # noqa: N806 - a notebook's parameters
    run = provenance.describe_run(
        "notebook 99_test", parameters=provenance.notebook_parameters(locals()), inputs=[project / "articles" / "a.txt"],
        counter=counter, lexicons={"sources": project / "terms.csv"}, seed=SEED,
    )  # fmt: skip
    assert documents is not None
    path = provenance.write_manifest(project / "out", run, tables=["table.csv"])
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert manifest["command"] == "notebook 99_test" and manifest["seed"] == 3
    assert manifest["parameters"]["SEED"] == 3 and manifest["parameters"]["WINDOW"] == [1, 2]
    assert "_hidden" not in manifest["parameters"] and "counter" in manifest["parameters"]  # the counter's settings
    assert manifest["lexicons"]["sources"]["sha256"] == sha256(project / "terms.csv")
    assert [r["path"] for r in manifest["inputs"]] == [
        str(project / "articles" / "a.txt"),
        str(project / "articles" / "metadata.csv"),
    ]
    assert manifest["tables"] == {"table.csv": {"rows": 2, "sha256": sha256(project / "out" / "table.csv")}}
    assert path.read_text(encoding="utf-8") == provenance.manifest_text(manifest)


def test_a_notebook_run_records_its_counters_model():
    # Notebook 06 describes its run with counter=FramingCounter(model=MODEL): its manifest.json and the
    # model_shares figure, drawn from that model's spans, said "model": null, so no reviewer could tell which.
    from analysis.learn.model import DEFAULT_MODEL_PATH

    run = provenance.describe_run("notebook 06_test", counter=FramingCounter(model="default"))
    assert run["model"]["sha256"] == sha256(DEFAULT_MODEL_PATH)
    assert run["model"]["name"] == "default" and 0 < run["model"]["threshold"] < 1
    assert provenance.describe_run("notebook 06_test", counter=FramingCounter())["model"] is None
    given = provenance.describe_run("notebook 06_test", counter=FramingCounter(model="default"), model="mine")
    assert given["model"] == {"name": "mine"}


# --------------------------------------------------------------------------- figures


def pdf_subject(raw: bytes) -> str:
    """The /Subject string of a PDF's information dictionary, read from the raw bytes."""
    match = re.search(rb"/Subject \(((?:\\.|[^\\)])*)\)", raw)
    assert match, "no /Subject in the PDF"
    return re.sub(rb"\\(.)", rb"\1", match.group(1)).decode("ascii")


def test_figures_carry_the_provenance_in_their_metadata(project, tmp_path):
    run = provenance.describe_run("notebook 03_test", parameters={"QUERY": "مليشي* (x)"}, counter=counter_of(project))
    with paper_style():  # as analysis.plot builds figures
        fig = Figure(figsize=(2, 2), layout="constrained")
        axes = fig.add_subplot()
        axes.plot([1, 2, 3])
        axes.set_title("خليفة حفتر")
    first = save_figure(fig, "f", folder=tmp_path / "a", provenance=run)
    again = save_figure(fig, "f", folder=tmp_path / "b", provenance=run)
    plain = save_figure(fig, "f", folder=tmp_path / "c")
    for path, other in zip(first, again):
        assert path.read_bytes() == other.read_bytes(), path.name  # byte-identical resave
    png, pdf, svg = (tmp_path / "a" / f"f.{fmt}" for fmt in ("png", "pdf", "svg"))
    assert json.loads(Image.open(png).text["Provenance"]) == run
    assert json.loads(pdf_subject(pdf.read_bytes())) == run
    assert b"/Keywords (arabic-framing 0.2.0.dev0 provenance)" in pdf.read_bytes()
    description = re.search(r"<dc:description>(.*?)</dc:description>", svg.read_text(encoding="utf-8"), re.S)
    assert json.loads(description.group(1).replace("&quot;", '"').replace("&amp;", "&")) == run
    assert run["lexicons"]["terms"]["sha256"] == sha256(project / "terms.csv")
    assert "Provenance" not in Image.open(tmp_path / "c" / "f.png").text
    assert b"/Subject" not in (tmp_path / "c" / "f.pdf").read_bytes()
    assert all(path.read_bytes() != other.read_bytes() for path, other in zip(first, plain))


# --------------------------------------------------------------------------- coding sheets


def _corpus(word: str) -> tuple[pd.DataFrame, pd.DataFrame, FramingCounter]:
    texts = [f"قال المتحدث في البيان رقم {i} إن {word} حفتر تقدمت نحو المدينة." for i in range(12)]
    documents = documents_from_texts(texts, [f"d{i:02d}" for i in range(12)])
    counter = FramingCounter()
    return documents, counter.count(documents).hits, counter


def _save(folder, documents, hits, counter, seed=0):
    sample = coding.sample_hits(hits, per_stratum=4, seed=seed)
    sheet = coding.coding_sheet(sample, documents)
    saved = coding.save_coding_sheet(sheet, folder, sample=sample, documents=documents, seed=seed, lexicons=counter,
                                     suffixes=(".xlsx", ".csv"))  # fmt: skip
    return sheet, saved


def test_sheets_are_named_by_identity_and_kept_only_for_the_same_sample(tmp_path):
    documents, hits, counter = _corpus("مليشيات")
    sheet, saved = _save(tmp_path, documents, hits, counter)
    short = saved[0].identity[:8]
    assert [(s.path.name, s.status) for s in saved] == [
        (f"coding_sheet_{short}_seed0.xlsx", "written"), (f"coding_sheet_{short}_seed0.csv", "written"),
    ]  # fmt: skip
    assert saved[0].identity == coding.sheet_identity(sheet, documents, seed=0, lexicons=counter)["sha256"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            f"coding_sheet_{short}_seed0.csv",
            f"coding_sheet_{short}_seed0.sample.json",
            f"coding_sheet_{short}_seed0.xlsx",
        ]
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    _, again = _save(tmp_path, documents, hits, counter)
    assert [s.status for s in again] == ["kept", "kept"]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    # Another seed or another corpus: another name, and the old sheet is listed as other data.
    _, reseeded = _save(tmp_path, documents, hits, counter, seed=1)
    assert reseeded[0].path.name.endswith("_seed1.xlsx") and reseeded[0].identity[:8] != short
    other_documents, other_hits, _ = _corpus("ميليشيات")
    _, other = _save(tmp_path, other_documents, other_hits, counter)
    assert [s.status for s in other] == ["written", "written"] and other[0].identity[:8] not in (
        short,
        reseeded[0].identity[:8],
    )
    listed = {path.name: what for path, what in coding.other_sheets(tmp_path, other[0].identity)}
    assert set(listed) == {s.path.name for s in (*saved, *reseeded)}
    assert listed[saved[0].path.name].startswith(f"identity {short}: corpus of 12 document(s)")


def test_a_sheet_of_other_data_under_the_same_name_is_refused_loudly(tmp_path):
    documents, hits, counter = _corpus("مليشيات")
    _, first = _save(tmp_path / "a", documents, hits, counter)
    other_documents, other_hits, _ = _corpus("ميليشيات")
    sample = coding.sample_hits(other_hits, per_stratum=4, seed=0)
    other_sheet = coding.coding_sheet(sample, other_documents)
    identity = coding.sheet_identity(other_sheet, other_documents, seed=0, lexicons=counter)["sha256"]
    # The first sheet and its sample copied under the name the other data would get.
    folder = tmp_path / "b"
    folder.mkdir()
    stem = f"coding_sheet_{identity[:8]}_seed0"
    for suffix in (".xlsx", ".sample.json"):
        (folder / f"{stem}{suffix}").write_bytes(first[0].path.with_name(first[0].path.stem + suffix).read_bytes())
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(FramingInputError) as refused:
        coding.save_coding_sheet(
            other_sheet, folder, sample=sample, documents=other_documents, seed=0, lexicons=counter
        )
    message = str(refused.value)
    assert f"{stem}.sample.json" in message and f"{stem}.xlsx" in message
    assert f"identity {first[0].identity[:8]}" in message and f"identity {identity[:8]}" in message
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # A sheet of that name without its sample cannot be told apart either.
    (folder / f"{stem}.sample.json").unlink()
    with pytest.raises(FramingInputError, match="exists without its sample"):
        coding.save_coding_sheet(
            other_sheet, folder, sample=sample, documents=other_documents, seed=0, lexicons=counter
        )


READ_IN_A_NEW_PROCESS = """
import json, sys
import pandas as pd
from analysis.coding import read_coding_sheet
coded = read_coding_sheet(sys.argv[1])
print(json.dumps({"columns": list(coded.columns), "hit_id": list(coded["hit_id"]), "hit": list(coded["hit"]),
                  "coder_1": [None if pd.isna(c) else str(c) for c in coded["coder_1"]],
                  "uncoded": coded.attrs["uncoded"], "codes": list(coded.attrs["codes"])}, ensure_ascii=False))
"""


def test_read_coding_sheet_needs_only_the_path_in_a_new_process(tmp_path):
    documents, hits, counter = _corpus("مليشيات")
    sheet, saved = _save(tmp_path, documents, hits, counter)
    book = openpyxl.load_workbook(saved[0].path)
    coder_1 = [c.value for c in book["coding"][1]].index("coder_1") + 1
    codes = ["correct", "incorrect", None, "correct", "unclear", "correct", "correct", "correct"][: len(sheet)]
    for row, code in enumerate(codes, start=2):
        book["coding"].cell(row=row, column=coder_1).value = code
    filled = tmp_path / f"{saved[0].path.stem}_coder_a.xlsx"  # a copy under a longer name finds its sample too
    book.save(filled)
    done = subprocess.run([sys.executable, "-c", READ_IN_A_NEW_PROCESS, str(filled)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})  # fmt: skip
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    in_memory = coding.read_coding_sheet(filled, expected=sheet)
    assert read["columns"] == list(sheet.columns) == list(in_memory.columns)
    assert read["hit_id"] == list(sheet["hit_id"]) and read["hit"] == ["مليشيات"] * len(sheet)
    assert read["coder_1"] == codes == [None if pd.isna(c) else c for c in in_memory["coder_1"]]
    assert read["uncoded"] == {"coder_1": 1, "coder_2": len(sheet)} and read["codes"] == list(coding.DEFAULT_CODES)
    exported = coding.exported_sheet(saved[1].path)
    pd.testing.assert_frame_equal(exported, sheet)
    assert list(exported.attrs["sample"][["doc_id", "start", "end"]].itertuples(index=False, name=None)) == [
        tuple(h.split(":")[0:1]) + tuple(map(int, h.split(":")[1].split("-"))) for h in sheet["hit_id"]
    ]


def test_a_sheet_without_its_sample_says_what_to_do(tmp_path):
    documents, hits, counter = _corpus("مليشيات")
    _, saved = _save(tmp_path, documents, hits, counter)
    coding.sample_path(saved[0].path).unlink()
    with pytest.raises(FramingInputError, match=r"has no exported sample beside it \(coding_sheet_.*\.sample\.json\)"):
        coding.read_coding_sheet(saved[0].path)


def test_the_manifest_has_the_keys_tables_defines_and_the_readme_lists(project):
    from analysis.paths import project_root
    from analysis.tables import MANIFEST

    count_corpus([project / "articles"], project / "out", counter=counter_of(project))
    assert sorted(provenance.read_manifest(project / "out")) == sorted(MANIFEST.names)
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `manifest\.json` \|[^|]+\| `([^`]+)`", readme, re.M)
    assert row and [k.strip() for k in row.group(1).split(",")] == list(MANIFEST.names)


def test_the_manifest_names_the_commit_of_a_checkout_and_nothing_outside_one(tmp_path):
    # 0.2.0.dev0 names many states of the code: a published number is rerun from the commit.
    revision = source_revision()
    if (Path(analysis.__file__).resolve().parents[2] / ".git").exists() and shutil.which("git"):
        assert re.fullmatch(r"[0-9a-f]{40}", revision["commit"]) and isinstance(revision["modified"], bool)
    assert source_revision(tmp_path) == {"commit": None, "modified": None}
    (tmp_path / ".git").mkdir()  # not a repository git can read
    assert source_revision(tmp_path) == {"commit": None, "modified": None}
    assert build_manifest(command="x")["package"] == {"name": "arabic-framing", "version": "0.2.0.dev0", **revision}


def test_the_configuration_file_itself_is_recorded_by_the_command_and_the_notebooks(project, monkeypatch):
    # A newcomer could tell a reviewer every input's SHA-256 but not which framing.toml had set the run up.
    from analysis.cli import main
    from analysis.config import load_config

    monkeypatch.delenv("FRAMING_CONFIG", raising=False)
    config = project / "study.toml"
    config.write_text(
        '[corpus]\npaths = ["articles"]\n[lexicons]\nactors = "actors.csv"\nterms = "terms.csv"\n'
        'ignore = "ignore.csv"\n[output]\nfolder = "out"\n',
        encoding="utf-8",
    )
    assert main(["count", "--config", str(config)]) == 0
    recorded = provenance.read_manifest(project / "out" / "count")["parameters"]["config"]
    assert recorded == {"file": str(config), "sha256": sha256(config)}
    # Without --config (or $FRAMING_CONFIG) the manifest has no such key, as before.
    assert main(["count", str(project / "articles"), "--out", str(project / "plain")]) == 0
    assert "config" not in provenance.read_manifest(project / "plain")["parameters"]
    CONFIG = load_config(config)  # noqa: N806 - a notebook's parameters cell
    assert provenance.notebook_parameters(locals())["CONFIG"] == {"file": str(config), "sha256": sha256(config)}

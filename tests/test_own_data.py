"""A newcomer's own data, end to end: every notebook on another corpus and another lexicon.

The corpus (``tests/data/own_data/corpus.csv``) has other column names (``body``,
``article_id``, ``source``, ``published``, ``headline``, ``link``); the lexicon is an
invented one (``Occupation Army``, ``Global Health Body`` ...) with its own categories.
Each notebook runs through nbclient with ``$FRAMING_CONFIG`` naming a copy of
``tests/data/own_data/framing.toml``, and its outputs must show the custom labels and none of
the bundled lexicon's (``Khalifa Haftar`` ...): a notebook that silently fell back to the
Libya lexicons, or printed the bundled article's examples, fails here.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from PIL import Image

import analysis
from analysis.config import CONFIG_ENV_VAR
from analysis.paths import data_path, project_root
from analysis.provenance import file_sha256

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

OWN_DATA = Path(__file__).parent / "data" / "own_data"
NOTEBOOKS = sorted((project_root() / "notebooks").glob("*.ipynb"))
CUSTOM_ACTORS = {"Occupation Army", "Resistance Factions", "Global Health Body", "Health Ministry", "Eastern Power"}
CUSTOM_CATEGORIES = {"alarm", "containment", "occupation_frame"}
# Which custom labels each notebook must show (01 counts nothing; 04 lists terms, not actors).
EXPECTED = {
    "02_actors_and_loaded_terms": {"Occupation Army"},
    "03_framing_metrics_and_figures": {"Occupation Army", "Resistance Factions", "Health Ministry"},
    "04_compare_outlets": {"alarm", "containment"},
    "05_validate_and_explore": {"Occupation Army"},
    "07_corpus_framing_for_papers": {"alarm"},
}
# A figure each notebook must save into the configuration's figures folder.
FIGURES = {
    "03_framing_metrics_and_figures": "framing_heatmap_single.png",
    "04_compare_outlets": "outlet_rates_double.png",
    "07_corpus_framing_for_papers": "group_matrix_single.png",
}


def _column(path: Path, name: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[name] for row in csv.DictReader(handle)}


def bundled_names() -> set[str]:
    """The bundled lexicon's actor labels and term categories: none may show on the own data."""
    return _column(data_path("lexicons", "actors.csv"), "actor") | _column(
        data_path("lexicons", "loaded_terms.csv"), "category"
    )


def text_outputs(notebook: nbformat.NotebookNode) -> str:
    """Everything a reader sees as text: streams, plain text and HTML of every output."""
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                parts.append("\n".join(output.get("traceback", [])))
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.extend(data.get(kind, "") for kind in ("text/plain", "text/html"))
    return "\n".join(parts)


def found(names: set[str], text: str) -> set[str]:
    """The names that stand in ``text`` as whole words (``Chad`` not inside ``Chadian``)."""
    return {name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)}


@pytest.fixture(scope="module")
def own_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the own-data folder whose configuration writes tables and figures beside it."""
    folder = tmp_path_factory.mktemp("own_data")
    for path in OWN_DATA.iterdir():
        shutil.copy(path, folder / path.name)
    config = folder / "framing.toml"
    with config.open("a", encoding="utf-8") as handle:
        handle.write('\n[output]\nfolder = "outputs"\nfigures = "figures"\n')
    return config


def test_the_two_lexicons_share_no_name():
    assert not (CUSTOM_ACTORS | CUSTOM_CATEGORIES) & bundled_names()
    assert "Khalifa Haftar" in bundled_names() and "delegitimizing_label" in bundled_names()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_on_own_data_shows_only_the_own_lexicon(path, own_config, monkeypatch):
    monkeypatch.setenv(CONFIG_ENV_VAR, str(own_config))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # The kernel starts in the data folder: give it the package this test imported, by absolute path.
    package_parent = str(Path(analysis.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(own_config.parent)}},
    )
    client.execute()
    shown = text_outputs(notebook)
    assert not found(bundled_names(), shown), "bundled lexicon names in the outputs"
    assert found(EXPECTED.get(path.stem, set()), shown) == EXPECTED.get(path.stem, set())
    if path.stem != "01_ingest_and_tokenize":
        assert found(CUSTOM_ACTORS | CUSTOM_CATEGORIES, shown), "no custom label at all"
    if path.stem == "01_ingest_and_tokenize":
        # The reading report (skipped.csv of framing count) is shown: handmade-6's date gives no month.
        assert "kept; month left empty" in shown
    if path.stem == "02_actors_and_loaded_terms":
        # The own term file is valid once its Arabic header is mapped (terms_columns): 3 warnings, no
        # error, as `framing lexicon check --config` says; the notebook's check must read it the same way.
        assert "{'warning': 3}" in shown and "'error':" not in shown
    if path.stem == "04_compare_outlets":
        # handmade-6 (alarabiya) has the date 'منتصف مارس', which gives no month: alarabiya's first month is
        # still 2020-03 (not ""), with 1 undated article; aljazeera has none.
        assert re.search(r"alarabiya\s+19\s+\d+\s+2020-03\s+2020-03\s+1$", shown, re.M)
        assert re.search(r"aljazeera\s+13\s+\d+\s+2020-03\s+2020-03\s+0$", shown, re.M)
        # The category astronomy has no hit: its rates are rows of zeros (19 articles, 0 hits), not missing.
        assert re.search(r"alarabiya\s+astronomy\s+19\s+19\s+0\s", shown)
        # ... and its [0, 0] interval is named as no interval, with the rule of three's bound.
        assert re.search(r"alarabiya × astronomy: no hit in [\d,]+ words \(19 articles\); \[0, 0\] is not", shown)
        # The tables behind the figures are written too, not only shown (a paper needs them): the same rates,
        # with a codebook and a manifest; no time_rates.csv, since every date gives one month (no series).
        out = own_config.parent / "outputs" / "04_compare_outlets"
        with (out / "rates.csv").open(encoding="utf-8") as handle:
            rates = {(row["group"], row["category"]): row for row in csv.DictReader(handle)}
        assert (rates[("alarabiya", "astronomy")]["n"], rates[("alarabiya", "astronomy")]["n_articles"]) == ("0", "19")
        assert {group for group, _ in rates} == {"alarabiya", "aljazeera"}
        listed = set(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tables"])
        assert {"rates.csv", "rate_differences.csv", "articles_needed.csv", "codebook.csv"} <= listed
        assert not (out / "time_rates.csv").exists()
    # Every notebook writes a manifest.json beside its tables (01 and 03 wrote none): the notebook, the
    # configuration file, the corpus read with its SHA-256, and each table with its own.
    out = own_config.parent / "outputs" / path.stem
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["command"] == f"notebook {path.stem}"
    assert manifest["parameters"]["CONFIG"]["sha256"] == file_sha256(own_config)
    assert file_sha256(own_config.parent / "corpus.csv") in {item["sha256"] for item in manifest["inputs"]}
    assert manifest["tables"] and all(
        file_sha256(out / name) == table["sha256"] for name, table in manifest["tables"].items()
    )
    # Tables and figures went where the configuration says, not into the project.
    folder = own_config.parent
    written = {p.relative_to(folder).parts[0] for p in folder.rglob("*") if p.is_file()}
    assert written <= {p.name for p in OWN_DATA.iterdir()} | {"outputs", "figures"}
    figure = FIGURES.get(path.stem)
    if figure:
        assert (folder / "figures" / figure).is_file()
        # The category names drawn come from the researcher's categories.csv: its hash is cited too.
        categories = figure_provenance(folder / "figures" / figure)["lexicons"]["categories"]
        assert categories["sha256"] == file_sha256(folder / "categories.csv")
    # Every figure a notebook saved says what made it, to cite in a methods section.
    for png in (folder / "figures").glob("*.png"):
        assert figure_command(png).startswith("notebook "), f"{png.name} has no provenance"


def figure_provenance(png: Path) -> dict:
    """A PNG's provenance (its ``Provenance`` text chunk), or {} when it has none."""
    with Image.open(png) as image:
        record = image.text.get("Provenance")
    return json.loads(record) if record else {}


def figure_command(png: Path) -> str:
    """The ``command`` of a PNG's provenance, or "" when it has none."""
    return figure_provenance(png).get("command", "")


def _own_data_with_row(tmp_path: Path, *rows: list[str]) -> Path:
    """A copy of the own-data study in ``tmp_path`` with more corpus rows; its framing.toml."""
    for path in OWN_DATA.iterdir():
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / "corpus.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    config = tmp_path / "framing.toml"
    with config.open("a", encoding="utf-8") as handle:
        handle.write('\n[output]\nfolder = "outputs"\nfigures = "figures"\n')
    return config


def _executed(stem: str, config: Path, monkeypatch) -> nbformat.NotebookNode:
    """Run notebook ``stem`` on ``config`` in its folder; the executed notebook (a failing cell raises)."""
    monkeypatch.setenv(CONFIG_ENV_VAR, str(config))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    package_parent = str(Path(analysis.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(project_root() / "notebooks" / f"{stem}.ipynb", as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(config.parent)}}
    )
    client.execute()  # raises CellExecutionError at a cell that fails
    return notebook


def _executed_outputs(stem: str, config: Path, monkeypatch) -> str:
    """Run notebook ``stem`` on ``config`` in its folder; the text of its outputs (a failing cell raises)."""
    return text_outputs(_executed(stem, config, monkeypatch))


@pytest.mark.parametrize("stem", ["04_compare_outlets", "07_corpus_framing_for_papers"])
def test_an_article_without_an_outlet_is_left_out_of_the_comparison_by_name(stem, tmp_path, monkeypatch):
    # A .txt file with no metadata row has no outlet: framing count groups it as (missing), and the
    # notebooks' bootstrap comparisons stopped at their first cell with a ValueError, the rest undone.
    # Five of them (CV_FOLDS): notebook 04's outlet classifier took the outlet-less articles as a class ''
    # and stopped with outlet_classifier's ValueError; with fewer it named '' among the small outlets.
    rows = [[f"no-outlet-{i}", "2020-03", "", "", "", f"خبر {i} بلا مصدر عن وزارة الصحة"] for i in range(1, 6)]
    config = _own_data_with_row(tmp_path, *rows)
    shown = _executed_outputs(stem, config, monkeypatch)
    named = ", ".join(f"'no-outlet-{i}'" for i in range(1, 6))
    assert f"5 of 37 document(s) have no 'outlet' and are left out: [{named}]" in shown
    assert "'': " not in shown  # no outlet named '' anywhere (the classifier's left-out outlets)
    assert (tmp_path / "figures" / FIGURES[stem]).is_file()


HANDFUL = {"handmade-1", "handmade-2", "covid3-alarabiya-16"}  # 2 outlets; the example article names no actor
# What each notebook says instead of an empty table or a failed cell on them.
HANDFUL_NOTES = {
    "03_framing_metrics_and_figures": "no actor of the lexicon is mentioned in covid3-alarabiya-16: no salience to rank",
    "04_compare_outlets": "left out of the classifier (fewer than CV_FOLDS=5 articles)",
    "06_learn_and_validate": "at or above the model's threshold: no candidate term",
    "07_corpus_framing_for_papers": (
        "no regression: 3 articles for 3 coefficients (intercept, 1 outlet(s) against the first, log words)"
    ),
}


@pytest.mark.parametrize("stem", sorted(HANDFUL_NOTES))
def test_notebook_on_a_handful_of_articles_runs_through_and_says_what_it_cannot_show(stem, tmp_path, monkeypatch):
    # A student's three articles of two outlets. Notebook 07's regression example then had as many
    # coefficients (intercept, one outlet, log words) as articles: ols raised and the exports never
    # ran. Notebooks 03 and 06 printed a bare "Empty DataFrame" where the README promises a note.
    for path in OWN_DATA.iterdir():
        shutil.copy(path, tmp_path / path.name)
    with (OWN_DATA / "corpus.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with (tmp_path / "corpus.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *(row for row in rows[1:] if row[0] in HANDFUL)])
    config = tmp_path / "framing.toml"
    text = config.read_text(encoding="utf-8").replace('doc_id = "handmade-2"', 'doc_id = "covid3-alarabiya-16"')
    config.write_text(text + '\n[output]\nfolder = "outputs"\nfigures = "figures"\n', encoding="utf-8")
    notebook = _executed(stem, config, monkeypatch)
    shown = text_outputs(notebook)
    assert HANDFUL_NOTES[stem] in shown
    assert "Empty DataFrame" not in shown
    if stem == "04_compare_outlets":
        # The terms that drive each outlet's rate: none with no hit (group_table lists every label with zeros).
        cell = next(cell for cell in notebook.cells if "TOP_LABELS)[" in cell.source)
        table = "".join(output["data"]["text/plain"] for output in cell.outputs if "data" in output)
        rows = [row.split() for row in table.splitlines()[1:]]  # under the header: index outlet category label n rate
        assert rows and all(row[-2] != "0" for row in rows), table
    if stem == "07_corpus_framing_for_papers":
        assert "3 articles of 2 outlet(s)" in shown
        assert (tmp_path / "outputs" / stem / "scores.csv").is_file()


@pytest.mark.parametrize(
    "stem", ["04_compare_outlets", "05_validate_and_explore", "06_learn_and_validate", "07_corpus_framing_for_papers"]
)
def test_a_record_that_cannot_be_read_is_named_not_lost_among_the_notes(stem, tmp_path, monkeypatch):
    # A row with an empty body: framing count stops on it (or skips it with --skip-bad, on the console). The
    # notebooks read on without it: 04 showed the report grouped by the whole problem text, hundreds of rows
    # of removed outlet names and datelines on a real corpus, the error among the rows pandas elides; 07
    # and 05 and 06 (a student's empty draft among 18 .txt articles) showed nothing. Each must name it (row 34:
    # the header is row 1, the 32 articles rows 2-33).
    config = _own_data_with_row(tmp_path, ["empty-body-1", "2020-03", "alarabiya", "عنوان", "", ""])
    shown = _executed_outputs(stem, config, monkeypatch)
    assert "1 record(s) could not be read and are left out" in shown
    # The summary's first row (HTML, as JupyterLab shows it): level, kind, rows, first message, file (cut by the
    # notebook's max_colwidth), row, id.
    cells = r"<th>0</th>\s*<td>error</td>\s*<td>empty text</td>\s*<td>1</td>\s*<td>empty text</td>\s*<td>[^<]*</td>"
    assert re.search(cells + r"\s*<td>34</td>\s*<td>empty-body-1</td>", shown)


def test_a_lexicon_with_no_hit_in_the_corpus_saves_no_rates_figure_of_zeros(tmp_path, monkeypatch):
    # nc20c: a Yemen lexicon on the COVID-19 articles, 0 loaded terms. Notebook 04 said "no loaded term of the
    # lexicon in the selected outlets" under its terms table, yet saved outlet_rates_single/double with every
    # dot at 0: the README promises a note instead of an empty figure.
    # fg21b: the check ran before the figure's cut to the 8 outlets with most articles. Seven more outlets of two
    # articles each and one of a single article, whose one article has the only hit: the outlets drawn have none,
    # and the figure, which now refuses a table without a hit, stopped the notebook.
    rows = [
        [f"small-{k}-{i}", "2020-03", f"outlet{k}", "", "", f"خبر {i} من المصدر {k} عن وزارة الصحة"]
        for k in range(7)
        for i in (1, 2)
    ]
    config = _own_data_with_row(tmp_path, *rows, ["tiny-1", "2020-03", "tiny", "", "", "رصد العلماء كويكب قرب الأرض."])
    with (tmp_path / "loaded_terms.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["الكلمة", "الفئة", "الترجمة", "ملاحظات"], ["كويكب", "astronomy", "asteroid", ""]]
        )
    shown = _executed_outputs("04_compare_outlets", config, monkeypatch)
    assert (
        "the figure shows the 8 with most articles" in shown
        and "tiny" not in shown.split("8 with most articles")[1][:200]
    )
    assert "no loaded terms in the outlets drawn: no rates figure (the table above lists the zeros)" in shown
    assert not list((tmp_path / "figures").glob("outlet_rates_*"))
    # The figure that does not need the lexicon is still saved.
    assert (tmp_path / "figures" / "fightin_words_single.png").is_file()


def test_notebook_07_names_the_actors_of_each_width_of_its_figure(tmp_path, monkeypatch):
    # nc20c: the one-column group_matrix figure drew the 2 most mentioned actors, the two-column one 4, and
    # nothing said so: on a Yemen corpus the one-column figure showed Saudi Arabia and Iran (no pairs) and left
    # out the Houthis, the actor with most pairs. The cell now names the actors of both widths.
    config = _own_data_with_row(tmp_path)
    notebook = _executed("07_corpus_framing_for_papers", config, monkeypatch)
    shown = text_outputs(notebook)
    note = re.search(
        r"the one-column figure shows the 2 most mentioned actors \(([^)]*)\), the two-column figure "
        r"(\d) \(([^)]*)\); set SINGLE_ACTORS",
        shown,
    )
    assert note, shown[-2000:]
    single, double = note.group(1).split(", "), note.group(3).split(", ")
    assert len(single) == 2 and single == double[:2] and int(note.group(2)) == len(double) > 2
    assert set(double) <= CUSTOM_ACTORS
    assert (tmp_path / "figures" / "group_matrix_single.png").is_file()


def test_notebook_03_writes_the_pairs_behind_every_cell_of_its_heatmap(tmp_path, monkeypatch):
    # nc20c: the heatmap counts pairs in a sentence (Houthis × delegitimizing label: 8 in the article), but
    # framing_pairs.csv, "the tables behind the figures", held only the pairs within WINDOW=3 tokens (6): the
    # figure's number could not be traced. framing_pairs_sentence.csv now holds the heatmap's pairs.
    from analysis.config import load_config, make_counter
    from analysis.ingest import read_documents
    from analysis.metrics import framing_matrix

    config = _own_data_with_row(tmp_path)
    _executed("03_framing_metrics_and_figures", config, monkeypatch)
    out = tmp_path / "outputs" / "03_framing_metrics_and_figures"
    with (out / "framing_pairs_sentence.csv").open(encoding="utf-8", newline="") as handle:
        sentence_pairs = list(csv.DictReader(handle))
    # The heatmap's cells, counted again here from the article as the configuration reads it.
    settings = load_config(config)
    counter = make_counter(settings.actors, settings.terms, settings.ignore, settings.lexicon_columns)
    documents = read_documents([settings.articles[0]], columns=settings.columns)
    result = counter.count(documents)
    hits = result.hits[result.hits["doc_id"] == settings.examples.doc_id]
    expected = {(row.actor, row.category): row.n for row in framing_matrix(hits).itertuples()}
    counted: dict[tuple[str, str], int] = {}
    for pair in sentence_pairs:
        counted[pair["actor"], pair["category"]] = counted.get((pair["actor"], pair["category"]), 0) + 1
    assert counted == expected and sum(counted.values()) > 0
    # Each pair points at the characters of its term and its actor's mention.
    text = documents.set_index("doc_id").loc[settings.examples.doc_id, "text"]
    for pair in sentence_pairs:
        assert text[int(pair["term_start"]) : int(pair["term_end"])] == pair["term_surface"]
        assert text[int(pair["actor_start"]) : int(pair["actor_end"])] == pair["actor_surface"]
    listed = set(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tables"])
    assert {"framing_pairs.csv", "framing_pairs_sentence.csv"} <= listed

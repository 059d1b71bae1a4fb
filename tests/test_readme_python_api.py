"""What README.md tells a newcomer who uses the package from Python, checked against the behaviour.

Each test pins one sentence that a researcher with data of their own needed (found in a session through
the Python API with a SaudiNewsNet sample): when the behaviour changes, the test names the sentence to
rewrite.
"""

from pathlib import Path

import pytest

from analysis import Columns, read_corpus
from analysis.errors import FramingInputError

ROOT = Path(__file__).resolve().parents[1]


def flat(text: str) -> str:
    """The text with line breaks as spaces, so that a sentence split over two lines is found."""
    return " ".join(text.split())


README = flat((ROOT / "README.md").read_text(encoding="utf-8"))
TSV = "id\tbody\n1\tقالت الميليشيات الحوثية\n"


def test_a_tsv_export_is_not_read_and_the_readme_says_to_rename_it(tmp_path):
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "sample.tsv").write_text(TSV, encoding="utf-8")
    with pytest.raises(FramingInputError, match=r"sample\.tsv: is not a supported file; use \.txt, \.csv"):
        read_corpus(tmp_path / "alone" / "sample.tsv", columns=Columns(text="body"))
    # In a folder beside another file it is only a note: 1 article of 1 + its tab-separated twin.
    (tmp_path / "alone" / "sample.csv").write_text(TSV, encoding="utf-8")
    corpus = read_corpus(tmp_path / "alone", columns=Columns(text="body"))
    assert len(corpus.documents) == 1
    (note,) = corpus.report[corpus.report["source"].str.endswith("sample.tsv")].itertuples()
    assert note.level == "note" and note.problem.startswith("not read (.tsv is not a format read")
    assert (
        "a tab-separated export is read when it is named `.csv`: a `.tsv` is not read — named alone it is "
        "refused, in a folder it is only a `note` row of `skipped.csv` — so rename it" in README
    )


def test_a_category_without_a_hit_gets_the_interval_0_0_which_the_readme_and_docstring_explain():
    from analysis import documents_from_texts, group_rates, load_terms
    from analysis.pipeline import FramingCounter

    texts = ["قالت الميليشيات إن الهجوم بدأ", "قال الوزير إن المحادثات مستمرة", "زار الوزير المدينة", "زار الوفد"]
    result = FramingCounter(terms=load_terms()).count(documents_from_texts(texts, ["a1", "a2", "b1", "b2"]))
    result.documents["outlet"] = ["a", "a", "b", "b"]
    assert list(result.hits["category"]) == ["delegitimizing_label"]
    rates = group_rates(result.hits, result.documents, categories=["delegitimizing_label"], n_boot=200)
    b = rates.set_index("group").loc["b"]
    assert (b.n, b.per_1000, b.ci_low, b.ci_high, b.n_words) == (0, 0.0, 0.0, 0.0, 5)
    a = rates.set_index("group").loc["a"]
    assert a.n == 1 and a.ci_high > 0  # a hit in one of two articles: an interval with a width
    assert "Such a row's interval is `[0, 0]`: no resample can hold a hit, so it is not an interval" in README
    assert "about `3000 / n_words` per 1,000 words" in README
    assert "[0, 0] is not an interval" in flat(group_rates.__doc__ or "")

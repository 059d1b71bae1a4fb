"""What README.md tells a newcomer who uses the package from Python, checked against the behaviour.

Each test pins one sentence that a researcher with data of their own needed (found in a session through
the Python API with a SaudiNewsNet sample): when the behaviour changes, the test names the sentence to
rewrite.
"""

import gzip
from pathlib import Path

from analysis import Columns, read_corpus

ROOT = Path(__file__).resolve().parents[1]


def flat(text: str) -> str:
    """The text with line breaks as spaces, so that a sentence split over two lines is found."""
    return " ".join(text.split())


README = flat((ROOT / "README.md").read_text(encoding="utf-8"))
TSV = "id\tbody\n1\tقالت الميليشيات الحوثية\n"


def test_a_tsv_export_is_read_as_tab_separated_and_the_readme_says_so(tmp_path):
    # A one-column header has no tab to sniff: its commas must stay in the text, as a .tsv's name says.
    (tmp_path / "sample.tsv").write_text(TSV + '2\t"قال ""لا"" الوزير, ثم غادر"\n', encoding="utf-8")
    (tmp_path / "one.tsv.gz").write_bytes(gzip.compress("body\nنص واحد, مع فاصلة\n".encode()))
    corpus = read_corpus(tmp_path, columns=Columns(text="body"))
    assert corpus.documents[["doc_id", "text"]].values.tolist() == [
        ["one-2", "نص واحد, مع فاصلة"],
        ["1", "قالت الميليشيات الحوثية"],
        ["2", 'قال "لا" الوزير, ثم غادر'],
    ]
    assert corpus.report.empty
    assert "a `.tsv` or `.tsv.gz` export is read as tab-separated whatever its header holds" in README


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

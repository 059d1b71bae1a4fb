"""The lexicon audits' headline numbers, rebuilt from the committed per-entry tables.

README.md, ``data/lexicons/README.md`` and the audits' ``summary.md`` quote them; the tables they
come from are committed (``data/validation/lexicon_audit_2026-12-01/{terms,actors}/``), and the
per-entry files shipped beside the lexicons (``data/lexicons/*_audit.csv``) must say the same.
Recounting the 20k corpus (``terms/tools/round5.py tables RUN``) reproduces the term numbers; that
corpus is not shipped, so these tests check the tables. The quoted-flag sample is pinned too.
"""

from pathlib import Path

import pandas as pd
import pytest

from analysis.coding.agreement import wilson_interval

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "data" / "validation" / "lexicon_audit_2026-12-01"
LEXICONS = ROOT / "data" / "lexicons"


def hit_weighted(table: pd.DataFrame) -> float:
    """Precision of all hits of the entries, each entry's sample precision weighted by its hits."""
    return float((table["n_hits"] * table["precision"]).sum() / table["n_hits"].sum())


def test_term_audit_headline() -> None:
    terms = pd.read_csv(AUDIT / "terms" / "entry_audit.csv")
    assert terms["n_hits"].sum() == 20_277
    fresh = terms[terms["audited"] == "yes"]
    assert (len(fresh), fresh["n_hits"].sum()) == (83, 19_520)
    assert round(hit_weighted(fresh), 3) == 0.981
    frequent = fresh[fresh["n_hits"] >= 20]
    assert (len(frequent), int((frequent["precision"] >= 0.9).sum())) == (81, 79)
    assert sorted(frequent.loc[frequent["precision"] < 0.9, "entry"]) == ["المدعو", "ممنهج*"]
    census = terms[terms["audited"].str.startswith("census")]
    assert (len(census), int((census["census_precision"] >= 0.9).sum())) == (10, 10)


def test_term_retention() -> None:
    retention = pd.read_csv(AUDIT / "terms" / "retention.csv")
    assert (retention["old_correct"].sum(), retention["kept_exact"].sum()) == (2_085, 1_874)
    assert round(retention["kept_exact"].sum() / retention["old_correct"].sum(), 3) == 0.899


def test_actor_audit_headline() -> None:
    actors = pd.read_csv(AUDIT / "actors" / "entry_audit.csv")
    measured = actors[(actors["n_hits"] >= 20) & (actors["n_sampled"] > 0)]
    assert len(measured) == 120
    assert round(hit_weighted(measured), 3) == 0.981
    assert int((measured["precision"] >= 0.9).sum()) == 120
    retention = pd.read_csv(AUDIT / "actors" / "retention.csv")
    status = retention["status_now"]
    assert (len(retention), int((status != "lost").sum())) == (2_163, 2_122)
    assert int(status.str.endswith("same_label").sum()) == 2_017


@pytest.mark.parametrize(
    ("audit", "shipped", "key", "hits"),
    [("terms", "loaded_terms_audit.csv", "term", "n_hits_20k"), ("actors", "actors_audit.csv", "entry", "n_hits")],
)
def test_shipped_per_entry_files_are_the_audits(audit: str, shipped: str, key: str, hits: str) -> None:
    table = pd.read_csv(AUDIT / audit / "entry_audit.csv")
    published = pd.read_csv(LEXICONS / shipped).rename(columns={key: "entry", hits: "n_hits"})
    joined = table.merge(published, on="entry", suffixes=("", "_shipped"), validate="one_to_one")
    assert len(joined) == len(table)
    assert (joined["n_hits"] == joined["n_hits_shipped"]).all()
    sampled = joined[joined["precision"].notna()]
    assert (sampled["precision"] == sampled["precision_shipped"]).all()


def test_quoted_flag_sample() -> None:
    sample = pd.read_csv(ROOT / "data" / "validation" / "quoted_flag_sample.csv")
    before = int(sample["judged_correct"].sum()), len(sample)
    after = sample["judged_correct_after"].dropna()
    assert before == (237, 240)
    assert (int(after.sum()), len(after)) == (236, 237)
    low, high = wilson_interval(236, 237)
    assert (round(100 * low, 1), round(100 * high, 1)) == (97.6, 99.9)

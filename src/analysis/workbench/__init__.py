"""The lexicon workbench: check a lexicon, report what each entry matched, suggest what to add.

* :func:`check_lexicon`: every problem of the lexicon files at once, by file and row;
* :func:`lexicon_report`: per entry, its hits, documents and surface forms, entries
  that never match included;
* :func:`suggest_variants`, :func:`suggest_collocates`, :func:`keyness`: candidates
  drawn from a corpus (unlisted inflections, neighbours of an actor's aliases, words
  more frequent than in a reference corpus), each with keyword-in-context lines;
* :func:`model_candidates` (from :mod:`analysis.learn.loop`): forms the learned tagger
  scores high and often that no entry covers, each with keyword-in-context lines.

The command is ``framing lexicon check|report|suggest`` (:mod:`analysis.cli_lexicon`).
"""

from ..learn.loop import model_candidates
from .check import check_lexicon
from .neighbours import keyness, suggest_collocates
from .report import LexiconReport, lexicon_report
from .suggest import suggest_variants

__all__ = [
    "LexiconReport",
    "check_lexicon",
    "keyness",
    "lexicon_report",
    "model_candidates",
    "suggest_collocates",
    "suggest_variants",
]

"""Which words a comparison of outlets looks at: stop words, rare words and outlet boilerplate.

Fightin' Words and the outlet classifier (:mod:`analysis.compare`) rank every
word.  Left alone, the top of their lists is function words (في، من، على، أو),
whose rates differ between outlets for reasons of style and length, and each
outlet's signature: its own name and bylines (بي بي سي، مراسل ...), which
separate outlets perfectly and say nothing about framing.  A
:class:`VocabularyFilter` removes three kinds of feature, each reported:

* ``stop_word``: a word of the stop-word lists shipped in
  ``data/stopwords/`` (stopwords-iso, MIT licence, and the project's few
  news function words; see the README there),
  normalized like the tokens, alone or after the conjunctions و and ف;
* ``rare``: a word in fewer than ``min_df`` articles of the whole corpus;
* ``boilerplate``: a word in at least ``boilerplate_share`` (80 %) of one
  group's articles and in at most ``boilerplate_elsewhere`` (2 %) of the
  other groups' articles, in groups of at least ``boilerplate_min_docs``
  (10) articles: an outlet's name, its bylines and its site furniture.  A
  framing word that one outlet uses in nearly every article and the others
  almost never would be removed too, so the removed table is returned for
  reading (it is short), and the rule can be turned off.

Everything removed is listed (:data:`REMOVED_COLUMNS`): nothing is dropped
silently.  Supervised choices (boilerplate uses the groups) must be made on
training data only; :func:`analysis.compare.outlet_classifier` applies the
filter inside each cross-validation fold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import arabic
from .errors import FramingInputError
from .normalize import DEFAULT_FOLDING, Folding
from .paths import data_path
from .tokenize import WORD_KINDS, tokenize

__all__ = [
    "REMOVED_COLUMNS",
    "VocabularyFilter",
    "default_stop_words_path",
    "load_stop_words",
    "news_function_words_path",
]

#: One row per removed feature: the rule that removed it, the group it is
#: boilerplate of (empty otherwise) and the number of articles it is in.
REMOVED_COLUMNS = ("feature", "reason", "group", "n_docs")
REASONS = ("stop_word", "rare", "boilerplate")


def default_stop_words_path() -> Path:
    """The bundled Arabic stop-word list (stopwords-iso, MIT)."""
    return data_path("stopwords", "arabic_stopwords_iso.txt")


def news_function_words_path() -> Path:
    """The project's short list of news function words the general list lacks (percent, calendar marks)."""
    return data_path("stopwords", "news_function_words.txt")


def load_stop_words(path: str | Path | None = None, *, folding: Folding = DEFAULT_FOLDING) -> frozenset[str]:
    """Read a stop-word list: one word per line, ``#`` starts a comment line.

    Each word is normalized as the tokenizer normalizes tokens (so that
    diacritics and hamza spellings do not matter) and also listed after the
    conjunctions و and ف, which the tokenizer leaves attached (وفي، فإن).
    The proclitics that news writes apart from their word (لـ "الجزيرة"، بـ 5
    ملايين: :func:`analysis.arabic.detached_proclitic_forms`) are added to
    every list: the tokenizer reads them as words of their own.

    Parameters
    ----------
    path : str or Path, optional
        A UTF-8 text file; by default the bundled lists: stopwords-iso
        (:func:`default_stop_words_path`) and the news function words
        (:func:`news_function_words_path`: المائة، بالمئة، م and هـ after a year).
    folding : Folding, optional
        The letter foldings of the tokens the list will be compared with.

    Returns
    -------
    frozenset of str

    Raises
    ------
    FramingInputError
        If the file cannot be read as UTF-8 or a line holds more than one word.

    Examples
    --------
    >>> words = load_stop_words()
    >>> {"في", "وفي", "فان", "ل", "بالمائه"} <= words, "حفتر" in words  # فإن as the tokenizer normalizes it
    (True, False)
    """
    if path is None:
        return load_stop_words(default_stop_words_path(), folding=folding) | load_stop_words(
            news_function_words_path(), folding=folding
        )
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise FramingInputError(source, "not UTF-8; save the stop-word list as UTF-8 text", byte=error.start) from error
    words: set[str] = set()
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tokens = tokenize(line, folding=folding)
        # Letters only: the list's "و6" is a stray digit, not a word.
        norms = [norm for norm, kind in zip(tokens.norm, tokens.kind) if kind in WORD_KINDS and kind != "number"]
        if len(norms) > 1:
            raise FramingInputError(source, f"{line!r} is {len(norms)} words; write one stop word per line", row=number)
        for norm in norms:
            words.add(norm)
            words.update(conjunction + norm for conjunction in arabic.CONJUNCTIONS)
    return frozenset(words) | arabic.detached_proclitic_forms()


@dataclass(frozen=True)
class VocabularyFilter:
    """Rules that keep function words, rare words and outlet boilerplate out of a comparison.

    Parameters
    ----------
    stop_words : frozenset of str
        Normalized features to remove (:func:`load_stop_words`); empty for none.
    min_df : int
        Keep a feature only if it is in at least this many articles.
    boilerplate_share : float or None
        A feature in at least this share of one group's articles ...
    boilerplate_elsewhere : float
        ... and in at most this share of the other groups' articles is that
        group's boilerplate.  ``boilerplate_share=None`` turns the rule off.
    boilerplate_min_docs : int
        Groups with fewer articles are not searched for boilerplate: in a
        handful of articles on one story, the story's own words are in all
        of them.
    """

    stop_words: frozenset[str] = frozenset()
    min_df: int = 2
    boilerplate_share: float | None = 0.8
    boilerplate_elsewhere: float = 0.02
    boilerplate_min_docs: int = 10

    def __post_init__(self) -> None:
        if self.min_df < 1:
            raise ValueError(f"min_df must be >= 1, got {self.min_df}")
        share = self.boilerplate_share
        if share is not None and not (0 < share <= 1 and 0 <= self.boilerplate_elsewhere < share):
            raise ValueError(
                "need 0 < boilerplate_share <= 1 and 0 <= boilerplate_elsewhere < boilerplate_share, got "
                f"{share} and {self.boilerplate_elsewhere}"
            )

    @classmethod
    def default(cls, **changes: object) -> VocabularyFilter:
        """The filter used by default: the bundled stop words, ``min_df=2``, boilerplate at 80 % / 2 %."""
        return replace(cls(stop_words=load_stop_words()), **changes)  # type: ignore[arg-type]

    @classmethod
    def off(cls) -> VocabularyFilter:
        """A filter that removes nothing (every word counts, as written)."""
        return cls(min_df=1, boilerplate_share=None)

    def removed(self, docs: Sequence[Iterable[str]], groups: Sequence[str]) -> pd.DataFrame:
        """The features of ``docs`` this filter removes, and why.

        Parameters
        ----------
        docs : sequence of iterables of str
            Each article's features.
        groups : sequence of str
            Each article's group (outlet), aligned with ``docs``.

        Returns
        -------
        pandas.DataFrame
            :data:`REMOVED_COLUMNS`, sorted by reason then feature.  A feature
            is listed once, under the first rule of :data:`REASONS` that removes it.
        """
        if len(docs) != len(groups):
            raise ValueError(f"{len(docs)} documents but {len(groups)} groups")
        df: Counter[str] = Counter()
        df_by_group: dict[str, Counter[str]] = {}
        sizes: Counter[str] = Counter()
        for features, name in zip(docs, groups):
            unique = set(features)
            df.update(unique)
            df_by_group.setdefault(str(name), Counter()).update(unique)
            sizes[str(name)] += 1
        rows = [(f, "stop_word", "", n) for f, n in df.items() if f in self.stop_words]
        rows += [(f, "rare", "", n) for f, n in df.items() if n < self.min_df and f not in self.stop_words]
        listed = {row[0] for row in rows}
        rows += [row for row in self._boilerplate(df, df_by_group, sizes) if row[0] not in listed]
        table = pd.DataFrame(rows, columns=list(REMOVED_COLUMNS)).astype({"n_docs": "int64"})
        order = table["reason"].map({reason: i for i, reason in enumerate(REASONS)})
        return (
            table.assign(_order=order).sort_values(["_order", "feature"]).drop(columns="_order").reset_index(drop=True)
        )

    def _boilerplate(self, df: Counter[str], df_by_group: dict[str, Counter[str]], sizes: Counter[str]) -> list:
        """Features in most articles of one group and almost none of the others."""
        share = self.boilerplate_share
        if share is None or len(df_by_group) < 2:
            return []
        rows = []
        n_all = sum(sizes.values())
        for name, counts in sorted(df_by_group.items()):
            others = n_all - sizes[name]
            for feature, n in counts.items():
                if (
                    sizes[name] >= self.boilerplate_min_docs
                    and n >= share * sizes[name]
                    and df[feature] - n <= self.boilerplate_elsewhere * others
                ):
                    rows.append((feature, "boilerplate", name, df[feature]))
        return rows

    def apply(self, docs: Sequence[list[str]], groups: Sequence[str]) -> tuple[list[list[str]], pd.DataFrame]:
        """``docs`` without the removed features, and the removed table (:meth:`removed`)."""
        removed = self.removed(docs, groups)
        dropped = set(removed["feature"])
        return [[f for f in features if f not in dropped] for features in docs], removed

"""Distributional word features learned from unlabeled news (the shipped resource).

``resources/word_features.tsv.gz`` holds, for the 20,000 most frequent normalized
word types of 20,000 SaudiNewsNet articles (July-August 2015), a 32-dimensional
PPMI + truncated-SVD vector and KMeans cluster ids at three granularities (64, 256
and 1,024 clusters).  It was built by ``scripts/build_word_features.py``; its
data card is ``resources/WORD_FEATURES.md`` and its licence CC BY-NC-SA 4.0 (it is
derived from SaudiNewsNet).  Nothing is downloaded: the file ships in the package.

A word outside those 20,000 (a rare inflection of a loaded word, say) gets no vector
and no cluster.  The *proxy* inputs (:func:`word_features_for`, ``"proxies"``) give it
the row of a vocabulary word instead, looked up per word type: first the most frequent
vocabulary word with the same light stem (:func:`light_stem`, one proclitic and one suffix
off), then the word's distributional nearest neighbour among the vocabulary, computed from
its contexts in the same corpus (``resources/word_proxies.tsv.gz``,
``scripts/build_word_proxies.py``; types seen at least :data:`PROXY_MIN_COUNT` times).  ``"stems"``
uses the light stems only (no further file).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FramingInputError

#: The shipped resource.
RESOURCE_PATH = Path(__file__).resolve().parent / "resources" / "word_features.tsv.gz"
#: Rare corpus words and their distributional nearest vocabulary word.
PROXY_PATH = RESOURCE_PATH.with_name("word_proxies.tsv.gz")
#: Corpus occurrences a word needs to get a proxy in :data:`PROXY_PATH`.
PROXY_MIN_COUNT = 5
#: The ways of looking up a word's row (``shipped``: the word, else its clitic-stripped core).
INPUTS: tuple[str, ...] = ("shipped", "stems", "proxies")
#: Light stemming: one proclitic cluster, then one suffix, each only if 3 letters remain.
_LIGHT_PREFIXES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
                   "\u0648\u0644\u0644", "\u0644\u0644", "\u0627\u0644", "\u0648", "\u0641", "\u0628",
                   "\u0644")  # وال بال كال فال ولل لل ال و ف ب ل  # fmt: skip
_LIGHT_SUFFIXES = ("\u0627\u062a\u0647\u0627", "\u0627\u062a\u0647\u0645", "\u0627\u062a\u0647",
                   "\u0627\u062a", "\u0648\u0646", "\u064a\u0646", "\u0627\u0646", "\u064a\u0647",
                   "\u064a\u0627", "\u0647\u0627", "\u0647\u0645", "\u0647", "\u064a",
                   "\u0627")  # اتها اتهم اته ات ون ين ان يه يا ها هم ه ي ا  # fmt: skip


@lru_cache(maxsize=200_000)  # a word type is looked up twice per tagger (its rows, its features)
def light_stem(norm: str) -> str:
    """A crude stem shared by inflections: one proclitic and one suffix removed, 3 letters kept.

    Parameters
    ----------
    norm : str
        A normalized word.

    Returns
    -------
    str

    Examples
    --------
    >>> light_stem("بالخيانه") == light_stem("الخيانه") == "خيان"
    True
    >>> light_stem("الاختراقات"), light_stem("سلم")
    ('اختراق', 'سلم')
    """
    stem = norm
    for prefix in _LIGHT_PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
            stem = stem[len(prefix) :]
            break
    for suffix in _LIGHT_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    return stem


@dataclass(frozen=True)
class WordFeatures:
    """Vectors and cluster ids of word types, looked up by normalized form.

    Attributes
    ----------
    index : dict of str to int
        Normalized word → row.
    clusters : numpy.ndarray
        ``(n_words, n_granularities)`` int cluster ids.
    granularities : tuple of int
        Number of clusters of each column of ``clusters``.
    vectors : numpy.ndarray
        ``(n_words, dim)`` unit vectors (3 decimals).
    sha256 : str
        SHA-256 of the file read.
    inputs : str
        How a word outside ``index`` finds a row (one of :data:`INPUTS`).
    proxies : dict of str to int
        Word → the row it borrows (``proxies`` inputs), tried after ``index``.
    stems : dict of str to int
        Light stem (:func:`light_stem`) → the most frequent vocabulary row with it; empty
        for the ``shipped`` inputs.
    proxy_sha256 : str
        SHA-256 of the proxy table read (``proxies`` inputs), else empty.
    """

    index: dict[str, int]
    clusters: np.ndarray
    granularities: tuple[int, ...]
    vectors: np.ndarray
    sha256: str = field(default="")
    inputs: str = field(default="shipped")
    proxies: dict[str, int] = field(default_factory=dict, repr=False)
    stems: dict[str, int] = field(default_factory=dict, repr=False)
    proxy_sha256: str = field(default="")

    def row(self, norm: str, fallback: str = "") -> int:
        """Row of ``norm``, else of ``fallback`` (its clitic-stripped core), else -1.

        Parameters
        ----------
        norm : str
            A normalized word.
        fallback : str, optional
            Tried when ``norm`` is not in the vocabulary.

        Returns
        -------
        int
        """
        found = self.index.get(norm, -1)
        if found < 0 and fallback:
            found = self.index.get(fallback, -1)
        if found < 0 and self.stems:
            found = self.borrowed(norm, fallback)
        return found

    def borrowed(self, norm: str, fallback: str = "") -> int:
        """The row a word outside the vocabulary borrows (-1: none): its light stem's, its proxy, its core's proxy.

        An inflection of a vocabulary word (same light stem) comes first: the proxies are
        folded in from as few as :data:`PROXY_MIN_COUNT` contexts and are noisier.

        Parameters
        ----------
        norm, fallback : str
            As for :meth:`row`.

        Returns
        -------
        int
        """
        found = self.stems.get(light_stem(norm), -1)
        if found < 0:
            found = self.proxies.get(norm, -1)
        if found < 0 and fallback:
            found = self.proxies.get(fallback, -1)
        return found


def _gzip_lines(path: Path, what: str) -> tuple[bytes, list[str]]:
    """The file's bytes (for its SHA-256) and its gzipped UTF-8 text as lines; an error names ``what``."""
    try:
        data = path.read_bytes()
        return data, gzip.decompress(data).decode("utf-8").rstrip("\n").split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise FramingInputError(path, f"is not a readable {what} ({error}).") from None


def read_word_features(path: str | Path = RESOURCE_PATH) -> WordFeatures:
    """Read a word-features table (gzipped TSV: word, count, c<k>..., v0...).

    Parameters
    ----------
    path : str or Path
        The file; the shipped resource by default.

    Returns
    -------
    WordFeatures

    Raises
    ------
    FramingInputError
        If the file cannot be read or a row has the wrong number of cells.
    """
    path = Path(path)
    data, lines = _gzip_lines(path, "word-features table")
    header = lines[0].split("\t")
    cluster_columns = [i for i, name in enumerate(header) if name.startswith("c") and name[1:].isdigit()]
    vector_columns = [i for i, name in enumerate(header) if name.startswith("v")]
    if header[:2] != ["word", "count"] or not vector_columns:
        raise FramingInputError(path, "has no header 'word, count, c<k>..., v0...'.", row=1)
    index: dict[str, int] = {}
    clusters = np.zeros((len(lines) - 1, len(cluster_columns)), dtype=np.int32)
    vectors = np.zeros((len(lines) - 1, len(vector_columns)), dtype=np.float64)
    for row, line in enumerate(lines[1:]):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise FramingInputError(path, f"has {len(cells)} cells, not {len(header)}.", row=row + 2)
        index[cells[0]] = row
        clusters[row] = [int(cells[i]) for i in cluster_columns]
        vectors[row] = [float(cells[i]) for i in vector_columns]
    granularities = tuple(int(header[i][1:]) for i in cluster_columns)
    return WordFeatures(index, clusters, granularities, vectors, hashlib.sha256(data).hexdigest())


def with_inputs(words: WordFeatures, inputs: str, proxy_path: str | Path = PROXY_PATH) -> WordFeatures:
    """``words`` with the row look-up of ``inputs`` (see :data:`INPUTS`).

    Parameters
    ----------
    words : WordFeatures
        A table read with the ``shipped`` look-up.
    inputs : str
        One of :data:`INPUTS`.
    proxy_path : str or Path, optional
        The proxy table (``proxies`` only).

    Returns
    -------
    WordFeatures

    Raises
    ------
    ValueError
        For an unknown ``inputs``.
    FramingInputError
        If the proxy table cannot be read or names a word outside the vocabulary.
    """
    if inputs not in INPUTS:
        raise ValueError(f"inputs must be one of {INPUTS}, not {inputs!r}")
    if inputs == "shipped":
        return replace(words, inputs=inputs, proxies={}, stems={}, proxy_sha256="")
    stems: dict[str, int] = {}
    for word, row in words.index.items():  # rows are in order of frequency: the first kept
        stems.setdefault(light_stem(word), row)
    if inputs == "stems":
        return replace(words, inputs=inputs, proxies={}, stems=stems, proxy_sha256="")
    proxies, digest = read_proxies(proxy_path, words.index)
    return replace(words, inputs=inputs, proxies=proxies, stems=stems, proxy_sha256=digest)


def read_proxies(path: str | Path, index: dict[str, int]) -> tuple[dict[str, int], str]:
    """Read a proxy table (gzipped TSV: word, count, proxy, cosine) as word → row of ``index``.

    Parameters
    ----------
    path : str or Path
        The table (:data:`PROXY_PATH`).
    index : dict of str to int
        The vocabulary the proxies belong to.

    Returns
    -------
    proxies : dict of str to int
    sha256 : str
        SHA-256 of the file.

    Raises
    ------
    FramingInputError
        If the file cannot be read, has no header ``word, count, proxy, cosine`` or names a
        proxy outside ``index``.
    """
    path = Path(path)
    data, lines = _gzip_lines(path, "proxy table")
    if lines[0].split("\t") != ["word", "count", "proxy", "cosine"]:
        raise FramingInputError(path, "has no header 'word, count, proxy, cosine'.", row=1)
    out = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        row = index.get(cells[2], -1) if len(cells) == 4 else -1
        if row < 0:
            raise FramingInputError(path, "has a row that is not 'word, count, proxy, cosine' with a proxy in the "
                                    "vocabulary.", row=number)  # fmt: skip
        out[cells[0]] = row
    return out, hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=len(INPUTS))
def word_features_for(inputs: str = "shipped") -> WordFeatures:
    """The shipped resource with the row look-up ``inputs``, built once per process.

    Parameters
    ----------
    inputs : str, optional
        One of :data:`INPUTS`.

    Returns
    -------
    WordFeatures
    """
    words = default_word_features()
    return words if inputs == "shipped" else with_inputs(words, inputs)


@lru_cache(maxsize=1)
def default_word_features() -> WordFeatures:
    """The shipped resource, read once per process.

    Returns
    -------
    WordFeatures
    """
    return read_word_features(RESOURCE_PATH)

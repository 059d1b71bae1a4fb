"""Distributional word features learned from unlabeled news (the shipped resource).

``resources/word_features.tsv.gz`` holds, for the 20,000 most frequent normalized
word types of 20,000 SaudiNewsNet articles (July-August 2015), a 32-dimensional
PPMI + truncated-SVD vector and KMeans cluster ids at three granularities (64, 256
and 1,024 clusters).  It was built by ``scripts/build_word_features.py``; its
data card is ``resources/WORD_FEATURES.md`` and its licence CC BY-NC-SA 4.0 (it is
derived from SaudiNewsNet).  Nothing is downloaded: the file ships in the package.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FramingInputError

#: The shipped resource.
RESOURCE_PATH = Path(__file__).resolve().parent / "resources" / "word_features.tsv.gz"


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
    """

    index: dict[str, int]
    clusters: np.ndarray
    granularities: tuple[int, ...]
    vectors: np.ndarray
    sha256: str = field(default="")

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
        return found


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
    try:
        data = path.read_bytes()
        lines = gzip.decompress(data).decode("utf-8").rstrip("\n").split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise FramingInputError(path, f"is not a readable word-features table ({error}).") from None
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


@lru_cache(maxsize=1)
def default_word_features() -> WordFeatures:
    """The shipped resource, read once per process.

    Returns
    -------
    WordFeatures
    """
    return read_word_features(RESOURCE_PATH)

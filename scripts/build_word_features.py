"""Build the distributional word features shipped in ``src/analysis/learn/resources/``.

Reads the 20,000 SaudiNewsNet articles of the workplace's shared data
(``../shared/data/news_corpus_saudinewsnet_20k.csv.gz``, CC BY-NC-SA 4.0), tokenizes
them with the project's tokenizer (:func:`analysis.tokenize.tokenize`, word tokens
only, normalized ``norm``), and writes for the most frequent word types:

* a PPMI + truncated-SVD vector (window of 2 words either side, weighted 1/distance,
  context distribution smoothed with exponent 0.75; ``DIM`` dimensions, rows scaled
  to unit length, rounded to 3 decimals);
* KMeans cluster ids of those vectors at several granularities (``CLUSTERS``).

Output: ``word_features.tsv.gz`` (gzip with a zero timestamp: the same input gives
the same bytes on the same library versions) and ``word_features.json`` (the
build's parameters and SHA-256 of input and output), next to the data card
``WORD_FEATURES.md``.

Run from the project folder (a few minutes on 2 cores)::

    .venv/bin/python scripts/build_word_features.py
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD

from analysis.tokenize import WORD_KINDS, tokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news_corpus_saudinewsnet_20k.csv.gz"
OUT = ROOT / "src" / "analysis" / "learn" / "resources"
VOCAB = 20_000  # word types kept (rows)
CONTEXTS = 5_000  # context words (columns)
WINDOW = 2
DIM = 32
CLUSTERS = (64, 256, 1024)
SEED = 0


def sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_norms(path: Path, limit: int | None) -> list[list[str]]:
    """Normalized word tokens of each article (one list per paragraph)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["id", "text"])
    if limit:
        frame = frame.head(limit)
    paragraphs = []
    for text in frame["text"]:
        tokens = tokenize(text)
        current: list[str] = []
        last_paragraph = 1
        for norm, kind, paragraph in zip(tokens.norm, tokens.kind, tokens.paragraph):
            if paragraph != last_paragraph and current:
                paragraphs.append(current)
                current = []
            last_paragraph = paragraph
            if kind in WORD_KINDS:
                current.append(norm)
        if current:
            paragraphs.append(current)
    return paragraphs


def cooccurrence(paragraphs: list[list[str]], vocab: dict[str, int], contexts: dict[str, int]) -> sparse.csr_matrix:
    """Word × context counts, window ``WINDOW``, weighted 1/distance (summed in chunks to bound memory)."""
    total = sparse.csr_matrix((len(vocab), len(contexts)))
    for low in range(0, len(paragraphs), 20_000):
        rows, cols, vals = [], [], []
        for words in paragraphs[low : low + 20_000]:
            w = np.array([vocab.get(x, -1) for x in words], dtype=np.int32)
            c = np.array([contexts.get(x, -1) for x in words], dtype=np.int32)
            for d in range(1, WINDOW + 1):
                for a, b in ((w[:-d], c[d:]), (w[d:], c[:-d])):
                    keep = (a >= 0) & (b >= 0)
                    rows.append(a[keep])
                    cols.append(b[keep])
                    vals.append(np.full(int(keep.sum()), 1.0 / d, dtype=np.float32))
        chunk = sparse.coo_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=total.shape
        )
        total = total + chunk.tocsr()
    return total.tocsr()


def ppmi(counts: sparse.csr_matrix, alpha: float = 0.75) -> sparse.csr_matrix:
    """Positive pointwise mutual information with context smoothing."""
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    col = col / col.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total) - np.log(row[coo.row] / total) - np.log(col[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def write_table(path: Path, words: list[str], counts: list[int], vectors: np.ndarray, clusters: dict) -> None:
    """Write the TSV, gzipped with a zero timestamp."""
    buffer = io.StringIO()
    header = ["word", "count", *[f"c{k}" for k in clusters], *[f"v{i}" for i in range(vectors.shape[1])]]
    buffer.write("\t".join(header) + "\n")
    for i, word in enumerate(words):
        cells = [word, str(counts[i]), *[str(int(labels[i])) for labels in clusters.values()]]
        cells += [f"{x:.3f}" for x in vectors[i]]
        buffer.write("\t".join(cells) + "\n")
    write_gzip_text(path, buffer.getvalue())


def write_gzip_text(path: Path, text: str) -> None:
    """Write ``text`` gzipped with no time stamp or file name, so that a rebuild gives the same bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))


def main() -> None:
    """Build and write the resource."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only (for a quick try)")
    parser.add_argument("--vocab", type=int, default=VOCAB, help="word types kept")
    parser.add_argument("--dim", type=int, default=DIM, help="SVD dimensions")
    args = parser.parse_args()
    began = time.perf_counter()
    paragraphs = corpus_norms(args.corpus, args.limit)
    frequency = Counter(w for p in paragraphs for w in p)
    ranked = sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0]))
    words = [w for w, _ in ranked[: args.vocab]]
    vocab = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, (w, _) in enumerate(ranked[:CONTEXTS])}
    print(
        f"{len(paragraphs)} paragraphs, {sum(frequency.values())} words, {len(frequency)} types "
        f"({time.perf_counter() - began:.0f} s)"
    )
    matrix = ppmi(cooccurrence(paragraphs, vocab, contexts))
    svd = TruncatedSVD(n_components=args.dim, algorithm="arpack", random_state=SEED)
    vectors = svd.fit_transform(matrix) / np.sqrt(svd.singular_values_)  # U * S^0.5
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    vectors = np.round(vectors, 3)
    clusters = {k: KMeans(n_clusters=k, n_init=1, random_state=SEED).fit_predict(vectors) for k in CLUSTERS}
    args.out.mkdir(parents=True, exist_ok=True)
    table = args.out / "word_features.tsv.gz"
    write_table(table, words, [frequency[w] for w in words], vectors, clusters)
    meta = {
        "source": "news_corpus_saudinewsnet_20k.csv.gz", "source_sha256": sha256(args.corpus),
        "articles": args.limit or "all (20000)", "paragraphs": len(paragraphs),
        "tokens": sum(frequency.values()), "types": len(frequency), "vocabulary": len(words),
        "contexts": len(contexts), "window": WINDOW, "weighting": "1/distance", "context_smoothing": 0.75,
        "dimensions": args.dim, "svd": "TruncatedSVD(algorithm='arpack'), vectors U*S^0.5, unit length, 3 decimals",
        "clusters": list(CLUSTERS), "kmeans": "KMeans(n_init=1, random_state=0) on the rounded vectors",
        "seed": SEED, "file": table.name, "file_sha256": sha256(table),
        "licence": "CC BY-NC-SA 4.0 (derived from SaudiNewsNet)",
    }  # fmt: skip
    (args.out / "word_features.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {table} ({table.stat().st_size} bytes) in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()

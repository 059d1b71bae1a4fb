"""Build the proxy table of rare words shipped beside the word features (``word_proxies.tsv.gz``).

The shipped word features (``scripts/build_word_features.py``) have vectors for the 20,000
most frequent word types of the 20,000 SaudiNewsNet articles only; a quarter of the loaded
words of the ArMPro extract fall outside them.  This script gives every rarer type seen at
least ``PROXY_MIN_COUNT`` times (:mod:`analysis.learn.distributional`) a *proxy*: its
nearest vocabulary word (cosine) in the shipped vector space.  The rare word's vector is
*folded in*: its co-occurrence counts with the same 5,000 context words (same window and
weights), PPMI with the vocabulary matrix's totals and context distribution, projected on
the same truncated SVD (``x V / sqrt(S)``, as the vocabulary's ``U sqrt(S)``).  The SVD is
refitted exactly as the builder does and checked against the shipped vectors first.

Output: ``word_proxies.tsv.gz`` (word, count, proxy, cosine; gzip with a zero timestamp) and
``word_proxies.json`` (parameters and SHA-256 of input and output).  About a minute on 2 cores::

    .venv/bin/python scripts/build_word_proxies.py
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD

from analysis.learn.distributional import PROXY_MIN_COUNT, PROXY_PATH, RESOURCE_PATH, read_word_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_word_features import CONTEXTS, CORPUS, DIM, SEED, cooccurrence, corpus_norms, sha256  # noqa: E402


def fold_in_ppmi(
    counts: sparse.csr_matrix, vocabulary_counts: sparse.csr_matrix, alpha: float = 0.75
) -> sparse.csr_matrix:
    """PPMI of extra rows with the totals and smoothed context distribution of the vocabulary's matrix.

    Parameters
    ----------
    counts : scipy.sparse.csr_matrix
        Co-occurrence counts of the extra words (rows) with the context words.
    vocabulary_counts : scipy.sparse.csr_matrix
        Those of the vocabulary (the matrix the SVD was fitted on).
    alpha : float, optional
        Context smoothing, as in ``build_word_features.ppmi``.

    Returns
    -------
    scipy.sparse.csr_matrix
    """
    total = vocabulary_counts.sum()
    col = np.asarray(vocabulary_counts.sum(axis=0)).ravel() ** alpha
    col = col / col.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total) - np.log(row[coo.row] / total) - np.log(col[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def write_table(path: Path, rows: list[tuple[str, int, str, float]]) -> None:
    """Write the TSV, gzipped with a zero timestamp."""
    buffer = io.StringIO()
    buffer.write("word\tcount\tproxy\tcosine\n")
    for word, count, proxy, cosine in rows:
        buffer.write(f"{word}\t{count}\t{proxy}\t{cosine:.3f}\n")
    from build_word_features import write_gzip_text

    write_gzip_text(path, buffer.getvalue())


def main() -> None:
    """Build and write the proxy table."""
    from build_word_features import ppmi

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=PROXY_PATH)
    args = parser.parse_args()
    began = time.perf_counter()
    shipped = read_word_features(RESOURCE_PATH)
    paragraphs = corpus_norms(args.corpus, None)
    frequency = Counter(w for p in paragraphs for w in p)
    ranked = sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0]))
    words = [w for w, _ in ranked[: len(shipped.index)]]
    if words != list(shipped.index):
        raise SystemExit("the corpus does not give the shipped vocabulary: rebuild the word features first")
    extra = [w for w, c in ranked[len(words) :] if c >= PROXY_MIN_COUNT]
    vocab = {w: i for i, w in enumerate(words + extra)}  # one pass counts both; rows are independent
    contexts = {w: i for i, (w, _) in enumerate(ranked[:CONTEXTS])}
    counts = cooccurrence(paragraphs, vocab, contexts)
    known, rare = counts[: len(words)], counts[len(words) :]
    svd = TruncatedSVD(n_components=DIM, algorithm="arpack", random_state=SEED)
    vectors = svd.fit_transform(ppmi(known)) / np.sqrt(svd.singular_values_)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    drift = float(np.abs(np.round(vectors, 3) - shipped.vectors).max())
    if drift > 0.002:  # the same SVD up to rounding, or the projection would not match the shipped space
        raise SystemExit(f"the refitted SVD differs from the shipped vectors by {drift}")
    folded = fold_in_ppmi(rare, known) @ svd.components_.T / np.sqrt(svd.singular_values_)
    norms = np.linalg.norm(folded, axis=1)
    cosine = (folded / np.maximum(norms, 1e-12)[:, None]) @ shipped.vectors.T
    nearest = cosine.argmax(axis=1)
    rows = [(w, frequency[w], words[j], float(cosine[i, j])) for i, (w, j) in enumerate(zip(extra, nearest))
            if norms[i] > 0]  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_table(args.out, rows)
    meta = {
        "source": CORPUS.name, "source_sha256": sha256(args.corpus), "vocabulary_sha256": shipped.sha256,
        "min_count": PROXY_MIN_COUNT, "words": len(rows), "without_contexts": int((norms == 0).sum()),
        "method": "co-occurrence with the 5,000 context words (window 2, 1/distance), PPMI with the vocabulary "
                  "matrix's totals and context distribution (0.75), projected x V / sqrt(S) on the refitted "
                  "TruncatedSVD(arpack, random_state=0); proxy = the vocabulary row of highest cosine",
        "svd_max_difference_to_shipped": drift, "file": args.out.name, "file_sha256": sha256(args.out),
        "licence": "CC BY-NC-SA 4.0 (derived from SaudiNewsNet)",
    }  # fmt: skip
    args.out.with_suffix("").with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    print(
        f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(rows)} words) in {time.perf_counter() - began:.0f} s"
    )


if __name__ == "__main__":
    main()

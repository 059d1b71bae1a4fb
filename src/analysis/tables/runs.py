"""The keys of manifest.json."""

from __future__ import annotations

from .schema import Table, _c

# == provenance (analysis.provenance) =====================================================
# Kept in its own section at the end of the module so that it merges cleanly with edits above.

#: The keys of ``manifest.json``: one JSON object per output folder, not a CSV table
#: (so not in :data:`OUTPUT_TABLES`); ``codebook((MANIFEST,))`` lists them.
MANIFEST = Table("manifest", "output folder (one JSON object: what produced the files beside it)", (
    _c("manifest_format", "int64", "the layout of this file (1)"),
    _c("package", "object", "name and version of the package that wrote the folder; from a git checkout also its commit and whether src/ or data/ were modified"),
    _c("command", "string", "what ran: 'framing count', 'analysis.count_corpus' or 'notebook NAME'"),
    _c("parameters", "object", "its settings that can change results (paths as given; not workers, chunk size, "
                               "progress bar or the output folder)"),
    _c("inputs", "object", "each input file read (folders expanded, metadata.csv included): path, sha256, bytes"),
    _c("lexicons", "object", "role (actors, terms, ignore …) → path, SHA-256 of the bytes read, entries"),
    _c("model", "object", "the model: name, path, SHA-256 of its file, decision threshold, version and training date "
       "(framing count --model), a description, or null"),
    _c("seed", "Int64", "the random seed, or null"),
    _c("tables", "object", "each file written → rows (data rows of a CSV) and sha256"),
), file="manifest.json")  # fmt: skip

"""Tables of the sourcing measure (analysis.sourcing): attributions and their per-document summary."""

from __future__ import annotations

from .outputs import _DOC_ID, _SENTENCE
from .schema import Table, _c

# == sourcing (analysis.sourcing) ===========================================================
# Kept in one section at the end of the module so that it merges cleanly with edits above.

#: The source types of :data:`ATTRIBUTIONS`; ``named`` and ``named_other`` name their source.
SOURCE_TYPES = ("named", "named_other", "anonymous", "none")

ATTRIBUTIONS = Table("attributions", "attribution cue in the narrator's voice (a speech verb or 'according to')", (
    _DOC_ID,
    _c("cue", "string", "the cue as written (قال، وأكد، بحسب …)"),
    _c("cue_start", "int64", "character offset of the cue's first character in the document text as read"),
    _c("cue_end", "int64", "character offset just after the cue's last character"),
    _SENTENCE,
    _c("source_type", "string", "named (an actor of the lexicon), named_other (a title, office, body or personal "
       "name outside it), anonymous (an entry of the anonymous-source lexicon) or none (no source found)"),
    _c("source", "string", "the source's label: the actor, the anonymous-source entry's label, or for named_other "
       "the head word or name, normalized, without ال; empty when source_type is none"),
    _c("source_surface", "string", "the source's words as written; empty when source_type is none"),
    _c("source_start", "int64", "character offset of the source's first character; -1 when source_type is none"),
    _c("source_end", "int64", "character offset just after the source's last character; -1 when source_type is none"),
))  # fmt: skip

SOURCING = Table("sourcing", "document with at least one attribution cue", (
    _DOC_ID,
    _c("named", "int64", "cues whose source is an actor of the lexicon"),
    _c("named_other", "int64", "cues whose source is a title, office, body or personal name outside the lexicon"),
    _c("anonymous", "int64", "cues whose source is an entry of the anonymous-source lexicon"),
    _c("none", "int64", "cues with no source found (left out of the share)"),
    _c("attributed", "int64", "named + named_other + anonymous"),
    _c("anonymous_share", "float64", "anonymous / attributed (empty when attributed is 0)"),
))  # fmt: skip

#: The tables of the sourcing measure (for :func:`codebook`).
SOURCING_TABLES = (ATTRIBUTIONS, SOURCING)

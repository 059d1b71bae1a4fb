"""Round 5 (retention) rule edits as run, NOT shipped: window scope and a supplementary cue vocabulary, per row.

Usage: round5_retention_rules.py IN.csv OUT.csv [SCOPE, default sentence+15] [EXTRA yes or no, default yes] [ROWS].

ROWS (comma-separated) restricts the edit to those rows; the shipped edit is
``... sentence+15 yes 'تخبط*,دموي*,زعم,مأزق,مؤامر*,ما تسمى,مزعوم*,مشبوهة'`` (its notes were then written by hand).
"""

import sys
import pandas as pd

P = sys.argv[1] if len(sys.argv) > 1 else "data/lexicons/loaded_terms.csv"
OUT = sys.argv[2] if len(sys.argv) > 2 else P
WINDOW = sys.argv[3] if len(sys.argv) > 3 else "sentence+15"
EXTRA_ON = (sys.argv[4] if len(sys.argv) > 4 else "yes") == "yes"
L = pd.read_csv(P, dtype=str, keep_default_na=False).set_index("term", drop=False)
# Rows another helper (branch `entries`) edits in this round: not touched here.
OFF = {"انتهاك*", "انقلاب", "أجندة", "شرعيت*", "عجز*", "ممنهج*", "بدعوى", "المدعو", "غير شرعي*", "تواطؤ", "يزعم"}
SPECIFIC = {"وصاية", "القائد العام", "خرق*", "عشوائي*", "فرار"}  # own narrow cue lists: scope only


def required(c):
    return [x for x in c.split("|") if x and not x.startswith("!")]


# Words that stood near right hits whose sentence had no cue, in the judged lines of rounds 1-4
# (seeds 1-5; never the seed-0 retention lines), with at most one wrong design line each.
EXTRA = ["يهود", "تدخلات", "حاقد*", "دماء", "تخريب*", "ترويع", "سليماني", "خراب", "طائفي*"]
rows = [
    t for t in L.term if required(L.loc[t, "context"]) and t not in OFF and L.loc[t, "context_scope"] != "paragraph"
]
if len(sys.argv) > 5:
    rows = [t for t in rows if t in sys.argv[5].split(",")]
for t in rows:
    L.loc[t, "context_scope"] = WINDOW
    if EXTRA_ON and t not in SPECIFIC:
        have = set(L.loc[t, "context"].split("|"))
        L.loc[t, "context"] = "|".join(L.loc[t, "context"].split("|") + [w for w in EXTRA if w not in have])
L.to_csv(OUT, index=False)
print(len(rows), "rows:", " ".join(rows))

# As run on 2026-12-01 (working folder /tmp/ret; PYTHONPATH=src:/tmp/ret with round5_harness.py as harness.py).
# Every cue row at each scope, on the judged lines of rounds 1-5 (seeds 1-5, never seed 0): which lines each admits.
import pandas as pd, harness

LEX = "/work/h-retention/data/lexicons/loaded_terms.csv"
L = pd.read_csv(LEX, dtype=str, keep_default_na=False)


def has_required(c):
    return any(x.strip() and not x.strip().startswith("!") for x in c.split("|"))


cue_rows = L[L.context.map(has_required)].term.tolist()
print(len(cue_rows), "cue rows")
docs = harness.docs_needed()
j = harness.design_lines()


def key(df):
    return set(zip(df.doc_id, df.start, df.end, df.entry))


base = key(harness.hits_of(LEX, docs))
j["base"] = [(d, s, e, en) in base for d, s, e, en in zip(j.doc_id, j.start, j.end, j.entry)]
res = {}
for scope in ["sentence", "sentence+5", "sentence+10", "sentence+15", "sentence+20", "sentence+30", "paragraph"]:
    V = L.copy()
    V.loc[V.term.isin(cue_rows), "context_scope"] = scope
    V.to_csv(f"/tmp/ret/var_{scope}.csv", index=False)
    h = key(harness.hits_of(f"/tmp/ret/var_{scope}.csv", docs))
    j[scope] = [(d, s, e, en) in h for d, s, e, en in zip(j.doc_id, j.start, j.end, j.entry)]
j.to_pickle("/tmp/ret/design1.pkl")
cj = j[j.entry.isin(cue_rows)]
for scope in ["sentence", "sentence+5", "sentence+10", "sentence+15", "sentence+20", "sentence+30", "paragraph"]:
    new = cj[cj[scope] & ~cj["sentence"]]
    print(
        scope,
        "hits among cue-row design lines",
        int(cj[scope].sum()),
        "newly admitted vs sentence",
        len(new),
        "right",
        int(new.correct.sum()),
    )

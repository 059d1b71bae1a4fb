"""Could a learned sense filter admit cue-less hits at >= 90 % precision? Grouped CV on rounds 1-5, fresh check on seed 7.

Run from the repository root after round5_scopes_on_design_lines.py (needs /tmp/ret/design1.pkl: each judged line with
whether the current lexicon still finds it, and texts.pkl from round4.py texts). As run on 2026-12-01.
"""

import pandas as pd, numpy as np, pickle, re
from analysis.tokenize import tokenize
from sklearn.linear_model import LogisticRegression
from sklearn.feature_extraction import DictVectorizer
from sklearn.model_selection import GroupKFold
from sklearn.metrics import roc_auc_score

texts = pickle.load(open("/tmp/ret/texts.pkl", "rb"))
j = pd.read_pickle("/tmp/ret/design1.pkl")
j = j[j.doc_id.isin(texts)].reset_index(drop=True)
f = pd.read_csv("/work/h-retention/data/validation/lexicon_audit_2026-12-01/terms/judgments_round5_retention.csv")
L = pd.read_csv("/work/h-retention/data/lexicons/loaded_terms.csv", dtype=str, keep_default_na=False)
cue = set(L[L.context.map(lambda c: any(x and not x.startswith("!") for x in c.split("|")))].term)


def stem(w):
    return re.sub(r"^(و|ف)?(ب|ل|ك)?(ال)?", "", w) if len(w) > 4 else w


def feats(d, s, e, entry, N=20):
    t = tokenize(texts[d])
    idx = [k for k in range(len(t.norm)) if t.start[k] >= s and t.end[k] <= e] or [0]
    a, b = idx[0], idx[-1] + 1
    par = t.paragraph[a]
    x = {"entry=" + entry: 1.0}
    for k in range(max(0, a - N), min(len(t.norm), b + N)):
        if t.paragraph[k] == par and not a <= k < b and t.kind[k] == "arabic":
            x["w=" + stem(t.norm[k])] = 1.0
    return x


X = [feats(d, s, e, en) for d, s, e, en in zip(j.doc_id, j.start, j.end, j.entry)]
y = j.correct.to_numpy()
nocue = (j.entry.isin(cue) & ~j["base"]).to_numpy()
print("design lines", len(j), "no-cue", nocue.sum(), "right", y[nocue].sum())
for C in [0.1, 0.3, 1.0, 3.0]:
    p = np.zeros(len(j))
    for tr, te in GroupKFold(5).split(X, y, j.doc_id):
        v = DictVectorizer()
        m = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        m.fit(v.fit_transform([X[i] for i in tr]), y[tr])
        p[te] = m.predict_proba(v.transform([X[i] for i in te]))[:, 1]
    yy, pp = y[nocue], p[nocue]
    out = [f"C={C} AUC all {roc_auc_score(y, p):.3f} no-cue {roc_auc_score(yy, pp):.3f}"]
    for t in [0.5, 0.7, 0.8, 0.9]:
        sel = pp >= t
        out.append(f"t{t}: admit {sel.sum()} right {yy[sel].sum()} of {yy.sum()}")
    print(" | ".join(out))
# fresh test: the 86 seed-7 lines (no sentence cue, never trained on)
C = 0.3
v = DictVectorizer()
m = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
m.fit(v.fit_transform(X), y)
Xf = [feats(d, s, e, en) for d, s, e, en in zip(f.doc_id, f.start, f.end, f.entry)]
pf = m.predict_proba(v.transform(Xf))[:, 1]
print("fresh 86 AUC", round(roc_auc_score(f.correct, pf), 3))
for t in [0.5, 0.7, 0.8, 0.9]:
    sel = pf >= t
    print(t, "admit", sel.sum(), "right", f.correct[sel].sum())

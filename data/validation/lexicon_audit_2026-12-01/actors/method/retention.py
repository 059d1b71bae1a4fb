"""Retention of the seed-0 actor lines judged correct in the 2026-11-30 audit."""
import sys, pandas as pd
run = sys.argv[1]
j = pd.read_csv('/work/h-audit-actors/data/validation/lexicon_audit_2026-11-30/judgments.csv')
j = j[(j.kind == 'actor')]
ok = j[j.judgment == 1]
h = pd.read_csv(f'{run}/hits.csv'); a = h[h.kind == 'actor']
by = {d: g for d, g in a.groupby('doc_id')}
def status(r):
    g = by.get(r.doc_id)
    if g is None: return 'lost'
    ov = g[(g.start < r.end) & (g.end > r.start)]
    if len(ov) == 0: return 'lost'
    if ((ov.start == r.start) & (ov.end == r.end)).any():
        same = ov[(ov.start == r.start) & (ov.end == r.end)]
        return 'exact_same_label' if (same.label == r.label).any() else 'exact_other_label'
    return 'overlap_same_label' if (ov.label == r.label).any() else 'overlap_other_label'
ok = ok.assign(status=[status(r) for r in ok.itertuples()])
print(len(j), 'judged;', len(ok), 'correct')
print(ok.status.value_counts().to_string())
if len(sys.argv) > 2:
    ok.to_csv(sys.argv[2], index=False)
lost = ok[ok.status == 'lost']
print(lost.groupby('entry').size().sort_values(ascending=False).to_string())

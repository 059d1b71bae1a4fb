"""Sample up to N hits per actor entry with >= 20 hits, seed S; write KWIC lines to a numbered text file."""
import sys, pandas as pd
run, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
only = sys.argv[4].split(',') if len(sys.argv) > 4 and sys.argv[4] else None
exclude_keys = set()
if len(sys.argv) > 5:  # files of already-judged lines to avoid
    for f in sys.argv[5].split(','):
        j = pd.read_csv(f); exclude_keys |= set(zip(j.doc_id, j.start, j.end))
docs = pd.read_pickle('/work/h-audit-actors-work/texts.pkl')
h = pd.read_csv(f'{run}/hits.csv')
a = h[h.kind == 'actor']
n = a.groupby('lexicon_row').size()
rows = []
for lr, g in a.groupby('lexicon_row'):
    if len(g) < 20: continue
    e = g.entry.iloc[0]
    if only and e not in only: continue
    g2 = g[[k not in exclude_keys for k in zip(g.doc_id, g.start, g.end)]]
    s = g2.sample(n=min(25, len(g2)), random_state=seed)
    for r in s.itertuples():
        t = docs[r.doc_id]
        kw = (t[max(0, r.start - 60):r.start] + '[[' + t[r.start:r.end] + ']]' + t[r.end:r.end + 60]).replace('\n', ' ⏎ ')
        rows.append(dict(entry=e, lexicon_row=lr, label=r.label, n_hits=len(g), doc_id=r.doc_id, start=r.start, end=r.end, kwic=kw))
df = pd.DataFrame(rows)
df.to_csv(out + '.csv', index=False)
with open(out + '.txt', 'w') as f:
    cur = None
    for i, r in df.iterrows():
        if r.entry != cur:
            cur = r.entry; f.write(f'\n## {r.entry} ({r.label}, row {r.lexicon_row}, {r.n_hits} hits)\n')
        f.write(f'{i}\t{r.kwic}\n')
print(len(df), df.entry.nunique())

import pickle,sys,pandas as pd
seed=int(sys.argv[1]); run=sys.argv[2]; out=sys.argv[3]; only=sys.argv[4].split(',') if len(sys.argv)>4 else None
t=pickle.load(open('/work/h-audit-terms-work/texts.pkl','rb'))
h=pd.read_csv(f'{run}/hits.csv'); h=h[h.kind=='term']
n=h.groupby('entry').size()
ents=[e for e in n.index if n[e]>=20] if not only else only
rows=[]
for e in sorted(ents, key=lambda e:-n[e]):
    d=h[h.entry==e]
    s=d.sample(n=min(25,len(d)),random_state=seed)
    for r in s.itertuples():
        x=t[r.doc_id]
        k=(x[max(0,r.start-60):r.start]+' [['+x[r.start:r.end]+']] '+x[r.end:r.end+60]).replace('\n',' ¶ ')
        rows.append(dict(entry=e,lexicon_row=r.lexicon_row,doc_id=r.doc_id,start=r.start,end=r.end,negated=r.negated,kwic=k,seed=seed,n_hits=n[e]))
S=pd.DataFrame(rows); S.to_csv(out,index=False)
print(len(ents),len(S))

import pickle,sys,pandas as pd
seed=int(sys.argv[1]); run=sys.argv[2]; out=sys.argv[3]; only=open(sys.argv[4]).read().split(','); prev=sys.argv[5:]
t=pickle.load(open('/work/h-audit-terms-work/texts.pkl','rb'))
h=pd.read_csv(f'{run}/hits.csv'); h=h[h.kind=='term']
n=h.groupby('entry').size()
seen=set()
for p in prev:
    P=pd.read_csv(p); seen|=set(zip(P.doc_id,P.start))
rows=[]
for e in sorted(only, key=lambda e:-n[e]):
    d=h[h.entry==e]
    d=d[[ (a,b) not in seen for a,b in zip(d.doc_id,d.start)]]
    s=d.sample(n=min(25,len(d)),random_state=seed)
    for r in s.itertuples():
        x=t[r.doc_id]
        k=(x[max(0,r.start-60):r.start]+' [['+x[r.start:r.end]+']] '+x[r.end:r.end+60]).replace('\n',' ¶ ')
        rows.append(dict(entry=e,lexicon_row=r.lexicon_row,doc_id=r.doc_id,start=r.start,end=r.end,negated=r.negated,kwic=k,seed=seed,n_hits=n[e]))
S=pd.DataFrame(rows); S.to_csv(out,index=False)
print(len(S))

"""Final tables of the 2026-12-01 term audit (seeds 1-3 over the final lexicon)."""
import json, math
import numpy as np, pandas as pd
W='/work/h-audit-terms-work'; OUT='/work/h-audit-terms/data/validation/lexicon_audit_2026-12-01/terms'
RUN='/work/h-audit-terms/../h-audit-terms-run'
def load(seed):
    S=pd.read_csv(f'{W}/s{seed}.csv'); w=json.load(open(f'{W}/wrong{seed}.json'))
    S['correct']=[0 if str(i) in w else 1 for i in S.index]; S['error_type']=[w.get(str(i),'') for i in S.index]
    S['round']=seed; return S
J=pd.concat([load(1),load(2),load(3)],ignore_index=True)
r2=set(open(f'{W}/changed20.txt').read().strip().split(','))|{'ورطة','تخبط*','مشبوه','مشبوه*','غير معلن*','مستنقع','مجزر*','يائس*','يزعم','المدعو','تواطؤ','خسائر فادحة','مزاعم','ادعاءات','دويلة'}; r3=set(open(f'{W}/c3.txt').read().strip().split(','))
dropped_after={'عميل','مشبوه*','مجزر*'}
def final_seed(e):
    return 3 if e in r3 else 2 if e in r2 else 1
J['used_for']=['fix' if final_seed(e)!=s else 'final' for e,s in zip(J.entry,J.seed)]
J.loc[J.entry.isin(dropped_after),'used_for']='fix (entry dropped)'
h=pd.read_csv('/work/h-audit-terms-run/hits.csv'); h=h[h.kind=='term']
key=set(zip(h.doc_id,h.start,h.end))
J['still_hit']=[(d,s,e) in key for d,s,e in zip(J.doc_id,J.start,J.end)]
# every final line must still be a hit of the same entry
F=J[J.used_for=='final']
assert F.still_hit.all(), F[~F.still_hit][['entry','seed']].value_counts()
hits=h.groupby('entry').size(); neg=h[h.negated].groupby('entry').size()
rows_lex=pd.read_csv('/work/h-audit-terms/data/lexicons/loaded_terms.csv',dtype=str).fillna('')
rowno=h.groupby('entry').lexicon_row.first().to_dict()
def wilson(k,n,z=1.96):
    if n==0: return (np.nan,np.nan)
    p=k/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; m=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/d
    return (round(c-m,3),round(c+m,3))
E=[]
for e,n_h in hits.sort_values(ascending=False).items():
    d=F[F.entry==e]; n=len(d); k=int(d.correct.sum())
    nn=d[~d.negated.astype(bool)]; 
    lo,hi=wilson(k,n)
    errs=d[d.correct==0].error_type.value_counts()
    E.append(dict(entry=e,lexicon_row=rowno.get(e),category=rows_lex.set_index('term').category.get(e),n_hits=int(n_h),n_negated_hits=int(neg.get(e,0)),
        sample_seed=final_seed(e) if n else '',n_sampled=n,n_correct=k,precision=round(k/n,3) if n else np.nan,wilson_lo=lo,wilson_hi=hi,
        precision_unflagged=round(nn.correct.mean(),3) if len(nn) else np.nan,n_unflagged=len(nn),
        main_error_types='; '.join(f'{a} {b}' for a,b in errs.items()),
        audited='yes' if n else ('no fresh lines' if n_h>=20 else 'below 20 hits'),
        below_90=int(n>0 and k/n<0.9)))
E=pd.DataFrame(E)
A=E[E.n_sampled>0]
tot=len(h); cov=A.n_hits.sum()
def weighted(A,col='precision'):
    return (A[col]*A.n_hits).sum()/A.n_hits.sum()
rng=np.random.default_rng(0); boots=[]
groups={e:F[F.entry==e].correct.to_numpy() for e in A.entry}
wts=A.set_index('entry').n_hits
for _ in range(2000):
    s=sum(wts[e]*rng.choice(v,len(v)).mean() for e,v in groups.items())
    boots.append(s/wts.sum())
lo,hi=np.percentile(boots,[2.5,97.5])
# negated hits handled (apply_negation exclude): weight = unflagged hits, precision on unflagged lines
A2=A.assign(w=A.n_hits-A.n_negated_hits)
pun=(A2.precision_unflagged*A2.w).sum()/A2.w.sum()
print(f'term hits {tot}; audited entries {len(A)} covering {cov} hits ({cov/tot:.1%}); judged final lines {len(F)}; all judged lines {len(J)}')
print(f'hit-weighted precision {weighted(A):.4f} [{lo:.4f}, {hi:.4f}]; with negated hits excluded {pun:.4f}')
print('entries >=20 hits below 90%:', int(A.below_90.sum()), 'of', len(A), '; not freshly audited:', list(E[E.audited=='no fresh lines'].entry))
print(A[A.below_90==1][['entry','n_hits','n_sampled','n_correct','precision','wilson_lo','wilson_hi','precision_unflagged']].to_string())
# retention
old=pd.read_csv('/work/h-audit-terms/data/validation/lexicon_audit_2026-11-30/judgments.csv'); old=old[(old.kind=='term')&(old.judgment==1)]
by={}
for r in h.itertuples(): by.setdefault(r.doc_id,[]).append((r.start,r.end))
ex=[(r.doc_id,r.start,r.end) in key for r in old.itertuples()]
ov=[any(s<r.end and e2>r.start for s,e2 in by.get(r.doc_id,[])) for r in old.itertuples()]
old=old.assign(kept_exact=ex,kept_overlap=ov)
dropped={'ما يعرف','عاجز*','لص','عميل','شرعية'}
print(f'retention: exact {np.mean(ex):.4f}, overlapping {np.mean(ov):.4f} of {len(old)}; lost lines of dropped/replaced rows {int((~old.kept_overlap & old.entry.isin(dropped)).sum())}')
ret=old.groupby('entry').agg(old_correct=('judgment','size'),kept_exact=('kept_exact','sum'),kept_overlap=('kept_overlap','sum'))
json.dump(dict(term_hits=int(tot),audited_entries=int(len(A)),covered_hits=int(cov),final_lines=int(len(F)),all_lines=int(len(J)),
    precision=round(weighted(A),4),ci=[round(lo,4),round(hi,4)],precision_negated_excluded=round(pun,4),below90=int(A.below_90.sum()),
    retention_exact=round(float(np.mean(ex)),4),retention_overlap=round(float(np.mean(ov)),4),old_correct=int(len(old))),open(f'{W}/final.json','w'),indent=1)
J2=J[['seed','used_for','entry','lexicon_row','doc_id','start','end','negated','kwic','correct','error_type','still_hit']]
J2.to_csv(f'{OUT}/judgments.csv',index=False); E.to_csv(f'{OUT}/entry_audit.csv',index=False); ret.reset_index().to_csv(f'{OUT}/retention.csv',index=False)

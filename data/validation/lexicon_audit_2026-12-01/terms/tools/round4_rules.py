import sys, pandas as pd
P='data/lexicons/loaded_terms.csv'
L=pd.read_csv(P,dtype=str,keep_default_na=False).set_index('term',drop=False)
POL=L.loc['مجرم*','context']
def add(t,col,val):
    L.loc[t,col]=(L.loc[t,col]+'|'+val) if L.loc[t,col] else val
# retention: cue looked for in the paragraph (seed-0 lines: right lines come back, no wrong one)
for t in ['خيانة','ذريعة','مجازر','يائس*','مأزق','مستنقع','ادعاءات','تمرد','القائد العام','مجرم*','دموي*','نكسة','غير معلن*','ورطة','مزعوم*']:
    L.loc[t,'context_scope']='paragraph'
L.loc['نهب','context_scope']='paragraph'; L.loc['نهب','context']=POL
SPORT='!كأس|!الدوري|!مباراة|!مباريات|!المنتخب|!منتخب|!اللاعب*|!لاعب*|!النادي|!نادي|!المدرب|!مدرب|!بطولة|!البطولة|!الفريق|!صفقة|!الصفقات|!مونديال|!المونديال|!الاتحاد الدولي'
add('فشل*','context',SPORT); add('إخفاق*','context',SPORT)
add('ادعاءات','context',SPORT+'|!الفيفا|!فيفا|!الميداليات|!ألعاب القوى|!المنشطات|!اللقاحات|!لقاح*'); add('ادعاءات','exclude','محكمة ادعاءات|محكمة الادعاءات')
# انقلاب: a politics cue in the paragraph (vehicles, furniture, poems, obesity have none)
L.loc['انقلاب','context']=POL; L.loc['انقلاب','context_scope']='paragraph'
# خوارج: the historical sect (sentence names its era or people)
L.loc['خوارج','context']='!علي بن أبي طالب|!الصحابة|!صدر الإسلام|!السلف|!القديمة|!الأولين|!الأوائل|!النجدات|!الأزارقة|!ابن عباس|!أمير المؤمنين|!فرقة|!فرق الخوارج'
# فرار: suspects and attackers fleeing a crime scene, prisoners, deserters
add('فرار','exclude','لاذ* بالفرار|لاذوا بالفرار|لاذا بالفرار|لاذ بالفرار|الفرار من موقع|الفرار من الخدمة|جرائم الفرار|من الفرار')
add('أجندة','exclude','على أجندة|على الأجندة|قائمة أجندة|وضع أجندة|تتضمن أجندة|أجندة الأهداف|أجندة اهتمامات|أجندة جلسات|أجندة أعمال|أجندة تقشف')
add('مشبوهة','exclude','تحركات مشبوهة|التحركات مشبوهة|أجهزة مشبوهة|الأجهزة مشبوهة|إيداع مشبوهة|طبية مشبوهة|عملياتها مشبوهة|الإيرانية مشبوهة|المنشآت الإيرانية مشبوهة')
add('ممنهج*','context','!علمي*|!مدروس|!إعلام|!الإعلام|!التعليم*|!تعليمي*|!تربوي*|!الطلاب|!المناهج|!البشرية')
add('عجز*','context','!الأسهم|!المؤشر|!سهم|!الإعاقة|!المعاقين|!الاحتياجات الخاصة|!الجسدية|!مواصلات')
add('ديكتاتور*','context','!التربية|!تربية|!الإنتاج|!المثقف|!الثقافة|!الثقافي*|!الفيلم|!فيلم')
L.loc['ديكتاتور*','context_scope']=''
# لصوص: ordinary crime in the paragraph blocks it (the seed heading «خلافات اللصوص» stands alone)
L.loc['لصوص','context']='!السرقة|!سرقة|!يسطو*|!ليسطو*|!السطو|!سطو|!المجوهرات|!الشرطة|!التحقيقات|!القبض|!المحلات|!السياح|!سياح|!الموظفين|!المومسات|!لوحة|!اللوحة|!خبز|!خباز|!السيارات|!الزوجية'
L.loc['لصوص','context_scope']='paragraph'
L.to_csv(P,index=False)
# second block: rows and unchanged below-90 entries
L=pd.read_csv(P,dtype=str,keep_default_na=False).set_index('term',drop=False)
ARMED=L.loc['نهب','context'] if False else pd.read_csv(P,dtype=str,keep_default_na=False).set_index('term').loc['عصابة','context']
cols=L.columns
new=[dict(term='ما تسميه',category='distancing_marker',gloss='what it (she, they) calls',suffixes='none',
          note="Distancing: «ما تسميه إيران الشيطان الأكبر». Separate row because ما تسمى takes no suffix (its generated forms were neutral); not a wildcard."),
     dict(term='ما يسميه',category='distancing_marker',gloss='what he calls',suffixes='none',
          note="Distancing: «ما يسميه النظام». Separate row because ما يسمى takes no suffix; not a wildcard.")]
L=pd.concat([L.reset_index(drop=True),pd.DataFrame(new)],ignore_index=True).fillna('')[cols]
L.to_csv(P,index=False)
# notes: say what round 4 changed
L=pd.read_csv(P,dtype=str,keep_default_na=False).set_index('term',drop=False)
R4={
 'انقلاب':'Round 4: needs a conflict/politics cue in the paragraph (vehicles, furniture, poems, the Persian word for revolution in literary use had none).',
 'خوارج':'Round 4: blocking cues for the historical sect in the sentence (علي بن أبي طالب, الصحابة, السلف, الأزارقة, فرقة ...).',
 'لصوص':'Round 4: blocking cues of ordinary crime in the paragraph (سرقة, السطو, الشرطة, المجوهرات ...); the seed heading «خلافات اللصوص» stands alone and still counts.',
 'فشل*':'Round 4: sports blocking cues (كأس, الدوري, مباراة, المنتخب, صفقة ...).',
 'إخفاق*':'Round 4: sports blocking cues as for فشل*.',
 'ادعاءات':'Round 4: cue looked for in the paragraph; sports, doping and vaccine blocking cues; محكمة الادعاءات (the Iran-US Claims Tribunal) excluded.',
 'فرار':'Round 4: excludes لاذ بالفرار (suspects fleeing a crime scene), deserters and prisoners.',
 'أجندة':'Round 4: excludes the neutral agenda (على أجندة, على الأجندة, أجندة أعمال ...).',
 'مشبوهة':'Round 4: excludes literal suspicious movements, devices, deposits, herbs and sites.',
 'ممنهج*':'Round 4: blocking cues of the neutral "methodical" (علمي, مدروس, الإعلام, التعليم ...).',
 'عجز*':'Round 4: blocking cues of stock markets and disability.',
 'ديكتاتور*':'Round 4: blocking cues of metaphors (التربية, الإنتاج, المثقف, الثقافة, فيلم).',
 'نهب':'Round 4: conflict/politics cue (was armed-conflict) looked for in the paragraph.',
}
for t in ['خيانة','ذريعة','مجازر','يائس*','مأزق','مستنقع','تمرد','القائد العام','مجرم*','دموي*','نكسة','غير معلن*','ورطة','مزعوم*']:
    R4[t]='Round 4: the cue is looked for in the paragraph, not only the sentence.'
for t,n in R4.items():
    L.loc[t,'note']=L.loc[t,'note'].rstrip()+' '+n
L.to_csv(P,index=False)

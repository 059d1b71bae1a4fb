"""Rules of the bundled loaded-term rows changed in rounds 5 and 6 of the 2026-12-01 audit, on hand-made texts.

Each case is a sentence built on a judged line of the audit
(``data/validation/lexicon_audit_2026-12-01/terms``): the wrong sense must not count, the
loaded sense must.
"""

import pandas as pd
import pytest

from analysis.pipeline import FramingCounter


@pytest.fixture(scope="module")
def counter() -> FramingCounter:
    """The counter with the bundled lexicons."""
    return FramingCounter()


def term_hits(counter: FramingCounter, text: str) -> list[tuple[str, str, str]]:
    """(entry, category, surface) of every term hit in ``text``."""
    hits = counter.count(pd.DataFrame({"doc_id": ["d"], "text": [text]})).hits
    terms = hits[hits["kind"] == "term"]
    return list(zip(terms["entry"], terms["category"], terms["surface"]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the loss of legitimacy is a delegitimizing claim of its own, longest match over شرعيت*
        (
            "وقال الوزير إن نظام الأسد فقد شرعيته بالكامل.",
            [("فقد* شرعيت*", "delegitimizing_label", "فقد شرعيته")],
        ),
        (
            "ويقف المجلس خلف حق الشعب اليمني في استرداد شرعيته.",
            [("شرعيت*", "legitimizing_label", "شرعيته")],
        ),
        # a negated legitimacy is excluded
        ("وقال إنه لا يعترف بهذه المحكمة ولا بشرعيتها.", []),
        # the legitimacy of a religion (sociology) is blocked
        ("ويرى الباحث أن فعالية الدين تستمد شرعيتها من البناء الاجتماعي.", []),
    ],
)
def test_legitimacy_and_its_loss(counter, text, expected):
    assert term_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "entry", "counts"),
    [
        # انتهاك*: a norm statement, intellectual property and a blasphemy speech are not the loaded sense
        ("ومن أهم المبادئ احترام سيادة جميع الدول وعدم انتهاك حدودها.", "انتهاك*", False),
        ("فحقوق الملكية الفكرية تتعرض لانتهاكات شديدة في الحرب على القرصنة.", "انتهاك*", False),
        ("ولا تسامح مع أي انتهاك لحقوق الشعوب في ظل ظاهرة ازدراء الأديان.", "انتهاك*", False),
        ("ووثقت المنظمة انتهاكات الحوثيين لحقوق الإنسان في اليمن.", "انتهاك*", True),
        # انقلاب: a reversal of the balance of forces, also in the accusative
        ("وتوقع أن نشهد انقلابا في خريطة الموازين العسكرية لصالح المعارضة.", "انقلاب", False),
        ("وقال إن الانقلاب الحوثي على الشرعية في اليمن لن يدوم.", "انقلاب", True),
        # بدعوى: a generic state word is no longer a cue; a conflict word is
        ("رفضت الجهة علاجه بدعوى أن المراكز الصحية في المملكة لا تتوفر فيها الأجهزة.", "بدعوى", False),
        ("وقصفت الميليشيات الحوثية الأحياء بدعوى ملاحقة المسلحين.", "بدعوى", True),
        # أجندة: community service or terrorism alone is not a cue; carrying out a foreign agenda is
        ("وتتصدر الجائزة أجندة برامج خدمة المجتمع في البنك لمكافحة الإرهاب.", "أجندة", False),
        ("وقال إن المنفذ أداة لتنفيذ أجندة خارجية تستهدف أمن البلاد.", "أجندة", True),
        ("وأكد أن داعش لها أجندة معلنة ضد الغرب.", "أجندة", False),
        # غير شرعي*: refugees with a proclitic
        ("حركت صور السفن الناقلة للاجئين غير الشرعيين أوروبا في الحرب.", "غير شرعي*", False),
        # عجز*: a relief agency's deficit after a war
        ("وزادت أعباء الأونروا بعد الحرب على غزة واضطرها العجز إلى تقليصات.", "عجز*", False),
        ("ودفع القتال اقتصاد البلاد نحو العجز والإفلاس.", "عجز*", False),
        ("وعجز الجيش عن القضاء على تمرد بوكو حرام.", "عجز*", True),
        # يزعم: a court's neutral "allegedly"
        ("أجلت محكمة مصرية محاكمة 379 شخصا يزعم أنهم أعضاء في جماعة الإخوان.", "يزعم", False),
        # تواطؤ: a bribery case
        ("وجهت اتهامات لمسؤولين بالتواطؤ مع مقاولين لدفع رشا للسياسيين.", "تواطؤ", False),
        # مأزق (round 6): everyday predicaments do not count even with a conflict cue nearby
        ("قال إن الميليشيات تواجه مأزقا بعد القتال.", "مأزق", True),
        ("يعاني الناس بسبب الإرهاب ونحن في مأزق معيشي صعب.", "مأزق", False),
        ("بعد الحرب أراد الخروج من مأزق السجن.", "مأزق", False),
        ("بعد الحرب وضع القطاع العقاري في مأزق.", "مأزق", False),
        ("وجد الفريق نفسه في مأزق.", "مأزق", False),
    ],
)
def test_round5_rules(counter, text, entry, counts):
    assert (entry in [e for e, _, _ in term_hits(counter, text)]) is counts


# -- actor rows changed after the out-of-domain check (data/validation/actors_out_of_domain_2026-12-01) ---------------


def actor_hits(counter: FramingCounter, text: str) -> list[tuple[str, str]]:
    """(label, surface) of every actor hit in ``text``."""
    hits = counter.count(pd.DataFrame({"doc_id": ["d"], "text": [text]})).hits
    actors = hits[hits["kind"] == "actor"]
    return list(zip(actors["label"], actors["surface"]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a foundation and a company named after Qatar are not the state; the state still counts
        ("وأعلنت مؤسسة قطر عن برنامج جديد، فيما قالت قطر إنها ترحب.", [("Qatar", "قطر")]),
        ("ووقعت شركة قطر لتسويق الوقود اتفاقا.", []),
        # the Vision 2030 programme is not the actor; the kingdom's government is
        (
            "وتهدف رؤية المملكة العربية السعودية 2030 إلى التنويع. ودعت المملكة العربية السعودية إلى الحوار.",
            [("Saudi Arabia", "المملكة العربية السعودية")],
        ),  # fmt: skip
    ],
)
def test_out_of_domain_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the newspaper al-Riyadh quoted as a source, in any outlet's article, and a travel agency
        # (holdout of 2026-12-01, A058 and A150); the city in quotation marks still counts
        ("وقالت مصادر طبية ل»الرياض» إن عددا من المصابين في حالة خطرة.", []),
        ('وقال ل"الرياض" إن الملف مؤجل، حسبما نقلت صحيفة "الرياض" وصحيفة “الرياض”.', []),
        ("بحضور نائب مدير وكالة الرياض للسياحة والسفر.", []),
        ('لماذا تغرق شوارع العاصمة "الرياض" بعد الأمطار؟', [("Riyadh", "الرياض")]),
        # the WTO's Doha Round is not the city (A068); the city is
        ("المواقف اليابانية من دورة الدوحة وجولة الدوحة، ثم وصل الوفد إلى الدوحة.", [("Doha", "الدوحة")]),
    ],
)
def test_holdout_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


def test_suspicion_in_sports_news_does_not_count(counter):
    # match fixing (holdout of 2026-12-01, T159); the same words about a deal still count
    sports = "وقال رئيس اتحاد كرة القدم إنه لن يواجه هذه الحالات المثيرة للشك في المباريات."
    politics = "ووصف المتحدث الصفقة بأنها مثيرة للشك."
    assert term_hits(counter, sports) == []
    assert [entry for entry, _, _ in term_hits(counter, politics)] == ["مثير* للشك"]


def test_of_the_nature_of_between_a_negator_and_its_hit(counter):
    # «ليس ذا طابع إرهابي» labels no one (holdout of 2026-12-01, T234); «ذو طابع إرهابي» without a negator does
    hits = counter.count(pd.DataFrame({"doc_id": ["d", "e"], "text": [
        "وتعارض المنظمات قمع أي عمل ليس ذا طابع إرهابي.", "ووصف الهجوم بأنه عمل ذو طابع إرهابي."]})).hits  # fmt: skip
    terms = hits[hits["kind"] == "term"]
    assert list(zip(terms["doc_id"], terms["surface"], terms["negated"])) == [
        ("d", "إرهابي", True),
        ("e", "إرهابي", False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the school chain «مدارس الرياض» is not the city; the city's schools are (holdout of 2026-12-02, A068)
        ("وعبر طلاب مدارس الرياض عن شكرهم، ويشارك 140 موهوبا من مختلف مدارس مدينة الرياض.", [("Riyadh", "الرياض")]),
        # «قطر» the diameter, next to a unit or a measured thing (A113); the state still counts
        ("تم إدخال الخط الرئيسي قطر 800 ملم، ويمكن الاختيار بين إطارات بقطر 18 بوصة.", []),
        ("ومن النادر أن يزيد قطر الشهاب عن قطر حبة التراب. وزار الوزير قطر أمس.", [("Qatar", "قطر")]),
    ],
)
def test_holdout2_actor_rules(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # a counter-terrorism drill (holdout of 2026-12-02, T083) and a failed rescue (T108) are not loaded
        ("ثم شاهد ولي العهد فرضية اقتحام مبنى متعدد الأدوار.", False),
        ("وأدان البيان اقتحام المستوطنين المسجد الأقصى.", True),
        ("بيد أن جميع محاولات إنقاذه باءت بالفشل.", False),
        ("وأكد أن محاولات الحوثيين باءت بالفشل.", True),
    ],
)
def test_holdout2_term_rules(counter, text, counts):
    assert bool(term_hits(counter, text)) is counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names containing an alias (holdout of 2026-12-02b: A123, A142, A014, A070); the actor still counts
        ("أعلن بنك الرياض رعايته للجائزة في الرياض.", [("Riyadh", "الرياض")]),
        ("وفقا لمسح تومسون رويترز، بحسب ما نقلت رويترز.", [("Reuters", "رويترز")]),
        ("قرعة مونديال روسيا 2018، واتهمت روسيا الغرب.", [("Russia", "روسيا")]),
        ("نظرا للظروف القاهرة في الداخل عاد الرئيس إلى القاهرة.", [("Cairo", "القاهرة")]),
    ],
)
def test_holdout3_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names and sport containing an alias (holdout of 2026-12-02c: A026, A075, A098, A007, A238,
        # A232, A299, A053, A221); beside each, the actor in the same sentence still counts
        ("وتتواصل فعاليات عيد الرياض، وقال أمين الرياض إن الفعاليات مستمرة.", [("Riyadh", "الرياض")]),
        ("وأشار في لقاء مع قناة «روسيا اليوم» إلى أن روسيا تدعم الحل.", [("Russia", "روسيا")]),
        ("حضر الحفل ولي عهد بروسيا، وأعلنت روسيا اليوم عن دعمها.", [("Russia", "روسيا")]),
        ("وقع برنامج إنجاز السعودية اتفاقية، وأكدت السعودية دعمها.", [("Saudi Arabia", "السعودية")]),
        ("تعتبر منطقة غور الأردن محدودة السكان، وقال الأردن إنه يرفض الضم.", [("Jordan", "الأردن")]),
        ("عقد المؤتمر بفندق كونراد القاهرة. ووصل الوفد إلى القاهرة.", [("Cairo", "القاهرة")]),
        ("قال استشاري الجلدية في عيادة الرياض إن الوشم خطر.", []),
        ("عقوبة الاتحاد الأوروبي منعت النادي من الإنفاق في سوق الانتقالات.", []),
        ("وجاءت المواجهات: الفائز من (1) مع الكاميرون، الفائز من (2) مع تونس.", []),
    ],
)
def test_holdout4_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names, events and another state named after a place (a sweep of the words most often
        # before or after an actor on the 20k corpus, 2026-12-02); the place itself still counts
        ("قال الأمين العام لحركة نداء تونس إن تونس تحتاج إلى الاستقرار.", [("Tunisia", "تونس")]),
        ("انتقل اللاعب إلى بطل فرنسا، وقالت فرنسا إنها ستشارك.", [("France", "فرنسا")]),
        ("عاش في ألمانيا الشرقية سابقا، ثم رحلت ألمانيا اللاجئين.", [("Germany", "ألمانيا")]),
        ("أما ألمانيا بطلة العالم فوقعت في مجموعة سهلة.", []),
        ("ومرت الفرقاطة «تحيا مصر» في القناة، ووقعت مصر الصفقة.", [("Egypt", "مصر")]),
        ("ارتفع سهم فودافون قطر، وأعلنت قطر دعمها.", [("Qatar", "قطر")]),
        ("رفعت شركة بترول الإمارات الوطنية عرضها، وأكدت الإمارات موقفها.", [("United Arab Emirates", "الإمارات")]),
        ("صعد سهم أبوظبي الوطنية للطاقة.", []),
        ("شارك في مؤتمر القاهرة ومهرجان القاهرة السينمائي، ثم غادر القاهرة.", [("Cairo", "القاهرة")]),
        ("انعقد مؤتمر الرياض، وشارك المركز في معرض الرياض الدولي للكتاب في الرياض.", [("Riyadh", "الرياض")]),
    ],
)
def test_names_events_and_states_named_after_a_place(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fifth holdout's names (2026-12-02d: A271, A136, A235, A039, A243, A103, A268); the actor
        # itself in the same text still counts
        ('وتقدم "السعودية" خدمة الإنترنت على رحلاتها، وأعلنت السعودية دعمها.', [("Saudi Arabia", "السعودية")]),
        ("ويقوم تموين السعودية بتوفير الوجبات.", []),
        ("التزمت الأطراف بإعلان الرياض، ووصل الوفد إلى الرياض.", [("Riyadh", "الرياض")]),
        ("تطوير تقاطع شارع الرياض مع شارع القدس في القطيف.", []),
        ("ومصلى العيد بحي الدوحة في الظهران، وزار الوزير الدوحة.", [("Doha", "الدوحة")]),
        ("قال زميل معهد روسيا الحديثة إن روسيا تدعم الأسد.", [("Russia", "روسيا")]),
        ("خاض فريق طلائع الجيش المصري مباراة ودية.", []),
    ],
)
def test_holdout5_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The eighth holdout's fixes (data/validation/holdout_2026-12-02g/, applied after scoring).
        ('من قبل شركة "أرامكو" السعودية، وقال الجبير: "السعودية على دراية"', [("Saudi Arabia", "السعودية")]),
        ("المستحقة من شركة (زين) السعودية بتاريخ 30 نوفمبر", []),
        ('وجمعت "إعمار مصر" نحو 2.28 مليار جنيه من شركة توتال مصر، وزار الوزير مصر.', [("Egypt", "مصر")]),
        ("وقال عروة إن زين السودان أكملت تركيب الشبكة.", []),
        ("فعاليات مهرجان صيف أبوظبي 2015", []),
        ("واصل نجوم المملكة العربية السعودية للأولمبياد الخاص تفوقهم", []),
        ("وأدار مازيتش مباراتي ألمانيا والبرتغال، وتصدرت بلجيكا تصنيف المنتخبات يليها ألمانيا.", []),
        ("يتبع لمنطقة الكونكاكاف (أميركا الشمالي والوسطى)", []),
        ("بمقر شركة استثمارات الرياض الصناعية", []),
    ],
)
def test_holdout8_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Out of conflict news (the COVID-19 set): cybercriminals and a virus's "invasion" are not labels.
        ("حملات التضليل من قبل الدول المعادية أو مجرمي الإنترنت، وقالت الحكومة إنها تعمل", []),
        ("الوباء الذي اكتسح العالم بغزو لم تشهد الأرض مثله", []),
        # The labels still count in war news.
        ("قصفت قوات مجرم الحرب حفتر طرابلس بعد الغزو التركي", [("مجرم*", "مجرم"), ("غزو", "الغزو")]),
    ],
)
def test_cybercrime_and_a_virus_are_not_conflict_labels(counter, text, expected):
    assert [(entry, surface) for entry, _, surface in term_hits(counter, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The ninth holdout's fixes (data/validation/holdout_2026-12-02h/, applied after scoring).
        ("قال الجيش الشعبي لتحرير السودان إنه استعاد منطقة، وزار الوزير السودان.", [("Sudan", "السودان")]),
        ("وقاعة الطفل، وقاعة عيش السعودية، في المعرض", []),
        ("في مفرداتها ولهجتها السعودية، وتفوقت جامعاتنا السعودية في مدينة جدة السعودية", []),
        # «our Saudi forces» are the state's armed forces (as the row القوات السعودية): they count.
        ("حققت قواتنا السعودية تفوقا", [("Saudi Arabia", "السعودية")]),
        ("وأعلنت السعودية دعمها وقادتها السعودية إلى النصر", [("Saudi Arabia", "السعودية")] * 2),
        ("أشرفت مجموعة «سعوديون في أمريكا» على الحفل، ويدرس آلاف سعوديون في أمريكا", [("United States", "أمريكا")]),
        ("أعلن أن ألمانيا الديمقراطية فتحت المعابر، وتغلب على أميركا دي كالي", []),
    ],
)
def test_holdout9_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


def test_a_surname_is_not_aggression(counter):
    assert term_hits(counter, "برئاسة الحكم الدولي السابق عبدالله العدوان") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The tenth holdout's fixes (data/validation/holdout_2026-12-02i/, applied after scoring).
        ("خلال مؤتمر صحافي استضافته جامعة الإمارات، وزار الوزير الإمارات", [("United Arab Emirates", "الإمارات")]),
        ("الرئيس السابق لشركة ترافيك سبورتس فرع الولايات المتحدة والتعليم في الولايات المتحدة المكسيكية", []),
        ("رئيس نادي اهلي الرياض، وسعر سهم مصرف السلام السودان", []),
        ("يشنها النظام المدعوم إيرانياً وروسياً على شعب أعزل", []),
    ],
)
def test_holdout10_actor_exclusions(counter, text, expected):
    assert actor_hits(counter, text) == expected


def test_holdout10_term_exclusions(counter):
    text = "للتصدي للغزو الثقافي الغربي، ويطبقون غزو العقل، من خلال قاعدة الذرائع، فقد يقع المجرم أو الجانح"
    assert term_hits(counter, text) == []
    assert [e for e, _, _ in term_hits(counter, "قصفت الطائرات المدن بعد الغزو الأمريكي للعراق")] == ["غزو"]

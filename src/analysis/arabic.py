"""Arabic script facts: the one place for letter tables, clitics and punctuation.

Every other module imports these tables instead of spelling characters out again,
so a correction here (a missed diacritic, a new quotation mark) reaches the
normalizer, the tokenizer, the quote finder and the lexicon matcher at once.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product

import regex

# --- characters removed before matching -------------------------------------

#: Harakat, shadda, sukun, Quranic annotation signs and the dagger alef.  They are
#: optional in Arabic spelling, so a word must match with or without them.
DIACRITICS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]  # Quranic honorifics and small signs
    + [chr(c) for c in range(0x064B, 0x0660)]  # tanwin .. wavy hamza below
    + ["\u0670"]  # superscript (dagger) alef
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation signs
)

#: Tanwin (fathatan, dammatan, kasratan): the mark of an indefinite noun or adjective.  A name
#: never carries it (country and foreign names are diptotes, names with the article are definite),
#: so an actor alias written with it is a nisba adjective or adverb: «هجوماً روسياً», «تركيًا».
TANWIN: frozenset[str] = frozenset("\u064b\u064c\u064d")

#: Tatweel (kashida) stretches a letter for justification; it carries no sound.
TATWEEL = "\u0640"

#: LEFT-TO-RIGHT MARK and RIGHT-TO-LEFT MARK: invisible, they only steer the bidirectional ordering.
LRM, RLM = "\u200e", "\u200f"

#: Invisible format characters that scraped and PDF-extracted text is full of.
INVISIBLE: frozenset[str] = frozenset(
    [
        "\u00ad",  # soft hyphen
        "\u061c",  # Arabic letter mark (ALM)
        "\u200b",  # zero width space
        "\u200c",  # zero width non-joiner
        "\u200d",  # zero width joiner
        LRM,
        RLM,
        "\u2060",  # word joiner
        "\ufeff",  # byte-order mark / zero width no-break space
    ]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)

#: Characters that belong to the word they stand in but vanish in normalization:
#: a word is never split by them, and a token's surface keeps them.
WORD_INTERNAL_IGNORABLES: frozenset[str] = DIACRITICS | {TATWEEL} | INVISIBLE

# --- letter folding ----------------------------------------------------------

#: Persian and Urdu letters and digits that turn up in Arabic text typed on
#: Persian keyboards; mapped to the Arabic letter a reader sees.
PERSIAN_TO_ARABIC: dict[str, str] = {
    "\u06cc": "\u064a",  # ی Farsi yeh -> ي
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06d5": "\u0647",  # ە ae -> ه
}

#: Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits to ASCII.
DIGITS_TO_ASCII: dict[str, str] = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

#: Hamza-carrying alef forms and wasla folded to bare alef (optional folding).
ALEF_FOLDING: dict[str, str] = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ alef wasla
}
#: Alef maqsura folded to yeh (optional folding).
YEH_FOLDING: dict[str, str] = {"\u0649": "\u064a"}  # ى -> ي
#: Taa marbuta folded to heh (optional folding).
TAA_MARBUTA = "\u0629"
TAA_FOLDING: dict[str, str] = {TAA_MARBUTA: "\u0647"}  # ة -> ه

#: Presentation forms, folded with NFKC (only these blocks, never the whole text).
PRESENTATION_FORM_RANGES: tuple[tuple[int, int], ...] = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

# --- tokenization --------------------------------------------------------------

#: Quotation marks seen in Arabic news.  ASCII and curly double quotes are used
#: as both opener and closer (and mismatched: “...") so only guillemets have a
#: fixed direction.
QUOTE_MARKS: frozenset[str] = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
OPENING_ONLY_QUOTES: frozenset[str] = frozenset("\u00ab")  # «
CLOSING_ONLY_QUOTES: frozenset[str] = frozenset("\u00bb")  # »
#: Guillemets are paired among themselves first, then curly quotes, then plain
#: ``"``: a plain mark never closes a « or “ while a mark of their own shape can.
GUILLEMETS: frozenset[str] = OPENING_ONLY_QUOTES | CLOSING_ONLY_QUOTES
CURLY_QUOTES: frozenset[str] = frozenset("\u201c\u201d\u201e\u201f")
STRAIGHT_QUOTE = '"'
#: What a straight ``"`` stands for when its spacing shows its direction (:func:`straight_quote_as_curly`).
OPENING_CURLY, CLOSING_CURLY = "\u201c", "\u201d"

#: Punctuation that ends a sentence (Latin and Arabic question mark, ellipsis).
SENTENCE_END: frozenset[str] = frozenset(".!?\u061f\u2026")
#: Arabic comma, semicolon; listed so that readers of this file know they exist.
ARABIC_COMMA = "\u060c"
ARABIC_SEMICOLON = "\u061b"

# --- clitics ---------------------------------------------------------------------

ARTICLE = "\u0627\u0644"  # ال
LAM = "\u0644"
#: Conjunctions written attached to the next word.
CONJUNCTIONS: tuple[str, ...] = ("", "\u0648", "\u0641")  # و ف
#: Prepositions written attached to the next word.  The future marker س is left
#: out on purpose: lexicon entries are nouns, and س before a noun only makes
#: false matches.
PREPOSITIONS: tuple[str, ...] = ("", "\u0628", "\u0643", "\u0644")  # ب ك ل
#: Pronoun enclitics (possessive/object).  ي and ني are left out: on a proper
#: name or a noun stem they mostly make a different word, the nisba adjective
#: (مصر + ي = مصري "Egyptian").
ENCLITICS: tuple[str, ...] = (
    "\u0647",  # ه
    "\u0647\u0627",  # ها
    "\u0647\u0645\u0627",  # هما
    "\u0647\u0645",  # هم
    "\u0647\u0646",  # هن
    "\u0643",  # ك
    "\u0643\u0645\u0627",  # كما
    "\u0643\u0645",  # كم
    "\u0643\u0646",  # كن
    "\u0646\u0627",  # نا
)
TAA_BEFORE_ENCLITIC = "\u062a"  # حكومة + ها -> حكومتها


@lru_cache(maxsize=1)
def detached_proclitic_forms() -> frozenset[str]:
    """Proclitics written apart from their word, as the tokenizer normalizes them.

    News writes a preposition before a quotation, a digit or a foreign name with
    a tatweel and a space (لـ "الجزيرة"، بـ 5 ملايين); the tokenizer then reads
    لـ as a word of its own (normalized ل).  It is grammar, never content, so
    word counts leave it out with the stop words.

    >>> sorted(detached_proclitic_forms())[:4], len(detached_proclitic_forms())
    (['ب', 'ف', 'فب', 'فك'], 11)
    """
    return frozenset(c + p for c in CONJUNCTIONS for p in PREPOSITIONS if c + p)


def proclitic_variants(stem: str) -> frozenset[str]:
    """Return every spelling of ``stem`` with the proclitics MSA allows before it.

    Parameters
    ----------
    stem : str
        A normalized lexicon word, with or without the article ``ال``.

    Returns
    -------
    frozenset of str
        The stem itself and each prefixed spelling.

    Notes
    -----
    MSA order is [و|ف] [ب|ك|ل] [ال] stem.  The article is offered only to stems
    that do not carry it already, and ``ل`` + ``ال`` is written ``لل`` (the
    article's alef is dropped: للحكومة, never لالحكومة).

    Examples
    --------
    >>> v = proclitic_variants("الموساد")
    >>> sorted(x for x in v if x.endswith("لموساد"))[:3]
    ['الموساد', 'بالموساد', 'فالموساد']
    >>> "للموساد" in v, "والموساد" in v, "لالموساد" in v
    (True, True, False)
    """
    articles = ("",) if stem.startswith(ARTICLE) else ("", ARTICLE)
    lam_article = LAM + ARTICLE
    variants = set()
    for conj, prep, article in product(CONJUNCTIONS, PREPOSITIONS, articles):
        written = conj + prep + article + stem
        junction = len(conj)
        if written.startswith(lam_article, junction):
            written = written[: junction + 1] + written[junction + 2 :]
        variants.add(written)
    return frozenset(variants)


@lru_cache(maxsize=4096)
def attached_proclitic_stems(word: str) -> tuple[str, ...]:
    """The words left when an attached conjunction and/or preposition is taken off ``word``.

    The inverse of :func:`proclitic_variants` for [و|ف] [ب|ك|ل]: each candidate
    stem, longest first (then in letter order), with the article's alef restored after ``ل`` (للشركة →
    الشركة).  Whether a candidate is a real stem is the caller's question (بريطانيا
    gives ريطانيا, which no lexicon word accepts).

    >>> attached_proclitic_stems("وللسعوديه")
    ('السعوديه', 'للسعوديه')
    >>> attached_proclitic_stems("بالرياض"), attached_proclitic_stems("قطر")
    (('الرياض',), ())
    """
    stems = []
    for conj, prep in product(CONJUNCTIONS, PREPOSITIONS):
        prefix = conj + prep
        if not prefix or not word.startswith(prefix) or len(word) <= len(prefix) + 1:
            continue
        stem = word[len(prefix) :]
        if prep == LAM and stem.startswith(LAM):
            stem = ARTICLE + stem[1:]  # ل + ال is written لل
        stems.append(stem)
    return tuple(sorted(set(stems), key=lambda stem: (-len(stem), stem)))


def enclitic_variants(stem: str) -> tuple[str, ...]:
    """Return ``stem`` followed by each pronoun enclitic.

    A final taa marbuta (or the ``ه`` it folds to) is written ``ت`` before an
    enclitic: حكومة + ها → حكومتها.

    Parameters
    ----------
    stem : str
        A normalized word.

    Returns
    -------
    tuple of str
        The suffixed spellings (the bare stem is not included).
    """
    bases = {stem}
    if stem.endswith((TAA_MARBUTA, TAA_FOLDING[TAA_MARBUTA])):
        bases = {stem[:-1] + TAA_BEFORE_ENCLITIC}
    return tuple(base + enclitic for base in sorted(bases) for enclitic in ENCLITICS)


# --- suffixes a lexicon entry may take (see analysis.forms) ----------------------

#: The indefinite accusative alef (عدوانا، عجزاً: the tanwin is removed in
#: normalization, the alef stays).  Not written after taa marbuta (ةً), alef,
#: alef maqsura, yeh or hamza, which carry the tanwin without an alef.
ACCUSATIVE_ALEF = "\u0627"  # ا
#: Final letters after which no accusative alef is written.
NO_ACCUSATIVE_AFTER: frozenset[str] = frozenset("\u0627\u0649\u064a\u0621\u0629")  # ا ى ي ء ة
#: Sound feminine plural (اقتحامات؛ ة is replaced: مجزرة → مجزرات).
FEMININE_PLURAL = "\u0627\u062a"  # ات
#: A final plain alef of a loanword, replaced like ة by the plural ات and by a
#: nisba (ميليشيا → ميليشيات، أمريكا → أمريكي).  Not أ (خطأ → أخطاء).
ALEF_REPLACED_BY_ENDINGS = "\u0627"  # ا
#: Sound masculine plural, nominative and oblique (متطرفون، إرهابيين); not
#: formed on a taa-marbuta word.
MASCULINE_PLURALS: tuple[str, ...] = ("\u0648\u0646", "\u064a\u0646")  # ون ين

# --- negation and loss before a hit (see analysis.negation) ---------------------

#: Normalized negators and words of loss, by how far before a hit they may
#: stand.  Conjunctions (و ف), and on nouns ب ل, are generated in
#: :func:`negator_forms` and :func:`adjacent_negator_forms`.
#:
#: Particles and verbs of loss negate the clause they open, so they count within
#: :data:`NEGATION_WINDOW` words: «لا يملك الشرعية», «فقدت الحكومة شرعيتها».
NEGATING_PARTICLES: tuple[str, ...] = (
    "لا", "لم", "لن", "ليس", "ليست", "ليسوا", "ليسا", "بلا",
)  # fmt: skip
LOSS_VERBS: tuple[str, ...] = (
    "فقدت", "فقدوا", "يفقد", "تفقد", "يفقدون", "افتقد", "افتقدت", "يفتقد", "تفتقد", "يفتقدون",
    "افتقر", "افتقرت", "يفتقر", "تفتقر", "نزعت", "ينزع", "تنزع", "سحبت", "يسحب", "تسحب",
    "جرد", "جردت", "يجرد", "فقدها", "فقده",
)  # fmt: skip
#: Negating nouns govern the noun right after them (عدم شرعية، غياب الشرعية،
#: نزع الشرعية), so they count only directly before the hit: in «عدم دخول
#: مليشيات» the militias are not negated, their entry is.
NEGATING_NOUNS: tuple[str, ...] = (
    "غير", "عدم", "انعدام", "غياب", "فقدان", "افتقاد", "افتقار", "انتفاء", "نزع", "سحب", "تجريد",
)  # fmt: skip
#: فقد is also ف + قد ("so … has", as in فقد أكد), one of the commonest words of
#: news prose; as "he lost" it counts only directly before the hit (فقد شرعيته).
AMBIGUOUS_LOSS_VERBS: tuple[str, ...] = ("فقد",)
#: Two-word negators (the first word, then the second): خارج عن الشرعية.
NEGATING_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (first, "عن") for first in ("خارج", "خارجه", "خارجين", "خارجون", "الخارج", "الخارجه", "الخارجين", "خروج", "الخروج")
)
#: Words of "of the nature of" that stand between a negator and its hit and are
#: skipped, not counted in the window: «ليس ذا طابع إرهابي», «غير ذي طابع سياسي»,
#: «لم تعد ذات شرعية» (holdout of 2026-12-01, T234).  Without a negator they
#: change nothing: «عمل ذو طابع إرهابي» is not negated.
NEGATION_TRANSPARENT: frozenset[str] = frozenset({"ذا", "ذو", "ذي", "ذات", "طابع", "الطابع"})
#: How many word tokens before a hit are searched for a particle or verb of
#: negation (in its sentence, not across a comma or other punctuation).  Wider
#: windows catch negators of another clause («لم يعلن ... عن هجوم»).
NEGATION_WINDOW = 2
#: Words after لا that make it no negator: لا يزال / لا زال "still", لا سيما
#: "especially" («لا تزال ميليشيات الحوثي تتمركز», «ولا سيما العصابات»).  The
#: search for a negator stops at them (negation validation of 2026-12-02).
NEGATION_CONTINUATIONS: frozenset[str] = frozenset({
    "زال", "زالت", "زالوا", "يزال", "تزال", "يزالون", "نزال", "سيما",
})  # fmt: skip
#: Words that turn a negation into an assertion of "only" or "not merely": «ليس
#: سوى عصابة», «ليس مجرد عصابة بل», «لم نر الإرهاب إلا بعد», «ليست متطرفة فحسب بل
#: وحشية».  Between the negator and the hit, or within :data:`EXCEPTIVE_WINDOW`
#: words after it (no punctuation in between), they cancel the flag.
NEGATION_EXCEPTIVES: frozenset[str] = frozenset({"الا", "سوي", "مجرد", "فحسب", "فقط"})
EXCEPTIVE_WINDOW = 6
#: Verbs through which a particle reaches the word after them (one word between
#: particle and hit): being and becoming (لم يكن متطرفاً، لم تعد ذات شرعية),
#: existence (لا يوجد إرهاب), possession (لا يملك الشرعية), meaning and counting as
#: (لا يعني الخيانة، لا يعد إرهاباً) and verbs that only carry the act the hit names
#: (لم ترتكب مجزرة، لم تشن عدواناً).  After any other verb the hit is the
#: subject or object of a negated act, not negated itself: «لم تستطع الميليشيات»,
#: «ولا يعلن المتمردون مسؤوليتهم», «لم يعارض غزو إيران» (negation validation of
#: 2026-12-02, design half).  Normalized, without conjunctions.
NEGATION_CARRIER_VERBS: frozenset[str] = frozenset({
    "يكن", "تكن", "يكون", "تكون", "يكونوا", "يكونون", "كان", "كانت", "كانوا",
    "يصبح", "تصبح", "اصبح", "اصبحت", "يعد", "تعد", "عاد", "عادت", "يعتبر", "تعتبر",
    "يوجد", "توجد", "وجد", "يملك", "تملك", "يملكون", "يمتلك", "تمتلك", "يتمتع", "تتمتع",
    "يعني", "تعني", "يمثل", "تمثل", "يشكل", "تشكل",
    "يرتكب", "ترتكب", "يرتكبون", "يرتكبوا", "يمارس", "تمارس", "يمارسون", "يشن", "تشن", "يشنون",
    "يتكبد", "تتكبد", "يتكبدون", "يتكبدوا",
})  # fmt: skip


@lru_cache(maxsize=1)
def negator_forms() -> frozenset[str]:
    """Spellings of the particles and verbs that negate a hit within the window.

    Examples
    --------
    >>> forms = negator_forms()
    >>> all(f in forms for f in ("لا", "ولم", "فقدت", "وتفقد", "ليست"))
    True
    >>> "فقد" in forms or "عدم" in forms  # directly before the hit only
    False
    """
    return frozenset(conj + word for word in (*NEGATING_PARTICLES, *LOSS_VERBS) for conj in CONJUNCTIONS)


@lru_cache(maxsize=1)
def particle_forms() -> frozenset[str]:
    """Spellings of the negating particles (with و ف), the part of :func:`negator_forms` that needs a carrier verb.

    >>> "ولم" in particle_forms(), "فقدت" in particle_forms()
    (True, False)
    """
    return frozenset(conj + word for word in NEGATING_PARTICLES for conj in CONJUNCTIONS)


@lru_cache(maxsize=1)
def adjacent_negator_forms() -> frozenset[str]:
    """Spellings of the negating nouns and of فقد, which negate only the word right after them.

    >>> all(f in adjacent_negator_forms() for f in ("عدم", "بعدم", "لعدم", "وفقد", "نزع"))
    True
    """
    forms = {conj + word for word in AMBIGUOUS_LOSS_VERBS for conj in CONJUNCTIONS}
    forms.update(conj + prep + word for word, conj, prep in product(NEGATING_NOUNS, CONJUNCTIONS, PREPOSITIONS))
    return frozenset(forms)


# --- attribution --------------------------------------------------------------------

#: Normalized stems (3rd person, past or present) of verbs that introduce
#: reported speech.  Stems that are also common nouns or start other words are
#: left out: تابع (تابعة "affiliated"), زعم (زعماء "leaders"), وعد (وعدم).
SPEECH_VERB_STEMS: tuple[str, ...] = (
    "قال", "يقول", "تقول", "اضاف", "يضيف", "تضيف", "اكد", "يوكد", "يؤكد", "تؤكد",
    "صرح", "يصرح", "تصرح", "اعتبر", "يعتبر", "تعتبر", "وصف", "يصف", "تصف",
    "اوضح", "يوضح", "توضح", "ذكر", "يذكر", "تذكر", "اشار", "يشير", "تشير",
    "كتب", "يكتب", "تكتب", "غرد", "يغرد", "اعلن", "يعلن", "تعلن", "شدد", "يشدد", "تشدد",
    "لفت", "يلفت", "تلفت", "نقل", "ينقل", "تنقل", "كشف", "يكشف", "تكشف", "حذر", "يحذر",
    "تحذر", "ردد", "يردد", "هتف", "تساءل", "يتساءل", "افاد", "يفيد", "تفيد",
)  # fmt: skip
#: Speech verbs whose normalized form is also a common other word (بيّن "he
#: showed" vs بين "between"): they count only when a source follows at once.
STRICT_SPEECH_VERB_STEMS: tuple[str, ...] = ("بين", "يبين", "تبين")
#: Subject-agreement endings of the verbs above (past: ت وا ا تا ن; present: ون ان ن).
VERB_ENDINGS: tuple[str, ...] = ("", "ت", "وا", "ا", "تا", "ن", "ون", "ان")
#: Small words that may stand between a speech verb and its quotation (إن، أن).
SPEECH_LINKERS: frozenset[str] = frozenset({"ان", "بان", "انه", "انها", "قايلا", "قايله", "قائلا"})
#: Nouns that name what stands in quotation marks right after them (the
#: campaign «...», the book «...», the newspaper "..."): such a quotation is a
#: title or a name, not speech, unless a colon stands between noun and mark.  Written unnormalized;
#: :mod:`analysis.quotes` normalizes them and adds the proclitics.
LABEL_NOUNS: tuple[str, ...] = (
    "حملة", "شعار", "عنوان", "بعنوان", "كتاب", "كتابه", "رواية", "مسرحية", "فيلم", "مسلسل", "برنامج",
    "مسمى", "اسم", "تنظيم", "جماعة", "حركة", "جبهة", "منظمة", "جمعية", "شركة", "مؤسسة", "مركز", "مشروع",
    "مبادرة", "مهرجان", "معرض", "مؤتمر", "ندوة", "ملتقى", "لقاء", "وسم", "هاشتاق", "صحيفة", "جريدة",
    "مجلة", "موقع", "قناة", "وكالة", "شبكة", "إذاعة", "تطبيق", "عملية", "جائزة", "مسابقة", "قصيدة", "أغنية", "ألبوم",
)  # fmt: skip
#: Prepositional attribution ("according to", "quoting"): the source follows.
ACCORDING_TO: frozenset[str] = frozenset({"حسب", "بحسب", "وفق", "وفقا", "طبقا", "نقلا"})
#: Words after which the reported content or an object starts, so a subject
#: is no longer looked for after a speech verb.
CONTENT_STARTERS: frozenset[str] = frozenset({"ان", "بان", "انه", "انها", "عن", "علي", "في", "الي", "الى"})

#: Title, role and body nouns that head a named source outside the actor lexicon when they
#: are the first word after a speech verb (وقال المتحدث باسم الوزارة، أكد وزير الخارجية،
#: ذكرت وكالة الأنباء، بحسب المرصد): the speaker is identified by office or body even when
#: not by name.  Written unnormalized, without the article; :func:`named_source_head`
#: normalizes them and accepts them with ال.  Unnamed people (مسؤول، مصدر، شهود، خبراء) are
#: anonymous sources (``data/lexicons/sources.csv``), not heads; plural groups (العلماء،
#: الباحثون، مجموعة) and فريق (a general's rank, but also "a team") are left out because
#: they rarely identify anyone.  The union of the people's titles and the bodies below.
#: Titles and offices of people (also looked for before the verb: :func:`person_source_head`).
PERSON_SOURCE_HEADS: tuple[str, ...] = (
    "وزير", "وزيرة", "رئيس", "رئيسة", "متحدث", "متحدثة", "ناطق", "ناطقة", "مدير", "مديرة", "سفير",
    "سفيرة", "دكتور", "دكتورة", "شيخ", "لواء", "عميد", "عقيد", "مقدم", "نقيب", "أمير", "أميرة",
    "ملك", "ولي", "نائب", "أمين", "وكيل", "محافظ", "مساعد", "مستشار", "أستاذ", "أستاذة", "مهندس",
    "مهندسة", "معالي", "سمو", "سماحة", "فضيلة", "سيد", "سيدة", "مفتي", "إمام", "خطيب", "قاضي",
    "مدرب", "مندوب", "ممثل", "مبعوث", "منسق", "مشرف", "حاكم", "كبير", "مؤسس", "عمدة", "مفوض",
    "بطريرك", "لاعب",
)  # fmt: skip
#: Bodies, outlets and organs of states.
BODY_SOURCE_HEADS: tuple[str, ...] = (
    "وزارة", "هيئة", "شركة", "مؤسسة", "وكالة", "صحيفة", "جريدة", "مجلة", "قناة", "إذاعة", "مرصد",
    "مركز", "إدارة", "مديرية", "أمانة", "بلدية", "جامعة", "جمعية", "منظمة", "لجنة", "مجلس",
    "حكومة", "اتحاد", "نادي", "بنك", "صندوق", "شرطة", "جيش", "قيادة", "مكتب", "بعثة", "محكمة",
    "نيابة", "سفارة", "قنصلية", "برلمان", "حزب", "تحالف", "ائتلاف", "داخلية", "خارجية", "رئاسة",
    "غرفة", "نقابة", "مستشفى", "ديوان", "كلية", "معهد",
)  # fmt: skip
NAMED_SOURCE_HEADS: tuple[str, ...] = PERSON_SOURCE_HEADS + BODY_SOURCE_HEADS
#: Heads only with the article: documents, which identify their issuer when definite (قال
#: البيان، أوضح التقرير) while an indefinite report names nobody (قال تقرير); and generic
#: roles, whose indefinite form is an unnamed person (قال خبير عسكري، قال قائد عسكري).
NAMED_SOURCE_DEFINITE_HEADS: tuple[str, ...] = (
    "البيان", "التقرير", "الدراسة", "النشرة", "الخطاب", "الرسالة", "الخبير", "المحلل", "الناشط",
    "الناشطة", "الباحث", "الباحثة", "القائد", "الجنرال", "المراسل", "العضو",
)  # fmt: skip
#: Common first names (and أبو of a kunya) that start a person's name right after a speech
#: verb (وقال محمد الحيدر).  علي is left out: normalized, it is also على "on".
FIRST_NAMES: tuple[str, ...] = (
    "محمد", "أحمد", "محمود", "مصطفى", "عبد", "عبدالله", "عبدالعزيز", "عبدالرحمن", "خالد",
    "سعد", "سعود", "فهد", "فيصل", "سلطان", "ناصر", "إبراهيم", "يوسف", "صالح", "سليمان", "عمر", "حسن",
    "حسين", "حمد", "عادل", "ماجد", "طارق", "سامي", "نبيل", "جمال", "عثمان", "ياسر", "وليد", "هشام",
    "بندر", "تركي", "نايف", "منصور", "مشعل", "أبو", "فاطمة", "نورة", "سارة", "مريم", "هند", "منى",
    "عائشة", "خديجة", "أمل", "ريم",
)  # fmt: skip
#: What may follow a speaker's name right after a speech verb: the reported content's linkers,
#: a colon, a comma or a quotation mark (وقال تيلرسون إن، وقال رانييري: «…», وأضاف تراس، «…»).
#: An unknown word between a verb and one of these is taken for a name (:func:`looks_like_name`).
NAME_FOLLOWERS: frozenset[str] = frozenset({"ان", "بان", "انه", "انها", ":", "\u060c", ","}) | QUOTE_MARKS
#: Words that stand between a verb and its content but are no name: adverbs, prepositions with
#: a pronoun, honorific anaphors (سموه "His Highness" points back, like a pronoun) and unnamed
#: speakers (آخر "another", إحداهن "one of them").  Normalized.
NOT_NAMES: frozenset[str] = frozenset({
    "اليوم", "امس", "ايضا", "وقتها", "حينها", "مرارا", "مجددا", "كذلك", "سابقا", "لاحقا", "قايلا",
    "قائلا", "قايله", "بالقول", "بجلاء", "صراحه", "ذلك", "هذا", "هذه", "فيه", "فيها", "عنه", "عنها",
    "عليه", "عليها", "له", "لها", "لي", "لنا", "لهم", "منه", "منها", "سموه", "معاليه", "فضيلته",
    "سماحته", "اخر", "اخري", "ثالث", "احداهن", "احدهم", "بعضهم", "بعضكم", "بعضهن", "افضل", "سكان",
})  # fmt: skip
_PRONOUN_ENDINGS = ("ها", "هم", "هن", "كم", "هما")


def looks_like_name(norm: str) -> bool:
    """Whether a word right after a speech verb, followed by إن/أن, a colon, a comma or a quotation
    mark, may be the speaker's name (وقال تيلرسون إن …).

    Words with the article (البيانات، الشروط: common nouns; family names ال…ي are heads of
    their own), with a pronoun ending (فيها، معطياتها), starting with لل, of one or two
    letters, :data:`NOT_NAMES`, content starters (أنه، على), speech verbs and the indefinite
    documents and generic roles (تقرير، خبير) are not.

    Examples
    --------
    >>> [looks_like_name(w) for w in ("تيلرسون", "فاتسكه", "البيانات", "معطياتها", "سموه", "اليوم", "لي")]
    [True, True, False, False, False, False, False]
    >>> [looks_like_name(w) for w in ("انه", "علي", "وتذكرت", "تقرير")]
    [False, False, False, False]
    """
    return (
        len(norm) > 2
        and not norm.startswith((ARTICLE, "لل"))
        and not norm.endswith(_PRONOUN_ENDINGS)
        and norm not in _not_name_words()  # وأضاف أنه «…», وشدد على أن
        and norm not in speech_verb_forms()  # قال وتذكرت أن: a second verb
        and norm not in _indefinite_heads()  # قال تقرير إن، قال خبير إن: unnamed
    )


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """:data:`NOT_NAMES`, content starters and speech linkers: one set, built once (checked per cue)."""
    return NOT_NAMES | CONTENT_STARTERS | SPEECH_LINKERS


@lru_cache(maxsize=1)
def _indefinite_heads() -> frozenset[str]:
    """The heads of :data:`NAMED_SOURCE_DEFINITE_HEADS` without the article, normalized."""
    from .normalize import normalize

    return frozenset(normalize(word).removeprefix(ARTICLE) for word in NAMED_SOURCE_DEFINITE_HEADS)


#: Words that may stand between a speech verb and its subject: لـ of the outlet spoken to
#: (أوضح لـ«الرياض» الدكتور …).
SOURCE_SKIPPED: frozenset[str] = frozenset({"ل", "له", "لها", "لنا"})

# --- cues that are not attributions (analysis.sourcing, 2026-12-03) ---

#: Speech-verb stems that in news narrate rather than attribute: يعتبر/تعتبر "is considered"
#: (the passive reading of the unvowelled form) and يذكر "it is worth noting" (يذكر أن) or
#: "worth mentioning" (لا يذكر).  Their forms are no attribution cue; quoted speech after them is
#: still speech (:mod:`analysis.quotes` keeps them).
NARRATION_VERB_STEMS: tuple[str, ...] = ("يعتبر", "تعتبر", "يذكر")
#: Words right before a present-tense speech verb that make it a description, not a report:
#: relative pronouns (التي تؤكد أهمية، الذي يشير إلى), ما/مما (مما يشير إلى), negation (لم تكشف،
#: لن يعلن) and أن of the subjunctive (قبل أن يعلن).  Normalized by :func:`cue_blockers`.
CUE_BLOCKERS: tuple[str, ...] = ("الذي", "التي", "الذين", "اللذين", "اللتين", "ما", "مما", "لم", "لن", "أن")
#: Stems of نقل "to convey" and "to move": an attribution only with عن after it (ونقل عنه قوله،
#: ونقلت وسائل إعلام عن) or a source found after it, else transport (نقل الحاويات، تنقل الركاب).
TRANSFER_VERB_STEMS: tuple[str, ...] = ("نقل", "ينقل", "تنقل")
#: "According to" words that also mean "in accordance with" (وفق الأنظمة، حسب الأولوية): without a
#: source they are an attribution only when a word of :data:`ATTRIBUTION_WORDS` or a speech verb
#: follows within :data:`ACCORDING_TO_REACH` words (وفقا لما نقلته، حسب تصريحات).  بحسب and نقلا
#: are attributions as they stand.
LOOSE_ACCORDING_TO: frozenset[str] = frozenset({"حسب", "وفق", "وفقا", "طبقا"})
ACCORDING_TO_REACH = 3
#: Nouns of what is said or published, with or without ال and a ل before them (normalized by
#: :func:`attribution_words`).
ATTRIBUTION_WORDS: tuple[str, ...] = (
    "قول", "قوله", "قولها", "تصريح", "تصريحات", "تصريحه", "تقرير", "تقارير", "بيان", "إعلان", "معلومات",
    "موقع", "رواية", "إفادة", "إفادات", "مصادر", "مصدر", "صحيفة", "وكالة", "وسائل", "نشرة", "دراسة",
)  # fmt: skip
#: "One of" (أحد المختطفين، إحدى الساكنات) right after a speech verb: an unnamed member of a group,
#: an anonymous source.  Matched as a whole word only (not الأحد "Sunday").
ONE_OF: frozenset[str] = frozenset({"احد", "احدي"})
#: Words searched before a verb for a person named earlier in its sentence (…الأمير خالد الفيصل، وقال).
NAMES_BEFORE_REACH = 12
#: Titles and first names that before a verb are more often a common word: adjectives (كبير، حسن
#: "good", صالح "valid", سامي "high", أمين "safe"), أمام "in front of", عمر "age", مقدم "provider",
#: ولي as in ولي الأمر "guardian" (read on the design half, 2026-12-03).
NOT_PERSONS_BEFORE: tuple[str, ...] = ("كبير", "حسن", "صالح", "سامي", "أمين", "أمام", "إمام", "عمر", "مقدم", "ولي")
#: Words of the shape ال…ي that are not family names (relative pronouns, إلى normalized).
_NOT_NISBA_NAMES: frozenset[str] = frozenset(
    {"الذي", "التي", "الي", "اللذي", "الثاني", "الماضي", "الحالي", "الجاري", "المجري", "النبي"}
)
_NISBA_MIN_LETTERS = 5


@lru_cache(maxsize=1)
def _named_source_heads() -> dict[str, str]:
    """Normalized head form (with and without ال) → label (without ال)."""
    from .normalize import normalize

    heads: dict[str, str] = {}
    for word in NAMED_SOURCE_HEADS:
        norm = normalize(word)
        heads[norm] = heads[ARTICLE + norm] = norm
    for word in NAMED_SOURCE_DEFINITE_HEADS:
        norm = normalize(word)
        heads[norm] = norm.removeprefix(ARTICLE)
    heads.update((normalize(name), normalize(name)) for name in FIRST_NAMES)
    return heads


def named_source_head(norm: str) -> str | None:
    """The label of a named source headed by this normalized word, or None.

    A head is a title, office or body noun (:data:`NAMED_SOURCE_HEADS`), a definite document
    or generic role (:data:`NAMED_SOURCE_DEFINITE_HEADS`), a common first name (:data:`FIRST_NAMES`) or a
    family name of the nisba shape ال…ي (الحارثي، القحطاني), which right after a verb is
    not an adjective: an adjective needs a noun before it.

    Examples
    --------
    >>> [named_source_head(w) for w in ("الوزير", "وزاره", "التقرير", "تقرير", "خبير", "الخبير")]
    ['وزير', 'وزاره', 'تقرير', None, None, 'خبير']
    >>> [named_source_head(w) for w in ("محمد", "القحطاني", "الذي", "ان")]
    ['محمد', 'القحطاني', None, None]
    """
    if (label := _named_source_heads().get(norm)) is not None:
        return label
    nisba = norm.startswith(ARTICLE) and norm.endswith("\u064a") and len(norm) >= _NISBA_MIN_LETTERS
    return norm if nisba and norm not in _NOT_NISBA_NAMES else None


def _verb_forms(stems: tuple[str, ...]) -> frozenset[str]:
    forms = set()
    for stem, ending in product(stems, VERB_ENDINGS):
        base = stem + ending
        # A bare stem + ه is not generated: with ة folded to ه it equals a noun
        # (اشاره "signal" would pass for اشار + ه "he pointed to it").
        suffixed = [base + e for e in ENCLITICS if ending or e != "\u0647"]
        for conj, form in product(CONJUNCTIONS, [base, *suffixed]):
            forms.add(conj + form)
    return frozenset(forms)


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """Every normalized spelling of a speech verb: conjunction, stem, ending, object pronoun.

    Returns
    -------
    frozenset of str
        E.g. قال، وقال، قالت، فقالوا، اعتبرتاها.

    Examples
    --------
    >>> forms = speech_verb_forms()
    >>> all(f in forms for f in ("وقال", "قالت", "اعتبرتاها", "وأكدت".replace("أ", "ا")))
    True
    >>> any(f in forms for f in ("تابعه", "زعماء", "وعدم", "اشاره"))
    False
    """
    return _verb_forms(SPEECH_VERB_STEMS)


@lru_cache(maxsize=1)
def strict_speech_verb_forms() -> frozenset[str]:
    """Spellings of the ambiguous speech verbs of :data:`STRICT_SPEECH_VERB_STEMS`."""
    return _verb_forms(STRICT_SPEECH_VERB_STEMS)


@lru_cache(maxsize=1)
def _stem_of_form() -> dict[str, str]:
    stems = (*SPEECH_VERB_STEMS, *STRICT_SPEECH_VERB_STEMS)
    return {form: stem for stem in reversed(stems) for form in _verb_forms((stem,))}


def speech_verb_stem(norm: str) -> str | None:
    """The stem of a normalized speech-verb spelling (وقالت → قال, ويعتبر → يعتبر), or None.

    >>> [speech_verb_stem(w) for w in ("وقالت", "ويعتبر", "اكدوا", "حسب")]
    ['قال', 'يعتبر', 'اكد', None]
    """
    return _stem_of_form().get(norm)


@lru_cache(maxsize=1)
def narration_verb_forms() -> frozenset[str]:
    """Spellings of :data:`NARRATION_VERB_STEMS` (يعتبر، وتعتبر، يذكر): speech verbs that are no cue.

    >>> [f in narration_verb_forms() for f in ("وتعتبر", "يذكر", "اعتبر", "ذكر")]
    [True, True, False, False]
    """
    return _verb_forms(NARRATION_VERB_STEMS)


@lru_cache(maxsize=1)
def present_speech_verb_forms() -> frozenset[str]:
    """Spellings of the present-tense speech verbs (stems with ي or ت of the present; تساءل is past).

    >>> [f in present_speech_verb_forms() for f in ("يشير", "وتؤكد", "اشار", "تساءل")]
    [True, True, False, False]
    """
    return _verb_forms(tuple(s for s in SPEECH_VERB_STEMS if s[0] in "يت" and s != "تساءل"))


@lru_cache(maxsize=1)
def transfer_verb_forms() -> frozenset[str]:
    """Spellings of :data:`TRANSFER_VERB_STEMS` (نقل، ونقلت، تنقل).

    >>> [f in transfer_verb_forms() for f in ("ونقلت", "نقلها", "قال")]
    [True, True, False]
    """
    return _verb_forms(TRANSFER_VERB_STEMS)


@lru_cache(maxsize=1)
def cue_blockers() -> frozenset[str]:
    """:data:`CUE_BLOCKERS`, normalized (أن as ان), bare and after و or ف (ولم تكشف، والتي تعتبر).

    >>> sorted(w for w in cue_blockers() if w.endswith("لم"))
    ['فلم', 'لم', 'ولم']
    """
    from .normalize import normalize

    return frozenset(c + normalize(w) for w in CUE_BLOCKERS for c in CONJUNCTIONS)


@lru_cache(maxsize=1)
def attribution_words() -> frozenset[str]:
    """:data:`ATTRIBUTION_WORDS`, normalized, bare and with ال, ل and لل.

    >>> sorted(w for w in attribution_words() if w.endswith("تصريحات"))
    ['التصريحات', 'تصريحات', 'لتصريحات', 'للتصريحات']
    """
    from .normalize import normalize

    bare = [normalize(w) for w in ATTRIBUTION_WORDS]
    return frozenset(p + w for w in bare for p in ("", ARTICLE, "\u0644", "\u0644\u0644"))


@lru_cache(maxsize=1)
def _person_heads() -> frozenset[str]:
    from .normalize import normalize

    titles = [normalize(w) for w in PERSON_SOURCE_HEADS]
    heads = {*titles, *(ARTICLE + t for t in titles), *(normalize(n) for n in FIRST_NAMES)}
    return frozenset(heads - {normalize(w) for w in NOT_PERSONS_BEFORE})


def person_source_head(norm: str) -> str | None:
    """The label of a person named by title or first name (:data:`PERSON_SOURCE_HEADS`, :data:`FIRST_NAMES`).

    Looked for before a verb, where bodies and ال…ي words are too often objects or adjectives.

    >>> [person_source_head(w) for w in ("الامير", "خالد", "الوزاره", "القحطاني", "كبير")]
    ['امير', 'خالد', None, None, None]
    """
    return norm.removeprefix(ARTICLE) if norm in _person_heads() else None


#: Regular-expression class of Arabic-script letters (the ``regex`` module,
#: with ``regex.VERSION1`` for the set intersection).
ARABIC_LETTER_CLASS = r"[\p{Arabic}&&\p{L}]"
_ARABIC_LETTER = regex.compile(ARABIC_LETTER_CLASS, regex.VERSION1)


def has_arabic_letter(text: str) -> bool:
    """Whether ``text`` contains at least one Arabic-script letter.

    Examples
    --------
    >>> has_arabic_letter("CIA"), has_arabic_letter("والـCIA")
    (False, True)
    """
    return _ARABIC_LETTER.search(text) is not None


# --- inflectional endings a lexicon suggestion may add (see analysis.workbench) ---

#: Endings of nouns and adjectives after a stem (normalized: ة folded to ه): the
#: accusative, dual and sound plurals, the nisba adjective and its feminine and
#: plurals (مصري، مصرية، مصريين).  :func:`inflection_endings` adds the pronouns.
NOUN_ENDINGS: tuple[str, ...] = (
    "", "ا", "ان", "ين", "ون", "ات", "ه", "ي", "يه", "يا", "يان", "يين", "يون", "يات",
)  # fmt: skip


def inflection_endings() -> frozenset[str]:
    """Every ending of :data:`NOUN_ENDINGS`, alone or followed by a pronoun enclitic.

    A feminine ending (ه, the folded ة) is written ت before the enclitic (مصريتها).

    >>> {"ات", "اتها", "يتها", "يين"} <= inflection_endings(), "ف" in inflection_endings()
    (True, False)
    """
    endings = set(NOUN_ENDINGS)
    for ending in NOUN_ENDINGS:
        base = ending[:-1] + TAA_BEFORE_ENCLITIC if ending.endswith("ه") else ending
        endings.update(base + enclitic for enclitic in ENCLITICS)
    return frozenset(endings)


def straight_quote_as_curly(text: str, start: int) -> str | None:
    """The curly mark that the straight ``"`` at ``text[start]`` stands for, read from the spacing around it.

    Typed on a keyboard, one mark both opens and closes a quotation; its spacing
    usually tells which.  Glued to what stands before it (a letter, a full stop)
    and followed by a space, punctuation or the end, it closes (”), as in
    «شركة "أرامكو" السعودية»; after a space, punctuation or the start and glued
    to a letter or digit after it, it opens (“), as in «قال: "السعودية».  With
    spaces on both sides, or letters on both sides, it says nothing (``None``).

    >>> text = 'شركة "أرامكو" السعودية، وقال: "السعودية " x"y'
    >>> [straight_quote_as_curly(text, i) for i, c in enumerate(text) if c == '"']
    ['“', '”', '“', None, None]
    """
    before = text[start - 1] if start > 0 else " "
    after = text[start + 1] if start + 1 < len(text) else " "
    after_is_word = not after.isspace() and not unicodedata.category(after).startswith("P")
    before_is_open = before.isspace() or unicodedata.category(before) in ("Ps", "Pi", "Po")
    if not before.isspace() and not after_is_word and unicodedata.category(before) not in ("Ps", "Pi"):
        return CLOSING_CURLY
    if before_is_open and after_is_word:
        return OPENING_CURLY
    return None

"""The figures' own texts (axis titles, legends, captions, notes) in English and Arabic.

One table, :data:`TEXTS`: a message id → its English and Arabic template,
with the same ``{placeholders}`` in both.  :func:`figure_text` fills one in;
counts go through :func:`count_phrase`, which knows each language's plural
(English: one / other; Arabic: one, two, 3–10, 11–99 and the rest, as
CLDR's ``zero``/``one``/``two``/``few``/``many``/``other``).

The Arabic is Modern Standard Arabic of academic writing, with Arabic
punctuation (``،`` ``؛`` ``٪``) and Western digits, as the tick labels have.
Texts are in logical order; the plotting code prepares them for the running
matplotlib (:func:`analysis.labels.prepare_label`).  Names from the data
(outlets, actors, categories, events) are not translated here.
"""

from __future__ import annotations

from string import Formatter

from .arabic import RLM

#: The languages of the figures' texts.
LANGUAGES = ("en", "ar")

#: Message id → {language: template}.  Every language has every id, with the same placeholders.
TEXTS: dict[str, dict[str, str]] = {
    # What is counted (a rates table's ``kind``), as axis labels name it.
    "counted.term": {"en": "loaded terms", "ar": "مصطلحات مشحونة"},
    "counted.actor": {"en": "actor mentions", "ar": "مرات ذكر الفاعلين"},
    "counted.hits": {"en": "hits", "ar": "مطابقات"},
    # One article's figures (analysis.plot).
    "salience.axis": {"en": "mentions", "ar": "مرات الذكر"},
    "voice.narrator": {"en": "narrator's voice", "ar": "صوت الراوي"},
    "voice.quoted": {"en": "quoted speech", "ar": "كلام منقول"},
    "density.axis": {"en": "loaded terms per 1,000 words", "ar": "مصطلحات مشحونة لكل 1000 كلمة"},
    "heatmap.colorbar": {"en": "loaded terms near the actor", "ar": "مصطلحات مشحونة قرب الفاعل"},
    "heatmap.colorbar_two_lines": {"en": "loaded terms\nnear the actor", "ar": "مصطلحات مشحونة\nقرب الفاعل"},
    "dispersion.axis": {
        "en": "position in the article (share of its characters; pale ticks: quoted speech)",
        "ar": "الموضع في المقال (نسبةً إلى عدد أحرفه؛ العلامات الباهتة: كلام منقول)",
    },
    "sourcing.none": {"en": "no source found", "ar": "لم يُعثر على مصدر"},
    "sourcing.axis": {"en": "attributions", "ar": "الإسنادات"},
    "sourcing.axis_anonymous": {
        "en": "attributions; {share} anonymous",
        "ar": "الإسنادات؛ {share} منها إلى مصادر مجهولة",
    },
    "sourcing.named": {"en": "named", "ar": "مصدر مسمّى"},
    "sourcing.named_other": {"en": "named, not in the lexicon", "ar": "مسمّى، غير وارد في المعجم"},
    "sourcing.anonymous": {"en": "anonymous", "ar": "مصدر مجهول"},
    "sourcing.no_source": {"en": "no source", "ar": "بلا مصدر"},
    # Intervals, as the comparison and time figures name them.
    "interval.articles": {
        "en": "{level} bootstrap interval over articles",
        "ar": "فترة ثقة {level} بإعادة المعاينة على مستوى المقالات",
    },
    "interval.articles_no_level": {
        "en": "bootstrap interval over articles",
        "ar": "فترة ثقة بإعادة المعاينة على مستوى المقالات",
    },
    "interval.bootstrap": {"en": "{level} bootstrap interval", "ar": "فترة ثقة {level} بإعادة المعاينة"},
    "interval.bootstrap_no_level": {"en": "bootstrap interval", "ar": "فترة ثقة بإعادة المعاينة"},
    # Comparison figures (analysis.plot_compare).
    "rates.axis": {
        "en": "{counted} per 1,000 words (dot), {interval} (line) and number of hits",
        "ar": "{counted} لكل 1000 كلمة (النقطة)، و{interval} (الخط)، وعدد المطابقات",
    },
    "rates.empty_note": {
        "en": "not drawn, no hit in any group: {names}",
        "ar": "فئات لم تُرسم لخلوّ كل المجموعات من مطابقاتها: {names}",
    },
    "model.axis": {
        "en": "model-estimated loaded words per 1,000 words (dot), {level} interval over articles",
        "ar": "الكلمات المشحونة التي يقدّرها النموذج لكل 1000 كلمة (النقطة)، وفترة ثقة {level} على مستوى المقالات",
    },
    "fightin.rest": {"en": "the rest", "ar": "البقية"},
    "fightin.a": {"en": "a", "ar": "أ"},
    "fightin.b": {"en": "b", "ar": "ب"},
    "fightin.x_axis": {"en": "count in both groups (log scale)", "ar": "العدد في المجموعتين (مقياس لوغاريتمي)"},
    "fightin.y_axis": {"en": "z-score of the log-odds ratio", "ar": "الدرجة المعيارية z للوغاريتم نسبة الأرجحية"},
    "fightin.more_in": {"en": "more in {group}", "ar": "أكثر ورودًا في {group}"},
    "fightin.z": {"en": "z", "ar": "قيمة z"},
    "matrix.axis": {
        "en": "loaded terms near the actor per 100 of its mentions (dot), {interval} over articles (line){note}",
        "ar": "مصطلحات مشحونة قرب الفاعل لكل 100 إشارة إليه (النقطة)، و{interval} على مستوى المقالات (الخط){note}",
    },
    "matrix.few_note": {
        "en": "; hollow dot: the actor is mentioned in fewer than {k} of the group's articles (n\u00a0<\u00a0{k}), "
        "too few for the interval",
        "ar": "؛ الدائرة المفرغة: ذُكر الفاعل في أقل من {k} من مقالات المجموعة، وهو عدد لا يكفي لحساب الفترة",
    },
    # The time figure (analysis.plot_time).
    "time.axis": {
        "en": "{counted} per 1,000 words by {period} (line), {band} (band)",
        "ar": "{counted} لكل 1000 كلمة حسب {period} (الخط)، و{band} (الشريط)",
    },
    "time.events": {"en": "; events: {events}", "ar": "؛ الأحداث: {events}"},
    "period.day": {"en": "day", "ar": "اليوم"},
    "period.week": {"en": "week", "ar": "الأسبوع"},
    "period.month": {"en": "month", "ar": "الشهر"},
    # The reliability figure (analysis.plot_learn).
    "reliability.observed": {"en": "observed share loaded", "ar": "النسبة المرصودة للكلمات المشحونة"},
    "reliability.words": {"en": "words", "ar": "عدد الكلمات"},
    "reliability.predicted": {"en": "predicted probability", "ar": "الاحتمال المتنبَّأ به"},
    # Punctuation between the items of a list and between a label and its note.
    "list.separator": {"en": ", ", "ar": "، "},
    "note.separator": {"en": "; ", "ar": "؛ "},
}

#: Counted nouns: English (singular, plural); Arabic (one, two, 3–10, 11–99, other: 0, 100, 101 ...).
COUNT_NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "articles": {
        "en": ("article", "articles"),
        "ar": ("مقال واحد", "مقالان", "مقالات", "مقالًا", "مقال"),
    },
}


def check_language(language: str) -> str:
    """Return ``language`` if the figures have texts in it; otherwise a ValueError naming the choices.

    >>> check_language("ar")
    'ar'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)} (the figures' texts), got {language!r}")
    return language


def glosses_shown(language: str, english: bool | None) -> bool:
    """Whether names get their English gloss: ``english`` when given, else only in an English figure.

    >>> glosses_shown("en", None), glosses_shown("ar", None), glosses_shown("ar", True)
    (True, False, True)
    """
    check_language(language)
    return language == "en" if english is None else bool(english)


def figure_text(key: str, language: str, **fields: object) -> str:
    """One text of a figure in ``language``, its placeholders filled from ``fields``.

    Parameters
    ----------
    key : str
        A message id of :data:`TEXTS`.
    language : {"en", "ar"}
        The language of the figure's texts.
    **fields
        The template's placeholders.

    Returns
    -------
    str
        In logical order; pass it through :func:`analysis.labels.prepare_label` before drawing.

    Raises
    ------
    ValueError
        Unknown language; KeyError for an unknown message id, naming the ids.

    Examples
    --------
    >>> figure_text("fightin.more_in", "en", group="aawsat")
    'more in aawsat'
    >>> figure_text("fightin.more_in", "ar", group="aawsat")
    'أكثر ورودًا في aawsat'
    """
    check_language(language)
    if key not in TEXTS:
        raise KeyError(f"no figure text {key!r}; the ids are in analysis.figure_texts.TEXTS ({len(TEXTS)} of them)")
    return TEXTS[key][language].format(**fields)


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template fills.

    >>> sorted(placeholders("{counted} per 1,000 words by {period}"))
    ['counted', 'period']
    """
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def arabic_plural_form(n: int) -> int:
    """Which Arabic form a count takes: 0 one, 1 two, 2 few (3–10), 3 many (11–99), 4 other (0, 100–102 ...).

    The hundreds repeat the rule: 103 takes the 3–10 form, 111 the 11–99 one (CLDR's plural rules for ``ar``).

    >>> [arabic_plural_form(n) for n in (1, 2, 3, 10, 11, 99, 100, 103, 111, 0)]
    [0, 1, 2, 2, 3, 3, 4, 2, 3, 4]
    """
    if n == 1:
        return 0
    if n == 2:
        return 1
    if 3 <= n % 100 <= 10:
        return 2
    if 11 <= n % 100 <= 99:
        return 3
    return 4


def count_phrase(n: int, noun: str, language: str) -> str:
    """A count and its noun in the grammar of ``language``: ``24 articles``, ``24 مقالًا``.

    Parameters
    ----------
    n : int
        The count (0 or more).
    noun : str
        A key of :data:`COUNT_NOUNS` (``"articles"``).
    language : {"en", "ar"}
        The language.

    Returns
    -------
    str
        Western digits; the Arabic one and two are words (``مقال واحد``, ``مقالان``), as Arabic writes them.

    Examples
    --------
    >>> count_phrase(1, "articles", "en"), count_phrase(24, "articles", "en")
    ('1 article', '24 articles')
    >>> [count_phrase(n, "articles", "ar") for n in (1, 2, 3, 11, 100)]
    ['مقال واحد', 'مقالان', '3 مقالات', '11 مقالًا', '100 مقال']
    """
    check_language(language)
    if noun not in COUNT_NOUNS:
        raise KeyError(f"no counted noun {noun!r}; the nouns are {sorted(COUNT_NOUNS)}")
    forms = COUNT_NOUNS[noun][language]
    if language == "en":
        return f"{n} {forms[0] if n == 1 else forms[1]}"
    form = arabic_plural_form(n)
    return forms[form] if form < 2 else f"{n} {forms[form]}"


def percent(share: float, language: str) -> str:
    """A share as a whole percentage: ``95%``, in Arabic with the Arabic percent sign ``95٪``.

    >>> percent(0.95, "en"), percent(0.95, "ar")
    ('95%', '95٪')
    """
    text = f"{share:.0%}"
    return text if check_language(language) == "en" else text.replace("%", "\u066a")


def right_to_left(text: str, language: str) -> str:
    """An Arabic figure's text that starts with a right-to-left mark, so that it reads right to left.

    A text's direction is taken from its first strong letter: a legend entry
    ``aawsat (24 مقالًا)`` (a Latin outlet code) would be laid out left to
    right, its count read backwards.  English texts are returned unchanged.

    >>> right_to_left("aawsat (24 مقالًا)", "ar")[0] == RLM, right_to_left("aawsat", "en")
    (True, 'aawsat')
    """
    return text if check_language(language) == "en" or text.startswith(RLM) else RLM + text

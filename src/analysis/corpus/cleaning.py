"""Clean the text as read: HTML stripped to its text, boilerplate and datelines blanked or cut.

Nothing is ever spliced out: a removed line or phrase is blanked with spaces
where it stands, or cut where it ends the text, so every offset into the
cleaned text is also an offset into the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser

from ..arabic import WORD_INTERNAL_IGNORABLES

#: The share buttons a pasted page ends with (a line of two or more is boilerplate).
_SHARE_NETWORKS = (
    r"(?:facebook|twitter|whatsapp|telegram|linkedin|messenger|pinterest|e-?mail|فيسبوك|فيس بوك|تويتر|واتساب|"
    r"واتس اب|تيليجرام|تلغرام|لينكد إن|البريد الإلكتروني)"
)
#: Lines that scrapers leave in articles, removed by default (whole stripped
#: line, any case).  Found by reading the 20,000 SaudiNewsNet articles: share
#: and comment widgets, news-agency end marks (// انتهى //), "...المزيد"
#: teasers, slider buttons (Next Previous), SMS and e-mail contact lines,
#: syndication credits (* خدمة «نيويورك تايمز»), and the tag and related-article
#: headings other sites use.
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    r"facebook comments",
    r"(?:share|شارك)(?: (?:on|via|عبر))? (?:facebook|twitter|whatsapp|فيسبوك|تويتر)",
    # The share widget of a page pasted by hand ("شارك هذا المقال 📤", then a line of its buttons):
    # none in the 20,000 SaudiNewsNet articles, so nothing counted there changes.  Emoji and marks
    # around it are not word characters ([\W_]); one network name alone ("تويتر") may be a heading.
    r"[\W_]*(?:شارك|شاركوا|مشاركة|share)(?: (?:هذا|هذه|this))? (?:المقال|المقالة|الخبر|الموضوع|القصة|"
    rf"الصفحة|article|story|post|page)(?: (?:على|عبر|on|via))?(?:[\W_]*{_SHARE_NETWORKS})*[\W_]*",
    rf"[\W_]*(?:{_SHARE_NETWORKS}[\W_]*){{2,}}",
    r"(?:التعليقات|تعليقات(?: الفيسبوك| فيسبوك)?|comments)\s*(?:\(\d+\))?\s*:?",
    r"//\s*(?:انتهى|يتبع)\s*//",
    r"(?:\.{2,}|…)\s*المزيد",
    r"(?:next\s+)?previous|next",
    r"للتواصل(?: مع الكاتب)? (?:ا|أ)رسل.*",
    r"\d{4,6}\s*-\s*(?:stc|mobily|zain)",
    r"(?:الاتصالات|زين|موبايلي)\s*[,،]?\s*\d{5,6}.*|زين تبدأ بالرمز.*|ثم الرسالة",
    r"(?:لمراسلة الكاتب\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"\*\s*(?:خدمة|بالاتفاق مع)\s*«[^»]{1,40}»|خاص بـ?\s*«[^»]{1,40}»",
    r"(?:الكلمات الدلالية|كلمات دلالية|الوسوم|وسوم|tags)\s*:.*",
)
#: Headings of related-article blocks: the heading and the short lines after it
#: (article titles, up to :data:`BLOCK_LINE_CHARS` characters each) are removed.
DEFAULT_BOILERPLATE_BLOCKS: tuple[str, ...] = (
    r"(?:اقرأ|إقرأ|اقرا) (?:أيضا|أيضاً|ايضا|ايضاً)\s*:?",
    r"(?:مواضيع|أخبار|اخبار|مقالات|موضوعات) (?:ذات صلة|متعلقة|مشابهة)\s*:?",
    r"(?:read|see) also\s*:?|related(?: articles| stories)?\s*:?",
)
#: Phrases that end a line with boilerplate: removed from the phrase to the end
#: of its line ("رابط الخبر بصحيفة الوئام: <the headline again>" ends every
#: al-Weeam article, on the same line as the last sentence).
DEFAULT_BOILERPLATE_TAILS: tuple[str, ...] = (r"رابط الخبر(?: ب(?:صحيفة|موقع) [^:\n]{1,30})?\s*:",)
#: Boilerplate at either end of the whole text (searched in the text, so
#: anchor each at ``\A`` or ``\Z``): removed where it stands.  The slider
#: buttons "Next Previous" before a byline on the first line of 12 of 75
#: ``3alyoum`` articles in the 1k sample (the byline is then a dateline), and
#: the tag line "سمات <tags>" that ends 58 of them, after the last sentence on
#: the same line or on a line of its own: tags are keywords (اليمن المخلوع
#: عدن), not text, and have no punctuation.  "سمات" in a sentence ("من سمات
#: المرحلة.") is left alone: it is not the text's last word run.
DEFAULT_BOILERPLATE_ENDS: tuple[str, ...] = (
    r"\A\s*(?:next\s+)?previous\b",
    r"(?:\A|(?<=\n)|(?<=[.!?؟…”\"»)][ \t]))[ \t]*سمات(?:[ \t]+[^\s.!?؟،,:;«»“”\"()]+){1,30}\s*\Z",
)
#: Arabic names of outlets by the ``outlet`` codes of the SaudiNewsNet corpus:
#: an article's own outlet name in quotation marks or brackets (قال لـ"الرياض")
#: is a credit, not a mention of the city or the state.  The ``outlet`` value
#: itself is always taken as a name too; pass your own mapping for other corpora.
DEFAULT_OUTLET_NAMES: dict[str, tuple[str, ...]] = {
    "aawsat": ("الشرق الأوسط", "الشرق الأوسط أونلاين"), "alriyadh": ("الرياض",), "aljazirah": ("الجزيرة",),
    "okaz": ("عكاظ",), "alwatan": ("الوطن",), "alyaum": ("اليوم",), "almadina": ("المدينة",),
    "aleqtisadiya": ("الاقتصادية",), "sabq": ("سبق",), "alweeam": ("الوئام",), "3alyoum": ("عين اليوم",),
    "was": ("واس",), "arreyadi": ("الرياضي",), "arriyadiyah": ("الرياضية",),
}  # fmt: skip
#: A line after a related-article heading is one of its titles if it is this short.
BLOCK_LINE_CHARS = 120
_HTML_HINT = re.compile(
    r"<(?:p|div|br|span|a|html|body|article|section|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i)"
    r"\b[^>]*>|&(?:nbsp|amp|quot|lt|gt|#\d+);",
    re.IGNORECASE,
)


def compile_boilerplate(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """Compile boilerplate patterns (case-insensitive) for :func:`remove_boilerplate`.

    Raises
    ------
    ValueError
        Naming the first pattern that is not a regular expression.
    """
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"boilerplate pattern {pattern!r} is not a regular expression ({error})") from None
    return tuple(compiled)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` has HTML tags or entities (and so is stripped by :func:`html_to_text`).

    >>> looks_like_html("<p>قال</p>"), looks_like_html("a < b & c")
    (True, False)
    """
    # Most articles have neither character: skip the search for them.
    return ("<" in text or "&" in text) and _HTML_HINT.search(text) is not None


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML fragment; block elements become line breaks."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "article",
            "section",
            "blockquote",
            "ul",
            "ol",
            "table",
        }
    )
    HIDDEN = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Strip HTML to its text: tags removed, entities decoded, blocks on their own lines.

    Examples
    --------
    >>> html_to_text("<p>قال <b>حفتر</b>&nbsp;إن</p><script>x()</script><p>الحرب</p>")
    'قال حفتر\\xa0إن\\nالحرب'
    """
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    # Entities were decoded by the parser (convert_charrefs); decoding again would
    # turn a written "&amp;lt;" into "<".
    lines = [line.strip(" \t") for line in "".join(extractor.parts).split("\n")]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` replaced by as many spaces (line breaks kept)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _block_end(lines: list[str], heading: int) -> int:
    """Index one past the last title line of a related-article block."""
    i = heading + 1
    while i < len(lines) and lines[i].strip() and len(lines[i].strip()) <= BLOCK_LINE_CHARS:
        i += 1
    return i


def remove_boilerplate(
    text: str,
    patterns: Sequence[re.Pattern[str]],
    blocks: Sequence[re.Pattern[str]] = (),
    tails: Sequence[re.Pattern[str]] = (),
    ends: Sequence[re.Pattern[str]] = (),
) -> tuple[str, list[str]]:
    """Blank boilerplate where it stands; cut it where it ends the text.

    Blanking (each character becomes a space) keeps every later offset equal
    to its offset in the source.

    Parameters
    ----------
    text : str
        Decoded text.
    patterns : sequence of compiled patterns
        Boilerplate lines, matched against each stripped line (``fullmatch``).
    blocks : sequence of compiled patterns, optional
        Headings of related-article blocks (``fullmatch``): the heading and
        the non-empty lines of at most :data:`BLOCK_LINE_CHARS` characters
        right after it are removed.
    tails : sequence of compiled patterns, optional
        Phrases searched in each line: the phrase and the rest of its line
        are removed.
    ends : sequence of compiled patterns, optional
        Searched in the whole text (anchor them at ``\\A`` or ``\\Z``):
        each match is blanked, or cut where it ends the text.

    Returns
    -------
    text : str
        The cleaned text.
    removed : list of str
        What was removed (stripped lines or line ends), in order.

    Examples
    --------
    >>> import re
    >>> remove_boilerplate("نص\\nFacebook Comments\\nنص آخر\\nFacebook Comments", [re.compile("facebook comments", re.I)])
    ('نص\\n                 \\nنص آخر', ['Facebook Comments', 'Facebook Comments'])
    >>> remove_boilerplate("الخبر. رابط الخبر: عنوان", [], tails=[re.compile("رابط الخبر:")])
    ('الخبر.', ['رابط الخبر: عنوان'])
    """
    if not (patterns or blocks or tails or ends):
        return text, []
    text, first, last = _remove_ends(text, ends)
    text, removed = blank_boilerplate_lines(text, patterns, blocks, tails)
    removed = [*first, *removed, *last]
    return (text.rstrip(), removed) if removed else (text, removed)


def blank_boilerplate_lines(
    text: str,
    patterns: Sequence[re.Pattern[str]],
    blocks: Sequence[re.Pattern[str]] = (),
    tails: Sequence[re.Pattern[str]] = (),
) -> tuple[str, list[str]]:
    """:func:`remove_boilerplate` without the final ``rstrip``: every line keeps its length.

    Each line is judged alone, and a related-article block runs from its
    heading over the short lines right after it, so the text can be cleaned a
    piece at a time when no piece starts inside such a block
    (:mod:`analysis.corpus.large_text`).
    """
    if not (patterns or blocks or tails):
        return text, []
    removed: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and any(p.fullmatch(stripped) for p in patterns):
            removed.append(stripped)
            lines[i] = " " * len(lines[i])
        elif stripped and any(p.fullmatch(stripped) for p in blocks):
            end = _block_end(lines, i)
            removed.extend(line.strip() for line in lines[i:end])
            lines[i:end] = [" " * len(line) for line in lines[i:end]]
            i = end
            continue
        elif stripped:
            found = [m.start() for p in tails if (m := p.search(lines[i]))]
            if found:
                cut = min(found)
                removed.append(lines[i][cut:].strip())
                lines[i] = lines[i][:cut] + " " * (len(lines[i]) - cut)
        i += 1
    if not removed:
        return text, removed
    return "\n".join(lines), removed


def _remove_ends(text: str, ends: Sequence[re.Pattern[str]]) -> tuple[str, list[str], list[str]]:
    """Blank each match of ``ends`` in ``text``; return the text and the matches at its start and at its end.

    >>> _remove_ends("Next Previous نص. سمات حفتر ليبيا", [re.compile(p, re.I) for p in DEFAULT_BOILERPLATE_ENDS])
    ('              نص.                ', ['Next Previous'], ['سمات حفتر ليبيا'])
    """
    first: list[str] = []
    last: list[str] = []
    for pattern in ends:
        match = pattern.search(text)
        if match and match.group().strip():
            # A match that runs to the end of the (stripped) text is a trailer: reported after the lines.
            (last if match.end() >= len(text.rstrip()) else first).append(match.group().strip())
            text = _blank(text, match.start(), match.end())
    return text, first, last


# -- datelines and the outlet's own name ------------------------------------------------

# A word of a dateline: letters (a tatweel inside a word, أبهــا, but not as a
# word of its own, where it is a dash: خالد الفرج ـ عنيزة).
_W = r"[^\W\d_\u0640][^\W\d_]*"
_NAME = rf"{_W}(?:\s+{_W}){{0,2}}"
_SEP = r"(?:\s*[-\u2013\u2014]\s*|\s+\u0640+(?=\s)\s*)"
#: Agencies and outlets that follow a reporter's name in a byline (أحمد علي- سبق-).
_BYLINE = r"(?:سبق|واس|عين اليوم|متابعات|وكالات|رويترز|[أا] ف ب|د ب [أا]|الأناضول|خاص)"
# A place, alone or with its country in brackets (بنغازي (ليبيا)), or in brackets itself.
_PLACE = rf"(?:{_NAME}(?:\s*\(\s*{_NAME}\s*\))?|\(\s*{_NAME}\s*\))"
#: A photographer's credit after a byline: "_ تصوير – name – name".
_PHOTO = rf"(?:\s*[_\u0640\-\u2013\u2014]\s*تصوير\s*[-\u2013\u2014:]?\s*{_NAME}(?:{_SEP}{_NAME}){{0,3}})"
#: Leading datelines and bylines, tried in order at the start of the text (after
#: a slider's "Next Previous").  Each match is blanked.
DATELINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # a first line of its own: عين اليوم – واشنطن، الرياض - محمد الحيدر، خالد الفرج ـ عنيزة,
        # with a photo credit: صقر خالد – جدة _ تصوير – مهند قحطان – احمد علي
        rf"[ \t]*{_PLACE}(?:{_SEP}{_PLACE}){{1,2}}{_PHOTO}?[ \t]*(?=\n)",
        # the Saudi Press Agency's line: الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس (also
        # misspelt «لموافق», with the agency after a full stop: طرابلس 26 شوال 1436ه لموافق 11 اغسطس 2015م .واس)
        r"[ \t]*[^\n]{0,60}ا?لموافق[^\n]{0,40}واس[ \t]*(?=\n)",
        # a prefix up to a colon: سبق- الرياض:، خلف الدوسري- سبق- وادي الدواسر:، رويترز - بنغازي (ليبيا):
        rf"[ \t]*{_PLACE}(?:{_SEP}{_PLACE}){{1,2}}(?:\s*\(\s*{_NAME}\s*\))?\s*:",
        # a prefix up to a dash: (الرياض) -، القاهرة -، الرياض - واس -
        rf"[ \t]*\(\s*{_NAME}\s*\){_SEP}",
        # CNN Arabic's city, country and agency in Latin letters: دبي، الإمارات العربية المتحدة (CNN)—
        rf"[ \t]*{_NAME}(?:\s*[،,]\s*{_NAME}){{0,2}}\s*\(\s*[A-Za-z][A-Za-z .&]{{0,15}}\)\s*[-\u2013\u2014]+",
        # ... unless another dash follows soon: that is a parenthesis (تمكنت - بفضل الله - عشر فرق)
        rf"[ \t]*{_W}(?:\s+{_W})?{_SEP}(?:{_BYLINE}\s*[-\u2013\u2014:]\s*)?(?=\S)"
        r"(?![^\n]{0,60}(?:[-\u2013\u2014]|\s\u0640))",
    )
)
_SLIDER = re.compile(r"\s*(?:next\s+)?previous\s*", re.IGNORECASE)
_LEADING_SPACE = re.compile(r"\s*")


def strip_dateline(text: str) -> tuple[str, str]:
    """Blank a leading dateline or byline (place, agency, reporter) of ``text``.

    Parameters
    ----------
    text : str
        The text as read.

    Returns
    -------
    text : str
        The text with its dateline blanked (same length).
    removed : str
        The dateline, stripped; empty if there was none.

    Examples
    --------
    >>> strip_dateline("سبق- الرياض: وافق المجلس")
    ('             وافق المجلس', 'سبق- الرياض:')
    >>> strip_dateline("عين اليوم – واشنطن\\nقال البيت الأبيض")[1]
    'عين اليوم – واشنطن'
    >>> strip_dateline("قال البيت الأبيض - في بيان")[1]
    ''
    >>> strip_dateline("دبي، الإمارات العربية المتحدة (CNN)— أعلنت الوزارة")[1]
    'دبي، الإمارات العربية المتحدة (CNN)—'
    """
    slider = _SLIDER.match(text)
    # After the slider, or after blank lines: a slider blanked as boilerplate (DEFAULT_BOILERPLATE_ENDS)
    # leaves a line of spaces above the dateline.
    start = slider.end() if slider else _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]
    for pattern in DATELINE_PATTERNS:
        match = pattern.match(text, start)
        if match:
            return _blank(text, match.start(), match.end()), match.group().strip()
    return text, ""


# -- bylines and place lines inside the text --------------------------------------------

#: Words that credit a reporter or a photographer: "حوار/ name", "تصوير: name", "(تصوير: name)".
_CREDIT = r"(?:أجرى الحوار|أجرت الحوار|حوار|حاوره|حاورها|حاورته|تصوير|إعداد|اعداد)"
#: A person's name in a byline (a reporter's may have four words: محمد بن علي الزهراني).
_PERSON = rf"{_W}(?:\s+{_W}){{0,3}}"
#: One credited name: "شقران الرشيدي", "تصوير/ فايز الزيادي", "(تصوير: عبدالملك سرور)", '"تصوير : مشعل الزهراني"'.
_CREDITED = rf"[(\"“«]?\s*(?:{_CREDIT}\s*[:/،,\-\u2013]?\s*)?{_PERSON}\s*[)\"”»]?"
#: Several of them, joined by commas or dashes: "حوار: عبدالعزيز العصيمي، تصوير: عبدالملك سرور".
_CREDITS = rf"{_CREDITED}(?:(?:\s*[،,]\s*|{_SEP}){_CREDITED}){{0,4}}"
#: A photographer's credit in brackets after the place: "الرياض (تصوير/ عبدالله النحيط)".
_PHOTO_PAREN = rf"(?:{_SEP}|\s*)\(\s*تصوير\s*[:/]?\s*{_PERSON}\s*\)"
#: Agencies as they are written in credits, dotted or not (د.ب.أ، أ ف ب).
_AGENCY = rf"(?:{_BYLINE}|د\.?\s?ب\.?\s?[أا]\.?|[أا]\.?\s?ف\.?\s?ب\.?)"
#: An interview's byline run into the line before it (Sabq puts the interview's highlights, joined by
#: dashes, on the byline's line): "... ليسوا مؤهلين حوار/ شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:".
#: Searched inside a line, so it needs all of it: an interview credit word, names, an agency, a place, a colon.
_INLINE_HINT = re.compile("حوار|حاور")
#: A byline's separators (its first one stands in its first 120 characters): a dash, a tatweel, a colon, a slash.
_BYLINE_HINT = re.compile("[-\u2013\u2014\u0640:/]")
_INLINE_BYLINE = re.compile(
    rf"(?<=\s)(?:أجرى الحوار|أجرت الحوار|حوار|حاوره|حاورها)\s*[:/]\s*{_PERSON}"
    rf"(?:(?:\s*[،,]\s*|{_SEP}){_CREDITED}){{0,3}}{_SEP}{_AGENCY}{_SEP}{_PLACE}(?:{_PHOTO_PAREN})?\s*:"
)


def byline_pattern(names: Sequence[str] = ()) -> re.Pattern[str]:
    """A pattern for a byline or place line at the start of a line, credited to an agency or to the outlet.

    Datelines inside the text (an interview, the second story of a record)
    are told from running text by their credit: an agency (``سبق``, ``واس``,
    ``رويترز``, ``د.ب.أ`` ...) or the outlet's own ``names`` (bare or in
    quotation marks) between dashes or before a colon, or a credit word
    (``حوار/``, ``تصوير:``) on a line of names alone.  A place followed by a
    colon or a dash without any credit (``الرياض:`` in a sentence, a fixture
    ``ليبيا - رواندا``) is never matched.

    Parameters
    ----------
    names : sequence of str
        The outlet's own names (:data:`DEFAULT_OUTLET_NAMES`), credits too,
        stretched with tatweel or not (:func:`stretchable_name`).

    Returns
    -------
    re.Pattern
        Matched (``match``) at a line start; what it matches is the byline.
    """
    own = [stretchable_name(name) for name in names if name.strip()]
    quoted = rf"[«\"“]\s*(?:{'|'.join(own)})\s*[»\"”]|" if own else ""
    credit = rf"(?:{quoted}{_AGENCY}{'|' + '|'.join(own) if own else ''})"
    line_end = r"[ \t]*(?=\n|\Z)"
    return re.compile(
        "|".join(
            (
                # reporters, then the credit, then the place, up to a colon:
                # خلود غنام- سبق- الرياض:، حوار: شقران الرشيدي- تصوير/ فايز الزيادي- سبق- الرياض:
                # (or a space before سبق, then a place: ياسر العتيبي، محمد الزهراني سبق- الباحة:; not
                # "أعود لأوجز ما سبق:")
                rf"[ \t]*{_CREDITS}(?:{_SEP}{credit}(?:{_SEP}{_PLACE})?|\s+سبق{_SEP}{_PLACE})(?:{_PHOTO_PAREN})?\s*:",
                # the credit first: سبق- الزلفي- (تصوير: عبدالله المطوع):
                rf"[ \t]*{credit}{_SEP}{_PLACE}(?:{_PHOTO_PAREN})?\s*:",
                # the place first: باماكو - رويترز:، لندن - «الشرق الأوسط»:
                rf"[ \t]*{_PLACE}{_SEP}{credit}\s*:",
                # a line of its own: الرياض: الوطن، واس – الرياض، السريعي – عين اليوم
                rf"[ \t]*{_PLACE}(?:\s*:\s*|{_SEP}){credit}{line_end}",
                rf"[ \t]*(?:{_CREDITS}{_SEP})?{credit}{_SEP}{_PLACE}{line_end}",
                # credits alone: تصوير: علي الزهراني، إعداد: صالح آل زمانان, تصوير : صالح الدغاري، (تصوير: المحرر)
                rf"[ \t]*\(?\s*{_CREDIT}\s*[:/\-\u2013\u0640]\s*{_PERSON}"
                rf"(?:\s*[،,]?\s*{_CREDIT}\s*[:/]?\s*{_PERSON})?[ \t]*\)?{line_end}",
            )
        )
    )


def strip_bylines(
    text: str, pattern: re.Pattern[str], *, skip_first_line: bool = False
) -> tuple[str, list[tuple[int, int, str]]]:
    """Blank every byline or place line that starts a line of ``text`` (see :func:`byline_pattern`).

    A line that starts with none may hold an interview's byline run into it
    (:data:`_INLINE_BYLINE`: a credit word such as ``حوار/``, names, an agency,
    a place and a colon); that is blanked too.

    Parameters
    ----------
    text : str
        The text (its leading dateline already blanked, if any).
    pattern : re.Pattern
        From :func:`byline_pattern`.
    skip_first_line : bool, optional
        Leave the first line alone: a leading dateline was blanked there, and
        what follows it on that line is text.

    Returns
    -------
    text : str
        The text with each byline blanked (same length).
    removed : list of (int, int, str)
        Each byline's start and end offsets (of the stripped byline) and the byline.

    Examples
    --------
    >>> text = "قال.\\nخلود غنام- سبق- الرياض: يقضي أطفال"
    >>> strip_bylines(text, byline_pattern(["سبق"]))[1]
    [(5, 28, 'خلود غنام- سبق- الرياض:')]
    >>> strip_bylines("وقال الوزير في الرياض: إن", byline_pattern(["سبق"]))[1]
    []
    >>> strip_bylines("- أبرز ما قاله حوار/ شقران الرشيدي- سبق- الرياض: يقول", byline_pattern(["سبق"]))[1]
    [(15, 48, 'حوار/ شقران الرشيدي- سبق- الرياض:')]
    """
    removed: list[tuple[int, int, str]] = []
    starts = [0, *(found.end() for found in re.finditer("\n", text))]
    for start in starts[1:] if skip_first_line else starts:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        # Within its line (endpos): never a name on one line and a colon on the next.  Every byline has a
        # dash, colon or slash in its first words: most lines of running text are ruled out by that search.
        match = pattern.match(text, start, end) if _BYLINE_HINT.search(text, start, min(end, start + 120)) else None
        if not (match and match.group().strip()) and _INLINE_HINT.search(text, start, end):
            match = _INLINE_BYLINE.search(text, start, end)
        if match and match.group().strip():
            byline = match.group().strip()
            begin = text.index(byline, match.start())
            removed.append((begin, begin + len(byline), byline))
    for begin, end, _ in removed:
        text = _blank(text, begin, end)
    return text, removed


def byline_kind(start: int, end: int) -> str:
    """The kind a byline is reported under in :meth:`CorpusReader.clean <analysis.corpus.CorpusReader.clean>`: with its offsets.

    >>> byline_kind(5, 28)
    'byline (characters 5-28)'
    """
    return f"byline (characters {start}-{end})"


def removal_problem(what: str, kind: str) -> str:
    """The report's ``problem`` for something cleaning removed (``skipped.csv``).

    Examples
    --------
    >>> removal_problem("سبق- جدة:", "dateline")
    "dateline removed: 'سبق- جدة:'"
    >>> removal_problem("خلود غنام- سبق- الرياض:", byline_kind(5, 28))
    "byline removed (characters 5-28): 'خلود غنام- سبق- الرياض:'"
    """
    label, _, where = kind.partition(" (")
    label = "boilerplate line" if label == "boilerplate" else label
    return f"{label} removed{f' ({where}' if where else ''}: {what!r}"


_IGNORABLE_RUN = "[" + re.escape("".join(sorted(WORD_INTERNAL_IGNORABLES))) + "]*"


def stretchable_name(name: str) -> str:
    """A regular expression for ``name`` as written, stretched or not: a tatweel, mark or invisible after a letter.

    Justified text stretches words with tatweel (``الجزيـــرة``), and a name
    may carry a vowel mark (``اليومِ``); the characters allowed after each
    letter are those a word keeps without being split
    (:data:`analysis.arabic.WORD_INTERNAL_IGNORABLES`), so a match spans the
    stretched name in the text itself and its offsets are the source's.

    Parameters
    ----------
    name : str
        The name as listed (``الجزيرة``).

    Returns
    -------
    str
        A pattern (not compiled) matching the name with any run of those
        characters after each of its non-space characters.

    Examples
    --------
    >>> import re
    >>> bool(re.fullmatch(stretchable_name("الجزيرة"), "الجزيـــرة"))
    True
    >>> bool(re.fullmatch(stretchable_name("الشرق الأوسط"), "الشرقـ  الأوسط"))
    False
    """
    return "".join(re.escape(this) + ("" if this.isspace() else _IGNORABLE_RUN) for this in name)


def outlet_name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern for an outlet's own name where it credits itself: in quotation marks or brackets.

    ``قال لـ"الرياض"`` in al-Riyadh is the newspaper, not the Saudi capital or
    government; the bare word is left alone (it is usually the city).  A name
    stretched with tatweel (``لـ"الجزيـــرة"``) is the same name
    (:func:`stretchable_name`).
    """
    names = [stretchable_name(name) for name in names if name.strip()]
    if not names:
        return None
    return re.compile(rf"[«»\"“”(]\s*(?:{'|'.join(names)})\s*[«»\"“”)]")


def blank_outlet_name(text: str, pattern: re.Pattern[str] | None) -> tuple[str, list[str]]:
    """Blank each match of :func:`outlet_name_pattern` in ``text``; return the text and the matches.

    Examples
    --------
    >>> blank_outlet_name('وقال لـ"الرياض" إن', outlet_name_pattern(["الرياض"]))
    ('وقال لـ         إن', ['"الرياض"'])
    >>> blank_outlet_name('وقال لـ"الجزيـــرة" إن', outlet_name_pattern(["الجزيرة"]))
    ('وقال لـ             إن', ['"الجزيـــرة"'])
    """
    if pattern is None:
        return text, []
    found = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    for start, end, _ in found:
        text = _blank(text, start, end)
    return text, [name for _, _, name in found]

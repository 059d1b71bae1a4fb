"""Clean the text as read: HTML stripped to its text, boilerplate lines blanked or cut."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser

#: Lines that scrapers leave in articles, removed by default (whole line, any case).
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    r"facebook comments",
    r"(?:share|شارك)(?: (?:on|via|عبر))? (?:facebook|twitter|whatsapp|فيسبوك|تويتر)",
)
_HTML_HINT = re.compile(r"<(?:p|div|br|span|a|html|body|article|section|h[1-6]|li|ul|ol|table|tr|td|strong|em|b|i)"
                        r"\b[^>]*>|&(?:nbsp|amp|quot|lt|gt|#\d+);", re.IGNORECASE)


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

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                        "blockquote", "ul", "ol", "table"})
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


def remove_boilerplate(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[str, list[str]]:
    """Blank boilerplate lines where they stand; cut them where they end the text.

    Blanking (each character becomes a space) keeps every later offset equal
    to its offset in the source.

    Parameters
    ----------
    text : str
        Decoded text.
    patterns : sequence of compiled patterns
        Matched against each stripped line (``fullmatch``).

    Returns
    -------
    text : str
        The cleaned text.
    removed : list of str
        The boilerplate lines, in order.

    Examples
    --------
    >>> import re
    >>> remove_boilerplate("نص\\nFacebook Comments\\nنص آخر\\nFacebook Comments", [re.compile("facebook comments", re.I)])
    ('نص\\n                 \\nنص آخر', ['Facebook Comments', 'Facebook Comments'])
    """
    if not patterns:
        return text, []
    removed: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and any(p.fullmatch(stripped) for p in patterns):
            removed.append(stripped)
            lines[i] = " " * len(line)
    if not removed:
        return text, removed
    return "\n".join(lines).rstrip(), removed

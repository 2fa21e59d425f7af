"""Plain text out of the HTML (or flattened text) that aid finders publish (pure functions).

Nothing of the markup survives: tags are dropped, the content of `<script>`, `<style>` and
the like is dropped with them, entities are decoded, and text that only becomes a tag once
decoded (`&lt;script&gt;`) is stripped again. Block elements become line breaks, so the
result reads well through Django's `linebreaks` filter. A lone `<` in prose ("< 2000 EH")
is kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never text for a reader.
_DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "head",
    "title",
    "select",
    "textarea",
}
# Elements that end a paragraph, and elements that only break a line.
_PARAGRAPHS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "address",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
_LINES = {"br", "tr", "dt", "dd", "li", "figcaption"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Something that would be read as a tag: `<` then a letter, `/`, `!` or `?`.
_TAG_LIKE = re.compile(r"<\s*[/!?]?\s*[A-Za-z][^<>]*>|<!--.*?-->", re.S)
_FLATTENED_BREAK = re.compile(r" {4,}")
# A typed separator ("________", "-----"): a paragraph break, not text.
_RULE = re.compile(r"([_=*~-])\1{4,}")


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in _LINES:
            self.parts.append("\n")
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _LINES or tag in _PARAGRAPHS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))


def _extract(markup: str) -> str:
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def html_to_text(value: str | None, *, flattened: bool = False) -> str:
    """The readable text of an HTML fragment, with no tag left.

    `flattened` is for text already stripped by its publisher, where paragraphs survive only
    as runs of spaces (Aides-territoires' CSV export): a run of 4 spaces or more becomes a
    line break, and `&` stays a literal ampersand.
    """
    if not value:
        return ""
    text = _CONTROL.sub("", str(value))
    if flattened:
        text = _FLATTENED_BREAK.sub("<br>", text.replace("&", "&amp;"))
    text = _extract(text)
    for _ in range(2):  # entities that decode into markup: strip that markup too
        if not _TAG_LIKE.search(text):
            break
        text = _extract(text.replace("&", "&amp;"))
    text = _RULE.sub("\n\n", _TAG_LIKE.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(value: str) -> str:
    return " ".join(value.split())


def shorten(value: str, limit: int) -> str:
    """`value` cut on a word boundary so that it fits in `limit` characters, with an ellipsis."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


# The end of a sentence: `.`, `!`, `?` or `…` followed by a space or the end of the text,
# not after a lone letter or number ("1.", "M.") which numbers a list or abbreviates.
_SENTENCE_END = re.compile(r"(?<![\s(][A-Za-z0-9])(?<!^[A-Za-z0-9])[.!?…](?=\s|$)")


def first_sentence(text: str, limit: int = 300) -> str:
    """The first sentence of `text` on one line, at most `limit` characters."""
    flat = one_line(text)
    for match in _SENTENCE_END.finditer(flat):
        if match.end() >= 15:
            flat = flat[: match.end()]
            break
    return shorten(flat, limit)

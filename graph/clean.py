"""Blank out markup and web boilerplate, keeping every character offset.

In: a `Document` as read. Out: the same document with `clean` set: a text of
the same length in which markup (tags, broken attribute remnants, entities,
script and style bodies, front matter) and boilerplate lines ("This webpage
was generated programmatically ...") are replaced by spaces. Because nothing
moves, an offset found in the cleaned text is an offset in the original.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from .dates import find_document_date
from .types import Document

# Lines that are web furniture, not content. Matched against a stripped line.
BOILERPLATE = [
    re.compile(r"^this webpage was generated (programmatically|automatically)", re.I),
    re.compile(r"^should you wish to (eliminate|remove) this article", re.I),
    re.compile(r"^to access the article in its (initial|original) location", re.I),
    re.compile(r"^(share|tweet|print|email)( this)?( article| page)?:?$", re.I),
    re.compile(r"^(copyright|©)\s", re.I),
    re.compile(r"^https?://\S+$"),
    # Attribute remnants of broken markup: `The de" />`, `content="..."/>`.
    re.compile(r"^[^<>]{0,80}[\"']\s*/?>$"),
]
_BLOCKS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>]*>", re.S)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_LONE_CR = re.compile(r"\r(?!\n)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Markdown emphasis markers around a word: "**Treaty of Rome**", "*Pravda*", "__x__".
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*|__|\*|_)(?=[^\s*_])|(?<=[^\s*_])(\*\*|__|\*|_)(?![\w*_])")
_BLOCK_TAGS = re.compile(r"</?(p|div|br|li|h[1-6]|tr|section|article|header|footer)\b", re.I)


def clean_document(document: Document) -> Document:
    """Return `document` with `clean` set and, if it had none, a date from its dateline."""
    # Carriage returns, a byte-order mark, control and bidi-override characters
    # become spaces first (a lone CR ends a line): the text keeps its length, so
    # offsets stay those of the file, and no label can carry an invisible character.
    text = _CONTROL.sub(" ", _LONE_CR.sub("\n", document.text))
    chars = list(text)
    is_html = document.source.lower().endswith((".html", ".htm")) or bool(
        re.search(r"<(html|body|p|div)\b", text[:2000], re.I))
    if document.source.lower().endswith((".md", ".markdown")):
        match = _FRONT_MATTER.match(text)
        if match:
            _blank(chars, 0, match.end())
        for match in _EMPHASIS.finditer(text):
            _blank(chars, match.start(), match.end())
    if is_html:
        for match in _BLOCKS.finditer(text):
            _blank(chars, match.start(), match.end())
        for match in _TAG.finditer(text):
            # A block-level tag ends a sentence: keep a newline in its place.
            _blank(chars, match.start(), match.end(),
                   fill="\n" if _BLOCK_TAGS.match(match.group()) else " ")
        for match in _ENTITY.finditer(text):
            decoded = html.unescape(match.group())
            if len(decoded) == 1:
                _blank(chars, match.start(), match.end())
                chars[match.start()] = decoded
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(p.search(stripped) for p in BOILERPLATE):
            _blank(chars, start, start + len(line))
        start += len(line) + 1
    clean = "".join(chars)
    date = document.date or find_document_date(clean)
    return replace(document, clean=clean, date=date)


def _blank(chars: list[str], start: int, end: int, *, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "
    if fill == "\n" and start < end:
        chars[start] = "\n"

"""Blank out markup and web boilerplate, keeping every character offset.

In: a `Document` as read. Out: the same document with `clean` set: a text in
which markup (tags, broken attribute remnants, entities,
script and style bodies, front matter) and boilerplate lines ("This webpage
was generated programmatically ...") are replaced by spaces. Nothing moves,
so an offset in the cleaned text is an offset in the original, except where an
HTML entity is decoded ("&#39;" becomes "'"): then the text is shorter and
`offsets` maps each of its characters back to the original.
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
    chars: list[str | None] = list(text)
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
                # "Japan&#39;s" must read "Japan's": the entity's other characters leave
                # the text, and `offsets` maps what remains back to the file.
                chars[match.start()] = decoded
                for i in range(match.start() + 1, match.end()):
                    chars[i] = None
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(p.search(stripped) for p in BOILERPLATE):
            _blank(chars, start, start + len(line))
        start += len(line) + 1
    offsets: tuple[int, ...] | None = None
    if any(c is None for c in chars):
        kept = [i for i, c in enumerate(chars) if c is not None]
        offsets = (*kept, len(text))
    clean = "".join(c for c in chars if c is not None)
    date = document.date or find_document_date(clean)
    return replace(document, clean=clean, date=date, offsets=offsets)


def _blank(chars: list[str | None], start: int, end: int, *, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "
    if fill == "\n" and start < end:
        chars[start] = "\n"

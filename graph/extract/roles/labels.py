"""Role mentions from the lines of a document that name a speaker or a signatory.

In: a parsed `Doc` and its speaker turns. Out: `Mention`s from transcript speaker
labels that open with a title ("SECRETARY BLINKEN:", "President of Russia Vladimir
Putin:") and from upper-case byline lines, name then title ("JANE DOE, SECRETARY
OF STATE").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...types import Status
from ..common import country_entity
from ..context.speakers import Turn, read_label
from ..names import clean_name
from ..titles import ORG_OFFICE, STATUS_WORDS, load_titles
from .mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A word of an upper-case byline name: "ANTONY", "J.", "TAE-YUL".
_NAME_WORD = re.compile(r"[A-Z][A-Z'’-]*\.?")


def label_mentions(doc: Doc, turns: tuple[Turn, ...]):
    """Mentions from speaker labels that open with a title: 'SECRETARY BLINKEN:'."""
    for turn in turns:
        title_words, iso3, name = read_label(turn.label)
        title = load_titles().lookup(title_words) if title_words else None
        span = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
        if title is None or title.country == "ORG" or not name or span is None:
            continue
        status: Status = "current"
        first = turn.label.split()[0].lower()
        if first in STATUS_WORDS:
            status = STATUS_WORDS[first]
        yield Mention(name, title.canonical, title_words, status, span.sent,
                      "role.speaker-label.v1", -1, turn.label_start,
                      country=country_entity(iso3) if iso3 else None,
                      alias=f"{title_words} {name}")


def byline_mentions(doc: Doc):
    """Upper-case lines of their own that give a name, then a known title."""
    start = 0
    for line in doc.text.split("\n"):
        end, text = start + len(line), line.strip()
        first, _, rest = text.partition(", ")
        words = first.split()
        span = doc.char_span(start, end, alignment_mode="expand") if text else None
        start = end + 1
        if not rest or not text.isupper() or ":" in text or not 2 <= len(words) <= 4 \
                or not all(_NAME_WORD.fullmatch(w) for w in words) or span is None:
            continue
        title = load_titles().lookup(rest)
        if title is None or title.country == ORG_OFFICE:
            continue
        name = clean_name(first)
        surface = rest.title()
        yield Mention(name, title.canonical, surface, "current", span.sent, "role.byline.v1",
                      -1, doc[span.start].idx, alias=f"{surface} {name}")

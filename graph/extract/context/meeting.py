"""The two states of a bilateral meeting or visit, read once per document.

In: a document and its parse. Out: the ISO3 codes of the two states whose meeting,
talks, visit or joint text the document reports ("Russia-Turkmenistan talks",
"Visit to Australia by China's Premier", "Joint Communique ... by the Prime Minister
of Australia to the USSR"), or none. The title and the opening sentences must name
exactly two states and speak of a meeting; the rest of a document may name many
others ("the positions of the Soviet Union and Australia coincided on Vietnam"), so
they are not read. Rules use the pair for "the parties signed", "both sides", "the two
leaders" and for the documents signed at the meeting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...gazetteer import load_gazetteer
from ...types import Document
from ..common import country_of_span
from ..docindex import index_of
from .publisher import publisher_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How many opening sentences may name the meeting's states.
OPENING_SENTENCES = 3
_MEETING = re.compile(
    r"\b(?:talks|meet(?:s|ing|ings)?|met|visit(?:s|ed|ing)?|summit|sign(?:s|ed|ing)?|joint|"
    r"communiqu[eé]|joint\s+statement|leaders|consultations|outcomes)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\s\-‒–—/,;:()\"“”]+")


def meeting_states(document: Document, doc: Doc) -> tuple[str, ...]:
    """The two states (ISO3, sorted) of the meeting the document reports, or ()."""
    sents = index_of(doc).sents[:OPENING_SENTENCES]
    opening = " ".join(s.text for s in sents)
    title = document.title or ""
    if not _MEETING.search(f"{title} {opening}"):
        return ()
    found: dict[str, int] = {}
    for iso3 in _title_states(title):
        found[iso3] = found.get(iso3, 0) + 1
    if len(found) == 2:
        return tuple(sorted(found))
    host = publisher_of(document)
    if len(found) == 1 and host is not None and host.kind == "Country" \
            and host.key not in found:
        # "Visit of the President of Angola" on www.gov.pl: the guest and the host
        return tuple(sorted({*found, host.key}))
    for sent in sents:
        for ent in index_of(sent.doc).ents_in(sent):
            country = country_of_span(ent, allow_demonym=True)
            if country is not None:
                found[country.key] = found.get(country.key, 0) + 1
    return tuple(sorted(found)) if len(found) == 2 else ()


def _title_states(title: str) -> list[str]:
    """States a title names by country name or adjective ("Russian-Mongolian talks")."""
    gazetteer = load_gazetteer()
    words = [w.strip(".'’").removesuffix("’s").removesuffix("'s") for w in _WORD.findall(title)]
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            if i + size > len(words):
                continue
            name = gazetteer.country(" ".join(words[i:i + size]))
            if name is not None and name.form != "capital" and words[i][:1].isupper():
                found.append(name.country.iso3)
                i += size - 1
                break
        i += 1
    return found

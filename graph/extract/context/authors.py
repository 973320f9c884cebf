"""Who wrote a statement: the countries and bodies its heading names as authors.

In: a document and its parse. Out: `Entity` records for the authors named in a
statement's title or first line ("Joint Statement of the United States and
Japan"), skipping the countries that are its topic ("Statement on the DPRK").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...gazetteer import load_gazetteer
from ...types import Document, Entity
from ..common import country_entity, country_of_span, organization_of_span, unique_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Prepositions that make a country in a statement's heading its topic, not its author.
TOPIC_PREPS = {"on", "about", "regarding", "concerning", "over", "in", "against", "toward",
               "towards", "with", "to", "following"}
_STATEMENT = re.compile(r"\b(?:statement|declaration|communiqu[eé]|press release|readout)\b",
                        re.IGNORECASE)


def statement_authors(document: Document, doc: Doc) -> tuple[Entity, ...]:
    """The countries and bodies a statement's title or opening names as its authors."""
    body = document.body
    start = len(body) - len(body.lstrip())
    end = body.find("\n", start)
    end = len(body) if end < 0 else end
    first = doc.char_span(start, end, alignment_mode="contract")
    heading = f"{document.title or ''} {first.text if first is not None else ''}"
    if not _STATEMENT.search(heading):
        return ()
    found: list[Entity] = []
    if first is not None:
        for ent in first.ents:
            if _is_topic(ent):
                continue  # "Statement on North Korea": the topic, not an author
            entity = country_of_span(ent, allow_demonym=True) or (
                organization_of_span(ent) if ent.label_ == "ORG" and ent.ent_id_ else None)
            if entity is not None:
                found.append(entity)
    if document.title:
        found.extend(countries_in_words(tuple(document.title.split()), skip_topics=True))
    return tuple(unique_entities(found))


def _is_topic(ent: Span) -> bool:
    """A name right after "on", "about", "over" ... ("Statement on the DPRK")."""
    before = [t for t in ent.doc[max(0, ent.start - 2):ent.start] if t.lower_ != "the"]
    return bool(before) and before[-1].lower_ in TOPIC_PREPS


def countries_in_words(words: tuple[str, ...], *, skip_topics: bool = False
                        ) -> tuple[Entity, ...]:
    """Countries named by runs of up to four words ("JAPANESE FOREIGN MINISTER")."""
    gazetteer = load_gazetteer()
    found: list[Entity] = []
    cleaned = [w.strip(",;:()") for w in words]
    i = 0
    while i < len(cleaned):
        for size in (4, 3, 2, 1):
            text = " ".join(cleaned[i:i + size])
            name = gazetteer.country(text) if i + size <= len(cleaned) else None
            previous = [w.lower() for w in cleaned[max(0, i - 2):i] if w.lower() != "the"]
            topic = skip_topics and bool(previous) and previous[-1] in TOPIC_PREPS
            if name is not None and name.form != "capital" and topic:
                i += size - 1  # the whole name is the topic ("on North Korea")
                break
            if name is not None and name.form != "capital":
                found.append(country_entity(name.country.iso3, text))
                i += size - 1
                break
        i += 1
    return tuple(unique_entities(found))

"""Helpers every extractor shares: evidence, country and organisation mentions.

Nothing here decides a relation; it turns spans into `Entity` records and
sentences into `Evidence`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..gazetteer import load_gazetteer, name_key, normalize_name
from ..types import Entity, Evidence
from .docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

COUNTRY_LABELS = {"GPE", "NORP", "ORG"}


def evidence(doc_id: str, sent: Span, rule: str) -> Evidence:
    """Evidence for a claim read from `sent` by `rule` (offsets into the document)."""
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return Evidence(doc_id=doc_id, sentence=" ".join(text.split()), start_char=start,
                    end_char=start + len(text), rule=rule)


def country_entity(iso3: str, surface: str | None = None) -> Entity:
    """The `Entity` for a country by ISO3 code, keeping the surface name as alias."""
    country = load_gazetteer().countries[iso3]
    aliases = (normalize_name(surface),) if surface and normalize_name(surface) != country.label \
        else ()
    return Entity("Country", iso3, country.label, aliases)


def country_of_span(span: Span, *, allow_demonym: bool = True,
                    allow_capital: bool = False) -> Entity | None:
    """The country a span names (by ruler id or gazetteer), or None."""
    if span.ent_id_ and span.ent_id_ in load_gazetteer().countries:
        if span.label_ == "NORP" and not allow_demonym:
            return None
        return country_entity(span.ent_id_, span.text)
    # Ambiguous names ("Georgia", "Congo", "the North") need cues: sentence first, then document.
    name = load_gazetteer().country(span.text, context=(span.sent.text, index_of(span.doc).text))
    if name is None:
        return None
    if name.form == "demonym" and not allow_demonym:
        return None
    if name.form == "capital" and (not allow_capital or is_place_mention(span)):
        return None
    return country_entity(name.country.iso3, span.text)


# A capital governed by these is a place ("a summit in Seoul", "visited Tokyo"), not a
# government ("Seoul said", "Washington and Tokyo agreed").
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "into", "inside", "outside", "around",
                      "across", "throughout", "via", "toward", "towards", "within", "between"}
PLACE_VERBS = {"visit", "leave", "reach", "tour", "return", "arrive", "travel", "host"}


def is_place_mention(span: Span) -> bool:
    """Whether a capital-like span is used as a place rather than for its government."""
    token = span.root
    if token.dep_ == "compound":  # "the Seoul summit", "Washington Declaration"
        return True
    while token.dep_ == "conj" and token.head.i != token.i:  # "in Seoul and Tokyo"
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS:
        return True
    return token.dep_ == "dobj" and token.head.lemma_ in PLACE_VERBS


def organization_of_span(span: Span) -> Entity | None:
    """The organisation a span names, from the gazetteer or the model's ORG label."""
    org = load_gazetteer().organization(span.text)
    if org is not None:
        aliases = tuple(a for a in {normalize_name(span.text)} if a != org.label)
        return Entity("Organization", org.key, org.label, aliases)
    if span.label_ == "ORG" and load_gazetteer().country(span.text) is None:
        label = normalize_name(span.text)
        return Entity("Organization", name_key(label), label)
    return None


def collect_entities(doc: Doc) -> tuple[Entity, ...]:
    """The countries and organisations a document names, for the entity summary."""
    found: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        entity = country_of_span(ent, allow_demonym=False) if ent.label_ in COUNTRY_LABELS \
            else None
        if entity is None and ent.label_ == "ORG" and ent.ent_id_:
            entity = organization_of_span(ent)
        if entity is not None:
            found.setdefault((entity.kind, entity.key), entity)
    return tuple(found[k] for k in sorted(found))


def unique_entities(entities: list[Entity]) -> list[Entity]:
    """`entities` without repeats (same kind and key), first occurrence kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for entity in entities:
        if (entity.kind, entity.key) not in seen:
            seen.add((entity.kind, entity.key))
            out.append(entity)
    return out

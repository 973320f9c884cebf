"""The items resolution groups: one per entity, document and extractor key.

In: the `DocumentFacts` of every document. Out: each entity seen in a document as
an `Item` carrying all that the grouping rules read of it: its names, the offices
its person holds, an agreement's parties and years, an event's stated dates and
the document's date. Items come out in sorted order, whatever the document order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..gazetteer import name_key
from ..types import DocumentFacts, Entity
from .keys import office_key

ItemId = tuple[str, str, str]  # (kind, doc_id, extractor key)


@dataclass
class Item:
    """One entity in one document, with all that the grouping rules read of it."""

    kind: str
    doc_id: str
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)
    offices: set[tuple[str, str]] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)  # agreements: the document's parties
    years: set[int] = field(default_factory=set)  # agreements: the years it gives
    dates: set[str] = field(default_factory=set)  # events: stated dates
    doc_date: str | None = None

    @property
    def names(self) -> list[str]:
        return sorted({self.label, *self.aliases} - {""})


def _entities(facts: DocumentFacts) -> Iterable[Entity]:
    yield from facts.entities
    for role in facts.roles:
        yield role.person
        yield role.country
    for party in facts.parties:
        yield party.country
        yield party.agreement
    for item in facts.condemnations:
        yield item.event
        yield item.condemner
        if item.agent is not None:
            yield item.agent


def collect_items(documents: Sequence[DocumentFacts]) -> dict[ItemId, Item]:
    """Every entity of every document as an item, in sorted order."""
    items: dict[ItemId, Item] = {}
    for facts in documents:
        for entity in _entities(facts):
            item_id = (entity.kind, facts.doc_id, entity.key)
            item = items.setdefault(item_id, Item(entity.kind, facts.doc_id, entity.key,
                                                  entity.label, doc_date=facts.date))
            if _fuller(entity.label, item.label):
                item.aliases.add(item.label)
                item.label = entity.label
            item.aliases.update(a for a in (entity.label, *entity.aliases) if a != item.label)
        for role in facts.roles:
            item_id = ("Person", facts.doc_id, role.person.key)
            items[item_id].offices.add((office_key(role.title), role.country.key))
        for party in facts.parties:
            agreement = items[("Agreement", facts.doc_id, party.agreement.key)]
            agreement.parties.add(party.country.key)
            if party.year is not None:
                agreement.years.add(party.year)
        for claim in facts.condemnations:
            if claim.date:
                items[("Event", facts.doc_id, claim.event.key)].dates.add(claim.date)
    return dict(sorted(items.items()))


def _fuller(a: str, b: str) -> bool:
    return (-len(a.split()), -len(a), a) < (-len(b.split()), -len(b), b)


def refers_to(item: Item, reference: str) -> bool:
    """Whether a curation entry's name or key (`reference`) names this item."""
    wanted = name_key(reference)
    return item.key == reference or any(name_key(n) == wanted for n in item.names)

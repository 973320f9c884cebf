"""The surname passes: whom a surname-only mention of a person is.

In: the items and their `Groups` after the full-name pass. Out: a surname joined
to the one full-named person with that surname and office
(person.surname-office.v1), or to surname-only peers of one office within a term
(person.surname-peers.v1), or else left apart (person.surname-only.v1).
"""

from __future__ import annotations

from collections import defaultdict

from .groups import Groups
from .items import Item, ItemId
from .keys import person_tokens

# Most offices are held four or five years: surname-only mentions further apart in time
# may be successors who share a surname ("President Kim"), so they are not joined.
TERM_YEARS = 5


def group_surnames(items: dict[ItemId, Item], groups: Groups) -> None:
    """person.surname-office.v1, repeated until nothing more joins.

    A surname that joins a full-name group brings its offices along, and those
    can make another surname's office match; running to a fixed point is what
    makes resolving an already resolved corpus change nothing.
    """
    surnames = [item_id for item_id, item in items.items()
                if item.kind == "Person" and len(person_tokens(item.label)) == 1]
    outcome: dict[ItemId, str] = {}
    joined = True
    while joined:
        joined = False
        full = _full_name_groups(items, groups)
        for item_id in surnames:
            if groups.find(item_id) in full:
                continue
            item = items[item_id]
            token = person_tokens(item.label)[0]
            candidates = [(root, sorted(item.offices & offices)) for root, (ends, offices)
                          in full.items() if token in ends and item.offices & offices]
            outcome[item_id] = ("several full-name candidates" if len(candidates) > 1
                                else "no full-name match")
            if len(candidates) == 1:
                root, shared = candidates[0]
                source = "office: " + "; ".join(f"{t} / {c}" for t, c in shared)
                joined |= groups.union(root, item_id, "person.surname-office.v1", source)
    full = _full_name_groups(items, groups)
    for item_id in surnames:
        if groups.find(item_id) not in full:
            groups.rule.setdefault(item_id, ("person.surname-only.v1", outcome[item_id]))


def group_surname_peers(items: dict[ItemId, Item], groups: Groups) -> None:
    """person.surname-peers.v1: "President Trump" of two documents, where no full name
    holds that surname and office, is one person when the documents are within a term."""
    full = _full_name_groups(items, groups)
    ambiguous = {(end, office) for ends, offices in full.values() for end in ends
                 for office in offices}
    peers: dict[tuple[str, tuple[str, str]], list[ItemId]] = defaultdict(list)
    for item_id, item in items.items():
        tokens = person_tokens(item.label) if item.kind == "Person" else ()
        if len(tokens) == 1 and groups.find(item_id) not in full:
            for office in sorted(item.offices):
                if (tokens[0], office) not in ambiguous:
                    peers[(tokens[0], office)].append(item_id)
    for (_, office), members in sorted(peers.items()):
        anchor = members[0]
        for other in members[1:]:
            group = [m for m in members if groups.find(m) == groups.find(anchor)]
            if all(_within_term(items[m], items[other]) for m in group):
                source = f"office: {office[0]} / {office[1]}"
                if groups.union(anchor, other, "person.surname-peers.v1", source):
                    for member in (anchor, other):
                        groups.rule[member] = ("person.surname-peers.v1", source)


def _within_term(a: Item, b: Item) -> bool:
    years = [int(d[:4]) for d in (a.doc_date, b.doc_date) if d and d[:4].isdigit()]
    return len(years) < 2 or abs(years[0] - years[1]) <= TERM_YEARS


def _full_name_groups(items: dict[ItemId, Item], groups: Groups
                      ) -> dict[ItemId, tuple[set[str], set[tuple[str, str]]]]:
    """Each group holding a full name: its first and last name tokens, and its offices."""
    full: dict[ItemId, tuple[set[str], set[tuple[str, str]]]] = {}
    for root in groups.roots():
        members = groups.members(root)
        if root[0] != "Person" or all(len(person_tokens(items[m].label)) < 2 for m in members):
            continue
        ends: set[str] = set()
        offices: set[tuple[str, str]] = set()
        for member in members:
            tokens = person_tokens(items[member].label)
            if len(tokens) >= 2:
                ends.update({tokens[0], tokens[-1]})
            offices |= items[member].offices
        full[root] = (ends, offices)
    return full

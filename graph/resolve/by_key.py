"""The first pass: items of one key, and people of one full name, become one.

In: the items and their `Groups`. Out: countries joined on their ISO code,
organisations on their key and people on their normalised full name; agreements
and events of one key are clustered by their own rule (agreements.py, events.py),
since one key may still name different things. Surname-only people are left to
people.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from .agreements import agreement_signature, same_agreement
from .events import event_signature, same_event
from .groups import Groups
from .items import Item, ItemId
from .keys import person_tokens

# A kind whose items of one key may still be different things: the rule's name, its
# test of two items, and the signature of an item (all the test reads of it).
_Same = tuple[str, Callable[[Item, Item], bool], Callable[[Item], Hashable]]

_SAME: dict[str, _Same] = {
    "Agreement": ("agreement.parties.v1", same_agreement, agreement_signature),
    "Event": ("event.date.v1", same_event, event_signature),
}


def group_by_key(items: dict[ItemId, Item], groups: Groups) -> None:
    """country.iso.v1, key.exact.v1 and person.full-name.v1, with the one-key rules."""
    first: dict[tuple[str, object], ItemId] = {}
    clusters: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for item_id, item in items.items():
        same = _SAME.get(item.kind)
        if same is not None:  # one key, yet perhaps different things: cluster them
            _cluster(item_id, items, groups, clusters[(item.kind, item.key)], same)
            continue
        if item.kind == "Person":
            tokens = person_tokens(item.label)
            if len(tokens) < 2:
                continue  # surname only: never merged on the name alone
            signature: object = tuple(sorted(tokens))
            rule, source = "person.full-name.v1", f"normalised name: {' '.join(tokens)}"
        else:
            signature = item.key
            rule = "country.iso.v1" if item.kind == "Country" else "key.exact.v1"
            source = f"key {item.key}"
        anchor = first.setdefault((item.kind, signature), item_id)
        groups.rule.setdefault(item_id, (rule, source))
        if anchor != item_id:
            groups.union(anchor, item_id, rule, source)


def _cluster(item_id: ItemId, items: dict[ItemId, Item], groups: Groups,
             clusters: list[_Cluster], same: _Same) -> None:
    """Join the first cluster of this key whose every member may be the same thing.

    The test reads only a member's signature, so the item is tested against one member
    per distinct signature: a name in thousands of documents costs as many tests as it
    has different signatures, not one per member.
    """
    item = items[item_id]
    rule, test, signature = same
    mine = signature(item)
    groups.rule.setdefault(item_id, ("key.exact.v1", f"key {item.key}"))
    for cluster in clusters:
        if mine in cluster.kinds or all(test(items[m], item) for m in cluster.kinds.values()):
            if groups.union(cluster.first, item_id, "key.exact.v1", f"key {item.key}"):
                cluster.kinds.setdefault(mine, item_id)
                return
    if clusters:
        apart = ", ".join(c.first[1] for c in clusters)
        groups.rule[item_id] = (rule, f"key {item.key}: kept apart from the one in {apart}")
    clusters.append(_Cluster(item_id, {mine: item_id}))


@dataclass(slots=True)
class _Cluster:
    """The items of one key taken for one thing: the first, and one per signature."""

    first: ItemId
    kinds: dict[Hashable, ItemId]

"""The union-find that grouping rules join items in, and that curation can veto.

In: the items and the `Curation`. Out: `Groups`, whose `union` puts two items'
groups together unless a curation forbid or split rules it out, and which keeps,
for each item, the rule (and its source) that first placed it.
"""

from __future__ import annotations

import logging

from ..curation import Curation
from ..gazetteer import name_key
from .items import Item, ItemId, refers_to

# One logger for the whole stage, named as it was when the stage was one module.
log = logging.getLogger(__package__)


class Groups:
    """Union-find over items that refuses any union a curation forbid rules out."""

    def __init__(self, items: dict[ItemId, Item], curation: Curation) -> None:
        self._items = items
        self._parent: dict[ItemId, ItemId] = {i: i for i in items}
        self._members: dict[ItemId, list[ItemId]] = {i: [i] for i in items}
        self.rule: dict[ItemId, tuple[str, str]] = {}
        self._forbids = [(f.kind, {name_key(n): n for n in f.names}, curation.where(f.line))
                         for f in curation.forbids]
        # A split tags the node's items: True inside its documents, False outside them.
        self._splits = [({i: items[i].doc_id in set(entry.docs) for i in items
                          if i[0] == entry.kind and refers_to(items[i], entry.node)},
                         curation.where(entry.line)) for entry in curation.splits]

    def find(self, item: ItemId) -> ItemId:
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def union(self, anchor: ItemId, other: ItemId, rule: str, source: str) -> bool:
        """Put `other`'s group into `anchor`'s; False when a forbid refuses it."""
        a, b = self.find(anchor), self.find(other)
        if a == b:
            return True
        blocked = self._forbidden(a, b)
        if blocked:
            log.info("did not merge %s into %s: forbidden by %s", other, anchor, blocked)
            return False
        root, child = min(a, b), max(a, b)
        self._parent[child] = root
        self._members[root].extend(self._members.pop(child))
        self.rule.setdefault(other, (rule, source))
        return True

    def members(self, root: ItemId) -> list[ItemId]:
        return sorted(self._members[root])

    def roots(self) -> list[ItemId]:
        return sorted(self._members)

    def _forbidden(self, a: ItemId, b: ItemId) -> str | None:
        for tags, where in self._splits:
            inside = {tags[i] for i in self._members[a] if i in tags}
            outside = {tags[i] for i in self._members[b] if i in tags}
            if inside and outside and len(inside | outside) > 1:
                return where
        for kind, names, where in self._forbids:
            if kind != a[0]:
                continue
            left = {name_key(self._items[i].label) for i in self._members[a]} & names.keys()
            right = {name_key(self._items[i].label) for i in self._members[b]} & names.keys()
            if left and right and (left | right) != left & right:
                return where
        return None

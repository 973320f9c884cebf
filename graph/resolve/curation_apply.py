"""The curation file's aliases and merges, applied after the rules.

In: the items, their `Groups` and the `Curation`. Out: the groups joined as its
aliases and merges say (each logged with its file and line; an entry that matches
nothing, or that a forbid or split refuses, is a warning), and the extra names
the aliases give each node. Forbids and splits are enforced by `Groups` itself;
labels are applied when nodes are built (nodes.py).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from ..curation import Curation
from .groups import Groups
from .items import Item, ItemId, refers_to

# One logger for the whole stage, named as it was when the stage was one module.
log = logging.getLogger(__package__)


def apply_aliases(items: dict[ItemId, Item], groups: Groups, curation: Curation
                  ) -> dict[ItemId, set[str]]:
    """curation.alias.v1: join each alias to its node; the names each node gains."""
    extra: dict[ItemId, set[str]] = defaultdict(set)
    for alias in curation.aliases:
        where = curation.where(alias.line)
        targets = sorted({groups.find(i) for i, item in items.items()
                          if item.kind == alias.kind and refers_to(item, alias.node)})
        if len(targets) != 1:
            log.warning("%s: alias %r -> %r: %s", where, alias.name, alias.node,
                        "no such node in this corpus" if not targets else "several nodes match")
            continue
        target = targets[0]
        extra[target].add(alias.name)
        for item_id, item in items.items():
            if item.kind == alias.kind and refers_to(item, alias.name):
                if groups.find(item_id) != groups.find(target):
                    groups.rule[item_id] = ("curation.alias.v1", where)
                    if not groups.union(target, item_id, "curation.alias.v1", where):
                        log.warning("%s: alias %r is also forbidden; kept apart", where,
                                    alias.name)
    return extra


def apply_merges(items: dict[ItemId, Item], groups: Groups, curation: Curation) -> None:
    """curation.merge.v1: join the nodes each merge entry names."""
    for entry in curation.merges:
        where = curation.where(entry.line)
        targets = sorted({groups.find(i) for i, item in items.items() if item.kind ==
                          entry.kind and any(refers_to(item, n) for n in entry.names)})
        if len(targets) < 2:
            log.warning("%s: merge %s: %s", where, entry.names,
                        "no such node in this corpus" if not targets else "already one node")
        for target in targets[1:]:
            for member in groups.members(target):
                groups.rule[member] = ("curation.merge.v1", where)
            if not groups.union(targets[0], target, "curation.merge.v1", where):
                log.warning("%s: merge %s is also forbidden or split; kept apart", where,
                            entry.names)

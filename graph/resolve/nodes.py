"""From groups to nodes: keys, labels, the merge log and the rewritten claims.

In: the items, their final `Groups` and the `Curation`. Out: one `Node` per group
(a stable key, the preferred or curated label, every other name), the `Merge`
log (which name in which document became which node, by which rule or data
entry), and each document's facts pointing at node keys; `ResolvedCorpus` holds
them all.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace

from ..curation import Curation
from ..gazetteer import load_gazetteer, name_key
from ..types import DocumentFacts, Entity
from .groups import Groups
from .items import Item, ItemId
from .keys import person_key

# One logger for the whole stage, named as it was when the stage was one module.
log = logging.getLogger(__package__)


@dataclass(frozen=True, slots=True)
class Node:
    """One resolved entity."""

    kind: str
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: a name in a document that became a node, and why."""

    kind: str
    name: str
    key: str
    rule: str
    doc_id: str
    label: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedCorpus:
    """Documents whose claims point at canonical entities, and the entity nodes."""

    documents: tuple[DocumentFacts, ...]
    nodes: tuple[Node, ...]
    merges: tuple[Merge, ...] = ()


def merge_log_text(corpus: ResolvedCorpus) -> str:
    """The merge log as TSV: one row per name, document and node."""
    header = "kind\tname\tdoc\tnode\tlabel\trule\tsource"
    rows = ["\t".join(_cell(v) for v in (m.kind, m.name, m.doc_id, m.key, m.label, m.rule,
                                         m.source)) for m in corpus.merges]
    return "\n".join([header, *rows]) + "\n"


def _cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def build_nodes(items: dict[ItemId, Item], groups: Groups, curation: Curation,
                extra_names: dict[ItemId, set[str]], relabelled: list[Merge]
                ) -> tuple[list[Node], dict[ItemId, str]]:
    """One node per group, and the node key of every item; curated labels go to
    `relabelled` as merge-log lines."""
    gazetteer = load_gazetteer()
    extras: dict[ItemId, set[str]] = defaultdict(set)
    for target, added in extra_names.items():  # a later union may have moved the root
        extras[groups.find(target)] |= added
    drafts: list[tuple[ItemId, str, str, set[str]]] = []
    for root in groups.roots():
        members = [items[m] for m in groups.members(root)]
        kind = root[0]
        names = {n for m in members for n in m.names} | extras.get(root, set())
        if kind == "Country":
            base, label = root[2], gazetteer.countries[root[2]].label \
                if root[2] in gazetteer.countries else members[0].label
        else:
            label = sorted((m.label for m in members),
                           key=lambda s: (-len(s.split()), -len(s), s))[0]
            base = person_key(label) if kind == "Person" else min(m.key for m in members)
        drafts.append((root, base, label, names))
    taken: dict[tuple[str, str], int] = defaultdict(int)
    for root, base, _, _ in drafts:
        taken[(root[0], base)] += 1
    nodes: list[Node] = []
    node_of: dict[ItemId, str] = {}
    used: set[tuple[str, str]] = set()
    for root, base, label, names in drafts:
        kind = root[0]
        key = base if taken[(kind, base)] == 1 else f"{base}#{root[1]}"
        while (kind, key) in used:  # two groups of one document share a base key
            key += "'"
        used.add((kind, key))
        new_label = _relabel(curation, kind, key, label, names)
        if new_label != label:
            where = next(curation.where(e.line) for e in curation.labels if e.label == new_label)
            relabelled.append(Merge(kind, label, key, "curation.label.v1", "", new_label, where))
            label = new_label
        nodes.append(Node(kind, key, label, tuple(sorted(n for n in names if n != label))))
        for member in groups.members(root):
            node_of[member] = key
    nodes.sort(key=lambda n: (n.kind, n.key))
    return nodes, node_of


def _relabel(curation: Curation, kind: str, key: str, label: str, names: set[str]) -> str:
    for entry in curation.labels:
        if entry.kind != kind:
            continue
        wanted = name_key(entry.node)
        if entry.node == key or wanted == name_key(label) or \
                any(name_key(n) == wanted for n in names):
            log.info("%s: %s %s relabelled %r", curation.where(entry.line), kind, key,
                     entry.label)
            names.add(label)
            return entry.label
    return label


def merge_log(items: dict[ItemId, Item], groups: Groups, node_of: dict[ItemId, str],
              nodes: dict[tuple[str, str], Node]) -> tuple[Merge, ...]:
    """One merge-log line per name, document and node, with its rule and source."""
    gazetteer = load_gazetteer()
    merges: set[Merge] = set()
    for item_id, item in items.items():
        key = node_of[item_id]
        node = nodes[(item.kind, key)]
        rule, source = groups.rule.get(item_id, ("key.exact.v1", f"key {item.key}"))
        for name in item.names:
            detail = source
            if item.kind == "Country":
                entry = gazetteer.country(name)
                detail = entry.source if entry and entry.country.iso3 == item.key else source
            elif item.kind == "Organization" and item.key in gazetteer.organizations \
                    and rule == "key.exact.v1":
                detail = gazetteer.organizations[item.key].source
            merges.add(Merge(item.kind, name, key, rule, item.doc_id, node.label, detail))
    return tuple(sorted(merges, key=merge_order))


def merge_order(merge: Merge) -> tuple[str, ...]:
    """The order merge-log lines are written in."""
    return (merge.kind, merge.key, merge.doc_id, merge.name, merge.rule, merge.source)


def rewrite(facts: DocumentFacts, node_of: dict[ItemId, str]) -> DocumentFacts:
    """A document's facts with every entity key replaced by its node's key."""
    def fix(entity: Entity) -> Entity:
        return replace(entity, key=node_of.get((entity.kind, facts.doc_id, entity.key),
                                               entity.key))

    return replace(
        facts,
        entities=tuple(fix(e) for e in facts.entities),
        roles=tuple(replace(r, person=fix(r.person), country=fix(r.country))
                    for r in facts.roles),
        parties=tuple(replace(p, country=fix(p.country), agreement=fix(p.agreement))
                      for p in facts.parties),
        condemnations=tuple(
            replace(c, event=fix(c.event), condemner=fix(c.condemner),
                    agent=fix(c.agent) if c.agent else None)
            for c in facts.condemnations),
    )

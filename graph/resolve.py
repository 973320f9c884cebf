"""Resolve entities across documents: one node per real thing.

In: the `DocumentFacts` of every document. Out: a `ResolvedCorpus` in which
every claim points at canonical entities, with one `Node` per entity (its
preferred label and every other name the corpus used) and a merge log that
says which mention became which node by which rule.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .gazetteer import load_gazetteer
from .types import Condemnation, DocumentFacts, Entity, Party, Role

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Node:
    """One resolved entity."""

    kind: str
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: a name that became a node, and why."""

    kind: str
    name: str
    key: str
    rule: str
    doc_id: str


@dataclass(frozen=True, slots=True)
class ResolvedCorpus:
    """Documents whose claims point at canonical entities, and the entity nodes."""

    documents: tuple[DocumentFacts, ...]
    nodes: tuple[Node, ...]
    merges: tuple[Merge, ...] = ()


def resolve_corpus(documents: Sequence[DocumentFacts]) -> ResolvedCorpus:
    """Merge the entities of all documents; the result is independent of input order."""
    documents = tuple(sorted(documents, key=lambda d: d.doc_id))
    canon: dict[tuple[str, str], str] = {}
    merges: list[Merge] = []
    for facts in documents:
        for entity in _entities(facts):
            key = (entity.kind, entity.key)
            if key not in canon:
                canon[key] = entity.key
            merges.append(Merge(entity.kind, entity.label, canon[key], "key.exact.v1",
                                facts.doc_id))
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for facts in documents:
        for entity in _entities(facts):
            node_key = (entity.kind, canon[(entity.kind, entity.key)])
            labels[node_key].append(entity.label)
            names[node_key].update((entity.label, *entity.aliases))
    nodes = []
    for (kind, key), seen in sorted(labels.items()):
        label = _preferred_label(kind, key, seen)
        aliases = tuple(sorted(n for n in names[(kind, key)] if n and n != label))
        nodes.append(Node(kind, key, label, aliases))
    resolved = tuple(_rewrite(facts, canon) for facts in documents)
    unique_merges = tuple(sorted(set(merges), key=lambda m: (m.kind, m.key, m.name, m.doc_id)))
    return ResolvedCorpus(resolved, tuple(nodes), unique_merges)


def _preferred_label(kind: str, key: str, seen: list[str]) -> str:
    if kind == "Country":
        return load_gazetteer().countries[key].label
    # The fullest name wins (most words, then longest), ties broken alphabetically.
    return sorted(seen, key=lambda s: (-len(s.split()), -len(s), s))[0]


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


def _rewrite(facts: DocumentFacts, canon: dict[tuple[str, str], str]) -> DocumentFacts:
    def fix(entity: Entity) -> Entity:
        return replace(entity, key=canon.get((entity.kind, entity.key), entity.key))

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


__all__ = ["Merge", "Node", "ResolvedCorpus", "resolve_corpus", "Role", "Party", "Condemnation"]

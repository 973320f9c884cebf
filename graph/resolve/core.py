"""resolve_corpus(): the resolution passes in their fixed order, and the rules they apply.

In: the `DocumentFacts` of every document and an optional `Curation`. Out: the
`ResolvedCorpus`. The passes run over items in sorted order: keys and full names
first, then surnames, then the curation file, then nodes are built.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..curation import Curation
from ..types import DocumentFacts
from .by_key import group_by_key
from .curation_apply import apply_aliases, apply_merges
from .groups import Groups
from .items import collect_items
from .nodes import Merge, ResolvedCorpus, build_nodes, merge_log, merge_order, rewrite
from .people import group_surname_peers, group_surnames

# One logger for the whole stage, named as it was when the stage was one module.
log = logging.getLogger(__package__)

RULES: dict[str, str] = {
    "country.iso.v1": "a country is its ISO 3166-1 code, whatever name the text used",
    "key.exact.v1": "organisations, agreements and events with the same key are one node",
    "agreement.parties.v1": "agreements with one key stay apart when their names name other "
                            "parties, or when descriptive titles have disjoint parties or "
                            "other years",
    "event.date.v1": "events with one key stay apart when their stated dates are more than "
                     "a week apart, a report predates the event, or two reports alone are "
                     "more than a month apart",
    "person.full-name.v1": "people with the same normalised full name are one person (case, "
                           "diacritics, middle initials, honorifics, hyphens, name order)",
    "person.surname-office.v1": "a surname-only person joins the one full-named person with "
                                "that surname who holds the same office (title and country)",
    "person.surname-peers.v1": "surname-only people with one surname and office join when "
                               "no full name has them and their documents are within a term",
    "person.surname-only.v1": "a surname-only person with no such match stays apart, "
                              "one node per document",
    "curation.alias.v1": "the curation file says this name is that node",
    "curation.merge.v1": "the curation file says these names are one node",
    "curation.label.v1": "the curation file sets the node's preferred label",
}


def resolve_corpus(documents: Sequence[DocumentFacts], *,
                   curation: Curation | None = None) -> ResolvedCorpus:
    """Merge the entities of all documents; the result is independent of input order."""
    documents = tuple(sorted(documents, key=lambda d: d.doc_id))
    curation = curation or Curation()
    items = collect_items(documents)
    groups = Groups(items, curation)
    group_by_key(items, groups)
    group_surnames(items, groups)
    group_surname_peers(items, groups)
    extra_names = apply_aliases(items, groups, curation)
    apply_merges(items, groups, curation)
    relabelled: list[Merge] = []
    nodes, node_of = build_nodes(items, groups, curation, extra_names, relabelled)
    resolved = tuple(rewrite(facts, node_of) for facts in documents)
    merges = merge_log(items, groups, node_of, {(n.kind, n.key): n for n in nodes})
    merges = tuple(sorted({*merges, *relabelled}, key=merge_order))
    log.info("resolved %d entity mentions into %d nodes", len(items), len(nodes))
    return ResolvedCorpus(resolved, tuple(nodes), merges)

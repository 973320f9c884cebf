"""Resolve entities across documents: one node per real thing.

In: the `DocumentFacts` of every document and an optional `Curation`. Out: a
`ResolvedCorpus` in which every claim points at canonical entities, with one
`Node` per entity (its preferred label and every other name the corpus used)
and a merge log that says which name in which document became which node, by
which rule or data entry.

Each entity seen in a document is an *item* (kind, document, extractor key).
Items are grouped by the rules in `RULES`, applied in a fixed order to items in
sorted order, so the result does not depend on document order, and grouping
reads labels, aliases, offices, parties and dates, and compares keys only for
equality, so resolving a resolved corpus changes nothing.

core.py runs the passes: items.py collects the items, groups.py joins them
(refusing what curation forbids), by_key.py (with agreements.py and events.py)
and people.py apply the rules, curation_apply.py the curation file, and nodes.py
builds the nodes and the merge log; keys.py holds the name and office keys.
"""

from ..gazetteer import name_key
from ..types import Condemnation, Party, Role
from .core import RULES, resolve_corpus
from .events import EVENT_WINDOW_DAYS as EVENT_WINDOW_DAYS
from .events import REPORT_WINDOW_DAYS as REPORT_WINDOW_DAYS
from .items import ItemId as ItemId
from .keys import HONORIFICS as HONORIFICS
from .keys import KOREAN_SURNAMES as KOREAN_SURNAMES
from .keys import SUFFIXES as SUFFIXES
from .keys import office_key as office_key
from .keys import person_key, person_tokens
from .nodes import Merge, Node, ResolvedCorpus, merge_log_text
from .people import TERM_YEARS as TERM_YEARS

__all__ = ["RULES", "Merge", "Node", "ResolvedCorpus", "merge_log_text", "name_key",
           "person_key", "person_tokens", "resolve_corpus", "Role", "Party", "Condemnation"]

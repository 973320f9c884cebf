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
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .curation import Curation
from .gazetteer import data_rows, load_gazetteer, name_key
from .types import Condemnation, DocumentFacts, Entity, Party, Role

log = logging.getLogger(__name__)

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

ItemId = tuple[str, str, str]  # (kind, doc_id, extractor key)

# Titles and honorifics that may lead a name; initials and suffixes are dropped too.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "madame", "prof",
    "professor", "hon", "honorable", "honourable", "rev", "lord", "lady", "excellency",
    "president", "vice", "secretary", "minister", "prime", "foreign", "defense", "defence",
    "deputy", "acting", "former", "ambassador", "general", "gen", "chairman", "chairwoman",
    "chair", "speaker", "senator", "sen", "rep", "representative", "governor", "gov",
    "premier", "chancellor", "king", "queen", "prince", "princess", "sheikh", "elect",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "esq"}
# Korean surnames: "Yoon Suk Yeol" and "Yoon Suk-yeol" are one name (given name joined).
KOREAN_SURNAMES = {
    "kim", "lee", "yi", "rhee", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang",
    "cho", "jo", "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "shin", "kwon",
    "hwang", "ahn", "an", "song", "jeon", "chun", "hong", "yoo", "ko", "moon", "yang", "son",
    "bae", "baek", "heo", "nam", "noh", "roh", "ha", "kwak", "sung", "cha", "joo", "woo", "min",
    "ryu", "na", "jin", "ji", "won", "chae", "bang", "byun", "shim", "koo", "wu", "yu", "hyun",
}
_TITLE_FLAGS = re.compile(r"^(?:former|acting|then|incumbent|current)\s+", re.IGNORECASE)
# Stated dates of one event agree within a week.
EVENT_WINDOW_DAYS = 7
REPORT_WINDOW_DAYS = 31  # two reports of one event, when neither states its date
# Most offices are held four or five years: surname-only mentions further apart in time
# may be successors who share a surname ("President Kim"), so they are not joined.
TERM_YEARS = 5


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


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """The tokens that identify a person's name, in written order.

    "Antony J. Blinken" -> (antony, blinken); "Cho Tae-yul" and "Cho Taeyul" ->
    (cho, taeyul); "Yoon Suk Yeol" -> (yoon, sukyeol); "Mr. Yoon" -> (yoon,).
    """
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"['`]", "", folded)  # O'Brien -> obrien
    folded = re.sub(r"(?<=\w)-(?=\w)", "", folded)  # Tae-yul -> taeyul
    tokens = [t for t in re.split(r"[^\w]+", folded) if t]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens.pop()
    if len(tokens) > 2:  # middle initials, never the last remaining tokens
        kept = [t for t in tokens if len(t) > 1]
        tokens = kept if len(kept) >= 2 else tokens
    if len(tokens) == 3 and tokens[0] in KOREAN_SURNAMES and all(len(t) <= 4 for t in tokens[1:]):
        tokens = [tokens[0], tokens[1] + tokens[2]]
    return tuple(tokens)


def person_key(name: str) -> str:
    """The normalised full name a person merges on ("antony blinken")."""
    return " ".join(person_tokens(name))


def office_key(title: str) -> str:
    """A title compared across documents: case folded, tenure words dropped."""
    return " ".join(_TITLE_FLAGS.sub("", title.strip()).casefold().split())


@dataclass
class _Item:
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


# A kind whose items of one key may still be different things: the rule's name, its
# test of two items, and the signature of an item (all the test reads of it).
_Same = tuple[str, Callable[[_Item, _Item], bool], Callable[[_Item], Hashable]]


def resolve_corpus(documents: Sequence[DocumentFacts], *,
                   curation: Curation | None = None) -> ResolvedCorpus:
    """Merge the entities of all documents; the result is independent of input order."""
    documents = tuple(sorted(documents, key=lambda d: d.doc_id))
    curation = curation or Curation()
    items = _collect_items(documents)
    groups = _Groups(items, curation)
    _group_by_key(items, groups)
    _group_surnames(items, groups)
    _group_surname_peers(items, groups)
    extra_names = _apply_aliases(items, groups, curation)
    _apply_merges(items, groups, curation)
    relabelled: list[Merge] = []
    nodes, node_of = _build_nodes(items, groups, curation, extra_names, relabelled)
    resolved = tuple(_rewrite(facts, node_of) for facts in documents)
    merges = _merge_log(items, groups, node_of, {(n.kind, n.key): n for n in nodes})
    merges = tuple(sorted({*merges, *relabelled}, key=_merge_order))
    log.info("resolved %d entity mentions into %d nodes", len(items), len(nodes))
    return ResolvedCorpus(resolved, tuple(nodes), merges)


def merge_log_text(corpus: ResolvedCorpus) -> str:
    """The merge log as TSV: one row per name, document and node."""
    header = "kind\tname\tdoc\tnode\tlabel\trule\tsource"
    rows = ["\t".join(_cell(v) for v in (m.kind, m.name, m.doc_id, m.key, m.label, m.rule,
                                         m.source)) for m in corpus.merges]
    return "\n".join([header, *rows]) + "\n"


def _cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


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


def _collect_items(documents: Sequence[DocumentFacts]) -> dict[ItemId, _Item]:
    items: dict[ItemId, _Item] = {}
    for facts in documents:
        for entity in _entities(facts):
            item_id = (entity.kind, facts.doc_id, entity.key)
            item = items.setdefault(item_id, _Item(entity.kind, facts.doc_id, entity.key,
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


class _Groups:
    """Union-find over items that refuses any union a curation forbid rules out."""

    def __init__(self, items: dict[ItemId, _Item], curation: Curation) -> None:
        self._items = items
        self._parent: dict[ItemId, ItemId] = {i: i for i in items}
        self._members: dict[ItemId, list[ItemId]] = {i: [i] for i in items}
        self.rule: dict[ItemId, tuple[str, str]] = {}
        self._forbids = [(f.kind, {name_key(n): n for n in f.names}, curation.where(f.line))
                         for f in curation.forbids]
        # A split tags the node's items: True inside its documents, False outside them.
        self._splits = [({i: items[i].doc_id in set(entry.docs) for i in items
                          if i[0] == entry.kind and _refers_to(items[i], entry.node)},
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


def _group_by_key(items: dict[ItemId, _Item], groups: _Groups) -> None:
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


def _cluster(item_id: ItemId, items: dict[ItemId, _Item], groups: _Groups,
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


@lru_cache(maxsize=1)
def _title_openers() -> frozenset[str]:
    rows = data_rows("agreement_heads.tsv") + data_rows("resolve_title_openers.tsv")
    return frozenset(row[0].strip().casefold() for row in rows if row)


@lru_cache(maxsize=4096)
def _title_parts(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The countries an agreement's name names ("U.S.-Japan ...", "between A and B"),
    and its other words in lower case; capitals and demonyms do not count."""
    gazetteer = load_gazetteer()
    words = [w.strip(",;:()\"“”") for w in re.sub(r"(?<=[\w.])[-–/](?=[A-Z])", " ", name).split()]
    countries: set[str] = set()
    rest: list[str] = []
    at = 0
    while at < len(words):
        for size in range(min(4, len(words) - at), 0, -1):
            iso3 = gazetteer.resolve(" ".join(words[at:at + size]), allow_demonym=False)
            if iso3:
                countries.add(iso3)
                at += size
                break
        else:
            rest.append(words[at].casefold())
            at += 1
    return frozenset(countries), tuple(w for w in rest if w)


def _named_parties(item: _Item) -> frozenset[str]:
    return frozenset().union(*(_title_parts(n)[0] for n in item.names))


def _descriptive(item: _Item) -> bool:
    """A title that names an instrument by kind and subject ("Joint Declaration",
    "Memorandum of Understanding on ..."), which many pairs of states sign."""
    words = [w for w in _title_parts(item.label)[1] if w not in {"the", "a", "an"}]
    return bool(words) and words[0] in _title_openers()


def _same_agreement(a: _Item, b: _Item) -> bool:
    """agreement.parties.v1: names that name their parties must name the same ones (or
    name one the other document makes a party); descriptive titles with two or more
    parties each must share one, and must not give different years."""
    named_a, named_b = _named_parties(a), _named_parties(b)
    if named_a and named_b and named_a != named_b:
        return False
    for named, other in ((named_a, b), (named_b, a)):
        if named and other.parties and not named & other.parties:
            return False
    if (named_a or _descriptive(a)) and (named_b or _descriptive(b)):
        if len(a.parties) >= 2 and len(b.parties) >= 2 and not a.parties & b.parties:
            return False
        if a.years and b.years and not a.years & b.years:
            return False
    return True


def _when(value: str | None) -> dt.date | str | None:
    """A date to compare: a full ISO date as a date, a year or month as its text."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return value[:7]


def _apart(x: dt.date | str, y: dt.date | str, window: int) -> bool:
    """Two dates more than `window` days apart (a year or month only: other years)."""
    if isinstance(x, dt.date) and isinstance(y, dt.date):
        return abs((x - y).days) > window
    return str(x)[:4] != str(y)[:4]


def _same_event(a: _Item, b: _Item) -> bool:
    """event.date.v1: stated dates agree within a week; a document's date only bounds
    its event from above (reports follow events), and two documents' dates alone
    must agree within a month. An event with no known date contradicts none."""
    stated_a = [w for w in (_when(d) for d in sorted(a.dates)) if w is not None]
    stated_b = [w for w in (_when(d) for d in sorted(b.dates)) if w is not None]
    doc_a, doc_b = _when(a.doc_date), _when(b.doc_date)
    if stated_a and stated_b:
        return not any(_apart(x, y, EVENT_WINDOW_DAYS) for x in stated_a for y in stated_b)
    if stated_a or stated_b:
        stated, report = (stated_a, doc_b) if stated_a else (stated_b, doc_a)
        if report is None:
            return True
        return not any(_reported_before(x, report) for x in stated)
    if doc_a is None or doc_b is None:
        return True
    return not _apart(doc_a, doc_b, REPORT_WINDOW_DAYS)


def _reported_before(event: dt.date | str, report: dt.date | str) -> bool:
    """A report dated more than a week before the event it would be about."""
    if isinstance(event, dt.date) and isinstance(report, dt.date):
        return (event - report).days > EVENT_WINDOW_DAYS
    return str(event)[:4] > str(report)[:4]


def _agreement_signature(item: _Item) -> Hashable:
    """All that `_same_agreement` reads of an item."""
    return (_named_parties(item), _descriptive(item), frozenset(item.parties),
            frozenset(item.years))


def _event_signature(item: _Item) -> Hashable:
    """All that `_same_event` reads of an item."""
    return frozenset(item.dates), item.doc_date


_SAME: dict[str, _Same] = {
    "Agreement": ("agreement.parties.v1", _same_agreement, _agreement_signature),
    "Event": ("event.date.v1", _same_event, _event_signature),
}


def _group_surnames(items: dict[ItemId, _Item], groups: _Groups) -> None:
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


def _group_surname_peers(items: dict[ItemId, _Item], groups: _Groups) -> None:
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


def _within_term(a: _Item, b: _Item) -> bool:
    years = [int(d[:4]) for d in (a.doc_date, b.doc_date) if d and d[:4].isdigit()]
    return len(years) < 2 or abs(years[0] - years[1]) <= TERM_YEARS


def _full_name_groups(items: dict[ItemId, _Item], groups: _Groups
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


def _refers_to(item: _Item, reference: str) -> bool:
    wanted = name_key(reference)
    return item.key == reference or any(name_key(n) == wanted for n in item.names)


def _apply_aliases(items: dict[ItemId, _Item], groups: _Groups, curation: Curation
                   ) -> dict[ItemId, set[str]]:
    extra: dict[ItemId, set[str]] = defaultdict(set)
    for alias in curation.aliases:
        where = curation.where(alias.line)
        targets = sorted({groups.find(i) for i, item in items.items()
                          if item.kind == alias.kind and _refers_to(item, alias.node)})
        if len(targets) != 1:
            log.warning("%s: alias %r -> %r: %s", where, alias.name, alias.node,
                        "no such node in this corpus" if not targets else "several nodes match")
            continue
        target = targets[0]
        extra[target].add(alias.name)
        for item_id, item in items.items():
            if item.kind == alias.kind and _refers_to(item, alias.name):
                if groups.find(item_id) != groups.find(target):
                    groups.rule[item_id] = ("curation.alias.v1", where)
                    if not groups.union(target, item_id, "curation.alias.v1", where):
                        log.warning("%s: alias %r is also forbidden; kept apart", where,
                                    alias.name)
    return extra


def _apply_merges(items: dict[ItemId, _Item], groups: _Groups, curation: Curation) -> None:
    for entry in curation.merges:
        where = curation.where(entry.line)
        targets = sorted({groups.find(i) for i, item in items.items() if item.kind ==
                          entry.kind and any(_refers_to(item, n) for n in entry.names)})
        if len(targets) < 2:
            log.warning("%s: merge %s: %s", where, entry.names,
                        "no such node in this corpus" if not targets else "already one node")
        for target in targets[1:]:
            for member in groups.members(target):
                groups.rule[member] = ("curation.merge.v1", where)
            if not groups.union(targets[0], target, "curation.merge.v1", where):
                log.warning("%s: merge %s is also forbidden or split; kept apart", where,
                            entry.names)


def _build_nodes(items: dict[ItemId, _Item], groups: _Groups, curation: Curation,
                 extra_names: dict[ItemId, set[str]], relabelled: list[Merge]
                 ) -> tuple[list[Node], dict[ItemId, str]]:
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


def _merge_log(items: dict[ItemId, _Item], groups: _Groups, node_of: dict[ItemId, str],
               nodes: dict[tuple[str, str], Node]) -> tuple[Merge, ...]:
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
    return tuple(sorted(merges, key=_merge_order))


def _merge_order(merge: Merge) -> tuple[str, ...]:
    return (merge.kind, merge.key, merge.doc_id, merge.name, merge.rule, merge.source)


def _rewrite(facts: DocumentFacts, node_of: dict[ItemId, str]) -> DocumentFacts:
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


__all__ = ["RULES", "Merge", "Node", "ResolvedCorpus", "merge_log_text", "name_key",
           "person_key", "person_tokens", "resolve_corpus", "Role", "Party", "Condemnation"]

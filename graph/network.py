"""The network a person explores: entity nodes and labelled relation edges.

In: the RDF graph built by `rdf.build_graph`. Out: a `NetworkData` of plain
records (no pyvis, no I/O): one node per entity (country, person,
organisation, agreement, event) with its class, style, aliases, IRI and size
by degree; one directed edge per relation with its label and evidence (the
sentences, documents and rules it was read from) and its confidence (the
highest `dg:confidence` of its statements; None when unscored). Positions and provenance
nodes are folded into edges, never drawn. `layout_positions` places the nodes
before the page opens, so the browser has no physics to run.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .layout import place_nodes
from .namespace import DG

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How one entity class is drawn, and its legend entry."""

    kind: str
    label: str
    colour: str
    shape: str


@dataclass(frozen=True, slots=True)
class Relation:
    """One kind of edge, for the legend and the relation filter."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class Source:
    """One piece of evidence for an edge: a sentence, its document and the rule."""

    sentence: str
    document: str
    rule: str


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document an edge can be filtered by."""

    id: str
    label: str
    path: str
    date: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """One entity as drawn: `id` is its IRI; `documents` are document IRIs."""

    id: str
    label: str
    kind: str
    colour: str
    shape: str
    size: float
    degree: int
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """One relation as drawn, from `source` to `target` (node IRIs)."""

    id: str
    source: str
    target: str
    relation: str
    label: str
    evidence: tuple[Source, ...]
    documents: tuple[str, ...]
    tenure: str | None = None
    confidence: float | None = None
    position: str | None = None  # an office's dg:Position IRI, folded into the edge


@dataclass(frozen=True, slots=True)
class NetworkData:
    """Everything the page renders, in a stable order."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    legend: tuple[NodeStyle, ...]
    relations: tuple[Relation, ...]
    documents: tuple[DocumentInfo, ...]


# Colours from a colour-blind-aware qualitative palette; shapes differ too, so
# the classes stay apart in greyscale and for readers who cannot tell hues apart.
NODE_STYLES: dict[URIRef, NodeStyle] = {
    DG.Country: NodeStyle("Country", "country", "#1f77b4", "dot"),
    DG.Person: NodeStyle("Person", "person", "#2ca02c", "triangle"),
    DG.Organization: NodeStyle("Organization", "organisation", "#9467bd", "square"),
    DG.Agreement: NodeStyle("Agreement", "agreement", "#ff7f0e", "diamond"),
    DG.Event: NodeStyle("Event", "event", "#d62728", "star"),
}
RELATIONS: dict[URIRef, Relation] = {
    DG.partyTo: Relation("partyTo", "party to", "#e6a15c"),
    DG.holdsPosition: Relation("holdsPosition", "holds office", "#5fa55a"),
    DG.condemnedBy: Relation("condemnedBy", "condemned by", "#c0504d"),
    DG.agent: Relation("agent", "carried out by", "#7f6084"),
}
TENURES = {DG.Incumbent: "current", DG.Acting: "acting", DG.Former: "former",
           DG.Elect: "elect"}
MIN_SIZE, MAX_SIZE = 12.0, 60.0
WEAK_CONFIDENCE = 0.5  # claims below are drawn faint and dashed
_Evidence = tuple[str, tuple[Source, ...], float | None]


def build_network(graph: Graph) -> NetworkData:
    """The entities of `graph` and the relations between them, with evidence."""
    entities = _entity_classes(graph)
    documents = _documents(graph)
    evidence = _evidence_index(graph, documents)
    edges: list[NetworkEdge] = []
    for predicate, relation in RELATIONS.items():
        for subject, obj in graph.subject_objects(predicate):
            if predicate == DG.holdsPosition:
                edge = _office_edge(graph, subject, obj, entities, evidence)
            else:
                edge = _plain_edge(subject, predicate, obj, relation, entities, evidence)
            if edge is not None:
                edges.append(edge)
    edges.sort(key=lambda e: (e.relation, e.source, e.target, e.label, e.id))

    degree: dict[str, int] = defaultdict(int)
    node_documents: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        for end in (edge.source, edge.target):
            degree[end] += 1
            node_documents[end].update(edge.documents)
    nodes = tuple(
        _node(graph, iri, style, degree[str(iri)], node_documents[str(iri)])
        for iri, style in sorted(entities.items())
    )
    cited = {doc for edge in edges for doc in edge.documents}
    return NetworkData(
        nodes=nodes,
        edges=tuple(edges),
        legend=tuple(NODE_STYLES.values()),
        relations=tuple(RELATIONS.values()),
        documents=tuple(d for d in sorted(documents.values(),
                                          key=lambda d: (d.date or "9999", d.label, d.id))
                        if d.id in cited),
    )


def node_size(degree: int) -> float:
    """Drawn size of a node: grows with the square root of its degree, capped."""
    return round(min(MAX_SIZE, MIN_SIZE + 6.0 * math.sqrt(degree)), 2)


def office_label(title: str, tenure: str | None) -> str:
    """The edge label of an office: 'holds office: acting Foreign Minister'."""
    if tenure in ("acting", "former"):
        title = f"{tenure} {title}"
    elif tenure == "elect" and not title.endswith("-elect"):
        title = f"{title}-elect"
    return f"holds office: {title}"


def _entity_classes(graph: Graph) -> dict[URIRef, NodeStyle]:
    entities: dict[URIRef, NodeStyle] = {}
    # A node typed twice keeps the first class in NODE_STYLES order, so the
    # choice does not depend on the graph's iteration order.
    for cls, style in NODE_STYLES.items():
        for iri in graph.subjects(RDF.type, cls):
            if isinstance(iri, URIRef):
                entities.setdefault(iri, style)
    return entities


def _documents(graph: Graph) -> dict[URIRef, DocumentInfo]:
    out: dict[URIRef, DocumentInfo] = {}
    for iri in graph.subjects(RDF.type, DG.Document):
        if not isinstance(iri, URIRef):
            continue
        label = graph.value(iri, RDFS.label)
        path = str(graph.value(iri, DG.sourcePath) or "")
        date = graph.value(iri, DG.datePublished)
        url = graph.value(iri, DG.url)
        # rdf.py labels an untitled document with its id, often a hash name
        # ("003_1d67002243189ff7"): a person reads its web address better.
        title = str(label) if label is not None and not _is_file_name(str(label), path) \
            else None
        name = title or (_short_url(str(url)) if url is not None else None) \
            or str(label or _tail(iri))
        out[iri] = DocumentInfo(str(iri), name, path, str(date) if date is not None else None,
                                str(url) if url is not None else None, title)
    return out


def _is_file_name(label: str, path: str) -> bool:
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return label == stem or bool(re.fullmatch(r"[\w-]*[0-9a-f]{12,}", label))


def _short_url(url: str) -> str:
    """'https://www.state.gov/a/b/' -> 'state.gov/a/b'."""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", url, flags=re.I).rstrip("/")
    return text if len(text) <= 60 else text[:59] + "\u2026"


def _evidence_index(graph: Graph, documents: dict[URIRef, DocumentInfo],
                    ) -> dict[tuple[URIRef, URIRef, URIRef], _Evidence]:
    """(subject, predicate, object) -> (claim IRI, sources, confidence), from the reified
    claims; a claim stated by several statements keeps the highest confidence."""
    index: dict[tuple[URIRef, URIRef, URIRef], _Evidence] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
               graph.value(statement, RDF.object))
        if not all(isinstance(part, URIRef) for part in key):
            continue
        sources = set()
        for mention in graph.objects(statement, PROV.wasDerivedFrom):
            document = graph.value(mention, DG.document)
            if isinstance(document, URIRef) and document not in documents:
                documents[document] = DocumentInfo(str(document), _tail(document), "")
            sources.add(Source(str(graph.value(mention, DG.sentence) or ""),
                               str(document or ""), str(graph.value(mention, DG.rule) or "")))
        score = _confidence(graph.value(statement, DG.confidence))
        if key in index:
            claim, known, best = index[key]
            sources |= set(known)
            score = best if score is None else score if best is None else max(best, score)
            statement = URIRef(min(claim, str(statement)))
        index[key] = (str(statement),  # type: ignore[index]
                      tuple(sorted(sources, key=lambda s: (s.document, s.sentence, s.rule))),
                      score)
    return index


def _confidence(value) -> float | None:
    try:
        return None if value is None else round(float(value), 3)
    except ValueError:
        log.warning("confidence %r is not a number; the claim is shown as unscored", value)
        return None


def _plain_edge(subject, predicate: URIRef, obj, relation: Relation,
                entities: dict[URIRef, NodeStyle], evidence) -> NetworkEdge | None:
    if subject not in entities or obj not in entities:
        log.debug("not drawn: %s %s %s (an end is not an entity)", subject, predicate, obj)
        return None
    claim, sources, score = evidence.get((subject, predicate, obj),
                                         (f"{subject} {predicate} {obj}", (), None))
    return NetworkEdge(claim, str(subject), str(obj), relation.key, relation.label, sources,
                       _documents_of(sources), confidence=score)


def _office_edge(graph: Graph, person, position, entities: dict[URIRef, NodeStyle],
                 evidence) -> NetworkEdge | None:
    # The position node is an n-ary relation; it is drawn as a person -> country
    # edge whose label carries the title and the tenure.
    country = graph.value(position, DG.country)
    if person not in entities or country not in entities:
        log.debug("office not drawn: %s %s (no entity at an end)", person, position)
        return None
    title = str(graph.value(position, DG.title) or graph.value(position, RDFS.label) or "")
    tenure = TENURES.get(graph.value(position, DG.tenure))
    claim, sources, score = evidence.get((person, DG.holdsPosition, position),
                                         (f"{person} {DG.holdsPosition} {position}", (), None))
    return NetworkEdge(claim, str(person), str(country), "holdsPosition",
                       office_label(title, tenure), sources, _documents_of(sources),
                       tenure or "current", score, str(position))


def _node(graph: Graph, iri: URIRef, style: NodeStyle, degree: int,
          documents: Iterable[str]) -> NetworkNode:
    label = str(graph.value(iri, RDFS.label) or _tail(iri))
    aliases = tuple(sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)} - {label}))
    return NetworkNode(str(iri), label, style.kind, style.colour, style.shape,
                       node_size(degree), degree, aliases, tuple(sorted(documents)))


def _documents_of(sources: Iterable[Source]) -> tuple[str, ...]:
    return tuple(sorted({s.document for s in sources if s.document}))


def _tail(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def layout_positions(network: NetworkData, *, spacing: float = 170.0,
                     seed: int = 7) -> dict[str, tuple[float, float]]:
    """Canvas positions (pixels) of every node, deterministic for a given network.

    The geometry is `layout.place_nodes`: components laid out on their own and
    packed in rows, largest first, so unrelated clusters do not overlap.
    """
    return place_nodes((node.id for node in network.nodes),
                       ((e.source, e.target) for e in network.edges),
                       spacing=spacing, seed=seed)

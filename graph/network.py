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


# ---------------------------------------------------------------- layout

SMALL_COMPONENT = 400  # networkx's spring layout is exact and quick below this


def layout_positions(network: NetworkData, *, spacing: float = 170.0,
                     seed: int = 7) -> dict[str, tuple[float, float]]:
    """Canvas positions (pixels) of every node, deterministic for a given network.

    Each connected component is laid out on its own (networkx's spring layout
    for small ones, a grid-approximated force layout for large ones, since
    networkx needs scipy beyond 500 nodes and its dense solver takes ~50 s on
    5,000), then the components are packed in rows, largest first, so
    unrelated clusters do not overlap.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in network.nodes)
    graph.add_edges_from((e.source, e.target) for e in network.edges if e.source != e.target)
    components = sorted((sorted(c) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), c[0]))
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for members in components:
        if len(members) == 1:
            boxes.append((spacing * 0.45, {members[0]: (0.0, 0.0)}))
            continue
        unit = _component_layout(graph.subgraph(members), members, seed)
        side = spacing * 1.25 * math.sqrt(len(members))
        if len(members) < SMALL_COMPONENT:
            # Spring layouts can put two nodes almost on top of each other; push
            # such pairs apart until labels have room.
            unit = _separate(unit, 0.7 * spacing / (side / 2))
            extent = max(1.0, max(max(abs(x), abs(y)) for x, y in unit.values()))
            side *= extent
            unit = {n: (x / extent, y / extent) for n, (x, y) in unit.items()}
        boxes.append((side, {n: (x * side / 2, y * side / 2) for n, (x, y) in unit.items()}))
    return _pack(boxes, spacing * 0.5)


def _separate(unit: dict[str, tuple[float, float]], gap: float,
              rounds: int = 50) -> dict[str, tuple[float, float]]:
    """Move apart every pair of points closer than `gap` (O(n^2) per round: small n only).

    The result may reach beyond [-1, 1]; the caller grows the component's box to fit.
    """
    import numpy as np

    names = list(unit)
    pos = np.array([unit[n] for n in names], dtype=float)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(gap - dist, 0.0, None)
        if not overlap.any():
            break
        push = (delta / np.maximum(dist, 1e-9)[:, :, None]) * (overlap / 2)[:, :, None]
        pos += push.sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, pos, strict=True)}


def _component_layout(graph, members: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Positions within [-1, 1] for one connected component."""
    import networkx as nx

    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if len(members) == 2:
        return {members[0]: (-0.7, 0.0), members[1]: (0.7, 0.0)}
    if len(members) < SMALL_COMPONENT:
        ordered = nx.Graph()
        ordered.add_nodes_from(members)
        ordered.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges()))
        pos = nx.spring_layout(ordered, seed=seed)
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    index = {n: i for i, n in enumerate(members)}
    edges = sorted((index[a], index[b]) for a, b in graph.edges())
    return dict(zip(members, _grid_force_layout(len(members), edges, seed), strict=True))


def _grid_force_layout(n: int, edges: list[tuple[int, int]], seed: int,
                       iterations: int = 60, cells: int = 16) -> list[tuple[float, float]]:
    """Fruchterman-Reingold with repulsion from grid-cell centroids (O(n * cells^2)).

    Exact repulsion is O(n^2) per step; summing it per cell of a grid instead
    keeps 5,000 nodes to a few seconds while still spreading clusters apart.
    Nodes that share a cell barely push each other, so a last pass fans out
    any that ended up on top of one another.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)).astype(np.float32)
    src = np.array([a for a, _ in edges], dtype=np.intp)
    dst = np.array([b for _, b in edges], dtype=np.intp)
    k = math.sqrt(4.0 / n)
    step = 0.1
    for _ in range(iterations):
        low, high = pos.min(axis=0), pos.max(axis=0)
        extent = np.maximum(high - low, 1e-9)
        cell = np.minimum(((pos - low) / extent * cells).astype(np.intp), cells - 1)
        flat = cell[:, 0] * cells + cell[:, 1]
        mass = np.bincount(flat, minlength=cells * cells).astype(float)
        sums = np.stack([np.bincount(flat, weights=pos[:, d], minlength=cells * cells)
                         for d in (0, 1)], axis=1)
        used = mass > 0
        centres, weights = sums[used] / mass[used, None], mass[used]
        delta = pos[:, None, :] - centres[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(axis=2), (k * 0.05) ** 2)
        disp = (delta * (k * k * weights / dist2)[:, :, None]).sum(axis=1)
        if len(src):
            pull = pos[src] - pos[dst]
            length = np.maximum(np.sqrt((pull ** 2).sum(axis=1)), 1e-9)
            force = pull * (length / k)[:, None]
            np.subtract.at(disp, src, force)
            np.add.at(disp, dst, force)
        size = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, step)[:, None]
        step = max(step * 0.95, 0.005)
    _fan_out(pos, k * 0.5)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return [(float(x), float(y)) for x, y in pos]


def _fan_out(pos, radius: float) -> None:
    """Move nodes that share a cell of side `radius` onto a small circle, in place."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(pos.tolist()):
        groups[(math.floor(x / radius), math.floor(y / radius))].append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        cx, cy = pos[members].mean(axis=0).tolist()
        ring = radius * (0.4 + 0.1 * math.sqrt(len(members)))
        for j, i in enumerate(members):
            angle = 2 * math.pi * j / len(members)
            pos[i] = (cx + ring * math.cos(angle), cy + ring * math.sin(angle))


def _pack(boxes: list[tuple[float, dict[str, tuple[float, float]]]],
          gap: float) -> dict[str, tuple[float, float]]:
    """Place square boxes in rows of about equal width; the result is centred on 0."""
    if not boxes:
        return {}
    width = max(max(side for side, _ in boxes),
                math.sqrt(sum((side + gap) ** 2 for side, _ in boxes)))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for side, pos in boxes:
        if x > 0 and x + side > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node, (px, py) in pos.items():
            out[node] = (cx + px, cy + py)
        x += side + gap
        row_height = max(row_height, side)
    xs, ys = [p[0] for p in out.values()], [p[1] for p in out.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {node: (round(px - mx, 1), round(py - my, 1)) for node, (px, py) in out.items()}

"""Write the entity graph as GraphML, for Gephi, Gephi Lite (graphology), Cytoscape and yEd.

In: an rdflib `Graph` built by `rdf.build_graph`. Out: `graph.graphml`, a
directed multigraph of the entities a person explores, as `network.build_network`
reads them: countries, people, organisations, agreements and events are nodes;
claims are edges. The provenance plumbing (claim, mention and document nodes) is
folded into edge attributes, and positions into the holds-office edge (its
`role`, `tenure` and `asOf` date), as `neo4j.py` does. The full RDF stays in the
RDF formats.

Every attribute is typed (GraphML `attr.type`), so the tools sort and filter
numbers as numbers:

- node: `type` (Country, Person, ...), `label`, `iri`, `aliases`, `degree` (int),
  and `x`/`y` (double), the layout the HTML view draws (`layout_positions`,
  fixed seed), so Gephi opens on the same picture;
- edge: a unique `id`, `label` (as drawn: "holds office: acting Foreign
  Minister"), `relation` (partyTo, holdsPosition, ...), `year` (int: the
  agreement's signing year, the office's as-of date, the event's date),
  `confidence` (double), `evidenceCount` (int), `evidence` (the first evidence
  sentence), `documents` (document IRIs joined by `VALUE_SEPARATOR`), `claim`
  (the claim's `rdf:Statement` IRI). An attribute with no value on an edge is
  left out there (GraphML has no null).
"""

from __future__ import annotations

import logging
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .atomic import write_atomic
from .namespace import DG
from .network import NetworkData, NetworkEdge, build_network, layout_positions

log = logging.getLogger(__name__)

VALUE_SEPARATOR = " | "
"""Joins the values of an attribute that has several (aliases, documents)."""

# Python types per attribute: networkx writes attr.type from them (int -> int,
# float -> double, str -> string); a key must keep one type on every element.
NODE_TYPES = {"type": str, "label": str, "iri": str, "aliases": str, "degree": int,
              "x": float, "y": float}
EDGE_TYPES = {"label": str, "relation": str, "claim": str, "year": int, "confidence": float,
              "evidenceCount": int, "evidence": str, "documents": str, "role": str,
              "tenure": str, "asOf": str}


def entity_network(graph: Graph):
    """The entity graph of `graph` as a networkx `MultiDiGraph` (see the module docstring)."""
    import networkx as nx

    network = build_network(graph)
    positions = layout_positions(network)
    out = nx.MultiDiGraph()
    for node in network.nodes:
        x, y = positions[node.id]
        attributes = {"type": node.kind, "label": node.label, "iri": node.id,
                      "degree": node.degree, "x": float(x), "y": float(y)}
        if node.aliases:
            attributes["aliases"] = VALUE_SEPARATOR.join(node.aliases)
        out.add_node(node.id, **attributes)
    for key, edge in _unique_ids(network):
        out.add_edge(edge.source, edge.target, key=key, **_edge_attributes(graph, edge))
    return out


def write_graphml(graph: Graph, path: Path) -> Path:
    """Write the entity graph of `graph` (see `entity_network`) as GraphML to `path`."""
    import networkx as nx

    network = entity_network(graph)
    log.info("GraphML: %d entities, %d claims", network.number_of_nodes(),
             network.number_of_edges())
    return write_atomic(path, lambda tmp: nx.write_graphml(
        _int32(network), str(tmp), encoding="utf-8"))


def _int32(network):
    """A copy whose whole numbers are numpy int32, which networkx writes as `attr.type="int"`.

    networkx writes a Python int as `long`; years, degrees and counts fit in an
    int, the type Gephi, yEd and Cytoscape map to an integer column, and networkx
    reads `int` back as a Python int.
    """
    import numpy as np

    copy = network.copy()
    for data in [d for _, d in copy.nodes(data=True)] + [d for *_, d in
                                                         copy.edges(keys=True, data=True)]:
        for name, value in data.items():
            if isinstance(value, int) and not isinstance(value, bool):
                data[name] = np.int32(value)
    return copy


def _unique_ids(network: NetworkData) -> list[tuple[str, NetworkEdge]]:
    """Each edge with an id no other edge has (graphology merges edges that share one)."""
    seen: dict[str, int] = {}
    out = []
    for edge in network.edges:
        count = seen.get(edge.id, 0)
        seen[edge.id] = count + 1
        out.append((edge.id if count == 0 else f"{edge.id}#{count + 1}", edge))
    return out


def _edge_attributes(graph: Graph, edge: NetworkEdge) -> dict[str, object]:
    attributes: dict[str, object] = {
        "label": edge.label, "relation": edge.relation, "claim": edge.id,
        "evidenceCount": len(edge.evidence),
    }
    if edge.confidence is not None:
        attributes["confidence"] = float(edge.confidence)
    if edge.evidence:
        attributes["evidence"] = edge.evidence[0].sentence
    if edge.documents:
        attributes["documents"] = VALUE_SEPARATOR.join(edge.documents)
    year: int | None = None
    if edge.relation == "holdsPosition" and edge.position is not None:
        position = URIRef(edge.position)
        attributes["role"] = str(graph.value(position, DG.title) or "")
        attributes["tenure"] = edge.tenure or "current"
        as_of = _first(graph, position, DG.attestedOn)
        if as_of is not None:
            attributes["asOf"] = as_of
            year = _year(as_of)
    elif edge.relation == "partyTo":
        year = _year(_first(graph, URIRef(edge.target), DG.yearSigned))
    elif edge.relation in ("condemnedBy", "agent"):
        year = _year(_first(graph, URIRef(edge.source), DG.eventDate))
    if year is not None:
        attributes["year"] = year
    return attributes


def _first(graph: Graph, node: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _year(text: str | None) -> int | None:
    """2023 from '2023', '2023-04-26' or '-0044'; None from no date or a malformed one."""
    if not text:
        return None
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    head = digits.split("-", 1)[0]
    if not head.isdigit():
        log.warning("GraphML: %r is not a date; the edge has no year", text)
        return None
    return int(sign + head)

"""Write the graph to disk: Turtle and other RDF formats, atomically.

In: an rdflib `Graph` and a folder. Out: files in that folder (graph.ttl,
graph.nt, graph.nq, graph.trig, graph.jsonld, graph.graphml, graph.html).
Every file is written to a temporary file beside its target and renamed into
place, so a failed build never leaves half a file. Every format is
deterministic: where a library does not sort, this module does.

N-Quads and TriG carry one named graph per source document (named by the
document's IRI) plus one shared graph of entity descriptions; see
`document_graphs` for which triple goes where.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from .atomic import write_atomic, write_text_atomic
from .errors import ConfigError
from .namespace import DG, ID, WD

log = logging.getLogger(__name__)

SHARED_GRAPH = ID["graph/shared"]
"""The named graph of what no single document owns: entities, years, event dates."""

FILE_NAMES = {
    "turtle": "graph.ttl",
    "html": "graph.html",
    "nt": "graph.nt",
    "nquads": "graph.nq",
    "trig": "graph.trig",
    "jsonld": "graph.jsonld",
    "graphml": "graph.graphml",
    "neo4j": "graph.neo4j.zip",
}
DEFAULT_FORMATS = ("turtle", "html")

JSONLD_CONTEXT = {
    "@vocab": str(DG),
    "dg": str(DG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "owl": str(OWL),
    "xsd": str(XSD),
    "wd": str(WD),
}

Triple = tuple[Node, Node, Node]


class ExportFormatError(ConfigError):
    """An export format name that diplograph does not write."""

    code = "E220"


def turtle_text(graph: Graph) -> str:
    """The graph as Turtle, written by Oxigraph (a 1M-triple graph in seconds, where
    rdflib's writer takes half a minute).

    Subjects, then predicates (`rdf:type` first), then objects are in code-point order,
    and only the prefixes the graph uses are declared, so the text is the same for the
    same graph whatever order its triples were added in.
    """
    import pyoxigraph as ox

    triples, used = _ordered_triples(graph)
    prefixes = {prefix: str(namespace) for prefix, namespace in sorted(graph.namespaces())
                if prefix and str(namespace) in used}
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
            or b"").decode("utf-8")
    # Oxigraph declares the prefixes in an order of its own: sort them, then a blank line.
    lines = text.split("\n")
    head = 0
    while head < len(lines) and lines[head].startswith("@prefix "):
        head += 1
    return "\n".join([*sorted(lines[:head]), "", *lines[head:]])


def _ordered_triples(graph: Graph) -> tuple[list[Any], set[str]]:
    """The graph's triples as Oxigraph terms in a fixed order, and the namespaces of the
    IRIs in them (the prefixes Turtle may use)."""
    import pyoxigraph as ox

    # Terms are looked up by their plain text: hashing rdflib terms runs Python code,
    # which costs seconds at a million triples.
    iris: dict[str, Any] = {}
    literals: dict[tuple[str, str, str], Any] = {}
    blanks: dict[str, Any] = {}

    def term(node: Node) -> tuple[str, Any]:
        text = str(node)
        if isinstance(node, URIRef):
            found = iris.get(text)
            if found is None:
                found = iris[text] = ox.NamedNode(text)
            return text, found
        if isinstance(node, Literal):
            datatype = "" if node.language else str(node.datatype or XSD.string)
            key = (text, datatype, node.language or "")
            found = literals.get(key)
            if found is None:
                found = literals[key] = ox.Literal(text, language=node.language) \
                    if node.language else ox.Literal(text, datatype=term(URIRef(datatype))[1])
            return f"\x01{text}\x00{datatype}\x00{node.language or ''}", found
        found = blanks.get(text)
        if found is None:
            found = blanks[text] = ox.BlankNode(text)
        return f"\x02{text}", found

    rows = []
    for s, p, o in graph:
        (s_key, s_term), (p_key, p_term), (o_key, o_term) = \
            term(s), term(p), term(o)
        rank = "0" if p_key == _RDF_TYPE else "1"
        rows.append((f"{s_key}\x00{rank}{p_key}\x00{o_key}", s_term, p_term, o_term))
    rows.sort(key=lambda row: row[0])
    used = {iri.rsplit("#", 1)[0] + "#" if "#" in iri else iri.rsplit("/", 1)[0] + "/"
            for iri in iris}
    return [ox.Triple(s, p, o) for _, s, p, o in rows], used


_RDF_TYPE = str(RDF.type)


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write `graph` as Turtle to `path`."""
    return write_text_atomic(path, turtle_text(graph))


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The requested export formats, validated, without repeats, in the order given.

    Raises:
        ExportFormatError: a name is not one of `FILE_NAMES`.
    """
    chosen: list[str] = []
    for name in formats:
        if name not in FILE_NAMES:
            raise ExportFormatError(
                f"--format {name!r} is not an export format; "
                f"choose from {', '.join(FILE_NAMES)}")
        if name not in chosen:
            chosen.append(name)
    return tuple(chosen)


def write_exports(graph: Graph, out: Path, formats: Sequence[str] = DEFAULT_FORMATS
                  ) -> list[Path]:
    """Write `graph` into the folder `out` in each of `formats`; return the paths."""
    writers: dict[str, Callable[[Graph], str]] = {
        "turtle": turtle_text, "nt": ntriples_text, "nquads": nquads_text,
        "trig": trig_text, "jsonld": jsonld_text,
    }
    paths = []
    for name in check_formats(formats):
        path = out / FILE_NAMES[name]
        if name == "html":
            from .html import write_html

            paths.append(write_html(graph, path))
        elif name == "graphml":
            paths.append(write_graphml(graph, path))
        elif name == "neo4j":
            from .neo4j import write_neo4j

            paths.append(write_neo4j(graph, path))
        else:
            paths.append(write_text_atomic(path, writers[name](graph)))
    return paths


# ---------------------------------------------------------------- named graphs

def document_graphs(graph: Graph) -> dict[URIRef, Graph]:
    """Split `graph` into one named graph per source document plus `SHARED_GRAPH`.

    A document's graph holds what exists because that document said it, so a
    store can drop or replace the document's claims by replacing one graph:
    the document's own description; its mentions; for every claim it supports,
    the claim triple, the `rdf:Statement` and the statement's link to this
    document's mentions; and the position node a `dg:holdsPosition` claim
    points at. A claim several documents support is in each of their graphs.
    Everything else (entity labels, ISO codes, signing years, event dates,
    which are facts about the corpus as a whole) is in the shared graph.

    Returns:
        Graph name -> graph, names in sorted order; the union is `graph`.
    """
    homes: dict[Triple, set[URIRef]] = defaultdict(set)
    mention_doc: dict[Node, URIRef] = {
        mention: doc for mention, doc in graph.subject_objects(DG.document)
        if isinstance(doc, URIRef)}
    for doc in graph.subjects(RDF.type, DG.Document):
        if isinstance(doc, URIRef):
            for triple in graph.triples((doc, None, None)):
                homes[triple].add(doc)
    for mention, doc in mention_doc.items():
        for triple in graph.triples((mention, None, None)):
            homes[triple].add(doc)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        docs = {mention_doc[m] for m in graph.objects(statement, PROV.wasDerivedFrom)
                if m in mention_doc}
        if not docs:
            continue
        for triple in graph.triples((statement, None, None)):
            if triple[1] == PROV.wasDerivedFrom and triple[2] in mention_doc:
                homes[triple].add(mention_doc[triple[2]])
            else:
                homes[triple] |= docs
        claim = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                 graph.value(statement, RDF.object))
        if claim in graph:
            homes[claim] |= docs  # type: ignore[index]
        if claim[1] == DG.holdsPosition:
            for triple in graph.triples((claim[2], None, None)):
                homes[triple] |= docs
    parts: dict[URIRef, Graph] = defaultdict(_graph_like(graph))
    for triple in graph:
        for name in homes.get(triple) or (SHARED_GRAPH,):
            parts[name].add(triple)
    return {name: parts[name] for name in sorted(parts)}


def to_dataset(graph: Graph) -> Dataset:
    """An rdflib `Dataset` of `document_graphs(graph)`, nothing in the default graph."""
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    for name, part in document_graphs(graph).items():
        named = dataset.graph(name)
        for triple in part:
            named.add(triple)
    return dataset


def _graph_like(graph: Graph) -> Callable[[], Graph]:
    def make() -> Graph:
        part = Graph(bind_namespaces="core")
        for prefix, namespace in graph.namespaces():
            part.bind(prefix, namespace, override=True)
        return part
    return make


# ---------------------------------------------------------------- line formats

def ntriples_text(graph: Graph) -> str:
    """The graph as N-Triples (written by Oxigraph), lines sorted."""
    import pyoxigraph as ox

    triples, _ = _ordered_triples(graph)
    return _sorted_lines((ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                          or b"").decode("utf-8"))


def nquads_text(graph: Graph) -> str:
    """The graph as N-Quads with one named graph per document, lines sorted."""
    return _sorted_lines(to_dataset(graph).serialize(format="nquads"))


def _sorted_lines(text: str) -> str:
    # Each N-Triples / N-Quads line is a whole statement (newlines in literals
    # are escaped), so sorting lines is safe and makes the file deterministic.
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(f"{line}\n" for line in lines)


def trig_text(graph: Graph) -> str:
    """The graph as TriG: one `GRAPH` block per document, blocks sorted by name.

    rdflib's TriG writer orders graphs as its store happens to, so each block
    is written here from the (sorted) Turtle of that graph.
    """
    prefixes: set[str] = set()
    blocks = []
    for name, part in document_graphs(graph).items():
        body: list[str] = []
        for line in turtle_text(part).splitlines():
            if line.startswith(("@prefix", "PREFIX")):
                prefixes.add(line)
            elif line.strip() or body:
                body.append(f"    {line}" if line.strip() else "")
        while body and not body[-1]:
            body.pop()
        blocks.append(f"<{name}> {{\n" + "\n".join(body) + "\n}\n")
    return "".join(f"{line}\n" for line in sorted(prefixes)) + "\n" + "\n".join(blocks)


# ---------------------------------------------------------------- JSON-LD

def _json_id(node: object) -> str:
    return str(node.get("@id", "")) if isinstance(node, dict) else ""


def jsonld_text(graph: Graph) -> str:
    """The graph as compact JSON-LD with `JSONLD_CONTEXT`, node objects sorted by `@id`."""
    raw = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT))
    context = raw.pop("@context", JSONLD_CONTEXT)
    nodes = raw.pop("@graph", [raw] if raw else [])
    document = {"@context": context,
                "@graph": sorted((_sort_json(node) for node in nodes),
                                 key=_json_id)}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sort_json(value: object) -> object:
    # JSON-LD arrays of property values are unordered sets (no @list is
    # written), so sorting them changes nothing but the bytes.
    if isinstance(value, dict):
        return {key: _sort_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sort_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True,
                                                         ensure_ascii=False))
    return value


# ---------------------------------------------------------------- GraphML

VALUE_SEPARATOR = " | "
"""Joins the values of a node attribute that has several (aliases, dates)."""


def to_networkx(graph: Graph):
    """The graph as a networkx `MultiDiGraph` for Gephi, Cytoscape or Neo4j.

    Nodes are the IRIs the graph describes (every subject). A triple whose
    object is also a node becomes an edge keyed by the predicate's prefixed
    name (with the full IRI in `predicate`); any other triple becomes a node
    attribute named by the prefixed predicate (`rdfs:label` is `label`, the
    name those tools display), valued by the literal's lexical form or the
    IRI's prefixed name, several values sorted and joined by `VALUE_SEPARATOR`.
    Datatypes and language tags are RDF's: use N-Quads for a lossless copy.
    """
    import networkx as nx

    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str)
    nodes = set(subjects)
    attributes: dict[Node, dict[str, list[str]]] = {s: defaultdict(list) for s in subjects}
    edges: list[tuple[str, str, str, str]] = []
    for s, p, o in graph:
        if s not in nodes:
            continue
        key = graphml_key(graph, p)
        if o in nodes:
            edges.append((str(s), str(o), key, str(p)))
        else:
            attributes[s][key].append(graphml_value(graph, o))
    # A claim's edge carries its confidence (stated on its rdf:Statement) as a number.
    confidence: dict[tuple[str, str, str], float] = {}
    for statement, value in graph.subject_objects(DG.confidence):
        triple = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                  graph.value(statement, RDF.object))
        confidence[(str(triple[0]), str(triple[1]), str(triple[2]))] = float(str(value))
    network = nx.MultiDiGraph()
    for subject in subjects:
        values = attributes[subject]
        network.add_node(str(subject), **{key: VALUE_SEPARATOR.join(sorted(values[key]))
                                          for key in sorted(values)})
    for number, (source, target, key, predicate) in enumerate(sorted(edges)):
        extra = {"confidence": confidence[(source, predicate, target)]} \
            if (source, predicate, target) in confidence else {}
        # Edge ids must be unique (graphology, Gephi Lite): a number; the relation is
        # the edge's label.
        network.add_edge(source, target, key=f"e{number}", label=key, relation=key,
                         predicate=predicate, **extra)
    return network


def graphml_key(graph: Graph, predicate: Node) -> str:
    """The attribute or edge key a predicate gets in GraphML."""
    if predicate == RDFS.label:
        return "label"
    return _short(graph, predicate)


def graphml_value(graph: Graph, term: Node) -> str:
    """The text a non-node object gets as a GraphML attribute value."""
    return str(term) if isinstance(term, Literal) else _short(graph, term)


def _short(graph: Graph, term: Node) -> str:
    if not isinstance(term, URIRef):
        return str(term)
    try:
        prefix, _, local = graph.namespace_manager.compute_qname(term, generate=False)
    except (KeyError, ValueError):
        return str(term)
    return f"{prefix}:{local}"


def write_graphml(graph: Graph, path: Path) -> Path:
    """Write `graph` as GraphML (see `to_networkx`) to `path`."""
    import networkx as nx

    network = to_networkx(graph)
    return write_atomic(path, lambda tmp: nx.write_graphml(network, str(tmp),
                                                           encoding="utf-8"))

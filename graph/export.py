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

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from .atomic import write_text_atomic
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
    rdflib's writer takes most of a minute).

    Subjects, then predicates (`rdf:type` first), then objects are in code-point order
    of their N-Triples text, and only the prefixes the graph uses are declared, so the
    text is the same for the same graph whatever order its triples were added in.
    """
    import pyoxigraph as ox

    lines, used = _ntriples_lines(graph, type_first=True)
    prefixes = {prefix: str(namespace) for prefix, namespace in sorted(graph.namespaces())
                if prefix and str(namespace) in used}
    # Oxigraph parses the sorted lines and writes them as Turtle in that order, in bulk.
    triples = ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
            or b"").decode("utf-8")
    # Oxigraph declares the prefixes in an order of its own: sort them, then a blank line.
    head_end = 0
    while text.startswith("@prefix ", head_end):
        head_end = text.index("\n", head_end) + 1
    head = sorted(text[:head_end].splitlines())
    return "".join(f"{line}\n" for line in head) + "\n" + text[head_end:]


def _ntriples_lines(graph: Graph, *, type_first: bool = False
                    ) -> tuple[list[str], set[str]]:
    """The graph's triples as sorted, distinct N-Triples lines, and the namespaces of
    the IRIs in them (the prefixes Turtle may use).

    With `type_first`, an `rdf:type` line is written with a tab after its subject
    (N-Triples allows any blank there), which sorts it before the subject's other
    lines while the lines of one subject stay together.
    """
    # The IRIs are collected as plain text: rdflib terms compare in Python, and at a
    # million triples every dictionary lookup keyed by them costs. Reading the store
    # directly skips a generator layer of `Graph.triples`.
    iris: set[str] = set()
    lines = []
    for (s, p, o), _ in graph.store.triples((None, None, None), context=graph):
        s_text = f"<{s}>" if type(s) is URIRef else _term_text(s)
        p_text = f"<{p}>"
        if type(o) is URIRef:
            o_text = f"<{o}>"
            iris.add(o_text)
        else:
            o_text = _term_text(o)
            if isinstance(o, Literal) and o.datatype is not None:
                iris.add(f"<{o.datatype}>")
        iris.add(s_text)
        iris.add(p_text)
        gap = "\t" if type_first and p_text == _RDF_TYPE else " "
        lines.append(f"{s_text}{gap}{p_text} {o_text} .\n")
    # A prefix is declared only for the namespace an IRI sits directly in, so an IRI
    # under `id:` is written whole rather than as `id:country\/fra`.
    used = {iri[1:].rsplit("#", 1)[0] + "#" if "#" in iri else iri[1:].rsplit("/", 1)[0] + "/"
            for iri in iris if iri.startswith("<")}
    return sorted(set(lines)), used


_RDF_TYPE = f"<{RDF.type}>"


def _term_text(node: Node) -> str:
    """One rdflib term as N-Triples text (Oxigraph checks it when it reads the lines)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node)
        # Most literals need no escape; JSON's string escapes (\" \\ \n \r \t \b \f
        # \uXXXX) are all N-Triples escapes for the others.
        quoted = f'"{text}"' if text.isprintable() and '"' not in text and "\\" not in text \
            else json.dumps(text, ensure_ascii=False)
        if node.language:
            return f"{quoted}@{node.language}"
        if node.datatype is None or node.datatype == XSD.string:
            return quoted
        return f"{quoted}^^<{node.datatype}>"
    return f"_:{node}"


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
            from .graphml import write_graphml as write_entity_graphml

            paths.append(write_entity_graphml(graph, path))
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

    data = "".join(_ntriples_lines(graph)[0]).encode("utf-8")
    # Oxigraph reads the lines back (so a bad IRI fails here, not in a store) and writes
    # them in its canonical form, in the same order.
    return (ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES),
                         format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


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

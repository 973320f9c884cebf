"""The interactive HTML network (pyvis / vis-network), usable offline.

In: the RDF graph. Out: an HTML page. (First version: entities and the
relations between them; to be extended.)
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from .export import write_atomic
from .namespace import DG

ENTITY_CLASSES = {DG.Country: "#1f77b4", DG.Person: "#2ca02c", DG.Organization: "#9467bd",
                  DG.Agreement: "#ff7f0e", DG.Event: "#d62728"}


def write_html(graph: Graph, path: Path) -> Path:
    """Write an offline pyvis page of the graph's entities to `path`."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for cls, colour in sorted(ENTITY_CLASSES.items()):
        for node in sorted(graph.subjects(RDF.type, cls)):
            net.add_node(str(node), label=str(graph.value(node, RDFS.label) or node),
                         color=colour, title=str(node))
    nodes = set(net.get_nodes())
    for s, p, o in sorted(graph.triples((None, None, None))):
        if str(s) in nodes and str(o) in nodes:
            net.add_edge(str(s), str(o), label=p.split("#")[-1])
    for s, pos in sorted(graph.subject_objects(DG.holdsPosition)):
        country = graph.value(pos, DG.country)
        if str(s) in nodes and str(country) in nodes:
            net.add_edge(str(s), str(country), label=str(graph.value(pos, DG.title)))
    return write_atomic(path, lambda tmp: tmp.write_text(net.generate_html(), encoding="utf-8"))

"""The interactive HTML network (pyvis / vis-network), usable offline.

In: the RDF graph. Out: one self-contained HTML page. `network.build_network`
gives the data and `network.layout_positions` the positions; pyvis turns them
into vis-network nodes, edges and options. The page itself comes from our own
template in `data/html/`: pyvis's template links Bootstrap (and, outside
"in_line" mode, vis-network) from a CDN, so vis-network's script and style are
inlined from the copy pyvis ships, and a Content-Security-Policy forbids any
request the page might still try. Text from the web (labels, sentences) only
reaches the page as JSON that Jinja escapes for HTML, and the page's script
writes it with `textContent`, never as markup.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .atomic import write_atomic
from .namespace import DG
from .network import (
    WEAK_CONFIDENCE,
    NetworkData,
    NetworkEdge,
    NetworkNode,
    build_network,
    layout_positions,
)

log = logging.getLogger(__name__)

PAGE_DIR = Path(__file__).parent / "data" / "html"
# The page's own script, in order: the core, its parts, then the first view.
PAGE_SCRIPTS = ("explore.js", "search.js", "dates.js", "clusters.js", "exports.js",
                "start.js")
VIS_VERSION = "9.1.2"
# Big graphs stay responsive when edges are not redrawn while dragging or zooming.
LARGE_GRAPH_EDGES = 1500
TENURE_DASHES: dict[str, Any] = {"acting": [6, 4], "former": [2, 5], "elect": [10, 4]}
WEAK_DASHES = [3, 4]
WEAK_OPACITY = 0.35
# At the first fit the page scales label fonts so they read at these sizes on
# screen (vis-network sizes fonts in canvas units, and a fit zooms out).
NODE_LABEL_PX, EDGE_LABEL_PX = 14, 11
# Labels smaller than this on screen are not drawn at all: zoomed far out, a big
# graph shows its shape instead of overlapping text, and labels come back as one
# zooms in.
LABEL_DRAW_PX = 8
# From this many entities the page opens grouped by country (a toggle undoes it).
CLUSTER_NODES = 1000


def write_html(graph: Graph, path: Path) -> Path:
    """Write the offline, interactive page of `graph`'s entities to `path` atomically."""
    page = render_html(graph)
    return write_atomic(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


def render_html(graph: Graph, *, title: str = "diplograph network") -> str:
    """The page of `graph` as one HTML string."""
    network = build_network(graph)
    return render_network(network, layout_positions(network), title=title,
                          event_dates=event_dates(graph))


def render_network(network: NetworkData, positions: dict[str, tuple[float, float]], *,
                   title: str = "diplograph network",
                   event_dates: Mapping[str, str] | None = None) -> str:
    """The page of already built network data placed at `positions`.

    `event_dates` (event IRI -> ISO date) lets the date filter place events too.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    nodes, edges, options = vis_data(network, positions)
    for record in nodes:
        if event_dates and record["id"] in event_dates:
            record["date"] = event_dates[record["id"]]
    payload = {
        "nodes": nodes,
        "edges": edges,
        "legend": [{"kind": s.kind, "label": s.label, "colour": s.colour, "shape": s.shape,
                    "count": sum(1 for n in network.nodes if n.kind == s.kind)}
                   for s in network.legend],
        "relations": [{"key": r.key, "label": r.label, "colour": r.colour,
                       "count": sum(1 for e in network.edges if e.relation == r.key)}
                      for r in network.relations],
        "documents": [{"id": d.id, "label": d.label, "path": d.path, "date": d.date,
                       "url": d.url, "count": counts}
                      for d, counts in _document_counts(network)],
        "confidence": {"weak": WEAK_CONFIDENCE,
                       "scored": sum(1 for e in network.edges if e.confidence is not None),
                       "steps": sorted({e.confidence for e in network.edges
                                        if e.confidence is not None})},
        "labels": {"node": NODE_LABEL_PX, "edge": EDGE_LABEL_PX},
        "view": {"drawThreshold": LABEL_DRAW_PX, "clusterFrom": CLUSTER_NODES},
    }
    env = Environment(loader=FileSystemLoader(PAGE_DIR), autoescape=select_autoescape(
        default=True, default_for_string=True), keep_trailing_newline=True)
    page = env.get_template("page.html").render(
        title=title,
        summary=f"{len(network.nodes)} entities, {len(network.edges)} relations, "
                f"{len(network.documents)} documents",
        data=payload,
        options=options,
        vis_css=Markup(_inline(_vis_file("vis-network.css"), "style")),
        vis_js=Markup(_inline(_vis_file("vis-network.min.js"), "script")),
        page_css=Markup(_inline((PAGE_DIR / "explore.css").read_text("utf-8"), "style")),
        page_js=Markup(_inline("\n".join((PAGE_DIR / name).read_text("utf-8")
                                          for name in PAGE_SCRIPTS), "script")),
    )
    log.info("rendered %d nodes and %d edges (%d bytes)", len(nodes), len(edges), len(page))
    return page


def vis_data(network: NetworkData, positions: dict[str, tuple[float, float]],
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """vis-network nodes, edges and options, assembled with pyvis.

    Documents are referred to by their index in `network.documents`, which
    keeps long IRIs from being repeated on every node and edge.
    """
    from pyvis.network import Network

    doc_index = {d.id: i for i, d in enumerate(network.documents)}
    homes = country_homes(network)
    by_id = {node.id: node for node in network.nodes}
    net = Network(directed=True, cdn_resources="in_line")
    known: set[str] = set()
    for node in network.nodes:
        x, y = positions.get(node.id, (0.0, 0.0))
        # pyvis looks ids up in a list; appending its node dicts directly keeps
        # 5,000 nodes linear, with the same dicts add_node would make.
        net.nodes.append({
            "id": node.id, "label": node.label, "shape": node.shape, "size": node.size,
            "color": node.colour, "x": x, "y": y, "kind": node.kind,
            "aliases": list(node.aliases), "degree": node.degree,
            "docs": [doc_index[d] for d in node.documents if d in doc_index],
            "home": homes.get(node.id),
        })
        known.add(node.id)
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    parallel: Counter[tuple[str, str]] = Counter()
    colours = {r.key: r.colour for r in network.relations}
    for edge in network.edges:
        if edge.source not in known or edge.target not in known:
            continue
        pair = (min(edge.source, edge.target), max(edge.source, edge.target))
        rank = parallel[pair]
        parallel[pair] += 1
        record: dict[str, Any] = {
            "from": edge.source, "to": edge.target, "id": edge.id, "label": _drawn_label(edge),
            "arrows": "to", "relation": edge.relation, "color": colours.get(edge.relation),
            "evidence": [{"sentence": s.sentence, "doc": doc_index.get(s.document, -1),
                          "rule": s.rule} for s in edge.evidence],
            "docs": [doc_index[d] for d in edge.documents if d in doc_index],
            "confidence": edge.confidence,
            # Kept beside `evidence`, one list per sentence, so each evidence
            # record stays {sentence, doc, rule}.
            "marks": [evidence_marks(s.sentence, edge, by_id) for s in edge.evidence],
        }
        if edge.tenure:
            record["tenure"] = edge.tenure
            if edge.tenure in TENURE_DASHES:
                record["dashes"] = TENURE_DASHES[edge.tenure]
        if edge.confidence is not None and edge.confidence < WEAK_CONFIDENCE:
            record["weak"] = True
            record["dashes"] = record.get("dashes", WEAK_DASHES)
            record["width"] = 1
            colour = record["color"]
            record["color"] = {"color": colour, "highlight": colour, "hover": colour,
                               "opacity": WEAK_OPACITY}
        if rank:
            # Two relations between the same pair would be drawn on top of each other.
            record["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                                "roundness": 0.2 * ((rank + 1) // 2)}
        net.edges.append(record)
    net.options = _options(len(net.edges))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return nodes, edges, json.loads(options)


def _drawn_label(edge: NetworkEdge) -> str:
    # Green arrows are offices (the legend says so): the title alone keeps the
    # labels of a head of state's many offices apart.
    if edge.relation == "holdsPosition":
        return edge.label.removeprefix("holds office: ")
    return edge.label


def event_dates(graph: Graph) -> dict[str, str]:
    """Event IRI -> its earliest `dg:eventDate` (ISO), for the events that have one."""
    out: dict[str, str] = {}
    for event in graph.subjects(RDF.type, DG.Event):
        dates = sorted(str(d) for d in graph.objects(event, DG.eventDate))
        if isinstance(event, URIRef) and dates:
            out[str(event)] = dates[0]
    return out


def country_homes(network: NetworkData) -> dict[str, str]:
    """Entity IRI -> the country it is grouped under when the page clusters by country.

    A country is its own home; another entity goes to the country it has most
    relations with (ties: the smaller IRI), else to the home most of its
    neighbours have (an organisation that condemned events carried out by one
    state). Entities reached by neither stay on their own.
    """
    countries = {n.id for n in network.nodes if n.kind == "Country"}
    links: dict[str, Counter[str]] = defaultdict(Counter)
    for edge in network.edges:
        links[edge.source][edge.target] += 1
        links[edge.target][edge.source] += 1
    homes = {c: c for c in countries}
    for node in network.nodes:
        near = Counter({o: k for o, k in links[node.id].items() if o in countries})
        if node.id not in homes and near:
            homes[node.id] = _most_common(near)
    for node in network.nodes:
        if node.id in homes:
            continue
        votes: Counter[str] = Counter()
        for other, k in links[node.id].items():
            if other in homes:
                votes[homes[other]] += k
        if votes:
            homes[node.id] = _most_common(votes)
    return homes


def _most_common(counts: Counter[str]) -> str:
    return min(counts, key=lambda key: (-counts[key], key))


def evidence_marks(sentence: str, edge: NetworkEdge, nodes: Mapping[str, NetworkNode],
                   ) -> list[list[Any]]:
    """Spans of `sentence` that show why it supports `edge`: [start, end, kind].

    Evidence records keep the sentence's offsets in its document, not those of
    the words a rule matched, so the words are found again here: the names of
    the edge's two ends ("name"), the office title, and the words that carry the
    relation ("cue", from `data/html/cues.json`). Spans never overlap; a name
    wins over a cue that starts at the same place.
    """
    names: list[str] = []
    for side in (edge.source, edge.target):
        node = nodes.get(side)
        if node is not None:
            names += [node.label, *node.aliases]
    if edge.relation == "holdsPosition":
        names.append(re.sub(r"^holds office: (acting |former )?|-elect$", "", edge.label))
    found: list[tuple[int, int, str]] = []
    for name in sorted({n for n in names if len(n) > 1}, key=lambda n: (-len(n), n)):
        found += [(m.start(), m.end(), "name") for m in
                  re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, flags=re.I)]
    for cue in _cues().get(edge.relation, ()):
        found += [(m.start(), m.end(), "cue") for m in
                  re.finditer(rf"(?<!\w){re.escape(cue)}\w*", sentence, flags=re.I)]
    marks: list[list[Any]] = []
    for start, end, kind in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2] != "name")):
        if not marks or start >= marks[-1][1]:
            marks.append([start, end, kind])
    return marks


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    data = json.loads((PAGE_DIR / "cues.json").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items() if not k.startswith("_")}


def _options(edge_count: int) -> dict[str, Any]:
    large = edge_count > LARGE_GRAPH_EDGES
    return {
        # Positions are computed in Python; the browser only draws.
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "color": "#222222",
                           "strokeColor": "#ffffff"},
                  "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": LABEL_DRAW_PX, "maxVisible": 40}}},
        "edges": {"font": {"size": 11, "align": "horizontal", "strokeWidth": 4,
                           "strokeColor": "#ffffff", "color": "#333333"},
                  "smooth": False, "width": 1.5,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "selectionWidth": 2,
                  "scaling": {"label": {"drawThreshold": LABEL_DRAW_PX, "maxVisible": 30}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
    }


def _document_counts(network: NetworkData):
    counts: Counter[str] = Counter(d for e in network.edges for d in e.documents)
    return [(d, counts[d.id]) for d in network.documents]


def _vis_file(name: str) -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / name
    return path.read_text(encoding="utf-8")


def _inline(text: str, tag: str) -> str:
    """`text` made safe to sit inside a <script> or <style> element.

    Source-map comments go too: DevTools would fetch the map from beside the page.
    """
    text = re.sub(r"^\s*(//[#@]|/\*[#@]) sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = text.replace("<!--", "<\\!--")
    return re.sub(rf"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE)

"""The network the HTML page draws, built from small hand-made graphs (no spaCy, no browser)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from rdflib.namespace import RDF

from graph.confidence import claims_of
from graph.graphml import write_graphml
from graph.html import render_network, vis_data
from graph.namespace import DG
from graph.network import (
    NODE_STYLES,
    RELATIONS,
    build_network,
    layout_positions,
    node_size,
    office_label,
)
from graph.rdf import add_confidence, build_graph, mint_iri
from graph.resolve import resolve_corpus
from graph.types import Condemnation, DocumentFacts, Entity, Evidence, Party, Role

USA = Entity("Country", "USA", "United States", ("U.S.", "America"))
KOR = Entity("Country", "KOR", "South Korea", ("ROK",))
PRK = Entity("Country", "PRK", "North Korea", ("DPRK",))
MDT = Entity("Agreement", "mutual defense treaty", "Mutual Defense Treaty")
BLINKEN = Entity("Person", "antony blinken", "Antony Blinken", ("Blinken",))
PARK = Entity("Person", "park jin", "Park Jin")
LAUNCH = Entity("Event", "missile launch", "missile launch")
NATO = Entity("Organization", "nato", "NATO", ("North Atlantic Treaty Organization",))
HOSTILE = Entity("Organization", "hostile", '</script><img src=x onerror="window.pwned=1">')

TREATY = "The U.S. and the ROK signed the Mutual Defense Treaty in 1953."
BLINKEN_SAID = "Secretary of State Antony Blinken spoke."
PARK_SAID = "Acting Foreign Minister Park Jin met his counterpart."
CONDEMN = "The United States condemned the DPRK's missile launch."


def _ev(doc: str, sentence: str, rule: str, start: int = 0) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), rule)


def small_facts() -> list[DocumentFacts]:
    """Two documents: a treaty and an office in one, offices and a condemnation in the other."""
    a = DocumentFacts(
        doc_id="a", source="a.txt", date="2023-04-26", url=None, title="Alliance statement",
        sentences=3, entities=(NATO, HOSTILE),
        roles=(Role(BLINKEN, "Secretary of State", USA,
                    _ev("a", BLINKEN_SAID, "role.title-name.v1")),),
        parties=(Party(USA, MDT, _ev("a", TREATY, "agreement.signed.v1", 100), 1953),
                 Party(KOR, MDT, _ev("a", TREATY, "agreement.signed.v1", 100), 1953)),
    )
    b = DocumentFacts(
        doc_id="b", source="b.txt", date="2023-05-01", url=None, title=None, sentences=3,
        roles=(Role(PARK, "Foreign Minister", KOR, _ev("b", PARK_SAID, "role.title-name.v1"),
                    status="acting"),
               Role(BLINKEN, "Secretary of State", USA,
                    _ev("b", BLINKEN_SAID, "role.title-name.v1", 50))),
        condemnations=(Condemnation(LAUNCH, USA, _ev("b", CONDEMN, "condemn.subject-verb.v1"),
                                    agent=PRK),),
    )
    return [a, b]


# Confidence per claim, by (relation, subject key): the treaty's Korean party and
# Park's acting office are weak (below 0.5); the agent is not a scored relation.
SCORES = {("partyTo", "USA"): 0.9, ("partyTo", "KOR"): 0.3,
          ("holdsPosition", "antony blinken"): 0.8, ("holdsPosition", "park jin"): 0.45,
          ("condemnedBy", "missile launch"): 0.7}
SUBJECTS = {"USA": USA, "KOR": KOR, "antony blinken": BLINKEN, "park jin": PARK,
            "missile launch": LAUNCH}


def scored_graph():
    """The small graph with a `dg:confidence` on every scored claim, as the pipeline adds."""
    graph = build_graph(resolve_corpus(small_facts()))
    iris = {mint_iri(e.kind, e.key): key for key, e in SUBJECTS.items()}
    add_confidence(graph, {c.statement: SCORES[(c.relation, iris[c.subject])]
                           for c in claims_of(graph)})
    return graph


@pytest.fixture(scope="module")
def scored():
    return build_network(scored_graph())


@pytest.fixture(scope="module")
def graph():
    return build_graph(resolve_corpus(small_facts()))


@pytest.fixture(scope="module")
def network(graph):
    return build_network(graph)


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)


def _iri(kind: str, key: str) -> str:
    return str(mint_iri(kind, key))


def _edge(network, relation, source, target):
    (edge,) = [e for e in network.edges
               if (e.relation, e.source, e.target) == (relation, source, target)]
    return edge


def test_network_nodes_are_entities_only(network, graph):
    kinds = {n.kind for n in network.nodes}
    assert kinds == {"Country", "Person", "Organization", "Agreement", "Event"}
    assert len(network.nodes) == 9  # 3 countries, 2 people, 2 organisations, 1 treaty, 1 event
    ids = {n.id for n in network.nodes}
    assert not any("/position/" in i or "/mention/" in i or "/document/" in i or "/claim/" in i
                   for i in ids)


@pytest.mark.parametrize(("kind", "key", "label", "aliases", "shape"), [
    ("Country", "USA", "United States", ("America", "U.S."), "dot"),
    ("Person", "antony blinken", "Antony Blinken", ("Blinken",), "triangle"),
    ("Organization", "nato", "NATO", ("North Atlantic Treaty Organization",), "square"),
    ("Agreement", "mutual defense treaty", "Mutual Defense Treaty", (), "diamond"),
    ("Event", "missile launch", "missile launch", (), "star"),
])
def test_network_node_has_class_label_aliases_style(network, kind, key, label, aliases, shape):
    node = next(n for n in network.nodes if n.id == _iri(kind, key))
    assert (node.kind, node.label, node.aliases, node.shape) == (kind, label, aliases, shape)
    assert node.colour == next(s.colour for s in NODE_STYLES.values() if s.kind == kind)


def test_network_node_size_grows_with_degree(network):
    usa = next(n for n in network.nodes if n.id == _iri("Country", "USA"))
    nato = next(n for n in network.nodes if n.id == _iri("Organization", "nato"))
    # USA: party to the treaty, Blinken's office, condemned the launch.
    assert (usa.degree, nato.degree) == (3, 0)
    assert usa.size == node_size(3) > nato.size == node_size(0)
    assert node_size(10_000) == 60.0


@pytest.mark.parametrize(("relation", "source", "target", "label"), [
    ("partyTo", ("Country", "USA"), ("Agreement", "mutual defense treaty"), "party to"),
    ("partyTo", ("Country", "KOR"), ("Agreement", "mutual defense treaty"), "party to"),
    ("holdsPosition", ("Person", "antony blinken"), ("Country", "USA"),
     "holds office: Secretary of State"),
    ("holdsPosition", ("Person", "park jin"), ("Country", "KOR"),
     "holds office: acting Foreign Minister"),
    ("condemnedBy", ("Event", "missile launch"), ("Country", "USA"), "condemned by"),
    ("agent", ("Event", "missile launch"), ("Country", "PRK"), "carried out by"),
])
def test_network_edges_are_labelled_and_directed(network, relation, source, target, label):
    edge = _edge(network, relation, _iri(*source), _iri(*target))
    assert edge.label == label


def test_network_has_one_edge_per_relation(network):
    assert len(network.edges) == 6


def test_network_office_edge_shows_tenure(network):
    park = _edge(network, "holdsPosition", _iri("Person", "park jin"), _iri("Country", "KOR"))
    blinken = _edge(network, "holdsPosition", _iri("Person", "antony blinken"),
                    _iri("Country", "USA"))
    assert (park.tenure, blinken.tenure) == ("acting", "current")


@pytest.mark.parametrize(("title", "tenure", "label"), [
    ("Foreign Minister", "current", "holds office: Foreign Minister"),
    ("Foreign Minister", "acting", "holds office: acting Foreign Minister"),
    ("Foreign Minister", "former", "holds office: former Foreign Minister"),
    ("President", "elect", "holds office: President-elect"),
    ("President-elect", "elect", "holds office: President-elect"),
])
def test_network_office_label(title, tenure, label):
    assert office_label(title, tenure) == label


def test_network_edge_carries_sentences_documents_and_rules(network):
    blinken = _edge(network, "holdsPosition", _iri("Person", "antony blinken"),
                    _iri("Country", "USA"))
    doc_a, doc_b = str(mint_iri("Document", "a")), str(mint_iri("Document", "b"))
    assert {(s.sentence, s.document, s.rule) for s in blinken.evidence} == {
        (BLINKEN_SAID, doc_a, "role.title-name.v1"),
        (BLINKEN_SAID, doc_b, "role.title-name.v1"),
    }
    assert blinken.documents == (doc_a, doc_b)
    condemned = _edge(network, "condemnedBy", _iri("Event", "missile launch"),
                      _iri("Country", "USA"))
    assert [s.sentence for s in condemned.evidence] == [CONDEMN]
    assert condemned.documents == (doc_b,)


def test_network_nodes_and_documents_list_their_sources(network):
    doc_a, doc_b = str(mint_iri("Document", "a")), str(mint_iri("Document", "b"))
    usa = next(n for n in network.nodes if n.id == _iri("Country", "USA"))
    mdt = next(n for n in network.nodes if n.id == _iri("Agreement", "mutual defense treaty"))
    assert usa.documents == (doc_a, doc_b)
    assert mdt.documents == (doc_a,)
    labels = {d.id: (d.label, d.path) for d in network.documents}
    assert labels == {doc_a: ("Alliance statement", "a.txt"), doc_b: ("b", "b.txt")}


def test_network_legend_and_relations_cover_every_kind(network):
    assert [s.kind for s in network.legend] == [
        "Country", "Person", "Organization", "Agreement", "Event"]
    assert [r.label for r in network.relations] == [
        "party to", "holds office", "condemned by", "carried out by"]


def test_network_is_deterministic(graph):
    again = build_graph(resolve_corpus(list(reversed(small_facts()))))
    assert build_network(graph) == build_network(again)
    first = build_network(graph)
    assert layout_positions(first) == layout_positions(build_network(again))


def test_network_layout_places_every_node_apart(network):
    pos = layout_positions(network)
    assert set(pos) == {n.id for n in network.nodes}
    points = list(pos.values())
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)
    assert min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1:]) > 20


def test_network_layout_of_a_large_component_spreads_nodes():
    from graph.network import NetworkData, NetworkEdge, NetworkNode

    n = 600  # above the size networkx's spring layout handles without scipy
    nodes = tuple(NetworkNode(f"n{i:04d}", f"n{i}", "Country", "#000", "dot", 12, 1)
                  for i in range(n))
    edges = tuple(NetworkEdge(f"e{i}", f"n{i:04d}", f"n{(i * 7 + 1) % n:04d}", "partyTo", "",
                              (), ()) for i in range(n))
    pos = layout_positions(NetworkData(nodes, edges, (), (), ()))
    assert len(pos) == n and len(set(pos.values())) == n


def test_network_vis_data_refers_to_documents_by_index(network):
    nodes, edges, options = vis_data(network, layout_positions(network))
    assert options["physics"]["enabled"] is False
    assert len(nodes) == len(network.nodes) and len(edges) == len(network.edges)
    assert all({"x", "y", "label", "shape", "color", "kind", "aliases"} <= n.keys() for n in nodes)
    assert all(e["arrows"] == "to" and "from" in e and "to" in e for e in edges)
    acting = next(e for e in edges if e.get("tenure") == "acting")
    assert acting["dashes"]
    ev = next(e for e in edges if e["relation"] == "condemnedBy")["evidence"]
    assert ev == [{"sentence": CONDEMN, "doc": 1, "rule": "condemn.subject-verb.v1"}]


def test_network_page_escapes_text_and_loads_nothing(network):
    page = render_network(network, layout_positions(network))
    assert '<img src=x onerror="window.pwned=1">' not in page
    tags = _StartTags()
    tags.feed(page)
    # Web text closed no script early: the page has its four scripts, and no img at all.
    assert tags.seen.count("script") == 4
    assert "img" not in tags.seen
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, flags=re.I)
    assert "cdnjs.cloudflare.com" not in page and "cdn.jsdelivr.net" not in page
    assert "sourceMappingURL" not in page
    payload = re.search(r'<script id="diplograph-data" type="application/json">(.*?)</script>',
                        page, flags=re.S).group(1)
    labels = {n["label"] for n in json.loads(payload)["nodes"]}
    assert HOSTILE.label in labels


@pytest.mark.parametrize(("relation", "source", "target", "confidence"), [
    ("partyTo", ("Country", "USA"), ("Agreement", "mutual defense treaty"), 0.9),
    ("partyTo", ("Country", "KOR"), ("Agreement", "mutual defense treaty"), 0.3),
    ("holdsPosition", ("Person", "antony blinken"), ("Country", "USA"), 0.8),
    ("holdsPosition", ("Person", "park jin"), ("Country", "KOR"), 0.45),
    ("condemnedBy", ("Event", "missile launch"), ("Country", "USA"), 0.7),
    ("agent", ("Event", "missile launch"), ("Country", "PRK"), None),
])
def test_network_edge_carries_its_confidence(scored, relation, source, target, confidence):
    assert _edge(scored, relation, _iri(*source), _iri(*target)).confidence == confidence


def test_network_edge_without_confidence_is_unscored(network):
    assert {e.confidence for e in network.edges} == {None}


def test_network_edge_confidence_is_the_highest_of_its_statements():
    graph = scored_graph()
    (claim,) = [c for c in claims_of(graph) if c.relation == "partyTo"
                and c.subject == mint_iri("Country", "KOR")]
    # A second statement of the same claim, more confident than the first.
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from graph.namespace import DG

    other = URIRef(str(claim.statement) + "-again")
    for p, o in ((RDF.type, RDF.Statement), (RDF.subject, claim.subject),
                 (RDF.predicate, DG.partyTo), (RDF.object, claim.object)):
        graph.add((other, p, o))
    add_confidence(graph, {other: 0.65})
    edge = _edge(build_network(graph), "partyTo", _iri("Country", "KOR"),
                 _iri("Agreement", "mutual defense treaty"))
    assert edge.confidence == 0.65


def test_network_vis_data_draws_weak_claims_faint_and_dashed(scored):
    _nodes, edges, _options = vis_data(scored, layout_positions(scored))
    by_conf = {e["confidence"]: e for e in edges}
    assert set(by_conf) == {0.9, 0.3, 0.8, 0.45, 0.7, None}
    for weak in (0.3, 0.45):
        assert by_conf[weak]["weak"] is True and by_conf[weak]["dashes"]
        assert by_conf[weak]["color"]["opacity"] < 1
    assert by_conf[0.45]["dashes"] == [6, 4]  # acting keeps its own dashes
    for strong in (0.9, 0.8, 0.7, None):
        assert "weak" not in by_conf[strong] and isinstance(by_conf[strong]["color"], str)


def _payload(page: str) -> dict:
    return json.loads(re.search(
        r'<script id="diplograph-data" type="application/json">(.*?)</script>',
        page, flags=re.S).group(1))


def test_network_page_has_a_confidence_slider_and_unconnected_toggle(scored):
    page = render_network(scored, layout_positions(scored))
    assert re.search(r'<input id="confidence" type="range" min="0" max="1"', page)
    assert '<input id="show-unconnected" type="checkbox">' in page
    data = _payload(page)
    assert data["confidence"] == {"weak": 0.5, "scored": 5,
                                  "steps": [0.3, 0.45, 0.7, 0.8, 0.9]}
    assert sorted((e["confidence"] is None, e["confidence"] or 0) for e in data["edges"]) == [
        (False, 0.3), (False, 0.45), (False, 0.7), (False, 0.8), (False, 0.9), (True, 0)]
    assert data["labels"] == {"node": 14, "edge": 11}


def test_network_documents_have_titles_and_dates_in_date_order(scored):
    docs = [(d.label, d.date, d.title) for d in scored.documents]
    assert docs == [("Alliance statement", "2023-04-26", "Alliance statement"),
                    ("b", "2023-05-01", None)]


def test_network_untitled_document_is_named_by_its_address_not_its_hash():
    from rdflib import Literal
    from rdflib.namespace import RDFS, XSD

    from graph.namespace import DG

    graph = build_graph(resolve_corpus(small_facts()))
    doc_b = mint_iri("Document", "b")
    # What rdf.py writes for an untitled document named by a hash.
    graph.set((doc_b, RDFS.label, Literal("003_1d67002243189ff7")))
    graph.set((doc_b, DG.sourcePath, Literal("seeds/003_1d67002243189ff7.txt")))
    graph.add((doc_b, DG.url, Literal("https://www.mofa.go.kr/eng/brd/m_5676/view.do",
                                      datatype=XSD.anyURI)))
    labels = [(d.label, d.date) for d in build_network(graph).documents]
    assert labels == [("Alliance statement", "2023-04-26"),
                      ("mofa.go.kr/eng/brd/m_5676/view.do", "2023-05-01")]


# ---------------------------------------------------------------- GraphML

JS = Path(__file__).resolve().parent / "js"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
KEY_TYPES = {("node", "type"): "string", ("node", "label"): "string", ("node", "x"): "double",
             ("node", "y"): "double", ("node", "degree"): "int", ("edge", "label"): "string",
             ("edge", "relation"): "string", ("edge", "year"): "int",
             ("edge", "confidence"): "double", ("edge", "evidenceCount"): "int",
             ("edge", "evidence"): "string", ("edge", "documents"): "string",
             ("edge", "role"): "string", ("edge", "tenure"): "string"}
ADVISER_SAID = "Former National Security Adviser Antony Blinken wrote."


def two_office_graph():
    """The scored graph plus a second office of Blinken's for the U.S.: two edges, one pair."""
    facts = small_facts()
    adviser = Role(BLINKEN, "National Security Adviser", USA,
                   _ev("b", ADVISER_SAID, "role.title-name.v1", 200), status="former")
    facts[1] = replace(facts[1], roles=(*facts[1].roles, adviser))
    graph = build_graph(resolve_corpus(facts))
    iris = {mint_iri(e.kind, e.key): key for key, e in SUBJECTS.items()}
    add_confidence(graph, {c.statement: SCORES[(c.relation, iris[c.subject])]
                           for c in claims_of(graph)})
    return graph


@pytest.fixture(scope="module")
def graphml(tmp_path_factory):
    graph = two_office_graph()
    path = write_graphml(graph, tmp_path_factory.mktemp("graphml") / "graph.graphml")
    return graph, path


def _relation_edges(graph) -> int:
    """Relations between entities in the RDF, an office counted once per position."""
    entities = {s for cls in NODE_STYLES for s in graph.subjects(RDF.type, cls)}
    count = 0
    for predicate in RELATIONS:
        for subject, obj in graph.subject_objects(predicate):
            end = graph.value(obj, DG.country) if predicate == DG.holdsPosition else obj
            count += subject in entities and end in entities
    return count


def test_graphml_networkx_keeps_every_entity_and_claim(graphml):
    graph, path = graphml
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(loaded, nx.MultiDiGraph)
    entities = {str(s) for cls in NODE_STYLES for s in graph.subjects(RDF.type, cls)}
    assert set(loaded.nodes) == entities and len(entities) == 9  # no claim/mention/document
    claims = {str(c.statement) for c in claims_of(graph)}
    assert len(claims) == 6  # 2 parties, 3 offices, 1 condemnation; agent is no claim
    edges = list(loaded.edges(keys=True, data=True))
    assert len(edges) == _relation_edges(graph) == 7
    assert {d["claim"] for *_, d in edges if d["relation"] != "agent"} == claims
    assert len({key for _, _, key, _ in edges}) == 7  # unique edge ids
    blinken, usa = _iri("Person", "antony blinken"), _iri("Country", "USA")
    offices = sorted((d["role"], d["tenure"], d["label"])
                     for d in loaded.get_edge_data(blinken, usa).values())
    assert offices == [("National Security Adviser", "former",
                        "holds office: former National Security Adviser"),
                       ("Secretary of State", "current", "holds office: Secretary of State")]


def test_graphml_attributes_are_typed(graphml):
    graph, path = graphml
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in ElementTree.parse(path).getroot().iter(f"{GRAPHML}key")}
    assert {k: keys.get(k) for k in KEY_TYPES} == KEY_TYPES
    loaded = nx.read_graphml(path, force_multigraph=True)
    kor, mdt = _iri("Country", "KOR"), _iri("Agreement", "mutual defense treaty")
    (party,) = loaded.get_edge_data(kor, mdt).values()
    assert (party["label"], party["relation"], party["year"]) == ("party to", "partyTo", 1953)
    assert (party["confidence"], party["evidenceCount"], party["evidence"]) == (0.3, 1, TREATY)
    assert party["documents"] == str(mint_iri("Document", "a"))
    assert type(party["year"]) is int and type(party["evidenceCount"]) is int
    assert type(party["confidence"]) is float
    blinken = _iri("Person", "antony blinken")
    current = next(d for d in loaded.get_edge_data(blinken, _iri("Country", "USA")).values()
                   if d["tenure"] == "current")
    assert current["evidenceCount"] == 2 and current["documents"] == " | ".join(
        str(mint_iri("Document", d)) for d in "ab")
    (agent,) = loaded.get_edge_data(_iri("Event", "missile launch"),
                                    _iri("Country", "PRK")).values()
    assert "confidence" not in agent  # unscored: left out, never an empty number
    node = loaded.nodes[_iri("Country", "USA")]
    assert (node["type"], node["label"], node["degree"]) == ("Country", "United States", 4)
    assert all(type(d["x"]) is float and type(d["y"]) is float
               for _, d in loaded.nodes(data=True))


def test_graphml_layout_is_the_views_and_deterministic(graphml, tmp_path):
    graph, path = graphml
    loaded = nx.read_graphml(path)
    network = build_network(graph)
    assert {n: (d["x"], d["y"]) for n, d in loaded.nodes(data=True)} == layout_positions(network)
    again = write_graphml(two_office_graph(), tmp_path / "again.graphml")
    assert again.read_bytes() == path.read_bytes()


def _npm_ci() -> None:
    if (JS / "node_modules" / "graphology-graphml").is_dir():
        return
    npm = shutil.which("npm")
    assert npm, "npm (Node.js 20) is needed to test the GraphML with graphology"
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=JS,
                   check=True, capture_output=True, timeout=600)


def test_graphml_graphology_keeps_every_edge(graphml):
    """Gephi Lite reads GraphML with graphology: every node, edge and id must survive."""
    _graph, path = graphml
    _npm_ci()
    node = shutil.which("node")
    assert node, "node (Node.js 20) is needed to test the GraphML with graphology"
    done = subprocess.run([node, str(JS / "load-graphml.js"), str(path)], check=True,
                          capture_output=True, text=True, timeout=120)
    seen = json.loads(done.stdout)
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert (seen["type"], seen["multi"]) == ("directed", True)
    assert (seen["nodes"], seen["edges"]) == (loaded.number_of_nodes(),
                                              loaded.number_of_edges()) == (9, 7)
    assert seen["edgeIds"] == sorted(key for _, _, key in loaded.edges(keys=True))
    assert seen["edgeTypes"]["year"] == seen["edgeTypes"]["confidence"] == ["number"]
    assert seen["edgeTypes"]["evidenceCount"] == seen["nodeTypes"]["x"] == ["number"]
    assert seen["edgeTypes"]["label"] == seen["nodeTypes"]["type"] == ["string"]

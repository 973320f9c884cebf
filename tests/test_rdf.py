"""Graph building without spaCy: small hand-made facts in, RDF out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

from graph.export import turtle_text
from graph.namespace import DG
from graph.rdf import build_graph, mint_iri
from graph.resolve import resolve_corpus
from graph.types import DocumentFacts, Entity, Evidence, Party, Role

USA = Entity("Country", "USA", "United States", ("U.S.",))
KOR = Entity("Country", "KOR", "South Korea", ("ROK",))
MDT = Entity("Agreement", "mutual defense treaty", "Mutual Defense Treaty")
BLINKEN = Entity("Person", "antony blinken", "Antony Blinken")


def _facts(doc_id: str, start: int) -> DocumentFacts:
    ev = Evidence(doc_id, "The U.S. and the ROK signed the Mutual Defense Treaty in 1953.",
                  start, start + 60, "agreement.signed.v1")
    role_ev = Evidence(doc_id, "Secretary of State Antony Blinken spoke.", 0, 40,
                       "role.title-name.v1")
    return DocumentFacts(
        doc_id=doc_id, source=f"{doc_id}.txt", date="2023-04-26", url=None, title=None,
        sentences=2,
        roles=(Role(BLINKEN, "Secretary of State", USA, role_ev, date="2023-04-26"),),
        parties=(Party(USA, MDT, ev, 1953), Party(KOR, MDT, ev, 1953)),
    )


def test_rdf_claims_are_reified_with_one_source_per_mention():
    graph = build_graph(resolve_corpus([_facts("a", 0), _facts("b", 100)]))
    usa, mdt = mint_iri("Country", "USA"), mint_iri("Agreement", "mutual defense treaty")
    assert (usa, DG.partyTo, mdt) in graph
    statements = list(graph.subjects(RDF.subject, usa))
    statement = next(s for s in statements if graph.value(s, RDF.object) == mdt)
    sources = set(graph.objects(statement, PROV.wasDerivedFrom))
    assert len(sources) == 2
    assert {str(graph.value(s, DG.rule)) for s in sources} == {"agreement.signed.v1"}
    assert graph.value(mdt, DG.yearSigned) == Literal("1953", datatype=DG.yearSigned.__class__(
        "http://www.w3.org/2001/XMLSchema#gYear"))


def test_rdf_position_has_title_country_and_tenure():
    graph = build_graph(resolve_corpus([_facts("a", 0)]))
    person = mint_iri("Person", "antony blinken")
    (position,) = graph.objects(person, DG.holdsPosition)
    assert str(graph.value(position, DG.title)) == "Secretary of State"
    assert graph.value(position, DG.country) == mint_iri("Country", "USA")
    assert graph.value(position, DG.tenure) == DG.Incumbent
    assert str(graph.value(person, RDFS.label)) == "Antony Blinken"


def test_rdf_turtle_is_byte_identical_and_order_independent():
    one = turtle_text(build_graph(resolve_corpus([_facts("a", 0), _facts("b", 100)])))
    two = turtle_text(build_graph(resolve_corpus([_facts("b", 100), _facts("a", 0)])))
    assert one == two


@given(st.text(max_size=30), st.text(max_size=30))
def test_rdf_mint_iri_is_total_deterministic_and_injective(a, b):
    assert mint_iri("Person", a) == mint_iri("Person", a)
    assert str(mint_iri("Person", a)).startswith("https://w3id.org/diplograph/id/person/")
    if a != b:
        assert mint_iri("Person", a) != mint_iri("Person", b)

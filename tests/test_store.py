"""The embedded Oxigraph store answers the saved queries as rdflib does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.export import SHARED_GRAPH, nquads_text
from graph.query import load_graph, resolve_query, run_query, saved_queries
from graph.rdf import document_iri
from graph.store import StoreError, load_store, open_store, query_store
from tests.test_query import rows, sample_graph

SAVED = sorted(saved_queries())


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


@pytest.fixture(scope="module")
def location(graph, tmp_path_factory):
    """A persistent store, written and closed, as `serve --store` leaves it."""
    path = tmp_path_factory.mktemp("store") / "oxigraph"
    store = load_store(graph, path)
    del store
    return path


@pytest.mark.parametrize("name", SAVED)
def test_store_answers_saved_queries_like_rdflib(graph, location, name):
    text, origin = resolve_query(name)
    expected = run_query(graph, text, origin=origin)
    answer = query_store(open_store(location), text, origin=origin)
    assert answer.variables == expected.variables
    assert rows(answer) == rows(expected)


@pytest.mark.parametrize("name", SAVED)
def test_store_saved_queries_hold_over_a_union_of_document_graphs(graph, name):
    """A Graph Store filled by `push` has only named graphs; its union repeats a
    claim once per supporting document. The saved queries must not notice."""
    bag = ox.Store()
    bag.load(nquads_text(graph).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    text, _ = resolve_query(name)
    assert rows(query_store(bag, text, union=True)) == rows(run_query(graph, text))


def test_store_default_graph_is_the_whole_graph_counted_once(graph, location):
    store = open_store(location)
    total = query_store(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(total.rows[0][0]) == len(graph)
    names = {g.value for g in store.named_graphs()}
    assert names == {str(document_iri(d)) for d in "abc"} | {str(SHARED_GRAPH)}


def test_store_graph_narrows_a_query_to_one_document(location):
    text = """SELECT DISTINCT ?country WHERE {
        GRAPH ?doc { ?c dg:partyTo ?a . ?c dg:iso3 ?code }
    }"""
    # iso3 lives in the shared graph, so the join across graphs finds nothing
    assert query_store(open_store(location), text).rows == ()
    by_document = query_store(open_store(location), """
        SELECT ?doc (COUNT(DISTINCT ?c) AS ?countries) WHERE {
          GRAPH ?doc { ?c dg:partyTo ?a }
        } GROUP BY ?doc""")
    counts = {str(r[0]).rsplit("/", 1)[1]: int(r[1]) for r in by_document.rows}
    assert counts == {"a": 2, "b": 1}


def test_store_reload_replaces_the_old_graph(tmp_path):
    path = tmp_path / "store"
    store = load_store(sample_graph(), path)
    del store
    store = load_store(sample_graph(changed=True), path)
    text = resolve_query("who-condemned-what")[0]
    assert rows(query_store(store, text)) == rows(run_query(sample_graph(changed=True), text))
    assert not any(g.value.endswith("/document/c") for g in store.named_graphs())


def test_store_missing_folder_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError, match=r"\[E120\]"):
        open_store(tmp_path / "nothing-here")


@pytest.mark.slow
def test_store_answers_saved_queries_like_rdflib_on_the_seed_build(seed_build):
    out, report = seed_build
    graph = load_graph(out / "graph.ttl")
    store = load_store(graph)
    answered = 0
    for name in SAVED:
        text, origin = resolve_query(name)
        expected = run_query(graph, text, origin=origin)
        assert rows(query_store(store, text, origin=origin)) == rows(expected), name
        answered += bool(expected.rows)
    assert answered >= 1 + bool(report.claims.get("partyTo"))

"""Every export format parses back to the graph it was written from, byte-stably."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

from graph.cli import app
from graph.export import (
    FILE_NAMES,
    SHARED_GRAPH,
    ExportFormatError,
    document_graphs,
    write_exports,
)
from graph.namespace import DG
from graph.rdf import build_graph, document_iri, mint_iri
from graph.resolve import resolve_corpus
from tests.test_query import sample_facts, sample_graph

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig",
               "jsonld": "json-ld"}
ALL = ["turtle", "nt", "nquads", "trig", "jsonld", "graphml"]
DOCS = {name: document_iri(name) for name in "abc"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("formats")
    paths = write_exports(graph, out, ALL)
    return dict(zip(ALL, paths, strict=True))


def _assert_same(expected: Graph, actual: Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected),
                                                   to_isomorphic(actual))
        pytest.fail(f"only in the graph:\n{only_expected.serialize(format='nt')}\n"
                    f"only in the export:\n{only_actual.serialize(format='nt')}")


def test_export_formats_are_all_written(written):
    assert sorted(p.name for p in written.values()) == sorted(FILE_NAMES[f] for f in ALL)


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_export_format_parses_back_to_the_same_graph(graph, written, name):
    back = Graph()
    if name in ("nquads", "trig"):
        dataset = Dataset()
        dataset.parse(written[name], format=RDF_FORMATS[name])
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            back.add((s, p, o))
    else:
        back.parse(written[name], format=RDF_FORMATS[name])
    _assert_same(graph, back)


@pytest.mark.parametrize("name", ["nquads", "trig"])
def test_export_named_graphs_are_the_document_partition(graph, written, name):
    dataset = Dataset()
    dataset.parse(written[name], format=RDF_FORMATS[name])
    named = {g.identifier: g for g in dataset.graphs() if len(g)}
    assert set(named) == {*DOCS.values(), SHARED_GRAPH}
    assert not len(dataset.default_graph)
    for identifier, part in document_graphs(graph).items():
        _assert_same(part, named[identifier])


def test_export_document_graph_holds_its_claims_and_nothing_shared(graph):
    parts = document_graphs(graph)
    usa, kor = mint_iri("Country", "USA"), mint_iri("Country", "KOR")
    mdt = mint_iri("Agreement", "mutual defense treaty")
    # b supports KOR's treaty claim too, so that claim is in both graphs
    assert (kor, DG.partyTo, mdt) in parts[DOCS["a"]]
    assert (kor, DG.partyTo, mdt) in parts[DOCS["b"]]
    assert (usa, DG.partyTo, mdt) not in parts[DOCS["b"]]
    # entity descriptions and signing years are shared, documents are their own
    assert (usa, DG.iso3, None) in parts[SHARED_GRAPH]
    assert (mdt, DG.yearSigned, None) in parts[SHARED_GRAPH]
    assert (DOCS["c"], RDF.type, DG.Document) in parts[DOCS["c"]]
    for name, doc in DOCS.items():
        assert (None, DG.document, doc) in parts[doc]
        others = [parts[d] for n, d in DOCS.items() if n != name]
        assert all((None, DG.document, doc) not in other for other in others)


def test_export_dropping_a_document_graph_drops_only_its_claims(graph):
    """What a store sees after deleting one named graph."""
    parts = document_graphs(graph)
    rest = Graph()
    for identifier, part in parts.items():
        if identifier != DOCS["a"]:
            rest += part
    usa, kor = mint_iri("Country", "USA"), mint_iri("Country", "KOR")
    mdt = mint_iri("Agreement", "mutual defense treaty")
    blinken = mint_iri("Person", "antony blinken")
    assert (usa, DG.partyTo, mdt) not in rest  # only a said it
    assert (kor, DG.partyTo, mdt) in rest  # b says it too
    assert (blinken, DG.holdsPosition, None) not in rest
    assert not any(rest.triples((None, DG.document, DOCS["a"])))
    assert (usa, DG.iso3, None) in rest  # shared descriptions stay


def test_export_every_format_is_byte_identical_whatever_the_input_order(written, tmp_path):
    reordered = build_graph(resolve_corpus(list(reversed(sample_facts()))))
    again = write_exports(reordered, tmp_path, ALL)
    for name, path in zip(ALL, again, strict=True):
        assert path.read_bytes() == written[name].read_bytes(), name


def test_export_files_are_readable_by_others(written):
    for path in written.values():
        assert path.stat().st_mode & 0o044, path  # not mkstemp's private 0600


def test_export_unknown_format_is_a_coded_error(graph, tmp_path):
    with pytest.raises(ExportFormatError, match=r"\[E220\].*'owl'.*nquads"):
        write_exports(graph, tmp_path, ["turtle", "owl"])
    assert not list(tmp_path.iterdir())


def test_export_build_cli_rejects_unknown_format_before_parsing(tmp_path):
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"),
                                      "--format", "nquads", "--format", "rdfxml"])
    assert result.exit_code == 2
    assert "[E220]" in result.output
    assert not (tmp_path / "out").exists()

"""The Neo4j CSV bundle: read back with zipfile and csv, checked against the graph.

The graph is the hand-made `sample_graph` of the query tests (no spaCy), with
fixed confidences stated on its claims so the typed column has values to check.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from graph.confidence import claims_of
from graph.export import FILE_NAMES, check_formats, write_exports
from graph.namespace import DG
from graph.neo4j import LABELS, RELATIONSHIPS, write_neo4j
from graph.rdf import add_confidence

from .test_query import sample_graph

HEADER = re.compile(r"^[A-Za-z0-9]*(:(ID|LABEL|START_ID|END_ID|TYPE|int|float|date|string"
                    r"|string\[\]|date\[\]))?$")


@pytest.fixture(scope="module")
def graph() -> Graph:
    graph = sample_graph()
    add_confidence(graph, {claim.statement: 0.5 + index / 100
                           for index, claim in enumerate(claims_of(graph))})
    return graph


@pytest.fixture(scope="module")
def bundle(graph, tmp_path_factory) -> Path:
    return write_neo4j(graph, tmp_path_factory.mktemp("neo4j") / "graph.neo4j.zip")


def _tables(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
                for name in archive.namelist() if name.endswith(".csv")}


def test_neo4j_zip_holds_one_file_per_label_and_type_sorted(bundle):
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        readme = archive.read("README.txt").decode("utf-8")
    assert set(names) == ({f"nodes_{label}.csv" for label in LABELS}
                          | {f"relationships_{t}.csv" for t in RELATIONSHIPS}
                          | {"README.txt", "load.cypher"})
    assert "neo4j-admin database import full" in readme
    assert "--array-delimiter" in readme


def test_neo4j_headers_are_neo4j_admin_syntax(bundle):
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
                assert all(HEADER.match(column) for column in header), (name, header)
                if name.startswith("nodes_"):
                    assert header[0] == "id:ID" and header[-1] == ":LABEL"
                else:
                    assert header[:7] == [":START_ID", ":END_ID", ":TYPE", "confidence:float",
                                          "evidence", "evidenceCount:int",
                                          "documents:string[]"]


@pytest.mark.parametrize("label", sorted(LABELS))
def test_neo4j_node_counts_equal_the_graph(graph, bundle, label):
    rows = _tables(bundle)[f"nodes_{label}.csv"]
    expected = {str(n) for n in graph.subjects(RDF.type, LABELS[label])}
    assert expected, f"the sample graph has no {label}"
    assert {row["id:ID"] for row in rows} == expected
    assert len(rows) == len(expected)
    assert {row[":LABEL"] for row in rows} == {label}


def test_neo4j_relationships_match_claims_and_point_at_nodes(graph, bundle):
    tables = _tables(bundle)
    ids = {row["id:ID"] for name, rows in tables.items() if name.startswith("nodes_")
           for row in rows}
    for rel_type, predicate in RELATIONSHIPS.items():
        rows = tables[f"relationships_{rel_type}.csv"]
        assert len(rows) == len(set(graph.subject_objects(predicate))) > 0, rel_type
        for row in rows:
            assert row[":TYPE"] == rel_type
            assert row[":START_ID"] in ids and row[":END_ID"] in ids
            assert row["evidence"] and int(row["evidenceCount:int"]) >= 1
            assert row["documents:string[]"].startswith("https://w3id.org/diplograph/id/document/")


def test_neo4j_claim_properties_come_from_the_statement(graph, bundle):
    tables = _tables(bundle)
    party = {(r[":START_ID"].rsplit("/", 1)[-1], r["documents:string[]"]): r
             for r in tables["relationships_PARTY_TO.csv"]}
    kor = party[("kor", "https://w3id.org/diplograph/id/document/a;"
                        "https://w3id.org/diplograph/id/document/b")]
    assert kor["evidence"] == "The U.S. and the ROK signed the Mutual Defense Treaty in 1953."
    assert kor["evidenceCount:int"] == "2"
    scored = {float(str(v)) for v in graph.objects(None, DG.confidence)}
    for name in ("PARTY_TO", "HOLDS_OFFICE", "CONDEMNED_BY"):
        for row in tables[f"relationships_{name}.csv"]:
            assert float(row["confidence:float"]) in scored
    # dg:agent claims are not scored: the column is empty, so Neo4j sets no property.
    assert {r["confidence:float"] for r in tables["relationships_CARRIED_OUT_BY.csv"]} == {""}


def test_neo4j_positions_fold_into_holds_office(bundle):
    rows = _tables(bundle)["relationships_HOLDS_OFFICE.csv"]
    office = {(r[":START_ID"].rsplit("/", 1)[-1], r[":END_ID"].rsplit("/", 1)[-1]):
              (r["title"], r["tenure"], r["attestedOn:date"]) for r in rows}
    assert office == {
        ("antony-blinken-c6139cdb", "usa"): ("Secretary of State", "incumbent", "2023-04-26"),
        ("park-jin-f24f0d0c", "kor"): ("Foreign Minister", "former", ""),
    }
    assert all(r["position"].startswith("https://w3id.org/diplograph/id/position/")
               for r in rows)


def test_neo4j_typed_node_columns(bundle):
    tables = _tables(bundle)
    (treaty,) = tables["nodes_Agreement.csv"]
    assert int(treaty["year:int"]) == 1953
    usa = next(r for r in tables["nodes_Country.csv"] if r["iso3"] == "USA")
    assert usa["aliases:string[]"].split(";") == ["America", "U.S."]
    (event,) = tables["nodes_Event.csv"]
    assert event["dates:date[]"] == "2023-04-13"


def test_neo4j_bundle_is_byte_identical_for_the_same_graph(graph, tmp_path):
    first = write_neo4j(graph, tmp_path / "one.zip").read_bytes()
    again = write_neo4j(sample_graph(), tmp_path / "plain.zip").read_bytes()
    add_confidence(scored := sample_graph(), {claim.statement: 0.5 + index / 100
                                              for index, claim in enumerate(claims_of(graph))})
    assert write_neo4j(scored, tmp_path / "two.zip").read_bytes() == first
    assert again != first  # the confidences are in the bytes


def test_neo4j_format_is_written_by_write_exports(graph, tmp_path):
    assert check_formats(["turtle", "neo4j", "neo4j"]) == ("turtle", "neo4j")  # -f neo4j
    (path,) = write_exports(graph, tmp_path, ["neo4j"])
    assert path == tmp_path / FILE_NAMES["neo4j"] == tmp_path / "graph.neo4j.zip"
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.neo4j.zip"]
    assert _tables(path) == _tables(write_neo4j(graph, tmp_path / "x" / "again.zip"))

"""Write the graph as a Neo4j CSV bundle: one zip for `neo4j-admin import` and `LOAD CSV`.

In: an rdflib `Graph` built by `rdf.build_graph`. Out: `graph.neo4j.zip`, holding
one `nodes_<Label>.csv` per entity class (Country, Person, Organization,
Agreement, Event), one `relationships_<TYPE>.csv` per relation (PARTY_TO,
HOLDS_OFFICE, CONDEMNED_BY, CARRIED_OUT_BY), a `load.cypher` script for
`LOAD CSV`, and a `README.txt` with the import commands. Headers use
neo4j-admin's typed syntax (`id:ID`, `year:int`, `confidence:float`,
`documents:string[]`, `:START_ID`, `:TYPE`); arrays are joined by `;`.

Positions are folded into the relationship, not kept as nodes: `rdf.position_iri`
mints one position per person, title, country and tenure, so a `dg:Position` is
never shared and is an edge in disguise. `(:Person)-[:HOLDS_OFFICE {title,
tenure, attestedOn}]->(:Country)` answers "who holds which office for which
state" in one hop, as a Neo4j user writes it; the position's IRI is kept in the
`position` property, so the RDF node can still be found.

Every relationship carries its claim's provenance, read from the claim's
`rdf:Statement` and its `dg:Mention`s (`prov:wasDerivedFrom`, `dg:document`,
`dg:sentence`): the confidence (empty where none was scored), the first evidence
sentence (mentions ordered by document and offset), how many mentions support it,
and the IRIs of the documents. The zip is deterministic: entries sorted, fixed
timestamps and permissions, rows sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .atomic import write_atomic
from .namespace import DG

log = logging.getLogger(__name__)

ARRAY_DELIMITER = ";"
"""neo4j-admin's default array delimiter; it is removed from array items (no escape exists)."""

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's timestamp: the earliest a zip can hold, so builds compare equal."""

LABELS = {"Country": DG.Country, "Person": DG.Person, "Organization": DG.Organization,
          "Agreement": DG.Agreement, "Event": DG.Event}
"""Node label -> the class whose instances become nodes of that label."""

RELATIONSHIPS = {"PARTY_TO": DG.partyTo, "HOLDS_OFFICE": DG.holdsPosition,
                 "CONDEMNED_BY": DG.condemnedBy, "CARRIED_OUT_BY": DG.agent}
"""Relationship type -> the claim predicate it is read from."""

CLAIM_COLUMNS = (":START_ID", ":END_ID", ":TYPE", "confidence:float", "evidence",
                 "evidenceCount:int", "documents:string[]")
OFFICE_COLUMNS = ("title", "tenure", "attestedOn:date", "position")


@dataclass(frozen=True, slots=True)
class Column:
    """One node column: its typed header and how to read its value from the graph."""

    header: str
    read: Callable[[Graph, URIRef], str]


def _one(predicate: URIRef) -> Callable[[Graph, URIRef], str]:
    def read(graph: Graph, node: URIRef) -> str:
        values = sorted(str(v) for v in graph.objects(node, predicate))
        return values[0] if values else ""
    return read


def _many(predicate: URIRef) -> Callable[[Graph, URIRef], str]:
    def read(graph: Graph, node: URIRef) -> str:
        return _array(str(v) for v in graph.objects(node, predicate))
    return read


def _year(graph: Graph, node: URIRef) -> str:
    value = graph.value(node, DG.yearSigned)
    return str(int(str(value))) if value is not None else ""


_COMMON = (Column("id:ID", lambda _graph, node: str(node)), Column("label", _one(RDFS.label)))
NODE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "Country": (*_COMMON, Column("iso3", _one(DG.iso3)), Column("wikidata", _one(OWL.sameAs)),
                Column("aliases:string[]", _many(SKOS.altLabel))),
    "Person": (*_COMMON, Column("aliases:string[]", _many(SKOS.altLabel))),
    "Organization": (*_COMMON, Column("aliases:string[]", _many(SKOS.altLabel))),
    "Agreement": (*_COMMON, Column("year:int", _year),
                  Column("aliases:string[]", _many(SKOS.altLabel))),
    "Event": (*_COMMON, Column("dates:date[]", _many(DG.eventDate)),
              Column("aliases:string[]", _many(SKOS.altLabel))),
}
"""Each label's columns before `:LABEL`; `rdfs:label` is `label`, the name Neo4j shows."""


def _array(values) -> str:
    return ARRAY_DELIMITER.join(sorted({v.replace(ARRAY_DELIMITER, ",") for v in values}))


def _csv_text(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


# ---------------------------------------------------------------- tables

def node_tables(graph: Graph) -> dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """Label -> (header, rows sorted by id) for every node label."""
    tables = {}
    for label, cls in LABELS.items():
        columns = NODE_COLUMNS[label]
        header = (*(c.header for c in columns), ":LABEL")
        nodes = sorted((n for n in graph.subjects(RDF.type, cls) if isinstance(n, URIRef)),
                       key=str)
        rows = [(*(c.read(graph, node) for c in columns), label) for node in nodes]
        tables[label] = (header, rows)
    return tables


def relationship_tables(graph: Graph
                        ) -> dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """Type -> (header, rows sorted) for every relationship type.

    A relationship whose end is not a node of `LABELS` (which `neo4j-admin`
    would refuse) is left out with a warning.
    """
    statements: dict[tuple[Node, Node, Node], URIRef] = {}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        if isinstance(statement, URIRef):
            key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                   graph.value(statement, RDF.object))
            statements[key] = statement  # type: ignore[index]
    nodes = {n for cls in LABELS.values() for n in graph.subjects(RDF.type, cls)}
    tables = {}
    for rel_type, predicate in RELATIONSHIPS.items():
        office = predicate == DG.holdsPosition
        header = CLAIM_COLUMNS + (OFFICE_COLUMNS if office else ())
        rows = []
        for start, end in graph.subject_objects(predicate):
            claim = _claim_columns(graph, statements.get((start, predicate, end)))
            extra: tuple[str, ...] = ()
            target: Node | None = end
            if office and isinstance(end, URIRef):
                target = graph.value(end, DG.country)  # the position folds into the edge
                extra = (_one(DG.title)(graph, end), _tenure(graph, end),
                         _one(DG.attestedOn)(graph, end), str(end))
            if start not in nodes or target not in nodes:
                log.warning("neo4j: %s %s -> %s has an end that is not a node; left out",
                            rel_type, start, end)
                continue
            rows.append((str(start), str(target), rel_type, *claim, *extra))
        tables[rel_type] = (header, sorted(rows))
    return tables


def _tenure(graph: Graph, position: URIRef) -> str:
    tenure = graph.value(position, DG.tenure)
    label = graph.value(tenure, RDFS.label) if tenure is not None else None
    return str(label) if label is not None else (str(tenure).rsplit("#", 1)[-1].lower()
                                                 if tenure is not None else "")


def _claim_columns(graph: Graph, statement: URIRef | None) -> tuple[str, str, str, str]:
    """confidence, first evidence sentence, evidence count, documents of one claim."""
    if statement is None:
        return ("", "", "0", "")
    confidence = graph.value(statement, DG.confidence)
    mentions = []
    for mention in graph.objects(statement, PROV.wasDerivedFrom):
        document = graph.value(mention, DG.document)
        start = graph.value(mention, DG.startChar)
        mentions.append((str(document or ""),
                         int(str(start)) if isinstance(start, Literal) else 0,
                         str(mention), str(graph.value(mention, DG.sentence) or "")))
    mentions.sort()
    return (str(confidence) if confidence is not None else "",
            mentions[0][3] if mentions else "", str(len(mentions)),
            _array(m[0] for m in mentions if m[0]))


# ---------------------------------------------------------------- bundle

def bundle_files(graph: Graph) -> dict[str, str]:
    """File name -> text of every file in the bundle."""
    files: dict[str, str] = {}
    for label, (header, rows) in node_tables(graph).items():
        files[f"nodes_{label}.csv"] = _csv_text(header, rows)
    relationships = relationship_tables(graph)
    for rel_type, (header, rows) in relationships.items():
        files[f"relationships_{rel_type}.csv"] = _csv_text(header, rows)
    files["load.cypher"] = _cypher(relationships)
    files["README.txt"] = _readme()
    return files


def neo4j_zip(graph: Graph) -> bytes:
    """The bundle as zip bytes, deterministic (sorted entries, fixed time and mode)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in sorted(bundle_files(graph).items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whichever system wrote it
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_neo4j(graph: Graph, path: Path) -> Path:
    """Write `graph` as the Neo4j CSV bundle (see the module) to `path`."""
    data = neo4j_zip(graph)
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))


def _cypher(relationships: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]) -> str:
    # LOAD CSV reads every field as a string and an empty one as null, so each typed
    # column is converted here, and null leaves the property unset.
    lines = ["// Load the diplograph bundle with LOAD CSV: put the CSV files in Neo4j's",
             "// import folder, then run this script (cypher-shell -f load.cypher).", ""]
    for label in LABELS:
        lines.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
    lines.append("")
    for label in LABELS:
        sets = [f"n.{_name(c.header)} = {_convert(c.header)}"
                for c in NODE_COLUMNS[label][1:]]
        lines += [f"LOAD CSV WITH HEADERS FROM 'file:///nodes_{label}.csv' AS row",
                  f"MERGE (n:{label} {{id: row.`id:ID`}})",
                  "SET " + ", ".join(sets) + ";", ""]
    for rel_type, (header, _rows) in relationships.items():
        sets = [f"r.{_name(h)} = {_convert(h)}" for h in header[3:]]
        lines += [f"LOAD CSV WITH HEADERS FROM 'file:///relationships_{rel_type}.csv' AS row",
                  "MATCH (a {id: row.`:START_ID`}), (b {id: row.`:END_ID`})",
                  f"CREATE (a)-[r:{rel_type}]->(b)",
                  "SET " + ", ".join(sets) + ";", ""]
    return "\n".join(lines)


def _name(header: str) -> str:
    return header.split(":", 1)[0]


def _convert(header: str) -> str:
    field = f"row.`{header}`"
    kind = header.split(":", 1)[1] if ":" in header else "string"
    scalar = {"int": "toInteger({})", "float": "toFloat({})", "date": "date({})",
              "string": "{}"}
    if kind == "string[]":
        return f"split({field}, '{ARRAY_DELIMITER}')"
    if kind.endswith("[]"):
        item = scalar[kind[:-2]].format("x")
        return f"[x IN split({field}, '{ARRAY_DELIMITER}') | {item}]"
    return scalar[kind].format(field)


def _readme() -> str:
    nodes = " ".join(f"--nodes=import/nodes_{label}.csv" for label in LABELS)
    relationships = " ".join(f"--relationships=import/relationships_{rel_type}.csv"
                             for rel_type in RELATIONSHIPS)
    return f"""diplograph graph as a Neo4j CSV bundle
=======================================

Nodes: one file per label (nodes_<Label>.csv), ids are the RDF IRIs.
Relationships: one file per type (relationships_<TYPE>.csv), each with the
claim's confidence, first evidence sentence, evidence count and documents.
Positions are folded into HOLDS_OFFICE (title, tenure, attestedOn, position).
Arrays are joined by '{ARRAY_DELIMITER}'.

1. Bulk import into an empty database (Neo4j 5, database stopped): unzip
   into the Neo4j home's import/ folder, then run from the Neo4j home

   bin/neo4j-admin database import full neo4j {nodes} {relationships} \
--array-delimiter="{ARRAY_DELIMITER}" --multiline-fields=true --overwrite-destination

2. Or into a running database with LOAD CSV: unzip into the import/ folder, then

   bin/cypher-shell -f import/load.cypher
"""

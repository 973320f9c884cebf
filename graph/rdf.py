"""Turn a resolved corpus into one RDF graph with provenance on every claim.

In: a `ResolvedCorpus`. Out: an rdflib `Graph` under the diplograph ontology.
IRIs are minted from normalised keys (`mint_iri`), never from blank nodes or
random ids, so the same input gives the same graph. Every relation triple is
also stated as an `rdf:Statement` whose `prov:wasDerivedFrom` lists one
`dg:Mention` per sentence that supports it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from .gazetteer import load_gazetteer
from .namespace import DG, ID, WD
from .resolve import ResolvedCorpus
from .types import DocumentFacts, Entity, Evidence, Role

TENURE = {"current": DG.Incumbent, "acting": DG.Acting, "former": DG.Former, "elect": DG.Elect}
KIND_CLASS = {"Country": DG.Country, "Person": DG.Person, "Organization": DG.Organization,
              "Agreement": DG.Agreement, "Event": DG.Event}


def new_graph() -> Graph:
    """An empty graph with diplograph's stable prefixes."""
    graph = Graph(bind_namespaces="core")
    graph.bind("dg", str(DG))
    graph.bind("id", str(ID))
    graph.bind("skos", str(SKOS))
    graph.bind("prov", str(PROV))
    graph.bind("owl", str(OWL))
    graph.bind("wd", str(WD))
    return graph


def slug(text: str) -> str:
    """A readable IRI segment: ASCII, lower case, words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def mint_iri(kind: str, *parts: str) -> URIRef:
    """The IRI of a node of `kind` identified by `parts` (deterministic, total).

    A readable slug is kept, and a short hash of the exact key is added whenever
    the slug loses information, so distinct keys never share an IRI.
    """
    key = "|".join(parts)
    readable = "--".join(slug(p) for p in parts)
    if not readable or readable != key.lower():
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        readable = f"{readable}-{digest}" if readable else digest
    return ID[f"{slug(kind) or 'node'}/{readable}"]


def entity_iri(entity: Entity) -> URIRef:
    """The IRI of an entity node."""
    return mint_iri(entity.kind, entity.key)


def build_graph(corpus: ResolvedCorpus) -> Graph:
    """The RDF graph of a resolved corpus."""
    graph = new_graph()
    for node in corpus.nodes:
        _add_node(graph, node.kind, node.key, node.label, node.aliases)
    years: dict[URIRef, Counter[int]] = defaultdict(Counter)
    for facts in corpus.documents:
        _add_document(graph, facts)
        for role in facts.roles:
            position = position_iri(role)
            graph.add((position, RDF.type, DG.Position))
            graph.add((position, RDFS.label, Literal(_position_label(role, corpus))))
            graph.add((position, DG.title, Literal(role.title)))
            graph.add((position, DG.country, entity_iri(role.country)))
            graph.add((position, DG.tenure, TENURE[role.status]))
            if role.date:
                graph.add((position, DG.attestedOn, Literal(role.date, datatype=XSD.date)))
            _claim(graph, entity_iri(role.person), DG.holdsPosition, position, role.evidence)
        for party in facts.parties:
            agreement = entity_iri(party.agreement)
            _claim(graph, entity_iri(party.country), DG.partyTo, agreement, party.evidence)
            if party.year is not None:
                years[agreement][party.year] += 1
        for item in facts.condemnations:
            event = entity_iri(item.event)
            _claim(graph, event, DG.condemnedBy, entity_iri(item.condemner), item.evidence)
            if item.agent is not None:
                _claim(graph, event, DG.agent, entity_iri(item.agent), item.evidence)
            if item.date:
                graph.add((event, DG.eventDate, Literal(item.date, datatype=XSD.date)))
    for agreement, counts in years.items():
        # The year most sources give; the earliest on a tie (a treaty is signed once).
        year = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        graph.add((agreement, DG.yearSigned, Literal(f"{year:04d}", datatype=XSD.gYear)))
    return graph


def without_claims(corpus: ResolvedCorpus,
                   rejected: set[tuple[URIRef, URIRef, URIRef]]) -> ResolvedCorpus:
    """`corpus` without the claims whose (subject, predicate, object) is in `rejected`.

    A condemnation's agent goes with it; the entities stay.
    """
    documents = []
    for facts in corpus.documents:
        documents.append(replace(
            facts,
            roles=tuple(r for r in facts.roles if (entity_iri(r.person), DG.holdsPosition,
                                                   position_iri(r)) not in rejected),
            parties=tuple(p for p in facts.parties if (entity_iri(p.country), DG.partyTo,
                                                       entity_iri(p.agreement)) not in rejected),
            condemnations=tuple(c for c in facts.condemnations
                                if (entity_iri(c.event), DG.condemnedBy,
                                    entity_iri(c.condemner)) not in rejected)))
    return replace(corpus, documents=tuple(documents))


def add_confidence(graph: Graph, scores: dict[URIRef, float]) -> None:
    """State each scored claim's confidence on its `rdf:Statement` (`dg:confidence`)."""
    for statement, score in scores.items():
        if (statement, RDF.type, RDF.Statement) in graph:
            # Three places, written as Oxigraph and rdflib both write them ("0.8", "1").
            value = Decimal(f"{score:.3f}").normalize()
            graph.add((statement, DG.confidence, Literal(value, datatype=XSD.decimal)))


def position_iri(role: Role) -> URIRef:
    """One position node per person, title, country and tenure."""
    return mint_iri("Position", role.person.key, role.title, role.country.key, role.status)


def _position_label(role: Role, corpus: ResolvedCorpus) -> str:
    flag = {"acting": "acting ", "former": "former "}.get(role.status, "")
    suffix = "-elect" if role.status == "elect" and not role.title.endswith("-elect") else ""
    country = load_gazetteer().countries[role.country.key].label
    return f"{flag}{role.title}{suffix} of {country}"


def _add_node(graph: Graph, kind: str, key: str, label: str, aliases: tuple[str, ...]) -> None:
    iri = mint_iri(kind, key)
    graph.add((iri, RDF.type, KIND_CLASS[kind]))
    graph.add((iri, RDFS.label, Literal(label)))
    for alias in aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    if kind == "Country":
        graph.add((iri, DG.iso3, Literal(key)))
        wikidata = load_gazetteer().countries[key].wikidata
        if wikidata:
            graph.add((iri, OWL.sameAs, WD[wikidata]))


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a source document.

    Document ids are file names, and "Report" and "report" are two files: an id
    with capitals gets the hash of its exact spelling (`mint_iri` folds case).
    """
    if doc_id != doc_id.lower():
        digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
        return mint_iri("Document", f"{doc_id}-{digest}")
    return mint_iri("Document", doc_id)


def _add_document(graph: Graph, facts: DocumentFacts) -> None:
    iri = document_iri(facts.doc_id)
    graph.add((iri, RDF.type, DG.Document))
    graph.add((iri, RDFS.label, Literal(facts.title or facts.doc_id)))
    graph.add((iri, DG.sourcePath, Literal(facts.source)))
    if facts.date:
        graph.add((iri, DG.datePublished, Literal(facts.date, datatype=XSD.date)))
    if facts.url:
        graph.add((iri, DG.url, Literal(facts.url, datatype=XSD.anyURI)))


def _claim(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef,
           evidence: Evidence) -> None:
    graph.add((subject, predicate, obj))
    digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:16]
    statement = ID[f"claim/{digest}"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    mention = mint_iri("Mention", evidence.doc_id, str(evidence.start_char),
                       str(evidence.end_char), evidence.rule)
    graph.add((statement, PROV.wasDerivedFrom, mention))
    graph.add((mention, RDF.type, DG.Mention))
    graph.add((mention, DG.document, document_iri(evidence.doc_id)))
    graph.add((mention, DG.sentence, Literal(evidence.sentence)))
    graph.add((mention, DG.startChar, Literal(evidence.start_char)))
    graph.add((mention, DG.endChar, Literal(evidence.end_char)))
    graph.add((mention, DG.rule, Literal(evidence.rule)))

"""The ontology's terms as constants, and the IRI scheme for minted nodes.

`DG` mirrors `ontology/diplograph.ttl`; `ID` is where entity, position, claim
and source IRIs are minted (see `rdf.mint_iri`).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/diplograph/ontology"
ID = Namespace("https://w3id.org/diplograph/id/")
WD = Namespace("http://www.wikidata.org/entity/")


class DG(DefinedNamespace):
    """diplograph ontology terms (CONTRACT.md fixes the first block)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")

    # Contract terms
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Agreement: URIRef
    Position: URIRef
    Event: URIRef
    iso3: URIRef
    partyTo: URIRef
    yearSigned: URIRef
    holdsPosition: URIRef
    title: URIRef
    country: URIRef
    agent: URIRef
    condemnedBy: URIRef

    # Actors and tenure
    Actor: URIRef
    Tenure: URIRef
    Incumbent: URIRef
    Acting: URIRef
    Former: URIRef
    Elect: URIRef
    tenure: URIRef
    attestedOn: URIRef
    eventDate: URIRef

    # Provenance
    Document: URIRef
    Mention: URIRef
    document: URIRef
    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef
    datePublished: URIRef
    sourcePath: URIRef
    url: URIRef
    confidence: URIRef

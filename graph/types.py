"""Frozen records handed from one stage to the next.

Reading yields `Document`s; extraction turns one parsed document into a
`DocumentFacts` of `Role`, `Party` and `Condemnation` claims, each carrying the
`Evidence` it came from; resolution merges entities across documents; the RDF
stage turns the result into a graph. Nothing here imports spaCy or rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["Country", "Person", "Organization", "Agreement", "Event"]
Status = Literal["current", "acting", "former", "elect"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input document. Character offsets everywhere refer to `text`.

    `text` is the decoded source; `clean` has markup and web boilerplate
    blanked out, at the same length, so an offset in one is an offset in the
    other, unless `offsets` is set (decoded HTML entities made `clean` shorter):
    then `offsets[i]` is the offset in `text` of `clean[i]`, with one more entry
    for its end.
    """

    id: str
    text: str
    source: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    clean: str | None = None
    offsets: tuple[int, ...] | None = None

    @property
    def body(self) -> str:
        """The text extraction reads: the cleaned text when there is one."""
        return self.clean if self.clean is not None else self.text


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim was read: document, sentence and its offsets, and the rule."""

    doc_id: str
    sentence: str
    start_char: int
    end_char: int
    rule: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity as extraction saw it.

    `key` is what resolution merges on: the ISO 3166-1 alpha-3 code for a
    country, a normalised name for everything else. `label` is the best name
    the document gave it; `aliases` the other names it used.
    """

    kind: EntityKind
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """A person holds an office for a country (person - role - country)."""

    person: Entity
    title: str
    country: Entity
    evidence: Evidence
    status: Status = "current"
    surface: str = ""
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A country is party to an agreement (country - agreement - year)."""

    country: Entity
    agreement: Entity
    evidence: Evidence
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Condemnation:
    """An event condemned by an actor, with who carried the event out."""

    event: Entity
    condemner: Entity
    evidence: Evidence
    agent: Entity | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Everything extraction found in one document."""

    doc_id: str
    source: str
    date: str | None
    url: str | None
    title: str | None
    sentences: int
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    parties: tuple[Party, ...] = ()
    condemnations: tuple[Condemnation, ...] = ()
    words: int = 0


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A document that could not be read; the build reports it and goes on."""

    source: str
    message: str


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the CLI summary."""

    documents: int
    sentences: int
    entities: dict[str, int]
    claims: dict[str, int]
    seconds: float
    problems: tuple[ReadProblem, ...] = ()
    outputs: tuple[str, ...] = field(default_factory=tuple)

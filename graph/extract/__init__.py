"""Extraction: one parsed document in, its claims out.

In: a `Document` and its spaCy `Doc`. Out: a `DocumentFacts` holding `Role`,
`Party` and `Condemnation` claims and the entities seen. Each relation kind is
one module (`roles`, `agreements`, `condemnations`); each declares the rules it
applies in a `RULES` mapping (versioned name -> what the rule catches), and
every claim names its rule in its `Evidence`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Document, DocumentFacts
from . import agreements, condemnations, roles
from .common import collect_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["all_rules", "extract_facts"]


def all_rules() -> dict[str, str]:
    """Every registered rule name with the one line that says what it catches."""
    return {**roles.RULES, **agreements.RULES, **condemnations.RULES}


def extract_facts(document: Document, doc: Doc) -> DocumentFacts:
    """Run every relation extractor over one parsed document."""
    found_roles = roles.extract_roles(document, doc)
    found_parties = agreements.extract_parties(document, doc, roles=found_roles)
    found_condemnations = condemnations.extract_condemnations(document, doc, roles=found_roles)
    return DocumentFacts(
        doc_id=document.id,
        source=document.source,
        date=document.date,
        url=document.url,
        title=document.title,
        sentences=sum(1 for sent in doc.sents if sent.text.strip()),
        words=sum(1 for token in doc if not (token.is_punct or token.is_space)),
        entities=collect_entities(doc),
        roles=found_roles,
        parties=found_parties,
        condemnations=found_condemnations,
    )

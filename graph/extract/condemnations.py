"""Event - condemned by - actor: what was condemned, by whom, who did it.

In: a parsed document and its roles. Out: `Condemnation` claims. (First version: to be written.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Condemnation, Document, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULES: dict[str, str] = {}


def extract_condemnations(document: Document, doc: Doc, *, roles: tuple[Role, ...] = ()
                          ) -> tuple[Condemnation, ...]:
    """Every explicit condemnation in the document."""
    return ()

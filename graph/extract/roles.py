"""Person - role - country: who holds which office for which state.

In: a parsed document. Out: `Role` claims. (First version: to be written.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Document, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULES: dict[str, str] = {}


def extract_roles(document: Document, doc: Doc) -> tuple[Role, ...]:
    """Every office a named person holds for a country, as the text states it."""
    return ()

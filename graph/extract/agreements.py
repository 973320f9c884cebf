"""Country - agreement - year: which states are party to which agreement.

In: a parsed document and its roles. Out: `Party` claims. (First version: to be written.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Document, Party, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULES: dict[str, str] = {}


def extract_parties(document: Document, doc: Doc, *, roles: tuple[Role, ...] = ()
                    ) -> tuple[Party, ...]:
    """Every country the text makes party to a named agreement."""
    return ()

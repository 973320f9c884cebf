"""Agreements not yet made: under negotiation, planned, hoped for or conditional.

In: the anchor token of an agreement mention (the token that stands for the name in
the parse). Out: whether the sentence places the agreement in the future, so that no
party claim is read from it: "negotiations on an X Agreement", "the decision to
negotiate a treaty", "towards the early conclusion of X", "a proposed treaty", "X will
be signed", "agreed to conclude X", "X, to be concluded by both countries", "my
commitment to concluding X", "once signed"; and signing nouns that report no signing
("since the conclusion of X", "the conclusion of a convention"). The words come from
`graph/data/agreement_status.tsv`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...gazetteer import data_rows
from .syntax import SIGN_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Tags that end the walk up from an agreement: the verb of a clause of its own.
CLAUSE_TAGS = {"VBD", "VBZ", "VBP", "VBN", "MD"}
# Heads of a gerund that looks ahead: "commitment to concluding", "towards signing".
AHEAD_PREPOSITIONS = {"to", "toward", "towards"}
# How far up the parse a governor may be.
MAX_STEPS = 8


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for kind, word in data_rows("agreement_status.tsv"):
        found.setdefault(kind, set()).add(word.lower())
    return {kind: frozenset(words) for kind, words in found.items()}


def status_words(kind: str) -> frozenset[str]:
    """The words of one kind ("plan", "modifier", "modal", "mark")."""
    return _words().get(kind, frozenset())


def is_planned(anchor: Token, head: Token | None = None) -> bool:
    """Whether the agreement at `anchor` (name head `head`) is only planned or negotiated."""
    head = head if head is not None else anchor
    if _modified(head) or any(_future_clause(c) for c in head.children
                              if c.dep_ in {"acl", "relcl"}):
        return True  # "a proposed treaty", "the MOU to be concluded by both countries"
    node = anchor
    for _ in range(MAX_STEPS):
        if node.dep_ == "ROOT" or node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in status_words("plan") or _modified(node):
            return True
        if node.pos_ in {"VERB", "AUX"}:
            if _future_clause(node):
                return True
            if node.tag_ in CLAUSE_TAGS:
                break
    return False


def is_unreported_signing(signing: Token, anchor: Token, *, descriptive: bool) -> bool:
    """Whether a signing noun ("the conclusion of", "the signing of") names no signing at the
    meeting a document reports: of an agreement not yet named ("the conclusion of a
    convention"), at another time ("since the conclusion of X") or under a condition ("would
    be supported by the conclusion of X")."""
    if descriptive and any(c.dep_ == "det" and c.lower_ in {"a", "an"}
                           for c in anchor.children):
        return True  # not "the signing of a Memorandum of Understanding on ..."
    node = signing
    for _ in range(MAX_STEPS):
        if node.dep_ == "ROOT" or node.head is node:
            break
        node = node.head
        if node.lower_ in status_words("before"):
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in status_words("conditional")
                       for c in node.children)  # not "will witness the signing of"
    return False


def _modified(token: Token) -> bool:
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in status_words("modifier")
               for c in token.children)


def _future_clause(verb: Token) -> bool:
    """ "will be signed", "to conclude", "once ratified", "(commitment) to concluding": a
    signing still to come ("to meet its commitments" holds a state to a treaty it has)."""
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in SIGN_LEMMAS:
        return False
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in status_words("modal"):
            return True
        if child.dep_ == "mark" and child.lower_ in status_words("mark"):
            return True
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in AHEAD_PREPOSITIONS

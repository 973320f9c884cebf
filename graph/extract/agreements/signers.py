"""Who signs at the meeting a document reports, and the list of documents signed there.

In: a signing verb (or a list item) and the document's `Context`. Out: the signers'
countries, or the meeting's two states when the signers are "the parties", "both
sides", officials of those states or unnamed (the passive); the line that introduces a
"documents signed" list; the document's year for a signing at the meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..docindex import index_of
from .parties import TITLE_NOUNS, Context
from .syntax import PASSIVE_DEPS, SUBJECT_DEPS, negated
from .vocab import load_name_data
from .years import DATING_LEMMAS, is_historic

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# How far back (in sentences) a list item may find the line that introduces its list.
LIST_WINDOW = 30
# Words of a line that introduces a list of documents signed or concluded at a meeting.
LIST_INTRO_LEMMAS = {"sign", "conclude", "conclusion", "signing", "exchange", "initial"}


def list_intro(item: Span, context: Context) -> Span | None:
    """ "the Prime Ministers agreed to the conclusion of six Memoranda of Understanding:" -
    the line ending in a colon, a few lines before an item that is a name alone, that speaks
    of signing or concluding."""
    found = index_of(context.doc)
    heads = load_name_data().heads
    number = found.sent_number(item.start)
    for sent in reversed(found.sents[max(0, number - LIST_WINDOW):number]):
        text = sent.text.rstrip()
        if text.endswith(":"):
            if any(t.lemma_.lower() in LIST_INTRO_LEMMAS for t in sent):
                return sent
            if not any(t.lower_ in heads for t in sent):
                return None  # an item's own "including a focus on:" does not end the list
    return None


def read_signers(verb: Token, context: Context) -> tuple[list[tuple[str, str]], bool]:
    """Who signs: the verb's actors and "with" partners, or the meeting's two states when
    the signers are "the parties", "both sides", officials of those states, or unnamed
    (the passive). True with the meeting's states."""
    found = context.actors(verb) + with_partners(verb, context)
    subjects = verb_subjects(verb)
    if signed_at_meeting(verb, subjects, found, context):
        return [(iso3, "") for iso3 in context.meeting], True
    return found, False


def verb_subjects(verb: Token) -> list[Token]:
    """A verb's subjects and passive agents (with their conjuncts), or its head verb's."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    subjects += [p for c in verb.children if c.dep_ == "agent" for p in c.children
                 if p.dep_ == "pobj"]
    if not subjects and verb.dep_ in {"conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return verb_subjects(verb.head)
    return [m for s in subjects for m in (s, *s.conjuncts)]


def signed_at_meeting(verb: Token, subjects: list[Token], found: list[tuple[str, str]],
                      context: Context, *, reduced: bool = False) -> bool:
    """Whether a signing is the meeting's: the document reports a meeting of two states,
    the signers name no other state, and they are unnamed (passive), collective ("the
    parties", "we"), or two or more people or officials. `reduced`: the verb is a participle
    on the agreement that the parser hung elsewhere (`syntax.reduced_relative`)."""
    meeting = set(context.meeting)
    isos = {iso3 for iso3, _ in found}
    if not meeting or not isos <= meeting or isos == meeting or negated(verb):
        return False
    if not subjects:
        # "... was signed", "a memorandum signed today", and an outcomes list's "Signed a ..."
        return reduced or verb.dep_ in {"acl", "ROOT"} or any(c.dep_ in PASSIVE_DEPS
                                                    for c in verb.children)
    if any(context.is_non_state(s) for s in subjects):
        return False
    if any(context.is_collective(s) for s in subjects):
        return True
    return len(subjects) >= 2 and all(s.pos_ == "PROPN" or s.ent_type_ == "PERSON"
                                      or s.lemma_.lower() in TITLE_NOUNS for s in subjects)


def meeting_year(verb: Token, at_meeting: bool, doc_year: int | None
                  ) -> tuple[int, str] | None:
    """The document's year for a signing at the meeting it reports, unless the sentence
    speaks of another time ("20 years of the treaty that we signed")."""
    if not at_meeting or doc_year is None or is_historic(verb.sent, doc_year) \
            or verb.lemma_.lower() not in DATING_LEMMAS:
        return None  # "we have ratified the NPT": ratifying dates one party's step
    if any(c.dep_ == "prep" and any(t.ent_type_ == "DATE" for t in c.subtree)
           for c in verb.children):
        return None  # "signed in November": a date of its own, which the text did not resolve
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
            and any(t.like_num for t in verb.subtree):
        return None  # "have signed 288 documents, including the treaty"
    return doc_year, "agreement.year.document.v1"


def with_partners(token: Token, context: Context,
                   prepositions: set[str] | None = None) -> list[tuple[str, str]]:
    """Countries in a "with Y" (or the given prepositions) phrase under `token`."""
    prepositions = prepositions or {"with"}
    partners: list[tuple[str, str]] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    partners.extend(context.countries(pobj))
    return partners

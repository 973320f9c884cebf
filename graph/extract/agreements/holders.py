"""Who holds an agreement without signing it in the sentence: who acts under it, marks
it, carries its duties, ratifies, implements or breaches it.

In: the token that stands for an agreement mention and the document's `Context`.
Out: the countries (ISO3 and surface) the construction makes its parties: "X and Y
cooperate under the treaty", "X and Y marked the anniversary of the accord", "Russia's
obligations under the convention", "the commitment of both countries to it", "call on X
to abide by its commitments under it", "the ratification of the treaty by X", "X's
accession to it". Collective actors ("both parties", "the two
leaders") stand for the two states of the meeting the document reports. The nouns and
verbs of ratifying, implementing and leaving are read from `agreement_acts.tsv`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ...gazetteer import data_rows
from .parties import FIRST_PERSON, Context
from .signers import verb_subjects, with_partners
from .syntax import OBLIGATION_NOUNS, SUBJECT_DEPS, negated
from .years import SIGNING_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions that tie an agreement to a duty: "obligations under", "commitment to",
# "commitments in".
DUTY_PREPOSITIONS = {"under", "to", "in"}
# Possessive pronouns of a duty, which stand for whoever the sentence has act on it.
PRONOUN_POSSESSORS = {"its", "their", "our", "his", "her", "my"}
UNDER_PREPOSITIONS = {"through", "under", "via"}
# Words that set an "under X" phrase off from its verb: "cooperating, including under X".
INCLUDING_WORDS = {"including", "notably", "especially", "particularly"}
# How many verbs an "under X" phrase may climb to find who acts under it.
UNDER_CLIMB = 3
# "X and Y marked the 70th anniversary of (the signing of) the treaty".
ANNIVERSARY_VERBS = {"mark", "celebrate", "commemorate", "observe", "hail"}


@lru_cache(maxsize=1)
def act_words() -> dict[str, dict[str, str]]:
    """kind ("noun", "verb") -> word -> the preposition that joins it to the agreement."""
    words: dict[str, dict[str, str]] = {}
    for kind, word, preposition in data_rows("agreement_acts.tsv"):
        words.setdefault(kind, {})[word.lower()] = preposition.lower()
    return words


def collective_actors(verb: Token, context: Context) -> list[tuple[str, str]]:
    """Who does `verb`; "both parties", "the two leaders", "we" stand for the meeting's
    two states when the document reports a meeting and names no one else."""
    found = context.actors(verb)
    if found or not context.meeting or negated(verb):
        return found
    if any(context.is_collective(s) for s in verb_subjects(verb)):
        return [(iso3, "") for iso3 in context.meeting]
    return []


def _holder_countries(token: Token, context: Context) -> list[tuple[str, str]]:
    """The countries a holder phrase names, or the meeting's states for a collective one
    ("the commitment of both countries")."""
    found = context.countries(token)
    if not found and context.meeting and context.is_collective(token):
        return [(iso3, "") for iso3 in context.meeting]
    return found


def _verb_of(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("abide by
    their commitments")."""
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def duty_holders(anchor: Token, context: Context) -> list[tuple[str, str]]:
    """ "Russia's obligations under the treaty", "the commitment of both countries to it",
    "call on X to abide by its commitments under it": who carries the agreement's duties."""
    if not (anchor.dep_ == "pobj" and anchor.head.lower_ in DUTY_PREPOSITIONS):
        return []
    duty = anchor.head.head
    if duty.lemma_.lower() not in OBLIGATION_NOUNS or negated(duty):
        return []
    verb = _verb_of(duty)
    if verb is not None and negated(verb):
        return []
    found: list[tuple[str, str]] = []
    for child in duty.children:
        if child.dep_ == "poss":
            if child.lower_ in FIRST_PERSON:
                found.extend(context.countries(child))  # the speaker's country
            if child.lower_ in PRONOUN_POSSESSORS and not found and verb is not None:
                found.extend(collective_actors(verb, context))
            elif child.lower_ not in PRONOUN_POSSESSORS:
                found.extend(_holder_countries(child, context))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for holder in child.children:
                if holder.dep_ == "pobj":
                    found.extend(_holder_countries(holder, context))
    return found


def act_holders(anchor: Token, context: Context) -> list[tuple[str, str]]:
    """ "the ratification of the treaty by X", "X's accession to it", "a violation by X of
    it": who ratifies, implements or breaches it (verbs of `agreement_acts.tsv` with their
    preposition as well)."""
    if not (anchor.dep_ == "pobj" and anchor.head.dep_ == "prep"):
        return []
    preposition = anchor.head.lower_
    act = anchor.head.head
    holder = None
    if preposition == "of" and act.dep_ == "pobj" and act.head.lower_ == "by":
        holder, act = act, act.head.head  # "the violation by X of the charter", "of" on X
    word = act.lemma_.lower()
    if act.pos_ == "VERB":
        if act_words().get("verb", {}).get(word) != preposition or negated(act):
            return []
        return collective_actors(act, context)
    if act_words().get("noun", {}).get(word) != preposition or negated(act):
        return []
    if act.dep_ in {"dobj", "nsubjpass", "nsubj"} and negated(act.head):
        return []
    if holder is not None:
        return context.countries(holder)
    found: list[tuple[str, str]] = []
    # "the ratification of the protocol by X": the model often hangs the "by" on the name
    by_name = [c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "by"]
    for child in [*act.children, *by_name]:
        if child.dep_ == "poss" and child.lower_ not in PRONOUN_POSSESSORS | FIRST_PERSON:
            found.extend(context.countries(child))
        elif child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "of"
                                       and preposition != "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(context.countries(pobj))
    return found


def under_holders(anchor: Token, context: Context) -> list[tuple[str, str]]:
    """ "X and Y can play a role cooperating, including under the UNFCCC", "engagement
    occurring between the two countries through the Convention": who acts under (through)
    the agreement, read up from the preposition to the nearest verb with a subject or a
    "between" phrase (past "including" and verbs that take their subject from above)."""
    if not (anchor.dep_ == "pobj" and anchor.head.lower_ in UNDER_PREPOSITIONS):
        return []
    node = anchor.head.head
    for _ in range(UNDER_CLIMB):
        if node.dep_ == "prep" and node.lower_ in INCLUDING_WORDS:
            node = node.head  # "cooperating ..., including under the X"
        if node.pos_ not in {"VERB", "AUX"} or negated(node):
            return []
        partners = with_partners(node, context, {"between", "among"})
        if partners:
            return partners
        if any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return collective_actors(node, context)
        if node.dep_ not in {"xcomp", "acl", "advcl", "conj"} or node.head is node:
            return []
        node = node.head
    return []


def anniversary_holders(anchor: Token, context: Context) -> list[tuple[str, str]]:
    """ "Britain and Ireland marked the 25th anniversary of the accord": two or more states
    marking it together are its parties (one state may only be marking a date)."""
    node = anchor
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in SIGNING_NOUNS:
        node = node.head.head
    if not (node.dep_ == "pobj" and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() == "anniversary"):
        return []
    verb = node.head.head.head
    if node.head.head.dep_ != "dobj" or verb.lemma_.lower() not in ANNIVERSARY_VERBS \
            or negated(verb):
        return []
    holders = context.actors(verb)
    return holders if len({iso3 for iso3, _ in holders}) >= 2 else []

"""What a condemning verb condemns: its objects, after the parser's usual slips.

In: the condemning verb and the objects the parse gives it. Out: the objects that
name an act. A general class ("hate speech", "terrorism in all its forms") is no
event, though what it is "including" is; an object placed after a verb coordinated
with the condemning one is that verb's; a possessed act coordinated with a name
inside an object is an object of its own; "condemn Russia for its invasion" condemns
the act after "for"; an infinitive hung on the verb completes the object. Long lists
the parser breaks ("..., launched in 2014, as well as the rhetoric and threats"; items
hung on the subject) still give one object per item, and "the violation of sovereignty
and territorial integrity" stays one violation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors import ACTOR_NOUNS, ActorContext, conjuncts, group_entity
from .events import VIOLATION_NOUNS
from .labels import event_nouns, is_own_act

if TYPE_CHECKING:
    from spacy.tokens import Token

# "all forms of authoritarianism", "terrorism in all its forms": a class of acts, not an act.
CLASS_NOUNS = {"form", "kind", "type", "manifestation"}


def own_objects(objects: list[Token], verb: Token) -> list[Token]:
    """ "condemned the violence and committed to ... the release of those": an object
    after a verb coordinated with the condemning one is that verb's, whatever the parser
    hung it on (a long list-like sentence)."""
    if not objects:
        return objects
    first = min(o.i for o in objects)
    verbs = [c.i for c in verb.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
             and c.i > first]
    return [o for o in objects if not any(v < o.i for v in verbs)]

def stray_infinitive(verb: Token, head: Token) -> Token | None:
    """ "condemn the decisions by X to expand the war": an infinitive the parser hung on
    the condemning verb right after the object completes the object."""
    if head.pos_ != "NOUN":
        return None
    by_phrase = {t.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                 for t in c.subtree}
    for clause in verb.children:
        if clause.dep_ not in {"advcl", "xcomp"} or clause.i < head.i or not any(
                a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            continue
        gap = range(head.right_edge.i + 1, clause.left_edge.i)
        if all(i in by_phrase for i in gap):
            return clause
    return None

def specific(objects: list[Token], verb: Token) -> list[Token]:
    """The objects that name an act: a general class ("hate speech", "terrorism in any
    form", "all forms of aggression") is no event, but what it is "including" is."""
    out: list[Token] = []
    for obj in objects:
        included = [p for owner in (obj, verb) for c in owner.children
                    if c.dep_ == "prep" and c.lower_ == "including"
                    for p in c.children if p.dep_ == "pobj"]
        if _is_class(obj):
            out.extend(e for p in included for e in conjuncts(p) if not _is_class(e))
        else:
            out.append(obj)
    return out

def _is_class(token: Token) -> bool:
    if token.pos_ != "NOUN":
        return False
    if token.lemma_.lower() in CLASS_NOUNS:
        return True
    for prep in token.children:
        if prep.dep_ == "prep" and any(p.lemma_.lower() in CLASS_NOUNS for p in prep.children):
            return True  # "in all its forms", "in any form"
    # A bare singular noun with nothing that says which act: "condemn hate speech".
    return token.tag_ == "NN" and all(c.dep_ in {"amod", "compound", "punct", "cc", "conj"}
                                      for c in token.children)

def stray_objects(objects: list[Token], ctx: ActorContext) -> list[Token]:
    """ "the transfer of missiles to Russia and Russia's use of them": a possessed act (or
    an act noun with its determiner) the parser coordinated with a noun inside the first
    object is a further object."""
    seen = {o.i for o in objects}
    out = []
    for obj in objects:
        for token in obj.subtree:
            if token.i in seen or token.dep_ != "conj" or token.pos_ != "NOUN" or \
                    token.head.dep_ != "pobj" or token.lemma_.lower().rstrip("s") in ACTOR_NOUNS:
                continue
            # "the violation of the integrity of Ukraine and the annexation of ...": an
            # act noun of its own, with its determiner, coordinated inside the object.
            listed = _after_as_well_as(token)
            act = is_own_act(token) or listed
            possessed = token.head.pos_ == "PROPN" and any(
                c.dep_ == "poss" and group_entity(c, ctx) for c in token.children)
            if act or possessed:
                # "as well as persecution and imprisonment of ...": each item of the list.
                items = [t for t in [*conjuncts(token), *_next_item(token)] if t.i not in seen] \
                    if listed else [token]
                out.extend(items)
                seen.update(t.i for t in items)
    return out

def _after_as_well_as(token: Token) -> bool:
    """ "the outlawing of X as so-called groups, as well as the persecution of Y": an act
    noun after "as well as" is a further item of the list, wherever the parser hung it."""
    before = [t.lower_ for t in token.doc[max(token.left_edge.i - 3, 0):token.left_edge.i]]
    return before == ["as", "well", "as"] and token.lemma_.lower() in event_nouns()


def _next_item(token: Token) -> list[Token]:
    """ "persecution and imprisonment of X": the noun right after "and" that the parser
    coordinated with some other word is still this item's partner."""
    doc, end = token.doc, token.right_edge.i
    if end + 2 < len(doc) and doc[end + 1].lower_ == "and" and \
            doc[end + 2].pos_ == "NOUN" and doc[end + 2].dep_ == "conj":
        return [doc[end + 2]]
    return []


def for_phrase(verb: Token, actor: Token) -> Token | None:
    """In "condemn Russia for its invasion", the act after "for"."""
    for owner in (verb, actor):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for child in prep.children:
                    if child.dep_ in {"pobj", "pcomp"}:
                        return child
    return None

def participle_conjuncts(verb: Token, objects: list[Token]) -> list[Token]:
    """ "condemn the aggression, launched in 2014, as well as the rhetoric and threats": the
    parser coordinates the later objects with the participle that describes the first one;
    nouns coordinated with a subjectless participle hung on the verb are objects too."""
    if not objects:
        return []
    first = min(o.i for o in objects)
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ not in {"advcl", "acl"} or clause.tag_ != "VBN" or clause.i < first or \
                any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            continue
        for noun in clause.children:
            if noun.dep_ == "conj" and noun.pos_ == "NOUN":
                out.extend(conjuncts(noun))
    return out

def misattached_items(verb: Token, objects: list[Token]) -> list[Token]:
    """ "condemned cross-border shelling, the flow of fighters and the movement of weapons":
    a list item after the object that the parser hung on a word before the verb (as an
    apposition of the subject) can only be a further object."""
    if not objects:
        return []
    last = max(o.right_edge.i for o in objects)
    out: list[Token] = []
    for token in verb.doc[last + 1:verb.sent.end]:
        if token.pos_ == "NOUN" and token.dep_ in {"appos", "conj"} and token.head.i < verb.i:
            out.extend(conjuncts(token))
    return out

def violated_thing(token: Token) -> bool:
    """ "the violation of sovereignty and territorial integrity of ...": the parser often
    coordinates the second violated thing with the violation itself. A bare noun (no
    determiner, no act noun) right after "violation of X and" is what was violated."""
    violation = token.head
    if token.dep_ != "conj" or violation.lemma_.lower() not in VIOLATION_NOUNS:
        return False
    if token.lemma_.lower() in VIOLATION_NOUNS | event_nouns() or any(
            c.dep_ in {"det", "poss"} for c in token.children):
        return False
    violated = [p for c in violation.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]
    before = token.doc[token.left_edge.i - 1]
    return before.dep_ == "cc" and any(p.right_edge.i in {before.i - 1, before.i}
                                       for p in violated)

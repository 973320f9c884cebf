"""The syntax agreement rules share: which verb governs an agreement, negation.

In: spaCy tokens of a parsed sentence. Out: the verb or yes/no answers the
party rules in `agreements` build on. Dependency labels are named sets here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Verbs by which a state becomes party to an agreement.
SIGN_LEMMAS = {"sign", "conclude", "ratify", "approve", "join", "accede", "adopt", "ink", "seal",
               "forge", "enter", "agree", "renew", "reach", "co-sign", "cosign", "rejoin"}
# "the commitments (stated) in the agreement": nouns that carry its duties.
OBLIGATION_NOUNS = {"limit", "commitment", "obligation", "provision", "term", "pledge", "promise",
                    "duty"}
# The agreement as the object of a verb, active or passive ("signed the treaty",
# "the treaty was signed").
OBJECT_DEPS = {"dobj", "nsubjpass"}
SUBJECT_DEPS = {"nsubj"}
# A passive signing: "the declaration was signed".
PASSIVE_DEPS = {"auxpass", "nsubjpass"}
# Prepositions that join an agreement to a verb of signing ("accede to", "enter into").
VERB_PREPOSITIONS = {"to", "into", "on", "upon", "by", "with"}
# "the treaty, which they signed": pronouns that open a relative clause.
RELATIVE_PRONOUNS = {"which", "that", "who"}


def relative_is_not_object(verb: Token) -> bool:
    """Whether a relative clause has its own object or a relative subject ("which ended ...")."""
    return any(c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS
               or c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS
               for c in verb.children)


def negated(token: Token) -> bool:
    """ "did not sign", "is not a party": a negated claim is no claim."""
    return any(c.dep_ == "neg" for c in token.children)


def governing_verb(anchor: Token) -> Token | None:
    """The verb whose object the agreement is, directly, through a preposition
    ("accede to"), or through the duties it holds ("meet the commitments in")."""
    node = anchor
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        holder = node.head.head
        if holder.dep_ == "acl" and holder.pos_ == "VERB":
            holder = holder.head  # "the commitments stated in the agreement"
        if holder.lemma_.lower() in OBLIGATION_NOUNS:
            node = holder
            # "its commitment to its obligations under the treaty"
            while node.dep_ == "pobj" and node.head.dep_ == "prep" \
                    and node.head.head.lemma_.lower() in OBLIGATION_NOUNS:
                node = node.head.head
        elif node.head.lower_ in VERB_PREPOSITIONS and holder.pos_ == "VERB":
            return holder
    if node.dep_ in OBJECT_DEPS and node.head.pos_ in {"VERB", "AUX"}:
        return node.head
    return None


def through_obligation(anchor: Token) -> bool:
    """ "its obligations under the treaty": the agreement reaches its verb through a duty."""
    return anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" \
        and anchor.head.head.lemma_.lower() in OBLIGATION_NOUNS


def reduced_relative(end: int, sent: Span) -> Token | None:
    """ "the MOU on X signed by the Prime Ministers in 2008", "the Declaration (CSP), signed
    in June 2015, ...": a signing participle right after a name (past commas and a bracketed
    acronym) that the small model hung on the main verb instead of on the name."""
    doc = sent.doc
    depth = 0
    i = end
    while i < sent.end:
        token = doc[i]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and not token.is_punct:
            break
        i += 1
    if i >= sent.end or depth:
        return None
    token = doc[i]
    if token.tag_ != "VBN" or token.dep_ not in {"advcl", "conj", "ccomp"} \
            or token.lemma_.lower() not in SIGN_LEMMAS:
        return None
    if any(c.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {"aux", "auxpass"} for c in token.children):
        return None  # a clause of its own: "..., signed it", "... was signed"
    return token

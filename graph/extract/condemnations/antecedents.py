"""The earlier mention a pointing phrase condemns: "these cowardly attacks", "such an act".

In: the head of a condemned noun phrase that points back ("this brutal attack",
"these views", "such an act of terrorism"). Out: the token of the nearest earlier
mention of the same act that says more about it ("the attacks on innocent people
in Kano"), or None. A general act noun ("act", "action") points back to any act
noun of data/event_nominals.tsv.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events import UNNAMED_ACT_NOUNS, event_nouns
from .labels import TARGET_PREPS

if TYPE_CHECKING:
    from spacy.tokens import Token

POINTING_WORDS = {"this", "these", "that", "those", "such"}
# Phrases that describe an act without saying which one it was.
DESCRIBING_DEPS = {"det", "predet", "amod", "punct", "cc", "conj", "acl", "relcl", "advmod"}
LOOK_BACK_SENTENCES = 2
# Actors named by a common noun that points back ("the country's actions").
POINTING_ACTORS = {"country", "regime", "state", "government", "nation"}


def antecedent_mention(token: Token) -> Token | None:
    """The fuller earlier mention of the act a pointing noun phrase refers to."""
    if token.pos_ != "NOUN" or not _points_back(token):
        return None
    lemma = token.lemma_.lower()
    general = lemma in UNNAMED_ACT_NOUNS
    doc = token.doc
    sent = token.sent
    candidates = [t for t in reversed(doc[sent.start:token.i])]
    for _ in range(LOOK_BACK_SENTENCES):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        candidates.extend(reversed(list(sent)))
    for candidate in candidates:
        word = candidate.lemma_.lower()
        same = word == lemma or (general and word in event_nouns())
        if same and candidate.pos_ == "NOUN" and not _points_back(candidate) and \
                _informative(candidate):
            return candidate
    return None


def _points_back(token: Token) -> bool:
    """ "this attack", "these cowardly attacks", "such an act (of terrorism)": a pointing
    word and words that only describe."""
    pointing = [c for c in token.children if c.lower_ in POINTING_WORDS or (
        token.lemma_.lower() in UNNAMED_ACT_NOUNS and _unnamed_possessor(c))]
    if not pointing:
        return False
    for child in token.children:
        if child.dep_ in DESCRIBING_DEPS or child in pointing:
            continue
        if child.dep_ == "prep" and child.lower_ in {"of", "by"} and all(
                p.dep_ == "pobj" and not any(g.dep_ in {"det", "prep"} for g in p.children)
                for p in child.children):
            continue  # "acts of terrorism", "act committed by terrorists"
        return False
    return True


def _unnamed_possessor(token: Token) -> bool:
    """ "its actions", "the country's actions": an actor named only by a pointing word."""
    if token.dep_ != "poss":
        return False
    if token.pos_ == "PRON":
        return token.lower_ in {"its", "their"}
    return token.lemma_.lower() in POINTING_ACTORS and any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)


def _informative(token: Token) -> bool:
    """Whether a mention says where, against whom or by whom ("attack on the compound")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS | {"by"} and any(
                p.dep_ == "pobj" for p in child.children):
            return True
        if child.dep_ in {"compound", "poss"} and child.pos_ in {"NOUN", "PROPN"}:
            return True
        if child.dep_ in {"relcl", "acl"}:
            return True
    return False

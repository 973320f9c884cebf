"""Coordinated holders of one office and a list of as many countries, in respective order.

In: one role mention without a stated country, the document's other mentions and the
sentence's parse. Out: the country in the same place of the sentence's one list of N
coordinated countries as the mention holds among N coordinated, unmarked holders of
the same office ("Prime Minister A and Prime Minister B met ... between X and Y"), or
None. Places and destinations ("met in Suva", "travelled to X") are no such list; the
place and destination tests are shared with `country`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..common import COUNTRY_LABELS, country_of_span
from ..docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...types import Entity

CONJ_DEPS = {"conj"}
# A country that is where someone goes says nothing about whose official anyone is.
DESTINATION_PREPS = {"to", "into", "toward", "towards"}
DESTINATION_VERBS = {"visit", "reach", "tour", "enter"}
# A country after these is where something happens, who hosts it or a partner: it says
# nothing about whose official the people around it are.
PLACE_PREPS = {"in", "at", "by", "with", "to", "from", "into", "toward", "towards",
               "against", "among", "across", "around", "near", "within",
               # ... or what a sentence is about ("a statement on Ethiopia")
               "on", "about", "regarding", "concerning", "over"}


def respective_country(doc: Doc, mention: Any, keyed: list[tuple[str, Any]]) -> Entity | None:
    """The country in the same place of a coordinated list of N countries as the mention
    holds among N coordinated, unmarked holders of the same office."""
    token = doc[mention.token]
    root = token
    while root.dep_ in CONJ_DEPS and root.head.i != root.i:
        root = root.head
    group = sorted({m.token for _, m in keyed if m.token >= 0 and m.canonical == mention.canonical
                    and m.country is None and m.sent == mention.sent
                    and _conj_root(doc[m.token]).i == root.i})
    if len(group) < 2 or len({_key for _key, m in keyed if m.token in group}) != len(group):
        return None
    lists = [found for found in _ordered_lists(mention.sent) if len(found) == len(group)]
    if len(lists) != 1:
        return None
    return lists[0][group.index(mention.token)]


def _conj_root(token: Token) -> Token:
    while token.dep_ in CONJ_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _ordered_lists(sent: Span) -> list[list[Entity]]:
    """Countries coordinated in one list, in text order (not places or destinations)."""
    groups: dict[int, list[Entity]] = {}
    for ent in index_of(sent.doc).ents_in(sent):
        country = country_of_span(ent, allow_demonym=False) \
            if ent.label_ in COUNTRY_LABELS else None
        if country is None or placed(ent) or destination(ent):
            continue
        found = groups.setdefault(_conj_root(ent.root).i, [])
        if all(c.key != country.key for c in found):
            found.append(country)
    return [g for g in groups.values() if len(g) >= 2]



def placed(ent: Span) -> bool:
    """'in Seoul', 'hosted by Korea', 'a summit with China': a place, host or partner."""
    token = ent.root
    while token.dep_ in CONJ_DEPS and token.head.i != token.i:
        token = token.head
    return token.dep_ in {"pobj", "agent"} and token.head.lower_ in PLACE_PREPS


def destination(ent: Span) -> bool:
    """'visited Japan', 'welcome X to Korea': a country that is only where someone goes."""
    token = ent.root
    while token.dep_ in CONJ_DEPS and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in DESTINATION_PREPS
    return token.dep_ == "dobj" and token.head.lemma_ in DESTINATION_VERBS

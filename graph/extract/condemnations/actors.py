"""The entity a noun stands for: a country, an organisation, an armed group, an office.

In: a token of a parsed document (a subject, a possessor, a "by" object) and,
for bodies named once and then by their last word ("the council"), the
document's `ActorContext`. Out: an `Entity` (Country or Organization) or None.
Heads such as "ministry", "forces" or "allies" stand for the state or body that
modifies them; an office of an international organisation ("the OIC Secretary
General") stands for that organisation (data/condemn_org_offices.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ...gazetteer import data_rows, load_gazetteer, normalize_name
from ...types import Entity, Role
from ..common import country_of_span, name_key, organization_of_span
from ..context.authors import countries_in_words
from ..context.speakers import Turn
from ..docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
CONJ_DEPS = {"conj", "appos"}
# Heads that stand for a state or body when a country or organisation modifies
# them ("South Korea's foreign ministry", "Russian forces", "NATO allies").
ACTOR_NOUNS = {"ministry", "government", "minister", "president", "spokesperson", "spokesman",
               "spokeswoman", "office", "embassy", "administration", "leader", "leadership",
               "official", "department", "cabinet", "parliament", "assembly", "delegation",
               "mission", "ambassador", "envoy", "chancellor", "premier", "secretary",
               "council", "state", "ally", "member", "force", "troop", "military", "army",
               "navy", "regime", "authority", "soldier", "militant", "side", "counterpart",
               "chief", "command", "agency", "representative", "congress", "senate", "house",
               "nation", "country"}


@dataclass(frozen=True, slots=True)
class ActorContext:
    """What a document tells about its speakers, authors and the bodies it names."""

    turns: tuple[Turn, ...]
    roles: tuple[Role, ...]
    authors: tuple[Entity, ...]
    joint: bool
    orgs: tuple[Entity, ...]
    # The state or body whose own site published the document (None for news sites).
    publisher: Entity | None = None



def entity_at(token: Token) -> Span | None:
    """The named entity that covers `token`, if any."""
    return index_of(token.doc).ent_at(token.i)



def conjuncts(token: Token) -> list[Token]:
    """`token` and the tokens coordinated with it ("Japan and the EU")."""
    out = [token]
    for child in token.children:
        if child.dep_ in CONJ_DEPS and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            out.extend(conjuncts(child))
    return out



def group_entity(token: Token, ctx: ActorContext | None = None) -> Entity | None:
    """The country or organisation a noun stands for ("Seoul", "NATO allies", "the council")."""
    ent, word = entity_at(token), token.lemma_.lower()
    # Plural and capitalised heads count ("the G7 Foreign Ministers").
    body = word in ACTOR_NOUNS or (word.endswith("s") and word[:-1] in ACTOR_NOUNS)
    if (group := armed_group(token)) is not None:
        return group
    if ent is not None and ent.label_ in {"GPE", "NORP", "ORG", "LOC"}:
        found = country_of_span(ent, allow_capital=True)
        # A body the model guessed ("the Foreign Ministry of China") belongs to its country.
        if found is None and ent.label_ == "ORG" and body and not ent.ent_id_:
            # "The Government of Republic of Korea(ROK)": a state body the tokenizer glued.
            named = countries_in_words(tuple(re.split(r"[\s()\[\],]+", ent.text)))
            found = named[0] if len(named) == 1 else None
        if found is None and ent.label_ == "ORG" and (ent.ent_id_ or not body):
            found = organization_of_span(ent)
        if found is not None:
            return found
    if not body:
        return None
    for child in owner_modifiers(token):
        if ent is not None and ent.start <= child.i < ent.end and child.ent_type_ == "ORG":
            continue  # part of the same guessed name
        found = group_entity(child)
        if found is not None:
            return found
    if ent is not None and ent.label_ == "ORG":
        return organization_of_span(ent)
    if ctx is not None:
        # "the council" after "the UN Security Council": one body ends with that word.
        same = [o for o in ctx.orgs if o.label.lower().split()[-1] == token.lemma_.lower()]
        if len(same) == 1:
            return same[0]
    return None



def armed_group(token: Token) -> Entity | None:
    """A non-state armed group a token names ("the Houthis", "Hamas'", "Houthi attacks")."""
    ent = entity_at(token)
    names = [normalize_name(ent.text)] if ent is not None else []
    for text in (*names, token.text):
        label = _armed_groups().get(text)
        if label is not None:
            return Entity("Organization", name_key(label), label)
    return None



@lru_cache(maxsize=1)
def _armed_groups() -> dict[str, str]:
    """Name or form -> preferred label, from data/event_agents.tsv."""
    raw = resources.files("graph.data").joinpath("event_agents.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in raw.splitlines()
            if line.strip() and not line.startswith("#")]
    return {name.strip(): row[0].strip() for row in rows
            for name in (row[0], *(row[1].split("|") if len(row) > 1 else ()))}



def office_organization(token: Token, ctx: ActorContext | None = None,
                        *, look_back: bool = True) -> Entity | None:
    """ "the OIC Secretary General", "Secretary-General Ban": the organisation of an office
    of an international organisation (data/condemn_org_offices.tsv), named beside the title,
    else beside the same title earlier in the document ("Commonwealth Secretary-General
    Sharma ... said the Secretary-General"), else the title's default."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "amod"}
             or t.i == token.i]
    text = " ".join(t.lower_ for t in words if t.ent_type_ != "PERSON" or t.lower_ in
                    {"secretary", "general"})
    title = next((t for t in org_office_defaults() if t in text.replace(" - ", "-")), None)
    if title is None:
        return None
    for child in words:
        ent = entity_at(child)
        if ent is not None and ent.label_ == "ORG":
            found = organization_of_span(ent)
            if found is not None and load_gazetteer().country(ent.text) is None:
                return found
    if look_back:
        for earlier in token.doc[:token.i]:
            if earlier.dep_ in {"compound", "amod"} or earlier.pos_ not in {"NOUN", "PROPN"}:
                continue
            found = office_organization(earlier, look_back=False)
            if found is not None and _named_beside(earlier):
                return found
    key = org_office_defaults()[title]
    org = load_gazetteer().organization(key) if key else None
    return Entity("Organization", org.key, org.label) if org is not None else None


def _named_beside(token: Token) -> bool:
    """Whether an organisation's name stands in a title's own words."""
    for word in token.subtree:
        ent = entity_at(word) if word.i <= token.i and word.dep_ in {"compound", "amod"} \
            else None
        if ent is not None and ent.label_ == "ORG":
            return True
    return False


@lru_cache(maxsize=1)
def org_office_defaults() -> dict[str, str]:
    return {row[0]: ("" if row[1] == "-" else row[1])
            for row in data_rows("condemn_org_offices.tsv")}


def owner_modifiers(token: Token) -> list[Token]:
    """Tokens that say whose a head is: possessor, compounds, adjectives, "of X"."""
    out = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    out.extend(owner_modifiers(pobj))
    return out

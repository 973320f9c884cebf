"""Who condemns, and who acted: the entity a noun phrase, pronoun or speaker stands for.

In: a token of a parsed document (a subject, a possessor, a "by" object), the
document's speaker turns and the roles extracted from it. Out: `Entity` records
(Country, Organization or Person). A "we" or "I" is the speaker's country in a
transcript, the quoted speaker in reported speech, and the authors of a
statement otherwise (or the one country speaking in the present tense in a
government's release); "we" in a joint meeting's readout is every side's.
Unnamed officials ("the three ministers", "The Secretary") and bare surnames
resolve through the roles (`groups`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ...gazetteer import data_rows, load_gazetteer, normalize_name
from ...types import Document, Entity, Role
from ..common import country_of_span, name_key, organization_of_span, unique_entities
from ..context.authors import countries_in_words, statement_authors
from ..context.speakers import Turn, find_turns, turn_at
from ..docindex import index_of
from .groups import document_voice, officials_group, titled_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
CONJ_DEPS = {"conj", "appos"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_PRONOUNS = {"we", "us", "i", "me"}
REPORTED_PRONOUNS = {"it", "they", "he", "she"}
SPEECH_VERBS = {"say", "tell", "add", "state", "declare", "note", "write", "tweet", "post",
                "announce", "stress", "emphasize", "emphasise", "insist", "warn", "reiterate"}
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
# Plural heads that, unmodified, mean a statement's authors ("the ministers condemned").
AUTHOR_GROUP_NOUNS = {"minister", "leader", "side", "participant", "delegation", "partner",
                      "government", "country", "nation", "signatory", "member", "party",
                      "president", "head", "secretary"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "his", "her", "excellency", "hon"}
# Words of a speaker label that are not the speaker's name.
TITLE_WORDS = {"secretary", "minister", "foreign", "prime", "president", "vice", "deputy",
               "state", "defense", "defence", "general", "ambassador", "spokesperson", "chief",
               "director", "chairman", "chair", "senator", "representative", "governor",
               "chancellor", "premier", "king", "queen", "under", "assistant", "acting", "of",
               "the", "and", "national", "security", "adviser", "advisor", "affairs", "mr",
               "ms", "mrs", "dr", "admiral", "speaker", "leader"}
_JOINT = re.compile(r"\bjoint\s+(?:press|news|statement|declaration|communiqu|readout|"
                    r"conference|availability)", re.IGNORECASE)
_HEAD_CHARS = 1500


@dataclass(frozen=True, slots=True)
class ActorContext:
    """What a document tells about its speakers, authors and the bodies it names."""

    turns: tuple[Turn, ...]
    roles: tuple[Role, ...]
    authors: tuple[Entity, ...]
    joint: bool
    orgs: tuple[Entity, ...]


def actor_context(document: Document, doc: Doc, roles: tuple[Role, ...]) -> ActorContext:
    """The speakers, statement authors and named organisations of one document."""
    head = f"{document.title or ''}\n{document.body[:_HEAD_CHARS]}"
    orgs: dict[str, Entity] = {}
    for ent in doc.ents:
        org = organization_of_span(ent) if ent.label_ == "ORG" and ent.ent_id_ else None
        if org is not None:
            orgs.setdefault(org.key, org)
    return ActorContext(turns=find_turns(document.body), roles=roles,
                        authors=statement_authors(document, doc),
                        joint=bool(_JOINT.search(head)), orgs=tuple(orgs.values()))


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
        if found is None and ent.label_ == "ORG" and (ent.ent_id_ or not body):
            found = organization_of_span(ent)
        if found is not None:
            return found
    if not body:
        return None
    for child in _modifiers(token):
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


def actor_entity(token: Token, ctx: ActorContext) -> Entity | None:
    """The entity a noun phrase head names: a country, an organisation or a person."""
    ent = entity_at(token)
    if ent is not None and ent.label_ == "PERSON":
        role = person_role(ent.text, ctx.roles)
        if role is not None:
            return role.person
        for child in _modifiers(token):
            found = group_entity(child, ctx)
            if found is not None:
                return found
        office = office_organization(token, ctx)
        if office is not None:
            return office
        label = normalize_name(ent.text)
        return Entity("Person", name_key(label), label)
    office = office_organization(token, ctx)
    if office is not None:
        return office
    found = group_entity(token, ctx)
    if found is None and token.pos_ == "PROPN":
        # A bare name the model did not tag ("Yoon and Kishida"): one role's person.
        name = " ".join(t.text for t in token.subtree if t.dep_ in {"compound", "flat"}
                        or t.i == token.i)
        role = person_role(name, ctx.roles)
        return role.person if role is not None else None
    return found


def condemners_of(subject: Token, verb: Token, ctx: ActorContext) -> tuple[Entity, ...]:
    """The entities a condemning subject stands for (coordination included)."""
    found: list[Entity] = []
    for token in conjuncts(subject):
        word = token.lower_
        if token.pos_ == "PRON" and word in SPEAKER_PRONOUNS:
            found.extend(_speaker_entities(verb, ctx, plural=word in {"we", "us"}))
        elif token.pos_ == "PRON" and word in REPORTED_PRONOUNS:
            found.extend(_reported_speaker(verb, ctx) or (
                _antecedent_group(token, ctx) if word == "they" else []))
        elif token.pos_ != "PRON":
            entity = actor_entity(token, ctx) or titled_person(token, ctx.roles)
            if entity is not None:
                found.append(state_of(entity, ctx))
            elif _is_author_group(token):
                found.extend(ctx.authors or officials_group(
                    token, ctx.roles, lambda t: group_entity(t, ctx)))
    return tuple(unique_entities(found))


def state_of(entity: Entity, ctx: ActorContext) -> Entity:
    """An official speaks for the state: a person with a role is that role's country."""
    if entity.kind != "Person":
        return entity
    role = person_role(entity.label, ctx.roles)
    return role.country if role is not None else entity


def office_organization(token: Token, ctx: ActorContext) -> Entity | None:
    """ "the OIC Secretary General", "Secretary-General Ban": the organisation of an office
    of an international organisation (data/condemn_org_offices.tsv), named beside the title
    or else the title's default."""
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"compound", "amod"}
             or t.i == token.i]
    text = " ".join(t.lower_ for t in words if t.ent_type_ != "PERSON" or t.lower_ in
                    {"secretary", "general"})
    title = next((t for t in _org_offices() if t in text.replace(" - ", "-")), None)
    if title is None:
        return None
    for child in words:
        ent = entity_at(child)
        if ent is not None and ent.label_ == "ORG":
            found = organization_of_span(ent)
            if found is not None and load_gazetteer().country(ent.text) is None:
                return found
    key = _org_offices()[title]
    org = load_gazetteer().organization(key) if key else None
    return Entity("Organization", org.key, org.label) if org is not None else None


@lru_cache(maxsize=1)
def _org_offices() -> dict[str, str]:
    return {row[0]: ("" if row[1] == "-" else row[1])
            for row in data_rows("condemn_org_offices.tsv")}


def _is_author_group(token: Token) -> bool:
    """ "the ministers", "the three leaders", "both sides": unnamed plural authors."""
    word = token.lemma_.lower()
    word = word[:-1] if word.endswith("s") and word[:-1] in AUTHOR_GROUP_NOUNS else word
    if word not in AUTHOR_GROUP_NOUNS or token.tag_ not in {"NNS", "NNPS"}:
        return False
    allowed = {"det", "nummod", "predet", "amod", "compound"}
    return all(c.dep_ in allowed | {"punct", "cc", "conj"} for c in token.children) and not any(
        group_entity(c) for c in token.children if c.dep_ in {"amod", "compound"})


def _antecedent_group(pronoun: Token, ctx: ActorContext, *, sentences: int = 2
                      ) -> list[Entity]:
    """For "they", the plural subject of a recent sentence ("The ministers met. They ...")."""
    sent = pronoun.sent
    nearest_first = [t for t in reversed(sent) if t.i < pronoun.i and t.dep_ == "nsubj"]
    for _ in range(sentences):
        if sent.start == 0:
            break
        sent = pronoun.doc[sent.start - 1].sent
        nearest_first.extend(t for t in reversed(sent) if t.dep_ == "nsubj")
    for subject in nearest_first:
        if subject.pos_ == "PRON":
            continue
        plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
        if plural:
            return list(condemners_of(subject, subject.head, ctx))
    return []


def speaker_turn(token: Token, ctx: ActorContext) -> Turn | None:
    """The transcript turn a token was said in, if the document has turns."""
    return turn_at(ctx.turns, token.idx) if ctx.turns else None


def person_role(text: str, roles: tuple[Role, ...]) -> Role | None:
    """The role whose person a name (or a speaker label) refers to, when only one fits."""
    words = _name_words(text)
    matched: dict[str, list[Role]] = {}
    for role in roles:
        title = _name_words(role.title)
        names = set().union(*(_name_words(n) for n in (role.person.label,
                                                        *role.person.aliases))) - title
        if words & names:
            matched.setdefault(role.person.key, []).append(role)
    if len(matched) != 1:
        return None
    candidates = next(iter(matched.values()))
    current = [r for r in candidates if r.status in {"current", "acting"}]
    return (current or candidates)[0]


def speaker_countries(turn: Turn, roles: tuple[Role, ...], doc: Doc | None = None
                      ) -> tuple[Entity, ...]:
    """The country a speaker label's person serves.

    From the roles (when every role of the matching people agrees on one
    country), else the label's own words ("MINISTER HAYASHI OF JAPAN"), else a
    title the document gives that person ("Cho Tae-yul, the foreign minister of Korea").
    """
    words = _name_words(turn.label) - TITLE_WORDS
    matched = [r for r in roles if words & (_person_words(r) - _name_words(r.title))]
    current = [r for r in matched if r.status in {"current", "acting"}] or matched
    countries = {r.country.key: r.country for r in current}
    if len(countries) == 1:
        return tuple(countries.values())
    return countries_in_words(turn.words) or (
        _introduced_country(words, doc) if doc is not None else ())


def _introduced_country(words: set[str], doc: Doc) -> tuple[Entity, ...]:
    """The one country whose office the document ties to a person with these name words."""
    found: dict[str, Entity] = {}
    for ent in index_of(doc).ents:
        if ent.label_ != "PERSON" or not words & _name_words(ent.text):
            continue
        root = ent.root
        titles = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            titles.append(root.head)
        for token in [*_modifiers(root), *titles]:
            if token.i in range(ent.start, ent.end):
                continue
            country = group_entity(token)
            if country is not None and country.kind == "Country":
                found.setdefault(country.key, country)
    return tuple(found.values()) if len(found) == 1 else ()


def _person_words(role: Role) -> set[str]:
    return set().union(*(_name_words(n) for n in (role.person.label, *role.person.aliases)))


def _speaker_entities(verb: Token, ctx: ActorContext, *, plural: bool) -> list[Entity]:
    turn = speaker_turn(verb, ctx)
    if turn is not None:
        if not turn.is_person:
            return []
        own = list(speaker_countries(turn, ctx.roles, verb.doc))
        if plural and ctx.joint and verb.tag_ == "VBD":
            # A joint meeting's readout in the past tense ("we condemned") speaks for all sides.
            for other in ctx.turns:
                if other.is_person:
                    own.extend(speaker_countries(other, ctx.roles, verb.doc))
        return own
    reported = _reported_speaker(verb, ctx)
    if reported or ctx.authors or not plural:
        return reported or list(ctx.authors)
    return document_voice(verb, lambda t: group_entity(t, ctx))


def _reported_speaker(verb: Token, ctx: ActorContext) -> list[Entity]:
    """In "X said (that) we/it condemned ...", the entity X."""
    token = verb
    candidates = [c for c in verb.children if c.dep_ == "parataxis"]
    while token.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and token.head.i != token.i:
        token = token.head
        candidates.append(token)
    for speech in candidates:
        if speech.lemma_.lower() not in SPEECH_VERBS:
            continue
        for child in speech.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON":
                entity = actor_entity(child, ctx)
                if entity is not None and entity.kind == "Person":
                    role = person_role(entity.label, ctx.roles)
                    return [role.country] if role is not None else [entity]
                return [entity] if entity is not None else []
    return []


def _modifiers(token: Token) -> list[Token]:
    """Tokens that say whose a head is: possessor, compounds, adjectives, "of X"."""
    out = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    out.extend(_modifiers(pobj))
    return out


def _name_words(text: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z][a-z'-]+", text.lower())}
    return {w for w in words if len(w) >= 2 and w not in HONORIFICS}

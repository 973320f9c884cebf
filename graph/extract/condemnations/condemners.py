"""Who condemns, and who acted: the entity a noun phrase, pronoun or speaker stands for.

In: a token of a parsed document (a subject, a possessor, a "by" object), the
document's speaker turns and the roles extracted from it. Out: `Entity` records
(Country, Organization or Person). A "we" or "I" is the speaker's country in a
transcript, the quoted speaker in reported speech, and the authors of a
statement otherwise (or the one country speaking in the present tense in a
government's release); "we" in a joint meeting's readout is every side's; "we" in
a quote that opened in an earlier sentence is the quoted speaker's; "it" is the body
(or the possessor of the document) the previous sentence's subject names.
Unnamed officials ("the three ministers", "The Secretary") and bare surnames
resolve through the roles (`groups`).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ...gazetteer import normalize_name
from ...types import Document, Entity, Role
from ..common import name_key, organization_of_span, unique_entities
from ..context.authors import countries_in_words, statement_authors
from ..context.publisher import publisher_of
from ..context.speakers import Turn, find_turns, turn_at
from ..docindex import index_of
from .actors import (
    ActorContext,
    conjuncts,
    entity_at,
    group_entity,
    office_organization,
    owner_modifiers,
)
from .groups import document_voice, officials_group, titled_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_PRONOUNS = {"we", "us", "i", "me", "our", "my"}
REPORTED_PRONOUNS = {"it", "they", "he", "she"}
SPEECH_VERBS = {"say", "tell", "add", "state", "declare", "note", "write", "tweet", "post",
                "announce", "stress", "emphasize", "emphasise", "insist", "warn", "reiterate"}
# Plural heads that, unmodified, mean a statement's authors ("the ministers condemned").
AUTHOR_GROUP_NOUNS = {"minister", "leader", "side", "participant", "delegation", "partner",
                      "government", "country", "nation", "signatory", "member", "party",
                      "president", "head", "secretary"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "his", "her", "excellency", "hon"}
# Words before or beside a name that make it an office holder's.
OFFICE_WORDS = {"minister", "secretary", "president", "premier", "chancellor", "ambassador",
                "spokesperson", "spokesman", "spokeswoman", "envoy", "governor", "senator"}
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
                        joint=bool(_JOINT.search(head)), orgs=tuple(orgs.values()),
                        publisher=publisher_of(document))


def actor_entity(token: Token, ctx: ActorContext) -> Entity | None:
    """The entity a noun phrase head names: a country, an organisation or a person."""
    ent = entity_at(token)
    if ent is not None and ent.label_ == "PERSON":
        role = person_role(ent.text, ctx.roles)
        if role is not None:
            return role.person
        for child in owner_modifiers(token):
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
            found.extend(_speaker_entities(verb, ctx, plural=word in {"we", "us", "our"}))
        elif token.pos_ == "PRON" and word in REPORTED_PRONOUNS:
            found.extend(_reported_speaker(verb, ctx) or (
                _antecedent_group(token, ctx) if word == "they" else
                _antecedent_body(token, ctx) if word == "it" else []))
        elif token.pos_ != "PRON":
            entity = actor_entity(token, ctx) or titled_person(token, ctx.roles)
            if entity is not None:
                found.append(state_of(entity, ctx, token))
            elif _is_author_group(token):
                found.extend(ctx.authors or officials_group(
                    token, ctx.roles, lambda t: group_entity(t, ctx)))
    return tuple(unique_entities(found))


def state_of(entity: Entity, ctx: ActorContext, token: Token | None = None) -> Entity:
    """An official speaks for the state: a person with a role is that role's country, and
    a titled official whose country the text leaves out ("Foreign Minister X has
    condemned", on a government's site) is the publishing state's."""
    if entity.kind != "Person":
        return entity
    role = person_role(entity.label, ctx.roles)
    if role is not None:
        return role.country
    publisher = ctx.publisher
    if publisher is not None and publisher.kind == "Country" and token is not None and \
            _has_title(token):
        return publisher
    return entity


def _has_title(token: Token) -> bool:
    """Whether a name carries an office title ("Foreign Minister X", "X, the minister")."""
    words = [c for c in token.children if c.dep_ in {"compound", "appos"}]
    if token.dep_ == "appos":
        words.append(token.head)
    return any(w.lower_ in OFFICE_WORDS for w in words)


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


def _antecedent_body(pronoun: Token, ctx: ActorContext) -> list[Entity]:
    """For "it", the body or state the previous sentence's subject names: "The Russian
    delegation presented a draft. It also condemned ..."; "Russia's proposal ... It
    condemned" (a document or statement speaks for its possessor)."""
    sent = pronoun.sent
    if sent.start == 0 or any(t.dep_ == "nsubj" and t.i < pronoun.i for t in sent):
        return []
    previous = pronoun.doc[sent.start - 1].sent
    subjects = [t for t in previous if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON"
                and t.tag_ not in {"NNS", "NNPS"}][:1]
    for subject in subjects:
        entity = group_entity(subject, ctx)
        if entity is None:
            owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            entity = next((e for o in owners if (e := group_entity(o, ctx)) is not None), None)
        if entity is not None:
            return [entity]
    return []


def _open_quote_speaker(verb: Token, ctx: ActorContext, *, sentences: int = 2
                        ) -> list[Entity]:
    """In 'X wrote "Our thoughts are with ... We condemn ..."', the speaker of a quote
    that opened in an earlier sentence and is still open."""
    doc, sent = verb.doc, verb.sent
    own = sent
    for _ in range(sentences):
        if sent.start == 0:
            return []
        sent = doc[sent.start - 1].sent
        between = doc[sent.start:own.start].text  # open when the condemning sentence begins
        if between.count('"') % 2 == 0 and between.count("“") <= between.count("”"):
            continue
        for speech in sent:
            if speech.lemma_.lower() not in SPEECH_VERBS or speech.pos_ != "VERB":
                continue
            subject = next((c for c in speech.children if c.dep_ in SUBJECT_DEPS
                            and c.pos_ != "PRON"), None)
            entity = actor_entity(subject, ctx) if subject is not None else None
            if entity is not None:
                return [state_of(entity, ctx, subject)]
        return []
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
        for token in [*owner_modifiers(root), *titles]:
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
        if not own and ctx.publisher is not None and (_nameless(turn)
                                                      or _sole_speaker(turn, ctx.turns)):
            # "PRIME MINISTER:" on a government's site is its own head of government; the
            # one official of a briefing ("MS X:" answering "QUESTION:") its spokesperson.
            own = [ctx.publisher]
        # The form, not the tag: the model tags "we strongly condemn" VBD at times, and
        # every condemning verb forms its past with -ed.
        if plural and ctx.joint and verb.tag_ == "VBD" and verb.lower_.endswith("ed"):
            # A joint meeting's readout in the past tense ("we condemned") speaks for all sides.
            for other in ctx.turns:
                if other.is_person:
                    own.extend(speaker_countries(other, ctx.roles, verb.doc))
        return own
    reported = _reported_speaker(verb, ctx) or _open_quote_speaker(verb, ctx)
    if reported or ctx.authors:
        return reported or list(ctx.authors)
    voice = document_voice(verb, lambda t: group_entity(t, ctx)) if plural else []
    if voice:
        return voice
    # A statement's own "we" or "I" with no author named: the state or body whose site
    # published it. Quoted words are someone else's.
    if ctx.publisher is not None and not _quoted(verb):
        return [ctx.publisher]
    return []


def _sole_speaker(turn: Turn, turns: tuple[Turn, ...]) -> bool:
    """Whether the turn's label is the only official's label of the transcript (a
    briefing or a doorstop: one official, and journalists)."""
    return {t.label.upper() for t in turns if t.is_person} == {turn.label.upper()}


def _nameless(turn: Turn) -> bool:
    """A speaker label that is a title alone ("PRIME MINISTER", "PM")."""
    return not (_name_words(turn.label) - TITLE_WORDS - {"pm"})


def _quoted(token: Token) -> bool:
    """Whether `token`'s sentence quotes someone (a quote may open a sentence earlier)."""
    return any(t.text in {'"', "“", "”", "``", "''"} for t in token.sent)


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


def _name_words(text: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z][a-z'-]+", text.lower())}
    return {w for w in words if len(w) >= 2 and w not in HONORIFICS}

"""Condemned events: the phrase, who carried it out, when, and one key per event.

In: the token that heads what was condemned (a noun such as "launch", or a
verb as in "for launching a missile") and the document date. Out: an
`EventMention` (label, head phrase, agent, target, date). `event_keys` then
keys every mention of a document, filling an agent, target or date that one
mention leaves out from the fuller mentions of the same head, so "the reported
missile launch" and "the DPRK's missile launch" become one event node.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...gazetteer import normalize_name
from ...types import Entity
from ..context.authors import countries_in_words
from .actors import entity_at, group_entity
from .dates import date_near, resolve_date
from .labels import complement, event_nouns, left_words, nominals, tail, word

if TYPE_CHECKING:
    from spacy.tokens import Token

KEY_MOD_DEPS = {"compound"}
POSSESSOR_DEPS = {"poss"}
AGENT_PREPS = {"by"}
CLAUSE_DEPS = {"acl", "relcl"}
VIOLATION_NOUNS = {"breach", "violation", "contravention", "defiance", "flouting"}
# Linking a violation to the act that committed it ("a breach ... with the launch").
VIOLATION_LINK_PREPS = {"with", "through", "by", "via"}
# Phrases after an act that say whom it hit or who did it.
SAID_PREPS = {"against", "on", "by", "in", "at"}
ANAPHORIC_DETS = {"this", "that", "these", "those", "such"}
GENERIC_NOUNS = {"act", "action", "move", "step", "behavior", "behaviour", "incident",
                 "development", "thing", "event", "activity"}
# Nouns that only say what kind of act it was; the statement's title says which act.
UNNAMED_ACT_NOUNS = GENERIC_NOUNS | {"provocation", "conduct", "aggression"}
# "Statement on North Korea's Launch of ...", "Ambassador summoned over nuclear test".
_TITLE_TOPIC = re.compile(r"\b(?:on|over|regarding|concerning|following|condemns?|"
                          r"deplores?|denounces?)\s+(?:the\s+|reports\s+of\s+(?:a\s+|the\s+)?)?"
                          r"(.+?)(?:\s*,?\s+(?:by|from)\s+the\s+.*)?$", re.IGNORECASE)

_SITE_SUFFIX = re.compile(r"\s+[–—|]\s+|\s+-\s+(?=[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*$)")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of a condemned event, before keys are assigned."""

    label: str
    head: str
    agent: Entity | None = None
    target: str = ""
    date: str | None = None


def describe_event(head: Token, *, doc_date: str | None, agent: Entity | None = None,
                   agent_tokens: Sequence[Token] = (), trigger: Token | None = None,
                   clause: Token | None = None, pointing: bool = False
                   ) -> EventMention | None:
    """The event a noun or verb heads, or None for pronouns and anaphoric "this act".

    `trigger` is the condemning word, so "the test, condemned by NATO" does not
    make NATO the test's agent; `pointing` labels a pointing phrase that says what
    happened itself ("these acts committed against ...").
    """
    # "condemned cross-border shelling into Syria": a gerund the parser took for a verb
    # but used as a noun (an object with no object of its own) is labelled as a noun.
    gerund = head.tag_ == "VBG" and head.dep_ in {"dobj", "pobj", "nsubjpass"} and not any(
        c.dep_ in {"dobj", "attr", "nsubj"} for c in head.children)
    if head.pos_ in {"VERB", "AUX"} and not gerund:
        return _describe_verb(head, doc_date=doc_date, agent=agent)
    if head.pos_ == "PRON" or head.lemma_.lower() in {"it", "this", "that", "which"}:
        return None
    if is_anaphoric(head) and not pointing:
        return None  # "this act", "the move": what it refers to is in another sentence
    used: set[int] = set()
    agent = agent or _agent_of(head, used, trigger) or _first_agent(agent_tokens, used)
    mods = left_words(head, used)
    tail_words, target = tail(head, used)
    place = next((c for c in head.lefts if _target_compound(head, c)), None)
    if place is not None and not target:
        found = group_entity(place)
        target = found.key if found is not None else ""
    complement_words = complement(head, trigger, used, clause)
    words = [*mods, word(head), *tail_words, *complement_words]
    prefix = _agent_prefix(agent, head, used)
    label = " ".join([*prefix, *words])
    key_words = [c.lemma_.lower() for c in head.lefts
                 if c.dep_ in KEY_MOD_DEPS and c.pos_ in {"NOUN", "PROPN"} and c.i not in used
                 and entity_at(c) is None]
    if tail_words and tail_words[0] == "of" and _style_of_noun(head.lemma_.lower()) == "pre":
        # "the launch of a missile" is keyed as "missile launch".
        key_words, target = [*key_words, target], ""
    infinitive = next((c.lemma_.lower() for c in head.rights if c.dep_ == "acl" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if infinitive is not None and complement_words:
        # "the decision to hold an election" and "the decision to deploy troops" differ.
        key_words = [*key_words, head.lemma_.lower()]
        head_key = f"{' '.join(key_words)} {infinitive}"
    else:
        head_key = " ".join([*key_words, head.lemma_.lower()])
    return EventMention(label=label, head=head_key.strip(),
                        agent=agent, target=target, date=date_near(head, doc_date))


def title_event(title: str | None, *, doc_date: str | None) -> EventMention | None:
    """The act a statement's title names ("Statement on the DPRK's Ballistic Missile Launch
    on April 5"), for the unnamed "provocation" or "this act" its body condemns."""
    match = _TITLE_TOPIC.search(title or "")
    if match is None:
        return None
    # "... Condemns Airport Attack – New York Times": a news title ends with its site.
    phrase = _SITE_SUFFIX.split(match.group(1))[0].strip(" .,:")
    words = [w.strip(",.;:()").lower().removesuffix("s") for w in phrase.split()]
    nouns = [n for n in event_nouns() if n in words]
    if not nouns or len(words) > 12:
        return None
    head = max(nouns, key=words.index)
    agents = countries_in_words(tuple(w.replace("’s", "").replace("'s", "")
                                      for w in phrase.split()))
    return EventMention(label=phrase, head=head, agent=agents[0] if agents else None,
                        date=resolve_date(phrase, doc_date))


def is_unnamed_act(token: Token) -> bool:
    """ "the provocation", "the DPRK's provocative action", "this act": no act named."""
    # "condemn the latest act as a threat to peace": "as" says what the act is taken for.
    return token.pos_ == "NOUN" and token.lemma_.lower() in UNNAMED_ACT_NOUNS and not any(
        c.dep_ in {"prep", "acl", "relcl"} and c.lower_ not in {"by", "as"}
        and not _of_class(c) for c in token.children)


def says_what_happened(token: Token) -> bool:
    """ "these barbaric acts committed against a member state", "such actions by the DPRK":
    a pointing phrase with a clause or a phrase that says what was done, to whom or by
    whom, which names the act even when nothing earlier does."""
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and child.pos_ == "VERB" and any(
                c.dep_ in {"prep", "agent", "dobj"} for c in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ in SAID_PREPS and any(
                p.dep_ == "pobj" for p in child.children):
            return True
    return False


def _of_class(prep: Token) -> bool:
    """ "(acts) of terrorism", "(an act) of violence": a class of acts, which names none."""
    return prep.lower_ == "of" and all(
        p.dep_ == "pobj" and p.tag_ == "NN" and all(g.dep_ == "amod" for g in p.children)
        for p in prep.children)


def _style_of_noun(noun: str) -> str:
    return next((style for n, style in nominals().values() if n == noun), "")


def _describe_verb(verb: Token, *, doc_date: str | None,
                   agent: Entity | None) -> EventMention | None:
    noun, style = nominals().get(verb.lemma_.lower(), ("", ""))
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    agent = agent or next((group_entity(c) for c in verb.children
                           if c.dep_ == "nsubj" and group_entity(c)), None)
    if style == "light":
        found = describe_event(objects[0], doc_date=doc_date, agent=agent) if objects else None
        if found is not None and found.date is None:
            found = replace(found, date=date_near(verb, doc_date))
        return found
    when = date_near(verb, doc_date)
    if not noun:
        phrase = " ".join(t.text for t in verb.subtree if t.dep_ not in {"det", "punct"})
        return EventMention(label=phrase, head=verb.lemma_.lower(), agent=agent, date=when)
    used: set[int] = set()
    if not objects:
        return EventMention(label=noun, head=noun, agent=agent, date=when)
    obj = objects[0]
    obj_words = [*left_words(obj, used), word(obj)]
    target_entity = group_entity(obj)
    if style == "pre":
        key = " ".join([obj.lemma_.lower(), noun])
        return EventMention(label=" ".join([*obj_words, noun]), head=key, agent=agent,
                            date=when)
    target = target_entity.key if target_entity else obj.lemma_.lower()
    return EventMention(label=" ".join([noun, style, *obj_words]), head=noun, agent=agent,
                        target=target, date=when)


def is_anaphoric(token: Token) -> bool:
    """ "it", "this act", "the move", "such actions": words that point back to an act."""
    if token.pos_ == "PRON":
        return token.lower_ in {"it", "this", "that", "these", "those"}
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    bare = all(c.dep_ in {"det", "punct"} for c in token.children)
    if token.lemma_.lower() in GENERIC_NOUNS and bool(bare or dets & ANAPHORIC_DETS):
        return True
    return is_event_anaphor(token)


def is_event_anaphor(token: Token) -> bool:
    """ "this launch", "these attacks": a pointing word and an event noun, nothing else."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in event_nouns():
        return False
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    plain = all(c.dep_ in {"det", "punct", "relcl", "acl"} for c in token.children)
    return plain and bool(dets & (ANAPHORIC_DETS - {"such"}))


def antecedent_act(token: Token, *, sentences: int = 2) -> Token | None:
    """The act a pointing word refers to: the last act an actor was said to carry out.

    Looks back over the previous `sentences` sentences for a clause whose verb
    names an act (data/event_nominals.tsv) and whose subject is a country or body
    ("North Korea launched a ballistic missile"), or a noun for such an act that
    names its agent ("Russia's invasion").
    """
    sent = token.sent
    # "this launch" points back to a launching, not to any act.
    noun = token.lemma_.lower() if is_event_anaphor(token) else None
    for _ in range(sentences):
        if sent.start == 0:
            return None
        sent = token.doc[sent.start - 1].sent
        for candidate in reversed(sent):
            lemma = candidate.lemma_.lower()
            if noun is not None and nominals().get(lemma, ("",))[0] != noun and \
                    lemma != noun:
                continue
            if candidate.pos_ == "VERB" and lemma in nominals():
                if any(c.dep_ == "nsubj" and group_entity(c) for c in candidate.children):
                    return candidate
            elif candidate.pos_ == "NOUN" and _style_of_noun(lemma) and \
                    _agent_of(candidate, set(), None):
                return candidate
    return None


def violation_link(violation: Token, verb: Token) -> Token | None:
    """The act a violation was committed with ("a breach ... with the missile launch")."""
    violated = [p for c in violation.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]
    for owner in (violation, *violated, verb):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in VIOLATION_LINK_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ in {"pobj", "pcomp"} and group_entity(pobj) is None:
                        return pobj
    return None


def event_keys(mentions: Sequence[EventMention]) -> list[tuple[str, EventMention]]:
    """A key for each mention, after filling its gaps from compatible fuller mentions."""
    filled = [_fill(m, mentions) for m in mentions]
    out = []
    for mention in filled:
        agent = mention.agent.key if mention.agent else ""
        out.append(("|".join([agent, mention.head, mention.target, mention.date or ""]),
                    mention))
    return out


def _fill(mention: EventMention, mentions: Sequence[EventMention]) -> EventMention:
    peers = [m for m in mentions if m is not mention and _compatible(mention, m)]
    heads = {m.head for m in peers if len(m.head) > len(mention.head)}
    agents = {m.agent.key: m.agent for m in peers if m.agent is not None}
    targets = {m.target for m in peers if m.target}
    dates = {m.date for m in peers if m.date}
    return replace(
        mention,
        head=heads.pop() if len(heads) == 1 else mention.head,
        agent=mention.agent or (next(iter(agents.values())) if len(agents) == 1 else None),
        target=mention.target or (targets.pop() if len(targets) == 1 else ""),
        date=mention.date or (dates.pop() if len(dates) == 1 else None))


def _compatible(a: EventMention, b: EventMention) -> bool:
    heads = a.head == b.head or a.head.endswith(" " + b.head) or b.head.endswith(" " + a.head)
    agents = a.agent is None or b.agent is None or a.agent.key == b.agent.key
    targets = not a.target or not b.target or a.target == b.target
    dates = not a.date or not b.date or a.date == b.date
    return heads and agents and targets and dates


def _agent_of(head: Token, used: set[int], trigger: Token | None) -> Entity | None:
    """The possessor, the "by" object or the clause subject that carried an event out."""
    for child in head.children:
        if child.dep_ in POSSESSOR_DEPS | {"compound", "amod", "nmod"}:
            found = group_entity(child)
            if found is not None and not _target_compound(head, child):
                used.add(child.i)
                return found
    owners = [head, *(p for c in head.children if c.dep_ == "prep"
                      for p in c.children if p.dep_ == "pobj")]
    for owner in owners:
        for prep in owner.children:
            if prep.dep_ in {"prep", "agent"} and prep.lower_ in AGENT_PREPS:
                found = _first_agent([p for p in prep.children if p.dep_ == "pobj"], used)
                if found is not None:
                    used.add(prep.i)
                    return found
    for clause in head.children:
        if clause.dep_ in CLAUSE_DEPS and clause != trigger:
            for child in clause.children:
                if child.dep_ in {"nsubj", "agent"}:
                    pobjs = [p for p in child.children if p.dep_ == "pobj"] or [child]
                    found = _first_agent(pobjs, set())
                    if found is not None:
                        return found
    return None


def _target_compound(head: Token, child: Token) -> bool:
    """A place before an act done to it ("the Ukraine invasion", "the Gaza strike")."""
    if child.dep_ != "compound" or child.ent_type_ != "GPE":
        return False
    return _style_of_noun(head.lemma_.lower()) not in {"", "pre", "light"}


def _first_agent(tokens: Sequence[Token], used: set[int]) -> Entity | None:
    for token in tokens:
        found = group_entity(token)
        if found is not None:
            used.add(token.i)
            return found
    return None


def _agent_prefix(agent: Entity | None, head: Token, used: set[int]) -> list[str]:
    if agent is None:
        return []
    for index in sorted(used):
        # The agent as the text names it ("DPRK", "North Korean"), else its preferred name.
        ent = entity_at(head.doc[index])
        if ent is not None:
            return [normalize_name(ent.text)]
    return [agent.label]

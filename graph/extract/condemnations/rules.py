"""Event - condemned by - actor: what was condemned, by whom, and who did it.

In: a parsed document and the roles extracted from it. Out: `Condemnation`
claims, one per (event, condemner). Each rule finds a condemning word in the
dependency parse (a verb, a passive, a noun), takes the condemner from its
subject, "by" or "from" phrase (`condemners`) and the event from its object
(`events`), and drops what is not asserted: negations, hypotheticals, calls on
others to condemn, questions, and anything said by a questioner or moderator.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...types import Condemnation, Document, Entity, Role
from ..common import evidence
from .actors import ActorContext, conjuncts, group_entity
from .antecedents import antecedent_mention
from .condemners import actor_context, condemners_of, speaker_turn
from .dates import date_on
from .events import (
    VIOLATION_NOUNS,
    EventMention,
    antecedent_act,
    describe_event,
    event_keys,
    is_anaphoric,
    is_event_anaphor,
    is_unnamed_act,
    says_what_happened,
    title_event,
    violation_link,
)
from .objects import (
    for_phrase,
    misattached_items,
    own_objects,
    participle_conjuncts,
    specific,
    stray_infinitive,
    stray_objects,
    violated_thing,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

RULES: dict[str, str] = {
    "condemn.verb-dobj.v1": "subject condemns/denounces/deplores/decries an object",
    "condemn.verb-for.v1": "subject condemns an actor for an act (\"Russia for its invasion\")",
    "condemn.violation-link.v1": "the object is a breach and the act sits in a modifier",
    "condemn.anaphoric-act.v1": "\"condemns this act\": the act is the one just reported",
    "condemn.criticize-strongly.v1": "strongly (or in the strongest terms) criticize an object",
    "condemn.passive.v1": "an event was condemned by an actor",
    "condemn.nominal-of.v1": "an actor's condemnation of an event",
    "condemn.drew-from.v1": "an event drew condemnation from an actor",
    "condemn.title-event.v1": "an unnamed act (\"the provocation\") is the act the title names",
}

CONDEMN_VERBS = {"condemn", "denounce", "deplore", "decry"}
CRITICIZE_VERBS = {"criticize", "criticise", "censure", "slam", "blast"}
INTENSIFIERS = {"strongly", "sharply", "harshly", "severely", "roundly", "fiercely",
                "vehemently", "firmly", "unequivocally"}
CONDEMN_NOUNS = {"condemnation", "denunciation"}
SPEAKER_POSSESSIVES = {"our", "my"}
# The capitalised forms of a title-case headline ("Minister Condemns Attack").
HEADLINE_FORMS = {"condemns", "condemned", "denounces", "denounced", "deplores", "deplored",
                  "decries", "decried"}
DRAW_VERBS = {"draw", "receive", "attract", "spark", "trigger", "provoke", "prompt", "earn",
              "face", "meet", "bring", "invite", "generate"}
# Governors that make the condemning a call, a wish or a refusal, not an act.
BLOCK_GOVERNORS = {"urge", "call", "ask", "encourage", "request", "demand", "refuse", "fail",
                   "decline", "hesitate", "expect", "hope", "invite", "appeal", "press", "need",
                   "avoid", "consider", "whether", "question", "wonder", "push", "seek"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "should"}
ALLOWED_MODALS = {"will", "shall", "'ll", "wo"}
SUBJECT_DEPS = {"nsubj"}
PRESENT_TAGS = {"VBP", "VBZ"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj"}
AGENT_DEPS = {"agent"}
NEGATION_DEPS = {"neg"}
CLIMB_DEPS = {"xcomp", "conj", "ccomp", "advcl", "pcomp", "prep", "pobj", "dobj"}
SUBJECT_CLIMB_DEPS = {"xcomp", "conj", "advcl"}
RELATIVE_TAGS = {"WDT", "WP"}


@dataclass(frozen=True, slots=True)
class _Found:
    mention: EventMention
    condemners: tuple[Entity, ...]
    sent: Span
    rule: str


def extract_condemnations(document: Document, doc: Doc, *, roles: tuple[Role, ...] = ()
                          ) -> tuple[Condemnation, ...]:
    """Every explicit condemnation in the document."""
    ctx = actor_context(document, doc, roles)
    headline = title_event(document.title, doc_date=document.date)
    found: list[_Found] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in CONDEMN_VERBS | CRITICIZE_VERBS and token.pos_ == "VERB" or \
                _headline_verb(token):
            found.extend(_from_verb(token, ctx, document.date, headline))
        elif lemma in CONDEMN_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
            found.extend(_from_noun(token, ctx, document.date, headline))
    keyed = event_keys([f.mention for f in found])
    # One event, one label: the fullest of its mentions ("these views" and "Bashir's views").
    labels: dict[str, str] = {}
    for item, (key, _) in zip(found, keyed, strict=True):
        if len(item.mention.label.split()) > len(labels.get(key, "").split()):
            labels[key] = item.mention.label
    out: dict[tuple[str, str, str], Condemnation] = {}
    for item, (key, mention) in zip(found, keyed, strict=True):
        event = Entity("Event", key, labels[key])
        for condemner in item.condemners:
            marker = (key, condemner.kind, condemner.key)
            if marker not in out:
                out[marker] = Condemnation(
                    event=event, condemner=condemner,
                    evidence=evidence(document.id, item.sent, item.rule),
                    agent=item.mention.agent, date=mention.date)
    log.debug("%s: %d condemnations", document.id, len(out))
    return tuple(out.values())


def _from_verb(verb: Token, ctx: ActorContext, doc_date: str | None,
               headline: EventMention | None = None) -> list[_Found]:
    """Verb rules: active with object, passive with "by", criticize only when intensified."""
    criticize = verb.lemma_.lower() in CRITICIZE_VERBS
    if criticize and not _intensified(verb):
        return []
    if not _asserted(verb, ctx):
        return []
    # A participle with its own subject is active ("..., the members condemned").
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS | {"auxpass"} for c in verb.children) or (
        verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
    if passive:
        # "The launch was condemned by the council"; "the launch, condemned by Japan,".
        events = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if not events and verb.dep_ in {"acl", "relcl"}:
            events = [verb.head]
        condemners: list[Entity] = []
        for by_phrase in (c for c in verb.children if c.dep_ in AGENT_DEPS):
            for pobj in (p for p in by_phrase.children if p.dep_ == "pobj"):
                condemners.extend(condemners_of(pobj, verb, ctx))
        return _found(events, verb, tuple(condemners), "condemn.passive.v1", doc_date, headline)
    subject = _subject(verb)
    if subject is None:
        return []
    condemners_t = condemners_of(subject, verb, ctx)
    if not condemners_t:
        return []
    objects = [o for d in verb.children if d.dep_ in OBJECT_DEPS for o in conjuncts(d)]
    if objects:
        # "deplored the attack on Oct. 7 and the taking of hostages": a second object
        # the parser coordinates with the verb.
        objects.extend(o for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                       for o in conjuncts(c))
        objects.extend(stray_objects(objects, ctx))
        objects.extend(participle_conjuncts(verb, objects))
        objects.extend(misattached_items(verb, objects))
    objects = specific(own_objects([o for o in objects if not violated_thing(o)], verb), verb)
    # "the missile launch, yet another breach of ...": a breach beside an act restates it.
    # A violation that is the object itself ("deplored the violation of ... and the
    # annexation of ...") is an event of its own.
    acts = [o for i, o in enumerate(objects) if o.lemma_.lower() not in VIOLATION_NOUNS
            or (i == 0 and o.dep_ == "dobj")]
    out: list[_Found] = []
    default_rule = "condemn.criticize-strongly.v1" if criticize else "condemn.verb-dobj.v1"
    by_agent = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                for p in c.children if p.dep_ == "pobj"]
    for obj in acts or objects:
        rule, span = default_rule, verb.sent
        head: Token | None = obj
        agent: Entity | None = None
        actor = group_entity(obj, ctx) if obj.pos_ == "PROPN" or obj.ent_type_ else None
        if actor is not None:
            head = for_phrase(verb, obj)
            rule, agent = "condemn.verb-for.v1", actor
        elif obj.lemma_.lower() in VIOLATION_NOUNS:
            linked = violation_link(obj, verb)
            if linked is not None:
                head, rule = linked, "condemn.violation-link.v1"
        elif headline is not None and is_unnamed_act(obj):
            out.append(_Found(_titled(headline, obj, doc_date), condemners_t, span,
                              "condemn.title-event.v1"))
            continue
        elif (earlier := antecedent_mention(obj)) is not None:
            # "We condemn these cowardly attacks" after "the attacks on people in Kano".
            head, rule = earlier, "condemn.anaphoric-act.v1"
            span = verb.doc[earlier.sent.start:verb.sent.end]
        elif headline is not None and is_anaphoric(obj) and antecedent_act(obj) is None:
            out.append(_Found(_titled(headline, obj, doc_date), condemners_t, span,
                              "condemn.title-event.v1"))
            continue
        elif is_anaphoric(obj):
            antecedent = antecedent_act(obj)
            if antecedent is None and not is_event_anaphor(obj):
                if says_what_happened(obj):
                    # "these barbaric acts committed against a member state": nothing
                    # earlier to point to, but the phrase itself says what was done.
                    mention = describe_event(obj, doc_date=doc_date, agent_tokens=by_agent,
                                             pointing=True)
                    if mention is not None:
                        out.append(_Found(mention, condemners_t, span, rule))
                continue
            antecedent = antecedent if antecedent is not None else obj
            head, rule = antecedent, "condemn.anaphoric-act.v1"
            # The evidence spans the sentence that reports the act and the one condemning it.
            span = verb.doc[antecedent.sent.start:verb.sent.end]
        if head is None:
            continue
        mention = describe_event(head, doc_date=doc_date, agent=agent, agent_tokens=by_agent,
                                 clause=stray_infinitive(verb, head))
        if mention is not None and mention.date is None:
            # Condemning now "on May 5" dates the event, not the (present) condemning.
            present = verb.tag_ in PRESENT_TAGS
            mention = replace(mention, date=date_on(
                verb, doc_date, calendar_after=None if present else obj.i))
        if mention is not None and mention.agent is None and out and out[0].mention.agent:
            # "the DPRK's nuclear test and the missile launches": one actor for both.
            mention = replace(mention, agent=out[0].mention.agent)
        if mention is not None:
            out.append(_Found(mention, condemners_t, span, rule))
    return out


def _from_noun(noun: Token, ctx: ActorContext, doc_date: str | None,
               headline: EventMention | None = None) -> list[_Found]:
    """Noun rules: "X's condemnation of Y", "Y drew condemnation from X"."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return []
    governor = noun.head
    while governor.dep_ in {"prep", "pobj"} and governor.head is not governor \
            and governor.pos_ == "ADP":
        governor = governor.head
    if governor is not noun and governor.pos_ == "VERB" and (
            governor.lemma_.lower() in BLOCK_GOVERNORS or not _asserted(governor, ctx)):
        return []
    if _is_question(noun.sent) or not _turn_allows(noun, ctx):
        return []
    sources = [p for owner in (noun, governor) for c in owner.children
               if c.dep_ == "prep" and c.lower_ in {"from", "by"}
               for p in c.children if p.dep_ == "pobj"]
    condemners: list[Entity] = []
    for pobj in sources:
        condemners.extend(condemners_of(pobj, governor, ctx))
    if noun.dep_ == "dobj" and governor.lemma_.lower() in DRAW_VERBS:
        events = [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
        return _found(events, governor, tuple(condemners), "condemn.drew-from.v1", doc_date,
                      headline)
    for poss in (c for c in noun.children if c.dep_ == "poss"):
        if poss.pos_ != "PRON" or (poss.lower_ in SPEAKER_POSSESSIVES and not condemners):
            # "the UK's condemnation"; "our condemnation of ...": the speaker's.
            condemners.extend(condemners_of(poss, governor, ctx))
    if not condemners and governor.pos_ == "VERB":
        subject = _subject(governor)
        if subject is not None:
            condemners.extend(condemners_of(subject, governor, ctx))
    # "condemnation of X"; "condemnation by France of X" may hang "of X" on France.
    events = [p for owner in (noun, *sources) for c in owner.children
              if c.dep_ == "prep" and c.lower_ in {"of", "over"}
              for p in c.children if p.dep_ in {"pobj", "pcomp"}]
    if events:
        # "condemnation of the massacre ... and of the refusal to ...": a second "of" the
        # parser coordinated with a preposition inside the first event.
        events.extend(p for t in noun.doc[events[0].i:noun.sent.end]
                      if t.dep_ == "conj" and t.lower_ == "of" and t.head.pos_ == "ADP"
                      for p in t.children if p.dep_ == "pobj")
    return _found(events, noun, tuple(condemners), "condemn.nominal-of.v1", doc_date, headline)


def _found(events: list[Token], trigger: Token, condemners: tuple[Entity, ...], rule: str,
           doc_date: str | None, headline: EventMention | None) -> list[_Found]:
    if not condemners:
        return []
    out = []
    for head in (e for event in events for e in conjuncts(event) if not violated_thing(e)):
        if headline is not None and is_unnamed_act(head):
            out.append(_Found(_titled(headline, head, doc_date), condemners, trigger.sent,
                              "condemn.title-event.v1"))
            continue
        mention = describe_event(head, doc_date=doc_date, trigger=trigger)
        if mention is not None:
            out.append(_Found(mention, condemners, trigger.sent, rule))
    return out


def _titled(headline: EventMention, head: Token, doc_date: str | None) -> EventMention:
    """The title's act, with the agent the body gives it ("the DPRK's provocation")."""
    if headline.agent is not None:
        return headline
    own = describe_event(head, doc_date=doc_date)
    return replace(headline, agent=own.agent if own is not None else None)


def _subject(verb: Token) -> Token | None:
    """The condemner: the verb's subject, or that of the verb it depends on."""
    token = verb
    while True:
        # A subject the parser hung on an auxiliary ("..., so we do condemn") is nearer
        # than a phrase it took for the subject across a comma; the nearest one counts.
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS][:1]
        subjects.extend(c for a in token.children if a.dep_ == "aux"
                        for c in a.children if c.dep_ in SUBJECT_DEPS)
        # "EU leaders holding a summit are condemning ...": the parser took the subject
        # and its participle for a clausal subject; the participle's subject condemns.
        subjects.extend(s for c in token.children if c.dep_ == "csubj" and c.tag_ == "VBG"
                        for s in c.children if s.dep_ in SUBJECT_DEPS)
        if subjects:
            child = max(subjects, key=lambda s: s.i if s.i < token.i else -1)
            if child.tag_ in RELATIVE_TAGS and token.dep_ == "relcl":
                return token.head  # "the council, which condemned ..."
            return child
        if token.dep_ == "pcomp" and token.head.lower_ == "in" and token.head.head.pos_ == "VERB":
            token = token.head.head  # "we join Japan in condemning"
        elif token.dep_ == "acl" and token.tag_ == "VBG":
            noun = token.head  # "Japan issued a statement condemning ..."
            if noun.pos_ == "PROPN" or noun.head is noun:
                return noun
            token = noun.head
        elif token.dep_ in SUBJECT_CLIMB_DEPS and token.head.i != token.i:
            token = token.head
        else:
            return None


def _asserted(verb: Token, ctx: ActorContext) -> bool:
    """False for negated, modal, conditional, requested or questioned condemning."""
    if _is_question(verb.sent) or not _turn_allows(verb, ctx):
        return False
    token, first = verb, True
    while True:
        for child in token.children:
            if child.dep_ in NEGATION_DEPS or child.lower_ == "never":
                return False
            if child.dep_ == "aux" and child.tag_ == "MD" and \
                    child.lower_ not in ALLOWED_MODALS:
                return False
            if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
                return False
            if first and child.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in HYPOTHETICAL_MARKS for m in child.children):
                return False
        if not first and token.lemma_.lower() in BLOCK_GOVERNORS:
            return False
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return True
        if token.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in token.children):
            # "X cannot be justified, and Japan condemns it": a clause with its own
            # subject is asserted on its own, whatever the first clause's modal.
            return True
        token, first = token.head, False


def _headline_verb(token: Token) -> bool:
    """ "OIC Chief Strongly Condemns Terrorist Attack in Dhaka": in a title-case headline
    the model tags the verb as a name; a capitalised condemning form with a subject and
    an object is still the verb."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and \
        token.lower_ in HEADLINE_FORMS and \
        any(c.dep_ in SUBJECT_DEPS for c in token.children) and \
        any(c.dep_ in OBJECT_DEPS for c in token.children)


def _intensified(verb: Token) -> bool:
    """"strongly criticize", "criticize in the strongest terms"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in INTENSIFIERS:
            return True
        if child.dep_ == "prep" and any(t.lower_ in {"strongest", "harshest"}
                                        for t in child.subtree):
            return True
    return False


def _turn_allows(token: Token, ctx: ActorContext) -> bool:
    """Moderators and questioners do not condemn; their turns are skipped."""
    turn = speaker_turn(token, ctx)
    return turn is None or turn.is_person


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip("\"'”’)").endswith("?")

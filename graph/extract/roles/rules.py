"""Person - role - country: who holds which office for which state.

In: a `Document` and its parsed `Doc`. Out: `Role` claims, one per person,
canonical title and status in the document. Title phrases come from `titles`
("former U.S. Secretary of Defense"); the rules below find who holds each
title (a name after it, an apposition, a copula, "serving as", a transcript
speaker label, the speaker's own "as Secretary"); `names` gives every
mention of one person the same key; `country` supplies the country when
the mention's own words do not state one, and no role is made without one.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ...gazetteer import data_rows
from ...types import Document, Entity, Role, Status
from ..common import evidence, name_key
from ..context.speakers import Turn, find_turns, split_label, turn_at
from ..names import (
    NAME_COURTESIES,
    NameTable,
    clean_name,
    honorific_forms,
    name_after,
    names_in,
    person_span,
)
from ..titles import (
    ORG_OFFICE,
    STATUS_WORDS,
    TitleMention,
    find_titles,
    load_titles,
    of_phrase,
    of_phrase_span,
)
from .country import COUNTRY_RULES, Candidate, choose_country, country_candidates
from .document import DOCUMENT_RULES, document_states, settle_by_document
from .labels import byline_mentions, label_mentions
from .lists import (
    LIST_BREAKS,
    after_posting,
    comma_name,
    name_before_comma,
    name_tokens,
    shared_name,
    without_name_words,
)
from .mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

RULES: dict[str, str] = {
    "role.title-name.v1": "a title right before a name: '[U.S.] Secretary of Defense Mark Esper'",
    "role.title-comma-name.v1": "a title that opens a phrase, a comma and a name: 'the "
                                "Prime Minister of Australia, the Hon. E. G. Whitlam,'",
    "role.shared-name.v1": "coordinated titles before one name: 'Kuwait's Crown Prince and "
                           "Prime Minister X', 'Deputy Prime Minister and Minister for Finance X'",
    "role.appos.v1": "a name and a title in apposition: 'Cho Tae-yul, the foreign minister "
                     "of Korea'",
    "role.copula.v1": "a name that is or was a title: 'X is the president of Y', "
                      "'X, who was president'",
    "role.serving-as.v1": "a name serving or acting as a title: 'X, who serves as acting "
                          "president', 'With X serving as ...'",
    "role.speaker-label.v1": "a transcript speaker label with a title: 'FOREIGN MINISTER CHO:'",
    "role.byline.v1": "an upper-case byline line, name then title: 'JANE DOE, SECRETARY OF "
                      "STATE'",
    "role.counterpart.v1": "a counterpart with a country word holds the office of the person "
                           "it is paired with: 'Minister X met his Japanese counterpart Y'",
    "role.self-as.v1": "a speaker's own office: 'I am the foreign minister', 'my tenure as "
                       "deputy secretary'",
    **COUNTRY_RULES,
    **DOCUMENT_RULES,
}

# Dependency labels: a title in apposition to a name, a copula's complement, "as" objects.
APPOS_DEPS = {"appos"}
ATTR_DEPS = {"attr"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CONJ_DEPS = {"conj"}
# Verbs whose "as" phrase names an office the subject holds.
SERVE_VERBS = {"serve", "act", "work", "remain", "continue", "sit", "appoint", "name",
               "elect", "install", "confirm", "nominate", "swear"}
# Nouns and verbs after "my ... as <title>" that put the office in the past.
PAST_TENURE = {"tenure", "time", "days", "years", "stint", "term"}
FIRST_PERSON = {"i", "me", "my", "myself"}
CLAUSE_POS = {"VERB", "AUX"}
SUPERIOR_PREPS = {"under"}  # "deputy secretary under President X"
# Words that are an office only with a country word of their own and a name right
# after ("North Korean leader X"): "opposition leader", "world leaders" are none.
DESCRIPTIVE = {"Leader", "Counterpart"}
COUNTERPART = "Counterpart"
POSSESSIVES = {"'s", "’s"}


def extract_roles(document: Document, doc: Doc) -> tuple[Role, ...]:
    """Every office a named person holds for a country, as the text states it."""
    turns = find_turns(document.body)
    label_tokens = frozenset(t.i for turn in turns
                             for t in doc.char_span(turn.label_start, turn.label_end,
                                                    alignment_mode="expand") or ())
    titles = [m for m in find_titles(doc, skip=label_tokens) if not m.organization]
    titles = [without_name_words(doc, m, name_tokens(doc, titles)) for m in titles]
    mentions = [m for m in (*_title_mentions(doc, titles, turns, label_tokens),
                            *label_mentions(doc, turns),
                            *byline_mentions(doc)) if _is_name(m.name)]
    table = NameTable([m.name for m in mentions], names_in(doc))
    keyed = _expand_short_titles([(name_key(table.resolve(m.name)), m) for m in mentions])
    keyed = _pair_counterparts(keyed)
    keyed = _settle_tenure(doc, keyed)
    people = _people(doc, table, keyed)
    candidates = country_candidates(doc, keyed, turns, table)
    roles = []
    groups: dict[tuple[str, str, Status], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        key, mention = candidate.key, candidate.mention
        groups[(key, mention.canonical, mention.status)].append(candidate)
    context = document_states(document, doc, turns, _speakers(turns, table))
    chosen = settle_by_document({group: choose_country(found) for group, found in groups.items()},
                                groups, context)
    for (key, canonical, status), best in chosen.items():
        if best is None or best.country is None or key not in people:
            log.debug("no country for %s (%s) in %s", key, canonical, document.id)
            continue
        mention = best.mention
        roles.append(Role(person=people[key], title=canonical, country=best.country,
                          evidence=evidence(document.id, mention.sent, best.rule),
                          status=status, surface=mention.surface, date=document.date))
    return tuple(sorted(roles, key=lambda r: (r.evidence.start_char, r.person.key, r.title)))


def _speakers(turns: tuple[Turn, ...], table: NameTable) -> frozenset[str]:
    """Name keys of the people the speaker labels name ("PM RUDD:" -> rudd)."""
    return frozenset(name_key(table.resolve(name)) for t in turns
                     if t.is_person and (name := split_label(t.label)[1]))


def _is_name(name: str) -> bool:
    """Whether a holder is a name: not only title words, courtesies or forms of address
    ("Excellency", "Hon", "Government", "Mr President")."""
    lexicon_words = frozenset(w for t in load_titles().titles for w in t.lower().split())
    words = [w.strip(".,").lower() for w in name.replace(".", ". ").split()]
    if words and words[0] in POSSESSIVES:
        return False  # "President’s anti-Israel comments": the title is a possessor
    return any(w and w not in lexicon_words and w not in NAME_COURTESIES
               and w not in _not_names() for w in words)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("role_not_names.tsv"))


def _title_mentions(doc: Doc, titles: list[TitleMention], turns: tuple[Turn, ...],
                    label_tokens: frozenset[int] = frozenset()):
    """Mentions from title phrases in running text, one holder rule each.

    A holder is never a speaker label's name: "PRIME MINISTER X:  Secretary of State,
    Tony, ..." addresses the other speaker, and the parse's apposition across the
    colon is no role.
    """
    title_words = frozenset(w for t in load_titles().titles for w in t.lower().split())
    starts = {tm.start: tm for tm in titles}
    for tm in titles:
        sent = doc[tm.head].sent
        descriptive = tm.title.canonical in DESCRIPTIVE
        if descriptive and (tm.country is None or tm.canonical != tm.title.canonical):
            continue
        name = name_after(doc, after_posting(doc, tm.end), title_words=title_words)
        _, _, after_of = of_phrase_span(doc, tm.end)
        if name is None and after_of > tm.end:
            # "President of Ukraine Volodymyr Zelenskyy": the name after the of-phrase.
            name = name_after(doc, after_of, title_words=title_words)
        rule = "role.title-name.v1"
        if name is None and (comma := comma_name(doc, tm, max(after_of, tm.end),
                                                  title_words)) is not None:
            name, rule = comma, "role.title-comma-name.v1"
        if name is None and (shared := shared_name(doc, tm, starts, title_words)) is not None:
            name, rule = shared, "role.shared-name.v1"
        if name is not None and any(t.i in label_tokens for t in name):
            name = None
        if name is not None and tm.end < sent.end:
            # "Foreign Minister Wang Yi of China"; "President X of <organisation>" is no state's.
            country, organization = of_phrase(doc, name.end)
            if organization:
                continue
            alias = f"{doc[tm.words_start:tm.end].text} {clean_name(name.text)}"
            mention = _mention(tm, clean_name(name.text), sent, rule, name.end - 1,
                               alias=_strip_status(alias) if rule == "role.title-name.v1" else None)
            yield replace(mention, country=mention.country or country)
            continue
        found = _holder(doc, tm) if not descriptive else None
        if found is not None and any(t.i in label_tokens for t in found[1]):
            found = None
        if found is not None:
            rule, person, status = found
            yield replace(_mention(tm, clean_name(person.text), sent, rule, person.end - 1),
                          status=tm.status if tm.status != "current" else status)
            continue
        turn = turn_at(turns, doc[tm.start].idx)
        if turn is not None and turn.is_person and split_label(turn.label)[1] \
                and _is_self(doc, tm):
            yield replace(_mention(tm, split_label(turn.label)[1], sent, "role.self-as.v1",
                                   tm.head),
                          status=_self_status(doc, tm), self_of=turn.label)


def _pair_counterparts(keyed: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """'X met his Japanese counterpart Y': Y holds X's office (the nearest before it).

    Only an office every country names alike is copied: the counterpart of a
    "Secretary of State" is no other country's Secretary of State.
    """
    lexicon = load_titles().titles
    own_names = {t.short for t in lexicon.values() if t.country and t.country != ORG_OFFICE}
    out = []
    for key, mention in keyed:
        if mention.canonical != COUNTERPART:
            out.append((key, mention))
            continue
        before = [m for _, m in keyed if m.sent == mention.sent and m.char < mention.char
                  and m.canonical != COUNTERPART]
        partner = max(before, key=lambda m: m.char) if before else None
        if partner is None or partner.canonical in own_names:
            continue
        office = lexicon.get(partner.canonical)
        sole = office.country if office is not None else None
        if partner.title is not None and partner.canonical == partner.title.canonical:
            sole = partner.title.sole_country
        if not sole:
            out.append((key, replace(mention, canonical=partner.canonical,
                                     rule="role.counterpart.v1", alias=None)))
    return out


def _mention(tm: TitleMention, name: str, sent: Span, rule: str, token: int,
             alias: str | None = None) -> Mention:
    return Mention(name, tm.canonical, tm.surface, tm.status, sent, rule, token,
                   sent.doc[token].idx, tm, tm.country, alias)


def _holder(doc: Doc, tm: TitleMention) -> tuple[str, Span, Status] | None:
    """The named holder of a title with no name right after it, by dependency rule."""
    head = doc[tm.head]
    # "Cho Tae-yul, the foreign minister of Korea": the title is an apposition. In a
    # list the parse often hangs it on another item ("A and B, the Malaysian Prime
    # Minister"; "X; the Ambassador"): the holder is the name right before the comma.
    before = name_before_comma(doc, tm)
    if head.dep_ in APPOS_DEPS and before is not None:
        return "role.appos.v1", before, "current"
    if head.dep_ in APPOS_DEPS and (person := person_span(doc, head.head.i)):
        between = doc[person.end:tm.start] if person.end <= tm.start else doc[0:0]
        if any(t.text in LIST_BREAKS or t.dep_ in CONJ_DEPS for t in between):
            return None  # an apposition the parse drew across two items of a list
        return "role.appos.v1", person, "current"
    for child in head.children:
        if child.dep_ in APPOS_DEPS and (person := person_span(doc, child.i)):
            return "role.appos.v1", person, "current"
    # "X is the president of Y", "X, who was president": the title is the complement.
    if head.dep_ in ATTR_DEPS and head.head.lemma_ == "be":
        person = _subject(head.head)
        if person is not None:
            return "role.copula.v1", person, "former" if head.head.tag_ == "VBD" else "current"
    # "X, who serves as acting president", "With X serving as acting president".
    if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.lemma_ in SERVE_VERBS:
        verb = head.head.head
        person = _subject(verb)
        if person is not None:
            past = verb.tag_ == "VBD" and not any(c.lemma_ == "have" for c in verb.children)
            return "role.serving-as.v1", person, "former" if past else "current"
    return None


def _subject(verb: Token) -> Span | None:
    """The person a verb is said of: its subject, or the name a relative clause hangs on."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and (person := person_span(verb.doc, child.i)):
            return person
    if verb.dep_ == "relcl":
        return person_span(verb.doc, verb.head.i)
    return None


def _is_self(doc: Doc, tm: TitleMention) -> bool:
    """Whether a holder-less title is the speaker's own: 'I am ...', 'my tenure as ...'."""
    head = doc[tm.head]
    if head.dep_ in ATTR_DEPS and head.head.lemma_ == "be":
        return any(c.dep_ in SUBJECT_DEPS and c.lower_ == "i" for c in head.head.children)
    as_token = _as_before(doc, tm)
    if as_token is None:
        return False
    # "my 21st visit ..., as Secretary of State": a first-person word in the as-clause.
    clause = as_token
    while clause.pos_ not in CLAUSE_POS and clause.head.i != clause.i:
        clause = clause.head
    return any(t.lower_ in FIRST_PERSON for t in clause.subtree)


def _as_before(doc: Doc, tm: TitleMention) -> Token | None:
    """The 'as' that introduces a title ('as Secretary', 'as the foreign minister')."""
    k = tm.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return doc[k] if k >= 0 and doc[k].lower_ == "as" and doc[k].dep_ == "prep" else None


def _self_status(doc: Doc, tm: TitleMention) -> Status:
    if tm.status != "current":
        return tm.status
    as_token = _as_before(doc, tm)
    governor = as_token.head if as_token is not None else doc[tm.head]
    # "my tenure as deputy secretary"; _settle_tenure undoes it for the current office.
    return "former" if governor.lemma_ in PAST_TENURE else "current"


def _strip_status(text: str) -> str:
    words = text.split()
    while words and words[0].lower().strip("-") in STATUS_WORDS:
        words.pop(0)
    return " ".join(words)


def _expand_short_titles(keyed: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """'Secretary Blinken' holds the fuller title the document gives Blinken, if one."""
    lexicon = load_titles().titles
    fuller: dict[tuple[str, str], str] = {}
    for key, mention in sorted(keyed, key=lambda km: km[1].status != "current"):
        title = lexicon.get(mention.canonical)
        short = title.short if title is not None else None
        if mention.title is not None and mention.canonical == mention.title.canonical:
            short = mention.title.short
        if short and short != mention.canonical:
            fuller.setdefault((key, short), mention.canonical)
    out = []
    for key, mention in keyed:
        full = fuller.get((key, mention.canonical))
        out.append((key, replace(mention, canonical=full) if full else mention))
    return out


def _settle_tenure(doc: Doc, keyed: list[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """Past or present for the speaker's own offices and the superiors tied to them.

    "my tenure as Secretary" is current when the text gives that office as
    current; "my tenure as deputy secretary under President X" makes X former too.
    """
    current = {(k, m.canonical) for k, m in keyed if m.status == "current"}
    settled = [(k, replace(m, status="current"))
               if m.rule == "role.self-as.v1" and m.status == "former"
               and (k, m.canonical) in current and m.title is not None
               and m.title.status == "current" else (k, m) for k, m in keyed]
    past = {m.token for _, m in settled if m.rule == "role.self-as.v1" and m.status == "former"}
    out = []
    for key, mention in settled:
        token = doc[mention.token] if mention.token >= 0 else None
        if (token is not None and mention.status == "current" and token.dep_ == "pobj"
                and token.head.lower_ in SUPERIOR_PREPS and token.head.head.i in past):
            mention = replace(mention, status="former")
        out.append((key, mention))
    return out


def _people(doc: Doc, table: NameTable, keyed: list[tuple[str, Mention]]) -> dict[str, Entity]:
    """One Person entity per key: the fullest name as label, every other form as alias."""
    forms: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for key, mention in keyed:
        if mention.name:
            full = table.resolve(mention.name)
            labels.setdefault(key, full)
            forms[key].update({clean_name(mention.name), mention.alias or ""})
    for name in names_in(doc):
        key = name_key(table.resolve(name))
        if key in labels:
            forms[key].add(clean_name(name))
    for form, name in honorific_forms(doc):
        key = name_key(table.resolve(name))
        if key in labels:
            forms[key].add(form)
    return {key: Entity("Person", key, label,
                        tuple(sorted(f for f in forms[key] if f and f != label)))
            for key, label in labels.items()}

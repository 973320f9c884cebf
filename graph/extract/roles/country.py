"""The country of an office, when a role mention's own words do not state it.

In: the role mentions of one document (person key and `Mention`), its speaker
turns and title phrases. Out: `Candidate` countries, each with a level (1 is
strongest) and the rule that found it; `choose_country` keeps, for one person,
title and status, the most common country at the strongest level. A mention
with no evidence gets no candidate: a country is never invented.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...gazetteer import data_rows
from ..common import COUNTRY_LABELS, country_entity, country_of_span, name_key
from ..context.speakers import Turn, own_government_cue, split_label, turn_at
from ..docindex import index_of
from ..names import person_span
from ..titles import ORG_OFFICE, load_titles
from .respective import destination, placed, respective_country

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...types import Entity
    from ..names import NameTable

COUNTRY_RULES: dict[str, str] = {
    "role.country-conj.v1": "a titled name coordinated with one whose country is stated: "
                            "'Japanese Prime Minister X and Foreign Minister Y'",
    "role.country-respective.v1": "coordinated holders of one office and as many countries "
                                  "coordinated in the sentence, in respective order: 'Prime "
                                  "Minister A and Prime Minister B met ... between X and Y'",
    "role.country-sole-office.v1": "an office only one country has (titles.tsv): "
                                   "'Secretary of State'",
    "role.country-speaker-link.v1": "the speaker's own country for the speaker's office or a "
                                    "superior: 'my tenure as ...', 'under President X'",
    "role.country-same-person.v1": "the country the document states for another office of "
                                   "the same person",
    "role.country-context.v1": "the nearest country named in the sentence or the one before, "
                               "other than places, hosts, partners and countries stated for "
                               "other offices there; none when another unmarked titled "
                               "person shares the sentence",
    "role.country-speaker.v1": "the country of whoever says the sentence (transcript turn, "
                               "'said X'), when nothing nearer names one",
    "role.country-own-government.v1": "the speaker's country for an unmarked official in a "
                                      "sentence of the speaker's turn that says 'my government' "
                                      "or 'our president' and names no country",
    "role.country-list-rest.v1": "the one country left for the unmarked name in a list of N "
                                 "titled people whose other N-1 have distinct countries, when "
                                 "the sentence or one shortly before coordinates exactly N "
                                 "countries: 'Korea, the U.S. and Japan'",
}
# Dependency labels: coordination, and the links that tie a name to the speaker.
CONJ_DEPS = {"conj"}
OBJECT_DEPS = {"dobj", "pobj", "dative"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_PREPS = {"under"}  # "served under President X"
SPEAKER_POSSESSIVES = {"my", "our"}  # "our president"
FIRST_PERSON = {"i", "me", "my", "we", "our"}
# Verbs of attribution ("..., said Secretary Blinken").
SAY_VERBS = {"say", "tell", "add", "note", "state", "stress", "emphasize", "emphasise",
             "remark", "declare", "explain"}
# A country that owns an act or a stance ("the DPRK's missile launches", "the American
# move", "anti-Israel comments") is that act's agent or topic, not the home of the
# officials around it (data/role_context_nouns.tsv).
ACT_NOUNS = frozenset(row[0] for row in data_rows("role_context_nouns.tsv"))
MODIFIER_DEPS = {"poss", "amod", "compound", "nmod"}
# Offices the text names from the other country's side ("Ambassador ... to Korea", "his
# Japanese counterpart"): nearby countries are as likely the host, so only a stated
# country counts.
STATED_ONLY = {"Ambassador", "Leader", "Charge d'Affaires"}
STATED_ONLY_RULES = {"role.counterpart.v1"}
LIST_JOINS = {",", "and", "the", "&"}
LIST_WINDOW = 4  # a list of countries counts from the sentence and the three before it


@dataclass(frozen=True, slots=True)
class Candidate:
    """A country proposed for one role mention, how strongly, and by which rule."""

    key: str
    mention: Any  # roles.Mention (kept untyped to avoid an import cycle)
    country: Entity | None
    level: int
    rule: str


def choose_country(found: list[Candidate]) -> Candidate | None:
    """The most common country at the strongest level; the earliest mention on a tie."""
    usable = [c for c in found if c.country is not None]
    if not usable:
        return None
    best = min(c.level for c in usable)
    top = [c for c in usable if c.level == best]
    counts = Counter(c.country.key for c in top if c.country is not None)
    # The evidence shown is a mention that writes the title out in full, when there is one.
    ranked = sorted(top, key=lambda c: (-counts[c.country.key if c.country else ""],
                                        c.mention.canonical.lower() not in
                                        c.mention.surface.lower(), c.mention.char))
    return ranked[0]


def country_candidates(doc: Doc, keyed: list[tuple[str, Any]], turns: tuple[Turn, ...],
                       table: NameTable) -> list[Candidate]:
    """One candidate per mention (country None when there is no evidence)."""
    # A country word the gazetteer cannot read ("Philippine Secretary ...") still says
    # the text gave one: guessing another for that person and office would be wrong.
    unreadable = {(key, m.canonical) for key, m in keyed
                  if m.title is not None and m.title.unresolved}
    speakers = {name_key(table.resolve(split_label(t.label)[1])) for t in turns if t.is_person}
    first = [_stated(doc, key, m, keyed) for key, m in keyed]
    # Offices whose country the text marks, with their holders: (key, token, country).
    marked = [(key, m.char, m.country) for key, m in keyed if m.country is not None]
    titled = [(key, m.char) for key, m in keyed if m.token >= 0 and m.country is None]
    known: dict[str, Entity] = {}
    for candidate in sorted(first, key=lambda c: (c.level, c.mention.status != "current")):
        if candidate.country is not None:
            known.setdefault(candidate.key, candidate.country)
    out = []
    for candidate in first:
        if candidate.country is None and infers_country(candidate.mention) \
                and (candidate.key, candidate.mention.canonical) not in unreadable:
            candidate = _inferred(doc, candidate, turns, titled, table, known,
                                  speaks=candidate.key in speakers, marked=marked)
        out.append(candidate)
    return out


def _stated(doc: Doc, key: str, mention: Any, keyed: list[tuple[str, Any]]) -> Candidate:
    """Levels 1-3: a stated country, a one-country office, a coordinated name's country."""
    if mention.country is not None:
        return Candidate(key, mention, mention.country, 1, mention.rule)
    title = load_titles().titles.get(mention.canonical)
    sole = title.country if title is not None and title.country != ORG_OFFICE else None
    if mention.title is not None and mention.canonical == mention.title.canonical:
        sole = mention.title.sole_country  # "Deputy Secretary of Defense" as written
    if sole:
        return Candidate(key, mention, country_entity(sole), 2, "role.country-sole-office.v1")
    if mention.token >= 0 and infers_country(mention):
        # A country word on the first of coordinated titled names distributes forward
        # ("Japanese Prime Minister X and Foreign Minister Y"), never backward.
        token = doc[mention.token]
        head = token.head.i if token.dep_ in CONJ_DEPS else None
        for _other_key, other in keyed:
            if other.token == head and other.country is not None and other is not mention:
                return Candidate(key, mention, other.country, 3, "role.country-conj.v1")
    if mention.token >= 0 and infers_country(mention) \
            and (respective := respective_country(doc, mention, keyed)) is not None:
        return Candidate(key, mention, respective, 3, "role.country-respective.v1")
    return Candidate(key, mention, None, 9, mention.rule)


def infers_country(mention: Any) -> bool:
    """Whether the country of a mention may come from anything but its own words."""
    return mention.canonical not in STATED_ONLY and mention.rule not in STATED_ONLY_RULES


def _inferred(doc: Doc, candidate: Candidate, turns: tuple[Turn, ...],
              titled: list[tuple[str, int]], table: NameTable,
              known: dict[str, Entity], *, speaks: bool,
              marked: list[tuple[str, int, Entity]]) -> Candidate:
    """Levels 4-6: the same person's or the speaker's own country, context, the speaker's."""
    mention = candidate.mention
    speaker = _speaker(doc, mention, turns, table)
    speaker_country = known.get(speaker) if speaker else None
    if speaker_country is not None and _tied_to_speaker(doc, mention):
        return Candidate(candidate.key, mention, speaker_country, 4,
                         "role.country-speaker-link.v1")
    if candidate.key in known:
        return Candidate(candidate.key, mention, known[candidate.key], 4,
                         "role.country-same-person.v1")
    if mention.token >= 0 and (rest := _list_rest(doc, candidate.key, mention, marked)):
        return Candidate(candidate.key, mention, rest, 5, "role.country-list-rest.v1")
    if mention.token >= 0:
        context = _context_country(doc, candidate.key, mention, marked, titled, turns)
        if context is not None:
            return Candidate(candidate.key, mention, context, 5, "role.country-context.v1")
    # The speaker's country: only for an unmarked title beside titles marked with other
    # countries, or for someone acting jointly with the speaker ("Secretary X and I
    # visited"), and never for someone who speaks in the text (a counterpart).
    if speaker_country is not None and not speaks and mention.token >= 0 and (
            _contrasted(candidate.key, mention, marked, speaker_country)
            or _joint_with_speaker(doc, mention)):
        return Candidate(candidate.key, mention, speaker_country, 6, "role.country-speaker.v1")
    if speaker_country is not None and not speaks and mention.token >= 0 \
            and _own_government(doc, candidate.key, mention, turns, titled):
        return Candidate(candidate.key, mention, speaker_country, 6,
                         "role.country-own-government.v1")
    return candidate


def _own_government(doc: Doc, key: str, mention: Any, turns: tuple[Turn, ...],
                    titled: list[tuple[str, int]]) -> bool:
    """'... my government announced is the result of President X's determination'.

    Only in a person's turn, in the sentence with the cue, with no country named
    there, no other unmarked titled person and no 'your' before the title.
    """
    sent = mention.sent
    turn = turn_at(turns, mention.char)
    if turn is None or not turn.is_person or not own_government_cue(sent.text):
        return False
    if any(k != key and sent.start_char <= char < sent.end_char for k, char in titled):
        return False
    if any(ent.label_ in COUNTRY_LABELS and country_of_span(ent)
           for ent in index_of(sent.doc).ents_in(sent)):
        return False
    start = mention.title.start if mention.title is not None else mention.token
    return not (start > 0 and doc[start - 1].lower_ in {"your", "their", "his", "her"})


def _list_rest(doc: Doc, key: str, mention: Any,
               marked: list[tuple[str, int, Entity]]) -> Entity | None:
    """The remaining country of a list of N countries for the one unmarked titled name."""
    sent = mention.sent
    others = {k: c for k, char, c in marked if k != key and sent.start_char <= char < sent.end_char}
    n = len(others) + 1
    if n < 3 or len({c.key for c in others.values()}) != n - 1:
        return None
    have = {c.key for c in others.values()}
    window: Span | None = sent
    for _ in range(LIST_WINDOW):  # the sentence, then the nearest ones before it
        if window is None:
            break
        for group in _country_lists(window):
            if len(group) == n and have < set(group):
                return next(c for g, c in group.items() if g not in have)
        window = doc[window.start - 1].sent if window.start > 0 else None
    return None


def _country_lists(sent: Span) -> list[dict[str, Entity]]:
    """Countries coordinated in one list ('South Korea, the U.S. and Japan'), by key."""
    groups: dict[int, dict[str, Entity]] = {}
    for ent in index_of(sent.doc).ents_in(sent):
        country = country_of_span(ent) if ent.label_ in COUNTRY_LABELS else None
        if country is None:
            continue
        token = ent.root
        while token.dep_ in CONJ_DEPS and token.head.i != token.i:
            token = token.head
        groups.setdefault(token.i, {})[country.key] = country
    return list(groups.values())


def _contrasted(key: str, mention: Any, marked: list[tuple[str, int, Entity]],
                home: Entity) -> bool:
    """Other people's offices in the sentence are marked with countries not the speaker's."""
    sent = mention.sent
    others = {c.key for k, char, c in marked
              if k != key and sent.start_char <= char < sent.end_char}
    return bool(others) and home.key not in others


def _joint_with_speaker(doc: Doc, mention: Any) -> bool:
    """'Secretary X and I visited ...': the person is coordinated with a first-person subject."""
    token = doc[mention.token]
    linked = [*token.children, token.head] if token.dep_ in CONJ_DEPS else [*token.children]
    return any(t.lower_ in {"i", "we"} and (t.dep_ in CONJ_DEPS or token.dep_ in CONJ_DEPS)
               for t in linked)


def _speaker(doc: Doc, mention: Any, turns: tuple[Turn, ...], table: NameTable) -> str | None:
    """The key of the person who says the mention's sentence, if the text says who."""
    if mention.self_of is not None:
        return name_key(table.resolve(split_label(mention.self_of)[1]))
    for token in mention.sent:
        if token.lemma_ in SAY_VERBS:
            for child in token.children:
                if child.dep_ in SUBJECT_DEPS and (person := person_span(doc, child.i)):
                    return name_key(table.resolve(person.text))
    turn = turn_at(turns, mention.char)
    if turn is not None and turn.is_person and mention.token >= 0:
        return name_key(table.resolve(split_label(turn.label)[1]))
    return None


def _tied_to_speaker(doc: Doc, mention: Any) -> bool:
    """The speaker's own office, or a superior the text ties to the speaker."""
    if mention.self_of is not None:
        return True
    if mention.token < 0:
        return False
    token = doc[mention.token]
    if token.dep_ == "pobj" and token.head.lower_ in SPEAKER_PREPS:
        # "my tenure as deputy secretary under President X", not "Korea, under President X".
        node = token.head.head
        for _ in range(3):
            if any(c.lower_ in FIRST_PERSON and c.dep_ in {*SUBJECT_DEPS, "poss"}
                   for c in node.children):
                return True
            node = node.head
    title_head = doc[mention.title.head] if mention.title is not None else token
    return any(c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES
               for t in (token, title_head) for c in t.children)


def _context_country(doc: Doc, key: str, mention: Any, marked: list[tuple[str, int, Entity]],
                     titled: list[tuple[str, int]], turns: tuple[Turn, ...]) -> Entity | None:
    """The nearest country in the sentence, else the last in the sentence before it.

    A nearby country is as often the place, host or partner of a visit as the
    official's own: such countries do not count, countries stated for other
    people's offices belong to them, and when another titled person with no
    stated country shares the sentence, neither gets a country from it.
    """
    sent = mention.sent
    if any(k != key and sent.start_char <= char < sent.end_char for k, char in titled):
        return None
    previous = _previous_sentence(doc, sent, turns)
    start = previous.start_char if previous is not None else sent.start_char
    stated = {c.key for k, char, c in marked if k != key and start <= char < sent.end_char}
    near = [(abs(i - mention.token), c) for i, c in _countries(sent) if c.key not in stated]
    if near:
        return min(near, key=lambda ic: ic[0])[1]
    if previous is None:
        return None
    earlier = [(i, c) for i, c in _countries(previous) if c.key not in stated]
    return earlier[-1][1] if earlier else None


def _countries(sent: Span) -> list[tuple[int, Entity]]:
    """Countries named in the sentence, other than places, hosts, partners and agents."""
    found = []
    for ent in index_of(sent.doc).ents_in(sent):
        if ent.label_ in COUNTRY_LABELS and not destination(ent) and not _actor(ent) \
                and not placed(ent) and not _paired(ent):
            country = country_of_span(ent)
            if country is not None:
                found.append((ent.start, country))
    return found


def _paired(ent: Span) -> bool:
    """'Australia and Nauru signed': a country named as one of a pair says nothing
    about which side an official is on (a longer list may be the rest of a list).

    The list is read from the words, not the parse, which often splits long lists.
    """
    doc, index = ent.doc, index_of(ent.doc)
    size, k = 1, ent.start - 1
    while k >= 0 and doc[k].lower_ in LIST_JOINS:
        k -= 1
    while k >= 0 and (left := index.ent_at(k)) is not None and _is_country_token(doc[k]):
        size, k = size + 1, left.start - 1
        while k >= 0 and doc[k].lower_ in LIST_JOINS:
            k -= 1
    k = ent.end
    while k < len(doc) and doc[k].lower_ in LIST_JOINS:
        k += 1
    while k < len(doc) and (right := index.ent_at(k)) is not None and _is_country_token(doc[k]):
        size, k = size + 1, right.end
        while k < len(doc) and doc[k].lower_ in LIST_JOINS:
            k += 1
    return size == 2


def _is_country_token(token: Token) -> bool:
    ent = index_of(token.doc).ent_at(token.i)
    return ent is not None and ent.label_ in COUNTRY_LABELS and country_of_span(ent) is not None


def _actor(ent: Span) -> bool:
    """'the DPRK's missile launches': a country that modifies or owns an act.

    So does one that modifies another office ("his Japanese counterpart", "the
    Korean president"): the country is that office's.
    """
    token = ent.root
    if token.dep_ not in MODIFIER_DEPS:
        return False
    head = token.head.lemma_.lower()
    return head in ACT_NOUNS or load_titles().lookup(head) is not None


def _previous_sentence(doc: Doc, sent: Span, turns: tuple[Turn, ...]) -> Span | None:
    """The sentence before `sent` in the same paragraph and speaker turn."""
    if sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    start = previous.start_char + len(previous.text) - len(previous.text.lstrip())
    end = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    if "\n" in index_of(doc).text[start:end]:
        return None  # a new paragraph: the sentence before is about something else
    if turn_at(turns, previous.start_char) != turn_at(turns, sent.start_char):
        return None
    return previous

"""The country of an office from the document as a whole: who published it, who meets.

In: a `Document`, its parse and speaker turns, and for each person, title and status
the country the mentions' own words gave (if any). Out: a country for the offices
still without one, when the document leaves exactly one: the state whose official
site published it (`context.publisher`), the two states of the meeting it reports
(`context.meeting`) and the authors of a joint statement (`context.authors`), less
the states whose government has no such office (data/role_country_offices.tsv: an
Australian statement's "President Obama" is no Australian office) and, for a current
office, the states whose office of that title another person already holds in the
document (two prime ministers at a meeting are the two states'; an unnamed "PRIME
MINISTER:" speaker of a published transcript holds the publisher's, and is the named
holder of that office whom only the other officials' turns name). In a transcript, a
head of state or government who does not speak gets no meeting state but the
publisher's: the leaders who meet speak. A guess from nearby words counts as holding
its state's office; one that names a third state stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...gazetteer import data_rows
from ..common import country_entity
from ..context.authors import statement_authors
from ..context.meeting import meeting_states
from ..context.publisher import publisher_of
from ..context.speakers import Turn, split_label, turn_at
from ..titles import load_titles
from .country import Candidate, infers_country

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...types import Document, Entity, Status

DOCUMENT_RULES: dict[str, str] = {
    "role.country-document.v1": "the one state the document leaves for an office: its "
                                "publisher's or one of the two meeting states, less states "
                                "without the office and states whose office another person "
                                "holds there (in a transcript, a head of state or government "
                                "who does not speak is no meeting state's; the publisher's "
                                "unnamed speaker is the holder only others name)",
    "role.country-home.v1": "the publisher's own state for an office the document leaves "
                            "to several states, when the mention names no country: a "
                            "government writes its own officials unmarked ('the Minister "
                            "for Immigration X') and marks the others ('Nauru's Minister Y')",
}
RULE = "role.country-document.v1"
HOME_RULE = "role.country-home.v1"
LEVEL = 5
ELECT = "-elect"
MINISTER = "Minister"  # in data/role_country_offices.tsv: ministers of any portfolio


@dataclass(frozen=True, slots=True)
class DocumentStates:
    """The states a document speaks for or reports a meeting of."""

    states: tuple[Entity, ...]  # the publisher's first, then the meeting's
    home: bool  # whether the first state is the publisher's
    held: frozenset[tuple[str, str]]  # (office, ISO3) held by an unnamed speaker
    turns: tuple[Turn, ...] = ()  # the transcript's speaker turns
    speakers: frozenset[str] = frozenset()  # name keys of the speakers the labels name
    joint: bool = False  # whether several states author the statement


def document_states(document: Document, doc: Doc, turns: tuple[Turn, ...],
                    speakers: frozenset[str] = frozenset()) -> DocumentStates:
    """The publisher's state and the meeting's states, and the offices unnamed speakers hold."""
    publisher = publisher_of(document)
    home = publisher if publisher is not None and publisher.kind == "Country" else None
    states = [home] if home is not None else []
    # Without a title the meeting is read from the opening sentences alone, which name
    # a statement's topic ("condemned the DPRK's launches") as readily as its parties.
    for iso3 in meeting_states(document, doc) if document.title else ():
        if all(s.key != iso3 for s in states):
            states.append(country_entity(iso3))
    # A joint statement's authors ("We, the leaders of A, B and C") are its states too.
    authors = [a for a in statement_authors(document, doc) if a.kind == "Country"]
    for author in authors:
        if all(s.key != author.key for s in states):
            states.append(author)
    held = set()
    if home is not None:
        for turn in turns:
            title_words, name = split_label(turn.label)
            title = load_titles().lookup(title_words) if title_words and not name else None
            if turn.is_person and title is not None and has_office(home.key, title.canonical):
                held.add((title.canonical, home.key))
    return DocumentStates(tuple(states), home is not None, frozenset(held),
                          tuple(t for t in turns if t.is_person), speakers,
                          len({a.key for a in authors}) > 1)


def settle_by_document(chosen: dict[tuple[str, str, Status], Candidate | None],
                       found: dict[tuple[str, str, Status], list[Candidate]],
                       context: DocumentStates) -> dict[tuple[str, str, Status], Candidate | None]:
    """`chosen` with a document state for each office the mentions left open (or only
    guessed from nearby words), in order of first mention."""
    holders: dict[tuple[str, str], set[str]] = {}
    for (key, canonical, status), candidate in chosen.items():
        if candidate is not None and candidate.country is not None and status == "current" \
                and candidate.level < LEVEL:
            holders.setdefault((canonical, candidate.country.key), set()).add(key)
    for office in context.held:
        holders.setdefault(office, set()).add("")
    out = dict(chosen)
    order = sorted(found, key=lambda g: min(c.mention.char for c in found[g]))
    for group in order:
        candidate = chosen.get(group)
        if candidate is not None and candidate.country is not None and candidate.level < LEVEL:
            continue
        if not all(_open(c.mention) for c in found[group]):
            continue
        key, canonical, status = group
        if status == "current" and _unnamed_speaker(found[group], canonical, context):
            home = context.states[0]
            out[group] = Candidate(key, min(found[group], key=lambda c: c.mention.char).mention,
                                   home, LEVEL, RULE)
            holders.setdefault((canonical, home.key), set()).add(key)
            continue
        if candidate is not None and candidate.country is not None \
                and not has_office(candidate.country.key, canonical):
            out[group] = None  # a guess the state's form of government rules out
        left = [s for s in context.states if has_office(s.key, canonical)
                and (status != "current" or not holders.get((canonical, s.key), set()) - {key})]
        # A guess naming a third state ("the Palestinian ... President X") stays unless
        # the document leaves exactly one state with the office: a country named nearby
        # is as often what the sentence is about as the official's own.
        third = candidate is not None and candidate.country is not None \
            and out[group] is not None \
            and all(s.key != candidate.country.key for s in context.states)
        if context.turns and canonical.removesuffix(ELECT) in _offices()[0] \
                and key not in context.speakers:
            # The leaders a transcript's meeting brings together speak in it: a head of
            # state or government who does not is a third state's ("President X" in a
            # question), so only the publisher's own state is left for them.
            left = [s for s in left if context.home and s.key == context.states[0].key]
        if third and len(left) != 1:
            continue
        if len(left) > 1 and _home_office(context, left, canonical) \
                and (candidate is None or candidate.country is None):
            first = min(found[group], key=lambda c: c.mention.char)
            out[group] = Candidate(key, first.mention, left[0], LEVEL, HOME_RULE)
            continue
        if len(left) != 1:
            if candidate is not None and candidate.country is not None and status == "current" \
                    and any(s.key == candidate.country.key for s in left):
                # A nearby-words guess that is one of the states left holds its office,
                # so another holder of that office is the other state's.
                holders.setdefault((canonical, candidate.country.key), set()).add(key)
            continue
        first = min(found[group], key=lambda c: c.mention.char)
        out[group] = Candidate(key, first.mention, left[0], LEVEL, RULE)
        if status == "current":
            holders.setdefault((canonical, left[0].key), set()).add(key)
    return out


def _home_office(context: DocumentStates, left: list[Entity], canonical: str) -> bool:
    """Whether an unmarked office that several states could hold is the publisher's: the
    publisher's state is one of them, the document is no joint statement of several
    states (each writes its own officials unmarked there), and the office is no head of
    state or government (the other state's head is as often named bare)."""
    return (context.home and not context.joint and left[0].key == context.states[0].key
            and canonical.removesuffix(ELECT) not in _offices()[0])


def _unnamed_speaker(found: list[Candidate], canonical: str, context: DocumentStates) -> bool:
    """Whether a named holder of the office an unnamed speaker holds for the publisher's
    state ("PRIME MINISTER:") is that speaker: named only in other officials' turns
    ("PRESIDENT X:  I welcome Prime Minister Y"), never in the unnamed speaker's own,
    and not a speaker of a label of their own."""
    if not context.home or (canonical, context.states[0].key) not in context.held \
            or found[0].key in context.speakers:
        return False
    for candidate in found:
        turn = turn_at(context.turns, candidate.mention.char)
        if turn is None or not split_label(turn.label)[1]:
            return False  # outside a named official's turn, or in the unnamed speaker's
    return True


def _open(mention: Any) -> bool:
    """Whether a mention may take its country from the document (not 'Ambassador to ...',
    a counterpart, or a country word the gazetteer cannot read)."""
    return infers_country(mention) and not (mention.title is not None
                                            and mention.title.unresolved)


def has_office(iso3: str, canonical: str) -> bool:
    """Whether the state's government has the office (any office outside the restricted
    heads of state and government does)."""
    restricted, offices = _offices()
    office = canonical.removesuffix(ELECT)
    if MINISTER in office.split() and iso3 in offices and MINISTER not in offices[iso3]:
        return False  # "Foreign Minister" is no office of a state whose ministers are secretaries
    if office not in restricted:
        return True
    return office in offices.get(iso3, frozenset())


@lru_cache(maxsize=1)
def _offices() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    rows = {row[0]: frozenset(row[1].split("|")) for row in data_rows("role_country_offices.tsv")}
    return rows.pop("restricted"), rows

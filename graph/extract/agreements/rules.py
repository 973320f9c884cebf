"""Country - agreement - year: which states are party to which agreement.

In: a parsed document and the roles found in it (which say whose official a
transcript speaker is). Out: `Party` claims, one per country, agreement and
sentence, each naming the rule that read it. Agreement mentions come from
`names`; a bare "the treaty" / "our treaty" stands for the last named
agreement of the same kind. The parties come from the dependency parse around
each mention (who signed it, between whom it is, whose it is, who is held to
it) and from the name itself ("ROK-U.S.", "inter-Korean"); the year from
`years`. Who a subject or possessor stands for (states, capitals,
officials by role or title, "the two allies", "our two countries") is read by
`parties`; a bracketed acronym or a description set off after a name
joins that name (`merge`). Every mention of one agreement in a
document shares one key, label and year, so that its names merge into one node;
a proper name is preferred as the label over a description.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...types import Document, Entity, Party, Role
from ..common import country_entity, evidence
from .holders import (
    act_holders,
    anniversary_holders,
    collective_actors,
    duty_holders,
    under_holders,
)
from .merge import merge_acronyms, merge_appositions, shortened_cores
from .names import (
    NameMention,
    anchor_of,
    find_agreement_names,
)
from .parties import FIRST_PERSON, Context
from .signers import list_intro, meeting_year, read_signers, signed_at_meeting, with_partners
from .status import is_planned, is_unreported_signing
from .syntax import (
    SIGN_LEMMAS,
    SUBJECT_DEPS,
    governing_verb,
    negated,
    reduced_relative,
    relative_is_not_object,
    through_obligation,
)
from .vocab import is_generic, title_words
from .years import (
    SIGNING_NOUNS,
    is_historic,
    year_of_anniversary,
    year_of_signing,
    year_of_signing_noun,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

RULES: dict[str, str] = {
    "agreement.signed.v1": "X (and Y) signed, concluded, ratified, joined or approved it; "
                           "it was signed by X",
    "agreement.bound.v1": "X honours, implements, abides by, violates it or meets its "
                          "commitments ('call on X to' hands the duty to X)",
    "agreement.between.v1": "the agreement between (among) X and Y, or with Y",
    "agreement.name.v1": "the name states its parties: 'ROK-U.S. Mutual Defense Treaty', "
                         "'inter-Korean ...', 'KORUS FTA'",
    "agreement.possessive.v1": "X's agreement; 'our treaty' said by an official of X",
    "agreement.under.v1": "through (under) the agreement, X and Y act",
    "agreement.party_to.v1": "X is a party (signatory, member) to it",
    "agreement.anniversary.v1": "X and Y mark (celebrate) the anniversary of (signing) it",
    "agreement.duty.v1": "X's obligations (commitments) under it, the commitment of X to it, "
                         "'call on X to abide by its commitments under it'",
    "agreement.act.v1": "the ratification (implementation, violation) of it by X, X's accession "
                        "to it, a violation by X of it",
    "agreement.year.name.v1": "a year in the name: 'the 2018 joint agreement', "
                              "'the Treaty of 1953'",
    "agreement.year.signed.v1": "a year on the signing: 'signed in 1953'",
    "agreement.year.relative.v1": "counted back from the document date: '70 years since they "
                                  "signed', 'the 70th anniversary of the treaty'",
    "agreement.list.v1": "an item of a list of documents signed (concluded) at the meeting "
                         "the document reports: the meeting's two states",
    "agreement.meeting.v1": "signed at the meeting the document reports, by 'the parties', "
                            "'both sides', its officials or in the passive: the meeting's "
                            "two states",
    "agreement.year.document.v1": "signed at the meeting the document reports, with no other "
                                  "date: the document's year",
}

# Verbs that hold a state to an agreement it is party to.
BOUND_LEMMAS = {"honor", "honour", "implement", "abide", "comply", "observe", "respect",
                "fulfill", "fulfil", "meet", "violate", "breach", "uphold", "adhere", "keep"}
# Verbs that hold a state to an agreement through its duties: "X reaffirmed its commitment
# to its obligations under the NPT".
REAFFIRM_LEMMAS = {"reaffirm", "affirm", "reiterate", "renew", "pledge", "confirm"}
# Nouns that make their subject a party: "X is a party (signatory) to the NPT".
PARTY_NOUNS = {"party", "signatory", "member", "participant", "signer"}
BETWEEN_PREPOSITIONS = {"between", "among", "with"}
RULE_ORDER = list(RULES)


@dataclass(frozen=True, slots=True)
class _Found:
    """One party read around one mention."""

    iso3: str
    surface: str
    sentence: Span
    rule: str


def extract_parties(document: Document, doc: Doc, *, roles: tuple[Role, ...] = ()
                    ) -> tuple[Party, ...]:
    """Every country the text makes party to a named agreement."""
    context = Context(document, doc, roles)
    doc_year = context.doc_year
    doc = context.doc
    mentions = merge_appositions(merge_acronyms(find_agreement_names(doc), doc), doc)
    referents = _resolve_anaphors(mentions)
    owners = _clause_owners(mentions, doc)
    found: dict[str, list[_Found]] = defaultdict(list)
    years: dict[str, list[int]] = defaultdict(list)
    names: dict[str, list[NameMention]] = defaultdict(list)
    named_cores = {r.core for _, r in referents if r.kind == "named"}
    named_verbs = {governing_verb(anchor_of(m, doc)) for m, r in referents if r.kind == "named"}
    vetoed = {r.core for m, r in referents if m.kind != "anaphor" and _with_non_state(m, context)}
    for mention, referent in referents:
        core = referent.core
        if core in vetoed:
            continue
        if referent.kind == "descriptive" and mention is referent and core not in named_cores \
                and governing_verb(anchor_of(mention, doc)) in named_verbs - {None}:
            continue  # "signed the X Agreement in 2016, an intelligence-sharing pact ..."
        if mention is referent:
            names[core].append(mention)
        if is_planned(anchor_of(mention, doc), doc[mention.head]):
            continue  # "negotiations on an X Agreement", "X will be signed"
        if mention.year is not None:
            years[core].append(mention.year)
        for item, year in _parties_of(mention, context, doc_year, owners,
                                      explicit_only=referent.kind == "descriptive"):
            found[core].append(item)
            if year is not None:
                years[core].append(year)
    _merge_joint_texts(found, years, names)
    _merge_shortened(found, years, names)
    return _assemble(document, found, years, names)


def _merge_shortened(found: dict[str, list[_Found]], years: dict[str, list[int]],
                     names: dict[str, list[NameMention]]) -> None:
    """A shortened title joins the one full title it shortens (`merge.shortened_cores`);
    the full title's year comes first."""
    nouns = {core: mentions[0].noun for core, mentions in names.items() if mentions}
    for short, full in sorted(shortened_cores(nouns).items()):
        found[full].extend(found.pop(short, []))
        years[full].extend(years.pop(short, []))
        names[full].extend(names.pop(short, []))


def _merge_joint_texts(found: dict[str, list[_Found]], years: dict[str, list[int]],
                       names: dict[str, list[NameMention]]) -> None:
    """ "the Joint Declaration of the Presidents of A and B" and "the Joint Declaration on
    deepening the partnership" in one document: a meeting's joint declaration (statement,
    communique) with the same parties, written several ways, is one text."""
    first: dict[tuple[str, tuple[str, ...]], str] = {}
    for core in sorted(found, key=lambda c: min((m.start for m in names.get(c, [])),
                                               default=0)):
        mentions = names.get(core, [])
        isos = tuple(sorted({i.iso3 for i in found[core] if i.iso3}))
        joint = [m for m in mentions if m.noun in title_words("single")
                 and "joint" in m.label.lower().split()]
        if not joint or len(isos) < 2:
            continue
        key = (joint[0].noun, isos)
        if key not in first:
            first[key] = core
            continue
        target = first[key]
        found[target].extend(found.pop(core))
        years[target].extend(years.pop(core, []))
        names[target].extend(names.pop(core))


def _resolve_anaphors(mentions: list[NameMention]) -> list[tuple[NameMention, NameMention]]:
    """Pair each mention with the one it stands for; a bare "the treaty" takes the last of
    its kind, and is dropped when that one is not named or there is none."""
    pairs: list[tuple[NameMention, NameMention]] = []
    last: dict[str, NameMention] = {}
    for mention in mentions:
        if mention.kind == "anaphor":
            referent = last.get(mention.noun)
            if referent is not None and referent.kind == "named":
                pairs.append((mention, referent))
            continue
        last[mention.noun] = mention
        pairs.append((mention, mention))
    return pairs


def _clause_owners(mentions: list[NameMention], doc: Doc) -> dict[int, int]:
    """ "the Declaration that builds upon the Treaty on X, signed in 2019": the small model
    hangs a clause set off after the nearer name on the farther one; the clause belongs to
    the last name before it. Clause token -> the head of the name that owns it."""
    owners: dict[int, int] = {}
    for mention in mentions:
        for clause in doc[mention.head].children:
            if clause.dep_ != "acl" or clause.i <= mention.end:
                continue
            nearer = [n for n in mentions if n.start >= mention.end and n.end <= clause.i
                      and n.kind != "anaphor"]
            if nearer:
                owners[clause.i] = nearer[-1].head
    return owners


def _parties_of(mention: NameMention, context: Context, doc_year: int | None,
                owners: dict[int, int], *, explicit_only: bool
                ) -> list[tuple[_Found, int | None]]:
    doc = context.doc
    head = doc[mention.head]
    sent = head.sent
    out: list[tuple[_Found, int | None]] = []
    undated: Token | None = None  # a signing verb whose signers alone are not the meeting

    def add(countries: list[tuple[str, str]], rule: str) -> None:
        out.extend((_Found(iso3, surface, sent, rule), None) for iso3, surface in countries)

    # agreement.name.v1: the parties the name itself states.
    if not explicit_only:
        add(list(mention.parties), "agreement.name.v1")
    anchor = anchor_of(mention, doc)
    # agreement.signed.v1 / agreement.bound.v1: the verb that governs the agreement.
    verb = governing_verb(anchor)
    if verb is not None and not negated(verb):
        lemma = verb.lemma_.lower()
        if lemma in SIGN_LEMMAS:
            dated = year_of_signing(verb, doc_year, context.doc_month)
            signers, at_meeting = read_signers(verb, context)
            add(signers, "agreement.meeting.v1" if at_meeting else "agreement.signed.v1")
            ours = at_meeting or {i for i, _ in signers} == set(context.meeting)
            dated = dated or meeting_year(verb, ours, doc_year)
            if dated:
                out.append((_Found("", "", sent, dated[1]), dated[0]))
            elif not ours:
                undated = verb
        elif (lemma in BOUND_LEMMAS or lemma in REAFFIRM_LEMMAS and through_obligation(anchor)) \
                and not explicit_only:
            add(collective_actors(verb, context), "agreement.bound.v1")
    # "the treaty signed by X in 1953", "the treaty (which) X signed in 1953": a signing
    # clause on the agreement itself.
    # (also after a date in the name: "the Joint Declaration of December 22, 2020, signed by")
    clauses = [*head.children, *(c for t in head.subtree if t.ent_type_ == "DATE" and t.i > head.i
                                 for c in t.children if c.dep_ == "acl")]
    clauses = [c for c in clauses if owners.get(c.i, head.i) == head.i]
    clauses += [doc[i] for i, owner in owners.items() if owner == head.i]
    # agreement.signed.v1 also through a participle the parser hung on the main verb
    reduced = reduced_relative(mention.end, sent) if mention.kind != "anaphor" \
        and not any(c.dep_ == "poss" for c in head.children) else None  # not "our X, adopted"
    if reduced is None and anchor.dep_ == "nsubj" and anchor.head.i == mention.end \
            and anchor.head.tag_ == "VBN" and not any(c.dep_ in {"aux", "dobj"}
                                                      for c in anchor.head.children):
        reduced = anchor.head  # "the Agreement signed between X and Y on 3 May": no verb of
        # its own, the parser made the participle the name's verb
    if reduced is not None:
        clauses.append(reduced)
    reduced_i = reduced.i if reduced is not None else -1
    for child in clauses:
        if (child.dep_ in {"acl", "relcl"} or child.i == reduced_i) \
                and child.lemma_.lower() in SIGN_LEMMAS and not negated(child):
            if child.dep_ == "relcl" and relative_is_not_object(child):
                continue  # "the treaty that ended the war": the treaty acts, nobody signs it
            dated = year_of_signing(child, doc_year, context.doc_month)
            agents = [p for a in child.children if a.dep_ == "agent"
                      for p in a.children if p.dep_ == "pobj"]
            if child.dep_ == "relcl":
                agents += [s for s in child.children if s.dep_ in SUBJECT_DEPS]
            countries = [c for a in agents for c in context.countries(a)]
            countries += with_partners(child, context, BETWEEN_PREPOSITIONS)
            at_meeting = signed_at_meeting(child, agents, countries, context,
                                           reduced=child.i == reduced_i)
            if at_meeting:
                countries = [(iso3, "") for iso3 in context.meeting]
            add(countries, "agreement.meeting.v1" if at_meeting else "agreement.signed.v1")
            ours = at_meeting or {i for i, _ in countries} == set(context.meeting)
            dated = dated or meeting_year(child, ours, doc_year)
            if dated:
                out.append((_Found("", "", sent, dated[1]), dated[0]))
    # "the signing of the treaty between (by) X and Y": the signing noun holds the parties.
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" \
            and anchor.head.head.lemma_.lower() in SIGNING_NOUNS:
        signing = anchor.head.head
        countries = with_partners(signing, context, BETWEEN_PREPOSITIONS | {"by"})
        if countries:
            add(countries, "agreement.signed.v1")
        elif context.meeting and not negated(signing.head):
            # "Following last year's signing of a Memorandum ..., the two leaders ..."
            reported = not is_unreported_signing(signing, anchor,
                                                 descriptive=mention.kind == "descriptive")
            if reported:
                add([(iso3, "") for iso3 in context.meeting], "agreement.meeting.v1")
            dated = year_of_signing_noun(signing, doc_year)
            if dated is None and doc_year is not None and reported \
                    and not is_historic(signing.sent, doc_year):
                dated = (doc_year, "agreement.year.document.v1")
            if dated:
                out.append((_Found("", "", sent, dated[1]), dated[0]))
    # agreement.between.v1: "the treaty between X and Y", "its FTA with Chile".
    # (The anchor too: "General Security [of ... Agreement] between our two countries".)
    between = list(doc[mention.head:mention.end])
    if anchor.i < mention.head:
        between.insert(0, anchor)
    for token in between:
        add(with_partners(token, context, BETWEEN_PREPOSITIONS), "agreement.between.v1")
    # agreement.possessive.v1: "Korea's FTA", "our treaty" in an official's turn.
    for child in head.children:
        if child.dep_ == "poss" and not (explicit_only and child.lower_ in FIRST_PERSON):
            add(context.countries(child), "agreement.possessive.v1")
    if not explicit_only:
        # agreement.under.v1: "Through the Washington Declaration, Korea and the U.S. ...".
        add(under_holders(anchor, context), "agreement.under.v1")
        # agreement.party_to.v1: "X is a party to the NPT", "X, a signatory of the treaty".
        noun = anchor.head.head if anchor.dep_ == "pobj" else anchor
        if anchor.head.lower_ in {"to", "of"} and noun.lemma_.lower() not in PARTY_NOUNS:
            # "X remains a party to it" with "to" hung on the verb
            noun = next((c for c in noun.children if c.dep_ == "attr"), noun)
        if anchor.dep_ == "pobj" and anchor.head.lower_ in {"to", "of"} \
                and noun.lemma_.lower() in PARTY_NOUNS:
            holder = noun.head if noun.dep_ == "appos" else None
            if noun.dep_ == "attr":
                holder = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
            if holder is not None and not negated(noun) and not negated(noun.head):
                add(context.countries(holder), "agreement.party_to.v1")
    # agreement.list.v1: an item of a "documents signed" list at the meeting.
    if context.meeting and anchor.dep_ == "ROOT" and verb is None:
        intro = list_intro(sent, context)
        if intro is not None:
            add([(iso3, "") for iso3 in context.meeting], "agreement.list.v1")
            if doc_year is not None and not is_historic(intro, doc_year):
                out.append((_Found("", "", sent, "agreement.year.document.v1"), doc_year))
    add(anniversary_holders(anchor, context), "agreement.anniversary.v1")
    if not explicit_only:
        # agreement.duty.v1 / agreement.act.v1: who holds its duties, who ratifies or leaves it
        add(duty_holders(anchor, context), "agreement.duty.v1")
        add(act_holders(anchor, context), "agreement.act.v1")
    anniversary = year_of_anniversary(anchor, doc_year)
    if anniversary is not None:
        out.append((_Found("", "", sent, anniversary[1]), anniversary[0]))
    if undated is not None and {f.iso3 for f, _ in out if f.iso3} == set(context.meeting):
        # "A's minister and B's minister signed a Memorandum between the Ministries of A and
        # B": the signers and the name together are the meeting's states
        dated = meeting_year(undated, True, doc_year)
        if dated:
            out.append((_Found("", "", sent, dated[1]), dated[0]))
    return out


def _with_non_state(mention: NameMention, context: Context) -> bool:
    """Whether a mention's "between (with) ..." phrase, or its signing verb's "with",
    names a company, bank or organisation as a party."""
    doc = context.doc
    tokens = list(doc[mention.head:mention.end])
    verb = governing_verb(anchor_of(mention, doc))
    preps = [c for t in tokens for c in t.children
             if c.dep_ == "prep" and c.lower_ in {"between", "among", "with"}]
    if verb is not None:
        preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with",
                                                                                 "between"}]
    members = [m for p in preps for o in p.children if o.dep_ == "pobj"
               for m in (o, *o.conjuncts)]
    return any(context.is_non_state(m) for m in members)


def _assemble(document: Document, found: dict[str, list[_Found]], years: dict[str, list[int]],
              names: dict[str, list[NameMention]]) -> tuple[Party, ...]:
    parties: dict[tuple[str, str, int], Party] = {}
    for core, items in sorted(found.items()):
        items = [i for i in items if i.iso3]
        if not items or not names.get(core):
            continue
        isos = sorted({i.iso3 for i in items})
        key = f"{core}|{' '.join(isos)}" if is_generic(core) else core
        # a proper name before a description, then the longest name
        labels = sorted({(m.kind != "named", m.label) for m in names[core]},
                        key=lambda n: (n[0], -len(n[1].split()), -len(n[1]), n[1]))
        written = {n for m in names[core] for n in (m.label, m.surface)}
        aliases = tuple(sorted(written - {labels[0][1]}))
        agreement = Entity("Agreement", key, labels[0][1], aliases)
        year = years[core][0] if years.get(core) else None
        for item in sorted(items, key=lambda i: RULE_ORDER.index(i.rule)):
            slot = (item.iso3, key, item.sentence.start_char)
            if slot not in parties:
                parties[slot] = Party(country_entity(item.iso3, item.surface), agreement,
                                      evidence(document.id, item.sentence, item.rule), year)
    log.debug("%s: %d agreement party claims", document.id, len(parties))
    return tuple(parties[k] for k in sorted(parties))

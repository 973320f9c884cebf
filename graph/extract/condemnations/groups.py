"""Unnamed officials: "the three ministers", "the two sides", "the Secretary", "Yoon".

In: a noun token and the roles extracted from its document. Out: the countries
(or the person) it stands for. A plural of officials is the countries of the
people the document gave such a title before (or of all its officials, or of
the countries a plural of officials was said to come from: "the defense chiefs
of Japan and Korea"), and a number ("the three ministers") must match. A
definite title alone ("The Secretary") is the one person with that title. A
bare name ("Yoon") is the one person whose name has that word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ...types import Entity, Role
from ..docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

GROUP_SIZES = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# Plural heads of officials: any official, whatever the title.
ANY_OFFICIAL = {"leader", "side", "participant", "delegation", "partner", "chief", "official",
                "counterpart", "government", "country", "nation", "signatory", "member"}
SINGLE_TITLES = {"secretary", "minister", "president", "chancellor", "premier",
                 "ambassador", "envoy", "spokesperson", "spokesman", "spokeswoman"}
CURRENT = {"current", "acting"}
_QUOTES = {'"', "“", "”", "``", "''"}

Resolver = Callable[["Token"], "Entity | None"]


def singular(token: Token) -> str:
    word = token.lemma_.lower()
    return word[:-1] if word.endswith("s") and token.tag_ in {"NNS", "NNPS"} else word


def group_size(token: Token) -> int | None:
    """The number a plural head gives ("the three ministers", "both sides")."""
    for child in token.children:
        if child.dep_ in {"nummod", "det", "predet"}:
            word = child.lower_
            if word in GROUP_SIZES:
                return GROUP_SIZES[word]
            if word.isdigit():
                return int(word)
    return None


def officials_group(token: Token, roles: tuple[Role, ...], resolve: Resolver
                    ) -> list[Entity]:
    """The countries of the officials a plural ("the ministers") refers back to."""
    size = group_size(token)
    if size is None:
        # "The Ministers" after "the three Ministers": the same group again.
        for earlier in reversed(token.doc[:token.i]):
            if earlier.tag_ in {"NNS", "NNPS"} and singular(earlier) == singular(token) \
                    and group_size(earlier) is not None:
                return officials_group(earlier, roles, resolve)
    before = [r for r in roles if r.evidence.start_char <= token.idx]
    current = [r for r in before if r.status in CURRENT] or before
    word = singular(token)
    titled = _countries(r for r in current if word in _words(r.title))
    everyone = _countries(iter(current))
    candidates = [titled, everyone, *_named_groups(token, resolve)]
    if size is None:
        return titled if word not in ANY_OFFICIAL and titled else everyone
    return next((c for c in candidates if len(c) == size), [])


def titled_person(token: Token, roles: tuple[Role, ...]) -> Entity | None:
    """ "The Secretary": the one person of the roles named so far with that title."""
    word = token.lemma_.lower()
    if word not in SINGLE_TITLES or token.tag_ not in {"NN", "NNP"}:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    words = {word} | {c.lower_ for c in token.children if c.dep_ == "compound"}
    if any(c.dep_ not in {"det", "compound", "punct", "cc", "conj"} for c in token.children):
        return None
    before = [r for r in roles if r.evidence.start_char <= token.idx and r.status in CURRENT]
    people = {r.person.key: r.person for r in before if words <= _words(r.title)}
    return next(iter(people.values())) if len(people) == 1 else None


def _official_plurals(doc: Doc) -> list[Token]:
    """The document's plural office nouns ("chiefs", "ministers"), found once per document."""
    memo = index_of(doc).memo
    if "official_plurals" not in memo:
        memo["official_plurals"] = [t for t in doc if t.tag_ in {"NNS", "NNPS"}
                                    and singular(t) in ANY_OFFICIAL | SINGLE_TITLES]
    return memo["official_plurals"]  # type: ignore[return-value]


def _named_groups(token: Token, resolve: Resolver) -> list[list[Entity]]:
    """Countries earlier plurals of officials were tied to ("chiefs of A, B and C")."""
    out = []
    for earlier in _official_plurals(token.doc):
        if earlier.i >= token.i:
            break
        owners = [p for prep in earlier.children if prep.dep_ == "prep" and prep.lower_ == "of"
                  for p in prep.children if p.dep_ == "pobj"]
        found: dict[str, Entity] = {}
        for owner in owners:
            for member in _coordinated(owner):
                entity = resolve(member)
                if entity is not None and entity.kind == "Country":
                    found.setdefault(entity.key, entity)
        if found:
            out.append(list(found.values()))
    return out


def _coordinated(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"}:
            out.extend(_coordinated(child))
    return out


def _countries(roles: Iterable[Role]) -> list[Entity]:
    found: dict[str, Entity] = {}
    for role in roles:
        found.setdefault(role.country.key, role.country)
    return list(found.values())


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def document_voice(token: Token, resolve: Resolver) -> list[Entity]:
    """For "we" in a government's release: the one country that speaks in the present
    tense elsewhere in it ("The United States condemns ...")."""
    if any(t.text in _QUOTES for t in token.sent):
        return []  # a quoted "we" is someone's speech, not the release's voice
    found: dict[str, Entity] = {}
    for subject in token.doc:
        if subject.dep_ != "nsubj" or subject.pos_ == "PRON" or \
                subject.head.tag_ != "VBZ" or subject.head.pos_ != "VERB":
            continue
        entity = resolve(subject)
        if entity is not None and entity.kind == "Country":
            found.setdefault(entity.key, entity)
    return list(found.values()) if len(found) == 1 else []

"""Agreement names: where a parsed document names an agreement, and what it says.

In: a spaCy `Doc`. Out: `NameMention`s, one per agreement head noun or acronym
the matcher finds, each grown into the name as written ("the ROK-U.S. Mutual
Defense Treaty"), with a label (acronyms expanded), a normalised core (the name
without its parties, year and article, so that "their Mutual Defense Treaty" and
"the ROK-U.S. Mutual Defense Treaty" meet), the parties the name itself names
("ROK-U.S.", "inter-Korean", "KORUS") and a year written into it ("the 2018
joint agreement"). Head nouns, acronyms and party words come from data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ...gazetteer import data_rows, load_gazetteer
from ..common import country_of_span
from .years import is_year

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

MentionKind = Literal["named", "descriptive", "anaphor"]

# Children that end a name on its left: articles, possessors, the "'s" marker.
NAME_STOP_DEPS = {"det", "poss", "predet", "case", "cc", "prep", "appos", "relcl", "acl"}
# Lower-case adjectives that belong to an agreement's name ("joint agreement").
NAME_ADJECTIVES = {"joint", "free", "mutual", "comprehensive", "military", "nuclear",
                   "economic", "strategic", "basic", "general", "maritime", "final", "interim"}
# Words that praise or place a name without being part of it: skipped, not kept.
SKIPPED_WORDS = {"historic", "landmark", "so-called", "bilateral", "trilateral", "existing",
                 "current", "original", "revised", "new", "key", "important", "major", "signed",
                 "ironclad", "long-standing", "longstanding", "multilateral", "crucial"}
# Words that make a name generic: a name made only of these needs its parties to identify it.
GENERIC_WORDS = {"treaty", "agreement", "accord", "accords", "pact", "charter", "declaration",
                 "memorandum", "understanding", "convention", "protocol", "armistice", "of", "on",
                 "and", "the", "for", "mutual", "defense", "security", "trade", "free", "joint",
                 "comprehensive", "military", "peace", "ceasefire", "cease", "fire", "cooperation",
                 "economic", "strategic", "nuclear", "basic", "framework", "investment", "status",
                 "forces", "friendship", "amity", "commerce", "navigation", "general", "final",
                 "interim", "maritime", "partnership", "alliance", "arms", "control", "reduction"}
# Heads that make an agreement only in a name ("the Iran nuclear deal", "the 2015 deal"):
# "a trade deal" or "deals" alone are not named agreements.
NAMED_ONLY_HEADS = {"deal"}
ANAPHOR_DETERMINERS = {"the", "this", "that", "our", "their", "its", "your"}
NAME_PREPOSITIONS = {"of", "on", "for"}
PARTY_PREPOSITIONS = {"between", "among", "with"}
PLACE_PREPOSITIONS = {"in", "at"}
NAME_FUNCTION_WORDS = {"the", "of", "and", "on", "for", "in", "-", "&", "to"}


@dataclass(frozen=True, slots=True)
class NameMention:
    """One mention of an agreement: the name as written and what it says."""

    start: int
    end: int
    head: int
    noun: str
    surface: str
    label: str
    core: str
    parties: tuple[tuple[str, str], ...]
    year: int | None
    kind: MentionKind


@dataclass(frozen=True, slots=True)
class NameData:
    """The vocabulary of agreement names, read from `graph/data/agreement_*.tsv`."""

    heads: frozenset[str]
    acronyms: dict[str, str]
    canonical: dict[str, str]
    party_words: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_name_data() -> NameData:
    """The head nouns, acronyms (with expansions) and party words."""
    heads = frozenset(row[0].strip().lower() for row in data_rows("agreement_heads.tsv"))
    acronyms: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for acronym, name in data_rows("agreement_acronyms.tsv"):
        preferred = acronyms.setdefault(acronym, name)
        canonical[normalize_core(name)] = normalize_core(preferred)
    party_words = {phrase.lower(): tuple(codes.split())
                   for phrase, codes in data_rows("agreement_party_words.tsv")}
    return NameData(heads, acronyms, canonical, party_words)


def normalize_core(text: str) -> str:
    """A comparable form of a name: lower case, British spelling folded, no punctuation."""
    text = text.casefold().replace("defence", "defense").replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9]+", text.replace("'s", "")))


def is_generic(core: str) -> bool:
    """Whether a core name is made only of descriptive words ("mutual defense treaty")."""
    return all(word in GENERIC_WORDS for word in core.split())


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab):
    from spacy.matcher import Matcher

    data = load_name_data()
    heads = Matcher(vocab)
    heads.add("HEAD", [[{"LOWER": {"IN": sorted(data.heads)}, "POS": {"IN": ["NOUN", "PROPN"]}}]])
    heads.add("ACRONYM", [[{"ORTH": {"IN": sorted(data.acronyms)}}]])
    words = Matcher(vocab)
    for phrase in data.party_words:
        words.add(phrase, [[{"LOWER": part} for part in re.findall(r"\w+|[^\w\s]", phrase)]])
    return heads, words


def find_agreement_names(doc: Doc) -> list[NameMention]:
    """Every agreement mention in `doc`, in text order (named, descriptive and anaphoric)."""
    heads, words = _matchers(doc.vocab)
    party_tokens: dict[int, tuple[str, ...]] = {}
    for match_id, start, end in words(doc):
        for i in range(start, end):
            party_tokens[i] = load_name_data().party_words[doc.vocab.strings[match_id]]
    mentions: dict[int, NameMention] = {}
    for _, start, _ in heads(doc):
        head = doc[start]
        if head.i in mentions or head.dep_ == "compound":
            continue  # "treaty obligations", "the FTA negotiations": the noun names something else
        mention = _grow(head, party_tokens)
        if mention is not None:
            mentions[head.i] = mention
    return [mentions[i] for i in sorted(mentions)]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.i != token.sent.start


def _grow(head: Token, party_tokens: dict[int, tuple[str, ...]]) -> NameMention | None:
    data = load_name_data()
    subtree = {t.i for t in head.subtree}
    doc = head.doc
    kept: list[Token] = []
    i = head.i - 1
    while i >= head.sent.start and i in subtree:
        token = doc[i]
        hyphen_part = i + 1 < head.i and doc[i + 1].text == "-" and doc[i + 1] in kept
        # "U.S.-Japan": the parser gives odd labels inside hyphen compounds; the hyphen decides.
        joined = hyphen_part or (i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_)
        if token.dep_ in NAME_STOP_DEPS and not joined:
            break
        named_word = _capitalised(token) or (token.text[:1].isupper()
                                             and doc[i + 1].text in data.acronyms)
        if token.lower_ in SKIPPED_WORDS and not named_word:  # "New START" keeps its "New"
            i -= 1
            continue
        if (hyphen_part or token.text == "-" or is_year(token) or named_word
                or token.lower_ in NAME_ADJECTIVES or token.i in party_tokens
                or (token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"compound", "nmod"})):
            kept.insert(0, token)
            i -= 1
            continue
        break
    while kept and kept[0].text == "-":
        kept.pop(0)
    kept = _grow_through_of(head, kept)
    right, tail = _grow_right(head)
    name = [*kept, head, *right]
    year = next((int(t.text) for t in kept if is_year(t)), None)
    if year is None:
        year = _year_of(head)
    parties = _name_parties(kept, party_tokens)
    acronym = head.text in data.acronyms
    if not kept and not right and not acronym and year is None:
        dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
        if head.tag_ in {"NNS", "NNPS"} or not dets & ANAPHOR_DETERMINERS:
            return None
        kind: MentionKind = "anaphor"
    elif acronym or year or parties or any(_capitalised(t) for t in name):
        kind = "named"
    else:
        kind = "descriptive"
    if head.lower_ in NAMED_ONLY_HEADS and kind == "descriptive":
        return None
    label = _label(_unyeared(name) + tail, head)
    skip = {t.i for t in kept if is_year(t) or t.i in party_tokens or _country_iso(t)}
    core_tokens = [t for t in name if t.i not in skip]
    core = normalize_core(_label(core_tokens, head)) if core_tokens else normalize_core(label)
    core = data.canonical.get(core, core)
    surface = " ".join("".join(t.text_with_ws for t in name + tail).split())
    noun = next((w for w in label.lower().split() if w in data.heads), head.lower_)
    return NameMention(name[0].i, name[-1].i + 1, head.i, noun, surface, label, core, parties,
                       year, kind)


def _unyeared(name: list[Token]) -> list[Token]:
    """ "1965 Treaty on Basic Relations" -> "Treaty on Basic Relations": a leading year
    leaves the label of a proper name (the year is kept as the agreement's year)."""
    if len(name) > 1 and is_year(name[0]) and all(
            t.text[:1].isupper() or t.lower_ in NAME_FUNCTION_WORDS or not t.is_alpha
            for t in name[1:]):
        return name[1:]
    return name


def _grow_through_of(head: Token, kept: list[Token]) -> list[Token]:
    """ "General Security of Military Information Agreement": the parser may make the
    agreement the object of "of"; a capitalised noun right before that "of" starts the name."""
    first = kept[0] if kept else head
    prep = head.head
    if not (head.dep_ == "pobj" and prep.lower_ == "of" and prep.i == first.i - 1
            and head.text[:1].isupper()):
        return kept
    noun = prep.head
    if noun.pos_ != "PROPN" or not _capitalised(noun) or noun.i != prep.i - 1:
        return kept
    lefts = [t for t in noun.lefts if t.dep_ == "compound" and _capitalised(t)]
    return [*lefts, noun, prep, *kept]


def _grow_right(head: Token) -> tuple[list[Token], list[Token]]:
    """ "Treaty of Amity and Cooperation", "memorandum of understanding": the name goes on,
    through each prepositional phrase that follows ("Memorandum of Cooperation on the ...
    Framework"). Returns the name's words and a capitalised party tail ("between Japan and
    the Republic of Korea"), which belongs to the label but not to the core."""
    name: list[Token] = []
    end = head.i + 1
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ not in NAME_PREPOSITIONS or child.i != end:
            continue
        tokens = list(child.subtree)
        # "... between Japan and Korea" names the parties, not the agreement.
        cut = next((k for k, t in enumerate(tokens)
                    if t.dep_ == "prep" and t.lower_ in PARTY_PREPOSITIONS), len(tokens))
        tail = _party_tail(tokens[cut:], head)
        tokens = tokens[:cut]
        # "... Security in Manila": a city where it was signed is not part of the name.
        place = next((k for k, t in enumerate(tokens) if k and t.dep_ == "prep"
                      and t.lower_ in PLACE_PREPOSITIONS
                      and any(c.ent_type_ == "GPE" for c in t.children if c.dep_ == "pobj")),
                     len(tokens))
        tokens = tokens[:place]
        content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS]
        if not content or any(is_year(t) for t in content):
            break
        if all(t.text[:1].isupper() for t in content) and head.text[:1].isupper():
            name.extend(tokens)
        elif head.lower_ == "memorandum" and [t.lower_ for t in tokens[:2]] == ["of",
                                                                            "understanding"]:
            name.extend(tokens)  # "memorandum of understanding (on hydrogen supply)"
        else:
            break
        if tail:
            return name, tail
        end = tokens[-1].i + 1
    if not name and head.text[:1].isupper():
        name = _linear_name(head)
    if name and name[-1].i + 1 < len(head.doc):
        after = head.doc[name[-1].i + 1]
        if after.head.i in {t.i for t in (head, *name)} and after.dep_ == "prep":
            return name, _party_tail(list(after.subtree), head)
    return name, []


def _party_tail(tokens: list[Token], head: Token) -> list[Token]:
    """ "between Japan and the Republic of Korea" ending a capitalised name: its parties,
    kept in the label when every content word is capitalised."""
    if not tokens or tokens[0].lower_ != "between" or not head.text[:1].isupper():
        return []
    content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS]
    if content and all(t.text[:1].isupper() and not is_year(t) for t in content):
        return tokens
    return []


def _linear_name(head: Token) -> list[Token]:
    """ "Treaty on the Non-Proliferation of Nuclear Weapons" when the parser hung the "on"
    elsewhere: capitalised words and name function words right after a capitalised head."""
    doc = head.doc
    if head.i + 1 >= len(doc) or doc[head.i + 1].lower_ not in NAME_PREPOSITIONS:
        return []
    tokens: list[Token] = []
    for token in doc[head.i + 1:head.sent.end]:
        if token.ent_type_ in {"DATE", "TIME", "CARDINAL"} or is_year(token):
            break
        if not (token.text[:1].isupper() or token.lower_ in NAME_FUNCTION_WORDS):
            break
        tokens.append(token)
    while tokens and tokens[-1].lower_ in NAME_FUNCTION_WORDS:
        tokens.pop()
    return tokens if len(tokens) >= 2 else []


def _year_of(head: Token) -> int | None:
    """ "the Treaty of 1953": a year right after the head."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            years = [t for t in child.children if t.dep_ == "pobj" and is_year(t)]
            if years:
                return int(years[0].text)
    return None


def _country_iso(token: Token) -> str | None:
    if token.ent_id_ and token.ent_id_ in load_gazetteer().countries:
        return token.ent_id_
    if not token.text[:1].isupper():
        return None
    entity = country_of_span(token.doc[token.i:token.i + 1], allow_demonym=True)
    return entity.key if entity else None


def _name_parties(kept: list[Token], party_tokens: dict[int, tuple[str, ...]]
                  ) -> tuple[tuple[str, str], ...]:
    """The parties a name states: two or more countries ("ROK-U.S.") or a party word."""
    found: dict[str, str] = {}
    worded = False
    for token in kept:
        if token.i in party_tokens:
            worded = True
            for party in party_tokens[token.i]:
                found.setdefault(party, "")  # "KORUS" names the parties, not one country
        elif (iso3 := _country_iso(token)) is not None:
            found.setdefault(iso3, token.text)
    return tuple(sorted(found.items())) if worded or len(found) >= 2 else ()


def _label(tokens: list[Token], head: Token) -> str:
    """The name as text, with acronyms spelled out ("KORUS FTA" -> "KORUS Free Trade Agreement")."""
    acronyms = load_name_data().acronyms
    parts: list[str] = []
    for token in tokens:
        text = token.text
        if text in acronyms:
            expansion = acronyms[text]
            last = expansion.split()[-1].lower()
            if token.i == head.i:
                text = expansion
            elif last == head.lower_:
                text = expansion.rsplit(" ", 1)[0]  # "INF Treaty": the expansion ends in the head
        parts.append(text + token.whitespace_)
    return " ".join("".join(parts).split())


def anchor_of(mention: NameMention, doc: Doc) -> Token:
    """The token that stands for the whole name in the parse: past conjuncts and appositions,
    and up from "Military Information Agreement" to "General Security" when the parser split
    the name at its "of"."""
    anchor = doc[mention.head]
    while anchor.dep_ in {"conj", "appos"}:
        anchor = anchor.head
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.i >= mention.start:
        anchor = anchor.head.head
    return anchor

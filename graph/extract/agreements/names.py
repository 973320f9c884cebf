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
from .years import MONTH_NAMES, is_year

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
    titles: dict[str, frozenset[str]]


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
    titles: dict[str, set[str]] = {}
    for kind, word in data_rows("agreement_titles.tsv"):
        titles.setdefault(kind, set()).add(word.lower())
    return NameData(heads, acronyms, canonical, party_words,
                    {kind: frozenset(words) for kind, words in titles.items()})


def title_words(kind: str) -> frozenset[str]:
    """The words of one kind in `agreement_titles.tsv` ("topic", "agency", "company" ...)."""
    return load_name_data().titles.get(kind, frozenset())


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
                or token.lower_ in title_words("adjective")
                or (token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"compound", "nmod"})):
            kept.insert(0, token)
            i -= 1
            continue
        break
    while kept and kept[0].text == "-":
        kept.pop(0)
    kept = _grow_through_of(head, kept)
    name = [*kept, head, *_grow_right(head)]
    titled = head.text[:1].isupper() or head.lower_ in title_words("head") \
        or any(t.lower_ in title_words("adjective") for t in kept)
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
    dated = _date_part(head, name[-1].i + 1)
    name += dated
    tail, topic = _grow_tail(doc, name[-1].i + 1, titled, indefinite=indefinite)
    name += topic
    year = next((int(t.text) for t in kept if is_year(t)), None)
    if year is None:
        year = next((int(t.text) for t in dated if is_year(t)), None) or _year_of(head)
    parties = _name_parties(kept, party_tokens)
    acronym = head.text in data.acronyms
    if len(name) == 1 and not acronym and year is None:
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
    label = _label(sorted(_unyeared(name) + tail, key=lambda t: t.i), head, spell=not topic)
    skip = {t.i for t in kept if is_year(t) or t.i in party_tokens or _country_iso(t)}
    core_tokens = [t for t in name if t.i not in skip]
    core = normalize_core(_label(core_tokens, head)) if core_tokens else normalize_core(label)
    core = data.canonical.get(core, core)
    words = sorted(name + tail, key=lambda t: t.i)
    surface = " ".join("".join(t.text_with_ws for t in words).split())
    noun = next((w for w in label.lower().split() if w in data.heads), head.lower_)
    return NameMention(words[0].i, words[-1].i + 1, head.i, noun, surface, label, core, parties,
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


def _grow_right(head: Token) -> list[Token]:
    """ "Treaty of Amity and Cooperation", "memorandum of understanding": the name goes on,
    through each capitalised prepositional phrase that follows ("Memorandum of Cooperation
    on the ... Framework"); a "between" part and a lower-case subject are `_grow_tail`'s."""
    name: list[Token] = []
    end = head.i + 1
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ not in NAME_PREPOSITIONS or child.i != end:
            continue
        whole = list(child.subtree)
        # "... between Japan and Korea" names the parties, not the agreement.
        cut = next((k for k, t in enumerate(whole)
                    if t.dep_ == "prep" and t.lower_ in PARTY_PREPOSITIONS), len(whole))
        tokens = whole[:cut]
        # "... Security in Manila": a city where it was signed is not part of the name.
        place = next((k for k, t in enumerate(tokens) if k and _is_place(t)), len(tokens))
        tokens = tokens[:place]
        content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS]
        if not content or any(is_year(t) or t.ent_type_ == "DATE" for t in content):
            break
        if all(t.text[:1].isupper() for t in content) and head.text[:1].isupper():
            name.extend(tokens)
        elif head.lower_ == "memorandum" and [t.lower_ for t in tokens[:2]] == ["of",
                                                                            "understanding"]:
            name.extend(tokens[:2])  # "memorandum of understanding (on hydrogen supply)"
            break
        else:
            break
        if cut < len(whole):
            break
        end = tokens[-1].i + 1
    if not name and head.text[:1].isupper():
        name = _linear_name(head)
    return name


def _is_place(token: Token) -> bool:
    """ "in Manila", "in Nauru": where an agreement was signed or applies, not its name."""
    return token.lower_ in PLACE_PREPOSITIONS and any(
        c.ent_type_ == "GPE" for c in token.children if c.dep_ == "pobj")


# What ends a title's subject or its "between" part: clause and sentence punctuation.
TITLE_STOP_TEXTS = {",", ";", ":", "(", ")", ".", "\"", "“", "”", "—", "–", "which", "that",
                    "who", "signed"}
TITLE_MAX = 24


def _grow_tail(doc: Doc, start: int, titled: bool, *, indefinite: bool
               ) -> tuple[list[Token], list[Token]]:
    """What follows a name as written: its parties ("between the Ministries of Economy of
    A and B", kept in the label of a title) and its subject ("on emergency cooperation in
    bilateral trade", part of the name; "to establish ..." only after "a": "expand the
    Treaty to encompass space" is no title). Read left to right, because the parser hangs these
    phrases on the verb as often as on the name. Returns (parties, subject)."""
    if not titled:
        return [], []
    tail = _between_part(doc, start)
    start = tail[-1].i + 1 if tail else start
    topic = _subject_part(doc, start)
    if topic and topic[0].lower_ == "to" and not indefinite:
        topic = []
    if topic and not tail:
        tail = _between_part(doc, topic[-1].i + 1)
    return tail, topic


def _between_part(doc: Doc, start: int) -> list[Token]:
    if start >= len(doc) or doc[start].lower_ != "between":
        return []
    tokens: list[Token] = [doc[start]]
    for token in doc[start + 1:min(len(doc), start + 1 + TITLE_MAX)]:
        if token.is_sent_start or token.lower_ in title_words("topic") - {"for"} \
                or token.lower_ == "for" and not token.nbor(1).text[:1].isupper():
            break
        if token.text == "," and token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper():
            tokens.append(token)  # "the Ministry of Energy of A, Naftogaz and ..."
            continue
        if token.text in TITLE_STOP_TEXTS or token.pos_ in {"VERB", "AUX"}:
            break
        if not (token.text[:1].isupper() or token.lower_ in NAME_FUNCTION_WORDS
                or token.lower_ in {"'s", "’s"}):
            break
        tokens.append(token)
    while tokens and (tokens[-1].lower_ in NAME_FUNCTION_WORDS or tokens[-1].text == ","):
        tokens.pop()
    content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS]
    return tokens if content and not any(is_year(t) for t in content) else []


def _subject_part(doc: Doc, start: int) -> list[Token]:
    if start >= len(doc) or doc[start].lower_ not in title_words("topic") \
            or doc[start].is_sent_start:
        return []
    first = doc[start]
    if first.lower_ == "to" and (first.i + 1 >= len(doc) or doc[first.i + 1].tag_ != "VB"):
        return []  # "an agreement to establish ...", not "the path to the agreement"
    if first.i + 1 < len(doc) and doc[first.i + 1].lower_ in {"a", "an"}:
        return []  # "for an indefinite term" says how, not what
    tokens = [first]
    for token in doc[start + 1:min(len(doc), start + 1 + TITLE_MAX)]:
        if token.is_sent_start or token.text in TITLE_STOP_TEXTS or token.lower_ == "between":
            break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBG" \
                and not (token.i == start + 1 and first.lower_ == "to"):
            break
        if token.pos_ == "CCONJ" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "DET":
            break  # "on deepening the partnership and a number of other documents"
        if token.pos_ in {"SCONJ", "PRON", "ADV"} or token.ent_type_ in {"DATE", "TIME"} \
                or is_year(token) or _is_place(token):
            break
        tokens.append(token)
    while tokens and (tokens[-1].lower_ in NAME_FUNCTION_WORDS or tokens[-1].pos_ in
                      {"CCONJ", "DET", "ADP", "PART", "PUNCT"}):
        tokens.pop()
    content = [t for t in tokens[1:] if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"}]
    return tokens if content else []


def _linear_name(head: Token) -> list[Token]:
    """ "Treaty on the Non-Proliferation of Nuclear Weapons" when the parser hung the "on"
    elsewhere: capitalised words and name function words right after a capitalised head."""
    doc = head.doc
    if head.i + 1 >= len(doc) or doc[head.i + 1].lower_ not in NAME_PREPOSITIONS:
        return []
    tokens: list[Token] = []
    for token in doc[head.i + 1:head.sent.end]:
        if token.ent_type_ in {"DATE", "TIME", "CARDINAL"} or is_year(token) \
                or token.lower_ in MONTH_NAMES:
            break
        if not (token.text[:1].isupper() or token.lower_ in NAME_FUNCTION_WORDS):
            break
        tokens.append(token)
    while tokens and tokens[-1].lower_ in NAME_FUNCTION_WORDS:
        tokens.pop()
    return tokens if len(tokens) >= 2 else []


def _date_part(head: Token, end: int) -> list[Token]:
    """ "of December 22, 2020" right after a capitalised name: the date is part of its name
    ("the Joint Declaration of December 22, 2020")."""
    for child in head.rights:
        if child.i == end and child.lower_ == "of" and head.text[:1].isupper():
            tokens = [child]  # the model may tag the date LAW or DATE: read its words
            for token in head.doc[child.i + 1:child.i + 6]:
                if not (token.lower_ in MONTH_NAMES or token.is_digit or token.text == ","):
                    break
                tokens.append(token)
            while tokens[-1].text == ",":
                tokens.pop()
            if any(is_year(t) for t in tokens):
                return tokens
    return []


def _year_of(head: Token) -> int | None:
    """ "the Treaty of 1953": a year right after the head."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            years = [t for t in child.children if t.dep_ == "pobj" and is_year(t)]
            # "the Joint Declaration of December 22, 2020": a date names it
            dates = [t for p in child.children if p.dep_ == "pobj" and p.ent_type_ == "DATE"
                     for t in p.subtree if is_year(t)]
            if years or dates:
                return int((years or dates)[0].text)
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


def _label(tokens: list[Token], head: Token, *, spell: bool = True) -> str:
    """The name as text, with acronyms spelled out ("KORUS FTA" -> "KORUS Free Trade Agreement")
    unless `spell` is false (a title as written: "MOU on Defence Cooperation")."""
    acronyms = load_name_data().acronyms if spell else {}
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

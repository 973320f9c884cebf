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

from ...gazetteer import load_gazetteer
from ..common import country_of_span
from .titles import grow_tail, is_place, list_items
from .vocab import NAME_FUNCTION_WORDS, is_generic, load_name_data, normalize_core, title_words
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
ANAPHOR_DETERMINERS = {"the", "this", "that", "our", "their", "its", "your"}
NAME_PREPOSITIONS = {"of", "on", "for"}
PARTY_PREPOSITIONS = {"between", "among", "with"}


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


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab):
    from spacy.matcher import Matcher

    data = load_name_data()
    heads = Matcher(vocab)
    words_in = sorted(data.heads | set(data.plurals))
    heads.add("HEAD", [[{"LOWER": {"IN": words_in}, "POS": {"IN": ["NOUN", "PROPN"]}}]])
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
    mentions: dict[int, list[NameMention]] = {}
    for _, start, _ in heads(doc):
        head = doc[start]
        if head.i in mentions or head.dep_ == "compound":
            continue  # "treaty obligations", "the FTA negotiations": the noun names something else
        found = _grow(head, party_tokens)
        if found:
            mentions[head.i] = found
    return [m for i in sorted(mentions) for m in mentions[i]]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.i != token.sent.start


def _grow(head: Token, party_tokens: dict[int, tuple[str, ...]]) -> list[NameMention]:
    """The mentions a head noun makes: one name, or one per item of a list after a plural
    head ("memorandums on cooperation in transport, in IT and in banking")."""
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
        day = token.is_digit and doc[i + 1].lower_ in MONTH_NAMES and doc[i + 1] in kept
        if (hyphen_part or token.text == "-" or is_year(token) or named_word or day
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
    right = _grow_right(head)
    name = [*kept, head, *right]
    titled = head.text[:1].isupper() or head.lower_ in title_words("head") \
        or any(t.lower_ in title_words("adjective") for t in kept) or _signed_object(head)
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
    dated = _date_part(head, name[-1].i + 1)
    name += dated
    tail, topic = grow_tail(doc, name[-1].i + 1, titled, indefinite=indefinite)
    name += topic
    year = next((int(t.text) for t in kept if is_year(t)), None)
    if year is None:
        year = next((int(t.text) for t in dated if is_year(t)), None) or _year_of(head)
    parties = _name_parties(kept, party_tokens)
    plural = data.plurals.get(head.lower_)
    if plural is not None and (plural not in data.named_only or head.text[:1].isupper()):
        items = list_items(doc, _list_start(head))
        if items:
            return [_item_mention(head, kept, prefix, item, parties, plural)
                    for prefix, item in items]
    acronym = head.text in data.acronyms
    if len(name) == 1 and not acronym and year is None:
        dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
        if head.tag_ in {"NNS", "NNPS"} or not dets & ANAPHOR_DETERMINERS:
            return []
        kind: MentionKind = "anaphor"
    elif acronym or year or parties or any(_capitalised(t) for t in name):
        kind = "named"
    else:
        kind = "descriptive"
    if data.plurals.get(head.lower_, head.lower_) in data.named_only and kind == "descriptive":
        # "the 2015 deal", "the Five Power Defence Arrangements"; not "a trade deal"
        return []
    if plural is not None:
        if kind != "named" or _generic_plural(kept, head, right, party_tokens):
            return []  # "trade agreements", "Memoranda of Understanding": no name of one thing
    # a title as written keeps its acronym: "MOU on Defence Cooperation"
    label = _label(sorted(_unyeared(name) + tail, key=lambda t: t.i), head,
                   spell=not (topic or right))
    skip = {t.i for t in kept if is_year(t) or t.i in party_tokens or _country_iso(t)}
    core_tokens = [t for t in name if t.i not in skip]
    core = normalize_core(_label(core_tokens, head)) if core_tokens else normalize_core(label)
    core = data.canonical.get(core, core)
    words = sorted(name + tail, key=lambda t: t.i)
    surface = " ".join("".join(t.text_with_ws for t in words).split())
    noun = next((w for w in label.lower().split() if w in data.heads), head.lower_)
    noun = data.plurals.get(noun, noun)
    return [NameMention(words[0].i, words[-1].i + 1, head.i, noun, surface, label, core, parties,
                        year, kind)]


def _signed_object(head: Token) -> bool:
    """ "we signed an agreement to build schools", "signed the agreement for the transfer of
    equipment": what a verb of signing takes as its object is a title, even in lower case."""
    return head.dep_ in {"dobj", "nsubjpass"} and head.head.pos_ == "VERB" \
        and head.head.lemma_.lower() in title_words("signing")


def _generic_plural(kept: list[Token], head: Token, right: list[Token],
                    party_tokens: dict[int, tuple[str, ...]]) -> bool:
    """ "Memoranda of Understanding", "U.S. free trade agreements": a plural made only of
    descriptive words (besides its parties) names a kind of instrument, not one."""
    plurals = load_name_data().plurals
    words = [t for t in (*kept, head, *right) if t.i not in party_tokens and not _country_iso(t)]
    core = normalize_core(" ".join(plurals.get(t.lower_, t.lower_) for t in words))
    return is_generic(core)


def _list_start(head: Token) -> int:
    """Where the subject of a plural head starts: after "of Understanding" if written."""
    doc = head.doc
    start = head.i + 1
    if [t.lower_ for t in doc[start:start + 2]] == ["of", "understanding"]:
        start += 2
    return start


def _item_mention(head: Token, kept: list[Token], prefix: list[Token], item: list[Token],
                  parties: tuple[tuple[str, str], ...], singular: str) -> NameMention:
    """One instrument of a list: "memorandums on cooperation in [IT]" -> "memorandum on
    cooperation in IT", the head in the singular as the text writes it."""
    noun = singular.upper() if head.text.isupper() or head.text[:-1].isupper() else (
        singular.capitalize() if head.text[:1].isupper() else singular)
    def text(tokens: list[Token]) -> str:
        return "".join(t.text_with_ws for t in tokens).strip()

    named = " ".join(filter(None, [noun, text(prefix), text(item)]))
    label = " ".join(" ".join([text([t for t in kept if not is_year(t)]), named]).split())
    core = normalize_core(named)
    start = kept[0].i if kept else head.i
    surface = " ".join(head.doc[start:item[-1].i + 1].text.split())
    return NameMention(start, item[-1].i + 1, head.i, singular, surface, label, core, parties,
                       None, "named")


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
    on the ... Framework"); a "between" part and a lower-case subject are `titles.grow_tail`'s."""
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
        place = next((k for k, t in enumerate(tokens) if k and is_place(t)), len(tokens))
        tokens = tokens[:place]
        while tokens and tokens[-1].text == ",":
            tokens = tokens[:-1]
        # "Treaty of Peace, Friendship and Cooperation": commas inside a capitalised title
        content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS
                   and t.text != ","]
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

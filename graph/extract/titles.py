"""Titles of office: the lexicon in `data/titles.tsv` and the title phrases of a text.

In: a parsed spaCy `Doc`. Out: `TitleMention`s, one per title phrase such as
"former U.S. Secretary of Defense" or "acting President", each with its
canonical title ("Secretary of Defense"), the title as written, the status
word (acting, former, -elect), and the country a modifier or an "of" phrase
gives it. Who holds the title is decided in `roles`, not here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..gazetteer import data_rows, load_gazetteer
from ..types import Entity, Status
from .common import COUNTRY_LABELS, country_of_span
from .docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words before a title that say when the holder holds it.
STATUS_WORDS: dict[str, Status] = {
    "acting": "acting", "interim": "acting", "former": "former", "ex": "former",
    "late": "former", "then": "former", "erstwhile": "former", "outgoing": "current",
    "incumbent": "current", "current": "current", "sitting": "current", "incoming": "elect",
}
# Words before a title that describe its holder, not the office ("top nuclear envoy").
PASS_WORDS = {"top", "new", "newly", "appointed"}
# Words before a title that make it a different, lower office ("deputy secretary").
RANK_PREFIXES = {"deputy": "Deputy", "vice": "Vice", "assistant": "Assistant"}
# Dependency labels of a word that narrows a title ("agriculture minister").
MODIFIER_DEPS = {"compound", "amod", "nmod"}
MODIFIER_TAGS = {"NN", "NNP", "JJ"}
POSSESSIVE = {"'s", "’s", "'", "’"}
ORG_OFFICE = "ORG"
# "Minister of Mining", "Minister for Immigration": a portfolio named after a bare title.
OFFICE_PREPS = {"of", "for"}
PORTFOLIO_JOINS = {"and", ",", "&"}

# A word of a title: "sen.", "d'affaires" (as spaCy keeps them), or one punctuation mark.
_WORD = re.compile(r"[\w.]+(?:'\w+)*|[^\w\s]")


def fold(word: str) -> str:
    """A word as the lexicon compares it: lower case, curly apostrophes straight, accents
    dropped ("Chargé d’Affaires" = "charge d'affaires")."""
    word = word.lower().replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Title:
    """One office in the lexicon."""

    canonical: str
    short: str
    country: str | None  # ISO3 of the only country with the office, or ORG_OFFICE


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A title phrase in a document (token offsets, end exclusive)."""

    start: int
    end: int
    head: int
    title: Title
    canonical: str
    surface: str
    status: Status
    country: Entity | None = None
    organization: bool = False
    unresolved: bool = False  # a country word the gazetteer does not know ("Philippine")

    words_start: int = 0  # where the title words begin, after status and country words
    short: str = ""  # the short form that refers back to this office ("Secretary")
    sole_country: str | None = None  # ISO3 of the one country with this office, if any


class TitleLexicon:
    """Title variants as lower-case word sequences, longest first."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.titles: dict[str, Title] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], Title]]] = {}
        for canonical, variants, short, country in rows:
            title = Title(canonical, short or canonical, country or None)
            self.titles[canonical] = title
            for variant in {canonical.lower(), *variants.split("|")}:
                words = tuple(_WORD.findall(fold(variant)))
                if words:
                    self._by_first.setdefault(words[0], []).append((words, title))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match(self, words: list[str], i: int) -> tuple[int, Title] | None:
        """The longest title starting at word `i`: (end index, title), or None."""
        for variant, title in self._by_first.get(words[i], ()):
            if tuple(words[i:i + len(variant)]) == variant:
                return i + len(variant), title
        return None

    def lookup(self, text: str) -> Title | None:
        """The title a whole phrase names ("Foreign Minister", "MINISTER"), or None."""
        words = _WORD.findall(fold(text))
        found = self.match(words, 0) if words else None
        return found[1] if found and found[0] == len(words) else None


@lru_cache(maxsize=1)
def load_titles() -> TitleLexicon:
    """The shared title lexicon (read once from data/titles.tsv)."""
    rows = [(row + ["", "", "", ""])[:4] for row in data_rows("titles.tsv")]
    return TitleLexicon(rows)


def find_titles(doc: Doc, *, skip: frozenset[int] = frozenset()) -> list[TitleMention]:
    """Every title phrase in `doc`, left to right, ignoring tokens in `skip`."""
    lexicon = load_titles()
    words = [fold(t.text) for t in doc]
    found: list[TitleMention] = []
    i = 0
    while i < len(doc):
        hit = lexicon.match(words, i) if i not in skip else None
        if hit is None:
            i += 1
            continue
        end, title = hit
        mention = expand_title(doc, i, end, title)
        if mention is not None:
            found.append(mention)
        i = end
    return found


def expand_title(doc: Doc, start: int, end: int, title: Title) -> TitleMention | None:
    """Grow the title words [start, end) into the whole title phrase around them."""
    # "Secretary-General" and the like: a hyphenated office the lexicon lacks.
    if end < len(doc) and doc[end].text == "-" and not _is_elect(doc, end):
        return None
    status: Status = "current"
    canonical, country, organization = title.canonical, None, False
    unresolved = False
    left = start
    narrowing: list[str] = []
    j = start - 1
    while j >= 0:
        token = doc[j]
        word = token.lower_
        if word == "-" and j > 0 and doc[j - 1].lower_ in STATUS_WORDS:
            j -= 1
            continue
        if word in STATUS_WORDS:
            status = STATUS_WORDS[word]
        elif word in PASS_WORDS:
            pass
        elif word in RANK_PREFIXES and not narrowing and canonical == title.canonical:
            canonical = f"{RANK_PREFIXES[word]} {canonical}"
        elif word in POSSESSIVE and j > 0:
            j -= 1
            continue
        elif token.ent_type_ and token.ent_iob_ in {"B", "I"}:
            span = _entity_of(token)
            entity = country_of_span(span) if span.label_ in COUNTRY_LABELS else None
            if entity is not None and country is None:
                country = entity
            elif entity is None and span.label_ == "ORG":
                # "the Minister of Foreign Affairs" read as an ORG is the title itself.
                organization = organization or span.end <= start
            elif entity is None and span.label_ in {"NORP", "GPE"}:
                unresolved = True
            else:
                break
            j = span.start - 1
            left = span.start
            continue
        elif (token.tag_ in MODIFIER_TAGS and token.dep_ in MODIFIER_DEPS and token.is_alpha
              and start <= token.head.i < end and country is None and status == "current"):
            narrowing.insert(0, token.text.capitalize() if token.is_lower else token.text)
        else:
            break
        left = j
        j -= 1
    words = start - len(narrowing) - (canonical != title.canonical)
    short = title.short if canonical == title.canonical else canonical
    sole = title.country if title.country != ORG_OFFICE and not narrowing else None
    if narrowing:
        canonical = short = " ".join([*narrowing, canonical])
    elif canonical == title.canonical == title.short and (grown := _of_office(doc, end)):
        # "Secretary of National Defense": an office the lexicon lacks, named in full.
        canonical, end = f"{canonical} {doc[end].lower_} {grown.text}", grown.end
    right = end
    if _is_elect(doc, end):
        right = end + 2 if doc[end].text == "-" else end + 1
        status = "elect"
        canonical = f"{canonical}-elect"
    of_country, of_org = of_phrase(doc, right)
    organization = organization or of_org
    country = country or of_country
    head = min(range(start, end), key=lambda k: (doc[k].head.i in range(start, end), k))
    surface = doc[left:right].text
    return TitleMention(left, right, head, title, canonical, surface, status, country,
                        organization or title.country == ORG_OFFICE,
                        unresolved and country is None, words, short, sole)


def _of_office(doc: Doc, i: int) -> Span | None:
    """'of National Defense', 'for Immigration and Citizenship' after a bare title:
    portfolio words (data/role_portfolios.tsv), never the holder's name."""
    if i + 1 >= len(doc) or doc[i].lower_ not in OFFICE_PREPS or not doc[i + 1].is_title:
        return None
    if doc[i + 1].ent_type_ == "ORG" and doc[i + 1].ent_iob_ == "B":
        ent = _entity_of(doc[i + 1])  # "of National Defense" as the model marked it
        if load_gazetteer().country(ent.text) is None and all(
                t.lower_ in _portfolios() or not t.is_alpha for t in ent):
            return ent
    portfolios = _portfolios()
    end = i + 1
    while end < len(doc) and (
            (doc[end].is_title and doc[end].lower_ in portfolios)
            or (doc[end].lower_ in PORTFOLIO_JOINS and end + 1 < len(doc)
                and doc[end + 1].lower_ in portfolios and doc[end + 1].is_title)):
        end += 1
    return doc[i + 1:end] if end > i + 1 else None


@lru_cache(maxsize=1)
def _portfolios() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("role_portfolios.tsv"))


def _is_elect(doc: Doc, i: int) -> bool:
    if i < len(doc) and doc[i].lower_ == "elect":
        return True
    return i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ == "elect"


def _entity_of(token: Token) -> Span:
    return index_of(token.doc).ent_at(token.i) or token.doc[token.i:token.i + 1]


def of_phrase(doc: Doc, i: int) -> tuple[Entity | None, bool]:
    """The country (or organisation) named by "of [the] X" right after a title."""
    country, organization, _ = of_phrase_span(doc, i)
    return country, organization


def of_phrase_span(doc: Doc, i: int) -> tuple[Entity | None, bool, int]:
    """`of_phrase`, with the token after the phrase ("President of Ukraine| X")."""
    if i >= len(doc) or doc[i].lower_ != "of":
        return None, False, i
    k = i + 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    if k >= len(doc) or not doc[k].ent_type_:
        return None, False, i
    span = _entity_of(doc[k])
    if span.label_ in COUNTRY_LABELS:
        entity = country_of_span(span, allow_demonym=False)
        if entity is not None:
            return entity, False, span.end
        return None, span.label_ == "ORG" and load_gazetteer().country(span.text) is None, i
    return None, False, i

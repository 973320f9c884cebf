"""Who wrote a statement: the countries and bodies its heading and opening name as authors.

In: a document and its parse. Out: `Entity` records for the authors. Four places
name them, read in this order and pooled:

- a "We, the leaders of A, B and C" sentence in the opening (the names before its verb);
- an opening line that says who released it ("The following statement was released
  by A and B on ...", "the text of a joint statement by the Governments of A and B");
- the title, or a first line that is a heading: the names between "by" / "of" /
  "from" / "between" and the topic ("Joint Statement by A and B on C"), the names
  before the word "statement" ("ASEAN Chairman's Statement", "A-B Joint Statement"),
  and for a joint statement "on the A-B meeting" the meeting's parties;
- an office of an international organisation in the byline ("Statement by the High
  Representative") for its organisation (data/condemn_org_offices.tsv).

Countries that are a statement's topic ("Statement on the DPRK", "Russia: Statement
by ...") are never authors.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ...gazetteer import data_rows, load_gazetteer
from ...types import Document, Entity
from ..common import country_entity, country_of_span, organization_of_span, unique_entities
from ..docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Prepositions that make a country in a statement's heading its topic, not its author.
TOPIC_PREPS = {"on", "about", "regarding", "concerning", "over", "in", "against", "toward",
               "towards", "to", "following", "after", "at"}
# A topic that is the authors' own meeting ("Joint Statement on the A-B Dialogue").
MEETING_WORDS = {"meeting", "dialogue", "talks", "summit", "consultations", "visit",
                 "partnership", "cooperation", "relations", "ministerial", "trilateral"}
_STATEMENT = re.compile(r"\b(?:statement|declaration|communiqu[eé]|press release|readout)s?\b",
                        re.IGNORECASE)
_AUTHOR_PREP = re.compile(r"(?:(?:issued|released|made|adopted|signed)\s+)?"
                          r"(?:by|of|from|between|with|attributable\s+to)\s+", re.IGNORECASE)
# "Joint Statement - A and B", "Joint Communique: A-B Leaders' Meeting".
_JOINT_DASH = re.compile(r"^\s*[-–—:]\s*")
_TOPIC_PREP = re.compile(r"\s(?:" + "|".join(sorted(TOPIC_PREPS)) + r")\s", re.IGNORECASE)
_JOINT_TOPIC = re.compile(r"\bjoint\b[^:]*?\b(?:on|following)\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_JOINT_COLON = re.compile(r"\bjoint\b[^:]*:\s*(.+)$", re.IGNORECASE)
# "Russia: Statement by ...", "Russia/Ukraine: Statement ...": a topic before the colon.
_TOPIC_PREFIX = re.compile(r"^[^:]{1,60}:\s+(?=\S*\s*(?:joint\s+)?(?:statement|declaration|"
                           r"communiqu|press))", re.IGNORECASE)
_WE_THE = re.compile(r"\bWe,\s+the\s", re.IGNORECASE)
_RELEASED_BY = re.compile(r"\b(?:statement|declaration|communiqu[eé]|text)\b[^.\n]{0,60}?"
                          r"\b(?:released|issued|made|agreed|adopted)?\s*by\s+", re.IGNORECASE)
_OPENING_CHARS = 1500
_HEADING_CHARS = 200


def statement_authors(document: Document, doc: Doc) -> tuple[Entity, ...]:
    """The countries and bodies a statement's heading or opening names as its authors."""
    body = document.body
    found: list[Entity] = []
    found.extend(_we_the(doc))
    found.extend(_released_by(doc))
    headings = [document.title or ""]
    first = _first_line(body)
    if first and len(first) <= _HEADING_CHARS and first.strip() != headings[0].strip():
        headings.append(first)
    for heading in headings:
        if _STATEMENT.search(heading):
            found.extend(heading_authors(heading))
    return tuple(unique_entities(found))


def heading_authors(heading: str) -> list[Entity]:
    """The authors a statement's title names (see the module docstring)."""
    heading = _TOPIC_PREFIX.sub("", heading.strip())
    match = _STATEMENT.search(heading)
    if match is None:
        return []
    found = list(names_in_text(_before_topic(heading[:match.start()])))
    rest = heading[match.end():]
    author = _AUTHOR_PREP.match(rest.lstrip()) if rest.strip() else None
    if author is None and re.search(r"\bjoint\b", heading, re.IGNORECASE):
        author = _JOINT_DASH.match(rest.lstrip())
    if author is not None:
        found.extend(names_in_text(_before_topic(rest.lstrip()[author.end():])))
    joint = _JOINT_TOPIC.search(heading) or _JOINT_COLON.search(heading)
    if joint is not None and set(re.findall(r"[a-z]+", joint.group(1).lower())) & MEETING_WORDS:
        found.extend(names_in_text(joint.group(1).replace("-", " - ")))
    return unique_entities(found)


def _before_topic(text: str) -> str:
    """`text` up to its first topic preposition ("A and B on the situation in C" -> "A and B")."""
    cut = _TOPIC_PREP.search(f" {text} ")
    return text[:max(0, cut.start() - 1)] if cut is not None else text


def _first_line(body: str) -> str:
    start = len(body) - len(body.lstrip())
    end = body.find("\n", start)
    return body[start:len(body) if end < 0 else end]


def _we_the(doc: Doc) -> list[Entity]:
    """ "We, the Presidents of A, B and C, ...": the names between "We, the" and the verb."""
    text = doc.text[:_OPENING_CHARS]
    found: list[Entity] = []
    for match in _WE_THE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        end = span.end
        while end < len(doc) and doc[end].pos_ not in {"VERB", "AUX"} and \
                doc[end].text not in {".", ";"}:
            end += 1
        found.extend(_span_names(doc[span.end:end]))
    return found


def _released_by(doc: Doc) -> list[Entity]:
    """ "The following (joint) statement was released by A and B on C.": A and B."""
    text = doc.text[:_OPENING_CHARS]
    for line_start, line in _lines(text):
        match = _RELEASED_BY.search(line)
        if match is None or not re.match(r"\s*(?:the\s+following|this|the\s+text|"
                                         r"the\s+joint)", line, re.IGNORECASE):
            continue
        tail = _before_topic(line[match.end():].split(".")[0])
        span = doc.char_span(line_start + match.end(), line_start + match.end() + len(tail),
                             alignment_mode="expand")
        if span is not None:
            return _span_names(span)
    return []


def _lines(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out[:6]


def _span_names(span: Span) -> list[Entity]:
    found: list[Entity] = []
    for ent in index_of(span.doc).ents_in(span):
        entity = country_of_span(ent, allow_demonym=True) or (
            organization_of_span(ent) if ent.label_ == "ORG" and ent.ent_id_ else None)
        if entity is not None:
            found.append(entity)
    return unique_entities(found)


def names_in_text(text: str) -> list[Entity]:
    """Countries, organisations and organisation offices a short heading text names."""
    gazetteer = load_gazetteer()
    words: list[str] = []
    for word in re.split(r"[\s/–—]+", text.replace("’s", "").replace("'s", "")):
        # "Indonesia-Australia", "U.S.-Israel": a compound of names, unless it is one name.
        parts = re.split(r"[-‒]", word) if gazetteer.country(word) is None else [word]
        words.extend(p for p in parts if p)
    found = list(countries_in_words(tuple(words)))
    cleaned = [w.strip(",;:()\"“”") for w in words]
    for size in (5, 4, 3, 2, 1):
        for i in range(len(cleaned) - size + 1):
            org = gazetteer.organization(" ".join(cleaned[i:i + size]))
            if org is not None:
                found.append(Entity("Organization", org.key, org.label))
    lowered = " ".join(cleaned).lower().replace(" - ", "-")
    for title, key in org_offices().items():
        org = gazetteer.organization(key) if key and title in lowered else None
        if org is not None and not any(e.kind == "Organization" for e in found):
            found.append(Entity("Organization", org.key, org.label))
    return unique_entities(found)


@lru_cache(maxsize=1)
def org_offices() -> dict[str, str]:
    """Office of an international organisation -> its default organisation key."""
    return {row[0]: ("" if row[1] == "-" else row[1])
            for row in data_rows("condemn_org_offices.tsv")}


def countries_in_words(words: tuple[str, ...], *, skip_topics: bool = False
                        ) -> tuple[Entity, ...]:
    """Countries named by runs of up to four words ("JAPANESE FOREIGN MINISTER")."""
    gazetteer = load_gazetteer()
    found: list[Entity] = []
    cleaned = [w.strip(",;:()") for w in words]
    i = 0
    while i < len(cleaned):
        for size in (4, 3, 2, 1):
            text = " ".join(cleaned[i:i + size])
            name = gazetteer.country(text) if i + size <= len(cleaned) else None
            previous = [w.lower() for w in cleaned[max(0, i - 2):i] if w.lower() != "the"]
            topic = skip_topics and bool(previous) and previous[-1] in TOPIC_PREPS
            if name is not None and name.form != "capital" and topic:
                i += size - 1  # the whole name is the topic ("on North Korea")
                break
            if name is not None and name.form != "capital":
                found.append(country_entity(name.country.iso3, text))
                i += size - 1
                break
        i += 1
    return tuple(unique_entities(found))

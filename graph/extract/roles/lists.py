"""Title phrases in lists of officials, where the parse joins or splits the wrong items.

In: a parsed `Doc` and its title phrases (`titles.TitleMention`). Out: the name that
ends right before an appositive title's comma ("A and B, the Malaysian Prime
Minister": B), the tokens of the names written right after titles, a title phrase
without the words of such a name the lexicon's narrowing took in ("President of
Ukraine X Y President of Estonia Z" is no "Y President"), the name set off by a comma
after a title that opens a phrase ("the Prime Minister of Australia, the Hon. X,"), the
name one of coordinated titles shares ("Crown Prince and Prime Minister X"), and the
token after the posting of "Ambassador to South Korea X".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..names import name_after, person_span
from ..titles import ORG_OFFICE, TitleMention, load_titles, of_phrase, of_phrase_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Marks that end one item of a list ("the Hon. X; the Ambassador ..."): an apposition
# across one is the parser joining two items.
LIST_BREAKS = {";", ":"}
# Words that may open an appositive title: "X, the Malaysian Prime Minister".
TITLE_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their"}
# "Ambassador to South Korea X", "Special Envoy for Ukraine X": the place an office
# is posted to, between the title and the name (never the office's own country).
POSTING_PREPS = {"to", "for"}
POSTING_ENTS = {"GPE", "NORP", "LOC", "ORG"}
# Words before a title that open the phrase 'the Prime Minister, Julia Gillard'; the
# tokens that may end the name that follows it.
PHRASE_OPENERS = {"the", ";", "-", "and", ":", "("}
ITEM_ENDS = {",", ";", ".", ")", ":"}
CLAUSE_POS = {"VERB", "AUX"}
PERSON = "PERSON"
TITLE_JOINS = {"and", "&"}  # "Deputy Prime Minister and Minister for Finance X"
ELECT = "-elect"


def name_before_comma(doc: Doc, tm: TitleMention) -> Span | None:
    """The name that ends right before ', [the] <title>': 'Najib Tun Razak, the ...'."""
    k = tm.start - 1
    if k >= 0 and doc[k].lower_ in TITLE_DETERMINERS:
        k -= 1
    if k < 1 or doc[k].text != ",":
        return None
    person = person_span(doc, k - 1)
    return person if person is not None and person.end == k else None


def name_tokens(doc: Doc, titles: list[TitleMention]) -> frozenset[int]:
    """The tokens of the names written right after titles ('President of Ukraine| X Y')."""
    title_words = frozenset(w for t in load_titles().titles for w in t.lower().split())
    taken: set[int] = set()
    for tm in titles:
        _, _, after_of = of_phrase_span(doc, tm.end)
        name = name_after(doc, max(after_of, after_posting(doc, tm.end)),
                          title_words=title_words)
        if name is not None:
            taken.update(range(name.start, name.end))
    return frozenset(taken)


def without_name_words(doc: Doc, tm: TitleMention, names: frozenset[int]) -> TitleMention:
    """'President of Ukraine Volodymyr Zelenskyy President of Lithuania X': the name of
    the holder of a title before is no narrowing of the next office ('Zelenskyy
    President')."""
    if tm.canonical == tm.title.canonical or not any(
            t.ent_type_ == PERSON or t.i in names for t in doc[tm.words_start:tm.head]):
        return tm
    first = tm.words_start
    while first < tm.head and (doc[first].ent_type_ == PERSON or first in names):
        first += 1
    status = ELECT if tm.status == "elect" else ""
    # A country word before the name is the other title's; only "of X" after is this one's.
    country, _ = of_phrase(doc, tm.end)
    return replace(tm, start=first, words_start=first, surface=doc[first:tm.end].text,
                   canonical=tm.title.canonical + status,
                   short=tm.title.short, country=country, sole_country=tm.title.country
                   if tm.title.country != ORG_OFFICE else None)


def after_posting(doc: Doc, i: int) -> int:
    """The token after 'to South Korea' in 'Ambassador to South Korea X', else `i`."""
    if i + 1 < len(doc) and doc[i].lower_ in POSTING_PREPS and doc[i + 1].ent_iob_ == "B" \
            and doc[i + 1].ent_type_ in POSTING_ENTS:
        end = i + 2
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return end
    return i


def shared_name(doc: Doc, tm: TitleMention, starts: dict[int, TitleMention],
                title_words: frozenset[str], *, depth: int = 2) -> Span | None:
    """'Crown Prince and Prime Minister X': the name after the title coordinated with
    this one, when none follows this title itself (up to three titles in a row)."""
    _, _, k = of_phrase_span(doc, tm.end)
    k = max(k, tm.end)
    if k + 1 >= len(doc) or doc[k].lower_ not in TITLE_JOINS or (nxt := starts.get(k + 1)) is None:
        return None
    _, _, after_of = of_phrase_span(doc, nxt.end)
    name = name_after(doc, max(after_of, after_posting(doc, nxt.end)), title_words=title_words)
    if name is None and depth > 1:
        return shared_name(doc, nxt, starts, title_words, depth=depth - 1)
    return name


def comma_name(doc: Doc, tm: TitleMention, i: int, title_words: frozenset[str]) -> Span | None:
    """'The Prime Minister of Australia, the Hon. E. G. Whitlam, visited': the name set
    off by a comma after a title that opens a noun phrase, the name ending the item."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    before = doc[tm.start - 1] if tm.start > 0 else None
    if before is not None and before.lower_ not in PHRASE_OPENERS \
            and not before.is_sent_start and "\n" not in before.whitespace_:
        return None
    name = name_after(doc, i + 1, title_words=title_words)
    if name is None or "\n" in doc[i:name.start].text:
        return None
    after = doc[name.end] if name.end < len(doc) else None
    ends = after is None or after.text in ITEM_ENDS or after.lower_ in {"and", "who"} \
        or after.pos_ in CLAUSE_POS or "\n" in doc[name.end - 1].whitespace_
    return name if ends else None

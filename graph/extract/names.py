"""People named in one document: name spans and short forms resolved to full names.

In: a parsed spaCy `Doc`. Out: the name span that follows a title, and a
`NameTable` that maps every short form the document uses ("Blinken", "Cho",
"Tae-yul", "CHO") to the fullest name it gives the same person, so that all
mentions of one person in a document share one key. People are never merged
across documents here; that is `resolve`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..gazetteer import load_gazetteer
from .common import name_key
from .docindex import index_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "madam", "sir"}
# Courtesy words a name may carry between a title and the name ("Ms", "Hon", "Dr").
NAME_COURTESIES = HONORIFICS - {"sir"} | {"hon", "hon.", "honourable", "honorable", "dame"}
# Token tags of a capitalised name word the model did not mark as PERSON.
NAME_TAGS = {"NNP", "NNPS"}
# Entity types a bare capitalised word after a title must not have.
NOT_NAME_ENTS = {"GPE", "NORP", "ORG", "DATE", "TIME", "LOC", "FAC", "EVENT", "LAW",
                 "CARDINAL", "ORDINAL", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
# Forms of address before a name: "the Rt Hon", "Ms", "Sir".
ADDRESS_WORDS = NAME_COURTESIES | {"rt", "rt.", "right", "sir", "his", "her", "excellency"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")


def clean_name(text: str) -> str:
    """A name as a label: possessive dropped, spacing collapsed, capitals title-cased."""
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    if text.isupper():  # "TAE-YUL" -> "Tae-yul", "MARIA SANTOS" -> "Maria Santos"
        text = " ".join("-".join(part.capitalize() for part in word.split("-"))
                        for word in text.split())
    return text


def name_after(doc: Doc, i: int, *, title_words: frozenset[str] = frozenset()) -> Span | None:
    """The name that starts at token `i` (right after a title), or None."""
    i = skip_courtesies(doc, i)  # "Prime Minister of Australia Ms Julia Gillard"
    if i >= len(doc):
        return None
    if doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B":
        return person_span(doc, i)
    # The model sometimes leaves a name after a title unlabelled or calls it an
    # organisation ("Chancellor Olaf Scholz"): take the run of capitalised words.
    end = i
    while (end < len(doc) and end - i < 3 and doc[end].tag_ in NAME_TAGS
           and doc[end].is_title and doc[end].lower_ not in title_words
           and doc[end].lower_ not in HONORIFICS and not _is_country(doc[end])
           and (doc[end].ent_type_ not in NOT_NAME_ENTS or doc[end].ent_type_ == "ORG")):
        end += 1
    return _glue_hyphens(doc, i, end) if end > i else None


def skip_courtesies(doc: Doc, i: int) -> int:
    """The token after the forms of address that start at `i`: "Ms", "the Hon.",
    "the Rt Hon", "Sir" ("Sir" is kept in no label: the scorer and resolution match
    the name without it)."""
    k = i
    if k + 1 < len(doc) and doc[k].lower_ == "the" and doc[k + 1].lower_ in ADDRESS_WORDS:
        k += 1
    start = k
    while k < len(doc) and (doc[k].lower_ in ADDRESS_WORDS
                            or (doc[k].text == "." and k > start)):
        k += 1
    return k if k < len(doc) else i


def person_span(doc: Doc, i: int) -> Span | None:
    """The name around token `i`: its PERSON entity, else its run of proper nouns.

    A possessive is dropped, and a hyphenated given name the model cut short is
    kept whole ("Choi Sang" + "-mok").
    """
    token = doc[i]
    if token.ent_type_ == "PERSON":
        ent = index_of(doc).ent_at(i)
        if ent is None:
            return None
        start, end = ent.start, ent.end
        # "Yoon Suk" + "Yeol": the model cut the name short; a capitalised, unlabelled
        # proper noun the name's last word modifies is its end ("on Wednesday" is not).
        while (end < len(doc) and end - start < 4 and doc[end - 1].head.i == doc[end].i
               and doc[end - 1].dep_ == "compound" and doc[end].tag_ in NAME_TAGS
               and doc[end].is_title and not doc[end].ent_type_):
            end += 1
    elif token.tag_ in NAME_TAGS and (token.is_title or _glued(doc, i - 1)) \
            and not _is_country(token) and token.ent_type_ in {"", "NORP", "ORG"}:
        start, end = i, i + 1  # "Han Duck-soo" tagged NORP: the proper-noun run
        while start > 0:
            if _glued(doc, start - 1) and start > 1:
                start -= 2  # "Duck" "-" "soo"
            elif (doc[start - 1].tag_ in NAME_TAGS and doc[start - 1].is_title
                  and doc[start - 1].dep_ == "compound" and not _is_country(doc[start - 1])):
                start -= 1
            else:
                break
    else:
        return None
    for k in range(start + 1, end):  # "Biden’s Cabinet": stop at the possessive
        if doc[k].tag_ == "POS" or doc[k].is_space or "\n" in doc[k].text:
            end = k  # ... or at a line break ("Serdar Berdimuhamedov\nPresident of ...")
            break
    while end - start > 1 and doc[end - 1].lower_ in _title_words():
        end -= 1  # a title the model read into the name
    return _glue_hyphens(doc, start, end)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from .titles import load_titles  # titles reads no names; imported late to keep names light

    return frozenset(w for t in load_titles().titles for w in t.lower().split())


def _glued(doc: Doc, k: int) -> bool:
    """Whether token `k` is a hyphen joined to both neighbours ("Sang-mok")."""
    return (0 < k < len(doc) - 1 and doc[k].text == "-" and not doc[k - 1].whitespace_
            and not doc[k].whitespace_)


def _glue_hyphens(doc: Doc, start: int, end: int) -> Span:
    while end + 1 < len(doc) and _glued(doc, end) and doc[end + 1].is_alpha:
        end += 2
    return doc[start:end]


def _is_country(token: Token) -> bool:
    return bool(token.ent_type_ in {"GPE", "NORP"} and load_gazetteer().country(token.text))


class NameTable:
    """Short forms of names mapped to the fullest name of the same person.

    Names that hold a title come first; names the model found elsewhere are
    consulted only when no titled name fits.
    """

    def __init__(self, titled: Sequence[str], others: Sequence[str] = ()) -> None:
        self._tiers = [_fullest_first(titled), _fullest_first(others)]

    def resolve(self, name: str) -> str:
        """The fullest name that contains every word of `name` (unique), else `name`."""
        name = clean_name(name)
        words = {w.casefold() for w in name.split()}
        # A titled full name is complete: only a single word is grown from names the
        # model found elsewhere (else "David Cameron" became the orchid "Papilionanda
        # David Cameron" while "Cameron" stayed David Cameron, two keys for one person).
        tiers = self._tiers if len(words) == 1 else self._tiers[:1]
        for names in tiers:
            matches = {full for full in names if len(full.split()) > len(words)
                       and words <= {w.casefold() for w in full.split()}}
            longest = [m for m in matches
                       if not any(m != o and set(m.split()) < set(o.split()) for o in matches)]
            if len({name_key(m) for m in longest}) == 1:
                return longest[0]
            if longest:
                return name  # two different people fit: keep the short form
        return name


def _fullest_first(names: Sequence[str]) -> list[str]:
    return sorted({clean_name(n) for n in names if clean_name(n)},
                  key=lambda n: (-len(n.split()), -len(n), n))


def names_in(doc: Doc) -> list[str]:
    """Every PERSON name the model found, possessives dropped."""
    names = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            span = person_span(doc, ent.start)
            if span is not None and any(c.isalpha() for c in span.text):
                names.append(span.text)
    return names


def honorific_forms(doc: Doc) -> list[tuple[str, str]]:
    """("Mr. Yoon", "Yoon") for every name written after an honorific."""
    forms = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ in HONORIFICS:
            span = person_span(doc, ent.start)
            if span is not None:
                forms.append((f"{doc[ent.start - 1].text} {clean_name(span.text)}",
                              span.text))
    return forms

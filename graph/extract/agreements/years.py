"""Agreement years: when the text says an agreement was signed.

In: the head token of an agreement mention, the verb that signs it (if any),
and the document's year. Out: a year and the rule that read it, or None. A
year is read only from the text: written into the name ("the 2018 joint
agreement", "the Treaty of 1953"), attached to the signing ("signed in July
1953"), or counted back from the document date ("70 years since the two
countries signed", "the 70th anniversary of the treaty"). Without a document
date a relative expression gives no year: outside knowledge never fills one in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "signed in 1953", "signed on July 27, 1953": where a signing verb keeps its date.
DATE_PREPOSITIONS = {"in", "on", "during", "at"}
# "This year marks 70 years since ...": the count of years sits on the main clause.
COUNT_DEPS = {"dobj", "nsubj", "attr", "npadvmod", "nsubjpass", "pobj"}
ANNIVERSARY_NOUNS = {"anniversary"}
# "marking (celebrating) 20 years of the treaty".
MARKING_LEMMAS = {"mark", "celebrate", "commemorate", "observe", "hail"}
SIGNING_NOUNS = {"signing", "conclusion", "signature", "adoption"}
# Verbs whose date is the agreement's own: joining, ratifying or approving it later
# ("rejoined the Paris Agreement in 2021") dates one party's step, not the agreement.
DATING_LEMMAS = {"sign", "conclude", "adopt", "ink", "seal", "forge", "agree", "reach", "co-sign",
                 "cosign"}
# "signed on Sunday", "signed today": a signing in the week of a dated text.
NEAR_DAYS = {"today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday"}
# "we have just signed it": the signing is the moment's.
RECENT_ADVERBS = {"just"}
PRESENT_TAGS = {"VBZ", "VBP"}
PAST_TAGS = {"VBD", "VBN"}
MONTH_NAMES = {name: k + 1 for k, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fifth": 5, "tenth": 10, "twentieth": 20,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}


def is_year(token: Token) -> bool:
    """A four-digit number that can be a year of the modern states system."""
    return token.shape_ == "dddd" and 1800 <= int(token.text) <= 2100


def parse_count(token: Token) -> int | None:
    """70, "70th", "seventy", "seventieth" -> 70; None for anything else."""
    text = token.lower_.replace(",", "")
    for suffix in ("st", "nd", "rd", "th"):
        if text.endswith(suffix) and text[:-2].isdigit():
            text = text[:-2]
    if text.isdigit():
        return int(text)
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS[text]
    if "-" in text:  # "seventy-five"
        tens, _, units = text.partition("-")
        if tens in WORD_NUMBERS and units in WORD_NUMBERS:
            return WORD_NUMBERS[tens] + WORD_NUMBERS[units]
    return None


def year_of_signing(verb: Token, doc_year: int | None, doc_month: int | None = None
                    ) -> tuple[int, str] | None:
    """The year a signing verb states or lets be computed, with the rule that read it."""
    if verb.lemma_.lower() not in DATING_LEMMAS:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in DATE_PREPOSITIONS:
            years = [t for t in child.subtree if is_year(t)]
            if years:
                return int(years[0].text), "agreement.year.signed.v1"
        if child.dep_ in {"npadvmod", "nummod"} and is_year(child):
            return int(child.text), "agreement.year.signed.v1"
    if doc_year is None:
        return None
    # "signed last year", "concluded this year"
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.lower_ == "year":
            shift = {"last": 1, "this": 0}.get(next((c.lower_ for c in child.children), ""))
            if shift is not None:
                return doc_year - shift, "agreement.year.relative.v1"
    # "70 years since X and Y signed": the count is on the clause that "since" hangs from;
    # "it comes 45 years after X signed" counts back only from a present-tense clause.
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if "since" in marks or ("after" in marks and verb.head.tag_ in PRESENT_TAGS):
        mark = [c for c in verb.children if c.dep_ == "mark"]
        count = _years_count(verb.head) or _years_count(verb) or _years_count(mark[0])
        if count is not None:
            return doc_year - count, "agreement.year.relative.v1"
    # "mark 70 years since signing it": the gerund hangs from "since" on the counting clause.
    if verb.dep_ == "pcomp" and verb.head.lower_ == "since":
        count = _years_count(verb.head.head)
        if count is not None:
            return doc_year - count, "agreement.year.relative.v1"
    # "signed on Sunday", "signed today": this week's signing is in the document's year.
    near = [c for c in verb.children if c.dep_ == "npadvmod"]
    near += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
             for p in c.children if p.dep_ == "pobj"]
    if any(t.lower_ in NEAR_DAYS for t in near):
        return doc_year, "agreement.year.relative.v1"
    # "we have just signed": a signing of the moment the text reports
    if any(c.dep_ == "advmod" and c.lower_ in RECENT_ADVERBS for c in verb.children):
        return doc_year, "agreement.year.relative.v1"
    # "signed in June", "signed on 3 May": a past signing in a month not after the
    # document's is this year's; a later month may be last year's, so it gives no year.
    if doc_month is not None and verb.tag_ in PAST_TAGS:
        months = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "on"}
                  for p in c.children if p.dep_ == "pobj" and p.lower_ in MONTH_NAMES]
        if months and MONTH_NAMES[months[0].lower_] <= doc_month:
            return doc_year, "agreement.year.relative.v1"
    # "signed 70 years ago"
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "ago":
            count = _years_count(child)
            if count is not None:
                return doc_year - count, "agreement.year.relative.v1"
    return None


def is_historic(sent: Span, doc_year: int) -> bool:
    """Whether a sentence places its events at another time than the document's: another
    year, "years", "ago", an anniversary ("marking 20 years of the treaty we signed")."""
    for token in sent:
        if is_year(token) and int(token.text) != doc_year:
            return True
        if token.lemma_.lower() in {"year", "anniversary", "ago", "decade"} \
                and not (token.lower_ == "year" and token.i > sent.start
                         and token.nbor(-1).lower_ == "this"):
            return True  # not "later this year"
    return False


def year_of_signing_noun(signing: Token, doc_year: int | None) -> tuple[int, str] | None:
    """ "last year's signing of ...", "the signing in 2009 of ...": the year of a signing
    noun."""
    for child in signing.children:
        if child.dep_ == "prep" and child.lower_ in DATE_PREPOSITIONS:
            years = [t for t in child.subtree if is_year(t)]
            if years:
                return int(years[0].text), "agreement.year.signed.v1"
        if child.dep_ == "poss" and child.lower_ == "year" and doc_year is not None:
            shift = {"last": 1, "this": 0}.get(next((c.lower_ for c in child.children), ""))
            if shift is not None:
                return doc_year - shift, "agreement.year.relative.v1"
        if child.dep_ in {"compound", "amod", "nummod"} and is_year(child):
            return int(child.text), "agreement.year.signed.v1"
    return None


def year_of_anniversary(head: Token, doc_year: int | None) -> tuple[int, str] | None:
    """ "the 70th anniversary of the treaty (signing)" in a dated text."""
    if doc_year is None:
        return None
    node = head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in SIGNING_NOUNS:
        node = node.head.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" \
            and node.head.head.lemma_.lower() in ANNIVERSARY_NOUNS:
        anniversary = node.head.head
        for child in anniversary.children:
            if child.dep_ in {"amod", "nummod", "compound"}:
                count = parse_count(child)
                if count is not None and 0 < count < 300:
                    return doc_year - count, "agreement.year.relative.v1"
    # "we are marking 20 years of the Treaty": a count of years marked
    if node.dep_ == "pobj" and node.head.lower_ == "of" \
            and node.head.head.lemma_.lower() == "year" \
            and node.head.head.head.lemma_.lower() in MARKING_LEMMAS:
        for child in node.head.head.children:
            count = parse_count(child) if child.dep_ in {"nummod", "amod"} else None
            if count is not None and 0 < count < 300:
                return doc_year - count, "agreement.year.relative.v1"
    return None


def _years_count(node: Token) -> int | None:
    for child in node.children:
        if child.dep_ in COUNT_DEPS and child.lemma_.lower() == "year":
            for number in child.children:
                if number.dep_ in {"nummod", "quantmod", "amod"}:
                    count = parse_count(number)
                    if count is not None and 0 < count < 300:
                        return count
    return None

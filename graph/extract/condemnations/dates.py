"""Event dates: what date an event phrase gives, in ISO form.

In: tokens of a parsed sentence (the event's head, the condemning verb) and the
document date. Out: `YYYY-MM-DD` or None. Relative words ("today's launch",
"yesterday", "on Monday") resolve only against a known document date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .actors import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_DEPS = {"acl", "relcl"}
DATE_PREPS = {"on", "of"}
OBJECT_PREPS = {"on", "against", "of", "into", "in", "around", "near", "across", "at", "over"}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# A day is one or two digits not followed by more ("September 2017" has no day).
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)(?:,?\s+(\d{4}))?")


def date_near(head: Token, doc_date: str | None) -> str | None:
    """The date an event phrase gives ("today's launch", "the strike on 5 May")."""
    candidates = [c for c in head.children if c.dep_ in {"poss", "npadvmod", "compound", "nmod"}]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in DATE_PREPS:
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS:
            # "the launch of a missile on May 5": the date hangs off the object.
            candidates.extend(d for c in prep.children if c.dep_ == "pobj"
                              for p in c.children if p.dep_ == "prep" and p.lower_ == "on"
                              for d in p.children if d.dep_ == "pobj")
    for clause in head.children:
        if clause.dep_ in CLAUSE_DEPS:
            candidates.extend(c for c in clause.children if c.dep_ == "npadvmod")
            for prep in clause.children:
                if prep.dep_ == "prep" and prep.lower_ == "on":
                    candidates.extend(c for c in prep.children if c.dep_ == "pobj")
    for token in candidates:
        if token.ent_type_ == "DATE" or token.lower_ in {"today", "yesterday"}:
            found = resolve_date(_date_text(token), doc_date)
            if found:
                return found
    return None


def date_on(verb: Token, doc_date: str | None, *, calendar_after: int | None = None
            ) -> str | None:
    """The date in an "on <date>" phrase attached to a verb ("we condemn ... on May 5").

    With `calendar_after`, only a calendar date (a month and a day) placed after that
    token counts: "condemned the attack ... on 5 September" dates the attack, while
    "on Tuesday" in "condemned on Tuesday" is the day of the condemning.
    """
    for prep in verb.children:
        if calendar_after is not None and (prep.i < calendar_after or not _is_calendar(prep)):
            continue
        if prep.dep_ == "prep" and prep.lower_ == "on":
            for pobj in prep.children:
                ent = entity_at(pobj)
                if pobj.dep_ == "pobj" and ent is not None and ent.label_ == "DATE":
                    return resolve_date(_date_text(pobj), doc_date)
    return None


def _is_calendar(prep: Token) -> bool:
    words = [t.lower_.rstrip(".") for t in prep.subtree]
    month = any(len(w) >= 3 and any(m.startswith(w) for m in MONTHS) for w in words)
    return month and any(w.isdigit() for w in words)


def _date_text(token: Token) -> str:
    """The date phrase a token heads, with a day the model left out ("5 September 2022")."""
    ent = entity_at(token)
    if ent is None:
        return token.text
    days = [c.i for c in token.children if c.dep_ == "nummod" and c.i < ent.start]
    return token.doc[min([ent.start, *days]):ent.end].text


def resolve_date(text: str, doc_date: str | None) -> str | None:
    """An ISO date for a date expression, using the document date for relative ones."""
    text = text.lower().replace("’", "'")
    match = _ISO.search(text)
    if match:
        return _iso(*map(int, match.groups()))
    ref = date.fromisoformat(doc_date) if doc_date else None
    for pattern, month_first in ((_MONTH_DAY, True), (_DAY_MONTH, False)):
        for m in pattern.finditer(text):
            month_word, day = (m.group(1), m.group(2)) if month_first else (m.group(2),
                                                                            m.group(1))
            month = MONTHS.get(month_word) or next(
                (n for w, n in MONTHS.items() if len(month_word) >= 3 and w.startswith(month_word)),
                None)
            if month is None:
                continue
            year = int(m.group(3)) if m.group(3) else _year_before(ref, month, int(day))
            return _iso(year, month, int(day)) if year else None
    if ref is None:
        return None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", text):
        return ref.isoformat()
    if re.search(r"\b(yesterday|last night)\b", text):
        return (ref - timedelta(days=1)).isoformat()
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            return (ref - timedelta(days=(ref.weekday() - index) % 7)).isoformat()
    return None


def _year_before(ref: date | None, month: int, day: int) -> int | None:
    if ref is None:
        return None
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None

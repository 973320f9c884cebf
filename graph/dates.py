"""Document dates: find a dateline in the text, or read a date someone wrote down.

In: a document's (cleaned) text, or one date phrase (front matter, a meta tag).
Out: an ISO date `YYYY-MM-DD` or None. Only the head of a document is searched,
where datelines stand, and a date counts only where a dateline stands: alone on
its line ("2020-06-24 9", "June 24, 2020", "3rd of March 2016"), after a label
("Posted: Jan. 6, 2025"), or in a wire-service opening ("WASHINGTON, Jan. 6
(Yonhap) --", "KYIV, 12 June (UNIAN) -"). A date inside a body sentence ("On June
25, 1950, the North invaded") is history, not the document's date. A dateline
without a year borrows it only from another dateline of the same day.

Where a line's date phrase is, and whether it has the shape of a date, is decided
here; python-dateutil turns the phrase into a date. A number alone is never read
as a date (no "20160303", no two-digit years), and a numeric date whose day and
month could be swapped ("03/04/2016") is not read at all.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from dateutil import parser as dateutil_parser

_HEAD = 600

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?)"
            r",?\s+")
_CLOCK = (r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?"
          r"(?:\s*(?:[a-z]{2,5}|[+-]\d{2}:?\d{2}))?)?")
_ISO_TIME = r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
# The shapes a date phrase may have; the named groups say how dateutil must read it.
_SHAPE = re.compile(
    rf"(?i)^(?:{_WEEKDAY})?(?:"
    rf"(?P<named>{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)"
    rf"|(?P<ymd>{_YEAR}(?P<s1>[-./])\d{{1,2}}(?P=s1)\d{{1,2}}{_ISO_TIME})"
    rf"|(?P<dmy>\d{{1,2}}(?P<s2>[./])\d{{1,2}}(?P=s2){_YEAR})"
    rf"){_CLOCK}$")
# Before the date on a dateline: wire flags ("(LEAD)"), a capitalised place and a label.
_LEAD = re.compile(
    r"^[ \t]*(?:\([A-Za-z0-9 ,.]{1,12}\)\s*)*(?:[A-Z][A-Za-z.'’ ]{1,30},\s+)?"
    r"(?i:(?:posted|published|updated|released|dated?|issued)(?:\s+on)?\s*:?\s*)?")
# After it: an agency in brackets, then a dash or bar; or just the end of the line.
_TAIL = re.compile(r"\s*\([^()\n]{1,30}\)\s*(?:--|—|–|-|\||$)|\s*(?:--|—|–|\|)|\s+-(?=\s|$)|\s*$")
_PAGE_COUNTER = re.compile(r"\s+\d{1,3}$")
# Two leap years: a phrase without a year reads as a different year under each.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 1, 1))


def find_document_date(text: str) -> str | None:
    """The first dateline in the head of `text`, as `YYYY-MM-DD`, or None."""
    found: list[tuple[int | None, int, int]] = []  # (year, month, day), in line order
    for line in _head_lines(text[:_HEAD]):
        parts = _dateline_parts(line)
        if parts:
            found.append(parts)
    for year, month, day in found:
        if year is None:
            # "WASHINGTON, Jan. 6 (Yonhap)": the year must come from a dated line of that day.
            year = next((y for y, m, d in found if y and (m, d) == (month, day)), None)
            if year is None:
                continue
        iso = _iso(year, month, day)
        if iso:
            return iso
    return None


def parse_date(text: str) -> str | None:
    """`text` as `YYYY-MM-DD` when it is one whole calendar date with its year, else None.

    A time and a zone may follow the date ("2023-04-20T10:00:00Z", "Thu, 20 Apr
    2023 10:00:00 +0000"); the date is the one written, whatever the zone.
    """
    parts = _read_phrase(text.strip())
    if parts is None or parts[0] is None:
        return None
    return _iso(parts[0], parts[1], parts[2])


def _head_lines(head: str) -> list[str]:
    return head.replace("\r", "\n").split("\n")


def _dateline_parts(line: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) when `line` is a dateline."""
    lead = _LEAD.match(line)
    rest = line[lead.end():] if lead else line
    tail = _TAIL.search(rest)
    phrase = rest[:tail.start()] if tail else rest
    parts = _read_phrase(phrase)
    if parts is None and _PAGE_COUNTER.search(phrase):
        # "2020-06-24 9": a page counter after the date.
        parts = _read_phrase(_PAGE_COUNTER.sub("", phrase))
    return parts


def _read_phrase(phrase: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a phrase that is wholly a date, else None."""
    # NFKC: "ſept" (long s) is "sept"; full-width digits are digits.
    phrase = unicodedata.normalize("NFKC", phrase).strip()
    shape = _SHAPE.match(phrase)
    if shape is None:
        return None
    # Only the date itself goes to dateutil: the weekday and the time add nothing.
    named, ymd, dmy = shape.group("named", "ymd", "dmy")
    if named:
        first, second = (_parse(named, default, dayfirst=False) for default in _DEFAULTS)
        if first is None or second is None or first[1:] != second[1:]:
            return None
        return (first[0] if first[0] == second[0] else None), first[1], first[2]
    if ymd:
        return _parse(ymd, _DEFAULTS[0], dayfirst=False, yearfirst=True)
    # Day first or month first: read only when both readings agree ("3/3/2016") or
    # one is impossible ("25.06.2016"); "03/04/2016" would be a guess.
    readings = {_parse(dmy, _DEFAULTS[0], dayfirst=first) for first in (True, False)}
    readings.discard(None)
    return readings.pop() if len(readings) == 1 else None


def _parse(phrase: str, default: datetime, *, dayfirst: bool,
           yearfirst: bool = False) -> tuple[int, int, int] | None:
    try:
        moment = dateutil_parser.parse(phrase, default=default, dayfirst=dayfirst,
                                       yearfirst=yearfirst, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return moment.year, moment.month, moment.day


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def document_year(iso_date: str | None) -> int | None:
    """The year of an ISO document date, or None."""
    if iso_date and re.match(r"^\d{4}-", iso_date):
        return int(iso_date[:4])
    return None


def document_month(iso_date: str | None) -> int | None:
    """The month of an ISO document date, or None."""
    if iso_date and re.match(r"^\d{4}-\d{2}-", iso_date):
        return int(iso_date[5:7])
    return None

"""Document dates: find a dateline in the text.

In: a document's (cleaned) text. Out: an ISO date `YYYY-MM-DD` or None. Only
the head of the document is searched, where datelines stand, and a date counts
only where a dateline stands: alone on its line ("2020-06-24 9", "June 24,
2020"), after a label ("Posted: Jan. 6, 2025"), or in a wire-service opening
("WASHINGTON, Jan. 6 (Yonhap) --"). A date inside a body sentence ("On June
25, 1950, the North invaded") is history, not the document's date. A dateline
without a year borrows it only from another dateline of the same day.
"""

from __future__ import annotations

import re
from datetime import date

_HEAD = 600

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)")
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_LABEL = r"(?:(?:posted|published|updated|released|dated?|issued)(?:\s+on)?\s*:?\s*)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
# What may follow a dateline on its line: a page counter, an agency, a dash.
_TAIL = r"(?:\s+\d{1,3}|\s*\([^()\n]{1,30}\))?\s*(?:--|—|–|-|\||$)"
# "(LEAD) SEOUL, June 24 (Yonhap) --": wire flags and a capitalised place before the date.
_PLACE = r"(?:\([A-Za-z0-9 ,.]{1,12}\)\s*)*(?:[A-Z][A-Za-z.'’ ]{1,30},\s+)?"

_NUMERIC = re.compile(
    rf"(?im)^[ \t]*{_LABEL}{_YEAR}(?P<sep>[-./])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})"
    rf"(?![\d-]){_TIME}{_TAIL}")
_MONTH_FIRST = re.compile(
    rf"(?m)^[ \t]*{_PLACE}(?i:{_LABEL}{_WEEKDAY}{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?{_TIME}{_TAIL}")
_DAY_FIRST = re.compile(
    rf"(?m)^[ \t]*{_PLACE}(?i:{_LABEL}{_WEEKDAY}){_DAY}\s+(?i:{_MONTH}),?\s+{_YEAR}{_TIME}{_TAIL}")


def find_document_date(text: str) -> str | None:
    """The first dateline in the head of `text`, as `YYYY-MM-DD`, or None."""
    head = text[:_HEAD]
    found: list[tuple[int, int, int, int | None]] = []  # (offset, month, day, year)
    for pattern in (_NUMERIC, _MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(head):
            month = _month_number(match.group("month"))
            year = match.group("year")
            found.append((match.start(), month, int(match.group("day")),
                          int(year) if year else None))
    for _, month, day, year in sorted(found):
        if year is None:
            # "WASHINGTON, Jan. 6 (Yonhap)": the year must come from a dated line of that day.
            year = next((y for _, m, d, y in sorted(found) if y and (m, d) == (month, day)), None)
            if year is None:
                continue
        iso = _iso(year, month, day)
        if iso:
            return iso
    return None


def _month_number(text: str) -> int:
    # casefold, not lower: the regex matches "ſept" (long s) case-insensitively as "sept".
    text = text.rstrip(".").casefold()
    return int(text) if text.isdigit() else MONTHS[text[:4] if text[:4] == "sept" else text[:3]]


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

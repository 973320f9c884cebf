"""event.date.v1: when events of one key are different events.

In: two event items of one key. Out: whether their dates allow one event: stated
dates within a week, no report dated before the event, and two reports alone
within a month. `event_signature` is all the test reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from .items import Item

# Stated dates of one event agree within a week.
EVENT_WINDOW_DAYS = 7
REPORT_WINDOW_DAYS = 31  # two reports of one event, when neither states its date


def _when(value: str | None) -> dt.date | str | None:
    """A date to compare: a full ISO date as a date, a year or month as its text."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return value[:7]


def _apart(x: dt.date | str, y: dt.date | str, window: int) -> bool:
    """Two dates more than `window` days apart (a year or month only: other years)."""
    if isinstance(x, dt.date) and isinstance(y, dt.date):
        return abs((x - y).days) > window
    return str(x)[:4] != str(y)[:4]


def same_event(a: Item, b: Item) -> bool:
    """event.date.v1: stated dates agree within a week; a document's date only bounds
    its event from above (reports follow events), and two documents' dates alone
    must agree within a month. An event with no known date contradicts none."""
    stated_a = [w for w in (_when(d) for d in sorted(a.dates)) if w is not None]
    stated_b = [w for w in (_when(d) for d in sorted(b.dates)) if w is not None]
    doc_a, doc_b = _when(a.doc_date), _when(b.doc_date)
    if stated_a and stated_b:
        return not any(_apart(x, y, EVENT_WINDOW_DAYS) for x in stated_a for y in stated_b)
    if stated_a or stated_b:
        stated, report = (stated_a, doc_b) if stated_a else (stated_b, doc_a)
        if report is None:
            return True
        return not any(_reported_before(x, report) for x in stated)
    if doc_a is None or doc_b is None:
        return True
    return not _apart(doc_a, doc_b, REPORT_WINDOW_DAYS)


def _reported_before(event: dt.date | str, report: dt.date | str) -> bool:
    """A report dated more than a week before the event it would be about."""
    if isinstance(event, dt.date) and isinstance(report, dt.date):
        return (event - report).days > EVENT_WINDOW_DAYS
    return str(event)[:4] > str(report)[:4]


def event_signature(item: Item) -> Hashable:
    """All that `same_event` reads of an item."""
    return frozenset(item.dates), item.doc_date

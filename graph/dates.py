"""Document dates: find a dateline in the text.

In: a document's (cleaned) text. Out: an ISO date `YYYY-MM-DD` or None. Only
the head of the document is searched, where datelines stand.
"""

from __future__ import annotations

import re

_HEAD = 600
_ISO = re.compile(r"(?m)^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})\b")


def find_document_date(text: str) -> str | None:
    """The first dateline in the head of `text`, as `YYYY-MM-DD`, or None."""
    match = _ISO.search(text[:_HEAD])
    if match:
        year, month, day = match.groups()
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"{year}-{month}-{day}"
    return None

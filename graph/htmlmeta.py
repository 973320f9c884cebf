"""What an HTML page says about itself: its title, publication date and canonical URL.

In: the text of an HTML file. Out: `PageMeta` (title from `<title>` or `og:title`,
date from the usual publication-date meta tags or a `<time datetime>`, URL from
`<link rel="canonical">` or `og:url`), read with the standard library's HTML
parser. The reader uses them when a file brings no other metadata.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass
from datetime import date

_DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
              "dcterms.date", "dcterms.created", "pubdate", "publishdate", "og:published_time",
              "sailthru.date", "parsely-pub-date")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    date: str | None = None
    url: str | None = None


def read_page_meta(text: str) -> PageMeta:
    """The page's own title, date (YYYY-MM-DD) and canonical URL, where it states them."""
    reader = _Reader()
    try:
        reader.feed(text[:200_000])  # metadata lives in the head
        reader.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    title = " ".join(reader.title.split()) or reader.meta.get("og:title") or None
    found_date = next((d for d in (_iso(reader.meta.get(k)) for k in _DATE_META) if d), None)
    found_date = found_date or _iso(reader.time)
    url = reader.canonical or reader.meta.get("og:url") or None
    return PageMeta(title=title, date=found_date, url=url)


def _iso(value: str | None) -> str | None:
    match = _ISO.search(value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


class _Reader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.time: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "title" and not self.title:
            self._in_title = True
        elif tag == "meta":
            name = (values.get("property") or values.get("name") or
                    values.get("itemprop") or "").lower()
            if name and "content" in values:
                self.meta.setdefault(name, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href") or None
        elif tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

"""What an HTML page says about itself: its title, publication date and canonical URL.

In: the text of an HTML file. Out: `PageMeta` (title from `<title>` or `og:title`,
date from the usual publication-date meta tags or a `<time datetime>`, URL from
`<link rel="canonical">` or `og:url`), read with the standard library's HTML
parser; a date is read by `dates.parse_date`, so "2023-04-20T10:00:00Z", "Thu, 20
Apr 2023 10:00:00 +0000" and "April 20, 2023" all count. The reader uses them when
a file brings no other metadata.
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass

from .dates import parse_date

_DATE_META = ("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
              "dcterms.date", "dcterms.created", "pubdate", "publishdate", "og:published_time",
              "sailthru.date", "parsely-pub-date")


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
    found_date = next((d for d in (_date(reader.meta.get(k)) for k in _DATE_META) if d), None)
    found_date = found_date or _date(reader.time)
    url = reader.canonical or reader.meta.get("og:url") or None
    return PageMeta(title=title, date=found_date, url=url)


def _date(value: str | None) -> str | None:
    return parse_date(value) if value else None


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

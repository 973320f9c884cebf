"""Who a document speaks for, from the web address it was published at.

In: a `Document` (its `url`). Out: the state or organisation whose official site
published it (`graph/data/publisher_domains.tsv`: www.pm.gov.au speaks for
Australia, eeas.europa.eu for the EU), or None for news sites, aggregators and
unknown hosts. A statement's "we" and a transcript's unnamed "PRIME MINISTER"
belong to that publisher when the text itself does not say whose they are.
"""

from __future__ import annotations

import urllib.parse
from functools import lru_cache

from ...gazetteer import data_rows, load_gazetteer
from ...types import Document, Entity
from ..common import country_entity


def publisher_of(document: Document) -> Entity | None:
    """The state or organisation that published `document` on its own site, or None."""
    entry = domain_entry(document.url)
    return _entity(*entry) if entry is not None else None


def domain_entry(url: str | None) -> tuple[str, str] | None:
    """The (kind, key) row of the URL's host in publisher_domains.tsv, longest suffix
    first; kind "none" marks a news site or aggregator. None for an unlisted host."""
    if not url:
        return None
    try:
        host = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = host.split(".")
    domains = _domains()
    for i in range(len(labels)):
        entry = domains.get(".".join(labels[i:]))
        if entry is not None:
            return entry
    return None


@lru_cache(maxsize=1)
def _domains() -> dict[str, tuple[str, str]]:
    return {row[0].lower(): (row[1], row[2]) for row in data_rows("publisher_domains.tsv")}


def _entity(kind: str, key: str) -> Entity | None:
    if kind == "Country":
        return country_entity(key)
    if kind == "Organization":
        org = load_gazetteer().organizations.get(key)
        return Entity("Organization", org.key, org.label) if org is not None else None
    return None

"""agreement.parties.v1: when agreements of one key are different instruments.

In: two agreement items of one key. Out: whether they may be one agreement. A
name that names its parties ("U.S.-Japan ...") must name the same ones; a
descriptive title ("Joint Declaration") signed by disjoint parties, or in other
years, is another instrument. `agreement_signature` is all the test reads.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from functools import lru_cache

from ..gazetteer import data_rows, load_gazetteer
from .items import Item


@lru_cache(maxsize=1)
def _title_openers() -> frozenset[str]:
    rows = data_rows("agreement_heads.tsv") + data_rows("resolve_title_openers.tsv")
    return frozenset(row[0].strip().casefold() for row in rows if row)


@lru_cache(maxsize=4096)
def _title_parts(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The countries an agreement's name names ("U.S.-Japan ...", "between A and B"),
    and its other words in lower case; capitals and demonyms do not count."""
    gazetteer = load_gazetteer()
    words = [w.strip(",;:()\"“”") for w in re.sub(r"(?<=[\w.])[-–/](?=[A-Z])", " ", name).split()]
    countries: set[str] = set()
    rest: list[str] = []
    at = 0
    while at < len(words):
        for size in range(min(4, len(words) - at), 0, -1):
            iso3 = gazetteer.resolve(" ".join(words[at:at + size]), allow_demonym=False)
            if iso3:
                countries.add(iso3)
                at += size
                break
        else:
            rest.append(words[at].casefold())
            at += 1
    return frozenset(countries), tuple(w for w in rest if w)


def _named_parties(item: Item) -> frozenset[str]:
    return frozenset().union(*(_title_parts(n)[0] for n in item.names))


def _descriptive(item: Item) -> bool:
    """A title that names an instrument by kind and subject ("Joint Declaration",
    "Memorandum of Understanding on ..."), which many pairs of states sign."""
    words = [w for w in _title_parts(item.label)[1] if w not in {"the", "a", "an"}]
    return bool(words) and words[0] in _title_openers()


def same_agreement(a: Item, b: Item) -> bool:
    """agreement.parties.v1: names that name their parties must name the same ones (or
    name one the other document makes a party); descriptive titles with two or more
    parties each must share one, and must not give different years."""
    named_a, named_b = _named_parties(a), _named_parties(b)
    if named_a and named_b and named_a != named_b:
        return False
    for named, other in ((named_a, b), (named_b, a)):
        if named and other.parties and not named & other.parties:
            return False
    if (named_a or _descriptive(a)) and (named_b or _descriptive(b)):
        if len(a.parties) >= 2 and len(b.parties) >= 2 and not a.parties & b.parties:
            return False
        if a.years and b.years and not a.years & b.years:
            return False
    return True


def agreement_signature(item: Item) -> Hashable:
    """All that `same_agreement` reads of an item."""
    return (_named_parties(item), _descriptive(item), frozenset(item.parties),
            frozenset(item.years))

"""Names of countries and organisations, from ISO data and versioned data files.

In: the strings a text uses ("the U.S.", "ROK", "South Korean", "Seoul").
Out: `CountryName` / `OrgName` records that say which country or organisation
a name denotes and in what form (name, abbreviation, demonym, capital), so that
callers decide whether a demonym or a capital may stand for a state where it
appears. ISO 3166-1 comes from pycountry; everything else from `data/`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

NameForm = Literal["name", "abbreviation", "demonym", "capital", "iso"]

_LEADING = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s*['’]s?$")


@dataclass(frozen=True, slots=True)
class Country:
    """One sovereign state."""

    iso3: str
    label: str
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class CountryName:
    """A name and the country it denotes."""

    country: Country
    text: str
    form: NameForm


@dataclass(frozen=True, slots=True)
class Organization:
    """An international organisation or body."""

    key: str
    label: str
    aliases: tuple[str, ...]


def normalize_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and spacing; keep case."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").strip()
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text)
    return " ".join(text.split())


def _rows(name: str) -> list[list[str]]:
    raw = resources.files("graph.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t")]


class Gazetteer:
    """Lookup tables built once from pycountry and the data files."""

    def __init__(self) -> None:
        import pycountry

        labels = {row[0]: (row[1], row[2] or None) for row in _rows("countries.tsv")}
        self.countries: dict[str, Country] = {}
        exact: dict[str, CountryName] = {}
        folded: dict[str, CountryName] = {}
        for record in pycountry.countries:
            iso3 = record.alpha_3
            label, wikidata = labels.get(
                iso3, (getattr(record, "common_name", None) or record.name, None)
            )
            country = Country(iso3, label, wikidata)
            self.countries[iso3] = country
            for text in {record.name, getattr(record, "common_name", None),
                         getattr(record, "official_name", None), label}:
                if text:
                    folded.setdefault(text.casefold(), CountryName(country, text, "name"))
        for iso3, text, form in _rows("country_names.tsv"):
            entry = CountryName(self.countries[iso3], text, form)  # type: ignore[arg-type]
            if form == "abbreviation" and len(text.replace(".", "")) <= 3:
                # "US" must not match the pronoun "us": short abbreviations are case-exact.
                exact[text] = entry
            else:
                folded[text.casefold()] = entry
        self._exact = exact
        self._folded = folded
        self.organizations: dict[str, Organization] = {}
        self._orgs: dict[str, Organization] = {}
        for key, label, aliases in _rows("organizations.tsv"):
            org = Organization(key, label, tuple(a for a in aliases.split("|") if a))
            self.organizations[key] = org
            for text in (label, *org.aliases):
                self._orgs[text if len(text) <= 4 else text.casefold()] = org

    def country(self, text: str) -> CountryName | None:
        """The country a name denotes, or None. Accepts articles and possessives."""
        name = normalize_name(text)
        if name in self._exact:
            return self._exact[name]
        return self._folded.get(name.casefold())

    def organization(self, text: str) -> Organization | None:
        """The organisation a name denotes, or None."""
        name = normalize_name(text)
        return self._orgs.get(name) or self._orgs.get(name.casefold())

    def country_names(self) -> list[CountryName]:
        """Every known country name, for building matchers."""
        return [*self._exact.values(), *self._folded.values()]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer (built on first use)."""
    return Gazetteer()

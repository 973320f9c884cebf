"""Names of countries and organisations, from ISO data and versioned data files.

In: the strings a text uses ("the U.S.", "ROK", "South Korean", "Seoul", "the
North"). Out: `CountryName` / `Organization` records that say which country or
organisation a name denotes, in what form (name, abbreviation, demonym,
capital) and from which data entry, so that callers decide whether a demonym or
a capital may stand for a state where it appears. ISO 3166-1 comes from
pycountry, as do the former codes of the dissolved states in `data/dissolved_states.tsv`;
labels, Wikidata ids and every other name from `data/*.tsv`.

Ambiguous names ("Georgia", "Congo", "the North") carry context cues in the
data file: they resolve only when the caller passes a context that contains a
cue of exactly one country. Names that are also personal names ("Jordan",
"Chad") resolve, but are left out of the entity-ruler patterns so the
statistical NER decides from context whether the span is a place.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

log = logging.getLogger(__name__)

NameForm = Literal["name", "abbreviation", "demonym", "capital"]
NAME_FORMS: tuple[str, ...] = ("name", "abbreviation", "demonym", "capital")

_LEADING = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s*'s?$")
_EDGE_PUNCT = " \t\n\"“”‘,;:()[]"
# Abbreviations this short are case-exact: "US" is never the pronoun "us".
_EXACT_MAX = 3
# Organisation names this short are case-exact: "WHO", "Quad", "AU".
_ORG_EXACT_MAX = 4


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country (or a dissolved state under its former ISO 3166 code):
    alpha-3 code, preferred English label, Wikidata id."""

    iso3: str
    label: str
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class CountryName:
    """A name and the country it denotes.

    `source` names the data entry ("country_names.tsv:412", "pycountry:name").
    `cues` is non-empty for an ambiguous name: it resolves only in a context that
    contains one of them. `ner_only` names are left to the statistical NER.
    """

    country: Country
    text: str
    form: NameForm
    source: str = ""
    cues: tuple[str, ...] = ()
    ner_only: bool = False


@dataclass(frozen=True, slots=True)
class Organization:
    """An international organisation or body."""

    key: str
    label: str
    aliases: tuple[str, ...]
    source: str = ""


def normalize_name(text: str) -> str:
    """Strip a leading article, a trailing possessive, edge punctuation and spacing.

    Case is kept: it decides whether "US" is a country.
    """
    text = unicodedata.normalize("NFKC", text).replace("’", "'").strip(_EDGE_PUNCT)
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text)
    return " ".join(text.split())


def name_key(text: str) -> str:
    """A name folded for comparison: no accents, lower case, punctuation as spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s-]", " ", folded).split())


def data_rows(name: str) -> list[list[str]]:
    """The fields of each data row of a TSV in graph/data (comments and blanks skipped)."""
    return [row for _, row in data_lines(name)]


def data_lines(name: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) for each data row of a TSV in graph/data."""
    raw = resources.files("graph.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, next(csv.reader([line], delimiter="\t"))))
    return rows


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=lambda c: (-len(c), c)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class Gazetteer:
    """Lookup tables built once from pycountry and the data files."""

    def __init__(self) -> None:
        import pycountry

        labels: dict[str, tuple[str, str | None]] = {}
        for _, row in data_lines("countries.tsv"):
            iso3, label, wikidata = (row + ["", ""])[:3]
            labels[iso3] = (label, wikidata or None)
        self.countries: dict[str, Country] = {}
        self._exact: dict[str, CountryName] = {}
        self._folded: dict[str, CountryName] = {}
        self._gated: dict[str, list[CountryName]] = {}
        self._patterns: dict[tuple[str, str], re.Pattern[str]] = {}
        self._ner_only: set[str] = set()
        for record in sorted(pycountry.countries, key=lambda r: r.alpha_3):
            iso3 = record.alpha_3
            label, wikidata = labels.get(
                iso3, (getattr(record, "common_name", None) or record.name, None))
            self.countries[iso3] = Country(iso3, label, wikidata)
        for iso3 in sorted(labels):
            if iso3 not in self.countries:
                log.warning("countries.tsv: %s is not an ISO 3166-1 alpha-3 code", iso3)
        for number, row in data_lines("dissolved_states.tsv"):
            iso3, label, wikidata = (row + ["", ""])[:3]
            if pycountry.historic_countries.get(alpha_3=iso3) is None or iso3 in self.countries:
                log.warning("dissolved_states.tsv:%d: %s is not a former ISO 3166 code",
                            number, iso3)
                continue
            self.countries[iso3] = Country(iso3, label, wikidata or None)
        for iso3, country in self.countries.items():
            # A dissolved state's ISO 3166-3 name is inverted ("USSR, Union of ..."): its
            # names come from country_names.tsv only.
            iso_record = pycountry.countries.get(alpha_3=iso3)
            for attr in ("name", "common_name", "official_name") if iso_record else ():
                text = getattr(iso_record, attr, None)
                if text:
                    self._add(CountryName(country, normalize_name(text), "name",
                                          f"pycountry:{attr}"))
            self._add(CountryName(country, country.label, "name", "countries.tsv:label"))
        for number, row in data_lines("country_names.tsv"):
            iso3, text, form, use = (row + [""])[:4]
            if iso3 not in self.countries or form not in NAME_FORMS:
                log.warning("country_names.tsv:%d: skipped row %r", number, row)
                continue
            cues = tuple(c for c in use.removeprefix("context:").split("|") if c) \
                if use.startswith("context:") else ()
            entry = CountryName(self.countries[iso3], text, form,  # type: ignore[arg-type]
                                f"country_names.tsv:{number}", cues, use == "ner")
            if cues:
                self._gated.setdefault(text, []).append(entry)
                self._patterns[(text, iso3)] = _cue_pattern(cues)
            else:
                if use == "ner":
                    self._ner_only.add(text.casefold())
                self._add(entry, override=True)
        for text in self._gated:  # an ambiguous name never resolves without context
            self._exact.pop(text, None)
            self._folded.pop(text.casefold(), None)
        self.organizations: dict[str, Organization] = {}
        self._orgs: dict[str, Organization] = {}
        for number, row in data_lines("organizations.tsv"):
            key, label, aliases = (row + ["", ""])[:3]
            org = Organization(key, label, tuple(a for a in aliases.split("|") if a),
                               f"organizations.tsv:{number}")
            self.organizations[key] = org
            for text in (label, *org.aliases):
                self._orgs[_org_key(text)] = org

    def _add(self, entry: CountryName, *, override: bool = False) -> None:
        text = entry.text
        if entry.form == "abbreviation" and len(text.replace(".", "")) <= _EXACT_MAX:
            table, key = self._exact, text
        else:
            table, key = self._folded, text.casefold()
        previous = table.get(key)
        if previous is not None and previous.country.iso3 != entry.country.iso3:
            log.warning("%s: %r already names %s (%s); kept that", entry.source, text,
                        previous.country.iso3, previous.source)
            return
        if previous is None or override:
            table[key] = entry

    def country(self, text: str, *, context: str | Sequence[str] | None = None
                ) -> CountryName | None:
        """The country a name denotes, or None. Accepts articles and possessives.

        Args:
            text: the name as written ("the ROK", "Korea's", "the North").
            context: the text around the name (a sentence, then the document, as a
                sequence tried in order). Only ambiguous names use it: "Georgia"
                needs a Georgian cue, "the North" a Korean one.
        """
        name = normalize_name(text)
        if not name:
            return None
        if name in self._gated:
            return self._in_context(name, context)
        if name in self._exact:
            return self._exact[name]
        if not name.endswith(".") and f"{name}." in self._exact:  # "U.S" at a sentence end
            return self._exact[f"{name}."]
        if not any(c.isupper() for c in name):  # "turkey", "china" (porcelain), "us"
            return None
        return self._folded.get(name.casefold())

    def resolve(self, text: str, *, context: str | Sequence[str] | None = None,
                allow_demonym: bool = True, allow_capital: bool = False) -> str | None:
        """The ISO3 code a name stands for, honouring the caller's form choices."""
        name = self.country(text, context=context)
        if name is None:
            return None
        if (name.form == "demonym" and not allow_demonym) or \
                (name.form == "capital" and not allow_capital):
            return None
        return name.country.iso3

    def countries_in_compound(self, text: str, **options: bool) -> list[str]:
        """ISO3 codes of a hyphenated compound ("ROK-U.S.-Japan" -> KOR, USA, JPN).

        Every part must be a country name, else the result is empty.
        """
        parts = [p for p in re.split(r"(?<=[\w.])[-–/](?=[A-Z])", normalize_name(text)) if p]
        found = [self.resolve(p, **options) for p in parts]  # type: ignore[arg-type]
        return [iso3 for iso3 in found if iso3] if all(found) and len(found) > 1 else []

    def _in_context(self, name: str, context: str | Sequence[str] | None
                    ) -> CountryName | None:
        contexts = [context] if isinstance(context, str) else list(context or ())
        for text in contexts:
            hits = {e.country.iso3: e for e in self._gated[name]
                    if self._patterns[(name, e.country.iso3)].search(text)}
            if len(hits) == 1:
                return next(iter(hits.values()))
            if len(hits) > 1:
                return None  # cues for several countries: do not guess
        return None

    def organization(self, text: str) -> Organization | None:
        """The organisation a name denotes, or None."""
        name = normalize_name(text)
        return self._orgs.get(_org_key(name)) if name else None

    def country_names(self) -> list[CountryName]:
        """The unambiguous country names, for building entity-ruler patterns.

        Ambiguous (context-gated) names and names that are also personal names are
        left out: the statistical NER and `country(..., context=...)` decide those.
        """
        names = [*self._exact.values(), *self._folded.values()]
        names = [n for n in names if not n.ner_only and n.text.casefold() not in self._ner_only]
        return sorted(names, key=lambda n: (n.text, n.country.iso3, n.form))

    def ambiguous_names(self) -> dict[str, list[CountryName]]:
        """Every context-gated name and the countries it may denote."""
        return {text: list(entries) for text, entries in sorted(self._gated.items())}


def _org_key(text: str) -> str:
    return text if len(text) <= _ORG_EXACT_MAX else text.casefold()


def korean_context(text: str) -> bool:
    """Whether `text` is about Korea, so that "the North" means the DPRK."""
    return bool(_KOREAN_CUES.search(text))


_KOREAN_CUES = _cue_pattern(["Korea", "Korean", "Koreas", "Pyongyang", "Seoul", "DPRK", "ROK",
                             "inter-Korean", "Panmunjom", "DMZ"])


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer (built on first use)."""
    return Gazetteer()

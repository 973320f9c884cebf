"""The vocabulary of agreement names, read once from `graph/data/agreement_*.tsv`.

In: the data files. Out: the head nouns (and their plurals), acronyms with their
expansions, party words ("inter-Korean", "KORUS") and the words of long descriptive
titles; plus the comparable form of a name (`normalize_core`) and whether a name is
generic (made only of descriptive words, so that its parties identify it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...gazetteer import data_rows

# Words that make a name generic: a name made only of these needs its parties to identify it.
GENERIC_WORDS = {"treaty", "agreement", "accord", "accords", "pact", "charter", "declaration",
                 "memorandum", "understanding", "convention", "protocol", "armistice", "of", "on",
                 "and", "the", "for", "mutual", "defense", "security", "trade", "free", "joint",
                 "comprehensive", "military", "peace", "ceasefire", "cease", "fire", "cooperation",
                 "economic", "strategic", "nuclear", "basic", "framework", "investment", "status",
                 "forces", "friendship", "amity", "commerce", "navigation", "general", "final",
                 "interim", "maritime", "partnership", "alliance", "arms", "control", "reduction"}
NAME_FUNCTION_WORDS = {"the", "of", "and", "on", "for", "in", "-", "&", "to"}


@dataclass(frozen=True, slots=True)
class NameData:
    """The vocabulary of agreement names, read from `graph/data/agreement_*.tsv`."""

    heads: frozenset[str]
    named_only: frozenset[str]
    plurals: dict[str, str]
    acronyms: dict[str, str]
    canonical: dict[str, str]
    party_words: dict[str, tuple[str, ...]]
    titles: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def load_name_data() -> NameData:
    """The head nouns (those valid only in a name, and plurals), acronyms (with expansions),
    party words, title words."""
    rows = data_rows("agreement_heads.tsv")
    heads = frozenset(row[0].strip().lower() for row in rows)
    named_only = frozenset(row[0].strip().lower() for row in rows
                           if len(row) > 1 and row[1].strip() == "named")
    plurals = {plural.lower(): singular.lower()
               for plural, singular in data_rows("agreement_plurals.tsv")}
    acronyms: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for acronym, name in data_rows("agreement_acronyms.tsv"):
        preferred = acronyms.setdefault(acronym, name)
        canonical[normalize_core(name)] = normalize_core(preferred)
    party_words = {phrase.lower(): tuple(codes.split())
                   for phrase, codes in data_rows("agreement_party_words.tsv")}
    titles: dict[str, set[str]] = {}
    for kind, word in data_rows("agreement_titles.tsv"):
        titles.setdefault(kind, set()).add(word.lower())
    return NameData(heads, named_only, plurals, acronyms, canonical, party_words,
                    {kind: frozenset(words) for kind, words in titles.items()})


def title_words(kind: str) -> frozenset[str]:
    """The words of one kind in `agreement_titles.tsv` ("topic", "agency", "company" ...)."""
    return load_name_data().titles.get(kind, frozenset())


def normalize_core(text: str) -> str:
    """A comparable form of a name: lower case, British spelling folded, no punctuation."""
    text = text.casefold().replace("defence", "defense").replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9]+", text.replace("'s", "")))


def is_generic(core: str) -> bool:
    """Whether a core name is made only of descriptive words ("mutual defense treaty")."""
    return all(word in GENERIC_WORDS for word in core.split())

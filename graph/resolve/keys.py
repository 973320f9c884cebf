"""The keys names are compared by: a person's name tokens and key, and an office.

In: a name or a title as a document wrote it. Out: its normalised form, the same
for every way of writing one person ("Antony J. Blinken", "Mr. Blinken" keeps
only the surname) or one office ("former Foreign Minister"). Nothing here reads
a corpus, so any rule may use these keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Titles and honorifics that may lead a name; initials and suffixes are dropped too.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "madame", "prof",
    "professor", "hon", "honorable", "honourable", "rev", "lord", "lady", "excellency",
    "president", "vice", "secretary", "minister", "prime", "foreign", "defense", "defence",
    "deputy", "acting", "former", "ambassador", "general", "gen", "chairman", "chairwoman",
    "chair", "speaker", "senator", "sen", "rep", "representative", "governor", "gov",
    "premier", "chancellor", "king", "queen", "prince", "princess", "sheikh", "elect",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "esq"}
# Korean surnames: "Yoon Suk Yeol" and "Yoon Suk-yeol" are one name (given name joined).
KOREAN_SURNAMES = {
    "kim", "lee", "yi", "rhee", "park", "pak", "choi", "choe", "jung", "jeong", "chung", "kang",
    "cho", "jo", "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "shin", "kwon",
    "hwang", "ahn", "an", "song", "jeon", "chun", "hong", "yoo", "ko", "moon", "yang", "son",
    "bae", "baek", "heo", "nam", "noh", "roh", "ha", "kwak", "sung", "cha", "joo", "woo", "min",
    "ryu", "na", "jin", "ji", "won", "chae", "bang", "byun", "shim", "koo", "wu", "yu", "hyun",
}
_TITLE_FLAGS = re.compile(r"^(?:former|acting|then|incumbent|current)\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """The tokens that identify a person's name, in written order.

    "Antony J. Blinken" -> (antony, blinken); "Cho Tae-yul" and "Cho Taeyul" ->
    (cho, taeyul); "Yoon Suk Yeol" -> (yoon, sukyeol); "Mr. Yoon" -> (yoon,).
    """
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"['`]", "", folded)  # O'Brien -> obrien
    folded = re.sub(r"(?<=\w)-(?=\w)", "", folded)  # Tae-yul -> taeyul
    tokens = [t for t in re.split(r"[^\w]+", folded) if t]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens.pop()
    if len(tokens) > 2:  # middle initials, never the last remaining tokens
        kept = [t for t in tokens if len(t) > 1]
        tokens = kept if len(kept) >= 2 else tokens
    if len(tokens) == 3 and tokens[0] in KOREAN_SURNAMES and all(len(t) <= 4 for t in tokens[1:]):
        tokens = [tokens[0], tokens[1] + tokens[2]]
    return tuple(tokens)


def person_key(name: str) -> str:
    """The normalised full name a person merges on ("antony blinken")."""
    return " ".join(person_tokens(name))


def office_key(title: str) -> str:
    """A title compared across documents: case folded, tenure words dropped."""
    return " ".join(_TITLE_FLAGS.sub("", title.strip()).casefold().split())

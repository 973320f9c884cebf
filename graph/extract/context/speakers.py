"""Transcript speaker turns: who is talking at each point of a document.

In: a document's cleaned text. Out: `Turn`s, one per speaker label such as
"SECRETARY BLINKEN:", "FOREIGN MINISTER CHO: (Via interpreter)" or, in mixed
case, "President of Russia Vladimir Putin:", "Prime Minister Abe:", "Mr Rudd:",
each with the character range it covers. A mixed-case line opening is a label
only when it reads as one: a title, an honorific, a word of
data/role_speaker_labels.tsv, or the bare name of a titled label of the same text
("Vladimir Putin:" after "President of Russia Vladimir Putin:"); "Source:" or
"Russia:" are not. Labels that name no official ("MODERATOR:", "QUESTION:",
"JOURNALIST:") are turns too, with `is_person` false, so a journalist's
question (and "we") is never read as an official's statement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ...gazetteer import data_rows, load_gazetteer
from ..names import HONORIFICS, clean_name
from ..titles import STATUS_WORDS, load_titles

# A label is a line-initial run of capitalised words ending in a colon.
_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’\- ]{1,60}?)[ \t]*:(?=\s)")
# ... or, in mixed case, capitalised words with the small words of a title between them.
_MIXED_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][\w.'’\-]*(?:[ \t]+(?:[A-Z][\w.'’\-]*|of|the|for"
                          r"|and|in))*)[ \t]*:(?=\s)")
MAX_LABEL_WORDS = 10
COUNTRY_WORDS = 5  # the longest country name read in "President of <country> <name>"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: the label as written and the text range it covers."""

    label: str
    label_start: int
    label_end: int
    start: int
    end: int

    @property
    def is_person(self) -> bool:
        """Whether the label names a person (not a moderator, a journalist or a questioner)."""
        return self.label.strip().upper() not in non_person_labels()

    @property
    def words(self) -> tuple[str, ...]:
        """The label's words in title case ("FOREIGN MINISTER CHO" -> Foreign, Minister, Cho)."""
        return tuple(w.capitalize() if w.isupper() else w for w in self.label.split())


@lru_cache(maxsize=1)
def non_person_labels() -> frozenset[str]:
    """Labels that name no official, upper case (data/role_speaker_labels.tsv)."""
    return frozenset(row[0].upper() for row in data_rows("role_speaker_labels.tsv"))


def find_turns(text: str) -> tuple[Turn, ...]:
    """Every speaker turn in `text`, in order; empty for a text with no labels."""
    found = {m.start(1): m for m in _LABEL.finditer(text) if any(c.isalpha() for c in m.group(1))}
    mixed = [m for m in _MIXED_LABEL.finditer(text)
             if m.start(1) not in found and len(m.group(1).split()) <= MAX_LABEL_WORDS]
    titled = {split_label(m.group(1))[1] for m in mixed if _opens_with_title(m.group(1))}
    titled.discard("")
    for match in mixed:
        label = match.group(1)
        if (label.upper() in non_person_labels() or _opens_with_title(label)
                or label.split()[0].lower().rstrip(".") in {h.rstrip(".") for h in HONORIFICS}
                or clean_name(label) in titled):
            found[match.start(1)] = match
    labels = [found[k] for k in sorted(found)]
    turns = []
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        turns.append(Turn(match.group(1).strip(), match.start(1), match.end(1), match.end(), end))
    return tuple(turns)


def _opens_with_title(label: str) -> bool:
    """Whether a mixed-case label is a title, then a name ('Prime Minister Abe')."""
    title, name = split_label(label)
    return bool(title and name)


def turn_at(turns: tuple[Turn, ...], offset: int) -> Turn | None:
    """The turn that covers character `offset`, or None outside every turn."""
    index = bisect_right([t.start for t in turns], offset) - 1
    if index >= 0 and turns[index].start <= offset < turns[index].end:
        return turns[index]
    return None


def split_label(label: str) -> tuple[str, str]:
    """A label's title words and name: "SECRETARY BLINKEN" -> ("Secretary", "Blinken").

    Status words and honorifics ("ACTING", "MR.") are dropped; a label with no
    title gives ("", name), and one with no name (title, "").
    """
    words = [w.capitalize() if w.isupper() else w for w in label.split()]
    while len(words) > 1 and (words[0].lower() in STATUS_WORDS
                              or words[0].lower() in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    title, _, name = read_label(label)
    return title, name


def label_country(label: str) -> str | None:
    """The ISO3 of the country a label names for its title: 'President of Russia X'."""
    return read_label(label)[1]


def read_label(label: str) -> tuple[str, str | None, str]:
    """A label's title words, the ISO3 of an 'of <country>' after them, and its name."""
    words = [w.capitalize() if w.isupper() else w for w in label.split()]
    while len(words) > 1 and (words[0].lower() in STATUS_WORDS
                              or words[0].lower() in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    if load_titles().lookup(" ".join(words)):
        return " ".join(words), None, ""  # "THE PRESIDENT": a title and no name
    for k in range(len(words) - 1, 0, -1):
        if load_titles().lookup(" ".join(words[:k])):
            country, rest = _of_country(words[k:])
            return " ".join(words[:k]), country, clean_name(" ".join(rest))
    return "", None, clean_name(" ".join(words))


def _of_country(words: list[str]) -> tuple[str | None, list[str]]:
    """'of Russia Vladimir Putin' -> ('RUS', ['Vladimir', 'Putin']); else (None, words)."""
    if len(words) < 3 or words[0].lower() != "of":
        return None, words
    for end in range(min(len(words) - 1, COUNTRY_WORDS + 1), 1, -1):
        found = load_gazetteer().country(" ".join(words[1:end]))
        if found is not None:
            return found.country.iso3, words[end:]
    return None, words



# A speaker who says "my government" or "our president" speaks for a government.
_OWN_GOVERNMENT = re.compile(r"\b(?:my|our)\s+(?:government|president|prime\s+minister)\b",
                             re.IGNORECASE)


def own_government_cue(text: str) -> bool:
    """Whether `text` speaks of the speaker's own government: 'my government', 'our president'."""
    return _OWN_GOVERNMENT.search(text) is not None

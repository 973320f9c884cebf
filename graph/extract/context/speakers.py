"""Transcript speaker turns: who is talking at each point of a document.

In: a document's cleaned text. Out: `Turn`s, one per speaker label such as
"SECRETARY BLINKEN:" or "FOREIGN MINISTER CHO: (Via interpreter)", each with
the character range it covers. Labels that name no person ("MODERATOR:",
"QUESTION:", "PARTICIPANT:") are turns too, with `is_person` false, so a
journalist's question is never read as an official's statement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..names import HONORIFICS, clean_name
from ..titles import STATUS_WORDS, load_titles

# A label is a line-initial run of capitalised words ending in a colon.
_LABEL = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’\- ]{1,60}?)[ \t]*:(?=\s)")
NON_PERSON_LABELS = {"MODERATOR", "QUESTION", "PARTICIPANT", "OPERATOR", "AUDIENCE MEMBER",
                     "INTERPRETER", "Q", "A", "NOTE", "STAFF", "SPOKESPERSON", "REPORTER",
                     "EDITOR'S NOTE"}


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
        """Whether the label names a person (not a moderator or a questioner)."""
        return self.label.strip().upper() not in NON_PERSON_LABELS

    @property
    def words(self) -> tuple[str, ...]:
        """The label's words in title case ("FOREIGN MINISTER CHO" -> Foreign, Minister, Cho)."""
        return tuple(w.capitalize() if w.isupper() else w for w in self.label.split())


def find_turns(text: str) -> tuple[Turn, ...]:
    """Every speaker turn in `text`, in order; empty for a text with no labels."""
    labels = [m for m in _LABEL.finditer(text) if any(c.isalpha() for c in m.group(1))]
    turns = []
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        turns.append(Turn(match.group(1).strip(), match.start(1), match.end(1), match.end(), end))
    return tuple(turns)


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
    if load_titles().lookup(" ".join(words)):
        return " ".join(words), ""  # "THE PRESIDENT": a title and no name
    for k in range(len(words) - 1, 0, -1):
        if load_titles().lookup(" ".join(words[:k])):
            return " ".join(words[:k]), clean_name(" ".join(words[k:]))
    return "", clean_name(" ".join(words))



# A speaker who says "my government" or "our president" speaks for a government.
_OWN_GOVERNMENT = re.compile(r"\b(?:my|our)\s+(?:government|president|prime\s+minister)\b",
                             re.IGNORECASE)


def own_government_cue(text: str) -> bool:
    """Whether `text` speaks of the speaker's own government: 'my government', 'our president'."""
    return _OWN_GOVERNMENT.search(text) is not None

"""Agreement mentions that are one agreement: a name and its bracketed acronym, a name
and the description set off after it.

In: the `NameMention`s of a document, in text order. Out: the same mentions, the
later ones taking the core of the name they stand beside, so that they merge into
its node (the name keeps the label).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .names import NameMention


def merge_acronyms(mentions: list[NameMention], doc: Doc) -> list[NameMention]:
    """ "the General Security of Military Information Agreement (GSOMIA)": a name followed by
    an acronym in brackets is the same agreement, so it takes the acronym's core."""
    merged = list(mentions)
    for k in range(len(merged) - 1):
        name, acronym = merged[k], merged[k + 1]
        if acronym.end - acronym.start == 1 and acronym.start - name.end == 1 \
                and doc[acronym.start - 1].text == "(" and name.kind != "anaphor" \
                and acronym.label != acronym.surface:
            merged[k] = replace(name, core=acronym.core)
    return merged


def merge_appositions(mentions: list[NameMention], doc: Doc) -> list[NameMention]:
    """ "the General Security of Military Information Agreement (GSOMIA), the military
    intelligence-sharing pact that ...": a description set off by a comma right after a
    name describes that agreement, so it takes the name's core (and never its label)."""
    merged = list(mentions)
    for k, mention in enumerate(merged):
        if mention.kind == "named":
            continue
        for j in (k - 1, k - 2):
            name = merged[j] if j >= 0 else None
            if name is None or name.kind != "named" or name.end > mention.start:
                continue
            between = {i for m in merged[j + 1:k] for i in range(m.start, m.end)}
            gap = [t for t in doc[name.end:mention.start] if t.i not in between]
            phrase = {t.i for t in doc[mention.head].subtree}
            gap = _unbracketed(gap)
            if any(t.text == "," for t in gap) and all(
                    t.text in {",", "(", ")"} or t.i in phrase for t in gap):
                merged[k] = replace(mention, core=name.core, kind="descriptive")
                break
    return merged


def _unbracketed(tokens: list[Token]) -> list[Token]:
    """The tokens outside brackets: "(TAC)" after a name is its acronym."""
    out: list[Token] = []
    depth = 0
    for token in tokens:
        depth += token.text == "("
        if depth == 0:
            out.append(token)
        depth -= token.text == ")" and depth > 0
    return out

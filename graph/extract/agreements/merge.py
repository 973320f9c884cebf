"""Agreement mentions that are one agreement: a name and its bracketed acronym, a name
and the description set off after it, a full title and its shortened form.

In: the `NameMention`s of a document, in text order. Out: the same mentions, the
later ones taking the core of the name they stand beside, so that they merge into
its node (the name keeps the label); and `shortened_cores`, which maps a shortened
title ("the Memorandum of Understanding on Wool") to the one full title of the
document it shortens ("... on Cooperation in the Field of Wool and Woollen Products").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .vocab import GENERIC_WORDS, NAME_FUNCTION_WORDS

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


def _distinctive(core: str) -> frozenset[str]:
    """The words of a core that tell one agreement from another, plurals folded."""
    words = (w for w in core.split() if w not in GENERIC_WORDS and w not in NAME_FUNCTION_WORDS)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words)


def shortened_cores(nouns: dict[str, str]) -> dict[str, str]:
    """core -> the longer core it shortens, among one document's cores (each with its head
    noun): same head noun, and every distinctive word of the short one in exactly one
    longer one ("non proliferation treaty" -> "treaty on the non proliferation of nuclear
    weapons"). A core with no distinctive word ("agreement on cooperation") stays apart."""
    words = {core: _distinctive(core) for core in nouns}
    mapping: dict[str, str] = {}
    for core, own in words.items():
        if not own:
            continue
        longer = [other for other, theirs in words.items()
                  if other != core and nouns[other] == nouns[core] and own <= theirs
                  and (len(theirs), len(other), other) > (len(own), len(core), core)]
        if len(longer) == 1:
            mapping[core] = longer[0]
    for core, target in list(mapping.items()):
        while target in mapping:
            target = mapping[target]
        mapping[core] = target
    return mapping

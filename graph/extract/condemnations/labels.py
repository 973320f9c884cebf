"""The words of an event's label: its modifiers, the phrases after it, its clause.

In: the token that heads a condemned event and the tokens already spent on its
agent. Out: lists of words. A label keeps what the text says happened and to
whom or where ("the targeting of the headquarters of the Red Cross in Baghdad",
"the acts of provocation and aggression", "the decision to hold an election")
and drops determiners, dates and words that only say when it was reported.
Phrases are cut at a word budget, never dropped whole for being long.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

LEFT_MOD_DEPS = {"amod", "compound", "nmod", "nummod", "npadvmod", "poss"}
TARGET_PREPS = {"on", "against", "of", "into", "in", "around", "near", "across", "at", "over"}
# Inside a phrase after the head: "of the Red Cross", "in Baghdad", "from North Korea".
PHRASE_PREPS = TARGET_PREPS | {"from", "to", "toward", "towards", "inside", "outside", "within"}
# Words that say when or how it was reported, not what happened. Evaluative words
# ("brutal", "barbaric", "provocative") stay: a label keeps what the text calls the act.
DROP_WORDS = {"latest", "recent", "reported", "alleged", "another", "further", "repeated",
              "continued", "ongoing", "so", "called", "today", "yesterday", "yet", "new",
              "numerous", "several", "full", "scale", "all", "any", "most", "such"}
SKIP_POS = {"DET", "PUNCT", "PART", "CCONJ", "SPACE"}
# The parts of a clause that say what was done: its verb, objects, subject, "by" phrase.
CLAUSE_CORE_DEPS = {"aux", "auxpass", "neg", "nsubj", "nsubjpass", "dobj", "attr", "prt",
                    "xcomp", "agent", "dative", "oprd", "acomp", "prep", "pobj"}
CLAUSE_DEPS = {"acl", "relcl"}
TAIL_WORDS = 12
COMPLEMENT_WORDS = 10
CONDEMN_LEMMAS = {"condemn", "denounce", "deplore", "decry"}


def word(token: Token) -> str:
    return token.text if token.pos_ == "PROPN" else token.text.lower()


def left_words(head: Token, used: set[int]) -> list[str]:
    """The modifiers before a head ("the brutal car bomb attack"), without dates and
    pronoun possessors; a possessor that is not the agent stays ("Bashir's views")."""
    words = []
    for child in head.lefts:
        if child.dep_ not in LEFT_MOD_DEPS or child.i in used or child.ent_type_ == "DATE":
            continue
        if child.dep_ == "poss" and child.pos_ == "PRON":
            continue
        for token in child.subtree:
            if token.pos_ not in SKIP_POS and token.lower_ not in DROP_WORDS and \
                    token.ent_type_ != "DATE" and token.tag_ != "POS":
                words.append(word(token))
    return words


def tail(head: Token, used: set[int]) -> tuple[list[str], str]:
    """The phrases after the head ("on the embassy in Kabul", "of provocation and
    aggression") and the target: the first phrase's object, as its lemma."""
    words: list[str] = []
    target = ""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in TARGET_PREPS or prep.i in used:
            continue
        pobjs = [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ != "DATE"]
        if not pobjs:
            continue
        if not words:
            target = pobjs[0].lemma_.lower()
        words.append(prep.lower_)
        words.extend(phrase(pobjs[0], used, TAIL_WORDS - len(words)))
        if len(words) >= TAIL_WORDS:
            break
    return words[:TAIL_WORDS], target


def phrase(token: Token, used: set[int], budget: int) -> list[str]:
    """A noun phrase's words: modifiers, the noun, its "of"/"in" phrases, conjuncts and
    appositions ("Bainimarama, the interim Fiji Prime Minister"), within `budget`."""
    if budget <= 0:
        return []
    words = [*left_words(token, used), word(token)]
    for child in token.rights:
        if len(words) >= budget:
            break
        if child.i in used or child.ent_type_ == "DATE":
            continue
        if child.dep_ == "prep" and child.lower_ in PHRASE_PREPS:
            objects = [p for p in child.children if p.dep_ == "pobj" and p.ent_type_ != "DATE"]
            if objects:
                words.append(child.lower_)
                words.extend(phrase(objects[0], used, budget - len(words)))
        elif child.dep_ == "conj" and is_own_act(child):
            continue  # "the integrity of Ukraine and the annexation of ...": an act of its own
        elif child.dep_ in {"conj", "appos"} and child.pos_ in {"NOUN", "PROPN"}:
            if child.dep_ == "conj":
                words.extend(c.lower_ for c in child.lefts if c.dep_ == "cc")
            words.extend(phrase(child, used, budget - len(words)))
    return words[:budget]


def complement(head: Token, trigger: Token | None, used: set[int],
               clause: Token | None = None) -> list[str]:
    """The clause that says what the act was ("decision to hold an election"), and a "by"
    phrase whose actor is no country or body ("massacre ... by the Defence Forces").

    `clause` is an infinitive the parser hung on the condemning verb instead of the
    head ("condemn the decisions by X to expand the war").
    """
    out: list[str] = []
    clauses = [clause] if clause is not None else []
    clauses.extend(c for c in head.rights if c.dep_ in CLAUSE_DEPS and
                   c.pos_ in {"VERB", "AUX"})
    for child in clauses:
        if child != trigger and child.lemma_.lower() not in CONDEMN_LEMMAS:
            out.extend(clause_words(child, used, COMPLEMENT_WORDS))
            break
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "by" and child.i not in used:
            words = [word(t) for t in child.subtree if t.pos_ not in {"DET", "PUNCT"}]
            if len(words) <= COMPLEMENT_WORDS // 2:
                out.extend(words)
    return out


def clause_words(verb: Token, used: set[int], budget: int) -> list[str]:
    """A clause's verb with its objects, subject and "by" phrase, in text order
    ("the people ... have been treated by the regime"), without adverbial clauses."""
    picked: list[tuple[int, list[str]]] = [(verb.i, [word(verb)])]
    for child in verb.children:
        if child.dep_ not in CLAUSE_CORE_DEPS or child.i in used or \
                child.tag_ in {"WDT", "WP"}:
            continue
        if child.dep_ in {"aux", "auxpass", "neg", "prt"}:
            picked.append((child.i, [child.lower_]))
        elif child.dep_ in {"prep", "agent"}:
            objects = [p for p in child.children if p.dep_ in {"pobj", "pcomp"}
                       and p.tag_ not in {"WDT", "WP"}]
            if objects:
                picked.append((child.i, [child.lower_, *phrase(objects[0], used, 6)]))
        elif child.pos_ in {"VERB", "AUX"}:
            picked.append((child.i, clause_words(child, used, budget // 2)))
        else:
            picked.append((child.i, phrase(child, used, 6)))
    words = [w for _, ws in sorted(picked) for w in ws]
    return words[:budget]


def is_own_act(token: Token) -> bool:
    """An act noun with its own determiner ("the annexation"): an event of its own when the
    parser coordinates it with a noun inside another event's phrase."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in event_nouns() and any(
        c.dep_ == "det" for c in token.children)


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    return frozenset(noun for noun, _ in nominals().values() if noun)


@lru_cache(maxsize=1)
def nominals() -> dict[str, tuple[str, str]]:
    """Verb lemma -> (event noun, style) from data/event_nominals.tsv."""
    raw = resources.files("graph.data").joinpath("event_nominals.tsv").read_text("utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            verb, noun, style = line.split("\t")
            table[verb] = ("" if noun == "-" else noun, style)
    return table

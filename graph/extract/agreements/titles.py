"""Long descriptive titles: what follows an agreement's head noun as written.

In: a parsed document and the token where a name's head ends. Out: the name's
"between" part ("between the Ministries of Economy of A and B", kept in the label of
a title), its subject ("on emergency cooperation in bilateral trade", part of the
name) and, after a plural head, the items of a list of instruments ("memorandums on
cooperation in transport, communications and IT, and banking" are three
memorandums). Read left to right, because the small model hangs these phrases on the
verb as often as on the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocab import NAME_FUNCTION_WORDS, title_words
from .years import is_year

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_PREPOSITIONS = {"in", "at"}
PARTY_PREPOSITIONS = {"between", "with", "among"}


def is_place(token: Token) -> bool:
    """ "in Manila", "in Nauru": where an agreement was signed or applies, not its name."""
    return token.lower_ in PLACE_PREPOSITIONS and any(
        c.ent_type_ == "GPE" for c in token.children if c.dep_ == "pobj")


# What ends a title's subject or its "between" part: clause and sentence punctuation.
TITLE_STOP_TEXTS = {",", ";", ":", "(", ")", ".", "\"", "“", "”", "—", "–", "which", "that",
                    "who", "signed"}
TITLE_MAX = 24


def grow_tail(doc: Doc, start: int, titled: bool, *, indefinite: bool
               ) -> tuple[list[Token], list[Token]]:
    """What follows a name as written: its parties ("between the Ministries of Economy of
    A and B", kept in the label of a title) and its subject ("on emergency cooperation in
    bilateral trade", part of the name; "to establish ..." only after "a": "expand the
    Treaty to encompass space" is no title). Read left to right, because the parser hangs these
    phrases on the verb as often as on the name. Returns (parties, subject)."""
    if not titled:
        return [], []
    tail = _between_part(doc, start)
    start = tail[-1].i + 1 if tail else start
    topic = _subject_part(doc, start)
    if topic and topic[0].lower_ == "to" and not indefinite:
        topic = []
    if topic and not tail:
        tail = _between_part(doc, topic[-1].i + 1)
    return tail, topic


def _between_part(doc: Doc, start: int) -> list[Token]:
    if start >= len(doc) or doc[start].lower_ != "between":
        return []
    tokens: list[Token] = [doc[start]]
    for token in doc[start + 1:min(len(doc), start + 1 + TITLE_MAX)]:
        if token.is_sent_start or token.lower_ in title_words("topic") - {"for"} \
                or token.lower_ == "for" and not token.nbor(1).text[:1].isupper():
            break
        if token.text == "," and token.i + 1 < len(doc) and _party_start(doc[token.i + 1]):
            tokens.append(token)  # "the Ministry of Energy of A, Naftogaz of A and ..."
            continue
        if token.text in TITLE_STOP_TEXTS or token.pos_ in {"VERB", "AUX"}:
            break
        if not (token.text[:1].isupper() or token.lower_ in NAME_FUNCTION_WORDS
                or token.lower_ in {"'s", "’s"}):
            break
        tokens.append(token)
    while tokens and (tokens[-1].lower_ in NAME_FUNCTION_WORDS or tokens[-1].text == ","):
        tokens.pop()
    content = [t for t in tokens[1:] if t.lower_ not in NAME_FUNCTION_WORDS]
    return tokens if content and not any(is_year(t) for t in content) else []


def _party_start(token: Token) -> bool:
    """Whether a word after a comma goes on a list of parties: a state ("between Chad,
    Sudan"), "the", a ministry, or a named body "of" a state; not a headline's next words
    ("between Chad, Sudan, Hopes Positive ...")."""
    if token.ent_type_ in {"GPE", "NORP"} or token.lower_ == "the" \
            or token.lower_ in title_words("agency"):
        return True
    return token.text[:1].isupper() and token.i + 1 < len(token.doc) \
        and token.nbor(1).lower_ == "of"


def _subject_part(doc: Doc, start: int) -> list[Token]:
    if start >= len(doc) or doc[start].lower_ not in title_words("topic") \
            or doc[start].is_sent_start:
        return []
    first = doc[start]
    if first.lower_ == "to" and (first.i + 1 >= len(doc) or doc[first.i + 1].tag_ != "VB"):
        return []  # "an agreement to establish ...", not "the path to the agreement"
    if first.i + 1 < len(doc) and doc[first.i + 1].lower_ in {"a", "an"}:
        return []  # "for an indefinite term" says how, not what
    tokens = [first]
    for token in doc[start + 1:min(len(doc), start + 1 + TITLE_MAX)]:
        if token.is_sent_start or token.text in TITLE_STOP_TEXTS \
                or token.lower_ in PARTY_PREPOSITIONS:
            break  # "on defence technology with Japan": the partner is not the subject
        if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBG" \
                and not (token.i == start + 1 and first.lower_ == "to"):
            break
        if token.pos_ == "CCONJ" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "DET":
            break  # "on deepening the partnership and a number of other documents"
        if token.pos_ in {"SCONJ", "PRON", "ADV"} or token.ent_type_ in {"DATE", "TIME"} \
                or is_year(token) or is_place(token):
            break
        tokens.append(token)
    while tokens and (tokens[-1].lower_ in NAME_FUNCTION_WORDS or tokens[-1].pos_ in
                      {"CCONJ", "DET", "ADP", "PART", "PUNCT"}):
        tokens.pop()
    content = [t for t in tokens[1:] if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"}]
    return tokens if content else []


# Words that end a list of instruments: "..., as well as other documents on trade".
LIST_STOP_WORDS = {"as", "other", "several", "number", "which", "that", "who", "signed"}
LIST_MAX = 48


def list_items(doc: Doc, start: int) -> list[tuple[list[Token], list[Token]]]:
    """The items of a list after a plural head, each as (shared prefix, item): "on
    cooperation in transport and transit, communications and IT, and banking" ->
    ("on cooperation in", "transport and transit"), (.., "communications and IT"),
    (.., "banking"); "on A and on B" -> ("", "on A"), ("", "on B"); capitalised items
    share only the preposition ("MOUs on Exchanges of Personnel, and Sharing of
    Assessments"). A subject without a comma or a repeated preposition is one item."""
    if start >= len(doc) or doc[start].lower_ not in title_words("topic") - {"to"} \
            or doc[start].is_sent_start:
        return []
    tokens = _list_span(doc, start)
    if len(tokens) < 2:
        return []
    prep = tokens[0].lower_
    cuts = [k for k, t in enumerate(tokens) if k and t.lower_ == prep
            and tokens[k - 1].lower_ in {",", "and"}]
    if cuts:
        bounds = [0, *cuts]
        items = [_trimmed(tokens[a:b]) for a, b in zip(bounds, [*cuts, len(tokens)], strict=True)]
        return [([], item) for item in items if len(item) >= 2]
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    first = _trimmed(tokens[:commas[0]] if commas else tokens)
    if not commas:
        return [([first[0]], first[1:])] if len(first) >= 2 else []
    rest: list[list[Token]] = []
    for a, b in zip(commas, [*commas[1:], len(tokens)], strict=True):
        item = [t for t in tokens[a + 1:b]]
        while item and item[0].lower_ in {"and", "or"}:
            item = item[1:]
        item = _trimmed(item)
        if item:
            rest.append(item)
    if len(first) < 2 or not rest:
        return []
    if all(t.text[:1].isupper() for t in (i[0] for i in rest)):
        prefix = [first[0]]
    else:
        last = max(k for k, t in enumerate(first) if t.pos_ == "ADP")
        prefix = first[:last + 1]
    if len(prefix) >= len(first):
        return []
    return [(prefix, first[len(prefix):]), *((prefix, item) for item in rest)]


def _list_span(doc: Doc, start: int) -> list[Token]:
    tokens: list[Token] = [doc[start]]
    for token in doc[start + 1:min(len(doc), start + LIST_MAX)]:
        if token.is_sent_start or (token.text in TITLE_STOP_TEXTS and token.text != ",") \
                or token.lower_ in LIST_STOP_WORDS or token.lower_ == "between":
            break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBG":
            break
        if token.pos_ == "CCONJ" and token.i + 1 < len(doc) \
                and doc[token.i + 1].lower_ in {"a", "an"}:
            break
        if token.pos_ in {"SCONJ", "PRON"} or token.ent_type_ in {"DATE", "TIME"} \
                or is_year(token) or is_place(token):
            break
        tokens.append(token)
    return _trimmed(tokens)


def _trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].lower_ in NAME_FUNCTION_WORDS or tokens[-1].pos_ in
                      {"CCONJ", "DET", "ADP", "PART", "PUNCT"}):
        tokens = tokens[:-1]
    return tokens

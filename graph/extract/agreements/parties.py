"""Who an agreement rule's noun phrase stands for: states, officials, groups, speakers.

In: a parsed document, its speaker turns and the roles found in it. Out: the
countries (ISO3 and surface) a subject, agent or possessor names: a country or
its capital used for its government, "the Korean government", an official by
role ("President Biden") or by title ("Japanese Defense Minister Kihara"),
"the two allies" (the states the nearby text names) and "our two countries"
(the speaker's country and its counterpart).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...dates import document_month, document_year
from ...gazetteer import normalize_name
from ...types import Document, Role
from ..common import country_of_span
from ..context.meeting import meeting_states
from ..context.speakers import Turn, find_turns, turn_at
from ..docindex import index_of
from .syntax import RELATIVE_PRONOUNS, SUBJECT_DEPS
from .vocab import load_name_data, title_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Agencies of a state: "the Korean government" acts for Korea.
GOVERNMENT_NOUNS = {"government", "administration", "side", "delegation", "state", "nation",
                    "country", "leader", "president", "minister"}
# Titles of officials: "U.S. President Biden", "Japanese Defense Minister Kihara" act for
# the country in the title.
TITLE_NOUNS = {"president", "minister", "secretary", "chancellor", "premier", "ambassador",
               "envoy", "king", "queen", "emperor", "leader", "chief", "spokesperson",
               "spokesman", "spokeswoman", "adviser", "advisor", "counselor", "general",
               "admiral", "commander", "representative", "foreign", "defense", "prime"}
# "call on X to meet ...", "urge X to honour ...": the controller is the actor.
CONTROL_PREPOSITIONS = {"on", "upon"}
# How many "of" phrases a title may pass to reach its country ("Minister of X of Japan").
OF_CHAIN = 3
FIRST_PERSON = {"we", "us", "our", "i", "my"}
# "the two countries", "both governments": a group of states the nearby text names.
GROUP_NOUNS = {"country", "nation", "government", "side", "neighbor", "neighbour", "ally",
               "partner"}
GROUP_SIZES = {"both": 2, "two": 2, "three": 3}
# How many sentences back a group noun may look for the states it stands for.
GROUP_WINDOW = 8
TITLE_DEPS = {"compound", "amod", "nmod"}
# Who signs for the meeting's two states: "the parties", "both sides", "the two leaders",
# "the heads of state", "the Russian and Turkmenistani representatives".
COLLECTIVE_NOUNS = {"party", "side", "leader", "head", "president", "minister", "representative",
                    "delegation", "government", "country", "state", "official", "counterpart",
                    "premier", "chancellor", "secretary", "ambassador", "nation", "sides"}
# Children of an agency noun that name its state: "Australia's Department", "the Ministry of
# Economy of Ukraine", "the Russian Ministry", "IP Australia".
AGENCY_DEPS = {"poss", "compound", "amod", "nmod"}


def noun_base(token: Token) -> str:
    """A noun's singular, lower case, also where the tagger made it a proper noun
    ("Ministries" -> "ministry")."""
    word = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Context:
    """What the rules need besides the parse: speaker turns and officials' countries."""

    def __init__(self, document: Document, doc: Doc, roles: tuple[Role, ...]) -> None:
        self.doc = doc
        self.doc_year = document_year(document.date)
        self.doc_month = document_month(document.date)
        self.turns: tuple[Turn, ...] = find_turns(document.body)
        self.roles = roles
        self.ents = {t.i: ent for ent in doc.ents for t in ent}
        self.meeting: tuple[str, ...] = meeting_states(document, doc)

    def speaker_country(self, token: Token) -> tuple[str, str] | None:
        """The country of the official whose transcript turn holds `token`."""
        turn = turn_at(self.turns, token.idx) if self.turns else None
        if turn is None or not turn.is_person or not turn.words:
            return None
        return self._person_country(turn.words[-1])

    def _person_country(self, name: str) -> tuple[str, str] | None:
        word = name.casefold()
        for role in self.roles:
            names = (role.person.label, *role.person.aliases)
            if any(word in n.casefold().replace("-", " ").split() for n in names):
                return role.country.key, role.country.label
        return None

    def countries(self, token: Token) -> list[tuple[str, str]]:
        """The countries a noun phrase (and its conjuncts) stands for."""
        members = [token, *token.conjuncts]
        for member in list(members):  # "Defense Minister Shin, U.S. Secretary Austin and ..."
            for appos in member.children:
                if appos.dep_ == "appos" and appos.i not in {m.i for m in members}:
                    members.extend((appos, *appos.conjuncts))
        found: list[tuple[str, str]] = []
        seen: set[int] = set()
        for member in members:
            if member.i not in seen:
                seen.add(member.i)
                found.extend(self._countries_one(member))
        return found

    def _countries_one(self, token: Token) -> list[tuple[str, str]]:
        if token.lower_ in FIRST_PERSON:
            speaker = self.speaker_country(token)
            return [speaker] if speaker else []
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.countries(token.head.head)  # "Britain, which remains a party to ..."
        if token.lower_ in {"it", "they"} and token.dep_ == "nsubj" and token.head.dep_ == "ccomp":
            # "Iran said it would ...": the pronoun is the reporting subject.
            return [c for s in token.head.head.children if s.dep_ in SUBJECT_DEPS
                    and s.lower_ not in {"it", "they"} for c in self.countries(s)]
        group = self._group(token)
        if group is not None:
            return group
        phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "det")
        if phrase in load_name_data().party_words and token.lower_ != phrase:
            return [(iso3, "") for iso3 in load_name_data().party_words[phrase]]
        ent = self.ents.get(token.i)
        if ent is not None:
            country = country_of_span(ent, allow_demonym=False, allow_capital=True)
            if country is not None:
                return [(country.key, normalize_name(ent.text))]
        if token.pos_ == "PROPN" or token.lemma_.lower() in TITLE_NOUNS:
            # an official: by the roles found, else by the country in the title
            person = self._person_country(token.text) if token.pos_ == "PROPN" else None
            person = person or self._title_country(token)
            if person is not None:
                return [person]
        if noun_base(token) in title_words("agency"):
            agency = self._agency_countries(token)
            if agency:
                return agency
        if token.lemma_.lower() in GOVERNMENT_NOUNS:
            for child in token.children:
                if child.dep_ not in {"compound", "amod", "poss", "nmod"}:
                    continue
                found = []  # "the British and Irish governments"
                for word in (child, *child.conjuncts):
                    country = country_of_span(self.ents[word.i], allow_demonym=True) \
                        if word.i in self.ents else None
                    if country is not None:
                        found.append((country.key, normalize_name(self.ents[word.i].text)))
                if found:
                    return found
        return []

    def _agency_countries(self, token: Token) -> list[tuple[str, str]]:
        """ "the Ministry of Economy of Ukraine", "Australia's Department of Education",
        "the Ministries of Economy of Ukraine and Azerbaijan": the states of an agency, named
        in its possessor, its modifiers or its "of" phrases (not in its conjuncts)."""
        own = {t.i for t in token.subtree} - {t.i for c in token.children if c.dep_ == "conj"
                                              for t in c.subtree}
        found: list[tuple[str, str]] = []
        for i in sorted(own):
            word = self.doc[i]
            ent = self.ents.get(i)
            if ent is None or ent.start != i:
                continue
            path_ok = word.dep_ in AGENCY_DEPS or (word.dep_ in {"pobj", "conj"} and any(
                a.lower_ == "of" for a in word.ancestors if a.i in own))
            country = country_of_span(ent, allow_demonym=True) if path_ok else None
            if country is not None:
                found.append((country.key, normalize_name(ent.text)))
        return found

    def is_non_state(self, token: Token) -> bool:
        """Whether a party phrase names no state but a company, a bank or an organisation
        ("BBI Group", "Naftogaz of Ukraine", "the IAEA"): an instrument with it is no
        agreement between states."""
        if self._countries_one(token):
            return False
        words = {noun_base(t) for t in token.subtree if t.dep_ != "conj"}
        if words & title_words("company"):
            return True
        ent = self.ents.get(token.i)
        return token.pos_ == "PROPN" and ent is not None and ent.label_ in {"ORG", "GPE"} \
            and token.lemma_.lower() not in COLLECTIVE_NOUNS | GOVERNMENT_NOUNS

    def is_collective(self, token: Token) -> bool:
        """ "the parties", "both sides", "the two leaders", "we": signers that stand for
        the meeting's states when the document reports a meeting."""
        if token.lower_ in {"we", "they"}:
            return not self.speaker_country(token)
        return noun_base(token) in COLLECTIVE_NOUNS and (  # "the Prime Ministers" as PROPN
            token.tag_ in {"NNS", "NNPS"} or any(c.lower_ in {"both", "two"}
                                                 for c in token.children))

    def _title_country(self, token: Token) -> tuple[str, str] | None:
        """ "U.S. President Biden", "Japanese Defense Minister Kihara": the country named in
        an official's title (the words before the name, which must hold a title noun)."""
        words = [t for left in token.lefts if left.dep_ in TITLE_DEPS for t in left.subtree]
        if not any(t.lemma_.lower() in TITLE_NOUNS for t in (*words, token)):
            return None
        for word in words:
            ent = self.ents.get(word.i)
            country = country_of_span(ent, allow_demonym=True) if ent is not None else None
            if country is not None:
                return country.key, normalize_name(ent.text) if ent is not None else ""
        return self._of_country(token) if token.lemma_.lower() in TITLE_NOUNS else None

    def _of_country(self, title: Token) -> tuple[str, str] | None:
        """ "the President of the State of Eritrea", "the Minister of Foreign Affairs of
        Japan": the country of an "of" chain after a title noun."""
        node = title
        for _ in range(OF_CHAIN):
            pobj = next((p for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None:
                return None
            ent = self.ents.get(pobj.i)
            country = country_of_span(ent, allow_demonym=False) if ent is not None else None
            if country is not None and ent is not None:
                return country.key, normalize_name(ent.text)
            node = pobj
        return None

    def _speaker_group(self, token: Token, size: int) -> list[tuple[str, str]] | None:
        """ "our two countries" in a speaker's turn: the speaker's country and the
        counterpart (the other speakers' country, else the nearest other state named)."""
        speaker = self.speaker_country(token)
        if speaker is None:
            return None
        others: dict[str, str] = {}
        for turn in self.turns:
            if turn.is_person and turn.words:
                country = self._person_country(turn.words[-1])
                if country is not None and country[0] != speaker[0]:
                    others.setdefault(*country)
        if len(others) != size - 1:
            others = {}
            for sent in reversed(self._window(token)):
                for iso3, surface in self._named(sent).items():
                    if iso3 != speaker[0]:
                        others.setdefault(iso3, surface)
                if len(others) >= size - 1:
                    break
        if len(others) != size - 1:
            return []
        return sorted({speaker[0]: speaker[1], **others}.items())

    def _window(self, token: Token) -> list[Span]:
        found = index_of(self.doc)
        number = found.sent_number(token.i)
        return list(found.sents[max(0, number - GROUP_WINDOW):number + 1])

    def _named(self, sent: Span) -> dict[str, str]:
        """The states a sentence names: countries, capitals for governments, and
        demonyms in officials' titles ("South Korean President Yoon")."""
        named: dict[str, str] = {}
        for ent in index_of(sent.doc).ents_in(sent):
            demonym = ent.root.head.lemma_.lower() in TITLE_NOUNS and ent.root.dep_ in TITLE_DEPS
            country = country_of_span(ent, allow_demonym=demonym, allow_capital=True)
            if country is not None:
                named.setdefault(country.key, normalize_name(ent.text))
        return named

    def _group(self, token: Token) -> list[tuple[str, str]] | None:
        """ "the two countries": the states of the nearest sentence (this one, then up to
        GROUP_WINDOW before it) that names exactly that many; None if not a group noun."""
        if token.lemma_.lower() not in GROUP_NOUNS or token.tag_ != "NNS":
            return None
        sizes = [GROUP_SIZES[c.lower_] for c in token.children
                 if c.dep_ in {"nummod", "det", "predet"} and c.lower_ in GROUP_SIZES]
        if not sizes:
            return None
        if any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in token.children):
            speakers = self._speaker_group(token, sizes[0])
            if speakers is not None:
                return speakers
        for sent in reversed(self._window(token)):
            named = self._named(sent)
            if len(named) == sizes[0]:
                return sorted(named.items())
        return []

    def actors(self, verb: Token) -> list[tuple[str, str]]:
        """Who does `verb`: its subjects, its passive agents, or the one it is asked of."""
        found: list[tuple[str, str]] = []
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        for child in verb.children:
            if child.dep_ == "agent":
                subjects.extend(c for c in child.children if c.dep_ == "pobj")
        if not subjects and verb.dep_ in {"conj", "advcl"}:
            return self.actors(verb.head)  # "X signed and ratified it", "X works to meet it"
        if not subjects and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            return self.actors(verb.head.head)  # "X and Y mark 70 years since signing it"
        if not subjects and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # "its call on X to honour": the noun's "on" names who is asked
            subjects = [p for c in verb.head.children
                        if c.dep_ == "prep" and c.lower_ in CONTROL_PREPOSITIONS
                        for p in c.children if p.dep_ == "pobj"]
        if not subjects and verb.dep_ == "xcomp":
            controller = [c for c in verb.head.children if c.dep_ == "dobj"]
            # "reiterates its call on X to fulfil": the call's "on" names who is asked
            controller += [p for d in list(controller) for c in d.children
                           if c.dep_ == "prep" and c.lower_ in CONTROL_PREPOSITIONS
                           for p in c.children if p.dep_ == "pobj"]
            controller += [p for c in verb.head.children
                           if c.dep_ == "prep" and c.lower_ in CONTROL_PREPOSITIONS
                           for p in c.children if p.dep_ == "pobj"]
            if not controller:
                return self.actors(verb.head)  # "X will keep working to meet it"
            subjects = controller
        for subject in subjects:
            found.extend(self.countries(subject))
        return found

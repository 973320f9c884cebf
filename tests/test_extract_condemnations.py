"""Condemnation extraction through the real pipeline: small sentences, expected claims.

Each case lists the events expected, as (words the event label contains, keys of
the condemners, key of the agent). An empty list means nothing is a condemnation.
"""

from __future__ import annotations

import pytest

from graph.extract.common import country_entity
from graph.extract.condemnations import RULES, extract_condemnations
from graph.types import Entity, Evidence, Role

_EV = Evidence("roles", "", 0, 0, "test")


def _role(key: str, label: str, aliases: tuple[str, ...], title: str, iso3: str) -> Role:
    return Role(Entity("Person", key, label, aliases), title, country_entity(iso3), _EV)


BLINKEN = _role("blinken", "Antony Blinken", ("Secretary Blinken",), "Secretary of State", "USA")
CHO = _role("cho tae-yul", "Cho Tae-yul", ("Minister Cho",), "Foreign Minister", "KOR")
ROLES = (BLINKEN, CHO)

CASES = [
    # Unnamed officials: the countries of the roles named so far; a number must match.
    ("Blinken and Cho met in Seoul. The two ministers strongly condemned Iran's seizure of "
     "the tanker.", [("seizure tanker", {"USA", "KOR"}, "IRN")]),
    ("The two ministers spoke on Monday. The ministers also denounced Russia's attack on "
     "the port.", [("attack port", {"USA", "KOR"}, "RUS")]),
    ("The defence chiefs of Germany, France and Italy met in Rome. The three ministers "
     "condemned Iran's seizure of the tanker.", [("seizure tanker", {"DEU", "FRA", "ITA"},
                                                  "IRN")]),
    ("The five leaders condemned Iran's seizure of the tanker.", []),
    ("The Secretary condemned Russia's missile strike on the hospital.",
     [("strike hospital", {"USA"}, "RUS")]),  # an official speaks for the state
    # "we" in a government's release is the country that speaks elsewhere in it.
    ("The United States condemns Iran's seizure of the tanker. We also condemn Iran's "
     "detention of the crew.", [("seizure tanker", {"USA"}, "IRN"),
                                ("detention crew", {"USA"}, "IRN")]),
    # A possessed act the parser hung on a name inside the first object is its own event.
    ("Japan condemns Iran's sale of drones to Russia and Russia's use of the drones "
     "against Ukraine.", [("sale drones", {"JPN"}, "IRN"), ("use drones", {"JPN"}, "RUS")]),
    ("Japan condemns Iran's sale of drones to Russia and Belarus.",
     [("sale drones", {"JPN"}, "IRN")]),
    ('Japan says it will respond. "We condemn the attack on the ship," an official said.',
     []),
    # A bare surname is the one role person with that name.
    ("On Monday, Cho and Blinken condemned the DPRK's nuclear test.",
     [("nuclear test", {"KOR", "USA"}, "PRK")]),
    # "this launch" takes label and agent from the clause that reported the launching.
    ("North Korea launched a ballistic missile on Monday. Japan strongly condemns this "
     "launch, which threatens the region.", [("missile launch", {"JPN"}, "PRK")]),
    # Active verbs: the subject condemns the object; possessor or "by" is the agent.
    ("The United States condemns North Korea's ballistic missile launch.",
     [("missile launch", {"USA"}, "PRK")]),
    ("Japan and South Korea strongly condemned the DPRK's nuclear test.",
     [("nuclear test", {"JPN", "KOR"}, "PRK")]),
    ("The UN Security Council condemned in the strongest terms the attack on the embassy "
     "by Hamas.", [("attack embassy", {"UNSC"}, "hamas")]),
    ("NATO denounced Russia's invasion of Ukraine.",
     [("invasion ukraine", {"NATO"}, "RUS")]),
    ("The European Union deplored the killing of civilians by Russian forces in Bucha.",
     [("killing civilians", {"EU"}, "RUS")]),
    ("Germany decried the shelling of Kharkiv by Russian troops.",
     [("shelling kharkiv", {"DEU"}, "RUS")]),
    ("South Korea's foreign ministry denounced Pyongyang's latest nuclear test.",
     [("nuclear test", {"KOR"}, "PRK")]),
    ("The G7 strongly criticized China's military drills around Taiwan.",
     [("drills", {"G7"}, "CHN")]),
    # Actor "for" act.
    ("The United States condemned North Korea for launching a ballistic missile.",
     [("missile launch", {"USA"}, "PRK")]),
    ("France condemned Iran for its seizure of the oil tanker.",
     [("seizure tanker", {"FRA"}, "IRN")]),
    # The object is a violation; the act sits in a modifier, or beside it.
    ("Australia denounced another breach of Security Council resolutions with the missile "
     "launch by North Korea.", [("missile launch", {"AUS"}, "PRK")]),
    ("Canada condemned the DPRK's missile launch, yet another violation of UN Security "
     "Council resolutions.", [("missile launch", {"CAN"}, "PRK")]),
    # Passives and participles with a "by" condemner.
    ("The launch by North Korea was condemned by the Security Council.",
     [("launch", {"UNSC"}, "PRK")]),
    ("The missile test, condemned by NATO, violated several resolutions.",
     [("missile test", {"NATO"}, None)]),
    ("The UN Security Council met on Monday. The attack on peacekeepers was condemned by "
     "the council.", [("attack peacekeepers", {"UNSC"}, None)]),
    # Nouns: "condemnation of", "drew condemnation from".
    ("Japan expressed its strong condemnation of Russia's invasion of Ukraine.",
     [("invasion", {"JPN"}, "RUS")]),
    ("North Korea's nuclear test drew condemnation from Japan and the European Union.",
     [("nuclear test", {"JPN", "EU"}, "PRK")]),
    ("The condemnation by France of the military coup in Niger was swift.",
     [("coup", {"FRA"}, None)]),
    # "we" and "it": quoted speaker, joint statement authors, appositive body.
    ('"We strongly condemn the missile launch by North Korea," Japanese Prime Minister '
     "Fumio Kishida said.", [("missile launch", {"JPN"}, "PRK")]),
    ("Japan said it condemned the missile launch by North Korea.",
     [("missile launch", {"JPN"}, "PRK")]),
    ("Joint Statement of the United States and Japan\n\nWe condemn Russia's attack on the "
     "Kakhovka dam.", [("attack dam", {"USA", "JPN"}, "RUS")]),
    ("We, the leaders of the G7, condemn Iran's seizure of the tanker.",
     [("seizure tanker", {"G7"}, "IRN")]),
    # Transcripts: the speaker's country (roles, or the label's own words).
    ("FOREIGN MINISTER HAYASHI OF JAPAN: We also condemn the launch by North Korea.",
     [("launch", {"JPN"}, "PRK")]),
    ("SECRETARY BLINKEN: Today, we condemn the DPRK’s missile launch.",
     [("missile launch", {"USA"}, "PRK")]),
    ("MINISTER CHO: I strongly condemn the attack on the embassy.",
     [("attack embassy", {"KOR"}, None)]),
    ("MODERATOR: Welcome to the joint press availability.\nFOREIGN MINISTER CHO: We "
     "condemned today's ballistic missile launch by the DPRK.\nSECRETARY BLINKEN: Thank you.",
     [("missile launch", {"KOR", "USA"}, "PRK")]),
    ("Secretary Blinken denounced the detention of journalists by Iran.",
     [("detention journalists", {"USA"}, "IRN")]),
    # Participles and relative clauses take the subject of the clause they hang on.
    ("Japan issued a statement condemning North Korea's missile launch.",
     [("missile launch", {"JPN"}, "PRK")]),
    ("Japan, which condemned the nuclear test by North Korea, called for restraint.",
     [("nuclear test", {"JPN"}, "PRK")]),
    ("The Foreign Ministry of China strongly condemns the sanctions by the United States.",
     [("sanctions", {"CHN"}, "USA")]),
    # A pointing object ("it", "this act") is the act the previous sentence reported.
    ("North Korea conducted a nuclear test on Sunday. The United States condemns it in the "
     "strongest terms.", [("nuclear test", {"USA"}, "PRK")]),
    ("North Korea launched a ballistic missile. Japan strongly condemns this act.",
     [("missile launch", {"JPN"}, "PRK")]),
    # Held-out kinds: statements by unnamed groups, "they", headings, armed groups.
    ("We, the G7 Foreign Ministers of Canada, France and Japan, condemn in the strongest "
     "possible terms North Korea's launch of an intercontinental ballistic missile.",
     [("launch missile", {"G7", "CAN", "FRA", "JPN"}, "PRK")]),  # the group and its members
    ("The following statement was issued by Council President Mohamed Abdelaziz (Egypt):\n\n"
     "The members of the Security Council condemned the terrorist attack in Kabul.",
     [("terrorist attack", {"UNSC"}, None)]),
    ("Joint Statement of the Foreign Ministers of Japan, the Republic of Korea and the United "
     "States\n\nThe ministers met in Tokyo. The ministers condemned the DPRK's nuclear test and "
     "the ballistic missile launches. They also condemned Russia's war of aggression.",
     [("nuclear test", {"JPN", "KOR", "USA"}, "PRK"),
      ("missile launch", {"JPN", "KOR", "USA"}, "PRK"),
      ("war aggression", {"JPN", "KOR", "USA"}, "RUS")]),
    ("G7 Foreign Ministers' Statement on North Korea\n\nThe ministers met in Berlin. We "
     "strongly condemn North Korea's nuclear test.", [("nuclear test", {"G7"}, "PRK")]),
    ("Japan and South Korea met in Seoul. They condemned the attack on the embassy.",
     [("attack embassy", {"JPN", "KOR"}, None)]),
    ("The United States condemned the Houthis' attacks on commercial shipping in the Red Sea.",
     [("attacks shipping", {"USA"}, "houthis")]),
    ("Britain deplored Hamas' attack on Israel and the taking of hostages.",
     [("attack israel", {"GBR"}, "hamas"), ("taking hostages", {"GBR"}, "hamas")]),
    ("The launch drew condemnation from the European Union, whose spokesperson called it "
     "reckless.", [("launch", {"EU"}, None)]),
    # Authors from the opening: "We, the ... of A and B", "released by A and B on ...".
    ("We, the Presidents of Chile and Peru, meeting in Lima, strongly condemn the bombing of "
     "the hospital in Kharkiv. The parties deplore the shelling of the port.",
     [("bombing hospital", {"CHL", "PER"}, None), ("shelling port", {"CHL", "PER"}, None)]),
    ("The following statement was released by the Foreign Ministers of Spain and Portugal on "
     "the crisis in Sudan.\nWe condemn the attack on the aid convoy.",
     [("attack convoy", {"ESP", "PRT"}, None)]),
    # Collective subjects: a title and a title of two authors.
    ("Joint Statement by the United States, Japan and the Republic of Korea\n\nThe "
     "Secretary and the Foreign Ministers condemned the attack on the ferry.",
     [("attack ferry", {"USA", "JPN", "KOR"}, None)]),
    # Offices of international organisations speak for the organisation.
    ("Secretary-General Ban Ki-moon condemned the bombing of the school in Aleppo.",
     [("bombing school", {"UN"}, None)]),
    ("The OIC Secretary General condemned the attack on the mosque in Kabul.",
     [("attack mosque", {"OIC"}, None)]),
    ("The North Atlantic Council condemned the attack on the convoy.",
     [("attack convoy", {"NATO"}, None)]),
    ("The NATO nations condemn the attack on the convoy.",
     [("attack convoy", {"NATO"}, None)]),
    # The label keeps its complement: what was decided, what the attack did, by whom.
    ("France condemns the junta's decision to dissolve the parliament.",
     [("decision dissolve parliament", {"FRA"}, None)]),
    ("The EU condemned the attack that killed two aid workers near Goma.",
     [("attack killed workers", {"EU"}, None)]),
    ("Canada condemns the massacre of villagers by the militia fighters.",
     [("massacre villagers militia", {"CAN"}, None)]),
    # A class of acts is no event; what it is "including" is.
    ("Brazil and Chile condemned all forms of aggression, including Russia's invasion of "
     "Georgia.", [("invasion", {"BRA", "CHL"}, "RUS")]),
    # Not condemnations.
    ("Japan condemns terrorism in all its forms and manifestations.", []),
    ("Australia and Chile condemned hate speech.", []),
    ("They condemned the attack on the embassy.", []),  # "they" with no one to refer to
    ("China refused to condemn the launch and called on all parties to exercise restraint.",
     []),
    ("A State Department spokesperson called on Beijing to condemn Pyongyang's provocations.",
     []),
    ("Russia also failed to condemn the launch.", []),
    ("The strikes drew widespread condemnation in the region.", []),
    ("Asked whether Beijing condemned the Houthi attacks, a Chinese spokesperson said China "
     "was concerned.", []),
    ("QUESTION: Mr. Secretary, do you condemn China's military drills around Taiwan? And "
     "Minister, will Japan condemn the drills?", []),
    ("The weather was bad. Japan condemned the move.", []),  # nothing to point back to
    ("The spokesperson said China deplores the move.", []),  # "the move" is anaphoric
    ("Japan urged all states to condemn the launch.", []),
    ("Japan called for the condemnation of the attack.", []),
    # A violation that is the object is an event; an act coordinated inside it is another.
    ("Japan deplored the violation of the sovereignty of Moldova by Russia and the "
     "annexation of parts of its territory.",
     [("violation sovereignty", {"JPN"}, "RUS"), ("annexation parts", {"JPN"}, "RUS")]),
    # "violation of sovereignty and territorial integrity": what was violated, one event.
    ("Kenya reiterated its strong condemnation of the clear violation of sovereignty and "
     "territorial integrity of its neighbours.", [("violation sovereignty", {"KEN"}, None)]),
    # A subject the parser hid in a clausal subject ("leaders holding a summit").
    ("African Union leaders holding an emergency summit about the drought are condemning "
     "a deadly attack on the embassy.", [("attack embassy", {"AU"}, None)]),
    # "It" after a sentence whose subject is a body, or a body's document.
    ("Russia's draft resolution was circulated on Friday. It strongly condemned the "
     "shelling of villages near the border.", [("shelling villages", {"RUS"}, None)]),
    # List items after the object that the parser hung on the subject are objects.
    ("The Polish delegation presented a short draft. It also condemned cross-border "
     "shelling, the flow of foreign fighters and the illegal movement of weapons from the "
     "north.", [("flow fighters", {"POL"}, None), ("movement weapons", {"POL"}, None)]),
    # "We" in a quote that opened in an earlier sentence is the quoted official's.
    ('The Bulgarian foreign ministry wrote "Our hearts are with the families of the '
     'victims of the attack on the Sofia market. We condemn these cowardly acts of '
     'violence."', [("attack market", {"BGR"}, None)]),
    ("If North Korea conducts a nuclear test, Japan will condemn it.", []),
    ("The United States did not condemn the strike.", []),
    ("Japan never condemned the strike.", []),
    ("France refused to condemn the coup.", []),
    ("Canada would condemn any attack on its allies.", []),
    ("Japan expressed concern over the missile launch.", []),
    ("Japan regrets the decision by Russia to withdraw from the treaty.", []),
    ("Japan called for restraint after the clashes.", []),
    ("The United States criticized the decision.", []),
    ("Does the United States condemn the strike on the hospital?", []),
    ("There was no condemnation of the launch from China.", []),
    ("QUESTION: Many countries condemn the strike on the hospital.\n"
     "SECRETARY BLINKEN: Thank you.", []),
    ("We condemn the launch.", []),  # no speaker, no author: "we" is unknown
]


def _summary(items) -> list[tuple[str, set[str], str | None]]:
    events: dict[str, tuple[str, set[str], str | None]] = {}
    for item in items:
        agent = item.event.key.split("|")[0] or None
        label, condemners, _ = events.setdefault(item.event.key,
                                                 (item.event.label.lower(), set(), agent))
        condemners.add(item.condemner.key)
    return list(events.values())


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_condemnations_table(parse, text, expected):
    document, doc = parse(text)
    found = _summary(extract_condemnations(document, doc, roles=ROLES))
    assert len(found) == len(expected), found
    for words, condemners, agent in expected:
        match = [f for f in found
                 if all(w.rstrip("s") in f[0] for w in words.split())]
        assert match, (words, found)
        assert match[0][1] == condemners, (words, found)
        assert match[0][2] == agent, (words, found)


def test_condemnations_table_is_large_enough():
    assert len(CASES) >= 30
    assert sum(1 for _, expected in CASES if not expected) >= 10


@pytest.mark.parametrize(("title", "body", "words", "agent"), [
    ("Statement on North Korea's Ballistic Missile Launch on May 5",
     "The Government of Japan condemns in the strongest terms this provocation.",
     "missile launch", "PRK"),
    ("Ambassador summoned over nuclear test",
     "The minister stressed the UK's condemnation of the DPRK's actions.", "nuclear test",
     "PRK"),
])
def test_condemnations_unnamed_act_is_the_title_act(nlp, title, body, words, agent):
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=body, source="t.txt", title=title,
                                       date="2024-05-06"))
    (item,) = extract_condemnations(document, nlp(document.body))
    assert all(w in item.event.label.lower() for w in words.split()), item.event.label
    assert item.event.key.split("|")[0] == agent
    assert item.evidence.rule == "condemn.title-event.v1"


def test_condemnations_title_event_without_the_news_site(nlp):
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(
        id="t", text="Germany condemns this act.", source="t.txt",
        title="Chancellor Condemns Market Bombing – The Daily Planet", date="2024-05-06"))
    (item,) = extract_condemnations(document, nlp(document.body))
    assert item.event.label == "Market Bombing"


def test_condemnations_one_event_node_across_sentences(parse):
    text = ("SECRETARY BLINKEN: We condemn the DPRK's missile launch. In relation to the DPRK, "
            "we denounce yet another breach of resolutions with the reported missile launch.\n"
            "MINISTER CHO: We also condemn the missile launch by North Korea.")
    document, doc = parse(text)
    items = extract_condemnations(document, doc, roles=ROLES)
    assert {i.event.key for i in items} == {"PRK|missile launch||"}
    assert {i.condemner.key for i in items} == {"USA", "KOR"}
    assert len(items) == 2  # one claim per (event, condemner)


def test_condemnations_date_from_document_date(parse):
    document, doc = parse("Seoul condemned yesterday's launch by the DPRK.", date="2025-01-06")
    (item,) = extract_condemnations(document, doc)
    assert item.date == "2025-01-05"
    assert item.event.key.endswith("|2025-01-05")


def test_condemnations_date_unknown_without_document_date(parse):
    document, doc = parse("Seoul condemned today's launch by the DPRK.")
    (item,) = extract_condemnations(document, doc)
    assert item.date is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The Security Council condemned the terrorist attack in Kabul, Afghanistan, on 5 "
     "September 2022, in front of the embassy.", "2022-09-05"),
    ("Japan condemned North Korea's nuclear test of September 2017.", None),  # no day
    ("Britain deplored Hamas' attack on Israel on Oct. 7.", "2022-10-07"),
    ("South Korea on Tuesday condemned North Korea's missile launch.", None),  # condemning day
])
def test_condemnations_date_needs_a_day(parse, text, expected):
    document, doc = parse(text, date="2023-04-18")
    (item,) = extract_condemnations(document, doc)
    assert item.date == expected


def test_condemnations_explicit_date(parse):
    document, doc = parse("Japan condemns North Korea's missile launch on January 5.",
                          date="2025-01-07")
    (item,) = extract_condemnations(document, doc)
    assert item.date == "2025-01-05"


def test_condemnations_evidence_names_a_registered_rule(parse):
    document, doc = parse("NATO denounced Russia's invasion of Ukraine. The launch was "
                          "condemned by the Security Council.")
    items = extract_condemnations(document, doc)
    assert len(items) == 2
    for item in items:
        assert item.evidence.rule in RULES
        assert item.evidence.sentence in document.body
    assert all(name.endswith(".v1") for name in RULES)


def test_condemnations_speaker_country_from_the_text_without_roles(parse):
    text = ("FOREIGN MINISTER CHO: I am Cho Tae-yul, the foreign minister of Korea. We condemn "
            "the missile launch by North Korea.")
    document, doc = parse(text)
    (item,) = extract_condemnations(document, doc)
    assert (item.condemner.key, item.agent.key) == ("KOR", "PRK")


def test_condemnations_unknown_speaker_gives_nothing(parse):
    document, doc = parse("SECRETARY BLINKEN: We condemn the missile launch by North Korea.")
    assert extract_condemnations(document, doc) == ()


@pytest.mark.parametrize("url, expected", [
    ("https://pmtranscripts.pmc.gov.au/release/transcript-1", ("Country", "AUS")),
    ("https://www.beehive.govt.nz/release/x", ("Country", "NZL")),
    ("http://en.kremlin.ru/events/president/news/1", ("Country", "RUS")),
    ("https://eeas.europa.eu/headquarters/x", ("Organization", "EU")),
    ("https://press.un.org/en/2020/sgsm1.doc.htm", ("Organization", "UN")),
    ("https://reliefweb.int/report/x", None),
    ("https://www.reuters.com/world/x", None),
    ("https://example.org/x", None),
    (None, None),
    ("http://[::1", None),
])
def test_context_publisher_from_the_web_address(url, expected):
    from graph.extract.context.publisher import publisher_of
    from graph.types import Document

    found = publisher_of(Document(id="d", text="", source="d.txt", url=url))
    assert (None if found is None else (found.kind, found.key)) == expected


def test_context_publisher_domains_name_known_states_and_organisations():
    from graph.extract.context.publisher import _domains
    from graph.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for domain, (kind, key) in _domains().items():
        assert kind in {"Country", "Organization", "none"}, domain
        if kind == "Country":
            assert key in gazetteer.countries, domain
        elif kind == "Organization":
            assert key in gazetteer.organizations, domain


# Constructions of real statements and transcripts: (text, web address, expected events).
CONTEXT_CASES = [
    # An object after a verb coordinated with "condemned" is that verb's (list-like parse).
    ("Japan condemned the regime's violence against protesters and committed to support the "
     "cessation of hostilities, the release of prisoners and a return to dialogue.", None,
     [("violence protesters", {"JPN"}, None)]),
    # A long complement is cut, not dropped: the label says what was decided.
    ("We denounce the junta's decision to hold a referendum outside of the framework set out "
     "in the peace accords of 2015.", "https://www.beehive.govt.nz/release/w",
     [("decision hold referendum", {"NZL"}, None)]),
    # The phrases after the head stay in the label ("of the offices ... in Kharkiv").
    ("Canada deplores the shelling of the offices of the World Food Programme in Kharkiv.",
     None, [("shelling offices kharkiv", {"CAN"}, None)]),
    # "this senseless attack" is the attack a sentence before described.
    ("The attack on a school in Kano killed ten pupils. Canada condemns this senseless "
     "attack.", None, [("attack school kano", {"CAN"}, None)]),
    # "the country's actions" points back to the act reported just before.
    ("The launch of a ballistic rocket by North Korea alarmed the region. Japan and Canada "
     "condemned the country's dangerous actions.", None,
     [("launch rocket", {"JPN", "CAN"}, "PRK")]),
    # A state body whose name the tokenizer glued to an abbreviation is the state.
    ("The Government of Republic of Korea(ROK) condemns the missile launch by North Korea.",
     None, [("missile launch", {"KOR"}, "PRK")]),
    # A nameless title as speaker label on a government's site is that government.
    ("PRIME MINISTER: We condemn the missile launch by North Korea.",
     "https://pmtranscripts.pmc.gov.au/release/transcript-1", [("missile launch", {"AUS"},
                                                                "PRK")]),
    # The one official of a briefing, named but untitled, speaks for the publisher ...
    ("MS LANE:  Good afternoon. We condemn the bombing of the market in Lagos.\nQUESTION:  "
     "Thanks. Any comment on the trade talks?\nMS LANE:  Not today.\n",
     "https://www.state.gov/briefings/x", [("bombing market", {"USA"}, None)]),
    # ... but not when two officials share the podium (whose "we" is unknown).
    ("MS LANE:  We condemn the bombing of the market in Lagos.\nMR OKAFOR:  Thank you.\n",
     "https://www.state.gov/briefings/y", []),
    # A subject the parser hung on the auxiliary ("so we do condemn") is the condemner.
    ("PRIME MINISTER: The north is poor and the south is free, so we do very much condemn "
     "the blockade of the port.", "https://pmtranscripts.pmc.gov.au/release/transcript-2",
     [("blockade port", {"AUS"}, None)]),
    # A titled official with no country in the text speaks for the publishing state.
    ("Foreign Minister Jane Smith has condemned the bombing of the embassy in Kabul.",
     "https://www.beehive.govt.nz/release/x", [("bombing embassy", {"NZL"}, None)]),
    # A statement's own "I" is its publisher's; a quoted "we" is not.
    ("I condemn the bombing of the embassy in Kabul.", "https://www.beehive.govt.nz/release/y",
     [("bombing embassy", {"NZL"}, None)]),
    ('"We condemn the attack on the ship," he said.', "https://www.beehive.govt.nz/release/z",
     []),
    # A bare office title is the organisation the document tied that title to before.
    ("Commonwealth Secretary-General Jane Doe spoke in London on Monday. The "
     "Secretary-General condemned the bombing of the market in Lagos.", None,
     [("bombing market", {"COMMONWEALTH"}, None)]),
]


@pytest.mark.parametrize(("text", "url", "expected"), CONTEXT_CASES,
                         ids=[c[0][:48] for c in CONTEXT_CASES])
def test_condemnations_document_context(nlp, text, url, expected):
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=text, source="t.txt", url=url))
    found = _summary(extract_condemnations(document, nlp(document.body)))
    assert len(found) == len(expected), found
    for words, condemners, agent in expected:
        match = [f for f in found if all(w.rstrip("s") in f[0] for w in words.split())]
        assert match, (words, found)
        assert match[0][1] == condemners, (words, found)
        assert match[0][2] == agent, (words, found)

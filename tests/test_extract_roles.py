"""Person - role - country extraction, sentence by sentence through the real pipeline.

Each case is a small text and the exact set of (person label, title, country
ISO3, status) tuples `extract_roles` must return for it: no more, no fewer.
"""

from __future__ import annotations

import pytest

from graph.extract import all_rules
from graph.extract.roles import RULES, extract_roles

CASES = [
    # Title before name, with a demonym, an abbreviation or a possessive.
    ("Japanese Prime Minister Fumio Kishida arrived in Washington on Tuesday.",
     {("Fumio Kishida", "Prime Minister", "JPN", "current")}),
    ("U.S. Secretary of Defense Lloyd Austin met his counterpart on Monday.",
     {("Lloyd Austin", "Secretary of Defense", "USA", "current")}),
    ("South Korean President Yoon Suk Yeol addressed the nation.",
     {("Yoon Suk Yeol", "President", "KOR", "current")}),
    ("Chinese Foreign Ministry spokesperson Mao Ning told reporters the talks were useful.",
     {("Mao Ning", "Foreign Ministry Spokesperson", "CHN", "current")}),
    ("Korea's foreign minister Park Jin will travel to Tokyo next week.",
     {("Park Jin", "Foreign Minister", "KOR", "current")}),
    ("French President Emmanuel Macron called for calm.",
     {("Emmanuel Macron", "President", "FRA", "current")}),
    ("German Chancellor Olaf Scholz spoke with reporters in Berlin.",
     {("Olaf Scholz", "Chancellor", "DEU", "current")}),
    ("British Foreign Secretary David Cameron visited Kyiv on Thursday.",
     {("David Cameron", "Foreign Secretary", "GBR", "current")}),
    ("Israeli Prime Minister Benjamin Netanyahu spoke to the cabinet.",
     {("Benjamin Netanyahu", "Prime Minister", "ISR", "current")}),
    ("Iranian Foreign Minister Abbas Araghchi met his Omani counterpart.",
     {("Abbas Araghchi", "Foreign Minister", "IRN", "current")}),
    ("Russia's President Vladimir Putin met North Korean leader Kim Jong Un.",
     {("Vladimir Putin", "President", "RUS", "current"),
      ("Kim Jong Un", "Leader", "PRK", "current")}),
    ("Indian Prime Minister Narendra Modi and Australian Prime Minister Anthony Albanese "
     "signed the agreement.",
     {("Narendra Modi", "Prime Minister", "IND", "current"),
      ("Anthony Albanese", "Prime Minister", "AUS", "current")}),
    ("Canadian Defence Minister Bill Blair announced new funding.",
     {("Bill Blair", "Defense Minister", "CAN", "current")}),
    # Country in an "of" phrase after the title or after the name.
    ("Foreign Minister Wang Yi of China met reporters in Beijing.",
     {("Wang Yi", "Foreign Minister", "CHN", "current")}),
    ("Vice President Kamala Harris of the United States opened the summit.",
     {("Kamala Harris", "Vice President", "USA", "current")}),
    ("The Minister of Foreign Affairs of Japan Yoko Kamikawa arrived in Manila.",
     {("Yoko Kamikawa", "Foreign Minister", "JPN", "current")}),
    # Status words: former, acting, -elect, then-, deputy.
    ("Former U.S. President Jimmy Carter died at the age of 100.",
     {("Jimmy Carter", "President", "USA", "former")}),
    ("Former Japanese Prime Minister Shinzo Abe was remembered in Tokyo.",
     {("Shinzo Abe", "Prime Minister", "JPN", "former")}),
    ("Acting President Choi Sang-mok of South Korea chaired a cabinet meeting.",
     {("Choi Sang-mok", "President", "KOR", "acting")}),
    ("President-elect Donald Trump of the United States named his cabinet.",
     {("Donald Trump", "President-elect", "USA", "elect")}),
    ("Then-Defense Secretary Mark Esper visited the base.",
     {("Mark Esper", "Secretary of Defense", "USA", "former")}),
    ("Deputy Prime Minister Chrystia Freeland of Canada presented the budget.",
     {("Chrystia Freeland", "Deputy Prime Minister", "CAN", "current")}),
    # Apposition, copula and "serving as".
    ("Cho Tae-yul, the foreign minister of South Korea, held talks in Seoul.",
     {("Cho Tae-yul", "Foreign Minister", "KOR", "current")}),
    ("I am Penny Wong, the foreign minister of Australia.",
     {("Penny Wong", "Foreign Minister", "AUS", "current")}),
    ("Yoko Kamikawa is the foreign minister of Japan.",
     {("Yoko Kamikawa", "Foreign Minister", "JPN", "current")}),
    ("Han Duck-soo, who serves as acting president of South Korea, met the envoy.",
     {("Han Duck-soo", "President", "KOR", "acting")}),
    ("With Choi Sang-mok serving as acting president of South Korea, the government "
     "pledged stability.",
     {("Choi Sang-mok", "President", "KOR", "acting")}),
    # A demonym before the first of two coordinated titled names covers both.
    ("Ukrainian President Volodymyr Zelensky and Defense Minister Rustem Umerov visited "
     "the front.",
     {("Volodymyr Zelensky", "President", "UKR", "current"),
      ("Rustem Umerov", "Defense Minister", "UKR", "current")}),
    # A briefer who stands in for a department's spokesperson.
    ("U.S. Principal Deputy Spokesperson Dana Reyes took questions on Monday.",
     {("Dana Reyes", "Principal Deputy Spokesperson", "USA", "current")}),
    # Offices only one country has (titles.tsv).
    ("Secretary of State Antony Blinken said the alliance was strong.",
     {("Antony Blinken", "Secretary of State", "USA", "current")}),
    ("Unification Minister Kim Yung-ho said the door to dialogue remained open.",
     {("Kim Yung-ho", "Unification Minister", "KOR", "current")}),
    ("Chief Cabinet Secretary Yoshimasa Hayashi said Tokyo would protest.",
     {("Yoshimasa Hayashi", "Chief Cabinet Secretary", "JPN", "current")}),
    ("Speaker of the House Mike Johnson said the bill would pass.",
     {("Mike Johnson", "Speaker of the House", "USA", "current")}),
    ("Deputy Secretary of Defense Kathleen Hicks visited the troops.",
     {("Kathleen Hicks", "Deputy Secretary of Defense", "USA", "current")}),
    # An office the lexicon lacks, named in full, and its short form later.
    ("Philippine Secretary of National Defense Gilberto Teodoro met reporters. Secretary "
     "Teodoro thanked U.S. officials for their support.",
     {("Gilberto Teodoro", "Secretary of National Defense", "PHL", "current")}),
    # Short forms later in the document take the full name and the fuller title.
    ("Secretary of State Antony Blinken arrived in Seoul. Secretary Blinken then met "
     "reporters.",
     {("Antony Blinken", "Secretary of State", "USA", "current")}),
    ("Foreign Minister Wang Yi of China met the press. Later, Minister Wang said the talks "
     "were candid.",
     {("Wang Yi", "Foreign Minister", "CHN", "current")}),
    # Transcript speaker labels and the speaker's own offices.
    ("SECRETARY BLINKEN: Thank you. I have visited Korea many times as Secretary of State.\n"
     "FOREIGN MINISTER CHO: I am Cho Tae-yul, the foreign minister of Korea.\n",
     {("Blinken", "Secretary of State", "USA", "current"),
      ("Cho Tae-yul", "Foreign Minister", "KOR", "current")}),
    ("SECRETARY BLINKEN: Thank you. I came here many times as Secretary of State, and "
     "before that during my tenure as deputy secretary.\n",
     {("Blinken", "Secretary of State", "USA", "current"),
      ("Blinken", "Deputy Secretary", "USA", "former")}),
    ("SECRETARY BLINKEN: I traveled here as Secretary of State. Secretary Austin and I "
     "visited Tokyo on our first trip.\n",
     {("Blinken", "Secretary of State", "USA", "current"),
      ("Austin", "Secretary", "USA", "current")}),
    ("SECRETARY BLINKEN: I have been in Korea as Secretary of State many times. Earlier, "
     "during my time as deputy secretary under President Obama, we began this work.\n",
     {("Blinken", "Secretary of State", "USA", "current"),
      ("Blinken", "Deputy Secretary", "USA", "former"),
      ("Obama", "President", "USA", "former")}),
    # A counterpart who speaks in the transcript does not take the speaker's country.
    ("FOREIGN MINISTER HAYASHI: I am Yoshimasa Hayashi, the foreign minister of Japan. I have "
     "worked closely with Minister Wong on security.\n"
     "FOREIGN MINISTER WONG: Thank you. It is good to be here.\n",
     {("Yoshimasa Hayashi", "Foreign Minister", "JPN", "current")}),
    # Context: the country the surrounding sentences name.
    ("Korea will stand with the people of the United States. We mourn the loss of former "
     "President Jimmy Carter.",
     {("Jimmy Carter", "President", "USA", "former")}),
    ("President Joe Biden hosted Japanese Prime Minister Fumio Kishida at the White House, "
     "said Secretary of State Antony Blinken.",
     {("Joe Biden", "President", "USA", "current"),
      ("Fumio Kishida", "Prime Minister", "JPN", "current"),
      ("Antony Blinken", "Secretary of State", "USA", "current")}),
    # Held-out patterns: wire copy, readouts and counterparts.
    # "leader" and "counterpart" are offices only with a country word of their own.
    ("North Korean leader Kim Jong Un oversaw the test of a new cruise missile.",
     {("Kim Jong Un", "Leader", "PRK", "current")}),
    ("South Korean opposition leader Lee Jae-myung criticized the budget.", set()),
    ("Hamas leader Yahya Sinwar was killed in Gaza.", set()),
    ("South Korea's Defense Minister Shin Won-sik met his Japanese counterpart Minoru Kihara "
     "in Tokyo.",
     {("Shin Won-sik", "Defense Minister", "KOR", "current"),
      ("Minoru Kihara", "Defense Minister", "JPN", "current")}),
    ("South Korea's top nuclear envoy Lee Jun-il held phone talks with his U.S. counterpart "
     "Sung Kim on Wednesday.",
     {("Lee Jun-il", "Nuclear Envoy", "KOR", "current"),
      ("Sung Kim", "Nuclear Envoy", "USA", "current")}),
    ("Secretary of State Antony Blinken met his Chinese counterpart Wang Yi in Beijing.",
     {("Antony Blinken", "Secretary of State", "USA", "current")}),
    ("Foreign Minister Cho Tae-yul of Korea met his counterpart Yoko Kamikawa in Seoul.",
     {("Cho Tae-yul", "Foreign Minister", "KOR", "current")}),
    # The country an ambassador is posted to is not the office's country.
    ("U.S. Ambassador to South Korea Philip Goldberg met reporters in Seoul.",
     {("Philip Goldberg", "Ambassador", "USA", "current")}),
    ("Ambassador to Japan Rahm Emanuel spoke in Tokyo.", set()),
    ("Korea greatly values the partnership. Former Ambassador Harry Harris also played an "
     "important role.", set()),
    # A country word on the second of two titled names does not reach back to the first.
    ("Secretary of State Marco Rubio spoke with Japanese Foreign Minister Takeshi Iwaya. "
     "Secretary Rubio and Foreign Minister Iwaya discussed the alliance.",
     {("Marco Rubio", "Secretary of State", "USA", "current"),
      ("Takeshi Iwaya", "Foreign Minister", "JPN", "current")}),
    # A country that owns an act ("the DPRK's launches") is not the officials' country.
    ("Japanese Foreign Minister Takeshi Iwaya condemned the DPRK's recent missile launches. "
     "He welcomed the visit of Prime Minister Shigeru Ishiba.",
     {("Takeshi Iwaya", "Foreign Minister", "JPN", "current")}),
    ("President Yoon spoke about the North Korean threat.", set()),
    ("Defense Minister Kim Yong-hyun told lawmakers the North Korean regime was preparing "
     "another launch.", set()),
    # A country word on another office ("his Japanese counterpart") is that office's.
    ("Secretary Blinken met his Japanese counterpart Yoko Kamikawa.", set()),
    ("Indian External Affairs Minister Subrahmanyam Jaishankar arrived in New Delhi.",
     {("Subrahmanyam Jaishankar", "Foreign Minister", "IND", "current")}),
    ("Chinese leader Xi Jinping met world leaders. Senate Majority Leader Chuck Schumer "
     "said Congress would act.",
     {("Xi Jinping", "Leader", "CHN", "current")}),
    ("Kremlin spokesman Dmitry Peskov said Moscow would not comment.",
     {("Dmitry Peskov", "Kremlin Spokesperson", "RUS", "current")}),
    # Not roles: journalists, moderators, titles without a holder, offices of
    # organisations, and titles whose country the text does not give.
    ("MODERATOR: We will take a question from Edward Wong of the New York Times.\n"
     "QUESTION: Thank you for taking my question.\n", set()),
    ("Kim Ji-yeon reports from Seoul.", set()),
    ("The foreign minister said the talks with Japan were productive.", set()),
    ("The defense chiefs of South Korea and the U.S. released a joint statement.", set()),
    ("NATO Secretary General Mark Rutte visited Washington.", set()),
    ("U.N. Secretary-General Antonio Guterres condemned the attack.", set()),
    ("World Bank President Ajay Banga spoke in Paris.", set()),
    ("President Smith spoke at length about the economy.", set()),
    ("SECRETARY BLINKEN: I met with President Zelensky today.\n", set()),
    ("THE PRESIDENT: As president of the United States, I welcome you.\n", set()),
    ("Speaker Woo Won-shik of the National Assembly opened the session.", set()),
    # A nearby country that is the place, host or partner is nobody's office country;
    # nor is one two unmarked titled people could share.
    ("Secretary Lee was in Manila for a forum hosted by the Philippines.", set()),
    ("Foreign Minister Hana Kovac will travel to Vienna next week to prepare for a summit "
     "with Germany.", set()),
    ("The 2001 France-Germany accord, signed by then President Jean Dupont and then Prime "
     "Minister Karl Weber, remains in force.", set()),
    ("Reporter: Minister Lee, former President Alvarez pushed for Chile to join. Do you agree?",
     set()),
    # The country the document states for the same person elsewhere.
    ("Italian Prime Minister Marco Bianchi arrived in Berlin on Monday. Bianchi, a former "
     "defense minister, thanked Germany for its support.",
     {("Marco Bianchi", "Prime Minister", "ITA", "current"),
      ("Marco Bianchi", "Defense Minister", "ITA", "former")}),
    # Upper-case byline lines: NAME, TITLE.
    ("JANE ROE, SECRETARY OF STATE\nMAY 2, 2024\n\nThe talks were useful.",
     {("Jane Roe", "Secretary of State", "USA", "current")}),
    ("MARIA SANTOS, DEPARTMENT SPOKESPERSON\nMAY 2, 2024\n\nThe United States welcomes the "
     "talks.",
     {("Maria Santos", "Department Spokesperson", "USA", "current")}),
    ("PRESS STATEMENT\nTHE UNITED STATES, A PARTNER OF KOREA\n\nThe talks were useful.", set()),
    # A title the parser read as an organisation is still an apposition's office.
    ("We welcomed Minister Ana Costa, the Minister of Foreign Affairs of Portugal, to Rome.",
     {("Ana Costa", "Foreign Minister", "PRT", "current")}),
    # role.country-own-government.v1: the speaker's country in a turn that says "my
    # government" or "our president", in that sentence only, with no country named there.
    ("FOREIGN MINISTER NOVAK: I am Petra Novak, the foreign minister of Slovenia.\n"
     "MODERATOR: Please go on.\n"
     "FOREIGN MINISTER NOVAK: The plan my government adopted reflects President Luka "
     "Horvat's vision.\n",
     {("Petra Novak", "Foreign Minister", "SVN", "current"),
      ("Luka Horvat", "President", "SVN", "current")}),
    ("FOREIGN MINISTER NOVAK: I am Petra Novak, the foreign minister of Slovenia.\n"
     "MODERATOR: Please go on.\n"
     "FOREIGN MINISTER NOVAK: The plan reflects President Luka Horvat's vision.\n",
     {("Petra Novak", "Foreign Minister", "SVN", "current")}),
    ("FOREIGN MINISTER NOVAK: I am Petra Novak, the foreign minister of Slovenia.\n"
     "MODERATOR: Please go on.\n"
     "FOREIGN MINISTER NOVAK: My government thanks your President Luka Horvat.\n",
     {("Petra Novak", "Foreign Minister", "SVN", "current")}),
    ("FOREIGN MINISTER NOVAK: I am Petra Novak, the foreign minister of Slovenia.\n"
     "MODERATOR: Please go on.\n"
     "FOREIGN MINISTER NOVAK: My government and President Luka Horvat of Croatia met.\n",
     {("Petra Novak", "Foreign Minister", "SVN", "current"),
      ("Luka Horvat", "President", "HRV", "current")}),
    ("QUESTION: Did our government consult President Luka Horvat?\n", set()),
    # role.country-list-rest.v1: the one country of a listed trio left for the unmarked name.
    ("The ministers of Poland, Germany and France met in Weimar.\nForeign Minister Jan "
     "Nowak, German Foreign Minister Karl Weber and French Foreign Minister Paul Roux "
     "signed the text.",
     {("Jan Nowak", "Foreign Minister", "POL", "current"),
      ("Karl Weber", "Foreign Minister", "DEU", "current"),
      ("Paul Roux", "Foreign Minister", "FRA", "current")}),
    ("The ministers of Poland, Germany, Italy and France met in Weimar.\nForeign Minister Jan "
     "Nowak, German Foreign Minister Karl Weber and French Foreign Minister Paul Roux "
     "signed the text.",
     {("Karl Weber", "Foreign Minister", "DEU", "current"),
      ("Paul Roux", "Foreign Minister", "FRA", "current")}),
    ("The ministers of Poland, Germany and France met in Weimar.\nForeign Minister Jan "
     "Nowak and German Foreign Minister Karl Weber signed the text.",
     {("Karl Weber", "Foreign Minister", "DEU", "current")}),
    # A name the model cut short grows over the proper noun it modifies.
    ("South Korean President Yoon Suk Yeol on Wednesday welcomed the plan.",
     {("Yoon Suk Yeol", "President", "KOR", "current")}),
    # Issue 13 section 4. The country in an "of" phrase between the title and the name,
    # with a courtesy word before the name.
    ("President of Ukraine Volodymyr Zelenskyy met the press in Lviv.",
     {("Volodymyr Zelenskyy", "President", "UKR", "current")}),
    ("The Prime Minister of Australia Ms Jane Walsh opened the forum.",
     {("Jane Walsh", "Prime Minister", "AUS", "current")}),
    # Portfolios after "of" or "for", read as written, never eating the holder's name.
    ("Canada's Minister for Immigration and Citizenship Marc Dubois signed the pact.",
     {("Marc Dubois", "Minister for Immigration and Citizenship", "CAN", "current")}),
    ("The Peruvian Minister of Energy Carlos Quispe visited the mine.",
     {("Carlos Quispe", "Minister of Energy", "PER", "current")}),
    # Titles beyond the first list: governors-general.
    ("The Governor-General of New Zealand, Dame Helen Cole, opened the session.",
     {("Helen Cole", "Governor-General", "NZL", "current")}),
    # Countries a sentence merely talks about: one of a pair, the owner of a stance.
    ("Canada and Chile signed the accord on Monday, said Prime Minister Jane Doe.", set()),
    ("Chancellor Karl Weber criticised the American approach to tariffs.", set()),
    # A form of address or a body is no holder.
    ("REPORTER: Minister, the Government of Chile has approved the plan.", set()),
    # An appositive title in a list belongs to the name right before its comma, and an
    # apposition the parse draws across a semicolon is none.
    ("The accord follows a pledge by Prime Minister Ana Ruiz and Omar Haddad, the Jordanian "
     "Prime Minister, in May.",
     {("Omar Haddad", "Prime Minister", "JOR", "current")}),
    ("The delegation included the Minister of Mining, the Hon. Rosa Vidal; the Ambassador of "
     "Chile to Peru, Mr Tomas Ferrer; and advisers.", set()),
    # The name of one title's holder is no narrowing of the next title.
    ("President of Ukraine Taras Shevchuk President of the Republic of Estonia Kaja Tamm",
     {("Taras Shevchuk", "President", "UKR", "current"),
      ("Kaja Tamm", "President", "EST", "current")}),
    ("Signed by President of Poland Marek Nowakowski President of the Republic of Lithuania "
     "Tomas Kairys President of Latvia Janis Ozols",
     {("Marek Nowakowski", "President", "POL", "current"),
      ("Tomas Kairys", "President", "LTU", "current"),
      ("Janis Ozols", "President", "LVA", "current")}),
    # Coordinated titles before one name are all that person's.
    ("The envoys will call on Jordan's Crown Prince and Prime Minister Faisal Haddad next week.",
     {("Faisal Haddad", "Crown Prince", "JOR", "current"),
      ("Faisal Haddad", "Prime Minister", "JOR", "current")}),
    ("The talks were led by Norway's Deputy Prime Minister and Minister of Finance Kari "
     "Nordahl.",
     {("Kari Nordahl", "Deputy Prime Minister", "NOR", "current"),
      ("Kari Nordahl", "Minister of Finance", "NOR", "current")}),
    # A title followed by a possessive is a possessor, not a title before a name.
    ("Canada Condemns Iranian President’s Anti-Semitic Remarks", set()),
]


def _tuples(parse, text: str) -> set[tuple[str, str, str, str]]:
    document, doc = parse(text)
    return {(r.person.label, r.title, r.country.key, r.status)
            for r in extract_roles(document, doc)}


def test_extract_roles_table_is_large_enough():
    assert len(CASES) >= 40
    assert sum(1 for _, expected in CASES if not expected) >= 8


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_extract_roles_sentence(parse, text, expected):
    assert _tuples(parse, text) == expected


def test_extract_roles_short_forms_share_one_person(parse):
    text = ("FOREIGN MINISTER CHO: I am Cho Tae-yul, the foreign minister of Korea.\n"
            "MODERATOR: Thank you, Minister Cho. Mr. Cho, please go on, Tae-yul.\n")
    document, doc = parse(text)
    roles = extract_roles(document, doc)
    assert {r.person.key for r in roles} == {"cho tae-yul"}
    person = roles[0].person
    assert person.label == "Cho Tae-yul"
    assert {"Foreign Minister Cho", "Minister Cho", "Mr. Cho", "Tae-yul"} <= set(person.aliases)


def test_extract_roles_people_are_not_merged_across_documents(parse):
    first = extract_roles(*parse("Secretary of State Antony Blinken spoke.", doc_id="a"))
    second = extract_roles(*parse("SECRETARY BLINKEN: I speak as Secretary of State.\n",
                                  doc_id="b"))
    assert [r.person.key for r in first] == ["antony blinken"]
    assert [r.person.key for r in second] == ["blinken"]


def test_extract_roles_claims_carry_provenance_and_date(parse):
    text = "Intro line.\nJapanese Prime Minister Fumio Kishida arrived in Washington."
    document, doc = parse(text, date="2024-04-08")
    (role,) = extract_roles(document, doc)
    assert role.evidence.rule == "role.title-name.v1"
    assert role.evidence.sentence == "Japanese Prime Minister Fumio Kishida arrived in Washington."
    assert text[role.evidence.start_char:role.evidence.end_char] == role.evidence.sentence
    assert role.date == "2024-04-08"
    assert role.surface == "Japanese Prime Minister"


def test_extract_roles_rules_are_registered(parse):
    document, doc = parse(" ".join(text for text, _ in CASES[:30]))
    used = {r.evidence.rule for r in extract_roles(document, doc)}
    assert used and used <= set(RULES)
    assert set(RULES) <= set(all_rules())
    assert all(name.startswith("role.") and name.endswith(".v1") for name in RULES)


# Constructions read from the document as a whole: (text, url, expected tuples).
DOCUMENT_CASES = [
    # The publisher's state for an office the text gives no country.
    ("Prime Minister Jane Harlow welcomed the trade delegation today.",
     "https://www.pm.gov.au/media/release", {("Jane Harlow", "Prime Minister", "AUS", "current")}),
    ("Prime Minister Jane Harlow welcomed the trade delegation today.", None, set()),
    # ... never for an office the publisher's state does not have.
    ("President Tomas Varga met Prime Minister Jane Harlow in the capital.",
     "https://www.pm.gov.au/media/release", {("Jane Harlow", "Prime Minister", "AUS", "current")}),
    ("Foreign Minister Lena Ostrova thanked the delegation.", "https://www.state.gov/x", set()),
    # A country a sentence is about ("Israel's announcement") yields to the one state the
    # document leaves for the office.
    ("Reporters asked about Israel’s announcement before President Joe Harlan’s trip next "
     "month.", "https://www.state.gov/briefings/x",
     {("Joe Harlan", "President", "USA", "current")}),
    # ... nor for one an unnamed speaker of the publisher's transcript holds.
    ("PRIME MINISTER: I spoke with Prime Minister Arlo Benn this morning.\n",
     "https://www.pm.gov.au/media/transcript", set()),
]


@pytest.mark.parametrize(("text", "url", "expected"), DOCUMENT_CASES,
                         ids=[f"{c[0][:30]}-{bool(c[1])}" for c in DOCUMENT_CASES])
def test_extract_roles_document_context(nlp, text, url, expected):
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=text, source="t.txt", url=url))
    found = {(r.person.label, r.title, r.country.key, r.status)
             for r in extract_roles(document, nlp(document.body))}
    assert found == expected


# The publisher's own official, written unmarked, when the document's states leave
# several: (title, expected tuples). A joint statement's authors each write theirs bare.
HOME_TEXT = ("The Minister for Immigration and Citizenship, Tom Reeve, and Fiji's Minister "
             "for Trade Mere Tora signed the arrangement in Suva today.")
HOME_CASES = [
    ("Australia and Fiji sign migration arrangement",
     {("Tom Reeve", "Minister for Immigration and Citizenship", "AUS", "role.country-home.v1"),
      ("Mere Tora", "Minister for Trade", "FJI", "role.title-name.v1")}),
    ("Joint Statement by Australia and Fiji",
     {("Mere Tora", "Minister for Trade", "FJI", "role.title-name.v1")}),
]


@pytest.mark.parametrize(("title", "expected"), HOME_CASES, ids=["release", "joint"])
def test_extract_roles_publisher_home_office(nlp, title, expected):
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=HOME_TEXT, source="t.txt", title=title,
                                       url="https://www.pm.gov.au/media/release"))
    found = {(r.person.label, r.title, r.country.key, r.evidence.rule)
             for r in extract_roles(document, nlp(document.body))}
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A title that opens a phrase, a comma, then the name and forms of address.
    ("The Prime Minister of Australia, the Hon. Jane Harlow, visited Fiji in May.",
     {("Jane Harlow", "Prime Minister", "AUS", "current")}),
    ("Prime Minister the Rt Hon Arlo Benn of New Zealand opened the meeting.",
     {("Arlo Benn", "Prime Minister", "NZL", "current")}),
    # Titles from the lexicon: a one-country office, and an accented, apostrophised one.
    ("State Councillor Li Wen met the visiting delegation.",
     {("Li Wen", "State Councillor", "CHN", "current")}),
    ("Iran's Chargé d’Affaires Reza Karimi was summoned on Monday.",
     {("Reza Karimi", "Charge d'Affaires", "IRN", "current")}),
    # A British secretary of state with a portfolio is no US Secretary of State.
    ("The Secretary of State for Foreign and Commonwealth Affairs, Tom Ashby, spoke today.",
     {("Tom Ashby", "Secretary of State for Foreign and Commonwealth Affairs", "GBR",
       "current")}),
])
def test_extract_roles_title_forms(parse, text, expected):
    assert _tuples(parse, text) == expected


def test_extract_roles_full_name_is_not_grown_from_other_names(parse):
    text = ("Prime Minister Arlo Benn of New Zealand arrived on Monday. An orchid, Dendrobium "
            "Arlo Benn, was named in his honour. Prime Minister Benn thanked his hosts.")
    document, doc = parse(text)
    assert {(r.person.label, r.country.key) for r in extract_roles(document, doc)} \
        == {("Arlo Benn", "NZL")}


@pytest.mark.parametrize(("text", "expected"), [
    # A mixed-case transcript label: title, "of <country>", name.
    ("President of Moldova Ilan Dorescu: Thank you, friends.\nQuestion: Will you sign?\n"
     "Ilan Dorescu: We will.\n",
     {("Ilan Dorescu", "President", "MDA", "current")}),
    # Holders of one office and the two countries of the sentence, in respective order.
    ("Prime Minister Arlo Benn and Prime Minister Jane Harlow met in Suva to discuss the "
     "partnership between New Zealand and Australia.",
     {("Arlo Benn", "Prime Minister", "NZL", "current"),
      ("Jane Harlow", "Prime Minister", "AUS", "current")}),
    ("Prime Minister Arlo Benn and Prime Minister Jane Harlow met in Suva.", set()),
])
def test_extract_roles_labels_and_respective(parse, text, expected):
    assert _tuples(parse, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We, the leaders of Chile and Peru, met today. President Ana Rojas said the talks were "
     "useful for Chile's farmers. Later President Ruiz thanked the delegation.",
     {("Ana Rojas", "President", "CHL", "current"), ("Ruiz", "President", "PER", "current")}),
    # Two states with presidents and nothing to tell them apart: no country.
    ("We, the leaders of Chile and Peru, met today. The talks were useful. President Ruiz "
     "thanked the delegation.", set()),
])
def test_extract_roles_joint_statement_states(nlp, text, expected):
    """The authors of a joint statement are its states; an office one state's holder
    takes leaves the other holder of that office the other state."""
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=text, source="t.txt",
                                       title="Joint Statement of Chile and Peru"))
    found = {(r.person.label, r.title, r.country.key, r.status)
             for r in extract_roles(document, nlp(document.body))}
    assert found == expected


@pytest.mark.parametrize(("text", "url", "title", "expected"), [
    # A title right after a speaker label addresses the other speaker: no role for the
    # label's name (the parse's apposition across the colon).
    ("PRIME MINISTER ARLO BENN:  Secretary of State, it is a pleasure to have you here.\n"
     "SECRETARY OSTROVA:  Thank you.\n", None, "", set()),
    # An unnamed "PRIME MINISTER:" speaker of the publisher's transcript is the named
    # prime minister whom only the other officials name.
    ("PRESIDENT MINA SEO:  I warmly welcome Prime Minister Arlo Benn on his visit. The "
     "Prime Minister and I discussed trade.\nPRIME MINISTER:  Thank you, Madam President.\n",
     "https://www.pm.gov.au/media/transcript", "Joint Press Conference, Seoul, South Korea",
     {("Mina Seo", "President", "KOR", "current"),
      ("Arlo Benn", "Prime Minister", "AUS", "current")}),
    # ... but not one the unnamed speaker names in their own turn.
    ("PRIME MINISTER:  I spoke with Prime Minister Arlo Benn this morning.\n",
     "https://www.pm.gov.au/media/transcript", "Joint Press Conference, Seoul, South Korea",
     set()),
    # A head of state a journalist names, who does not speak, is no meeting state's.
    ("President of Moldova Ilan Dorescu: Thank you, friends.\nQuestion: Will President "
     "Tomas Varga attend the summit?\nIlan Dorescu: We hope so.\n", None,
     "News conference following Moldovan-Chilean talks",
     {("Ilan Dorescu", "President", "MDA", "current")}),
])
def test_extract_roles_transcript_turns(nlp, text, url, title, expected):
    """Who holds which office in a transcript: speaker labels and whose turn it is."""
    from graph.clean import clean_document
    from graph.types import Document

    document = clean_document(Document(id="t", text=text, source="t.txt", url=url,
                                       title=title))
    found = {(r.person.label, r.title, r.country.key, r.status)
             for r in extract_roles(document, nlp(document.body))}
    assert found == expected

"""Country - agreement - year rules, through the real pipeline.

Each case is a sentence (or two) written for these tests, the document date,
and what must come out: agreement label -> (party ISO3 codes, year). An empty
expectation means no party claim at all.
"""

from __future__ import annotations

import pytest

from graph.extract.agreements import RULES, extract_parties
from graph.extract.common import country_entity
from graph.types import Entity, Evidence, Role

CASES = [
    # agreement.signed.v1 with an explicit year
    ("Japan and Australia signed a free trade agreement in 2014.", None,
     {"free trade agreement": ({"AUS", "JPN"}, 2014)}),
    ("China and Japan concluded the Treaty of Peace and Friendship in 1978.", None,
     {"Treaty of Peace and Friendship": ({"CHN", "JPN"}, 1978)}),
    ("Egypt and Israel signed the Camp David Accords in 1978.", None,
     {"Camp David Accords": ({"EGY", "ISR"}, 1978)}),
    ("The NPT was signed by the United Kingdom and the United States in 1968.", None,
     {"Treaty on the Non-Proliferation of Nuclear Weapons": ({"GBR", "USA"}, 1968)}),
    ("In 2018, the two Koreas signed the Comprehensive Military Agreement.", None,
     {"Comprehensive Military Agreement": ({"KOR", "PRK"}, 2018)}),
    ("Seoul and Washington agreed to revise the Korea-U.S. FTA.", None,
     {"Korea-U.S. Free Trade Agreement": ({"KOR", "USA"}, None)}),
    # the year counted back from the document date, and only with one
    ("This year marks 60 years since France and Germany signed the Elysee Treaty.", "2023-01-22",
     {"Elysee Treaty": ({"DEU", "FRA"}, 1963)}),
    ("This year marks 60 years since France and Germany signed the Elysee Treaty.", None,
     {"Elysee Treaty": ({"DEU", "FRA"}, None)}),
    ("Vietnam and Laos signed the border protocol 20 years ago.", "2024-03-01",
     {"border protocol": ({"LAO", "VNM"}, 2004)}),
    ("Today marks the 70th anniversary of the signing of the Treaty of Friendship between China "
     "and Pakistan.", "2020-06-25",
     {"Treaty of Friendship between China and Pakistan": ({"CHN", "PAK"}, 1950)}),
    # a year written into the name
    ("The 1965 Treaty on Basic Relations between Japan and the Republic of Korea normalized ties.",
     None, {"Treaty on Basic Relations between Japan and the Republic of Korea": ({"JPN", "KOR"},
                                                                              1965)}),
    # a leading year leaves a proper name's label; a capitalised "between" part stays in it
    ("Argentina and Chile signed the 1984 Treaty of Peace and Friendship between Chile and "
     "Argentina at the Vatican.", None,
     {"Treaty of Peace and Friendship between Chile and Argentina": ({"ARG", "CHL"}, 1984)}),
    ("Officials praised the 2002 Japan-DPRK Pyongyang Declaration.", None,
     {"Japan-DPRK Pyongyang Declaration": ({"JPN", "PRK"}, 2002)}),
    # a description in apposition to a proper name is that agreement, never its label
    ("The ministers praised the Treaty of Amity and Cooperation (TAC), the regional "
     "non-aggression pact that Indonesia and Thailand signed in 1976.", None,
     {"Treaty of Amity and Cooperation": ({"IDN", "THA"}, 1976)}),
    # a name whose "on ..." the parser hung elsewhere; a capital held to its obligations
    ("In turn, Ottawa reaffirmed its commitment to its obligations under the Treaty on the "
     "Prohibition of Nuclear Weapons.", None,
     {"Treaty on the Prohibition of Nuclear Weapons": ({"CAN"}, None)}),
    ("Ottawa reaffirmed the importance of the Arctic Council Declaration.", None, {}),
    # "the two allies ... since signing their treaty" in a dated text
    ("The Philippines and the United States held talks as the two allies mark 70 years since "
     "signing their Mutual Defense Treaty.", "2021-08-30",
     {"Mutual Defense Treaty": ({"PHL", "USA"}, 1951)}),
    # officials who sign act for the country in their title; "on Sunday" dates it
    ("Indian Prime Minister Narendra Modi and Japanese Prime Minister Shinzo Abe signed the "
     "Memorandum of Cooperation on Civil Nuclear Energy on Sunday.", "2016-11-13",
     {"Memorandum of Cooperation on Civil Nuclear Energy": ({"IND", "JPN"}, 2016)}),
    ("Korean Air signed the Memorandum of Cooperation on Aviation Safety.", None, {}),
    # a month not after the document's month dates a past signing to the document's year
    ("They discussed the Andean Fisheries Agreement, which Chile and Peru signed in March.",
     "2024-07-09", {"Andean Fisheries Agreement": ({"CHL", "PER"}, 2024)}),
    ("They discussed the Andean Fisheries Agreement, which Chile and Peru signed in November.",
     "2024-07-09", {"Andean Fisheries Agreement": ({"CHL", "PER"}, None)}),
    ("Pyongyang has failed to honor the 2018 joint agreement.", "2020-06-24",
     {"2018 joint agreement": ({"PRK"}, 2018)}),
    # agreement.between.v1 and possessives
    ("Korea's free trade agreement with Chile took effect in 2004.", None,
     {"free trade agreement": ({"CHL", "KOR"}, None)}),
    # agreement.name.v1: the name states the parties
    ("The U.S.-Japan Security Treaty anchors the region.", None,
     {"U.S.-Japan Security Treaty": ({"JPN", "USA"}, None)}),
    ("Officials discussed the inter-Korean military agreement.", None,
     {"inter-Korean military agreement": ({"KOR", "PRK"}, None)}),
    ("Exports rose after the KORUS FTA took effect.", None,
     {"KORUS Free Trade Agreement": ({"KOR", "USA"}, None)}),
    ("Australia, Britain and the United States unveiled the AUKUS security pact.", None,
     {"AUKUS security pact": ({"AUS", "GBR", "USA"}, None)}),
    ("Britain returned Hong Kong under the Sino-British Joint Declaration.", None,
     {"Sino-British Joint Declaration": ({"CHN", "GBR"}, None)}),
    # agreement.bound.v1: held to it, also when "called on" to be
    ("Russia violated the Budapest Memorandum.", None,
     {"Budapest Memorandum": ({"RUS"}, None)}),
    ("The envoys urged Iran to comply with the JCPOA.", None,
     {"Joint Comprehensive Plan of Action": ({"IRN"}, None)}),
    ("The ministers called on Syria to meet the commitments stated in the 2012 ceasefire accord.",
     None, {"2012 ceasefire accord": ({"SYR"}, 2012)}),
    # agreement.under.v1 and agreement.party_to.v1
    ("Through the Paris Agreement, France and India are cutting emissions.", None,
     {"Paris Agreement": ({"FRA", "IND"}, None)}),
    ("Japan is a signatory to the Nuclear Non-Proliferation Treaty.", None,
     {"Nuclear Non-Proliferation Treaty": ({"JPN"}, None)}),
    # a bare "the treaty" stands for the last named treaty
    ("Brazil and Argentina signed the Treaty of Asuncion in 1991. Paraguay later ratified the "
     "treaty.", None, {"Treaty of Asuncion": ({"ARG", "BRA", "PRY"}, 1991)}),
    # a signing relative clause: "the treaty (which) X and Y signed in 1960"
    ("They discussed the Treaty of Mutual Cooperation and Security, which Japan and the United "
     "States signed in 1960.", None,
     {"Treaty of Mutual Cooperation and Security": ({"JPN", "USA"}, 1960)}),
    ("The Washington Declaration, which Seoul and Washington adopted in April 2023, bolstered "
     "deterrence.", None, {"Washington Declaration": ({"KOR", "USA"}, 2023)}),
    ("The Good Friday Agreement, which ended decades of violence, is admired.", None, {}),
    # "the two countries" stands for the states the nearby text names
    ("Seoul and Tokyo normalized relations. The two countries adopted a joint declaration in "
     "1998.", None, {"joint declaration": ({"JPN", "KOR"}, 1998)}),
    ("The two countries signed the Elysee Treaty.", None, {}),
    ("Britain and Ireland on Monday marked the 25th anniversary of the Good Friday Agreement.",
     "2023-04-10", {"Good Friday Agreement": ({"GBR", "IRL"}, 1998)}),
    ("France marked the 45th anniversary of the Camp David Accords.", "2023-09-17", {}),
    ("The Good Friday Agreement was signed by the British and Irish governments.", None,
     {"Good Friday Agreement": ({"GBR", "IRL"}, None)}),
    ("The Joint Declaration on the Denuclearization of the Korean Peninsula was signed by South "
     "and North Korea in 1992.", None,
     {"Joint Declaration on the Denuclearization of the Korean Peninsula": ({"KOR", "PRK"}, 1992)}),
    # relative years: "N years after" from a present clause, "on Sunday" in a dated text
    ("The anniversary comes 45 years after Egypt and Israel signed the Camp David Accords.",
     "2023-04-10", {"Camp David Accords": ({"EGY", "ISR"}, 1978)}),
    ("Chile and Peru signed a memorandum of understanding on fisheries on Sunday.", "2025-06-22",
     {"memorandum of understanding on fisheries": ({"CHL", "PER"}, 2025)}),
    # joining, rejoining or ratifying dates a party's step, not the agreement
    ("The United States rejoined the Paris Agreement in 2021.", None,
     {"Paris Agreement": ({"USA"}, None)}),
    ("Germany ratified the Treaty of Lisbon in 2008.", None,
     {"Treaty of Lisbon": ({"DEU"}, None)}),
    # a name with its acronym in brackets is one agreement; "deal" heads only named deals
    ("Tokyo and Seoul signed the General Security of Military Information Agreement (GSOMIA) in "
     "2016.", None, {"General Security of Military Information Agreement": ({"JPN", "KOR"}, 2016)}),
    ("Iran said it would keep breaching the limits of the 2015 Iran nuclear deal (JCPOA).", None,
     {"Joint Comprehensive Plan of Action": ({"IRN"}, 2015)}),
    ("Britain, France and Germany, which remain parties to the Iran nuclear deal, urged restraint.",
     None, {"Iran nuclear deal": ({"DEU", "FRA", "GBR"}, None)}),
    ("Japan and India signed a trade deal.", None, {}),
    ("The U.S. and Russia are bound by New START.", None, {}),
    ("New START is the last remaining treaty between the United States and Russia.", None,
     {"New Strategic Arms Reduction Treaty": ({"RUS", "USA"}, None)}),
    # negatives: withdrawals, unnamed agreements, cooperation
    ("The United States withdrew from the JCPOA in 2018.", None, {}),
    ("Seoul and Washington reached an agreement on cost-sharing last year.", "2025-01-06", {}),
    ("The three countries agreed to strengthen cooperation on economic security.", None, {}),
    # negatives: negation, laws, resolutions, alliances, summits, bodies, unnamed deals
    ("India is not a party to the Nuclear Non-Proliferation Treaty.", None, {}),
    ("Pakistan did not sign the NPT.", None, {}),
    ("Congress passed the Inflation Reduction Act and the CHIPS and Science Act.", None, {}),
    ("The launches violate multiple UN Security Council resolutions.", None, {}),
    ("The U.S.-ROK alliance remains the linchpin of peace in the region.", None, {}),
    ("The leaders held a summit at Camp David and launched a trilateral partnership.", None, {}),
    ("Korea upholds the principles of the United Nations Charter.", None, {}),
    ("The Korean Armistice Agreement was signed in 1953.", None, {}),
    ("The negotiators are close to finalizing a ceasefire agreement.", None, {}),
    ("The defense chiefs of both countries released a joint statement.", None, {}),
    ("Ukraine wants to join NATO.", None, {}),
    ("The FTA negotiations between Korea and Japan stalled.", None, {}),
    ("Finland and Sweden ratified the treaty.", None, {}),
]


def _found(parties) -> dict[str, tuple[set[str], int | None]]:
    out: dict[str, tuple[set[str], int | None]] = {}
    for party in parties:
        countries, year = out.setdefault(party.agreement.label, (set(), party.year))
        countries.add(party.country.key)
        assert year == party.year, "one agreement has one year within a document"
    return out


def _check_table(parse, text, date, expected) -> None:
    """One case of a table: the agreements, parties and years found, each by a known rule."""
    document, doc = parse(text, date=date)
    parties = extract_parties(document, doc, roles=())
    assert _found(parties) == expected
    assert all(p.evidence.rule in RULES for p in parties)


@pytest.mark.parametrize(("text", "date", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_agreements_extract_table(parse, text, date, expected):
    _check_table(parse, text, date, expected)


def _role(name: str, surname: str, title: str, iso3: str) -> Role:
    return Role(Entity("Person", name.casefold(), name, (surname,)), title, country_entity(iso3),
                Evidence("t", "", 0, 0, "test"))


TRANSCRIPT = (
    "MODERATOR: Welcome to the press conference.\n"
    "FOREIGN MINISTER PARK: Our countries signed the Mutual Defense Treaty seventy years ago. "
    "Our treaty remains the bedrock of peace.\n"
    "AMBASSADOR LOPEZ: Our treaty is ironclad.\n"
    "QUESTION: Will you revise our treaty?\n"
)


def test_agreements_our_treaty_counts_for_the_speakers_country(parse):
    document, doc = parse(TRANSCRIPT, date="2023-05-01")
    roles = (_role("Park Jin", "Park", "Foreign Minister", "KOR"),
             _role("Ana Lopez", "Lopez", "Ambassador", "USA"))
    parties = extract_parties(document, doc, roles=roles)
    assert _found(parties) == {"Mutual Defense Treaty": ({"KOR", "USA"}, 1953)}
    possessive = {p.country.key for p in parties if p.evidence.rule == "agreement.possessive.v1"}
    assert possessive == {"KOR", "USA"}
    assert not any("revise" in p.evidence.sentence for p in parties)


def test_agreements_our_two_countries_are_speaker_and_counterpart(parse):
    text = ("MODERATOR: Welcome.\n"
            "FOREIGN MINISTER PARK: The Mutual Defense Treaty between our two countries is "
            "ironclad.\n"
            "AMBASSADOR LOPEZ: Thank you, Minister Park.\n")
    document, doc = parse(text)
    roles = (_role("Park Jin", "Park", "Foreign Minister", "KOR"),
             _role("Ana Lopez", "Lopez", "Ambassador", "USA"))
    parties = extract_parties(document, doc, roles=roles)
    assert _found(parties) == {"Mutual Defense Treaty": ({"KOR", "USA"}, None)}


def test_agreements_signing_officials_map_to_their_countries_by_role(parse):
    document, doc = parse("Defense Minister Kim and Secretary Lopez signed the Memorandum of "
                          "Cooperation on Maritime Security in Manila on Sunday.",
                          date="2024-07-28")
    roles = (_role("Kim Min-su", "Kim", "Defense Minister", "KOR"),
             _role("Ana Lopez", "Lopez", "Secretary", "USA"))
    parties = extract_parties(document, doc, roles=roles)
    assert _found(parties) == {
        "Memorandum of Cooperation on Maritime Security": ({"KOR", "USA"}, 2024)}


def test_agreements_our_treaty_without_known_speaker_gives_nothing(parse):
    document, doc = parse(TRANSCRIPT, date="2023-05-01")
    parties = extract_parties(document, doc, roles=())
    assert all(p.evidence.rule != "agreement.possessive.v1" for p in parties)


def test_agreements_aliases_merge_within_and_across_documents(parse):
    first = parse("South Korea and the United States signed their Mutual Defense Treaty. "
                  "The ROK-U.S. Mutual Defense Treaty was later extended.", doc_id="a")
    second = parse("Officials agreed to expand the U.S.-ROK Mutual Defense Treaty.", doc_id="b")
    keys = set()
    for document, doc in (first, second):
        for party in extract_parties(document, doc):
            keys.add(party.agreement.key)
    assert len(keys) == 1
    parties = extract_parties(*first)
    labels = {p.agreement.label for p in parties}
    assert labels == {"ROK-U.S. Mutual Defense Treaty"}
    assert "Mutual Defense Treaty" in parties[0].agreement.aliases


def test_agreements_acronym_and_expansion_share_a_key(parse):
    document, doc = parse("Japan joined the NPT. Germany ratified the Treaty on the "
                          "Non-Proliferation of Nuclear Weapons.")
    parties = extract_parties(document, doc)
    assert {p.country.key for p in parties} == {"JPN", "DEU"}
    assert len({p.agreement.key for p in parties}) == 1


def test_agreements_rules_are_registered_with_versions():
    assert len(RULES) >= 8
    assert all(name.startswith("agreement.") and name.rsplit(".", 1)[1].startswith("v")
               for name in RULES)


# Long titles, the meeting a document reports and its lists of documents signed (issue 13,
# causes 1-3). Each text opens with the meeting, as a report of talks does.
MEETING = "The presidents of Chile and Peru held talks in Lima on Monday. "
MEETING_CASES = [
    # the passive: signed at the meeting, in the document's year
    (MEETING + "A Memorandum of Understanding on cooperation in fisheries was signed.",
     "2024-05-07",
     {"Memorandum of Understanding on cooperation in fisheries": ({"CHL", "PER"}, 2024)}),
    # "the parties" sign for both states; a lower-case intergovernmental title
    (MEETING + "The parties also signed an intergovernmental agreement on cooperation in "
     "geothermal energy.", "2024-05-07",
     {"intergovernmental agreement on cooperation in geothermal energy": ({"CHL", "PER"}, 2024)}),
    # an outcomes list: "Signed a ..." with no subject
    (MEETING + "Outcomes of the visit.\nSigned a Memorandum of Understanding on Mining "
     "Cooperation.", "2024-05-07",
     {"Memorandum of Understanding on Mining Cooperation": ({"CHL", "PER"}, 2024)}),
    # "last year's signing of X": the meeting's states, the year before the document's
    (MEETING + "Following last year's signing of a Memorandum of Understanding on Energy "
     "Cooperation, the two leaders reviewed trade.", "2024-05-07",
     {"Memorandum of Understanding on Energy Cooperation": ({"CHL", "PER"}, 2023)}),
    # a list of documents signed, introduced by a line ending in a colon
    (MEETING + "The ministers concluded the following documents:\nA Memorandum of "
     "Understanding on Tourism.\nA Memorandum of Understanding on Higher Education.",
     "2024-05-07",
     {"Memorandum of Understanding on Tourism": ({"CHL", "PER"}, 2024),
      "Memorandum of Understanding on Higher Education": ({"CHL", "PER"}, 2024)}),
    # no meeting: "the parties" stand for nobody
    ("The parties signed a Memorandum of Understanding on cooperation in fisheries.",
     "2024-05-07", {}),
]

TITLE_CASES = [
    # ministries and departments of two states are those states' agreement; the between part
    # and the subject stay in the label
    ("The Memorandum of Understanding between Canada's Department of Fisheries and Norway's "
     "Ministry of Fisheries on aquaculture research was signed in 2019.", None,
     {"Memorandum of Understanding between Canada's Department of Fisheries and Norway's "
      "Ministry of Fisheries on aquaculture research": ({"CAN", "NOR"}, 2019)}),
    # a company as a party: not an agreement between states
    ("Chile signed a Memorandum of Understanding with Andes Mining Corporation on lithium "
     "extraction in 2021.", None, {}),
    ("The Memorandum of Understanding between the Ministry of Energy of Chile and Andes Power "
     "Group on solar parks was signed in 2021.", None, {}),
    # a name that carries its date: the date stays in the label and gives the year
    ("The ministers recalled the Joint Declaration of March 3, 2015, signed by Chile and Peru.",
     None, {"Joint Declaration of March 3, 2015": ({"CHL", "PER"}, 2015)}),
    # "to VB" after a definite proper name says what to do with it, not what it is
    ("Officials agreed to expand the Japan-Philippines Reciprocal Access Agreement to cover "
     "cyberspace.", None,
     {"Japan-Philippines Reciprocal Access Agreement": ({"JPN", "PHL"}, None)}),
    # "during <a dated visit>" dates the signing
    ("During the visit to Lima in 2019, Chile and Peru signed a Treaty on Border Cooperation.",
     None, {"Treaty on Border Cooperation": ({"CHL", "PER"}, 2019)}),
]


@pytest.mark.parametrize(("text", "date", "expected"), MEETING_CASES + TITLE_CASES,
                         ids=[c[0][-48:] for c in MEETING_CASES + TITLE_CASES])
def test_agreements_titles_meetings_and_lists(parse, text, date, expected):
    _check_table(parse, text, date, expected)


def test_agreements_meeting_states_come_from_the_opening(parse):
    from graph.extract.context.meeting import meeting_states

    document, doc = parse(MEETING + "They discussed trade. They discussed fisheries. Brazil and "
                          "Argentina were discussed as well.")
    assert meeting_states(document, doc) == ("CHL", "PER")
    document, doc = parse("Brazil, Chile and Peru held talks in Lima on Monday.")
    assert meeting_states(document, doc) == ()


# Agreements not yet made, lists of instruments, joint texts and years of this round.
PLANNED_CASES = [
    # under negotiation or planned: no party claim
    ("Chile and Peru began negotiations on a Chile-Peru Digital Economy Agreement.", None, {}),
    ("Chile and Peru announced the decision to negotiate a Treaty on Extradition.", None, {}),
    ("Chile and Peru will sign a Memorandum of Understanding on Fisheries next month.", None, {}),
    ("Chile and Peru agreed to conclude a Treaty on Legal Assistance.", None, {}),
    ("Chile reaffirmed its commitment to concluding the Free Trade Agreement with Peru.", None,
     {}),
    ("The leaders looked forward to the early conclusion of the Pacific Fisheries Agreement.",
     None, {}),
    # a treaty already in force stays a claim when the verb looks ahead
    ("Chile and Peru will honour the Treaty of Lima.", None,
     {"Treaty of Lima": ({"CHL", "PER"}, None)}),
]

LIST_CASES = [
    # a plural head with a list of subjects: one memorandum per item, the shared words kept
    (MEETING + "The ministers signed memorandums on cooperation in forestry, tourism and "
     "sport, and fisheries.", "2024-05-07",
     {"memorandum on cooperation in forestry": ({"CHL", "PER"}, 2024),
      "memorandum on cooperation in tourism and sport": ({"CHL", "PER"}, 2024),
      "memorandum on cooperation in fisheries": ({"CHL", "PER"}, 2024)}),
    # "on A and on B": the preposition repeats, so it opens each item
    (MEETING + "The ministers signed intergovernmental agreements on mutual legal assistance "
     "and on cooperation in civil aviation.", "2024-05-07",
     {"intergovernmental agreement on mutual legal assistance": ({"CHL", "PER"}, 2024),
      "intergovernmental agreement on cooperation in civil aviation": ({"CHL", "PER"}, 2024)}),
    # capitalised items share only the preposition; an acronym title keeps its acronym
    (MEETING + "The ministers signed MOUs on Mining Safety, and Water Management.", "2024-05-07",
     {"MOU on Mining Safety": ({"CHL", "PER"}, 2024),
      "MOU on Water Management": ({"CHL", "PER"}, 2024)}),
    # a plural that names a kind of instrument is no agreement
    ("Chile and Peru have signed many free trade agreements.", None, {}),
]

YEAR_CASES = [
    # "marking 20 years of the treaty" in a dated text
    ("This year Chile and Peru are marking 20 years of the Treaty of Friendship between Chile "
     "and Peru.", "2024-05-07",
     {"Treaty of Friendship between Chile and Peru": ({"CHL", "PER"}, 2004)}),
    # a clause after the nearer name belongs to it, though the parser hangs it on the first
    ("Chile and Peru adopted the joint Political Declaration that builds upon the Treaty of "
     "Lima, signed by Chile and Peru in 1999.", None,
     {"joint Political Declaration": ({"CHL", "PER"}, None),
      "Treaty of Lima": ({"CHL", "PER"}, 1999)}),
]


@pytest.mark.parametrize(("text", "date", "expected"), PLANNED_CASES + LIST_CASES + YEAR_CASES,
                         ids=[c[0][-48:] for c in PLANNED_CASES + LIST_CASES + YEAR_CASES])
def test_agreements_planned_lists_and_years(parse, text, date, expected):
    _check_table(parse, text, date, expected)


def test_agreements_one_joint_declaration_written_two_ways_is_one_node(parse):
    document, doc = parse(MEETING + "The presidents signed the Joint Declaration of the "
                          "Presidents of Chile and Peru. The Joint Declaration on the Strategic "
                          "Partnership was signed in Lima.", date="2024-05-07")
    parties = extract_parties(document, doc, roles=())
    assert len({p.agreement.key for p in parties}) == 1
    assert {p.country.key for p in parties} == {"CHL", "PER"}


def test_agreements_under_climbs_past_including(parse):
    document, doc = parse("Chile and Peru are cooperating closely, including under the Paris "
                          "Agreement.")
    parties = extract_parties(document, doc, roles=())
    assert _found(parties) == {"Paris Agreement": ({"CHL", "PER"}, None)}
    assert {p.evidence.rule for p in parties} == {"agreement.under.v1"}


def test_agreements_meeting_is_the_titled_guest_and_the_publishing_state(nlp):
    from graph.clean import clean_document
    from graph.extract.context.meeting import meeting_states
    from graph.types import Document

    def meeting(url: str | None) -> tuple[str, ...]:
        document = clean_document(Document(
            id="t", text="The two leaders signed the Treaty on Maritime Delimitation.",
            source="t.txt", title="Visit to Canberra by the President of Indonesia", url=url))
        return meeting_states(document, nlp(document.body))

    assert meeting("https://www.pm.gov.au/media/visit") == ("AUS", "IDN")
    assert meeting("https://news.example.com/visit") == ()
    assert meeting("https://www.kemlu.go.id/visit") == ()


# Who holds an agreement without signing it in the sentence (issue 13, cause 2): its duties,
# acts on it, collective actors at a meeting, a participle the parser hung elsewhere, and
# heads that make an agreement only inside a name.
HOLDER_CASES = [
    # agreement.duty.v1: a pronoun possessor takes whoever is asked to act; a country possessor
    ("Canada called on Iran to abide by its commitments under the Chemical Weapons "
     "Convention.", None, {"Chemical Weapons Convention": ({"IRN"}, None)}),
    ("Officials reviewed Brazil's obligations under the Escazu Agreement.", None,
     {"Escazu Agreement": ({"BRA"}, None)}),
    ("Chile and Peru met in Lima. The statement affirms the commitment of both countries to "
     "the Ramsar Convention.", None, {"Ramsar Convention": ({"CHL", "PER"}, None)}),
    ("Officials reviewed Brazil's obligations under the treaty.", None, {}),
    # agreement.act.v1: ratifying, acceding to, breaching it
    ("The minister welcomed the ratification of the Kyoto Protocol by Canada.", None,
     {"Kyoto Protocol": ({"CAN"}, None)}),
    ("Chile's accession to the Antarctic Treaty was discussed.", None,
     {"Antarctic Treaty": ({"CHL"}, None)}),
    ("Officials condemned the violation by Syria of the Chemical Weapons Convention.", None,
     {"Chemical Weapons Convention": ({"SYR"}, None)}),
    ("Chile has not completed its ratification of the Escazu Agreement.", None, {}),
    # collective actors stand for the meeting's two states
    (MEETING + "Both parties reaffirmed their commitment to the Ramsar Convention.", None,
     {"Ramsar Convention": ({"CHL", "PER"}, None)}),
    ("Both parties reaffirmed their commitment to the Ramsar Convention.", None, {}),
    # named-only heads: a named arrangement is an agreement, plain "arrangements" are not
    ("Australia and Indonesia signed the Consular Arrangement in 2008.", None,
     {"Consular Arrangement": ({"AUS", "IDN"}, 2008)}),
    ("Australia and Indonesia signed new arrangements for crew transfers in 2008.", None, {}),
]


@pytest.mark.parametrize(("text", "date", "expected"), HOLDER_CASES,
                         ids=[c[0][-48:] for c in HOLDER_CASES])
def test_agreements_duties_acts_and_collective_holders(parse, text, date, expected):
    _check_table(parse, text, date, expected)


def test_agreements_participle_hung_on_the_main_verb_still_signs_the_name(parse):
    from graph.extract.agreements.syntax import reduced_relative

    document, doc = parse(MEETING + "Recalling the Joint Declaration on Fisheries Cooperation "
                          "(JDFC), signed in May 2015, the Prime Ministers reaffirmed the "
                          "partnership.", date="2024-05-07")
    signed = next(t for t in doc if t.lower_ == "signed")
    assert signed.dep_ == "advcl"  # the small model's reading this test is about
    parties = extract_parties(document, doc, roles=())
    assert _found(parties) == {"Joint Declaration on Fisheries Cooperation": ({"CHL", "PER"},
                                                                              2015)}
    name_end = next(t.i for t in doc if t.text == "Cooperation") + 1
    found = reduced_relative(name_end, signed.sent)
    assert found is not None and found.i == signed.i
    assert reduced_relative(signed.sent.start, signed.sent) is None


# Signing nouns that report no signing at the meeting, ratifying without a date, the one
# asked to honour its obligations, and a shortened title (issue 13, causes 2 and 3).
REPORT_CASES = [
    (MEETING + "The leaders recalled the progress made since the conclusion of the Andean "
     "Water Treaty.", "2024-05-07", {}),
    (MEETING + "Trade would be helped by the conclusion of the Memorandum of Understanding on "
     "Copper.", "2024-05-07", {}),
    (MEETING + "The ministers stressed the importance of the conclusion of a convention on river "
     "pollution.", "2024-05-07", {}),
    (MEETING + "The two leaders welcomed the signing of the Memorandum of Understanding on "
     "Copper.", "2024-05-07",
     {"Memorandum of Understanding on Copper": ({"CHL", "PER"}, 2024)}),
    (MEETING + "Both sides have ratified the Ramsar Convention.", "2024-05-07",
     {"Ramsar Convention": ({"CHL", "PER"}, None)}),
    ("Norway reiterated its call on Iran to honour its obligations under the Chemical Weapons "
     "Convention.", None, {"Chemical Weapons Convention": ({"IRN"}, None)}),
    (MEETING + "The ministers signed the Memorandum of Understanding on Cooperation in the Field "
     "of Copper Mining. The Memorandum of Understanding on Copper Mining will be reviewed in "
     "2026.", "2024-05-07",
     {"Memorandum of Understanding on Cooperation in the Field of Copper Mining":
      ({"CHL", "PER"}, 2024)}),
]


@pytest.mark.parametrize(("text", "date", "expected"), REPORT_CASES,
                         ids=[c[0][-48:] for c in REPORT_CASES])
def test_agreements_reported_signings_and_shortened_titles(parse, text, date, expected):
    _check_table(parse, text, date, expected)


def test_agreements_shortened_core_joins_only_one_full_title():
    from graph.extract.agreements.merge import shortened_cores

    nouns = {"non proliferation treaty": "treaty",
             "treaty on the non proliferation of nuclear weapons": "treaty",
             "memorandum on wool": "memorandum",
             "memorandum on wool and cotton": "memorandum",
             "memorandum on wool and silk": "memorandum",
             "agreement on cooperation": "agreement",
             "agreement on cooperation in mining": "agreement"}
    assert shortened_cores(nouns) == {
        "non proliferation treaty": "treaty on the non proliferation of nuclear weapons"}


# Titles with commas, a title's country in its "of" phrase, a signing verb's lower-case
# object as a title, and years of the moment ("just signed", "later this year", a
# signing whose signers and name together are the meeting's states).
TITLE_YEAR_CASES = [
    ("The Security Council welcomed the Treaty of Peace, Friendship and Cooperation signed by "
     "the President of the Republic of Chile and the Prime Minister of Peru.", None,
     {"Treaty of Peace, Friendship and Cooperation": ({"CHL", "PER"}, None)}),
    (MEETING + "Today, we signed an agreement to build two bridges on the border.", "2024-05-07",
     {"agreement to build two bridges on the border": ({"CHL", "PER"}, 2024)}),
    ("Chile and Peru have just signed the Treaty on Border Cooperation.", "2024-05-07",
     {"Treaty on Border Cooperation": ({"CHL", "PER"}, 2024)}),
    (MEETING + "The presidents witnessed the signing of a Memorandum of Understanding on Youth "
     "Exchanges, which will take effect later this year.", "2024-05-07",
     {"Memorandum of Understanding on Youth Exchanges": ({"CHL", "PER"}, 2024)}),
    (MEETING + "Minister Soto of Chile and Minister Vega signed a Memorandum of Understanding "
     "between the Ministry of Energy of Chile and the Ministry of Mines of Peru on solar power.",
     "2024-05-07",
     {"Memorandum of Understanding between the Ministry of Energy of Chile and the Ministry of "
      "Mines of Peru on solar power": ({"CHL", "PER"}, 2024)}),
    # a day before the month stays in the name; a headline's words after the parties do not
    ("The envoy praised the 3 May Agreement between Chile and Peru.", None,
     {"3 May Agreement between Chile and Peru": ({"CHL", "PER"}, None)}),
    ("The envoy praised the Lima Agreement between Chile, Peru, Hopes Rise for Calm", None,
     {"Lima Agreement between Chile, Peru": ({"CHL", "PER"}, None)}),
    # the participle right after the name signs it; "on 14 March" in a May text is this year's
    ("The Council welcomed the Lima Treaty signed between Chile and Peru on 14 March in Lima.",
     "2024-05-07", {"Lima Treaty": ({"CHL", "PER"}, 2024)}),
    # a lower-case "agreement" that is not a signing verb's object stays no title
    ("Chile and Peru discussed an agreement to build two bridges.", None, {}),
]


@pytest.mark.parametrize(("text", "date", "expected"), TITLE_YEAR_CASES,
                         ids=[c[0][-48:] for c in TITLE_YEAR_CASES])
def test_agreements_titles_and_years_of_the_moment(parse, text, date, expected):
    _check_table(parse, text, date, expected)

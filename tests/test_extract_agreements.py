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
     {"Treaty of Friendship": ({"CHN", "PAK"}, 1950)}),
    # a year written into the name
    ("The 1965 Treaty on Basic Relations between Japan and the Republic of Korea normalized ties.",
     None, {"1965 Treaty on Basic Relations": ({"JPN", "KOR"}, 1965)}),
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


@pytest.mark.parametrize(("text", "date", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_agreements_extract_table(parse, text, date, expected):
    document, doc = parse(text, date=date)
    parties = extract_parties(document, doc, roles=())
    assert _found(parties) == expected
    assert all(p.evidence.rule in RULES for p in parties)


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

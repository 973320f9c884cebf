"""The gazetteer: country and organisation names in, ISO codes and keys out.

The table tests are pure lookups (no spaCy); the tests marked slow run spans of
real sentences through the pipeline to check capitals used as places.
"""

from __future__ import annotations

import csv
import logging
import re
from importlib import resources

import pycountry
import pytest

from graph.gazetteer import Gazetteer, korean_context, load_gazetteer, normalize_name

KOREAN_TEXT = "Seoul and Washington discussed the denuclearization of North Korea."

# (mention, options, expected ISO3 or None). Options: demonym / capital opt-in, context.
MENTIONS = [
    # names, with articles, possessives and case
    ("United States", {}, "USA"),
    ("the United States", {}, "USA"),
    ("The United States", {}, "USA"),
    ("America", {}, "USA"),
    ("South Korea", {}, "KOR"),
    ("South Korea’s", {}, "KOR"),
    ("Korea", {}, "KOR"),
    ("Republic of Korea", {}, "KOR"),
    ("the Republic of Korea", {}, "KOR"),
    ("Korea, Republic of", {}, "KOR"),
    ("S. Korea", {}, "KOR"),
    ("North Korea's", {}, "PRK"),
    ("Democratic People's Republic of Korea", {}, "PRK"),
    ("Japan", {}, "JPN"),
    ("SOUTH KOREA", {}, "KOR"),
    ("People's Republic of China", {}, "CHN"),
    ("Russian Federation", {}, "RUS"),
    ("Britain", {}, "GBR"),
    ("Türkiye", {}, "TUR"),
    ("Turkey", {}, "TUR"),
    ("Ivory Coast", {}, "CIV"),
    ("Côte d'Ivoire", {}, "CIV"),
    ("Czech Republic", {}, "CZE"),
    ("Burma", {}, "MMR"),
    ("Viet Nam", {}, "VNM"),
    ("Dominica", {}, "DMA"),
    ("Dominican Republic", {}, "DOM"),
    ("Guinea", {}, "GIN"),
    ("Guinea-Bissau", {}, "GNB"),
    ("Equatorial Guinea", {}, "GNQ"),
    ("Papua New Guinea", {}, "PNG"),
    ("Niger", {}, "NER"),
    ("Nigeria", {}, "NGA"),
    ("Sudan", {}, "SDN"),
    ("South Sudan", {}, "SSD"),
    ("Jordan", {}, "JOR"),
    ("Chad", {}, "TCD"),
    ("Eswatini", {}, "SWZ"),
    ("Swaziland", {}, "SWZ"),
    ("Taiwan", {}, "TWN"),
    # abbreviations: short ones are case-exact
    ("U.S.", {}, "USA"),
    ("the U.S.’s", {}, "USA"),
    ("U.S", {}, "USA"),
    ("US", {}, "USA"),
    ("USA", {}, "USA"),
    ("ROK", {}, "KOR"),
    ("DPRK", {}, "PRK"),
    ("the DPRK’s", {}, "PRK"),
    ("PRC", {}, "CHN"),
    ("UK", {}, "GBR"),
    ("U.K.", {}, "GBR"),
    ("UAE", {}, "ARE"),
    ("DRC", {}, "COD"),
    ("KSA", {}, "SAU"),
    # demonyms, when the caller allows them
    ("South Korean", {}, "KOR"),
    ("American", {}, "USA"),
    ("Japanese", {}, "JPN"),
    ("Chinese", {}, "CHN"),
    ("North Korean", {}, "PRK"),
    ("Nigerian", {}, "NGA"),
    ("Nigerien", {}, "NER"),
    ("Dominican", {}, "DOM"),
    ("Sudanese", {}, "SDN"),
    ("South Sudanese", {}, "SSD"),
    ("Filipino", {}, "PHL"),
    ("Emirati", {}, "ARE"),
    ("Dutch", {}, "NLD"),
    ("Japanese", {"allow_demonym": False}, None),
    # capitals only when the caller opts in (metonymy: "Seoul said")
    ("Seoul", {"allow_capital": True}, "KOR"),
    ("Washington", {"allow_capital": True}, "USA"),
    ("Tokyo", {"allow_capital": True}, "JPN"),
    ("Pyongyang", {"allow_capital": True}, "PRK"),
    ("Beijing", {"allow_capital": True}, "CHN"),
    ("Moscow", {"allow_capital": True}, "RUS"),
    ("the Kremlin", {"allow_capital": True}, "RUS"),
    ("Kyiv", {"allow_capital": True}, "UKR"),
    ("Kiev", {"allow_capital": True}, "UKR"),
    ("New Delhi", {"allow_capital": True}, "IND"),
    ("Canberra", {"allow_capital": True}, "AUS"),
    ("Seoul", {}, None),
    ("Washington", {}, None),
    # ambiguous names need a context with cues for exactly one country
    ("the North", {"context": KOREAN_TEXT}, "PRK"),
    ("the South", {"context": KOREAN_TEXT}, "KOR"),
    ("the North", {}, None),
    ("the North", {"context": "The war between the North and the South ended in 1865."}, None),
    ("Georgia", {"context": "Tbilisi said Georgia would apply to join the EU."}, "GEO"),
    ("Georgia", {"context": "Voters in Georgia and Arizona went to the polls."}, None),
    ("Georgia", {}, None),
    ("Congo", {"context": "Fighting near Goma in eastern Congo."}, "COD"),
    ("Congo", {"context": "Brazzaville, the capital of Congo."}, "COG"),
    ("Congo", {"context": "Kinshasa and Brazzaville face each other across the Congo."}, None),
    ("Congo", {"context": ["Congo said.", "Talks in Kinshasa."]}, "COD"),
    ("Congolese", {"context": "Kinshasa"}, "COD"),
    # negatives: not countries
    ("us", {}, None),
    ("turkey", {}, None),
    ("china", {}, None),
    ("New Mexico", {}, None),
    ("Korea Herald", {}, None),
    ("Kim-Trump Singapore", {}, None),
    ("Brussels", {"allow_capital": True}, None),
    ("The Hague", {"allow_capital": True}, None),
    ("Blinken", {}, None),
    ("", {}, None),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_mention_table_is_large_enough():
    assert len(MENTIONS) >= 40
    assert len({iso for _, _, iso in MENTIONS if iso}) >= 30


@pytest.mark.parametrize(("mention", "options", "expected"), MENTIONS,
                         ids=[f"{m or 'empty'}-{i}" for i, (m, _, _) in enumerate(MENTIONS)])
def test_gazetteer_resolves_mention(gazetteer, mention, options, expected):
    assert gazetteer.resolve(mention, **options) == expected


def test_gazetteer_has_every_iso_country_with_label(gazetteer):
    codes = {record.alpha_3 for record in pycountry.countries}
    assert set(gazetteer.countries) == codes | {"CSK", "DDR", "SUN", "YUG"}
    assert all(c.label and "," not in c.label.replace("Saint Helena,", "") for c in
               gazetteer.countries.values())
    assert gazetteer.countries["KOR"].label == "South Korea"
    assert gazetteer.countries["PRK"].label == "North Korea"
    assert gazetteer.countries["TUR"].label == "Türkiye"


def _rows(name: str) -> list[list[str]]:
    raw = resources.files("graph.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def test_gazetteer_countries_tsv_has_one_row_per_iso_code_and_valid_wikidata_ids():
    rows = _rows("countries.tsv")
    codes = [row[0] for row in rows]
    assert sorted(codes) == sorted(r.alpha_3 for r in pycountry.countries)
    assert len(codes) == len(set(codes))
    ids = [row[2] for row in rows if len(row) > 2 and row[2]]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids)
    assert len(ids) == len(set(ids)), "two countries share a Wikidata id"
    checked = {row[0]: row[3] for row in rows if len(row) > 3 and row[3]}
    assert set(checked) == {row[0] for row in rows if len(row) > 2 and row[2]}


def test_gazetteer_known_wikidata_ids(gazetteer):
    expected = {"USA": "Q30", "KOR": "Q884", "PRK": "Q423", "JPN": "Q17", "CHN": "Q148",
                "RUS": "Q159", "UKR": "Q212", "GBR": "Q145", "FRA": "Q142", "DEU": "Q183",
                "AUS": "Q408", "NZL": "Q664", "TWN": "Q865", "IND": "Q668"}
    assert {k: gazetteer.countries[k].wikidata for k in expected} == expected
    assert gazetteer.countries["ATA"].wikidata is None


def test_gazetteer_sovereign_states_all_have_wikidata(gazetteer):
    # The 193 UN members are the countries with a "check = 2" source agreement.
    states = {row[0] for row in _rows("countries.tsv") if len(row) > 3 and row[3] == "2"}
    assert len(states) >= 193
    assert all(gazetteer.countries[s].wikidata for s in states)


def test_gazetteer_names_cover_every_country_and_forms():
    rows = _rows("country_names.tsv")
    codes = {r.alpha_3 for r in pycountry.countries} | {r[0] for r in _rows("dissolved_states.tsv")}
    assert {row[0] for row in rows} == codes
    assert {row[2] for row in rows} == {"name", "abbreviation", "demonym", "capital"}
    assert len({tuple(row[:3]) for row in rows}) == len(rows), "duplicate rows"
    with_capital = {row[0] for row in rows if row[2] == "capital"}
    with_demonym = {row[0] for row in rows if row[2] == "demonym"}
    assert len(with_capital) >= 190 and len(with_demonym) >= 190


def test_gazetteer_loads_without_conflicts(caplog):
    with caplog.at_level(logging.WARNING, logger="graph.gazetteer"):
        Gazetteer()
    assert caplog.records == []


def test_gazetteer_ruler_names_leave_out_ambiguous_and_person_names(gazetteer):
    texts = {n.text for n in gazetteer.country_names()}
    assert {"ROK", "U.S.", "South Korean", "Seoul"} <= texts
    assert not {"Georgia", "Congo", "North", "Jordan", "Chad", "Jersey"} & texts
    assert set(gazetteer.ambiguous_names()) >= {"Georgia", "Congo", "North", "South"}


def test_gazetteer_name_source_points_at_data_entry(gazetteer):
    assert gazetteer.country("ROK").source.startswith("country_names.tsv:")
    assert gazetteer.country("Korea, Republic of").source == "pycountry:name"


@pytest.mark.parametrize(("text", "expected"), [
    ("ROK-U.S.-Japan", ["KOR", "USA", "JPN"]),
    ("U.S.-ROK", ["USA", "KOR"]),
    ("Korea-U.S.-Japan", ["KOR", "USA", "JPN"]),
    ("Kim-Trump", []),
    ("Korea", []),
])
def test_gazetteer_countries_in_compound(gazetteer, text, expected):
    assert gazetteer.countries_in_compound(text) == expected


@pytest.mark.parametrize(("text", "key"), [
    ("UN", "UN"), ("U.N.", "UN"), ("United Nations", "UN"),
    ("UN Security Council", "UNSC"), ("U.N. Security Council", "UNSC"),
    ("the Security Council", "UNSC"), ("UNSC", "UNSC"),
    ("NATO", "NATO"), ("North Atlantic Treaty Organization", "NATO"),
    ("EU", "EU"), ("the European Union", "EU"), ("G7", "G7"), ("Group of Seven", "G7"),
    ("G20", "G20"), ("ASEAN", "ASEAN"), ("IAEA", "IAEA"), ("WHO", "WHO"),
    ("World Health Organization", "WHO"), ("African Union", "AU"), ("AU", "AU"),
    ("OSCE", "OSCE"), ("Quad", "QUAD"), ("AUKUS", "AUKUS"),
    ("Nuclear Consultative Group", "NCG"), ("NCG", "NCG"),
    ("who", None), ("quad", None), ("au", None), ("Korea", None),
])
def test_gazetteer_organization(gazetteer, text, key):
    org = gazetteer.organization(text)
    assert (org.key if org else None) == key


def test_gazetteer_normalize_name():
    assert normalize_name("  the  United   States’s ") == "United States"
    assert normalize_name("“Korea,”") == "Korea"
    assert normalize_name("U.S.") == "U.S."


def test_gazetteer_korean_context():
    assert korean_context(KOREAN_TEXT)
    assert not korean_context("The Union and the Confederacy.")


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "capital", "expected"), [
    ("Seoul said it would respond firmly.", "Seoul", "KOR"),
    ("Washington and Tokyo agreed on the plan.", "Tokyo", "JPN"),
    ("Seoul and Washington highlight the importance of the alliance.", "Washington", "USA"),
    ("Pyongyang launched a ballistic missile.", "Pyongyang", "PRK"),
    ("They held a summit in Seoul last year.", "Seoul", None),
    ("The minister will travel to Tokyo next week.", "Tokyo", None),
    ("Blinken visited Seoul and Tokyo.", "Tokyo", None),
])
def test_gazetteer_capital_spans_are_governments_not_places(parse, sentence, capital, expected):
    from graph.extract.common import country_of_span

    _, doc = parse(sentence)
    (span,) = [e for e in doc.ents if e.text == capital]
    entity = country_of_span(span, allow_capital=True)
    assert (entity.key if entity else None) == expected
    assert country_of_span(span) is None  # never without the opt-in


@pytest.mark.slow
def test_gazetteer_the_north_span_in_korean_document(parse):
    from graph.extract.common import country_of_span

    _, doc = parse("Talks with North Korea stalled. Seoul urged the North to return to talks.")
    spans = [doc.char_span(m.start(), m.end()) for m in re.finditer(r"North(?= to)", doc.text)]
    assert country_of_span(spans[0]).key == "PRK"


def test_gazetteer_dissolved_states_keep_their_own_former_codes(gazetteer):
    rows = _rows("dissolved_states.tsv")
    assert all(pycountry.historic_countries.get(alpha_3=row[0]) for row in rows)
    assert not {row[0] for row in rows} & {r.alpha_3 for r in pycountry.countries}
    found = {text: gazetteer.country(text) for text in
             ("the Soviet Union", "USSR", "the U.S.S.R.", "East Germany", "GDR",
              "Czechoslovakia", "Yugoslavia", "Russia")}
    assert {t: n.country.iso3 for t, n in found.items() if n} == {
        "the Soviet Union": "SUN", "USSR": "SUN", "the U.S.S.R.": "SUN",
        "East Germany": "DDR", "GDR": "DDR", "Czechoslovakia": "CSK",
        "Yugoslavia": "YUG", "Russia": "RUS"}
    assert gazetteer.countries["SUN"].label == "Soviet Union"
    assert gazetteer.countries["SUN"].wikidata == "Q15180"
    assert gazetteer.country("Soviet").form == "demonym"

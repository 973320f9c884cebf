"""Resolution across documents: one node per real thing, order-free and idempotent.

Everything here except the seed-build test is pure: hand-made facts, no spaCy.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.export import turtle_text
from graph.namespace import DG
from graph.rdf import build_graph
from graph.resolve import (
    RULES,
    merge_log_text,
    person_key,
    person_tokens,
    resolve_corpus,
)
from graph.types import Condemnation, DocumentFacts, Entity, Evidence, Party, Role

USA = Entity("Country", "USA", "United States", ("U.S.",))
KOR = Entity("Country", "KOR", "South Korea", ("ROK", "Korea"))
JPN = Entity("Country", "JPN", "Japan")


def person(label: str, *aliases: str) -> Entity:
    return Entity("Person", " ".join(label.casefold().split()), label, aliases)


def role(doc_id: str, who: Entity, title: str, country: Entity, status="current") -> Role:
    ev = Evidence(doc_id, f"{title} {who.label} spoke.", 0, 20, "role.test.v1")
    return Role(who, title, country, ev, status=status)


def facts(doc_id: str, roles=(), parties=(), condemnations=(), entities=()) -> DocumentFacts:
    return DocumentFacts(doc_id=doc_id, source=f"{doc_id}.txt", date=None, url=None, title=None,
                         sentences=1, entities=tuple(entities), roles=tuple(roles),
                         parties=tuple(parties), condemnations=tuple(condemnations))


def nodes_of(corpus, kind: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {n.key: (n.label, n.aliases) for n in corpus.nodes if n.kind == kind}


@pytest.mark.parametrize(("name", "tokens"), [
    ("Antony J. Blinken", ("antony", "blinken")),
    ("Antony Blinken", ("antony", "blinken")),
    ("Mr. Antony Blinken", ("antony", "blinken")),
    ("Cho Tae-yul", ("cho", "taeyul")),
    ("Cho Taeyul", ("cho", "taeyul")),
    ("Yoon Suk Yeol", ("yoon", "sukyeol")),
    ("Yoon Suk-yeol", ("yoon", "sukyeol")),
    ("Recep Tayyip Erdoğan", ("recep", "tayyip", "erdogan")),
    ("Martin Luther King Jr.", ("martin", "luther", "king")),
    ("President Yoon", ("yoon",)),
    ("Blinken", ("blinken",)),
    ("BLINKEN", ("blinken",)),
])
def test_resolve_person_tokens(name, tokens):
    assert person_tokens(name) == tokens


def test_resolve_countries_one_node_with_every_name():
    corpus = resolve_corpus([
        facts("a", entities=[USA, KOR]),
        facts("b", entities=[Entity("Country", "KOR", "South Korea", ("Republic of Korea",)),
                             Entity("Country", "USA", "United States", ("America",))]),
    ])
    countries = nodes_of(corpus, "Country")
    assert set(countries) == {"USA", "KOR"}
    assert countries["KOR"] == ("South Korea", ("Korea", "ROK", "Republic of Korea"))
    graph = build_graph(corpus)
    kor = URIRef("https://w3id.org/diplograph/id/country/kor")
    assert (kor, DG.iso3, Literal("KOR")) in graph
    assert (kor, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q884")) in graph
    assert len(list(graph.objects(kor, RDFS.label))) == 1


def test_resolve_people_merge_on_normalised_full_name_across_documents():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Antony J. Blinken"), "Secretary of State", USA)]),
        facts("b", roles=[role("b", person("Antony Blinken", "Blinken"), "Secretary", USA)]),
        facts("c", roles=[role("c", person("Cho Tae-yul", "Tae-yul"), "Foreign Minister", KOR)]),
        facts("d", roles=[role("d", person("Cho Taeyul"), "Foreign Minister", KOR)]),
        facts("e", roles=[role("e", person("Kishida Fumio"), "Prime Minister", JPN)]),
        facts("f", roles=[role("f", person("Fumio Kishida"), "Prime Minister", JPN)]),
    ])
    people = nodes_of(corpus, "Person")
    assert set(people) == {"antony blinken", "cho taeyul", "fumio kishida"}
    assert people["antony blinken"][0] == "Antony J. Blinken"
    assert set(people["antony blinken"][1]) == {"Antony Blinken", "Blinken"}
    assert people["cho taeyul"] == ("Cho Tae-yul", ("Cho Taeyul", "Tae-yul"))


def test_resolve_surname_only_joins_the_single_full_name_with_the_same_office():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Antony Blinken"), "Secretary of State", USA),
                          role("a", person("Joe Biden"), "President", USA),
                          role("a", person("Yoon Suk Yeol"), "President", KOR)]),
        facts("b", roles=[role("b", person("Blinken"), "Secretary of State", USA),
                          role("b", person("Biden"), "President", USA),
                          role("b", person("Yoon"), "President", KOR),
                          role("b", person("Obama"), "President", USA, "former")]),
    ])
    people = nodes_of(corpus, "Person")
    assert set(people) == {"antony blinken", "joe biden", "yoon sukyeol", "obama"}
    rules = {(m.name, m.doc_id): m.rule for m in corpus.merges if m.kind == "Person"}
    assert rules[("Blinken", "b")] == "person.surname-office.v1"
    assert rules[("Obama", "b")] == "person.surname-only.v1"
    assert rules[("Joe Biden", "a")] == "person.full-name.v1"


@pytest.mark.parametrize(("label", "title", "country", "why"), [
    ("Blinken", "Deputy Secretary", USA, "a different title"),
    ("Blinken", "Secretary of State", KOR, "a different country"),
    ("Kim", "President", USA, "a different surname"),
])
def test_resolve_surname_only_never_merges_without_the_same_office(label, title, country, why):
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Antony Blinken"), "Secretary of State", USA)]),
        facts("b", roles=[role("b", person(label), title, country)]),
    ])
    assert len(nodes_of(corpus, "Person")) == 2, why


def test_resolve_surname_only_with_two_candidates_stays_apart():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("George Bush"), "President", USA)]),
        facts("b", roles=[role("b", person("George W. Bush"), "President", USA),
                          role("b", person("Barbara Bush"), "President", USA)]),
        facts("c", roles=[role("c", person("Bush"), "President", USA)]),
    ])
    people = nodes_of(corpus, "Person")
    assert "bush" in people and len(people) == 3  # George (W.) Bush, Barbara Bush, Bush


def test_resolve_bare_surnames_in_two_documents_are_two_people():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Trump"), "President-elect", USA)]),
        facts("b", condemnations=[Condemnation(Entity("Event", "launch", "launch"),
                                               person("Trump"), Evidence("b", "s", 0, 1, "r"))]),
    ])
    assert set(nodes_of(corpus, "Person")) == {"trump#a", "trump#b"}


def test_resolve_agreements_merge_by_key_and_keep_every_name():
    mdt = Entity("Agreement", "mutual defense treaty", "Mutual Defense Treaty")
    mdt2 = Entity("Agreement", "mutual defense treaty", "ROK-U.S. Mutual Defense Treaty",
                  ("U.S.-ROK Mutual Defense Treaty",))
    ev = Evidence("a", "s", 0, 1, "agreement.test.v1")
    corpus = resolve_corpus([facts("a", parties=[Party(USA, mdt, ev, 1953)]),
                             facts("b", parties=[Party(KOR, mdt2, ev)])])
    ((label, aliases),) = nodes_of(corpus, "Agreement").values()
    assert label == "ROK-U.S. Mutual Defense Treaty"
    assert set(aliases) == {"Mutual Defense Treaty", "U.S.-ROK Mutual Defense Treaty"}
    graph = build_graph(corpus)
    (node,) = graph.subjects(RDF.type, DG.Agreement)
    assert len(list(graph.objects(node, SKOS.altLabel))) == 2


def test_resolve_merge_log_names_rule_and_data_entry():
    corpus = resolve_corpus([facts("a", entities=[KOR, Entity("Organization", "UNSC",
                                                                   "UN Security Council",
                                                                   ("UNSC",))])])
    text = merge_log_text(corpus)
    lines = text.splitlines()
    assert lines[0] == "kind\tname\tdoc\tnode\tlabel\trule\tsource"
    rows = [line.split("\t") for line in lines[1:]]
    rok = next(r for r in rows if r[1] == "ROK")
    assert rok[3:6] == ["KOR", "South Korea", "country.iso.v1"]
    assert rok[6].startswith("country_names.tsv:")
    unsc = next(r for r in rows if r[1] == "UNSC")
    assert unsc[6].startswith("organizations.tsv:")
    assert {r[5] for r in rows} <= set(RULES)


# --- laws: order independence and idempotence -------------------------------------------

PEOPLE = ["Antony Blinken", "Antony J. Blinken", "Blinken", "Joe Biden", "Biden", "Cho Tae-yul",
          "Cho Taeyul", "Yoon", "Yoon Suk Yeol", "Kim", "Kim Jong Un", "Mark Esper"]
TITLES = ["President", "Secretary of State", "Foreign Minister", "Secretary of Defense"]
COUNTRIES = [USA, KOR, JPN, Entity("Country", "PRK", "North Korea", ("DPRK",))]
AGREEMENTS = [Entity("Agreement", "mdt", "Mutual Defense Treaty"),
              Entity("Agreement", "mdt", "ROK-U.S. Mutual Defense Treaty"),
              Entity("Agreement", "wd", "Washington Declaration")]

doc_strategy = st.tuples(
    st.lists(st.tuples(st.sampled_from(PEOPLE), st.sampled_from(TITLES),
                       st.sampled_from(COUNTRIES)), max_size=4),
    st.lists(st.tuples(st.sampled_from(COUNTRIES), st.sampled_from(AGREEMENTS)), max_size=3),
)


def _corpus(docs) -> list[DocumentFacts]:
    out = []
    for index, (roles, parties) in enumerate(docs):
        doc_id = f"d{index:02d}"
        ev = Evidence(doc_id, "s", 0, 1, "test.v1")
        out.append(facts(doc_id,
                         roles=[role(doc_id, person(p), t, c) for p, t, c in roles],
                         parties=[Party(c, a, ev) for c, a in parties]))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(doc_strategy, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_resolve_is_independent_of_document_order(docs, rnd):
    corpus = _corpus(docs)
    shuffled = list(corpus)
    rnd.shuffle(shuffled)
    one, two = resolve_corpus(corpus), resolve_corpus(shuffled)
    assert one == two
    assert turtle_text(build_graph(one)) == turtle_text(build_graph(two))


@settings(max_examples=60, deadline=None)
@given(st.lists(doc_strategy, min_size=1, max_size=5))
def test_resolve_twice_changes_nothing(docs):
    once = resolve_corpus(_corpus(docs))
    twice = resolve_corpus(once.documents)
    assert twice.nodes == once.nodes
    assert twice.documents == once.documents
    assert turtle_text(build_graph(twice)) == turtle_text(build_graph(once))


def test_resolve_person_key_is_total():
    assert person_key("") == ""
    assert person_key("— ’ .") == ""


def test_resolve_does_not_load_spacy():
    code = ("import sys; from graph.resolve import resolve_corpus; "
            "from graph.gazetteer import load_gazetteer; load_gazetteer(); "
            "resolve_corpus([]); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the seed corpus ----------------------------------------------------------------------

SEED_COUNTRIES = {"USA": "United States", "KOR": "South Korea", "PRK": "North Korea",
                  "JPN": "Japan", "RUS": "Russia", "UKR": "Ukraine", "CHN": "China",
                  "AUS": "Australia", "NZL": "New Zealand"}
SEED_ORGANIZATIONS = {"NATO": "NATO", "UNSC": "UN Security Council", "NCG":
                      "Nuclear Consultative Group"}
# Each seed person once; a name here matches a node label by all its words.
SEED_PEOPLE = ["Antony Blinken", "Joe Biden", "Yoon Suk Yeol", "Fumio Kishida", "Cho Tae-yul",
               "Choi Sang-mok", "Obama", "Carter", "Austin", "Wu", "Trump", "Jeong Kyeong-doo",
               "Mark Esper"]


def _labels(graph: Graph, cls) -> list[str]:
    return sorted(str(graph.value(s, RDFS.label)) for s in set(graph.subjects(RDF.type, cls)))


@pytest.mark.slow
def test_resolve_seed_build_has_one_node_per_country_and_organisation(seed_build):
    out, _ = seed_build
    graph = Graph().parse(out / "graph.ttl")
    countries = {str(graph.value(s, DG.iso3)): s for s in graph.subjects(RDF.type, DG.Country)}
    assert set(SEED_COUNTRIES) <= set(countries)
    for iso3, label in SEED_COUNTRIES.items():
        node = countries[iso3]
        assert [str(x) for x in graph.objects(node, RDFS.label)] == [label]
        assert str(graph.value(node, OWL.sameAs)).startswith("http://www.wikidata.org/entity/Q")
    for node in countries.values():
        assert graph.value(node, OWL.sameAs) is not None
    orgs = _labels(graph, DG.Organization)
    assert len(orgs) == len(set(orgs))
    assert set(SEED_ORGANIZATIONS.values()) <= set(orgs)
    assert (out / "merges.tsv").read_text(encoding="utf-8").startswith("kind\tname\tdoc")


@pytest.mark.slow
def test_resolve_seed_build_has_one_node_per_person(seed_build):
    out, _ = seed_build
    graph = Graph().parse(out / "graph.ttl")
    people = _labels(graph, DG.Person)
    for name in SEED_PEOPLE:
        words = set(name.casefold().replace("-", " ").split())
        found = [p for p in people if words <= set(p.casefold().replace("-", " ").split())]
        assert len(found) == 1, (name, found)


# --- issue 13, resolution: generic names, years, surnames, event dates -------------------

IND = Entity("Country", "IND", "India")
PAK = Entity("Country", "PAK", "Pakistan")
EGY = Entity("Country", "EGY", "Egypt")
SDN = Entity("Country", "SDN", "Sudan")
FRA = Entity("Country", "FRA", "France")


def agreement_party(doc_id: str, country: Entity, key: str, label: str,
                    year: int | None = None) -> Party:
    ev = Evidence(doc_id, f"{label} was signed.", 0, 10, "agreement.test.v1")
    return Party(country, Entity("Agreement", key, label), ev, year)


def agreement_rows(corpus) -> set[tuple[str, str, str]]:
    """(country, agreement node, label) for every party claim of the resolved corpus."""
    labels = {n.key: n.label for n in corpus.nodes if n.kind == "Agreement"}
    return {(p.country.key, p.agreement.key, labels[p.agreement.key])
            for d in corpus.documents for p in d.parties}


def test_resolve_generic_name_naming_other_parties_stays_apart():
    ip, es = "India-Pakistan Water Treaty", "Egypt-Sudan Water Treaty"
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", IND, "water treaty", ip),
                            agreement_party("a", PAK, "water treaty", ip)]),
        facts("b", parties=[agreement_party("b", EGY, "water treaty", es),
                            agreement_party("b", SDN, "water treaty", es)]),
    ])
    rows = agreement_rows(corpus)
    nodes = {node for _, node, _ in rows}
    assert len(nodes) == 2
    assert {(c, label) for c, _, label in rows} == {
        ("IND", "India-Pakistan Water Treaty"), ("PAK", "India-Pakistan Water Treaty"),
        ("EGY", "Egypt-Sudan Water Treaty"), ("SDN", "Egypt-Sudan Water Treaty")}
    apart = [m for m in corpus.merges if m.rule == "agreement.parties.v1"]
    assert apart and "kept apart" in apart[0].source


def test_resolve_bare_name_joins_the_named_one_when_a_party_is_shared():
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", IND, "water treaty",
                                            "India-Pakistan Water Treaty")]),
        facts("b", parties=[agreement_party("b", PAK, "water treaty", "Water Treaty")]),
        facts("c", parties=[agreement_party("c", FRA, "water treaty", "Water Treaty")]),
    ])
    by_country = {c: node for c, node, _ in agreement_rows(corpus)}
    assert by_country["IND"] == by_country["PAK"] != by_country["FRA"]


def test_resolve_descriptive_titles_between_disjoint_pairs_stay_apart():
    mou = "Memorandum of Understanding on Cooperation in Agriculture"
    key = "memorandum of understanding on cooperation in agriculture"
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", USA, key, mou),
                            agreement_party("a", KOR, key, mou)]),
        facts("b", parties=[agreement_party("b", EGY, key, mou),
                            agreement_party("b", SDN, key, mou)]),
        facts("c", parties=[agreement_party("c", KOR, key, mou)]),
    ])
    by_country = {c: node for c, node, _ in agreement_rows(corpus)}
    assert by_country["USA"] == by_country["KOR"] != by_country["EGY"] == by_country["SDN"]


def test_resolve_proper_name_with_disjoint_parties_is_one_agreement():
    key = "paris agreement"
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", USA, key, "Paris Agreement"),
                            agreement_party("a", KOR, key, "Paris Agreement")]),
        facts("b", parties=[agreement_party("b", IND, key, "Paris Agreement"),
                            agreement_party("b", FRA, key, "Paris Agreement")]),
    ])
    assert len({node for _, node, _ in agreement_rows(corpus)}) == 1


def test_resolve_descriptive_titles_of_other_years_stay_apart():
    key = "joint declaration|JPN KOR"
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", JPN, key, "Joint Declaration", 1998)]),
        facts("b", parties=[agreement_party("b", KOR, key, "Joint Declaration", 2015)]),
        facts("c", parties=[agreement_party("c", KOR, key, "Joint Declaration", 1998)]),
    ])
    by_doc = {d.doc_id: d.parties[0].agreement.key for d in corpus.documents}
    assert by_doc["a"] == by_doc["c"] != by_doc["b"]


def test_resolve_the_same_name_and_parties_in_many_documents_is_one_agreement():
    # The name says India-Pakistan, the documents make Egypt a party: contradictory, yet
    # documents that say exactly the same are about one thing, however many they are.
    ip = "India-Pakistan Water Treaty"
    corpus = resolve_corpus([facts(d, parties=[agreement_party(d, EGY, "water treaty", ip)])
                             for d in ("a", "b", "c")]
                            + [facts("d", parties=[agreement_party("d", IND, "water treaty",
                                                                   ip)])])
    by_doc = {d.doc_id: d.parties[0].agreement.key for d in corpus.documents}
    assert by_doc["a"] == by_doc["b"] == by_doc["c"] != by_doc["d"]


def test_resolve_two_agreements_of_one_document_keep_their_years():
    corpus = resolve_corpus([
        facts("a", parties=[agreement_party("a", JPN, "basic relations treaty",
                                            "Treaty on Basic Relations", 1965),
                            agreement_party("a", JPN, "joint declaration|JPN KOR",
                                            "Joint Declaration", 1998)]),
        facts("b", parties=[agreement_party("b", KOR, "joint declaration|JPN KOR",
                                            "Joint Declaration", 1998)]),
    ])
    graph = build_graph(corpus)
    years = {str(graph.value(a, RDFS.label)): str(graph.value(a, DG.yearSigned))
             for a in graph.subjects(RDF.type, DG.Agreement)}
    assert years == {"Treaty on Basic Relations": "1965", "Joint Declaration": "1998"}


def test_resolve_surname_joins_the_full_name_across_documents():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Donald J. Trump"), "President", USA)]),
        facts("b", roles=[role("b", person("Trump"), "President", USA)]),
        facts("c", roles=[role("c", person("President Trump"), "President", USA)]),
    ])
    assert set(nodes_of(corpus, "Person")) == {"donald trump"}


def test_resolve_surname_shared_by_two_full_names_with_one_office_stays_apart():
    corpus = resolve_corpus([
        facts("a", roles=[role("a", person("Kim Young-sam"), "President", KOR)]),
        facts("b", roles=[role("b", person("Kim Dae-jung"), "President", KOR)]),
        facts("c", roles=[role("c", person("Kim"), "President", KOR)]),
        facts("d", roles=[role("d", person("Kim"), "President", KOR)]),
    ])
    people = nodes_of(corpus, "Person")
    assert len(people) == 4  # two full names, and each bare "Kim" on its own
    assert {m.rule for m in corpus.merges if m.name == "Kim"} == {"person.surname-only.v1"}


def _dated(doc_id: str, date: str | None, *roles_: Role) -> DocumentFacts:
    return replace(facts(doc_id, roles=roles_), date=date)


def test_resolve_surname_peers_join_within_a_term_without_a_full_name():
    corpus = resolve_corpus([
        _dated("a", "2022-03-01", role("a", person("Bennett"), "Prime Minister", JPN)),
        _dated("b", "2022-07-14", role("b", person("Bennett"), "Prime Minister", JPN)),
        _dated("c", "2009-01-01", role("c", person("Bennett"), "Prime Minister", JPN)),
        _dated("d", "2022-05-01", role("d", person("Bennett"), "Foreign Minister", JPN)),
    ])
    by_doc = {d.doc_id: d.roles[0].person.key for d in corpus.documents}
    assert by_doc["a"] == by_doc["b"]
    assert len({by_doc["a"], by_doc["c"], by_doc["d"]}) == 3
    rules = {m.doc_id: m.rule for m in corpus.merges if m.kind == "Person"}
    assert rules["b"] == "person.surname-peers.v1"


def condemned(doc_id: str, date: str | None, key: str, stated: str | None = None
              ) -> DocumentFacts:
    ev = Evidence(doc_id, "We condemn the launch.", 0, 10, "condemn.test.v1")
    claim = Condemnation(Entity("Event", key, "missile launch"), USA, ev, date=stated)
    return replace(facts(doc_id, condemnations=[claim]), date=date)


def test_resolve_events_of_different_dates_stay_apart():
    key = "PRK|missile launch||"
    corpus = resolve_corpus([
        condemned("a", "2016-02-07", key),
        condemned("b", "2016-02-09", key),
        condemned("c", "2022-11-03", key),
        condemned("d", "2022-11-20", key, stated="2016-02-07"),
        condemned("e", None, key),
    ])
    by_doc = {d.doc_id: d.condemnations[0].event.key for d in corpus.documents}
    assert by_doc["a"] == by_doc["b"] == by_doc["d"] == by_doc["e"]  # d states the date
    assert by_doc["c"] != by_doc["a"]
    assert len(nodes_of(corpus, "Event")) == 2

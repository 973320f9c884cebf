"""Dissolved states in extraction: a party, an office's country, never their successor."""

from __future__ import annotations

from graph.extract.agreements import extract_parties
from graph.extract.roles import extract_roles


def test_dissolved_state_is_a_party_under_its_own_code(parse):
    document, doc = parse("Canada and the Soviet Union signed a Fisheries Agreement in 1976.")
    parties = extract_parties(document, doc, roles=())
    assert {(p.country.key, p.agreement.label, p.year) for p in parties} == {
        ("CAN", "Fisheries Agreement", 1976), ("SUN", "Fisheries Agreement", 1976)}


def test_dissolved_state_gives_an_office_its_country(parse):
    document, doc = parse("The Foreign Minister of the USSR, Andrei Gromyko, arrived in Bonn.")
    roles = extract_roles(document, doc)
    assert {(r.person.label, r.title, r.country.key) for r in roles} == {
        ("Andrei Gromyko", "Foreign Minister", "SUN")}

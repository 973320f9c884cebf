"""Condemnations in list-like and pointing phrases, headlines and the speaker's "our".

Each case lists the events expected, as (words the event label contains, keys of
the condemners). An empty list means nothing is a condemnation.
"""

from __future__ import annotations

import pytest

from graph.extract.condemnations import extract_condemnations


def _summary(items) -> list[tuple[str, set[str]]]:
    events: dict[str, tuple[str, set[str]]] = {}
    for item in items:
        label, condemners = events.setdefault(item.event.key, (item.event.label.lower(), set()))
        condemners.add(item.condemner.key)
    return list(events.values())


CASES = [
    # A clause with its own subject is asserted whatever the first clause's modal says.
    ("Violence can never be excused, and Chile firmly condemns the bombing of the embassy "
     "in Lima.", [("bombing embassy", {"CHL"})]),
    ("Chile would never condemn the bombing of the embassy in Lima.", []),
    # "condemnation of X and of Y": each "of" phrase is an event.
    ("Chile has joined the condemnation of the shelling on May 6 of more than 30 homes in "
     "Tula and of the junta's refusal to let observers in.",
     [("shelling", {"CHL"}), ("refusal", {"CHL"})]),
    # A pointing phrase that says itself what was done, with nothing earlier to point to.
    ("Canada and Chile unanimously condemn these barbaric acts committed against a member "
     "state.", [("barbaric acts committed against member state", {"CAN", "CHL"})]),
    # A pointing word alone names no act.
    ("Chile condemns this act.", []),
    # One event, one label: the fullest mention names it.
    ("Peru condemns these remarks. As the general's remarks have been condemned by Peru "
     "before, it condemns them again.", [("general remarks", {"PER"})]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_condemn_lists_table(parse, text, expected):
    document, doc = parse(text)
    found = _summary(extract_condemnations(document, doc))
    assert len(found) == len(expected), found
    for words, condemners in expected:
        match = [f for f in found if all(w.rstrip("s") in f[0] for w in words.split())]
        assert match, (words, found)
        assert match[0][1] == condemners, (words, found)


def test_condemn_headline_in_title_case(parse):
    """ "Minister Strongly Condemns Attack": the model takes the verb for a name."""
    document, doc = parse("Chile Foreign Minister Strongly Condemns Terrorist Attack in Lima, "
                          "Peru")
    found = _summary(extract_condemnations(document, doc))
    assert [keys for label, keys in found if "attack in lima" in label] == [{"CHL"}], found


def test_condemn_our_condemnation_is_the_publishers(nlp):
    """ "We have been consistent in our condemnation of X": the speaker's country."""
    from graph.clean import clean_document
    from graph.types import Document

    text = "We have been consistent in our condemnation of the use of chemical weapons."
    document = clean_document(Document(id="t", text=text, source="t.txt",
                                       url="https://www.beehive.govt.nz/release/x"))
    found = _summary(extract_condemnations(document, nlp(document.body)))
    assert [keys for label, keys in found if "chemical weapons" in label] == [{"NZL"}], found


def test_condemn_as_well_as_items(parse):
    """ "..., as well as persecution and imprisonment of X": every item is an event."""
    document, doc = parse("Canada deplores the closure of the newspaper in the capital, as "
                          "well as the continuous persecution and imprisonment of its editors.")
    labels = [label for label, keys in _summary(extract_condemnations(document, doc))
              if keys == {"CAN"}]
    assert any("closure" in label for label in labels), labels
    assert any("persecution" in label for label in labels), labels

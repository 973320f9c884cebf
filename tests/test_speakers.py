"""Speaker labels: which words are a title and which a name (no spaCy needed)."""

from __future__ import annotations

import pytest

from graph.extract.context.speakers import find_turns, own_government_cue, read_label, split_label


@pytest.mark.parametrize(("label", "expected"), [
    ("SECRETARY BLINKEN", ("Secretary", "Blinken")),
    ("FOREIGN MINISTER CHO", ("Foreign Minister", "Cho")),
    ("ACTING PRESIDENT CHOI", ("President", "Choi")),
    ("MR. PRICE", ("", "Price")),
    ("BLINKEN", ("", "Blinken")),
    ("THE PRESIDENT", ("President", "")),
])
def test_speakers_split_label(label, expected):
    assert split_label(label) == expected


def test_speakers_split_label_turns():
    turns = find_turns("SECRETARY BLINKEN: Hello.\nQUESTION: Why?\n")
    assert [t.is_person for t in turns] == [True, False]
    assert split_label(turns[0].label) == ("Secretary", "Blinken")


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan my government announced.", True),
    ("As our President said, we agree.", True),
    ("Our prime minister will travel.", True),
    ("Your government announced it.", False),
    ("The government of Japan announced it.", False),
    ("Our governments agreed.", False),
])
def test_speakers_own_government_cue(text, expected):
    assert own_government_cue(text) is expected


def test_speakers_mixed_case_labels():
    text = ("President of Russia Vladimir Putin: Good afternoon.\nQuestion: Why?\n"
            "Vladimir Putin: Because.\nPrime Minister Abe: Thank you.\nMr Rudd: Yes.\n"
            "Source: the Kremlin\nRussia: a country\nJOURNALIST: We condemn it?\n")
    turns = find_turns(text)
    assert [(t.label, t.is_person) for t in turns] == [
        ("President of Russia Vladimir Putin", True), ("Question", False),
        ("Vladimir Putin", True), ("Prime Minister Abe", True), ("Mr Rudd", True),
        ("JOURNALIST", False)]
    assert read_label(turns[0].label) == ("President", "RUS", "Vladimir Putin")
    assert split_label(turns[3].label) == ("Prime Minister", "Abe")

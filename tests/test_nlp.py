"""The parse the extractors read: gazetteer countries, hyphen splits, non-country names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S.-ROK alliance endures.", [("U.S.", "USA"), ("ROK", "KOR")]),
        ("Korea-U.S.-Japan cooperation grew.", [("Korea", "KOR"), ("U.S.", "USA"),
                                                ("Japan", "JPN")]),
        ("The DPRK fired a missile.", [("DPRK", "PRK")]),
        ("He flew to New Mexico on Monday.", []),
        ("She wrote for the Korea Herald and the Japan Times.", []),
        ("Ships crossed the South China Sea near the Taiwan Strait.", []),
        ("The Bank of Korea held rates.", []),
        ("Peace on the Korean Peninsula matters to Japan.", [("Japan", "JPN")]),
    ],
)
def test_nlp_country_entities_carry_iso3_and_skip_lookalikes(nlp, text, expected):
    doc = nlp(text)
    found = [(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_ == "GPE" and ent.ent_id_]
    assert found == expected


def test_nlp_non_country_names_keep_no_country_id(nlp):
    doc = nlp("He flew to New Mexico and read the Korea Herald.")
    spans = {ent.text: ent.ent_id_ for ent in doc.ents}
    assert spans.get("New Mexico") == "" and spans.get("Korea Herald") == ""


def test_nlp_line_break_starts_a_sentence_in_web_text(nlp):
    doc = nlp("G7 Foreign Ministers' Statement on North Korea\n"
              "We condemn the launch in the strongest terms.")
    starts = [sent.text.strip() for sent in doc.sents]
    assert starts[-1] == "We condemn the launch in the strongest terms."


def test_nlp_line_after_a_dateline_is_not_cut_into_fragments(nlp):
    # A place line without a full stop: the parser used to make "Canada" and "and"
    # sentences of their own.
    doc = nlp("Wellington\nCanada and Chile have signed an Agreement on Fisheries for the "
              "management of shared stocks in the South Pacific, the ministers announced "
              "today.\nThe agreement was signed in Wellington. It enters into force soon.")
    sentences = [sent.text.strip() for sent in doc.sents]
    assert sentences[1].startswith("Canada and Chile have signed an Agreement on Fisheries")
    assert sentences[1].endswith("announced today.")
    assert sentences[2:] == ["The agreement was signed in Wellington.",
                             "It enters into force soon."]


def test_nlp_hard_wrapped_text_keeps_sentences_across_lines(nlp):
    text = ("The foreign ministers of Japan and South Korea met in Tokyo on Monday and\n"
            "agreed that the two governments would expand their cooperation on supply\n"
            "chains, energy security and the response to the launches carried out by\n"
            "North Korea over the past year, officials from both ministries said later.\n")
    doc = nlp(text)
    assert len([s for s in doc.sents if s.text.strip()]) == 1

from __future__ import annotations

import pytest

from graph.clean import clean_document
from graph.types import Document


def _clean(text: str, source: str = "d.txt") -> Document:
    return clean_document(Document(id="d", text=text, source=source))


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ('The de" />\nThe de"/>\nSeoul and Washington met.', 'de"', "Seoul and Washington met."),
        ("This webpage was generated programmatically; to access it visit:\n"
         "https://example.org/a\nShould you wish to eliminate this article, write.\n"
         "MODERATOR: Good afternoon.", "webpage", "MODERATOR: Good afternoon."),
        ("<html><body><p>Japan &amp; Korea</p><script>var x=1;</script></body></html>",
         "script", "Korea"),
    ],
)
def test_clean_blanks_boilerplate_and_keeps_offsets(text, gone, kept):
    document = _clean(text, "d.html" if text.startswith("<") else "d.txt")
    offsets = document.offsets or range(len(document.text) + 1)
    assert len(offsets) == len(document.clean) + 1
    assert gone not in document.clean
    start = document.clean.index(kept)
    assert document.text[offsets[start]:offsets[start + len(kept)]] == kept


def test_clean_html_decodes_entities_in_place():
    document = _clean("<p>Japan &amp; Korea</p>", "x.html")
    assert " ".join(document.clean.split()) == "Japan & Korea"


def test_clean_html_offsets_point_into_original():
    text = "<p>President <b>Yoon</b> spoke.</p>"
    document = _clean(text, "x.html")
    start = document.clean.index("Yoon")
    assert document.text[start:start + 4] == "Yoon"


def test_clean_reads_dateline_into_document_date():
    document = _clean("Headline\n\n2020-06-24 9\n\nThe defense chiefs met.")
    assert document.date == "2020-06-24"
    assert _clean("No date here.").date is None

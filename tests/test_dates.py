"""Datelines: where a document states its own date, and where it does not."""

from __future__ import annotations

import pytest

from graph.dates import document_month, document_year, find_document_date, parse_date

CASES = [
    ("S. Korea, U.S. emphasize alliance\n\n2020-06-24 9\n\nThe defense chiefs ...", "2020-06-24"),
    ("June 24, 2020\nThe ministers met in Seoul.", "2020-06-24"),
    ("Envoys meet in Lima\n\nUpdated: 2021-03-14 17:05:33 PET\n\nThe envoys met ...", "2021-03-14"),
    ("Tuesday, March 5, 2024\nThe talks resumed.", "2024-03-05"),
    ("WASHINGTON, Jan. 6, 2025 (Yonhap) -- South Korea's top diplomat said ...", "2025-01-06"),
    ("(LEAD) WASHINGTON, April 26, 2023 -- The two presidents ...", "2023-04-26"),
    ("SEOUL, June 24 (Yonhap) -- The defense chiefs ...\n2020/06/24 10:00", "2020-06-24"),
    ("Posted: 2023.04.26 10:00\nThe leaders met.", "2023-04-26"),
    ("Published 24 June 2020\nThe ministers met.", "2020-06-24"),
    # no year anywhere: a month and day alone give no date
    ("WASHINGTON, Jan. 6 (Yonhap) -- South Korea's top diplomat said ...", None),
    # a labelled publication line of a neighbouring day dates the text (time zones differ)
    ("Published : 2025-01-07 07:32\nWASHINGTON, Jan. 6 (Yonhap) -- The ministers met.",
     "2025-01-07"),
    # a copyright year is no publication date (archive pages show the current year)
    ("WASHINGTON, Jan. 6 (Yonhap) -- The ministers met.\n(END)\nCopyright 2025 Yonhap", None),
    # a date inside a sentence is history, not the document's date
    ("On June 25, 1950, North Korea invaded the South.", None),
    ("The treaty was signed on July 27, 1953 at Panmunjom.", None),
    # not dates
    ("2020-13-40\nText.", None),
    ("https://example.org/2020-06-24-story\nText.", None),
    ("This year marks 70 years since the two countries signed the treaty.", None),
    # more dateline formats, read by dateutil once the line has a date's shape
    ("WASHINGTON, March 3, 2016 — The secretary said ...", "2016-03-03"),
    ("3 March 2016\nThe ministers met.", "2016-03-03"),
    ("Mar. 3, 2016\nThe ministers met.", "2016-03-03"),
    ("2016-03-03T10:00:00Z\nThe ministers met.", "2016-03-03"),
    ("Date: 3rd of March 2016\nThe ministers met.", "2016-03-03"),
    ("March 3, 2016 12:00 PM EST\nThe ministers met.", "2016-03-03"),
    ("June 24, 2020 10.30\nThe ministers met.", "2020-06-24"),
    ("25.06.2016\nThe ministers met.", "2016-06-25"),
    ("3/3/2016\nThe ministers met.", "2016-03-03"),
    ("KYIV, 12 June (UNIAN) - The ministers met.\nUpdated: 12 June 2016", "2016-06-12"),
    # a day-first dateline without a year is no date on its own either
    ("KYIV, 12 June (UNIAN) - The ministers met.", None),
    # numbers that are not (certainly) dates
    ("03/04/2016\nThe ministers met.", None),  # 3 April or March 4: not guessed
    ("20160303\nThe ministers met.", None),
    ("March 3, 16\nThe ministers met.", None),
    ("5 and 6 March 2016\nThe ministers met.", None),
    ("March 2016\nThe ministers met.", None),
    ("February 30, 2020\nThe ministers met.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_dates_find_document_date(text, expected):
    assert find_document_date(text) == expected


def test_dates_only_the_head_is_searched():
    assert find_document_date("x\n" * 400 + "June 24, 2020\n") is None


@pytest.mark.parametrize(("iso", "year"), [("2023-05-01", 2023), (None, None), ("soon", None)])
def test_dates_document_year(iso, year):
    assert document_year(iso) == year


@pytest.mark.parametrize(("iso", "month"), [("2023-05-01", 5), (None, None), ("2023", None)])
def test_dates_document_month(iso, month):
    assert document_month(iso) == month


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-04-20", "2023-04-20"),
    ("2023-04-20T23:30:00-05:00", "2023-04-20"),  # the date written, not moved by its zone
    ("Thu, 20 Apr 2023 10:00:00 +0000", "2023-04-20"),
    ("April 20, 2023", "2023-04-20"),
    ("20 April", None),  # no year
    ("2023", None),
    ("2023-99-99", None),
    ("3/4/2023", None),
    ("published in April 2023", None),
])
def test_dates_parse_date_reads_one_whole_date(text, expected):
    assert parse_date(text) == expected

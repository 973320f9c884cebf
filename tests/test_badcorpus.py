"""A corpus of bad documents beside good ones builds the good ones whole (issue 15).

The bad corpus gathers every kind of document that once crashed or corrupted a
build; the property tests feed arbitrary text, bytes and JSONL to the stages that
read untrusted input.
"""

from __future__ import annotations

import json
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from graph import nlp as nlp_module
from graph.clean import clean_document
from graph.dates import find_document_date
from graph.pipeline import build
from graph.read import iter_documents
from graph.types import Document, ReadProblem

GOOD = {
    "good1.txt": "Japanese Prime Minister Fumio Kishida met reporters in Tokyo on Monday.\n",
    "good2.txt": "French President Emmanuel Macron spoke in Paris on Tuesday.\n",
}


def _bad_corpus(folder):
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "long.txt").write_text("a " * 30_000 + "\n" + GOOD["good1.txt"], encoding="utf-8")
    (folder / "longs.txt").write_text("ſept. 5, 2020\nThe ministers met.\n", encoding="utf-8")
    (folder / "crlf.txt").write_bytes(("\ufeffGerman Chancellor Olaf Scholz spoke.\r\n")
                                      .encode("utf-8"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    lines = [
        json.dumps({"id": "surrogate", "text": "x \ud800 y. The talks went on."}),
        json.dumps({"id": "baddate", "text": "t", "date": "2023-99-99"}),
        json.dumps({"id": "badtitle", "text": "t", "title": {"x": 1}}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "notext"}),
    ]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8",
                                        errors="surrogatepass")


@pytest.mark.slow
def test_badcorpus_builds_the_good_documents_and_reports_every_bad_one(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 20_000)  # long.txt is parsed in blocks
    bad = tmp_path / "bad"
    bad.mkdir()
    _bad_corpus(bad)
    good = tmp_path / "good"
    good.mkdir()
    for name, text in GOOD.items():
        (good / name).write_text(text, encoding="utf-8")
    report = build([bad], tmp_path / "out", formats=["turtle", "nt", "graphml"])
    alone = build([good], tmp_path / "alone", formats=["turtle"])

    status = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    built = {d["id"] for d in status["documents"] if d["status"] == "built"}
    skipped = {d["source"].rsplit("/", 1)[-1]: d["reason"] for d in status["documents"]
               if d["status"] == "skipped"}
    assert built == {"good1", "good2", "long", "longs", "crlf", "surrogate"}
    assert set(skipped) == {"latin1.txt", "binary.txt", "lines.jsonl:2", "lines.jsonl:3",
                            "lines.jsonl:4", "lines.jsonl:5"}
    assert all(skipped.values())
    assert len(report.problems) == 6

    def positions(path):
        g = Graph()
        g.parse(path)
        return {str(o) for o in g.objects(None, None) if "Minister" in str(o)
                or "President" in str(o)}

    assert positions(tmp_path / "alone" / "graph.ttl") <= positions(tmp_path / "out" /
                                                                     "graph.ttl")
    assert report.claims["holdsPosition"] >= alone.claims["holdsPosition"]
    for name in ("graph.ttl", "graph.nt"):
        Graph().parse(tmp_path / "out" / name)  # every export parses back
    import networkx as nx

    nx.read_graphml(tmp_path / "out" / "graph.graphml")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_badcorpus_clean_keeps_length_and_never_fails(text):
    for source in ("x.txt", "x.md", "x.html"):
        cleaned = clean_document(Document(id="x", text=text, source=source))
        if cleaned.offsets is None:
            assert len(cleaned.body) == len(text)
        else:  # decoded entities: every character maps back into the text, in order
            assert len(cleaned.offsets) == len(cleaned.body) + 1
            assert list(cleaned.offsets) == sorted(set(cleaned.offsets))
            assert cleaned.offsets[-1] == len(text)
        assert "\x00" not in cleaned.body and "\r" not in cleaned.body


@settings(max_examples=300)
@given(st.text(alphabet=string.printable + "ſſÀé–—", max_size=200))
def test_badcorpus_dates_are_none_or_real(text):
    found = find_document_date(text)
    assert found is None or date.fromisoformat(found)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_badcorpus_any_bytes_read_or_are_reported(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "doc.txt").write_bytes(data)
    (folder / "doc2.jsonl").write_bytes(data)
    items = list(iter_documents([folder]))
    assert all(isinstance(i, Document | ReadProblem) for i in items)
    for item in items:
        if isinstance(item, Document):
            cleaned = clean_document(item)
            assert cleaned.offsets is not None or len(cleaned.body) == len(item.text)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url"]),
                                st.one_of(st.text(max_size=20), st.integers(), st.none(),
                                          st.lists(st.integers(), max_size=2))),
                max_size=5))
def test_badcorpus_any_jsonl_reads_or_is_reported(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for item in iter_documents([path]):
        if isinstance(item, Document):
            assert isinstance(item.text, str) and item.id
            assert item.title is None or isinstance(item.title, str)
            assert item.date is None or date.fromisoformat(item.date)
        else:
            assert item.source.startswith(f"{path}:")

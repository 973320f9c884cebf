"""One bad document never costs a build (issue 15, defect 1).

Each case is a document that crashed the whole build before: a text over spaCy's
`max_length`, a lone surrogate in JSONL, a dateline with a long s, and any
exception inside one document's cleaning, parsing or extraction.
"""

from __future__ import annotations

import json

import pytest

from graph import nlp as nlp_module
from graph.dates import find_document_date
from graph.nlp import split_blocks
from graph.pipeline import build, extract_corpus

GOOD = "Japanese Prime Minister Fumio Kishida met reporters in Tokyo on Monday.\n"


@pytest.mark.parametrize("text, size", [
    ("a " * 50, 7), ("line one\nline two\n" * 20, 30), ("x" * 95, 10), ("", 5), ("abc", 5),
])
def test_robustness_split_blocks_rejoin_exactly(text, size):
    blocks = split_blocks(text, size)
    assert "".join(blocks) == text
    assert all(len(b) <= size for b in blocks)


def test_robustness_long_document_is_parsed_in_blocks_not_refused(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(nlp, "max_length", 5_000)
    from graph.types import Document

    text = GOOD * 150  # about 11,000 characters: over max_length
    document = Document(id="long", text=text, source="long.txt")
    from graph.clean import clean_document

    cleaned = clean_document(document)
    [(_, doc)] = list(nlp_module.parse_documents([cleaned], nlp=nlp))
    assert doc.text == cleaned.body
    assert sum(1 for e in doc.ents if e.text == "Fumio Kishida") == 150


def test_robustness_dateline_with_long_s_does_not_crash():
    assert find_document_date("ſept. 5, 2020\nThe ministers met.") == "2020-09-05"


@pytest.mark.slow
def test_robustness_lone_surrogate_in_jsonl_builds(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "s", "text": "x \ud800 y. " + GOOD}),
             json.dumps({"id": "ok", "text": GOOD})]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    report = build([corpus], tmp_path / "out", formats=["turtle"])
    assert report.documents == 2
    assert report.claims["holdsPosition"] >= 1
    assert "\ud800" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("stage, target", [
    ("extraction", "graph.extract.extract_facts"),
    ("cleaning", "graph.pipeline.clean_document"),
])
def test_robustness_failure_in_one_document_skips_only_it(tmp_path, monkeypatch, stage, target):
    import importlib

    module_name, _, attr = target.rpartition(".")
    module = importlib.import_module(module_name)
    real = getattr(module, attr)

    def flaky(document, *args):
        if document.id == "bad":
            raise RuntimeError("boom")
        return real(document, *args)

    monkeypatch.setattr(module, attr, flaky)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "bad.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    problems: list = []
    facts = list(extract_corpus([corpus], problems=problems))
    assert [f.doc_id for f in facts] == ["good"]
    assert len(problems) == 1
    assert problems[0].source.endswith("bad.txt")
    assert f"{stage} failed (RuntimeError: boom)" in problems[0].message

"""Worker processes and the facts cache (issue 16): same output, less work."""

from __future__ import annotations

import json

import pytest

from graph.cache import FactCache
from graph.pipeline import build, cache_folder, extract_corpus

from .conftest import ROOT, SEEDS

REAL_DEV = ROOT / "eval" / "real-dev" / "corpus.jsonl"


def _corpus(tmp_path, n: int):
    lines = REAL_DEV.read_text(encoding="utf-8").splitlines()[:n]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_workers_two_processes_build_byte_identical_exports(tmp_path):
    corpus = _corpus(tmp_path, 6)
    build([corpus, SEEDS], tmp_path / "one", formats=["turtle", "nt"], workers=1)
    build([corpus, SEEDS], tmp_path / "two", formats=["turtle", "nt"], workers=2,
          batch_size=2)
    for name in ("graph.ttl", "graph.nt", "merges.tsv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.slow
def test_workers_unchanged_rebuild_parses_nothing_and_changes_nothing(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, 4)
    out = tmp_path / "out"
    first = build([corpus], out, formats=["turtle"], cache=True)
    before = (out / "graph.ttl").read_bytes()
    parsed: list[str] = []
    import graph.workers as workers

    real = workers.extract_documents

    def counting(documents, **options):
        for outcome in real(documents, **options):
            parsed.append(outcome[0].doc_id)
            yield outcome

    monkeypatch.setattr(workers, "extract_documents", counting)
    again = build([corpus], out, formats=["turtle"], cache=True)
    assert parsed == []
    assert (out / "graph.ttl").read_bytes() == before
    assert again.claims == first.claims

    # one more document: exactly one is parsed
    extra = tmp_path / "extra.txt"
    extra.write_text("Japanese Prime Minister Fumio Kishida spoke in Tokyo.\n", encoding="utf-8")
    grown = build([corpus, extra], out, formats=["turtle"], cache=True)
    assert parsed == ["extra"]
    assert grown.claims["holdsPosition"] == first.claims["holdsPosition"] + 1

    # the document removed again: its claim is gone, nothing is parsed
    parsed.clear()
    shrunk = build([corpus], out, formats=["turtle"], cache=True)
    assert parsed == [] and shrunk.claims == first.claims
    assert (out / "graph.ttl").read_bytes() == before


def test_workers_cache_key_follows_content_and_extractor_version(tmp_path):
    from graph.types import Document, DocumentFacts

    document = Document(id="d", text="text", source="d.txt")
    facts = DocumentFacts(doc_id="d", source="d.txt", date=None, url=None, title=None,
                          sentences=1)
    cache = FactCache(tmp_path, version="v1")
    cache.put(document, facts)
    assert FactCache(tmp_path, version="v1").get(document) == facts
    assert FactCache(tmp_path, version="v2").get(document) is None  # a rule changed
    changed = Document(id="d", text="other text", source="d.txt")
    assert FactCache(tmp_path, version="v1").get(changed) is None
    # a damaged entry is a miss, not a crash
    entry = next(p for p in tmp_path.glob("*/*"))
    entry.write_bytes(b"not a pickle")
    assert FactCache(tmp_path, version="v1").get(document) is None


def test_workers_cache_lives_beside_the_exports(tmp_path):
    assert cache_folder(tmp_path / "exports") == tmp_path / ".exports.cache"


@pytest.mark.slow
def test_workers_report_lists_every_document(tmp_path):
    corpus = _corpus(tmp_path, 3)
    build([corpus], tmp_path / "out", formats=["turtle"])
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["documents_built"] == 3
    assert [d["status"] for d in report["documents"]] == ["built"] * 3
    assert all(d["sentences"] > 0 for d in report["documents"])


def test_workers_facts_stream_keeps_input_order_in_one_process(tmp_path):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(f"Document {i} text.", encoding="utf-8")
    assert [f.doc_id for f in extract_corpus([tmp_path])] == ["d0", "d1", "d2"]

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


# Silent corruption (issue 15, defect 7): what a file holds must reach the graph
# unaltered in meaning, with offsets that point into the file.

def test_robustness_offsets_point_into_files_with_bom_and_crlf(tmp_path):
    from graph.read import iter_documents

    raw = "\ufeffTitle line\r\nJapanese Prime Minister Fumio Kishida met reporters.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    [document] = list(iter_documents([tmp_path]))
    from graph.clean import clean_document

    cleaned = clean_document(document)
    assert len(cleaned.body) == len(raw)
    start = cleaned.body.index("Fumio Kishida")
    assert raw[start:start + len("Fumio Kishida")] == "Fumio Kishida"
    assert "\r" not in cleaned.body and "\ufeff" not in cleaned.body


@pytest.mark.parametrize("invisible", ["\x00", "\x1b", "\u202e", "\u2066", "\ufeff"])
def test_robustness_control_and_bidi_characters_never_reach_labels(invisible):
    from graph.clean import clean_document
    from graph.types import Document

    text = f"Prime Minister Fumio{invisible} Kishida of Japan spoke."
    cleaned = clean_document(Document(id="x", text=text, source="x.txt"))
    assert invisible not in cleaned.body and len(cleaned.body) == len(text)


def test_robustness_markdown_emphasis_is_blanked():
    from graph.clean import clean_document
    from graph.types import Document

    text = "Both states signed the **Treaty of Rome** and *Pravda* wrote snake_case.\n"
    body = clean_document(Document(id="x", text=text, source="x.md")).body
    assert "*" not in body and "Treaty of Rome" in body and "snake_case" in body
    assert len(body) == len(text)


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": "t", "date": "2023-99-99"}', "is not a date"),
    ('{"id": "a", "text": "t", "date": "2023-02-30"}', "is not a date"),
    ('{"id": "a", "text": "t", "title": ["x"]}', "field 'title' is list"),
    ('{"id": "a", "text": "t", "url": 5}', "field 'url' is int"),
    ('{"id": true, "text": "t"}', "field 'id'"),
])
def test_robustness_bad_jsonl_values_are_reported_with_their_line(tmp_path, line, message):
    from graph.read import iter_documents
    from graph.types import ReadProblem

    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    assert [i.id for i in items if not isinstance(i, ReadProblem)] == ["ok"]
    [problem] = [i for i in items if isinstance(i, ReadProblem)]
    assert problem.source == f"{path}:2" and message in problem.message


def test_robustness_same_file_names_in_two_folders_are_two_documents(tmp_path):
    from graph.read import iter_documents

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"text {folder}", encoding="utf-8")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert ids == ["a/index", "b/index"]


def test_robustness_file_names_differing_in_case_get_distinct_iris():
    from graph.rdf import document_iri

    assert document_iri("Report") != document_iri("report")
    assert document_iri("report") == document_iri("report")


@pytest.mark.slow
def test_robustness_html_entities_decode_inside_words_with_file_offsets(tmp_path):
    page = "<p>Japan&#39;s Prime Minister Fumio Kishida met &quot;reporters&quot; today.</p>\n"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    facts = list(extract_corpus([tmp_path]))
    [role] = facts[0].roles
    assert role.country.key == "JPN" and role.person.label == "Fumio Kishida"
    quoted = page[role.evidence.start_char:role.evidence.end_char]
    assert quoted.startswith("Japan&#39;s Prime Minister") and quoted.endswith("today.")

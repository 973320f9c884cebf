from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.read import iter_documents
from graph.types import Document, ReadProblem


def test_read_folder_yields_sorted_documents(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ndate: 2023-04-26\ntitle: T\n---\nFirst.",
                                   encoding="utf-8")
    (tmp_path / "notes.toml").write_text("x = 1", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert [d.id for d in items] == ["a", "b"]
    assert items[0].date == "2023-04-26" and items[0].title == "T"


def test_read_jsonl_reports_bad_lines_with_line_numbers(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "x1", "text": "One.", "date": "2020-06-24"}),
             "{not json",
             json.dumps({"id": "x2"}),
             json.dumps({"id": "x3", "text": "Three.", "date": "June"}),
             json.dumps({"id": "x1", "text": "Again."})]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [d.id for d in docs] == ["x1"] and docs[0].date == "2020-06-24"
    assert [p.source for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "field 'text'" in problems[1].message
    assert "YYYY-MM-DD" in problems[2].message
    assert "used twice" in problems[3].message


def test_read_undecodable_file_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert isinstance(items[0], ReadProblem) and "UTF-8" in items[0].message
    assert isinstance(items[1], Document) and items[1].id == "good"


@pytest.mark.parametrize("name", ["missing", "x.pdf"])
def test_read_rejects_missing_or_unknown_paths(tmp_path, name):
    if name.endswith(".pdf"):
        (tmp_path / name).write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"\[E100\]"):
        list(iter_documents([tmp_path / name]))


def test_read_html_takes_title_date_and_canonical_url_from_the_page(tmp_path):
    page = ("<html><head><title>Joint Statement  on the\nTalks</title>"
            '<meta property="article:published_time" content="2023-04-20T10:00:00Z">'
            '<link rel="canonical" href="https://example.gov/statement"></head>'
            "<body><p>The two leaders met.</p></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    [document] = list(iter_documents([tmp_path]))
    assert (document.title, document.date, document.url) == (
        "Joint Statement on the Talks", "2023-04-20", "https://example.gov/statement")


def test_read_html_without_metadata_has_none(tmp_path):
    (tmp_path / "p.html").write_text('<p>text <meta name="date" content="2023-99-99">',
                                     encoding="utf-8")
    [document] = list(iter_documents([tmp_path]))
    assert (document.title, document.date, document.url) == (None, None, None)


def test_read_warns_of_files_and_symlinked_folders_it_does_not_read(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "b.txt").write_text("text", encoding="utf-8")
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    with caplog.at_level("WARNING"):
        ids = [d.id for d in iter_documents([tmp_path])]
    assert ids == ["a"]
    assert "notes.pdf" in caplog.text and "symlinked folder" in caplog.text


@pytest.mark.parametrize(("front", "expected"), [
    # YAML, not line splitting: a quoted value may hold a colon
    ('title: "Seoul: the talks"\ndate: 2023-04-26\nurl: https://example.org/a',
     ("Seoul: the talks", "2023-04-26", "https://example.org/a")),
    # keys are case-blind; a time after the date is dropped
    ("Title: Talks\nDate: 2023-04-26 10:00\nURL: https://example.org/a",
     ("Talks", "2023-04-26", "https://example.org/a")),
    # the usual other names of the keys, and a date in words
    ("headline: Talks\npublished: April 26, 2023\ncanonical_url: https://example.org/a",
     ("Talks", "2023-04-26", "https://example.org/a")),
    # a block scalar and a number as the title
    ("title: >\n  Joint statement\n  on the talks\n", ("Joint statement on the talks", None, None)),
    ("title: 1984", ("1984", None, None)),
])
def test_read_markdown_front_matter_is_read_as_yaml(tmp_path, front, expected):
    (tmp_path / "a.md").write_text(f"---\n{front}\n---\nThe ministers met.", encoding="utf-8")
    [document] = list(iter_documents([tmp_path]))
    assert (document.title, document.date, document.url) == expected


def test_read_markdown_bad_yaml_is_a_coded_problem_with_its_line(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2023-04-26\ntitle: Seoul: the talks\n---\nText.",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Fine\n---\nText.", encoding="utf-8")
    problem, document = list(iter_documents([tmp_path]))
    assert isinstance(problem, ReadProblem) and problem.source == f"{tmp_path / 'a.md'}:3"
    assert problem.message.startswith("[E130] front matter is not valid YAML")
    assert "column 13" in problem.message and 'title: "Seoul: the talks"' in problem.message
    assert isinstance(document, Document) and document.title == "Fine"


def test_read_markdown_front_matter_must_be_key_value_pairs(tmp_path):
    (tmp_path / "a.md").write_text("---\n- one\n- two\n---\nText.", encoding="utf-8")
    [problem] = list(iter_documents([tmp_path]))
    assert isinstance(problem, ReadProblem)
    assert problem.message.startswith("[E130] front matter is a list, not key: value pairs")


def test_read_markdown_impossible_date_is_dropped_with_a_warning(tmp_path, caplog):
    (tmp_path / "a.md").write_text("---\ndate: 2023-02-30\ntags: [a, b]\ntitle: [a, b]\n---\nT.",
                                   encoding="utf-8")
    with caplog.at_level("WARNING"):
        [document] = list(iter_documents([tmp_path]))
    assert (document.date, document.title) == (None, None)
    assert "'2023-02-30' is not a date" in caplog.text and "title is a list" in caplog.text


@pytest.mark.parametrize("content", ["Thu, 20 Apr 2023 10:00:00 +0000", "April 20, 2023",
                                     "2023-04-20T23:30:00-05:00"])
def test_read_html_meta_date_in_other_formats(tmp_path, content):
    (tmp_path / "p.html").write_text(f'<head><meta name="date" content="{content}"></head>',
                                     encoding="utf-8")
    [document] = list(iter_documents([tmp_path]))
    assert document.date == "2023-04-20"

"""Curation files: parsing, coded errors, and their effect on resolution (no spaCy)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.curation import load_curation, parse_curation
from graph.errors import ConfigError
from graph.resolve import resolve_corpus
from graph.types import DocumentFacts, Entity, Evidence, Role

from .conftest import SEEDS

USA = Entity("Country", "USA", "United States")
KOR = Entity("Country", "KOR", "South Korea", ("ROK",))


def _facts(doc_id: str, *roles: tuple[str, str, Entity], entities=()) -> DocumentFacts:
    ev = Evidence(doc_id, "s", 0, 1, "role.test.v1")
    return DocumentFacts(
        doc_id=doc_id, source=f"{doc_id}.txt", date=None, url=None, title=None, sentences=1,
        entities=tuple(entities),
        roles=tuple(Role(Entity("Person", name.casefold(), name), title, country, ev)
                    for name, title, country in roles))


def test_curation_example_file_parses():
    curation = load_curation(SEEDS / "curation.toml")
    assert [a.node for a in curation.aliases] == ["NCG"]
    assert curation.forbids[0].kind == "Agreement"
    assert curation.labels[0].label == "Republic of Korea"
    assert curation.where(curation.labels[0].line).startswith("curation.toml:")


@pytest.mark.parametrize(("text", "line", "words"), [
    ('version = 1\n[[alias]\nkind = "Person"\n', 2, "not valid TOML"),
    ("version = 2\n", 1, "version 2 is not supported"),
    ('[[alais]]\nkind = "Person"\n', 1, "unknown section or key 'alais'"),
    ('version = 1\n\n[[alias]]\nkind = "Persons"\nname = "a"\nnode = "b"\n', 4,
     "unknown kind 'Persons'"),
    ('[[alias]]\nkind = "Person"\nname = "a"\n', 1, "missing 'node'"),
    ('[[label]]\nkind = "Person"\nnode = "a"\nlabel = "b"\ncolour = "red"\n', 5,
     "unknown key 'colour'"),
    ('[[label]]\nkind = "Person"\nnode = "a"\nlabel = 3\n', 4, "label must be a non-empty"),
    ('[[forbid]]\nkind = "Person"\nnames = ["Blinken"]\n', 3, "at least two different"),
    ('[[forbid]]\nkind = "Country"\nnames = ["ROK", "DPRK"]\n', 1, "cannot split a country"),
    ('[alias]\nkind = "Person"\n', 1, "must be a list of tables"),
    ('[[label]]\nkind = "Person"\nnode = "a"\nlabel = "b"\n'
     '[[label]]\nkind = "Person"\nnode = "a"\nlabel = "c"\n', 5, "relabelled twice"),
])
def test_curation_bad_file_gives_coded_error_with_line(text, line, words):
    with pytest.raises(ConfigError) as raised:
        parse_curation(text, source="cur.toml")
    message = str(raised.value)
    assert message.startswith(f"[E200] cur.toml:{line}: ")
    assert words in message
    assert ";" in message  # what is wrong; how to fix it


def test_curation_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"\[E200\] .*nope.toml: cannot read"):
        load_curation(tmp_path / "nope.toml")


def test_curation_alias_merges_and_adds_alt_label():
    curation = parse_curation('[[alias]]\nkind = "Organization"\nname = "Consultative Group"\n'
                              'node = "NCG"\n', source="c.toml")
    corpus = resolve_corpus([
        DocumentFacts("a", "a.txt", None, None, None, 1, entities=(
            Entity("Organization", "NCG", "Nuclear Consultative Group", ("NCG",)),)),
        DocumentFacts("b", "b.txt", None, None, None, 1, entities=(
            Entity("Organization", "consultative group", "Consultative Group"),)),
    ], curation=curation)
    (node,) = [n for n in corpus.nodes if n.kind == "Organization"]
    assert node.key == "NCG" and "Consultative Group" in node.aliases
    (merge,) = [m for m in corpus.merges if m.doc_id == "b"]
    assert (merge.rule, merge.source) == ("curation.alias.v1", "c.toml:1")


def test_curation_forbid_keeps_a_surname_apart():
    docs = [_facts("a", ("Antony Blinken", "Secretary of State", USA)),
            _facts("b", ("Blinken", "Secretary of State", USA))]
    assert len([n for n in resolve_corpus(docs).nodes if n.kind == "Person"]) == 1
    curation = parse_curation('[[forbid]]\nkind = "Person"\n'
                              'names = ["Blinken", "Antony Blinken"]\n')
    people = [n for n in resolve_corpus(docs, curation=curation).nodes if n.kind == "Person"]
    assert sorted(n.label for n in people) == ["Antony Blinken", "Blinken"]


def test_curation_label_renames_and_keeps_old_label():
    curation = parse_curation('[[label]]\nkind = "Country"\nnode = "ROK"\n'
                              'label = "Republic of Korea"\n')
    corpus = resolve_corpus([_facts("a", entities=[KOR])], curation=curation)
    (node,) = corpus.nodes
    assert node.label == "Republic of Korea" and "South Korea" in node.aliases
    (merge,) = [m for m in corpus.merges if m.rule == "curation.label.v1"]
    assert (merge.name, merge.label, merge.source) == ("South Korea", "Republic of Korea",
                                                       "<curation>:1")


def test_curation_cli_bad_file_exits_2_before_parsing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[alias]]\nkind = "Nation"\nname = "a"\nnode = "b"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "out"),
                                      "--curation", str(bad)])
    assert result.exit_code == 2
    assert "[E200]" in result.output and "bad.toml:2" in result.output
    assert not (tmp_path / "out").exists()


def test_curation_non_utf8_file_is_a_coded_error(tmp_path):
    from graph.curation import load_curation
    from graph.errors import ConfigError

    path = tmp_path / "c.toml"
    path.write_bytes(b'[[alias]]\nname = "\xff"\n')
    with pytest.raises(ConfigError, match=r"\[E200\] .*c.toml: not UTF-8"):
        load_curation(path)

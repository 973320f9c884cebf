"""Curation files: parsing, coded errors, and their effect on resolution (no spaCy)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.curation import load_curation, parse_curation
from graph.errors import ConfigError
from graph.resolve import resolve_corpus
from graph.types import DocumentFacts, Entity, Evidence, Party, Role

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


@pytest.mark.parametrize(("text", "line", "words"), [
    ('[[merge]]\nkind = "Person"\nnames = ["Trump"]\n', 3, "at least two different"),
    ('[[merge]]\nkind = "Person"\nnames = "Trump"\n', 3, "names must be a list"),
    ('[[merge]]\nkind = "Country"\nnames = ["ROK", "DPRK"]\n', 1, "cannot join two countries"),
    ('[[split]]\nkind = "Agreement"\nnode = "Water Treaty"\n', 1, "missing 'docs'"),
    ('[[split]]\nkind = "Agreement"\nnode = "Water Treaty"\ndocs = []\n', 4,
     "at least one document"),
    ('[[split]]\nkind = "Agreement"\nnode = ""\ndocs = ["a"]\n', 3, "node must be a non-empty"),
    ('[[split]]\nkind = "Agreement"\nnode = "x"\ndocs = ["a", 2]\n', 4, "docs must be a list"),
    ('[[split]]\nkind = "Country"\nnode = "KOR"\ndocs = ["a"]\n', 1, "cannot split a country"),
    ('[[split]]\nkind = "Event"\nnode = "x"\ndocs = ["a"]\nnames = ["b"]\n', 5,
     "unknown key 'names'"),
])
def test_curation_bad_merge_or_split_gives_coded_error_with_line(text, line, words):
    with pytest.raises(ConfigError) as raised:
        parse_curation(text, source="cur.toml")
    message = str(raised.value)
    assert message.startswith(f"[E200] cur.toml:{line}: ")
    assert words in message and ";" in message


def test_curation_merge_joins_nodes_an_alias_cannot():
    docs = [_facts("a", ("Trump", "President", USA)),
            _facts("b", ("Trump", "President-elect", USA)),
            _facts("c", ("Donald J. Trump", "Businessman", USA))]
    assert len([n for n in resolve_corpus(docs).nodes if n.kind == "Person"]) == 3
    curation = parse_curation('version = 1\n[[merge]]\nkind = "Person"\n'
                              'names = ["Trump", "Donald J. Trump"]\n', source="c.toml")
    corpus = resolve_corpus(docs, curation=curation)
    (node,) = [n for n in corpus.nodes if n.kind == "Person"]
    assert node.label == "Donald J. Trump" and node.aliases == ("Trump",)
    assert {(m.doc_id, m.rule, m.source) for m in corpus.merges if m.kind == "Person"} >= {
        ("b", "curation.merge.v1", "c.toml:2"), ("c", "curation.merge.v1", "c.toml:2")}


def test_curation_split_separates_a_node_by_document():
    def treaty(doc_id: str, country: Entity) -> DocumentFacts:
        ev = Evidence(doc_id, "s", 0, 1, "agreement.test.v1")
        agreement = Entity("Agreement", "river treaty", "River Treaty")
        return DocumentFacts(doc_id, f"{doc_id}.txt", None, None, None, 1,
                             parties=(Party(country, agreement, ev),))

    docs = [treaty("a", USA), treaty("b", KOR), treaty("c", USA)]
    assert len([n for n in resolve_corpus(docs).nodes if n.kind == "Agreement"]) == 1
    curation = parse_curation('[[split]]\nkind = "Agreement"\nnode = "River Treaty"\n'
                              'docs = ["b"]\n', source="c.toml")
    corpus = resolve_corpus(docs, curation=curation)
    by_doc = {d.doc_id: d.parties[0].agreement.key for d in corpus.documents}
    assert by_doc["a"] == by_doc["c"] != by_doc["b"]
    assert len([n for n in corpus.nodes if n.kind == "Agreement"]) == 2


def test_curation_merge_refused_by_a_split_keeps_apart():
    docs = [_facts("a", ("Trump", "President", USA)), _facts("b", ("Trump", "Senator", USA))]
    curation = parse_curation('[[merge]]\nkind = "Person"\nnames = ["Trump", "President Trump"]\n'
                              '[[split]]\nkind = "Person"\nnode = "Trump"\ndocs = ["b"]\n')
    assert curation.merges[0].names == ("Trump", "President Trump")
    assert curation.splits[0].docs == ("b",)
    people = [n for n in resolve_corpus(docs, curation=curation).nodes if n.kind == "Person"]
    assert len(people) == 2

"""SPARQL over a built graph: saved queries, engines, output formats and the CLI.

The graphs are hand-made (`sample_graph`), so no spaCy is loaded. The other
query tests (store, serve, push) import `sample_graph` and `rows` from here.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from typer.testing import CliRunner

from graph.answer import answer_query
from graph.cli import app
from graph.export import write_exports
from graph.query import (
    QueryResult,
    QuerySyntaxError,
    UnknownQueryError,
    format_result,
    load_graph,
    resolve_query,
    result_from_json,
    run_query,
    saved_queries,
)
from graph.rdf import build_graph
from graph.resolve import resolve_corpus
from graph.store import load_store, query_store
from graph.types import Condemnation, DocumentFacts, Entity, Evidence, Party, Role

ROOT = Path(__file__).resolve().parents[1]
EVAL_QUERIES = ROOT.parent / "shared" / "eval" / "queries"
SAVED = sorted(saved_queries())

USA = Entity("Country", "USA", "United States", ("U.S.", "America"))
KOR = Entity("Country", "KOR", "South Korea", ("ROK",))
PRK = Entity("Country", "PRK", "North Korea", ("DPRK",))
FRA = Entity("Country", "FRA", "France")
MDT = Entity("Agreement", "mutual defense treaty", "Mutual Defense Treaty")
PARIS = Entity("Agreement", "paris agreement", "Paris Agreement")
BLINKEN = Entity("Person", "antony blinken", "Antony Blinken")
PARK = Entity("Person", "park jin", "Park Jin")
NATO = Entity("Organization", "nato", "NATO")
LAUNCH = Entity("Event", "icbm launch", "ICBM launch")


def _evidence(doc_id: str, start: int, sentence: str, rule: str) -> Evidence:
    return Evidence(doc_id, sentence, start, start + len(sentence), rule)


def sample_facts(*, changed: bool = False) -> list[DocumentFacts]:
    """Three documents; `changed` rewrites b's treaty claim and drops c entirely."""
    signed = "The U.S. and the ROK signed the Mutual Defense Treaty in 1953."
    a = DocumentFacts(
        doc_id="a", source="a.txt", date="2023-04-26", url="https://example.org/a",
        title="Washington summit", sentences=3,
        roles=(Role(BLINKEN, "Secretary of State", USA,
                    _evidence("a", 0, "Secretary of State Antony Blinken spoke.",
                              "role.title-name.v1"), date="2023-04-26"),),
        parties=(Party(USA, MDT, _evidence("a", 50, signed, "agreement.signed.v1"), 1953),
                 Party(KOR, MDT, _evidence("a", 50, signed, "agreement.signed.v1"), 1953)),
        condemnations=(Condemnation(
            LAUNCH, BLINKEN, _evidence("a", 120, "Blinken condemned the DPRK's ICBM launch.",
                                       "condemnation.verb.v1"), agent=PRK),),
    )
    b_party = (Party(FRA, PARIS, _evidence("b", 10, "France ratified the Paris Agreement.",
                                          "agreement.ratified.v1"), 2016)
               if changed else
               Party(KOR, MDT, _evidence("b", 10, "Seoul recalled the treaty of 1953.",
                                         "agreement.signed.v1"), 1953))
    b = DocumentFacts(
        doc_id="b", source="b.txt", date=None, url=None, title=None, sentences=2,
        roles=(Role(PARK, "Foreign Minister", KOR,
                    _evidence("b", 60, "Former Foreign Minister Park Jin, said so.",
                              "role.title-name.v1"), status="former"),),
        parties=(b_party,),
    )
    c = DocumentFacts(
        doc_id="c", source="c.jsonl:3", date="2023-05-01", url=None, title="NATO statement",
        sentences=1,
        condemnations=(Condemnation(
            LAUNCH, NATO, _evidence("c", 0, "NATO condemns the launch, \"a reckless act\".",
                                    "condemnation.verb.v1"), agent=PRK, date="2023-04-13"),),
    )
    return [a, b] if changed else [a, b, c]


def sample_graph(*, changed: bool = False) -> Graph:
    """The graph of `sample_facts`."""
    return build_graph(resolve_corpus(sample_facts(changed=changed)))


def rows(result: QueryResult) -> list[tuple[str, ...]]:
    """A result's rows as sorted N3 strings: equal whatever engine or order produced them."""
    return sorted(tuple("" if term is None else term.n3() for term in row)
                  for row in result.rows)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def graph_file(graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("query")
    return write_exports(graph, out, ["turtle"])[0]


def test_query_saved_queries_are_all_collected():
    assert SAVED == ["agreements-by-country", "agreements-since", "claim-sources",
                     "contract-agreements", "contract-condemnations", "contract-provenance",
                     "contract-roles", "office-holders", "who-condemned-what"]


@pytest.mark.parametrize("name", SAVED)
def test_query_saved_query_answers_the_same_from_rdflib_and_oxigraph(graph, name):
    text, origin = resolve_query(name)
    if name == "agreements-since":  # the sample's one treaty is of 1953; see the test below
        graph = sample_graph(changed=True)
    expected = run_query(graph, text, origin=origin)
    assert expected.rows, f"{name} answers nothing on the sample graph"
    answer = query_store(load_store(graph), text, origin=origin)
    assert answer.variables == expected.variables
    assert rows(answer) == rows(expected)


def test_query_agreements_since_compares_years_as_numbers():
    answer = run_query(sample_graph(changed=True), resolve_query("agreements-since")[0])
    found = {str(term) for row in answer.rows for term in row if term is not None}
    assert "2016" in found and "1953" not in found
    assert not run_query(sample_graph(), resolve_query("agreements-since")[0]).rows


@pytest.mark.parametrize("name", ["agreements", "roles", "condemnations", "provenance"])
def test_query_contract_copies_answer_like_the_eval_queries(graph, name):
    shared = EVAL_QUERIES / f"{name}.rq"
    if not shared.is_file():
        pytest.skip("../shared/eval is not beside this checkout")
    ours = run_query(graph, resolve_query(f"contract-{name}")[0])
    theirs = run_query(graph, shared.read_text(encoding="utf-8"))
    assert ours.variables == theirs.variables
    assert rows(ours) == rows(theirs)


def test_query_competency_answers_on_the_sample(graph):
    office = run_query(graph, resolve_query("office-holders")[0])
    table = {(str(r[0]), str(r[1]), str(r[2]), str(r[3])): r[4] for r in office.rows}
    assert table[("USA", "Secretary of State", "Antony Blinken", "incumbent")] == Literal(
        "2023-04-26", datatype=XSD.date)
    assert table[("KOR", "Foreign Minister", "Park Jin", "former")] is None
    condemned = run_query(graph, resolve_query("who-condemned-what")[0])
    who = {(str(r[0]), str(r[1]), str(r[2] or "")) for r in condemned.rows}
    assert who == {("Antony Blinken", "Person", "USA"), ("NATO", "Organization", "")}
    agreements = run_query(graph, resolve_query("agreements-by-country")[0])
    documents = {(str(r[0]), str(r[3])): int(r[4]) for r in agreements.rows}
    assert documents == {("USA", "Mutual Defense Treaty"): 1, ("KOR", "Mutual Defense Treaty"): 2}


def test_query_resolve_accepts_names_files_and_text(tmp_path):
    text, origin = resolve_query("contract-roles")
    assert "dg:holdsPosition" in text and "contract-roles" in origin
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == ("ASK { ?s ?p ?o }", str(path))
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }")[1] == "query"
    with pytest.raises(UnknownQueryError, match=r"\[E211\].*contract-roles"):
        resolve_query("no-such-query")
    with pytest.raises(UnknownQueryError, match=r"\[E211\]"):
        resolve_query(str(tmp_path / "missing.rq"))


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize(("text", "position"), [
    ("SELECT ?s WHERE {\n  ?s ?p ?o FOO }", ":2:12:"),
    ("SELECT ?s WHERE { ?s ?p }", ":1:19:"),
])
def test_query_syntax_error_is_coded_with_its_position(graph_file, engine, text, position):
    with pytest.raises(QuerySyntaxError) as caught:
        answer_query(text, graph=graph_file, engine=engine)
    message = str(caught.value)
    assert message.startswith("[E210] query") and position in message
    assert "^" in message


def test_query_undeclared_prefix_is_a_syntax_error(graph_file):
    with pytest.raises(QuerySyntaxError, match=r"\[E210\].*prefix"):
        answer_query("SELECT ?s WHERE { ?s nope:x ?o }", graph=graph_file)


def test_query_project_prefixes_need_no_declaration(graph_file):
    for engine in ("rdflib", "oxigraph"):
        result, _ = answer_query("SELECT ?c WHERE { ?c dg:iso3 \"KOR\" }", graph=graph_file,
                                 engine=engine)
        assert [str(r[0]) for r in result.rows] == ["https://w3id.org/diplograph/id/country/kor"]


def test_query_formats_table_csv_json(graph):
    result = run_query(graph, resolve_query("who-condemned-what")[0])
    table = format_result(result, "table", namespaces=graph.namespace_manager).splitlines()
    assert table[0].split() == list(result.variables)
    assert set(table[1]) == {"-", " "} and table[-1] == "(2 rows)"
    starts = [i for i, ch in enumerate(table[1]) if ch == "-" and (i == 0 or table[1][i - 1]
                                                                    == " ")]
    assert [table[0].index(name) for name in result.variables] == starts
    for line in table[2:-1]:  # every cell starts under its header
        assert all(line[i - 1] == " " for i in starts[1:])
    text = format_result(result, "csv")
    assert text.endswith("\r\n")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == list(result.variables) and len(parsed) == 3
    assert ["NATO", "Organization", "", "ICBM launch", "2023-04-13", "North Korea"] in parsed
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == list(result.variables)
    assert rows(result_from_json(data)) == rows(result)
    dates = [b["eventDate"] for b in data["results"]["bindings"]]
    assert dates == 2 * [{"type": "literal", "value": "2023-04-13",
                          "datatype": "http://www.w3.org/2001/XMLSchema#date"}]


def test_query_ask_and_construct_results(graph):
    ask = run_query(graph, "ASK { ?c dg:iso3 \"USA\" }")
    assert ask.kind == "ask" and ask.boolean is True
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    assert format_result(ask, "table") == "yes\n"
    built = run_query(graph, "CONSTRUCT { ?c dg:iso3 ?code } WHERE { ?c dg:iso3 ?code }")
    lines = format_result(built, "table").splitlines()
    assert len(lines) == 3 and lines == sorted(lines)  # USA, KOR, PRK


def test_query_load_graph_errors_are_coded(tmp_path):
    from graph.query import GraphFileError

    with pytest.raises(GraphFileError, match=r"\[E110\].*no such graph file"):
        load_graph(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"\[E110\].*not valid turtle"):
        load_graph(broken)


runner = CliRunner()


def test_query_cli_prints_a_saved_query(graph_file):
    result = runner.invoke(app, ["query", "contract-roles", "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "Antony Blinken" in result.output and "(2 rows)" in result.output


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_query_cli_formats(graph_file, fmt):
    result = runner.invoke(app, ["query", "contract-agreements", "-g", str(graph_file),
                                 "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Mutual Defense Treaty" in result.output


def test_query_cli_lists_saved_queries():
    result = runner.invoke(app, ["query"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == SAVED


@pytest.mark.parametrize(("args", "code"), [
    (["query", "SELECT ?s WHERE { ?s ?p }"], "[E210]"),
    (["query", "no-such-query"], "[E211]"),
    (["query", "contract-roles", "--format", "xml"], "[E200]"),
    (["query", "contract-roles", "--engine", "jena"], "[E200]"),
])
def test_query_cli_errors_exit_2(graph_file, args, code):
    result = runner.invoke(app, [*args, "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert code in result.output


def test_query_cli_missing_graph_exits_2(tmp_path, monkeypatch):
    result = runner.invoke(app, ["query", "contract-roles", "--graph",
                                 str(tmp_path / "none.ttl")])
    assert result.exit_code == 2 and "[E110]" in result.output
    monkeypatch.chdir(tmp_path)  # no exports/graph.ttl here, the default
    result = runner.invoke(app, ["query", "contract-roles"])
    assert result.exit_code == 2 and "[E110] exports/graph.ttl: no such graph file" in \
        result.output


def test_query_long_one_line_query_is_sparql_not_a_file_name():
    from graph.query import resolve_query

    text = "SELECT ?s WHERE { ?s ?p ?o } " + "# padding " * 60
    assert 256 < len(text) < 1024
    assert resolve_query(text) == (text, "query")


def test_query_file_with_bom_reads_and_non_utf8_file_is_a_coded_error(tmp_path):
    from graph.query import UnknownQueryError, resolve_query

    good = tmp_path / "q.rq"
    good.write_bytes(b"\xef\xbb\xbfSELECT * WHERE { ?s ?p ?o }")
    assert resolve_query(str(good))[0] == "SELECT * WHERE { ?s ?p ?o }"
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"SELECT \xff * WHERE { ?s ?p ?o }")
    with pytest.raises(UnknownQueryError, match=r"\[E211\] .*bad.rq: not UTF-8"):
        resolve_query(str(bad))


def test_query_failing_service_is_a_coded_error(tmp_path):
    from graph.query import QueryRunError

    path = write_exports(sample_graph(), tmp_path, ["turtle"])[0]
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(QueryRunError, match=r"\[E212\] query: the query failed"):
            answer_query(text, graph=path, engine=engine)


def test_query_cli_reads_stdin_and_defaults_to_the_exports(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from graph.cli import app

    write_exports(sample_graph(), tmp_path / "exports", ["turtle"])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["query", "-", "--format", "csv"],
                                input="SELECT ?code WHERE { ?c dg:iso3 ?code } ORDER BY ?code")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "code" and "KOR" in result.output


def test_query_cli_version():
    from typer.testing import CliRunner

    from graph.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("diplograph ")

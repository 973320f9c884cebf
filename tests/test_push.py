"""`diplograph push` against a real Oxigraph Graph Store started on 127.0.0.1."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from graph.cli import app
from graph.export import SHARED_GRAPH, document_graphs, write_exports
from graph.push import MANIFEST_GRAPH, PushError, authorization_from_env, push_graph
from graph.query import resolve_query, result_from_json, run_query, saved_queries
from graph.rdf import document_iri
from graph.serve import free_port, start_server
from graph.store import load_store
from tests.test_query import rows, sample_graph

SAVED = sorted(saved_queries())
FOREIGN = "urn:example:someone-elses-graph"
runner = CliRunner()
PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture
def server(tmp_path):
    """A read-write Oxigraph whose queries see the union of its named graphs."""
    with start_server(tmp_path / "server", free_port(), read_only=False,
                      union_default_graph=True) as running:
        yield running


def _select(server, text: str):
    client = SPARQLWrapper(server.endpoint)
    client.setReturnFormat(JSON)
    client.setQuery(text)
    return result_from_json(client.query().convert())


def _graph_names(server) -> set[str]:
    answer = _select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {str(row[0]) for row in answer.rows}


def _assert_server_answers_like(server, graph: Graph) -> None:
    for name in SAVED:
        text, _ = resolve_query(name)
        assert rows(_select(server, text)) == rows(run_query(graph, text)), name


def _push_file(graph: Graph, out, server, *options: str) -> str:
    """Rebuild the export into `out` and push it through the CLI."""
    graph_file = write_exports(graph, out, ["nquads"])[0]
    result = runner.invoke(app, ["push", "--endpoint", server.store, "--graph", str(graph_file),
                                 *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_push_replaces_documents_and_leaves_no_stale_claims(server, tmp_path):
    put = urllib.request.Request(
        server.store + "?" + urllib.parse.urlencode({"graph": FOREIGN}), method="PUT",
        data=b"<urn:a> <urn:b> <urn:c> .", headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(put, timeout=10).close()

    before = sample_graph()
    output = _push_file(before, tmp_path / "first", server)
    assert "pushed" in output
    docs = {str(document_iri(d)) for d in "abc"}
    assert _graph_names(server) == docs | {str(SHARED_GRAPH), str(MANIFEST_GRAPH), FOREIGN}
    _assert_server_answers_like(server, before)

    # b now says France ratified the Paris Agreement (not that KOR is party to
    # the treaty); c, NATO's condemnation, is gone from the corpus.
    after = sample_graph(changed=True)
    output = _push_file(after, tmp_path / "second", server, "--prune")
    assert f"removed {document_iri('c')}" in output
    assert _graph_names(server) == ({str(document_iri(d)) for d in "ab"}
                                    | {str(SHARED_GRAPH), str(MANIFEST_GRAPH), FOREIGN})
    _assert_server_answers_like(server, after)

    stale = _select(server, PREFIXES + """SELECT ?what WHERE {
        { ?m dg:document <https://w3id.org/diplograph/id/document/c> BIND("c mention" AS ?what) }
        UNION { ?e dg:condemnedBy ?who . ?who rdfs:label "NATO" BIND("NATO claim" AS ?what) }
        UNION { ?m dg:document <https://w3id.org/diplograph/id/document/b> ;
                   dg:rule "agreement.signed.v1" BIND("b treaty mention" AS ?what) }
        UNION { ?st rdf:subject <https://w3id.org/diplograph/id/country/kor> ;
                    prov:wasDerivedFrom/dg:document <https://w3id.org/diplograph/id/document/b>
                BIND("b treaty source" AS ?what) }
    }""")
    assert stale.rows == ()
    # a still says KOR is party to the treaty: the claim survives, with a alone as source
    sources = _select(server, PREFIXES + """SELECT DISTINCT ?doc WHERE {
        ?st rdf:subject <https://w3id.org/diplograph/id/country/kor> ;
            rdf:predicate dg:partyTo ; prov:wasDerivedFrom/dg:document ?doc }""")
    assert [str(r[0]) for r in sources.rows] == [str(document_iri("a"))]


def test_push_twice_is_idempotent(server):
    graph = sample_graph()
    first = push_graph(graph, server.store)
    second = push_graph(graph, server.store)
    assert first == second and first.removed == ()
    count = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER(?g != <{MANIFEST_GRAPH}>) }}")
    assert first.graphs == len(document_graphs(graph)) == 4
    assert int(count.rows[0][0]) == sum(len(g) for g in document_graphs(graph).values())


def test_push_to_a_closed_port_is_a_coded_error(tmp_path):
    graph_file = write_exports(sample_graph(), tmp_path, ["turtle"])[0]
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = runner.invoke(app, ["push", "--endpoint", endpoint, "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert "[E400]" in result.output and "cannot reach" in result.output


def test_push_to_a_read_only_endpoint_is_a_coded_error(tmp_path):
    # serve-read-only needs an existing store; unreferenced, this one closes at once
    load_store(sample_graph(), tmp_path / "ro")
    with start_server(tmp_path / "ro", free_port(), read_only=True) as read_only:
        with pytest.raises(PushError, match=r"\[E400\] (GET|PUT) .*HTTP 4"):
            push_graph(sample_graph(), read_only.store)


def test_push_rejects_a_non_http_endpoint():
    with pytest.raises(PushError, match=r"\[E400\].*http"):
        push_graph(sample_graph(), "ftp://127.0.0.1/store")


def test_push_without_prune_keeps_the_graphs_of_removed_documents(server, tmp_path):
    _push_file(sample_graph(), tmp_path / "first", server)
    output = _push_file(sample_graph(changed=True), tmp_path / "second", server)
    assert "removed" not in output
    assert str(document_iri("c")) in _graph_names(server)
    # the manifest still lists c, so a later --prune removes it
    output = _push_file(sample_graph(changed=True), tmp_path / "third", server, "--prune")
    assert f"removed {document_iri('c')}" in output
    assert str(document_iri("c")) not in _graph_names(server)


def test_push_refuses_an_empty_graph_and_leaves_the_store(server, tmp_path):
    push_graph(sample_graph(), server.store)
    before = _graph_names(server)
    empty = tmp_path / "empty.nt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["push", "--endpoint", server.store, "--graph", str(empty),
                                 "--prune"])
    assert result.exit_code == 2
    assert "[E400]" in result.output and "the graph is empty" in result.output
    assert _graph_names(server) == before


@pytest.mark.parametrize("env, expected", [
    ({}, None),
    ({"DIPLOGRAPH_PUSH_TOKEN": "t0k"}, "Bearer t0k"),
    ({"DIPLOGRAPH_PUSH_USER": "ann", "DIPLOGRAPH_PUSH_PASSWORD": "pw"}, "Basic YW5uOnB3"),
])
def test_push_authorization_comes_from_the_environment(env, expected):
    assert authorization_from_env(env) == expected


def test_push_half_given_basic_credentials_are_an_error():
    with pytest.raises(PushError, match="DIPLOGRAPH_PUSH_PASSWORD"):
        authorization_from_env({"DIPLOGRAPH_PUSH_USER": "ann"})


def test_push_sends_the_authorization_header(tmp_path, monkeypatch):
    import http.server
    import threading

    seen: list[str | None] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, code: int) -> None:
            seen.append(self.headers.get("Authorization"))
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):  # noqa: N802 - the handler API names it so
            self._answer(404)

        def do_PUT(self):  # noqa: N802
            self._answer(204)

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        graph_file = write_exports(sample_graph(), tmp_path, ["turtle"])[0]
        monkeypatch.setenv("DIPLOGRAPH_PUSH_TOKEN", "s3cret")
        endpoint = f"http://127.0.0.1:{httpd.server_port}/store"
        result = runner.invoke(app, ["push", "--endpoint", endpoint, "--graph", str(graph_file)])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 0, result.output
    assert seen and set(seen) == {"Bearer s3cret"}
    assert "s3cret" not in result.output


def test_push_to_a_server_root_is_a_coded_error(server):
    root = server.store.removesuffix("store")
    with pytest.raises(PushError, match=r"\[E400\] .* did not answer as a Graph Store"):
        push_graph(sample_graph(), root)


class _FlakyStore:
    """A tiny Graph Store on 127.0.0.1 that answers `failures` 503s, then works.

    It keeps what is PUT, so a push through it can be checked for content."""

    def __init__(self, failures: int) -> None:
        import http.server
        import threading

        self.failures = failures
        self.seen: list[tuple[str, int]] = []
        self.graphs: dict[str, bytes] = {}
        flaky = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                name = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
                if flaky.failures > 0:
                    flaky.failures -= 1
                    code, reply = 503, b"busy, try later"
                elif self.command == "PUT":
                    flaky.graphs[name] = body
                    code, reply = 204, b""
                elif name in flaky.graphs:
                    code, reply = 200, flaky.graphs[name]
                else:
                    code, reply = 404, b""
                flaky.seen.append((self.command, code))
                self.send_response(code)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_GET = do_PUT = _answer  # noqa: N815 - the handler API names them so

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_port}/store"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _FlakyStore:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_push_retries_a_store_that_fails_twice_then_succeeds():
    graph = sample_graph()
    with _FlakyStore(failures=2) as store:
        report = push_graph(graph, store.endpoint, backoff=0)
    # the first request (reading the manifest) failed twice and was tried a third time
    assert store.seen[:3] == [("GET", 503), ("GET", 503), ("GET", 404)]
    assert [code for _, code in store.seen[3:]] == [204] * (report.graphs + 2)
    parts = document_graphs(graph)
    assert set(store.graphs) == {str(name) for name in parts} | {str(MANIFEST_GRAPH)}
    for name, part in parts.items():
        pushed = Graph().parse(data=store.graphs[str(name)].decode("utf-8"), format="nt")
        assert set(pushed) == set(part), name


def test_push_gives_up_after_its_retries_with_the_last_answer():
    with _FlakyStore(failures=100) as store:
        with pytest.raises(PushError, match=r"\[E400\] GET .*HTTP 503 .*after 3 attempts.*"
                                            r"busy, try later"):
            push_graph(sample_graph(), store.endpoint, retries=2, backoff=0)
    assert store.seen == [("GET", 503)] * 3

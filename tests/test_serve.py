"""`diplograph serve`: Oxigraph's read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper
from typer.testing import CliRunner

from graph.cli import app
from graph.export import write_exports
from graph.gateway import add_prefixes
from graph.query import default_prefixes, resolve_query, result_from_json, run_query, saved_queries
from graph.serve import BINARY_ENV, ServerError, free_port, oxigraph_binary, serve_graph
from tests.test_query import rows, sample_graph

SAVED = sorted(saved_queries())


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


@pytest.fixture(scope="module")
def server(graph, tmp_path_factory):
    running = serve_graph(graph, free_port(), tmp_path_factory.mktemp("serve") / "store")
    yield running
    running.stop()


def _client(server, fmt=JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setReturnFormat(fmt)
    return client


@pytest.mark.parametrize("name", SAVED)
def test_serve_answers_saved_queries_like_rdflib_through_sparqlwrapper(graph, server, name):
    text, _ = resolve_query(name)
    client = _client(server)
    client.setQuery(text)
    answer = result_from_json(client.query().convert())
    expected = run_query(graph, text)
    assert answer.variables == expected.variables
    assert rows(answer) == rows(expected)


def test_serve_answers_post_and_negotiates_xml_and_csv(server):
    text = resolve_query("contract-roles")[0]
    client = _client(server, XML)
    client.setMethod(POST)
    client.setQuery(text)
    document = client.query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert "Antony Blinken" in literals
    client = _client(server, CSV)
    client.setQuery(text)
    table = client.query().convert().decode("utf-8")
    assert table.splitlines()[0] == "personLabel,title,country"
    assert "Park Jin,Foreign Minister,KOR" in table


def test_serve_is_read_only(server):
    update = urllib.request.Request(
        server.endpoint.replace("/sparql", "/update"), method="POST",
        data=b"INSERT DATA { <urn:x> <urn:y> <urn:z> }",
        headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=5)
    refused.value.close()
    assert 400 <= refused.value.code < 500
    put = urllib.request.Request(
        server.store + "?" + urllib.parse.urlencode({"graph": "urn:g"}), method="PUT",
        data=b"<urn:x> <urn:y> <urn:z> .", headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=5)
    refused.value.close()
    client = _client(server)
    client.setQuery("ASK { <urn:x> ?p ?o }")
    assert client.query().convert()["boolean"] is False


def test_serve_finds_oxigraph_beside_the_interpreter_without_path(monkeypatch):
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv(BINARY_ENV, raising=False)
    binary = oxigraph_binary()
    assert binary.is_file()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                             timeout=10, check=True)
    assert version.stdout.startswith("oxigraph ")


def test_serve_bad_binary_override_is_a_coded_error(monkeypatch, tmp_path):
    monkeypatch.setenv(BINARY_ENV, str(tmp_path / "nope"))
    with pytest.raises(ServerError, match=r"\[E410\]"):
        oxigraph_binary()


def test_serve_port_in_use_is_a_coded_error(graph, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerError, match=r"\[E410\] port \d+ on 127.0.0.1 is in use"):
            serve_graph(graph, port, tmp_path / "store", timeout=10)
    assert not (tmp_path / "store").exists()  # refused before anything was loaded


def test_serve_cli_missing_graph_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--graph", str(tmp_path / "none.ttl"),
                                      "--port", "0"])
    assert result.exit_code == 2 and "[E110]" in result.output


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_cli_serves_until_interrupted(graph, tmp_path, stop):
    graph_file = write_exports(graph, tmp_path, ["turtle"])[0]
    port = free_port()
    command = [sys.executable, "-c", "from graph.cli import app; app()", "serve",
               "--graph", str(graph_file), "--port", str(port),
               "--store", str(tmp_path / "kept")]
    # The parent ignores SIGINT (as a shell does for a background job, or as some
    # test runs left it): serve must still stop on it.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONFAULTHANDLER": "1"},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        # serve says where it listens once it is ready to be stopped cleanly
        ready, _, _ = select.select([process.stderr], [], [], 30)
        assert ready, "serve did not report its endpoint within 30 s"
        announced = process.stderr.readline().decode()
        assert f"http://127.0.0.1:{port}/sparql" in announced, announced
        query = urllib.parse.urlencode({"query": resolve_query("contract-agreements")[0]})
        request = urllib.request.Request(f"http://127.0.0.1:{port}/sparql?{query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert "Mutual Defense Treaty" in response.read().decode("utf-8")
        process.send_signal(stop)
        try:
            code = process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            # Say where it hangs: PYTHONFAULTHANDLER makes SIGABRT print every thread's stack.
            process.send_signal(signal.SIGABRT)
            process.wait(timeout=10)
            pytest.fail("serve did not stop:\n" + process.stderr.read().decode()[-4000:])
        assert code == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        process.stderr.close()
    with socket.socket() as probe:  # the oxigraph server went down with it
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert (tmp_path / "kept").is_dir()  # --store keeps the loaded store for `query --store`
    listed = CliRunner().invoke(app, ["query", "contract-agreements", "--store",
                                      str(tmp_path / "kept"), "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert "Mutual Defense Treaty" in listed.output


def test_serve_refuses_to_clear_an_existing_store_without_replace(graph, tmp_path):
    from graph.errors import ConfigError

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "data").write_text("someone's store", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E200\] --store .* is not empty.*--replace"):
        serve_graph(graph, free_port(), kept)
    assert (kept / "data").read_text(encoding="utf-8") == "someone's store"
    with serve_graph(graph, free_port(), kept, replace=True) as running:
        assert _client(running) is not None


def test_serve_passes_the_query_timeout_to_oxigraph(graph, tmp_path, monkeypatch):
    import graph.serve as serve_module

    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def recording_popen(command, *args, **kwargs):
        started.append(list(command))
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(serve_module.subprocess, "Popen", recording_popen)
    with serve_graph(graph, free_port(), tmp_path / "store", query_timeout=7):
        pass
    assert started and started[0][-2:] == ["--timeout-s", "7"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_serve_server_dies_when_serve_is_killed(graph, tmp_path):
    import time

    graph_file = write_exports(graph, tmp_path, ["turtle"])[0]
    port = free_port()
    command = [sys.executable, "-c", "from graph.cli import app; app()", "serve",
               "--graph", str(graph_file), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        ready, _, _ = select.select([process.stderr], [], [], 30)
        assert ready, "serve did not report its endpoint within 30 s"
        process.kill()  # kill -9: no clean-up code runs in serve
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) != 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail(f"the oxigraph child still holds port {port} after serve was killed")
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()


def _status(request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def _get(server, query: str, **headers) -> urllib.request.Request:
    url = server.endpoint + "?" + urllib.parse.urlencode({"query": query})
    return urllib.request.Request(url, headers={"Accept": "application/sparql-results+json",
                                                **headers})


def test_serve_answers_only_local_hosts_and_origins(server):
    ask = "ASK { ?s ?p ?o }"
    assert _status(_get(server, ask)) == 200
    assert _status(_get(server, ask, Host="evil.example:80")) == 421
    assert _status(_get(server, ask, Origin="https://evil.example")) == 403
    assert _status(_get(server, ask, Origin=f"http://localhost:{server.port}")) == 200
    form = urllib.request.Request(server.endpoint, method="POST",
                                  data=urllib.parse.urlencode({"query": ask}).encode(),
                                  headers={"Origin": "https://evil.example",
                                           "Content-Type": "application/x-www-form-urlencoded"})
    assert _status(form) == 403


@pytest.mark.parametrize("query, refused", [
    ("SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }", True),
    ("select * where { service <http://10.0.0.1/sparql> { ?s ?p ?o } }", True),
    ('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE in a comment', False),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o }", False),
])
def test_serve_refuses_federated_queries(server, query, refused):
    from graph.gateway import uses_service

    assert uses_service(query) is refused
    assert (_status(_get(server, query)) == 403) is refused
    post = urllib.request.Request(server.endpoint, method="POST", data=query.encode(),
                                  headers={"Content-Type": "application/sparql-query"})
    assert (_status(post) == 403) is refused


def test_serve_bounds_the_size_and_time_of_an_answer(graph, tmp_path):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    runaway = ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
    with serve_graph(graph, free_port(), tmp_path / "small", max_bytes=2_000) as running:
        assert _status(_get(running, "ASK { ?s ?p ?o }")) == 200
        assert _status(_get(running, everything)) == 507
    with serve_graph(graph, free_port(), tmp_path / "quick", query_timeout=1,
                     max_bytes=2**40) as running:
        assert _status(_get(running, runaway)) == 503


PREFIXED = "SELECT ?code WHERE { ?c dg:iso3 ?code ; rdfs:label ?label } ORDER BY ?code"


def _sparql_query_post(server, text: str) -> urllib.request.Request:
    return urllib.request.Request(server.endpoint, data=text.encode("utf-8"), method="POST",
                                  headers={"Content-Type": "application/sparql-query",
                                           "Accept": "application/sparql-results+json"})


@pytest.mark.parametrize("method", ["GET", "POST form", "POST sparql-query"])
def test_serve_knows_the_prefixes_the_cli_adds(graph, server, method):
    if method == "POST sparql-query":
        with urllib.request.urlopen(_sparql_query_post(server, PREFIXED), timeout=10) as reply:
            answer = result_from_json(json.loads(reply.read()))
    else:
        client = _client(server)
        if method == "POST form":
            client.setMethod(POST)
        client.setQuery(PREFIXED)
        answer = result_from_json(client.query().convert())
    expected = run_query(graph, PREFIXED)  # what `diplograph query` answers
    assert [str(row[0]) for row in answer.rows] == ["KOR", "PRK", "USA"]
    assert rows(answer) == rows(expected)


def test_serve_keeps_a_prefix_the_query_declares(server):
    text = "PREFIX dg: <urn:elsewhere#> " + PREFIXED
    with urllib.request.urlopen(_sparql_query_post(server, text), timeout=10) as reply:
        assert result_from_json(json.loads(reply.read())).rows == ()


@pytest.mark.parametrize(("query", "declared"), [
    ("SELECT * { ?c dg:iso3 ?x }", ["dg"]),
    ('SELECT * { ?s rdfs:label "dg:x" ; ?p "2018"^^xsd:gYear } # prov:x', ["rdfs", "xsd"]),
    ("PREFIX dg: <urn:x#> SELECT * { ?c dg:iso3 ?x ; skos:altLabel ?y }", ["skos"]),
    ("SELECT * { ?s <http://example.org/a:b> ?o ; ex:p ?x }", []),  # ex: is no project prefix
])
def test_serve_gateway_declares_only_missing_known_prefixes(query, declared):
    text = add_prefixes(query, default_prefixes())
    assert text.endswith(query) and "\n" not in text[:-len(query)]  # line numbers unchanged
    assert re.findall(r"PREFIX (\w+): <", text[:-len(query)]) == declared

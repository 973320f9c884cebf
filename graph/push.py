"""Send a built graph to a SPARQL 1.1 Graph Store Protocol endpoint.

In: an rdflib `Graph` and the endpoint's URL (Oxigraph: http://HOST:7878/store;
Fuseki: http://HOST:3030/DATASET/data). Out: on the server, one named graph
per source document plus the shared graph (`export.document_graphs`), each
written with PUT, which replaces the graph whole: a rebuilt document's old
claims do not survive a re-push.

Documents that disappeared from the corpus are handled by a manifest graph
(`MANIFEST_GRAPH`) listing every graph the last push wrote: the next push
deletes the graphs the manifest lists and the new build no longer has. Graphs
diplograph did not write are never touched. The manifest is first widened to
old + new and only narrowed at the end, so an interrupted push is repaired by
the next one.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from .errors import DiplographError
from .export import document_graphs, ntriples_text
from .namespace import ID

log = logging.getLogger(__name__)

MANIFEST_GRAPH = ID["graph/manifest"]
NTRIPLES = "application/n-triples"


class PushError(DiplographError):
    """The Graph Store endpoint refused a request or cannot be reached."""

    code = "E400"


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did."""

    graphs: int
    triples: int
    removed: tuple[str, ...]


def push_graph(graph: Graph, endpoint: str, *, timeout: float = 60.0) -> PushReport:
    """Replace this corpus's named graphs at `endpoint` with those of `graph`.

    Raises:
        PushError: a request failed (the message gives the URL and the status).
    """
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL; give the Graph "
                        f"Store endpoint, e.g. http://127.0.0.1:7878/store")
    parts = document_graphs(graph)
    previous = _read_manifest(endpoint, timeout)
    _put(endpoint, MANIFEST_GRAPH, _manifest(previous | set(parts)), timeout)
    for name, part in parts.items():
        _put(endpoint, name, part, timeout)
    removed = sorted(previous - set(parts))
    for name in removed:
        _request("DELETE", endpoint, name, timeout, missing_ok=True)
        log.info("removed %s", name)
    _put(endpoint, MANIFEST_GRAPH, _manifest(set(parts)), timeout)
    return PushReport(graphs=len(parts), triples=len(graph),
                      removed=tuple(str(name) for name in removed))


def _manifest(names: set[URIRef]) -> Graph:
    manifest = Graph()
    for name in names:
        manifest.add((MANIFEST_GRAPH, RDFS.member, name))
    return manifest


def _read_manifest(endpoint: str, timeout: float) -> set[URIRef]:
    body = _request("GET", endpoint, MANIFEST_GRAPH, timeout, missing_ok=True)
    if not body:
        return set()
    manifest = Graph()
    manifest.parse(data=body.decode("utf-8"), format="nt")
    return {name for name in manifest.objects(MANIFEST_GRAPH, RDFS.member)
            if isinstance(name, URIRef)}


def _put(endpoint: str, name: URIRef, graph: Graph, timeout: float) -> None:
    _request("PUT", endpoint, name, timeout, body=ntriples_text(graph).encode("utf-8"))
    log.info("put %d triples into %s", len(graph), name)


def _request(method: str, endpoint: str, name: URIRef, timeout: float, *,
             body: bytes | None = None, missing_ok: bool = False) -> bytes:
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': str(name)})}"
    headers = {"Accept": NTRIPLES} if method == "GET" else {}
    if body is not None:
        headers["Content-Type"] = NTRIPLES
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        with error:  # it holds the open response
            detail = error.read().decode("utf-8", "replace").strip()[:300]
        if missing_ok and error.code == 404:
            return b""
        raise PushError(f"{method} {url}: HTTP {error.code} {error.reason}: {detail}; "
                        f"is {endpoint} a writable Graph Store Protocol endpoint?") from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise PushError(f"{method} {url}: cannot reach the endpoint ({reason}); "
                        f"is the server running at {endpoint}?") from None

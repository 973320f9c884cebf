"""Send a built graph to a SPARQL 1.1 Graph Store Protocol endpoint.

In: an rdflib `Graph` and the endpoint's URL (Oxigraph: http://HOST:7878/store;
Fuseki: http://HOST:3030/DATASET/data). Out: on the server, one named graph
per source document plus the shared graph (`export.document_graphs`), each
written with PUT, which replaces the graph whole: a rebuilt document's old
claims do not survive a re-push.

A push only adds and replaces. A manifest graph (`MANIFEST_GRAPH`) lists every
graph diplograph has written there; with `prune=True` the push also deletes the
listed graphs that the new build no longer has (documents that left the corpus).
Graphs diplograph did not write are never touched. The manifest is first widened
to old + new and only narrowed after pruning, so an interrupted push is repaired by
the next one. An empty graph is never pushed: it can only come from a broken
build, and pruning with it would empty the store.

Credentials come from the environment, never from the command line (where any
user could read them in the process list): `DIPLOGRAPH_PUSH_TOKEN` (a bearer
token) or `DIPLOGRAPH_PUSH_USER` with `DIPLOGRAPH_PUSH_PASSWORD` (basic auth).
"""

from __future__ import annotations

import base64
import logging
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

import requests
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .errors import DiplographError
from .export import document_graphs, ntriples_text
from .namespace import ID

log = logging.getLogger(__name__)

MANIFEST_GRAPH = ID["graph/manifest"]
NTRIPLES = "application/n-triples"
# Answers worth another try: the server is busy, restarting or behind a failing proxy.
RETRY_STATUSES = frozenset({500, 502, 503, 504})


class PushError(DiplographError):
    """The Graph Store endpoint refused a request or cannot be reached."""

    code = "E400"


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did."""

    graphs: int
    triples: int
    removed: tuple[str, ...]


def authorization_from_env(env: Mapping[str, str]) -> str | None:
    """The Authorization header value the environment asks for, or None.

    Raises:
        PushError: a user is given without a password, or the other way round.
    """
    token = env.get("DIPLOGRAPH_PUSH_TOKEN")
    if token:
        return f"Bearer {token}"
    user, password = env.get("DIPLOGRAPH_PUSH_USER"), env.get("DIPLOGRAPH_PUSH_PASSWORD")
    if bool(user) != bool(password):
        raise PushError("set both DIPLOGRAPH_PUSH_USER and DIPLOGRAPH_PUSH_PASSWORD for basic "
                        "auth (or DIPLOGRAPH_PUSH_TOKEN for a bearer token)")
    if user and password:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return f"Basic {pair}"
    return None


def push_graph(graph: Graph, endpoint: str, *, prune: bool = False,
               authorization: str | None = None, timeout: float = 60.0,
               retries: int = 3, backoff: float = 0.5) -> PushReport:
    """Add or replace this corpus's named graphs at `endpoint` with those of `graph`.

    With `prune`, also delete the graphs of documents the last pushes wrote and
    `graph` no longer has. `authorization` is sent as the Authorization header.
    Each request is tried up to `retries` more times on a connection error, a
    timeout or a 5xx answer, waiting `backoff` seconds times 2, 4, ... in between.

    Raises:
        PushError: `graph` is empty, or a request failed (the message gives the URL
            and the status).
    """
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL; give the Graph "
                        f"Store endpoint, e.g. http://127.0.0.1:7878/store")
    parts = {name: part for name, part in document_graphs(graph).items() if len(part)}
    if len(graph) == 0 or not parts:
        raise PushError("the graph is empty: nothing was pushed and the store was left as it "
                        "was; build a corpus first (diplograph build DOCS --out exports)")
    session = _Session(endpoint, timeout, authorization, retries=retries, backoff=backoff)
    previous = _read_manifest(session)
    _put(session, MANIFEST_GRAPH, _manifest(previous | set(parts)))
    for name, part in parts.items():
        _put(session, name, part)
    removed = sorted(previous - set(parts)) if prune else []
    for name in removed:
        session.request("DELETE", name, missing_ok=True)
        log.info("removed %s", name)
    _put(session, MANIFEST_GRAPH, _manifest(set(parts) | (set() if prune else previous)))
    return PushReport(graphs=len(parts), triples=len(graph),
                      removed=tuple(str(name) for name in removed))


def _manifest(names: set[URIRef]) -> Graph:
    manifest = Graph()
    for name in names:
        manifest.add((MANIFEST_GRAPH, RDFS.member, name))
    return manifest


def _read_manifest(session: _Session) -> set[URIRef]:
    body = session.request("GET", MANIFEST_GRAPH, missing_ok=True)
    if not body:
        return set()
    manifest = Graph()
    try:
        manifest.parse(data=body.decode("utf-8"), format="nt")
    except Exception:  # rdflib raises several kinds; any of them means "not a graph store"
        raise PushError(f"{session.endpoint} did not answer as a Graph Store Protocol "
                        "endpoint (its reply is not N-Triples: a query UI or web page?); give "
                        "the store's URL, e.g. http://127.0.0.1:7878/store for Oxigraph") \
            from None
    return {name for name in manifest.objects(MANIFEST_GRAPH, RDFS.member)
            if isinstance(name, URIRef)}


def _put(session: _Session, name: URIRef, graph: Graph) -> None:
    session.request("PUT", name, body=ntriples_text(graph).encode("utf-8"))
    log.info("put %d triples into %s", len(graph), name)


class _Session:
    """One endpoint, its timeout and its credentials, over a `requests` session.

    Connection errors, timeouts and 5xx answers are retried with exponential
    backoff (urllib3's `Retry`, honouring `Retry-After`); every request diplograph
    sends (GET, PUT, DELETE of a whole graph) is idempotent, so a retry is safe.
    """

    def __init__(self, endpoint: str, timeout: float, authorization: str | None, *,
                 retries: int, backoff: float) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.http = requests.Session()
        retry = Retry(total=retries, connect=retries, read=retries, status=retries,
                      backoff_factor=backoff, status_forcelist=RETRY_STATUSES,
                      allowed_methods=frozenset({"GET", "PUT", "DELETE"}),
                      raise_on_status=False)
        adapter = HTTPAdapter(max_retries=retry)
        self.http.mount("http://", adapter)
        self.http.mount("https://", adapter)
        if authorization:
            self.http.headers["Authorization"] = authorization

    def request(self, method: str, name: URIRef, *, body: bytes | None = None,
                missing_ok: bool = False) -> bytes:
        endpoint = self.endpoint
        headers = {"Accept": NTRIPLES} if method == "GET" else {}
        if body is not None:
            headers["Content-Type"] = NTRIPLES
        url = endpoint
        try:
            response = self.http.request(method, endpoint, params={"graph": str(name)},
                                         data=body, headers=headers, timeout=self.timeout)
            url = response.url
        except (requests.ConnectionError, requests.Timeout) as error:
            prepared = requests.Request(method, endpoint, params={"graph": str(name)}).prepare()
            url = prepared.url or endpoint
            raise PushError(f"{method} {url}: cannot reach the endpoint after "
                            f"{self.retries + 1} attempts ({_reason(error)}); "
                            f"is the server running at {endpoint}?") from None
        with response:
            if response.ok:
                return response.content
            if missing_ok and response.status_code == 404:
                return b""
            detail = response.text.strip()[:300]
        code = response.status_code
        hint = ("check DIPLOGRAPH_PUSH_TOKEN or DIPLOGRAPH_PUSH_USER/PASSWORD"
                if code in (401, 403) else
                f"is {endpoint} a writable Graph Store Protocol endpoint?")
        tried = f" (after {self.retries + 1} attempts)" if code in RETRY_STATUSES else ""
        raise PushError(f"{method} {url}: HTTP {code} {response.reason}{tried}: {detail}; "
                        f"{hint}")


def _reason(error: Exception) -> str:
    """What went wrong underneath a requests error ("Connection refused", "timed out")."""
    inner = error.args[0] if error.args else error
    return str(getattr(inner, "reason", None) or inner)

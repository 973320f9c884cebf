"""The front door of `serve`: a bounded, local-only gateway to the Oxigraph server.

In: requests to http://127.0.0.1:PORT (the SPARQL endpoint `/sparql` and the query
UI). Out: Oxigraph's answers, relayed from the server `serve` started on a private
port, within limits Oxigraph does not set itself:

- only requests whose Host is this machine's loopback name are answered, and a
  browser request from another origin is refused (a web page cannot make a
  visitor's browser query, or reach through, the endpoint);
- federated queries (SERVICE) are refused unless allowed, so the server never
  sends requests to addresses a query names;
- a query that runs past its time is abandoned (the connection to Oxigraph is
  closed) and answered 503;
- a result larger than its bound is answered 507 instead of being streamed.

It also declares the project prefixes (`dg:`, `id:`, `rdfs:`, ...) a query uses
without declaring them, as `diplograph query` does, so the same query text works
at the endpoint and on the command line.
"""

from __future__ import annotations

import http.client
import http.server
import logging
import re
import signal
import threading
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
_CHUNK = 1 << 16
# SPARQL comments, strings and IRIs, which may contain the word SERVICE harmlessly.
_INERT = re.compile(r"#[^\n]*|\"\"\".*?\"\"\"|'''.*?'''|\"(?:\\.|[^\"\\\n])*\"|"
                    r"'(?:\\.|[^'\\\n])*'|<[^<>\s]*>", re.S)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)
# A prefixed name's prefix: not part of a variable ("?x:"), a word or another name.
_PREFIXED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*(?:\.[\w-]+)*):")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may cost."""

    timeout: float = 30.0           # seconds until the answer is complete
    max_bytes: int = 50 * 2**20     # size of one answer
    allow_service: bool = False     # federated queries


@dataclass
class Gateway:
    """A running gateway; `stop()` it."""

    server: http.server.ThreadingHTTPServer
    thread: threading.Thread
    port: int
    backend_port: int
    limits: Limits = field(default_factory=Limits)

    def stop(self) -> None:
        """Stop listening; a stuck request can delay this by 3 s at most."""
        # shutdown() waits for the serving loop, which a signal arriving at the wrong
        # moment can keep waiting: bound the wait, then close the socket regardless.
        stopper = threading.Thread(target=self.server.shutdown, daemon=True)
        stopper.start()
        stopper.join(timeout=3)
        self.server.server_close()
        self.thread.join(timeout=2)


def uses_service(query: str) -> bool:
    """Whether a SPARQL text calls SERVICE (outside comments, strings and IRIs)."""
    return bool(_SERVICE.search(_INERT.sub(" ", query)))


def add_prefixes(query: str, prefixes: Mapping[str, str]) -> str:
    """`query` with a PREFIX declaration for each of `prefixes` it uses but does not declare.

    The declarations go on the query's first line, so the line numbers in
    Oxigraph's syntax errors stay those of the text that was sent. A prefix the
    query declares itself keeps the query's meaning.
    """
    code = _INERT.sub(" ", query)
    declared = {match.group(1) or "" for match in _DECLARED.finditer(code)}
    used = {match.group(1) for match in _PREFIXED.finditer(code)}
    missing = sorted((used - declared) & prefixes.keys())
    return "".join(f"PREFIX {name}: <{prefixes[name]}> " for name in missing) + query


def start_gateway(port: int, backend_port: int, limits: Limits, *,
                  prefixes: Mapping[str, str] | None = None) -> Gateway:
    """Listen on 127.0.0.1:`port` and relay to Oxigraph on `backend_port`.

    Args:
        prefixes: declared for each query that uses them without a PREFIX line.
    """
    handler = type("Handler", (_Handler,), {"backend_port": backend_port, "limits": limits,
                                           "port": port, "prefixes": dict(prefixes or {})})
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=_serve_without_signals, args=(server,),
                              name="diplograph-gateway", daemon=True)
    thread.start()
    return Gateway(server, thread, port, backend_port, limits)


def _serve_without_signals(server: http.server.ThreadingHTTPServer) -> None:
    # Signals belong to the main thread, which stops the server; blocked here, the
    # kernel cannot hand them to this thread or to the request threads it starts.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    server.serve_forever()


class _Handler(http.server.BaseHTTPRequestHandler):
    backend_port: int
    limits: Limits
    port: int
    prefixes: dict[str, str]
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the handler API names it so
        self._relay(b"")

    def do_HEAD(self) -> None:  # noqa: N802
        self._relay(b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.limits.max_bytes:
            self._refuse(413, "the request body is too large")
            return
        self._relay(self.rfile.read(length))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def _relay(self, body: bytes) -> None:
        problem = self._check(body)
        if problem:
            self._refuse(*problem)
            return
        started = time.monotonic()
        path, body = self._with_prefixes(body)
        upstream = http.client.HTTPConnection(HOST, self.backend_port,
                                              timeout=self.limits.timeout)
        try:
            # Content-Length is left to http.client: declaring prefixes changes it.
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() in ("accept", "content-type")}
            upstream.request(self.command, path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            chunks, size = [], 0
            while True:
                if time.monotonic() - started > self.limits.timeout:
                    self._refuse(503, f"the query ran longer than {self.limits.timeout:g} s "
                                      "and was abandoned; narrow it or add a LIMIT")
                    return
                chunk = answer.read(_CHUNK) if self.command != "HEAD" else b""
                if not chunk:
                    break
                size += len(chunk)
                if size > self.limits.max_bytes:
                    self._refuse(507, f"the answer is larger than {self.limits.max_bytes} "
                                      "bytes; add a LIMIT or ask for less")
                    return
                chunks.append(chunk)
        except TimeoutError:
            self._refuse(503, f"the query ran longer than {self.limits.timeout:g} s and was "
                              "abandoned; narrow it or add a LIMIT")
            return
        except (OSError, http.client.HTTPException) as error:
            self._refuse(502, f"the Oxigraph server did not answer ({error})")
            return
        finally:
            upstream.close()  # for an abandoned query, this is what stops Oxigraph's work
        data = b"".join(chunks)
        self.send_response(answer.status)
        for name in ("Content-Type", "Cache-Control", "Vary"):
            if answer.getheader(name):
                self.send_header(name, answer.getheader(name, ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _check(self, body: bytes) -> tuple[int, str] | None:
        host = (self.headers.get("Host") or "").lower()
        if host not in {f"{name}:{self.port}" for name in LOCAL_NAMES}:
            return 421, "this endpoint answers only requests addressed to 127.0.0.1 or localhost"
        origin = self.headers.get("Origin")
        if origin and origin.lower() not in {f"http://{name}:{self.port}"
                                             for name in LOCAL_NAMES}:
            return 403, "requests from other web origins are refused"
        if not self.limits.allow_service and uses_service(self._query_text(body)):
            return 403, ("federated queries (SERVICE) are disabled on this endpoint; start "
                         "serve with --allow-service to allow them")
        return None

    def _with_prefixes(self, body: bytes) -> tuple[str, bytes]:
        """The request's path and body with the missing prefixes declared in its query."""
        if not self.prefixes:
            return self.path, body
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if self.command == "POST" and kind == "application/sparql-query":
            return self.path, add_prefixes(body.decode("utf-8", "replace"),
                                           self.prefixes).encode("utf-8")
        if self.command == "POST" and kind == "application/x-www-form-urlencoded":
            body = self._form_with_prefixes(body.decode("utf-8", "replace")).encode("utf-8")
        parts = urllib.parse.urlsplit(self.path)
        if parts.query:
            parts = parts._replace(query=self._form_with_prefixes(parts.query))
        return urllib.parse.urlunsplit(parts), body

    def _form_with_prefixes(self, form: str) -> str:
        fields = urllib.parse.parse_qsl(form, keep_blank_values=True)
        if not any(name == "query" for name, _ in fields):
            return form
        return urllib.parse.urlencode([(name, add_prefixes(value, self.prefixes)
                                        if name == "query" else value)
                                       for name, value in fields], quote_via=urllib.parse.quote)

    def _query_text(self, body: bytes) -> str:
        parts = [urllib.parse.urlsplit(self.path).query]
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        text = body.decode("utf-8", "replace")
        if kind == "application/x-www-form-urlencoded":
            parts.append(text)
        elif text:
            return text + " " + " ".join(
                " ".join(v) for v in urllib.parse.parse_qs(parts[0]).values())
        return " ".join(" ".join(v) for p in parts for v in urllib.parse.parse_qs(p).values())

    def _refuse(self, status: int, message: str) -> None:
        data = f"{message}\n".encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client has gone

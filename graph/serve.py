"""Serve a built graph as a read-only SPARQL 1.1 Protocol endpoint.

In: a graph (or a store folder `store.load_store` filled) and a port. Out: a
running Oxigraph server (`oxigraph serve-read-only`, the server binary the
`oxigraph` PyPI package installs beside the Python interpreter) answering at
http://127.0.0.1:PORT/sparql, GET and POST, with JSON, XML, CSV or TSV results
by content negotiation, and a query UI at http://127.0.0.1:PORT/. The same
helpers start the read-write server (`oxigraph serve`) the push tests use.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .errors import ConfigError, DiplographError
from .gateway import Gateway, Limits, start_gateway

if TYPE_CHECKING:
    from rdflib import Graph

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
BINARY_ENV = "DIPLOGRAPH_OXIGRAPH"
DEFAULT_MAX_BYTES = 50 * 2**20  # the largest answer the endpoint sends
DEFAULT_QUERY_TIMEOUT = 30.0  # seconds; a runaway query must not hold a core for good
_PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>


class ServerError(DiplographError):
    """The Oxigraph server cannot be found or does not start."""

    code = "E410"


def oxigraph_binary() -> Path:
    """The `oxigraph` server executable.

    Looked up, in order: $DIPLOGRAPH_OXIGRAPH; the scripts folder of the
    running interpreter's environment (where pip puts the `oxigraph` wheel's
    binary, found even when the virtualenv is not activated); the user
    scripts folder; then $PATH.

    Raises:
        ServerError: none of these has it.
    """
    override = os.environ.get(BINARY_ENV)
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return Path(override)
        raise ServerError(f"${BINARY_ENV}={override} is not an executable file; "
                          f"point it at the oxigraph binary or unset it")
    name = "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    folders: list[str | Path] = [sysconfig.get_path("scripts"), Path(sys.executable).parent]
    try:
        folders.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    except KeyError:
        pass
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ServerError("the oxigraph server binary is not installed; "
                      "run `pip install oxigraph` in diplograph's environment "
                      f"or set ${BINARY_ENV}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running Oxigraph server; `stop()` it, or use it as a context manager."""

    process: subprocess.Popen[bytes]
    port: int
    log_file: IO[bytes]

    @property
    def endpoint(self) -> str:
        """The SPARQL 1.1 Protocol endpoint (queries)."""
        return endpoint_url(self.port)

    @property
    def store(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint (read-write servers)."""
        return f"http://{HOST}:{self.port}/store"

    def stop(self, *, timeout: float = 5.0) -> None:
        """Stop the server, killing it if it does not stop within `timeout` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.log_file.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(location: Path, port: int, *, read_only: bool = True,
                 union_default_graph: bool = False, timeout: float = 15.0,
                 query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> Server:
    """Start Oxigraph on `location` at 127.0.0.1:`port`; return once it answers.

    The server dies with this process (on Linux, even after kill -9), so it never
    outlives the command that started it and holds its port.

    Args:
        read_only: `serve-read-only` (no updates, no Graph Store writes) or `serve`.
        union_default_graph: queries without GRAPH see every named graph.
        timeout: seconds to wait for the first answer before giving up.
        query_timeout: seconds a query may run before the server abandons it.

    Raises:
        ServerError: the port is taken, or the process exits or does not answer
            within `timeout`.
    """
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port} is not a TCP port; give 1-65535")
    if query_timeout <= 0:
        raise ConfigError(f"--timeout {query_timeout} must be a positive number of seconds")
    # Checked first: otherwise a server already there would answer the readiness
    # probe and this one would report success while another graph is served.
    require_free_port(port)
    if read_only and not location.is_dir():
        raise ServerError(f"{location}: no store to serve; load a graph into it first "
                          f"(store.load_store or `diplograph serve --graph FILE`)")
    command = [str(oxigraph_binary()), "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"{HOST}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    command += ["--timeout-s", str(max(1, round(query_timeout)))]
    log.info("starting %s", " ".join(command))
    # The server's messages go to a file, not a pipe: nobody reads a pipe while
    # it serves, and a full pipe would block it.
    log_file = tempfile.TemporaryFile()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log_file,
                               stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    server = Server(process, port, log_file)
    try:
        _wait_until_ready(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def require_free_port(port: int) -> None:
    """Raise `ServerError` when something already listens on 127.0.0.1:`port`."""
    if not port_is_free(port):
        raise ServerError(f"port {port} on {HOST} is in use; stop what listens there, "
                          "or pick another port (--port 0 picks a free one)")


def port_is_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:`port` and it can be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def endpoint_url(port: int) -> str:
    """The SPARQL 1.1 Protocol endpoint of a server on `port`."""
    return f"http://{HOST}:{port}/sparql"


def _wait_until_ready(server: Server, timeout: float) -> None:
    probe = server.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log_file.seek(0)
            output = server.log_file.read().decode("utf-8", "replace").strip()
            raise ServerError(f"oxigraph exited with code {server.process.returncode} on "
                              f"{HOST}:{server.port}: {output[-500:]}; is the port in use "
                              f"or the store folder held by another process?")
        try:
            with urllib.request.urlopen(probe, timeout=1.0) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            error.close()
            time.sleep(0.02)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.02)
    raise ServerError(f"oxigraph did not answer on {HOST}:{server.port} "
                      f"within {timeout:.0f} s")


@dataclass
class Served:
    """`serve`'s running pair: Oxigraph on a private port behind the gateway on `port`."""

    backend: Server
    gateway: Gateway

    @property
    def port(self) -> int:
        return self.gateway.port

    @property
    def endpoint(self) -> str:
        """The SPARQL 1.1 Protocol endpoint users query."""
        return endpoint_url(self.gateway.port)

    @property
    def store(self) -> str:
        """Where a Graph Store Protocol endpoint would be (refused: this one is read-only)."""
        return f"http://{HOST}:{self.gateway.port}/store"

    def wait(self) -> int:
        """Block until the Oxigraph server exits; its exit code.

        It waits in short steps: a signal (Ctrl-C, SIGTERM) that the kernel hands to
        one of the gateway's threads is only acted on when the main thread runs
        Python, and a bare blocking wait would never return to it.
        """
        while True:
            try:
                return self.backend.process.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue

    def stop(self) -> None:
        self.gateway.stop()
        self.backend.stop()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_graph(graph: Graph, port: int, location: Path, *, timeout: float = 15.0,
                query_timeout: float = DEFAULT_QUERY_TIMEOUT, replace: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, allow_service: bool = False) -> Served:
    """Load `graph` into a store at `location` and serve it read-only on `port`.

    Queries reach Oxigraph through the gateway (`graph.gateway`), which answers only
    local requests, bounds each query's time and answer size, and declares the
    project prefixes a query uses without declaring them (as `diplograph query` does).

    Raises:
        ConfigError: `location` already holds something and `replace` is not set.
        ServerError: the server cannot start (see `start_server`).
    """
    from .query import default_prefixes
    from .store import load_store

    if location.exists() and any(location.iterdir()) and not replace:
        raise ConfigError(f"--store {location} is not empty; loading the graph would clear "
                          "it: pass --replace to replace its contents, or name a new folder")
    require_free_port(port)  # before loading: a taken port must not cost a load
    if max_bytes <= 0:
        raise ConfigError(f"--max-result-mb must be positive, not {max_bytes / 2**20:g}")
    store = load_store(graph, location)
    # Oxigraph takes a lock on the folder; the server can open it only once
    # this process has let go of it.
    del store
    backend = start_server(location, free_port(), read_only=True, timeout=timeout,
                           query_timeout=query_timeout)
    try:
        gateway = start_gateway(port, backend.port, Limits(query_timeout, max_bytes,
                                                           allow_service),
                                prefixes=default_prefixes())
    except OSError as error:
        backend.stop()
        raise ServerError(f"cannot listen on {HOST}:{port} ({error.strerror}); pick another "
                          "port (--port 0 picks a free one)") from None
    return Served(backend, gateway)

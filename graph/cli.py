"""The command line: thin typer wrappers around `pipeline`.

This is the only module that talks to the user. Heavy libraries (spaCy,
pyvis) load inside the commands, so `diplograph --help` answers at once.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from .errors import DiplographError

_HELP_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}


def _help_type(param: typer.core.TyperOption | typer.core.TyperArgument,
               ctx: object) -> str | None:
    """The value a parameter takes, as help shows it: PATH, TEXT, INTEGER...; nothing for a
    flag. (Typer would print Python annotations such as `<list[str]>` and `<bool>`.)"""
    if getattr(param, "metavar", None):
        return str(param.metavar)
    bare = param.bare_type().removeprefix("list[").removesuffix("]")
    if bare == "bool":
        return None
    name = _HELP_TYPES.get(bare, bare.upper())
    return f"{name}..." if param.nargs != 1 or param.bare_type().startswith("list[") else name


typer.core.TyperOption.display_type_rich = _help_type  # type: ignore[method-assign,assignment]
typer.core.TyperArgument.display_type_rich = _help_type  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="diplograph",
    help="Build knowledge graphs of treaties, office holders and condemnations from "
         "international-relations text.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(error: DiplographError) -> typer.Exit:
    typer.echo(f"diplograph: {error}", err=True)
    return typer.Exit(code=2)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"diplograph {version('diplograph')}")
        except PackageNotFoundError:
            typer.echo("diplograph (not installed as a package)")
        raise typer.Exit()


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                               help="Log what each stage does.")] = False,
         show_version: Annotated[bool, typer.Option(
             "--version", callback=_show_version, is_eager=True,
             help="Print the version and exit.")] = False,
         ) -> None:
    """diplograph: international-relations text in, an RDF knowledge graph out."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@contextmanager
def _progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[object], None]]:
    """A progress bar on stderr (documents, words/s, ETA), or a silent callback."""
    if not enabled:
        yield lambda facts: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    words = [0]
    with Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} words/s"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("build", total=total or None, rate="-")
        started = time.perf_counter()

        def advance(facts: object) -> None:
            words[0] += getattr(facts, "words", 0)
            rate = words[0] / max(time.perf_counter() - started, 1e-6)
            bar.update(task, advance=1, rate=f"{rate:,.0f}")

        yield advance


@app.command()
def build(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Folders or files (.txt, .md, .html, .jsonl). Default: seeds/")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the exports.")] = Path(
        "exports"),
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 8,
    formats: Annotated[list[str] | None, typer.Option(
        "--format", "-f", help="Export format, repeatable: turtle, html, nt, nquads, trig, "
                               "jsonld, graphml, neo4j. Default: turtle and html.")] = None,
    curation: Annotated[Path | None, typer.Option(
        help="Curation file (TOML): add aliases, merge or split nodes, forbid "
                  "merges, rename labels.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when any document was skipped (the rest is still built).")
    ] = False,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Processes that parse and extract. Default: the number of cores.")] = None,
    cache: Annotated[bool, typer.Option(
        "--cache/--no-cache", help="Reuse the facts of unchanged documents, kept beside OUT.")
    ] = True,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar.")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Leave out claims less likely than this (0 keeps every "
                               "candidate). Default: per relation, where F1 is highest "
                               "on the dev texts.")] = None,
    precise: Annotated[bool, typer.Option(
        "--precise", help="Per relation, the threshold at which precision on the dev texts "
                          "reaches 0.90 (fewer claims, fewer wrong ones).")] = False,
    engine: Annotated[str, typer.Option(
        help="Where documents are parsed: local (--workers processes here) or dask (a Dask "
             "cluster; needs pip install 'diplograph[dask]').")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        metavar="ADDRESS", help="With --engine dask: the scheduler of an existing cluster "
                                "(tcp://HOST:8786). Default: a local cluster of --workers "
                                "processes.")] = None,
    shards: Annotated[Path | None, typer.Option(
        help="With --engine dask: the workers also write each document's named graph as "
             "N-Quads into this folder (with shards.tsv), for a store's bulk loader.")] = None,
) -> None:
    """Build the graph of INPUT documents into OUT (graph.ttl, graph.html)."""
    import os
    from contextlib import AbstractContextManager, nullcontext

    from .errors import ConfigError
    from .export import DEFAULT_FORMATS
    from .pipeline import build as run_build
    from .read import count_documents

    paths = inputs or [Path("seeds")]
    try:
        total = count_documents(paths)
        if engine not in ("local", "dask"):
            raise ConfigError(f"--engine {engine}: unknown engine; use local or dask")
        if engine == "local" and (scheduler or shards):
            raise ConfigError("--scheduler and --shards need --engine dask")
    except DiplographError as error:
        raise _fail(error) from None
    # Worker processes pay a model load each: not worth it for a handful of documents.
    chosen = workers or (os.cpu_count() or 1)
    if workers is None and total < 4 * batch_size:
        chosen = 1
    try:
        cluster: AbstractContextManager = nullcontext()
        if engine == "dask":
            from .distributed import dask_engine
            cluster = dask_engine(scheduler=scheduler, workers=workers or (os.cpu_count() or 1),
                                  batch_size=batch_size)
        with cluster as dask, \
                _progress_bar(total, enabled=not quiet and sys.stderr.isatty()) as advance:
            report = run_build(paths, out, batch_size=batch_size, progress=advance,
                               curation=curation, workers=chosen, cache=cache,
                               formats=formats or DEFAULT_FORMATS,
                               min_confidence=min_confidence, precise=precise,
                               extractor=dask.extract if dask else None,
                               on_graph=(lambda g: dask.write_shards(g, shards))
                               if dask and shards else None)
    except DiplographError as error:
        raise _fail(error) from None
    for problem in report.problems:
        typer.echo(f"diplograph: skipped {problem.source}: {problem.message}", err=True)
    entities = ", ".join(f"{n} {k}" for k, n in report.entities.items())
    claims = ", ".join(f"{n} {k}" for k, n in report.claims.items())
    typer.echo(f"{report.documents} documents, {report.sentences} sentences "
               f"in {report.seconds:.1f} s")
    typer.echo(f"entities: {entities}")
    typer.echo(f"claims: {claims}")
    for output in report.outputs:
        typer.echo(f"wrote {output}")
    if strict and report.problems:
        typer.echo(f"diplograph: --strict: {len(report.problems)} document(s) skipped", err=True)
        raise typer.Exit(code=1)


@app.command()
def query(
    query: Annotated[str | None, typer.Argument(
        help="SPARQL text, a .rq file, a saved query's name (from ontology/queries/), or - "
             "to read the query from stdin. Omit it to list the saved queries.")] = None,
    graph: Annotated[Path | None, typer.Option(
        "--graph", "-g", help="Graph file: .ttl, .nt, .nq, .trig or .jsonld. Default: "
                              "exports/graph.ttl (unless --store).")] = None,
    store: Annotated[Path | None, typer.Option(
        help="An Oxigraph store folder (from `serve --store`) instead of --graph.")] = None,
    output: Annotated[str, typer.Option(
        "--format", "-f", help="table (aligned), csv (SPARQL 1.1 CSV) or json "
                               "(SPARQL 1.1 Query Results JSON).")] = "table",
    engine: Annotated[str, typer.Option(help="SPARQL engine for --graph: oxigraph or "
                                             "rdflib.")] = "oxigraph",
) -> None:
    """Answer a SPARQL query over a built graph."""
    from .answer import answer_query
    from .query import describe_query, format_result, saved_queries

    if query is None:
        for name, path in saved_queries().items():
            typer.echo(f"{name:24} {describe_query(path)}")
        return
    if query == "-":
        query = sys.stdin.read()
    if graph is None and store is None:
        graph = Path("exports/graph.ttl")
    try:
        result, namespaces = answer_query(query, graph=graph, store=store, engine=engine)
        text = format_result(result, output, namespaces=namespaces)
    except DiplographError as error:
        raise _fail(error) from None
    typer.echo(text, nl=False)


@app.command()
def push(
    endpoint: Annotated[str, typer.Option(
        help="SPARQL 1.1 Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Graph file to send.")] = Path(
        "exports/graph.ttl"),
    prune: Annotated[bool, typer.Option(
        "--prune", help="Also delete the graphs of documents no longer in the corpus.")] = False,
) -> None:
    """Add or replace this corpus's graphs at ENDPOINT: one named graph per document.

    Credentials come from the environment: DIPLOGRAPH_PUSH_TOKEN (bearer token) or
    DIPLOGRAPH_PUSH_USER and DIPLOGRAPH_PUSH_PASSWORD (basic auth).
    """
    import os

    from .push import authorization_from_env, push_graph
    from .query import load_graph

    try:
        report = push_graph(load_graph(graph), endpoint, prune=prune,
                            authorization=authorization_from_env(os.environ))
    except DiplographError as error:
        raise _fail(error) from None
    typer.echo(f"pushed {report.triples} triples in {report.graphs} named graphs to {endpoint}")
    for name in report.removed:
        typer.echo(f"removed {name} (its document is gone)")


@app.command()
def serve(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Graph file to serve.")] = Path(
        "exports/graph.ttl"),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1; 0 picks a free one.")] = 7878,
    store: Annotated[Path | None, typer.Option(
        help="Keep the Oxigraph store in this folder (default: a temporary one).")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Let --store replace what an existing store folder holds.")] = False,
    timeout: Annotated[float, typer.Option(
        help="Seconds a query may run before the server abandons it.")] = 30.0,
    max_result_mb: Annotated[float, typer.Option(
        help="Largest answer, in MiB, the endpoint sends; larger ones are refused.")] = 50.0,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Allow federated queries (SERVICE), which make the server "
                                "send requests to the addresses a query names.")] = False,
) -> None:
    """Serve the graph read-only at http://127.0.0.1:PORT/sparql until Ctrl-C."""
    import signal
    import tempfile

    from .query import load_graph
    from .serve import free_port, serve_graph

    # A service manager stops with SIGTERM: leave through the same clean-up as
    # Ctrl-C, which also stops a server that is still starting.
    # A parent may have left SIGINT ignored or blocked (a shell's background job, a
    # test runner): serve still stops on Ctrl-C.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))  # a closed terminal stops it too
    with tempfile.TemporaryDirectory(prefix="diplograph-store-") as scratch:
        try:
            server = serve_graph(load_graph(graph), port or free_port(),
                                 store or Path(scratch) / "store", query_timeout=timeout,
                                 replace=replace, max_bytes=int(max_result_mb * 2**20),
                                 allow_service=allow_service)
        except DiplographError as error:
            raise _fail(error) from None
        try:  # from here on, Ctrl-C (whenever it comes) stops the server
            typer.echo(f"SPARQL endpoint: {server.endpoint} (query UI: "
                       f"{server.endpoint.removesuffix('sparql')}); Ctrl-C stops it", err=True)
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()

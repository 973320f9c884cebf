"""Answer a query over a graph file or a store folder: the `query` command's engine.

In: a query (saved name, `.rq` file or SPARQL text) and a graph file or an Oxigraph
store folder. Out: a `QueryResult` and the prefixes to shorten IRIs with. It joins
`query` (reading, parsing and formatting queries) and `store` (Oxigraph), which
otherwise do not import each other.
"""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import NamespaceManager

from .errors import ConfigError
from .query import QueryResult, QueryRunError, load_graph, resolve_query, run_query


def answer_query(spec: str, *, graph: Path | None = None, store: Path | None = None,
                 engine: str = "oxigraph") -> tuple[QueryResult, NamespaceManager]:
    """Answer the query `spec` stands for over a graph file or a store folder.

    Args:
        spec: a saved query's name, a `.rq` file or SPARQL text.
        graph: a graph file; loaded into an in-memory store (or rdflib graph).
        store: an Oxigraph store folder, instead of `graph`.
        engine: "oxigraph" or "rdflib" (for `graph` only).

    Returns:
        The result, and prefixes to shorten IRIs with in a table.
    """
    from .rdf import new_graph
    from .store import load_store, open_store, query_store

    if engine not in ("oxigraph", "rdflib"):
        raise ConfigError(f"--engine {engine!r} is unknown; choose oxigraph or rdflib")
    if (graph is None) == (store is None):
        raise ConfigError("give exactly one of --graph FILE (a built graph) or "
                          "--store DIR (an Oxigraph store folder)")
    text, origin = resolve_query(spec)
    try:
        if store is not None:
            return (query_store(open_store(store), text, origin=origin),
                    new_graph().namespace_manager)
        loaded = load_graph(graph)  # type: ignore[arg-type]
        if engine == "rdflib":
            return run_query(loaded, text, origin=origin), loaded.namespace_manager
        return query_store(load_store(loaded), text, origin=origin), loaded.namespace_manager
    except OSError as error:  # raised by a SERVICE call the query makes
        raise QueryRunError(f"{origin}: the query failed while running ({error}); "
                            "an endpoint it calls with SERVICE may be down or refuse it") \
            from None

"""Load a built graph into Oxigraph, an embedded persistent SPARQL 1.1 store.

In: an rdflib `Graph` (or a graph file) and a folder. Out: a pyoxigraph
`Store` in that folder, whose default graph is the whole graph and whose named
graphs are `export.document_graphs` (one per source document, plus the shared
graph), so `GRAPH <document> { ... }` narrows a query to one document while a
query without `GRAPH` counts each triple once. `query_store` answers with the
same `QueryResult` as `query.run_query`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import InputError
from .export import nquads_text, ntriples_text
from .query import (
    QueryResult,
    _plain,
    _triple_key,
    default_prefixes,
    explain_syntax_error,
    syntax_error,
)

log = logging.getLogger(__name__)

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


class StoreError(InputError):
    """A store folder that cannot be opened or loaded."""

    code = "E120"


def load_store(graph: Graph, location: Path | None = None) -> ox.Store:
    """A store holding `graph`, replacing whatever `location` held before.

    Args:
        graph: the built graph.
        location: the store's folder; None keeps the store in memory.
    """
    try:
        store = ox.Store(str(location)) if location is not None else ox.Store()
    except OSError as error:
        raise StoreError(f"{location}: cannot open an Oxigraph store there ({error}); "
                         f"is another process using it? pick another folder") from None
    store.clear()
    store.load(ntriples_text(graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.load(nquads_text(graph).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    log.info("loaded %d triples in %d named graphs into %s", len(graph),
             sum(1 for _ in store.named_graphs()), location or "memory")
    return store


def open_store(location: Path) -> ox.Store:
    """Open an existing store folder for reading.

    Raises:
        StoreError: the folder is missing or not an Oxigraph store.
    """
    if not location.is_dir():
        raise StoreError(f"{location}: no such store folder; create one with "
                         f"`diplograph serve --graph FILE --store {location}`")
    try:
        return ox.Store.read_only(str(location))
    except OSError as error:
        raise StoreError(f"{location}: not a readable Oxigraph store ({error})") from None


def query_store(store: ox.Store, text: str, *, origin: str = "query",
                union: bool = False) -> QueryResult:
    """Answer `text` from `store` with Oxigraph's SPARQL engine.

    Args:
        union: query the union of the named graphs instead of the default
            graph (for stores whose default graph is empty, such as a server
            `push` filled). A triple in several graphs then counts once per graph.

    Raises:
        QuerySyntaxError: the query does not parse, with line and column.
    """
    try:
        answer = store.query(text, use_default_graph_as_union=union,
                             prefixes=default_prefixes())
    except SyntaxError as error:
        better = explain_syntax_error(text, origin)
        if better is not None:
            raise better from None
        match = _POSITION.match(str(error))
        if match is None:
            raise syntax_error(origin, text, 1, 1, str(error)) from None
        line, column, detail = match.groups()
        raise syntax_error(origin, text, int(line), int(column), detail) from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        triples = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                   for t in answer]
        return QueryResult("graph", triples=tuple(sorted(triples, key=_triple_key)))  # type: ignore[arg-type]
    variables = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(to_rdflib(solution[name]) for name in variables) for solution in answer)
    return QueryResult("select", variables, rows)


def to_rdflib(term: object) -> Node | None:
    """The rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return _plain(Literal(term.value, datatype=URIRef(term.datatype.value)))
    raise TypeError(f"not an RDF term: {term!r}")

"""Ask a built graph SPARQL questions and print the answers.

In: a query (a SPARQL string, a `.rq` file, or the name of a saved query in
`ontology/queries/`) and a graph file in any RDF format rdflib reads. Out: a
`QueryResult` (variables and rows of rdflib terms, a boolean, or triples) and
its text as an aligned table, SPARQL 1.1 CSV or SPARQL 1.1 Query Results JSON.
The rdflib engine lives here; `store.py` answers the same queries with
Oxigraph and returns the same `QueryResult`.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from typing import Literal as Kind

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD, NamespaceManager
from rdflib.query import Result
from rdflib.term import Identifier, Node
from rdflib.util import guess_format

from .errors import ConfigError, InputError

log = logging.getLogger(__name__)

SAVED_QUERIES = Path(__file__).resolve().parents[1] / "ontology" / "queries"
OUTPUT_FORMATS = ("table", "csv", "json")
TABLE_CELL_WIDTH = 60
_RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                "jsonld": "json-ld", "json": "json-ld", "rdf": "xml", "owl": "xml",
                "xml": "xml", "n3": "n3"}
_DATASET_FORMATS = {"nquads", "trig", "json-ld"}


class GraphFileError(InputError):
    """A graph file that is missing or not RDF."""

    code = "E110"


class QuerySyntaxError(ConfigError):
    """A query that does not parse as SPARQL 1.1."""

    code = "E210"


class QueryRunError(ConfigError):
    """A query that parsed but failed while it ran (a SERVICE call, say)."""

    code = "E212"


class UnknownQueryError(ConfigError):
    """A query name that is neither a saved query, a file, nor SPARQL."""

    code = "E211"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer to a query, whichever engine computed it.

    `kind` is "select" (`variables`, `rows`), "ask" (`boolean`) or "graph"
    (`triples`, for CONSTRUCT and DESCRIBE). A cell is None when unbound.
    """

    kind: Kind["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- finding queries

def saved_queries() -> dict[str, Path]:
    """The saved queries by name (the file stem), in name order."""
    return {path.stem: path for path in sorted(SAVED_QUERIES.glob("*.rq"))}


def describe_query(path: Path) -> str:
    """The first comment line of a saved query: what it answers."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def resolve_query(spec: str) -> tuple[str, str]:
    """The SPARQL text `spec` stands for, and a name for it in messages.

    `spec` is a saved query's name, a path to a `.rq` file, or SPARQL itself.

    Raises:
        UnknownQueryError: `spec` is none of these.
    """
    saved = saved_queries()
    if spec in saved:
        return saved[spec].read_text(encoding="utf-8"), f"saved query {spec!r}"
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) or ("\n" not in spec and _is_file(path)):
        if not _is_file(path):
            raise UnknownQueryError(f"{spec}: no such query file; give a saved query "
                                    f"({', '.join(saved)}), a .rq file or SPARQL text")
        try:
            # utf-8-sig: a BOM some editors write is not part of the query.
            return path.read_bytes().decode("utf-8-sig"), str(path)
        except UnicodeDecodeError as error:
            raise UnknownQueryError(f"{path}: not UTF-8 text (byte {error.start}: "
                                    f"{error.reason}); save the query as UTF-8") from None
    if re.search(r"\b(select|ask|construct|describe)\b", spec, re.IGNORECASE):
        return spec, "query"
    raise UnknownQueryError(f"{spec!r} is not a saved query, a .rq file or SPARQL; "
                            f"saved queries: {', '.join(saved) or 'none'}")


def _is_file(path: Path) -> bool:
    """Whether `path` names a file; a string too long to be a path is not one."""
    try:
        return path.is_file()
    except OSError:  # "File name too long" for a long one-line query
        return False


# ---------------------------------------------------------------- loading graphs

def load_graph(path: Path) -> Graph:
    """Read a graph file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

    Named graphs are merged: a query sees the whole graph, as the Turtle
    export does.

    Raises:
        GraphFileError: the file is missing or does not parse.
    """
    from .rdf import new_graph

    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file; build one first with "
                             f"`diplograph build --out DIR` and pass DIR/graph.ttl")
    suffix = path.suffix.lstrip(".").lower()
    fmt = _RDF_FORMATS.get(suffix) or guess_format(str(path))
    if fmt is None:
        raise GraphFileError(f"{path}: unknown RDF format {path.suffix!r}; use one of "
                             f"{', '.join('.' + s for s in _RDF_FORMATS)}")
    graph = new_graph()
    try:
        if fmt in _DATASET_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(path, format=fmt)
    except Exception as error:  # rdflib's parsers raise many unrelated types
        raise GraphFileError(f"{path}: not valid {fmt}: {error}") from None
    log.info("loaded %d triples from %s", len(graph), path)
    return graph


# ---------------------------------------------------------------- running (rdflib)

def run_query(graph: Graph, text: str, *, origin: str = "query") -> QueryResult:
    """Answer `text` over `graph` with rdflib's SPARQL engine.

    Raises:
        QuerySyntaxError: the query does not parse, with line and column.
    """
    prepared = _prepare(text, origin, dict(graph.namespaces()))
    if isinstance(prepared, QuerySyntaxError):
        raise prepared
    result = graph.query(prepared)
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=tuple(sorted(result.graph or (), key=_triple_key)))
    variables = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(_plain(row[i]) for i in range(len(variables)))  # type: ignore[index]
                 for row in result)
    return QueryResult("select", variables, rows)


def default_prefixes() -> dict[str, str]:
    """The prefixes a query may use without declaring them (dg, id, rdfs, skos, ...)."""
    from .rdf import new_graph

    return {prefix: str(namespace) for prefix, namespace in new_graph().namespaces()}


def _prepare(text: str, origin: str, namespaces: dict[str, Any] | None = None) -> Any:
    """rdflib's prepared query, or the `QuerySyntaxError` saying why there is none."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=namespaces or {})
    except ParseException as error:
        detail = str(error).split("  (at char")[0]
        return syntax_error(origin, text, error.lineno, error.col, detail)
    except Exception as error:  # e.g. an undeclared prefix, raised as a bare Exception
        return QuerySyntaxError(f"{origin}: {error}; declare every prefix the query uses "
                                f"with PREFIX p: <iri>")


def explain_syntax_error(text: str, origin: str) -> QuerySyntaxError | None:
    """rdflib's account of why `text` does not parse, or None when it parses.

    Oxigraph reports where its parser gave up, often a token past the mistake;
    rdflib points at the offending token, so its account is preferred.
    """
    prepared = _prepare(text, origin, default_prefixes())
    return prepared if isinstance(prepared, QuerySyntaxError) else None


def syntax_error(origin: str, text: str, line: int, column: int,
                 detail: str) -> QuerySyntaxError:
    """A coded syntax error pointing at `line`:`column` (1-based) of `text`."""
    lines = text.splitlines() or [""]
    source = lines[min(max(line, 1), len(lines)) - 1]
    pointer = " " * max(column - 1, 0) + "^"
    return QuerySyntaxError(f"{origin}:{line}:{column}: SPARQL syntax error: {detail}\n"
                            f"    {source}\n    {pointer}\n"
                            f"fix the query there (SPARQL 1.1, see ontology/queries/ "
                            f"for examples)")


def _plain(term: Any) -> Node | None:
    # xsd:string literals and plain literals are the same RDF 1.1 term; every
    # engine's answer is normalised to the plain form so rows compare equal.
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


# ---------------------------------------------------------------- output

def format_result(result: QueryResult, fmt: str = "table", *,
                  namespaces: NamespaceManager | None = None) -> str:
    """The result as text: "table" (aligned), "csv" (SPARQL 1.1 CSV) or "json".

    Graph results (CONSTRUCT, DESCRIBE) are N-Triples in every format.
    """
    if fmt not in OUTPUT_FORMATS:
        raise ConfigError(f"--format {fmt!r} is not a result format; "
                          f"choose from {', '.join(OUTPUT_FORMATS)}")
    if result.kind == "graph":
        return "".join(" ".join(term.n3() for term in triple) + " .\n"
                       for triple in result.triples)
    if fmt == "json":
        return json.dumps(result_json(result), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        if result.kind == "ask":  # SPARQL 1.1 CSV defines no ASK form: one column
            return f"boolean\r\n{'true' if result.boolean else 'false'}\r\n"
        return (_as_rdflib(result).serialize(format="csv") or b"").decode("utf-8")
    return _table(result, namespaces)


def _as_rdflib(result: QueryResult) -> Result:
    """The result as rdflib's own `Result`, whose serialisers and parsers follow the
    SPARQL 1.1 result formats."""
    if result.kind == "ask":
        answer = Result("ASK")
        answer.askAnswer = bool(result.boolean)
        return answer
    answer = Result("SELECT")
    answer.vars = [Variable(name) for name in result.variables]
    answer.bindings = [{var: cast(Identifier, term)
                        for var, term in zip(answer.vars, row, strict=True)
                        if term is not None} for row in result.rows]
    return answer


def result_json(result: QueryResult) -> dict[str, Any]:
    """The result as SPARQL 1.1 Query Results JSON (written by rdflib)."""
    data: dict[str, Any] = json.loads(_as_rdflib(result).serialize(format="json") or b"{}")
    # rdflib writes "results" before "head"; the specification's examples lead with it.
    return {"head": data.get("head", {}), **{k: v for k, v in data.items() if k != "head"}}


def result_from_json(data: dict[str, Any]) -> QueryResult:
    """A `QueryResult` from SPARQL 1.1 Query Results JSON (any server's answer), read
    by rdflib's parser."""
    parsed = Result.parse(io.BytesIO(json.dumps(data).encode("utf-8")), format="json")
    if parsed.type == "ASK":
        return QueryResult("ask", boolean=bool(parsed.askAnswer))
    variables = tuple(str(var) for var in parsed.vars or ())
    rows = tuple(tuple(_plain(binding.get(Variable(var))) for var in variables)
                 for binding in parsed.bindings)
    return QueryResult("select", variables, rows)


def _table(result: QueryResult, namespaces: NamespaceManager | None) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    header = list(result.variables)
    cells = [[_cell(term, namespaces) for term in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells])
              for i, name in enumerate(header)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    count = len(cells)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _cell(term: Node | None, namespaces: NamespaceManager | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef) and namespaces is not None:
        try:
            prefix, _, local = namespaces.compute_qname(term, generate=False)
            text = f"{prefix}:{local}"
        except (KeyError, ValueError):
            text = str(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
    text = " ".join(text.split())
    if len(text) > TABLE_CELL_WIDTH:
        text = text[:TABLE_CELL_WIDTH - 1] + "…"
    return text

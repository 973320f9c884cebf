"""Benchmark the saved queries over a pushed Graph Store of 1,000 documents.

Builds the real-text corpus of eval/ once (cached in --work, so a rerun parses
nothing), then makes a corpus of --docs documents from copies of its document
graphs: copy k of a document gets its own document and mention IRIs (and a title
marked "copy k"), as the same texts filed under new ids would, while entities
and claims stay shared, so a popular claim is supported by many document graphs.
That graph is pushed with `push_graph` into a local `oxigraph serve
--union-default-graph`, and each saved query is timed over HTTP (median of
--repeat runs) next to the same query over the single-graph store `serve` loads;
the two answers are checked to be the same rows.

    .venv/bin/python benchmarks/bench_store.py --docs 1000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "store.json"
ID = "https://w3id.org/diplograph/id/"
RENAMED = (f"{ID}document/", f"{ID}mention/")


def base_nquads(work: Path) -> Path:
    """The eval corpus built once as N-Quads (one named graph per document)."""
    from graph.pipeline import build

    out = work / "out"
    if not (out / "graph.nq").exists():
        build([ROOT / "eval" / "corpus.jsonl"], out, formats=("nquads",))
    return out / "graph.nq"


def replicate(nquads: Path, n_docs: int):
    """An rdflib Graph of `n_docs` documents made from copies of those in `nquads`."""
    import pyoxigraph as ox
    from rdflib import Graph

    from graph.export import SHARED_GRAPH

    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    shared = by_graph.pop(str(SHARED_GRAPH))
    names = sorted(by_graph)
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in shared]
    for index in range(n_docs):
        copy, position = divmod(index, len(names))
        for quad in by_graph[names[position]]:
            terms = [_renamed(term, copy) for term in (quad.subject, quad.predicate,
                                                       quad.object)]
            if copy and quad.predicate.value.endswith("#label") \
                    and quad.subject.value.startswith(RENAMED[0]):
                terms[2] = ox.Literal(f"{quad.object.value} (copy {copy})")
            lines.append(" ".join(str(term) for term in terms) + " .")
    graph = Graph()
    graph.parse(data="\n".join(lines), format="nt")
    return graph


def _renamed(term, copy: int):
    import pyoxigraph as ox

    if copy and isinstance(term, ox.NamedNode) and term.value.startswith(RENAMED):
        return ox.NamedNode(f"{term.value}-copy{copy}")
    return term


def time_queries(graph, location: Path, *, repeat: int, query_timeout: float) -> dict:
    """Seconds per saved query over the pushed union store and the single-graph store."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    from graph.push import push_graph
    from graph.query import resolve_query, result_from_json, saved_queries
    from graph.serve import free_port, start_server
    from graph.store import load_store, query_store

    single = load_store(graph)
    figures: dict[str, dict] = {}
    with start_server(location, free_port(), read_only=False, union_default_graph=True,
                      query_timeout=query_timeout) as server:
        started = time.perf_counter()
        report = push_graph(graph, server.store)
        push_seconds = time.perf_counter() - started
        for name in sorted(saved_queries()):
            text, origin = resolve_query(name)
            client = SPARQLWrapper(server.endpoint)
            client.setReturnFormat(JSON)
            client.setQuery(text)
            client.setTimeout(int(query_timeout) + 5)
            union_times, single_times, answer = [], [], None
            for _ in range(repeat):
                started = time.perf_counter()
                try:
                    answer = result_from_json(client.query().convert())
                except Exception as error:  # the server abandons a query past its timeout
                    print(f"{name}: {type(error).__name__}", file=sys.stderr)
                    union_times = [float("inf")]
                    answer = None
                    break
                union_times.append(time.perf_counter() - started)
            for _ in range(repeat):
                started = time.perf_counter()
                expected = query_store(single, text, origin=origin)
                single_times.append(time.perf_counter() - started)
            union = statistics.median(union_times)
            figures[name] = {
                "union_store_s": None if union == float("inf") else round(union, 4),
                "timed_out_after_s": query_timeout if union == float("inf") else None,
                "single_graph_s": round(statistics.median(single_times), 4),
                "rows": len(expected.rows),
                "same_rows": None if answer is None else _rows(answer) == _rows(expected),
            }
            print(f"{name:28} union {figures[name]['union_store_s']}  single "
                  f"{figures[name]['single_graph_s']}  rows {len(expected.rows)}  same "
                  f"{figures[name]['same_rows']}", file=sys.stderr)
    return {"push_s": round(push_seconds, 2), "graphs": report.graphs,
            "triples": report.triples, "queries": figures}


def _rows(result) -> list:
    return sorted(tuple("" if term is None else term.n3() for term in row)
                  for row in result.rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--query-timeout", type=float, default=60.0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/diplograph-bench-store"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--label", default="after", help="key of this run in --out")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import shutil

    graph = replicate(base_nquads(args.work), args.docs)
    location = args.work / "oxigraph"
    shutil.rmtree(location, ignore_errors=True)
    run = {"docs": args.docs, "repeat": args.repeat, **time_queries(
        graph, location, repeat=args.repeat, query_timeout=args.query_timeout)}
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results[args.label] = run
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(run, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark writing a large graph: seconds per export format at about 1M triples.

Builds the real development texts (eval/real-dev) once, then makes a graph of the
wanted size from copies of that graph, each copy's entity and claim IRIs made
distinct, so the big graph has the shape of real output. Times the Turtle writer
diplograph uses (sorted N-Triples lines read and written by Oxigraph), rdflib's own
Turtle writer for comparison, and the N-Triples writer, and checks that writing the
Turtle again gives the same text.

    .venv/bin/python benchmarks/bench_write.py --triples 1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "write.json"


def base_graph():
    from rdflib import Graph

    from graph.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "eval" / "real-dev" / "corpus.jsonl"], Path(tmp) / "out",
              formats=("turtle",))
        graph = Graph()
        graph.parse(Path(tmp) / "out" / "graph.ttl")
    return graph


def big_graph(base, n_triples: int):
    from rdflib import Graph, URIRef

    from graph.namespace import ID

    graph = Graph()
    for prefix, namespace in base.namespaces():
        graph.bind(prefix, namespace)
    copies = n_triples // len(base) + 1
    own = str(ID)

    def renamed(node, suffix):
        return URIRef(f"{node}{suffix}") if isinstance(node, URIRef) and \
            str(node).startswith(own) else node

    triples = list(base)
    for copy in range(copies):
        suffix = f"-copy{copy}"
        for s, p, o in triples:
            graph.add((renamed(s, suffix), p, renamed(o, suffix)))
    return graph


def write_times(n_triples: int = 1_000_000, *, rdflib_turtle: bool = True) -> dict:
    """Seconds to write an `n_triples` graph per writer (and the sizes written)."""
    from graph.export import ntriples_text, turtle_text

    graph = big_graph(base_graph(), n_triples)
    writers = {"turtle (oxigraph)": turtle_text, "n-triples (oxigraph, sorted)": ntriples_text}
    if rdflib_turtle:
        writers["turtle (rdflib, for comparison)"] = lambda g: g.serialize(format="turtle")
    out: dict = {"triples": len(graph), "seconds": {}, "cpu_seconds": {}, "megabytes": {}}
    texts = {}
    for name, writer in writers.items():
        started, cpu = time.perf_counter(), time.process_time()
        texts[name] = writer(graph)
        out["seconds"][name] = round(time.perf_counter() - started, 2)
        # CPU time as well: on a shared machine wall time includes waiting for a core.
        out["cpu_seconds"][name] = round(time.process_time() - cpu, 2)
        out["megabytes"][name] = round(len(texts[name].encode("utf-8")) / 1e6, 1)
    out["turtle_identical_on_rewrite"] = turtle_text(graph) == texts["turtle (oxigraph)"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--no-rdflib", action="store_true", help="skip rdflib's slow writer")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    result = write_times(args.triples, rdflib_turtle=not args.no_rdflib)
    print(f"{result['triples']:,} triples")
    for name, seconds in result["seconds"].items():
        print(f"  {name:34s} {seconds:6.2f} s  (cpu {result['cpu_seconds'][name]:6.2f} s)"
              f"  {result['megabytes'][name]:7.1f} MB")
    print(f"  turtle identical when written again: {result['turtle_identical_on_rewrite']}")
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark peak memory of the post-parse build at 1,000, 10,000 and 50,000 documents.

What is measured, and what is not: parsing 50,000 documents through spaCy takes hours
on this machine, so the documents are not parsed N times. The first 20 documents of
eval/corpus.jsonl are parsed and extracted once (`graph.pipeline.extract_corpus`);
their `DocumentFacts` are then copied until there are N documents, each copy under its
own document id (its claims' evidence points at that id, so every copy adds its own
claims, while entities merge across copies as they would in a real corpus). A fresh
subprocess per N loads the facts and runs what a build runs after parsing: resolution
and graph assembly (`build_graph_from`, with the merge log) and the Turtle export
(`write_exports`). Parse-time memory is per batch and per worker, not per corpus, so
it is left out here.

For each N the child reports its resident memory after imports, after holding the
facts, after the graph is built and after the export, and its high-water mark
(VmHWM), which is the peak reported. The child's own `ru_maxrss` (os.wait4) is kept
for reference only: Linux carries the parent's high-water mark over the fork, so it
reads at least the parent's RSS (spaCy loaded: about 310 MiB) whatever the child did.
Triples in the graph, MiB of facts and peak bytes per triple above the baseline show
how much of the growth the graph explains: flat bytes per triple means memory grows
with the graph, not with the number of documents. Writes benchmarks/results/memory.json.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1000 10000 50000] [--no-save]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "corpus.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "memory.json"
SEED_DOCUMENTS = 20
SIZES = (1_000, 10_000, 50_000)
MIB = 1024 * 1024


def seed_facts(folder: Path, count: int = SEED_DOCUMENTS) -> list:
    """Parse and extract the first `count` documents of eval/corpus.jsonl once."""
    from graph.pipeline import extract_corpus

    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    subset = folder / "seed.jsonl"
    subset.write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")
    return list(extract_corpus([subset], workers=1))


def copy_facts(facts, copy: int):
    """One document's facts under a new id, its claims' evidence pointing at that id."""
    doc_id = f"{facts.doc_id}~{copy:05d}"

    def moved(claims):
        return tuple(replace(c, evidence=replace(c.evidence, doc_id=doc_id)) for c in claims)

    return replace(facts, doc_id=doc_id, source=f"{facts.source}~{copy:05d}",
                   roles=moved(facts.roles), parties=moved(facts.parties),
                   condemnations=moved(facts.condemnations))


def replicate(seeds: list, documents: int) -> list:
    """`documents` facts: the seeds over and over, each copy with distinct ids."""
    return [copy_facts(seeds[i % len(seeds)], i // len(seeds)) for i in range(documents)]


def status_mib(field: str) -> float:
    """A memory field of /proc/self/status (VmRSS, VmHWM) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"/proc/self/status has no {field}; this benchmark needs Linux")


def child(seed_path: Path, documents: int, out: Path) -> dict:
    """In a fresh process: the post-parse build of `documents` copied documents."""
    from graph.export import write_exports
    from graph.pipeline import MERGE_LOG, build_graph_from

    rss = {"imports": status_mib("VmRSS")}
    seeds = pickle.loads(seed_path.read_bytes())
    facts = replicate(seeds, documents)
    del seeds
    rss["facts"] = status_mib("VmRSS")
    started = time.perf_counter()
    graph = build_graph_from(facts, merge_log=out / MERGE_LOG)
    graph_seconds = time.perf_counter() - started
    rss["graph"] = status_mib("VmRSS")
    started = time.perf_counter()
    write_exports(graph, out, ["turtle"])
    export_seconds = time.perf_counter() - started
    rss["export"] = status_mib("VmRSS")
    return {"documents": documents, "triples": len(graph),
            "claims": sum(len(f.roles) + len(f.parties) + len(f.condemnations) for f in facts),
            "turtle_bytes": (out / "graph.ttl").stat().st_size,
            "rss_mib": rss, "vmhwm_mib": status_mib("VmHWM"),
            "resolve_and_graph_seconds": round(graph_seconds, 2),
            "export_turtle_seconds": round(export_seconds, 2)}


def measure(seed_path: Path, documents: int, folder: Path) -> dict:
    """Run `child` in a fresh interpreter; add its ru_maxrss and the derived figures."""
    out = folder / f"out-{documents}"
    out.mkdir()
    command = [sys.executable, __file__, "--child", str(seed_path), str(documents), str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    text = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage, not all children's
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the {documents}-document child failed (exit status {status})")
    row = json.loads(text)
    row["seconds"] = round(time.perf_counter() - started, 2)
    row["ru_maxrss_mib_with_parent_at_fork"] = round(usage.ru_maxrss / 1024, 1)
    peak = row["vmhwm_mib"]
    above = peak - row["rss_mib"]["imports"]
    row["peak_rss_mib"] = peak
    row["facts_mib"] = round(row["rss_mib"]["facts"] - row["rss_mib"]["imports"], 1)
    row["peak_above_baseline_mib"] = round(above, 1)
    row["peak_bytes_per_triple"] = round(above * MIB / row["triples"]) if row["triples"] else None
    row["peak_kib_per_document"] = round(above * 1024 / documents, 1)
    return row


def peak_memory(sizes=SIZES) -> dict:
    """Peak RSS of the post-parse build for each number of documents in `sizes`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        seeds = seed_facts(folder)
        parse_seconds = time.perf_counter() - started
        seed_path = folder / "seeds.pickle"
        seed_path.write_bytes(pickle.dumps(seeds))
        runs = [measure(seed_path, n, folder) for n in sizes]
    return {
        "what": ("post-parse build (resolve + graph + merge log + Turtle export) in a fresh "
                 f"process, of the facts of the first {len(seeds)} documents of "
                 "eval/corpus.jsonl copied under distinct document ids; parsing not included"),
        "seed_documents": len(seeds),
        "seed_parse_seconds": round(parse_seconds, 2),
        "seed_claims": sum(len(f.roles) + len(f.parties) + len(f.condemnations) for f in seeds),
        "runs": runs,
    }


def table(result: dict) -> str:
    header = (f"{'documents':>10} {'triples':>10} {'facts MiB':>10} {'peak MiB':>9} "
              f"{'B/triple':>9} {'KiB/doc':>8} {'seconds':>8}")
    lines = [header]
    for r in result["runs"]:
        lines.append(f"{r['documents']:>10,} {r['triples']:>10,} {r['facts_mib']:>10} "
                     f"{r['peak_rss_mib']:>9} {r['peak_bytes_per_triple']:>9} "
                     f"{r['peak_kib_per_document']:>8} {r['seconds']:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--no-save", action="store_true", help="print only")
    parser.add_argument("--child", nargs=3, metavar=("SEEDS", "DOCUMENTS", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        seeds, documents, out = args.child
        print(json.dumps(child(Path(seeds), int(documents), Path(out))))
        return 0
    result = peak_memory(args.sizes)
    print(table(result))
    if not args.no_save:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

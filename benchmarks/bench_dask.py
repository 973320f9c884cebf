"""Benchmark the Dask engine: build words/s on a LocalCluster of 1 and 2 workers.

Builds eval/corpus.jsonl (or its first --limit documents) with no cache: once with the
local engine in one process, for reference in the same run, then on a LocalCluster
of 1 and of 2 single-threaded worker processes. The cluster's start (processes plus
one model load each) is timed apart from the build. Numbers, not assertions.

    .venv/bin/python benchmarks/bench_dask.py [--limit 40]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "corpus.jsonl"


def timed_build(corpus: Path, out: Path, **options) -> float:
    from graph.pipeline import build

    started = time.perf_counter()
    build([corpus], out, formats=["turtle"], **options)
    return time.perf_counter() - started


def time_dask_build(paths: list[Path], out: Path, *, workers: int) -> float:
    """Seconds of a build of `paths` on a local Dask cluster of `workers` processes
    (the cluster's start-up excluded; `make bench` calls this)."""
    from graph.distributed import dask_engine
    from graph.pipeline import build

    with dask_engine(workers=workers) as engine:
        started = time.perf_counter()
        build(list(paths), out, formats=["turtle"], workers=1, extractor=engine.extract)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="first N documents (0: all)")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/dask.json")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from graph.distributed import dask_engine

    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:args.limit] if args.limit else lines
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    results: dict = {"corpus": CORPUS.relative_to(ROOT).as_posix(), "documents": len(lines),
                     "words": words, "cores": os.cpu_count(),
                     "load_average_before": round(os.getloadavg()[0], 1)}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        seconds = timed_build(corpus, Path(tmp) / "local", workers=1)
        results["local_1"] = {"seconds": round(seconds, 1),
                              "words_per_second": round(words / seconds)}
        for workers in (1, 2):
            started = time.perf_counter()
            with dask_engine(workers=workers) as engine:
                start = time.perf_counter() - started
                seconds = timed_build(corpus, Path(tmp) / f"dask{workers}", workers=1,
                                      extractor=engine.extract)
            same = (Path(tmp) / f"dask{workers}" / "graph.ttl").read_bytes() == \
                (Path(tmp) / "local" / "graph.ttl").read_bytes()
            results[f"dask_{workers}"] = {"cluster_start_seconds": round(start, 1),
                                          "seconds": round(seconds, 1),
                                          "words_per_second": round(words / seconds),
                                          "byte_identical_to_local": same}
    results["dask_2_over_1"] = round(results["dask_1"]["seconds"] /
                                     results["dask_2"]["seconds"], 2)
    results["dask_1_over_local_1"] = round(results["local_1"]["seconds"] /
                                           results["dask_1"]["seconds"], 2)
    results["load_average_after"] = round(os.getloadavg()[0], 1)
    results["note"] = ("preliminary: measured while other developers shared the machine's "
                       "cores (see the load averages); rerun on an idle machine")
    print(json.dumps(results, indent=2))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

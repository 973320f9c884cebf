"""Benchmark the whole build: documents per second and peak memory.

Makes a corpus of N documents by repeating the seed documents under new ids
(as one JSONL file), builds it, and reports wall time, documents and
sentences per second, and the peak resident memory of the process.

    .venv/bin/python benchmarks/bench_build.py --docs 30 300
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(folder: Path, docs: int) -> Path:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            out.write(json.dumps({"id": f"doc{i:05d}", "text": texts[i % len(texts)]}) + "\n")
    return path


def run(docs: int) -> dict:
    from graph.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp), docs)
        started = time.perf_counter()
        report = build([corpus], Path(tmp) / "out")
        seconds = time.perf_counter() - started
        size = (Path(tmp) / "out" / "graph.ttl").stat().st_size
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"documents": docs, "sentences": report.sentences, "seconds": round(seconds, 2),
            "docs_per_second": round(docs / seconds, 2),
            "sentences_per_second": round(report.sentences / seconds, 1),
            "turtle_bytes": size, "peak_rss_mib_so_far": round(peak_mib, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[30, 300])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/build.json")
    args = parser.parse_args(argv)
    from graph.nlp import load_pipeline

    started = time.perf_counter()
    load_pipeline()
    results = {"pipeline_load_seconds": round(time.perf_counter() - started, 2), "runs": []}
    for docs in args.docs:
        row = run(docs)
        results["runs"].append(row)
        sys.stdout.write(json.dumps(row) + "\n")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark build throughput with 1 and 2 worker processes, and an unchanged rebuild.

Builds the real-text corpus (eval/corpus.jsonl and eval/real-dev) once per setting,
with no cache, and reports words per second and the ratio of 2 workers to 1; then
builds it twice with the cache and reports how long the unchanged rebuild takes
against the first build. Numbers, not assertions.

    .venv/bin/python benchmarks/bench_workers.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "eval" / "corpus.jsonl", ROOT / "eval" / "real-dev" / "corpus.jsonl"]


def timed_build(out: Path, **options) -> tuple[float, int]:
    from graph.pipeline import build

    started = time.perf_counter()
    report = build(CORPUS, out, formats=["turtle"], **options)
    return time.perf_counter() - started, report.documents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/workers.json")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    words = sum(len(json.loads(line)["text"].split()) for path in CORPUS
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    results: dict = {"words": words}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            seconds, docs = timed_build(Path(tmp) / f"w{workers}", workers=workers)
            results[f"workers_{workers}"] = {"seconds": round(seconds, 1), "documents": docs,
                                             "words_per_second": round(words / seconds)}
        results["speedup_2_over_1"] = round(results["workers_1"]["seconds"] /
                                            results["workers_2"]["seconds"], 2)
        first, _ = timed_build(Path(tmp) / "cached", workers=1, cache=True)
        again, _ = timed_build(Path(tmp) / "cached", workers=1, cache=True)
        results["cache"] = {"first_seconds": round(first, 1), "rebuild_seconds": round(again, 1),
                            "rebuild_share": round(again / first, 3)}
    print(json.dumps(results, indent=2))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

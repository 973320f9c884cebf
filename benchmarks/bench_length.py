"""Benchmark parse and extraction time against the length of one document.

Makes one document of each size by concatenating the real development texts
(eval/real-dev) until the size is reached, then times parsing (spaCy, in
blocks) and extraction separately. Time per megabyte that stays flat as the
size grows means time linear in length.

    .venv/bin/python benchmarks/bench_length.py --sizes 100000 1000000 5000000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_text(size: int) -> str:
    corpus = ROOT / "eval" / "real-dev" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    base = "\n\n".join(texts) + "\n\n"
    return (base * (size // len(base) + 1))[:size]


def run(size: int) -> dict:
    from graph.clean import clean_document
    from graph.extract import extract_facts
    from graph.nlp import load_pipeline, parse_documents
    from graph.types import Document

    nlp = load_pipeline()
    document = clean_document(Document(id="long", text=make_text(size), source="long.txt"))
    started = time.perf_counter()
    [(_, doc)] = list(parse_documents([document], nlp=nlp))
    parsed = time.perf_counter()
    facts = extract_facts(document, doc)
    done = time.perf_counter()
    return {"chars": size, "parse_s": round(parsed - started, 2),
            "extract_s": round(done - parsed, 2),
            "extract_s_per_mb": round((done - parsed) / (size / 1e6), 2),
            "parse_s_per_mb": round((parsed - started) / (size / 1e6), 2),
            "claims": len(facts.roles) + len(facts.parties) + len(facts.condemnations)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[100_000, 1_000_000, 5_000_000])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "length.json")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows = []
    for size in args.sizes:
        row = run(size)
        rows.append(row)
        print(json.dumps(row), flush=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

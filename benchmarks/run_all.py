"""Run every headline benchmark once and print one table (`make bench`).

Measures, in one run, on the real-text corpus (eval/corpus.jsonl and eval/real-dev):
words per second of bare `nlp.pipe` (the same pipeline components the build loads) and
of the whole build at 1 and 2 processes, each in a new interpreter timed from start to
end (imports and model loads included on both sides), and their ratios; `nlp.pipe`
alone with the pipeline already loaded, for reference; seconds per
stage (parse and extract, resolve and graph, export) of a 1-worker build; the unchanged
rebuild with the facts cache; Dask builds at 1 and 2 workers when
benchmarks/bench_dask.py provides `time_dask_build`; the 1M-triple Turtle write; and
the peak resident memory of this process and its children. Writes
benchmarks/results/bench.json. `--quick` uses the 15 real-dev documents and a
20,000-triple graph, and saves nothing: it checks that the script runs.

    .venv/bin/python benchmarks/run_all.py [--quick]
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = [ROOT / "eval" / "corpus.jsonl", ROOT / "eval" / "real-dev" / "corpus.jsonl"]
QUICK = [ROOT / "eval" / "real-dev" / "corpus.jsonl"]
RESULTS = ROOT / "benchmarks" / "results" / "bench.json"


def corpus_texts(paths: list[Path]) -> list[str]:
    return [json.loads(line)["text"] for path in paths
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def bare_seconds(texts: list[str], processes: int) -> float:
    """Seconds for `nlp.pipe` alone over `texts` (the build's blocks, batch size 8), in
    this process, the pipeline loaded beforehand (not counted)."""
    from graph.nlp import load_pipeline, split_blocks

    nlp = load_pipeline()
    blocks = [block for text in texts for block in split_blocks(text)]
    started = time.perf_counter()
    for _ in nlp.pipe(blocks, batch_size=8, n_process=processes):
        pass
    return time.perf_counter() - started


def build_seconds(paths: list[Path], out: Path, **options) -> float:
    from graph.pipeline import build

    started = time.perf_counter()
    build(paths, out, formats=["turtle"], **options)
    return time.perf_counter() - started


def fresh_seconds(*args: str) -> float:
    """Wall seconds of this script run as `run_all.py --child ARGS` in a new interpreter:
    start-up, imports and the model load included, as a user waits for them."""
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", *args], check=True, cwd=ROOT)
    return time.perf_counter() - started


def child(args: list[str]) -> None:
    """`bare N` (load the pipeline, `nlp.pipe` with N processes) or `build N OUT`."""
    kind, processes = args[0], int(args[1])
    paths = [Path(p) for p in args[3 if kind == "build" else 2:]]
    if kind == "bare":
        bare_seconds(corpus_texts(paths), processes)
    else:
        build_seconds(paths, Path(args[2]), workers=processes)


def stage_seconds(paths: list[Path], out: Path) -> dict[str, float]:
    """A 1-worker build, timed stage by stage through the pipeline's own functions."""
    from graph.export import write_exports
    from graph.pipeline import build_graph_from, extract_corpus

    out.mkdir(parents=True)
    marks = [time.perf_counter()]
    facts = list(extract_corpus(paths, workers=1))
    marks.append(time.perf_counter())
    graph = build_graph_from(facts)
    marks.append(time.perf_counter())
    write_exports(graph, out, ["turtle"])
    marks.append(time.perf_counter())
    names = ("parse and extract", "resolve and graph", "export turtle")
    return {name: round(marks[i + 1] - marks[i], 2) for i, name in enumerate(names)}


def dask_seconds(paths: list[Path], out: Path, workers: int) -> float | None:
    """Seconds of a Dask build, or None when bench_dask.py (or Dask) is not there."""
    try:
        bench_dask = importlib.import_module("bench_dask")
        timer = bench_dask.time_dask_build
    except (ImportError, AttributeError):
        return None
    return float(timer(paths, out, workers=workers))


def peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def run(quick: bool) -> dict:
    from bench_write import write_times

    paths = QUICK if quick else FULL
    texts = corpus_texts(paths)
    words = sum(len(text.split()) for text in texts)
    result: dict = {"quick": quick, "documents": len(texts), "words": words}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Each in a new interpreter, timed from its start to its end: the build and the
        # bare pipe both pay their imports and model loads (a spawned worker loads its
        # own, where a 1-worker build in this process would reuse a loaded pipeline).
        for n in (1, 2):
            bare = fresh_seconds("bare", str(n), *map(str, paths))
            built = fresh_seconds("build", str(n), str(folder / f"w{n}"), *map(str, paths))
            result[f"bare_words_per_second_{n}"] = round(words / bare)
            result[f"built_words_per_second_{n}"] = round(words / built)
            result[f"built_over_bare_{n}"] = round(bare / built, 3)
        # The pipe alone, model loaded beforehand, for reference.
        for n in (1, 2):
            result[f"pipe_only_words_per_second_{n}"] = round(words / bare_seconds(texts, n))
        result["speedup_2_over_1"] = round(result["built_words_per_second_2"]
                                           / result["built_words_per_second_1"], 2)
        result["stage_seconds"] = stage_seconds(paths, folder / "stages")
        first = build_seconds(paths, folder / "cached", workers=1, cache=True)
        again = build_seconds(paths, folder / "cached", workers=1, cache=True)
        result["cache_first_seconds"] = round(first, 2)
        result["cache_rebuild_seconds"] = round(again, 2)
        result["cache_rebuild_share"] = round(again / first, 3)
        for n in (1, 2):
            seconds = dask_seconds(paths, folder / f"dask{n}", n)
            result[f"dask_words_per_second_{n}"] = None if seconds is None \
                else round(words / seconds)
    written = write_times(20_000 if quick else 1_000_000, rdflib_turtle=False)
    result["write_triples"] = written["triples"]
    result["write_turtle_seconds"] = written["seconds"]["turtle (oxigraph)"]
    result["write_turtle_cpu_seconds"] = written["cpu_seconds"]["turtle (oxigraph)"]
    result["write_turtle_deterministic"] = written["turtle_identical_on_rewrite"]
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def table(result: dict) -> str:
    def value(key: str, unit: str = "") -> str:
        found = result.get(key)
        return "n/a" if found is None else f"{found:,}{unit}"

    rows = [("documents / words", f"{result['documents']:,} / {result['words']:,}")]
    for n in (1, 2):
        rows += [(f"nlp.pipe alone (loaded), {n} process",
                  value(f"pipe_only_words_per_second_{n}", " words/s")),
                 (f"bare nlp.pipe, {n} process", value(f"bare_words_per_second_{n}", " words/s")),
                 (f"build, {n} worker", value(f"built_words_per_second_{n}", " words/s")),
                 (f"build / bare, {n}", value(f"built_over_bare_{n}"))]
    rows.append(("build 2 workers / 1", value("speedup_2_over_1", "x")))
    rows += [(f"stage: {name}", f"{seconds} s")
             for name, seconds in result["stage_seconds"].items()]
    rows += [("unchanged rebuild (cache)", f"{result['cache_rebuild_seconds']} s of "
              f"{result['cache_first_seconds']} s ({result['cache_rebuild_share']:.1%})"),
             ("dask, 1 worker", value("dask_words_per_second_1", " words/s")),
             ("dask, 2 workers", value("dask_words_per_second_2", " words/s")),
             (f"write {result['write_triples']:,} triples as Turtle",
              f"{result['write_turtle_seconds']} s (cpu {result['write_turtle_cpu_seconds']} s, "
              f"same text twice: {result['write_turtle_deterministic']})"),
             ("peak RSS (this process or a child)", value("peak_rss_mib", " MiB"))]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {text}" for name, text in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke test, not a measurement")
    ap.add_argument("--json", type=Path, default=None,
                    help=f"where to save the figures (default {RESULTS}; none with --quick)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    if args.child:
        child(args.child)
        return 0
    result = run(args.quick)
    print(table(result))
    target = args.json or (None if args.quick else RESULTS)
    if target is not None:
        target.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

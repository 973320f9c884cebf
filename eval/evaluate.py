#!/usr/bin/env python3
"""`make eval`: build the seeds, real-dev and every split of the real-text corpus, and score them.

In: `eval/corpus.jsonl` (the real documents, with date, title, URL, publisher and
kind), `eval/real-dev/` (the first 15 real documents and their gold), `eval/gold/`
(gold of the corpus), `eval/split.json` (which document is in train, dev or test),
`seeds/` with `eval/seeds-gold/`. Out: a table of P/R/F1 per relation for each set,
micro F1 per kind of publisher, and the same figures as JSON
(`eval/results/latest.json` unless `--json` says otherwise).

Every document is read, parsed and extracted once; each set is then resolved and
assembled into its own graph, exactly as `diplograph build` would do for those
documents alone, written as Turtle, read back, and scored by `eval/score.py` (a
copy kept identical to `../shared/eval/score.py`) at corpus level.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus.jsonl"
REAL_DEV = HERE / "real-dev"
GOLD = HERE / "gold"
SPLIT = HERE / "split.json"
FLOOR = HERE / "floor.json"
SEEDS = ROOT / "seeds"
SEEDS_GOLD = HERE / "seeds-gold"
RELATIONS = ("agreements", "roles", "condemnations")
KINDS = ("government", "international organisation", "news", "transcript")
SPLITS = ("train", "dev", "calib", "test")


def _load_scorer():
    spec = importlib.util.spec_from_file_location("diplograph_eval_score", HERE / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # dataclasses look it up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


scorer = _load_scorer()


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file, in order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_documents() -> dict[str, dict]:
    """Every real document by id: the corpus and real-dev."""
    docs: dict[str, dict] = {}
    for path in (REAL_DEV / "corpus.jsonl", CORPUS):
        if not path.exists():
            continue
        for record in read_jsonl(path):
            if record["id"] in docs:
                raise SystemExit(f"evaluate: document id {record['id']!r} appears twice "
                                 f"({path}); ids must be unique across the corpus")
            docs[record["id"]] = record
    return docs


def load_split() -> dict[str, dict]:
    """id -> {"split", "kind", "publisher"} from eval/split.json."""
    return json.loads(SPLIT.read_text(encoding="utf-8"))["documents"]


def gold_file(doc_id: str) -> Path:
    """The gold file of a real document (corpus gold first, then real-dev's)."""
    for folder in (GOLD, REAL_DEV / "gold"):
        path = folder / f"{doc_id}.json"
        if path.exists():
            return path
    raise SystemExit(f"evaluate: no gold file for document {doc_id!r} in {GOLD} or "
                     f"{REAL_DEV / 'gold'}")


def extract_all(records: Sequence[dict], extra_inputs: Sequence[Path] = ()) -> dict[str, object]:
    """Parse and extract every record (and every file under `extra_inputs`) once: id -> facts."""
    from graph.pipeline import extract_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "eval.jsonl"
        keep = ("id", "text", "date", "title", "url")
        corpus.write_text("".join(json.dumps({k: r[k] for k in keep if r.get(k)}) + "\n"
                                  for r in records), encoding="utf-8")
        inputs = [corpus, *extra_inputs]
        return {facts.doc_id: facts for facts in extract_corpus(inputs)}


OPERATING = {"min_confidence": None, "precise": False}  # the build's defaults


def load_gold_files(paths: Iterable[Path]) -> dict:
    """The scorer's gold of just these files (`score.load_gold` reads a whole folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            shutil.copy(path, Path(tmp) / path.name)
        return scorer.load_gold(Path(tmp))


def score_set(facts: Iterable[object], gold_paths: Iterable[Path]) -> dict:
    """Resolve and assemble one set's graph, round-trip it through Turtle, score it."""
    import rdflib

    from graph.pipeline import build_graph_from

    graph = build_graph_from(list(facts), **OPERATING)  # type: ignore[arg-type]
    reread = rdflib.Graph()
    reread.parse(data=graph.serialize(format="turtle"), format="turtle")
    gold = load_gold_files(gold_paths)
    system = scorer.load_system(reread)
    report: dict = {}
    totals = {"tp": 0, "gold": 0, "system": 0}
    for kind in RELATIONS:
        figures, _, _ = scorer.score(gold[kind], system[kind])
        report[kind] = figures
        for key in totals:
            totals[key] += figures[key]
    report["agreements_without_year"] = scorer.score(gold["agreements"], system["agreements"],
                                                     with_year=False)[0]
    report["micro"] = {**totals, **_prf(totals)}
    return report


def _prf(totals: dict) -> dict:
    p = totals["tp"] / totals["system"] if totals["system"] else 0.0
    r = totals["tp"] / totals["gold"] if totals["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def set_members(split: dict[str, dict]) -> dict[str, list[str]]:
    """The document ids of real-dev and of each split, sorted."""
    members: dict[str, list[str]] = {"real-dev": []}
    real_dev_ids = {r["id"] for r in read_jsonl(REAL_DEV / "corpus.jsonl")}
    members["real-dev"] = sorted(real_dev_ids)
    for name in SPLITS:
        members[name] = sorted(i for i, entry in split.items() if entry["split"] == name)
    return members


def evaluate(sets: Sequence[str], *, by_kind: bool = True) -> dict:
    """Score each named set ("seeds", "real-dev", "train", "dev", "test"): the figures."""
    docs = load_documents()
    split = load_split()
    members = set_members(split)
    unknown = sorted(set(sets) - {"seeds", *members})
    if unknown:
        raise SystemExit(f"evaluate: unknown set(s) {unknown}; choose from seeds, "
                         f"{', '.join(members)}")
    wanted = sorted({i for name in sets if name != "seeds" for i in members[name]})
    missing = [i for i in wanted if i not in docs]
    if missing:
        raise SystemExit(f"evaluate: split.json names documents that are not in the corpus: "
                         f"{missing[:5]}")
    seeds = [SEEDS] if "seeds" in sets else []
    facts = extract_all([docs[i] for i in wanted], seeds)
    results: dict = {}
    if "seeds" in sets:
        seed_ids = sorted(p.stem for p in SEEDS.glob("*.txt"))
        results["seeds"] = {"documents": len(seed_ids), **score_set(
            [facts[i] for i in seed_ids], sorted(SEEDS_GOLD.glob("*.json")))}
    for name in sets:
        if name == "seeds":
            continue
        ids = members[name]
        entry = {"documents": len(ids),
                 **score_set([facts[i] for i in ids], [gold_file(i) for i in ids])}
        if by_kind:
            entry["by_kind"] = {}
            for kind in KINDS:
                subset = [i for i in ids if split.get(i, {}).get("kind") == kind]
                if subset:
                    figures = score_set([facts[i] for i in subset], [gold_file(i) for i in subset])
                    entry["by_kind"][kind] = {"documents": len(subset), **figures["micro"]}
        results[name] = entry
    return results


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def format_tables(results: dict) -> str:
    """The figures as plain-text tables."""
    lines = [f"{'set':10s} {'docs':>4s}  " + "  ".join(f"{k[:13]:>19s}" for k in
                                                        (*RELATIONS, "micro")),
             f"{'':10s} {'':>4s}  " + "  ".join(f"{'P     R     F1':>19s}" for _ in range(4))]
    for name, entry in results.items():
        cells = [f"{entry[k]['precision']:.2f}  {entry[k]['recall']:.2f}  {entry[k]['f1']:.2f}"
                 for k in (*RELATIONS, "micro")]
        lines.append(f"{name:10s} {entry['documents']:>4d}  " + "  ".join(f"{c:>19s}"
                                                                       for c in cells))
    lines.append("")
    lines.append("micro F1 by kind of publisher (documents)")
    lines.append(f"{'set':10s} " + "  ".join(f"{k[:16]:>18s}" for k in KINDS))
    for name, entry in results.items():
        if "by_kind" not in entry:
            continue
        cells = []
        for kind in KINDS:
            fig = entry["by_kind"].get(kind)
            cells.append(f"{fig['f1']:.2f} ({fig['documents']})" if fig else "-")
        lines.append(f"{name:10s} " + "  ".join(f"{c:>18s}" for c in cells))
    return "\n".join(lines)


def check_floor(results: dict, floor: dict, *, slack: float = 0.02) -> list[str]:
    """Every figure that fell more than `slack` below its recorded floor."""
    drops = []
    for name, figures in floor.items():
        for kind, value in figures.items():
            now = results[name][kind]["f1"]
            if now < value - slack:
                drops.append(f"{name} {kind}: F1 {now:.3f} is below the floor {value:.3f} "
                             f"- {slack}")
    return drops


def raise_floor(results: dict) -> dict:
    """The floor file with every figure raised to today's score where that is higher."""
    floor = json.loads(FLOOR.read_text(encoding="utf-8")) if FLOOR.exists() else {}
    for name in ("real-dev", "dev"):
        if name not in results:
            continue
        current = floor.setdefault(name, {})
        for kind in (*RELATIONS, "micro"):
            current[kind] = max(current.get(kind, 0.0), results[name][kind]["f1"])
    return floor


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["seeds", "real-dev", "train", "dev", "test"],
                    help="which sets to build and score")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "latest.json",
                    help="where to write the figures")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="score the graph a build with this --min-confidence makes")
    ap.add_argument("--precise", action="store_true",
                    help="score the graph a build with --precise makes")
    ap.add_argument("--raise-floor", action="store_true",
                    help="raise eval/floor.json to today's real-dev and dev scores")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    OPERATING.update(min_confidence=args.min_confidence, precise=args.precise)
    results = evaluate(args.sets)
    print(format_tables(results))
    payload = {"date": dt.date.today().isoformat(), "commit": _git_commit(),
               "operating_point": dict(OPERATING), "sets": results}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.json.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    tmp.replace(args.json)
    print(f"\nwrote {args.json}")
    if args.raise_floor:
        FLOOR.write_text(json.dumps(raise_floor(results), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {FLOOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Inter-annotator agreement: the first annotation pass scored against the final gold.

In: `eval/gold-first/` (first annotator) and `eval/gold/` (after the second
annotator's review), for the documents both have. Out: P/R/F1 per relation of the
first pass against the final gold, with the scorer's own matching (`eval/score.py`):
the first pass is read as if it were a system's output, one item per country,
person or condemner, as a graph would state it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluate import GOLD, HERE, RELATIONS, _prf, load_gold_files, scorer

FIRST = HERE / "gold-first"


def first_pass_items(paths: list[Path]) -> dict[str, list]:
    """The first pass's items as scorer `Sys` items (one per country / condemner)."""
    out: dict[str, list] = {kind: [] for kind in RELATIONS}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for a in data.get("agreements", []):
            for country in a["countries"]:
                out["agreements"].append(scorer.Sys("agreements", (country.upper(),),
                                                    a["agreement"], {"year": a.get("year")}))
        for r in data.get("roles", []):
            out["roles"].append(scorer.Sys("roles", (r["country"].upper(),), r["person"],
                                           {"role": r["role"]}))
        for c in data.get("condemnations", []):
            label = " ".join([c["event"], *c.get("keywords", [])])
            for by in c["condemned_by"]:
                out["condemnations"].append(scorer.Sys("condemnations", (by,), label,
                                                       {"agent": c.get("agent")}))
    return out


def agreement(ids: list[str]) -> dict:
    """Figures per relation and micro, summed over the documents `ids`.

    Each document is matched on its own, so the scorer's corpus-level merging of
    items repeated across documents (the same minister in five texts) counts the
    same on both sides.
    """
    sums = {kind: {"tp": 0, "gold": 0, "system": 0} for kind in RELATIONS}
    for doc_id in ids:
        final = load_gold_files([GOLD / f"{doc_id}.json"])
        first = first_pass_items([FIRST / f"{doc_id}.json"])
        for kind in RELATIONS:
            figures, _, _ = scorer.score(final[kind], first[kind])
            for key in sums[kind]:
                sums[kind][key] += figures[key]
    report: dict = {"documents": len(ids)}
    totals = {"tp": 0, "gold": 0, "system": 0}
    for kind in RELATIONS:
        report[kind] = {**sums[kind], **_prf(sums[kind])}
        for key in totals:
            totals[key] += sums[kind][key]
    report["micro"] = {**totals, **_prf(totals)}
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    ids = sorted(p.stem for p in FIRST.glob("*.json") if (GOLD / p.name).exists())
    if not ids:
        print("agreement: no document has both a first pass and a final gold", file=sys.stderr)
        return 2
    report = agreement(ids)
    for kind in (*RELATIONS, "micro"):
        fig = report[kind]
        print(f"{kind:14s} P={fig['precision']:.3f} R={fig['recall']:.3f} F1={fig['f1']:.3f}"
              f"  (first pass {fig['system']}, final {fig['gold']}, matched {fig['tp']})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

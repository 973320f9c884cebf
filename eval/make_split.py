#!/usr/bin/env python3
"""Split the real-text corpus by document, once, into train, dev and test.

In: `eval/corpus.jsonl` (documents with `publisher` and `kind`) and
`eval/real-dev-meta.json` (the kind and publisher of the real-dev documents, which
are always dev). Out: `eval/split.json`, the one record of the split.

Documents are ordered by kind, then publisher, then a seeded shuffle, and the test
and dev places are spread evenly along that order, so every kind and every
publisher with several documents lands in each split. The split is made once; run
it again only with `--force`, and never after anyone has scored the test split,
since moving documents between splits would leak test documents into tuning.
Documents added to the corpus later go to train (`--extend`), or with
`--extend --into calib` to the calibration split: documents no rule was ever
tuned on, which only the confidence model reads (to calibrate its probabilities
and choose thresholds, so they hold on text the rules have not seen). None
already placed moves.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261204
TRAIN_SHARE = 0.60  # of every document, real-dev included
TEST_SHARE = 0.22   # of the new documents
MIN_TEST = 25


def make_split(corpus: list[dict], real_dev: dict[str, dict], *, seed: int = SEED) -> dict:
    """The split record: id -> {"split", "kind", "publisher"} plus the parameters used."""
    rng = random.Random(seed)
    ranks = {record["id"]: rng.random() for record in sorted(corpus, key=lambda r: r["id"])}
    ordered = sorted(corpus, key=lambda r: (r["kind"], r["publisher"], ranks[r["id"]]))
    total = len(corpus) + len(real_dev)
    n_test = max(MIN_TEST, round(TEST_SHARE * len(corpus)))
    n_train = math.ceil(TRAIN_SHARE * total)
    n_dev = len(corpus) - n_test - n_train
    if n_dev < 0:
        raise SystemExit(f"make_split: {len(corpus)} documents are too few for {n_test} test "
                         f"and {n_train} train documents")
    labels = _spread(len(ordered), {"test": n_test, "dev": n_dev})
    documents = {record["id"]: {"split": label, "kind": record["kind"],
                                "publisher": record["publisher"]}
                 for record, label in zip(ordered, labels, strict=True)}
    for doc_id, meta in real_dev.items():
        documents[doc_id] = {"split": "dev", **meta}
    return {"seed": seed, "train_share": TRAIN_SHARE, "test_share": TEST_SHARE,
            "note": "real-dev documents (h01-h15) are dev; the test split is only ever scored",
            "counts": {s: sum(1 for d in documents.values() if d["split"] == s)
                       for s in ("train", "dev", "test")},
            "documents": dict(sorted(documents.items()))}


SPLITS = ("train", "dev", "calib", "test")


def extend_split(record: dict, corpus: list[dict], into: str = "train") -> dict:
    """`record` with documents added to the corpus after the split put in `into`.

    No document already placed moves, so nothing scored as test can leak into
    tuning; new documents only add to what is tuned on (train) or calibrated on
    (calib).
    """
    if into not in ("train", "calib"):
        raise SystemExit(f"make_split: new documents go to train or calib, not {into!r}")
    documents = dict(record["documents"])
    added = [r for r in corpus if r["id"] not in documents]
    for r in added:
        documents[r["id"]] = {"split": into, "kind": r["kind"], "publisher": r["publisher"]}
    record = {**record, "documents": dict(sorted(documents.items()))}
    record["counts"] = {s: sum(1 for d in documents.values() if d["split"] == s)
                        for s in SPLITS}
    if added:
        record["extended"] = sorted({*record.get("extended", []), *(r["id"] for r in added)})
    return record


def _spread(n: int, quotas: dict[str, int]) -> list[str]:
    """n labels, each quota's label placed at evenly spaced positions, the rest "train"."""
    labels = ["train"] * n
    taken: set[int] = set()
    for offset, (label, count) in enumerate(quotas.items()):
        for k in range(count):
            position = int((k + 0.5 + offset * 0.37) * n / count) % n
            while position in taken:
                position = (position + 1) % n
            taken.add(position)
            labels[position] = label
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="overwrite an existing split.json")
    ap.add_argument("--extend", action="store_true",
                    help="keep the split; put documents added since into train (or --into)")
    ap.add_argument("--into", default="train", choices=("train", "calib"),
                    help="with --extend: the split new documents go to")
    args = ap.parse_args(argv)
    out = HERE / "split.json"
    if args.extend:
        corpus = [json.loads(line) for line in (HERE / "corpus.jsonl").read_text(
            encoding="utf-8").splitlines() if line.strip()]
        record = extend_split(json.loads(out.read_text(encoding="utf-8")), corpus,
                              args.into)
        out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        print(f"wrote {out}: {record['counts']}")
        return 0
    if out.exists() and not args.force:
        print(f"{out} exists: the split is made once (use --force only before any test scoring)",
              file=sys.stderr)
        return 1
    corpus = [json.loads(line) for line in (HERE / "corpus.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    real_dev = json.loads((HERE / "real-dev-meta.json").read_text(encoding="utf-8"))
    record = make_split(corpus, real_dev)
    out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: {record['counts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

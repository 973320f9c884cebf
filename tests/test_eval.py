"""The real-text evaluation corpus: its integrity, and the quality ratchet.

The ratchet builds real-dev and the dev split and fails when micro F1 or any
relation's F1 falls more than 0.02 below the floor in `eval/floor.json`. The
test split is never scored here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
SHARED = ROOT.parent / "shared" / "eval"
# Codes the guidelines allow beyond ISO 3166-1: dissolved states and Kosovo.
EXTRA_CODES = {"SUN", "YUG", "CSK", "DDR", "XKX", "SCG"}


def _load(name: str):
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


evaluate = _load("evaluate")
ISO3 = {c.alpha_3 for c in pycountry.countries} | EXTRA_CODES


def _corpus() -> list[dict]:
    return evaluate.read_jsonl(EVAL / "corpus.jsonl")


def test_eval_scorer_is_the_shared_scorer():
    if not SHARED.exists():
        pytest.skip("../shared/eval is not on this machine; nothing to compare the copy with")
    assert (EVAL / "score.py").read_bytes() == (SHARED / "score.py").read_bytes()
    for query in (SHARED / "queries").glob("*.rq"):
        assert (EVAL / "queries" / query.name).read_bytes() == query.read_bytes()


def test_eval_corpus_records_are_complete():
    docs = _corpus()
    sources = {s["id"]: s for s in evaluate.read_jsonl(EVAL / "sources.jsonl")}
    split = evaluate.load_split()
    assert len(docs) >= 100
    assert len({d["id"] for d in docs}) == len(docs)
    for doc in docs:
        assert doc["kind"] in evaluate.KINDS, doc["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["date"]), doc["id"]
        assert doc["text"].strip() and doc["publisher"], doc["id"]
        assert sources[doc["id"]]["licence"], doc["id"]
        assert sources[doc["id"]].get("url") or sources[doc["id"]].get("repository"), doc["id"]
        assert split[doc["id"]]["split"] in evaluate.SPLITS, doc["id"]
        assert evaluate.gold_file(doc["id"]).exists()


def test_eval_split_shares():
    split = evaluate.load_split()
    counts = {s: sum(1 for e in split.values() if e["split"] == s) for s in evaluate.SPLITS}
    placed_at_first = len(split) - len(json.loads(
        (EVAL / "split.json").read_text(encoding="utf-8")).get("extended", []))
    assert counts["train"] >= 0.6 * placed_at_first
    assert counts["test"] >= 25
    test_publishers = {e["publisher"] for e in split.values() if e["split"] == "test"}
    assert len(test_publishers) >= 10
    real_dev = {r["id"] for r in evaluate.read_jsonl(EVAL / "real-dev" / "corpus.jsonl")}
    assert {split[i]["split"] for i in real_dev} == {"dev"}


def test_eval_extend_split_places_only_new_documents():
    make_split = _load("make_split")
    record = {"documents": {"a": {"split": "test", "kind": "news", "publisher": "P"},
                            "b": {"split": "train", "kind": "news", "publisher": "P"}}}
    corpus = [{"id": i, "kind": "government", "publisher": "Q"} for i in ("a", "b", "c")]
    extended = make_split.extend_split(record, corpus, "calib")
    assert {i: e["split"] for i, e in extended["documents"].items()} == {
        "a": "test", "b": "train", "c": "calib"}
    assert extended["counts"] == {"train": 1, "dev": 0, "calib": 1, "test": 1}
    assert extended["extended"] == ["c"]
    with pytest.raises(SystemExit):
        make_split.extend_split(record, corpus, "test")


def test_eval_gold_files_follow_the_guidelines():
    files = sorted((EVAL / "gold").glob("*.json"))
    assert len(files) == len(_corpus())
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["doc"] == path.stem
        for a in data["agreements"]:
            assert a["agreement"].strip() and set(a["countries"]) <= ISO3, (path.name, a)
            assert a.get("year") is None or 1600 < int(a["year"]) < 2030, (path.name, a)
        for r in data["roles"]:
            assert r["person"].strip() and r["role"].strip(), (path.name, r)
            assert r["country"] in ISO3, (path.name, r)
        for c in data["condemnations"]:
            assert 1 <= len(c["keywords"]) <= 3, (path.name, c)
            assert all(k == k.lower() for k in c["keywords"]), (path.name, c)
            assert c["condemned_by"], (path.name, c)


def test_eval_check_floor_reports_a_drop():
    results = {"dev": {"roles": {"f1": 0.50}, "micro": {"f1": 0.70}}}
    floor = {"dev": {"roles": 0.60, "micro": 0.71}}
    drops = evaluate.check_floor(results, floor)
    assert len(drops) == 1 and drops[0].startswith("dev roles")


@pytest.mark.slow
def test_eval_quality_ratchet():
    floor = json.loads((EVAL / "floor.json").read_text(encoding="utf-8"))
    assert set(floor) == {"real-dev", "dev"}
    results = evaluate.evaluate(["real-dev", "dev"], by_kind=False)
    assert evaluate.check_floor(results, floor) == []


def test_eval_corpus_shares_no_text_with_the_hidden_texts():
    if not (SHARED / "overlap.py").exists():
        pytest.skip("../shared/eval/overlap.py is not on this machine")
    spec = importlib.util.spec_from_file_location("shared_overlap", SHARED / "overlap.py")
    overlap = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(overlap)  # type: ignore[union-attr]
    hidden = set((SHARED / "hidden-shingles.txt").read_text().split())
    docs = [*_corpus(), *evaluate.read_jsonl(EVAL / "real-dev" / "corpus.jsonl")]
    flagged = []
    for doc in docs:
        mine = overlap.shingles(doc["text"])
        if mine and len(mine & hidden) / len(mine) > 0.05:
            flagged.append(doc["id"])
    assert len(docs) >= 150 and flagged == []

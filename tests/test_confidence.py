"""Claim confidence (issue 14): every claim carries one, and the threshold decides."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from decimal import Decimal

import pytest
from rdflib import Graph

from graph.confidence import MODEL_FILE, claims_of, confidence, features_of, load_model
from graph.namespace import DG

from .conftest import ROOT, SEEDS

REAL_DEV = ROOT / "eval" / "real-dev" / "corpus.jsonl"
MODEL = ROOT / "graph" / "data" / MODEL_FILE


def test_confidence_model_is_small_versioned_and_complete():
    assert MODEL.stat().st_size < 10 * 2**20
    model = load_model()
    assert model is not None and model["version"] == 1
    assert set(model["relations"]) == {"partyTo", "holdsPosition", "condemnedBy"}
    for params in model["relations"].values():
        assert 0.0 <= params["threshold"] <= params["threshold_precise"] <= 1.0
        assert "bias" in params["weights"] and len(params["calibration"]) == 2
    for name in ("MODEL_CARD.md", "pr-partyTo.png", "pr-holdsPosition.png",
                 "pr-condemnedBy.png"):
        assert (MODEL.parent / name).stat().st_size > 0


@pytest.mark.parametrize("logit_a, logit_b", [(-2.0, 0.5), (0.0, 3.0), (-5.0, -1.0)])
def test_confidence_is_a_probability_rising_with_the_evidence(logit_a, logit_b):
    params = {"weights": {"bias": 1.0, "x": 1.0}, "calibration": [0.8, -0.2]}
    low = confidence({"bias": 1.0, "x": logit_a}, params)
    high = confidence({"bias": 1.0, "x": logit_b}, params)
    assert 0.0 < low < high < 1.0
    assert math.isclose(high, 1 / (1 + math.exp(-(0.8 * (1 + logit_b) - 0.2))))


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("conf")
    corpus = [REAL_DEV, SEEDS]
    reports = {name: build(corpus, out / name, formats=["turtle"], min_confidence=value)
               for name, value in (("default", None), ("all", 0.0), ("none", 1.0))}
    return out, reports


def _graph(path) -> Graph:
    graph = Graph()
    graph.parse(path)
    return graph


@pytest.mark.slow
def test_confidence_every_claim_carries_a_decimal_between_0_and_1(builds):
    out, _ = builds
    graph = _graph(out / "default" / "graph.ttl")
    statements = claims_of(graph)
    assert statements
    for claim in statements:
        value = graph.value(claim.statement, DG.confidence)
        assert value is not None, claim
        assert isinstance(value.toPython(), Decimal) and 0 <= value.toPython() <= 1


@pytest.mark.slow
def test_confidence_threshold_zero_keeps_every_candidate_and_one_keeps_none(builds):
    out, reports = builds
    assert reports["all"].claims["holdsPosition"] >= reports["default"].claims["holdsPosition"]
    assert all(n == 0 for k, n in reports["none"].claims.items() if k != "agent")
    graph = _graph(out / "all" / "graph.ttl")
    assert len(claims_of(graph)) == len(set(graph.subject_objects(DG.confidence)))


@pytest.mark.slow
def test_confidence_features_name_the_rules_and_the_evidence(builds):
    out, _ = builds
    graph = _graph(out / "all" / "graph.ttl")
    claim = claims_of(graph)[0]
    features = features_of(graph, claim)
    assert any(name.startswith("rule=") for name in features)
    assert features["log_mentions"] > 0 and features["bias"] == 1.0


@pytest.mark.slow
def test_confidence_training_is_reproducible(tmp_path):
    runs = []
    for name in ("one", "two"):
        out = tmp_path / name
        done = subprocess.run([sys.executable, "eval/train_confidence.py", "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(json.loads((out / "model.json").read_text(encoding="utf-8")))
    for run in runs:
        run.pop("trained"), run.pop("commit")
    assert runs[0] == runs[1]


def test_confidence_shipped_model_matches_its_data():
    """The shipped model was trained on today's corpus, gold and split (retrain if not)."""
    sys.path.insert(0, str(ROOT / "eval"))
    import train_confidence

    model = json.loads((ROOT / "graph" / "data" / "confidence" / "model.json").read_text(
        encoding="utf-8"))
    members = train_confidence.set_members(train_confidence.load_split())
    held, fit_splits, ids = train_confidence.training_ids(members)
    assert (tuple(model["calibrated_on"]), tuple(model["fitted_on"])) == (held, fit_splits)
    expected = train_confidence.data_hash(train_confidence.load_documents(), ids)
    assert model["data_hash"] == expected, "the corpus changed since `make train`: retrain"
    card = (ROOT / "graph" / "data" / "confidence" / "MODEL_CARD.md").read_text(
        encoding="utf-8")
    assert expected in card

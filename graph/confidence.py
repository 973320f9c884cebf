"""A calibrated confidence for every claim: the rules propose, a trained model decides.

In: a built graph (claims reified as `rdf:Statement`s with their mentions). Out:
for each statement of `dg:partyTo`, `dg:holdsPosition` and `dg:condemnedBy`, a
probability that the claim is right, from a logistic model per relation trained
on the real-text corpus's train split and calibrated on its dev split
(`graph/data/confidence/model.json`, made by `make train`; its card is beside it).

The features are read from the graph alone, so the model needs no spaCy: the
rules that found the claim, how many sentences and documents support it, whether
the claim's state is the document's publisher (from its web address), cue words of
negation, modality and time in the evidence sentences, where in the document the
evidence stands, and what the entities are.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from .namespace import DG

RELATIONS = {"partyTo": DG.partyTo, "holdsPosition": DG.holdsPosition,
             "condemnedBy": DG.condemnedBy}
MODEL_FILE = "confidence/model.json"
_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|without)\b|n't\b", re.I)
_MODAL = re.compile(r"\b(?:will|would|could|should|may|might|must|shall|can|if|unless|"
                    r"whether|hope[sd]?|wish(?:es)?|expect(?:s|ed)?|plan(?:s|ned)?|intend"
                    r"(?:s|ed)?|propos(?:e|es|ed|al)|negotiat\w*|draft|future|soon)\b", re.I)
_CALL = re.compile(r"\b(?:call(?:s|ed)? on|urge[sd]?|ask(?:s|ed)?)\b", re.I)
_PAST = re.compile(r"\b(?:signed|concluded|ratified|condemned|denounced|deplored|"
                   r"appointed|elected|served)\b", re.I)


@dataclass(frozen=True, slots=True)
class Claim:
    """One reified claim and what its features are read from."""

    statement: URIRef
    relation: str
    subject: URIRef
    object: URIRef


def claims_of(graph: Graph) -> list[Claim]:
    """Every statement of a scored relation, in a stable order."""
    names = {predicate: name for name, predicate in RELATIONS.items()}
    found = []
    for statement in graph.subjects(RDF.type, RDF.Statement):
        predicate = graph.value(statement, RDF.predicate)
        subject, obj = graph.value(statement, RDF.subject), graph.value(statement, RDF.object)
        if isinstance(predicate, URIRef) and predicate in names and isinstance(statement, URIRef) \
                and isinstance(subject, URIRef) and isinstance(obj, URIRef):
            found.append(Claim(statement, names[predicate], subject, obj))
    return sorted(found, key=lambda c: str(c.statement))


def features_of(graph: Graph, claim: Claim) -> dict[str, float]:
    """The claim's features: names -> values (absent = 0)."""
    features: dict[str, float] = {"bias": 1.0}
    mentions = list(graph.objects(claim.statement, PROV.wasDerivedFrom))
    documents = {graph.value(m, DG.document) for m in mentions}
    rules = {str(graph.value(m, DG.rule)) for m in mentions}
    sentences = [str(graph.value(m, DG.sentence) or "") for m in mentions]
    starts = [int(str(graph.value(m, DG.startChar) or 0)) for m in mentions]
    for rule in rules:
        features[f"rule={rule}"] = 1.0
    features["log_mentions"] = math.log1p(len(mentions))
    features["log_documents"] = math.log1p(len(documents))
    features["several_rules"] = float(len(rules) > 1)
    for name, pattern in (("negation", _NEGATION), ("modal", _MODAL), ("call", _CALL),
                          ("past", _PAST)):
        features[f"cue={name}"] = sum(bool(pattern.search(s)) for s in sentences) / \
            max(1, len(sentences))
    features["question"] = float(any(s.rstrip().endswith("?") for s in sentences))
    words = [len(s.split()) for s in sentences] or [0]
    features["long_sentence"] = float(min(words) > 45)
    features["short_sentence"] = float(min(words) < 8)
    features["early"] = float(min(starts, default=0) < 600)
    publishers = {_publisher(graph, d) for d in documents}
    features["publisher=official"] = float(any(p not in ("news", "unknown")
                                               for p in publishers))
    features["publisher=news"] = float("news" in publishers)
    state = _state_of(graph, claim)
    features["state_is_publisher"] = float(state is not None and state in publishers)
    for name, value in _relation_features(graph, claim).items():
        features[name] = value
    return features


def _relation_features(graph: Graph, claim: Claim) -> dict[str, float]:
    out: dict[str, float] = {}
    if claim.relation == "partyTo":
        label = str(graph.value(claim.object, RDFS.label) or "")
        out["has_year"] = float(graph.value(claim.object, DG.yearSigned) is not None)
        out["label_words"] = min(len(label.split()), 12) / 12
        out["label_generic"] = float(len(label.split()) <= 2)
        out["log_parties"] = math.log1p(len(set(graph.subjects(DG.partyTo, claim.object))))
    elif claim.relation == "holdsPosition":
        title = str(graph.value(claim.object, DG.title) or "")
        tenure = graph.value(claim.object, DG.tenure)
        out[f"tenure={str(tenure).rsplit('#', 1)[-1]}"] = 1.0
        out["title_words"] = min(len(title.split()), 8) / 8
        label = str(graph.value(claim.subject, RDFS.label) or "")
        out["single_name"] = float(len(label.split()) == 1)
        out["log_offices"] = math.log1p(len(set(graph.objects(claim.subject,
                                                               DG.holdsPosition))))
    else:
        kind = graph.value(claim.object, RDF.type)
        out[f"condemner={str(kind).rsplit('#', 1)[-1]}"] = 1.0
        out["has_agent"] = float(graph.value(claim.subject, DG.agent) is not None)
        label = str(graph.value(claim.subject, RDFS.label) or "")
        out["label_words"] = min(len(label.split()), 12) / 12
        out["log_condemners"] = math.log1p(len(set(graph.objects(claim.subject,
                                                                  DG.condemnedBy))))
    return out


def _state_of(graph: Graph, claim: Claim) -> str | None:
    """The ISO3 code or organisation key the claim is about (party, office, condemner)."""
    node: Node | None = {"partyTo": claim.subject,
                         "condemnedBy": claim.object}.get(claim.relation)
    if claim.relation == "holdsPosition":
        node = graph.value(claim.object, DG.country)
    if node is None:
        return None
    code = graph.value(node, DG.iso3)
    return str(code) if code is not None else str(node).rsplit("/", 1)[-1].upper()


def _publisher(graph: Graph, document: Node | None) -> str:
    """The document's publisher key (ISO3 or organisation key), "news" or "unknown"."""
    from .extract.context.publisher import domain_entry

    url = graph.value(document, DG.url)
    entry = domain_entry(str(url)) if url is not None else None
    if entry is None:
        return "unknown"
    kind, key = entry
    return "news" if kind == "none" else key


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The trained model, or None when none has been trained yet."""
    try:
        text = resources.files("graph.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return json.loads(text)


def score_claims(graph: Graph, model: dict | None = None) -> dict[URIRef, float]:
    """Statement -> calibrated confidence (0-1); empty when there is no model."""
    model = model if model is not None else load_model()
    if not model:
        return {}
    scores: dict[URIRef, float] = {}
    for claim in claims_of(graph):
        params = model["relations"].get(claim.relation)
        if params is None:
            continue
        scores[claim.statement] = confidence(features_of(graph, claim), params)
    return scores


def confidence(features: dict[str, float], params: dict) -> float:
    """The calibrated probability of one claim under one relation's parameters."""
    weights = params["weights"]
    logit = sum(weights.get(name, 0.0) * value for name, value in features.items())
    scale, shift = params.get("calibration", (1.0, 0.0))
    return 1.0 / (1.0 + math.exp(-(scale * logit + shift)))


def thresholds(model: dict | None = None, *, precise: bool = False) -> dict[str, float]:
    """The minimum confidence per relation chosen on dev: where F1 is highest, or with
    `precise`, the lowest at which precision reaches 0.90."""
    model = model if model is not None else load_model()
    if not model:
        return {}
    field = "threshold_precise" if precise else "threshold"
    return {name: float(p.get(field, 0.0)) for name, p in model["relations"].items()}


def rejected_triples(graph: Graph, scores: dict[URIRef, float],
                     minimum: dict[str, float]) -> set[tuple[URIRef, URIRef, URIRef]]:
    """The (subject, predicate, object) claims whose confidence is below the minimum."""
    out = set()
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims_of(graph):
        grouped[claim.relation].append(claim)
    for relation, claims in grouped.items():
        floor = minimum.get(relation, 0.0)
        for claim in claims:
            if scores.get(claim.statement, 1.0) < floor:
                out.add((claim.subject, RELATIONS[relation], claim.object))
    return out

"""Compose the stages: read -> clean -> nlp -> extract -> resolve -> rdf -> export.

In: input paths and an output folder. Out: the exported files and a
`BuildReport`. Documents stream through spaCy in batches; only the small
`DocumentFacts` of each document are kept for resolution. Unreadable documents
are reported and skipped; a failure anywhere else leaves earlier exports as
they were, because every file is renamed into place only when complete.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from .cache import FactCache
from .clean import clean_document
from .curation import Curation, load_curation
from .errors import InputError
from .export import DEFAULT_FORMATS, FILE_NAMES, check_formats, write_exports, write_text_atomic
from .exportset import check_output_folder, publish
from .namespace import DG
from .read import iter_documents
from .types import BuildReport, Document, DocumentFacts, ReadProblem

log = logging.getLogger(__name__)

Progress = Callable[[DocumentFacts], None]
# Parses and extracts documents elsewhere (graph.distributed): (facts or problem, seconds).
Extractor = Callable[[Iterator[Document]], Iterable[tuple[DocumentFacts | ReadProblem, float]]]
MERGE_LOG = "merges.tsv"
BUILD_REPORT = "report.json"
COUNTED_CLASSES = {"Country": DG.Country, "Person": DG.Person, "Organization": DG.Organization,
                   "Agreement": DG.Agreement, "Event": DG.Event, "Position": DG.Position}
COUNTED_RELATIONS = {"partyTo": DG.partyTo, "holdsPosition": DG.holdsPosition,
                     "condemnedBy": DG.condemnedBy, "agent": DG.agent}


def extract_corpus(inputs: Sequence[str | Path], *, batch_size: int = 8,
                   problems: list[ReadProblem] | None = None,
                   progress: Progress | None = None,
                   timings: dict[str, float] | None = None,
                   workers: int = 1, cache: FactCache | None = None,
                   extractor: Extractor | None = None) -> Iterator[DocumentFacts]:
    """Read, clean, parse and extract every document; yield its facts one by one.

    Args:
        workers: processes that parse and extract (1: this process). The facts
            are the same, in the same order, whatever the number.
        cache: where facts of documents seen before are taken from, and new ones kept;
            a cached document is not parsed (its facts come first).
        timings: receives each parsed document's extraction seconds by id.
        extractor: parses and extracts instead of `workers` processes here (a cluster).
    """
    from .workers import extract_documents, extract_in_pool, skipped

    def report(problem: ReadProblem) -> None:
        log.info("skipped %s: %s", problem.source, problem.message)
        if problems is not None:
            problems.append(problem)

    cached: list[DocumentFacts] = []
    originals: dict[str, Document] = {}

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs):
            if isinstance(item, ReadProblem):
                report(item)
                continue
            try:
                document = clean_document(item)
            except Exception as exc:  # one bad document never costs the build
                report(skipped(item.source, "cleaning", exc))
                continue
            hit = cache.get(document) if cache is not None else None
            if hit is not None:
                cached.append(hit)
                continue
            if cache is not None:
                originals[document.id] = document
            yield document

    def done(facts: DocumentFacts) -> DocumentFacts:
        if progress is not None:
            progress(facts)
        return facts

    outcomes = extractor(documents()) if extractor is not None else \
        extract_in_pool(documents(), workers=workers, batch_size=batch_size) \
        if workers > 1 else extract_documents(documents(), batch_size=batch_size)
    for outcome, seconds in outcomes:
        while cached:
            yield done(cached.pop(0))
        if isinstance(outcome, ReadProblem):
            report(outcome)
            continue
        if timings is not None:
            timings[outcome.doc_id] = seconds
        if cache is not None:
            cache.put(originals.pop(outcome.doc_id), outcome)
        yield done(outcome)
    while cached:
        yield done(cached.pop(0))


def build_graph_from(facts: Sequence[DocumentFacts], *, curation: Curation | None = None,
                     merge_log: Path | None = None,
                     min_confidence: float | None = None, precise: bool = False) -> Graph:
    """Resolve the documents' entities and build the RDF graph (merge log to `merge_log`).

    Every claim gets its calibrated confidence (`graph.confidence`) when a model is
    installed; claims below `min_confidence` are left out (None: each relation's
    threshold chosen on dev, where F1 is highest or, with `precise`, where precision
    reaches 0.90; 0 keeps every candidate).
    """
    from .confidence import RELATIONS, rejected_triples, score_claims, thresholds
    from .export import write_text_atomic
    from .rdf import add_confidence, build_graph, without_claims
    from .resolve import merge_log_text, resolve_corpus

    corpus = resolve_corpus(facts, curation=curation)
    if merge_log is not None:
        write_text_atomic(merge_log, merge_log_text(corpus))
    graph = build_graph(corpus)
    scores = score_claims(graph)
    if not scores:
        return graph
    minimum = thresholds(precise=precise) if min_confidence is None else dict.fromkeys(RELATIONS,
                                                                         min_confidence)
    rejected = rejected_triples(graph, scores, minimum)
    if rejected:
        graph = build_graph(without_claims(corpus, rejected))
    add_confidence(graph, scores)
    return graph


def build(inputs: Sequence[str | Path], out: Path, *, batch_size: int = 8,
          progress: Progress | None = None,
          formats: Sequence[str] = DEFAULT_FORMATS,
          curation: str | Path | None = None, workers: int = 1,
          cache: bool = False, min_confidence: float | None = None,
          precise: bool = False, extractor: Extractor | None = None,
          on_graph: Callable[[Graph], object] | None = None) -> BuildReport:
    """Build the graph of `inputs` into `out` (graph.ttl, graph.html, or `formats`).

    `out/merges.tsv` logs which name became which node and `out/report.json` what
    became of each document; `curation` is a TOML file of aliases, forbidden merges
    and labels (see `graph.curation`). `workers` processes parse and extract; with
    `cache`, facts are kept beside `out` (`cache_folder(out)`) and a rebuild parses
    only documents that changed. `min_confidence` and `precise` as in
    `build_graph_from`. `extractor` parses elsewhere (as in `extract_corpus`);
    `on_graph` is given the built graph before the exports are swapped in.
    """
    formats = check_formats(formats)  # before parsing, so a typo fails fast
    check_output_folder(out)  # likewise: a bad --out must not cost a whole parse
    rules = load_curation(curation) if curation is not None else None
    started = time.perf_counter()
    problems: list[ReadProblem] = []
    timings: dict[str, float] = {}
    store = FactCache(cache_folder(out)) if cache else None
    facts = list(extract_corpus(inputs, batch_size=batch_size, problems=problems,
                                progress=progress, timings=timings, workers=workers,
                                cache=store, extractor=extractor))
    if not facts:
        # An empty graph would replace good exports (and a later push would empty a store).
        skipped = f" ({len(problems)} skipped: {problems[0].source}: {problems[0].message})" \
            if problems else ""
        raise InputError(f"{', '.join(map(str, inputs))}: no document could be read"
                         f"{skipped}; nothing was written and the exports in {out} were left "
                         "as they were; give folders or files of .txt, .md, .html or .jsonl "
                         "documents")
    built: list[Graph] = []

    def write_set(folder: Path) -> list[Path]:
        graph = build_graph_from(facts, curation=rules, merge_log=folder / MERGE_LOG,
                                 min_confidence=min_confidence, precise=precise)
        built.append(graph)
        if on_graph is not None:
            on_graph(graph)
        report = build_report(facts, problems, timings, seconds=time.perf_counter() - started)
        return [*write_exports(graph, folder, formats), folder / MERGE_LOG,
                write_text_atomic(folder / BUILD_REPORT, report)]

    outputs = publish(out, write_set, owned={*FILE_NAMES.values(), MERGE_LOG, BUILD_REPORT})
    graph = built[0]
    if store is not None:
        log.info("cache: %d of %d documents reused, %d stale entries removed", store.hits,
                 len(facts), store.prune())
    return BuildReport(
        documents=len(facts),
        sentences=sum(f.sentences for f in facts),
        entities=count_entities(graph),
        claims=count_claims(graph),
        seconds=time.perf_counter() - started,
        problems=tuple(problems),
        outputs=tuple(str(p) for p in outputs),
    )


def cache_folder(out: Path) -> Path:
    """Where the facts cache of exports in `out` lives: beside it, `.NAME.cache`."""
    return Path(out).parent / f".{Path(out).name}.cache"


def build_report(facts: Sequence[DocumentFacts], problems: Sequence[ReadProblem],
                 timings: dict[str, float], *, seconds: float) -> str:
    """report.json: every document's status, with its counts or the reason it was skipped.

    Seconds are rounded to milliseconds; only the `seconds` fields vary between
    two builds of the same corpus.
    """
    documents: list[dict[str, object]] = [
        {"id": f.doc_id, "source": f.source, "status": "built", "sentences": f.sentences,
         "claims": {"holdsPosition": len(f.roles), "partyTo": len(f.parties),
                    "condemnedBy": len(f.condemnations)},
         "seconds": round(timings.get(f.doc_id, 0.0), 3)}
        for f in facts]
    documents += [{"source": p.source, "status": "skipped", "reason": p.message}
                  for p in problems]
    payload = {"documents_built": len(facts), "documents_skipped": len(problems),
               "seconds": round(seconds, 3), "documents": documents}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def count_entities(graph: Graph) -> dict[str, int]:
    """How many nodes of each class the graph has."""
    return {name: len(set(graph.subjects(RDF.type, cls)))
            for name, cls in COUNTED_CLASSES.items()}


def count_claims(graph: Graph) -> dict[str, int]:
    """How many triples of each relation the graph has."""
    counts = Counter({name: 0 for name in COUNTED_RELATIONS})
    for name, predicate in COUNTED_RELATIONS.items():
        counts[name] = sum(1 for _ in graph.triples((None, predicate, None)))
    return dict(counts)

"""Parse and extract documents, in this process or in a pool of worker processes.

In: cleaned `Document`s. Out: for each, in input order, its `DocumentFacts` (or the
`ReadProblem` saying why it was skipped) and the seconds its extraction took.
With `workers > 1`, each worker process loads the spaCy pipeline once and takes
batches of documents; only documents and facts (plain frozen dataclasses) cross
process boundaries, never a spaCy `Doc`. The result is the same as in one
process, in the same order.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from .types import Document, DocumentFacts, ReadProblem

log = logging.getLogger(__name__)

Outcome = tuple[DocumentFacts | ReadProblem, float]


def extract_documents(documents: Iterable[Document], *, batch_size: int = 8
                      ) -> Iterator[Outcome]:
    """Parse and extract `documents` here; one outcome per document, in order."""
    from .extract import extract_facts
    from .nlp import parse_documents

    failed: deque[ReadProblem] = deque()

    def parse_failed(document: Document, exc: Exception) -> None:
        failed.append(skipped(document.source, "parsing", exc))

    for document, doc in parse_documents(documents, batch_size=batch_size,
                                         on_error=parse_failed):
        while failed:
            yield failed.popleft(), 0.0
        started = time.perf_counter()
        try:
            facts: DocumentFacts | ReadProblem = to_file_offsets(
                extract_facts(document, doc), document.offsets)
        except Exception as exc:  # one bad document never costs the build
            facts = skipped(document.source, "extraction", exc)
        yield facts, time.perf_counter() - started
    while failed:
        yield failed.popleft(), 0.0


def extract_in_pool(documents: Iterable[Document], *, workers: int, batch_size: int = 8
                    ) -> Iterator[Outcome]:
    """`extract_documents` spread over `workers` processes; outcomes in input order.

    At most two batches per worker are in flight, so memory stays bounded however
    long the stream of documents.
    """
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited state
    stream = _batches(documents, most=max(1, batch_size))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_load_worker) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        while True:
            while len(pending) < 2 * workers:
                batch = next(stream, None)
                if batch is None:
                    break
                pending.append(pool.submit(_extract_batch, batch, batch_size))
            if not pending:
                return
            yield from pending.popleft().result()


BATCH_CHARACTERS = 20_000
"""A worker's batch closes at this much text (or at `batch_size` documents): batches
of even work keep both workers busy to the end, where one long document in a batch of
eight would leave the other worker idle."""


def _batches(documents: Iterable[Document], *, most: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text)
        if len(batch) >= most or size >= BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def to_file_offsets(facts: DocumentFacts, offsets: tuple[int, ...] | None) -> DocumentFacts:
    """`facts` with every evidence offset moved from the cleaned text into the file."""
    if offsets is None:
        return facts

    def moved(item):  # a Role, Party or Condemnation
        ev = item.evidence
        return replace(item, evidence=replace(ev, start_char=offsets[ev.start_char],
                                              end_char=offsets[ev.end_char]))

    return replace(facts, roles=tuple(map(moved, facts.roles)),
                   parties=tuple(map(moved, facts.parties)),
                   condemnations=tuple(map(moved, facts.condemnations)))


def skipped(source: str, stage: str, exc: Exception) -> ReadProblem:
    """The problem that reports a document skipped because `stage` raised `exc`."""
    log.debug("%s failed in %s", source, stage, exc_info=exc)
    text = " ".join(str(exc).split())
    text = text if len(text) <= 160 else text[:157] + "..."
    return ReadProblem(source, f"skipped: {stage} failed ({type(exc).__name__}: {text}); "
                               "the other documents were built")


def _load_worker() -> None:
    from .nlp import load_pipeline

    load_pipeline()


def _extract_batch(batch: list[Document], batch_size: int) -> list[Outcome]:
    return list(extract_documents(batch, batch_size=batch_size))

"""Parse and extract on a Dask cluster; resolve and assemble the graph on the client.

In: the stream of cleaned `Document`s a build would parse, and the address of a Dask
scheduler (or none: a `LocalCluster` of worker processes on this machine). Out: the
same outcomes, in the same order, as `graph.workers.extract_documents` gives here, so
`pipeline.build` writes byte-identical exports. Each worker runs that same function on
partitions of documents and loads the spaCy pipeline once (it is cached per process);
only documents and facts, plain frozen dataclasses, travel. With `write_shards`,
workers also write each named graph of the built graph (one per source document, plus
the shared graph, as in `export.document_graphs`) as its own N-Quads file for a store's
bulk loader, with a manifest written last.

Dask is an optional extra (`pip install 'diplograph[dask]'`), imported only here and
only when a cluster is asked for.
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Graph

from .errors import ConfigError
from .types import Document
from .workers import Outcome, extract_documents

log = logging.getLogger(__name__)

INSTALL = "pip install 'diplograph[dask]'"
MANIFEST = "shards.tsv"
SHARDS_PER_TASK = 64  # named graphs one shard task writes
WAIT_FOR_WORKERS = 60.0  # seconds an existing cluster may take to show its first worker


class ClusterError(ConfigError):
    """Dask is missing, or the cluster cannot be reached or does not match this build."""

    code = "E230"


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(f"--engine dask needs Dask's distributed scheduler, which is not "
                           f"installed here ({exc}); install it with: {INSTALL}") from exc
    return distributed


class DaskEngine:
    """A connected Dask client that parses documents and writes shards on its workers."""

    def __init__(self, client: Any, *, batch_size: int = 8) -> None:
        self.client = client
        self.batch_size = max(1, batch_size)

    def workers(self) -> int:
        """How many tasks the cluster runs at once (its worker threads)."""
        return max(1, sum(self.client.nthreads().values()))

    def extract(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        """`extract_documents` over partitions of `documents` on the workers, in order.

        At most two partitions per worker thread are in flight, so the client's memory
        stays bounded however long the stream.
        """
        stream = iter(documents)
        pending: deque[Any] = deque()
        limit = 2 * self.workers()
        while True:
            while len(pending) < limit:
                batch = list(islice(stream, self.batch_size))
                if not batch:
                    break
                pending.append(self.client.submit(extract_partition, batch, self.batch_size,
                                                  pure=False, retries=2))
            if not pending:
                return
            yield from self._result(pending.popleft(), "parsing a partition of documents")

    __call__ = extract

    def write_shards(self, graph: Graph, folder: str | Path) -> list[str]:
        """Write each named graph of `graph` to `folder` on the workers, one N-Quads file
        each (the lines of `graph.nq` that name that graph), then `shards.tsv`.

        `folder` is a path as the workers see it: on a real cluster, a shared file system.
        Shards the previous manifest listed and this build did not write are removed.

        Returns:
            The shard file names, in the manifest's order.
        """
        from .export import document_graphs

        parts = [(str(name), list(part)) for name, part in document_graphs(graph).items()]
        futures = [self.client.submit(write_shard_files, str(folder),
                                      parts[i:i + SHARDS_PER_TASK], pure=False, retries=2)
                   for i in range(0, len(parts), SHARDS_PER_TASK)]
        rows: list[tuple[str, str, int]] = []
        for future in futures:
            rows += self._result(future, "writing N-Quads shards")
        self._result(self.client.submit(write_manifest, str(folder), rows, pure=False),
                     "writing the shard manifest")
        log.info("wrote %d N-Quads shards to %s", len(rows), folder)
        return [name for _, name, _ in rows]

    def _result(self, future: Any, doing: str) -> Any:
        try:
            return future.result()
        except ClusterError:
            raise
        except Exception as exc:
            raise ClusterError(f"Dask cluster failed while {doing}: {type(exc).__name__}: "
                               f"{exc}; check the workers' logs, and that every worker "
                               "runs the same diplograph and model as this machine") from exc


@contextmanager
def dask_engine(*, scheduler: str | None = None, workers: int = 1,
                batch_size: int = 8) -> Iterator[DaskEngine]:
    """A `DaskEngine` on the cluster at `scheduler`, or on a new `LocalCluster` of
    `workers` single-threaded processes that is shut down on exit.

    Every worker present at the start loads the pipeline and is checked to run the
    same extractor (code, data and model) as this machine.

    Raises:
        ClusterError: Dask is not installed, the scheduler cannot be reached, it has
            no worker, or a worker's extractor differs from this one.
    """
    distributed = _import_distributed()
    # Dask logs at INFO on a handler of its own; follow diplograph's level (--verbose).
    level = logging.INFO if log.isEnabledFor(logging.INFO) else logging.WARNING
    logging.getLogger("distributed").setLevel(level)
    cluster = None
    try:
        if scheduler is None:
            try:
                cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                                   processes=True, dashboard_address=None,
                                                   silence_logs=level)
            except Exception as exc:
                raise ClusterError(f"--workers {workers}: could not start a local Dask "
                                   f"cluster ({type(exc).__name__}: {exc}); try fewer "
                                   "workers, or --engine local") from exc
            client = distributed.Client(cluster)
        else:
            try:
                client = distributed.Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"--scheduler {scheduler}: cannot reach a Dask scheduler "
                                   f"there ({exc}); start one with `dask scheduler` and give "
                                   "its tcp://HOST:8786 address, or leave out --scheduler "
                                   "for a cluster on this machine") from None
        with client:
            engine = DaskEngine(client, batch_size=batch_size)
            _check_workers(client, scheduler)
            log.info("Dask cluster %s: %d worker threads", scheduler or "local",
                     engine.workers())
            yield engine
    finally:
        if cluster is not None:
            cluster.close()


def _check_workers(client: Any, scheduler: str | None) -> None:
    from .cache import extractor_version

    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except TimeoutError:
        raise ClusterError(f"--scheduler {scheduler}: the scheduler has no worker after "
                           f"{WAIT_FOR_WORKERS:.0f} s; start some with `dask worker "
                           f"{scheduler} --nthreads 1`") from None
    mine = extractor_version()
    theirs = client.run(worker_version)
    wrong = sorted(address for address, version in theirs.items() if version != mine)
    if wrong:
        more = f" and {len(wrong) - 1} more" if len(wrong) > 1 else ""
        raise ClusterError(f"worker {wrong[0]}{more}: another extractor (version "
                           f"{theirs[wrong[0]]}, this machine {mine}); install the same "
                           "diplograph and model on every worker, then restart them")


# ---------------------------------------------------------------- run on the workers

def worker_version() -> str:
    """Load the pipeline in this worker process and return its extractor version."""
    from .cache import extractor_version
    from .nlp import load_pipeline

    load_pipeline()  # cached: this process never loads it again
    return extractor_version()


def extract_partition(batch: Sequence[Document], batch_size: int) -> list[Outcome]:
    """The outcomes of one partition of documents (as `extract_documents` gives them)."""
    return list(extract_documents(batch, batch_size=batch_size))


def shard_name(graph_name: str) -> str:
    """The file a named graph is written to: readable, unique, safe on any file system."""
    from .rdf import slug

    tail = slug(graph_name.rstrip("/").rsplit("/", 1)[-1])[:80] or "graph"
    digest = hashlib.sha1(graph_name.encode("utf-8")).hexdigest()[:10]
    return f"{tail}-{digest}.nq"


def write_shard_files(folder: str, parts: Sequence[tuple[str, list[Any]]]
                      ) -> list[tuple[str, str, int]]:
    """Write each (graph name, triples) as N-Quads in `folder`, atomically.

    Returns:
        (graph name, file name, triples) per shard.
    """
    from .atomic import write_text_atomic
    from .export import nquads_text
    from .rdf import new_graph

    rows = []
    for name, triples in parts:
        part = new_graph()
        for triple in triples:
            part.add(triple)
        # Split again, a document's part is all that document's graph (the shared part
        # all shared), so these are exactly the lines of graph.nq that name `name`.
        text = nquads_text(part)
        file = shard_name(name)
        write_text_atomic(Path(folder) / file, text)
        rows.append((name, file, len(triples)))
    return rows


def write_manifest(folder: str, rows: Sequence[tuple[str, str, int]]) -> None:
    """Write `shards.tsv` (graph, file, triples) and remove the shards only the previous
    manifest listed."""
    from .atomic import write_text_atomic

    path = Path(folder) / MANIFEST
    current = {file for _, file, _ in rows}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) == 3 and fields[1] not in current and _is_shard_file(fields[1]):
                (Path(folder) / fields[1]).unlink(missing_ok=True)
    lines = ["graph\tfile\ttriples", *(f"{g}\t{f}\t{n}" for g, f, n in rows)]
    write_text_atomic(path, "\n".join(lines) + "\n")


def _is_shard_file(name: str) -> bool:
    # Only a plain file name of ours is ever removed, whatever a manifest says.
    return name.endswith(".nq") and "/" not in name and "\\" not in name and \
        not name.startswith(".")

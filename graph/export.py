"""Write the graph to disk: Turtle and other RDF formats, atomically.

In: an rdflib `Graph` and a folder. Out: files in that folder. Every file is
written to a temporary file beside its target and renamed into place, so a
failed build never leaves half a file.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

log = logging.getLogger(__name__)


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("wrote %s", path)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write `text` as UTF-8 to `path` atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def turtle_text(graph: Graph) -> str:
    """The graph as Turtle; rdflib sorts subjects and predicates, so it is stable."""
    return graph.serialize(format="turtle")


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write `graph` as Turtle to `path`."""
    return write_text_atomic(path, turtle_text(graph))

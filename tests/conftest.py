"""Shared fixtures: the spaCy pipeline (loaded once) and small parse helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline (slow to load: once per session)."""
    from graph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text as a one-document corpus: returns (Document, Doc)."""
    from graph.clean import clean_document
    from graph.types import Document

    def _parse(text: str, *, doc_id: str = "t", date: str | None = None):
        document = clean_document(Document(id=doc_id, text=text, source=f"{doc_id}.txt",
                                           date=date))
        return document, nlp(document.body)

    return _parse


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed corpus built once into a temporary folder: (out_dir, report)."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    return out, report

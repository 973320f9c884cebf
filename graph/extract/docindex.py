"""Per-document lookups, computed once per parsed document.

In: a spaCy `Doc`. Out: its text, entities and sentences, with lookups by token.
spaCy rebuilds `doc.text`, `doc.ents` and `doc.sents` from the tokens at every
access, so asking for them once per span or token makes extraction quadratic in
the document's length; the extractors ask this index instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


class DocIndex:
    """The text, entities and sentences of one `Doc`."""

    __slots__ = ("doc", "text", "ents", "sents", "_ent_of", "_sent_starts", "_ent_starts",
                 "memo")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.sents: tuple[Span, ...] = tuple(doc.sents)
        self._ent_of = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self._sent_starts = [sent.start for sent in self.sents]
        self._ent_starts = [ent.start for ent in self.ents]
        # Other per-document lookups an extractor computes once (name -> value).
        self.memo: dict[str, object] = {}

    def ent_at(self, i: int) -> Span | None:
        """The named entity that covers token `i`, if any."""
        return self._ent_of.get(i)

    def ents_in(self, span: Span) -> tuple[Span, ...]:
        """The entities inside `span` (what `span.ents` gives, without a scan of the doc)."""
        first = bisect_left(self._ent_starts, span.start)
        last = bisect_left(self._ent_starts, span.end)
        return tuple(ent for ent in self.ents[first:last] if ent.end <= span.end)

    def sent_number(self, i: int) -> int:
        """The position in `sents` of the sentence that holds token `i`."""
        return max(0, bisect_right(self._sent_starts, i) - 1)


_LAST: list[DocIndex] = []  # one document is extracted at a time: keep the latest index


def index_of(doc: Doc) -> DocIndex:
    """The index of `doc`, built on first use."""
    if not _LAST or _LAST[0].doc is not doc:
        _LAST[:] = [DocIndex(doc)]
    return _LAST[0]

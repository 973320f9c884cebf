"""The record of one statement that a named person holds a title, before its country is known."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...types import Entity, Status
from ..titles import TitleMention

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class Mention:
    """One statement that a named person holds a title (before the country is known)."""

    name: str
    canonical: str
    surface: str
    status: Status
    sent: Span
    rule: str
    token: int  # the person's (or, for a speaker's own office, the title's) token; -1: label
    char: int
    title: TitleMention | None = None
    country: Entity | None = None
    alias: str | None = None
    self_of: str | None = None  # the speaker label when the office is the speaker's own

"""One error tree with coded, actionable messages.

Each message names a code, where the problem is, what is wrong and how to fix
it. The CLI catches `DiplographError` once and exits 2 for input and config
errors.
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base of every error diplograph raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(DiplographError):
    """A document or input path cannot be used."""

    code = "E100"


class ConfigError(DiplographError):
    """An option, curation file or query is not valid."""

    code = "E200"


class OntologyError(DiplographError):
    """The built graph breaks the ontology or its shapes."""

    code = "E300"

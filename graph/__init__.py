"""diplograph: knowledge graphs from international-relations text."""

from .errors import ConfigError, DiplographError, InputError, OntologyError
from .types import Condemnation, Document, DocumentFacts, Entity, Evidence, Party, Role

__version__ = "0.1.0"
__all__ = ["ConfigError", "Condemnation", "DiplographError", "Document", "DocumentFacts",
           "Entity", "Evidence", "InputError", "OntologyError", "Party", "Role", "__version__"]

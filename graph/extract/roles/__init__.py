"""Person - holds office - for a country.

`titles` (shared, one level up) reads office titles, `names` person names;
`country` decides the country an office belongs to (`document` from the
document as a whole); `lists` reads titles in lists of officials; `rules`
finds who holds each title and assembles the `Role` claims.
"""

from .rules import RULES, extract_roles

__all__ = ["RULES", "extract_roles"]

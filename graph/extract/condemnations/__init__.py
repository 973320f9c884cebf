"""Event - condemned by - actor (with who carried the event out).

`events` reads what was condemned and its label, `condemners` who condemns
(with `groups` for collective subjects), `dates` the event's date, and `rules`
assembles the `Condemnation` claims.
"""

from .rules import RULES, extract_condemnations

__all__ = ["RULES", "extract_condemnations"]

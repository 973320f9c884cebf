"""Country - party to - agreement (with the year signed).

`vocab` reads the data files of agreement words, `names` finds agreement names and
their parties words, `titles` reads long titles (their "between" and subject parts, and
the items of a list after a plural head), `status` tells agreements only planned or
under negotiation, `years` the year of signing, `parties` the document's states that
can be parties (speakers, "both countries", ministries), `signers` who signs at the
meeting a document reports and its lists of documents signed, `holders` who acts under
it, carries its duties or ratifies it ("X's obligations under", "the ratification of X by
Y", "both parties" at a meeting), `syntax` the dependency
helpers, `merge` folds acronyms and appositions into one name, and `rules` assembles
the `Party` claims.
"""

from .rules import RULES, extract_parties

__all__ = ["RULES", "extract_parties"]

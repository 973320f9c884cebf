"""Country - party to - agreement (with the year signed).

`names` finds agreement names and their parties words, `years` the year of
signing, `parties` the document's states that can be parties (speakers, the
meeting's two sides, "both countries"), `syntax` the dependency helpers,
`merge` folds acronyms and appositions into one name, and `rules` assembles
the `Party` claims.
"""

from .rules import RULES, extract_parties

__all__ = ["RULES", "extract_parties"]

"""Document context: who speaks and who writes, read once per document.

`speakers` finds transcript speaker turns; `authors` the states and
organisations that author a statement (title, byline, first lines).
"""

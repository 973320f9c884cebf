"""A user's curation file: corrections that resolution applies on the next build.

In: a TOML file (`diplograph build --curation seeds/curation.toml`). Out: a
`Curation` of five kinds of entry, each remembering its line for the merge log:

    version = 1

    [[alias]]            # this name is also that node: merge and keep it as altLabel
    kind = "Organization"
    name = "Nuclear Consultative Group"
    node = "NCG"         # the node's key, label or any name it already has

    [[forbid]]           # never put entities with these labels in one node
    kind = "Person"
    names = ["Blinken", "Antony Blinken"]

    [[label]]            # the node's preferred label (the old one becomes an altLabel)
    kind = "Country"
    node = "KOR"
    label = "Republic of Korea"

    [[merge]]            # every node these names refer to is one node
    kind = "Person"
    names = ["Trump", "Donald J. Trump"]

    [[split]]            # the node's mentions in these documents are another entity
    kind = "Agreement"
    node = "Water Treaty"
    docs = ["statement-2019-04", "statement-2021-11"]

A file that cannot be used raises a coded `ConfigError` naming the file, the
line, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

KINDS = ("Country", "Person", "Organization", "Agreement", "Event")
SECTIONS = {
    "alias": {"kind", "name", "node"},
    "forbid": {"kind", "names"},
    "label": {"kind", "node", "label"},
    "merge": {"kind", "names"},
    "split": {"kind", "node", "docs"},
}
# Sections whose list key holds names or document ids, and an example of each.
_LISTS = {"forbid": ("names", '["Blinken", "Antony Blinken"]'),
          "merge": ("names", '["Trump", "Donald J. Trump"]'),
          "split": ("docs", '["doc-1", "doc-2"]')}
VERSION = 1


@dataclass(frozen=True, slots=True)
class Alias:
    """`name` is another name of the node `node` refers to."""

    kind: str
    name: str
    node: str
    line: int


@dataclass(frozen=True, slots=True)
class Forbid:
    """Entities labelled with different ones of `names` never share a node."""

    kind: str
    names: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Relabel:
    """The node `node` refers to takes `label` as its preferred label."""

    kind: str
    node: str
    label: str
    line: int


@dataclass(frozen=True, slots=True)
class NodeMerge:
    """Every node one of `names` refers to is one node."""

    kind: str
    names: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class NodeSplit:
    """The mentions of `node` in the documents `docs` are an entity of their own."""

    kind: str
    node: str
    docs: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Curation:
    """Everything one curation file asks for."""

    source: str = ""
    aliases: tuple[Alias, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    labels: tuple[Relabel, ...] = field(default_factory=tuple)
    merges: tuple[NodeMerge, ...] = ()
    splits: tuple[NodeSplit, ...] = ()

    def where(self, line: int) -> str:
        """`file:line`, for the merge log."""
        return f"{Path(self.source).name}:{line}"


def load_curation(path: str | Path) -> Curation:
    """Read and check a curation file.

    Raises:
        ConfigError: the file is missing, is not TOML, or has an entry that cannot be used.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the curation file ({error.strerror}); "
                          "pass an existing TOML file to --curation") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text (byte {error.start}: {error.reason}); "
                          "save the curation file as UTF-8") from None
    return parse_curation(text, source=str(path))


def parse_curation(text: str, *, source: str = "<curation>") -> Curation:
    """Check the text of a curation file and return its entries."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = match.group(1) if match else "1"
        raise ConfigError(f"{source}:{line}: not valid TOML ({error}); fix the syntax, e.g. "
                          '[[alias]] then kind = "Person" on its own line') from None
    lines = _Lines(text)
    for key in data:
        if key != "version" and key not in SECTIONS:
            raise _error(source, lines.key(key), f"unknown section or key {key!r}",
                         f"use version, {', '.join(f'[[{s}]]' for s in SECTIONS)}")
    version = data.get("version", VERSION)
    if version != VERSION:
        raise _error(source, lines.key("version"), f"version {version!r} is not supported",
                     f"write version = {VERSION}")
    entries: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    for section, allowed in SECTIONS.items():
        tables = data.get(section, [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise _error(source, lines.key(section), f"{section!r} must be a list of tables",
                         f"write each entry as [[{section}]] followed by its keys")
        for index, table in enumerate(tables):
            line = lines.table(section, index)
            for key in sorted(table):
                if key not in allowed:
                    raise _error(source, lines.key(key, after=line),
                                 f"[[{section}]] has an unknown key {key!r}",
                                 f"allowed keys: {', '.join(sorted(allowed))}")
            for key in sorted(allowed):
                if key not in table:
                    raise _error(source, line, f"[[{section}]] is missing {key!r}",
                                 f"add {key} = ... (needs {', '.join(sorted(allowed))})")
            kind = table["kind"]
            if kind not in KINDS:
                raise _error(source, lines.key("kind", after=line), f"unknown kind {kind!r}",
                             f"kind is one of {', '.join(KINDS)}")
            if section in _LISTS:
                entries[section].append(_listed(section, table, source, line, lines))
                continue
            for key in sorted(allowed - {"kind"}):
                value = table[key]
                if not isinstance(value, str) or not value.strip():
                    raise _error(source, lines.key(key, after=line),
                                 f"{key} must be a non-empty string, not {value!r}",
                                 f'write {key} = "..."')
            if section == "alias":
                entries[section].append(Alias(kind, table["name"].strip(),
                                              table["node"].strip(), line))
            else:
                entries[section].append(Relabel(kind, table["node"].strip(),
                                                table["label"].strip(), line))
    _check_labels(entries["label"], source)
    return Curation(source, *(tuple(entries[name]) for name in ("alias", "forbid", "label",
                                                                 "merge", "split")))


def _listed(section: str, table: dict[str, Any], source: str, line: int, lines: _Lines
            ) -> Forbid | NodeMerge | NodeSplit:
    """A forbid, merge or split entry: its list of names (or documents) checked."""
    kind = table["kind"]
    key, example = _LISTS[section]
    if kind == "Country":
        what = "join two countries" if section == "merge" else "split a country"
        raise _error(source, line, f"a {section} cannot {what}",
                     f"a country is its ISO code; {section} Person, Organization, Agreement "
                     "or Event nodes")
    values = table[key]
    where = lines.key(key, after=line)
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip()
                                               for v in values):
        raise _error(source, where, f"{key} must be a list of non-empty strings, not "
                     f"{values!r}", f"write {key} = {example}")
    distinct = tuple(dict.fromkeys(v.strip() for v in values))
    if section == "split":
        node = table["node"]
        if not isinstance(node, str) or not node.strip():
            raise _error(source, lines.key("node", after=line),
                         f"node must be a non-empty string, not {node!r}",
                         'write node = "the name or key of the node to split"')
        if not distinct:
            raise _error(source, where, "docs must name at least one document",
                         f"write docs = {example} (the ids in merges.tsv)")
        return NodeSplit(kind, node.strip(), distinct, line)
    if len(distinct) < 2:
        raise _error(source, where, "names must hold at least two different names",
                     f"write names = {example}")
    return (Forbid if section == "forbid" else NodeMerge)(kind, distinct, line)


def _check_labels(labels: list[Relabel], source: str) -> None:
    seen: dict[tuple[str, str], Relabel] = {}
    for entry in labels:
        key = (entry.kind, entry.node.casefold())
        if key in seen and seen[key].label != entry.label:
            raise _error(source, entry.line,
                         f"{entry.kind} {entry.node!r} is relabelled twice "
                         f"(also on line {seen[key].line})", "keep one [[label]] per node")
        seen[key] = entry


def _error(source: str, line: int, what: str, fix: str) -> ConfigError:
    return ConfigError(f"{source}:{line}: {what}; {fix}")


class _Lines:
    """Find the line of a table or key in the raw text (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    def table(self, section: str, index: int) -> int:
        header = re.compile(rf"^\s*\[\[\s*{re.escape(section)}\s*\]\]")
        found = [n for n, line in enumerate(self._lines, start=1) if header.match(line)]
        return found[index] if index < len(found) else self.key(section)

    def key(self, key: str, *, after: int = 0) -> int:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\s*\[+\s*{re.escape(key)}\s*\]")
        for number, line in enumerate(self._lines, start=1):
            if number <= after:
                continue
            if after and line.lstrip().startswith("["):
                break  # the next table: the key is not written in this one
            if pattern.match(line):
                return number
        return after or 1

"""Read documents from files and folders.

In: paths to files or folders of `.txt`, `.md`, `.html`/`.htm` and `.jsonl`
(one `{"id", "text", "date"?, "url"?, "title"?}` object per line). A Markdown
file's YAML front matter (between `---` lines) gives its title, date and URL.
Out: a stream of `Document`s, in a stable order (sorted paths, then line
order), and `ReadProblem`s for what could not be read, so one bad file never
stops the rest of the corpus.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .dates import parse_date
from .errors import InputError
from .htmlmeta import read_page_meta
from .types import Document, ReadProblem

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t\r]*\n(.*?)\r?\n---[ \t\r]*\n", re.DOTALL)
# The front-matter keys each field is read from, first found first; keys are case-blind.
FRONT_MATTER_KEYS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "publishdate", "date_published", "published_at"),
    "url": ("url", "canonical_url", "canonical", "permalink", "link", "source_url"),
}


class FrontMatterError(InputError):
    """A Markdown file's front matter is not valid YAML key: value pairs."""

    code = "E130"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: {detail}")
        self.where = where
        self.detail = detail


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, leaving dates as the text they were written as.

    PyYAML would make `date: 2023-02-30` an error and `date: 2023-04-26 10:00`
    a datetime; as text, every date goes through the same check as a dateline's.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | ReadProblem]:
    """Yield every document under `paths`, and a problem for each unreadable one.

    Raises:
        InputError: a path does not exist, or names a file of an unknown kind.
    """
    seen: set[str] = set()
    for path, doc_id in _expand(paths):
        for item in _read_file(path, doc_id):
            if isinstance(item, Document):
                if item.id in seen:
                    yield ReadProblem(item.source, f"document id {item.id!r} is used twice; "
                                      "give each document a unique id (file name or JSONL 'id')")
                    continue
                seen.add(item.id)
            yield item


def count_documents(paths: Iterable[str | Path]) -> int:
    """How many documents `paths` hold (files, and lines of JSONL files), without parsing.

    Raises:
        InputError: as `iter_documents`.
    """
    total = 0
    for path, _ in _expand(paths, warn=False):  # iter_documents warns, once
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _expand(paths: Iterable[str | Path], *, warn: bool = True) -> list[tuple[Path, str]]:
    """Every file to read, with its document id (the path under its folder, no suffix).

    Files in subfolders keep the subfolder in their id ("a/index", "b/index"), so
    two files of the same name never collide.
    """
    files: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            entries = sorted(path.rglob("*"))
            found = [p for p in entries if p.is_file() and p.suffix.lower() in SUFFIXES]
            ignored = [p.name for p in entries if p.is_file()
                       and p.suffix.lower() not in SUFFIXES and not p.name.startswith(".")]
            linked = [p.name for p in entries if p.is_symlink() and p.is_dir()]
            if linked and warn:
                log.warning("%s: %d symlinked folder(s) not followed (e.g. %s); pass them as "
                            "inputs of their own to read them", path, len(linked), linked[0])
            if ignored and warn:
                log.warning("%s: %d file(s) of other kinds not read (e.g. %s); diplograph "
                            "reads %s", path, len(ignored), ignored[0], ", ".join(sorted(SUFFIXES)))
            if not found and warn:
                log.warning("%s: no .txt, .md, .html or .jsonl files in this folder", path)
            files.extend((p, p.relative_to(path).with_suffix("").as_posix()) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(f"{path}: unknown kind of file {path.suffix!r}; "
                                 f"diplograph reads {', '.join(sorted(SUFFIXES))}")
            files.append((path, path.stem))
        else:
            raise InputError(f"{path}: no such file or folder; pass a folder of documents "
                             "or document files")
    return files


def _read_file(path: Path, doc_id: str) -> Iterator[Document | ReadProblem]:
    try:
        # The text is kept exactly as in the file (a BOM, CRLF line ends): offsets
        # into it are offsets into the file. `clean` blanks what is not content.
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        yield ReadProblem(str(path), f"not UTF-8 text (byte {exc.start}: {exc.reason}); "
                          "re-encode the file as UTF-8")
        return
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text)
    elif suffix in {".md", ".markdown"}:
        try:
            yield _read_markdown(path, text, doc_id)
        except FrontMatterError as error:
            yield ReadProblem(error.where, f"[{error.code}] {error.detail}")
    elif suffix in {".html", ".htm"}:
        meta = read_page_meta(text)
        yield Document(id=doc_id, text=text, source=str(path), date=meta.date, url=meta.url,
                       title=meta.title)
    else:
        yield Document(id=doc_id, text=text, source=str(path))


def _read_markdown(path: Path, text: str, doc_id: str) -> Document:
    meta = read_front_matter(text, str(path))
    fields = {field: next((meta[k] for k in keys if meta.get(k) is not None), None)
              for field, keys in FRONT_MATTER_KEYS.items()}
    date = None
    if fields["date"] is not None:
        date = parse_date(str(fields["date"]))
        if date is None:
            log.warning("%s: front matter date %r is not a date; write it YYYY-MM-DD",
                        path, fields["date"])
    title, url = (_scalar_text(fields[k], path, k) for k in ("title", "url"))
    return Document(id=doc_id, text=text, source=str(path), date=date, url=url, title=title)


def read_front_matter(text: str, where: str) -> dict[str, Any]:
    """The YAML front matter at the top of a Markdown text, keys lower-cased; {} if none.

    Raises:
        FrontMatterError: the block between the `---` lines is not YAML, or not
            `key: value` pairs; the message gives the file line.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = 2 + (mark.line if mark else 0)  # line 1 is the opening ---
        column = f", column {mark.column + 1}" if mark else ""
        raise FrontMatterError(f"{where}:{line}", f"front matter is not valid YAML "
                               f"({error.problem or error}{column}); fix that line between the "
                               '--- lines: quote a value that holds ": " or starts with '
                               '[ { * & !, e.g. title: "Seoul: the talks"') from None
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise FrontMatterError(f"{where}:2", f"front matter is not valid YAML ({error}); "
                               "write it as key: value lines between the --- lines") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"{where}:2", f"front matter is a {type(data).__name__}, not "
                               "key: value pairs; write one key: value per line "
                               "(title, date, url)")
    return {str(key).strip().lower(): value for key, value in data.items()}


def _scalar_text(value: object, path: Path, key: str) -> str | None:
    """A front-matter value as text; None (with a warning) for a list or mapping."""
    if value is None or value == "":
        return None
    if isinstance(value, list | dict):
        log.warning("%s: front matter %s is a %s, not text; ignored", path, key,
                    type(value).__name__)
        return None
    return str(value).strip() or None


def _read_jsonl(path: Path, text: str) -> Iterator[Document | ReadProblem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(where, f"not valid JSON ({exc.msg} at column {exc.colno}); "
                              'each line needs one object {"id", "text"}')
            continue
        if not isinstance(record, dict):
            yield ReadProblem(where, 'a line must be a JSON object {"id", "text"}')
            continue
        doc_id, body = record.get("id"), record.get("text")
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) \
                or str(doc_id).strip() == "":
            yield ReadProblem(where, "field 'id' is missing or empty; "
                              'each line needs {"id", "text"}')
            continue
        if not isinstance(body, str):
            yield ReadProblem(where, "field 'text' is missing or not a string; "
                              'each line needs {"id", "text"}')
            continue
        if _SURROGATE.search(body):
            # JSON can carry lone surrogates ("\\ud800") that no UTF-8 output can hold;
            # one replacement character each keeps every offset.
            log.warning("%s: lone surrogate characters in 'text' replaced with U+FFFD", where)
            body = _SURROGATE.sub("\ufffd", body)
        date = record.get("date")
        if date is not None and not _is_date(date):
            yield ReadProblem(where, f"field 'date' {date!r} is not a date; use YYYY-MM-DD")
            continue
        wrong = [k for k in ("url", "title") if record.get(k) is not None
                 and not isinstance(record[k], str)]
        if wrong:
            yield ReadProblem(where, f"field {wrong[0]!r} is {type(record[wrong[0]]).__name__}, "
                              "not a string; give it as text or leave it out")
            continue
        yield Document(id=str(doc_id), text=body, source=where,
                       date=date[:10] if date else None,
                       url=record.get("url") or None, title=record.get("title") or None)


def _is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (a time may follow)."""
    if not (isinstance(value, str) and _DATE.match(value[:10])):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True

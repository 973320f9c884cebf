#!/usr/bin/env python3
"""Assemble the collected documents into the corpus, and lay out annotation batches.

In: `eval/incoming/<collector>/docs.jsonl` and `sources.jsonl` (what each collector
found, see `eval/briefs/collect.md`). Out: `eval/corpus.jsonl` (the documents with
date, title, URL, publisher and kind), `eval/sources.jsonl` and `eval/SOURCES.md`
(where each came from, under which terms). The corpus only grows: documents
already in `corpus.jsonl` are kept as they are (the incoming folders are not kept
in git), and an incoming document with an id already in the corpus is left out.
Documents whose terms do not allow redistribution are left out and listed.

`--batches` writes one folder per collector under `eval/annotate/` with one `.txt`
per document (a header, `-----`, the text) for the annotators; `--split-batches N`
cuts each collector's documents into batches of at most N.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INCOMING = HERE / "incoming"
KINDS = {"government", "international organisation", "news", "transcript"}
# Official statements whose terms were not found are kept, with that said in SOURCES.md;
# only a source whose terms forbid redistribution is left out.
_FORBIDS = re.compile(r"forbid|prohibit|not permitted|may not be|paywall|subscription", re.I)
FIELDS = ("id", "text", "date", "title", "url", "publisher", "publisher_country", "kind",
          "density")


def _read(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return rows


def assemble() -> tuple[list[dict], list[dict], list[str]]:
    """The corpus records, their sources, and what was dropped (with why)."""
    docs = _read(HERE / "corpus.jsonl") if (HERE / "corpus.jsonl").exists() else []
    sources = _read(HERE / "sources.jsonl") if (HERE / "sources.jsonl").exists() else []
    dropped: list[str] = []
    seen: set[str] = {d["id"] for d in docs}
    if not INCOMING.is_dir():
        return docs, sources, dropped
    publishers = json.loads((HERE / "publishers.json").read_text(encoding="utf-8"))
    for folder in sorted(p for p in INCOMING.iterdir() if (p / "docs.jsonl").exists()):
        listed = folder / "sources.jsonl"
        by_id = {s["id"]: s for s in (_read(listed) if listed.exists() else [])}
        for record in _read(folder / "docs.jsonl"):
            doc_id = record["id"]
            source = by_id.get(doc_id)
            problem = _problem(record, source, seen)
            if problem:
                dropped.append(f"{doc_id}: {problem}")
                continue
            seen.add(doc_id)
            record = {k: record[k] for k in FIELDS if k in record}
            # One name per publishing institution; the full attribution stays in sources.
            record["publisher"] = publishers.get(record["publisher"], record["publisher"])
            docs.append(record)
            source = dict(source)  # type: ignore[arg-type]
            source["words"] = len(re.findall(r"\S+", record["text"]))
            sources.append(source)
    return docs, sources, dropped


def _problem(record: dict, source: dict | None, seen: set[str]) -> str:
    if record["id"] in seen:
        return "id already in the corpus, or used twice"
    if source is None:
        return "no sources.jsonl entry"
    if source.get("redistributable") is False and _FORBIDS.search(str(source.get("licence"))):
        return f"terms forbid redistribution ({source.get('licence')})"
    if record.get("kind") not in KINDS:
        return f"kind {record.get('kind')!r} is not one of {sorted(KINDS)}"
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", str(record.get("date", ""))):
        return f"date {record.get('date')!r} is not YYYY-MM-DD"
    if not record.get("text", "").strip():
        return "empty text"
    return ""


def sources_table(sources: list[dict]) -> str:
    """SOURCES.md: one row per document."""
    def cell(value: object) -> str:
        return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")

    head = ("| id | words | publisher | date | title | repository | path | commit | URL "
            "| licence |\n|---|---|---|---|---|---|---|---|---|---|\n")
    rows = "".join(
        "| " + " | ".join(cell(s.get(k)) for k in ("id", "words", "publisher", "date", "title",
                                                   "repository", "path", "commit", "url",
                                                   "licence")) + " |\n"
        for s in sources)
    return ("# Sources of the real-text corpus\n\n"
            "Every document is real published text, taken whole from a stored public "
            "repository or web page; only markup and page chrome were stripped (the `notes` "
            "field of `sources.jsonl` says what). The real-dev documents h01-h15 are "
            "described in `real-dev/SOURCES.md`.\n\n" + head + rows)


def write_batches(docs: list[dict], size: int, only: str = "") -> list[Path]:
    """One folder of header+text files per batch (collectors in `only`, or all)."""
    groups: dict[str, list[dict]] = {}
    for record in docs:
        if only and record["id"][0] not in only:
            continue
        groups.setdefault(record["id"][0], []).append(record)
    folders = []
    for letter, records in sorted(groups.items()):
        records.sort(key=lambda r: r["id"])
        chunks = [records[i:i + size] for i in range(0, len(records), size)]
        for n, chunk in enumerate(chunks, 1):
            folder = HERE / "annotate" / (f"{letter}{n}" if len(chunks) > 1 else letter)
            folder.mkdir(parents=True, exist_ok=True)
            for record in chunk:
                header = "".join(f"{k}: {record.get(k, '')}\n"
                                 for k in ("id", "date", "title", "publisher", "url"))
                (folder / f"{record['id']}.txt").write_text(
                    header + "-----\n" + record["text"] + "\n", encoding="utf-8")
            folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", action="store_true", help="also write annotation batches")
    ap.add_argument("--split-batches", type=int, default=1000, metavar="N",
                    help="at most N documents per annotation batch")
    ap.add_argument("--only", default="", metavar="LETTERS",
                    help="write batches only for these collectors' id prefixes")
    args = ap.parse_args(argv)
    docs, sources, dropped = assemble()
    (HERE / "corpus.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    (HERE / "sources.jsonl").write_text(
        "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sources), encoding="utf-8")
    (HERE / "SOURCES.md").write_text(sources_table(sources), encoding="utf-8")
    words = sum(s["words"] for s in sources)
    print(f"{len(docs)} documents, {words} words, "
          f"{len({d['publisher'] for d in docs})} publishers")
    for line in dropped:
        print(f"dropped {line}")
    if args.batches:
        for folder in write_batches(docs, args.split_batches, args.only):
            print(f"batch {folder.name}: {len(list(folder.glob('*.txt')))} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())

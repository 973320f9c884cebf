"""The command line: thin typer wrappers around `pipeline`.

This is the only module that talks to the user. Heavy libraries (spaCy,
pyvis) load inside the commands, so `diplograph --help` answers at once.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import DiplographError

app = typer.Typer(
    name="diplograph",
    help="Build knowledge graphs of treaties, office holders and condemnations from "
         "international-relations text.",
    no_args_is_help=True,
    add_completion=False,
)


def _fail(error: DiplographError) -> typer.Exit:
    typer.echo(f"diplograph: {error}", err=True)
    return typer.Exit(code=2)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                               help="Log what each stage does.")] = False
         ) -> None:
    """diplograph: international-relations text in, an RDF knowledge graph out."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@app.command()
def build(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Folders or files (.txt, .md, .html, .jsonl). Default: seeds/")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the exports.")] = Path(
        "exports"),
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = 8,
) -> None:
    """Build the graph of INPUT documents into OUT (graph.ttl, graph.html)."""
    from .pipeline import build as run_build

    paths = inputs or [Path("seeds")]
    seen = 0

    def progress(facts) -> None:
        nonlocal seen
        seen += 1
        if sys.stderr.isatty():
            typer.echo(f"\r  parsed {seen} documents ({facts.doc_id})", err=True, nl=False)

    try:
        report = run_build(paths, out, batch_size=batch_size, progress=progress)
    except DiplographError as error:
        raise _fail(error) from None
    if sys.stderr.isatty() and seen:
        typer.echo("", err=True)
    for problem in report.problems:
        typer.echo(f"diplograph: skipped {problem.source}: {problem.message}", err=True)
    entities = ", ".join(f"{n} {k}" for k, n in report.entities.items())
    claims = ", ".join(f"{n} {k}" for k, n in report.claims.items())
    typer.echo(f"{report.documents} documents, {report.sentences} sentences "
               f"in {report.seconds:.1f} s")
    typer.echo(f"entities: {entities}")
    typer.echo(f"claims: {claims}")
    for output in report.outputs:
        typer.echo(f"wrote {output}")

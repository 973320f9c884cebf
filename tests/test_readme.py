"""The README's commands work as written, after `make run` and `. .venv/bin/activate`.

Every `diplograph` command line of the README's code blocks is run in a
temporary folder holding a copy of `seeds/` and `ontology/`, with the
environment's scripts folder on the PATH (what activating `.venv` does); the
builds come first, so the queries read the graphs they wrote. Commands that need
a network service are listed in `NEEDS_SERVICE` with the reason.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from graph.cli import serve
from graph.query import load_graph, resolve_query, run_query
from graph.store import load_store, query_store
from tests.test_query import sample_graph

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NEEDS_SERVICE = {
    "diplograph push": "needs a Graph Store Protocol server (the `oxigraph serve` line "
                       "before it); tests/test_push.py pushes to one",
    "diplograph serve": "serves until Ctrl-C; tests/test_serve.py runs it",
}


def readme_shell_lines(text: str) -> list[str]:
    """The command lines of the README's code blocks (continuations joined), in order."""
    lines: list[str] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type not in ("code_block", "fence") or token.info.strip() not in (
                "", "sh", "shell", "bash", "console"):
            continue
        lines.extend(line.strip() for line in token.content.replace("\\\n", " ").splitlines()
                     if line.strip())
    return lines


def diplograph_commands(text: str) -> tuple[list[str], list[str]]:
    """The README's `diplograph` command lines: (to run, skipped as needing a service)."""
    commands = [line for line in readme_shell_lines(text)
                if re.match(r"(?:\.venv/bin/)?diplograph\s", line)]
    skipped = [c for c in commands if any(c.startswith(name) for name in NEEDS_SERVICE)]
    return [c for c in commands if c not in skipped], skipped


RUN, SKIPPED = diplograph_commands(README)


def test_readme_commands_are_all_collected():
    # A broken extraction or a stale skip list must not pass silently.
    assert len(RUN) >= 8 and sum(c.startswith("diplograph build") for c in RUN) == 2
    assert sorted({next(n for n in NEEDS_SERVICE if c.startswith(n)) for c in SKIPPED}) == \
        sorted(NEEDS_SERVICE)


def test_readme_says_how_to_put_diplograph_on_the_path():
    lines = readme_shell_lines(README)
    bare = [i for i, line in enumerate(lines) if line.startswith("diplograph")]
    activate = [i for i, line in enumerate(lines) if line.startswith(". .venv/bin/activate")]
    assert activate and (not bare or activate[0] < bare[0])
    run_target = re.search(r"^run:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert run_target is not None
    assert re.search(r"^\t@echo .*\. \$\(BIN\)/activate", run_target.group(1), re.M)


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each runnable README command's result, run in README order with the builds first."""
    cwd = tmp_path_factory.mktemp("readme")
    for folder in ("seeds", "ontology"):
        shutil.copytree(ROOT / folder, cwd / folder)
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": scripts + os.pathsep + os.environ.get("PATH", ""),
           "VIRTUAL_ENV": str(Path(scripts).parent)}
    ordered = sorted(RUN, key=lambda c: not c.startswith("diplograph build"))
    return {command: subprocess.run(["bash", "-c", command], cwd=cwd, env=env, text=True,
                                    capture_output=True, timeout=600)
            for command in ordered}


@pytest.mark.slow
@pytest.mark.parametrize("command", RUN)
def test_readme_command_works_as_written(readme_run, command):
    result = readme_run[command]
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip(), f"no output; stderr: {result.stderr[-2000:]}"


def test_readme_serve_port_is_not_the_push_recipe_oxigraph_port():
    bind = re.search(r"oxigraph serve .*--bind 127\.0\.0\.1:(\d+)", README)
    push = re.search(r"diplograph push --endpoint http://127\.0\.0\.1:(\d+)/", README)
    served = re.search(r"diplograph serve .*--port (\d+)", README)
    assert bind and push and served
    default = inspect.signature(serve).parameters["port"].default
    assert int(served.group(1)) == default  # the README's serve line shows the default
    assert int(push.group(1)) == int(bind.group(1))  # the push goes to that oxigraph
    assert int(bind.group(1)) != default


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_readme_agreements_since_compares_years_as_numbers_on_the_seeds(seed_build, engine):
    out, _ = seed_build
    graph = load_graph(out / "graph.ttl")
    text, origin = resolve_query("agreements-since")
    assert "FILTER(?signed > 2000)" in text
    answer = (run_query(graph, text, origin=origin) if engine == "rdflib"
              else query_store(load_store(graph), text, origin=origin))
    assert [tuple(str(v) for v in row) for row in answer.rows] == [
        ("PRK", "2018 joint agreement", "2018")]
    # The gYear itself compares with no number: the reason the query converts it.
    naive = "SELECT ?a WHERE { ?a dg:yearSigned ?year FILTER(?year > 2000) }"
    assert run_query(graph, naive).rows == ()


def test_readme_agreements_since_leaves_out_earlier_years():
    graph = sample_graph()  # one agreement, signed 1953
    text, _ = resolve_query("agreements-since")
    assert run_query(graph, text).rows == ()
    earlier = run_query(graph, text.replace("> 2000", "> 1950"))
    assert {(str(r[0]), str(r[2])) for r in earlier.rows} == {("KOR", "1953"), ("USA", "1953")}

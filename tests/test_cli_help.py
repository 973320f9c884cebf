"""Help text names value types as words users know (PATH, TEXT), never Python annotations."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from graph.cli import app

COMMANDS = ["build", "query", "push", "serve"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_annotations(command):
    args = ["--help"] if command is None else [command, "--help"]
    result = CliRunner().invoke(app, args, terminal_width=120)
    assert result.exit_code == 0, result.output
    assert not re.search(r"<(?:bool|list|int|str|float|path|Path)\b[^>]*>", result.output), \
        result.output
    assert "--help" in result.output


def test_help_names_the_value_a_list_option_takes():
    result = CliRunner().invoke(app, ["build", "--help"], terminal_width=160)
    line = next(row for row in result.output.splitlines() if "--format" in row)
    assert "TEXT..." in line
    flag = next(row for row in result.output.splitlines() if "--strict" in row)
    assert "TEXT" not in flag and "PATH" not in flag

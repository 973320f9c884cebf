"""The export set is swapped in whole: one build or the next, never a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from graph.errors import ConfigError
from graph.exportset import check_output_folder, publish

from .conftest import ROOT, SEEDS


def _write(text: str):
    def write(folder):
        (folder / "graph.ttl").write_text(text, encoding="utf-8")
        (folder / "merges.tsv").write_text(text.upper(), encoding="utf-8")
        return [folder / "graph.ttl", folder / "merges.tsv"]
    return write


def test_exportset_publish_swaps_the_set_and_keeps_foreign_files(tmp_path):
    out = tmp_path / "exports"
    publish(out, _write("one"), owned={"graph.ttl", "merges.tsv"})
    (out / "README.md").write_text("mine", encoding="utf-8")
    paths = publish(out, _write("two"), owned={"graph.ttl", "merges.tsv"})
    assert paths == [out / "graph.ttl", out / "merges.tsv"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "two"
    assert (out / "merges.tsv").read_text(encoding="utf-8") == "TWO"
    assert (out / "README.md").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]  # nothing left beside it


def test_exportset_failed_write_leaves_the_previous_set(tmp_path):
    out = tmp_path / "exports"
    publish(out, _write("one"), owned={"graph.ttl", "merges.tsv"})

    def broken(folder):
        (folder / "graph.ttl").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        publish(out, broken, owned={"graph.ttl", "merges.tsv"})
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_exportset_out_that_is_a_file_fails_before_parsing(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E200\] --out .* is a file"):
        check_output_folder(target)


@pytest.mark.slow
def test_exportset_build_killed_during_export_leaves_previous_set_whole(tmp_path):
    out = tmp_path / "exports"
    first = subprocess.run([sys.executable, "-c", "from graph.cli import app; app()", "build",
                            str(SEEDS), "--out", str(out), "-f", "turtle", "-f", "nt"],
                           capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # The second build is killed (SIGKILL: no clean-up runs) after it wrote its Turtle
    # into the staging folder and before the rest of the set.
    killer = ("import os, signal, graph.export as e\n"
              "real = e.ntriples_text\n"
              "def dying(graph):\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n"
              "e.ntriples_text = dying\n"
              "from graph.cli import app\n"
              "app()\n")
    second = subprocess.run([sys.executable, "-c", killer, "build", str(SEEDS), str(SEEDS /
                             "000_8093174fcc62f391.txt"), "--out", str(out), "-f", "turtle",
                             "-f", "nt"], capture_output=True, text=True, cwd=ROOT)
    assert second.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert any(p.name.startswith(".exports.staging-") for p in tmp_path.iterdir())
    third = subprocess.run([sys.executable, "-c", "from graph.cli import app; app()", "build",
                            str(SEEDS), "--out", str(out), "-f", "turtle", "-f", "nt"],
                           capture_output=True, text=True, cwd=ROOT)
    assert third.returncode == 0, third.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".exports.cache") == \
        ["exports"]
    # the same corpus again: the same set (report.json differs only in its timings)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys()
    assert {k: v for k, v in after.items() if k != "report.json"} == \
        {k: v for k, v in before.items() if k != "report.json"}
    assert os.access(out, os.W_OK)

"""The Dask engine (issue 16): a LocalCluster build is the local build, byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.pipeline import build

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def engine():
    """A 2-worker LocalCluster (processes, no dashboard), started once for this module."""
    from graph.distributed import dask_engine

    with dask_engine(workers=2, batch_size=1) as running:
        yield running


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    build([SEEDS], out, formats=["turtle", "nquads"], workers=1)
    return out


def _lines(paths) -> list[str]:
    return sorted({line for path in paths for line in path.read_text("utf-8").splitlines()})


@pytest.mark.slow
def test_dask_local_cluster_build_is_byte_identical_to_local(engine, local_build, tmp_path):
    from distributed import get_task_stream

    with get_task_stream(engine.client) as stream:
        build([SEEDS], tmp_path / "out", formats=["turtle", "nquads"], workers=1,
              extractor=engine.extract)
    for name in ("graph.ttl", "graph.nq", "merges.tsv"):
        assert (tmp_path / "out" / name).read_bytes() == (local_build / name).read_bytes(), name
    # every document was parsed on the cluster, one partition each (batch_size=1)
    parsed = [task for task in stream.data if task["key"].startswith("extract_partition")]
    assert len(parsed) == len(SEED_FILES) == 3


@pytest.mark.slow
def test_dask_shards_are_the_named_graphs_of_graph_nq(engine, local_build, tmp_path):
    from graph.rdf import document_iri

    shards = tmp_path / "shards"
    build([SEEDS], tmp_path / "out", formats=["nquads"], workers=1, extractor=engine.extract,
          on_graph=lambda graph: engine.write_shards(graph, shards))
    rows = [line.split("\t") for line in
            (shards / "shards.tsv").read_text("utf-8").splitlines()[1:]]
    assert len(rows) == len(SEED_FILES) + 1  # one graph per document, plus the shared one
    assert sorted(p.name for p in shards.glob("*.nq")) == sorted(f for _, f, _ in rows)
    for name, file, triples in rows:
        lines = (shards / file).read_text("utf-8").splitlines()
        assert lines and all(line.endswith(f"<{name}> .") for line in lines), file
        assert int(triples) == len(lines)
    assert _lines(shards.glob("*.nq")) == _lines([local_build / "graph.nq"])
    assert not list(shards.glob(".*.tmp"))

    # a document dropped from the corpus: its shard goes, the others are rewritten
    dropped = next(f for g, f, _ in rows if g == str(document_iri(SEED_FILES[0].stem)))
    build(SEED_FILES[1:], tmp_path / "out", formats=["nquads"], workers=1,
          extractor=engine.extract, on_graph=lambda graph: engine.write_shards(graph, shards))
    assert not (shards / dropped).exists()
    assert len(list(shards.glob("*.nq"))) == len(SEED_FILES)
    assert _lines(shards.glob("*.nq")) == _lines([tmp_path / "out" / "graph.nq"])


@pytest.mark.slow
def test_dask_cli_build_on_an_existing_scheduler(engine, local_build, tmp_path):
    address = engine.client.scheduler.address
    result = CliRunner().invoke(app, [
        "build", str(SEEDS), "--out", str(tmp_path / "out"), "-f", "turtle", "--no-cache",
        "--quiet", "--engine", "dask", "--scheduler", address,
        "--shards", str(tmp_path / "shards")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == \
        (local_build / "graph.ttl").read_bytes()
    assert len(list((tmp_path / "shards").glob("*.nq"))) == len(SEED_FILES) + 1


@pytest.mark.parametrize(("args", "message"), [
    (["--shards", "x"], "--scheduler and --shards need --engine dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler and --shards need --engine dask"),
    (["--engine", "spark"], "--engine spark: unknown engine"),
])
def test_dask_cli_refuses_options_without_the_engine(args, message, tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "o"),
                                      *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "o").exists()


def test_dask_missing_extra_says_how_to_install(monkeypatch):
    from graph.distributed import ClusterError, dask_engine

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(ClusterError, match=r"E230.*pip install 'diplograph\[dask\]'"):
        with dask_engine(workers=1):
            pass


def test_dask_is_not_imported_by_graph_or_the_cli_help():
    code = ("import sys\n"
            "import graph, graph.pipeline, graph.workers, graph.cli\n"
            "from typer.testing import CliRunner\n"
            "result = CliRunner().invoke(graph.cli.app, ['build', '--help'])\n"
            "assert result.exit_code == 0 and '--engine' in result.output, result.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"

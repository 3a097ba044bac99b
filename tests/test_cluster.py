"""Builds in parallel give exactly the graph of a one-process build: `--workers 2`, and `kg.cluster` on a real Dask
cluster (a `dask scheduler` and two `dask worker` processes on free local ports) into an embedded store and into
a real `oxigraph serve`; a re-run changes nothing, and a document that fails fails alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import servers

from kg.build import Budget, build
from kg.cli import main
from kg.mapping import ONTOLOGY_GRAPH
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, Store

pytest.importorskip("distributed", reason="kg.cluster needs the cluster extra: pip install 'kg[cluster]'")

from kg.cluster import build as build_on_cluster  # noqa: E402  (after the skip)

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")  # the dask CLI, beside the venv's python
CORPUS = ROOT / "data" / "corpus"
DOCUMENTS = [
    "000_267d39d85851adfe.txt",
    "16_doj_letters_nine_jurisdictions_1373.txt",
    "23_chicago_v_sessions_seventh_circuit.txt",
]
# The pipeline loads in about 500 MiB of address space; a 100,000-character piece of these 470,000 does not fit in
# 640 MiB (long documents are parsed in pieces: the whole would fit in 900).
BUDGET = Budget(timeout=600, memory=640 << 20)
TOO_LONG = "Mayor Jane Roe of Travis County sent a memo to the sheriff on Tuesday. " * 6_500


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three bundled documents and one over the memory budget."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in DOCUMENTS:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "b_long.txt").write_text(TOO_LONG, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The graph of a one-process build of `corpus`, as sorted N-Quads lines."""
    store = EmbeddedStore(tmp_path_factory.mktemp("local") / "store")
    report = build([corpus], store, progress=False, workers=1, budget=BUDGET)
    assert sorted(report.built) == DOCUMENTS
    lines = quads(store)
    store.close()
    return lines


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a Dask scheduler with two workers of one thread each, all on this machine."""
    if not DASK.exists():
        pytest.skip(f"no dask CLI at {DASK}: pip install 'kg[cluster]'")
    from distributed import Client

    logs = tmp_path_factory.mktemp("dask")
    port = servers.free_ports(1)[0]
    address = f"tcp://127.0.0.1:{port}"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    commands = [
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        *[
            [str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard", "--memory-limit", "0", "--name", name]
            for name in ("first", "second")
        ],
    ]
    processes = []
    try:
        for number, command in enumerate(commands):
            with (logs / f"{number}.log").open("wb") as log:
                processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            servers.stop(process)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh `oxigraph serve` of this module's own (the session's is shared with other tests)."""
    servers.require_oxigraph()
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


def quads(store: Store) -> list[str]:
    """Every quad of the store's named graphs but the ontology (the bundled file's, with blank nodes whose names
    differ from store to store), as sorted N-Quads lines."""
    text = store.dataset([graph for graph in store.graphs() if graph != ONTOLOGY_GRAPH]).serialize(format="nquads")
    return sorted(line for line in text.splitlines() if line)


def test_two_workers_build_exactly_what_one_does(corpus: Path, local: list[str], tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    report = build([corpus], store, progress=False, workers=2, batch_size=1, budget=BUDGET)
    assert sorted(report.built) == DOCUMENTS
    assert [name for name, _ in report.failed] == [str(corpus / "b_long.txt")]
    assert quads(store) == local


@pytest.mark.server
def test_a_cluster_builds_into_an_embedded_store_exactly_what_one_process_does(
    corpus: Path, local: list[str], scheduler: str, tmp_path: Path
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    report = build_on_cluster([corpus], store, scheduler, progress=False, batch_size=1, budget=BUDGET)
    assert sorted(report.built) == DOCUMENTS
    (failure,) = report.failed  # alone: the others of the run are built
    assert failure[1].startswith(f"{corpus}/b_long.txt: parsing failed: ")
    assert quads(store) == local
    again = build_on_cluster([corpus], store, scheduler, progress=False, budget=BUDGET)
    assert (again.built, sorted(again.unchanged)) == ([], DOCUMENTS)
    assert quads(store) == local


@pytest.mark.server
def test_kg_build_cluster_into_oxigraph_serve_gives_the_facts_of_a_local_build(
    corpus: Path, local: list[str], scheduler: str, oxigraph: str, tmp_path: Path, capsys
) -> None:
    remote = ["--endpoint", f"{oxigraph}/query", "--update-endpoint", f"{oxigraph}/update"]
    remote += ["--graph-store", f"{oxigraph}/store"]
    options = ["--cluster", scheduler, "--no-progress", "--doc-memory", "640"]
    assert main(["build", str(corpus), *remote, *options]) == 0
    assert "built 3 documents" in capsys.readouterr().out
    store = RemoteStore(f"{oxigraph}/query", graph_store=f"{oxigraph}/store")
    assert quads(store) == local
    assert main(["build", str(corpus), *remote, *options]) == 0
    assert "built 0 documents (0 facts), 3 unchanged" in capsys.readouterr().out
    assert quads(store) == local

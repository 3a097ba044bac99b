"""The benchmark suite runs end to end at its smoke size and reports every figure, so it cannot rot.

No timing is asserted: the figures depend on the machine. What is checked is that every benchmark
ran, that each figure it promises is in the results file, and that the analysis benchmark's
stand-in network is the one kg's projection makes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.__main__ import BENCHMARKS
from benchmarks.common import SIZES
from benchmarks.graph import expected_documents, write_graph
from benchmarks.network import direct_actor_network
from benchmarks.parallel import _copies
from kg.analysis import actor_network
from kg.docgraph import graph_of
from kg.documents import Document
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.resolve import Curation
from kg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent

# Figures that are legitimately unknown when a side does not finish within its bound.
MAY_BE_UNKNOWN = {
    "analysis": {"kg_projection_s"},
    "store": {"rdflib_load_triples_per_s", "load_speedup", "median_speedup"},
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "results.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"benchmarks --smoke failed:\n{run.stderr[-4000:]}"
    assert out.with_suffix(".md").is_file()
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.model
def test_smoke_run_reports_the_machine(results: dict) -> None:
    assert results["size"] == "smoke"
    assert results["errors"] == {}
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["memory_gib"] > 0 and machine["cpu"]


@pytest.mark.model
@pytest.mark.parametrize("bench", BENCHMARKS, ids=lambda b: b.name)
def test_every_figure_is_reported(results: dict, bench: object) -> None:
    name = bench.name  # type: ignore[attr-defined]
    assert name in results["benchmarks"], f"{name} did not run"
    figures = results["benchmarks"][name]["figures"]
    for key in bench.figures(SIZES["smoke"]):  # type: ignore[attr-defined]
        assert key in figures, f"{name}: figure {key!r} missing"
        if key not in MAY_BE_UNKNOWN.get(name, set()):
            assert figures[key] is not None, f"{name}: figure {key!r} has no value"
    assert results["benchmarks"][name]["rows"], f"{name}: nothing for the table"


def test_direct_actor_network_is_kgs_projection(tmp_path: Path) -> None:
    """The analysis benchmark's fallback network is the graph kg.analysis.actor_network makes from the store."""
    triples = 20_000
    graph = write_graph(tmp_path / "graph.nq", triples)
    raw = ox.Store(str(tmp_path / "store"))
    raw.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_QUADS)
    del raw
    store = EmbeddedStore(tmp_path / "store")
    projected = actor_network(store)
    store.close()
    direct = direct_actor_network(graph.documents, 0, expected_documents(triples, None))
    assert set(direct.nodes) == set(projected.nodes)
    assert {frozenset(e) for e in direct.edges} == {frozenset(e) for e in projected.edges}
    assert all(projected[a][b]["weight"] == w for a, b, w in direct.edges(data="weight"))


def test_the_parallel_writers_copies_are_new_documents_naming_the_same_entities() -> None:
    # a copy left in its original's named graph made the writer's ceiling that of replacing graphs, not adding them
    order = Entity("localpolicy/curfew", "LocalPolicy", "curfew order")
    board = Entity("governmentbody/us-ok-tulsa-board", "GovernmentBody", "Tulsa board")
    fact = Fact("addressed_to", order.key, board.key, Evidence("a.txt", "An invented sentence.", 0, 21))
    info = DocumentInfo("a.txt", "ab" * 32)
    graph = graph_of(Extraction(info, {e.key: e for e in (order, board)}, [fact]), Curation())
    copies = [copy for _, copy in _copies([(Document("a.txt", Path("a.txt"), "text", info.content_hash), graph)], 3)]
    quads = [set(ox.parse(copy.nquads, format=ox.RdfFormat.N_QUADS)) for copy in copies]
    assert len({copy.graph for copy in copies}) == 3
    assert all({q.graph_name.value for q in each} == {copy.graph} for each, copy in zip(quads, copies, strict=True))
    nodes = [{q.subject.value for q in each} for each in quads]
    assert len(nodes[0] & nodes[1]) == 2 and all(len(each) == len(nodes[0]) for each in nodes)  # the entities alone

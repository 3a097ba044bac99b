"""Analysis: the actor-network projection, PageRank and Louvain communities at about 1M edges.

The synthetic graph of `analysis_triples` triples (1M gives about 1M actor-network edges; it is the
store benchmark's graph when the sizes agree) is loaded into an embedded store.
`kg.analysis.actor_network` projects it (through `kg/data/queries/facts.rq`), then networkx runs PageRank
and Louvain as `kg.analysis` does (weighted, fixed seed). Each step runs in a child process under
the bound; if kg's projection does not finish, the same network is made straight from the
generator's fact records (`benchmarks.network`) so that PageRank and Louvain are still measured, and
the table says so.
"""

from __future__ import annotations

import shutil
from typing import Any

import pyoxigraph as ox

from benchmarks.bounded import Outcome, in_subprocess
from benchmarks.common import ROOT, GiB, Result, Workspace, median, seconds
from benchmarks.graph import expected_documents

NAME = "analysis"
FIGURES = ["documents", "triples", "nodes", "edges", "kg_projection_s", "projection_s", "pagerank_s", "louvain_s",
           "communities", "projection_how"]  # fmt: skip


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    bound = ws.size.analysis_timeout
    graph = ws.graph(triples=ws.size.analysis_triples)
    documents = graph.documents
    location = ws.fresh("analysis-store")
    store = ox.Store(str(location))
    store.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store  # closed, so the child can open it
    result.add("documents", documents, "documents in the graph")
    result.add("triples", graph.triples, "triples")
    runs = ws.size.repeats
    kg_run = _analysis(["--store", str(location)], bound, ws.seed, runs)
    steps = _steps(kg_run)
    kg_projection = steps.get("projection", {}).get("seconds")
    result.add("kg_projection_s", kg_projection, "kg.analysis.actor_network (store → networkx)",
               seconds(kg_projection) if kg_projection is not None else _failed(kg_run, bound))  # fmt: skip
    if "louvain" not in steps:
        result.notes.append(
            "kg.analysis.actor_network did not finish within the bound "
            f"({_failed(kg_run, bound)}); PageRank and Louvain ran on the same actor network made directly "
            "from the generator's fact records with kg.analysis's tie rules (benchmarks/network.py)."
        )
        pool = expected_documents(ws.size.analysis_triples, None)
        direct = _analysis(["--direct", str(documents), str(pool)], bound, ws.seed, runs)
        steps = _steps(direct)
        if "louvain" not in steps:
            raise RuntimeError(f"the direct actor network did not finish either: {_failed(direct, bound)}")
    projection = steps["projection"]
    result.add("projection_how", projection["how"], "projection used below")
    result.add("nodes", projection["nodes"], "actor-network nodes")
    result.add("edges", projection["edges"], "actor-network edges")
    result.add("projection_s", projection["seconds"], "projection", seconds(projection["seconds"]))
    result.add("pagerank_s", steps["pagerank"]["seconds"], "PageRank (weighted)", seconds(steps["pagerank"]["seconds"]))
    result.add("louvain_s", steps["louvain"]["seconds"], "Louvain communities", seconds(steps["louvain"]["seconds"]))
    result.add("communities", steps["louvain"]["communities"], "communities found")
    result.notes.append(
        f"Projection once; PageRank and Louvain: median of {runs} runs. Each run bounded at {bound:g} s."
    )
    shutil.rmtree(location, ignore_errors=True)
    return result


def _analysis(args: list[str], bound: float, seed: int, runs: int) -> Outcome:
    argv = ["-m", "benchmarks.worker", "analysis", *args, "--seed", str(seed), "--runs", str(runs)]
    return in_subprocess(argv, step_timeout=bound, rss_limit=16 * GiB, cwd=str(ROOT))


def _steps(outcome: Outcome) -> dict[str, dict[str, Any]]:
    """Each step's last message, its seconds the median over the step's runs (a step may run several times)."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for message in outcome.messages:
        if "step" in message:
            runs.setdefault(message["step"], []).append(message)
    return {step: {**found[-1], "seconds": median([m["seconds"] for m in found])} for step, found in runs.items()}


def _failed(outcome: Outcome, bound: float) -> str:
    if outcome.timed_out:
        return f">{bound:g} s"
    if outcome.over_memory:
        return ">16 GiB"
    return f"error: {outcome.error}"

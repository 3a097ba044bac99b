"""Child processes of the benchmarks: each prints JSON lines (one per step) on stdout for `bounded`.

    python -m benchmarks.worker queries --engine rdflib|oxigraph DATA --timeout S --runs N [--query-memory B]
    python -m benchmarks.worker build CORPUS STORE [--warm-up DOCUMENT]
    python -m benchmarks.worker analysis (--store DIR | --direct DOCUMENTS POOL) [--seed N] [--runs N]

Running these in their own process keeps each measurement clean: the peak RSS of a build is its own,
a runaway query or projection is killed at its bound, and rdflib's Dataset is loaded once and shared
(forked) by the queries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.bounded import Emit, in_fork, rss

LOUVAIN_SEED = 42


def _print(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def queries(engine: str, data: Path, timeout: float, runs: int, query_memory: int) -> None:
    """Load once (rdflib), then run each library query in a forked child bounded by `timeout` per run.

    A query is run once as warm-up and then `runs` times; one whose warm-up took over a quarter of
    the bound is not run again, so slow engines cost at most a few bounds in all.
    """
    from kg.queries import list_queries

    dataset = None
    if engine == "rdflib":
        from rdflib import Dataset

        start = time.perf_counter()
        dataset = Dataset(default_union=True)  # the union default graph, as the embedded store queries it
        dataset.parse(str(data), format="nquads")
        _print(
            {"step": "load", "seconds": time.perf_counter() - start, "triples": len(dataset), "rss": rss(os.getpid())}
        )
    for named in list_queries():

        def task(emit: Emit, text: str = named.text) -> None:
            run = _rdflib_runner(dataset) if dataset is not None else _oxigraph_runner(data)
            for attempt in range(1 + runs):
                start = time.perf_counter()
                rows = run(text)
                seconds = time.perf_counter() - start
                emit({"run": attempt, "seconds": seconds, "rows": rows})
                if seconds > timeout / 4:
                    break

        outcome = in_fork(task, step_timeout=timeout, rss_limit=rss(os.getpid()) + query_memory)
        runs_done = [m for m in outcome.messages if "run" in m]
        timed = runs_done[1:] or runs_done  # the warm-up counts only when it is all there is
        _print(
            {
                "step": "query",
                "name": named.name,
                "params": [p.name for p in named.params],
                "seconds": [m["seconds"] for m in timed],
                "rows": runs_done[0]["rows"] if runs_done else None,
                "timed_out": outcome.timed_out,
                "over_memory": outcome.over_memory,
                "error": outcome.error,
            }
        )


def _rdflib_runner(dataset: Any) -> Any:
    return lambda text: len(list(dataset.query(text)))


def _oxigraph_runner(location: Path) -> Any:
    from kg.store import EmbeddedStore

    store = EmbeddedStore(location)  # opened in the query's own child: one process holds the lock at a time
    return lambda text: len(store.query(text).rows)


def build(corpus: Path, location: Path, warm_up: Path | None = None) -> None:
    """One build into a fresh store; the peak RSS is this process's own (spaCy runs in-process: workers=1, no budget).
    With `warm_up`, that document is built first, into a store of its own: what kg loads once (the pipeline,
    the scorer, the gazetteer) is loaded before the clock starts, and the time is the corpus's own."""
    from kg.build import Budget
    from kg.build import build as kg_build
    from kg.store import EmbeddedStore

    if warm_up is not None:
        scratch = EmbeddedStore(location.with_name(location.name + "-warm-up"))
        kg_build([warm_up], scratch, progress=False, workers=1, budget=Budget(timeout=None))
        scratch.close()
    start = time.perf_counter()
    store = EmbeddedStore(location)
    report = kg_build([corpus], store, progress=False, workers=1, budget=Budget(timeout=None))  # see IN_PROCESS
    store.close()
    _print(
        {
            "step": "build",
            "seconds": time.perf_counter() - start,
            "documents": len(report.built),
            "failed": len(report.failed),
            "peak_rss": peak_rss(),
        }
    )


def peak_rss() -> int:
    """This process's peak RSS in bytes: VmHWM, the high-water mark of its own address space.

    Not getrusage's ru_maxrss, which survives execve: a child forked from a big parent reports the
    parent's size at the fork when that is larger than anything the child itself reached.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def analysis(location: Path | None, direct: tuple[int, int] | None, seed: int, runs: int) -> None:
    """Projection (once), then PageRank and Louvain (median of `runs`), on kg's actor network or the direct one."""
    import networkx as nx

    start = time.perf_counter()
    if location is not None:
        from kg.analysis import actor_network
        from kg.store import EmbeddedStore

        store = EmbeddedStore(location)
        graph = actor_network(store)
        store.close()
        how = "kg.analysis.actor_network over the embedded store"
    else:
        from benchmarks.network import direct_actor_network

        documents, pool = direct or (0, 0)
        graph = direct_actor_network(documents, seed, pool)
        how = "networkx directly on the generator's fact records (kg.analysis's tie rules)"
    _print(
        {
            "step": "projection",
            "how": how,
            "seconds": time.perf_counter() - start,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
        }
    )
    # One line per run: the bound is per run, so a slow machine still reports every run it finished.
    for _ in range(runs):
        start = time.perf_counter()
        nx.pagerank(graph, weight="weight")
        _print({"step": "pagerank", "seconds": time.perf_counter() - start})
    for _ in range(runs):
        start = time.perf_counter()
        communities = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
        _print({"step": "louvain", "seconds": time.perf_counter() - start, "communities": len(communities)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    commands = parser.add_subparsers(dest="command", required=True)
    q = commands.add_parser("queries")
    q.add_argument("--engine", choices=("oxigraph", "rdflib"), required=True)
    q.add_argument("data", type=Path, help="store folder (oxigraph) or N-Quads file (rdflib)")
    q.add_argument("--timeout", type=float, required=True)
    q.add_argument("--runs", type=int, default=3)
    q.add_argument("--query-memory", type=int, default=8 << 30, help="bytes a query may add to the RSS")
    b = commands.add_parser("build")
    b.add_argument("corpus", type=Path)
    b.add_argument("store", type=Path)
    b.add_argument("--warm-up", type=Path, help="a document to build first, before the clock starts")
    a = commands.add_parser("analysis")
    a.add_argument("--store", type=Path)
    a.add_argument(
        "--direct",
        type=int,
        nargs=2,
        metavar=("DOCUMENTS", "POOL"),
        help="the graph of DOCUMENTS synthetic documents whose entity pools were sized for POOL documents",
    )
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "queries":
        queries(args.engine, args.data, args.timeout, args.runs, args.query_memory)
    elif args.command == "build":
        build(args.corpus, args.store, args.warm_up)
    else:
        analysis(args.store, tuple(args.direct) if args.direct else None, args.seed, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

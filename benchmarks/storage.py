"""Store: bulk load and the query library on the embedded Oxigraph store vs an in-memory rdflib Dataset.

Same data for both: the synthetic graph of `benchmarks.graph` as one N-Quads file. Oxigraph loads it
with `Store.bulk_load` (kg has no bulk-load call of its own; `put_graph`, kg's write path, is timed
separately on the first documents), rdflib with `Dataset.parse`. Every `kg/data/queries/*.rq` runs unbound
(no parameters) through `EmbeddedStore.query` (kg's path, rows converted to rdflib terms) and through
`Dataset.query` over the union default graph, each in a child process killed at the bound.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.bounded import Outcome, in_subprocess
from benchmarks.common import ROOT, GiB, Result, Workspace, fmt, median, seconds, timed
from benchmarks.graph import document_graphs
from kg.mapping import to_triples
from kg.store import EmbeddedStore

NAME = "store"
TARGET_SPEEDUP = 20.0
PUT_GRAPH_TRIPLES = 200_000  # kg's write path is timed on the documents up to this many triples
QUERY_MEMORY = 4 * GiB  # what one query may add to its process before it is stopped

FIGURES = [
    "triples", "quads_stored", "documents", "oxigraph_load_triples_per_s", "rdflib_load_triples_per_s",
    "load_speedup", "kg_put_graph_triples_per_s", "queries", "oxigraph_completed", "rdflib_completed",
    "queries_20x_faster", "queries_slower", "median_speedup",
]  # fmt: skip


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    size = ws.size
    graph = ws.graph(triples=size.graph_triples)
    result.add("triples", graph.triples, "quads in the synthetic graph (documents, ontology, merge graph)")
    result.add("documents", graph.documents, "documents (named graphs)")
    loads, location = _bulk_loads(ws, graph.path, size.repeats)
    result.add("quads_stored", _count(location), "distinct quads stored")
    result.add("oxigraph_load_triples_per_s", graph.triples / median(loads), "Oxigraph bulk load, triples/s")
    put_rate = _put_graph_rate(ws, size.graph_triples)
    result.add("kg_put_graph_triples_per_s", put_rate, "kg to_triples + EmbeddedStore.put_graph, triples/s")
    ox_run = _queries("oxigraph", location, size.query_timeout, size.query_runs, load_bound=60)
    load_bound = max(300.0, graph.triples / 1e6 * 240)  # rdflib parses ~30k triples/s here; 8× slack
    rd_run = _queries("rdflib", graph.path, size.query_timeout, size.query_runs, load_bound, size.rdflib_memory)
    rd_load = next((m for m in rd_run.messages if m.get("step") == "load"), None)
    if rd_load:
        rate = graph.triples / rd_load["seconds"]
        result.add("rdflib_load_triples_per_s", rate, "rdflib Dataset.parse, triples/s")
        speedup = result.figures["oxigraph_load_triples_per_s"] / rate
        result.add("load_speedup", speedup, "load: Oxigraph / rdflib", f"{speedup:.1f}×")
        result.details["rdflib_rss_after_load"] = rd_load["rss"]
    else:
        why = "over the memory bound" if rd_run.over_memory else f"did not load ({rd_run.error or 'timed out'})"
        result.add("rdflib_load_triples_per_s", None, "rdflib Dataset.parse, triples/s", why)
        result.add("load_speedup", None)
    table = _query_table(ox_run, rd_run, size.query_timeout)
    result.details["queries"] = table
    _summarise(result, table)
    result.notes.append(
        f"Load: median of {size.repeats} Oxigraph bulk loads, one rdflib parse. Queries: each run once to warm up, "
        f"then up to {size.query_runs} timed runs (median; a query slower than a quarter of the bound runs once), "
        f"each run bounded at {size.query_timeout:g} s and {QUERY_MEMORY // GiB} GiB."
    )
    shutil.rmtree(location, ignore_errors=True)
    return result


def _bulk_loads(ws: Workspace, path: Path, repeats: int) -> tuple[list[float], Path]:
    """Seconds of each bulk load into a fresh store; the last store is kept for the queries."""
    times, location = [], None
    for _ in range(repeats):
        if location is not None:
            shutil.rmtree(location)
        location = ws.fresh("oxigraph")
        store = ox.Store(str(location))
        times.append(
            timed(lambda store=store: (store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS), store.flush()))[0]
        )
        del store  # closes it, so the query children can open it
    assert location is not None
    return times, location


def _count(location: Path) -> int:
    store = EmbeddedStore(location)
    count = store.triple_count()
    store.close()
    return count


def _put_graph_rate(ws: Workspace, graph_triples: int) -> float:
    """Triples/s of kg's write path: `to_triples` then `put_graph`, one transaction per document graph."""
    store = EmbeddedStore(ws.fresh("put-graph"))
    written, elapsed = 0, 0.0
    for graph, extraction in document_graphs(graph_triples, ws.seed):
        triples = list(to_triples(extraction))
        elapsed += timed(lambda graph=graph, triples=triples: store.put_graph(graph, triples))[0]
        written += len(triples)
        if written >= min(PUT_GRAPH_TRIPLES, graph_triples):
            break
    store.close()
    return written / elapsed


def _queries(engine: str, data: Path, timeout: float, runs: int, load_bound: float, memory: int = 16 * GiB) -> Outcome:
    argv = ["-m", "benchmarks.worker", "queries", "--engine", engine, str(data)]
    argv += ["--timeout", str(timeout), "--runs", str(runs), "--query-memory", str(QUERY_MEMORY)]
    per_query = timeout * (runs + 2) + 30  # the worker bounds each run; this only catches a hung worker
    return in_subprocess(argv, step_timeout=max(per_query, load_bound), rss_limit=memory, cwd=str(ROOT))


def _query_table(ox_run: Outcome, rd_run: Outcome, timeout: float) -> list[dict[str, Any]]:
    """One row per query: each engine's median seconds (None when it did not finish), rows, speedup."""
    ox_rows = {m["name"]: m for m in ox_run.messages if m.get("step") == "query"}
    rd_rows = {m["name"]: m for m in rd_run.messages if m.get("step") == "query"}
    table = []
    for name in sorted(ox_rows.keys() | rd_rows.keys()):
        ox_q, rd_q = ox_rows.get(name), rd_rows.get(name)
        row: dict[str, Any] = {"query": name, "params": (ox_q or rd_q or {}).get("params", [])}
        for engine, q in (("oxigraph", ox_q), ("rdflib", rd_q)):
            row[f"{engine}_s"] = median(q["seconds"]) if q and q["seconds"] else None
            row[f"{engine}_status"] = _status(q, timeout)
            row[f"{engine}_rows"] = q["rows"] if q else None
        row["speedup"], row["speedup_bound"] = _speedup(row, timeout)
        table.append(row)
    return table


def _status(q: dict[str, Any] | None, timeout: float) -> str:
    if q is None:
        return "not run (worker stopped)"
    if q["seconds"]:
        return "ok"
    if q["timed_out"]:
        return f">{timeout:g} s"
    if q["over_memory"]:
        return f">{QUERY_MEMORY // GiB} GiB"
    return f"error: {q['error']}"


def _speedup(row: dict[str, Any], timeout: float) -> tuple[float | None, str]:
    """rdflib time / Oxigraph time; a side that hit the time bound makes it a bound ('>' or '<')."""
    ox_s, rd_s = row["oxigraph_s"], row["rdflib_s"]
    ox_timed, rd_timed = row["oxigraph_status"].startswith(">"), row["rdflib_status"].startswith(">")
    if ox_s and rd_s:
        return rd_s / ox_s, "="
    if ox_s and rd_timed:
        return timeout / ox_s, ">"
    if rd_s and ox_timed:
        return rd_s / timeout, "<"
    return None, "?"


def _summarise(result: Result, table: list[dict[str, Any]]) -> None:
    result.add("queries", len(table), "queries (kg/data/queries/*.rq, run unbound)")
    ox_done = sum(1 for r in table if r["oxigraph_s"] is not None)
    rd_done = sum(1 for r in table if r["rdflib_s"] is not None)
    result.add("oxigraph_completed", ox_done, "queries finished within the bound: Oxigraph")
    result.add("rdflib_completed", rd_done, "queries finished within the bound: rdflib")
    fast = sum(
        1 for r in table if r["speedup"] is not None and r["speedup"] >= TARGET_SPEEDUP and r["speedup_bound"] in "=>"
    )
    slower = sum(1 for r in table if r["speedup"] is not None and r["speedup"] < 1 and r["speedup_bound"] in "=<")
    result.add("queries_20x_faster", fast, f"queries ≥ {TARGET_SPEEDUP:g}× faster on Oxigraph (target: all)")
    result.add("queries_slower", slower, "queries slower on Oxigraph than on rdflib")
    both = [r["speedup"] for r in table if r["speedup_bound"] == "="]
    value = math.exp(sum(math.log(s) for s in both) / len(both)) if both else None
    result.add("median_speedup", median(both) if both else None, "median speedup, queries both finished")
    result.details["geometric_mean_speedup"] = value


def query_markdown(table: list[dict[str, Any]]) -> list[str]:
    """The per-query table in Markdown."""
    lines = [
        "| query | Oxigraph | rdflib | rows (Oxigraph / rdflib) | speedup |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for r in table:
        ox_cell = seconds(r["oxigraph_s"]) if r["oxigraph_s"] is not None else _cell(r["oxigraph_status"])
        rd_cell = seconds(r["rdflib_s"]) if r["rdflib_s"] is not None else _cell(r["rdflib_status"])
        bound = {"=": "", ">": "> ", "<": "< ", "?": ""}[r["speedup_bound"]]
        speed = f"{bound}{r['speedup']:.3g}×" if r["speedup"] is not None else "n/a"
        rows = " / ".join("—" if n is None else fmt(n) for n in (r["oxigraph_rows"], r["rdflib_rows"]))
        lines.append(f"| {r['query']} | {ox_cell} | {rd_cell} | {rows} | {speed} |")
    return lines


def _cell(text: str, width: int = 60) -> str:
    text = text.replace("|", "/").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"

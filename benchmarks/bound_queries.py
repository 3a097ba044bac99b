"""Bound queries: the questions users ask about one thing (an entity's evidence, the orders in force in a county
on a date, the stances on an order, a person's offices, a document's facts), on a large store.

The synthetic graph of `benchmarks.graph` (1M triples at the small size, 10M at the medium one) is bulk-loaded
into an embedded store, and its merge graph's entities are described again by kg's own code
(`kg.merge.describe_again`), which records what `kg build` records with them (each one's number of documents,
`pol:documentCount`, and names lowercased, `pol:searchText`): a graph file made before has neither. Every query
of `kg/data/queries/` that declares a parameter runs `DRAWS` times, each with its parameters drawn at random
(seeded) from the store: an entity, order, jurisdiction or person of the merge graph, a document's file name or
graph, a day, a word of a label. Each run goes through `kg.queries.query`, kg's own path (binding, the Python
ORDER BY, rows as rdflib terms), on three engines in turn with the same draws:

- the embedded store (`kg.store.EmbeddedStore`);
- `oxigraph serve --union-default-graph` on the same folder, through `kg.remote.RemoteStore`;
- Virtuoso (when `virtuoso-t` is installed), loaded with the embedded store dumped as N-Quads, through
  `kg.remote.RemoteStore`.

A query whose draws pass `BUDGET_S` seconds stops there: its figures are those of the draws that ran. Beside
the bound queries: `triple_count` (median of a few runs) and the rate at which one large unbound answer, every
fact of the store, streams out: the rows the facts carry (fact_rows.rq through `Store.texts`), the same listed as
`kg facts` lists them, and facts.rq computed by the engine (`Store.rows`), the way before the rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import kg.merge
from benchmarks.common import ROOT, Result, Workspace, fmt, median, seconds, timed
from kg.queries import facts, list_queries, load_query, query
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, Store
from kg.vocab import SUBCLASSES

sys.path.insert(0, str(ROOT / "tests"))  # the throwaway servers of the `server` tests: one way to start them
import servers  # noqa: E402

NAME = "bound_queries"
DRAWS = 100
SMOKE_DRAWS = 3  # the smoke size only checks that it runs
BUDGET_S = 20.0  # per query and engine: the draws stop once they have taken this long
TARGET_MEDIAN_S, TARGET_P95_S = 0.05, 0.5  # the embedded store's, at 10M triples
TARGET_COUNT_S = 1.0
TARGET_ROWS_PER_S = 100_000
STREAMED = "fact_rows"  # the large unbound answer whose rows/s is measured: every fact
COUNT_RUNS = 3
VIRTUOSO_BUFFERS = 340_000  # 8 KiB pages: 2.6 GiB, what Virtuoso's guide gives for a few GiB of RAM
VIRTUOSO_MAX_ROWS = 1_000_000  # its stock 10,000 would cut the answers of the busiest entities short
FIGURES = [
    "triples", "documents", "queries", "embedded_on_target", "embedded_worst_median_s", "embedded_worst_p95_s",
    "triple_count_s", "unbound_rows_per_s", "listed_facts_per_s", "computed_rows_per_s",
]  # fmt: skip

Draws = dict[str, list[dict[str, str]]]  # query name -> its parameter sets
_POL = "https://w3id.org/policykg/ontology#"
_ENTITIES = """PREFIX graph: <https://w3id.org/policykg/graph/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?class ?label WHERE { GRAPH graph:merged { ?entity a ?class ; rdfs:label ?label } }"""
_DOCUMENTS = """PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?graph ?name WHERE { GRAPH ?graph { ?document a pol:Document ; pol:fileName ?name } }"""
# Which entities a parameter of each name draws from (the class families of kg.vocab); others draw any entity.
_FAMILIES = {"order": "Order", "jurisdiction": "Jurisdiction", "person": "Person", "actor": "Actor"}


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    graph = ws.graph(triples=ws.size.graph_triples)
    result.add("triples", graph.triples, "quads in the synthetic graph (documents, ontology, merge graph)")
    result.add("documents", graph.documents, "documents (named graphs)")
    folder = ws.fresh("bound-store")
    location = folder / "data"  # where `oxigraph serve` finds it (tests/servers.py)
    folder.mkdir(parents=True)
    raw = ox.Store(str(location))
    raw.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    del raw
    store = EmbeddedStore(location)
    took, described = timed(lambda: _describe_again(store))
    result.details["describe_again_s"] = took
    result.notes.append(
        f"The graph file's merge graph was described again by kg.merge.describe_again ({described:,} entities, "
        f"{seconds(took)}), which records each entity's number of documents (pol:documentCount) and names "
        "lowercased (pol:searchText) as kg build does: graph files made before have neither; Virtuoso loads the "
        "store so described, dumped as N-Quads."
    )
    quads = ws.fresh("bound-quads") / "graph.nq"
    quads.parent.mkdir()
    store.oxigraph.dump(str(quads), format=ox.RdfFormat.N_QUADS)
    draws = parameter_draws(store, random.Random(ws.seed), SMOKE_DRAWS if ws.size.name == "smoke" else DRAWS)
    table = {name: {"query": name, "params": sorted(draws[name][0])} for name in draws}
    _measure(table, "embedded", store, draws)
    count_s, count = _triple_count(store)
    rates = _streaming_rates(store)
    store.close()
    with servers.oxigraph_server(folder) as base:
        _measure(table, "server", RemoteStore(f"{base}/query", timeout=600), draws)
    if servers.virtuoso_installed():
        with _virtuoso(ws, quads) as (endpoint, load_s):
            result.details["virtuoso_load_s"] = load_s
            _measure(table, "virtuoso", RemoteStore(endpoint, timeout=600), draws)
    else:
        result.notes.append("Virtuoso is not installed here (.ci/install-virtuoso.sh installs it): no Virtuoso column.")
    rows = list(table.values())
    result.details["bound_queries"] = rows
    _summarise(result, rows)
    result.add("triple_count_s", count_s, f"triple_count.rq, median of {COUNT_RUNS} ({count:,} triples)",
               f"{seconds(count_s)} (target < {seconds(TARGET_COUNT_S)})")
    (rate, streamed), (listed, records), (computed, rows) = rates["stream"], rates["records"], rates["computed"]
    result.add("unbound_rows_per_s", rate, f"rows/s of every fact streamed by Store.texts of {STREAMED}.rq and "
               f"decoded ({streamed:,} rows)", f"{fmt(rate)} (target ≥ {fmt(TARGET_ROWS_PER_S)})")
    result.add("listed_facts_per_s", listed, f"facts/s listed by kg.queries.facts, as kg facts does (sorted, "
               f"entities named; {records:,} facts)")
    result.add("computed_rows_per_s", computed, f"rows/s of facts.rq computed by the engine through Store.rows "
               f"({rows:,} rows), the way before fact rows", f"{fmt(computed)} ({rate / computed:.0f}× slower "
               "than the stream)")
    result.notes.append(
        f"Each query: {len(next(iter(draws.values())))} runs with parameters drawn at random (seed {ws.seed}) from "
        f"the store, the same draws on each engine, through kg.queries.query; a query stops drawing after "
        f"{BUDGET_S:g} s on an engine. Targets at 10M triples on the embedded store: "
        f"median < {seconds(TARGET_MEDIAN_S)}, p95 < {seconds(TARGET_P95_S)}."
    )
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(quads.parent, ignore_errors=True)
    return result


def _describe_again(store: Store) -> int:
    """Every entity of the merge graph described again by kg's own code, as `kg build` leaves it; how many."""
    entities = sorted({row["entity"] for row in store.rows(_ENTITIES)})
    kg.merge.describe_again(store, entities)
    return len(entities)


def bound_query_names() -> list[str]:
    """The queries of the library that declare a parameter."""
    return [q.name for q in list_queries() if q.params]


def parameter_draws(store: Store, rng: random.Random, n: int = DRAWS) -> Draws:
    """`n` parameter sets per bound query, each parameter drawn from what the store holds."""
    by_family: dict[str, list[str]] = {family: [] for family in _FAMILIES.values()}
    entities, words, classes = [], [], set()
    for row in store.rows(_ENTITIES):
        iri, cls = str(row["entity"]), str(row["class"])
        entities.append(iri)
        classes.add(cls)
        words.extend(w.lower() for w in str(row["label"]).split() if len(w) > 3 and w.isalpha())
        for family in by_family:
            if cls.removeprefix(_POL) in SUBCLASSES[family]:
                by_family[family].append(iri)
    documents = [(str(row["graph"]), str(row["name"])) for row in store.rows(_DOCUMENTS)]
    pools = {name: sorted(set(by_family[family])) for name, family in _FAMILIES.items()}
    pools |= {"entity": sorted(set(entities)), "text": sorted(set(words)), "class": sorted(classes)}
    documents.sort()
    first_day, days = dt.date(2016, 1, 1), 6 * 365

    def value(name: str, kind: str) -> str:
        if name == "graph":
            return rng.choice(documents)[0]
        if name == "document":
            return rng.choice(documents)[1]
        if kind == "date":
            return (first_day + dt.timedelta(days=rng.randrange(days))).isoformat()
        return rng.choice(pools.get(name) or pools["entity"])

    return {
        name: [{p.name: value(p.name, p.kind) for p in load_query(name).params} for _ in range(n)]
        for name in bound_query_names()
    }


def _measure(table: dict[str, dict[str, Any]], engine: str, store: Store, draws: Draws) -> None:
    """Each query's draws on one engine, until the budget: median and p95 seconds, median rows, draws run."""
    for name, params in draws.items():
        times, counts, error, spent = [], [], None, 0.0
        query(store, name, params[0])  # a first run reads the store's files and fills the caches
        for values in params:
            try:
                took, answer = timed(lambda name=name, values=values: query(store, name, values))
            except Exception as failure:  # one engine failing one query is a cell of the table, not the end
                error = f"{type(failure).__name__}: {' '.join(str(failure).split())[:120]}"
                break
            times.append(took)
            counts.append(len(answer.rows))
            spent += took
            if spent > BUDGET_S:
                break
        row = table[name]
        row[f"{engine}_median_s"] = median(times) if times else None
        row[f"{engine}_p95_s"] = percentile(times, 0.95) if times else None
        row[f"{engine}_rows"] = statistics.median(counts) if counts else None
        row[f"{engine}_draws"] = len(times)
        row[f"{engine}_error"] = error


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def _triple_count(store: Store) -> tuple[float, int]:
    runs = [timed(lambda: query(store, "triple_count")) for _ in range(COUNT_RUNS)]
    return median([took for took, _ in runs]), int(runs[0][1].rows[0]["triples"])


def _streaming_rates(store: Store) -> dict[str, tuple[float, int]]:
    """Rows/s of the whole fact table three ways: the rows the facts carry as read by `Store.texts` and decoded
    (the stream), the same as `kg facts` lists them (`kg.queries.facts`: sorted, entities named), and facts.rq
    computed by the engine through `Store.rows` (the baseline, in the same process)."""
    rates = {}
    start = time.perf_counter()
    count = sum(1 for text in store.texts(load_query(STREAMED).text) if json.loads(text))
    rates["stream"] = count / (time.perf_counter() - start), count
    if count == 0:
        raise RuntimeError("the graph carries no fact rows (pol:factRow): make it again with this commit's mapping")
    took, records = timed(lambda: facts(store))
    rates["records"] = len(records) / took, len(records)
    start = time.perf_counter()
    computed = sum(1 for _ in store.rows(load_query("facts").text))
    rates["computed"] = computed / (time.perf_counter() - start), computed
    return rates


@contextlib.contextmanager
def _virtuoso(ws: Workspace, data: Path) -> Iterator[tuple[str, float]]:
    """A throwaway Virtuoso holding the N-Quads file `data`; yields its endpoint and the seconds it took to start
    and load."""
    folder = ws.fresh("virtuoso")
    folder.mkdir()
    local = folder / data.name
    try:
        os.link(data, local)  # the loader reads only from the server's allowed folders
    except OSError:
        shutil.copyfile(data, local)
    start = time.perf_counter()
    with servers.virtuoso_server(folder, buffers=VIRTUOSO_BUFFERS, max_rows=VIRTUOSO_MAX_ROWS, load=local) as endpoint:
        yield endpoint, time.perf_counter() - start
    shutil.rmtree(folder, ignore_errors=True)


def _summarise(result: Result, rows: list[dict[str, Any]]) -> None:
    result.add("queries", len(rows), "bound queries (kg/data/queries/*.rq with a parameter)")
    done = [r for r in rows if r["embedded_median_s"] is not None]
    on_target = sum(1 for r in done if r["embedded_median_s"] < TARGET_MEDIAN_S and r["embedded_p95_s"] < TARGET_P95_S)
    result.add("embedded_on_target", on_target,
               f"queries with median < {seconds(TARGET_MEDIAN_S)} and p95 < {seconds(TARGET_P95_S)}, embedded store")
    worst_median = max((r["embedded_median_s"] for r in done), default=None)
    worst_p95 = max((r["embedded_p95_s"] for r in done), default=None)
    result.add("embedded_worst_median_s", worst_median, "slowest median, embedded store",
               seconds(worst_median) if worst_median is not None else "n/a")
    result.add("embedded_worst_p95_s", worst_p95, "slowest p95, embedded store",
               seconds(worst_p95) if worst_p95 is not None else "n/a")


ENGINES = (("embedded", "embedded"), ("server", "oxigraph serve"), ("virtuoso", "Virtuoso"))


def bound_markdown(rows: list[dict[str, Any]]) -> list[str]:
    """The per-query table in Markdown: median / p95 per engine, draws, median rows, ratios to the embedded store."""
    engines = [(key, label) for key, label in ENGINES if any(f"{key}_draws" in r for r in rows)]
    columns = ["query", "parameters", *(f"{label} median / p95" for _, label in engines), "draws", "rows (median)"]
    columns += [f"{label} / embedded" for _, label in engines[1:]]
    lines = ["| " + " | ".join(columns) + " |", "| --- | --- |" + " ---: |" * (len(columns) - 2)]
    for r in rows:
        cells = [_cell(r, key) for key, _ in engines]
        draws = " / ".join(str(r.get(f"{key}_draws", "—")) for key, _ in engines)
        ratios = []
        for key, _ in engines[1:]:
            base, other = r.get("embedded_median_s"), r.get(f"{key}_median_s")
            ratios.append(f"{other / base:.2g}×" if base and other else "n/a")
        rows_cell = fmt(r["embedded_rows"]) if r.get("embedded_rows") is not None else "—"
        lines.append("| " + " | ".join([r["query"], ", ".join(r["params"]), *cells, draws, rows_cell, *ratios]) + " |")
    return lines


def _cell(row: dict[str, Any], engine: str) -> str:
    if row.get(f"{engine}_error") and not row.get(f"{engine}_draws"):
        return row[f"{engine}_error"].replace("|", "/")
    if row.get(f"{engine}_median_s") is None:
        return "—"
    return f"{seconds(row[f'{engine}_median_s'])} / {seconds(row[f'{engine}_p95_s'])}"


if __name__ == "__main__":  # python -m benchmarks.bound_queries STORE: the table on an existing store, embedded only
    _store = EmbeddedStore(Path(sys.argv[1]), create=False)
    _table = {n: {"query": n, "params": sorted(d[0])} for n, d in parameter_draws(_store, random.Random(0)).items()}
    _measure(_table, "embedded", _store, {n: d for n, d in parameter_draws(_store, random.Random(0)).items()
                                          if len(sys.argv) < 3 or n in sys.argv[2:]})
    print("\n".join(bound_markdown([r for r in _table.values() if "embedded_draws" in r])))

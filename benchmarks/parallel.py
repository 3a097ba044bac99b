"""Parallel: one generated corpus built with 1 and with 2 worker processes, and the writer's own ceiling.

The builds run alternately (1, 2, 1, 2, ...) in this process, into fresh embedded stores, with the workers started
and their model loaded before any timing (`kg.worker.pool` keeps them for the process): the ratio is what a second
worker adds to a whole `kg build`, merge and cross-document linking included. Beside each build, bare spaCy parses
the same texts in as many processes (`nlp.pipe(n_process=N)`), a rough reference for what the machine gave a
second process (rough: spaCy sends every parsed `Doc` back to its parent, which costs a good part of the gain).

The writer's ceiling is how many documents per second the one process that writes the store can take when the
workers cost nothing: the documents' graphs are made once, copied under new content hashes to a larger corpus
(the same entities, as in a real corpus, so the merge does real work), and stored and merged as `kg.build` does.
With N workers making W documents/s each, a build goes at min(N x W, that ceiling).

The load rates are for docs/scaling.md: the same graphs loaded without the merge into the embedded store, as
`kg.build` does (`put_graphs`: a transaction per document, and per 32), with Oxigraph's `bulk_load` (no
transaction), and into an `oxigraph serve` by Graph Store batches (`RemoteStore.put_graphs`).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

import kg.worker
from benchmarks.common import Result, Workspace, median, timed
from kg.build import PART, Budget, BuildReport, GraphWriter, build
from kg.docgraph import DocumentGraph
from kg.documents import Document, iter_documents
from kg.mapping import document_graph
from kg.parsing import load_nlp
from kg.remote import RemoteStore
from kg.resolve import Curation
from kg.store import EmbeddedStore, Store

NAME = "parallel"
WORKERS = (1, 2)
TARGET_RATIO = 1.85  # 2 workers / 1 worker, on 2 cores
BATCH = 32  # documents a transaction, for the load rate in batches
COPIES = 10  # the writer's corpus: each generated document's graph this many times, under new hashes
BATCH_SIZE = 16  # kg.build's default
FIGURES = [
    "documents",
    "n1_docs_per_s",
    "n2_docs_per_s",
    "ratio",
    "bare_ratio",
    "writer_documents",
    "writer_docs_per_s",
    "load1_docs_per_s",
    "load32_docs_per_s",
    "bulk_load_docs_per_s",
    "gsp_docs_per_s",
]


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    corpus = ws.corpus(ws.size.ingest_documents)
    documents = [d for d in iter_documents([corpus.directory]) if isinstance(d, Document)]
    result.add("documents", len(documents), "documents (generated corpus)")
    for n in WORKERS:  # started, and the model loaded, before any timing
        list(kg.worker.pool(n).extract(documents[:n], timeout=Budget().timeout, batch_size=1))
    texts = [document.text for document in documents]
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: the first call pays lazy initialisation
    runs: dict[int, list[float]] = {n: [] for n in WORKERS}
    bare: dict[int, list[float]] = {n: [] for n in WORKERS}
    for _ in range(ws.size.repeats):  # alternated, so that the machine's drift hits every figure alike
        for n in WORKERS:
            runs[n].append(_build_seconds(corpus.directory, ws.fresh(f"parallel-store-{n}"), n))
            bare[n].append(timed(lambda n=n: sum(1 for _ in nlp.pipe(texts, n_process=n, batch_size=BATCH_SIZE)))[0])
    rates = {n: len(documents) / median(runs[n]) for n in WORKERS}
    for n in WORKERS:
        result.add(f"n{n}_docs_per_s", rates[n], f"{n} worker{'s' * (n > 1)}: kg build documents/s")
    ratio = rates[2] / rates[1]
    mark = "" if ratio >= TARGET_RATIO else f" (target ≥ {TARGET_RATIO}×: missed)"
    result.add("ratio", ratio, "2 workers / 1 worker", f"{ratio:.2f}×{mark}")
    bare_ratio = median(bare[1]) / median(bare[2])
    result.add("bare_ratio", bare_ratio, "bare spaCy nlp.pipe, n_process=2 / 1", f"{bare_ratio:.2f}×")
    result.details["build_s"] = {str(n): runs[n] for n in WORKERS}
    result.details["bare_s"] = {str(n): bare[n] for n in WORKERS}

    graphs = list(_copies(_graphs(documents), COPIES))
    result.add("writer_documents", len(graphs), "writer: documents stored and merged")
    writer = median([_writer_seconds(graphs, ws.fresh("parallel-writer")) for _ in range(ws.size.repeats)])
    # One run of each load: a rate over every copy, which the machine's drift moves less than the builds
    result.add("writer_docs_per_s", len(graphs) / writer, "writer: documents/s stored and merged (the ceiling)")
    for together in (1, BATCH):
        load = _load_seconds(graphs, EmbeddedStore(ws.fresh("parallel-load")), together)
        label = f"load: embedded store, {together} document{'s' * (together > 1)} a transaction, documents/s"
        result.add(f"load{together}_docs_per_s", len(graphs) / load, label)
    bulk = _bulk_load_seconds(graphs, ws.fresh("parallel-bulk"))
    result.add("bulk_load_docs_per_s", len(graphs) / bulk, "load: embedded store, bulk_load, documents/s")
    gsp = _gsp_seconds(graphs)
    label = f"load: oxigraph serve, {RemoteStore.graphs_per_write} documents a Graph Store request, documents/s"
    result.add("gsp_docs_per_s", len(graphs) / gsp, label)
    triples = sum(graph.nquads.count(b"\n") for _, graph in graphs)
    result.details["writer_triples"] = triples
    result.notes.append(
        f"Medians of {ws.size.repeats} runs; {len(documents)} generated documents, batch size {BATCH_SIZE}, workers "
        f"started before timing. Writer and loads: {len(graphs)} document graphs ({triples:,} triples, "
        f"{triples / len(graphs):.0f} a document); the writer stores one document a transaction, as `kg build` does "
        f"into the embedded store, and merges {PART} at a time."
    )
    return result


def _build_seconds(corpus: Path, location: Path, workers: int) -> float:
    """A build and the closing of its store, as `kg build` does (closing writes out what the build left buffered)."""
    store = EmbeddedStore(location)

    def build_and_close() -> BuildReport:
        report = build([corpus], store, progress=False, workers=workers, batch_size=BATCH_SIZE)
        store.close()
        return report

    elapsed, report = timed(build_and_close)
    if report.failed:
        raise RuntimeError(f"build failed on {len(report.failed)} documents, first: {report.failed[0][1]}")
    return elapsed


def _graphs(documents: list[Document]) -> list[tuple[Document, DocumentGraph]]:
    pool = kg.worker.pool(max(WORKERS))
    found = list(pool.extract(documents, timeout=Budget().timeout, batch_size=BATCH_SIZE, curation=Curation()))
    failed = [document.name for document, graph in found if not isinstance(graph, DocumentGraph)]
    if failed:
        raise RuntimeError(f"no graph for {len(failed)} documents, first: {failed[0]}")
    return found  # type: ignore[return-value]  # every result is a graph


def _copies(graphs: list[tuple[Document, DocumentGraph]], copies: int) -> Iterator[tuple[Document, DocumentGraph]]:
    """Each graph `copies` times, each copy a new document version as `kg.build` would store it: its own content
    hash, named graph, document node and fact nodes (digests of the hash, re-keyed here), the same entities."""
    for copy in range(copies):
        for document, graph in graphs:
            new = hashlib.sha256(f"{graph.content_hash}/{copy}".encode()).hexdigest()[: len(graph.content_hash)]
            iri = str(document_graph(graph.name, new))
            nquads = graph.nquads.replace(graph.graph.encode(), iri.encode())
            nquads = nquads.replace(graph.content_hash.encode(), new.encode())  # pol:contentHash
            nquads = nquads.replace(graph.content_hash[:16].encode(), new[:16].encode())  # the document node
            nquads = _FACT.sub(lambda fact, copy=copy: fact[1] + _rekeyed(fact[2], copy), nquads)
            yield document, DocumentGraph(graph.name, new, iri, graph.facts, nquads)


_FACT = re.compile(rb"(/id/fact/)([0-9a-f]{20})")  # kg.mapping.fact_iri


def _rekeyed(digest: bytes, copy: int) -> bytes:
    return hashlib.sha256(digest + b"/%d" % copy).hexdigest()[: len(digest)].encode()


def _writer_seconds(graphs: list[tuple[Document, DocumentGraph]], location: Path) -> float:
    """Store and merge as `kg.build` does, with the graphs already made, and close the store."""
    store = EmbeddedStore(location)

    def write() -> None:
        report = BuildReport()
        writer = GraphWriter(store, {}, report)
        for document, graph in graphs:
            writer.add(document, graph)
        writer.close()
        store.close()
        if report.failed:
            raise RuntimeError(f"storing failed: {report.failed[0][1]}")

    elapsed, _ = timed(write)
    return elapsed


def _load_seconds(graphs: list[tuple[Document, DocumentGraph]], store: Store, together: int) -> float:
    def load() -> None:
        for first in range(0, len(graphs), together):
            batch = [graph for _, graph in graphs[first : first + together]]
            store.put_graphs([graph.iri for graph in batch], b"".join(graph.nquads for graph in batch))

    elapsed, _ = timed(load)
    store.close()
    return elapsed


def _bulk_load_seconds(graphs: list[tuple[Document, DocumentGraph]], location: Path) -> float:
    store = ox.Store(str(location))
    elapsed, _ = timed(lambda: store.bulk_load(b"".join(g.nquads for _, g in graphs), format=ox.RdfFormat.N_QUADS))
    store.flush()
    return elapsed


def _gsp_seconds(graphs: list[tuple[Document, DocumentGraph]]) -> float:
    from tests.servers import oxigraph_server  # the tests' throwaway server: the same command line

    with tempfile.TemporaryDirectory(prefix="kg-bench-oxigraph-") as folder, oxigraph_server(Path(folder)) as base:
        store = RemoteStore(f"{base}/query", update_endpoint=f"{base}/update", graph_store=f"{base}/store")
        return _load_seconds(graphs, store, store.graphs_per_write)

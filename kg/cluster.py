"""Build on a Dask distributed cluster: documents parsed, extracted, resolved and mapped as tasks on its workers,
their graphs stored by this process.

    kg build data/corpus --cluster tcp://SCHEDULER:8786 [--store DIR | --endpoint URL --graph-store URL]

A map, then one writer. The map: each task is a batch of documents, sent with their text (the workers need no
view of this machine's files), made into their graphs (`kg.docgraph`: N-Quads whose graph is named by the
document's name and content hash, so making one twice gives the same graph) on the dask worker through its own
`kg.worker` process, so that every document keeps its time and memory budget and a runaway fails alone. The
writer: this process stores the graphs as tasks finish (`kg.build.GraphWriter`: a transaction per batch into the
embedded store, two requests per batch into a server with a Graph Store), merges them a part at a time, and
links names across documents at the end, as a local build does. So the incremental and crash guarantees are a
local build's: documents already stored are not sent again, and a build stopped anywhere is completed by the
next one.

Dask is an optional extra (``pip install 'kg[cluster]'``); the workers need kg installed (or on PYTHONPATH), the
same version as here, and a `--patterns` folder at the same path. A dask worker runs one batch at a time (its
`kg.worker` process is one): start them with ``--nthreads 1``, as many per machine as it has cores.
"""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from kg.build import Budget, BuildReport, GraphWriter, document_graphs, finish, plan, read_listed
from kg.docgraph import DocumentGraph, Failure
from kg.documents import Document
from kg.errors import KgError
from kg.resolve import Curation
from kg.store import Store
from kg.worker import chunks

TASKS_PER_THREAD = 3  # batches queued per dask worker thread: its next is there when it finishes one
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler

_one_at_a_time = threading.Lock()  # a dask worker's threads share its one kg.worker process


def build(
    paths: Iterable[str | Path],
    store: Store,
    scheduler: str,
    *,
    progress: bool = True,
    batch_size: int = 16,
    budget: Budget | None = None,
    curation: Curation | None = None,
    patterns: Path | None = None,
) -> BuildReport:
    """`kg.build.build` with the documents' graphs made on the Dask cluster whose scheduler is at `scheduler`
    (``tcp://HOST:8786``) and stored into `store` by this process."""
    try:
        from distributed import Client, as_completed
    except ImportError as error:
        raise KgError("--cluster needs Dask: pip install 'kg[cluster]' (dask[distributed])") from error
    budget = budget or Budget()
    curation = curation or Curation()
    patterns = Path(patterns).resolve() if patterns is not None else None
    report = BuildReport()
    todo, stored = plan(paths, store, report)
    writer = GraphWriter(store, stored, report, together=max(batch_size, store.graphs_per_write))
    bar = tqdm(total=len(todo), unit="doc", desc="building", disable=not progress, file=sys.stderr)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    with client:
        window = TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
        batches = chunks(read_listed(todo, report), batch_size, spread=window)
        sent: dict[object, list[Document]] = {}  # future -> its documents

        def submit(documents: list[Document]) -> object:
            future = client.submit(graphs_of, documents, curation, budget, patterns, pure=False)
            sent[future] = documents
            return future

        running = as_completed([submit(documents) for documents in itertools.islice(batches, window)])
        for future in running:
            documents = sent.pop(future)
            for document, result in zip(documents, _results(future, len(documents)), strict=True):
                writer.add(document, result)
                bar.update()
            writer.store_waiting()  # a task's graphs in one write
            future.release()
            following = next(batches, None)
            if following is not None:
                running.add(submit(following))
    writer.close()
    bar.close()
    finish(store, report, curation)
    return report


def graphs_of(
    documents: list[Document], curation: Curation, budget: Budget, patterns: Path | None
) -> list[DocumentGraph | Failure]:
    """A task: each document's graph, or why it has none, made by this dask worker's `kg.worker` process."""
    with _one_at_a_time:
        found = document_graphs(iter(documents), budget, 1, len(documents), curation, patterns)
        return [result for _, result in found]


def _results(future: object, count: int) -> list[DocumentGraph | Failure]:
    """The task's results; a task that failed as a whole (its dask worker lost, say) fails each of its documents."""
    try:
        return future.result()  # type: ignore[attr-defined]  # a distributed.Future
    except Exception as error:
        reason = f"the cluster task failed: {type(error).__name__}: {' '.join(str(error).split())}"[:300]
        return [Failure(reason)] * count

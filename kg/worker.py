"""Parsing, extraction, resolution and the RDF mapping in child processes, so that a document that runs away can
be stopped, and so that every core works while one process writes the store.

spaCy's tokenizer never finishes 200 KB of punctuation (20,000 '&' take 31 s), and its C code cannot be
interrupted from Python; a child process can be killed. Each worker loads the pipeline once and answers batches
of documents with one `DocumentGraph` (the document's graph as N-Quads, `kg.docgraph`) or one-line failure per
document. The parent gives a batch `timeout` seconds per document (per piece of a long one, `kg.parsing.parse`)
from when the worker starts it; when that runs
out, the worker is killed and a new one started, the documents of the batch not yet answered are parsed again one
at a time, each with its own `timeout`, so that only the runaway is lost, and the batches queued behind it are sent
again. A worker's address space is capped at `memory` bytes, so a document that would take the machine's memory
fails alone with MemoryError (the same retry finds which).

Each worker has `DEPTH` batches at once, so that it starts the next as it answers the last, and the parent reads
whichever worker answers first: no worker waits on another's batch, nor on the parent's writing.

Workers are kept for the life of the process (`pool`), as loading the model takes seconds. A worker is a fresh
`python -c` talking over its standard input and output, not a multiprocessing child: those import the parent's
main script again, and a script that calls `kg.build.build` without an ``if __name__ == "__main__"`` guard would
then start the build again in every worker.
"""

from __future__ import annotations

import atexit
import itertools
import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from kg.docgraph import DocumentGraph, Failure, graph_result, warm_up
from kg.documents import PIECE_CHARS, Document
from kg.errors import KgError
from kg.resolve import Curation

DEFAULT_TIMEOUT = 180.0  # seconds per document: the longest bundled and probe documents take under 5
DEFAULT_MEMORY = 6 << 30  # bytes of address space per worker; the loaded pipeline takes about 0.5 GiB

_START_TIMEOUT = 600.0  # seconds to import kg and load the model on a loaded machine
_READY = "ready"
# A new interpreter, not a fork: the parent holds RocksDB's threads and locks, which a fork would copy as they are.
_CHILD = "from kg.worker import serve; serve()"


DEPTH = 2  # batches sent to a worker at once: it starts the next as it answers the last
_AHEAD = 4  # batches per worker answered and not yet taken by the caller, at most

Result = DocumentGraph | Failure


class Worker:
    """One child process that parses, extracts and maps; started on first use, restarted after it is killed.

    It is sent up to `DEPTH` batches at once, so that it starts the next the moment it finishes one: its answers
    come back in the order the batches were sent."""

    def __init__(self, memory: int | None, patterns: Path | None = None) -> None:
        self.memory = memory
        self.patterns = patterns
        self._process: subprocess.Popen | None = None
        self._reader: Connection | None = None
        self._writer: Connection | None = None
        self._started = False  # the process has said it is ready
        self.batches: deque[_Batch] = deque()  # sent and not wholly answered, oldest first

    def send(self, documents: list[Document], curation: Curation | None = None) -> _Batch:
        """Send a batch (its entities to be resolved with `curation`); it returns at once."""
        batch = _Batch(documents)
        self.post(batch, curation)
        return batch

    def post(self, batch: _Batch, curation: Curation | None = None) -> None:
        """Send `batch` (again, after its worker was stopped: its results so far are dropped)."""
        if not self.batches:
            self.start()  # again, if it died since its last batch
        batch.started = None if self.batches else time.monotonic()
        batch.results = []
        self.batches.append(batch)
        try:
            self._writer.send((curation or Curation(), [(d.text, d.info()) for d in batch.documents]))
        except OSError:  # it died with batches in hand: `Pool._collect` finds it and sends them again
            pass

    @property
    def connection(self) -> Connection | None:
        return self._reader

    def deadline(self, timeout: float) -> float:
        """When the oldest batch overruns its `timeout` seconds per document."""
        head = self.batches[0]
        return head.started + timeout * sum(map(pieces_of, head.documents))

    def take(self) -> bool:
        """Read the answers that have come, without waiting; False when the oldest batch has failed as a whole or
        the worker died (its answers then stop at what came)."""
        try:
            while self.batches and self._reader.poll(0):
                answer = self._reader.recv()
                head = self.batches[0]
                if isinstance(answer, _BatchFailure):
                    if len(head.documents) > 1:
                        return False
                    answer = Failure(answer.reason)
                head.results.append(answer)
                if head.done:
                    self.batches.popleft()
                    if self.batches:
                        self.batches[0].started = time.monotonic()
        except (EOFError, OSError):  # it died: killed by the system, or out of memory outside Python
            return False
        return True

    def alone(self, document: Document, timeout: float, curation: Curation | None = None) -> Result:
        """One document sent by itself to this idle worker: its result within `timeout` seconds, else a failure
        (the worker is then stopped)."""
        timeout *= pieces_of(document)
        self.send([document], curation)
        try:
            if self._reader.poll(max(timeout, 0.0)):
                result = self._reader.recv()
                self.batches.clear()
                return Failure(result.reason) if isinstance(result, _BatchFailure) else result
        except (EOFError, OSError):
            pass
        self.stop()
        return Failure(f"not parsed within its budget of {timeout:g} s (or its worker died); stopped")

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._reader.close()
            self._writer.close()
        self._process = self._reader = self._writer = None
        self._started = False
        self.batches.clear()

    def start(self) -> None:
        """Start the process unless it runs, and wait until it has loaded the model."""
        self.launch()
        self._ready()

    def launch(self) -> None:
        """Start the process unless it runs, without waiting for it (workers load their models side by side)."""
        if self._process is not None and self._process.poll() is None:
            return
        if self._process is not None:
            self.stop()
        command = [sys.executable, "-c", _CHILD, str(self.memory or 0), str(self.patterns or "")]
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._writer = Connection(os.dup(self._process.stdin.fileno()), readable=False)
        self._reader = Connection(os.dup(self._process.stdout.fileno()), writable=False)
        self._process.stdin.close()
        self._process.stdout.close()
        self._started = False

    def _ready(self) -> None:
        if self._started:
            return
        # The model loads before any budget starts: a document's budget is for that document.
        try:
            ready = self._reader.poll(_START_TIMEOUT) and self._reader.recv()
        except (EOFError, OSError):
            ready = None
        if ready != _READY:
            self.stop()
            limit = f"; out of memory? raise --doc-memory (now {self.memory >> 20} MiB)" if self.memory else ""
            raise KgError(f"the parser process did not start ({ready or 'it died or took over 10 minutes'}){limit}")
        self._started = True


@dataclass
class _Batch:
    """Documents sent to a worker together, and their results as they come."""

    documents: list[Document]
    started: float | None = None  # when the worker began it (None: it is busy with an earlier batch)
    results: list[Result] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.documents)


class Pool:
    """Workers that parse, extract and map documents, each document within its time and memory budget."""

    def __init__(self, processes: int, *, memory: int | None, patterns: Path | None = None) -> None:
        self.workers = [Worker(memory, patterns) for _ in range(max(1, processes))]

    def extract(
        self,
        documents: Iterable[Document],
        *,
        timeout: float,
        batch_size: int,
        curation: Curation | None = None,
    ) -> Iterator[tuple[Document, Result]]:
        """(document, its graph or why it has none) for every document, in order; entities are resolved with
        `curation` (`kg.docgraph`). Every worker is kept `DEPTH` batches ahead of the caller."""
        self._reset()  # a run left unfinished (its consumer stopped): its answers must not pass for these
        unsent = chunks(documents, batch_size, spread=DEPTH * len(self.workers))
        first = next(unsent, None)
        if first is None:  # nothing to parse: no worker is started
            return
        unsent = itertools.chain([first], unsent)
        for worker in self.workers:
            worker.launch()
        order: deque[_Batch] = deque()  # every batch sent, in the order of `documents`
        try:
            self._fill(unsent, order, curation)
            while order:
                while not order[0].done:
                    self._collect(timeout, curation)
                    self._fill(unsent, order, curation)
                batch = order.popleft()
                yield from zip(batch.documents, batch.results, strict=True)
        finally:
            self._reset()

    def _fill(self, unsent: Iterator[list[Document]], order: deque[_Batch], curation: Curation | None) -> None:
        """Send batches to the workers with the fewest, up to `DEPTH` each, while finished ones wait for the caller
        (a bound on them: a worker stuck in a runaway document holds the others' answers until it is stopped)."""
        while len(order) < _AHEAD * len(self.workers):
            worker = min(self.workers, key=lambda each: len(each.batches))
            if len(worker.batches) == DEPTH:
                return
            documents = next(unsent, None)
            if documents is None:
                return
            order.append(worker.send(documents, curation))

    def _collect(self, timeout: float, curation: Curation | None) -> None:
        """Wait for answers from any worker, or for its oldest batch to overrun; a batch that overruns, or fails
        as a whole, is run again a document at a time, and the batches queued behind it are sent again."""
        busy = [worker for worker in self.workers if worker.batches]
        soonest = min(worker.deadline(timeout) for worker in busy)
        ready = wait([worker.connection for worker in busy], max(soonest - time.monotonic(), 0.0))
        for worker in busy:
            answered = worker.connection in ready
            if (answered and worker.take()) or (not answered and time.monotonic() < worker.deadline(timeout)):
                continue
            head, *queued = worker.batches
            worker.stop()
            for document in head.documents[len(head.results) :]:
                head.results.append(worker.alone(document, timeout, curation))
            for batch in queued:  # lost with the worker
                worker.post(batch, curation)

    def _reset(self) -> None:
        for worker in self.workers:
            if worker.batches:
                worker.stop()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


def chunks(documents: Iterable[Document], size: int, spread: int = 1) -> Iterator[list[Document]]:
    """The documents in lists of `size`, read as they are needed, the last ones smaller so that `spread` workers
    taking them in turn finish together: with 100 documents in batches of 16, one of two workers would otherwise
    parse 64 while the other waits."""
    ahead: deque[Document] = deque()
    for document in documents:
        ahead.append(document)
        if len(ahead) == size * (spread + 1):
            yield [ahead.popleft() for _ in range(size)]
    while ahead:  # the last `spread` batches' worth, shared out in shrinking batches
        share = min(size, -(-len(ahead) // spread))
        yield [ahead.popleft() for _ in range(share)]


def pieces_of(document: Document) -> int:
    """The pieces a document is parsed in (`kg.parsing.parse`): its time budget is `timeout` seconds for each."""
    return 1 + (len(document.text) - 1) // PIECE_CHARS


@dataclass(frozen=True)
class _BatchFailure:
    """The parser raised on a batch: which document made it is not known."""

    reason: str


_pools: dict[tuple[int, int | None, Path | None], Pool] = {}


def pool(processes: int = 1, *, memory: int | None = DEFAULT_MEMORY, patterns: Path | None = None) -> Pool:
    """The process's pool of that many workers with that memory cap (and a user's pattern folder), started on
    first use."""
    key = (processes, memory, patterns)
    if key not in _pools:
        _pools[key] = Pool(processes, memory=memory, patterns=patterns)
    return _pools[key]


@atexit.register
def _close_pools() -> None:
    for each in _pools.values():
        each.close()


def serve() -> None:
    """A worker process's entry point (`_CHILD`): its arguments are its address-space cap in bytes (0: none) and a
    user's pattern folder (empty: none); kg's messages go over what were its standard input and output, and
    anything printed goes to standard error."""
    reader = Connection(os.dup(0), writable=False)
    writer = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # standard output is the channel: a stray print must not corrupt it
    patterns = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
    _serve(reader, writer, int(sys.argv[1]) or None, patterns)


def _serve(reader: Connection, connection: Connection, memory: int | None, patterns: Path | None = None) -> None:
    """The worker's loop: batches of (text, info) in from `reader`, one result per document out to `connection`."""
    _die_with_parent()
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        from kg.parsing import load_nlp, parse

        nlp = load_nlp(patterns=patterns)
        warm_up(nlp)
    except (Exception, MemoryError) as error:  # the model is missing, or does not fit in `memory`
        connection.send(f"{type(error).__name__}: {_one_line(error)}"[:200])
        return
    connection.send(_READY)
    batches: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(reader, batches), daemon=True).start()
    while (message := batches.get()) is not None:
        curation, batch = message
        try:
            # spaCy keeps every string it has seen: a memory zone forgets a batch's names once it is sent
            with nlp.memory_zone():
                for doc, info in parse(nlp, batch, batch_size=len(batch)):
                    connection.send(graph_result(doc, info, curation))
        except (Exception, MemoryError) as error:
            connection.send(_BatchFailure(f"parsing failed: {_one_line(error) or type(error).__name__}"))


def _receive(reader: Connection, batches: queue.SimpleQueue) -> None:
    """Batches read as they come (then None: the parent is gone), so that the parent's sending the next batch
    never waits on this worker's answering the last: with both pipes full each would wait on the other."""
    while True:
        try:
            batches.put(reader.recv())
        except (Exception, MemoryError):  # EOFError: the parent is gone
            batches.put(None)
            return


def _die_with_parent() -> None:
    """Have Linux kill this worker when its parent dies: a build killed with SIGKILL cannot stop it, and a worker
    in a runaway document would otherwise run on, orphaned, for as long as the document takes (maybe for ever)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker ends when it next reads from its parent
        pass


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

"""Parsing and extraction in child processes, so that a document that runs away can be stopped.

spaCy's tokenizer never finishes 200 KB of punctuation (20,000 '&' take 31 s), and its C code cannot be
interrupted from Python; a child process can be killed. Each worker loads the pipeline once and answers batches
of documents with one `Extraction` (or one-line failure) per document. The parent gives a batch `timeout` seconds
per document (per piece of a long one, `kg.parsing.parse`); when that runs out, the worker is killed and a new one
started, and the documents of the batch are parsed again one at a time, each with its own `timeout`, so that only
the runaway is lost. A worker's address
space is capped at `memory` bytes, so a document that would take the machine's memory fails alone with
MemoryError (the same retry finds which).

Workers are kept for the life of the process (`pool`), as loading the model takes seconds. A worker is a fresh
`python -c` talking over its standard input and output, not a multiprocessing child: those import the parent's
main script again, and a script that calls `kg.build.build` without an ``if __name__ == "__main__"`` guard would
then start the build again in every worker.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.documents import PIECE_CHARS, Document
from kg.errors import KgError
from kg.facts import Extraction

DEFAULT_TIMEOUT = 180.0  # seconds per document: the longest bundled and probe documents take under 5
DEFAULT_MEMORY = 6 << 30  # bytes of address space per worker; the loaded pipeline takes about 0.5 GiB

_START_TIMEOUT = 600.0  # seconds to import kg and load the model on a loaded machine
_READY = "ready"
# A new interpreter, not a fork: the parent holds RocksDB's threads and locks, which a fork would copy as they are.
_CHILD = "from kg.worker import serve; serve()"


@dataclass(frozen=True)
class Failure:
    """Why one document produced no extraction: a one-line reason, without the path."""

    reason: str


Result = Extraction | Failure


class Worker:
    """One child process that parses and extracts; started on first use, restarted after it is killed."""

    def __init__(self, memory: int | None, patterns: Path | None = None) -> None:
        self.memory = memory
        self.patterns = patterns
        self._process: subprocess.Popen | None = None
        self._reader: Connection | None = None
        self._writer: Connection | None = None
        self._pending = 0  # results sent for and not yet received

    def send(self, batch: list[Document]) -> None:
        if self._pending:  # a run left unfinished (its consumer stopped): its answers must not pass for these
            self.stop()
        if self._process is None or self._process.poll() is not None:
            self._start()
        self._writer.send([(d.text, d.info()) for d in batch])
        self._pending = len(batch)

    def receive(self, timeout: float) -> Result | None:
        """The next document's result, or None when none came within `timeout` seconds (the worker is then
        stopped) or the worker died."""
        try:
            if self._reader.poll(max(timeout, 0.0)):
                result = self._reader.recv()
                # a failure of the whole batch is its last answer
                self._pending = 0 if isinstance(result, _BatchFailure) else self._pending - 1
                return result
        except (EOFError, OSError):  # it died: killed by the system, or out of memory outside Python
            pass
        self.stop()
        return None

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._reader.close()
            self._writer.close()
        self._process = self._reader = self._writer = None
        self._pending = 0

    def _start(self) -> None:
        command = [sys.executable, "-c", _CHILD, str(self.memory or 0), str(self.patterns or "")]
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._writer = Connection(os.dup(self._process.stdin.fileno()), readable=False)
        self._reader = Connection(os.dup(self._process.stdout.fileno()), writable=False)
        self._process.stdin.close()
        self._process.stdout.close()
        # The model loads before any budget starts: a document's budget is for that document.
        try:
            ready = self._reader.poll(_START_TIMEOUT) and self._reader.recv()
        except (EOFError, OSError):
            ready = None
        if ready != _READY:
            self.stop()
            limit = f"; out of memory? raise --doc-memory (now {self.memory >> 20} MiB)" if self.memory else ""
            raise KgError(f"the parser process did not start ({ready or 'it died or took over 10 minutes'}){limit}")


class Pool:
    """Workers that extract documents in order, each document within its time and memory budget."""

    def __init__(self, processes: int, *, memory: int | None, patterns: Path | None = None) -> None:
        self.workers = [Worker(memory, patterns) for _ in range(max(1, processes))]

    def extract(
        self, documents: Iterable[Document], *, timeout: float, batch_size: int
    ) -> Iterator[tuple[Document, Result]]:
        """(document, extraction or failure) for every document, in order."""
        batch: list[Document] = []
        wave: list[list[Document]] = []
        for document in documents:
            batch.append(document)
            if len(batch) == batch_size:
                wave.append(batch)
                batch = []
            if len(wave) == len(self.workers):
                yield from self._run(wave, timeout)
                wave = []
        if batch:
            wave.append(batch)
        if wave:
            yield from self._run(wave, timeout)

    def _run(self, wave: list[list[Document]], timeout: float) -> Iterator[tuple[Document, Result]]:
        """One batch per worker at once; results collected in order. A batch that overruns, or fails as a whole,
        is run again a document at a time."""
        started = time.monotonic()
        for worker, batch in zip(self.workers, wave, strict=False):
            worker.send(batch)
        for worker, batch in zip(self.workers, wave, strict=False):
            deadline = started + timeout * sum(map(_pieces, batch))
            results: list[Result] = []
            while len(results) < len(batch):
                result = worker.receive(deadline - time.monotonic())
                if result is None or (isinstance(result, _BatchFailure) and len(batch) > 1):
                    break
                results.append(Failure(result.reason) if isinstance(result, _BatchFailure) else result)
            yield from zip(batch, results, strict=False)
            for document in batch[len(results) :]:
                yield document, self._alone(worker, document, timeout)

    @staticmethod
    def _alone(worker: Worker, document: Document, timeout: float) -> Result:
        budget = timeout * _pieces(document)
        worker.send([document])
        result = worker.receive(budget)
        if result is None:
            return Failure(f"not parsed within its budget of {budget:g} s (or its worker died); stopped")
        return Failure(result.reason) if isinstance(result, _BatchFailure) else result

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


def _pieces(document: Document) -> int:
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
        from kg.extract import extract
        from kg.parsing import load_nlp, parse

        nlp = load_nlp(patterns=patterns)
    except (Exception, MemoryError) as error:  # the model is missing, or does not fit in `memory`
        connection.send(f"{type(error).__name__}: {_one_line(error)}"[:200])
        return
    connection.send(_READY)
    while True:
        try:
            batch = reader.recv()
        except EOFError:  # the parent is gone
            return
        try:
            # spaCy keeps every string it has seen: a memory zone forgets a batch's names once it is sent
            with nlp.memory_zone():
                for doc, info in parse(nlp, batch, batch_size=len(batch)):
                    try:
                        connection.send(extract(doc, info))
                    except Exception as error:
                        connection.send(Failure(f"extraction failed: {_one_line(error)}"))
        except (Exception, MemoryError) as error:
            connection.send(_BatchFailure(f"parsing failed: {_one_line(error) or type(error).__name__}"))


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

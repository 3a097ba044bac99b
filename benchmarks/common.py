"""What every benchmark shares: sizes, the scratch workspace, timing, and the shape of a result."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.corpus import CorpusStats, write_corpus
from benchmarks.graph import GraphStats, file_stats, write_graph
from kg.build import Budget

# Builds parse in this process, as the figures in the README always measured: with the default budget a worker
# process parses (kg.worker), whose start-up (seconds) and memory a timing or this process's peak RSS would miss.
IN_PROCESS = Budget(timeout=None)

T = TypeVar("T")
GiB = 1 << 30
ROOT = Path(__file__).resolve().parent.parent  # the repository: workers run with it as their folder


@dataclass(frozen=True)
class Size:
    """How big each benchmark runs. `small` fits in 10 minutes on 2 cores; `smoke` in under a minute."""

    name: str
    repeats: int  # timed runs behind each median
    ingest_documents: int
    n_processes: tuple[int, ...]
    graph_triples: int
    query_timeout: float  # seconds per query run, either engine
    query_runs: int
    memory_documents: tuple[int, int]
    memory_units: tuple[int, int]  # paragraphs per document of the memory corpora
    analysis_triples: int  # the graph of the analysis benchmark (the generator gives ~1 actor-network edge per triple)
    analysis_timeout: float  # seconds for the projection, and for each PageRank or Louvain run
    incremental_documents: int  # the corpus built, then rebuilt unchanged, by the incremental benchmark
    rdflib_memory: int = 18 * GiB  # the rdflib worker is stopped above this PSS (10M triples may not fit)
    incremental_units: tuple[int, int] = (4, 12)  # paragraphs per document of the incremental corpus
    length_bytes: tuple[int, ...] = (60_000, 250_000)  # the single long documents of the length benchmark


# medium is the 10M triples and 10k documents, large adds 100k documents (hours). Their 10k and 100k
# corpora have short documents (1-2 paragraphs, ~110 words): a build of 10k documents of 4-12 paragraphs takes
# over half an hour here. rdflib holds about 1.7 GiB per million triples: at 10M it is bounded below the
# machine's 23.5 GiB, so that it cannot push other work out of memory.
_LONG_DOCUMENTS = (60_000, 250_000, 1_000_000, 5_000_000)  # bytes: up to read_document's limit
SIZES: dict[str, Size] = {
    "smoke": Size("smoke", 1, 4, (1, 2), 5_000, 3, 1, (4, 12), (1, 2), 5_000, 10, 4, length_bytes=(15_000, 60_000)),
    "small": Size("small", 3, 100, (1, 2), 1_000_000, 5, 3, (200, 2000), (1, 2), 1_000_000, 20, 100),
    "medium": Size(
        "medium", 3, 200, (1, 2), 10_000_000, 60, 3, (1000, 10000), (1, 2), 1_000_000, 600, 10_000, 14 * GiB, (1, 2),
        length_bytes=_LONG_DOCUMENTS,
    ),
    "large": Size(
        "large",
        3,
        1000,
        (1, 2),
        10_000_000,
        300,
        3,
        (10000, 100000),
        (1, 2),
        1_000_000,
        1800,
        100_000,
        14 * GiB,
        (1, 2),
        length_bytes=_LONG_DOCUMENTS,
    ),
}


@dataclass
class Result:
    """One benchmark's figures (flat, for JSON and the checks), its table rows and notes."""

    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[str, str]] = field(default_factory=list)  # (what, value) for the Markdown table
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # tables too wide for `rows` (queries, profile)
    seconds: float = 0.0  # wall time of the benchmark itself

    def add(self, key: str, value: Any, label: str | None = None, shown: str | None = None) -> None:
        """Record a figure, and show it in the table when `label` is given."""
        self.figures[key] = value
        if label is not None:
            self.rows.append((label, shown if shown is not None else fmt(value)))


class Workspace:
    """Scratch space for one run; corpora and graphs are made once and shared between benchmarks."""

    def __init__(self, root: Path, size: Size, seed: int = 0) -> None:
        self.root, self.size, self.seed = root, size, seed
        self._corpora: dict[tuple[int, tuple[int, int]], CorpusStats] = {}
        self._graphs: dict[tuple[int | None, int | None], GraphStats] = {}
        self._reused: list[GraphStats] = []
        self._count = 0

    def fresh(self, prefix: str) -> Path:
        """A new, not yet existing path under the workspace."""
        self._count += 1
        return self.root / f"{prefix}-{self._count}"

    def corpus(self, documents: int, units: tuple[int, int] = (4, 12)) -> CorpusStats:
        key = (documents, units)
        if key not in self._corpora:
            self._corpora[key] = write_corpus(self.fresh(f"corpus-{documents}"), documents, self.seed, units=units)
        return self._corpora[key]

    def reuse_graph(self, path: Path) -> None:
        """Take `path`, an N-Quads file `python -m benchmarks.graph` wrote with this seed, instead of making its graph
        again (10M triples take 40 minutes): it serves a request for its number of documents, or for its number
        of triples within 2% (a graph made for N triples has whole documents up to about N)."""
        self._reused.append(file_stats(path))

    def graph(self, triples: int | None = None, documents: int | None = None) -> GraphStats:
        key = (triples, documents)
        for stats in self._reused:
            if documents == stats.documents or (triples and abs(stats.triples - triples) <= 0.02 * triples):
                self._graphs.setdefault(key, stats)
        if key not in self._graphs:
            path = self.fresh("graph").with_suffix(".nq")
            self._graphs[key] = write_graph(path, triples, self.seed, documents=documents)
        return self._graphs[key]


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt(value: Any) -> str:
    """A figure as the table shows it: 3 significant digits, thousands separated."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value == 0 or abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    return str(value)


def seconds(value: float) -> str:
    return f"{value * 1000:.3g} ms" if value < 1 else f"{value:.3g} s"


def mib(value: float) -> str:
    return f"{value / (1 << 20):,.0f} MiB"

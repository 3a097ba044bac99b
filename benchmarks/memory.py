"""Memory: peak RSS of a build of a small and a ten times larger generated corpus, each in its own process.

A build that streams its documents has the same peak at both sizes (ratio near 1); whatever grows with
the corpus shows as the per-document slope. (Not a projection: part of the growth is the store's
write buffers, which stop growing once they fill; the larger corpus of each size is measured, not guessed.)
The two builds run side by side (one core each): peak RSS is per process, so they do not disturb it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from benchmarks.bounded import Outcome, in_subprocess
from benchmarks.common import ROOT, GiB, Result, Workspace, mib

NAME = "memory"
TARGET_RATIO = 1.2
FIGURES = ["small_documents", "large_documents", "small_peak_rss", "large_peak_rss", "ratio", "bytes_per_document"]


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    small_n, large_n = ws.size.memory_documents
    corpora = [ws.corpus(n, ws.size.memory_units) for n in (small_n, large_n)]
    # A bound generous enough for 2 documents/s, far below what this machine does; it only catches a hang.
    bound = 600 + large_n / 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda c: _build(c.directory, ws.fresh("memory-store"), bound), corpora))
    small, large = (_peak(o, c.documents) for o, c in zip(outcomes, corpora, strict=True))
    words = [c.words / c.documents for c in corpora]
    result.add("small_documents", small_n, "documents, smaller corpus")
    result.add("large_documents", large_n, "documents, larger corpus")
    result.add("small_peak_rss", small, f"peak RSS, {small_n:,} documents", mib(small))
    result.add("large_peak_rss", large, f"peak RSS, {large_n:,} documents", mib(large))
    ratio = large / small
    mark = "" if ratio <= TARGET_RATIO else f" (target ≤ {TARGET_RATIO}×: missed)"
    result.add("ratio", ratio, "peak RSS ratio, larger / smaller", f"{ratio:.2f}×{mark}")
    slope = (large - small) / (large_n - small_n)
    result.add("bytes_per_document", slope, "RSS growth per document", f"{slope / 1024:,.1f} KiB")
    for label, outcome in zip(("small", "large"), outcomes, strict=True):
        result.details[label] = outcome.messages[-1]
    result.notes.append(
        f"kg build (n_process=1) in a child process; peak RSS is its VmHWM. Documents of "
        f"{ws.size.memory_units[0]}-{ws.size.memory_units[1]} paragraphs (about {sum(words) / 2:,.0f} words each)."
    )
    return result


def _build(corpus: object, location: object, bound: float) -> Outcome:
    argv = ["-m", "benchmarks.worker", "build", str(corpus), str(location)]
    return in_subprocess(argv, step_timeout=bound, rss_limit=20 * GiB, cwd=str(ROOT))


def _peak(outcome: Outcome, documents: int) -> int:
    """The child's own peak RSS; a build that failed or lost documents fails the benchmark."""
    if not outcome.ok or not outcome.messages:
        raise RuntimeError(f"memory build did not finish: {outcome.error or 'time or memory bound'}")
    report = outcome.messages[-1]
    if report["documents"] != documents:
        raise RuntimeError(f"memory build built {report['documents']} of {documents} documents")
    return int(report["peak_rss"])

"""Ingest: `kg.build.build` into a fresh embedded store vs bare spaCy `load_nlp().pipe` over the same texts.

Both use the same pipeline object (loaded once, before any timing), the same batch size and the same
number of processes, so the ratio build/bare is kg's own cost above the parser: reading and hashing
files, extraction, the RDF mapping, the store writes and the merge. Runs alternate bare, build,
bare, build, ... so that drift of the machine hits both alike.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Iterable
from pathlib import Path

from benchmarks.common import IN_PROCESS, Result, Workspace, median, seconds, timed
from kg.build import build
from kg.documents import Document, iter_documents
from kg.parsing import load_nlp
from kg.store import EmbeddedStore

NAME = "ingest"
BATCH_SIZE = 16  # kg.build's default
TARGET_OVERHEAD = 1.5  # build time / bare spaCy time
TARGET_DOCS_PER_HOUR = 20_000
_TOP = 15
PROFILE_DOCUMENTS = 20  # cProfile doubles the build's time; the first documents of the corpus show the same shape

# Stages of a build as cProfile names them: (file suffix, function) -> stage.
_STAGES = {
    ("spacy/language.py", "pipe"): "spaCy parse",
    ("kg/extract/__init__.py", "extract"): "extraction",
    ("kg/docgraph.py", "graph_of"): "resolution + RDF mapping",
    ("kg/store/embedded.py", "put_graphs"): "store writes",
    ("kg/merge.py", "add"): "merge graph",  # per part; kg.merge.merge at the end only checks, normally
    ("kg/merge.py", "drop"): "merge graph",
    ("kg/build.py", "stored_documents"): "stored-documents query",
    ("kg/documents.py", "iter_documents"): "reading files",
}


def figures(n_processes: Iterable[int]) -> list[str]:
    keys = ["documents", "words", "profile_top"]
    for n in n_processes:
        keys += [f"n{n}_{k}" for k in ("bare_docs_per_s", "bare_words_per_s", "build_docs_per_s", "build_words_per_s",
                                          "build_docs_per_hour", "overhead")]  # fmt: skip
    return keys


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    corpus = ws.corpus(ws.size.ingest_documents)
    texts = [d.text for d in iter_documents([corpus.directory]) if isinstance(d, Document)]
    words = sum(len(text.split()) for text in texts)
    result.add("documents", len(texts), "documents (generated corpus)")
    result.add("words", words, "words")
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: the first call pays lazy initialisation
    for n in ws.size.n_processes:
        bare, built = [], []
        for _ in range(ws.size.repeats):
            bare.append(timed(lambda n=n: _consume(nlp.pipe(texts, n_process=n, batch_size=BATCH_SIZE)))[0])
            built.append(_build_seconds(corpus.directory, ws.fresh("ingest-store"), n))
        bare_s, build_s = median(bare), median(built)
        overhead = build_s / bare_s
        result.add(f"n{n}_bare_docs_per_s", len(texts) / bare_s, f"n_process={n}: bare spaCy documents/s")
        result.add(f"n{n}_bare_words_per_s", words / bare_s, f"n_process={n}: bare spaCy words/s")
        result.add(f"n{n}_build_docs_per_s", len(texts) / build_s, f"n_process={n}: kg build documents/s")
        result.add(f"n{n}_build_words_per_s", words / build_s, f"n_process={n}: kg build words/s")
        result.add(f"n{n}_build_docs_per_hour", len(texts) / build_s * 3600, f"n_process={n}: kg build documents/hour")
        mark = "" if overhead <= TARGET_OVERHEAD else f" (target ≤ {TARGET_OVERHEAD}×: missed)"
        result.add(f"n{n}_overhead", overhead, f"n_process={n}: build time / bare spaCy time", f"{overhead:.2f}×{mark}")
        result.details[f"n{n}_runs"] = {"bare_s": bare, "build_s": built}
    profiled = ws.corpus(min(PROFILE_DOCUMENTS, ws.size.ingest_documents))
    top, stages = _profile(profiled.directory, ws.fresh("ingest-profile"))
    result.add("profile_top", top)
    result.details["profile_stages"] = stages
    result.notes.append(
        f"Medians of {ws.size.repeats} runs over {len(texts)} generated documents, batch size {BATCH_SIZE}; "
        f"targets: build ≤ {TARGET_OVERHEAD}× bare spaCy, ≥ {TARGET_DOCS_PER_HOUR:,} documents/hour. "
        f"Profile: one build of the first {profiled.documents} documents."
    )
    return result


def _consume(docs: Iterable[object]) -> int:
    return sum(1 for _ in docs)


def _build_seconds(corpus: Path, location: Path, n_process: int) -> float:
    store = EmbeddedStore(location)
    elapsed, report = timed(lambda: build(
        [corpus], store, progress=False, workers=n_process, batch_size=BATCH_SIZE, budget=IN_PROCESS
    ))
    store.close()
    if report.failed:
        raise RuntimeError(f"build failed on {len(report.failed)} documents, first: {report.failed[0][1]}")
    return elapsed


def _profile(corpus: Path, location: Path) -> tuple[list[dict[str, object]], dict[str, float]]:
    """The top functions by cumulative time of one build (n_process=1), and the time of each stage."""
    store = EmbeddedStore(location)
    profiler = cProfile.Profile()
    profiler.runcall(build, [corpus], store, progress=False, workers=1, batch_size=BATCH_SIZE, budget=IN_PROCESS)
    store.close()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tottime, cumtime, callers)}
    total = max(cumtime for _, _, _, cumtime, _ in entries.values())
    ranked = sorted(entries.items(), key=lambda item: -item[1][3])[:_TOP]
    top = [
        {"function": _where(key), "calls": nc, "tottime_s": round(tt, 3), "cumtime_s": round(ct, 3)}
        for key, (_, nc, tt, ct, _) in ranked
    ]
    stages: dict[str, float] = {"total": total}
    for (filename, _, name), (_, _, _, cumtime, _) in entries.items():
        stage = next((s for (suffix, fn), s in _STAGES.items() if name == fn and filename.endswith(suffix)), None)
        if stage:
            stages[stage] = stages.get(stage, 0.0) + cumtime
    stages["other"] = total - sum(v for k, v in stages.items() if k != "total")
    return top, stages


def _where(key: tuple[str, int, str]) -> str:
    """'kg/extract/__init__.py:37(extract)' rather than the absolute path."""
    filename, line, name = key
    for marker in ("site-packages/", "/work/main/", "lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})" if filename != "~" else name


def stage_rows(stages: dict[str, float]) -> list[tuple[str, str]]:
    total = stages["total"]
    return [(stage, f"{seconds(value)} ({value / total:.0%})") for stage, value in stages.items() if stage != "total"]

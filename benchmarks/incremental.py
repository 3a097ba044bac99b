"""Incremental: build a corpus, build it again unchanged, then again with one document edited.

An unchanged document is recognised by its content hash and not parsed again, so the second build
should cost a small fraction of the first: what is left is reading and hashing the files, the
stored-documents query and the check that the merge graph covers every document graph, which grow with the
store, not the change (the edited document's merge touches only its own entities).
"""

from __future__ import annotations

import shutil

from benchmarks.common import IN_PROCESS, Result, Workspace, median, seconds, timed
from kg.build import BuildReport, build
from kg.store import EmbeddedStore

NAME = "incremental"
FIGURES = ["documents", "first_build_s", "unchanged_rebuild_s", "ratio", "one_changed_rebuild_s"]


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    source = ws.corpus(ws.size.incremental_documents, ws.size.incremental_units)
    corpus = ws.fresh("incremental-corpus")
    shutil.copytree(source.directory, corpus)  # a copy: one of its files gets edited below
    store = EmbeddedStore(ws.fresh("incremental-store"))
    first, report = timed(lambda: build([corpus], store, progress=False, budget=IN_PROCESS))
    _expect(report, built=source.documents)
    again = []
    for _ in range(ws.size.repeats):
        elapsed, report = timed(lambda: build([corpus], store, progress=False, budget=IN_PROCESS))
        _expect(report, built=0)
        again.append(elapsed)
    edited = sorted(corpus.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe county said it would review the order.\n")
    changed, report = timed(lambda: build([corpus], store, progress=False, budget=IN_PROCESS))
    _expect(report, built=1)
    store.close()
    rebuild = median(again)
    result.add("documents", source.documents, "documents")
    result.add("first_build_s", first, "first build (empty store)", seconds(first))
    result.add("unchanged_rebuild_s", rebuild, "second build, nothing changed", seconds(rebuild))
    result.add("ratio", rebuild / first, "second / first", f"{rebuild / first:.1%}")
    result.add("one_changed_rebuild_s", changed, "build after editing one document", seconds(changed))
    result.notes.append(f"n_process=1; the unchanged rebuild is the median of {ws.size.repeats} runs.")
    return result


def _expect(report: BuildReport, *, built: int) -> None:
    if report.failed or len(report.built) != built:
        raise RuntimeError(f"expected {built} documents built, got {len(report.built)} ({len(report.failed)} failed)")

"""Build the graph: documents -> parsed text -> extracted facts -> RDF -> store.

Each document version gets its own named graph (name + content hash), written in one transaction, so a run
stopped at any point leaves the store consistent and a re-run completes it. A document's name is its path
relative to the folder given (`kg.folders`). Unchanged documents are not parsed again; a changed one replaces its
previous graph; a moved or renamed one (the same content under a new name, its old path gone) replaces its old name.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from tqdm import tqdm

import kg.merge
import kg.patterns
import kg.worker
from kg import data
from kg.crossdoc import link
from kg.docgraph import DocumentGraph, Failure, graph_result
from kg.documents import Document, read_document
from kg.errors import DocumentError
from kg.folders import Skipped, list_sources, roots
from kg.mapping import MERGE_GRAPH, ONTOLOGY_GRAPH, document_graph
from kg.queries import load_query
from kg.resolve import Curation
from kg.store import Store
from kg.text import shown
from kg.vocab import POL
from kg.worker import DEFAULT_MEMORY, DEFAULT_TIMEOUT

PART = 500  # documents parsed, stored and merged together: then the store's buffers and spaCy's strings are flushed


@dataclass
class BuildReport:
    """What a build did, document by document."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> files and folders passed over by design
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old name, new name)
    warnings: list[str] = field(default_factory=list)  # documents read with something left out, one line each
    facts: int = 0
    linked: int = 0  # names, acronyms and unnamed office holders joined across documents (kg.crossdoc)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """One line, as `kg build` ends: "built 3 documents (12 facts), 0 unchanged, 0 failed; skipped 3: 2 not a
        document type, 1 hidden"."""
        line = (
            f"built {len(self.built)} documents ({self.facts} facts), {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed"
        )
        if self.moved:
            line += f", {len(self.moved)} moved"
        if self.linked:
            line += f", {self.linked} names linked across documents"
        if self.skipped:
            reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.most_common())
            line += f"; skipped {self.skipped.total()}: {reasons}"
        return line


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    progress: bool = True,
    workers: int = 1,
    batch_size: int = 16,
    budget: Budget | None = None,
    curation: Curation | None = None,
    patterns: Path | None = None,
) -> BuildReport:
    """Extract every document under `paths` into `store`; one bad document never stops the batch, nor does one
    that takes longer or more memory than its `budget` (default: `Budget()`, a few minutes and 6 GiB). Entities
    are resolved by `kg.resolve`, with the identity decisions of `curation` applied last.

    `patterns` is a folder of a domain's own entity-ruler patterns and trigger words (docs/patterns.md), read
    before anything is parsed so that a bad file stops the build with `PatternError` (documents already in the
    store and unchanged are not read again with them)."""
    budget = budget or Budget()
    if patterns is not None:
        patterns = Path(patterns).resolve()  # worker processes are handed it by name
        kg.patterns.read_folder(patterns)
    report = BuildReport()
    todo, stored = plan(paths, store, report)
    writer = GraphWriter(store, stored, report)
    bar = tqdm(total=len(todo), unit="doc", desc="building", disable=not progress, file=sys.stderr)
    documents = read_listed(todo, report)
    for document, result in document_graphs(documents, budget, workers, batch_size, curation or Curation(), patterns):
        writer.add(document, result)
        bar.update()
    writer.close()
    bar.close()
    finish(store, report, curation)
    return report


def plan(
    paths: Iterable[str | Path], store: Store, report: BuildReport
) -> tuple[list[tuple[str, str, str]], dict[str, dict[URIRef, str]]]:
    """The documents under `paths` to parse, as (path, name, content hash), and the document versions the store
    held; unchanged documents, skipped files and files that cannot be read go to `report`, and other versions of
    unchanged documents and the old names of moved ones are dropped from the store."""
    paths = list(paths)  # walked, then looked in for moved documents
    store.put_graph(ONTOLOGY_GRAPH, data.ontology_graph())
    store.check_default_graph()  # a new remote store could not be checked before it held a graph
    stored = stored_documents(store)
    stale: list[URIRef] = []  # other versions of unchanged documents
    # Paths and names only, as strings (a `Path` takes three times the memory): texts are read again as the
    # parser consumes them, so memory stays flat.
    todo: list[tuple[str, str, str]] = []  # (path, name, content hash)
    listed: set[str] = set()
    for item in list_sources(paths):
        if isinstance(item, Skipped):
            report.skipped[item.reason] += 1
            continue
        if isinstance(item, DocumentError):
            report.failed.append((str(item).split(":", 1)[0], str(item)))
            continue
        if item.name in listed:  # the same file given twice, or two roots with a name in common
            report.skipped["listed twice"] += 1
            continue
        listed.add(item.name)
        try:
            document = read_document(item.path, name=item.name)
        except DocumentError as error:
            report.failed.append((shown(item.path), str(error)))
            continue
        report.warnings += document.warnings
        graph = document_graph(document.name, document.content_hash)
        if graph in stored.get(document.name, {}):
            report.unchanged.append(document.name)
            stale += [old for old in stored[document.name] if old != graph]
            continue
        todo.append((str(item.path), document.name, document.content_hash))
    stale += _moved(todo, stored, listed, roots(paths), report)
    kg.merge.drop(store, stale)
    return todo, stored


def finish(store: Store, report: BuildReport, curation: Curation | None) -> None:
    """After the documents' graphs are stored: merge what a stopped run left out (nothing after a whole run), and
    link names across documents when a document changed or a stopped run was linking (its joins, each rewriting
    the graphs it names, may be half done)."""
    pending = bool(list(store.rows(load_query("link_pending").text)))
    kg.merge.merge(store)
    if report.built or pending:
        marker = [(MERGE_GRAPH, POL.linkPending, Literal(True))]
        store.add(MERGE_GRAPH, marker)
        report.linked = len(link(store, curation))
        store.remove(MERGE_GRAPH, marker)


def _moved(
    todo: list[tuple[str, str, str]],
    stored: dict[str, dict[URIRef, str]],
    listed: set[str],
    folders: list[Path],
    report: BuildReport,
) -> list[URIRef]:
    """Graphs of stored documents whose content comes back under a new name while their old path is gone: a moved
    or renamed file is one document, not two (and the old one's facts do not stay behind)."""
    names_of: dict[str, list[str]] = {}
    for name, versions in stored.items():
        for content_hash in set(versions.values()):
            names_of.setdefault(content_hash, []).append(name)
    gone: list[URIRef] = []
    for _, name, content_hash in todo:
        for old in names_of.get(content_hash, []):
            if old == name or old in listed or any((folder / old).exists() for folder in folders):
                continue
            listed.add(old)  # one new name per old one
            report.moved.append((old, name))
            gone += stored[old]
    return gone


@dataclass(frozen=True)
class Budget:
    """What one document may take: `timeout` seconds and `memory` bytes of a parser process's address space.
    No timeout parses in this process, without a budget (the memory benchmark measures the parser so)."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY


class GraphWriter:
    """The one process that writes the store: documents' graphs stored `together` at a time (a transaction each;
    default: the store's `graphs_per_write`) and merged `PART` at a time, after which the old versions of those
    documents are dropped and, but for the last part, the store's buffers flushed. Failures are reported; none stops
    the others."""

    def __init__(
        self, store: Store, stored: dict[str, dict[URIRef, str]], report: BuildReport, together: int | None = None
    ) -> None:
        self.store, self.stored, self.report = store, stored, report
        self.together = together or store.graphs_per_write
        self._waiting: list[tuple[Document, DocumentGraph]] = []
        self._part: list[DocumentGraph] = []  # stored, not yet merged
        self._seen = 0  # documents of the part, stored or failed

    def add(self, document: Document, result: DocumentGraph | Failure) -> None:
        if isinstance(result, Failure):
            where = shown(document.path)
            self.report.failed.append((where, f"{where}: {result.reason}"))
        else:
            self._waiting.append((document, result))
        if len(self._waiting) >= self.together:
            self.store_waiting()
        self._seen += 1
        if self._seen == PART:
            self.close()
            self.store.flush()  # the embedded store's write buffers and read caches otherwise grow with the corpus

    def store_waiting(self) -> None:
        """Store the graphs added since the last write, in one."""
        self._part += store_graphs(self._waiting, self.store, self.report)
        self._waiting = []

    def close(self) -> None:
        """Store what waits and merge the part. Not flushed: after the last part the store is closed, which writes it
        out; a flush before would reopen the embedded store, and linking would read it cold (0.1 s a build)."""
        self.store_waiting()
        new = [graph.iri for graph in self._part]
        kg.merge.add(self.store, new)
        replaced = set(new)
        old = [old for graph in self._part for old in self.stored.get(graph.name, {}) if old not in replaced]
        kg.merge.drop(self.store, old)
        self._part, self._seen = [], 0


def document_graphs(
    documents: Iterator[Document],
    budget: Budget,
    workers: int,
    batch_size: int,
    curation: Curation,
    patterns: Path | None,
) -> Iterator[tuple[Document, DocumentGraph | Failure]]:
    """Each document's graph, or why it has none: made in worker processes that are stopped when a document
    overruns its budget (`kg.worker`), or here when there is no budget."""
    if budget.timeout is not None:
        pool = kg.worker.pool(workers, memory=budget.memory, patterns=patterns)
        yield from pool.extract(documents, timeout=budget.timeout, batch_size=batch_size, curation=curation)
        return
    from kg.parsing import load_nlp, parse

    for first in documents:  # nothing to parse: the model is not loaded
        nlp = load_nlp(patterns=patterns)  # cached: loaded once
        part = itertools.chain([first], itertools.islice(documents, PART - 1))
        # spaCy keeps every string it has seen: a memory zone forgets a part's names once it is mapped
        with nlp.memory_zone():
            texts = ((d.text, d) for d in part)
            for doc, document in parse(nlp, texts, n_process=workers, batch_size=batch_size):
                yield document, graph_result(doc, document.info(), curation)


def store_graphs(
    graphs: list[tuple[Document, DocumentGraph]], store: Store, report: BuildReport
) -> list[DocumentGraph]:
    """Store documents' graphs in one transaction, and report them built; when that fails, one at a time, so that
    a graph the store refuses fails alone. Returns the graphs stored."""
    if not graphs:
        return []
    try:
        store.put_graphs([graph.iri for _, graph in graphs], b"".join(graph.nquads for _, graph in graphs))
    except Exception as error:
        if len(graphs) > 1:
            return [stored for one in graphs for stored in store_graphs([one], store, report)]
        where = shown(graphs[0][0].path)
        report.failed.append((where, f"{where}: storing failed: {' '.join(str(error).split())}"))
        return []
    report.built += [graph.name for _, graph in graphs]
    report.facts += sum(graph.facts for _, graph in graphs)
    return [graph for _, graph in graphs]


def read_listed(todo: list[tuple[str, str, str]], report: BuildReport) -> Iterator[Document]:
    """The documents to parse, read one at a time."""
    for path, name, _ in todo:
        try:
            document = read_document(path, name=name)
        except DocumentError as error:  # changed or removed since it was listed
            report.failed.append((shown(path), str(error)))
            continue
        yield document


def stored_documents(store: Store) -> dict[str, dict[URIRef, str]]:
    """File name -> {graph: content hash} of every document version in the store."""
    result: dict[str, dict[URIRef, str]] = {}
    for row in store.rows(load_query("document_versions").text):
        result.setdefault(str(row["name"]), {})[row["graph"]] = str(row["hash"])
    return result


def graphs_of(names: Iterable[str], store: Store) -> dict[str, list[URIRef]]:
    """Name -> named graphs of each document given by its name or a path ending in it; an unknown or ambiguous
    name is an error."""
    stored = stored_documents(store)
    found: dict[str, list[URIRef]] = {}
    for name in names:
        key = stored_name(name, stored)
        found[key] = list(stored[key])
    return found


def stored_name(given: str, stored: Iterable[str]) -> str:
    """The stored document `given` means: its name (a path relative to the folder built), a longer path ending
    in it, or a shorter one (a bare file name) that only one stored name ends with."""
    text = shown(given)
    names = set(stored)
    if text in names:
        return text
    matches = sorted(n for n in names if text.endswith("/" + n) or n.endswith("/" + text))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise DocumentError(f"{given}: names {len(matches)} documents ({', '.join(matches)}); give more of its path")
    raise DocumentError(f"{given}: not in the store; `kg query documents` lists the documents it holds")


def remove(names: Iterable[str], store: Store) -> list[str]:
    """Delete documents (by file name or path) and every node only they supported."""
    found = graphs_of(names, store)
    kg.merge.drop(store, [graph for graphs in found.values() for graph in graphs])
    return list(found)

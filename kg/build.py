"""Build the graph: documents -> parsed text -> extracted facts -> RDF -> store.

Each document version gets its own named graph (name + content hash), written in one transaction, so a run
stopped at any point leaves the store consistent and a re-run completes it. A document's name is its path
relative to the folder given (`kg.folders`). Unchanged documents are not parsed again; a changed one replaces its
previous graph; a moved or renamed one (the same content under a new name, its old path gone) replaces its old name.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import URIRef
from tqdm import tqdm

import kg.merge
import kg.patterns
import kg.worker
from kg import data
from kg.crossdoc import link
from kg.documents import Document, read_document
from kg.errors import DocumentError
from kg.facts import Extraction
from kg.folders import Skipped, list_sources, roots
from kg.mapping import ONTOLOGY_GRAPH, document_graph, fact_iri, to_triples
from kg.queries import load_query
from kg.resolve import Curation, resolve
from kg.store import Store
from kg.text import shown
from kg.worker import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Failure

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
    n_process: int = 1,
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
    paths = list(paths)  # walked, then looked in for moved documents
    report = BuildReport()
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
    _parse(
        todo,
        stored,
        store,
        report,
        budget=budget,
        n_process=n_process,
        batch_size=batch_size,
        progress=progress,
        curation=curation or Curation(),
        patterns=patterns,
    )
    kg.merge.merge(store)  # what a stopped run left out; nothing after a whole run
    if report.built:
        report.linked = len(link(store, curation))
    return report


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


def _parse(
    todo: list[tuple[str, str, str]],
    stored: dict[str, dict[URIRef, str]],
    store: Store,
    report: BuildReport,
    *,
    budget: Budget,
    n_process: int,
    batch_size: int,
    progress: bool,
    curation: Curation,
    patterns: Path | None,
) -> None:
    """Parse, extract, resolve, store and merge the documents to build, a part at a time."""
    if not todo:
        return
    bar = tqdm(total=len(todo), unit="doc", desc="building", disable=not progress, file=sys.stderr)
    for start in range(0, len(todo), PART):
        documents = _documents(todo[start : start + PART], report)
        part: list[Document] = []
        extractions = _extractions(documents, budget, n_process=n_process, batch_size=batch_size, patterns=patterns)
        for document, result in extractions:
            if _store_one(document, result, store, report, curation):
                part.append(document)
            bar.update()
        new = [document_graph(d.name, d.content_hash) for d in part]
        kg.merge.add(store, new)
        replaced = set(new)
        kg.merge.drop(store, [old for d in part for old in stored.get(d.name, {}) if old not in replaced])
        store.flush()  # the embedded store's write buffers otherwise grow with the corpus
    bar.close()


def _extractions(
    documents: Iterator[Document], budget: Budget, *, n_process: int, batch_size: int, patterns: Path | None
) -> Iterator[tuple[Document, Extraction | Failure]]:
    """Each document's extraction, or why it has none: in worker processes that are stopped when a document
    overruns its budget (`kg.worker`), or here when there is no budget."""
    if budget.timeout is not None:
        workers = kg.worker.pool(n_process, memory=budget.memory, patterns=patterns)
        yield from workers.extract(documents, timeout=budget.timeout, batch_size=batch_size)
        return
    from kg.extract import extract
    from kg.parsing import load_nlp, parse

    nlp = load_nlp(patterns=patterns)
    # spaCy keeps every string it has seen: a memory zone forgets a part's names once it is stored
    with nlp.memory_zone():
        texts = ((d.text, d) for d in documents)
        for doc, document in parse(nlp, texts, n_process=n_process, batch_size=batch_size):
            try:
                yield document, extract(doc, document.info())
            except Exception as error:
                yield document, Failure(f"extraction failed: {' '.join(str(error).split())}")


def _store_one(
    document: Document, result: Extraction | Failure, store: Store, report: BuildReport, curation: Curation
) -> bool:
    """Resolve and store one document's graph, without the facts the curation rejects; a failure is reported,
    never fatal to the batch."""
    where = shown(document.path)
    if isinstance(result, Failure):
        report.failed.append((where, f"{where}: {result.reason}"))
        return False
    try:
        result = _without_rejected(resolve(result, curation=curation), curation.rejected)
    except Exception as error:
        report.failed.append((where, f"{where}: resolution failed: {' '.join(str(error).split())}"))
        return False
    try:
        store.put_graph(document_graph(document.name, document.content_hash), to_triples(result))
    except Exception as error:
        report.failed.append((where, f"{where}: storing failed: {' '.join(str(error).split())}"))
        return False
    report.built.append(document.name)
    report.facts += len(result.facts)
    return True


def _without_rejected(extraction: Extraction, rejected: frozenset[str]) -> Extraction:
    """The extraction less the facts whose IRI (as the mapping makes it, from the resolved keys) is rejected."""
    if not rejected:
        return extraction
    content_hash = extraction.document.content_hash
    kept = [fact for fact in extraction.facts if str(fact_iri(fact, content_hash)) not in rejected]
    return replace(extraction, facts=kept)


def _documents(todo: list[tuple[str, str, str]], report: BuildReport) -> Iterator[Document]:
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

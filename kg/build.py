"""Build the graph: documents -> parsed text -> extracted facts -> RDF -> store.

Each document version gets its own named graph (file name + content hash), written in one
transaction, so a run stopped at any point leaves the store consistent and a re-run completes it.
Unchanged documents are not parsed again; a changed one replaces its previous graph.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node
from tqdm import tqdm

from kg.documents import Document, iter_documents, read_document
from kg.errors import DocumentError
from kg.mapping import MERGE_GRAPH, ONTOLOGY_GRAPH, document_graph, to_triples
from kg.queries import load_query
from kg.store import Store
from kg.vocabgen import ONTOLOGY

if TYPE_CHECKING:
    from spacy.tokens import Doc

FLUSH_EVERY = 500  # documents between flushes of the store's write buffers and of spaCy's strings


@dataclass
class BuildReport:
    """What a build did, document by document."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def build(
    paths: Iterable[str | Path], store: Store, *, progress: bool = True, n_process: int = 1, batch_size: int = 16
) -> BuildReport:
    """Extract every document under `paths` into `store`; one bad document never stops the batch."""
    from kg.parsing import load_nlp

    report = BuildReport()
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    stored = stored_documents(store)
    dropped = False
    todo: list[Path] = []  # paths only: texts are read again as the parser consumes them, so memory stays flat
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            report.failed.append((str(item).split(":", 1)[0], str(item)))
            continue
        graph = document_graph(item.name, item.content_hash)
        if graph in stored.get(item.name, {}):
            report.unchanged.append(item.name)
            dropped |= _drop_stale(store, stored.get(item.name, {}), keep=graph)
            continue
        todo.append(item.path)
    if todo:
        nlp = load_nlp()
        bar = tqdm(total=len(todo), unit="doc", desc="building", disable=not progress, file=sys.stderr)
        for start in range(0, len(todo), FLUSH_EVERY):
            # spaCy keeps every string it has seen: a memory zone forgets a part's names once it is stored
            with nlp.memory_zone():
                texts = _texts(todo[start : start + FLUSH_EVERY], report)
                for doc, document in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size):
                    _build_one(doc, document, store, stored, report)
                    bar.update()
            store.flush()  # the embedded store's write buffers otherwise grow with the corpus
        bar.close()
    if report.built or dropped or MERGE_GRAPH not in store.graphs():
        merge(store)  # only when a document graph changed: at a million triples a merge takes seconds
    return report


def _build_one(
    doc: Doc, document: Document, store: Store, stored: dict[str, dict[URIRef, str]], report: BuildReport
) -> None:
    """Extract one parsed document into its own graph; a failure is reported, never fatal to the batch."""
    from kg.extract import extract

    try:
        extraction = extract(doc, document.info())
        graph = document_graph(document.name, document.content_hash)
        store.put_graph(graph, to_triples(extraction))
    except Exception as error:
        report.failed.append((str(document.path), f"{document.path}: extraction failed: {error}"))
        return
    _drop_stale(store, stored.get(document.name, {}), keep=graph)
    report.built.append(document.name)
    report.facts += len(extraction.facts)


def _texts(paths: list[Path], report: BuildReport) -> Iterator[tuple[str, Document]]:
    """(text, document) pairs for the parser, read one at a time."""
    for path in paths:
        try:
            document = read_document(path)
        except DocumentError as error:  # changed or removed since it was listed
            report.failed.append((str(path), str(error)))
            continue
        yield document.text, document


def stored_documents(store: Store) -> dict[str, dict[URIRef, str]]:
    """File name -> {graph: content hash} of every document version in the store."""
    result: dict[str, dict[URIRef, str]] = {}
    for row in store.query(load_query("documents").text).rows:
        result.setdefault(str(row["name"]), {})[row["graph"]] = str(row["hash"])
    return result


def _drop_stale(store: Store, versions: dict[URIRef, str], *, keep: URIRef) -> bool:
    """Drop the other versions of a document; whether there were any."""
    stale = [graph for graph in versions if graph != keep]
    for graph in stale:
        store.drop_graph(graph)
    return bool(stale)


def graphs_of(names: Iterable[str], store: Store) -> dict[str, list[URIRef]]:
    """File name -> named graphs of each document given by file name or path; unknown names are an error."""
    stored = stored_documents(store)
    found: dict[str, list[URIRef]] = {}
    for name in names:
        key = Path(name).name
        if key not in stored:
            raise DocumentError(f"{name}: not in the store; `kg query documents` lists the documents it holds")
        found[key] = list(stored[key])
    return found


def remove(names: Iterable[str], store: Store) -> list[str]:
    """Delete documents (by file name or path) and every node only they supported."""
    found = graphs_of(names, store)
    for graphs in found.values():
        for graph in graphs:
            store.drop_graph(graph)
    merge(store)
    return list(found)


def merge(store: Store) -> None:
    """Recompute the cross-document graph: each entity described once, from all documents.

    Document graphs each describe the entities they mention, so the union of the graphs repeats
    those triples once per document. The merge graph holds them once, with one preferred
    `rdfs:label` (the fullest of the documents' labels: longest, then alphabetically first) and every
    other name as `skos:altLabel`; queries read entity descriptions from it.
    """
    # in parts: one transaction would hold the whole graph in memory (a stopped merge is redone: see graphs())
    store.put_graph(MERGE_GRAPH, _merged(store.rows(load_query("merge_source").text)), atomic=False)


def _merged(rows: Iterable[dict[str, Node | None]]) -> Iterator[tuple[Node, Node, Node]]:
    """The merge graph's triples from the merge source's rows, read once: relations pass straight
    through, and only the names are held until every document's have been seen (memory grows with the
    entities, not with the rows)."""
    labels: dict[Node, set[str]] = defaultdict(set)
    aliases: dict[Node, set[str]] = defaultdict(set)
    for row in rows:
        entity, prop, value = row["entity"], row["property"], row["value"]
        if prop == RDFS.label:
            labels[entity].add(str(value))
        elif prop == SKOS.altLabel:
            aliases[entity].add(str(value))
        else:
            yield entity, prop, value
    for entity, names in labels.items():
        preferred = min(names, key=lambda name: (-len(name), name))
        yield entity, RDFS.label, Literal(preferred)
        others = (names | aliases[entity]) - {preferred}
        yield from ((entity, SKOS.altLabel, Literal(name)) for name in sorted(others))

"""Build the graph: documents -> parsed text -> extracted facts -> RDF -> store.

Each document version gets its own named graph (file name + content hash), written in one
transaction, so a run stopped at any point leaves the store consistent and a re-run completes it.
Unchanged documents are not parsed again; a changed one replaces its previous graph.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from tqdm import tqdm

import kg.merge
from kg.documents import Document, iter_documents, read_document
from kg.errors import DocumentError
from kg.mapping import ONTOLOGY_GRAPH, document_graph, to_triples
from kg.queries import load_query
from kg.store import Store
from kg.vocabgen import ONTOLOGY

if TYPE_CHECKING:
    from spacy.tokens import Doc

PART = 500  # documents parsed, stored and merged together: then the store's buffers and spaCy's strings are flushed


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
    stale: list[URIRef] = []  # other versions of unchanged documents
    # Paths only, as strings (a `Path` takes three times the memory): texts are read again as the parser
    # consumes them, so memory stays flat.
    todo: list[str] = []
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            report.failed.append((str(item).split(":", 1)[0], str(item)))
            continue
        graph = document_graph(item.name, item.content_hash)
        if graph in stored.get(item.name, {}):
            report.unchanged.append(item.name)
            stale += [old for old in stored[item.name] if old != graph]
            continue
        todo.append(str(item.path))
    kg.merge.drop(store, stale)
    if todo:
        nlp = load_nlp()
        bar = tqdm(total=len(todo), unit="doc", desc="building", disable=not progress, file=sys.stderr)
        for start in range(0, len(todo), PART):
            # spaCy keeps every string it has seen: a memory zone forgets a part's names once it is stored
            with nlp.memory_zone():
                texts = _texts(todo[start : start + PART], report)
                part: list[Document] = []
                for doc, document in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size):
                    if _build_one(doc, document, store, report):
                        part.append(document)
                    bar.update()
            new = [document_graph(d.name, d.content_hash) for d in part]
            kg.merge.add(store, new)
            replaced = set(new)
            kg.merge.drop(store, [old for d in part for old in stored.get(d.name, {}) if old not in replaced])
            store.flush()  # the embedded store's write buffers otherwise grow with the corpus
        bar.close()
    kg.merge.merge(store)  # what a stopped run left out; nothing after a whole run
    return report


def _build_one(doc: Doc, document: Document, store: Store, report: BuildReport) -> bool:
    """Extract one parsed document into its own graph; a failure is reported, never fatal to the batch."""
    from kg.extract import extract

    try:
        extraction = extract(doc, document.info())
        store.put_graph(document_graph(document.name, document.content_hash), to_triples(extraction))
    except Exception as error:
        report.failed.append((str(document.path), f"{document.path}: extraction failed: {error}"))
        return False
    report.built.append(document.name)
    report.facts += len(extraction.facts)
    return True


def _texts(paths: list[str], report: BuildReport) -> Iterator[tuple[str, Document]]:
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
    for row in store.rows(load_query("document_versions").text):
        result.setdefault(str(row["name"]), {})[row["graph"]] = str(row["hash"])
    return result


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
    kg.merge.drop(store, [graph for graphs in found.values() for graph in graphs])
    return list(found)

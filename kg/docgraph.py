"""One document's graph, ready to store: its extraction resolved, curated, mapped to RDF and written as N-Quads.

It is made where the document was parsed (a worker process, a cluster task), so that the one process that writes
the store, which every worker and every machine of a build shares, only loads bytes: resolution, the mapping and
their rdflib terms cost that process about 20 ms a document, a ceiling of some 50 documents/s for any number of
workers. N-Quads are what every store loads fastest (Oxigraph parses them in Rust; a server takes many graphs in
one Graph Store request), and their text names the graph, so a batch of documents is one blob.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef

from kg.facts import DocumentInfo, Extraction
from kg.mapping import document_graph, fact_iri, to_triples
from kg.resolve import Curation, resolve
from kg.store import to_oxigraph

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Failure:
    """Why one document has no graph: a one-line reason, without the path."""

    reason: str


@dataclass(frozen=True)
class DocumentGraph:
    """A document version's named graph as N-Quads, and what the build report needs of it."""

    name: str  # the document's name in the store
    content_hash: str
    graph: str  # the named graph's IRI, as the mapping where it was made named it
    facts: int
    nquads: bytes  # every quad in `graph`

    @property
    def iri(self) -> URIRef:
        return URIRef(self.graph)


def graph_result(doc: Doc, info: DocumentInfo, curation: Curation) -> DocumentGraph | Failure:
    """A parsed document's graph, or why it has none: a failure of its extraction or resolution is its own."""
    from kg.extract import extract  # spaCy's side: not imported by the writer

    try:
        extraction = extract(doc, info)
    except Exception as error:
        return Failure(f"extraction failed: {_one_line(error)}")
    try:
        return graph_of(extraction, curation)
    except Exception as error:
        return Failure(f"resolution failed: {_one_line(error)}")


def warm_up(nlp: Language) -> None:
    """Make one small document's graph, so that what extraction, resolution and the mapping load on first use (the
    authority tables take seconds) is loaded before any document's time budget starts."""
    text = "Governor John Doe of Oregon signed an executive order on Monday."
    graph_result(nlp(text), DocumentInfo(name="warm-up.txt", content_hash="0" * 16), Curation())


def graph_of(extraction: Extraction, curation: Curation) -> DocumentGraph:
    """The document's graph: its entities resolved (`kg.resolve`), without the facts the curation rejects."""
    resolved = without_rejected(resolve(extraction, curation=curation), curation.rejected)
    info = resolved.document
    graph = str(document_graph(info.name, info.content_hash))
    name = ox.NamedNode(graph)
    quads = (ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in to_triples(resolved))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return DocumentGraph(info.name, info.content_hash, graph, len(resolved.facts), nquads)


def without_rejected(extraction: Extraction, rejected: frozenset[str]) -> Extraction:
    """The extraction less the facts whose IRI (as the mapping makes it, from the resolved keys) is rejected."""
    if not rejected:
        return extraction
    content_hash = extraction.document.content_hash
    kept = [fact for fact in extraction.facts if str(fact_iri(fact, content_hash)) not in rejected]
    return replace(extraction, facts=kept)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

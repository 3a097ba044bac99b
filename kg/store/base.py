"""The abstract store: what every backend answers (`QueryResult`) and does (`Store`).

A backend is a module beside this one (`kg.store.embedded`) or elsewhere (`kg.remote`), loaded by name by
`kg.store.open_store`; this module imports none of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


@dataclass
class QueryResult:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


Bindings = Mapping[str, Node | Sequence[Node]]


class Store(ABC):
    """A quad store holding one named graph per document."""

    # Documents' graphs a build stores in one `put_graphs`: one each, so that a build stopped anywhere has stored
    # every document it has made; a store whose writes each cost a round trip takes more at once.
    graphs_per_write = 1

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs."""

    def rows(self, sparql: str, bindings: Bindings | None = None) -> Iterator[dict[str, Node | None]]:
        """The rows of a SELECT query one at a time, for answers too large to hold (the embedded store
        streams them; a remote one reads the whole answer first). No ORDER BY: rows come as the store has them."""
        yield from self.query(sparql, bindings).rows

    def texts(self, sparql: str, bindings: Bindings | None = None) -> Iterator[str]:
        """The text of the first column of a SELECT query's rows (a literal's lexical form, an IRI), one at a time,
        for a long answer of one column that a caller parses itself (`fact_rows.rq`); an unbound value is skipped.
        No ORDER BY, as for `rows`."""
        for row in self.rows(sparql, bindings):
            value = next(iter(row.values()), None)
            if value is not None:
                yield str(value)

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, atomically where the store allows."""

    @abstractmethod
    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace the content of a named graph with `triples`, in one transaction where the store allows."""

    def put_graphs(self, graphs: Sequence[URIRef], nquads: bytes) -> None:
        """Replace the named graphs `graphs` with the quads of `nquads` (N-Quads, each quad in one of them), in one
        transaction where the store allows: a build stores many documents' graphs at once so. Stores without a
        bulk path put each graph in turn."""
        data = Dataset()
        data.parse(data=nquads, format="nquads")
        for graph in graphs:
            self.put_graph(graph, data.graph(graph))

    @abstractmethod
    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Add `triples` to a named graph (those already there stay once)."""

    @abstractmethod
    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Remove `triples` from a named graph (those not there are no error)."""

    @abstractmethod
    def drop_graph(self, graph: URIRef) -> None:
        """Remove a named graph (no error when absent)."""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """Names of all named graphs."""

    @abstractmethod
    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        """The named graphs (all by default) as an rdflib Dataset, for export."""

    @abstractmethod
    def flush(self) -> None:
        """Write buffered changes out and let go of what reading kept, so memory does not grow with a long build."""

    @abstractmethod
    def close(self) -> None:
        """Release the store."""

    def check_default_graph(self) -> None:
        """Raise StoreError unless the default graph is the union of the named graphs, which every query of
        `kg/data/queries/` reads. The embedded store queries the union by construction."""
        return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""The embedded backend: a persistent Oxigraph (RocksDB) store in a local folder."""

from __future__ import annotations

import fcntl
import functools
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store.base import Bindings, QueryResult, Store, Triple
from kg.store.sparql import bind, sort_rows, split_order_by, tsv_rows

DEFAULT_LOCATION = Path(".kg/store")

_T = TypeVar("_T")


# Answers repeat terms (labels, classes, file names, offsets) row after row, and building an rdflib term costs
# microseconds (typed literals are parsed): converting each distinct term once takes converting the 74,000 rows of
# facts.rq on a 1M-triple store from 4 s to 1 s. rdflib terms are immutable, so sharing them is safe.
@functools.lru_cache(maxsize=1 << 16)
def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _select_rows(answer: ox.QuerySolutions, names: list[str]) -> list[dict[str, Node | None]]:
    """The solutions as rows of rdflib terms, read from Oxigraph's TSV serialisation.

    Oxigraph writes TSV in Rust; splitting it and parsing each distinct term once is faster than asking
    pyoxigraph for every term of every row (a Python object each): 2 s less on the 74,000 rows of facts.rq at 1M
    triples. Terms come out as `to_rdflib` makes them.
    """
    text = answer.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    lines = text.split("\n")[1:]  # the header, then one line per row, each ended by a newline
    if lines and lines[-1] == "":
        lines.pop()
    return list(tsv_rows(lines, names))



def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store term {term!r}")


class EmbeddedStore(Store):
    """A persistent Oxigraph (RocksDB) store in a local folder.

    One process writes it at a time: a writer holds an advisory lock on ``DIR.lock`` beside the folder for as long
    as it has the store open, across the reopening `flush` does (RocksDB's own lock is let go in that gap, and a
    second writer taking it there killed the first). A second writer is refused at once, with a message saying
    so. Readers (`read_only=True`) take no lock and work beside a writer: each sees the store as it was when it
    opened it. A `shared` store (a server's, whose threads hold the open instance) is never reopened: `flush` only
    writes out.
    """

    def __init__(
        self,
        location: str | Path = DEFAULT_LOCATION,
        *,
        create: bool = True,
        read_only: bool = False,
        shared: bool = False,
    ) -> None:
        self.location = Path(location)
        self.read_only = read_only
        self.shared = shared
        if (read_only or not create) and not (self.location / "CURRENT").is_file():  # RocksDB's marker
            raise StoreError(
                f"no store at {self.location}: build one first with `kg build PATH --store {self.location}`"
            )
        self._lock = None if read_only else _writer_lock(self.location)
        try:
            if read_only:
                self._store = self._open_read_only()
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.location))
        except OSError as error:
            self._unlock()
            raise StoreError(f"cannot open the store at {self.location}: {error}") from error

    def _open_read_only(self) -> ox.Store:
        """A read-only instance; beside a writer, opening can meet a file list that the writer's compaction has
        just changed (RocksDB: 'Corruption: ... No such file'), and a fresh attempt reads the new one."""
        for attempt in range(_READ_ATTEMPTS):
            try:
                return ox.Store.read_only(str(self.location))
            except (OSError, RuntimeError) as error:
                if attempt == _READ_ATTEMPTS - 1:
                    raise StoreError(
                        f"cannot open the store at {self.location} while it is written ({_first_line(error)}); "
                        "run the command again"
                    ) from error
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself, for callers that stream answers in Oxigraph's own formats (`kg.serve`)."""
        return self._store

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        # Oxigraph sorts by looking each compared IRI and string up in its store, again at every comparison: ORDER
        # BY took 10 of the 11 s of order_addressees.rq (61,000 rows) at 1M triples. Python sorts the converted
        # rows in a fraction of that, by the same rules.
        split = split_order_by(sparql)
        unordered, keys = split if split else (sparql, [])
        result = self._reading(lambda: self._query(bind(unordered, bindings)))
        if keys and result.kind == "select":
            if not all(key.var in result.vars for key in keys):  # ordered by a variable it does not return
                return self._reading(lambda: self._query(bind(sparql, bindings)))
            sort_rows(result.rows, keys)
        return result

    def _reading(self, read: Callable[[], _T]) -> _T:
        """`read()`, again on a freshly opened instance when a reader beside a writer finds files it was reading
        compacted away."""
        for attempt in range(_READ_ATTEMPTS):
            try:
                return read()
            except (OSError, RuntimeError) as error:
                if not self.read_only or attempt == _READ_ATTEMPTS - 1:
                    raise StoreError(
                        f"cannot read the store at {self.location} ({_first_line(error)}); run the command again"
                    ) from error
                del self._store
                self._store = self._open_read_only()
        raise AssertionError("unreachable")

    def _evaluate(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {error}") from error

    def _query(self, sparql: str) -> QueryResult:
        answer = self._evaluate(sparql)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            graph = Graph()
            for triple in answer:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return QueryResult("graph", graph=graph)
        names = [v.value for v in answer.variables]
        return QueryResult("select", vars=names, rows=_select_rows(answer, names))

    def rows(self, sparql: str, bindings: Bindings | None = None) -> Iterator[dict[str, Node | None]]:
        split = split_order_by(sparql)  # rows come unordered: Oxigraph's sort took 1.2 s of 1.3 for 10,000 IRIs
        answer = self._evaluate(bind(split[0] if split else sparql, bindings))
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError("rows() takes a SELECT query")
        names = [v.value for v in answer.variables]
        with tempfile.TemporaryFile() as spool:  # Oxigraph writes the TSV out as it goes; it is read back line by line
            answer.serialize(spool, format=ox.QueryResultsFormat.TSV)
            spool.seek(0)
            spool.readline()  # the header
            yield from tsv_rows((raw.decode("utf-8").removesuffix("\n") for raw in spool), names)

    def texts(self, sparql: str, bindings: Bindings | None = None) -> Iterator[str]:
        # pyoxigraph's own terms, not the TSV of `rows`: the values are long and each distinct (a fact's JSON row),
        # so there is nothing to cache, and unescaping the TSV's quotes cost 5 times the read (20,900 rows/s
        # against 114,000 for the rows of fact_rows.rq at 1M triples)
        split = split_order_by(sparql)
        answer = self._evaluate(bind(split[0] if split else sparql, bindings))
        if not isinstance(answer, ox.QuerySolutions):
            raise QueryError("texts() takes a SELECT query")
        for solution in answer:
            if (term := solution[0]) is not None:
                yield term.value

    def update(self, sparql: str) -> None:
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL update: {error}") from error

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.drop_graph(graph)
        self.add(graph, triples)

    def put_graphs(self, graphs: Sequence[URIRef], nquads: bytes) -> None:
        self._writable()
        for graph in graphs:
            self.drop_graph(graph)
        # Parsed in Rust, in one transaction (not `bulk_load`, which is not one: a build killed in it would leave
        # a document's graph part-written, and the next build would take it for stored).
        self._store.load(nquads, format=ox.RdfFormat.N_QUADS)

    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self._writable()
        self._store.extend(self._quads(graph, triples))  # one transaction: all of them or none

    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self._writable()
        for quad in self._quads(graph, triples):
            self._store.remove(quad)

    @staticmethod
    def _quads(graph: URIRef, triples: Iterable[Triple]) -> Iterator[ox.Quad]:
        name = ox.NamedNode(str(graph))
        return (ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in triples)

    def drop_graph(self, graph: URIRef) -> None:
        self._writable()
        name = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)

    def graphs(self) -> list[URIRef]:
        return self._reading(
            lambda: sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))
        )

    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        wanted = {str(g) for g in graphs} if graphs is not None else None
        return self._reading(lambda: self._dataset(wanted))

    def _dataset(self, wanted: set[str] | None) -> Dataset:
        data = Dataset()
        for quad in self._store:
            if not isinstance(quad.graph_name, ox.NamedNode):
                continue
            if wanted is not None and quad.graph_name.value not in wanted:
                continue
            data.graph(URIRef(quad.graph_name.value)).add(
                (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
            )
        return data

    def flush(self) -> None:
        if self.read_only:
            return
        # RocksDB keeps what it read of each of its files (their index and filter blocks) until the store is closed,
        # so a build whose merge reads across the store grew by 200 MiB over 50,000 documents; reopening lets it go.
        self._store.flush()
        if self.shared:
            return
        del self._store
        self._store = ox.Store(str(self.location))

    def triple_count(self) -> int:
        return self._reading(lambda: len(self._store))

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store
        self._unlock()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only; open it without read_only to change it")

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file lets go of its lock
            self._lock = None


_READ_ATTEMPTS = 5


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


def _writer_lock(location: Path) -> IO[str]:
    """An exclusive lock on ``location.lock``, taken at once or refused with a message naming its holder."""
    location.parent.mkdir(parents=True, exist_ok=True)
    lock = open(location.with_name(location.name + ".lock"), "a+", encoding="utf-8")  # noqa: SIM115 (held open)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.seek(0)
        holder = lock.read().strip() or "unknown"
        lock.close()
        raise StoreError(
            f"the store at {location} is being written by another kg process (pid {holder}); wait for it to finish, "
            "or use another --store (reading commands work beside it)"
        ) from None
    lock.seek(0)
    lock.truncate()
    lock.write(str(os.getpid()))
    lock.flush()
    return lock


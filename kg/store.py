"""Where the graph lives: an embedded Oxigraph store on disk, or a remote SPARQL 1.1 server.

Both speak rdflib terms and return the same `QueryResult`, so every command and every query in
`kg/data/queries/` works the same against either. The default graph is the union of the named graphs
(one per document, plus the ontology and the cross-document merge graph).
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, TypeVar

import pyoxigraph as ox
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError

DEFAULT_LOCATION = Path(".kg/store")

Triple = tuple[Node, Node, Node]
_T = TypeVar("_T")


@dataclass
class QueryResult:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# Variable names kg binds: SPARQL's VARNAME, ASCII only. A name is written into the query as ?name, so anything
# else could change the query's meaning.
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


def strip_comments(sparql: str) -> str:
    """The query without its full-line comments (headers of kg/data/queries/*.rq)."""
    return _COMMENT.sub("", sparql)


Bindings = Mapping[str, Node | Sequence[Node]]


def bind(sparql: str, bindings: Bindings | None) -> str:
    """Bind variables by inline VALUES blocks at the start of the WHERE clause.

    A term binds its variable to that term; a sequence of terms binds it to each of them in turn (one
    VALUES block per such variable). Terms are serialised by rdflib (escaped N-Triples syntax), so user
    text can never change the query's structure. Works on every SPARQL 1.1 engine, which keeps results identical.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name (letters, digits and _)")
    stripped = strip_comments(sparql)
    match = _WHERE.search(stripped)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no 'WHERE {' clause")
    single = {name: term for name, term in bindings.items() if isinstance(term, Node)}
    blocks = [
        f" VALUES ?{name} {{ {' '.join(_term(term) for term in terms)} }} "
        for name, terms in bindings.items()
        if not isinstance(terms, Node)
    ]
    if single:
        names = " ".join(f"?{name}" for name in single)
        blocks.append(f" VALUES ({names}) {{ ({' '.join(_term(term) for term in single.values())}) }} ")
    return stripped[: match.end()] + "".join(blocks) + stripped[match.end() :]


def _term(term: Node) -> str:
    if not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    try:
        return term.n3()
    except Exception as error:  # rdflib refuses to write an IRI with spaces, quotes or brackets
        raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI") from error


# A final ORDER BY of plain variables and STR() of variables (what every query of kg/data/queries/ ends with).
_ORDER_BY = re.compile(r"\bORDER\s+BY\b([^{}]*)\Z", re.IGNORECASE)
_ORDER_KEY = re.compile(
    r"\s*(?:\?(\w+)|ASC\s*\(\s*\?(\w+)\s*\)|\(\s*STR\s*\(\s*\?(\w+)\s*\)\s*\)|STR\s*\(\s*\?(\w+)\s*\))", re.IGNORECASE
)


@dataclass(frozen=True)
class OrderKey:
    """One ascending key of an ORDER BY clause: a variable, or the STR() of one."""

    var: str
    text: bool = False


def split_order_by(sparql: str) -> tuple[str, list[OrderKey]] | None:
    """The query without its final top-level ORDER BY, and that clause's keys.

    None when the query does not end with an ORDER BY or orders by anything else than ascending variables and
    STR() of variables (DESC, other expressions, LIMIT or OFFSET after it): the engine has to sort those.
    """
    stripped = strip_comments(sparql).rstrip()
    match = _ORDER_BY.search(stripped)
    if match is None:
        return None
    keys, clause, at = [], match.group(1).rstrip(), 0
    while at < len(clause):
        key = _ORDER_KEY.match(clause, at)
        if key is None:
            return None
        plain, asc, text1, text2 = key.groups()
        keys.append(OrderKey(plain or asc or text1 or text2, text=bool(text1 or text2)))
        at = key.end()
    return (stripped[: match.start()], keys) if keys else None


_NUMERIC = {
    XSD[name]
    for name in (
        "integer decimal float double nonPositiveInteger negativeInteger long int short byte nonNegativeInteger "
        "unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger"
    ).split()
}


def order_key(term: Node | None) -> tuple:
    """A sort key that orders terms as SPARQL's ORDER BY does.

    Unbound first, then blank nodes, IRIs (by their text), literals. Literals SPARQL compares (strings by code
    point, numbers by value, language strings of one tag, dates of one type: lexically, which is their order for
    the four-digit years without time zone of kg's data) come in that order; SPARQL leaves the order of others
    (a number and a string) to the engine: here they are grouped by kind.
    """
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1, str(term))
    if isinstance(term, URIRef):
        return (2, str(term))
    if isinstance(term, Literal):
        if term.language:
            return (3, 1, term.language, str(term))
        datatype = term.datatype
        if datatype is None or datatype == XSD.string:
            return (3, 0, str(term))
        if datatype in _NUMERIC:
            value = term.toPython()
            if isinstance(value, (int, float, Decimal)) and value == value:  # not NaN
                return (3, 2, value)
        if datatype == XSD.boolean:
            return (3, 3, str(term) in ("true", "1"))
        return (3, 4, str(datatype), str(term))
    return (4, str(term))


def sort_rows(rows: list[dict[str, Node | None]], keys: list[OrderKey]) -> None:
    """Sort rows in place by ORDER BY keys (see `order_key`); equal rows keep their order."""
    cache: dict[tuple[Node | None, bool], tuple] = {}

    def key_of(term: Node | None, text: bool) -> tuple:
        found = cache.get((term, text))
        if found is None:
            if text:  # STR(): the text of an IRI or literal as a simple literal; of a blank node or nothing, an error
                found = (0,) if term is None or isinstance(term, BNode) else (3, 0, str(term))
            else:
                found = order_key(term)
            cache[term, text] = found
        return found

    rows.sort(key=lambda row: tuple(key_of(row.get(k.var), k.text) for k in keys))


class Store(ABC):
    """A quad store holding one named graph per document."""

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs."""

    def rows(self, sparql: str, bindings: Bindings | None = None) -> Iterator[dict[str, Node | None]]:
        """The rows of a SELECT query one at a time, for answers too large to hold (the embedded store
        streams them; a remote one reads the whole answer first). No ORDER BY: rows come as the store has them."""
        yield from self.query(sparql, bindings).rows

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, atomically where the store allows."""

    @abstractmethod
    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace the content of a named graph with `triples`, in one transaction where the store allows."""

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
    return list(_tsv_rows(lines, names))


def _tsv_rows(lines: Iterable[str], names: list[str]) -> Iterator[dict[str, Node | None]]:
    """Rows of rdflib terms from TSV result lines (header excluded), each distinct term parsed once."""
    cache: dict[str, Node | None] = {"": None}
    for line in lines:
        row = {}
        for name, token in zip(names, line.split("\t"), strict=True):
            term = cache.get(token, cache)
            if term is cache:
                term = cache[token] = _tsv_term(token)
            row[name] = term
        yield row


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[1] or m[2] else _ESCAPED[m[3]], text)


def _tsv_term(token: str) -> Node:
    """One term of SPARQL TSV (Turtle syntax) as an rdflib term."""
    first = token[0]
    if first == "<":
        if token.startswith("<<"):
            raise StoreError(f"cannot read the quoted triple {token!r}")
        return URIRef(token[1:-1])
    if first == '"':
        end = token.rindex('"')
        value, suffix = _unescape(token[1:end]), token[end + 1 :]
        if suffix.startswith("@"):
            return Literal(value, lang=suffix[1:])
        return Literal(value, datatype=URIRef(suffix[3:-1]) if suffix else XSD.string)
    if first == "_":
        return BNode(token[2:])
    if token in ("true", "false"):
        return Literal(token, datatype=XSD.boolean)
    if "e" in token or "E" in token:
        return Literal(token, datatype=XSD.double)
    return Literal(token, datatype=XSD.decimal if "." in token else XSD.integer)


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
            yield from _tsv_rows((raw.decode("utf-8").removesuffix("\n") for raw in spool), names)

    def update(self, sparql: str) -> None:
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL update: {error}") from error

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.drop_graph(graph)
        self.add(graph, triples)

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


def open_store(
    location: str | Path = DEFAULT_LOCATION,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    create: bool = True,
    read_only: bool = False,
    **remote_options: object,
) -> Store:
    """The embedded store at `location`, or the remote one at `endpoint` when given.

    With `create=False` a missing embedded store is a StoreError instead of a new empty one; `read_only` opens an
    embedded store beside a process writing it (see `EmbeddedStore`).
    """
    if endpoint:
        from kg.remote import RemoteStore

        remote = RemoteStore(endpoint, update_endpoint=update_endpoint, **remote_options)
        remote.check_default_graph()
        return remote
    return EmbeddedStore(location, create=create, read_only=read_only)

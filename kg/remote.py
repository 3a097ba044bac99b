"""A remote SPARQL 1.1 server as a `Store`: Oxigraph server, Virtuoso, or any SPARQL 1.1 Protocol endpoint.

Queries and updates go through SPARQLWrapper. Bulk loads and exports use the SPARQL 1.1 Graph Store
Protocol when `graph_store` is given, else batched ``INSERT DATA`` updates and per-graph ``CONSTRUCT``. A server
error or a lost connection is tried again with exponential backoff (tenacity). The Graph Store requests go
through httpx.

Answers are converted to exactly the rdflib terms `EmbeddedStore` returns, so `QueryResult`s compare
equal across stores:

- a literal with neither language tag nor datatype (how SPARQL JSON and N-Triples write xsd:string)
  becomes ``Literal(x, datatype=XSD.string)``: that is its RDF 1.1 meaning and what pyoxigraph reports;
- typed literals pass through rdflib's lexical normalisation on both sides (Virtuoso writes booleans
  as 1/0 in JSON, which becomes true/false).

Going the other way, xsd:string literals are written without datatype (in loaded triples and in bound
parameters): the same term in RDF 1.1, but Virtuoso keeps ``"x"`` and ``"x"^^xsd:string`` apart, so
one spelling everywhere is what lets a value read from one answer be bound into the next query.

The server's default graph must be the union of its named graphs (``oxigraph serve
--union-default-graph``; Virtuoso's default; `RemoteStore.check_default_graph` refuses a server where it is not)
and the update user must be allowed to write (Virtuoso: ``GRANT SPARQL_UPDATE TO "SPARQL";`` in isql-vt).

Known Virtuoso 7.2 differences no client can hide:

- its system graphs (``virtrdf#``, ``ldp#``, the service description, ~2500 triples) are part of the
  union default graph and of ``GRAPH ?g``, so a query that matches any triple must keep to graphs
  under `KG_GRAPHS` (hiding them with protocol datasets or Virtuoso's graph-exclude pragmas breaks
  ``GRAPH <iri>`` patterns);
- it stores xsd:gYear and xsd:gYearMonth as dates: ``"2020-03"^^xsd:gYearMonth`` and
  ``"2020-03-01"^^xsd:date`` with the same subject and property are one triple to it, and only the
  first one loaded is kept;
- computed values differ (comparisons give 1/0 integers, ``LANG("x")`` is unbound);
- it caps answers at ``ResultSetMaxRows`` rows; `query` raises a `StoreError` when Virtuoso flags a
  cut SELECT answer, and `dataset` when a graph comes back smaller than its triple count.
"""

from __future__ import annotations

import ast
import http.client
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode

import httpx
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import ASK, BASIC, DIGEST, JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from kg.errors import KgError, QueryError, StoreError
from kg.store.base import Bindings, QueryResult, Store, Triple
from kg.store.sparql import bind, strip_comments

KG_GRAPHS = "https://w3id.org/policykg/"
"""Every graph kg writes is named under this IRI; `graphs()` ignores the rest (e.g. Virtuoso's system graphs)."""

TRIPLES_PER_REQUEST = 5000
"""Batch size of `put_graph` without a Graph Store: a few thousand triples make ~1 MB requests."""

_TRIPLES_PER_OPERATION = 1000  # Virtuoso's SPARQL parser runs out of stack near 5000 triples in one INSERT DATA
_AUTH = {"basic": BASIC, "digest": DIGEST}
_NTRIPLES = "application/n-triples"
_NQUADS = "application/n-quads"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
# SPARQLWrapper keeps the HTTP status only in its exception classes.
_STATUS = {QueryBadFormed: 400, Unauthorized: 401, EndPointNotFound: 404, URITooLong: 414, EndPointInternalError: 500}
# `GRAPH ?g {}` would be cheaper, but Virtuoso answers it with one unbound row.
_GRAPHS_QUERY = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}'
_COUNTS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

Answer = tuple[bytes, str]  # response body and its media type


# One triple of one of kg's graphs, with an IRI subject and no blank node (which cannot be bound in a query).
_SAMPLE_TRIPLE = """SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o) && STRSTARTS(STR(?g), "https://w3id.org/policykg/graph/")) }
} LIMIT 1"""


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP.

    `endpoint` answers queries; `update_endpoint` (default: `endpoint`) takes updates; `graph_store`
    is the Graph Store Protocol URL, used for whole-graph loads and exports when given (e.g. Oxigraph's
    BASE/store). Connection failures and 5xx answers are retried `retries` times with exponential
    backoff starting at `backoff` seconds; each request may take `timeout` seconds.
    """

    graphs_per_write = 32  # a Graph Store request of about 1 MB

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        timeout: float = 30,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if auth not in _AUTH:
            raise StoreError(f"unknown HTTP authentication {auth!r}: use 'basic' or 'digest'")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph_store = graph_store
        self.user = user
        self.password = password
        self.auth = auth
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._http = httpx.Client(auth=_auth(user, password, auth), timeout=timeout)
        self._quads_refused = False  # the Graph Store answered a POST of N-Quads with an error

    def query(self, sparql: str, bindings: Bindings | None = None) -> QueryResult:
        plain = {name: _plain_binding(value) for name, value in bindings.items()} if bindings else None
        wrapper = self._wrapper(bind(sparql, plain), update=False)
        body, media_type = self._send(self.endpoint, lambda: _read(wrapper))
        if wrapper.queryType in (SELECT, ASK):
            return _from_json(body)
        return QueryResult("graph", graph=_parse_graph(body, media_type))

    def check_default_graph(self) -> None:
        """A triple of one of kg's named graphs must be in the default graph too. A server that queries only its
        own default graph (an `oxigraph serve` without --union-default-graph) otherwise gives every kg query an
        empty or partial answer, with no error. A server holding none of kg's graphs yet cannot tell."""
        sample = self.query(_SAMPLE_TRIPLE).rows
        if not sample:
            return
        row = sample[0]
        if not self.query("ASK WHERE { ?s ?p ?o }", {"s": row["s"], "p": row["p"], "o": row["o"]}).boolean:
            raise StoreError(
                f"the default graph of {self.endpoint} is not the union of its named graphs, so kg's queries would "
                "answer from the wrong graph: start Oxigraph with `oxigraph serve --union-default-graph` (Virtuoso's "
                "default graph is the union already)"
            )

    def update(self, sparql: str) -> None:
        wrapper = self._wrapper(sparql, update=True)
        self._send(self.update_endpoint, lambda: _read(wrapper))

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Replace `graph`: one Graph Store PUT, or a DROP then INSERT DATA batches (not atomic then: the
        server's transactions are per request)."""
        triples = list(triples)
        if not triples:
            self.drop_graph(graph)  # a PUT of nothing would leave an empty graph the embedded store has not
        elif self.graph_store:
            content = Graph()
            for s, p, o in triples:
                content.add((s, p, _plain(o)))
            url, body = self._graph_url(graph), content.serialize(format="nt", encoding="utf-8")
            self._send(url, lambda: self._open("PUT", url, content=body, headers={"Content-Type": _NTRIPLES}))
        else:
            for update in insert_requests(graph, triples):
                self.update(update)

    def put_graphs(self, graphs: Sequence[URIRef], nquads: bytes) -> None:
        """Many graphs in two requests: one update that drops them, then their N-Quads in one Graph Store POST to
        the dataset (Oxigraph's and Fuseki's Graph Store take quads there). Without a Graph Store, or with one that
        refuses quads (Virtuoso's takes a graph per request), each graph is put in turn."""
        if not self.graph_store or self._quads_refused:
            super().put_graphs(graphs, nquads)
            return
        self.update(" ;\n".join(f"DROP SILENT GRAPH {graph.n3()}" for graph in graphs))
        url = self.graph_store

        def post() -> Answer:
            try:
                return self._open("POST", url, content=nquads, headers={"Content-Type": _NQUADS})
            except httpx.HTTPStatusError as error:
                if error.response.status_code in (400, 405, 415):  # not quads here: not a server's nor the data's
                    raise _QuadsRefused from error
                raise

        try:
            self._send(url, post)
        except _QuadsRefused:
            self._quads_refused = True
            super().put_graphs(graphs, nquads)

    def add(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        for update in data_requests("INSERT", graph, list(triples)):
            self.update(update)

    def remove(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        for update in data_requests("DELETE", graph, list(triples)):
            self.update(update)

    def drop_graph(self, graph: URIRef) -> None:
        self.update(f"DROP SILENT GRAPH {graph.n3()}")

    def graphs(self) -> list[URIRef]:
        """Named graphs under `KG_GRAPHS` (the server may hold others, e.g. Virtuoso's system graphs)."""
        rows = self.query(_GRAPHS_QUERY).rows
        return sorted(row["g"] for row in rows if isinstance(row["g"], URIRef))

    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        """The graphs (by default those of `graphs()`), each by a Graph Store GET or a CONSTRUCT."""
        names = self.graphs() if graphs is None else list(graphs)
        counts = None if self.graph_store else {row["g"]: int(row["n"]) for row in self.query(_COUNTS_QUERY).rows}
        data = Dataset()
        for name in names:
            content = self._get_graph(name) if counts is None else self._construct_graph(name, counts.get(name, 0))
            if len(content):  # like EmbeddedStore: graphs without triples are absent
                target = data.graph(name)
                for triple in content:
                    target.add(triple)
        return data

    def flush(self) -> None:
        """Nothing is buffered on this side: every update is sent as it is made."""

    def close(self) -> None:
        """Close the Graph Store requests' connections (SPARQLWrapper opens and closes its own per request)."""
        self._http.close()

    def _get_graph(self, name: URIRef) -> Graph:
        url = self._graph_url(name)
        body, media_type = self._send(url, lambda: self._open("GET", url, headers={"Accept": _GRAPH_ACCEPT},
                                                             absent_ok=True))
        return _parse_graph(body, media_type)

    def _construct_graph(self, name: URIRef, expected: int) -> Graph:
        content = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}").graph
        assert content is not None  # a CONSTRUCT always answers a graph
        if len(content) < expected:
            raise StoreError(
                f"{self.endpoint} returned {len(content)} of the {expected} triples of {name}: the server caps "
                "answer sizes (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini) "
                "or pass its Graph Store Protocol URL"
            )
        return content

    def _graph_url(self, graph: URIRef) -> str:
        assert self.graph_store is not None  # only called on the Graph Store paths
        separator = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{separator}{urlencode({'graph': str(graph)})}"

    def _wrapper(self, sparql: str, *, update: bool) -> SPARQLWrapper:
        """A fresh SPARQLWrapper for one request (it keeps per-request state)."""
        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint)
        with warnings.catch_warnings():
            # It warns when it cannot tell the query form; the server then reports the real error.
            warnings.simplefilter("ignore", RuntimeWarning)
            # SPARQLWrapper guesses the form from the first keyword anywhere, comments included
            # ("# ... addressed" reads as ADD): give it the text without full-line comments.
            wrapper.setQuery(strip_comments(sparql))
        if wrapper.isSparqlUpdateRequest() != update:
            expected, got = ("an update", "a query") if update else ("a query", "an update")
            raise QueryError(f"expected {expected} but got {got}: queries go to query(), updates to update()")
        wrapper.setMethod(POST)  # long texts (VALUES blocks, INSERT DATA) do not fit in a URL
        wrapper.setOnlyConneg(True)  # Oxigraph rejects the non-standard format/output parameters
        wrapper.timeout = self.timeout  # type: ignore[assignment]  # setTimeout() would round to whole seconds
        if self.user is not None and self.password is not None:
            wrapper.setHTTPAuth(_AUTH[self.auth])
            wrapper.setCredentials(self.user, self.password)
        if wrapper.queryType in (SELECT, ASK) or update:
            wrapper.setReturnFormat(JSON)
        else:
            wrapper.addCustomHttpHeader("Accept", _GRAPH_ACCEPT)  # N-Triples: the simplest to parse exactly
        return wrapper

    def _open(
        self, method: str, url: str, *, content: bytes | None = None, headers: dict[str, str], absent_ok: bool = False
    ) -> Answer:
        """One Graph Store request; an error status raises `httpx.HTTPStatusError` (a 404 is an empty graph when
        `absent_ok`)."""
        response = self._http.request(method, url, content=content, headers=headers)
        if absent_ok and response.status_code == 404:
            return b"", _NTRIPLES
        response.raise_for_status()
        return response.content, response.headers.get("Content-Type", "").split(";")[0].strip()

    def _send(self, url: str, exchange: Callable[[], Answer]) -> Answer:
        """Run one HTTP exchange; connection failures and 5xx answers are tried again (tenacity) after `backoff`,
        twice that, and so on, up to `retries` times."""
        retrying = Retrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_exponential(multiplier=self.backoff),
            retry=retry_if_exception(_transient),
            reraise=True,
        )
        try:
            return retrying(exchange)
        except (SPARQLWrapperException, HTTPError, httpx.HTTPStatusError) as error:
            status, message = _failure(error)
            raise _http_error(url, status, message, self.user is not None) from error
        # not tried again: a request that timed out once would most likely time out again
        except (TimeoutError, httpx.TimeoutException) as error:
            raise self._timeout(url) from error
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout(url) from error
            raise self._unreachable(url, str(error.reason), retrying.statistics["attempt_number"]) from error
        except (ConnectionError, http.client.HTTPException, httpx.TransportError) as error:  # lost mid-answer
            problem = str(error) or type(error).__name__
            raise self._unreachable(url, problem, retrying.statistics["attempt_number"]) from error

    @staticmethod
    def _unreachable(url: str, problem: str, attempts: int) -> StoreError:
        return StoreError(
            f"cannot reach the SPARQL server at {url} ({problem}; {attempts} attempts): "
            "check that the server is running and that the URL is right"
        )

    def _timeout(self, url: str) -> StoreError:
        return StoreError(
            f"no answer from {url} within {self.timeout:g} s: the request may be too heavy for the server, "
            "or the server is overloaded; raise --timeout or simplify the query"
        )


class _QuadsRefused(Exception):
    """The Graph Store does not take N-Quads for the whole dataset."""


def insert_requests(graph: URIRef, triples: list[Triple]) -> Iterator[str]:
    """The updates that replace `graph` by `triples`: DROP SILENT in the first request (no extra round trip),
    then INSERT DATA batches."""
    return data_requests("INSERT", graph, triples, first=f"DROP SILENT GRAPH {graph.n3()}")


def data_requests(operation: str, graph: URIRef, triples: list[Triple], *, first: str | None = None) -> Iterator[str]:
    """The updates that INSERT or DELETE `triples` in `graph`, after the operation `first` if given.

    Each request carries about `TRIPLES_PER_REQUEST` triples in DATA operations small enough for
    Virtuoso's parser. Blank-node labels are scoped to one operation, so all triples with blank nodes go
    into one operation, which keeps each blank node one node.
    """
    linked = [triple for triple in triples if any(isinstance(term, BNode) for term in triple)]
    plain = [triple for triple in triples if not any(isinstance(term, BNode) for term in triple)]
    operations = [
        _data(operation, graph, plain[start : start + _TRIPLES_PER_OPERATION])
        for start in range(0, len(plain), _TRIPLES_PER_OPERATION)
    ]
    if linked:
        if operation != "INSERT":
            raise StoreError("cannot delete triples with blank nodes by value: drop their graph instead")
        operations.append(_data(operation, graph, linked, template=True))
    per_request = max(1, TRIPLES_PER_REQUEST // _TRIPLES_PER_OPERATION)
    head = [first] if first else []
    for start in range(0, len(operations), per_request):
        yield " ;\n".join(head + operations[start : start + per_request])
        head = []
    if head:  # no triples: the first operation alone
        yield head[0]


def _data(operation: str, graph: URIRef, triples: list[Triple], *, template: bool = False) -> str:
    """INSERT/DELETE DATA, inside a GRAPH block as Virtuoso requires; or, for blank nodes, which Virtuoso refuses
    in INSERT DATA, an INSERT template over the one empty solution, which means the same."""
    lines = "\n".join(f"{s.n3()} {p.n3()} {_plain(o).n3()} ." for s, p, o in triples)
    block = f"{{ GRAPH {graph.n3()} {{\n{lines}\n}} }}"
    return f"{operation} {block} WHERE {{}}" if template else f"{operation} DATA {block}"


def _auth(user: str | None, password: str | None, scheme: str) -> httpx.Auth | None:
    """The Graph Store requests' credentials: basic ones sent at once (no 401 round trip), or digest."""
    if user is None or password is None:
        return None
    return httpx.DigestAuth(user, password) if scheme == "digest" else httpx.BasicAuth(user, password)


def _read(wrapper: SPARQLWrapper) -> Answer:
    response = wrapper.query().response
    cap = response.headers.get("X-SPARQL-MaxRows")
    if cap:  # Virtuoso cut the answer (or it has exactly `cap` rows); a partial answer would silently mislead
        response.close()
        raise StoreError(
            f"the server cut the answer at {cap} rows: add LIMIT/OFFSET to the query or raise the cap "
            "(Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
        )
    return response.read(), response.headers.get_content_type()


def _status(error: SPARQLWrapperException | HTTPError | httpx.HTTPStatusError) -> int:
    """The HTTP status of a failed request, without reading its body (a urllib error's body can be read once)."""
    if isinstance(error, httpx.HTTPStatusError):
        return error.response.status_code
    if isinstance(error, HTTPError):  # SPARQLWrapper's urllib, for statuses it has no exception of its own for
        return error.code
    return _STATUS.get(type(error), 500)


def _failure(error: SPARQLWrapperException | HTTPError | httpx.HTTPStatusError) -> tuple[int, str]:
    """The HTTP status and the server's message of a failed request."""
    if isinstance(error, httpx.HTTPStatusError):
        return _status(error), _message(error.response.content)
    if isinstance(error, HTTPError):
        return _status(error), _message(error.read())
    # SPARQLWrapper keeps the response body only as the repr() at the end of its message.
    _, _, body = str(error).partition("\n\nResponse:\n")
    return _status(error), _message(ast.literal_eval(body)) if body else ""


def _transient(error: BaseException) -> bool:
    """Whether an exchange that failed so may succeed if tried again: a server error (5xx) or a lost or refused
    connection, never a timeout or the client's own error (4xx)."""
    if isinstance(error, SPARQLWrapperException | HTTPError | httpx.HTTPStatusError):
        return _status(error) >= 500
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return False
    if isinstance(error, URLError):
        return not isinstance(error.reason, TimeoutError)
    return isinstance(error, ConnectionError | http.client.HTTPException | httpx.TransportError)


def _message(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace")
    text = text.split("SPARQL query:", 1)[0]  # Virtuoso echoes the whole request after its message
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:400] + "..."


def _http_error(url: str, status: int, message: str, has_credentials: bool) -> KgError:
    if status == 400:
        return QueryError(f"the server rejected the SPARQL: {message}")
    if status == 401:
        if has_credentials:
            return StoreError(
                f"{url} refused the credentials (HTTP 401): check --user/--password, and whether the server wants "
                "digest authentication (Virtuoso's /sparql-auth does)"
            )
        return StoreError(f"{url} needs credentials (HTTP 401): pass --user and --password")
    if status == 404:
        return StoreError(
            f"no SPARQL service at {url} (HTTP 404): check the URL "
            "(Oxigraph: BASE/query, BASE/update, BASE/store; Virtuoso: BASE/sparql)"
        )
    hint = ""
    if status == 403 or "permission" in message.lower():
        hint = ' (Virtuoso: give the SPARQL user write rights in isql-vt: GRANT SPARQL_UPDATE TO "SPARQL";)'
    return StoreError(f"{url} failed with HTTP {status}: {message}{hint}")


def _from_json(body: bytes) -> QueryResult:
    """A SELECT or ASK answer in the SPARQL 1.1 JSON results format."""
    try:
        answer = json.loads(body)
        if "boolean" in answer:
            return QueryResult("ask", boolean=bool(answer["boolean"]))
        names = answer["head"]["vars"]
        rows = [
            {name: _term(binding[name]) if name in binding else None for name in names}
            for binding in answer["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"the server's answer is not valid SPARQL JSON results: {error}") from error
    return QueryResult("select", vars=names, rows=rows)


def _term(value: dict[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):  # typed-literal: the 2005 JSON format, still sent by Virtuoso
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        return Literal(value["value"], datatype=URIRef(value.get("datatype", XSD.string)))
    raise StoreError(f"unsupported RDF term of type {kind!r} in the server's answer")


def _parse_graph(body: bytes, media_type: str) -> Graph:
    """An RDF answer as a graph, with plain literals typed xsd:string like the embedded store's."""
    parsed = Graph()
    if body.strip():
        try:
            parsed.parse(data=body, format=media_type)
        except Exception as error:  # rdflib raises many types (plugin missing, syntax errors)
            raise StoreError(f"cannot read the server's {media_type} answer: {error}") from error
    graph = Graph()
    for triple in parsed:
        graph.add(tuple(_typed(term) for term in triple))  # type: ignore[arg-type]
    return graph


def _plain_binding(value: Node | Sequence[Node]) -> Node | list[Node]:
    return _plain(value) if isinstance(value, Node) else [_plain(term) for term in value]


def _plain(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _typed(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return Literal(str(term), datatype=XSD.string)
    return term

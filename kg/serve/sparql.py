"""The SPARQL 1.1 Protocol endpoint of `kg serve` (`/sparql`).

Queries by GET (`?query=`) or POST (an `application/x-www-form-urlencoded` body with `query=`, or an
`application/sparql-query` body); updates by POST (`update=`, or an `application/sparql-update` body), refused
unless the server was started with `allow_update` and the request carries its token (`Authorization: Bearer T`).
The default graph is the union of kg's named graphs unless the request names `default-graph-uri`s; named graphs
are addressable with `GRAPH` (and restricted by `named-graph-uri`). Answers are bounded in time and rows.

Oxigraph evaluates lazily, so the worker thread reads solutions one at a time and stops at the row bound or the
deadline; a query that computes its whole answer before the first row (ORDER BY, GROUP BY) cannot be interrupted
inside Oxigraph, so the client gets its 503 at the deadline while that thread finishes on its own.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qs
from xml.sax.saxutils import escape, quoteattr

import anyio
import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# Media types a client may ask for, per kind of answer; the first of each is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# `format=` in the URL, for links a browser follows (it cannot set Accept).
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


@dataclass(frozen=True)
class Limits:
    """What one request may take: seconds of evaluation and rows (or triples) of answer."""

    timeout: float = 30.0
    max_rows: int = 10_000


class QueryTimeout(Exception):
    """The query ran past its deadline."""


class Refused(Exception):
    """A request the endpoint answers with an error status and a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Answer:
    kind: str  # "select", "ask" or "graph"
    variables: list[str]
    rows: list[ox.QuerySolution] | list[ox.Triple]
    boolean: bool | None = None
    truncated: bool = False


def evaluate(
    store: ox.Store,
    sparql: str,
    limits: Limits,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Answer:
    """Run a query and read at most `limits.max_rows` of its answer before `limits.timeout` seconds have passed.

    Raises SyntaxError (a malformed query, with Oxigraph's message) or QueryTimeout.
    """
    deadline = time.monotonic() + limits.timeout
    options: dict = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    result = store.query(sparql, **options)
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", [], [], boolean=bool(result))
    kind = "graph" if isinstance(result, ox.QueryTriples) else "select"
    variables = [v.value for v in result.variables] if kind == "select" else []
    rows, outcome = _read(result, limits.max_rows, deadline)
    # pyoxigraph's solutions must be dropped on the thread that made them: not through a traceback in another one.
    del result
    if outcome == "timeout":
        raise QueryTimeout
    return Answer(kind, variables, rows, truncated=outcome == "truncated")


def _read(result: ox.QuerySolutions | ox.QueryTriples, max_rows: int, deadline: float) -> tuple[list, str]:
    """Up to `max_rows` items of the answer, and whether it was all ("done"), "truncated", or ran past "timeout"."""
    rows: list = []
    for item in result:
        if len(rows) == max_rows:
            return rows, "truncated"
        rows.append(item)
        if len(rows) % 256 == 0 and time.monotonic() > deadline:
            return rows, "timeout"
    return rows, "timeout" if time.monotonic() > deadline else "done"


def negotiate(accept: str, kind: str) -> str:
    """The media type to answer with: the client's most preferred one that this kind of answer has."""
    offered = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    choices = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] in offered and quality > 0:
            choices.append((-quality, position, fields[0]))
    # A browser's "text/html, */*" and a missing header get the default rather than a 406: the answer is useful.
    return min(choices)[2] if choices else next(iter(offered))


def render(answer: Answer, media_type: str) -> Response:
    """The answer serialised in `media_type`, with a header when the row bound cut it short."""
    headers = {"X-KG-Truncated": "true"} if answer.truncated else {}
    if answer.kind == "graph":
        data = ox.serialize(answer.rows, format=GRAPH_TYPES[media_type])
        return Response(data, media_type=GRAPH_TYPES[media_type].media_type, headers=headers)
    fmt = RESULT_TYPES[media_type]
    text = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt](answer)
    return Response(text, headers=headers | {"Content-Type": CONTENT_TYPES[fmt]})


def _json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}  # RDF-star terms, which kg never writes


def to_json(answer: Answer) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if answer.kind == "ask":
        return json.dumps({"head": {}, "boolean": answer.boolean})
    bindings = [
        {name: _json_term(row[name]) for name in answer.variables if row[name] is not None} for row in answer.rows
    ]
    return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(answer: Answer) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if answer.kind == "ask":
        out.append(f"<head/><boolean>{str(answer.boolean).lower()}</boolean></sparql>\n")
        return "\n".join(out)
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in answer.variables) + "</head><results>")
    for row in answer.rows:
        bound = (v for v in answer.variables if row[v] is not None)
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in bound)
        out.append(f"<result>{cells}</result>")
    out.append("</results></sparql>\n")
    return "\n".join(out)


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def to_csv(answer: Answer) -> str:
    """SPARQL 1.1 Query Results CSV (values only: IRIs and literals as their text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.kind == "ask":
        writer.writerows([["boolean"], [str(answer.boolean).lower()]])
        return buffer.getvalue()
    writer.writerow(answer.variables)
    writer.writerows([_plain(row[v]) for v in answer.variables] for row in answer.rows)
    return buffer.getvalue()


def to_tsv(answer: Answer) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
    if answer.kind == "ask":
        return f"?boolean\n{str(answer.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in answer.variables) for row in answer.rows]
    return "\n".join(lines) + "\n"


class Endpoint:
    """The `/sparql` route over one open pyoxigraph store."""

    def __init__(self, store: ox.Store, limits: Limits, *, allow_update: bool = False, token: str | None = None):
        self.store, self.limits, self.allow_update, self.token = store, limits, allow_update, token
        # Threads still running abandoned queries count against this, so runaway queries cannot pile up unbounded.
        self.workers = anyio.CapacityLimiter(4)

    async def handle(self, request: Request) -> Response:
        """Answer one protocol request."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = (await request.body()).decode("utf-8", errors="replace")
            if content_type == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                params["query"] = [body]
            elif content_type == "application/sparql-update":
                params["update"] = [body]
            else:
                return _error(415, f"unsupported content type {content_type!r}: send application/sparql-query, "
                                   "application/sparql-update or an application/x-www-form-urlencoded form")
        queries, updates = params.get("query", []), params.get("update", [])
        if len(queries) + len(updates) != 1:
            return _error(400, "send exactly one query (query=) or one update (update=)")
        if updates:
            if request.method != "POST":
                return _error(405, "updates must be sent with POST")
            return await self._update(request, updates[0])
        media_type = FORMAT_NAMES.get(params.get("format", [""])[0]) or request.headers.get("accept", "")
        return await self._query(queries[0], media_type, params)

    async def answer(self, sparql: str, params: dict[str, list[str]] | None = None) -> Answer:
        """Evaluate a query in a worker thread within the server's bounds; raises `Refused` with an HTTP status."""
        params = params or {}

        def run() -> Answer:
            return evaluate(
                self.store,
                sparql,
                self.limits,
                default_graphs=params.get("default-graph-uri"),
                named_graphs=params.get("named-graph-uri"),
            )

        try:
            with anyio.fail_after(self.limits.timeout):
                return await anyio.to_thread.run_sync(run, abandon_on_cancel=True, limiter=self.workers)
        except SyntaxError as error:
            raise Refused(400, f"malformed query: {error}") from error
        except (QueryTimeout, TimeoutError) as error:
            bound = f"{self.limits.timeout:g} s"
            raise Refused(503, f"the query ran longer than {bound}, this server's bound (--timeout)") from error
        except (OSError, ValueError) as error:
            raise Refused(500, f"the store could not answer: {error}") from error

    async def _query(self, sparql: str, accept: str, params: dict[str, list[str]]) -> Response:
        try:
            answer = await self.answer(sparql, params)
        except Refused as refused:
            return _error(refused.status, refused.message)
        return render(answer, negotiate(accept, answer.kind))

    async def _update(self, request: Request, sparql: str) -> Response:
        if not self.allow_update:
            return _error(403, "this server is read-only: start it with --allow-update --token T to accept updates")
        if not authorized(bearer(request), self.token):
            return _error(403, "updates need the server's token: send 'Authorization: Bearer T'")
        try:
            await anyio.to_thread.run_sync(self.store.update, sparql, limiter=self.workers)
        except SyntaxError as error:
            return _error(400, f"malformed update: {error}")
        except OSError as error:
            return _error(500, f"the store could not apply the update: {error}")
        return Response(status_code=204)


def bearer(request: Request) -> str:
    """The token a request carries as `Authorization: Bearer T` ('' without one)."""
    return request.headers.get("authorization", "").removeprefix("Bearer ").strip()


def authorized(given: str, token: str | None) -> bool:
    """Whether `given` is the server's update token (compared in constant time; no token set accepts nothing)."""
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)

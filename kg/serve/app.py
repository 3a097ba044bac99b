"""The `kg serve` application: a Starlette app over one store, run by uvicorn.

Routes: `/sparql` (the SPARQL 1.1 Protocol, `kg.serve.sparql`), and the explorer's HTML pages: `/` (search,
orders, documents), `/entity/...` (any entity; orders and jurisdictions get their own sections),
`/document/NAME`, `/queries` and `/queries/NAME` (the named queries of `kg/data/queries/` as forms), `/editor` (a SPARQL
editor), `/static/...` (the stylesheet, vendored: the pages load nothing from elsewhere), and `/curate/...` (the
curation forms' POST routes, `kg.serve.curation`, shown and answered only with `allow_update` and the token).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import AsyncIterator
from pathlib import Path

from rdflib import URIRef
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kg.curate import curation_path
from kg.errors import KgError
from kg.queries import facts, list_queries, load_query, query
from kg.serve import explore, pictures
from kg.serve.curation import Curator, confirmations
from kg.serve.sparql import Endpoint, Limits, Refused
from kg.store import EmbeddedStore

HERE = Path(__file__).resolve().parent
EXAMPLE_QUERY = """PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?order ?label ?issuer WHERE {
  GRAPH <https://w3id.org/policykg/graph/merged> { ?order pol:issuedBy ?issuer ; rdfs:label ?label }
}
ORDER BY ?label
LIMIT 50"""


def app(
    store_path: str | Path,
    *,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    allow_update: bool = False,
    token: str | None = None,
    curation: str | Path | None = None,
) -> Starlette:
    """The application serving the store at `store_path`.

    The store is opened read-only (other kg commands can open it meanwhile) unless `allow_update`, which needs a
    `token` that update requests and the curation forms must carry; the forms write `curation` (default:
    `curation.yaml` beside the store). `timeout` (seconds) and `max_rows` bound each SPARQL request.
    """
    if allow_update and not token:
        raise KgError("--allow-update needs --token T: updates are accepted only from requests carrying it")
    store = EmbeddedStore(store_path, create=False, read_only=not allow_update, shared=True)
    endpoint = Endpoint(store.oxigraph, Limits(timeout, max_rows), allow_update=allow_update, token=token)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    curation_file = curation_path(store_path, curation)
    templates.env.globals.update(entity_path=explore.entity_path, local=explore.local, str=str,
                                 rows_shown=explore.ROWS_SHOWN,
                                 curating=allow_update,
                                 confirmations=confirmations(curation_file) if allow_update else {})
    templates.env.filters["cell"] = _cell

    def page(request: Request, template: str, status: int = 200, /, **context: object) -> Response:
        return templates.TemplateResponse(request, template, context, status_code=status)

    def not_found(request: Request, message: str) -> Response:
        return page(request, "error.html", 404, title="Not found", message=message)

    def home(request: Request) -> Response:
        text = request.query_params.get("q", "")
        return page(request, "home.html", title="Search", q=text, hits=explore.search(store, text),
                    **explore.home(store))

    def entity(request: Request) -> Response:
        return _entity_page(request, explore.iri_of(request.path_params["key"]))

    def resource(request: Request) -> Response:
        return _entity_page(request, URIRef(request.query_params.get("iri", "")))

    def _entity_page(request: Request, iri: URIRef) -> Response:
        description = explore.describe(store, str(iri))
        if description is None:
            return not_found(request, f"no entity {iri} in the graph")
        start = request.query_params.get("start", "0")
        fact_page = explore.entity_facts(store, str(iri), int(start) if start.isdigit() else 0)
        context: dict = {
            "e": description,
            "facts": fact_page.records,
            "fact_page": fact_page,
            "neighbourhood": pictures.neighbourhood(str(iri), description.label, description.kind, fact_page.records),
        }
        if description.kind == "order":
            context["order"] = explore.order(store, str(iri))
            context["timeline"] = pictures.order_timeline(context["order"])
        elif description.kind == "jurisdiction":
            date = request.query_params.get("date") or datetime.date.today().isoformat()
            try:
                context["jurisdiction"] = explore.jurisdiction(store, str(iri), date)
            except KgError as error:
                return page(request, "error.html", 400, title="Bad date", message=str(error))
        return page(request, "entity.html", title=description.label, **context)

    def document(request: Request) -> Response:
        name = request.path_params["name"]
        versions = explore.documents(store, name)
        if not versions:
            return not_found(request, f"no document {name!r} in the graph")
        records = facts(store, document=name)
        return page(request, "document.html", title=name, name=name, versions=versions, facts=records,
                    passages=explore.passages(records))

    def queries(request: Request) -> Response:
        return page(request, "queries.html", title="Named queries", queries=list_queries())

    def named_query(request: Request) -> Response:
        try:
            named = load_query(request.path_params["name"])
        except KgError as error:
            return not_found(request, str(error))
        values = {p.name: request.query_params.get(p.name, "") for p in named.params}
        result, error = None, None
        if "run" in request.query_params or not named.params:
            try:
                result = query(store, named.name, {k: v for k, v in values.items() if v.strip()})
            except KgError as failure:
                error = str(failure)
        return page(request, "query.html", 400 if error else 200, title=named.title, named=named, values=values,
                    result=result, error=error, max_rows=max_rows)

    async def editor(request: Request) -> Response:
        text = request.query_params.get("query", "")
        answer, error, status = None, None, 200
        if text.strip():
            try:
                answer = await endpoint.answer(text)
            except Refused as refused:
                error, status = refused.message, refused.status
        return page(request, "editor.html", status, title="SPARQL", query=text or EXAMPLE_QUERY, answer=answer,
                    error=error)

    routes = [
        Route("/", home),
        Route("/sparql", endpoint.handle, methods=["GET", "POST"]),
        Route("/entity/{key:path}", entity),
        Route("/resource", resource),
        Route("/document/{name}", document),
        Route("/queries", queries),
        Route("/queries/{name}", named_query),
        Route("/editor", editor),
        *Curator(store, curation_file, page, allow_update=allow_update, token=token).routes(),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    application = Starlette(routes=routes, lifespan=lifespan)
    application.state.store = store
    return application


def _cell(term: object) -> dict:
    """A result cell for a template: its text, and the explorer page it links to when it is an entity."""
    if term is None:
        return {"text": "", "href": None}
    text = str(term)
    if isinstance(term, URIRef):
        return {"text": explore.local(text) or text, "href": explore.entity_path(text), "title": text}
    return {"text": text, "href": None}


def serve(
    store_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    allow_update: bool = False,
    token: str | None = None,
    curation: str | Path | None = None,
) -> None:
    """Serve the store at `store_path` over HTTP until interrupted (see `app`)."""
    import uvicorn

    application = app(store_path, timeout=timeout, max_rows=max_rows, allow_update=allow_update, token=token,
                      curation=curation)
    uvicorn.run(application, host=host, port=port, log_level="info")

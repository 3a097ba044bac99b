"""`kg serve`: the SPARQL 1.1 Protocol endpoint and the explorer's pages, through Starlette's TestClient.

The store is built by `kg build` from three invented documents (tests/serve_fixture.py); the endpoint must give
the same answers as the embedded store, for hand-written queries and for every query of queries/ that needs no
parameter.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import Graph, Literal, URIRef
from serve_fixture import DENVER_LABEL, MARSH, threatened

from kg.cli import main
from kg.errors import KgError
from kg.queries import list_queries, load_query
from kg.serve import app
from kg.store import EmbeddedStore

with warnings.catch_warnings():  # Starlette 1.x warns that it would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

POL = "https://w3id.org/policykg/ontology#"
SRJ = "application/sparql-results+json"
ORDERS = f"PREFIX pol: <{POL}> SELECT DISTINCT ?order WHERE {{ ?order a pol:ExecutiveOrder }} ORDER BY ?order"


@pytest.fixture(scope="module")
def client(serve_store: Path) -> Iterator[TestClient]:
    with TestClient(app(serve_store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def embedded(serve_store: Path) -> Iterator[EmbeddedStore]:
    # Read-only beside the server's own read-only store: neither locks the other out.
    with EmbeddedStore(serve_store, create=False, read_only=True) as store:
        yield store


def srj_rows(payload: dict) -> list[tuple]:
    """SPARQL JSON results as sorted tuples of rdflib terms (blank nodes as one placeholder)."""

    def term(cell: dict | None) -> object:
        if cell is None:
            return None
        if cell["type"] == "uri":
            return URIRef(cell["value"])
        if cell["type"] == "bnode":
            return "_:b"
        if "xml:lang" in cell:
            return Literal(cell["value"], lang=cell["xml:lang"])
        return Literal(cell["value"], datatype=URIRef(cell.get("datatype", "http://www.w3.org/2001/XMLSchema#string")))

    names = payload["head"]["vars"]
    return sorted((tuple(term(b.get(n)) for n in names) for b in payload["results"]["bindings"]), key=repr)


def store_rows(result: object) -> list[tuple]:
    rows = [tuple("_:b" if type(r[v]).__name__ == "BNode" else r[v] for v in result.vars) for r in result.rows]
    return sorted(rows, key=repr)


def test_get_answers_sparql_json(client: TestClient, embedded: EmbeddedStore) -> None:
    response = client.get("/sparql", params={"query": ORDERS})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(SRJ)
    assert srj_rows(response.json()) == store_rows(embedded.query(ORDERS)) != []


def test_post_form_and_query_body_answer_like_get(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": ORDERS}).json()
    by_form = client.post("/sparql", data={"query": ORDERS}).json()
    by_body = client.post("/sparql", content=ORDERS, headers={"content-type": "application/sparql-query"}).json()
    assert by_get == by_form == by_body


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+xml", "text/csv", "text/tab-separated-values", "text/html, */*;q=0.8"],
)
def test_result_formats_by_accept_header(client: TestClient, embedded: EmbeddedStore, accept: str) -> None:
    response = client.get("/sparql", params={"query": ORDERS}, headers={"accept": accept})
    assert response.status_code == 200
    expected = [str(row["order"]) for row in embedded.query(ORDERS).rows]
    if "xml" in accept:
        root = ElementTree.fromstring(response.content)
        found = [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}uri")]
    elif accept == "text/csv":
        found = [row["order"] for row in csv.DictReader(io.StringIO(response.text))]
    elif "tab" in accept:
        found = [line.strip("<>") for line in response.text.splitlines()[1:]]
    else:  # a browser's Accept: the default, SPARQL JSON
        assert response.headers["content-type"].startswith(SRJ)
        found = [b["order"]["value"] for b in response.json()["results"]["bindings"]]
    assert found == expected


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct_as_rdf(client: TestClient, embedded: EmbeddedStore, accept: str, fmt: str) -> None:
    sparql = f"PREFIX pol: <{POL}> CONSTRUCT {{ ?o a pol:ExecutiveOrder }} WHERE {{ ?o a pol:ExecutiveOrder }}"
    response = client.post("/sparql", data={"query": sparql}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=fmt)
    assert set(graph) == set(embedded.query(sparql).graph) and len(graph) > 0


def test_ask(client: TestClient) -> None:
    sparql = f"ASK {{ <{MARSH}> ?p ?o }}"
    assert client.get("/sparql", params={"query": sparql}).json()["boolean"] is True


def test_malformed_query_is_400_with_the_parsers_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("malformed query: error at 1:")


def test_update_is_refused_by_a_read_only_server(client: TestClient) -> None:
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    for response in (
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update, headers={"content-type": "application/sparql-update"}),
        client.post("/sparql", data={"update": update}, headers={"authorization": "Bearer anything"}),
    ):
        assert response.status_code == 403 and "--allow-update" in response.text


def test_update_needs_the_token(serve_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(serve_store, copy)
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    with TestClient(app(copy, allow_update=True, token="s3cret")) as writer:
        assert writer.post("/sparql", data={"update": update}).status_code == 403
        wrong = writer.post("/sparql", data={"update": update}, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 403
        accepted = writer.post("/sparql", data={"update": update}, headers={"authorization": "Bearer s3cret"})
        assert accepted.status_code == 204
        assert writer.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is True


def test_allow_update_without_a_token_is_an_error(serve_store: Path) -> None:
    with pytest.raises(KgError, match="--token"):
        app(serve_store, allow_update=True)
    assert main(["serve", "--store", str(serve_store), "--allow-update"]) == 2


def test_default_graph_is_the_union_and_named_graphs_are_addressable(client: TestClient) -> None:
    def count(sparql: str, **params: str) -> int:
        payload = client.get("/sparql", params={"query": sparql, **params}).json()
        return int(payload["results"]["bindings"][0]["n"]["value"])

    union = count(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{MARSH}> ?p ?o }}")
    per_graph = count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{MARSH}> ?p ?o }} }}")
    merged = "https://w3id.org/policykg/graph/merged"
    in_merge = count(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{MARSH}> ?p ?o }}", **{"default-graph-uri": merged})
    assert union == per_graph > in_merge > 0


def test_row_bound_cuts_the_answer_and_says_so(serve_store: Path) -> None:
    with TestClient(app(serve_store, max_rows=3)) as bounded:
        response = bounded.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["x-kg-truncated"] == "true"


def test_time_bound_stops_a_runaway_query(serve_store: Path) -> None:
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # the store's size cubed
    with TestClient(app(serve_store, timeout=0.5, max_rows=10**12)) as bounded:
        response = bounded.get("/sparql", params={"query": runaway})
    assert response.status_code == 503 and "0.5 s" in response.text


def _optional_only(name: str) -> bool:
    return all(p.description.lower().startswith("optional") for p in load_query(name).params)


NO_REQUIRED_PARAMETER = [q.name for q in list_queries() if _optional_only(q.name)]


@pytest.mark.parametrize("name", NO_REQUIRED_PARAMETER)
def test_endpoint_answers_every_library_query_like_the_store(
    client: TestClient, embedded: EmbeddedStore, name: str
) -> None:
    text = load_query(name).text
    response = client.post("/sparql", content=text.encode(), headers={"content-type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    expected = store_rows(embedded.query(text))
    found = srj_rows(response.json())
    if name == "entities":  # GROUP_CONCAT of aliases: in whatever order the engine meets them
        def aliases_sorted(rows: list[tuple]) -> list[tuple]:
            return sorted(tuple(tuple(sorted(str(t).split("|"))) for t in row) for row in rows)

        expected, found = aliases_sorted(expected), aliases_sorted(found)
    assert found == expected


def test_named_query_form_binds_its_parameters(client: TestClient) -> None:
    page = client.get("/queries/entity_search", params={"text": "denv", "run": "1"})
    assert page.status_code == 200 and DENVER_LABEL in page.text
    injected = client.get("/queries/entity_search", params={"text": '") } UNION { ?entity ?p ?hit } #', "run": "1"})
    assert injected.status_code == 200 and "0 rows" in injected.text
    bad = client.get("/queries/orders_in_force", params={"jurisdiction": "x", "date": "2019", "run": "1"})
    assert bad.status_code == 400 and "takes an IRI" in bad.text


def test_query_list_names_every_query(client: TestClient) -> None:
    page = client.get("/queries").text
    assert all(f'href="/queries/{q.name}"' in page for q in list_queries())


def test_search_finds_names_and_aliases(client: TestClient) -> None:
    page = client.get("/", params={"q": "marsh"}).text
    assert 'href="/entity/person/us-co-helen-marsh"' in page and "Helen Marsh" in page


def test_entity_page_shows_facts_with_evidence(client: TestClient) -> None:
    page = client.get("/entity/person/us-co-helen-marsh")
    assert page.status_code == 200
    assert "Person" in page.text and "issued" in page.text
    assert "Governor Helen Marsh of Colorado issued Executive Order 7-19" in page.text
    assert 'href="/document/01_order.txt#s' in page.text


def test_order_page_shows_issuer_stances_and_money(client: TestClient, embedded: EmbeddedStore) -> None:
    order = str(threatened(embedded)["order"])
    page = client.get("/entity/" + order.split("/id/", 1)[1]).text
    assert "Helen Marsh" in page  # the issuer
    assert "challenge" in page and "2019-04-10" in page  # Denver sued
    assert "$2.5 million" in page and "threatened" in page


def test_jurisdiction_page(client: TestClient, embedded: EmbeddedStore) -> None:
    denver = str(threatened(embedded)["jurisdiction"])
    page = client.get("/entity/" + denver.split("/id/", 1)[1], params={"date": "2019-12-31"}).text
    assert 'id="in-force"' in page and "Executive Order 7-19" in page and "$2.5 million" in page
    related = page.split('class="related"', 1)[1]  # what other entities say of it: orders that apply to it
    assert "appliesTo" in related and "Executive Order 7-19" in related


def test_document_page_marks_the_facts(client: TestClient) -> None:
    page = client.get("/document/02_reaction.txt").text
    assert "Denver mayor vows to fight Marsh order" in page
    assert '<a class="mark" href="/entity/county/' in page  # Pueblo County, marked and linked


def test_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/entity/person/nobody").status_code == 404
    assert client.get("/document/nothing.txt").status_code == 404
    assert client.get("/queries/nothing").status_code == 404


def test_editor_runs_a_query_and_reports_errors(client: TestClient) -> None:
    page = client.get("/editor", params={"query": ORDERS}).text
    assert "executiveorder/us-co-7-19" in page
    broken = client.get("/editor", params={"query": "SELECT"})
    assert broken.status_code == 400 and "malformed query" in broken.text


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/", "/entity/person/us-co-helen-marsh", "/queries", "/editor"):
        page = client.get(path).text
        assert "http://cdn" not in page and "https://cdn" not in page and "<script src=\"http" not in page
    assert client.get("/static/kg.css").status_code == 200


def test_the_store_stays_usable_while_served(client: TestClient, serve_store: Path) -> None:
    # The server holds the store read-only, without RocksDB's lock: `kg query` can open it for writing meanwhile.
    assert client.get("/sparql", params={"query": ORDERS}).status_code == 200
    with EmbeddedStore(serve_store, create=False) as store:
        assert store.query(ORDERS).rows
    assert json.loads(client.get("/sparql", params={"query": ORDERS}).text)["results"]["bindings"]


def test_kg_querys_own_remote_client_gets_the_same_answers(serve_store: Path, embedded: EmbeddedStore) -> None:
    # Over real HTTP (uvicorn on a loopback port), with the SPARQL client `kg query --endpoint` uses.
    from browser import running_server

    from kg.remote import RemoteStore

    with running_server(serve_store) as base:
        remote = RemoteStore(base + "/sparql", timeout=30)
        for name in NO_REQUIRED_PARAMETER:
            if name == "entities":  # GROUP_CONCAT order: compared above
                continue
            text = load_query(name).text
            assert store_rows(remote.query(text)) == store_rows(embedded.query(text)), name
        bound = {"text": Literal("denv")}
        text = load_query("entity_search").text
        assert store_rows(remote.query(text, bound)) == store_rows(embedded.query(text, bound)) != []

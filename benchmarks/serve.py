"""Serve: how long the explorer's pages take on a large store (the entity page at 10k documents).

The synthetic graph of `benchmarks.graph` for a number of documents (10,000 at the medium size) is bulk-loaded
into an embedded store, and `kg serve`'s application (`kg.serve.app`, through Starlette's test client: the same
code as over HTTP, without the network) answers the entity pages of the most mentioned entities of each kind — an
order, a person, a jurisdiction, a body — and of a rarely mentioned one, each timed over repeated requests.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.testclient import TestClient

from benchmarks.common import Result, Workspace, median, seconds, timed
from kg.serve import explore
from kg.serve.app import app

NAME = "serve"
FIGURES = ["documents", "quads", "entity_page_median_s", "entity_page_slowest_s"]
DOCUMENTS = {"smoke": 50, "small": 1_000, "medium": 10_000, "large": 10_000}
KINDS = ("ExecutiveOrder", "Person", "City", "GovernmentBody")
REQUESTS = 5
_MOST_MENTIONED = """PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?entity (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?entity a pol:%s }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/policykg/graph/document/"))
} GROUP BY ?entity ORDER BY DESC(?n) ?entity"""


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    documents = DOCUMENTS[ws.size.name]
    graph = ws.graph(documents=documents)
    location = ws.fresh("serve-store")
    store = ox.Store(str(location))
    store.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_QUADS)
    quads = len(store)
    pages = _pages(store)
    del store  # the application opens the store itself, read-only
    result.add("documents", graph.documents, "synthetic documents")
    result.add("quads", quads, "quads in the store")
    times: dict[str, float] = {}
    with TestClient(app(location)) as client:
        for what, iri in pages:
            path = explore.entity_path(iri)
            client.get(path)  # warm: the first request reads the store's files
            runs = []
            for _ in range(REQUESTS):
                took, response = timed(lambda path=path: client.get(path))
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
                runs.append(took)
            times[what] = median(runs)
            result.add(f"page_{what}", times[what], f"entity page: {what}", seconds(times[what]))
    result.add("entity_page_median_s", median(list(times.values())), "median over those pages",
               seconds(median(list(times.values()))))
    result.add("entity_page_slowest_s", max(times.values()), "slowest of them", seconds(max(times.values())))
    result.notes.append(f"Each page: the median of {REQUESTS} requests after one to warm up.")
    return result


def _pages(store: ox.Store) -> list[tuple[str, str]]:
    """(what, IRI): the most mentioned entity of each kind, and the least mentioned person."""
    pages = []
    for kind in KINDS:
        rows = list(store.query(_MOST_MENTIONED % kind))
        if rows:
            pages.append((f"most mentioned {kind} ({rows[0]['n'].value} documents)", rows[0]["entity"].value))
            if kind == "Person":
                pages.append((f"least mentioned Person ({rows[-1]['n'].value} documents)", rows[-1]["entity"].value))
    return pages

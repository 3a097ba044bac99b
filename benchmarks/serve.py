"""Serve: how long the explorer's pages take on a large store (the entity page at 10k documents).

The synthetic graph of `benchmarks.graph` for a number of documents (10,000 at the medium size) is bulk-loaded
into an embedded store, and `kg serve`'s application (`kg.serve.app`, through Starlette's test client: the same
code as over HTTP, without the network) answers the pages of entities drawn at random (the median entity) and
the page of the order most documents name (the worst case: every fact about it is on its page).
"""

from __future__ import annotations

import random

import pyoxigraph as ox
from starlette.testclient import TestClient

from benchmarks.common import Result, Workspace, median, seconds, timed
from kg.serve import explore
from kg.serve.app import app

NAME = "serve"
FIGURES = ["documents", "quads", "entity_page_median_s", "entity_page_p90_s", "busiest_order_page_s"]
DOCUMENTS = {"smoke": 50, "small": 1_000, "medium": 10_000, "large": 10_000}
SAMPLE = 25  # entities drawn at random (seeded) for the median
TARGET_S = 0.2  # the target for the median entity page
_ENTITIES = """PREFIX graph: <https://w3id.org/policykg/graph/>
SELECT DISTINCT ?entity WHERE { GRAPH graph:merged { ?entity a ?class } } ORDER BY ?entity"""
_BUSIEST_ORDER = """PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?entity (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?entity a pol:ExecutiveOrder }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/policykg/graph/document/"))
} GROUP BY ?entity ORDER BY DESC(?n) ?entity LIMIT 1"""


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    graph = ws.graph(documents=DOCUMENTS[ws.size.name])
    location = ws.fresh("serve-store")
    store = ox.Store(str(location))
    store.bulk_load(path=str(graph.path), format=ox.RdfFormat.N_QUADS)
    quads = len(store)
    entities = [row["entity"].value for row in store.query(_ENTITIES)]
    busiest = next(iter(store.query(_BUSIEST_ORDER)), None)
    del store  # the application opens the store itself, read-only
    sample = random.Random(ws.seed).sample(entities, min(SAMPLE, len(entities)))
    result.add("documents", graph.documents, "synthetic documents")
    result.add("quads", quads, "quads in the store")
    with TestClient(app(location)) as client:
        client.get(explore.entity_path(sample[0]))  # the first request reads the store's files
        times = sorted(_page(client, iri) for iri in sample)
        median_s, p90 = median(times), times[int(0.9 * (len(times) - 1))]
        result.add("entity_page_median_s", median_s, f"entity page, median of {len(times)} random entities",
                   f"{seconds(median_s)} (target {seconds(TARGET_S)})")
        result.add("entity_page_p90_s", p90, "entity page, 90th percentile", seconds(p90))
        if busiest is not None:
            took = _page(client, busiest["entity"].value)
            result.add("busiest_order_page_s", took,
                       f"the page of the order most documents name ({busiest['n'].value} documents)", seconds(took))
    result.notes.append("One request per page after a first one that warms the store; entities drawn with the seed.")
    return result


def _page(client: TestClient, iri: str) -> float:
    took, response = timed(lambda: client.get(explore.entity_path(iri)))
    if response.status_code != 200:
        raise RuntimeError(f"{iri}: HTTP {response.status_code}")
    return took

"""A remote server whose default graph is not the union of its named graphs (issue 17, defect 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
import servers
from rdflib import RDFS, Literal, URIRef

from kg.build import build
from kg.errors import StoreError
from kg.remote import RemoteStore
from kg.store import open_store

pytestmark = pytest.mark.server

NOT_THE_UNION = r"is not the union of its named graphs, .* `oxigraph serve --union-default-graph`"


def test_a_server_that_does_not_query_the_union_is_refused_on_connect(tmp_path: Path) -> None:
    # After a full build on such a server, `kg facts` printed nothing and 7 of 19 named queries returned no rows.
    servers.require_oxigraph()
    with servers.oxigraph_server(tmp_path, union=False) as base:
        endpoints = {"update_endpoint": f"{base}/update", "graph_store": f"{base}/store"}
        remote = RemoteStore(f"{base}/query", **endpoints)
        remote.check_default_graph()  # nothing of kg's stored yet: nothing to tell
        with pytest.raises(StoreError, match=NOT_THE_UNION):
            build([], remote, progress=False)  # stops once it has stored the ontology graph, before any document
        with pytest.raises(StoreError, match=NOT_THE_UNION):
            open_store(endpoint=f"{base}/query", **endpoints)


def test_a_server_that_queries_the_union_is_accepted(oxigraph_server: str) -> None:
    remote = open_store(endpoint=f"{oxigraph_server}/query", update_endpoint=f"{oxigraph_server}/update")
    graph = URIRef("https://w3id.org/policykg/graph/document/union-check.txt/0")
    remote.put_graph(graph, [(URIRef("https://w3id.org/policykg/id/x"), RDFS.label, Literal("x"))])
    try:
        remote.check_default_graph()
    finally:
        remote.drop_graph(graph)

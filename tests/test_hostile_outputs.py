"""Hostile values on the way out (issue 17): XML outputs stay well-formed."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDFS, Literal, URIRef

from kg.export import export, sparql_results
from kg.store import EmbeddedStore

THING = URIRef("https://w3id.org/policykg/id/person/jane-roe")
GRAPH = URIRef("https://w3id.org/policykg/graph/document/a.txt/0123456789abcdef")
HOSTILE = "Jane\x01 Roe\x0b\x0c\x1f\ufffe"  # none of these may appear in XML 1.0, even escaped


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A store holding what an older kg could have stored: a label with control characters."""
    store = EmbeddedStore(tmp_path / "store")
    store.put_graph(GRAPH, [(THING, RDFS.label, Literal(HOSTILE))])
    yield store
    if hasattr(store, "_store"):  # not closed by the test for the command line's sake
        store.close()


# 7: control characters made `kg export --format graphml` and `--format srx` ill-formed XML.
def test_graphml_with_control_characters_is_well_formed(store: EmbeddedStore) -> None:
    data = export(store, "graphml")
    ET.fromstring(data)
    labels = [node for node in nx.read_graphml(io.BytesIO(data)).nodes if node.startswith('"')]
    assert [label.split("^^")[0] for label in labels] == ['"Jane\ufffd Roe\ufffd\ufffd\ufffd\ufffd"']


def test_sparql_results_xml_with_control_characters_is_well_formed(store: EmbeddedStore) -> None:
    result = store.query("SELECT ?label WHERE { ?thing ?p ?label }")
    root = ET.fromstring(sparql_results(result, "srx"))
    (literal,) = [element.text for element in root.iter() if element.tag.endswith("literal")]
    assert literal == "Jane\ufffd Roe\ufffd\ufffd\ufffd\ufffd"
    (binding,) = json.loads(sparql_results(result, "srj"))["results"]["bindings"]
    assert binding["label"]["value"] == HOSTILE  # JSON can hold them

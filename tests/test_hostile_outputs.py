"""Hostile values on the way out (issue 17): XML outputs stay well-formed, query parameters stay values."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDFS, Literal, URIRef

from kg.cli import main
from kg.errors import QueryError
from kg.export import export, sparql_results
from kg.store import EmbeddedStore, bind

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


# 7: control characters made `kg export --format graphml` (now graphml-triples) and `--format srx` ill-formed XML.
def test_graphml_with_control_characters_is_well_formed(store: EmbeddedStore) -> None:
    ET.fromstring(export(store, "graphml"))  # the entity graph: no facts here, but well-formed
    data = export(store, "graphml-triples")
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


# 12: in --file mode parameter names were pasted into the query, and a bad IRI value gave a traceback.
@pytest.mark.parametrize("name", ["x) {(1)} GRAPH ?g {?s ?p ?o} #", "a b", "", "1st", "x}"])
def test_a_parameter_name_that_is_not_a_variable_name_is_refused(name: str) -> None:
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {name: Literal("v")})


def test_file_mode_parameters_are_values_or_clear_errors(store: EmbeddedStore, tmp_path: Path, capsys) -> None:
    store.close()
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?label WHERE { ?thing ?p ?label }")
    options = ["query", "--file", str(query), "--store", str(tmp_path / "store"), "--format", "csv"]
    assert main([*options, "--param", "x) {(1)} GRAPH ?g {?s ?p ?o} #=1"]) == 2
    assert "not a SPARQL variable name" in capsys.readouterr().err
    assert main([*options, "--param", "thing=http://a> }"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: error: ") and "not a valid IRI" in err and "\n" not in err.strip()
    assert main([*options, "--param", f"thing={THING}"]) == 0
    assert capsys.readouterr().out == f"label\r\n{HOSTILE}\r\n"


# 8: `--param date=2017-02-30` gave an rdflib traceback, exit 0 and 0 rows.
def test_an_impossible_date_parameter_is_a_clear_error(store: EmbeddedStore, tmp_path: Path, capsys) -> None:
    store.close()
    jurisdiction = "jurisdiction=https://w3id.org/policykg/id/county/fips-12086"
    options = ["query", "orders_in_force", "--store", str(tmp_path / "store"), "--param", jurisdiction]
    assert main([*options, "--param", "date=2017-02-30"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "kg: error: parameter 'date' of 'orders_in_force' takes a real date: '2017-02-30' is not a real date: "
        "February 2017 has 28 days"
    )
    assert main([*options, "--param", "date=2017-02-28"]) == 0

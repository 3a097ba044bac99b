"""Exports of the fixture graph (tests/fixture_graph.py): every format reads back to what the store holds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import fixture_graph as fx
import networkx as nx
import pytest
from rdflib import RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from kg.errors import KgError
from kg.export import FORMATS, export, sparql_results
from kg.mapping import MERGE_GRAPH, ONTOLOGY_GRAPH
from kg.queries import query
from kg.store import EmbeddedStore
from kg.vocab import POL

GRAPH_A, GRAPH_B = URIRef(fx.GRAPH_A), URIRef(fx.GRAPH_B)
RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = ("trig", "nquads", "jsonld")
TRIPLE_FORMATS = ("turtle", "ntriples")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    fixture = fx.build_fixture_store(tmp_path_factory.mktemp("fixture"))
    yield fixture
    fixture.close()


def stored(store: EmbeddedStore, graphs: list[URIRef]) -> dict[URIRef, Graph]:
    data = store.dataset(graphs)
    return {name: data.graph(name) for name in graphs}


def union(graphs: dict[URIRef, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return merged


def read_quads(data: bytes, fmt: str) -> dict[URIRef, Graph]:
    """The named graphs of a quad export; fails if anything landed in the default graph."""
    dataset = Dataset()
    dataset.parse(data=data, format=RDF_FORMATS[fmt])
    assert len(dataset.default_graph) == 0, "a quad export puts every triple in a named graph"
    return {g.identifier: g for g in dataset.graphs() if len(g) and g.identifier != dataset.default_graph.identifier}


def _simple(graph: Graph) -> Graph:
    """The graph with xsd:string literals written as simple literals: the same literal in RDF 1.1 (compacted
    JSON-LD writes them so), two to rdflib."""
    plain = Graph()
    for s, p, o in graph:
        plain.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    return plain


def assert_same_graphs(actual: dict[URIRef, Graph], expected: dict[URIRef, Graph]) -> None:
    assert sorted(actual) == sorted(expected)
    for name, graph in expected.items():
        assert isomorphic(_simple(actual[name]), _simple(graph)), (
            f"{name}: {len(actual[name])} triples read back, {len(graph)} stored"
        )


DEFAULT_GRAPHS = [GRAPH_A, GRAPH_B, MERGE_GRAPH]  # documents and the merge graph; the ontology on request


def test_the_fixture_has_the_graphs_the_exports_select(store: EmbeddedStore) -> None:
    assert store.graphs() == sorted([GRAPH_A, GRAPH_B, MERGE_GRAPH, ONTOLOGY_GRAPH])


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_keep_each_named_graph(store: EmbeddedStore, fmt: str) -> None:
    assert_same_graphs(read_quads(export(store, fmt), fmt), stored(store, DEFAULT_GRAPHS))


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_write_the_union(store: EmbeddedStore, fmt: str) -> None:
    graph = Graph().parse(data=export(store, fmt), format=RDF_FORMATS[fmt])
    expected = union(stored(store, DEFAULT_GRAPHS))
    # Triples two documents share are written once: fewer than the graphs' sizes added up.
    assert len(expected) < sum(len(g) for g in stored(store, DEFAULT_GRAPHS).values())
    assert isomorphic(graph, expected)


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_documents_restricts_to_their_graphs(store: EmbeddedStore, fmt: str) -> None:
    data = export(store, fmt, documents=[fx.DOC_A.name])
    expected = stored(store, [GRAPH_A])
    if fmt in QUAD_FORMATS:
        assert_same_graphs(read_quads(data, fmt), expected)
    else:
        assert isomorphic(Graph().parse(data=data, format=RDF_FORMATS[fmt]), expected[GRAPH_A])


def test_documents_may_be_given_as_paths(store: EmbeddedStore) -> None:
    data = export(store, "nquads", documents=[f"data/corpus/{fx.DOC_B.name}"])
    assert_same_graphs(read_quads(data, "nquads"), stored(store, [GRAPH_B]))


def test_unknown_document_is_an_error(store: EmbeddedStore) -> None:
    with pytest.raises(KgError, match="absent.txt: not in the store"):
        export(store, "nquads", documents=["absent.txt"])


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_ontology_on_request(store: EmbeddedStore, fmt: str) -> None:
    data = export(store, fmt, ontology=True)
    assert_same_graphs(read_quads(data, fmt), stored(store, [*DEFAULT_GRAPHS, ONTOLOGY_GRAPH]))


def test_jsonld_is_compacted_with_the_shipped_context(store: EmbeddedStore) -> None:
    document = json.loads(export(store, "jsonld"))
    assert document["@context"]["pol"] == "https://w3id.org/policykg/ontology#"
    text = json.dumps(document)
    assert '"pol:holder"' in text and "https://w3id.org/policykg/ontology#holder" not in text


def test_graphml_is_the_labelled_entity_graph(store: EmbeddedStore) -> None:
    graph = nx.read_graphml(io.BytesIO(export(store, "graphml")))
    assert graph.nodes[fx.TRUMP]["label"] == "Donald Trump"
    assert graph.nodes[fx.MIAMI_DADE]["label"] == "Miami-Dade County"
    assert all(node.startswith("https://w3id.org/policykg/id/") for node in graph.nodes), "no literal is a node"
    assert {data["type"] for *_, data in graph.edges(data=True)} >= {"issued", "complies_with", "funds"}
    only_a = nx.read_graphml(io.BytesIO(export(store, "graphml", documents=[fx.DOC_A.name])))
    assert 0 < only_a.number_of_edges() < graph.number_of_edges()


def test_graphml_triples_loads_with_networkx(store: EmbeddedStore) -> None:
    graph = nx.read_graphml(io.BytesIO(export(store, "graphml-triples")))
    expected = union(stored(store, DEFAULT_GRAPHS))
    # One edge per triple, one node per distinct subject or object, named by its N-Triples form.
    assert graph.number_of_edges() == len(expected)
    assert set(graph.nodes) == {term.n3() for s, _, o in expected for term in (s, o)}
    trump = URIRef(fx.TRUMP)
    labels = {o for _, o, data in graph.out_edges(trump.n3(), data=True) if data["predicate"] == str(RDFS.label)}
    assert labels == {Literal("Donald Trump", datatype=XSD.string).n3(), Literal("Trump", datatype=XSD.string).n3()}
    assert graph.nodes[Literal("Trump", datatype=XSD.string).n3()]["literal"] is True
    assert graph.nodes[trump.n3()]["literal"] is False


def test_csv_has_a_header_and_one_row_per_quad(store: EmbeddedStore) -> None:
    rows = list(csv.reader(io.StringIO(export(store, "csv").decode("utf-8"))))
    assert rows[0] == ["subject", "predicate", "object", "object_datatype", "graph"]
    graphs = stored(store, DEFAULT_GRAPHS)
    assert len(rows) - 1 == sum(len(g) for g in graphs.values()) == 154 + 258 + len(graphs[MERGE_GRAPH])
    quads = {tuple(row) for row in rows[1:]}
    assert len(quads) == len(rows) - 1, "no quad twice"
    # A triple both documents state is one row per graph.
    for graph in (fx.GRAPH_A, fx.GRAPH_B):
        assert (fx.MIAMI_DADE, str(RDFS.label), "Miami-Dade County", str(XSD.string), graph) in quads
    assert (fx.EO, str(POL.dateIssued), "2017-01-25", str(XSD.date), fx.GRAPH_A) in quads
    assert {row[4] for row in rows[1:]} == {str(g) for g in DEFAULT_GRAPHS}


def test_unknown_format_is_an_error(store: EmbeddedStore) -> None:
    with pytest.raises(KgError, match="unknown export format 'rdfxml'.*turtle"):
        export(store, "rdfxml")


def test_every_format_is_tested() -> None:
    assert set(FORMATS) == set(RDF_FORMATS) | {"graphml", "graphml-triples", "csv"}


# SPARQL results formats of `kg query --format`: rdflib's own result parsers read them back.
RESULT_FORMATS = [
    ("srj", "json"),
    ("srx", "xml"),
    ("tsv", "tsv"),
]


@pytest.mark.parametrize(("fmt", "parser"), RESULT_FORMATS)
def test_sparql_results_read_back(store: EmbeddedStore, fmt: str, parser: str) -> None:
    # offices: IRIs, literals with non-ASCII text, a gYear and unbound values.
    result = query(store, "offices")
    assert any(v is None for row in result.rows for v in row.values())
    text = sparql_results(result, fmt)
    back = Result.parse(io.StringIO(text), format=parser)
    assert [str(v) for v in back.vars] == result.vars
    rows = [{str(k): v for k, v in binding.items()} for binding in back.bindings]
    assert rows == [{k: v for k, v in row.items() if v is not None} for row in result.rows]

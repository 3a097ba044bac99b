"""Exports: the whole store or selected documents in RDF formats, GraphML or CSV.

Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per document; triple formats
(Turtle, N-Triples) write the union. JSON-LD is compacted with the context kg ships
(`kg/data/ontology/context.jsonld`). GraphML is the labelled entity graph of `kg.analysis`
(actors, jurisdictions and orders, one edge per kind of fact between two of them, with labels,
classes and evidence) for Gephi; ``graphml-triples`` the raw triple graph; CSV one row a quad.
``neo4j`` is not one file but a pair, written by `export_neo4j`: the same labelled entity graph as ``nodes.csv``
and ``relationships.csv`` in the header format of ``neo4j-admin database import full --array-delimiter='|'``.

The XML outputs (GraphML, SPARQL results XML) replace characters XML 1.0 cannot hold by U+FFFD: documents are
cleaned of them when read (`kg.text.normalise`), but a store built by an older kg, or a remote one, may hold them,
and one such character makes the whole file unreadable.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph
from rdflib.term import Node

from kg import data as shipped
from kg.build import graphs_of
from kg.errors import KgError
from kg.mapping import ONTOLOGY_GRAPH
from kg.store import QueryResult, Store
from kg.text import xml_safe

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "graphml", "graphml-triples", "csv")
FOLDER_FORMATS = ("neo4j",)  # written as several files into a folder
_RDFLIB_NAMES = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld"}
_QUAD_FORMATS = {"trig", "nquads", "jsonld"}
PREFIXES = {
    "pol": "https://w3id.org/policykg/ontology#",
    "id": "https://w3id.org/policykg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}


def export(store: Store, fmt: str, *, documents: Iterable[str] | None = None, ontology: bool = False) -> bytes:
    """The store's graphs (all document graphs and the merge graph, or only `documents`; with `ontology`, the
    ontology's graph too) as bytes."""
    if fmt in FOLDER_FORMATS:
        raise KgError(f"the {fmt} export is a pair of files: kg export --format {fmt} --out DIR "
                      f"(kg.export.export_{fmt})")
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS + FOLDER_FORMATS)}")
    if fmt == "graphml":
        return _entity_graphml(store, documents)
    dataset = store.dataset(_graphs(store, documents, ontology=ontology))
    if fmt == "jsonld":
        context = json.loads(shipped.read_text(shipped.ontology("context.jsonld")))["@context"]
        return dataset.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    if fmt in _QUAD_FORMATS:
        _bind(dataset)
        return dataset.serialize(format=_RDFLIB_NAMES[fmt], encoding="utf-8")
    union = _union(dataset)
    if fmt == "graphml-triples":
        return _graphml(union)
    if fmt == "csv":
        return _csv(dataset)
    _bind(union)
    return union.serialize(format=_RDFLIB_NAMES[fmt], encoding="utf-8")


def export_graph(store: Store, *, documents: Iterable[str] | None = None) -> Graph:
    """The union of the selected graphs as one rdflib Graph (for validation and analysis)."""
    return _union(store.dataset(_graphs(store, documents, ontology=False)))


def _graphs(store: Store, documents: Iterable[str] | None, *, ontology: bool) -> list:
    graphs = [g for g in store.graphs() if ontology or g != ONTOLOGY_GRAPH]
    if documents is None:
        return graphs
    return [graph for graphs in graphs_of(documents, store).values() for graph in graphs]


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for graph in dataset.graphs():
        for triple in graph:
            union.add(triple)
    return union


def _bind(graph: Graph | Dataset) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)


def _entity_graphml(store: Store, documents: Iterable[str] | None) -> bytes:
    """The labelled actor-order graph of `kg.analysis` (no literals as nodes) as GraphML."""
    from kg.analysis import actor_order_graph
    from kg.analysis.render import write_graphml

    names = None if documents is None else list(graphs_of(documents, store))
    buffer = io.BytesIO()
    write_graphml(actor_order_graph(store, documents=names), buffer)
    return buffer.getvalue()


# Node and relationship properties of the Neo4j pair, with their neo4j-admin types (no type: string).
_NEO4J_NODE = ("iri:ID", "label", "class", "kind", "aliases:string[]", "date", "evidence_count:int", ":LABEL")
_NEO4J_EDGE = (":START_ID", ":END_ID", ":TYPE", "date", "role", "stance", "modality", "status", "instrument",
               "amount", "order", "order_label", "evidence_count:int", "documents:string[]", "sentences:string[]")
_ARRAY = "|"  # neo4j-admin's --array-delimiter; a "|" inside a value is written as "¦"


def export_neo4j(store: Store, directory: Path, *, documents: Iterable[str] | None = None) -> list[Path]:
    """Write the labelled entity graph (the ``graphml`` export's) as `directory`/nodes.csv and
    relationships.csv for ``neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
    --array-delimiter='|'``; returns the two paths.

    A node's id is its IRI and its labels are its kind and class (``Actor;Person``); a relationship's type is the
    fact type in capitals (``ISSUED``), one per kind of fact between two nodes, with its qualifiers, the documents
    and the evidence sentences.
    """
    from kg.analysis import actor_order_graph

    names = None if documents is None else list(graphs_of(documents, store))
    graph = actor_order_graph(store, documents=names)
    node_rows = []
    for node, data in sorted(graph.nodes(data=True)):
        labels = dict.fromkeys(label for label in (data["kind"].capitalize(), data["class"]) if label)
        node_rows.append([node, data["label"], data["class"], data["kind"], _array(data["aliases"]),
                          data.get("date", ""), data["evidence_count"], ";".join(labels)])
    edge_rows = []
    for source, target, data in sorted(graph.edges(data=True), key=lambda edge: (edge[0], edge[1], edge[2]["type"])):
        edge_rows.append([source, target, data["type"].upper(),
                          *(data.get(name, "") for name in _NEO4J_EDGE[3:12]),
                          data["evidence_count"], _array(data["documents"]), _array(data["sentences"])])
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "nodes.csv", directory / "relationships.csv"]
    for path, header, rows in zip(paths, (_NEO4J_NODE, _NEO4J_EDGE), (node_rows, edge_rows), strict=True):
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
    return paths


def _array(values: Iterable[str]) -> str:
    return _ARRAY.join(value.replace(_ARRAY, "¦") for value in values)


def _graphml(graph: Graph) -> bytes:
    multigraph = rdflib_to_networkx_multidigraph(graph, edge_attrs=lambda s, p, o: {"predicate": str(p)})
    # GraphML wants string node ids and scalar attributes: label nodes by their N-Triples form.
    labelled = nx.relabel_nodes(multigraph, {n: xml_safe(n.n3()) for n in multigraph.nodes})
    for node in labelled.nodes:
        labelled.nodes[node]["literal"] = node.startswith('"')
    for _, _, data in labelled.edges(data=True):
        data["predicate"] = xml_safe(data["predicate"])
    buffer = io.BytesIO()
    nx.write_graphml(labelled, buffer)
    return buffer.getvalue()


def _csv(dataset: Dataset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["subject", "predicate", "object", "object_datatype", "graph"])
    for graph in dataset.graphs():
        for s, p, o in graph:
            datatype = str(o.datatype or "") if isinstance(o, Literal) else ""
            writer.writerow([str(s), str(p), str(o), datatype, str(graph.identifier)])
    return buffer.getvalue().encode("utf-8")


def sparql_results(result: QueryResult, fmt: str) -> str:
    """A SELECT result in a standard SPARQL results format: srj (JSON), srx (XML) or tsv."""
    from rdflib.query import Result
    from rdflib.term import Variable

    if fmt not in ("srj", "srx", "tsv"):
        raise KgError(f"unknown SPARQL results format {fmt!r}; choose srj, srx or tsv")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.vars)]
        for row in result.rows:
            cells = ("" if row.get(v) is None else row[v].n3() for v in result.vars)
            lines.append("\t".join(c.replace("\t", "\\t") for c in cells))
        return "\n".join(lines) + "\n"
    answer = Result("SELECT")
    answer.vars = [Variable(v) for v in result.vars]
    clean = _xml_term if fmt == "srx" else (lambda term: term)
    answer.bindings = [{Variable(k): clean(v) for k, v in row.items() if v is not None} for row in result.rows]
    name = {"srj": "json", "srx": "xml"}[fmt]
    return answer.serialize(format=name).decode("utf-8")


def _xml_term(term: Node) -> Node:
    """The term with the characters XML cannot hold replaced (see the module docstring)."""
    if isinstance(term, Literal):
        text = xml_safe(str(term))
        return term if text == str(term) else Literal(text, lang=term.language, datatype=term.datatype)
    if isinstance(term, URIRef):
        return URIRef(xml_safe(str(term)))
    return term

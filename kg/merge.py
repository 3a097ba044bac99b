"""The cross-document merge graph: each entity described once, from every document graph that mentions it.

Document graphs each describe the entities they mention, so the union of the graphs repeats those triples
once per document. The merge graph holds them once, with one preferred `rdfs:label` (the fullest of the
documents' labels: longest, then alphabetically first, an unnamed office holder's placeholder last) and every
other name as `skos:altLabel`; queries read entity descriptions from it.

It is updated a batch of document graphs at a time, touching only the entities those graphs describe, so
its cost and memory follow the batch, not the store:

- `add`: a description only grows when documents come in, so an entity's new description is its merged
  one folded with what the new graphs say;
- `drop`: what a dropped graph said may be said nowhere else, so its entities are described again from
  the document graphs that remain.

The merge graph records the document graphs it was made from (`prov:wasDerivedFrom`), each once its entities
are in, and the size of each (`pol:tripleCount`, which `triple_count.rq` adds up); `merge` asks the store
where that record and its document graphs differ and completes what a stopped run left out. With each
entity it records in how many documents the entity is named (`pol:documentCount`, which `entities.rq` and
`document_contribution.rq` read), counted again from the document graphs whenever a batch touches the entity,
and its names lowercased in one text (`pol:searchText`, which `entity_search.rq` reads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import PROV, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.term import Node

from kg.mapping import MERGE_GRAPH
from kg.queries import load_query
from kg.resolve.people import is_unnamed_holder
from kg.store import Store, Triple
from kg.vocab import POL

GRAPHS_PER_BATCH = 500  # document graphs read from the store at a time
ENTITIES_PER_BATCH = 1000  # entities whose descriptions are read and rewritten at a time
# What the merge graph derives from a whole description, made again each time the entity is described.
DERIVED = frozenset({POL.documentCount, POL.searchText})

Row = dict[str, Node | None]


def merge(store: Store) -> None:
    """Bring the merge graph up to date with every document graph in the store.

    Nothing to do after a build that ran to its end. After a stopped one: the graphs it stored but did not
    merge are merged; if it stopped while dropping graphs, the merge graph is made again from all of them. In a
    store merged by a kg before the merge graph recorded each entity's number of documents and search text, every
    entity is described again.
    """
    pending = list(store.rows(load_query("merge_pending").text))  # only the differences: none after a whole run
    if any(row["merged"].toPython() for row in pending):  # a drop stopped before its entities were described again
        store.drop_graph(MERGE_GRAPH)
        pending = list(store.rows(load_query("merge_pending").text))
    add(store, sorted(row["graph"] for row in pending))
    describe_again(store, [row["entity"] for row in store.rows(load_query("undescribed_entities").text)])


def add(store: Store, graphs: Sequence[URIRef]) -> None:
    """Merge new document graphs, already in the store, into the merge graph."""
    source = load_query("merge_source").text
    for start in range(0, len(graphs), GRAPHS_PER_BATCH):
        batch = graphs[start : start + GRAPHS_PER_BATCH]
        said = _by_entity(store.rows(source, {"graph": batch}))
        entities = sorted(said)
        for first in range(0, len(entities), ENTITIES_PER_BATCH):
            chunk = entities[first : first + ENTITIES_PER_BATCH]
            merged = _merged_triples(store, chunk)
            rows = [row for entity in chunk for row in said[entity]]
            rows += [_row(triple) for triple in merged if triple[1] not in DERIVED]
            _rewrite(store, merged, describe(rows) | _document_counts(store, chunk))
        sizes = store.rows(load_query("graph_sizes").text, {"graph": batch})
        recorded = {(row["graph"], POL.tripleCount, Literal(int(row["triples"]))) for row in sizes}
        _rewrite(store, _merged_triples(store, list(batch)), recorded)  # a graph stored again has a new size
        # Last: a batch stopped before this line is merged again by the next build, which gives the same graph.
        store.add(MERGE_GRAPH, [(MERGE_GRAPH, PROV.wasDerivedFrom, graph) for graph in batch])


def drop(store: Store, graphs: Sequence[URIRef]) -> None:
    """Delete document graphs from the store, and describe their entities again without them."""
    source = load_query("merge_source").text
    for start in range(0, len(graphs), GRAPHS_PER_BATCH):
        batch = graphs[start : start + GRAPHS_PER_BATCH]
        entities = sorted({row["entity"] for row in store.rows(source, {"graph": batch})})
        for graph in batch:
            store.drop_graph(graph)
        describe_again(store, entities)
        store.remove(MERGE_GRAPH, _merged_triples(store, list(batch)))  # their recorded sizes
        # Last: until then `merge` sees graphs merged but gone, and makes the merge graph again.
        store.remove(MERGE_GRAPH, [(MERGE_GRAPH, PROV.wasDerivedFrom, graph) for graph in batch])


def describe_again(store: Store, entities: Sequence[Node]) -> None:
    """Describe `entities` in the merge graph again from the document graphs in the store, with their numbers of
    documents and search texts; one no document describes any more leaves the merge graph. `drop` does it for the
    entities of the graphs it deletes; `benchmarks.bound_queries` for every entity of a graph file made before the
    merge graph recorded those."""
    source = load_query("merge_source").text
    for first in range(0, len(entities), ENTITIES_PER_BATCH):
        chunk = list(entities[first : first + ENTITIES_PER_BATCH])
        described = describe(store.rows(source, {"entity": chunk})) | _document_counts(store, chunk)
        _rewrite(store, _merged_triples(store, chunk), described)


def _document_counts(store: Store, entities: list[Node]) -> set[Triple]:
    """(entity, pol:documentCount, n) for each of `entities` that n > 0 document graphs describe."""
    rows = store.rows(load_query("document_counts").text, {"entity": entities})
    return {(row["entity"], POL.documentCount, Literal(int(row["documents"]))) for row in rows}


@dataclass
class _Description:
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    other: set[tuple[Node, Node]] = field(default_factory=set)  # (property, value)


def describe(rows: Iterable[Row]) -> set[Triple]:
    """The merge graph's triples for (entity, property, value) rows: each once, and one preferred label per
    entity, the fullest (longest, then alphabetically first; a placeholder such as "Governor (unnamed, in
    letter.txt)" only when there is no other); every other name is an alias. All of an entity's
    names, lowercased, make its search text."""
    descriptions: dict[Node, _Description] = defaultdict(_Description)
    for row in rows:
        entity, prop, value = row["entity"], row["property"], _canonical(row["value"])
        description = descriptions[entity]
        if prop == RDFS.label:
            description.labels.add(str(value))
        elif prop == SKOS.altLabel:
            description.aliases.add(str(value))
        else:
            description.other.add((prop, value))
    triples: set[Triple] = set()
    for entity, description in descriptions.items():
        triples.update((entity, prop, value) for prop, value in description.other)
        if description.labels or description.aliases:
            names = sorted({name.lower() for name in description.labels | description.aliases})
            triples.add((entity, POL.searchText, _name("\n".join(names))))
        if not description.labels:
            triples.update((entity, SKOS.altLabel, _name(name)) for name in description.aliases)
            continue
        # an unnamed office holder's placeholder, joined to the person other documents name, is last
        preferred = min(description.labels, key=lambda name: (is_unnamed_holder(name), -len(name), name))
        triples.add((entity, RDFS.label, _name(preferred)))
        others = (description.labels | description.aliases) - {preferred}
        triples.update((entity, SKOS.altLabel, _name(name)) for name in others)
    return triples


def _name(text: str) -> Literal:
    return Literal(text, datatype=XSD.string)


def _canonical(term: Node | None) -> Node | None:
    """One form for a plain string, which stores return as typed `xsd:string` or untyped: they are one RDF term,
    and comparing what the merge graph has with what it should have must see them as one."""
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return _name(str(term))
    return term


def _by_entity(rows: Iterable[Row]) -> dict[Node, list[Row]]:
    said: dict[Node, list[Row]] = defaultdict(list)
    for row in rows:
        said[row["entity"]].append(row)
    return said


def _merged_triples(store: Store, entities: list[Node]) -> set[Triple]:
    rows = store.query(load_query("merged_descriptions").text, {"entity": entities}).rows
    return {(row["entity"], row["property"], _canonical(row["value"])) for row in rows}


def _row(triple: Triple) -> Row:
    return dict(zip(("entity", "property", "value"), triple, strict=True))


def _rewrite(store: Store, old: set[Triple], new: set[Triple]) -> None:
    # Additions first: stopped in between, an entity has a label too many, which the next merge folds into
    # aliases; the other way round it would lose names that only documents merged earlier gave.
    store.add(MERGE_GRAPH, new - old)
    store.remove(MERGE_GRAPH, old - new)

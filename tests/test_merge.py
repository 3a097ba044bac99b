"""The merge graph kept up to date batch by batch is the one made from scratch, also after a stopped run."""

from __future__ import annotations

from pathlib import Path

import fixture_graph as fx
import pytest
import rdflib
from rdflib import RDFS, SKOS, Literal, URIRef

import kg.merge
from kg.mapping import MERGE_GRAPH, document_graph, entity_iri, to_triples
from kg.store import EmbeddedStore, Triple
from kg.vocab import POL

EXTRACTIONS = {document_graph(e.document.name, e.document.content_hash): e for e in fx.extractions()}
GRAPH_A, GRAPH_B = EXTRACTIONS
TRUMP = entity_iri(fx.TRUMP_KEY)


def name(text: str) -> Literal:
    return Literal(text, datatype=rdflib.XSD.string)  # how the store gives plain strings back


def _store(path: Path, graphs: list[URIRef]) -> EmbeddedStore:
    store = EmbeddedStore(path)
    for graph in graphs:
        store.put_graph(graph, to_triples(EXTRACTIONS[graph]))
    return store


def merged(store: EmbeddedStore) -> set[Triple]:
    return set(store.dataset([MERGE_GRAPH]).graph(MERGE_GRAPH))


def from_scratch(path: Path, graphs: list[URIRef]) -> set[Triple]:
    store = _store(path, graphs)
    kg.merge.merge(store)
    return merged(store)


def test_graphs_added_one_by_one_merge_as_all_at_once(tmp_path: Path) -> None:
    store = _store(tmp_path / "a", [GRAPH_A])
    kg.merge.add(store, [GRAPH_A])
    alone = merged(store)
    assert (TRUMP, RDFS.label, name("Donald Trump")) in alone
    assert (TRUMP, POL.documentCount, Literal(1)) in alone
    store.put_graph(GRAPH_B, to_triples(EXTRACTIONS[GRAPH_B]))
    kg.merge.add(store, [GRAPH_B])
    assert merged(store) == from_scratch(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    assert {t for t in merged(store) if t[:2] == (TRUMP, POL.documentCount)} == {(TRUMP, POL.documentCount, Literal(2))}
    assert merged(store) != alone  # B named things A did not


def test_a_dropped_graph_takes_away_what_only_it_said(tmp_path: Path) -> None:
    store = _store(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    kg.merge.merge(store)
    kg.merge.drop(store, [GRAPH_A])
    assert GRAPH_A not in store.graphs()
    after = merged(store)
    assert after == from_scratch(tmp_path / "b", [GRAPH_B])
    # Only A called Trump "Donald Trump": B's "Trump" is the preferred label now, and no alias is left.
    assert (TRUMP, RDFS.label, name("Trump")) in after
    assert not [t for t in after if t[0] == TRUMP and t[1] == SKOS.altLabel]
    assert {t for t in after if t[:2] == (TRUMP, POL.documentCount)} == {(TRUMP, POL.documentCount, Literal(1))}


def test_the_longest_label_wins_whatever_order_graphs_come_in(tmp_path: Path) -> None:
    store = _store(tmp_path / "ba", [GRAPH_B])
    kg.merge.add(store, [GRAPH_B])
    assert (TRUMP, RDFS.label, name("Trump")) in merged(store)
    store.put_graph(GRAPH_A, to_triples(EXTRACTIONS[GRAPH_A]))
    kg.merge.add(store, [GRAPH_A])
    labels = {t[2] for t in merged(store) if t[0] == TRUMP and t[1] == RDFS.label}
    assert labels == {name("Donald Trump")}


class Stop(Exception):
    pass


def test_an_add_stopped_midway_is_completed_by_the_next_merge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path / "ab", [GRAPH_B])
    kg.merge.add(store, [GRAPH_B])
    store.put_graph(GRAPH_A, to_triples(EXTRACTIONS[GRAPH_A]))

    def stopped(graph: URIRef, triples: object) -> None:  # the additions are in; the removals never come
        raise Stop

    monkeypatch.setattr(store, "remove", stopped)
    with pytest.raises(Stop):
        kg.merge.add(store, [GRAPH_A])
    monkeypatch.undo()
    labels = {t[2] for t in merged(store) if t[0] == TRUMP and t[1] == RDFS.label}
    assert labels == {name("Trump"), name("Donald Trump")}  # half done: two preferred labels
    kg.merge.merge(store)
    assert merged(store) == from_scratch(tmp_path / "fresh", [GRAPH_A, GRAPH_B])


def test_a_graph_dropped_without_its_merge_update_is_noticed(tmp_path: Path) -> None:
    store = _store(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    kg.merge.merge(store)
    store.drop_graph(GRAPH_A)  # as a drop stopped before its entities were described again
    kg.merge.merge(store)
    assert merged(store) == from_scratch(tmp_path / "b", [GRAPH_B])


def test_a_merge_graph_is_made_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.merge, "GRAPHS_PER_BATCH", 1)
    monkeypatch.setattr(kg.merge, "ENTITIES_PER_BATCH", 2)
    store = _store(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    kg.merge.merge(store)
    monkeypatch.undo()
    assert merged(store) == from_scratch(tmp_path / "fresh", [GRAPH_A, GRAPH_B])


def test_entities_described_again_get_their_numbers_of_documents(tmp_path: Path) -> None:
    # A merge graph made without the numbers (the benchmarks' graph files) gets them, and nothing else changes.
    store = _store(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    kg.merge.merge(store)
    whole = merged(store)
    counts = {t for t in whole if t[1] == POL.documentCount}
    store.remove(MERGE_GRAPH, counts)
    kg.merge.describe_again(store, sorted({t[0] for t in counts}))
    assert merged(store) == whole


def test_a_store_merged_before_the_numbers_of_documents_gets_them_at_the_next_merge(tmp_path: Path) -> None:
    # an earlier kg's merge graph: no number of documents nor search text; the next build's merge adds them
    store = _store(tmp_path / "ab", [GRAPH_A, GRAPH_B])
    kg.merge.merge(store)
    whole = merged(store)
    store.remove(MERGE_GRAPH, {t for t in whole if t[1] in kg.merge.DERIVED})
    kg.merge.merge(store)
    assert merged(store) == whole

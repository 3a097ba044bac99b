"""The fact rows (`pol:factRow` on each fact's evidence, read by fact_rows.rq): the rows facts.rq computes, written
once with each fact so that every fact of a large store streams out at one index lookup a row. What facts.rq
computes and what the rows carry must stay one answer: after a build, a join of two entities and a rejection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.curate import join
from kg.mapping import renamed_row
from kg.queries import fact_rows, load_query, query
from kg.store import EmbeddedStore, Store

pytestmark = pytest.mark.model

ORDER = """title: Governor orders agencies to report detainer requests
date: 2019-03-04
---
Governor Helen Marsh of Colorado issued Executive Order 7-19 on March 4, 2019, directing the Colorado Department of \
Public Safety to report every immigration detainer request it receives.

The order applies to Denver and to every county in Colorado. "We will follow the law," said Sheriff Tom Reyes of \
Pueblo County, who said his office would comply with the order.
"""


def computed(store: Store) -> list[str]:
    """facts.rq's rows as the rows carry them: unbound columns left out, numbers as numbers, terms as text."""
    numbers = {"start": int, "end": int, "page": int, "confidence": float}
    rows = (
        {k: numbers.get(k, str)(v) for k, v in row.items() if v is not None} for row in query(store, "facts").rows
    )
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def carried(store: Store) -> list[str]:
    return sorted(json.dumps({k: str(v) if isinstance(v, URIRef) else v for k, v in row.items()}, sort_keys=True)
                  for row in fact_rows(store))  # fmt: skip


@pytest.fixture
def built(tmp_path: Path) -> Path:
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    (corpus / "order.txt").write_text(ORDER, encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(store), "--doc-timeout", "0", "--no-progress"]) == 0
    return store


def test_the_rows_are_what_facts_rq_computes(built: Path, serve_store: Path) -> None:
    for location in (built, serve_store):
        with EmbeddedStore(location, create=False, read_only=True) as store:
            rows = carried(store)
            assert len(rows) > 3
            assert rows == computed(store)


def test_the_embedded_store_reads_the_rows_as_every_store_does(serve_store: Path) -> None:
    text = load_query("fact_rows").text
    with EmbeddedStore(serve_store, create=False, read_only=True) as store:
        assert sorted(store.texts(text)) == sorted(Store.texts(store, text))  # the abstract store's, over rows()


def test_a_join_of_two_entities_renames_them_in_the_rows(built: Path) -> None:
    with EmbeddedStore(built, create=False) as store:
        rows = fact_rows(store)
        sheriff = next(r["subject"] for r in rows if "reyes" in r["subject"])
        governor = next(r["subject"] for r in rows if "marsh" in r["subject"])
        assert join(store, governor, sheriff, "invented: one person") == 1
        named = {r[key] for r in fact_rows(store) for key in ("subject", "object")}
        assert sheriff not in named and governor in named
        assert carried(store) == computed(store)


def test_a_rejected_fact_leaves_the_rows(built: Path, tmp_path: Path) -> None:
    with EmbeddedStore(built, create=False, read_only=True) as store:
        fact = fact_rows(store)[0]["fact"]
    assert main(["reject", fact, "--store", str(built), "--curation", str(tmp_path / "curation.yaml")]) == 0
    with EmbeddedStore(built, create=False, read_only=True) as store:
        assert fact not in {r["fact"] for r in fact_rows(store)}
        assert carried(store) == computed(store)


def test_renaming_a_row_touches_only_the_entities_joined() -> None:
    gone, kept, other = (URIRef(f"https://w3id.org/policykg/id/person/{n}") for n in ("a", "b", "c"))
    row = Literal(json.dumps({"subject": str(gone), "object": str(other), "imposed_by": str(gone), "text": "a, b"}))
    assert json.loads(str(renamed_row(row, {gone: kept}))) == {
        "subject": str(kept), "object": str(other), "imposed_by": str(kept), "text": "a, b"}


def test_a_store_built_before_the_rows_lists_its_facts_by_facts_rq(built: Path) -> None:
    with EmbeddedStore(built, create=False) as store:
        before = fact_rows(store)
        store.update("DELETE WHERE { GRAPH ?g { ?mention <https://w3id.org/policykg/ontology#factRow> ?row } }")
        assert not list(store.texts(load_query("fact_rows").text))
        assert [{k: str(v) for k, v in row.items()} for row in fact_rows(store)] == [
            {k: str(v) for k, v in row.items()} for row in before]

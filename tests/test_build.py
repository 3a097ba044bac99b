"""End to end: documents -> store -> facts by SPARQL, incremental builds, removal and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import data
from kg.build import Budget, build, remove, stored_documents
from kg.cli import main
from kg.errors import DocumentError, QueryError, StoreError
from kg.mapping import MERGE_GRAPH
from kg.queries import facts, query, stats
from kg.store import EmbeddedStore
from kg.vocab import POL
from kg.vocabgen import OWL_TARGET, TARGET, render, render_owl

pytestmark = pytest.mark.model

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
SEED = CORPUS / "000_267d39d85851adfe.txt"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("seed"))
    report = build([SEED], store, progress=False)
    assert report.built == [SEED.name]
    return store


def _rows(store: EmbeddedStore) -> set[tuple]:
    return {
        (r["fact"], r["subject"]["label"], r["object"]["label"], r.get("date"), r.get("status"), r.get("role"))
        for r in facts(store)
    }


def test_seed_offices_and_party(seed_store):
    rows = _rows(seed_store)
    assert ("holds_office", "Carlos Gimenez", "Miami-Dade County", None, None, "mayor") in rows
    assert ("member_of", "Carlos Gimenez", "Republican Party", None, None, None) in rows
    assert ("holds_office", "Sean Spicer", "White House", None, None, "press secretary") in rows


def test_seed_memo_issued_thursday_to_the_corrections_director(seed_store):
    records = facts(seed_store)
    issued = [r for r in records if r["fact"] == "issued" and r["subject"]["label"] == "Carlos Gimenez"]
    assert [(r["object"]["class"], r.get("date")) for r in issued] == [("Directive", "2017-01-26")]
    memo = issued[0]["object"]["iri"]
    addressed = [r["object"] for r in records if r["fact"] == "addressed_to" and r["subject"]["iri"] == memo]
    # an office named without its holder: this document's own node, not labelled by the office word alone
    assert [a["label"] for a in addressed] == ["interim corrections director (unnamed, in 000_267d39d85851adfe.txt)"]
    assert "interim corrections director" in addressed[0]["aliases"]


def test_seed_executive_order_threatens_grants(seed_store):
    threatened = [r for r in facts(seed_store) if r["fact"] == "funds" and r.get("status") == "threatened"]
    assert any(
        r["object"]["label"] == "sanctuary jurisdictions" and r.get("imposed_by", {}).get("class") == "ExecutiveOrder"
        for r in threatened
    )


def test_seed_executive_order_is_opposed_by_mayors(seed_store):
    records = facts(seed_store)
    opposes = [r for r in records if r["fact"] == "opposes" and "mayors" in r["subject"]["label"].lower()]
    assert len(opposes) == 1
    assert opposes[0]["object"]["class"] == "ExecutiveOrder"
    assert opposes[0]["stance"] == "challenge"


def test_seed_2013_policy_ties_detention_to_reimbursement(seed_store):
    rows = _rows(seed_store)
    policies = [r for r in rows if r[0] == "issued" and r[1] == "Miami-Dade County"]
    assert len(policies) == 1 and policies[0][3] == "2013"
    assert ("funds", "federal government", "Miami-Dade County", "2013", "reimbursement", None) in rows


def test_evidence_offsets_point_into_the_document(seed_store):
    from kg.documents import read_document

    text = read_document(SEED).text
    for record in facts(seed_store):
        evidence = record["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert 0 < record["confidence"] <= 1


def assert_document_counts_fresh(store: EmbeddedStore) -> None:
    """The number of documents the merge graph records for each entity is what the document graphs say now."""
    counted = {(row["entity"], int(row["documents"])) for row in query(store, "document_counts").rows}
    merged = store.dataset([MERGE_GRAPH]).graph(MERGE_GRAPH)
    assert {(entity, int(n)) for entity, _, n in merged.triples((None, POL.documentCount, None))} == counted
    assert counted


def test_rebuild_of_unchanged_documents_does_no_work(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    build([SEED], store, progress=False)
    before = stats(store)
    again = build([SEED], store, progress=False)
    assert again.built == [] and again.unchanged == [SEED.name]
    assert stats(store) == before


def test_changed_document_replaces_its_graph(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "memo.txt"
    doc.write_text("date: 2019-03-15\n---\nMayor Jane Roe of Travis County sent a memo Tuesday.\n")
    store = EmbeddedStore(tmp_path / "store")
    build([folder], store, progress=False)
    doc.write_text("date: 2019-03-15\n---\nGovernor John Doe of Oregon signed a directive Monday.\n")
    build([folder], store, progress=False)
    assert len(stored_documents(store)["memo.txt"]) == 1
    labels = {r["subject"]["label"] for r in facts(store)}
    assert "Jane Roe" not in labels
    assert_document_counts_fresh(store)


def test_remove_deletes_nodes_only_that_document_supported(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    build([SEED, CORPUS / "08_crs_legal_sidebar_plan_to_restrict_grants.txt"], store, progress=False)
    assert_document_counts_fresh(store)
    remove([SEED.name], store)
    assert_document_counts_fresh(store)
    assert SEED.name not in stored_documents(store)
    labels = {r["subject"]["label"] for r in facts(store)} | {r["object"]["label"] for r in facts(store)}
    assert "Carlos Gimenez" not in labels
    assert "Executive Order 13768" in labels
    with pytest.raises(DocumentError):
        remove(["no-such.txt"], store)


def test_bad_documents_are_reported_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Caf\xe9 policy".encode("latin-1"))
    store = EmbeddedStore(tmp_path / "store")
    report = build([folder, tmp_path / "missing.txt"], store, progress=False)
    assert report.built == [SEED.name]
    assert len(report.failed) == 4
    for _, message in report.failed:
        assert "\n" not in message


def test_cli_build_and_facts_jsonl(tmp_path, capsys):
    store = str(tmp_path / "store")
    assert main(["build", str(SEED), "--store", store, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["facts", "--store", store, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert {"document", "fact", "subject", "object", "evidence", "confidence"} <= set(records[0])
    assert {r["document"] for r in records} == {SEED.name}


def test_cli_reports_errors_in_one_line(tmp_path, capsys):
    EmbeddedStore(tmp_path / "s").close()
    assert main(["query", "no_such_query", "--store", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: no query 'no_such_query'; available:") and "\n" not in err


def test_only_build_creates_a_store(tmp_path, capsys):
    missing = tmp_path / "mistyped"
    for command in (["facts"], ["eval", str(tmp_path)], ["stats"], ["query", "stances"]):
        assert main([*command, "--store", str(missing)]) == 2
        assert capsys.readouterr().err.startswith(f"kg: error: no store at {missing}: build one first")
    assert not missing.exists()


def test_vocabulary_module_is_generated_from_the_ontology():
    assert TARGET.read_text() == render(), "kg/vocab.py is stale: run `python -m kg.vocabgen`"
    assert OWL_TARGET.read_text() == render_owl(), "kg/data/ontology/kg.owl is stale: run `python -m kg.vocabgen`"


def test_owlready2_loads_the_shipped_ontology_as_it_is():
    import owlready2

    world = owlready2.World()
    try:
        ontology = world.get_ontology(str(data.ontology("kg.owl"))).load()
        names = {cls.name for cls in ontology.classes()}
    finally:
        world.close()
    assert {"Person", "ExecutiveOrder", "County", "FundingRelation"} <= names
    assert isomorphic(Graph().parse(str(data.ontology("kg.owl"))), data.ontology_graph())


def test_one_node_across_documents_with_the_fullest_name_preferred(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "date: 2019-03-15\n---\nGovernor Nadia R. Ferreira of Oregon signed a directive Tuesday.\n"
    )
    (folder / "b.txt").write_text(
        "date: 2019-03-18\n---\nGovernor Nadia Ferreira of Oregon signed an executive order Monday.\n"
    )
    store = EmbeddedStore(tmp_path / "store")
    build([folder], store, progress=False)
    issued = [r for r in facts(store) if r["fact"] == "issued" and r["subject"]["class"] == "Person"]
    issuers = {(r["subject"]["iri"], r["subject"]["label"]) for r in issued}
    assert issuers == {("https://w3id.org/policykg/id/person/us-or-nadia-ferreira", "Nadia R. Ferreira")}
    aliases = {a for r in issued for a in r["subject"]["aliases"]}
    assert {"Nadia Ferreira", "Nadia R. Ferreira"} <= aliases


def test_gazetteer_containment_is_in_the_graph_but_not_among_the_facts(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        # sentences apart, so that no reading of the text pairs the two: what is left is the gazetteer's
        "date: 2019-03-15\n---\nOregon lawmakers met on Monday. They adjourned early. The session ends in June. "
        "Multnomah County adopted a new jail policy.\n"
    )
    store = EmbeddedStore(tmp_path / "store")
    build([folder], store, progress=False)
    assert not [r for r in facts(store) if r["fact"] == "part_of"]
    hierarchy = store.query(
        "PREFIX pol: <https://w3id.org/policykg/ontology#> "
        "SELECT DISTINCT ?part ?whole WHERE { ?part pol:partOf ?whole }"
    )
    assert [(str(r["part"]), str(r["whole"])) for r in hierarchy.rows] == [
        ("https://w3id.org/policykg/id/county/fips-41051", "https://w3id.org/policykg/id/state/us-or")
    ]


def test_an_upgraded_extractor_reads_unchanged_documents_again(tmp_path, monkeypatch):
    import kg.mapping

    store = EmbeddedStore(tmp_path / "store")
    in_process = Budget(timeout=None)  # the mapping runs where the document is parsed: here, to see the new version
    assert build([SEED], store, progress=False, budget=in_process).built == [SEED.name]
    assert build([SEED], store, progress=False, budget=in_process).unchanged == [SEED.name]
    monkeypatch.setattr(kg.mapping, "extractor_version", lambda: "kg 99.0.0")
    again = build([SEED], store, progress=False, budget=in_process)
    assert again.built == [SEED.name]
    assert len(stored_documents(store)[SEED.name]) == 1  # the old reading is dropped


def test_rows_streams_what_query_returns(seed_store):
    select = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    expected = seed_store.query(select).rows
    assert len(expected) > 100
    assert sorted(map(_row_key, seed_store.rows(select))) == sorted(map(_row_key, expected))
    with pytest.raises(QueryError):
        list(seed_store.rows("ASK { ?s ?p ?o }"))


def _row_key(row: dict) -> tuple:
    return tuple(str(row[name]) for name in ("s", "p", "o"))


def test_a_build_leaves_spacys_strings_as_it_found_them(tmp_path):
    from kg.parsing import load_nlp

    strings = load_nlp().vocab.strings
    before = len(strings)
    build([CORPUS], EmbeddedStore(tmp_path / "store"), progress=False)
    assert len(strings) == before  # names seen in one part of a corpus are not kept for the whole run


def test_flush_keeps_the_store_open_with_its_data(tmp_path):
    # flush reopens the embedded store to let go of what RocksDB read; the store stays this process's and whole
    graph = URIRef("urn:kg:test")
    with EmbeddedStore(tmp_path / "store") as store:
        store.put_graph(graph, [(URIRef("urn:kg:a"), RDFS.label, Literal("a"))])
        store.flush()
        store.add(graph, [(URIRef("urn:kg:b"), RDFS.label, Literal("b"))])
        assert store.triple_count() == 2
        with pytest.raises(StoreError):
            EmbeddedStore(tmp_path / "store")
    with EmbeddedStore(tmp_path / "store") as reopened:
        assert reopened.triple_count() == 2

"""A command that finds nothing says why on standard error when the likely reason is a mistake (a wrong store, a
parameter naming nothing in it), and keeps its exit code; a true empty answer stays quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_graph import CHICAGO, DOC_A, EO, GRAPH_A, TRUMP, _fact, build_fixture_store
from rdflib import Graph

from kg.cli import main
from kg.facts import Entity, Extraction
from kg.mapping import ONTOLOGY_GRAPH, document_graph, to_triples
from kg.merge import merge
from kg.queries import why_empty
from kg.store import EmbeddedStore
from kg.vocabgen import ONTOLOGY

NOBODY = "https://w3id.org/policykg/id/person/nobody-at-all"


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("empty-answers") / "store"
    build_fixture_store(path).close()
    return str(path)


def _store_of(path: Path, *extractions: Extraction) -> str:
    """A store holding the ontology, these documents and their merge graph, as `kg build` leaves it."""
    store = EmbeddedStore(path)
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for extraction in extractions:
        info = extraction.document
        store.put_graph(document_graph(info.name, info.content_hash), to_triples(extraction))
    merge(store)
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def no_documents(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _store_of(tmp_path_factory.mktemp("no-documents") / "store")


@pytest.fixture(scope="module")
def no_facts(tmp_path_factory: pytest.TempPathFactory) -> str:
    entities = {"person/ann-lee": Entity("person/ann-lee", "Person", "Ann Lee")}
    return _store_of(tmp_path_factory.mktemp("no-facts") / "store", Extraction(DOC_A, entities, []))


@pytest.fixture(scope="module")
def two_islands(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two facts with no entity in common: Ann Lee member of a party, Bo Chan member of a body."""
    entities = [Entity("person/ann-lee", "Person", "Ann Lee"), Entity("party/greens", "PoliticalParty", "Greens"),
                Entity("person/bo-chan", "Person", "Bo Chan"), Entity("body/council", "GovernmentBody", "Council")]
    facts = [_fact(DOC_A, "member_of", "person/ann-lee", "party/greens", "Ann Lee is a Green.", 0),
             _fact(DOC_A, "member_of", "person/bo-chan", "body/council", "Bo Chan sits on the Council.", 40)]
    extraction = Extraction(DOC_A, {e.key: e for e in entities}, facts)
    return _store_of(tmp_path_factory.mktemp("islands") / "store", extraction)


def test_a_query_about_an_unknown_entity_says_so(fixture_dir: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "evidence", "--param", f"entity={NOBODY}", "--store", fixture_dir]) == 0
    captured = capsys.readouterr()
    assert "(0 rows)" in captured.out
    assert captured.err == f"kg: no rows: no entity <{NOBODY}> in the store " \
        "(kg query entity_search --param text=NAME finds IRIs)\n"


def test_a_query_about_an_unknown_document_says_so(fixture_dir: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "document_contribution", "--param", "document=nope.txt", "--store", fixture_dir]) == 0
    assert "no document 'nope.txt' in the store" in capsys.readouterr().err


def test_a_true_empty_answer_is_quiet(fixture_dir: str, capsys: pytest.CaptureFixture) -> None:
    # Trump is in the store and is no order: no jurisdictions, truly. No name contains "zzzz".
    assert main(["query", "order_jurisdictions", "--param", f"order={TRUMP}", "--store", fixture_dir]) == 0
    captured = capsys.readouterr()
    assert "(0 rows)" in captured.out and captured.err == ""
    assert main(["query", "entity_search", "--param", "text=zzzz", "--store", fixture_dir]) == 0
    assert capsys.readouterr().err == ""


def test_why_empty_checks_the_store_then_each_parameter(fixture_dir: str, no_documents: str, no_facts: str) -> None:
    with EmbeddedStore(no_documents, read_only=True) as store:
        assert why_empty(store, "stances") == "the store holds no documents (kg build adds them)"
    with EmbeddedStore(no_facts, read_only=True) as store:
        assert why_empty(store) == "the store's documents hold no facts"
    with EmbeddedStore(fixture_dir, read_only=True) as store:
        assert why_empty(store, "order_jurisdictions", {"order": EO}) is None
        assert why_empty(store, "order_jurisdictions", {"order": CHICAGO}) is None
        assert why_empty(store, "graph_triples", {"graph": GRAPH_A}) is None
        assert why_empty(store, "graph_triples", {"graph": GRAPH_A + "x"}).startswith("no document graph <")


@pytest.mark.parametrize("command", [["timeline"], ["exposure"], ["centrality"], ["coalitions"]])
def test_analyses_of_a_store_without_facts_say_so(no_facts: str, command: list[str],
                                                  capsys: pytest.CaptureFixture) -> None:
    assert main([*command, "--store", no_facts, "--format", "csv"]) == 0
    assert capsys.readouterr().err == "kg: nothing found: the store's documents hold no facts\n"


def test_analyses_that_find_something_are_quiet(fixture_dir: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["timeline", "--store", fixture_dir, "--format", "csv"]) == 0
    assert capsys.readouterr().err == ""


def test_no_path_is_said_on_stderr(two_islands: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["path", "Ann Lee", "Bo Chan", "--store", two_islands]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "kg: no path between 'Ann Lee' and 'Bo Chan': no chain of facts joins them\n"
    assert main(["path", "Ann Lee", "Greens", "--store", two_islands]) == 0


def test_export_eval_and_report_of_a_store_without_documents_say_so(no_documents: str, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture) -> None:
    said = "kg: nothing found: the store holds no documents (kg build adds them)\n"
    gold = Path(__file__).resolve().parent.parent / "data" / "gold"
    for command in (["export", "--format", "nquads"], ["eval", str(gold)], ["analyze", "--out", str(tmp_path)]):
        assert main([*command, "--store", no_documents]) == 0
        assert capsys.readouterr().err.endswith(said), command


def test_export_of_a_built_store_is_quiet(fixture_dir: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--format", "nquads", "--store", fixture_dir]) == 0
    assert capsys.readouterr().err == ""

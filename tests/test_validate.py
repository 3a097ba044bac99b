"""Tests of graph validation: SHACL shapes (closed-world structure) and HermiT consistency (needs Java).

`rdflib.XSD` is used through the module: a test module attribute bound to the XSD namespace makes
pytest's collection warn ("_mock_name is not defined in namespace XSD").
"""

from __future__ import annotations

import time

import owlready2
import pytest
import rdflib
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import ValidationError
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.mapping import entity_iri, fact_iri, mention_iri, to_triples
from kg.validate import ShaclReport, Violation, check_consistency, validate, validate_shapes
from kg.vocab import POL

HASH = "3f" * 32
DOC = "eo_13768.txt"

GIMENEZ = "person/carlos-gimenez"
TRUMP = "person/donald-trump"
MIAMI_DADE = "county/fips-12086"
FLORIDA = "state/fips-12"
EO = "order/eo-13768"
FEDERAL = "body/federal-government"


def evidence(text: str, start: int) -> Evidence:
    return Evidence(document=DOC, text=text, start=start, end=start + len(text))


HOLDS_OFFICE = Fact("holds_office", GIMENEZ, MIAMI_DADE, evidence("Miami-Dade Mayor Carlos Gimenez", 0), role="mayor")
ISSUED = Fact(
    "issued", TRUMP, EO, evidence("President Trump signed the order on January 25, 2017.", 40), date="2017-01-25"
)
STANCE = Fact("complies_with", MIAMI_DADE, EO, evidence("Miami-Dade ordered its jails to comply.", 100), date="2017-01")
FUNDING = Fact(
    "funds",
    FEDERAL,
    MIAMI_DADE,
    evidence("The county risked losing federal grant money.", 150),
    status="threatened",
    imposed_by=EO,
    instrument="federal grant money",
    confidence=0.9,
)
PART_OF = Fact("part_of", MIAMI_DADE, FLORIDA, evidence("Miami-Dade County, Florida", 200))
APPLIES_TO = Fact("applies_to", EO, MIAMI_DADE, evidence("sanctuary jurisdictions such as Miami-Dade", 230))


def extraction() -> Extraction:
    """One document: a mayor, an executive order with its issuer and date, a stance, a threat to funds."""
    entities = [
        Entity(GIMENEZ, "Person", "Carlos Gimenez", aliases={"Gimenez"}),
        Entity(TRUMP, "Person", "Donald Trump", identifiers={"wikidata": "Q22686"}),
        Entity(MIAMI_DADE, "County", "Miami-Dade County", identifiers={"fips": "12086"}),
        Entity(FLORIDA, "State", "Florida"),
        Entity(FEDERAL, "GovernmentBody", "federal government"),
        Entity(EO, "ExecutiveOrder", "Executive Order 13768", date="2017-01-25", requires="comply with 8 U.S.C. 1373"),
    ]
    return Extraction(
        document=DocumentInfo(DOC, HASH, date="2017-01-27", title="Enhancing Public Safety"),
        entities={e.key: e for e in entities},
        facts=[HOLDS_OFFICE, ISSUED, STANCE, FUNDING, PART_OF, APPLIES_TO],
    )


@pytest.fixture
def graph() -> Graph:
    data = Graph()
    for triple in to_triples(extraction()):
        data.add(triple)
    return data


def node(fact: Fact) -> URIRef:
    return fact_iri(fact, HASH)


def mention(fact: Fact) -> URIRef:
    return mention_iri(fact, HASH)


def found(report: ShaclReport, focus: Node, path: Node | None) -> list[Violation]:
    """The violations at `focus` and `path`; the test also needs the report not to conform."""
    assert not report.conforms
    return [v for v in report.violations if v.focus == focus and v.path == path]


def test_the_example_graph_conforms_and_is_consistent(graph: Graph) -> None:
    report = validate(graph)
    assert report.shapes.conforms, report.shapes.text
    assert report.shapes.violations == []
    assert report.consistency is not None and report.consistency.consistent
    assert report.ok
    assert report.summary.startswith("valid")


def test_a_node_both_person_and_county_is_inconsistent(graph: Graph) -> None:
    graph.add((entity_iri(GIMENEZ), RDF.type, POL.County))
    report = check_consistency(graph)
    assert not report.consistent
    # The explanation names the node and the two disjoint classes it falls in.
    assert str(entity_iri(GIMENEZ)) in report.explanation
    assert "pol:Actor" in report.explanation and "pol:Jurisdiction" in report.explanation
    assert "disjoint" in report.explanation
    assert not validate(graph).ok


def test_two_values_of_a_functional_property_of_disjoint_classes_are_inconsistent(graph: Graph) -> None:
    graph.add((node(STANCE), POL.stanceHolder, entity_iri(GIMENEZ)))  # a County and a Person: one individual?
    report = check_consistency(graph)
    assert not report.consistent
    assert "pol:stanceHolder is functional" in report.explanation
    # Both holders are typed as allowed, so the shapes only see the second value.
    assert found(validate_shapes(graph), node(STANCE), POL.stanceHolder)


def test_two_classes_of_one_family_violate_the_shapes_and_are_inconsistent(graph: Graph) -> None:
    graph.add((entity_iri(MIAMI_DADE), RDF.type, POL.State))
    [violation] = found(validate_shapes(graph), entity_iri(MIAMI_DADE), RDF.type)
    assert "pol:Jurisdiction" in violation.message
    assert not check_consistency(graph).consistent  # County and State are disjoint


def test_a_stance_without_towards_is_a_violation(graph: Graph) -> None:
    graph.remove((node(STANCE), POL.towards, None))
    [violation] = found(validate_shapes(graph), node(STANCE), POL.towards)
    assert "pol:towards" in violation.message
    # Open world: OWL has no complaint about a missing value.
    assert check_consistency(graph).consistent


def test_a_funding_status_outside_the_five_is_a_violation(graph: Graph) -> None:
    graph.set((node(FUNDING), POL.fundingStatus, POL._NS["Cut"]))
    [violation] = found(validate_shapes(graph), node(FUNDING), POL.fundingStatus)
    assert "pol:Cut" in violation.message
    assert "pol:Threatened" in violation.message  # it names what is allowed


def test_a_mention_with_a_negative_start_is_a_violation(graph: Graph) -> None:
    graph.set((mention(STANCE), POL.start, Literal(-5)))
    [violation] = found(validate_shapes(graph), mention(STANCE), POL.start)
    assert ">= 0" in violation.message and '"-5"' in violation.message


def test_a_mention_ending_before_it_starts_is_a_violation(graph: Graph) -> None:
    graph.set((mention(STANCE), POL.end, Literal(3)))
    assert found(validate_shapes(graph), mention(STANCE), POL.start)


def test_applies_to_a_person_is_a_violation_and_an_inconsistency(graph: Graph) -> None:
    graph.add((entity_iri(EO), POL.appliesTo, entity_iri(TRUMP)))
    [violation] = found(validate_shapes(graph), entity_iri(EO), POL.appliesTo)
    assert "pol:Jurisdiction" in violation.message and str(entity_iri(TRUMP)) in violation.message
    # HermiT infers the person is a Jurisdiction (the range), which clashes with Actor.
    report = check_consistency(graph)
    assert not report.consistent
    assert "object of pol:appliesTo" in report.explanation


def test_an_issuer_that_is_an_order_is_a_violation(graph: Graph) -> None:
    graph.add((entity_iri(EO), POL.issuedBy, entity_iri(EO)))
    [violation] = found(validate_shapes(graph), entity_iri(EO), POL.issuedBy)
    assert "pol:Actor or pol:Jurisdiction" in violation.message


def test_a_date_without_a_date_datatype_is_a_violation(graph: Graph) -> None:
    graph.add((entity_iri(EO), POL.dateIssued, Literal("January 2017")))
    [violation] = found(validate_shapes(graph), entity_iri(EO), POL.dateIssued)
    assert "xsd:gYear" in violation.message


def test_a_confidence_above_one_is_a_violation(graph: Graph) -> None:
    graph.set((node(PART_OF), POL.confidence, Literal("1.5", datatype=rdflib.XSD.decimal)))
    assert found(validate_shapes(graph), node(PART_OF), POL.confidence)


def test_a_fact_without_evidence_is_a_violation(graph: Graph) -> None:
    graph.remove((node(HOLDS_OFFICE), POL.evidence, None))
    assert found(validate_shapes(graph), node(HOLDS_OFFICE), POL.evidence)


def test_an_office_held_by_a_county_is_a_violation(graph: Graph) -> None:
    graph.set((node(HOLDS_OFFICE), POL.holder, entity_iri(MIAMI_DADE)))
    assert found(validate_shapes(graph), node(HOLDS_OFFICE), POL.holder)


def test_a_relation_claim_without_its_direct_triple_is_a_violation(graph: Graph) -> None:
    graph.remove((entity_iri(MIAMI_DADE), POL.partOf, entity_iri(FLORIDA)))
    violations = found(validate_shapes(graph), POL.RelationClaim, None)
    assert [str(node(PART_OF)) in v.message for v in violations] == [True]


def test_an_entity_without_a_label_is_a_violation(graph: Graph) -> None:
    graph.remove((entity_iri(FLORIDA), None, Literal("Florida")))
    assert found(validate_shapes(graph), entity_iri(FLORIDA), RDFS.label)


def test_the_named_graphs_of_a_dataset_are_validated(graph: Graph) -> None:
    graph.remove((node(STANCE), POL.towards, None))
    dataset = Dataset()
    named = dataset.graph(URIRef("https://example.org/graph/doc"))
    for triple in graph:
        named.add(triple)
    assert found(validate_shapes(dataset), node(STANCE), POL.towards)


def test_an_ill_typed_literal_is_inconsistent_without_crashing_the_reasoner(graph: Graph) -> None:
    graph.set((mention(STANCE), POL.start, Literal("twelve", datatype=rdflib.XSD.integer)))
    report = check_consistency(graph)
    assert not report.consistent
    assert "twelve" in report.explanation


def test_without_the_reasoner_only_the_shapes_run(graph: Graph) -> None:
    graph.add((entity_iri(GIMENEZ), RDF.type, POL.County))
    report = validate(graph, reasoner=False)
    assert report.consistency is None
    assert report.ok  # the double typing is across families: only HermiT would catch it
    assert "not checked" in report.summary


def test_the_summary_names_the_problems(graph: Graph) -> None:
    graph.remove((node(STANCE), POL.towards, None))
    graph.add((entity_iri(GIMENEZ), RDF.type, POL.County))
    report = validate(graph)
    assert not report.ok
    assert report.summary.startswith("invalid")
    assert "pol:towards" in report.summary
    assert "INCONSISTENT" in report.summary


def test_missing_java_is_a_validation_error(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    with pytest.raises(ValidationError, match="Java 17"):
        check_consistency(graph)


def test_the_shapes_are_fast_on_a_few_thousand_triples() -> None:
    people = [Entity(f"person/p{i}", "Person", f"Person {i}") for i in range(50)]
    counties = [Entity(f"county/c{i}", "County", f"County {i}") for i in range(50)]
    orders = [Entity(f"order/o{i}", "Directive", f"Memo {i}", date="2017") for i in range(50)]
    facts = []
    for i in range(50):
        facts += [
            Fact("holds_office", f"person/p{i}", f"county/c{i}", evidence(f"sentence {i}", i)),
            Fact("issued", f"person/p{i}", f"order/o{i}", evidence(f"sentence {i}", i)),
            Fact("opposes", f"county/c{i}", f"order/o{i}", evidence(f"sentence {i}", i), stance="refuse"),
            Fact("funds", f"person/p{i}", f"county/c{i}", evidence(f"sentence {i}", i), status="withheld"),
            Fact("applies_to", f"order/o{i}", f"county/c{i}", evidence(f"sentence {i}", i)),
        ]
    big = Extraction(DocumentInfo(DOC, HASH), {e.key: e for e in people + counties + orders}, facts)
    data = Graph()
    for triple in to_triples(big):
        data.add(triple)
    assert len(data) > 3000
    started = time.perf_counter()
    report = validate_shapes(data)
    assert report.conforms, report.text
    assert time.perf_counter() - started < 5

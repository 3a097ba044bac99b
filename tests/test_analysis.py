"""Tests of the graph projections, analyses and report (`kg.analysis`) on a hand-built two-document graph.

Document A (eo.txt, 2017-01-25): the president issues an executive order that applies to
'sanctuary jurisdictions' and Miami-Dade County, is addressed to the Department of Justice, and has
the department threaten both with grants; the county is part of Florida. Document B (news.txt,
2017-04-26): the county's mayor; the president's order again; the county complies; San Francisco and
Seattle challenge the order; a court enjoins it with a ruling addressed to the president.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.analysis import (
    actor_network,
    actor_order_graph,
    centrality,
    coalitions,
    events,
    explain_path,
    funding_exposure,
    funding_graph,
    jurisdiction_hierarchy,
    report,
    timeline,
)
from kg.errors import KgError
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.mapping import ONTOLOGY_GRAPH, document_graph, entity_iri, to_triples
from kg.merge import merge
from kg.store import EmbeddedStore
from kg.vocabgen import ONTOLOGY

TRUMP, EO, SANCTUARY, COUNTY, STATE, DOJ = (
    "person/donald-trump",
    "order/eo-13768",
    "jurisdiction/sanctuary-jurisdictions",
    "county/miami-dade",
    "state/florida",
    "body/department-of-justice",
)
MAYOR, SF, SEATTLE, COURT, RULING = (
    "person/carlos-gimenez",
    "city/san-francisco",
    "city/seattle",
    "court/district-court",
    "order/injunction",
)

ENTITIES = {
    TRUMP: Entity(TRUMP, "Person", "Donald Trump", aliases={"President Trump"}),
    EO: Entity(EO, "ExecutiveOrder", "Executive Order 13768", date="2017-01-25"),
    SANCTUARY: Entity(SANCTUARY, "Jurisdiction", "sanctuary jurisdictions"),
    COUNTY: Entity(COUNTY, "County", "Miami-Dade County"),
    STATE: Entity(STATE, "State", "Florida"),
    DOJ: Entity(DOJ, "GovernmentBody", "Department of Justice"),
    MAYOR: Entity(MAYOR, "Person", "Carlos Gimenez"),
    SF: Entity(SF, "City", "San Francisco"),
    SEATTLE: Entity(SEATTLE, "City", "Seattle"),
    COURT: Entity(COURT, "Court", "U.S. District Court"),
    RULING: Entity(RULING, "CourtRuling", "preliminary injunction", date="2017-04-25"),
}

SIGNED = "On January 25, 2017, President Trump signed Executive Order 13768."
RESTATED = "Trump's January 25 order threatened sanctuary cities."
NAMES_COUNTY = "The order names Miami-Dade County."
ENJOINED = "On April 25 a federal judge enjoined the order."


def fact(document: str, sentence: str, kind: str, subject: str, obj: str, **qualifiers: str) -> Fact:
    return Fact(kind, subject, obj, Evidence(document, sentence, 0, len(sentence)), **qualifiers)  # type: ignore[arg-type]


def extraction(name: str, date: str, keys: list[str], facts: list[Fact]) -> Extraction:
    info = DocumentInfo(name=name, content_hash=name[0] * 64, date=date)
    return Extraction(info, {key: ENTITIES[key] for key in keys}, facts)


DOCUMENT_A = extraction(
    "eo.txt",
    "2017-01-25",
    [TRUMP, EO, SANCTUARY, COUNTY, STATE, DOJ],
    [
        fact("eo.txt", SIGNED, "issued", TRUMP, EO, date="2017-01-25"),
        fact("eo.txt", "The order targets sanctuary jurisdictions.", "applies_to", EO, SANCTUARY),
        fact("eo.txt", NAMES_COUNTY, "applies_to", EO, COUNTY),
        fact("eo.txt", "The order directs the Department of Justice to act.", "addressed_to", EO, DOJ),
        fact(
            "eo.txt",
            "Sanctuary jurisdictions could lose federal grants.",
            "funds",
            DOJ,
            SANCTUARY,
            status="threatened",
            instrument="federal grants",
            imposed_by=EO,
        ),
        fact(
            "eo.txt",
            "Miami-Dade County stands to lose Byrne JAG grants.",
            "funds",
            DOJ,
            COUNTY,
            status="threatened",
            instrument="Byrne JAG grants",
            imposed_by=EO,
        ),
        fact("eo.txt", "Miami-Dade County, Florida, is the largest county in the state.", "part_of", COUNTY, STATE),
    ],
)

DOCUMENT_B = extraction(
    "news.txt",
    "2017-04-26",
    [MAYOR, COUNTY, EO, SF, SEATTLE, COURT, RULING, TRUMP],
    [
        fact("news.txt", "Mayor Carlos Gimenez leads Miami-Dade County.", "holds_office", MAYOR, COUNTY, role="mayor"),
        fact("news.txt", RESTATED, "issued", TRUMP, EO, date="2017-01-25"),  # the same fact as in eo.txt
        fact(
            "news.txt",
            "Miami-Dade County complied with the order the next day.",
            "complies_with",
            COUNTY,
            EO,
            stance="comply",
            date="2017-01-26",
        ),
        fact(
            "news.txt",
            "San Francisco sued to block the order.",
            "opposes",
            SF,
            EO,
            stance="challenge",
            date="2017-01-31",
        ),
        fact(
            "news.txt", "Seattle filed its own lawsuit.", "opposes", SEATTLE, EO, stance="challenge", date="2017-02-07"
        ),
        fact("news.txt", ENJOINED, "issued", COURT, RULING, date="2017-04-25"),
        fact("news.txt", ENJOINED, "opposes", COURT, EO, stance="oppose", date="2017-04-25"),
        fact(
            "news.txt", "The injunction bars the administration from withholding funds.", "addressed_to", RULING, TRUMP
        ),
    ],
)


def iri(key: str) -> str:
    return str(entity_iri(key))


def labels(graph: nx.Graph) -> set[str]:
    return {data["label"] for _, data in graph.nodes(data=True)}


def edge_types(graph: nx.Graph) -> list[str]:
    return sorted(data["type"] for *_, data in graph.edges(data=True))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path_factory.mktemp("store"))
    # As in a real store: the ontology gives the class tree (actor, jurisdiction, order) and the
    # notations of stances and funding statuses that queries/facts.rq reads; the merge graph the
    # entities' labels, classes and dates.
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for document in (DOCUMENT_A, DOCUMENT_B):
        info = document.document
        store.put_graph(document_graph(info.name, info.content_hash), to_triples(document))
    merge(store)
    yield store
    store.close()


def test_actor_order_graph_has_one_edge_per_fact_with_labels_and_evidence(store: EmbeddedStore) -> None:
    graph = actor_order_graph(store)
    assert graph.number_of_nodes() == len(ENTITIES)
    assert graph.number_of_edges() == 14
    assert edge_types(graph).count("opposes") == 3
    order = graph.nodes[iri(EO)]
    assert (order["label"], order["class"], order["kind"], order["date"]) == (
        "Executive Order 13768",
        "ExecutiveOrder",
        "order",
        "2017-01-25",
    )
    assert order["evidence_count"] == 9  # 2 x issued, 2 x applies_to, addressed_to, complies, 2 x challenge, court
    assert graph.nodes[iri(TRUMP)]["aliases"] == ["President Trump"]
    assert graph.nodes[iri(SF)]["kind"] == "jurisdiction"
    [signed] = graph.get_edge_data(iri(TRUMP), iri(EO)).values()  # edges point actor -> order
    assert signed["type"] == "issued" and signed["date"] == "2017-01-25"
    # Stated in both documents: one edge with the evidence of both.
    assert signed["sentences"] == [SIGNED, RESTATED] and signed["evidence_count"] == 2 == signed["weight"]
    assert signed["documents"] == ["eo.txt", "news.txt"]
    [challenge] = graph.get_edge_data(iri(SF), iri(EO)).values()
    assert (challenge["type"], challenge["stance"], challenge["date"]) == ("opposes", "challenge", "2017-01-31")


def test_filters_restrict_the_projection(store: EmbeddedStore) -> None:
    only_a = actor_order_graph(store, documents={"eo.txt"})
    assert labels(only_a) == {
        "Donald Trump",
        "Executive Order 13768",
        "sanctuary jurisdictions",
        "Miami-Dade County",
        "Florida",
        "Department of Justice",
    }
    assert only_a.number_of_edges() == 7
    [signed] = only_a.get_edge_data(iri(TRUMP), iri(EO)).values()
    assert signed["sentences"] == [SIGNED] and signed["documents"] == ["eo.txt"]
    # Undated facts take their document's date: nothing of eo.txt (2017-01-25) is left after the 30th.
    late = actor_order_graph(store, since="2017-01-30")
    assert edge_types(late) == ["addressed_to", "holds_office", "issued", "opposes", "opposes", "opposes"]
    assert not late.has_edge(iri(TRUMP), iri(EO))
    # A partial bound covers its whole month: the 31st is in, February is out.
    january = actor_order_graph(store, until="2017-01")
    assert january.number_of_edges() == 9 and not january.has_node(iri(SEATTLE))
    february = actor_order_graph(store, since=dt.date(2017, 2, 1), until="2017-02")
    assert [(u, v) for u, v in february.edges()] == [(iri(SEATTLE), iri(EO))]
    opposing = actor_order_graph(store, fact_types={"opposes"})
    assert labels(opposing) == {"San Francisco", "Seattle", "U.S. District Court", "Executive Order 13768"}
    with pytest.raises(KgError, match="unknown fact type"):
        actor_order_graph(store, fact_types={"sues"})
    with pytest.raises(KgError, match="not a date"):
        actor_order_graph(store, since="last spring")


def test_actor_network_ties(store: EmbeddedStore) -> None:
    network = actor_network(store)
    assert labels(network) == {
        "Miami-Dade County",
        "San Francisco",
        "Seattle",
        "U.S. District Court",
        "Donald Trump",
        "Department of Justice",
        "Carlos Gimenez",
    }
    ties = {
        frozenset((network.nodes[u]["label"], network.nodes[v]["label"])): d for u, v, d in network.edges(data=True)
    }
    assert {tie: data["type"] for tie, data in ties.items()} == {
        frozenset({"San Francisco", "Seattle"}): "co_stance",
        frozenset({"Donald Trump", "Department of Justice"}): "issuer_addressee",
        frozenset({"U.S. District Court", "Donald Trump"}): "issuer_addressee",
        frozenset({"Carlos Gimenez", "Miami-Dade County"}): "office",
    }
    assert ties[frozenset({"San Francisco", "Seattle"})]["order_labels"] == ["Executive Order 13768"]
    issuer = ties[frozenset({"Donald Trump", "Department of Justice"})]
    assert (issuer["weight"], issuer["evidence_count"]) == (1, 3)  # one tie; issued twice, addressed once
    offices = actor_network(store, fact_types={"holds_office"})
    assert labels(offices) == {"Carlos Gimenez", "Miami-Dade County"} and offices.number_of_edges() == 1
    assert actor_network(store, documents={"eo.txt"}).number_of_edges() == 1  # only Trump -> DoJ
    assert actor_network(store, documents={"news.txt"}).number_of_edges() == 3  # eo.txt addressed the order


def test_funding_graph_and_hierarchy(store: EmbeddedStore) -> None:
    funding = funding_graph(store)
    assert sorted(
        (funding.nodes[u]["label"], funding.nodes[v]["label"], d["status"], d["instrument"], d["order_label"])
        for u, v, d in funding.edges(data=True)
    ) == [
        ("Department of Justice", "Miami-Dade County", "threatened", "Byrne JAG grants", "Executive Order 13768"),
        ("Department of Justice", "sanctuary jurisdictions", "threatened", "federal grants", "Executive Order 13768"),
    ]
    assert funding_graph(store, documents={"news.txt"}).number_of_edges() == 0
    hierarchy = jurisdiction_hierarchy(store)
    assert isinstance(hierarchy, nx.DiGraph) and list(hierarchy.edges()) == [(iri(COUNTY), iri(STATE))]


def test_centrality_ranks_the_order_first(store: EmbeddedStore) -> None:
    rows = centrality(actor_order_graph(store))
    assert rows[0].label == "Executive Order 13768"
    assert rows[0].degree == 8 == max(row.degree for row in rows)
    assert [row.pagerank for row in rows] == sorted((row.pagerank for row in rows), reverse=True)
    assert sum(row.pagerank for row in rows) == pytest.approx(1.0)
    # Every path between the order's neighbours runs through it, so it brokers most.
    assert rows[0].betweenness == max(row.betweenness for row in rows)
    assert centrality(nx.MultiDiGraph()) == []


def test_coalitions_group_the_challengers_against_the_complier(store: EmbeddedStore) -> None:
    found = coalitions(store)
    assert [bloc.labels for bloc in found.blocs] == [
        ("San Francisco", "Seattle"),
        ("Miami-Dade County",),
        ("U.S. District Court",),
    ]
    assert found.blocs[0].positions == (("Executive Order 13768", "challenge"),)
    # The county complies with the order that the cities challenge and the court opposes; the cities and
    # the court are on the same side.
    assert [(o.first, o.second, o.orders) for o in found.oppositions] == [
        (0, 1, ("Executive Order 13768",)),
        (1, 2, ("Executive Order 13768",)),
    ]


def test_funding_exposure_joins_order_issuer_and_stance(store: EmbeddedStore) -> None:
    rows = funding_exposure(store)
    assert [
        (r.recipient_label, r.instrument, r.status, r.order_label, r.issuers, r.stance, r.funder_label) for r in rows
    ] == [
        (
            "Miami-Dade County",
            "Byrne JAG grants",
            "threatened",
            "Executive Order 13768",
            "Donald Trump",
            "comply",
            "Department of Justice",
        ),
        (
            "sanctuary jurisdictions",
            "federal grants",
            "threatened",
            "Executive Order 13768",
            "Donald Trump",
            "none",
            "Department of Justice",
        ),
    ]
    assert rows[0].recipient == iri(COUNTY)


def test_explain_path_gives_hops_with_direction_and_evidence(store: EmbeddedStore) -> None:
    hops = explain_path(store, "Donald Trump", iri(COUNTY))
    assert [(h.source_label, h.relation, h.target_label, h.forward, h.sentences) for h in hops] == [
        ("Donald Trump", "issued", "Executive Order 13768", True, (SIGNED, RESTATED)),
        ("Executive Order 13768", "applies_to", "Miami-Dade County", True, (NAMES_COUNTY,)),
    ]
    back = explain_path(store, "miami-dade county", "President Trump")  # any case, aliases too
    assert [(h.relation, h.forward) for h in back] == [("complies_with", True), ("issued", False)]
    assert explain_path(store, "Seattle", "Seattle") == []
    assert [h.target_label for h in explain_path(store, "Florida", "Seattle")] == [
        "Miami-Dade County",
        "Executive Order 13768",
        "Seattle",
    ]
    with pytest.raises(KgError, match="no node"):
        explain_path(store, "Chicago", "Seattle")


def test_timeline_counts_events_per_day_and_week(store: EmbeddedStore) -> None:
    weeks = timeline(store, "week")  # the order's issue, stated in both documents, is one event
    assert [(row.period, row.counts) for row in weeks] == [
        (
            dt.date(2017, 1, 23),
            {"addressed_to": 1, "applies_to": 2, "complies_with": 1, "funds": 2, "issued": 1, "part_of": 1},
        ),
        (dt.date(2017, 1, 30), {"opposes": 1}),
        (dt.date(2017, 2, 6), {"opposes": 1}),
        (dt.date(2017, 4, 24), {"addressed_to": 1, "holds_office": 1, "issued": 1, "opposes": 1}),
    ]
    days = timeline(store)
    assert [(row.period.isoformat(), sum(row.counts.values())) for row in days] == [
        ("2017-01-25", 7),
        ("2017-01-26", 1),
        ("2017-01-31", 1),
        ("2017-02-07", 1),
        ("2017-04-25", 2),
        ("2017-04-26", 2),
    ]
    with pytest.raises(KgError, match="frequency"):
        timeline(store, "month")  # type: ignore[arg-type]


def test_events_one_per_dated_issue_stance_and_funding_fact_with_its_kind(store: EmbeddedStore) -> None:
    found = [(e.date.isoformat(), e.kind, e.source_label, e.target_label, e.detail) for e in events(store)]
    assert found == [
        # stated by both documents, the order's issue is one event
        ("2017-01-25", "issued", "Donald Trump", "Executive Order 13768", ""),
        # undated funding facts take their document's date
        ("2017-01-25", "funding threatened", "Department of Justice", "Miami-Dade County", "Byrne JAG grants"),
        ("2017-01-25", "funding threatened", "Department of Justice", "sanctuary jurisdictions", "federal grants"),
        ("2017-01-26", "comply", "Miami-Dade County", "Executive Order 13768", ""),
        ("2017-01-31", "challenge", "San Francisco", "Executive Order 13768", ""),
        ("2017-02-07", "challenge", "Seattle", "Executive Order 13768", ""),
        ("2017-04-25", "issued", "U.S. District Court", "preliminary injunction", ""),
        ("2017-04-25", "oppose", "U.S. District Court", "Executive Order 13768", ""),
    ]
    texts = [event.text for event in events(store)]
    assert texts[1] == "Department of Justice: threatened funding for Miami-Dade County (Byrne JAG grants)"
    assert texts[4] == "San Francisco challenged Executive Order 13768"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REMOTE_RESOURCE = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def test_report_writes_plots_offline_html_graphml_and_summary(store: EmbeddedStore, tmp_path: Path) -> None:
    target = report(store, tmp_path / "analysis")
    folder = target.parent
    assert target == folder / "report.html"
    for name in ("actor_network", "funding_graph", "timeline", "centrality"):
        image = (folder / f"{name}.png").read_bytes()
        assert image.startswith(PNG_SIGNATURE) and len(image) > 1000, name
    page = (folder / "graph.html").read_text(encoding="utf-8")
    assert not REMOTE_RESOURCE.search(page)
    assert "new vis.Network" in page and "vis-network" in page  # the library is inlined, not linked
    assert "Executive Order 13768" in page
    for name, nodes in (
        ("actor_order_graph", 11),
        ("actor_network", 7),
        ("funding_graph", 3),
        ("jurisdiction_hierarchy", 2),
    ):
        graph = nx.read_graphml(folder / f"{name}.graphml")
        assert graph.number_of_nodes() == nodes, name
    read_back = nx.read_graphml(folder / "actor_order_graph.graphml")
    assert read_back.nodes[iri(EO)]["label"] == "Executive Order 13768"
    summary = (folder / "report.md").read_text(encoding="utf-8")
    for expected in (
        "Most central nodes",
        "| Executive Order 13768 |",
        "San Francisco, Seattle",
        "Byrne JAG grants",
        "| 2017-01-31 | challenge | San Francisco challenged Executive Order 13768 |",
    ):
        assert expected in summary
    assert "![Coalitions](actor_network.png)" in summary
    html_page = target.read_text(encoding="utf-8")
    assert "<td>Byrne JAG grants</td>" in html_page and "src='timeline.png'" in html_page
    assert not REMOTE_RESOURCE.search(html_page)


def test_report_on_an_empty_store(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as empty:
        target = report(empty, tmp_path / "out")
    assert (target.parent / "timeline.png").read_bytes().startswith(PNG_SIGNATURE)
    assert "(none)" in (target.parent / "report.md").read_text(encoding="utf-8")

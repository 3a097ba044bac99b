"""A small, hand-written graph for query and export tests: two documents about one executive order.

Not a test module: `build_fixture_store(path)` maps the two `Extraction`s below with `kg.mapping` into
an `EmbeddedStore`, the way `kg build` does (one named graph per document, the ontology graph, the merge
graph), without spaCy. The module-level IRIs name the fixture's entities, so tests can write expected
rows by hand.

What the documents say:

- eo_13768.txt: President Donald Trump (Republican) issued Executive Order 13768 on 2017-01-25, addressed
  to John Kelly (Secretary of Homeland Security, DHS), applying to "sanctuary jurisdictions" and to
  Miami-Dade County; the federal government threatens federal grants to sanctuary jurisdictions under it.
- sanctuary_news.txt (Miami Herald, 2017-04): Miami-Dade (mayor Carlos Giménez, Republican) complied;
  Chicago (mayor Rahm Emanuel, Democrat, since 2011) vowed to sue, San Francisco sued; a federal court
  in California ruled (2017-04) nationwide; Giménez made a statement and the Herald reported; Miami-Dade
  gets SCAAP reimbursement; Miami-Dade County is part of Florida, part of the United States.

Labels differ on purpose between documents (Trump / Donald Trump, the executive order / Executive
Order 13768) so that the merge graph must pick one preferred label (the longest) and keep the other as an
alias, and dates come at all three precisions (xsd:gYear, xsd:gYearMonth, xsd:date).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.mapping import ONTOLOGY_GRAPH, document_graph, entity_iri, to_triples
from kg.merge import merge
from kg.store import EmbeddedStore
from kg.vocabgen import ONTOLOGY

# Entity keys, stable across the two documents as the extractor's keys are.
TRUMP_KEY = "person/donald-trump"
KELLY_KEY = "person/john-kelly"
GIMENEZ_KEY = "person/carlos-gimenez"
EMANUEL_KEY = "person/rahm-emanuel"
REPUBLICAN_KEY = "party/republican-party"
DEMOCRATIC_KEY = "party/democratic-party"
DHS_KEY = "body/department-of-homeland-security"
FEDERAL_KEY = "body/federal-government"
COURT_KEY = "body/nd-california-district-court"
HERALD_KEY = "media/miami-herald"
EO_KEY = "order/eo-13768"
RULING_KEY = "order/county-of-santa-clara-v-trump"
SANCTUARY_KEY = "jurisdiction/sanctuary-jurisdictions"
MIAMI_DADE_KEY = "county/fips-12086"
FLORIDA_KEY = "state/fips-12"
USA_KEY = "country/us"
CHICAGO_KEY = "city/chicago"
SAN_FRANCISCO_KEY = "city/san-francisco"

# The same entities as IRI strings, which is how query results compare.
TRUMP = str(entity_iri(TRUMP_KEY))
KELLY = str(entity_iri(KELLY_KEY))
GIMENEZ = str(entity_iri(GIMENEZ_KEY))
EMANUEL = str(entity_iri(EMANUEL_KEY))
REPUBLICAN = str(entity_iri(REPUBLICAN_KEY))
DEMOCRATIC = str(entity_iri(DEMOCRATIC_KEY))
DHS = str(entity_iri(DHS_KEY))
FEDERAL = str(entity_iri(FEDERAL_KEY))
COURT = str(entity_iri(COURT_KEY))
HERALD = str(entity_iri(HERALD_KEY))
EO = str(entity_iri(EO_KEY))
RULING = str(entity_iri(RULING_KEY))
SANCTUARY = str(entity_iri(SANCTUARY_KEY))
MIAMI_DADE = str(entity_iri(MIAMI_DADE_KEY))
FLORIDA = str(entity_iri(FLORIDA_KEY))
USA = str(entity_iri(USA_KEY))
CHICAGO = str(entity_iri(CHICAGO_KEY))
SAN_FRANCISCO = str(entity_iri(SAN_FRANCISCO_KEY))

DOC_A = DocumentInfo(
    "eo_13768.txt",
    "a" * 64,
    date="2017-01-25",
    title="Executive Order 13768: Enhancing Public Safety in the Interior of the United States",
    publisher="The White House",
)
DOC_B = DocumentInfo(
    "sanctuary_news.txt",
    "b" * 64,
    date="2017-04",
    title="Cities split over the sanctuary order",
    publisher="Miami Herald",
    source="https://example.org/news/sanctuary",
)
GRAPH_A = str(document_graph(DOC_A.name, DOC_A.content_hash))
GRAPH_B = str(document_graph(DOC_B.name, DOC_B.content_hash))


def _fact(document: DocumentInfo, kind: str, subject: str, obj: str, text: str, start: int, **extra: object) -> Fact:
    return Fact(kind, subject, obj, Evidence(document.name, text, start, start + len(text)), **extra)  # type: ignore[arg-type]


# Evidence sentences by fact, so tests can name the sentence they expect.
A_ISSUED = "President Trump signed Executive Order 13768 on January 25, 2017."
A_ADDRESSED = "The order directs Secretary Kelly to publish a list of sanctuary jurisdictions."
A_APPLIES_SANCTUARY = "Sanctuary jurisdictions shall not be eligible to receive federal grants."
A_APPLIES_MIAMI = "Miami-Dade County is among the jurisdictions under review."
A_PRESIDENT = "Donald Trump, President of the United States, announced the order."
A_SECRETARY = "John Kelly, Secretary of Homeland Security, will enforce it."
A_REPUBLICAN = "President Trump, a Republican, campaigned on the issue."
A_FUNDING = "The federal government threatened to cut federal grants to sanctuary jurisdictions."

B_MAYOR_MIAMI = "Miami-Dade Mayor Carlos Giménez ordered jails to honor detainer requests."
B_GIMENEZ_PARTY = "Giménez, a Republican, acted a day after the order."
B_MAYOR_CHICAGO = "Rahm Emanuel has been mayor of Chicago since 2011."
B_EMANUEL_PARTY = "Emanuel, a Democrat, criticised the order."
B_COMPLY = "Miami-Dade County complied with the executive order on January 26."
B_CHICAGO = "Chicago vowed to sue over the executive order in January."
B_SAN_FRANCISCO = "San Francisco sued over the executive order on January 31."
B_PART_FLORIDA = "Miami-Dade County, Florida, is the largest county in the state."
B_PART_USA = "Florida is the third most populous state of the United States."
B_RULING = "In April 2017 a federal court in California blocked the funding provision."
B_RULING_APPLIES = "The injunction applies nationwide, across the United States."
B_SAID = 'Giménez said: "We will honor every detainer request."'
B_REPORTED = "The Miami Herald reported the county's decision on January 27."
B_REIMBURSED = "Miami-Dade receives about $12 million a year in SCAAP reimbursement."


def extraction_a() -> Extraction:
    """The executive order: issuer, addressee, scope and the funding threat."""
    entities = [
        Entity(TRUMP_KEY, "Person", "Donald Trump", aliases={"President Trump"}, identifiers={"wikidata": "Q22686"}),
        Entity(KELLY_KEY, "Person", "John Kelly", aliases={"Secretary Kelly"}),
        Entity(REPUBLICAN_KEY, "PoliticalParty", "Republican Party"),
        Entity(DHS_KEY, "GovernmentBody", "Department of Homeland Security", aliases={"DHS"}),
        Entity(FEDERAL_KEY, "GovernmentBody", "federal government"),
        Entity(
            EO_KEY,
            "ExecutiveOrder",
            "Executive Order 13768",
            date="2017-01-25",
            requires="withhold federal grants from sanctuary jurisdictions",
        ),
        Entity(SANCTUARY_KEY, "Jurisdiction", "sanctuary jurisdictions"),
        Entity(MIAMI_DADE_KEY, "County", "Miami-Dade County", identifiers={"fips": "12086"}),
        Entity(USA_KEY, "Country", "United States", aliases={"U.S."}),
    ]
    d = DOC_A
    facts = [
        _fact(d, "issued", TRUMP_KEY, EO_KEY, A_ISSUED, 0, date="2017-01-25", confidence=0.9),
        _fact(d, "addressed_to", EO_KEY, KELLY_KEY, A_ADDRESSED, 100),
        _fact(d, "applies_to", EO_KEY, SANCTUARY_KEY, A_APPLIES_SANCTUARY, 200),
        _fact(d, "applies_to", EO_KEY, MIAMI_DADE_KEY, A_APPLIES_MIAMI, 300),
        _fact(d, "holds_office", TRUMP_KEY, USA_KEY, A_PRESIDENT, 400, role="President"),
        _fact(d, "holds_office", KELLY_KEY, DHS_KEY, A_SECRETARY, 500, role="Secretary of Homeland Security"),
        _fact(d, "member_of", TRUMP_KEY, REPUBLICAN_KEY, A_REPUBLICAN, 600),
        _fact(
            d,
            "funds",
            FEDERAL_KEY,
            SANCTUARY_KEY,
            A_FUNDING,
            700,
            status="threatened",
            imposed_by=EO_KEY,
            instrument="federal grants",
            date="2017-01-25",
            confidence=0.7,
        ),
    ]
    return Extraction(d, {e.key: e for e in entities}, facts)


def extraction_b() -> Extraction:
    """The news: who complied, who challenged, the court ruling, statements and reimbursement."""
    entities = [
        Entity(TRUMP_KEY, "Person", "Trump"),
        Entity(EO_KEY, "ExecutiveOrder", "the executive order", aliases={"EO 13768"}),
        Entity(GIMENEZ_KEY, "Person", "Carlos Giménez", aliases={"Mayor Giménez"}),
        Entity(EMANUEL_KEY, "Person", "Rahm Emanuel"),
        Entity(REPUBLICAN_KEY, "PoliticalParty", "Republican Party"),
        Entity(DEMOCRATIC_KEY, "PoliticalParty", "Democratic Party", aliases={"Democrats"}),
        Entity(FEDERAL_KEY, "GovernmentBody", "federal government"),
        Entity(COURT_KEY, "Court", "U.S. District Court for the Northern District of California"),
        Entity(HERALD_KEY, "MediaOrganization", "Miami Herald"),
        Entity(
            RULING_KEY,
            "CourtRuling",
            "County of Santa Clara v. Trump",
            date="2017-04",
            requires="do not enforce the order's funding provision",
        ),
        Entity(MIAMI_DADE_KEY, "County", "Miami-Dade County", aliases={"Miami-Dade"}),
        Entity(FLORIDA_KEY, "State", "Florida", identifiers={"fips": "12"}),
        Entity(USA_KEY, "Country", "United States"),
        Entity(CHICAGO_KEY, "City", "Chicago"),
        Entity(SAN_FRANCISCO_KEY, "City", "San Francisco"),
    ]
    d = DOC_B
    facts = [
        _fact(d, "holds_office", GIMENEZ_KEY, MIAMI_DADE_KEY, B_MAYOR_MIAMI, 0, role="mayor"),
        _fact(d, "member_of", GIMENEZ_KEY, REPUBLICAN_KEY, B_GIMENEZ_PARTY, 100),
        _fact(d, "holds_office", EMANUEL_KEY, CHICAGO_KEY, B_MAYOR_CHICAGO, 200, role="mayor", date="2011"),
        _fact(d, "member_of", EMANUEL_KEY, DEMOCRATIC_KEY, B_EMANUEL_PARTY, 300),
        _fact(d, "complies_with", MIAMI_DADE_KEY, EO_KEY, B_COMPLY, 400, date="2017-01-26", confidence=0.95),
        _fact(
            d, "opposes", CHICAGO_KEY, EO_KEY, B_CHICAGO, 500, stance="challenge", modality="intended", date="2017-01"
        ),
        _fact(
            d,
            "opposes",
            SAN_FRANCISCO_KEY,
            EO_KEY,
            B_SAN_FRANCISCO,
            600,
            stance="challenge",
            modality="actual",
            date="2017-01-31",
        ),
        _fact(d, "part_of", MIAMI_DADE_KEY, FLORIDA_KEY, B_PART_FLORIDA, 700),
        _fact(d, "part_of", FLORIDA_KEY, USA_KEY, B_PART_USA, 800),
        _fact(d, "issued", COURT_KEY, RULING_KEY, B_RULING, 900, date="2017-04"),
        _fact(d, "applies_to", RULING_KEY, USA_KEY, B_RULING_APPLIES, 1000),
        _fact(
            d,
            "said",
            GIMENEZ_KEY,
            EO_KEY,
            B_SAID,
            1100,
            quote="We will honor every detainer request.",
            date="2017-01-26",
        ),
        _fact(d, "reported", HERALD_KEY, EO_KEY, B_REPORTED, 1200, date="2017-01-27"),
        _fact(
            d,
            "funds",
            FEDERAL_KEY,
            MIAMI_DADE_KEY,
            B_REIMBURSED,
            1300,
            status="reimbursement",
            instrument="SCAAP",
            amount="$12 million",
            date="2017",
        ),
    ]
    return Extraction(d, {e.key: e for e in entities}, facts)


def extractions() -> list[Extraction]:
    return [extraction_a(), extraction_b()]


def build_fixture_store(path: str | Path) -> EmbeddedStore:
    """An embedded store at `path` holding the fixture as `kg build` would: documents, ontology, merge graph.

    The ontology graph is loaded because queries read the ontology (class hierarchy, skos:notation codes);
    the merge graph because `build` always writes it and queries read entity descriptions from it.
    """
    store = EmbeddedStore(path)
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for extraction in extractions():
        info = extraction.document
        store.put_graph(document_graph(info.name, info.content_hash), to_triples(extraction))
    merge(store)
    return store

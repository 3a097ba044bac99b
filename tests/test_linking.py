"""Entity resolution across documents: the linking score (kg.linking), curation round trips (kg.curate) and the
analyses over resolved entities. Documents here are invented extractions mapped as `kg build` maps them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.analysis.analyses import centrality
from kg.analysis.projections import actor_order_graph
from kg.crossdoc import (
    link,
    link_acronyms,
    link_across,
    link_body_variants,
    link_code_sections,
    link_described_orders,
    link_misplaced_stories,
    link_office_holders,
    link_placed_bodies,
    link_placed_orders,
    link_reported_rulings,
)
from kg.curate import CurationRefused, describe, distinct, reject, rename, same
from kg.evaluate import GoldDocument, GoldEntity
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.linking import Node, align, score
from kg.mapping import MERGE_GRAPH, ONTOLOGY_GRAPH, document_graph, to_triples
from kg.merge import merge
from kg.queries import facts as stored_facts
from kg.queries import load_query
from kg.resolve import Curation, CurationError, resolve
from kg.store import EmbeddedStore
from kg.vocab import POL
from kg.vocabgen import ONTOLOGY

ID = "https://w3id.org/policykg/id/"


def gold(document: str, **entities: tuple[str, ...]) -> GoldDocument:
    made = {key: GoldEntity(key, cls, names) for key, (cls, *names) in entities.items()}
    return GoldDocument(Path(document), document, None, made, [])


# -- the score -----------------------------------------------------------------------------------------------


def test_a_split_entity_costs_recall_and_a_merged_pair_costs_precision():
    golds = [
        gold("a.txt", mayor=("Person", "Ana Ruiz"), city=("City", "Tulsa")),
        gold("b.txt", mayor=("Person", "Mayor Ruiz"), city=("City", "Tulsa")),
        gold("c.txt", judge=("Person", "Ben Ortiz")),
    ]
    nodes = {
        "a.txt": {"p/ruiz": Node("Person", {"Ana Ruiz"}), "c/tulsa": Node("City", {"Tulsa"})},
        "b.txt": {"p/ruiz-b": Node("Person", {"Mayor Ruiz"}), "c/tulsa": Node("City", {"Tulsa"})},
        "c.txt": {"p/ruiz": Node("Person", {"Ben Ortiz"})},  # a wrong merge with a.txt's mayor
    }
    linked = {("a.txt", "mayor"): "ruiz", ("b.txt", "mayor"): "ruiz", ("a.txt", "city"): "tulsa",
              ("b.txt", "city"): "tulsa"}
    aligned, unaligned = align(golds, nodes)
    report = score(aligned, linked, unaligned)
    # pairs kg joins: tulsa (right) and a-mayor/c-judge (wrong); pairs that are one: tulsa and the two mayors
    assert report.pairwise == (0.5, 0.5)
    assert report.one_node == (1, 2)
    assert report.splits == {"ruiz": ["p/ruiz", "p/ruiz-b"]}
    assert report.merges == {"p/ruiz": ["c.txt#judge", "ruiz"]}
    assert 0 < report.bcubed[0] < 1 and 0 < report.bcubed[1] < 1


def test_alignment_is_one_to_one_within_a_document_and_single_words_do_not_align():
    golds = [gold("a.txt", notice=("Directive", "notice condition"), access=("Directive", "access condition"),
                  us=("Country", "U.S."))]
    nodes = {"a.txt": {"d/conditions": Node("Directive", {"notice condition", "access condition"}),
                       "court/x": Node("Court", {"U.S. District Court for the District of Utah"})}}
    aligned, unaligned = align(golds, nodes)
    assert [key for _, key, _ in aligned] == ["access"] and unaligned == 2


def test_a_gold_entity_aligns_to_the_node_labelled_by_one_of_its_names():
    # the state party is also called by the national party's word; the national node's name lies within the state
    # party's, but the node labelled "Vermont Green Party" is the one the gold entity names
    golds = [gold("a.txt", party=("PoliticalParty", "Vermont Green Party", "Greens"))]
    nodes = {"a.txt": {
        "party/green": Node("PoliticalParty", {"Green Party", "Greens"}, {"Green Party"}),
        "party/vt-green": Node("PoliticalParty", {"Vermont Green Party"}, {"Vermont Green Party"}),
    }}
    aligned, _ = align(golds, nodes)
    assert aligned == [("a.txt", "party", "party/vt-green")]
    # without the label the first node wins on the name within the gold's
    nodes["a.txt"]["party/vt-green"].labels.clear()
    assert align(golds, nodes)[0] == [("a.txt", "party", "party/green")]


# -- curation on a store -------------------------------------------------------------------------------------

EVIDENCE = Evidence("x.txt", "An invented sentence.", 0, 21)


def document(name: str, entities: list[Entity], facts: list[Fact], date: str = "2019-05-02") -> Extraction:
    return Extraction(DocumentInfo(name, f"{abs(hash(name)):016x}", date=date), {e.key: e for e in entities}, facts)


def store_of(path: Path, extractions: list[Extraction], curation: Curation | None = None) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for extraction in extractions:
        info = extraction.document
        graph = document_graph(info.name, info.content_hash)
        store.put_graph(graph, to_triples(resolve(extraction, curation=curation)))
    merge(store)
    return store


def stories() -> list[Extraction]:
    tulsa = Entity("city/geonames-4553433", "City", "Tulsa")
    order = Entity("localpolicy/curfew", "LocalPolicy", "curfew order")
    first = [Entity("person/ana-ruiz", "Person", "Ana Ruiz"), tulsa, order]
    second = [Entity("person/a-ruiz", "Person", "A. Ruiz"), tulsa, order]
    return [
        document("a.txt", first, [Fact("issued", "person/ana-ruiz", order.key, EVIDENCE),
                                  Fact("holds_office", "person/ana-ruiz", tulsa.key, EVIDENCE, role="mayor")]),
        document("b.txt", second, [Fact("opposes", "person/a-ruiz", order.key, EVIDENCE, stance="oppose")]),
    ]


def test_same_rename_and_distinct_are_recorded_applied_and_survive_a_rebuild(tmp_path: Path):
    path = tmp_path / "curation.yaml"
    store = store_of(tmp_path / "store", stories())
    keys = {k for e in stories() for k in e.entities}
    assert "person/a-ruiz" in keys
    same(store, "person/us-ok-ana-ruiz", "person/us-ok-a-ruiz", path)
    assert rename(store, "person/us-ok-ana-ruiz", "Mayor Ana Ruiz", path) == 2
    described = describe(store, "person/us-ok-ana-ruiz")
    assert described.label == "Mayor Ana Ruiz" and described.documents == ["a.txt", "b.txt"]
    assert any(reason.startswith("curated: person/us-ok-a-ruiz") for reason in described.reasons)
    with pytest.raises(CurationRefused, match="no entity"):
        describe(store, "person/us-ok-a-ruiz")
    distinct(store, "person/us-ok-ana-ruiz", "person/us-ok-bo-ruiz", path)
    with pytest.raises(CurationRefused, match="distinct"):
        same(store, "person/us-ok-ana-ruiz", "person/us-ok-bo-ruiz", path)
    store.close()
    # a rebuild reads the documents again, with the file's decisions
    rebuilt = store_of(tmp_path / "again", stories(), Curation.load(path))
    again = describe(rebuilt, "person/us-ok-ana-ruiz")
    assert again.label == "Mayor Ana Ruiz" and again.documents == ["a.txt", "b.txt"]


def test_kg_entity_and_kg_same_on_the_command_line(tmp_path: Path):
    store_of(tmp_path / "store", stories()).close()
    kg, where = str(Path(sys.executable).parent / "kg"), ["--store", str(tmp_path / "store")]
    done = subprocess.run([kg, "same", "person/us-ok-ana-ruiz", "person/us-ok-a-ruiz", *where], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "curation.yaml").is_file()
    shown = subprocess.run([kg, "entity", "person/us-ok-ana-ruiz", *where], capture_output=True, text=True, check=True)
    assert "documents (2): a.txt, b.txt" in shown.stdout and "curated" in shown.stdout
    missing = subprocess.run([kg, "entity", "person/nobody", *where], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "no entity person/nobody" in missing.stderr


def test_a_rejected_fact_leaves_its_graph_with_its_evidence_and_the_direct_triple_only_it_claims(tmp_path: Path):
    board = Entity("governmentbody/us-ok-tulsa-board", "GovernmentBody", "Tulsa board")
    order = Entity("localpolicy/curfew", "LocalPolicy", "curfew order")
    elsewhere = Evidence("x.txt", "Another invented sentence.", 30, 56)
    # two claims of one direct triple (the memo's differs by its instrument), the first with two sentences
    story = document("a.txt", [order, board], [
        Fact("addressed_to", order.key, board.key, EVIDENCE), Fact("addressed_to", order.key, board.key, elsewhere),
        Fact("addressed_to", order.key, board.key, elsewhere, instrument="memo")])
    path = tmp_path / "curation.yaml"
    store = EmbeddedStore(tmp_path / "store")  # mapped unresolved: resolution keeps one fact of a kind and pair
    graph = document_graph("a.txt", story.document.content_hash)
    store.put_graph(graph, to_triples(story))
    merge(store)
    found = stored_facts(store)
    assert len(found) == 3  # the first fact's two sentences, and the memo's
    plain, memo = (URIRef(next(f["fact_iri"] for f in found if f.get("instrument") == i)) for i in (None, "memo"))
    direct = (URIRef(found[0]["subject"]["iri"]), POL.addressedTo, URIRef(found[0]["object"]["iri"]))

    def holds(triple: tuple, where: URIRef) -> bool:
        return bool(store.query(f"ASK {{ GRAPH <{where}> {{ {' '.join(t.n3() for t in triple)} }} }}").boolean)

    assert reject(store, str(plain), path) == 1
    assert Curation.load(path).reject == [str(plain)]
    left = {str(row["s"]) for row in store.rows(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}
    assert not any(s.startswith(str(plain)) for s in left) and any(s.startswith(str(memo)) for s in left)
    assert [f["fact_iri"] for f in stored_facts(store)] == [str(memo)]
    assert holds(direct, graph) and holds(direct, MERGE_GRAPH)  # the memo still claims it
    assert reject(store, f"<{memo}>", path) == 1
    assert not holds(direct, graph) and not holds(direct, MERGE_GRAPH)
    assert Curation.load(path).reject == sorted([str(plain), str(memo)])
    with pytest.raises(CurationRefused, match="rejected already"):
        reject(store, str(memo), path)
    with pytest.raises(CurationRefused, match="no fact"):
        reject(store, "fact/0000", path)
    with pytest.raises(CurationError, match="not a fact IRI"):
        reject(store, order.key, path)


def test_a_curation_file_with_a_bad_rejection_is_refused(tmp_path: Path):
    path = tmp_path / "curation.yaml"
    path.write_text("reject: [person/ana-ruiz]\n", encoding="utf-8")
    with pytest.raises(CurationError, match="not a fact IRI"):
        Curation.load(path)
    path.write_text("reject: fact/abc\n", encoding="utf-8")
    with pytest.raises(CurationError, match="a list of fact IRIs"):
        Curation.load(path)


def okafor_stories(*full_names: str) -> list[Extraction]:
    arizona = Entity("state/us-az", "State", "Arizona")
    stories = [document(f"full{i}.txt", [Entity(f"person/p{i}", "Person", name), arizona], [])
               for i, name in enumerate(full_names)]
    return [*stories, document("brief.txt", [Entity("person/okafor", "Person", "Okafor"), arizona], [])]


def test_a_surname_alone_joins_the_one_full_name_of_its_state_and_never_guesses(tmp_path: Path):
    store = store_of(tmp_path / "one", okafor_stories("Maria Okafor"))
    assert link_across(store) == [("person/us-az-p0", "person/us-az-okafor")]
    assert describe(store, "person/us-az-p0").documents == ["brief.txt", "full0.txt"]
    two = store_of(tmp_path / "two", okafor_stories("Maria Okafor", "Daniel Okafor"))
    assert link_across(two) == []
    kept = store_of(tmp_path / "kept", okafor_stories("Maria Okafor"))
    assert link_across(kept, Curation(distinct=[("person/us-az-p0", "person/us-az-okafor")])) == []


def test_a_build_stopped_while_linking_links_again_though_no_document_changed(tmp_path: Path):
    from rdflib import Literal

    from kg.build import BuildReport, finish

    store = store_of(tmp_path / "one", okafor_stories("Maria Okafor"))
    finish(store, BuildReport(), None)  # nothing built, nothing pending: no linking
    assert describe(store, "person/us-az-p0").documents == ["full0.txt"]
    store.add(MERGE_GRAPH, [(MERGE_GRAPH, POL.linkPending, Literal(True))])  # a run stopped while linking
    report = BuildReport()
    finish(store, report, None)
    assert report.linked == 1 and describe(store, "person/us-az-p0").documents == ["brief.txt", "full0.txt"]
    assert not list(store.rows(load_query("link_pending").text))


def test_linking_that_joins_nobody_neither_writes_nor_flushes_the_store(tmp_path: Path, monkeypatch):
    # a flush reopens the embedded store (~20 ms, more on a busy disk), and each of a build's five link steps flushed
    store = store_of(tmp_path / "store", okafor_stories("Maria Okafor", "Daniel Okafor"))
    triples = store.triple_count()
    flushes: list[None] = []
    monkeypatch.setattr(store, "flush", lambda: flushes.append(None))
    assert link(store) == []
    assert store.triple_count() == triples and not flushes


def test_a_plain_nickname_joins_the_formal_name_across_documents_and_a_loose_one_does_not(tmp_path: Path):
    ohio = Entity("state/us-oh", "State", "Ohio")
    stories = [document("a.txt", [Entity("person/a", "Person", "Douglas R. Kerrigan"), ohio], []),
               document("b.txt", [Entity("person/b", "Person", "Doug Kerrigan"), ohio], []),
               document("c.txt", [Entity("person/c", "Person", "Helen Castell"), ohio], []),
               document("d.txt", [Entity("person/d", "Person", "Lena Castell"), ohio], []),
               document("e.txt", [Entity("person/e", "Person", "Annette Broussard"), ohio], []),
               document("f.txt", [Entity("person/f", "Person", "Annie Broussard"), ohio], [])]
    store = store_of(tmp_path / "store", stories)
    assert set(link_across(store)) == {("person/us-oh-a", "person/us-oh-b"), ("person/us-oh-e", "person/us-oh-f")}


def test_a_signatures_middle_initial_and_one_name_keyed_twice_join_the_full_name_of_their_state(tmp_path: Path):
    texas, kentucky = Entity("state/us-tx", "State", "Texas"), Entity("state/us-ky", "State", "Kentucky")
    stories = [document("a.txt", [Entity("person/a", "Person", "Harlan W. Pruitt"), texas], []),
               document("b.txt", [Entity("person/b", "Person", "W. Pruitt"), texas], []),  # "HARLAN W. PRUITT" cut
               document("c.txt", [Entity("person/c", "Person", "R. Pruitt"), texas], []),  # no Pruitt with an R
               document("d.txt", [Entity("person/d", "Person", "Desmond K. Whitfield"), kentucky], []),
               document("e.txt", [Entity("person/e", "Person", "Desmond K. Whitfield"), kentucky], [])]
    store = store_of(tmp_path / "store", stories)
    assert set(link_across(store)) == {("person/us-tx-a", "person/us-tx-b"), ("person/us-ky-d", "person/us-ky-e")}


IDAHO = Entity("state/us-id", "State", "Idaho")


def test_a_name_from_a_story_about_one_state_never_joins_a_fuller_name_from_a_story_about_none(tmp_path: Path):
    # a namesake: the Idaho health officer is not the Massachusetts sheriff named in a story about two states
    stories = [document("a.txt", [Entity("person/a", "Person", "Alan R. Whitcomb")], []),
               document("b.txt", [Entity("person/b", "Person", "Alan Whitcomb"), IDAHO], []),
               document("c.txt", [Entity("person/c", "Person", "Kim Oyelaran")], []),
               document("d.txt", [Entity("person/d", "Person", "Kimberly Oyelaran")], [])]
    store = store_of(tmp_path / "store", stories)
    assert link_across(store) == [("person/d", "person/c")]


def test_a_name_from_a_story_about_several_states_joins_the_one_namesake_of_a_state_it_names(tmp_path: Path):
    tennessee, georgia, ohio, texas = (Entity(f"state/us-{s}", "State", n) for s, n in
                                       (("tn", "Tennessee"), ("ga", "Georgia"), ("oh", "Ohio"), ("tx", "Texas")))

    def named(name: str, key: str, label: str, *states: Entity, role: str | None = None) -> Extraction:
        facts = [Fact("holds_office", key, states[0].key, EVIDENCE, role=role)] if role else []
        return document(name, [Entity(key, "Person", label), *states], facts)

    stories = [named("a.txt", "person/a", "Lizette Carraway", tennessee),
               named("b.txt", "person/b", "Lizette Carraway", georgia, tennessee),
               named("g.txt", "person/g", "Douglas Kerrigan", georgia, ohio),
               named("h.txt", "person/h", "Doug Kerrigan", ohio),  # a shorter form in the state's story
               # a story about no state: the Idaho namesake may be anyone's
               named("c.txt", "person/c", "Alan Whitcomb"),
               named("d.txt", "person/d", "Alan Whitcomb", IDAHO),
               # the same name given two different offices: two people
               named("e.txt", "person/e", "Ruth Pender", ohio, role="health commissioner"),
               named("f.txt", "person/f", "Ruth Pender", texas, ohio, role="sheriff")]
    store = store_of(tmp_path / "store", stories)
    assert set(link_across(store)) == {("person/us-tn-a", "person/b"), ("person/us-oh-h", "person/g")}
    assert describe(store, "person/us-tn-a").documents == ["a.txt", "b.txt"]


def test_an_unnamed_office_holder_joins_the_one_person_other_documents_name_in_that_office_then(tmp_path: Path):
    tennessee = Entity("state/us-tn", "State", "Tennessee")
    pennsylvania = Entity("state/us-pa", "State", "Pennsylvania")
    court = Entity("court/us-tn-court-of-appeals", "Court", "Tennessee Court of Appeals")

    def holder(name: str, key: str, label: str, role: str, office: Entity, date: str) -> Extraction:
        return document(name, [Entity(key, "Person", label), office],
                        [Fact("holds_office", key, office.key, EVIDENCE, role=role)], date=date)

    stories = [holder("named.txt", "person/wade-ashby", "Wade Ashby", "governor", tennessee, "2024-03-01"),
               holder("letter.txt", "person/office-governor-us-tn", "Governor", "governor", tennessee, "2024-08-12"),
               holder("old.txt", "person/office-governor-us-tn", "Governor", "governor", tennessee, "2015-08-12"),
               holder("judge.txt", "person/ana-ruiz", "Ana Ruiz", "judge", court, "2024-03-01"),
               holder("ruling.txt", "person/office-judge-us-tn", "Judge", "judge", court, "2024-05-01"),
               # no holding in the text: the office and the state its key names
               document("radio.txt", [Entity("person/office-governor-us-tn", "Person", "governor"), tennessee], [],
                        date="2024-09-30"),
               # nobody named governor of Pennsylvania: two stories of one spring are of one governor, 2019's not
               *[holder(f"pa{i}.txt", "person/office-governor-us-pa", "Governor", "governor", pennsylvania, date)
                 for i, date in enumerate(("2025-03-02", "2025-06-20", "2019-01-05"))]]
    store = store_of(tmp_path / "store", stories)
    joined = link_office_holders(store)
    assert [(kept, gone.rsplit("-", 1)[0]) for kept, gone in joined][:2] == [
        ("person/us-tn-wade-ashby", "person/office-governor-us-tn")] * 2
    ((kept, _),) = joined[2:]
    assert describe(store, kept).documents == ["pa0.txt", "pa1.txt"]  # one node; 2019's governor is another
    joined_holder = describe(store, "person/us-tn-wade-ashby")
    assert {"letter.txt", "radio.txt"} <= set(joined_holder.documents)
    # the letter's placeholder ("Governor (unnamed, in letter.txt)") is longer but never the person's name
    assert joined_holder.label == "Wade Ashby"


def test_a_state_bodys_acronym_joins_the_one_body_it_abbreviates_across_documents(tmp_path: Path):
    tennessee = Entity("state/us-tn", "State", "Tennessee")
    stories = [
        document("a.txt", [Entity("governmentbody/a", "GovernmentBody", "Tennessee Department of Transportation"),
                           tennessee], []),
        document("b.txt", [Entity("governmentbody/b", "GovernmentBody", "TDOT"), tennessee], []),
        document("c.txt", [Entity("governmentbody/c", "GovernmentBody", "the General Assembly"), tennessee], []),
    ]
    store = store_of(tmp_path / "store", stories)
    assert link_acronyms(store) == [("governmentbody/us-tn-department-of-transportation", "governmentbody/us-tn-tdot")]
    # a bare state body in a document about one state is that state's
    assert describe(store, "governmentbody/us-tn-general-assembly").documents == ["c.txt"]


def test_bodies_of_one_place_named_with_and_without_the_kind_of_place_are_one(tmp_path: Path):
    iowa = Entity("state/us-ia", "State", "Iowa")
    ohio = Entity("state/us-oh", "State", "Ohio")

    def story(name: str, *entities: Entity) -> Extraction:
        return document(name, list(entities), [])

    stories = [
        story("a.txt", Entity("governmentbody/a", "GovernmentBody", "state board of regents"), iowa),
        story("b.txt", Entity("governmentbody/b", "GovernmentBody", "Board of Regents"), iowa),
        story("c.txt", Entity("governmentbody/c", "GovernmentBody", "Board of Regents"), ohio),
        story("d.txt", Entity("court/d", "Court", "Polk Circuit Court"), iowa),
        story("e.txt", Entity("court/e", "Court", "Polk Circuit"), iowa),
        story("f.txt", Entity("governmentbody/f", "GovernmentBody", "State Patrol"), ohio),
        story("g.txt", Entity("governmentbody/g", "GovernmentBody", "Highway Patrol"), ohio),
    ]
    store = store_of(tmp_path / "store", stories)
    assert sorted(link_body_variants(store)) == [
        ("court/us-ia-polk-circuit", "court/us-ia-polk-circuit-court"),
        ("governmentbody/us-ia-board-of-regents", "governmentbody/us-ia-state-board-of-regents"),
    ]
    # Ohio's board is another state's; "State Patrol" and "Highway Patrol" differ by more than the kind of place
    assert describe(store, "governmentbody/us-oh-board-of-regents").documents == ["c.txt"]
    assert describe(store, "governmentbody/us-ia-board-of-regents").documents == ["a.txt", "b.txt"]


def test_a_story_that_names_the_same_people_in_another_state_is_joined_and_one_namesake_is_not(tmp_path: Path):
    massachusetts, missouri = Entity("state/us-ma", "State", "Massachusetts"), Entity("state/us-mo", "State", "Mo.")
    ohio, texas = Entity("state/us-oh", "State", "Ohio"), Entity("state/us-tx", "State", "Texas")

    def story(name: str, state: Entity, *labels: str) -> Extraction:
        named = [Entity(f"person/{label.lower().replace(' ', '-')}", "Person", label) for label in labels]
        return document(name, [*named, Entity("governmentbody/t", "GovernmentBody", "Transit Authority"), state], [])

    people = ("Denise Arroyo", "Luis Ferrante")
    stories = [story("a.txt", massachusetts, *people), story("b.txt", massachusetts, *people),
               story("c.txt", missouri, *people),  # a transcript that took Springfield for Missouri's
               story("d.txt", ohio, "Ann Lee", "Rob Hale"), story("e.txt", texas, "Ann Lee", "Kim Ode")]
    store = store_of(tmp_path / "store", stories)
    assert sorted(link_misplaced_stories(store)) == [
        ("governmentbody/us-ma-transit-authority", "governmentbody/us-mo-transit-authority"),
        ("person/us-ma-denise-arroyo", "person/us-mo-denise-arroyo"),
        ("person/us-ma-luis-ferrante", "person/us-mo-luis-ferrante"),
    ]
    assert describe(store, "person/us-ma-luis-ferrante").documents == ["a.txt", "b.txt", "c.txt"]
    # two Ohio and Texas stories that share one name are two people; their bodies stay apart too
    assert describe(store, "person/us-oh-ann-lee").documents == ["d.txt"]
    assert describe(store, "governmentbody/us-tx-transit-authority").documents == ["e.txt"]


def test_a_body_a_story_could_not_place_joins_the_one_body_so_named_where_the_story_names(tmp_path: Path):
    torrance = Entity("county/fips-35057", "County", "Torrance County")
    santa_fe = Entity("county/fips-35049", "County", "Santa Fe County")
    virginia, georgia = Entity("state/us-va", "State", "Virginia"), Entity("state/us-ga", "State", "Georgia")

    def story(name: str, key: str, label: str, *places: Entity) -> Extraction:
        return document(name, [Entity(key, "GovernmentBody", label), *places], [])

    stories = [story("a.txt", "governmentbody/a", "Torrance County Sheriff's Office", torrance),
               # names two counties, so its sheriff's office is its own; only one of them has a sheriff's office
               story("b.txt", "governmentbody/b", "the Sheriff's Office", torrance, santa_fe),
               story("c.txt", "governmentbody/c", "Virginia General Assembly", virginia),
               story("d.txt", "governmentbody/d", "the General Assembly", virginia, georgia),
               story("e.txt", "governmentbody/e", "Georgia Senate", georgia),
               story("f.txt", "governmentbody/f", "the Senate", virginia, georgia),  # the nation's, perhaps
               story("g.txt", "governmentbody/g", "General Assembly")]  # names no place
    store = store_of(tmp_path / "store", stories)
    joined = {(kept, gone.split("/")[1][9:]) for kept, gone in link_placed_bodies(store)}
    assert joined == {("governmentbody/fips-35057-sheriff-s-office", "sheriff-s-office"),
                      ("governmentbody/us-va-general-assembly", "general-assembly")}
    assert describe(store, "governmentbody/us-va-general-assembly").documents == ["c.txt", "d.txt"]


def test_a_school_board_a_story_naming_a_city_could_not_place_joins_no_states_board(tmp_path: Path):
    connecticut, massachusetts = Entity("state/us-ct", "State", "Connecticut"), Entity("state/us-ma", "State", "Mass")
    norwalk = Entity("city/geonames-4839292", "City", "Norwalk")
    state_board = document("a.txt", [Entity("governmentbody/a", "GovernmentBody", "Connecticut State Board of "
                                            "Education"), connecticut], [])

    def linked(store: str, *places: Entity) -> list[tuple[str, str]]:
        story = document("b.txt", [Entity("governmentbody/b", "GovernmentBody", "the Board of Education"), *places], [])
        return link_placed_bodies(store_of(tmp_path / store, [state_board, story]))

    assert linked("city", connecticut, massachusetts, norwalk) == []  # Norwalk's, which the store does not know
    assert linked("states", connecticut, massachusetts) == [
        ("governmentbody/us-ct-board-of-education", "governmentbody/board-of-education")]


def test_a_numbered_order_a_story_keys_by_its_state_joins_the_one_of_that_number_made_in_a_place_it_names(
        tmp_path: Path):
    tucson = Entity("city/geonames-5318313", "City", "Tucson")
    phoenix = Entity("city/geonames-5308655", "City", "Phoenix")
    arizona, mayor = Entity("state/us-az", "State", "Arizona"), Entity("person/mayor", "Person", "Lena Ortiz")

    def order(key: str) -> Entity:
        return Entity(key, "ExecutiveOrder", "Executive Order 2023-04")

    signed = document("a.txt", [mayor, tucson, order("executiveorder/a")], [
        Fact("holds_office", "person/mayor", tucson.key, EVIDENCE, role="mayor"),
        Fact("issued", "person/mayor", "executiveorder/a", EVIDENCE)])
    reported = document("b.txt", [order("executiveorder/b"), arizona, tucson], [])  # names Tucson, keyed by Arizona
    store = store_of(tmp_path / "one", [signed, reported])
    assert link_placed_orders(store) == [("executiveorder/geonames-5318313-23-4", "executiveorder/us-az-23-4")]
    assert describe(store, "executiveorder/geonames-5318313-23-4").documents == ["a.txt", "b.txt"]
    # another story keyed the same, that names Phoenix and not Tucson: perhaps another city's order 2023-04
    other = document("c.txt", [order("executiveorder/c"), arizona, phoenix], [])
    assert link_placed_orders(store_of(tmp_path / "two", [signed, reported, other])) == []


def test_an_order_a_story_could_not_place_joins_the_one_of_its_number_or_kind_made_where_it_names(tmp_path: Path):
    minnesota, wisconsin = Entity("state/us-mn", "State", "Minnesota"), Entity("state/us-wi", "State", "Wisconsin")
    rock = Entity("county/fips-55105", "County", "Rock County")

    def scoped(name: str, cls: str, tail: str, label: str) -> Entity:  # as extraction keys a document's own order
        scope = f"{abs(hash(name)):016x}"[:8]  # the document's content hash, as `document` writes it
        return Entity(f"{cls.lower()}/{scope}-{tail}", cls, label)

    governor = Entity("person/g", "Person", "Tim Walz")
    signed = document("a.txt", [governor, minnesota, Entity("executiveorder/a", "ExecutiveOrder", "EO 22-19")], [
        Fact("holds_office", governor.key, minnesota.key, EVIDENCE, role="governor"),
        Fact("issued", governor.key, "executiveorder/a", EVIDENCE)])
    # names two states: its "Executive Order 22-19" stays its own
    wire = document("b.txt", [scoped("b.txt", "ExecutiveOrder", "executive-order-22-19", "Executive Order 22-19"),
                              minnesota, wisconsin], [])
    adopted = document("c.txt", [rock, Entity("localpolicy/c", "LocalPolicy", "Resolution 11-293")], [
        Fact("issued", rock.key, "localpolicy/c", EVIDENCE)])
    story = document("d.txt", [rock, scoped("d.txt", "LocalPolicy", "resolution", "the resolution")], [])
    other = document("e.txt", [rock, scoped("e.txt", "LocalPolicy", "ordinance", "the ordinance")], [])
    store = store_of(tmp_path / "store", [signed, wire, adopted, story, other])
    joined = link_described_orders(store)
    assert sorted(kept for kept, _ in joined) == ["executiveorder/us-mn-22-19", "localpolicy/fips-55105-11-293"]
    assert describe(store, "localpolicy/fips-55105-11-293").documents == ["c.txt", "d.txt"]  # not the ordinance
    assert describe(store, "executiveorder/us-mn-22-19").documents == ["a.txt", "b.txt"]


def test_a_reported_ruling_and_its_unnamed_judge_join_the_courts_ruling_of_those_days_where_the_report_names(
    tmp_path: Path,
):
    tacoma = Entity("city/geonames-5812944", "City", "Tacoma")
    yakima = Entity("city/geonames-5816605", "City", "Yakima")
    court = Entity("court/us-dist-wawd", "Court", "United States District Court for the Western District of Washington")
    judge = Entity("person/mara-quill", "Person", "Mara Quill")
    granted = Entity("courtruling/r", "CourtRuling", "Order Granting Motion for Preliminary Injunction")
    # the court's own document's other ruling ("the state court's ruling") stays another
    other = Entity(f"courtruling/{abs(hash('order.txt')):016x}"[:20] + "-ruling", "CourtRuling", "ruling")
    order = document("order.txt", [court, judge, granted, other, tacoma], [
        Fact("issued", court.key, granted.key, EVIDENCE, date="2030-03-10"),
        Fact("holds_office", judge.key, court.key, EVIDENCE, role="district judge"),
        Fact("applies_to", granted.key, tacoma.key, EVIDENCE), Fact("applies_to", other.key, tacoma.key, EVIDENCE)],
        date="2030-03-10")

    def report(name: str, date: str, place: Entity) -> Extraction:
        scope = f"{abs(hash(name)):016x}"[:8]  # the document's content hash, as `document` writes it
        ruling = Entity(f"courtruling/{scope}-erroneous-ruling", "CourtRuling", "erroneous ruling")
        unnamed = Entity(f"person/office-judge-{scope}", "Person", "judge")
        return document(name, [ruling, unnamed, place], [
            Fact("issued", unnamed.key, ruling.key, EVIDENCE), Fact("applies_to", ruling.key, place.key, EVIDENCE)],
            date=date)

    stories = [order, report("statement.txt", "2030-03-11", tacoma),
               report("yakima.txt", "2030-03-11", yakima),  # names no place the court's document names
               report("later.txt", "2030-04-20", tacoma)]  # a month on: another ruling, perhaps
    store = store_of(tmp_path / "store", stories)
    joined = link_reported_rulings(store)
    assert [kept for kept, _ in joined] == ["courtruling/us-dist-wawd-2030-03-10", "person/us-wa-mara-quill"]
    assert describe(store, "courtruling/us-dist-wawd-2030-03-10").documents == ["order.txt", "statement.txt"]
    assert describe(store, "person/us-wa-mara-quill").documents == ["order.txt", "statement.txt"]


# -- analyses over resolved entities -------------------------------------------------------------------------


def test_resolution_mends_a_fragmented_presidents_centrality(tmp_path: Path):
    """Three documents name one president three ways; unresolved, the pivotal actor is three small nodes."""
    order = Entity("executiveorder/x", "ExecutiveOrder", "Executive Order 13768")
    names = [("person/donald-trump", "Donald J. Trump"), ("person/trump", "Trump"),
             ("person/office-president-us", "President")]
    extractions = []
    for i, (key, label) in enumerate(names):
        president = Entity(key, "Person", label, aliases={label})
        city = Entity(f"city/c{i}", "City", f"Town {i}")
        us = Entity("country/us", "Country", "United States")
        extractions.append(document(f"{i}.txt", [president, order, city, us], [
            Fact("issued", key, order.key, EVIDENCE),
            Fact("holds_office", key, us.key, EVIDENCE, role="president"),
            Fact("opposes", city.key, order.key, EVIDENCE, stance="oppose")], date="2017-03-01"))

    def top_person(store: EmbeddedStore) -> tuple[str, float]:
        rows = [r for r in centrality(actor_order_graph(store)) if "/person/" in r.node]
        return rows[0].node, rows[0].pagerank

    plain = EmbeddedStore(tmp_path / "plain")
    plain.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for extraction in extractions:
        info = extraction.document
        plain.put_graph(document_graph(info.name, info.content_hash), to_triples(extraction))
    merge(plain)
    resolved = store_of(tmp_path / "resolved", extractions)
    node, pagerank = top_person(resolved)
    assert node == ID + "person/Q22686"
    assert pagerank > top_person(plain)[1]
    assert len([r for r in centrality(actor_order_graph(plain)) if "/person/" in r.node]) == 3


def test_a_section_named_by_its_number_alone_joins_the_one_code_section_of_that_number(tmp_path: Path):
    def law(key: str, label: str) -> Entity:
        return Entity(key, "Legislation", label)

    cited = document("a.txt", [law("order/usc-8-1373", "8 U.S.C. 1373")], [])
    bare = document("b.txt", [law("legislation/section-1373", "Section 1373"), law("order/1373", "1373"),
                              law("legislation/section-8", "Section 8")], [])
    store = store_of(tmp_path / "one", [cited, bare])
    assert link_code_sections(store) == [
        ("order/usc-8-1373", "legislation/section-1373"), ("order/usc-8-1373", "order/1373")]
    assert describe(store, "order/usc-8-1373").documents == ["a.txt", "b.txt"]
    # two titles with a section 1373: the bare number could be either
    other = document("c.txt", [law("order/usc-42-1373", "42 U.S.C. 1373")], [])
    assert link_code_sections(store_of(tmp_path / "two", [cited, bare, other])) == []

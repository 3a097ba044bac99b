"""Entity resolution (kg.resolve) on invented extractions: people, bodies, orders, curation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.resolve import Curation, CurationError, resolve

EVIDENCE = Evidence("invented.txt", "An invented sentence.", 0, 21)


def extraction(
    entities: list[Entity], facts: list[tuple], *, date: str | None = "2018-03-02", name: str = "a.txt",
    publisher: str | None = None, title: str | None = None,
):
    info = DocumentInfo(name=name, content_hash=f"{abs(hash(name)):016x}", date=date, publisher=publisher, title=title)
    made = [Fact(kind, subject, obj, EVIDENCE, **extra) for kind, subject, obj, *rest in facts for extra in [
        rest[0] if rest else {}]]
    return Extraction(document=info, entities={e.key: e for e in entities}, facts=made)


def person(key: str, label: str, *aliases: str) -> Entity:
    return Entity(key, "Person", label, aliases={label, *aliases})


US = Entity("country/us", "Country", "United States")
OREGON = Entity("state/us-or", "State", "Oregon")


def keys(result: Extraction) -> set[str]:
    return set(result.entities)


# -- people ------------------------------------------------------------------------------------------------


def test_a_bare_office_word_is_the_holder_on_the_documents_date():
    office = person("person/office-president-us", "President")
    order = Entity("order/x", "Order", "memorandum")
    for date, qid in (("2018-03-02", "Q22686"), ("2010-06-01", "Q76")):
        result = resolve(extraction([office, US, order], [("issued", office.key, order.key),
                                                           ("holds_office", office.key, US.key, {"role": "president"})],
                                    date=date))
        holder = result.entities[f"person/{qid}"]
        assert holder.identifiers["wikidata"] == qid
        assert holder.label != "President" and "President" in holder.aliases
        assert result.facts[0].subject == f"person/{qid}"


def test_an_office_only_the_nation_has_named_without_a_place_is_its_holder_and_one_states_have_too_is_not():
    secretary = person("person/office-secretary-of-homeland-security-department-of-homeland-security",
                       "Secretary of Homeland Security")
    general = person("person/office-attorney-general", "Attorney General")
    result = resolve(extraction([secretary, general], [], date="2018-07-26"))
    assert "person/hand-kirstjen-nielsen" in keys(result)
    assert not any("sessions" in key for key in keys(result))  # "the Attorney General" may be a state's


def test_a_caption_run_into_a_name_leaves_the_name_and_a_name_with_a_particle_is_kept():
    caption = person("person/panel-bauer", "Panel Before Bauer")
    particle = person("person/de-la-cruz", "Maria de la Cruz")
    result = resolve(extraction([caption, particle, OREGON], []))
    labels = {e.label for e in result.entities.values() if e.cls == "Person"}
    assert labels == {"Bauer", "Maria de la Cruz"}
    (bauer,) = (e for e in result.entities.values() if e.label == "Bauer")
    assert "Panel Before Bauer" in bauer.aliases and any("runs other words" in r for r in bauer.reasons)


def test_an_office_nobody_in_the_tables_held_stays_the_documents_own_and_is_not_labelled_by_the_office_alone():
    clerk = person("person/office-county-clerk-fips-41051", "County Clerk")
    one = resolve(extraction([clerk], [], name="one.txt"))
    two = resolve(extraction([clerk], [], name="two.txt"))
    assert keys(one).isdisjoint(keys(two))
    (entity,) = one.entities.values()
    assert entity.label != "County Clerk" and "County Clerk" in entity.aliases


def test_full_short_and_titled_names_of_one_president_are_one_node_across_documents():
    first = resolve(extraction([person("person/donald-trump", "Donald J. Trump")], []))
    second = resolve(extraction([person("person/trump", "Trump", "President Trump")], [], name="b.txt"))
    assert keys(first) == keys(second) == {"person/Q22686"}
    assert any("authority" in reason for reason in second.entities["person/Q22686"].reasons)


def test_a_namesake_with_another_office_is_not_the_person_in_the_tables():
    sheriff = person("person/john-kelly", "John Kelly", "Sheriff John Kelly")
    place = Entity("county/fips-41051", "County", "Multnomah County")
    result = resolve(extraction([sheriff, place], [("holds_office", sheriff.key, place.key, {"role": "sheriff"})],
                                date="2017-05-01"))
    # keyed by name within the state of his office, not by the secretary's record
    assert keys(result) == {"person/us-or-john-kelly", "county/fips-41051"}
    assert not result.entities["person/us-or-john-kelly"].identifiers


def test_the_secretary_named_with_the_office_is_the_person_in_the_tables():
    kelly = person("person/john-kelly", "John Kelly", "Homeland Security Secretary John Kelly")
    result = resolve(extraction([kelly], [], date="2017-05-01"))
    (key,) = keys(result)
    assert key != "person/john-kelly" and result.entities[key].label.startswith("John")


def test_namesakes_the_tables_do_not_know_are_two_people_in_two_states_and_one_in_one():
    def key(name: str, place: Entity) -> str:
        mayor = person("person/dana-whitlow", "Dana Whitlow")
        result = resolve(extraction([mayor, place], [("holds_office", mayor.key, place.key, {"role": "mayor"})],
                                    name=name))
        return next(k for k in result.entities if k.startswith("person/"))

    salem = Entity("city/geonames-5750162", "City", "Salem")
    assert key("a.txt", salem) == key("b.txt", salem) != key("c.txt", Entity("state/us-ia", "State", "Iowa"))


def test_nickname_and_initial_forms_in_one_document_are_one_person_and_two_kellys_are_two():
    people = [
        person("person/robert-hale", "Robert T. Hale"),
        person("person/bob-hale", "Bob Hale"),
        person("person/mark-kelly-x", "Marcus Vell"),
        person("person/laura-vell", "Laura Vell"),
    ]
    result = resolve(extraction(people, [], date=None))
    assert keys(result) == {"person/robert-hale", "person/mark-kelly-x", "person/laura-vell"}
    assert "Bob Hale" in result.entities["person/robert-hale"].aliases


@pytest.mark.parametrize(("familiar", "formal", "one"), [
    ("Annie Broussard", "Annette Broussard", True),
    ("Jerry Atwater", "Jerome Atwater", True),
    ("Danny Ruiz", "Daniel Ruiz", True),
    ("Amy Ruiz", "Amanda Ruiz", False),  # too short a familiar form to say
    ("Annie Broussard", "Margaret Broussard", False),
])
def test_a_familiar_form_ending_in_ie_or_y_is_the_formal_name_it_begins(familiar, formal, one):
    people = [person("person/formal", formal), person("person/familiar", familiar)]
    result = resolve(extraction(people, [], date=None))
    assert (keys(result) == {"person/formal"}) is one


def test_a_document_whose_facts_name_no_place_is_placed_by_the_places_its_text_names():
    deq = Entity("governmentbody/department-of-environmental-quality", "GovernmentBody",
                 "Department of Environmental Quality")
    people = [person("person/karen-ostrowski", "Karen Ostrowski"), deq]
    detroit = "city/geonames-4990729"
    placed = replace(extraction(people, []), places=frozenset({"state/us-mi", detroit}))
    assert keys(resolve(placed)) == {"person/us-mi-karen-ostrowski",
                                     "governmentbody/us-mi-department-of-environmental-quality"}
    # Detroit is in Michigan
    assert keys(resolve(replace(placed, places=frozenset({detroit})))) == keys(resolve(placed))
    # two states named: about neither; and the places of its facts come first
    two = replace(placed, places=frozenset({"state/us-mi", "state/us-oh"}))
    assert keys(resolve(two)) == {"person/karen-ostrowski", "governmentbody/department-of-environmental-quality"}
    ohio = replace(extraction([*people, Entity("state/us-oh", "State", "Ohio")], [
        ("holds_office", "person/karen-ostrowski", "state/us-oh", {"role": "director"})]), places=placed.places)
    assert "person/us-oh-karen-ostrowski" in keys(resolve(ohio))


def test_one_place_name_in_a_document_is_the_namesake_in_a_state_it_names():
    kansas = Entity("county/fips-20173", "County", "Sedgwick County")
    colorado = Entity("county/fips-08115", "County", "Sedgwick County")  # the gazetteer's first, for a bare name
    both = [kansas, colorado]
    assert keys(resolve(extraction([*both, Entity("state/us-ks", "State", "Kansas")], []))) == {
        "county/fips-20173", "state/us-ks"}
    named = replace(extraction(both, []), places=frozenset({"state/us-ks", "state/us-ne"}))
    assert keys(resolve(named)) == {"county/fips-20173"}
    assert keys(resolve(extraction(both, []))) == {"county/fips-20173", "county/fips-08115"}  # no state to say


def test_a_bare_place_name_in_a_document_about_several_states_is_the_one_namesake_in_them():
    duluth = Entity("jurisdiction/duluth", "Jurisdiction", "DULUTH")  # a transcript's dateline
    minnesota, wisconsin = Entity("state/us-mn", "State", "Minnesota"), Entity("state/us-wi", "State", "Wisconsin")
    assert "city/geonames-5024719" in keys(resolve(extraction([duluth, minnesota, wisconsin], [])))
    georgia = Entity("state/us-ga", "State", "Georgia")  # Duluth, Georgia too: no guess
    assert "jurisdiction/duluth" in keys(resolve(extraction([duluth, minnesota, georgia], [])))


def test_a_states_abbreviation_taken_for_a_jurisdiction_is_the_state_and_a_bare_washington_is_not():
    assert keys(resolve(extraction([Entity("jurisdiction/neb", "Jurisdiction", "Neb.")], []))) == {"state/us-ne"}
    washington = Entity("jurisdiction/washington", "Jurisdiction", "Washington")
    assert keys(resolve(extraction([washington], []))) == {"jurisdiction/washington"}


def test_the_city_is_the_one_city_the_document_names_else_the_documents_own():
    the_city = Entity("jurisdiction/city", "Jurisdiction", "the City")
    fresno = Entity("city/geonames-5350937", "City", "Fresno")
    one = resolve(extraction([the_city, fresno], [("opposes", the_city.key, fresno.key)]))
    assert keys(one) == {fresno.key} and "the City" in one.entities[fresno.key].aliases
    sedona = Entity("city/sedona", "City", "Sedona")  # too small for the gazetteer
    small = resolve(extraction([the_city, sedona], [("opposes", the_city.key, sedona.key)]))
    assert keys(small) == {sedona.key} and "the City" in small.entities[sedona.key].aliases
    alone = [keys(resolve(extraction([the_city], [], name=name))) for name in ("a.txt", "b.txt")]
    assert alone[0].isdisjoint(alone[1]) and all(k.endswith("-city") for k in alone[0])


def test_the_state_is_the_one_state_the_document_names():
    the_state = Entity("jurisdiction/01234567-state", "Jurisdiction", "State")
    alabama = Entity("state/us-al", "State", "Alabama")
    one = resolve(extraction([the_state, alabama], [("opposes", the_state.key, alabama.key)]))
    assert keys(one) == {alabama.key} and "State" in one.entities[alabama.key].aliases
    georgia = Entity("state/us-ga", "State", "Georgia")
    two = resolve(extraction([the_state, alabama, georgia], [("opposes", the_state.key, alabama.key)]))
    assert alabama.key in keys(two) and any(k.endswith("-state") for k in keys(two))


# -- bodies and courts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Supreme Court of the State of New Mexico", "New Mexico Supreme Court",
                                   "Supreme Court of New Mexico"])
def test_a_states_court_named_of_the_state_is_its_one_node(label):
    assert keys(resolve(extraction([Entity("court/x", "Court", label)], []))) == {"court/us-nm-supreme-court"}


@pytest.mark.parametrize(
    "name", ["Justice Department", "DOJ", "U.S. Department of Justice", "the Department of Justice"]
)
def test_every_name_of_a_department_is_its_one_node(name):
    body = Entity("governmentbody/x", "GovernmentBody", name)
    result = resolve(extraction([body], []))
    assert keys(result) == {"governmentbody/us-doj"}


def test_a_states_officer_ner_calls_an_organisation_is_the_documents_states_and_a_company_is_not():
    utah = Entity("state/us-ut", "State", "Utah")
    engineer = Entity("organization/state-engineer", "Organization", "State Engineer")
    insurer = Entity("organization/state-farm", "Organization", "State Farm")
    result = resolve(extraction([utah, engineer, insurer], []))
    assert {"organization/us-ut-state-engineer", "organization/state-farm"} <= keys(result)


def test_the_federal_government_and_its_agencies_are_one_node_each_in_any_words_and_a_governors_are_not():
    def keyed(label: str, publisher: str) -> set[str]:
        body = Entity("governmentbody/x", "GovernmentBody", label)
        return keys(resolve(extraction([body], [], publisher=publisher)))

    assert keyed("Federal Government", "Federal Register (The White House)") == {"governmentbody/us-federal-government"}
    assert keyed("the U.S. government", "Associated Press") == {"governmentbody/us-federal-government"}
    agencies = "governmentbody/us-executive-departments-and-agencies"
    assert keyed("all executive departments and agencies", "Federal Register (The White House)") == {agencies}
    assert keyed("federal agencies", "Associated Press") == {agencies}
    assert keyed("all executive departments and agencies", "Office of the Governor of Oregon") != {agencies}


@pytest.mark.parametrize(("label", "key"), [
    ("Departments of Defense", "governmentbody/us-dod"),  # "the Departments of Defense, the Interior, ..."
    ("Administrator of General Services", "governmentbody/us-gsa"),  # the title of the GSA's head
])
def test_a_department_named_in_a_list_or_by_its_heads_title_is_the_tables_body(label, key):
    florida = Entity("state/us-fl", "State", "Florida")
    body = Entity("governmentbody/x", "GovernmentBody", label)
    assert key in keys(resolve(extraction([florida, body], [], publisher="Federal Register (The White House)")))


def test_a_sub_body_stays_apart_from_its_parent():
    parent = Entity("governmentbody/a", "GovernmentBody", "Department of Justice")
    child = Entity("governmentbody/b", "GovernmentBody", "Office of Justice Programs")
    result = resolve(extraction([parent, child], []))
    assert len(result.entities) == 2 and "governmentbody/us-doj" in result.entities


def test_an_acronym_the_document_spells_out_is_the_body():
    deq = Entity("governmentbody/deq", "GovernmentBody", "DEQ")
    full = Entity("governmentbody/oregon-department-of-environmental-quality", "GovernmentBody",
                  "Oregon Department of Environmental Quality")
    result = resolve(extraction([deq, full], []))
    assert keys(result) == {"governmentbody/us-or-department-of-environmental-quality"}
    assert "DEQ" in result.entities["governmentbody/us-or-department-of-environmental-quality"].aliases


def test_an_acronym_spells_out_a_name_after_its_state_and_state():
    dnr = Entity("governmentbody/dnr", "GovernmentBody", "DNR")
    full = Entity("governmentbody/b", "GovernmentBody", "Kansas State Department of Natural Resources")
    result = resolve(extraction([dnr, full], []))
    assert len(result.entities) == 1
    (body,) = result.entities.values()
    assert "DNR" in body.aliases and body.label == "Kansas State Department of Natural Resources"


def test_a_county_body_named_after_a_city_of_the_same_name_is_the_countys():
    mobile = Entity("city/mobile", "City", "Mobile")
    alabama = Entity("state/us-al", "State", "Alabama")
    commission = Entity("governmentbody/a", "GovernmentBody", "Mobile County Commission")
    council = Entity("governmentbody/b", "GovernmentBody", "Mobile City Council")
    result = keys(resolve(extraction([mobile, alabama, commission, council], [])))
    assert "governmentbody/fips-01097-commission" in result
    assert any(k.startswith("governmentbody/geonames-") and k.endswith("-city-council") for k in result)


@pytest.mark.parametrize(("kind", "names", "joined"), [
    ("Department", ["Tennessee Department of Health"], True),
    ("the Alliance", ["Kentucky River Recovery Alliance", "Hazard"], True),
    ("Fiscal Court", ["Harlan County Fiscal Court"], True),
    ("the Board", ["Torrance County Board of County Commissioners", "State Canvassing Board"], False),
    ("the Department", ["Tennessee Department of Health", "Department of Justice"], False),
    ("the House", ["White House"], False),
    ("Veterans Affairs", ["Department of Military and Veterans Affairs"], False),
])
def test_a_body_named_by_its_kind_is_the_one_body_of_that_kind_the_document_names(kind, names, joined):
    described = Entity("governmentbody/kind", "GovernmentBody", kind)
    others = [Entity(f"governmentbody/n{i}", "GovernmentBody", n) for i, n in enumerate(names)]
    result = resolve(extraction([described, *others], [("opposes", described.key, others[0].key)]))
    assert (len(result.entities) == len(names)) is joined
    if joined:
        (body,) = [e for e in result.entities.values() if e.label == names[0]]
        assert kind in body.aliases
        assert not result.facts  # "the Alliance opposes the Kentucky River Recovery Alliance": one body, no fact


def test_an_acronym_does_not_make_a_name_the_tables_lack_federal():
    correction = Entity("governmentbody/a", "GovernmentBody", "Department of Correction",
                        aliases={"Department of Correction", "DOC"})
    housing = Entity("governmentbody/b", "GovernmentBody", "Housing and Urban Development",
                     aliases={"Housing and Urban Development", "HUD"})
    connecticut = Entity("state/us-ct", "State", "Connecticut")
    result = keys(resolve(extraction([correction, housing, connecticut], [])))
    assert "governmentbody/us-doc" not in result and "governmentbody/us-hud" in result


def test_a_court_by_citation_form_and_a_generic_court_name_stays_in_its_document():
    cited = Entity("court/a", "Court", "N.D. Cal.")
    generic = Entity("court/district-court", "Court", "District Court")
    one = resolve(extraction([cited, generic], [], name="one.txt"))
    two = resolve(extraction([generic], [], name="two.txt"))
    assert "court/us-dist-cand" in one.entities
    assert keys(two).isdisjoint(keys(one))


def test_a_state_courts_own_opinion_means_itself_by_its_bare_name_and_a_newspapers_story_does_not():
    supreme = Entity("court/supreme-court", "Court", "Supreme Court")
    opinion = resolve(extraction([supreme], [], name="op.txt", publisher="Supreme Court of the State of New Mexico"))
    named = resolve(extraction([Entity("court/nm", "Court", "Supreme Court of New Mexico")], [], name="news.txt"))
    story = resolve(extraction([supreme], [], name="story.txt", publisher="The New Mexico Ledger"))
    assert keys(opinion) == keys(named) == {"court/us-nm-supreme-court"}
    assert keys(story) == {"court/us-scotus"}


def test_a_state_agencys_letter_means_itself_by_its_bare_name_unless_the_text_says_the_federal_one():
    bare = Entity("governmentbody/doe", "GovernmentBody", "Department of Education")
    federal = Entity("governmentbody/doe", "GovernmentBody", "Department of Education",
                     aliases={"Department of Education", "U.S. Department of Education"})
    publisher = "Tennessee Department of Education, Office of the Commissioner"
    assert keys(resolve(extraction([bare], [], publisher=publisher))) == {
        "governmentbody/us-tn-department-of-education"}
    assert keys(resolve(extraction([federal], [], publisher=publisher))) == {"governmentbody/us-ed"}
    assert keys(resolve(extraction([bare], []))) == {"governmentbody/us-ed"}


@pytest.mark.parametrize(
    ("title", "aliases", "key"),
    [("Executive Order 2014-04 — Minimum Wage for Commonwealth Contractors", (), "us-pa-department-of-labor"),
     ("Enrolled House Bill 1204 (2016), relating to wages", (), "us-pa-department-of-labor"),
     ("2016 House Bill 1204: wages for contractors", (), "us-pa-department-of-labor"),
     ("Acme Corp. v. Commonwealth of Pennsylvania, No. 14-221", (), "us-pa-department-of-labor"),
     ("Executive Order 2014-04 — Minimum Wage", ("United States Department of Labor",), "us-dol"),
     ("Governor Signs Wage Order (press release)", (), "us-dol")],
)
def test_a_states_instrument_means_its_own_department_by_a_name_it_shares_with_a_federal_one(title, aliases, key):
    labor = Entity("governmentbody/dol", "GovernmentBody", "Department of Labor",
                   aliases={"Department of Labor", *aliases})
    publisher = "Commonwealth of Pennsylvania, Governor's Office"
    assert keys(resolve(extraction([labor], [], publisher=publisher, title=title))) == {f"governmentbody/{key}"}


@pytest.mark.parametrize(("label", "publisher", "key"), [
    ("Office of Justice Programs", "Commonwealth of Pennsylvania, Governor's Office", "us-ojp"),
    ("Bureau of Justice Assistance", "Commonwealth of Pennsylvania, Governor's Office", "us-bja"),
    # the publisher's own office keeps its name
    ("Office of Justice Programs", "Commonwealth of Pennsylvania, Office of Justice Programs",
     "us-pa-office-of-justice-programs"),
])
def test_a_states_instrument_names_a_federal_departments_office_as_the_federal_one(label, publisher, key):
    office = Entity("governmentbody/x", "GovernmentBody", label)
    title = "Executive Order 2031-02 — Grant Certifications"
    assert keys(resolve(extraction([office], [], publisher=publisher, title=title))) == {f"governmentbody/{key}"}


def test_a_state_legislatures_bill_means_its_states_department():
    veterans = Entity("governmentbody/dva", "GovernmentBody", "Department of Veterans Affairs")
    title = "2025 Assembly Bill 188 (Wisconsin): county veterans service grants"
    result = resolve(extraction([veterans], [], publisher="Wisconsin State Legislature", title=title))
    assert keys(result) == {"governmentbody/us-wi-department-of-veterans-affairs"}


def test_a_body_named_after_a_state_is_the_states_though_a_county_of_its_name_is_named_bare():
    county = Entity("county/fips-49049", "County", "Utah County", aliases={"Utah County", "Utah"})
    health = Entity("governmentbody/h", "GovernmentBody", "Utah Department of Health and Human Services")
    sheriff = Entity("governmentbody/s", "GovernmentBody", "Utah County Sheriff's Office")
    assert keys(resolve(extraction([county, health, sheriff], []))) == {
        "county/fips-49049", "governmentbody/us-ut-department-of-health-and-human-services",
        "governmentbody/fips-49049-sheriff-s-office"}


@pytest.mark.parametrize(("publisher", "placed"), [
    ("Stumptown Courier (Whitefish, Mont.)", False),  # a town the gazetteer does not know: its own council
    ("Billings Gazette (Billings, Mont.)", True),
    (None, True),
])
def test_the_city_council_of_a_local_paper_is_its_towns(publisher, placed):
    council = Entity("governmentbody/c", "GovernmentBody", "City Council")
    billings = Entity("city/geonames-5640350", "City", "Billings")
    found = keys(resolve(extraction([council, billings], [], publisher=publisher)))
    assert ("governmentbody/geonames-5640350-city-council" in found) is placed


def test_a_county_board_in_a_states_instrument_is_no_body_of_the_state():
    board = Entity("governmentbody/b", "GovernmentBody", "Board of County Commissioners")
    opinion = resolve(extraction([board], [], publisher="Office of the Attorney General, State of New Mexico",
                                 title="Attorney General Opinion No. 20-02: Effect of a county resolution"))
    assert not any(key.startswith("governmentbody/us-nm-") for key in opinion.entities)


@pytest.mark.parametrize(
    ("publisher", "key"),
    [("Legislative Counsel Bureau, State of Nevada", "governmentbody/us-nv-division-of-water-resources"),
     ("U.S. Attorney's Office, District of Nevada", "governmentbody/division-of-water-resources"),
     ("The Nevada Current", "governmentbody/division-of-water-resources")],
)
def test_a_state_body_of_a_document_about_several_states_is_its_publishers_state(publisher, key):
    water = Entity("governmentbody/dwr", "GovernmentBody", "Division of Water Resources")
    places = [Entity("state/us-nv", "State", "Nevada"), Entity("state/us-ca", "State", "California")]
    assert resolve(extraction([water, *places], [], publisher=publisher)).entities.keys() - {
        "state/us-nv", "state/us-ca"} == {key}


def test_this_general_assembly_is_the_states():
    assembly = Entity("governmentbody/a", "GovernmentBody", "this General Assembly")
    tennessee = Entity("state/us-tn", "State", "Tennessee")
    assert "governmentbody/us-tn-general-assembly" in keys(resolve(extraction([assembly, tennessee], [])))


@pytest.mark.parametrize(("name", "key"), [
    ("Pennsylvania State Department of Environmental Protection",
     "governmentbody/us-pa-department-of-environmental-protection"),
    ("Pennsylvania Department of Environmental Protection",
     "governmentbody/us-pa-department-of-environmental-protection"),
    # named without the state, in a story about it
    ("the state Department of Justice", "governmentbody/us-pa-department-of-justice"),
    ("State Department of Social Services", "governmentbody/us-pa-department-of-social-services"),
])
def test_state_before_a_departments_name_is_the_state_it_is_placed_in(name, key):
    body = Entity("governmentbody/a", "GovernmentBody", name)
    assert key in keys(resolve(extraction([body, Entity("state/us-pa", "State", "Pennsylvania")], [])))


def test_a_body_one_of_whose_names_is_federal_is_never_the_states_of_the_story():
    # one entity for "the U.S. Department of Education" and "the Department of Education" of a Connecticut story
    # that also names the Connecticut State Department of Education
    federal = Entity("governmentbody/doe", "GovernmentBody", "Department of Education",
                     aliases={"Department of Education", "U.S. Department of Education"})
    state = Entity("governmentbody/csde", "GovernmentBody", "Connecticut State Department of Education")
    found = keys(resolve(extraction([federal, state, Entity("state/us-ct", "State", "Connecticut")], [])))
    assert found == {"governmentbody/us-ed", "governmentbody/us-ct-department-of-education", "state/us-ct"}


def test_the_government_of_a_text_naming_the_federal_government_is_it():
    government = Entity("governmentbody/government", "GovernmentBody", "Government", aliases={"the Government"})
    federal = Entity("governmentbody/us-federal-government", "GovernmentBody", "federal government")
    assert keys(resolve(extraction([government, federal], []))) == {"governmentbody/us-federal-government"}
    assert keys(resolve(extraction([government], []))) == {"governmentbody/government"}


def test_the_state_department_is_never_a_states():
    body = Entity("governmentbody/a", "GovernmentBody", "the State Department")
    found = keys(resolve(extraction([body, Entity("state/us-pa", "State", "Pennsylvania")], [])))
    assert not any(key.startswith("governmentbody/us-pa") for key in found)


@pytest.mark.parametrize(("name", "key"), [
    ("Homeland Security", "us-dhs"), ("Veterans Affairs", "us-va"), ("Housing and Urban Development", "us-hud"),
    ("ONDCP", "us-ondcp"),
    # a body named through its owner or its head
    ("the Department of Justice's Office of Community Oriented Policing Services", "us-cops"),
    ("Department's Office of Justice Programs", "us-ojp"),
    ("Administrator of the Small Business Administration", "us-sba"),
])
def test_a_federal_body_by_its_short_name_its_owner_or_its_head_is_the_tables(name, key):
    body = Entity("governmentbody/a", "GovernmentBody", name)
    assert keys(resolve(extraction([body], []))) == {f"governmentbody/{key}"}


def test_a_chamber_named_as_the_federal_one_is_the_tables_and_a_bare_one_is_not():
    assert keys(resolve(extraction([Entity("governmentbody/s", "GovernmentBody", "U.S. Senate")], []))) == {
        "governmentbody/us-senate"}
    assert "governmentbody/us-senate" not in keys(
        resolve(extraction([Entity("governmentbody/s", "GovernmentBody", "Senate")], [])))


# -- orders --------------------------------------------------------------------------------------------------


def test_a_federal_order_by_number_in_any_style_is_the_tables_order():
    for label in ("EO 13768", "Executive Order 13,768", "Executive Order No. 13768"):
        result = resolve(extraction([Entity("order/x", "ExecutiveOrder", label)], []))
        order = result.entities["order/executive-order-13768"]
        assert order.date == "2017-01-25"
        assert "Enhancing Public Safety in the Interior of the United States" in order.aliases


@pytest.mark.parametrize(
    "words, number",
    [
        ("the president's order to strip grants from sanctuary cities", 13768),
        ("the president's order to build a wall on the southern border", 13767),
    ],
)
def test_an_order_described_by_its_signer_and_subject_is_the_tables_order(words, number):
    trump = person("person/donald-trump", "Donald Trump")
    order = Entity("executiveorder/abc-order", "ExecutiveOrder", "executive order", aliases={words})
    result = resolve(extraction([trump, order], [("issued", trump.key, order.key)], date="2017-01-27"))
    assert f"order/executive-order-{number}" in result.entities


@pytest.mark.parametrize("when", ["2017-01", None])
def test_an_order_described_long_after_by_its_month_or_by_no_date_is_the_tables_order(when):
    # a story of 2019 recalls "the President's executive order in January 2017"
    president = person("person/office-president-us", "President")
    order = Entity("executiveorder/abc-order", "ExecutiveOrder", "executive order",
                   aliases={"the order that cut sanctuary jurisdictions off from federal grants"})
    result = resolve(extraction([president, order], [("issued", president.key, order.key, {"date": when})],
                                date="2019-06-14"))
    assert "order/executive-order-13768" in result.entities


def test_a_described_order_that_fits_two_orders_equally_is_left_alone():
    trump = person("person/donald-trump", "Donald Trump")
    order = Entity("executiveorder/abc-order", "ExecutiveOrder", "executive order")
    result = resolve(extraction([trump, order], [("issued", trump.key, order.key)], date="2017-01-27"))
    assert "executiveorder/abc-order" in result.entities


def test_a_governors_numbered_order_is_one_node_however_the_number_is_written():
    found = set()
    for i, label in enumerate(("Executive Order D 2025-014", "EO 25-14", "Executive Order 2025-14")):
        governor = person(f"person/g{i}", "Tina Kotek")
        order = Entity(f"executiveorder/{i}-order", "ExecutiveOrder", label)
        result = resolve(extraction([governor, order, OREGON], [
            ("holds_office", governor.key, OREGON.key, {"role": "governor"}),
            ("issued", governor.key, order.key)], name=f"{i}.txt"))
        found |= {k for k in result.entities if k.startswith("executiveorder/")}
    assert found == {"executiveorder/us-or-25-14"}


def test_a_description_is_the_name_the_text_gives_once_though_no_fact_uses_the_name():
    described = Entity("governmentbody/kind", "GovernmentBody", "the Department")
    hospital = Entity("organization/h", "Organization", "Cumberland Ridge Hospital")
    named = Entity("governmentbody/tdh", "GovernmentBody", "Tennessee Department of Health")
    resolution = Entity("localpolicy/kind", "LocalPolicy", "the resolution")
    numbered = Entity("localpolicy/n", "LocalPolicy", "Resolution No. 041-24")
    facts = [("opposes", hospital.key, described.key), ("applies_to", resolution.key, hospital.key)]
    plain = replace(extraction([described, hospital, resolution], facts), places=frozenset({"state/us-tn"}))
    result = resolve(replace(plain, unused={named.key: named, numbered.key: numbered}))
    assert {"governmentbody/us-tn-department-of-health", "localpolicy/us-tn-41-24"} <= keys(result)
    assert {f.object for f in result.facts} == {"governmentbody/us-tn-department-of-health",
                                                "organization/cumberland-ridge-hospital"}
    assert not keys(resolve(plain)) & {"governmentbody/us-tn-department-of-health", "localpolicy/us-tn-41-24"}


@pytest.mark.parametrize(("description", "cls", "numbered", "joined"), [
    ("the executive order", "ExecutiveOrder", ["Executive Order 24-05"], True),
    ("the county's resolution", "LocalPolicy", ["Resolution 25-318"], True),
    ("the resolution", "LocalPolicy", ["Resolution 25-318", "Resolution 25-319"], False),
    ("the resolution", "LocalPolicy", ["Ordinance 2025-09"], False),
    ("the executive order", "ExecutiveOrder", ["Executive Order 24-05"] * 0, False),
    ("the Clean Water Act", "Legislation", ["Senate Bill 12"], False),
])
def test_a_kind_of_order_is_the_one_order_of_that_kind_the_document_numbers(description, cls, numbered, joined):
    described = Entity("order/kind", cls, description)
    orders = [Entity(f"order/n{i}", cls, label) for i, label in enumerate(numbered)]
    result = resolve(extraction([OREGON, described, *orders], []))
    assert (len(result.entities) == 1 + len(numbered)) is joined
    if joined:
        (order,) = [e for e in result.entities.values() if e.label == numbered[0]]
        assert description in order.aliases


@pytest.mark.parametrize(("labels", "key"), [
    (("Order No. 2024-CS-03", "Order 2024-CS-3"), "directive/us-or-24-cs-3"),
    (("Case No. 24-CI-00917", "No. 24-CI-917"), "directive/us-or-24-ci-917"),
    (("Executive Order 2024-06D", "EO 2024-06D"), "executiveorder/us-or-24-06d"),
    (("Order No. 0847-X", "Order 847-X"), "directive/us-or-847-x"),
])
def test_a_number_with_letters_in_its_series_is_one_order_however_written(labels, key):
    found = set()
    for i, label in enumerate(labels):
        order = Entity(f"directive/{i}-order", "Directive", label)
        result = resolve(extraction([OREGON, order], [], name=f"{i}.txt"))
        found |= {k for k in keys(result) if k.startswith(("directive/", "executiveorder/"))}
    assert found == {key}


@pytest.mark.parametrize("label", ["the COVID-19 order", "the I-25 order", "the H-2A rule"])
def test_a_name_with_one_number_and_letters_is_no_orders_number(label):
    order = Entity("directive/x-order", "Directive", label)
    assert "directive/x-order" in keys(resolve(extraction([OREGON, order], [])))


def test_a_statute_titled_with_its_state_is_one_node_across_documents_and_a_federal_act_is_not_the_states():
    def keyed(label: str, name: str) -> set[str]:
        act = Entity(f"legislation/{name}-act", "Legislation", label)
        return {k for k in keys(resolve(extraction([OREGON, act], [], name=name))) if k.startswith("legislation/")}

    assert keyed("Oklahoma Charter Schools Act", "a.txt") == keyed("the Oklahoma Charter Schools Act", "b.txt") == {
        "legislation/us-ok-charter-schools-act"}
    assert keyed("Clean Water Act", "c.txt") == {"legislation/c.txt-act"}


def test_an_unnumbered_order_by_one_issuer_on_one_day_is_one_node_unless_addressed_to_another():
    def letter(name: str, to: str | None):
        body = Entity("governmentbody/hud", "GovernmentBody", "Department of Housing and Urban Development")
        order = Entity(f"directive/{name}-letter", "Directive", "letter")
        facts = [("issued", body.key, order.key, {"date": "2019-04-02"})]
        entities = [body, order]
        if to:
            city = Entity(f"city/{to}", "City", to.title())
            entities.append(city)
            facts.append(("addressed_to", order.key, city.key))
        result = resolve(extraction(entities, facts, name=name))
        return {k for k in result.entities if k.startswith("directive/")}

    assert letter("a.txt", None) == letter("b.txt", None)
    assert letter("c.txt", "reno") != letter("d.txt", "boise")


@pytest.mark.parametrize("title, joined", [
    ("Order Granting Plaintiffs' Motions to Enjoin Section 4(b)", True),
    ("Order Granting in Part and Denying in Part Motion for Preliminary Injunction", True),
    ("Order Denying Motion for Preliminary Injunction", False),  # it grants nothing
    ("Opinion of the Court", False),  # an appeal's "preliminary injunction" is the lower court's
])
def test_the_injunction_a_ruling_grants_is_that_ruling(title, joined):
    court = Entity("court/x", "Court", "United States District Court for the District of Idaho")
    ruling = Entity("courtruling/own", "CourtRuling", title)
    injunction = Entity("courtruling/pi", "CourtRuling", "the preliminary injunction")
    city = Entity("city/boise", "City", "Boise")
    facts = [("issued", court.key, ruling.key, {"date": "2031-05-06"}), ("applies_to", injunction.key, city.key)]
    rulings = {k for k in keys(resolve(extraction([court, ruling, injunction, city], facts))) if "ruling/" in k}
    assert (len(rulings) == 1) is joined


def test_a_code_every_state_has_named_without_its_state_is_the_documents_states():
    texas = Entity("state/us-tx", "State", "Texas")
    codes = [Entity("order/election-code", "Legislation", "Election Code"),
             Entity("order/city-code", "Legislation", "City Code"),
             Entity("order/internal-revenue-code", "Legislation", "Internal Revenue Code")]
    facts = [("applies_to", code.key, texas.key) for code in codes]
    result = resolve(extraction([texas, *codes], facts))
    assert {"legislation/us-tx-election-code", "order/city-code", "order/internal-revenue-code"} <= keys(result)
    # the same code named with its state, as another document does, is the same node
    named = resolve(extraction([texas, Entity("order/x", "Legislation", "Texas Election Code")], []))
    assert "legislation/us-tx-election-code" in keys(named)
    # a document about no one state: whose code it is cannot be told
    assert "order/election-code" in keys(resolve(extraction(codes[:1], [])))


# -- curation ------------------------------------------------------------------------------------------------


def test_curated_same_distinct_and_rename_are_applied_after_the_rules():
    people = [person("person/robert-hale", "Robert T. Hale"), person("person/bob-hale", "Bob Hale"),
              person("person/dana-ruiz", "Dana Ruiz")]
    curation = Curation(
        same=[("person/dana-ruiz-ortega", "person/dana-ruiz")],
        distinct=[("person/robert-hale", "person/bob-hale")],
        rename={"person/robert-hale": "Robert Hale"},
    )
    result = resolve(extraction(people, [], date=None), curation=curation)
    assert keys(result) == {"person/robert-hale", "person/bob-hale", "person/dana-ruiz-ortega"}
    assert result.entities["person/robert-hale"].label == "Robert Hale"
    assert any(r.startswith("curated") for r in result.entities["person/dana-ruiz-ortega"].reasons)


def test_a_curation_file_round_trips_and_refuses_a_contradiction(tmp_path: Path):
    path = tmp_path / "curation.yaml"
    assert Curation.load(path) == Curation()
    Curation(same=[("person/a", "person/b")], rename={"person/a": "A"}, reject=["fact/0c1d"]).save(path)
    assert Curation.load(path).same == [("person/a", "person/b")]
    assert Curation.load(path).reject == ["https://w3id.org/policykg/id/fact/0c1d"]
    path.write_text("same: [[person/a, person/b]]\ndistinct: [[person/b, person/a]]\n")
    with pytest.raises(CurationError, match="both the same and distinct"):
        Curation.load(path)
    path.write_text("merge: []\n")
    with pytest.raises(CurationError, match="same, distinct, rename and reject"):
        Curation.load(path)


# -- outlets -----------------------------------------------------------------------------------------------


def test_a_storys_short_name_for_its_own_outlet_is_that_outlet_and_another_papers_is_not():
    courier = Entity("mediaorganization/courier", "MediaOrganization", "Courier", aliases={"the Courier"})
    times = Entity("mediaorganization/times", "MediaOrganization", "Times")
    clerk = person("person/dunphy", "Walter Dunphy")
    made = extraction([courier, times, clerk], [("said", clerk.key, courier.key), ("said", clerk.key, times.key)],
                      publisher="The Hillsdale Courier")
    result = resolve(made)
    assert "mediaorganization/hillsdale-courier" in keys(result) and "mediaorganization/times" in keys(result)
    assert result.entities["mediaorganization/hillsdale-courier"].label == "Hillsdale Courier"
    assert "mediaorganization/courier" not in keys(result)
    # a document another outlet published: the Courier is some Courier, as the text names it
    assert "mediaorganization/courier" in keys(resolve(replace(made, document=replace(
        made.document, publisher="Northern Illinois Herald"))))

"""The stages of extraction one at a time, on sentences written for these tests: the document frame, the mention
finders of each entity class, the parse helpers, and what the fact families' facts say together.

`tests/test_extract.py` checks the facts that come out at the end; here each stage's own record is checked, so that
a stage can change inside while keeping what it hands on. Every sentence is invented (fictional people and events;
real places only where the gazetteer is under test).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract import mentions_of
from kg.extract.combine import combined
from kg.extract.context import Context
from kg.extract.syntax import subject_of, verb_chain
from kg.facts import FEDERAL_GOVERNMENT, DocumentInfo, Evidence, Fact

pytestmark = pytest.mark.model

HASH = "fedcba9876543210"
Reader = Callable[..., Context]



@pytest.fixture(scope="module")
def read(nlp) -> Reader:
    """The mention table of a text after the frame and mention stages."""

    def run(text: str, **info: str) -> Context:
        return mentions_of(nlp(text), DocumentInfo("stage.txt", HASH, date="2024-05-10", **info))

    return run


def labels(ctx: Context, cls: str) -> set[str]:
    return {e.label for e in ctx.entities.values() if e.cls == cls}


# -- the frame ------------------------------------------------------------------------------------


def test_the_frame_reads_a_dateline_and_the_place_it_names(read: Reader) -> None:
    ctx = read("SPOKANE, Wash. — The water board met on Tuesday to weigh a new limit on lawn sprinklers.")
    assert ctx.frame.dateline is not None and ctx.frame.dateline.text.startswith("SPOKANE")
    assert ctx.entities[ctx.frame.dateline_place].label == "Spokane"
    assert ctx.entities[ctx.frame.dateline_place].cls == "City"


def test_the_frame_knows_a_courts_own_document(read: Reader) -> None:
    ctx = read("The Court finds that the permit was lawful.", publisher="Supreme Court of Nevada")
    assert ctx.frame.court is not None and ctx.entities[ctx.frame.court].cls == "Court"
    assert ctx.frame.speaker is None and ctx.frame.outlet is None


def test_the_frame_knows_a_bodys_press_release_and_an_outlets_story(read: Reader) -> None:
    release = read("The agency announced new grants today.", publisher="Idaho Department of Water", title="Statement")
    assert release.entities[release.frame.speaker].label == "Idaho Department of Water"
    story = read("The agency announced new grants today.", publisher="The Harbor Gazette")
    assert story.frame.outlet == "harbor gazette" and story.frame.speaker is None


def test_the_frame_reads_a_memorandum_header(read: Reader) -> None:
    ctx = read(
        "MEMORANDUM FOR: All State Water Agencies\n"
        "FROM: Priya Okonkwo-Lind, Commissioner\n"
        "SUBJECT: Drought reporting\n\n"
        "Each agency shall report its reservoir levels monthly."
    )
    assert ctx.entities[ctx.frame.memo].label == "Drought reporting"
    assert [ctx.entities[k].label for k in ctx.frame.memo_from] == ["Priya Okonkwo-Lind"]
    assert [ctx.entities[k].label for k in ctx.frame.memo_to] == ["State Water Agencies"]


@pytest.mark.parametrize(
    ("text", "info", "genre"),
    [
        ("OFFICE OF THE GOVERNOR\nEXECUTIVE ORDER 2031-04\nWHEREAS the river is low;", {}, "order"),
        ("IN THE CIRCUIT COURT OF MARLOW COUNTY\nORDER GRANTING INJUNCTION\nThe motion is granted.", {}, "court"),
        ("FOR IMMEDIATE RELEASE\nThe water board approved new grants today.", {}, "press release"),
        ("Dear Mayor Quill:\nWe write about the grant conditions.", {}, "letter"),
        ("MEMORANDUM\nTO: All county clerks\nFROM: Secretary Vance\nClerks shall report weekly.", {}, "memorandum"),
        ("HOST: Welcome back.\nQUILL: Thanks.\nHOST: The order?\nQUILL: We will comply.", {}, "transcript"),
        ("BRAXTON, Ore. — The county board voted on Tuesday to sue the state.", {}, "news"),
        ("The council was wrong to cut library hours.", {"title": "Editorial: Keep the library open"}, "editorial"),
        ("The council was wrong to cut the library's hours.", {"publisher": "The Braxton Courier"}, "news"),
        ("The council met on Monday.", {}, "other"),
    ],
)
def test_the_frame_reads_the_documents_genre(read: Reader, text: str, info: dict[str, str], genre: str) -> None:
    assert read(text, **info).frame.genre == genre


def test_the_frame_is_frozen(read: Reader) -> None:
    ctx = read("The council met on Monday.")
    with pytest.raises(AttributeError):
        ctx.frame.memo = "directive/x"  # type: ignore[misc]


# -- mentions, one entity class at a time ---------------------------------------------------------


def test_people_are_keyed_by_first_and_last_name_without_titles(read: Reader) -> None:
    ctx = read("Gov. Talia Brennock-Ames signed it. Later, Brennock-Ames said the drought was severe.")
    people = {k: e for k, e in ctx.entities.items() if e.cls == "Person"}
    assert list(people) == ["person/talia-brennock-ames"]
    assert people["person/talia-brennock-ames"].label == "Talia Brennock-Ames"


def test_places_come_from_the_gazetteer_and_definite_nouns_refer_back(read: Reader) -> None:
    ctx = read("Officials in Lancaster, Pa., met on Monday. The city will ration water in June.")
    city = next(k for k, e in ctx.entities.items() if e.cls == "City")
    assert ctx.entities[city].label == "Lancaster"
    the_city = next(t for t in ctx.doc if t.lower_ == "city")
    assert ctx.key_of(the_city) == city


def test_the_state_hint_is_the_state_named_last_and_a_state_mark_a_body_took_over_is_none(read: Reader) -> None:
    from kg.extract.mentions.places import state_hint

    ctx = read("Officials in Ohio met on Monday. Officials in Iowa met on Tuesday. Nobody else met.")
    assert state_hint(ctx) == "state/us-ia"
    # the story's state stands when a rule made the tokens of the state named last part of a body's name
    iowa = ctx.state_marks[-1]
    ctx.token_keys[iowa] = ctx.add("GovernmentBody", "Iowa Board of Regents")
    assert state_hint(ctx) == "state/us-oh"
    # a text that names no state has no hint but its dateline's (none here)
    assert state_hint(read("Officials met on Monday. Nobody else met.")) is None


def test_bodies_by_any_of_their_names_are_one(read: Reader) -> None:
    ctx = read(
        "The Department of Homeland Security issued guidance. A DHS spokesman said the Homeland Security "
        "Department would review it."
    )
    bodies = {e.label for e in ctx.entities.values() if e.cls == "GovernmentBody"}
    assert bodies == {"Department of Homeland Security"}


def test_federal_words_name_the_federal_government(read: Reader) -> None:
    ctx = read("The federal government withheld the money.")
    assert FEDERAL_GOVERNMENT in ctx.entities


def test_orders_named_by_number_and_referred_back_to(read: Reader) -> None:
    ctx = read("Senate Bill 112 passed on Monday. Critics of SB 112 said the bill went too far.")
    bills = [k for k, e in ctx.entities.items() if e.cls == "Legislation"]
    assert len(bills) == 1
    the_bill = next(t for t in ctx.doc if t.lower_ == "bill" and t.i > 6)
    assert ctx.key_of(the_bill) == bills[0]


def test_an_executive_order_number_is_a_key_across_documents(read: Reader) -> None:
    ctx = read("Executive Order 14299 took effect on Friday. The order covers all wells.")
    assert "order/executive-order-14299" in ctx.entities
    the_order = next(t for t in ctx.doc if t.lower_ == "order" and t.i > 4)
    assert ctx.key_of(the_order) == "order/executive-order-14299"


@pytest.mark.parametrize(
    ("text", "body", "cls"),
    [
        ("The Marlow County School District lost its state aid after the audit.", "Marlow County School District",
         "GovernmentBody"),
        ("The Fort Wayne Water Utility replaced the lead lines.", "Fort Wayne Water Utility", "GovernmentBody"),
        ("Dayton Public Schools will close on Friday.", "Dayton Public Schools", "GovernmentBody"),
        ("The Ohio State Department of Health ordered the closure.", "Ohio State Department of Health",
         "GovernmentBody"),
        ("The Iowa Association of County Engineers opposed the rule.", "Iowa Association of County Engineers",
         "Organization"),
        ("The Brazos County Water Control and Improvement District No. 2 imposed limits.",
         "Brazos County Water Control and Improvement District No. 2", "GovernmentBody"),
    ],
)
def test_a_body_named_after_a_place_is_the_body_not_the_place(read: Reader, text: str, body: str, cls: str) -> None:
    assert body in labels(read(text), cls)


def test_a_district_judge_after_a_country_is_no_district(read: Reader) -> None:
    ctx = read("U.S. District Judge Lena Park enjoined the rule.")
    assert not [e for e in ctx.entities.values() if e.label.startswith("U.S. District")]


# -- the parse helpers ----------------------------------------------------------------------------


def test_a_verb_inherits_its_subject_through_a_to_clause(nlp) -> None:
    doc = nlp("The mayor vowed to challenge the rule.")
    challenge = next(t for t in doc if t.lemma_ == "challenge")
    assert subject_of(challenge).text == "mayor"
    assert [t.lemma_ for t in verb_chain(challenge)] == ["challenge", "vow"]


# -- what the facts say together ------------------------------------------------------------------


def test_an_order_addressed_to_an_office_holder_applies_to_the_office(read: Reader) -> None:
    ctx = read("Mayor Dana Oyelaran of Boise received the order.")
    mayor = next(k for k, e in ctx.entities.items() if e.cls == "Person")
    city = next(k for k, e in ctx.entities.items() if e.cls == "City")
    order = ctx.add("Directive", "water order", ctx.local_key("Directive", "water order"))
    evidence = Evidence("stage.txt", "...", 0, 3)
    facts = combined(ctx, [Fact("holds_office", mayor, city, evidence), Fact("addressed_to", order, mayor, evidence)])
    assert ("applies_to", order, city, "implied") in {(f.type, f.subject, f.object, f.source) for f in facts}

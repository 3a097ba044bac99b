"""Authority tables (data/authority/) and their lookups: people, offices, bodies, courts, executive orders."""

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from kg import authority
from kg.authority import Authority, default_folder
from kg.authority.build_orders import build as build_orders
from kg.authority.build_orders import parse_order, settle_dates
from kg.authority.build_people import convert
from kg.errors import AuthorityError

SESSIONS, CLINTON, TRUMP = "hand:jeff-sessions", "govtrack:412374", "Q22686"


@pytest.fixture(scope="module")
def bundled() -> Authority:
    return authority.bundled()


# --- the tables ---------------------------------------------------------------------------------------------


def test_every_row_of_every_table_has_a_source() -> None:
    for path in sorted(default_folder().rglob("*.yaml")):
        records = yaml.safe_load(path.read_text(encoding="utf-8"))["records"]
        assert records, path
        assert all(str(r.get("source") or "").strip() for r in records), path


def test_tables_hold_what_the_readme_promises(bundled: Authority) -> None:
    tables = bundled.tables
    offices = Counter(t.office for p in tables.people for t in p.terms)
    assert {"president", "vice president", "senator", "representative", "attorney general"} <= set(offices)
    assert "secretary of homeland security" in offices
    assert len(tables.orders) == 991 and len(tables.courts) == 110
    levels = Counter(c.level for c in tables.courts)
    assert (levels["supreme"], levels["appeals"], levels["district"] + levels["territorial"]) == (1, 13, 94)


def test_no_name_acronym_or_abbreviation_is_claimed_by_two_records(bundled: Authority) -> None:
    assert bundled.ambiguous_keys() == {
        "body names": {},
        "body acronyms": {},
        "court names": {},
        "court abbreviations": {},
    }


def test_two_different_people_never_share_a_record(bundled: Authority) -> None:
    people = bundled.tables.people
    assert len({p.id for p in people}) == len(people)
    qids = [p.qid for p in people if p.qid]
    assert len(set(qids)) == len(qids)
    # Namesakes stay apart: two Bushes, two Sessionses, two Adamses, two Clintons.
    pairs = [
        (("George W. Bush", None), ("George H. W. Bush", None)),
        (("Pete Sessions", None), ("Jeff Sessions", None)),
        (("John Quincy Adams", None), ("John Adams", "1798-01-01")),
        (("Clinton", "1806-01-01"), ("Bill Clinton", None)),
    ]
    for (a, a_day), (b, b_day) in pairs:
        first, second = bundled.person_by_name(a, a_day), bundled.person_by_name(b, b_day)
        assert first is not None and second is not None and first.id != second.id, (a, b)


def test_every_executive_order_names_a_president_in_the_people_tables(bundled: Authority) -> None:
    for order in bundled.tables.orders:
        president = bundled.person(order.president)
        assert president is not None
        assert any(t.office == "president" and t.covers(order.signed) for t in president.terms), order.number


def test_a_users_folder_adds_a_term_to_a_bundled_person(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "kind: people\nrecords:\n"
        "- id: hand:jeff-sessions\n  name: {first: Jefferson, last: Sessions}\n"
        "  terms: [{office: governor, jurisdiction: AL, start: 2030-01-01, end: 2031-01-01}]\n"
        "  source: invented for a test\n",
        encoding="utf-8",
    )
    mine = Authority.load(default_folder(), tmp_path)
    assert mine.office_holder("governor", "Alabama", "2030-06-01").id == SESSIONS
    assert mine.office_holder("attorney general", "US", "2017-06-01").id == SESSIONS


def test_a_row_without_a_source_is_refused_with_its_file_and_id(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "kind: bodies\nrecords:\n- {id: x-board, name: Board of Invented Things}\n", encoding="utf-8"
    )
    with pytest.raises(AuthorityError, match=r"bad\.yaml: record x-board: every record needs a `source`"):
        Authority.load(tmp_path)


# --- people -------------------------------------------------------------------------------------------------


def test_jeff_sessions_in_full_short_and_titled_forms_is_one_record(bundled: Authority) -> None:
    forms = ["Jeff Sessions", "Jefferson Beauregard Sessions III", "Attorney General Jeff Sessions",
             "Attorney General Sessions", "Jefferson B. Sessions"]  # fmt: skip
    assert {bundled.person_by_name(f).id for f in forms} == {SESSIONS}


def test_bill_clinton_and_william_j_clinton_are_the_same_president(bundled: Authority) -> None:
    found = {bundled.person_by_name(n).id for n in ["Bill Clinton", "William J. Clinton", "President Clinton"]}
    assert found == {CLINTON}
    assert bundled.person(CLINTON).label == "William Jefferson Clinton"


def test_a_bare_surname_shared_by_two_people_is_no_one_unless_a_date_or_title_decides(bundled: Authority) -> None:
    assert bundled.person_by_name("Clinton") is None  # Bill, and George the vice president of 1805
    assert bundled.person_by_name("Clinton", "1995-06-01").id == CLINTON
    assert bundled.person_by_name("George Bush") is None
    assert bundled.person_by_name("George Bush", dt.date(1990, 5, 1)).name.middle == "Herbert Walker"
    assert bundled.person_by_name("Sessions") is None
    assert bundled.person_by_name("Attorney General Sessions").id == SESSIONS


def test_a_nickname_reaches_only_the_formal_name_it_abbreviates(bundled: Authority) -> None:
    assert bundled.person_by_name("Bill Barr").id == "hand:william-barr"
    assert bundled.person_by_name("Robert Barr") is None  # the table pairs Bob and Bill with Robert
    assert bundled.person_by_name("Chuck Schumer") == bundled.person_by_name("Charles E. Schumer")


def test_trump_short_titled_and_possessive_forms_carry_the_qid(bundled: Authority) -> None:
    for name in ["President Trump", "Donald J. Trump", "Donald Trump's", "then-President Trump"]:
        assert bundled.person_by_name(name).qid == TRUMP, name
    assert bundled.person_by_name("Trump", "2017-01-25").qid == TRUMP


def test_a_bare_surname_needs_a_title_or_a_date_in_office(bundled: Authority) -> None:
    # "Hill" in a text is rarely the one Hill in Congress: a unique surname alone names no one.
    assert [p.label for p in bundled.people_named("Hill")] == ["J. French Hill"]
    assert bundled.person_by_name("Hill") is None and bundled.person_by_name("Trump") is None
    assert bundled.person_by_name("Hill", "2005-01-01") is None  # not in office then
    assert bundled.person_by_name("Representative Hill").label == "J. French Hill"
    assert bundled.person_by_name("former Attorney General Sessions", "2020-01-01").id == SESSIONS
    assert bundled.person_by_name("Kelly", "2017-03-01") is None  # the secretary and two representatives
    assert bundled.person_by_name("Secretary Kelly", "2017-03-01").id == "hand:john-kelly"


def test_unknown_people_are_none(bundled: Authority) -> None:
    assert bundled.person_by_name("Wilhelmina Quarterpast") is None
    assert bundled.person_by_name("President") is None
    assert bundled.person_by_name("") is None


# --- offices ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("office", "where", "day", "holder"),
    [
        ("President", "US", "2017-01-25", TRUMP),
        ("president of the United States", "United States", "2017-01-20", TRUMP),  # handover day: the successor
        ("President", "U.S.", "2017-01-19", "Q76"),
        ("president", "US", "1998-07-01", CLINTON),
        ("U.S. Attorney General", "US", "2017-06-01", SESSIONS),
        ("attorney general", "US", "2017-01-25", "hand:sally-yates"),
        ("Homeland Security Secretary", "US", "2017-03-01", "hand:john-kelly"),
    ],
)
def test_office_holder_on_a_date(bundled: Authority, office: str, where: str, day: str, holder: str) -> None:
    assert bundled.office_holder(office, where, day).id == holder


def test_an_office_with_two_holders_has_no_single_holder(bundled: Authority) -> None:
    senators = bundled.office_holders("senator", "Illinois", "2025-03-01")
    assert len(senators) == 2
    assert bundled.office_holder("senator", "IL", "2025-03-01") is None
    assert bundled.office_holder("president", "US", "1700-01-01") is None
    assert bundled.office_holder("president", "Atlantis", "2017-01-25") is None


# --- bodies -------------------------------------------------------------------------------------------------


def test_justice_department_names_and_acronyms_are_one_body(bundled: Authority) -> None:
    names = ["Justice Department", "DOJ", "U.S. Department of Justice", "Department of Justice",
             "the United States Department of Justice", "D.O.J.", "Justice Department's"]  # fmt: skip
    assert {bundled.body_by_name(n).id for n in names} == {"us-doj"}


def test_a_misspelt_body_is_found_when_only_one_name_is_that_close(bundled: Authority) -> None:
    assert bundled.body_by_name("Departmnet of Justice").id == "us-doj"
    assert bundled.body_by_name("Immigration and Customs Enforcment").id == "us-ice"
    assert bundled.body_by_name("Departmnet of Justice", fuzzy=False) is None


def test_sub_bodies_are_distinct_from_their_parents(bundled: Authority) -> None:
    bja = bundled.body_by_name("BJA")
    assert bja.name == "Bureau of Justice Assistance"
    assert [b.id for b in bundled.parents(bja)] == ["us-ojp", "us-doj"]
    ice = bundled.body_by_name("Immigration and Customs Enforcement")
    assert ice == bundled.body_by_name("ICE") and ice.id != bundled.body_by_name("DHS").id
    assert [b.id for b in bundled.parents(ice)] == ["us-dhs"]


def test_unknown_bodies_and_lower_case_words_are_none(bundled: Authority) -> None:
    assert bundled.body_by_name("Department of Magic") is None
    assert bundled.body_by_name("Sanctuary Cities Task Force") is None
    assert bundled.body_by_name("ice") is None  # a word, not the acronym
    assert bundled.body_by_name("Department of Energy").id != bundled.body_by_name("Department of Education").id


# --- courts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "court"),
    [
        ("N.D. Ill.", "United States District Court for the Northern District of Illinois"),
        ("Northern District of Illinois", "United States District Court for the Northern District of Illinois"),
        ("E.D. Pa.", "United States District Court for the Eastern District of Pennsylvania"),
        ("SDNY", "United States District Court for the Southern District of New York"),
        ("D.D.C.", "United States District Court for the District of Columbia"),
        ("7th Cir.", "United States Court of Appeals for the Seventh Circuit"),
        ("Ninth Circuit Court of Appeals", "United States Court of Appeals for the Ninth Circuit"),
        ("U.S. Supreme Court", "Supreme Court of the United States"),
    ],
)
def test_court_by_name_and_abbreviation(bundled: Authority, name: str, court: str) -> None:
    assert bundled.court_by_name(name).name == court


def test_a_near_miss_never_changes_a_courts_direction_or_circuit(bundled: Authority) -> None:
    assert bundled.court_by_name("Northern Distrct of Illinois").id == "us-dist-ilnd"
    assert bundled.court_by_name("Eastern District of Illinois") is None  # no such court; Southern is close
    assert bundled.court_by_name("Twelfth Circuit") is None
    assert bundled.court_by_name("District of Columbia") is None  # the place, not its court


def test_a_court_named_without_its_district_is_no_near_miss_of_one(bundled: Authority) -> None:
    # a caption's "UNITED STATES DISTRICT COURT" over the district's own line: any of 94 courts
    assert bundled.court_by_name("UNITED STATES DISTRICT COURT") is None
    assert bundled.court_by_name("U.S. District Court") is None
    assert bundled.court_by_name("D.C. Distict Court").id == "us-dist-dcd"


# --- executive orders ---------------------------------------------------------------------------------------


def test_two_orders_of_one_day_have_different_titles(bundled: Authority) -> None:
    same_day = bundled.executive_orders_on("2017-01-25")
    assert [o.number for o in same_day] == [13767, 13768]
    assert same_day[0].title == "Border Security and Immigration Enforcement Improvements"
    assert same_day[1].title == "Enhancing Public Safety in the Interior of the United States"
    assert {o.president for o in same_day} == {TRUMP}


def test_executive_order_by_number_in_any_style(bundled: Authority) -> None:
    assert bundled.executive_order(13768) == bundled.executive_order("EO 13768")
    assert bundled.executive_order("Executive Order 13,768").signed == dt.date(2017, 1, 25)
    assert bundled.executive_order(13768).citation == "82 FR 8799"
    assert bundled.executive_order(99999) is None and bundled.executive_order("EO") is None


def test_orders_whose_texts_disagree_with_themselves_keep_a_note(bundled: Authority) -> None:
    raw = yaml.safe_load((default_folder() / "executive_orders.yaml").read_text(encoding="utf-8"))["records"]
    notes = {r["number"]: r["note"] for r in raw if r.get("note")}
    assert notes[13523] == "the heading misprints the number as 15323"
    assert bundled.executive_order(13299).signed == dt.date(2003, 5, 8)  # signature; heading says May 12
    assert bundled.executive_order(13526).signed == dt.date(2009, 12, 29)  # heading; signature says 2010


def test_order_parser_reads_an_invented_federal_register_text() -> None:
    text = (
        "<html><body><pre>[Federal Register Volume 99, Number 1 (Monday, January 4, 2100)]\n\x00\n"
        "[Pages 101-103]\n\n                Executive Order 19999 of Janaury 2, 2100\n\n                \n"
        "Protecting Invented Things From \n                Imaginary Harm\n"
        "                By the authority vested in me as President, it is hereby ordered:\n"
        "                THE WHITE HOUSE,\n\n                    January 2, 2100.\n</pre></body></html>"
    )
    order = parse_order(text.encode())
    assert order["number"] == 19999
    assert order["title"] == "Protecting Invented Things From Imaginary Harm"
    assert order["signature"] == dt.date(2100, 1, 2) and order["headed"] is None  # the misspelt month
    assert order["citation"] == "99 FR 101" and order["published"] == dt.date(2100, 1, 4)


def test_a_date_disagreement_is_settled_by_the_neighbouring_orders() -> None:
    day = dt.date
    orders = [
        {"headed": day(2100, 3, 1), "signature": day(2100, 3, 1)},
        {"headed": day(2100, 3, 2), "signature": day(2101, 3, 2)},  # a signature a year off
        {"headed": day(2100, 3, 9), "signature": day(2100, 3, 5)},  # a heading with the date
        {"headed": day(2100, 3, 6), "signature": day(2100, 3, 6)},
    ]
    settle_dates(orders)
    assert [o["signed"] for o in orders] == [day(2100, 3, 1), day(2100, 3, 2), day(2100, 3, 5), day(2100, 3, 6)]
    assert orders[1]["note"] == "the signature dates it 2101-03-02"
    assert orders[2]["note"] == "the heading dates it 2100-03-09"


def test_build_orders_writes_a_loadable_table_naming_the_president(tmp_path: Path) -> None:
    src = tmp_path / "eo"
    src.mkdir()
    (src / "EO_13768.html").write_bytes(
        b"<pre>[Federal Register Volume 82, Number 18 (Monday, January 30, 2017)]\n[Pages 8799-8803]\n\x00\n"
        b"                Executive Order 13768 of January 25, 2017\n\nAn Invented Title\n\n"
        b"                By the authority vested in me\n"
        b"                THE WHITE HOUSE,\n    January 25, 2017.\n</pre>"
    )
    out = tmp_path / "authority" / "orders.yaml"
    out.parent.mkdir()
    rows = build_orders(src, default_folder() / "people", out)
    assert rows[0]["president"] == TRUMP and rows[0]["source"].startswith("EO_13768.html of the Federal Register")
    order = Authority.load(out.parent).executive_order(13768)
    assert (order.title, order.signed, order.citation) == ("An Invented Title", dt.date(2017, 1, 25), "82 FR 8799")


def test_build_people_converts_an_upstream_record() -> None:
    upstream = {
        "id": {"govtrack": 1, "wikidata": "Q0", "bioguide": "X000001", "fec": ["ignored"]},
        "name": {"first": "Ada", "middle": "B.", "last": "Invented", "nickname": "Addie"},
        "terms": [{"type": "sen", "start": "2001-01-03", "end": "2007-01-03", "state": "WA", "party": "Whig"}],
    }
    (record,) = convert([upstream], file="legislators-current.yaml")
    assert record["id"] == "Q0" and record["qid"] == "Q0" and record["ids"] == {"bioguide": "X000001", "govtrack": "1"}
    assert record["terms"] == [
        {"office": "senator", "jurisdiction": "WA", "start": "2001-01-03", "end": "2007-01-03", "party": "Whig"}
    ]
    assert record["source"].startswith("legislators-current.yaml of unitedstates/congress-legislators")


def test_module_functions_ask_the_bundled_tables() -> None:
    assert authority.person_by_name("William J. Clinton").id == CLINTON
    assert authority.office_holder("President", "US", "2017-01-25").qid == TRUMP
    assert authority.body_by_name("Justice Department").id == "us-doj"
    assert authority.court_by_name("N.D. Ill.").state == "IL"
    assert [o.number for o in authority.executive_orders_on(dt.date(2017, 1, 25))] == [13767, 13768]
    assert authority.executive_order(13767).title.startswith("Border Security")

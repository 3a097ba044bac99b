"""Surface patterns as data (`kg.patterns`) and a user's own (``--patterns DIR``): order numbers in any style and
sums of money tagged whole, each pattern family on sentences written for these tests; the checks that name a bad
file's line; and the example folder of docs/patterns.md, which adds a domain's patterns and trigger words.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.lexicon
from kg.errors import PatternError
from kg.extract import extraction_of, propose_facts
from kg.facts import DocumentInfo
from kg.patterns import read_folder, shipped

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "water-patterns"


def test_the_shipped_patterns_read_and_name_their_order_classes() -> None:
    patterns = shipped()
    labels = {p["label"] for p in patterns}
    assert {"LAW", "MONEY", "ORG"} <= labels
    assert {p["id"] for p in patterns if "id" in p} <= {
        "ExecutiveOrder",
        "Legislation",
        "Order",
        "Directive",
        "CourtRuling",
    }


# -- the checks a user's folder goes through ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", "not JSON"),
        ('{"label": "LAW"}', 'with "label" and "pattern"'),
        ('{"label": "STATUTE", "pattern": "Water Code"}', "label 'STATUTE' is not one kg reads"),
        ('{"label": "LAW", "pattern": "Water Code", "id": "Statute"}', "is an order class"),
        ('{"label": "LAW", "pattern": [{"LOWERCASE": "code"}]}', "not a spaCy Matcher pattern"),
        ('{"label": "LAW", "pattern": "Water Code", "note": "x"}', "unknown field(s) note"),
    ],
)
def test_a_bad_pattern_is_named_by_file_and_line(tmp_path: Path, line: str, says: str) -> None:
    (tmp_path / "mine.jsonl").write_text('{"label": "ORG", "pattern": "Lake Board"}\n' + line + "\n")
    with pytest.raises(PatternError, match=r"mine\.jsonl:2: ") as error:
        read_folder(tmp_path)
    assert says in str(error.value)


@pytest.mark.parametrize(
    ("triggers", "says"),
    [
        ('{"orders.SHOUT_VERBS": ["yell"]}', "no trigger list 'orders.SHOUT_VERBS'; extendable: orders.ISSUE_VERBS"),
        ('{"orders.ISSUE_VERBS": {"promulgate": "issued"}}', "takes a list of words"),
        ('{"funding.FUNDING_VERBS": {"claw": "taken"}}', "the value is one of provided"),
        ('["promulgate"]', "triggers are an object"),
    ],
)
def test_bad_trigger_words_say_what_to_write(tmp_path: Path, triggers: str, says: str) -> None:
    (tmp_path / "triggers.json").write_text(triggers)
    with pytest.raises(PatternError, match="triggers.json: ") as error:
        read_folder(tmp_path)
    assert says in str(error.value)


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match="no \\*.jsonl pattern file"):
        read_folder(tmp_path)
    with pytest.raises(PatternError, match="no such folder"):
        read_folder(tmp_path / "missing")


def test_the_example_folder_reads() -> None:
    patterns = read_folder(EXAMPLE)
    assert len(patterns.ruler) == 3
    assert patterns.triggers["orders.ISSUE_VERBS"] == ["promulgate"]


# -- the shipped patterns on invented sentences ---------------------------------------------------



def orders_in(nlp, text: str, date: str = "2025-03-14") -> set[tuple[str, str]]:
    """(class, label) of the orders the rules find in `text`."""
    ctx, _ = propose_facts(nlp(text), DocumentInfo("p.txt", "00112233445566778899", date=date))
    return {(e.cls, e.label) for e in ctx.entities.values() if e.cls in kg.patterns.ORDER_CLASSES}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Gov. Lena Marsh signed EO 2025-014 on Tuesday.", ("ExecutiveOrder", "Executive Order 2025-014")),
        (
            "Gov. Lena Marsh signed Executive Order D 2025-014 on Tuesday.",
            ("ExecutiveOrder", "Executive Order D 2025-014"),
        ),
        ("The commissioner issued Order No. 7 to the county.", ("Directive", "Order No. 7")),
        ("The House passed H.B. 1234 on Monday.", ("Legislation", "H.B. 1234")),
        ("Lawmakers approved SB 22-180 last week.", ("Legislation", "SB 22-180")),
        ("The unicameral sent LB412 to the governor.", ("Legislation", "LB412")),
        ("The president issued Proclamation 9645 on Friday.", ("ExecutiveOrder", "Proclamation 9645")),
        ("The health officer issued Public Health Order 20-38 on Monday.", ("Directive", "Public Health Order 20-38")),
        ("The council adopted Resolution 2019-114 on Monday.", ("LocalPolicy", "Resolution 2019-114")),
        ("The board passed Ordinance No. 18-0412 on Thursday.", ("LocalPolicy", "Ordinance No. 18-0412")),
        ("The council adopted Ordinance 0921-X in May.", ("LocalPolicy", "Ordinance 0921-X")),
        ("The board passed Resolution 25-3B on Monday.", ("LocalPolicy", "Resolution 25-3B")),
        ("The district issued Drought Declaration 2024-3 in May.", ("Order", "Drought Declaration 2024-3")),
        ("Mayor Ida Renn signed Executive Order No. 4-22 today.", ("ExecutiveOrder", "Executive Order No. 4-22")),
        ("The water board adopted Order WQ 2023-0117-DWQ on Friday.", ("Directive", "Order WQ 2023-0117-DWQ")),
        (
            "The agency issued Administrative Order AO-WRD-2022-031 to the town.",
            ("Directive", "Administrative Order AO-WRD-2022-031"),
        ),
        ("Transit agencies follow Circular 5010.1E on grants.", ("Directive", "Circular 5010.1E")),
        # an order's own heading, in capitals
        (
            "HARLOW COUNTY BOARD OF HEALTH\n\nORDER NO. 2019-04\n\nThe board orders as follows.",
            ("Directive", "ORDER NO. 2019-04"),
        ),
        (
            "DIRECTIVE NO. SOE 2016-02\n\nEach county clerk shall count the ballots.",
            ("Directive", "DIRECTIVE NO. SOE 2016-02"),
        ),
        (
            "EXECUTIVE ORDER NO. KBE 11-07\n\nI, Governor Ann Kell, order as follows.",
            ("ExecutiveOrder", "EXECUTIVE ORDER NO. KBE 11-07"),
        ),
        (
            "The district followed the Order of the Health Officer No. 2024-11 on Monday.",
            ("Directive", "Order of the Health Officer No. 2024-11"),
        ),
        # a letter after the serial, letters for a number: a state's executive orders, never a president's
        ("Gov. Ted Orme signed Executive Order 2023-14B on Friday.", ("ExecutiveOrder", "Executive Order 2023-14B")),
        ("Gov. Ted Orme signed Executive Order No. KD-9 last week.", ("ExecutiveOrder", "Executive Order No. KD-9")),
        # what an executive declares, and an agency's notices, unnumbered
        ("Mayor Ida Renn declared a state of emergency in Salem.", ("ExecutiveOrder", "state of emergency")),
        ("The board backed the Declaration of Local Emergency.", ("ExecutiveOrder", "Declaration of Local Emergency")),
        ("The state sent a Notice of Violation to the dairy.", ("Directive", "Notice of Violation")),
        # other numbered instruments an agency issues: plain orders, whose class the text rarely settles
        (
            "The auditor released Special Examination Report No. 25-04 on Friday.",
            ("Order", "Special Examination Report No. 25-04"),
        ),
        (
            "The city signed Subrecipient Agreement No. ERA-21-0347 with the county.",
            ("Order", "Subrecipient Agreement No. ERA-21-0347"),
        ),
        ("The agency posted Notice No. NE-214 to growers.", ("Order", "Notice No. NE-214")),
        ("The state issued Violation Notice L-2024-0041 to the plant.", ("Order", "Violation Notice L-2024-0041")),
        ("The inspector general published Audit Report 2016-FW-1004.", ("Order", "Audit Report 2016-FW-1004")),
    ],
)
def test_order_numbers_in_any_style_are_orders(nlp, text: str, order: tuple[str, str]) -> None:
    assert order in orders_in(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The auditor's report found no problems in June.",
        "The county may close the canal to growers without notice.",
        "The Annual Report 2023 was late.",
    ],
)
def test_an_unnumbered_report_or_a_notice_as_a_manner_is_no_order(nlp, text: str) -> None:
    # a particular notice is an order by its noun ("mailed a notice to 4,000 growers", kg.lexicon.orders), not by
    # a pattern; notice as a manner ("without notice") is none
    assert orders_in(nlp, text) == set()


@pytest.mark.model
def test_a_lettered_state_order_is_keyed_in_its_document(nlp) -> None:
    text = "Gov. Ted Orme signed Executive Order 2023-14B on Friday."
    ctx, _ = propose_facts(nlp(text), DocumentInfo("p.txt", "00112233", date="2023-05-05"))
    orders = [k for k, e in ctx.entities.items() if e.cls == "ExecutiveOrder"]
    assert orders == ["executiveorder/00112233-executive-order-2023-14b"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sum_"),
    [
        ("Marston County will lose $48 million in state water grants.", "$48 million"),
        ("The town received $3.2M from the fund.", "$3.2M"),
        ("The county was awarded $412,000 for culverts.", "$412,000"),
        ("The agency set aside 1.5 billion dollars for schools.", "1.5 billion dollars"),
        ("The grant of USD 2 million went to the port.", "USD 2 million"),
    ],
)
def test_sums_are_tagged_whole(nlp, text: str, sum_: str) -> None:
    assert sum_ in [e.text for e in nlp(text).ents if e.label_ == "MONEY"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "funding"),
    [
        (
            "Under the order, the Justice Department will withhold $48 million in state water grants from Pueblo "
            "County.",
            ("Department of Justice", "Pueblo County", "threatened", "$48 million", "state water grants"),
        ),
        (
            "Colorado awarded Pueblo County $3.2M in water grants on Monday.",
            ("Colorado", "Pueblo County", "provided", "$3.2M", "water grants"),
        ),
    ],
)
def test_a_sum_and_the_money_it_is_in_are_funding(nlp, text: str, funding: tuple[str, ...]) -> None:
    ctx, facts = propose_facts(nlp(text), DocumentInfo("p.txt", "00112233445566778899", date="2025-03-14"))
    extraction = extraction_of(ctx, facts)
    label = {k: e.label for k, e in extraction.entities.items()}
    funds = [
        (label[f.subject], label[f.object], f.status, f.amount, f.instrument)
        for f in extraction.facts
        if f.type == "funds"
    ]
    assert funds == [funding]


# -- a user's folder: the example of docs/patterns.md ---------------------------------------------


@pytest.fixture(scope="module")
def lexicon_restored() -> Iterator[None]:
    """The extendable trigger lists as they were before the test added a domain's words (they are the process's)."""
    saved = {name: copy.deepcopy(_target(name)) for name in kg.lexicon.EXTENDABLE}
    yield
    for name, words in saved.items():
        target = _target(name)
        target.clear()
        target.update(words)


def _target(name: str) -> set[str] | dict[str, str]:
    family, _, constant = name.partition(".")
    return getattr(importlib.import_module(f"kg.lexicon.{family}"), constant)


@pytest.fixture(scope="module")
def user_nlp(nlp, lexicon_restored):
    from kg.parsing import load_nlp

    return load_nlp(patterns=EXAMPLE)


@pytest.mark.model
def test_a_users_patterns_tag_their_domains_names(user_nlp) -> None:
    doc = user_nlp("The Tri-Valley Water Authority adopted Water Shortage Plan 3 after Curtailment Order WR-77.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Tri-Valley Water Authority", "ORG", "") in ents
    assert ("Water Shortage Plan 3", "LAW", "LocalPolicy") in ents
    assert ("Curtailment Order WR-77", "LAW", "Directive") in ents


@pytest.mark.model
def test_a_users_trigger_words_make_facts(user_nlp) -> None:
    text = "Governor Maya Ostrander promulgated a curtailment on Monday."
    ctx, facts = propose_facts(user_nlp(text), DocumentInfo("p.txt", "00112233445566778899", date="2025-03-14"))
    got = {(f.type, ctx.entities[f.subject].label, ctx.entities[f.object].label) for f in facts}
    assert ("issued", "Maya Ostrander", "curtailment") in got


def test_the_docs_list_every_extendable_trigger_list() -> None:
    docs = (EXAMPLE.parent.parent / "patterns.md").read_text(encoding="utf-8")
    assert [name for name in kg.lexicon.EXTENDABLE if f"`{name}`" not in docs] == []

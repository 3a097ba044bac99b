"""The explorer's pictures on the store of tests/serve_fixture.py: an entity's neighbourhood (its direct neighbours
by fact, each a link to its page) and an order's timeline (one mark per dated event, of the right kind).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from serve_fixture import MARSH, threatened

from kg.analysis.layout import event_colour
from kg.serve import app, explore, pictures
from kg.store import EmbeddedStore

with warnings.catch_warnings():  # Starlette 1.x warns that it would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
COLORADO = "https://w3id.org/policykg/id/state/us-co"


@pytest.fixture(scope="module")
def store(serve_store: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(serve_store, create=False, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def threatening_order(store: EmbeddedStore) -> str:
    """The order that puts Denver's grant money at risk; Denver sued over it on 2019-04-10."""
    return str(threatened(store)["order"])


def test_neighbourhood_has_each_neighbour_once_per_side_with_its_facts(store: EmbeddedStore) -> None:
    found = pictures.neighbourhood(MARSH, "Helen Marsh", "actor", explore.entity_facts(store, MARSH).records)
    assert found is not None and found.left == ()  # nothing in the documents acts on Marsh ...
    right = {row.title: row for row in found.right}  # ... she holds an office in Colorado and issued the order
    assert set(right) == {"Colorado", "Executive Order 7-19"}
    # one holds_office fact for each document that names her governor of Colorado
    assert right["Colorado"].iri == COLORADO and right["Colorado"].facts[0][0] == "holds_office"
    assert right["Colorado"].facts[0][1] >= 1
    assert [kind for kind, _ in found.fact_types] == ["holds_office", "issued"]
    boxes = [row.label_box for row in found.neighbours] + [found.centre]
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))


def test_neighbourhood_keeps_the_neighbours_with_most_facts_and_counts_the_rest() -> None:
    def record(number: int, facts: int) -> list[dict]:
        other = {"iri": f"n{number}", "label": f"Neighbour {number}", "class": "City"}
        me = {"iri": "me", "label": "Me", "class": "Directive"}
        return [{"fact": "opposes", "subject": other, "object": me}] * facts

    records = [line for number in range(15) for line in record(number, 1 + number % 3)]
    found = pictures.neighbourhood("me", "Me", "order", records, most=5)
    assert found is not None and found.right == () and found.more_left == 10
    assert all(row.facts == (("opposes", 3, row.facts[0][2]),) for row in found.left)
    ys = [row.y for row in found.left]
    assert ys == sorted(ys) and min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= pictures.LINE
    assert pictures.neighbourhood("me", "Me", "order", []) is None


def test_order_timeline_has_one_mark_per_dated_event_of_its_kind(store: EmbeddedStore, threatening_order: str) -> None:
    timeline = pictures.order_timeline(explore.order(store, threatening_order))
    assert timeline is not None
    # the three documents' "Executive Order 7-19" are one order (resolution): its whole story on one axis, in date
    # order (who else the scorer reads as an issuer, Colorado itself, may come and go with the model)
    marks = [(m.date, m.kind, m.text, m.colour) for m in timeline.marks]
    assert marks == sorted(marks, key=lambda mark: mark[0])
    assert {
        ("2019-03-04", "issued", "Helen Marsh", event_colour("issued")),
        ("2019-03-12", "challenge", "Denver", event_colour("challenge")),
        ("2019-03-15", "comply", "Pueblo County", event_colour("comply")),
        ("2019-04-10", "challenge", "Denver", event_colour("challenge")),
    } <= set(marks)
    assert timeline.undated >= 1  # the threat to Denver's grant money has no date of its own
    assert {kind for kind, _ in timeline.kinds} == {"issued", "challenge", "comply"}


def test_order_timeline_places_issue_stances_and_funding_in_their_lanes() -> None:
    def row(**values: str | None) -> dict:
        return values

    order = {
        "issuers": [row(issuer_label="Governor", date="2019-03-04")],
        "stances": [row(actor_label="Denver", stance="challenge", modality="intended", date="2019-03-12"),
                    row(actor_label="Pueblo County", stance="comply", modality="actual", date="2019-03-15"),
                    row(actor_label="Aurora", stance="comply", modality="actual", date="2019-03")],
        "funding": [row(jurisdiction_label="Denver", status="threatened", instrument="grants", amount="$2.5 million",
                        funder_label="DOJ", date="2019-04-02")],
    }
    timeline = pictures.order_timeline(order)
    assert [(m.date, m.kind) for m in timeline.marks] == [
        ("2019-03-04", "issued"), ("2019-03-12", "challenge"), ("2019-03-15", "comply"),
        ("2019-04-02", "funding threatened"),
    ]
    lanes = dict(timeline.lanes)
    assert [m.y for m in timeline.marks] == [lanes["issued"], lanes["stances"], lanes["stances"], lanes["funding"]]
    assert [m.x for m in timeline.marks] == sorted(m.x for m in timeline.marks)
    assert timeline.marks[1].title == "2019-03-12: Denver: challenge (intended)"
    assert timeline.undated == 1  # a month is not a day
    labels = [m.label for m in timeline.marks if m.label]
    assert len(labels) == 4 and not any(a.overlaps(b) for a, b in combinations(labels, 2))


def test_pages_draw_the_pictures_with_links(serve_store: Path, threatening_order: str) -> None:
    with TestClient(app(serve_store)) as client:
        marsh = client.get(explore.entity_path(MARSH)).text
        order = client.get(explore.entity_path(threatening_order)).text
    figure = re.search(r'<figure class="picture" id="neighbourhood">.*?</figure>', marsh, re.S)[0]
    assert f'href="{explore.entity_path(COLORADO)}"' in figure and "<svg" in figure
    drawn = re.findall(r'<g class="mark" data-kind="([^"]+)" data-date="([^"]+)"', order)
    assert {("issued", "2019-03-04"), ("challenge", "2019-03-12"), ("comply", "2019-03-15"),
            ("challenge", "2019-04-10")} == set(drawn)

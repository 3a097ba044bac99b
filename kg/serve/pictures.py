"""The explorer's pictures, drawn as inline SVG by the server (no script, nothing fetched): an entity's
neighbourhood and an order's timeline.

The functions here compute geometry from the data a page already has (the entity's facts; the order's issuers,
stances and funding); the template `_pictures.html` draws it. Text widths are estimated from character counts,
generously, since the server cannot measure the browser's font.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.analysis.layout import (
    EVENT_COLOURS,
    EVENT_LANES,
    Box,
    date_ticks,
    event_colour,
    event_lane,
    fact_colour,
    kind_colour,
    place_labels,
    stack_points,
)
from kg.analysis.projections import date_span
from kg.serve.explore import kind_of

CHAR = 7.2  # px per character of 13 px sans text, a little over the average so that estimates err wide
LINE = 16  # px per line of 13 px text
MOST = 12  # neighbours drawn on each side; the rest are counted
WIDTH = 900  # of the timeline
ROW = 28  # px between neighbours
SPREAD = 170  # px between a column of neighbours and the entity
_LANE_NAMES = {"issued": "issued", "stance": "stances", "funding": "funding"}


def text_width(text: str) -> float:
    return CHAR * len(text)


def shorten(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


@dataclass(frozen=True)
class Neighbour:
    """One entity next to the page's: its node, its label, the facts between them and the curve that joins them."""

    iri: str
    label: str  # shortened; `title` has the whole
    title: str
    colour: str  # its kind's
    x: float
    y: float
    facts: tuple[tuple[str, int, str], ...]  # (fact type, number of facts, colour), most facts first
    path: str  # SVG path data of the curve between it and the centre
    label_box: Box

    @property
    def edge_colour(self) -> str:
        return self.facts[0][2]


@dataclass(frozen=True)
class Neighbourhood:
    """The entity in the middle; left, what its facts come from (issuers, stance holders); right, what they go to."""

    width: float
    height: float
    label: str
    colour: str
    centre: Box  # the entity's box, where the curves meet
    left: tuple[Neighbour, ...]
    right: tuple[Neighbour, ...]
    more_left: int  # neighbours not drawn
    more_right: int
    fact_types: tuple[tuple[str, str], ...]  # (type, colour) drawn, for the legend

    @property
    def neighbours(self) -> tuple[Neighbour, ...]:
        return self.left + self.right


def neighbourhood(iri: str, label: str, kind: str, facts: Sequence[dict], most: int = MOST) -> Neighbourhood | None:
    """The entity's direct neighbours by fact (records of `kg.queries.facts`), None when it has none.

    A neighbour that is the subject of facts about the entity goes left, one that is their object right (a
    neighbour on both sides appears on both); each side shows its `most` neighbours with the most facts.
    """
    sides: dict[str, dict[str, Counter]] = {"left": {}, "right": {}}
    info: dict[str, tuple[str, str]] = {}
    for record in facts:
        subject, obj = record["subject"], record["object"]
        if subject["iri"] == obj["iri"]:
            continue
        side, other = ("right", obj) if subject["iri"] == iri else ("left", subject)
        sides[side].setdefault(other["iri"], Counter())[record["fact"]] += 1
        info[other["iri"]] = (other["label"], kind_of([other["class"]]))
    if not sides["left"] and not sides["right"]:
        return None
    ranked = {
        side: sorted(found.items(), key=lambda item: (-sum(item[1].values()), info[item[0]][0]))
        for side, found in sides.items()
    }
    shown = {side: found[:most] for side, found in ranked.items()}
    rows = max(len(shown["left"]), len(shown["right"]))
    height = ROW * rows + 2 * ROW
    middle = height / 2
    name = shorten(label, 26)
    room = {  # the widest label of each side
        side: max((text_width(shorten(info[iri][0])) for iri, _ in found), default=0.0) for side, found in shown.items()
    }
    left_x = 20 + room["left"]
    start = left_x + SPREAD if shown["left"] else 10
    centre = Box(start, middle - LINE, start + text_width(name) + 24, middle + LINE)
    right_x = centre.x1 + SPREAD
    width = right_x + 20 + room["right"] if shown["right"] else centre.x1 + 10
    drawn = {
        side: tuple(
            _neighbour(iri, counts, info[iri], middle + ROW * (index - (len(found) - 1) / 2), centre,
                       left_x if side == "left" else right_x, side)
            for index, (iri, counts) in enumerate(found)
        )
        for side, found in shown.items()
    }
    types = {kind for row in (*drawn["left"], *drawn["right"]) for kind, _, _ in row.facts}
    return Neighbourhood(
        width=width, height=height, label=name, colour=kind_colour(kind), centre=centre,
        left=drawn["left"], right=drawn["right"],
        more_left=max(len(ranked["left"]) - most, 0), more_right=max(len(ranked["right"]) - most, 0),
        fact_types=tuple((kind, fact_colour(kind)) for kind in sorted(types)),
    )


def _neighbour(
    iri: str, counts: Counter, info: tuple[str, str], y: float, centre: Box, x: float, side: str
) -> Neighbour:
    label, kind = info
    middle = (centre.y0 + centre.y1) / 2
    name = shorten(label)
    if side == "left":
        path = f"M{x:.0f},{y:.0f} C{x + 90:.0f},{y:.0f} {centre.x0 - 60:.0f},{middle:.0f} {centre.x0:.0f},{middle:.0f}"
        box = Box(x - 10 - text_width(name), y - LINE / 2, x - 10, y + LINE / 2)
    else:
        path = f"M{centre.x1:.0f},{middle:.0f} C{centre.x1 + 60:.0f},{middle:.0f} {x - 90:.0f},{y:.0f} {x:.0f},{y:.0f}"
        box = Box(x + 10, y - LINE / 2, x + 10 + text_width(name), y + LINE / 2)
    facts = tuple((kind_, number, fact_colour(kind_)) for kind_, number in counts.most_common())
    return Neighbour(iri, name, label, kind_colour(kind), x, y, facts, path, box)


@dataclass(frozen=True)
class Mark:
    """One event on the order's timeline."""

    kind: str
    colour: str
    date: str
    x: float
    y: float
    text: str  # who: the issuer, the stance holder, the money's recipient
    title: str  # the whole event, for the tooltip
    label: Box | None  # where its text goes, None when there is no room for it


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    lanes: tuple[tuple[str, float], ...]  # (name, y)
    ticks: tuple[tuple[str, float], ...]  # (date, x)
    axis: float  # y of the date axis
    marks: tuple[Mark, ...]
    kinds: tuple[tuple[str, str], ...]  # (kind, colour) for the legend
    undated: int  # events without a day date, not drawn


def order_timeline(order: dict) -> Timeline | None:
    """The order's events (its issue, the stances on it, the funding it puts at stake) on a date axis.

    `order` is the data of the order page (`kg.serve.explore.order`). None when no event has a day date.
    """
    events = sorted(_order_events(order), key=lambda event: (event[0] is None, event[0] or dt.date.min))
    dated = [event for event in events if event[0] is not None]
    if not dated:
        return None
    lanes = [lane for lane in EVENT_LANES if any(event_lane(kind) == lane for _, kind, _, _ in dated)]
    left, right, top, lane_height = 90.0, WIDTH - 30.0, 30.0, 70.0
    first, last = dated[0][0], dated[-1][0]
    margin = dt.timedelta(days=max(1, (last - first).days // 12))
    start, end = first - margin, last + margin
    span = (end - start).days

    def x_of(day: dt.date) -> float:
        return left + (right - left) * (day - start).days / span

    rows = stack_points([(day, event_lane(kind)) for day, kind, _, _ in dated], lanes, step=0.25)
    anchors = [(x_of(day), top + lane_height * (row + 0.5)) for (day, *_), row in zip(dated, rows, strict=True)]
    axis = top + lane_height * len(lanes)
    markers = [Box(x - 6, y - 6, x + 6, y + 6) for x, y in anchors]
    order_of = sorted(range(len(dated)), key=lambda index: event_lane(dated[index][1]) != "issued")
    boxes = place_labels(
        [anchors[index] for index in order_of],
        [(text_width(shorten(dated[index][2], 24)) * 0.9, LINE) for index in order_of],  # 12 px text
        gap=4, obstacles=markers, bounds=Box(left - 60, 0, right + 30, axis),
    )
    label_of = dict(zip(order_of, boxes, strict=True))
    marks = tuple(
        Mark(kind, event_colour(kind), day.isoformat(), x, y, shorten(who, 24), f"{day.isoformat()}: {title}",
             label_of[index])
        for index, ((day, kind, who, title), (x, y)) in enumerate(zip(dated, anchors, strict=True))
    )
    return Timeline(
        width=WIDTH, height=axis + 30,
        lanes=tuple((_LANE_NAMES[lane], top + lane_height * (number + 0.5)) for number, lane in enumerate(lanes)),
        ticks=tuple((day.isoformat(), x_of(day)) for day in _ticks(start, end, [day for day, *_ in dated])),
        axis=axis, marks=marks,
        kinds=tuple((kind, colour) for kind, colour in EVENT_COLOURS.items() if any(m.kind == kind for m in marks)),
        undated=len(events) - len(dated),
    )


def _ticks(start: dt.date, end: dt.date, days: Sequence[dt.date]) -> list[dt.date]:
    """Round dates for the axis; over a few days, the events' own days."""
    ticks = date_ticks(start, end)
    return ticks if len(ticks) > 1 else sorted(set(days))[:: max(1, len(set(days)) // 6)]


def _order_events(order: dict) -> set[tuple[dt.date | None, str, str, str]]:
    """(day or None, kind, who, the event in words) for the order's issue, stances and funding, without repeats."""
    found = set()
    for row in order["issuers"]:
        found.add((_day(row["date"]), "issued", str(row["issuer_label"]), f"issued by {row['issuer_label']}"))
    for row in order["stances"]:
        intended = " (intended)" if row["modality"] is not None and str(row["modality"]) == "intended" else ""
        found.add((_day(row["date"]), str(row["stance"]), str(row["actor_label"]),
                   f"{row['actor_label']}: {row['stance']}{intended}"))
    for row in order["funding"]:
        money = " ".join(str(row[key]) for key in ("instrument", "amount") if row[key] is not None)
        found.add((_day(row["date"]), f"funding {row['status']}", str(row["jurisdiction_label"]),
                   f"{row['status']}: {money or 'funding'} for {row['jurisdiction_label']} from {row['funder_label']}"))
    return found


def _day(value: object) -> dt.date | None:
    span = date_span(str(value)) if value is not None else None
    return span[0] if span and span[0] == span[1] else None

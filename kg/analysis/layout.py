"""Geometry and colours shared by the pictures of `kg analyze` (matplotlib) and of the explorer (SVG).

- `place_labels`: boxes for text labels beside their points, none overlapping another or an obstacle;
- `date_ticks`: readable tick dates for a date axis;
- the colours of node kinds, fact types and event kinds, so a picture and its legend agree everywhere.

Pure Python: no plotting library, no store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

KIND_COLOURS = {"actor": "#1f77b4", "jurisdiction": "#2ca02c", "order": "#ff7f0e", "other": "#7f7f7f"}
FACT_COLOURS = {
    "issued": "#d62728",
    "addressed_to": "#9467bd",
    "applies_to": "#2ca02c",
    "complies_with": "#17becf",
    "opposes": "#8c2d04",
    "funds": "#bcbd22",
    "part_of": "#7f7f7f",
    "holds_office": "#1f77b4",
    "member_of": "#aec7e8",
    "said": "#c49c94",
    "reported": "#dbdb8d",
}
OTHER_COLOUR = "#7f7f7f"
# Event kinds in legend order: an order issued, the four stances, then what happened to money.
EVENT_COLOURS = {
    "issued": "#37474f",
    "comply": "#2e7d32",
    "oppose": "#c62828",
    "challenge": "#ef6c00",
    "refuse": "#6a1b9a",
    "funding provided": "#1565c0",
    "funding reimbursement": "#64b5f6",
    "funding threatened": "#f9a825",
    "funding withheld": "#4e342e",
    "funding conditioned": "#8d6e63",
}
EVENT_LANES = ("issued", "stance", "funding")  # the rows of a timeline, top to bottom


def kind_colour(kind: str) -> str:
    """The colour of a node kind (actor, jurisdiction, order, other)."""
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])


def fact_colour(fact_type: str) -> str:
    """The colour of a fact type (issued, opposes, funds, ...)."""
    return FACT_COLOURS.get(fact_type, OTHER_COLOUR)


def event_colour(kind: str) -> str:
    """The colour of an event kind (issued, comply, ..., funding threatened)."""
    return EVENT_COLOURS.get(kind, OTHER_COLOUR)


def event_lane(kind: str) -> str:
    """The timeline row of an event kind: issued, stance or funding."""
    if kind == "issued":
        return "issued"
    return "funding" if kind.startswith("funding") else "stance"


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle, x growing rightwards and y in either direction (only overlaps are asked)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share some area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return self.x0 >= other.x0 and self.x1 <= other.x1 and self.y0 >= other.y0 and self.y1 <= other.y1


# Where a label may go around its point, in order of preference: right, left, above, below, the diagonals; each
# (dx, dy) is in units of the label's own width and height, from the point to the box's nearer corner or edge.
_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
_DISTANCES = (1, 3, 6, 10, 16, 24)  # multiples of the gap, tried in turn: beside the point, then further out


def place_labels(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    *,
    gap: float,
    obstacles: Sequence[Box] = (),
    bounds: Box | None = None,
) -> list[Box | None]:
    """Boxes for labels of the given (width, height) beside their anchor points, none overlapping another.

    Labels are placed greedily in the order given (most important first): each takes the first spot around its
    anchor, `gap` away and then further (a picture draws a leader line to a label set apart), that overlaps no
    placed label and no obstacle (the points' markers) and lies within `bounds`. A label with no free spot gets
    None: better left out than drawn over another.
    """
    placed: list[Box] = []
    result: list[Box | None] = []
    for (x, y), (width, height) in zip(anchors, sizes, strict=True):
        spot = None
        for distance in _DISTANCES:
            for dx, dy in _DIRECTIONS:
                box = _beside(x, y, width, height, dx, dy, gap * distance)
                if (bounds is None or box.inside(bounds)) and not any(
                    box.overlaps(other) for other in (*placed, *obstacles)
                ):
                    spot = box
                    break
            if spot:
                break
        if spot:
            placed.append(spot)
        result.append(spot)
    return result


def _beside(x: float, y: float, width: float, height: float, dx: int, dy: int, gap: float) -> Box:
    """The box of a label on side (dx, dy) of point (x, y): centred on the point along an axis where d is 0."""
    left = x + gap if dx > 0 else x - gap - width if dx < 0 else x - width / 2
    bottom = y + gap if dy > 0 else y - gap - height if dy < 0 else y - height / 2
    return Box(left, bottom, left + width, bottom + height)


def stack_points(marks: Sequence[tuple[dt.date, str]], lanes: Sequence[str], step: float = 0.15) -> list[float]:
    """The row of each (date, lane) mark on a timeline: its lane's index, shifted to stack marks of one lane and day.

    A stack is centred on its lane and at most 0.8 of a row high, closer than `step` apart when it must be.
    """
    stacks: dict[tuple[str, dt.date], list[int]] = {}
    for index, (day, lane) in enumerate(marks):
        stacks.setdefault((lane, day), []).append(index)
    rows = [0.0] * len(marks)
    for (lane, _), members in stacks.items():
        gap = min(step, 0.8 / max(len(members) - 1, 1))
        for rank, index in enumerate(members):
            rows[index] = lanes.index(lane) + gap * (rank - (len(members) - 1) / 2)
    return rows


def date_ticks(start: dt.date, end: dt.date, most: int = 8) -> list[dt.date]:
    """At most `most` round dates (first of a year, of a month, or a Monday) from `start` to `end`."""
    span = (end - start).days
    if span <= 0:
        return [start]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        if span / (30.4 * months) <= most - 1:
            break
    else:
        months = 12 * max(1, round(span / 365 / most))
    if span < 61:  # under two months: Mondays, every week or two
        step = 7 if span <= 7 * (most - 1) else 14
        first = start + dt.timedelta(days=-start.weekday() % 7)
        return [first + dt.timedelta(days=day) for day in range(0, (end - first).days + 1, step)] or [start]
    ticks = []
    year, month = start.year, start.month
    while True:
        day = dt.date(year, month, 1)
        if day > end:
            break
        if day >= start and (12 * year + month - 1) % months == 0:
            ticks.append(day)
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return ticks or [start]

"""The pictures' geometry: label placement, date ticks, the network picture's labels and the timeline's marks.

On hand-made inputs: a crowded star of long-named nodes (labels would pile up if drawn naively) and a handful of
events; no store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from kg.analysis import Event, centrality
from kg.analysis.interactive import graph_data, write_interactive
from kg.analysis.layout import Box, date_ticks, event_colour, event_lane, place_labels, stack_points
from kg.analysis.render import graph_figure, timeline_figure


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    return [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]


def test_place_labels_keeps_labels_apart_from_each_other_and_the_markers() -> None:
    anchors = [(100.0 + 3 * i, 100.0 + 2 * i) for i in range(12)]  # twelve points almost on top of each other
    markers = [Box(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    frame = Box(0, 0, 400, 300)
    boxes = place_labels(anchors, [(80, 14)] * 12, gap=4, obstacles=markers, bounds=frame)
    placed = [box for box in boxes if box is not None]
    assert len(placed) >= 8
    assert overlapping(placed) == []
    assert not any(box.overlaps(marker) for box in placed for marker in markers)
    assert all(box.inside(frame) for box in placed)
    # The first label's first choice, right of its point, is under the next point's marker: it goes left.
    assert boxes[0] == Box(16, 93, 96, 107)
    alone = place_labels([(100.0, 100.0)], [(80, 14)], gap=4)
    assert alone == [Box(104, 93, 184, 107)]


def test_place_labels_leaves_out_a_label_with_no_room() -> None:
    frame = Box(0, 0, 50, 20)
    assert place_labels([(25.0, 10.0)], [(200, 14)], gap=2, bounds=frame) == [None]


def test_date_ticks_are_round_dates_within_the_span() -> None:
    assert date_ticks(dt.date(2017, 1, 25), dt.date(2017, 2, 20)) == [
        dt.date(2017, 1, 30), dt.date(2017, 2, 6), dt.date(2017, 2, 13), dt.date(2017, 2, 20)
    ]
    months = date_ticks(dt.date(2016, 11, 3), dt.date(2018, 2, 1))
    assert months == [dt.date(2017, 1, 1), dt.date(2017, 4, 1), dt.date(2017, 7, 1), dt.date(2017, 10, 1),
                      dt.date(2018, 1, 1)]
    assert date_ticks(dt.date(2017, 1, 1), dt.date(2017, 1, 1)) == [dt.date(2017, 1, 1)]


def crowded_star() -> nx.MultiDiGraph:
    """An order at the centre of 30 actors with long names, two facts each; three actors also fund a city."""
    graph = nx.MultiDiGraph()
    graph.add_node("order", label="Executive Order 13768 on sanctuary jurisdictions", kind="order",
                   evidence_count=9, **{"class": "ExecutiveOrder"})
    graph.add_node("city", label="San Francisco", kind="jurisdiction", evidence_count=3, **{"class": "City"})
    for number in range(30):
        node = f"actor{number}"
        graph.add_node(node, label=f"Department of Very Long Names number {number}", kind="actor",
                       evidence_count=number % 4, aliases=[f"DVLN {number}"], **{"class": "GovernmentBody"})
        graph.add_edge(node, "order", key="opposes", type="opposes", weight=1)
        graph.add_edge(node, "order", key="complies_with", type="complies_with", weight=1)
        if number < 3:
            graph.add_edge(node, "city", key="funds", type="funds", weight=1)
    return graph


def drawn_labels(figure: Figure) -> dict[str, Box]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    axes = figure.axes[0]
    boxes = {}
    for text in axes.texts:
        extent = text.get_window_extent(renderer)
        boxes[text.get_text()] = Box(extent.x0, extent.y0, extent.x1, extent.y1)
    return boxes


def test_network_picture_labels_only_the_most_central_nodes_and_no_two_overlap() -> None:
    graph = crowded_star()
    figure = graph_figure(graph, "crowded", labelled=12)
    labels = drawn_labels(figure)
    top = {row.label for row in centrality(graph)[:12]}
    assert "Executive Order 13768 on sanctuary jurisdictions" in labels  # the most central always finds room
    assert set(labels) <= top and len(labels) >= 8
    assert overlapping(list(labels.values())) == []
    frame = figure.axes[0].get_window_extent()
    assert all(box.inside(Box(frame.x0, frame.y0, frame.x1, frame.y1)) for box in labels.values())
    note = " ".join(text.get_text() for text in figure.texts)
    assert f"labelled: {len(labels)} of the 12 most central of 32" in note


def test_network_picture_merges_parallel_edges_and_colours_them_by_type_with_a_legend() -> None:
    figure = graph_figure(crowded_star(), "crowded")
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["actor", "jurisdiction", "order", "complies_with / opposes", "funds"]
    edges = [c for c in figure.axes[0].collections if type(c).__name__ == "FancyArrowPatch"] or [
        p for p in figure.axes[0].patches if type(p).__name__ == "FancyArrowPatch"
    ]
    assert len(edges) == 33  # 30 merged actor-order pairs and 3 funding edges, not 63 edges


EVENTS = [
    Event(dt.date(2017, 1, 25), "issued", "trump", "Donald Trump", "eo", "Executive Order 13768"),
    Event(dt.date(2017, 1, 25), "funding threatened", "doj", "Department of Justice", "sf", "San Francisco",
          "federal grants"),
    Event(dt.date(2017, 1, 31), "challenge", "sf", "San Francisco", "eo", "Executive Order 13768"),
    Event(dt.date(2017, 1, 31), "challenge", "sea", "Seattle", "eo", "Executive Order 13768"),
    Event(dt.date(2017, 1, 31), "comply", "mdc", "Miami-Dade County", "eo", "Executive Order 13768"),
    Event(dt.date(2017, 4, 25), "oppose", "court", "U.S. District Court", "eo", "Executive Order 13768"),
]


def test_timeline_has_one_mark_per_event_in_its_kinds_colour_and_lane() -> None:
    figure = timeline_figure(EVENTS, "events")
    axes = figure.axes[0]
    (marks,) = axes.collections
    assert len(marks.get_offsets()) == len(EVENTS)
    assert [to_hex(colour) for colour in marks.get_facecolors()] == [event_colour(e.kind) for e in EVENTS]
    assert [tick.get_text() for tick in axes.get_yticklabels()] == ["orders issued", "stances", "funding"]
    lanes = [round(y) for _, y in marks.get_offsets()]
    assert lanes == [0, 2, 1, 1, 1, 1]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["issued", "comply", "oppose", "challenge", "funding threatened"]
    labels = drawn_labels(figure)
    assert "Executive Order 13768" in labels and overlapping(list(labels.values())) == []


def test_timeline_stacks_events_of_one_day_in_one_lane() -> None:
    rows = stack_points([(e.date, event_lane(e.kind)) for e in EVENTS], ["issued", "stance", "funding"])
    same_day = [y for y, e in zip(rows, EVENTS, strict=True) if e.date == dt.date(2017, 1, 31)]
    assert len(set(same_day)) == 3 and sum(same_day) / 3 == pytest.approx(1)


def test_timeline_without_events_says_so() -> None:
    figure = timeline_figure([], "nothing")
    assert [text.get_text() for text in figure.axes[0].texts] == ["no dated events"]


def test_interactive_data_merges_parallel_edges_with_counts_and_labels_the_most_central() -> None:
    graph = crowded_star()
    graph.add_edge("actor0", "order", key="opposes|stance=challenge", type="opposes", sentences=["They sued."])
    data = graph_data(graph, labelled=5)
    assert len(data["edges"]) == 33  # one per pair of nodes, not one per fact
    first = next(edge for edge in data["edges"] if edge["from"] == "actor0" and edge["to"] == "order")
    assert first["types"] == {"complies_with": 1, "opposes": 2} and first["count"] == 3
    assert first["title"].startswith("complies_with, opposes ×2\nThey sued.")
    assert [node["id"] for node in data["nodes"] if node["top"]] == [row.node for row in centrality(graph)[:5]]
    assert data["nodes"][0]["label"] == "Executive Order 13768 on sanctuary jurisdictions"


def test_interactive_page_is_offline_with_a_heading_legend_search_and_filters(tmp_path: Path) -> None:
    page = write_interactive(crowded_star(), tmp_path / "graph.html", "Crowded star").read_text(encoding="utf-8")
    assert '<h1 id="graph-title">Crowded star</h1>' in page
    assert "<link" not in page and not re.search(r"\bsrc=[\"']", page.split("<script>", 1)[0])
    assert 'id="graph-search"' in page
    assert re.findall(r'data-class="([^"]+)"', page) == ["City", "ExecutiveOrder", "GovernmentBody"]
    assert re.findall(r'data-type="([^"]+)"', page) == ["complies_with", "funds", "opposes"]
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)[1])
    assert len(data["nodes"]) == 32

"""Pictures and files of the projections: PNG plots and GraphML for Gephi (the interactive page: `interactive`).

The graphs are those of `kg.analysis.projections`, whose nodes all carry ``label``, ``class``,
``kind`` and ``evidence_count`` and whose edges all carry ``type``.

Plots draw on `matplotlib.figure.Figure` directly (the Agg canvas), never pyplot, so nothing here
needs a display or changes matplotlib's global backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from kg.analysis.analyses import CentralityRow, Event, centrality
from kg.analysis.layout import (
    EVENT_COLOURS,
    EVENT_LANES,
    FACT_COLOURS,
    Box,
    event_colour,
    event_lane,
    kind_colour,
    place_labels,
    stack_points,
)
from kg.text import xml_safe

LAYOUT_SEED = 7  # the same graph always gets the same picture
TOP_LABELS = 20  # nodes labelled in a network picture, most central first; the others stay unlabelled
DPI = 100
FONT_SIZE = 8
# Edge colours for values that are not fact types, clear of the node kinds' blue, green, orange and grey.
_CATEGORY_COLOURS = ("#9467bd", "#d62728", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#637939")
_LANE_NAMES = {"issued": "orders issued", "stance": "stances", "funding": "funding"}

def plot_graph(graph: nx.Graph, path: Path, title: str, edge_colour: str = "type") -> Path:
    """A PNG of `graph_figure`."""
    graph_figure(graph, title, edge_colour).savefig(path, dpi=DPI)
    return path


def graph_figure(graph: nx.Graph, title: str, edge_colour: str = "type", *, labelled: int = TOP_LABELS) -> Figure:
    """`graph` drawn: nodes coloured by kind and sized by evidence, edges coloured by their `edge_colour` attribute.

    Only the `labelled` most central nodes (PageRank) get a label, each placed beside its node where it covers no
    other label and no node; a label with no free place is left out. Legends and a note of what is labelled sit
    to the right of the drawing.
    """
    figure = Figure(figsize=(12, 8), dpi=DPI)
    axes = figure.add_axes((0.01, 0.01, 0.78, 0.92))
    figure.suptitle(title)
    axes.set_axis_off()
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no data", ha="center", va="center")
        return figure
    simple = nx.DiGraph(graph) if graph.is_directed() else nx.Graph(graph)
    position = nx.spring_layout(simple, seed=LAYOUT_SEED, k=2 / max(simple.number_of_nodes(), 1) ** 0.5)
    xs, ys = zip(*position.values(), strict=True)
    pad_x, pad_y = 0.08 * (max(xs) - min(xs) or 1), 0.08 * (max(ys) - min(ys) or 1)
    axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    values = _edge_values(graph, edge_colour)
    colours = _category_colours(sorted(set(values.values())))
    sizes = {node: 120 + 40 * count for node, count in simple.nodes(data="evidence_count", default=0)}
    arrows = {"arrowsize": 8} if simple.is_directed() else {}  # undirected edges are drawn without any
    nx.draw_networkx_edges(
        simple, position, ax=axes, edge_color=[colours[values[_pair(graph, *pair)]] for pair in simple.edges],
        alpha=0.7, node_size=[sizes[node] for node in simple.nodes], **arrows,
    )
    nx.draw_networkx_nodes(
        simple, position, ax=axes, node_size=[sizes[node] for node in simple.nodes],
        node_color=[kind_colour(kind) for _, kind in simple.nodes(data="kind", default="other")],
        edgecolors="white", linewidths=0.8,
    )
    ranked = [row.node for row in centrality(graph)[:labelled]]
    texts = [graph.nodes[node]["label"] for node in ranked]
    markers = [_marker_box(axes, position[node], sizes[node]) for node in simple.nodes]
    shown = _place_texts(figure, axes, [position[node] for node in ranked], texts, markers)
    kinds = sorted({kind for _, kind in graph.nodes(data="kind", default="other")})
    handles = [Patch(color=kind_colour(kind), label=kind) for kind in kinds]
    handles += [Line2D([], [], color=colours[value], label=value or "(none)") for value in colours]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.8, 0.92), fontsize=FONT_SIZE, frameon=False)
    total = graph.number_of_nodes()
    note = f"labelled: {shown} of the {len(ranked)} most central of {total}" if shown < total else "all labelled"
    figure.text(0.8, 0.02, note, fontsize=FONT_SIZE)
    return figure


def _edge_values(graph: nx.Graph, attribute: str) -> dict[tuple[str, str] | frozenset[str], str]:
    """One value per edge of the drawn simple graph (see `_pair`), joining the values of parallel edges with ' / '."""
    values: dict[tuple[str, str] | frozenset[str], set[str]] = {}
    for first, second, value in graph.edges(data=attribute):
        values.setdefault(_pair(graph, first, second), set()).add("" if value is None else str(value))
    return {pair: " / ".join(sorted(found)) for pair, found in values.items()}


def _pair(graph: nx.Graph, first: str, second: str) -> tuple[str, str] | frozenset[str]:
    """An edge's endpoints: in order when the graph is directed, else as a set."""
    return (first, second) if graph.is_directed() else frozenset((first, second))


def _category_colours(values: Sequence[str]) -> dict[str, str]:
    """A colour per value: a fact type's or a funding status's own colour, else the next of a fixed cycle."""
    others = iter(_CATEGORY_COLOURS * (1 + len(values) // len(_CATEGORY_COLOURS)))
    own = {**FACT_COLOURS, **{kind.removeprefix("funding "): colour for kind, colour in EVENT_COLOURS.items()}}
    return {value: own[value] if value in own else next(others) for value in values}


def _marker_box(axes: Axes, point: tuple[float, float], size: float) -> Box:
    """The display box of a node marker of `size` points squared."""
    x, y = axes.transData.transform(point)
    radius = size**0.5 / 2 * DPI / 72
    return Box(x - radius, y - radius, x + radius, y + radius)


def _place_texts(
    figure: Figure, axes: Axes, points: Sequence[tuple[float, float]], texts: Sequence[str], obstacles: Sequence[Box]
) -> int:
    """Draw each text beside its point (data coordinates) where `place_labels` finds room; return how many."""
    renderer = FigureCanvasAgg(figure).get_renderer()
    font = FontProperties(size=FONT_SIZE)
    sizes = []
    for text in texts:
        width, height, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
        sizes.append((width + 4, height + 4))  # 2 px of air on every side
    anchors = [tuple(axes.transData.transform(point)) for point in points]
    bounds = axes.get_window_extent(renderer)
    frame = Box(bounds.x0, bounds.y0, bounds.x1, bounds.y1)
    boxes = place_labels(anchors, sizes, gap=4, obstacles=obstacles, bounds=frame)
    inverse = axes.transData.inverted()
    for text, box, (x, y) in zip(texts, boxes, anchors, strict=True):
        if box is None:
            continue
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        axes.text(*inverse.transform(centre), text, fontsize=FONT_SIZE, ha="center", va="center", zorder=5,
                  bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        near_x, near_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)  # the box's point nearest
        if abs(near_x - x) + abs(near_y - y) > 12:  # set apart: a leader line says whose label it is
            axes.plot(*zip(inverse.transform((x, y)), inverse.transform((near_x, near_y)), strict=True),
                      color="#555555", linewidth=0.5, zorder=4)
    return sum(box is not None for box in boxes)


def plot_timeline(events: Sequence[Event], path: Path, title: str) -> Path:
    """A PNG of `timeline_figure`."""
    timeline_figure(events, title).savefig(path, dpi=DPI)
    return path


def timeline_figure(events: Sequence[Event], title: str) -> Figure:
    """Events as marks on a date axis, one row per lane (orders issued, stances, funding), coloured by kind.

    Events of one lane on one day are stacked. Each mark is labelled (the order for an issue, else the actor or
    the money's recipient) where there is room, orders issued first.
    """
    figure = Figure(figsize=(12, 5), dpi=DPI)
    axes = figure.add_axes((0.1, 0.12, 0.7, 0.78))
    figure.suptitle(title)
    if not events:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=axes.transAxes)
        return figure
    lanes = [lane for lane in EVENT_LANES if any(event_lane(event.kind) == lane for event in events)]
    rows = stack_points([(event.date, event_lane(event.kind)) for event in events], lanes)
    points = [(event.date, row) for event, row in zip(events, rows, strict=True)]
    axes.scatter(
        [date2num(x) for x, _ in points], [y for _, y in points], c=[event_colour(e.kind) for e in events],
        s=60, edgecolors="white", linewidths=0.8, zorder=3,
    )
    axes.set_yticks(range(len(lanes)), [_LANE_NAMES[lane] for lane in lanes])
    axes.set_ylim(len(lanes) - 0.5, -0.5)
    first, last = events[0].date, events[-1].date
    margin = dt.timedelta(days=max(2, (last - first).days // 20))
    axes.set_xlim(date2num(first - margin), date2num(last + margin))
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.grid(axis="x", color="#dddddd")
    for lane in range(len(lanes)):
        axes.axhline(lane, color="#eeeeee", zorder=1)
    order = sorted(range(len(events)), key=lambda index: event_lane(events[index].kind) != "issued")
    obstacles = [_marker_box(axes, (date2num(points[i][0]), points[i][1]), 60) for i in range(len(events))]
    _place_texts(
        figure, axes, [(date2num(points[i][0]), points[i][1]) for i in order],
        [_mark_label(events[i]) for i in order], obstacles,
    )
    kinds = [kind for kind in EVENT_COLOURS if any(event.kind == kind for event in events)]
    handles = [Line2D([], [], marker="o", linestyle="", color=event_colour(kind), label=kind) for kind in kinds]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.82, 0.9), fontsize=FONT_SIZE, frameon=False)
    return figure


def _mark_label(event: Event) -> str:
    return event.target_label if event.kind == "issued" else event.source_label


def plot_centrality(rows: Sequence[CentralityRow], path: Path, title: str) -> Path:
    """A PNG of horizontal PageRank bars, most central at the top."""
    figure = Figure(figsize=(9, 1 + 0.4 * max(len(rows), 1)), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    ordered = list(reversed(rows))
    axes.barh(
        [row.label for row in ordered],
        [row.pagerank for row in ordered],
        color=[kind_colour(row.kind) for row in ordered],
    )
    axes.set_xlabel("PageRank")
    kinds = sorted({row.kind for row in rows})
    if kinds:
        patches = [Patch(color=kind_colour(kind), label=kind) for kind in kinds]
        axes.legend(handles=patches, fontsize=8, loc="lower right")
    figure.savefig(path, dpi=100)
    return path


def write_graphml(graph: nx.Graph, path: Path | BinaryIO) -> Path | BinaryIO:
    """GraphML for Gephi (to a file, or an open binary one): list attributes joined with ' | ', dates as ISO text,
    absent values left out."""
    safe = graph.copy()
    for data in _attribute_dicts(safe):
        for name, value in list(data.items()):
            if value is None:
                del data[name]
            else:
                scalar = _scalar(value)
                data[name] = xml_safe(scalar) if isinstance(scalar, str) else scalar  # see kg.export
    nx.write_graphml(safe, path)
    return path


def _attribute_dicts(graph: nx.Graph) -> Iterable[dict[str, Any]]:
    yield graph.graph
    yield from (data for _, data in graph.nodes(data=True))
    yield from (data for *_, data in graph.edges(data=True))


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return " | ".join(sorted(str(item) for item in value))
    if isinstance(value, list | tuple):
        return " | ".join(str(item) for item in value)
    return str(value)

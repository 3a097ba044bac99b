"""Pictures and files of the projections: PNG plots, an offline interactive HTML graph, GraphML for Gephi.

The graphs are those of `kg.analysis.projections`, whose nodes all carry ``label``, ``class``,
``kind`` and ``evidence_count`` and whose edges all carry ``type``.

Plots draw on `matplotlib.figure.Figure` directly (the Agg canvas), never pyplot, so nothing here
needs a display or changes matplotlib's global backend.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from pyvis.network import Network

from kg.analysis.analyses import CentralityRow, TimelineRow
from kg.text import xml_safe

KIND_COLOURS = {"actor": "#1f77b4", "jurisdiction": "#2ca02c", "order": "#ff7f0e", "other": "#7f7f7f"}
LAYOUT_SEED = 7  # the same graph always gets the same picture

# pyvis's template pulls Bootstrap from a CDN even with the JavaScript inlined; the graph works without it.
_REMOTE = re.compile(
    r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>|<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.IGNORECASE
)


def plot_graph(graph: nx.Graph, path: Path, title: str, edge_label: str = "type") -> Path:
    """A PNG of `graph`: nodes coloured by kind and sized by evidence, edges labelled by `edge_label`."""
    figure = Figure(figsize=(11, 8), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.set_axis_off()
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "no data", ha="center", va="center")
    else:
        simple = nx.DiGraph(graph) if graph.is_directed() else nx.Graph(graph)
        position = nx.spring_layout(simple, seed=LAYOUT_SEED)
        nx.draw_networkx(
            simple,
            position,
            ax=axes,
            labels=nx.get_node_attributes(graph, "label"),
            node_color=[KIND_COLOURS.get(kind, KIND_COLOURS["other"]) for _, kind in simple.nodes(data="kind")],
            node_size=[300 + 60 * count for _, count in simple.nodes(data="evidence_count")],
            font_size=8,
            edge_color="#999999",
        )
        nx.draw_networkx_edge_labels(
            simple, position, edge_labels=_edge_labels(graph, edge_label), ax=axes, font_size=7
        )
        _kind_legend(axes, [kind for _, kind in graph.nodes(data="kind")])
    figure.savefig(path, dpi=100)
    return path


def _kind_legend(axes: Axes, kinds: Iterable[str]) -> None:
    present = sorted(set(kinds))
    if present:
        patches = [Patch(color=KIND_COLOURS.get(kind, KIND_COLOURS["other"]), label=kind) for kind in present]
        axes.legend(handles=patches, fontsize=8, loc="lower right")


def _edge_labels(graph: nx.Graph, attribute: str) -> dict[tuple[str, str], str]:
    """One label per edge of the drawn simple graph, joining the values of parallel edges with '/'."""
    values: dict[tuple[str, str], set[str]] = {}
    for first, second, value in graph.edges(data=attribute):
        if value is not None:
            values.setdefault((first, second), set()).add(str(value))
    return {pair: " / ".join(sorted(labels)) for pair, labels in values.items()}


def plot_timeline(rows: Sequence[TimelineRow], path: Path, title: str) -> Path:
    """A PNG of stacked bars: events per period, by fact type."""
    figure = Figure(figsize=(11, 5), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    types = sorted({kind for row in rows for kind in row.counts})
    positions = range(len(rows))
    bottom = [0] * len(rows)
    for kind in types:
        heights = [row.counts.get(kind, 0) for row in rows]
        axes.bar(positions, heights, bottom=bottom, label=kind)
        bottom = [low + high for low, high in zip(bottom, heights, strict=True)]
    axes.set_xticks(list(positions), [row.period.isoformat() for row in rows], rotation=45, ha="right")
    axes.set_ylabel("events")
    if types:
        axes.legend(fontsize=8)
    else:
        axes.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=axes.transAxes)
    figure.savefig(path, dpi=100)
    return path


def plot_centrality(rows: Sequence[CentralityRow], path: Path, title: str) -> Path:
    """A PNG of horizontal PageRank bars, most central at the top."""
    figure = Figure(figsize=(9, 1 + 0.4 * max(len(rows), 1)), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    ordered = list(reversed(rows))
    axes.barh(
        [row.label for row in ordered],
        [row.pagerank for row in ordered],
        color=[KIND_COLOURS.get(row.kind, KIND_COLOURS["other"]) for row in ordered],
    )
    axes.set_xlabel("PageRank")
    _kind_legend(axes, [row.kind for row in rows])
    figure.savefig(path, dpi=100)
    return path


def write_interactive(graph: nx.Graph, path: Path) -> Path:
    """An HTML page with the graph to drag and zoom, working offline: vis-network is inlined, nothing is fetched."""
    network = Network(height="800px", width="100%", directed=graph.is_directed(), cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        network.add_node(
            node,
            label=data["label"],
            title="\n".join([data["label"], data["class"], node, f"evidence: {data['evidence_count']}"]),
            color=KIND_COLOURS.get(data["kind"], KIND_COLOURS["other"]),
            value=1 + data["evidence_count"],
        )
    for first, second, data in graph.edges(data=True):
        network.add_edge(first, second, label=data["type"], title="\n".join([data["type"], *data["sentences"]]))
    html = _REMOTE.sub("", network.generate_html())
    path.write_text(html, encoding="utf-8")
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

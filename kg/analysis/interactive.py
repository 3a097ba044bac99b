"""graph.html of `kg analyze`: a projection as a page to explore offline, drawn by a vendored vis-network.

The page (kg/analysis/web/: graph.html, graph.js, graph.css, vis-network.min.js) opens at a readable zoom, has a
heading, a search box over names and aliases, a legend whose entries filter nodes by class and edges by fact
type, labels on the most central nodes only (the others on hover or when found), and one edge per pair of nodes
with a count per fact type instead of a bundle of parallel edges. Everything is inlined: the page loads nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import networkx as nx
from jinja2 import Environment, select_autoescape

from kg.analysis.analyses import centrality
from kg.analysis.layout import FACT_COLOURS, KIND_COLOURS, fact_colour, kind_colour

TOP_LABELS = 25  # nodes labelled from the start, most central first
SENTENCES = 5  # evidence sentences in an edge's tooltip
WEB = files("kg.analysis") / "web"


@dataclass(frozen=True)
class FilterItem:
    name: str
    colour: str
    count: int


def graph_data(graph: nx.Graph, *, labelled: int = TOP_LABELS) -> dict:
    """The nodes (most central first) and merged edges of `graph` as the page's script reads them.

    Node: id, label, names (label and aliases), cls, kind, colour, value (evidence count), title (tooltip), top
    (labelled from the start). Edge: id, from, to, types (fact type -> number of parallel edges of that type),
    count (all of them), title (types and up to `SENTENCES` evidence sentences).
    """
    order = [row.node for row in centrality(graph)]
    top = set(order[:labelled])
    nodes = []
    for node in order:
        data = graph.nodes[node]
        title = "\n".join([data["label"], data["class"] or data["kind"], f"evidence: {data['evidence_count']}", node])
        nodes.append({
            "id": node, "label": data["label"], "names": [data["label"], *data.get("aliases", [])],
            "cls": data["class"] or data["kind"], "kind": data["kind"], "colour": kind_colour(data["kind"]),
            "value": 1 + data["evidence_count"], "title": title, "top": node in top,
        })
    merged: dict[tuple[str, str], list[dict]] = {}
    for first, second, data in graph.edges(data=True):
        merged.setdefault((first, second), []).append(data)
    edges = []
    for number, ((first, second), parallel) in enumerate(merged.items()):
        types = Counter(data["type"] for data in parallel)
        sentences = sorted({sentence for data in parallel for sentence in data.get("sentences", [])})
        lines = [", ".join(f"{kind} ×{count}" if count > 1 else kind for kind, count in sorted(types.items()))]
        lines += sentences[:SENTENCES]
        if len(sentences) > SENTENCES:
            lines.append(f"… and {len(sentences) - SENTENCES} more")
        edges.append({
            "id": number, "from": first, "to": second, "types": dict(sorted(types.items())),
            "count": len(parallel), "title": "\n".join(lines),
        })
    return {"nodes": nodes, "edges": edges, "directed": graph.is_directed(), "colours": FACT_COLOURS}


def write_interactive(graph: nx.Graph, path: Path, title: str = "Actor-order graph") -> Path:
    """Write graph.html for `graph` (see the module's docstring); return `path`."""
    data = graph_data(graph)
    classes = Counter((node["cls"], node["kind"]) for node in data["nodes"])
    types = Counter(kind for edge in data["edges"] for kind, count in edge["types"].items() for _ in range(count))
    kinds = {node["kind"] for node in data["nodes"]}
    environment = Environment(autoescape=select_autoescape(default=True))
    page = environment.from_string((WEB / "graph.html").read_text(encoding="utf-8")).render(
        title=title,
        summary=f"{graph.number_of_nodes()} nodes, {len(data['edges'])} edges ({graph.number_of_edges()} facts "
        "between them)",
        classes=[FilterItem(cls, kind_colour(kind), count) for (cls, kind), count in sorted(classes.items())],
        types=[FilterItem(kind, fact_colour(kind), count) for kind, count in sorted(types.items())],
        kinds=[(kind, colour) for kind, colour in KIND_COLOURS.items() if kind in kinds],
        labelled=min(TOP_LABELS, graph.number_of_nodes()),
        css=(WEB / "graph.css").read_text(encoding="utf-8"),
        vis=(WEB / "vis-network.min.js").read_text(encoding="utf-8"),
        script=(WEB / "graph.js").read_text(encoding="utf-8"),
        data=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),  # no '</script>' inside the script
    )
    path.write_text(page, encoding="utf-8")
    return path

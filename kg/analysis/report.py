"""The analysis report: plots, an interactive graph, GraphML files and a summary in Markdown and HTML.

The summary is built once as a list of `Section` and rendered twice, so the two formats always
say the same thing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.analysis.analyses import (
    Coalitions,
    Event,
    ExposureRow,
    centrality,
    coalitions,
    events,
    funding_exposure,
)
from kg.analysis.interactive import write_interactive
from kg.analysis.projections import (
    actor_network,
    actor_order_graph,
    funding_graph,
    jurisdiction_hierarchy,
)
from kg.analysis.render import plot_centrality, plot_graph, plot_timeline, write_graphml
from kg.store import Store

DEFAULT_OUT = Path("out/analysis")
TITLE = "Policy graph analysis"
TOP = 15  # nodes in the centrality table and plot


@dataclass(frozen=True)
class Section:
    """One part of the summary: text, links, a picture and a table, each optional."""

    title: str
    text: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (text, relative href)
    image: str | None = None  # file name in the report folder
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def report(store: Store, out_dir: Path = DEFAULT_OUT) -> Path:
    """Write the whole analysis of `store` into `out_dir`; return the path of ``report.html``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    graphs = {
        "actor_order_graph": actor_order_graph(store),
        "actor_network": actor_network(store),
        "funding_graph": funding_graph(store),
        "jurisdiction_hierarchy": jurisdiction_hierarchy(store),
    }
    for name, graph in graphs.items():
        write_graphml(graph, out_dir / f"{name}.graphml")
    write_interactive(graphs["actor_order_graph"], out_dir / "graph.html")
    ranking = centrality(graphs["actor_order_graph"])[:TOP]
    happened = events(store)
    plot_centrality(ranking, out_dir / "centrality.png", "Most central nodes (PageRank)")
    plot_graph(graphs["actor_network"], out_dir / "actor_network.png", "Actor network")
    plot_graph(graphs["funding_graph"], out_dir / "funding_graph.png", "Funding (edge colour: status)", "status")
    plot_timeline(happened, out_dir / "timeline.png", "Orders issued, stances and funding over time")
    graph = graphs["actor_order_graph"]
    documents = {document for *_, names in graph.edges(data="documents") for document in names}
    overview = Section(
        "Overview",
        f"{len(documents)} documents; the actor-order graph has {graph.number_of_nodes()} nodes and "
        f"{graph.number_of_edges()} edges.",
        links=(("Interactive graph", "graph.html"), *((f"{name} (GraphML)", f"{name}.graphml") for name in graphs)),
    )
    central = Section(
        "Most central nodes",
        "Ranked by PageRank in the actor-order graph; betweenness ignores edge direction.",
        image="centrality.png",
        headers=("node", "kind", "degree", "betweenness", "PageRank"),
        rows=tuple((r.label, r.kind, str(r.degree), f"{r.betweenness:.3f}", f"{r.pagerank:.3f}") for r in ranking),
    )
    sections = [overview, central, *_coalition_sections(coalitions(store)), _exposure_section(funding_exposure(store))]
    sections.append(_timeline_section(happened))
    (out_dir / "report.md").write_text(to_markdown(TITLE, sections), encoding="utf-8")
    target = out_dir / "report.html"
    target.write_text(to_html(TITLE, sections), encoding="utf-8")
    return target


def _coalition_sections(found: Coalitions) -> list[Section]:
    names = [f"bloc {number}" for number in range(1, len(found.blocs) + 1)]
    blocs = Section(
        "Coalitions",
        "Louvain communities of actors that take the same stance on the same order.",
        image="actor_network.png",
        headers=("bloc", "members", "stances"),
        rows=tuple(
            (name, ", ".join(bloc.labels), "; ".join(f"{stance} {order}" for order, stance in bloc.positions))
            for name, bloc in zip(names, found.blocs, strict=True)
        ),
    )
    opposing = Section(
        "Opposing blocs",
        "One bloc complies with an order that the other opposes, challenges or refuses.",
        headers=("bloc", "against", "orders"),
        rows=tuple((names[o.first], names[o.second], ", ".join(o.orders)) for o in found.oppositions),
    )
    return [blocs, opposing]


def _exposure_section(rows: Sequence[ExposureRow]) -> Section:
    return Section(
        "Funding exposure",
        "Money at stake per recipient, the order behind it and the recipient's stance towards that order.",
        image="funding_graph.png",
        headers=("recipient", "funder", "instrument", "status", "order", "issued by", "stance"),
        rows=tuple(
            (r.recipient_label, r.funder_label, r.instrument, r.status, r.order_label, r.issuers, r.stance)
            for r in rows
        ),
    )


def _timeline_section(rows: Sequence[Event]) -> Section:
    return Section(
        "Timeline",
        "Orders issued, stances taken and funding provided, threatened or withheld, one mark per fact and day, "
        "dated by the text or else by their document (facts dated only by a month or a year are left out).",
        image="timeline.png",
        headers=("date", "kind", "event"),
        rows=tuple((event.date.isoformat(), event.kind, event.text) for event in rows),
    )


def to_markdown(title: str, sections: Sequence[Section]) -> str:
    """The sections as a Markdown document."""
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.text:
            lines += [section.text, ""]
        if section.links:
            lines += [*(f"- [{text}]({href})" for text, href in section.links), ""]
        if section.image:
            lines += [f"![{section.title}]({section.image})", ""]
        if section.headers and section.rows:
            table = [section.headers, tuple("---" for _ in section.headers), *section.rows]
            lines += [*("| " + " | ".join(_cell(value) for value in row) + " |" for row in table), ""]
        elif section.headers:
            lines += ["(none)", ""]
    return "\n".join(lines)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def to_html(title: str, sections: Sequence[Section]) -> str:
    """The sections as a standalone HTML page (the images are files next to it)."""
    esc = html.escape
    parts = [
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}img{max-width:100%}</style>",
        f"</head><body><h1>{esc(title)}</h1>",
    ]
    for section in sections:
        parts.append(f"<h2>{esc(section.title)}</h2>")
        if section.text:
            parts.append(f"<p>{esc(section.text)}</p>")
        if section.links:
            items = "".join(f"<li><a href='{esc(href)}'>{esc(text)}</a></li>" for text, href in section.links)
            parts.append(f"<ul>{items}</ul>")
        if section.image:
            parts.append(f"<img src='{esc(section.image)}' alt='{esc(section.title)}'>")
        if section.headers:
            head = "".join(f"<th>{esc(value)}</th>" for value in section.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{esc(value)}</td>" for value in row) + "</tr>" for row in section.rows
            )
            parts.append(f"<table><tr>{head}</tr>{body}</table>" if section.rows else "<p>(none)</p>")
    parts.append("</body></html>")
    return "\n".join(parts)

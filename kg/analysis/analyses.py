"""Analyses that answer policy questions with the graph projections of `kg.analysis.projections`.

- `centrality`: which nodes matter most?
- `coalitions`: which actors stand together on the same orders, and which blocs stand against each other?
- `funding_exposure`: whose money is at stake under which order, and how do they respond to it?
- `explain_path`: how are two things connected, sentence by sentence?
- `timeline`: how many facts of each type per day or week?
- `events`: when did what happen: orders issued, stances taken, money provided, threatened or withheld?
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Literal

import networkx as nx

from kg.analysis.layout import EVENT_COLOURS
from kg.analysis.projections import (
    STANCE_TYPES,
    FactRecord,
    actor_network,
    actor_order_graph,
    date_span,
    fact_records,
    node_label,
    nodes,
)
from kg.errors import KgError
from kg.store import Store

# Fixed so that the same graph always splits into the same coalitions.
LOUVAIN_SEED = 42
SUPPORT = frozenset({"comply"})
RESIST = frozenset({"oppose", "challenge", "refuse"})


@dataclass(frozen=True)
class CentralityRow:
    """How central one node is."""

    node: str
    label: str
    kind: str
    degree: int
    betweenness: float
    pagerank: float


@dataclass(frozen=True)
class Bloc:
    """Actors that take the same stances on the same orders."""

    members: tuple[str, ...]  # IRIs, in label order
    labels: tuple[str, ...]
    positions: tuple[tuple[str, str], ...]  # (order label, stance) taken by some member

    @property
    def name(self) -> str:
        """The bloc named by its members: "A, B and C", or "A, B, C and 4 more"."""
        if len(self.labels) > 4:
            return f"{', '.join(self.labels[:3])} and {len(self.labels) - 3} more"
        return " and ".join(filter(None, [", ".join(self.labels[:-1]), self.labels[-1]]))


@dataclass(frozen=True)
class Opposition:
    """Two blocs on opposite sides of orders: one complies where the other opposes, challenges or refuses."""

    first: int  # index into Coalitions.blocs
    second: int
    orders: tuple[str, ...]  # order labels
    first_name: str = ""  # the blocs' names (`Bloc.name`)
    second_name: str = ""


@dataclass(frozen=True)
class Coalitions:
    blocs: list[Bloc]
    oppositions: list[Opposition]


@dataclass(frozen=True)
class ExposureRow:
    """One funding relation of a recipient, with the order behind it and the recipient's answer to that order."""

    recipient: str
    recipient_label: str
    funder_label: str
    instrument: str
    status: str
    order_label: str  # '' when the text names no order
    issuers: str  # labels of the order's issuers, comma-separated
    stance: str  # the recipient's stances towards the order, comma-separated, or 'none'


@dataclass(frozen=True)
class Hop:
    """One step of an explained path, in walking order; `forward` says whether the edge points this way."""

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    forward: bool
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class TimelineRow:
    """Number of facts of each type in one period (a day, or a week starting on Monday)."""

    period: dt.date
    counts: dict[str, int]


@dataclass(frozen=True)
class Event:
    """One dated event: an order issued, a stance taken on an order, a change in funding."""

    date: dt.date
    kind: str  # issued; comply, oppose, challenge or refuse; funding and the status (funding threatened, ...)
    source: str  # IRIs: issuer, stance holder or funder ...
    source_label: str
    target: str  # ... and the order or the recipient of the money
    target_label: str
    detail: str = ""  # funding: the instrument and amount

    @property
    def text(self) -> str:
        """The event in words: 'Seattle challenged Executive Order 13768'."""
        if self.kind.startswith("funding"):
            what = f" ({self.detail})" if self.detail else ""
            return f"{self.source_label}: {self.kind.removeprefix('funding ')} funding for {self.target_label}{what}"
        return f"{self.source_label} {_VERBS.get(self.kind, self.kind)} {self.target_label}"


_VERBS = {"comply": "complied with", "oppose": "opposed", "challenge": "challenged", "refuse": "refused"}


def centrality(graph: nx.Graph) -> list[CentralityRow]:
    """Degree, betweenness and PageRank of every node, most central (by PageRank) first.

    Degree counts parallel edges; betweenness is taken on the undirected simple graph (who brokers
    between whom, whichever way the facts point); PageRank follows edge direction and ``weight``.
    """
    if graph.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(nx.Graph(graph))
    pagerank = nx.pagerank(graph, weight="weight")
    rows = [
        CentralityRow(
            node=node,
            label=data.get("label", node),
            kind=data.get("kind", "other"),
            degree=graph.degree(node),
            betweenness=betweenness[node],
            pagerank=pagerank[node],
        )
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda row: (-row.pagerank, row.label))


def coalitions(store: Store) -> Coalitions:
    """Louvain communities of the co-stance network, and the pairs of blocs on opposite sides of an order.

    Blocs come largest first; actors that share no stance with anyone are blocs of one.
    """
    network = actor_network(store, fact_types=STANCE_TYPES)
    stances = actor_order_graph(store, fact_types=STANCE_TYPES)
    communities = nx.community.louvain_communities(network, weight="weight", seed=LOUVAIN_SEED)
    label = nx.get_node_attributes(network, "label")
    positions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for actor, order, stance in stances.edges(data="stance"):
        positions[actor].add((order, stance))
    groups = sorted(
        (sorted(community, key=lambda node: label[node]) for community in communities),
        key=lambda members: (-len(members), label[members[0]]),
    )
    order_label = nx.get_node_attributes(stances, "label")
    held = [{position for node in members for position in positions[node]} for members in groups]
    blocs = [
        Bloc(
            members=tuple(members),
            labels=tuple(label[node] for node in members),
            positions=tuple(sorted({(order_label[order], stance) for order, stance in taken})),
        )
        for members, taken in zip(groups, held, strict=True)
    ]
    oppositions = []
    for (first, a), (second, b) in combinations(enumerate(held), 2):
        orders = _opposed(a, b) | _opposed(b, a)
        if orders:
            oppositions.append(Opposition(first, second, tuple(sorted(order_label[order] for order in orders)),
                                          blocs[first].name, blocs[second].name))
    return Coalitions(blocs, oppositions)


def _opposed(supporter: set[tuple[str, str]], resister: set[tuple[str, str]]) -> set[str]:
    """Orders that one side complies with and the other opposes, challenges or refuses."""
    resisted = {order for order, stance in resister if stance in RESIST}
    return {order for order, stance in supporter if stance in SUPPORT and order in resisted}


def funding_exposure(store: Store) -> list[ExposureRow]:
    """Every funding relation by recipient: instrument, status, imposing order, its issuers, the recipient's stance."""
    graph = actor_order_graph(store)
    rows = []
    for funder, recipient, data in graph.edges(data=True):
        if data["type"] != "funds":
            continue
        order = data.get("order")
        stances = {
            edge["stance"] for edge in graph.get_edge_data(recipient, order, default={}).values() if "stance" in edge
        }
        rows.append(
            ExposureRow(
                recipient=recipient,
                recipient_label=graph.nodes[recipient]["label"],
                funder_label=graph.nodes[funder]["label"],
                instrument=data.get("instrument", ""),
                status=data.get("status", ""),
                order_label=data.get("order_label", ""),
                issuers=", ".join(_issuers(graph, order)),
                stance=", ".join(sorted(stances)) or "none",
            )
        )
    return sorted(rows, key=lambda row: (row.recipient_label, row.order_label, row.instrument, row.status))


def _issuers(graph: nx.MultiDiGraph, order: str | None) -> list[str]:
    if order not in graph:
        return []
    return sorted(
        graph.nodes[node]["label"] for node, _, kind in graph.in_edges(order, data="type") if kind == "issued"
    )


def explain_path(store: Store, source: str, target: str) -> list[Hop]:
    """The shortest chain of facts between two nodes (by label, alias or IRI) in the actor-order graph.

    The search ignores edge direction; each hop says which way its edge points. Between two nodes
    the hop takes an edge pointing the walking way if there is one, then the best-evidenced.
    Empty when the two are not connected; `KgError` when a name matches no node or several.
    """
    graph = actor_order_graph(store)
    start, end = _resolve(graph, source), _resolve(graph, target)
    try:
        walk = nx.shortest_path(graph.to_undirected(as_view=True), start, end)
    except nx.NetworkXNoPath:
        return []
    return [_hop(graph, first, second) for first, second in pairwise(walk)]


def _hop(graph: nx.MultiDiGraph, first: str, second: str) -> Hop:
    candidates = [(True, data) for data in graph.get_edge_data(first, second, default={}).values()]
    candidates += [(False, data) for data in graph.get_edge_data(second, first, default={}).values()]
    forward, data = min(candidates, key=lambda item: (not item[0], -item[1]["evidence_count"], item[1]["type"]))
    return Hop(
        source=first,
        source_label=graph.nodes[first]["label"],
        relation=data["type"],
        target=second,
        target_label=graph.nodes[second]["label"],
        forward=forward,
        sentences=tuple(data["sentences"]),
    )


def _resolve(graph: nx.Graph, name: str) -> str:
    """The node whose IRI is `name`, else the one node whose label or alias is `name` (ignoring case)."""
    if name in graph:
        return name
    wanted = name.casefold()
    matches = sorted(
        node
        for node, data in graph.nodes(data=True)
        if wanted in {data["label"].casefold(), *(alias.casefold() for alias in data["aliases"])}
    )
    if len(matches) != 1:
        found = f"several nodes: {', '.join(matches)}" if matches else "no node"
        raise KgError(f"{name!r} names {found}; give a node's IRI or exact label")
    return matches[0]


def timeline(store: Store, freq: Literal["day", "week"] = "day") -> list[TimelineRow]:
    """Number of events per day or week, by fact type, dated as in `kg.analysis.projections.fact_records`.

    An event is a fact (type, endpoints, qualifiers) in a period, however many documents state it.
    Facts whose date is not a day ('2017', '2017-01') cannot be placed and are left out.
    """
    if freq not in ("day", "week"):
        raise KgError(f"unknown frequency {freq!r}; use 'day' or 'week'")
    events: dict[dt.date, set[tuple[str, str, str, str]]] = defaultdict(set)
    for record in fact_records(store):
        span = date_span(record.when) if record.when else None
        if span is None or span[0] != span[1]:
            continue
        day = span[0]
        period = day - dt.timedelta(days=day.weekday()) if freq == "week" else day
        events[period].add((record.type, record.source, record.target, record.key))
    return [
        TimelineRow(period, dict(sorted(Counter(kind for kind, *_ in events[period]).items())))
        for period in sorted(events)
    ]


def events(store: Store) -> list[Event]:
    """Orders issued, stances and funding facts with a day date, one event per fact and day, in date order.

    Dated as in `timeline` (the text's date, else the document's); facts dated only by a year or month are left out.
    """
    info = nodes(store)
    found = set()
    for record in fact_records(store, fact_types=("issued", *STANCE_TYPES, "funds")):
        span = date_span(record.when) if record.when else None
        if span is None or span[0] != span[1]:
            continue
        kind = _event_kind(record)
        if kind is None:
            continue
        detail = " ".join(filter(None, (record.qualifier("instrument"), record.qualifier("amount"))))
        found.add(
            Event(span[0], kind, record.source, node_label(record.source, info), record.target,
                  node_label(record.target, info), detail)
        )
    rank = {kind: number for number, kind in enumerate(EVENT_COLOURS)}  # the legend's order: issued, stances, money
    return sorted(found, key=lambda e: (e.date, rank.get(e.kind, len(rank)), e.source_label, e.target_label))


def _event_kind(record: FactRecord) -> str | None:
    if record.type == "issued":
        return "issued"
    if record.type == "funds":
        return f"funding {record.qualifier('status')}" if record.qualifier("status") else None
    return record.qualifier("stance")


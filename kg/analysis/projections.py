"""Graph projections of the store: SPARQL rows in, networkx graphs out.

Every projection starts from the rows of ``kg/data/queries/facts.rq`` as the facts carry them
(``kg.queries.fact_rows``, what ``kg facts`` lists), so the graphs and ``kg facts`` agree on what a fact is. Node
attributes come from ``kg/data/queries/projection_nodes.rq`` and document dates from ``kg/data/queries/documents.rq``.

Edges point the way a fact reads in `kg.facts`: actor -issued-> order, order -applies_to->
jurisdiction, actor -opposes-> order, funder -funds-> recipient, county -part_of-> state. Facts with
the same endpoints, type and qualifiers are one edge however many documents state them; its
``evidence_count`` says how many sentences do.

Node attributes: ``label``, ``class`` (ontology local name), ``kind`` (actor, jurisdiction, order
or other), ``aliases``, ``date`` (orders: date issued) and ``evidence_count`` (evidence sentences of
the facts that touch the node). Edge attributes: ``type``, the fact qualifiers (``stance``,
``modality``, ``status``, ``instrument``, ``amount``, ``order``, ``role``), ``date``,
``evidence_count``, ``weight`` (= evidence count), ``sentences`` and ``documents``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import combinations, product
from typing import Any, TypeVar

import networkx as nx
from rdflib.term import Node

from kg.errors import KgError
from kg.facts import FACT_TYPES
from kg.queries import fact_rows, query
from kg.store import Store
from kg.vocab import NAMESPACE

STANCE_TYPES = ("complies_with", "opposes")
# What makes two actors tied in the actor network (see `actor_network`).
NETWORK_TYPES = (*STANCE_TYPES, "issued", "addressed_to", "holds_office", "member_of")

DateLike = str | dt.date
GraphT = TypeVar("GraphT", bound=nx.Graph)


@dataclass(frozen=True)
class NodeInfo:
    """What the graph knows about an entity."""

    iri: str
    label: str
    cls: str
    kind: str  # actor, jurisdiction, order or other
    aliases: tuple[str, ...] = ()
    date: str | None = None


@dataclass(frozen=True)
class FactRecord:
    """One fact node of the store, with its qualifiers and all its evidence."""

    iri: str
    type: str
    source: str
    target: str
    when: str | None  # the fact's own date, else its document's date; as precise as the text
    evidence: frozenset[tuple[str, str]]  # (document file name, sentence)
    qualifiers: tuple[tuple[str, str], ...] = ()  # sorted (name, value) pairs

    @property
    def key(self) -> str:
        """Type plus qualifiers: facts with the same key between the same nodes make one edge."""
        return "|".join([self.type, *(f"{name}={value}" for name, value in self.qualifiers)])

    def qualifier(self, name: str) -> str | None:
        """The value of one qualifier (stance, status, order, ...), None when the fact has none."""
        return dict(self.qualifiers).get(name)


def date_span(value: DateLike) -> tuple[dt.date, dt.date] | None:
    """First and last day of a date as precise as the text gave it ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD').

    None when `value` is not such a date.
    """
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day, day
    try:
        parts = [int(part) for part in value[:10].split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            year, month = parts
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(*parts), dt.date(*parts)
    except (ValueError, TypeError):
        return None


def nodes(store: Store) -> dict[str, NodeInfo]:
    """Every entity of the store by IRI, as the merge graph describes it: its preferred label, every other name
    as an alias; a node with several classes gets the first in sort order."""
    labels: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[tuple[str, str]]] = defaultdict(set)
    dates: dict[str, set[str]] = defaultdict(set)
    for row in query(store, "projection_nodes").rows:
        iri = str(row["node"])
        labels[iri].add(str(row["label"]))
        kind = _local(row["kind"]).lower() if row["kind"] is not None else "other"
        classes[iri].add((_local(row["class"]), kind))
        if row["alias"] is not None:
            aliases[iri].add(str(row["alias"]))
        if row["date"] is not None:
            dates[iri].add(str(row["date"]))
    result = {}
    for iri, names in labels.items():
        label = min(names)  # the merge graph has one rdfs:label per entity
        # Prefer a class of a known kind: a class outside the actor/jurisdiction/order trees says less.
        cls, kind = min(classes[iri], key=lambda pair: (pair[1] == "other", pair))
        others = tuple(sorted((names | aliases[iri]) - {label}))
        result[iri] = NodeInfo(iri, label, cls, kind, others, min(dates[iri], default=None))
    return result


def fact_records(
    store: Store,
    *,
    since: DateLike | None = None,
    until: DateLike | None = None,
    documents: Collection[str] | None = None,
    fact_types: Collection[str] | None = None,
) -> list[FactRecord]:
    """The facts of the store, filtered.

    `since` / `until` keep facts whose date (their own, else their document's) overlaps the range;
    bounds may be partial ('2017', '2017-01') and facts without any date are dropped when a bound is
    given. `documents` keeps the evidence from those file names (and the facts that have some);
    `fact_types` keeps facts of those types (names of `kg.facts.FactType`).
    """
    _check_fact_types(fact_types)
    start, end = _bound(since, 0), _bound(until, 1)
    records = _records(store)
    if documents is not None:
        records = [_restricted(record, set(documents)) for record in records]
    return [
        record
        for record in records
        if record.evidence
        and (fact_types is None or record.type in fact_types)
        and ((start is None and end is None) or _overlaps(record.when, start, end))
    ]


def actor_order_graph(
    store: Store,
    *,
    since: DateLike | None = None,
    until: DateLike | None = None,
    documents: Collection[str] | None = None,
    fact_types: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Actors, jurisdictions and orders, with one edge per kind of fact between two of them.

    Edge keys are `FactRecord.key`. Filters as in `fact_records`.
    """
    records = fact_records(store, since=since, until=until, documents=documents, fact_types=fact_types)
    info = nodes(store)
    graph = nx.MultiDiGraph()
    groups: dict[tuple[str, str, str], list[FactRecord]] = defaultdict(list)
    for record in records:
        groups[record.source, record.target, record.key].append(record)
    for (source, target, key), group in groups.items():
        graph.add_edge(source, target, key=key, **_edge_attributes(group, info))
    return _with_node_attributes(graph, info, records)


def funding_graph(
    store: Store,
    *,
    since: DateLike | None = None,
    until: DateLike | None = None,
    documents: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Funder -> recipient, one edge per status, instrument and imposing order (``order``, ``order_label``)."""
    return actor_order_graph(store, since=since, until=until, documents=documents, fact_types=("funds",))


def jurisdiction_hierarchy(store: Store) -> nx.DiGraph:
    """Jurisdictions, with an edge from each to the jurisdiction it is part of (as stated, not closed)."""
    return nx.DiGraph(actor_order_graph(store, fact_types=("part_of",)))


def actor_network(
    store: Store,
    *,
    since: DateLike | None = None,
    until: DateLike | None = None,
    documents: Collection[str] | None = None,
    fact_types: Collection[str] | None = None,
) -> nx.Graph:
    """Ties between actors.

    - ``co_stance``: both take the same stance (comply, oppose, challenge, refuse) on the same order;
    - ``issuer_addressee``: one issued an order addressed to the other;
    - ``office`` / ``membership``: a person holds an office in, or is a member of, an organization
      or jurisdiction.

    Every actor of a contributing fact is a node, tied or not. An edge's ``type`` joins its kinds of
    tie with '+', ``orders`` / ``order_labels`` name the orders behind them and ``weight`` counts
    distinct (kind, order) ties. `fact_types` narrows `NETWORK_TYPES`; other filters as in `fact_records`.
    """
    _check_fact_types(fact_types)
    wanted = [t for t in NETWORK_TYPES if fact_types is None or t in fact_types]
    records = fact_records(store, since=since, until=until, documents=documents, fact_types=wanted)
    info = nodes(store)
    graph = nx.Graph()
    graph.add_nodes_from(actor for record in records for actor in _participants(record))
    ties: dict[tuple[str, str], list[tuple[str, str | None, list[FactRecord]]]] = defaultdict(list)
    for first, second, kind, order, group in _ties(records):
        if first < second:
            ties[first, second].append((kind, order, group))
        elif second < first:
            ties[second, first].append((kind, order, group))
    for (first, second), items in ties.items():
        orders = sorted({order for _, order, _ in items if order})
        graph.add_edge(
            first,
            second,
            type="+".join(sorted({kind for kind, _, _ in items})),
            orders=orders,
            order_labels=[node_label(order, info) for order in orders],
            weight=len({(kind, order) for kind, order, _ in items}),
            **_evidence_attributes([record for *_, group in items for record in group]),
        )
    return _with_node_attributes(graph, info, records)


def _participants(record: FactRecord) -> tuple[str, ...]:
    """The actors of a network fact, leaving out the order it is about."""
    if record.type in (*STANCE_TYPES, "issued"):
        return (record.source,)
    if record.type == "addressed_to":
        return (record.target,)
    return record.source, record.target


def _ties(records: Iterable[FactRecord]) -> Iterator[tuple[str, str, str, str | None, list[FactRecord]]]:
    """(actor, actor, kind of tie, order or None, supporting facts) for every tie the facts make.

    Facts are grouped by actor first: two actors' facts about one order make one tie, not one per pair of facts
    (at 1M triples an order's stance holders have many facts each: 4M pairs of facts made 1M edges).
    """
    positions: dict[tuple[str, str | None], dict[str, list[FactRecord]]] = defaultdict(lambda: defaultdict(list))
    issued: dict[str, dict[str, list[FactRecord]]] = defaultdict(lambda: defaultdict(list))
    addressed: dict[str, dict[str, list[FactRecord]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if record.type in STANCE_TYPES:
            positions[record.target, record.qualifier("stance")][record.source].append(record)
        elif record.type == "issued":
            issued[record.target][record.source].append(record)
        elif record.type == "addressed_to":
            addressed[record.source][record.target].append(record)
        else:
            yield record.source, record.target, _MEMBERSHIP_TIES[record.type], None, [record]
    for (order, _), holders in positions.items():
        for (first, facts1), (second, facts2) in combinations(holders.items(), 2):
            yield first, second, "co_stance", order, facts1 + facts2
    for order, issuers in issued.items():
        for (issuer, facts1), (addressee, facts2) in product(issuers.items(), addressed.get(order, {}).items()):
            yield issuer, addressee, "issuer_addressee", order, facts1 + facts2


_MEMBERSHIP_TIES = {"holds_office": "office", "member_of": "membership"}

# facts.rq column -> qualifier name on edges.
_QUALIFIERS = {
    "stance": "stance",
    "modality": "modality",
    "status": "status",
    "instrument": "instrument",
    "amount": "amount",
    "imposed_by": "order",
    "role": "role",
}


def _records(store: Store) -> list[FactRecord]:
    """All facts of the store, one record per fact node, dated by their document when undated."""
    published = {
        str(row["name"]): str(row["date"]) for row in query(store, "documents").rows if row["date"] is not None
    }
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in fact_rows(store):  # the rows the facts carry: a large store's facts.rq takes minutes to compute
        rows[str(row["fact"])].append(row)
    records = []
    for iri, group in rows.items():
        first = group[0]
        evidence = frozenset((str(row["document"]), str(row["text"])) for row in group)
        own_dates = {str(row["date"]) for row in group if row.get("date") is not None}
        document_dates = {published[document] for document, _ in evidence if document in published}
        qualifiers = {name: str(first[column]) for column, name in _QUALIFIERS.items() if first.get(column) is not None}
        records.append(
            FactRecord(
                iri=iri,
                type=str(first["fact_type"]),
                source=str(first["subject"]),
                target=str(first["object"]),
                when=min(own_dates or document_dates, default=None),
                evidence=evidence,
                qualifiers=tuple(sorted(qualifiers.items())),
            )
        )
    return records


def _restricted(record: FactRecord, documents: set[str]) -> FactRecord:
    return replace(record, evidence=frozenset(item for item in record.evidence if item[0] in documents))


def _edge_attributes(group: list[FactRecord], info: dict[str, NodeInfo]) -> dict[str, Any]:
    """Attributes of the edge that facts of one key between two nodes make."""
    attributes: dict[str, Any] = {"type": group[0].type, **dict(group[0].qualifiers)}
    if "order" in attributes:
        attributes["order_label"] = node_label(attributes["order"], info)
    dates = sorted(record.when for record in group if record.when)
    if dates:
        attributes["date"] = dates[0]
    evidence = _evidence_attributes(group)
    return {**attributes, **evidence, "weight": evidence["evidence_count"]}


def _evidence_attributes(records: Iterable[FactRecord]) -> dict[str, Any]:
    evidence = set().union(*(record.evidence for record in records))
    return {
        "evidence_count": len(evidence),
        "sentences": sorted({sentence for _, sentence in evidence}),
        "documents": sorted({document for document, _ in evidence}),
    }


def _with_node_attributes(graph: GraphT, info: dict[str, NodeInfo], records: Iterable[FactRecord]) -> GraphT:
    """Label, class, kind, aliases, date and evidence count on every node of `graph`."""
    evidence: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for record in records:
        evidence[record.source] |= record.evidence
        evidence[record.target] |= record.evidence
    for node, data in graph.nodes(data=True):
        known = info.get(node) or NodeInfo(node, node_label(node, info), "", "other")
        data.update(label=known.label, kind=known.kind, aliases=list(known.aliases), evidence_count=len(evidence[node]))
        data["class"] = known.cls
        if known.date:
            data["date"] = known.date
    return graph


def node_label(iri: str, info: dict[str, NodeInfo]) -> str:
    """The label `nodes` gives an IRI, else the IRI's last segment."""
    return info[iri].label if iri in info else iri.rsplit("/", 1)[-1]


def _local(term: Node) -> str:
    return str(term).removeprefix(NAMESPACE)


def _check_fact_types(fact_types: Collection[str] | None) -> None:
    unknown = sorted(set(fact_types or ()) - set(FACT_TYPES))
    if unknown:
        raise KgError(f"unknown fact type(s) {', '.join(unknown)}; known: {', '.join(FACT_TYPES)}")


def _bound(value: DateLike | None, end: int) -> dt.date | None:
    """The first (end=0) or last (end=1) day of a range bound."""
    if value is None:
        return None
    span = date_span(value)
    if span is None:
        raise KgError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return span[end]


def _overlaps(when: str | None, start: dt.date | None, end: dt.date | None) -> bool:
    span = date_span(when) if when else None
    return span is not None and (start is None or span[1] >= start) and (end is None or span[0] <= end)

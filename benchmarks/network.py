"""The actor network of the synthetic graph, made straight from the generator's fact records.

The ties are kg.analysis.actor_network's (see its docstring): actors taking the same stance on the
same order (co_stance), an order's issuer and its addressees (issuer_addressee), office and
membership facts; an edge's ``weight`` counts its distinct (kind of tie, order) pairs. It stands in
for the projection over the store when that projection does not finish within the benchmark's bound,
so that PageRank and Louvain are still measured at the intended size.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from benchmarks.graph import extraction, universe
from kg.facts import Fact
from kg.mapping import entity_iri

_MEMBERSHIP = {"holds_office": "office", "member_of": "membership"}


def direct_actor_network(documents: int, seed: int = 0, pool_documents: int | None = None) -> nx.Graph:
    """The actor network of the first `documents` documents of a `benchmarks.graph` graph.

    `pool_documents` is what that graph's entity pools were sized for (`expected_documents`); by
    default the graph was made by document count, so it is `documents`.
    """
    u = universe(pool_documents if pool_documents is not None else documents, seed)
    return network(fact for index in range(documents) for fact in extraction(u, index, seed).facts)


def network(facts: Iterable[Fact]) -> nx.Graph:
    """kg.analysis.actor_network's graph (nodes named by entity IRI, edges weighted) for these facts."""
    positions: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    issued: dict[str, set[str]] = defaultdict(set)
    addressed: dict[str, set[str]] = defaultdict(set)
    ties: dict[tuple[str, str], set[tuple[str, str | None]]] = defaultdict(set)
    actors: set[str] = set()
    for fact in facts:
        if fact.type in ("complies_with", "opposes"):
            positions[fact.object, fact.stance].add(fact.subject)
            actors.add(fact.subject)
        elif fact.type == "issued":
            issued[fact.object].add(fact.subject)
            actors.add(fact.subject)
        elif fact.type == "addressed_to":
            addressed[fact.subject].add(fact.object)
            actors.add(fact.object)
        elif fact.type in _MEMBERSHIP:
            _tie(ties, fact.subject, fact.object, _MEMBERSHIP[fact.type], None)
            actors.update((fact.subject, fact.object))
    for (order, _), holders in positions.items():
        for first, second in itertools.combinations(sorted(holders), 2):
            _tie(ties, first, second, "co_stance", order)
    for order, issuers in issued.items():
        for issuer, addressee in itertools.product(issuers, addressed.get(order, ())):
            _tie(ties, issuer, addressee, "issuer_addressee", order)
    graph = nx.Graph()
    graph.add_nodes_from(_iri(actor) for actor in actors)
    graph.add_weighted_edges_from((_iri(first), _iri(second), len(kinds)) for (first, second), kinds in ties.items())
    return graph


@functools.cache
def _iri(key: str) -> str:
    return str(entity_iri(key))


def _tie(
    ties: dict[tuple[str, str], set[tuple[str, str | None]]], a: str, b: str, kind: str, order: str | None
) -> None:
    if a != b:
        ties[min(a, b), max(a, b)].add((kind, order))

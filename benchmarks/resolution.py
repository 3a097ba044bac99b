"""Resolution: what entity resolution costs per document, and whether the cross-document step stays linear.

Synthetic extractions (no parsing: the cost measured is resolution's own) of documents that each name a state,
an official in full or by surname alone, a federal body in one of its forms and a numbered order, drawn from
common names (`benchmarks.names`) with a fixed seed. Timed:

- `kg.resolve.resolve` on every document (the per-document stage of a build, authority lookups included);
- `kg.crossdoc.link` (every cross-document join: names, unplaced bodies, numbered orders, acronyms, unnamed
  office holders) over stores of a tenth of the documents and of all of them: each entity it joins rewrites the
  graphs that name it, so its cost per join should stay flat as the store grows (a step quadratic in the store
  would cost ten times more per join at ten times the documents).
"""

from __future__ import annotations

import random

from rdflib import Graph

from benchmarks.common import Result, Workspace, seconds, timed
from benchmarks.names import GIVEN_NAMES, SURNAMES
from kg.crossdoc import link
from kg.facts import DocumentInfo, Entity, Evidence, Extraction, Fact
from kg.mapping import ONTOLOGY_GRAPH, document_graph, to_triples
from kg.merge import merge
from kg.resolve import resolve
from kg.store import EmbeddedStore
from kg.vocabgen import ONTOLOGY

NAME = "resolution"
FIGURES = ["documents", "resolve_ms_per_document", "link_small_s", "link_full_s", "link_growth_per_join"]
DOCUMENTS = {"smoke": 100, "small": 2_000, "medium": 10_000, "large": 10_000}
STATES = [("state/us-or", "Oregon"), ("state/us-oh", "Ohio"), ("state/us-az", "Arizona"), ("state/us-tn", "Tennessee"),
          ("state/us-ut", "Utah"), ("state/us-wi", "Wisconsin"), ("state/us-pa", "Pennsylvania")]
BODIES = ["Department of Justice", "DOJ", "Justice Department", "FEMA", "Department of Housing and Urban Development",
          "HUD", "Environmental Protection Agency", "Department of Transportation"]
EVIDENCE = Evidence("synthetic.txt", "A synthetic sentence.", 0, 21)


def run(ws: Workspace) -> Result:
    result = Result(NAME)
    count = DOCUMENTS[ws.size.name]
    documents = synthetic_documents(count, ws.seed)
    result.add("documents", count, "synthetic documents")
    took, resolved = timed(lambda: [resolve(d) for d in documents])
    result.add("resolve_ms_per_document", took / count * 1000, "kg.resolve.resolve, per document",
               f"{took / count * 1000:.2f} ms")
    small_count = max(count // 10, 10)
    small, small_joins = _linked(ws, resolved[:small_count])
    full, full_joins = _linked(ws, resolved)
    result.add("link_small_s", small, f"kg.crossdoc.link, {small_count:,} documents ({small_joins:,} joins)",
               seconds(small))
    result.add("link_full_s", full, f"kg.crossdoc.link, {count:,} documents ({full_joins:,} joins)", seconds(full))
    growth = (full / max(full_joins, 1)) / (small / max(small_joins, 1))
    result.add("link_growth_per_join", growth, "its cost per join, all / a tenth", f"{growth:.2f}×")
    result.notes.append(
        "Each document: one state, an official named in full or by surname (or as an office), a federal body in "
        "one of its forms, a numbered order it issued. link is timed on stores already built and merged."
    )
    return result


def synthetic_documents(count: int, seed: int) -> list[Extraction]:
    rng = random.Random(seed)
    documents = []
    for i in range(count):
        state_key, state_name = rng.choice(STATES)
        given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
        label = rng.choice([f"{given} {surname}", surname, f"{given[0]}. {surname}"])
        person = Entity(f"person/p{i}", "Person", label)
        body = Entity(f"governmentbody/b{i}", "GovernmentBody", rng.choice(BODIES))
        order = Entity(f"executiveorder/o{i}", "ExecutiveOrder", f"Executive Order {rng.randint(1, 40)}-{i % 30}")
        state = Entity(state_key, "State", state_name)
        facts = [
            Fact("holds_office", person.key, state.key, EVIDENCE, role="governor"),
            Fact("issued", person.key, order.key, EVIDENCE),
            Fact("addressed_to", order.key, body.key, EVIDENCE),
        ]
        info = DocumentInfo(f"doc{i:06d}.txt", f"{rng.getrandbits(64):016x}", date=f"20{rng.randint(10, 25)}-03-01")
        documents.append(Extraction(info, {e.key: e for e in (person, body, order, state)}, facts))
    return documents


def _linked(ws: Workspace, documents: list[Extraction]) -> tuple[float, int]:
    """Seconds of every cross-document join over a store holding the documents (built and merged first, not
    timed), and how many joins it made."""
    store = EmbeddedStore(ws.fresh("resolution"))
    store.put_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY))
    for document in documents:
        store.put_graph(document_graph(document.document.name, document.document.content_hash), to_triples(document))
    merge(store)
    took, joined = timed(lambda: link(store))
    store.close()
    return took, len(joined)

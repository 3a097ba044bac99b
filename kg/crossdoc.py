"""Cross-document resolution: what no single document can decide, decided over the merged graph after a build.

A wire brief that names "Okafor" and a local story that names "Maria Okafor", both about Arizona, are one person
to a reader, but resolution reads one document at a time (`kg.resolve`), so the brief's "Okafor" is keyed
`person/us-az-okafor` and the story's `person/us-az-maria-okafor`. After the build's documents are merged,
`link_across` joins each person named by surname alone to the one person of the same state whose full name
ends in that surname, when there is exactly one, and never across a curated "distinct". The join rewrites the
document graphs that name the short form (as `kg same` does) and says why on the node; a rebuilt document is
linked again by the next build.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import URIRef

from kg.curate import join
from kg.mapping import ID
from kg.queries import load_query
from kg.resolve import Curation
from kg.store import Store

_STATE_KEY = re.compile(r"person/(us-[a-z]{2})-")


def link_across(store: Store, curation: Curation | None = None) -> list[tuple[str, str]]:
    """Join surname-only people to the one full name of their state; returns the (kept, joined) keys."""
    curation = curation or Curation()
    distinct = set(curation.distinct_pairs())
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    short: list[tuple[str, str, str]] = []
    for row in store.rows(load_query("people").text):
        key = str(row["person"]).removeprefix(ID)
        state = _STATE_KEY.match(key)
        words = str(row["label"]).replace(",", " ").split()
        if state is None or not words:
            continue
        surname = words[-1].lower()
        if len(words) == 1:
            short.append((key, state.group(1), surname))
        else:
            full[(state.group(1), surname)].add(key)
    joined = []
    for key, state, surname in short:
        candidates = full.get((state, surname), set())
        if len(candidates) != 1:
            continue
        kept = next(iter(candidates))
        if frozenset((kept, key)) in distinct:
            continue
        reason = f"across documents: {key} is the one {surname.title()} of {state.upper()[3:]} named in full"
        join(store, URIRef(ID + kept), URIRef(ID + key), reason)
        joined.append((kept, key))
    return joined

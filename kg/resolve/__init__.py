"""Entity resolution: which of a document's entities are one real entity, and which authority record each is.

One stage, run by the build between extraction and the RDF mapping, one document at a time::

    resolved = resolve(extraction)                      # the bundled authority tables, no curation
    resolved = resolve(extraction, curation=Curation.load(path))

Documents become one graph by keys: an entity resolved to an authority record gets that record's key
(`person/Q22686`, `governmentbody/us-doj`, `order/executive-order-13768`), so every document that names it, in
whatever words, adds to one node. Each rule that changes an entity's key or joins two entities says why in the
entity's `reasons` (written as `pol:resolution`, shown by `kg entity`). The order of the rules matters: places
first (offices and bodies are placed by them), people (orders are matched by who signed them), bodies and
courts, outlets, orders, and last the curation, which has the last word.
"""

from __future__ import annotations

from kg.authority import Authority, bundled
from kg.dates import parse_iso
from kg.facts import Extraction
from kg.resolve.bodies import resolve_bodies
from kg.resolve.curation import CURATION_FILE, Curation, CurationError, entity_key
from kg.resolve.identities import Identities
from kg.resolve.orders import resolve_orders
from kg.resolve.outlets import resolve_outlets
from kg.resolve.people import person_key, resolve_people
from kg.resolve.places import resolve_places

__all__ = ["CURATION_FILE", "Curation", "CurationError", "Identities", "entity_key", "person_key", "resolve"]


def resolve(
    extraction: Extraction, *, curation: Curation | None = None, authority: Authority | None = None
) -> Extraction:
    """The document's extraction with its entities resolved (a new `Extraction`; the given one is unchanged)."""
    authority = authority or bundled()
    curation = curation or Curation()
    info = extraction.document
    date = parse_iso(info.date) if info.date else None
    book = Identities(extraction, curation.distinct_pairs())
    resolve_places(book)
    resolve_people(book, extraction.facts, date, authority)
    resolve_bodies(book, authority)
    resolve_outlets(book)
    resolve_orders(book, extraction.facts, date, authority)
    curation.apply(book)
    return book.extraction()

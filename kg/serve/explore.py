"""What the explorer's pages show, read from the store with the named queries of `kg/data/queries/`.

Each function takes a `Store` and returns plain data for one page; none writes SPARQL of its own. Queries are
bound to the page's entity with `Store.query` bindings (VALUES blocks of RDF terms), also on result columns the
query does not declare as parameters (`?order` of stances.rq), which selects that entity's rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Node

from kg.mapping import ID
from kg.queries import entity_facts as queries_entity_facts
from kg.queries import load_query, query
from kg.store import Store
from kg.vocab import POL, SUBCLASSES

# Literal properties of an entity that are identifiers in an outside authority, shown with a link where one exists.
IDENTIFIERS = {
    str(POL.fips): ("FIPS", None),
    str(POL.geonamesId): ("GeoNames", "https://www.geonames.org/{}"),
    str(POL.wikidata): ("Wikidata", "https://www.wikidata.org/wiki/{}"),
}
Row = dict[str, Node | None]


def rows(store: Store, query_name: str, /, **terms: Node) -> list[Row]:
    """The rows of a named query with variables bound to RDF terms (declared parameters or result columns)."""
    return store.query(load_query(query_name).text, terms or None).rows


def entity_path(iri: str) -> str:
    """The explorer's URL path of an entity: /entity/ and the IRI after kg's ID prefix, or the IRI quoted."""
    if iri.startswith(ID):
        return "/entity/" + iri[len(ID) :]
    return "/resource?iri=" + quote(iri, safe="")


def iri_of(key: str) -> URIRef:
    """The entity IRI of an /entity/ path (the server hands the path decoded; kg's IRIs are percent-encoded)."""
    return URIRef(ID + quote(unquote(key), safe="/-_."))


def local(iri: Node | str | None) -> str:
    text = "" if iri is None else str(iri)
    return re.split(r"[#/]", text)[-1]


@dataclass
class Link:
    """A relation between the page's entity and another one."""

    property: str  # local name: issuedBy, partOf, ...
    iri: str
    label: str


@dataclass
class Description:
    """What the merge graph says about one entity."""

    iri: str
    label: str
    classes: list[str]
    aliases: list[str] = field(default_factory=list)
    identifiers: list[tuple[str, str, str | None]] = field(default_factory=list)  # name, value, link
    attributes: list[tuple[str, str]] = field(default_factory=list)  # dateIssued, requires
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """order, jurisdiction, actor or other: which page sections apply."""
        return kind_of(self.classes)


def kind_of(classes: Iterable[str]) -> str:
    """order, jurisdiction, actor or other, from an entity's class local names."""
    classes = list(classes)
    for kind, root in (("order", "Order"), ("jurisdiction", "Jurisdiction"), ("actor", "Actor")):
        if any(c in SUBCLASSES[root] for c in classes):
            return kind
    return "other"


def describe(store: Store, iri: str) -> Description | None:
    """The entity's description (entity.rq), or None when the merge graph does not know it."""
    found = rows(store, "entity", entity=URIRef(iri))
    if not found:
        return None
    description = Description(iri, local(iri), [])
    for row in found:
        prop, value = str(row["property"]), row["value"]
        if str(row["direction"]) == "in":
            description.incoming.append(Link(local(prop), str(value), str(row["value_label"] or local(value))))
        elif prop == str(RDF.type):
            description.classes.append(local(value))
        elif prop == str(RDFS.label):
            description.label = str(value)
        elif prop == str(SKOS.altLabel):
            description.aliases.append(str(value))
        elif prop in IDENTIFIERS:
            name, pattern = IDENTIFIERS[prop]
            description.identifiers.append((name, str(value), pattern.format(value) if pattern else None))
        elif isinstance(value, Literal):
            description.attributes.append((local(prop), str(value)))
        else:
            description.outgoing.append(Link(local(prop), str(value), str(row["value_label"] or local(value))))
    description.aliases = sorted(set(description.aliases) - {description.label})
    return description


def search(store: Store, text: str) -> list[Row]:
    """Entities whose label or alias contains `text` (entity_search.rq)."""
    return query(store, "entity_search", {"text": text}).rows if text.strip() else []


def home(store: Store) -> dict:
    """Orders with their issuers, and the documents, for the start page."""
    return {"orders": query(store, "orders_issued").rows, "documents": query(store, "documents").rows}


ROWS_SHOWN = 100  # of each list of an order's page (issuers, addressees, jurisdictions, stances, funding)
FACTS_PER_PAGE = 50  # the busiest order of 10k documents has thousands: a page of them, and a link to the next


@dataclass
class FactPage:
    """A page of the facts an entity is the subject or object of, in document order."""

    records: list[dict]  # kg.queries.facts records, with their evidence
    start: int  # the page's first fact node, counted from 0
    total: int  # fact nodes naming the entity in any role (a few may be neither subject nor object)
    size: int = FACTS_PER_PAGE

    @property
    def next_start(self) -> int | None:
        """Where the next page starts, None on the last one."""
        return self.start + self.size if self.start + self.size < self.total else None


def entity_facts(store: Store, iri: str, start: int = 0) -> FactPage:
    """The page from fact node `start` of the facts the entity is the subject or object of (kg.queries)."""
    records, total = queries_entity_facts(store, iri, start=start, most=FACTS_PER_PAGE)
    return FactPage(records, start, total)


def order(store: Store, iri: str) -> dict:
    """Who issued the order, to whom, where it applies, who answered it how, and the money it puts at stake."""
    term = URIRef(iri)
    stances = rows(store, "stances", order=term)
    # The timeline reads dated answers first, by date; undated ones follow in the query's order.
    stances.sort(key=lambda row: (row["date"] is None, str(row["date"] or "")))
    return {
        "issuers": rows(store, "orders_issued", order=term),
        "addressees": rows(store, "order_addressees", order=term),
        "jurisdictions": query(store, "order_jurisdictions", {"order": iri}).rows,
        "stances": stances,
        "funding": rows(store, "order_funding", order=term),
    }


def jurisdiction(store: Store, iri: str, date: str) -> dict:
    """Orders in force on `date`, funding at risk, what it is part of and what it contains, and its stances."""
    term = URIRef(iri)
    return {
        "date": date,
        "in_force": query(store, "orders_in_force", {"jurisdiction": iri, "date": date}).rows,
        "funding": rows(store, "funding_at_risk", jurisdiction=term),
        "part_of": rows(store, "jurisdiction_hierarchy", part=term),
        "contains": rows(store, "jurisdiction_hierarchy", whole=term),
        "stances": rows(store, "stances", actor=term),
    }


def documents(store: Store, name: str) -> list[Row]:
    """The store's versions of a document (documents.rq bound to its file name)."""
    return rows(store, "documents", name=Literal(name))


@dataclass
class Passage:
    """One evidence sentence of a document, its text cut into pieces, each marked with an entity or not."""

    start: int
    end: int
    pieces: list[tuple[str, str | None]]
    facts: list[dict]


def passages(records: list[dict]) -> list[Passage]:
    """The document's evidence sentences in text order, with the names of the entities of their facts marked."""
    by_span: dict[tuple[int, int], list[dict]] = {}
    texts: dict[tuple[int, int], str] = {}
    for record in records:
        span = (record["evidence"]["start"], record["evidence"]["end"])
        by_span.setdefault(span, []).append(record)
        texts[span] = record["evidence"]["text"]
    out = []
    for span in sorted(by_span):
        names = {}
        for record in by_span[span]:
            for side in ("subject", "object"):
                for name in [record[side]["label"], *record[side]["aliases"]]:
                    names.setdefault(name, record[side]["iri"])
        out.append(Passage(span[0], span[1], mark(texts[span], names), by_span[span]))
    return out


def mark(text: str, names: dict[str, str]) -> list[tuple[str, str | None]]:
    """`text` cut at every whole-word occurrence of a name (longest names first), each name piece with its IRI."""
    usable = sorted((n for n in names if len(n) > 1), key=len, reverse=True)
    if not usable:
        return [(text, None)]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in usable) + r")(?!\w)")
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], None))
        pieces.append((match.group(0), names[match.group(0)]))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces

"""Extracted facts as plain records: the contract between extraction and the RDF mapping.

Nothing here knows about RDF. An `Extraction` is what one document yields: the entities it
mentions (keyed by a stable, document-independent key) and the facts between them, each with
the evidence sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FactType = Literal[
    "holds_office",
    "member_of",
    "part_of",
    "issued",
    "addressed_to",
    "applies_to",
    "complies_with",
    "opposes",
    "funds",
    "said",
    "reported",
]

FACT_TYPES: tuple[str, ...] = FactType.__args__  # type: ignore[attr-defined]

STANCES = ("comply", "oppose", "challenge", "refuse")
# When two readings of one fact differ in stance, the stronger is kept ("fought" the order and "sued" over it).
STANCE_STRENGTH = {"challenge": 3, "refuse": 2, "oppose": 1, "comply": 0, None: 0}
FUNDING_STATUSES = ("provided", "reimbursement", "threatened", "withheld", "conditioned")
MODALITIES = ("actual", "intended")
# The one key of the federal government, whatever a text calls it ("the federal government", "Washington").
FEDERAL_GOVERNMENT = "governmentbody/us-federal-government"


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a fact, with character offsets into the document text."""

    document: str
    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A node: a person, body, jurisdiction or order.

    `key` is stable across documents (e.g. ``person/carlos-gimenez``, ``county/fips-12086``) so
    that the same thing mentioned in two documents becomes one node.
    """

    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    identifiers: dict[str, str] = field(default_factory=dict)  # wikidata, geonamesId, fips
    # jurisdictions: the containing jurisdiction by the gazetteer (authority data, not a claim of the
    # text), kept when the document names the container too
    within: str | None = None
    date: str | None = None  # orders: date issued, as precise as the text
    requires: str | None = None  # orders: what is required, in the text's words
    reasons: list[str] = field(default_factory=list)  # why resolution gave it this key and these names


@dataclass(frozen=True)
class Fact:
    """One relation between two entities, with its qualifiers and evidence."""

    type: FactType
    subject: str  # entity key
    object: str  # entity key
    evidence: Evidence
    confidence: float = 0.8
    date: str | None = None
    role: str | None = None
    status: str | None = None
    stance: str | None = None
    modality: str | None = None
    instrument: str | None = None
    amount: str | None = None
    imposed_by: str | None = None  # entity key of an order
    quote: str | None = None
    source: str = "rule"  # what proposed it: a rule family ("offices"), "implied", "pair" or "frame"


@dataclass
class DocumentInfo:
    """What the mapping needs to know about the source document."""

    name: str
    content_hash: str
    date: str | None = None
    title: str | None = None
    publisher: str | None = None
    source: str | None = None
    pages: tuple[int, ...] = ()  # where each page starts in the text, for a PDF (`kg.formats.page_of`)


@dataclass
class Extraction:
    """Everything one document yields."""

    document: DocumentInfo
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    # the gazetteer's states, counties and cities the text names, whether a kept fact uses them or not: where the
    # document is, for resolution to place the people and bodies it names
    places: frozenset[str] = frozenset()
    # the bodies, courts and orders the text names that no kept fact uses: what a description ("the Department",
    # "the resolution") may be, for resolution to join it to
    unused: dict[str, Entity] = field(default_factory=dict)

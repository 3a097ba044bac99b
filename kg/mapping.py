"""Map one document's `Extraction` to RDF: the triples of its named graph.

Shape (all terms from `kg/data/ontology/kg.ttl`):

- every entity: ``rdf:type``, ``rdfs:label``, ``skos:altLabel``, authority identifiers, and for
  orders ``pol:dateIssued`` / ``pol:requires``;
- binary facts (issued, addressed_to, applies_to, part_of, member_of): the direct triple
  (``order pol:issuedBy actor``, ...) plus a ``pol:RelationClaim`` node carrying the evidence;
- n-ary facts: ``pol:OfficeHolding``, ``pol:StanceAct``, ``pol:FundingRelation``,
  ``pol:Statement``, ``pol:Report`` nodes;
- every fact node: ``pol:confidence`` and ``pol:evidence`` -> ``pol:Mention`` (document, sentence,
  offsets, extractor version), and on the mention the row `facts.rq` answers for it as one JSON literal
  (``pol:factRow``, read by `fact_rows.rq`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import __version__
from kg.facts import DocumentInfo, Entity, Extraction, Fact
from kg.formats import page_of
from kg.scoring import shipped_scorer
from kg.vocab import POL, SUBCLASSES

ID = "https://w3id.org/policykg/id/"
GRAPH = "https://w3id.org/policykg/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")
MERGE_GRAPH = URIRef(GRAPH + "merged")
WIKIDATA = "http://www.wikidata.org/entity/"

ORDER_CLASSES = SUBCLASSES["Order"]

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]

# Binary fact type -> (property, whether the fact's subject is the triple's object).
_BINARY = {
    "issued": (POL.issuedBy, True),
    "addressed_to": (POL.addressedTo, False),
    "applies_to": (POL.appliesTo, False),
    "part_of": (POL.partOf, False),
    "member_of": (POL.memberOf, False),
}


@functools.cache
def extractor_version() -> str:
    """kg's version and the trained scorer's: a retrained model reads unchanged documents again. Read on first
    use, not at import: commands that only query never load the model."""
    scorer = shipped_scorer()
    return f"kg {__version__}" + (f" {scorer.version}" if scorer else "")


def entity_iri(key: str) -> URIRef:
    return URIRef(ID + quote(key, safe="/-_."))


def document_iri(name: str, content_hash: str) -> URIRef:
    return URIRef(f"{ID}document/{quote(name, safe='-_.')}/{content_hash[:16]}")


def document_graph(name: str, content_hash: str) -> URIRef:
    """The named graph of one version of one document as read by one version of the extractor: file
    name plus a digest of both, so that an upgraded kg reads unchanged documents again."""
    version = hashlib.sha256(f"{content_hash}\x1f{extractor_version()}".encode()).hexdigest()[:16]
    return URIRef(f"{GRAPH}document/{quote(name, safe='-_.')}/{version}")


def date_literal(value: str) -> Literal:
    """A date as precise as the text gave it: xsd:gYear, xsd:gYearMonth or xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


def concept(notation: str) -> URIRef:
    """The ontology individual for a stance, modality or funding status code."""
    return POL[notation.capitalize()]


def to_triples(extraction: Extraction) -> Iterator[Triple]:
    """All triples of the document graph for `extraction`."""
    info = extraction.document
    doc = document_iri(info.name, info.content_hash)
    yield doc, RDF.type, POL.Document
    yield doc, POL.fileName, Literal(info.name)
    yield doc, POL.contentHash, Literal(info.content_hash)
    yield from _literals(
        doc, ((DCTERMS.title, info.title), (DCTERMS.publisher, info.publisher), (DCTERMS.source, info.source))
    )
    if info.date:
        yield doc, DCTERMS.date, date_literal(info.date)
    for entity in extraction.entities.values():
        yield from _entity_triples(entity)
    for fact in extraction.facts:
        yield from _fact_triples(fact, doc, info)


def _literals(node: URIRef, values: Iterable[tuple[URIRef, str | None]]) -> Iterator[Triple]:
    """A plain literal for each property whose value the text gave."""
    for prop, value in values:
        if value:
            yield node, prop, Literal(value)


def _entity_triples(entity: Entity) -> Iterator[Triple]:
    node = entity_iri(entity.key)
    yield node, RDF.type, POL[entity.cls]
    yield node, RDFS.label, Literal(entity.label)
    for alias in sorted(entity.aliases - {entity.label}):
        yield node, SKOS.altLabel, Literal(alias)
    for scheme, value in sorted(entity.identifiers.items()):
        yield node, POL[scheme], Literal(value)
    if entity.identifiers.get("wikidata"):
        yield node, OWL.sameAs, URIRef(WIKIDATA + entity.identifiers["wikidata"])
    for reason in entity.reasons:
        yield node, POL.resolution, Literal(reason)
    if entity.within:
        yield node, POL.partOf, entity_iri(entity.within)
    if entity.date and entity.cls in ORDER_CLASSES:
        yield node, POL.dateIssued, date_literal(entity.date)
    if entity.requires:
        yield node, POL.requires, Literal(entity.requires)


def fact_iri(fact: Fact, content_hash: str) -> URIRef:
    parts = (
        content_hash,
        fact.type,
        fact.subject,
        fact.object,
        fact.status or "",
        fact.stance or "",
        fact.instrument or "",
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]
    return URIRef(f"{ID}fact/{digest}")


def mention_iri(fact: Fact, content_hash: str) -> URIRef:
    """The evidence node of a fact: one per sentence that supports it."""
    return URIRef(f"{fact_iri(fact, content_hash)}/evidence/{fact.evidence.start}-{fact.evidence.end}")


def _fact_triples(fact: Fact, doc: URIRef, info: DocumentInfo) -> Iterator[Triple]:
    content_hash, pages = info.content_hash, info.pages
    node = fact_iri(fact, content_hash)
    subject, obj = entity_iri(fact.subject), entity_iri(fact.object)
    if fact.type in _BINARY:
        prop, inverse = _BINARY[fact.type]
        head, tail = (obj, subject) if inverse else (subject, obj)
        yield head, prop, tail
        yield node, RDF.type, POL.RelationClaim
        yield node, POL.claimSubject, head
        yield node, POL.claimObject, tail
        yield node, POL.claimRelation, prop
        if fact.type == "issued" and fact.date:
            yield obj, POL.dateIssued, date_literal(fact.date)
    elif fact.type == "holds_office":
        yield node, RDF.type, POL.OfficeHolding
        yield node, POL.holder, subject
        yield node, POL.officeIn, obj
    elif fact.type in ("complies_with", "opposes"):
        yield node, RDF.type, POL.StanceAct
        yield node, POL.stanceHolder, subject
        yield node, POL.towards, obj
        yield node, POL.stance, concept(fact.stance or ("comply" if fact.type == "complies_with" else "oppose"))
        yield node, POL.modality, concept(fact.modality or "actual")
    elif fact.type == "funds":
        yield node, RDF.type, POL.FundingRelation
        yield node, POL.funder, subject
        yield node, POL.recipient, obj
        if fact.status:
            yield node, POL.fundingStatus, concept(fact.status)
        if fact.imposed_by:
            yield node, POL.imposedBy, entity_iri(fact.imposed_by)
    elif fact.type == "said":
        yield node, RDF.type, POL.Statement
        yield node, POL.speaker, subject
        yield node, POL.about, obj
    elif fact.type == "reported":
        yield node, RDF.type, POL.Report
        yield node, POL.reporter, subject
        yield node, POL.about, obj
    else:
        raise ValueError(f"unknown fact type {fact.type!r}")
    yield from _literals(
        node,
        ((POL.role, fact.role), (POL.instrument, fact.instrument), (POL.amount, fact.amount), (POL.quote, fact.quote)),
    )
    if fact.date:
        yield node, POL.date, date_literal(fact.date)
    yield node, POL.confidence, Literal(Decimal(str(round(fact.confidence, 3))))
    mention = mention_iri(fact, content_hash)
    yield node, POL.evidence, mention
    yield mention, RDF.type, POL.Mention
    yield mention, POL.inDocument, doc
    yield mention, POL.sentence, Literal(fact.evidence.text)
    yield mention, POL.start, Literal(fact.evidence.start)
    yield mention, POL.end, Literal(fact.evidence.end)
    if pages:
        yield mention, POL.page, Literal(page_of(fact.evidence.start, pages))
    yield mention, POL.extractorVersion, Literal(extractor_version())
    yield mention, POL.extractedBy, Literal(fact.source)
    yield mention, POL.factRow, Literal(json.dumps(fact_row(fact, node, info.name, pages), **_ROW_JSON))


# Compact, and the text as it is: a row is read as often as every fact is listed.
_ROW_JSON: dict = {"ensure_ascii": False, "separators": (",", ":")}
# The columns of a row that name entities: a join of two entities rewrites them (`renamed_row`).
ROW_ENTITIES = ("subject", "object", "imposed_by")


def fact_row(fact: Fact, node: URIRef, document: str, pages: tuple[int, ...] = ()) -> dict[str, object]:
    """The row facts.rq answers for `fact` and its evidence, columns it leaves unbound left out: what the triples
    above say, in its columns, so that `fact_rows.rq` answers what facts.rq does (tests/test_fact_rows.py)."""
    row: dict[str, object] = {
        "document": document, "fact": str(node), "fact_type": fact.type,
        "subject": str(entity_iri(fact.subject)), "object": str(entity_iri(fact.object)),
    }  # fmt: skip
    if fact.date:
        row["date"] = str(date_literal(fact.date))
    for key in ("role", "instrument", "amount", "quote"):
        if value := getattr(fact, key):
            row[key] = value
    if fact.type == "funds":
        if fact.status:
            row["status"] = fact.status
        if fact.imposed_by:
            row["imposed_by"] = str(entity_iri(fact.imposed_by))
    elif fact.type in ("complies_with", "opposes"):
        row["stance"] = fact.stance or ("comply" if fact.type == "complies_with" else "oppose")
        row["modality"] = fact.modality or "actual"
    row.update(text=fact.evidence.text, start=fact.evidence.start, end=fact.evidence.end)
    if pages:
        row["page"] = page_of(fact.evidence.start, pages)
    row["confidence"] = round(fact.confidence, 3)  # the value of the decimal literal above
    return row


def renamed_row(row: Literal, renames: Mapping[URIRef, URIRef]) -> Literal:
    """A `pol:factRow` literal with the entities it names renamed (`kg.curate.join_all` joins `gone` to `kept`)."""
    values = json.loads(str(row))
    for key in ROW_ENTITIES:
        if key in values and (kept := renames.get(URIRef(values[key]))) is not None:
            values[key] = str(kept)
    return Literal(json.dumps(values, **_ROW_JSON))

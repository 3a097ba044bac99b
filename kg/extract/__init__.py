"""Extracted facts: from a parsed document to an `Extraction` of entities and facts.

Stages run in order over one shared `Context`, each a plain function over the parsed document:
mentions (entities and their resolution) first, then the rule families, each yielding `Fact`s.
Offices run before the others because they name the office holders the others refer to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from kg import lexicon
from kg.dates import parse_iso
from kg.extract.context import JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.funding import funding
from kg.extract.mentions import FEDERAL_GOVERNMENT, find_mentions, resolve_names
from kg.extract.offices import offices
from kg.extract.orders import orders
from kg.extract.places import places
from kg.extract.stances import stances
from kg.extract.statements import statements
from kg.facts import STANCE_STRENGTH, DocumentInfo, Entity, Extraction, Fact

Rule = Callable[[Context], Iterable[Fact]]

# The rule families, in the order they run.
RULES: tuple[Rule, ...] = (offices, orders, stances, funding, statements, places)



def extract(doc: Doc, info: DocumentInfo) -> Extraction:
    """All entities and facts of one parsed document: the rules and the sentence pairings propose, the
    trained scorer decides (rules alone where no model is installed)."""
    from kg.scoring.decision import decide

    ctx, rule_facts = propose_facts(doc, info)
    facts, entities = decide(ctx, rule_facts)
    return extraction_of(ctx, facts, entities)


def propose_facts(doc: Doc, info: DocumentInfo) -> tuple[Context, list[Fact]]:
    """The document's entities (in `Context`) and the facts the rule families propose, each naming its rule."""
    ctx = Context(doc=doc, info=info, reference=parse_iso(info.date) if info.date else None)
    find_mentions(ctx)
    facts: list[Fact] = []
    for rule in RULES:
        facts.extend(replace(f, source=rule.__name__) for f in rule(ctx))
    resolve_names(ctx)
    facts = _funded_by_issuer(ctx, [_redirected(ctx, f) for f in facts])
    facts = _funded_by_administrator(ctx, facts)
    facts.extend(replace(f, source="implied") for f in _implied(ctx, facts))
    facts = _statements_about_orders(ctx, facts)
    return ctx, [f for f in facts if f.subject in ctx.entities and f.object in ctx.entities]


def extraction_of(ctx: Context, facts: Iterable[Fact], entities: dict[str, Entity] | None = None) -> Extraction:
    """The kept facts, one per (type, subject, object, status), and the entities they use (of `entities`,
    by default the rules' own)."""
    known = ctx.entities if entities is None else entities
    kept = _deduplicate(f for f in facts if f.subject in known and f.object in known)
    used = {k for f in kept for k in (f.subject, f.object, f.imposed_by) if k and k in known}
    used |= {known[k].within for k in used if known[k].within and known[k].within in known}
    return Extraction(document=ctx.info, entities={k: e for k, e in known.items() if k in used}, facts=kept)


def _redirected(ctx: Context, fact: Fact) -> Fact:
    return replace(
        fact,
        subject=ctx.resolve(fact.subject),
        object=ctx.resolve(fact.object),
        imposed_by=ctx.resolve(fact.imposed_by),
    )


def _funded_by_issuer(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Money put at stake by an order a government body issued (a Justice Department letter, a state
    commission's conditions) is that body's to give, where the text names no funder but 'federal'."""
    issuers = {f.object: f.subject for f in facts if f.type == "issued" and ctx.cls_of(f.subject) == "GovernmentBody"}
    return [
        replace(f, subject=issuers[f.imposed_by])
        if f.type == "funds" and f.subject == FEDERAL_GOVERNMENT and f.imposed_by in issuers
        else f
        for f in facts
    ]


def _funded_by_administrator(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """In a text about a federal program (Byrne JAG, SCAAP) that names the department running it, money
    the text gives no funder but 'federal' is that department's."""
    text = ctx.doc.text
    for department, programs in lexicon.PROGRAM_ADMINISTRATORS.items():
        key = next((k for k, e in ctx.entities.items() if department in e.aliases), None)
        if key and any(re.search(rf"\b{re.escape(p)}\b", text) for p in programs):
            return [
                replace(f, subject=key) if f.type == "funds" and f.subject == FEDERAL_GOVERNMENT else f for f in facts
            ]
    return facts


def _statements_about_orders(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """A speaker who speaks about an order somewhere in the text is recorded for that: the people and bodies
    their other sentences name are what they spoke of in passing ("the FBI", "the jail"), not a subject."""
    on_orders = {f.subject for f in facts if f.type == "said" and ctx.cls_of(f.object) in ORDER_CLASSES}
    return [
        f
        for f in facts
        if not (f.type == "said" and f.subject in on_orders and ctx.cls_of(f.object) not in ORDER_CLASSES)
    ]


def _implied(ctx: Context, facts: list[Fact]) -> Iterator[Fact]:
    """What the facts found imply: an order addressed to an office holder applies to the office's
    jurisdiction; a jurisdiction's own policy or law (or its council's, legislature's, governor's or
    mayor's) applies to it; an order that puts a jurisdiction's funding at stake applies to it."""
    office_place = {f.subject: f.object for f in facts if f.type == "holds_office"}
    for fact in facts:
        if fact.type == "addressed_to":
            place = office_place.get(fact.object)
            if ctx.is_a(place, JURISDICTION_CLASSES) and ctx.cls_of(place) != "Country":
                yield Fact("applies_to", fact.subject, place, fact.evidence, confidence=0.6)
        if fact.type == "funds" and fact.imposed_by and ctx.is_a(fact.object, JURISDICTION_CLASSES):
            yield Fact("applies_to", fact.imposed_by, fact.object, fact.evidence, confidence=0.6)
        if fact.type == "issued" and ctx.cls_of(fact.object) in ("LocalPolicy", "Legislation"):
            # a jurisdiction's own policy or law, one its council or legislature made or its governor or
            # mayor signed, applies to it
            seat = (
                fact.subject
                if ctx.is_a(fact.subject, JURISDICTION_CLASSES)
                else ctx.body_seats.get(fact.subject) or office_place.get(fact.subject)
            )
            if ctx.is_a(seat, JURISDICTION_CLASSES) and ctx.cls_of(seat) != "Country":
                yield Fact("applies_to", fact.object, seat, fact.evidence, confidence=0.7)


def _deduplicate(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (type, subject, object, status): the first evidence, the strongest stance, a date if any."""
    kept: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.type, fact.subject, fact.object, fact.status)
        current = kept.get(key)
        if current is None:
            kept[key] = fact
            continue
        stronger, other = (
            (fact, current) if STANCE_STRENGTH[fact.stance] > STANCE_STRENGTH[current.stance] else (current, fact)
        )
        # "sued to block the law on Tuesday": the date may come with the weaker reading
        kept[key] = replace(stronger, date=stronger.date or other.date)
    return list(kept.values())

"""What the rule families' facts say together, once they are all proposed: facts moved to the entities
the names were resolved to, funders the text leaves implicit ("federal" money an order's issuer or a
program's department gives), speakers recorded for the orders they spoke about, and the facts the others
imply (an order addressed to a mayor applies to the city)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.extract.context import JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.facts import FEDERAL_GOVERNMENT, Fact
from kg.lexicon.funding import PROGRAM_ADMINISTRATORS


def combined(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """The rules' facts on the resolved entities, with the funders and implications filled in."""
    facts = _funded_by_issuer(ctx, [_redirected(ctx, f) for f in facts])
    facts = _funded_by_administrator(ctx, facts)
    facts.extend(replace(f, source="implied") for f in _implied(ctx, facts))
    return _statements_about_orders(ctx, facts)


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
    text = ctx.text
    for department, programs in PROGRAM_ADMINISTRATORS.items():
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

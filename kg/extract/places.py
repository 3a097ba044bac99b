"""Jurisdiction hierarchy: part_of facts from possessives ("Florida's Miami-Dade County"), "City,
State" appositions and "X, which includes Y"; for places whose containing state the document also names, the gazetteer's
containment as entity data (`Entity.within`), since the text does not state it."""

from __future__ import annotations

from collections.abc import Iterator

from kg import gazetteer
from kg.extract.context import JURISDICTION_CLASSES, Context
from kg.facts import Fact

_PLACES = JURISDICTION_CLASSES - {"Jurisdiction"}


def places(ctx: Context) -> Iterator[Fact]:
    """part_of facts."""
    mentioned = {key for i, key in ctx.token_keys.items() if not _names_a_district(ctx, i)}
    for sent in ctx.doc.sents:
        for token in sent:
            key = ctx.key_of(token)
            if not ctx.is_a(key, JURISDICTION_CLASSES):
                continue
            container = _stated_container(ctx, token)
            if container and container != key:
                yield Fact("part_of", key, container, ctx.evidence(sent), confidence=0.8)
                continue
            place = gazetteer.get(key)
            if place and place.cls in ("County", "City") and place.part_of in mentioned:
                # what the gazetteer knows is not what the text says: a relation, not a claim
                ctx.entities[key].within = place.part_of


def _names_a_district(ctx: Context, i: int) -> bool:
    """In "the Northern District of California" a place names a court's district, not the place under discussion."""
    return i >= 2 and ctx.doc[i - 1].lower_ == "of" and ctx.doc[i - 2].lower_ == "district"


def _stated_container(ctx: Context, token) -> str | None:
    """'Florida's county' (possessor), 'Miami, Florida' (apposition) or 'Dane County, which includes
    Madison' when both are places."""
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_.lower() in ("include", "contain") and verb.dep_ == "relcl":
        if ctx.is_a(ctx.key_of(verb.head), _PLACES):
            return ctx.key_of(verb.head)
    for child in token.children:
        if child.dep_ == "poss" and ctx.is_a(ctx.key_of(child), _PLACES):
            return ctx.key_of(child)
    doc = ctx.doc
    if (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == ","
        and ctx.key_of(doc[token.i]) != ctx.key_of(doc[token.i + 2])
    ):
        other = ctx.key_of(doc[token.i + 2])
        if ctx.cls_of(other) == "State" and ctx.cls_of(ctx.key_of(token)) in ("City", "County"):
            return other
    return None

"""Jurisdiction hierarchy: part_of facts from possessives ("Florida's Miami-Dade County"), "City, State"
in running text ("Mayor X of Danbury, Connecticut") and "X, which includes Y". An address ("San Jose, CA
95110") and a dateline only locate the document, and readers do not take them for claims: those, and the
containment the gazetteer knows for places whose state the document also names, are entity data
(`Entity.within`), not facts the text states."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from kg import gazetteer
from kg.extract.context import JURISDICTION_CLASSES, Context
from kg.extract.mentions.places import state_hint
from kg.facts import Fact

_PLACES = JURISDICTION_CLASSES - {"Jurisdiction"}
_POSTAL_CODE = re.compile(r"[A-Z]{2}")
_PLACE_NOUNS = {"city", "county", "capital", "town", "village", "municipality", "borough", "parish", "suburb"}


def places(ctx: Context) -> Iterator[Fact]:
    """part_of facts."""
    mentioned = {key for i, key in ctx.token_keys.items() if not _names_a_district(ctx, i)}
    for sent in ctx.sentences:
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


def _state_described(ctx: Context, noun: Token) -> str | None:
    """The state in "Pennsylvania's second-largest city", "the state's largest county" (the state in view) or
    "the second-largest city in Washington", when the place is in it."""
    described = ctx.key_of(noun.head)
    place = gazetteer.get(described)
    for child in noun.children:
        key = None
        if child.dep_ == "poss":
            key = ctx.key_of(child)
            if key in (None, described) and child.lower_ == "state":  # the apposition may carry the place's key
                key = ctx.last_before(noun.head.i, {"State"}, window=2000) or state_hint(ctx)
        elif child.dep_ == "prep" and child.lower_ in ("in", "of"):
            key = next((ctx.key_of(o) for o in child.children if o.dep_ == "pobj"), None)
        if ctx.cls_of(key) == "State" and (place is None or place.state == key):
            return key
    return None


def _stated_container(ctx: Context, token) -> str | None:
    """'Florida's county' (possessor), 'Danbury, Connecticut' (apposition) or 'Dane County, which includes
    Madison' when both are places."""
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_.lower() in ("include", "contain") and verb.dep_ == "relcl":
        if ctx.is_a(ctx.key_of(verb.head), _PLACES):
            return ctx.key_of(verb.head)
    for child in token.children:
        if child.dep_ == "poss" and ctx.is_a(ctx.key_of(child), _PLACES):
            return ctx.key_of(child)
        if child.dep_ == "appos" and child.lemma_.lower() in _PLACE_NOUNS:
            state = _state_described(ctx, child)  # "Albuquerque, the state's largest city"
            if state is not None:
                return state
    home = token.head if token.dep_ == "pobj" and token.head.lower_ == "to" else None
    if home is not None and home.head.lemma_.lower() == "home" and home.head.dep_ == "appos":
        container = ctx.key_of(home.head.head)  # "Cuyahoga County, home to Cleveland"
        if ctx.is_a(container, _PLACES):
            return container
    doc = ctx.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "," and ctx.cls_of(ctx.key_of(token)) in ("City", "County"):
        state = doc[token.i + 2]
        other = ctx.key_of(state)
        # "San Jose, CA" with a postal code is an address (counsel's, a letterhead's), not a sentence about the place
        place = gazetteer.get(ctx.key_of(token))
        if (
            ctx.cls_of(other) == "State"
            and not _POSTAL_CODE.fullmatch(state.text)
            and (place is None or place.state == other)  # not a list of places: "Oregon, Washington"
        ):
            return other
    return None

"""The names of a document: every entity NER tags, typed by the finder of its class, then the names it left
untagged (numbered orders, surnames used alone, acronyms); and, after the fact rules, the names they found
to be one entity (`resolve_names`)."""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES, Context
from kg.extract.mentions.bodies import (
    acronyms,
    bodies_named_after_places,
    body_named,
    district_court_cited,
    looks_like_body,
    resolve_acronyms,
)
from kg.extract.mentions.names import shouted, trim
from kg.extract.mentions.orders import law_named, names_a_program, numbered_orders
from kg.extract.mentions.people import (
    person,
    person_by_surname,
    propagate_names,
    resolve_short_names,
    signed_names,
    surname_taken_for_a_body,
)
from kg.extract.mentions.places import (
    PLACE_BY_CLASS_WORD,
    cities_of_the_story,
    counties_named_together,
    place_named,
    seat_of_a_title,
)
from kg.lexicon.offices import PARTIES, ROLES


def find_named(ctx: Context) -> None:
    """Mark every name of the document (the frame's header read first): bodies named after a place before NER's
    shorter reading of them, then NER's entities, then what NER left untagged."""
    bodies_named_after_places(ctx)
    counties_named_together(ctx)
    for ent in ctx.doc.ents:
        if not shouted(ctx, ent) or _numbered_law(ent):
            _named(ctx, ent)
    signed_names(ctx)
    numbered_orders(ctx)
    resolve_short_names(ctx)
    propagate_names(ctx)
    acronyms(ctx)


def _numbered_law(ent: Span) -> bool:
    """An order named by its number, read in capitals too: "ORDER NO. 2019-04" heads the order's own text."""
    return ent.label_ == "LAW" and any(c.isdigit() for c in ent.text)


def _named(ctx: Context, ent: Span) -> None:
    """Mark one entity NER tagged, typed by the finder of its class (NER's label is a first guess, not the class)."""
    span = trim(ent)
    if span is None:
        return
    possessive = next((t.i for t in span if t.tag_ == "POS"), None)
    if possessive and span.doc[possessive + 1 : span.end].text.lower() in ROLES:
        span = span.doc[span.start : possessive]  # "the Department of Justice's Inspector General": an office of it
    text = span.text
    label = ent.label_
    key: str | None = None
    if names_a_program(span) or seat_of_a_title(span) or _placed_already(ctx, span) or _inside_a_body(ctx, span):
        return
    if label == "PERSON" and not looks_like_body(text):
        key = person(ctx, span)
    elif court := district_court_cited(ctx, text):  # NER calls "W.D. Pa." a place, "E.D. Wis." a body
        key = court
    elif label in ("GPE", "LOC") or PLACE_BY_CLASS_WORD.match(text):  # NER calls "City of Sun Prairie" a body
        key = place_named(ctx, span)
    elif label == "NORP":
        party = PARTIES.get(text.lower())
        key = ctx.add("PoliticalParty", party, aliases=(text,)) if party else None
    elif label == "LAW":
        key = person_by_surname(ctx, text) or law_named(ctx, span)
    elif label == "ORG" and not looks_like_body(text) and cities_of_the_story(ctx, span):
        return
    elif label == "ORG" or (label == "FAC" and looks_like_body(text)) or (label == "PERSON" and looks_like_body(text)):
        key = body_named(ctx, span)
    if key:
        ctx.mark(span.start, span.end, key)


def _placed_already(ctx: Context, span: Span) -> bool:
    """Whether every word of the span is a place found before NER's reading ("Avery" of "Avery and Caldwell
    counties", which NER calls a body)."""
    words = [t for t in span if t.is_alpha and t.text[0].isupper()]
    return bool(words) and all(ctx.is_a(ctx.token_keys.get(t.i), JURISDICTION_CLASSES) for t in words)


def _inside_a_body(ctx: Context, span: Span) -> bool:
    """Whether the span lies inside a longer name of a body read before NER's ("Department of Health and Human
    Services" of "the Utah Department of Health and Human Services"): NER's shorter reading is no entity of its own."""
    keys = {ctx.token_keys.get(i) for i in range(span.start, span.end)}
    if len(keys) != 1 or not ctx.is_a(key := keys.pop(), BODY_CLASSES):
        return False
    return ctx.token_keys.get(span.start - 1) == key or ctx.token_keys.get(span.end) == key


def resolve_names(ctx: Context) -> None:
    """After the rules, merge what they found to be one entity: a surname and the full name an
    office rule found ("Constantine" ... "County Executive Dow Constantine"), an acronym and its body, a surname
    NER took for a body and the person an office rule found ("Quill, a Democrat" ... "Mayor Renata Quill")."""
    resolve_short_names(ctx)
    resolve_acronyms(ctx)
    for key, entity in list(ctx.entities.items()):
        if entity.cls == "Organization" and (named := surname_taken_for_a_body(ctx, key)):
            ctx.merge(key, named)

"""Mentions by common noun: a noun phrase that names an order, a body, a court, a place or a set of
jurisdictions, resolved by the finder of its class; then the references that need every mention in place
("the county", "Section 9 of the order", an order introduced and named in the next sentence)."""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.context import Context
from kg.extract.mentions.bodies import BODY_ANAPHORS, body_nominal, court_nominal
from kg.extract.mentions.names import (
    clean_label,
    determiner_of,
    is_federal,
    shouted,
    stance_word,
    that_before,
)
from kg.extract.mentions.order_nouns import last_order_name, order_class, order_nominal, unchunked_nouns
from kg.extract.mentions.orders import named_in_the_next_sentence, order_parts, unnamed_rulings
from kg.extract.mentions.places import definite_places, jurisdiction_nominal, place_antecedent
from kg.facts import FEDERAL_GOVERNMENT
from kg.lexicon.names import JURISDICTION_NOUNS


def find_nominal(ctx: Context) -> None:
    """Mark the mentions by common noun (the names and the whole frame read first)."""
    unnamed_rulings(ctx)
    chunks = list(ctx.doc.noun_chunks)
    last_named = last_order_name(ctx.doc)
    for chunk in chunks + unchunked_nouns(ctx, chunks):
        if not shouted(ctx, chunk):
            _nominal(ctx, chunk, last_named)
    definite_places(ctx)
    order_parts(ctx)
    named_in_the_next_sentence(ctx)


def _nominal(ctx: Context, chunk: Span, last_named: int) -> None:
    """Mark one noun phrase by its head noun: an order, the federal government, a bureaucracy, a court, a body or
    place referred back to, a set of jurisdictions; `last_named` is where the text last names an order."""
    head = chunk.root
    if ctx.key_of(head):
        # Named already: a role word in front of a name ("Mayor Carlos Gimenez") is handled by offices.
        return
    stance = [t.i for t in chunk if t.i < head.i and stance_word(t)]
    if stance:  # the parser took "a lawsuit challenging conditions" for one phrase: the order is "conditions"
        chunk = chunk.doc[stance[-1] + 1 : chunk.end]
    words = [t for t in chunk if t.pos_ != "DET" and t.tag_ != "PRP$" and not t.is_punct]
    if not words:
        return
    lemma_text = " ".join(t.lemma_.lower() for t in words)
    order_cls = order_class(lemma_text, head)
    if order_cls:
        order_nominal(ctx, chunk, head, order_cls, last_named)
        return
    if head.lemma_.lower() in ("government", "branch", "executive") and is_federal(chunk):
        ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT, aliases=(chunk.text,))
        ctx.mark(chunk.start, chunk.end, FEDERAL_GOVERNMENT)
        return
    if (
        head.lemma_.lower() in ("agency", "department")
        and head.tag_ == "NNS"
        and (is_federal(chunk) or {t.lower_ for t in chunk} & {"executive", "grant-making", "awarding", "state"})
    ):
        # "executive departments and agencies", "federal agencies", "state agencies": a bureaucracy as addressee
        label = clean_label(chunk.text)
        key = ctx.add("GovernmentBody", label, ctx.local_key("GovernmentBody", label))
        ctx.mark(chunk.start, chunk.end, key)
        for conj in head.conjuncts:
            ctx.mark(conj.i, conj.i + 1, key)
        return
    if head.lemma_.lower() == "court" and (determiner_of(chunk, head) in ("the", "this") or that_before(chunk)):
        court_nominal(ctx, chunk, head)
        return
    if len(words) == 1 and head.lower_ in BODY_ANAPHORS and determiner_of(chunk, head) == "the":
        body_nominal(ctx, chunk, head)
        return
    if head.lemma_.lower() == "jail" and head.tag_ == "NN" and determiner_of(chunk, head) in ("the", "its", "this"):
        # "the jail" is the county's, as "the Larimer County Jail" names the county: the one spoken of last
        county = place_antecedent(ctx, head, "County")
        if county:
            ctx.mark(chunk.start, chunk.end, county)
        return
    if head.lemma_.lower() in JURISDICTION_NOUNS:
        jurisdiction_nominal(ctx, chunk, head)

"""Statements and reports: who said what about which order, and which outlet reported it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg import lexicon
from kg.extract.context import ACTOR_CLASSES, ORDER_CLASSES, Context, subject_of
from kg.facts import Fact

_SPEAKERS = ACTOR_CLASSES - {"PoliticalParty"}


def statements(ctx: Context) -> Iterator[Fact]:
    """said and reported facts."""
    for sent in ctx.doc.sents:
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in lexicon.SPEECH_VERBS | lexicon.REPORT_VERBS:
                continue
            subject = subject_of(verb)
            speaker = ctx.subtree_key(subject, _SPEAKERS) if subject is not None else None
            if speaker is None:
                continue
            about = _about(ctx, sent, verb, speaker)
            if about is None:
                continue
            reporting = lemma in lexicon.REPORT_VERBS and ctx.cls_of(speaker) == "MediaOrganization"
            fact_type = "reported" if reporting else "said"
            yield Fact(fact_type, speaker, about, ctx.evidence(sent), confidence=0.7, quote=_quote(sent))


def _about(ctx: Context, sent: Span, verb: Token, speaker: str) -> str | None:
    """The order the statement is about: in the verb's clause, the clause it modifies, or the sentence."""
    if verb.dep_ == "relcl" and ctx.is_a(ctx.key_of(verb.head), ORDER_CLASSES):
        return ctx.key_of(verb.head)
    for child in verb.children:
        key = ctx.subtree_key(child, ORDER_CLASSES)
        if key:
            return key
    orders = ctx.keys_in(sent, ORDER_CLASSES)
    if orders:
        return orders[0]
    actors = [k for k in ctx.keys_in(sent, ACTOR_CLASSES) if k != speaker]
    return actors[0] if actors else None


def _quote(sent: Span) -> str | None:
    text = sent.text
    for left, right in (("“", "”"), ('"', '"')):
        start = text.find(left)
        end = text.find(right, start + 1)
        if start >= 0 and end > start:
            return text[start + 1 : end]
    return None

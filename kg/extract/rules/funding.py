"""Funding relations: who funds whom, with which instrument, in which status, under which order.

A funding noun ("grant", "funds", "money") or verb ("reimburse", "pays the county $1.2 million")
with the verb that governs it gives the status ("strip"/"withhold"/"not eligible" -> withheld, or
threatened when modal or prospective; "tie to"/"as a condition"/"if they certify" -> conditioned;
"reimburse" -> reimbursement; "receive"/"allocate"/"pay" -> provided). The funder is an agent or
subject or the body named in the money's own name ("Justice Department grants"), else the state or the
federal government when the money is called so; a receipt that names no funder ("The city received
$212,000 in Byrne JAG funds") takes the one the text named last. The recipients are the jurisdictions it
flows to or from, each of a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.context import ACTOR_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.mentions.bodies import federal_government
from kg.extract.mentions.places import described_set, describes_a_set, state_hint
from kg.extract.syntax import date_of, entities, is_passive
from kg.facts import Fact
from kg.lexicon.funding import (
    CONDITION_WORDS,
    FUNDING_NOUNS,
    FUNDING_VERBS,
    PAYMENT_VERBS,
    PROGRAM_WORDS,
    RELIEF_NOUNS,
    THREAT_WORDS,
)

_FUNDERS = (ACTOR_CLASSES | JURISDICTION_CLASSES) - {"Person", "PoliticalParty", "MediaOrganization"}
# Verbs whose subject gets or loses the sum they take ("Louisville received $372,000 under the Byrne JAG program").
_RECEIVING_VERBS = {"receive", "get", "accept", "lose", "forfeit"}
# Words by which a sentence speaks of grant money, so that its sums are allocations ("its $9,118 share"), with the
# funding nouns and program names (read as the rule runs: a domain's triggers may add to them).
_ALLOCATION_WORDS = {"allocation", "share", "subaward", "subgrant"}


def funding(ctx: Context) -> Iterator[Fact]:
    """funds facts, one per (funder, recipient, status) in a sentence; a sum with no status of its own adds nothing
    where the text gives the same funding a status elsewhere."""
    facts = list(_funding(ctx))
    with_status = {(f.subject, f.object) for f in facts if f.status}
    return (f for f in facts if f.status or (f.subject, f.object) not in with_status)


def _funding(ctx: Context) -> Iterator[Fact]:
    previous: str | None = None  # the funder named last: money spoken of later without one is likely its
    for sent in ctx.sentences:
        seen: set[tuple[str, str, str]] = set()
        for token in sent:
            if token.lemma_.lower() == "reimburse" and token.pos_ == "VERB":
                found = _reimbursement(ctx, sent, token)
            elif token.lemma_.lower() in PAYMENT_VERBS and token.pos_ == "VERB":
                found = _payment(ctx, sent, token)
            elif token.lemma_.lower() in FUNDING_NOUNS and token.pos_ == "NOUN" and token.dep_ != "compound":
                found = _funding_noun(ctx, sent, token, previous)
            else:
                continue
            for fact in _with_conjoined(ctx, sent, found) if found else ():
                if (fact.subject, fact.object, fact.status) not in seen:
                    seen.add((fact.subject, fact.object, fact.status))
                    previous = fact.subject
                    yield fact
        recipients = {recipient for _, recipient, _ in seen}
        for fact in _allocations(ctx, sent, previous):
            if fact.object not in recipients:
                recipients.add(fact.object)
                previous = fact.subject
                yield fact


def _allocations(ctx: Context, sent: Span, previous: str | None) -> Iterator[Fact]:
    """Sums set against jurisdictions where grants are spoken of: "Allocations: Dane County, $31,210; City of
    Madison, $79,884", "$24,910 Fort Collins allocation", "Lancaster's $58,400 award", "$131,207 from Santa Ana".
    The funder is a body the sentence names, else the one the text named last; the status is the sentence's, if any."""
    lemmas = {t.lemma_.lower() for t in sent}
    if not lemmas & (_ALLOCATION_WORDS | FUNDING_NOUNS | PROGRAM_WORDS):
        return
    for money in (ent for ent in entities(sent) if ent.label_ == "MONEY"):
        recipient = _allocated_to(ctx, money)
        if recipient is None:
            continue
        funder = _named_funder(ctx, sent, recipient) or previous or _funder_in_discourse(ctx, money.root, None)
        if funder is None or funder == recipient:
            continue
        written = money.doc[_dollar_start(money) : money.end].text
        named = _named_money(money)
        yield Fact(
            "funds",
            funder,
            recipient,
            ctx.evidence(sent),
            confidence=0.6,
            status=_status(sent, money.root),
            instrument=_instrument(named) if named is not None else written,
            amount=written,
            date=date_of(ctx.reference, sent),
        )


def _dollar_start(money: Span) -> int:
    """Where a sum begins as written ("$31,210"): NER often leaves the dollar sign out of the MONEY span."""
    return money.start - 1 if money.start > 0 and money.doc[money.start - 1].text == "$" else money.start


def _named_money(money: Span) -> Token | None:
    """The funding noun a sum is "in" or "of" ("$48 million in state water grants", "$3.2M of program funds")."""
    doc = money.doc
    if money.end + 1 >= len(doc) or doc[money.end].lower_ not in ("in", "of"):
        return None
    noun = next((t for t in doc[money.end].children if t.dep_ == "pobj"), None)
    return noun if noun is not None and noun.lemma_.lower() in FUNDING_NOUNS else None


def _allocated_to(ctx: Context, money: Span) -> str | None:
    """The jurisdiction a sum is set against, by position: "Dane County, $31,210", "Lancaster's $58,400", "$24,910
    Fort Collins allocation", "$131,207 from Santa Ana"."""
    doc = money.doc
    start = _dollar_start(money)
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text == "," and start > 1:
        candidates = [doc[start - 2]]  # "Dane County, $31,210"
    elif before is not None and before.tag_ == "POS" and start > 1:
        candidates = [doc[start - 2]]  # "Lancaster's $58,400 award"
    elif money.root.dep_ == "dobj" and money.root.head.lemma_.lower() in _RECEIVING_VERBS:
        candidates = [c for c in money.root.head.children if c.dep_ == "nsubj"]  # "Louisville received $372,000"
    else:
        named = _named_money(money)  # "$48 million in state water grants from Pueblo County": after the grants
        end = named.i + 1 if named is not None else money.end
        after = doc[end : end + 3]
        candidates = [t for t in after[:1] if ctx.key_of(t)]  # "$24,910 Fort Collins allocation"
        if len(after) > 1 and after[0].lower_ in ("from", "to", "for"):
            candidates = [after[1]]  # "$131,207 from Santa Ana"
    for token in candidates:
        key = ctx.key_of(token)
        if ctx.is_a(key, JURISDICTION_CLASSES) and ctx.cls_of(key) != "Country" and key not in ctx.jurisdiction_sets:
            return key
    return None


def _named_funder(ctx: Context, sent: Span, recipient: str) -> str | None:
    bodies = [k for k in ctx.keys_in(sent, _FUNDERS & ACTOR_CLASSES) if k != recipient and k not in ctx.body_seats]
    return bodies[0] if bodies else None


def _with_conjoined(ctx: Context, sent: Span, fact: Fact) -> list[Fact]:
    """The same funding for each jurisdiction listed with the recipient ("Denver, Cook County, and Vermont")."""
    facts = [fact]
    for token in sent:
        if ctx.key_of(token) == fact.object:
            for other in token.conjuncts:
                key = ctx.key_of(other)
                named = ctx.is_a(key, JURISDICTION_CLASSES) and key not in ctx.jurisdiction_sets
                if named and key not in (f.object for f in facts):
                    facts.append(replace(fact, object=key))
    return facts


def _payment(ctx: Context, sent: Span, verb: Token) -> Fact | None:
    """'The Department of Justice pays the county $1.2 million a year': a sum paid to a jurisdiction."""
    money = [
        ent for ent in entities(sent) if ent.label_ == "MONEY" and verb.left_edge.i <= ent.start < verb.right_edge.i + 1
    ]
    funder, recipient = _active_parties(ctx, verb)
    if not money or funder is None or recipient is None:
        return None
    named = _named_money(money[0])  # "awarded the county $3.2M in water grants": the grants
    instrument = _instrument(named) if named is not None else money[0].text
    return _paid(ctx, sent, funder, recipient, "provided", instrument, money[0].text)


def _reimbursement(ctx: Context, sent: Span, verb: Token) -> Fact | None:
    funder, recipient = _active_parties(ctx, verb)  # "Oregon will reimburse the county"
    funder = funder or _agent(ctx, verb) or federal_government(ctx)
    recipient = recipient or _recipient(ctx, sent, verb)
    if recipient is None:
        return None
    return _paid(ctx, sent, funder, recipient, "reimbursement", "reimbursement", _amount(sent))


def _paid(
    ctx: Context, sent: Span, funder: str, recipient: str, status: str, instrument: str, amount: str | None
) -> Fact:
    """A funds fact read from a verb of paying."""
    return Fact(
        "funds",
        funder,
        recipient,
        ctx.evidence(sent),
        confidence=0.7,
        status=status,
        instrument=instrument,
        amount=amount,
        date=date_of(ctx.reference, sent),
    )


def _active_parties(ctx: Context, verb: Token) -> tuple[str | None, str | None]:
    """Subject and object of an active funding verb, when both are named."""
    if is_passive(verb):
        return None, None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    targets = [c for c in verb.children if c.dep_ in ("dative", "dobj")]
    target = next((c for c in targets if ctx.subtree_key(c, JURISDICTION_CLASSES)), None)
    funder = ctx.subtree_key(subject, _FUNDERS) if subject is not None else None
    recipient = ctx.subtree_key(target, JURISDICTION_CLASSES) if target is not None else None
    return (funder, recipient) if funder and recipient else (None, None)


def _amount(sent: Span) -> str | None:
    """The sum the sentence gives ("$2 million"), as written."""
    money = [ent.text for ent in entities(sent) if ent.label_ == "MONEY"]
    return money[0] if money else None


def _funding_noun(ctx: Context, sent: Span, noun: Token, previous: str | None) -> Fact | None:
    if _grant_of_relief(ctx, noun):
        return None
    instrument = _instrument(noun)
    status = _status(sent, noun)
    if status is None:
        return None
    recipient = _recipient(ctx, sent, noun)
    if recipient is None:
        return None
    funder = _funder(ctx, sent, noun, instrument)
    if funder is None and _told_by_recipient(ctx, noun, recipient):
        funder = _funder_in_discourse(ctx, noun, previous)
    if funder is None or funder == recipient:
        return None
    imposed = _imposing_order(ctx, sent, noun)
    if imposed is None and status in ("threatened", "withheld"):
        imposed = ctx.last_before(sent.start, {"ExecutiveOrder", "Directive"}, window=300)
    return Fact(
        "funds",
        funder,
        recipient,
        ctx.evidence(sent),
        confidence=0.65,
        status=status,
        instrument=instrument,
        imposed_by=imposed,
        amount=_amount(sent),
        date=date_of(ctx.reference, sent),
    )


def _grant_of_relief(ctx: Context, noun: Token) -> bool:
    """'the grant of a preliminary injunction' is a court granting relief, not money."""
    objects = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children]
    return any(ctx.is_a(ctx.key_of(t), ORDER_CLASSES) or t.lemma_.lower() in RELIEF_NOUNS for t in objects)


def _imposing_order(ctx: Context, sent: Span, noun: Token) -> str | None:
    """The order the money depends on: the nearest one up the parse ('an order that will strip
    grant money'), else the first order of the sentence that is not a law."""
    for token in noun.ancestors:
        key = ctx.key_of(token)
        if ctx.is_a(key, ORDER_CLASSES):
            return key
        for child in token.children:
            if child.dep_ == "nsubj" and ctx.is_a(ctx.key_of(child), ORDER_CLASSES):
                return ctx.key_of(child)
    return next((o for o in ctx.keys_in(sent, ORDER_CLASSES) if ctx.cls_of(o) != "Legislation"), None)


def _instrument(noun: Token) -> str:
    """The money as the text names it: 'federal grant money', 'the Byrne JAG grant'."""
    left = noun.left_edge.i
    while left < noun.i and noun.doc[left].pos_ in ("DET", "PRON", "PUNCT", "NUM"):
        left += 1
    return noun.doc[left : noun.i + 1].text


def _status(sent: Span, noun: Token) -> str | None:
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    verb = next((t for t in list(noun.ancestors)[:4] if t.lemma_.lower() in FUNDING_VERBS and t.pos_ == "VERB"), None)
    base = FUNDING_VERBS[verb.lemma_.lower()] if verb is not None else None
    if base == "provided" and any(c.dep_ == "neg" for c in verb.children):
        base = "withheld"  # "do not receive federal funds"
    if _made_ineligible(noun):
        base = "withheld"  # "are not eligible to receive grants": receiving is what is denied
    if words & CONDITION_WORDS and ("tie" in words or "condition" in words or "receipt" in words):
        return "conditioned"
    if base == "provided" and any(c.dep_ == "advcl" and _conditional(c) for c in verb.children):
        return "conditioned"  # "may still receive the funds if they certify compliance"
    if base in ("withheld", None) and words & {"ineligible", "eligible", "withhold", "withholding", "deny", "strip"}:
        base = "withheld"
    if base is None and words & {"risk", "jeopardy"}:
        return "threatened"  # "could put $9 million in federal grants at risk"
    if base == "withheld" and words & THREAT_WORDS:
        return "threatened"
    return base


def _conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "provided") for c in clause.children)


def _made_ineligible(noun: Token) -> bool:
    """'ineligible for grants', 'not eligible to receive grants'."""
    for token in list(noun.ancestors)[:4]:
        if token.lemma_.lower() == "ineligible":
            return True
        if token.lemma_.lower() == "eligible" and any(c.dep_ == "neg" for t in (token, token.head) for c in t.children):
            return True
    return False


def _recipient(ctx: Context, sent: Span, anchor: Token) -> str | None:
    """The jurisdiction money flows to or from: a prepositional object, else one in the sentence."""
    for token in (anchor, *anchor.ancestors):
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in ("from", "to", "for", "of"):
                for pobj in child.children:
                    if not ctx.key_of(pobj) and describes_a_set(pobj):
                        return described_set(ctx, pobj)  # "to cities that refuse to cooperate"
                    key = ctx.subtree_key(pobj, JURISDICTION_CLASSES)
                    if key and ctx.cls_of(key) != "Country":
                        return key
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                key = ctx.subtree_key(child, JURISDICTION_CLASSES)
                if key and ctx.cls_of(key) != "Country":
                    return key
    candidates = [k for k in ctx.keys_in(sent, JURISDICTION_CLASSES) if ctx.cls_of(k) != "Country"]
    return candidates[0] if candidates else None


def _agent(ctx: Context, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                key = ctx.subtree_key(pobj, _FUNDERS)
                if key:
                    return key
    return None


def _controller(verb: Token) -> Token | None:
    """Who does what an active verb says: its subject, or the subject of the verb whose 'to'- or 'by'-clause
    it is ("threatened to withhold", "responded by cutting"); not the speaker of a reported clause."""
    while not is_passive(verb):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ not in ("xcomp", "pcomp"):
            return subject
        told = next((c for c in verb.head.children if c.dep_ == "dobj"), None) if verb.dep_ == "xcomp" else None
        if told is not None:
            return told  # "orders the department to release the funds": the one told does it
        verb = verb.head if verb.dep_ == "xcomp" else verb.head.head  # "responded by cutting"
    return None


def _funder(ctx: Context, sent: Span, noun: Token, instrument: str) -> str | None:
    federal = "federal" in instrument.lower() or "federal" in sent.text.lower()
    named = next(iter(ctx.keys_in(noun.doc[noun.left_edge.i : noun.i], _FUNDERS & ACTOR_CLASSES)), None)
    if named:
        return named  # "Justice Department grants" are that department's
    for token in noun.ancestors:
        if token.pos_ == "VERB":
            agent = _agent(ctx, token)
            if agent:
                return agent
            # an official who ties or withholds the money ("The Attorney General tied receipt of ...",
            # "Sessions threatened to withhold the money"), not someone it is said of
            subject = _controller(token)
            key = ctx.head_key(subject, _FUNDERS | {"Person"}) if subject is not None else None
            if key and ctx.cls_of(key) in ACTOR_CLASSES and not (federal and ctx.cls_of(key) == "Person"):
                return key  # an official handling federal money acts for the federal government
            break
    if re.search(r"\bstate\b", instrument.lower()):
        return ctx.last_before(noun.i, {"State"}, window=400) or state_hint(ctx)  # "state funding": the state's
    if federal:
        return federal_government(ctx)
    bodies = ctx.keys_in(sent, _FUNDERS & ACTOR_CLASSES)
    return bodies[0] if bodies else None


def _told_by_recipient(ctx: Context, noun: Token, recipient: str) -> bool:
    """'The city received $212,000', 'Los Angeles lost out on $3 million in grants': the recipient is the
    subject, and such sentences leave the funder to the discourse."""
    verb = next((t for t in noun.ancestors if t.pos_ == "VERB"), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    return subject is not None and ctx.subtree_key(subject, JURISDICTION_CLASSES) == recipient


def _funder_in_discourse(ctx: Context, noun: Token, previous: str | None) -> str | None:
    """Money received from a funder the sentence does not name ("The city received $212,000 in Byrne JAG funds") comes
    from the funder named last, else the last body named before it that is not a place's own."""
    return previous or ctx.last_before(noun.i, {"GovernmentBody"}, where=lambda key: key not in ctx.body_seats)

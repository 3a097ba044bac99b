"""Stances: an actor complies with, opposes, challenges or refuses an order.

A stance verb ("comply", "fight", "challenge", "sue", "refuse") or noun ("a lawsuit challenging")
with its subject (inherited through "vowed to ...", "banded together to ...", conjoined subjects,
"his deputies", "Portland officials", "it" in a reported clause, "jurisdictions that refuse ...")
and an order among its arguments; "voted against", "a lawsuit by X", "certified its compliance with",
"is in compliance with"; those a policy bars from honoring an order refuse it. A suit with no order in
its arguments is over the one directive of its sentence, else the order the text is most about.
Modality is kept: a vow or plan is `intended`, not the act itself; what someone must or may do is no
stance of theirs.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import ACTOR_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.mentions.places import body_seat_before, conj_cut, described_set, describes_a_set
from kg.extract.syntax import date_of, is_passive, is_relative, subject_of, verb_chain
from kg.facts import Fact
from kg.lexicon.offices import ROLES
from kg.lexicon.orders import DIRECT_VERBS
from kg.lexicon.stances import (
    ADVOCACY_VERBS,
    BARRING_VERBS,
    CUSTODY_VERBS,
    INTENT_VERBS,
    PERMISSION_VERBS,
    REFUSAL_VERBS,
    STAFF_NOUNS,
    STANCE_NOUNS,
    STANCE_VERBS,
    SUIT_WORDS,
)
from kg.lexicon.statements import SPEECH_VERBS

_HOLDERS = ACTOR_CLASSES | JURISDICTION_CLASSES
_OBLIGATION = {"shall", "must", "should"}
_PERMISSION = {"may"}
_ANAPHORS = {"it", "them", "this", "that"}
# Stance verbs whose order is only ever their object: "met the conditions", not "met with officials about the order".
_OBJECT_ONLY_VERBS = {"meet", "satisfy"}
# Verbs of handing in a document: whoever signs "a certification of compliance with 1373" complies with it.
_SUBMITTING_VERBS = {"sign", "submit", "file", "provide", "execute", "send", "return", "deliver"}
_PRONOUN_CLASSES = {
    "it": _HOLDERS - {"Person"},
    "they": _HOLDERS,
    "he": {"Person"},
    "she": {"Person"},
}


def stances(ctx: Context) -> Iterator[Fact]:
    """complies_with and opposes facts."""
    for sent in ctx.sentences:
        for token in sent:
            stance = STANCE_VERBS.get(token.lemma_.lower()) or _sided_against(token) or _held_on(token)
            if stance and token.pos_ == "VERB" and not _permitted(token):
                yield from _stance(ctx, sent, token, stance)
            if token.lower_ in ("complies", "complied") and token.pos_ != "VERB":
                yield from _misparsed_compliance(ctx, sent, token)
            noun_stance = STANCE_NOUNS.get(token.lemma_.lower())
            # "is in compliance with", "signed a certification of compliance with"
            in_compliance = token.lower_ == "compliance" and token.dep_ == "pobj" and token.head.lower_ in ("in", "of")
            if noun_stance and token.pos_ == "NOUN" and (token.dep_ in ("dobj", "nsubjpass") or in_compliance):
                yield from _stance(ctx, sent, token, noun_stance)
            elif noun_stance and token.pos_ == "NOUN":
                yield from _suit_by(ctx, sent, token, noun_stance)


def _misparsed_compliance(ctx: Context, sent: Span, token: Token) -> Iterator[Fact]:
    """'Lansing complies with 8 U.S.C. 1373', which the small model parses with 'complies' as a noun: the
    holder named right before the word, the order right after it."""
    holder = ctx.key_of(ctx.doc[token.i - 1]) if token.i > sent.start else None
    order = next((k for t in ctx.doc[token.i + 1 : min(token.i + 8, sent.end)] if (k := ctx.key_of(t))), None)
    if ctx.is_a(holder, _HOLDERS) and ctx.is_a(order, ORDER_CLASSES):
        evidence = ctx.evidence(sent)
        yield Fact("complies_with", holder, order, evidence, confidence=0.6, stance="comply", modality="actual")


def _sided_against(verb: Token) -> str | None:
    """'voted against the measure', 'voted no', 'testified against the bill' opposes it."""
    lemma = verb.lemma_.lower()
    if lemma not in ADVOCACY_VERBS:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children):
        return "oppose"
    return "oppose" if lemma == "vote" and any(c.lower_ == "no" for c in verb.children) else None


def _held_on(verb: Token) -> str | None:
    """'held on an ICE detainer' complies with the detainer ("has not held anyone on a detainer" refuses it)."""
    if verb.lemma_.lower() in CUSTODY_VERBS and _custody_basis(verb) is not None:
        return "comply"
    return None


def _custody_basis(verb: Token) -> Token | None:
    """What someone is held on: the object of 'on' or 'under' ("on an ICE detainer", "on the basis of one"),
    which the parser may hang on the one held ("hold inmates on detainers")."""
    held = [c for c in verb.children if c.dep_ == "dobj"]
    return next(
        (
            p
            for head in (verb, *held)
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("on", "under")
            for p in c.children
        ),
        None,
    )


def _refers_back(verb: Token) -> bool:
    """'voted no', 'voted against it', 'will not comply with it', 'declined each of them': the order is the one
    just named."""
    if verb.lemma_.lower() == "vote" and not any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children):
        return True
    arguments = [c for c in verb.children if c.dep_ == "dobj"]
    arguments += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "against") for p in c.children]
    # "declined every one of them", "honored 24 of them"
    arguments += [
        p for a in list(arguments) for c in a.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
    ]
    return any(a.lower_ in _ANAPHORS for a in arguments) or any(
        c.dep_ == "prep" and c.lower_ == "against" and not list(c.children) for c in verb.children
    )


def _permitted(verb: Token) -> bool:
    """'allowed Texas to enforce the law': what someone may do is no stance of theirs."""
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in PERMISSION_VERBS


def _suit_by(ctx: Context, sent: Span, suit: Token, stance: str) -> Iterator[Fact]:
    """'a lawsuit by the cities of Houston, Dallas and Austin' over the one order the sentence names."""
    parties = [
        key
        for prep in suit.children
        if prep.dep_ == "prep" and prep.lower_ == "by"
        for pobj in prep.children
        for key in ctx.keys_in(ctx.doc[pobj.left_edge.i : pobj.right_edge.i + 1], _HOLDERS)
    ]
    order = _only_order(ctx, sent, ORDER_CLASSES)
    if order is None:
        return
    for party in dict.fromkeys(parties):
        yield Fact("opposes", party, order, ctx.evidence(sent), confidence=0.65, stance=stance, modality="actual")


def _only_order(ctx: Context, sent: Span, classes: set[str]) -> str | None:
    """The one order of `classes` a sentence names, rulings aside."""
    orders = [o for o in ctx.keys_in(sent, ORDER_CLASSES) if ctx.cls_of(o) != "CourtRuling"]
    orders = [o for o in orders if ctx.cls_of(o) in classes]
    return orders[0] if len(orders) == 1 else None


def _stance(ctx: Context, sent: Span, verb: Token, stance: str) -> Iterator[Fact]:
    order = _target_order(ctx, verb)
    if order is None and verb.lemma_.lower() == "appeal" and not any(c.dep_ == "dobj" for c in verb.children):
        order = ctx.last_before(verb.i, {"CourtRuling"}, window=600)  # "The Attorney General appealed."
    if order is None and stance == "challenge" and verb.lemma_.lower() in SUIT_WORDS:
        # "a lawsuit against the department, arguing that new conditions are unlawful": the one order of its
        # sentence (a statute cited there is the standard, not the target), else ("sued the Attorney
        # General") the order just spoken of, else the one the text is about, a law only if it is about no other
        order = (
            _only_order(ctx, sent, ORDER_CLASSES - {"Legislation"})
            or ctx.last_before(verb.i, ORDER_CLASSES - {"CourtRuling", "Legislation"}, window=300)
            or ctx.most_mentioned(ORDER_CLASSES - {"CourtRuling", "Legislation"})
            or ctx.most_mentioned({"Legislation"})
        )
    if order is None and _refers_back(verb):
        order = _antecedent_order(ctx, verb)
    if order is None:
        return
    barring = _barring_verb(verb)
    if barring is not None:
        # "an ordinance that bars jail staff from honoring ICE detainers": those barred refuse the order
        holders = _holders(ctx, next((c for c in barring.children if c.dep_ == "dobj"), None))
        holders = holders or [p for p in [_place_in_view(ctx, verb.i, JURISDICTION_CLASSES - {"Country"})] if p]
        stance = "refuse" if stance == "comply" else stance
    elif verb.dep_ == "pobj":  # "Tulsa is in compliance with ...", "found Tulsa in compliance with ..."
        governing = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), verb.head.head)
        if verb.head.lower_ == "in":
            found = next((c for c in governing.children if c.dep_ == "dobj"), None)
            holders = _holders(ctx, found if found is not None else subject_of(governing))
        else:  # a certification of compliance: only whoever signs or submits it certifies
            submits = governing.lemma_.lower() in _SUBMITTING_VERBS
            holders = _holders(ctx, subject_of(governing)) if submits else []
    elif is_passive(verb):
        holder = _agent(ctx, verb)  # "the order was criticized by Portland"
        holders = [holder] if holder else []
    else:
        # "jurisdictions challenging the order": the noun a participle modifies holds the stance
        participle = verb.dep_ == "acl" and verb.tag_ == "VBG"
        holders = (participle and _holders(ctx, verb.head)) or _holders(ctx, subject_of(verb))
    if not holders and verb.dep_ == "xcomp":
        holders = _holders(ctx, subject_of(verb.head))  # "ordered jails to cooperate": whoever ordered it
    for holder in holders:
        if holder != order:
            yield from _stance_of(ctx, sent, verb, stance, holder, order)


def _antecedent_order(ctx: Context, verb: Token) -> str | None:
    """The order 'voted no' or 'comply with it' refers to: of the nearest sentence naming one (this one up to
    the verb, then the two before), the order highest in its parse ("a resolution limiting detainers" is the
    resolution)."""
    doc = verb.doc
    spans = [doc[verb.sent.start : verb.i]]
    while len(spans) < 3 and spans[-1].start > 0:
        spans.append(doc[spans[-1].start - 1].sent)
    for span in spans:
        candidates = [
            (len(list(token.ancestors)), token.i, key)
            for token in span
            if (key := ctx.key_of(token)) and ctx.cls_of(key) in ORDER_CLASSES - {"CourtRuling"}
        ]
        if candidates:
            return min(candidates)[2]
    return None


def _barring_verb(verb: Token) -> Token | None:
    """'bars X from honoring': the verb that keeps someone from the act."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in BARRING_VERBS:
        return verb.head.head
    return None


def _place_in_view(ctx: Context, index: int, classes: set[str]) -> str | None:
    """The place named last before `index`, else the seat of the body named last ("the Denver City Council")."""
    return ctx.last_before(index, classes, window=400) or body_seat_before(ctx, index, classes, 400)


def _clause(verb: Token) -> Iterator[Token]:
    """The verb and its governors up to the relative clause it sits in: in "ensure that jurisdictions
    that refuse to comply ...", the "shall" of "ensure" is not on "refuse"."""
    yield verb
    current = verb
    while not is_relative(current) and current.head.i != current.i:
        current = current.head
        yield current


def _holders(ctx: Context, subject: Token | None) -> list[str]:
    """The subject's holder and those of its conjuncts ("Marin County and Oakland sued")."""
    if subject is None:
        return []
    found = [_holder(ctx, token) for token in (subject, *subject.conjuncts)]
    if not any(found):  # "Council members Ana Ruiz and Tom Reyes voted no": the people the title names
        named = [a for a in subject.children if a.dep_ == "appos"]
        found = [_holder(ctx, token) for a in named for token in (a, *a.conjuncts)]
    if not any(found):  # the parser took a dateline word for the subject: another subject of the verb
        others = [c for c in subject.head.children if c.dep_ == "nsubj" and c.i != subject.i]
        found = [_holder(ctx, token) for token in others]
    return list(dict.fromkeys(k for k in found if k))


def _stance_of(ctx: Context, sent: Span, verb: Token, stance: str, holder: str, order: str) -> Iterator[Fact]:
    # a stance noun takes its verb's negation, modality and governors ("failed to certify compliance")
    chain = verb_chain(verb.head if verb.pos_ == "NOUN" and verb.dep_ == "dobj" else verb)
    if any(c.lower_ in _OBLIGATION for v in _clause(verb) for c in v.children):
        # "X shall comply with Y" states a requirement of Y on X, not X's stance.
        if ctx.is_a(holder, JURISDICTION_CLASSES):
            yield Fact("applies_to", order, holder, ctx.evidence(sent), confidence=0.6)
        return
    negated = any(c.dep_ == "neg" for v in chain[:1] for c in v.children)
    if negated and any(c.lower_ in _PERMISSION for c in chain[0].children):
        return  # "DOJ may not enforce them": a prohibition someone else imposed, not a refusal
    if negated:
        stance = "refuse" if stance == "comply" else "comply"
    if any(t.lemma_.lower() in REFUSAL_VERBS for t in chain[1:]) and stance == "comply":
        stance = "refuse"  # "refused to comply", "declined to honor"
    # What someone is told or vowed to do is intended, not done ("instructing X to comply").
    governing = {t.lemma_.lower() for t in chain[1:]}
    # "would continue to follow": a modal anywhere up the chain
    modal = any(c.lower_ in ("will", "would", "'ll") for v in chain for c in v.children)
    intended = bool(governing & (INTENT_VERBS | DIRECT_VERBS)) or modal
    fact_type = "complies_with" if stance == "comply" else "opposes"
    yield Fact(
        fact_type,
        holder,
        order,
        ctx.evidence(sent),
        confidence=0.75,
        stance=stance,
        modality="intended" if intended else "actual",
        date=date_of(ctx.reference, sent, verb),
    )


def _agent(ctx: Context, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                return _holder(ctx, pobj)
    return None


def _target_order(ctx: Context, verb: Token) -> str | None:
    if verb.lemma_.lower() in CUSTODY_VERBS:
        basis = _custody_basis(verb)
        return ctx.subtree_key(basis, ORDER_CLASSES) if basis is not None else None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            key = ctx.subtree_key(child, ORDER_CLASSES)
            if key:
                return key
    if verb.lemma_.lower() in _OBJECT_ONLY_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "to", "against", "over", "by"):
            for pobj in child.children:
                key = ctx.subtree_key(pobj, ORDER_CLASSES)
                if key:
                    return key
    if verb.lemma_.lower() in SUIT_WORDS:  # "sued to block the law": the suit is over what it would block
        for purpose in (c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"):
            key = _target_order(ctx, purpose)
            if key:
                return key
    # "joined a lawsuit (by 20 states) challenging new conditions": the parser may hang it on the verb
    scope = verb.head.subtree if verb.pos_ == "NOUN" else verb.subtree
    for participle in (t for t in scope if t.dep_ == "acl" and t.i > verb.i):
        if STANCE_VERBS.get(participle.lemma_.lower()) == "challenge":
            key = _target_order(ctx, participle)  # "joined a lawsuit by 20 states challenging new conditions"
            if key:
                return key
    # The parser often attaches "comply with <order> received from ..." elsewhere: take an order
    # mentioned right after the verb.
    doc = verb.doc
    for token in doc[verb.i + 1 : min(verb.i + 8, verb.sent.end)]:
        key = ctx.key_of(token)
        if ctx.is_a(key, ORDER_CLASSES):
            return key
        if token.pos_ == "VERB":
            break
    return None


def _holder(ctx: Context, token: Token | None) -> str | None:
    if token is None:
        return None
    key = ctx.key_of(token)
    if key and ctx.is_a(key, _HOLDERS):
        return key
    if token.lemma_.lower() in ROLES and token.tag_ in ("NNS", "NNPS"):
        return _group(ctx, token)  # "Mayors in cities including ...": a group of office holders
    if describes_a_set(token):
        return described_set(ctx, token)  # "jurisdictions that refuse to comply with ...", "counties found to ..."
    if token.lemma_.lower() in STAFF_NOUNS:
        return _employer(ctx, token)
    if token.lower_ in _PRONOUN_CLASSES:
        return _speaker_of(ctx, token) or _previous_subject(ctx, token)
    return ctx.subtree_key(token, _HOLDERS) if token.pos_ in ("PROPN",) else None


def _speaker_of(ctx: Context, pronoun: Token) -> str | None:
    """'Portland said it would not comply': a pronoun subject of a reported clause is the speaker,
    when the speaker can be called so ('it' is no person, 'she' is one)."""
    for verb in pronoun.ancestors:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in SPEECH_VERBS and verb.i != pronoun.head.i:
            speaker = _holder(ctx, subject_of(verb))
            return speaker if speaker and ctx.cls_of(speaker) in _PRONOUN_CLASSES[pronoun.lower_] else None
    return None


def _previous_subject(ctx: Context, pronoun: Token) -> str | None:
    """'The association supported the 2013 act; it opposes this bill': a pronoun subject continues the subject of
    the clause before it (the last verb before it in its sentence, else the previous sentence's main verb), when the
    pronoun can name it."""
    sent = pronoun.sent
    verbs = [t for t in ctx.doc[sent.start : pronoun.i] if t.pos_ in ("VERB", "AUX") and t != pronoun.head]
    if not verbs and sent.start > 0:
        verbs = [ctx.doc[sent.start - 1].sent.root]
    subject = next((c for c in verbs[-1].children if c.dep_ in ("nsubj", "nsubjpass")), None) if verbs else None
    if subject is None or subject.lower_ in _PRONOUN_CLASSES:
        return None
    key = _holder(ctx, subject)
    return key if key and ctx.cls_of(key) in _PRONOUN_CLASSES[pronoun.lower_] else None


def _employer(ctx: Context, staff: Token) -> str | None:
    """Whose staff act: "Portland officials" -> Portland; "his deputies" -> the person just named;
    "its jails" -> the jurisdiction or body just named."""
    for child in staff.rights:  # "a spokesman for Immigration and Customs Enforcement"
        if child.dep_ == "prep" and child.lower_ in ("for", "of"):
            for pobj in child.children:
                key = ctx.head_key(pobj, _HOLDERS - {"Person", "Country"})
                if key:
                    return key
    for child in staff.lefts:
        key = ctx.key_of(child)
        if child.dep_ in ("compound", "amod", "nmod", "poss") and ctx.is_a(key, _HOLDERS):
            return key
        if child.dep_ == "poss" and child.lower_ in ("his", "her"):
            return ctx.last_before(staff.i, {"Person"}, window=200)
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):
            return ctx.last_before(staff.i, JURISDICTION_CLASSES | (ACTOR_CLASSES - {"Person"}), window=200)
    if staff.lemma_.lower() == "jail" and any(c.lower_ == "the" for c in staff.lefts):
        return _place_in_view(ctx, staff.i, {"County", "City"})  # "the jail": the county's, just named
    return None


def _group(ctx: Context, head: Token) -> str:
    """A plural title names a group of people; one group per title in a document."""
    end = min(conj_cut(head), head.i + 14)
    words = [t.text for t in head.subtree if t.i < end and not (t.pos_ == "DET" and t.i < head.i)]
    label = " ".join(words).strip(" ,")
    key = ctx.local_key("Person", head.lemma_.lower() + "s")
    return ctx.add("Person", label, key, aliases=(head.text, head.lemma_ + "s"))

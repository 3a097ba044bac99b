"""Orders: who issued them and when, whom they address, where they apply.

Rules: an issuing verb with an order as object ("X issued/sent/adopted an order"), the passive
and participle forms ("a memorandum issued by X on <date>", "requests received from X"), a
possessive or compound issuer ("Trump's executive order", "a ruling by a district judge"), a
directing verb ("instructing X to", "X is directed to", "requires states to"), money tied to
conditions ("tied receipt of the funds to ... conditions"), judges who rule, find or order, rulings
"in favor of" and "against" parties, obligations in the text of an order itself ("the Secretary
shall ..."), and the documents that are orders themselves: an executive order (issued by whoever its
text says "I" for), a memorandum with a header, a court's ruling (an injunction binds the caption's
defendants). Whoever is sued over a directive issued it; a state law applies to its state, a law a
governor or mayor signed to their jurisdiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import ACTOR_CLASSES, BODY_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.mentions.orders import own_executive_order, own_order
from kg.extract.mentions.people import party
from kg.extract.mentions.places import state_hint
from kg.extract.syntax import date_of, is_passive, subject_of, verb_chain
from kg.facts import Evidence, Fact
from kg.lexicon.funding import CONDITIONING_VERBS
from kg.lexicon.offices import JUDGE_WORDS
from kg.lexicon.orders import DIRECT_VERBS, ISSUE_VERBS, JUDGING_VERBS
from kg.lexicon.stances import INTENT_VERBS, SUIT_WORDS
from kg.lexicon.statements import SPEECH_VERBS

_AGENTS = ACTOR_CLASSES | JURISDICTION_CLASSES
_AUTHORED = {"CourtRuling", "Directive", "LocalPolicy"}
_INJUNCTION = re.compile(r"\b(?:enjoin\w*|injunction|restraining order)\b", re.I)


def orders(ctx: Context) -> Iterator[Fact]:
    """issued, addressed_to and applies_to facts."""
    yield from _document_itself(ctx)
    for sent in ctx.sentences:
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and lemma in ISSUE_VERBS | DIRECT_VERBS | _SENDING_VERBS | {"declare"}:
                yield from _issuing_verb(ctx, sent, token)
            if token.pos_ == "VERB" and lemma in _TELLING_VERBS | SPEECH_VERBS | DIRECT_VERBS:
                yield from _told_in(ctx, sent, token)
            if lemma == "apply" and token.pos_ == "VERB":
                yield from _applies(ctx, sent, token)
            if lemma in CONDITIONING_VERBS and token.pos_ == "VERB":
                yield from _conditioning(ctx, sent, token)
            if lemma in JUDGING_VERBS and token.pos_ == "VERB":
                yield from _ruled(ctx, sent, token)
            if lemma in SUIT_WORDS:
                yield from _sued_over(ctx, sent, token)
            if ctx.is_a(ctx.key_of(token), ORDER_CLASSES) and token.dep_ != "compound":
                yield from _order_modifiers(ctx, sent, token)
                yield from _named_after_its_owner(ctx, sent, token)
                if ctx.cls_of(ctx.key_of(token)) == "CourtRuling":
                    yield from _ruling_parties(ctx, sent, token)
        yield from _obligations(ctx, sent)


_SENDING_VERBS = {"send", "issue", "address", "mail", "deliver", "lodge"}  # "issued letters to X"
_TELLING_VERBS = {"tell", "warn", "inform", "notify", "advise", "remind", "ask"}


def _told_in(ctx: Context, sent: Span, verb: Token) -> Iterator[Fact]:
    """'In a letter dated May 12, the department told the city that ...', 'In a letter to the mayor, the office
    said ...', 'The council, in a resolution adopted May 1, directed departments to ...': the letter (or
    resolution) is the teller's, to the ones told, directed or written to."""
    letter = next(
        (
            (key, pobj)
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for pobj in prep.children
            if (key := ctx.head_key(pobj, {"Directive", "LocalPolicy"}))
        ),
        None,
    )
    if letter is None:
        return
    key, noun = letter
    evidence = ctx.evidence(sent)
    subject = subject_of(verb)
    teller = ctx.head_key(subject, _AGENTS) if subject is not None else None
    if teller:
        phrase = ctx.doc[noun.left_edge.i : noun.right_edge.i + 1]  # "a letter dated May 12", "letters sent Thursday"
        yield Fact("issued", teller, key, evidence, confidence=0.7, date=_date_in(ctx, phrase))
    telling = verb.lemma_.lower() in _TELLING_VERBS | DIRECT_VERBS
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative")] if telling else []
    told += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children]  # "a letter to X"
    for addressee in (ctx.head_key(t, _AGENTS) for c in told for t in (c, *c.conjuncts)):
        if addressee and addressee != teller:
            yield Fact("addressed_to", key, addressee, evidence, confidence=0.7)


def _issuing_verb(ctx: Context, sent: Span, verb: Token) -> Iterator[Fact]:
    lemma = verb.lemma_.lower()
    evidence = ctx.evidence(sent)
    order = _order_object(ctx, verb)
    subject = subject_of(verb)
    if (
        verb.dep_ == "conj"
        and verb.head.dep_ == "ccomp"
        and verb.head.lemma_ == "be"
        and not any(c.dep_ == "nsubj" for c in verb.children)
    ):
        # "The court held that the conditions were unlawful and entered an injunction": the parser
        # joins the second verb to the reported clause; its subject is the one who held
        subject = subject_of(verb.head.head) or subject
    subject_key = ctx.subtree_key(subject, _AGENTS | ORDER_CLASSES) if subject is not None else None
    described = verb.head
    if described.dep_ == "appos" and ctx.is_a(ctx.key_of(described.head), ORDER_CLASSES):
        described = described.head  # "Executive Order 13768, 82 Fed. Reg. 8799, which the President signed"
    if verb.dep_ in ("acl", "relcl") and ctx.is_a(ctx.key_of(described), ORDER_CLASSES):
        order = order or ctx.key_of(described)  # "a memorandum issued by X", "a memo instructing X"
        own_subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")), None)
        # "a bill which the Legislature enacted": the relative clause's own subject issued it
        subject_key = _agent(ctx, verb) or (ctx.head_key(own_subject, _AGENTS) if own_subject is not None else None)
    if _prospective(verb):
        pass  # "is expected to sign the bill", "will issue an order": not issued yet
    elif (
        order
        and lemma in ISSUE_VERBS
        and lemma != "have"
        or (lemma == "have" and _has_policy(ctx, order))
        # "declared a state of emergency": an executive's declaration; "declared the ordinance void" issues nothing
        or (lemma == "declare" and ctx.cls_of(order) == "ExecutiveOrder")
    ):
        issuer = subject_key
        if issuer and ctx.is_a(issuer, _AGENTS) and order:
            yield Fact("issued", issuer, order, evidence, confidence=0.8, date=date_of(ctx.reference, sent, verb))
    if lemma in DIRECT_VERBS or lemma in _SENDING_VERBS:
        directing_order = order or (subject_key if ctx.is_a(subject_key, ORDER_CLASSES) else None)
        if directing_order is None and verb.dep_ in ("advcl", "acl", "conj"):
            directing_order = _order_object(ctx, verb.head)  # "signed an order Monday, directing X to ..."
        for addressee in _addressees(ctx, verb):
            # what an order requires of jurisdictions is where it applies ("require states to ..."); what a statute
            # forbids "state and local governments" is the law's scope, not a message to anyone
            requirement = lemma == "require" and ctx.is_a(addressee, JURISDICTION_CLASSES)
            general_law = ctx.cls_of(directing_order) == "Legislation" and ctx.cls_of(addressee) == "Jurisdiction"
            if directing_order and addressee != directing_order and (requirement or not general_law):
                yield Fact(
                    "applies_to" if requirement else "addressed_to",
                    directing_order,
                    addressee,
                    evidence,
                    confidence=0.75,
                )
    if is_passive(verb) and lemma in DIRECT_VERBS:
        target = ctx.subtree_key(subject, _AGENTS) if subject is not None else None
        source = own_order(ctx) or _order_in(ctx, sent)  # in an order's own text, the order directs
        if target and source:
            yield Fact("addressed_to", source, target, evidence, confidence=0.7)


def _applies(ctx: Context, sent: Span, verb: Token) -> Iterator[Fact]:
    """'The order applies to Portland and Multnomah County'."""
    subject = subject_of(verb)
    order = ctx.subtree_key(subject, ORDER_CLASSES) if subject is not None else None
    if order is None:
        return
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for pobj in prep.children:
                # The whole phrase: the parser often hangs "X and Y County" off the last word.
                phrase = ctx.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
                for key in ctx.keys_in(phrase, JURISDICTION_CLASSES):
                    yield Fact("applies_to", order, key, ctx.evidence(sent), confidence=0.8)


def _prospective(verb: Token) -> bool:
    """An act announced, not done: a modal or an intent verb up the verb chain."""
    chain = verb_chain(verb)
    governing = {t.lemma_.lower() for t in chain[1:]}
    modal = any(c.lower_ in ("will", "would", "'ll", "could", "might") for v in chain for c in v.children)
    return modal or bool(governing & (INTENT_VERBS | {"expect"}))


def _ruled(ctx: Context, sent: Span, verb: Token) -> Iterator[Fact]:
    """'Judge X ruled (found, held) that ...', 'a judge ordered the department to stop ...': the judge or
    court issued a ruling, the one the text names nearby; whom it orders or bars, it is addressed to."""
    subject = subject_of(verb)
    judge = ctx.head_key(subject, _AGENTS) if subject is not None else None
    judicial = ctx.cls_of(judge) == "Court" or ctx.cls_of(judge) == "Person" and bool(_titles(ctx, judge) & JUDGE_WORDS)
    if not judge or not judicial or _prospective(verb):
        return
    ruling = ctx.key_of(verb) if ctx.cls_of(ctx.key_of(verb)) == "CourtRuling" else None
    ruling = (
        ruling
        or ctx.last_before(verb.i, {"CourtRuling"}, window=300)
        or ctx.first_after(verb.i, {"CourtRuling"}, window=300)
    )
    ruling = ruling or ctx.add("CourtRuling", "ruling", ctx.local_key("CourtRuling", "ruling"))
    yield Fact("issued", judge, ruling, ctx.evidence(sent), confidence=0.7, date=date_of(ctx.reference, sent, verb))
    if verb.lemma_.lower() in DIRECT_VERBS | {"enjoin"}:
        for addressee in _addressees(ctx, verb):
            if addressee != judge:
                yield Fact("addressed_to", ruling, addressee, ctx.evidence(sent), confidence=0.7)


def _sued_over(ctx: Context, sent: Span, suit: Token) -> Iterator[Fact]:
    """'sued the Justice Department over new conditions', 'a lawsuit against the department, arguing that
    new conditions ... are unconstitutional': whoever is sued over a directive issued it."""
    holders = [suit, suit.head] if suit.pos_ == "NOUN" else [suit]
    defendants = [c for c in suit.children if c.dep_ == "dobj" and suit.pos_ == "VERB"]
    defendants += [p for h in holders for c in h.children if c.lower_ == "against" for p in c.children]
    directives = ctx.keys_in(sent, {"Directive"})
    if len(directives) != 1:
        return
    for defendant in defendants:
        key = ctx.head_key(defendant, {"GovernmentBody", "Person"})
        if key:
            yield Fact("issued", key, directives[0], ctx.evidence(sent), confidence=0.55)


def _titles(ctx: Context, key: str | None) -> set[str]:
    return {w for alias in ctx.entities[key].aliases for w in alias.lower().split()} if key in ctx.entities else set()


def _conditioning(ctx: Context, sent: Span, verb: Token) -> Iterator[Fact]:
    """'X tied receipt of the funds to compliance with three conditions': X set the conditions."""
    subject = subject_of(verb)
    issuer = ctx.head_key(subject, _AGENTS) if subject is not None and not is_passive(verb) else None
    if issuer is None:
        return
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "on", "upon", "with"):
            for order in ctx.keys_in(ctx.doc[prep.i : prep.right_edge.i + 1], {"Directive"}):
                dated = date_of(ctx.reference, sent, verb)
                yield Fact("issued", issuer, order, ctx.evidence(sent), confidence=0.7, date=dated)


def _has_policy(ctx: Context, order: str | None) -> bool:
    return ctx.cls_of(order) == "LocalPolicy"


def _order_object(ctx: Context, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            key = ctx.subtree_key(child, ORDER_CLASSES)
            if key and ctx.key_of(child) == key:
                return key
    return None


def _agent(ctx: Context, verb: Token) -> str | None:
    """'by X' or 'from X' after a participle."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
            for grandchild in child.children:
                key = ctx.head_key(grandchild, _AGENTS)
                if key:
                    return key
    return None


def _addressees(ctx: Context, verb: Token) -> Iterator[str]:
    """'instructing X to', 'sent letters to X', 'directs X and Y'."""
    seen: set[str] = set()
    for child in verb.children:
        lodged_with = child.lower_ == "with" and verb.lemma_.lower() == "lodge"  # "lodged detainers with the jail"
        if child.dep_ in ("dobj", "dative") or (child.dep_ == "prep" and (child.lower_ == "to" or lodged_with)):
            # "sent letters to X": the parser makes "to" a preposition or a dative
            to = child.pos_ == "ADP"
            targets = [g for g in child.children if g.dep_ == "pobj"] if to else [child]
            for target in targets:
                for token in (target, *target.conjuncts, *_listed_after(ctx, target)):
                    key = ctx.head_key(token, _AGENTS)
                    if key and key not in seen:
                        seen.add(key)
                        yield key


def _listed_after(ctx: Context, target: Token) -> list[Token]:
    """'to the chief executives of Newark, Trenton and Union County': the places listed after the first, which
    the parser hangs on the first place or on the title."""
    if ctx.key_of(target):
        return []
    firsts = [*_of_objects(target), *(a for a in target.children if a.dep_ == "appos")]
    listed = [t for first in firsts for t in (first, *first.conjuncts)]
    return listed + [c for t in listed for o in _of_objects(t) for c in o.conjuncts]  # "the City of Camden and X"


def _of_objects(token: Token) -> list[Token]:
    return [o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def _order_modifiers(ctx: Context, sent: Span, head: Token) -> Iterator[Fact]:
    """'Trump's executive order', 'the Trump executive order', 'a ruling by a district judge': a person
    or body named on the order issued it; 'the Iowa law', 'Portland's policy': it applies to the place."""
    order = ctx.key_of(head)
    for child in head.children:
        # ... but not "accept the grant with its conditions", where "its" is the grant's
        owned_by_clause = head.head.pos_ in ("VERB", "AUX")
        if (
            child.dep_ == "poss"
            and child.lower_ in ("its", "their")
            and ctx.cls_of(order) in _AUTHORED
            and owned_by_clause
        ):
            owner = _clause_subject(ctx, head)  # "the board voted to keep its 2011 ordinance"
            if owner and owner != order:
                yield Fact("issued", owner, order, ctx.evidence(sent), confidence=0.6, date=_own_date(ctx, head))
        if child.dep_ in ("poss", "compound", "nmod") and child.tag_ != "PRP$":
            key = ctx.key_of(child)
            courts_rule = ctx.cls_of(key) != "Court" or ctx.cls_of(order) == "CourtRuling"  # courts issue rulings only
            if key and key != order and ctx.is_a(key, ACTOR_CLASSES) and courts_rule:
                yield Fact("issued", key, order, ctx.evidence(sent), confidence=0.7)
            elif ctx.is_a(key, JURISDICTION_CLASSES) and ctx.cls_of(key) != "Country" and key != order:
                yield Fact("applies_to", order, key, ctx.evidence(sent), confidence=0.65)  # "the Iowa law"
        if child.lower_ == "state" and child.dep_ in ("amod", "compound") and ctx.cls_of(order) == "Legislation":
            state = ctx.last_before(head.i, {"State"}, window=2000) or state_hint(ctx)  # "the state law"
            if state:
                yield Fact("applies_to", order, state, ctx.evidence(sent), confidence=0.6)
        # "a 2018 ruling by a Denver district judge", "a memo by the mayor", "the policy of the Sheriff's Office"
        # (not "the executive order by agencies", which speaks of its enforcement)
        if child.dep_ == "prep" and child.lower_ in ("by", "of") and ctx.cls_of(order) in _AUTHORED:
            for pobj in child.children:
                # "of" names the author only as the noun itself ("the policy of giving DHS notice" is its content)
                key = ctx.head_key(pobj, _AGENTS) if child.lower_ == "by" else ctx.key_of(pobj)
                key = key if ctx.is_a(key, _AGENTS) else None
                if key and key != order:
                    dated = date_of(ctx.reference, sent)
                    yield Fact("issued", key, order, ctx.evidence(sent), confidence=0.7, date=dated)


def _named_after_its_owner(ctx: Context, sent: Span, head: Token) -> Iterator[Fact]:
    """'Spokane Police Department Policy 428', 'Santa Ana Ordinance No. NS-2931': a local order named after the
    body that made it (and whose staff it binds) or the place it governs (the words of the name NER left out
    included)."""
    order = ctx.key_of(head)
    if ctx.cls_of(order) not in ("LocalPolicy", "Directive"):
        return
    start = head.i
    while start > sent.start and ctx.key_of(ctx.doc[start - 1]) == order:
        start -= 1
    for j in range(start - 1, max(sent.start, start - 5) - 1, -1):
        token = ctx.doc[j]
        key = ctx.key_of(token)
        if key is None and token.is_title:
            continue  # "Police Division" between "Newark" and "General Order 17-09"
        seat = ctx.body_seats.get(key) if ctx.is_a(key, BODY_CLASSES) else None
        if seat:
            yield Fact("issued", key, order, ctx.evidence(sent), confidence=0.6)
            yield Fact("addressed_to", order, key, ctx.evidence(sent), confidence=0.6)  # a body's order binds its staff
        place = seat or key
        if ctx.is_a(place, JURISDICTION_CLASSES) and ctx.cls_of(place) != "Country":
            yield Fact("applies_to", order, place, ctx.evidence(sent), confidence=0.6)
        return


def _clause_subject(ctx: Context, noun: Token) -> str | None:
    """The body or jurisdiction that is the subject of the clause a noun sits in."""
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(verb) if verb is not None else None
    key = ctx.head_key(subject, _AGENTS - {"Person"}) if subject is not None else None
    return key


def _own_date(ctx: Context, noun: Token) -> str | None:
    """A date in an order's own name ("its 2011 ordinance")."""
    return _date_in(ctx, ctx.doc[noun.left_edge.i : noun.i + 1])


def _date_in(ctx: Context, phrase: Span) -> str | None:
    return date_of(ctx.reference, phrase) if any(t.ent_type_ == "DATE" for t in phrase) else None


def _ruling_parties(ctx: Context, sent: Span, head: Token) -> Iterator[Fact]:
    """'an injunction in favor of Chicago and against the Attorney General': the ruling applies to the
    party it favors and is addressed to the party it is against."""
    ruling = ctx.key_of(head)
    for prep in _phrase_preps(head):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if prep.lower_ == "of" and prep.head.lower_ == "favor":
                key = ctx.head_key(pobj, JURISDICTION_CLASSES)
                if key:
                    yield Fact("applies_to", ruling, key, ctx.evidence(sent), confidence=0.7)
            elif prep.lower_ == "against":
                key = ctx.head_key(pobj, _AGENTS)
                if key and key != ruling:
                    yield Fact("addressed_to", ruling, key, ctx.evidence(sent), confidence=0.7)


def _phrase_preps(head: Token) -> Iterator[Token]:
    """The prepositions of a noun's own phrase ('in favor of X and against Y'), not of clauses in it."""
    todo = [c for c in head.children if c.dep_ == "prep"]
    while todo:
        token = todo.pop()
        if token.pos_ == "ADP":
            yield token
        todo.extend(c for c in token.children if c.dep_ in ("prep", "pobj", "conj"))


def _obligations(ctx: Context, sent: Span) -> Iterator[Fact]:
    """In the text of an order, 'X shall ...' and 'X is directed to ...' address X."""
    own = own_order(ctx)
    if own is None:
        return
    for token in sent:
        if token.lower_ == "shall" and token.dep_ == "aux":
            subject = subject_of(token.head)
            key = ctx.subtree_key(subject, ACTOR_CLASSES) if subject is not None else None
            if key and ctx.cls_of(key) != "PoliticalParty":
                yield Fact("addressed_to", own, key, ctx.evidence(sent), confidence=0.7)
            for through in _through(ctx, token.head):
                yield Fact("addressed_to", own, through, ctx.evidence(sent), confidence=0.6)
            for jurisdiction in ctx.keys_in(sent, JURISDICTION_CLASSES):
                if ctx.cls_of(jurisdiction) != "Country":
                    yield Fact("applies_to", own, jurisdiction, ctx.evidence(sent), confidence=0.6)


def _through(ctx: Context, verb: Token) -> Iterator[str]:
    """'X, through the Director of Y, shall ...': the intermediary is directed too."""
    for token in (verb, *verb.children):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "through":
                for pobj in child.children:
                    key = ctx.subtree_key(pobj, ACTOR_CLASSES)
                    if key:
                        yield key


def _order_in(ctx: Context, sent: Span) -> str | None:
    found = ctx.keys_in(sent, ORDER_CLASSES)
    return found[0] if found else None


def _document_itself(ctx: Context) -> Iterator[Fact]:
    """A document that is an executive order is issued by whoever its text says "I" for, else (a
    presidential number) the President; a memorandum by the sender its header names, to its
    addressees; a ruling by its court."""
    sents = list(ctx.doc.sents)
    if not sents:
        return
    first = ctx.evidence(sents[0])
    own = own_executive_order(ctx)
    if ctx.frame.memo:
        dated = ctx.entities[ctx.frame.memo].date or ctx.info.date  # a letter's own date line, else the document's
        for sender in ctx.frame.memo_from:
            yield Fact("issued", sender, ctx.frame.memo, first, confidence=0.75, date=dated)
        for addressee in ctx.frame.memo_to:
            yield Fact("addressed_to", ctx.frame.memo, addressee, first, confidence=0.75)
    if own:
        issuer = _first_person_voice(ctx)  # "I, Jay Inslee, Governor of the state of Washington, ..."
        seat = next((k.split("@", 1)[1] for k, v in ctx.role_holders.items() if v == issuer and "@" in k), None)
        if issuer is None and "-" not in ctx.entities[own].label:  # a presidential number, not a state's "2020-07"
            issuer = ctx.role_holders.get("president") or ctx.add(
                "Person", "President", "person/office-president-us", aliases=("the President",)
            )
            seat = ctx.add("Country", "United States", "country/us")
        if issuer:
            yield Fact("issued", issuer, own, first, confidence=0.75, date=ctx.info.date)
        if seat in ctx.entities:
            yield Fact("applies_to", own, seat, first, confidence=0.6)
    if ctx.frame.court:
        court = ctx.frame.court
        title = ctx.info.title or ctx.info.name
        label = title.split(" — ")[-1].split("(")[0].strip() if " — " in title else title
        ruling = ctx.add("CourtRuling", label, ctx.local_key("CourtRuling", label), aliases=(title.split(" — ")[0],))
        yield Fact("issued", court, ruling, first, confidence=0.7, date=ctx.info.date)
        if _INJUNCTION.search(title):
            yield from _enjoined_parties(ctx, ruling, title.split(" — ")[0], first)


def _first_person_voice(ctx: Context) -> str | None:
    """Who an order's text says 'I' for: 'I, Jay Inslee, Governor of ...'."""
    doc = ctx.doc
    for token in doc[:-2]:
        if token.text == "I" and doc[token.i + 1].text == ",":
            key = ctx.key_of(doc[token.i + 2])
            if ctx.is_a(key, {"Person"}):
                return key
    return None


def _enjoined_parties(ctx: Context, ruling: str, captions: str, evidence: Evidence) -> Iterator[Fact]:
    """An order granting an injunction in "A v. B" protects the plaintiff A and binds the defendant B."""
    for caption in captions.split(";"):
        plaintiff, versus, defendant = caption.partition(" v. ")
        if not versus:
            continue
        protected, bound = party(ctx, plaintiff), party(ctx, defendant)
        if ctx.is_a(protected, JURISDICTION_CLASSES):
            yield Fact("applies_to", ruling, protected, evidence, confidence=0.6)
        if bound and bound != protected:
            yield Fact("addressed_to", ruling, bound, evidence, confidence=0.6)

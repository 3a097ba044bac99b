"""Orders named by a common noun ("the memo", "the grant conditions", "a 2008 state law that ...", "this
order"): an order the noun refers back to, a new order of the text, or nothing when the noun speaks of a kind
("cities have policies")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.context import BODY_CLASSES, ORDER_CLASSES, Context
from kg.extract.mentions.names import clean_label, determiner_of, is_federal, stance_word
from kg.extract.mentions.orders import BILL, ORDER_REFERENTS, order_named_at_start
from kg.lexicon.orders import (
    GENERAL_ORDER_NOUNS,
    ISSUE_VERBS,
    MANNER_NOUNS,
    NON_JUDICIAL_RULINGS,
    ORDER_ANAPHORS,
    ORDER_NOUNS,
    ORDER_SYNONYMS,
)


def unchunked_nouns(ctx: Context, chunks: list[Span]) -> list[Span]:
    """Nouns the parser left out of every noun chunk after a stance word it took for their modifier
    ("filed a lawsuit in the District of Oregon challenging conditions"), with the modifiers before them."""
    covered = {t.i for chunk in chunks for t in chunk}
    found = []
    for token in ctx.tokens:
        if token.pos_ != "NOUN" or token.i in covered or token.dep_ == "compound" or token.i == 0:
            continue
        if not stance_word(ctx.doc[token.i - 1]):
            continue
        start = token.i
        while start > 0 and ctx.doc[start - 1].head == token and ctx.doc[start - 1].dep_ in _NOUN_MODIFIERS:
            start -= 1
        found.append(ctx.doc[start : token.i + 1])
    return found


_NOUN_MODIFIERS = {"det", "amod", "compound", "nummod", "poss"}


def order_class(lemma_text: str, head: Token) -> str | None:
    for phrase in sorted(ORDER_NOUNS, key=len, reverse=True):
        if lemma_text.endswith(phrase) and head.lemma_.lower() == phrase.split()[-1]:
            return ORDER_NOUNS[phrase]
    if head.lemma_.lower() in ORDER_ANAPHORS and head.pos_ in ("NOUN", "PROPN"):
        return "Order"
    return None


def _sent(head: Token) -> bool:
    """'sent letters to ...', 'in letters sent Thursday', 'letters dated July 26': particular letters that
    were issued, not letters as a kind."""
    if head.dep_ == "dobj" and head.head.lemma_.lower() in ISSUE_VERBS:
        return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in ISSUE_VERBS | {"date"} for c in head.children)


def order_nominal(ctx: Context, chunk: Span, head: Token, cls: str, last_named: int) -> None:
    """Resolve an order noun phrase to the order it names or refers back to; `last_named` is where the text last
    names an order (`last_order_name`)."""
    determiner = determiner_of(chunk, head)
    named_with_owner = chunk  # "California's policies"
    owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if owner is not None and owner.right_edge.i < head.i:
        chunk = chunk.doc[owner.right_edge.i + 1 : chunk.end]  # the order's own words, not its owner's
    plural = head.tag_ in ("NNS", "NNPS")
    bare = not plural and head.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in head.lefts)
    if bare and ((len(chunk) == 1 and head.dep_ == "pobj") or head.lower_ in MANNER_NOUNS):
        return  # "without notice", "by resolution", "gave ICE notice": the bare noun names a manner, not an order
    if cls == "DetainerRequest" and any(t.lemma_.lower() == "detainer" for t in chunk):
        # "ICE detainers", "a detainer", "the 212 detainers it lodged": a text speaks of one kind of request
        label = clean_label(chunk.text)
        key = ctx.add(cls, label, ctx.local_key(cls, "detainers"), aliases=(label,))
        ctx.mark(chunk.start, chunk.end, key)
        return
    if determiner == "this" and cls in ("Order", "ExecutiveOrder") and (key := order_named_at_start(ctx)):
        # in the text of an order, "this order" is the document itself
        ctx.mark(chunk.start, chunk.end, key)
        return
    if determiner == "this" and cls in ("Order", "Directive") and ctx.frame.memo:
        ctx.mark(chunk.start, chunk.end, ctx.frame.memo)  # "this memorandum", in its own text
        return
    if cls == "Order" and determiner in ("a", "an", "any", "no", "every", "each"):
        # "without a court order" refers back to no order; "issued an order closing ..." is a new one
        if determiner in ("a", "an") and _unnamed_particular_order(ctx, head, determiner, plural, last_named):
            _new_order(ctx, named_with_owner, head, _unnamed_order_class(ctx, chunk))
        return
    if cls == "Order" or determiner in ("this", "that", "the", "such") and cls == "ExecutiveOrder":
        key = ctx.last_before(chunk.start, {cls} if cls != "Order" else ORDER_REFERENTS) or order_named_at_start(ctx)
        if key:
            ctx.mark(chunk.start, chunk.end, key)
            ctx.entities[key].aliases.add(clean_label(chunk.text))
        elif cls == "ExecutiveOrder":
            _new_order(ctx, chunk, head, cls)
        elif _unnamed_particular_order(ctx, head, determiner, plural, last_named):
            _new_order(ctx, named_with_owner, head, _unnamed_order_class(ctx, chunk))
        return
    # "two conditions": a counted plural names particular orders, unlike a bare one
    # "two conditions" (the ones named before, if any), "California's policies", "new conditions" (new
    # ones): particular orders, unlike a bare plural
    counted = plural and any(c.dep_ == "nummod" and c.is_alpha for c in head.lefts)
    owned = plural and (
        any(
            c.dep_ == "poss"
            and c.tag_ != "PRP$"
            and cls in ("LocalPolicy", "Directive")  # not "the nation's laws"
            or c.lower_ == "new"
            for c in head.lefts
        )
        or any(_authored_by_clause(ctx, c) for c in head.rights)  # "conditions that the Department placed"
    )
    if owned:
        _new_order(ctx, named_with_owner, head, cls)
        return
    if (
        plural
        and not counted
        and cls in ("LocalPolicy", "Legislation", "Directive")
        and determiner not in ("these", "those", "its", "their", "the")
        and not (cls == "Directive" and _sent(head))
    ):
        return  # bare plurals ("cities have policies") speak of kinds, not of one order
    named = _named_by_apposition(ctx, head, cls)
    if named:  # "Senate File 481, the 2018 Iowa law that bans ...": the same law
        ctx.mark(chunk.start, chunk.end, named)
        ctx.entities[named].aliases.add(clean_label(chunk.text))
        return
    if cls == "Legislation" and head.lemma_.lower() == "law" and not plural and not _particular_law(chunk, head):
        return  # "federal law" in general is no one order
    following = chunk.doc[chunk[0].i + 1] if chunk[0].i + 1 < len(chunk.doc) else None
    numbered = following is not None and following.is_punct and following.text != "("  # not "287(g)"
    if chunk[0].like_num and not counted and (chunk[0].i == chunk.sent.start or numbered):
        return  # a numbered heading ("Sec. 2. Policy."), not an order
    if cls == "LocalPolicy" and _federal_owner(head):
        return  # "the policy of the executive branch" is a stated aim, not a local policy
    if cls == "CourtRuling" and head.lemma_.lower() in NON_JUDICIAL_RULINGS and not _judicial(ctx, chunk):
        # "the sheriff's decision" is no court's; it can still refer back to a ruling already named
        if previous_ruling := _previous_order(ctx, chunk.start, cls, head):
            ctx.mark(chunk.start, chunk.end, previous_ruling)
        return
    previous = _previous_order(ctx, chunk.start, cls, head)
    if (determiner in ("the", "this", "that", "its", "their", "these", "those") or counted) and previous:
        ctx.mark(chunk.start, chunk.end, previous)
        ctx.entities[previous].aliases.add(clean_label(chunk.text))
        return
    if determiner in ("this", "that", "these", "those"):
        return  # pointing back at nothing the text named as an order
    _new_order(ctx, chunk, head, cls)


def _unnamed_particular_order(ctx: Context, head: Token, determiner: str, plural: bool, last_named: int) -> bool:
    """'The health officer's order', 'the emergency order', 'issued an order closing the barn', in a text that names
    no order: one particular order, the text's own, though it never gets a name. A text that names one, before or
    after ('"This order is unlawful," she said of the executive order'), means that one."""
    if plural or not (determiner in ("the", "its", "their") or _sent(head)):
        return False
    if any(ctx.cls_of(key) in ORDER_REFERENTS for key in ctx.entities):
        return False
    return head.i >= last_named


def _unnamed_order_class(ctx: Context, chunk: Span) -> str:
    """The class of a text's own unnamed order: a court's ruling where a court is in view, else a directive."""
    return "CourtRuling" if _judicial(ctx, chunk) else "Directive"


def last_order_name(doc: Doc) -> int:
    """The index of the last token that names an order "the order" can mean (a memo, a ruling, an executive order)
    or begins a name NER calls a law; -1 where none does. Found once per document: read again for each unnamed
    "the order", the rest of a long text made its reading grow as the square of its length."""
    heads = {phrase.split()[-1] for phrase in ORDER_NOUNS}  # read here: a user's trigger words may add nouns
    laws = (e.start for e in doc.ents if e.label_ == "LAW")
    nouns = (
        t.i
        for t in doc
        if t.pos_ == "NOUN" and t.lemma_.lower() in heads and order_class(_with_modifiers(t), t) in ORDER_REFERENTS
    )
    return max((*laws, *nouns), default=-1)


def _with_modifiers(noun: Token) -> str:
    """'executive order' for the noun 'order' of 'the executive order': the lemmas an order noun is matched on."""
    return " ".join([*(t.lemma_.lower() for t in noun.lefts if t.dep_ in ("compound", "amod")), noun.lemma_.lower()])


def _judicial(ctx: Context, chunk: Span) -> bool:
    """Whether a court is in view: a court document, or a court or judge named in the sentence (not
    only "in court", where a decision may yet be challenged)."""
    courts = [t for t in chunk.sent if ctx.cls_of(ctx.key_of(t)) == "Court" or t.lemma_.lower() == "judge"]
    return ctx.frame.court is not None or bool(courts)


def _previous_order(ctx: Context, index: int, cls: str, head: Token) -> str | None:
    """The order a definite or counted noun refers back to: the nearest one of its class called by the
    same noun or a synonym ("the decision" after "the ruling"; "the grant conditions" are not "the letter")."""
    nouns = next((group for group in ORDER_SYNONYMS if head.lemma_.lower() in group), {head.lemma_.lower()})
    nouns = nouns | GENERAL_ORDER_NOUNS.get(head.lemma_.lower(), set())
    classes = {cls} | ({"Legislation", "LocalPolicy"} if head.lemma_.lower() in GENERAL_ORDER_NOUNS else set())

    def called_so(key: str) -> bool:  # any word of a name: "House Bill 12" is a bill, and so is "House File 3146"
        aliases = ctx.entities[key].aliases
        words = {re.sub(r"s$", "", w) for a in aliases for w in a.lower().split()}
        return bool(words & nouns) or ("bill" in nouns and any(BILL.match(a) for a in aliases))

    return ctx.last_before(index, classes, window=2000, where=called_so)


def _named_by_apposition(ctx: Context, head: Token, cls: str) -> str | None:
    """The order an order noun stands in apposition to ("Senate File 481, the 2018 Iowa law")."""
    if head.dep_ != "appos":
        return None
    if ctx.is_a(ctx.key_of(head.head), ORDER_CLASSES):
        return ctx.key_of(head.head)
    doc = head.doc
    before = head.left_edge.i - 1
    if before >= 1 and doc[before].text == "," and ctx.cls_of(ctx.key_of(doc[before - 1])) == cls:
        return ctx.key_of(doc[before - 1])  # the parser hung it elsewhere, but it follows the name
    return None


def _particular_law(chunk: Span, head: Token) -> bool:
    """'the law' after a law was named, 'a 2008 state law that requires ...': one law, not law in general."""
    dated = any(t.like_num for t in chunk)
    described = any(c.dep_ in ("relcl", "acl") for c in head.children)
    return dated or described or chunk[0].lower_ in ("the", "this", "that")


def _authored_by_clause(ctx: Context, clause: Token) -> bool:
    """A relative clause whose subject is a named body or person ("that the Department placed")."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj"] if clause.dep_ in ("relcl", "acl") else []
    return any(ctx.is_a(ctx.key_of(s), BODY_CLASSES | {"Person"}) for s in subjects)


def _federal_owner(head: Token) -> bool:
    owners = [t for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.children]
    owners += [c for c in head.lefts if c.dep_ == "poss"]
    return any(is_federal(o.doc[o.left_edge.i : o.i + 1]) for o in owners)


def _new_order(ctx: Context, chunk: Span, head: Token, cls: str) -> None:
    label = _order_label(chunk, head)
    key = ctx.add(cls, label, ctx.local_key(cls, label), aliases=(clean_label(chunk.text),))
    ctx.mark(chunk.start, chunk.end, key)


def _order_label(chunk: Span, head: Token) -> str:
    """'a policy of not indefinitely detaining inmates' keeps its 'of' complement, up to a clause."""
    end = chunk.end
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens = [t for t in child.subtree if t.i < head.i + 12]
            if tokens:  # an "of" more than a dozen words on is no complement of the order's name
                end = max(end, tokens[-1].i + 1)
    words = chunk.doc[chunk.start : end]
    return clean_label("".join(t.text_with_ws for t in words if t.pos_ != "DET" and t.tag_ != "PRP$"))

"""Orders known by name or number: executive orders ("Executive Order 13768", a state's "19-01"), U.S. Code
sections, bills ("SB 112" and "Senate Bill 112" as one), local orders ("Ordinance No. NS-2931", "General Order
17-09") and the body or place named at their front, a section of an order as the order, a ruling known only
by its verb ("Judge X ruled that ..."), and the order a document is the text of."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Span

from kg import gazetteer
from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context
from kg.extract.mentions.names import clean_label, shouted
from kg.extract.mentions.places import PLACE_BY_CLASS_WORD, place_named
from kg.extract.syntax import entity_at
from kg.lexicon.funding import FUNDING_NOUNS, PROGRAM_CONTEXT, PROGRAM_WORDS
from kg.lexicon.orders import JUDGING_VERBS, NUMBERED_ORDER_NOUNS, RULING_NOUNS
from kg.text import slug

# What "the order" can refer back to: a request, policy or law is not called an order.
ORDER_REFERENTS = {"ExecutiveOrder", "Directive", "CourtRuling"}
_EO_NUMBER = re.compile(
    r"(?:executive\s+order|e\.?o\.?)\s*(?:\((?:eo|e\.o\.)\)\s*)?(?:no\.\s*)?"
    r"(\d{2,4}\s*-\s*\d{1,4}[a-z]?|\d{4,6}(?!\s*-))\b",  # a state's serial may end in a letter ("2022-11D")
    re.I,
)
_USC = re.compile(r"(\d+)\s*u\.?s\.?c\.?\s*§*\s*(\d+[a-z]?)", re.I)
_SECTION = re.compile(r"^(?:section|sec\.|§)\s*(\d{3,4})$", re.I)
_PART = re.compile(r"^(?:section|sec\.|§)\s*\d{1,2}[a-z]?$", re.I)  # a section of an order, not of the Code
_NUMBERED_ORDER = re.compile(
    r"\b(Ordinance|Resolution|General Order|Policy|Directive|Board Bill|Council Bill|Bulletin|Advisory|Circular)"
    r"\s+(?:No\.\s*|Number\s+)?(?:[A-Z]{1,3}-)?\d[\d.-]*(?<![.-])"
)
CASE = re.compile(r"^(.+?)\s+v\.\s+(.+)$")
BILL = re.compile(
    r"^(?:senate|house|assembly)\s+(?:bill|file)\b|^(?:s\.?b\.?|h\.?b\.?|h\.?r\.?|a\.?b\.?|s\.)\s*\d", re.I
)


def named_in_the_next_sentence(ctx: Context) -> None:
    """'The mayor signed an executive order of her own. Executive Order 2017-3, as it is known, ...': an order
    introduced without a name, and a named order of its class opening the next sentence, are one order."""
    first_mentions: dict[str, int] = {}
    for i, key in sorted(ctx.token_keys.items()):
        first_mentions.setdefault(key, i)
    unnamed = [
        (i, key)
        for key, i in first_mentions.items()
        if ctx.doc[i].lower_ in ("a", "an") and ctx.is_a(key, ORDER_CLASSES) and not _numbered(ctx, key)
    ]
    for sent, following in itertools.pairwise(ctx.doc.sents):
        opening = next((ctx.key_of(t) for t in following[:2] if ctx.key_of(t)), None)
        if not ctx.is_a(opening, ORDER_CLASSES) or not _numbered(ctx, opening):
            continue
        introduced = {
            key for i, key in unnamed if sent.start <= i < sent.end and ctx.cls_of(key) == ctx.cls_of(opening)
        }
        if len(introduced) == 1:
            ctx.merge(introduced.pop(), opening)


def _numbered(ctx: Context, key: str) -> bool:
    return any(c.isdigit() for c in ctx.entities[key].label)


def names_a_program(span: Span) -> bool:
    """'Byrne JAG funds', 'the Edward Byrne Memorial grant', 'SCAAP': a grant program, whatever NER calls it."""
    named = [t for t in span if t.lower_ in PROGRAM_WORDS]
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return bool(named) and (any(t.is_upper for t in named) or after in PROGRAM_CONTEXT)


def numbered_orders(ctx: Context) -> None:
    """Local orders named by number ("Ordinance No. NS-2931", "General Order 17-09", "Policy 4.17"), which NER
    most often leaves untagged."""
    for match in _NUMBERED_ORDER.finditer(ctx.text):
        span = ctx.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in ctx.token_keys for t in span) or shouted(ctx, span):
            continue
        cls = _numbered_order_class(match.group(1))
        if cls:
            ctx.mark(span.start, span.end, ctx.add(cls, span.text, ctx.local_key(cls, span.text)))


def _after_leading_place(ctx: Context, span: Span) -> Span:
    """'Tulsa Ordinance No. 17-09' and '(Spokane) Police Department Policy 428' as NER tags them: the place or body
    named first is marked as such, the order is the rest."""
    for n in (4, 3, 2, 1):
        if n < len(span) and span[n].lower_ in NUMBERED_ORDER_NOUNS and all(t.is_title for t in span[:n]):
            if span[n - 1].lower_ in _ADMINISTRATIVE_HEADS:  # not "Senate Bill 4", "Board Bill 214"
                _leading_body(ctx, span[:n])
                return span[n:]
            if not (gazetteer.lookup(span[:n].text) or PLACE_BY_CLASS_WORD.match(span[:n].text)):
                continue  # "Executive Order", "Local Emergency Order No. 1": the order's own words
            place = place_named(ctx, span[:n])
            if ctx.cls_of(place) in ("City", "County", "State"):
                ctx.mark(span.start, span.start + n, place)
                return span[n:]
    return span


# Last words of an administrative body's name, which may begin the name of one of its orders.
_ADMINISTRATIVE_HEADS = {"department", "police", "office", "bureau", "division", "agency"}


def _leading_body(ctx: Context, words: Span) -> None:
    """The body whose name begins an order's ("Spokane Police Department", "Pittsburgh Bureau of Police"), with the
    place named just before the words NER gave the order."""
    doc = words.doc
    start = words.start
    while start > 1 and not ctx.key_of(doc[start - 1]) and (doc[start - 1].is_title or doc[start - 1].lower_ == "of"):
        start -= 1  # "Bureau of" in "Pittsburgh Bureau of Police Order No. 45-7"
    before = ctx.key_of(doc[start - 1]) if start > 0 else None
    if ctx.is_a(before, BODY_CLASSES):  # "Pittsburgh Bureau" taken for a body, then "of Police": one name
        while start > 0 and ctx.key_of(doc[start - 1]) == before:
            start -= 1
        named = entity_at(doc, start)
        place = ctx.body_seats.get(before) or (place_named(ctx, named) if named and named.label_ == "GPE" else None)
    else:
        place = before
    seated = ctx.is_a(place, JURISDICTION_CLASSES) and ctx.cls_of(place) != "Country"
    while seated and start > 0 and ctx.key_of(doc[start - 1]) == place:
        start -= 1
    name = clean_label(doc[start : words.end].text)
    key = ctx.add("GovernmentBody", name, aliases=(name,))
    if seated:
        ctx.body_seats.setdefault(key, place)
    ctx.mark(start, words.end, key)


# a session's number may come with the bill's ("SB 22-180"): two bills, not one
_BILL_IN_WORDS = re.compile(r"^(senate|house|assembly)\s+(bill|file)\s+(?:no\.?\s*)?(\d+(?:-\d+)?)", re.I)
_BILL_IN_LETTERS = re.compile(r"^([sha])\.?\s?([bfr])\.?\s*(\d+(?:-\d+)?)", re.I)


def _bill_number(name: str) -> str:
    """'Senate Bill 112' and 'SB 112' as one name: 'SB 112' ('House File 3146': 'HF 3146')."""
    if match := _BILL_IN_WORDS.match(name):
        return f"{match[1][0]}{match[2][0]} {match[3]}".upper()
    if match := _BILL_IN_LETTERS.match(name):
        return f"{match[1]}{match[2]} {match[3]}".upper()
    return name


def _numbered_order_class(name: str) -> str | None:
    """The class of an order named by number, from its last order noun ("General Order 17-09", "Board Bill 214")."""
    words = name.lower().split()
    for i in range(len(words) - 1, -1, -1):
        for noun in (" ".join(words[i - 1 : i + 1]) if i else None, words[i]):
            if noun in NUMBERED_ORDER_NOUNS:
                return NUMBERED_ORDER_NOUNS[noun]
    return None


def law_named(ctx: Context, span: Span) -> str | None:
    named = span
    span = _after_leading_place(ctx, span)
    local = span.start > named.start  # named after a place or a local body ("Pittsburgh Bureau of Police Order 45-7")
    text = span.text
    if match := _EO_NUMBER.search(text):
        return _executive_order(ctx, match.group(1), text)
    if match := _USC.search(text):
        title, section = match.groups()
        return ctx.add(
            "Legislation",
            f"{title} U.S.C. {section}",
            f"order/usc-{title}-{section}",
            aliases=(text, f"Section {section}", f"{title} U.S.C. § {section}"),
        )
    if match := _SECTION.match(text):
        section = match.group(1)
        for key, entity in ctx.entities.items():
            if key.startswith("order/usc-") and key.endswith(f"-{section}"):
                entity.aliases.add(text)
                return key
        return None
    lowered = text.lower()
    if _PART.match(text) or any(w in lowered for w in ("amendment", "constitution", "clause", "article")):
        return None
    if money_follows(span):
        return None  # "the Byrne JAG grant": a grant program, not a law
    if BILL.match(text):  # bill numbers repeat across legislatures and sessions
        return ctx.add("Legislation", text, ctx.local_key("Legislation", _bill_number(text)))
    cls = _pattern_class(span) or _numbered_order_class(text)
    if cls == "Directive" and local:
        cls = "LocalPolicy"  # a local body's numbered order is one of its policies
    if cls:  # "Resolution No. 2017-11": numbered in one jurisdiction's series, so named within the document
        return ctx.add(cls, text, ctx.local_key(cls, text))
    if len(span) == 1 and span[0].is_title and not any(c.isdigit() for c in text):
        return None  # a lone capitalised word the model calls a law is most often a surname ("Delaney said")
    return ctx.add("Legislation", text, f"order/{slug(text)}")


def _pattern_class(span: Span) -> str | None:
    """The order class the pattern that tagged the name gives it (its ``id`` in `kg.patterns`), if any."""
    cls = span[0].ent_id_
    return cls if cls in ORDER_CLASSES else None


def money_follows(span: Span) -> bool:
    """Whether a funding noun or "program" follows the name ("Byrne JAG funds"); not a verb ("... granted")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.pos_ in ("NOUN", "PROPN")
        and (after.lemma_.lower() in FUNDING_NOUNS or after.lower_ == "program")
    )


def order_parts(ctx: Context) -> None:
    """A section of an order ("Section 9 of the Executive Order", or a bare "Section 9(a)" after an
    order is named) is that order: what is said of a section (challenged, enjoined) is said of the order."""
    doc = ctx.doc
    for ent in doc.ents:
        if ent.label_ != "LAW" or not _PART.match(ent.text) or ctx.key_of(ent[0]):
            continue
        after = ent.end
        while after < len(doc) and (doc[after].text in ("(", ")") or doc[after - 1].text == "("):
            after += 1  # a subsection: "(a)"
        order = None
        if after + 1 < len(doc) and doc[after].lower_ == "of":
            nxt = next((t for t in doc[after + 1 : after + 5] if ctx.key_of(t)), None)
            order = ctx.key_of(nxt) if nxt is not None and ctx.is_a(ctx.key_of(nxt), ORDER_CLASSES) else None
        order = order or ctx.last_before(ent.start, ORDER_REFERENTS | {"Legislation"}, window=600)
        if order:
            ctx.mark(ent.start, after, order)


def unnamed_rulings(ctx: Context) -> None:
    """'Judge X ruled Friday that ...' is a ruling the text may call 'the ruling' or 'the decision' later:
    the verb is its mention when the sentence has no ruling noun of its own."""
    for verb in ctx.tokens:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in JUDGING_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.lower_ in ("will", "would", "could", "may", "might") for c in verb.children):
            continue
        judge = any(t.lower_ in ("judge", "magistrate") for t in subject.subtree)
        if not judge and ctx.cls_of(ctx.key_of(subject)) != "Court":
            continue
        if not any(t.lemma_.lower() in RULING_NOUNS for t in verb.sent):
            key = ctx.add("CourtRuling", "ruling", ctx.local_key("CourtRuling", "ruling"), aliases=("ruling",))
            ctx.mark(verb.i, verb.i + 1, key)


def own_order(ctx: Context) -> str | None:
    """The order a document is the text of, when it is one: an executive order (its title is an
    executive order's, and it is no statement or press release about one) or a memorandum."""
    return own_executive_order(ctx) or ctx.frame.memo


def own_executive_order(ctx: Context) -> str | None:
    title = re.sub(r"^(?:the\s+)?(?:presidential\s+)?", "", (ctx.info.title or "").lower())
    return order_named_at_start(ctx) if title.startswith("executive order") and not ctx.frame.speaker else None


def order_named_at_start(ctx: Context) -> str | None:
    """The executive order a document's title or opening names: what 'this order' refers to."""
    title = (ctx.info.title or "").strip()
    match = _EO_NUMBER.search(title) or _EO_NUMBER.search(ctx.text[:300])
    return _executive_order(ctx, match.group(1), match.group(0)) if match else None


def _executive_order(ctx: Context, number: str, surface: str = "") -> str:
    """A numbered executive order. Presidential numbers are unique nationwide; a state's ("19-01")
    only within its state and year, so those keys stay in the document."""
    number = re.sub(r"\s+", "", number)
    label = f"Executive Order {number}"
    key = f"order/executive-order-{number}" if "-" not in number else ctx.local_key("ExecutiveOrder", label)
    # the name as written too: "Executive Order No. 2023-07" is how the text, and a reader, names it
    return ctx.add("ExecutiveOrder", label, key, aliases=(clean_label(surface), f"EO {number}"))

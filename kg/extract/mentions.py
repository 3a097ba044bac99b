"""Entity mentions: find the people, bodies, jurisdictions and orders a document names, type them
to the ontology, and resolve repeated and shortened mentions within the document to one node.

Keys are document-independent where the text identifies the thing on its own (a full name, a
gazetteer place, an executive-order number, a U.S. Code section), so documents merge; and scoped
to the document where only this text identifies it ("the memo", "nine jurisdictions").
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Span, Token

from kg import gazetteer, lexicon
from kg.dates import resolve_date
from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES, ORDER_CLASSES, Context, slug

FEDERAL_GOVERNMENT = "governmentbody/us-federal-government"
# What "the order" can refer back to: a request, policy or law is not called an order.
_ORDER_REFERENTS = {"ExecutiveOrder", "Directive", "CourtRuling"}
_TITLE_WORDS = {
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "hon.",
    "judge",
    "justice",
    "mayor",
    "president",
    "gov.",
    "governor",
    "sen.",
    "senator",
    "rep.",
    "secretary",
    "attorney",
    "general",
    "chief",
    "sheriff",
    "director",
} | (lexicon.ROLE_WORDS - {"of", "the"})
_JOINERS = {"of", "and", "for"}
_DASHES = ("—", "–", "-", "--")
# First words of offices a state has ("Washington Governor", "Washington Attorney General").
_STATE_TITLE_WORDS = {"governor", "gov.", "attorney", "secretary", "lieutenant", "treasurer", "senator", "sen."}
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(-TV)?")  # a US broadcaster's call sign ("KATU", "WTRD")
_DIRECTIONS = {"south", "north", "east", "west", "southern", "northern", "eastern", "western", "central"}
_EO_NUMBER = re.compile(
    r"(?:executive\s+order|e\.?o\.?)\s*(?:\((?:eo|e\.o\.)\)\s*)?(?:no\.\s*)?(\d{2,4}\s*-\s*\d{1,4}|\d{4,6})\b", re.I
)
_USC = re.compile(r"(\d+)\s*u\.?s\.?c\.?\s*§*\s*(\d+[a-z]?)", re.I)
_SECTION = re.compile(r"^(?:section|sec\.|§)\s*(\d{3,4})$", re.I)
_PART = re.compile(r"^(?:section|sec\.|§)\s*\d{1,2}[a-z]?$", re.I)  # a section of an order, not of the Code
_NUMBERED_ORDER = re.compile(
    r"\b(Ordinance|Resolution|General Order|Policy|Directive|Board Bill|Council Bill)"
    r"\s+(?:No\.\s*|Number\s+)?(?:[A-Z]{1,3}-)?\d[\d.-]*(?<![.-])"
)
_CASE = re.compile(r"^(.+?)\s+v\.\s+(.+)$")
_BILL = re.compile(
    r"^(?:senate|house|assembly)\s+(?:bill|file)\b|^(?:s\.?b\.?|h\.?b\.?|h\.?r\.?|a\.?b\.?|s\.)\s*\d", re.I
)
# a header field, with the indented lines that continue it (one addressee per line)
_MEMO_LINE = re.compile(
    r"^(MEMORANDUM FOR|MEMORANDUM TO|TO|FOR|FROM|SUBJECT|RE)[ \t]*:[ \t]*(\S[^\n]*?(?:\n[ \t]+\S[^\n]*?)*)[ \t]*$",
    re.M | re.I,
)
_SALUTATION = re.compile(r"^Dear ([^:\n]{2,80}):", re.M)
_MEMO_FIELDS = {
    "memorandum for": "to",
    "memorandum to": "to",
    "to": "to",
    "for": "to",
    "from": "from",
    "subject": "subject",
    "re": "subject",
}
_SUFFIX = re.compile(r"Jr\.?|Sr\.?|I{2,3}|IV")  # a generational suffix of a name
_GENERATIONAL = re.compile(r"^(?:[A-Z][a-z]+\.? )+(?:[A-Z]\. )?[A-Z][a-z]+,? (?:Jr\.|Sr\.|II|III|IV)$")
_STATEMENT = re.compile(r"\b(?:statement|press release|news release|remarks|for immediate release)\b", re.I)


def find_mentions(ctx: Context) -> None:
    """Fill `ctx` with every entity mention of the document, in text order."""
    _read_dateline(ctx)
    _read_publisher(ctx)
    ctx.city_of_starts = [m.end() for m in re.finditer(r"\bCity of ", ctx.doc.text)]
    _bodies_named_after_places(ctx)
    for ent in ctx.doc.ents:
        if not _shouted(ctx, ent):
            _named(ctx, ent)
    _numbered_orders(ctx)
    _resolve_short_names(ctx)
    _propagate_names(ctx)
    _acronyms(ctx)
    ctx.defined_terms = _defined_terms(ctx)
    _memo_header(ctx)
    if ctx.document_memo is None:
        _letter_salutation(ctx)
    _unnamed_rulings(ctx)
    chunks = list(ctx.doc.noun_chunks)
    for chunk in chunks + _unchunked_nouns(ctx, chunks):
        if not _shouted(ctx, chunk):
            _nominal(ctx, chunk)
    _definite_places(ctx)
    _order_parts(ctx)
    _named_in_the_next_sentence(ctx)


def _named_in_the_next_sentence(ctx: Context) -> None:
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


def _shouted(ctx: Context, span: Span) -> bool:
    """Words in an all-capitals heading, banner or dateline ("SANTA FE — ..."): the model cannot parse
    them, so they yield nothing."""
    doc = span.doc
    dateline = ctx.dateline
    if dateline is not None and dateline.start <= span.start < dateline.end:
        return True  # "BOISE, Idaho — ..."
    if span.text.isupper() and any(_is_dash(t) for t in doc[span.end : span.end + 4]):
        return True  # "... WASHINGTON – Today, ..."
    window = doc[max(0, span.start - 4) : min(len(doc), span.end + 4)]
    letters = [t for t in window if t.is_alpha and len(t) > 1]
    return len(letters) >= 4 and sum(t.is_upper for t in letters) > 0.6 * len(letters)


def _read_publisher(ctx: Context) -> None:
    """A document published by a court (an opinion, an order) belongs to that court; a statement or
    press release published by a body speaks for that body; any other publisher with no government or court
    word in its name is the outlet the document appeared in. A publisher that begins with a state's name
    ("Commonwealth of Massachusetts, Office of the Attorney General") is that state's office."""
    publisher = (ctx.info.publisher or "").split("(")[0].strip()
    first, comma, _ = publisher.partition(",")
    name = re.sub(r"^(?:the\s+)?(?:state|commonwealth)\s+of\s+", "", first.strip(), flags=re.I)
    state = gazetteer.state_named(name) if comma else None
    if state and gazetteer.normalize(state.name) == gazetteer.normalize(name):
        ctx.document_state = _place_key(ctx, state, state.name)  # "State of Oregon, Office of the Governor"
    if "court" in publisher.lower():
        ctx.document_court = ctx.add("Court", _canonical_body(publisher), aliases=(publisher,))
    elif publisher and _STATEMENT.search(f"{ctx.info.title or ''} {ctx.doc[:60].text}"):
        body = re.split(r"[,/;]", publisher)[0].strip()
        body = re.sub(r"^the\s+", "", body, flags=re.I)
        words = set(re.findall(r"[a-z.]+", body.lower()))
        cls = "GovernmentBody" if words & lexicon.GOVERNMENT_WORDS else "Organization"
        ctx.document_speaker = ctx.add(cls, _canonical_body(body), aliases=(body,))
    elif publisher and not set(re.findall(r"[a-z.]+", (ctx.info.publisher or "").lower())) & (
        lexicon.GOVERNMENT_WORDS | lexicon.COURT_WORDS
    ):
        ctx.document_outlet = _outlet_name(publisher)


def _outlet_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name.split("(")[0].strip().lower())


def is_publisher(ctx: Context, text: str) -> bool:
    """The outlet that published the document, named in its own text ("according to a Southwest Ledger review")."""
    return ctx.document_outlet is not None and _outlet_name(text) == ctx.document_outlet


# -- named entities -------------------------------------------------------------------------------


def _seat_of_a_title(span: Span) -> bool:
    """'State Rep. X', 'County Commissioner Y': a class word before a title says where the office is; it names no
    place or body of its own."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span.text.lower() in ("state", "county", "city") and after is not None and after.lower_ in lexicon.ROLES


_PLACE_BY_CLASS_WORD = re.compile(r"^(?:City|Town|Village|County|City and County) of [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*$")
_CITED_DISTRICT = re.compile(r"^([NSEWMC])\.\s?D\.\s?(.+)$")
_DISTRICTS = {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central"}


def _district_court_cited(ctx: Context, text: str) -> str | None:
    """'E.D. Wis.', 'S.D.N.Y.': a federal district court as legal citations abbreviate it."""
    match = _CITED_DISTRICT.match(text)
    state = gazetteer.state_named(match[2]) if match else None
    if state is None:
        return None
    name = f"U.S. District Court for the {_DISTRICTS[match[1]]} District of {state.name}"
    return ctx.add("Court", name, aliases=(text, name))


def _called_an_outlet(span: Span) -> bool:
    """'LNP, the Lancaster daily': an apposition calls the name a newspaper or station."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in lexicon.OUTLET_NOUNS for c in span.root.children)


def _named(ctx: Context, ent: Span) -> None:
    span = _trim(ent)
    if span is None:
        return
    possessive = next((t.i for t in span if t.tag_ == "POS"), None)
    if possessive and span.doc[possessive + 1 : span.end].text.lower() in lexicon.ROLES:
        span = span.doc[span.start : possessive]  # "the Department of Justice's Inspector General": an office of it
    text = span.text
    label = ent.label_
    key: str | None = None
    if _names_a_program(span) or _seat_of_a_title(span):
        return
    if label == "PERSON" and not _looks_like_body(text):
        key = person(ctx, span)
    elif court := _district_court_cited(ctx, text):  # NER calls "W.D. Pa." a place, "E.D. Wis." a body
        key = court
    elif label in ("GPE", "LOC") or _PLACE_BY_CLASS_WORD.match(text):  # NER calls "City of Sun Prairie" a body
        key = _place(ctx, span)
    elif label == "NORP":
        party = lexicon.PARTIES.get(text.lower())
        key = ctx.add("PoliticalParty", party, aliases=(text,)) if party else None
    elif label == "LAW":
        key = person_by_surname(ctx, text) or _law(ctx, span)
    elif (
        label == "ORG" or (label == "FAC" and _looks_like_body(text)) or (label == "PERSON" and _looks_like_body(text))
    ):
        key = _organization(ctx, span)
    if key:
        ctx.mark(span.start, span.end, key)


def _names_a_program(span: Span) -> bool:
    """'Byrne JAG funds', 'the Edward Byrne Memorial grant', 'SCAAP': a grant program, whatever NER calls it."""
    named = [t for t in span if t.lower_ in lexicon.PROGRAM_WORDS]
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return bool(named) and (any(t.is_upper for t in named) or after in lexicon.PROGRAM_CONTEXT)


def _bodies_named_after_places(ctx: Context) -> None:
    """Bodies and outlets named after a place ("the New Mexico Department of Public Safety", "the Texas
    Legislature", "the Oregon Supreme Court", "the Hartford Ledger"): the gazetteer claims the place before NER
    sees the whole name."""
    doc = ctx.doc
    for ent in doc.ents:
        if ent.label_ != "GPE" or _shouted(ctx, ent):
            continue
        end = ent.end
        while end < len(doc) and _continues_name(doc[end]):
            end += 1
        while end > ent.end and not doc[end - 1].is_title:
            end -= 1  # a name ends on a name word, not on "of" or "and"
        tails = lexicon.BODY_HEADS | lexicon.BODY_TAILS | lexicon.ORGANIZATION_TAILS | lexicon.MEDIA_WORDS
        while end - ent.end > 1 and doc[end - 1].lower_ in lexicon.ROLE_WORDS and doc[end - 2].lower_ in tails:
            end -= 1  # "the Tulsa City Council President Carol Fern": a title after the body's name
        last = doc[end - 1].lower_
        if end > ent.end and (doc[ent.end].lower_ in lexicon.BODY_HEADS or last in tails):
            key = _organization(ctx, doc[ent.start : end])
            if key:
                ctx.mark(ent.start, end, key)


def _continues_name(token: Token) -> bool:
    hyphen = token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.ent_type_ in ("", "ORG") and (token.is_title or token.lower_ in _JOINERS or hyphen)  # "Post-Gazette"


def _name_word(token: Token) -> bool:
    return token.is_title and _continues_name(token)


def _trim(span: Span) -> Span | None:
    """Drop a leading article, possessive 's and trailing punctuation from an entity span; join a
    hyphenated continuation ('Miami' + '-Dade') or a first half before "and" NER left out."""
    start, end = span.start, span.end
    doc = span.doc
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].pos_ == "PROPN":
        end += 2
    while start < end and (doc[start].lower_ in ("the", "a", "an", "all", "each", "every") or doc[start].is_punct):
        start += 1
    while span.label_ == "ORG" and start >= 2 and doc[start - 1].lower_ == "and" and _name_word(doc[start - 2]):
        start -= 2  # "Immigration and | Customs Enforcement": NER cut the name at its "and"
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _looks_like_body(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z.]+", text)}
    bodies = lexicon.COURT_WORDS | lexicon.ORGANIZATION_TAILS | {"department", "office", "house", "agency", "bureau"}
    # "WTRD" is a station and "the Lane Ledger" a newspaper, not a person
    outlet = len(words) > 1 and text.split()[-1].lower() in lexicon.MEDIA_WORDS - {"post", "news"}
    return bool(words & bodies) or outlet or _CALL_SIGN.fullmatch(text) is not None


def person(ctx: Context, span: Span) -> str:
    """The person a name span names, titles dropped; one node per first and last name."""
    tokens = [t for t in span if t.lower_ not in _TITLE_WORDS]
    name = "".join(t.text_with_ws for t in tokens).strip() or span.text  # "Ferris-Tran" stays one word
    name = re.sub(r"\s+", " ", re.sub(r"\s+,", ",", name))
    return ctx.add("Person", name, _person_key(name))


def _person_key(name: str) -> str:
    """First and last name only, so 'Donald J. Trump' and 'Donald Trump' are one node across documents."""
    words = [w for w in name.replace(",", " ").split() if not (re.fullmatch(r"[A-Z]\.?", w) or _SUFFIX.fullmatch(w))]
    core = [words[0], words[-1]] if len(words) > 2 else words
    return f"person/{slug(' '.join(core) or name)}"


def _place(ctx: Context, span: Span) -> str | None:
    text = span.text
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 2) : span.start])
    state_title = (
        after is not None and (after.lower_ in _STATE_TITLE_WORDS or after.lower_ in ("state", "legislature"))
    ) or (
        before in ("state of", "commonwealth of")  # "the state of Washington"
        or _place_noun_in(before)  # "the largest city in Washington"
    )
    state = gazetteer.state_named(text) if _names_the_state_of_a_place(span) else None
    if state is not None and state.key != "state/us-dc":
        return _place_key(ctx, state, text)  # "Sunnyside, Washington", "Danbury, Conn."
    if text.lower() in ("washington", "washington, d.c.", "washington d.c.", "d.c.") and not state_title:
        # In US political writing a bare "Washington" is the federal government, not the state
        # (unless a state office follows: "Washington Attorney General").
        return ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT, aliases=(text,))
    words = text.split()
    if len(words) > 1 and words[0].lower() in _DIRECTIONS | {"new"} and not gazetteer.lookup(text):
        text = " ".join(words[1:])  # "South Florida" is a region of Florida; a headline's "New Forsyth sheriff"
    places = gazetteer.lookup(text)
    if state_title:  # "New York Attorney General": the state, not the city
        places = [p for p in places if p.cls == "State"] or places
    elif (after is not None and after.lower_ == "city") or _called_city_of(ctx, text):
        # "Providence City Hall", or a text that says "City of Providence": the city, not its county
        places = [p for p in places if p.cls == "City"] or places
    state = _state_named_after(span)
    if state is not None and (of_state := gazetteer.lookup(text, state=state.key)):
        # "Lancaster, Pa.": the place of that state, and a city unless a class word says otherwise
        places = [p for p in of_state if p.cls == "City"] or of_state
    hint = state_hint(ctx)
    if len(places) > 1 and hint:
        narrowed = gazetteer.lookup(text, state=hint)
        if narrowed and narrowed[0].cls == places[0].cls:
            places = narrowed
    # the place the dateline names is the one meant by its bare name ("PROVIDENCE, R.I." then "Providence")
    place = next((p for p in places if p.key == ctx.dateline_place), places[0] if places else None)
    if place is not None:
        return _place_key(ctx, place, text)
    return ctx.add("Jurisdiction", text, aliases=(text,))


def _names_the_state_of_a_place(span: Span) -> bool:
    """Whether the span follows "<place>," ("Danbury, Conn.")."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ == "GPE"


def _state_named_after(span: Span) -> gazetteer.Place | None:
    """The state in ", <state>" right after the span, if any."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ == "GPE":
        following = next((e for e in doc.ents if e.start == span.end + 1), None)  # not one running on from before
        return gazetteer.state_named(following.text) if following is not None else None
    return None


def _called_city_of(ctx: Context, name: str) -> bool:
    """Whether the text says "City of <name>" anywhere."""
    named = re.compile(rf"{re.escape(name)}\b")
    return any(named.match(ctx.doc.text, start) for start in ctx.city_of_starts)


def _place_key(ctx: Context, place: gazetteer.Place, surface: str) -> str:
    key = ctx.add(
        place.cls, place.name, place.key, aliases=(surface, *sorted(place.aliases)), identifiers=dict(place.identifiers)
    )
    return key


def state_hint(ctx: Context) -> str | None:
    """The state most recently named, else the dateline's ("SEATTLE — ..."), to choose between
    same-named places."""
    for key in reversed(list(ctx.token_keys.values())):
        if ctx.cls_of(key) == "State":
            return key
    return _dateline_state(ctx)


def _dateline_state(ctx: Context) -> str | None:
    place = ctx.dateline_place
    state = place if ctx.cls_of(place) == "State" else gazetteer.get(place).part_of if place else None
    found = gazetteer.get(state) if state else None
    return _place_key(ctx, found, found.name) if found else None


def _read_dateline(ctx: Context) -> None:
    """Find the dateline once per document, and the place it names ("SEATTLE —", "BOISE, Idaho —",
    "ST. PAUL, Minn. —")."""
    span = ctx.dateline = _dateline(ctx.doc)
    if span is None:
        return
    city, _, state = span.text.strip(" ,").partition(",")
    # the state as written ("Idaho", "N.Y."), else the city alone (AP style "Mass." is no state code)
    places = gazetteer.lookup(f"{city.title()}, {state.strip()}") if state.strip() else []
    places = places or gazetteer.lookup(city.title())
    place = next((p for p in places if p.cls == "City"), places[0] if places else None)  # datelines name cities
    ctx.dateline_place = _place_key(ctx, place, place.name) if place else None


def _is_dash(token: Token) -> bool:
    """A dash between words ("SEATTLE — The"), not a hyphen inside one ("KOIN-TV")."""
    return token.text in _DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _dateline(doc) -> Span | None:
    """A news dateline: capitals at the start of a paragraph, up to a dash."""
    dash = next((t for t in doc[:120] if _is_dash(t)), None)
    if dash is None:
        return None
    start = dash.i
    while start > 0 and not doc[start - 1].is_space and dash.i - start < 8:
        start -= 1
    at_paragraph_start = start == 0 or doc[start - 1].is_space
    return doc[start : dash.i] if at_paragraph_start and doc[start].is_upper and doc[start].is_alpha else None


def _numbered_orders(ctx: Context) -> None:
    """Local orders named by number ("Ordinance No. NS-2931", "General Order 17-09", "Policy 4.17"), which NER
    most often leaves untagged."""
    for match in _NUMBERED_ORDER.finditer(ctx.doc.text):
        span = ctx.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in ctx.token_keys for t in span) or _shouted(ctx, span):
            continue
        cls = _numbered_order_class(match.group(1))
        if cls:
            ctx.mark(span.start, span.end, ctx.add(cls, span.text, ctx.local_key(cls, span.text)))


def _after_leading_place(ctx: Context, span: Span) -> Span:
    """'Tulsa Ordinance No. 17-09' and '(Spokane) Police Department Policy 428' as NER tags them: the place or body
    named first is marked as such, the order is the rest."""
    for n in (4, 3, 2, 1):
        if n < len(span) and span[n].lower_ in lexicon.NUMBERED_ORDER_NOUNS and all(t.is_title for t in span[:n]):
            if span[n - 1].lower_ in _ADMINISTRATIVE_HEADS:  # not "Senate Bill 4", "Board Bill 214"
                _leading_body(ctx, span[:n])
                return span[n:]
            place = _place(ctx, span[:n])
            if ctx.cls_of(place) in ("City", "County", "State"):
                ctx.mark(span.start, span.start + n, place)
                return span[n:]
    return span


_PLACE_NOUNS = {"city", "cities", "county", "counties", "town", "towns", "capital"}


def _place_noun_in(words: str) -> bool:
    """'city in', 'counties in': the words before a place that only a state can follow."""
    noun, _, preposition = words.partition(" ")
    return preposition == "in" and noun in _PLACE_NOUNS


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
        named = next((e for e in doc.ents if e.start == start and e.label_ == "GPE"), None)
        place = ctx.body_seats.get(before) or (_place(ctx, named) if named is not None else None)
    else:
        place = before
    seated = ctx.is_a(place, JURISDICTION_CLASSES) and ctx.cls_of(place) != "Country"
    while seated and start > 0 and ctx.key_of(doc[start - 1]) == place:
        start -= 1
    name = _clean(doc[start : words.end].text)
    key = ctx.add("GovernmentBody", name, aliases=(name,))
    if seated:
        ctx.body_seats.setdefault(key, place)
    ctx.mark(start, words.end, key)


_BILL_IN_WORDS = re.compile(r"^(senate|house|assembly)\s+(bill|file)\s+(?:no\.?\s*)?(\d+)", re.I)
_BILL_IN_LETTERS = re.compile(r"^([sha])\.?\s?([bfr])\.?\s*(\d+)", re.I)


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
            if noun in lexicon.NUMBERED_ORDER_NOUNS:
                return lexicon.NUMBERED_ORDER_NOUNS[noun]
    return None


def _law(ctx: Context, span: Span) -> str | None:
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
    if _money_follows(span):
        return None  # "the Byrne JAG grant": a grant program, not a law
    if _BILL.match(text):  # bill numbers repeat across legislatures and sessions
        return ctx.add("Legislation", text, ctx.local_key("Legislation", _bill_number(text)))
    cls = _numbered_order_class(text)
    if cls == "Directive" and local:
        cls = "LocalPolicy"  # a local body's numbered order is one of its policies
    if cls:  # "Resolution No. 2017-11": numbered in one jurisdiction's series, so named within the document
        return ctx.add(cls, text, ctx.local_key(cls, text))
    if len(span) == 1 and span[0].is_title and not any(c.isdigit() for c in text):
        return None  # a lone capitalised word the model calls a law is most often a surname ("Delaney said")
    return ctx.add("Legislation", text, f"order/{slug(text)}")


def _money_follows(span: Span) -> bool:
    """Whether a funding noun or "program" follows the name ("Byrne JAG funds"); not a verb ("... granted")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.pos_ in ("NOUN", "PROPN")
        and (after.lemma_.lower() in lexicon.FUNDING_NOUNS or after.lower_ == "program")
    )


def _organization(ctx: Context, span: Span) -> str | None:
    text = span.text
    lowered = text.lower()
    words = set(re.findall(r"[a-z.]+", lowered))
    if lowered in lexicon.PARTIES or lowered.endswith(" party"):
        return ctx.add("PoliticalParty", lexicon.PARTIES.get(lowered, text), aliases=(text,))
    if lowered in ("state", "county", "city") and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
        # "the State" in a governor's order, "the City" in a city's letter: the one the text is about
        return _place_antecedent(ctx, span[0], text.capitalize())
    if lowered in ("state", "states", "county", "counties", "city", "cities", "locality", "localities"):
        # Legal texts capitalise the generic noun ("a State ... shall comply"): a kind of jurisdiction.
        key = ctx.add("Jurisdiction", text, ctx.local_key("Jurisdiction", text))
        ctx.jurisdiction_sets.add(key)
        return key
    if _money_follows(span) and lowered.split()[-1] not in lexicon.BODY_HEADS:
        return None  # "Byrne JAG funds": a grant program, not a funder ("Justice Department grants" are the body's)
    if lowered.split()[-1] in ("aid", "grant", "grants", "program", "fund"):
        return None  # "Local Government Aid", "the Byrne Justice Assistance Grant": money, not a body
    if lowered.endswith(" act"):
        return _law(ctx, span)  # NER takes "the Immigration and Nationality Act" for an organization
    if _CASE.match(text) or lowered in lexicon.ORDER_ANAPHORS:
        return None  # a case caption, handled as a ruling by the orders rules; "the EO" is an order
    if lowered.split()[-1] in ("judge", "judges", "justices"):
        return None  # "Circuit Judges" names people's office, not a court
    known = person_by_surname(ctx, text)
    if known:
        return known
    if _GENERATIONAL.search(text):
        return person(ctx, span)  # "John Q. Public III": NER tags such names ORG
    if lowered in ("court", "this court") and ctx.document_court:
        return ctx.document_court  # "the Court" of a court's own document
    if lowered in lexicon.BODY_HEADS:
        # "the Department" after "the Department of Justice": the last body called so
        return next(
            (
                k
                for k, e in reversed(ctx.entities.items())
                if e.cls in BODY_CLASSES and lowered in e.label.lower().split()
            ),
            None,
        )
    if words & lexicon.COURT_WORDS:
        return ctx.add("Court", text, aliases=_org_aliases(text))
    if words & lexicon.MEDIA_WORDS or _CALL_SIGN.fullmatch(text) or is_publisher(ctx, text) or _called_an_outlet(span):
        return ctx.add("MediaOrganization", text)
    acronym = _by_acronym(ctx, text)
    if acronym:
        return acronym
    if words & lexicon.GOVERNMENT_WORDS or lowered.startswith(("u.s.", "federal")):
        key = ctx.add("GovernmentBody", _canonical_body(text), aliases=_org_aliases(text))
        seat = _seat(ctx, span)
        if seat:
            ctx.body_seats.setdefault(key, seat)
        return key
    if text.isupper() and len(text) <= 6:
        return ctx.add("GovernmentBody", text)  # an unexplained acronym in a policy text is most often an agency
    before = span.doc[span.start - 1] if span.start > 0 else None
    named = 2 <= len(span) <= 3 and all(t.is_title and t.is_alpha for t in span)
    if before is not None and before.lower_ in lexicon.ROLE_WORDS and named:
        return person(ctx, span)  # "Police Chief Marcus Delaney": NER took the name after a title for an organization
    return ctx.add("Organization", text)


def _seat(ctx: Context, span: Span) -> str | None:
    """The jurisdiction a body's name places it in: "Ada County Board of Commissioners" -> Ada County,
    "Texas Legislature" -> Texas. Only names the gazetteer knows whole: a county or city with its class
    word or of several words, or a state."""
    words = [t for t in span if t.is_title and t.lower_ not in lexicon.BODY_HEADS | _JOINERS]
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            window = words[i : i + n]
            if window[-1].i - window[0].i != n - 1:
                continue  # not adjacent in the text
            name = " ".join(t.text for t in window)
            places = gazetteer.lookup(name)  # "Charleston City" is the city by its class word
            if n == 1:
                places = [p for p in places if p.cls == "State" and gazetteer.normalize(p.name) == name.lower()]
            if places and places[0].cls in ("State", "County", "City"):
                return _place_key(ctx, places[0], name)
    return None


def _canonical_body(text: str) -> str:
    """'U.S. Department of Justice', 'Department of Justice' and 'Justice Department' are one body."""
    name = re.sub(r"^(?:the\s+)?(?:u\.?s\.?|united states)\s+", "", text, flags=re.I)
    short, _, department = name.rpartition(" ")
    if department == "Department" and (short.lower() in lexicon.DEPARTMENT_SHORT_NAMES or short == "Homeland Security"):
        return f"Department of {short}"
    return name


def _org_aliases(text: str) -> tuple[str, ...]:
    return (text, _canonical_body(text))


def _acronyms(ctx: Context) -> None:
    """Acronyms NER left untagged ("ICE Deputy Director Matthew Albence") of a body already named in full."""
    for token in ctx.doc:
        if (
            token.i not in ctx.token_keys
            and token.is_upper
            and token.is_alpha
            and not _shouted(ctx, token.doc[token.i : token.i + 1])
        ):
            key = _by_acronym(ctx, token.text)
            if key:
                ctx.mark(token.i, token.i + 1, key)


def _by_acronym(ctx: Context, text: str) -> str | None:
    """'DHS' -> 'Department of Homeland Security' when its initials match a body already named, or it is
    a federal body known by its acronym."""
    if not (text.isupper() and 2 <= len(text.replace(".", "")) <= 6):
        return None
    letters = text.replace(".", "")
    for key, entity in ctx.entities.items():
        if entity.cls in BODY_CLASSES and any(_initials(name) in (letters, "US" + letters) for name in entity.aliases):
            entity.aliases.add(text)
            return key
    if text in lexicon.FEDERAL_ACRONYMS:
        return ctx.add("GovernmentBody", lexicon.FEDERAL_ACRONYMS[text], aliases=(text,))
    return None


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and", "for")).upper()


def resolve_names(ctx: Context) -> None:
    """After the rules, merge what they found to be one entity: a surname and the full name an
    office rule found ("Constantine" ... "County Executive Dow Constantine"), an acronym and its body, a surname
    NER took for a body and the person an office rule found ("Quill, a Democrat" ... "Mayor Renata Quill")."""
    _resolve_short_names(ctx)
    _resolve_acronyms(ctx)
    for key, entity in list(ctx.entities.items()):
        if entity.cls == "Organization" and (named := surname_taken_for_a_body(ctx, key)):
            ctx.merge(key, named)


def surname_taken_for_a_body(ctx: Context, key: str | None) -> str | None:
    """The person whose surname NER tagged as an organization ("Quill said ..."), if the text names them in full."""
    entity = ctx.entities.get(key) if key else None
    if entity is None or entity.cls != "Organization" or not re.fullmatch(r"[A-Z][a-z'-]+", entity.label):
        return None
    return person_by_surname(ctx, entity.label)


def _resolve_acronyms(ctx: Context) -> None:
    """An acronym used before the body it abbreviates is named, or named only by a rule ("DHS ...
    the Secretary of Homeland Security"), is that body."""
    for key, entity in list(ctx.entities.items()):
        letters = entity.label.replace(".", "")
        if entity.cls not in BODY_CLASSES or not (entity.label.isupper() and 2 <= len(letters) <= 6):
            continue
        for other, body in ctx.entities.items():
            if other != key and body.cls in BODY_CLASSES and not body.label.isupper():
                if any(_initials(name) in (letters, "US" + letters) for name in body.aliases):
                    ctx.merge(key, other)
                    break


def person_by_surname(ctx: Context, text: str) -> str | None:
    """NER sometimes tags a known person's surname as ORG, GPE or LAW ("the Trump executive order")."""
    if " " in text:
        return None
    for key, entity in ctx.entities.items():
        if entity.cls == "Person" and entity.label.split()[-1] == text and " " in entity.label:
            return key
    return None


def party(ctx: Context, name: str) -> str | None:
    """The entity a case caption names as a party ("County of Santa Clara", "Trump", "Sessions"), when
    the gazetteer or the text knows it."""
    name = re.sub(r",?\s+et al\.?$", "", name.strip())
    places = gazetteer.lookup(name)
    if places and places[0].cls != "Country":
        return _place_key(ctx, places[0], name)
    lowered = name.lower()
    named = next((k for k, e in ctx.entities.items() if any(a.lower() == lowered for a in e.aliases)), None)
    if re.fullmatch(r"[A-Z][a-z]+", name) and ctx.cls_of(named) in (None, "Organization"):
        # a one-word party is a surname ("v. Trump"), whatever NER made of it in the text
        surname = person_by_surname(ctx, name) or ctx.add("Person", name, _person_key(name))
        if named:
            ctx.merge(named, surname)
        return surname
    return named


def _surname(name: str) -> str:
    """'Edmund G. Brown Jr.' -> 'Brown'."""
    words = [w for w in name.replace(",", " ").split() if not _SUFFIX.fullmatch(w)]
    return words[-1] if words else name


def _resolve_short_names(ctx: Context) -> None:
    """'Gimenez' after (or before) 'Carlos Gimenez' is the same person: merge surname-only persons,
    and a surname NER took for an organization or a place the gazetteer does not know."""
    full = {
        _surname(e.label): k
        for k, e in ctx.entities.items()
        if e.cls == "Person" and " " in e.label and not k.startswith("person/office-")
    }
    for key, entity in list(ctx.entities.items()):
        # a one-word place the gazetteer does not know, and no kind of place ("a State")
        unknown_place = (
            entity.cls == "Jurisdiction" and key.startswith("jurisdiction/") and key not in ctx.jurisdiction_sets
        )
        if entity.cls not in ("Person", "Organization") and not unknown_place or " " in entity.label:
            continue
        target = full.get(entity.label)
        if target and target != key:
            ctx.merge(key, target)


def _propagate_names(ctx: Context) -> None:
    """A person's surname that NER missed elsewhere in the document ('..., Gimenez wrote') is still them."""
    surnames = {e.label.split()[-1]: k for k, e in ctx.entities.items() if e.cls == "Person" and " " in e.label}
    for token in ctx.doc:
        key = surnames.get(token.text)
        if (
            key
            and token.i not in ctx.token_keys
            and token.pos_ == "PROPN"
            and not _shouted(ctx, ctx.doc[token.i : token.i + 1])
        ):
            ctx.mark(token.i, token.i + 1, key)


def _order_parts(ctx: Context) -> None:
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
        order = order or ctx.last_before(ent.start, _ORDER_REFERENTS | {"Legislation"}, window=600)
        if order:
            ctx.mark(ent.start, after, order)


# -- nominal mentions ("the memo", "the county's interim corrections director") -------------------


# Bare body nouns that refer back to a body named before ("the department would appeal").
_BODY_ANAPHORS = {"department", "agency", "bureau", "board", "council", "commission", "office", "legislature"}


def _nominal(ctx: Context, chunk: Span) -> None:
    head = chunk.root
    if ctx.key_of(head):
        # Named already: a role word in front of a name ("Mayor Carlos Gimenez") is handled by offices.
        return
    stance = [t.i for t in chunk if t.i < head.i and _stance_word(t)]
    if stance:  # the parser took "a lawsuit challenging conditions" for one phrase: the order is "conditions"
        chunk = chunk.doc[stance[-1] + 1 : chunk.end]
    words = [t for t in chunk if t.pos_ != "DET" and t.tag_ != "PRP$" and not t.is_punct]
    if not words:
        return
    lemma_text = " ".join(t.lemma_.lower() for t in words)
    order_cls = _order_class(lemma_text, head)
    if order_cls:
        _order_nominal(ctx, chunk, head, order_cls)
        return
    if head.lemma_.lower() in ("government", "branch", "executive") and _is_federal(chunk):
        ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT, aliases=(chunk.text,))
        ctx.mark(chunk.start, chunk.end, FEDERAL_GOVERNMENT)
        return
    if (
        head.lemma_.lower() in ("agency", "department")
        and head.tag_ == "NNS"
        and (_is_federal(chunk) or {t.lower_ for t in chunk} & {"executive", "grant-making", "awarding", "state"})
    ):
        # "executive departments and agencies", "federal agencies", "state agencies": a bureaucracy as addressee
        label = _clean(chunk.text)
        key = ctx.add("GovernmentBody", label, ctx.local_key("GovernmentBody", label))
        ctx.mark(chunk.start, chunk.end, key)
        for conj in head.conjuncts:
            ctx.mark(conj.i, conj.i + 1, key)
        return
    if head.lemma_.lower() == "court" and (_determiner(chunk, head) in ("the", "this") or _that_before(chunk)):
        _court_nominal(ctx, chunk, head)
        return
    if len(words) == 1 and head.lower_ in _BODY_ANAPHORS and _determiner(chunk, head) == "the":
        _body_nominal(ctx, chunk, head)
        return
    if head.lemma_.lower() == "jail" and head.tag_ == "NN" and _determiner(chunk, head) in ("the", "its", "this"):
        # "the jail" is the county's, as "the Larimer County Jail" names the county: the one spoken of last
        county = _place_antecedent(ctx, head, "County")
        if county:
            ctx.mark(chunk.start, chunk.end, county)
        return
    if head.lemma_.lower() in lexicon.JURISDICTION_NOUNS:
        _jurisdiction_nominal(ctx, chunk, head)


def _unnamed_rulings(ctx: Context) -> None:
    """'Judge X ruled Friday that ...' is a ruling the text may call 'the ruling' or 'the decision' later:
    the verb is its mention when the sentence has no ruling noun of its own."""
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.JUDGING_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.lower_ in ("will", "would", "could", "may", "might") for c in verb.children):
            continue
        judge = any(t.lower_ in ("judge", "magistrate") for t in subject.subtree)
        if not judge and ctx.cls_of(ctx.key_of(subject)) != "Court":
            continue
        if not any(t.lemma_.lower() in lexicon.RULING_NOUNS for t in verb.sent):
            key = ctx.add("CourtRuling", "ruling", ctx.local_key("CourtRuling", "ruling"), aliases=("ruling",))
            ctx.mark(verb.i, verb.i + 1, key)


def _unchunked_nouns(ctx: Context, chunks: list[Span]) -> list[Span]:
    """Nouns the parser left out of every noun chunk after a stance word it took for their modifier
    ("filed a lawsuit in the District of Oregon challenging conditions"), with the modifiers before them."""
    covered = {t.i for chunk in chunks for t in chunk}
    found = []
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.i in covered or token.dep_ == "compound" or token.i == 0:
            continue
        if not _stance_word(ctx.doc[token.i - 1]):
            continue
        start = token.i
        while start > 0 and ctx.doc[start - 1].head == token and ctx.doc[start - 1].dep_ in _NOUN_MODIFIERS:
            start -= 1
        found.append(ctx.doc[start : token.i + 1])
    return found


_NOUN_MODIFIERS = {"det", "amod", "compound", "nummod", "poss"}


def _stance_word(token: Token) -> bool:
    """'lawsuit', 'challenging': words of taking a stance, never part of an order's name."""
    lowered = token.lower_
    stem = lowered.removesuffix("ing")
    return lowered in lexicon.STANCE_NOUNS or (stem != lowered and {stem, stem + "e"} & lexicon.STANCE_VERBS.keys())


def _body_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'the department' after 'the Justice Department': the body named last whose name has that word;
    'the agency': the last national body (one not named after a place)."""

    def refers(key: str) -> bool:
        named = head.lower_ in ctx.entities[key].label.lower().split()
        return named or (head.lower_ == "agency" and key not in ctx.body_seats)

    key = ctx.last_before(chunk.start, {"GovernmentBody"}, window=600, where=refers)
    if key:
        ctx.mark(chunk.start, chunk.end, key)


def _that_before(chunk: Span) -> bool:
    """'On May 1, that court enjoined ...': the parser takes the demonstrative for a conjunction."""
    previous = chunk.doc[chunk.start - 1] if chunk.start > 0 else None
    return chunk[0].lower_ == "that" or (previous is not None and previous.lower_ == "that" and previous.dep_ == "mark")


def _court_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'the Court' in a court's own document is that court; 'the district court' is the district
    court named before, else a court this text knows only by that description."""
    words = [t for t in chunk if t.pos_ != "DET"]
    if len(words) == 1 and ctx.document_court and (head.is_title or chunk[0].lower_ == "this"):
        ctx.mark(chunk.start, chunk.end, ctx.document_court)
        return
    if len(words) == 1:
        # "that court" is the one just named; a bare "the court" could be any court
        named = ctx.last_before(chunk.start, {"Court"}, window=400) if _that_before(chunk) else None
        if named:
            ctx.mark(chunk.start, chunk.end, named)
        return
    label = " ".join(t.lower_ for t in words)
    kind = words[0].lower_
    named = next(
        (k for k, e in reversed(ctx.entities.items()) if e.cls == "Court" and kind in e.label.lower().split()), None
    )
    key = named or ctx.add("Court", label, ctx.local_key("Court", label))
    ctx.mark(chunk.start, chunk.end, key)


def _is_federal(chunk: Span) -> bool:
    lowered = chunk.text.lower()
    return "federal" in lowered or "executive branch" in lowered or chunk.text.strip().endswith("Government")


def _order_class(lemma_text: str, head: Token) -> str | None:
    for phrase in sorted(lexicon.ORDER_NOUNS, key=len, reverse=True):
        if lemma_text.endswith(phrase) and head.lemma_.lower() == phrase.split()[-1]:
            return lexicon.ORDER_NOUNS[phrase]
    if head.lemma_.lower() in lexicon.ORDER_ANAPHORS and head.pos_ in ("NOUN", "PROPN"):
        return "Order"
    return None


def _sent(head: Token) -> bool:
    """'sent letters to ...', 'in letters sent Thursday', 'letters dated July 26': particular letters that
    were issued, not letters as a kind."""
    if head.dep_ == "dobj" and head.head.lemma_.lower() in lexicon.ISSUE_VERBS:
        return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in lexicon.ISSUE_VERBS | {"date"} for c in head.children)


def _order_nominal(ctx: Context, chunk: Span, head: Token, cls: str) -> None:
    """Resolve an order noun phrase to the order it names or refers back to."""
    determiner = _determiner(chunk, head)
    named_with_owner = chunk  # "California's policies"
    owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
    if owner is not None and owner.right_edge.i < head.i:
        chunk = chunk.doc[owner.right_edge.i + 1 : chunk.end]  # the order's own words, not its owner's
    plural = head.tag_ in ("NNS", "NNPS")
    if cls == "DetainerRequest" and any(t.lemma_.lower() == "detainer" for t in chunk):
        # "ICE detainers", "a detainer", "the 212 detainers it lodged": a text speaks of one kind of request
        label = _clean(chunk.text)
        key = ctx.add(cls, label, ctx.local_key(cls, "detainers"), aliases=(label,))
        ctx.mark(chunk.start, chunk.end, key)
        return
    if determiner == "this" and cls in ("Order", "ExecutiveOrder") and (key := _order_named_at_start(ctx)):
        # in the text of an order, "this order" is the document itself
        ctx.mark(chunk.start, chunk.end, key)
        return
    if determiner == "this" and cls in ("Order", "Directive") and ctx.document_memo:
        ctx.mark(chunk.start, chunk.end, ctx.document_memo)  # "this memorandum", in its own text
        return
    if cls == "Order" and determiner in ("a", "an", "any", "no", "every", "each"):
        return  # "without a court order" refers back to no order
    if cls == "Order" or determiner in ("this", "that", "the", "such") and cls == "ExecutiveOrder":
        key = ctx.last_before(chunk.start, {cls} if cls != "Order" else _ORDER_REFERENTS) or _order_named_at_start(ctx)
        if key:
            ctx.mark(chunk.start, chunk.end, key)
            ctx.entities[key].aliases.add(_clean(chunk.text))
        elif cls == "ExecutiveOrder":
            _new_order(ctx, chunk, head, cls)
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
        ctx.entities[named].aliases.add(_clean(chunk.text))
        return
    if cls == "Legislation" and head.lemma_.lower() == "law" and not plural and not _particular_law(chunk, head):
        return  # "federal law" in general is no one order
    following = chunk.doc[chunk[0].i + 1] if chunk[0].i + 1 < len(chunk.doc) else None
    numbered = following is not None and following.is_punct and following.text != "("  # not "287(g)"
    if chunk[0].like_num and not counted and (chunk[0].i == chunk.sent.start or numbered):
        return  # a numbered heading ("Sec. 2. Policy."), not an order
    if cls == "LocalPolicy" and _federal_owner(head):
        return  # "the policy of the executive branch" is a stated aim, not a local policy
    if cls == "CourtRuling" and head.lemma_.lower() in lexicon.NON_JUDICIAL_RULINGS and not _judicial(ctx, chunk):
        # "the sheriff's decision" is no court's; it can still refer back to a ruling already named
        if previous_ruling := _previous_order(ctx, chunk.start, cls, head):
            ctx.mark(chunk.start, chunk.end, previous_ruling)
        return
    previous = _previous_order(ctx, chunk.start, cls, head)
    if (determiner in ("the", "this", "that", "its", "their", "these", "those") or counted) and previous:
        ctx.mark(chunk.start, chunk.end, previous)
        ctx.entities[previous].aliases.add(_clean(chunk.text))
        return
    if determiner in ("this", "that", "these", "those"):
        return  # pointing back at nothing the text named as an order
    _new_order(ctx, chunk, head, cls)


def _judicial(ctx: Context, chunk: Span) -> bool:
    """Whether a court is in view: a court document, or a court or judge named in the sentence (not
    only "in court", where a decision may yet be challenged)."""
    courts = [t for t in chunk.sent if ctx.cls_of(ctx.key_of(t)) == "Court" or t.lemma_.lower() == "judge"]
    return ctx.document_court is not None or bool(courts)


def _previous_order(ctx: Context, index: int, cls: str, head: Token) -> str | None:
    """The order a definite or counted noun refers back to: the nearest one of its class called by the
    same noun or a synonym ("the decision" after "the ruling"; "the grant conditions" are not "the letter")."""
    nouns = next((group for group in lexicon.ORDER_SYNONYMS if head.lemma_.lower() in group), {head.lemma_.lower()})
    nouns = nouns | lexicon.GENERAL_ORDER_NOUNS.get(head.lemma_.lower(), set())
    classes = {cls} | ({"Legislation", "LocalPolicy"} if head.lemma_.lower() in lexicon.GENERAL_ORDER_NOUNS else set())

    def called_so(key: str) -> bool:  # any word of a name: "House Bill 12" is a bill, and so is "House File 3146"
        aliases = ctx.entities[key].aliases
        words = {re.sub(r"s$", "", w) for a in aliases for w in a.lower().split()}
        return bool(words & nouns) or ("bill" in nouns and any(_BILL.match(a) for a in aliases))

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


def _determiner(chunk: Span, head: Token) -> str:
    """The order noun's own determiner: in "this judge's ruling", "this" belongs to the judge, and
    the possessive makes the ruling definite (plurals stay generic: "the nation's laws")."""
    for child in head.lefts:
        if child.dep_ == "det":
            return child.lower_
        if child.dep_ == "poss" and head.tag_ in ("NN", "NNP"):
            return "its" if child.tag_ == "PRP$" else "the"
    return chunk[0].lower_


def _federal_owner(head: Token) -> bool:
    owners = [t for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.children]
    owners += [c for c in head.lefts if c.dep_ == "poss"]
    return any(_is_federal(o.doc[o.left_edge.i : o.i + 1]) for o in owners)


def _new_order(ctx: Context, chunk: Span, head: Token, cls: str) -> None:
    label = _order_label(chunk, head)
    key = ctx.add(cls, label, ctx.local_key(cls, label), aliases=(_clean(chunk.text),))
    ctx.mark(chunk.start, chunk.end, key)


def _order_label(chunk: Span, head: Token) -> str:
    """'a policy of not indefinitely detaining inmates' keeps its 'of' complement, up to a clause."""
    end = chunk.end
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens = [t for t in child.subtree if t.i < head.i + 12]
            end = max(end, tokens[-1].i + 1)
    words = chunk.doc[chunk.start : end]
    return _clean("".join(t.text_with_ws for t in words if t.pos_ != "DET" and t.tag_ != "PRP$"))


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|this|that|these|those|its|their)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text.strip(" “”\"'.,;:"))


def own_order(ctx: Context) -> str | None:
    """The order a document is the text of, when it is one: an executive order (its title is an
    executive order's, and it is no statement or press release about one) or a memorandum."""
    return own_executive_order(ctx) or ctx.document_memo


def own_executive_order(ctx: Context) -> str | None:
    title = re.sub(r"^(?:the\s+)?(?:presidential\s+)?", "", (ctx.info.title or "").lower())
    return _order_named_at_start(ctx) if title.startswith("executive order") and not ctx.document_speaker else None


def _memo_header(ctx: Context) -> None:
    """A memorandum's header ("MEMORANDUM FOR: ...", "FROM: ...", "SUBJECT: ...") makes the document
    that memorandum, from its sender to its addressees."""
    fields: dict[str, Span] = {}
    for match in _MEMO_LINE.finditer(ctx.doc.text[:2000]):
        span = ctx.doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
        if span is not None:
            fields.setdefault(_MEMO_FIELDS[match.group(1).lower()], span)
    if "from" not in fields or "to" not in fields:
        return
    subject = fields["subject"].text if "subject" in fields else (ctx.info.title or "memorandum")
    ctx.document_memo = ctx.add("Directive", subject, ctx.local_key("Directive", subject), aliases=("memorandum",))
    parties = set(BODY_CLASSES) | {"Person"} | JURISDICTION_CLASSES
    ctx.memo_parties["from"] = ctx.keys_in(fields["from"], parties)[:1]
    addressees = []
    for line in _lines(fields["to"]):
        # "Ms. Renata Baca, County Manager, Bernalillo County": the office a line ends on is the addressee
        named = ctx.keys_in(line, parties)
        institutions = [k for k in named if ctx.cls_of(k) != "Person"]
        addressees.append((institutions or named or [_header_body(ctx, line)])[-1])
    ctx.memo_parties["to"] = list(dict.fromkeys(addressees))


def _letter_salutation(ctx: Context) -> None:
    """A letter ("Dear Mayor Voss:") published by a body is that body's letter to the one it greets."""
    match = _SALUTATION.search(ctx.doc.text[:3000])
    publisher = (ctx.info.publisher or "").split("(")[0]
    segments = [p.strip() for p in publisher.split(",") if set(p.lower().split()) & lexicon.GOVERNMENT_WORDS]
    greeted = ctx.doc.char_span(match.start(1), match.end(1), alignment_mode="expand") if match else None
    addressees = ctx.keys_in(greeted, BODY_CLASSES | {"Person"}) if greeted is not None else []
    if greeted is not None and not addressees and all(t.is_title or t.is_punct for t in greeted):
        name = [t for t in greeted if t.lower_ not in lexicon.ROLES and t.lower_ not in _TITLE_WORDS]
        if name and len(name) <= 3 and name[-1].i == greeted.end - 1:  # "Dear Mayor Ed Voss:": the model missed it
            key = person(ctx, greeted.doc[name[0].i : greeted.end])
            ctx.mark(name[0].i, greeted.end, key)
            addressees = [key]
    head_sender, dated = _letterhead(ctx, greeted.start) if greeted is not None else (None, None)
    if not (segments or head_sender) or not addressees:
        return
    ctx.document_memo = ctx.add("Directive", "letter", ctx.local_key("Directive", "letter"), aliases=("letter",))
    ctx.entities[ctx.document_memo].date = dated
    if head_sender is None:
        sender = segments[-1]  # "U.S. Department of Justice, Office of Justice Programs": the office that writes
        head_sender = ctx.add("GovernmentBody", _canonical_body(sender), aliases=(sender,))
    ctx.memo_parties["from"] = [head_sender]
    ctx.memo_parties["to"] = addressees[-1:]


def _letterhead(ctx: Context, end: int) -> tuple[str | None, str | None]:
    """The body whose letterhead heads a letter (the last of "U.S. Department of Justice / Office of Justice
    Programs"), and the date on its own line before the greeting."""
    sender = None
    for line in _lines(ctx.doc[0:end]):
        keys = {ctx.key_of(t) for t in line if not t.is_punct}
        if len(keys) == 1 and ctx.is_a(key := keys.pop(), BODY_CLASSES):
            sender = key
        elif all(t.ent_type_ == "DATE" or t.is_punct for t in line) and (
            dated := resolve_date(line.text, ctx.reference)
        ):
            return sender, dated  # the letterhead ends at the date line
    return sender, None


def _lines(span: Span) -> list[Span]:
    """The lines of a span, each without its surrounding white space."""
    lines, start = [], span.start
    for token in span:
        if "\n" in token.text or token.i == span.end - 1:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                lines.append(span.doc[start:end])
            start = token.i + 1
    return lines


def _header_body(ctx: Context, span: Span) -> str:
    """'All State Administering Agencies': the addressees a header names without NER seeing them."""
    text = re.sub(r"^(?:all|each|the)\s+", "", span.text.strip(), flags=re.I)
    words = set(re.findall(r"[a-z]+", text.lower()))
    cls = (
        "GovernmentBody"
        if words & (lexicon.GOVERNMENT_WORDS | {"agencies", "departments", "offices"})
        else "Organization"
    )
    key = ctx.add(cls, text, ctx.local_key(cls, text))
    ctx.mark(span.start, span.end, key)
    return key


def _order_named_at_start(ctx: Context) -> str | None:
    """The executive order a document's title or opening names: what 'this order' refers to."""
    title = (ctx.info.title or "").strip()
    match = _EO_NUMBER.search(title) or _EO_NUMBER.search(ctx.doc.text[:300])
    return _executive_order(ctx, match.group(1)) if match else None


def _executive_order(ctx: Context, number: str, surface: str = "") -> str:
    """A numbered executive order. Presidential numbers are unique nationwide; a state's ("19-01")
    only within its state and year, so those keys stay in the document."""
    number = re.sub(r"\s+", "", number)
    label = f"Executive Order {number}"
    key = f"order/executive-order-{number}" if "-" not in number else ctx.local_key("ExecutiveOrder", label)
    return ctx.add("ExecutiveOrder", label, key, aliases=(surface, f"EO {number}"))


def _jurisdiction_nominal(ctx: Context, chunk: Span, head: Token) -> None:
    """'sanctuary cities', 'local jurisdictions', 'the county' -> a set of jurisdictions or an antecedent."""
    modifiers = {t.lemma_.lower() for t in chunk if t.i != head.i}
    conj_words = {t.lemma_.lower() for t in head.conjuncts}
    determiner = chunk[0].lower_
    plural = head.tag_ in ("NNS", "NNPS")
    if modifiers & lexicon.SANCTUARY_MODIFIERS or any(t.lower_ == "sanctuary" for t in head.lefts):
        key = ctx.add(
            "Jurisdiction",
            "sanctuary jurisdictions",
            "jurisdiction/sanctuary-jurisdictions",
            aliases=(_clean(chunk.text),),
        )
        ctx.jurisdiction_sets.add(key)
        ctx.mark(chunk.start, chunk.end, key)
        return
    if not plural and determiner in ("the", "this", "that") and head.lemma_.lower() in ("county", "city", "state"):
        antecedent = _place_antecedent(ctx, head, head.lemma_.capitalize())
        if antecedent:
            ctx.mark(chunk.start, chunk.end, antecedent)
        return
    if plural and (modifiers - {"the"} or conj_words or determiner in ("these", "those")):
        if determiner in ("these", "those", "the", "such"):
            # "the recipient jurisdictions" after "nine jurisdictions": the same set
            antecedent = _last_set(ctx, chunk.start)
            if antecedent:
                ctx.mark(chunk.start, chunk.end, antecedent)
                return
        label = _clean(chunk.text)
        if head.lemma_.lower() == "government" and not (modifiers & {"state", "local"}):
            return
        key = ctx.add("Jurisdiction", label, ctx.local_key("Jurisdiction", label))
        ctx.jurisdiction_sets.add(key)
        ctx.mark(chunk.start, chunk.end, key)


def _definite_places(ctx: Context) -> None:
    """'the county', 'the state's', 'the City' refer back to the last county, state or city named,
    or to the one the text defined the term for ('the City of Chicago (the "City")')."""
    for token in ctx.doc:
        cls = token.lemma_.capitalize()
        if (
            token.i in ctx.token_keys
            or cls not in ("County", "City", "State")
            or token.tag_ != "NN"
            and not (token.tag_ == "NNP" and token.lower_ in ("city", "county", "state"))
        ):
            continue
        if any(child.lower_ in ("the", "this", "that") for child in token.children):
            antecedent = _place_antecedent(ctx, token, cls)
            if antecedent:
                ctx.mark(token.i, token.i + 1, antecedent)


def _place_antecedent(ctx: Context, token: Token, cls: str) -> str | None:
    """What 'the City' means: the place the text defined the term for, else the last one of its class,
    else the dateline's ("PROVIDENCE, R.I. — ... the city will sue")."""
    defined = ctx.defined_terms.get(token.lower_) if token.is_title else None
    before = ctx.last_before(token.i, {cls}, window=2000) or body_seat_before(ctx, token.i, {cls}, 2000)
    return defined or before or _dateline_place_of(ctx, cls)


def _dateline_place_of(ctx: Context, cls: str) -> str | None:
    if cls == "State":
        return _dateline_state(ctx)
    return ctx.dateline_place if ctx.cls_of(ctx.dateline_place) == cls else None


def body_seat_before(ctx: Context, index: int, classes: set[str], window: int) -> str | None:
    """The seat of the last body named before token `index`, when it is a place of `classes` ("the
    Charleston City Council ... the city", "... Mayor John Tecklenburg")."""
    for i in range(index - 1, max(-1, index - window), -1):
        seat = ctx.body_seats.get(ctx.token_keys.get(i, ""))
        if ctx.is_a(seat, classes):
            return seat
    return None


def _defined_terms(ctx: Context) -> dict[str, str]:
    """Terms a text defines for what it just named: 'the City of Chicago (the "City")'."""
    doc = ctx.doc
    defined: dict[str, str] = {}
    for token in doc:
        if token.text != "(" or token.i == 0 or not ctx.key_of(doc[token.i - 1]):
            continue
        inside = [t for t in doc[token.i + 1 : token.i + 7]]
        close = next((k for k, t in enumerate(inside) if t.text == ")"), None)
        words = [t for t in inside[:close] if not t.is_quote and t.lower_ != "the"] if close else []
        if words and all(t.is_title for t in words) and any(t.is_quote for t in inside[:close]):
            defined.setdefault(" ".join(t.lower_ for t in words), ctx.key_of(doc[token.i - 1]))
    return defined


def _last_set(ctx: Context, index: int) -> str | None:
    """The nearest set of jurisdictions named before token `index`."""
    for i in range(index - 1, max(-1, index - 2000), -1):
        key = ctx.token_keys.get(i)
        if key in ctx.jurisdiction_sets:
            return key
    return None


def federal_government(ctx: Context) -> str:
    """The federal government as funder or actor when the text says 'federal' without naming it."""
    return ctx.add("GovernmentBody", "federal government", FEDERAL_GOVERNMENT)


def describes_a_set(token: Token) -> bool:
    """'jurisdictions', or 'counties that refuse ...', 'cities found to ...': jurisdictions picked out by
    a description rather than named."""
    lemma = token.lemma_.lower()
    described = any(c.dep_ in ("relcl", "acl") for c in token.children)
    return token.tag_ == "NNS" and (lemma == "jurisdiction" or lemma in lexicon.JURISDICTION_NOUNS and described)


def described_set(ctx: Context, head: Token) -> str:
    """Jurisdictions picked out by what they do: the set is named by its description."""
    doc = head.doc
    end = min(conj_cut(head), head.i + 14, head.right_edge.i + 1)
    for token in doc[head.i : end]:
        if token.text in ("(", ";", ":") or token.dep_ == "cc" and token.head.pos_ == "VERB":
            end = token.i  # a parenthetical or a second clause is not part of the description
            break
    label = " ".join(t.text for t in doc[head.i : end] if not t.is_quote and not t.is_space).strip(" ,")
    if end < len(doc) and doc[end].text == "(":
        # "jurisdictions that refuse to comply (sanctuary jurisdictions)": the text names the set
        named = ctx.keys_in(doc[end + 1 : min(end + 9, len(doc))], JURISDICTION_CLASSES)
        if named:
            ctx.entities[named[0]].aliases.add(label)
            return named[0]
    key = ctx.add("Jurisdiction", label, ctx.local_key("Jurisdiction", label))
    ctx.jurisdiction_sets.add(key)
    return key


def conj_cut(head: Token) -> int:
    """Where a group's own words end: before ', as well as ...' or a conjoined second group."""
    for child in head.children:
        if child.dep_ in ("cc", "conj") and child.i > head.i:
            return child.i if child.dep_ == "cc" else child.left_edge.i
    return head.right_edge.i + 1

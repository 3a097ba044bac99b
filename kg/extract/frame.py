"""The document frame: what a document is as a whole, read once and then frozen for every rule to read.

Who published it (a court, a body speaking in a statement, an outlet, a state's office), its dateline and the place
that names, the state the text names most, what kind of document it is (its genre), and whether it is itself a
memorandum or letter, from whom and to whom.
The header is read before the names of the text (they are read against the dateline and the publisher: "the Court"
of a court's own opinion); the memorandum and letter parts after them, because a header names its parties by the
same names (`read_header`, then `read_letter`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg import gazetteer
from kg.dates import resolve_date
from kg.extract.context import BODY_CLASSES, JURISDICTION_CLASSES
from kg.extract.mentions.names import canonical_body, is_dash, lines_of
from kg.extract.mentions.people import TITLE_WORDS, person
from kg.extract.mentions.places import place_key
from kg.lexicon.genres import GENRE_CUES, HEADER_LABELS, OPENING_CHARS, SPEAKER_LINES
from kg.lexicon.names import COURT_WORDS, GOVERNMENT_WORDS
from kg.lexicon.offices import ROLES
from kg.text import outlet_name

if TYPE_CHECKING:
    from kg.extract.context import Context


@dataclass(frozen=True)
class Frame:
    """What extraction knows of the document as a whole (entity keys, or None where the document says nothing)."""

    court: str | None = None  # the court a court document comes from
    speaker: str | None = None  # the body whose statement or press release the document is
    outlet: str | None = None  # the outlet that published it, by its name lower-cased without "the"
    state: str | None = None  # the state whose office published it ("Commonwealth of Massachusetts, ...")
    dateline: Span | None = None  # "BOISE, Idaho —": not words of the text proper
    dateline_place: str | None = None  # the place it names
    story_state: str | None = None  # the state the text names more often than any other
    city_of_starts: tuple[int, ...] = ()  # offsets just after each "City of " in the text
    defined_terms: dict[str, str] = field(default_factory=dict)  # 'the City of Chicago (the "City")'
    memo: str | None = None  # the memorandum (or letter) a document is the text of
    memo_from: tuple[str, ...] = ()  # its header's sender
    memo_to: tuple[str, ...] = ()  # and addressees
    genre: str = "other"  # what kind of document it is (`kg.lexicon.genres`)


def read_header(ctx: Context) -> Frame:
    """The dateline and the publisher, read before any name of the text (the dateline's place first)."""
    dateline = _dateline(ctx.doc)
    dateline_place = _dateline_place(ctx, dateline) if dateline is not None else None
    publisher = _publisher(ctx)
    return Frame(
        dateline=dateline,
        dateline_place=dateline_place,
        story_state=_story_state(ctx.doc),
        **publisher,
        city_of_starts=tuple(m.end() for m in re.finditer(r"\bCity of ", ctx.text)),
        genre=genre(ctx.text, ctx.info.title or "", news=dateline is not None or "outlet" in publisher),
    )


def genre(text: str, title: str, *, news: bool = False) -> str:
    """What kind of document a text is: a line of its opening that names its form, else many speakers' lines (a
    transcript), else news when it has a dateline or an outlet published it, else what its title says."""
    opening = text[:OPENING_CHARS]
    for name, line in _GENRE_LINES.items():
        if line.search(opening):
            return name
    labels = (m.group(1).strip().lower() for m in _SPEAKER_LABEL.finditer(text))
    if sum(label not in HEADER_LABELS for label in labels) >= SPEAKER_LINES:
        return "transcript"
    if news or _BYLINE.search(opening):
        return "news"
    return next((name for name, cue in _GENRE_TITLES.items() if cue.search(title)), "other")


_GENRE_LINES = {name: re.compile(rf"^[ \t]*{line}", re.I | re.M) for name, (line, _) in GENRE_CUES.items()}
_GENRE_TITLES = {name: re.compile(title, re.I) for name, (_, title) in GENRE_CUES.items()}
_BYLINE = re.compile(r"^[ \t]*By [A-Z][\w.'-]+ [A-Z]", re.M)
_SPEAKER_LABEL = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]{1,40}):", re.M)


def read_letter(ctx: Context) -> Frame:
    """The frame completed once the names are read: the terms the text defines, and the memorandum or
    letter the document is, with its parties."""
    frame = replace(ctx.frame, defined_terms=_defined_terms(ctx))
    memo = _memo_header(ctx) or _letter_salutation(ctx)
    return replace(frame, memo=memo[0], memo_from=memo[1], memo_to=memo[2]) if memo else frame


def is_publisher(ctx: Context, text: str) -> bool:
    """The outlet that published the document, named in its own text ("according to a Southwest Ledger review")."""
    return ctx.frame.outlet is not None and _outlet_name(text) == ctx.frame.outlet


_STATEMENT = re.compile(r"\b(?:statement|press release|news release|remarks|for immediate release)\b", re.I)


def _publisher(ctx: Context) -> dict[str, str | None]:
    """A document published by a court (an opinion, an order) belongs to that court; a statement or
    press release published by a body speaks for that body; any other publisher with no government or court
    word in its name is the outlet the document appeared in. A publisher that begins with a state's name
    ("Commonwealth of Massachusetts, Office of the Attorney General") is that state's office."""
    read: dict[str, str | None] = {}
    publisher = (ctx.info.publisher or "").split("(")[0].strip()
    first, comma, _ = publisher.partition(",")
    name = re.sub(r"^(?:the\s+)?(?:state|commonwealth)\s+of\s+", "", first.strip(), flags=re.I)
    state = gazetteer.state_named(name) if comma else None
    if state and gazetteer.normalize(state.name) == gazetteer.normalize(name):
        read["state"] = place_key(ctx, state, state.name)  # "State of Oregon, Office of the Governor"
    if "court" in publisher.lower():
        read["court"] = ctx.add("Court", canonical_body(publisher), aliases=(publisher,))
    elif publisher and _STATEMENT.search(f"{ctx.info.title or ''} {ctx.doc[:60].text}"):
        body = re.split(r"[,/;]", publisher)[0].strip()
        body = re.sub(r"^the\s+", "", body, flags=re.I)
        words = set(re.findall(r"[a-z.]+", body.lower()))
        cls = "GovernmentBody" if words & GOVERNMENT_WORDS else "Organization"
        read["speaker"] = ctx.add(cls, canonical_body(body), aliases=(body,))
    elif publisher and not set(re.findall(r"[a-z.]+", (ctx.info.publisher or "").lower())) & (
        GOVERNMENT_WORDS | COURT_WORDS
    ):
        read["outlet"] = _outlet_name(publisher)
    return read


def _outlet_name(name: str) -> str:
    return outlet_name(name).lower()


def _dateline(doc: Doc) -> Span | None:
    """A news dateline: capitals at the start of a paragraph, up to a dash."""
    dash = next((t for t in doc[:120] if is_dash(t)), None)
    if dash is None:
        return None
    start = dash.i
    while start > 0 and not doc[start - 1].is_space and dash.i - start < 8:
        start -= 1
    at_paragraph_start = start == 0 or doc[start - 1].is_space
    return doc[start : dash.i] if at_paragraph_start and doc[start].is_upper and doc[start].is_alpha else None


def _dateline_place(ctx: Context, span: Span) -> str | None:
    """The place a dateline names ("SEATTLE —", "BOISE, Idaho —", "ST. PAUL, Minn. —")."""
    city, _, state = span.text.strip(" ,").partition(",")
    # the state as written ("Idaho", "N.Y."), else the city alone (AP style "Mass." is no state code)
    places = gazetteer.lookup(f"{city.title()}, {state.strip()}") if state.strip() else []
    places = places or gazetteer.lookup(city.title())
    place = next((p for p in places if p.cls == "City"), places[0] if places else None)  # datelines name cities
    return place_key(ctx, place, place.name) if place else None


def _story_state(doc: Doc) -> str | None:
    """The state the text names more often than any other, anywhere in it: where a "Springfield" lies that is
    named before any state in a story about Massachusetts."""
    named = Counter(state.key for ent in doc.ents if ent.label_ == "GPE" and (state := gazetteer.state_named(ent.text)))
    ranked = named.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


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


# A memorandum's (or letter's) key, its sender and its addressees.
_Memo = tuple[str, tuple[str, ...], tuple[str, ...]]

# a header field, with the indented lines that continue it (one addressee per line)
_MEMO_LINE = re.compile(
    r"^(MEMORANDUM FOR|MEMORANDUM TO|TO|FOR|FROM|SUBJECT|RE)[ \t]*:[ \t]*(\S[^\n]*?(?:\n[ \t]+\S[^\n]*?)*)[ \t]*$",
    re.M | re.I,
)
_MEMO_FIELDS = {
    "memorandum for": "to",
    "memorandum to": "to",
    "to": "to",
    "for": "to",
    "from": "from",
    "subject": "subject",
    "re": "subject",
}
_SALUTATION = re.compile(r"^Dear ([^:\n]{2,80}):", re.M)


def _memo_header(ctx: Context) -> _Memo | None:
    """A memorandum's header ("MEMORANDUM FOR: ...", "FROM: ...", "SUBJECT: ...") makes the document
    that memorandum, from its sender to its addressees."""
    fields: dict[str, Span] = {}
    for match in _MEMO_LINE.finditer(ctx.text[:2000]):
        span = ctx.doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
        if span is not None:
            fields.setdefault(_MEMO_FIELDS[match.group(1).lower()], span)
    if "from" not in fields or "to" not in fields:
        return None
    subject = fields["subject"].text if "subject" in fields else (ctx.info.title or "memorandum")
    memo = ctx.add("Directive", subject, ctx.local_key("Directive", subject), aliases=("memorandum",))
    parties = set(BODY_CLASSES) | {"Person"} | JURISDICTION_CLASSES
    sender = ctx.keys_in(fields["from"], parties)[:1]
    addressees = []
    for line in lines_of(fields["to"]):
        # "Ms. Renata Baca, County Manager, Bernalillo County": the office a line ends on is the addressee
        named = ctx.keys_in(line, parties)
        institutions = [k for k in named if ctx.cls_of(k) != "Person"]
        addressees.append((institutions or named or [_header_body(ctx, line)])[-1])
    return memo, tuple(sender), tuple(dict.fromkeys(addressees))


def _letter_salutation(ctx: Context) -> _Memo | None:
    """A letter ("Dear Mayor Voss:") published by a body is that body's letter to the one it greets."""
    match = _SALUTATION.search(ctx.text[:3000])
    publisher = (ctx.info.publisher or "").split("(")[0]
    segments = [p.strip() for p in publisher.split(",") if set(p.lower().split()) & GOVERNMENT_WORDS]
    greeted = ctx.doc.char_span(match.start(1), match.end(1), alignment_mode="expand") if match else None
    addressees = ctx.keys_in(greeted, BODY_CLASSES | {"Person"}) if greeted is not None else []
    if greeted is not None and not addressees and all(t.is_title or t.is_punct for t in greeted):
        name = [t for t in greeted if t.lower_ not in ROLES and t.lower_ not in TITLE_WORDS]
        if name and len(name) <= 3 and name[-1].i == greeted.end - 1:  # "Dear Mayor Ed Voss:": the model missed it
            key = person(ctx, greeted.doc[name[0].i : greeted.end])
            ctx.mark(name[0].i, greeted.end, key)
            addressees = [key]
    head_sender, dated = _letterhead(ctx, greeted.start) if greeted is not None else (None, None)
    if not (segments or head_sender) or not addressees:
        return None
    letter = ctx.add("Directive", "letter", ctx.local_key("Directive", "letter"), aliases=("letter",))
    ctx.entities[letter].date = dated
    if head_sender is None:
        sender = segments[-1]  # "U.S. Department of Justice, Office of Justice Programs": the office that writes
        head_sender = ctx.add("GovernmentBody", canonical_body(sender), aliases=(sender,))
    return letter, (head_sender,), tuple(addressees[-1:])


def _letterhead(ctx: Context, end: int) -> tuple[str | None, str | None]:
    """The body whose letterhead heads a letter (the last of "U.S. Department of Justice / Office of Justice
    Programs"), and the date on its own line before the greeting."""
    sender = None
    for line in lines_of(ctx.doc[0:end]):
        keys = {ctx.key_of(t) for t in line if not t.is_punct}
        if len(keys) == 1 and ctx.is_a(key := keys.pop(), BODY_CLASSES):
            sender = key
        elif all(t.ent_type_ == "DATE" or t.is_punct for t in line) and (
            dated := resolve_date(line.text, ctx.reference)
        ):
            return sender, dated  # the letterhead ends at the date line
    return sender, None


def _header_body(ctx: Context, span: Span) -> str:
    """'All State Administering Agencies': the addressees a header names without NER seeing them."""
    text = re.sub(r"^(?:all|each|the)\s+", "", span.text.strip(), flags=re.I)
    words = set(re.findall(r"[a-z]+", text.lower()))
    cls = "GovernmentBody" if words & (GOVERNMENT_WORDS | {"agencies", "departments", "offices"}) else "Organization"
    key = ctx.add(cls, text, ctx.local_key(cls, text))
    ctx.mark(span.start, span.end, key)
    return key
